//! A test before tagging: can any word of a sentence get the lemma of a verb or noun frame?
//!
//! The pipeline tags a sentence and then parses it only if some word's lemma is a frame's
//! (`Frames::has_verb`, `NounFrames::has_noun`) or an open relation is possible. Most sentences
//! that are tagged and not parsed have no open relation to look for, and tagging costs about
//! 258 K instructions a sentence (docs/evaluation.md, "Session 17: speed, sixteenth round").
//! A lemma can only come from the lemma head's edit scripts (`lemma::apply`; the word itself
//! when none fits), from the German and English verb lists (`Analyzer::analyze`, `syntax::mistagged_de`
//! and its participle repairs), or, for a relative clause's final participle, from an
//! unstressed prefix put before such a lemma (`relative_final_participle`). This module
//! inverts all of them once per language over the frames' keys, as the loaded frames hold them,
//! into the word forms (and word endings, for the compound heads) that could get such a lemma.
//! A sentence with none of these words would not be parsed, whatever the tagger said, so it is
//! not tagged either: the output stays the same byte for byte.
//!
//! Everything is compared in a folded lower case (`fold`: lower case, "ß" as "ss"). Each match
//! of the frames is one of its folded lemma, so the sets are supersets of what can match: a
//! word they keep may still not be parsed, one they drop never is. Words with letters other
//! than ASCII and "äöüß" that have a case are always kept, as lower-casing and the scripts'
//! title and kept casing may not round-trip for them.

use crate::lexicon::Lexicon;
use crate::model::Lang;
use crate::relations::frames::Frames;
use crate::relations::nouns::NounFrames;
use crate::text::LowerCase;
use rustc_hash::{FxHashMap, FxHashSet};

/// The word forms and endings that can get a frame's lemma, in folded lower case.
#[derive(Debug, Default)]
pub struct TagGate {
    /// Whole words.
    words: FxHashSet<String>,
    /// Word endings: a word ending in one of these (or being one) is kept.
    endings: FxHashSet<String>,
    /// Whether the empty ending is among them (every word is kept).
    all: bool,
    /// The length in bytes of the longest ending: a word's longer endings are not looked up.
    longest_ending: usize,
}

/// Lower case with "ß" as "ss" (as `NounFrames` folds its nouns); a word without "ß" is not
/// copied a second time.
fn fold(s: &str) -> String {
    let lower = s.lower_case();
    if lower.contains('ß') {
        lower.replace('ß', "ss")
    } else {
        lower
    }
}

/// A character that lower-casing and the scripts' casing treat alike in both directions: ASCII,
/// "äöüß", and any character without case (quotation marks, dashes, "…": a quarter of the
/// sentences kept for nothing on SmartData dev had only such words when they counted as not).
fn plain(c: char) -> bool {
    c.is_ascii()
        || matches!(c, 'ä' | 'ö' | 'ü' | 'ß')
        || (c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]))
}

/// Every cut of `s` into a first part of at least `skip` characters and the rest (perhaps
/// empty): `("", "ab")`, `("a", "b")`, `("ab", "")` for `skip` 0.
fn cuts(s: &str, skip: usize) -> impl Iterator<Item = (&str, &str)> {
    s.char_indices()
        .map(|(j, _)| j)
        .chain([s.len()])
        .skip(skip)
        .map(move |j| s.split_at(j))
}

