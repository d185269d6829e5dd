//! The graph crate's integration tests, in one binary so that RocksDB is linked once:
//! RDF mapping and the store ([`store`], [`store_disk`]), DOT export ([`dot`]) and the example
//! queries over the seed graph ([`queries`]).

mod common;
mod dot;
mod queries;
mod store;
mod store_disk;
