//! The knowledge graph store: the only module that knows Oxigraph's `Store` API.
//!
//! Layout: one named graph per document (its IRI is the document IRI, see
//! [`crate::rdf::mapping`]) plus the ontology in [`ONTOLOGY_GRAPH`]. Queries see the union of
//! all graphs as their default graph ([`crate::dataset`]), so users never need `GRAPH` clauses.
//!
//! Three backends sit behind one type, [`KgStore`]:
//!
//! * **on disk** (feature `rocksdb`, the default): Oxigraph's RocksDB store in a folder. RocksDB
//!   takes a lock on the folder, so a second writer gets [`StoreError::Locked`]. After every
//!   commit the writer publishes a read-only checkpoint (`crate::checkpoint`).
//! * **snapshot** (builds without `rocksdb`): the same folder holds an N-Quads file
//!   (`store.nq`) that is loaded into memory on open and rewritten atomically (temp file +
//!   rename) after every committed change. It exists so that the CLI works, and is tested,
//!   without the 20-minute C++ build; it takes no lock and suits small graphs only.
//! * **in memory** ([`KgStore::in_memory`]): for tests and one-shot use.
//!
//! A store is opened either **for writing** ([`KgStore::open`], [`KgStore::open_existing`]:
//! one process at a time) or **for reading** ([`KgStore::open_read_only`]: any number of
//! processes, also while a writer writes, also on a full disk). A reader sees the state of
//! the last commit published before it opened; [`KgStore::refreshed`] moves it to a newer one.
//!
//! Writes go through [`KgStore::replace_documents`], which replaces many documents in a
//! single transaction: either the whole batch lands or nothing changes.

use crate::dataset::{self, RequestDataset};
use crate::export::rdf::{write_quads, RdfFormat};
use crate::rdf::identity::identity_quads;
use crate::rdf::vocab::{Iris, ONTOLOGY, PREFIXES, RDFS, SCHEMA};
use oxigraph::io::RdfParser;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::{StorageError, Store};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use tripel_extract::identity::{self, SameAs};
use tripel_extract::{EntityType, Lexicon};

pub use oxigraph::sparql::QueryEvaluationError;

/// The named graph that holds the ontology (`data/ontology.ttl`).
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/tripel/ontology";

/// The ontology (`data/ontology.ttl`), so that every store can explain its own predicates.
/// Embedded once, by the extraction crate, which checks the patterns' predicates against it.
pub use tripel_extract::ontology::ONTOLOGY_TTL;

/// Name of the N-Quads file of the snapshot backend inside the store folder.
#[cfg(not(feature = "rocksdb"))]
pub const SNAPSHOT_FILE: &str = "store.nq";

