//! The tagger-lemmatizer: a cascade of averaged-perceptron heads run greedily left to right
//! (UPOS, then XPOS, then the morphological features, then the lemma edit script), its
//! training, evaluation and file format.

use crate::conllu::Sentence;
use crate::features::{
    lemma_features, neighbour_features, suffix, word_features, Lexicons, SentenceCtx,
};
use crate::lemma;
use crate::morph::Morph;
use crate::perceptron::{
    feature_hash as h, put_str, put_varint, Linear, Reader, SplitMix64, Trainer,
};
use crate::TokenAnalysis;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

/// The morphological features the German model predicts (UD names, in UD's order).
pub const FEATURE_KEYS: [&str; 6] = ["Case", "Gender", "Number", "Person", "Tense", "VerbForm"];

const MAGIC: &[u8; 8] = b"TRPLAN01";

/// How morphological features are predicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeatsMode {
    /// No features (the English model).
    None,
    /// The bundle of [`FEATURE_KEYS`] values as one class (`Case=Nom|Gender=Masc|Number=Sing`).
    Bundle,
    /// One head per feature in [`FEATURE_KEYS`], each with the class `_` for "absent".
    PerFeature,
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// How features are predicted.
    pub feats: FeatsMode,
    /// Whether word-list membership features are used.
    pub lexicon: bool,
    /// Whether the German morphology lexicon's features are used ([`crate::morph`]).
    pub morph: bool,
    /// Print progress to stderr.
    pub verbose: bool,
}

#[derive(Debug, Clone)]
struct Head {
    name: String,
    labels: Vec<String>,
    lin: Linear,
}

/// A trained model for one language.
#[derive(Debug, Clone)]
pub struct Model {
    lang: String,
    lexicon: bool,
    morph: bool,
    feats: FeatsMode,
    heads: Vec<Head>,
    /// The per-feature heads merged for scoring, with each head's first class.
    joint: Option<(Linear, Vec<usize>)>,
    /// All tagging heads (not the lemma) merged for scoring, with each head's first class.
    tables: (Linear, Vec<usize>),
    /// The lemma head's labels, parsed.
    scripts: Vec<lemma::Script>,
    /// Tells this model's entries in [`LEMMA_MEMO`] from other models' (a copy shares them:
    /// same weights).
    id: u64,
}

/// The restriction of a FEATS value to [`FEATURE_KEYS`] (`_` when none is present).
pub fn restrict_feats(feats: &str) -> String {
    let kept: Vec<&str> = feats
        .split('|')
        .filter(|kv| {
            kv.split_once('=')
                .is_some_and(|(k, _)| FEATURE_KEYS.contains(&k))
        })
        .collect();
    if kept.is_empty() {
        "_".into()
    } else {
        kept.join("|")
    }
}

fn feature_value<'a>(bundle: &'a str, key: &str) -> &'a str {
    bundle
        .split('|')
        .find_map(|kv| {
            kv.split_once('=')
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v)
        })
        .unwrap_or("_")
}

/// Picks a class: `(head, token, static features, head features, allowed)` → class. The static
/// features are the same for every tagging head of a token (empty for the lemma head); the
/// model scores the union. Training scores and updates; analysis only scores.
type Chooser<'c> = dyn FnMut(usize, usize, &[u32], &[u32], &dyn Fn(usize) -> bool) -> usize + 'c;

/// Label lists of the heads, in head order: upos, xpos, feats heads, lemma.
struct Spec<'a> {
    lexicon: bool,
    morph: bool,
    feats: FeatsMode,
    labels: Vec<&'a [String]>,
    /// The lemma head's scripts, parsed.
    scripts: &'a [lemma::Script],
    /// The model's [`Model::id`] when lemma choices may be remembered ([`LEMMA_MEMO`]):
    /// analysis, not training, whose weights change between calls.
    memo: Option<u64>,
}

thread_local! {
    /// Lemma classes already chosen on this thread, by model, word, UPOS, XPOS and FEATS. The
    /// lemma head sees nothing else (its features and the scripts that fit come from these
    /// alone), so a remembered class is the class it would choose again; news text repeats
    /// its words, and the lemma head, with its hundreds of classes, costs more than any other.
    static LEMMA_MEMO: RefCell<ByteKeyed<u32>> = RefCell::default();
}

