//! Coreference for frame arguments: "der Konzern", "er", "sie", "its", "die beiden Unternehmen",
//! and relative pronouns ("Alpina, zu dem …").
//!
//! News names a company or a person once and then goes on with a definite description or a
//! pronoun: "Siemens hat Osram gekauft. Der Konzern zahlt 3,4 Milliarden Euro." A frame whose
//! argument is such a word would otherwise find no entity there. This module decides which
//! earlier mention the word stands for, so the fact names the entity and keeps both the
//! referring words' span (where the evidence says it) and the antecedent's.
//!
//! The choice is deliberately narrow, because an invented fact costs more than a missed one:
//!
//! * **relative pronouns** (`relative` in `data/lexicon/grammar.tsv`: "der", "dem", "deren",
//!   "which", "who") stand for the name right before their comma ("der Reisekonzern Alpina, zu
//!   dem …", "Apple, which …"; English also without the comma), never for a name that is itself
//!   a genitive attribute ("der Chef der Elbwerft AG, der …" may be about the chief);
//! * **descriptions**: a company noun of `refnoun` (or a compound it heads: "Autokonzern"), with
//!   a definite article (`definite`), no name of its own ("der Konzern Siemens" is an apposition,
//!   read by the frames directly), singular, refers to an organisation; plural with `both`
//!   ("die beiden Unternehmen", "both companies") it refers to two;
//! * **pronouns** agree in gender and number: `malepronoun` ("er", "sein", "he", "his") refers to
//!   a man or a person of unknown gender, and in German to an organisation whose legal form or
//!   head noun is masculine (`orgmasc`: "der Konzern"); `femalepronoun` ("sie", "ihr", "she")
//!   to a woman, and in German to an organisation that is feminine (`orgfem`: "AG", "GmbH",
//!   "Bank") or of unknown gender; `neuterpronoun` ("es", "sein", "it", "its") to an organisation
//!   that is neuter (`orgneut`: "Unternehmen") or of unknown gender. German "sie" is plural
//!   (`pluralpronoun`, like "they") when its verb is, and then refers to two organisations;
//! * **role descriptions** (in [`super::nouns::NounFrames::role_descriptions`] and the pipeline):
//!   a chief-executive role with an article and no name ("der VW-Chef", "die CEOs von NVIDIA und
//!   Meta") stands for the one person the document names in that post, before or after; the
//!   pipeline fills it in once the whole document is read, and drops the fact when nobody, or
//!   more than one person, holds the post;
//! * **the antecedent** of a description is the first compatible mention earlier in the same
//!   sentence, else the first compatible mention of the nearest earlier sentence that has one,
//!   at most [`WINDOW`] sentences back: the first mention of a German sentence is most often its
//!   subject and topic, the thing a description goes on about ("Siemens übernimmt Osram. Der
//!   Konzern …" is Siemens). When that sentence names the organisation the whole document is
//!   about (named at least twice, twice as often as any other), a description takes that one. A pronoun looks in the same place, but when that sentence has two
//!   different compatible entities it takes the first only if it opens its sentence (the topic),
//!   and otherwise none. A plural refers to the organisations of the nearest sentence that has
//!   any, when there are exactly two.

use crate::lexicon::{Forms, Lexicon};
use crate::model::{EntityType, Lang};
use crate::text::syntax::Syntax;
use std::borrow::Cow;

/// How many sentences back an antecedent may be.
pub const WINDOW: usize = 2;

/// A frame's confidence is multiplied by this when an argument is an antecedent from an earlier
/// sentence: the fact is only as right as the choice of antecedent.
pub const CONFIDENCE: f32 = 0.8;

/// Grammatical (organisations) or natural (people) gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Masculine: a man, "der Konzern".
    Masc,
    /// Feminine: a woman, "die AG".
    Fem,
    /// Neuter: "das Unternehmen".
    Neut,
}

/// A mention earlier in the document (or earlier in this sentence) that words may refer to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// Document mention index.
    pub mention: usize,
    /// The entity it names (two mentions of one entity are one candidate for ambiguity).
    pub entity: usize,
    /// Its type.
    pub kind: EntityType,
    /// A person's gender by first name, an organisation's by its legal form or head noun
    /// ([`org_gender`]); `None` when unknown.
    pub gender: Option<Gender>,
    /// Index of its sentence.
    pub sentence: usize,
    /// Byte offset where it starts.
    pub start: usize,
    /// Whether it opens its sentence (the topic).
    pub topic: bool,
}

