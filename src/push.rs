//! `tripel push URL`: sends the store's graphs to another SPARQL 1.1 store.
//!
//! The store is read through the readers' checkpoint ([`KgStore::open_read_only`]), so a push
//! runs while `serve` or `build` hold the store. Every named graph (one per document, the
//! identity graph, the ontology) is fingerprinted by the SHA-256 of its sorted N-Triples; the
//! fingerprints sent to a target are kept in `<store>/push/<hash of the URL>.json`, written
//! atomically, so the next push to the same URL sends only the graphs that changed since and
//! deletes the graphs that are gone. The fingerprint is of the graph itself, not of the
//! document text: whatever changed a graph (a rebuild, `remove`, a write through `serve
//! --writable`), the next push sends it.
//!
//! Two ways to write, because not every store offers both: the SPARQL 1.1 Graph Store HTTP
//! Protocol (one `PUT ?graph=IRI` per graph, `DELETE` for removed ones; Oxigraph, Fuseki,
//! Virtuoso, GraphDB) or SPARQL 1.1 Update (`DROP SILENT GRAPH` + `INSERT DATA`, many graphs
//! per request; every SPARQL store with updates, QLever too). Credentials come from the
//! environment only ([`TOKEN_VAR`], [`USER_VAR`], [`PASSWORD_VAR`]), so they never show up in
//! `ps` or a shell history. Connection failures and 5xx answers are retried with exponential
//! backoff; any other failure stops the push with one line naming the request, and the graphs
//! sent before it are recorded, so the next push resumes where this one stopped.

use base64::Engine as _;
use oxigraph::model::{GraphNameRef, NamedNodeRef, Triple};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tripel_graph::store::ONTOLOGY_GRAPH;
use tripel_graph::{KgStore, StoreError};

/// Environment variable with a bearer token: sent as `Authorization: Bearer <token>`.
pub const TOKEN_VAR: &str = "TRIPEL_PUSH_TOKEN";
/// Environment variable with a user name for HTTP Basic authentication.
pub const USER_VAR: &str = "TRIPEL_PUSH_USER";
/// Environment variable with the password that goes with [`USER_VAR`] (empty when unset).
pub const PASSWORD_VAR: &str = "TRIPEL_PUSH_PASSWORD";

/// Folder inside the store that holds one state file per target URL.
pub const STATE_DIR: &str = "push";

/// The first wait before a retry; each further retry waits twice as long.
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// The longest wait between two tries.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// SPARQL Update requests are cut at about this many bytes: large enough that a corpus goes
/// in few requests, small enough for the request limits of common stores.
const UPDATE_BATCH_BYTES: usize = 4 << 20;

/// How the target is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// SPARQL 1.1 Graph Store HTTP Protocol: URL is the graph store endpoint (Oxigraph
    /// `/store`, Fuseki `/DATASET/data`, Virtuoso `/sparql-graph-crud`); one PUT per graph.
    Gsp,
    /// SPARQL 1.1 Update: URL is the update endpoint (Oxigraph `/update`, Fuseki
    /// `/DATASET/update`, QLever with its access token); graphs are batched.
    Update,
}

/// What to push and how.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// The target endpoint.
    pub url: String,
    /// Graph Store Protocol or SPARQL Update.
    pub via: Via,
    /// Send every graph, not only those changed since the last push to this URL.
    pub all: bool,
    /// How many times a request that failed with a connection error or 5xx is tried again.
    pub retries: u32,
    /// How long one request may take, in all.
    pub timeout: Duration,
}

