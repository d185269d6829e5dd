//! The one place where a document's extraction becomes RDF.
//!
//! Every quad of a document goes into the named graph that is the document's own IRI, so that
//! re-building a changed document is "clear that graph, insert the new quads" and removing it is
//! "drop that graph". Each fact is written twice on purpose:
//!
//! * as the plain triple `<subject> tri:<predicate> <object>`, so that ordinary SPARQL finds it;
//! * as a reified `rdf:Statement` node carrying the provenance (document, evidence sentence and
//!   span, confidence, rule, qualifiers). Classic reification is used rather than RDF 1.2 triple
//!   terms because exports must load in tools that only speak RDF 1.1 (rdflib, raptor).
//!
//! Literal objects with an [`Amount`] become structured `schema:MonetaryAmount` /
//! `schema:QuantitativeValue` nodes so that ranges and currencies stay queryable.
//!
//! Fact and value IRIs are derived from a hash of what identifies the fact, never from a counter,
//! so the same input gives the same IRIs in every build.

use crate::rdf::vocab::{Iris, ONTOLOGY, RDF, RDFS, SKOS};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use tripel_extract::{
    Amount, Argument, Document, EntityArg, EntityType, Extraction, Fact, LiteralArg,
};

/// Hex SHA-256 of a text: the content hash stored as `tri:contentHash`, used to skip unchanged
/// documents on rebuild.
///
/// ```
/// let h = tripel_graph::rdf::mapping::content_hash("abc");
/// assert_eq!(&h[..8], "ba7816bf");
/// ```
pub fn content_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// The key of a fact node: the first 16 hex digits of SHA-256 over what identifies the fact
/// (document id, predicate, subject IRI, object lexical form, evidence start and end).
///
/// ```
/// use tripel_graph::rdf::mapping::fact_key;
/// let a = fact_key("a.txt", "buys", "https://x/entity/meta", "https://x/entity/b200", 0, 40);
/// assert_eq!(a.len(), 16);
/// assert_eq!(a, fact_key("a.txt", "buys", "https://x/entity/meta", "https://x/entity/b200", 0, 40));
/// assert_ne!(a, fact_key("b.txt", "buys", "https://x/entity/meta", "https://x/entity/b200", 0, 40));
/// ```
pub fn fact_key(
    doc_id: &str,
    predicate: &str,
    subject_iri: &str,
    object_lexical: &str,
    start: usize,
    end: usize,
) -> String {
    short_hash(&[
        doc_id,
        predicate,
        subject_iri,
        object_lexical,
        &start.to_string(),
        &end.to_string(),
    ])
}

