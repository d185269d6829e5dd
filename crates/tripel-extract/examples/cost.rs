//! Throughput and peak memory of extraction on one input, to show that cost is linear in the
//! input: normal news text against the same words as one line without sentence punctuation.
//!
//! ```text
//! cargo run --release -p tripel-extract --example cost -- news.jsonl
//! cargo run --release -p tripel-extract --example cost -- --line 150000 news.jsonl
//! ```
//!
//! The inputs are JSONL files (`text` field) or text files. `--line N` turns it into one
//! document of N words drawn from the input's words (a fixed-seed shuffle) with `.`, `!`, `?`,
//! `;`, `:` and line breaks removed, as scraped tables and lists look. `--runs K` (default 5)
//! repeats the extraction; the median MB/s is printed with the process's peak resident memory
//! (Linux `VmHWM`), one process per input so that the peaks do not mix.

use std::time::Instant;
use tripel_extract::{Document, ExtractConfig, Extractor};

/// The allocator the `tripel` binary uses (`src/main.rs` says why), so that this measures what
/// `tripel extract` does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut line = None;
    let mut runs = 5;
    let mut paths = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--line" => line = args.next().and_then(|n| n.parse::<usize>().ok()),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            _ => paths.push(a),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: cost [--line N] [--runs K] FILE...");
        std::process::exit(2);
    }
    let mut texts: Vec<String> = Vec::new();
    for path in &paths {
        let raw = std::fs::read_to_string(path).expect("readable UTF-8 input");
        if path.ends_with(".jsonl") {
            texts.extend(
                raw.lines()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .filter_map(|v| v.get("text")?.as_str().map(str::to_owned)),
            );
        } else {
            texts.push(raw);
        }
    }
    let path = paths.join(" ");
    let docs: Vec<Document> = match line {
        None => texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Document {
                id: format!("d{i}"),
                text,
            })
            .collect(),
        Some(n) => vec![Document {
            id: "line".to_owned(),
            text: flat_line(&texts, n),
        }],
    };
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let extractor = Extractor::new(ExtractConfig::default()).expect("embedded lexicons load");
    let mut rates = Vec::new();
    let mut facts = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        // Batches of 64 as `tripel build` and `tripel extract` use them.
        facts = docs
            .chunks(64)
            .flat_map(|b| extractor.extract_batch(b))
            .map(|x| x.facts.len())
            .sum::<usize>();
        rates.push(bytes as f64 / 1e6 / started.elapsed().as_secs_f64());
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "{path}{}: {} documents, {:.2} MB, {facts} facts; median {:.2} MB/s over {} runs; peak {} MB",
        line.map(|n| format!(" as one line of {n} words"))
            .unwrap_or_default(),
        docs.len(),
        bytes as f64 / 1e6,
        rates[rates.len() / 2],
        rates.len(),
        peak_mb().map_or_else(|| "?".to_owned(), |m| m.to_string()),
    );
}

/// `n` words of `texts`, shuffled with a fixed seed, without sentence punctuation.
fn flat_line(texts: &[String], n: usize) -> String {
    let words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(|w| w.replace(['.', '!', '?', ';', ':'], ""))
        .filter(|w| !w.is_empty())
        .collect();
    assert!(!words.is_empty(), "the input has no words");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        // xorshift64: a fixed, dependency-free sequence.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push(words[(state % words.len() as u64) as usize].as_str());
    }
    out.join(" ")
}

/// Peak resident memory of this process in MB (Linux).
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}
