//! Reads JSONL documents (`id`, `text`) from stdin and prints, per document, each sentence's rule
//! candidates (first pass, with their rule) and the learned recognizer's spans with their
//! scores, and the second pass's candidates (with the names the first pass learned, as
//! extraction runs it), offsets in code points: a development aid for comparing the rules and
//! the model on annotated text.
use std::io::BufRead;
use tripel_extract::text::numbers::scan;
use tripel_extract::text::segment::sentences;
use tripel_extract::{Lang, Lexicon};

fn main() {
    let lang = if std::env::args().nth(1).as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::De
    };
    let lex = Lexicon::load(None).expect("lexicon");
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let doc: serde_json::Value = serde_json::from_str(&line).expect("json");
        let text = doc["text"].as_str().unwrap_or_default();
        eprintln!("DOC {}", doc["id"]);
        let ch = |b: usize| text[..b].chars().count();
        let mut sents = Vec::new();
        let all = sentences(text, &lex);
        let mut names = tripel_extract::entities::NameMap::default();
        let mut first = Vec::new();
        for s in &all {
            let values = scan(text, &s.tokens, lang, &lex);
            let cands = tripel_extract::entities::recognize(text, s, lang, &lex, &values, None);
            names.learn(&cands, &lex);
            first.push((values, cands));
        }
        let show = |cs: &[tripel_extract::entities::Candidate]| -> Vec<serde_json::Value> {
            cs.iter()
                .map(|c| {
                    serde_json::json!([
                        ch(c.start),
                        ch(c.end),
                        format!("{:?}", c.kind),
                        c.rule.as_str()
                    ])
                })
                .collect()
        };
        for (s, (values, cands)) in all.iter().zip(&first) {
            let second =
                tripel_extract::entities::recognize(text, s, lang, &lex, values, Some(&names));
            let (cands, second) = (show(cands), show(&second));
            let tags = tripel_extract::entities::learned::spans(text, s, lang);
            let model: Vec<_> = (0..tags.len())
                .map(|k| {
                    let sp = tags.scored(k);
                    serde_json::json!([
                        ch(s.tokens[sp.start].start),
                        ch(s.tokens[sp.end - 1].end),
                        sp.label,
                        sp.score
                    ])
                })
                .collect();
            let toks: Vec<_> = s
                .tokens
                .iter()
                .map(|t| serde_json::json!([ch(t.start), ch(t.end)]))
                .collect();
            sents.push(
                serde_json::json!({"cands": cands, "second": second, "model": model, "toks": toks}),
            );
        }
        println!("{}", serde_json::json!({"id": doc["id"], "sents": sents}));
    }
}