thread_local! {
    /// The summed weights of a word's own static features ([`word_features`]) for all tagging
    /// heads, by model and word, and of what the word gives the tokens up to two places from
    /// it (`NEAR`): a token's static score is these plus its position features'
    /// (`SentenceCtx::position_features`, `Morph::position_features`; tests here and in
    /// `features.rs` check that the parts are exactly the static features). Integer sums do not depend on the order, so the scores are
    /// the same bit for bit as summing all static features per token.
    static WORD_STATIC: RefCell<ByteKeyed<Box<[i32]>>> = RefCell::default();
}

/// The offsets of a word's neighbour parts in [`WORD_STATIC`]: the neighbour's place
/// relative to the token.
const NEAR: [isize; 4] = [-2, -1, 1, 2];

/// The most entries [`WORD_STATIC`] keeps before it starts again (an entry holds five scores
/// per tagging class, the word's own and its four neighbour parts: 1.8 KB for German's 89
/// classes, at most about 30 MB per thread).
const WORD_STATIC_MAX: usize = 1 << 14;

/// A map from byte-string keys, with a buffer to build a key in without allocating.
type ByteKeyed<V> = (FxHashMap<Box<[u8]>, V>, Vec<u8>);

/// The most entries [`LEMMA_MEMO`] keeps before it starts again (a few MB per thread).
const LEMMA_MEMO_MAX: usize = 1 << 17;

/// A fresh [`Model::id`] per model built or read.
static NEXT_MODEL_ID: AtomicU64 = AtomicU64::new(0);

/// The memo key: model, tags, FEATS, then (after a byte UTF-8 never has) the word.
fn memo_key(buf: &mut Vec<u8>, id: u64, upos: usize, xpos: usize, feats: &str, word: &str) {
    buf.clear();
    buf.extend_from_slice(&id.to_le_bytes());
    buf.extend_from_slice(&(upos as u32).to_le_bytes());
    buf.extend_from_slice(&(xpos as u32).to_le_bytes());
    buf.extend_from_slice(feats.as_bytes());
    buf.push(0xff);
    buf.extend_from_slice(word.as_bytes());
}

