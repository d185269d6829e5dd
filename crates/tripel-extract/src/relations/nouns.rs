//! Noun and role frames: relations German and English news say with a noun, not a verb.
//!
//! "Die Übernahme der Nordlicht GmbH durch die Elbwerft AG", "die Alphabet-Tochter Google",
//! "Metas Investitionen in Scale AI", "die Fusion von Dupont und Dow Chemical", "die Elbwerft
//! AG mit Sitz in Hamburg": most facts of a business article hang off a nominalisation, a role
//! or a relational noun. A noun frame names the noun (or, with a leading `*`, any compound it
//! heads: `*übernahme` also matches "Milliardenübernahme") and where its two arguments are.
//!
//! # The frame files (`data/frames/{de,en}.nouns`)
//!
//! Same columns as the verb frames ([`super::frames`]): id, noun, predicate, confidence,
//! subject, object, example. A slot is `PLACES:TYPES`, with places separated by `|` when the
//! argument may stand in either (`gen|nmod/von:ORG`). The argument places of a noun:
//!
//! | place | where | example |
//! |---|---|---|
//! | `nmod/PREP` | a prepositional phrase of the noun | "Übernahme … **durch die Elbwerft AG**" |
//! | `gen` | a genitive attribute after the noun | "Übernahme **der Nordlicht GmbH**" |
//! | `poss` | a name in the genitive before the noun | "**Metas** Investitionen" |
//! | `compound` | the name a hyphenated compound begins with | "die **Alphabet**-Tochter" |
//! | `appos` | the name the noun describes: after it, or before it with a comma | "die Alphabet-Tochter **Google**", "**Google**, eine Tochter von Alphabet" |
//! | `amod` | a place written as an adjective before the noun | "das **Leipziger** Versandzentrum" |
//! | `head` | the name a phrase with the noun (or an adjective) modifies | "**die Elbwerft AG** mit Sitz in Hamburg", "die in Hamburg ansässige **Elbwerft AG**" |
//! | `clause` | the subject of the noun's clause, when the noun has no owner (genitive, possessive, compound name, `von`) | "**BASF** zeigt sich angesichts der Fusion der Konkurrenten Dupont und Dow gelassen" |
//! | `struck` | the company the sentence's strike is at, when the noun has no owner of its own: the one named after "Streik bei", in a strike's compound ("Nordwind-Streik"), as the workers' employer ("die Piloten der Nordwind") or as what is struck ("bestreikt die Nordwind") | "Die Gewerkschaft weitet ihren Streik bei **der Nordwind** aus: am Montag sollen die Standorte Köln und Bremen bestreikt werden" |
//! | `agent` | the subject of the clause as the doer of an action noun, when the noun has no doer of its own and stands in a phrase of the verb (`agentprep`) or is the object of a verb of doing (`agentverb`) | "Mit der Übernahme der Nordlicht GmbH hat **die Elbwerft AG** …" |
//!
//! When subject and object name the same place (`nmod/von` twice), the frame relates the
//! names coordinated there to each other: "die Fusion von Dupont und Dow Chemical".
//!
//! # Why the surface helps the parse here
//!
//! A noun's arguments are where the learned parser of German is weakest: a prepositional phrase
//! after a noun is as often attached to the verb (the parser cannot know that "mit Sitz in"
//! belongs to the company), and a genitive attribute is easily taken for the verb's object. So
//! each place is read from the parse first and then, for the phrases right next to the noun, from
//! the word order: the phrase starts at most a few words after the noun, with no verb and no
//! punctuation in between. A determiner like "keine" negates the noun ("keine Übernahme"): no
//! fact. An attributive adjective of intention or possibility ("die geplante Übernahme", "eine
//! mögliche Fusion", `intentadj` and `possibleadj` in `data/lexicon/grammar.tsv`) marks the fact's
//! modality, as a modal verb does for verb frames.

use super::frames::{
    first_example, line_error, mentions, pair_fits, parse_types, preposition, push_pairs,
    read_lines, takes_thing, FrameFact, Words,
};
use crate::lexicon::{Lexicon, LexiconError, Post};
use crate::model::{EntityType, Lang};
use crate::ontology::Ontology;
use crate::text::syntax::{Syntax, Word};
use crate::text::Needles;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Where a noun frame finds one argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A prepositional phrase of the noun with this preposition (lower case).
    Prep(String),
    /// A genitive attribute after the noun.
    Gen,
    /// A genitive name before the noun ("Metas").
    Poss,
    /// The name a hyphenated compound begins with ("Alphabet-Tochter").
    Compound,
    /// The name the noun describes (an apposition, either side).
    Appos,
    /// The name that a phrase with the noun or adjective modifies.
    Head,
    /// A place written as an adjective before the noun ("das Leipziger Versandzentrum").
    Amod,
    /// The subject of the clause the noun is in, when the noun has no owner of its own (no
    /// genitive, possessive, compound name or `von`): "BASF zeigt sich angesichts der Fusion der
    /// Konkurrenten Dupont und Dow gelassen" — whose rivals, if not the subject's?
    Clause,
    /// The company the sentence's strike is at (`struck_company`), when the noun has no owner
    /// of its own: "Die Gewerkschaft weitet ihren Streik bei der Nordwind aus: am Montag sollen
    /// die Standorte Köln und Bremen bestreikt werden" — whose sites, if not the struck
    /// company's? Labour news names the company in the strike's phrase and the sites later.
    Struck,
    /// A phrase with this preposition of the clause a strike word is in (`scene/in`): of the
    /// verb itself ("In Kassel wird gestreikt") or of the verb the noun is the subject or
    /// object of ("Auch in Kassel gab es Streiks"). Where the strike happens, which the noun's
    /// own phrase ([`Place::Prep`]) says only when the parser hung it there.
    Scene(String),
    /// The noun itself, as a thing without a name that belongs to its document (`self` in the
    /// file): "das **Parlamentsgebäude** in Athen", "seine **Zivilflugzeugsparte**". The pipeline
    /// makes it a node of the document ([`crate::EntityKey::local`]), typed as the slot says
    /// (`self:LOC` a site, `self:ORG` a body or a division). Only one side of a frame, and alone.
    Noun,
    /// The subject of the clause, as the doer of an action noun whose genitive is what is done
    /// to ("Mit der Übernahme der Nordlicht GmbH hat die Elbwerft AG …"): only when the noun has
    /// no doer of its own (possessive, `durch`) and stands in a phrase of the verb that
    /// `agentprep` in grammar.tsv lists ("mit", "nach") or is the object of a verb `agentverb`
    /// lists ("die Übernahme … angekündigt", "abgeschlossen"): "Das Kartellamt hat die Übernahme
    /// … genehmigt" is no takeover by the authority.
    Agent,
}

/// One argument of a noun frame.
#[derive(Debug, Clone, PartialEq)]
pub struct NounSlot {
    /// Where the argument may be (`gen|nmod/von`: either).
    pub places: Vec<Place>,
    /// The entity types it accepts.
    pub types: Vec<EntityType>,
}

/// One noun frame.
#[derive(Debug, Clone, PartialEq)]
pub struct NounFrame {
    /// Rule id (the fact's provenance).
    pub id: String,
    /// The noun's lemma, lower case.
    pub noun: String,
    /// Whether compounds headed by the noun match too (`*übernahme`).
    pub compound_head: bool,
    /// The ontology predicate.
    pub predicate: String,
    /// Confidence of its facts.
    pub confidence: f32,
    /// Who or what the fact is about.
    pub subject: NounSlot,
    /// The other side.
    pub object: NounSlot,
    /// For a `compound:THING=a|b` object: the first parts it takes (lower case; the part itself
    /// or a compound it heads: "Luxusauto" for `auto`). Empty: any common noun.
    pub things: Vec<String>,
    /// A sentence the frame reads its fact from.
    pub example: String,
}

/// The noun frames of one language.
#[derive(Debug, Clone, Default)]
pub struct NounFrames {
    /// All frames in file order.
    pub frames: Vec<NounFrame>,
    /// The other frames by their noun (Fx hashing, as [`NounFrames::head_index`]: only looked
    /// up, never iterated).
    exact: FxHashMap<String, Vec<usize>>,
    heads: Vec<usize>,
    /// The compound-head frames ([`NounFrames::heads`]) by the last [`HEAD_KEY`] bytes of their
    /// noun, each list in file order: a word ends with a noun only if it ends with the noun's
    /// last bytes, so [`NounFrames::matching_form`] compares a word with the few frames of its
    /// ending instead of all of them (it runs for every lemma of every sentence before parsing,
    /// [`NounFrames::has_noun`]). Empty when some head noun is shorter than the key: then every
    /// head is tried, as before.
    head_index: FxHashMap<[u8; HEAD_KEY], Vec<usize>>,
    /// Feminine endings of role nouns, longest first ("innen", "in"): [`NounFrames::add_roles`].
    feminine: Vec<String>,
    /// Plural and genitive endings of nouns (`nounending`, `orgnounending`: "e", "en", "es",
    /// "n", "s"), for forms the lemmatizer left inflected ("Panzerschmieden", "Standorte").
    endings: Vec<String>,
    /// The frames with the noun itself on one side ([`NounFrame::is_local`]), each with its
    /// noun as [`NounFrames::could_take_local`] looks for it in the words as written, made
    /// once when the file is read.
    local_stems: Vec<(usize, String)>,
    /// The stems of [`NounFrames::local_stems`] in their order, for one walk over each word.
    local_needles: Needles,
}

/// What a sentence says of a strike ([`NounFrames::strike`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strike {
    /// No strike.
    None,
    /// The mention of the one company it names as struck.
    Company(usize),
    /// No struck company named: the sites it names, as (frame, the noun's word, the place's
    /// mention).
    Sites(Vec<(usize, usize, usize)>),
}

/// How the caller's sentence maps words to entity mentions.
pub struct Lookup<'a> {
    /// The mention (and its type) covering a word, if any.
    pub mention_of: &'a dyn Fn(usize) -> Option<(usize, EntityType)>,
    /// The mention a word's hyphenated compound begins with ("Alphabet" of "Alphabet-Tochter").
    pub compound_of: &'a dyn Fn(usize) -> Option<(usize, EntityType)>,
    /// Whether the name a word stands for is written in the genitive ("Metas", "Amazon's").
    pub genitive: &'a dyn Fn(usize) -> bool,
}

/// The confidence of a role frame's facts ([`NounFrames::add_roles`]), as the noun frames'.
pub const ROLE_CONFIDENCE: f32 = 0.75;

/// How many final bytes of a compound-head noun [`NounFrames::head_index`] is keyed by.
const HEAD_KEY: usize = 3;

/// The last [`HEAD_KEY`] bytes of a word, if it has that many ([`crate::text::last_bytes`]).
fn head_key(word: &str) -> Option<[u8; HEAD_KEY]> {
    crate::text::last_bytes(word)
}

/// How far after the noun a phrase of it may start (determiners and adjectives in between).
const WINDOW: usize = 4;

