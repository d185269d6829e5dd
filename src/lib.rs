//! tripel: German and English news in, a queryable RDF knowledge graph out.
//!
//! The modules follow the pipeline: text → segmentation → entities → relations →
//! resolution → RDF → store → query/export.

pub mod extract;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod rdf;
pub mod resolve;
pub mod server;
pub mod text;
