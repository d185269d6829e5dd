//! Unknown company names typed by the frame they fill (session 20, issues 10/11).
//!
//! Why this module exists: on real news the largest single cause of missed facts is a company
//! name the recognisers do not find — one word, not in `entities.tsv`, unknown to the learned
//! name model ("Volkswagen hat Navistar übernommen", "Kabel Deutschland gehört zu Vodafone").
//! The sentence itself often says what the word is: it fills a slot of a verb or noun frame
//! that admits only an organisation ("übernehmen" takes a company as its object), while the
//! frame's other slot is a name the recognisers did find.
//!
//! So the pipeline offers such words to the frames as *provisional* organisation mentions
//! ([`candidates`]): the parser sees them as a name (a stand-in word, as every mention), and
//! the frames may read them. A fact with a provisional argument is kept only when
//! [`accepts`] says so — the provisional word filled a slot whose types are exactly `ORG`, the
//! other argument is a mention the recognisers found in the same sentence (not a word that
//! refers back, not another provisional word) — and the word then becomes an organisation
//! mention of its own, which records the frame that typed it (`Mention::typed_by`). Every
//! other use of a provisional word is dropped: it is no antecedent, no open relation's
//! argument, no subject of a frame with a common noun as its object.
//!
//! A candidate is a proper-name word and nothing else the language data knows: a capitalised
//! word with a lower-case letter (no acronym), standing alone (no capitalised word right before
//! or after it, no hyphen or other letters joined to it), that is no common noun form nor a
//! compound ending in one (`nouns.de.txt`: "Aktien", "Busbetreiber"), no function word, first
//! name, known entity, role, title, demonym or month. A word that opens its sentence is
//! capitalised anyway ("Dennoch", "Zudem"): it is parsed as written, not as a name, and the
//! pipeline keeps it only when the tagger reads it as a noun or proper noun
//! ([`Candidate::initial`]). German only.

use crate::lexicon::Lexicon;
use crate::model::{EntityType, Lang};
use crate::text::segment::{Sentence, TokenKind};
use crate::text::syntax::{Syntax, Word};

/// Where provisional mention indices start: far above any document's mentions and below the
/// placeholders of role descriptions (`ROLE_HOLDER` in the pipeline), so that no mention list
/// of the document is ever indexed with one.
pub const PROVISIONAL: usize = usize::MAX / 4;

/// A typed fact's confidence relative to its frame's: the frame is right about the relation
/// and, in addition, about what the word is.
pub const CONFIDENCE: f32 = 0.8;

/// The suffix of a typed fact's rule id (`de/frame/übernehmen+typed`): its own calibration
/// family, apart from the frame's facts between recognised names.
pub const RULE_SUFFIX: &str = "+typed";

/// What may stand right before a candidate, joined to it.
const OPENING: [&str; 7] = ["(", "„", "\"", "“", "‚", "»", "«"];

/// What may stand right after a candidate, joined to it.
const CLOSING: [&str; 13] = [
    ".", ",", ";", ":", "!", "?", ")", "“", "\"", "‘", "«", "»", "…",
];

/// One word that may be an unknown company name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Byte span of the word.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Its token index in the sentence.
    pub token: usize,
    /// Whether it opens its sentence: capitalised whatever it is, so not parsed as a name,
    /// and kept only when the tagger reads it as a noun.
    pub initial: bool,
}

/// Whether `m` is a provisional mention index (between [`PROVISIONAL`] and the role-holder
/// placeholders above it).
pub fn is_provisional(m: usize) -> bool {
    (PROVISIONAL..usize::MAX / 2).contains(&m)
}

/// The words of sentence `s` that may be unknown company names (module docs), given the
/// byte spans of its mentions. Only for German, and only in a sentence with a person or
/// organisation among its mentions (the other argument of any fact a candidate could give).
pub fn candidates(
    text: &str,
    s: &Sentence,
    mentions: &[(usize, usize, EntityType)],
    lex: &Lexicon,
    lang: Lang,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if lang != Lang::De
        || !mentions
            .iter()
            .any(|m| matches!(m.2, EntityType::Organization | EntityType::Person))
    {
        return out;
    }
    let toks = &s.tokens;
    // The first word of the sentence proper: after opening quotes or brackets.
    let opening = toks
        .iter()
        .position(|t| t.kind == TokenKind::Word)
        .unwrap_or(0);
    let capitalised_word = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word && text[t.start..t.end].starts_with(char::is_uppercase)
        })
    };
    for (k, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Word {
            continue;
        }
        let word = &text[t.start..t.end];
        if !word.starts_with(char::is_uppercase)
            || word.chars().count() < 3
            || !word.chars().any(char::is_lowercase)
            || !word.chars().all(char::is_alphabetic)
            || word.chars().filter(|c| c.is_uppercase()).count() > 2
        {
            continue;
        }
        if mentions.iter().any(|m| m.0 < t.end && t.start < m.1) {
            continue;
        }
        // Alone: nothing joined to it ("Telekom-Tochter", "T-Mobile"), and no capitalised
        // word right before or after it that could be part of a longer name ("Greyhound
        // Lines", "Kabel Deutschland"); a mention before it is another name, and a common
        // noun before it is fine ("der Busbetreiber Greyhound").
        // Only an opening quote or bracket right before it, only closing punctuation right
        // after it: not a part of an address ("https://t.co/GmCWmPUC").
        let joined_before = k > 0
            && !t.space_before
            && !OPENING.contains(&&text[toks[k - 1].start..toks[k - 1].end]);
        let joined_after = toks
            .get(k + 1)
            .is_some_and(|n| !n.space_before && !CLOSING.contains(&&text[n.start..n.end]));
        if joined_before || joined_after || capitalised_word(k + 1) || !unknown_word(word, lex) {
            continue;
        }
        let initial = k == opening;
        if k > 0 && !initial && capitalised_word(k - 1) {
            let before = &text[toks[k - 1].start..toks[k - 1].end];
            let named = mentions
                .iter()
                .any(|m| m.0 < toks[k - 1].end && toks[k - 1].start < m.1);
            if !named && !lex.is_noun_or_compound_de(before) {
                continue;
            }
        }
        out.push(Candidate {
            start: t.start,
            end: t.end,
            token: k,
            initial,
        });
    }
    out
}

