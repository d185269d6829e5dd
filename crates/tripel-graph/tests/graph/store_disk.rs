//! The on-disk (RocksDB) store: persistence across reopen, the cross-process lock, and
//! incremental replacement.
#![cfg(feature = "rocksdb")]

use tripel_graph::{content_hash, document_quads, DocumentGraph, Iris, KgStore, StoreError};

fn graph(iris: &Iris, id: &str, extra: &str, keep: &[&str]) -> DocumentGraph {
    let (mut doc, mut ex) = crate::common::meta_doc(id);
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
    let (doc, _) = crate::common::meta_doc("a.txt");
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
fn a_second_open_gets_a_clear_lock_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let held = KgStore::open(&path).unwrap();
    // RocksDB refuses a second open of the folder, in this process as in another one (the CLI
    // tests check the other process).
    match KgStore::open(&path) {
        Err(StoreError::Locked { path: p }) => assert_eq!(p, path),
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(held);
    assert!(KgStore::open(&path).is_ok());
}
