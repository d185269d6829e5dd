//! `tripel-calibrate`: measures how often each family of facts is right and writes
//! `data/calibration.tsv`, which turns a fact's confidence into that observed precision
//! (issue 11; see the `calibration` module).
//!
//! ```text
//! tripel-calibrate [--shared ../shared] [--folds 5] [--strength 8] [--write data/calibration.tsv]
//! ```
//!
//! It extracts, with every rule's own confidence, two sets of documents and judges the facts
//! the way `shared/tools/kgscore.py` does:
//!
//! * the **analyst gold** (`gold/smartdata-dev-facts.tsv`): 40 SmartData dev documents with
//!   every ontology fact an analyst wants, so every ontology fact predicted on them is judged;
//! * the **SmartData training documents** (`train/smartdata-v1/train.jsonl` without any
//!   document of `eval/smartdata-de/dev.jsonl`, by id or by text): annotated sparsely, so only a
//!   fact whose predicate maps to a SmartData relation (kgscore's REL_MAP: `ceoOf` and `leads`
//!   to leadership, `acquires`, `mergesWith`, `spinsOff`) is judged, and only in a document
//!   where that relation is annotated at least once.
//!
//! The reliability report (predicted against observed precision in bins, on stdout, as
//! Markdown) is cross-validated: documents fall into fixed folds (each set sorted by id, dealt
//! round-robin), and each fold's facts get the confidence of a table fitted on the other folds
//! only, so no reported fact was calibrated on its own document. The table written with
//! `--write` is then fitted on every judged fact. The run is deterministic: the same data and
//! rules give the same table and report, byte for byte.

use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use tripel_extract::calibration::{fit, Calibration, Family};
use tripel_extract::{Argument, Document, ExtractConfig, Extractor, Fact};