/// Everything a push can fail with; every message is one line.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The URL is not an http(s) URL.
    #[error("push: '{0}' is not an http:// or https:// URL")]
    BadUrl(String),
    /// The authentication variables contradict each other.
    #[error(
        "push: set either {TOKEN_VAR} (bearer) or {USER_VAR}/{PASSWORD_VAR} (basic), not both"
    )]
    Auth,
    /// The target refused a request, or never answered it.
    #[error("push to {url}: {request} failed{}: {message}", retried_text(*.tries))]
    Request {
        /// The target endpoint.
        url: String,
        /// Which request, e.g. "PUT graph <…/doc/a-txt>".
        request: String,
        /// How many times it was sent.
        tries: u32,
        /// The status and the first line of the answer, or the connection error.
        message: String,
    },
    /// The push state file could not be read or written.
    #[error("push state {}: {message}", .path.display())]
    State {
        /// The state file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// Writing the report failed.
    #[error("{0}")]
    Io(#[from] io::Error),
}

fn retried_text(tries: u32) -> String {
    if tries > 1 {
        format!(" after {tries} tries")
    } else {
        String::new()
    }
}

/// What was pushed to one target: the fingerprint of each graph, by graph IRI.
#[derive(Debug, Default, Serialize, Deserialize)]
struct State {
    /// The target, for people who open the file (the file name is its hash).
    url: String,
    /// Graph IRI → what was sent.
    graphs: BTreeMap<String, Sent>,
}

/// One graph as it was last sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Sent {
    /// SHA-256 of the graph's sorted N-Triples.
    hash: String,
    /// The document id, for document graphs: named in the report when the graph is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
}

/// What one push did.
#[derive(Debug, Default, Serialize)]
pub struct PushReport {
    /// The target.
    pub url: String,
    /// How it was written.
    pub via: Option<Via>,
    /// Documents the target did not have from an earlier push, by id.
    pub new: Vec<String>,
    /// Documents whose graph changed since the last push, by id.
    pub changed: Vec<String>,
    /// Documents deleted from the target because the store no longer has them, by id.
    pub removed: Vec<String>,
    /// Documents not sent because they are as last pushed.
    pub unchanged: usize,
    /// Graphs that are not documents (the identity links, the ontology) sent, by IRI.
    pub other_sent: Vec<String>,
    /// Graphs that are not documents deleted, by IRI.
    pub other_removed: Vec<String>,
    /// Triples sent, over all graphs.
    pub triples: usize,
    /// HTTP requests that succeeded.
    pub requests: usize,
    /// Requests that were tried again after a connection error or 5xx.
    pub retries: usize,
    /// Wall time.
    pub elapsed_s: f64,
}

/// Which credentials go with every request.
#[derive(Debug, Clone)]
enum Auth {
    None,
    Bearer(String),
    Basic(String),
}

impl Auth {
    /// Reads the credentials from the environment; the command line never carries them.
    fn from_env() -> Result<Self, PushError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        match (var(TOKEN_VAR), var(USER_VAR)) {
            (Some(_), Some(_)) => Err(PushError::Auth),
            (Some(token), None) => Ok(Auth::Bearer(format!("Bearer {token}"))),
            (None, Some(user)) => {
                let password = var(PASSWORD_VAR).unwrap_or_default();
                let encoded =
                    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                Ok(Auth::Basic(format!("Basic {encoded}")))
            }
            (None, None) => Ok(Auth::None),
        }
    }

    fn header(&self) -> Option<&str> {
        match self {
            Auth::None => None,
            Auth::Bearer(h) | Auth::Basic(h) => Some(h),
        }
    }
}

/// One graph of the store as it is now.
#[derive(Debug)]
struct Graph {
    iri: String,
    hash: String,
    /// The document id, for document graphs.
    id: Option<String>,
}

