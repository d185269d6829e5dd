//! A greedy transition-based dependency parser (arc-hybrid) for labelled Universal
//! Dependencies, scored by an averaged perceptron over hashed features and trained with a
//! dynamic oracle (Goldberg & Nivre 2013) on tags predicted by the tagger (jackknifed).
//!
//! Transitions, with an artificial ROOT (index 0) at the bottom of the stack:
//! - `SHIFT` pushes the buffer front `b0`;
//! - `LEFT:l` pops `s0` and attaches it to `b0` with label `l`;
//! - `RIGHT:l` pops `s0` and attaches it to `s1` with label `l`.
//!
//! The arc label is predicted jointly with the transition (one class per transition and
//! label). `RIGHT` onto ROOT is allowed only as the very last transition, so every output is a
//! tree with exactly one word attached to ROOT. Non-projective training trees are made
//! projective by lifting (the shortest non-projective arc's dependent is reattached to its
//! head's head, until none is left; labels are kept).

use crate::conllu::Sentence;
use crate::lemma::lower;
use crate::model::{self, TrainConfig};
use crate::perceptron::{
    feature_hash as h, put_str, put_varint, Fnv, Linear, Reader, SplitMix64, Trainer,
};
use crate::{fill_row, Analyzer, Error, Lang, TokenAnalysis};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

const MAGIC: &[u8; 8] = b"TRPLPA01";
const NONE: usize = usize::MAX;
const SHIFT: usize = 0;

/// Parser training settings.
#[derive(Debug, Clone)]
pub struct ParserConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the sentence shuffle and of the exploration choices.
    pub seed: u64,
    /// Train with the dynamic oracle, following the model's own (possibly wrong) transitions
    /// with probability 0.9 from the second epoch on; `false` follows the gold path only.
    pub explore: bool,
    /// Features seen fewer times than this on the gold transition paths of the training
    /// sentences are left out (keeps the model file small).
    pub min_count: u32,
    /// Print progress to stderr.
    pub verbose: bool,
}

/// What projectivization did to a training set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProjStats {
    /// Sentences read.
    pub sentences: usize,
    /// Sentences whose tree was not projective (and was lifted).
    pub nonprojective: usize,
    /// Arcs lifted in all.
    pub lifted: usize,
}

/// Attachment scores (punctuation included, as the UD scorer counts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseScores {
    /// Syntactic words scored.
    pub tokens: usize,
    /// Words with the right head.
    pub uas: usize,
    /// Words with the right head and relation (`nsubj:pass` must match in full).
    pub las: usize,
}

impl ParseScores {
    /// Adds another score.
    pub fn add(&mut self, o: &ParseScores) {
        self.tokens += o.tokens;
        self.uas += o.uas;
        self.las += o.las;
    }

    /// UAS in percent.
    pub fn uas_pct(&self) -> f64 {
        100.0 * self.uas as f64 / self.tokens.max(1) as f64
    }

    /// LAS in percent.
    pub fn las_pct(&self) -> f64 {
        100.0 * self.las as f64 / self.tokens.max(1) as f64
    }

    /// One line: `tokens 123, UAS 80.00, LAS 75.00`.
    pub fn summary(&self) -> String {
        format!(
            "tokens {}, UAS {:.2}, LAS {:.2}",
            self.tokens,
            self.uas_pct(),
            self.las_pct()
        )
    }
}

/// One word as the parser sees it: lower-cased form, lemma, tags, and the German
/// Case/Number/Gender values (borrowed from the caller's strings where they need no change).
#[derive(Debug, Clone)]
struct Tok<'a> {
    w: Cow<'a, str>,
    lemma: Cow<'a, str>,
    upos: &'a str,
    xpos: &'a str,
    case: &'a str,
    morph: Cow<'a, str>,
}

impl<'a> Tok<'a> {
    fn new(form: &'a str, lemma: &'a str, upos: &'a str, xpos: &'a str, feats: &'a str) -> Tok<'a> {
        // Case, Number and Gender in one pass over FEATS (the first value of each, `_` if
        // none).
        let mut cng: [Option<&str>; 3] = [None; 3];
        for (k, v) in feats.split('|').filter_map(|kv| kv.split_once('=')) {
            let at = match k {
                "Case" => 0,
                "Number" => 1,
                "Gender" => 2,
                _ => continue,
            };
            cng[at].get_or_insert(v);
        }
        let [case, number, gender] = cng.map(|v| v.unwrap_or("_"));
        let mut morph = String::with_capacity(case.len() + number.len() + gender.len() + 2);
        for (j, v) in [case, number, gender].into_iter().enumerate() {
            if j > 0 {
                morph.push('|');
            }
            morph.push_str(v);
        }
        Tok {
            w: lower(form),
            lemma: lower(lemma),
            upos,
            xpos,
            case,
            morph: Cow::Owned(morph),
        }
    }

    fn root() -> Tok<'static> {
        Tok::filler("<ROOT>")
    }

    fn none() -> Tok<'static> {
        Tok::filler("<NONE>")
    }

    /// A pseudo-token whose every field is `mark`.
    fn filler(mark: &'static str) -> Tok<'static> {
        Tok {
            w: Cow::Borrowed(mark),
            lemma: Cow::Borrowed(mark),
            upos: mark,
            xpos: mark,
            case: mark,
            morph: Cow::Borrowed(mark),
        }
    }
}

fn toks_from_rows(sent: &Sentence) -> Vec<Tok<'_>> {
    let mut v = vec![Tok::root()];
    v.extend(
        sent.words()
            .map(|r| Tok::new(&r.form, &r.lemma, &r.upos, &r.xpos, &r.feats)),
    );
    v
}

fn toks_from_analyses<'a>(words: &[&'a str], analyses: &'a [TokenAnalysis]) -> Vec<Tok<'a>> {
    let mut v = vec![Tok::root()];
    v.extend(
        words
            .iter()
            .zip(analyses)
            .map(|(w, a)| Tok::new(w, &a.lemma, &a.upos, &a.xpos, &a.feats)),
    );
    v
}

/// The parser configuration: stack, buffer front, and the arcs built so far.
struct State {
    n: usize,
    stack: Vec<usize>,
    b: usize,
    heads: Vec<usize>,
    labels: Vec<usize>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: vec![0],
            b: 1,
            heads: vec![NONE; n + 1],
            labels: vec![NONE; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
        }
    }

    fn done(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    fn s(&self, k: usize) -> usize {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    fn b(&self, k: usize) -> usize {
        if self.b + k <= self.n {
            self.b + k
        } else {
            NONE
        }
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }

    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() >= 2
    }

    fn can_right(&self) -> bool {
        self.stack.len() >= 2 && (self.s(1) != 0 || (self.b > self.n && self.stack.len() == 2))
    }

    fn valid(&self, class: usize) -> bool {
        match class {
            SHIFT => self.can_shift(),
            c if c % 2 == 1 => self.can_left(),
            _ => self.can_right(),
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        let side = if dep < head {
            &mut self.lefts[head]
        } else {
            &mut self.rights[head]
        };
        let at = side.partition_point(|&x| x < dep);
        side.insert(at, dep);
    }

    fn apply(&mut self, class: usize) {
        if class == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
        } else {
            let label = (class - 1) / 2;
            let s0 = self.stack.pop().expect("valid transition");
            let head = if class % 2 == 1 {
                self.b
            } else {
                *self.stack.last().expect("valid transition")
            };
            self.attach(head, s0, label);
        }
    }

    /// Cost of a transition's arc part under the dynamic oracle: gold arcs it makes
    /// unreachable. `gh` are the gold heads (index 0 unused).
    fn costs(&self, gh: &[usize]) -> (usize, usize, usize) {
        let (s0, s1, b) = (self.s(0), self.s(1), self.b);
        let in_buffer = |x: usize| x != NONE && x >= b && x <= self.n && x != 0;
        let mut shift = 0;
        if self.can_shift() {
            for (i, &d) in self.stack.iter().enumerate() {
                if gh[d] == b && d != 0 {
                    shift += 1;
                }
                if gh[b] == d && i + 1 != self.stack.len() {
                    shift += 1;
                }
            }
        }
        let mut pop = 0;
        if s0 != NONE && s0 != 0 {
            pop = (b..=self.n).filter(|&d| gh[d] == s0).count();
        }
        let left = pop + usize::from(s0 != 0 && gh[s0] != b && (gh[s0] == s1 || in_buffer(gh[s0])));
        let right = pop + usize::from(s0 != 0 && in_buffer(gh[s0]));
        (shift, left, right)
    }
}