impl Spec<'_> {
    fn n_feat_heads(&self) -> usize {
        match self.feats {
            FeatsMode::None => 0,
            FeatsMode::Bundle => 1,
            FeatsMode::PerFeature => FEATURE_KEYS.len(),
        }
    }

    /// Tags a sentence; `choose` picks each class. Returns each word's class per head and its
    /// FEATS value.
    fn decode(
        &self,
        words: &[&str],
        statics: Option<&[Vec<u32>]>,
        choose: &mut Chooser<'_>,
    ) -> (Vec<Vec<usize>>, Vec<String>) {
        let ctx = SentenceCtx::new(words);
        let lex = if self.lexicon {
            Some(Lexicons::get())
        } else {
            None
        };
        let morph = self.morph.then(Morph::get);
        // The sentence's words are read in the lexicon once, for their neighbours' static
        // features (training brings those precomputed) and for the morphology heads' governors.
        let readings = match morph {
            Some(m) => m.sentence(words, &ctx.lower),
            None => Vec::new(),
        };
        let nf = self.n_feat_heads();
        let lemma_head = 2 + nf;
        let mut out: Vec<Vec<usize>> = Vec::with_capacity(words.len());
        let mut st = Vec::new();
        let mut f = Vec::new();
        let mut feat_strs: Vec<String> = Vec::with_capacity(words.len());
        let all = |_: usize| true;
        for i in 0..words.len() {
            let s: &[u32] = match statics {
                Some(s) => &s[i],
                // Analysis: the word's own static features are summed once per word and
                // thread by the chooser ([`WORD_STATIC`]); only the context part is per token.
                None if self.memo.is_some() => {
                    // What the neighbours' words give is summed per word too.
                    st.clear();
                    ctx.position_features(i, lex, &mut st);
                    if let Some(m) = morph {
                        m.position_features(&ctx.lower, &readings, i, &mut st);
                    }
                    &st
                }
                None => {
                    ctx.static_features(i, lex, &mut st);
                    if let Some(m) = morph {
                        m.word_features(words[i], &ctx.lower[i], &mut st);
                        m.context_features(&ctx.lower, &readings, i, &mut st);
                    }
                    &st
                }
            };
            let lw = &*ctx.lower[i];
            let s3 = suffix(lw, 3);
            let prev = |k: usize, head: usize| -> &str {
                if i >= k {
                    &self.labels[head][out[i - k][head]]
                } else {
                    "<s>"
                }
            };
            let next = if i + 1 < words.len() {
                &*ctx.lower[i + 1]
            } else {
                "</s>"
            };
            let mut row = Vec::with_capacity(lemma_head + 1);
            // UPOS
            let (p1, p2) = (prev(1, 0), prev(2, 0));
            f.clear();
            f.extend([
                h(30, &[p1]),
                h(31, &[p2]),
                h(32, &[p1, p2]),
                h(33, &[p1, lw]),
                h(34, &[p1, s3]),
            ]);
            let u = choose(0, i, s, &f, &all);
            row.push(u);
            let us = self.labels[0][u].as_str();
            // XPOS
            let (x1, x2) = (prev(1, 1), prev(2, 1));
            f.clear();
            f.extend([
                h(40, &[us]),
                h(41, &[us, lw]),
                h(42, &[us, s3]),
                h(43, &[x1]),
                h(44, &[x1, x2]),
                h(45, &[x1, us]),
                h(46, &[us, next]),
            ]);
            let x = choose(1, i, s, &f, &all);
            row.push(x);
            let xs = self.labels[1][x].as_str();
            // Features
            let fs = if nf == 0 {
                "_".to_string()
            } else {
                let pf1 = if i >= 1 {
                    feat_strs[i - 1].as_str()
                } else {
                    "<s>"
                };
                let pf2 = if i >= 2 {
                    feat_strs[i - 2].as_str()
                } else {
                    "<s>"
                };
                let lprev = if i >= 1 { &*ctx.lower[i - 1] } else { "<s>" };
                f.clear();
                f.extend([
                    h(50, &[us]),
                    h(51, &[xs]),
                    h(52, &[xs, s3]),
                    h(53, &[pf1]),
                    h(54, &[pf1, xs]),
                    h(55, &[x1, xs]),
                    h(56, &[xs, lw]),
                    h(57, &[pf1, pf2]),
                    h(58, &[lprev, xs]),
                    h(59, &[x1, pf1, xs]),
                ]);
                if let Some(m) = morph {
                    let xpos = |j: usize| self.labels[1][out[j][1]].as_str();
                    m.governor_features(&ctx.lower, &readings, &xpos, i, xs, &mut f);
                }
                // The FEATS value: the bundle class itself, or `Key=Value` of each feature
                // head that is not `_`, joined by `|` (`_` for none).
                let mut fs = String::new();
                for (k, key) in FEATURE_KEYS.iter().enumerate().take(nf) {
                    let c = choose(2 + k, i, s, &f, &all);
                    row.push(c);
                    let v = self.labels[2 + k][c].as_str();
                    if self.feats == FeatsMode::Bundle {
                        fs.push_str(v);
                    } else if v != "_" {
                        if !fs.is_empty() {
                            fs.push('|');
                        }
                        fs.push_str(key);
                        fs.push('=');
                        fs.push_str(v);
                    }
                }
                if fs.is_empty() {
                    fs.push('_');
                }
                fs
            };
            // Lemma
            if self.labels.len() > lemma_head {
                let w = words[i];
                let known = self.memo.and_then(|id| {
                    LEMMA_MEMO.with(|m| {
                        let (map, key) = &mut *m.borrow_mut();
                        memo_key(key, id, u, x, &fs, w);
                        map.get(&key[..]).copied()
                    })
                });
                let c = match known {
                    Some(c) => c as usize,
                    None => {
                        lemma_features(w, lw, us, xs, &fs, &mut f);
                        if let Some(m) = morph {
                            m.lemma_features(w, lw, us, &mut f);
                        }
                        let ok = |c: usize| self.scripts[c].fits(w, lw);
                        let c = choose(lemma_head, i, &[], &f, &ok);
                        if self.memo.is_some() {
                            LEMMA_MEMO.with(|m| {
                                let (map, key) = &mut *m.borrow_mut();
                                if map.len() >= LEMMA_MEMO_MAX {
                                    map.clear();
                                }
                                map.insert(key[..].into(), c as u32);
                            });
                        }
                        c
                    }
                };
                row.push(c);
            }
            feat_strs.push(fs);
            out.push(row);
        }
        (out, feat_strs)
    }
}

fn argmax<T: Copy + PartialOrd>(scores: &[T], allowed: &dyn Fn(usize) -> bool) -> usize {
    let mut top = 0;
    for (c, &s) in scores.iter().enumerate() {
        if s > scores[top] {
            top = c;
        }
    }
    if scores.is_empty() || allowed(top) {
        return top;
    }
    let mut best: Option<(usize, T)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, b)| s > b) && allowed(c) {
            best = Some((c, s));
        }
    }
    best.map_or(0, |b| b.0)
}

