//! Replays the W3C SPARQL 1.1 Protocol test cases
//! (`sparql11/data-sparql11/protocol/manifest.ttl`) against an in-process server on loopback,
//! each test named after the case it replays, plus tripel's own endpoint rules: the union
//! default graph, Graph Store reads, entity pages, limits, CORS and concurrency.
//!
//! The request paths and bodies are the manifest's, byte for byte, except where a comment says
//! otherwise; the manifest's graphs `http://kasei.us/2009/09/sparql/data/dataN.rdf` are loaded
//! from `tests/fixtures/w3c_protocol.trig`.

use crate::common::{options, store_with, NEWS, W3C};
use crate::http_client::{encode, get, post, request, Response};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tripel_server::Server;

const FORM: &str = "application/x-www-form-urlencoded";
const RESULTS: &[&str] = &[
    "application/sparql-results+xml",
    "application/sparql-results+json",
];
const RDF: &[&str] = &[
    "application/rdf+xml",
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
];

/// The read-only server shared by the read tests (the W3C graphs plus the news fixture).
fn server() -> SocketAddr {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER
        .get_or_init(|| Server::start(store_with(&[W3C, NEWS]), options()).expect("server starts"))
        .local_addr()
}

/// A fresh writable server (updates change the store, so each test gets its own).
fn writable_server() -> Server {
    let mut opts = options();
    opts.writable = true;
    Server::start(store_with(&[W3C]), opts).expect("server starts")
}

/// The boolean of an ASK answer in SPARQL JSON or XML.
fn boolean(response: &Response) -> bool {
    match response.media_type().as_str() {
        "application/sparql-results+json" => {
            let json: serde_json::Value =
                serde_json::from_slice(&response.body).expect("SPARQL JSON");
            json["boolean"].as_bool().expect("a boolean result")
        }
        "application/sparql-results+xml" => {
            let text = response.text();
            if text.contains("<boolean>true</boolean>") {
                true
            } else {
                assert!(
                    text.contains("<boolean>false</boolean>"),
                    "not an ASK result: {text}"
                );
                false
            }
        }
        other => panic!("unexpected media type {other} for an ASK result"),
    }
}

fn assert_success(response: &Response, media_types: &[&str]) {
    assert!(
        (200..400).contains(&response.status),
        "expected 2XX/3XX, got {}: {}",
        response.status,
        response.text()
    );
    assert!(
        media_types.contains(&response.media_type().as_str()),
        "unexpected Content-Type {:?}",
        response.header("Content-Type")
    );
}

fn assert_4xx(response: &Response) {
    assert!(
        (400..500).contains(&response.status),
        "expected 4XX, got {}: {}",
        response.status,
        response.text()
    );
    assert!(
        !response.text().trim().is_empty(),
        "an error response explains itself"
    );
}

// ---------------------------------------------------------------- positive query cases

