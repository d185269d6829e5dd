//! Labels in their base form: a name is labelled as a dictionary would cite it, not with the
//! case ending of the sentence it was found in. German only; the gazetteer's canonical labels
//! (which already undo a genitive or an adjective ending of a listed name) are left alone.
//!
//! - A name's leading adjective in "-en" after a determiner (`weakdet` in grammar.tsv) is weak,
//!   and its nominative singular ends in "-e": "bei der Deutschen Bahn" is "Deutsche Bahn",
//!   "im Interdisziplinären Zentrum" "Interdisziplinäres Zentrum" (cited without an article,
//!   the adjective is strong, by the head's gender when the lexicon knows one: "Deutscher
//!   Wetterdienst"; else the weak "-e"). Only when the morphology
//!   lexicon knows the word as an inflected adjective and its head noun as able to be singular:
//!   "den Vereinten Nationen" (plural) keeps its "-en". After a determiner only a genitive
//!   singular follows (`gensgdet`: "des", "eines"), the head loses its genitive ending too:
//!   "des Islamischen Staats" is "Islamischer Staat". When the document writes the name with a
//!   strong nominative ending ("Islamischer Staat"), that form is the label.
//! - A name written with a genitive ending ("Reals", "Donald Trumps", "Stuttgarts") is its
//!   base when the document also names the base, or the gazetteer lists the base with the
//!   mention's type ("Europas"): the base is then known to be a name of its own, so "Siemens"
//!   or "Mercedes" (no "Siemen", no "Mercede") stay.
//! - Adjectives before a document's own node ([`local_adjectives`]): "der kriselnden
//!   Stromerzeugungssparte" is the node "kriselnde Stromerzeugungssparte".

use crate::lexicon::Lexicon;
use crate::model::{EntityType, Lang};
use crate::text::segment::Token;
use crate::text::LowerCase;
use rustc_hash::{FxHashMap, FxHashSet};
use tripel_analysis::morph::{Morph, Reading};

/// The weak adjective ending the rule undoes, and the endings a nominative can have: weak "-e"
/// first (the default), then the strong ones the document may write ("Islamischer Staat").
const WEAK: &str = "en";
const NOMINATIVE: [&str; 3] = ["e", "er", "es"];
/// Singular case bits of a morphology reading (Nom, Acc, Dat, Gen), plural ones, nominative
/// singular, and the masculine and neuter gender bits.
const SINGULAR: u16 = 0x0f;
const PLURAL: u16 = 0xf0;
const NOM_SG: u16 = 0x01;
const MASC_NEUT: u16 = 0x500;
/// One gender alone, as [`gender_of`] gives it.
const MASC: u16 = 0x1;
const NEUT: u16 = 0x4;

/// Rewrites the labels of one document's mentions, `(label, type, surface, weight)`, into their
/// base form. `before[i]`: the word right before mention `i`, if any.
pub fn base_forms(
    mentions: &mut [(String, EntityType, String, usize)],
    before: &[Option<&str>],
    lang: Lang,
    lex: &Lexicon,
) {
    if lang != Lang::De || mentions.is_empty() {
        return;
    }
    let labels: FxHashSet<&str> = mentions.iter().map(|m| m.0.as_str()).collect();
    let mut map: FxHashMap<String, String> = FxHashMap::default();
    // Only a mention that writes its label as it is, and no label the gazetteer gives.
    let own = |(label, _, surface, _): &(String, EntityType, String, usize)| {
        label == surface && !lex.known.contains_key(label.as_str())
    };
    for (m, det) in mentions.iter().zip(before) {
        if !own(m) || map.contains_key(&m.0) {
            continue;
        }
        let Some(det) = det.map(crate::text::lowercase) else {
            continue;
        };
        let base = weak_nominative(&m.0, &det, &labels, lex)
            .or_else(|| genitive_head(&m.0, m.1, &det, lex));
        if let Some(base) = base {
            map.insert(m.0.clone(), base);
        }
    }
    let endings: Vec<&str> = (lex.genitive_endings.of(lang))
        .chain(lex.genitive_endings_not_place.of(lang))
        .collect();
    for m in mentions.iter() {
        if !own(m) || map.contains_key(&m.0) {
            continue;
        }
        let base = endings.iter().find_map(|e| {
            let base = m.0.strip_suffix(e)?;
            if base.chars().count() < 3 {
                return None;
            }
            if labels.contains(base) {
                return Some(map.get(base).cloned().unwrap_or_else(|| base.to_owned()));
            }
            // A base the gazetteer lists with the mention's type ("Europas" → "Europa",
            // "Niedersachsens"), where a rule other than the gazetteer's took the word.
            (lex.known.get(base))
                .filter(|k| k.kind == m.1)
                .map(|k| k.label.clone())
        });
        if let Some(base) = base {
            map.insert(m.0.clone(), base);
        }
    }
    if map.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if let Some(base) = map.get(&m.0) {
            m.0.clone_from(base);
        }
    }
}