/// The canonical zero-cost transition for a projective gold tree: an arc when the gold tree
/// has it, else SHIFT, else the cheapest valid transition.
fn static_oracle(st: &State, gh: &[usize], gl: &[usize]) -> usize {
    let (cs, cl, cr) = st.costs(gh);
    let s0 = st.s(0);
    if st.can_left() && cl == 0 && gh[s0] == st.b {
        1 + 2 * gl[s0]
    } else if st.can_right() && cr == 0 && gh[s0] == st.s(1) {
        2 + 2 * gl[s0]
    } else if st.can_shift() && cs == 0 {
        SHIFT
    } else if st.can_right() && (cr <= cl || !st.can_left()) && (cr <= cs || !st.can_shift()) {
        2 + 2 * gl[s0]
    } else if st.can_left() && (cl <= cs || !st.can_shift()) {
        1 + 2 * gl[s0]
    } else {
        SHIFT
    }
}

/// Makes a tree projective by lifting: while some arc is non-projective, the dependent of the
/// shortest one is reattached to its head's head. `heads[0]` is unused. Returns the lifts.
pub fn projectivize(heads: &mut [usize]) -> usize {
    let n = heads.len() - 1;
    let dominates = |heads: &[usize], h: usize, mut k: usize| {
        let mut steps = 0;
        while k != 0 && steps <= n {
            if k == h {
                return true;
            }
            k = heads[k];
            steps += 1;
        }
        h == 0
    };
    let mut lifts = 0;
    loop {
        let mut best: Option<(usize, usize)> = None;
        for d in 1..=n {
            let hd = heads[d];
            if hd == 0 {
                continue;
            }
            let (a, z) = (hd.min(d), hd.max(d));
            if (a + 1..z).any(|k| !dominates(heads, hd, k)) {
                let span = z - a;
                if best.is_none_or(|(s, _)| span < s) {
                    best = Some((span, d));
                }
            }
        }
        match best {
            Some((_, d)) if lifts < 10 * n => {
                heads[d] = heads[heads[d]];
                lifts += 1;
            }
            _ => return lifts,
        }
    }
}

/// The six core positions whose token fields are unigram features, in template order.
const CORE: usize = 6;
/// Unigram templates per core position: w, upos, xpos, w+upos, lemma, morph+upos.
const UNI: usize = 6;
/// The buffer front's place among the core positions.
const B0: usize = 3;
/// The child positions whose word, tag and relation are features, in template order.
const KIDS: usize = 8;
/// The first template after the unigram and child templates.
const PAIRS_FROM: u8 = 2 + (CORE * UNI + KIDS * 3) as u8;

/// Small numbers as feature parts (distances, valencies, counts), without formatting.
const DIGITS: [&str; 7] = ["0", "1", "2", "3", "4", "5", "6"];

/// The hashes of the child-relation templates for every relation (index 0 `<NONE>`, then the
/// labels in order), made once per parser: `[label][child position]`.
fn label_hashes(labels: &[String]) -> Vec<[u32; KIDS]> {
    std::iter::once("<NONE>")
        .chain(labels.iter().map(String::as_str))
        .map(|l| std::array::from_fn(|c| h(2 + (CORE * UNI) as u8 + 3 * c as u8 + 2, &[l])))
        .collect()
}

/// A sentence prepared for feature extraction: the tokens (ROOT first, the `<NONE>` filler
/// last) and, per token, the hashes of the features that depend on that token alone (its
/// unigram features in each core position, its word and tag in each child position), so that
/// a transition only hashes the features that combine several tokens.
struct Prepared<'a> {
    toks: &'a [Tok<'a>],
    none: Tok<'static>,
    /// Per token row: its unigram features in the six core positions (training only; parsing
    /// hashes them when [`TokenSums`] first needs them, see [`Prepared::uni_of`]).
    uni: Vec<[u32; CORE * UNI]>,
    /// Per token row: its word and tag features in the eight child positions (training only).
    kid: Vec<[u32; KIDS * 2]>,
}

impl<'a> Prepared<'a> {
    /// A sentence for parsing: the per-token hashes are made as needed.
    fn new(toks: &'a [Tok<'a>]) -> Prepared<'a> {
        Prepared {
            toks,
            none: Tok::none(),
            uni: Vec::new(),
            kid: Vec::new(),
        }
    }

    /// A sentence for training, with every token's hashes made at once (a training sentence
    /// is parsed once per epoch, and every feature goes into the update).
    fn with_tables(toks: &'a [Tok<'a>]) -> Prepared<'a> {
        let mut p = Prepared::new(toks);
        for row in 0..=toks.len() {
            let mut uni = [0; CORE * UNI];
            for slot in 0..CORE {
                uni[slot * UNI..(slot + 1) * UNI].copy_from_slice(&p.uni_of(row, slot));
            }
            let mut kid = [0; KIDS * 2];
            for c in 0..KIDS {
                kid[2 * c..2 * c + 2].copy_from_slice(&p.kid_of(row, c));
            }
            p.uni.push(uni);
            p.kid.push(kid);
        }
        p
    }

    /// The token of a row (`NONE`'s row, the last, is the `<NONE>` filler).
    fn tok_of_row(&self, row: usize) -> &Tok<'_> {
        self.toks.get(row).unwrap_or(&self.none)
    }

    /// The six unigram features of a token row in core position `slot`: w, upos, xpos,
    /// w+upos, lemma, morph+upos.
    fn uni_of(&self, row: usize, slot: usize) -> [u32; UNI] {
        let x = self.tok_of_row(row);
        let tpl = 2 + (slot * UNI) as u8;
        [
            h(tpl, &[&x.w]),
            h(tpl + 1, &[x.upos]),
            h(tpl + 2, &[x.xpos]),
            h(tpl + 3, &[&x.w, x.upos]),
            h(tpl + 4, &[&x.lemma]),
            h(tpl + 5, &[&x.morph, x.upos]),
        ]
    }

    /// The word and tag features of a token row in child position `c`.
    fn kid_of(&self, row: usize, c: usize) -> [u32; 2] {
        let x = self.tok_of_row(row);
        let tpl = 2 + (CORE * UNI) as u8 + 3 * c as u8;
        [h(tpl, &[&x.w]), h(tpl + 1, &[x.upos])]
    }

    /// The two features of the buffer front's tags (`b0 b1` and `b0 b1 b2`, templates 9 and
    /// 16 of the pairs) with the token of a row as `b0`: `b1` and `b2` are the tokens after it,
    /// as `State::b` has them (none past the sentence's end, none after the `<NONE>` row).
    fn front_of(&self, row: usize) -> [u32; 2] {
        let upos = |i: usize| self.toks.get(i).map_or(self.none.upos, |t| t.upos);
        let x = self.tok_of_row(row);
        let (b1, b2) = if row < self.toks.len() {
            (upos(row + 1), upos(row + 2))
        } else {
            (self.none.upos, self.none.upos)
        };
        [
            h(PAIRS_FROM + 8, &[x.upos, b1]),
            h(PAIRS_FROM + 15, &[x.upos, b1, b2]),
        ]
    }

    /// The row of a token in `uni` and `kid` (`NONE` is the last).
    fn row(&self, i: usize) -> usize {
        if i == NONE {
            self.toks.len()
        } else {
            i
        }
    }

    fn tok(&self, i: usize) -> &Tok<'_> {
        if i == NONE {
            &self.none
        } else {
            &self.toks[i]
        }
    }
}

