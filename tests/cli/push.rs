//! `tripel push` end to end: against Oxigraph's own server (the PyPI package `oxigraph`, which
//! `.ci/setup` installs), started on loopback by each test, through the Graph Store Protocol
//! and through SPARQL Update; and against a small recording server in the test, which checks
//! exactly which requests are sent, the credentials taken from the environment, retries after
//! 5xx, and the one-line error otherwise.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Env;

impl Env {
    fn json(&self, args: &[&str], vars: &[(&str, &str)]) -> serde_json::Value {
        serde_json::from_str(&self.ok_with(args, vars)).unwrap()
    }
    fn build_pruned(&self) -> serde_json::Value {
        let corpus = self.corpus();
        self.json(
            &[
                "build",
                "--prune",
                "--report",
                "json",
                corpus.to_str().unwrap(),
            ],
            &[],
        )
    }
    fn push(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["push", "--report", "json"];
        all.extend_from_slice(args);
        self.json(&all, &[])
    }
    /// The store's quads by graph, blank node labels blanked out (a target mints its own).
    fn dataset(&self) -> BTreeMap<String, Vec<String>> {
        by_graph(&self.ok(&["export", "--format", "nquads"]))
    }
}

fn ids(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

/// N-Quads grouped by graph, each graph's lines sorted, blank nodes as `_:b`.
fn by_graph(nquads: &str) -> BTreeMap<String, Vec<String>> {
    let mut graphs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in nquads.lines().filter(|l| !l.trim().is_empty()) {
        let line = line.trim_end().trim_end_matches('.').trim_end();
        let graph = match line.rfind(" <") {
            Some(i) if line.ends_with('>') => line[i + 1..].to_owned(),
            _ => String::new(),
        };
        let words: Vec<String> = line
            .split(' ')
            .map(|w| {
                if w.starts_with("_:") {
                    "_:b".to_owned()
                } else {
                    w.to_owned()
                }
            })
            .collect();
        graphs.entry(graph).or_default().push(words.join(" "));
    }
    for lines in graphs.values_mut() {
        lines.sort();
    }
    graphs
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Oxigraph's server, in memory, on a free loopback port; killed when dropped.
struct Oxigraph {
    child: Child,
    base: String,
}

impl Oxigraph {
    fn start() -> Self {
        let addr = format!("127.0.0.1:{}", free_port());
        let child = Command::new("oxigraph")
            .args(["serve", "--bind", &addr])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start Oxigraph's server `oxigraph` ({e}): run .ci/setup")
            });
        let started = Instant::now();
        while TcpStream::connect(&addr).is_err() {
            assert!(started.elapsed().as_secs() < 30, "oxigraph did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Oxigraph {
            child,
            base: format!("http://{addr}"),
        }
    }
    /// Everything the server holds, by graph.
    fn dataset(&self) -> BTreeMap<String, Vec<String>> {
        let (status, body) = http(
            "GET",
            &format!("{}/store", self.base),
            &[("Accept", "application/n-quads")],
            "",
        );
        assert_eq!(status, 200, "{body}");
        by_graph(&body)
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 client for reading the target (one request, connection closed).
fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, target) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).unwrap();
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8(response).unwrap();
    let status = response[9..12].parse().unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n").unwrap();
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
}

/// The store's graphs on both sides, after a build and after a change, and what each push
/// reports: Graph Store Protocol or SPARQL Update, the target ends up equal to the store.
fn push_round_trip(via: &str, endpoint: &str) {
    let env = Env::with_identity_pair();
    let report = env.build_pruned();
    assert_eq!(ids(&report["new"]), ["a.txt", "b.md", "c.txt", "d.txt"]);
    let server = Oxigraph::start();
    let url = format!("{}{endpoint}", server.base);

    let first = env.push(&["--via", via, &url]);
    assert_eq!(
        ids(&first["new"]),
        ["a.txt", "b.md", "c.txt", "d.txt"],
        "{first}"
    );
    assert_eq!(ids(&first["changed"]), Vec::<&str>::new());
    assert_eq!(ids(&first["removed"]), Vec::<&str>::new());
    // The identity links and the ontology go too.
    let others = ids(&first["other_sent"]);
    assert!(
        others.contains(&"https://w3id.org/tripel/ontology"),
        "{first}"
    );
    assert!(
        others.iter().any(|g| g.ends_with("graph/identity")),
        "{first}"
    );
    assert_eq!(server.dataset(), env.dataset());

    // Nothing changed: nothing is sent.
    let again = env.push(&["--via", via, &url]);
    assert_eq!(again["requests"], 0, "{again}");
    assert_eq!(again["unchanged"], 4, "{again}");

    // One document changes, one goes: exactly those are sent, and the target follows.
    env.write(
        "b.md",
        "Mark Zuckerberg, CEO von Meta, traf Jensen Huang in Berlin.",
    );
    std::fs::remove_file(env.corpus().join("c.txt")).unwrap();
    let rebuilt = env.build_pruned();
    assert_eq!(ids(&rebuilt["changed"]), ["b.md"], "{rebuilt}");
    assert_eq!(ids(&rebuilt["removed"]), ["c.txt"], "{rebuilt}");
    let second = env.push(&["--via", via, &url]);
    assert_eq!(ids(&second["new"]), Vec::<&str>::new(), "{second}");
    assert_eq!(ids(&second["changed"]), ["b.md"], "{second}");
    assert_eq!(ids(&second["removed"]), ["c.txt"], "{second}");
    assert_eq!(second["unchanged"], 2, "{second}");
    // The link went with c.txt, so the identity graph (now empty) is sent; the ontology did
    // not change.
    assert_eq!(
        ids(&second["other_sent"]),
        ["https://w3id.org/tripel/data/graph/identity"],
        "{second}"
    );
    assert_eq!(
        ids(&second["other_removed"]),
        Vec::<&str>::new(),
        "{second}"
    );
    assert_eq!(server.dataset(), env.dataset());

    // --all sends everything again, and changes nothing there.
    let all = env.push(&["--via", via, "--all", &url]);
    assert_eq!(ids(&all["changed"]), ["a.txt", "b.md", "d.txt"], "{all}");
    assert_eq!(server.dataset(), env.dataset());
}

