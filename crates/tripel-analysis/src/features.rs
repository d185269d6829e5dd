//! Feature extraction: the per-token features every head shares (word, affixes, shape,
//! context, lexicon membership) and the word lists they read.

use crate::perceptron::{feature_hash as h, Fnv};
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

/// The project's word lists (`data/lexicon/`), compiled in. A word being in a list is a
/// feature; the lists themselves are not part of the model files.
#[derive(Debug)]
pub struct Lexicons {
    nouns: FxHashSet<&'static str>,
    first_names: FxHashSet<&'static str>,
    en_words: FxHashSet<&'static str>,
    places: FxHashSet<&'static str>,
    place_starts: FxHashSet<&'static str>,
    entities: FxHashSet<&'static str>,
    entity_starts: FxHashSet<&'static str>,
    /// The German verb list (`verbs.de.tsv`).
    de_verbs: VerbList,
    /// The English verb list (`verbs.en.tsv`).
    en_verbs: VerbList,
}

/// A verb list (`lemma<TAB>forms`): form → lemma (`None` for a form of two lemmas), and the
/// set of its lemmas. One per language; the tagger learns lemmas as edit scripts from a small
/// treebank, which strong, separable and irregular verbs it has not seen defeat, and the list
/// knows their forms.
#[derive(Debug)]
struct VerbList {
    forms: FxHashMap<&'static str, Option<&'static str>>,
    lemmas: FxHashSet<&'static str>,
}

impl VerbList {
    fn parse(text: &'static str) -> Self {
        let (mut forms, mut lemmas) = (FxHashMap::default(), FxHashSet::default());
        for l in data_lines(text) {
            let Some((lemma, list)) = l.split_once('\t') else {
                continue;
            };
            lemmas.insert(lemma);
            for f in list.split(' ') {
                forms
                    .entry(f)
                    .and_modify(|e: &mut Option<&str>| {
                        if *e != Some(lemma) {
                            *e = None;
                        }
                    })
                    .or_insert(Some(lemma));
            }
        }
        VerbList { forms, lemmas }
    }

    /// The list's lemma of `form` where `predicted` is no lemma of the list and the form, in
    /// lower case, belongs to exactly one lemma.
    fn lemma(&self, form: &str, predicted: &str) -> Option<&'static str> {
        if self.lemmas.contains(predicted) {
            return None;
        }
        self.forms
            .get(crate::lemma::lower(form).as_ref())
            .copied()
            .flatten()
    }

    /// The lower-case forms that belong to exactly one lemma, with that lemma.
    fn form_lemmas(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.forms.iter().filter_map(|(f, l)| l.map(|l| (*f, l)))
    }
}

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn add_name(
    name: &'static str,
    whole: &mut FxHashSet<&'static str>,
    starts: &mut FxHashSet<&'static str>,
) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    match name.split_once(' ') {
        None => {
            whole.insert(name);
        }
        Some((first, _)) => {
            starts.insert(first);
        }
    }
}

