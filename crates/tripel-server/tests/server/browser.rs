//! The explorer page in a real browser: headless Chromium loads it from an in-process server on
//! loopback.
//!
//! * On the two-document fixture, the page's DOM after a query, an entity graph and a search.
//! * On a 200-document store built from the SmartData training corpus (`../shared/`, as in CI),
//!   the test works the page as a person would, with mouse and keyboard over the DevTools
//!   protocol ([`crate::cdp`]): it runs an example query, pages through the answer, downloads it
//!   as CSV and JSON, types into the editor (completion, error markers), grows the entity graph
//!   by clicking a node, pans and zooms it, and opens a fact in its document.
//!
//! Screenshots are kept under `$CARGO_TARGET_DIR/server-browser/` (`target/server-browser/`
//! by default) as artifacts. Skipped with a notice when Chromium or the corpus is missing on
//! a developer machine; under CI (`CI` set) either is a failure, since `.ci/setup` installs
//! Chromium and CI lays `shared/` beside the checkout.

use crate::cdp::{chromium_available, wait_for_file, Browser, CHROMIUM};
use crate::common::{example_queries, news_server, options};
use crate::http_client::encode;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tripel_extract::pipeline::{ExtractConfig, Extractor};
use tripel_extract::Document;
use tripel_graph::{content_hash, document_quads, DocumentGraph, Iris, KgStore, DEFAULT_BASE};
use tripel_server::Server;

/// How many documents the corpus test builds its store from.
const CORPUS_DOCUMENTS: usize = 200;

fn artifacts_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("server-browser");
    std::fs::create_dir_all(&dir).expect("artifact directory");
    dir
}

/// `false` (after a notice) when the test cannot run here; a panic under CI.
fn can_run(test: &str, what: &str, available: bool) -> bool {
    if available {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{what} is missing: run .ci/setup");
    }
    eprintln!("SKIPPED {test}: no {what}");
    false
}

#[test]
fn explorer_page_runs_queries_and_draws_the_entity_graph() {
    let test = "explorer_page_runs_queries_and_draws_the_entity_graph";
    if !can_run(test, CHROMIUM, chromium_available()) {
        return;
    }
    let server = news_server(options());
    let query = "PREFIX tri: <https://w3id.org/tripel/ontology#>\nSELECT ?person ?company WHERE { ?person tri:ceoOf ?company } ORDER BY ?person";
    let url = format!(
        "{}/entity/jensen-huang?query={}&find=huang",
        server.url(),
        encode(query)
    );
    let downloads = tempfile::tempdir().expect("download directory");
    let mut b = Browser::start(1280, 1500, downloads.path());
    b.goto(&url);
    // Done when the query, the graph with its first edge's evidence, and the search have
    // answered.
    b.wait_for(
        "document.getElementById('status').textContent.includes(' in ') \
         && document.querySelector('#edge-detail blockquote') \
         && document.querySelector('#search-results li[data-iri]')",
        "the query, the graph and the search",
    );
    let dom = text(&mut b, "document.documentElement.outerHTML");
    assert!(dom.contains("<html"), "chromium printed no DOM:\n{dom}");

    // The editor is CodeMirror (the vendored bundle ran under the page's CSP).
    assert!(
        dom.contains("class=\"cm-editor"),
        "no CodeMirror editor:\n{dom}"
    );
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
    // that carry their evidence sentence and source document, and the documents that mention it.
    assert!(dom.contains("<svg id=\"graph\""), "no graph view:\n{dom}");
    assert!(
        dom.contains("class=\"node center expanded\""),
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
        dom.contains("data-iri=\"https://w3id.org/tripel/data/doc/nvidia-en-txt\""),
        "the document that mentions the entity is a node:\n{dom}"
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

    // A store built before documents kept their text: the source view shows the evidence
    // sentences, in order, and says why.
    b.goto(&format!(
        "{}/?fact={}",
        server.url(),
        encode("https://w3id.org/tripel/data/fact/f-nvidia-4")
    ));
    b.wait_for(
        "document.querySelector('#source-text mark.selected')",
        "the source view",
    );
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('#source-text mark.selected').textContent"
        ),
        "The Santa Clara-based chipmaker said Meta would be among the first buyers."
    );
    assert_eq!(count(&mut b, "#source-text mark.evidence"), 2);
    assert!(
        text(
            &mut b,
            "document.getElementById('source-message').textContent"
        )
        .contains("tri:text"),
        "the notice says the text is missing"
    );

    let dir = artifacts_dir();
    b.goto(&format!("{}/entity/nvidia", server.url()));
    b.wait_for(
        "document.querySelector('#edge-detail blockquote')",
        "the entity graph",
    );
    shoot(&mut b, &dir, "entity.png");
    b.goto(&format!("{}/?query={}", server.url(), encode(query)));
    b.wait_for("document.querySelector('#results table')", "the results");
    shoot(&mut b, &dir, "query.png");
}