#[test]
fn push_through_the_graph_store_protocol_keeps_oxigraph_equal_to_the_store() {
    push_round_trip("gsp", "/store");
}

#[test]
fn push_through_sparql_update_keeps_oxigraph_equal_to_the_store() {
    push_round_trip("update", "/update");
}

/// One request as the recording server saw it.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    target: String,
    authorization: Option<String>,
}

/// A loopback server that records every request and answers with the given statuses in turn
/// (then 204).
struct Recorder {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    answers: Arc<Mutex<Vec<u16>>>,
}

impl Recorder {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let answers: Arc<Mutex<Vec<u16>>> = Arc::new(Mutex::new(Vec::new()));
        let (s, a) = (seen.clone(), answers.clone());
        // The threads end with the test process. One per connection, so that a client's idle
        // keep-alive connection never holds up its next one.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (s, a) = (s.clone(), a.clone());
                std::thread::spawn(move || serve_one(stream, &s, &a));
            }
        });
        Recorder {
            base,
            seen,
            answers,
        }
    }
    fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut self.seen.lock().unwrap())
    }
    fn answer(&self, statuses: &[u16]) {
        *self.answers.lock().unwrap() = statuses.iter().rev().copied().collect();
    }
}

/// Reads requests off one connection (keep-alive) and answers each.
fn serve_one(
    stream: TcpStream,
    seen: &Mutex<Vec<Seen>>,
    answers: &Mutex<Vec<u16>>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_owned();
        let target = parts.next().unwrap_or_default().to_owned();
        let mut length = 0;
        let mut authorization = None;
        loop {
            let mut header = String::new();
            reader.read_line(&mut header)?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap_or((header, ""));
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().unwrap_or(0),
                "authorization" => authorization = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        seen.lock().unwrap().push(Seen {
            method,
            target,
            authorization,
        });
        let status = answers.lock().unwrap().pop().unwrap_or(204);
        let text = format!("status {status}\nsecond line");
        let reply = if status == 204 {
            "HTTP/1.1 204 No Content\r\n\r\n".to_owned()
        } else {
            format!(
                "HTTP/1.1 {status} Whatever\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n{text}",
                text.len()
            )
        };
        writer.write_all(reply.as_bytes())?;
    }
}

fn graph_param(target: &str) -> String {
    let encoded = target.split_once("graph=").unwrap().1;
    encoded
        .replace("%3A", ":")
        .replace("%2F", "/")
        .replace("%2D", "-")
}

