//! Verb arguments the German parse plainly got wrong, mended by case, agreement and word order.
//!
//! The verb frames ([`super::frames`]) read a fact's subject and object off the learned
//! dependency parse, and the German parser, trained on 1,776 treebank sentences, reaches
//! subject F1 0.76 and object F1 0.68 on held-out treebank text (`docs/evaluation.md`,
//! "Session 8: verb arguments"). Many of its mistakes are ones the sentence's morphology rules out: "Nun will
//! Boeing im Zuge dessen den Rotstift rausholen" parsed with the genitive "dessen" as the
//! subject and Boeing as an object. [`repair`] looks at each verb's nominal arguments once the
//! parse is done and changes only what is plainly wrong, so that every reader of the parse
//! (frames, noun frames, open relations) and the experiment that measures the repair
//! (`examples/argscore.rs`, over held-out parses of the German treebank) see the same
//! arguments:
//!
//! 1. **No subject that cannot be one.** A subject with a preposition, a pronoun that is never
//!    nominative (`obliquepron` in grammar.tsv: "dessen", "ihm") or a noun opened by a
//!    determiner that never is (`obliquedet`: "den", "einem", "seines") loses its label: it
//!    becomes an object when the tagger reads it as accusative (dative: `obl:arg`, the
//!    treebank's dative argument) and the verb has none, else an oblique or `dep`, which no
//!    frame reads.
//! 2. **A subject from the clause.** A verb that now has no subject, but a finite form of its
//!    own (itself, or its auxiliary or modal) that does not open its clause, takes the one
//!    argument of its own (object, dative, bare oblique) that is nominative — a pronoun that is
//!    only nominative (`nominative` in grammar.tsv), or the tagger's case of its determiner or,
//!    for a name (a proper noun or a recognised name), of the word itself — and agrees with the
//!    finite form in number and person. Failing that, its only nominal argument, if an article
//!    that may be nominative opens it ("die", "das", "eine": every other article is
//!    `obliquedet`): a German finite verb has a subject. Never when
//!    * another nominal that may be nominative stands before the argument in its clause as an
//!      argument of some word: German puts the subject first, so that one is more likely the
//!      subject the parser attached elsewhere ("Die Elbwerft AG hat am Montag ein Verfahren
//!      beantragt");
//!    * the article stands right after a comma: a relative pronoun the parser took for one;
//!    * the finite form opens its clause (nothing before it, or "und" right before it): it
//!      shares its subject with the verb it is coordinated with ("… und fanden die Angebote
//!      gut"), or has none ("Habe meine Küche dort gekauft").
//!
//!    Conjuncts and infinitive complements without a finite form of their own keep sharing
//!    their governor's subject ([`super::frames`]): "will X rausholen und Stellen streichen".
//!
//! 3. **No second subject that is an apposition.** A verb with two subjects, the second a
//!    common noun that follows the first's words with only punctuation between them, one of
//!    it a comma ("Die Nordlicht GmbH, ein Spin-off der Elbwerft AG, gab bekannt"), has one
//!    subject and its apposition: the parser, which saw few appositions in the treebank,
//!    attaches both to the verb. The second becomes the first's `appos`, which the noun
//!    frames read. Never when a conjunction is among or right after its words ("X, eine
//!    Tochter von Y, und Z").
//!
//! 4. **A determiner is a determiner.** An article or other determiner the parser attached to
//!    the noun after it with the catch-all `dep` ("Die CEOs von NVIDIA und Meta …", where the
//!    tagger's features of "Die" and "CEOs" disagree) is that noun's `det`, when only
//!    adjectives, numbers or adverbs stand between them: readers that ask whether a noun is
//!    determined ("die CEOs von X und Y" as the holders of a post) look for `det`. So is an
//!    article the parser made an argument of the verb that the noun after it also hangs on
//!    ("Die beiden Unternehmen übernehmen die Wagner Holding AG" with "Die" as the subject and
//!    "Unternehmen" as a dative): the noun then takes the article's place in the clause
//!    (subject, object) where its own is a bare dative or `dep`. Never right after a comma,
//!    where "die" is likelier a relative pronoun ("Firmen, die Unternehmen übernehmen").
//! 5. **A person is the apposition of the role, not of the organisation.** A recognised person
//!    right after a comma that the parser attached (`appos`, `flat`) to an organisation or a
//!    common noun which is itself the genitive or `nmod` of a noun before it ("der Chef der
//!    Airline, Carsten Spohr, sagte", "beim Chef des PC-Herstellers Lenovo, Yang Yuanqing, …")
//!    is that noun's apposition: an organisation or a thing is never a person, so the person
//!    names the noun the genitive hangs on. Never when the word it hangs on is a person.
//!    Hung higher still, on a noun a role noun is the genitive of ("nach Angaben des
//!    Geschäftsführers der Nordlicht GmbH, Ulrich Schwarze, …" on "Angaben"), the person is
//!    the role's apposition when the role's genitives run up to the comma.
//!
//! 6. **No subject after "wie".** Of a verb's two subjects, the later one right after a word
//!    that introduces examples (`example` in grammar.tsv: "SAP hatte sich besser als
//!    Konkurrenten wie IBM und Oracle geschlagen") is an example of a noun, not a second
//!    subject: it becomes `dep`.
//! 7. **A singular subject of a plural verb has a conjunct.** When a verb's one subject is
//!    singular and not coordinated, its finite form plural, and a conjunction of the verb
//!    stands after the subject, the first argument after the conjunction that the tagger
//!    reads as nominative is the subject's conjunct ("Herr Grube und dann auch Herr Kefer
//!    haben mir zugesagt", parsed with Kefer as the object): the verb's number says the
//!    subject is more than one.
//!
//! 8. **An auxiliary has no arguments.** A subject, object, oblique or adverb the parser
//!    attached to an auxiliary ("Die Elbwerft AG will in Kiel Stellen streichen" with the
//!    company and Kiel on "will") belongs to the verb the auxiliary serves: in Universal
//!    Dependencies function words take no such dependents. Not a copula's: where the parser
//!    made "sein" a copula, its obliques ("wir waren im ICE Werk der Deutschen Bahn") would
//!    become the predicate noun's and read as where it is.
//!
//! 9. **A passive auxiliary's subject is a passive subject.** A verb with a passive auxiliary
//!    (`aux:pass`: "Die Nordlicht GmbH wurde von der Elbwerft AG gekauft") whose subject the
//!    parser labelled `nsubj` has it as `nsubj:pass`, as Universal Dependencies writes it, so
//!    that a frame reads it as the passive's object. Not when the verb is tagged an infinitive:
//!    then the auxiliary is the future's "werden" the parser mislabelled.
//!
//! 10. **A relative pronoun that looks like the subject's article is the subject.** In a
//!     relative clause whose pronoun the parser made the object and a later nominal the
//!     subject, where that nominal's article has the pronoun's form ("die Elbwerft AG, die die
//!     Nordlicht GmbH übernommen hat"), morphology cannot tell the two apart, and German
//!     reads them in the default order: the pronoun, which opens the clause, is the subject
//!     (as [`super::frames`] settles two subjects by word order). The pronoun must stand right
//!     after a comma and be a `relative` of grammar.tsv.
//!
//! 11. **A relative pronoun after a preposition is no article.** After a comma, a preposition
//!     and a relative pronoun form ("der", "dem", "die": `relative` in grammar.tsv) the parser
//!     attached as the article of a recognised name ("Hannover Rück, an dem Talanx die Mehrheit
//!     der Anteile hält"): when the clause up to the next punctuation ends in its first finite
//!     form, it is a verb-final relative clause, and the form is its pronoun. The pronoun
//!     becomes the verb's oblique (the preposition stays its `case`), the name its subject,
//!     a word of the clause the parser hung outside it the verb's, another subject of the verb
//!     its object, and the verb the `acl:relcl` of the word before the comma. A finite verb
//!     right after the name would make the phrase a main clause's first ("…, an dem Tag hielt
//!     Talanx …"), and a contraction ("beim") holds an article, never a pronoun.
//!
//! 12. **Examples hang on their noun.** The nominal right after an example word (`example`
//!     in grammar.tsv: "wie") that follows a noun ("Konkurrenten wie die Alphabet-Tochter
//!     Google") is that noun's `nmod`, with the example word as its `case`, where the parser
//!     hung it anywhere outside the noun's phrase (on the verb, as `dep`): the noun frames
//!     read a rival or a customer "wie X" from the noun.
//!
//! 13. **Two names side by side are two arguments.** Each recognised name is one word for the
//!     parser (its stand-in), so a name the parser joined to the name right before it with
//!     `flat`, the relation of a name's own parts, is a second name: "Zum einen lobte Mark
//!     Zuckerberg Deutschland und die Hauptstadt" parsed with "Deutschland" as part of the
//!     subject's name. Where the first is a verb's subject and the verb has no object, the
//!     second is the object (German puts the subject first), and a conjunct of the first that
//!     follows the second is the second's. So it is where the verb has a common noun as its
//!     object after the two names and the names are of different kinds (a club and a person):
//!     that noun becomes `dep` and its prepositional phrases the verb's ("hatte der FC Nordlicht
//!     Jonas Pfeiffer für acht Millionen Euro Ablöse an Borussia Nordstadt verkauft"; session 21).
//!
//! 14. **An abbreviation in parentheses names the whole name** ([`abbreviations`], after
//!     [`repair`]: it reads the words as written). An organisation's abbreviation
//!     in parentheses after a genitive chain ("die Landesvorsitzende des Verbandes der
//!     Werftarbeiter (VdW), Anna Berger") is hung by the parser on the chain's last noun
//!     ("Werftarbeiter"); it names the noun the written-out name starts with: the nearest
//!     noun up the chain (genitives, and names inside it) whose first letter is the
//!     abbreviation's. It becomes that noun's `appos`, so the role reads the organisation.
//!
//! 15. **A name in parentheses right after a name is that name's.** "Der Zusammenschluss von
//!     E-Plus und Telefonica Deutschland (O2)" parsed with "(O2)" as the apposition of
//!     E-Plus: a bracketed name names again the name right before the bracket (its short form,
//!     its other name), so it becomes that name's `appos`, and no reader takes it for a third
//!     party to the merger.
//!
//! 16. **A conjunct after a comma shares its governor's subject.** Rule 2 gives no subject
//!     to a finite verb right after a comma that is the conjunct of a verb with a subject of
//!     its own: it has no first field ("Er sah sich in der Poleposition, verkündete stolz die
//!     Eröffnung"), as after "und", and its only argument stays its object.
//!
//! 17. **A name hung on an amount is the verb's object.** "Johnson Controls übernimmt für etwa
//!     14 Milliarden Tyco International" parsed with the bought company as the apposition of
//!     "Milliarden": a name right after a scale word or currency ("Milliarden", "Euro") that the
//!     parser hung on it, where the amount is a verb's oblique and the verb has no object, is
//!     the verb's object. An amount has no apposition that names an organisation or a person.
//!
//! 18. **"gemeinsam mit" belongs to the verb.** "X entwickelt gemeinsam mit Y ein Spiel" parsed
//!     with the "mit" phrase as a dependent of "gemeinsam": a nominal opened by "mit" right
//!     after "gemeinsam" or "zusammen", which modify a verb, is that verb's oblique, so that the
//!     frames read the partner (and the second doer, `frames::together_with`).
//!
//! 19. **"über 3.000 Läden" is a counted object.** "Der Konzern betreibt über 13.100 Drogerien"
//!     parsed with "über" as the preposition of an oblique: right before a number, "über" and
//!     "unter" (`amountprep` in grammar.tsv) say "more than", "fewer than", and the counted
//!     noun is the verb's object when the verb has none. Only with the number right after the
//!     word and the noun within a few words after the number (adjectives between), and never
//!     when the verb has an object already ("informiert die Kunden über 500 Fälle").
//!
//! 20. **An infinitive with "zu" has no subject of its own.** "Siemens erwägt, Osram zu
//!     übernehmen" parsed with Osram as the subject of "übernehmen" (and "die" of "die
//!     Nordlicht GmbH" as a pronoun object): a noun or name labelled `nsubj` of an infinitive
//!     that has the marker "zu" is its object (an article right before it that the parser made
//!     the object is its article again) when the verb has no other object, else `dep`. The
//!     subject is the governing verb's, which the frames take from there.
//!
//! 21. **A name in a list belongs to the list.** "Die Nordlicht GmbH eröffnet neue Filialen in
//!     Spanien und Portugal" parsed with "Portugal" as a conjunct of the verb: a noun or name
//!     hung on a verb as `conj` with a conjunction of its own and no clause of its own (no
//!     subject, object, oblique, auxiliary, copula or marker under it) is the conjunct of the
//!     verb's nominal argument right before it (subject, object, dative, oblique), when nothing
//!     but commas and the conjunct's own words stand between them and it has no preposition
//!     but that argument's (session 21). A verb cannot be coordinated with a noun; the frames
//!     and noun frames then give each conjunct its fact.
//!
//! German only: the English parser reaches subject F1 0.79 on the same amount of data, and
//! English marks case only on pronouns.