/// What a referring word stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referent {
    /// One mention, and its type.
    One(usize, EntityType),
    /// Two mentions of organisations ("die beiden Unternehmen", "they").
    Two(usize, usize),
}

/// What a referring word can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// "der Konzern": an organisation, the first in the nearest sentence.
    Description,
    /// A singular pronoun of these genders.
    Pronoun {
        male: bool,
        female: bool,
        neuter: bool,
    },
    /// Two organisations.
    Plural,
}

/// The mentions seen so far in a document, in text order.
pub struct Discourse<'a> {
    seen: Vec<Candidate>,
    /// The entity the document is about, if one stands out: a description ("das Unternehmen")
    /// takes it when it is among the nearest candidates.
    main: Option<usize>,
    lex: &'a Lexicon,
    lang: Lang,
}

impl<'a> Discourse<'a> {
    /// An empty discourse of a document in `lang`.
    pub fn new(lex: &'a Lexicon, lang: Lang) -> Self {
        Discourse {
            seen: Vec::new(),
            main: None,
            lex,
            lang,
        }
    }

    /// Sets the entity the document is about (see the module documentation).
    pub fn set_main(&mut self, entity: Option<usize>) {
        self.main = entity;
    }

    /// Records a mention (call in text order).
    pub fn push(&mut self, c: Candidate) {
        self.seen.push(c);
    }

    /// Whether a word of sentence `sentence` can refer back to a person, and to an
    /// organisation: whether the mentions seen in it and the [`WINDOW`] sentences before (where
    /// [`Discourse::antecedent`] looks) hold one. For the pipeline's test before parsing
    /// ([`could_refer`]).
    pub fn kinds_near(&self, sentence: usize) -> (bool, bool) {
        let near = self
            .seen
            .iter()
            .rev()
            .take_while(|c| c.sentence + WINDOW >= sentence);
        let (mut person, mut organisation) = (false, false);
        for c in near {
            person |= c.kind == EntityType::Person;
            organisation |= c.kind == EntityType::Organization;
        }
        (person, organisation)
    }

    /// What word `w` of sentence `sentence`, whose first byte is `at`, refers back to, if it
    /// does (see the module documentation).
    pub fn antecedent(
        &self,
        syn: &Syntax,
        children: &[Vec<usize>],
        w: usize,
        sentence: usize,
        at: usize,
    ) -> Option<Referent> {
        let wants = referring(syn, children, w, self.lex, self.lang)?;
        let german = self.lang == Lang::De;
        let fits = |c: &Candidate| match wants {
            Wants::Description | Wants::Plural => c.kind == EntityType::Organization,
            Wants::Pronoun {
                male,
                female,
                neuter,
            } => match c.kind {
                EntityType::Person => {
                    (male && c.gender != Some(Gender::Fem))
                        || (female && c.gender != Some(Gender::Masc))
                }
                EntityType::Organization => match c.gender {
                    Some(Gender::Masc) => german && male,
                    Some(Gender::Fem) => german && female,
                    Some(Gender::Neut) => neuter,
                    None => neuter || (german && female),
                },
                _ => false,
            },
        };
        // The compatible mentions of the nearest sentence that has any: this one before the
        // word, else up to WINDOW sentences back.
        let nearest = (0..=WINDOW)
            .filter_map(|back| sentence.checked_sub(back))
            .map(|s| {
                self.seen
                    .iter()
                    .filter(|c| c.sentence == s && (s < sentence || c.start < at) && fits(c))
                    .collect::<Vec<_>>()
            })
            .find(|found| !found.is_empty())?;
        let first = nearest.iter().min_by_key(|c| c.start)?;
        let mut entities: Vec<usize> = Vec::new();
        for c in &nearest {
            if !entities.contains(&c.entity) {
                entities.push(c.entity);
            }
        }
        match wants {
            Wants::Description => {
                // "…, an dem Talanx die Mehrheit hält. … in dem das Unternehmen …": the company
                // the article is about, when the nearest sentence names it, over the first name.
                let chosen = nearest
                    .iter()
                    .filter(|c| Some(c.entity) == self.main)
                    .min_by_key(|c| c.start)
                    .unwrap_or(first);
                Some(Referent::One(chosen.mention, chosen.kind))
            }
            Wants::Pronoun { .. } => (entities.len() == 1 || first.topic)
                .then_some(Referent::One(first.mention, first.kind)),
            Wants::Plural => {
                if entities.len() != 2 {
                    return None;
                }
                let of = |e: usize| {
                    nearest
                        .iter()
                        .filter(|c| c.entity == e)
                        .min_by_key(|c| c.start)
                        .map(|c| c.mention)
                };
                Some(Referent::Two(of(entities[0])?, of(entities[1])?))
            }
        }
    }
}