/// The determiner before a mention whose first token is `first`, starting at byte `start`
/// (which may be inside a compound token): the word right before it, past opening quotes and
/// adjectives in "-en" ("der «Rheinischen Post»", "gegen den sogenannten Islamischen Staat",
/// "dem deutschen Germanischen Lloyd"). `None` at the sentence's start.
pub fn word_before<'t>(
    text: &'t str,
    tokens: &[Token],
    first: usize,
    start: usize,
) -> Option<&'t str> {
    let mut k = first.min(tokens.len());
    while k > 0 {
        k -= 1;
        let t = &tokens[k];
        if t.end > start {
            continue;
        }
        let w = &text[t.start..t.end];
        let quote = w.chars().all(|c| QUOTES.contains(c));
        if !quote && reading(w).ending != WEAK {
            return Some(w);
        }
    }
    None
}

/// Opening (and, in German typesetting, closing) quotation marks a determiner may stand before.
const QUOTES: &str = "«»„“”‚‘’\"'";

/// The morphology lexicon's reading of a word as written.
fn reading(w: &str) -> Reading {
    Morph::get().reading(w, &w.lower_case())
}

/// "der Deutschen Bahn" → "Deutsche Bahn" (see the module's comment); `None` when the label
/// has no leading weak adjective, its head is plural, or nothing changes.
fn weak_nominative(
    label: &str,
    det: &str,
    labels: &FxHashSet<&str>,
    lex: &Lexicon,
) -> Option<String> {
    if !lex.weak_determiners.has(Lang::De, det) {
        return None;
    }
    let words: Vec<&str> = label.split(' ').collect();
    let adjectives = words
        .iter()
        .take_while(|w| reading(w).ending == WEAK)
        .count();
    let head = *words.get(adjectives)?;
    if adjectives == 0 {
        return None;
    }
    let r = reading(head);
    // A plural head keeps the weak ending ("Vereinten Nationen"); a head the lexicon does not
    // know only after a determiner no plural follows ("den" is also the dative plural).
    if r.mask & SINGULAR == 0 && (r.mask & PLURAL != 0 || det == "den") {
        return None;
    }
    let head = if lex.genitive_singular_determiners.has(Lang::De, det) {
        nominative_of_genitive(head, COMPOUND_PART).unwrap_or(head)
    } else {
        head
    };
    let rest = words[adjectives + 1..].iter().copied();
    let form = |ending: &str| {
        let adj = words[..adjectives]
            .iter()
            .map(|w| format!("{}{ending}", &w[..w.len() - WEAK.len()]));
        adj.chain(std::iter::once(head.to_owned()))
            .chain(rest.clone().map(str::to_owned))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let forms: Vec<String> = NOMINATIVE.iter().map(|e| form(e)).collect();
    // Cited without an article, a name's adjective is strong: "Deutscher Wetterdienst",
    // "Interdisziplinäres Zentrum", "Deutsche Bahn". The head's gender says which, when the
    // lexicon knows it as one gender only; else the weak "-e" ("Germanische Lloyd").
    let strong = match gender_of(head) {
        MASC => 1,
        NEUT => 2,
        _ => 0,
    };
    let chosen = forms
        .iter()
        .find(|f| labels.contains(f.as_str()))
        .unwrap_or(&forms[strong]);
    (chosen != label).then(|| chosen.clone())
}

/// "des Handelsblatts" → "Handelsblatt", "eines Berichts des Manager Magazins" → "Manager
/// Magazin", "des Instituts für Weltwirtschaft" → "Institut für Weltwirtschaft": an
/// organisation's or place's name without a leading adjective after a determiner only a
/// genitive singular follows, whose head (its last word, or the word before its first
/// lowercase one) is a masculine or neuter noun in the genitive ([`nominative_of_genitive`],
/// stricter about compounds: a name is no dictionary word).
/// Not for persons: a given name like "Klaus" ends in "-s", and "des Klaus Müllers" is rare.
fn genitive_head(label: &str, kind: EntityType, det: &str, lex: &Lexicon) -> Option<String> {
    if !matches!(kind, EntityType::Organization | EntityType::Place)
        || !lex.genitive_singular_determiners.has(Lang::De, det)
    {
        return None;
    }
    let words: Vec<&str> = label.split(' ').collect();
    let head_at = words
        .iter()
        .skip(1)
        .position(|w| w.chars().next().is_some_and(char::is_lowercase))
        .unwrap_or(words.len() - 1);
    // A word in "-en" before the head may be an adjective the lexicon does not know
    // ("des Havelländischen Hauptkanals"): half a base form is worse than none.
    if words[..head_at].iter().any(|w| w.ends_with(WEAK)) {
        return None;
    }
    let head = words[head_at];
    // A compound's last part of four letters at least: a surname is no compound of a
    // three-letter noun ("Zeiss" is not "Zeis" + "-s").
    let stem = nominative_of_genitive(head, NAME_PART)?;
    let mut words = words;
    words[head_at] = stem;
    Some(words.join(" "))
}

/// The shortest last part of a compound the lexicon is asked about: after a leading adjective,
/// whose head is a common noun ("des Deutschen Wetterdienstes"), and in a name without one
/// (stricter: a name is no dictionary word).
const COMPOUND_PART: usize = 3;
const NAME_PART: usize = 4;

/// The nominative singular of a masculine or neuter noun in the genitive singular ("Staats" →
/// "Staat", "Wetterdienstes" → "Wetterdienst"), when the lexicon knows the stem or, for a
/// compound, its last part of at least `min_part` letters ("Dienst") as such a nominative.
fn nominative_of_genitive(head: &str, min_part: usize) -> Option<&str> {
    // A noun whose genitive is its nominative ("Fonds", "Kurs" is no genitive of "Kur") keeps it.
    if is_nominative_singular_word(head) {
        return None;
    }
    ["es", "s"].into_iter().find_map(|e| {
        let stem = head.strip_suffix(e)?;
        is_nominative_singular(stem, min_part).then_some(stem)
    })
}

/// The gender bits (masculine, feminine, neuter: bits 8–10 of a reading) of noun `w` as a
/// nominative singular, or of
/// the last part of the compound `w` (at least three letters) when the lexicon does not know
/// the whole; 0 when neither is known.
fn gender_of(w: &str) -> u16 {
    // As a nominative singular only: "Oderfelder" ends in the plural "Felder", no gender.
    let gender = |r: Reading| {
        if r.mask & NOM_SG == 0 {
            0
        } else {
            r.mask >> 8 & 0x7
        }
    };
    let g = gender(reading(w));
    if g != 0 {
        return g;
    }
    w.char_indices()
        .skip(1)
        .find_map(|(k, _)| {
            let part = &w[k..];
            let g = gender(reading(&capitalised(part)));
            (part.chars().count() >= COMPOUND_PART && g != 0).then_some(g)
        })
        .unwrap_or(0)
}

/// `w` with its first letter in upper case (a compound's last part, cited as a noun).
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Whether the lexicon knows the word `w` itself as a masculine or neuter nominative singular.
fn is_nominative_singular_word(w: &str) -> bool {
    let r = reading(w);
    r.mask & NOM_SG != 0 && r.mask & MASC_NEUT != 0
}

/// Whether the lexicon knows `w`, or the last part of the compound `w` (at least `min_part`
/// letters, capitalised), as the nominative singular of a masculine or neuter noun.
fn is_nominative_singular(w: &str, min_part: usize) -> bool {
    is_nominative_singular_word(w)
        || w.char_indices().skip(1).any(|(k, _)| {
            let part = &w[k..];
            part.chars().count() >= min_part && is_nominative_singular_word(&capitalised(part))
        })
}

/// The adjectives written before a document's own node's noun (`noun`, its lemma), in the
/// nominative cited without an article, as the node's label is the noun's dictionary form:
/// "kriselnden " → "kriselnde " ("der kriselnden Stromerzeugungssparte"), "künftigen " →
/// "künftiger " ("des künftigen Hauptstadtflughafens"), by the noun's gender as for names. A
/// word the lexicon does not know as an inflected adjective stays as written.
pub fn local_adjectives(words: &str, noun: &str, lang: Lang) -> String {
    if lang != Lang::De {
        return words.to_owned();
    }
    let mut out = String::with_capacity(words.len());
    for (k, w) in words.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let r = reading(w);
        match r.ending {
            "en" | "em" | "er" | "es" => {
                out.push_str(&w[..w.len() - r.ending.len()]);
                out.push_str(match gender_of(noun) {
                    MASC => "er",
                    NEUT => "es",
                    _ => "e",
                });
            }
            _ => out.push_str(w),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::testing::lexicon;

    fn labels_of(ms: &[(&str, &str, Option<&str>)]) -> Vec<String> {
        let mut mentions: Vec<(String, EntityType, String, usize)> = ms
            .iter()
            .map(|(l, s, _)| {
                (
                    (*l).to_owned(),
                    EntityType::Organization,
                    (*s).to_owned(),
                    1,
                )
            })
            .collect();
        let before: Vec<Option<&str>> = ms.iter().map(|m| m.2).collect();
        base_forms(&mut mentions, &before, Lang::De, lexicon());
        mentions.into_iter().map(|m| m.0).collect()
    }

    /// "Der Streik bei der Deutschen Bahn dauert an." and "Die Rheinische Post berichtet im
    /// Interdisziplinären Zentrum": the weak adjective after "der" / "im".
    #[test]
    fn a_weak_adjective_after_a_determiner_is_nominative() {
        assert_eq!(
            labels_of(&[("Deutschen Bahn", "Deutschen Bahn", Some("der"))]),
            ["Deutsche Bahn"]
        );
        assert_eq!(
            labels_of(&[(
                "Interdisziplinären Zentrum",
                "Interdisziplinären Zentrum",
                Some("im")
            )]),
            ["Interdisziplinäres Zentrum"]
        );
    }

    /// "Die Sprecherin der Vereinten Nationen sagte" (a plural head) and "Deutschen Bahn" with
    /// no determiner before it stay as written.
    #[test]
    fn a_plural_head_or_no_determiner_keeps_the_ending() {
        assert_eq!(
            labels_of(&[("Vereinten Nationen", "Vereinten Nationen", Some("der"))]),
            ["Vereinten Nationen"]
        );
        assert_eq!(
            labels_of(&[("Deutschen Bahn", "Deutschen Bahn", None)]),
            ["Deutschen Bahn"]
        );
    }

    /// "Der Islamische Staat … Kämpfer des Islamischen Staats", and the strong form the
    /// document writes: "Islamischer Staat … des Islamischen Staats".
    #[test]
    fn a_genitive_head_loses_its_ending_and_the_written_form_wins() {
        assert_eq!(
            labels_of(&[("Islamischen Staats", "Islamischen Staats", Some("des"))]),
            ["Islamischer Staat"]
        );
        assert_eq!(
            labels_of(&[
                ("Islamischer Staat", "Islamischer Staat", None),
                ("Islamischen Staats", "Islamischen Staats", Some("des")),
            ]),
            ["Islamischer Staat", "Islamischer Staat"]
        );
        assert_eq!(
            labels_of(&[(
                "Deutschen Wetterdienstes",
                "Deutschen Wetterdienstes",
                Some("des")
            )]),
            ["Deutscher Wetterdienst"]
        );
    }

    /// "Laut einem Bericht des Handelsblatts …", "nach Informationen des Nordsee Kuriers",
    /// "Forscher des Instituts für Meereskunde": an organisation's head noun in the genitive;
    /// a word whose genitive is its nominative ("des Fonds") and a person stay.
    #[test]
    fn a_genitive_head_without_an_adjective_loses_its_ending() {
        assert_eq!(
            labels_of(&[
                ("Handelsblatts", "Handelsblatts", Some("des")),
                ("Nordsee Kuriers", "Nordsee Kuriers", Some("des")),
                (
                    "Instituts für Meereskunde",
                    "Instituts für Meereskunde",
                    Some("des")
                ),
                ("Fonds", "Fonds", Some("des")),
                ("Hofer Zeiss", "Hofer Zeiss", Some("des")),
                (
                    "Oberländischen Kanals",
                    "Oberländischen Kanals",
                    Some("des")
                ),
                ("Handelsblatts", "Handelsblatts", Some("dem")),
            ]),
            [
                "Handelsblatt",
                "Nordsee Kurier",
                "Institut für Meereskunde",
                "Fonds",
                "Hofer Zeiss",
                "Oberländischen Kanals",
                "Handelsblatt"
            ]
        );
        let mut person = vec![(
            "Klaus Kurts".to_owned(),
            EntityType::Person,
            "Klaus Kurts".to_owned(),
            1,
        )];
        base_forms(&mut person, &[Some("des")], Lang::De, lexicon());
        assert_eq!(person[0].0, "Klaus Kurts");
    }

    /// "Real Madrid … Reals Trainer": the genitive is the base the document names; "Siemens"
    /// (no "Siemen") stays.
    #[test]
    fn a_genitive_name_is_its_base_when_the_document_names_it() {
        assert_eq!(
            labels_of(&[("Real", "Real", None), ("Reals", "Reals", None)]),
            ["Real", "Real"]
        );
        assert_eq!(labels_of(&[("Siemens", "Siemens", None)]), ["Siemens"]);
        // "Protest gegen Europas Bankenpolitik": the gazetteer lists the place Europa.
        let mut europe = vec![(
            "Europas".to_owned(),
            EntityType::Place,
            "Europas".to_owned(),
            1,
        )];
        base_forms(&mut europe, &[None], Lang::De, lexicon());
        assert_eq!(europe[0].0, "Europa");
    }

    /// "Gabriel sagte der «Rheinischen Post»" and "im Kampf gegen den sogenannten Islamischen
    /// Staat": the determiner past quotes and adjectives.
    #[test]
    fn the_determiner_is_found_past_quotes_and_adjectives() {
        let before = |text: &str, name: &str| {
            let s = &crate::text::segment::sentences(text, lexicon())[0];
            let start = text.find(name).expect("name in text");
            let first = s
                .tokens
                .iter()
                .position(|t| t.start == start)
                .expect("token");
            word_before(text, &s.tokens, first, start).map(str::to_owned)
        };
        assert_eq!(
            before("Gabriel sagte der «Rheinischen Post» das.", "Rheinischen").as_deref(),
            Some("der")
        );
        assert_eq!(
            before(
                "Im Kampf gegen den sogenannten Islamischen Staat.",
                "Islamischen"
            )
            .as_deref(),
            Some("den")
        );
    }

    /// "Der Stellenabbau in der kriselnden Stromerzeugungssparte von Siemens".
    #[test]
    fn a_local_nodes_adjectives_are_nominative() {
        assert_eq!(
            local_adjectives("kriselnden ", "Stromerzeugungssparte", Lang::De),
            "kriselnde "
        );
        assert_eq!(
            local_adjectives("künftigen ", "Hauptstadtflughafen", Lang::De),
            "künftiger "
        );
        assert_eq!(
            local_adjectives("griechische ", "Regierung", Lang::De),
            "griechische "
        );
    }
}