impl NounFrames {
    /// Parses and checks one noun frame file; returns its language and frames. Every predicate
    /// must be declared in the ontology; each error names the file and line.
    ///
    /// ```
    /// use tripel_extract::ontology::Ontology;
    /// use tripel_extract::relations::nouns::NounFrames;
    /// let onto = Ontology::embedded().unwrap();
    /// let text = "@language de\nde/n\t*übernahme\tacquires\t0.8\tnmod/durch:ORG\tgen:ORG\tDie Übernahme der B GmbH durch die A AG.\n";
    /// let (_, frames) = NounFrames::parse("de.nouns", text, &onto).unwrap();
    /// assert!(frames.frames[0].compound_head);
    /// assert!(NounFrames::parse("de.nouns", &text.replace("gen:", "nsubj:"), &onto).is_err());
    /// ```
    pub fn parse(
        file: &str,
        text: &str,
        ontology: &Ontology,
    ) -> Result<(Lang, NounFrames), LexiconError> {
        let (lang, lines) = read_lines(file, text, ontology, "noun")?;
        let mut out = NounFrames::default();
        for l in lines {
            let err = |message: String| line_error(file, l.line, message);
            // The lemmatizer writes some lemmas in the old spelling ("Zusammenschluß").
            let (compound_head, noun) = match l.head.strip_prefix('*') {
                Some(n) => (true, fold(n).into_owned()),
                None => (false, fold(l.head).into_owned()),
            };
            let index = out.frames.len();
            if compound_head {
                out.heads.push(index);
            } else {
                out.exact.entry(noun.clone()).or_default().push(index);
            }
            let subject = parse_slot(l.subject).map_err(err)?;
            // `compound:THING=chip|auto`: only those first parts ("der Chip-Riese", never
            // "der Handelsriese"); the slot itself is read as `compound:THING`.
            let (object, things) = match l.object.split_once(":THING=") {
                Some((places, list)) => (
                    format!("{places}:THING"),
                    list.split('|').map(|w| fold(w).into_owned()).collect(),
                ),
                None => (l.object.to_owned(), Vec::new()),
            };
            let object = parse_slot(&object).map_err(err)?;
            if subject.types.contains(&EntityType::Thing) {
                return Err(err("THING is for objects only".into()));
            }
            if subject.places.contains(&Place::Noun) && object.places.contains(&Place::Noun) {
                return Err(err("self is one side of a frame".into()));
            }
            if object.types.contains(&EntityType::Thing) && !compound_head {
                return Err(err(format!(
                    "a THING object needs a compound head (*{noun})"
                )));
            }
            out.frames.push(NounFrame {
                id: l.id.to_owned(),
                noun,
                compound_head,
                predicate: l.predicate.to_owned(),
                confidence: l.confidence,
                subject,
                object,
                things,
                example: l.example.to_owned(),
            });
        }
        let keys: Option<Vec<[u8; HEAD_KEY]>> = out
            .heads
            .iter()
            .map(|&i| head_key(&out.frames[i].noun))
            .collect();
        if let Some(keys) = keys {
            for (&i, key) in out.heads.iter().zip(keys) {
                out.head_index.entry(key).or_default().push(i);
            }
        }
        // Umlauts folded and a Latin "-um" cut, for the plural ("Krankenhäuser", "Zentren").
        out.local_stems = (out.frames.iter().enumerate())
            .filter(|(_, f)| f.is_local())
            .map(|(i, f)| {
                let noun = fold_umlauts(&f.noun);
                let stem = noun.strip_suffix("um").map_or(noun.clone(), str::to_owned);
                (i, stem)
            })
            .collect();
        out.local_needles = Needles::new(out.local_stems.iter().map(|(_, s)| s.as_str()));
        Ok((lang, out))
    }

    /// Adds a role frame for each one-word role noun of `data/lexicon/roles.tsv` (lower case →
    /// predicate), so role nouns are read wherever a noun frame reads its noun: with a possessive
    /// ("ihr Chef Jonas Pfeiffer", "its CEO John Miller"), after a copula ("Jonas Pfeiffer ist
    /// seit 2019 Chef der Nordlicht GmbH"), as an apposition. The person is the noun's
    /// apposition or copula subject, the organisation its genitive, its phrase with a `roleprep`
    /// preposition ("von", "bei"), its possessor or the name its hyphen compound begins with.
    /// Only the role nouns themselves, not compounds they head: "Vertriebschef" is not "Chef".
    ///
    /// Takes from the lexicon, too, the language's feminine endings (`feminine` in grammar.tsv)
    /// and the prepositions that name a role's organisation (`roleprep`).
    pub fn add_roles(&mut self, lex: &Lexicon, lang: Lang) {
        self.feminine = lex.feminine_endings.of(lang).map(str::to_owned).collect();
        self.endings = lex
            .org_noun_endings
            .of(lang)
            .chain(lex.noun_endings.of(lang))
            .map(str::to_owned)
            .collect();
        self.endings.sort();
        self.endings.dedup();
        self.endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let mut sorted: Vec<(&String, &String)> = lex
            .roles
            .iter()
            .filter(|(role, _)| !role.contains(' '))
            .collect();
        sorted.sort();
        let mut places = vec![Place::Gen];
        places.extend(
            lex.role_prepositions
                .of(lang)
                .map(|p| Place::Prep(p.to_owned())),
        );
        places.extend([Place::Poss, Place::Compound]);
        let organisation = NounSlot {
            places,
            types: vec![EntityType::Organization],
        };
        for (role, predicate) in sorted {
            // A noun the frame files read already keeps its own frames ("Gründerin").
            let noun = fold(role).into_owned();
            if self.matching(&noun).next().is_some() {
                continue;
            }
            self.exact.insert(noun.clone(), vec![self.frames.len()]);
            self.frames.push(NounFrame {
                id: format!("{lang}/noun/role"),
                noun,
                compound_head: false,
                predicate: predicate.clone(),
                confidence: ROLE_CONFIDENCE,
                subject: NounSlot {
                    places: vec![Place::Appos],
                    types: vec![EntityType::Person],
                },
                object: organisation.clone(),
                things: Vec::new(),
                example: String::new(),
            });
        }
    }

    /// The frames whose noun this lemma or form is (or heads, for `*` frames).
    fn matching<'a>(&'a self, lemma: &'a str) -> impl Iterator<Item = usize> + 'a {
        // The lemmatizer writes some lemmas in the old spelling ("Zusammenschluß").
        let lemma = fold(lemma);
        // A feminine role noun is its frame's noun with a feminine ending ("Kundin",
        // "Partnerin", "Konkurrentinnen"), the noun's final "e" dropped ("Kunde").
        let stem = self
            .feminine
            .iter()
            .find_map(|e| lemma.strip_suffix(e.as_str()))
            .filter(|st| st.chars().count() >= 4)
            .map(str::to_owned);
        let feminine = stem.into_iter().flat_map(move |st| {
            let with_e = format!("{st}e");
            (self.matching_form(Cow::Owned(st))).chain(self.matching_form(Cow::Owned(with_e)))
        });
        self.matching_form(lemma).chain(feminine)
    }

