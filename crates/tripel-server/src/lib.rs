//! `tripel serve`: the knowledge graph over HTTP — a SPARQL 1.1 Protocol endpoint, the Graph
//! Store Protocol (writes only when writable), Linked Data pages for entities, and a
//! self-contained web page to explore the graph.
//!
//! | path | what |
//! | --- | --- |
//! | `GET /` | the explorer page (SPARQL editor, results table, entity graph view, search) |
//! | `GET`/`POST /sparql` | SPARQL 1.1 Protocol: queries; updates only when [`ServeOptions::writable`] |
//! | `GET /sparql` (no parameters) | the SPARQL 1.1 Service Description (union default graph, languages, formats) |
//! | `GET`/`HEAD /graph?graph=IRI`, `/graph?default`, `/graph/…` | Graph Store Protocol, read side: a named graph (by `?graph=`, or directly: the graph whose IRI is the request URL), or the store's own default graph |
//! | `PUT`/`POST`/`DELETE` on the same | Graph Store Protocol, write side (`multipart/form-data` POST too): only when [`ServeOptions::writable`] |
//! | `GET`/`HEAD /graph` | the dataset endpoint: the whole store, graph names kept, as N-Quads or TriG |
//! | `POST /graph` | N-Quads or TriG: adds the quads; a graph syntax: a new graph, named in `Location` (writable only) |
//! | `GET /entity/{slug}` | the entity `{base}entity/{slug}`: HTML for browsers, RDF otherwise |
//!
//! Queries see the **union of all named graphs** as their default graph (each document is one
//! named graph, the ontology another), unless the request's `default-graph-uri` /
//! `named-graph-uri` or the query's `FROM` / `FROM NAMED` define the dataset. The Graph Store's
//! `?default` is different: it is the store's own default graph, which can be written and reads
//! back as written (as in Oxigraph's server, also with `--union-default-graph`); tripel keeps
//! nothing there, so it is empty unless a client writes to it. The whole store is at `/graph`.
//!
//! Large answers (SELECT, CONSTRUCT, graph reads, the dataset) stream once they pass a
//! megabyte, so memory stays bounded; smaller ones are sent whole, with a clean error status
//! when they fail.
//!
//! HTTP/1.1 is hyper's, on a two-thread tokio runtime; queries are blocking work and run on a
//! bounded pool of evaluator threads, all reading the store at once (each query on its own
//! snapshot). It works with either storage backend: it only uses [`Store`]'s public API.
//! Given a [`KgStore`] opened read-only, each request reads the latest commit a writer has
//! published (see [`KgStore::open_read_only`]); given one opened for writing, each update
//! is published to such readers once committed.
//!
//! The modules import one way, each only from those above it in this list (and this root
//! from all of them):
//!
//! * `request` — `Request` and `Reply` as plain data;
//! * [`protocol`] — the SPARQL 1.1 Protocol's parameters and content negotiation, as pure
//!   functions;
//! * `watchdog` — query time limits;
//! * `engine` — runs queries, updates and graph reads within the limits and serializes the
//!   answers;
//! * `page` — the explorer page;
//! * `routes` — which path does what: the handlers and the state they share;
//! * `http` — hyper and tokio: bytes in, a `Request` to the handler it is given, its `Reply`
//!   out.

mod request;

pub mod protocol;

mod watchdog;

mod engine;

mod page;

mod routes;

mod http;

pub use tripel_graph::ExampleQuery;

use engine::{Engine, Limits};
#[cfg(doc)]
use oxigraph::store::Store;
use routes::App;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;
use thiserror::Error;
use tokio::sync::watch;
use tripel_graph::KgStore;

/// How `tripel serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on (`127.0.0.1:7878`; port 0 picks a free port).
    pub bind: SocketAddr,
    /// Longest a single query, update or graph read may take; past it the evaluation is
    /// cancelled and the client gets 503.
    pub timeout: Duration,
    /// Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE, graph reads) one answer may carry;
    /// `None` (the default of `tripel serve`): no limit. An answer over the limit is refused
    /// with 400 and a message that says to page with `LIMIT`/`OFFSET`: never a 200 with part
    /// of the data.
    pub max_results: Option<usize>,
    /// Send CORS headers (`Access-Control-Allow-Origin: *`) so pages on other origins may query.
    pub cors: bool,
    /// Accept SPARQL Update (POST only). Off: updates are refused with 403.
    pub writable: bool,
    /// Example queries offered in the page's editor, in this order.
    pub queries: Vec<ExampleQuery>,
}

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The address could not be bound (in use, no permission, …).
    #[error("cannot listen on {addr}: {message}")]
    Bind {
        /// The address from [`ServeOptions::bind`].
        addr: SocketAddr,
        /// The operating system's reason.
        message: String,
    },
    /// An option is out of range.
    #[error("invalid server option: {0}")]
    InvalidOption(String),
    /// A worker or timer thread could not be started.
    #[error("cannot start a server thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// A running server: listens from [`Server::start`] until [`Server::shutdown`] or drop.
