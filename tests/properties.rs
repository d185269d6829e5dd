//! Property tests of the input reader: any bytes as a text file, any lines as a JSONL file.
//! No panic; every document read or skipped, never both and never lost; what is read is the
//! text as given; the extractor takes whatever the reader returns.
//!
//! proptest's default case count (256 per property) runs in the normal suite;
//! `PROPTEST_CASES=N` runs a longer one (docs/reliability.md).

use proptest::prelude::*;
use std::path::PathBuf;
use std::sync::OnceLock;
use tripel::extract::{isolate::extract_document, ExtractConfig, Extractor};
use tripel::input::{read_inputs, InputFormat};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(ExtractConfig::default()).expect("embedded lexicons load"))
}

/// Bytes that are often, but not always, UTF-8 text: text, text with a BOM, raw bytes.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<String>().prop_map(String::into_bytes),
        "\\PC{0,200}".prop_map(|s| format!("\u{feff}{s}").into_bytes()),
        prop::collection::vec(any::<u8>(), 0..300),
        (any::<String>(), any::<u8>(), any::<String>()).prop_map(|(a, b, c)| [
            a.as_bytes(),
            &[b],
            c.as_bytes()
        ]
        .concat()),
    ]
}

/// A JSONL line: a good object (string or numeric id, any text), an object missing a field,
/// a wrong type, or any string at all.
fn jsonl_line() -> impl Strategy<Value = String> {
    let id = prop_oneof![
        "[a-z0-9]{1,4}".prop_map(serde_json::Value::from),
        (0u32..20).prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
    ];
    prop_oneof![
        (id.clone(), any::<String>())
            .prop_map(|(id, text)| serde_json::json!({ "id": id, "text": text }).to_string()),
        id.prop_map(|id| serde_json::json!({ "id": id }).to_string()),
        any::<String>().prop_map(|s| s.replace(['\n', '\r'], " ")),
        "[{}\\[\\]\":, a-z0-9]{0,30}",
    ]
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

proptest! {
    #[test]
    fn any_bytes_are_read_or_skipped_and_read_text_extracts(bytes in file_bytes()) {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "doc.txt", &bytes);
        let inputs = read_inputs(std::slice::from_ref(&path), InputFormat::Text).unwrap();
        prop_assert_eq!(inputs.docs.len() + inputs.skipped.len(), 1);
        match std::str::from_utf8(&bytes) {
            Ok(text) if !bytes.contains(&0) => {
                let doc = &inputs.docs[0];
                prop_assert_eq!(doc.text.as_str(), text.strip_prefix('\u{feff}').unwrap_or(text));
                let x = extract_document(extractor(), doc);
                prop_assert!(x.is_ok(), "{:?}", x);
                let n = doc.text.chars().count();
                for f in &x.unwrap().facts {
                    let evidence: String =
                        doc.text.chars().skip(f.start).take(f.end - f.start).collect();
                    prop_assert!(f.end <= n);
                    prop_assert_eq!(&evidence, &f.evidence);
                }
            }
            _ => {
                let e = &inputs.skipped[0];
                prop_assert!(["binary", "not UTF-8"].contains(&e.reason()), "{}", e);
                let line = e.to_string();
                prop_assert!(line.starts_with(path.to_str().unwrap()));
                prop_assert!(!line.contains('\n'), "{}", line);
            }
        }
    }

    #[test]
    fn any_jsonl_lines_are_each_read_or_skipped(lines in prop::collection::vec(jsonl_line(), 0..12)) {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "c.jsonl", lines.join("\n").as_bytes());
        let inputs = read_inputs(std::slice::from_ref(&path), InputFormat::Jsonl).unwrap();
        let expected: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
        prop_assert_eq!(inputs.docs.len() + inputs.skipped.len(), expected.len());
        // Every document read is its line's text, in order, with a distinct id.
        let mut texts = expected.iter().filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            v.get("text")?.as_str().map(str::to_owned)
        });
        let mut ids = std::collections::HashSet::new();
        for d in &inputs.docs {
            prop_assert!(ids.insert(d.id.clone()), "duplicate id {} read", d.id);
            prop_assert!(texts.any(|t| t == d.text), "{:?} is no line's text", d.text);
        }
        for e in &inputs.skipped {
            // (Ids are user data and may hold line breaks: the command line prints each skip
            // on one line whatever its message holds.)
            prop_assert!(["bad JSONL line", "duplicate id"].contains(&e.reason()), "{}", e);
        }
        // The same file reads the same way twice.
        let again = read_inputs(std::slice::from_ref(&path), InputFormat::Jsonl).unwrap();
        prop_assert_eq!(&inputs.docs, &again.docs);
    }
}