/// All quads describing one document and what was extracted from it, in the document's graph.
///
/// The result has no duplicates; its order is deterministic (document, entities, facts).
///
/// ```
/// use tripel_extract::{Document, Extraction, Lang, Span};
/// use tripel_graph::rdf::{mapping, vocab::Iris};
/// let iris = Iris::default();
/// let doc = Document { id: "a.txt".into(), text: "Hallo Welt.".into() };
/// let ex = Extraction { lang: Some(Lang::De), sentences: vec![Span { start: 0, end: 11 }], ..Default::default() };
/// let quads = mapping::document_quads(&iris, &doc, &ex, &mapping::content_hash(&doc.text));
/// assert!(quads.iter().all(|q| q.graph_name.to_string() == format!("<{}>", iris.document("a.txt"))));
/// assert!(quads.iter().any(|q| q.predicate.as_str().ends_with("#contentHash")));
/// ```
pub fn document_quads(
    iris: &Iris,
    doc: &Document,
    ex: &Extraction,
    content_hash: &str,
) -> Vec<Quad> {
    let doc_iri = NamedNode::new_unchecked(iris.document(&doc.id));
    let mut out = QuadSink::new(GraphName::NamedNode(doc_iri.clone()));
    // Untagged labels would not match `FILTER(lang(?l) = "en")`; English is the sensible guess
    // for a document whose language was not recognised.
    let lang = ex.lang.map_or("en", |l| l.tag());

    out.push(&doc_iri, &rdf("type"), tri_iri("Document"));
    out.push(
        &doc_iri,
        &tri_iri("docId"),
        Literal::new_simple_literal(&doc.id),
    );
    out.push(
        &doc_iri,
        &tri_iri("contentHash"),
        Literal::new_simple_literal(content_hash),
    );
    if let Some(l) = ex.lang {
        out.push(
            &doc_iri,
            &tri_iri("language"),
            Literal::new_simple_literal(l.tag()),
        );
    }
    out.push(
        &doc_iri,
        &tri_iri("sentenceCount"),
        Literal::from(ex.sentences.len() as i64),
    );
    out.push(
        &doc_iri,
        &tri_iri("characterCount"),
        Literal::from(doc.text.chars().count() as i64),
    );
    // The text itself, so that a reader can see a fact's evidence in its place (the explorer's
    // source view): `tri:start`/`tri:end` index it in code points.
    out.push(&doc_iri, &tri_iri("text"), lang_literal(&doc.text, lang));

    for entity in collect_entities(iris, ex) {
        let node = NamedNode::new_unchecked(&entity.iri);
        out.push(&node, &rdf("type"), schema(entity.kind.schema_name()));
        out.push(&node, &rdfs("label"), lang_literal(&entity.label, lang));
        for alt in &entity.alt_labels {
            out.push(&node, &skos("altLabel"), lang_literal(alt, lang));
        }
        out.push(&node, &tri_iri("mentionedIn"), doc_iri.clone());
    }

    for fact in &ex.facts {
        fact_quads(iris, doc, &doc_iri, fact, lang, &mut out);
    }
    out.quads
}

/// An entity as it will be written: IRI, type, label and the other names it went by.
struct EntityOut {
    iri: String,
    kind: EntityType,
    label: String,
    alt_labels: BTreeSet<String>,
}

/// Every entity the document mentions or uses as a fact argument, deduplicated by IRI.
fn collect_entities(iris: &Iris, ex: &Extraction) -> Vec<EntityOut> {
    let mut by_iri: BTreeMap<String, EntityOut> = BTreeMap::new();
    let mut add = |iri: String, kind, label: &str, names: &mut dyn Iterator<Item = &str>| {
        let e = by_iri.entry(iri.clone()).or_insert_with(|| EntityOut {
            iri,
            kind,
            label: label.to_owned(),
            alt_labels: BTreeSet::new(),
        });
        for n in names {
            if !n.is_empty() && n != e.label {
                e.alt_labels.insert(n.to_owned());
            }
        }
    };
    for m in &ex.mentions {
        let iri = iris.entity(&m.entity.key);
        let mut names = m
            .entity
            .aliases
            .iter()
            .map(String::as_str)
            .chain([m.text.as_str()]);
        add(iri, m.entity.kind, &m.entity.label, &mut names);
    }
    for f in &ex.facts {
        for arg in [&f.subject, &f.object] {
            if let Argument::Entity(e) = arg {
                let iri = iris.entity(&e.key);
                let mut names = e
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .chain([e.text.as_str()]);
                add(iri, e.kind, &e.label, &mut names);
            }
        }
    }
    by_iri.into_values().collect()
}