impl Lexicons {
    /// The lists, parsed once per process.
    pub fn get() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(Lexicons::load)
    }

    fn load() -> Lexicons {
        let nouns = data_lines(include_str!("../../../data/lexicon/nouns.de.txt")).collect();
        let first_names = data_lines(include_str!("../../../data/lexicon/first_names.tsv"))
            .filter_map(|l| l.split('\t').next())
            .collect();
        let en_words = data_lines(include_str!("../../../data/lexicon/words.en.txt")).collect();
        let (mut places, mut place_starts) = (FxHashSet::default(), FxHashSet::default());
        for l in data_lines(include_str!("../../../data/lexicon/places.tsv")) {
            let f: Vec<&'static str> = l.split('\t').collect();
            for i in [0, 2, 5] {
                if let Some(n) = f.get(i) {
                    add_name(n, &mut places, &mut place_starts);
                }
            }
        }
        let (mut entities, mut entity_starts) = (FxHashSet::default(), FxHashSet::default());
        for l in data_lines(include_str!("../../../data/lexicon/entities.tsv")) {
            let f: Vec<&'static str> = l.split('\t').collect();
            if let Some(n) = f.first() {
                add_name(n, &mut entities, &mut entity_starts);
            }
            if let Some(aliases) = f.get(2) {
                for a in aliases.split('|') {
                    add_name(a, &mut entities, &mut entity_starts);
                }
            }
        }
        let de_verbs = VerbList::parse(include_str!("../../../data/lexicon/verbs.de.tsv"));
        let en_verbs = VerbList::parse(include_str!("../../../data/lexicon/verbs.en.tsv"));
        Lexicons {
            nouns,
            first_names,
            en_words,
            places,
            place_starts,
            entities,
            entity_starts,
            de_verbs,
            en_verbs,
        }
    }

    /// The lemma the English verb list (`verbs.en.tsv`) gives a verb form that the tagger
    /// lemmatised as `predicted`, as [`Lexicons::verb_lemma`] does for German: only where
    /// `predicted` is no lemma of the list ("spun", "unveiled", "sh" for "shed") and the form,
    /// in lower case, belongs to exactly one lemma. The tagger's edit scripts, learned from UD
    /// English-EWT, leave a form they never saw as it is; irregular forms are data, not rules.
    pub fn verb_lemma_en(&self, form: &str, predicted: &str) -> Option<&'static str> {
        self.en_verbs.lemma(form, predicted)
    }

    /// The lemma of an English verb form in the list (`verbs.en.tsv`), whatever the tagger
    /// said; `None` for a form not listed or of two lemmas.
    pub fn en_verb_form_lemma(&self, form: &str) -> Option<&'static str> {
        self.en_verbs.lemma(form, "")
    }

    /// The lower-case forms of the English verb list that [`Lexicons::verb_lemma_en`] can give
    /// a lemma, with that lemma.
    pub fn en_verb_form_lemmas(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.en_verbs.form_lemmas()
    }

    /// The lemma the German verb list (`verbs.de.tsv`) gives a verb form that the tagger
    /// lemmatised as `predicted`: only where `predicted` is no lemma of the list ("erwirbt" →
    /// "erwirben") and the form, in lower case, belongs to exactly one lemma ("erwerben"). The
    /// tagger learns lemmas as edit scripts from a small treebank, which strong and separable
    /// verbs it has not seen defeat; the list knows their forms.
    pub fn verb_lemma(&self, form: &str, predicted: &str) -> Option<&'static str> {
        self.de_verbs.lemma(form, predicted)
    }

    /// The lower-case forms of the German verb list that [`Lexicons::verb_lemma`] can give a
    /// lemma, with that lemma.
    pub fn verb_form_lemmas(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.de_verbs.form_lemmas()
    }

    /// The forms and lemmas of the German verb list: the words [`Lexicons::is_verb_form`]
    /// knows.
    pub fn verb_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        (self.de_verbs.forms.keys())
            .chain(self.de_verbs.lemmas.iter())
            .copied()
    }

    /// Whether a lower-case word is a form or lemma of the German verb list (`verbs.de.tsv`).
    pub fn is_verb_form(&self, lower: &str) -> bool {
        self.de_verbs.forms.contains_key(lower) || self.de_verbs.lemmas.contains(lower)
    }

    /// Whether a word form is in the German noun list (`nouns.de.txt`, case-sensitive).
    pub fn is_noun(&self, word: &str) -> bool {
        self.nouns.contains(word)
    }

    /// The list flags of one word: N noun form, F first name, W English word, P place,
    /// p first word of a multi-word place, E entity, e first word of a multi-word entity.
    /// A fixed array, not a `Vec`: every token of every sentence asks for them.
    pub fn flags(&self, word: &str, lower: &str) -> Flags {
        let mut v = Flags::default();
        let tests = [
            (self.nouns.contains(word), "N"),
            (self.first_names.contains(word), "F"),
            (self.en_words.contains(lower), "W"),
            (self.places.contains(word), "P"),
            (self.place_starts.contains(word), "p"),
            (self.entities.contains(word), "E"),
            (self.entity_starts.contains(word), "e"),
        ];
        for (on, f) in tests {
            if on {
                v.list[v.len] = f;
                v.len += 1;
            }
        }
        v
    }
}

/// The word-list flags of one word, in the order [`Lexicons::flags`] tests them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    list: [&'static str; 7],
    len: usize,
}

