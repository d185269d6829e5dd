//! Speed of the parser on one core: loads the shipped tagger and parser, tags the words of a
//! CoNLL-U file once, then parses every sentence several times and prints sentences per second
//! (parsing alone, and tagging plus parsing).
//!
//! ```text
//! cargo run --release -p tripel-analysis --example parser_bench -- de ../shared/train/ud/de_gsd-ud-test.conllu
//! ```

use std::time::Instant;
use tripel_analysis::{conllu, Analyzer, Lang, Parser};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.first().map(String::as_str) == Some("en") {
        Lang::En
    } else {
        Lang::De
    };
    let path = args
        .get(1)
        .ok_or("usage: parser_bench de|en FILE.conllu [ROUNDS]")?;
    let rounds: usize = args.get(2).map_or(Ok(3), |r| r.parse())?;
    let t = Instant::now();
    let an = Analyzer::load(lang)?;
    let p = Parser::load(lang)?;
    println!("load (tagger + parser): {:.3} s", t.elapsed().as_secs_f64());
    let sents = conllu::read(&std::fs::read_to_string(path)?)?;
    let words: Vec<Vec<String>> = sents
        .iter()
        .map(|s| s.words().map(|r| r.form.clone()).collect())
        .collect();
    let t = Instant::now();
    let tagged: Vec<_> = words
        .iter()
        .map(|w| {
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            an.analyze(&refs)
        })
        .collect();
    let tag_s = t.elapsed().as_secs_f64();
    let (mut n_sent, mut n_tok) = (0usize, 0usize);
    let t = Instant::now();
    for _ in 0..rounds {
        for (w, a) in words.iter().zip(&tagged) {
            let refs: Vec<&str> = w.iter().map(String::as_str).collect();
            n_tok += p.parse(&refs, a).len();
            n_sent += 1;
        }
    }
    let s = t.elapsed().as_secs_f64();
    let per_round = s / rounds as f64;
    println!(
        "parsing: {n_sent} sentences, {n_tok} words in {s:.2} s: {:.0} sentences/s, {:.0} words/s",
        n_sent as f64 / s,
        n_tok as f64 / s
    );
    println!(
        "tagging + parsing: {:.0} sentences/s",
        words.len() as f64 / (tag_s + per_round)
    );
    Ok(())
}
