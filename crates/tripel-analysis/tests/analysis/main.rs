//! The analysis crate's integration tests, in one binary: CoNLL-U round trips, the manifest
//! against the model files, tiny deterministic training runs, and the shipped tagger, parser
//! and name recognizer on invented sentences.

mod conllu_roundtrip;
mod manifest;
mod ner;
mod parser;
mod shipped;
mod train_tiny;
