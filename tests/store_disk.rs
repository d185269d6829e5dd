//! The on-disk (RocksDB) store: persistence across reopen, the cross-process lock, and
//! incremental replacement.
#![cfg(feature = "rocksdb")]

mod common;

use std::process::Command;
use tripel::rdf::mapping::{content_hash, document_quads};
use tripel::rdf::vocab::Iris;
use tripel::store::{DocumentGraph, KgStore, StoreError};

fn graph(iris: &Iris, id: &str, extra: &str, keep: &[&str]) -> DocumentGraph {
    let (mut doc, mut ex) = common::meta_doc(iris, id);
    doc.text.push_str(extra);
    ex.facts.retain(|f| keep.contains(&f.predicate.as_str()));
    DocumentGraph {
        graph: iris.document(id),
        quads: document_quads(iris, &doc, &ex, &content_hash(&doc.text)),
    }
}

#[test]
fn data_survives_reopen_and_replacement_is_incremental() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let iris = Iris::default();
    let all = ["buys", "supplies", "invests"];
    let (len, stats) = {
        let store = KgStore::open(&path).unwrap();
        store
            .replace_documents(&[
                graph(&iris, "a.txt", "", &all),
                graph(&iris, "b.txt", "", &all),
            ])
            .unwrap();
        (store.len().unwrap(), store.stats().unwrap())
    };
    assert_eq!((stats.documents, stats.facts), (2, 6));

    let store = KgStore::open(&path).unwrap();
    // Same content, and the ontology was not loaded a second time.
    assert_eq!(store.len().unwrap(), len);
    assert_eq!(store.stats().unwrap(), stats);

    // Replace a.txt with a version holding one fact; b.txt is untouched.
    let changed = graph(&iris, "a.txt", " Neu.", &["buys"]);
    store.replace_documents(&[changed]).unwrap();
    drop(store);

    let store = KgStore::open(&path).unwrap();
    let s = store.stats().unwrap();
    assert_eq!((s.documents, s.facts), (2, 4));
    let (doc, _) = common::meta_doc(&iris, "a.txt");
    assert_eq!(
        store.document_hash(&iris.document("a.txt")).unwrap(),
        Some(content_hash(&format!("{} Neu.", doc.text)))
    );
    assert!(store.remove_document("a.txt").unwrap());
    drop(store);
    let store = KgStore::open(&path).unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn a_second_process_gets_a_clear_lock_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let held = KgStore::open(&path).unwrap();

    // In-process second open: RocksDB refuses as well.
    match KgStore::open(&path) {
        Err(StoreError::Locked { path: p }) => assert_eq!(p, path),
        other => panic!("expected Locked, got {other:?}"),
    }

    // Another process: the tripel binary.
    let out = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(&path)
        .arg("stats")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr,
        format!(
            "tripel: store {} is in use by another tripel process\n",
            path.display()
        )
    );
    drop(held);

    // Released: the binary can open it now.
    let out = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(&path)
        .arg("stats")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
