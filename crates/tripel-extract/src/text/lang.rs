//! Per-document language detection: German, English, or something else (skipped).
//!
//! News text is long enough that function words decide reliably, and counting them is fast,
//! deterministic and explainable; the word lists live in `data/lexicon/stopwords.tsv`, with a
//! few other languages listed only so that their text is recognised and skipped. A short text
//! can tie German and English (words both have: "in", "was", "an"); the lower-case words only
//! one of them knows (the German verb list, the English dictionary) break the tie.

use crate::lexicon::Lexicon;
use crate::model::Lang;
use crate::text::LowerCase;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// What the detector decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// German or English.
    Supported(Lang),
    /// Another language (its tag), or too little text to say.
    Other(String),
}

/// Detects the language of `text`.
///
/// ```
/// use tripel_extract::Lexicon;
/// use tripel_extract::Lang;
/// use tripel_extract::text::lang::{detect, Detected};
/// let lex = Lexicon::load(None).unwrap();
/// assert_eq!(detect("Meta kauft bei NVIDIA die neuen Chips für das Rechenzentrum.", &lex), Detected::Supported(Lang::De));
/// assert_eq!(detect("Meta buys the new chips from NVIDIA for its data center.", &lex), Detected::Supported(Lang::En));
/// assert_eq!(detect("Le groupe a annoncé une hausse des ventes pour le trimestre.", &lex), Detected::Other("fr".into()));
/// ```
pub fn detect(text: &str, lex: &Lexicon) -> Detected {
    // Fx hashing (the counts are ranked by a total order below, so the map's order never
    // shows).
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    let mut words = 0usize;
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(2000)
    {
        words += 1;
        // A word several languages share counts for each of them: "des" and "es" are German
        // as much as French and Spanish.
        // A word of ASCII lower-case letters is its own lower case: no new string; another
        // short ASCII word ("Der", "THE") is lower-cased on the stack.
        let mut buf = [0u8; 24];
        let lower = if w.bytes().all(|b| b.is_ascii_lowercase()) {
            Cow::Borrowed(w)
        } else if w.is_ascii() && w.len() <= buf.len() {
            let b = &mut buf[..w.len()];
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            Cow::Borrowed(std::str::from_utf8(b).unwrap_or(w))
        } else {
            Cow::Owned(w.lower_case())
        };
        for lang in lex.stopwords.get(lower.as_ref()).into_iter().flatten() {
            *counts.entry(lang.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (best, n) = ranked.first().copied().unwrap_or(("", 0));
    let second = ranked.get(1).map_or(0, |r| r.1);
    if n == 0 || (n < 3 && words > 12) {
        return by_dictionary(text, words, lex);
    }
    if n == second {
        // A tie between German and English (a short sentence of shared words: "in", "was",
        // "an", "her"): the lower-case words only one of the two languages knows decide.
        let tied = |l: &str| ranked.iter().any(|(t, c)| *c == n && *t == l);
        if tied("de") && tied("en") {
            return german_or_english(text, words, lex);
        }
        // A tie between a supported language and another: prefer the supported one.
        for (lang, c) in &ranked {
            if *c == n {
                if let Some(l) = supported(lang) {
                    return Detected::Supported(l);
                }
            }
        }
    }
    match supported(best) {
        Some(l) => Detected::Supported(l),
        None => Detected::Other(best.to_owned()),
    }
}

/// German or English by the lower-case words that only one of them knows: a German verb form
/// (the German verb list) or function word, or a word of the English dictionary. "In 1830,
/// poet Emma Tollan was born in Harlow" has English words only; "NVIDIA stellt die
/// B200-GPUs her" has "stellt" ("die" and "her" are English words too).
fn german_or_english(text: &str, words: usize, lex: &Lexicon) -> Detected {
    let verbs = tripel_analysis::features::Lexicons::get();
    let (mut german, mut english) = (0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphabetic())
        // Not the letters of a link or a code ("t.co/n9fukSU4oC"), which the English
        // dictionary knows as words.
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase) && w.chars().count() > 2)
    {
        let de = verbs.is_verb_form(w)
            || lex
                .stopwords
                .get(w)
                .is_some_and(|l| l.iter().any(|t| t == "de"));
        let en = lex.words_en.contains(w);
        german += usize::from(de && !en);
        english += usize::from(en && !de);
    }
    if english > german {
        Detected::Supported(Lang::En)
    } else if german > 0 {
        // A tie with German words in it stays German, tripel's first language: the English
        // dictionary also knows German particles ("her", "vor").
        Detected::Supported(Lang::De)
    } else {
        // Nothing only one of them knows ("Harbor Radio Network in Spanish 1402 GMT"):
        // as for text without function words.
        by_dictionary(text, words, lex)
    }
}

/// Too few function words to tell (a headline, "Meta kauft 350.000 H100."): lower-case words
/// the English dictionary knows point to English; otherwise tripel reads German, its first
/// language.
fn by_dictionary(text: &str, words: usize, lex: &Lexicon) -> Detected {
    let lower: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    let english = lower.iter().filter(|w| lex.words_en.contains(**w)).count();
    let umlauts = text.contains(['ä', 'ö', 'ü', 'ß', 'Ä', 'Ö', 'Ü']);
    if words == 0 {
        Detected::Other("und".into())
    } else if lower.is_empty() {
        // Only names ("DAYTON, Ohio (AP)"): the letters are the last hint.
        Detected::Supported(if umlauts { Lang::De } else { Lang::En })
    } else if english * 2 > lower.len() && !umlauts {
        Detected::Supported(Lang::En)
    } else {
        Detected::Supported(Lang::De)
    }
}

fn supported(tag: &str) -> Option<Lang> {
    match tag {
        "de" => Some(Lang::De),
        "en" => Some(Lang::En),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{detect, Detected};
    use crate::lexicon::Lexicon;
    use crate::model::Lang;

    #[test]
    fn a_function_word_of_two_languages_counts_for_both() {
        // "des" is French too and "es" Spanish: counted for one language only, the short German
        // sentence read as French or Spanish and was skipped.
        let lex = Lexicon::load(None).expect("embedded lexicon");
        for text in [
            "Ottavio Bruni unterschrieb am Abend des 3. Mai die Urkunde des Herzogs .",
            "Es regnet , sagt Maren Olbers , es bleibt kalt .",
        ] {
            assert_eq!(detect(text, &lex), Detected::Supported(Lang::De), "{text}");
        }
    }

    #[test]
    fn a_short_german_sentence_with_a_shared_word_is_german() {
        // "an" is English too; with "am" and "um" missing from the German words, a one-sentence
        // text had one English function word and no German one and was read with the English
        // rules ("Jonas Pfeiffer kündigte Kostensenkungen" became a person).
        let lex = Lexicon::load(None).expect("embedded lexicon");
        for text in [
            "Siemens-Chef Jonas Pfeiffer kündigte am Dienstag Kostensenkungen an.",
            "Am Markt für Geldautomaten bahnt sich ein Zusammenschluss an",
            "BASF investiert zehn Milliarden Euro in ein Werk in China.",
            "NVIDIA stellt die B200-GPUs her.",
        ] {
            assert_eq!(detect(text, &lex), Detected::Supported(Lang::De), "{text}");
        }
        for text in [
            "He is an engineer at the plant in Ohio.",
            "An official said the talks would resume.",
            // As many German as English function words ("in", "was"): the words only English
            // knows ("poet", "born") decide.
            "In 1830, poet Emma Tollan was born in Harlow, Mass.",
        ] {
            assert_eq!(detect(text, &lex), Detected::Supported(Lang::En), "{text}");
        }
    }
}
