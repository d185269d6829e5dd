//! The learned name recognizer: a BIO sequence labeller for PER, ORG and LOC. A linear-chain
//! model over hashed features, decoded with Viterbi over first-order label transitions and
//! trained as a structured averaged perceptron (the CRF model class, which beat the first
//! step's greedy decoder by 3–4 F1 points); span scores are label marginals under the model
//! read as a CRF, with a temperature fitted on held-out training sentences ([`calibrate`]).
//! Invalid BIO transitions are never output (an `I-X` only follows `B-X` or `I-X`). The greedy
//! decoder is kept for comparison ([`NerConfig::viterbi`]).
//!
//! Features: the tagger's shared token features ([`SentenceCtx::static_features`]: word, lower
//! case, affixes, shape, capitalisation × sentence start, ±2 context, word-list flags) plus
//! name-specific ones: longest-match gazetteer spans over `entities.tsv` and `places.tsv` by
//! type, legal forms and organisation/place cue nouns of `cues.tsv` around the word, a role
//! (`roles.tsv`) or title (`titles.tsv`) before it, a listed noun as the head of a compound,
//! case evidence from the training text ([`case_evidence`]: "Waren" is a common word because
//! "waren" occurs), and the previous label. With domain copies, each feature also exists
//! conjoined with the training domain ("frustratingly easy" domain adaptation); prediction
//! uses the general features, optionally plus one domain's copy ([`Ner::set_predict_domain`]).
//!
//! ```
//! use tripel_analysis::{Lang, Ner};
//! let ner = Ner::load(Lang::De).unwrap();
//! let words = ["Die", "Quendel", "AG", "aus", "Bremen", "ernennt", "Jonas", "Pfeiffer", "."];
//! let spans = ner.tag(&words);
//! assert!(spans.iter().any(|s| s.label == "LOC" && words[s.start] == "Bremen"));
//! ```

use crate::features::{suffix, Flags, Lexicons, SentenceCtx};
use crate::perceptron::{
    feature_hash as h, put_str, put_varint, Linear, Reader, SplitMix64, Trainer,
};
use crate::{Error, Lang};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{OnceCell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// The lower-case word set of a model (case evidence).
type Evidence = FxHashSet<String>;

/// Words that begin with a lower-case letter at a position after the first in at least
/// `min_count` of the given sentences' tokens, sorted: the case evidence a model keeps (a
/// capitalised word whose lower-case form is listed is a common word written at a sentence
/// start or inside a name, not a name by itself).
pub fn case_evidence<'a>(
    sents: impl Iterator<Item = &'a [String]>,
    min_count: usize,
) -> Vec<String> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for s in sents {
        for w in s.iter().skip(1) {
            if w.chars().next().is_some_and(char::is_lowercase) && w.chars().count() > 1 {
                *counts.entry(w.as_str()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|&(_, c)| c >= min_count)
        .map(|(w, _)| w.to_string())
        .collect();
    out.sort_unstable();
    out
}

/// The labels, in class order.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
/// The entity types.
pub const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// Greedy models (no decoder field).
const MAGIC_V1: &[u8; 8] = b"TRPLNE01";
/// With a decoder field (greedy or Viterbi).
const MAGIC: &[u8; 8] = b"TRPLNE02";

/// The class of `B-type` (`type` index into [`TYPES`]).
fn b_of(t: usize) -> usize {
    1 + 2 * t
}

/// Whether label `cur` may follow label `prev` (`None` = sentence start).
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && p.div_ceil(2) == cur / 2)
}

/// A labelled sentence for training or scoring: words and BIO classes (indices into
/// [`LABELS`]), and the corpus it comes from (its domain id for feature copies).
#[derive(Debug, Clone, PartialEq)]
pub struct NerSentence {
    /// The tokens.
    pub words: Vec<String>,
    /// One class per token.
    pub tags: Vec<u8>,
    /// The corpus (domain) id, 0 = news (GermEval).
    pub domain: u8,
}

/// One recognised name: tokens `start..end`, its type and a score (the mean probability of its
/// tokens' labels).
#[derive(Debug, Clone, PartialEq)]
pub struct NerSpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `PER`, `ORG` or `LOC`.
    pub label: &'static str,
    /// Mean label probability over the span (softmax of the perceptron scores).
    pub score: f32,
}

/// A sentence's names as decoded, before their scores ([`Ner::tag_lazy`]). A Viterbi model's
/// score is a label marginal, which needs forward-backward over the whole sentence (about as
/// costly as decoding it); a caller that drops most names for other reasons first (extraction:
/// a rule took their tokens) asks for the scores of the rest only, and then all of them are
/// computed once, the same numbers [`Ner::tag`] gives.
#[derive(Debug, Clone)]
pub struct NerTags {
    /// `(start, end, type)` per name: tokens `start..end`, an index into [`TYPES`].
    spans: Vec<(usize, usize, usize)>,
    scores: Scores,
}

/// The spans' scores, known or still to be computed from the lattice.
#[derive(Debug, Clone)]
enum Scores {
    Known(Vec<f32>),
    Lattice {
        local: Vec<[[i64; NL]; NL]>,
        best: Vec<usize>,
        /// Score unit over temperature: the potentials' scale.
        scale: f64,
        means: OnceCell<Vec<f32>>,
    },
}

impl NerTags {
    /// Number of names.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the sentence has no name.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Name `k`'s tokens `start..end` and type (`PER`, `ORG` or `LOC`).
    pub fn span(&self, k: usize) -> (usize, usize, &'static str) {
        let (s, e, t) = self.spans[k];
        (s, e, TYPES[t])
    }

    /// Name `k` with its score: the mean probability of its tokens' labels.
    pub fn scored(&self, k: usize) -> NerSpan {
        let (start, end, label) = self.span(k);
        let score = match &self.scores {
            Scores::Known(means) => means[k],
            Scores::Lattice {
                local,
                best,
                scale,
                means,
            } => means.get_or_init(|| {
                // Only the spans' tokens' marginals of their decoded labels are needed: the
                // backward scores from the first span on.
                let from = self.spans.iter().map(|s| s.0).min().unwrap_or(0);
                let (alpha, beta, z) = forward_backward(local, *scale, from);
                let m = |i: usize| (alpha[i][best[i]] + beta[i][best[i]] - z).exp();
                self.spans
                    .iter()
                    .map(|&(s, e, _)| (s..e).map(|i| m(i) as f32).sum::<f32>() / (e - s) as f32)
                    .collect()
            })[k],
        };
        NerSpan {
            start,
            end,
            label,
            score,
        }
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct NerConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Whether each feature also gets a copy conjoined with the sentence's domain.
    pub domain_copies: bool,
    /// The domain whose copy is used at prediction time ([`NO_DOMAIN`]: none).
    pub predict_domain: u8,
    /// Whether the shipped German tagger's UPOS and XPOS are features.
    pub pos: bool,
    /// Viterbi decoding over first-order label transitions, trained as a structured
    /// perceptron; `false`: greedy left to right with the two previous predicted labels.
    pub viterbi: bool,
    /// Viterbi models with domain copies and a predict domain: fold that domain's copy into the
    /// general features when training ends and drop all copies, so that prediction looks each
    /// feature up once (the same scores up to quantisation, half the model; the other
    /// domains' copies are gone, [`Ner::set_predict_domain`] then has no effect).
    pub fold_copies: bool,
    /// With [`NerConfig::fold_copies`], a second domain whose copy is folded in as well: the
    /// model then predicts as if a sentence were of both domains (GermEval's and SmartData's
    /// copies for news of either kind).
    pub fold_also: Option<u8>,
    /// Words seen in lower case inside sentences of the training text (see [`case_evidence`]);
    /// stored in the model, empty for none.
    pub evidence: Arc<Vec<String>>,
    /// Print progress.
    pub verbose: bool,
}

/// The gazetteer's names that start with one token: (tokens, type) each.
type GazNames = Vec<(Vec<&'static str>, u8)>;

/// Name-specific word lists (from `data/lexicon/`).
#[derive(Debug, Default)]
struct NameLists {
    /// Multi- and single-word gazetteer names by first token: (tokens, type).
    gaz: FxHashMap<&'static str, Vec<(Vec<&'static str>, u8)>>,
    /// Cue words by surface: kind.
    cues: FxHashMap<&'static str, &'static str>,
    /// Compound heads that make a word an organisation noun (lower case).
    orgsuffix: Vec<&'static str>,
    roles: FxHashSet<String>,
    titles: FxHashSet<&'static str>,
}

fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl NameLists {
    fn get() -> &'static NameLists {
        static L: OnceLock<NameLists> = OnceLock::new();
        L.get_or_init(NameLists::load)
    }

