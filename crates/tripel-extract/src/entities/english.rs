//! English-only passes: source lines of monitoring reports ("Tokyo NIHON KEIZAI SHIMBUN") and
//! runs of capitalised words mid-sentence, which English capitalises only for names.
//!
//! It decides a run's type from its words: an organisation or place head, a given name, a
//! preposition before it, a verb of saying, a determiner and role noun around it ("an Emery
//! employee"), or capitals throughout (a publication, unless the whole line shouts).

use super::{Candidate, Recognizer, Rule};
use crate::model::EntityType;
use crate::text::segment::TokenKind;
use crate::text::LowerCase;

impl Recognizer<'_> {
    /// English source lines of monitoring reports: a place opens the line (after a report
    /// code), the source follows in capitals ("Tokyo NIHON KEIZAI SHIMBUN", "Cairo AL-AHALI in
    /// Arabic") or before its language ("Paris Radio Monte Carlo in Arabic 1700 GMT").
    pub(super) fn source_lines(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        // The line starts after a report code ("NC1404123794"), which may follow a headline.
        let code = |x: usize| {
            let w = self.t(x);
            w.chars().filter(char::is_ascii_digit).count() >= 6
                && w.chars().any(|c| c.is_ascii_uppercase())
        };
        let mut p = (0..n).rev().find(|&x| code(x)).map_or(0, |x| x + 1);
        // "(Text)"
        while p < n && matches!(self.t(p), "(" | ")" | "Text") {
            p += 1;
        }
        let place = (1..=3).rev().find_map(|len| {
            let last = self.toks.get(p + len - 1)?;
            let surface = &self.text[self.toks[p].start..last.end];
            // The place is written in title case ("Moscow"); in capitals it would be part
            // of the source's name ("MOSKOVSKIY KOMSOMOLETS").
            surface.chars().any(char::is_lowercase).then_some(())?;
            self.lookup(surface)
                .filter(|(k, _)| k.kind == EntityType::Place)
                .map(|(k, name)| (len, k, name))
        });
        let Some((len, known, name)) = place else {
            return;
        };
        let q = p + len;
        let caps = |x: usize| {
            let w = self.t(x);
            self.toks.get(x).is_some_and(|t| t.kind == TokenKind::Word)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
                && !self.lex.not_name.contains(w)
                && !self.lex.not_org.contains(w)
        };
        let mut e = q;
        while e < n && caps(e) {
            e += 1;
        }
        if e == q {
            let mut c = q;
            while c < n && c - q < 5 && self.is_cap(c) && !self.is_stop_at(c) {
                c += 1;
            }
            let language = |x: usize| {
                let w = self.t(x);
                self.lex.not_name.contains(w) || self.lex.demonyms.contains_key(&w.lower_case())
            };
            if c > q && self.t(c) == "in" && language(c + 1) {
                e = c;
            }
        }
        if e == q || (p..e).any(|x| taken[x]) {
            return;
        }
        let (ps, pe) = (self.toks[p].start, self.toks[q - 1].end);
        self.push(
            out,
            taken,
            (p, q, ps, pe),
            known.kind,
            name,
            Some(known.label),
            Rule::Gazetteer,
        );
        let (os, oe) = (self.toks[q].start, self.toks[e - 1].end);
        self.push(
            out,
            taken,
            (q, e, os, oe),
            EntityType::Organization,
            self.text[os..oe].to_owned(),
            None,
            Rule::SourceLine,
        );
    }

    /// English: a run of capitalised words mid-sentence is a name; type it by its words.
    pub(super) fn english_names(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let caps = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
        };
        // A whole line in capitals is shouting, not a list of names ("HEY DUDE").
        let words = || self.toks.iter().filter(|t| t.kind == TokenKind::Word);
        let shouting = words().count() > 2 && words().all(|t| caps(t.text(self.text)));
        self.opening_age_apposition(taken, out);
        let mut i = 0;
        while i < n {
            if taken[i] || !self.is_name_word(i) {
                i += 1;
                continue;
            }
            let mut k = i + 1;
            while k < n
                && !taken[k]
                && !self.ends_possessive(k - 1)
                && (self.is_name_word(k)
                    || (self.lex.name_links.has(self.lang, self.t(k))
                        && self.is_name_word(k + 1)
                        && !taken[k + 1]))
            {
                k += 1;
            }
            let start = self.toks[i].start;
            let mut end = self.toks[k - 1].end;
            end -= self.possessive_bytes(k - 1);
            // "the Sahara desert", "the Najd plateau": a lower-case noun of a natural feature
            // after the run is the end of a place's name.
            let geo = !self.ends_possessive(k - 1)
                && self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word)
                && !taken.get(k).copied().unwrap_or(true)
                && self.lex.geo_nouns.has(self.lang, self.t(k));
            if geo {
                end = self.toks[k].end;
            }
            let name = self.text[start..end].to_owned();
            let words: Vec<&str> = name.split(' ').collect();
            let prev = self.t(i.wrapping_sub(1)).lower_case();
            // Type the run by its words: an organisation or place head word decides; a known
            // given name makes a person; a lone unknown word after "in" is a place, next to a
            // verb of saying a person.
            let last = *words.last().unwrap_or(&"");
            let next = self.t(k).lower_case();
            // "in Spanish": a language or demonym, not a place.
            let demonym = k == i + 1 && self.lex.demonyms.contains_key(&name.lower_case());
            let det = |x: usize| {
                let d = self.t(x).lower_case();
                self.lex.determiners.contains(&d) || self.lex.role_determiners.has(self.lang, &d)
            };
            // "an Emery employee", "another FAA spokesman": a name between a determiner and a
            // role noun is the employer.
            let employer = self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word)
                && self.t(k).chars().next().is_some_and(char::is_lowercase)
                && self.is_role_word(k)
                && (i >= 1 && det(i - 1) || i >= 2 && det(i - 2));
            // "Tal, a senior Defense Ministry official": an unknown word opening the sentence
            // before an apposition is a person.
            let appositive = i == 0
                && k == 1
                && self.t(1) == ","
                && (det(2)
                    || self
                        .toks
                        .get(2)
                        .is_some_and(|t| t.kind == TokenKind::Number))
                && !self.lex.words_en.contains(&name.lower_case());
            // "Grants, N.M.", "Gunnison, Colo.", "Saint-Gall, Switzerland": a name before a comma
            // and a known place (the state or country it lies in, as datelines and "of Bethany,
            // Conn." write it) is a place; not a person's name ("John Smith, Texas") and not
            // before a possessive ("Smith, Texas's governor").
            // Not in a list ("Sempra, Richardson, Astra"; "McDonalds, Burger King, Taco Bell"):
            // no comma before the name, and no other name after the place's comma but a month
            // ("Saint-Gall, Switzerland, Feb 2"); and not "Townsend, George", a given name.
            // Mid-sentence, after a lower-case word, a capitalised common word ("hometown of
            // Grants, N.M.") or a single given name ("a native of Chisholm, Minn.") before a
            // state is a town named so: capitals there mark a name, and a person's name is not
            // followed by the state it is in. At the start of a sentence or after a title
            // ("Mrs. Chisholm, Texas's ...") the capital proves nothing.
            let after_lower = i >= 1
                && self.toks[i - 1].kind == TokenKind::Word
                && self.t(i - 1).chars().next().is_some_and(char::is_lowercase);
            let common = self.lex.words_en.contains(&name.lower_case());
            let given = self.lex.first_names.contains_key(words[0]);
            let relaxed = common || given;
            let in_region = self.t(k) == ","
                && (i == 0 || self.t(i - 1) != ",")
                && out.iter().any(|c| {
                    let after = c.last + 1;
                    c.first == k + 1
                        && c.kind == EntityType::Place
                        && !self.ends_possessive(c.last - 1)
                        && !self.possessive_token(c.last)
                        && !self.lex.first_names.contains_key(self.t(k + 1))
                        && (self.t(c.last) != ","
                            || !self.is_cap(after)
                            || self.lex.months.contains_key(self.t(after))
                            || self.lex.months.contains_key(&format!("{}.", self.t(after))))
                        // A common word or a given name needs the state written as an
                        // abbreviation ("N.M.", "Minn.") or ending the sentence: in
                        // "Republicans, Texas Democrats", "mentioned Saddam, Iraq, or ..." and
                        // "through Nice, Cannes & ..." the comma separates a list.
                        && (!relaxed
                            || self.t(c.last - 1).ends_with('.')
                            || c.last >= n
                            || matches!(self.t(c.last), "." | "!" | "?"))
                })
                && (!given || k == i + 1 && after_lower)
                && (!common || after_lower);
            // "Leninakan, Armenia's second-largest city": a name in apposition with a place
            // noun of a known place's possessive is a town of that place.
            let poss_place = self.t(k) == ","
                && out.iter().any(|c| {
                    c.first == k + 1 && c.kind == EntityType::Place && {
                        let after = if self.ends_possessive(c.last - 1) {
                            c.last
                        } else if self.possessive_token(c.last) {
                            c.last + 1
                        } else {
                            return false;
                        };
                        (after..after + 3).any(|x| self.lex.place_nouns.contains(self.t(x)))
                    }
                });
            // "the Rancho Nuevo area", "the southern Chiapas State", "the Development
            // Agreement": English sets no article before a person's name (a title or a given
            // name, which decide above, aside), so a run after "the", or after "the" and one
            // lower-case word, is not a person by its length alone.
            let lower_word = |x: usize| {
                self.toks[x].kind == TokenKind::Word
                    && self.t(x).chars().next().is_some_and(char::is_lowercase)
            };
            let the = |x: usize| {
                self.lex
                    .definite_articles
                    .has(self.lang, &self.t(x).lower_case())
            };
            let after_the = i >= 1 && (the(i - 1) || i >= 2 && lower_word(i - 1) && the(i - 2));
            // "for Occhetto (leader of the Democratic Party)": a lone name before a role in
            // parentheses is the role's holder.
            let paren_role = k == i + 1
                && self.t(k) == "("
                && (self.is_role_word(k + 1)
                    || self.lex.determiners.contains(&self.t(k + 1).lower_case())
                        && self.is_role_word(k + 2));
            // A lone name next to a verb of saying.
            let speech =
                k == i + 1 && (self.lex.speech.contains(&prev) || self.lex.speech.contains(&next));
            let all_caps = words.iter().all(|w| caps(w));
            // Capitals with common words in them are shouting too ("HEY DUDE").
            let shouted = all_caps
                && (shouting
                    || words
                        .iter()
                        .any(|w| self.lex.words_en.contains(&w.lower_case())));
            let kind = if shouted {
                None
            } else if geo {
                Some(EntityType::Place)
            } else if demonym {
                None
            } else if employer || words.len() >= 2 && all_caps {
                // ... and a run of all-caps words is a publication or agency
                // ("MOSKOVSKIY KOMSOMOLETS").
                Some(EntityType::Organization)
            } else if appositive {
                Some(EntityType::Person)
            } else if words
                .iter()
                .any(|w| self.lex.org_heads.contains(*w) || self.lex.legal_forms.contains(*w))
            {
                Some(EntityType::Organization)
            } else if words.len() >= 2
                && self.lex.demonyms.contains_key(&words[0].lower_case())
                && !self.lex.place_heads.contains(last)
                && self.lex.employer_prepositions.has(self.lang, &prev)
            {
                // "at American Express", "at British Petroleum": after "at", where people
                // work, a nationality before a name that is no place head names a company,
                // not a place. After "in" it is a region or a currency ("in Pakistani
                // Balochistan", "in British Pounds"); elsewhere a people ("leader of Bosnian
                // Serbs").
                Some(EntityType::Organization)
            } else if self.lex.place_heads.contains(last)
                || self.lex.place_intros.has(self.lang, &prev)
                || in_region
                || poss_place
            {
                Some(EntityType::Place)
            } else if speech
                && self.abstract_noun(&name)
                && !self.lex.first_names.contains_key(&name)
            {
                // "Solidarity", "Federation": an abstract noun is no surname; saying something,
                // it names a movement or body ("Walesa said Solidarity wants ...").
                Some(EntityType::Organization)
            } else if (words.len() >= 2 && self.lex.first_names.contains_key(words[0]))
                || speech
                || paren_role
                || ((2..=3).contains(&words.len()) && !after_the)
            {
                Some(EntityType::Person)
            } else {
                None
            };
            if let Some(kind) = kind {
                self.push(
                    out,
                    taken,
                    (i, k + usize::from(geo), start, end),
                    kind,
                    name,
                    None,
                    Rule::EnglishCapitalised,
                );
            }
            i = k;
        }
        self.ordinal_units(taken, out);
    }

    /// "the 6th Fleet", "the 21st Kelmar Brigade": an ordinal right before an organisation
    /// named by its head is part of the unit's name (the unit is not the sixth of some "Fleet").
    /// Extends the organisations earlier passes found; a gazetteer's name keeps its extent.
    fn ordinal_units(&self, taken: &mut [bool], out: &mut [Candidate]) {
        for c in out.iter_mut() {
            let head = self.t(c.last - 1);
            if c.kind != EntityType::Organization
                || c.known.is_some()
                || c.first == 0
                || !self.ordinal(c.first - 1)
                || !self.lex.org_heads.contains(head)
            {
                continue;
            }
            c.first -= 1;
            taken[c.first] = true;
            c.start = self.toks[c.first].start;
            c.name = self.text[c.start..c.end].to_owned();
        }
    }

    /// Whether token `x` is an ordinal written in digits ("6th", "21st"; `ordinalsuffix` in
    /// grammar.tsv).
    fn ordinal(&self, x: usize) -> bool {
        let w = self.t(x);
        let digits = w.trim_end_matches(char::is_alphabetic);
        !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
            && (self.lex.ordinal_suffixes).has(self.lang, &w[digits.len()..].lower_case())
    }

    /// Whether token `x` is a possessive ending written apart ("Texas" "'s"; `genitive` in
    /// grammar.tsv).
    fn possessive_token(&self, x: usize) -> bool {
        self.lex.genitive_endings.has(self.lang, self.t(x))
    }

    /// "Winter, 53, a former law professor, …": English news gives a person's age between
    /// commas right after the name, so one capitalised word opening the sentence before ", 53,"
    /// is a person, even a dictionary word, which the run of names skips at the start.
    fn opening_age_apposition(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let age = self
            .t(2)
            .parse::<u8>()
            .is_ok_and(|a| (1..=120).contains(&a));
        let w = self.t(0);
        if taken.first() != Some(&false)
            || !self.is_cap(0)
            || self.t(1) != ","
            || !age
            || self.t(3) != ","
            || self.is_stop(w)
            || self.lex.months.contains_key(w)
            || self.lex.titles.contains(w)
            || self.lex.not_name.contains(w)
            || self.lex.demonyms.contains_key(&w.lower_case())
        {
            return;
        }
        let (start, end) = (self.toks[0].start, self.toks[0].end);
        self.push(
            out,
            taken,
            (0, 1, start, end),
            EntityType::Person,
            w.to_owned(),
            None,
            Rule::EnglishCapitalised,
        );
    }

    /// A word with the ending of an abstract noun ("Solidarity", "Liberation", "Movement";
    /// `abstractending` in grammar.tsv): endings that surnames do not have (a given name such
    /// as "Clement" is checked by the caller).
    fn abstract_noun(&self, word: &str) -> bool {
        let lower = word.lower_case();
        lower.chars().count() >= 7
            && self
                .lex
                .abstract_endings
                .of(self.lang)
                .any(|s| lower.ends_with(s))
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{candidates, expect, expect_not, find};
    use super::super::Rule;
    use crate::model::{EntityType::*, Lang::*};

    #[test]
    fn unknown_name_after_a_place_preposition() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "The deal was signed in Dellmoor.",
            En,
            "Dellmoor",
            Place,
            rule,
        );
        expect(
            "Reporters near Kelmore saw the fire.",
            En,
            "Kelmore",
            Place,
            rule,
        );
        expect("Officials at Brask saw the fire.", En, "Brask", Place, rule);
    }

    #[test]
    fn a_name_before_its_state_or_country_is_a_place() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "Temperatures ranged from 2 degrees at Dellmoor, Colo., to 89.",
            En,
            "Dellmoor",
            Place,
            rule,
        );
        expect(
            "Kelmore, Switzerland, Feb 2 (AFP) -- The wreck was found.",
            En,
            "Kelmore",
            Place,
            rule,
        );
        // A person's name, a possessive after the comma or a list is no place in a place.
        for text in [
            "Favourites: Brask, Boston, Chicago and Denver.",
            "Rates rose (Dellmoor, Richardson, Astra and BP).",
            "\"Brask, George\" wrote on Monday.",
        ] {
            assert_ne!(
                candidates(text, En)
                    .iter()
                    .find(|f| f.span == "Brask" || f.span == "Dellmoor")
                    .map(|f| f.kind),
                Some(Place),
                "{text}"
            );
        }
        assert_ne!(
            find("John Brask, Texas, said it.", En, "John Brask").kind,
            Place
        );
        assert_ne!(
            candidates("Brask, Texas's governor, said it.", En)
                .iter()
                .find(|f| f.span == "Brask")
                .map(|f| f.kind),
            Some(Place)
        );
    }

    #[test]
    fn a_given_name_or_common_word_before_a_state_mid_sentence_is_a_town() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "The composer is a native of Glen, Minn.",
            En,
            "Glen",
            Place,
            rule,
        );
        expect(
            "They vanished near their hometown of Fields, N.M. Ms. Brask left later.",
            En,
            "Fields",
            Place,
            rule,
        );
        // At the start of a sentence, or in a list before more names, the capital proves
        // nothing.
        for (text, word) in [
            (
                "Republicans, Texas Democrats and others met.",
                "Republicans",
            ),
            ("Glen, Texas is where he lives, said Brask.", "Glen"),
            ("Brask mentioned Glen, Iraq, or the regime.", "Glen"),
            ("We drove through Fields, Cannes & other towns.", "Fields"),
        ] {
            expect_not(text, En, word, Place);
        }
    }

    #[test]
    fn a_nationality_before_a_name_after_at_is_a_company() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "Jane Brask, a manager at American Veltrix, said so.",
            En,
            "American Veltrix",
            Organization,
            rule,
        );
        // Elsewhere it may name a people or a region.
        for (text, span) in [
            ("He is a leader of Bosnian Kelmars.", "Bosnian Kelmars"),
            (
                "Rebels fought in Pakistani Kelmarstan.",
                "Pakistani Kelmarstan",
            ),
        ] {
            expect_not(text, En, span, Organization);
        }
    }

    #[test]
    fn an_abstract_noun_saying_something_is_an_organisation() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "Brask said Unification wants to avoid unrest.",
            En,
            "Unification",
            Organization,
            rule,
        );
        // A given name with such an ending stays a person.
        expect("Brask said Clement wants it.", En, "Clement", Person, rule);
    }

    #[test]
    fn a_run_after_the_is_not_a_person_by_its_length() {
        for (text, span) in [
            ("Clashes go on in the Rancho Velmo area.", "Rancho Velmo"),
            ("Troops entered the southern Kelmar State.", "Kelmar State"),
            (
                "Please sign the Veltrix Agreement today.",
                "Veltrix Agreement",
            ),
        ] {
            expect_not(text, En, span, Person);
        }
        // Without the article, two unknown capitalised words are a person's name.
        expect(
            "Yesterday Velmo Brask left.",
            En,
            "Velmo Brask",
            Person,
            Rule::EnglishCapitalised,
        );
    }

    #[test]
    fn a_title_before_a_verb_of_saying_is_no_name() {
        let text = "\"It was hard,\" said Mrs. Brask, 37, who works at the Pentagon.";
        expect(text, En, "Brask", Person, Rule::Title);
        assert!(
            candidates(text, En).iter().all(|f| f.span != "Mrs"),
            "{text}"
        );
    }

    #[test]
    fn name_between_determiner_and_role_is_the_employer() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "An Emery employee said so.",
            En,
            "Emery",
            Organization,
            rule,
        );
        expect(
            "He met another Veltrix spokesman on Monday.",
            En,
            "Veltrix",
            Organization,
            rule,
        );
    }

    #[test]
    fn link_words_join_a_run_and_an_opening_apposition_is_a_person() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "She joined Harwick & Stone last year.",
            En,
            "Harwick & Stone",
            Person,
            rule,
        );
        expect(
            "Tal, a senior Veltrix official, left.",
            En,
            "Tal",
            Person,
            rule,
        );
    }

    #[test]
    fn a_dictionary_word_opening_the_sentence_before_an_age_is_a_person() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "Summer, 53, a former law professor, left.",
            En,
            "Summer",
            Person,
            rule,
        );
        // Without the age between commas the word stays a word.
        for text in [
            "Summer, a season, ended.",
            "Summer, 53 percent of them said, is best.",
        ] {
            expect_not(text, En, "Summer", Person);
        }
    }

    #[test]
    fn a_name_before_a_places_possessive_and_a_place_noun_is_a_town() {
        expect(
            "The quake leveled much of Kelmarin, Armenia's second-largest city.",
            En,
            "Kelmarin",
            Place,
            Rule::EnglishCapitalised,
        );
        expect_not(
            "The quake hit Kelmarin, Armenia's president said.",
            En,
            "Kelmarin",
            Place,
        );
    }

    #[test]
    fn a_lone_name_before_a_role_in_parentheses_is_a_person() {
        expect(
            "Nobody votes for Velmaro (leader of the Kelmar Party).",
            En,
            "Velmaro",
            Person,
            Rule::EnglishCapitalised,
        );
        expect_not(
            "Nobody votes for Velmaro (the town).",
            En,
            "Velmaro",
            Person,
        );
    }

    #[test]
    fn a_natural_features_noun_ends_a_places_name() {
        let rule = Rule::EnglishCapitalised;
        expect(
            "Photographers flew over the Velmar desert in Africa.",
            En,
            "Velmar desert",
            Place,
            rule,
        );
        expect(
            "Rain runs from the Kelmo plateau to the west.",
            En,
            "Kelmo plateau",
            Place,
            rule,
        );
    }

    #[test]
    fn an_ordinal_before_a_units_name_is_part_of_it() {
        for (text, span) in [
            (
                "A battalion of the 12th Kelmar Brigade left.",
                "12th Kelmar Brigade",
            ),
            ("Ships of the 6th Fleet left.", "6th Fleet"),
        ] {
            assert_eq!(find(text, En, span).kind, Organization, "{text}");
        }
    }

    #[test]
    fn source_line_of_a_monitoring_report() {
        let text = "Paris Radio Velmont in Arabic 1700 GMT";
        let f = find(text, En, "Paris");
        assert_eq!((f.kind, f.rule), (Place, Rule::Gazetteer));
        expect(text, En, "Radio Velmont", Organization, Rule::SourceLine);
    }
}
