//! People: [title] given name (given name | initial)* [particle] surname+, a lone name after a
//! title or role ("Dr. Berger"), next to a verb of saying ("sagte Erdogan"), or two unknown
//! capitalised words in German ("Jensen Huang").
//!
//! It decides where a name ends (possessives, place and organisation heads, particles only
//! inside a name) and removes the German genitive -s ("Angela Merkels Politik").

use super::{Candidate, Recognizer, Rule};
use crate::model::{EntityType, Lang};

impl Recognizer<'_> {
    /// Whether a title ends just before token `i`: "Herr", also "Dr." and "Prof.", whose
    /// period is a token of its own.
    pub(super) fn title_before(&self, i: usize) -> bool {
        match i {
            0 => false,
            1 => self.lex.titles.contains(self.t(0)),
            _ => {
                self.lex.titles.contains(self.t(i - 1))
                    || self.t(i - 1) == "."
                        && self.toks[i - 2].end == self.toks[i - 1].start
                        && self
                            .lex
                            .titles
                            .contains(format!("{}.", self.t(i - 2)).as_str())
            }
        }
    }

    /// Whether token `i` sits in a person's name: after a title or a given name, or before
    /// another capitalised name word.
    pub(super) fn inside_person_name(&self, i: usize) -> bool {
        let prev = self.t(i.wrapping_sub(1));
        i > 0
            && (self.title_before(i)
                || self.lex.first_names.contains_key(prev) && self.is_cap(i - 1)
                || is_initial(prev)
                || i >= 2 && self.split_initial(i - 2))
            || self.is_name_word(i + 1)
                && !self.ends_possessive(i)
                && self.toks.get(i + 1).is_some_and(|t| t.space_before)
                && self.known_kind(self.t(i + 1)).is_none()
    }

    /// People: [title] given-name (given-name | initial)* [particle] surname+.
    pub(super) fn persons(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if taken[i] || !self.is_cap(i) {
                i += 1;
                continue;
            }
            let w = self.t(i);
            let after_title = i > 0 && (self.title_before(i) || self.is_role_word(i - 1));
            let given = self.lex.first_names.get(w).copied().unwrap_or(0);
            // A given name must be followed by a name word; a title licenses a lone surname.
            let mut j = i;
            let mut rule = Rule::GivenName;
            // A given name that is also a common word is none at a German sentence's start,
            // where capitals say nothing ("Alle Fluggäste", "Am Bodensee").
            // (Both asked only of a given name: most capitalised words are none, and the
            // first searches the document's text.)
            let common_start =
                || i == 0 && self.lang == Lang::De && self.is_sentence_initial_common_de(w);
            // Inside a German sentence, a given name that is also a common word ("Art",
            // "Lage", "Mio") opens a person only after a title or role or where the name
            // model reads a name on it ("die einzige Art der Kahlhechtartigen", but "Mark
            // Zuckerberg", "Synaxon-Vorstand Mark Schröder").
            let common_unread = || {
                self.lang == Lang::De && !after_title && self.is_common(i) && !self.read_as_name(i)
            };
            if given > 0 && !self.is_stop(w) && !common_start() && !common_unread() {
                j += 1;
                // Middle names and initials: "John F. Kennedy", "Jensen Huang".
                while j < n
                    && !taken[j]
                    && (self.lex.first_names.contains_key(self.t(j)) && self.is_name_word(j + 1)
                        || is_initial(self.t(j)))
                {
                    j += 1;
                }
                // An initial split into letter and period: "John" "F" "." "Kennedy".
                while j + 2 < n && !taken[j] && !taken[j + 1] && self.split_initial(j) {
                    j += 2;
                }
            } else if after_title
                && self.is_name_word(i)
                && self.known_kind(w).is_none_or(|k| k == EntityType::Place)
            {
                rule = Rule::Title;
            } else if self.is_unknown_name(i)
                && (self.lex.speech.contains(self.lower(i.wrapping_sub(1)))
                    || self.lex.speech.contains(self.lower(i + 1)))
                && !self.is_cap(i + 1)
            {
                // "sagte Erdogan", "Hörmann erklärte": a lone name next to a verb of saying.
                rule = Rule::Speech;
            } else if self.lang == Lang::En
                && self.owns_personal_noun(i)
                && !self.is_common(i)
                && self.known_kind(w).is_none_or(|k| k == EntityType::Place)
            {
                // "Kennedy's assassin", "Dole's wife": what only a person has.
                rule = Rule::Possessor;
            } else if self.lang == Lang::De
                && self.is_unknown_name(i)
                && self.is_unknown_name(i + 1)
                && !taken[i + 1]
                && !self.lex.legal_forms.contains(self.t(i + 2))
                && !self.lex.org_heads.contains(self.t(i + 2))
                && self.read_as_one_name(i, i + 2)
            {
                // German capitalises nouns, so two adjacent capitalised words that are neither
                // nouns nor known names are almost always a person ("Jensen Huang"), when the
                // name model reads one name over both: on the SmartData training documents
                // every one of the 18 right such people it did, none of the 36 wrong ones
                // ("Tagund Vor", "Gefällt Ihnen"); a name on the first word alone is a name
                // of its own before another word ("Leverkusener Chicharito", "Pfälzer Ver").
                rule = Rule::TwoNames;
                j = i + 1;
            } else {
                i += 1;
                continue;
            }
            // Surname(s): name words, with particles ("von der Leyen", "de Cuéllar").
            let mut k = j;
            loop {
                // After an unambiguous given name, a surname may also be a noun ("Roland
                // Busch", "Thomas Müller"); after "Mark" (also a noun) it may not.
                let noun_surname = k == j
                    && rule == Rule::GivenName
                    && (!self.is_common(i) || after_title)
                    && self.is_cap(k)
                    && !self.is_stop_at(k)
                    && !self.lex.titles.contains(self.t(k))
                    && !self.lex.not_name.contains(self.t(k))
                    && !self.is_role_word(k)
                    && !self.lex.months.contains_key(self.t(k));
                // A generation suffix ends an English name, and the word before it is the
                // surname even where it is a title or a common word ("Walter Owen King III":
                // `namesuffix` in grammar.tsv).
                if self.lang == Lang::En
                    && k > i
                    && k + 1 < n
                    && !taken[k]
                    && !taken[k + 1]
                    && self.is_cap(k)
                    && self.lex.name_suffixes.has(Lang::En, self.t(k + 1))
                {
                    k += 2;
                    break;
                }
                // After an initial the surname follows, even if it names a place too
                // ("John F. Kennedy").
                let after_initial = k == j && j > i + 1 && self.t(j - 1) == ".";
                if k < n
                    && !taken[k]
                    && (self.is_name_word(k) || noun_surname)
                    && (after_initial || !self.lex.known.contains_key(self.t(k)))
                    && !self.lex.place_heads.contains(self.t(k))
                    && !self.lex.org_heads.contains(self.t(k))
                {
                    k += 1;
                    // "Brian Mulroney's Progressive Conservative Party": the possessive ends it.
                    if self.ends_possessive(k - 1) {
                        break;
                    }
                    continue;
                }
                // Particles only inside a name: "von der Leyen", "Pérez de Cuéllar".
                let surname_at = |x: usize| {
                    x < n
                        && !taken[x]
                        && self.is_name_word(x)
                        && !self.lex.known.contains_key(self.t(x))
                };
                // "von" and "zu" follow the given names ("Ursula von der Leyen"); after a
                // surname they name an employer or a place ("Olaf Kramm von Fanuc").
                let misplaced = k > j && self.lex.first_particles.contains(self.t(k));
                if k + 1 < n
                    && self.is_particle(self.t(k))
                    && !misplaced
                    && (surname_at(k + 1) || self.is_particle(self.t(k + 1)) && surname_at(k + 2))
                {
                    k += 1;
                    continue;
                }
                break;
            }
            if rule == Rule::Title && k == j {
                k = i + 1;
            }
            if rule == Rule::GivenName && k == i + 1 {
                if self.lang == Lang::En
                    && after_title
                    && self.is_name_word(i)
                    && !self.is_cap(i + 1)
                {
                    // English: after a title and alone, a surname that is also a given name
                    // ("President Houston said"; not "Sen. Edward Houston", whose surname the
                    // gazetteer holds as a place). German keeps the given name alone out: a
                    // title or role before a given name opens a name the line may break
                    // ("der einstige Deutsche-Börse-Chef Werner" / "Seifert").
                    rule = Rule::Title;
                } else {
                    // A given name alone is not a person ("Mark" is also a currency, a verb
                    // form).
                    i += 1;
                    continue;
                }
            }
            let k = k.max(i + 1);
            let start = self.toks[i].start;
            let mut end = self.toks[k - 1].end;
            end -= self.possessive_bytes(k - 1);
            let mut name = self.text[start..end].to_owned();
            // Genitive: "Angela Merkels Politik" → Angela Merkel (German only, not "…ss").
            if self.lang == Lang::De
                && name.ends_with('s')
                && !name.ends_with("ss")
                && self.next_is_noun(k)
            {
                name.pop();
            }
            self.push(
                out,
                taken,
                (i, k, start, end),
                EntityType::Person,
                name,
                None,
                rule,
            );
            i = k;
        }
    }

    /// Token `j` is a capital letter and `j + 1` the period glued to it, before a capitalised
    /// word: the initial "F." in "John F. Kennedy".
    pub(super) fn split_initial(&self, j: usize) -> bool {
        let w = self.t(j);
        w.chars().count() == 1
            && w.chars().all(char::is_uppercase)
            && self.t(j + 1) == "."
            && self.toks[j + 1].start == self.toks[j].end
            && self.is_cap(j + 2)
    }

    /// A lower-case word inside a personal name ("von der Leyen").
    pub(super) fn is_particle(&self, w: &str) -> bool {
        self.lex.name_particles.contains(w)
    }

    /// A name word that no lexicon knows and that is no English word either ("Huang", not "Smart").
    fn is_unknown_name(&self, i: usize) -> bool {
        self.remember(super::Asked::UnknownName, i, || {
            let w = self.t(i);
            self.is_name_word(i)
                && !self.lex.known.contains_key(w)
                && !self.lex.words_en.contains(self.lower(i))
                && w.chars()
                    .filter(|c| c.is_alphabetic())
                    .any(char::is_lowercase)
                && !w.contains('-')
                && !self.is_compound_noun(w)
                && !self.lex.place_heads.contains(w)
        })
    }

    fn next_is_noun(&self, k: usize) -> bool {
        self.is_cap(k) && (self.lex.is_noun_de(self.t(k)) || self.is_role_word(k))
    }
}

fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::super::testing::{expect, expect_none, expect_not, find};
    use super::super::Rule;
    use crate::model::{EntityType::*, Lang::*};

    #[test]
    fn title_licenses_a_lone_surname() {
        expect(
            "Laut Dr. Quellmann steigt der Umsatz.",
            De,
            "Quellmann",
            Person,
            Rule::Title,
        );
        expect("Mr. Tollan said so.", En, "Tollan", Person, Rule::Title);
        // Also a surname that is a given name too, and (English) a place.
        let text = "He rode with President Houston when the shots fell.";
        expect(text, En, "Houston", Person, Rule::Title);
        // Not the given name of a full name after a title.
        let text = "Sen. Edward Houston voted against the bill.";
        expect_not(text, En, "Edward", Person);
    }

    #[test]
    fn a_generation_suffix_ends_an_english_name() {
        let text = "Walter Owen King III spoke in Boston.";
        expect(text, En, "Walter Owen King III", Person, Rule::GivenName);
    }

    #[test]
    fn given_name_after_a_title_and_with_particles() {
        expect(
            "Dr. Anna Berger leitet das Projekt.",
            De,
            "Anna Berger",
            Person,
            Rule::GivenName,
        );
        expect(
            "Ursula von der Lindt sprach.",
            De,
            "Ursula von der Lindt",
            Person,
            Rule::GivenName,
        );
    }

    #[test]
    fn von_after_a_surname_names_the_employer() {
        expect(
            "Geschäftsführer Olaf Kramm von Nordlicht Deutschland lobt das Projekt.",
            De,
            "Olaf Kramm",
            Person,
            Rule::GivenName,
        );
    }

    #[test]
    fn initial_inside_an_english_name() {
        let text = "Yesterday, Margaret J. Holloway of Brenford Analytics visited Paxton.";
        expect(text, En, "Margaret J. Holloway", Person, Rule::GivenName);
    }

    #[test]
    fn german_genitive_s_leaves_the_name() {
        let f = find("Frieda Kornblums Plan überzeugt.", De, "Frieda Kornblums");
        assert_eq!((f.name.as_str(), f.kind), ("Frieda Kornblum", Person));
    }

    #[test]
    fn a_common_word_opening_a_german_sentence_is_no_given_name() {
        // "Alle" and "Am" are given names too; at a sentence's start, where German capitalises
        // every word, the name model's training text says they are common words.
        for (text, word) in [
            ("Alle Fluggäste müssen heute warten.", "Alle"),
            ("Am Bodensee regnet es seit Tagen.", "Am"),
            ("Hierzu schrieb sie einen Brief.", "Hierzu"),
        ] {
            let all = super::super::testing::candidates(text, De);
            assert!(
                all.iter()
                    .all(|f| f.kind != Person || !f.span.contains(word)),
                "{text}: {all:?}"
            );
        }
        // Mid-sentence the given name still opens a person.
        expect(
            "Gestern kam Alle Jensen zu Besuch.",
            De,
            "Alle Jensen",
            Person,
            Rule::GivenName,
        );
    }

    #[test]
    fn a_given_name_that_is_a_common_word_needs_the_name_model_or_a_role() {
        // "Art" is a given name and a noun; the model reads no name in the first sentence.
        let text = "Es ist die einzige lebende Art der Knochenhechtartigen im Süden.";
        let all = super::super::testing::candidates(text, De);
        assert!(all.iter().all(|f| f.kind != Person), "{all:?}");
        // After a role the given name opens the person, whatever the model reads.
        expect(
            "Das erklärte Vorstand Mark Kowalczyk am Montag.",
            De,
            "Mark Kowalczyk",
            Person,
            Rule::GivenName,
        );
    }

    #[test]
    fn two_unknown_words_the_name_model_reads_as_no_name_are_no_person() {
        // Typos and glued words are unknown and capitalised, but no name.
        expect_none("Das Spiel lief vor 2 Tagund Vor vielen Fans.", De, "Tagund");
    }

    #[test]
    fn verb_of_saying_and_two_unknown_words() {
        expect(
            "Das Werk bleibt, sagte Kowalczyk.",
            De,
            "Kowalczyk",
            Person,
            Rule::Speech,
        );
        expect(
            "Heute kommen Jorvik Tamsel und andere.",
            De,
            "Jorvik Tamsel",
            Person,
            Rule::TwoNames,
        );
        // The model reads the city adjective as a place and the surname apart from it.
        let text = "Der Leverkusener Chivarro traf zweimal.";
        expect(text, De, "Leverkusener", Place, Rule::CityAdjective);
        assert!(
            super::super::testing::candidates(text, De)
                .iter()
                .all(|f| f.span != "Leverkusener Chivarro"),
            "{text}"
        );
    }
}