    fn add(&mut self, name: &'static str, t: u8) {
        let toks: Vec<&'static str> = tokenize(name)
            .into_iter()
            .map(|(a, b)| &name[a..b])
            .collect();
        if toks.is_empty() || toks.len() > 6 {
            return;
        }
        let v = self.gaz.entry(toks[0]).or_default();
        if !v.iter().any(|(w, ty)| *w == toks && *ty == t) {
            v.push((toks, t));
        }
    }

    fn load() -> NameLists {
        let mut l = NameLists::default();
        for line in lines(include_str!("../../../data/lexicon/entities.tsv")) {
            let f: Vec<&'static str> = line.split('\t').collect();
            let t = match f.get(1).copied() {
                Some("Person") => 0,
                Some("Organization") => 1,
                Some("Place") => 2,
                _ => continue,
            };
            l.add(f[0].trim(), t);
            if let Some(al) = f.get(2) {
                for a in al.split('|') {
                    l.add(a.trim(), t);
                }
            }
        }
        for line in lines(include_str!("../../../data/lexicon/places.tsv")) {
            let f: Vec<&'static str> = line.split('\t').collect();
            for i in [0, 2, 5] {
                if let Some(n) = f.get(i) {
                    if !n.trim().is_empty() {
                        l.add(n.trim(), 2);
                    }
                }
            }
        }
        for line in lines(include_str!("../../../data/lexicon/cues.tsv")) {
            if let Some((kind, surface)) = line.split_once('\t') {
                let surface = surface.split('\t').next().unwrap_or("").trim();
                if kind == "orgsuffix" {
                    l.orgsuffix.push(surface);
                } else if kind == "orgpart" {
                    // A cue for the rules ("Moovel-Tochter"), about the compound's first part, not
                    // the word itself: not one of the model's features.
                } else if !surface.contains(' ') {
                    l.cues.entry(surface).or_insert(kind);
                }
            }
        }
        for line in lines(include_str!("../../../data/lexicon/roles.tsv")) {
            if let Some(s) = line.split('\t').next() {
                l.roles.insert(s.to_lowercase());
            }
        }
        for line in lines(include_str!("../../../data/lexicon/titles.tsv")) {
            l.titles
                .insert(line.split('\t').next().unwrap_or("").trim());
        }
        l
    }

    /// Longest-match gazetteer labels per token: 0 none, else 1 + 2·type (+1 inside).
    fn gazetteer(&self, words: &[&str]) -> Vec<u8> {
        self.gazetteer_from(words, |i| self.gaz.get(words[i]))
    }

    /// The gazetteer names whose first token is `w` (a word's entry in [`WordFacts`]).
    fn starting(&'static self, w: &str) -> Option<&'static GazNames> {
        self.gaz.get(w)
    }

    /// [`NameLists::gazetteer`] with each word's names (`starting(i)`: those whose first
    /// token is word `i`) at hand, for a caller that remembers them per word.
    fn gazetteer_from<'g>(
        &self,
        words: &[&str],
        starting: impl Fn(usize) -> Option<&'g GazNames>,
    ) -> Vec<u8> {
        let mut out = vec![0u8; words.len()];
        let mut i = 0;
        while i < words.len() {
            let mut best: Option<(usize, u8)> = None;
            if let Some(cands) = starting(i) {
                for (toks, t) in cands {
                    let n = toks.len();
                    if i + n <= words.len()
                        && toks.iter().zip(&words[i..i + n]).all(|(a, b)| a == b)
                        && best.is_none_or(|(m, _)| n > m)
                    {
                        best = Some((n, *t));
                    }
                }
            }
            match best {
                Some((n, t)) => {
                    out[i] = 1 + 2 * t;
                    for o in &mut out[i + 1..i + n] {
                        *o = 2 + 2 * t;
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The cue kind of a word (`lw`: its lower case), "" for none.
    fn cue(&self, w: &str, lw: &str) -> &'static str {
        if let Some(k) = self.cues.get(w) {
            return k;
        }
        if w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() > 5
            && self.orgsuffix.iter().any(|s| lw.ends_with(s))
        {
            return "orgnoun";
        }
        ""
    }

    /// Whether a word (`lw`: its lower case) is a role or title.
    fn role(&self, w: &str, lw: &str) -> bool {
        if self.roles.contains(lw) || self.titles.contains(w) {
            return true;
        }
        // a role as the head of a compound ("Konzernchef")
        lw.chars().count() > 6
            && [
                "chef",
                "chefin",
                "vorsitzender",
                "vorsitzende",
                "präsident",
                "präsidentin",
                "minister",
                "ministerin",
                "sprecher",
                "sprecherin",
                "direktor",
                "gründer",
            ]
            .iter()
            .any(|s| lw.ends_with(s))
    }
}

const GAZ: [&str; 7] = ["-", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];

/// A simple deterministic tokenizer: runs of letters and digits, keeping inner hyphens
/// (`Rhein-Main-Gebiet`), inner `.`/`,` between digits (`350.000`, `3,5`) and inner
/// apostrophes; every other non-space character is a token of its own. Returns byte ranges.
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| cs.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut k = 0;
    while k < cs.len() {
        let c = cs[k].1;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push((cs[k].0, end_of(k + 1)));
            k += 1;
            continue;
        }
        let s = k;
        k += 1;
        while k < cs.len() {
            let c = cs[k].1;
            if c.is_alphanumeric() {
                k += 1;
                continue;
            }
            let next = cs.get(k + 1).map(|x| x.1);
            let prev = cs[k - 1].1;
            let joins = match c {
                '-' => next.is_some_and(char::is_alphanumeric),
                '.' | ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                '\'' | '’' => next.is_some_and(char::is_alphabetic) && prev.is_alphabetic(),
                _ => false,
            };
            if joins {
                k += 2;
            } else {
                break;
            }
        }
        out.push((cs[s].0, end_of(k)));
    }
    out
}

/// The longest proper suffix (4 letters or more) of a capitalised word that, capitalised, is a
/// listed German noun, lower-cased; `None` when the word itself is listed or has no such head.
/// (The word's letters after the first are all lower case, so the suffix already is.)
fn noun_head<'w>(lex: &Lexicons, w: &'w str) -> Option<&'w str> {
    let mut cs = w.chars();
    if !cs.next().is_some_and(char::is_uppercase) || lex.is_noun(w) {
        return None;
    }
    let n = w.chars().count();
    if n < 7 || !w.chars().skip(1).all(char::is_lowercase) {
        return None;
    }
    // One buffer for every candidate: this runs for most capitalised words.
    let mut cand = String::with_capacity(w.len() + 4);
    for (b, _) in w.char_indices().skip(2).take(n - 5) {
        let tail = &w[b..];
        let mut t = tail.chars();
        let first = t.next()?;
        cand.clear();
        cand.extend(first.to_uppercase());
        cand.push_str(t.as_str());
        if lex.is_noun(&cand) {
            return Some(tail);
        }
    }
    None
}