fn fact_quads(
    iris: &Iris,
    doc: &Document,
    doc_iri: &NamedNode,
    fact: &Fact,
    lang: &str,
    out: &mut QuadSink,
) {
    let predicate = NamedNode::new_unchecked(Iris::fact_predicate(fact));
    let subject = argument_term(iris, doc, &fact.subject, out);
    let object = argument_term(iris, doc, &fact.object, out);
    let subject_key = term_lexical(&subject);
    let key = fact_key(
        &doc.id,
        &fact.predicate,
        &subject_key,
        &term_lexical(&object),
        fact.start,
        fact.end,
    );
    let fact_iri = NamedNode::new_unchecked(iris.fact(&key));

    // A plain literal cannot be a subject in RDF; such a fact keeps its reified form only.
    if let Some(s) = as_subject(&subject) {
        out.push_subject(s, &predicate, object.clone());
    }

    out.push(&fact_iri, &rdf("type"), tri_iri("Fact"));
    if fact.open {
        out.push(&fact_iri, &rdf("type"), tri_iri("OpenFact"));
    }
    out.push(&fact_iri, &rdf("type"), rdf("Statement"));
    out.push(&fact_iri, &rdf("subject"), subject);
    out.push(&fact_iri, &rdf("predicate"), predicate);
    out.push(&fact_iri, &rdf("object"), object);
    out.push(&fact_iri, &tri_iri("document"), doc_iri.clone());
    out.push(
        &fact_iri,
        &tri_iri("evidence"),
        lang_literal(&fact.evidence, lang),
    );
    out.push(
        &fact_iri,
        &tri_iri("start"),
        Literal::from(fact.start as i64),
    );
    out.push(&fact_iri, &tri_iri("end"), Literal::from(fact.end as i64));
    out.push(
        &fact_iri,
        &tri_iri("subjectText"),
        Literal::new_simple_literal(argument_text(&fact.subject)),
    );
    out.push(
        &fact_iri,
        &tri_iri("objectText"),
        Literal::new_simple_literal(argument_text(&fact.object)),
    );
    // A referring argument ("der Konzern") keeps where the document names its entity.
    for (arg, text, start) in [
        (
            &fact.subject,
            "subjectAntecedentText",
            "subjectAntecedentStart",
        ),
        (
            &fact.object,
            "objectAntecedentText",
            "objectAntecedentStart",
        ),
    ] {
        if let Argument::Entity(EntityArg {
            antecedent: Some(a),
            ..
        }) = arg
        {
            out.push(
                &fact_iri,
                &tri_iri(text),
                Literal::new_simple_literal(&a.text),
            );
            out.push(&fact_iri, &tri_iri(start), Literal::from(a.start as i64));
        }
    }
    out.push(
        &fact_iri,
        &tri_iri("confidence"),
        // Printed from the f32 itself: widening to f64 first would write 0.8500000238418579.
        decimal_lexical(fact.confidence.is_finite(), format!("{}", fact.confidence)),
    );
    out.push(
        &fact_iri,
        &tri_iri("rule"),
        Literal::new_simple_literal(&fact.rule),
    );
    for (key, value) in &fact.qualifiers {
        let property = tri_iri(&qualifier_name(key));
        for literal in qualifier_literals(value) {
            out.push(&fact_iri, &property, literal);
        }
    }
}

/// The RDF term for a fact argument; writes the structured value node when there is one.
fn argument_term(iris: &Iris, doc: &Document, arg: &Argument, out: &mut QuadSink) -> Term {
    match arg {
        Argument::Entity(e) => NamedNode::new_unchecked(iris.entity(&e.key)).into(),
        Argument::Literal(l) => match &l.amount {
            Some(amount) => value_node(iris, doc, l, amount, out).into(),
            None => typed_literal(l).into(),
        },
    }
}

/// `schema:MonetaryAmount` (with a currency) or `schema:QuantitativeValue` for an amount.
fn value_node(
    iris: &Iris,
    doc: &Document,
    l: &LiteralArg,
    amount: &Amount,
    out: &mut QuadSink,
) -> NamedNode {
    let key = short_hash(&[
        &doc.id,
        &l.value,
        amount.currency.as_deref().unwrap_or(""),
        &l.start.to_string(),
        &l.end.to_string(),
    ]);
    let node = NamedNode::new_unchecked(iris.value(&key));
    let class = if amount.currency.is_some() {
        "MonetaryAmount"
    } else {
        "QuantitativeValue"
    };
    out.push(&node, &rdf("type"), schema(class));
    out.push(&node, &schema("minValue"), decimal(amount.min));
    out.push(&node, &schema("maxValue"), decimal(amount.max));
    if let Some(c) = &amount.currency {
        out.push(&node, &schema("currency"), Literal::new_simple_literal(c));
    }
    out.push(&node, &rdfs("label"), Literal::new_simple_literal(&l.text));
    node
}

/// `value^^datatype` for an XML Schema datatype. A structured type without its amount (which
/// the pipeline never makes) falls back to a plain string, so that a slip never produces an
/// unparsable export.
fn typed_literal(l: &LiteralArg) -> Literal {
    let dt = Iris::datatype(l.datatype);
    if dt.starts_with(crate::rdf::vocab::XSD) {
        Literal::new_typed_literal(&l.value, NamedNode::new_unchecked(dt))
    } else {
        Literal::new_simple_literal(&l.value)
    }
}

