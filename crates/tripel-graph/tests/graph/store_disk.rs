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

/// The checkpoint folders a store holds, without the pointer.
fn checkpoints(path: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path.join("checkpoints"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "CURRENT")
        .collect();
    names.sort();
    names
}

#[test]
fn readers_see_the_last_commit_while_the_writer_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let iris = Iris::default();
    let all = ["buys", "supplies", "invests"];
    let writer = KgStore::open(&path).unwrap();
    writer
        .replace_documents(&[graph(&iris, "a.txt", "", &all)])
        .unwrap();
    // Commits publish once a second on their own; this one is wanted now.
    writer.publish().unwrap();

    // Two readers at once, while the writer keeps its lock.
    let first = KgStore::open_read_only(&path).unwrap();
    let second = KgStore::open_read_only(&path).unwrap();
    assert!(first.is_read_only() && !writer.is_read_only());
    assert_eq!(first.stats().unwrap(), writer.stats().unwrap());
    assert_eq!(second.len().unwrap(), writer.len().unwrap());
    assert!(first.refreshed().unwrap().is_none(), "nothing new yet");

    // A reader keeps the state it opened; a refresh moves it to the next published commit.
    writer
        .replace_documents(&[graph(&iris, "b.txt", "", &all)])
        .unwrap();
    writer.publish().unwrap();
    assert_eq!(first.stats().unwrap().documents, 1);
    let newer = first.refreshed().unwrap().expect("a newer checkpoint");
    assert_eq!(newer.stats().unwrap().documents, 2);
    assert_eq!(
        KgStore::open_read_only(&path)
            .unwrap()
            .stats()
            .unwrap()
            .documents,
        2
    );

    // Readers do not write, and a writer still excludes a second writer.
    match first.remove_document("a.txt") {
        Err(StoreError::ReadOnly { path: p }) => assert_eq!(p, path),
        other => panic!("expected ReadOnly, got {other:?}"),
    }
    assert!(matches!(
        KgStore::open(&path),
        Err(StoreError::Locked { .. })
    ));
}

#[test]
fn checkpoints_in_use_stay_and_the_others_are_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let iris = Iris::default();
    let writer = KgStore::open(&path).unwrap();
    let pinned = KgStore::open_read_only(&path).unwrap();
    let before = pinned.len().unwrap();
    for id in ["a.txt", "b.txt", "c.txt"] {
        writer
            .replace_documents(&[graph(&iris, id, "", &["buys"])])
            .unwrap();
        writer.publish().unwrap();
    }
    // The reader's checkpoint and the latest one; the two in between are gone.
    assert_eq!(checkpoints(&path).len(), 2, "{:?}", checkpoints(&path));
    assert_eq!(
        pinned.len().unwrap(),
        before,
        "a pinned checkpoint is intact"
    );
    drop(pinned);
    writer.remove_document("c.txt").unwrap();
    // Commits in quick succession publish once a second, and the rest when the writer closes.
    drop(writer);
    assert_eq!(checkpoints(&path).len(), 1, "{:?}", checkpoints(&path));
    assert_eq!(
        KgStore::open_read_only(&path)
            .unwrap()
            .stats()
            .unwrap()
            .documents,
        2
    );
}

#[test]
fn a_store_without_checkpoints_is_read_after_publishing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let iris = Iris::default();
    {
        let writer = KgStore::open(&path).unwrap();
        writer
            .replace_documents(&[graph(&iris, "a.txt", "", &["buys"])])
            .unwrap();
    }
    // What tripel wrote before checkpoints existed: the RocksDB folder alone.
    std::fs::remove_dir_all(path.join("checkpoints")).unwrap();

    // While a writer of that older version holds it, a reader cannot make the first
    // checkpoint and says so.
    let old_writer = oxigraph::store::Store::open(&path).unwrap();
    match KgStore::open_read_only(&path) {
        Err(StoreError::Locked { path: p }) => assert_eq!(p, path),
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(old_writer);

    let reader = KgStore::open_read_only(&path).unwrap();
    assert_eq!(reader.stats().unwrap().documents, 1);
    assert_eq!(checkpoints(&path).len(), 1);
}

#[test]
fn a_missing_store_is_not_created_by_a_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nothing-here");
    assert!(matches!(
        KgStore::open_read_only(&path),
        Err(StoreError::Missing { .. })
    ));
    assert!(!path.exists());
}