/// What can go wrong with the store. Every message is one line that names the store or the
/// query position, so the CLI can print it as is.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process holds the store's lock.
    #[error("store {} is in use by another tripel process", .path.display())]
    Locked {
        /// The store folder.
        path: PathBuf,
    },
    /// The store folder does not exist (and the command does not create one).
    #[error("no store at {}: run `tripel build` first (or pass --store DIR)", .path.display())]
    Missing {
        /// The store folder.
        path: PathBuf,
    },
    /// The store could not be opened.
    #[error("cannot open store {}: {message}", .path.display())]
    Open {
        /// The store folder.
        path: PathBuf,
        /// Why, on one line.
        message: String,
    },
    /// A read or write failed.
    #[error("store error: {0}")]
    Storage(#[from] StorageError),
    /// The SPARQL text does not parse.
    #[error("invalid SPARQL{}: {message}", position_text(*.line, *.column, .near))]
    Syntax {
        /// 1-based line of the error, when known.
        line: Option<usize>,
        /// 1-based column of the error, when known.
        column: Option<usize>,
        /// The query text at the error position (a short excerpt).
        near: String,
        /// What the parser expected.
        message: String,
    },
    /// The query parsed but failed while running.
    #[error("query failed: {0}")]
    Query(#[from] QueryEvaluationError),
    /// Writing a dump or the snapshot failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A write was attempted on a store opened for reading.
    #[error("store {} is open read-only: writing needs `KgStore::open`", .path.display())]
    ReadOnly {
        /// The store folder.
        path: PathBuf,
    },
    /// A change was committed but readers could not be shown it: they keep reading the state
    /// before it until a later commit publishes again.
    #[error("store {}: committed, but publishing the new state to readers failed: {message}", .path.display())]
    Publish {
        /// The store folder.
        path: PathBuf,
        /// Why, on one line.
        message: String,
    },
}

fn position_text(line: Option<usize>, column: Option<usize>, near: &str) -> String {
    let mut s = String::new();
    if let (Some(l), Some(c)) = (line, column) {
        s.push_str(&format!(" at line {l}, column {c}"));
    }
    if !near.is_empty() {
        s.push_str(&format!(" (near `{near}`)"));
    }
    s
}

/// Result alias for store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The quads of one document, to be written as its named graph.
#[derive(Debug, Clone)]
pub struct DocumentGraph {
    /// The document IRI, which is also the graph name.
    pub graph: String,
    /// Every quad of the document (their graph name should be `graph`; it is forced anyway).
    pub quads: Vec<Quad>,
}

/// Counts over the whole store, for `tripel stats` and build summaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Number of `tri:Document`s.
    pub documents: u64,
    /// Distinct mentioned entities.
    pub entities: u64,
    /// Distinct mentioned entities per schema.org class (local name), most frequent first.
    pub entities_by_type: Vec<(String, u64)>,
    /// Number of `tri:Fact`s.
    pub facts: u64,
    /// Facts per predicate (local name of `tri:` predicates, full IRI otherwise), most frequent first.
    pub facts_by_predicate: Vec<(String, u64)>,
    /// Quads in the store, ontology included.
    pub quads: u64,
}

/// Rows of a SELECT query as plain values, for code that wants data rather than a serializer.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Variable names, in projection order.
    pub variables: Vec<String>,
    /// One entry per solution; `None` where a variable is unbound.
    pub rows: Vec<Vec<Option<Term>>>,
}

#[derive(Debug, Clone)]
enum Backend {
    Memory,
    /// The writer's RocksDB folder, and what publishes its commits as checkpoints.
    #[cfg(feature = "rocksdb")]
    Disk(PathBuf, std::sync::Arc<crate::checkpoint::Publisher>),
    /// A reader: a pinned checkpoint of the store in `dir`, opened read-only.
    #[cfg(feature = "rocksdb")]
    Checkpoint {
        dir: PathBuf,
        pinned: std::sync::Arc<crate::checkpoint::Pinned>,
    },
    #[cfg(not(feature = "rocksdb"))]
    Snapshot {
        dir: PathBuf,
        read_only: bool,
        /// For a reader: the snapshot file's modification time when it was read, so that
        /// [`KgStore::refreshed`] sees when a writer has replaced it.
        loaded: Option<std::time::SystemTime>,
    },
}

/// The tripel knowledge graph: an Oxigraph store with the ontology loaded.
///
/// ```
/// use tripel_graph::KgStore;
/// let store = KgStore::in_memory().unwrap();
/// let rows = store.select("SELECT ?l WHERE { <https://w3id.org/tripel/ontology#buys> rdfs:label ?l FILTER(lang(?l) = 'en') }").unwrap();
/// assert_eq!(rows.rows.len(), 1);
/// ```
#[derive(Clone)]
pub struct KgStore {
    store: Store,
    backend: Backend,
}

impl std::fmt::Debug for KgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KgStore")
            .field("backend", &self.backend)
            .finish()
    }
}

/// An Oxigraph store tripel did not open (a test's, another program's): read and written as
/// it is, with no ontology added and no checkpoints published.
impl From<Store> for KgStore {
    fn from(store: Store) -> Self {
        Self {
            store,
            backend: Backend::Memory,
        }
    }
}

impl KgStore {
    /// A fresh in-memory store with the ontology loaded.
    pub fn in_memory() -> Result<Self> {
        let kg = Self {
            store: Store::new()?,
            backend: Backend::Memory,
        };
        kg.ensure_ontology()?;
        Ok(kg)
    }