/// Mixes a feature with a domain id (the domain copy of the feature).
fn copy(f: u32, domain: u8) -> u32 {
    (f ^ 0x5bd1_e995).wrapping_mul(0x9e37_79b1).rotate_left(13)
        ^ (u32::from(domain) + 1).wrapping_mul(0x85eb_ca6b)
}

/// Per-sentence precomputed token features (everything except the label history).
struct Prepared {
    /// Every token's features, one token's after the other ([`Prepared::feats`]): one buffer
    /// per sentence instead of one allocation per token.
    feats: Vec<u32>,
    /// Where each token's features end in `feats`.
    ends: Vec<usize>,
    /// Every token's shape ([`crate::features::shape`]), one after the other
    /// ([`Prepared::shape`]).
    shapes: String,
    /// Where each token's shape ends in `shapes`.
    shape_ends: Vec<usize>,
}

impl Prepared {
    /// Token `i`'s features.
    fn feats(&self, i: usize) -> &[u32] {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j]);
        &self.feats[start..self.ends[i]]
    }

    /// Token `i`'s shape.
    fn shape(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |j| self.shape_ends[j]);
        &self.shapes[start..self.shape_ends[i]]
    }
}

/// The tagger's (UPOS, XPOS) for a sentence (the shipped German tagger).
fn pos_tags(words: &[&str]) -> Vec<(String, String)> {
    static T: OnceLock<Option<crate::Analyzer>> = OnceLock::new();
    match T.get_or_init(|| crate::Analyzer::load(Lang::De).ok()) {
        Some(a) => a
            .analyze(words)
            .into_iter()
            .map(|t| (t.upos, t.xpos))
            .collect(),
        None => vec![("_".into(), "_".into()); words.len()],
    }
}

/// Every feature of a token but the label history; with `split` (each word's remembered
/// scores and list facts, [`Ner::word_scores`]), only those that depend on more than the word
/// itself: the caller adds [`word_features`]' scores from `split`.
fn prepare(
    words: &[&str],
    pos: Option<&[(String, String)]>,
    evidence: &Evidence,
    split: Option<&[WordScores]>,
) -> Prepared {
    let lex = Lexicons::get();
    let nl = NameLists::get();
    let ctx = SentenceCtx::new(words);
    // The gazetteer names starting at each word: remembered with its scores when split.
    let gaz = match split {
        Some(ws) => nl.gazetteer_from(words, |i| ws[i].facts.gaz),
        None => nl.gazetteer(words),
    };
    // Each word's list facts: remembered with its scores when split, else looked up here.
    let facts: Vec<WordFacts> = match split {
        Some(ws) => ws.iter().map(|w| w.facts).collect(),
        None => words
            .iter()
            .zip(&ctx.lower)
            .map(|(w, lw)| WordFacts::of(w, lw))
            .collect(),
    };
    let cues: Vec<&str> = facts.iter().map(|f| f.cue).collect();
    let role: Vec<bool> = facts.iter().map(|f| f.role).collect();
    let flags: Vec<Flags> = facts.iter().map(|f| f.flags).collect();
    // The shapes in one string rather than one `String` a token.
    let mut shape_text = String::with_capacity(words.iter().map(|w| w.len()).sum());
    let shape_ends: Vec<usize> = words
        .iter()
        .map(|w| {
            crate::features::shape_into(w, &mut shape_text);
            shape_text.len()
        })
        .collect();
    let shapes: Vec<&str> = (0..words.len())
        .map(|i| &shape_text[i.checked_sub(1).map_or(0, |j| shape_ends[j])..shape_ends[i]])
        .collect();
    let n = words.len();
    // A guess at the features per token (fewer when split); the buffer grows as needed.
    let mut feats = Vec::with_capacity(n * 32);
    let mut ends = Vec::with_capacity(n);
    let mut low = String::new();
    let mut stat = Vec::new();
    for i in 0..n {
        let f = &mut feats;
        if split.is_some() {
            // What the neighbours' words give is summed per word ([`WordScores::near`]).
            let next_noun = facts.get(i + 1).is_some_and(|f| f.noun);
            ctx.position_features_known(i, lex, flags[i], next_noun, f);
        } else {
            // `static_features` starts its buffer afresh: through one of its own.
            ctx.static_features(i, Some(lex), &mut stat);
            f.extend_from_slice(&stat);
        }
        let at = |d: isize| -> Option<usize> {
            let j = i as isize + d;
            (j >= 0 && (j as usize) < n).then_some(j as usize)
        };
        f.push(h(100, &[GAZ[gaz[i] as usize]]));
        f.push(h(101, &[GAZ[gaz[i] as usize], shapes[i]]));
        for (d, ds) in [(-2isize, "-2"), (-1, "-1"), (1, "1"), (2, "2")] {
            if let Some(j) = at(d) {
                if gaz[j] != 0 {
                    f.push(h(102, &[ds, GAZ[gaz[j] as usize]]));
                }
                // When split, the rest is the neighbour's alone: in `WordScores::near`.
                if split.is_none() {
                    if !cues[j].is_empty() {
                        f.push(h(103, &[ds, cues[j]]));
                    }
                    if role[j] {
                        f.push(h(104, &[ds]));
                    }
                    f.push(h(105, &[ds, shapes[j]]));
                }
            }
        }
        if split.is_none() {
            own_features(cues[i], role[i], f);
        }
        // the shape window as one feature, and the word with its neighbours' shapes
        let sh = |d: isize| at(d).map_or("_", |j| shapes[j]);
        f.push(h(108, &[sh(-1), shapes[i], sh(1)]));
        f.push(h(109, &[&ctx.lower[i], sh(1)]));
        f.push(h(110, &[suffix(&ctx.lower[i], 4), sh(-1)]));
        if split.is_none() {
            own_tail_features(lex, words[i], f);
        }
        // case evidence: the word, capitalised here, is written in lower case inside sentences
        // of the training text ("Man", "Ob", "Waren", "Deutsche"): a common word
        let evident = match split {
            Some(ws) => ws[i].evident,
            None => case_evident(words[i], evidence, &mut low),
        };
        if evident {
            let at0 = if i == 0 { "0" } else { "i" };
            f.push(h(115, &[at0]));
            f.push(h(116, &[at0, shapes[i]]));
        }
        // the neighbours' word-list flags (a first name before a surname, a noun after; when
        // split, in `WordScores::near`)
        for (d, ds) in [(-1isize, "-1"), (1, "1")] {
            if let Some(j) = at(d).filter(|_| split.is_none()) {
                let cap = words[j].chars().next().is_some_and(char::is_uppercase);
                for fl in flags[j].as_slice() {
                    f.push(h(112, &[ds, fl, if cap { "C" } else { "c" }]));
                }
            }
        }
        if let Some(pos) = pos {
            let up = |d: isize| at(d).map_or("_", |j| pos[j].0.as_str());
            let xp = |d: isize| at(d).map_or("_", |j| pos[j].1.as_str());
            f.push(h(130, &[up(0)]));
            f.push(h(131, &[xp(0)]));
            f.push(h(132, &[up(-1), up(0)]));
            f.push(h(133, &[up(0), up(1)]));
            f.push(h(134, &[xp(-1)]));
            f.push(h(135, &[xp(1)]));
            f.push(h(136, &[xp(0), shapes[i]]));
        }
        ends.push(feats.len());
    }
    Prepared {
        feats,
        ends,
        shapes: shape_text,
        shape_ends,
    }
}

