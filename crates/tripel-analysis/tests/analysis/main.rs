//! The analysis crate's integration tests, in one binary: CoNLL-U round trips, the manifest
//! against the model files, tiny deterministic training runs, and the shipped tagger, parser
//! and name recognizer on invented sentences, and the three shared between threads.

mod conllu_roundtrip;
mod manifest;
mod ner;
mod parser;
mod shipped;
mod threads;
mod train_tiny;

use tripel_analysis::conllu;

/// The invented sentences of `tiny` (CoNLL-U), then the first `n` sentences of GSD dev when the
/// training data is on this machine: a slice small enough to train on in a test.
fn tiny_slice(tiny: &str, n: usize) -> Vec<conllu::Sentence> {
    let mut sents = conllu::read(tiny).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/train/ud/de_gsd-ud-dev.conllu");
    if let Ok(text) = std::fs::read_to_string(path) {
        sents.extend(conllu::read(&text).unwrap().into_iter().take(n));
    }
    sents
}