impl Flags {
    /// The flags set.
    pub fn as_slice(&self) -> &[&'static str] {
        &self.list[..self.len]
    }
}

/// The compressed shape of a word: `Xx`, `Xx-Xx`, `d.d`, `XXd`.
pub fn shape(w: &str) -> String {
    let mut s = String::new();
    shape_chars(w, |k| s.push(k));
    s
}

/// [`shape`] of `w` appended to `out`.
pub fn shape_into(w: &str, out: &mut String) {
    shape_chars(w, |k| out.push(k));
}

/// The characters of [`shape`], one call each, without building the string.
fn shape_chars(w: &str, mut push: impl FnMut(char)) {
    let mut last = None;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(k) {
            push(k);
            last = Some(k);
        }
    }
}

/// `h.text(&shape(w))`: the shape added to a feature hash without building the string.
pub fn hash_shape(h: Fnv, w: &str) -> Fnv {
    let mut h = h;
    let mut buf = [0u8; 4];
    shape_chars(w, |k| h = h.text(k.encode_utf8(&mut buf)));
    h
}

/// The first `n` characters (all of `s` if shorter).
pub fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The last `n` characters (all of `s` if shorter).
pub fn suffix(s: &str, n: usize) -> &str {
    let len = s.chars().count();
    if len <= n {
        return s;
    }
    match s.char_indices().nth(len - n) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// Per-sentence shared data: lower-cased words.
#[derive(Debug)]
pub struct SentenceCtx<'a> {
    /// The words as given.
    pub words: &'a [&'a str],
    /// Their lower-cased forms, borrowed from a word that is its own lower case
    /// (`lemma::lower`: ASCII without a capital, most words of a sentence), so that
    /// only the others are copied.
    pub lower: Vec<Cow<'a, str>>,
}

