//! Speed of the whole learned analysis on news text, one core, per stage: tagging with the
//! lemmas (`Analyzer::analyze`), parsing (`Parser::parse`) and names (`Ner::tag`), in
//! tokens/s and MB/s of document text, plus model loading time and peak memory.
//!
//! The documents are the `text` fields of a JSONL file (SmartData's `train.jsonl`), split into
//! sentences and tokens by the crate's simple splitter and tokenizer (`ner_data`), which are
//! not timed. Each stage runs over every sentence once per run; the table shows medians. Times
//! are the thread's CPU time (Linux; 10 ms ticks), not wall time: on a machine shared with other
//! work the wall time mostly measures the others (the CPU caches are still shared, so the
//! numbers stay somewhat load-dependent).
//!
//! ```text
//! cargo run --release -p tripel-analysis --example analysis_bench -- ../shared/train/smartdata-v1/train.jsonl
//! # before/after in one run: a second build of this example (e.g. from an older commit) is
//! # started alternately with this one, one process per run, and the medians are set side by side
//! analysis_bench --compare /path/to/old/analysis_bench --runs 7 FILE.jsonl
//! # the predictions of every stage, one line per token, to compare two builds byte for byte
//! analysis_bench --dump out.txt FILE.jsonl
//! ```
//!
//! A `.conllu` file instead of JSONL gives its sentences' gold words (to compare predictions on
//! the treebanks). Options: `--docs N` (first N documents, default 1000), `--runs N` (default 5), `--lang de|en`
//! (default de; the JSONL documents' language is not checked), `--repeat N` (the sentences N
//! times over in each run: with few documents, shows the speed when the models' weights that
//! the text needs stay in the CPU caches).

use std::io::Write;
use std::process::Command;
use std::time::Instant;
use tripel_analysis::{ner, ner_data, Analyzer, Lang, Ner, Parser};

struct Opts {
    file: String,
    docs: usize,
    runs: usize,
    lang: Lang,
    compare: Option<String>,
    dump: Option<String>,
    /// Print one machine-readable result line (used by `--compare`).
    raw: bool,
    /// Repeat the sentences this many times in each run.
    repeat: usize,
}

fn opts() -> std::result::Result<Opts, String> {
    let mut o = Opts {
        file: String::new(),
        docs: 1000,
        runs: 5,
        lang: Lang::De,
        compare: None,
        dump: None,
        raw: false,
        repeat: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--docs" => o.docs = val()?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--runs" => o.runs = val()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--lang" => {
                o.lang = match val()?.as_str() {
                    "en" => Lang::En,
                    _ => Lang::De,
                }
            }
            "--compare" => o.compare = Some(val()?),
            "--dump" => o.dump = Some(val()?),
            "--raw" => o.raw = true,
            "--repeat" => o.repeat = val()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            f if !f.starts_with("--") => o.file = f.to_string(),
            f => return Err(format!("unknown option {f}")),
        }
    }
    if o.file.is_empty() {
        return Err("usage: analysis_bench [--docs N] [--runs N] [--lang de|en] [--compare BIN] [--dump FILE] FILE.jsonl".into());
    }
    Ok(o)
}

/// Sentences of tokens of the first `docs` documents, and the documents' text size in bytes;
/// for a `.conllu` file, its gold words (size: the words and one space each).
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Sentences of tokens.
type Sentences = Vec<Vec<String>>;

