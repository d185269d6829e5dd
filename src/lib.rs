//! tripel: German and English news in, a queryable RDF knowledge graph out.
//!
//! This crate is the `tripel` command. The work happens in three library crates, which it
//! re-exports:
//!
//! * [`extract`] (`tripel-extract`): text → analysis → entities → relations → resolution →
//!   [`extract::Extraction`]. No store, no RDF, no server.
//! * [`graph`] (`tripel-graph`): extractions as RDF, the Oxigraph store, SPARQL results, RDF
//!   and GraphViz export.
//! * [`server`] (`tripel-server`): the SPARQL endpoint and explorer page of `tripel serve`.
//!
//! Here live only what the command line needs on top: [`input`] reads files, folders, stdin
//! and JSONL into documents, [`analyze`] joins the extraction crate's segmentation to the
//! learned models of `tripel-analysis` for `tripel analyze`, [`push`] sends the store to
//! another SPARQL store, and [`cli`] defines the commands and runs them.

pub use tripel_extract as extract;
pub use tripel_graph as graph;
pub use tripel_server as server;

pub mod analyze;
pub mod cli;
pub mod input;
pub mod push;
