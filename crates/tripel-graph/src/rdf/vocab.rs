//! Namespaces and IRI minting: the only place that decides what an IRI looks like.
//!
//! Two kinds of IRIs exist. The **ontology** (predicates, classes, provenance properties) lives
//! under the fixed [`ONTOLOGY`] namespace, so that queries written once keep working. The
//! **data** (entities, documents, facts, values) lives under a configurable base IRI
//! ([`DEFAULT_BASE`] unless `--base` says otherwise). Entity IRIs are the entity's
//! [`EntityKey`] under the base, and the key is derived from the label alone, so the same name
//! gives the same IRI in every build and on every machine.

use tripel_extract::{slug, Datatype, EntityKey};

/// The project's ontology namespace (prefix `tri:`): predicates, classes, provenance terms.
pub const ONTOLOGY: &str = "https://w3id.org/tripel/ontology#";
/// The namespace of open relations' predicates (prefix `open:`): verbs without a frame,
/// outside the ontology (`open:verhandeln-mit`).
pub const OPEN: &str = "https://w3id.org/tripel/open#";
/// The default base for data IRIs.
pub const DEFAULT_BASE: &str = "https://w3id.org/tripel/data/";
/// schema.org, for entity classes and structured values.
pub const SCHEMA: &str = "http://schema.org/";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// RDF.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// RDF Schema.
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
/// SKOS, for aliases (`skos:altLabel`).
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// OWL, for the ontology file.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
/// PROV-O, for document provenance (`prov:wasDerivedFrom`).
pub const PROV: &str = "http://www.w3.org/ns/prov#";

/// The one prefix table: the ontology and the standard vocabularies, by prefix name.
///
/// Queries get these predeclared ([`crate::KgStore::query`]), Turtle, TriG and RDF/XML exports
/// declare them, the query table and the server's answers shorten IRIs with them. Uses that
/// also shorten data IRIs add [`data_prefixes`] on top.
pub const PREFIXES: &[(&str, &str)] = &[
    ("tri", ONTOLOGY),
    ("schema", SCHEMA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("xsd", XSD),
    ("owl", OWL),
    ("prov", PROV),
    ("open", OPEN),
];

/// The kinds of data IRI, each a folder under the base (`{base}entity/…`) and a prefix name
/// (`entity:`), in [`data_prefixes`] order.
pub const DATA_KINDS: [&str; 4] = ["entity", "doc", "fact", "value"];

/// The prefixes of the data IRIs under `base` (taken as it is), one per [`DATA_KINDS`]:
/// `entity:` → `{base}entity/`, `doc:`, `fact:`, `value:`.
///
/// ```
/// use tripel_graph::rdf::vocab::data_prefixes;
/// assert_eq!(data_prefixes("https://example.org/kg/")[0], ("entity", "https://example.org/kg/entity/".to_owned()));
/// ```
pub fn data_prefixes(base: &str) -> [(&'static str, String); 4] {
    DATA_KINDS.map(|kind| (kind, format!("{base}{kind}/")))
}

/// Mints the data IRIs for one base.
///
/// ```
/// use tripel_graph::Iris;
/// let iris = Iris::new("https://example.org/kg/");
/// assert_eq!(iris.entity_of_label("Mark Zuckerberg"), "https://example.org/kg/entity/mark-zuckerberg");
/// assert_eq!(iris.entity_of_label("Müller & Söhne GmbH"), "https://example.org/kg/entity/mueller-soehne-gmbh");
/// assert_eq!(Iris::predicate("buys"), "https://w3id.org/tripel/ontology#buys");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Self::new(DEFAULT_BASE)
    }
}

impl Iris {
    /// A minter for `base` (a trailing `/` or `#` is added when missing).
    pub fn new(base: &str) -> Self {
        let mut base = base.to_owned();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        Self { base }
    }

    /// A minter for `base` if it is an absolute IRI (else every minted IRI would be invalid
    /// RDF); the error says why in one line.
    ///
    /// ```
    /// use tripel_graph::Iris;
    /// assert!(Iris::parse("https://example.org/kg/").is_ok());
    /// assert!(Iris::parse("kg/").is_err());
    /// ```
    pub fn parse(base: &str) -> Result<Self, String> {
        oxigraph::model::NamedNode::new(base)
            .map(|_| Self::new(base))
            .map_err(|e| format!("'{base}' is not an absolute IRI: {e}"))
    }

    /// The base IRI, ending in `/` or `#`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The prefixes of the data IRIs under this base ([`data_prefixes`]).
    pub fn data_prefixes(&self) -> [(&'static str, String); 4] {
        data_prefixes(&self.base)
    }

    /// The IRI of the entity with this key.
    pub fn entity(&self, key: &EntityKey) -> String {
        format!("{}entity/{}", self.base, key)
    }

    /// The IRI of the entity with this canonical label.
    pub fn entity_of_label(&self, label: &str) -> String {
        self.entity(&EntityKey::of_label(label))
    }

    /// The IRI of a document (also the name of the graph that holds its facts).
    pub fn document(&self, doc_id: &str) -> String {
        format!("{}doc/{}", self.base, slug(doc_id))
    }

    /// The graph that holds the cross-document identity links (`owl:sameAs`), apart from
    /// every document's graph: [`crate::rdf::identity`].
    pub fn identity_graph(&self) -> String {
        format!("{}graph/identity", self.base)
    }

    /// The IRI of a fact node (the reified statement that carries provenance).
    pub fn fact(&self, key: &str) -> String {
        format!("{}fact/{}", self.base, key)
    }

    /// The IRI of a structured value (a monetary amount or range).
    pub fn value(&self, key: &str) -> String {
        format!("{}value/{}", self.base, key)
    }

    /// The IRI of an ontology predicate (`tri:buys`).
    pub fn predicate(local: &str) -> String {
        format!("{ONTOLOGY}{local}")
    }

    /// The IRI of an open relation's predicate (a verb's lemma, outside the ontology).
    pub fn open_predicate(local: &str) -> String {
        format!("{OPEN}{local}")
    }

    /// The IRI of a fact's predicate: the ontology's, or the open namespace's for an open
    /// relation.
    pub fn fact_predicate(fact: &tripel_extract::Fact) -> String {
        if fact.open {
            Self::open_predicate(&fact.predicate)
        } else {
            Self::predicate(&fact.predicate)
        }
    }

    /// The IRI of a schema.org class or property.
    pub fn schema(local: &str) -> String {
        format!("{SCHEMA}{local}")
    }

    /// The IRI of an XML Schema datatype.
    pub fn xsd(local: &str) -> String {
        format!("{XSD}{local}")
    }

    /// The IRI of a literal argument's type: an XML Schema datatype or a schema.org class.
    ///
    /// ```
    /// use tripel_graph::Iris;
    /// use tripel_extract::Datatype;
    /// assert_eq!(Iris::datatype(Datatype::GYear), "http://www.w3.org/2001/XMLSchema#gYear");
    /// ```
    pub fn datatype(datatype: Datatype) -> String {
        match datatype {
            Datatype::Integer => Self::xsd("integer"),
            Datatype::Decimal => Self::xsd("decimal"),
            Datatype::Date => Self::xsd("date"),
            Datatype::GYear => Self::xsd("gYear"),
            Datatype::GYearMonth => Self::xsd("gYearMonth"),
            Datatype::MonetaryAmount => Self::schema("MonetaryAmount"),
            Datatype::QuantitativeValue => Self::schema("QuantitativeValue"),
        }
    }
}