impl<'a> SentenceCtx<'a> {
    /// Prepares a sentence.
    pub fn new(words: &'a [&'a str]) -> Self {
        SentenceCtx {
            words,
            lower: words.iter().map(|w| crate::lemma::lower(w)).collect(),
        }
    }

    fn low(&self, i: isize) -> &str {
        if i < 0 {
            "<s>"
        } else if i as usize >= self.words.len() {
            "</s>"
        } else {
            &self.lower[i as usize]
        }
    }

    /// The static features of word `i`, shared by the tagging heads.
    pub fn static_features(&self, i: usize, lex: Option<&Lexicons>, out: &mut Vec<u32>) {
        out.clear();
        self.static_part(i, lex, Part::All, None, None, out);
    }

    /// The static features of word `i` that depend on more than the word itself (its position
    /// and neighbours): [`SentenceCtx::static_features`] without [`word_features`], in order.
    pub fn context_features(&self, i: usize, lex: Option<&Lexicons>, out: &mut Vec<u32>) {
        self.static_part(i, lex, Part::Context, None, None, out);
    }

    /// [`SentenceCtx::context_features`] with word `i`'s list flags already at hand (a caller
    /// that remembers them per word: [`Lexicons::flags`] asks seven word lists).
    pub fn context_features_with(
        &self,
        i: usize,
        lex: &Lexicons,
        flags: Flags,
        out: &mut Vec<u32>,
    ) {
        self.static_part(i, Some(lex), Part::Context, Some(flags), None, out);
    }

    /// [`SentenceCtx::context_features_with`] without the features of the neighbours' words
    /// (the lower case of the words one and two before and after, and the suffixes of the
    /// next and previous one): a caller that sums those per word type adds them with
    /// [`neighbour_features`]. The sentence-boundary placeholders (`<s>`, `</s>`) stay here.
    pub fn position_features_with(
        &self,
        i: usize,
        lex: &Lexicons,
        flags: Flags,
        out: &mut Vec<u32>,
    ) {
        self.static_part(i, Some(lex), Part::Position, Some(flags), None, out);
    }

    /// [`SentenceCtx::position_features_with`] with also whether the next word is in the noun
    /// list ([`Lexicons::is_noun`]) at hand, for a caller that remembers it per word (the
    /// name model: one hash lookup per token less).
    pub fn position_features_known(
        &self,
        i: usize,
        lex: &Lexicons,
        flags: Flags,
        next_noun: bool,
        out: &mut Vec<u32>,
    ) {
        self.static_part(
            i,
            Some(lex),
            Part::Position,
            Some(flags),
            Some(next_noun),
            out,
        );
    }

    /// [`SentenceCtx::context_features`] without [`neighbour_features`] (as
    /// [`SentenceCtx::position_features_with`], the list flags looked up here).
    pub fn position_features(&self, i: usize, lex: Option<&Lexicons>, out: &mut Vec<u32>) {
        self.static_part(i, lex, Part::Position, None, None, out);
    }

    /// Appends the static features of word `i` of one part, in their order.
    fn static_part(
        &self,
        i: usize,
        lex: Option<&Lexicons>,
        part: Part,
        flags: Option<Flags>,
        next_noun: Option<bool>,
        out: &mut Vec<u32>,
    ) {
        let w = self.words[i];
        let lw = &self.lower[i];
        let ii = i as isize;
        if part == Part::All {
            word_base(w, lw, out);
        }
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let pos = if i == 0 {
            "first"
        } else if i + 1 == self.words.len() {
            "last"
        } else {
            "mid"
        };
        let capf = match (cap, i == 0) {
            (true, true) => "C0",
            (true, false) => "C",
            (false, true) => "c0",
            (false, false) => "c",
        };
        out.push(h(6, &[capf]));
        out.push(h(7, &[pos]));
        // Part::Position leaves out what a neighbour inside the sentence contributes.
        let n = self.words.len() as isize;
        let outside = |j: isize| part != Part::Position || j < 0 || j >= n;
        if outside(ii - 1) {
            out.push(h(8, &[self.low(ii - 1)]));
        }
        if outside(ii - 2) {
            out.push(h(9, &[self.low(ii - 2)]));
        }
        if outside(ii + 1) {
            out.push(h(10, &[self.low(ii + 1)]));
        }
        if outside(ii + 2) {
            out.push(h(11, &[self.low(ii + 2)]));
        }
        if outside(ii - 1) {
            out.push(h(12, &[suffix(self.low(ii - 1), 3)]));
        }
        if outside(ii + 1) {
            out.push(h(13, &[suffix(self.low(ii + 1), 3)]));
        }
        out.push(h(14, &[self.low(ii - 1), lw]));
        out.push(h(15, &[lw, self.low(ii + 1)]));
        out.push(h(16, &[suffix(lw, 3), capf]));
        if let Some(lex) = lex {
            let flags = flags.unwrap_or_else(|| lex.flags(w, lw));
            // The flags joined into one part, hashed without building the string.
            let mut all = Fnv::new(19);
            for f in flags.as_slice() {
                if part == Part::All {
                    out.push(h(17, &[f]));
                }
                out.push(h(18, &[f, capf]));
                all = all.text(f);
            }
            out.push(all.end().part(capf).finish());
            // Capitalised at the sentence start: is the word a noun written in lower case?
            if i + 1 < self.words.len()
                && next_noun.unwrap_or_else(|| lex.nouns.contains(self.words[i + 1]))
            {
                out.push(h(20, &["nextN"]));
            }
        }
    }
}

/// Which static features [`SentenceCtx::static_part`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    All,
    Context,
    /// [`Part::Context`] without [`neighbour_features`].
    Position,
}

/// The context features a token takes from the word `d` places away (`d` in -2, -1, 1, 2;
/// `lower`: that word's lower case), which [`SentenceCtx::position_features_with`] leaves
/// out: they depend on the neighbour's word and the offset alone.
pub fn neighbour_features(lower: &str, d: isize, out: &mut Vec<u32>) {
    match d {
        -1 => {
            out.push(h(8, &[lower]));
            out.push(h(12, &[suffix(lower, 3)]));
        }
        -2 => out.push(h(9, &[lower])),
        1 => {
            out.push(h(10, &[lower]));
            out.push(h(13, &[suffix(lower, 3)]));
        }
        2 => out.push(h(11, &[lower])),
        _ => {}
    }
}

