//! The name recognizer: the shipped German model, BIO validity, deterministic training on a
//! tiny slice, the tokenizer and the manifest entry.

use tripel_analysis::ner::{self, allowed, tokenize, NerSentence, LABELS};
use tripel_analysis::ner_data;
use tripel_analysis::{Lang, Ner, NerConfig};

fn words(s: &str) -> Vec<&str> {
    tokenize(s).into_iter().map(|(a, b)| &s[a..b]).collect()
}

#[test]
fn shipped_model_finds_invented_names() {
    let ner = Ner::load(Lang::De).unwrap();
    let text = "Die Quendel AG aus Bremen ernennt Jonas Pfeiffer zum Vorstandschef.";
    let w = words(text);
    let spans = ner.tag(&w);
    let found: Vec<(String, &str)> = spans
        .iter()
        .map(|s| (w[s.start..s.end].join(" "), s.label))
        .collect();
    assert!(found.contains(&("Quendel AG".into(), "ORG")), "{found:?}");
    assert!(found.contains(&("Bremen".into(), "LOC")), "{found:?}");
    assert!(
        found.contains(&("Jonas Pfeiffer".into(), "PER")),
        "{found:?}"
    );
    for s in &spans {
        assert!(s.score > 0.0 && s.score <= 1.0);
    }
}

#[test]
fn output_is_valid_bio() {
    let ner = Ner::load(Lang::De).unwrap();
    for text in [
        "Laut Sprecherin Anna-Lena Brockhoff von der Weserwind Energie GmbH & Co. KG in Oldenburg wurden 350.000 Euro investiert.",
        "Müller Schmidt Meier GmbH Berlin Hamburg AG Peter",
        "und oder , . der die das",
        "Der Verkehr auf der A 7 zwischen Kassel-Nord und Hann. Münden ist frei.",
    ] {
        let w = words(text);
        let bio = ner.tag_bio(&w);
        assert_eq!(bio.len(), w.len());
        let mut prev = None;
        for &(c, p) in &bio {
            assert!(allowed(prev, c), "{text}: {:?}", ner.tag_labels(&w));
            assert!(p > 0.0 && p <= 1.0);
            prev = Some(c);
        }
    }
}

#[test]
fn spans_are_the_bio_labels_with_their_mean_marginals() {
    // `tag` decodes on its own path (no marginals for a sentence without names); its spans
    // and scores must be those of `tag_bio`'s labels and probabilities.
    let ner = Ner::load(Lang::De).unwrap();
    for text in [
        "Laut Sprecherin Anna-Lena Brockhoff von der Weserwind Energie GmbH & Co. KG in Oldenburg wurden 350.000 Euro investiert.",
        "Die Quendel AG aus Bremen ernennt Jonas Pfeiffer zum Vorstandschef.",
        "und oder , . der die das",
        "Der Verkehr auf der A 7 zwischen Kassel-Nord und Hann. Münden ist frei.",
    ] {
        let w = words(text);
        let bio = ner.tag_bio(&w);
        let classes: Vec<u8> = bio.iter().map(|b| b.0 as u8).collect();
        let want: Vec<(usize, usize, &str, f32)> = ner::spans_of(&classes)
            .into_iter()
            .map(|(s, e, t)| {
                let score = bio[s..e].iter().map(|b| b.1).sum::<f32>() / (e - s) as f32;
                (s, e, ner::TYPES[t], score)
            })
            .collect();
        let got: Vec<(usize, usize, &str, f32)> = ner
            .tag(&w)
            .into_iter()
            .map(|s| (s.start, s.end, s.label, s.score))
            .collect();
        assert_eq!(got, want, "{text}");
        // Scored lazily and in another order (the last name first, as extraction may ask),
        // the same names and scores.
        let lazy = ner.tag_lazy(&w);
        assert_eq!(lazy.len(), want.len(), "{text}");
        for k in (0..lazy.len()).rev() {
            let s = lazy.scored(k);
            assert_eq!((s.start, s.end, s.label, s.score), want[k], "{text}");
        }
    }
}

fn tiny() -> Vec<NerSentence> {
    let tsv = "#\tinvented\n1\tDie\tO\tO\n2\tBerger\tB-ORG\tO\n3\tAG\tI-ORG\tO\n4\tin\tO\tO\n5\tKiel\tB-LOC\tO\n6\twächst\tO\tO\n7\t.\tO\tO\n\n\
#\tinvented\n1\tLena\tB-PER\tO\n2\tVoss\tI-PER\tO\n3\tleitet\tO\tO\n4\tdie\tO\tO\n5\tOrtwin\tB-ORG\tO\n6\tGmbH\tI-ORG\tO\n7\tdeutsche\tB-LOCderiv\tO\n\n";
    let mut s = ner_data::read_germeval(tsv, 0);
    let doc = r#"{"id":"x","text":"Tom Kranz verlässt die Holm AG.\nIn Jena regnet es.","entities":[{"start":0,"end":9,"type":"PERSON"},{"start":23,"end":30,"type":"ORGANIZATION_COMPANY"},{"start":35,"end":39,"type":"LOCATION_CITY"}]}"#;
    s.extend(ner_data::read_smartdata(doc, &Default::default(), 1));
    s
}

