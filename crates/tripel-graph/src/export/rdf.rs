//! RDF serialization of quads, shared by `tripel export` (a whole store) and
//! `tripel extract --format turtle …` (one run's quads, no store).
//!
//! Formats with named graphs (N-Quads, TriG, JSON-LD) keep the per-document graphs. The
//! others get the union: each distinct triple once, however many documents state it.

use crate::rdf::vocab::{OWL, PROV, RDF, RDFS, SCHEMA, SKOS, XSD};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Quad, Triple};
use std::collections::HashSet;
use std::io::{self, Write};

/// The RDF syntaxes tripel writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum RdfExportFormat {
    /// Turtle (`.ttl`), triples only: the union of all document graphs.
    Turtle,
    /// N-Triples (`.nt`), triples only.
    Ntriples,
    /// N-Quads (`.nq`), one named graph per document.
    Nquads,
    /// TriG (`.trig`), one named graph per document.
    Trig,
    /// RDF/XML (`.rdf`), triples only.
    Rdfxml,
    /// JSON-LD (`.jsonld`), with named graphs.
    Jsonld,
}

impl RdfExportFormat {
    /// The Oxigraph format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            Self::Turtle => RdfFormat::Turtle,
            Self::Ntriples => RdfFormat::NTriples,
            Self::Nquads => RdfFormat::NQuads,
            Self::Trig => RdfFormat::TriG,
            Self::Rdfxml => RdfFormat::RdfXml,
            Self::Jsonld => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    /// Whether the format keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        self.rdf_format().supports_datasets()
    }
}

/// Prefixes declared in Turtle, TriG and RDF/XML output.
pub const EXPORT_PREFIXES: &[(&str, &str)] = &[
    ("tri", crate::rdf::vocab::ONTOLOGY),
    ("schema", SCHEMA),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("xsd", XSD),
    ("owl", OWL),
    ("prov", PROV),
];

/// A serializer for `format`, with the project prefixes where the format has prefixes.
pub fn serializer(format: RdfExportFormat) -> RdfSerializer {
    let mut s = RdfSerializer::from_format(format.rdf_format());
    if matches!(
        format,
        RdfExportFormat::Turtle | RdfExportFormat::Trig | RdfExportFormat::Rdfxml
    ) {
        for (prefix, iri) in EXPORT_PREFIXES {
            s = s
                .with_prefix(*prefix, *iri)
                .expect("built-in prefixes are valid IRIs");
        }
    }
    s
}

/// Writes quads in `format` (see the module docs for what graph-less formats get).
///
/// ```
/// use oxigraph::model::{GraphName, NamedNode, Quad};
/// use tripel_graph::export::rdf::{write_quads, RdfExportFormat};
/// let n = NamedNode::new("https://w3id.org/tripel/ontology#x").unwrap();
/// let g = NamedNode::new("https://example.org/g").unwrap();
/// let q = Quad::new(n.clone(), n.clone(), n.clone(), GraphName::NamedNode(g));
/// let quads = [q.clone(), q].map(Ok::<_, std::io::Error>);
/// let out = write_quads(RdfExportFormat::Ntriples, quads, Vec::new()).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
/// ```
pub fn write_quads<W, E>(
    format: RdfExportFormat,
    quads: impl IntoIterator<Item = Result<Quad, E>>,
    writer: W,
) -> io::Result<W>
where
    W: Write,
    E: Into<io::Error>,
{
    let mut out = serializer(format).for_writer(writer);
    if format.keeps_graphs() {
        for q in quads {
            out.serialize_quad(&q.map_err(Into::into)?)?;
        }
    } else {
        let mut seen: HashSet<Triple> = HashSet::new();
        for q in quads {
            let t = Triple::from(q.map_err(Into::into)?);
            if !seen.contains(&t) {
                out.serialize_triple(&t)?;
                seen.insert(t);
            }
        }
    }
    out.finish()
}
