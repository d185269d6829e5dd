//! Coreference for frame arguments: "der Konzern", "der Münchner Autobauer", "er".
//!
//! News names a company or a person once and then goes on with a definite description or a
//! pronoun: "Siemens hat Osram gekauft. Der Konzern zahlt 3,4 Milliarden Euro." A frame whose
//! argument is such a word would otherwise find no entity there. This module decides which
//! earlier mention the word stands for, so the fact names the entity and keeps both the
//! referring words' span (where the evidence says it) and the antecedent's.
//!
//! The choice is deliberately narrow, because an invented fact costs more than a missed one:
//!
//! * **descriptions**: a company noun of `refnoun` in `data/lexicon/grammar.tsv` (or a compound
//!   it heads: "Autokonzern"), with a definite article (`definite`), no name of its own ("der
//!   Konzern Siemens" is an apposition, read by the frames directly), singular, refers to an
//!   organisation;
//! * **pronouns**: `malepronoun` ("er", "he") and `femalepronoun` ("she"; German "sie" is also
//!   plural and the polite form, so it is not listed) refer to a person whose first name has
//!   that gender (`first_names.tsv`) or is unknown;
//! * **the antecedent** is the most salient compatible mention within the window: first one
//!   earlier in the same sentence, else the first compatible mention of the nearest earlier
//!   sentence that has one, at most [`WINDOW`] sentences back. The first mention of a German
//!   sentence is most often its subject and topic, the thing a description goes on about
//!   ("Siemens übernimmt Osram. Der Konzern …" is Siemens).

use crate::lexicon::Lexicon;
use crate::model::{EntityType, Lang};
use crate::text::syntax::Syntax;

/// How many sentences back an antecedent may be.
pub const WINDOW: usize = 2;

/// A frame's confidence is multiplied by this when an argument is an antecedent from an earlier
/// sentence: the fact is only as right as the choice of antecedent.
pub const CONFIDENCE: f32 = 0.8;

/// A mention earlier in the document (or earlier in this sentence) that words may refer to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Document mention index.
    pub mention: usize,
    /// Its type.
    pub kind: EntityType,
    /// For a person: `Some(true)` male, `Some(false)` female, `None` unknown.
    pub male: Option<bool>,
    /// Index of its sentence.
    pub sentence: usize,
    /// Byte offset where it starts.
    pub start: usize,
}

/// What a referring word can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    Organization,
    Person(bool),
}

/// The mentions seen so far in a document, in text order.
pub struct Discourse<'a> {
    seen: Vec<Candidate>,
    lex: &'a Lexicon,
    lang: Lang,
}

impl<'a> Discourse<'a> {
    /// An empty discourse of a document in `lang`.
    pub fn new(lex: &'a Lexicon, lang: Lang) -> Self {
        Discourse {
            seen: Vec::new(),
            lex,
            lang,
        }
    }

    /// Records a mention (call in text order).
    pub fn push(&mut self, c: Candidate) {
        self.seen.push(c);
    }

    /// The antecedent of word `w` of sentence `sentence`, whose first byte is `at`, if the word
    /// refers back (see the module documentation).
    pub fn antecedent(
        &self,
        syn: &Syntax,
        children: &[Vec<usize>],
        w: usize,
        sentence: usize,
        at: usize,
    ) -> Option<(usize, EntityType)> {
        let wants = referring(syn, children, w, self.lex, self.lang)?;
        let fits = |c: &Candidate| match wants {
            Wants::Organization => c.kind == EntityType::Organization,
            Wants::Person(male) => c.kind == EntityType::Person && c.male != Some(!male),
        };
        // Earlier in the same sentence: the first compatible mention.
        let first = |s: usize, before: usize| {
            self.seen
                .iter()
                .filter(|c| c.sentence == s && c.start < before && fits(c))
                .min_by_key(|c| c.start)
                .map(|c| (c.mention, c.kind))
        };
        if let Some(found) = first(sentence, at) {
            return Some(found);
        }
        (1..=WINDOW)
            .filter_map(|back| sentence.checked_sub(back))
            .find_map(|s| first(s, usize::MAX))
    }
}

/// Whether word `w` refers back, and to what.
fn referring(
    syn: &Syntax,
    children: &[Vec<usize>],
    w: usize,
    lex: &Lexicon,
    lang: Lang,
) -> Option<Wants> {
    let word = &syn.words[w];
    let form = word.form.to_lowercase();
    match word.upos.as_str() {
        "PRON" => {
            if lex.male_pronouns.has(lang, &form) {
                Some(Wants::Person(true))
            } else if lex.female_pronouns.has(lang, &form) {
                Some(Wants::Person(false))
            } else {
                None
            }
        }
        "NOUN" => {
            let lemma = word.lemma.to_lowercase();
            let describes = lex.reference_nouns.of(lang).any(|n| {
                lemma == n
                    || lemma
                        .strip_suffix(n)
                        .is_some_and(|rest| rest.chars().count() >= 3 || rest.ends_with('-'))
            });
            let definite = children[w].iter().any(|&c| {
                syn.words[c].deprel == "det"
                    && lex
                        .definite_articles
                        .has(lang, &syn.words[c].form.to_lowercase())
            });
            // "der Konzern Siemens" names its company itself; plural descriptions ("die
            // Konzerne") are about several.
            let named = children[w]
                .iter()
                .any(|&c| matches!(syn.words[c].deprel.as_str(), "appos" | "flat" | "flat:name"));
            let plural = word.feats.contains("Number=Plur");
            (describes && definite && !named && !plural).then_some(Wants::Organization)
        }
        _ => None,
    }
}

/// Whether a sentence's words could refer back (a cheap test before tagging): a pronoun of
/// `malepronoun`/`femalepronoun`, or a definite article right before a word that ends in a
/// `refnoun` ("der Autokonzern"). Returns the types referred to.
pub fn cues(words: &[&str], lex: &Lexicon, lang: Lang) -> Vec<EntityType> {
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if lex.male_pronouns.has(lang, &lower) || lex.female_pronouns.has(lang, &lower) {
            out.push(EntityType::Person);
        } else if k > 0
            && lex
                .definite_articles
                .has(lang, &words[k - 1].to_lowercase())
            && lex.reference_nouns.of(lang).any(|n| {
                // Inflected forms too ("Konzerns", "Autobauern"): the noun is a prefix of the
                // word's last part.
                lower.contains(n)
            })
        {
            out.push(EntityType::Organization);
        }
    }
    out.sort();
    out.dedup();
    out
}