    /// A form the lemmatizer left inflected, without its ending, and the frames whose noun that
    /// is: "Panzerschmieden" → "Panzerschmiede" (`*schmiede`). Only for words that no frame
    /// matches as they are.
    fn matching_uninflected<'a>(&'a self, form: &'a str) -> Option<(&'a str, Vec<usize>)> {
        self.endings.iter().find_map(|e| {
            let stem = form.strip_suffix(e.as_str())?;
            let frames: Vec<usize> = self.matching(stem).collect();
            (!frames.is_empty()).then_some((stem, frames))
        })
    }

    /// The frames whose noun this lower-case lemma is (or heads, for `*` frames).
    fn matching_form<'a>(&'a self, lemma: Cow<'a, str>) -> impl Iterator<Item = usize> + 'a {
        let exact = self
            .exact
            .get(lemma.as_ref())
            .into_iter()
            .flatten()
            .copied();
        // Only the heads that end as the word does, in file order (`head_index`).
        let candidates: &[usize] = if self.head_index.is_empty() {
            &self.heads
        } else {
            head_key(&lemma)
                .and_then(|k| self.head_index.get(&k))
                .map_or(&[], Vec::as_slice)
        };
        let heads = candidates.iter().copied().filter(move |&i| {
            // A compound: "milliardenübernahme", "alphabet-tochter"; the noun alone too.
            lemma
                .strip_suffix(self.frames[i].noun.as_str())
                .is_some_and(|rest| {
                    rest.is_empty() || rest.ends_with('-') || rest.chars().count() >= 3
                })
        });
        exact.chain(heads)
    }

    /// Whether a word (lemma or form) is some frame's noun: such a word relates names itself
    /// and does not refer back ("der Mutterkonzern der Nordlicht GmbH").
    pub fn is_frame_noun(&self, lemma: &str, form: &str) -> bool {
        // A compound that only names what a company makes ("der Autobauer") still refers back;
        // so does a company noun whose frame needs a possessive and a name of its own ("mit
        // seiner Firma Nordlicht"): without them, "das Unternehmen" is the article's company.
        let relating = |i: &usize| {
            let f = &self.frames[*i];
            let things = f.object.types.contains(&EntityType::Thing);
            let own_company =
                f.subject.places == [Place::Poss] && f.object.places == [Place::Appos];
            // A noun that is its own node only where it refers to no name ("die Regierung").
            !(things || own_company || f.is_local())
        };
        self.matching(lemma).any(|i| relating(&i)) || self.matching(form).any(|i| relating(&i))
    }

    /// The role frame ([`NounFrames::add_roles`]) of a word, by its lemma, its form or, for a
    /// hyphenated compound, its last part ("VW-Chef").
    fn role_frame(&self, lemma: &str, form: &str) -> Option<usize> {
        let tail = form.rsplit_once('-').map(|(_, t)| t).unwrap_or_default();
        [lemma, form, tail]
            .into_iter()
            .filter(|x| !x.is_empty())
            .flat_map(|x| self.matching(x).collect::<Vec<_>>())
            .find(|&fi| self.frames[fi].id.ends_with("/noun/role"))
    }

    /// Role nouns that stand for a person instead of naming one: "der VW-Chef", "die CEOs von
    /// NVIDIA und Meta", "der Chef der Elbwerft AG" — a chief-executive role (`ceoOf` in
    /// `roles.tsv`) with a definite article (or "beiden"), its organisations at the role's
    /// organisation place, and no name of its own ("VW-Chef Oliver Blume" is the role frame's).
    /// Only the chief executive: an organisation has one, so the person is whoever the document
    /// says holds the post (the caller resolves that once the whole document is read); boards,
    /// directors or spokespeople come in numbers.
    pub fn role_descriptions(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        look: &Lookup<'_>,
    ) -> Vec<RoleDescription> {
        let children = syn.child_lists();
        let mut out = Vec::new();
        for (n, w) in unnamed_nouns(syn, look) {
            let determined = children[n].iter().any(|&c| {
                let form = syn.words[c].form.to_lowercase();
                matches!(syn.words[c].deprel.as_str(), "det" | "amod" | "nummod")
                    && (words.lex.definite_articles.has(words.lang, &form)
                        || words.lex.both.has(words.lang, &form))
            });
            if !determined || words.negated_noun(syn, &children, n) {
                continue;
            }
            let Some(fi) = self.role_frame(&w.lemma, &w.form) else {
                continue;
            };
            let f = &self.frames[fi];
            if f.predicate != "ceoOf"
                || post_of(syn, &children, n, words).is_some()
                || !fill(syn, &children, n, &f.subject, words, look).is_empty()
            {
                continue;
            }
            let organisations = fill(syn, &children, n, &f.object, words, look);
            if !organisations.is_empty() && organisations.len() <= 2 {
                out.push(RoleDescription {
                    word: n,
                    predicate: f.predicate.clone(),
                    organisations,
                });
            }
        }
        out
    }

    /// What a sentence says of a strike ([`Place::Struck`]): the company it names as struck,
    /// when it names exactly one ("Die Flugbegleiter der Nordwind setzen ihren Streik fort"),
    /// which the caller remembers for the strike sentences after it; else the sites of a
    /// struck company it does not name ("An den Flughäfen Köln und Bremen sollen nur
    /// Langstrecken bestreikt werden", "Verdi rief an sieben Standorten zum Streik auf:
    /// Kassel, …"), as (frame, the noun's word, the place's mention), which the caller gives
    /// the company of the strike before or of the document.
    pub fn strike(&self, syn: &Syntax, words: &Words<'_>, look: &Lookup<'_>) -> Strike {
        if !(0..syn.words.len()).any(|k| strike_word(syn, k, words)) {
            return Strike::None;
        }
        let children = syn.child_lists();
        if let Some((_, (mention, _))) = struck_company(syn, &children, words, look) {
            return Strike::Company(mention);
        }
        let mut sites = Vec::new();
        for (n, w) in syn.words.iter().enumerate() {
            let verb = w.upos == "VERB";
            if !(matches!(w.upos.as_str(), "NOUN" | "PROPN") || verb)
                || (look.mention_of)(n).is_some()
                || owned(syn, &children, n, look)
                || words.negated_noun(syn, &children, n)
                || (verb && words.negated_verb(syn, &children, n))
            {
                continue;
            }
            for fi in self.frames_of(w) {
                let f = &self.frames[fi];
                if f.subject.places != [Place::Struck] || (verb && !f.reads_scene()) {
                    continue;
                }
                for m in fill(syn, &children, n, &f.object, words, look) {
                    sites.push((fi, n, m));
                }
            }
        }
        Strike::Sites(sites)
    }

    /// Role nouns before a name with no organisation anywhere in their phrase: "Vorstandschefin
    /// Marissa Mayer dürfte ankündigen …", "Finanzvorstand Dieter Wemmer zeigte sich …". News
    /// writes the role bare when the organisation is the one the article is about; the caller
    /// decides which that is. Returns (frame, the role noun's word, the person's mention).
    pub fn bare_roles(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        look: &Lookup<'_>,
    ) -> Vec<(usize, usize, usize)> {
        let children = syn.child_lists();
        let mut out = Vec::new();
        for (n, w) in syn.words.iter().enumerate() {
            // The role is a title right before the name, not a hyphen compound ("VW-Chef" names
            // its company).
            // (The tagger sometimes misses a capitalised role at a sentence's start.)
            let noun = w.upos == "NOUN"
                || (words.lang == Lang::De && w.form.starts_with(char::is_uppercase));
            if !noun
                || (look.mention_of)(n).is_some()
                || w.form.contains('-')
                || (look.compound_of)(n).is_some()
                // "Stuttgarts Erster Bürgermeister": whose role the name before says.
                || (0..n)
                    .rev()
                    .take_while(|&k| syn.words[k].upos == "ADJ" || (look.mention_of)(k).is_some())
                    .any(|k| (look.mention_of)(k).is_some())
                // "Für Schalkes Manager Horst Heldt …": a name's genitive right before the role
                // says whose it is, even where it names nothing recognised; not the document's
                // company. (As written: the parse often hangs such a word elsewhere.)
                || n.checked_sub(1).is_some_and(|k| {
                    let b = &syn.words[k];
                    matches!(b.upos.as_str(), "NOUN" | "PROPN")
                        && b.form.starts_with(char::is_uppercase)
                        && b.form.chars().count() >= 4
                        && (b.form.ends_with('s') || b.form.ends_with('\''))
                })
                // "General Electric's chairman Jeffrey Immelt": the English possessive, split
                // from its name for the parser ("Electric 's", `clitic` in grammar.tsv), says
                // whose role it is even where the name before it is not recognised (session
                // 21); so does a possessor the parser hung on the role ("its chairman", when
                // `fill` found no company for it). Precision first: no guess at the
                // document's company then.
                || n.checked_sub(1).is_some_and(|k| {
                    words
                        .lex
                        .clitics
                        .has(words.lang, &crate::text::lower(&syn.words[k].form))
                })
                || (words.lang == Lang::En
                    && children[n]
                        .iter()
                        .any(|&c| syn.words[c].deprel == "nmod:poss"))
            {
                continue;
            }
            let Some(fi) = self.role_frame(&w.lemma, &w.form) else {
                continue;
            };
            let f = &self.frames[fi];
            if words.lex.free_roles.has(words.lang, &f.noun)
                || post_of(syn, &children, n, words).is_some()
            {
                continue;
            }
            let Some((person, EntityType::Person)) = (n + 1 < syn.words.len())
                .then(|| (look.mention_of)(n + 1))
                .flatten()
            else {
                continue;
            };
            if fill(syn, &children, n, &f.object, words, look).is_empty() {
                out.push((fi, n, person));
            }
        }
        out
    }

    /// Whether some frame could read what a company makes off its compound ("der
    /// Flugzeugbauer Airbus") with a subject of these types.
    pub fn could_take_thing(&self, types: &[EntityType]) -> bool {
        self.frames
            .iter()
            .any(|f| takes_thing(types, &f.subject.types, &f.object.types))
    }

    /// Whether a frame with the noun itself on one side ([`NounFrames::apply_local`]) could
    /// read a sentence with mentions of these types and these words as written. One place is
    /// enough for such a frame ("das Parlamentsgebäude in Athen"), and most sentences with a
    /// place have no site noun, so the words are looked at before the sentence is tagged: some
    /// word must hold the frame's noun, umlauts folded and a Latin "-um" cut for the plural
    /// ("Krankenhäuser", "Töchter", "Zentren"). A cheap test that may pass too often (a
    /// compound, "Netzwerk"), never too rarely; the lemmas decide after tagging
    /// ([`NounFrames::has_noun`]).
    pub fn could_take_local(&self, types: &[EntityType], forms: &[&str]) -> bool {
        // Whether the frame of the `k`th stem could take one of these types.
        let wanted = |k: usize| {
            let f = &self.frames[self.local_stems[k].0];
            let other = if f.subject.places == [Place::Noun] {
                &f.object.types
            } else {
                &f.subject.types
            };
            types.iter().any(|t| other.contains(t))
        };
        // Some word holds a wanted stem: each word folded once, into one buffer, and walked
        // once for all stems (`Needles`), not searched for each stem in turn.
        if !(0..self.local_stems.len()).any(wanted) {
            return false;
        }
        let mut folded = String::new();
        forms.iter().any(|w| {
            fold_umlauts_into(w, &mut folded);
            self.local_needles.any_in(&folded, wanted)
        })
    }

    /// The facts of frames whose object is the first part of the noun's compound (`THING`):
    /// "der Kassenautomaten-Hersteller Wincor Nixdorf" gives Wincor Nixdorf `manufactures`
    /// "Kassenautomaten". The first part must be a common noun (the noun list knows it, perhaps
    /// without its linking "s": "Kraftwerksbetreiber") or be joined by a hyphen, and no name.
    pub fn apply_things(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        look: &Lookup<'_>,
    ) -> Vec<CompoundThing> {
        let children = syn.child_lists();
        let mut out = Vec::new();
        for (n, w) in syn.words.iter().enumerate() {
            if !matches!(w.upos.as_str(), "NOUN" | "PROPN")
                || (look.mention_of)(n).is_some()
                || (look.compound_of)(n).is_some()
                || words.negated_noun(syn, &children, n)
            {
                continue;
            }
            let mut form = w.form.as_str();
            let mut frames: Vec<usize> = self.matching(form).collect();
            if frames.is_empty() {
                if let Some((stem, f)) = self.matching_uninflected(form) {
                    (form, frames) = (stem, f);
                }
            }
            for fi in frames {
                let f = &self.frames[fi];
                if !f.object.types.contains(&EntityType::Thing) {
                    continue;
                }
                let Some(first) = first_part(form, &f.noun, words) else {
                    continue;
                };
                if !f.takes_thing(&first.1) {
                    continue;
                }
                let truncated = truncated_conjunct(syn, n, &first.1, words)
                    .filter(|(_, thing)| f.takes_thing(&thing.1));
                for s in fill(syn, &children, n, &f.subject, words, look) {
                    out.push(CompoundThing {
                        frame: fi,
                        subject: s,
                        word: n,
                        first: first.clone(),
                    });
                    if let Some((k, thing)) = &truncated {
                        out.push(CompoundThing {
                            frame: fi,
                            subject: s,
                            word: *k,
                            first: thing.clone(),
                        });
                    }
                }
            }
        }
        out
    }

    /// What [`NounFrames::has_noun`] matches, for `text::tag_gate` to invert the lemmatizer
    /// over: the nouns matched whole, the compound heads, the feminine endings and the
    /// inflection endings (see `matching`, `matching_uninflected`).
    pub fn match_parts(&self) -> (Vec<&str>, Vec<&str>, &[String], &[String]) {
        let exact = self.exact.keys().map(String::as_str).collect();
        let heads = self
            .heads
            .iter()
            .map(|&i| self.frames[i].noun.as_str())
            .collect();
        (exact, heads, &self.feminine, &self.endings)
    }

    /// Whether some frame's noun is among these lemmas (a sentence without one is not parsed
    /// for noun frames).
    pub fn has_noun(&self, lemmas: &[&str]) -> bool {
        lemmas.iter().any(|l| {
            self.matching(l).next().is_some()
                // Only a noun's lemma can be an inflected form the lemmatizer left as it was.
                || (l.starts_with(char::is_uppercase) && self.matching_uninflected(l).is_some())
        })
    }

    /// Adds to `out` every frame that could read a word with this lemma and form in some parse:
    /// those of its lemma, its form, its form's last part after a hyphen and its form without
    /// an inflection ending, a superset of what [`NounFrames::apply`], `apply_local`,
    /// `apply_things`, `role_descriptions`, `bare_roles` and `strike` look up (`frames_of`,
    /// `role_frame`). The pipeline asks after tagging whether any of them could be filled
    /// ([`NounFrames::could_fill`]).
    pub fn frames_of_word(&self, lemma: &str, form: &str, out: &mut Vec<usize>) {
        out.extend(self.matching(lemma));
        out.extend(self.matching(form));
        if let Some((_, tail)) = form.rsplit_once('-') {
            if !tail.is_empty() {
                out.extend(self.matching(tail));
            }
        }
        if let Some((_, frames)) = self.matching_uninflected(form) {
            out.extend(frames);
        }
    }

    /// Whether a strike sentence with mentions of these types could name a site of a struck
    /// company ([`NounFrames::strike`]'s `Sites`): some frame reading the struck company as its
    /// subject takes one of them as its object.
    pub fn could_strike_site(&self, types: &[EntityType]) -> bool {
        self.frames.iter().any(|f| {
            f.subject.places == [Place::Struck] && types.iter().any(|t| f.object.types.contains(t))
        })
    }

    /// Whether frame `fi` is a chief-executive role, which may stand for a person without a
    /// name ([`NounFrames::role_descriptions`]: "der VW-Chef").
    pub fn describes_chief(&self, fi: usize) -> bool {
        let f = &self.frames[fi];
        f.id.ends_with("/noun/role") && f.predicate == "ceoOf"
    }

    /// Whether frame `fi` could find its arguments among these types, one entry per argument
    /// the sentence can give (its mentions, and what its referring words may stand for): two
    /// different ones of its slots' types for [`NounFrames::apply`]; for a frame with the noun
    /// itself on one side, one of the other side's types ([`NounFrames::apply_local`]); for a
    /// compound's thing, one of the subject's ([`NounFrames::apply_things`]); for a role, a
    /// person when the document has a company of its own (`document_org`,
    /// [`NounFrames::bare_roles`]). The strike's sites are not asked about: the pipeline
    /// parses every strike sentence as before. A superset: the parse decides.
    ///
    /// A slot read only from phrases with some prepositions (`nmod/in`, `scene/in`) needs one
    /// of them among the sentence's words (`lower`, in lower case): both the parse's reading and
    /// the word order's compare the preposition as written.
    pub fn could_fill(
        &self,
        fi: usize,
        types: &[EntityType],
        document_org: bool,
        lower: &[String],
    ) -> bool {
        let f = &self.frames[fi];
        let preposition_ok = |slot: &NounSlot| {
            let mut preps = slot.places.iter().map(|p| match p {
                Place::Prep(p) | Place::Scene(p) => Some(p),
                _ => None,
            });
            slot.places.is_empty() || !preps.all(|p| p.is_some_and(|p| !lower.contains(p)))
        };
        if !preposition_ok(&f.subject) || !preposition_ok(&f.object) {
            return false;
        }
        let (subject, object) = (&f.subject.types, &f.object.types);
        let any = |slot: &[EntityType]| types.iter().any(|t| slot.contains(t));
        if f.is_local() {
            let other = if f.subject.places == [Place::Noun] {
                object
            } else {
                subject
            };
            return any(other);
        }
        pair_fits(types, subject, object)
            || (object.contains(&EntityType::Thing) && any(subject))
            || (document_org && f.id.ends_with("/noun/role") && any(subject))
    }

    /// Whether some frame could relate two of these mentions' types.
    ///
    /// Not the frames with the noun itself on one side: their noun is no mention, and
    /// [`NounFrames::could_take_local`] asks for them (two places alone, as in every traffic
    /// report, would otherwise send each such sentence to the tagger).
    pub fn could_relate(&self, types: &[EntityType]) -> bool {
        self.frames
            .iter()
            .any(|f| !f.is_local() && pair_fits(types, &f.subject.types, &f.object.types))
    }

    /// Whether the noun frame with this rule id reads its subject from the clause
    /// ([`Place::Clause`]) rather than from the noun's own phrase.
    pub fn reads_clause_subject(&self, rule: &str) -> bool {
        self.frames
            .iter()
            .any(|f| f.id == rule && f.subject.places.contains(&Place::Clause))
    }

    /// Whether the noun frame with this rule id reads an event with its clause ("Die Elbwerft AG
    /// und die Nordlicht GmbH verhandeln über eine Fusion"): what the clause says happens, which
    /// a report's source may claim; a noun that describes a name ("die Siemens-Tochter …", "der
    /// Luxusauto-Hersteller …") says what the writer knows of it.
    pub fn reads_clause_claim(&self, rule: &str) -> bool {
        self.frames
            .iter()
            .any(|f| f.id == rule && f.reads_clause_event())
    }

    /// Whether the noun frame with this rule id reads its subject from the sentence's strike
    /// ([`Place::Struck`]), also for a company named before it or the document's ([`NounFrames::strike`],
    /// the id with "-topic").
    pub fn reads_struck(&self, rule: &str) -> bool {
        let id = rule.strip_suffix("-topic").unwrap_or(rule);
        self.frames
            .iter()
            .any(|f| f.id == id && f.subject.places.contains(&Place::Struck))
    }

    /// The frames of a word: its lemma's, else its form's when the lemmatizer changed the head
    /// ("Siemens-Rivalen"), else those of its form without an inflection ending.
    fn frames_of(&self, w: &Word) -> Vec<usize> {
        let mut frames: Vec<usize> = self.matching(&w.lemma).collect();
        if frames.is_empty() {
            frames = self.matching(&w.form).collect();
        }
        if frames.is_empty() {
            frames = self
                .matching_uninflected(&w.form)
                .map(|(_, f)| f)
                .unwrap_or_default();
        }
        frames
    }

    /// The facts the noun frames read off a parsed sentence.
    pub fn apply(&self, syn: &Syntax, words: &Words<'_>, look: &Lookup<'_>) -> Vec<FrameFact> {
        let children = syn.child_lists();
        let mut out = Vec::new();
        // A clause's place comes after what the nouns themselves say: "Die Flugbegleiter der
        // Elbwerft AG streiken am Flughafen in Köln" is read by the airport's frame first.
        let mut scene = Vec::new();
        for (n, w) in syn.words.iter().enumerate() {
            let verb = w.upos == "VERB";
            if !(matches!(w.upos.as_str(), "NOUN" | "ADJ" | "PROPN") || verb)
                || (look.mention_of)(n).is_some()
            {
                continue;
            }
            let mut frames = self.frames_of(w);
            if verb {
                // A verb only where the frame asks for its clause ("In Kassel wird gestreikt").
                frames.retain(|&fi| self.frames[fi].reads_scene());
            }
            if frames.is_empty()
                || words.negated_noun(syn, &children, n)
                || (verb && words.negated_verb(syn, &children, n))
            {
                continue;
            }
            let modality = modality(syn, &children, n, words);
            for fi in frames {
                let f = &self.frames[fi];
                if f.is_local() {
                    continue; // [`NounFrames::apply_local`]
                }
                // A former post is marked `former` ("der frühere Chef der Nordlicht GmbH, Jan
                // Roth"); a deputy's is not the role's (the patterns give a deputy `worksFor`).
                let modality = match f
                    .id
                    .ends_with("/noun/role")
                    .then(|| post_of(syn, &children, n, words))
                    .flatten()
                {
                    Some(Post::Deputy) => continue,
                    Some(Post::Former) => Some("former"),
                    None => modality,
                };
                // "Jan Roth, Leiter der Zivilflugzeugsparte von Brunnwerk" heads the division, not
                // Brunnwerk.
                if f.id.ends_with("/noun/role") && heads_a_unit(syn, n, words) {
                    continue;
                }
                // "Die Elbwerft AG und die Nordlicht GmbH verhandeln über eine Fusion", "wollen
                // keine Fusion", "streben eine Fusion an": a noun read with its clause's subject
                // is only as real as the clause says. A negated clause gives nothing; a verb of
                // intention or a modal marks the fact as the verb frames do.
                // "lehnt eine Fusion mit X ab", "Die Übernahme der X durch Y ist gescheitert":
                // an event its verb denies, rejects or ends did not happen.
                let (below, clause) = clause_verb(syn, n);
                if clause.is_some_and(|v| {
                    f.is_event()
                        && (below == n || f.reads_clause_event())
                        && words.denies(syn, &children, v)
                }) {
                    continue;
                }
                let agent_event =
                    f.reads_agent_event() && below == n && syn.words[n].deprel == "obj";
                let modality = match clause.filter(|_| f.reads_clause_event() || agent_event) {
                    Some(v) if words.negated_verb(syn, &children, v) => continue,
                    Some(v) => modality.or_else(|| clause_modality(syn, &children, v, words)),
                    None => modality,
                };
                // "Siemens hat seine Anteile an Osram verkauft", "trennt sich von seiner Tochter
                // X": a holding given away was held and is no longer. Not one to be sold ("will
                // … verkaufen"): that one is still held.
                let disposed = clause.is_some_and(|v| {
                    below == n
                        && matches!(f.predicate.as_str(), "investsIn" | "owns" | "partOf")
                        && words.lex.dispose_verbs.has(
                            words.lang,
                            &super::frames::lemma_with_particle(syn, &children, v),
                        )
                        && words.modality(syn, &children, v).is_none()
                });
                let modality = if disposed { Some("former") } else { modality };
                let subjects = fill(syn, &children, n, &f.subject, words, look);
                let objects = fill(syn, &children, n, &f.object, words, look);
                if f.subject.places == f.object.places {
                    // "Fusion von Dupont und Dow Chemical": the coordinated names, pairwise.
                    for (k, &s) in subjects.iter().enumerate() {
                        for &o in &subjects[k + 1..] {
                            if objects.contains(&o) {
                                out.push(FrameFact {
                                    frame: fi,
                                    subject: s,
                                    object: o,
                                    modality,
                                });
                            }
                        }
                    }
                    continue;
                }
                // "alle Süßigkeiten der Marken Mars und Snickers": the same names read for
                // both slots (a genitive and the noun's apposition) say nothing of who holds
                // whom.
                let (mut a, mut b) = (subjects.clone(), objects.clone());
                a.sort_unstable();
                b.sort_unstable();
                if a.len() > 1 && a == b {
                    continue;
                }
                let to = if f.reads_scene() {
                    &mut scene
                } else {
                    &mut out
                };
                push_pairs(to, fi, &subjects, &objects, modality);
            }
        }
        out.extend(scene);
        out
    }
}

