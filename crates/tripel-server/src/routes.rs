//! Which path does what: the SPARQL endpoint, the Graph Store and dataset endpoint, entity
//! pages and the explorer page. Each handler is a plain function from [`Request`] to [`Reply`]
//! (large answers stream through the [`Responder`]); [`route`] picks one for a request, with
//! the [`App`] state they share.

use super::engine::{
    negotiate_dataset, negotiate_graph, Answer, AnswerBody, Engine, ExecError, GraphWrite, Payload,
    QueryRequest,
};
use super::page::{Page, PageConfig};
use super::protocol::{
    form_pairs, multipart_parts, param_values, parse_content_type, parse_sparql_request,
    prefers_html, ProtocolError, SparqlRequest,
};
use super::request::{percent_decode, Reply, Request, Responder};
use oxigraph::model::{BlankNode, GraphName, NamedNode};
use std::sync::RwLock;
use tripel_graph::{ExampleQuery, DEFAULT_BASE, PREFIXES};

/// Everything the request handlers share.
pub(crate) struct App {
    pub engine: Engine,
    pub cors: bool,
    pub examples: Vec<ExampleQuery>,
    /// The data base IRI, once learned from the data.
    pub base: RwLock<Option<String>>,
    pub page: Page,
}

impl App {
    /// The data base IRI (`https://w3id.org/tripel/data/`): learned from the store's entities or
    /// documents, [`DEFAULT_BASE`] while the store has none.
    pub(crate) fn base(&self) -> String {
        if let Some(base) = self.base.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            return base.clone();
        }
        match self.engine.discover_base() {
            Some(base) => {
                *self.base.write().unwrap_or_else(|e| e.into_inner()) = Some(base.clone());
                base
            }
            None => DEFAULT_BASE.to_owned(),
        }
    }
}

/// The Graph Store's own path; graphs below it (`/graph/…`) are identified directly.
const GRAPH_STORE: &str = "/graph";

/// Dispatches one request.
pub(crate) fn route(app: &App, request: &Request, responder: &Responder) -> Reply {
    let path = request.path.as_str();
    if request.method == "OPTIONS" {
        return options(app, path);
    }
    match path {
        "/" | "/index.html" => only_get(request, "GET, HEAD", || page(app, None, 200)),
        "/sparql" => sparql(app, request, responder),
        _ if path == GRAPH_STORE || path.starts_with("/graph/") => {
            graph_store(app, request, responder)
        }
        _ => match path.strip_prefix("/entity/") {
            Some(slug) if !slug.is_empty() && !slug.contains('/') => {
                only_get(request, "GET, HEAD", || entity(app, request, slug))
            }
            _ => Reply::text(
                404,
                format!("nothing at {path}: try / (explorer), /sparql, /graph or /entity/{{slug}}"),
            ),
        },
    }
}

fn only_get(request: &Request, allow: &str, handler: impl FnOnce() -> Reply) -> Reply {
    if request.method == "GET" || request.method == "HEAD" {
        handler()
    } else {
        Reply::text(
            405,
            format!(
                "method {} is not allowed here (allowed: {allow})",
                request.method
            ),
        )
        .with_header("Allow", allow)
    }
}

fn options(app: &App, path: &str) -> Reply {
    let allow = if path == "/sparql" {
        "GET, HEAD, POST, OPTIONS"
    } else if path == GRAPH_STORE || path.starts_with("/graph/") {
        "GET, HEAD, PUT, POST, DELETE, OPTIONS"
    } else {
        "GET, HEAD, OPTIONS"
    };
    let reply = Reply::empty(204).with_header("Allow", allow);
    if app.cors {
        reply
            .with_header("Access-Control-Allow-Methods", allow)
            .with_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            .with_header("Access-Control-Max-Age", "86400")
    } else {
        reply
    }
}

fn answer(answer: Answer) -> Reply {
    match answer.body {
        AnswerBody::Complete(body) => {
            Reply::new(200, &answer.media_type, body).with_header("Vary", "Accept")
        }
        // The head and body went out through the responder; this reply is not sent.
        AnswerBody::Streamed => Reply::empty(200),
    }
}

fn exec_error(error: &ExecError) -> Reply {
    Reply::text(error.status(), error)
}

