//! Runs SPARQL queries and updates, Graph Store reads and entity descriptions against the store,
//! within the server's limits, and serializes the answer in the negotiated format.
//!
//! Answers are serialized into a buffer before the first byte is sent. That buys correct status
//! codes: a query that times out or fails half-way through is a clean 503/500, never a 200 with
//! a cut-off body. Answers are complete: with no result limit (the default) every row is sent;
//! with one (`--max-results`), an answer that would exceed it is refused with 400 and a
//! message that says to page with `LIMIT`/`OFFSET`, never sent in part.

use super::protocol::negotiate;
use super::watchdog::{Armed, Watchdog};
use oxigraph::io::RdfSerializer;
use oxigraph::model::{BlankNode, GraphNameRef, NamedNode, NamedOrBlankNode, Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;
use thiserror::Error;
use tripel_graph::dataset::{self, RequestDataset};
use tripel_graph::rdf::vocab;
use tripel_graph::{KgStore, RdfFormat, PREFIXES};

/// What the server allows one request to cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Wall-clock time for evaluation and serialization.
    pub timeout: Duration,
    /// Rows (SELECT) or triples (CONSTRUCT, DESCRIBE, graph reads) per answer; `None`: no
    /// limit.
    pub max_results: Option<usize>,
}

/// A serialized answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// The `Content-Type` to send.
    pub media_type: String,
    /// The serialized result.
    pub body: Vec<u8>,
}

/// Why a SPARQL operation produced no answer. Each variant knows its HTTP status.
#[derive(Debug, Error)]
pub(crate) enum ExecError {
    /// The query or update does not parse; the message names line and column.
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    /// A dataset parameter is not an absolute IRI.
    #[error("invalid IRI <{iri}> in parameter '{param}': {message}")]
    BadGraphIri {
        /// The offending parameter's name.
        param: &'static str,
        /// Its value.
        iri: String,
        /// Why it is not an IRI.
        message: String,
    },
    /// The client accepts none of the formats this kind of result can be written in.
    #[error("not acceptable: a {form} result is available as {offered}")]
    NotAcceptable {
        /// "SELECT", "ASK" or "RDF graph".
        form: &'static str,
        /// The media types on offer, comma-separated.
        offered: String,
    },
    /// The answer has more rows or triples than [`Limits::max_results`] allows.
    #[error("the answer has more than {0} results, the most this server sends in one answer: page through it with ORDER BY, LIMIT and OFFSET")]
    TooLarge(usize),
    /// The deadline passed; the evaluation was cancelled.
    #[error(
        "the operation did not finish within the server's time limit of {0:?} and was cancelled"
    )]
    Timeout(Duration),
    /// Evaluation failed (storage error, unsupported SERVICE, …).
    #[error("evaluation failed: {0}")]
    Evaluation(String),
    /// An update reached a read-only server.
    #[error("SPARQL Update is disabled: this endpoint is read-only (the server must be started as writable to accept updates)")]
    ReadOnly,
    /// `using-graph-uri`/`using-named-graph-uri` together with `USING`/`WITH` in the update.
    #[error("using-graph-uri/using-named-graph-uri cannot be combined with an update that has its own USING, USING NAMED or WITH clause")]
    UpdateDatasetConflict,
    /// A Graph Store write sent a body in a syntax the server does not read.
    #[error("unsupported media type {0:?}: send text/turtle, application/n-triples, application/rdf+xml, application/ld+json, application/n-quads or application/trig")]
    UnsupportedMediaType(String),
    /// A Graph Store write sent RDF that does not parse.
    #[error("the RDF in the request body does not parse: {0}")]
    BadRdf(String),
    /// A Graph Store write addressed the default graph, which is the union of all graphs.
    #[error("the default graph is the union of all graphs and cannot be written: write to a named graph with ?graph=IRI")]
    DefaultGraphWrite,
    /// Writing the answer failed.
    #[error("could not serialize the result: {0}")]
    Serialization(#[from] std::io::Error),
}

impl ExecError {
    /// The HTTP status that reports this error.
    pub(crate) fn status(&self) -> u16 {
        match self {
            ExecError::Syntax(_)
            | ExecError::BadGraphIri { .. }
            | ExecError::UpdateDatasetConflict
            | ExecError::TooLarge(_)
            | ExecError::BadRdf(_) => 400,
            ExecError::ReadOnly => 403,
            ExecError::DefaultGraphWrite => 405,
            ExecError::UnsupportedMediaType(_) => 415,
            ExecError::NotAcceptable { .. } => 406,
            ExecError::Timeout(_) => 503,
            ExecError::Evaluation(_) | ExecError::Serialization(_) => 500,
        }
    }
}