/// Whether a capitalised word is nothing the language data knows (module docs).
fn unknown_word(word: &str, lex: &Lexicon) -> bool {
    // Most capitalised German words are nouns: the noun list first, one lookup.
    if lex.is_noun_de(word) {
        return false;
    }
    let lower = crate::text::lower(word).into_owned();
    // The morphology lexicon: a noun form, an adjective ("Allgemein" opening a line), a
    // verb form.
    let reading = tripel_analysis::morph::Morph::get().reading(word, &lower);
    !(reading.mask != 0
        || lex.is_noun_form_de(word)
        // A compound whose head is a common noun of at least five letters ("Busbetreiber"):
        // four-letter heads end many names ("Navistar": "Star").
        || lex.is_compound_with_head_de(word, 5)
        || lex.stopwords.contains_key(&lower)
        || lex.function_words.has(Lang::De, &lower)
        || lex.first_names.contains_key(word)
        || lex.known.contains_key(word)
        || lex.roles.contains_key(&lower)
        || lex.role_head_in(&lower).is_some()
        || lex.titles.contains(&lower)
        || lex.titles.contains(word)
        || lex.demonyms.contains_key(word)
        || lex.months.contains_key(&lower)
        || lex.org_nouns.contains(&lower)
        || lex.place_nouns.contains(&lower)
        || lex.not_name.contains(word)
        || lex.not_org.contains(word))
}

/// Whether the provisional word at token `token`, which opens its sentence and was parsed as
/// written, is its clause's subject, labelled so in `syn` if it is: the tagger reads it as a
/// noun or proper noun, or it hangs right on a verb that has no subject ("Navistar wurde von
/// Volkswagen übernommen": "Navistar" tagged as an adverb) — a German finite clause has one,
/// and an adverb that opens a clause leaves the subject to another word ("Dennoch übernimmt
/// Volkswagen …"). It becomes `nsubj:pass` under a passive auxiliary, else `nsubj`.
pub fn initial_subject(syn: &mut Syntax, token: usize) -> bool {
    let Some(w) = syn.words.iter().position(|x| x.token == token) else {
        return false;
    };
    if matches!(syn.words[w].upos.as_str(), "PROPN" | "NOUN") {
        return true;
    }
    let head = syn.words[w].head;
    if head == 0 || !matches!(syn.words[head - 1].upos.as_str(), "VERB" | "AUX") {
        return false;
    }
    // No other word of the verb that could be its subject: no subject, object, expletive or
    // unlabelled argument ("Zuerst wurde die Credit Suisse … genommen" has one, whatever its
    // label).
    let children = || {
        syn.words
            .iter()
            .enumerate()
            .filter(move |&(k, x)| k != w && x.head == head)
            .map(|(_, x)| x)
    };
    let argument = |x: &Word| {
        [
            "nsubj", "csubj", "obj", "iobj", "expl", "dep", "obl:arg", "appos",
        ]
        .iter()
        .any(|d| x.deprel.starts_with(d))
    };
    if children().any(argument) {
        return false;
    }
    let passive = children().any(|x| x.deprel == "aux:pass");
    let word = &mut syn.words[w];
    word.deprel = if passive { "nsubj:pass" } else { "nsubj" }.to_owned();
    word.upos = "PROPN".to_owned();
    true
}

/// Whether a frame's fact with a provisional argument stands: exactly one argument is
/// provisional, the frame's slot it fills admits an organisation and nothing else
/// (`only_org`), and the other argument is a recognised mention of this sentence.
pub fn accepts(provisional_slot_only_org: bool, other_in_sentence: bool, other: usize) -> bool {
    provisional_slot_only_org && other_in_sentence && !is_provisional(other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unknown_and_common_words_known() {
        let lex = Lexicon::load(None).unwrap();
        for w in [
            "Navistar",
            "Vodalin",
            "Telxius",
            "ServiceNow",
            "Vorlix",
            "Flixbus",
        ] {
            assert!(unknown_word(w, &lex), "{w}");
        }
        for w in [
            "Aktien",
            "Busbetreiber",
            "Zulieferer",
            "Berlin",
            "Thomas",
            "Verantwortung",
            "Zudem",
            "Januar",
            "Allgemein",
        ] {
            assert!(!unknown_word(w, &lex), "{w}");
        }
    }
}
