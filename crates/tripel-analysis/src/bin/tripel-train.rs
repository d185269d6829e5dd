//! `tripel-train`: rebuilds the shipped analysis models from the UD treebanks, or scores a model
//! on a CoNLL-U file.
//!
//! ```text
//! tripel-train --data ../shared/train --out data/models [--lang de|en|all] [--folds 5]
//!              [--compare-feats] [--no-lexicon]
//! tripel-train --eval FILE.conllu --model de|en|PATH
//! tripel-train --parser --data ../shared/train --out data/models [--lang de|en|all] [--folds 5]
//!              [--tags-cache DIR]
//! tripel-train --eval-parse FILE.conllu --lang de|en [--parser-model PATH]
//! ```

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripel_analysis::conllu::{self, Sentence};
use tripel_analysis::{model, Analyzer, FeatsMode, Lang, Model, Scores, TrainConfig};

const SEED: u64 = 20_261_206;
const EPOCHS_DE: usize = 12;
const EPOCHS_EN: usize = 8;
const UD_LICENCE: &str = "CC BY-SA 4.0: the model is an adaptation of Universal Dependencies treebank data (share-alike); feature hashes of the word lists in data/lexicon are used as features, the lists themselves are not in the model";

struct Args {
    data: PathBuf,
    out: PathBuf,
    lang: String,
    folds: usize,
    compare_feats: bool,
    lexicon: bool,
    eval: Option<PathBuf>,
    model: Option<String>,
    parser: bool,
    tags_cache: Option<PathBuf>,
    eval_parse: Option<PathBuf>,
    parser_model: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/train"),
        out: PathBuf::from("data/models"),
        lang: "all".into(),
        folds: 5,
        compare_feats: false,
        lexicon: true,
        eval: None,
        model: None,
        parser: false,
        tags_cache: None,
        eval_parse: None,
        parser_model: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--data" => a.data = val()?.into(),
            "--out" => a.out = val()?.into(),
            "--lang" => a.lang = val()?,
            "--folds" => a.folds = val()?.parse().map_err(|e| format!("--folds: {e}"))?,
            "--compare-feats" => a.compare_feats = true,
            "--no-lexicon" => a.lexicon = false,
            "--eval" => a.eval = Some(val()?.into()),
            "--model" => a.model = Some(val()?),
            "--parser" => a.parser = true,
            "--tags-cache" => a.tags_cache = Some(val()?.into()),
            "--eval-parse" => a.eval_parse = Some(val()?.into()),
            "--parser-model" => a.parser_model = Some(val()?.into()),
            "-h" | "--help" => {
                eprintln!(
                    "tripel-train --data ../shared/train --out data/models [--lang de|en|all] [--folds 5] [--compare-feats] [--no-lexicon]\n\
                     tripel-train --eval FILE.conllu --model de|en|PATH\n\
                     tripel-train --parser --data ../shared/train --out data/models [--lang de|en|all] [--folds 5] [--tags-cache DIR]\n\
                     tripel-train --eval-parse FILE.conllu --lang de|en [--parser-model PATH]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn read_conllu(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    conllu::read(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn scores_json(s: &Scores) -> Value {
    let r = |x: f64| (x * 100.0).round() / 100.0;
    let mut v = json!({
        "tokens": s.tokens,
        "upos": r(s.upos_pct()),
        "xpos": r(s.xpos_pct()),
        "lemma": r(s.lemma_pct()),
    });
    if s.has_feats {
        v["feats"] = json!(r(s.feats_pct()));
        let per: serde_json::Map<String, Value> = model::FEATURE_KEYS
            .iter()
            .zip(s.per_feature)
            .map(|(k, n)| {
                (
                    k.to_string(),
                    json!(r(100.0 * n as f64 / s.tokens.max(1) as f64)),
                )
            })
            .collect();
        v["feats_per_feature"] = Value::Object(per);
    }
    v
}

fn cross_validate(sents: &[Sentence], folds: usize, cfg: &TrainConfig) -> Scores {
    let mut total = Scores::default();
    let n = sents.len();
    for k in 0..folds {
        let (a, b) = (k * n / folds, (k + 1) * n / folds);
        let train: Vec<Sentence> = sents[..a].iter().chain(&sents[b..]).cloned().collect();
        let t = Instant::now();
        let m = model::train(
            &train,
            "de",
            &TrainConfig {
                verbose: false,
                ..*cfg
            },
        );
        let s = m.evaluate(&sents[a..b]);
        eprintln!(
            "  fold {}/{folds} (sentences {a}..{b}, {:.0} s): {}",
            k + 1,
            t.elapsed().as_secs_f64(),
            s.summary()
        );
        total.add(&s);
    }
    total
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn entry(
    file: &str,
    bytes: &[u8],
    m: &Model,
    sources: &[&str],
    epochs: usize,
    feats: &str,
    scores: Value,
) -> Value {
    let heads: Vec<Value> = m
        .describe()
        .into_iter()
        .map(|(name, labels, features)| json!({"head": name, "classes": labels, "features": features}))
        .collect();
    json!({
        "file": file,
        "lang": m.lang(),
        "size": bytes.len(),
        "sha256": sha256(bytes),
        "sources": sources,
        "licence": UD_LICENCE,
        "training_command": "cargo run --release -p tripel-analysis --bin tripel-train -- --data ../shared/train --out data/models",
        "seed": SEED,
        "epochs": epochs,
        "features_mode": feats,
        "heads": heads,
        "scores": scores,
    })
}

fn run_train(a: &Args) -> Result<(), String> {
    std::fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
    let manifest_path = a.out.join("manifest.json");
    let mut manifest: Value = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| json!({"models": []}));
    let mut entries: Vec<Value> = manifest["models"].as_array().cloned().unwrap_or_default();
    let mut put = |e: Value| {
        entries.retain(|x| x["file"] != e["file"]);
        entries.push(e);
        entries.sort_by(|x, y| x["file"].as_str().cmp(&y["file"].as_str()));
        entries.clone()
    };
    let ud = a.data.join("ud");
    if a.lang == "de" || a.lang == "all" {
        let t0 = Instant::now();
        let mut sents = read_conllu(&ud.join("de_gsd-ud-dev.conllu"))?;
        sents.extend(read_conllu(&ud.join("de_gsd-ud-test.conllu"))?);
        eprintln!("German: {} sentences (GSD dev + test)", sents.len());
        let cfg = TrainConfig {
            epochs: EPOCHS_DE,
            seed: SEED,
            feats: FeatsMode::PerFeature,
            lexicon: a.lexicon,
            verbose: true,
        };
        let mut cv = json!({});
        if a.compare_feats {
            eprintln!("German {}-fold CV, feature bundle as one class:", a.folds);
            let s = cross_validate(
                &sents,
                a.folds,
                &TrainConfig {
                    feats: FeatsMode::Bundle,
                    ..cfg
                },
            );
            eprintln!("  => {}", s.summary());
            cv["bundle_head"] = scores_json(&s);
        }
        if a.folds > 1 {
            eprintln!(
                "German {}-fold CV (contiguous sentence blocks), one head per feature:",
                a.folds
            );
            let s = cross_validate(&sents, a.folds, &cfg);
            eprintln!("  => {}", s.summary());
            cv["shipped_configuration"] = scores_json(&s);
        }
        eprintln!(
            "German: training the shipped model on all {} sentences",
            sents.len()
        );
        let m = model::train(&sents, "de", &cfg);
        let bytes = m.to_bytes();
        std::fs::write(a.out.join(Lang::De.model_file()), &bytes).map_err(|e| e.to_string())?;
        eprintln!(
            "German done in {:.0} s, model {} bytes",
            t0.elapsed().as_secs_f64(),
            bytes.len()
        );
        let scores = json!({
            "method": format!("{}-fold cross-validation over contiguous blocks of GSD dev+test (each fold's model never saw its block); the shipped model is trained on all of it", a.folds),
            "cv": cv,
        });
        let e = entry(
            Lang::De.model_file(),
            &bytes,
            &m,
            &[
                "UD_German-GSD de_gsd-ud-dev.conllu",
                "UD_German-GSD de_gsd-ud-test.conllu",
            ],
            EPOCHS_DE,
            "one head per feature",
            scores,
        );
        manifest["models"] = Value::Array(put(e));
    }
    if a.lang == "en" || a.lang == "all" {
        let t0 = Instant::now();
        let train = read_conllu(&ud.join("en_ewt-ud-train.conllu"))?;
        let dev = read_conllu(&ud.join("en_ewt-ud-dev.conllu"))?;
        eprintln!("English: {} training sentences (EWT train)", train.len());
        let cfg = TrainConfig {
            epochs: EPOCHS_EN,
            seed: SEED,
            feats: FeatsMode::None,
            lexicon: a.lexicon,
            verbose: true,
        };
        let m = model::train(&train, "en", &cfg);
        let bytes = m.to_bytes();
        std::fs::write(a.out.join(Lang::En.model_file()), &bytes).map_err(|e| e.to_string())?;
        let s = m.evaluate(&dev);
        eprintln!(
            "English done in {:.0} s, model {} bytes; EWT dev: {}",
            t0.elapsed().as_secs_f64(),
            bytes.len(),
            s.summary()
        );
        let scores = json!({"method": "trained on EWT train only, scored on EWT dev", "ewt_dev": scores_json(&s)});
        let e = entry(
            Lang::En.model_file(),
            &bytes,
            &m,
            &["UD_English-EWT en_ewt-ud-train.conllu"],
            EPOCHS_EN,
            "none",
            scores,
        );
        manifest["models"] = Value::Array(put(e));
    }
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    std::fs::write(&manifest_path, text).map_err(|e| e.to_string())?;
    eprintln!("wrote {}", manifest_path.display());
    Ok(())
}

fn run_eval(path: &Path, model: &str) -> Result<(), String> {
    let t = Instant::now();
    let an = match model {
        "de" => Analyzer::load(Lang::De),
        "en" => Analyzer::load(Lang::En),
        p => Analyzer::from_bytes(&std::fs::read(p).map_err(|e| format!("{p}: {e}"))?),
    }
    .map_err(|e| e.to_string())?;
    eprintln!("model loaded in {:.3} s", t.elapsed().as_secs_f64());
    let sents = read_conllu(path)?;
    let s = an.model().evaluate(&sents);
    println!("{}: {}", path.display(), s.summary());
    Ok(())
}

fn main() {
    let res = parse_args().and_then(|a| match &a.eval {
        Some(p) => run_eval(p, a.model.as_deref().unwrap_or("de")),
        None if a.eval_parse.is_some() => parser_cli::run_eval_parse(&a),
        None if a.parser => parser_cli::run_train_parser(&a),
        None => run_train(&a),
    });
    if let Err(e) = res {
        eprintln!("tripel-train: {e}");
        std::process::exit(1);
    }
}

/// The parser's training and evaluation commands.
mod parser_cli {
    use super::{read_conllu, sha256, Args, EPOCHS_DE, EPOCHS_EN, SEED};
    use serde_json::{json, Value};
    use std::path::Path;
    use std::time::Instant;
    use tripel_analysis::conllu::{self, Sentence};
    use tripel_analysis::parser::{self, ParseScores, ProjStats};
    use tripel_analysis::{Analyzer, FeatsMode, Lang, Parser, ParserConfig, TrainConfig};

    pub const PARSER_EPOCHS: usize = 15;
    /// Feature frequency cut-off: German 3 (about 3 MB), English 30 (EWT train is 7 times
    /// larger; 3 gave a 13 MB file, 12 a 7 MB one).
    fn min_count(lang: &str) -> u32 {
        if lang == "de" {
            3
        } else {
            30
        }
    }
    const PARSER_LICENCE: &str = "CC BY-SA 4.0: the model is an adaptation of Universal Dependencies treebank data (share-alike)";

    fn tagger_cfg(lang: &str) -> TrainConfig {
        TrainConfig {
            epochs: if lang == "de" { EPOCHS_DE } else { EPOCHS_EN },
            seed: SEED,
            feats: if lang == "de" {
                FeatsMode::PerFeature
            } else {
                FeatsMode::None
            },
            lexicon: true,
            verbose: false,
        }
    }

    /// Jackknifed tags, read from the cache directory when a previous run left them there.
    fn jackknifed(
        a: &Args,
        sents: &[Sentence],
        lang: &str,
        folds: usize,
    ) -> Result<Vec<Sentence>, String> {
        let cache = a
            .tags_cache
            .as_ref()
            .map(|d| d.join(format!("jackknife-{lang}-{folds}.conllu")));
        if let Some(p) = cache.as_ref().filter(|p| p.exists()) {
            eprintln!("  jackknifed tags from {}", p.display());
            return read_conllu(p);
        }
        let t = Instant::now();
        let out = parser::jackknife(
            sents,
            lang,
            folds,
            &TrainConfig {
                verbose: true,
                ..tagger_cfg(lang)
            },
        );
        eprintln!(
            "  jackknifed tags ({folds} folds) in {:.0} s",
            t.elapsed().as_secs_f64()
        );
        if let Some(p) = cache {
            std::fs::create_dir_all(p.parent().expect("dir")).map_err(|e| e.to_string())?;
            std::fs::write(&p, conllu::write(&out)).map_err(|e| e.to_string())?;
        }
        Ok(out)
    }

    fn cfg(lang: &str, verbose: bool) -> ParserConfig {
        ParserConfig {
            epochs: PARSER_EPOCHS,
            seed: SEED,
            explore: true,
            min_count: min_count(lang),
            verbose,
        }
    }

    fn scores_json(s: &ParseScores) -> Value {
        let r = |x: f64| (x * 100.0).round() / 100.0;
        json!({"tokens": s.tokens, "uas": r(s.uas_pct()), "las": r(s.las_pct())})
    }

    fn proj_json(p: &ProjStats) -> Value {
        json!({"sentences": p.sentences, "nonprojective_sentences": p.nonprojective, "arcs_lifted": p.lifted})
    }

    fn entry(
        file: &str,
        bytes: &[u8],
        p: &Parser,
        sources: &[&str],
        proj: &ProjStats,
        train_s: f64,
        scores: Value,
    ) -> Value {
        json!({
            "file": file,
            "component": "parser",
            "lang": p.lang(),
            "size": bytes.len(),
            "sha256": sha256(bytes),
            "sources": sources,
            "licence": PARSER_LICENCE,
            "training_command": "cargo run --release -p tripel-analysis --bin tripel-train -- --parser --data ../shared/train --out data/models",
            "seed": SEED,
            "epochs": PARSER_EPOCHS,
            "min_feature_count": min_count(p.lang()),
            "system": "greedy arc-hybrid, dynamic oracle (exploration p=0.9 from epoch 2), averaged perceptron over hashed features, label joint with the transition",
            "training_tags": "jackknifed: each of 5 contiguous blocks tagged by a tagger trained on the other 4 (the shipped tagger's settings)",
            "projectivization": proj_json(proj),
            "labels": p.labels().len(),
            "features": p.n_features(),
            "training_seconds": train_s.round(),
            "scores": scores,
        })
    }

    fn put(manifest: &mut Value, e: Value) {
        let mut entries: Vec<Value> = manifest["models"].as_array().cloned().unwrap_or_default();
        entries.retain(|x| x["file"] != e["file"]);
        entries.push(e);
        entries.sort_by(|x, y| x["file"].as_str().cmp(&y["file"].as_str()));
        manifest["models"] = Value::Array(entries);
    }

    pub fn run_train_parser(a: &Args) -> Result<(), String> {
        std::fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
        let manifest_path = a.out.join("manifest.json");
        let mut manifest: Value = std::fs::read_to_string(&manifest_path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| json!({"models": []}));
        let ud = a.data.join("ud");
        let folds = a.folds.max(2);
        if a.lang == "de" || a.lang == "all" {
            let t0 = Instant::now();
            let mut gold = read_conllu(&ud.join("de_gsd-ud-dev.conllu"))?;
            gold.extend(read_conllu(&ud.join("de_gsd-ud-test.conllu"))?);
            eprintln!("German parser: {} sentences (GSD dev + test)", gold.len());
            let tagged = jackknifed(a, &gold, "de", folds)?;
            let n = tagged.len();
            let mut total = ParseScores::default();
            let mut gold_tags = ParseScores::default();
            for k in 0..folds {
                let (lo, hi) = (k * n / folds, (k + 1) * n / folds);
                let train: Vec<Sentence> =
                    tagged[..lo].iter().chain(&tagged[hi..]).cloned().collect();
                let t = Instant::now();
                let (p, _) = parser::train(&train, "de", &cfg("de", false));
                let s = p.evaluate(&tagged[lo..hi]);
                let g = p.evaluate(&gold[lo..hi]);
                eprintln!(
                    "  fold {}/{folds} (sentences {lo}..{hi}, {:.0} s): predicted tags {}; gold tags {}",
                    k + 1,
                    t.elapsed().as_secs_f64(),
                    s.summary(),
                    g.summary()
                );
                total.add(&s);
                gold_tags.add(&g);
            }
            eprintln!(
                "  => CV predicted tags: {}; gold tags: {}",
                total.summary(),
                gold_tags.summary()
            );
            let t = Instant::now();
            let (p, proj) = parser::train(&tagged, "de", &cfg("de", true));
            let train_s = t.elapsed().as_secs_f64();
            let bytes = p.to_bytes();
            std::fs::write(a.out.join(Lang::De.parser_file()), &bytes)
                .map_err(|e| e.to_string())?;
            eprintln!(
                "German parser done in {:.0} s (shipped model {train_s:.0} s), {} bytes; projectivization {proj:?}",
                t0.elapsed().as_secs_f64(),
                bytes.len()
            );
            let scores = json!({
                "method": format!("{folds}-fold cross-validation over contiguous blocks of GSD dev+test; each fold's parser never saw its block, and the block's tags come from a tagger that never saw it either; punctuation included"),
                "cv_predicted_tags": scores_json(&total),
                "cv_gold_tags": scores_json(&gold_tags),
            });
            let e = entry(
                Lang::De.parser_file(),
                &bytes,
                &p,
                &[
                    "UD_German-GSD de_gsd-ud-dev.conllu",
                    "UD_German-GSD de_gsd-ud-test.conllu",
                ],
                &proj,
                train_s,
                scores,
            );
            put(&mut manifest, e);
        }
        if a.lang == "en" || a.lang == "all" {
            let t0 = Instant::now();
            let gold = read_conllu(&ud.join("en_ewt-ud-train.conllu"))?;
            let dev = read_conllu(&ud.join("en_ewt-ud-dev.conllu"))?;
            eprintln!(
                "English parser: {} training sentences (EWT train)",
                gold.len()
            );
            let tagged = jackknifed(a, &gold, "en", folds)?;
            let t = Instant::now();
            let (p, proj) = parser::train(&tagged, "en", &cfg("en", true));
            let train_s = t.elapsed().as_secs_f64();
            let bytes = p.to_bytes();
            std::fs::write(a.out.join(Lang::En.parser_file()), &bytes)
                .map_err(|e| e.to_string())?;
            let tagger = Analyzer::load(Lang::En).map_err(|e| e.to_string())?;
            let s = p.evaluate_with_tagger(&tagger, &dev);
            let g = p.evaluate(&dev);
            eprintln!(
                "English parser done in {:.0} s (model {train_s:.0} s), {} bytes; EWT dev predicted tags {}; gold tags {}; projectivization {proj:?}",
                t0.elapsed().as_secs_f64(),
                bytes.len(),
                s.summary(),
                g.summary()
            );
            let scores = json!({
                "method": "trained on EWT train only (jackknifed tags), scored on EWT dev tagged by the shipped tagger-en.bin; punctuation included",
                "ewt_dev_predicted_tags": scores_json(&s),
                "ewt_dev_gold_tags": scores_json(&g),
            });
            let e = entry(
                Lang::En.parser_file(),
                &bytes,
                &p,
                &["UD_English-EWT en_ewt-ud-train.conllu"],
                &proj,
                train_s,
                scores,
            );
            put(&mut manifest, e);
        }
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
        std::fs::write(&manifest_path, text).map_err(|e| e.to_string())?;
        eprintln!("wrote {}", manifest_path.display());
        Ok(())
    }

    pub fn run_eval_parse(a: &Args) -> Result<(), String> {
        let lang = if a.lang == "en" { Lang::En } else { Lang::De };
        let path: &Path = a.eval_parse.as_deref().expect("checked");
        let t = Instant::now();
        let tagger = Analyzer::load(lang).map_err(|e| e.to_string())?;
        let p = match &a.parser_model {
            Some(m) => {
                Parser::from_bytes(&std::fs::read(m).map_err(|e| format!("{}: {e}", m.display()))?)
            }
            None => Parser::load(lang),
        }
        .map_err(|e| e.to_string())?;
        eprintln!("models loaded in {:.3} s", t.elapsed().as_secs_f64());
        let sents = read_conllu(path)?;
        let s = p.evaluate_with_tagger(&tagger, &sents);
        let g = p.evaluate(&sents);
        println!(
            "{}: predicted tags {}; gold tags {}",
            path.display(),
            s.summary(),
            g.summary()
        );
        Ok(())
    }
}
