//! The JSONL contract: what `tripel extract --format jsonl` prints, one JSON object a line,
//! and what `kgscore.py` and other consumers read.
//!
//! For each document, first its mentions (`"kind":"mention"`), then its facts
//! (`"kind":"fact"`). Entities are named by their IRI (`id`), predicates by local name and
//! IRI, literals by datatype IRI. Offsets count Unicode code points. The extraction crate
//! carries no IRIs, so this is where the contract gets them: the field order and names below
//! are the contract, so change them only together with its readers.

use crate::rdf::vocab::Iris;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use tripel_extract::{Amount, Argument, EntityType, Extraction, Fact, Mention};

/// Writes one document's mentions, then its facts, one JSON object a line.
///
/// ```
/// use tripel_extract::{Document, ExtractConfig, Extractor};
/// let extractor = Extractor::new(ExtractConfig::default()).unwrap();
/// let doc = Document { id: "a.txt".into(), text: "Mark Zuckerberg, CEO von Meta, lobte NVIDIA.".into() };
/// let mut out = Vec::new();
/// tripel_graph::jsonl::write_extraction(&tripel_graph::Iris::default(), &extractor.extract(&doc), &mut out).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.lines().any(|l| l.contains(r#""kind":"fact""#) && l.contains(r#""predicate":"ceoOf""#)));
/// assert!(text.contains(r#""id":"https://w3id.org/tripel/data/entity/meta""#));
/// ```
pub fn write_extraction(iris: &Iris, ex: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    for m in &ex.mentions {
        serde_json::to_writer(&mut *out, &MentionLine::new(iris, m))?;
        writeln!(out)?;
    }
    for f in &ex.facts {
        serde_json::to_writer(&mut *out, &FactLine::new(iris, f))?;
        writeln!(out)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct MentionLine<'a> {
    kind: &'static str,
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    entity: EntityJson<'a>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    nested: bool,
    /// The frame that typed an unknown name ([`Mention::typed_by`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    typed_by: Option<&'a str>,
}

impl<'a> MentionLine<'a> {
    fn new(iris: &Iris, m: &'a Mention) -> Self {
        Self {
            kind: "mention",
            doc: &m.doc,
            start: m.start,
            end: m.end,
            text: &m.text,
            entity: EntityJson {
                id: iris.entity(&m.entity.key),
                label: &m.entity.label,
                kind: m.entity.kind,
                aliases: &m.entity.aliases,
            },
            nested: m.nested,
            typed_by: m.typed_by.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct EntityJson<'a> {
    id: String,
    label: &'a str,
    #[serde(rename = "type")]
    kind: EntityType,
    aliases: &'a [String],
}

#[derive(Serialize)]
struct FactLine<'a> {
    kind: &'static str,
    doc: &'a str,
    evidence: &'a str,
    start: usize,
    end: usize,
    subject: ArgumentJson<'a>,
    predicate: &'a str,
    predicate_iri: String,
    object: ArgumentJson<'a>,
    qualifiers: &'a BTreeMap<String, serde_json::Value>,
    confidence: f32,
    rule: &'a str,
    /// Only written (as `true`) for an open relation.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    open: bool,
}

impl<'a> FactLine<'a> {
    fn new(iris: &Iris, f: &'a Fact) -> Self {
        Self {
            kind: "fact",
            doc: &f.doc,
            evidence: &f.evidence,
            start: f.start,
            end: f.end,
            subject: ArgumentJson::new(iris, &f.subject),
            predicate: &f.predicate,
            predicate_iri: Iris::fact_predicate(f),
            object: ArgumentJson::new(iris, &f.object),
            qualifiers: &f.qualifiers,
            confidence: f.confidence,
            rule: &f.rule,
            open: f.open,
        }
    }
}

/// Where the document names an entity that the argument's text only refers back to.
#[derive(Serialize)]
struct AntecedentJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ArgumentJson<'a> {
    Entity {
        id: String,
        label: &'a str,
        #[serde(rename = "type")]
        kind: EntityType,
        aliases: &'a [String],
        text: &'a str,
        start: usize,
        end: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        antecedent: Option<AntecedentJson<'a>>,
    },
    Literal {
        value: &'a str,
        datatype: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        amount: Option<&'a Amount>,
        text: &'a str,
        start: usize,
        end: usize,
    },
}

impl<'a> ArgumentJson<'a> {
    fn new(iris: &Iris, a: &'a Argument) -> Self {
        match a {
            Argument::Entity(e) => Self::Entity {
                id: iris.entity(&e.key),
                label: &e.label,
                kind: e.kind,
                aliases: &e.aliases,
                text: &e.text,
                start: e.start,
                end: e.end,
                antecedent: e.antecedent.as_ref().map(|a| AntecedentJson {
                    text: &a.text,
                    start: a.start,
                    end: a.end,
                }),
            },
            Argument::Literal(l) => Self::Literal {
                value: &l.value,
                datatype: Iris::datatype(l.datatype),
                amount: l.amount.as_ref(),
                text: &l.text,
                start: l.start,
                end: l.end,
            },
        }
    }
}