/// How many features of the pairs and triples begin with parts that stay while the stack's
/// top stays ([`Emit::g`]): the fields of `s0` and `s1`, `s0`'s leftmost child's tag, the
/// stack's depth.
const PREFIXES: usize = 28;

/// Which of a state's features [`feats_into`] computes.
enum Part<'s> {
    /// All of them, into `out` (training).
    All,
    /// The bias and the features of the top three stack tokens and of their children that
    /// stay while they are the top ([`FIXED_KIDS`]: their words, tags, lemmas, morphology,
    /// the distance of `s1` and `s0`, `s0`'s left and `s1`'s right valency, `s0`'s left
    /// relations), into `out`: the same whenever the stack's top three are the same tokens,
    /// so parsing sums their weights once per stack top (see [`StackSums`]). Also the hash
    /// states of the [`PREFIXES`] features' first parts, which depend on the stack's top alone,
    /// into the array (see [`Emit::g`]).
    Stack(&'s mut [Fnv; PREFIXES]),
    /// The rest, for parsing: the features of one token alone (the unigrams, the children's
    /// word, tag and relation, and the two of the buffer front's tags, which depend on `b0`
    /// alone as `b1` and `b2` follow it) as summed weights from the sentence's [`TokenSums`]
    /// into the class scores, the others into `out`; the features of [`Emit::g`] continue
    /// from the hash states of their first parts that [`Part::Stack`] made for this stack top.
    Rest(
        &'s Linear,
        &'s mut TokenSums,
        &'s mut [i32],
        &'s [Fnv; PREFIXES],
    ),
}

/// Numbers the templates in call order, as the model's hashes expect, and keeps the
/// features of the [`Part`] asked for.
struct Emit<'o> {
    tpl: u8,
    out: &'o mut Vec<u32>,
    /// Keep the features of the stack's top tokens alone ([`Emit::s`], [`Part::Stack`]).
    stack: bool,
    /// Keep the features that combine the stack with the buffer or the children ([`Emit::f`]).
    rest: bool,
    /// Keep the features of the buffer front alone ([`Emit::b`]).
    front: bool,
    /// The next feature of [`Emit::g`] (its index in the prefix array).
    k: usize,
    /// Where [`Emit::g`] writes its features' first parts' hash states ([`Part::Stack`]).
    put: Option<&'o mut [Fnv; PREFIXES]>,
    /// Where [`Emit::g`] reads them ([`Part::Rest`]).
    get: Option<&'o [Fnv; PREFIXES]>,
}

impl Emit<'_> {
    fn next(&mut self) -> u8 {
        self.tpl += 1;
        self.tpl
    }

    fn push_if(&mut self, keep: bool, parts: &[&str]) {
        let t = self.next();
        if keep {
            self.out.push(h(t, parts));
        }
    }

    /// A feature that combines the stack with the buffer or the children.
    fn f(&mut self, parts: &[&str]) {
        self.push_if(self.rest, parts);
    }

    /// A feature of the top three stack tokens and their fixed children ([`Part::Stack`]).
    fn s(&mut self, parts: &[&str]) {
        self.push_if(self.stack, parts);
    }

    /// A feature of the buffer front's own fields alone (summed per token when parsing).
    fn b(&mut self, parts: &[&str]) {
        self.push_if(self.front, parts);
    }

    /// A feature that combines the stack with the buffer or the children, whose first parts
    /// (`head`) stay while the stack's top stays (fields of `s0` and `s1`, `s0`'s leftmost
    /// child, the stack's depth). FNV hashes byte after byte, so the state after the template
    /// and `head` is the same for every state with this stack top: [`Part::Stack`] keeps it
    /// (once per stack top, [`StackSums`]) and [`Part::Rest`] goes on from it with `tail`. The
    /// hash is `h(template, head ++ tail)` either way. (Inlined: a call per feature cost more
    /// than the hashing it saves.)
    #[inline(always)]
    fn g(&mut self, head: &[&str], tail: &[&str]) {
        let t = self.next();
        let k = self.k;
        self.k += 1;
        let start = || head.iter().fold(Fnv::new(t), |h, x| h.part(x));
        if let Some(put) = self.put.as_deref_mut() {
            put[k] = start();
        }
        if self.rest {
            let from = match self.get {
                Some(get) => get[k],
                None => start(),
            };
            self.out
                .push(tail.iter().fold(from, |h, x| h.part(x)).finish());
        }
    }
}

