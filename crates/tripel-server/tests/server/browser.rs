//! The explorer page in a real browser: headless Chromium loads it from an in-process server on
//! loopback, runs a query, shows an entity's neighbourhood graph and a search, and the test reads
//! the resulting DOM. Screenshots are kept under `target/server-browser/` as artifacts.
//!
//! Skipped with a notice when Chromium is not installed on a developer machine; under CI (`CI`
//! set) a missing Chromium is a failure, since `.ci/setup` installs it.

use crate::common::{news_server, options};
use crate::http_client::encode;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("server-browser");
    std::fs::create_dir_all(&dir).expect("artifact directory");
    dir
}

/// Runs headless Chromium on `url` with `extra` arguments, in a fresh profile, and returns its
/// stdout. Killed after a minute.
fn chromium(url: &str, extra: &[String]) -> String {
    assert!(url.starts_with("http://127.0.0.1:"), "loopback only: {url}");
    let profile = tempfile::tempdir().expect("profile directory");
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--virtual-time-budget=20000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within a minute on {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("chromium output");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn chromium_available() -> bool {
    Command::new(CHROMIUM)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn explorer_page_runs_queries_and_draws_the_entity_graph() {
    if !chromium_available() {
        if std::env::var_os("CI").is_some() {
            panic!("{CHROMIUM} is missing: run .ci/setup");
        }
        eprintln!("SKIPPED explorer_page_runs_queries_and_draws_the_entity_graph: no {CHROMIUM} (run .ci/setup)");
        return;
    }
    let server = news_server(options());
    let query = "PREFIX tri: <https://w3id.org/tripel/ontology#>\nSELECT ?person ?company WHERE { ?person tri:ceoOf ?company } ORDER BY ?person";
    let url = format!(
        "{}/entity/jensen-huang?query={}&find=huang",
        server.url(),
        encode(query)
    );
    let dom = chromium(&url, &["--dump-dom".to_owned()]);
    assert!(dom.contains("<html"), "chromium printed no DOM:\n{dom}");

    // The query ran and its results table shows entities by name, linked to their pages.
    assert!(
        dom.contains("<table class=\"results\">"),
        "no results table:\n{dom}"
    );
    assert!(dom.contains("2 rows in"), "status line missing:\n{dom}");
    assert!(
        dom.contains("href=\"/entity/jensen-huang\"") && dom.contains(">Jensen Huang</a>"),
        "entity link with its label missing:\n{dom}"
    );
    assert!(
        dom.contains(">Mark Zuckerberg</a>"),
        "labels from the store:\n{dom}"
    );

    // The neighbourhood graph: an SVG with the entity in the middle, typed nodes, labelled edges
    // that carry their evidence sentence and source document.
    assert!(dom.contains("<svg id=\"graph\""), "no graph view:\n{dom}");
    assert!(
        dom.contains("class=\"node center\""),
        "no centre node:\n{dom}"
    );
    assert!(
        dom.contains("data-predicate=\"https://w3id.org/tripel/ontology#ceoOf\""),
        "no ceoOf edge:\n{dom}"
    );
    assert!(dom.contains(">ceoOf</text>"), "edge label missing:\n{dom}");
    assert!(
        dom.contains("data-type=\"Organization\""),
        "nodes coloured by type:\n{dom}"
    );
    assert!(
        dom.contains("NVIDIA CEO Jensen Huang unveiled the Blackwell B200 in San Jose.")
            && dom.contains("(nvidia-en.txt)"),
        "edge evidence and source document:\n{dom}"
    );
    assert!(
        dom.contains("<h2 id=\"entity-title\">Jensen Huang</h2>"),
        "entity heading:\n{dom}"
    );
    assert!(
        dom.contains("<blockquote class=\"evidence\">"),
        "the first edge's evidence is on show:\n{dom}"
    );

    // The search box found the entity by its alias, case-insensitively.
    assert!(
        dom.contains("data-iri=\"https://w3id.org/tripel/data/entity/jensen-huang\""),
        "search result missing:\n{dom}"
    );
    assert!(
        !dom.contains("class=\"error\">"),
        "the page reported an error:\n{dom}"
    );

    let dir = artifacts_dir();
    for (name, url) in [
        ("entity.png", format!("{}/entity/nvidia", server.url())),
        (
            "query.png",
            format!("{}/?query={}", server.url(), encode(query)),
        ),
    ] {
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        chromium(
            &url,
            &[
                format!("--screenshot={}", path.display()),
                "--window-size=1280,1500".to_owned(),
            ],
        );
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        assert!(
            size > 10_000,
            "screenshot {} is missing or empty ({size} bytes)",
            path.display()
        );
        println!("screenshot: {}", path.display());
    }
}