struct Args {
    shared: PathBuf,
    folds: usize,
    strength: f64,
    write: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        shared: PathBuf::from("../shared"),
        folds: 5,
        strength: 8.0,
        write: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--shared" => a.shared = val()?.into(),
            "--folds" => {
                a.folds = val()?
                    .parse()
                    .ok()
                    .filter(|&k| k >= 2)
                    .ok_or("--folds needs a whole number of at least 2")?;
            }
            "--strength" => {
                a.strength = val()?
                    .parse()
                    .ok()
                    .filter(|&s: &f64| s >= 0.0)
                    .ok_or("--strength needs a number of at least 0")?;
            }
            "--write" => a.write = Some(val()?.into()),
            "-h" | "--help" => {
                eprintln!(
                    "tripel-calibrate [--shared ../shared] [--folds 5] [--strength 8] [--write data/calibration.tsv]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(a)
}

fn main() {
    if let Err(e) = run() {
        eprintln!("tripel-calibrate: {e}");
        std::process::exit(1);
    }
}

/// A SmartData document: its text and its annotated relations as (label, subject, object),
/// labelled as kgscore scores them.
struct SmartDoc {
    id: String,
    text: String,
    relations: Vec<(&'static str, String, String)>,
}

/// Which set a judged fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Analyst,
    Training,
}

struct Judged {
    source: Source,
    doc: String,
    family: Family,
    right: bool,
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let train_path = args.shared.join("train/smartdata-v1/train.jsonl");
    let dev_path = args.shared.join("eval/smartdata-de/dev.jsonl");
    let gold_path = args.shared.join("gold/smartdata-dev-facts.tsv");
    let dev = read_smartdata(&dev_path)?;
    let dev_ids: HashSet<&str> = dev.iter().map(|d| d.id.as_str()).collect();
    let dev_texts: HashSet<&str> = dev.iter().map(|d| d.text.as_str()).collect();
    let training: Vec<SmartDoc> = read_smartdata(&train_path)?
        .into_iter()
        .filter(|d| !dev_ids.contains(d.id.as_str()) && !dev_texts.contains(d.text.as_str()))
        .collect();
    let gold = read_gold(&gold_path)?;
    let analyst: Vec<&SmartDoc> = dev.iter().filter(|d| gold.contains_key(&d.id)).collect();
    if let Some(missing) = gold.keys().find(|id| !dev_ids.contains(id.as_str())) {
        return Err(format!(
            "{}: document {missing:?} is not in {}",
            gold_path.display(),
            dev_path.display()
        ));
    }

    let extractor = Extractor::new(ExtractConfig::default())
        .map_err(|e| e.to_string())?
        .with_calibration(Calibration::none());
    let extract = |docs: &[&SmartDoc]| -> Vec<(Vec<Fact>, Vec<Family>)> {
        docs.par_iter()
            .map(|d| {
                let (x, fams) = extractor.extract_with_families(&Document {
                    id: d.id.clone(),
                    text: d.text.clone(),
                });
                (x.facts, fams)
            })
            .collect()
    };

    let mut judged: Vec<Judged> = Vec::new();
    let mut unjudged = 0usize;
    let (mut analyst_facts, mut analyst_right) = (0usize, 0usize);
    for (d, (facts, fams)) in analyst.iter().zip(extract(&analyst)) {
        let rows = &gold[&d.id];
        for (f, family) in facts.iter().zip(fams) {
            if f.open {
                unjudged += 1; // no gold lists open relations
                continue;
            }
            let right = rows.iter().any(|g| matches_gold(g, f));
            analyst_facts += 1;
            analyst_right += usize::from(right);
            judged.push(Judged {
                source: Source::Analyst,
                doc: d.id.clone(),
                family,
                right,
            });
        }
    }
    let train_refs: Vec<&SmartDoc> = training.iter().collect();
    let mut training_facts = 0usize;
    for (d, (facts, fams)) in training.iter().zip(extract(&train_refs)) {
        for (f, family) in facts.iter().zip(fams) {
            let label = smartdata_label(&f.predicate).filter(|_| !f.open);
            let Some(label) = label.filter(|l| d.relations.iter().any(|r| r.0 == *l)) else {
                unjudged += 1;
                continue;
            };
            training_facts += 1;
            let (s, o) = (arg_name(&f.subject), arg_name(&f.object));
            let right = d.relations.iter().any(|(l, gs, go)| {
                *l == label
                    && ((same_name(gs, &s) && same_name(go, &o))
                        || (label == "merges_with" && same_name(gs, &o) && same_name(go, &s)))
            });
            judged.push(Judged {
                source: Source::Training,
                doc: d.id.clone(),
                family,
                right,
            });
        }
    }

    // Fixed folds: each set's documents sorted by id and dealt round-robin.
    let mut fold_of: BTreeMap<(Source, &str), usize> = BTreeMap::new();
    for source in [Source::Analyst, Source::Training] {
        let ids: BTreeSet<&str> = match source {
            Source::Analyst => analyst.iter().map(|d| d.id.as_str()).collect(),
            Source::Training => training.iter().map(|d| d.id.as_str()).collect(),
        };
        for (i, id) in ids.into_iter().enumerate() {
            fold_of.insert((source, id), i % args.folds);
        }
    }
    let fold = |j: &Judged| fold_of[&(j.source, j.doc.as_str())];
    // Each fact's confidence from a table fitted on the other folds only.
    let cross_validate = |strength: f64| {
        let mut held_out = vec![0.0f32; judged.len()];
        for k in 0..args.folds {
            let table = fit(
                judged
                    .iter()
                    .filter(|j| fold(j) != k)
                    .map(|j| (&j.family, j.right)),
                strength,
            );
            for (i, j) in judged.iter().enumerate() {
                if fold(j) == k {
                    held_out[i] = table.confidence(&j.family);
                }
            }
        }
        held_out
    };
    let held_out = cross_validate(args.strength);

    let table = fit(judged.iter().map(|j| (&j.family, j.right)), args.strength);
    println!("# Calibration report (tripel-calibrate)\n");
    println!(
        "Judged facts: {analyst_facts} on {} analyst-gold documents ({analyst_right} right), \
         {training_facts} on {} SmartData training documents; {unjudged} facts not judged \
         (open relations; on training documents, predicates or relations SmartData does not \
         annotate there). {} folds over documents, prior strength {}.\n",
        analyst.len(),
        training.len(),
        args.folds,
        args.strength
    );
    for source in [Source::Analyst, Source::Training] {
        let name = match source {
            Source::Analyst => "Analyst gold (40 SmartData dev documents)",
            Source::Training => "SmartData training documents",
        };
        let pick: Vec<usize> = (0..judged.len())
            .filter(|&i| judged[i].source == source)
            .collect();
        let before: Vec<(f32, bool)> = pick
            .iter()
            .map(|&i| (judged[i].family.own, judged[i].right))
            .collect();
        let after: Vec<(f32, bool)> = pick
            .iter()
            .map(|&i| (held_out[i], judged[i].right))
            .collect();
        println!("## {name}\n");
        print_reliability(&before, &after);
    }
    // How much the prior's strength matters: the cross-validated Brier score of all judged facts.
    let brier = |p: &[f32]| {
        let sq: f64 = p
            .iter()
            .zip(&judged)
            .map(|(&p, j)| (f64::from(p) - f64::from(u8::from(j.right))).powi(2))
            .sum();
        sq / judged.len().max(1) as f64
    };
    let own: Vec<f32> = judged.iter().map(|j| j.family.own).collect();
    print!("Cross-validated Brier score of all judged facts by prior strength: rules' own numbers {:.3}", brier(&own));
    for strength in [1.0, 2.0, 4.0, 8.0, 16.0, 32.0] {
        print!("; {strength} {:.3}", brier(&cross_validate(strength)));
    }
    println!(".\n");
    println!("## Families (fitted on every judged fact)\n");
    println!("| mechanism | group | rule | judged | right | precision |");
    println!("| --- | --- | --- | ---: | ---: | ---: |");
    for (_, (m, g, r), row) in table.rows() {
        println!(
            "| {m} | {g} | {r} | {} | {} | {:.2} |",
            row.judged, row.correct, row.precision
        );
    }

    if let Some(path) = &args.write {
        let header = format!(
            "Observed precision of each family of facts (docs/evaluation.md, \"Calibration\"): a fact's\n\
             confidence is its rule's precision, else its mechanism and group's (rule `*`), else, for a\n\
             family with no judged fact, the rule's own number. Rows with `*` as mechanism or group are the\n\
             priors the others are shrunk towards (Beta prior worth {strength} facts).\n\
             Written by `cargo run --release -p tripel-extract --bin tripel-calibrate -- --write data/calibration.tsv`\n\
             from {analyst_facts} facts judged on {} analyst-gold documents and {training_facts} on {} SmartData training\n\
             documents (kgscore.py's matching; SmartData is CC BY 4.0, Schiersch et al., LREC 2018). Only\n\
             counts are kept, no text. Do not edit by hand: rerun after changing rules.",
            analyst.len(),
            training.len(),
            strength = args.strength,
        );
        std::fs::write(path, table.to_tsv(&header))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The reliability table: per bin of predicted confidence, how many facts, their mean
/// confidence and the share that is right; before (the rules' own numbers) and after
/// (cross-validated calibration), then the expected calibration error and the Brier score.
fn print_reliability(before: &[(f32, bool)], after: &[(f32, bool)]) {
    const EDGES: [f32; 7] = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
    let bins = |xs: &[(f32, bool)]| -> Vec<(usize, f64, usize)> {
        (0..EDGES.len() - 1)
            .map(|b| {
                let inside: Vec<&(f32, bool)> = xs
                    .iter()
                    .filter(|(p, _)| EDGES[b] <= *p && *p < EDGES[b + 1])
                    .collect();
                let sum: f64 = inside.iter().map(|(p, _)| f64::from(*p)).sum();
                let right = inside.iter().filter(|(_, r)| *r).count();
                (inside.len(), sum, right)
            })
            .collect()
    };
    let (b0, b1) = (bins(before), bins(after));
    println!("| confidence | before: facts | predicted | observed | after: facts | predicted | observed |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let cell = |(n, sum, right): (usize, f64, usize)| {
        if n == 0 {
            "0 | – | –".to_owned()
        } else {
            format!(
                "{n} | {:.2} | {:.2} ({right}/{n})",
                sum / n as f64,
                right as f64 / n as f64
            )
        }
    };
    for b in 0..EDGES.len() - 1 {
        let hi = if b + 2 == EDGES.len() {
            1.0
        } else {
            EDGES[b + 1]
        };
        println!(
            "| {:.1}–{:.1} | {} | {} |",
            EDGES[b],
            hi,
            cell(b0[b]),
            cell(b1[b])
        );
    }
    let summary = |xs: &[(f32, bool)], bs: &[(usize, f64, usize)]| {
        let n = xs.len().max(1) as f64;
        let ece: f64 = bs
            .iter()
            .filter(|b| b.0 > 0)
            .map(|&(_, sum, right)| (sum - right as f64).abs() / n)
            .sum();
        let brier: f64 = xs
            .iter()
            .map(|&(p, r)| (f64::from(p) - f64::from(u8::from(r))).powi(2))
            .sum::<f64>()
            / n;
        let mean: f64 = xs.iter().map(|&(p, _)| f64::from(p)).sum::<f64>() / n;
        let right = xs.iter().filter(|x| x.1).count() as f64 / n;
        format!("mean confidence {mean:.2}, precision {right:.2}, ECE {ece:.3}, Brier {brier:.3}")
    };
    println!(
        "\nBefore: {}. After: {}.\n",
        summary(before, &b0),
        summary(after, &b1)
    );
}

fn read_smartdata(path: &PathBuf) -> Result<Vec<SmartDoc>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: not JSON: {e}", path.display(), n + 1))?;
        let field = |k: &str| {
            v[k].as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{}:{}: no string {k:?}", path.display(), n + 1))
        };
        let mut relations: Vec<(&'static str, String, String)> = Vec::new();
        for r in v["relations"].as_array().into_iter().flatten() {
            let mut roles: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for a in r["args"].as_array().into_iter().flatten() {
                if let (Some(role), Some(t)) = (a["role"].as_str(), a["text"].as_str()) {
                    roles.entry(role).or_default().push(t.to_owned());
                }
            }
            let arg = |role: &str| roles.get(role).cloned().unwrap_or_default();
            let mut pairs = Vec::new();
            // kgscore.py's GOLD_REL for SmartData, and Merger as pairs of its old companies.
            let roles_of = match r["type"].as_str() {
                Some("OrganizationLeadership") => Some(("leads", "person", "organization")),
                Some("Acquisition") => Some(("acquires", "buyer", "acquired")),
                Some("SpinOff") => Some(("spins_off", "parent", "child")),
                _ => None,
            };
            if let Some((label, s, o)) = roles_of {
                for x in arg(s) {
                    for y in arg(o) {
                        pairs.push((label, x.clone(), y));
                    }
                }
            } else if r["type"].as_str() == Some("Merger") {
                let old = arg("old");
                for i in 0..old.len() {
                    for j in i + 1..old.len() {
                        pairs.push(("merges_with", old[i].clone(), old[j].clone()));
                    }
                }
            }
            relations.extend(pairs);
        }
        out.push(SmartDoc {
            id: field("id")?,
            text: field("text")?,
            relations,
        });
    }
    Ok(out)
}

/// One analyst-gold row: accepted subject forms, predicates and object forms.
struct GoldFact {
    subject: Vec<String>,
    predicates: Vec<String>,
    object: Vec<String>,
}

fn read_gold(path: &PathBuf) -> Result<BTreeMap<String, Vec<GoldFact>>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out: BTreeMap<String, Vec<GoldFact>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [doc, s, p, o, ..] = cols[..] else {
            return Err(format!(
                "{}:{}: expected doc, subject, predicate, object",
                path.display(),
                n + 1
            ));
        };
        let alts = |x: &str| {
            x.split('|')
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect()
        };
        out.entry(doc.to_owned()).or_default().push(GoldFact {
            subject: alts(s),
            predicates: alts(p),
            object: alts(o),
        });
    }
    Ok(out)
}

/// kgscore.py's `facts` matching: a predicate it accepts, and on each side a form that is one
/// of the argument's names (or the same name); symmetric predicates either way round.
fn matches_gold(g: &GoldFact, f: &Fact) -> bool {
    if !g.predicates.contains(&f.predicate) {
        return false;
    }
    let (s, o) = (names(&f.subject), names(&f.object));
    let side = |got: &[String], forms: &[String]| {
        forms
            .iter()
            .any(|a| got.contains(&fold(a)) || got.iter().any(|x| same_name(a, x)))
    };
    (side(&s, &g.subject) && side(&o, &g.object))
        || (SYMMETRIC.contains(&f.predicate.as_str())
            && side(&s, &g.object)
            && side(&o, &g.subject))
}

const SYMMETRIC: &[&str] = &["meets", "partnerOf", "mergesWith", "competesWith"];

/// kgscore.py's REL_MAP for SmartData.
fn smartdata_label(predicate: &str) -> Option<&'static str> {
    match predicate {
        "ceoOf" | "leads" => Some("leads"),
        "acquires" => Some("acquires"),
        "mergesWith" => Some("merges_with"),
        "spinsOff" => Some("spins_off"),
        _ => None,
    }
}