/// The features of a parser state. The templates (their order is their number, part of the
/// model): the empty bias feature; six unigrams of each of `s0 s1 s2 b0 b1 b2`; word, tag and
/// relation of eight children; then the pairs and triples below. `part` says which of them go
/// to `out` (and, when parsing, which are added to the scores from per-token sums instead).
fn feats_into(
    p: &Prepared<'_>,
    labh: &[[u32; KIDS]],
    st: &State,
    names: &[String],
    out: &mut Vec<u32>,
    part: Part<'_>,
) {
    out.clear();
    let t = |i: usize| p.tok(i);
    let lab = |i: usize| {
        if i == NONE || st.labels[i] == NONE {
            "<NONE>"
        } else {
            names[st.labels[i]].as_str()
        }
    };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.b(0), st.b(1), st.b(2));
    let kids = children(st);
    let [s0l, _, s0r, _, _, s1r, b0l, _] = kids;
    let (ts0, ts1, ts2, tb0, tb1, tb2) = (t(s0), t(s1), t(s2), t(b0), t(b1), t(b2));
    let (stack, rest, front) = match part {
        Part::All => (true, true, true),
        Part::Stack(_) => (true, false, false),
        Part::Rest(..) => (false, true, false),
    };
    let (mut put, mut get) = (None, None);
    if stack {
        out.push(h(1, &[]));
    }
    match part {
        Part::Stack(pre) => put = Some(pre),
        Part::Rest(lin, sums, scores, pre) => {
            get = Some(pre);
            // The features of one token alone, as summed weights (see `TokenSums`).
            // (those of the core positions and of the stack's fixed children are in the stack's
            // and the buffer's sums).
            sums.add_kids(p, lin, st, kids, labh, scores);
        }
        Part::All => {
            // Unigrams of the six core positions (hashed per token in `Prepared`).
            for (r, x) in [s0, s1, s2, b0, b1, b2].into_iter().enumerate() {
                out.extend_from_slice(&p.uni[p.row(x)][r * UNI..(r + 1) * UNI]);
            }
            // Children: word, tag, relation.
            for (c, x) in kids.into_iter().enumerate() {
                let k = &p.kid[p.row(x)];
                out.push(k[2 * c]);
                out.push(k[2 * c + 1]);
                out.push(labh[kid_label(st, x)][c]);
            }
        }
    }
    let mut e = Emit {
        tpl: PAIRS_FROM - 1,
        out,
        stack,
        rest,
        front,
        k: 0,
        put,
        get,
    };
    // Pairs and triples (Zhang & Nivre 2011).
    e.g(&[&ts0.w, ts0.upos], &[&tb0.w, tb0.upos]);
    e.g(&[&ts0.w, ts0.upos], &[&tb0.w]);
    e.g(&[&ts0.w], &[&tb0.w, tb0.upos]);
    e.g(&[&ts0.w, ts0.upos], &[tb0.upos]);
    e.g(&[ts0.upos], &[&tb0.w, tb0.upos]);
    e.g(&[&ts0.w], &[&tb0.w]);
    e.g(&[ts0.upos], &[tb0.upos]);
    e.g(&[ts0.xpos], &[tb0.xpos]);
    e.b(&[tb0.upos, tb1.upos]);
    e.s(&[&ts1.w, ts1.upos, &ts0.w, ts0.upos]);
    e.s(&[&ts1.w, &ts0.w]);
    e.s(&[ts1.upos, ts0.upos]);
    e.s(&[ts1.xpos, ts0.xpos]);
    e.s(&[ts1.upos, &ts0.w]);
    e.s(&[&ts1.w, ts0.upos]);
    e.b(&[tb0.upos, tb1.upos, tb2.upos]);
    e.g(&[ts0.upos], &[tb0.upos, tb1.upos]);
    e.g(&[ts1.upos, ts0.upos], &[tb0.upos]);
    e.s(&[ts2.upos, ts1.upos, ts0.upos]);
    // (`s0`'s leftmost child is fixed while `s0` is on the stack: left children are attached
    // to the buffer front only.)
    e.g(&[ts0.upos, t(s0l).upos], &[tb0.upos]);
    e.g(&[ts0.upos], &[t(s0r).upos, tb0.upos]);
    e.g(&[ts0.upos], &[tb0.upos, t(b0l).upos]);
    e.s(&[ts1.upos, ts0.upos, t(s0l).upos]);
    e.g(&[ts1.upos, ts0.upos], &[t(s0r).upos]);
    e.s(&[ts1.upos, t(s1r).upos, ts0.upos]);
    e.g(&[ts0.xpos], &[tb0.xpos, tb1.xpos]);
    e.g(&[ts1.xpos, ts0.xpos], &[tb0.xpos]);
    e.g(&[&ts0.lemma], &[&tb0.lemma]);
    e.s(&[&ts1.lemma, &ts0.lemma]);
    e.g(&[&ts0.lemma], &[tb0.upos]);
    e.g(&[ts0.upos], &[&tb0.lemma]);
    e.s(&[&ts1.lemma, ts0.upos]);
    e.s(&[ts1.upos, &ts0.lemma]);
    // Morphology (German Case/Number/Gender; `_` elsewhere).
    e.g(&[ts0.case, ts0.upos], &[tb0.case, tb0.upos]);
    e.s(&[ts1.case, ts1.upos, ts0.case, ts0.upos]);
    e.g(&[&ts0.morph], &[&tb0.morph]);
    e.s(&[&ts1.morph, &ts0.morph]);
    e.g(&[ts0.case, ts0.upos], &[tb0.xpos]);
    e.s(&[ts0.case, ts0.upos, ts1.xpos]);
    e.g(&[ts0.case], &[&tb0.lemma]);
    e.s(&[ts0.case, &ts1.lemma]);
    // Distance and valency.
    let dist = |a: usize, b: usize| {
        if a == NONE || b == NONE {
            "-"
        } else {
            DIGITS[b.abs_diff(a).min(6)]
        }
    };
    let d0 = dist(s0, b0);
    let d1 = dist(s1, s0);
    e.f(&[d0, ts0.upos, tb0.upos]);
    e.f(&[d0, &ts0.w]);
    e.f(&[d0, &tb0.w]);
    e.s(&[d1, ts1.upos, ts0.upos]);
    e.s(&[d1, &ts1.w]);
    e.s(&[d1, &ts0.w]);
    // s0 between its two candidate heads: s1 (RIGHT) and b0 (LEFT).
    e.g(&[ts1.upos, ts0.upos], &[tb0.upos, d0, d1]);
    e.g(&[ts1.xpos, &ts0.w], &[tb0.xpos]);
    e.g(&[ts1.xpos, ts0.case, ts0.upos], &[tb0.xpos]);
    e.g(&[&ts1.lemma, ts0.upos], &[&tb0.lemma]);
    e.s(&[&ts0.morph, ts0.upos, &t(s0l).morph, t(s0l).upos]);
    let val = |i: usize, left: bool| {
        if i == NONE {
            "-"
        } else if left {
            DIGITS[st.lefts[i].len().min(4)]
        } else {
            DIGITS[st.rights[i].len().min(4)]
        }
    };
    let (s0vl, s0vr, s1vr, b0vl) = (val(s0, true), val(s0, false), val(s1, false), val(b0, true));
    e.s(&[s0vl, &ts0.w, ts0.upos]);
    e.f(&[s0vr, &ts0.w, ts0.upos]);
    e.s(&[s0vl, ts0.upos]);
    e.f(&[s0vr, ts0.upos]);
    e.s(&[s1vr, ts1.upos]);
    e.f(&[b0vl, &tb0.w, tb0.upos]);
    e.f(&[b0vl, tb0.upos]);
    // Relation sets of the children: the relations joined by commas, as one part (hashed
    // without building the string).
    let labset = |h: Fnv, v: Option<&Vec<usize>>| {
        let mut h = h;
        for (j, &c) in v.into_iter().flatten().enumerate() {
            if j > 0 {
                h = h.text(",");
            }
            h = h.text(lab(c));
        }
        h.end()
    };
    let (s0ls, s0rs, b0ls) = if s0 == NONE {
        (None, None, None)
    } else {
        (
            Some(&st.lefts[s0]),
            Some(&st.rights[s0]),
            if b0 == NONE {
                None
            } else {
                Some(&st.lefts[b0])
            },
        )
    };
    let t1 = e.next();
    if e.stack {
        e.out
            .push(labset(Fnv::new(t1), s0ls).part(ts0.upos).finish());
    }
    let (t2, t3, t4) = (e.next(), e.next(), e.next());
    if e.rest {
        e.out
            .push(labset(Fnv::new(t2), s0rs).part(ts0.upos).finish());
        e.out
            .push(labset(Fnv::new(t3), b0ls).part(tb0.upos).finish());
        let both = labset(labset(Fnv::new(t4), s0ls), s0rs);
        e.out.push(both.part(ts0.upos).part(tb0.upos).finish());
    }
    // Is anything left in the buffer, and is s1 ROOT? (The stack's depth is its top's.)
    e.g(
        &[DIGITS[st.stack.len().min(4)]],
        &[DIGITS[(st.n + 1 - st.b.min(st.n + 1)).min(4)]],
    );
    debug_assert_eq!(e.k, PREFIXES);
}

/// The children whose word, tag and relation are features, in template order: the two
/// leftmost and the two rightmost of `s0`, the leftmost and the rightmost of `s1`, the two
/// leftmost of `b0` (`NONE` where there is none).
fn children(st: &State) -> [usize; KIDS] {
    let leftmost = |i: usize, k: usize| {
        if i == NONE {
            NONE
        } else {
            st.lefts[i].get(k).copied().unwrap_or(NONE)
        }
    };
    let rightmost = |i: usize, k: usize| {
        if i == NONE {
            NONE
        } else {
            let r = &st.rights[i];
            if r.len() > k {
                r[r.len() - 1 - k]
            } else {
                NONE
            }
        }
    };
    let (s0, s1, b0) = (st.s(0), st.s(1), st.b(0));
    [
        leftmost(s0, 0),
        leftmost(s0, 1),
        rightmost(s0, 0),
        rightmost(s0, 1),
        leftmost(s1, 0),
        rightmost(s1, 0),
        leftmost(b0, 0),
        leftmost(b0, 1),
    ]
}

/// The child positions of [`children`] that stay the same while the stack's top three tokens
/// do: a token gets left children only while it is the buffer front (LEFT attaches `s0` to
/// `b0`), and right children only as `s1` of a RIGHT, which pops `s0` for good. So `s0`'s left
/// children and `s1`'s are fixed for the stack's top, and are summed with it ([`StackSums`]).
const FIXED_KIDS: [usize; 4] = [0, 1, 4, 5];
/// The other child positions: `s0`'s right children (a RIGHT from above adds one) and `b0`'s
/// left children (each LEFT adds one).
const MOVING_KIDS: [usize; 4] = [2, 3, 6, 7];

