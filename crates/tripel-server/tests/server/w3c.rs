//! The W3C test suites of the two protocols, kept as data and replayed by one runner each
//! against a server this test starts on loopback:
//!
//! * the SPARQL 1.1 Graph Store HTTP Protocol cases, `tests/fixtures/w3c_graph_store.json`
//!   (the manifest's entries in its order, on one writable server);
//! * the SPARQL 1.1 Protocol cases, `tests/fixtures/w3c_protocol.json` (each case on the
//!   shared read-only server, or on a fresh writable one when it updates).
//!
//! Each runner replays every case, collects the failures, prints `passed/total` and fails if
//! any case failed. A case file says where a request differs from the manifest (`erratum`).

use crate::common::{options, store_with, NEWS, W3C};
use crate::http_client::{request, Response};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::Graph;
use serde::Deserialize;
use std::net::SocketAddr;
use tripel_server::Server;

const GRAPH_STORE: &str = include_str!("../fixtures/w3c_graph_store.json");
const PROTOCOL: &str = include_str!("../fixtures/w3c_protocol.json");

#[derive(Deserialize)]
struct GraphStoreSuite {
    cases: Vec<GraphStoreCase>,
}

#[derive(Deserialize)]
struct GraphStoreCase {
    id: String,
    name: String,
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    #[serde(default)]
    body: Option<String>,
    status: u16,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    graph: Option<String>,
    /// The answer names the new graph in `Location`: it becomes `$NEWPATH$`.
    #[serde(default)]
    location: bool,
    #[serde(default)]
    setup: bool,
}

/// Parses Turtle into a graph whose blank nodes are canonically named, so that two graphs
/// that differ only in blank node names compare equal.
fn canonical_graph(turtle: &str, base: &str) -> Result<Graph, String> {
    let parser = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .with_base_iri(base)
        .map_err(|e| e.to_string())?;
    let mut graph = Graph::new();
    for quad in parser.for_slice(turtle.as_bytes()) {
        let quad = quad.map_err(|e| e.to_string())?;
        graph.insert(quad.as_ref());
    }
    graph.canonicalize(CanonicalizationAlgorithm::Unstable);
    Ok(graph)
}

/// Why one Graph Store case failed, or `None` when it passed.
fn check_graph_store_case(
    case: &GraphStoreCase,
    response: &Response,
    url: &str,
    expand: &dyn Fn(&str) -> String,
) -> Option<String> {
    let success_without_content =
        |status: u16| (case.method != "GET" && case.method != "HEAD") && status == 200;
    let status_ok = response.status == case.status
        || (success_without_content(case.status) && response.status == 204);
    if !status_ok {
        return Some(format!(
            "status {} instead of {}: {}",
            response.status,
            case.status,
            response.text().trim()
        ));
    }
    if let Some(expected) = &case.content_type {
        let got = response.header("Content-Type").unwrap_or_default();
        if !got.eq_ignore_ascii_case(expected) {
            return Some(format!("Content-Type {got:?} instead of {expected:?}"));
        }
    }
    if case.location && response.header("Location").is_none() {
        return Some("no Location header".into());
    }
    if let Some(expected) = &case.graph {
        let expected = match canonical_graph(&expand(expected), url) {
            Ok(graph) => graph,
            Err(e) => return Some(format!("the expected graph does not parse: {e}")),
        };
        let got = match canonical_graph(&response.text(), url) {
            Ok(graph) => graph,
            Err(e) => {
                return Some(format!(
                    "the answer is not Turtle: {e}: {}",
                    response.text()
                ))
            }
        };
        if got != expected {
            return Some(format!(
                "the graph differs:\n--- got\n{}\n--- expected\n{}",
                response.text(),
                expand(case.graph.as_deref().unwrap_or_default())
            ));
        }
    }
    None
}

#[test]
fn w3c_graph_store_protocol() {
    let suite: GraphStoreSuite = serde_json::from_str(GRAPH_STORE).expect("the case file parses");
    let mut opts = options();
    opts.writable = true;
    let server = Server::start(store_with(&[]), opts).expect("server starts");
    let addr = server.local_addr();
    let mut new_path = String::new();
    let (mut passed, mut total, mut failures) = (0, 0, Vec::new());
    for case in &suite.cases {
        let expand = |text: &str| {
            text.replace("$HOST$", &addr.to_string())
                .replace("$GRAPHSTORE$", "graph")
                .replace("$NEWPATH$", &new_path)
        };
        let mut path = expand(&case.path);
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        let headers: Vec<(&str, &str)> = case
            .headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let body = case.body.as_deref().map(&expand).unwrap_or_default();
        let response = request(addr, &case.method, &path, &headers, body.as_bytes())
            .unwrap_or_else(|e| panic!("{}: {e}", case.id));
        let url = format!(
            "http://{addr}{}",
            path.split('?').next().unwrap_or_default()
        );
        let failure = check_graph_store_case(case, &response, &url, &expand);
        if case.location {
            if let Some(location) = response.header("Location") {
                new_path = location
                    .strip_prefix(&format!("http://{addr}"))
                    .unwrap_or(location)
                    .to_owned();
            }
        }
        match (failure, case.setup) {
            (None, true) => {}
            (Some(why), true) => panic!("set-up request {} failed: {why}", case.id),
            (None, false) => {
                passed += 1;
                total += 1;
            }
            (Some(why), false) => {
                total += 1;
                failures.push(format!("{} ({}): {why}", case.id, case.name));
            }
        }
    }
    println!("W3C Graph Store Protocol: {passed}/{total} passed");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(total, 19, "every manifest entry was replayed");
}

