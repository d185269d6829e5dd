//! tripel: German and English news in, a queryable RDF knowledge graph out.
//!
//! The modules follow the pipeline: text → segmentation → entities → relations →
//! resolution → RDF → store → query/export.

pub mod model;
pub mod pipeline;
pub mod rdf;
pub mod server;
