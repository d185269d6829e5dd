//! DOT export: shapes by type, focus neighbourhoods, escaping, and that GraphViz renders it.

use std::process::{Command, Stdio};
use tripel_extract::EntityType;
use tripel_graph::export::dot::{write_dot, KgGraph, Node};
use tripel_graph::{content_hash, document_quads, DocumentGraph, Iris, KgStore};
use tripel_graph::{write_store_dot, DotError, DotOptions};

fn store() -> KgStore {
    let iris = Iris::default();
    let store = KgStore::in_memory().unwrap();
    let (doc, mut ex) = crate::common::meta_doc("a.txt");
    // A second component (Jensen Huang → NVIDIA) two hops from Meta, and a label that needs
    // escaping.
    let huang = crate::common::entity("Jensen Huang", EntityType::Person);
    let nvidia = crate::common::entity("NVIDIA", EntityType::Organization);
    let odd = crate::common::entity("Say \"hi\" \\ back\nslash", EntityType::Place);
    ex.facts.push(crate::common::fact(
        "a.txt",
        "Jensen Huang, CEO von NVIDIA.",
        crate::common::arg(&huang, "Jensen Huang", 0),
        "ceoOf",
        crate::common::arg(&nvidia, "NVIDIA", 0),
        "de/ceoOf/apposition",
    ));
    ex.facts.push(crate::common::fact(
        "a.txt",
        "Jensen Huang lebt dort.",
        crate::common::arg(&huang, "Jensen Huang", 0),
        "locatedIn",
        crate::common::arg(&odd, "dort", 0),
        "de/locatedIn/x",
    ));
    store
        .replace_documents(&[DocumentGraph {
            graph: iris.document(&doc.id),
            quads: document_quads(&iris, &doc, &ex, &content_hash(&doc.text)),
        }])
        .unwrap();
    store
}

fn dot(store: &KgStore, focus: Option<&str>, depth: usize) -> String {
    let mut out = Vec::new();
    write_store_dot(
        store,
        &DotOptions {
            focus: focus.map(str::to_owned),
            depth,
        },
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn node_line<'a>(dot: &'a str, label: &str) -> Option<&'a str> {
    dot.lines()
        .find(|l| l.contains(&format!("label=\"{label}\"")) && !l.contains("->"))
}

#[test]
fn nodes_are_styled_by_type_and_edges_labelled() {
    let dot = dot(&store(), None, 0);
    assert!(node_line(&dot, "Meta").unwrap().contains("shape=box"));
    assert!(node_line(&dot, "B200").unwrap().contains("shape=component"));
    assert!(node_line(&dot, "Jensen Huang")
        .unwrap()
        .contains("shape=ellipse"));
    assert!(node_line(&dot, r#"Say \"hi\" \\ back\nslash"#)
        .unwrap()
        .contains("shape=house"));
    // The money value is a plain-text node.
    assert!(node_line(&dot, "35 bis 40 Milliarden Dollar")
        .unwrap()
        .contains("shape=plaintext"));
    for p in ["buys", "supplies", "invests", "ceoOf", "locatedIn"] {
        assert!(
            dot.contains(&format!("[label=\"{p}\"]")),
            "{p} edge missing:\n{dot}"
        );
    }
}

#[test]
fn focus_limits_to_the_neighbourhood() {
    let store = store();
    // Meta's direct neighbours: B200, NVIDIA (supplies), the invested amount.
    let near = dot(&store, Some("meta"), 1);
    assert!(node_line(&near, "B200").is_some());
    assert!(node_line(&near, "NVIDIA").is_some());
    assert!(node_line(&near, "Jensen Huang").is_none(), "{near}");
    // Two hops reach Jensen Huang through NVIDIA; by alias and by IRI too.
    let far = dot(&store, Some("Metas"), 2);
    assert!(node_line(&far, "Jensen Huang").is_some(), "{far}");
    let by_iri = dot(&store, Some(&Iris::default().entity_of_label("Meta")), 2);
    assert_eq!(far, by_iri);
    let none = write_store_dot(
        &store,
        &DotOptions {
            focus: Some("Nobody".into()),
            depth: 1,
        },
        &mut Vec::new(),
    );
    assert!(matches!(none, Err(DotError::NoMatch(_))));
}

#[test]
fn output_is_deterministic() {
    let store = store();
    assert_eq!(dot(&store, None, 0), dot(&store, None, 0));
}

#[test]
fn graphviz_renders_the_output() {
    let has_dot = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_dot {
        eprintln!("NOTICE: GraphViz `dot` is not on PATH; skipping the render check (apt-get install graphviz)");
        return;
    }
    let mut graph = KgGraph::default();
    // Labels that break naive quoting.
    for (id, label) in [
        ("a", "Back\\slash \\N \\l"),
        ("b", "Quote \" inside"),
        ("c", "Brace { } < > | ; -> --"),
        ("d", "Umlaute äöü ß, emoji 🚀"),
    ] {
        graph.add_node(Node {
            id: id.into(),
            label: label.into(),
            kind: Some("Organization".into()),
            aliases: vec![],
        });
    }
    graph.add_edge("a", "b", "partnerOf \"x\"");
    graph.add_edge("c", "d", "buys");
    let mut out = Vec::new();
    write_dot(&graph, &DotOptions::default(), &mut out).unwrap();
    for text in [String::from_utf8(out).unwrap(), dot(&store(), None, 0)] {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let result = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            result.status.success() && stderr.trim().is_empty(),
            "dot failed: {stderr}\n{text}"
        );
        let svg = String::from_utf8(result.stdout).unwrap();
        assert!(svg.contains("<svg"));
    }
}