/// The SmartData training corpus, one JSON document a line, where CI lays `shared/`.
fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/train/smartdata-v1/train.jsonl")
}

/// A store built as `tripel build --input jsonl` would build it, from the corpus's first
/// [`CORPUS_DOCUMENTS`] documents.
fn corpus_store(path: &Path) -> KgStore {
    let text = std::fs::read_to_string(path).expect("corpus readable");
    let docs: Vec<Document> = text
        .lines()
        .take(CORPUS_DOCUMENTS)
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("corpus line is JSON");
            Document {
                id: v["id"].as_str().expect("id").to_owned(),
                text: v["text"].as_str().expect("text").to_owned(),
            }
        })
        .collect();
    assert_eq!(docs.len(), CORPUS_DOCUMENTS, "corpus too short");
    let extractor = Extractor::new(ExtractConfig::default()).expect("built-in language data");
    let iris = Iris::new(DEFAULT_BASE);
    let graphs: Vec<DocumentGraph> = docs
        .iter()
        .zip(extractor.extract_batch(&docs))
        .map(|(doc, ex)| DocumentGraph {
            graph: iris.document(&doc.id),
            quads: document_quads(&iris, doc, &ex, &content_hash(&doc.text)),
        })
        .collect();
    let store = KgStore::in_memory().expect("in-memory store");
    store.replace_documents(&graphs).expect("documents stored");
    store
        .refresh_identity(&iris, extractor.lexicon())
        .expect("identity links");
    store
}

fn text(browser: &mut Browser, expression: &str) -> String {
    browser
        .eval(expression)
        .as_str()
        .map(str::to_owned)
        .unwrap_or_default()
}

fn count(browser: &mut Browser, selector: &str) -> u64 {
    browser
        .eval(&format!(
            "document.querySelectorAll({}).length",
            serde_json::json!(selector)
        ))
        .as_u64()
        .unwrap_or(0)
}

fn no_error(browser: &mut Browser, when: &str) {
    let errors = text(
        browser,
        "Array.from(document.querySelectorAll('.error')).filter(e => !e.hidden && e.offsetParent).map(e => e.textContent).join('\\n')",
    );
    assert!(
        errors.is_empty(),
        "the page reported an error {when}: {errors}"
    );
}

fn shoot(browser: &mut Browser, dir: &Path, name: &str) {
    let path = dir.join(name);
    let size = browser.screenshot(&path);
    assert!(
        size > 20_000,
        "screenshot {} is nearly empty ({size} bytes)",
        path.display()
    );
    println!("screenshot: {}", path.display());
}

/// The viewport transform of the graph: (x, y, scale).
fn view(browser: &mut Browser) -> (f64, f64, f64) {
    let t = text(
        browser,
        "document.querySelector('#graph g.viewport').getAttribute('transform')",
    );
    let numbers: Vec<f64> = t
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == 'e'))
        .filter_map(|s| s.parse().ok())
        .collect();
    assert_eq!(numbers.len(), 3, "viewport transform {t:?}");
    (numbers[0], numbers[1], numbers[2])
}

