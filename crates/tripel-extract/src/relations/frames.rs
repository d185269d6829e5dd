//! Verb frames: relations read off the syntax instead of the word order.
//!
//! A surface pattern ("ORG übernimmt ORG") covers one word order and one tense; German says
//! the same fact in a main clause, a verb-final subordinate clause, the perfect ("hat …
//! übernommen"), with a modal, in the passive ("wurde von X übernommen") or in an infinitive
//! clause ("plant, X zu übernehmen"). A frame names the verb's lemma and which syntactic
//! argument fills the subject and the object; the parse of [`crate::text::syntax`] supplies the
//! arguments whatever the surface order, so one frame covers all of these.
//!
//! # The frame files (`data/frames/{de,en}.frames`)
//!
//! ```text
//! @language de
//! # id                  verb             predicate  confidence  subject    object        example
//! de/acquires/übernehmen übernehmen      acquires   0.8         nsubj:ORG  obj:ORG       Die Siemens AG übernimmt die Altair GmbH.
//! de/announces/bekanntgeben bekannt|geben announces 0.7         nsubj:ORG  obj:PROD      …
//! ```
//!
//! * **verb**: the lemma; `particle|lemma` for a separable verb ("bekannt|geben" matches "gab
//!   … bekannt" and "bekanntgeben"); a leading `sich ` requires the reflexive ("sich treffen");
//!   a leading noun (alternatives joined by `/`) makes a light verb that says the relation only
//!   with that noun as its object ("Anerkennung/Lob aus|sprechen": "sprach ihr Anerkennung aus"
//!   praises, "sprach ihr Misstrauen aus" does not); `*fabrik` takes the compounds the noun
//!   heads too ("Chipfabrik"), `über:fusion` the noun in a phrase with that preposition
//!   ("verhandelt mit X über eine Fusion").
//! * **subject**, **object**: `DEP:TYPES` with DEP one of `nsubj`, `nsubjpass` (the subject of
//!   a passive verb, for frames that exist only in the passive: "is based in"), `obj`, `iobj`, or `obl/PREP`
//!   / `nmod/PREP` (an oblique or nominal modifier with that preposition: `obl/in`), and TYPES
//!   the entity types the slot accepts, comma-separated: `PER`, `ORG`, `LOC`, `PROD`. An object
//!   slot may also take `THING`, a common noun that names no entity ("Airbus baut **Flugzeuge**"),
//!   or `THING=stelle|arbeitsplatz`, only those nouns (lemmas, also as a compound's head:
//!   "Vollzeitstellen"), or `THING!=werk|fabrik`, any but those; such facts come from
//!   [`Frames::apply_things`]. Nouns too vague to be an
//!   object on their own ("Teil", "Jahr") are `vaguenoun` in grammar.tsv.
//! * **example**: a sentence the frame must read its fact from; a test runs every example.
//!
//! What one frame covers without further entries:
//! * the **passive**: when the verb has a passive auxiliary or a passive subject, an `nsubj`
//!   subject is read from `obl/von` or `obl/durch` (`by` in English) and an `obj` object from
//!   the passive subject;
//! * **shared subjects**: a verb without a subject takes the one of the verb it is an
//!   infinitive complement (`xcomp`) or a conjunct (`conj`) of;
//! * **coordination** on either side: "Siemens, Bosch und Infineon" gives three facts;
//! * **appositions and flat names**: "der Konzern Siemens" fills a slot with Siemens;
//! * **reciprocals**: with "sich gegenseitig" or "einander" (`reciprocal` in grammar.tsv) and no
//!   object of its own, a frame whose object slot is `obj` or `iobj` relates the subjects to each
//!   other: "Siemens und Bosch loben sich gegenseitig" gives both directions;
//! * **negation**: a negated verb ("übernimmt nicht", "does not") gives no fact;
//! * **modality**: a modal auxiliary ("will übernehmen") or a verb of intention above the
//!   frame's verb ("plant, X zu übernehmen") gives the fact the qualifier `modality`
//!   (`intention` or `possibility`): the text says it may happen, not that it did.
//!
//! The words these readings test (negations, negating determiners, modals, verbs of intention
//! and of saying, argument prepositions) are language data, in `data/lexicon/grammar.tsv`
//! ([`Words`] reads them).

use crate::lexicon::{Lexicon, LexiconError};
use crate::model::{EntityType, Lang};
use crate::ontology::Ontology;
use crate::text::syntax::Syntax;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;

/// Which syntactic argument fills a slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dep {
    /// The (active) subject.
    Nsubj,
    /// The subject of a passive verb, as a frame's own slot ("X is based in Y"): `nsubjpass`.
    NsubjPass,
    /// The direct object.
    Obj,
    /// The indirect object.
    Iobj,
    /// An oblique argument with this preposition (lower case).
    Obl(String),
    /// A nominal modifier with this preposition (lower case).
    Nmod(String),
}

/// One argument slot of a frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The syntactic argument.
    pub dep: Dep,
    /// The entity types it accepts ([`EntityType::Thing`]: a common noun, `THING` in the file).
    pub types: Vec<EntityType>,
    /// For a slot that takes a common noun: the nouns it is limited to (lower-case lemmas, each
    /// also as the head of a compound: `stelle` takes "Vollzeitstellen"); empty for any noun.
    pub nouns: Vec<String>,
    /// For a slot that takes a common noun: nouns it never takes, matched as [`Slot::nouns`]
    /// (`THING!=werk|fabrik`: a company that "baut eine Chipfabrik" makes no chip factories).
    pub except: Vec<String>,
}

/// One verb frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Rule id (the fact's provenance).
    pub id: String,
    /// The verb's lemma, lower case, without its particle.
    pub lemma: String,
    /// A separable particle ("bekannt" of "bekannt|geben").
    pub particle: Option<String>,
    /// Whether the verb needs its reflexive ("sich treffen").
    pub reflexive: bool,
    /// For a verb that says the relation only with one of these nouns as its object ("jemandem
    /// Anerkennung aussprechen"): their lower-case lemmas; empty for any verb of the lemma. A
    /// leading `*` takes the compounds the noun heads too (`*fabrik`: "Chipfabrik"), a leading
    /// `PREP:` the noun in a phrase of the verb with that preposition instead of as its object
    /// (`über:fusion`: "verhandelt über eine Fusion"; session 20).
    pub nouns: Vec<String>,
    /// The ontology predicate.
    pub predicate: String,
    /// Confidence of its facts.
    pub confidence: f32,
    /// Who or what the fact is about.
    pub subject: Slot,
    /// The other side.
    pub object: Slot,
    /// A sentence the frame reads its fact from.
    pub example: String,
}

/// The frames of one language, indexed by lemma.
#[derive(Debug, Clone, Default)]
pub struct Frames {
    /// All frames in file order.
    pub frames: Vec<Frame>,
    /// (Fx hashing: the map is only looked up, never iterated for output, and it is asked
    /// for every lemma of every sentence.)
    by_lemma: FxHashMap<String, Vec<usize>>,
    /// Unstressed verb prefixes (`verbprefix` in grammar.tsv): see [`Frames::lemma_of`].
    prefixes: Vec<String>,
    /// The frame lemmas' rests after one of [`Frames::prefixes`] ("hören" of "gehören"): a
    /// lemma is such a rest exactly when some prefix before it makes a frame's lemma, which
    /// [`Frames::has_verb`] asks of every lemma of every sentence before parsing.
    prefixed_rests: FxHashSet<String>,
    /// The participles that stand before a noun for a frame with a common noun in an oblique
    /// slot ("die auf Logistiksoftware spezialisierte Nordlicht GmbH"), with the frame that
    /// reads them: [`attributive_participle`].
    participles: FxHashMap<String, usize>,
}

/// A fact a frame read off a sentence: mention indices (as given by the caller's lookup).
#[derive(Debug, Clone, PartialEq)]
pub struct FrameFact {
    /// Index of the frame in [`Frames::frames`].
    pub frame: usize,
    /// The subject's mention.
    pub subject: usize,
    /// The object's mention.
    pub object: usize,
    /// `intention` or `possibility` when the text says the fact may happen.
    pub modality: Option<&'static str>,
}

/// A fact whose object is a common noun of the sentence, not a name ([`Frames::apply_things`]):
/// "Airbus baut Flugzeuge", "Boeing will Stellen streichen".
#[derive(Debug, Clone, PartialEq)]
pub struct ThingFact {
    /// Index of the frame in [`Frames::frames`].
    pub frame: usize,
    /// The subject's mention.
    pub subject: usize,
    /// The object: the index of its head noun in the parse.
    pub noun: usize,
    /// As for [`FrameFact`].
    pub modality: Option<&'static str>,
}

/// A fact read off a verb that has no frame ([`Frames::open_relations`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OpenFact {
    /// The predicate: the verb's lemma (with its separable particle), and for an oblique
    /// argument its preposition: `verhandeln-mit`, `sprechen-über`.
    pub predicate: String,
    /// The subject's mention.
    pub subject: usize,
    /// The object's mention.
    pub object: usize,
    /// As for frames.
    pub modality: Option<&'static str>,
}

/// The types an open relation's subject may have: who acts.
const OPEN_SUBJECTS: &[EntityType] = &[EntityType::Person, EntityType::Organization];
/// The types an open relation's object may have (not places: "eröffnet in Berlin" says where,
/// which the ontology's place predicates and the evidence already carry).
const OPEN_OBJECTS: &[EntityType] = &[
    EntityType::Person,
    EntityType::Organization,
    EntityType::Product,
];

/// What a verb's own dependents say about every reading of it.
struct Verb {
    /// Its separable particle ("bekannt" of "gab … bekannt"), lower case.
    particle: Option<String>,
    /// Whether it has its reflexive ("sich").
    reflexive: bool,
    /// Whether the reflexive means "each other" ("sich gegenseitig", "einander"; `reciprocal`
    /// in grammar.tsv, on the verb or one of its arguments, where the parser often hangs it).
    reciprocal: bool,
    /// Lower-case lemmas of the words a light verb's frame may need ([`Words::light_nouns`]),
    /// each with its preposition (`None` for an object: "verhandelt über eine Fusion" gives
    /// `über` and `fusion`, for a frame noun `über:fusion`).
    nouns: Vec<(Option<String>, String)>,
    /// Whether a negation attaches to it (`negation` in grammar.tsv): no fact.
    negated: bool,
    /// Whether it is passive.
    passive: bool,
    /// `intention` or `possibility`, from a modal auxiliary or a verb of intention above it.
    modality: Option<&'static str>,
    /// Whether an adverb of its own says it held before and holds no longer ("die früher bei
    /// Bosch arbeitete": `formeradverb` in grammar.tsv); a post's frame is then `former`.
    former: bool,
}

/// The words each frame reading needs from `data/lexicon/grammar.tsv`, for one language.
pub struct Words<'a> {
    /// The language data.
    pub lex: &'a Lexicon,
    /// The sentence's language.
    pub lang: Lang,
}

/// Verb `v`'s lemma in lower case with its separable particle in front ("gab … bekannt" →
/// "bekanntgeben"), the form the word lists of grammar.tsv give a separable verb in.
pub(crate) fn lemma_with_particle(syn: &Syntax, children: &[Vec<usize>], v: usize) -> String {
    let particle = children[v]
        .iter()
        .find(|&&c| syn.words[c].deprel == "compound:prt")
        .map(|&c| syn.words[c].form.to_lowercase())
        .unwrap_or_default();
    format!("{particle}{}", syn.words[v].lemma.to_lowercase())
}