    /// Opens (creating it if needed) the store in folder `dir`.
    ///
    /// With the `rocksdb` feature this is Oxigraph's on-disk store and fails with
    /// [`StoreError::Locked`] while another process has it open; without it, the N-Quads
    /// snapshot described in the module docs.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
            path: dir.to_owned(),
            message: e.to_string(),
        })?;
        let kg = Self::open_backend(dir)?;
        kg.ensure_ontology()?;
        Ok(kg)
    }

    /// Like [`KgStore::open`], but fails with [`StoreError::Missing`] instead of creating a
    /// store: read-only commands should not leave empty stores behind after a typo.
    pub fn open_existing(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(StoreError::Missing {
                path: dir.to_owned(),
            });
        }
        Self::open(dir)
    }

    /// Opens the store in folder `dir` for reading: any number of readers at once, while a
    /// writer writes, and on a full disk. Takes no writer lock; writes fail with
    /// [`StoreError::ReadOnly`].
    ///
    /// With RocksDB this opens the latest published checkpoint (see the module docs), so a
    /// reader sees the last commit before it opened. A store written before checkpoints
    /// existed has none yet: then this opens it for writing once, to publish the first one,
    /// and fails with [`StoreError::Locked`] if a writer (of that older version) holds it. A
    /// commit a dead writer left unpublished is published first, the same way.
    /// Without RocksDB it loads the snapshot file, which is replaced atomically.
    pub fn open_read_only(dir: &Path) -> Result<Self> {
        if !dir.is_dir() {
            return Err(StoreError::Missing {
                path: dir.to_owned(),
            });
        }
        Self::open_reader(dir)
    }

    #[cfg(feature = "rocksdb")]
    fn open_reader(dir: &Path) -> Result<Self> {
        let open_error = |e: &dyn std::fmt::Display| StoreError::Open {
            path: dir.to_owned(),
            message: first_line(&e.to_string()),
        };
        // A writer that died before publishing its last commits (killed, disk full) left them
        // unpublished: opening for writing publishes them, when no writer holds the store. A
        // running writer publishes by itself; on a full disk the open fails and readers see
        // the last published state.
        if crate::checkpoint::pending(dir) {
            if let Ok(writer) = Self::open_existing(dir) {
                drop(writer);
            }
        }
        // A new writer publishes right after taking the lock, so a store without a pointer
        // whose lock is held gets one within moments; an older tripel's writer never does.
        let patience = std::time::Instant::now() + std::time::Duration::from_secs(2);
        loop {
            if let Some(pinned) = crate::checkpoint::pin_latest(dir).map_err(|e| open_error(&e))? {
                let store = Store::open_read_only(&pinned.path).map_err(|e| open_error(&e))?;
                return Ok(Self {
                    store,
                    backend: Backend::Checkpoint {
                        dir: dir.to_owned(),
                        pinned: std::sync::Arc::new(pinned),
                    },
                });
            }
            match Self::open(dir) {
                // Opening for writing published the first checkpoint; read it.
                Ok(writer) => drop(writer),
                Err(StoreError::Locked { .. }) if std::time::Instant::now() < patience => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Err(e) => return Err(e),
            }
        }
    }

    #[cfg(not(feature = "rocksdb"))]
    fn open_reader(dir: &Path) -> Result<Self> {
        // Stamped before reading: a replacement after this moment is seen by `refreshed`.
        let loaded = Self::snapshot_time(dir);
        let mut kg = Self::open_backend(dir)?;
        kg.backend = Backend::Snapshot {
            dir: dir.to_owned(),
            read_only: true,
            loaded,
        };
        Ok(kg)
    }

    /// When the snapshot file in `dir` was last replaced (`None`: no file yet).
    #[cfg(not(feature = "rocksdb"))]
    fn snapshot_time(dir: &Path) -> Option<std::time::SystemTime> {
        std::fs::metadata(dir.join(SNAPSHOT_FILE))
            .and_then(|m| m.modified())
            .ok()
    }

    /// For a store opened with [`KgStore::open_read_only`]: the same store at the latest
    /// published state, when a writer has published a newer one since this one was opened;
    /// `None` when this is still the latest (and always for stores opened for writing, which
    /// see every commit anyway). The server calls it per request, so that a read-only
    /// endpoint follows a running `build`.
    pub fn refreshed(&self) -> Result<Option<Self>> {
        #[cfg(feature = "rocksdb")]
        if let Backend::Checkpoint { dir, pinned } = &self.backend {
            let latest = crate::checkpoint::latest(dir).map_err(|e| StoreError::Open {
                path: dir.clone(),
                message: e.to_string(),
            })?;
            if latest.as_deref() != Some(pinned.name.as_str()) {
                return Self::open_reader(dir).map(Some);
            }
        }
        #[cfg(not(feature = "rocksdb"))]
        if let Backend::Snapshot {
            dir,
            read_only: true,
            loaded,
        } = &self.backend
        {
            // The writer replaces the file by a rename, so a new time means a whole new state.
            if Self::snapshot_time(dir) != *loaded {
                return Self::open_reader(dir).map(Some);
            }
        }
        Ok(None)
    }

    /// Whether writes are refused: the store was opened with [`KgStore::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        match &self.backend {
            #[cfg(feature = "rocksdb")]
            Backend::Checkpoint { .. } => true,
            #[cfg(not(feature = "rocksdb"))]
            Backend::Snapshot { read_only, .. } => *read_only,
            _ => false,
        }
    }

    fn check_writable(&self) -> Result<()> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.path().map(Path::to_owned).unwrap_or_default(),
            });
        }
        Ok(())
    }

    #[cfg(feature = "rocksdb")]
    fn open_backend(dir: &Path) -> Result<Self> {
        match Store::open(dir) {
            Ok(store) => {
                // A store from before checkpoints, or one whose last writer died between a
                // commit and its publication, is published now.
                let publisher = crate::checkpoint::Publisher::open(&store, dir).map_err(|e| {
                    StoreError::Publish {
                        path: dir.to_owned(),
                        message: first_line(&e.to_string()),
                    }
                })?;
                Ok(Self {
                    store,
                    backend: Backend::Disk(dir.to_owned(), std::sync::Arc::new(publisher)),
                })
            }
            Err(e) => {
                let message = e.to_string();
                // RocksDB reports its folder lock only as text ("While lock file: …/LOCK:
                // Resource temporarily unavailable"); there is no error code to match.
                if message.to_lowercase().contains("lock") {
                    Err(StoreError::Locked {
                        path: dir.to_owned(),
                    })
                } else {
                    Err(StoreError::Open {
                        path: dir.to_owned(),
                        message: first_line(&message),
                    })
                }
            }
        }
    }

    #[cfg(not(feature = "rocksdb"))]
    fn open_backend(dir: &Path) -> Result<Self> {
        let store = Store::new()?;
        let file = dir.join(SNAPSHOT_FILE);
        match std::fs::File::open(&file) {
            Ok(f) => store
                .load_from_reader(oxigraph::io::RdfFormat::NQuads, std::io::BufReader::new(f))
                .map_err(|e| StoreError::Open {
                    path: dir.to_owned(),
                    message: first_line(&e.to_string()),
                })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StoreError::Open {
                    path: dir.to_owned(),
                    message: e.to_string(),
                })
            }
        }
        Ok(Self {
            store,
            backend: Backend::Snapshot {
                dir: dir.to_owned(),
                read_only: false,
                loaded: None,
            },
        })
    }

    /// The underlying Oxigraph store, for components that speak Oxigraph's API directly (the
    /// HTTP endpoint). Its default graph is not the union: ask [`KgStore::query`] for that.
    /// Code that writes through it calls [`KgStore::publish`] after each commit.
    pub fn oxigraph(&self) -> &Store {
        &self.store
    }

    /// The store folder, `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        match &self.backend {
            Backend::Memory => None,
            #[cfg(feature = "rocksdb")]
            Backend::Disk(p, _) | Backend::Checkpoint { dir: p, .. } => Some(p),
            #[cfg(not(feature = "rocksdb"))]
            Backend::Snapshot { dir: p, .. } => Some(p),
        }
    }

    /// Loads the embedded ontology into [`ONTOLOGY_GRAPH`] unless this exact version is there.
    ///
    /// A marker quad (`<graph> tri:contentHash "<sha256 of the Turtle>"`) records the loaded
    /// version, so an upgraded binary replaces an old ontology and an unchanged one costs a
    /// single lookup.
    fn ensure_ontology(&self) -> Result<()> {
        let graph = NamedNode::new_unchecked(ONTOLOGY_GRAPH);
        let marker = Quad::new(
            graph.clone(),
            tri("contentHash"),
            Literal::new_simple_literal(crate::rdf::mapping::content_hash(ONTOLOGY_TTL)),
            graph.clone(),
        );
        if self.store.contains(&marker)? {
            return Ok(());
        }
        self.check_writable()?;
        let quads = ontology_quads(&graph).map_err(|e| StoreError::Open {
            path: self.path().map(Path::to_owned).unwrap_or_default(),
            message: format!("embedded ontology does not parse: {e}"),
        })?;
        self.before_commit()?;
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(&graph)?;
        tx.extend(&quads);
        tx.insert(&marker);
        tx.commit()?;
        self.after_commit()
    }

    /// Marks the store as ahead of its readers (see `crate::checkpoint`).
    fn before_commit(&self) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        if let Backend::Disk(dir, publisher) = &self.backend {
            publisher.before_commit().map_err(|e| StoreError::Open {
                path: dir.clone(),
                message: e.to_string(),
            })?;
        }
        Ok(())
    }

    /// Publishes a commit to readers: the snapshot file at once, a RocksDB checkpoint when
    /// the last one is a second old (the rest is published by [`KgStore::publish`] or when
    /// the writer closes).
    fn after_commit(&self) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        if let Backend::Disk(dir, publisher) = &self.backend {
            publisher.after_commit().map_err(|e| StoreError::Publish {
                path: dir.clone(),
                message: first_line(&e.to_string()),
            })?;
        }
        #[cfg(not(feature = "rocksdb"))]
        self.publish()?;
        Ok(())
    }

    /// Makes the committed state visible to readers ([`KgStore::open_read_only`]) now:
    /// publishes a RocksDB checkpoint, or rewrites the snapshot file. The write methods of
    /// this type publish at most once a second on their own and the rest when the store is
    /// closed; call this where readers must see a commit at once. Code that writes through
    /// [`KgStore::oxigraph`] (the endpoint's SPARQL Update) calls it after each commit.
    /// Nothing to do for an in-memory store.
    pub fn publish(&self) -> Result<()> {
        #[cfg(feature = "rocksdb")]
        if let Backend::Disk(dir, publisher) = &self.backend {
            let publish_error = |e: &dyn std::fmt::Display| StoreError::Publish {
                path: dir.clone(),
                message: first_line(&e.to_string()),
            };
            // A write made behind this type's back is not known to be pending.
            publisher.before_commit().map_err(|e| publish_error(&e))?;
            publisher.publish().map_err(|e| publish_error(&e))?;
        }
        #[cfg(not(feature = "rocksdb"))]
        if let Backend::Snapshot {
            dir,
            read_only: false,
            ..
        } = &self.backend
        {
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            {
                let mut w = std::io::BufWriter::new(tmp.as_file_mut());
                for q in self.store.iter() {
                    writeln!(w, "{} .", q?)?;
                }
                w.flush()?;
            }
            tmp.as_file().sync_all()?;
            tmp.persist(dir.join(SNAPSHOT_FILE))
                .map_err(|e| StoreError::Io(e.error))?;
        }
        Ok(())
    }

    /// The content hash recorded for a document (`tri:contentHash` in its graph), if stored.
    pub fn document_hash(&self, doc_iri: &str) -> Result<Option<String>> {
        self.document_value(doc_iri, "contentHash")
    }

    /// The document id recorded for a document IRI (`tri:docId`), if stored. Two ids can slug
    /// to the same IRI (`a.txt`, `a txt`); callers compare this to catch that.
    pub fn document_id(&self, doc_iri: &str) -> Result<Option<String>> {
        self.document_value(doc_iri, "docId")
    }

    fn document_value(&self, doc_iri: &str, property: &str) -> Result<Option<String>> {
        let Ok(doc) = NamedNodeRef::new(doc_iri) else {
            return Ok(None);
        };
        let property = tri(property);
        for q in self.store.quads_for_pattern(
            Some(doc.into()),
            Some(property.as_ref()),
            None,
            Some(GraphNameRef::NamedNode(doc)),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(Some(l.value().to_owned()));
            }
        }
        Ok(None)
    }

    /// Replaces the graphs of all listed documents in ONE transaction: each graph is cleared
    /// and refilled with its quads. On error nothing changes.
    pub fn replace_documents(&self, batch: &[DocumentGraph]) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        self.check_writable()?;
        self.before_commit()?;
        let mut tx = self.store.start_transaction()?;
        for doc in batch {
            let graph = NamedNode::new_unchecked(doc.graph.as_str());
            tx.clear_graph(&graph)?;
            let g = GraphNameRef::NamedNode(graph.as_ref());
            tx.extend(
                doc.quads
                    .iter()
                    .map(|q| QuadRef::new(&q.subject, &q.predicate, &q.object, g)),
            );
        }
        tx.commit()?;
        self.after_commit()
    }

    /// Recomputes the cross-document identity links ([`tripel_extract::identity`]) from the
    /// entities now in the store and replaces [`Iris::identity_graph`] with them, in one
    /// transaction. `build` and `remove` call it after their last change, so the links are a
    /// function of the set of documents, whatever the order or batches. Returns the number of
    /// links.
    pub fn refresh_identity(&self, iris: &Iris, lex: &Lexicon) -> Result<usize> {
        let rows = self.select(
            "SELECT DISTINCT ?e ?l ?t WHERE { ?e tri:mentionedIn ?d ; rdfs:label ?l ; a ?t }",
        )?;
        let mut present = HashSet::new();
        let mut entities = Vec::new();
        for r in &rows.rows {
            if let (Some(Term::NamedNode(e)), Some(Term::Literal(l)), Some(Term::NamedNode(t))) =
                (&r[0], &r[1], &r[2])
            {
                present.insert(e.as_str().to_owned());
                if let Some(kind) = t
                    .as_str()
                    .strip_prefix(SCHEMA)
                    .and_then(EntityType::from_schema_name)
                {
                    entities.push((l.value().to_owned(), kind));
                }
            }
        }
        let links: Vec<SameAs> =
            identity::same_as(entities.iter().map(|(l, k)| (l.as_str(), *k)), lex)
                .into_iter()
                .filter(|l| {
                    present.contains(&iris.entity(&l.alias))
                        && present.contains(&iris.entity(&l.canonical))
                })
                .collect();
        let graph = NamedNode::new_unchecked(iris.identity_graph());
        let quads = identity_quads(iris, &links);
        self.check_writable()?;
        self.before_commit()?;
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(&graph)?;
        tx.extend(quads.iter().map(|q| q.as_ref()));
        tx.commit()?;
        self.after_commit()?;
        Ok(links.len())
    }

    /// Removes a document's graph. `doc` is a document id (`a.txt`, matched against
    /// `tri:docId`) or a document IRI. Returns whether anything was removed.
    pub fn remove_document(&self, doc: &str) -> Result<bool> {
        self.check_writable()?;
        let mut graphs: Vec<NamedOrBlankNode> = Vec::new();
        let doc_id = tri("docId");
        let id = Literal::new_simple_literal(doc);
        for q in self.store.quads_for_pattern(
            None,
            Some(doc_id.as_ref()),
            Some(id.as_ref().into()),
            None,
        ) {
            if let GraphName::NamedNode(g) = q?.graph_name {
                graphs.push(g.into());
            }
        }
        if let Ok(iri) = NamedNode::new(doc) {
            if self.store.contains_named_graph(&iri)? {
                graphs.push(iri.into());
            }
        }
        // The ontology is not a document, whatever the argument says.
        graphs.retain(|g| g.to_string() != format!("<{ONTOLOGY_GRAPH}>"));
        if graphs.is_empty() {
            return Ok(false);
        }
        self.before_commit()?;
        let mut tx = self.store.start_transaction()?;
        for g in &graphs {
            tx.remove_named_graph(g)?;
        }
        tx.commit()?;
        self.after_commit()?;
        Ok(true)
    }

    /// Parses and runs a SPARQL query with the union of all graphs as the default graph
    /// (unless it has `FROM`/`FROM NAMED`: [`crate::dataset`]).
    ///
    /// The [`PREFIXES`] (`tri:`, `schema:`, `rdf:`, `rdfs:`, `skos:`, `xsd:`, `owl:`, `prov:`)
    /// are predeclared. A syntax error becomes [`StoreError::Syntax`] with the position.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in PREFIXES {
            evaluator = evaluator
                .with_prefix(*prefix, *iri)
                .expect("built-in prefixes are valid IRIs");
        }
        let mut prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| syntax_error(sparql, &e))?;
        dataset::apply(prepared.dataset_mut(), &RequestDataset::default());
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// Runs a SELECT query and collects its solutions.
    pub fn select(&self, sparql: &str) -> Result<Rows> {
        match self.query(sparql)? {
            QueryResults::Solutions(solutions) => {
                let variables: Vec<String> = solutions
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect();
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(
                        variables
                            .iter()
                            .map(|v| s.get(v.as_str()).cloned())
                            .collect(),
                    );
                }
                Ok(Rows { variables, rows })
            }
            _ => Ok(Rows::default()),
        }
    }

    /// The best human label of an IRI: its English `rdfs:label`, else an untagged one, else
    /// any `rdfs:label` (entity labels carry the document language).
    pub fn label(&self, iri: &str) -> Result<Option<String>> {
        let Ok(node) = NamedNodeRef::new(iri) else {
            return Ok(None);
        };
        let label = NamedNode::new_unchecked(format!("{RDFS}label"));
        let mut best: Option<(u8, String)> = None;
        for q in self
            .store
            .quads_for_pattern(Some(node.into()), Some(label.as_ref()), None, None)
        {
            if let Term::Literal(l) = q?.object {
                let rank = match l.language() {
                    Some("en") => 0,
                    None => 1,
                    Some(_) => 2,
                };
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, l.value().to_owned()));
                }
            }
        }
        Ok(best.map(|(_, l)| l))
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    /// Whether the store holds no quad at all (not even the ontology).
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Serializes all graphs; formats without named graphs (Turtle, N-Triples, RDF/XML) get
    /// the union of the graphs, each triple once.
    pub fn dump<W: Write>(&self, format: RdfFormat, writer: W) -> Result<W> {
        Ok(write_quads(format, self.store.iter(), writer)?)
    }

    /// Document, entity, fact and triple counts, computed with SPARQL.
    pub fn stats(&self) -> Result<Stats> {
        let count = |q: &str| -> Result<u64> {
            let rows = self.select(q)?;
            Ok(rows
                .rows
                .first()
                .and_then(|r| r.first().cloned().flatten())
                .map_or(0, |t| term_u64(&t)))
        };
        let grouped = |q: &str| -> Result<Vec<(String, u64)>> {
            Ok(self
                .select(q)?
                .rows
                .into_iter()
                .filter_map(|r| match (&r[0], &r[1]) {
                    (Some(Term::NamedNode(n)), Some(c)) => {
                        Some((local_name(n.as_str()), term_u64(c)))
                    }
                    _ => None,
                })
                .collect())
        };
        Ok(Stats {
            documents: count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a tri:Document }")?,
            entities: count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e tri:mentionedIn ?d }")?,
            entities_by_type: grouped(
                "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e tri:mentionedIn ?d ; a ?t } \
                 GROUP BY ?t ORDER BY DESC(?n) ?t",
            )?,
            facts: count("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a tri:Fact }")?,
            facts_by_predicate: grouped(
                "SELECT ?p (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a tri:Fact ; rdf:predicate ?p } \
                 GROUP BY ?p ORDER BY DESC(?n) ?p",
            )?,
            quads: self.len()? as u64,
        })
    }
}