/// Whether the role noun at `n` is the head of a unit ("Chef der Zivilflugzeugsparte von
/// Boeing", "Leiterin der Abteilung Vertrieb"): the first noun after it, with only articles and
/// adjectives between, is or ends in a `unitnoun` of grammar.tsv.
fn heads_a_unit(syn: &Syntax, n: usize, words: &Words<'_>) -> bool {
    let next = (n + 1..syn.words.len().min(n + 4))
        .take_while(|&k| matches!(syn.words[k].upos.as_str(), "DET" | "ADJ" | "NOUN"))
        .find(|&k| syn.words[k].upos == "NOUN");
    next.is_some_and(|k| {
        let lower = syn.words[k].form.to_lowercase();
        let lemma = syn.words[k].lemma.to_lowercase();
        words
            .lex
            .unit_nouns
            .of(words.lang)
            .any(|u| lower.ends_with(u) || lemma.ends_with(u))
    })
}

/// Whether the role noun at `n` names a former or a deputy's post
/// ([`Lexicon::post_qualifier`]): by the word right before it, an adjective of it, or its own
/// first part ("der frühere Chef", "die ehemalige Vorsitzende", "Ex-Chef").
fn post_of(syn: &Syntax, children: &[Vec<usize>], n: usize, words: &Words<'_>) -> Option<Post> {
    let role = syn.words[n].form.to_lowercase();
    let asks = |k: usize| {
        let before = syn.words[k].form.to_lowercase();
        words.lex.post_qualifier(words.lang, Some(&before), &role)
    };
    let adjectives = children[n]
        .iter()
        .copied()
        .filter(|&c| syn.words[c].deprel == "amod");
    // "Joe Kaeser war bis 2021 Chef von Siemens", "der bis 2021 Chef von Siemens war": a past
    // copula (`pastcopula`) in the role noun's stretch of the clause says the post was held,
    // as "der frühere Chef" does. Read off the words, not the tree: the parser often hangs
    // the copula elsewhere. The stretch ends at punctuation and at any other verb.
    let past = || {
        let is_past = |k: usize| {
            let w = &syn.words[k];
            matches!(w.upos.as_str(), "AUX" | "VERB")
                && words
                    .lex
                    .past_copulas
                    .has(words.lang, &w.form.to_lowercase())
        };
        let stops = |k: usize| matches!(syn.words[k].upos.as_str(), "PUNCT" | "VERB" | "AUX");
        let before = (0..n).rev().find(|&k| stops(k)).filter(|&k| is_past(k));
        let after = (n + 1..syn.words.len())
            .find(|&k| stops(k))
            .filter(|&k| is_past(k));
        (before.is_some() || after.is_some()).then_some(Post::Former)
    };
    words
        .lex
        .post_qualifier(words.lang, None, &role)
        .or_else(|| n.checked_sub(1).and_then(asks))
        .or_else(|| adjectives.into_iter().find_map(asks))
        .or_else(past)
}

