//! Property tests of request handling: any request line, headers and body over raw TCP, and
//! any SPARQL string through the protocol. The server answers every one with a well-formed
//! response that is not a 500 (the handler never panics), stays up for the next request, and
//! answers the same query the same way twice.
//!
//! proptest's default case count (256 per property) runs in the normal suite;
//! `PROPTEST_CASES=N` runs a longer one (docs/reliability.md).

use crate::common::{options, store_with};
use crate::http_client::{get, request};
use proptest::prelude::*;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::Duration;
use tripel_server::Server;

/// A small store: any query over it, however many joins, is answered quickly.
const SMALL: &str = r#"
@prefix tri: <https://w3id.org/tripel/ontology#> .
@prefix e: <https://w3id.org/tripel/data/entity/> .
<https://w3id.org/tripel/data/doc/a-txt> {
  e:meta tri:buys e:b200 ; <http://www.w3.org/2000/01/rdf-schema#label> "Meta"@de .
  e:jensen-huang tri:ceoOf e:nvidia .
}
"#;

/// One server for every case of every property; it runs until the test process ends.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let mut opts = options();
        opts.timeout = Duration::from_secs(10);
        let server = Server::start(store_with(&[SMALL]), opts).expect("server starts");
        let addr = server.local_addr();
        // Never shut down: later cases and properties use it.
        std::mem::forget(server);
        addr
    })
}

/// Sends raw bytes, closes the writing half, and returns everything the server sent back.
fn raw(addr: SocketAddr, bytes: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may close early on garbage; a failed write is an answer too.
    let _ = stream.write_all(bytes);
    let _ = stream.shutdown(Shutdown::Write);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    out
}

/// The status of a raw response, if it has a status line.
fn status(response: &[u8]) -> Option<u16> {
    let text = String::from_utf8_lossy(response);
    let line = text.lines().next()?;
    let rest = line.strip_prefix("HTTP/1.")?;
    rest.get(2..5)?.parse().ok()
}

fn still_up(addr: SocketAddr) -> Result<(), TestCaseError> {
    let r = get(addr, "/sparql?query=ASK%7B%7D", None);
    prop_assert_eq!(r.status, 200);
    Ok(())
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(&["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "get"][..])
            .prop_map(str::to_owned),
        "[A-Za-z]{0,8}",
        any::<String>(),
    ]
}

fn target() -> impl Strategy<Value = String> {
    let paths = prop::sample::select(
        &[
            "/",
            "/sparql",
            "/graph",
            "/entity/",
            "/queries",
            "/favicon.ico",
            "*",
            "",
        ][..],
    );
    prop_oneof![
        (paths.clone(), "[ -~]{0,40}").prop_map(|(p, rest)| format!("{p}{rest}")),
        (paths, "\\PC{0,40}").prop_map(|(p, rest)| format!("{p}?query={rest}")),
        any::<String>(),
    ]
}

fn header() -> impl Strategy<Value = (String, String)> {
    let names = prop::sample::select(
        &[
            "Accept",
            "Content-Type",
            "Content-Length",
            "Transfer-Encoding",
            "Host",
            "Origin",
            "Connection",
            "Expect",
        ][..],
    );
    prop_oneof![
        (names, "[ -~]{0,30}").prop_map(|(n, v)| (n.to_owned(), v)),
        ("[!-~]{0,12}", "\\PC{0,30}"),
        (any::<String>(), any::<String>()),
    ]
}

/// SPARQL-shaped token soup, to reach the parser's and evaluator's deeper paths.
fn sparql() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "{",
        "}",
        "?s",
        "?p",
        "?o",
        "?x",
        "a",
        "tri:buys",
        "<https://w3id.org/tripel/data/entity/meta>",
        "\"Meta\"@de",
        "FILTER",
        "(",
        ")",
        "REGEX",
        "STR",
        "LANG",
        "LIMIT",
        "10",
        "OFFSET",
        "ORDER BY",
        "DESC",
        "OPTIONAL",
        "UNION",
        "MINUS",
        ".",
        ";",
        ",",
        "PREFIX",
        "tri:",
        "<https://w3id.org/tripel/ontology#>",
        "*",
        "COUNT",
        "GROUP BY",
        "BIND",
        "AS",
        "VALUES",
        "GRAPH",
        "FROM",
        "NAMED",
        "DISTINCT",
        "INSERT DATA",
        "DELETE WHERE",
        "=",
        "!=",
        "&&",
        "1.5e3",
        "\"\"\"x\"\"\"",
        "#",
        "\n",
        "BASE",
        "<>",
        "SUBSTR",
        "CONCAT",
        "UUID",
        "NOW",
    ];
    prop_oneof![
        prop::collection::vec(prop::sample::select(TOKENS), 0..30).prop_map(|t| t.join(" ")),
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn any_request_gets_a_well_formed_answer_and_the_server_stays_up(
        method in method(),
        target in target(),
        version in prop::sample::select(&["HTTP/1.1", "HTTP/1.0", "HTTP/2", "", "HTTP/1.1 x"][..]),
        headers in prop::collection::vec(header(), 0..6),
        body in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let addr = server();
        let mut bytes = format!("{method} {target} {version}\r\n").into_bytes();
        for (name, value) in &headers {
            bytes.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(&body);
        let response = raw(addr, &bytes);
        // Garbage may be answered with 4xx or with a closed connection; never with a 5xx
        // from the handler (a panic is a 500).
        if !response.is_empty() {
            let code = status(&response);
            prop_assert!(code.is_some(), "no status line: {:?}", String::from_utf8_lossy(&response));
            prop_assert!(code.unwrap() < 500, "{:?}", String::from_utf8_lossy(&response));
        }
        still_up(addr)?;
    }

    #[test]
    fn any_sparql_string_is_answered_the_same_way_twice(
        query in sparql(),
        accept in prop::sample::select(&[
            "", "application/sparql-results+json", "text/csv", "text/turtle",
            "application/n-triples", "text/html", "image/png", "*/*;q=0",
        ][..]),
        post in any::<bool>(),
    ) {
        let addr = server();
        let headers: Vec<(&str, &str)> = if accept.is_empty() {
            Vec::new()
        } else {
            vec![("Accept", accept)]
        };
        let ask = || {
            if post {
                let mut h = headers.clone();
                h.push(("Content-Type", "application/sparql-query"));
                request(addr, "POST", "/sparql", &h, query.as_bytes())
            } else {
                let encoded: String =
                    form_urlencoded::byte_serialize(query.as_bytes()).collect();
                request(addr, "GET", &format!("/sparql?query={encoded}"), &headers, b"")
            }
            .expect("a response")
        };
        let first = ask();
        prop_assert!(first.status < 500, "{} {}", first.status, first.text());
        let second = ask();
        prop_assert_eq!(first.status, second.status);
        // Blank node labels are minted per answer; everything else is the same.
        if !first.text().contains("_:") {
            prop_assert_eq!(first.text(), second.text());
        }
        still_up(addr)?;
    }
}