///
/// ```no_run
/// # use tripel_server::{Server, ServeOptions};
/// # use std::time::Duration;
/// let options = ServeOptions {
///     bind: "127.0.0.1:0".parse().unwrap(),
///     timeout: Duration::from_secs(10),
///     max_results: None,
///     cors: false,
///     writable: false,
///     queries: Vec::new(),
/// };
/// let server = Server::start(oxigraph::store::Store::new()?, options)?;
/// println!("listening on {}", server.local_addr());
/// server.shutdown();
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
pub struct Server {
    addr: SocketAddr,
    stop: Arc<watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

/// Stops a [`Server`] from another thread (a Ctrl-C handler, a test).
#[derive(Debug, Clone)]
pub struct ShutdownHandle {
    stop: Arc<watch::Sender<bool>>,
}

impl ShutdownHandle {
    /// Asks the server to stop: it closes the listening socket, lets the requests in flight
    /// finish (up to the query time limit) and closes idle connections.
    pub fn shutdown(&self) {
        self.stop.send_replace(true);
    }
}

impl Server {
    /// Binds `options.bind` and starts serving; returns once the socket accepts connections.
    /// The data base IRI (for `/entity/{slug}`) is learned from the store's entities.
    ///
    /// `store` is a [`KgStore`] (opened for reading or writing, see [`KgStore::open_read_only`])
    /// or any Oxigraph [`Store`].
    pub fn start(store: impl Into<KgStore>, options: ServeOptions) -> Result<Server, ServeError> {
        Self::start_with_base(store, options, None)
    }

    /// Like [`Server::start`], with the data base IRI given (`--base`), so that
    /// `/entity/{slug}` means `{base}entity/{slug}` even before the store has data.
    pub fn start_with_base(
        store: impl Into<KgStore>,
        options: ServeOptions,
        base: Option<&str>,
    ) -> Result<Server, ServeError> {
        let base = base.map(|b| tripel_graph::Iris::new(b).base().to_owned());
        if options.max_results == Some(0) {
            return Err(ServeError::InvalidOption(
                "max_results must be at least 1".into(),
            ));
        }
        if options.timeout.is_zero() {
            return Err(ServeError::InvalidOption(
                "timeout must be longer than zero".into(),
            ));
        }
        let bind_error = |e: std::io::Error| ServeError::Bind {
            addr: options.bind,
            message: e.to_string(),
        };
        let listener = std::net::TcpListener::bind(options.bind).map_err(bind_error)?;
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        // Requests evaluated at once: SPARQL is CPU-bound, so a small multiple of the cores;
        // more requests wait for a free evaluator while their connections stay open.
        let evaluators = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)
            .saturating_mul(2)
            .clamp(4, 32);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(evaluators)
            .thread_name("tripel-http")
            .enable_io()
            .enable_time()
            .build()?;
        let grace = options.timeout + Duration::from_secs(1);
        let app = Arc::new(App {
            engine: Engine {
                store: std::sync::Mutex::new(store.into()),
                limits: Limits {
                    timeout: options.timeout,
                    max_results: options.max_results,
                },
                watchdog: watchdog::Watchdog::start()?,
                writable: options.writable,
            },
            cors: options.cors,
            examples: options.queries,
            base: RwLock::new(base),
            page: page::Page::new(),
        });
        let cors = app.cors;
        let handler: http::Handler =
            Arc::new(move |request, responder| routes::route(&app, request, responder));
        let (stop, stopped) = watch::channel(false);
        let thread = std::thread::Builder::new()
            .name("tripel-serve".into())
            .spawn(move || {
                runtime.block_on(http::accept_loop(listener, handler, cors, stopped, grace));
                runtime.shutdown_timeout(grace);
            })?;
        Ok(Server {
            addr,
            stop: Arc::new(stop),
            thread: Some(thread),
        })
    }

    /// The address the server listens on (with the real port when started on port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A handle that stops this server from another thread.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        ShutdownHandle {
            stop: Arc::clone(&self.stop),
        }
    }

    /// Blocks until the server is stopped through a [`ShutdownHandle`].
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            // Err only if the serving thread panicked, which already printed its message.
            let _ = thread.join();
        }
    }

    /// Stops the server and waits for the requests in flight to finish.
    pub fn shutdown(self) {
        // Drop does the work.
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.send_replace(true);
        if let Some(thread) = self.thread.take() {
            // As in `wait`: a panic was already reported, and a drop cannot return it.
            let _ = thread.join();
        }
    }
}