impl NounFrame {
    /// Whether a compound's first part is one the frame's `THING=` list takes (any when it has
    /// none): the part itself or a compound it heads, lower case.
    fn takes_thing(&self, part: &str) -> bool {
        let part = fold(part).to_lowercase();
        self.things.is_empty() || self.things.iter().any(|t| part.ends_with(t.as_str()))
    }

    /// Whether one side of the frame is the noun itself ([`Place::Noun`]).
    pub fn is_local(&self) -> bool {
        self.subject.places == [Place::Noun] || self.object.places == [Place::Noun]
    }

    /// Whether the frame reads its object off the clause ([`Place::Scene`]): such a frame
    /// applies to a verb too ("In Kassel wird gestreikt").
    pub fn reads_scene(&self) -> bool {
        self.object
            .places
            .iter()
            .any(|p| matches!(p, Place::Scene(_)))
    }

    /// Whether the frame's noun is an event the clause's subject takes part in ("verhandeln
    /// über eine Fusion", "streben eine Fusion mit X an"): it reads an argument off the
    /// clause ([`Place::Clause`]) and names none in apposition, as the nouns of who someone is
    /// do ("verliert Kunden an den Konkurrenten X": a rival whatever the clause says). The
    /// clause's verb then says whether the event happened.
    fn reads_clause_event(&self) -> bool {
        self.is_event()
            && (self.subject.places.contains(&Place::Clause)
                || self.object.places.contains(&Place::Clause))
    }

    /// Whether the frame's noun is an event whose doer is the clause's subject
    /// ([`Place::Agent`]). When the noun is the verb's object, the clause says whether the
    /// event happened, as for [`NounFrame::reads_clause_event`]: "Die Elbwerft AG plant die
    /// Übernahme der Nordlicht GmbH" is an intention, "hat die Übernahme nicht abgeschlossen"
    /// no takeover (session 20). Not a noun in a phrase of the verb: "Nach der Übernahme von
    /// X will Y Stellen streichen" says the takeover happened, whatever Y means to do next.
    fn reads_agent_event(&self) -> bool {
        self.is_event()
            && (self.subject.places.contains(&Place::Agent)
                || self.object.places.contains(&Place::Agent))
    }

    /// Whether the frame's noun is an event or a state rather than a description of one of its
    /// arguments: it names no argument in apposition ("die Siemens-Tochter Nordlicht GmbH").
    fn is_event(&self) -> bool {
        !self
            .subject
            .places
            .iter()
            .chain(&self.object.places)
            .any(|p| *p == Place::Appos)
    }
}

impl NounFrames {
    /// The facts of frames with the noun itself on one side ([`Place::Noun`]): a site, a body or
    /// a division without a name, "das Parlamentsgebäude in Athen", "die Regierung in Athen",
    /// "seine Zivilflugzeugsparte", "die Kliniken der Elbwerft AG". Not a noun that names (or
    /// refers back to) an entity, not one with a name right after it or in apposition ("das
    /// Hotel Adlon", "die Sparte Nordlicht GmbH": the name is the thing, and the other frames
    /// read it), not a negated one ("keine Sparte").
    pub fn apply_local(
        &self,
        syn: &Syntax,
        words: &Words<'_>,
        look: &Lookup<'_>,
    ) -> Vec<LocalFact> {
        let children = syn.child_lists();
        let mut out = Vec::new();
        // Any name in apposition (or after a copula) to the noun.
        let any_name = NounSlot {
            places: vec![Place::Appos],
            types: vec![
                EntityType::Organization,
                EntityType::Person,
                EntityType::Place,
                EntityType::Product,
            ],
        };
        for (n, w) in unnamed_nouns(syn, look) {
            let mut frames = self.frames_of(w);
            frames.retain(|&fi| self.frames[fi].is_local());
            if frames.is_empty() || words.negated_noun(syn, &children, n) {
                continue;
            }
            // A name the noun describes, either side or through a copula ("Arval,
            // Tochtergesellschaft von BNP Paribas", "Daihatsu ist jetzt Tochter von Toyota"): the
            // thing has a name, and the frames for names read it.
            let named = (n + 1 < syn.words.len() && (look.mention_of)(n + 1).is_some())
                || children[n].iter().any(|&c| {
                    matches!(syn.words[c].deprel.as_str(), "appos" | "flat" | "flat:name")
                        && (look.mention_of)(c).is_some()
                })
                || !fill(syn, &children, n, &any_name, words, look).is_empty();
            if named {
                continue;
            }
            for fi in frames {
                let f = &self.frames[fi];
                let subject = f.subject.places == [Place::Noun];
                let other = if subject { &f.object } else { &f.subject };
                for m in fill(syn, &children, n, other, words, look) {
                    out.push(LocalFact {
                        frame: fi,
                        word: n,
                        other: m,
                        noun_is_subject: subject,
                    });
                }
            }
        }
        out
    }
}

/// A noun frame's fact with the noun itself on one side ([`NounFrames::apply_local`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LocalFact {
    /// Index of the frame in [`NounFrames::frames`].
    pub frame: usize,
    /// The noun's word in the parse.
    pub word: usize,
    /// The other side's mention.
    pub other: usize,
    /// Whether the noun is the fact's subject (else its object).
    pub noun_is_subject: bool,
}

/// What a compound noun says its company makes or runs: the part before the frame's noun, as
/// written, with a linking "s" the noun list does not know dropped ("Kraftwerks-" → "Kraftwerk").
fn first_part(form: &str, noun: &str, words: &Words<'_>) -> Option<(usize, String)> {
    // Where the frame's noun starts (compared as `matching` does: lower case, ß as ss).
    let at = form
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| fold(&form[i..]) == noun)?;
    let written = &form[..at];
    let hyphen = written.ends_with('-');
    let part = written.trim_end_matches('-');
    if part.chars().count() < 3 || !part.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    // The noun list holds inflected forms too ("Kraftwerks"), so the stem is tried first.
    let known = |w: &str| words.lex.is_noun_or_compound_de(w);
    match part.strip_suffix('s') {
        Some(stem) if known(stem) => Some((part.len(), stem.to_owned())),
        // Joined by a hyphen, the first part is a word of its own ("E-Auto-Hersteller").
        _ => (hyphen || known(part)).then(|| (part.len(), part.to_owned())),
    }
}

/// The other half of a compound's first part written with a hyphen for what the two share
/// (German's "Ergänzungsstrich"): "der Geld- und Kassenautomaten-Hersteller" makes
/// "Geldautomaten" too, "der Bahn- und Flugzeughersteller" "Bahn". `first` is the compound's
/// first part ("Kassenautomaten"); the word two before the compound, ending in a hyphen, with a
/// coordinating conjunction between them, shares its last part when that part is a known noun of
/// at least five letters after at least three ("Kassen|automaten"; "Flug|zeug" is too short to
/// tell from a word of its own), else the whole compound's head ("Bahn" of "Bahnhersteller").
/// Returns the word and (the length of its letters before the hyphen, the thing's label).
fn truncated_conjunct(
    syn: &Syntax,
    n: usize,
    first: &str,
    words: &Words<'_>,
) -> Option<(usize, (usize, String))> {
    let k = n.checked_sub(2)?;
    if syn.words[k + 1].upos != "CCONJ" {
        return None;
    }
    let written = syn.words[k].form.strip_suffix('-')?;
    if written.chars().count() < 3
        || !written.starts_with(char::is_uppercase)
        || !written.chars().all(char::is_alphabetic)
    {
        return None;
    }
    let shared = first
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && first[..i].chars().count() >= 3)
        .find_map(|i| {
            let rest = &first[i..];
            let capital: String = rest
                .chars()
                .next()
                .map(|c| c.to_uppercase().chain(rest.chars().skip(1)).collect())?;
            (rest.chars().count() >= 5 && words.lex.is_noun_form_de(&capital))
                .then(|| rest.to_lowercase())
        });
    let label = match shared {
        Some(rest) => format!("{written}{rest}"),
        None => written.to_owned(),
    };
    Some((k, (written.len(), label)))
}

/// A role noun that stands for the person holding the role ([`NounFrames::role_descriptions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RoleDescription {
    /// The role noun's word in the parse.
    pub word: usize,
    /// The role's predicate (`ceoOf`).
    pub predicate: String,
    /// The organisations' mentions: one, or two for a plural ("die CEOs von NVIDIA und Meta").
    pub organisations: Vec<usize>,
}

/// A noun frame's fact whose object is the first part of the noun's compound
/// ([`NounFrames::apply_things`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CompoundThing {
    /// Index of the frame in [`NounFrames::frames`].
    pub frame: usize,
    /// The subject's mention.
    pub subject: usize,
    /// The compound's word in the parse.
    pub word: usize,
    /// The first part's length in bytes as written (its span starts with the word), and its
    /// label.
    pub first: (usize, String),
}

/// A noun as frames compare it: lower case, "ß" as "ss" (the lemmatizer writes some lemmas in
/// the old spelling: "Zusammenschluß").
fn fold(noun: &str) -> Cow<'_, str> {
    // A word of ASCII lower case is its own fold: no new string (`text::lower`).
    let lower = crate::text::lower(noun);
    // `replace` makes a new string even when there is nothing to replace.
    // `contains('ß')` searches for the character's two bytes with a substring searcher set up
    // per call; no "ß" without its second byte 0x9F (a byte search), and most nouns have none.
    if lower.as_bytes().contains(&0x9F) && lower.contains('ß') {
        Cow::Owned(lower.replace('ß', "ss"))
    } else {
        lower
    }
}

/// An attributive adjective of intention or possibility: "die geplante Übernahme".
fn modality(
    syn: &Syntax,
    children: &[Vec<usize>],
    n: usize,
    words: &Words<'_>,
) -> Option<&'static str> {
    let adjectives = children[n]
        .iter()
        .copied()
        .filter(|&c| syn.words[c].deprel == "amod")
        .chain((n.saturating_sub(2)..n).filter(|&k| syn.words[k].upos == "ADJ"));
    for a in adjectives {
        let form = syn.words[a].form.to_lowercase();
        let lemma = syn.words[a].lemma.to_lowercase();
        let any = |f: &crate::lexicon::Forms| {
            f.has(words.lang, &lemma) || f.has(words.lang, strip_ending(&form, words))
        };
        if any(&words.lex.intention_adjectives) {
            return Some("intention");
        }
        if any(&words.lex.possibility_adjectives) {
            return Some("possibility");
        }
    }
    None
}

/// What a clause's verb says of the event noun it governs: "intention" for a verb of intention
/// or of talks, with its particle ("planen", "an|streben", "verhandeln"/"sprechen" über: `intentverb`,
/// `talkverb` in grammar.tsv), else the verb's own modal or the verb of intention above it
/// ([`Words::modality`]).
fn clause_modality(
    syn: &Syntax,
    children: &[Vec<usize>],
    v: usize,
    words: &Words<'_>,
) -> Option<&'static str> {
    let lemma = super::frames::lemma_with_particle(syn, children, v);
    if words.lex.intention_verbs.has(words.lang, &lemma)
        || words.lex.talk_verbs.has(words.lang, &lemma)
    {
        return Some("intention");
    }
    words.modality(syn, children, v)
}

/// An adjective without its inflection ending ("geplanten" → "geplant").
pub(crate) fn strip_ending<'a>(form: &'a str, words: &Words<'_>) -> &'a str {
    let mut best = form;
    for e in words.lex.adjective_endings.of(words.lang) {
        if let Some(stem) = form.strip_suffix(e) {
            if stem.len() < best.len() && stem.chars().count() >= 3 {
                best = stem;
            }
        }
    }
    best
}

