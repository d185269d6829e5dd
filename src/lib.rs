//! tripel: German and English news in, a queryable RDF knowledge graph out.
//!
//! The modules follow the pipeline: text → segmentation → entities → relations →
//! resolution → RDF → store → query/export.
//!
//! * [`input`] reads documents, [`pipeline`] extracts [`model`] values from them;
//! * [`rdf`] maps them to quads, [`store`] keeps them (one named graph per document);
//! * [`results`] prints SPARQL answers, [`export`] writes RDF files and DOT pictures;
//! * [`cli`] wires it all to the `tripel` command.

pub mod cli;
pub mod export;
pub mod input;
pub mod model;
pub mod pipeline;
pub mod rdf;
pub mod results;
pub mod store;