/// Formats for SELECT results, in order of preference.
const SOLUTION_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
];

/// Formats for ASK results (CSV and TSV have no boolean form in the W3C note).
const BOOLEAN_FORMATS: &[(&str, QueryResultsFormat)] = &[
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("application/json", QueryResultsFormat::Json),
    ("application/xml", QueryResultsFormat::Xml),
    ("text/xml", QueryResultsFormat::Xml),
];

/// The RDF formats of CONSTRUCT/DESCRIBE answers, graph reads and entity descriptions, in order
/// of preference: the triple formats by their media types, then two older aliases.
pub(crate) const GRAPH_FORMATS: &[(&str, RdfFormat)] = &[
    (RdfFormat::Turtle.media_type(), RdfFormat::Turtle),
    (RdfFormat::Ntriples.media_type(), RdfFormat::Ntriples),
    (RdfFormat::Rdfxml.media_type(), RdfFormat::Rdfxml),
    (RdfFormat::Jsonld.media_type(), RdfFormat::Jsonld),
    ("application/x-turtle", RdfFormat::Turtle),
    ("text/plain", RdfFormat::Ntriples),
];

fn offered<T>(formats: &[(&str, T)]) -> String {
    formats
        .iter()
        .map(|(m, _)| *m)
        .collect::<Vec<_>>()
        .join(", ")
}

fn with_charset(media_type: &str) -> String {
    if media_type.starts_with("text/") {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_owned()
    }
}

/// Picks the RDF format for `accept`, or the 406 error.
pub(crate) fn negotiate_graph(
    accept: Option<&str>,
) -> Result<(&'static str, RdfFormat), ExecError> {
    negotiate(accept, GRAPH_FORMATS).ok_or_else(|| ExecError::NotAcceptable {
        form: "RDF graph",
        offered: offered(GRAPH_FORMATS),
    })
}

/// Prefixes of the shared table that RDF answers leave out: answers have never declared them,
/// and every declared prefix is written into every Turtle, RDF/XML and JSON-LD answer.
const UNDECLARED_IN_ANSWERS: &[&str] = &["owl", "prov", "value"];

/// A serializer for RDF answers: the shared [`PREFIXES`] and the data prefixes of `base`
/// (`entity:`, `doc:`, `fact:`), but for [`UNDECLARED_IN_ANSWERS`].
fn graph_serializer(format: RdfFormat, base: &str) -> RdfSerializer {
    let mut serializer = RdfSerializer::from_format(format.oxigraph());
    let prefixes = PREFIXES
        .iter()
        .map(|(name, iri)| (*name, (*iri).to_owned()))
        .chain(vocab::data_prefixes(base))
        .filter(|(name, _)| !UNDECLARED_IN_ANSWERS.contains(name));
    for (name, iri) in prefixes {
        // A prefix whose IRI does not parse (an odd base) is skipped: full IRIs are still valid.
        if let Ok(with) = serializer.clone().with_prefix(name, iri) {
            serializer = with;
        }
    }
    serializer
}

fn evaluation_error(error: impl std::fmt::Display, armed: &Armed, limits: &Limits) -> ExecError {
    if armed.fired() {
        ExecError::Timeout(limits.timeout)
    } else {
        ExecError::Evaluation(error.to_string())
    }
}

fn parse_graph_iris(param: &'static str, iris: &[String]) -> Result<Vec<NamedNode>, ExecError> {
    iris.iter()
        .map(|iri| {
            NamedNode::new(iri.as_str()).map_err(|e| ExecError::BadGraphIri {
                param,
                iri: iri.clone(),
                message: e.to_string(),
            })
        })
        .collect()
}

/// The shared context of one server: its store, limits and timer.
pub(crate) struct Engine {
    /// The store as last seen. A read-only store follows the writer's published commits:
    /// see [`Engine::store`].
    pub store: Mutex<KgStore>,
    pub limits: Limits,
    pub watchdog: Watchdog,
    pub writable: bool,
}

/// The Graph Store Protocol's writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GraphWrite {
    /// PUT: the graph's triples become the body's.
    Replace,
    /// POST: the body's triples are added.
    Merge,
    /// DELETE: the graph is removed.
    Delete,
}

