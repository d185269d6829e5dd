//! Property tests: any text, any bytes through the extractor. No panic; every span a valid
//! code-point range of its document; every evidence and surface string its slice of the text;
//! the same output for the same input, alone or in a batch.
//!
//! The number of cases is proptest's default (256 per property); `PROPTEST_CASES=100000 cargo
//! test --release -p tripel-extract --test properties` is the long run (docs/reliability.md).

use proptest::prelude::*;
use std::sync::OnceLock;
use tripel_extract::isolate::extract_document;
use tripel_extract::{Argument, Document, ExtractConfig, Extraction, Extractor};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(ExtractConfig::default()).expect("embedded lexicons load"))
}

/// Words and marks from the patterns' world, so that generated text reaches names, values and
/// facts and not only the tokenizer: names, verbs, numbers in both languages' formats,
/// abbreviations, quotes, combining marks, emoji, line breaks.
const VOCAB: &[&str] = &[
    "Meta",
    "kauft",
    "bestellt",
    "350.000",
    "H100",
    "B200-GPUs",
    "von",
    "bei",
    "NVIDIA",
    ".",
    "Siemens",
    "übernimmt",
    "Bosch",
    "Mark",
    "Zuckerberg",
    ",",
    "CEO",
    "Chef",
    "Jensen",
    "Huang",
    "traf",
    "in",
    "San",
    "Francisco",
    "Milliarden",
    "Euro",
    "für",
    "2024",
    "am",
    "3.",
    "März",
    "„",
    "“",
    "\"",
    "(",
    ")",
    "-",
    "–",
    "und",
    "acquired",
    "Apple",
    "bought",
    "Microsoft",
    "for",
    "$",
    "5",
    "billion",
    "Dr.",
    "z.",
    "B.",
    "e\u{301}",
    "ß",
    "🙂",
    "\n",
    "\n\n",
    "Die",
    "Firma",
    "das",
    "Unternehmen",
    "investiert",
    "gründete",
    "BeitragMark",
    "OpenAI",
    "Berlin",
    "3,5",
    "%",
    "Mio.",
    "?",
    "!",
    "…",
    "…",
    "'s",
    "the",
    "company",
    "CEO",
    "of",
    "Inc.",
    "GmbH",
    "AG",
    "\t",
    "#KI",
    "@meta",
    "https://x.de/a.b",
    "1.",
    "Januar",
];

fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(VOCAB),
            prop::sample::select(&[" ", " ", " ", "", "\n"][..]),
        ),
        0..150,
    )
    .prop_map(|parts| parts.into_iter().flat_map(|(w, s)| [w, s]).collect())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        newsish(),
        any::<String>(),
        "\\PC{0,400}",
        prop::collection::vec(any::<u8>(), 0..400)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.to_owned(),
        text: text.to_owned(),
    }
}

/// The code points `start..end` of `text`, or `None` if the range is not inside it.
fn slice(text: &str, start: usize, end: usize) -> Option<String> {
    (start <= end && end <= text.chars().count())
        .then(|| text.chars().skip(start).take(end - start).collect())
}

fn check(text: &str, x: &Extraction) -> Result<(), TestCaseError> {
    let n = text.chars().count();
    for s in &x.sentences {
        prop_assert!(
            s.start <= s.end && s.end <= n,
            "sentence {s:?} in {n} chars"
        );
    }
    for m in &x.mentions {
        let at = slice(text, m.start, m.end);
        prop_assert!(at.is_some(), "mention {}..{} in {n} chars", m.start, m.end);
        prop_assert_eq!(at.as_deref(), Some(m.text.as_str()), "mention text");
    }
    for f in &x.facts {
        let evidence = slice(text, f.start, f.end);
        prop_assert_eq!(
            evidence.as_deref(),
            Some(f.evidence.as_str()),
            "evidence of {}",
            f.rule
        );
        // An argument may lie outside the evidence sentence (a topic carried over from the
        // sentence before), but it is always its own slice of the document.
        for arg in [&f.subject, &f.object] {
            let (start, end, surface) = match arg {
                Argument::Entity(e) => (e.start, e.end, &e.text),
                Argument::Literal(l) => (l.start, l.end, &l.text),
            };
            let at = slice(text, start, end);
            prop_assert_eq!(
                at.as_deref(),
                Some(surface.as_str()),
                "argument of {}",
                f.rule
            );
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn any_text_extracts_with_valid_spans_and_the_same_result_twice(text in any_text()) {
        let d = doc("p.txt", &text);
        let first = extract_document(extractor(), &d);
        prop_assert!(first.is_ok(), "{first:?}");
        let first = first.unwrap();
        check(&text, &first)?;
        prop_assert_eq!(&first, &extractor().extract(&d));
    }

    #[test]
    fn a_batch_of_any_texts_is_valid_and_deterministic(
        texts in prop::collection::vec(any_text(), 1..5)
    ) {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| doc(&format!("d{i}"), t))
            .collect();
        let batch = extractor().extract_batch(&docs);
        prop_assert_eq!(batch.len(), docs.len());
        for (d, x) in docs.iter().zip(&batch) {
            check(&d.text, x)?;
        }
        prop_assert_eq!(batch, extractor().extract_batch(&docs));
    }
}