/// The ontology's quads in `graph`, with its blank nodes (OWL unions, inverse properties)
/// skolemized to IRIs numbered in parse order. Blank node labels would be fresh on every load,
/// so two dumps of an unchanged store would differ; skolem IRIs keep them identical.
fn ontology_quads(graph: &NamedNode) -> Result<Vec<Quad>, oxigraph::io::RdfParseError> {
    let mut skolem: HashMap<String, NamedNode> = HashMap::new();
    let mut iri_for = |b: &oxigraph::model::BlankNode| {
        let n = skolem.len();
        skolem
            .entry(b.as_str().to_owned())
            .or_insert_with(|| {
                NamedNode::new_unchecked(format!("{ONTOLOGY_GRAPH}/.well-known/genid/{n}"))
            })
            .clone()
    };
    let mut out = Vec::new();
    for q in RdfParser::from_format(oxigraph::io::RdfFormat::Turtle).for_slice(ONTOLOGY_TTL) {
        let q = q?;
        let subject: NamedOrBlankNode = match &q.subject {
            NamedOrBlankNode::BlankNode(b) => iri_for(b).into(),
            other => other.clone(),
        };
        let object: Term = match &q.object {
            Term::BlankNode(b) => iri_for(b).into(),
            other => other.clone(),
        };
        out.push(Quad::new(subject, q.predicate, object, graph.clone()));
    }
    Ok(out)
}

