//! Extraction proper: entity recognition, the relation pattern language, and its matcher.

pub mod entities;
pub mod patterns;
pub mod relations;