fn corpus(o: &Opts) -> Result<(Sentences, usize)> {
    let text = std::fs::read_to_string(&o.file)?;
    let mut sents = Vec::new();
    let mut bytes = 0;
    if o.file.ends_with(".conllu") {
        for s in tripel_analysis::conllu::read(&text)? {
            let words: Vec<String> = s.words().map(|r| r.form.clone()).collect();
            bytes += words.iter().map(|w| w.len() + 1).sum::<usize>();
            sents.push(words);
        }
        return Ok((sents, bytes));
    }
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(o.docs) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let doc = v["text"].as_str().unwrap_or("");
        bytes += doc.len();
        for (a, b) in ner_data::split_sentences(doc) {
            let s = &doc[a..b];
            let toks = match o.lang {
                Lang::De => ner::tokenize(s),
                Lang::En => ner_data::tokenize_en(s),
            };
            sents.push(toks.iter().map(|&(x, y)| s[x..y].to_string()).collect());
        }
    }
    let n = sents.len();
    for _ in 1..o.repeat {
        sents.extend_from_within(..n);
    }
    Ok((sents, bytes * o.repeat))
}

/// Peak resident memory of this process in MB (Linux), 0 elsewhere.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A clock for the stages: this thread's CPU time (user + system, from
/// `/proc/thread-self/stat`, in 10 ms ticks) where Linux gives it, since on a shared machine
/// the wall time mostly measures the other processes; else the wall time.
struct Clock {
    wall: Instant,
    cpu: Option<f64>,
}

fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 1..];
    let mut f = rest.split_whitespace().skip(11);
    let user: f64 = f.next()?.parse().ok()?;
    let system: f64 = f.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: thread_cpu(),
        }
    }

    fn secs(&self) -> f64 {
        match (self.cpu, thread_cpu()) {
            (Some(a), Some(b)) => b - a,
            _ => self.wall.elapsed().as_secs_f64(),
        }
    }
}

/// Seconds per stage of one run (and loading): `load tag parse ner`.
#[derive(Clone, Copy, Default)]
struct Times {
    load: f64,
    tag: f64,
    parse: f64,
    ner: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        0.0
    } else if v.len() % 2 == 1 {
        v[v.len() / 2]
    } else {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
    }
}

fn medians(runs: &[Times]) -> Times {
    let m = |f: fn(&Times) -> f64| median(runs.iter().map(f).collect());
    Times {
        load: m(|t| t.load),
        tag: m(|t| t.tag),
        parse: m(|t| t.parse),
        ner: m(|t| t.ner),
    }
}

/// Loads the models and runs every stage `o.runs` times in this process.
fn bench(o: &Opts, sents: &[Vec<String>]) -> Result<Vec<Times>> {
    let t = Clock::start();
    let an = Analyzer::load(o.lang)?;
    let parser = Parser::load(o.lang)?;
    let names = Ner::load(o.lang)?;
    // The word lists are parsed at first use: part of loading.
    let _ = an.analyze(&["Haus"]);
    let _ = names.tag(&["Haus"]);
    let load = t.secs();
    let refs: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let mut out = Vec::new();
    let mut dumped = false;
    for _ in 0..o.runs {
        let t = Clock::start();
        let tags: Vec<_> = refs.iter().map(|w| an.analyze(w)).collect();
        let tag = t.secs();
        let t = Clock::start();
        let trees: Vec<_> = refs
            .iter()
            .zip(&tags)
            .map(|(w, a)| parser.parse(w, a))
            .collect();
        let parse = t.secs();
        let t = Clock::start();
        let bio: Vec<_> = refs.iter().map(|w| names.tag_labels(w)).collect();
        let ner = t.secs();
        out.push(Times {
            load,
            tag,
            parse,
            ner,
        });
        if let (Some(path), false) = (&o.dump, dumped) {
            let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
            for (k, w) in refs.iter().enumerate() {
                for (i, word) in w.iter().enumerate() {
                    let a = &tags[k][i];
                    let (head, rel) = &trees[k][i];
                    writeln!(
                        f,
                        "{}\t{word}\t{}\t{}\t{}\t{}\t{head}\t{rel}\t{}\t{:.6}",
                        i + 1,
                        a.lemma,
                        a.upos,
                        a.xpos,
                        a.feats,
                        bio[k][i],
                        a.score
                    )?;
                }
                writeln!(f)?;
            }
            dumped = true;
        }
    }
    Ok(out)
}