impl Words<'_> {
    fn verb(&self, syn: &Syntax, children: &[Vec<usize>], v: usize) -> Verb {
        // (Borrowed for a word of ASCII lower case: `text::lower`.)
        let lower = |i: usize| crate::text::lower(&syn.words[i].form);
        let deps = &children[v];
        let reflexive = deps
            .iter()
            .any(|&c| syn.words[c].lemma.eq_ignore_ascii_case("sich") || lower(c) == "sich");
        Verb {
            particle: deps
                .iter()
                .find(|&&c| syn.words[c].deprel == "compound:prt")
                .map(|&c| lower(c).into_owned()),
            reflexive,
            reciprocal: reflexive
                && deps.iter().any(|&c| {
                    self.lex.reciprocals.has(self.lang, &lower(c))
                        || children[c]
                            .iter()
                            .any(|&g| self.lex.reciprocals.has(self.lang, &lower(g)))
                }),
            nouns: self
                .light_nouns(syn, children, v)
                .into_iter()
                .map(|(c, prep)| (prep, syn.words[c].lemma.to_lowercase()))
                .collect(),
            negated: self.negated_verb(syn, children, v) || self.denied_above(syn, children, v),
            passive: is_passive(syn, children, v, self),
            modality: self.modality(syn, children, v),
            former: deps.iter().any(|&c| {
                // The parser may take "früher" for an adjective ("die früher bei … arbeitete").
                matches!(syn.words[c].deprel.as_str(), "advmod" | "amod")
                    && self.lex.former_adverbs.has(self.lang, &lower(c))
            }),
        }
    }

    /// The words of verb `v` that may be a light verb's noun ([`Frame::nouns`]), each with its
    /// preposition: its object nouns (an `obl` or `obl:arg` without preposition counts: the
    /// parser's usual slips) and predicative adjectives with none; its obliques with a
    /// preposition, and the phrases with a preposition hung on its object or oblique ("löst
    /// Jonas Pfeiffer an der Spitze … ab", "verhandelt mit der Nordlicht GmbH über eine Fusion"
    /// with the phrase on the name; session 20), each with that preposition.
    fn light_nouns(
        &self,
        syn: &Syntax,
        children: &[Vec<usize>],
        v: usize,
    ) -> Vec<(usize, Option<String>)> {
        let mut out = Vec::new();
        for &c in &children[v] {
            let d = syn.words[c].deprel.as_str();
            // "sich gegenseitig Anerkennung aussprechen": the parser may take the reciprocal
            // word for the noun's preposition.
            let prep =
                preposition(syn, children, c).filter(|p| !self.lex.reciprocals.has(self.lang, p));
            let noun = syn.words[c].upos == "NOUN";
            if noun && (d == "obj" || (matches!(d, "obl" | "obl:arg") && prep.is_none())) {
                out.push((c, None));
            } else if syn.words[c].upos == "ADJ" && d == "xcomp" {
                // "für etwas verantwortlich machen": a predicative adjective too.
                out.push((c, None));
            } else if noun && d == "obl" {
                out.push((c, prep));
            }
            if matches!(d, "obj" | "obl" | "obl:arg") {
                for &g in &children[c] {
                    if syn.words[g].upos == "NOUN" && syn.words[g].deprel == "nmod" {
                        if let Some(p) = preposition(syn, children, g) {
                            out.push((g, Some(p)));
                        }
                    }
                }
            }
        }
        out
    }

    /// Whether a verb above `v`, of which it is the infinitive or `dass` complement, denies it
    /// or is negated: "dementiert, die Nordlicht GmbH zu übernehmen", "lehnt es ab, … zu
    /// kaufen", "plant nicht, … zu übernehmen" (`denyverb`, `negation` in grammar.tsv).
    fn denied_above(&self, syn: &Syntax, children: &[Vec<usize>], v: usize) -> bool {
        let mut cur = v;
        while matches!(syn.words[cur].deprel.as_str(), "xcomp" | "ccomp") {
            let Some(h) = syn.head(cur) else { break };
            if self.denies(syn, children, h) || self.negated_verb(syn, children, h) {
                return true;
            }
            cur = h;
        }
        false
    }

    /// Whether verb `v`, with its separable particle, is one that denies, rejects or ends what
    /// it governs ("dementieren", "ab|lehnen", "scheitern": `denyverb` in grammar.tsv).
    pub(crate) fn denies(&self, syn: &Syntax, children: &[Vec<usize>], v: usize) -> bool {
        self.lex
            .deny_verbs
            .has(self.lang, &lemma_with_particle(syn, children, v))
    }

    /// A question (the sentence ends in "?") or a condition the verb's clause is under
    /// ("Falls die Elbwerft AG die Nordlicht GmbH übernimmt, …": `condmark` in grammar.tsv)
    /// makes it possible only; else a modal auxiliary of the verb, or a verb of intention it is
    /// the infinitive complement of ("plant, … zu übernehmen").
    pub(crate) fn modality(
        &self,
        syn: &Syntax,
        children: &[Vec<usize>],
        v: usize,
    ) -> Option<&'static str> {
        // "Übernimmt die Elbwerft AG die Nordlicht GmbH?": a question asserts nothing.
        if syn.words.last().is_some_and(|w| w.form == "?") {
            return Some("possibility");
        }
        if children[v].iter().any(|&c| {
            syn.words[c].deprel == "mark"
                && self
                    .lex
                    .condition_marks
                    .has(self.lang, &crate::text::lower(&syn.words[c].form))
        }) {
            return Some("possibility");
        }
        for &c in &children[v] {
            let w = &syn.words[c];
            if w.deprel.starts_with("aux") {
                let l = w.lemma.to_lowercase();
                if self.lex.modals_of_intention.has(self.lang, &l) {
                    return Some("intention");
                }
                if self.lex.modals_of_possibility.has(self.lang, &l) {
                    return Some("possibility");
                }
            }
        }
        let mut cur = v;
        // Up through infinitive complements: "plant, … zu übernehmen".
        while syn.words[cur].deprel == "xcomp" {
            let Some(h) = syn.head(cur) else { break };
            if self
                .lex
                .intention_verbs
                .has(self.lang, &crate::text::lower(&syn.words[h].lemma))
            {
                return Some("intention");
            }
            cur = h;
        }
        // "Harbor Corp.'s plans to cut 500 jobs": the infinitive clause of a noun of intention
        // (the lemma of a verb of intention). Also where the tagger took the verb "plans" for
        // a noun and the parser made it the infinitive's subject ("Harbor Corp. plans to …").
        let intent_noun = |h: usize| {
            syn.words[h].upos == "NOUN"
                && self
                    .lex
                    .intention_verbs
                    .has(self.lang, &crate::text::lower(&syn.words[h].lemma))
        };
        if syn.words[cur].deprel == "acl" && syn.head(cur).is_some_and(intent_noun) {
            return Some("intention");
        }
        let infinitive = children[cur]
            .iter()
            .any(|&c| syn.words[c].deprel == "mark" && syn.words[c].upos == "PART");
        if infinitive
            && children[cur]
                .iter()
                .any(|&c| syn.words[c].deprel.starts_with("nsubj") && intent_noun(c))
        {
            return Some("intention");
        }
        // "will X rausholen und Stellen streichen": a conjunct without an auxiliary of its own
        // is under its governor's modal too.
        let own_aux = children[v]
            .iter()
            .any(|&c| syn.words[c].deprel.starts_with("aux"));
        match syn.head(v) {
            Some(h) if syn.words[v].deprel == "conj" && !own_aux && syn.words[h].upos == "VERB" => {
                self.modality(syn, children, h)
            }
            _ => None,
        }
    }

    /// Whether verb `v` has a negation of its own ("Heute wird nicht gestreikt"), or a negated
    /// coordination in its own clause ("Weder X noch Y wollen …": `negcoord` in grammar.tsv).
    pub(crate) fn negated_verb(&self, syn: &Syntax, children: &[Vec<usize>], v: usize) -> bool {
        let is = |forms: &crate::lexicon::Forms, c: usize| {
            forms.has(self.lang, &crate::text::lower(&syn.words[c].form))
        };
        if children[v].iter().any(|&c| is(&self.lex.negations, c)) {
            return true;
        }
        // "Weder Siemens noch Bosch wollen Osram kaufen", "will weder Osram noch Ledvance
        // kaufen": "weder" hangs somewhere in the verb's own clause (at an argument, at a
        // conjunct of the modal), and negates the verb as "nicht" does. Not inside a clause
        // of its own below the verb. Most sentences have no such word: look for one before
        // walking the tree.
        if !(0..syn.words.len()).any(|k| is(&self.lex.negated_coordinations, k)) {
            return false;
        }
        let mut stack: Vec<usize> = children[v].clone();
        while let Some(c) = stack.pop() {
            if is(&self.lex.negated_coordinations, c) {
                return true;
            }
            let d = syn.words[c].deprel.as_str();
            let base = d.split(':').next().unwrap_or(d);
            let clause = matches!(
                base,
                "ccomp" | "advcl" | "acl" | "xcomp" | "parataxis" | "csubj"
            );
            if !clause {
                stack.extend(children[c].iter().copied());
            }
        }
        false
    }

    /// Whether a negation before nominal `n` denies it ("Nicht Siemens, sondern Bosch
    /// übernimmt …", "Bosch, nicht Siemens, übernimmt …"): a negation among its children
    /// that stands before it, not one a focus word follows ("nicht nur Siemens").
    pub(crate) fn negated_nominal(&self, syn: &Syntax, children: &[Vec<usize>], n: usize) -> bool {
        children[n].iter().any(|&c| {
            c < n
                && self
                    .lex
                    .negates(self.lang, &crate::text::lower(&syn.words[c].form))
                && !syn.words.get(c + 1).is_some_and(|x| {
                    self.lex
                        .negation_focus
                        .has(self.lang, &crate::text::lower(&x.form))
                })
        })
    }

    /// Whether a determiner negates noun `n` ("keine Firma").
    pub(crate) fn negated_noun(&self, syn: &Syntax, children: &[Vec<usize>], n: usize) -> bool {
        children[n].iter().any(|&c| {
            syn.words[c].deprel == "det"
                && self
                    .lex
                    .negating_determiners
                    .has(self.lang, &crate::text::lower(&syn.words[c].form))
        })
    }
}