/// Whether a word ends a noun phrase's reach: a verb, punctuation or a conjunction of clauses.
fn barrier(syn: &Syntax, k: usize) -> bool {
    matches!(
        syn.words[k].upos.as_str(),
        "VERB" | "AUX" | "PUNCT" | "SCONJ" | "PRON"
    )
}

/// The first name at or after word `k` inside a noun phrase: determiners, adjectives, numbers
/// and one common noun ("des Konkurrenten Nordlicht") may come first.
fn name_from(syn: &Syntax, k: usize, look: &Lookup<'_>) -> Option<usize> {
    let mut nouns = 0;
    for j in k..syn.words.len().min(k + WINDOW + 1) {
        if (look.mention_of)(j).is_some() {
            return Some(j);
        }
        match syn.words[j].upos.as_str() {
            "DET" | "ADJ" | "NUM" | "ADV" => {}
            "NOUN" if nouns == 0 => nouns += 1,
            _ => return None,
        }
    }
    None
}

/// Whether words `c` and `n` stand in different clauses whatever the parse says: a colon,
/// dash or semicolon between them, or a bracket opened or closed between them ("@SZ:
/// Zusammenschluss mit der LSE: Die Deutsche Börse zieht …", "bei X gibt es – nach dem Merger
/// mit Y – noch kein …"). A bracket closed in between is an aside ("Telefónica Deutschland
/// (O2) rechnet …").
fn apart(syn: &Syntax, c: usize, n: usize) -> bool {
    set_off(syn, c, n, true)
}

/// Whether a bracket opened or closed, or a dash or semicolon (and a colon with `colon`), stands
/// between words `c` and `n` outside brackets.
fn set_off(syn: &Syntax, c: usize, n: usize, colon: bool) -> bool {
    let (a, b) = if c < n { (c, n) } else { (n, c) };
    let mut depth = 0i32;
    for w in &syn.words[(a + 1).min(b)..b] {
        match w.form.as_str() {
            "(" => depth += 1,
            ")" if depth == 0 => return true,
            ")" => depth -= 1,
            ":" if depth == 0 && colon => return true,
            "–" | "—" | "-" | ";" if depth == 0 => return true,
            _ => {}
        }
    }
    depth != 0
}