impl TagGate {
    /// The sets for one language's frames and lemmatizer.
    pub fn new(
        lang: Lang,
        frames: Option<&Frames>,
        nouns: Option<&NounFrames>,
        lex: &Lexicon,
    ) -> TagGate {
        // Lemmas (folded) that a frame matches whole, and lemma endings it matches.
        let mut whole: FxHashSet<String> = FxHashSet::default();
        let mut ends: FxHashSet<String> = FxHashSet::default();
        if let Some(f) = frames {
            whole.extend(f.verb_keys().map(fold));
        }
        if let Some(n) = nouns {
            let (exact, heads, feminine, endings) = n.match_parts();
            let mut w: FxHashSet<String> = exact.iter().map(|k| fold(k)).collect();
            let mut e: FxHashSet<String> = heads.iter().map(|h| fold(h)).collect();
            // `matching`: a feminine ending after the noun, or after the noun without its "e";
            // then (`matching_uninflected`) an inflection ending after any of these.
            for set in [&mut w, &mut e] {
                let mut more = Vec::new();
                for fem in feminine.iter().map(|f| fold(f)) {
                    for k in set.iter() {
                        more.push(format!("{k}{fem}"));
                        if let Some(st) = k.strip_suffix('e') {
                            more.push(format!("{st}{fem}"));
                        }
                    }
                }
                set.extend(more);
                let inflected: Vec<String> = endings
                    .iter()
                    .map(|end| fold(end))
                    .flat_map(|end| set.iter().map(move |k| format!("{k}{end}")))
                    .collect();
                set.extend(inflected);
            }
            whole.extend(w);
            ends.extend(e);
        }
        // `relative_final_participle`: an unstressed prefix of the form put before the lemma
        // the tagger gave, where the whole is a form or lemma of the verb list.
        // The whole must be a word of the verb list (`is_verb_form`), compared folded.
        let verbs = tripel_analysis::features::Lexicons::get();
        let verb_words: FxHashSet<String> = verbs.verb_words().map(fold).collect();
        let mut rests = Vec::new();
        for p in lex.verb_prefixes.of(lang) {
            let p = fold(p);
            for k in &whole {
                if let Some(rest) = k.strip_prefix(p.as_str()) {
                    if verb_words.contains(k) {
                        rests.push(rest.to_owned());
                    }
                }
            }
            for t in &ends {
                // The prefix itself ends in the first part of the ending.
                for (first, rest) in cuts(t, 1) {
                    if p.ends_with(first) && verb_words.contains(&format!("{p}{rest}")) {
                        rests.push(rest.to_owned());
                    }
                }
            }
        }
        whole.extend(rests);

        let lemma_fits = |l: &str| {
            let l = fold(l);
            whole.contains(&l) || l.char_indices().any(|(j, _)| ends.contains(&l[j..]))
        };
        let mut gate = TagGate::default();
        // The word itself, when no script fits (or the model has no lemma head).
        gate.words.extend(whole.iter().cloned());
        gate.endings.extend(ends.iter().cloned());
        // The verb list's lemmas.
        if lang == Lang::De {
            for (form, lemma) in verbs.verb_form_lemmas() {
                if lemma_fits(lemma) {
                    gate.words.insert(fold(form));
                }
            }
        } else {
            for (form, lemma) in verbs.en_verb_form_lemmas() {
                if lemma_fits(lemma) {
                    gate.words.insert(fold(form));
                }
            }
        }
        // The edit scripts by their added prefix (most add none): a whole lemma is looked up
        // by each of its beginnings rather than tried against every script.
        // Then by their added suffix.
        type BySuffix = FxHashMap<String, Vec<(String, String)>>;
        let mut by_prefix: FxHashMap<String, BySuffix> = FxHashMap::default();
        for script in crate::text::syntax::lemma_labels(lang) {
            if let Some(lit) = script.strip_prefix('=') {
                // A literal pair: the form, in lower case, and its lemma.
                // A lemma with other letters is kept whatever it is.
                if let Some((f, l)) = lit.split_once('\t') {
                    if !l.chars().all(plain) || lemma_fits(l) {
                        gate.words.insert(fold(f));
                    }
                }
                continue;
            }
            let parts: Vec<&str> = script.split('|').collect();
            let [_, sp, ap, ss, as_, ..] = parts[..] else {
                // `lemma::apply` gives no lemma for it: the word stands, as above.
                continue;
            };
            let (sp, ap, ss, as_) = (fold(sp), fold(ap), fold(ss), fold(as_));
            if !ap.chars().all(plain) || !as_.chars().all(plain) {
                // Any word the script fits might get a frame's lemma.
                gate.endings.insert(ss);
                continue;
            }
            by_prefix
                .entry(ap.clone())
                .or_default()
                .entry(as_.clone())
                .or_default()
                .push((sp.clone(), ss.clone()));
            // A lemma ending.
            for t in &ends {
                if as_.ends_with(t.as_str()) {
                    // The added suffix ends in it: every word the script fits.
                    gate.endings.insert(ss.clone());
                    continue;
                }
                let Some(t) = t.strip_suffix(as_.as_str()) else {
                    continue;
                };
                // The form's middle ends in the rest, or is a part of it the added prefix
                // completes.
                gate.endings.insert(format!("{t}{ss}"));
                for (first, rest) in cuts(t, 1) {
                    if ap.ends_with(first) {
                        gate.words.insert(format!("{sp}{rest}{ss}"));
                    }
                }
            }
        }
        // A whole lemma: its middle is the form's, between the script's stripped parts.
        for k in &whole {
            for (added, rest) in cuts(k, 0) {
                let Some(scripts) = by_prefix.get(added) else {
                    continue;
                };
                // The added suffix: an ending of the rest (perhaps empty).
                for (middle, suffix) in cuts(rest, 0) {
                    for (sp, ss) in scripts.get(suffix).into_iter().flatten() {
                        gate.words.insert(format!("{sp}{middle}{ss}"));
                    }
                }
            }
        }
        gate.all = gate.endings.contains("");
        gate.longest_ending = gate.endings.iter().map(String::len).max().unwrap_or(0);
        gate
    }