/// Qualifier keys become `tri:` properties; anything that is not a safe local name is replaced.
fn qualifier_name(key: &str) -> String {
    let name: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("q_{name}")
    } else {
        name
    }
}

/// Typed literals for a qualifier value: integers → xsd:integer, other numbers → xsd:decimal,
/// `YYYY-MM-DD` → xsd:date, booleans → xsd:boolean, other strings plain. Arrays give one
/// literal per element; objects are kept as their JSON text.
fn qualifier_literals(value: &serde_json::Value) -> Vec<Literal> {
    use serde_json::Value;
    match value {
        Value::Null => Vec::new(),
        Value::Bool(b) => vec![Literal::from(*b)],
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                vec![Literal::from(i)]
            } else if let Some(u) = n.as_u64() {
                vec![Literal::new_typed_literal(
                    u.to_string(),
                    NamedNode::new_unchecked(Iris::xsd("integer")),
                )]
            } else {
                n.as_f64().map(decimal).into_iter().collect()
            }
        }
        Value::String(s) if is_iso_date(s) => vec![Literal::new_typed_literal(
            s,
            NamedNode::new_unchecked(Iris::xsd("date")),
        )],
        Value::String(s) => vec![Literal::new_simple_literal(s)],
        Value::Array(items) => items.iter().flat_map(qualifier_literals).collect(),
        Value::Object(_) => vec![Literal::new_simple_literal(value.to_string())],
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// An xsd:decimal. Rust prints floats without exponent, and integral values without a
/// fraction, which is exactly the xsd:decimal lexical space ("35000000000", "0.85").
fn decimal(v: f64) -> Literal {
    decimal_lexical(v.is_finite(), format!("{v}"))
}

/// NaN and infinities have no xsd:decimal form; they can only come from a pipeline bug and are
/// written as 0 rather than producing an unparsable export.
fn decimal_lexical(finite: bool, lexical: String) -> Literal {
    let lexical = if finite { lexical } else { "0".to_owned() };
    Literal::new_typed_literal(lexical, NamedNode::new_unchecked(Iris::xsd("decimal")))
}

fn lang_literal(value: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal_unchecked(value, lang)
}

fn argument_text(arg: &Argument) -> &str {
    match arg {
        Argument::Entity(e) => &e.text,
        Argument::Literal(l) => &l.text,
    }
}

fn as_subject(t: &Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

/// The lexical form used in the fact key: IRI for nodes, value for literals.
fn term_lexical(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        Term::BlankNode(b) => b.as_str().to_owned(),
        Term::Literal(l) => l.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        // A separator that cannot occur in IRIs or ids keeps ("ab","c") apart from ("a","bc").
        h.update([0x1f]);
    }
    hex(&h.finalize())[..16].to_owned()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn tri_iri(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ONTOLOGY}{local}"))
}
fn rdf(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{RDF}{local}"))
}
fn rdfs(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{RDFS}{local}"))
}
fn skos(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SKOS}{local}"))
}
fn schema(local: &str) -> NamedNode {
    NamedNode::new_unchecked(Iris::schema(local))
}

/// Collects quads for one graph, dropping duplicates but keeping first-seen order.
struct QuadSink {
    graph: GraphName,
    seen: HashSet<Quad>,
    quads: Vec<Quad>,
}

impl QuadSink {
    fn new(graph: GraphName) -> Self {
        Self {
            graph,
            seen: HashSet::new(),
            quads: Vec::new(),
        }
    }

    fn push(&mut self, s: &NamedNode, p: &NamedNode, o: impl Into<Term>) {
        self.push_subject(s.clone().into(), p, o.into());
    }

    fn push_subject(&mut self, s: NamedOrBlankNode, p: &NamedNode, o: Term) {
        let q = Quad::new(s, p.clone(), o, self.graph.clone());
        if self.seen.insert(q.clone()) {
            self.quads.push(q);
        }
    }
}