/// Whether word `w` is capitalised and the case evidence has it with its first letter in lower
/// case ([`prepare`]'s features 115 and 116; `low`: a buffer). It depends on the word alone,
/// so [`Ner::word_scores`] keeps it per word.
fn case_evident(w: &str, evidence: &Evidence, low: &mut String) -> bool {
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let mut cs = w.chars();
    low.clear();
    low.extend(cs.next().into_iter().flat_map(char::to_lowercase));
    low.push_str(cs.as_str());
    evidence.contains(low.as_str())
}

/// The name-specific features of a word that depend on it alone, before the context ones:
/// its cue kind and whether it is a role.
fn own_features(cue: &str, role: bool, f: &mut Vec<u32>) {
    if !cue.is_empty() {
        f.push(h(106, &[cue]));
    }
    if role {
        f.push(h(107, &[]));
    }
}

/// The name-specific features of a word that depend on it alone, after the context ones.
fn own_tail_features(lex: &Lexicons, w: &str, f: &mut Vec<u32>) {
    // the rest of the word after a hyphen ("Siemens-Chef")
    if let Some((_, tail)) = w.rsplit_once('-') {
        f.push(h(111, &[&tail.to_lowercase()]));
    }
    // a compound whose head is a listed noun ("Lavendelseifen" → Seifen): a common noun,
    // not a name, though the compound itself is in no list; the head also as a word
    // ("…bank", "…werke")
    if let Some(head) = noun_head(lex, w) {
        f.push(h(113, &[]));
        f.push(h(114, &[head]));
    }
}

/// Every feature of a word that depends on it alone ([`prepare`] with `split` leaves them out).
fn word_features(w: &str, lw: &str, f: &mut Vec<u32>) {
    let lex = Lexicons::get();
    let nl = NameLists::get();
    crate::features::word_features(w, lw, Some(lex), f);
    own_features(nl.cue(w, lw), nl.role(w, lw), f);
    own_tail_features(lex, w, f);
}

thread_local! {
    /// The summed scores of [`word_features`] per model and word, on this thread: a word's
    /// own features are the same wherever it stands, and news text repeats its words.
    static WORD_SCORES: RefCell<ByteKeyed<WordScores>> = RefCell::default();
}

/// What a word alone contributes to its lattice cell: the summed weights of its own features
/// ([`word_features`]), and per previous label (row [`NL`]: the sentence start) those of the
/// transition features that pair the label with the word's shape and form.
#[derive(Debug, Clone, Copy)]
struct WordScores {
    own: [i32; NL],
    trans: [[i32; NL]; NL + 1],
    /// What the word gives a token [`NEAR`]`[k]` places from it (the token's context
    /// features that look at this word: its lower case and suffix, shape, cue kind, role and
    /// list flags with the offset; [`near_features`]), summed.
    near: [[i32; NL]; 4],
    /// What the word lists say about the word, for its own and its neighbours' context
    /// features.
    facts: WordFacts,
    /// [`case_evident`] of the word (the model's case evidence).
    evident: bool,
}

/// A word's entries in the word lists: its list flags ([`Lexicons::flags`]), cue kind and
/// whether it is a role or title.
#[derive(Debug, Clone, Copy)]
struct WordFacts {
    flags: Flags,
    cue: &'static str,
    role: bool,
    /// Whether the word is in the noun list ([`Lexicons::is_noun`]; its left neighbour's
    /// `nextN` feature).
    noun: bool,
    /// The gazetteer names whose first token is the word ([`NameLists::gazetteer_from`]).
    gaz: Option<&'static GazNames>,
}

impl WordFacts {
    /// The facts of word `w` (`lw`: its lower case).
    fn of(w: &str, lw: &str) -> WordFacts {
        let nl = NameLists::get();
        let lex = Lexicons::get();
        WordFacts {
            flags: lex.flags(w, lw),
            cue: nl.cue(w, lw),
            role: nl.role(w, lw),
            noun: lex.is_noun(w),
            gaz: nl.starting(w),
        }
    }
}

/// The offsets of [`WordScores::near`]: the neighbour's place relative to the token.
const NEAR: [(isize, &str); 4] = [(-2, "-2"), (-1, "-1"), (1, "1"), (2, "2")];

/// The context features a token takes from word `w` (`lw`: its lower case) that stands `d`
/// places from it ([`NEAR`]), which [`prepare`] with `split` leaves out: the tagger's
/// neighbour features ([`crate::features::neighbour_features`]) and the name model's cue,
/// role, shape and (next to it) list-flag features of the neighbour, as `prepare` writes them
/// without `split`.
fn near_features(w: &str, lw: &str, facts: &WordFacts, shape: &str, d: isize, out: &mut Vec<u32>) {
    crate::features::neighbour_features(lw, d, out);
    let ds = NEAR.iter().find(|n| n.0 == d).map_or("", |n| n.1);
    if !facts.cue.is_empty() {
        out.push(h(103, &[ds, facts.cue]));
    }
    if facts.role {
        out.push(h(104, &[ds]));
    }
    out.push(h(105, &[ds, shape]));
    if d.abs() == 1 {
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        for fl in facts.flags.as_slice() {
            out.push(h(112, &[ds, fl, if cap { "C" } else { "c" }]));
        }
    }
}

/// A map from byte-string keys, with a buffer to build a key in without allocating.
type ByteKeyed<V> = (FxHashMap<Box<[u8]>, V>, Vec<u8>);

/// The most entries [`WORD_SCORES`] keeps before it starts again (a few MB per thread).
const WORD_SCORES_MAX: usize = 1 << 16;

/// A fresh [`Ner::id`] per model built or read.
static NEXT_NER_ID: AtomicU64 = AtomicU64::new(0);

fn label_feats(p: &Prepared, i: usize, l1: usize, l2: usize, words: &[&str], out: &mut Vec<u32>) {
    out.push(h(120, &[LABELS[l1]]));
    out.push(h(121, &[LABELS[l1], LABELS[l2]]));
    out.push(h(122, &[LABELS[l1], p.shape(i)]));
    out.push(h(123, &[LABELS[l1], words[i]]));
}

/// The predict domain meaning "general features only, no corpus copy".
pub const NO_DOMAIN: u8 = u8::MAX;

fn with_copies(base: &[u32], domain: Option<u8>, out: &mut Vec<u32>) {
    out.clear();
    out.extend_from_slice(base);
    if let Some(d) = domain.filter(|&d| d != NO_DOMAIN) {
        out.extend(base.iter().map(|&f| copy(f, d)));
    }
}

fn best_allowed(scores: &[i64], prev: Option<usize>) -> usize {
    let mut best = 0;
    for c in 1..scores.len() {
        if allowed(prev, c) && scores[c] > scores[best] {
            best = c;
        }
    }
    best
}

/// A trained name recognizer.
#[derive(Debug, Clone)]
pub struct Ner {
    lang: String,
    domain_copies: bool,
    predict_domain: u8,
    pos: bool,
    viterbi: bool,
    /// Temperature of the marginals (Viterbi models): fitted on held-out training sentences
    /// by [`calibrate`], so that the label probabilities are not all 0 or 1.
    temp: f32,
    /// Case evidence (sorted in the file).
    evidence: Evidence,
    lin: Linear,
    /// Tells this model's entries in [`WORD_SCORES`] from other models' (a copy shares them:
    /// same weights).
    id: u64,
    /// The label-only transition feature's weights per previous label (row [`NL`]: the
    /// sentence start), the same for every sentence: summed once per model
    /// ([`lattice_fast`]), not once per sentence. `lin` never changes after the model is made.
    bias: OnceLock<Bias>,
}

/// [`Ner::bias`]: per previous label (and the start), the weights of each label.
type Bias = [[i32; NL]; NL + 1];

