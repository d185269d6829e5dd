//! Runs SPARQL queries and updates, Graph Store reads and writes, dataset downloads and entity
//! descriptions against the store, within the server's limits, and serializes the answer in the
//! negotiated format.
//!
//! Answers are written into an [`AnswerSink`]. A small answer (up to [`SPILL_AT`] bytes) is
//! kept whole before the first byte is sent, which buys correct status codes: a query that
//! times out or fails is a clean 503/500. A larger one starts streaming once it passes that
//! size, so the server's memory stays bounded whatever the answer's size; a failure after
//! that point aborts the connection (the chunked body never ends), which every HTTP client
//! reports as an error, never as a complete 200. Answers are complete: with no result limit
//! (the default) every row is sent; with one (`--max-results`), an answer that would exceed
//! it is refused with 400 and a message that says to page with `LIMIT`/`OFFSET`, never sent
//! in part (such answers are bounded by the limit, so they are always kept whole).

use super::protocol::negotiate;
use super::request::{BodySender, Chunk, Reply, Responder};
use super::watchdog::{Armed, Watchdog};
use oxigraph::io::{RdfParser, RdfSerializer};
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, Triple,
};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use std::collections::HashSet;
use std::io::Write;
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

/// Size past which an answer is streamed rather than kept whole.
pub(crate) const SPILL_AT: usize = 1024 * 1024;

/// Size of the chunks a streamed answer is sent in.
const CHUNK: usize = 64 * 1024;

/// A serialized answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// The `Content-Type` to send.
    pub media_type: String,
    /// The serialized result.
    pub body: AnswerBody,
}

/// Where an answer's bytes went.
#[derive(Debug)]
pub(crate) enum AnswerBody {
    /// Kept whole: the route sends it.
    Complete(Vec<u8>),
    /// Already streamed to the client through the request's [`Responder`].
    Streamed,
}

/// Where an answer is serialized to: a buffer, until the answer passes [`SPILL_AT`] bytes and
/// the request can stream; from then on the client, in [`CHUNK`]-sized pieces.
///
/// Dropped without [`AnswerSink::finish`] after streaming began, the body ends without its
/// last chunk and the connection is aborted (see `http`).
pub(crate) struct AnswerSink<'r> {
    buffer: Vec<u8>,
    media_type: String,
    /// Set while the answer may still start streaming.
    responder: Option<&'r Responder>,
    patience: Duration,
    stream: Option<BodySender>,
}

impl<'r> AnswerSink<'r> {
    /// A sink for an answer of `media_type` that streams through `responder` once it is large
    /// (when given), each chunk waiting at most `patience` for the client.
    pub(crate) fn new(
        media_type: String,
        responder: Option<&'r Responder>,
        patience: Duration,
    ) -> Self {
        Self {
            buffer: Vec::new(),
            media_type,
            responder,
            patience,
            stream: None,
        }
    }

    /// Ends the answer: the whole body if it was kept, or [`AnswerBody::Streamed`] once its
    /// last chunk is sent.
    pub(crate) fn finish(mut self) -> std::io::Result<Answer> {
        let body = match self.stream.take() {
            Some(stream) => {
                if !self.buffer.is_empty() {
                    stream.send(Chunk::Data(std::mem::take(&mut self.buffer)))?;
                }
                stream.send(Chunk::End)?;
                AnswerBody::Streamed
            }
            None => AnswerBody::Complete(std::mem::take(&mut self.buffer)),
        };
        Ok(Answer {
            media_type: std::mem::take(&mut self.media_type),
            body,
        })
    }
}