#[test]
fn query_get() {
    let r = get(
        server(),
        "/sparql?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_post_form() {
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
    // The manifest's own rendering of this case POSTs with the query in the URL and no body.
    let r = post(
        server(),
        "/sparql?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
        None,
        b"",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_post_direct() {
    let r = post(
        server(),
        "/sparql?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some("application/sparql-query"),
        None,
        b"ASK {}",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_dataset_default_graph() {
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20%3Fp%20%3Fo%20%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
    // And the parameter really narrows the default graph: data1 is not in data2.
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20%3Fp%20%3Fo%20%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
    );
    assert!(!boolean(&r));
}

#[test]
fn query_dataset_default_graphs_get() {
    let r = get(
        server(),
        "/sparql?query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20.%20%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        None,
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_dataset_default_graphs_post() {
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20.%20%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_dataset_named_graphs_post() {
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_dataset_named_graphs_get() {
    let r = get(
        server(),
        "/sparql?query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        None,
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
    // Only the listed graphs are named graphs of the dataset.
    let r = get(
        server(),
        &format!(
            "/sparql?query={}&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf",
            encode("ASK { GRAPH ?g { <http://kasei.us/2009/09/sparql/data/data2.rdf> ?p ?o } }")
        ),
        None,
    );
    assert!(!boolean(&r));
}

#[test]
fn query_dataset_full() {
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=%0AASK%20%7B%0A%20%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf%3E%20a%20%3Ftype%0A%20%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%0A%20%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%0A%7D%0A&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_multiple_dataset() {
    // FROM <data3> in the query, named graphs from the protocol: the protocol's dataset wins,
    // so the default graph is empty and the GRAPH patterns still match.
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        None,
        b"query=ASK%20FROM%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf%3E%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
    );
    assert_success(&r, RESULTS);
    assert!(boolean(&r));
}

#[test]
fn query_content_type_select() {
    let body = b"query=SELECT%20%281%20AS%20%3Fvalue%29%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf";
    let r = post(server(), "/sparql", Some(FORM), None, body);
    assert_success(
        &r,
        &[
            "application/sparql-results+xml",
            "application/sparql-results+json",
            "text/tab-separated-values",
            "text/csv",
        ],
    );
    // Each of the four formats on request, with the value in it.
    for (accept, needle) in [
        ("application/sparql-results+json", "\"value\":\"1\""),
        (
            "application/sparql-results+xml",
            "<literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">1</literal>",
        ),
        ("text/csv", "value\r\n1\r\n"),
        ("text/tab-separated-values", "?value\n1\n"),
    ] {
        let r = post(server(), "/sparql", Some(FORM), Some(accept), body);
        assert_eq!(r.status, 200);
        assert_eq!(r.media_type(), accept);
        assert!(r.text().contains(needle), "{accept}: {}", r.text());
    }
}

#[test]
fn query_content_type_ask() {
    let body = b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf";
    let r = post(server(), "/sparql", Some(FORM), None, body);
    assert_success(&r, RESULTS);
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        Some("application/sparql-results+xml"),
        body,
    );
    assert_eq!(r.media_type(), "application/sparql-results+xml");
    assert!(boolean(&r));
}

#[test]
fn query_content_type_describe() {
    let body = b"query=DESCRIBE%20%3Chttp%3A%2F%2Fexample.org%2F%3E&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf";
    let r = post(server(), "/sparql", Some(FORM), None, body);
    assert_success(&r, RDF);
    // A DESCRIBE of a real entity, in each RDF format.
    let describe = format!(
        "query={}",
        encode("DESCRIBE <https://w3id.org/tripel/data/entity/jensen-huang>")
    );
    for accept in RDF {
        let r = post(
            server(),
            "/sparql",
            Some(FORM),
            Some(accept),
            describe.as_bytes(),
        );
        assert_eq!(r.status, 200, "{accept}");
        assert_eq!(&r.media_type(), accept);
        assert!(r.text().contains("jensen-huang"), "{accept}: {}", r.text());
    }
}

#[test]
fn query_content_type_construct() {
    let body = b"query=CONSTRUCT%20%7B%20%3Cs%3E%20%3Cp%3E%201%20%7D%20WHERE%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf";
    let r = post(server(), "/sparql", Some(FORM), None, body);
    assert_success(&r, RDF);
    // Relative IRIs resolve against the endpoint's URL.
    let r = post(
        server(),
        "/sparql",
        Some(FORM),
        Some("application/n-triples"),
        body,
    );
    let expected = format!(
        "<http://{0}/s> <http://{0}/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .",
        server()
    );
    assert_eq!(r.text().trim(), expected);
}

// ---------------------------------------------------------------- negative query cases

#[test]
fn bad_query_method() {
    let r = request(
        server(),
        "PUT",
        "/sparql?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        &[],
        b"",
    )
    .unwrap();
    assert_4xx(&r);
    assert_eq!(r.status, 405);
    assert!(r.header("Allow").unwrap().contains("POST"));
}

#[test]
fn bad_multiple_queries() {
    let r = get(
        server(),
        "/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
    );
    assert_4xx(&r);
    assert_eq!(r.status, 400);
    assert!(r.text().contains("'query'"), "{}", r.text());
}

#[test]
fn bad_query_wrong_media_type() {
    let r = post(
        server(),
        "/sparql?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some("text/plain"),
        None,
        b"ASK {}",
    );
    assert_4xx(&r);
    assert_eq!(r.status, 415);
}

#[test]
fn bad_query_missing_form_type() {
    let r = post(
        server(),
        "/sparql",
        None,
        None,
        b"query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
    );
    assert_4xx(&r);
}

#[test]
fn bad_query_missing_direct_type() {
    let r = post(
        server(),
        "/sparql?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
        None,
        b"ASK {}",
    );
    assert_4xx(&r);
}

#[test]
fn bad_query_non_utf8() {
    let utf16: Vec<u8> = "ASK {}".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let r = post(
        server(),
        "/sparql?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some("application/sparql-query; charset=UTF-16"),
        None,
        &utf16,
    );
    assert_4xx(&r);
    assert!(r.text().contains("UTF-16"));
}

#[test]
fn bad_query_syntax() {
    let r = get(
        server(),
        "/sparql?query=ASK%20%7B&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
    );
    assert_4xx(&r);
    assert_eq!(r.status, 400);
    // A readable message with the position of the error.
    let text = r.text();
    assert!(
        text.contains("syntax error") && text.contains("1:"),
        "{text}"
    );
}

// ---------------------------------------------------------------- update cases

#[test]
fn bad_update_get() {
    let r = get(
        server(),
        "/sparql?update=CLEAR%20ALL&using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
    );
    assert_4xx(&r);
    // Also on a writable server: GET never updates.
    let writable = writable_server();
    let r = get(writable.local_addr(), "/sparql?update=CLEAR%20ALL", None);
    assert_4xx(&r);
    let still_there = get(
        writable.local_addr(),
        &format!("/sparql?query={}", encode("ASK { ?s ?p ?o }")),
        None,
    );
    assert!(boolean(&still_there));
}

#[test]
fn update_refused_when_read_only() {
    let r = post(server(), "/sparql", Some(FORM), None, b"update=CLEAR%20ALL");
    assert_eq!(r.status, 403);
    assert!(r.text().contains("read-only"), "{}", r.text());
    let r = post(
        server(),
        "/sparql",
        Some("application/sparql-update"),
        None,
        b"CLEAR ALL",
    );
    assert_eq!(r.status, 403);
    let r = get(
        server(),
        &format!("/sparql?query={}", encode("ASK { ?s ?p ?o }")),
        None,
    );
    assert!(boolean(&r), "the data is untouched");
}

#[test]
fn bad_multiple_updates() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some(FORM),
        None,
        b"update=CLEAR%20ALL&update=CLEAR%20DEFAULT",
    );
    assert_4xx(&r);
}

#[test]
fn bad_update_wrong_media_type() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some("text/plain"),
        None,
        b"CLEAR NAMED",
    );
    assert_4xx(&r);
}

#[test]
fn bad_update_missing_form_type() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        None,
        None,
        b"CLEAR NAMED",
    );
    assert_4xx(&r);
}

#[test]
fn bad_update_non_utf8() {
    let server = writable_server();
    let utf16: Vec<u8> = "CLEAR NAMED"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some("application/sparql-update; charset=UTF-16"),
        None,
        &utf16,
    );
    assert_4xx(&r);
}

#[test]
fn bad_update_syntax() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Some(FORM),
        None,
        b"update=CLEAR%20XYZ",
    );
    assert_4xx(&r);
    assert!(r.text().contains("1:"), "{}", r.text());
}

