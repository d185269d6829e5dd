//! Tags and lemmatises text from stdin and prints CoNLL-U.
//!
//! ```text
//! echo "Der Konzern hat die Firma übernommen." | cargo run --release -p tripel-analysis --example analyze -- --lang de
//! cargo run --release -p tripel-analysis --example analyze -- --lang en --input conllu < file.conllu
//! ```
//!
//! Text input: one sentence per line, split at spaces and at punctuation around words (a
//! stand-in for tripel-extract's tokenizer). CoNLL-U input: the gold words are re-analysed and
//! their LEMMA, UPOS, XPOS and FEATS replaced.

use std::io::Read;
use tripel_analysis::{conllu, fill_row, write_conllu, Analyzer, Lang};

fn tokenize(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in line.split_whitespace() {
        let chars: Vec<char> = chunk.chars().collect();
        let (mut a, mut b) = (0, chars.len());
        let punct = |c: char| !c.is_alphanumeric() && c != '-' && c != '\'';
        while a < b && punct(chars[a]) {
            out.push(chars[a].to_string());
            a += 1;
        }
        let mut tail = Vec::new();
        while b > a && punct(chars[b - 1]) {
            tail.push(chars[b - 1].to_string());
            b -= 1;
        }
        if a < b {
            out.push(chars[a..b].iter().collect());
        }
        out.extend(tail.into_iter().rev());
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map(String::as_str)
    };
    let lang = match opt("--lang").unwrap_or("de") {
        "en" => Lang::En,
        _ => Lang::De,
    };
    let analyzer = Analyzer::load(lang)?;
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    if opt("--input") == Some("conllu") {
        let mut sents = conllu::read(&input)?;
        for s in &mut sents {
            let words: Vec<String> = s.words().map(|r| r.form.clone()).collect();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let analyses = analyzer.analyze(&refs);
            for (row, a) in s.words_mut().zip(&analyses) {
                fill_row(row, a);
            }
        }
        print!("{}", conllu::write(&sents));
    } else {
        for (n, line) in input.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            let toks = tokenize(line);
            let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
            let analyses = analyzer.analyze(&refs);
            print!(
                "{}",
                write_conllu(
                    Some(&(n + 1).to_string()),
                    Some(line.trim()),
                    &refs,
                    &analyses
                )
            );
        }
    }
    Ok(())
}
