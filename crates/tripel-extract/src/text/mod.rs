//! Text analysis below the entity level: segmentation, language, numbers, money and dates,
//! and the learned syntax of a sentence ([`syntax`]).

pub mod lang;
pub mod numbers;
pub mod segment;
pub mod syntax;