#[test]
fn bad_update_dataset_conflict() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql",
        Some(FORM),
        None,
        b"using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople&update=%0APREFIX%20foaf%3A%20%20%3Chttp%3A%2F%2Fxmlns.com%2Ffoaf%2F0.1%2F%3E%0AWITH%20%3Chttp%3A%2F%2Fexample%2Faddresses%3E%0ADELETE%20%7B%20%3Fperson%20foaf%3AgivenName%20%27Bill%27%20%7D%0AINSERT%20%7B%20%3Fperson%20foaf%3AgivenName%20%27William%27%20%7D%0AWHERE%20%7B%0A%20%20%3Fperson%20foaf%3AgivenName%20%27Bill%27%0A%7D%0A",
    );
    assert_4xx(&r);
    assert!(r.text().contains("USING"), "{}", r.text());
}

#[test]
fn update_post_form() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql",
        Some(FORM),
        None,
        b"update=CLEAR%20ALL",
    );
    assert!((200..300).contains(&r.status), "{}: {}", r.status, r.text());
    let r = get(
        server.local_addr(),
        &format!("/sparql?query={}", encode("ASK { ?s ?p ?o }")),
        None,
    );
    assert!(!boolean(&r), "CLEAR ALL emptied the store");
}

#[test]
fn update_post_direct() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql",
        Some("application/sparql-update"),
        None,
        b"CLEAR ALL",
    );
    assert!((200..300).contains(&r.status), "{}: {}", r.status, r.text());
    let r = get(
        server.local_addr(),
        &format!("/sparql?query={}", encode("ASK { ?s ?p ?o }")),
        None,
    );
    assert!(!boolean(&r));
}

#[test]
fn update_base_uri() {
    let server = writable_server();
    let addr = server.local_addr();
    let r = post(
        addr,
        "/sparql",
        Some(FORM),
        None,
        b"update=CLEAR%20SILENT%20GRAPH%20%3Chttp%3A%2F%2Fexample.org%2Fprotocol-base-test%2F%3E%20%3B%20INSERT%20DATA%20%7B%20GRAPH%20%3Chttp%3A%2F%2Fexample.org%2Fprotocol-base-test%2F%3E%20%7B%20%3Chttp%3A%2F%2Fexample.org%2Fs%3E%20%3Chttp%3A%2F%2Fexample.org%2Fp%3E%20%3Ctest%3E%20%7D%20%7D",
    );
    assert!((200..400).contains(&r.status), "{}: {}", r.status, r.text());
    let r = post(
        addr,
        "/sparql",
        Some(FORM),
        Some("application/sparql-results+xml"),
        b"query=SELECT%20%3Fo%20WHERE%20%7B%20GRAPH%20%3Chttp%3A%2F%2Fexample.org%2Fprotocol-base-test%2F%3E%20%7B%20%3Chttp%3A%2F%2Fexample.org%2Fs%3E%20%3Chttp%3A%2F%2Fexample.org%2Fp%3E%20%3Fo%20%7D%20%7D",
    );
    assert_success(&r, &["application/sparql-results+xml"]);
    // One result, an absolute IRI that is not `<test>`: the service's base resolved it.
    let text = r.text();
    assert_eq!(text.matches("<result>").count(), 1, "{text}");
    assert!(
        text.contains(&format!("<uri>http://{addr}/test</uri>")),
        "{text}"
    );
}

