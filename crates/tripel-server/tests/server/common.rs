//! Shared set-up for the server tests: the fixture store, default options, the HTTP client.
#![allow(dead_code)]

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use std::time::Duration;
use tripel_server::{ExampleQuery, ServeOptions, Server};

/// The tripel-shaped fixture (two documents, the ontology graph).
pub const NEWS: &str = include_str!("../fixtures/news.trig");
/// The graphs the W3C protocol tests name.
pub const W3C: &str = include_str!("../fixtures/w3c_protocol.trig");

/// An in-memory store with the given TriG fixtures loaded.
pub fn store_with(fixtures: &[&str]) -> Store {
    let store = Store::new().expect("in-memory store");
    for fixture in fixtures {
        store
            .load_from_slice(RdfFormat::TriG, fixture.as_bytes())
            .expect("fixture parses");
    }
    store
}

/// Test options: loopback, a free port, no result limit, read-only.
pub fn options() -> ServeOptions {
    ServeOptions {
        bind: "127.0.0.1:0".parse().unwrap(),
        timeout: Duration::from_secs(30),
        max_results: None,
        cors: false,
        writable: false,
        queries: example_queries(),
    }
}

/// The example queries the page offers.
pub fn example_queries() -> Vec<ExampleQuery> {
    vec![
        ExampleQuery {
            name: "ceos".into(),
            title: "Who runs which company?".into(),
            sparql: "PREFIX tri: <https://w3id.org/tripel/ontology#>\nSELECT ?person ?company WHERE { ?person tri:ceoOf ?company } ORDER BY ?person".into(),
        },
        ExampleQuery {
            name: "facts".into(),
            title: "All facts with their evidence".into(),
            sparql: "PREFIX tri: <https://w3id.org/tripel/ontology#>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nSELECT ?s ?p ?o ?evidence WHERE { ?f a tri:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; tri:evidence ?evidence }".into(),
        },
    ]
}

/// Starts a server on the news fixture.
pub fn news_server(options: ServeOptions) -> Server {
    Server::start(store_with(&[NEWS]), options).expect("server starts")
}