fn protocol_error(error: &ProtocolError) -> Reply {
    let reply = Reply::text(error.status(), error);
    if matches!(error, ProtocolError::MethodNotAllowed(_)) {
        reply.with_header("Allow", "GET, HEAD, POST, OPTIONS")
    } else {
        reply
    }
}

/// The endpoint's own URL, the base IRI for relative IRIs in queries and updates.
fn endpoint_iri(request: &Request) -> Option<String> {
    request
        .header("Host")
        .map(|host| format!("http://{host}/sparql"))
}

fn sparql(app: &App, request: &Request, responder: &Responder) -> Reply {
    // A bare GET asks what the endpoint is; one with parameters but no query is a bad query.
    if (request.method == "GET" || request.method == "HEAD") && request.query.is_empty() {
        return service_description(app, request);
    }
    let operation = match parse_sparql_request(
        &request.method,
        &request.query,
        request.header("Content-Type"),
        &request.body,
    ) {
        Ok(operation) => operation,
        Err(e) => return protocol_error(&e),
    };
    let base_iri = endpoint_iri(request);
    match operation {
        SparqlRequest::Query {
            query,
            default_graphs,
            named_graphs,
        } => {
            let data_base = app.base();
            let result = app.engine.query(&QueryRequest {
                query: &query,
                default_graphs: &default_graphs,
                named_graphs: &named_graphs,
                accept: request.header("Accept"),
                base_iri: base_iri.as_deref(),
                data_base: &data_base,
                responder,
            });
            match result {
                Ok(a) => answer(a),
                Err(e) => exec_error(&e),
            }
        }
        SparqlRequest::Update {
            update,
            using_graphs,
            using_named_graphs,
        } => match app.engine.update(
            &update,
            &using_graphs,
            &using_named_graphs,
            base_iri.as_deref(),
        ) {
            Ok(()) => Reply::empty(204),
            Err(e) => exec_error(&e),
        },
    }
}

/// `GET /sparql` without a query: the SPARQL Service Description, in the RDF format the
/// client accepts (Turtle by default).
fn service_description(app: &App, request: &Request) -> Reply {
    let (media_type, format) = match negotiate_graph(request.header("Accept")) {
        Ok(chosen) => chosen,
        Err(e) => return exec_error(&e),
    };
    match app
        .engine
        .service_description(endpoint_iri(request).as_deref(), format, media_type)
    {
        Ok(a) => answer(a),
        Err(e) => exec_error(&e),
    }
}

/// What a Graph Store request addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// One graph: named (`?graph=IRI`, or the request URL itself below `/graph/`), or the
    /// store's own default graph (`?default`).
    Graph(GraphName),
    /// The whole store: `/graph` with neither parameter (the dataset endpoint).
    Store,
}

/// The request's own URL without its query (`http://HOST/graph/person/1.ttl`): the IRI of a
/// directly identified graph and the base for relative `?graph=` IRIs. `None` without `Host`.
fn request_url(request: &Request) -> Option<String> {
    request
        .header("Host")
        .map(|host| format!("http://{host}{}", request.path))
}

/// Reads the target of a Graph Store request: indirect identification (`?graph=IRI`, relative
/// IRIs resolved against the request URL; `?default`), direct identification (a path below
/// `/graph/` names the graph whose IRI is the request URL), or the whole store.
fn target(request: &Request) -> Result<Target, Reply> {
    let pairs = form_pairs(request.query.as_bytes());
    let graphs = param_values(&pairs, "graph");
    let default = !param_values(&pairs, "default").is_empty();
    if request.path != GRAPH_STORE {
        if !graphs.is_empty() || default {
            return Err(Reply::text(
                400,
                format!(
                    "{} names its graph by its own URL: it takes no ?graph= or ?default",
                    request.path
                ),
            ));
        }
        let Some(url) = request_url(request) else {
            return Err(Reply::text(
                400,
                "a graph named by its URL needs the request's Host header",
            ));
        };
        return NamedNode::new(&url)
            .map(|node| Target::Graph(node.into()))
            .map_err(|e| Reply::text(400, format!("<{url}> is not a valid graph IRI: {e}")));
    }
    match (graphs.as_slice(), default) {
        ([iri], false) => {
            let resolved = match request_url(request) {
                Some(base) => oxiri::Iri::parse(base.as_str())
                    .and_then(|base| base.resolve(iri))
                    .map(oxiri::Iri::into_inner),
                None => oxiri::Iri::parse((*iri).to_owned()).map(oxiri::Iri::into_inner),
            };
            resolved
                .ok()
                .and_then(|iri| NamedNode::new(iri).ok())
                .map(|node| Target::Graph(node.into()))
                .ok_or_else(|| Reply::text(400, format!("invalid graph IRI <{iri}>")))
        }
        ([], true) => Ok(Target::Graph(GraphName::DefaultGraph)),
        ([], false) => Ok(Target::Store),
        _ => Err(Reply::text(
            400,
            "name at most one graph: /graph?graph=IRI for a named graph, /graph?default for the default graph, /graph alone for the whole store",
        )),
    }
}