/// Gold classes of one sentence's words, per head.
fn gold_labels(sent: &Sentence, feats: FeatsMode) -> Vec<Vec<String>> {
    sent.words()
        .map(|r| {
            let mut v = vec![r.upos.clone(), r.xpos.clone()];
            let b = restrict_feats(&r.feats);
            match feats {
                FeatsMode::None => {}
                FeatsMode::Bundle => v.push(b),
                FeatsMode::PerFeature => {
                    for k in FEATURE_KEYS {
                        v.push(feature_value(&b, k).to_string());
                    }
                }
            }
            v.push(lemma::derive(&r.form, &r.lemma));
            v
        })
        .collect()
}

/// Trains a model on sentences (their syntactic words).
pub fn train(sents: &[Sentence], lang: &str, cfg: &TrainConfig) -> Model {
    let golds: Vec<Vec<Vec<String>>> = sents.iter().map(|s| gold_labels(s, cfg.feats)).collect();
    let n_heads = golds.iter().flatten().next().map_or(3, Vec::len);
    let mut label_sets: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); n_heads];
    for tok in golds.iter().flatten() {
        for (k, l) in tok.iter().enumerate() {
            label_sets[k].insert(l);
        }
    }
    let labels: Vec<Vec<String>> = label_sets
        .iter()
        .map(|s| s.iter().map(|l| l.to_string()).collect())
        .collect();
    let ids: Vec<Vec<Vec<usize>>> = golds
        .iter()
        .map(|s| {
            s.iter()
                .map(|t| {
                    t.iter()
                        .enumerate()
                        .map(|(k, l)| labels[k].binary_search(l).expect("label"))
                        .collect()
                })
                .collect()
        })
        .collect();
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words().map(|r| r.form.as_str()).collect())
        .collect();
    let lex = if cfg.lexicon {
        Some(Lexicons::get())
    } else {
        None
    };
    let morph = cfg.morph.then(Morph::get);
    let statics: Vec<Vec<Vec<u32>>> = words
        .iter()
        .map(|w| {
            let ctx = SentenceCtx::new(w);
            let readings = morph.map(|m| m.sentence(w, &ctx.lower));
            (0..w.len())
                .map(|i| {
                    let mut v = Vec::new();
                    ctx.static_features(i, lex, &mut v);
                    if let (Some(m), Some(r)) = (morph, &readings) {
                        m.word_features(w[i], &ctx.lower[i], &mut v);
                        m.context_features(&ctx.lower, r, i, &mut v);
                    }
                    v
                })
                .collect()
        })
        .collect();
    let scripts = parse_scripts(labels.last().map_or(&[][..], Vec::as_slice));
    let spec = Spec {
        lexicon: cfg.lexicon,
        morph: cfg.morph,
        feats: cfg.feats,
        labels: labels.iter().map(Vec::as_slice).collect(),
        scripts: &scripts,
        memo: None,
    };
    let mut trainers: Vec<Trainer> = labels.iter().map(|l| Trainer::new(l.len())).collect();
    let mut rng = SplitMix64::new(cfg.seed);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut scores = Vec::new();
    let mut all_f = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let mut correct = vec![0usize; n_heads];
        let mut total = 0usize;
        for &si in &order {
            let gold = &ids[si];
            let mut choose =
                |head: usize, i: usize, s: &[u32], d: &[u32], allowed: &dyn Fn(usize) -> bool| {
                    all_f.clear();
                    all_f.extend_from_slice(s);
                    all_f.extend_from_slice(d);
                    trainers[head].scores(&all_f, &mut scores);
                    let p = argmax(&scores, allowed);
                    let g = gold[i][head];
                    trainers[head].update(&all_f, g, p);
                    correct[head] += usize::from(p == g);
                    p
                };
            spec.decode(&words[si], Some(&statics[si]), &mut choose);
            total += words[si].len();
        }
        if cfg.verbose {
            let acc: Vec<String> = correct
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    format!(
                        "{} {:.3}",
                        head_name(k, cfg.feats, n_heads),
                        *c as f64 / total.max(1) as f64
                    )
                })
                .collect();
            eprintln!(
                "  [{lang}] epoch {}/{}: train acc {}",
                epoch + 1,
                cfg.epochs,
                acc.join(", ")
            );
        }
    }
    let heads = trainers
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(k, (t, labels))| Head {
            name: head_name(k, cfg.feats, n_heads),
            labels,
            lin: t.finish(),
        })
        .collect();
    Model {
        lang: lang.to_string(),
        lexicon: cfg.lexicon,
        morph: cfg.morph,
        feats: cfg.feats,
        heads,
        joint: None,
        tables: (Linear::concat(&[]), vec![0]),
        scripts: Vec::new(),
        id: 0,
    }
    .with_joint()
}

