//! Which path does what: the SPARQL endpoint, Graph Store reads, entity pages and the explorer
//! page. Each handler is a plain function from [`Request`] to [`Reply`]; [`route`] picks one
//! for a request, with the [`App`] state they share.

use super::engine::{negotiate_graph, Answer, Engine, ExecError, GraphWrite, QueryRequest};
use super::page::{Page, PageConfig};
use super::protocol::{
    form_pairs, param_values, parse_sparql_request, prefers_html, ProtocolError, SparqlRequest,
};
use super::request::{percent_decode, Reply, Request};
use oxigraph::model::NamedNode;
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

/// Dispatches one request.
pub(crate) fn route(app: &App, request: &Request) -> Reply {
    let path = request.path.as_str();
    if request.method == "OPTIONS" {
        return options(app, path);
    }
    match path {
        "/" | "/index.html" => only_get(request, "GET, HEAD", || page(app, None, 200)),
        "/sparql" => sparql(app, request),
        "/graph" => match request.method.as_str() {
            "PUT" | "POST" | "DELETE" => write_graph(app, request),
            _ => only_get(request, "GET, HEAD, PUT, POST, DELETE", || {
                graph(app, request)
            }),
        },
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
    } else if path == "/graph" {
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
    Reply::new(200, &answer.media_type, answer.body).with_header("Vary", "Accept")
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

fn sparql(app: &App, request: &Request) -> Reply {
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

/// Graph Store Protocol, write side (only on a writable server): PUT, POST or DELETE on
/// `?graph=IRI`. The default graph is the union of all graphs, so it cannot be written.
fn write_graph(app: &App, request: &Request) -> Reply {
    let pairs = form_pairs(request.query.as_bytes());
    let graphs = param_values(&pairs, "graph");
    let default = !param_values(&pairs, "default").is_empty();
    let graph = match (graphs.as_slice(), default) {
        ([iri], false) => match NamedNode::new(*iri) {
            Ok(node) => node,
            Err(e) => return Reply::text(400, format!("invalid graph IRI <{iri}>: {e}")),
        },
        ([], true) => {
            return exec_error(&ExecError::DefaultGraphWrite).with_header("Allow", "GET, HEAD")
        }
        _ => return Reply::text(400, "name exactly one graph: /graph?graph=IRI"),
    };
    let write = match request.method.as_str() {
        "PUT" => GraphWrite::Replace,
        "POST" => GraphWrite::Merge,
        _ => GraphWrite::Delete,
    };
    match app.engine.write_graph(
        &graph,
        write,
        request.header("Content-Type"),
        &request.body,
        Some(graph.as_str()),
    ) {
        Ok(404) => Reply::text(
            404,
            format!("no graph named <{}> in this store", graph.as_str()),
        ),
        Ok(status) => Reply::empty(status),
        Err(e) => exec_error(&e),
    }
}

/// Graph Store Protocol, read side: `?graph=IRI` or `?default` (exactly one of them).
fn graph(app: &App, request: &Request) -> Reply {
    let pairs = form_pairs(request.query.as_bytes());
    let graphs = param_values(&pairs, "graph");
    let default = !param_values(&pairs, "default").is_empty();
    let target = match (graphs.as_slice(), default) {
        ([iri], false) => match NamedNode::new(*iri) {
            Ok(node) => Some(node),
            Err(e) => return Reply::text(400, format!("invalid graph IRI <{iri}>: {e}")),
        },
        ([], true) => None,
        _ => {
            return Reply::text(
                400,
                "name exactly one graph: /graph?graph=IRI for a named graph, or /graph?default for the default graph (the union of all graphs)",
            )
        }
    };
    let (media_type, format) = match negotiate_graph(request.header("Accept")) {
        Ok(chosen) => chosen,
        Err(e) => return exec_error(&e),
    };
    match app
        .engine
        .read_graph(target.as_ref(), format, media_type, &app.base())
    {
        Ok(Some(a)) => answer(a),
        Ok(None) => Reply::text(404, format!("no graph named <{}> in this store", graphs[0])),
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