#[test]
fn push_sends_credentials_from_the_environment_retries_5xx_and_sends_only_changes() {
    let env = Env::with_identity_pair();
    env.build_pruned();
    let recorder = Recorder::start();
    let url = format!("{}/store", recorder.base);

    // The first request fails twice with 503: tried again, and the push goes through.
    recorder.answer(&[503, 502]);
    let out = env.json(
        &["push", "--report", "json", &url],
        &[("TRIPEL_PUSH_TOKEN", "s3cret")],
    );
    assert_eq!(out["retries"], 2, "{out}");
    let seen = recorder.take();
    // Four documents, the identity graph and the ontology: one PUT each, one of them tried
    // three times.
    assert_eq!(seen.len(), 6 + 2, "{seen:?}");
    assert!(seen.iter().all(|s| s.method == "PUT"), "{seen:?}");
    assert!(
        seen.iter()
            .all(|s| s.authorization.as_deref() == Some("Bearer s3cret")),
        "{seen:?}"
    );

    // A change and a removal: a PUT of that document, a DELETE of the other, and the identity
    // graph only if its links changed.
    env.write(
        "a.txt",
        "Meta bestellt 400.000 B200-GPUs bei NVIDIA. Jensen Huang lobte Meta.",
    );
    std::fs::remove_file(env.corpus().join("c.txt")).unwrap();
    env.build_pruned();
    let out = env.json(
        &["push", "--report", "json", &url],
        &[("TRIPEL_PUSH_USER", "anna"), ("TRIPEL_PUSH_PASSWORD", "pw")],
    );
    let seen = recorder.take();
    let mut requests: Vec<(String, String)> = seen
        .iter()
        .filter(|s| !graph_param(&s.target).ends_with("graph/identity"))
        .map(|s| (s.method.clone(), graph_param(&s.target)))
        .collect();
    requests.sort();
    assert_eq!(
        requests,
        [
            (
                "DELETE".to_owned(),
                "https://w3id.org/tripel/data/doc/c-txt".to_owned()
            ),
            (
                "PUT".to_owned(),
                "https://w3id.org/tripel/data/doc/a-txt".to_owned()
            ),
        ],
        "{out}"
    );
    // anna:pw in base64.
    assert!(
        seen.iter()
            .all(|s| s.authorization.as_deref() == Some("Basic YW5uYTpwdw==")),
        "{seen:?}"
    );
    assert_eq!(ids(&out["changed"]), ["a.txt"]);
    assert_eq!(ids(&out["removed"]), ["c.txt"]);

    // A 4xx is not retried: one line naming the request and the answer, exit 1, and the state
    // keeps the graph as unsent, so the next push sends it.
    env.write(
        "b.md",
        "Mark Zuckerberg, CEO von Meta, traf Jensen Huang in Bonn.",
    );
    env.build_pruned();
    recorder.answer(&[401]);
    let failed = env.run(&["push", &url]);
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8(failed.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("PUT graph <https://w3id.org/tripel/data/doc/b-md>")
            && stderr.contains("401")
            && stderr.contains("status 401"),
        "{stderr}"
    );
    assert_eq!(recorder.take().len(), 1);
    let out = env.push(&[&url]);
    assert_eq!(ids(&out["changed"]), ["b.md"], "{out}");
    assert!(recorder.take().iter().all(|s| s.authorization.is_none()));

    // Two kinds of credentials at once are refused before anything is sent.
    let both = env.run_with(
        &["push", &url],
        &[("TRIPEL_PUSH_TOKEN", "t"), ("TRIPEL_PUSH_USER", "u")],
    );
    assert_eq!(both.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&both.stderr).contains("not both"));
    assert!(recorder.take().is_empty());
}

#[test]
fn push_to_nothing_fails_after_its_retries_with_one_line() {
    let env = Env::with_identity_pair();
    env.build_pruned();
    let url = format!("http://127.0.0.1:{}/store", free_port());
    let out = env.run(&["push", "--retries", "2", &url]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("after 3 tries"), "{stderr}");
    // Nothing reached the target, so nothing is recorded as sent.
    assert!(!state_dir(&env.store()).exists() || state_is_empty(&env.store()));
}

fn state_dir(store: &Path) -> PathBuf {
    store.join("push")
}

fn state_is_empty(store: &Path) -> bool {
    std::fs::read_dir(state_dir(store)).unwrap().all(|f| {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["graphs"].as_object().unwrap().is_empty()
    })
}

/// Push reads the readers' checkpoint: a writable server, which holds the writer's lock, does
/// not stop it, and what the server writes is pushed next time.
#[test]
fn push_works_while_a_writable_server_holds_the_store() {
    let env = Env::with_identity_pair();
    env.build_pruned();
    let addr = format!("127.0.0.1:{}", free_port());
    let mut server = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(env.store())
        .args(["serve", "--writable", "--bind", &addr])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        assert!(started.elapsed().as_secs() < 30, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let recorder = Recorder::start();
    let url = format!("{}/store", recorder.base);
    let first = env.push(&[&url]);
    assert_eq!(
        ids(&first["new"]),
        ["a.txt", "b.md", "c.txt", "d.txt"],
        "{first}"
    );

    // A graph written through the server is a graph of the store: the next push sends it.
    let (status, body) = http(
        "POST",
        &format!("http://{addr}/sparql"),
        &[("Content-Type", "application/sparql-update")],
        "INSERT DATA { GRAPH <https://example.org/notes> { <https://example.org/a> <https://example.org/b> \"c\" } }",
    );
    assert!(status == 200 || status == 204, "{status} {body}");
    let second = env.push(&[&url]);
    assert_eq!(
        ids(&second["other_sent"]),
        ["https://example.org/notes"],
        "{second}"
    );
    let _ = server.kill();
    let _ = server.wait();
}