/// The mentions that fill one slot of noun `n`, from any of its places.
fn fill(
    syn: &Syntax,
    children: &[Vec<usize>],
    n: usize,
    slot: &NounSlot,
    words: &Words<'_>,
    look: &Lookup<'_>,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for place in &slot.places {
        // A compound modifier names the organisation only when no phrase does: "a White House
        // correspondent for National Review" works for the review.
        if *place == Place::Compound && !out.is_empty() {
            continue;
        }
        for m in fill_place(syn, children, n, place, &slot.types, words, look) {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The mentions of the given types at one place of noun `n`.
fn fill_place(
    syn: &Syntax,
    children: &[Vec<usize>],
    n: usize,
    place: &Place,
    types: &[EntityType],
    words: &Words<'_>,
    look: &Lookup<'_>,
) -> Vec<usize> {
    let len = syn.words.len();
    let mut heads: Vec<usize> = Vec::new();
    let mut direct: Vec<usize> = Vec::new();
    let lower = |k: usize| syn.words[k].form.to_lowercase();
    // "des", "der", "of": the word that opens a genitive attribute (`genitivedet`).
    let genitive_det = |k: usize| words.lex.genitive_determiners.has(words.lang, &lower(k));
    match place {
        Place::Prep(p) => {
            // From the parse: a phrase of the noun (or, for an adjective, its oblique).
            heads.extend(children[n].iter().copied().filter(|&c| {
                let d = syn.words[c].deprel.as_str();
                (d.starts_with("nmod") || d.starts_with("obl"))
                    && preposition(syn, children, c).as_deref() == Some(p.as_str())
            }));
            // From the word order: the preposition within a few words after the noun, with
            // only the noun's own attributes in between ("Übernahme der Nordlicht GmbH durch").
            // A name on the way must be the noun's genitive attribute ("der Nordlicht GmbH"); any
            // other name, or a second common noun, belongs to another phrase ("seine Tochter Prax
            // Terminals die Akquisition … von Shell").
            if heads.is_empty() {
                let mut k = n + 1;
                let mut nouns = 0;
                loop {
                    // A name's short form in brackets after it is no barrier: "die Zentrale der
                    // Verbundnetz Gas AG (VNG) in Leipzig".
                    if k < len && syn.words[k].form == "(" && (look.mention_of)(k - 1).is_some() {
                        match (k + 1..len.min(k + 5)).find(|&j| syn.words[j].form == ")") {
                            Some(close) => k = close + 1,
                            None => break,
                        }
                    }
                    if k >= len || k > n + 2 * WINDOW || barrier(syn, k) {
                        break;
                    }
                    if syn.words[k].upos == "ADP" && lower(k) == *p {
                        heads.extend(name_from(syn, k + 1, look));
                        break;
                    }
                    if (look.mention_of)(k).is_some() {
                        // A strike's own "bei" phrase, the struck company ("Streik bei
                        // Versandhändler Packfix in Kassel"): the strike's place comes after it.
                        if strike_word(syn, n, words) && after_bei(syn, n, k) {
                            k += 1;
                            continue;
                        }
                        // The genitive's name, right after its article or after a noun that
                        // says what kind of organisation it is ("der Supermarktkette X").
                        let genitive = k > n + 1
                            && (genitive_det(k - 1)
                                || (k > n + 2
                                    && genitive_det(k - 2)
                                    && syn.words[k - 1].upos == "NOUN"
                                    && crate::entities::org_cue_word(
                                        &lower(k - 1),
                                        words.lang,
                                        words.lex,
                                    )));
                        if !genitive {
                            break;
                        }
                    } else if syn.words[k].upos == "NOUN" {
                        nouns += 1;
                        if nouns > 1 {
                            break;
                        }
                    }
                    k += 1;
                }
            }
        }
        Place::Gen => {
            heads.extend(children[n].iter().copied().filter(|&c| {
                c > n
                    && syn.words[c].deprel.starts_with("nmod")
                    && preposition(syn, children, c).is_none()
                    && genitive_phrase(syn, children, c)
            }));
            if heads.is_empty() && n + 1 < len && genitive_det(n + 1) {
                heads.extend(name_from(syn, n + 2, look));
            }
        }
        Place::Poss => {
            // The name right before the noun (adjectives may stand between), in the genitive,
            // with no article of its own: "Metas (neue) Investitionen".
            let mut k = n;
            while k > 0 && syn.words[k - 1].upos == "ADJ" {
                k -= 1;
            }
            // English writes the genitive apart: "Harbor Corp. ' s stake", "Harbor Corp. 's".
            let form = |j: usize| syn.words[j].form.as_str();
            let apart = if k >= 3 && form(k - 1) == "s" && matches!(form(k - 2), "'" | "’") {
                Some(k - 3)
            } else if k >= 2 && words.lex.genitive_endings.has(words.lang, form(k - 1)) {
                Some(k - 2)
            } else {
                None
            };
            if let Some(m) = apart.filter(|&m| (look.mention_of)(m).is_some()) {
                direct.push(m);
            } else if k > 0 {
                let m = k - 1;
                let article = m > 0 && syn.words[m - 1].upos == "DET";
                if (look.mention_of)(m).is_some() && !article && (look.genitive)(m) {
                    direct.push(m);
                }
            }
        }
        Place::Compound => {
            if let Some(found) = (look.compound_of)(n) {
                if types.contains(&found.1) {
                    return vec![found.0];
                }
            }
            // English writes the compound apart: "NRC headquarters", "the FAA spokesman", "CNEN
            // Radioprotection Director". The parse's compound modifiers right before the noun,
            // with only more of them in between.
            let mut k = n;
            while k > 0 && syn.words[k - 1].deprel == "compound" && syn.head(k - 1) == Some(n) {
                k -= 1;
                if let Some((mention, kind)) = (look.mention_of)(k) {
                    return if types.contains(&kind) {
                        vec![mention]
                    } else {
                        Vec::new()
                    };
                }
            }
            return Vec::new();
        }
        Place::Amod => {
            // A name the parser made the noun's adjective, before it: a place adjective
            // ("Leipziger", parsed as one: `Rule::parsed_as`).
            direct.extend(children[n].iter().copied().filter(|&c| {
                c < n && syn.words[c].deprel == "amod" && (look.mention_of)(c).is_some()
            }));
        }
        Place::Appos => {
            // Taken as they are, without the coordination `mentions` would follow. Not past
            // another name of the same type: that one is nearer the noun ("Der neue Vorstand
            // der X mit dem Vorsitzenden Frank Steinmüller, …, Lothar Pfeifer" is not about
            // Lothar Pfeifer).
            let nearer = |c: usize| {
                let mine = (look.mention_of)(c);
                (n + 1..c).any(|j| {
                    (look.mention_of)(j)
                        .is_some_and(|m| mine.is_some_and(|x| x.0 != m.0 && x.1 == m.1))
                })
            };
            direct.extend(children[n].iter().copied().filter(|&c| {
                matches!(syn.words[c].deprel.as_str(), "appos" | "flat" | "flat:name")
                    && (look.mention_of)(c).is_some()
                    && !nearer(c)
            }));
            // After it: "die Alphabet-Tochter Google", "Konkurrent Airbus"; or its examples
            // ("Marken wie HDI und Targo", `example` in grammar.tsv), with an article perhaps.
            if n + 1 < len && (look.mention_of)(n + 1).is_some() {
                direct.push(n + 1);
            } else {
                direct.extend(first_example(syn, n, words, &|k| {
                    (look.mention_of)(k).is_some()
                }));
            }
            // Before it: "Google, eine Tochter von Alphabet", "Northlight Inc., a software
            // company in Boston" (the noun's own compound modifiers may come first).
            let mut k = n;
            while k > 0
                && (matches!(syn.words[k - 1].upos.as_str(), "ADJ" | "DET" | "ADV")
                    || (syn.words[k - 1].deprel == "compound"
                        && syn.words[k - 1].upos == "NOUN"
                        && syn.head(k - 1) == Some(n)))
            {
                k -= 1;
            }
            // A dash sets an apposition off as a comma does ("DGAP - ein Service der EQS Group
            // AG").
            if k >= 2
                && matches!(syn.words[k - 1].form.as_str(), "," | "-" | "–" | "—")
                && (look.mention_of)(k - 2).is_some()
            {
                direct.push(k - 2);
            }
            // The parse's own apposition, when something stands between the name and the comma
            // ("Die Seerene GmbH (www.seerene.com), ein Spin-off des Hasso-Plattner-Instituts").
            if let Some(h) = syn.head(n).filter(|&h| h < n) {
                if syn.words[n].deprel == "appos"
                    && (look.mention_of)(h).is_some()
                    && !direct.contains(&h)
                {
                    direct.push(h);
                }
            }
            // A copula says what an apposition says: "Anna Berger ist Kundin der Elbwerft AG",
            // "X ist seit 2019 ein Kunde von Y"; its subject from the parse, or the name right
            // before the copula verb, with at most a few adverbs, numbers, prepositions,
            // adjectives and determiners between it and the noun. Not when the copula is negated
            // ("ist nicht Kunde").
            let negation = |c: usize| words.lex.negations.has(words.lang, &lower(c));
            let copula = children[n].iter().any(|&c| syn.words[c].deprel == "cop");
            let negated = children[n].iter().any(|&c| negation(c));
            if copula && !negated {
                direct.extend(children[n].iter().copied().filter(|&c| {
                    syn.words[c].deprel.starts_with("nsubj") && (look.mention_of)(c).is_some()
                }));
            }
            let mut j = n;
            while j > 0
                && n - j < 5
                && matches!(
                    syn.words[j - 1].upos.as_str(),
                    "ADJ" | "DET" | "ADV" | "NUM" | "ADP"
                )
                && !negation(j - 1)
                && (look.mention_of)(j - 1).is_none()
            {
                j -= 1;
            }
            let copula_verb = |c: usize| {
                syn.words[c].deprel == "cop"
                    || (syn.words[c].upos == "AUX"
                        && words
                            .lex
                            .copulas
                            .has(words.lang, &syn.words[c].lemma.to_lowercase()))
            };
            if !negated && j >= 2 && copula_verb(j - 1) && (look.mention_of)(j - 2).is_some() {
                direct.push(j - 2);
            }
            // Coordinated descriptions describe one name: "John Miller, director of X and a
            // member of Y" — the second noun, without a name of its own, takes the first's.
            // The parse may also coordinate both descriptions with the name itself ("John
            // Miller, director …" as a conjunct of the name): then the name, when a comma follows
            // it and a common noun without a name of its own comes first.
            if direct.is_empty() && syn.words[n].deprel == "conj" {
                if let Some(h) = syn.head(n).filter(|&h| h < n) {
                    let description = |c: usize| {
                        syn.words[c].deprel == "conj"
                            && syn.words[c].upos == "NOUN"
                            && (look.mention_of)(c).is_none()
                    };
                    if (look.mention_of)(h).is_none()
                        && matches!(syn.words[h].upos.as_str(), "NOUN" | "PROPN")
                    {
                        return fill_place(syn, children, h, place, types, words, look);
                    }
                    if (look.mention_of)(h).is_some()
                        && syn.words[h + 1].form == ","
                        && children[h]
                            .iter()
                            .any(|&c| h < c && c < n && description(c))
                    {
                        direct.push(h);
                    }
                }
            }
            // The other way round: "Ihr Mutterkonzern ist die Wagner Holding AG", the noun the
            // subject of a copula whose predicate is the name.
            if let Some(h) = syn
                .head(n)
                .filter(|_| syn.words[n].deprel.starts_with("nsubj"))
            {
                let copula = children[h].iter().any(|&c| syn.words[c].deprel == "cop");
                let negated = children[h]
                    .iter()
                    .any(|&c| words.lex.negations.has(words.lang, &lower(c)));
                if copula && !negated && (look.mention_of)(h).is_some() {
                    direct.push(h);
                }
            }
        }
        Place::Struck => {
            // "Die Flugbegleiter der Elbwerft AG setzen ihren Streik in Düsseldorf fort": a
            // strike's possessive is its strikers', not the company struck (session 21); a
            // site's ("ihre Standorte") still is its company's.
            let strikers = strike_word(syn, n, words)
                && children[n]
                    .iter()
                    .any(|&c| syn.words[c].deprel == "det:poss");
            let without_possessive = || {
                (look.compound_of)(n).is_some()
                    || children[n].iter().any(|&c| {
                        syn.words[c].deprel != "det:poss" && owned_by(syn, children, n, c)
                    })
            };
            let owned = if strikers {
                without_possessive()
            } else {
                owned(syn, children, n, look)
            };
            if owned {
                return Vec::new();
            }
            return struck_company(syn, children, words, look)
                .filter(|&(w, (_, kind))| types.contains(&kind) && !apart_but_colon(syn, w, n))
                .map(|(_, (mention, _))| vec![mention])
                .unwrap_or_default();
        }
        Place::Scene(p) => {
            let verb = if syn.words[n].upos == "VERB" {
                Some(n)
            } else if matches!(syn.words[n].deprel.as_str(), "nsubj" | "nsubj:pass" | "obj") {
                syn.head(n).filter(|&h| syn.words[h].upos == "VERB")
            } else {
                None
            };
            if let Some(v) = verb {
                heads.extend(children[v].iter().copied().filter(|&c| {
                    syn.words[c].deprel.starts_with("obl")
                        && preposition(syn, children, c).as_deref() == Some(p.as_str())
                }));
            }
        }
        Place::Clause => {
            let owned = owned(syn, children, n, look);
            let (_, verb) = clause_verb(syn, n);
            if let (false, Some(v)) = (owned, verb) {
                // The clause's subject, active or passive ("Zuerst wurde die Credit Suisse …
                // genommen, dann … der Erzrivalin UBS": args.rs makes a passive auxiliary's
                // subject `nsubj:pass`).
                heads.extend(children[v].iter().copied().filter(|&c| {
                    matches!(syn.words[c].deprel.as_str(), "nsubj" | "nsubj:pass")
                        && !apart(syn, c, n)
                }));
            }
        }
        Place::Agent => {
            // Its own doer: a possessive, or a "durch" phrase after it before the next verb or
            // punctuation, wherever the parser hung it ("die Übernahme der X durch Y angekündigt").
            let by_order = syn.words[n + 1..]
                .iter()
                .take_while(|w| !matches!(w.upos.as_str(), "VERB" | "AUX" | "PUNCT"))
                .any(|w| w.form.eq_ignore_ascii_case("durch"));
            let own = by_order
                || children[n].iter().any(|&c| {
                    syn.words[c].deprel == "det:poss"
                        || preposition(syn, children, c).as_deref() == Some("durch")
                });
            let (k, verb) = clause_verb(syn, n);
            if let (false, Some(v)) = (own, verb) {
                let d = syn.words[k].deprel.as_str();
                let in_phrase = d.starts_with("obl")
                    && preposition(syn, children, k)
                        .is_some_and(|p| words.lex.agent_prepositions.has(words.lang, &p));
                let verb_lemma = super::frames::lemma_with_particle(syn, children, v);
                let done = d == "obj" && words.lex.agent_verbs.has(words.lang, &verb_lemma);
                if in_phrase || done {
                    heads.extend(
                        children[v]
                            .iter()
                            .copied()
                            .filter(|&c| syn.words[c].deprel == "nsubj" && !apart(syn, c, n)),
                    );
                }
            }
        }
        // The noun itself is no mention ([`NounFrames::apply_local`]).
        Place::Noun => {}
        Place::Head => {
            // An adjective's noun ("die in Hamburg ansässige Elbwerft AG").
            if syn.words[n].upos == "ADJ" {
                if let Some(h) = syn.head(n).filter(|&h| h > n) {
                    heads.push(h);
                    // "StarCapital AG, einem in Oberursel ansässigen Asset Manager": the noun
                    // is itself an apposition of the name.
                    if syn.words[h].deprel == "appos" && (look.mention_of)(h).is_none() {
                        heads.extend(syn.head(h));
                    }
                }
                if let Some(j) = name_from(syn, n + 1, look) {
                    heads.push(j);
                }
            }
            // "Die Elbwerft AG (,) mit Sitz in Hamburg".
            let mut k = n;
            while k > 0 && syn.words[k - 1].upos == "ADJ" {
                k -= 1;
            }
            if k >= 2 && syn.words[k - 1].upos == "ADP" {
                let mut m = k - 2;
                if syn.words[m].form == "," && m > 0 {
                    m -= 1;
                }
                if (look.mention_of)(m).is_some() {
                    direct.push(m);
                }
            }
        }
    }
    let mut found = mentions(syn, children, &heads, types, words, look.mention_of);
    // An apposition names one thing: "die Alphabet-Tochter Google und Facebook" is not about
    // Facebook; a plural one names them all ("der Konkurrenten Dupont und Dow Chemical"). Other
    // places take the names coordinated with theirs.
    // Plural by its tag and by its form: the tagger calls some singulars plural, and a noun
    // written as its dictionary form ("Tochter", "Partner") may be either. A form with a noun
    // ending (`nounending`) that the lemmatizer left as it was is a plural it did not know
    // ("Panzerschmieden", "Standorte").
    let (form, lemma) = (
        syn.words[n].form.to_lowercase(),
        syn.words[n].lemma.to_lowercase(),
    );
    let inflected = || (words.lex.noun_endings.of(words.lang)).any(|e| form.ends_with(e));
    let plural = syn.words[n].feats.contains("Number=Plur") && (form != lemma || inflected());
    let direct = if *place == Place::Appos && !plural {
        direct
    } else {
        coordinated(syn, &direct, look)
    };
    for m in direct {
        if let Some((mention, kind)) = (look.mention_of)(m) {
            if types.contains(&kind) && !found.contains(&mention) {
                found.push(mention);
            }
        }
    }
    // A surface-found name's coordinated names ("von Dupont und Dow Chemical") when the parse
    // missed the coordination.
    for m in coordinated(syn, &heads, look) {
        if let Some((mention, kind)) = (look.mention_of)(m) {
            if types.contains(&kind) && !found.contains(&mention) {
                found.push(mention);
            }
        }
    }
    found.sort_unstable();
    found
}

/// Whether noun `n` has an owner of its own: a compound name, a genitive or possessive, a "von"
/// phrase (then the `clause` and `struck` places are not read).
fn owned(syn: &Syntax, children: &[Vec<usize>], n: usize, look: &Lookup<'_>) -> bool {
    (look.compound_of)(n).is_some() || children[n].iter().any(|&c| owned_by(syn, children, n, c))
}

/// Whether dependent `c` of noun `n` is its owner: a genitive, a "von" phrase or a possessive.
fn owned_by(syn: &Syntax, children: &[Vec<usize>], n: usize, c: usize) -> bool {
    let d = syn.words[c].deprel.as_str();
    // A name right after the noun is its apposition ("Konkurrent Airbus"), whatever the
    // parser calls it.
    c != n + 1
        && (d == "nmod" || d.starts_with("nmod:") || d == "det:poss")
        && (preposition(syn, children, c).is_none()
            || preposition(syn, children, c).as_deref() == Some("von"))
}

/// Whether word `k` is a strike ("Streik", "Warnstreiks", "bestreikt", "Nordwind-Streik";
/// `strikeword` in grammar.tsv: a part anywhere in the word).
fn strike_word(syn: &Syntax, k: usize, words: &Words<'_>) -> bool {
    words.lex.is_strike_word(words.lang, &syn.words[k].form)
}

/// Whether name `m` stands in a "bei" phrase right after word `n`: "Streik bei (der Fluglinie)
/// Nordwind", with at most a few determiners, adjectives and common nouns before the name.
fn after_bei(syn: &Syntax, n: usize, m: usize) -> bool {
    let bei = |k: usize| matches!(syn.words[k].form.to_lowercase().as_str(), "bei" | "beim");
    n + 1 < m
        && m <= n + 5
        && bei(n + 1)
        && syn.words[n + 2..m]
            .iter()
            .all(|w| matches!(w.upos.as_str(), "DET" | "ADJ" | "NOUN"))
}

/// Whether words `c` and `n` stand apart ([`apart`]) by more than a colon: "Die Gewerkschaft
/// weitet ihren Streik bei der Nordwind aus: am Montag sollen die Standorte Köln und Bremen
/// bestreikt werden" explains the strike after the colon; a dash or bracket sets off another
/// clause (a headline, a dateline, an aside).
fn apart_but_colon(syn: &Syntax, c: usize, n: usize) -> bool {
    set_off(syn, c, n, false)
}

/// The company a sentence's strike is at (the `struck` place): the word that names it (a
/// compound's word for the name it begins with), its mention and type. The sentence must name a strike (`strikeword`); the company is
/// - the name of a strike's "bei" phrase ("Streik bei der Fluglinie Nordwind"),
/// - the name a strike's compound begins with ("der Nordwind-Streik"),
/// - the employer of the workers (`striker`: "die Piloten der Nordwind", "die
///   Nordwind-Flugbegleiter", "Beschäftigte bei Packfix"),
/// - what a strike verb has as its object ("Verdi bestreikt die Packfix").
///
/// Only when the sentence names one such company (the same name may come twice); several
/// (a strike at two companies) leave it open.
fn struck_company(
    syn: &Syntax,
    children: &[Vec<usize>],
    words: &Words<'_>,
    look: &Lookup<'_>,
) -> Option<(usize, (usize, EntityType))> {
    let len = syn.words.len();
    let strikes: Vec<usize> = (0..len).filter(|&k| strike_word(syn, k, words)).collect();
    if strikes.is_empty() {
        return None;
    }
    let mut found: Vec<usize> = Vec::new();
    // The name of a "bei" phrase right after word `k`.
    let bei_name = |k: usize| {
        (k + 2..len.min(k + 6))
            .find(|&j| (look.mention_of)(j).is_some())
            .filter(|&j| after_bei(syn, k, j))
    };
    for &k in &strikes {
        found.extend((look.compound_of)(k).map(|_| k));
        found.extend(bei_name(k));
        // "Verdi bestreikt die Packfix": the strike verb's object.
        if syn.words[k].upos == "VERB" {
            found.extend(
                children[k]
                    .iter()
                    .copied()
                    .filter(|&c| syn.words[c].deprel == "obj" && (look.mention_of)(c).is_some()),
            );
        }
    }
    for k in 0..len {
        // "Nordwind-Flugbegleiter": the compound's last part.
        let lemma = syn.words[k].lemma.to_lowercase();
        let head = lemma.rsplit('-').next().unwrap_or("");
        if syn.words[k].upos != "NOUN" || !words.lex.strikers.has(words.lang, head) {
            continue;
        }
        found.extend((look.compound_of)(k).map(|_| k));
        found.extend(bei_name(k));
        // The genitive: "die Piloten der Nordwind".
        found.extend(children[k].iter().copied().filter(|&c| {
            c > k
                && syn.words[c].deprel.starts_with("nmod")
                && preposition(syn, children, c).is_none()
                && (look.mention_of)(c).is_some()
        }));
    }
    // The names coordinated with one ("die Piloten der Elbwerft AG und der Nordlicht GmbH"): a
    // strike at two companies.
    let mut with = coordinated(syn, &found, look);
    for &w in &found {
        with.extend(
            children[w]
                .iter()
                .copied()
                .filter(|&c| syn.words[c].deprel == "conj" && (look.mention_of)(c).is_some()),
        );
    }
    for w in with {
        if !found.contains(&w) {
            found.push(w);
        }
    }
    // A compound's word stands for the name it begins with; otherwise the name's own word.
    let company = |w: usize| (look.compound_of)(w).or_else(|| (look.mention_of)(w));
    let mut names: Vec<String> = Vec::new();
    let mut first: Option<(usize, (usize, EntityType))> = None;
    for &w in &found {
        let Some((mention, kind)) = company(w) else {
            continue;
        };
        if kind != EntityType::Organization {
            continue;
        }
        let name = match (look.compound_of)(w) {
            Some(_) => syn.words[w]
                .form
                .split('-')
                .next()
                .unwrap_or("")
                .to_lowercase(),
            None => syn.words[w].form.to_lowercase(),
        };
        if !names.contains(&name) {
            names.push(name);
        }
        first.get_or_insert((w, (mention, kind)));
    }
    (names.len() == 1).then_some(first).flatten()
}

/// Whether nominal `c` is in the genitive: its determiner or itself marked so, or a name.
fn genitive_phrase(syn: &Syntax, children: &[Vec<usize>], c: usize) -> bool {
    let gen = |k: usize| syn.words[k].feats.contains("Case=Gen");
    gen(c)
        || children[c]
            .iter()
            .any(|&d| syn.words[d].deprel == "det" && gen(d))
        || syn.words[c].upos == "PROPN"
}

/// Words `ws` and the names coordinated with them to their right: "Dupont und Dow Chemical",
/// "Siemens, Bosch und Infineon".
fn coordinated(syn: &Syntax, ws: &[usize], look: &Lookup<'_>) -> Vec<usize> {
    let mut out = Vec::new();
    for &w in ws {
        if (look.mention_of)(w).is_none() {
            continue;
        }
        out.push(w);
        let mut k = w + 1;
        while k + 1 < syn.words.len() {
            let sep = syn.words[k].form.as_str();
            let joins = sep == "," || syn.words[k].upos == "CCONJ";
            if !joins || (look.mention_of)(k + 1).is_none() {
                break;
            }
            out.push(k + 1);
            if syn.words[k].upos == "CCONJ" {
                break;
            }
            k += 2;
        }
    }
    out
}

/// The verb of noun `n`'s clause, up through its phrases (at most a few steps), and the verb's
/// dependent the noun hangs under (the noun itself if it is the verb's own).
fn clause_verb(syn: &Syntax, n: usize) -> (usize, Option<usize>) {
    let mut k = n;
    for _ in 0..4 {
        let Some(h) = syn.head(k) else { break };
        if syn.words[h].upos == "VERB" {
            return (k, Some(h));
        }
        k = h;
    }
    (k, None)
}

fn parse_slot(s: &str) -> Result<NounSlot, String> {
    let (places, types) = s
        .split_once(':')
        .ok_or_else(|| format!("slot {s:?} is not PLACE:TYPES"))?;
    let known =
        "nmod/PREP, scene/PREP, gen, poss, compound, appos, amod, head, clause, struck, agent, self";
    let places = places
        .split('|')
        .map(|place| match place.split_once('/') {
            Some(("nmod", p)) if !p.is_empty() => Ok(Place::Prep(p.to_lowercase())),
            Some(("scene", p)) if !p.is_empty() => Ok(Place::Scene(p.to_lowercase())),
            Some(_) => Err(format!("unknown argument place {place:?} ({known})")),
            None => match place {
                "gen" => Ok(Place::Gen),
                "poss" => Ok(Place::Poss),
                "compound" => Ok(Place::Compound),
                "appos" => Ok(Place::Appos),
                "amod" => Ok(Place::Amod),
                "head" => Ok(Place::Head),
                "clause" => Ok(Place::Clause),
                "struck" => Ok(Place::Struck),
                "agent" => Ok(Place::Agent),
                "self" => Ok(Place::Noun),
                other => Err(format!("unknown argument place {other:?} ({known})")),
            },
        })
        .collect::<Result<Vec<_>, _>>()?;
    if places.contains(&Place::Noun) {
        // The noun's own node has one type, which the noun says: a site or a body.
        if places.len() > 1 || !matches!(types, "LOC" | "ORG") {
            return Err(format!("self stands alone, as LOC or ORG ({s:?})"));
        }
    }
    if types == "THING" {
        // What the company makes or runs, named by its compound: "Kassenautomaten-Hersteller".
        if places != [Place::Compound] {
            return Err(format!("THING is only the compound's first part ({s:?})"));
        }
        return Ok(NounSlot {
            places,
            types: vec![EntityType::Thing],
        });
    }
    Ok(NounSlot {
        places,
        types: parse_types(types)?,
    })
}

/// The common nouns of a parse that name no entity: what stands for a post ("der VW-Chef") or is
/// a site, body or division of its own ("das Parlamentsgebäude").
fn unnamed_nouns<'s>(
    syn: &'s Syntax,
    look: &'s Lookup<'_>,
) -> impl Iterator<Item = (usize, &'s Word)> + 's {
    syn.words
        .iter()
        .enumerate()
        .filter(move |&(n, w)| w.upos == "NOUN" && (look.mention_of)(n).is_none())
}

/// Lower case with the umlauts folded ("Töchter" → "tochter"): for the surface test of
/// [`NounFrames::could_take_local`], where an inflected plural changes the stem's vowel.
fn fold_umlauts(word: &str) -> String {
    let mut out = String::new();
    fold_umlauts_into(word, &mut out);
    out
}

/// [`fold_umlauts`] into `out`, which is emptied first.
fn fold_umlauts_into(word: &str, out: &mut String) {
    out.clear();
    out.extend(word.chars().flat_map(char::to_lowercase).map(|c| match c {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        c => c,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `matching_form` as it was before `head_index`: every compound-head frame tried.
    fn matching_form_scan(frames: &NounFrames, lemma: &str) -> Vec<usize> {
        let exact = frames.exact.get(lemma).into_iter().flatten().copied();
        let heads = frames.heads.iter().copied().filter(|&i| {
            lemma
                .strip_suffix(frames.frames[i].noun.as_str())
                .is_some_and(|rest| {
                    rest.is_empty() || rest.ends_with('-') || rest.chars().count() >= 3
                })
        });
        exact.chain(heads).collect()
    }

    #[test]
    fn head_index_finds_what_a_scan_of_all_heads_finds() {
        // Every frame noun as it is, in a compound, after a hyphen, shortened, with endings;
        // the index must give the same frames in the same order as trying every head.
        let lex = Lexicon::load(None).unwrap();
        for (file, text) in &lex.noun_frames {
            let (lang, mut frames) = NounFrames::parse(file, text, &lex.ontology).unwrap();
            frames.add_roles(&lex, lang);
            // (A head noun shorter than the key would leave the index empty: all are longer.)
            assert_eq!(
                frames.heads.is_empty(),
                frames.head_index.is_empty(),
                "{file}"
            );
            let mut words = vec![String::new(), "a".into(), "ab".into(), "ß".into()];
            for f in &frames.frames {
                let n = &f.noun;
                words.extend([
                    n.clone(),
                    format!("milliarden{n}"),
                    format!("ab{n}"),
                    format!("abc{n}"),
                    format!("vw-{n}"),
                    format!("{n}n"),
                    format!("{n}en"),
                ]);
                let mut shorter = n.clone();
                while shorter.pop().is_some() {
                    words.push(shorter.clone());
                }
            }
            for w in &words {
                let indexed: Vec<usize> = frames.matching_form(Cow::Borrowed(w)).collect();
                assert_eq!(indexed, matching_form_scan(&frames, w), "{file}: {w:?}");
            }
        }
    }

    /// Two places alone (a traffic report) go to the tagger only when a word holds a site
    /// noun, inflected or not ("Krankenhäuser", "Zentren").
    #[test]
    fn a_place_alone_needs_a_site_noun_before_tagging() {
        let lex = Lexicon::load(None).unwrap();
        let (file, text) = lex
            .noun_frames
            .iter()
            .find(|(f, _)| f.starts_with("de"))
            .unwrap();
        let (_, frames) = NounFrames::parse(file, text, &lex.ontology).unwrap();
        let places = [EntityType::Place, EntityType::Place];
        assert!(!frames.could_relate(&places));
        let stau = ["Stau", "zwischen", "Kassel", "und", "Göttingen"];
        assert!(!frames.could_take_local(&places, &stau));
        for site in [
            ["Die", "Krankenhäuser", "in", "Rostock"],
            ["Die", "Zentren", "in", "Rostock"],
        ] {
            assert!(frames.could_take_local(&places[..1], &site), "{site:?}");
        }
    }
}