/// A query as the Protocol delivers it.
pub(crate) struct QueryRequest<'a> {
    pub query: &'a str,
    pub default_graphs: &'a [String],
    pub named_graphs: &'a [String],
    pub accept: Option<&'a str>,
    /// Base IRI for relative IRIs in the query (the endpoint's own URL).
    pub base_iri: Option<&'a str>,
    /// The data base IRI, for prefixes in Turtle answers.
    pub data_base: &'a str,
}

fn evaluator(armed: &Armed, base_iri: Option<&str>) -> SparqlEvaluator {
    let evaluator = SparqlEvaluator::new().with_cancellation_token(armed.token());
    match base_iri {
        Some(base) => evaluator.clone().with_base_iri(base).unwrap_or(evaluator),
        None => evaluator,
    }
}

impl Engine {
    /// The store to answer one request from: for a store opened read-only, the latest state a
    /// writer (`tripel build`, a writable server) has published, so the endpoint follows
    /// builds without a restart. The request keeps its own handle, so the checkpoint it reads
    /// stays pinned until it is answered, however often the store moves on meanwhile.
    pub(crate) fn store(&self) -> Result<KgStore, ExecError> {
        let mut current = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(newer) = current
            .refreshed()
            .map_err(|e| ExecError::Evaluation(e.to_string()))?
        {
            *current = newer;
        }
        Ok(current.clone())
    }

    /// Evaluates a query. The default graph is the union of all graphs unless the request's
    /// `default-graph-uri`/`named-graph-uri` parameters (first) or the query's `FROM`/`FROM NAMED`
    /// (second) define the dataset.
    pub(crate) fn query(&self, request: &QueryRequest<'_>) -> Result<Answer, ExecError> {
        let armed = self.watchdog.arm(self.limits.timeout);
        let mut prepared = evaluator(&armed, request.base_iri)
            .parse_query(request.query)
            .map_err(|e| ExecError::Syntax(e.to_string()))?;
        let requested = RequestDataset {
            default_graphs: parse_graph_iris("default-graph-uri", request.default_graphs)?,
            named_graphs: parse_graph_iris("named-graph-uri", request.named_graphs)?,
        };
        dataset::apply(prepared.dataset_mut(), &requested);
        let kg = self.store()?;
        let results = prepared
            .on_store(kg.oxigraph())
            .execute()
            .map_err(|e| evaluation_error(e, &armed, &self.limits))?;
        match results {
            QueryResults::Solutions(solutions) => {
                let (media_type, format) =
                    negotiate(request.accept, SOLUTION_FORMATS).ok_or_else(|| {
                        ExecError::NotAcceptable {
                            form: "SELECT",
                            offered: offered(SOLUTION_FORMATS),
                        }
                    })?;
                let variables = solutions.variables().to_vec();
                let mut serializer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(Vec::new(), variables)?;
                for (count, solution) in solutions.enumerate() {
                    let solution =
                        solution.map_err(|e| evaluation_error(e, &armed, &self.limits))?;
                    self.check_size(count)?;
                    serializer.serialize(&solution)?;
                }
                self.check_deadline(&armed)?;
                Ok(Answer {
                    media_type: with_charset(media_type),
                    body: serializer.finish()?,
                })
            }
            QueryResults::Boolean(value) => {
                let (media_type, format) =
                    negotiate(request.accept, BOOLEAN_FORMATS).ok_or_else(|| {
                        ExecError::NotAcceptable {
                            form: "ASK",
                            offered: offered(BOOLEAN_FORMATS),
                        }
                    })?;
                let body = QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(Vec::new(), value)?;
                Ok(Answer {
                    media_type: with_charset(media_type),
                    body,
                })
            }
            QueryResults::Graph(triples) => {
                let (media_type, format) = negotiate_graph(request.accept)?;
                let mut serializer =
                    graph_serializer(format, request.data_base).for_writer(Vec::new());
                for (count, triple) in triples.enumerate() {
                    let triple = triple.map_err(|e| evaluation_error(e, &armed, &self.limits))?;
                    self.check_size(count)?;
                    serializer.serialize_triple(&triple)?;
                }
                self.check_deadline(&armed)?;
                Ok(Answer {
                    media_type: with_charset(media_type),
                    body: serializer.finish()?,
                })
            }
        }
    }