fn tri(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ONTOLOGY}{local}"))
}

/// `tri:buys` → `buys`, `schema:Person` → `Person`; other IRIs stay whole.
fn local_name(iri: &str) -> String {
    iri.strip_prefix(ONTOLOGY)
        .or_else(|| iri.strip_prefix(SCHEMA))
        .unwrap_or(iri)
        .to_owned()
}

fn term_u64(t: &Term) -> u64 {
    match t {
        Term::Literal(l) => l.value().parse().unwrap_or(0),
        _ => 0,
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().trim().to_owned()
}

/// The parser lists every token it could have accepted, which can run to hundreds of
/// characters of character classes; a person needs the first few (or the one that matters).
fn shorten_expected(message: &str) -> String {
    if message.contains("Prefix not found") {
        let known: Vec<String> = PREFIXES.iter().map(|(p, _)| format!("{p}:")).collect();
        return format!(
            "undeclared prefix (declare it with PREFIX, or use {})",
            known.join(", ")
        );
    }
    let Some(list) = message.strip_prefix("expected one of ") else {
        return message.to_owned();
    };
    let items: Vec<&str> = list.split(", ").collect();
    if items.len() <= 8 && message.len() <= 160 {
        return message.to_owned();
    }
    let shown: Vec<&str> = items
        .iter()
        .copied()
        .filter(|i| !i.starts_with('['))
        .take(8)
        .collect();
    format!("expected one of {}, …", shown.join(", "))
}

/// Turns the parser's "error at 3:7: expected …" into line, column and the text found there.
fn syntax_error(sparql: &str, e: &SparqlSyntaxError) -> StoreError {
    let text = first_line(&e.to_string());
    let parsed = text.strip_prefix("error at ").and_then(|rest| {
        let (pos, message) = rest.split_once(": ")?;
        let (l, c) = pos.split_once(':')?;
        Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?, message))
    });
    match parsed {
        Some((line, column, message)) => {
            let near: String = sparql
                .lines()
                .nth(line.saturating_sub(1))
                .unwrap_or_default()
                .chars()
                .skip(column.saturating_sub(1))
                .take(24)
                .collect::<String>()
                .trim_end()
                .to_owned();
            StoreError::Syntax {
                line: Some(line),
                column: Some(column),
                near: if near.is_empty() {
                    "end of query".to_owned()
                } else {
                    near
                },
                message: shorten_expected(message),
            }
        }
        None => StoreError::Syntax {
            line: None,
            column: None,
            near: String::new(),
            message: text,
        },
    }
}