use crate::lexicon::Lexicon;
use crate::model::{EntityType, Lang};
use crate::text::syntax::{Syntax, Word};

/// What a nominal's own words say about its case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Only nominative by its form ("er", "wir") or by the tagger, with nothing against it.
    Nominative,
    /// Never nominative by its form: a preposition, an oblique pronoun or determiner.
    Oblique,
    /// Nothing either way.
    Unknown,
}

struct Clause<'a> {
    syn: &'a Syntax,
    children: Vec<Vec<usize>>,
    lex: &'a Lexicon,
    named: &'a [Option<EntityType>],
}

impl<'a> Clause<'a> {
    fn new(syn: &'a Syntax, lex: &'a Lexicon, named: &'a [Option<EntityType>]) -> Self {
        Clause {
            children: syn.child_lists(),
            syn,
            lex,
            named,
        }
    }

    fn named(&self, w: usize) -> bool {
        is_named(self.named, w)
    }

    /// Whether word `w` opens its clause: nothing but punctuation before it, or a
    /// coordinating conjunction right before it ("… und fanden die Angebote gut"). A finite
    /// verb there has no first field for its own subject: it shares one (a conjunct) or has
    /// none (a question, a dropped "ich": "Habe meine Küche dort gekauft").
    fn opens_clause(&self, w: usize) -> bool {
        let before = &self.syn.words[..w];
        before.iter().all(|x| x.upos == "PUNCT") || before.last().is_some_and(|x| x.upos == "CCONJ")
    }

    /// Whether a nominal that may be nominative stands before `n` in its clause (back to the
    /// nearest punctuation or subordinating conjunction) as an argument of some word, not
    /// as a part of a noun phrase: German puts the subject before the objects, so such a
    /// word is more likely the clause's subject, which the parser attached elsewhere ("Die
    /// Elbwerft AG hat am Montag ein Verfahren beantragt", "damit X eine Zukunft erhält").
    fn nominal_before(&self, n: usize) -> bool {
        (0..n)
            .rev()
            .take_while(|&b| !matches!(self.syn.words[b].upos.as_str(), "PUNCT" | "SCONJ"))
            .any(|b| {
                self.nominal(b)
                    && !matches!(
                        self.syn.words[b].deprel.as_str(),
                        "nmod"
                            | "nmod:poss"
                            | "flat"
                            | "flat:name"
                            | "appos"
                            | "compound"
                            | "det"
                            | "det:poss"
                            | "amod"
                            | "conj"
                    )
                    && self.case(b) != Case::Oblique
            })
    }

    /// Whether nominal `n`'s determiner stands right after a comma: a relative pronoun the
    /// parser took for an article ("Banken, die billigere Konzepte anbieten").
    fn relative_article(&self, n: usize) -> bool {
        self.determiners(n)
            .next()
            .is_some_and(|d| d > 0 && self.syn.words[d - 1].form == ",")
    }

    fn lower(&self, w: usize) -> String {
        self.syn.words[w].form.to_lowercase()
    }

    /// Whether nominal `n` has a preposition before it that the tagger's case does not
    /// contradict ("Professor" tagged as a preposition before a nominative name; "als", "wie"
    /// compare and are no prepositions of the phrase).
    fn has_preposition(&self, n: usize) -> bool {
        self.children[n].iter().any(|&c| {
            let w = &self.syn.words[c];
            w.deprel == "case" && w.upos == "ADP" && c < n
        }) && self.tagged_case(n) != Some("Nom")
            && !self.lex.nominative_pronouns.has(Lang::De, &self.lower(n))
    }

    fn determiners(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        self.children[n]
            .iter()
            .copied()
            .filter(|&c| matches!(self.syn.words[c].deprel.as_str(), "det" | "det:poss"))
    }

    fn case(&self, n: usize) -> Case {
        let w = &self.syn.words[n];
        let form = self.lower(n);
        if self.has_preposition(n)
            || (w.upos == "PRON" && self.lex.oblique_pronouns.has(Lang::De, &form))
            || self
                .determiners(n)
                .any(|d| self.lex.oblique_determiners.has(Lang::De, &self.lower(d)))
        {
            return Case::Oblique;
        }
        if w.upos == "PRON" && self.lex.nominative_pronouns.has(Lang::De, &form) {
            return Case::Nominative;
        }
        // The tagger's case of the determiner, or of a name (names have no ending that could
        // tell, the tagger reads their place and neighbours); a bare common noun's tagged
        // case alone is too weak ("fordert stärkere Finanzierung").
        let tagged = match self.determiners(n).next() {
            Some(d) => self.syn.words[d].feat("Case"),
            None if w.upos == "PROPN" || self.named(n) => self.syn.words[n].feat("Case"),
            None => None,
        };
        if tagged == Some("Nom") {
            Case::Nominative
        } else {
            Case::Unknown
        }
    }

    /// The tagger's case of a nominal (its determiner's first), for choosing a demoted word's
    /// new label.
    fn tagged_case(&self, n: usize) -> Option<&str> {
        self.determiners(n)
            .find_map(|d| self.syn.words[d].feat("Case"))
            .or_else(|| self.syn.words[n].feat("Case"))
    }

    /// The finite form of verb `v`: itself, or its auxiliary or modal.
    ///
    /// A verb without an auxiliary that the tagger gave a tense is finite whatever its
    /// `VerbForm` head said: the tagger's feature heads decide each on its own, and in the
    /// treebank only finite forms carry a tense ("in dem das Unternehmen mit X konkurriert"
    /// tagged `Tense=Pres|VerbForm=Part`, the form of a participle too).
    fn finite(&self, v: usize) -> Option<usize> {
        let w = &self.syn.words[v];
        let aux = self.children[v].iter().copied().find(|&c| {
            self.syn.words[c].deprel.starts_with("aux")
                && self.syn.words[c].feat("VerbForm") == Some("Fin")
        });
        if w.feat("VerbForm") == Some("Fin") || (aux.is_none() && w.feat("Tense").is_some()) {
            return Some(v);
        }
        aux
    }