/// The lemma head's labels (the last head's), parsed as scripts.
fn parse_scripts(labels: &[String]) -> Vec<lemma::Script> {
    labels.iter().map(|s| lemma::Script::parse(s)).collect()
}

fn head_name(k: usize, feats: FeatsMode, n: usize) -> String {
    match k {
        0 => "upos".into(),
        1 => "xpos".into(),
        k if k + 1 == n => "lemma".into(),
        k => match feats {
            FeatsMode::PerFeature => format!("feat:{}", FEATURE_KEYS[k - 2]),
            _ => "feats".into(),
        },
    }
}

/// Accuracy counts of a model on gold-tokenised sentences.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Syntactic words scored.
    pub tokens: usize,
    /// Right UPOS.
    pub upos: usize,
    /// Right XPOS.
    pub xpos: usize,
    /// Right feature bundle (restricted to [`FEATURE_KEYS`]).
    pub feats: usize,
    /// Right value per feature of [`FEATURE_KEYS`].
    pub per_feature: [usize; 6],
    /// Right lemma.
    pub lemma: usize,
    /// Whether features were scored.
    pub has_feats: bool,
}

impl Scores {
    /// Adds another count.
    pub fn add(&mut self, o: &Scores) {
        self.tokens += o.tokens;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.feats += o.feats;
        self.lemma += o.lemma;
        for k in 0..6 {
            self.per_feature[k] += o.per_feature[k];
        }
        self.has_feats |= o.has_feats;
    }

    fn pct(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.tokens.max(1) as f64
    }

    /// UPOS accuracy in percent.
    pub fn upos_pct(&self) -> f64 {
        self.pct(self.upos)
    }
    /// XPOS accuracy in percent.
    pub fn xpos_pct(&self) -> f64 {
        self.pct(self.xpos)
    }
    /// Feature-bundle accuracy in percent.
    pub fn feats_pct(&self) -> f64 {
        self.pct(self.feats)
    }
    /// Lemma accuracy in percent.
    pub fn lemma_pct(&self) -> f64 {
        self.pct(self.lemma)
    }

    /// A one-line summary.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "tokens {}  UPOS {:.2}  XPOS {:.2}",
            self.tokens,
            self.upos_pct(),
            self.xpos_pct()
        );
        if self.has_feats {
            s.push_str(&format!("  FEATS {:.2} (", self.feats_pct()));
            let per: Vec<String> = FEATURE_KEYS
                .iter()
                .zip(self.per_feature)
                .map(|(k, n)| format!("{k} {:.2}", self.pct(n)))
                .collect();
            s.push_str(&per.join(", "));
            s.push(')');
        }
        s.push_str(&format!("  LEMMA {:.2}", self.lemma_pct()));
        s
    }
}

impl Model {
    fn with_joint(mut self) -> Self {
        self.id = NEXT_MODEL_ID.fetch_add(1, Ordering::Relaxed);
        self.scripts = parse_scripts(self.heads.last().map_or(&[][..], |h| &h.labels));
        let tagging: Vec<&Linear> = self.heads[..self.heads.len() - 1]
            .iter()
            .map(|h| &h.lin)
            .collect();
        let mut offsets = vec![0];
        for p in &tagging {
            offsets.push(offsets.last().copied().unwrap_or(0) + p.n_classes());
        }
        self.tables = (Linear::concat(&tagging), offsets);
        if self.feats == FeatsMode::PerFeature {
            let parts: Vec<&Linear> = self.heads[2..2 + FEATURE_KEYS.len()]
                .iter()
                .map(|h| &h.lin)
                .collect();
            let mut offsets = vec![0];
            for p in &parts {
                offsets.push(offsets.last().copied().unwrap_or(0) + p.n_classes());
            }
            self.joint = Some((Linear::concat(&parts), offsets));
        }
        self
    }