impl Write for AnswerSink<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.stream.is_none() && self.buffer.len() > SPILL_AT {
            if let Some(responder) = self.responder.take() {
                let head =
                    Reply::new(200, &self.media_type, Vec::new()).with_header("Vary", "Accept");
                self.stream = responder.start_stream(head, self.patience);
            }
        }
        if let Some(stream) = &self.stream {
            if self.buffer.len() >= CHUNK {
                stream.send(Chunk::Data(std::mem::take(&mut self.buffer)))?;
            }
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    /// A Graph Store write sent named graphs where one graph was expected.
    #[error("the body names graphs, but a Graph Store write to one graph takes triples only: send N-Quads or TriG to /graph itself to add several graphs")]
    QuadsForGraph,
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
            | ExecError::BadRdf(_)
            | ExecError::QuadsForGraph => 400,
            ExecError::ReadOnly => 403,
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

/// The formats of the dataset endpoint (the whole store, graph names kept), in order of
/// preference.
pub(crate) const DATASET_FORMATS: &[(&str, RdfFormat)] = &[
    (RdfFormat::Nquads.media_type(), RdfFormat::Nquads),
    (RdfFormat::Trig.media_type(), RdfFormat::Trig),
    ("text/x-nquads", RdfFormat::Nquads),
];

/// Picks the dataset format for `accept`, or the 406 error.
pub(crate) fn negotiate_dataset(
    accept: Option<&str>,
) -> Result<(&'static str, RdfFormat), ExecError> {
    negotiate(accept, DATASET_FORMATS).ok_or_else(|| ExecError::NotAcceptable {
        form: "dataset",
        offered: offered(DATASET_FORMATS),
    })
}

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

fn storage(error: oxigraph::store::StorageError) -> ExecError {
    ExecError::Evaluation(error.to_string())
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

/// One RDF body of a Graph Store write: its syntax and bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Payload<'a> {
    /// The body's `Content-Type` as sent (parameters are ignored).
    pub media_type: &'a str,
    /// The body.
    pub bytes: &'a [u8],
}

impl Payload<'_> {
    /// The syntax the media type names, or the 415 error.
    pub(crate) fn format(&self) -> Result<oxigraph::io::RdfFormat, ExecError> {
        let essence = self.media_type.split(';').next().unwrap_or_default().trim();
        oxigraph::io::RdfFormat::from_media_type(essence)
            .ok_or_else(|| ExecError::UnsupportedMediaType(essence.to_owned()))
    }

    /// Parses the whole body (relative IRIs against `base`) before anything is written.
    fn parse(&self, base: Option<&str>) -> Result<Vec<Quad>, ExecError> {
        let mut parser = RdfParser::from_format(self.format()?);
        if let Some(base) = base {
            parser = parser.clone().with_base_iri(base).unwrap_or(parser);
        }
        parser
            .for_slice(self.bytes)
            .map(|quad| quad.map_err(|e| ExecError::BadRdf(e.to_string())))
            .collect()
    }
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
    /// Streams a large answer.
    pub responder: &'a Responder,
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
                let sink = self.sink(media_type, request.responder);
                let mut serializer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(sink, variables)?;
                for (count, solution) in solutions.enumerate() {
                    let solution =
                        solution.map_err(|e| evaluation_error(e, &armed, &self.limits))?;
                    self.check_size(count)?;
                    serializer.serialize(&solution)?;
                }
                self.check_deadline(&armed)?;
                Ok(serializer.finish()?.finish()?)
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
                    body: AnswerBody::Complete(body),
                })
            }
            QueryResults::Graph(triples) => {
                let (media_type, format) = negotiate_graph(request.accept)?;
                let sink = self.sink(media_type, request.responder);
                let mut serializer = graph_serializer(format, request.data_base).for_writer(sink);
                for (count, triple) in triples.enumerate() {
                    let triple = triple.map_err(|e| evaluation_error(e, &armed, &self.limits))?;
                    self.check_size(count)?;
                    serializer.serialize_triple(&triple)?;
                }
                self.check_deadline(&armed)?;
                Ok(serializer.finish()?.finish()?)
            }
        }
    }

    /// Where to serialize an answer of `media_type`: streamed once large, unless a result limit
    /// is set (then the answer is bounded by it and kept whole, so that going over the limit is
    /// a clean 400).
    fn sink<'r>(&self, media_type: &str, responder: &'r Responder) -> AnswerSink<'r> {
        let responder = self.limits.max_results.is_none().then_some(responder);
        AnswerSink::new(with_charset(media_type), responder, self.limits.timeout)
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
        self.publish(&kg)
    }

    /// Graph Store Protocol read: the triples of one graph, the named graph `graph` or the
    /// store's own default graph ([`GraphName::DefaultGraph`], not the union that queries see:
    /// see the crate docs). `Ok(None)` for a named graph that does not exist.
    pub(crate) fn read_graph(
        &self,
        graph: &GraphName,
        format: RdfFormat,
        media_type: &str,
        data_base: &str,
        responder: &Responder,
    ) -> Result<Option<Answer>, ExecError> {
        let armed = self.watchdog.arm(self.limits.timeout);
        let kg = self.store()?;
        let store = kg.oxigraph();
        if !self.graph_exists(store, graph)? {
            return Ok(None);
        }
        let sink = self.sink(media_type, responder);
        let mut serializer = graph_serializer(format, data_base).for_writer(sink);
        for (count, quad) in store
            .quads_for_pattern(None, None, None, Some(graph.as_ref()))
            .enumerate()
        {
            let quad = quad.map_err(storage)?;
            self.check_size(count)?;
            self.check_deadline(&armed)?;
            serializer.serialize_triple(quad.as_ref())?;
        }
        Ok(Some(serializer.finish()?.finish()?))
    }

    /// Whether `graph` exists: the default graph always does, a named graph once created.
    pub(crate) fn graph_exists(
        &self,
        store: &oxigraph::store::Store,
        graph: &GraphName,
    ) -> Result<bool, ExecError> {
        match graph {
            GraphName::DefaultGraph => Ok(true),
            GraphName::NamedNode(node) => store.contains_named_graph(node).map_err(storage),
            GraphName::BlankNode(node) => store.contains_named_graph(node).map_err(storage),
        }
    }

    /// Whether the graph at `graph` exists in the store as it is now (for `HEAD`).
    pub(crate) fn has_graph(&self, graph: &GraphName) -> Result<bool, ExecError> {
        let kg = self.store()?;
        self.graph_exists(kg.oxigraph(), graph)
    }

    /// The whole store, every graph with its name, in a dataset format (N-Quads or TriG): the
    /// dataset endpoint (`GET /graph`).
    pub(crate) fn dataset(
        &self,
        format: RdfFormat,
        media_type: &str,
        data_base: &str,
        responder: &Responder,
    ) -> Result<Answer, ExecError> {
        let armed = self.watchdog.arm(self.limits.timeout);
        let kg = self.store()?;
        let sink = self.sink(media_type, responder);
        let mut serializer = graph_serializer(format, data_base).for_writer(sink);
        for (count, quad) in kg.oxigraph().iter().enumerate() {
            let quad = quad.map_err(storage)?;
            self.check_size(count)?;
            self.check_deadline(&armed)?;
            serializer.serialize_quad(&quad)?;
        }
        Ok(serializer.finish()?.finish()?)
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
            body: AnswerBody::Complete(serializer.finish()?),
        }))
    }

    /// Graph Store Protocol write on one graph (only on a writable server): `Replace` (PUT) or
    /// `Merge` (POST) its triples with those of the `payloads` (one body, or the parts of a
    /// `multipart/form-data` POST), or `Delete` it. `graph` is a named graph or the store's own
    /// default graph. Returns the status to answer: 201 when the write created graph content
    /// (a named graph that did not exist, or an empty default graph), 204 otherwise; 404 when a
    /// named graph to delete does not exist. The change is one transaction, published to
    /// readers; a body that does not parse changes nothing.
    pub(crate) fn write_graph(
        &self,
        graph: &GraphName,
        write: GraphWrite,
        payloads: &[Payload<'_>],
    ) -> Result<u16, ExecError> {
        if !self.writable {
            return Err(ExecError::ReadOnly);
        }
        let base = match graph {
            GraphName::NamedNode(node) => Some(node.as_str()),
            _ => None,
        };
        let mut quads = Vec::new();
        for payload in payloads {
            for quad in payload.parse(base)? {
                if !quad.graph_name.is_default_graph() {
                    return Err(ExecError::QuadsForGraph);
                }
                quads.push(Quad::new(
                    quad.subject,
                    quad.predicate,
                    quad.object,
                    graph.clone(),
                ));
            }
        }
        let kg = self.store()?;
        let store = kg.oxigraph();
        let existed = match graph {
            // The default graph always exists; writing content into an empty one creates it.
            GraphName::DefaultGraph => store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
                .next()
                .transpose()
                .map_err(storage)?
                .is_some(),
            _ => self.graph_exists(store, graph)?,
        };
        if write == GraphWrite::Delete && !existed && !graph.is_default_graph() {
            return Ok(404);
        }
        let mut tx = store.start_transaction().map_err(storage)?;
        match (write, graph) {
            (GraphWrite::Delete, GraphName::NamedNode(node)) => {
                tx.remove_named_graph(node).map_err(storage)?;
            }
            (GraphWrite::Delete, _) => tx.clear_graph(graph).map_err(storage)?,
            (GraphWrite::Replace | GraphWrite::Merge, _) => {
                if write == GraphWrite::Replace {
                    tx.clear_graph(graph).map_err(storage)?;
                }
                if let GraphName::NamedNode(node) = graph {
                    tx.insert_named_graph(node);
                }
                tx.extend(quads.iter().map(Quad::as_ref));
            }
        }
        tx.commit().map_err(storage)?;
        self.publish(&kg)?;
        let created = !existed
            && match (write, graph) {
                (GraphWrite::Delete, _) => false,
                (_, GraphName::DefaultGraph) => !quads.is_empty(),
                _ => true,
            };
        Ok(if created { 201 } else { 204 })
    }

    /// Adds the quads of a dataset body (N-Quads or TriG) to the store, each in its own graph
    /// (only on a writable server): a POST to the dataset endpoint. One transaction.
    pub(crate) fn add_dataset(&self, payload: &Payload<'_>) -> Result<(), ExecError> {
        if !self.writable {
            return Err(ExecError::ReadOnly);
        }
        let quads = payload.parse(None)?;
        let kg = self.store()?;
        let mut tx = kg.oxigraph().start_transaction().map_err(storage)?;
        tx.extend(quads.iter().map(Quad::as_ref));
        tx.commit().map_err(storage)?;
        self.publish(&kg)
    }

    fn publish(&self, kg: &KgStore) -> Result<(), ExecError> {
        kg.publish()
            .map_err(|e| ExecError::Evaluation(e.to_string()))
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
            body: AnswerBody::Complete(writer.finish()?),
        })
    }

    /// True when some triple (in any graph) has `iri` as subject or object.
    pub(crate) fn knows(&self, iri: &NamedNode) -> Result<bool, ExecError> {
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
