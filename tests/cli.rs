//! The `tripel` binary end to end: bad inputs give one stderr line, a non-zero exit and an
//! unchanged store; incremental builds, removal and the output formats.
//!
//! Runs on whichever store backend the binary was built with (the N-Quads snapshot under
//! `--no-default-features`, RocksDB by default); the lock test needs RocksDB.
//!
//! `push` (sending the store to Oxigraph's server) and `man` (completions and manual pages)
//! are modules of this one test binary.

#[path = "cli/man.rs"]
mod man;
#[path = "cli/push.rs"]
mod push;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
}

/// Runs `tripel --store STORE ARGS` (a store outside an [`Env`], or from another thread).
fn tripel_at(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(store)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

impl Env {
    fn new() -> Self {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir(env.corpus()).unwrap();
        env.write(
            "a.txt",
            "Meta bestellt 350.000 B200-GPUs bei NVIDIA. Jensen Huang lobte Meta.",
        );
        env.write(
            "b.md",
            "Mark Zuckerberg, CEO von Meta, traf Jensen Huang in San Francisco.",
        );
        env
    }
    /// The two documents and two more: c.txt and d.txt make an identity link ("Pfeiffer" is
    /// "Jonas Pfeiffer"), which goes when c.txt does.
    fn with_identity_pair() -> Self {
        let env = Env::new();
        env.write(
            "c.txt",
            "Der Vorstandschef der Elbwerft AG, Jonas Pfeiffer, stellte die Zahlen vor.",
        );
        env.write(
            "d.txt",
            "Vorstandschef Pfeiffer lobte die Belegschaft der Elbwerft AG.",
        );
        env
    }
    fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }
    fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.corpus().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, &[])
    }
    /// Runs with these environment variables and none of the push credentials but those given.
    fn run_with(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tripel"));
        command
            .arg("--store")
            .arg(self.store())
            .args(args)
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        for var in [
            "TRIPEL_PUSH_TOKEN",
            "TRIPEL_PUSH_USER",
            "TRIPEL_PUSH_PASSWORD",
        ] {
            command.env_remove(var);
        }
        command.envs(vars.iter().copied());
        command.output().unwrap()
    }
    fn ok(&self, args: &[&str]) -> String {
        self.ok_with(args, &[])
    }
    fn ok_with(&self, args: &[&str], vars: &[(&str, &str)]) -> String {
        let out = self.run_with(args, vars);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
    fn build(&self) -> String {
        self.ok(&["build", self.corpus().to_str().unwrap()])
    }
    /// The store's content, order-independent.
    fn dump(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .ok(&["export", "--format", "nquads"])
            .lines()
            .map(str::to_owned)
            .collect();
        lines.sort();
        lines
    }
    /// Runs a command that must fail with one stderr line and leave the store as it was.
    fn fails(&self, args: &[&str], code: i32, expect: &[&str]) -> String {
        let before = self.dump();
        let out = self.run(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "{args:?} should print one line: {stderr}"
        );
        assert!(stderr.starts_with("tripel: "), "{stderr}");
        for e in expect {
            assert!(stderr.contains(e), "{args:?}: expected {e:?} in {stderr:?}");
        }
        assert_eq!(before, self.dump(), "{args:?} changed the store");
        stderr
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn bad_inputs_fail_cleanly_and_leave_the_store_alone() {
    let env = Env::new();
    env.build();

    let missing = env.path("nope.txt");
    env.fails(&["build", s(&missing)], 1, &[s(&missing), "no such file"]);

    // With --strict, a document that cannot be read fails the whole run.
    let binary = env.path("bin.txt");
    std::fs::write(&binary, b"abc\0def").unwrap();
    env.fails(
        &["build", "--strict", s(&binary)],
        1,
        &[s(&binary), "binary"],
    );

    let latin1 = env.path("latin1.txt");
    std::fs::write(&latin1, b"Gr\xfc\xdfe aus K\xf6ln").unwrap();
    env.fails(
        &["build", "--strict", s(&latin1)],
        1,
        &[s(&latin1), "invalid UTF-8", "byte offset 2"],
    );

    let nothing = env.path("nothing");
    std::fs::create_dir(&nothing).unwrap();
    std::fs::write(nothing.join("data.csv"), "x").unwrap();
    env.fails(&["build", s(&nothing)], 1, &[s(&nothing), ".txt or .md"]);

    let jsonl = env.path("c.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\":\"x\",\"text\":\"Hallo.\"}\n{\"id\":\"y\"}\n",
    )
    .unwrap();
    env.fails(
        &["build", "--strict", "--input", "jsonl", s(&jsonl)],
        1,
        &[&format!("{}:2", s(&jsonl))],
    );

    // With --strict, a bad file among good ones stops the build before anything is written.
    env.write("c.txt", "Ein neues Dokument über Siemens.");
    env.fails(
        &["build", "--strict", s(&env.corpus()), s(&binary)],
        1,
        &["binary"],
    );

    env.fails(&["export", "--format", "png"], 2, &["png", "turtle", "dot"]);
    env.fails(
        &["query", "--format", "yaml", "ASK {}"],
        2,
        &["yaml", "table"],
    );
    env.fails(
        &["query", "SELECT ?s WHERE {\n ?s ?p ?o \n FILTER( }"],
        1,
        &["invalid SPARQL at line 3, column", "near"],
    );
    env.fails(&["query", "missing.rq"], 1, &["missing.rq"]);
    env.fails(&["remove", "zzz.txt"], 1, &["zzz.txt"]);
    env.fails(
        &["export", "--format", "dot", "--focus", "Nobody"],
        1,
        &["Nobody"],
    );
    env.fails(
        &["export", "--format", "turtle", "--focus", "Meta"],
        2,
        &["--focus"],
    );
    env.fails(
        &["build", "--min-confidence", "1.5", s(&env.corpus())],
        2,
        &["1.5"],
    );
    env.fails(
        &["build", "--base", "not an iri", s(&env.corpus())],
        2,
        &["not an iri"],
    );

    // "a txt" slugs to the same document IRI as the stored "a.txt".
    let clash = env.path("clash");
    std::fs::create_dir(&clash).unwrap();
    std::fs::write(clash.join("a txt"), "Noch ein Text.").unwrap();
    env.fails(
        &["build", "--strict", s(&clash.join("a txt"))],
        1,
        &["'a.txt'", "'a txt'"],
    );
    // Within one run too.
    let twins = env.path("twins");
    std::fs::create_dir(&twins).unwrap();
    std::fs::write(twins.join("x y.txt"), "Eins.").unwrap();
    std::fs::write(twins.join("x-y.txt"), "Zwei.").unwrap();
    env.fails(&["build", "--strict", s(&twins)], 1, &["same IRI"]);
}

/// Runs `args`, which must finish with exit code 3 and name each of `skipped` (a path or id
/// and a reason) on its own stderr line, then a count line. Returns stdout.
fn skips(env: &Env, args: &[&str], skipped: &[&[&str]]) -> String {
    let out = env.run(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), skipped.len() + 1, "{args:?}: {stderr}");
    for (line, expect) in lines.iter().zip(skipped) {
        assert!(
            line.starts_with("tripel: ") && line.ends_with("; skipped"),
            "{line}"
        );
        for e in *expect {
            assert!(line.contains(e), "{args:?}: expected {e:?} in {line:?}");
        }
    }
    let last = lines.last().unwrap();
    assert!(
        last.contains(&format!("{} of ", skipped.len())) && last.contains("skipped"),
        "{last}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn bad_documents_are_skipped_and_the_rest_is_built() {
    let env = Env::new();
    let binary = env.write("bin.txt", "x");
    std::fs::write(&binary, b"abc\0def").unwrap();
    let latin1 = env.write("latin1.txt", "x");
    std::fs::write(&latin1, b"Gr\xfc\xdfe aus K\xf6ln").unwrap();
    // An empty document is a document, with no facts.
    env.write("empty.txt", " \n\t\n");
    let summary = skips(
        &env,
        &["build", s(&env.corpus())],
        &[&[s(&binary), "binary"], &[s(&latin1), "invalid UTF-8"]],
    );
    assert!(summary.contains("documents  3 (3 new"), "{summary}");
    assert!(
        summary.contains("skipped    2 (1 binary, 1 not UTF-8)"),
        "{summary}"
    );
    let stats = env.ok(&["stats"]);
    assert!(stats.contains("documents  3"), "{stats}");
    let built = env.dump();
    assert!(built.iter().any(|l| l.contains("Meta")));

    // The same corpus without the bad files builds the same store, with exit code 0.
    let clean = Env::new();
    clean.write("empty.txt", " \n\t\n");
    clean.build();
    assert!(built == clean.dump(), "skipping changed what was built");

    // A document that becomes empty loses its facts in an incremental build.
    env.write("a.txt", "");
    std::fs::remove_file(&binary).unwrap();
    std::fs::remove_file(&latin1).unwrap();
    let second = env.build();
    assert!(second.contains("0 new, 1 changed, 2 unchanged"), "{second}");
    assert!(!env.dump().iter().any(|l| l.contains("B200")));

    // JSONL: a broken line, a duplicate id and an empty text among good lines.
    let jsonl = env.path("c.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            "{\"id\":\"x\",\"text\":\"Meta bestellt 350.000 B200-GPUs bei NVIDIA.\"}\n",
            "{\"id\":\"y\"}\n",
            "{\"id\":\"e\",\"text\":\"\"}\n",
            "{\"id\":\"x\",\"text\":\"Noch einmal.\"}\n",
            "{\"id\":\"z\",\"text\":\"Siemens übernimmt Bosch.\"}\n",
        ),
    )
    .unwrap();
    let j = s(&jsonl);
    let facts = skips(
        &env,
        &["extract", "--input", "jsonl", "--format", "table", j],
        &[
            &[&format!("{j}:2"), "\"text\""],
            &[&format!("{j}:4"), "'x'"],
        ],
    );
    assert!(facts.contains("B200") && facts.contains("Bosch"), "{facts}");
    let summary = skips(
        &env,
        &["build", "--input", "jsonl", j],
        &[&[&format!("{j}:2")], &[&format!("{j}:4"), "duplicate"]],
    );
    assert!(summary.contains("3 new"), "{summary}");

    // Distinct ids with one IRI: the later one is skipped.
    let twins = env.path("twins");
    std::fs::create_dir(&twins).unwrap();
    std::fs::write(twins.join("x y.txt"), "Eins.").unwrap();
    std::fs::write(twins.join("x-y.txt"), "Zwei.").unwrap();
    skips(&env, &["build", s(&twins)], &[&["'x-y.txt'", "same IRI"]]);
}

#[test]
fn missing_store_is_reported_not_created() {
    let env = Env::new();
    let out = env.run(&["stats"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("no store at"), "{stderr}");
    assert!(!env.store().exists());
}

#[test]
fn incremental_build_and_remove() {
    let env = Env::new();
    let first = env.build();
    assert!(first.contains("2 new, 0 changed, 0 unchanged"), "{first}");
    let dump1 = env.dump();

    let second = env.build();
    assert!(second.contains("0 new, 0 changed, 2 unchanged"), "{second}");
    assert_eq!(
        dump1,
        env.dump(),
        "rebuilding unchanged documents changed the store"
    );

    let hash_of = |env: &Env| {
        env.ok(&[
            "query",
            "--format",
            "csv",
            "SELECT ?h ?n WHERE { ?d tri:docId 'a.txt' ; tri:contentHash ?h ; tri:characterCount ?n }",
        ])
    };
    let before = hash_of(&env);
    env.write(
        "a.txt",
        "Siemens übernimmt Altair für 10 Milliarden Dollar.",
    );
    let third = env.build();
    assert!(third.contains("0 new, 1 changed, 1 unchanged"), "{third}");
    let after = hash_of(&env);
    assert_ne!(before, after);
    assert_eq!(
        after.lines().count(),
        2,
        "old document triples must be gone: {after}"
    );
    assert!(after.contains(",50"), "{after}");

    let stats = env.ok(&["stats"]);
    assert!(stats.contains("documents  2"), "{stats}");
    assert_eq!(env.ok(&["remove", "a.txt"]).trim(), "removed a.txt");
    let stats = env.ok(&["stats"]);
    assert!(stats.contains("documents  1"), "{stats}");
    let ask = env.ok(&["query", "ASK { ?d tri:docId 'a.txt' }"]);
    assert_eq!(ask.trim(), "no");
    let ask = env.ok(&["query", "ASK { ?d tri:docId 'b.md' }"]);
    assert_eq!(ask.trim(), "yes");
}

/// A document's graph is a function of its own text (issue 11): any batch size gives the same
/// store, and names cross documents only as `owl:sameAs` links in the identity graph, which
/// `remove` recomputes.
#[test]
fn any_batch_size_gives_the_same_store_and_identity_links_follow_the_corpus() {
    let env = Env::with_identity_pair();
    let corpus = env.corpus();
    let out = env.ok(&["build", "--batch-size", "1", s(&corpus)]);
    assert!(out.contains("identities 1"), "{out}");
    let one = env.dump();
    std::fs::remove_dir_all(env.store()).unwrap();
    env.ok(&["build", "--batch-size", "3", s(&corpus)]);
    assert_eq!(one, env.dump(), "batch size 1 and 3 built different stores");

    let extract =
        |threads: &str| env.ok(&["extract", "-j", threads, "--format", "nquads", s(&corpus)]);
    assert_eq!(
        extract("1"),
        extract("3"),
        "thread count changed the output"
    );

    let linked = "ASK { GRAPH ?g { ?p owl:sameAs ?full } ?full rdfs:label 'Jonas Pfeiffer'@de \
                  FILTER(?g = <https://w3id.org/tripel/data/graph/identity>) }";
    assert_eq!(env.ok(&["query", linked]).trim(), "yes");
    // d.txt keeps its own entity "Pfeiffer": the other document did not rewrite it.
    let own = "ASK { GRAPH ?g { ?p rdfs:label 'Pfeiffer'@de } ?g tri:docId 'd.txt' }";
    assert_eq!(env.ok(&["query", own]).trim(), "yes");
    env.ok(&["remove", "c.txt"]);
    assert_eq!(env.ok(&["query", linked]).trim(), "no");
}

/// Open relations: marked `"open": true` in JSONL with a predicate in the open namespace,
/// typed `tri:OpenFact` in RDF, left out with `--no-open`.
#[test]
fn open_relations_are_marked_typed_and_optional() {
    let env = Env::new();
    let f = env.write(
        "o.txt",
        "Die Elbwerft AG verhandelt mit der Nordlicht GmbH.",
    );
    let jsonl = env.ok(&["extract", "--format", "jsonl", s(&f)]);
    let open: Vec<&str> = jsonl
        .lines()
        .filter(|l| l.contains(r#""open":true"#))
        .collect();
    assert_eq!(open.len(), 1, "{jsonl}");
    assert!(
        open[0].contains(r#""predicate_iri":"https://w3id.org/tripel/open#verhandeln-mit""#),
        "{}",
        open[0]
    );
    let nq = env.ok(&["extract", "--format", "nquads", s(&f)]);
    assert!(
        nq.contains("<https://w3id.org/tripel/ontology#OpenFact>"),
        "{nq}"
    );
    let without = env.ok(&["extract", "--no-open", "--format", "jsonl", s(&f)]);
    assert!(!without.contains(r#""open":true"#), "{without}");
}

#[test]
fn query_formats_and_query_files() {
    let env = Env::new();
    env.build();
    let q = "SELECT ?id ?p WHERE { ?d tri:docId ?id . BIND(tri:buys AS ?p) } ORDER BY ?id";
    let table = env.ok(&["query", q]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["id", "p"]);
    assert!(lines[1].starts_with("----"));
    // IRIs are shown by their label.
    assert_eq!(lines[2].split("  ").next().unwrap(), "a.txt");
    assert!(lines[2].ends_with("buys"), "{table}");
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["query", "--format", "json", q])).unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 2);
    assert!(env
        .ok(&["query", "--format", "csv", q])
        .starts_with("id,p\r\n"));
    assert!(env
        .ok(&["query", "--format", "tsv", q])
        .starts_with("?id\t?p\n"));
    assert!(env.ok(&["query", "--format", "xml", q]).contains("<sparql"));

    let rq = env.path("docs.rq");
    std::fs::write(&rq, "SELECT (COUNT(*) AS ?n) WHERE { ?d a tri:Document }").unwrap();
    let out = env.ok(&["query", "--format", "csv", s(&rq)]);
    assert_eq!(out, "n\r\n2\r\n");

    let ttl = env.ok(&[
        "query",
        "CONSTRUCT { ?d a tri:Document } WHERE { ?d a tri:Document }",
    ]);
    assert!(ttl.contains("tri:Document"), "{ttl}");
}

#[test]
fn export_to_file_is_complete_and_parses() {
    let env = Env::new();
    env.build();
    for format in [
        "turtle", "ntriples", "nquads", "trig", "rdfxml", "jsonld", "dot",
    ] {
        let out = env.path(&format!("kg.{format}"));
        env.ok(&["export", "--format", format, "--out", s(&out)]);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(!text.is_empty(), "{format}");
        if format == "dot" {
            assert!(text.starts_with("digraph tripel {"));
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path("kg.turtle"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    let nq = std::fs::read_to_string(env.path("kg.nquads")).unwrap();
    let mut a: Vec<&str> = nq.lines().collect();
    a.sort();
    assert_eq!(a, env.dump());
}

#[test]
fn short_format_names_and_the_format_from_the_file_name() {
    let env = Env::new();
    env.build();
    let long = env.ok(&["export", "--format", "nquads"]);
    for (short, file, long_name) in [
        ("ttl", "kg.ttl", "turtle"),
        ("nt", "kg.nt", "ntriples"),
        ("nq", "kg.nq", "nquads"),
        ("rdf", "kg.rdf", "rdfxml"),
        ("jsonld", "kg.jsonld", "jsonld"),
    ] {
        let by_name = env.ok(&["export", "--format", long_name]);
        assert_eq!(env.ok(&["export", "--format", short]), by_name, "{short}");
        // No --format: the extension of --out says it.
        let out = env.path(file);
        env.ok(&["export", "--out", s(&out)]);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), by_name, "{file}");
    }
    assert_eq!(env.ok(&["export", "--format", "nq"]), long);
    env.ok(&["export", "--out", s(&env.path("kg.dot"))]);
    assert!(std::fs::read_to_string(env.path("kg.dot"))
        .unwrap()
        .starts_with("digraph tripel {"));
    // extract knows the short names too.
    let ttl = env.ok(&["extract", "--format", "ttl", s(&env.corpus())]);
    assert!(ttl.contains("@prefix"), "{ttl}");
    env.fails(
        &["export", "--out", s(&env.path("kg.unknown"))],
        2,
        &["kg.unknown", "--format"],
    );
    env.fails(&["export"], 2, &["--format"]);
}

#[test]
fn query_from_stdin_stats_in_quads_and_a_json_build_report() {
    let env = Env::new();
    let report: serde_json::Value =
        serde_json::from_str(&env.ok(&["build", "--report", "json", s(&env.corpus())])).unwrap();
    assert_eq!(report["new"], serde_json::json!(["a.txt", "b.md"]));
    assert_eq!(report["changed"], serde_json::json!([]));
    assert_eq!(report["unchanged"], serde_json::json!([]));
    assert_eq!(report["store"]["documents"], 2);
    let quads = report["store"]["quads"].as_u64().unwrap();

    env.write(
        "b.md",
        "Mark Zuckerberg, CEO von Meta, traf Jensen Huang in Berlin.",
    );
    let report: serde_json::Value =
        serde_json::from_str(&env.ok(&["build", "--report", "json", s(&env.corpus())])).unwrap();
    assert_eq!(report["new"], serde_json::json!([]));
    assert_eq!(report["changed"], serde_json::json!(["b.md"]));
    assert_eq!(report["unchanged"], serde_json::json!(["a.txt"]));

    let stats = env.ok(&["stats"]);
    assert!(stats.lines().any(|l| l.starts_with("quads ")), "{stats}");
    assert!(!stats.contains("triples"), "{stats}");

    let mut child = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(env.store())
        .args(["query", "--format", "csv", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(b"SELECT (COUNT(*) AS ?n)\nWHERE { ?s ?p ?o }\n")
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let from_stdin = String::from_utf8(out.stdout).unwrap();
    let given = env.ok(&[
        "query",
        "--format",
        "csv",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    ]);
    assert_eq!(from_stdin, given);
    let n: u64 = given.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(
        n > 0 && n <= quads,
        "{n} triples in the union of {quads} quads"
    );
}

/// Starts a read-only `tripel serve` on the env's store at a free loopback port and waits until
/// it accepts connections.
fn start_server(env: &Env) -> (std::process::Child, String) {
    let addr = format!("127.0.0.1:{}", free_port());
    let server = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(env.store())
        .args(["serve", "--bind", &addr])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(started.elapsed().as_secs() < 30, "the server did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    (server, addr)
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_like_ctrl_c() {
    let env = Env::new();
    env.build();
    let (server, addr) = start_server(&env);
    let sent = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = server.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::net::TcpStream::connect(&addr).is_err());
}

#[test]
fn extract_prints_jsonl_or_rdf_without_a_store() {
    let env = Env::new();
    let out = env.ok(&["extract", s(&env.corpus())]);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["kind"] == "mention" || v["kind"] == "fact", "{line}");
    }
    let ttl = env.ok(&["extract", "--format", "turtle", s(&env.corpus())]);
    assert!(ttl.contains("tri:Document"), "{ttl}");
    assert!(!env.store().exists(), "extract must not create a store");

    let mut child = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .args(["extract", "--format", "nquads", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Meta kauft Chips.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("\"stdin\""));
}

#[test]
fn closed_stdout_is_not_an_error() {
    let env = Env::new();
    env.build();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(env.store())
        .args(["export", "--format", "ntriples"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    use std::io::Read;
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(feature = "rocksdb")]
#[test]
fn readers_work_while_another_process_writes_and_writers_exclude_each_other() {
    let env = Env::new();
    env.build();
    let before = env.dump();
    // This test process holds the store for writing; the binary is the other process.
    let held = tripel_graph::KgStore::open(&env.store()).unwrap();
    for args in [vec!["build", s(&env.corpus())], vec!["remove", "a.txt"]] {
        let out = env.run(&args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr.trim_end(),
            format!(
                "tripel: store {} is in use by another tripel process",
                env.store().display()
            )
        );
    }
    // Readers are not blocked, and see the committed state...
    assert_eq!(before, env.dump());
    assert!(env.ok(&["stats"]).contains("documents  2"));
    // ...including what the writer commits while it keeps the store.
    assert!(held.remove_document("b.md").unwrap());
    held.publish().unwrap();
    let count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a tri:Document }";
    assert!(env.ok(&["query", "--format", "csv", count]).contains("\n1"));
    assert!(env.ok(&["stats"]).contains("documents  1"));
    drop(held);
    env.build();
    assert_eq!(before, env.dump());
}

/// Sends one HTTP/1.1 GET and returns the status and body.
fn http_get(addr: &str, target: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/csv\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_owned());
    (status, body)
}

/// A free loopback port (bound and released: a race with other programs is possible, but
/// the server reports a taken port in one line, which the test would show).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[cfg(feature = "rocksdb")]
#[test]
fn a_read_only_server_does_not_block_build_and_follows_its_commits() {
    let env = Env::new();
    env.build();
    let (mut server, addr) = start_server(&env);
    let query = "/sparql?query=SELECT%20(COUNT(DISTINCT%20%3Fd)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fd%20a%20%3Chttps%3A%2F%2Fw3id.org%2Ftripel%2Fontology%23Document%3E%20%7D";
    let first = http_get(&addr, query);
    assert_eq!(first, (200, "n\r\n2\r\n".to_owned()));
    // Writers are not blocked by the server, nor readers of the CLI.
    env.write(
        "c.txt",
        "Siemens übernimmt Altair für 10 Milliarden Dollar.",
    );
    env.build();
    assert!(env.ok(&["stats"]).contains("documents  3"));
    assert_eq!(http_get(&addr, query), (200, "n\r\n3\r\n".to_owned()));
    env.ok(&["remove", "a.txt"]);
    assert_eq!(http_get(&addr, query), (200, "n\r\n2\r\n".to_owned()));
    server.kill().unwrap();
    server.wait().unwrap();
}

/// Serve (read-only), `query`, `export` and `build` on one store at once, for a bounded number
/// of builds: every command succeeds, every reader sees a committed state (never fewer
/// documents than before, never a half-written one), and no build's document is lost. On
/// either backend: RocksDB's checkpoints and the snapshot file's atomic replacement both give
/// readers whole commits.
#[test]
fn serve_query_export_and_build_run_together_without_errors_or_lost_writes() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    const BUILDS: usize = 5;
    /// Stops the server also when an assertion fails first.
    struct Stopped(std::process::Child);
    impl Drop for Stopped {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let env = Env::new();
    env.build();
    let (server, addr) = start_server(&env);
    let _server = Stopped(server);
    let stop = Arc::new(AtomicBool::new(false));
    let store = env.store();
    let count_query = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a tri:Document }";
    let run = move |args: &[&str]| tripel_at(&store, args);
    // Each reader loops until the builds are done and returns what it saw: the document
    // counts in order, or the first error.
    let reader = |read: Box<dyn Fn() -> Result<usize, String> + Send>| {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                seen.push(read()?);
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            seen.push(read()?);
            Ok::<_, String>(seen)
        })
    };
    let http_addr = addr;
    let endpoint = reader(Box::new(move || {
        let (status, body) = http_get(
            &http_addr,
            "/sparql?query=SELECT%20(COUNT(DISTINCT%20%3Fd)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fd%20a%20%3Chttps%3A%2F%2Fw3id.org%2Ftripel%2Fontology%23Document%3E%20%7D",
        );
        if status != 200 {
            return Err(format!("serve answered {status}: {body}"));
        }
        body.lines()
            .nth(1)
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("serve: no count in {body:?}"))
    }));
    let query_run = run.clone();
    let query = reader(Box::new(move || {
        let out = query_run(&["query", "--format", "csv", count_query]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            return Err(format!(
                "query failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        stdout
            .lines()
            .nth(1)
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("query: no count in {stdout:?}"))
    }));
    let export_run = run.clone();
    let export = reader(Box::new(move || {
        let out = export_run(&["export", "--format", "nquads"]);
        if !out.status.success() {
            return Err(format!(
                "export failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let dump = String::from_utf8_lossy(&out.stdout);
        // One `a tri:Document` line per document graph.
        Ok(dump
            .lines()
            .filter(|l| l.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/tripel/ontology#Document>"))
            .count())
    }));
    for k in 0..BUILDS {
        env.write(
            &format!("new{k}.txt"),
            &format!("Siemens übernimmt die Firma Nummer{k} GmbH für {k} Millionen Euro."),
        );
        env.build();
    }
    stop.store(true, Ordering::SeqCst);
    let documents = 2 + BUILDS;
    for (name, handle) in [("serve", endpoint), ("query", query), ("export", export)] {
        let seen = handle.join().unwrap().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]) && seen[0] >= 2,
            "{name} saw documents come and go: {seen:?}"
        );
        assert_eq!(
            *seen.last().unwrap(),
            documents,
            "{name} after the last build: {seen:?}"
        );
        assert!(seen.len() >= 2, "{name} read only {} times", seen.len());
    }
    assert!(env
        .ok(&["stats"])
        .contains(&format!("documents  {documents}")));
}

/// Reading needs no free disk space: on a full file system (a small tmpfs, mounted where the
/// test runs as root), `stats`, `query` and `export` still answer and `build` fails cleanly.
#[cfg(all(feature = "rocksdb", target_os = "linux"))]
#[test]
fn reads_work_on_a_full_disk() {
    let env = Env::new();
    let mount = env.path("small");
    std::fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=16m", "tmpfs"])
        .arg(&mount)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("reads_work_on_a_full_disk: skipped (cannot mount a tmpfs here: not root?)");
        return;
    }
    let store = mount.join("store");
    let run = |args: &[&str]| tripel_at(&store, args);
    assert!(run(&["build", s(&env.corpus())]).status.success());
    let dump = run(&["export", "--format", "nquads"]).stdout;
    // Fill the disk to the last byte.
    {
        use std::io::Write;
        let mut filler = std::fs::File::create(mount.join("filler")).unwrap();
        let block = vec![0u8; 64 * 1024];
        while filler.write_all(&block).is_ok() {}
        while filler.write_all(&[0]).is_ok() {}
    }
    let stats = run(&["stats"]);
    let query = run(&["query", "ASK { ?d a tri:Document }"]);
    let export = run(&["export", "--format", "nquads"]);
    env.write(
        "c.txt",
        "Siemens übernimmt Altair für 10 Milliarden Dollar.",
    );
    let build = run(&["build", s(&env.corpus())]);
    let _ = Command::new("umount").arg(&mount).status();
    assert!(
        stats.status.success(),
        "{}",
        String::from_utf8_lossy(&stats.stderr)
    );
    assert!(String::from_utf8_lossy(&stats.stdout).contains("documents  2"));
    assert!(query.status.success() && String::from_utf8_lossy(&query.stdout).contains("yes"));
    assert_eq!(export.stdout, dump);
    assert_eq!(build.status.code(), Some(1));
}

/// The rows of a CoNLL-U text that are syntactic words, split into their ten columns.
fn conllu_words(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect::<Vec<_>>())
        .inspect(|cols| assert_eq!(cols.len(), 10, "{cols:?}"))
        .filter(|cols| cols[0].parse::<usize>().is_ok())
        .collect()
}

#[test]
fn analyze_prints_conllu_with_lemmas_tags_contractions_and_names() {
    let env = Env::new();
    let doc = env.write(
        "c.txt",
        "Die Quendel AG hat im Sommer den Konzern übernommen.",
    );
    let out = env.ok(&["analyze", doc.to_str().unwrap()]);
    assert!(out.starts_with("# newdoc id = c.txt\n# sent_id = c.txt-1\n# text = Die Quendel"));
    // "im" is one token of two syntactic words, as in Universal Dependencies.
    assert!(out.contains("\n5-6\tim\t"), "{out}");
    let words = conllu_words(&out);
    let forms: Vec<&str> = words.iter().map(|w| w[1].as_str()).collect();
    assert_eq!(
        forms,
        [
            "Die",
            "Quendel",
            "AG",
            "hat",
            "in",
            "dem",
            "Sommer",
            "den",
            "Konzern",
            "übernommen",
            "."
        ]
    );
    let row = |form: &str| words.iter().find(|w| w[1] == form).unwrap();
    assert_eq!(row("hat")[2], "haben");
    assert_eq!(row("übernommen")[2], "übernehmen");
    assert_eq!(row("übernommen")[4], "VVPP");
    assert_eq!(row("Konzern")[3], "NOUN");
    // The organisation extraction recognises is in MISC.
    assert_eq!(row("Quendel")[9], "NE=B-ORG");
    assert_eq!(row("AG")[9], "NE=I-ORG");
    // The parse: one root, the participle; subject, object and auxiliary hang from it.
    let id_of = |form: &str| row(form)[0].clone();
    assert_eq!(words.iter().filter(|w| w[6] == "0").count(), 1);
    assert_eq!(row("übernommen")[7], "root");
    for (form, rel) in [("Quendel", "nsubj"), ("Konzern", "obj"), ("hat", "aux")] {
        assert_eq!(
            (row(form)[6].clone(), row(form)[7].as_str()),
            (id_of("übernommen"), rel),
            "{out}"
        );
    }
}

#[test]
fn analyze_splits_an_english_clitic_as_the_parser_sees_it() {
    let env = Env::new();
    let doc = env.write(
        "e.txt",
        "NVIDIA's new chips are selling well, and the company is hiring more engineers.",
    );
    let out = env.ok(&["analyze", doc.to_str().unwrap()]);
    // "NVIDIA's" is one token of two words, as UD English-EWT writes it.
    assert!(out.contains("\n1-2\tNVIDIA's\t"), "{out}");
    let words = conllu_words(&out);
    let row = |form: &str| words.iter().find(|w| w[1] == form).unwrap();
    // The name is the first word's; the clitic marks the possessive.
    assert_eq!(row("NVIDIA")[9], "NE=B-ORG", "{out}");
    assert_eq!(row("'s")[9], "_", "{out}");
    assert_eq!(row("'s")[6], row("NVIDIA")[0], "{out}");
}

#[test]
fn analyze_reanalyses_the_words_of_conllu_as_given() {
    let env = Env::new();
    let gold = "# sent_id = x1\n# text = Sie kaufte zwei Autos.\n\
        1\tSie\tsie\tPRON\tPPER\tCase=Nom\t2\tnsubj\t_\t_\n\
        2\tkaufte\tkaufen\tVERB\tVVFIN\t_\t0\troot\t_\t_\n\
        3\tzwei\tzwei\tNUM\tCARD\t_\t4\tnummod\t_\t_\n\
        4\tAutos\tAuto\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n\
        5\t.\t.\tPUNCT\t$.\t_\t2\tpunct\t_\t_\n\n";
    let path = env.path("gold.conllu");
    std::fs::write(&path, gold).unwrap();
    let out = env.ok(&[
        "analyze",
        "--input",
        "conllu",
        "--lang",
        "de",
        path.to_str().unwrap(),
    ]);
    assert!(out.starts_with("# sent_id = x1\n# text = Sie kaufte zwei Autos.\n"));
    let words = conllu_words(&out);
    let forms: Vec<&str> = words.iter().map(|w| w[1].as_str()).collect();
    assert_eq!(forms, ["Sie", "kaufte", "zwei", "Autos", "."]);
    assert_eq!(words[1][2], "kaufen");
    assert_eq!(words[3][2], "Auto");
    // MISC is kept; heads and relations are tripel's own: a tree with one root.
    assert_eq!(words[3][9], "SpaceAfter=No");
    assert_eq!(words.iter().filter(|w| w[6] == "0").count(), 1, "{out}");
    assert!(words
        .iter()
        .all(|w| w[6].parse::<usize>().is_ok_and(|h| h <= words.len()) && w[7] != "_"));

    // A malformed line: one stderr line with the file and the line number.
    std::fs::write(&path, "1\tSie\tsie\n").unwrap();
    let out = env.run(&["analyze", "--input", "conllu", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("gold.conllu: CoNLL-U line 1:"), "{stderr}");
}

/// The quads of a dump, grouped by graph (the last term of each N-Quads line).
fn by_graph(dump: &[String]) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut graphs: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in dump {
        let graph = line
            .trim_end_matches(" .")
            .rsplit_once(' ')
            .map_or("", |(_, g)| g);
        graphs
            .entry(graph.to_owned())
            .or_default()
            .push(line.clone());
    }
    graphs
}

/// Every graph of `got` is exactly that graph of a clean build: the store holds whole documents
/// only.
#[cfg(feature = "rocksdb")]
fn only_whole_graphs(
    got: &std::collections::BTreeMap<String, Vec<String>>,
    clean: &std::collections::BTreeMap<String, Vec<String>>,
    when: &str,
) {
    for (graph, quads) in got {
        assert!(
            Some(quads) == clean.get(graph),
            "{when}: graph {graph} differs from a clean build"
        );
    }
}

/// An [`Env`] whose corpus has `n` more short documents, each with a few facts.
#[cfg(feature = "rocksdb")]
fn crash_corpus(n: usize) -> Env {
    let env = Env::new();
    let companies = ["Meta", "Siemens", "Bosch", "NVIDIA", "SAP", "Apple", "BASF"];
    for i in 0..n {
        let (a, b) = (companies[i % 7], companies[(i / 7 + 1 + i) % 7]);
        env.write(
            &format!("doc{i:03}.txt"),
            &format!(
                "{a} kauft {k}.000 Chips von {b}. Der Vertrag von {a} mit {b} läuft bis {y}.",
                k = i + 1,
                y = 2025 + i % 5
            ),
        );
    }
    env
}

/// Bytes in the store's write-ahead logs (RocksDB `*.log` files): grows with every commit.
#[cfg(feature = "rocksdb")]
fn wal_bytes(store: &Path) -> u64 {
    std::fs::read_dir(store)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "log"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// Runs `build` and returns the child once the write-ahead log holds `until` bytes (or the
/// build has ended), with the most WAL bytes seen.
#[cfg(feature = "rocksdb")]
fn build_until(env: &Env, args: &[&str], until: u64) -> (std::process::Child, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tripel"))
        .arg("--store")
        .arg(env.store())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        peak = peak.max(wal_bytes(&env.store()));
        if peak >= until {
            break;
        }
        std::thread::sleep(std::time::Duration::from_micros(500));
    }
    (child, peak)
}

/// `kill -9` of `build` at several seeded random moments of its writing (a random share of
/// the write-ahead log a clean build writes): the store still opens, every document in it has
/// exactly the quads a clean build gives it (a batch is all or nothing), and a rerun converges
/// to the clean build's store.
#[cfg(feature = "rocksdb")]
#[test]
fn build_killed_at_random_moments_recovers_to_a_clean_build() {
    let env = crash_corpus(100);
    let corpus = env.corpus();
    let build = ["build", "--batch-size", "4", s(&corpus)];
    let (mut child, wal) = build_until(&env, &build, u64::MAX);
    assert!(child.wait().unwrap().success());
    let clean = env.dump();
    let clean_graphs = by_graph(&clean);
    let documents = clean_graphs.keys().filter(|g| g.contains("/doc/")).count();

    // xorshift64 with a fixed seed: the same moments on every run.
    let mut state: u64 = 0x5EED_CAFE_F00D_0001;
    let mut partial = 0;
    for round in 0..4 {
        std::fs::remove_dir_all(env.store()).unwrap();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let share = 0.1 + 0.8 * (state % 1000) as f64 / 1000.0;
        let (mut child, _) = build_until(&env, &build, (wal as f64 * share) as u64);
        // SIGKILL: no handler runs, nothing is flushed.
        child.kill().unwrap();
        let finished = child.wait().unwrap().success();

        let crashed = by_graph(&env.dump());
        only_whole_graphs(
            &crashed,
            &clean_graphs,
            &format!("round {round}: after a kill"),
        );
        let committed = crashed.keys().filter(|g| g.contains("/doc/")).count();
        if !finished && committed < documents {
            partial += 1;
        }
        eprintln!(
            "crash round {round}: kill -9 at {:.0} % of the log: {committed} of {documents} documents committed",
            share * 100.0
        );
        env.ok(&build);
        assert!(
            env.dump() == clean,
            "round {round}: the rerun after a kill differs from a clean build"
        );
    }
    // The kills must have hit builds in the middle, or the test tested nothing.
    assert!(
        partial >= 2,
        "only {partial} kills interrupted a build mid-way"
    );
}

/// A small tmpfs mounted on a folder, unmounted when dropped (also when the test fails).
#[cfg(feature = "rocksdb")]
struct Tmpfs(PathBuf);

#[cfg(feature = "rocksdb")]
impl Tmpfs {
    /// Mounts a tmpfs of `kb` KiB on `dir`, or `None` where mounting is not allowed (not root,
    /// no mount capability in a container).
    fn mount(dir: &Path, kb: u64) -> Option<Self> {
        std::fs::create_dir_all(dir).unwrap();
        let size = format!("size={kb}k");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &size, "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_owned()))
    }

    fn resize(&self, kb: u64) {
        let size = format!("remount,size={kb}k");
        let status = Command::new("mount")
            .args(["-o", &size])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount {}", self.0.display());
    }
}

#[cfg(feature = "rocksdb")]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// `build` on a disk that fills up: it stops with one line naming the cause and exit code 1;
/// the store holds only whole documents; once space is freed, a rerun converges to a clean
/// build. Needs a small tmpfs, so it runs where the test may mount one (root) and otherwise
/// says that it was skipped.
#[cfg(feature = "rocksdb")]
#[test]
fn build_on_a_full_disk_stops_cleanly_and_converges_once_space_is_freed() {
    let env = crash_corpus(100);
    let corpus = env.corpus();
    let build = ["build", "--batch-size", "4", s(&corpus)];
    env.ok(&build);
    let clean = env.dump();
    let clean_graphs = by_graph(&clean);
    let full_size: u64 = std::fs::read_dir(env.store())
        .unwrap()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    std::fs::remove_dir_all(env.store()).unwrap();

    // Room for the store's start and some batches, not for all of them.
    let Some(disk) = Tmpfs::mount(&env.store(), full_size / 1024 * 3 / 4) else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let out = env.run(&build);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");

    disk.resize(64 * 1024);
    let after = by_graph(&env.dump());
    only_whole_graphs(&after, &clean_graphs, "after a full disk");
    let committed = after.keys().filter(|g| g.contains("/doc/")).count();
    // The disk must have filled in the middle of the build, or the test tested little.
    assert!(
        committed > 0,
        "the disk filled before any batch was written"
    );
    eprintln!(
        "disk full at {} KiB: {committed} of 102 documents committed; {}",
        full_size / 1024 * 3 / 4,
        stderr.trim()
    );
    env.ok(&build);
    assert!(
        env.dump() == clean,
        "the rerun after a full disk differs from a clean build"
    );
}
