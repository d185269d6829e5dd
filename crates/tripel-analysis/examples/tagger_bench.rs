//! Speed of the analyser on one core: loads a shipped model, then tags and lemmatises the words
//! of a CoNLL-U file several times and prints tokens per second.
//!
//! ```text
//! cargo run --release -p tripel-analysis --example tagger_bench -- de ../shared/train/ud/de_gsd-ud-test.conllu
//! ```

use std::time::Instant;
use tripel_analysis::{conllu, Analyzer, Lang};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.first().map(String::as_str) == Some("en") {
        Lang::En
    } else {
        Lang::De
    };
    let path = args
        .get(1)
        .ok_or("usage: bench de|en FILE.conllu [ROUNDS]")?;
    let rounds: usize = args.get(2).map_or(Ok(3), |r| r.parse())?;
    let t = Instant::now();
    let an = Analyzer::load(lang)?;
    let _ = an.analyze(&["Haus"]); // loads the word lists too
    println!(
        "load (model + word lists): {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let sents = conllu::read(&std::fs::read_to_string(path)?)?;
    let words: Vec<Vec<String>> = sents
        .iter()
        .map(|s| s.words().map(|r| r.form.clone()).collect())
        .collect();
    let bytes: usize = words.iter().flatten().map(|w| w.len() + 1).sum();
    let mut tokens = 0usize;
    let t = Instant::now();
    for _ in 0..rounds {
        for w in &words {
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            tokens += an.analyze(&refs).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{tokens} tokens in {s:.2} s: {:.0} tokens/s, {:.2} MB/s of text",
        tokens as f64 / s,
        (bytes * rounds) as f64 / s / 1e6
    );
    Ok(())
}
