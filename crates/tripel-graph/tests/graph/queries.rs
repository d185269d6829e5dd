//! Builds the seed graph (the demo corpus in `data/corpus/`) and checks that every example
//! query in `queries/` answers its question with what the articles say.

use oxigraph::model::Term;
use std::path::PathBuf;
use std::sync::OnceLock;
use tripel_extract::{Document, ExtractConfig, Extractor};
use tripel_graph::queries::examples;
use tripel_graph::{content_hash, document_quads, DocumentGraph, Iris, KgStore};

fn seed_store() -> &'static KgStore {
    static STORE: OnceLock<KgStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let iris = Iris::default();
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/corpus");
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .expect("demo corpus")
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        let docs: Vec<Document> = paths
            .iter()
            .map(|p| Document {
                id: p.file_name().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(p).expect("demo article reads"),
            })
            .collect();
        assert_eq!(docs.len(), 2);
        let ex = Extractor::new(ExtractConfig::default()).expect("lexicons load");
        let graphs: Vec<DocumentGraph> = docs
            .iter()
            .zip(ex.extract_batch(&docs))
            .map(|(d, x)| DocumentGraph {
                graph: iris.document(&d.id),
                quads: document_quads(&iris, d, &x, &content_hash(&d.text)),
            })
            .collect();
        let store = KgStore::in_memory().expect("store");
        store.replace_documents(&graphs).expect("load");
        store
    })
}

/// The answers of the example query `name`, each row as plain strings.
fn answers(name: &str) -> Vec<Vec<String>> {
    let q = examples()
        .into_iter()
        .find(|q| q.name == name)
        .unwrap_or_else(|| panic!("no example query {name}"));
    let rows = seed_store().select(&q.sparql).expect("query runs");
    rows.rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| match t {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn every_query_states_its_question_and_runs() {
    let all = examples();
    assert!(all.len() >= 8);
    for q in all {
        assert!(
            q.title.ends_with('?') || q.title.ends_with(')') || q.title.ends_with('.'),
            "{}: {}",
            q.name,
            q.title
        );
        seed_store()
            .select(&q.sparql)
            .unwrap_or_else(|e| panic!("{}: {e}", q.name));
    }
}

#[test]
fn who_leads_which_company() {
    let a = answers("01-who-leads-which-company");
    assert!(
        a.contains(&row(&["Mark Zuckerberg", "CEO", "Meta"])),
        "{a:?}"
    );
    assert!(
        a.contains(&row(&["Jensen Huang", "CEO", "NVIDIA"])),
        "{a:?}"
    );
}

#[test]
fn what_meta_buys_with_quantity_and_deadline() {
    let a = answers("02-what-meta-buys");
    assert!(a.contains(&row(&["H100", "350000", "2024-12-31"])), "{a:?}");
    assert!(a.iter().any(|r| r[0] == "B200"), "{a:?}");
}

#[test]
fn what_nvidia_makes() {
    let a = answers("03-what-nvidia-makes");
    assert_eq!(a, vec![row(&["B200"]), row(&["H100"])]);
}

#[test]
fn who_praised_whom() {
    let a = answers("04-who-praised-whom");
    assert!(a.contains(&row(&["Jensen Huang", "Meta"])), "{a:?}");
    assert!(a.contains(&row(&["Mark Zuckerberg", "NVIDIA"])), "{a:?}");
}

#[test]
fn the_sentence_behind_a_fact() {
    let a = answers("05-sentence-behind-a-fact");
    assert_eq!(a.len(), 1, "{a:?}");
    let r = &a[0];
    assert_eq!(r[0], "001_a5c83785612a5e79.txt");
    assert!(
        r[1].contains("350.000 Hopper H100 von NVIDIA erwerben"),
        "{r:?}"
    );
    // The offsets point at the evidence in the document, in code points.
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/corpus/001_a5c83785612a5e79.txt"),
    )
    .unwrap();
    let (start, end): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
    let span: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(span, r[1]);
    assert!(r[4].parse::<f64>().unwrap() > 0.5);
    assert!(r[5].starts_with("de/buys/"));
}

#[test]
fn how_much_meta_invests() {
    let a = answers("06-how-much-meta-invests");
    assert_eq!(a.len(), 1, "{a:?}");
    assert_eq!(a[0][0].parse::<f64>().unwrap(), 35e9);
    assert_eq!(a[0][1].parse::<f64>().unwrap(), 40e9);
    assert_eq!(a[0][2], "USD");
}

#[test]
fn who_met_whom() {
    assert_eq!(
        answers("07-who-met-whom"),
        vec![row(&["Mark Zuckerberg", "Jensen Huang"])]
    );
}

#[test]
fn product_families() {
    let a = answers("08-product-families");
    assert!(a.contains(&row(&["B200", "Blackwell"])), "{a:?}");
    assert!(a.contains(&row(&["H100", "Hopper"])), "{a:?}");
}

#[test]
fn entities_by_type() {
    let a = answers("09-entities-by-type");
    let count = |t: &str| {
        a.iter()
            .find(|r| r[0] == t)
            .map_or(0, |r| r[1].parse::<u32>().unwrap())
    };
    assert_eq!(count("Person"), 2, "{a:?}");
    assert!(count("Product") >= 5, "{a:?}");
    assert!(count("Organization") >= 2, "{a:?}");
}

#[test]
fn everything_about_nvidia_comes_with_rules() {
    let a = answers("10-everything-about-nvidia");
    assert!(
        a.iter().any(|r| r[0] == "Jensen Huang" && r[2] == "NVIDIA"),
        "{a:?}"
    );
    assert!(
        a.iter().any(|r| r[0] == "NVIDIA" && r[2] == "H100"),
        "{a:?}"
    );
    assert!(a.iter().all(|r| r[3].starts_with("de/")), "{a:?}");
}
