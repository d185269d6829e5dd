//! The pipeline's shared vocabulary: documents, sentences, entities, mentions and facts.
//!
//! Every stage speaks in these types. They carry no IRIs: an entity is identified by its
//! [`EntityKey`], a literal's type by a [`Datatype`], a predicate by its local name, and the
//! graph crate (`tripel-graph`) turns them into IRIs, RDF and the JSONL contract that
//! `tripel extract --format jsonl` prints. This module depends on nothing else in the crate
//! but [`crate::key`].
//!
//! All offsets are **Unicode code points** into the document text (not bytes), because the
//! contract and the gold data count that way.

pub use crate::key::EntityKey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The languages tripel extracts from. Anything else is skipped with a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// German.
    De,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag used for RDF language-tagged literals.
    ///
    /// ```
    /// assert_eq!(tripel_extract::Lang::De.tag(), "de");
    /// ```
    pub fn tag(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// One input document: its id (the file name, or the `id` field of a JSONL corpus line) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Stable identifier; provenance and the store's per-document graph are keyed on it.
    pub id: String,
    /// The full text, exactly as read (offsets point into it).
    pub text: String,
}

/// A sentence as a code-point span of its document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First code point (inclusive).
    pub start: usize,
    /// One past the last code point (exclusive).
    pub end: usize,
}

/// The schema.org class an entity is typed with (`rdf:type schema:<local name>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum EntityType {
    /// A human being.
    Person,
    /// A company, authority, association, team.
    Organization,
    /// A good or model: B200, H100, Llama, Golf.
    Product,
    /// A city, country, region, site.
    Place,
    /// A railway station or stop ("Berlin Hbf"): a place travellers and traffic reports name.
    TrainStation,
    /// A named event (conference, trade fair).
    Event,
    /// A field or topic an organisation works on ("KI-Forschung", "Rechenzentren").
    Thing,
}

impl EntityType {
    /// The schema.org local name, also used in the JSONL `type` field.
    ///
    /// ```
    /// use tripel_extract::EntityType;
    /// assert_eq!(EntityType::Organization.schema_name(), "Organization");
    /// ```
    pub fn schema_name(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
            EntityType::Product => "Product",
            EntityType::Place => "Place",
            EntityType::TrainStation => "TrainStation",
            EntityType::Event => "Event",
            EntityType::Thing => "Thing",
        }
    }

    /// Parses a schema.org local name (as written in the lexicons in `data/`).
    pub fn from_schema_name(name: &str) -> Option<Self> {
        Some(match name {
            "Person" => EntityType::Person,
            "Organization" => EntityType::Organization,
            "Product" => EntityType::Product,
            "Place" => EntityType::Place,
            "TrainStation" => EntityType::TrainStation,
            "Event" => EntityType::Event,
            "Thing" => EntityType::Thing,
            _ => return None,
        })
    }
}

/// A resolved entity: one node of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The entity's identity (stable: the same label gives the same key in every build).
    pub key: EntityKey,
    /// Canonical name.
    pub label: String,
    /// schema.org class.
    pub kind: EntityType,
    /// Other surface forms that resolved to this entity (inflected forms, surnames, aliases).
    pub aliases: Vec<String>,
}

/// One occurrence of an entity in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Document id.
    pub doc: String,
    /// Code-point span of the surface form.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// The surface form as written.
    pub text: String,
    /// What it resolved to.
    pub entity: Entity,
    /// A name part inside a longer mention: the base "Zuck" of the genitive "Zucks", the name
    /// "B200" in the compound "B200-GPUs". Lets a reader find an entity by the forms it is
    /// named by. German documents only; a surname inside a full name is no second mention in
    /// either language ("Huang" in "Jensen Huang").
    pub nested: bool,
    /// The id of the frame whose slot typed this mention, when no recogniser found the name
    /// and a frame that admits only an organisation did (`de/frame/übernehmen`:
    /// "Volkswagen hat Navistar übernommen"; `relations::unknown`, session 20).
    pub typed_by: Option<String>,
}

/// The subject or object of a fact.
#[derive(Debug, Clone, PartialEq)]
pub enum Argument {
    /// An entity, with the span where this fact's evidence names it.
    Entity(EntityArg),
    /// A typed value: number, money, date.
    Literal(LiteralArg),
}