#[derive(Deserialize)]
struct ProtocolSuite {
    cases: Vec<ProtocolCase>,
}

#[derive(Deserialize)]
struct ProtocolCase {
    id: String,
    writable: bool,
    requests: Vec<ProtocolRequest>,
}

#[derive(Deserialize)]
struct ProtocolRequest {
    method: String,
    target: String,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    accept: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    body_encoding: Option<String>,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    status: serde_json::Value,
    #[serde(default)]
    content_types: Vec<String>,
    #[serde(default)]
    boolean: Option<bool>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    results: Option<usize>,
    #[serde(default)]
    allow_contains: Option<String>,
}

/// The boolean of an ASK answer in SPARQL JSON or XML.
fn ask_answer(response: &Response) -> Result<bool, String> {
    match response.media_type().as_str() {
        "application/sparql-results+json" | "application/json" => {
            let json: serde_json::Value =
                serde_json::from_slice(&response.body).map_err(|e| e.to_string())?;
            json["boolean"]
                .as_bool()
                .ok_or_else(|| format!("not an ASK answer: {json}"))
        }
        "application/sparql-results+xml" | "application/xml" => {
            let text = response.text();
            if text.contains("<boolean>true</boolean>") {
                Ok(true)
            } else if text.contains("<boolean>false</boolean>") {
                Ok(false)
            } else {
                Err(format!("not an ASK answer: {text}"))
            }
        }
        other => Err(format!("{other} is no format of an ASK answer")),
    }
}

/// Why one request of a Protocol case failed, or `None` when it passed.
fn check_protocol_request(expect: &Expect, response: &Response, host: &str) -> Option<String> {
    let status = response.status;
    let status_ok = match &expect.status {
        serde_json::Value::Number(n) => n.as_u64() == Some(u64::from(status)),
        serde_json::Value::String(class) if class == "2xx" => (200..300).contains(&status),
        serde_json::Value::String(class) if class == "4xx" => (400..500).contains(&status),
        other => return Some(format!("unknown expected status {other}")),
    };
    if !status_ok {
        return Some(format!(
            "status {status} instead of {}: {}",
            expect.status,
            response.text().trim()
        ));
    }
    if (400..500).contains(&status) && response.text().trim().is_empty() {
        return Some("an error answer that does not explain itself".into());
    }
    if !expect.content_types.is_empty() && !expect.content_types.contains(&response.media_type()) {
        return Some(format!(
            "Content-Type {:?}, not one of {:?}",
            response.header("Content-Type"),
            expect.content_types
        ));
    }
    if let Some(expected) = expect.boolean {
        match ask_answer(response) {
            Ok(got) if got == expected => {}
            Ok(got) => return Some(format!("ASK answered {got}, expected {expected}")),
            Err(e) => return Some(e),
        }
    }
    let text = response.text();
    for needle in &expect.contains {
        let needle = needle.replace("$HOST$", host);
        if !text.contains(&needle) {
            return Some(format!("{needle:?} not in the answer: {text}"));
        }
    }
    if let Some(results) = expect.results {
        let got = text.matches("<result>").count();
        if got != results {
            return Some(format!("{got} results instead of {results}: {text}"));
        }
    }
    if let Some(allow) = &expect.allow_contains {
        if !response
            .header("Allow")
            .is_some_and(|a| a.contains(allow.as_str()))
        {
            return Some(format!("the Allow header does not name {allow}"));
        }
    }
    None
}

fn replay(addr: SocketAddr, case: &ProtocolCase) -> Option<String> {
    for (n, step) in case.requests.iter().enumerate() {
        let mut headers = Vec::new();
        if let Some(content_type) = &step.content_type {
            headers.push(("Content-Type", content_type.as_str()));
        }
        if let Some(accept) = &step.accept {
            headers.push(("Accept", accept.as_str()));
        }
        let text = step.body.as_deref().unwrap_or_default();
        let body: Vec<u8> = match step.body_encoding.as_deref() {
            None => text.as_bytes().to_vec(),
            Some("utf-16le") => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Some(other) => return Some(format!("unknown body encoding {other}")),
        };
        let response = match request(addr, &step.method, &step.target, &headers, &body) {
            Ok(response) => response,
            Err(e) => return Some(format!("request {}: {e}", n + 1)),
        };
        if let Some(why) = check_protocol_request(&step.expect, &response, &addr.to_string()) {
            return Some(format!("request {}: {why}", n + 1));
        }
    }
    None
}

#[test]
fn w3c_sparql_protocol() {
    let suite: ProtocolSuite = serde_json::from_str(PROTOCOL).expect("the case file parses");
    let shared = Server::start(store_with(&[W3C, NEWS]), options()).expect("server starts");
    let mut failures = Vec::new();
    for case in &suite.cases {
        let failure = if case.writable {
            let mut opts = options();
            opts.writable = true;
            let server = Server::start(store_with(&[W3C]), opts).expect("server starts");
            replay(server.local_addr(), case)
        } else {
            replay(shared.local_addr(), case)
        };
        if let Some(why) = failure {
            failures.push(format!("{}: {why}", case.id));
        }
    }
    let total = suite.cases.len();
    println!(
        "W3C SPARQL 1.1 Protocol: {}/{total} passed",
        total - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert_eq!(total, 34, "every manifest entry was replayed");
}
