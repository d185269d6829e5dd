//! tripel: German and English news in, a queryable RDF knowledge graph out.
//!
//! The modules follow the pipeline: text → segmentation → entities → relations →
//! resolution → RDF → store → query/export.
//!
//! * [`input`] reads documents; [`text`] segments them and finds numbers, money and dates;
//! * [`extract`] recognises entities and matches relation patterns, [`resolve`] merges the
//!   names of one entity, [`pipeline`] runs these stages and returns [`model`] values;
//! * [`lexicon`] loads the language data in `data/` that all stages consult;
//! * [`rdf`] maps extractions to quads, [`store`] keeps them (one named graph per document);
//! * [`results`] prints SPARQL answers, [`export`] writes RDF files and DOT pictures;
//! * [`server`] serves the store over the SPARQL 1.1 Protocol with an explorer page;
//! * [`cli`] wires it all to the `tripel` command.

pub mod cli;
pub mod export;
pub mod extract;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod queries;
pub mod rdf;
pub mod resolve;
pub mod results;
pub mod server;
pub mod store;
pub mod text;