impl Argument {
    /// The span the argument covers in the document.
    pub fn span(&self) -> Span {
        match self {
            Argument::Entity(e) => Span {
                start: e.start,
                end: e.end,
            },
            Argument::Literal(l) => Span {
                start: l.start,
                end: l.end,
            },
        }
    }
}

/// An entity as a fact argument.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityArg {
    /// The entity's identity.
    pub key: EntityKey,
    /// Canonical name.
    pub label: String,
    /// schema.org class.
    pub kind: EntityType,
    /// Other names of the entity.
    pub aliases: Vec<String>,
    /// The surface form in the evidence.
    pub text: String,
    /// Span start (code points, document-relative).
    pub start: usize,
    /// Span end (exclusive).
    pub end: usize,
    /// Where the document names the entity, when `text` only refers back to it ("der Konzern",
    /// "er"): the antecedent, possibly in an earlier sentence.
    pub antecedent: Option<Antecedent>,
}

/// The name a referring expression stands for, as written where the document gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Antecedent {
    /// The name as written ("Die Elbwerft AG").
    pub text: String,
    /// Span start (code points, document-relative).
    pub start: usize,
    /// Span end (exclusive).
    pub end: usize,
}

/// A literal value as a fact argument.
#[derive(Debug, Clone, PartialEq)]
pub struct LiteralArg {
    /// Lexical form of the value (`350000`, `2024-12-31`, `35000000000-40000000000`).
    pub value: String,
    /// What kind of value it is: an XML Schema datatype, or a structured schema.org value.
    pub datatype: Datatype,
    /// The structured value, for money and ranges; `None` for plain numbers and dates.
    pub amount: Option<Amount>,
    /// The surface form as written.
    pub text: String,
    /// Span start.
    pub start: usize,
    /// Span end (exclusive).
    pub end: usize,
}

/// The type of a literal fact argument. The graph crate maps each to its IRI (`xsd:integer`,
/// `schema:MonetaryAmount`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Datatype {
    /// A whole number (`xsd:integer`).
    Integer,
    /// A decimal number (`xsd:decimal`).
    Decimal,
    /// A calendar day (`xsd:date`).
    Date,
    /// A year (`xsd:gYear`).
    GYear,
    /// A month of a year (`xsd:gYearMonth`).
    GYearMonth,
    /// Money, possibly a range, with its currency (`schema:MonetaryAmount`).
    MonetaryAmount,
    /// A range of quantities (`schema:QuantitativeValue`).
    QuantitativeValue,
}

/// A (possibly ranged) amount, with a currency for money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Lower bound (equal to `max` for a single value).
    pub min: f64,
    /// Upper bound.
    pub max: f64,
    /// ISO 4217 code, for money.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub currency: Option<String>,
}

/// One extracted triple with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// Document id.
    pub doc: String,
    /// The sentence the fact was read from.
    pub evidence: String,
    /// Span of the evidence sentence in the document.
    pub start: usize,
    /// End of the evidence span (exclusive).
    pub end: usize,
    /// Who or what the fact is about.
    pub subject: Argument,
    /// Predicate local name: one of the ontology's (`buys`, `ceoOf`, ...), or for an open
    /// relation a verb's lemma with its preposition (`verhandeln-mit`).
    pub predicate: String,
    /// The other end.
    pub object: Argument,
    /// Extra structure: quantity, date bounds, amount range, role.
    pub qualifiers: BTreeMap<String, serde_json::Value>,
    /// How often a fact like this one is right, in (0, 1]: the observed precision of its family
    /// (how it was found, its predicate group, its rule) in `data/calibration.tsv`, or the rule's
    /// own number for a family no judged fact belongs to ([`crate::calibration`]).
    pub confidence: f32,
    /// Identifier of the rule that produced it (`de/buys/bestellung`).
    pub rule: String,
    /// An open relation: the predicate is not the ontology's but read off a verb that has no
    /// frame; it lives in its own namespace and is marked `"open": true` in JSONL.
    pub open: bool,
}

/// Everything extraction found in one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extraction {
    /// Detected language (`None`: not German or English, nothing extracted).
    pub lang: Option<Lang>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// All entity mentions, in document order.
    pub mentions: Vec<Mention>,
    /// All facts, in document order.
    pub facts: Vec<Fact>,
}