    /// Whether nominal `n` can be the subject of finite form `fin` by number and person.
    fn agrees(&self, n: usize, fin: usize) -> bool {
        let coordinated = self.children[n]
            .iter()
            .any(|&c| self.syn.words[c].deprel == "conj");
        let number = if coordinated {
            Some("Plur")
        } else {
            self.syn.words[n].feat("Number")
        };
        if let (Some(a), Some(b)) = (number, self.syn.words[fin].feat("Number")) {
            if a != b {
                return false;
            }
        }
        let person = match self.syn.words[n].upos.as_str() {
            "PRON" => self.syn.words[n].feat("Person"),
            _ => Some("3"),
        };
        match (person, self.syn.words[fin].feat("Person")) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    /// Rule 16 of the module docs: whether verb `v` shares its subject with the verb it is
    /// the conjunct of. Its finite form stands right after a comma (or a conjunction, which
    /// [`Clause::opens_clause`] covers) and its governor has a subject of its own: "Er sah
    /// sich in der Poleposition, verkündete stolz die Eröffnung" has no first field before
    /// "verkündete" for a subject of its own.
    fn shares_subject(&self, v: usize, fin: usize) -> bool {
        let syn = self.syn;
        fin == v
            && v > 0
            && syn.words[v - 1].form == ","
            && syn.words[v].deprel == "conj"
            && syn.head(v).is_some_and(|h| {
                matches!(syn.words[h].upos.as_str(), "VERB" | "AUX")
                    && self.children[h]
                        .iter()
                        .any(|&c| is_subject(&syn.words[c].deprel))
            })
    }

    fn nominal(&self, n: usize) -> bool {
        matches!(self.syn.words[n].upos.as_str(), "NOUN" | "PROPN" | "PRON")
    }
}

/// Whether word `w` is a recognised name (the parser's stand-in for it).
fn is_named(named: &[Option<EntityType>], w: usize) -> bool {
    named.get(w).copied().flatten().is_some()
}

fn is_subject(deprel: &str) -> bool {
    matches!(deprel, "nsubj" | "nsubj:pass" | "csubj" | "expl")
}

/// The parse with the verb arguments it plainly got wrong mended (see the module docs).
/// `named[w]` is the type of the recognised name word `w` stands for, if any (may be empty:
/// no names known). Sentences in other languages than German come back unchanged.
pub fn repair(syn: Syntax, lex: &Lexicon, lang: Lang, named: &[Option<EntityType>]) -> Syntax {
    if lang != Lang::De || syn.words.is_empty() {
        return syn;
    }
    let syn = auxiliaries_have_no_arguments(syn);
    let syn = second_subject_appositions(syn);
    let syn = stray_determiners(syn);
    let syn = person_appositions(syn, lex, named);
    let syn = examples_are_no_subjects(syn, lex);
    let syn = plural_subjects(syn, lex, named);
    let syn = relative_subjects_first(syn, lex);
    let syn = relative_pronouns_after_prepositions(syn, lex, named);
    let syn = examples_hang_on_their_noun(syn, lex);
    let syn = adjacent_names(syn, named);
    let syn = bracketed_names(syn, named);
    let syn = names_after_amounts(syn, lex, named);
    let syn = together_with_the_verb(syn, lex, lang);
    let syn = counted_objects(syn, lex, lang);
    let syn = zu_infinitive_objects(syn, lex);
    let syn = nominal_conjuncts_of_verbs(syn);
    let mut relabel: Vec<(usize, &'static str)> = Vec::new();
    {
        let cl = Clause::new(&syn, lex, named);
        for v in 0..syn.words.len() {
            if syn.words[v].upos != "VERB" {
                continue;
            }
            let deps = &cl.children[v];
            // 1. Subjects that cannot be one.
            let mut demoted: Vec<usize> = Vec::new();
            for &s in deps {
                let d = syn.words[s].deprel.as_str();
                if !matches!(d, "nsubj" | "nsubj:pass") || !cl.nominal(s) {
                    continue;
                }
                if cl.case(s) == Case::Oblique {
                    demoted.push(s);
                }
            }
            let subject_left = deps
                .iter()
                .any(|&c| is_subject(&syn.words[c].deprel) && !demoted.contains(&c));
            // 2. A subject from the clause.
            let mut promoted = None;
            if !subject_left {
                if let Some(fin) = cl
                    .finite(v)
                    .filter(|&f| !cl.opens_clause(f) && !cl.shares_subject(v, f))
                {
                    let arguments: Vec<usize> = deps
                        .iter()
                        .copied()
                        .filter(|&c| {
                            let d = syn.words[c].deprel.as_str();
                            let argument = matches!(d, "obj" | "iobj" | "obl:arg")
                                || (d == "obl" && !cl.has_preposition(c));
                            argument && cl.nominal(c) && cl.case(c) != Case::Oblique
                        })
                        .collect();
                    let candidates: Vec<usize> = arguments
                        .iter()
                        .copied()
                        .filter(|&c| {
                            cl.case(c) == Case::Nominative
                                && !cl.relative_article(c)
                                && !cl.nominal_before(c)
                                && cl.agrees(c, fin)
                        })
                        .collect();
                    promoted = match candidates[..] {
                        [one] => Some(one),
                        // A finite verb's only nominal argument, with an article that may be
                        // nominative ("die", "das", "eine": the oblique ones are listed), is
                        // its subject: a German finite verb has one, and an object alone
                        // would leave it without.
                        [] => match arguments[..] {
                            [one]
                                if cl.determiners(one).next().is_some()
                                    && !cl.relative_article(one)
                                    && !cl.nominal_before(one)
                                    && cl.agrees(one, fin) =>
                            {
                                Some(one)
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                }
            }
            if let Some(p) = promoted {
                let passive = deps.iter().any(|&c| syn.words[c].deprel == "aux:pass");
                relabel.push((p, if passive { "nsubj:pass" } else { "nsubj" }));
            }
            let mut object_taken = deps.iter().any(|&c| {
                syn.words[c].deprel == "obj" && Some(c) != promoted && !demoted.contains(&c)
            });
            for s in demoted {
                let label = if cl.has_preposition(s) {
                    "obl"
                } else {
                    match cl.tagged_case(s) {
                        Some("Acc") if !object_taken => {
                            object_taken = true;
                            "obj"
                        }
                        Some("Dat") => "obl:arg",
                        _ => "dep",
                    }
                };
                relabel.push((s, label));
            }
        }
    }
    let mut syn = syn;
    for (w, label) in relabel {
        label.clone_into(&mut syn.words[w].deprel);
    }
    passive_subjects(syn)
}

/// Rule 21 of the module docs: a noun or name the parser made a conjunct of a verb is the
/// conjunct of the verb's nominal argument right before it.
fn nominal_conjuncts_of_verbs(mut syn: Syntax) -> Syntax {
    let nominal = |w: &crate::text::syntax::Word| matches!(w.upos.as_str(), "NOUN" | "PROPN");
    for c in 1..syn.words.len() {
        let Some(v) = syn.head(c) else {
            continue;
        };
        if syn.words[c].deprel != "conj" || !nominal(&syn.words[c]) || syn.words[v].upos != "VERB" {
            continue;
        }
        let own: Vec<usize> = syn.children(c).collect();
        let has = |d: &[&str]| {
            own.iter()
                .any(|&k| d.contains(&syn.words[k].deprel.as_str()))
        };
        if !has(&["cc"])
            || own.iter().any(|&k| {
                let d = syn.words[k].deprel.as_str();
                d.starts_with("nsubj")
                    || d.starts_with("obj")
                    || d.starts_with("obl")
                    || d.starts_with("aux")
                    || matches!(d, "iobj" | "cop" | "mark" | "xcomp" | "ccomp")
            })
        {
            continue;
        }
        // The verb's dependent right before the conjunct's own words.
        let first = own.iter().copied().min().unwrap_or(c).min(c);
        let Some(j) = syn
            .children(v)
            .filter(|&k| k < first && syn.words[k].deprel != "punct")
            .max()
        else {
            continue;
        };
        let d = syn.words[j].deprel.as_str();
        let argument = d.starts_with("nsubj") || matches!(d, "obj" | "iobj" | "obl" | "obl:arg");
        if !argument || !nominal(&syn.words[j]) {
            continue;
        }
        // Only commas between the argument's words and the conjunct's.
        let end = (j..first)
            .rev()
            .find(|&k| descends_from(&syn, k, j) || k == j)
            .unwrap_or(j);
        if ((end + 1)..first).any(|k| syn.words[k].form != ",") {
            continue;
        }
        let preposition = |w: usize| {
            syn.children(w)
                .find(|&k| syn.words[k].deprel == "case")
                .map(|k| syn.words[k].form.to_lowercase())
        };
        if let Some(p) = preposition(c) {
            if preposition(j) != Some(p) {
                continue;
            }
        }
        unless_cycle(&mut syn, |syn| syn.words[c].head = j + 1);
    }
    syn
}

/// Rule 18 of the module docs: a "mit" phrase right after "gemeinsam"/"zusammen" (`together`,
/// `togetherprep`) that the parser hung on that word is the oblique of the verb the word
/// modifies.
fn together_with_the_verb(mut syn: Syntax, lex: &Lexicon, lang: Lang) -> Syntax {
    let children = syn.child_lists();
    for g in 0..syn.words.len().saturating_sub(1) {
        if !lex.opens_together(lang, &syn.words[g].form, &syn.words[g + 1].form) {
            continue;
        }
        let Some(v) = syn.head(g).filter(|&v| syn.words[v].upos == "VERB") else {
            continue;
        };
        let Some(n) = syn.head(g + 1).filter(|&n| {
            syn.head(n) == Some(g)
                && children[n].contains(&(g + 1))
                && syn.words[g + 1].deprel == "case"
        }) else {
            continue;
        };
        unless_cycle(&mut syn, |syn| {
            syn.words[n].head = v + 1;
            "obl".clone_into(&mut syn.words[n].deprel);
        });
    }
    syn
}

/// Rule 20 of the module docs: "erwägt, Osram zu übernehmen" — an infinitive with "zu" has no
/// subject; the nominal the parser made one is its object.
fn zu_infinitive_objects(mut syn: Syntax, lex: &Lexicon) -> Syntax {
    let n = syn.words.len();
    for v in 0..n {
        let w = &syn.words[v];
        if w.upos != "VERB" || w.feat("VerbForm") != Some("Inf") {
            continue;
        }
        let children: Vec<usize> = syn.children(v).collect();
        // The infinitive marker is German's one particle that marks a verb (PTKZU).
        let zu = children
            .iter()
            .any(|&c| syn.words[c].deprel == "mark" && syn.words[c].upos == "PART");
        if !zu {
            continue;
        }
        for &s in &children {
            let word = &syn.words[s];
            if word.deprel != "nsubj" || !matches!(word.upos.as_str(), "NOUN" | "PROPN") {
                continue;
            }
            // "die Nordlicht GmbH": the article the parser made the verb's object.
            let article = s.checked_sub(1).filter(|&p| {
                let a = &syn.words[p];
                a.head == v + 1
                    && a.deprel == "obj"
                    && matches!(a.upos.as_str(), "DET" | "PRON")
                    && lex.definite_articles.has(Lang::De, &a.form.to_lowercase())
            });
            if let Some(p) = article {
                syn.words[p].head = s + 1;
                "det".clone_into(&mut syn.words[p].deprel);
            }
            let object_taken = syn
                .children(v)
                .any(|c| c != s && syn.words[c].deprel == "obj");
            let label = if object_taken { "dep" } else { "obj" };
            label.clone_into(&mut syn.words[s].deprel);
        }
    }
    syn
}

/// Rule 19 of the module docs: "betreibt über 13.100 Drogerien" — "über" right before a number
/// says "more than", so the counted noun, parsed as an oblique of a verb without an object, is
/// the verb's object, and "über" the number's modifier.
fn counted_objects(mut syn: Syntax, lex: &Lexicon, lang: Lang) -> Syntax {
    let children = syn.child_lists();
    let mut mend: Vec<(usize, usize)> = Vec::new();
    for p in 0..syn.words.len().saturating_sub(2) {
        let num = p + 1;
        if syn.words[p].deprel != "case"
            || syn.words[num].upos != "NUM"
            || !lex
                .amount_prepositions
                .has(lang, &crate::text::lower(&syn.words[p].form))
        {
            continue;
        }
        let Some(n) = syn.head(p).filter(|&n| {
            n > num
                && n <= num + 3
                && syn.words[n].upos == "NOUN"
                && syn.words[n].deprel == "obl"
                && syn.head(num) == Some(n)
                && (num + 1..n).all(|k| syn.words[k].upos == "ADJ")
        }) else {
            continue;
        };
        let Some(v) = syn.head(n).filter(|&v| syn.words[v].upos == "VERB") else {
            continue;
        };
        if children[v]
            .iter()
            .any(|&c| matches!(syn.words[c].deprel.as_str(), "obj" | "ccomp" | "xcomp"))
        {
            continue;
        }
        mend.push((p, n));
    }
    for (p, n) in mend {
        unless_cycle(&mut syn, |syn| {
            syn.words[n].deprel = "obj".into();
            syn.words[p].head = p + 2;
            syn.words[p].deprel = "advmod".into();
        });
    }
    syn
}

/// Rule 10 of the module docs: a relative pronoun parsed as the object, with a later subject
/// whose article has the pronoun's form, is the subject.
fn relative_subjects_first(mut syn: Syntax, lex: &Lexicon) -> Syntax {
    let children = syn.child_lists();
    let lower = |w: usize| syn.words[w].form.to_lowercase();
    let mut swap: Vec<(usize, usize)> = Vec::new();
    for (v, deps) in children.iter().enumerate() {
        if syn.words[v].upos != "VERB" {
            continue;
        }
        let pronoun = deps.iter().copied().find(|&r| {
            syn.words[r].deprel == "obj"
                && syn.words[r].upos == "PRON"
                && r > 0
                && syn.words[r - 1].form == ","
                && lex.relative_pronouns.has(Lang::De, &lower(r))
        });
        let Some(r) = pronoun else {
            continue;
        };
        let subjects: Vec<usize> = deps
            .iter()
            .copied()
            .filter(|&c| syn.words[c].deprel == "nsubj")
            .collect();
        let [s] = subjects[..] else {
            continue;
        };
        let same_article = children[s]
            .iter()
            .any(|&d| syn.words[d].deprel == "det" && d < s && lower(d) == lower(r));
        let other_object = deps.iter().any(|&c| c != r && syn.words[c].deprel == "obj");
        if s > r && same_article && !other_object {
            swap.push((r, s));
        }
    }
    for (r, s) in swap {
        "nsubj".clone_into(&mut syn.words[r].deprel);
        "obj".clone_into(&mut syn.words[s].deprel);
    }
    syn
}

/// Rule 9 of the module docs: the `nsubj` of a verb with a passive auxiliary is `nsubj:pass`.
fn passive_subjects(mut syn: Syntax) -> Syntax {
    let children = syn.child_lists();
    for (v, deps) in children.iter().enumerate() {
        let passive = deps.iter().any(|&c| syn.words[c].deprel == "aux:pass")
            && syn.words[v].feat("VerbForm") != Some("Inf");
        if !passive {
            continue;
        }
        for &c in deps {
            if syn.words[c].deprel == "nsubj" {
                "nsubj:pass".clone_into(&mut syn.words[c].deprel);
            }
        }
    }
    syn
}

/// A word's dependents that are its nominal subjects (active or passive), in word order.
fn nominal_subjects(syn: &Syntax, deps: &[usize]) -> Vec<usize> {
    deps.iter()
        .copied()
        .filter(|&c| matches!(syn.words[c].deprel.as_str(), "nsubj" | "nsubj:pass"))
        .collect()
}

/// The first and last word (0-based) of word `w`'s subtree that is no punctuation.
fn subtree_span(syn: &Syntax, children: &[Vec<usize>], w: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (w, w);
    let mut stack = vec![w];
    // A parse is a tree, but guard against a cycle in a broken one.
    let mut seen = 0usize;
    while let Some(x) = stack.pop() {
        seen += 1;
        if seen > children.len() {
            break;
        }
        if syn.words[x].upos != "PUNCT" {
            lo = lo.min(x);
            hi = hi.max(x);
        }
        stack.extend(children[x].iter().copied());
    }
    (lo, hi)
}

/// Rule 3 of the module docs: a verb's second subject that is an apposition of its first.
fn second_subject_appositions(mut syn: Syntax) -> Syntax {
    let children = syn.child_lists();
    let mut rehead: Vec<(usize, usize)> = Vec::new();
    for deps in &children {
        let subjects = nominal_subjects(&syn, deps);
        for pair in subjects.windows(2) {
            let (first, second) = (pair[0], pair[1]);
            let w = &syn.words;
            if w[second].upos != "NOUN" || !matches!(w[first].upos.as_str(), "NOUN" | "PROPN") {
                continue;
            }
            let (_, first_end) = subtree_span(&syn, &children, first);
            let (second_start, second_end) = subtree_span(&syn, &children, second);
            if second_start <= first_end || second_start > second {
                continue;
            }
            let between = &w[first_end + 1..second_start];
            let comma_only = !between.is_empty()
                && between.iter().all(|x| x.upos == "PUNCT")
                && between.iter().any(|x| x.form == ",");
            // A list, not an apposition: a conjunction inside the second's words or right
            // after them.
            let conjunction_after = w[second_start..=second_end]
                .iter()
                .any(|x| x.upos == "CCONJ")
                || w[second_end + 1..]
                    .iter()
                    .find(|x| x.form != ",")
                    .is_some_and(|x| x.upos == "CCONJ");
            if comma_only && !conjunction_after && w[second].feat("Case").is_none_or(|c| c == "Nom")
            {
                rehead.push((second, first));
            }
        }
    }
    for (apposition, head) in rehead {
        syn.words[apposition].head = head + 1;
        "appos".clone_into(&mut syn.words[apposition].deprel);
    }
    syn
}

/// Rule 8 of the module docs: an auxiliary's arguments go to its verb.
fn auxiliaries_have_no_arguments(mut syn: Syntax) -> Syntax {
    let mut rehead: Vec<(usize, usize)> = Vec::new();
    for (c, w) in syn.words.iter().enumerate() {
        let argument = matches!(
            w.deprel.as_str(),
            "nsubj" | "nsubj:pass" | "obj" | "iobj" | "obl" | "obl:arg" | "advmod" | "expl"
        );
        let Some(a) = syn.head(c).filter(|&a| a < syn.words.len()) else {
            continue;
        };
        let aux = &syn.words[a];
        if argument && matches!(aux.deprel.as_str(), "aux" | "aux:pass") {
            if let Some(v) = syn.head(a) {
                rehead.push((c, v));
            }
        }
    }
    for (c, v) in rehead {
        syn.words[c].head = v + 1;
    }
    syn
}

/// Rule 6 of the module docs: a verb's later subject right after "wie" is an example.
fn examples_are_no_subjects(mut syn: Syntax, lex: &Lexicon) -> Syntax {
    let children = syn.child_lists();
    let mut demote = Vec::new();
    for deps in &children {
        let subjects = nominal_subjects(&syn, deps);
        for &s in subjects.iter().skip(1) {
            let (start, _) = subtree_span(&syn, &children, s);
            let example = start > 0
                && lex
                    .examples
                    .has(Lang::De, &syn.words[start - 1].form.to_lowercase());
            if example {
                demote.push(s);
            }
        }
    }
    for s in demote {
        "dep".clone_into(&mut syn.words[s].deprel);
    }
    syn
}

/// Rule 7 of the module docs: the nominative after "und" that a plural verb's singular
/// subject is coordinated with.
fn plural_subjects(mut syn: Syntax, lex: &Lexicon, named: &[Option<EntityType>]) -> Syntax {
    let mut coordinate: Vec<(usize, usize, usize)> = Vec::new();
    {
        let cl = Clause::new(&syn, lex, named);
        for v in 0..syn.words.len() {
            let deps = &cl.children[v];
            let subjects: Vec<usize> = deps
                .iter()
                .copied()
                .filter(|&c| is_subject(&syn.words[c].deprel))
                .collect();
            let [s] = subjects[..] else {
                continue;
            };
            let Some(fin) = cl.finite(v) else {
                continue;
            };
            let coordinated = cl.children[s]
                .iter()
                .any(|&c| syn.words[c].deprel == "conj");
            if coordinated
                || syn.words[s].feat("Number") != Some("Sing")
                || syn.words[fin].feat("Number") != Some("Plur")
            {
                continue;
            }
            let Some(cc) = deps
                .iter()
                .copied()
                .find(|&c| c > s && syn.words[c].upos == "CCONJ")
            else {
                continue;
            };
            let next = deps.iter().copied().find(|&c| {
                c > cc
                    && matches!(syn.words[c].deprel.as_str(), "obj" | "iobj" | "obl:arg")
                    && cl.nominal(c)
            });
            if let Some(o) = next.filter(|&o| cl.case(o) == Case::Nominative) {
                coordinate.push((s, cc, o));
            }
        }
    }
    for (s, cc, o) in coordinate {
        syn.words[o].head = s + 1;
        "conj".clone_into(&mut syn.words[o].deprel);
        syn.words[cc].head = o + 1;
        "cc".clone_into(&mut syn.words[cc].deprel);
    }
    syn
}

/// Rule 4 of the module docs: a determiner the parser attached to its noun as `dep`, or to
/// the noun's verb as an argument.
fn stray_determiners(mut syn: Syntax) -> Syntax {
    for d in 0..syn.words.len() {
        let w = &syn.words[d];
        let argument = matches!(w.deprel.as_str(), "nsubj" | "obj" | "iobj" | "obl:arg");
        if w.upos != "DET" || !argument || (d > 0 && syn.words[d - 1].form == ",") {
            continue;
        }
        let Some(v) = syn.head(d) else {
            continue;
        };
        let Some(n) = (d + 1..syn.words.len())
            .find(|&k| !matches!(syn.words[k].upos.as_str(), "ADJ" | "NUM" | "ADV" | "DET"))
        else {
            continue;
        };
        let noun = &syn.words[n];
        let alone = !syn.words.iter().any(|x| x.head == d + 1);
        if matches!(noun.upos.as_str(), "NOUN" | "PROPN") && syn.head(n) == Some(v) && alone {
            let label = std::mem::replace(&mut syn.words[d].deprel, "det".to_owned());
            syn.words[d].head = n + 1;
            if matches!(syn.words[n].deprel.as_str(), "obl:arg" | "iobj" | "dep") {
                syn.words[n].deprel = label;
            }
        }
    }
    for d in 0..syn.words.len() {
        let w = &syn.words[d];
        let Some(h) = syn.head(d).filter(|&h| h > d && h < syn.words.len()) else {
            continue;
        };
        if w.upos != "DET" || w.deprel != "dep" {
            continue;
        }
        let noun = matches!(syn.words[h].upos.as_str(), "NOUN" | "PROPN");
        let modifiers_only = syn.words[d + 1..h]
            .iter()
            .all(|x| matches!(x.upos.as_str(), "ADJ" | "NUM" | "ADV"));
        if noun && modifiers_only {
            "det".clone_into(&mut syn.words[d].deprel);
        }
    }
    syn
}

/// Rule 5 of the module docs: a person after a comma hung on an organisation (or a thing)
/// that is the genitive of a noun before it is that noun's apposition; one hung on a noun a
/// role is the genitive of is the role's.
fn person_appositions(mut syn: Syntax, lex: &Lexicon, named: &[Option<EntityType>]) -> Syntax {
    let person = |w: usize| named.get(w).copied().flatten() == Some(EntityType::Person);
    let n = syn.words.len();
    let mut rehead: Vec<(usize, usize)> = Vec::new();
    for p in 1..n {
        let w = &syn.words[p];
        if !person(p)
            || !matches!(w.deprel.as_str(), "appos" | "flat")
            || syn.words[p - 1].form != ","
        {
            continue;
        }
        let Some(mut h) = syn.head(p).filter(|&h| h < p && !person(h)) else {
            continue;
        };
        let hung_on = h;
        // Up the chain of names and nouns the person was hung on, to the first noun one of
        // them is the genitive (`nmod`) of. Each step goes left, so the climb ends.
        let mut target = None;
        while let Some(up) = syn.head(h).filter(|&u| u < h && !person(u)) {
            match syn.words[h].deprel.as_str() {
                "nmod" => {
                    if syn.words[up].upos == "NOUN" && named.get(up).copied().flatten().is_none() {
                        target = Some(up);
                    }
                    break;
                }
                "appos" | "flat" => h = up,
                _ => break,
            }
        }
        // Hung higher still: on the noun the role is the genitive of ("nach Angaben des
        // Geschäftsführers der Nordlicht GmbH, Ulrich Schwarze, …" on "Angaben"). The role
        // between them is the person's noun when its genitives run up to the comma and its
        // own chain of genitives reaches the noun the person was hung on.
        if target.is_none() && syn.words[hung_on].upos == "NOUN" && !role(&syn, lex, hung_on) {
            target = (hung_on + 1..p - 1).find(|&r| {
                role(&syn, lex, r)
                    && (r + 1..p - 1).all(|w| descends_from(&syn, w, r))
                    && nmod_chain(&syn, r, hung_on)
            });
        }
        if let Some(t) = target {
            rehead.push((p, t));
        }
    }
    for (p, t) in rehead {
        syn.words[p].head = t + 1;
        "appos".clone_into(&mut syn.words[p].deprel);
    }
    syn
}

/// Whether word `w` is a role noun ("Geschäftsführers": its lemma is one of roles.tsv or a
/// compound headed by one).
fn role(syn: &Syntax, lex: &Lexicon, w: usize) -> bool {
    let word = &syn.words[w];
    word.upos == "NOUN"
        && crate::entities::role_compound(&word.lemma.to_lowercase(), lex, Lang::De).is_some()
}

/// Whether word `w` reaches `top` up a chain of genitives (`nmod`).
fn nmod_chain(syn: &Syntax, mut w: usize, top: usize) -> bool {
    for _ in 0..syn.words.len() {
        if syn.words[w].deprel != "nmod" {
            return false;
        }
        match syn.head(w) {
            Some(h) if h == top => return true,
            Some(h) => w = h,
            None => return false,
        }
    }
    false
}

/// Rule 11 of the module docs: "Hannover Rück, an dem Talanx die Mehrheit hält" parsed with
/// "dem" as the article of the name.
fn relative_pronouns_after_prepositions(
    mut syn: Syntax,
    lex: &Lexicon,
    named: &[Option<EntityType>],
) -> Syntax {
    let n = syn.words.len();
    let is_name = |w: usize| named.get(w).copied().flatten().is_some();
    let finite = |w: &Word| w.feat("VerbForm") == Some("Fin");
    let mut mended: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    for d in 3..n.saturating_sub(2) {
        let name = d + 1;
        let word = &syn.words[d];
        if syn.words[d - 2].form != ","
            || syn.words[d - 1].upos != "ADP"
            || word.deprel != "det"
            || syn.head(d) != Some(name)
            // "beim", "am": a contraction's article is never a relative pronoun.
            || word.token == syn.words[d - 1].token
            || !lex
                .relative_pronouns
                .has(Lang::De, &word.form.to_lowercase())
            || !is_name(name)
        {
            continue;
        }
        // The clause ends at the next punctuation; its first finite form must be its last
        // word. A finite verb right after the phrase would make it a main clause's first
        // phrase (", an dem Tag hielt Talanx …").
        let end = (name + 1..n)
            .find(|&k| syn.words[k].upos == "PUNCT")
            .unwrap_or(n);
        let last = end - 1;
        if last <= name || (name + 1..end).find(|&k| finite(&syn.words[k])) != Some(last) {
            continue;
        }
        // The verb the clause is about: the finite verb, or the one its auxiliary serves.
        let verb = match syn.words[last].upos.as_str() {
            "VERB" => Some(last),
            "AUX" => syn
                .head(last)
                .filter(|&h| (name + 1..last).contains(&h) && syn.words[h].upos == "VERB"),
            _ => None,
        };
        let Some(verb) = verb else {
            continue;
        };
        let antecedent = d - 3;
        if !matches!(syn.words[antecedent].upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        mended.push((d, name, verb, antecedent, last));
    }
    for (d, name, verb, antecedent, last) in mended {
        // Where the antecedent still hangs below the verb the clause would be its own
        // ancestor: then the parse stays as it was.
        unless_cycle(&mut syn, |syn| {
            // What the parser hung on the verb before the comma ("wegen des Gewinns" in "…
            // schnitt besser ab wegen des Gewinns beim Rückversicherer X, an dem …") belongs to
            // the clause the verb hung on.
            if let Some(up) = syn.head(verb) {
                for k in 0..d - 2 {
                    if syn.head(k) == Some(verb) {
                        syn.words[k].head = up + 1;
                    }
                }
            }
            // A word of the clause the parser hung outside it belongs to the clause's verb.
            for k in name + 1..last {
                if syn.head(k).is_some_and(|h| h + 2 < d || h > last) {
                    syn.words[k].head = verb + 1;
                }
            }
            // A second subject the verb now has ("die Mehrheit") is its object.
            let has_object = syn.children(verb).any(|c| syn.words[c].deprel == "obj");
            let others: Vec<usize> = syn
                .children(verb)
                .filter(|&c| c != name && syn.words[c].deprel == "nsubj")
                .collect();
            if !has_object {
                for o in others {
                    "obj".clone_into(&mut syn.words[o].deprel);
                }
            }
            syn.words[d - 1].head = d + 1;
            "case".clone_into(&mut syn.words[d - 1].deprel);
            let pronoun = &mut syn.words[d];
            "PRON".clone_into(&mut pronoun.upos);
            "obl".clone_into(&mut pronoun.deprel);
            pronoun.head = verb + 1;
            let subject = &mut syn.words[name];
            "nsubj".clone_into(&mut subject.deprel);
            subject.head = verb + 1;
            let clause = &mut syn.words[verb];
            "acl:relcl".clone_into(&mut clause.deprel);
            clause.head = antecedent + 1;
        });
    }
    syn
}

/// Rule 12 of the module docs: "Konkurrenten wie die Alphabet-Tochter Google" parsed with the
/// example as a dependent of the verb.
fn examples_hang_on_their_noun(mut syn: Syntax, lex: &Lexicon) -> Syntax {
    let n = syn.words.len();
    for e in 1..n.saturating_sub(1) {
        let noun = e - 1;
        if syn.words[noun].upos != "NOUN"
            || !lex
                .examples
                .has(Lang::De, &syn.words[e].form.to_lowercase())
        {
            continue;
        }
        let Some(k) = (e + 1..n)
            .find(|&k| !matches!(syn.words[k].upos.as_str(), "DET" | "ADJ" | "NUM"))
            .filter(|&k| matches!(syn.words[k].upos.as_str(), "NOUN" | "PROPN"))
        else {
            continue;
        };
        // Already in the noun's phrase: the parse is left alone.
        if descends_from(&syn, k, noun) {
            continue;
        }
        unless_cycle(&mut syn, |syn| {
            syn.words[k].head = noun + 1;
            "nmod".clone_into(&mut syn.words[k].deprel);
            syn.words[e].head = k + 1;
            "case".clone_into(&mut syn.words[e].deprel);
        });
    }
    syn
}

/// Rule 13 of the module docs: a name the parser joined with `flat` to the subject's name
/// right before it is the verb's object.
fn adjacent_names(mut syn: Syntax, named: &[Option<EntityType>]) -> Syntax {
    for p in 1..syn.words.len() {
        let h = p - 1;
        if !is_named(named, p)
            || !is_named(named, h)
            || syn.words[p].deprel != "flat"
            || syn.head(p) != Some(h)
            || !is_subject(&syn.words[h].deprel)
        {
            continue;
        }
        let Some(v) = syn.head(h) else {
            continue;
        };
        if syn.words[v].upos != "VERB" {
            continue;
        }
        // A verb with an object already keeps it, unless the two names are of different kinds
        // and the object a common noun after them: "hatte der FC Nordlicht Jonas Pfeiffer für
        // acht Millionen Euro Ablöse an Borussia Nordstadt verkauft" (a club and a person are
        // never one name), where "Ablöse" is no object but the parser's guess (session 21).
        let objects: Vec<usize> = syn
            .children(v)
            .filter(|&c| syn.words[c].deprel == "obj")
            .collect();
        let displaced = match objects[..] {
            [] => None,
            [o] if o > p
                && named[p] != named[h]
                && syn.words[o].upos == "NOUN"
                && !is_named(named, o) =>
            {
                Some(o)
            }
            _ => continue,
        };
        unless_cycle(&mut syn, |syn| {
            if let Some(o) = displaced {
                // Its phrases were the verb's ("an Borussia Nordstadt"): the parser hung them
                // on the object it had guessed.
                let phrases: Vec<usize> = syn
                    .children(o)
                    .filter(|&c| {
                        syn.words[c].deprel == "nmod"
                            && syn.children(c).any(|k| syn.words[k].deprel == "case")
                    })
                    .collect();
                for c in phrases {
                    syn.words[c].head = v + 1;
                    "obl".clone_into(&mut syn.words[c].deprel);
                }
                "dep".clone_into(&mut syn.words[o].deprel);
            }
            syn.words[p].head = v + 1;
            "obj".clone_into(&mut syn.words[p].deprel);
            let moved: Vec<usize> = syn
                .children(h)
                .filter(|&c| c > p && syn.words[c].deprel == "conj")
                .collect();
            for c in moved {
                syn.words[c].head = p + 1;
            }
        });
    }
    syn
}

/// Rule 14 of the module docs: an organisation's abbreviation in parentheses names the noun
/// its written-out name starts with. `written(word)` is the word as the text has it (a name's
/// words, where the parse has its stand-in); asked only around a bracketed organisation. Run
/// after [`repair`]; German only.
pub fn abbreviations<'t>(
    mut syn: Syntax,
    lang: Lang,
    named: &[Option<EntityType>],
    written: &dyn Fn(&Word) -> &'t str,
) -> Syntax {
    const STEPS: usize = 4;
    let n = syn.words.len();
    if lang != Lang::De {
        return syn;
    }
    for a in 1..n.saturating_sub(1) {
        if named.get(a).copied().flatten() != Some(EntityType::Organization)
            || syn.words[a - 1].form != "("
            || syn.words[a + 1].form != ")"
        {
            continue;
        }
        // An abbreviation: one short word with at least two capitals ("VdW", "BSBD", "IW").
        let form = written(&syn.words[a]);
        let capitals = form.chars().filter(|c| c.is_uppercase()).count();
        let Some(initial) = form.chars().next().filter(|c| c.is_uppercase()) else {
            continue;
        };
        if capitals < 2 || form.chars().count() > 8 || form.contains(' ') {
            continue;
        }
        let Some(mut h) = syn.head(a).filter(|&h| h < a) else {
            continue;
        };
        let starts = |w: usize| written(&syn.words[w]).starts_with(initial);
        if syn.words[h].upos == "NOUN" && starts(h) {
            continue;
        }
        let mut target = None;
        for _ in 0..STEPS {
            let step = matches!(syn.words[h].deprel.as_str(), "nmod" | "flat" | "appos");
            let Some(up) = syn.head(h).filter(|&u| u < h && step) else {
                break;
            };
            if syn.words[up].upos == "NOUN"
                && named.get(up).copied().flatten().is_none()
                && starts(up)
            {
                target = Some(up);
                break;
            }
            h = up;
        }
        if let Some(t) = target {
            syn.words[a].head = t + 1;
            "appos".clone_into(&mut syn.words[a].deprel);
        }
    }
    syn
}

/// Rule 17 of the module docs: a name hung on an amount right before it is the verb's object.
fn names_after_amounts(mut syn: Syntax, lex: &Lexicon, named: &[Option<EntityType>]) -> Syntax {
    let party = |w: usize| {
        matches!(
            named.get(w).copied().flatten(),
            Some(EntityType::Organization | EntityType::Person)
        )
    };
    for p in 1..syn.words.len() {
        let amount = p - 1;
        let form = syn.words[amount].form.as_str();
        if !party(p)
            || syn.head(p) != Some(amount)
            || !matches!(syn.words[p].deprel.as_str(), "appos" | "flat" | "nmod")
            || !(lex.scales.contains_key(form) || lex.currencies.contains_key(form))
            || syn.words[amount].deprel != "obl"
        {
            continue;
        }
        let Some(verb) = syn.head(amount).filter(|&v| syn.words[v].upos == "VERB") else {
            continue;
        };
        let has_object =
            (0..syn.words.len()).any(|c| syn.head(c) == Some(verb) && syn.words[c].deprel == "obj");
        if has_object {
            continue;
        }
        unless_cycle(&mut syn, |syn| {
            syn.words[p].head = verb + 1;
            "obj".clone_into(&mut syn.words[p].deprel);
        });
    }
    syn
}

/// Rule 15 of the module docs: a name in parentheses right after a name is its apposition.
fn bracketed_names(mut syn: Syntax, named: &[Option<EntityType>]) -> Syntax {
    for a in 2..syn.words.len().saturating_sub(1) {
        let before = a - 2;
        if !is_named(named, a)
            || !is_named(named, before)
            || syn.words[a - 1].form != "("
            || syn.words[a + 1].form != ")"
            || syn.head(a) == Some(before)
        {
            continue;
        }
        unless_cycle(&mut syn, |syn| {
            syn.words[a].head = before + 1;
            "appos".clone_into(&mut syn.words[a].deprel);
        });
    }
    syn
}

/// Whether `ancestor` is on word `w`'s head chain (at most as many steps as the sentence has
/// words, so a cyclic parse ends too).
fn descends_from(syn: &Syntax, w: usize, ancestor: usize) -> bool {
    let mut up = syn.head(w);
    for _ in 0..syn.words.len() {
        match up {
            Some(u) if u == ancestor => return true,
            Some(u) => up = syn.head(u),
            None => return false,
        }
    }
    false
}

/// Applies a repair to the parse unless it would make some word its own ancestor: then the
/// parse stays as it was.
fn unless_cycle(syn: &mut Syntax, repair: impl FnOnce(&mut Syntax)) {
    let before = syn.words.clone();
    repair(syn);
    if has_cycle(syn) {
        syn.words = before;
    }
}

/// Whether some word is its own ancestor (every cycle passes through one of its words).
fn has_cycle(syn: &Syntax) -> bool {
    (0..syn.words.len()).any(|w| descends_from(syn, w, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parse as the parser might give it: one word per line, `form UPOS feats head deprel`.
    fn parsed(rows: &str) -> Syntax {
        Syntax {
            words: rows
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .enumerate()
                .map(|(i, l)| {
                    let c: Vec<&str> = l.split_whitespace().collect();
                    Word {
                        token: i,
                        form: c[0].into(),
                        lemma: c[0].to_lowercase(),
                        upos: c[1].into(),
                        feats: c[2].into(),
                        head: c[3].parse().unwrap(),
                        deprel: c[4].into(),
                    }
                })
                .collect(),
        }
    }

    fn labels(syn: &Syntax) -> Vec<&str> {
        syn.words.iter().map(|w| w.deprel.as_str()).collect()
    }

    fn mended(rows: &str) -> Vec<String> {
        let lex = Lexicon::load(None).unwrap();
        let syn = repair(parsed(rows), &lex, Lang::De, &[]);
        labels(&syn).into_iter().map(str::to_owned).collect()
    }

    /// "Die beiden Unternehmen übernehmen die Nordlicht GmbH" with the article as the subject
    /// and the noun as a dative: the article is the noun's, and the noun the subject. After a
    /// comma the article may be a relative pronoun and stays.
    #[test]
    fn an_article_made_an_argument_is_its_nouns() {
        let rows = "Die DET Case=Nom|Number=Plur 4 nsubj
             beiden DET Case=Nom|Number=Plur 3 det
             Unternehmen NOUN Case=Dat|Number=Plur 4 obl:arg
             übernehmen VERB Tense=Past|VerbForm=Inf 0 root
             die DET Case=Acc 6 det
             Nordlicht PROPN Case=Nom|Number=Sing 4 nsubj";
        let syn = repair(parsed(rows), &Lexicon::load(None).unwrap(), Lang::De, &[]);
        assert_eq!(syn.words[0].head, 3);
        assert_eq!(labels(&syn)[..3], ["det", "det", "nsubj"]);
        let rows = format!("Firmen NOUN Case=Nom 0 root\n, PUNCT _ 5 punct\n{rows}")
            .replace(" 4 ", " 6 ")
            .replace(" 3 det", " 5 det")
            .replace(
                " 6 det\n             Nordlicht",
                " 8 det\n             Nordlicht",
            );
        let syn = repair(parsed(&rows), &Lexicon::load(None).unwrap(), Lang::De, &[]);
        assert_eq!(syn.words[2].deprel, "nsubj");
    }

    /// "Die Elbwerft AG, die die Nordlicht GmbH übernommen hat, wächst" parsed with the
    /// pronoun as the object: the two have the same form, and the pronoun comes first. With
    /// "der Konzern" the article tells the subject, and the parse stays.
    #[test]
    fn a_relative_pronoun_like_the_subjects_article_is_the_subject() {
        let rows = "Die DET Case=Nom 2 det
             Elbwerft PROPN Case=Nom|Number=Sing 10 nsubj
             , PUNCT _ 7 punct
             die PRON Case=Nom|Number=Plur 7 obj
             die DET Case=Nom 6 det
             Nordlicht PROPN Case=Nom|Number=Sing 7 nsubj
             übernommen VERB VerbForm=Part 2 acl
             hat AUX Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 7 aux
             , PUNCT _ 2 punct
             wächst VERB Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root";
        let got = mended(rows);
        assert_eq!((got[3].as_str(), got[5].as_str()), ("nsubj", "obj"));
        let got = mended(&rows.replace("die DET", "der DET"));
        assert_eq!((got[3].as_str(), got[5].as_str()), ("obj", "nsubj"));
    }

    /// "Die Nordlicht GmbH wurde von der Elbwerft AG gekauft" parsed with an active subject:
    /// under a passive auxiliary it is the passive subject; under the future's "werden"
    /// mislabelled as passive (the verb an infinitive) it stays.
    #[test]
    fn a_passive_auxiliarys_subject_is_passive() {
        let rows = "Die DET Case=Nom 2 det
             Nordlicht PROPN Case=Nom|Number=Sing 7 nsubj
             wurde AUX Number=Sing|Person=3|VerbForm=Fin 7 aux:pass
             von ADP _ 6 case
             der DET Case=Dat 6 det
             Elbwerft PROPN Case=Dat|Number=Sing 7 obl
             gekauft VERB VerbForm=Part 0 root";
        assert_eq!(mended(rows)[1], "nsubj:pass");
        let future = rows
            .replace("wurde AUX", "wird AUX")
            .replace("gekauft VERB VerbForm=Part", "kaufen VERB VerbForm=Inf");
        assert_eq!(mended(&future)[1], "nsubj");
    }

    /// "Nun will Nordlicht im Zuge dessen den Rotstift rausholen": the genitive "dessen" is no
    /// subject; the name the tagger reads as nominative, agreeing with "will", is.
    #[test]
    fn a_genitive_pronoun_gives_way_to_the_nominative_name() {
        let got = mended(
            "Nun ADV _ 10 advmod
             will AUX Number=Sing|Person=3|VerbForm=Fin 10 aux
             Nordlicht PROPN Case=Nom|Number=Sing 10 obj
             in ADP _ 6 case
             dem DET Case=Dat 6 det
             Zuge NOUN Case=Dat|Number=Sing 10 obl
             dessen PRON _ 10 nsubj
             den DET Case=Acc|Number=Sing 9 det
             Rotstift NOUN Case=Acc|Number=Sing 10 obj
             rausholen VERB VerbForm=Inf 0 root",
        );
        assert_eq!(got[2], "nsubj");
        assert_eq!(got[6], "dep");
        assert_eq!(got[8], "obj");
    }

    /// "Die Nordlicht GmbH, ein Spin-off der Elbwerft AG, gab bekannt": the spin-off is the
    /// company's apposition, not a second subject.
    #[test]
    fn a_second_subject_after_a_comma_is_an_apposition() {
        let syn = repair(
            parsed(
                "Die DET Case=Nom 2 det
                 Nordlicht PROPN Case=Nom|Number=Sing 8 nsubj
                 , PUNCT _ 5 punct
                 ein DET Case=Nom 5 det
                 Spin-off NOUN Case=Nom|Number=Sing 8 nsubj
                 der DET Case=Gen 7 det
                 Elbwerft PROPN Case=Gen 5 nmod
                 gab VERB Number=Sing|Person=3|VerbForm=Fin 0 root
                 bekannt ADV _ 8 compound:prt",
            ),
            &Lexicon::load(None).unwrap(),
            Lang::De,
            &[],
        );
        assert_eq!(syn.words[4].deprel, "appos");
        assert_eq!(syn.words[4].head, 2);
        assert_eq!(syn.words[1].deprel, "nsubj");
    }

    /// "Die Werft, die Reederei und die Bank": a list the parser gave two subjects keeps them.
    #[test]
    fn a_second_subject_before_a_conjunction_stays() {
        let got = mended(
            "Die DET Case=Nom 2 det
             Werft NOUN Case=Nom|Number=Sing 9 nsubj
             , PUNCT _ 5 punct
             die DET Case=Nom 5 det
             Reederei NOUN Case=Nom|Number=Sing 9 nsubj
             und CCONJ _ 8 cc
             die DET Case=Nom 8 det
             Bank NOUN Case=Nom|Number=Sing 5 conj
             klagen VERB Number=Plur|Person=3|VerbForm=Fin 0 root",
        );
        assert_eq!(got[4], "nsubj");
    }

    /// "Den Auftrag erhielt die Werft": a noun opened by "den" is no subject; it becomes the
    /// object the tagger reads, and the nominative noun the subject.
    #[test]
    fn an_accusative_subject_and_a_nominative_object_trade_places() {
        let got = mended(
            "Den DET Case=Acc|Number=Sing 2 det
             Auftrag NOUN Case=Acc|Number=Sing 3 nsubj
             erhielt VERB Number=Sing|Person=3|VerbForm=Fin 0 root
             die DET Case=Nom|Number=Sing 5 det
             Werft NOUN Case=Nom|Number=Sing 3 obj",
        );
        assert_eq!(got, ["det", "obj", "root", "det", "nsubj"]);
    }

    /// "Im Hafen liegt das Schiff": a phrase with a preposition is no subject; the verb's only
    /// argument, with an article that may be nominative, is.
    #[test]
    fn a_phrase_with_a_preposition_is_no_subject() {
        let got = mended(
            "in ADP _ 3 case
             dem DET Case=Dat 3 det
             Hafen NOUN Case=Dat|Number=Sing 4 nsubj
             liegt VERB Number=Sing|Person=3|VerbForm=Fin 0 root
             das DET Case=Acc|Number=Sing 6 det
             Schiff NOUN Case=Acc|Number=Sing 4 obj",
        );
        assert_eq!(got[2], "obl");
        assert_eq!(got[5], "nsubj");
    }

    /// "Die Werft hat am Montag ein Verfahren beantragt" with the subject attached elsewhere:
    /// the nominal before the object is the likelier subject, so the object stays.
    #[test]
    fn an_earlier_nominal_keeps_the_object_an_object() {
        let rows = "die DET Case=Nom|Number=Sing 2 det
             Werft NOUN Case=Nom|Number=Sing 6 dep
             hat AUX Number=Sing|Person=3|VerbForm=Fin 9 aux
             an ADP _ 6 case
             dem DET Case=Dat 6 det
             Montag NOUN Case=Dat|Number=Sing 9 obl
             ein DET Case=Nom|Number=Sing 8 det
             Verfahren NOUN Case=Nom|Number=Sing 9 obj
             beantragt VERB VerbForm=Part 0 root";
        assert_eq!(mended(rows), labels(&parsed(rows)));
    }

    /// "Wir kamen, und fanden die Preise gut": a finite verb right after "und" shares its
    /// subject with the verb before; its object stays an object.
    #[test]
    fn a_conjunct_right_after_und_keeps_its_object() {
        let rows = "Wir PRON Case=Nom|Number=Plur|Person=1 2 nsubj
             kamen VERB Number=Plur|Person=1|VerbForm=Fin 0 root
             , PUNCT _ 5 punct
             und CCONJ _ 5 cc
             fanden VERB Number=Plur|Person=3|VerbForm=Fin 2 conj
             die DET Case=Nom|Number=Plur 7 det
             Preise NOUN Case=Nom|Number=Plur 5 obj
             gut ADJ _ 5 xcomp";
        assert_eq!(mended(rows), labels(&parsed(rows)));
        // Where something stands before it, the clause has a first field of its own.
        let own = rows.replace("und CCONJ _ 5 cc", "dann ADV _ 5 advmod");
        assert_eq!(mended(&own)[6], "nsubj");
    }

    /// "Er sah sich in der Poleposition, verkündete stolz die Eröffnung": the conjunct after
    /// the comma shares its governor's subject, so its only argument stays its object.
    #[test]
    fn a_conjunct_after_a_comma_keeps_its_object() {
        let rows = "Er PRON Case=Nom|Number=Sing|Person=3 2 nsubj
             sah VERB Number=Sing|Person=3|VerbForm=Fin 0 root
             sich PRON Case=Acc|Person=3 2 obj
             , PUNCT _ 5 punct
             verkündete VERB Number=Sing|Person=3|VerbForm=Fin 2 conj
             die DET Case=Acc|Number=Sing 7 det
             Eröffnung NOUN Case=Acc|Number=Sing 5 obj";
        assert_eq!(mended(rows), labels(&parsed(rows)));
        // Without a subject of the governor's, the verb's only argument is its subject.
        let alone = rows.replace(
            "Er PRON Case=Nom|Number=Sing|Person=3 2 nsubj",
            "Gestern ADV _ 2 advmod",
        );
        assert_eq!(mended(&alone)[6], "nsubj");
    }

    /// "Gestern kaufte die Werften": a plural cannot be the subject of a singular verb.
    #[test]
    fn a_subject_agrees_with_the_finite_verb() {
        let rows = "Gestern ADV _ 2 advmod
             kaufte VERB Number=Sing|Person=3|VerbForm=Fin 0 root
             die DET Case=Nom|Number=Plur 4 det
             Werften NOUN Case=Nom|Number=Plur 2 obj";
        assert_eq!(mended(rows), labels(&parsed(rows)));
        let singular = rows.replace("Plur", "Sing").replace("Werften", "Werft");
        assert_eq!(mended(&singular)[3], "nsubj");
    }

    /// "Nun will er die Werft kaufen": a pronoun that is only nominative is a subject even
    /// where the tagger read no case.
    #[test]
    fn a_nominative_pronoun_is_a_subject() {
        let got = mended(
            "Nun ADV _ 6 advmod
             will AUX Number=Sing|Person=3|VerbForm=Fin 6 aux
             er PRON Number=Sing|Person=3 6 obj
             die DET Case=Acc|Number=Sing 5 det
             Werft NOUN Case=Acc|Number=Sing 6 obj
             kaufen VERB VerbForm=Inf 0 root",
        );
        assert_eq!(got[2], "nsubj");
        assert_eq!(got[4], "obj");
    }

    /// English parses come back as they are.
    #[test]
    fn english_is_left_alone() {
        let lex = Lexicon::load(None).unwrap();
        let rows = "him PRON Case=Acc 2 nsubj
             left VERB VerbForm=Fin 0 root";
        let syn = repair(parsed(rows), &lex, Lang::En, &[]);
        assert_eq!(syn, parsed(rows));
    }

    /// "Die Chefs von Nordlicht und Elbwerft haben sich gelobt" with "Die" left as `dep`: the
    /// article of the noun after it is its determiner; one before a verb is left alone.
    #[test]
    fn a_stray_article_is_the_determiner_of_its_noun() {
        let got = mended(
            "Die DET Case=Nom|Number=Sing 2 dep
             Chefs NOUN Case=Nom|Number=Plur 9 nsubj
             von ADP _ 4 case
             Nordlicht PROPN Case=Dat 2 nmod
             und CCONJ _ 6 cc
             Elbwerft PROPN Case=Dat 4 conj
             haben AUX Number=Plur|Person=3|VerbForm=Fin 9 aux
             sich PRON Case=Acc 9 obj
             gelobt VERB VerbForm=Part 0 root",
        );
        assert_eq!(got[0], "det");
        let kept = mended(
            "das DET Case=Nom|Number=Sing 2 dep
             stimmt VERB Number=Sing|Person=3|VerbForm=Fin 0 root",
        );
        assert_eq!(kept[0], "dep");
    }

    /// "Das sagte der Chef der Reederei, Anna Berger, am Montag" with the person hung on the
    /// genitive "Reederei": she is the apposition of "Chef". Hung on a person ("der Sohn von
    /// Peter Kurz, Anna Berger"), she stays there.
    #[test]
    fn a_person_is_the_apposition_of_the_role() {
        let lex = Lexicon::load(None).unwrap();
        let rows = "Das PRON Case=Nom 2 nsubj
             sagte VERB Number=Sing|Person=3|VerbForm=Fin 0 root
             der DET Case=Nom 4 det
             Chef NOUN Case=Nom|Number=Sing 2 nsubj
             der DET Case=Gen 6 det
             Reederei NOUN Case=Gen|Number=Sing 4 nmod
             , PUNCT _ 8 punct
             Müller PROPN Case=Nom 6 appos
             , PUNCT _ 8 punct";
        let mut named = vec![None; 9];
        named[7] = Some(EntityType::Person);
        let syn = repair(parsed(rows), &lex, Lang::De, &named);
        assert_eq!(
            (syn.words[7].head, syn.words[7].deprel.as_str()),
            (4, "appos")
        );
        named[5] = Some(EntityType::Person);
        let syn = repair(parsed(rows), &lex, Lang::De, &named);
        assert_eq!(
            (syn.words[7].head, syn.words[7].deprel.as_str()),
            (6, "appos")
        );
    }

    /// "Der Gewinn kam von Nordlicht, an dem Kelmora die Mehrheit hält." with "dem" as the
    /// article of the name, the clause hung on the main verb and "die Mehrheit" its subject.
    #[test]
    fn a_relative_pronoun_after_a_preposition_is_no_article() {
        let lex = Lexicon::load(None).unwrap();
        let rows = |verb: &str, tail: &str| {
            format!(
                "Der DET Case=Nom 2 det
                 Gewinn NOUN Case=Nom 3 nsubj
                 kam VERB Number=Sing|Person=3|VerbForm=Fin 0 root
                 von ADP _ 5 case
                 Nordlicht PROPN Case=Dat 3 obl
                 , PUNCT _ 12 punct
                 an ADP _ 9 case
                 dem DET Case=Dat 9 det
                 Kelmora PROPN Case=Dat 3 obl
                 {verb}
                 {tail}
                 . PUNCT _ 3 punct"
            )
        };
        let mut named = vec![None; 13];
        named[4] = Some(EntityType::Organization);
        named[8] = Some(EntityType::Organization);
        let verb_final = rows(
            "die DET Case=Acc 11 det\n Mehrheit NOUN Case=Acc 3 nsubj",
            "hält VERB Number=Sing|Person=3|VerbForm=Fin 3 xcomp",
        );
        let syn = repair(parsed(&verb_final), &lex, Lang::De, &named);
        let got = |w: usize| (syn.words[w].head, syn.words[w].deprel.as_str());
        assert_eq!(got(6), (8, "case"));
        assert_eq!(got(7), (12, "obl"));
        assert_eq!(syn.words[7].upos, "PRON");
        assert_eq!(got(8), (12, "nsubj"));
        assert_eq!(got(10), (12, "obj"));
        assert_eq!(got(11), (5, "acl:relcl"));
        // A finite verb right after the name: the phrase opens a main clause.
        let verb_second = rows(
            "hält VERB Number=Sing|Person=3|VerbForm=Fin 3 conj\n die DET Case=Acc 12 det",
            "Mehrheit NOUN Case=Acc 10 obj",
        );
        let syn = repair(parsed(&verb_second), &lex, Lang::De, &named);
        assert_eq!(
            (syn.words[7].head, syn.words[7].deprel.as_str()),
            (9, "det")
        );
        // The main clause's phrase that leads to the antecedent, hung on the clause's verb,
        // goes back to the main verb; the rest of the parse stays a tree.
        let lifted = verb_final
            .replace(
                "Nordlicht PROPN Case=Dat 3 obl",
                "Nordlicht PROPN Case=Dat 12 obl",
            )
            .replace(
                "hält VERB Number=Sing|Person=3|VerbForm=Fin 3 xcomp",
                "hält VERB Number=Sing|Person=3|VerbForm=Fin 3 advcl",
            );
        let syn = repair(parsed(&lifted), &lex, Lang::De, &named);
        assert_eq!(
            (syn.words[4].head, syn.words[4].deprel.as_str()),
            (3, "obl")
        );
        assert_eq!(
            (syn.words[11].head, syn.words[11].deprel.as_str()),
            (5, "acl:relcl")
        );
        assert!(!has_cycle(&syn));
    }

    /// "…, in dem das Unternehmen mit Nordlicht konkurriert" with the verb tagged as a
    /// present participle and the nominative "das Unternehmen" as its object: the tense makes
    /// it finite, so the nominative is its subject. A participle without a tense keeps it.
    #[test]
    fn a_verb_with_a_tense_is_finite() {
        let rows = "in ADP _ 2 case
             dem PRON Case=Dat|Number=Sing 7 obl
             das DET Case=Nom|Number=Sing 4 det
             Unternehmen NOUN Case=Nom|Number=Sing 7 obj
             mit ADP _ 6 case
             Nordlicht PROPN Case=Dat|Number=Sing 7 obl
             konkurriert VERB Tense=Pres|VerbForm=Part 0 root";
        assert_eq!(mended(rows)[3], "nsubj");
        let participle = rows.replace("Tense=Pres|VerbForm=Part", "VerbForm=Part");
        assert_eq!(mended(&participle)[3], "obj");
    }

    /// "SAP hatte sich besser als Konkurrenten wie Nordlicht geschlagen" with the example
    /// parsed as a second subject: it is none. A second subject after "und" stays.
    #[test]
    fn a_name_after_wie_is_no_second_subject() {
        let rows = "SAP PROPN Case=Nom|Number=Sing 7 nsubj
             hatte AUX Number=Sing|Person=3|VerbForm=Fin 7 aux
             als ADP _ 4 case
             Konkurrenten NOUN Case=Nom|Number=Plur 7 obl
             wie CCONJ _ 7 advmod
             Nordlicht PROPN Case=Nom|Number=Sing 7 nsubj
             geschlagen VERB VerbForm=Part 0 root";
        // No subject; and (rule 12) the example of the noun before "wie".
        assert_eq!(mended(rows)[5], "nmod");
        assert_eq!(mended(&rows.replace("wie CCONJ", "und CCONJ"))[5], "nsubj");
    }

    /// "Herr Berger und dann auch Herr Kurz haben mir zugesagt" with Kurz parsed as the
    /// object: the plural verb makes him the singular subject's conjunct. With a singular
    /// verb ("hat"), the object stays.
    #[test]
    fn a_plural_verb_coordinates_its_singular_subject() {
        let rows = "Berger PROPN Case=Nom|Number=Sing 8 nsubj
             und CCONJ _ 8 cc
             dann ADV _ 8 advmod
             auch ADV _ 5 advmod
             Kurz PROPN Case=Nom|Number=Sing 8 obj
             haben AUX Number=Plur|Person=3|VerbForm=Fin 8 aux
             mir PRON Case=Dat|Number=Sing|Person=1 8 obl:arg
             zugesagt VERB VerbForm=Part 0 root";
        let lex = Lexicon::load(None).unwrap();
        let syn = repair(parsed(rows), &lex, Lang::De, &[]);
        assert_eq!(
            (syn.words[4].head, syn.words[4].deprel.as_str()),
            (1, "conj")
        );
        assert_eq!((syn.words[1].head, syn.words[1].deprel.as_str()), (5, "cc"));
        let singular = rows.replace("Number=Plur|Person=3", "Number=Sing|Person=3");
        assert_eq!(mended(&singular)[4], "obj");
    }

    /// "Die Elbwerft AG will in Kiel Stellen streichen" with the company and Kiel attached to
    /// "will": they are the arguments of "streichen".
    #[test]
    fn an_auxiliary_has_no_arguments() {
        let syn = {
            let lex = Lexicon::load(None).unwrap();
            repair(
                parsed(
                    "Die DET Case=Nom 2 det
                     Elbwerft PROPN Case=Nom|Number=Sing 3 nsubj
                     will AUX Number=Sing|Person=3|VerbForm=Fin 7 aux
                     in ADP _ 5 case
                     Kiel PROPN Case=Dat 3 obl
                     Stellen NOUN Case=Acc|Number=Plur 7 obj
                     streichen VERB VerbForm=Inf 0 root",
                ),
                &lex,
                Lang::De,
                &[],
            )
        };
        let heads: Vec<usize> = syn.words.iter().map(|w| w.head).collect();
        assert_eq!(heads, [2, 7, 7, 5, 7, 7, 0]);
        assert_eq!(syn.words[1].deprel, "nsubj");
    }
    /// "Zum einen lobte Mark Zuckerberg Deutschland und die Hauptstadt": the place, one word
    /// like the person, parsed as part of the subject's name, is the object, with the conjunct
    /// after it. Without the names recognised, the parse stays.
    #[test]
    fn two_names_side_by_side_are_two_arguments() {
        let rows = "lobte VERB Number=Sing|Person=3|VerbForm=Fin 0 root
             Müller PROPN Case=Nom|Number=Sing 1 nsubj
             Berlin PROPN Case=Nom|Number=Sing 2 flat
             und CCONJ _ 6 cc
             die DET Case=Acc 6 det
             Hauptstadt NOUN Case=Acc|Number=Sing 2 conj";
        let lex = Lexicon::load(None).unwrap();
        let named = [
            None,
            Some(EntityType::Person),
            Some(EntityType::Place),
            None,
            None,
            None,
        ];
        let syn = repair(parsed(rows), &lex, Lang::De, &named);
        assert_eq!(
            (syn.words[2].head, syn.words[2].deprel.as_str()),
            (1, "obj")
        );
        assert_eq!(
            (syn.words[5].head, syn.words[5].deprel.as_str()),
            (3, "conj")
        );
        assert_eq!(mended(rows)[2], "flat");
    }
    /// "die Landesvorsitzende des Verbandes der Werftarbeiter (VdW), Anna Berger": the
    /// abbreviation hung on "Werftarbeiter" names the association, "Verbandes".
    #[test]
    fn an_abbreviation_names_the_whole_name() {
        let rows = "Landesvorsitzende NOUN Case=Nom|Number=Sing 0 root
             des DET Case=Gen 3 det
             Verbandes NOUN Case=Gen|Number=Sing 1 nmod
             der DET Case=Gen 5 det
             Werftarbeiter NOUN Case=Gen|Number=Plur 3 nmod
             ( PUNCT _ 7 punct
             VdW PROPN Case=Nom|Number=Sing 5 appos
             ) PUNCT _ 7 punct";
        let mut named = [None; 8];
        named[6] = Some(EntityType::Organization);
        let syn = parsed(rows);
        let written: Vec<&str> = rows
            .lines()
            .map(|l| l.split_whitespace().next().unwrap())
            .collect();
        let as_written = |w: &Word| written[w.token];
        let mended = abbreviations(syn.clone(), Lang::De, &named, &as_written);
        assert_eq!(
            (mended.words[6].head, mended.words[6].deprel.as_str()),
            (3, "appos")
        );
        // Another first letter: nothing up the chain is written out.
        let mut other = written.clone();
        other[6] = "IGM";
        let as_other = |w: &Word| other[w.token];
        assert_eq!(
            abbreviations(syn, Lang::De, &named, &as_other).words[6].head,
            5
        );
    }
    /// "Der Zusammenschluss von E-Plus und Telefonica Deutschland (O2)" with "(O2)" hung on
    /// E-Plus: it names Telefonica Deutschland again.
    #[test]
    fn a_bracketed_name_is_the_name_before_it() {
        let rows = "Zusammenschluss NOUN Case=Nom|Number=Sing 0 root
             von ADP _ 3 case
             Eplus PROPN Case=Dat|Number=Sing 1 nmod
             und CCONJ _ 5 cc
             Telefonica PROPN Case=Dat|Number=Sing 3 conj
             ( PUNCT _ 7 punct
             O2 PROPN Case=Nom|Number=Sing 3 appos
             ) PUNCT _ 7 punct";
        let lex = Lexicon::load(None).unwrap();
        let org = Some(EntityType::Organization);
        let named = [None, None, org, None, org, None, org, None];
        let syn = repair(parsed(rows), &lex, Lang::De, &named);
        assert_eq!(
            (syn.words[6].head, syn.words[6].deprel.as_str()),
            (5, "appos")
        );
        // Not after a common noun.
        let mut common = named;
        common[4] = None;
        assert_eq!(
            repair(parsed(rows), &lex, Lang::De, &common).words[6].head,
            3
        );
    }
    /// "Der Konzern betreibt über 13.100 Drogerien": "über" before a number is "more than",
    /// and the counted noun the object; not when the verb has one.
    #[test]
    fn a_counted_noun_after_ueber_is_the_object() {
        let rows = "Der DET Case=Nom 2 det
             Konzern NOUN Case=Nom 3 nsubj
             betreibt VERB Number=Sing|Person=3|Tense=Pres|VerbForm=Fin 0 root
             über ADP _ 6 case
             13.100 NUM _ 6 nummod
             Drogerien NOUN Case=Acc|Number=Plur 3 obl";
        let syn = repair(parsed(rows), &Lexicon::load(None).unwrap(), Lang::De, &[]);
        assert_eq!(
            labels(&syn),
            ["det", "nsubj", "root", "advmod", "nummod", "obj"]
        );
        assert_eq!(syn.words[3].head, 5);
        let rows = format!("{rows}\n die DET Case=Acc 8 det\n Kunden NOUN Case=Acc 3 obj");
        let got = mended(&rows);
        assert_eq!((got[3].as_str(), got[5].as_str()), ("case", "obl"));
    }

    /// Rule 21: "eröffnet Filialen in Spanien und Portugal" with "Portugal" as the verb's
    /// conjunct is the conjunct of "Spanien"; a conjunct with a clause of its own (a subject)
    /// stays the verb's.
    #[test]
    fn a_noun_hung_on_a_verb_as_its_conjunct_joins_the_list() {
        let rows = "Die DET Case=Nom 2 det
             Nordlicht PROPN Case=Nom 3 nsubj
             eröffnet VERB VerbForm=Fin 0 root
             Filialen NOUN Case=Acc 3 obj
             in ADP _ 6 case
             Spanien PROPN Case=Dat 3 obl
             und CCONJ _ 8 cc
             Portugal PROPN Case=Dat 3 conj
             . PUNCT _ 3 punct";
        let syn = nominal_conjuncts_of_verbs(parsed(rows));
        assert_eq!(syn.head(7), Some(5));
        let rows = "Die DET Case=Nom 2 det
             Nordlicht PROPN Case=Nom 3 nsubj
             kauft VERB VerbForm=Fin 0 root
             Filialen NOUN Case=Acc 3 obj
             und CCONJ _ 7 cc
             Anna PROPN Case=Nom 7 nsubj
             verkauft NOUN _ 3 conj
             Autos NOUN Case=Acc 6 conj
             . PUNCT _ 3 punct";
        let syn = nominal_conjuncts_of_verbs(parsed(rows));
        assert_eq!(syn.head(6), Some(2));
    }

    /// Rule 13, session 21: a club and a person the parser joined as one name are subject and
    /// object, the common noun it had as the object is none, and that noun's phrase is the
    /// verb's.
    #[test]
    fn a_club_and_a_person_side_by_side_are_two_arguments() {
        let rows = "der DET Case=Nom 2 det
             Nordlicht PROPN Case=Nom 9 nsubj
             Pfeiffer PROPN Case=Nom 2 flat
             für ADP _ 5 case
             Euro NOUN Case=Acc 9 obl
             Ablöse NOUN Case=Acc 9 obj
             an ADP _ 8 case
             Nordstadt PROPN Case=Acc 6 nmod
             verkauft VERB VerbForm=Part 0 root";
        let syn = parsed(rows);
        let org = Some(EntityType::Organization);
        let named = [
            None,
            org,
            Some(EntityType::Person),
            None,
            None,
            None,
            None,
            org,
            None,
        ];
        let syn = adjacent_names(syn, &named);
        assert_eq!(
            labels(&syn),
            ["det", "nsubj", "obj", "case", "obl", "dep", "case", "obl", "root"]
        );
        assert_eq!(syn.head(7), Some(8));
    }
}
