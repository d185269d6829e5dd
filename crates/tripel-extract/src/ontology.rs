//! The tripel ontology, `data/ontology.ttl`: embedded once, here.
//!
//! The extractor reads the `tri:` properties it declares, so that the predicates of the relation
//! patterns (`data/patterns/*.patterns`) and of the role nouns (`data/lexicon/roles.tsv`) are
//! checked when the language data is loaded: a misspelt predicate stops tripel at start-up with
//! the file and line, instead of writing facts with an undeclared `tri:` predicate. The store
//! (`tripel-graph`) loads the same text into its ontology graph.
//!
//! The ontology is not overridable with `--lexicon DIR`: the store always loads the embedded
//! one, and the predicates must be checked against the ontology the graph will have.

use std::collections::BTreeSet;

/// The ontology in Turtle, as shipped (`data/ontology.ttl`).
pub const ONTOLOGY_TTL: &str = include_str!("../../../data/ontology.ttl");

/// The ontology namespace (prefix `tri:`).
pub const NAMESPACE: &str = "https://w3id.org/tripel/ontology#";

/// The types that make a `tri:` term a property.
const PROPERTY_TYPES: &[&str] = &[
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
];

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The ontology's Turtle does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct OntologyError {
    /// 1-based line of the error.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// What the extractor needs to know of the ontology: the `tri:` properties it declares.
///
/// ```
/// use tripel_extract::ontology::Ontology;
/// let onto = Ontology::embedded().unwrap();
/// assert!(onto.declares("buys"));
/// assert!(onto.declares("quantity"));
/// assert!(!onto.declares("buyz"));
/// assert!(!onto.declares("Fact")); // a class, not a property
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ontology {
    /// Local names (after `tri:`) of the declared properties.
    properties: BTreeSet<String>,
}

impl Ontology {
    /// Parses the embedded ontology ([`ONTOLOGY_TTL`]).
    pub fn embedded() -> Result<Self, OntologyError> {
        Self::parse(ONTOLOGY_TTL)
    }

    /// Parses an ontology in Turtle: every `tri:` term typed `owl:ObjectProperty`,
    /// `owl:DatatypeProperty` or `rdf:Property` is a declared property.
    ///
    /// ```
    /// use tripel_extract::ontology::Ontology;
    /// let ttl = "@prefix tri: <https://w3id.org/tripel/ontology#> .\n\
    ///            @prefix owl: <http://www.w3.org/2002/07/owl#> .\n\
    ///            tri:buys a owl:ObjectProperty .\n";
    /// assert!(Ontology::parse(ttl).unwrap().declares("buys"));
    /// assert_eq!(Ontology::parse("tri:buys a").unwrap_err().line, 1);
    /// ```
    pub fn parse(ttl: &str) -> Result<Self, OntologyError> {
        let mut properties = BTreeSet::new();
        for triple in oxttl::TurtleParser::new().for_slice(ttl) {
            let triple = triple.map_err(|e| OntologyError {
                line: e.location().start.line as usize + 1,
                message: e.message().to_owned(),
            })?;
            if triple.predicate.as_str() != RDF_TYPE {
                continue;
            }
            // The subject and object are compared by their N-Triples form (`<iri>`), which
            // needs no RDF model crate of its own.
            let (subject, class) = (triple.subject.to_string(), triple.object.to_string());
            let (Some(subject), Some(class)) = (iri(&subject), iri(&class)) else {
                continue;
            };
            if PROPERTY_TYPES.contains(&class) {
                if let Some(local) = subject.strip_prefix(NAMESPACE) {
                    properties.insert(local.to_owned());
                }
            }
        }
        Ok(Self { properties })
    }

    /// Whether `tri:<local>` is a declared property.
    pub fn declares(&self, local: &str) -> bool {
        self.properties.contains(local)
    }

    /// The local names of the declared properties, sorted.
    pub fn properties(&self) -> impl Iterator<Item = &str> + '_ {
        self.properties.iter().map(String::as_str)
    }

    /// `Ok` if `predicate` is declared, else the error message for a data file that uses it:
    /// `unknown predicate "buyz" (not declared in data/ontology.ttl)`.
    pub fn check(&self, predicate: &str) -> Result<(), String> {
        if self.declares(predicate) {
            Ok(())
        } else {
            Err(format!(
                "unknown predicate {predicate:?} (not declared in data/ontology.ttl)"
            ))
        }
    }
}

/// The IRI inside an N-Triples `<iri>`; `None` for blank nodes and literals.
fn iri(nt: &str) -> Option<&str> {
    nt.strip_prefix('<')?.strip_suffix('>')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_ontology_declares_the_relation_and_provenance_properties() {
        let onto = Ontology::embedded().unwrap();
        for p in ["ceoOf", "partOf", "partnerOf", "dominates", "docId", "rule"] {
            assert!(onto.declares(p), "{p}");
        }
        // Classes and foreign terms are not properties.
        for p in ["Fact", "Document", "worksFor2", "minValue"] {
            assert!(!onto.declares(p), "{p}");
        }
    }

    #[test]
    fn properties_of_every_kind_count_and_other_namespaces_do_not() {
        let ttl = "@prefix tri: <https://w3id.org/tripel/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <http://example.org/> .
tri:a a owl:ObjectProperty , owl:SymmetricProperty .
tri:b a owl:DatatypeProperty .
tri:c a rdf:Property .
tri:D a owl:Class .
ex:e a owl:ObjectProperty .
[] a owl:ObjectProperty .
";
        let onto = Ontology::parse(ttl).unwrap();
        assert_eq!(onto.properties().collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn the_error_message_names_the_ontology_file() {
        let onto = Ontology::embedded().unwrap();
        assert_eq!(onto.check("buys"), Ok(()));
        assert_eq!(
            onto.check("buyz").unwrap_err(),
            r#"unknown predicate "buyz" (not declared in data/ontology.ttl)"#
        );
    }

    #[test]
    fn a_syntax_error_has_its_line() {
        let err =
            Ontology::parse("@prefix tri: <https://w3id.org/tripel/ontology#> .\n\ntri:a a .\n")
                .unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }
}
