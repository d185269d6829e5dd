//! The store on the in-memory backend: mapping shape, incremental replace, removal, queries,
//! dumps and statistics.

use oxigraph::io::RdfParser;
use oxigraph::model::Term;
use tripel_graph::RdfFormat as Format;
use tripel_graph::{content_hash, document_quads, DocumentGraph, Iris, KgStore, StoreError};

fn graph_of(iris: &Iris, id: &str) -> DocumentGraph {
    let (doc, ex) = crate::common::meta_doc(id);
    DocumentGraph {
        graph: iris.document(&doc.id),
        quads: document_quads(iris, &doc, &ex, &content_hash(&doc.text)),
    }
}

fn count(store: &KgStore, q: &str) -> u64 {
    let rows = store.select(q).unwrap();
    match &rows.rows[0][0] {
        Some(Term::Literal(l)) => l.value().parse().unwrap(),
        other => panic!("not a count: {other:?}"),
    }
}

fn single(store: &KgStore, q: &str) -> String {
    let rows = store.select(q).unwrap();
    assert_eq!(rows.rows.len(), 1, "{q}");
    match &rows.rows[0][0] {
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn mapping_writes_plain_triples_reification_and_values() {
    let iris = Iris::default();
    let store = KgStore::in_memory().unwrap();
    store
        .replace_documents(&[graph_of(&iris, "a.txt")])
        .unwrap();

    // Plain triple, queryable without knowing about fact nodes.
    assert_eq!(
        count(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?s tri:buys ?o . ?s rdfs:label 'Meta'@de . ?o rdfs:label 'B200'@de }"),
        1
    );
    // Reified fact with provenance.
    let q = "SELECT ?ev WHERE { ?f a tri:Fact , rdf:Statement ; rdf:predicate tri:buys ; tri:evidence ?ev ; \
             tri:start 0 ; tri:end 43 ; tri:confidence 0.85 ; tri:rule 'de/buys/bestellung' ; \
             tri:subjectText 'Meta' ; tri:objectText 'B200-GPUs' ; tri:document ?d . ?d tri:docId 'a.txt' }";
    assert_eq!(
        single(&store, q),
        "Meta bestellt 350.000 B200-GPUs bei NVIDIA."
    );
    // Typed qualifiers.
    assert_eq!(count(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?f tri:quantity ?q FILTER(datatype(?q) = xsd:integer && ?q = 350000) }"), 1);
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?f tri:date ?q FILTER(datatype(?q) = xsd:date) }"
        ),
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { ?f tri:share ?q FILTER(datatype(?q) = xsd:decimal) }"
        ),
        1
    );
    // Structured money value.
    let q = "SELECT ?max WHERE { ?s tri:invests ?v . ?v a schema:MonetaryAmount ; schema:minValue ?min ; \
             schema:maxValue ?max ; schema:currency 'USD' ; rdfs:label '35 bis 40 Milliarden Dollar' \
             FILTER(?min = 35000000000 && datatype(?max) = xsd:decimal) }";
    assert_eq!(single(&store, q), "40000000000");
    // Document node.
    let q = "SELECT ?h WHERE { ?d a tri:Document ; tri:docId 'a.txt' ; tri:language 'de' ; tri:sentenceCount 2 ; \
             tri:characterCount 88 ; tri:contentHash ?h }";
    assert_eq!(single(&store, q).len(), 64);
    // The document's text, which the facts' evidence spans index in code points (the
    // explorer's source view marks the evidence with them).
    let q = "SELECT ?t WHERE { ?d tri:docId 'a.txt' ; tri:text ?t FILTER(lang(?t) = 'de') }";
    assert_eq!(single(&store, q).chars().count(), 88);
    let spans = |matching: bool| {
        count(
            &store,
            &format!(
                "SELECT (COUNT(*) AS ?n) WHERE {{ ?f a tri:Fact ; tri:evidence ?ev ; tri:start ?s ; tri:end ?e ; \
                 tri:document ?d . ?d tri:text ?t FILTER((STR(SUBSTR(?t, ?s + 1, ?e - ?s)) = STR(?ev)) = {matching}) }}"
            ),
        )
    };
    assert_eq!((spans(true), spans(false)), (3, 0));
    // Entities with type, label, alias and mention link.
    let q = "SELECT ?e WHERE { ?e a schema:Organization ; rdfs:label 'Meta'@de ; skos:altLabel 'Metas'@de ; tri:mentionedIn ?d }";
    assert_eq!(single(&store, q), iris.entity_of_label("Meta"));
    // Everything sits in the document's graph.
    let doc = iris.document("a.txt");
    assert_eq!(
        count(&store, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH <{doc}> {{ ?s ?p ?o }} }} FILTER NOT EXISTS {{ GRAPH <https://w3id.org/tripel/ontology> {{ ?s ?p ?o }} }} }}")),
        0
    );
}