    /// Fails once `count` results are already in the answer and the limit allows no more.
    fn check_size(&self, count: usize) -> Result<(), ExecError> {
        match self.limits.max_results {
            Some(limit) if count >= limit => Err(ExecError::TooLarge(limit)),
            _ => Ok(()),
        }
    }

    fn check_deadline(&self, armed: &Armed) -> Result<(), ExecError> {
        if armed.fired() {
            Err(ExecError::Timeout(self.limits.timeout))
        } else {
            Ok(())
        }
    }

    /// Applies an update (only on a writable server). Without `using-graph-uri`/`USING`, the
    /// `WHERE` clauses see the union of all graphs, as queries do.
    pub(crate) fn update(
        &self,
        update: &str,
        using_graphs: &[String],
        using_named_graphs: &[String],
        base_iri: Option<&str>,
    ) -> Result<(), ExecError> {
        if !self.writable {
            return Err(ExecError::ReadOnly);
        }
        let armed = self.watchdog.arm(self.limits.timeout);
        let mut prepared = evaluator(&armed, base_iri)
            .parse_update(update)
            .map_err(|e| ExecError::Syntax(e.to_string()))?;
        let using = RequestDataset {
            default_graphs: parse_graph_iris("using-graph-uri", using_graphs)?,
            named_graphs: parse_graph_iris("using-named-graph-uri", using_named_graphs)?,
        };
        // Unlike a query's FROM, an update's USING/WITH may not be overridden (SPARQL 1.1
        // Protocol, 2.2.3): that is an error, not the request winning.
        if !using.is_empty() && prepared.using_datasets().any(|d| !d.is_default_dataset()) {
            return Err(ExecError::UpdateDatasetConflict);
        }
        for using_dataset in prepared.using_datasets_mut() {
            dataset::apply(using_dataset, &using);
        }
        let kg = self.store()?;
        prepared
            .on_store(kg.oxigraph())
            .execute()
            .map_err(|e| evaluation_error(e, &armed, &self.limits))?;
        // Readers in other processes see the update once it is published.
        kg.publish()
            .map_err(|e| ExecError::Evaluation(e.to_string()))
    }

    /// Graph Store Protocol read: the triples of one named graph, or of the default graph (the
    /// union of all graphs, the same default graph queries see). `Ok(None)` for a named graph
    /// that does not exist.
    pub(crate) fn read_graph(
        &self,
        graph: Option<&NamedNode>,
        format: RdfFormat,
        media_type: &str,
        data_base: &str,
    ) -> Result<Option<Answer>, ExecError> {
        let armed = self.watchdog.arm(self.limits.timeout);
        let storage = |e: oxigraph::store::StorageError| ExecError::Evaluation(e.to_string());
        let kg = self.store()?;
        let store = kg.oxigraph();
        let mut serializer = graph_serializer(format, data_base).for_writer(Vec::new());
        let mut count = 0;
        match graph {
            Some(graph) => {
                if !store.contains_named_graph(graph).map_err(storage)? {
                    return Ok(None);
                }
                for quad in store.quads_for_pattern(
                    None,
                    None,
                    None,
                    Some(GraphNameRef::NamedNode(graph.as_ref())),
                ) {
                    let quad = quad.map_err(storage)?;
                    self.check_size(count)?;
                    self.check_deadline(&armed)?;
                    serializer.serialize_triple(quad.as_ref())?;
                    count += 1;
                }
            }
            None => {
                // The same triple may sit in several document graphs: the union is a set.
                let mut seen: HashSet<Triple> = HashSet::new();
                for quad in store.iter() {
                    let triple = Triple::from(quad.map_err(storage)?);
                    if seen.contains(&triple) {
                        continue;
                    }
                    self.check_size(count)?;
                    self.check_deadline(&armed)?;
                    serializer.serialize_triple(&triple)?;
                    seen.insert(triple);
                    count += 1;
                }
            }
        }
        Ok(Some(Answer {
            media_type: with_charset(media_type),
            body: serializer.finish()?,
        }))
    }