fn table(names: &[&str], cols: &[Times], tokens: usize, bytes: usize, peak: &[f64]) {
    let rate = |s: f64| {
        format!(
            "{:>9.0} tok/s {:>6.2} MB/s",
            tokens as f64 / s,
            bytes as f64 / s / 1e6
        )
    };
    let mut head = format!("{:<22}", "stage");
    for n in names {
        head.push_str(&format!(" | {n:<28}"));
    }
    println!("{head}");
    type Stage = fn(&Times) -> f64;
    let rows: [(&str, Stage); 4] = [
        ("tag + lemma", |t| t.tag),
        ("parse", |t| t.parse),
        ("names (NER)", |t| t.ner),
        ("all three", |t| t.tag + t.parse + t.ner),
    ];
    for (label, f) in rows {
        let mut line = format!("{label:<22}");
        for c in cols {
            line.push_str(&format!(" | {:<28}", rate(f(c))));
        }
        println!("{line}");
    }
    let mut line = format!("{:<22}", "load (3 models, lists)");
    for c in cols {
        line.push_str(&format!(" | {:<28}", format!("{:.3} s", c.load)));
    }
    println!("{line}");
    let mut line = format!("{:<22}", "peak memory");
    for p in peak {
        line.push_str(&format!(" | {:<28}", format!("{p:.0} MB")));
    }
    println!("{line}");
}

fn parse_raw(s: &str) -> Option<(Times, f64)> {
    let line = s.lines().find(|l| l.starts_with("RAW "))?;
    let v: Vec<f64> = line[4..]
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    (v.len() == 5).then(|| {
        (
            Times {
                load: v[0],
                tag: v[1],
                parse: v[2],
                ner: v[3],
            },
            v[4],
        )
    })
}

fn main() -> Result<()> {
    let o = opts()?;
    let (sents, bytes) = corpus(&o)?;
    let tokens: usize = sents.iter().map(Vec::len).sum();
    if let Some(other) = &o.compare {
        // One process per run, alternating, so both builds see the same machine load.
        let me = std::env::current_exe()?;
        let args = [
            "--raw".to_string(),
            "--runs".into(),
            "1".into(),
            "--docs".into(),
            o.docs.to_string(),
            "--lang".into(),
            o.lang.code().into(),
            o.file.clone(),
        ];
        let mut res: [Vec<(Times, f64)>; 2] = [Vec::new(), Vec::new()];
        for _ in 0..o.runs {
            for (k, bin) in [other.as_str(), me.to_str().ok_or("path")?]
                .iter()
                .enumerate()
            {
                let out = Command::new(bin).args(&args).output()?;
                let s = String::from_utf8_lossy(&out.stdout);
                res[k].push(parse_raw(&s).ok_or_else(|| format!("{bin}: no result: {s}"))?);
            }
        }
        println!(
            "{} sentences, {tokens} tokens, {:.2} MB of text; medians of {} alternating runs",
            sents.len(),
            bytes as f64 / 1e6,
            o.runs
        );
        let cols: Vec<Times> = res
            .iter()
            .map(|r| medians(&r.iter().map(|x| x.0).collect::<Vec<_>>()))
            .collect();
        let peak: Vec<f64> = res
            .iter()
            .map(|r| median(r.iter().map(|x| x.1).collect()))
            .collect();
        table(
            &["before (--compare)", "after (this build)"],
            &cols,
            tokens,
            bytes,
            &peak,
        );
        return Ok(());
    }
    let runs = bench(&o, &sents)?;
    let m = medians(&runs);
    if o.raw {
        println!(
            "RAW {} {} {} {} {}",
            m.load,
            m.tag,
            m.parse,
            m.ner,
            peak_mb()
        );
        return Ok(());
    }
    println!(
        "{} sentences, {tokens} tokens, {:.2} MB of text; medians of {} runs",
        sents.len(),
        bytes as f64 / 1e6,
        o.runs
    );
    table(&["this build"], &[m], tokens, bytes, &[peak_mb()]);
    Ok(())
}
