//! Text analysis below the entity level: segmentation, language, numbers, money and dates.

pub mod lang;
pub mod numbers;
pub mod segment;