/// The name kgscore.py's SmartData scoring reads: the label, else the text.
fn arg_name(a: &Argument) -> String {
    match a {
        Argument::Entity(e) if !e.label.is_empty() => e.label.clone(),
        Argument::Entity(e) => e.text.clone(),
        Argument::Literal(l) if !l.value.is_empty() => l.value.clone(),
        Argument::Literal(l) => l.text.clone(),
    }
}

/// Every folded surface string an argument answers to (kgscore.py's `names`).
fn names(a: &Argument) -> Vec<String> {
    let raw: Vec<&str> = match a {
        Argument::Entity(e) => [e.label.as_str(), e.text.as_str()]
            .into_iter()
            .chain(e.aliases.iter().map(String::as_str))
            .collect(),
        Argument::Literal(l) => vec![l.value.as_str(), l.text.as_str()],
    };
    raw.into_iter()
        .filter(|s| !s.is_empty())
        .map(fold)
        .collect()
}

/// kgscore.py's `fold`: case-folded, ß as ss, outer punctuation and quotes stripped, spaces
/// collapsed. (kgscore also applies NFKC, which only changes compatibility characters.)
fn fold(s: &str) -> String {
    let lower = s.to_lowercase().replace('ß', "ss");
    let trimmed = lower.trim_matches(|c: char| " \t\n.,;:!?\"'„“”«»()".contains(c));
    trimmed.split_whitespace().collect::<Vec<_>>().join(" ")
}

