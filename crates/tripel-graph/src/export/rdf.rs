//! The RDF syntaxes tripel reads and writes ([`RdfFormat`]) and the serialization of quads,
//! shared by `tripel export` (a whole store), `tripel extract --format turtle …` (one run's
//! quads, no store) and the server's RDF answers (which pick a format by media type).
//!
//! Formats with named graphs (N-Quads, TriG, JSON-LD) keep the per-document graphs. The
//! others get the union: each distinct triple once, however many documents state it.

use crate::rdf::vocab::PREFIXES;
use oxigraph::io::{JsonLdProfileSet, RdfSerializer};
use oxigraph::model::{Quad, Triple};
use std::collections::HashSet;
use std::io::{self, Write};

/// The RDF syntaxes tripel writes: the one list behind `tripel extract --format`,
/// `tripel export --format` and the server's content negotiation.
///
/// ```
/// use tripel_graph::RdfFormat;
/// assert_eq!(RdfFormat::Turtle.name(), "turtle");
/// assert_eq!(RdfFormat::Turtle.media_type(), "text/turtle");
/// assert_eq!(RdfFormat::Nquads.file_extension(), "nq");
/// assert!(RdfFormat::Trig.keeps_graphs() && !RdfFormat::Rdfxml.keeps_graphs());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RdfFormat {
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

impl RdfFormat {
    /// Every format, in the order the command line lists them.
    pub const ALL: [RdfFormat; 6] = [
        Self::Turtle,
        Self::Ntriples,
        Self::Nquads,
        Self::Trig,
        Self::Rdfxml,
        Self::Jsonld,
    ];

    /// The name on the command line (`--format turtle`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Turtle => "turtle",
            Self::Ntriples => "ntriples",
            Self::Nquads => "nquads",
            Self::Trig => "trig",
            Self::Rdfxml => "rdfxml",
            Self::Jsonld => "jsonld",
        }
    }

    /// The syntax's usual name for people (`N-Triples`).
    pub const fn label(self) -> &'static str {
        match self {
            Self::Turtle => "Turtle",
            Self::Ntriples => "N-Triples",
            Self::Nquads => "N-Quads",
            Self::Trig => "TriG",
            Self::Rdfxml => "RDF/XML",
            Self::Jsonld => "JSON-LD",
        }
    }

    /// The registered media type (`text/turtle`).
    pub const fn media_type(self) -> &'static str {
        match self {
            Self::Turtle => "text/turtle",
            Self::Ntriples => "application/n-triples",
            Self::Nquads => "application/n-quads",
            Self::Trig => "application/trig",
            Self::Rdfxml => "application/rdf+xml",
            Self::Jsonld => "application/ld+json",
        }
    }

    /// The usual file extension, without the dot (`ttl`).
    pub const fn file_extension(self) -> &'static str {
        match self {
            Self::Turtle => "ttl",
            Self::Ntriples => "nt",
            Self::Nquads => "nq",
            Self::Trig => "trig",
            Self::Rdfxml => "rdf",
            Self::Jsonld => "jsonld",
        }
    }

    /// The Oxigraph format.
    pub fn oxigraph(self) -> oxigraph::io::RdfFormat {
        use oxigraph::io::RdfFormat as Ox;
        match self {
            Self::Turtle => Ox::Turtle,
            Self::Ntriples => Ox::NTriples,
            Self::Nquads => Ox::NQuads,
            Self::Trig => Ox::TriG,
            Self::Rdfxml => Ox::RdfXml,
            Self::Jsonld => Ox::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }

    /// Whether the format keeps named graphs.
    pub fn keeps_graphs(self) -> bool {
        self.oxigraph().supports_datasets()
    }

    /// Whether exports in this format declare the [`PREFIXES`] (Turtle, TriG, RDF/XML).
    pub const fn declares_prefixes(self) -> bool {
        matches!(self, Self::Turtle | Self::Trig | Self::Rdfxml)
    }
}

/// A serializer for `format`, with the project prefixes where the format has prefixes.
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    let mut s = RdfSerializer::from_format(format.oxigraph());
    if format.declares_prefixes() {
        for (prefix, iri) in PREFIXES {
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
/// use tripel_graph::{write_quads, RdfFormat};
/// let n = NamedNode::new("https://w3id.org/tripel/ontology#x").unwrap();
/// let g = NamedNode::new("https://example.org/g").unwrap();
/// let q = Quad::new(n.clone(), n.clone(), n.clone(), GraphName::NamedNode(g));
/// let quads = [q.clone(), q].map(Ok::<_, std::io::Error>);
/// let out = write_quads(RdfFormat::Ntriples, quads, Vec::new()).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
/// ```
pub fn write_quads<W, E>(
    format: RdfFormat,
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