/// The static features of a word that depend on the word alone (`lower`: its lower case):
/// [`SentenceCtx::static_features`] without [`SentenceCtx::context_features`]. A model can
/// score them once per word type instead of once per token.
pub fn word_features(word: &str, lower: &str, lex: Option<&Lexicons>, out: &mut Vec<u32>) {
    word_base(word, lower, out);
    if let Some(lex) = lex {
        for f in lex.flags(word, lower).as_slice() {
            out.push(h(17, &[f]));
        }
    }
}

/// The word's own features that come first: bias, form, lower case, affixes, shape.
fn word_base(w: &str, lw: &str, out: &mut Vec<u32>) {
    out.push(h(0, &[]));
    out.push(h(1, &[w]));
    out.push(h(2, &[lw]));
    for k in 1..=5 {
        let p = prefix(lw, k);
        let s = suffix(w, k);
        out.push(h(3, &[p]));
        out.push(h(4, &[s]));
        if p.len() == lw.len() {
            break;
        }
    }
    out.push(hash_shape(Fnv::new(5), w).end().finish());
}

/// Features of the lemma head for word `i`, given the predicted tags.
pub fn lemma_features(
    word: &str,
    lower: &str,
    upos: &str,
    xpos: &str,
    feats: &str,
    out: &mut Vec<u32>,
) {
    out.clear();
    out.push(h(60, &[]));
    out.push(h(61, &[lower]));
    out.push(h(62, &[upos]));
    out.push(h(63, &[xpos]));
    out.push(h(64, &[xpos, feats]));
    let cap = word.chars().next().is_some_and(char::is_uppercase);
    out.push(h(65, &[upos, if cap { "C" } else { "c" }]));
    out.push(h(66, &[lower, upos]));
    for k in 1..=6 {
        let s = suffix(lower, k);
        out.push(h(67, &[s]));
        out.push(h(68, &[s, upos]));
        if k <= 4 {
            out.push(h(69, &[s, xpos]));
        }
        if s.len() == lower.len() {
            break;
        }
    }
    for k in 1..=4 {
        let p = prefix(lower, k);
        out.push(h(70, &[p]));
        out.push(h(71, &[p, upos]));
        if p.len() == lower.len() {
            break;
        }
    }
    out.push(hash_shape(Fnv::new(72), word).end().finish());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_context_features_are_the_static_features() {
        // A model may score a word's own features once per word type; together with the
        // context features they must be exactly the static features (as a multiset: scores
        // are sums).
        let lex = Lexicons::get();
        let words = [
            "Berlin",
            "Die",
            "Siemens-Chefin",
            "sagte",
            ",",
            "dass",
            "München",
            "3,5",
            "ÖPNV",
        ];
        let ctx = SentenceCtx::new(&words);
        for l in [None, Some(lex)] {
            for (i, w) in words.iter().enumerate() {
                let mut all = Vec::new();
                ctx.static_features(i, l, &mut all);
                let mut parts = Vec::new();
                word_features(w, &ctx.lower[i], l, &mut parts);
                ctx.context_features(i, l, &mut parts);
                all.sort_unstable();
                parts.sort_unstable();
                assert_eq!(all, parts, "{w}");
            }
        }
    }

    #[test]
    fn position_and_neighbour_features_are_the_context_features() {
        // The name model sums what a word gives its neighbours once per word type; with the
        // position features they must be exactly the context features (as a multiset).
        let lex = Lexicons::get();
        for words in [
            &[
                "Berlin",
                "Die",
                "Siemens-Chefin",
                "sagte",
                ",",
                "dass",
                "München",
            ][..],
            &["ÖPNV"][..],
            &["3,5", "Mrd"][..],
            &["Er", "kam", "."][..],
        ] {
            let ctx = SentenceCtx::new(words);
            for (i, w) in words.iter().enumerate() {
                let flags = lex.flags(w, &ctx.lower[i]);
                let mut all = Vec::new();
                ctx.context_features_with(i, lex, flags, &mut all);
                let mut parts = Vec::new();
                ctx.position_features_with(i, lex, flags, &mut parts);
                for d in [-2isize, -1, 1, 2] {
                    let j = i as isize + d;
                    if j >= 0 && (j as usize) < words.len() {
                        neighbour_features(&ctx.lower[j as usize], d, &mut parts);
                    }
                }
                all.sort_unstable();
                parts.sort_unstable();
                assert_eq!(all, parts, "{w}");
            }
        }
    }
}