/// Whether a noun's lemma is a description that may refer back to a company (`refnoun` in
/// grammar.tsv): the noun itself, or a compound it heads after a first part of three letters or
/// a hyphen ("Autokonzern", "US-Konzern"). [`referring`] reads it off the parse,
/// [`could_refer`] off the tags before the parse.
fn is_description(lemma: &str, lex: &Lexicon, lang: Lang) -> bool {
    // Lower case without a copy where the lemma is its own (`text::lower`), and most nouns end
    // in no reference noun by their last three bytes: then no form is compared.
    let lemma = crate::text::lower(lemma);
    lex.may_end_in_reference_noun(&lemma)
        && lex.reference_nouns.of(lang).any(|n| {
            lemma == n
                || lemma
                    .strip_suffix(n)
                    .is_some_and(|rest| rest.chars().count() >= 3 || rest.ends_with('-'))
        })
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
    let has = |f: &Forms| f.has(lang, &form);
    match word.upos.as_str() {
        // "sein" is also the verb: a pronoun is tagged PRON, a possessive DET.
        "PRON" | "DET" => {
            // "Sie", "Ihr" capitalised inside a sentence address the reader.
            let opens = w == 0 || !syn.words[w - 1].form.chars().any(char::is_alphanumeric);
            if lang == Lang::De && !opens && word.form.starts_with(char::is_uppercase) {
                return None;
            }
            let (male, female, neuter) = (
                has(&lex.male_pronouns),
                has(&lex.female_pronouns),
                has(&lex.neuter_pronouns),
            );
            let plural = has(&lex.plural_pronouns);
            let possessive = word.upos == "DET" || word.deprel.ends_with("poss");
            let singular = male || female || neuter;
            // German "sie" is singular or plural: its verb says which. A possessive ("ihr
            // Mutterkonzern") is read as singular.
            let is_plural = plural
                && (!singular || (!possessive && verb_number(syn, children, w) == Some("Plur")));
            if is_plural {
                return (!possessive).then_some(Wants::Plural);
            }
            if singular && (!plural || possessive || verb_number(syn, children, w) == Some("Sing"))
            {
                return Some(Wants::Pronoun {
                    male,
                    female,
                    neuter,
                });
            }
            None
        }
        "NOUN" => {
            let describes = is_description(&word.lemma, lex, lang);
            let det = |f: &Forms| {
                children[w].iter().any(|&c| {
                    matches!(syn.words[c].deprel.as_str(), "det" | "amod" | "nummod")
                        && f.has(lang, &crate::text::lower(&syn.words[c].form))
                })
            };
            // "der Konzern Siemens" names its company itself.
            let named = children[w]
                .iter()
                .any(|&c| matches!(syn.words[c].deprel.as_str(), "appos" | "flat" | "flat:name"));
            // "des Bertel.O.Steen-Konzerns": a compound whose first part is a name no rule
            // knows (no noun, no English word, no listed name) names a company of its own, not
            // one before it ("der Software-Konzern", "das Online-Portal", "der Dax-Konzern", "der
            // US-Konzern" still refer back).
            let own_name = lang == Lang::De
                && word.form.rsplit_once('-').is_some_and(|(first, _)| {
                    first.chars().count() >= 5
                        && first.starts_with(char::is_uppercase)
                        && !lex.is_noun_de(first)
                        // German compounds borrow English words: "das Online-Portal".
                        && !lex.words_en.contains(&first.to_lowercase())
                        && !lex.known.contains_key(first)
                });
            if !describes || named || own_name {
                return None;
            }
            let plural = word.feats.contains("Number=Plur");
            if plural {
                // "die beiden Unternehmen", "beide Konzerne", "both companies".
                return det(&lex.both).then_some(Wants::Plural);
            }
            det(&lex.definite_articles).then_some(Wants::Description)
        }
        _ => None,
    }
}