/// Trains a recognizer on labelled sentences (deterministic for a seed).
pub fn train(sents: &[NerSentence], lang: &str, cfg: &NerConfig) -> Ner {
    if cfg.viterbi {
        return train_viterbi(sents, lang, cfg);
    }
    let evidence: Evidence = cfg.evidence.iter().cloned().collect();
    let mut t = Trainer::new(LABELS.len());
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = SplitMix64::new(cfg.seed);
    let (mut base, mut all, mut scores) = (Vec::new(), Vec::new(), Vec::new());
    let tags = training_tags(sents, cfg.pos);
    for ep in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut n, mut ok) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let p = prepare(&words, tags.get(si).map(Vec::as_slice), &evidence, None);
            let (mut l1, mut l2) = (0usize, 0usize);
            for i in 0..words.len() {
                base.clear();
                base.extend_from_slice(p.feats(i));
                label_feats(&p, i, l1, l2, &words, &mut base);
                with_copies(&base, cfg.domain_copies.then_some(s.domain), &mut all);
                t.scores(&all, &mut scores);
                let prev = (i > 0).then_some(l1);
                let pred = best_allowed(&scores, prev);
                let gold = s.tags[i] as usize;
                t.update(&all, gold, pred);
                n += 1;
                ok += usize::from(pred == gold);
                l2 = l1;
                // the predicted label is the history, as at prediction time (kept valid)
                l1 = pred;
            }
        }
        if cfg.verbose {
            eprintln!(
                "  epoch {}: token accuracy {:.2} %",
                ep + 1,
                100.0 * ok as f64 / n.max(1) as f64
            );
        }
    }
    Ner {
        lang: lang.to_string(),
        domain_copies: cfg.domain_copies,
        predict_domain: cfg.predict_domain,
        pos: cfg.pos,
        viterbi: false,
        temp: 1.0,
        evidence,
        lin: t.finish(),
        id: NEXT_NER_ID.fetch_add(1, Ordering::Relaxed),
        bias: OnceLock::new(),
    }
}

impl Ner {
    /// The shipped model for a language (compiled in from `data/models/`): German trained on
    /// GermEval, SmartData and a quarter of LER's entity sentences, English on Universal NER
    /// English-EWT with the German news corpora as a second domain.
    pub fn load(lang: Lang) -> Result<Ner, Error> {
        match lang {
            Lang::De => Ner::from_bytes(include_bytes!("../../../data/models/ner-de.bin")),
            Lang::En => Ner::from_bytes(include_bytes!("../../../data/models/ner-en.bin")),
        }
    }

    /// The model file name of a language's name model.
    pub fn model_file(lang: Lang) -> &'static str {
        match lang {
            Lang::De => "ner-de.bin",
            Lang::En => "ner-en.bin",
        }
    }

    /// The language code.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether the training text writes `lower` (a word in lower case) in lower case inside
    /// sentences: the model's case evidence ([`case_evidence`]). A capitalised word whose lower
    /// case is listed is a common word where capitals say nothing, at a sentence's start ("Am",
    /// "Alle", "Hierzu").
    pub fn writes_lower(&self, lower: &str) -> bool {
        self.evidence.contains(lower)
    }

    /// Number of features with a weight.
    pub fn n_features(&self) -> usize {
        self.lin.n_features()
    }

    /// Sets the domain whose feature copy prediction adds to the general features, for models
    /// trained with copies that were not folded ([`NerConfig::fold_copies`]; the shipped models
    /// are folded, so this does nothing on them): the domain ids are the training corpora's
    /// (German command: 0 news, i.e. GermEval and SmartData, 2 LER; 1 SmartData with
    /// `--sd-own-domain`), [`NO_DOMAIN`] none.
    pub fn set_predict_domain(&mut self, d: u8) {
        self.predict_domain = d;
    }

    /// BIO classes (indices into [`LABELS`]) with each label's probability (Viterbi models:
    /// the label's marginal probability under the model's scores read as a linear-chain CRF).
    pub fn tag_bio(&self, words: &[&str]) -> Vec<(usize, f32)> {
        if self.viterbi {
            return self.tag_viterbi(words);
        }
        let tags = self.pos.then(|| pos_tags(words));
        let p = prepare(words, tags.as_deref(), &self.evidence, None);
        let (mut base, mut all, mut scores) = (Vec::new(), Vec::new(), Vec::new());
        let (mut l1, mut l2) = (0usize, 0usize);
        let mut out = Vec::with_capacity(words.len());
        let scale = f64::from(self.lin.scale());
        for i in 0..words.len() {
            base.clear();
            base.extend_from_slice(p.feats(i));
            label_feats(&p, i, l1, l2, words, &mut base);
            with_copies(
                &base,
                self.domain_copies.then_some(self.predict_domain),
                &mut all,
            );
            self.lin.scores(&all, &mut scores);
            let prev = (i > 0).then_some(l1);
            let c = best_allowed(&scores, prev);
            let mut z = 0f64;
            for (k, s) in scores.iter().enumerate() {
                if allowed(prev, k) {
                    z += ((s - scores[c]) as f64 * scale).exp();
                }
            }
            out.push((c, (1.0 / z) as f32));
            l2 = l1;
            l1 = c;
        }
        out
    }

    /// BIO label strings for a sentence.
    pub fn tag_labels(&self, words: &[&str]) -> Vec<&'static str> {
        self.tag_bio(words)
            .into_iter()
            .map(|(c, _)| LABELS[c])
            .collect()
    }

    /// The names in a sentence of tokens.
    pub fn tag(&self, words: &[&str]) -> Vec<NerSpan> {
        let tags = self.tag_lazy(words);
        (0..tags.len()).map(|k| tags.scored(k)).collect()
    }

    /// The names in a sentence of tokens, each scored only when asked ([`NerTags::scored`]).
    pub fn tag_lazy(&self, words: &[&str]) -> NerTags {
        if self.viterbi {
            let (local, best) = self.decode_viterbi(words);
            let classes: Vec<u8> = best.iter().map(|&c| c as u8).collect();
            let spans = spans_of(&classes);
            // A sentence without names needs no marginals at all.
            let scores = if spans.is_empty() {
                Scores::Known(Vec::new())
            } else {
                Scores::Lattice {
                    local,
                    best,
                    scale: f64::from(self.lin.scale()) / f64::from(self.temp),
                    means: OnceCell::new(),
                }
            };
            return NerTags { spans, scores };
        }
        let bio = self.tag_bio(words);
        let classes: Vec<u8> = bio.iter().map(|b| b.0 as u8).collect();
        let spans = spans_of(&classes);
        let means = spans
            .iter()
            .map(|&(s, e, _)| bio[s..e].iter().map(|b| b.1).sum::<f32>() / (e - s) as f32)
            .collect();
        NerTags {
            spans,
            scores: Scores::Known(means),
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put_str(&mut out, &self.lang);
        put_varint(&mut out, u64::from(self.domain_copies));
        put_varint(&mut out, u64::from(self.predict_domain));
        put_varint(&mut out, u64::from(self.pos));
        put_varint(&mut out, u64::from(self.viterbi));
        put_varint(&mut out, u64::from(self.temp.to_bits()));
        let mut ev: Vec<&String> = self.evidence.iter().collect();
        ev.sort_unstable();
        put_varint(&mut out, ev.len() as u64);
        for w in ev {
            put_str(&mut out, w);
        }
        put_varint(&mut out, LABELS.len() as u64);
        for l in LABELS {
            put_str(&mut out, l);
        }
        self.lin.encode(&mut out);
        out
    }

    /// Reads a model file.
    pub fn from_bytes(buf: &[u8]) -> Result<Ner, Error> {
        let e = Error::Model;
        if buf.len() < 8 || (&buf[..8] != MAGIC && &buf[..8] != MAGIC_V1) {
            return Err(e("not a tripel name model".into()));
        }
        let v2 = &buf[..8] == MAGIC;
        let mut r = Reader::new(&buf[8..]);
        let lang = r.string().map_err(e)?;
        let domain_copies = r.varint().map_err(e)? != 0;
        let predict_domain = r.varint().map_err(e)? as u8;
        let pos = r.varint().map_err(e)? != 0;
        let viterbi = v2 && r.varint().map_err(e)? != 0;
        let temp = if v2 {
            f32::from_bits(r.varint().map_err(e)? as u32)
        } else {
            1.0
        };
        let mut evidence = Evidence::default();
        if v2 {
            for _ in 0..r.varint().map_err(e)? {
                evidence.insert(r.string().map_err(e)?);
            }
        }
        let n = r.varint().map_err(e)? as usize;
        for l in LABELS.iter().take(n) {
            if r.string().map_err(e)? != *l {
                return Err(e("unexpected label set".into()));
            }
        }
        if n != LABELS.len() {
            return Err(e("unexpected label count".into()));
        }
        let lin = Linear::decode(&mut r).map_err(e)?;
        if !r.at_end() {
            return Err(e("trailing bytes".into()));
        }
        Ok(Ner {
            lang,
            domain_copies,
            predict_domain,
            pos,
            viterbi,
            temp,
            evidence,
            lin,
            id: NEXT_NER_ID.fetch_add(1, Ordering::Relaxed),
            bias: OnceLock::new(),
        })
    }
}