    /// The Linked Data description of one resource: what it says, what points at it, and the
    /// provenance (`tri:Fact`) nodes of the facts it takes part in. `Ok(None)` when the store
    /// knows nothing about it.
    pub(crate) fn describe(
        &self,
        iri: &NamedNode,
        format: RdfFormat,
        media_type: &str,
        data_base: &str,
    ) -> Result<Option<Answer>, ExecError> {
        let armed = self.watchdog.arm(self.limits.timeout);
        let query = format!(
            "PREFIX rdf: <{rdf}>
             CONSTRUCT {{ ?s ?p ?o }} WHERE {{
               {{ {e} ?p ?o BIND({e} AS ?s) }}
               UNION {{ ?s ?p {e} BIND({e} AS ?o) }}
               UNION {{ ?s rdf:subject|rdf:object {e} . ?s ?p ?o }}
             }}",
            rdf = vocab::RDF,
            e = iri
        );
        let mut prepared = SparqlEvaluator::new()
            .with_cancellation_token(armed.token())
            .parse_query(&query)
            .map_err(|e| ExecError::Evaluation(e.to_string()))?;
        dataset::apply(prepared.dataset_mut(), &RequestDataset::default());
        let kg = self.store()?;
        let QueryResults::Graph(triples) = prepared
            .on_store(kg.oxigraph())
            .execute()
            .map_err(|e| evaluation_error(e, &armed, &self.limits))?
        else {
            return Err(ExecError::Evaluation(
                "a CONSTRUCT query did not return a graph".into(),
            ));
        };
        let mut graph: Vec<Triple> = Vec::new();
        let mut seen: HashSet<Triple> = HashSet::new();
        for triple in triples {
            let triple = triple.map_err(|e| evaluation_error(e, &armed, &self.limits))?;
            if seen.contains(&triple) {
                continue;
            }
            self.check_size(graph.len())?;
            seen.insert(triple.clone());
            graph.push(triple);
        }
        self.check_deadline(&armed)?;
        if graph.is_empty() {
            return Ok(None);
        }
        // Subject order keeps the Turtle readable: the entity first, then the fact nodes.
        graph.sort_by(|a, b| {
            let key = |t: &Triple| {
                (
                    t.subject.to_string() != iri.to_string(),
                    t.subject.to_string(),
                )
            };
            key(a).cmp(&key(b))
        });
        let mut serializer = graph_serializer(format, data_base).for_writer(Vec::new());
        for triple in &graph {
            serializer.serialize_triple(triple)?;
        }
        Ok(Some(Answer {
            media_type: with_charset(media_type),
            body: serializer.finish()?,
        }))
    }

    /// Graph Store Protocol write on the named graph `graph` (only on a writable server):
    /// `Replace` (PUT) or `Merge` (POST) its triples with the body's, or `Delete` it. Returns
    /// the status to answer: 201 when the graph was created, 204 otherwise; 404 when a graph
    /// to delete does not exist. The change is one transaction, published to readers.
    pub(crate) fn write_graph(
        &self,
        graph: &NamedNode,
        write: GraphWrite,
        content_type: Option<&str>,
        body: &[u8],
        base_iri: Option<&str>,
    ) -> Result<u16, ExecError> {
        if !self.writable {
            return Err(ExecError::ReadOnly);
        }
        let storage = |e: oxigraph::store::StorageError| ExecError::Evaluation(e.to_string());
        // Parsed in full before the store is touched: a bad body changes nothing.
        let mut triples = Vec::new();
        if write != GraphWrite::Delete {
            let media_type = content_type.unwrap_or("text/turtle");
            let essence = media_type.split(';').next().unwrap_or_default().trim();
            let format = oxigraph::io::RdfFormat::from_media_type(essence)
                .ok_or_else(|| ExecError::UnsupportedMediaType(essence.to_owned()))?;
            let mut parser = oxigraph::io::RdfParser::from_format(format);
            if let Some(base) = base_iri {
                parser = parser.clone().with_base_iri(base).unwrap_or(parser);
            }
            for quad in parser.for_slice(body) {
                let quad = quad.map_err(|e| ExecError::BadRdf(e.to_string()))?;
                triples.push(Triple::from(quad));
            }
        }
        let kg = self.store()?;
        let store = kg.oxigraph();
        let existed = store.contains_named_graph(graph).map_err(storage)?;
        if write == GraphWrite::Delete && !existed {
            return Ok(404);
        }
        let mut tx = store.start_transaction().map_err(storage)?;
        match write {
            GraphWrite::Delete => tx.remove_named_graph(graph).map_err(storage)?,
            GraphWrite::Replace | GraphWrite::Merge => {
                if write == GraphWrite::Replace {
                    tx.clear_graph(graph).map_err(storage)?;
                }
                tx.insert_named_graph(graph);
                let name = GraphNameRef::NamedNode(graph.as_ref());
                tx.extend(triples.iter().map(|t| t.as_ref().in_graph(name)));
            }
        }
        tx.commit().map_err(storage)?;
        kg.publish()
            .map_err(|e| ExecError::Evaluation(e.to_string()))?;
        Ok(if existed || write == GraphWrite::Delete {
            204
        } else {
            201
        })
    }

