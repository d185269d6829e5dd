//! tripel's own endpoint rules, against an in-process server on loopback: the union default
//! graph, the Graph Store and dataset endpoint, entity pages, limits, streaming, CORS and
//! concurrency. (The W3C suites of both protocols are replayed from data in [`crate::w3c`].)

use crate::common::{options, store_with, NEWS, W3C};
use crate::http_client::{encode, get, post, request, Response};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use tripel_server::Server;

const FORM: &str = "application/x-www-form-urlencoded";
/// The read-only server shared by the read tests (the W3C graphs plus the news fixture).
fn server() -> SocketAddr {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER
        .get_or_init(|| Server::start(store_with(&[W3C, NEWS]), options()).expect("server starts"))
        .local_addr()
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

// ---------------------------------------------------------------- tripel's endpoint rules

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
fn graph_store_default_is_the_stores_own_graph_and_the_dataset_endpoint_has_everything() {
    // Everything lives in named graphs: the store's own default graph is empty (it is not the
    // union that queries see).
    let r = get(server(), "/graph?default", Some("application/n-triples"));
    assert_eq!(r.status, 200);
    assert_eq!(r.text().trim(), "");
    // The dataset endpoint: every quad with its graph, N-Quads by default, TriG on request.
    let quads = select_json(
        server(),
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    )["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap()
        .parse::<usize>()
        .unwrap();
    let nquads = get(server(), "/graph", None);
    assert_eq!(nquads.status, 200);
    assert_eq!(nquads.media_type(), "application/n-quads");
    let store = oxigraph::store::Store::new().unwrap();
    store
        .load_from_slice(oxigraph::io::RdfFormat::NQuads, &nquads.body)
        .expect("the dataset is N-Quads");
    assert_eq!(store.len().unwrap(), quads);
    let trig = get(server(), "/graph", Some("application/trig"));
    assert_eq!(trig.media_type(), "application/trig");
    let from_trig = oxigraph::store::Store::new().unwrap();
    from_trig
        .load_from_slice(oxigraph::io::RdfFormat::TriG, &trig.body)
        .expect("the dataset is TriG");
    assert_eq!(from_trig.len().unwrap(), quads);
    let head = request(server(), "HEAD", "/graph", &[], b"").unwrap();
    assert_eq!((head.status, head.body.len()), (200, 0));
    // A triple syntax cannot carry graph names: 406, naming the formats on offer.
    let turtle = get(server(), "/graph", Some("text/turtle"));
    assert_eq!(turtle.status, 406);
    assert!(
        turtle.text().contains("application/n-quads"),
        "{}",
        turtle.text()
    );
    // The whole store is neither replaced nor deleted by one request.
    for method in ["PUT", "DELETE"] {
        let r = request(server(), method, "/graph", &[], b"").unwrap();
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD, POST"));
    }
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
        &format!("/sparql?query={}", encode("CONSTRUCT WHERE { ?s ?p ?o }")),
        Some("application/n-triples"),
    );
    assert_eq!(graph.status, 200);
    // The union may hold a triple in several document graphs; as a set it is the SELECT's.
    let text = graph.text();
    let triples: std::collections::HashSet<&str> = text.lines().collect();
    assert_eq!(triples.len(), rows);
    assert!(rows > 3);
    let dataset = get(full.local_addr(), "/graph", None);
    assert_eq!(dataset.status, 200);
    assert!(dataset.text().lines().count() >= rows);

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
        ("/graph".to_owned(), Some("application/n-quads")),
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
    // The store's own default graph is written like any graph (201 when it had no triples),
    // and queries see it in their union default graph.
    let default = |method: &str, body: &[u8]| {
        request(addr, method, "/graph?default", &turtle, body)
            .unwrap()
            .status
    };
    assert_eq!(default("PUT", two), 201);
    assert_eq!(default("PUT", two), 204);
    let r = get(addr, "/graph?default", Some("application/n-triples"));
    assert_eq!(r.text().lines().count(), 2);
    let ask_default = format!(
        "/sparql?query={}",
        encode("ASK { <http://example.org/a> <http://example.org/p> <http://example.org/c> }")
    );
    assert!(get(addr, &ask_default, None).text().contains("true"));
    assert_eq!(default("DELETE", b""), 204);
    assert_eq!(get(addr, "/graph?default", None).text().trim(), "");
    // Direct identification: a graph below /graph/ is named by its own URL.
    let direct = "/graph/people/ada";
    assert_eq!(
        request(addr, "PUT", direct, &turtle, two).unwrap().status,
        201
    );
    let by_name = get(
        addr,
        &format!("/graph?graph={}", encode(&format!("http://{addr}{direct}"))),
        Some("application/n-triples"),
    );
    assert_eq!(by_name.text().lines().count(), 2);
    // A relative ?graph= resolves against the request URL.
    let relative = get(
        addr,
        "/graph?graph=graph/people/ada",
        Some("application/n-triples"),
    );
    assert_eq!(relative.text(), by_name.text());
    assert_eq!(
        request(addr, "GET", "/graph/people/ada?default", &[], b"")
            .unwrap()
            .status,
        400
    );
    // A body with graph names is refused for one graph; N-Quads POSTed to the store add them.
    let nq = [("Content-Type", "application/n-quads")];
    let quad = b"<http://example.org/x> <http://example.org/p> <http://example.org/y> <http://example.org/g2> .\n";
    assert_eq!(send("PUT", &nq, quad), 400);
    assert_eq!(
        request(addr, "POST", "/graph", &nq, quad).unwrap().status,
        204
    );
    let g2 = get(
        addr,
        &format!("/graph?graph={}", encode("http://example.org/g2")),
        Some("application/n-triples"),
    );
    assert_eq!((g2.status, g2.text().lines().count()), (200, 1));
    // A graph body POSTed to the store becomes a new graph, named in Location.
    let created = request(addr, "POST", "/graph", &turtle, two).unwrap();
    assert_eq!(created.status, 201);
    let location = created.header("Location").unwrap().to_owned();
    let path = location.strip_prefix(&format!("http://{addr}")).unwrap();
    assert!(path.starts_with("/graph/"), "{location}");
    assert_eq!(
        get(addr, path, Some("application/n-triples"))
            .text()
            .lines()
            .count(),
        2
    );

    // A read-only server refuses every write.
    let read_only = Server::start(store_with(&[NEWS]), options()).unwrap();
    let r = request(read_only.local_addr(), "PUT", &target, &turtle, two).unwrap();
    assert_eq!(r.status, 403);
}

#[test]
fn large_answers_stream_and_small_ones_are_sent_whole() {
    // 60,000 triples, about 5 MB as N-Triples: past the size from which answers stream.
    let store = store_with(&[]);
    let graph = oxigraph::model::NamedNode::new("http://example.org/big").unwrap();
    let p = oxigraph::model::NamedNode::new("http://example.org/p").unwrap();
    store
        .extend((0..60_000).map(|i| {
            oxigraph::model::Quad::new(
                oxigraph::model::NamedNode::new(format!("http://example.org/s{i}")).unwrap(),
                p.clone(),
                oxigraph::model::Literal::from(format!("value number {i}")),
                graph.clone(),
            )
        }))
        .unwrap();
    let server = Server::start(store, options()).unwrap();
    let addr = server.local_addr();
    let big = get(
        addr,
        &format!("/graph?graph={}", encode(graph.as_str())),
        Some("application/n-triples"),
    );
    assert_eq!(big.status, 200);
    assert_eq!(big.header("Transfer-Encoding"), Some("chunked"));
    assert_eq!(big.header("Content-Length"), None);
    assert_eq!(big.text().lines().count(), 60_000, "complete");
    let select = get(
        addr,
        &format!(
            "/sparql?query={}",
            encode("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
        ),
        Some("text/tab-separated-values"),
    );
    assert_eq!(select.header("Transfer-Encoding"), Some("chunked"));
    assert_eq!(
        select.text().lines().count(),
        60_001,
        "the header and every row"
    );
    let dataset = get(addr, "/graph", None);
    assert_eq!(dataset.header("Transfer-Encoding"), Some("chunked"));
    assert_eq!(dataset.text().lines().count(), 60_000);
    // A small answer is sent whole, with its length.
    let small = get(
        addr,
        &format!(
            "/sparql?query={}",
            encode("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3")
        ),
        None,
    );
    assert_eq!(small.status, 200);
    assert!(small.header("Content-Length").is_some());
}

#[test]
fn an_answer_that_fails_after_streaming_began_is_cut_off_never_ended_cleanly() {
    use std::io::{Read, Write};
    // About 17 MB of N-Triples: more than the socket buffers hold, so the server is still
    // writing when its one-second limit runs out behind a client that stopped reading.
    let store = store_with(&[]);
    let graph = oxigraph::model::NamedNode::new("http://example.org/big").unwrap();
    let p = oxigraph::model::NamedNode::new("http://example.org/p").unwrap();
    store
        .extend((0..200_000).map(|i| {
            oxigraph::model::Quad::new(
                oxigraph::model::NamedNode::new(format!("http://example.org/s{i}")).unwrap(),
                p.clone(),
                oxigraph::model::Literal::from(format!("a value long enough to fill pages {i}")),
                graph.clone(),
            )
        }))
        .unwrap();
    let mut opts = options();
    opts.timeout = Duration::from_secs(1);
    let server = Server::start(store, opts).unwrap();
    let addr = server.local_addr();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /graph?graph={} HTTP/1.1\r\nHost: {addr}\r\nAccept: application/n-triples\r\nConnection: close\r\n\r\n",
        encode(graph.as_str())
    )
    .unwrap();
    let mut head = [0u8; 4096];
    let n = stream.read(&mut head).unwrap();
    let head = String::from_utf8_lossy(&head[..n]).into_owned();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    // The client stalls past the time limit, then reads what is left.
    std::thread::sleep(Duration::from_millis(2500));
    let mut rest = Vec::new();
    // The server aborts the connection: the read ends, with an error or at end of stream.
    let _ = stream.read_to_end(&mut rest);
    assert!(
        !rest.ends_with(b"\r\n0\r\n\r\n"),
        "the chunked body was ended as if complete"
    );
    let lines = rest.split(|b| *b == b'\n').count();
    assert!(lines < 200_000, "the whole graph arrived ({lines} lines)");
}