/// The bodies of a Graph Store write: the request body in its `Content-Type` (Turtle when none
/// is given), or each part of a `multipart/form-data` body in its own.
fn payloads(request: &Request) -> Result<Vec<Payload<'_>>, Reply> {
    let content_type = request.header("Content-Type").unwrap_or("text/turtle");
    if parse_content_type(content_type).0 != "multipart/form-data" {
        return Ok(vec![Payload {
            media_type: content_type,
            bytes: &request.body,
        }]);
    }
    let parts =
        multipart_parts(content_type, &request.body).map_err(|e| Reply::text(e.status(), e))?;
    parts
        .into_iter()
        .map(|part| {
            let media_type = part.content_type.or_else(|| {
                let extension = part.filename?.rsplit_once('.')?.1;
                oxigraph::io::RdfFormat::from_extension(extension).map(|f| f.media_type())
            });
            match media_type {
                Some(media_type) => Ok(Payload {
                    media_type,
                    bytes: part.body,
                }),
                None => Err(Reply::text(
                    415,
                    "a part of the multipart/form-data body has neither a Content-Type nor a file name whose extension names an RDF syntax",
                )),
            }
        })
        .collect()
}

/// The Graph Store Protocol (reads always; writes only on a writable server) and the dataset
/// endpoint.
///
/// `?default` is the store's own default graph, where a write without a graph name goes —
/// not the union of all graphs that queries see as their default graph: a graph that is
/// written must read back as written, and the union can be neither replaced nor deleted
/// without touching every document. (Oxigraph's server answers the same way with
/// `--union-default-graph`.) A tripel store keeps everything in named graphs, so its default
/// graph is empty; the whole store is at `/graph` (N-Quads or TriG), and the union at
/// `/sparql` with `CONSTRUCT WHERE { ?s ?p ?o }`.
fn graph_store(app: &App, request: &Request, responder: &Responder) -> Reply {
    let target = match target(request) {
        Ok(target) => target,
        Err(reply) => return reply,
    };
    let method = request.method.as_str();
    match (method, &target) {
        ("GET" | "HEAD", Target::Graph(graph)) => read_graph(app, request, graph, responder),
        ("GET" | "HEAD", Target::Store) => {
            let (media_type, format) = match negotiate_dataset(request.header("Accept")) {
                Ok(chosen) => chosen,
                Err(e) => return exec_error(&e),
            };
            if method == "HEAD" {
                return Reply::new(200, media_type, Vec::new()).with_header("Vary", "Accept");
            }
            match app
                .engine
                .dataset(format, media_type, &app.base(), responder)
            {
                Ok(a) => answer(a),
                Err(e) => exec_error(&e),
            }
        }
        ("PUT" | "POST" | "DELETE", Target::Graph(graph)) => {
            let write = match method {
                "PUT" => GraphWrite::Replace,
                "POST" => GraphWrite::Merge,
                _ => GraphWrite::Delete,
            };
            let payloads = if write == GraphWrite::Delete {
                Vec::new()
            } else {
                match payloads(request) {
                    Ok(payloads) => payloads,
                    Err(reply) => return reply,
                }
            };
            match app.engine.write_graph(graph, write, &payloads) {
                Ok(404) => Reply::text(404, format!("no graph named {graph} in this store")),
                Ok(status) => Reply::empty(status),
                Err(e) => exec_error(&e),
            }
        }
        ("POST", Target::Store) => create_graph(app, request),
        _ => {
            let allow = if target == Target::Store {
                "GET, HEAD, POST"
            } else {
                "GET, HEAD, PUT, POST, DELETE"
            };
            let message = if target == Target::Store {
                format!("method {method} is not allowed on the whole store: replace or delete graphs one by one (/graph?graph=IRI), or use SPARQL Update")
            } else {
                format!("method {method} is not allowed here (allowed: {allow})")
            };
            Reply::text(405, message).with_header("Allow", allow)
        }
    }
}