fn ask_xml(addr: SocketAddr, query: &str) -> bool {
    let r = post(
        addr,
        "/sparql",
        Some("application/sparql-query"),
        Some("application/sparql-results+xml"),
        query.as_bytes(),
    );
    assert_success(&r, &["application/sparql-results+xml"]);
    boolean(&r)
}

#[test]
fn update_dataset_default_graph() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf",
        Some(FORM),
        None,
        b"update=%0APREFIX%20dc%3A%20%3Chttp%3A%2F%2Fpurl.org%2Fdc%2Fterms%2F%3E%0APREFIX%20foaf%3A%20%3Chttp%3A%2F%2Fxmlns.com%2Ffoaf%2F0.1%2F%3E%0ACLEAR%20ALL%20%3B%0AINSERT%20DATA%20%7B%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20%7B%0A%20%20%20%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20foaf%3ADocument%0A%20%20%7D%0A%7D%20%3B%0AINSERT%20%7B%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fexample.org%2Fprotocol-update-dataset-test%2F%3E%20%7B%0A%20%20%20%20%3Fs%20a%20dc%3ABibliographicResource%0A%20%20%7D%0A%7D%0AWHERE%20%7B%0A%20%20%3Fs%20a%20foaf%3ADocument%0A%7D%0A",
    );
    assert!((200..400).contains(&r.status), "{}: {}", r.status, r.text());
    assert!(ask_xml(
        server.local_addr(),
        "\nASK {\n  GRAPH <http://example.org/protocol-update-dataset-test/> {\n    <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource>\n  }\n}\n"
    ));
}

#[test]
fn update_dataset_default_graphs() {
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        Some(FORM),
        None,
        b"update=%0APREFIX%20dc%3A%20%3Chttp%3A%2F%2Fpurl.org%2Fdc%2Fterms%2F%3E%0APREFIX%20foaf%3A%20%3Chttp%3A%2F%2Fxmlns.com%2Ffoaf%2F0.1%2F%3E%0ADROP%20ALL%20%3B%0AINSERT%20DATA%20%7B%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20foaf%3ADocument%20%7D%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20foaf%3ADocument%20%7D%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf%3E%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf%3E%20a%20foaf%3ADocument%20%7D%0A%7D%20%3B%0AINSERT%20%7B%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fexample.org%2Fprotocol-update-dataset-graphs-test%2F%3E%20%7B%0A%20%20%20%20%3Fs%20a%20dc%3ABibliographicResource%0A%20%20%7D%0A%7D%0AWHERE%20%7B%0A%20%20%3Fs%20a%20foaf%3ADocument%0A%7D%0A",
    );
    assert!((200..400).contains(&r.status), "{}: {}", r.status, r.text());
    assert!(ask_xml(
        server.local_addr(),
        "\nASK {\n  GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n    <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n    <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n  }\n  FILTER NOT EXISTS {\n    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {\n      <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n    }\n  }\n}\n"
    ));
}

#[test]
fn update_dataset_named_graphs() {
    // The manifest passes `using-graph-uri` here, but its WHERE clause (GRAPH ?g) and expected
    // answer are about named graphs: replayed with `using-named-graph-uri`, the case's intent.
    let server = writable_server();
    let r = post(
        server.local_addr(),
        "/sparql?using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        Some(FORM),
        None,
        b"update=%0APREFIX%20dc%3A%20%3Chttp%3A%2F%2Fpurl.org%2Fdc%2Fterms%2F%3E%0APREFIX%20foaf%3A%20%3Chttp%3A%2F%2Fxmlns.com%2Ffoaf%2F0.1%2F%3E%0ADROP%20ALL%20%3B%0AINSERT%20DATA%20%7B%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20foaf%3ADocument%20%7D%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20foaf%3ADocument%20%7D%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf%3E%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf%3E%20a%20foaf%3ADocument%20%7D%0A%7D%20%3B%0AINSERT%20%7B%0A%20%20GRAPH%20%3Chttp%3A%2F%2Fexample.org%2Fprotocol-update-dataset-named-graphs-test%2F%3E%20%7B%0A%20%20%20%20%3Fs%20a%20dc%3ABibliographicResource%0A%20%20%7D%0A%7D%0AWHERE%20%7B%0A%20%20GRAPH%20%3Fg%20%7B%0A%20%20%20%20%3Fs%20a%20foaf%3ADocument%0A%20%20%7D%0A%7D%0A",
    );
    assert!((200..400).contains(&r.status), "{}: {}", r.status, r.text());
    assert!(ask_xml(
        server.local_addr(),
        "\nASK {\n  GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {\n    <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n    <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n  }\n  FILTER NOT EXISTS {\n    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {\n      <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .\n    }\n  }\n}\n"
    ));
}

