//! Load benchmark for `tripel serve`: builds a synthetic knowledge graph in tripel's shape, starts
//! the server on loopback, and lets N client threads (keep-alive connections) run a typical
//! entity lookup for a bounded time; prints throughput and latency percentiles.
//!
//! ```text
//! cargo run --release -p tripel-server --example serve_load -- [--threads 8] [--seconds 10]
//!     [--max-requests 500000] [--entities 5000] [--facts 20000] [--docs 500]
//!     [--dump FILE.nq] [--server 127.0.0.1:PORT --path /query]
//! ```
//!
//! `--dump` writes the synthetic store as N-Quads and exits, so that another server can load
//! the same data; `--server` (a loopback address) and `--path` run the same clients against
//! that server's SPARQL endpoint instead of an in-process `tripel serve` (for Oxigraph's
//! server started with `--union-default-graph`, the path is `/query`).
//!
//! All traffic goes to 127.0.0.1; the run stops by itself at the time or request bound.

#[path = "../tests/server/http_client.rs"]
mod http_client;

use http_client::{encode, Connection};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
use oxigraph::store::Store;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tripel_graph::rdf::vocab::{ONTOLOGY, RDF, RDFS, SCHEMA, SKOS, XSD};
use tripel_graph::Iris;
use tripel_server::{ServeOptions, Server};

struct Args {
    threads: usize,
    seconds: u64,
    max_requests: u64,
    entities: usize,
    facts: usize,
    docs: usize,
    dump: Option<String>,
    server: Option<std::net::SocketAddr>,
    path: String,
}

fn parse_args() -> Args {
    let mut args = Args {
        threads: 8,
        seconds: 10,
        max_requests: 500_000,
        entities: 5_000,
        facts: 20_000,
        docs: 500,
        dump: None,
        server: None,
        path: "/sparql".into(),
    };
    let usage = || -> ! {
        eprintln!("usage: serve_load [--threads N] [--seconds S] [--max-requests N] [--entities N] [--facts N] [--docs N] [--dump FILE] [--server ADDR --path PATH]");
        std::process::exit(2);
    };
    let raw: Vec<String> = std::env::args().skip(1).collect();
    for pair in raw.chunks(2) {
        let text = pair.get(1).unwrap_or_else(|| usage());
        match pair[0].as_str() {
            "--dump" => {
                args.dump = Some(text.clone());
                continue;
            }
            "--server" => {
                args.server = Some(text.parse().unwrap_or_else(|_| usage()));
                continue;
            }
            "--path" => {
                args.path = text.clone();
                continue;
            }
            _ => {}
        }
        let value = text.parse::<u64>().unwrap_or_else(|_| usage());
        match pair[0].as_str() {
            "--threads" => args.threads = value.clamp(1, 256) as usize,
            "--seconds" => args.seconds = value.clamp(1, 600),
            "--max-requests" => args.max_requests = value.max(1),
            "--entities" => args.entities = value.max(10) as usize,
            "--facts" => args.facts = value as usize,
            "--docs" => args.docs = value.max(1) as usize,
            other => {
                eprintln!("unknown option {other}");
                std::process::exit(2);
            }
        }
    }
    args
}