/// What a tagged word may stand for in any parse, as arguments for the frames: a superset of
/// `referring` and of the antecedent's types ([`Discourse::antecedent`]: people and
/// organisations only), from the word's form, lemma and universal tag alone. A pronoun of a
/// man or a woman may be a person or (in German) an organisation, a neuter one an
/// organisation, a plural one two organisations ("sie", "they"); a company noun (`refnoun`, or
/// a compound it heads) one organisation, or two ("die beiden Unternehmen"). Pushes one entry
/// per argument the word might give (more than it can, never fewer); the pipeline parses a
/// sentence only when some frame of its words could be filled with these and the sentence's
/// mentions.
pub fn could_refer(
    form: &str,
    lemma: &str,
    upos: &str,
    lex: &Lexicon,
    lang: Lang,
    out: &mut Vec<EntityType>,
) {
    match upos {
        "PRON" | "DET" => {
            let form = form.to_lowercase();
            let has = |f: &Forms| f.has(lang, &form);
            let personal = has(&lex.male_pronouns) || has(&lex.female_pronouns);
            if personal {
                out.push(EntityType::Person);
            }
            if personal || has(&lex.neuter_pronouns) {
                out.push(EntityType::Organization);
            }
            if has(&lex.plural_pronouns) {
                out.extend([EntityType::Organization; 2]);
            }
        }
        "NOUN" if is_description(lemma, lex, lang) => {
            out.extend([EntityType::Organization; 2]);
        }
        _ => {}
    }
}

/// The number of the finite verb a subject pronoun agrees with: its head's, or the head's
/// auxiliary's ("sie haben … übernommen").
fn verb_number(syn: &Syntax, children: &[Vec<usize>], w: usize) -> Option<&'static str> {
    if !syn.words[w].deprel.starts_with("nsubj") {
        return None;
    }
    let h = syn.head(w)?;
    let number = |k: usize| {
        let f = &syn.words[k].feats;
        if f.contains("Number=Plur") {
            Some("Plur")
        } else if f.contains("Number=Sing") {
            Some("Sing")
        } else {
            None
        }
    };
    let finite = |k: usize| syn.words[k].feats.contains("VerbForm=Fin");
    if finite(h) {
        return number(h);
    }
    children[h]
        .iter()
        .copied()
        .find(|&c| syn.words[c].deprel.starts_with("aux") && finite(c))
        .and_then(number)
}