/// GET or HEAD of one graph.
fn read_graph(app: &App, request: &Request, graph: &GraphName, responder: &Responder) -> Reply {
    let (media_type, format) = match negotiate_graph(request.header("Accept")) {
        Ok(chosen) => chosen,
        Err(e) => return exec_error(&e),
    };
    let missing = || Reply::text(404, format!("no graph named {graph} in this store"));
    if request.method == "HEAD" {
        return match app.engine.has_graph(graph) {
            Ok(true) => {
                Reply::new(200, &with_charset(media_type), Vec::new()).with_header("Vary", "Accept")
            }
            Ok(false) => missing(),
            Err(e) => exec_error(&e),
        };
    }
    match app
        .engine
        .read_graph(graph, format, media_type, &app.base(), responder)
    {
        Ok(Some(a)) => answer(a),
        Ok(None) => missing(),
        Err(e) => exec_error(&e),
    }
}

fn with_charset(media_type: &str) -> String {
    if media_type.starts_with("text/") {
        format!("{media_type}; charset=utf-8")
    } else {
        media_type.to_owned()
    }
}

/// POST to the store itself: a dataset body (N-Quads, TriG) adds its quads, each to its own
/// graph (204); a graph body creates a new graph below `/graph/` that holds it (201, with its
/// URL in `Location`).
fn create_graph(app: &App, request: &Request) -> Reply {
    let payloads = match payloads(request) {
        Ok(payloads) => payloads,
        Err(reply) => return reply,
    };
    let keeps_graphs = |p: &Payload<'_>| p.format().is_ok_and(|f| f.supports_datasets());
    if let [payload] = payloads.as_slice() {
        if keeps_graphs(payload) {
            return match app.engine.add_dataset(payload) {
                Ok(()) => Reply::empty(204),
                Err(e) => exec_error(&e),
            };
        }
    }
    let Some(store_url) = request_url(request) else {
        return Reply::text(400, "creating a graph needs the request's Host header");
    };
    // A random name, as a blank node gets one: 128 bits, unique without coordination.
    let iri = format!("{store_url}/{}", BlankNode::default().as_str());
    let graph = NamedNode::new_unchecked(iri.clone());
    match app
        .engine
        .write_graph(&graph.into(), GraphWrite::Merge, &payloads)
    {
        Ok(_) => Reply::empty(201).with_header("Location", iri),
        Err(e) => exec_error(&e),
    }
}

fn entity(app: &App, request: &Request, slug: &str) -> Reply {
    let Some(slug) = percent_decode(slug) else {
        return Reply::text(400, "the entity path is not valid percent-encoded UTF-8");
    };
    let iri = format!("{}entity/{slug}", app.base());
    let node = match NamedNode::new(&iri) {
        Ok(node) => node,
        Err(e) => {
            return Reply::text(
                400,
                format!("/entity/{slug} does not name a valid IRI: {e}"),
            )
        }
    };
    if prefers_html(request.header("Accept")) {
        let status = match app.engine.knows(&node) {
            Ok(true) => 200,
            Ok(false) => 404,
            Err(e) => return exec_error(&e),
        };
        return page(app, Some(&iri), status).with_header("Vary", "Accept");
    }
    let (media_type, format) = match negotiate_graph(request.header("Accept")) {
        Ok(chosen) => chosen,
        Err(e) => return exec_error(&e).with_header("Vary", "Accept"),
    };
    match app.engine.describe(&node, format, media_type, &app.base()) {
        Ok(Some(a)) => answer(a),
        Ok(None) => Reply::text(404, format!("the store knows nothing about <{iri}>"))
            .with_header("Vary", "Accept"),
        Err(e) => exec_error(&e),
    }
}

fn page(app: &App, entity: Option<&str>, status: u16) -> Reply {
    let html = app.page.render(&PageConfig {
        endpoint: "/sparql",
        base: &app.base(),
        prefixes: PREFIXES,
        examples: &app.examples,
        entity,
        not_found: status == 404,
        writable: app.engine.writable,
    });
    Reply::new(status, "text/html; charset=utf-8", html.into_bytes())
        .with_header(
            "Content-Security-Policy",
            app.page.content_security_policy(),
        )
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Cache-Control", "no-cache")
}