/// Number of labels.
const NL: usize = LABELS.len();

/// The label-history features of token `i` given the previous label (`None`: sentence start).
/// First order, so that exact Viterbi decoding stays cheap (7 × 7 per token).
fn trans_feats(p: &Prepared, i: usize, prev: Option<usize>, words: &[&str], out: &mut Vec<u32>) {
    let l = prev.map_or("^", |c| LABELS[c]);
    out.push(h(120, &[l]));
    out.push(h(122, &[l, p.shape(i)]));
    out.push(h(123, &[l, words[i]]));
}

/// Local scores `[prev][label]` of every token (row 0 stands for the sentence start at token
/// 0): the token's own features plus the label-history features of each previous label.
fn lattice(
    score: &dyn Fn(&[u32], &mut Vec<i64>),
    p: &Prepared,
    words: &[&str],
    domain: Option<u8>,
) -> Vec<[[i64; NL]; NL]> {
    let (mut base, mut all, mut sc) = (Vec::new(), Vec::new(), Vec::new());
    let mut out = vec![[[0i64; NL]; NL]; words.len()];
    for (i, cell) in out.iter_mut().enumerate() {
        with_copies(p.feats(i), domain, &mut all);
        score(&all, &mut sc);
        let em: [i64; NL] = std::array::from_fn(|c| sc[c]);
        let prevs: &[Option<usize>] = if i == 0 {
            &[None]
        } else {
            &[
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
            ]
        };
        for &pr in prevs {
            base.clear();
            trans_feats(p, i, pr, words, &mut base);
            with_copies(&base, domain, &mut all);
            score(&all, &mut sc);
            let row = &mut cell[pr.unwrap_or(0)];
            for c in 0..NL {
                row[c] = em[c] + sc[c];
            }
        }
    }
    out
}

/// [`lattice`] for prediction with a trained model and no domain copy, with the same scores
/// (integer sums, in another order): the context features are looked up once per token (not
/// once per previous label), the label-only transition feature once per label and sentence,
/// and the word's own features, its word and shape transition features and what it gives its
/// neighbours once per word and thread ([`Ner::word_scores`]).
fn lattice_fast(ner: &Ner, p: &Prepared, ws: &[WordScores]) -> Vec<[[i64; NL]; NL]> {
    let lin = &ner.lin;
    // Row k: previous label k, row NL: the sentence start ("^").
    let bias = ner.bias.get_or_init(|| {
        let label = |k: usize| if k == NL { "^" } else { LABELS[k] };
        let mut bias = [[0i32; NL]; NL + 1];
        for (k, row) in bias.iter_mut().enumerate() {
            lin.add_scores(&[h(120, &[label(k)])], row);
        }
        bias
    });
    // Each token's cell is pushed zeroed and filled in place: `vec!` of all cells asked the
    // allocator for zeroed memory and cleared the whole lattice at once, which cost more than
    // filling it (only the first token's rows other than the start row stay zero).
    let mut out: Vec<[[i64; NL]; NL]> = Vec::with_capacity(ws.len());
    let all = ws;
    for (i, ws) in ws.iter().enumerate() {
        out.push([[0i64; NL]; NL]);
        let cell = out.last_mut().expect("just pushed");
        // `p` holds the context features only (`prepare` with `split`).
        let mut em = ws.own;
        lin.add_scores(p.feats(i), &mut em);
        for (k, &(d, _)) in NEAR.iter().enumerate() {
            let j = i as isize + d;
            if let Some(wj) = usize::try_from(j).ok().and_then(|j| all.get(j)) {
                for (e, v) in em.iter_mut().zip(&wj.near[k]) {
                    *e += v;
                }
            }
        }
        let prevs = if i == 0 { NL..NL + 1 } else { 0..NL };
        for k in prevs {
            let row = &mut cell[k % NL];
            for c in 0..NL {
                row[c] = i64::from(em[c]) + i64::from(bias[k][c] + ws.trans[k][c]);
            }
        }
    }
    out
}

