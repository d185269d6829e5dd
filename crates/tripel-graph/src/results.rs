//! Printing SPARQL results for people (`table`) and for programs (`json`, `csv`, `tsv`, `xml`).
//!
//! The table replaces IRIs by their `rdfs:label` when the graph has one (so a result shows
//! "Meta" rather than `https://w3id.org/tripel/data/entity/meta`), and otherwise by a prefixed
//! name (`tri:buys`, `entity:meta`). The machine formats are Oxigraph's standard SPARQL results
//! serializers and keep full IRIs. ASK answers print `yes`/`no` in the table; CONSTRUCT and
//! DESCRIBE results print as Turtle whatever the format.

use crate::export::rdf::{serializer, RdfFormat};
use crate::rdf::vocab::{Iris, PREFIXES};
use crate::store::{KgStore, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::collections::HashMap;
use std::io::{self, Write};

/// How to print query results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum ResultsFormat {
    /// Aligned columns for reading; IRIs shown by label or prefixed name.
    #[default]
    Table,
    /// SPARQL 1.1 Query Results JSON.
    Json,
    /// SPARQL 1.1 Query Results CSV (values only).
    Csv,
    /// SPARQL 1.1 Query Results TSV (N-Triples-style terms).
    Tsv,
    /// SPARQL Query Results XML.
    Xml,
}

/// Errors while printing results.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    /// Looking up labels or reading solutions failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing failed (a closed pipe included).
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl From<oxigraph::sparql::QueryEvaluationError> for ResultsError {
    fn from(e: oxigraph::sparql::QueryEvaluationError) -> Self {
        Self::Store(StoreError::Query(e))
    }
}

/// Writes `results` in `format`. `store` and `iris` serve the table's labels and prefixes.
pub fn write_results(
    store: &KgStore,
    iris: &Iris,
    results: QueryResults<'_>,
    format: ResultsFormat,
    out: &mut dyn Write,
) -> Result<(), ResultsError> {
    match results {
        QueryResults::Boolean(b) => match format {
            ResultsFormat::Table => writeln!(out, "{}", if b { "yes" } else { "no" })?,
            other => {
                QueryResultsSerializer::from_format(machine_format(other))
                    .serialize_boolean_to_writer(&mut *out, b)?;
            }
        },
        QueryResults::Graph(triples) => {
            let mut s = serializer(RdfFormat::Turtle).for_writer(&mut *out);
            for t in triples {
                s.serialize_triple(&t?)?;
            }
            s.finish()?;
        }
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            if format == ResultsFormat::Table {
                let mut rows = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(
                        variables
                            .iter()
                            .map(|v| s.get(v).cloned())
                            .collect::<Vec<_>>(),
                    );
                }
                let names: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                let mut namer = TermNamer::new(store, iris);
                let cells = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|t| t.as_ref().map_or(Ok(String::new()), |t| namer.name(t)))
                            .collect::<Result<Vec<_>, _>>()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                write_table(&names, &cells, out)?;
            } else {
                let mut s = QueryResultsSerializer::from_format(machine_format(format))
                    .serialize_solutions_to_writer(&mut *out, variables)?;
                for solution in solutions {
                    s.serialize(&solution?)?;
                }
                s.finish()?;
            }
        }
    }
    Ok(())
}

fn machine_format(format: ResultsFormat) -> QueryResultsFormat {
    match format {
        ResultsFormat::Json | ResultsFormat::Table => QueryResultsFormat::Json,
        ResultsFormat::Csv => QueryResultsFormat::Csv,
        ResultsFormat::Tsv => QueryResultsFormat::Tsv,
        ResultsFormat::Xml => QueryResultsFormat::Xml,
    }
}

/// Writes an aligned table: a header, a rule, the rows; the last column is not padded.
///
/// ```
/// let mut out = Vec::new();
/// tripel_graph::results::write_table(
///     &["who".into(), "what".into()],
///     &[vec!["Meta".into(), "B200".into()], vec!["NVIDIA".into(), "".into()]],
///     &mut out,
/// ).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "who     what\n------  ----\nMeta    B200\nNVIDIA\n");
/// ```
pub fn write_table(header: &[String], rows: &[Vec<String>], out: &mut dyn Write) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String], out: &mut dyn Write| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < cells.len() {
                s.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count()));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(header, out)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&rule, out)?;
    for r in rows {
        line(r, out)?;
    }
    Ok(())
}

/// Names terms for the table: label, else prefixed name, else `<iri>`; literals by value.
struct TermNamer<'a> {
    store: &'a KgStore,
    prefixes: Vec<(String, String)>,
    cache: HashMap<String, String>,
}

impl<'a> TermNamer<'a> {
    fn new(store: &'a KgStore, iris: &Iris) -> Self {
        let prefixes: Vec<(String, String)> = PREFIXES
            .iter()
            .map(|(p, i)| ((*p).to_owned(), (*i).to_owned()))
            .chain(iris.data_prefixes().map(|(p, i)| (p.to_owned(), i)))
            .collect();
        Self {
            store,
            prefixes,
            cache: HashMap::new(),
        }
    }

    fn name(&mut self, term: &Term) -> Result<String, StoreError> {
        Ok(match term {
            Term::NamedNode(n) => {
                if let Some(s) = self.cache.get(n.as_str()) {
                    return Ok(s.clone());
                }
                let name = match self.store.label(n.as_str())? {
                    Some(l) => l,
                    None => self.prefixed(n.as_str()),
                };
                self.cache.insert(n.as_str().to_owned(), name.clone());
                name
            }
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            Term::Literal(l) => l.value().replace(['\n', '\r', '\t'], " "),
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        })
    }

    fn prefixed(&self, iri: &str) -> String {
        for (p, ns) in &self.prefixes {
            if let Some(local) = iri.strip_prefix(ns.as_str()) {
                if !local.is_empty() && !local.contains(['/', '#']) {
                    return format!("{p}:{local}");
                }
            }
        }
        format!("<{iri}>")
    }
}
