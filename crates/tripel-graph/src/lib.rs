//! tripel's graph side: extractions become RDF, RDF goes into the store, and answers and
//! exports come out of it.
//!
//! The modules follow the data, each importing only those above it in this list:
//!
//! * [`rdf`] — where a triple becomes RDF: the vocabulary and IRI minting ([`Iris`]), the one
//!   prefix table ([`PREFIXES`]), and the mapping of a document's mentions and facts to quads
//!   ([`rdf::mapping`]);
//! * [`jsonl`] — the JSONL contract that `tripel extract --format jsonl` prints and the
//!   scorer reads (the extraction with its IRIs);
//! * [`export::rdf`] — the RDF syntaxes ([`RdfFormat`]) and their serialisation;
//! * [`dataset`] — the one rule for which graphs a query sees (the union of all documents
//!   unless the request or the query names a dataset);
//! * `checkpoint` — the read-only checkpoints a RocksDB writer publishes after each commit,
//!   so that readers never wait for it (and never open a folder it writes);
//! * [`store`] — the Oxigraph store, one named graph per document ([`KgStore`]), opened for
//!   writing or for reading;
//! * [`results`] — SPARQL answers for people and for programs;
//! * [`export::dot`] — GraphViz pictures of the store;
//! * [`queries`] — the example questions in `queries/`.
//!
//! The extraction itself lives in `tripel_extract`, which knows nothing of IRIs or stores.

pub mod rdf;

pub mod jsonl;

pub mod export;

pub mod dataset;

#[cfg(feature = "rocksdb")]
mod checkpoint;

pub mod store;

pub mod results;

pub mod queries;

pub use dataset::RequestDataset;
pub use export::dot::{write_store_dot, DotError, DotOptions};
pub use export::rdf::{write_quads, RdfFormat};
pub use queries::ExampleQuery;
pub use rdf::mapping::{content_hash, document_quads};
pub use rdf::vocab::{Iris, DEFAULT_BASE, PREFIXES};
pub use results::{write_results, ResultsError, ResultsFormat};
pub use store::{DocumentGraph, KgStore, Rows, Stats, StoreError};
