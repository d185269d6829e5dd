//! tripel's graph side: extractions become RDF, RDF goes into the store, and answers and
//! exports come out of it.
//!
//! The modules follow the data, each importing only those above it in this list:
//!
//! * [`rdf`] — where a triple becomes RDF: the vocabulary and IRI minting ([`Iris`]), the one
//!   prefix table ([`rdf::vocab::PREFIXES`]), and the mapping of a document's mentions and
//!   facts to quads ([`rdf::mapping`]);
//! * [`jsonl`] — the JSONL contract that `tripel extract --format jsonl` prints and the
//!   scorer reads (the extraction with its IRIs);
//! * [`export::rdf`] — the RDF syntaxes ([`RdfExportFormat`]) and their serialisation;
//! * [`store`] — the Oxigraph store, one named graph per document ([`KgStore`]);
//! * [`results`] — SPARQL answers for people and for programs;
//! * [`export::dot`] — GraphViz pictures of the store;
//! * [`queries`] — the example questions in `queries/`.
//!
//! The extraction itself lives in `tripel_extract`, which knows nothing of IRIs or stores.

pub mod rdf;

pub mod jsonl;

pub mod export;

pub mod store;

pub mod results;

pub mod queries;

pub use export::rdf::RdfExportFormat;
pub use rdf::mapping::{content_hash, document_quads};
pub use rdf::vocab::Iris;
pub use store::{DocumentGraph, KgStore, StoreError};