/// A small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// Documents, typed and labelled entities, relation triples and their reified `tri:Fact`
/// nodes with evidence — the shape `tripel build` writes, at a configurable size.
fn synthetic_store(args: &Args) -> Store {
    let iris = Iris::default();
    let store = Store::new().expect("in-memory store");
    let types = ["Person", "Organization", "Product", "Place", "Event"];
    let predicates = [
        "ceoOf",
        "buys",
        "develops",
        "headquarteredIn",
        "partnersWith",
    ];
    let (rdf_type, label, alt) = (
        nn(&format!("{RDF}type")),
        nn(&format!("{RDFS}label")),
        nn(&format!("{SKOS}altLabel")),
    );
    let tri = |local: &str| nn(&format!("{ONTOLOGY}{local}"));
    let mut rng = Rng(0x5eed);
    let mut quads = Vec::new();
    for d in 0..args.docs {
        let doc = nn(&iris.document(&format!("doc-{d}.txt")));
        let g = GraphName::NamedNode(doc.clone());
        quads.push(Quad::new(
            doc.clone(),
            rdf_type.clone(),
            tri("Document"),
            g.clone(),
        ));
        quads.push(Quad::new(
            doc.clone(),
            tri("docId"),
            Literal::new_simple_literal(format!("doc-{d}.txt")),
            g.clone(),
        ));
        quads.push(Quad::new(
            doc.clone(),
            tri("language"),
            Literal::new_simple_literal(if d % 2 == 0 { "de" } else { "en" }),
            g,
        ));
    }
    let entity = |i: usize| nn(&iris.entity_of_label(&format!("Entity {i}")));
    for f in 0..args.facts {
        let d = rng.below(args.docs);
        let doc = nn(&iris.document(&format!("doc-{d}.txt")));
        let g = GraphName::NamedNode(doc.clone());
        let (s, o) = (rng.below(args.entities), rng.below(args.entities));
        let p = tri(predicates[rng.below(predicates.len())]);
        for e in [s, o] {
            let node = entity(e);
            quads.push(Quad::new(
                node.clone(),
                rdf_type.clone(),
                nn(&format!("{SCHEMA}{}", types[e % types.len()])),
                g.clone(),
            ));
            quads.push(Quad::new(
                node.clone(),
                label.clone(),
                Literal::new_language_tagged_literal_unchecked(format!("Entity {e}"), "en"),
                g.clone(),
            ));
            quads.push(Quad::new(
                node.clone(),
                alt.clone(),
                Literal::new_language_tagged_literal_unchecked(format!("E{e}"), "en"),
                g.clone(),
            ));
            quads.push(Quad::new(node, tri("mentionedIn"), doc.clone(), g.clone()));
        }
        quads.push(Quad::new(entity(s), p.clone(), entity(o), g.clone()));
        let fact = nn(&iris.fact(&format!("{f:08x}")));
        quads.push(Quad::new(
            fact.clone(),
            rdf_type.clone(),
            tri("Fact"),
            g.clone(),
        ));
        quads.push(Quad::new(
            fact.clone(),
            nn(&format!("{RDF}subject")),
            entity(s),
            g.clone(),
        ));
        quads.push(Quad::new(
            fact.clone(),
            nn(&format!("{RDF}predicate")),
            p,
            g.clone(),
        ));
        quads.push(Quad::new(
            fact.clone(),
            nn(&format!("{RDF}object")),
            entity(o),
            g.clone(),
        ));
        quads.push(Quad::new(fact.clone(), tri("document"), doc, g.clone()));
        quads.push(Quad::new(
            fact.clone(),
            tri("evidence"),
            Literal::new_language_tagged_literal_unchecked(
                format!("Entity {s} and Entity {o} appear in sentence {f}."),
                "en",
            ),
            g.clone(),
        ));
        quads.push(Quad::new(
            fact,
            tri("confidence"),
            Literal::new_typed_literal(
                format!("0.{}", 5 + rng.below(5)),
                nn(&format!("{XSD}decimal")),
            ),
            g,
        ));
    }
    store.extend(quads).expect("load");
    store
}