// ---------------------------------------------------------------- tripel's endpoint rules

fn select_json(addr: SocketAddr, query: &str) -> serde_json::Value {
    let r = get(
        addr,
        &format!("/sparql?query={}", encode(query)),
        Some("application/sparql-results+json"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    serde_json::from_slice(&r.body).expect("SPARQL JSON")
}

#[test]
fn default_graph_is_the_union_of_all_graphs() {
    // Persons live in two different document graphs; both are in the default graph.
    let json = select_json(
        server(),
        "SELECT ?p WHERE { ?p a <http://schema.org/Person> } ORDER BY ?p",
    );
    let persons: Vec<&str> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["p"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        persons,
        [
            "https://w3id.org/tripel/data/entity/jensen-huang",
            "https://w3id.org/tripel/data/entity/mark-zuckerberg"
        ]
    );
    // GRAPH still sees the individual documents, and FROM narrows the default graph.
    let json = select_json(
        server(),
        "SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/tripel/data/entity/jensen-huang> a ?t } }",
    );
    assert_eq!(
        json["results"]["bindings"][0]["g"]["value"],
        "https://w3id.org/tripel/data/doc/nvidia-en-txt"
    );
    let json = select_json(
        server(),
        "SELECT ?p FROM <https://w3id.org/tripel/data/doc/meta-de-txt> WHERE { ?p a <http://schema.org/Person> }",
    );
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 1);
}

#[test]
fn not_acceptable_is_406() {
    let r = get(
        server(),
        &format!("/sparql?query={}", encode("SELECT * {}")),
        Some("image/png"),
    );
    assert_eq!(r.status, 406);
    assert!(
        r.text().contains("application/sparql-results+json"),
        "{}",
        r.text()
    );
    let r = get(
        server(),
        &format!("/sparql?query={}", encode("CONSTRUCT WHERE { ?s ?p ?o }")),
        Some("application/sparql-results+json"),
    );
    assert_eq!(r.status, 406);
    // Parameters without a query are a bad request (a bare GET is the service description).
    let r = get(
        server(),
        "/sparql?default-graph-uri=http%3A%2F%2Fexample.org%2Fg",
        None,
    );
    assert_eq!(r.status, 400);
}

#[test]
fn invalid_dataset_iri_is_400() {
    let r = get(
        server(),
        &format!(
            "/sparql?query={}&default-graph-uri=not%20an%20iri",
            encode("ASK {}")
        ),
        None,
    );
    assert_eq!(r.status, 400);
    assert!(r.text().contains("default-graph-uri"), "{}", r.text());
}

#[test]
fn graph_store_reads_named_graphs() {
    let target = format!(
        "/graph?graph={}",
        encode("https://w3id.org/tripel/data/doc/nvidia-en-txt")
    );
    let r = get(server(), &target, Some("application/n-triples"));
    assert_eq!(r.status, 200);
    assert_eq!(r.media_type(), "application/n-triples");
    let text = r.text();
    assert!(text.contains("<https://w3id.org/tripel/data/entity/jensen-huang> <https://w3id.org/tripel/ontology#ceoOf> <https://w3id.org/tripel/data/entity/nvidia> ."));
    assert!(
        !text.contains("mark-zuckerberg"),
        "only that document's graph"
    );
    let head = request(server(), "HEAD", &target, &[("Accept", "text/turtle")], b"").unwrap();
    assert_eq!(head.status, 200);
    assert_eq!(head.media_type(), "text/turtle");
    assert!(head.body.is_empty());
    let missing = get(
        server(),
        &format!("/graph?graph={}", encode("http://example.org/nope")),
        None,
    );
    assert_eq!(missing.status, 404);
    let head_missing = request(
        server(),
        "HEAD",
        &format!("/graph?graph={}", encode("http://example.org/nope")),
        &[],
        b"",
    )
    .unwrap();
    assert_eq!(head_missing.status, 404);
    assert_eq!(get(server(), "/graph", None).status, 400);
    assert_eq!(
        get(server(), "/graph?default&graph=http%3A%2F%2Fa", None).status,
        400
    );
    // Writes are refused by a read-only server, as updates are.
    assert_eq!(
        request(server(), "DELETE", &target, &[], b"")
            .unwrap()
            .status,
        403
    );
}

#[test]
fn graph_store_default_graph_is_the_deduplicated_union() {
    let r = get(server(), "/graph?default", Some("application/n-triples"));
    assert_eq!(r.status, 200);
    let text = r.text();
    // `meta a schema:Organization` is in both document graphs, once in the union.
    let line = "<https://w3id.org/tripel/data/entity/meta> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Organization> .";
    assert_eq!(text.lines().filter(|l| *l == line).count(), 1);
    assert!(text.contains("kasei.us"), "every graph is in the union");
}

#[test]
fn entity_pages_negotiate_html_and_rdf() {
    let turtle = get(server(), "/entity/jensen-huang", Some("text/turtle"));
    assert_eq!(turtle.status, 200);
    assert_eq!(turtle.media_type(), "text/turtle");
    assert_eq!(turtle.header("Vary"), Some("Accept"));
    let text = turtle.text();
    assert!(text.contains("entity:jensen-huang"), "{text}");
    assert!(text.contains("tri:ceoOf entity:nvidia"), "{text}");
    assert!(
        text.contains("NVIDIA CEO Jensen Huang unveiled"),
        "the fact node with its evidence: {text}"
    );
    // An RDF client that sends */* gets Turtle too.
    assert_eq!(
        get(server(), "/entity/jensen-huang", Some("*/*")).media_type(),
        "text/turtle"
    );
    assert_eq!(
        get(server(), "/entity/jensen-huang", None).media_type(),
        "text/turtle"
    );
    let jsonld = get(
        server(),
        "/entity/jensen-huang",
        Some("application/ld+json"),
    );
    assert_eq!(jsonld.media_type(), "application/ld+json");
    serde_json::from_slice::<serde_json::Value>(&jsonld.body).expect("JSON-LD is JSON");
    // A browser gets the explorer page, configured for this entity.
    let html = get(
        server(),
        "/entity/jensen-huang",
        Some("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    );
    assert_eq!(html.status, 200);
    assert_eq!(html.media_type(), "text/html");
    assert!(html
        .text()
        .contains("\"entity\":\"https://w3id.org/tripel/data/entity/jensen-huang\""));
    assert!(html
        .header("Content-Security-Policy")
        .unwrap()
        .contains("script-src 'sha256-"));
    // Unknown entities are 404 in both forms.
    assert_eq!(
        get(server(), "/entity/nobody", Some("text/turtle")).status,
        404
    );
    assert_eq!(
        get(server(), "/entity/nobody", Some("text/html")).status,
        404
    );
    assert_eq!(
        get(server(), "/entity/jensen-huang", Some("image/png")).status,
        406
    );
}

#[test]
fn the_page_is_self_contained() {
    let r = get(server(), "/", Some("text/html"));
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(
        html.contains("Who runs which company?"),
        "example queries are offered"
    );
    for external in ["http://", "https://"] {
        for attr in ["src=\"", "href=\""] {
            assert!(
                !html.contains(&format!("{attr}{external}")),
                "no {attr}{external} in the page"
            );
        }
    }
    assert!(!html.contains("@import"));
    assert_eq!(get(server(), "/nothing-here", None).status, 404);
    assert_eq!(post(server(), "/", Some(FORM), None, b"x=1").status, 405);
}

#[test]
fn answers_are_complete_and_a_result_limit_is_an_error_never_a_partial_200() {
    // No limit by default: every triple of the union graph, on every route.
    let full = Server::start(store_with(&[NEWS]), options()).unwrap();
    let all = get(
        full.local_addr(),
        &format!(
            "/sparql?query={}",
            encode("SELECT DISTINCT * WHERE { ?s ?p ?o }")
        ),
        None,
    );
    assert_eq!(all.status, 200);
    let json: serde_json::Value = serde_json::from_slice(&all.body).unwrap();
    let rows = json["results"]["bindings"].as_array().unwrap().len();
    let graph = get(
        full.local_addr(),
        "/graph?default",
        Some("application/n-triples"),
    );
    assert_eq!(graph.status, 200);
    assert_eq!(graph.text().lines().count(), rows);
    assert!(rows > 3);

    // An explicit limit refuses larger answers in full, with a status every client sees.
    let mut opts = options();
    opts.max_results = Some(3);
    let server = Server::start(store_with(&[NEWS]), opts).unwrap();
    for (target, accept) in [
        (
            format!("/sparql?query={}", encode("SELECT * WHERE { ?s ?p ?o }")),
            None,
        ),
        (
            format!("/sparql?query={}", encode("CONSTRUCT WHERE { ?s ?p ?o }")),
            Some("application/n-triples"),
        ),
        ("/graph?default".to_owned(), Some("application/n-triples")),
    ] {
        let r = get(server.local_addr(), &target, accept);
        assert_eq!(r.status, 400, "{target}");
        assert!(
            r.text().contains("more than 3 results") && r.text().contains("LIMIT"),
            "{target}: {}",
            r.text()
        );
    }
    // A result within the limit is answered as usual.
    let r = get(
        server.local_addr(),
        &format!(
            "/sparql?query={}",
            encode("SELECT * WHERE { ?s ?p ?o } LIMIT 3")
        ),
        None,
    );
    assert_eq!(r.status, 200);
    let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 3);
}

/// Half a million rows, each checked with a path search through the store: minutes of work,
/// and every step reads the store, where Oxigraph looks at the cancellation token. (A pure
/// in-memory cross product is not a good probe: Oxigraph only notices cancellation when it
/// touches the data.)
const SLOW_QUERY: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f FILTER EXISTS { ?a (!<urn:x:none>)* ?f } }";

#[test]
fn slow_queries_time_out_with_503() {
    let mut opts = options();
    opts.timeout = Duration::from_millis(300);
    let server = Server::start(store_with(&[NEWS]), opts).unwrap();
    let started = Instant::now();
    let r = get(
        server.local_addr(),
        &format!("/sparql?query={}", encode(SLOW_QUERY)),
        None,
    );
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("time limit"), "{}", r.text());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "cancelled promptly: {:?}",
        started.elapsed()
    );
    // The worker is free again.
    let r = get(
        server.local_addr(),
        &format!("/sparql?query={}", encode("ASK { ?s ?p ?o }")),
        None,
    );
    assert!(boolean(&r));
}

