//! Names the learned recognizer finds, and where it knows a name's extent or type better than
//! the rules.
//!
//! The rules know names by evidence a person can point to (a legal form, a cue noun, the
//! gazetteer, a given name); the model of [`tripel_analysis::Ner`], trained on GermEval 2014
//! and SmartData (German) or Universal NER (English), knows names by their shape and context,
//! including names no list holds. The rules run first and carry the relation patterns, so they
//! keep every name the model does not contradict with confidence (and every override in the
//! gazetteer: "Team Green" is NVIDIA). Where the two disagree, the model's confident name wins
//! on general grounds only (`prefer_learned`): a rule's name inside a longer
//! learned name is a part of it ("Borussia Mönchengladbach", not the place "Mönchengladbach"),
//! a type a rule guessed from a name's shape yields to the model's, and a German person a rule
//! delimited by capitalisation alone is cut to the learned person inside it ("Während Justin
//! Bieber"). Then the model claims the names no rule found (`learned`). Only
//! spans whose mean label probability reaches [`MIN_SCORE`] ([`MIN_SCORE_DE`] for the German
//! model, whose middling scores are right more often) count, since precision beats recall; a
//! German name below [`PREFER_SCORE`] is tentative ([`Rule::LearnedTentative`]): the
//! document's names never take it over a rule's.

use super::{Candidate, Recognizer, Rule};
use crate::lexicon::KnownEntity;
use crate::model::{EntityType, Lang};
use crate::text::segment::Sentence;
use crate::text::segment::TokenKind;
use crate::text::LowerCase;
use std::sync::OnceLock;
use tripel_analysis::{Ner, NerTags};

/// The lowest mean label probability of a learned span that becomes a candidate where no rule
/// found a name, English.
pub const MIN_SCORE: f32 = 0.7;

/// The same bar for German, whose model (trained on GermEval and SmartData) is right more often
/// at a middling score: on the GermEval held-out fifth its names between 0.5 and 0.7 that no
/// rule took are right two times in three (docs/evaluation.md, "Session 8"), and on both dev
/// sets its spans below 0.5 about two times in five (docs/analysis.md): a name added with a
/// precision above half the names' F1 (0.62–0.68) still raises it, so the bar sits at 0.4.
pub const MIN_SCORE_DE: f32 = 0.4;

/// The bar, English, for one capitalised word the learned recognizer reads as a person where
/// no rule found a name: a lone surname ("Sirhan was convicted", "knew Stalin"), which no rule
/// can tell from a capitalised word and the web-text model scores low on newswire. Only a word
/// of three letters or more that is no common word, no abstract noun ("Christianity"), no
/// month's abbreviation ("Jan."), no place of the gazetteer (unless
/// a title stands before it: "President Lincoln") and not after a place preposition ("in
/// suburban Larchmont"). On CoNLL04 dev such words between 0.4 and 0.7 were people 7 times
/// in 8 (the eighth "Jan.", now excluded).
pub const MIN_SCORE_EN_SURNAME: f32 = 0.4;

/// The lowest score of a learned name that replaces rule names it disagrees with (the model's
/// spans above it are right three times in four).
pub const PREFER_SCORE: f32 = 0.7;

/// The bar for a German learned name of several words, the first a name word, that covers
/// rule names and more: a club or team named after its town ("Borussia Neunkirchen" over the
/// place "Neunkirchen") is right from a middling score, where one hyphenated word
/// ("X-Abgasskandal") or a common noun before a name ("Bahnhof Obermoosach-Nord") is not.
pub const COVER_SCORE_DE: f32 = 0.5;

/// The bar for a German one-word learned name that a common-word list holds but the gazetteer
/// knows as a name, or an acronym that spells an English function word
/// (`Recognizer::may_be_confident_name`): the model's word against the list's.
pub const CONFIDENT_SCORE_DE: f32 = 0.7;

fn model(lang: Lang) -> &'static Ner {
    static DE: OnceLock<Ner> = OnceLock::new();
    static EN: OnceLock<Ner> = OnceLock::new();
    let (cell, l) = match lang {
        Lang::De => (&DE, tripel_analysis::Lang::De),
        Lang::En => (&EN, tripel_analysis::Lang::En),
    };
    // Compiled in from data/models/ and checked by the analysis crate's manifest test.
    cell.get_or_init(|| Ner::load(l).expect("the shipped name model loads"))
}

/// Whether the name model's training text writes `lower` in lower case inside sentences
/// ([`Ner::writes_lower`]): a capitalised form of it at a sentence's start is a common word.
pub fn writes_lower(lang: Lang, lower: &str) -> bool {
    model(lang).writes_lower(lower)
}

/// The learned recognizer's names in a sentence (token spans, scored when asked), before any
/// rule.
pub fn spans(text: &str, sentence: &Sentence, lang: Lang) -> NerTags {
    let words: Vec<&str> = sentence
        .tokens
        .iter()
        .map(|t| &text[t.start..t.end])
        .collect();
    model(lang).tag_lazy(&words)
}