impl Frames {
    /// Parses and checks one frame file; returns its language and frames. Every predicate must
    /// be declared in the ontology; each error names the file and line.
    ///
    /// ```
    /// use tripel_extract::ontology::Ontology;
    /// use tripel_extract::relations::frames::Frames;
    /// let onto = Ontology::embedded().unwrap();
    /// let text = "@language de\nde/x\tübernehmen\tacquires\t0.8\tnsubj:ORG\tobj:ORG\tA übernimmt B.\n";
    /// let (lang, frames) = Frames::parse("de.frames", text, &onto).unwrap();
    /// assert_eq!(frames.frames[0].predicate, "acquires");
    /// assert!(Frames::parse("de.frames", &text.replace("acquires", "eats"), &onto).is_err());
    /// assert!(Frames::parse("de.frames", &text.replace("obj:ORG", "obj:FOO"), &onto).is_err());
    /// // A common noun may be what a verb acts on, never who acts.
    /// let (_, things) = Frames::parse("de.frames", &text.replace("obj:ORG", "obj:THING=stelle"), &onto).unwrap();
    /// assert_eq!(things.frames[0].object.nouns, ["stelle"]);
    /// assert!(Frames::parse("de.frames", &text.replace("nsubj:ORG", "nsubj:THING"), &onto).is_err());
    /// ```
    pub fn parse(
        file: &str,
        text: &str,
        ontology: &Ontology,
    ) -> Result<(Lang, Frames), LexiconError> {
        let (lang, lines) = read_lines(file, text, ontology, "verb")?;
        let mut out = Frames::default();
        for l in lines {
            let err = |message: String| line_error(file, l.line, message);
            // "sich treffen", "Anerkennung/Lob aus|sprechen": the reflexive and the nouns the
            // verb needs come before it.
            let mut parts: Vec<&str> = l.head.split_whitespace().collect();
            let verb = parts.pop().unwrap_or_default();
            let reflexive = parts.first() == Some(&"sich");
            let nouns: Vec<String> = parts
                .iter()
                .skip(usize::from(reflexive))
                .flat_map(|p| p.split('/'))
                .map(str::to_lowercase)
                .collect();
            if parts.len() > usize::from(reflexive) + 1 {
                return Err(err(format!("cannot read the verb {:?}", l.head)));
            }
            let (particle, lemma) = match verb.split_once('|') {
                Some((p, l)) => (Some(p.to_lowercase()), l.to_lowercase()),
                None => (None, verb.to_lowercase()),
            };
            if lemma.is_empty() {
                return Err(err("empty verb".into()));
            }
            let subject = parse_slot(l.subject).map_err(err)?;
            if subject.types.contains(&EntityType::Thing) {
                // Who acts is named: a common noun as subject ("Experten kritisieren …") would
                // relate nothing a reader can look up.
                return Err(err("THING is for objects only".into()));
            }
            let frame = Frame {
                id: l.id.to_owned(),
                lemma,
                particle,
                reflexive,
                nouns,
                predicate: l.predicate.to_owned(),
                confidence: l.confidence,
                subject,
                object: parse_slot(l.object).map_err(err)?,
                example: l.example.to_owned(),
            };
            out.by_lemma
                .entry(frame.lemma.clone())
                .or_default()
                .push(out.frames.len());
            if let Some(participle) = attributive_participle(&frame) {
                // The first frame of the participle reads it (one fact, one rule).
                out.participles
                    .entry(participle)
                    .or_insert(out.frames.len());
            }
            if let Some(p) = &frame.particle {
                // "bekanntgeben" as one lemma, as the tagger gives it in a verb-final clause.
                out.by_lemma
                    .entry(format!("{p}{}", frame.lemma))
                    .or_default()
                    .push(out.frames.len());
            }
            out.frames.push(frame);
        }
        Ok((lang, out))
    }