/// The relation index of child `x` in [`label_hashes`]' rows (0: no child or no relation).
fn kid_label(st: &State, x: usize) -> usize {
    if x == NONE || st.labels[x] == NONE {
        0
    } else {
        st.labels[x] + 1
    }
}

/// The summed class weights of the features of one token alone, per token and position,
/// filled when first needed in a sentence: a token stays in a core position (`s0` … `b2`) or
/// a child position for several transitions, so its 6 unigram features (or its child word, tag
/// and relation) are looked up once there instead of once per transition; the core positions'
/// unigram rows are those of the token's word type ([`WordRows`], made once per thread), `b0`'s
/// with its tag features added. The rows of the core
/// positions and of the fixed children are added into the stack's and the buffer's sums
/// ([`StackSums`], [`BufferSums`]), those of the moving children per transition. Integer sums
/// do not depend on the order of addition, so the scores, and the parses, are the same as
/// summing every feature per transition.
struct TokenSums {
    n_classes: usize,
    /// The filled rows of class sums, one after another in the order they were first needed
    /// (a sentence fills only some of its tokens' slots, so no row is made, or zeroed, before
    /// it is needed).
    sums: Vec<i32>,
    /// Per token row (as in [`Prepared::row`]) and slot (the six core positions, then the
    /// eight child positions): where its sums start in `sums`, once filled.
    at: Vec<u32>,
    /// Per token row and slot: 0 not filled; a core slot 1 when filled; a child slot the
    /// child's relation index plus 1 (a child's relation is fixed when it is attached, but the
    /// check keeps the sum exact in any case).
    filled: Vec<u32>,
    buf: Vec<u32>,
    /// The unigram sums of word types, shared by the sentences a thread parses.
    words: WordRows,
    /// Per token row: its entry in `words` (`u32::MAX` until first needed).
    types: Vec<u32>,
}

impl TokenSums {
    const SLOTS: usize = CORE + KIDS;

    fn new(rows: usize, n_classes: usize, words: WordRows) -> TokenSums {
        TokenSums {
            words,
            types: vec![u32::MAX; rows],
            n_classes,
            // Room for the rows a parse fills (about six per token on German news), so that
            // the vector does not grow by copying, which cost as much as the sums themselves.
            sums: Vec::with_capacity(rows * 8 * n_classes),
            at: vec![0; rows * Self::SLOTS],
            filled: vec![0; rows * Self::SLOTS],
            buf: Vec::with_capacity(UNI + 2),
        }
    }

    /// The summed weights of token `x`'s features in position `slot` (a core position: its
    /// unigrams, for `b0` with the buffer front's tag features; a child position: its word,
    /// tag and relation), made when first needed.
    fn row(
        &mut self,
        p: &Prepared<'_>,
        lin: &Linear,
        st: &State,
        labh: &[[u32; KIDS]],
        slot: usize,
        x: usize,
    ) -> &[i32] {
        let nc = self.n_classes;
        let row = p.row(x);
        if slot < CORE && slot != B0 {
            // A core position's unigrams depend on the token's fields alone: the word type's
            // row, made once per thread.
            let e = self.word_type(p, row);
            return self.words.row(p, lin, e, row, slot);
        }
        let at = row * Self::SLOTS + slot;
        let key = if slot < CORE {
            1
        } else {
            kid_label(st, x) as u32 + 1
        };
        if self.filled[at] == 0 {
            self.at[at] = self.sums.len() as u32;
            self.sums.resize(self.sums.len() + nc, 0);
        }
        let from = self.at[at] as usize;
        if self.filled[at] != key {
            self.buf.clear();
            if slot == B0 {
                // The word type's unigrams, and the buffer front's tag features, which look
                // at the tokens after it.
                let e = self.word_type(p, row);
                let (words, sums) = (&mut self.words, &mut self.sums);
                sums[from..from + nc].copy_from_slice(words.row(p, lin, e, row, slot));
                self.buf.extend_from_slice(&p.front_of(row));
            } else {
                let c = slot - CORE;
                self.buf.extend_from_slice(&p.kid_of(row, c));
                self.buf.push(labh[key as usize - 1][c]);
                self.sums[from..from + nc].fill(0);
            }
            lin.add_scores(&self.buf, &mut self.sums[from..from + nc]);
            self.filled[at] = key;
        }
        &self.sums[from..from + nc]
    }

    /// The entry of a token row's word type in [`WordRows`], found or made when first asked.
    fn word_type(&mut self, p: &Prepared<'_>, row: usize) -> usize {
        if self.types[row] == u32::MAX {
            self.types[row] = self.words.entry(p.tok_of_row(row)) as u32;
        }
        self.types[row] as usize
    }

    /// Adds the weights of the word, tag and relation of the children that can change while
    /// the stack's top stays ([`MOVING_KIDS`]) to `scores`.
    fn add_kids(
        &mut self,
        p: &Prepared<'_>,
        lin: &Linear,
        st: &State,
        kids: [usize; KIDS],
        labh: &[[u32; KIDS]],
        scores: &mut [i32],
    ) {
        for c in MOVING_KIDS {
            let sum = self.row(p, lin, st, labh, CORE + c, kids[c]);
            for (o, v) in scores.iter_mut().zip(sum) {
                *o += v;
            }
        }
    }
}

thread_local! {
    /// The [`WordRows`] of the last parsers this thread used (one per parser, by [`Parser::id`]).
    static WORD_ROWS: RefCell<Vec<WordRows>> = const { RefCell::new(Vec::new()) };
}

/// The most word types [`WordRows`] keeps before it starts again (an entry holds six rows of
/// class sums: 2 KB for German's 83 classes, at most about 32 MB per thread and parser).
const WORD_ROWS_MAX: usize = 1 << 14;

/// The most parsers whose [`WordRows`] a thread keeps (extraction uses two: German and
/// English).
const WORD_ROWS_PARSERS: usize = 2;

/// The summed weights of a word type's six unigram features in each core position, by the
/// fields the parser sees (word, tags, lemma, morphology), kept per thread across sentences.
/// A token passes through all six core positions (`b2 b1 b0`, then `s0 s1 s2`), so each
/// token's row for each position was looked up once per sentence (six features each); news
/// text repeats its word types, whose rows are now made once per thread. The features of a
/// position are those of the fields alone, so equal fields give equal sums.
struct WordRows {
    /// The parser whose weights these are.
    parser: u64,
    n_classes: usize,
    /// Word type (its fields, each followed by `0xff`, which UTF-8 never has) → entry.
    index: FxHashMap<Box<[u8]>, u32>,
    /// Per entry: the six core positions' rows, `n_classes` each.
    rows: Vec<i32>,
    /// Per entry: which positions' rows are made (bit `slot`).
    made: Vec<u8>,
    key: Vec<u8>,
}

impl WordRows {
    /// This thread's rows for `parser`, taken out of [`WORD_ROWS`] for one sentence of `n`
    /// words (so that no entry goes while the sentence uses it); [`WordRows::put_back`]
    /// returns them.
    fn take(parser: &Parser, n: usize) -> WordRows {
        let mut w = WORD_ROWS
            .with(|all| {
                let mut all = all.borrow_mut();
                let at = all.iter().position(|w| w.parser == parser.id)?;
                Some(all.remove(at))
            })
            .unwrap_or_else(|| WordRows::new(parser));
        if w.made.len() + n + 2 > WORD_ROWS_MAX {
            w.index.clear();
            w.rows.clear();
            w.made.clear();
        }
        w
    }

    fn new(parser: &Parser) -> WordRows {
        WordRows {
            parser: parser.id,
            n_classes: parser.lin.n_classes(),
            index: FxHashMap::default(),
            rows: Vec::new(),
            made: Vec::new(),
            key: Vec::new(),
        }
    }