impl Recognizer<'_> {
    /// Whether the learned name on tokens `first..last`, of type `label`, may be a name at
    /// all:
    /// - a person or place starts with a capital letter, a digit or a name particle
    ///   ("beiden Richtungen" is no place; "de Maizière" is a person), an organisation may be
    ///   written in lower case ("die cobra GmbH"); a name ends with a letter or digit (never a
    ///   quote or a bracket);
    /// - an English possessive ends it ("Belarus's Security Committee" is two names);
    /// - a place is no code and ends with none: a road, a rail line or a route is no place of
    ///   its own ("A46", "RE 7", "B 27");
    /// - a tag is none ("#bahn", "#Nordlichtfeuert");
    /// - one word alone is neither a function word ("Man", "Ob"), a title ("Dr"), a German
    ///   common noun ("Waren") or an organisation noun ("US-Schokoladenkonzern"), nor a compound whose
    ///   head is a common noun other than a site word ("LLM-Modell", but "Leonberg-West") or
    ///   written in lower case ("US-amerikanischer").
    fn plausible_learned(&self, first: usize, last: usize, label: &str) -> bool {
        // "A46", "B14", and a number after a short abbreviation: "RE 7", "B 27" (but a house
        // number after a street's name: "Spiegelgasse 1").
        let code = |i: usize| {
            let w = self.t(i);
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let digits = w.chars().filter(char::is_ascii_digit).count();
            let abbreviation =
                |v: &str| (1..=3).contains(&v.chars().count()) && v.chars().all(char::is_uppercase);
            digits > 0
                && (letters > 0 && w.chars().all(|c| c.is_alphanumeric() || c == '-')
                    || letters == 0 && i > first && abbreviation(self.t(i - 1)))
        };
        // A tag is no mention in running text: "#bahn", "#IBMfeuert", "@nordwind".
        let tagged = first > 0
            && matches!(self.t(first - 1), "#" | "@")
            && !self.toks[first].space_before
            && !self.capitalised_hashtag(first, last);
        if self.toks[first].kind == TokenKind::Punct
            || self.toks[last - 1].kind == TokenKind::Punct
            || tagged
            || label != "ORG"
                && !self.is_particle(self.t(first))
                && !self
                    .t(first)
                    .chars()
                    .any(|c| c.is_uppercase() || c.is_ascii_digit())
            || (first..last - 1).any(|i| self.ends_possessive(i))
            || label == "LOC" && code(last - 1)
        {
            return false;
        }
        // A name of several words is plausible here: the one-word tests' strings only for one.
        if last - first > 1 {
            return true;
        }
        let name = &self.text[self.toks[first].start..self.toks[last - 1].end];
        let head = name.rsplit('-').next().unwrap_or(name);
        let lower = name.lower_case();
        !(self.lex.titles.contains(name)
            || super::org_cue_word(&lower, self.lang, self.lex)
            || head.len() < name.len() && head.chars().next().is_some_and(char::is_lowercase)
            || self.common_word(first, last) && !self.may_be_confident_name(first, last, label))
    }

    /// Whether the learned name on tokens `first..last` is one capitalised word glued to a "#"
    /// in German text ("#Zuffenhausen", "#Fraport"): a hashtag that names what the tweet is
    /// about, which the model may claim from [`CONFIDENT_SCORE_DE`]; a tag in lower case
    /// ("#bahn", "#stau") is a keyword.
    fn capitalised_hashtag(&self, first: usize, last: usize) -> bool {
        self.lang == Lang::De
            && last - first == 1
            && first > 0
            && self.t(first - 1) == "#"
            && !self.toks[first].space_before
            && self.t(first).chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the learned name on tokens `first..last` is one common word: a function word
    /// ("Man", "Ob") or a German common noun ("Waren"), or a compound whose head is a common
    /// noun other than a site word ("LLM-Modell", but "Leonberg-West").
    fn common_word(&self, first: usize, last: usize) -> bool {
        let name = &self.text[self.toks[first].start..self.toks[last - 1].end];
        let head = name.rsplit('-').next().unwrap_or(name);
        last - first == 1
            && (self.lex.stopwords.contains_key(&name.lower_case())
                || self.lang == Lang::De && self.common_head(head))
    }

    /// Whether the one-word learned name on tokens `first..last` is a German name that a
    /// common-word list holds by accident ([`Self::common_word`]), which the model may still
    /// claim from [`CONFIDENT_SCORE_DE`]:
    /// - a name the gazetteer knows that the noun list also holds
    ///   ("Ulm", "Tirol", "Kamen", "Münster": the list's word forms come from Wikidata lexemes,
    ///   which include proper nouns and verb forms), and the model reads as a name in the
    ///   sentence's context ("auf der A7 Ulm Richtung Füssen", "In Tirol herrschte …"),
    ///   where the gazetteer alone needs a preposition;
    /// - an all-caps acronym of German text that spells an English function word ("der IS",
    ///   the Islamic State): the stop-word list serves language detection and holds English.
    /// - a person's lone surname named like a common noun ("Grube", "Müller", "Maurer") after a
    ///   role or a title ("Bahnchef Grube", "Geschäftsführer Bader") or next to a verb of saying
    ///   ("sagt Maurer"): where a rule would have named the person, but for the noun list.
    fn may_be_confident_name(&self, first: usize, last: usize, label: &str) -> bool {
        let person = || {
            label == "PER"
                && first > 0
                && (self.is_role_word(first - 1)
                    || self.is_title_word(first - 1)
                    || self.lex.speech.contains(self.lower(first - 1))
                    || self.lex.speech.contains(self.lower(first + 1)))
        };
        self.lang == Lang::De
            && last - first == 1
            && (self.known_name(first) || self.acronym(first) || person())
    }

    /// Whether token `i` is a name the gazetteer (not the document) knows, in German.
    fn known_name(&self, i: usize) -> bool {
        self.lang == Lang::De && self.gazetteer_lookup(self.t(i), None).is_some()
    }

    /// Whether token `i` is, in German text, an all-caps word of two to five letters that is
    /// no German function word ("IS", "SSV"; not "DIE", "UND" of a headline).
    fn acronym(&self, i: usize) -> bool {
        let w = self.t(i);
        let letters = w.chars().count();
        self.lang == Lang::De
            && (2..=5).contains(&letters)
            && w.chars().all(|c| c.is_uppercase())
            && {
                let lower = self.lower(i);
                !(self.lex.stopwords.get(lower))
                    .is_some_and(|langs| langs.iter().any(|l| l == "de"))
                    && !self.lex.function_words.has(Lang::De, lower)
            }
    }

    /// Whether the last part of a German word is a common noun ("LLM-Modell", "Waren") that
    /// is not a site word: "Leonberg-West" and "Berlin-Mitte" are places.
    fn common_head(&self, head: &str) -> bool {
        self.lex.is_noun_form_de(head) && !self.lex.place_heads.contains(head)
    }

    /// The byte span of the learned name on tokens `first..last`, without an English
    /// possessive ending ("Mulroney's" → "Mulroney"), which the rules leave out as well.
    fn learned_span(&self, first: usize, last: usize) -> (usize, usize) {
        let end = self.toks[last - 1].end - self.possessive_bytes(last - 1);
        (self.toks[first].start, end)
    }

    /// Adds the learned recognizer's names (`model`, from [`spans`]) over tokens no rule took,
    /// at the language's bar. A name's score is asked last: computing the sentence's scores costs about as
    /// much as finding its names, and most names fail a cheaper test first (a rule took them).
    pub(super) fn learned(&self, model: &NerTags, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for k in 0..model.len() {
            let (first, last, label) = model.span(k);
            let last = self.before_trailing_role(first, last);
            let bar = match self.lang {
                Lang::De => MIN_SCORE_DE,
                Lang::En if self.lone_surname(first, last, label) => MIN_SCORE_EN_SURNAME,
                Lang::En => MIN_SCORE,
            };
            if taken[first..last].iter().any(|&t| t)
                || !self.plausible_learned(first, last, label)
                || !self.one_name(first, last)
            {
                continue;
            }
            let score = model.scored(k).score;
            // A common word the model may claim ([`Self::may_be_confident_name`]) needs its
            // confidence.
            if score < bar
                || score < CONFIDENT_SCORE_DE
                    && (self.common_word(first, last) || self.capitalised_hashtag(first, last))
            {
                continue;
            }
            // Below the bar at which it overrides rules, the name is tentative: the
            // document's names never take it over a rule's.
            let rule = if score < PREFER_SCORE {
                Rule::LearnedTentative
            } else {
                Rule::Learned
            };
            if let Some(len) = (last - first == 1)
                .then(|| self.name_before_noun(first))
                .flatten()
            {
                let start = self.toks[first].start;
                self.push(
                    out,
                    taken,
                    (first, last, start, start + len),
                    self.learned_kind(first, last, label),
                    self.text[start..start + len].to_owned(),
                    None,
                    rule,
                );
                continue;
            }
            self.push_learned(out, taken, (first, last, label), rule);
        }
    }

    /// The end of the learned name on tokens `first..last` without the role nouns and titles
    /// it ends with: a role or title stands before a name, never as its last word, so a name
    /// that ends in one is a possessor before the role ("Hitlers Vizekanzler", "Merkels
    /// Sprecher" name Hitler and Merkel).
    fn before_trailing_role(&self, first: usize, last: usize) -> usize {
        let mut end = last;
        while end > first + 1 && (self.is_role_word(end - 1) || self.is_title_word(end - 1)) {
            end -= 1;
        }
        end
    }

    /// The byte length of the name in a German one-word learned name that is a hyphen compound
    /// of a name and a common noun the noun list holds only as a compound's head, or a role
    /// ("Osram-Lampensparte", "Cornerstone-Deutschlandchef", "SWR-Dokuserie"): the name is the
    /// first part, as the gazetteer's compounds keep it ("NVIDIA-Chef"); a one-word common
    /// noun as the head makes no learned name at all (`plausible_learned`). Not a site word
    /// ("Leonberg-West") or an organisation head ("Max-Planck-Gesellschaft"), which end a
    /// name. On the SmartData training documents the annotation names the first part.
    fn name_before_noun(&self, i: usize) -> Option<usize> {
        if self.lang != Lang::De {
            return None;
        }
        let (name, head) = self.split_last_hyphen(i)?;
        let noun = head.chars().next().is_some_and(char::is_uppercase)
            && head.chars().skip(1).all(char::is_lowercase)
            && !self.lex.place_heads.contains(head)
            && !self.lex.org_heads.contains(head)
            && (self.is_compound_noun(head) || self.is_role_word(i));
        let named = name
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // A known place and a word no noun list holds whole is a district ("Köln-Mülheim",
        // "Hamburg-Harburg", whose "-burg" only looks like a compound's head); a prefix of
        // the role makes no name ("Ex-Fifa-Mediendirektor").
        let district = name.chars().skip(1).any(char::is_lowercase)
            && !self.lex.is_noun_form_de(head)
            && self
                .lookup(name)
                .is_some_and(|(k, _)| k.kind == EntityType::Place);
        let prefixed = name.split_once('-').is_some_and(|(p, _)| {
            self.lex
                .role_prefixes
                .has(Lang::De, p.lower_case().as_str())
        });
        (noun && named && !district && !prefixed).then_some(name.len())
    }

    /// Whether token `i` is a title (`titles.tsv`) or a compound headed by one ("Vizekanzler",
    /// "Ex-Kanzler", "Altbundeskanzler").
    fn is_title_word(&self, i: usize) -> bool {
        let w = self.t(i);
        self.lex.titles.contains(w)
            || w.rsplit_once('-')
                .is_some_and(|(_, head)| self.lex.titles.contains(head))
            || self.lang == Lang::De
                && w.char_indices().skip(3).any(|(b, c)| {
                    let head: String = c
                        .to_uppercase()
                        .chain(w[b + c.len_utf8()..].chars())
                        .collect();
                    head.chars().count() >= 5 && self.lex.titles.contains(head.as_str())
                })
    }

    /// Whether tokens `first..last`, read as `label` by the model, are one English word that
    /// may be a lone surname ([`MIN_SCORE_EN_SURNAME`]).
    fn lone_surname(&self, first: usize, last: usize, label: &str) -> bool {
        let w = self.t(first);
        let place_before =
            (1..=2).any(|k| first >= k && self.lex.place_preps.contains(self.lower(first - k)));
        label == "PER"
            && last - first == 1
            && self.is_cap(first)
            && w.chars().count() >= 3
            && w.chars().skip(1).any(char::is_lowercase)
            && !self
                .lex
                .abstract_endings
                .of(Lang::En)
                .any(|e| w.ends_with(e))
            && !self.is_common(first)
            && !self.lex.words_en.contains(self.lower(first))
            && !place_before
            && !(self.t(first + 1) == "." && self.lex.months.contains_key(&format!("{w}.")))
            && (self.title_before(first)
                || self
                    .lex
                    .known
                    .get(w)
                    .is_none_or(|k| k.kind != EntityType::Place))
    }

    /// Where a confident learned name (score at least [`PREFER_SCORE`]) and the rules'
    /// names disagree, keeps the better and returns which of `out` are dropped:
    /// - a learned name that covers rule names and more ("Borussia Mönchengladbach" over the
    ///   place "Mönchengladbach", "Moosburg-Nord" over "Moosburg", "Heinrich Gottlob von
    ///   Miltitz" over "Heinrich Gottlob") replaces them: a name inside a longer name is a part
    ///   of it. Only where the rest of it is free (no value), it is one name (no list, no
    ///   possessive inside), starts with a name word (no article, title, role or description)
    ///   and does not reach before a legal-form name (that rule stops before descriptions on
    ///   purpose), and the rule names are people, organisations or places (the model knows no
    ///   products) that no layout delimits (handles, source lines);
    /// - a learned name with the same span as a name whose type a rule only guessed from its
    ///   shape (strength 1: "Red Bull Air Race" after a given name), or as one word the
    ///   gazetteer knows only as a small place ("Obama sagte"), gives it its type (two
    ///   unknown capitalised German words and a small place from [`MIN_SCORE_DE`]);
    /// - learned people inside a person a rule delimited by capitalisation alone (given name,
    ///   two unknown names) replace it: German capitalises nouns, so such a rule runs into
    ///   the words around the name ("Kontrahentin Hagar Finer", "Während Justin Bieber");
    ///   so do learned places inside a place the preposition rule ran on into the next
    ///   capitalised word ("in Peking Vierter").
    ///
    /// Organisation rules that end at a legal form or a head ("Deutsche Gesellschaft für
    /// Krisenmanagement e.V.") are never cut to a shorter learned name.
    pub(super) fn prefer_learned(
        &self,
        model: &NerTags,
        taken: &mut [bool],
        out: &mut Vec<Candidate>,
    ) -> Vec<bool> {
        let mut dropped = vec![false; out.len()];
        let named = |c: &Candidate| {
            matches!(
                c.kind,
                EntityType::Person | EntityType::Organization | EntityType::Place
            )
        };
        for k in 0..model.len() {
            let (first, last, label) = model.span(k);
            let (start, end) = self.learned_span(first, last);
            let overlapping: Vec<usize> = (0..dropped.len())
                .filter(|&i| !dropped[i] && out[i].start < end && start < out[i].end)
                .collect();
            if overlapping.is_empty()
                || !overlapping.iter().all(|&i| named(&out[i]))
                || !self.plausible_learned(first, last, label)
                || last - first == 1 && self.name_before_noun(first).is_some()
            {
                continue;
            }
            let exact = overlapping.len() == 1
                && (out[overlapping[0]].start, out[overlapping[0]].end) == (start, end);
            let covers = !exact
                && overlapping.iter().all(|&i| {
                    start <= out[i].start
                        && out[i].end <= end
                        && !matches!(out[i].rule, Rule::Handle | Rule::SourceLine)
                        // The legal-form rule stops before a description on purpose ("der
                        // Flugzeugbauer Nordlicht GmbH"); "&" joins legal forms ("GmbH & Co.").
                        && (out[i].rule != Rule::LegalForm
                            || out[i].start == start
                            || self.t(out[i].first.wrapping_sub(1)) == "&")
                })
                && self.one_name(first, last)
                && (first..last).all(|t| {
                    !taken[t]
                        || overlapping
                            .iter()
                            .any(|&i| (out[i].first..out[i].last).contains(&t))
                })
                && self.starts_name(first);
            let retype = exact
                && (out[overlapping[0]].strength() == 1
                    || self.small_place(&out[overlapping[0]])
                    || self.place_by_preposition(&out[overlapping[0]]))
                && out[overlapping[0]].kind != self.learned_kind(first, last, label);
            let bar = if covers
                && self.lang == Lang::De
                && label == "ORG"
                && self.is_name_word(first)
                && (first + 1..last).any(|k| self.region_of_unit(first, k) == Some(last))
            {
                // An organisation's regional unit the rules could not tell ("Fanuc
                // Deutschland": no rule knows "Fanuc"; `organisations::regional_units`): the
                // model's organisation on the name and its region counts from its own bar.
                MIN_SCORE_DE
            } else if covers
                && self.lang == Lang::De
                && label == "ORG"
                && last - first > 1
                && first > 0
                && self.lex.determiners.contains(self.lower(first - 1))
                && overlapping.iter().any(|&i| {
                    out[i].rule == Rule::Demonym
                        && (out[i].first, out[i].last) == (first, first + 1)
                })
                && self.capitalised_adjective(first)
                && !super::org_cue_word(self.lower(first + 1), self.lang, self.lex)
            {
                // A demonym capitalised after an article starts a name ("der Deutschen
                // Wohnen"): German writes the adjective of a country in lower case elsewhere.
                // The model's organisation on it counts from its own bar, as on a name word.
                MIN_SCORE_DE
            } else if covers
                && self.lang == Lang::De
                && last - first > 1
                && self.is_name_word(first)
            {
                COVER_SCORE_DE
            } else if retype
                && self.lang == Lang::De
                && (self.small_place(&out[overlapping[0]])
                    || out[overlapping[0]].rule == Rule::TwoNames
                    || self.place_by_preposition(&out[overlapping[0]]))
            {
                // A small town's listing is weak evidence: the model's person or
                // organisation on the word wins at the bar of its own names. So does its
                // type on two unknown capitalised words, which are a person only where the
                // model reads a name on them at all (`persons`): the model is the only
                // evidence of what they name ("Telecom Italia"). So does its person or
                // organisation on a word that is a place only by the preposition before it:
                // "bei" names employers and shops as often as places ("arbeitet bei Nike",
                // "bei O2"), "nach" and "in" people and works ("nach Cook").
                MIN_SCORE_DE
            } else {
                PREFER_SCORE
            };
            if !(covers || retype) || model.scored(k).score < bar {
                continue;
            }
            for &i in &overlapping {
                dropped[i] = true;
            }
            self.push_learned(out, taken, (first, last, label), Rule::Learned);
            dropped.push(false);
        }
        // People and places a capitalisation rule ran too long.
        for i in 0..out.len() {
            let c = &out[i];
            let wanted = match (c.kind, c.rule) {
                (EntityType::Person, Rule::GivenName | Rule::TwoNames) => "PER",
                (EntityType::Place, Rule::PlacePreposition) => "LOC",
                _ => continue,
            };
            if dropped[i] || self.lang != Lang::De {
                continue;
            }
            let (cf, cl) = (c.first, c.last);
            let inner: Vec<usize> = (0..model.len())
                .filter(|&k| {
                    let (first, last, _) = model.span(k);
                    cf <= first && last <= cl && (first, last) != (cf, cl)
                })
                .collect();
            if inner.is_empty()
                || !inner.iter().all(|&k| {
                    let (first, last, label) = model.span(k);
                    label == wanted
                        && self.plausible_learned(first, last, label)
                        && model.scored(k).score >= PREFER_SCORE
                })
            {
                continue;
            }
            dropped[i] = true;
            for k in inner {
                let (first, last, label) = model.span(k);
                self.push_learned(out, taken, (first, last, label), Rule::Learned);
                dropped.push(false);
            }
        }
        dropped
    }

    /// Whether a candidate is one word the gazetteer knows only as a small place (fewer than
    /// [`KnownEntity::SMALL_PLACE`] inhabitants): GeoNames lists towns named like people and
    /// companies ("Obama", "Bowie", "Escada"), and what the sentence says about the word (a
    /// confident learned person or organisation) weighs more than the town's existence.
    fn small_place(&self, c: &Candidate) -> bool {
        c.kind == EntityType::Place
            && c.rule == Rule::Gazetteer
            && c.last - c.first == 1
            && self
                .lex
                .known
                .get(c.name.as_str())
                .is_some_and(KnownEntity::is_small_place)
    }

    /// Whether a candidate is a German place only by the preposition before it (a word no
    /// list knows): on the SmartData training documents and the GermEval training four fifths,
    /// all 28 such places on which the model read exactly those words as a person or an
    /// organisation (scores 0.44–0.96) were that person or organisation.
    fn place_by_preposition(&self, c: &Candidate) -> bool {
        self.lang == Lang::De && c.kind == EntityType::Place && c.rule == Rule::PlacePreposition
    }

    /// Whether token `i` may start a name that replaces rule names: a capitalised word or a
    /// number ("1. FC Köln"), and not a code ("A30 Bad Oeynhausen", "RE7"), a function word,
    /// a title or a role ("Die", "Sen.", "Konzernchef"), nor a description of what follows: an
    /// organisation noun or a German hyphen compound of a common noun ("die Firma Nordlicht
    /// GmbH", "die Siemens-Tochter Nordlicht GmbH").
    fn starts_name(&self, i: usize) -> bool {
        let w = self.t(i);
        let description = super::org_cue_word(&w.lower_case(), self.lang, self.lex)
            || self.lang == Lang::De
                && w.rsplit_once('-')
                    .is_some_and(|(_, head)| self.common_head(head));
        let digits = w.chars().filter(char::is_ascii_digit).count();
        let title = self.lex.titles.contains(w)
            || self.t(i + 1) == "." && self.lex.titles.contains(format!("{w}.").as_str());
        (digits == 0 && w.chars().next().is_some_and(char::is_uppercase)
            || digits > 0 && digits == w.chars().count())
            && !self.is_stop(w)
            && !title
            && !description
            && !self.is_role_word(i)
    }

    /// Whether tokens `first..last` hold one name, not a list of them: no punctuation inside
    /// but the period of an abbreviation and "&" ("Böblingen / Sindelfingen", "Frankfurt (Main)
    /// Hbf" are not one name; "GmbH & Co. KG" is). Nor does a name go on onto the next line
    /// with a capitalised word: the lines of an address block run on as one sentence
    /// (`text::segment`), and "24103 Kiel" / "Deutschland" are two names; a line that ends in a
    /// hyphen ("Baden-" / "Württemberg") or goes on in lower case ("Mülheim an" / "der Ruhr")
    /// may still carry one name. Nor does it cross a run of spaces or a tab, which separate a
    /// table's columns.
    fn one_name(&self, first: usize, last: usize) -> bool {
        (first..last)
            .all(|i| self.toks[i].kind != TokenKind::Punct || matches!(self.t(i), "." | "&"))
            && (first + 1..last).all(|i| {
                let gap = &self.text[self.toks[i - 1].end..self.toks[i].start];
                let line =
                    !self.toks[i].newline_before || !self.is_cap(i) || self.t(i - 1).ends_with('-');
                // Columns of a table: "Elbwerft AG          Hafenstraße 12".
                line && !gap.contains("   ") && !gap.contains('\t')
            })
    }

    fn push_learned(
        &self,
        out: &mut Vec<Candidate>,
        taken: &mut [bool],
        (first, last, label): (usize, usize, &str),
        rule: Rule,
    ) {
        let (start, end) = self.learned_span(first, last);
        self.push(
            out,
            taken,
            (first, last, start, end),
            self.learned_kind(first, last, label),
            self.text[start..end].to_owned(),
            None,
            rule,
        );
    }

    /// The type of the learned name on tokens `first..last` with the model's `label`: a name
    /// of several words that ends in a station word (`stationhead` in cues.tsv: "Stuttgart
    /// Hbf", "Berlin Ostbahnhof") is the station, whatever the model reads, as the site-word
    /// rule types a station no list knows (`places::place_heads`). The model learned such
    /// names as places, and where the gazetteer knows the town ("Stuttgart") its name
    /// replaced the rule's. On the SmartData training documents 310 names that end so are
    /// annotated, all but one as stops (`LOCATION_STOP`), none as a town.
    fn learned_kind(&self, first: usize, last: usize, label: &str) -> EntityType {
        // Not a street named after the station ("Zum Bahnhof"). (A name word first, as the
        // site-word rule asks, lost 8 of the 256 stations on the training documents: towns
        // named like a common word.)
        if last - first > 1
            && self.lex.station_heads.contains(self.t(last - 1))
            && !self.is_stop_at(first)
        {
            EntityType::TrainStation
        } else {
            kind_of(label)
        }
    }
}