/// The best valid label sequence (ties go to the lower label, so decoding is deterministic).
fn viterbi(local: &[[[i64; NL]; NL]]) -> Vec<usize> {
    let n = local.len();
    if n == 0 {
        return Vec::new();
    }
    let mut delta = [i64::MIN; NL];
    for c in 0..NL {
        if allowed(None, c) {
            delta[c] = local[0][0][c];
        }
    }
    let mut back = vec![[0u8; NL]; n];
    for i in 1..n {
        let mut next = [i64::MIN; NL];
        for c in 0..NL {
            // The previous labels `allowed` lets `c` follow, in ascending order as before (an
            // inside label only its own type's begin and inside): ties still go to the lower.
            let prevs = if c == 0 || c % 2 == 1 {
                0..NL
            } else {
                c - 1..c + 1
            };
            for p in prevs {
                if delta[p] == i64::MIN {
                    continue;
                }
                let v = delta[p] + local[i][p][c];
                if v > next[c] {
                    next[c] = v;
                    back[i][c] = p as u8;
                }
            }
        }
        delta = next;
    }
    let mut last = 0;
    for c in 1..NL {
        if delta[c] > delta[last] {
            last = c;
        }
    }
    let mut out = vec![0usize; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
    out
}

/// Each token's label marginals under the scores read as a linear-chain CRF
/// (`exp(scale · score)` potentials; forward-backward in log space).
fn marginals(local: &[[[i64; NL]; NL]], scale: f64) -> Vec<[f64; NL]> {
    let (alpha, beta, z) = forward_backward(local, scale, 0);
    (0..local.len())
        .map(|i| std::array::from_fn(|c| (alpha[i][c] + beta[i][c] - z).exp()))
        .collect()
}

/// Per token and label, a log score of [`forward_backward`].
type Alphas = Vec<[f64; NL]>;

/// Forward-backward of [`marginals`]: the log forward and backward scores of every token and
/// label, and the log partition function; label `c` of token `i` has the marginal
/// `exp(alpha[i][c] + beta[i][c] - z)`. Who needs a few marginals computes only those: the
/// backward scores only from token `from` on (those before it are left at 0 and must not be
/// read; the forward scores all run to the end, which the partition function needs).
fn forward_backward(local: &[[[i64; NL]; NL]], scale: f64, from: usize) -> (Alphas, Alphas, f64) {
    let n = local.len();
    let pot = |i: usize, p: Option<usize>, c: usize| -> f64 {
        if allowed(p, c) {
            local[i][p.unwrap_or(0)][c] as f64 * scale
        } else {
            f64::NEG_INFINITY
        }
    };
    let mut alpha = vec![[f64::NEG_INFINITY; NL]; n];
    let mut beta = vec![[0f64; NL]; n];
    for i in 0..n {
        for c in 0..NL {
            alpha[i][c] = if i == 0 {
                pot(0, None, c)
            } else {
                log_sum_exp((0..NL).map(|p| alpha[i - 1][p] + pot(i, Some(p), c)))
            };
        }
    }
    for i in (from..n.saturating_sub(1)).rev() {
        for p in 0..NL {
            beta[i][p] = log_sum_exp((0..NL).map(|c| pot(i + 1, Some(p), c) + beta[i + 1][c]));
        }
    }
    let z = n
        .checked_sub(1)
        .map_or(0.0, |l| log_sum_exp(alpha[l].iter().copied()));
    (alpha, beta, z)
}

/// Log-sum-exp over the 7 labels' scores `xs` (`NEG_INFINITY`: a disallowed transition),
/// without allocating. Generic over the iterator, so that each call's terms are computed in
/// place instead of through a `dyn Iterator` call each.
fn log_sum_exp(xs: impl Iterator<Item = f64>) -> f64 {
    let mut v = [0f64; NL];
    for (slot, x) in v.iter_mut().zip(xs) {
        *slot = x;
    }
    let m = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    // A disallowed transition adds exp(-inf) = 0: skipped, the sum is the same. The largest
    // term adds exp(0) = 1 exactly (`m` is finite here): 1 without calling `exp`, the same
    // sum in the same order.
    m + v
        .iter()
        .filter(|&&x| x != f64::NEG_INFINITY)
        .map(|&x| if x == m { 1.0 } else { (x - m).exp() })
        .sum::<f64>()
        .ln()
}

/// The tagger's (UPOS, XPOS) for every training sentence when the model uses them as features.
fn training_tags(sents: &[NerSentence], pos: bool) -> Vec<Vec<(String, String)>> {
    if !pos {
        return Vec::new();
    }
    sents
        .iter()
        .map(|s| pos_tags(&s.words.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect()
}

/// Structured-perceptron training with Viterbi decoding: each sentence is decoded with the
/// current weights; where the best sequence differs from the gold one, the gold sequence's
/// features gain and the predicted sequence's lose (one averaging tick per sentence).
fn train_viterbi(sents: &[NerSentence], lang: &str, cfg: &NerConfig) -> Ner {
    let evidence: Evidence = cfg.evidence.iter().cloned().collect();
    let mut t = Trainer::new(NL);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = SplitMix64::new(cfg.seed);
    let tags = training_tags(sents, cfg.pos);
    let prepared: Vec<Prepared> = sents
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            prepare(&words, tags.get(si).map(Vec::as_slice), &evidence, None)
        })
        .collect();
    let (mut base, mut all) = (Vec::new(), Vec::new());
    let fold = cfg.fold_copies && cfg.domain_copies && cfg.predict_domain != NO_DOMAIN;
    // every general feature the training data can produce (for folding the copies)
    let mut general: Vec<u32> = Vec::new();
    if fold {
        for (s, p) in sents.iter().zip(&prepared) {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            for i in 0..words.len() {
                general.extend_from_slice(p.feats(i));
                trans_feats(p, i, None, &words, &mut general);
                for prev in 0..NL {
                    trans_feats(p, i, Some(prev), &words, &mut general);
                }
            }
        }
        general.sort_unstable();
        general.dedup();
    }
    for ep in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut n, mut ok) = (0usize, 0usize);
        for &si in &order {
            let s = &sents[si];
            let p = &prepared[si];
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let domain = cfg.domain_copies.then_some(s.domain);
            let local = lattice(&|f, o| t.scores(f, o), p, &words, domain);
            let pred = viterbi(&local);
            t.tick();
            n += words.len();
            for i in 0..words.len() {
                let (g, y) = (s.tags[i] as usize, pred[i]);
                ok += usize::from(g == y);
                if g != y {
                    with_copies(p.feats(i), domain, &mut all);
                    t.adjust(&all, g, 1);
                    t.adjust(&all, y, -1);
                }
                let gp = (i > 0).then(|| s.tags[i - 1] as usize);
                let yp = (i > 0).then(|| pred[i - 1]);
                if (gp, g) != (yp, y) {
                    base.clear();
                    trans_feats(p, i, gp, &words, &mut base);
                    with_copies(&base, domain, &mut all);
                    t.adjust(&all, g, 1);
                    base.clear();
                    trans_feats(p, i, yp, &words, &mut base);
                    with_copies(&base, domain, &mut all);
                    t.adjust(&all, y, -1);
                }
            }
        }
        if cfg.verbose {
            eprintln!(
                "  epoch {}: token accuracy {:.2} %",
                ep + 1,
                100.0 * ok as f64 / n.max(1) as f64
            );
        }
    }
    if fold {
        let mut domains: Vec<u8> = sents.iter().map(|s| s.domain).collect();
        domains.sort_unstable();
        domains.dedup();
        for &g in &general {
            t.fold(g, copy(g, cfg.predict_domain));
            if let Some(d) = cfg.fold_also {
                t.fold(g, copy(g, d));
            }
            for &d in &domains {
                t.remove(copy(g, d));
            }
        }
    }
    Ner {
        lang: lang.to_string(),
        domain_copies: cfg.domain_copies && !fold,
        predict_domain: if fold { NO_DOMAIN } else { cfg.predict_domain },
        pos: cfg.pos,
        viterbi: true,
        temp: 1.0,
        evidence,
        lin: t.finish(),
        id: NEXT_NER_ID.fetch_add(1, Ordering::Relaxed),
        bias: OnceLock::new(),
    }
}

/// The temperatures [`calibrate`] tries.
const TEMPS: [f32; 18] = [
    0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0, 48.0, 64.0, 96.0, 128.0, 192.0,
    256.0,
];

/// Fits a Viterbi model's temperature to labelled sentences it did not train on: the value of
/// a fixed grid (0.5 to 256) with the best log-likelihood of the gold labels under the
/// marginals. Returns the temperature and the mean log-likelihood per token.
pub fn calibrate(ner: &Ner, sents: &[NerSentence]) -> (f32, f64) {
    let scale = f64::from(ner.lin.scale());
    let locals: Vec<_> = sents
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
            let tags = ner.pos.then(|| pos_tags(&words));
            let p = prepare(&words, tags.as_deref(), &ner.evidence, None);
            let domain = ner.domain_copies.then_some(ner.predict_domain);
            lattice(&|f, o| ner.lin.scores(f, o), &p, &words, domain)
        })
        .collect();
    let mut best = (1.0f32, f64::NEG_INFINITY);
    for t in TEMPS {
        let (mut ll, mut n) = (0f64, 0usize);
        for (s, local) in sents.iter().zip(&locals) {
            for (m, &g) in marginals(local, scale / f64::from(t)).iter().zip(&s.tags) {
                ll += m[g as usize].max(1e-12).ln();
                n += 1;
            }
        }
        let ll = ll / n.max(1) as f64;
        if ll > best.1 {
            best = (t, ll);
        }
    }
    best
}