/// The path of the state file for `url` in `store`.
pub fn state_path(store: &Path, url: &str) -> PathBuf {
    let digest = Sha256::digest(url.as_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    store.join(STATE_DIR).join(format!("{name}.json"))
}

/// Pushes the store in folder `store` to `options.url`.
pub fn push(store_dir: &Path, options: &PushOptions) -> Result<PushReport, PushError> {
    let started = Instant::now();
    if !(options.url.starts_with("http://") || options.url.starts_with("https://")) {
        return Err(PushError::BadUrl(options.url.clone()));
    }
    let auth = Auth::from_env()?;
    let store = KgStore::open_read_only(store_dir)?;
    let state_file = state_path(store_dir, &options.url);
    let mut state = read_state(&state_file)?;
    state.url.clone_from(&options.url);
    // `--all` only ignores the fingerprints: graphs the target got from earlier pushes are
    // still deleted there when they are gone here.
    let previous = state.graphs.clone();

    let graphs = store_graphs(&store)?;
    let mut report = PushReport {
        url: options.url.clone(),
        via: Some(options.via),
        ..PushReport::default()
    };
    let mut to_send = Vec::new();
    for g in &graphs {
        match previous.get(&g.iri) {
            Some(sent) if sent.hash == g.hash && !options.all => {
                if g.id.is_some() {
                    report.unchanged += 1;
                }
            }
            before => to_send.push((g, before.is_some())),
        }
    }
    let current: std::collections::HashSet<&str> = graphs.iter().map(|g| g.iri.as_str()).collect();
    let to_delete: Vec<(String, Sent)> = previous
        .into_iter()
        .filter(|(iri, _)| !current.contains(iri.as_str()))
        .collect();

    let mut client = Client::new(options, auth);
    let result = send(
        &store,
        &mut client,
        &to_send,
        &to_delete,
        &mut state,
        &mut report,
    );
    // What reached the target is recorded even when a later request failed; every
    // acknowledged request changed the state.
    report.requests = client.requests;
    report.retries = client.retries;
    if client.requests > 0 {
        write_state(&state_file, &state)?;
    }
    result?;
    report.elapsed_s = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Sends the changed graphs and deletes the removed ones, recording each in `state` and
/// `report` once the target acknowledged it.
fn send(
    store: &KgStore,
    client: &mut Client,
    to_send: &[(&Graph, bool)],
    to_delete: &[(String, Sent)],
    state: &mut State,
    report: &mut PushReport,
) -> Result<(), PushError> {
    let mut done = |g: &Graph, existed: bool, triples: usize, report: &mut PushReport| {
        report.triples += triples;
        match (&g.id, existed) {
            (Some(id), false) => report.new.push(id.clone()),
            (Some(id), true) => report.changed.push(id.clone()),
            (None, _) => report.other_sent.push(g.iri.clone()),
        }
        state.graphs.insert(
            g.iri.clone(),
            Sent {
                hash: g.hash.clone(),
                id: g.id.clone(),
            },
        );
    };
    match client.via {
        Via::Gsp => {
            for (g, existed) in to_send {
                let body = graph_ntriples(store, &g.iri)?;
                client.put_graph(&g.iri, body.text)?;
                done(g, *existed, body.triples, report);
            }
            for (iri, sent) in to_delete {
                client.delete_graph(iri)?;
                deleted(iri, sent, state, report);
            }
        }
        Via::Update => {
            let mut batch = String::new();
            let mut pending: Vec<(&Graph, bool, usize)> = Vec::new();
            for (g, existed) in to_send {
                let body = graph_ntriples(store, &g.iri)?;
                if !batch.is_empty() && batch.len() + body.text.len() > UPDATE_BATCH_BYTES {
                    client.update(&std::mem::take(&mut batch), pending.len())?;
                    for (g, existed, triples) in pending.drain(..) {
                        done(g, existed, triples, report);
                    }
                }
                batch.push_str(&format!(
                    "DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}}} }} ;\n",
                    iri = g.iri,
                    body = body.text
                ));
                pending.push((g, *existed, body.triples));
            }
            for (iri, _) in to_delete {
                batch.push_str(&format!("DROP SILENT GRAPH <{iri}> ;\n"));
            }
            if !batch.is_empty() {
                client.update(&batch, pending.len() + to_delete.len())?;
                for (g, existed, triples) in pending.drain(..) {
                    done(g, existed, triples, report);
                }
                for (iri, sent) in to_delete {
                    deleted(iri, sent, state, report);
                }
            }
        }
    }
    Ok(())
}

/// Records a graph the target acknowledged deleting.
fn deleted(iri: &str, sent: &Sent, state: &mut State, report: &mut PushReport) {
    state.graphs.remove(iri);
    match &sent.id {
        Some(id) => report.removed.push(id.clone()),
        None => report.other_removed.push(iri.to_owned()),
    }
}

/// Every named graph of the store with its fingerprint and, for documents, its id; sorted by
/// IRI, so that pushes go out in a stable order.
fn store_graphs(store: &KgStore) -> Result<Vec<Graph>, PushError> {
    let mut iris = Vec::new();
    for g in store.oxigraph().named_graphs() {
        if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g.map_err(StoreError::from)? {
            iris.push(n.into_string());
        }
    }
    iris.sort();
    let mut graphs = Vec::with_capacity(iris.len());
    for iri in iris {
        let body = graph_ntriples(store, &iri)?;
        let hash: String = Sha256::digest(body.text.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let id = if iri == ONTOLOGY_GRAPH {
            None
        } else {
            store.document_id(&iri)?
        };
        graphs.push(Graph { iri, hash, id });
    }
    Ok(graphs)
}

/// A graph's triples as N-Triples, one a line, sorted: the same text for the same graph.
struct Body {
    text: String,
    triples: usize,
}

fn graph_ntriples(store: &KgStore, iri: &str) -> Result<Body, PushError> {
    let graph = NamedNodeRef::new_unchecked(iri);
    let mut lines = Vec::new();
    for q in
        store
            .oxigraph()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
    {
        lines.push(format!(
            "{} .\n",
            Triple::from(q.map_err(StoreError::from)?)
        ));
    }
    lines.sort_unstable();
    Ok(Body {
        triples: lines.len(),
        text: lines.concat(),
    })
}

fn read_state(path: &Path) -> Result<State, PushError> {
    let error = |message: String| PushError::State {
        path: path.to_owned(),
        message,
    };
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map_err(|e| {
            error(format!(
                "{e}; delete it and push with --all to send everything"
            ))
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(State::default()),
        Err(e) => Err(error(e.to_string())),
    }
}

/// Writes the state through a temp file renamed into place: a crash leaves the old state or
/// the new one, never half of one.
fn write_state(path: &Path, state: &State) -> Result<(), PushError> {
    let error = |e: &dyn std::fmt::Display| PushError::State {
        path: path.to_owned(),
        message: e.to_string(),
    };
    let dir = path.parent().expect("state files live in a folder");
    std::fs::create_dir_all(dir).map_err(|e| error(&e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| error(&e))?;
    serde_json::to_writer_pretty(tmp.as_file_mut(), state).map_err(|e| error(&e))?;
    tmp.as_file_mut()
        .write_all(b"\n")
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| error(&e))?;
    tmp.persist(path).map_err(|e| error(&e.error))?;
    Ok(())
}

/// The HTTP side: one agent, the credentials, retries, and counts.
struct Client {
    agent: ureq::Agent,
    url: String,
    via: Via,
    auth: Auth,
    retries_allowed: u32,
    requests: usize,
    retries: usize,
}

/// An attempt's outcome, as far as retrying is concerned.
enum Attempt {
    Done,
    Retry(String),
    Fail(String),
}

impl Client {
    fn new(options: &PushOptions, auth: Auth) -> Self {
        let agent = ureq::Agent::config_builder()
            // Status codes are judged here, with the answer's text in the message.
            .http_status_as_error(false)
            // A redirected PUT would silently become a GET: a redirect is reported instead.
            .max_redirects(0)
            .timeout_global(Some(options.timeout))
            .build()
            .into();
        Client {
            agent,
            url: options.url.clone(),
            via: options.via,
            auth,
            retries_allowed: options.retries,
            requests: 0,
            retries: 0,
        }
    }

    /// The endpoint with `?graph=IRI` (or `&graph=` when the URL has a query already).
    fn graph_url(&self, iri: &str) -> String {
        let sep = if self.url.contains('?') { '&' } else { '?' };
        let encoded: String = form_urlencoded::byte_serialize(iri.as_bytes()).collect();
        format!("{}{sep}graph={encoded}", self.url)
    }

    fn put_graph(&mut self, iri: &str, body: String) -> Result<(), PushError> {
        let url = self.graph_url(iri);
        self.with_retries(&format!("PUT graph <{iri}>"), |agent, auth| {
            let mut request = agent
                .put(&url)
                .header("Content-Type", "application/n-triples");
            if let Some(h) = auth.header() {
                request = request.header("Authorization", h);
            }
            judge(request.send(body.as_bytes()), &[])
        })
    }

    fn delete_graph(&mut self, iri: &str) -> Result<(), PushError> {
        let url = self.graph_url(iri);
        self.with_retries(&format!("DELETE graph <{iri}>"), |agent, auth| {
            let mut request = agent.delete(&url);
            if let Some(h) = auth.header() {
                request = request.header("Authorization", h);
            }
            // A graph the target no longer has is as good as deleted.
            judge(request.call(), &[404])
        })
    }

    fn update(&mut self, text: &str, graphs: usize) -> Result<(), PushError> {
        let url = self.url.clone();
        self.with_retries(
            &format!("SPARQL update of {graphs} graph(s)"),
            |agent, auth| {
                let mut request = agent
                    .post(&url)
                    .header("Content-Type", "application/sparql-update; charset=utf-8");
                if let Some(h) = auth.header() {
                    request = request.header("Authorization", h);
                }
                judge(request.send(text.as_bytes()), &[])
            },
        )
    }

    fn with_retries(
        &mut self,
        what: &str,
        attempt: impl Fn(&ureq::Agent, &Auth) -> Attempt,
    ) -> Result<(), PushError> {
        let mut wait = FIRST_BACKOFF;
        let mut tries = 0;
        loop {
            tries += 1;
            let message = match attempt(&self.agent, &self.auth) {
                Attempt::Done => {
                    self.requests += 1;
                    return Ok(());
                }
                Attempt::Retry(_) if tries <= self.retries_allowed => {
                    self.retries += 1;
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(MAX_BACKOFF);
                    continue;
                }
                Attempt::Retry(message) | Attempt::Fail(message) => message,
            };
            let hint = match self.via {
                Via::Gsp if message.starts_with("405") || message.starts_with("415") => {
                    " (if the URL is a SPARQL Update endpoint, pass --via update)"
                }
                _ => "",
            };
            return Err(PushError::Request {
                url: self.url.clone(),
                request: what.to_owned(),
                tries,
                message: format!("{message}{hint}"),
            });
        }
    }
}

/// Whether an answer means success, a failure worth another try (connection trouble, 5xx, 429),
/// or a failure that another try would only repeat.
fn judge(
    result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    also_ok: &[u16],
) -> Attempt {
    let mut response = match result {
        Ok(r) => r,
        Err(e) => {
            let message = e.to_string().replace(['\r', '\n'], " ");
            return match e {
                ureq::Error::Io(_)
                | ureq::Error::Timeout(_)
                | ureq::Error::ConnectionFailed
                | ureq::Error::HostNotFound
                | ureq::Error::Protocol(_) => Attempt::Retry(message),
                _ => Attempt::Fail(message),
            };
        }
    };
    let status = response.status();
    if status.is_success() || also_ok.contains(&status.as_u16()) {
        return Attempt::Done;
    }
    let mut message = status.to_string();
    if let Some(location) = response.headers().get("location") {
        message.push_str(&format!(
            " (redirected to {}; push to that URL)",
            location.to_str().unwrap_or("?")
        ));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .lossy_utf8(true)
        .read_to_string()
        .unwrap_or_default();
    if let Some(line) = body.lines().map(str::trim).find(|l| !l.is_empty()) {
        let line: String = line.chars().take(200).collect();
        message.push_str(&format!(": {line}"));
    }
    // 429 (Too Many Requests) is the target asking to slow down: the backoff does.
    if status.is_server_error() || status.as_u16() == 429 {
        Attempt::Retry(message)
    } else {
        Attempt::Fail(message)
    }
}

/// Writes the report for people: what was sent, deleted and left alone.
pub fn write_text_report(report: &PushReport, out: &mut dyn Write) -> io::Result<()> {
    let via = match report.via {
        Some(Via::Update) => "SPARQL Update",
        _ => "Graph Store Protocol",
    };
    writeln!(out, "pushed to  {} ({via})", report.url)?;
    writeln!(
        out,
        "documents  {} sent ({} new, {} changed), {} removed, {} unchanged",
        report.new.len() + report.changed.len(),
        report.new.len(),
        report.changed.len(),
        report.removed.len(),
        report.unchanged
    )?;
    for (label, list) in [
        ("new", &report.new),
        ("changed", &report.changed),
        ("removed", &report.removed),
    ] {
        if !list.is_empty() && list.len() <= 10 {
            writeln!(out, "  {label:<8} {}", list.join(", "))?;
        }
    }
    if !report.other_sent.is_empty() {
        writeln!(out, "graphs     {} sent", report.other_sent.join(", "))?;
    }
    if !report.other_removed.is_empty() {
        writeln!(
            out,
            "graphs     {} removed",
            report.other_removed.join(", ")
        )?;
    }
    writeln!(out, "triples    {}", report.triples)?;
    writeln!(
        out,
        "requests   {} ({} retried)",
        report.requests, report.retries
    )?;
    writeln!(out, "elapsed    {:.2}s", report.elapsed_s)
}