#[test]
fn readers_are_served_in_parallel() {
    let mut opts = options();
    opts.timeout = Duration::from_secs(3);
    let server = Server::start(store_with(&[NEWS]), opts).unwrap();
    let addr = server.local_addr();
    // Two slow queries occupy two workers until the time limit ...
    let slow: Vec<_> = (0..2)
        .map(|_| {
            std::thread::spawn(move || {
                get(addr, &format!("/sparql?query={}", encode(SLOW_QUERY)), None).status
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    // ... while quick readers on other connections are answered meanwhile.
    let started = Instant::now();
    let quick: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                let r = get(
                    addr,
                    &format!(
                        "/sparql?query={}",
                        encode("SELECT ?s WHERE { ?s a <http://schema.org/Person> }")
                    ),
                    None,
                );
                r.status
            })
        })
        .collect();
    for q in quick {
        assert_eq!(q.join().unwrap(), 200);
    }
    let quick_time = started.elapsed();
    for s in slow {
        assert_eq!(s.join().unwrap(), 503);
    }
    assert!(
        quick_time < Duration::from_millis(2500),
        "quick readers waited {quick_time:?} behind slow ones"
    );
}

#[test]
fn cors_headers_only_when_enabled() {
    let query = format!("/sparql?query={}", encode("ASK {}"));
    let r = get(server(), &query, None);
    assert_eq!(r.header("Access-Control-Allow-Origin"), None);
    let mut opts = options();
    opts.cors = true;
    let cors = Server::start(store_with(&[NEWS]), opts).unwrap();
    let r = get(cors.local_addr(), &query, None);
    assert_eq!(r.header("Access-Control-Allow-Origin"), Some("*"));
    assert!(r
        .header("Access-Control-Expose-Headers")
        .unwrap()
        .contains("Content-Type"));
    let preflight = request(
        cors.local_addr(),
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "http://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    )
    .unwrap();
    assert_eq!(preflight.status, 204);
    assert!(preflight
        .header("Access-Control-Allow-Methods")
        .unwrap()
        .contains("POST"));
    assert_eq!(cors.local_addr().ip().to_string(), "127.0.0.1");
}

#[test]
fn shutdown_stops_listening() {
    let server = crate::common::news_server(options());
    let addr = server.local_addr();
    assert_eq!(get(addr, "/", None).status, 200);
    let handle = server.shutdown_handle();
    handle.shutdown();
    server.shutdown();
    assert!(
        std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err()
            || request(addr, "GET", "/", &[], b"").is_err()
    );
}

#[test]
fn an_explicit_base_iri_maps_entity_paths() {
    let store = store_with(&[]);
    store
        .load_from_slice(
            oxigraph::io::RdfFormat::NTriples,
            "<https://example.org/kg/entity/ada> <http://www.w3.org/2000/01/rdf-schema#label> \"Ada\" .\n".as_bytes(),
        )
        .unwrap();
    let server = Server::start_with_base(store, options(), Some("https://example.org/kg")).unwrap();
    let r = get(
        server.local_addr(),
        "/entity/ada",
        Some("application/n-triples"),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("<https://example.org/kg/entity/ada>"));
}

#[test]
fn get_sparql_without_a_query_describes_the_service() {
    let server = Server::start(store_with(&[NEWS]), options()).unwrap();
    let r = get(server.local_addr(), "/sparql", None);
    assert_eq!(r.status, 200);
    assert!(r.header("Content-Type").unwrap().starts_with("text/turtle"));
    let sd = "http://www.w3.org/ns/sparql-service-description#";
    let graph = oxigraph::store::Store::new().unwrap();
    graph
        .load_from_reader(oxigraph::io::RdfFormat::Turtle, r.body.as_slice())
        .expect("the description is Turtle");
    let ask = |pattern: &str| {
        let query = format!("PREFIX sd: <{sd}> ASK {{ {pattern} }}");
        match oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(&query)
            .unwrap()
            .on_store(&graph)
            .execute()
            .unwrap()
        {
            oxigraph::sparql::QueryResults::Boolean(b) => b,
            _ => unreachable!("ASK answers a boolean"),
        }
    };
    assert!(ask(&format!(
        "?s a sd:Service ; sd:endpoint <http://{}/sparql> ; sd:feature sd:UnionDefaultGraph ; \
         sd:supportedLanguage sd:SPARQL11Query ; \
         sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ; \
         sd:defaultDataset/sd:defaultGraph ?g",
        server.local_addr()
    )));
    assert!(!ask("?s sd:supportedLanguage sd:SPARQL11Update"));
    // Other RDF formats on request; a writable server also lists Update.
    let mut opts = options();
    opts.writable = true;
    let writable = Server::start(store_with(&[NEWS]), opts).unwrap();
    let r = get(
        writable.local_addr(),
        "/sparql",
        Some("application/n-triples"),
    );
    assert_eq!(r.status, 200);
    assert!(r.text().contains(&format!("<{sd}SPARQL11Update>")));
}

#[test]
fn graph_store_writes_on_a_writable_server() {
    let mut opts = options();
    opts.writable = true;
    let server = Server::start(store_with(&[NEWS]), opts).unwrap();
    let addr = server.local_addr();
    let target = format!("/graph?graph={}", encode("http://example.org/g"));
    let turtle = [("Content-Type", "text/turtle")];
    let send = |method: &str, headers: &[(&str, &str)], body: &[u8]| {
        request(addr, method, &target, headers, body)
            .unwrap()
            .status
    };
    let triples = || {
        let r = get(addr, &target, Some("application/n-triples"));
        (r.status, r.text().lines().count())
    };
    assert_eq!(triples().0, 404);
    // PUT creates (201), POST adds, PUT replaces (204), DELETE removes.
    let two = b"@prefix ex: <http://example.org/> . ex:a ex:p ex:b , ex:c .";
    assert_eq!(send("PUT", &turtle, two), 201);
    assert_eq!(triples(), (200, 2));
    let nt = [("Content-Type", "application/n-triples")];
    let one = b"<http://example.org/a> <http://example.org/p> <http://example.org/d> .\n";
    assert_eq!(send("POST", &nt, one), 204);
    assert_eq!(triples(), (200, 3));
    assert_eq!(send("PUT", &nt, one), 204);
    assert_eq!(triples(), (200, 1));
    // Queries see the graph in the union default graph.
    let ask = format!(
        "/sparql?query={}",
        encode("ASK { <http://example.org/a> <http://example.org/p> <http://example.org/d> }")
    );
    assert!(get(addr, &ask, None).text().contains("true"));
    // Bad bodies change nothing.
    assert_eq!(send("PUT", &turtle, b"this is not turtle"), 400);
    assert_eq!(send("PUT", &[("Content-Type", "text/plain+x")], one), 415);
    assert_eq!(triples(), (200, 1));
    assert_eq!(send("DELETE", &[], b""), 204);
    assert_eq!(triples().0, 404);
    assert_eq!(send("DELETE", &[], b""), 404);
    // The union default graph is not writable.
    let default = request(addr, "PUT", "/graph?default", &turtle, two).unwrap();
    assert_eq!(default.status, 405);

    // A read-only server refuses every write.
    let read_only = Server::start(store_with(&[NEWS]), options()).unwrap();
    let r = request(read_only.local_addr(), "PUT", &target, &turtle, two).unwrap();
    assert_eq!(r.status, 403);
}