impl Ner {
    /// The summed scores of a word's own features ([`word_features`]) and of its transition
    /// features, remembered per thread.
    fn word_scores(&self, w: &str) -> WordScores {
        WORD_SCORES.with(|m| {
            let (map, key) = &mut *m.borrow_mut();
            key.clear();
            key.extend_from_slice(&self.id.to_le_bytes());
            key.extend_from_slice(w.as_bytes());
            if let Some(sc) = map.get(&key[..]) {
                return *sc;
            }
            let mut f = Vec::with_capacity(32);
            let lw = w.to_lowercase();
            word_features(w, &lw, &mut f);
            let mut own = [0i32; NL];
            self.lin.add_scores(&f, &mut own);
            let shape = crate::features::shape(w);
            let mut trans = [[0i32; NL]; NL + 1];
            for (k, row) in trans.iter_mut().enumerate() {
                let l = if k == NL { "^" } else { LABELS[k] };
                self.lin
                    .add_scores(&[h(122, &[l, &shape]), h(123, &[l, w])], row);
            }
            let facts = WordFacts::of(w, &lw);
            let mut near = [[0i32; NL]; 4];
            for (row, &(d, _)) in near.iter_mut().zip(&NEAR) {
                f.clear();
                near_features(w, &lw, &facts, &shape, d, &mut f);
                self.lin.add_scores(&f, row);
            }
            let sc = WordScores {
                own,
                trans,
                near,
                facts,
                evident: case_evident(w, &self.evidence, &mut String::new()),
            };
            if map.len() >= WORD_SCORES_MAX {
                map.clear();
            }
            map.insert(key[..].into(), sc);
            sc
        })
    }

    /// Sets the temperature of the label marginals (see [`calibrate`]).
    pub fn set_temperature(&mut self, t: f32) {
        self.temp = t;
    }

    /// The local scores and the best label sequence of a sentence.
    fn decode_viterbi(&self, words: &[&str]) -> (Vec<[[i64; NL]; NL]>, Vec<usize>) {
        let tags = self.pos.then(|| pos_tags(words));
        let domain = self
            .domain_copies
            .then_some(self.predict_domain)
            .filter(|&d| d != NO_DOMAIN);
        let local = match domain {
            None => {
                let ws: Vec<WordScores> = words.iter().map(|w| self.word_scores(w)).collect();
                let p = prepare(words, tags.as_deref(), &self.evidence, Some(&ws));
                lattice_fast(self, &p, &ws)
            }
            Some(d) => {
                let p = prepare(words, tags.as_deref(), &self.evidence, None);
                lattice(&|f, o| self.lin.scores(f, o), &p, words, Some(d))
            }
        };
        let best = viterbi(&local);
        (local, best)
    }

    /// Each token's best label with its marginal probability.
    fn tag_viterbi(&self, words: &[&str]) -> Vec<(usize, f32)> {
        let (local, best) = self.decode_viterbi(words);
        let m = marginals(&local, f64::from(self.lin.scale()) / f64::from(self.temp));
        best.iter()
            .zip(&m)
            .map(|(&c, mm)| (c, mm[c] as f32))
            .collect()
    }
}

/// The spans `(start, end, type)` of a valid BIO class sequence (a stray `I-X` opens a span).
pub fn spans_of(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in tags.iter().enumerate() {
        let c = c as usize;
        let t = c.div_ceil(2) - usize::from(c > 0);
        let inside = c != 0 && c.is_multiple_of(2) && open.is_some_and(|(_, ot)| ot == t);
        if !inside {
            if let Some((s, ot)) = open.take() {
                out.push((s, i, ot));
            }
            if c != 0 {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, ot)) = open {
        out.push((s, tags.len(), ot));
    }
    out
}

/// Strict exact-span counts per type (true positives, predicted, gold), CoNLL style.
#[derive(Debug, Clone, Default)]
pub struct NerScores {
    /// Per type in [`TYPES`] order: (correct, predicted, gold).
    pub per_type: [(usize, usize, usize); 3],
}

impl NerScores {
    /// Adds the counts of `other` (another fold or sample) to these.
    pub fn merge(&mut self, other: &NerScores) {
        for (a, b) in self.per_type.iter_mut().zip(&other.per_type) {
            a.0 += b.0;
            a.1 += b.1;
            a.2 += b.2;
        }
    }

    /// Adds one sentence's gold and predicted classes.
    pub fn add(&mut self, gold: &[u8], pred: &[u8]) {
        let g = spans_of(gold);
        let p = spans_of(pred);
        for s in &p {
            self.per_type[s.2].1 += 1;
            if g.contains(s) {
                self.per_type[s.2].0 += 1;
            }
        }
        for s in &g {
            self.per_type[s.2].2 += 1;
        }
    }

    fn prf(c: (usize, usize, usize)) -> (f64, f64, f64) {
        let p = c.0 as f64 / c.1.max(1) as f64;
        let r = c.0 as f64 / c.2.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }

    /// F1 of a type.
    pub fn f1(&self, t: usize) -> f64 {
        Self::prf(self.per_type[t]).2
    }

    /// Micro-averaged (precision, recall, F1).
    pub fn micro(&self) -> (f64, f64, f64) {
        let mut s = (0, 0, 0);
        for c in self.per_type {
            s.0 += c.0;
            s.1 += c.1;
            s.2 += c.2;
        }
        Self::prf(s)
    }

    /// One line: per-type F1 and micro P/R/F1.
    pub fn summary(&self) -> String {
        let (p, r, f) = self.micro();
        format!(
            "PER {:.3} ORG {:.3} LOC {:.3} | micro P {:.3} R {:.3} F1 {:.3} (gold {})",
            self.f1(0),
            self.f1(1),
            self.f1(2),
            p,
            r,
            f,
            self.per_type.iter().map(|c| c.2).sum::<usize>()
        )
    }
}

/// Scores a model on labelled sentences.
pub fn evaluate(ner: &Ner, sents: &[NerSentence]) -> NerScores {
    let mut sc = NerScores::default();
    for s in sents {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let pred: Vec<u8> = ner.tag_bio(&words).into_iter().map(|x| x.0 as u8).collect();
        sc.add(&s.tags, &pred);
    }
    sc
}

/// The class of `B-` a type name (`PER`, `ORG`, `LOC`), if it is one.
pub fn begin_class(t: &str) -> Option<u8> {
    TYPES.iter().position(|x| *x == t).map(|i| b_of(i) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_lattice_is_the_lattice() {
        // Prediction sums a word's own, transition and neighbour features once per word type
        // (`lattice_fast`); with the shipped models its scores must be those of every
        // feature looked up per token (`lattice`), at every token and previous label.
        let cases = [
            (
                Lang::De,
                "Der Siemens-Chef Joe Kaeser sagte am Montag in München , die Deutsche Bank AG habe 3,5 Mrd. Euro gezahlt .",
            ),
            (Lang::De, "ÖPNV"),
            (Lang::De, "Frankfurt ( Reuters ) - Die Commerzbank streicht Stellen"),
            (
                Lang::En,
                "John Miller , who heads Bluefield Corp. , said on Monday that the company will buy a plant in Ohio .",
            ),
        ];
        for (lang, text) in cases {
            let ner = Ner::load(lang).unwrap();
            let words: Vec<&str> = text.split(' ').collect();
            let tags = ner.pos.then(|| pos_tags(&words));
            let ws: Vec<WordScores> = words.iter().map(|w| ner.word_scores(w)).collect();
            let fast = lattice_fast(
                &ner,
                &prepare(&words, tags.as_deref(), &ner.evidence, Some(&ws)),
                &ws,
            );
            let p = prepare(&words, tags.as_deref(), &ner.evidence, None);
            let slow = lattice(&|f, o| ner.lin.scores(f, o), &p, &words, None);
            // The first token has one previous label (the start), in row 0.
            assert_eq!(fast[0][0], slow[0][0], "{text}");
            assert_eq!(fast[1..], slow[1..], "{text}");
        }
    }
}
