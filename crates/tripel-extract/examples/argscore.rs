//! Scores the German parse's verb arguments before and after [`repair`], against gold trees.
//!
//! ```text
//! tripel-train --parser --lang de --out /tmp/m --tags-cache /tmp/c --cv-out /tmp/cv-de.conllu
//! cargo run --release -p tripel-extract --example argscore -- /tmp/cv-de.conllu \
//!     ../shared/train/ud/de_gsd-ud-dev.conllu ../shared/train/ud/de_gsd-ud-test.conllu [--show N]
//! ```
//!
//! The first file holds held-out parses (predicted tags and trees, each block parsed by a fold
//! model that never saw it), the others the gold trees of the same sentences in the same order.
//! For every verb (gold UPOS `VERB`), its subjects (`nsubj`, `nsubj:pass`) and objects (`obj`,
//! `iobj`, `obl:agent`, and a passive verb's `von`/`durch` oblique) are compared as
//! (dependent, head) pairs: precision, recall and F1 of each class, with the raw parse and with
//! the repaired one. `--show N` prints the first N changed arcs with their sentences.
use std::collections::HashSet;
use tripel_analysis::conllu::{self, Sentence};
use tripel_extract::relations::args::repair;
use tripel_extract::text::syntax::{Syntax, Word};
use tripel_extract::{Lang, Lexicon};

fn read(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::read(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn syntax(s: &Sentence) -> Syntax {
    Syntax {
        words: s
            .words()
            .enumerate()
            .map(|(i, r)| Word {
                token: i,
                form: r.form.clone(),
                lemma: r.lemma.clone(),
                upos: r.upos.clone(),
                feats: r.feats.clone(),
                head: r.head.parse().unwrap_or(0),
                deprel: r.deprel.clone(),
            })
            .collect(),
    }
}

/// The class of word `d`'s arc in `syn`: 1 subject, 2 object, 0 neither.
fn class(syn: &Syntax, children: &[Vec<usize>], d: usize) -> u8 {
    let rel = syn.words[d].deprel.as_str();
    match rel {
        "nsubj" | "nsubj:pass" => 1,
        "obj" | "iobj" | "obl:agent" => 2,
        "obl" => {
            let Some(h) = syn.head(d) else { return 0 };
            let passive = children[h]
                .iter()
                .any(|&c| syn.words[c].deprel == "aux:pass");
            let by = children[d].iter().any(|&c| {
                syn.words[c].deprel == "case"
                    && matches!(syn.words[c].form.to_lowercase().as_str(), "von" | "durch")
            });
            if passive && by {
                2
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// The (class, dependent, head) arcs to gold verbs.
fn arcs(syn: &Syntax, gold: &Syntax) -> HashSet<(u8, usize, usize)> {
    let children = syn.child_lists();
    (0..syn.words.len())
        .filter_map(|d| {
            let h = syn.head(d)?;
            let c = class(syn, &children, d);
            (c > 0 && gold.words.get(h).is_some_and(|w| w.upos == "VERB")).then_some((c, d, h))
        })
        .collect()
}

#[derive(Default)]
struct Count {
    tp: [usize; 3],
    pred: [usize; 3],
    gold: [usize; 3],
}

impl Count {
    fn add(&mut self, p: &HashSet<(u8, usize, usize)>, g: &HashSet<(u8, usize, usize)>) {
        for a in p {
            self.pred[a.0 as usize] += 1;
            self.tp[a.0 as usize] += usize::from(g.contains(a));
        }
        for a in g {
            self.gold[a.0 as usize] += 1;
        }
    }

    fn line(&self, c: usize) -> String {
        let p = self.tp[c] as f64 / self.pred[c].max(1) as f64;
        let r = self.tp[c] as f64 / self.gold[c].max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "P {:.3} R {:.3} F1 {:.3} (right {} of {} predicted, {} gold)",
            p, r, f, self.tp[c], self.pred[c], self.gold[c]
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show: usize = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let files: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--show"))
        .map(|(_, a)| a)
        .collect();
    let [pred, gold @ ..] = &files[..] else {
        eprintln!("usage: argscore PRED.conllu GOLD.conllu... [--show N]");
        std::process::exit(2);
    };
    let lex = Lexicon::load(None).expect("lexicon");
    let pred = read(pred);
    let gold: Vec<Sentence> = gold.iter().flat_map(|g| read(g)).collect();
    assert_eq!(
        pred.len(),
        gold.len(),
        "predicted and gold sentences differ in number"
    );
    let (mut before, mut after) = (Count::default(), Count::default());
    let (mut changed, mut fixed, mut broken, mut shown) = (0, 0, 0, 0);
    for (p, g) in pred.iter().zip(&gold) {
        let g = syntax(g);
        let raw = syntax(p);
        assert_eq!(raw.words.len(), g.words.len(), "word counts differ");
        let mended = repair(raw.clone(), &lex, Lang::De, &[]);
        let ga = arcs(&g, &g);
        let (ra, ma) = (arcs(&raw, &g), arcs(&mended, &g));
        before.add(&ra, &ga);
        after.add(&ma, &ga);
        for a in ra.symmetric_difference(&ma) {
            changed += 1;
            let right = ga.contains(a);
            let added = ma.contains(a);
            if right == added {
                fixed += 1;
            } else {
                broken += 1;
            }
            if shown < show {
                shown += 1;
                let text: Vec<&str> = raw.words.iter().map(|w| w.form.as_str()).collect();
                println!(
                    "{} {} {} '{}' -> '{}' ({}): {}",
                    if right == added { "good" } else { "bad " },
                    if added { "+" } else { "-" },
                    ["", "subj", "obj"][a.0 as usize],
                    raw.words[a.1].form,
                    raw.words[a.2].form,
                    mended.words[a.1].deprel,
                    text.join(" ")
                );
            }
        }
    }
    for (c, name) in [(1, "subject"), (2, "object")] {
        println!("{name} before: {}", before.line(c));
        println!("{name} after:  {}", after.line(c));
    }
    println!("arcs changed {changed}: {fixed} towards gold, {broken} away from it");
}