fn kind_of(label: &str) -> EntityType {
    match label {
        "PER" => EntityType::Person,
        "ORG" => EntityType::Organization,
        _ => EntityType::Place,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{candidates, expect, expect_not, find};
    use crate::entities::Rule;
    use crate::model::{
        EntityType::*,
        Lang::{De, En},
    };

    #[test]
    fn a_name_no_rule_knows_and_no_common_word() {
        // No gazetteer entry, no legal form, no cue: only the model knows this is a company.
        expect(
            "Die Hapag-Lloyd meldete Gewinne.",
            De,
            "Hapag-Lloyd",
            Organization,
            Rule::Learned,
        );
        // Common words at the start of a sentence are never names.
        for text in [
            "Man weiß es nicht.",
            "Ob das reicht, ist offen.",
            "Waren kosten mehr.",
        ] {
            assert!(
                candidates(text, De).iter().all(|f| !f.rule.is_learned()),
                "{text}: {:?}",
                candidates(text, De)
            );
        }
    }

    #[test]
    fn a_place_by_its_preposition_takes_the_models_person_or_organisation() {
        // "bei" names employers as often as places: the model's organisation on exactly the
        // word (0.54 here) wins from the bar of its own names.
        let all = candidates("Er unterschrieb bei Valvetronix einen Vertrag.", De);
        assert!(
            all.iter().any(|f| f.span == "Valvetronix"
                && f.kind == Organization
                && f.rule == Rule::Learned),
            "{all:?}"
        );
    }

    #[test]
    fn rules_keep_precedence() {
        // The gazetteer's override: "Team Green" is NVIDIA, whatever the model says.
        let all = candidates("Team Green liefert neue Chips an Meta.", De);
        assert!(
            all.iter().any(|f| f.span == "Team Green"
                && f.rule == Rule::Gazetteer
                && f.kind == Organization),
            "{all:?}"
        );
    }

    #[test]
    fn a_learned_name_replaces_the_rule_names_inside_it() {
        // The gazetteer knows the place, the given-name rule stops after the given names, the
        // acronym rule and the gazetteer split the club: each is a part of the learned name.
        for (text, span, kind) in [
            (
                "Der Trainer von Borussia Neunkirchen lobte die Mannschaft.",
                "Borussia Neunkirchen",
                Organization,
            ),
            (
                "Der Sänger Jonas Maria Brenner singt.",
                "Jonas Maria Brenner",
                Person,
            ),
            (
                "Der Trainer des FC Wacker Landshut lobte die Mannschaft.",
                "FC Wacker Landshut",
                Organization,
            ),
        ] {
            expect(text, De, span, kind, Rule::Learned);
            assert_eq!(
                candidates(text, De).len(),
                1,
                "{text}: {:?}",
                candidates(text, De)
            );
        }
    }

    #[test]
    fn a_learned_name_never_joins_names_across_punctuation_or_a_possessive_or_a_title() {
        // The model spans "Heilbronn / Neckarsulm", "Norway's Security Council" and "Sen. Paul
        // Whitmore"; a list, a possessive and a title are not parts of one name.
        expect(
            "Zwischen Heilbronn / Neckarsulm und Weinsberg staut es sich.",
            De,
            "Neckarsulm",
            Place,
            Rule::Gazetteer,
        );
        let text = "The head of Norway's Security Council, Tom Hadley, resigned.";
        expect(text, En, "Norway", Place, Rule::Gazetteer);
        expect(text, En, "Security Council", Organization, Rule::OrgHead);
        expect(
            "Sen. Paul Whitmore of Ohio voted no.",
            En,
            "Paul Whitmore",
            Person,
            Rule::GivenName,
        );
    }

    #[test]
    fn a_confident_type_replaces_a_guess_from_the_names_shape() {
        // "Sky" is a given name, so the rule guessed a person; the model reads an event's
        // organiser.
        expect(
            "Sponsor der Blue Sky Open ist Emil Krause.",
            De,
            "Sky Open",
            Organization,
            Rule::Learned,
        );
    }

    #[test]
    fn a_person_cut_to_the_learned_name_inside_it() {
        // Two unknown capitalised words make a person; the conjunction before them is not a
        // part of the name.
        let text = "Nachdem Jonas Weiland sang, tanzten die Fans.";
        // (The given-name rule now knows "Nachdem" for a common word at the sentence's start
        // and finds the person itself; the learned cut is what a word mid-sentence needs.)
        assert_eq!(find(text, De, "Jonas Weiland").kind, Person);
        assert!(candidates(text, De)
            .iter()
            .all(|f| !f.span.contains("Nachdem")));
    }

    #[test]
    fn no_lower_case_phrase_code_or_organisation_noun_is_a_learned_name() {
        // The model reads "beiden Richtungen", the road "A81", the line "RE 4" and the compound
        // "US-Spielzeugkonzern" as places; none is one.
        for (text, word) in [
            (
                "Die Straße ist zwischen Tübingen und Nehren in beiden Richtungen gesperrt.",
                "Richtungen",
            ),
            (
                "Auf der A81 zwischen Sindelfingen-Ost und Böblingen-Hulb staut es sich.",
                "A81",
            ),
            (
                "Die Linie RE 4 fällt zwischen Aachen und Dortmund aus.",
                "RE",
            ),
            (
                "Der US-Spielzeugkonzern Hasbro meldet Gewinne.",
                "Spielzeugkonzern",
            ),
        ] {
            let all = candidates(text, De);
            assert!(
                all.iter().all(|f| !f.span.contains(word)),
                "{text}: {all:?}"
            );
        }
        // A site word ends a place's name ("-Ost"), unlike a common noun ("LLM-Modell"): the
        // model reads the whole word, and the gazetteer pass takes a known place with its
        // site word whole too (`gazetteer::is_site`).
        expect(
            "Auf der A81 zwischen Sindelfingen-Ost und Böblingen-Hulb staut es sich.",
            De,
            "Sindelfingen-Ost",
            Place,
            Rule::PlaceHead,
        );
    }

    #[test]
    fn a_learned_name_glued_to_a_compound_noun_or_a_role_is_the_name_alone() {
        // The model may read the whole word; the name is its first part.
        for (text, word, name) in [
            (
                "Die Nordwerk-Lampensparte wird verkauft.",
                "Nordwerk-Lampensparte",
                "Nordwerk",
            ),
            (
                "Der Quantrix-Deutschlandchef sagte das.",
                "Quantrix-Deutschlandchef",
                "Quantrix",
            ),
        ] {
            let all = candidates(text, De);
            assert!(all.iter().all(|f| f.span != word), "{text}: {all:?}");
            assert!(
                all.iter().all(|f| !f.span.contains(name) || f.span == name),
                "{text}: {all:?}"
            );
        }
        // A known place with a district is one place, however its last part looks.
        let all = candidates("Der Unfall geschah in Hamburg-Harburg.", De);
        assert!(all.iter().all(|f| f.span != "Hamburg"), "{all:?}");
    }

    #[test]
    fn a_german_name_no_rule_found_counts_from_a_middling_score_and_is_tentative() {
        // The model's score for the lone given name is between 0.5 and 0.7: enough for a name
        // no rule found in German, not enough to override a rule or the document's names.
        expect(
            "Annika gefällt die Idee des Drehbuchs nicht.",
            De,
            "Annika",
            Person,
            Rule::LearnedTentative,
        );
    }

    #[test]
    fn a_known_name_or_surname_the_noun_list_holds_or_an_acronym_spelling_a_function_word_is_the_models(
    ) {
        // "Ulm" and "Tirol" are in the noun list (Wikidata lexemes), "IS" in the English
        // stop words: the gazetteer or the all-caps word and the model's confidence decide.
        let traffic = "Vorsicht auf der A7 Ulm Richtung Füssen, dort steht ein Lastwagen.";
        expect(traffic, De, "Ulm", Place, Rule::Learned);
        let state = "In Tirol herrschte am Sonntag Lawinenwarnstufe drei.";
        expect(state, De, "Tirol", Place, Rule::Learned);
        let militia = "Kämpfer des IS griffen die Stadt am Morgen an.";
        expect(militia, De, "IS", Organization, Rule::Learned);
        // A lone surname named like a common noun, after a role: the person.
        let chief = "Volkswagen-Chef Müller stellt heute in Wolfsburg die Erkenntnisse vor.";
        expect(chief, De, "Müller", Person, Rule::Learned);
        // The common noun is still no name, though a town of that name exists.
        let goods = "Die Waren kamen am Montag beschädigt im Lager an.";
        assert!(
            candidates(goods, De).iter().all(|f| f.span != "Waren"),
            "{goods:?}"
        );
    }

    #[test]
    fn a_team_named_after_its_town_is_whole_from_a_middling_score() {
        // The gazetteer knows the town; the model's name of several words, from a name word
        // on, is the team (its score is between 0.5 and 0.7).
        let text = "Im Finale schlug er die Hamburg Sea Devils deutlich.";
        expect(text, De, "Hamburg Sea Devils", Organization, Rule::Learned);
        assert_eq!(candidates(text, De).len(), 1, "{:?}", candidates(text, De));
    }

    #[test]
    fn a_title_alone_is_no_learned_name() {
        // The model reads the title before a name as a person of its own.
        for text in [
            "Die Leitung übernimmt Gründer Dr . Jonas Weiler .",
            "Der Sohn , Dr . Malte Weiler , führt die Kanzlei .",
        ] {
            let all = candidates(text, De);
            assert!(all.iter().all(|f| f.span != "Dr"), "{text}: {all:?}");
        }
    }

    #[test]
    fn a_place_the_preposition_rule_ran_on_is_cut_to_the_learned_place() {
        // With the document's names the gazetteer's weight of the city is gone, so the
        // preposition rule takes "Peking" and the capitalised ordinal after it; the model
        // reads the place alone.
        use crate::entities::{recognize, NameMap};
        let text = "Peking ist groß. Der Kanute wurde in Peking Vierter und fuhr dann heim.";
        let lex = super::super::testing::lexicon();
        let sents = crate::text::segment::sentences(text, lex);
        let mut names = NameMap::default();
        let mut values = Vec::new();
        for s in &sents {
            let v = crate::text::numbers::scan(text, &s.tokens, De, lex);
            names.learn(&recognize(text, s, De, lex, &v, None), lex);
            values.push(v);
        }
        let second: Vec<_> = sents
            .iter()
            .zip(&values)
            .flat_map(|(s, v)| recognize(text, s, De, lex, v, Some(&names)))
            .map(|c| (text[c.start..c.end].to_owned(), c.kind))
            .collect();
        assert!(
            second.iter().all(|(span, _)| !span.contains("Vierter")),
            "{second:?}"
        );
        assert_eq!(
            second
                .iter()
                .filter(|(span, kind)| span == "Peking" && *kind == Place)
                .count(),
            2,
            "{second:?}"
        );
    }

    #[test]
    fn a_small_town_named_like_a_person_takes_the_confident_learned_type() {
        // GeoNames lists a town "Bowie"; the sentence speaks of a person.
        expect(
            "Mehrmals wischte sich Bowie Tränen aus dem Gesicht.",
            De,
            "Bowie",
            Person,
            Rule::Learned,
        );
        // A town named like a given name is no place alone: the model's person (about 0.6)
        // is the name, tentative below 0.7.
        expect(
            "Danach erklärte Harrison, er werde zurücktreten.",
            De,
            "Harrison",
            Person,
            Rule::LearnedTentative,
        );
        // With a preposition it stays the town.
        expect(
            "Die Fabrik liegt in Bowie im Bundesstaat Maryland.",
            De,
            "Bowie",
            Place,
            Rule::Gazetteer,
        );
    }

    #[test]
    fn a_german_learned_name_from_a_score_of_0_4_is_a_tentative_mention() {
        // No rule finds the unknown surname; the model reads a person at about 0.47.
        expect(
            "Als Kind begeisterte sich Hollmer für Musik.",
            De,
            "Hollmer",
            Person,
            Rule::LearnedTentative,
        );
    }

    #[test]
    fn two_unknown_words_take_the_models_type_from_its_own_bar() {
        // Two unknown capitalised words are a person by their shape alone; the model reads a
        // company on exactly them at about 0.48, below the bar at which it overrides rules.
        expect(
            "Die Aktien von Banco Meridional stiegen am Montag deutlich.",
            De,
            "Banco Meridional",
            Organization,
            Rule::Learned,
        );
    }

    #[test]
    fn a_learned_name_ends_before_a_role() {
        // The model reads the possessor and the role after it as one person (about 0.45).
        let text = "Er wurde bekannt als enger Mitarbeiter ( Adjutant ) von Schmidts \
                    Vizekanzler und Botschafter Franz von Weiler .";
        expect(text, De, "Schmidts", Person, Rule::LearnedTentative);
        let all = candidates(text, De);
        assert!(
            all.iter().all(|f| !f.span.contains("Vizekanzler")),
            "{all:?}"
        );
    }

    #[test]
    fn a_tag_is_no_name_and_a_handle_is_whole() {
        // The tokenizer splits "@NordwindNews" in two; the model reads "#bahn" as a company.
        let text = "RT @NordwindNews: Verspätungen bei der #bahn heute.";
        expect(text, De, "@NordwindNews", Organization, Rule::Handle);
        let all = candidates(text, De);
        assert_eq!(all.len(), 1, "{all:?}");
        // A capitalised hashtag the model is confident of names what the tweet is about.
        let text = "Übernahme von #KaisersTengelmann durch den Konkurrenten: Gutachter warnen.";
        expect(text, De, "KaisersTengelmann", Organization, Rule::Learned);
    }

    #[test]
    fn an_organisation_may_be_lower_case_and_a_house_number_is_no_code() {
        // A brand in lower case before its legal form, and a street with its house number
        // (unlike the line "RE 4" or the road "A81").
        let text = "Das Seminar bietet die lavendo GmbH mit Sitz in Konstanz an.";
        expect(text, De, "lavendo GmbH", Organization, Rule::Learned);
        let text = "Das Büro liegt in der Lindengasse 4 in Zürich.";
        expect(text, De, "Lindengasse 4", Place, Rule::Learned);
    }

    #[test]
    fn a_learned_name_that_ends_in_a_station_word_is_the_station() {
        // The gazetteer knows the town; the model's place of two words replaces it and is the
        // town's station, as the site-word rule types a station no list knows.
        let text = "Der ICE fährt heute ab Stuttgart Hbf und endet in Berlin Ostbahnhof.";
        expect(text, De, "Stuttgart Hbf", TrainStation, Rule::Learned);
        expect(text, De, "Berlin Ostbahnhof", TrainStation, Rule::Learned);
        // The town alone stays a town.
        let text = "Der ICE fährt heute ab Stuttgart nach Berlin.";
        expect_not(text, De, "Stuttgart", TrainStation);
    }
}