    /// The SPARQL 1.1 Service Description of this endpoint (`GET /sparql` without a query):
    /// the languages it accepts (Update only when writable), its union default graph, and the
    /// result formats it writes.
    pub(crate) fn service_description(
        &self,
        endpoint: Option<&str>,
        format: RdfFormat,
        media_type: &str,
    ) -> Result<Answer, ExecError> {
        const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
        const FORMATS: &str = "http://www.w3.org/ns/formats/";
        let sd = |local: &str| NamedNode::new_unchecked(format!("{SD}{local}"));
        let a = NamedNode::new_unchecked(format!("{}type", vocab::RDF));
        let service = NamedOrBlankNode::from(BlankNode::default());
        let dataset = BlankNode::default();
        let default_graph = BlankNode::default();
        let mut triples = vec![Triple::new(service.clone(), a.clone(), sd("Service"))];
        let mut about = |predicate: NamedNode, object: Term| {
            triples.push(Triple::new(service.clone(), predicate, object));
        };
        if let Some(endpoint) = endpoint.and_then(|e| NamedNode::new(e).ok()) {
            about(sd("endpoint"), endpoint.into());
        }
        about(sd("supportedLanguage"), sd("SPARQL11Query").into());
        if self.writable {
            about(sd("supportedLanguage"), sd("SPARQL11Update").into());
        }
        about(sd("feature"), sd("UnionDefaultGraph").into());
        for name in [
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "RDF_XML",
            "JSON-LD",
        ] {
            about(
                sd("resultFormat"),
                NamedNode::new_unchecked(format!("{FORMATS}{name}")).into(),
            );
        }
        about(sd("defaultDataset"), dataset.clone().into());
        triples.push(Triple::new(dataset.clone(), a.clone(), sd("Dataset")));
        triples.push(Triple::new(
            dataset,
            sd("defaultGraph"),
            default_graph.clone(),
        ));
        triples.push(Triple::new(default_graph, a, sd("Graph")));
        let mut serializer = RdfSerializer::from_format(format.oxigraph());
        if let Ok(with) = serializer.clone().with_prefix("sd", SD) {
            serializer = with;
        }
        let mut writer = serializer.for_writer(Vec::new());
        for triple in &triples {
            writer.serialize_triple(triple)?;
        }
        Ok(Answer {
            media_type: with_charset(media_type),
            body: writer.finish()?,
        })
    }

    /// True when some triple (in any graph) has `iri` as subject or object.
    pub(crate) fn knows(&self, iri: &NamedNode) -> Result<bool, ExecError> {
        let storage = |e: oxigraph::store::StorageError| ExecError::Evaluation(e.to_string());
        let kg = self.store()?;
        if let Some(quad) = kg
            .oxigraph()
            .quads_for_pattern(Some(iri.as_ref().into()), None, None, None)
            .next()
        {
            quad.map_err(storage)?;
            return Ok(true);
        }
        match kg
            .oxigraph()
            .quads_for_pattern(None, None, Some(iri.as_ref().into()), None)
            .next()
        {
            Some(quad) => quad.map(|_| true).map_err(storage),
            None => Ok(false),
        }
    }

    /// The data base IRI (`…/tripel/data/`), read from the entities or documents in the store.
    pub(crate) fn discover_base(&self) -> Option<String> {
        let query = format!(
            "SELECT ?x WHERE {{ {{ ?x <{o}mentionedIn> ?d }} UNION {{ ?x a <{o}Document> }} }} LIMIT 1",
            o = vocab::ONTOLOGY
        );
        let mut prepared = SparqlEvaluator::new().parse_query(&query).ok()?;
        dataset::apply(prepared.dataset_mut(), &RequestDataset::default());
        let kg = self.store().ok()?;
        let QueryResults::Solutions(mut solutions) =
            prepared.on_store(kg.oxigraph()).execute().ok()?
        else {
            return None;
        };
        let solution = solutions.next()?.ok()?;
        let Some(oxigraph::model::Term::NamedNode(node)) = solution.get("x") else {
            return None;
        };
        let iri = node.as_str();
        ["entity/", "doc/"]
            .iter()
            .find_map(|segment| iri.rfind(segment).map(|at| iri[..at].to_owned()))
    }
}
