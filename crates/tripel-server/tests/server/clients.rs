//! Python's RDF clients (rdflib, SPARQLWrapper) against a live server: `tests/server/clients.py`
//! runs as a child process, queries the in-process server on loopback, and compares with the
//! answers computed here by querying the store directly.
//!
//! Skipped with a notice when python3 or its packages are missing on a developer machine; under
//! CI (`CI` set) a missing dependency is a failure, since `.ci/setup` installs them.

use crate::common::{options, store_with, NEWS};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNodeRef};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use serde_json::{json, Value};
use std::process::Command;
use tripel_server::Server;

const PREFIXES: &str = "PREFIX tri: <https://w3id.org/tripel/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
";

/// Evaluates `query` on the store the way the endpoint does (union default graph).
fn direct(store: &Store, query: &str) -> QueryResults<'static> {
    let mut prepared = SparqlEvaluator::new()
        .parse_query(query)
        .expect("query parses");
    prepared.dataset_mut().set_default_graph_as_union();
    prepared.on_store(store).execute().expect("query runs")
}

fn direct_select(store: &Store, query: &str) -> Value {
    let QueryResults::Solutions(solutions) = direct(store, query) else {
        panic!("not a SELECT");
    };
    let mut serializer = QueryResultsSerializer::from_format(QueryResultsFormat::Json)
        .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
        .unwrap();
    for solution in solutions {
        serializer.serialize(&solution.unwrap()).unwrap();
    }
    serde_json::from_slice(&serializer.finish().unwrap()).unwrap()
}

fn direct_ask(store: &Store, query: &str) -> bool {
    match direct(store, query) {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK"),
    }
}

fn direct_construct(store: &Store, query: &str) -> String {
    let QueryResults::Graph(triples) = direct(store, query) else {
        panic!("not a CONSTRUCT");
    };
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for triple in triples {
        serializer.serialize_triple(&triple.unwrap()).unwrap();
    }
    String::from_utf8(serializer.finish().unwrap()).unwrap()
}

fn python_with_clients() -> Result<(), String> {
    match Command::new("python3")
        .args(["-c", "import rdflib, SPARQLWrapper"])
        .output()
    {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!(
            "python3 lacks rdflib/SPARQLWrapper ({})",
            String::from_utf8_lossy(&out.stderr)
                .trim()
                .lines()
                .last()
                .unwrap_or("")
        )),
        Err(e) => Err(format!("no python3 ({e})")),
    }
}

#[test]
fn python_clients_get_the_same_answers_as_the_store() {
    if let Err(why) = python_with_clients() {
        if std::env::var_os("CI").is_some() {
            panic!("{why}: run .ci/setup");
        }
        eprintln!(
            "SKIPPED python_clients_get_the_same_answers_as_the_store: {why} (run .ci/setup)"
        );
        return;
    }
    let store = store_with(&[NEWS]);
    let select_ceos = format!(
        "{PREFIXES}SELECT ?person ?name ?company WHERE {{ ?person tri:ceoOf ?company ; rdfs:label ?name }}"
    );
    let select_facts = format!(
        "{PREFIXES}SELECT ?fact ?s ?p ?o ?evidence ?start ?confidence WHERE {{
           ?fact a tri:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                 tri:evidence ?evidence ; tri:start ?start ; tri:confidence ?confidence }}"
    );
    let select_aliases = format!(
        "{PREFIXES}SELECT ?e ?alias ?type WHERE {{ ?e skos:altLabel ?alias OPTIONAL {{ ?e a ?type }} }}"
    );
    let ask_yes =
        format!("{PREFIXES}ASK {{ ?p tri:ceoOf <https://w3id.org/tripel/data/entity/nvidia> }}");
    let ask_no = format!(
        "{PREFIXES}ASK {{ ?p tri:ceoOf <https://w3id.org/tripel/data/entity/santa-clara> }}"
    );
    let construct = format!(
        "{PREFIXES}CONSTRUCT {{ ?s ?p ?o . ?s rdfs:label ?l }} WHERE {{
           ?f a tri:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . ?s rdfs:label ?l }}"
    );
    let graph = "https://w3id.org/tripel/data/doc/nvidia-en-txt";
    let mut graph_nt = Vec::new();
    store
        .dump_graph_to_writer(
            GraphNameRef::NamedNode(NamedNodeRef::new(graph).unwrap()),
            RdfFormat::NTriples,
            &mut graph_nt,
        )
        .unwrap();
    let cases = json!({ "cases": [
        { "name": "select_ceos", "kind": "select", "query": select_ceos, "expected": direct_select(&store, &select_ceos) },
        { "name": "select_facts", "kind": "select", "query": select_facts, "expected": direct_select(&store, &select_facts) },
        { "name": "select_aliases", "kind": "select", "query": select_aliases, "expected": direct_select(&store, &select_aliases) },
        { "name": "ask_yes", "kind": "ask", "query": ask_yes, "expected": direct_ask(&store, &ask_yes) },
        { "name": "ask_no", "kind": "ask", "query": ask_no, "expected": direct_ask(&store, &ask_no) },
        { "name": "construct_facts", "kind": "construct", "query": construct, "expected_ntriples": direct_construct(&store, &construct) },
        { "name": "graph_nvidia", "kind": "graph", "graph": graph, "expected_ntriples": String::from_utf8(graph_nt).unwrap() },
    ]});
    assert_eq!(cases["cases"][3]["expected"], true);
    assert_eq!(cases["cases"][4]["expected"], false);

    let dir = tempfile::tempdir().unwrap();
    let expected_path = dir.path().join("expected.json");
    std::fs::write(&expected_path, serde_json::to_vec_pretty(&cases).unwrap()).unwrap();

    let server = Server::start(store, options()).expect("server starts");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/server/clients.py");
    let output = Command::new("python3")
        .arg(script)
        .arg(format!("{}/sparql", server.url()))
        .arg(&expected_path)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "clients.py failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}