    /// Whether some of these words (as given to the tagger) could get a frame's lemma.
    pub fn may_match(&self, forms: &[String]) -> bool {
        self.all
            || forms.iter().any(|w| {
                let f = fold(w);
                !f.chars().all(plain)
                    || self.words.contains(&f)
                    || f.char_indices()
                        .skip_while(|&(j, _)| f.len() - j > self.longest_ending)
                        .any(|(j, _)| self.endings.contains(&f[j..]))
            })
    }

    /// Sizes of the sets (words, endings), for the tests and measurements.
    pub fn sizes(&self) -> (usize, usize) {
        (self.words.len(), self.endings.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// German frames and lexicon as `Extractor::new` loads them.
    fn german() -> (Lexicon, Frames, NounFrames) {
        let lex = Lexicon::load(None).unwrap();
        let (_, mut frames) = lex
            .frames
            .iter()
            .map(|(file, text)| Frames::parse(file, text, &lex.ontology).unwrap())
            .find(|(l, _)| *l == Lang::De)
            .unwrap();
        let (_, mut nouns) = lex
            .noun_frames
            .iter()
            .map(|(file, text)| NounFrames::parse(file, text, &lex.ontology).unwrap())
            .find(|(l, _)| *l == Lang::De)
            .unwrap();
        nouns.add_roles(&lex, Lang::De);
        frames.set_verb_prefixes(lex.verb_prefixes.of(Lang::De));
        (lex, frames, nouns)
    }

    /// Every word the tagger gives a frame's lemma in these sentences is one the gate keeps,
    /// and a sentence without such a word is dropped.
    #[test]
    fn keeps_every_word_with_a_frames_lemma() {
        let (lex, frames, nouns) = german();
        let gate = TagGate::new(Lang::De, Some(&frames), Some(&nouns), &lex);
        let sentences = [
            "Die Nordlicht GmbH übernimmt die Elbwerft AG für zwei Milliarden Euro .",
            "Die Elbwerft AG , die zur Nordlicht GmbH gehört , wächst .",
            "Der Konzern erwarb im Mai die Mehrheit an der Firma .",
            "Die Übernahme der Nordlicht GmbH durch die Elbwerft AG ist abgeschlossen .",
            "Nordlicht-Chefin Anna Weber kündigte die Milliardenübernahme an .",
            "Die Panzerschmieden der Elbwerft AG liefern an die Bundeswehr .",
            "Die Gründerin der Firma verkaufte ihre Anteile an Investoren .",
            "Die Tochter des Konzerns beliefert Kunden in Hamburg .",
            "Der Vorstandsvorsitzende der Elbwerft AG trat zurück .",
            "Das Unternehmen konkurriert mit der Nordlicht GmbH .",
        ];
        let analyzer = tripel_analysis::Analyzer::load(tripel_analysis::Lang::De).unwrap();
        for s in sentences {
            let words: Vec<&str> = s.split(' ').collect();
            for (w, a) in words.iter().zip(analyzer.analyze(&words)) {
                let l = a.lemma.as_str();
                if frames.has_verb(&[l]) || nouns.has_noun(&[l]) {
                    assert!(gate.may_match(&[w.to_string()]), "{w} ({l}) in {s}");
                }
            }
        }
        // Quotation marks have no case: they do not keep a sentence by themselves.
        let weather: Vec<String> = "„ Am Wochenende bleibt es in Hamburg sonnig und warm “ …"
            .split(' ')
            .map(str::to_owned)
            .collect();
        assert!(!gate.may_match(&weather), "{:?}", gate.sizes());
    }
}