    /// Sets the language's unstressed verb prefixes (`verbprefix` in grammar.tsv): "gehört"
    /// is read as "gehören", not "hören", when only the longer verb has a frame.
    pub fn set_verb_prefixes<'a>(&mut self, prefixes: impl Iterator<Item = &'a str>) {
        self.prefixes = prefixes.map(str::to_lowercase).collect();
        self.prefixed_rests = self
            .by_lemma
            .keys()
            .flat_map(|k| {
                self.prefixes
                    .iter()
                    .filter_map(|p| k.strip_prefix(p.as_str()))
            })
            .map(str::to_owned)
            .collect();
    }

    /// Every lemma [`Frames::has_verb`] accepts (in lower case): the frames' lemmas, their
    /// rests after a prefix, the participles (`text::tag_gate` inverts the lemmatizer over them).
    pub fn verb_keys(&self) -> impl Iterator<Item = &str> {
        self.by_lemma
            .keys()
            .chain(&self.prefixed_rests)
            .chain(self.participles.keys())
            .map(String::as_str)
    }

    /// Whether some frame's verb is among these lemmas (a sentence without one is not parsed).
    pub fn has_verb(&self, lemmas: &[&str]) -> bool {
        lemmas.iter().any(|l| {
            // Most lemmas are ASCII lower case already: no new string (`text::lower`).
            let l = crate::text::lower(l);
            // A prefix before the lemma makes a frame's lemma: `prefixed_rests`.
            self.by_lemma.contains_key(l.as_ref())
                || self.prefixed_rests.contains(l.as_ref())
                || self.participles.contains_key(l.as_ref())
        })
    }

    /// The lemma to look a verb up by. The present tense of a verb with an unstressed prefix
    /// is written like the participle of the verb without it ("gehört": "gehören" or "hören"),
    /// and the lemmatizer, which cannot tell them apart, prefers the participle: when only the
    /// longer verb has a frame, the word is read as that verb (its frame still needs its
    /// arguments).
    fn lemma_of(&self, form: &str, lemma: String) -> String {
        if self.by_lemma.contains_key(&lemma) {
            return lemma;
        }
        let form = crate::text::lower(form);
        for p in &self.prefixes {
            // The longer lemma is made only for a prefix the form has and the lemma lacks.
            if lemma.starts_with(p.as_str()) || !form.starts_with(p.as_str()) {
                continue;
            }
            let longer = format!("{p}{lemma}");
            if self.by_lemma.contains_key(&longer) {
                return longer;
            }
        }
        lemma
    }

    /// Whether some frame could relate two of these mentions' types: a sentence of places only
    /// (a traffic report) is not worth parsing when no frame takes two places.
    pub fn could_relate(&self, types: &[EntityType]) -> bool {
        self.frames
            .iter()
            .any(|f| pair_fits(types, &f.subject.types, &f.object.types))
    }

    /// Whether some frame could relate one of these mentions to a common noun of the sentence
    /// ("Airbus baut Flugzeuge"): a sentence with a single name is then worth parsing.
    ///
    /// A place alone does not count. Every traffic report names one, and the frame that lets a
    /// state do something to a common noun ("Bayern und Hessen kündigen Klagen gegen Nordlicht
    /// an") would send each such sentence to the tagger: 47 M more instructions per pass of the
    /// bench, for sentences that almost always name someone else too (here the company sued).
    pub fn could_take_thing(&self, types: &[EntityType]) -> bool {
        self.frames.iter().any(|f| {
            f.object.types.contains(&EntityType::Thing)
                && types
                    .iter()
                    .any(|t| *t != EntityType::Place && f.subject.types.contains(t))
        })
    }

    /// Adds to `out` every frame that could read a word with this form and lemma in some parse:
    /// the frames of its lemma as `Frames::readings` looks it up (`lemma_of`), and of an
    /// attributive participle as [`Frames::apply_things`] does. The parse decides which of
    /// them read it; the pipeline asks after tagging whether any of them could be filled
    /// ([`Frames::could_fill`]), and parses the sentence only then.
    pub fn frames_of_word(&self, form: &str, lemma: &str, words: &Words<'_>, out: &mut Vec<usize>) {
        let key = self.lemma_of(form, lemma.to_lowercase());
        out.extend(self.by_lemma.get(&key).into_iter().flatten().copied());
        if self.participles.is_empty() {
            return;
        }
        let lemma = crate::text::lower(lemma);
        let form = crate::text::lower(form);
        out.extend(self.participles.get(lemma.as_ref()).copied());
        out.extend(
            (words.lex.adjective_endings.of(words.lang))
                .filter_map(|e| form.strip_suffix(e).and_then(|s| self.participles.get(s)))
                .copied(),
        );
    }

    /// Whether frame `fi` could find its arguments among these types, one entry per argument
    /// the sentence can give (its mentions, and what its referring words may stand for):
    /// [`Frames::apply`] needs two different ones of its slots' types (a single subject with
    /// itself as object is dropped), [`Frames::apply_things`] one subject of the slot's types
    /// (any common noun may be the object), or a person who may head a company where the slot
    /// takes an organisation and no person (`chief_of`: only where the sentence names two
    /// mentions, `chief`, for the person and the company a role pattern relates there). A
    /// superset: the parse decides.
    ///
    /// The words of the sentence count where a frame names them: a slot's preposition
    /// (`obl/auf`: the word "auf", which `preposition` reads, whatever the parse); for a
    /// reading of the verb (`Frames::readings`, not an attributive participle, which
    /// [`Frames::apply_things`] reads without these) its separable particle ("bekannt" of
    /// "bekannt|geben", or a word whose lemma is the whole verb), its reflexive ("sich") and a
    /// light verb's noun ([`Frame::nouns`]: some noun or adjective of the sentence has that
    /// lemma, as `Words::verb` reads them); and a slot limited to some common nouns
    /// ([`Slot::nouns`]: some noun of the sentence is one, as `common_nouns` matches them).
    pub fn could_fill(
        &self,
        fi: usize,
        types: &[EntityType],
        chief: bool,
        tagged: &Tagged<'_>,
        words: &Words<'_>,
    ) -> bool {
        let f = &self.frames[fi];
        let (subject, object) = (&f.subject.types, &f.object.types);
        let n = tagged.forms.len();
        let preposition_ok = |slot: &Slot| match &slot.dep {
            Dep::Obl(p) | Dep::Nmod(p) => tagged.has(p),
            _ => true,
        };
        if !preposition_ok(&f.subject) || !preposition_ok(&f.object) {
            return false;
        }
        let particle_ok = || match &f.particle {
            None => true,
            Some(p) => {
                let whole = format!("{p}{}", f.lemma);
                tagged.has(p)
                    || (0..n).any(|k| {
                        self.lemma_of(&tagged.forms[k], tagged.lemmas[k].to_lowercase()) == whole
                    })
            }
        };
        let reflexive_ok = || {
            !f.reflexive
                || (0..n).any(|k| {
                    tagged.lemmas[k].eq_ignore_ascii_case("sich") || tagged.lower[k] == "sich"
                })
        };
        let light_ok = || {
            f.nouns.is_empty()
                || (0..n).any(|k| {
                    matches!(tagged.upos[k], "NOUN" | "ADJ")
                        && f.nouns.iter().any(|e| {
                            let (prep, noun) = split_light_noun(e);
                            prep.is_none_or(|p| tagged.has(p))
                                && light_lemma_fits(noun, &tagged.lemmas[k].to_lowercase())
                        })
                })
        };
        let participle = || self.participles.values().any(|&p| p == fi);
        if !(participle() || (particle_ok() && reflexive_ok() && light_ok())) {
            return false;
        }
        let thing = || {
            f.object.nouns.is_empty()
                || (0..n).any(|k| {
                    tagged.upos[k] == "NOUN"
                        && listed(
                            &f.object.nouns,
                            &tagged.lemmas[k].replace('\u{ad}', "").to_lowercase(),
                            &tagged.forms[k].replace('\u{ad}', "").to_lowercase(),
                            words,
                        )
                })
        };
        pair_fits(types, subject, object)
            || (object.contains(&EntityType::Thing)
                && types.iter().any(|t| {
                    subject.contains(t)
                        || (chief
                            && *t == EntityType::Person
                            && subject.contains(&EntityType::Organization)
                            && !subject.contains(&EntityType::Person))
                })
                && thing())
    }

    /// Calls `read(frame, verb word, verb)` for every reading of a frame's verb in the sentence:
    /// the lemma (with its particle and reflexive) is the frame's, the word acts as a verb, and
    /// no negation attaches to it.
    fn readings(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        children: &[Vec<usize>],
        mut read: impl FnMut(usize, usize, &Verb),
    ) {
        for (v, w) in syn.words.iter().enumerate() {
            let lemma = self.lemma_of(&w.form, w.lemma.to_lowercase());
            let Some(candidates) = self.by_lemma.get(&lemma) else {
                continue;
            };
            // A verb, or a word the tagger mistook ("verschmilzt" as an adjective) that the
            // parser still gave a subject or object.
            let predicate_like = w.upos == "VERB"
                || children[v].iter().any(|&c| {
                    matches!(syn.words[c].deprel.as_str(), "nsubj" | "obj" | "nsubj:pass")
                });
            if !predicate_like {
                continue;
            }
            let mut verb = words.verb(syn, children, v);
            if verb.negated {
                continue;
            }
            // A frame's verb that is itself one of intention ("Die Elbwerft AG plant einen
            // Stellenabbau") says what is meant to happen, as a verb of intention above it would.
            if verb.modality.is_none() && words.lex.intention_verbs.has(words.lang, &lemma) {
                verb.modality = Some("intention");
            }
            for &fi in candidates {
                let f = &self.frames[fi];
                // The particle must be the frame's: "gab … bekannt" is not "geben".
                let particle_ok = match (&f.particle, &verb.particle) {
                    (Some(p), Some(q)) => p == q && lemma == f.lemma,
                    (Some(p), None) => {
                        lemma == format!("{p}{}", f.lemma)
                            || (lemma == f.lemma && stray_particle(syn, children, v, p))
                    }
                    (None, None) => true,
                    (None, Some(_)) => false,
                };
                let noun_ok = f.nouns.is_empty()
                    || verb
                        .nouns
                        .iter()
                        .any(|(p, n)| f.nouns.iter().any(|e| light_noun_fits(e, p.as_deref(), n)));
                if particle_ok && noun_ok && (!f.reflexive || verb.reflexive) {
                    read(fi, v, &verb);
                }
            }
        }
    }

    /// The facts the frames read off a parsed sentence. `mention_of(word)` is the mention (and
    /// its type) that covers a word, if any; a word's coordinated and appositive words are
    /// looked up too.
    pub fn apply(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
    ) -> Vec<FrameFact> {
        let mut out = Vec::new();
        let children = syn.child_lists();
        self.readings(syn, words, &children, |fi, v, verb| {
            let f = &self.frames[fi];
            let at = |slot| slot_mentions(syn, &children, v, slot, verb.passive, words, mention_of);
            let (subjects, mut objects) = (at(&f.subject), at(&f.object));
            if objects.is_empty() {
                objects = light_noun_phrase(syn, &children, v, f, words, mention_of);
            }
            if objects.is_empty()
                && verb.reciprocal
                && matches!(f.object.dep, Dep::Obj | Dep::Iobj)
                && !verb.passive
                && f.subject.types.iter().all(|t| f.object.types.contains(t))
            {
                // "Siemens und Bosch loben sich gegenseitig": each about the other. A single
                // subject that stands for two ("die beiden Chefs") gives a fact with itself as
                // object, which the caller turns into the two facts between the pair.
                if let [s] = subjects[..] {
                    out.push(FrameFact {
                        frame: fi,
                        subject: s,
                        object: s,
                        modality: verb.modality,
                    });
                }
                push_pairs(&mut out, fi, &subjects, &subjects, verb.modality);
                return;
            }
            // A post held before ("die früher bei Bosch arbeitete"): the predicates of posts are
            // those roles.tsv gives role nouns, whose former holders the patterns mark too.
            let modality = if verb.former
                && verb.modality.is_none()
                && words.lex.roles.values().any(|p| *p == f.predicate)
            {
                Some("former")
            } else {
                verb.modality
            };
            if f.subject.dep == f.object.dep {
                // "Linde und Praxair schließen sich zusammen": both slots are the coordinated
                // subjects, and a symmetric predicate needs each pair once, in the order written
                // (session 20).
                for &s in &subjects {
                    let later: Vec<usize> = objects.iter().copied().filter(|&o| o > s).collect();
                    push_pairs(&mut out, fi, &[s], &later, modality);
                }
                return;
            }
            push_pairs(&mut out, fi, &subjects, &objects, modality);
        });
        out
    }

    /// The facts of frames whose object slot takes a common noun (`THING`), for the object
    /// words that name no entity: "Airbus baut Flugzeuge" gives Airbus `manufactures`
    /// "Flugzeuge". The subject must still be a mention of the slot's types; an object word
    /// that is a name (or stands next to one: "der Konzern Siemens") is [`Frames::apply`]'s.
    ///
    /// A company's chief speaks for it: when the slot takes an organisation but no person and
    /// its word is a person whom the sentence names as the head of a company (`chief_of`: the
    /// company's mention, "Intel-Chef Brian Krzanich will stärker auf Rechenzentren setzen"),
    /// the company is the subject.
    pub fn apply_things(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
        chief_of: &dyn Fn(usize) -> Option<usize>,
    ) -> Vec<ThingFact> {
        let mut out = Vec::new();
        let children = syn.child_lists();
        self.readings(syn, words, &children, |fi, v, verb| {
            let f = &self.frames[fi];
            if !f.object.types.contains(&EntityType::Thing) {
                return;
            }
            let mut objects = fill(syn, &children, v, &f.object, verb.passive, words);
            if objects.is_empty() && f.object.dep == Dep::Obj && !verb.passive {
                // The parser often takes a bare plural for an oblique ("500 Stellen streichen"
                // as `obl`); with no preposition it can only be the object.
                objects = children[v]
                    .iter()
                    .copied()
                    .filter(|&c| {
                        syn.words[c].deprel == "obl" && preposition(syn, &children, c).is_none()
                    })
                    .collect();
            }
            let nouns = common_nouns(syn, &children, &objects, &f.object, words, mention_of);
            if nouns.is_empty() {
                return;
            }
            let mut subjects = slot_mentions(
                syn,
                &children,
                v,
                &f.subject,
                verb.passive,
                words,
                mention_of,
            );
            if subjects.is_empty()
                && f.subject.types.contains(&EntityType::Organization)
                && !f.subject.types.contains(&EntityType::Person)
            {
                let person = Slot {
                    types: vec![EntityType::Person],
                    ..f.subject.clone()
                };
                subjects =
                    slot_mentions(syn, &children, v, &person, verb.passive, words, mention_of)
                        .into_iter()
                        .filter_map(chief_of)
                        .collect();
                subjects.sort_unstable();
                subjects.dedup();
            }
            if !subjects.is_empty() {
                // "Die Nordlicht GmbH entwickelt gemeinsam mit der Elbwerft AG ein Schiff": the
                // company it does it with does it too.
                subjects.extend(together_with(
                    syn, &children, v, &f.subject, words, mention_of,
                ));
                subjects.sort_unstable();
                subjects.dedup();
            }
            push_things(&mut out, fi, &subjects, &nouns, verb.modality);
        });
        // "die auf Logistiksoftware spezialisierte Nordlicht GmbH", "das auf Immunonkologie
        // spezialisierte Unternehmen Apogenix AG": the participle before the noun says of the
        // noun's company what "hat sich auf … spezialisiert" says of a subject; its own
        // prepositional phrase is the object.
        if self.participles.is_empty() {
            return out;
        }
        for (w, word) in syn.words.iter().enumerate() {
            if word.deprel != "amod" || word.head == 0 {
                continue;
            }
            // The lemmatizer gives the participle ("spezialisiert") or the verb; the form
            // then without its adjective ending.
            let lemma = crate::text::lower(&word.lemma);
            let form = crate::text::lower(&word.form);
            let found = self.participles.get(lemma.as_ref()).or_else(|| {
                (words.lex.adjective_endings.of(words.lang)).find_map(|e| {
                    form.strip_suffix(e)
                        .and_then(|stem| self.participles.get(stem))
                })
            });
            let Some(&fi) = found else {
                continue;
            };
            let f = &self.frames[fi];
            let Dep::Obl(p) = &f.object.dep else {
                continue;
            };
            let objects: Vec<usize> = children[w]
                .iter()
                .copied()
                .filter(|&c| {
                    matches!(syn.words[c].deprel.as_str(), "nmod" | "obl")
                        && preposition(syn, &children, c).as_deref() == Some(p.as_str())
                })
                .collect();
            let nouns = common_nouns(syn, &children, &objects, &f.object, words, mention_of);
            if nouns.is_empty() {
                continue;
            }
            let head = word.head - 1;
            let subjects = mentions(syn, &children, &[head], &f.subject.types, words, mention_of);
            push_things(&mut out, fi, &subjects, &nouns, None);
        }
        out
    }

    /// Whether an open relation could join two of these mentions' types.
    pub fn could_relate_openly(types: &[EntityType]) -> bool {
        pair_fits(types, OPEN_SUBJECTS, OPEN_OBJECTS)
    }

    /// Open relations: a verb with no frame whose subject and object (or an oblique argument
    /// with a preposition) are recognised entities still says something about them ("Amazon
    /// verhandelt mit Ebay"). The predicate is the lemma (plus the preposition), outside the
    /// ontology. Only active, unnegated verbs; the subject a person or organisation.
    pub fn open_relations(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
    ) -> Vec<OpenFact> {
        let children = syn.child_lists();
        let mut out = Vec::new();
        for (v, w) in syn.words.iter().enumerate() {
            if w.upos != "VERB" {
                continue;
            }
            let verb = words.verb(syn, &children, v);
            let lemma = format!(
                "{}{}",
                verb.particle.as_deref().unwrap_or_default(),
                w.lemma.to_lowercase()
            );
            // A verb with a frame speaks through its frame; a verb of saying relates a speaker
            // to what was said; a lemma that is no plain word (a tagging accident) makes no
            // predicate. A light verb's frame speaks only with its noun: "verhandelt mit X über
            // eine Fusion" is the merger frame's, "verhandelt mit X" stays an open relation.
            let framed = self.by_lemma.get(&lemma).is_some_and(|fs| {
                fs.iter().any(|&fi| {
                    let f = &self.frames[fi];
                    f.nouns.is_empty()
                        || verb.nouns.iter().any(|(p, n)| {
                            f.nouns.iter().any(|e| light_noun_fits(e, p.as_deref(), n))
                        })
                })
            });
            if framed
                || words.lex.saying_verbs.has(words.lang, &lemma)
                || words.lex.no_open_verbs.has(words.lang, &lemma)
                || lemma.chars().count() < 3
                || !lemma.chars().all(char::is_alphabetic)
                || verb.negated
                || verb.passive
            {
                continue;
            }
            // Only the reading the parser gets right most often: the verb's own subject, before
            // the verb (the first position of a main clause, or a subordinate clause's subject),
            // its arguments after the subject. No subject inherited through an infinitive or a
            // conjunct: open relations have no frame to check them against.
            let (own_subjects, direct) = core_roles(syn, &children, v, words);
            let Some(&first_subject) = own_subjects.iter().min() else {
                continue;
            };
            if first_subject > v {
                continue;
            }
            let subjects = mentions(
                syn,
                &children,
                &own_subjects,
                OPEN_SUBJECTS,
                words,
                mention_of,
            );
            if subjects.is_empty() {
                continue;
            }
            let mut objects: Vec<(String, Vec<usize>)> = Vec::new();
            let direct: Vec<usize> = direct.into_iter().filter(|&o| o > first_subject).collect();
            objects.push((
                lemma.clone(),
                mentions(syn, &children, &direct, OPEN_OBJECTS, words, mention_of),
            ));
            for &c in &children[v] {
                if syn.words[c].deprel.split(':').next() != Some("obl") {
                    continue;
                }
                let Some(prep) = preposition(syn, &children, c) else {
                    continue;
                };
                if c < first_subject || !words.lex.argument_prepositions.has(words.lang, &prep) {
                    continue;
                }
                let found = mentions(syn, &children, &[c], OPEN_OBJECTS, words, mention_of);
                objects.push((format!("{lemma}-{prep}"), found));
            }
            for (predicate, objs) in objects {
                for &s in &subjects {
                    for &o in &objs {
                        if s != o {
                            out.push(OpenFact {
                                predicate: predicate.clone(),
                                subject: s,
                                object: o,
                                modality: verb.modality,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

/// The words that fill a slot of verb `v`.
fn fill(
    syn: &Syntax,
    children: &[Vec<usize>],
    v: usize,
    slot: &Slot,
    passive: bool,
    words: &Words<'_>,
) -> Vec<usize> {
    let by = |deps: &[&str]| -> Vec<usize> {
        children[v]
            .iter()
            .copied()
            .filter(|&c| deps.contains(&syn.words[c].deprel.as_str()))
            .collect()
    };
    let with_prep = |base: &str, preps: &[&str]| -> Vec<usize> {
        children[v]
            .iter()
            .copied()
            .filter(|&c| {
                let d = syn.words[c].deprel.as_str();
                (d == base || d.starts_with(&format!("{base}:")))
                    && preposition(syn, children, c).is_some_and(|p| preps.contains(&p.as_str()))
            })
            .collect()
    };
    match (&slot.dep, passive) {
        (Dep::Nsubj, true) => with_prep("obl", &["von", "durch", "by"]),
        (Dep::Obj, true) => by(&["nsubj:pass"]),
        (Dep::Nsubj, _) => {
            let own = core_roles(syn, children, v, words).0;
            if !own.is_empty() {
                return own;
            }
            // An infinitive complement or a conjunct shares its governor's subject; so does a
            // conjunct of a copular predicate ("who is a major in the Corps and works at …").
            let w = &syn.words[v];
            // A conjunct shares the subject of a verb the tagger read as an auxiliary too: a
            // full verb that can be one ("Die Elbwerft AG wuchs kräftig und kündigte einen
            // Stellenabbau an" with "wuchs" tagged AUX) or a copula as the clause's root.
            let predicate = |h: usize| {
                syn.words[h].upos == "VERB"
                    || (w.deprel == "conj"
                        && (syn.words[h].upos == "AUX"
                            || children[h].iter().any(|&c| syn.words[c].deprel == "cop")))
            };
            // Not a "conjunct" the parser made of a relative clause that has no conjunction:
            // "hat die Nordlicht GmbH übernommen, die Software entwickelt" (the relative
            // pronoun read as the object's article) is not about the buyer.
            let relative_clause = |h: usize| {
                let between = (h.min(v) + 1)..h.max(v);
                !between.clone().any(|k| syn.words[k].upos == "CCONJ")
                    && between.into_iter().any(|k| {
                        syn.words[k].form == ","
                            && syn.words.get(k + 1).is_some_and(|r| {
                                words
                                    .lex
                                    .relative_pronouns
                                    .has(words.lang, &crate::text::lower(&r.form))
                            })
                    })
            };
            // An adverbial infinitive clause opened by "um", "ohne", "statt" (`controlmark` in
            // grammar.tsv) has its governor's subject too: "GM pumpt 500 Millionen in Lyft, um
            // ein Netz zu entwickeln" is about GM.
            let controlled = w.deprel == "advcl"
                && children[v].iter().any(|&c| {
                    syn.words[c].deprel == "mark"
                        && words
                            .lex
                            .control_marks
                            .has(words.lang, &crate::text::lower(&syn.words[c].form))
                });
            // "ließ Ritsos eine Flüsterstimme verkünden": the infinitive of a causative
            // (`causative` in grammar.tsv) has its own subject, the one made to act.
            let causative = |h: usize| {
                words
                    .lex
                    .causatives
                    .has(words.lang, &crate::text::lower(&syn.words[h].lemma))
            };
            // "Harbor Corp. plans to acquire Kelmore Inc.": the English tagger takes the verb
            // "plans" for a noun, and the parser makes the infinitive that noun's clause (`acl`)
            // and the company its compound. A noun of intention (the lemma of a verb of
            // intention: `intentverb` in grammar.tsv) whose "to"-infinitive this is lends it the
            // name it has as compound or possessor ("Harbor Corp.'s plans to acquire …") as
            // subject (session 21); not under a negating determiner ("no plans to acquire").
            let intention_noun = |h: usize| {
                let n = &syn.words[h];
                n.upos == "NOUN"
                    && words
                        .lex
                        .intention_verbs
                        .has(words.lang, &crate::text::lower(&n.lemma))
                    && children[v]
                        .iter()
                        .any(|&c| syn.words[c].deprel == "mark" && syn.words[c].upos == "PART")
                    && !children[h].iter().any(|&c| {
                        syn.words[c].deprel == "det"
                            && words
                                .lex
                                .negating_determiners
                                .has(words.lang, &crate::text::lower(&syn.words[c].form))
                    })
            };
            match (w.deprel.as_str(), syn.head(v)) {
                ("acl", Some(h)) if intention_noun(h) => children[h]
                    .iter()
                    .copied()
                    .filter(|&c| {
                        matches!(syn.words[c].deprel.as_str(), "compound" | "nmod:poss")
                            && syn.words[c].upos == "PROPN"
                    })
                    .collect(),
                ("conj", Some(h)) if relative_clause(h) => Vec::new(),
                ("xcomp", Some(h)) if causative(h) => Vec::new(),
                ("xcomp" | "conj", Some(h)) if predicate(h) => {
                    core_roles(syn, children, h, words).0
                }
                ("advcl", Some(h)) if controlled && syn.words[h].upos == "VERB" => {
                    core_roles(syn, children, h, words).0
                }
                _ => Vec::new(),
            }
        }
        (Dep::Obj, false) => core_roles(syn, children, v, words).1,
        (Dep::NsubjPass, _) => by(&["nsubj:pass"]),
        // The German treebank writes many dative objects as `obl:arg` (an argument without a
        // preposition), and the parser follows it.
        (Dep::Iobj, _) => children[v]
            .iter()
            .copied()
            .filter(|&c| {
                let d = syn.words[c].deprel.as_str();
                d == "iobj" || (d == "obl:arg" && preposition(syn, children, c).is_none())
            })
            .collect(),
        (Dep::Obl(p), _) => {
            let own = with_prep("obl", &[p.as_str()]);
            if !own.is_empty() {
                return own;
            }
            // "liefert Motoren an die Elbwerft AG", "hat ihre Logistik in die Nordlicht GmbH
            // ausgegliedert" with the phrase hung on the object: after a direct object the
            // parse cannot tell the verb's phrase from the noun's, and a phrase with the very
            // preposition the verb's frame asks for is the verb's (its valency). So is one hung
            // on a measure phrase of the verb ("ist zu 51 Prozent an der Nordlicht GmbH
            // beteiligt", "mit 30 Prozent an …"): an oblique with a number in it says how
            // much, and the parser hangs the next phrase on it; a measure coordinated with it
            // carries its own ("zu 29 Prozent an Air Berlin und zu 49 Prozent an Alitalia").
            let measure = |o: usize| children[o].iter().any(|&n| syn.words[n].deprel == "nummod");
            let on_object: Vec<usize> = children[v]
                .iter()
                .filter(|&&o| {
                    let d = syn.words[o].deprel.as_str();
                    d == "obj" || (d == "obl" && measure(o))
                })
                .flat_map(|&o| {
                    let more = children[o]
                        .iter()
                        .copied()
                        .filter(move |&c| syn.words[c].deprel == "conj" && measure(c));
                    std::iter::once(o).chain(more)
                })
                .flat_map(|o| children[o].iter().copied())
                .filter(|&c| {
                    syn.words[c].deprel == "nmod"
                        && preposition(syn, children, c).is_some_and(|q| q == *p)
                })
                .collect();
            if !on_object.is_empty() || slot.types.contains(&EntityType::Thing) {
                return on_object;
            }
            // "Nach Informationen der SZ verhandelt Bosch mit Continental über eine Fusion":
            // after a subject that follows its verb, the parser hangs the verb's phrase on the
            // subject (session 20). A name's phrase with the very preposition the frame asks
            // for is the verb's, when it is a name too (`PROPN`: the slot takes names only
            // here); "die Elbwerft AG mit Sitz in Kiel" has a common noun there.
            by(&["nsubj"])
                .into_iter()
                .filter(|&s| s > v && syn.words[s].upos == "PROPN")
                .flat_map(|s| children[s].iter().copied())
                .filter(|&c| {
                    syn.words[c].deprel == "nmod"
                        && syn.words[c].upos == "PROPN"
                        && preposition(syn, children, c).is_some_and(|q| q == *p)
                })
                .collect()
        }
        (Dep::Nmod(p), _) => with_prep("nmod", &[p.as_str()]),
    }
}

/// A light verb's noun entry ([`Frame::nouns`]) split into its preposition, if it has one
/// (`über:fusion`: the noun in a phrase with "über"), and its noun (`*fabrik`: also the
/// compounds it heads).
fn split_light_noun(entry: &str) -> (Option<&str>, &str) {
    match entry.split_once(':') {
        Some((p, n)) => (Some(p), n),
        None => (None, entry),
    }
}

/// Whether a noun's lower-case lemma is a light verb's noun as the frame writes it: the noun
/// itself, or with a leading `*` any compound it heads ("Chipfabrik", "Carsharing-Dienst").
fn light_lemma_fits(noun: &str, lemma: &str) -> bool {
    match noun.strip_prefix('*') {
        Some(head) => lemma.ends_with(head),
        None => lemma == noun,
    }
}

/// Whether a noun of the verb with this lower-case lemma, in a phrase with this preposition
/// (`None`: an object, a bare oblique, a predicative adjective), is the light verb's noun
/// `entry` ([`split_light_noun`], [`light_lemma_fits`]): "verhandelt mit X über eine Fusion"
/// fits `über:fusion`, "baut eine Chipfabrik" fits `*fabrik`, "übernimmt die Mehrheit" fits
/// `mehrheit` (session 20).
fn light_noun_fits(entry: &str, prep: Option<&str>, lemma: &str) -> bool {
    let (want, noun) = split_light_noun(entry);
    want == prep && light_lemma_fits(noun, lemma)
}

/// A light verb's prepositional object hung on its noun rather than on the verb: "übernimmt
/// die Mehrheit an der Nordlicht GmbH", where the parser reads "an der Nordlicht GmbH" as the
/// noun's modifier. Only for frames that need such a noun and an `obl/PREP` object.
fn light_noun_phrase(
    syn: &Syntax,
    children: &[Vec<usize>],
    v: usize,
    f: &Frame,
    words: &Words<'_>,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Vec<usize> {
    let Dep::Obl(p) = &f.object.dep else {
        return Vec::new();
    };
    if f.nouns.is_empty() {
        return Vec::new();
    }
    let heads: Vec<usize> = words
        .light_nouns(syn, children, v)
        .into_iter()
        .filter(|(c, prep)| {
            let lemma = syn.words[*c].lemma.to_lowercase();
            f.nouns
                .iter()
                .any(|e| light_noun_fits(e, prep.as_deref(), &lemma))
        })
        .flat_map(|(c, _)| children[c].iter().copied())
        .filter(|&g| {
            let d = syn.words[g].deprel.as_str();
            // German says "von" and the genitive alike of a noun's owner: "in den Profikader
            // von Borussia Nordstadt", "bei den Profis des FC Nordlicht" (session 21).
            let prep = preposition(syn, children, g);
            (d == "nmod" || d.starts_with("nmod:"))
                && (prep.as_deref() == Some(p.as_str())
                    || (prep.is_none() && p == "von" && words.lang == Lang::De))
        })
        .collect();
    mentions(syn, children, &heads, &f.object.types, words, mention_of)
}

/// The mentions that fill a slot of verb `v`: its words, with their coordinated and
/// appositive words, type-checked.
fn slot_mentions(
    syn: &Syntax,
    children: &[Vec<usize>],
    v: usize,
    slot: &Slot,
    passive: bool,
    words: &Words<'_>,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Vec<usize> {
    let heads = fill(syn, children, v, slot, passive, words);
    mentions(syn, children, &heads, &slot.types, words, mention_of)
}

/// A fact for every subject and object that are not the same mention.
pub(crate) fn push_pairs(
    out: &mut Vec<FrameFact>,
    frame: usize,
    subjects: &[usize],
    objects: &[usize],
    modality: Option<&'static str>,
) {
    for &subject in subjects {
        for &object in objects {
            if subject != object {
                out.push(FrameFact {
                    frame,
                    subject,
                    object,
                    modality,
                });
            }
        }
    }
}

/// The mentions of `slot`'s types in a "gemeinsam mit" phrase of verb `v` (`args::repair` hangs
/// the phrase on the verb): whoever does something together with the subject does it too.
fn together_with(
    syn: &Syntax,
    children: &[Vec<usize>],
    v: usize,
    slot: &Slot,
    words: &Words<'_>,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Vec<usize> {
    let heads: Vec<usize> = children[v]
        .iter()
        .copied()
        .filter(|&c| {
            syn.words[c].deprel == "obl"
                && children[c].iter().any(|&k| {
                    syn.words[k].deprel == "case"
                        && k > 0
                        && words.lex.opens_together(
                            words.lang,
                            &syn.words[k - 1].form,
                            &syn.words[k].form,
                        )
                        && syn.head(k - 1) == Some(v)
                })
        })
        .collect();
    mentions(syn, children, &heads, &slot.types, words, mention_of)
}

/// Predicates whose common-noun object keeps the words after its noun that say what kind of
/// thing it is ([`thing_end`]): what a company makes, offers, develops or focuses on is "Chips
/// für Rechenzentren" or "das Internet der Dinge", not "Chip" or "Internet". Jobs cut or plans
/// announced keep the bare noun, which is counted and compared across documents.
pub(crate) const PRODUCT_PREDICATES: &[&str] =
    &["manufactures", "supplies", "develops", "focusesOn"];

/// The last word of the phrase of a product noun `w` ([`PRODUCT_PREDICATES`]). Two bare nouns
/// side by side after one preposition are one phrase ("auf Asset Management", "auf Cloud
/// Computing": the German parser splits the English compound; a preposition opens one nominal,
/// and no article opens a second; not before a third noun or a number: "Ende Juni 2017"). Then
/// one complement right after the noun, a "für" phrase ("Chips für Rechenzentren") or a
/// genitive without a name ("das Internet der Dinge"), without its conjuncts, relative clauses
/// or appositions. Nothing that names an entity. The label's last word and the text's: the
/// label keeps only a genitive.
pub(crate) fn thing_end(
    syn: &Syntax,
    children: &[Vec<usize>],
    w: usize,
    words: &Words<'_>,
    named: &dyn Fn(usize) -> bool,
) -> (usize, usize) {
    let n = syn.words.len();
    let mut head = w;
    let next = w + 1;
    if words.lang == Lang::De
        && next < n
        && syn.words[next].upos == "NOUN"
        && syn.words[next].form.starts_with(char::is_uppercase)
        && !named(next)
        && children[w].iter().any(|&c| syn.words[c].deprel == "case")
        && !children[w].iter().any(|&c| syn.words[c].deprel == "det")
        && (syn.head(next) == Some(w) || syn.head(next) == syn.head(w))
        && !children[next]
            .iter()
            .any(|&c| matches!(syn.words[c].deprel.as_str(), "det" | "case"))
        && !(next + 1 < n && matches!(syn.words[next + 1].upos.as_str(), "NOUN" | "PROPN" | "NUM"))
    {
        head = next;
    }
    let end = head;
    // The complement, from its first word (the preposition or article right after the noun).
    let complement = children[w]
        .iter()
        .chain(children[head].iter())
        .copied()
        .filter(|&c| c > end && syn.words[c].deprel == "nmod" && syn.words[c].upos == "NOUN")
        .find(|&c| {
            let case: Vec<usize> = children[c]
                .iter()
                .copied()
                .filter(|&k| syn.words[k].deprel == "case")
                .collect();
            match case[..] {
                [k] => words
                    .lex
                    .purpose_prepositions
                    .has(words.lang, &crate::text::lower(&syn.words[k].form)),
                [] => children[c].iter().any(|&k| {
                    syn.words[k].deprel == "det" && syn.words[k].feat("Case") == Some("Gen")
                }),
                _ => false,
            }
        });
    if let Some(c) = complement {
        let mut span = vec![c];
        let mut todo = vec![c];
        while let Some(x) = todo.pop() {
            for &k in &children[x] {
                if !matches!(
                    syn.words[k].deprel.as_str(),
                    "conj" | "cc" | "punct" | "acl" | "acl:relcl" | "appos" | "parataxis"
                ) {
                    span.push(k);
                    todo.push(k);
                }
            }
        }
        let (lo, hi) = (
            span.iter().copied().min().unwrap_or(c),
            span.iter().copied().max().unwrap_or(c),
        );
        let contiguous = span.len() == hi - lo + 1;
        if lo == end + 1 && contiguous && !span.iter().any(|&k| named(k)) {
            // A genitive says what kind of thing it is and is part of its name; a "für"
            // phrase says what it is for, often a customer ("Gebäudeservice für
            // Genossenschaften"), and stays out of the label: the text keeps it.
            let genitive = !children[c].iter().any(|&k| syn.words[k].deprel == "case");
            return (if genitive { hi } else { end }, hi);
        }
    }
    (end, end)
}

/// A common-noun object `w` as a phrase: its first word (the noun, or the adjectives right
/// before it: "künstliche Intelligenz"; not its quantifiers, numbers, article or a name) and the
/// noun's dictionary form, if the lemma is a plain word (a lemmatizer slip, "Fahr" for "Fähren",
/// keeps the written form).
pub(crate) fn thing(
    syn: &Syntax,
    w: usize,
    words: &Words<'_>,
    named: &dyn Fn(usize) -> bool,
) -> (usize, Option<String>) {
    let lang = words.lang;
    let mut first = w;
    while first > 0 {
        let a = &syn.words[first - 1];
        let modifier = a.head == w + 1
            && ((a.upos == "ADJ"
                && a.deprel == "amod"
                && !words.lex.quantifiers.contains(&a.form.to_lowercase())
                && (lang != Lang::De || a.form.chars().next().is_some_and(char::is_lowercase)))
                || (lang == Lang::En && a.upos == "NOUN" && a.deprel == "compound"));
        if !modifier || named(first - 1) {
            break;
        }
        first -= 1;
    }
    let head = &syn.words[w];
    // Of a hyphenated compound only the last part is inflected, and the lemmatizer lower-cases
    // the others ("E-klasse"): the written parts, then the last part's lemma in the form's case.
    let lemma = match (head.form.rsplit_once('-'), head.lemma.rsplit('-').next()) {
        (Some((parts, last)), Some(lemma_last)) => {
            let mut l = lemma_last.chars();
            let initial = l.next().map(|c| {
                if last.starts_with(char::is_uppercase) {
                    c.to_uppercase().collect::<String>()
                } else {
                    c.to_string()
                }
            });
            format!("{parts}-{}{}", initial.unwrap_or_default(), l.as_str())
        }
        _ => head.lemma.clone(),
    };
    let plain = match lang {
        Lang::De => words
            .lex
            .is_noun_or_compound_de(lemma.rsplit('-').next().unwrap_or_default()),
        Lang::En => head.lemma.chars().all(|c| c.is_alphabetic() || c == '-'),
    };
    (first, plain.then_some(lemma))
}

/// Whether the verb has the frame's separable particle under another label: "Die Elbwerft AG
/// gab eine Kapitalerhöhung bekannt" is parsed with "bekannt" as the verb's `xcomp` (lemma
/// "bekennen") when an indefinite object stands before it, though "gab die Kapitalerhöhung
/// bekannt" gets `compound:prt`. The particle's word must follow the verb, be the frame's
/// particle as written and have no dependents of its own but punctuation: a predicative or
/// adverb with words of its own ("gab sich zufrieden mit …") is no particle. A main clause
/// closes with its particle: nothing of the verb's but punctuation may follow it ("gab heute
/// bekannt, Anfang des Jahres die Aufnahme eines Kredits realisiert zu haben": "Aufnahme",
/// hung on "gab", is the infinitive clause's object, not what was announced).
fn stray_particle(syn: &Syntax, children: &[Vec<usize>], v: usize, particle: &str) -> bool {
    let punct = |i: usize| syn.words[i].upos == "PUNCT";
    children[v].iter().any(|&c| {
        let w = &syn.words[c];
        c > v
            && matches!(w.deprel.as_str(), "xcomp" | "advmod" | "compound" | "dep")
            && crate::text::lower(&w.form) == particle
            && children[c].iter().all(|&g| punct(g))
            && children[v].iter().all(|&d| d <= c || punct(d))
    })
}

/// Whether verb `v` is passive: a passive auxiliary, or a passive subject without the
/// auxiliary of the perfect ("übernommen wurde", not "übernommen hat").
fn is_passive(syn: &Syntax, children: &[Vec<usize>], v: usize, words: &Words<'_>) -> bool {
    let deps = &children[v];
    let rel = |d: &str| deps.iter().any(|&c| syn.words[c].deprel == d);
    let perfect = deps.iter().any(|&c| {
        syn.words[c].deprel == "aux"
            && words
                .lex
                .perfect_auxiliaries
                .has(words.lang, &crate::text::lower(&syn.words[c].lemma))
    });
    // "sein" with a zu-infinitive is a passive of necessity or possibility: "In den Hauptrollen
    // sind A und B zu sehen" (A and B are seen), "die Firma ist zu verkaufen".
    let modal_passive = deps.iter().any(|&c| {
        syn.words[c].deprel == "mark"
            && (words.lex.zu_passive).has(words.lang, &crate::text::lower(&syn.words[c].form))
    }) && deps.iter().any(|&c| {
        matches!(syn.words[c].deprel.as_str(), "aux" | "cop")
            && words
                .lex
                .copulas
                .has(words.lang, &crate::text::lower(&syn.words[c].lemma))
    });
    rel("aux:pass") || (rel("nsubj:pass") && !perfect) || modal_passive
}

/// The subjects and direct objects of an active verb. The parse decides when it is consistent
/// (one subject, one object). A parser trained on little German often labels both nominals of
/// "Die Siemens übernimmt die Bosch" as subjects; then morphology decides where it can (a
/// determiner marked nominative or accusative) and otherwise word order: the subject comes
/// first, the default order of main and subordinate clauses alike.
fn core_roles(
    syn: &Syntax,
    children: &[Vec<usize>],
    v: usize,
    words: &Words<'_>,
) -> (Vec<usize>, Vec<usize>) {
    // A passive subject of a verb that is not passive is its subject when it has no other ("die
    // die Nordlicht GmbH übernommen hat": the relative pronoun is labelled `nsubj:pass`).
    let has = |d: &str| children[v].iter().any(|&c| syn.words[c].deprel == d);
    let active = !is_passive(syn, children, v, words) && !has("nsubj");
    let subject_rel = |d: &str| d == "nsubj" || (active && d == "nsubj:pass");
    // A clause that opens after a comma with one of the verb's own words ("Alpina, zu dem die
    // Fluglinie Nordwind gehört") has no arguments before that comma: a nominal there that the
    // parser attached to the verb belongs to the clause the relative clause modifies.
    let pronoun_of_v = |q: usize| {
        let r = if syn.words[q + 1].upos == "ADP" {
            q + 2
        } else {
            q + 1
        };
        r < v
            && syn.head(r) == Some(v)
            && matches!(syn.words[r].upos.as_str(), "PRON" | "DET")
            && syn.words[r].deprel != "det"
    };
    let opens = (0..v)
        .rev()
        .find(|&q| syn.words[q].form == "," && pronoun_of_v(q))
        .unwrap_or(0);
    let mut core: Vec<usize> = children[v]
        .iter()
        .copied()
        .filter(|&c| {
            let d = syn.words[c].deprel.as_str();
            c >= opens && (subject_rel(d) || d == "obj")
        })
        .collect();
    // "Es übernimmt die Nordlicht GmbH": a pronoun before the verb that the parser took for an
    // expletive is the subject when the other nominal is accusative.
    let accusative = |n: usize| {
        children[n]
            .iter()
            .any(|&c| syn.words[c].deprel == "det" && syn.words[c].feats.contains("Case=Acc"))
    };
    if core.len() == 1 && accusative(core[0]) {
        if let Some(&e) = children[v]
            .iter()
            .find(|&&c| c < v && syn.words[c].deprel == "expl")
        {
            return (vec![e], core);
        }
    }
    core.sort_unstable();
    let subjects: Vec<usize> = core
        .iter()
        .copied()
        .filter(|&c| subject_rel(&syn.words[c].deprel))
        .collect();
    let objects: Vec<usize> = core
        .iter()
        .copied()
        .filter(|&c| syn.words[c].deprel == "obj")
        .collect();
    if core.len() != 2 || (subjects.len() == 1 && objects.len() == 1) {
        return (subjects, objects);
    }
    // The determiner's case is the surer signal: names themselves carry no case ending.
    let case = |n: usize| -> Option<&str> {
        let of = |k: usize| {
            syn.words[k]
                .feat("Case")
                .filter(|c| matches!(*c, "Nom" | "Acc"))
        };
        children[n]
            .iter()
            .copied()
            .filter(|&c| syn.words[c].deprel == "det")
            .find_map(of)
            .or_else(|| of(n))
    };
    let (a, b) = (core[0], core[1]);
    let (ca, cb) = (case(a), case(b));
    let swap = (ca == Some("Acc") && cb != Some("Acc")) || (cb == Some("Nom") && ca != Some("Nom"));
    if swap {
        (vec![b], vec![a])
    } else {
        (vec![a], vec![b])
    }
}

/// The participle that stands before a noun for frame `f`, if it has one that says the frame's
/// fact of that noun: a verb in "-ieren" (whose participle is its stem with "t", without "ge-":
/// "spezialisiert", "konzentriert", "fokussiert") with a common noun in an oblique slot and no
/// particle or noun of its own. Other verbs' participles before a noun are passive ("die von X
/// entwickelte Software": the noun is the object).
fn attributive_participle(f: &Frame) -> Option<String> {
    if !matches!(f.object.dep, Dep::Obl(_))
        || !f.object.types.contains(&EntityType::Thing)
        || f.particle.is_some()
        || !f.nouns.is_empty()
    {
        return None;
    }
    f.lemma
        .strip_suffix("ieren")
        .map(|stem| format!("{stem}iert"))
}

/// Every subject with every common noun of frame `fi`: "Airbus baut Flugzeuge und
/// Hubschrauber" gives two facts.
fn push_things(
    out: &mut Vec<ThingFact>,
    fi: usize,
    subjects: &[usize],
    nouns: &[usize],
    modality: Option<&'static str>,
) {
    for &subject in subjects {
        for &noun in nouns {
            out.push(ThingFact {
                frame: fi,
                subject,
                noun,
                modality,
            });
        }
    }
}

/// Whether a mention of these types can be the subject of a frame whose object is a common noun.
pub(crate) fn takes_thing(
    types: &[EntityType],
    subject: &[EntityType],
    object: &[EntityType],
) -> bool {
    object.contains(&EntityType::Thing) && types.iter().any(|t| subject.contains(t))
}

/// Whether two different mentions of these types can be a subject of `subject` types and an
/// object of `object` types.
pub(crate) fn pair_fits(
    types: &[EntityType],
    subject: &[EntityType],
    object: &[EntityType],
) -> bool {
    types.iter().enumerate().any(|(i, a)| {
        subject.contains(a)
            && types
                .iter()
                .enumerate()
                .any(|(j, b)| i != j && object.contains(b))
    })
}

/// The preposition of a nominal: its `case` child, lower case ("im" gives "in").
pub(crate) fn preposition(syn: &Syntax, children: &[Vec<usize>], n: usize) -> Option<String> {
    children[n]
        .iter()
        .find(|&&c| syn.words[c].deprel == "case")
        .map(|&c| syn.words[c].form.to_lowercase())
}

/// The mentions a slot's words name, with their coordinated words, type-checked.
pub(crate) fn mentions(
    syn: &Syntax,
    children: &[Vec<usize>],
    heads: &[usize],
    types: &[EntityType],
    words: &Words<'_>,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Vec<usize> {
    let mut out = Vec::new();
    walk_coordinated(syn, children, heads, |w, todo| {
        if words.negated_noun(syn, children, w) {
            return false;
        }
        // A denied conjunct names no filler; the ones coordinated with it still may ("nicht
        // Siemens, sondern Bosch": Bosch is Siemens's conjunct).
        if words.negated_nominal(syn, children, w) {
            return true;
        }
        let mut named = named_by(syn, children, w, mention_of);
        if named.is_some() && mention_of(w).is_none() {
            // Named by its apposition ("die Alphabet-Tochter Google und Facebook"): the names
            // coordinated with the apposition come with it. Not one in parentheses, which
            // names the same thing again ("E-Plus (O2)").
            todo.extend(children[w].iter().copied().filter(|&c| {
                matches!(syn.words[c].deprel.as_str(), "appos" | "flat" | "flat:name")
                    && mention_of(c).is_some()
                    && !(c > 0 && syn.words[c - 1].form == "(")
            }));
        }
        if named.is_none() && syn.words[w].upos == "NOUN" {
            named = class_noun_name(syn, children, w, words, mention_of);
        }
        if named.is_none() && syn.words[w].upos == "NOUN" {
            // "mit Branchengrößen wie Allianz und Axa": the examples stand for the noun
            // (`example` in grammar.tsv).
            // The names coordinated with the first example come with it.
            todo.extend(first_example(syn, w, words, &|k| mention_of(k).is_some()));
        }
        if named.is_some_and(|(_, kind)| !types.contains(&kind)) {
            // "Der Ludwigshafener Chemiekonzern BASF": the parser may head the phrase with the
            // place adjective (a place mention); the name is in its apposition right after it
            // (not "Berlin (dpa) - …", a dateline).
            // Likewise a name the parser made the noun's `flat` part, after a demonym
            // ("des amerikanischen Unternehmens TRW").
            named = children[w]
                .iter()
                .filter(|&&c| {
                    (syn.words[c].deprel == "appos" && c == w + 1)
                        || (syn.words[c].deprel.starts_with("flat") && c > w)
                })
                .filter_map(|&c| named_by(syn, children, c, mention_of))
                .find(|(_, kind)| types.contains(kind));
        }
        if let Some((m, kind)) = named {
            if types.contains(&kind) && !out.contains(&m) {
                out.push(m);
            }
        }
        true
    });
    out.sort_unstable();
    out
}

/// The first name among noun `n`'s examples ("Branchengrößen wie Allianz und Axa", "Marken wie
/// die HDI": `example` in grammar.tsv). By the word order, since the parser attaches "wie" in
/// many ways: the name right after it, or after its article.
pub(crate) fn first_example(
    syn: &Syntax,
    n: usize,
    words: &Words<'_>,
    named: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let example = syn
        .words
        .get(n + 1)
        .is_some_and(|x| words.lex.examples.has(words.lang, &x.form.to_lowercase()));
    if !example {
        return None;
    }
    (n + 2..(n + 4).min(syn.words.len()))
        .take_while(|&k| k == n + 2 || syn.words[k - 1].upos == "DET")
        .find(|&k| named(k))
}

/// Walks a slot's words and the words coordinated with them ("Siemens, Bosch und Infineon"),
/// each once. `visit` says whether to follow a word's conjuncts, and may add words to walk.
fn walk_coordinated(
    syn: &Syntax,
    children: &[Vec<usize>],
    heads: &[usize],
    mut visit: impl FnMut(usize, &mut Vec<usize>) -> bool,
) {
    let mut todo: Vec<usize> = heads.to_vec();
    let mut seen = Vec::new();
    while let Some(w) = todo.pop() {
        if seen.contains(&w) {
            continue;
        }
        seen.push(w);
        if visit(w, &mut todo) {
            todo.extend(
                children[w]
                    .iter()
                    .copied()
                    .filter(|&c| syn.words[c].deprel == "conj"),
            );
        }
    }
}

/// The mention a word names: its own, or ("der Konzern Siemens") that of its apposition or
/// flat part.
fn named_by(
    syn: &Syntax,
    children: &[Vec<usize>],
    w: usize,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Option<(usize, EntityType)> {
    mention_of(w).or_else(|| {
        children[w]
            .iter()
            .filter(|&&c| {
                matches!(
                    syn.words[c].deprel.as_str(),
                    "appos" | "flat" | "flat:name" | "compound"
                )
            })
            .find_map(|&c| mention_of(c))
    })
}

/// The name right after a noun that says what kind of organisation it names ("durch den
/// Handelsriesen Edeka", "des Asset-Managers Pamera"): the parser, which has seen few such
/// phrases, often makes the name the noun's genitive attribute instead of its apposition. Only
/// for organisation nouns (`orgnoun` in cues.tsv, and compounds headed by one), and only a name
/// without a preposition of its own, so that "Verkauf Opels" (a genitive) and "Anteile an BMW"
/// keep their reading.
fn class_noun_name(
    syn: &Syntax,
    children: &[Vec<usize>],
    w: usize,
    words: &Words<'_>,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Option<(usize, EntityType)> {
    let c = w + 1;
    let attached = children[w].contains(&c)
        && syn.words[c].deprel.starts_with("nmod")
        && preposition(syn, children, c).is_none();
    if !attached {
        return None;
    }
    let lower = syn.words[w].form.to_lowercase();
    crate::entities::org_cue_word(&lower, words.lang, words.lex)
        .then(|| mention_of(c))
        .flatten()
        .filter(|(_, kind)| *kind == EntityType::Organization)
}

/// The common nouns that fill a `THING` slot: the slot's words and their coordinated words that
/// are nouns (capitalised, in German), name no entity and have no name beside them, are not
/// negated ("keine Stellen") and, if the slot lists nouns, end in one of them.
fn common_nouns(
    syn: &Syntax,
    children: &[Vec<usize>],
    heads: &[usize],
    slot: &Slot,
    words: &Words<'_>,
    mention_of: &dyn Fn(usize) -> Option<(usize, EntityType)>,
) -> Vec<usize> {
    let mut out = Vec::new();
    walk_coordinated(syn, children, heads, |w, todo| {
        let word = &syn.words[w];
        if words.negated_noun(syn, children, w) {
            return false;
        }
        // (`syntax::parse_if` has turned the German nouns the tagger took for names into nouns.)
        let noun = word.upos == "NOUN"
            && (words.lang != Lang::De || word.form.chars().next().is_some_and(char::is_uppercase));
        // "Anleihe- und Genussschein-Gläubiger": the first part is no noun of its own.
        let elided = word.form.ends_with('-');
        if named_by(syn, children, w, mention_of).is_some() || !noun || elided {
            return true;
        }
        // A soft hyphen ("Ar\u{ad}beitsplätze") is no part of the word.
        let lemma = word.lemma.replace('\u{ad}', "").to_lowercase();
        // The lemma, or the form where the lemmatizer kept it ("Stellen" of a word first
        // tagged as a name).
        let form = word.form.replace('\u{ad}', "").to_lowercase();
        // (The form too: the lemmatizer slips on some plurals, "Eckdaten" as "Eckdat".)
        if words.lex.vague_nouns.has(words.lang, &lemma)
            || words.lex.vague_nouns.has(words.lang, &form)
        {
            // "acht Prozent der Arbeitsplätze", "einen Teil der Stellen": the noun it measures,
            // in the genitive or after a `vagueprep`; not whom it is for ("Informationen für die
            // Gläubiger").
            todo.extend(children[w].iter().copied().filter(|&c| {
                syn.words[c].deprel == "nmod"
                    && preposition(syn, children, c)
                        .is_none_or(|p| words.lex.vague_prepositions.has(words.lang, &p))
            }));
            // "kündigte Maßnahmen zur Kostensenkung an", "gab Einzelheiten über den
            // Zusammenschluss bekannt": the parser hangs the phrase right after the noun on the
            // verb; its preposition (`vagueprep`) says what the noun is of.
            if let Some(h) = syn.head(w) {
                todo.extend(children[h].iter().copied().filter(|&c| {
                    c > w
                        && syn.words[c].deprel == "obl"
                        && (w + 1..c).all(|k| syn.words[k].head == c + 1)
                        && preposition(syn, children, c)
                            .is_some_and(|p| words.lex.vague_prepositions.has(words.lang, &p))
                }));
            }
            return true;
        }
        if listed(&slot.except, &lemma, &form, words) {
            return true;
        }
        if slot.nouns.is_empty() || listed(&slot.nouns, &lemma, &form, words) {
            out.push(w);
        }
        true
    });
    out.sort_unstable();
    out
}

/// Whether a noun (its lower-case lemma and form, soft hyphens removed) is one of these slot
/// nouns ([`Slot::nouns`], [`Slot::except`]), also as a compound's head or with a noun ending.
fn listed(nouns: &[String], lemma: &str, form: &str, words: &Words<'_>) -> bool {
    nouns.iter().any(|n| {
        lemma.ends_with(n.as_str())
            || form.ends_with(n.as_str())
            || words.lex.noun_endings.of(words.lang).any(|e| {
                form.strip_suffix(e)
                    .is_some_and(|f| f.ends_with(n.as_str()))
            })
    })
}

/// A tagged sentence before its parse: its words (as the parser sees them), lemmas and
/// universal tags, one each per word ([`Frames::could_fill`]).
pub struct Tagged<'a> {
    /// The words.
    pub forms: &'a [String],
    /// Their lemmas.
    pub lemmas: &'a [&'a str],
    /// Their universal tags.
    pub upos: &'a [&'a str],
    /// The words in lower case (`to_lowercase`, as prepositions and particles are compared).
    pub lower: &'a [String],
}

impl Tagged<'_> {
    /// Whether some word is this one in lower case.
    pub fn has(&self, lower: &str) -> bool {
        self.lower.iter().any(|w| w == lower)
    }
}

/// One line of a frame file, verb or noun frames alike, with its shared columns checked.
pub(crate) struct FrameLine<'t> {
    /// Line number (1-based), for errors.
    pub line: usize,
    /// Rule id.
    pub id: &'t str,
    /// The verb or noun column, as written.
    pub head: &'t str,
    /// An ontology predicate (checked).
    pub predicate: &'t str,
    /// In 0..1 (checked).
    pub confidence: f32,
    /// The subject slot, as written.
    pub subject: &'t str,
    /// The object slot, as written.
    pub object: &'t str,
    /// The example sentence (not empty).
    pub example: &'t str,
}

/// A load error at a line of a frame file.
pub(crate) fn line_error(file: &str, line: usize, message: String) -> LexiconError {
    LexiconError::Syntax {
        file: file.to_owned(),
        line,
        message,
    }
}

/// Reads a frame file: an `@language` line, then lines of seven tab-separated columns (id,
/// `head` — "verb" or "noun" —, predicate, confidence, subject, object, example). Checks what
/// verb and noun frames share: the predicate against the ontology, the confidence, an example,
/// unique ids.
pub(crate) fn read_lines<'t>(
    file: &str,
    text: &'t str,
    ontology: &Ontology,
    head: &str,
) -> Result<(Lang, Vec<FrameLine<'t>>), LexiconError> {
    let mut lang = None;
    let mut out = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let err = |message: String| line_error(file, line_no, message);
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(l) = line.strip_prefix("@language ") {
            lang = Some(match l.trim() {
                "de" => Lang::De,
                "en" => Lang::En,
                other => return Err(err(format!("unknown language {other:?}"))),
            });
            continue;
        }
        if lang.is_none() {
            return Err(err("a frame before the @language line".into()));
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, head_col, predicate, confidence, subject, object, example] = cols[..] else {
            return Err(err(format!(
                "expected 7 tab-separated columns (id, {head}, predicate, confidence, subject, object, example), found {}",
                cols.len()
            )));
        };
        ontology.check(predicate).map_err(err)?;
        let confidence: f32 = confidence
            .parse()
            .ok()
            .filter(|c| (0.0..=1.0).contains(c))
            .ok_or_else(|| err(format!("confidence {confidence:?} is not a number in 0..1")))?;
        if head_col.trim().is_empty() || example.trim().is_empty() {
            return Err(err(format!("empty {head} or example")));
        }
        if let Some(first) = ids.insert(id, line_no) {
            return Err(err(format!(
                "duplicate frame id {id:?} (first at line {first})"
            )));
        }
        out.push(FrameLine {
            line: line_no,
            id,
            head: head_col,
            predicate,
            confidence,
            subject,
            object,
            example,
        });
    }
    let lang = lang.ok_or_else(|| line_error(file, 1, "no @language line".into()))?;
    Ok((lang, out))
}

/// The nouns of a slot's `THING=a|b` or `THING!=a|b` in lower case (`t` the whole type, for
/// the error).
fn noun_list(t: &str, list: &str) -> Result<Vec<String>, String> {
    let nouns: Vec<String> = list
        .split('|')
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    if nouns.is_empty() {
        return Err(format!("{t:?} lists no nouns"));
    }
    Ok(nouns)
}

fn parse_slot(s: &str) -> Result<Slot, String> {
    let (dep, types) = s
        .split_once(':')
        .ok_or_else(|| format!("slot {s:?} is not DEP:TYPES"))?;
    let dep = match dep.split_once('/') {
        None => match dep {
            "nsubj" => Dep::Nsubj,
            "nsubjpass" => Dep::NsubjPass,
            "obj" => Dep::Obj,
            "iobj" => Dep::Iobj,
            other => {
                return Err(format!(
                    "unknown argument {other:?} (nsubj, nsubjpass, obj, iobj, obl/PREP, nmod/PREP)"
                ))
            }
        },
        Some(("obl", p)) if !p.is_empty() => Dep::Obl(p.to_lowercase()),
        Some(("nmod", p)) if !p.is_empty() => Dep::Nmod(p.to_lowercase()),
        Some(_) => {
            return Err(format!(
                "unknown argument {dep:?} (nsubj, nsubjpass, obj, iobj, obl/PREP, nmod/PREP)"
            ))
        }
    };
    // `THING` or `THING=stelle|arbeitsplatz`: a common noun, perhaps one of these;
    // `THING!=werk|fabrik`: a common noun but none of these.
    let mut nouns = Vec::new();
    let mut except = Vec::new();
    let mut entity_types = Vec::new();
    let mut thing = false;
    for t in types.split(',') {
        match t.split_once('=') {
            Some(("THING!", list)) => {
                thing = true;
                except = noun_list(t, list)?;
            }
            Some(("THING", list)) => {
                thing = true;
                nouns = noun_list(t, list)?;
            }
            None if t == "THING" => thing = true,
            _ => entity_types.push(t),
        }
    }
    let mut types = if entity_types.is_empty() {
        Vec::new()
    } else {
        parse_types(&entity_types.join(","))?
    };
    if thing {
        types.push(EntityType::Thing);
    }
    if types.is_empty() {
        return Err(format!("slot {s:?} accepts nothing"));
    }
    Ok(Slot {
        dep,
        types,
        nouns,
        except,
    })
}

/// The entity types of a slot: `PER,ORG`.
pub(crate) fn parse_types(types: &str) -> Result<Vec<EntityType>, String> {
    types
        .split(',')
        .map(|t| match t {
            "PER" => Ok(EntityType::Person),
            "ORG" => Ok(EntityType::Organization),
            "LOC" => Ok(EntityType::Place),
            "PROD" => Ok(EntityType::Product),
            other => Err(format!(
                "unknown entity type {other:?} (PER, ORG, LOC, PROD)"
            )),
        })
        .collect()
}

#[cfg(test)]
mod prefix_tests {
    use super::*;

    #[test]
    fn prefixed_rests_answer_as_the_prefixes_tried_one_by_one() {
        // `has_verb` asks `prefixed_rests`; before, it built "{prefix}{lemma}" for every prefix
        // and looked each up. Both must agree on every frame lemma, its rests and near misses.
        let lex = Lexicon::load(None).unwrap();
        for (file, text) in &lex.frames {
            let (lang, mut frames) = Frames::parse(file, text, &lex.ontology).unwrap();
            frames.set_verb_prefixes(lex.verb_prefixes.of(lang));
            let mut lemmas: Vec<String> = vec![String::new(), "hören".into(), "x".into()];
            for k in frames.by_lemma.keys() {
                lemmas.push(k.clone());
                lemmas.push(format!("x{k}"));
                for p in &frames.prefixes {
                    lemmas.extend(k.strip_prefix(p.as_str()).map(str::to_owned));
                    lemmas.push(format!("{p}{k}"));
                }
                let mut shorter = k.clone();
                while shorter.pop().is_some() {
                    lemmas.push(shorter.clone());
                }
            }
            for l in &lemmas {
                let l = l.to_lowercase();
                let one_by_one = frames.by_lemma.contains_key(l.as_str())
                    || frames
                        .prefixes
                        .iter()
                        .any(|p| frames.by_lemma.contains_key(&format!("{p}{l}")));
                assert_eq!(frames.has_verb(&[l.as_str()]), one_by_one, "{file}: {l:?}");
            }
        }
    }
}

#[cfg(test)]
mod fill_tests {
    use super::*;

    /// The test before parsing (`could_fill`) asks for a frame's particle, reflexive and
    /// preposition among the sentence's words, and for its arguments' types among the entries.
    #[test]
    fn could_fill_needs_the_particle_the_preposition_and_two_arguments() {
        let lex = Lexicon::load(None).unwrap();
        let text = "@language de\n\
            de/a\tbekannt|geben\tannounces\t0.7\tnsubj:ORG\tobj:PROD,THING\tDie Elbwerft AG gab Zahlen bekannt.\n\
            de/b\tsetzen\tfocusesOn\t0.7\tnsubj:ORG\tobl/auf:THING\tDie Elbwerft AG setzt auf Schiffe.\n\
            de/c\tübernehmen\tacquires\t0.8\tnsubj:ORG\tobj:ORG\tDie Elbwerft AG übernimmt die Nordlicht GmbH.\n";
        let (lang, frames) = Frames::parse("de.frames", text, &lex.ontology).unwrap();
        let words = Words { lex: &lex, lang };
        let check = |sentence: &str, lemmas: &[&str], types: &[EntityType]| {
            let forms: Vec<String> = sentence.split(' ').map(str::to_owned).collect();
            let lower: Vec<String> = forms.iter().map(|w| w.to_lowercase()).collect();
            let upos: Vec<&str> = forms
                .iter()
                .map(|w| {
                    if w.starts_with(char::is_uppercase) {
                        "NOUN"
                    } else {
                        "VERB"
                    }
                })
                .collect();
            let tagged = Tagged {
                forms: &forms,
                lemmas,
                upos: &upos,
                lower: &lower,
            };
            let mut found = Vec::new();
            for (form, lemma) in forms.iter().zip(lemmas) {
                frames.frames_of_word(form, lemma, &words, &mut found);
            }
            found
                .iter()
                .any(|&fi| frames.could_fill(fi, types, false, &tagged, &words))
        };
        let org = [EntityType::Organization];
        assert!(check(
            "Elbwerft gab Zahlen bekannt",
            &["elbwerft", "geben", "zahl", "bekannt"],
            &org
        ));
        assert!(!check(
            "Elbwerft gab Zahlen",
            &["elbwerft", "geben", "zahl"],
            &org
        ));
        assert!(check(
            "Elbwerft setzt auf Schiffe",
            &["elbwerft", "setzen", "auf", "schiff"],
            &org
        ));
        assert!(!check(
            "Elbwerft setzt Schiffe ein",
            &["elbwerft", "setzen", "schiff", "ein"],
            &org
        ));
        let two = [EntityType::Organization, EntityType::Organization];
        assert!(check(
            "Elbwerft übernimmt Nordlicht",
            &["elbwerft", "übernehmen", "nordlicht"],
            &two
        ));
        assert!(!check(
            "Elbwerft übernimmt Nordlicht",
            &["elbwerft", "übernehmen", "nordlicht"],
            &org
        ));
    }
}