#[test]
fn fact_iris_are_stable_across_builds() {
    let iris = Iris::default();
    let a = graph_of(&iris, "a.txt").quads;
    let b = graph_of(&iris, "a.txt").quads;
    assert_eq!(a, b);
    let facts = |qs: &[oxigraph::model::Quad]| {
        qs.iter()
            .filter(|q| q.subject.to_string().contains("/fact/"))
            .map(|q| q.subject.to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(facts(&a).len(), 3);
    assert_eq!(facts(&a), facts(&b));
}

#[test]
fn replace_is_incremental_and_remove_drops_the_graph() {
    let iris = Iris::default();
    let store = KgStore::in_memory().unwrap();
    store
        .replace_documents(&[graph_of(&iris, "a.txt"), graph_of(&iris, "b.txt")])
        .unwrap();
    let full = store.len().unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);

    // Replacing with the same quads changes nothing.
    store
        .replace_documents(&[graph_of(&iris, "a.txt")])
        .unwrap();
    assert_eq!(store.len().unwrap(), full);

    // A changed document loses its old facts.
    let (mut doc, mut ex) = crate::common::meta_doc("a.txt");
    doc.text.push_str(" Neu.");
    ex.facts.retain(|f| f.predicate == "buys");
    let hash = content_hash(&doc.text);
    store
        .replace_documents(&[DocumentGraph {
            graph: iris.document("a.txt"),
            quads: document_quads(&iris, &doc, &ex, &hash),
        }])
        .unwrap();
    assert_eq!(
        store.document_hash(&iris.document("a.txt")).unwrap(),
        Some(hash)
    );
    let stats = store.stats().unwrap();
    assert_eq!(stats.facts, 4, "{stats:?}");
    assert!(store.len().unwrap() < full);

    assert!(store.remove_document("a.txt").unwrap());
    assert!(!store.remove_document("a.txt").unwrap());
    assert_eq!(store.document_hash(&iris.document("a.txt")).unwrap(), None);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.facts), (1, 3));
    // By IRI too.
    assert!(store.remove_document(&iris.document("b.txt")).unwrap());
    assert_eq!(store.stats().unwrap().documents, 0);
    // The ontology is not a document.
    assert!(!store
        .remove_document("https://w3id.org/tripel/ontology")
        .unwrap());
    assert!(store
        .label("https://w3id.org/tripel/ontology#buys")
        .unwrap()
        .is_some());
}

#[test]
fn stats_count_documents_entities_and_facts() {
    let iris = Iris::default();
    let store = KgStore::in_memory().unwrap();
    store
        .replace_documents(&[graph_of(&iris, "a.txt")])
        .unwrap();
    let s = store.stats().unwrap();
    assert_eq!(s.documents, 1);
    assert_eq!(s.entities, 3);
    assert_eq!(
        s.entities_by_type,
        vec![("Organization".to_owned(), 2), ("Product".to_owned(), 1)]
    );
    assert_eq!(s.facts, 3);
    assert_eq!(s.facts_by_predicate.len(), 3);
    assert!(s.quads > 50);
}

#[test]
fn ontology_labels_are_queryable() {
    let store = KgStore::in_memory().unwrap();
    assert_eq!(
        single(
            &store,
            "SELECT ?l WHERE { tri:ceoOf rdfs:label ?l FILTER(lang(?l) = 'de') }"
        ),
        "CEO von"
    );
    assert_eq!(
        store
            .label("https://w3id.org/tripel/ontology#buys")
            .unwrap()
            .as_deref(),
        Some("buys")
    );
    // All thirty relation predicates are declared with both labels.
    assert_eq!(
        count(&store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a owl:ObjectProperty ; rdfs:label ?en, ?de ; rdfs:comment ?c ; rdfs:domain ?d ; rdfs:range ?r FILTER(lang(?en)='en' && lang(?de)='de' && ?p != tri:mentionedIn && ?p != tri:document) }"),
        30
    );
}

#[test]
fn invalid_sparql_reports_the_position() {
    let store = KgStore::in_memory().unwrap();
    let Err(err) = store.query("SELECT ?s WHERE {\n  ?s ?p \n}") else {
        panic!("query should not parse")
    };
    match &err {
        StoreError::Syntax { line, column, .. } => {
            assert_eq!(*line, Some(3));
            assert!(column.is_some());
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.starts_with("invalid SPARQL at line 3, column"), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn dumps_parse_back_in_every_format() {
    let iris = Iris::default();
    let store = KgStore::in_memory().unwrap();
    store
        .replace_documents(&[graph_of(&iris, "a.txt"), graph_of(&iris, "b.txt")])
        .unwrap();
    let quads = store.len().unwrap();
    for format in Format::ALL {
        let rdf = format.oxigraph();
        // The media types and extensions are the registered ones, Oxigraph's too.
        assert_eq!(format.media_type(), rdf.media_type(), "{format:?}");
        assert_eq!(format.file_extension(), rdf.file_extension(), "{format:?}");
        let bytes = store.dump(format, Vec::new()).unwrap();
        let parsed: Vec<_> = RdfParser::from_format(rdf)
            .for_slice(&bytes)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{format:?}: {e}"));
        if format.keeps_graphs() {
            assert_eq!(parsed.len(), quads, "{format:?}");
        } else {
            // Entity triples shared by both documents appear once.
            assert!(
                parsed.len() < quads && parsed.len() > quads / 2,
                "{format:?}"
            );
            assert!(parsed.iter().all(|q| q.graph_name.is_default_graph()));
        }
    }
    let turtle = String::from_utf8(store.dump(Format::Turtle, Vec::new()).unwrap()).unwrap();
    assert!(turtle.contains("@prefix tri: <https://w3id.org/tripel/ontology#>"));
    assert!(turtle.contains("tri:buys"));
}

#[test]
fn query_default_graph_is_the_union() {
    let iris = Iris::default();
    let store = KgStore::in_memory().unwrap();
    store
        .replace_documents(&[graph_of(&iris, "a.txt"), graph_of(&iris, "b.txt")])
        .unwrap();
    assert_eq!(
        count(&store, "SELECT (COUNT(*) AS ?n) WHERE { ?f a tri:Fact }"),
        6
    );
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?f a tri:Fact } }"
        ),
        2
    );
}
