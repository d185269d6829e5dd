//! Throughput benchmark: extraction (sentences/s, MB/s, on one thread and on every core) and
//! store loading (triples/s), measured side by side in one run on the same generated corpus.
//! The parallel extraction must give exactly the one-thread output (checked on every run).
//!
//! ```text
//! cargo run --release -p tripel-graph --example bench            # on-disk RocksDB store (default features)
//! cargo run --release -p tripel-graph --example bench -- 8       # target corpus size in MB (default 6)
//! ```
//!
//! The corpus is the demo articles plus, when `../shared/eval/smartdata-de/dev.jsonl` is
//! present, the German SmartData texts, repeated until the target size is reached. Each copy
//! is varied (company, person and product names and numbers are rotated) so that resolution
//! and the store see new entities and new IRIs rather than the same ones again.
//! Every measurement is repeated; the median is reported.

use std::path::Path;
use std::time::Instant;
use tripel_extract::Document;
use tripel_extract::{ExtractConfig, Extractor};
use tripel_graph::{content_hash, document_quads, DocumentGraph, Iris, KgStore};

/// The allocator the `tripel` binary uses (`src/main.rs` says why), so that this measures what
/// `tripel extract` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 3;
const BATCH: usize = 64;

/// Name rotations: each copy of a text swaps these for the next pair in the list.
const ORGS: &[&str] = &[
    "Meta",
    "NVIDIA",
    "Siemens",
    "Bosch",
    "SAP",
    "Lufthansa",
    "Allianz",
    "BASF",
    "Infineon",
    "Zalando",
];
const PEOPLE: &[&str] = &[
    "Mark Zuckerberg",
    "Jensen Huang",
    "Roland Busch",
    "Stefan Hartung",
    "Christian Klein",
    "Carsten Spohr",
    "Oliver Bäte",
    "Martin Brudermüller",
];
const PRODUCTS: &[&str] = &[
    "B200", "H100", "A380", "X500", "Q700", "T800", "M300", "R900",
];

fn main() {
    let mb: f64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(6.0);
    let corpus = corpus((mb * 1_000_000.0) as usize);
    let bytes: usize = corpus.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.2} MB of text (German), store backend: {}",
        corpus.len(),
        bytes as f64 / 1e6,
        if cfg!(feature = "rocksdb") {
            "RocksDB on disk"
        } else {
            "in memory"
        }
    );
    let ex = Extractor::new(ExtractConfig::default()).expect("lexicons load");

    // Extraction batch by batch as `tripel build` does: on one thread, then on every core,
    // alternating so that both see the same machine load.
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pools: Vec<(usize, rayon::ThreadPool)> = [1, cores]
        .into_iter()
        .map(|n| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .expect("thread pool");
            (n, pool)
        })
        .collect();
    let mut times = vec![Vec::new(); pools.len()];
    let mut sentences = 0;
    let mut facts = 0;
    let mut extractions = Vec::new();
    for _ in 0..ROUNDS {
        for (k, (_, pool)) in pools.iter().enumerate() {
            let t = Instant::now();
            let out: Vec<_> = pool.install(|| {
                corpus
                    .chunks(BATCH)
                    .flat_map(|b| ex.extract_batch(b))
                    .collect()
            });
            times[k].push(t.elapsed().as_secs_f64());
            sentences = out.iter().map(|x| x.sentences.len()).sum();
            facts = out.iter().map(|x| x.facts.len()).sum();
            if k == 0 {
                extractions = out;
            } else {
                assert!(
                    format!("{out:?}") == format!("{extractions:?}"),
                    "{} threads gave another output than one thread",
                    pools[k].0
                );
            }
        }
    }
    let medians: Vec<f64> = times.iter_mut().map(|t| median(t)).collect();
    for ((threads, _), t) in pools.iter().zip(&medians) {
        println!(
            "extraction, {threads} thread(s): median {:.2} s over {ROUNDS} runs -> {:.0} sentences/s, {:.2} MB/s ({} sentences, {} facts)",
            t,
            sentences as f64 / t,
            bytes as f64 / 1e6 / t,
            sentences,
            facts
        );
    }
    println!(
        "extraction speed-up on {cores} cores: {:.2}x (same output as one thread)",
        medians[0] / medians[medians.len() - 1]
    );
    let te = medians[0];

    // RDF mapping and loading, in batched transactions.
    let iris = Iris::default();
    let graphs: Vec<DocumentGraph> = corpus
        .iter()
        .zip(&extractions)
        .map(|(d, x)| DocumentGraph {
            graph: iris.document(&d.id),
            quads: document_quads(&iris, d, x, &content_hash(&d.text)),
        })
        .collect();
    let quads: usize = graphs.iter().map(|g| g.quads.len()).sum();
    let mut times = Vec::new();
    for round in 0..ROUNDS {
        let dir = std::env::temp_dir().join(format!("tripel-bench-{}-{round}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = open_store(&dir);
        let t = Instant::now();
        for batch in graphs.chunks(BATCH) {
            store.replace_documents(batch).expect("load");
        }
        times.push(t.elapsed().as_secs_f64());
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let tl = median(&mut times);
    println!(
        "store load: median {:.2} s over {ROUNDS} runs -> {:.0} triples/s ({} triples in batches of {BATCH} documents)",
        tl,
        quads as f64 / tl,
        quads
    );
    println!(
        "ratio: loading takes {:.2}x the time of one-thread extraction",
        tl / te
    );
}

#[cfg(feature = "rocksdb")]
fn open_store(dir: &Path) -> KgStore {
    KgStore::open(dir).expect("open store")
}

#[cfg(not(feature = "rocksdb"))]
fn open_store(_dir: &Path) -> KgStore {
    KgStore::in_memory().expect("store")
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// The base texts, then varied copies until `target` bytes.
fn corpus(target: usize) -> Vec<Document> {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let mut base = Vec::new();
    for entry in std::fs::read_dir(root.join("data/corpus")).expect("data/corpus") {
        let path = entry.expect("entry").path();
        base.push(std::fs::read_to_string(&path).expect("read"));
    }
    let sd = root.join("../shared/eval/smartdata-de/dev.jsonl");
    if let Ok(text) = std::fs::read_to_string(sd) {
        for line in text.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(t) = v["text"].as_str() {
                    base.push(t.to_owned());
                }
            }
        }
    }
    let mut docs = Vec::new();
    let mut size = 0;
    let mut copy = 0usize;
    while size < target {
        for (i, text) in base.iter().enumerate() {
            let text = vary(text, copy);
            size += text.len();
            docs.push(Document {
                id: format!("bench-{copy}-{i}.txt"),
                text,
            });
            if size >= target {
                break;
            }
        }
        copy += 1;
    }
    docs
}

fn vary(text: &str, copy: usize) -> String {
    if copy == 0 {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for list in [ORGS, PEOPLE, PRODUCTS] {
        // Rotate through placeholders so that A→B and B→C do not collide.
        for (k, name) in list.iter().enumerate() {
            out = out.replace(name, &format!("\u{1}{k}\u{1}"));
        }
        for k in 0..list.len() {
            out = out.replace(&format!("\u{1}{k}\u{1}"), list[(k + copy) % list.len()]);
        }
    }
    // Vary the numbers too: "350.000" becomes "350.001" in copy 1, …
    out.replace("000", &format!("{:03}", copy % 1000))
}