#[test]
fn corpus_readers_map_types() {
    let s = tiny();
    assert_eq!(s.len(), 4);
    let labels =
        |k: usize| -> Vec<&str> { s[k].tags.iter().map(|&t| LABELS[t as usize]).collect() };
    assert_eq!(labels(0), ["O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "O"]);
    assert_eq!(
        labels(1),
        ["B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "O"]
    );
    assert_eq!(
        s[2].words,
        ["Tom", "Kranz", "verlässt", "die", "Holm", "AG", "."]
    );
    assert_eq!(
        labels(2),
        ["B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "O"]
    );
    assert_eq!(labels(3), ["O", "B-LOC", "O", "O", "O"]);
}

#[test]
fn tiny_training_is_deterministic() {
    let cfg = NerConfig {
        epochs: 3,
        seed: 7,
        domain_copies: true,
        predict_domain: 0,
        pos: false,
        viterbi: true,
        fold_copies: true,
        fold_also: None,
        evidence: std::sync::Arc::new(vec!["deutsche".into()]),
        verbose: false,
    };
    let a = ner::train(&tiny(), "de", &cfg);
    let b = ner::train(&tiny(), "de", &cfg);
    assert_eq!(a.to_bytes(), b.to_bytes());
    let back = Ner::from_bytes(&a.to_bytes()).unwrap();
    assert_eq!(back.to_bytes(), a.to_bytes());
    let sc = ner::evaluate(&back, &tiny());
    assert!(sc.micro().2 > 0.5, "{}", sc.summary());
}

#[test]
fn tokenizer_keeps_compounds_and_numbers() {
    assert_eq!(
        words("Die Rhein-Main-Bahn (RMB) zahlt 350.000 Euro, d.h. 3,5 %!"),
        [
            "Die",
            "Rhein-Main-Bahn",
            "(",
            "RMB",
            ")",
            "zahlt",
            "350.000",
            "Euro",
            ",",
            "d",
            ".",
            "h",
            ".",
            "3,5",
            "%",
            "!"
        ]
    );
}

#[test]
fn manifest_has_the_name_model() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models");
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    let e = m["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["file"] == "ner-de.bin")
        .expect("ner-de.bin in the manifest");
    assert!(e["licence"].as_str().unwrap().starts_with("CC BY 4.0"));
    let bytes = std::fs::read(dir.join("ner-de.bin")).unwrap();
    assert_eq!(e["size"].as_u64().unwrap(), bytes.len() as u64);
    assert!(bytes.len() < 5_000_000);
    assert!(
        e["scores"]["germeval_held_out_fifth"]["micro_f1"]
            .as_f64()
            .unwrap()
            > 0.5
    );
}

#[test]
fn english_model_finds_invented_names() {
    let ner = Ner::load(Lang::En).unwrap();
    let text =
        "Maria Holloway, a spokeswoman for Brindle Corp. in Chicago, said the plant would close.";
    let w: Vec<&str> = ner_data::tokenize_en(text)
        .into_iter()
        .map(|(a, b)| &text[a..b])
        .collect();
    assert!(w.contains(&"Corp."));
    let found: Vec<(String, &str)> = ner
        .tag(&w)
        .iter()
        .map(|s| (w[s.start..s.end].join(" "), s.label))
        .collect();
    assert!(found.contains(&("Chicago".into(), "LOC")), "{found:?}");
    assert!(
        found
            .iter()
            .any(|f| f.1 == "PER" && f.0.contains("Holloway")),
        "{found:?}"
    );
}

/// Issue 10's mention rules on news-like sentences: common words are never places, names are
/// whole, a full name is one mention; and the span scores are graded, not all 1.
#[test]
fn shipped_model_keeps_the_news_mention_rules() {
    let ner = Ner::load(Lang::De).unwrap();
    let found = |text: &str| -> Vec<(String, &'static str, f32)> {
        let w = words(text);
        ner.tag(&w)
            .iter()
            .map(|s| (w[s.start..s.end].join(" "), s.label, s.score))
            .collect()
    };
    for text in [
        "Man sagt, die Waren seien teuer.",
        "Waren aus Übersee werden teurer.",
        "Ob das stimmt, weiß niemand.",
    ] {
        let f = found(text);
        assert!(
            !f.iter()
                .any(|x| ["Man", "Waren", "Ob"].contains(&x.0.as_str())),
            "{text}: {f:?}"
        );
    }
    let f = found("Der 1. FC Köln gewann gegen Borussia Dortmund.");
    assert!(
        f.iter().any(|x| x.0 == "1 . FC Köln" && x.1 == "ORG"),
        "{f:?}"
    );
    let f = found("Bundeskanzlerin Angela Merkel traf Jonas Pfeiffer in Paris.");
    assert!(
        f.iter().any(|x| x.0 == "Angela Merkel" && x.1 == "PER"),
        "{f:?}"
    );
    assert!(!f.iter().any(|x| x.0 == "Merkel"), "{f:?}");
    assert!(f.iter().any(|x| x.2 < 0.99), "scores are not graded: {f:?}");
}

#[test]
fn ner_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Ner>();
}

/// Folding the predict domain's copy into the general features keeps the predictions and
/// drops the copies.
#[test]
fn folded_copies_predict_the_same() {
    let cfg = |fold: bool| NerConfig {
        epochs: 3,
        seed: 7,
        domain_copies: true,
        predict_domain: 1,
        pos: false,
        viterbi: true,
        fold_copies: fold,
        fold_also: None,
        evidence: Default::default(),
        verbose: false,
    };
    let folded = ner::train(&tiny(), "de", &cfg(true));
    let plain = ner::train(&tiny(), "de", &cfg(false));
    assert!(folded.n_features() < plain.n_features());
    for s in tiny() {
        let w: Vec<&str> = s.words.iter().map(String::as_str).collect();
        assert_eq!(folded.tag_labels(&w), plain.tag_labels(&w));
    }
}