    /// Returns the rows to [`WORD_ROWS`], which keeps those of the [`WORD_ROWS_PARSERS`]
    /// parsers used last (training and evaluation make many parsers on one thread).
    fn put_back(self) {
        WORD_ROWS.with(|all| {
            let mut all = all.borrow_mut();
            all.push(self);
            if all.len() > WORD_ROWS_PARSERS {
                all.remove(0);
            }
        });
    }

    /// The entry of a token's word type, made (with no rows summed yet) if new.
    fn entry(&mut self, t: &Tok<'_>) -> usize {
        self.key.clear();
        for f in [&*t.w, t.upos, t.xpos, &*t.lemma, &*t.morph] {
            self.key.extend_from_slice(f.as_bytes());
            self.key.push(0xff);
        }
        if let Some(&e) = self.index.get(&self.key[..]) {
            return e as usize;
        }
        let e = self.made.len();
        self.index.insert(self.key[..].into(), e as u32);
        self.made.push(0);
        self.rows.resize(self.rows.len() + CORE * self.n_classes, 0);
        e
    }

    /// The summed unigram weights of entry `e` (the word type of token row `row`) in core
    /// position `slot`, summed when first asked.
    fn row(&mut self, p: &Prepared<'_>, lin: &Linear, e: usize, row: usize, slot: usize) -> &[i32] {
        let nc = self.n_classes;
        let from = (e * CORE + slot) * nc;
        let sum = &mut self.rows[from..from + nc];
        if self.made[e] & (1 << slot) == 0 {
            lin.add_scores(&p.uni_of(row, slot), sum);
            self.made[e] |= 1 << slot;
        }
        sum
    }
}

/// The summed unigram weights of the buffer's first three tokens (`b0 b1 b2`, with the buffer
/// front's tag features), which change only when SHIFT moves the buffer front.
struct BufferSums {
    /// The buffer front the row was summed for (0, which is never the front, when none).
    b: usize,
    row: Vec<i32>,
}

impl BufferSums {
    fn new(n_classes: usize) -> BufferSums {
        BufferSums {
            b: 0,
            row: vec![0; n_classes],
        }
    }

    /// The summed weights of the state's buffer positions.
    fn row(
        &mut self,
        p: &Prepared<'_>,
        lin: &Linear,
        st: &State,
        labh: &[[u32; KIDS]],
        sums: &mut TokenSums,
    ) -> &[i32] {
        if self.b != st.b {
            self.row.fill(0);
            for (k, slot) in (B0..CORE).enumerate() {
                let sum = sums.row(p, lin, st, labh, slot, st.b(k));
                for (o, v) in self.row.iter_mut().zip(sum) {
                    *o += v;
                }
            }
            self.b = st.b;
        }
        &self.row
    }
}

/// The summed class weights of the bias and the features of the stack's top three tokens
/// ([`Part::Stack`]), with the unigrams of `s0 s1 s2` and the word, tag and relation of their
/// fixed children ([`FIXED_KIDS`]), per stack depth. In arc-hybrid parsing every LEFT and RIGHT pops
/// `s0` and so returns the stack to a depth it had before with the same tokens, so about half
/// of a sentence's scored transitions find their stack features summed already. The entry of a
/// depth remembers its tokens (`s2 s1 s0`) and is summed again when they differ; the sums are
/// integers, so the scores are the same as looking every feature up per transition.
struct StackSums {
    n_classes: usize,
    /// Per depth: the tokens `s2 s1 s0` the row was summed for (`[0; 3]`, which no stack
    /// has, when none).
    keys: Vec<[usize; 3]>,
    rows: Vec<i32>,
    /// Per depth: the hash states of the first parts of [`Emit::g`]'s features for the
    /// stack's top, made with the row.
    prefixes: Vec<[Fnv; PREFIXES]>,
}

impl StackSums {
    fn new(max_depth: usize, n_classes: usize) -> StackSums {
        StackSums {
            n_classes,
            keys: vec![[0; 3]; max_depth + 1],
            // Grown to the deepest stack the parse reaches (`row`), which is far below the
            // sentence's length: zeroing a row for every possible depth cost more than summing.
            rows: Vec::new(),
            prefixes: Vec::new(),
        }
    }

    /// The prefix hash states of a stack depth (made by [`StackSums::row`] for the state's
    /// stack top).
    fn prefixes(&self, depth: usize) -> &[Fnv; PREFIXES] {
        &self.prefixes[depth]
    }

    /// The summed weights of the state's stack features, the unigrams of `s0 s1 s2` and their
    /// fixed children's features (`fv` is scratch space).
    fn row(
        &mut self,
        parser: &Parser,
        p: &Prepared<'_>,
        st: &State,
        fv: &mut Vec<u32>,
        sums: &mut TokenSums,
    ) -> &[i32] {
        let (lin, labh) = (&parser.lin, &parser.label_hashes);
        let d = st.stack.len();
        let key = [st.s(2), st.s(1), st.s(0)];
        if self.rows.len() < (d + 1) * self.n_classes {
            // A new depth's key is still `[0; 3]`, so its row is summed below before it is read.
            self.rows.resize((d + 1) * self.n_classes, 0);
            self.prefixes.resize(d + 1, [Fnv::new(0); PREFIXES]);
        }
        let row = &mut self.rows[d * self.n_classes..(d + 1) * self.n_classes];
        if self.keys[d] != key {
            feats_into(
                p,
                labh,
                st,
                &parser.labels,
                fv,
                Part::Stack(&mut self.prefixes[d]),
            );
            row.fill(0);
            lin.add_scores(fv, row);
            let kids = children(st);
            let fixed = FIXED_KIDS.map(|c| (CORE + c, kids[c]));
            for (slot, x) in key.into_iter().rev().enumerate().chain(fixed) {
                let sum = sums.row(p, lin, st, labh, slot, x);
                for (o, v) in row.iter_mut().zip(sum) {
                    *o += v;
                }
            }
            self.keys[d] = key;
        }
        row
    }
}

/// What parsing one sentence keeps from state to state: the per-token, per-stack-top and
/// buffer sums, and the feature list.
struct Scratch {
    sums: TokenSums,
    stack: StackSums,
    buffer: BufferSums,
    fv: Vec<u32>,
}

impl Scratch {
    /// For a sentence of `n` words.
    fn new(parser: &Parser, n: usize) -> Scratch {
        let n_classes = parser.lin.n_classes();
        Scratch {
            sums: TokenSums::new(n + 2, n_classes, WordRows::take(parser, n)),
            stack: StackSums::new(n + 1, n_classes),
            buffer: BufferSums::new(n_classes),
            fv: Vec::new(),
        }
    }
}

/// A fresh [`Parser::id`] per parser read or trained.
static NEXT_PARSER_ID: AtomicU64 = AtomicU64::new(0);

/// A trained parser for one language.
#[derive(Debug, Clone)]
pub struct Parser {
    /// A number of its own per parser read or trained, for [`WordRows`].
    id: u64,
    lang: String,
    labels: Vec<String>,
    lin: Linear,
    /// [`label_hashes`] of `labels`.
    label_hashes: Vec<[u32; KIDS]>,
}

fn best<T: Copy + PartialOrd>(scores: &[T], allowed: impl Fn(usize) -> bool) -> usize {
    let mut b = NONE;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && (b == NONE || s > scores[b]) {
            b = c;
        }
    }
    b
}

/// The first class with the highest score: [`best`] with every class allowed.
fn first_max(scores: &[i32]) -> usize {
    let mut b = 0;
    for (c, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[b] {
            b = c;
        }
    }
    b
}

fn gold_tree(sent: &Sentence, labels: &[String]) -> (Vec<usize>, Vec<usize>) {
    let mut heads = vec![0usize];
    let mut labs = vec![NONE];
    for r in sent.words() {
        heads.push(r.head.parse().unwrap_or(0));
        labs.push(labels.binary_search(&r.deprel).unwrap_or(0));
    }
    (heads, labs)
}