    fn spec(&self) -> Spec<'_> {
        Spec {
            lexicon: self.lexicon,
            morph: self.morph,
            feats: self.feats,
            labels: self.heads.iter().map(|h| h.labels.as_slice()).collect(),
            scripts: &self.scripts,
            memo: Some(self.id),
        }
    }

    /// The lemma head's labels (edit scripts, [`lemma::apply`]), empty for a model without a
    /// lemma head (whose lemmas are the words themselves). A caller can invert them once to know
    /// which words could get a given lemma without tagging a sentence.
    pub fn lemma_labels(&self) -> &[String] {
        let nf = self.spec().n_feat_heads();
        self.heads.get(2 + nf).map_or(&[], |h| h.labels.as_slice())
    }

    /// The language code the model was trained for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether the model predicts morphological features.
    pub fn has_feats(&self) -> bool {
        self.feats != FeatsMode::None
    }

    /// Head names, label counts and feature counts (for the manifest and `--info`).
    pub fn describe(&self) -> Vec<(String, usize, usize)> {
        self.heads
            .iter()
            .map(|h| (h.name.clone(), h.labels.len(), h.lin.n_features()))
            .collect()
    }

    /// Each token's static sums for all tagging heads (`n_classes` per token, in order): the
    /// summed weights of its word's own static features and of what its neighbours' words
    /// give it ([`neighbour_features`], [`Morph::neighbour_features`]), from [`WORD_STATIC`]
    /// (filled on a word's first use on the thread). The words' entries are looked up once
    /// each: a token adds its own part and the parts of up to four neighbours.
    fn word_statics(&self, words: &[&str]) -> Vec<i32> {
        let n = self.tables.0.n_classes();
        // Filled row by row from the words' entries (no zeroed allocation first).
        let mut pre: Vec<i32> = Vec::with_capacity(n * words.len());
        WORD_STATIC.with(|m| {
            let (map, key) = &mut *m.borrow_mut();
            let set_key = |key: &mut Vec<u8>, w: &str| {
                key.clear();
                key.extend_from_slice(&self.id.to_le_bytes());
                key.extend_from_slice(w.as_bytes());
            };
            // Room for the whole sentence first, so that no entry goes while it is in use.
            if map.len() + words.len() > WORD_STATIC_MAX {
                map.clear();
            }
            for w in words {
                set_key(key, w);
                if !map.contains_key(&key[..]) {
                    map.insert(key[..].into(), self.word_static_entry(w));
                }
            }
            let entries: Vec<&[i32]> = words
                .iter()
                .map(|w| {
                    set_key(key, w);
                    &map[&key[..]][..]
                })
                .collect();
            for (i, entry) in entries.iter().enumerate() {
                pre.extend_from_slice(&entry[..n]);
                let row = &mut pre[n * i..];
                for (k, d) in NEAR.iter().enumerate() {
                    let j = i as isize + d;
                    if let Some(e) = usize::try_from(j).ok().and_then(|j| entries.get(j)) {
                        for (o, v) in row.iter_mut().zip(&e[n * (k + 1)..n * (k + 2)]) {
                            *o += v;
                        }
                    }
                }
            }
        });
        pre
    }

    /// A word's entry in [`WORD_STATIC`]: the summed weights of its own static features for
    /// all tagging heads, then those of what it gives a token [`NEAR`]`[k]` places from it.
    fn word_static_entry(&self, word: &str) -> Box<[i32]> {
        let tables = &self.tables.0;
        let lex = if self.lexicon {
            Some(Lexicons::get())
        } else {
            None
        };
        let mut f = Vec::with_capacity(32);
        let lower = word.to_lowercase();
        word_features(word, &lower, lex, &mut f);
        if self.morph {
            Morph::get().word_features(word, &lower, &mut f);
        }
        let n = tables.n_classes();
        let mut sc = vec![0i32; n * (1 + NEAR.len())];
        tables.add_scores(&f, &mut sc[..n]);
        let reading = self.morph.then(|| Morph::get().reading(word, &lower));
        for (k, &d) in NEAR.iter().enumerate() {
            f.clear();
            neighbour_features(&lower, d, &mut f);
            if let Some(r) = reading.filter(|_| d.abs() == 1) {
                Morph::neighbour_features(r, d, &mut f);
            }
            tables.add_scores(&f, &mut sc[n * (k + 1)..n * (k + 2)]);
        }
        sc.into_boxed_slice()
    }

    /// Analyses one sentence of words.
    pub fn analyze(&self, words: &[&str]) -> Vec<TokenAnalysis> {
        let spec = self.spec();
        let mut scores: Vec<i32> = Vec::new();
        let mut conf = vec![0f32; words.len()];
        let mut joint_scores: Vec<i32> = Vec::new();
        let mut static_scores = vec![0i32; self.tables.0.n_classes()];
        let pre = self.word_statics(words);
        let (tables, offsets) = &self.tables;
        let mut choose =
            |head: usize, i: usize, s: &[u32], d: &[u32], allowed: &dyn Fn(usize) -> bool| {
                let lin = &self.heads[head].lin;
                if head + 1 < offsets.len() {
                    // A tagging head: the static part of the score comes from one lookup per
                    // feature for all tagging heads, made at the token's first head.
                    if head == 0 {
                        // `s` holds the context part only (`Spec::decode` with a memo): the
                        // word's own part comes from the thread's table.
                        let n = static_scores.len();
                        static_scores.copy_from_slice(&pre[n * i..n * (i + 1)]);
                        tables.add_scores(s, &mut static_scores);
                    }
                    match &self.joint {
                        Some((joint, joffs)) if head >= 2 => {
                            // The per-feature heads share their own features too.
                            if head == 2 {
                                joint_scores.clear();
                                joint_scores.resize(joint.n_classes(), 0);
                                joint.add_scores(d, &mut joint_scores);
                            }
                            scores.clear();
                            scores
                                .extend_from_slice(&joint_scores[joffs[head - 2]..joffs[head - 1]]);
                        }
                        _ => {
                            scores.clear();
                            scores.resize(lin.n_classes(), 0);
                            lin.add_scores(d, &mut scores);
                        }
                    }
                    for (x, y) in scores
                        .iter_mut()
                        .zip(&static_scores[offsets[head]..offsets[head + 1]])
                    {
                        *x += y;
                    }
                } else {
                    scores.clear();
                    scores.resize(lin.n_classes(), 0);
                    lin.add_scores(d, &mut scores);
                }
                let c = argmax(&scores, allowed);
                if head == 0 {
                    // Softmax probability of the chosen UPOS.
                    let sc = lin.scale();
                    let best = scores[c];
                    let z: f32 = scores.iter().map(|&s| ((s - best) as f32 * sc).exp()).sum();
                    conf[i] = 1.0 / z;
                }
                c
            };
        let (rows, feats) = spec.decode(words, None, &mut choose);
        let nf = spec.n_feat_heads();
        rows.iter()
            .zip(feats)
            .enumerate()
            .map(|(i, (r, feats))| {
                let label = |k: usize| self.heads[k].labels[r[k]].clone();
                let lemma = if self.heads.len() > 2 + nf {
                    lemma::apply(&self.heads[2 + nf].labels[r[2 + nf]], words[i])
                        .unwrap_or_else(|| words[i].to_string())
                } else {
                    words[i].to_string()
                };
                TokenAnalysis {
                    upos: label(0),
                    xpos: label(1),
                    feats,
                    lemma,
                    score: conf[i],
                }
            })
            .collect()
    }

    /// Scores the model on gold-tokenised sentences: each sentence's syntactic words are
    /// re-analysed and compared with the gold annotation.
    pub fn evaluate(&self, sents: &[Sentence]) -> Scores {
        let mut sc = Scores {
            has_feats: self.has_feats(),
            ..Scores::default()
        };
        for s in sents {
            let words: Vec<&str> = s.words().map(|r| r.form.as_str()).collect();
            let pred = self.analyze(&words);
            for (g, p) in s.words().zip(&pred) {
                sc.tokens += 1;
                sc.upos += usize::from(g.upos == p.upos);
                sc.xpos += usize::from(g.xpos == p.xpos);
                sc.lemma += usize::from(g.lemma == p.lemma);
                if sc.has_feats {
                    let gf = restrict_feats(&g.feats);
                    sc.feats += usize::from(gf == p.feats);
                    for (k, key) in FEATURE_KEYS.iter().enumerate() {
                        sc.per_feature[k] +=
                            usize::from(feature_value(&gf, key) == feature_value(&p.feats, key));
                    }
                }
            }
        }
        sc
    }

    /// The model file: magic, language, settings, then each head's labels and weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put_str(&mut out, &self.lang);
        // Bit 0: the word lists; bit 1: the morphology lexicon (files before it hold 0 or 1).
        out.push(u8::from(self.lexicon) | u8::from(self.morph) << 1);
        out.push(match self.feats {
            FeatsMode::None => 0,
            FeatsMode::Bundle => 1,
            FeatsMode::PerFeature => 2,
        });
        put_varint(&mut out, self.heads.len() as u64);
        for hd in &self.heads {
            put_str(&mut out, &hd.name);
            put_varint(&mut out, hd.labels.len() as u64);
            for l in &hd.labels {
                put_str(&mut out, l);
            }
            hd.lin.encode(&mut out);
        }
        out
    }

    /// Reads a model file written by [`Model::to_bytes`].
    pub fn from_bytes(buf: &[u8]) -> Result<Model, String> {
        let mut r = Reader::new(buf);
        if r.bytes(8)? != MAGIC {
            return Err("not a tripel analysis model (bad magic)".into());
        }
        let lang = r.string()?;
        let lists = r.bytes(1)?[0];
        if lists > 3 {
            return Err(format!("unknown word-list settings {lists}"));
        }
        let (lexicon, morph) = (lists & 1 != 0, lists & 2 != 0);
        let feats = match r.bytes(1)?[0] {
            0 => FeatsMode::None,
            1 => FeatsMode::Bundle,
            2 => FeatsMode::PerFeature,
            x => return Err(format!("unknown features mode {x}")),
        };
        let n = r.varint()? as usize;
        let mut heads = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.string()?;
            let nl = r.varint()? as usize;
            let labels = (0..nl).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
            let lin = Linear::decode(&mut r)?;
            if lin.n_classes() != labels.len() {
                return Err(format!("head {name}: label count mismatch"));
            }
            heads.push(Head { name, labels, lin });
        }
        if !r.at_end() {
            return Err("trailing bytes in model file".into());
        }
        let want = 3 + match feats {
            FeatsMode::None => 0,
            FeatsMode::Bundle => 1,
            FeatsMode::PerFeature => FEATURE_KEYS.len(),
        };
        if heads.len() != want {
            return Err(format!("{} heads, expected {want}", heads.len()));
        }
        Ok(Model {
            lang,
            lexicon,
            morph,
            feats,
            heads,
            joint: None,
            tables: (Linear::concat(&[]), vec![0]),
            scripts: Vec::new(),
            id: 0,
        }
        .with_joint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Analyzer, Lang};

    #[test]
    fn summed_static_scores_are_the_static_features_scores() {
        // Analysis adds a word's own static sums and its neighbours' sums from the thread's
        // table ([`WORD_STATIC`]) to the position features' scores; with the shipped models
        // that must be the scores of all static features looked up per token.
        let cases = [
            (
                Lang::De,
                "Der Siemens-Chef Joe Kaeser sagte am Montag in München , die Deutsche Bank AG habe dem neuen Vertrag 3,5 Mrd. Euro gezahlt .",
            ),
            (Lang::De, "ÖPNV"),
            (Lang::De, "Mit dem Vertrag"),
            (
                Lang::En,
                "John Miller , who heads Bluefield Corp. , said on Monday that the company will buy a plant in Ohio .",
            ),
        ];
        for (lang, text) in cases {
            let analyzer = Analyzer::load(lang).unwrap();
            let model = analyzer.model();
            let words: Vec<&str> = text.split(' ').collect();
            let ctx = SentenceCtx::new(&words);
            let lex = model.lexicon.then(Lexicons::get);
            let morph = model.morph.then(Morph::get);
            let readings = morph.map_or(Vec::new(), |m| m.sentence(&words, &ctx.lower));
            let tables = &model.tables.0;
            for i in 0..words.len() {
                let mut f = Vec::new();
                ctx.static_features(i, lex, &mut f);
                if let Some(m) = morph {
                    m.word_features(words[i], &ctx.lower[i], &mut f);
                    m.context_features(&ctx.lower, &readings, i, &mut f);
                }
                let mut all = vec![0i32; tables.n_classes()];
                tables.add_scores(&f, &mut all);
                let n = tables.n_classes();
                let mut summed = model.word_statics(&words)[n * i..n * (i + 1)].to_vec();
                f.clear();
                ctx.position_features(i, lex, &mut f);
                if let Some(m) = morph {
                    m.position_features(&ctx.lower, &readings, i, &mut f);
                }
                tables.add_scores(&f, &mut summed);
                assert_eq!(all, summed, "{text}: {}", words[i]);
            }
        }
    }
}