/// The word a relative pronoun `w` stands for: the name right before its comma ("Alpina, zu
/// dem") or, in German, right before the verbs that end the clause before the comma ("an der
/// Nordlicht GmbH beteiligt, an der …"), or in English right before it ("the company which"). `named(word)` says whether a
/// recognised name covers a word. Not a name that is a genitive attribute of a noun before it
/// ("der Chef der Elbwerft AG, der …" may be about the chief), and not an article ("Siemens,
/// der Konzern aus München": "der" opens an apposition).
pub fn relative_antecedent(
    syn: &Syntax,
    w: usize,
    named: &dyn Fn(usize) -> bool,
    lex: &Lexicon,
    lang: Lang,
) -> Option<usize> {
    let word = &syn.words[w];
    let form = word.form.to_lowercase();
    if !lex.relative_pronouns.has(lang, &form) || !matches!(word.upos.as_str(), "PRON" | "DET") {
        return None;
    }
    // An article belongs to a noun after it; a possessive relative ("dessen") is always one.
    let possessive = lex.possessive_relatives.has(lang, &form);
    let article = word.deprel == "det"
        && syn.head(w).is_some_and(|h| {
            h > w && matches!(syn.words[h].upos.as_str(), "NOUN" | "PROPN" | "ADJ")
        });
    if article && !possessive {
        return None;
    }
    // The English parse (LAS 81) says which name the relative clause modifies, also past
    // a phrase of another name: "Derwinski, a Republican from Chicago who served …" is about
    // Derwinski. The German parse is not trusted with this; the word order decides there.
    if lang == Lang::En {
        let clause = syn.head(w).filter(|&v| syn.words[v].deprel == "acl:relcl");
        if let Some(h) = clause
            .and_then(|v| syn.head(v))
            .filter(|&h| h < w && named(h))
        {
            return Some(h);
        }
    }
    let mut p = w.checked_sub(1)?;
    if syn.words[p].upos == "ADP" {
        p = p.checked_sub(1)?;
    }
    let comma = syn.words[p].form == ",";
    let mut a = match (comma, lang) {
        (true, _) => p.checked_sub(1)?,
        (false, Lang::En) if p + 1 == w => p,
        _ => return None,
    };
    // "said Mrs. Higgins, 37, who works at …": English news sets a person's age between
    // commas right after the name; the relative clause is about the person, not the number.
    if comma
        && lang == Lang::En
        && syn.words[a].upos == "NUM"
        && a >= 2
        && syn.words[a - 1].form == ","
    {
        a -= 2;
    }
    // German moves a relative clause behind the verbs that end its clause: "Die Elbwerft AG
    // ist an der Nordlicht GmbH beteiligt, an der die Wagner AG die Mehrheit hält". The name
    // right before those verbs is the antecedent.
    if lang == Lang::De {
        let mut b = a;
        while b > 0
            && (matches!(syn.words[b].upos.as_str(), "VERB" | "AUX")
                || (syn.words[b].upos == "PART" && b < a))
        {
            b -= 1;
        }
        if b < a && named(b) {
            a = b;
        }
    }
    if !named(a) {
        return None;
    }
    let genitive = a >= 2 && {
        let before = syn.words[a - 1].form.to_lowercase();
        (lex.genitive_determiners.has(lang, &before) || syn.words[a - 1].upos == "ADP")
            && syn.words[a - 2].upos == "NOUN"
    };
    (!genitive).then_some(a)
}

/// An organisation's grammatical gender, from the last word of its name (its legal form or
/// head: "Elbwerft AG", "Deutsche Bank") or the company noun right before it ("der Reisekonzern
/// Alpina"). Compounds take their head's gender ("Autokonzern").
pub fn org_gender(name: &str, before: Option<&str>, lex: &Lexicon, lang: Lang) -> Option<Gender> {
    let of = |word: &str| {
        let w = word.to_lowercase();
        let w = w.trim_end_matches('.');
        let matches = |f: &Forms| {
            f.of(lang).any(|n| {
                w == n
                    || (n.chars().count() >= 4
                        && w.strip_suffix(n)
                            .is_some_and(|rest| rest.chars().count() >= 3 || rest.ends_with('-')))
            })
        };
        if matches(&lex.feminine_org_nouns) {
            Some(Gender::Fem)
        } else if matches(&lex.masculine_org_nouns) {
            Some(Gender::Masc)
        } else if matches(&lex.neuter_org_nouns) {
            Some(Gender::Neut)
        } else {
            None
        }
    };
    name.split_whitespace()
        .next_back()
        .and_then(of)
        .or_else(|| before.and_then(of))
}

/// Whether a sentence's words could refer back (a cheap test before tagging): a pronoun, or a
/// definite article (or "beide") right before a word that ends in a `refnoun` ("der
/// Autokonzern"). Returns the types referred to.
pub fn cues(words: &[&str], lex: &Lexicon, lang: Lang) -> Vec<EntityType> {
    let mut out = Vec::new();
    // Each word lower-cased once: the article test reads the previous word's.
    // (Borrowed when a word is its own lower case: `text::lower`.)
    let lowers: Vec<Cow<'_, str>> = words.iter().map(|w| crate::text::lower(w)).collect();
    for (k, lower) in lowers.iter().enumerate() {
        // The four pronoun lists, and the articles with `both`, each one lookup.
        if lex.is_cue_pronoun(lang, lower) {
            out.push(EntityType::Person);
            out.push(EntityType::Organization);
        } else if k > 0
            && lex.is_cue_article(lang, &lowers[k - 1])
            // Inflected forms too ("Konzerns", "Autobauern"): the noun is a prefix of the
            // word's last part, so it is looked for anywhere in the word.
            && lex.reference_noun_in(lang, lower)
        {
            out.push(EntityType::Organization);
        }
    }
    out.sort();
    out.dedup();
    out
}