#[test]
fn explorer_works_a_200_document_corpus_like_a_person() {
    let test = "explorer_works_a_200_document_corpus_like_a_person";
    let corpus = corpus_path();
    if !can_run(test, CHROMIUM, chromium_available())
        || !can_run(test, &corpus.display().to_string(), corpus.exists())
    {
        return;
    }
    let store = corpus_store(&corpus);
    let mut opts = options();
    opts.queries = example_queries();
    let server = Server::start(store, opts).expect("server starts");
    let dir = artifacts_dir();
    let downloads = tempfile::tempdir().expect("download directory");
    let mut b = Browser::start(1280, 1000, downloads.path());

    // 1. The start page: CodeMirror, the examples for any corpus before the seed examples.
    b.goto(&format!("{}/", server.url()));
    b.wait_for("document.querySelector('#editor .cm-editor')", "the editor");
    let groups = text(
        &mut b,
        "Array.from(document.querySelectorAll('#examples optgroup')).map(g => g.label).join('|')",
    );
    assert_eq!(groups, "Any corpus|Seed examples");
    let first = text(
        &mut b,
        "document.querySelector('#examples').selectedOptions[0].dataset.name",
    );
    assert_eq!(
        first, "most-mentioned-entities",
        "the editor starts with the first example"
    );

    // 2. Run it, and page through the answer: 200 rows, 100 a page.
    b.click("#run");
    b.wait_for(
        "document.getElementById('page-info').textContent.startsWith('rows 1–100 of 200')",
        "the first page",
    );
    assert_eq!(count(&mut b, "#results tbody tr"), 100);
    let top_entity = text(
        &mut b,
        "document.querySelector('#results tbody a.entity').getAttribute('href')",
    );
    assert!(top_entity.starts_with("/entity/"), "{top_entity}");
    b.click("#page-next");
    b.wait_for(
        "document.getElementById('page-info').textContent.startsWith('rows 101–200 of 200')",
        "the second page",
    );
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('#results tbody td.rownum').textContent"
        ),
        "101"
    );
    assert_eq!(
        b.eval("document.getElementById('page-next').disabled"),
        Value::Bool(true)
    );
    no_error(&mut b, "after paging");
    shoot(&mut b, &dir, "corpus-query.png");

    // 3. Download the whole answer in the endpoint's own CSV and JSON.
    b.click("button.download[data-format='csv']");
    let csv = std::fs::read_to_string(wait_for_file(downloads.path(), "tripel-results.csv"))
        .expect("csv download");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "entity,type,documents", "CSV header");
    assert_eq!(lines.len(), 201, "header and 200 rows");
    b.click("button.download[data-format='json']");
    let json = std::fs::read_to_string(wait_for_file(downloads.path(), "tripel-results.json"))
        .expect("json download");
    let json: Value = serde_json::from_str(&json).expect("JSON results");
    assert_eq!(
        json["results"]["bindings"].as_array().map(Vec::len),
        Some(200)
    );

    // 4. Facts of one type, chosen from the predicates the store has.
    b.wait_for(
        "document.querySelectorAll('#fact-types option').length > 1",
        "fact types",
    );
    b.eval("(() => { const s = document.getElementById('fact-types'); s.selectedIndex = 1; s.dispatchEvent(new Event('change')); })()");
    b.wait_for(
        "Array.from(document.querySelectorAll('#results th')).some(th => th.textContent === '?evidence')",
        "facts of the chosen type",
    );
    no_error(&mut b, "after facts of a type");

    // 5. The editor: prefix completion, and error markers while typing.
    b.click("#editor .cm-content");
    b.key("a", "KeyA", 65, 2);
    b.type_text("PREFIX tr");
    b.wait_for(
        "Array.from(document.querySelectorAll('.cm-tooltip-autocomplete li')).some(li => li.textContent.startsWith('tri:'))",
        "prefix completion",
    );
    // CodeMirror ignores keys in the first 75 ms of a completion list, as a person would not
    // have seen it yet.
    std::thread::sleep(Duration::from_millis(300));
    b.key("Enter", "Enter", 13, 0);
    let typed = text(
        &mut b,
        "document.querySelector('#editor .cm-content').textContent",
    );
    assert!(
        typed.starts_with("PREFIX tri: <https://w3id.org/tripel/ontology#>"),
        "completion inserted the declaration: {typed}"
    );
    b.type_text("\nSELECT * WHERE { ?s foo:bar ?o . ?s ?p }");
    b.wait_for(
        "document.querySelectorAll('.cm-lintRange-error').length >= 2",
        "error markers",
    );
    shoot(&mut b, &dir, "corpus-editor.png");

    // 6. The graph of the most-mentioned entity grows in place when a node is clicked.
    b.goto(&format!("{}{top_entity}", server.url()));
    b.wait_for(
        "document.querySelectorAll('#graph g.node.doc').length > 0",
        "the entity graph",
    );
    let before = count(&mut b, "#graph g.node");
    let root = text(
        &mut b,
        "document.querySelector('#graph g.node.center').getAttribute('transform')",
    );
    let doc_node = text(
        &mut b,
        "document.querySelector('#graph g.node.doc:not(.expanded)').getAttribute('data-iri')",
    );
    b.click(&format!("#graph g.node[data-iri='{doc_node}'] rect"));
    b.wait_for(
        &format!("document.querySelector(\"#graph g.node[data-iri='{doc_node}']\").classList.contains('expanded')"),
        "the document node to expand",
    );
    b.wait_for(
        &format!("document.querySelectorAll('#graph g.node').length > {before}"),
        "new neighbours",
    );
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('#graph g.node.center').getAttribute('transform')"
        ),
        root,
        "expanding keeps the nodes on screen where they were"
    );
    assert!(
        count(&mut b, "#edge-detail a.open") == 1,
        "the panel links the clicked node's own view"
    );
    // Zoom with the button and the wheel, pan by dragging the background.
    let (x0, y0, k0) = view(&mut b);
    b.click("#zoom-out");
    let (_, _, k1) = view(&mut b);
    assert!(k1 < k0, "zoom out: {k0} → {k1}");
    let (gx, gy) = b.centre("#graph");
    b.wheel((gx, gy), -300.0);
    b.wait_for(&format!("parseFloat(document.querySelector('#graph g.viewport').getAttribute('transform').split('scale(')[1]) > {k1}"), "wheel zoom");
    let corner = text(&mut b, "(() => { const r = document.getElementById('graph').getBoundingClientRect(); return (r.left + 8) + ',' + (r.top + 8); })()");
    let (cx, cy) = corner
        .split_once(',')
        .map(|(a, b)| (a.parse::<f64>().unwrap(), b.parse::<f64>().unwrap()))
        .unwrap();
    let (x2, y2, _) = view(&mut b);
    b.drag((cx, cy), (cx + 60.0, cy + 40.0));
    let (x3, y3, _) = view(&mut b);
    assert!(
        (x3 - x2 - 60.0).abs() < 2.0 && (y3 - y2 - 40.0).abs() < 2.0,
        "pan: ({x2},{y2}) → ({x3},{y3})"
    );
    assert!((x0, y0) != (x3, y3));
    b.click("#zoom-fit");
    no_error(&mut b, "in the graph");
    shoot(&mut b, &dir, "corpus-graph.png");

    // 7. A fact in its document: the whole text, the evidence sentence marked, subject and
    //    object underlined.
    let fact: Value = b.eval(
        "fetch('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json' }, \
         body: 'PREFIX tri: <https://w3id.org/tripel/ontology#> SELECT ?f ?ev ?st ?ot ?text WHERE { ?f a tri:Fact ; tri:evidence ?ev ; tri:subjectText ?st ; tri:objectText ?ot ; tri:document ?d . ?d tri:text ?text \
         FILTER(CONTAINS(?ev, ?st) && CONTAINS(?ev, ?ot) && STRLEN(?text) > STRLEN(?ev)) } ORDER BY ?f LIMIT 1' }).then(r => r.json()).then(j => j.results.bindings[0])",
    );
    let field = |name: &str| fact[name]["value"].as_str().expect("fact field").to_owned();
    let (fact_iri, evidence) = (field("f"), field("ev"));
    b.goto(&format!("{}/?fact={}", server.url(), encode(&fact_iri)));
    b.wait_for(
        "document.querySelector('#source-text mark.evidence.selected .arg')",
        "the source view",
    );
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('#source-text mark.selected').textContent"
        ),
        evidence
    );
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('#source-text .arg.subject').textContent"
        ),
        field("st")
    );
    assert_eq!(
        text(
            &mut b,
            "document.querySelector('#source-text .arg.object').textContent"
        ),
        field("ot")
    );
    assert_eq!(
        text(&mut b, "document.getElementById('source-text').textContent"),
        field("text"),
        "the source view shows the document's whole text"
    );
    assert_eq!(count(&mut b, "#source-facts li.selected"), 1);
    assert!(
        count(&mut b, "#source-entities a.chip") > 0,
        "the document's entities"
    );
    no_error(&mut b, "in the source view");
    shoot(&mut b, &dir, "corpus-source.png");
}