const ARTICLES: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "the",
];
const SUFFIXES: &[&str] = &[
    "gmbh", "ag", "se", "kgaa", "inc", "corp", "ltd", "co", "kg", "plc", "llc",
];

/// kgscore.py's `norm_name`: folded words without leading articles and trailing legal forms.
fn norm_name(s: &str) -> Vec<String> {
    let folded = fold(s);
    let mut toks: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .collect();
    while toks.first().is_some_and(|t| ARTICLES.contains(t)) {
        toks.remove(0);
    }
    while toks
        .last()
        .is_some_and(|t| SUFFIXES.contains(&t.trim_matches('.')))
    {
        toks.pop();
    }
    toks.into_iter().map(str::to_owned).collect()
}

/// kgscore.py's `same_name`: equal after [`norm_name`], or the same head word (German heads
/// are final) with one name's words among the other's.
fn same_name(a: &str, b: &str) -> bool {
    let (ta, tb) = (norm_name(a), norm_name(b));
    let (Some(la), Some(lb)) = (ta.last(), tb.last()) else {
        return false;
    };
    if ta == tb {
        return true;
    }
    let (sa, sb): (BTreeSet<&String>, BTreeSet<&String>) =
        (ta.iter().collect(), tb.iter().collect());
    la.trim_end_matches('s') == lb.trim_end_matches('s')
        && (sa.is_subset(&sb) || sb.is_subset(&sa) || la == lb)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases kgscore.py's comments name, and what it must not match.
    #[test]
    fn names_match_as_kgscore_matches_them() {
        assert!(same_name("Deutsche Bank", "Deutschen Bank"));
        assert!(same_name("Kaeser", "Joe Kaeser"));
        assert!(same_name("die Siemens AG", "Siemens"));
        assert!(same_name("Müller-Straße GmbH", "müller strasse"));
        assert!(!same_name("Deutsche Bank", "Commerzbank"));
        assert!(!same_name("Joe Kaeser", "Joe Biden"));
        assert!(!same_name("AG", "Siemens"));
        assert_eq!(fold("  „Die  Welt“. "), "die welt");
    }
}
