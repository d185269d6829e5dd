//! Shared set-up for the server tests: the fixture store, default options, the HTTP client.
#![allow(dead_code)]

pub mod http_client;

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;
use std::time::Duration;
use tripel::server::{ExampleQuery, ServeOptions, Server};

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

/// Test options: loopback, a free port, generous limits, read-only.
pub fn options() -> ServeOptions {
    ServeOptions {
        bind: "127.0.0.1:0".parse().unwrap(),
        timeout: Duration::from_secs(30),
        max_results: 10_000,
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

// --- Hand-built extractions: store, mapping and export tests describe their input facts
// directly, independent of what the extractor finds today.

use std::collections::BTreeMap;
use tripel::model::*;
use tripel::rdf::vocab::Iris;

pub fn entity(iris: &Iris, label: &str, kind: EntityType) -> Entity {
    Entity {
        id: iris.entity(label),
        label: label.to_owned(),
        kind,
        aliases: Vec::new(),
    }
}

pub fn mention(doc: &str, e: &Entity, text: &str, start: usize) -> Mention {
    Mention {
        kind: MentionKind::Mention,
        doc: doc.to_owned(),
        start,
        end: start + text.chars().count(),
        text: text.to_owned(),
        entity: e.clone(),
        nested: false,
    }
}

pub fn arg(e: &Entity, text: &str, start: usize) -> Argument {
    Argument::Entity(EntityArg {
        id: e.id.clone(),
        label: e.label.clone(),
        kind: e.kind,
        aliases: e.aliases.clone(),
        text: text.to_owned(),
        start,
        end: start + text.chars().count(),
    })
}

pub fn fact(doc: &str, evidence: &str, s: Argument, p: &str, o: Argument, rule: &str) -> Fact {
    Fact {
        kind: FactKind::Fact,
        doc: doc.to_owned(),
        evidence: evidence.to_owned(),
        start: 0,
        end: evidence.chars().count(),
        subject: s,
        predicate: p.to_owned(),
        predicate_iri: Iris::predicate(p),
        object: o,
        qualifiers: BTreeMap::new(),
        confidence: 0.85,
        rule: rule.to_owned(),
    }
}

/// "Meta bestellt 350.000 B200-GPUs bei NVIDIA. Meta investiert 35 bis 40 Milliarden Dollar."
pub fn meta_doc(iris: &Iris, id: &str) -> (Document, Extraction) {
    let text =
        "Meta bestellt 350.000 B200-GPUs bei NVIDIA. Meta investiert 35 bis 40 Milliarden Dollar.";
    let meta = Entity {
        aliases: vec!["Metas".to_owned()],
        ..entity(iris, "Meta", EntityType::Organization)
    };
    let b200 = entity(iris, "B200", EntityType::Product);
    let nvidia = entity(iris, "NVIDIA", EntityType::Organization);
    let s1 = "Meta bestellt 350.000 B200-GPUs bei NVIDIA.";
    let mut buys = fact(
        id,
        s1,
        arg(&meta, "Meta", 0),
        "buys",
        arg(&b200, "B200-GPUs", 22),
        "de/buys/bestellung",
    );
    buys.qualifiers
        .insert("quantity".into(), serde_json::json!(350000));
    buys.qualifiers
        .insert("date".into(), serde_json::json!("2024-12-31"));
    buys.qualifiers
        .insert("share".into(), serde_json::json!(0.25));
    let mut supplies = fact(
        id,
        s1,
        arg(&nvidia, "NVIDIA", 36),
        "supplies",
        arg(&meta, "Meta", 0),
        "de/supplies/bei",
    );
    supplies.confidence = 0.6;
    let s2 = "Meta investiert 35 bis 40 Milliarden Dollar.";
    let mut invests = fact(
        id,
        s2,
        arg(&meta, "Meta", 44),
        "invests",
        Argument::Literal(LiteralArg {
            value: "35000000000..40000000000".into(),
            datatype: "http://schema.org/MonetaryAmount".into(),
            amount: Some(Amount {
                min: 35e9,
                max: 40e9,
                currency: Some("USD".into()),
            }),
            text: "35 bis 40 Milliarden Dollar".into(),
            start: 60,
            end: 87,
        }),
        "de/invests/investiert",
    );
    invests.start = 44;
    invests.end = 88;
    let ex = Extraction {
        lang: Some(Lang::De),
        sentences: vec![Span { start: 0, end: 43 }, Span { start: 44, end: 88 }],
        mentions: vec![
            mention(id, &meta, "Meta", 0),
            mention(id, &b200, "B200", 22),
            mention(id, &nvidia, "NVIDIA", 36),
            mention(id, &meta, "Meta", 44),
        ],
        facts: vec![buys, supplies, invests],
    };
    (
        Document {
            id: id.to_owned(),
            text: text.to_owned(),
        },
        ex,
    )
}