/// The typical lookup the page does: an entity by its label, with its facts and evidence.
fn lookup_query(entity: usize) -> String {
    format!(
        "PREFIX rdf: <{RDF}> PREFIX rdfs: <{RDFS}> PREFIX tri: <{ONTOLOGY}>
         SELECT ?e ?p ?o ?evidence WHERE {{
           ?e rdfs:label \"Entity {entity}\"@en .
           ?f rdf:subject ?e ; rdf:predicate ?p ; rdf:object ?o ; tri:evidence ?evidence .
         }} LIMIT 100"
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn main() {
    let args = parse_args();
    let started = Instant::now();
    let store = synthetic_store(&args);
    let quads = store.len().unwrap_or(0);
    eprintln!(
        "store: {} quads ({} docs, {} entities, {} facts) built in {:.1?}",
        quads,
        args.docs,
        args.entities,
        args.facts,
        started.elapsed()
    );
    if let Some(path) = &args.dump {
        let file = std::io::BufWriter::new(std::fs::File::create(path).expect("dump file"));
        store
            .dump_to_writer(oxigraph::io::RdfFormat::NQuads, file)
            .expect("dump");
        eprintln!("dumped to {path}");
        return;
    }
    // Another server on loopback, or tripel's own in this process.
    let (server, addr) = match args.server {
        Some(addr) => {
            assert!(
                addr.ip().is_loopback(),
                "--server must be a loopback address"
            );
            (None, addr)
        }
        None => {
            let server = Server::start(
                store,
                ServeOptions {
                    bind: "127.0.0.1:0".parse().unwrap(),
                    timeout: Duration::from_secs(10),
                    max_results: None,
                    cors: false,
                    writable: false,
                    queries: Vec::new(),
                },
            )
            .expect("server starts");
            let addr = server.local_addr();
            (Some(server), addr)
        }
    };
    let endpoint = args.path.clone();

    // Warm-up and sanity check: the lookup finds facts.
    let mut probe = Connection::open(addr).expect("connect");
    let r = probe
        .send(
            "GET",
            &format!("{endpoint}?query={}", encode(&lookup_query(1))),
            &[("Accept", "application/sparql-results+json")],
            b"",
        )
        .expect("probe");
    assert_eq!(r.status, 200, "{}", r.text());
    let json: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON");
    eprintln!(
        "probe: {} rows for Entity 1",
        json["results"]["bindings"].as_array().map_or(0, Vec::len)
    );

    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let issued = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let run_started = Instant::now();
    let workers: Vec<_> = (0..args.threads)
        .map(|t| {
            let (issued, errors) = (Arc::clone(&issued), Arc::clone(&errors));
            let (entities, max_requests) = (args.entities, args.max_requests);
            let endpoint = endpoint.clone();
            std::thread::spawn(move || {
                let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (t as u64 + 1));
                let mut latencies = Vec::new();
                let mut conn = Connection::open(addr).expect("connect");
                while Instant::now() < deadline
                    && issued.fetch_add(1, Ordering::Relaxed) < max_requests
                {
                    let target = format!(
                        "{endpoint}?query={}",
                        encode(&lookup_query(rng.below(entities)))
                    );
                    let sent = Instant::now();
                    match conn.send(
                        "GET",
                        &target,
                        &[("Accept", "application/sparql-results+json")],
                        b"",
                    ) {
                        Ok(r) if r.status == 200 => latencies.push(sent.elapsed()),
                        _ => {
                            errors.fetch_add(1, Ordering::Relaxed);
                            conn = Connection::open(addr).expect("reconnect");
                        }
                    }
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = workers
        .into_iter()
        .flat_map(|w| w.join().expect("client thread"))
        .collect();
    let elapsed = run_started.elapsed();
    latencies.sort();
    let ok = latencies.len();
    println!(
        "serve_load: {} client threads, {:.1} s, {} quads in the store",
        args.threads,
        elapsed.as_secs_f64(),
        quads
    );
    println!(
        "requests: {ok} ok, {} failed; throughput {:.0} req/s",
        errors.load(Ordering::Relaxed),
        ok as f64 / elapsed.as_secs_f64()
    );
    println!(
        "latency: median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&latencies, 50.0).as_secs_f64() * 1e3,
        percentile(&latencies, 90.0).as_secs_f64() * 1e3,
        percentile(&latencies, 99.0).as_secs_f64() * 1e3,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    if let Some(server) = server {
        server.shutdown();
    }
}