fn valid_tree(sent: &Sentence) -> bool {
    let n = sent.words().count();
    n > 0
        && sent
            .words()
            .all(|r| r.head.parse::<usize>().is_ok_and(|h| h <= n))
}

/// Trains a parser on sentences whose rows carry the tags the parser will see (predicted ones,
/// see [`jackknife`]) and the gold heads and relations. Returns the parser and what
/// projectivization did.
pub fn train(sents: &[Sentence], lang: &str, cfg: &ParserConfig) -> (Parser, ProjStats) {
    let usable: Vec<&Sentence> = sents.iter().filter(|s| valid_tree(s)).collect();
    let labels: Vec<String> = usable
        .iter()
        .flat_map(|s| s.words().map(|r| r.deprel.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut stats = ProjStats::default();
    let data: Vec<(Vec<Tok<'_>>, Vec<usize>, Vec<usize>)> = usable
        .iter()
        .map(|s| {
            let (mut heads, labs) = gold_tree(s, &labels);
            let lifted = projectivize(&mut heads);
            stats.sentences += 1;
            stats.nonprojective += usize::from(lifted > 0);
            stats.lifted += lifted;
            (toks_from_rows(s), heads, labs)
        })
        .collect();
    let n_classes = 1 + 2 * labels.len();
    // Feature counts along the gold (static-oracle) paths, for the frequency cut-off.
    let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
    let mut fv = Vec::new();
    let labh = label_hashes(&labels);
    if cfg.min_count > 1 {
        for (toks, gh, gl) in &data {
            let prep = Prepared::with_tables(toks);
            let mut st = State::new(toks.len() - 1);
            while !st.done() {
                feats_into(&prep, &labh, &st, &labels, &mut fv, Part::All);
                for &f in &fv {
                    *counts.entry(f).or_default() += 1;
                }
                let c = static_oracle(&st, gh, gl);
                st.apply(c);
            }
        }
    }
    let keep = |f: &u32| cfg.min_count <= 1 || counts.get(f).is_some_and(|&n| n >= cfg.min_count);
    let mut tr = Trainer::new(n_classes);
    let mut rng = SplitMix64::new(cfg.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut scores = Vec::new();
    let mut cost = vec![0usize; n_classes];
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &order {
            let (toks, gh, gl) = &data[i];
            let prep = Prepared::with_tables(toks);
            let mut st = State::new(toks.len() - 1);
            while !st.done() {
                feats_into(&prep, &labh, &st, &labels, &mut fv, Part::All);
                fv.retain(keep);
                tr.scores(&fv, &mut scores);
                let (cs, cl, cr) = st.costs(gh);
                let s0 = st.s(0);
                for (c, slot) in cost.iter_mut().enumerate() {
                    *slot = if !st.valid(c) {
                        usize::MAX
                    } else if c == SHIFT {
                        cs
                    } else {
                        let l = (c - 1) / 2;
                        let left = c % 2 == 1;
                        let arc_gold = if left {
                            gh[s0] == st.b
                        } else {
                            gh[s0] == st.s(1)
                        };
                        (if left { cl } else { cr }) + usize::from(arc_gold && gl[s0] != l)
                    };
                }
                let min = *cost.iter().min().expect("classes");
                let pred = best(&scores, |c| cost[c] != usize::MAX);
                let gold = best(&scores, |c| cost[c] == min);
                tr.update(&fv, gold, pred);
                total += 1;
                right += usize::from(cost[pred] == min);
                let follow_pred = cfg.explore && epoch > 0 && !rng.next_u64().is_multiple_of(10);
                st.apply(if follow_pred { pred } else { gold });
            }
        }
        if cfg.verbose {
            eprintln!(
                "  parser epoch {}: {:.2} % of transitions optimal",
                epoch + 1,
                100.0 * right as f64 / total.max(1) as f64
            );
        }
    }
    (
        Parser {
            id: NEXT_PARSER_ID.fetch_add(1, Ordering::Relaxed),
            lang: lang.to_string(),
            lin: tr.finish(),
            label_hashes: labh,
            labels,
        },
        stats,
    )
}

/// Replaces the tags of each sentence (LEMMA, UPOS, XPOS, FEATS) by a tagger's predictions,
/// the tagger for each of `folds` contiguous blocks being trained on the other blocks; HEAD and
/// DEPREL stay. With `folds < 2` the sentences come back unchanged.
pub fn jackknife(sents: &[Sentence], lang: &str, folds: usize, cfg: &TrainConfig) -> Vec<Sentence> {
    if folds < 2 {
        return sents.to_vec();
    }
    let n = sents.len();
    let mut out = Vec::with_capacity(n);
    for k in 0..folds {
        let (a, b) = (k * n / folds, (k + 1) * n / folds);
        let train: Vec<Sentence> = sents[..a].iter().chain(&sents[b..]).cloned().collect();
        let m = model::train(&train, lang, cfg);
        if cfg.verbose {
            eprintln!("  jackknife fold {}/{folds} tagged", k + 1);
        }
        for s in &sents[a..b] {
            out.push(retag(&m, s));
        }
    }
    out
}

/// A copy of a sentence with its tags (LEMMA, UPOS, XPOS, FEATS) predicted by a tagger.
pub fn retag(m: &model::Model, s: &Sentence) -> Sentence {
    let words: Vec<&str> = s.words().map(|r| r.form.as_str()).collect();
    let pred = m.analyze(&words);
    let mut s2 = s.clone();
    for (r, a) in s2.words_mut().zip(&pred) {
        fill_row(r, a);
    }
    s2
}

impl Parser {
    /// The shipped parser for a language (compiled into the binary from `data/models/`).
    pub fn load(lang: Lang) -> Result<Parser, Error> {
        let bytes: &[u8] = match lang {
            Lang::De => include_bytes!("../../../data/models/parser-de.bin"),
            Lang::En => include_bytes!("../../../data/models/parser-en.bin"),
        };
        Parser::from_bytes(bytes)
    }

    /// A parser from the bytes of a model file.
    pub fn from_bytes(buf: &[u8]) -> Result<Parser, Error> {
        let e = Error::Model;
        let mut r = Reader::new(buf);
        if r.bytes(8).map_err(e)? != MAGIC {
            return Err(Error::Model("not a tripel parser model".into()));
        }
        let lang = r.string().map_err(e)?;
        let n = r.varint().map_err(e)? as usize;
        let mut labels = Vec::with_capacity(n.min(1000));
        for _ in 0..n {
            labels.push(r.string().map_err(e)?);
        }
        let lin = Linear::decode(&mut r).map_err(e)?;
        if lin.n_classes() != 1 + 2 * labels.len() || !r.at_end() {
            return Err(Error::Model("parser model is inconsistent".into()));
        }
        Ok(Parser {
            id: NEXT_PARSER_ID.fetch_add(1, Ordering::Relaxed),
            lang,
            label_hashes: label_hashes(&labels),
            labels,
            lin,
        })
    }

    /// The model file: magic, language, relation labels, weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put_str(&mut out, &self.lang);
        put_varint(&mut out, self.labels.len() as u64);
        for l in &self.labels {
            put_str(&mut out, l);
        }
        self.lin.encode(&mut out);
        out
    }

    /// The language code of the training data.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The relation labels (`nsubj`, `obl:tmod`, …).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Number of hashed features with a weight.
    pub fn n_features(&self) -> usize {
        self.lin.n_features()
    }

    /// The class scores of a state: the stack's and the buffer's sums, the moving children's
    /// per-token sums and the other features looked up.
    fn score(&self, prep: &Prepared<'_>, st: &State, x: &mut Scratch, scores: &mut [i32]) {
        scores.copy_from_slice(x.stack.row(self, prep, st, &mut x.fv, &mut x.sums));
        let front = x
            .buffer
            .row(prep, &self.lin, st, &self.label_hashes, &mut x.sums);
        for (o, v) in scores.iter_mut().zip(front) {
            *o += v;
        }
        feats_into(
            prep,
            &self.label_hashes,
            st,
            &self.labels,
            &mut x.fv,
            Part::Rest(
                &self.lin,
                &mut x.sums,
                scores,
                x.stack.prefixes(st.stack.len()),
            ),
        );
        self.lin.add_scores(&x.fv, scores);
    }

    fn run(&self, toks: &[Tok<'_>]) -> Vec<(usize, String)> {
        let n = toks.len() - 1;
        let mut st = State::new(n);
        let mut scores = vec![0i32; self.lin.n_classes()];
        let prep = Prepared::new(toks);
        let mut scratch = Scratch::new(self, n);
        while !st.done() {
            // Which of SHIFT, LEFT and RIGHT may follow, asked once rather than per class.
            let ok = [st.can_shift(), st.can_left(), st.can_right()];
            if ok == [true, false, false] {
                // Only ROOT on the stack: SHIFT is the one valid transition, whatever the
                // scores (the first transition of every sentence, and each time left arcs
                // have emptied the stack), so they are not computed.
                st.apply(SHIFT);
                continue;
            }
            self.score(&prep, &st, &mut scratch, &mut scores);
            let c = if ok == [true; 3] {
                // Every class allowed (most transitions): the first highest score, as `best`
                // picks it, without asking each class.
                first_max(&scores)
            } else {
                best(&scores, |c| ok[if c == SHIFT { 0 } else { 2 - c % 2 }])
            };
            st.apply(c);
        }
        scratch.sums.words.put_back();
        (1..=n)
            .map(|i| (st.heads[i], self.labels[st.labels[i]].clone()))
            .collect()
    }

    /// Parses one sentence of syntactic words with their analyses (from [`Analyzer::analyze`]):
    /// for each word, its head (0 = root, else the 1-based position of the head word) and its
    /// relation. The result is always a tree with exactly one word attached to the root.
    pub fn parse(&self, words: &[&str], analyses: &[TokenAnalysis]) -> Vec<(usize, String)> {
        if words.is_empty() {
            return Vec::new();
        }
        self.run(&toks_from_analyses(words, analyses))
    }

    /// Parses a CoNLL-U sentence from the tags in its rows and writes HEAD and DEPREL into its
    /// syntactic-word rows (multiword-token and empty-node rows are left alone).
    pub fn parse_sentence(&self, sent: &mut Sentence) {
        if sent.words().next().is_none() {
            return;
        }
        let out = self.run(&toks_from_rows(sent));
        for (r, (head, rel)) in sent.words_mut().zip(out) {
            r.head = head.to_string();
            r.deprel = rel;
        }
    }

    /// Scores the parser on sentences, parsing from the tags in their rows (retag them first
    /// with [`retag`] to score with predicted tags) against their gold HEAD and DEPREL.
    pub fn evaluate(&self, sents: &[Sentence]) -> ParseScores {
        let mut sc = ParseScores::default();
        for s in sents.iter().filter(|s| valid_tree(s)) {
            let out = self.run(&toks_from_rows(s));
            for (g, (head, rel)) in s.words().zip(&out) {
                sc.tokens += 1;
                let uh = g.head == head.to_string();
                sc.uas += usize::from(uh);
                sc.las += usize::from(uh && g.deprel == *rel);
            }
        }
        sc
    }

    /// Tags the words of gold sentences with `tagger`, parses them, and scores HEAD and DEPREL.
    pub fn evaluate_with_tagger(&self, tagger: &Analyzer, sents: &[Sentence]) -> ParseScores {
        let retagged: Vec<Sentence> = sents.iter().map(|s| retag(tagger.model(), s)).collect();
        self.evaluate(&retagged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summed_scores_are_the_features_scores() {
        // Parsing adds per-token and per-stack-top sums instead of looking every feature up;
        // at every state of these parses (German and English, the shipped models) the scores
        // must be those of all features of `Part::All` looked up one by one.
        let cases = [
            (
                Lang::De,
                "Der Konzern , zu dem die Fluglinie Nordwind gehört , will in Kiel 300 Stellen streichen , sagte der Chef am Montag in Berlin .",
            ),
            (
                Lang::De,
                "Die Deutsche Bank übernimmt die Postbank , die seit 2008 zum Konzern gehört .",
            ),
            (
                Lang::En,
                "John Miller , who heads Bluefield Corp. , said on Monday that the company will buy a plant in Ohio .",
            ),
        ];
        let mut states = 0;
        // Twice, so that the second time the word types' rows are the thread's from the
        // first ([`WordRows`]).
        let parsers = [
            Parser::load(Lang::De).unwrap(),
            Parser::load(Lang::En).unwrap(),
        ];
        for (lang, text) in cases.iter().chain(&cases) {
            let (lang, text) = (*lang, *text);
            let parser = &parsers[usize::from(lang == Lang::En)];
            let words: Vec<&str> = text.split(' ').collect();
            let analyses = Analyzer::load(lang).unwrap().analyze(&words);
            let toks = toks_from_analyses(&words, &analyses);
            let n = toks.len() - 1;
            let prep = Prepared::new(&toks);
            let mut scratch = Scratch::new(parser, n);
            let mut all = Vec::new();
            let mut scores = vec![0i32; parser.lin.n_classes()];
            let mut want = vec![0i32; parser.lin.n_classes()];
            let table = Prepared::with_tables(&toks);
            let mut st = State::new(n);
            while !st.done() {
                parser.score(&prep, &st, &mut scratch, &mut scores);
                feats_into(
                    &table,
                    &parser.label_hashes,
                    &st,
                    &parser.labels,
                    &mut all,
                    Part::All,
                );
                want.fill(0);
                parser.lin.add_scores(&all, &mut want);
                assert_eq!(scores, want, "{text}: state {states}");
                states += 1;
                let c = best(&scores, |c| st.valid(c));
                st.apply(c);
            }
            scratch.sums.words.put_back();
        }
        assert!(states > 200);
    }

    #[test]
    fn first_max_is_best_with_every_class_allowed() {
        for scores in [
            vec![3, 1, 3, 2],
            vec![-5, -2, -2, -7],
            vec![0],
            vec![1, 2, 3, 3, 2],
            vec![i32::MIN, i32::MIN],
        ] {
            assert_eq!(first_max(&scores), best(&scores, |_| true), "{scores:?}");
        }
    }

    #[test]
    fn lifting_makes_trees_projective() {
        // 1 <- 3 is crossed by 2 -> 4 (2 attached to root at 4? invented).
        // heads: 1->3, 2->4, 3->0, 4->3
        let mut heads = vec![0, 3, 4, 0, 3];
        let lifts = projectivize(&mut heads);
        assert!(lifts >= 1);
        assert_eq!(projectivize(&mut heads), 0);
        let mut proj = vec![0, 2, 0, 2];
        assert_eq!(projectivize(&mut proj), 0);
        assert_eq!(proj, vec![0, 2, 0, 2]);
    }

    #[test]
    fn static_oracle_path_rebuilds_projective_trees() {
        // Following zero-cost transitions from the start rebuilds the gold tree.
        let gh = vec![0, 2, 6, 4, 2, 2, 0, 6];
        let n = gh.len() - 1;
        let mut st = State::new(n);
        while !st.done() {
            let (cs, cl, cr) = st.costs(&gh);
            let c = if st.can_left() && cl == 0 && gh[st.s(0)] == st.b {
                1
            } else if st.can_right() && cr == 0 && gh[st.s(0)] == st.s(1) {
                2
            } else if st.can_shift() && cs == 0 {
                SHIFT
            } else if st.can_right() && cr == 0 {
                2
            } else {
                1
            };
            assert!(st.valid(c));
            st.apply(c);
        }
        assert_eq!(&st.heads[1..], &gh[1..]);
    }
}
