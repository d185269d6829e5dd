//! Places from their context: site words after a name ("Berchtesgaden Hbf", "Leonberg-West"),
//! German demonym adjectives ("japanische" → Japan) and city adjectives ("Kölner" → Köln).
//!
//! It decides which site words make a railway station and which stems name a country; the
//! place context test ("in X", "die Stadt X") serves the product pass too.

use super::{Candidate, Recognizer, Rule};
use crate::model::{EntityType, Lang};
use crate::text::segment::TokenKind;

impl Recognizer<'_> {
    /// The city whose adjective `w` is ("Berliner", "Münchner", "Bremer": `cityadjending`,
    /// and the city's ending dropped, its last letter perhaps kept: `cityending`), a city of
    /// the gazetteer with at least 20,000 inhabitants.
    pub(super) fn city_of_adjective(&self, w: &str) -> Option<&crate::lexicon::KnownEntity> {
        let city = |b: &str| {
            self.lex
                .known
                .get(b)
                .filter(|k| k.kind == EntityType::Place && k.weight >= 20_000)
        };
        let dropped = |b: &str| {
            self.lex.city_endings.of(self.lang).find_map(|e| {
                let kept = e.chars().last().and_then(|c| b.strip_suffix(c));
                city(&format!("{b}{e}")).or_else(|| kept.and_then(|k| city(&format!("{k}{e}"))))
            })
        };
        (self.lex.city_adjective_endings.of(self.lang))
            .find_map(|e| w.strip_suffix(e))
            .and_then(|b| city(b).or_else(|| dropped(b)))
    }

    /// Whether a place preposition or place noun precedes token `i` ("in X", "die Stadt X").
    pub(super) fn is_place_context(&self, i: usize) -> bool {
        self.lex.place_preps.contains(self.lower(i.wrapping_sub(1)))
            || self.lex.place_nouns.contains(self.t(i.wrapping_sub(1)))
    }

    /// Whether token `i` is a postcode: five digits, or four that are no year of the last two
    /// centuries ("24103 Kiel", "1010 Wien"; not "2016 Kiel"). A town after it is a place, also
    /// one named like a common noun ("Kiel", the keel).
    pub(super) fn is_postcode(&self, i: usize) -> bool {
        let w = self.t(i);
        let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
            && (4..=5).contains(&w.len())
            && w.chars().all(|c| c.is_ascii_digit())
            && !year
    }

    /// "Siemens-Platz 1", "Theodor-Heuss-Allee 25": a hyphenated street name before its house
    /// number is one place, a street, before any rule takes its first part for a name (a known
    /// company's "Siemens" in it is no company: no fact of an address block may name it).
    pub(super) fn hyphenated_streets(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len().saturating_sub(1) {
            if taken[i] || !self.t(i).contains('-') || !self.is_cap(i) {
                continue;
            }
            let lower = self.lower(i);
            let street = self.lex.street_words.all().any(|w| lower.ends_with(w));
            let number = self.toks[i + 1].kind == TokenKind::Number
                && self.t(i + 1).len() <= 4
                && !self.toks[i + 1].newline_before;
            if street && number {
                self.push_token(out, taken, i, EntityType::Place, Rule::PlaceHead);
            }
        }
    }

    /// "zwischen Wiesloch/Rauenberg und Kreuz Walldorf", "Kreuz Bochum/Witten",
    /// "Frankfurt/Main": German names of two places joined by a slash without spaces are one
    /// place where the text names a junction or a town by them: after a junction's noun
    /// (`placenoun` that is no `placeclass`: "Kreuz", "Anschlussstelle", "Flughafen", which
    /// the name includes as in "Kreuz Weinheim"), as an end of a stretch of road ("zwischen
    /// A/B und C", "zwischen C und A/B"), or with a river that tells same-named towns apart
    /// (`placeriver`: "Frankfurt/Main", which names the town the gazetteer knows as
    /// "Frankfurt"). Elsewhere the slash lists places ("DÜSSELDORF/FRANKFURT (dpa-AFX)" in a
    /// dateline, "Frankfurt/Düsseldorf"), and a third part makes a list anyway. On the
    /// SmartData training documents traffic reports annotate such junctions as one place
    /// (47 times, against 31 lists of two places, nearly all datelines).
    pub(super) fn slash_places(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        if self.lang != Lang::De {
            return;
        }
        let n = self.toks.len();
        for i in 0..n.saturating_sub(2) {
            // With spaces around the slash only a river ("Halle / Saale"): spaces set off
            // the items of a list ("Böblingen / Sindelfingen").
            let spaced = self.toks.get(i + 1).is_some_and(|t| t.space_before)
                || self.toks.get(i + 2).is_some_and(|t| t.space_before);
            if taken[i..i + 3].iter().any(|&t| t)
                || self.t(i + 1) != "/"
                || spaced && !self.lex.place_rivers.contains(self.t(i + 2))
                || !self.is_cap(i)
                || !self.is_cap(i + 2)
                || self.t(i + 3) == "/"
                || i > 0 && self.t(i - 1) == "/"
            {
                continue;
            }
            // A road's number after the slash is no place ("Walldürn/B47").
            let river = self.lex.place_rivers.contains(self.t(i + 2));
            let second = !self.t(i + 2).chars().any(|c| c.is_ascii_digit())
                && (river
                    || self.place_word(i + 2)
                    || self.is_name_word(i + 2) && self.lookup(self.t(i + 2)).is_none());
            if !self.place_word(i) || !second {
                continue;
            }
            let from = self.junction_before(taken, i);
            let junction = from < i;
            // "zwischen X/Y und …", "zwischen … und X/Y": the words of a range
            // (`between`, `and` in quantities.tsv).
            let between = |k: usize| self.lex.is_range_word("between", self.lower(k));
            let stretch = i > 0
                && (between(i - 1) || self.lex.is_range_word("and", self.lower(i - 1)))
                && (1..=8).any(|k| i >= k && between(i - k));
            if !(river || junction || stretch) {
                continue;
            }
            let (start, end) = (self.toks[from].start, self.toks[i + 2].end);
            // The town with its river is the town; a junction is a place of its own.
            let known = if river && !junction {
                self.lookup(self.t(i)).map(|(k, _)| k.label)
            } else {
                None
            };
            self.push(
                out,
                taken,
                (from, i + 3, start, end),
                EntityType::Place,
                self.text[start..end].to_owned(),
                known,
                Rule::PlaceCue,
            );
        }
        self.river_towns(taken, out);
    }

    /// "Kehl am Rhein", "Wesel an der Weser": a town of the gazetteer with "am" or "an der"
    /// and a river (`placeriver`) is one place, the town, as with a slash ("Frankfurt/Main");
    /// the gazetteer lists some towns so ("Frankfurt am Main"), GeoNames others by their short
    /// name alone ("Kehl"). Run with the slash names, before the gazetteer takes the town.
    fn river_towns(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        for i in 0..n.saturating_sub(2) {
            let link = match (self.t(i + 1), self.t(i + 2)) {
                ("am", _) => 1,
                ("an", "der") => 2,
                _ => continue,
            };
            let river = i + 1 + link;
            if river >= n
                || taken[i..=river].iter().any(|&t| t)
                || !self.is_cap(i)
                || !self.lex.place_rivers.contains(self.t(river))
                || self.has_hyphen(river)
            {
                continue;
            }
            let Some((k, _)) = self.lookup(self.t(i)) else {
                continue;
            };
            if k.kind != EntityType::Place {
                continue;
            }
            let (start, end) = (self.toks[i].start, self.toks[river].end);
            // Where the gazetteer lists the whole name, it names it ("Frankfurt am Main").
            if self.lex.known.contains_key(&self.text[start..end]) {
                continue;
            }
            self.push(
                out,
                taken,
                (i, river + 1, start, end),
                EntityType::Place,
                self.text[start..end].to_owned(),
                Some(k.label),
                Rule::PlaceCue,
            );
        }
    }

    /// Where the name of a junction or site that begins at token `i` starts: at the junction's
    /// noun before it, which is part of its name ("Kreuz Bochum/Witten", "AS Ludwigsburg-Nord":
    /// a `placenoun` that is no `placeclass`), if no rule took it; else at `i`.
    pub(super) fn junction_before(&self, taken: &[bool], i: usize) -> usize {
        let prev = self.t(i.wrapping_sub(1));
        if i > 0
            && !taken[i - 1]
            && self.lex.place_nouns.contains(prev)
            && !self.lex.place_classes.contains(prev)
        {
            i - 1
        } else {
            i
        }
    }

    /// Whether token `i` is a place of the gazetteer or a hyphen compound that starts with one
    /// ("Hamm-Bockum", "Laupheim-Nord").
    fn place_word(&self, i: usize) -> bool {
        let place = |w: &str| {
            self.lookup(w)
                .is_some_and(|(k, _)| k.kind == EntityType::Place)
        };
        let w = self.t(i);
        place(w) || w.split_once('-').is_some_and(|(a, _)| place(a))
    }

    /// "in Graben (Bayern)", "in Bad Hersfeld (Hessen) und Graben (Bayern)": a capitalised word
    /// right before a large known place in parentheses is a town in that region, also one named
    /// like a common noun, when a place preposition or place noun comes before it or it goes on
    /// a list whose item before also ends in such parentheses. Elsewhere the parentheses say
    /// other things ("Müller (Bayern)" names a player's club).
    pub(super) fn towns_with_their_region(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        for i in 1..n.saturating_sub(3) {
            if taken[i]
                || self.t(i + 1) != "("
                || self.t(i + 3) != ")"
                || !self.is_cap(i)
                || self.is_stop_at(i)
            {
                continue;
            }
            // A state, country or region (which places.tsv lists without a population) or a
            // large town.
            let region = self.lex.known.get(self.t(i + 2)).is_some_and(|k| {
                k.kind == EntityType::Place
                    && (self.lex.regions.contains(&k.label) || !k.is_small_place())
            });
            let listed = i >= 2
                && self.t(i - 2) == ")"
                && self.lex.list_separators.contains(self.lower(i - 1));
            if !region || !(self.is_place_context(i) || listed) {
                continue;
            }
            self.push_token(out, taken, i, EntityType::Place, Rule::PlaceCue);
            // The region is a place too, also one the gazetteer holds back elsewhere (a state
            // named like a noun form, "Bayern").
            if !taken[i + 2] {
                self.push_token(out, taken, i + 2, EntityType::Place, Rule::PlaceCue);
            }
        }
    }

    /// "Berchtesgaden Hbf", "Leonberg-West", "Dreieck Hannover-Süd": a place name with a site
    /// word.
    pub(super) fn place_heads(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len() {
            if taken[i] {
                continue;
            }
            // "Leonberg-West"
            if let Some((a, b)) = self.split_last_hyphen(i) {
                if self.lex.place_heads.contains(b)
                    && a.chars().next().is_some_and(char::is_uppercase)
                    && !self.lex.is_noun_de(a)
                {
                    self.push_token(out, taken, i, EntityType::Place, Rule::PlaceHead);
                    continue;
                }
            }
            // "Berchtesgaden Hbf", "Grafing Bahnhof" (the word lists asked only after a
            // capitalised word)
            if i + 1 >= self.toks.len() || taken[i + 1] || !self.is_cap(i) {
                continue;
            }
            let station = self.lex.station_heads.contains(self.t(i + 1));
            if (station || self.lex.place_heads.contains(self.t(i + 1)))
                && self.is_name_word(i)
                && !self.is_stop_at(i)
            {
                let (start, end) = (self.toks[i].start, self.toks[i + 1].end);
                self.push(
                    out,
                    taken,
                    (i, i + 2, start, end),
                    if station {
                        EntityType::TrainStation
                    } else {
                        EntityType::Place
                    },
                    self.text[start..end].to_owned(),
                    None,
                    Rule::PlaceHead,
                );
            }
        }
    }

    /// "japanische", "griechischen", "deutsche": demonym adjectives name a country (German lower case).
    ///
    /// A mention record only where the learned recognizer reads a name on the word, of any type
    /// and score (`Candidate::record`); facts can name the place either way. The two gold
    /// standards disagree on these words: SmartData annotates most demonyms and city
    /// adjectives as places, GermEval marks them as derived (`LOCderiv`, no place). The model
    /// learned from both, and where it reads no name on one the context is mostly one the
    /// annotators left alone: on the SmartData training documents 26 of the 99 demonyms and
    /// city adjectives it is silent on are annotated; on the GermEval held-out fifth none of
    /// 20, on SmartData dev 10 of 12 (docs/evaluation.md, "Session 13").
    pub(super) fn demonyms(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        // English news writes "Spanish", "American" as adjectives of things, and readers do
        // not look for a country there; German corpora annotate "griechische" as the place.
        if self.lang == Lang::En {
            return;
        }
        for i in 0..self.toks.len() {
            if taken[i] || self.toks[i].kind != TokenKind::Word {
                continue;
            }
            let w = self.t(i);
            let lower = self.lower(i);
            // Each stem is a start of the word: most words start like no demonym.
            let stem = self
                .lex
                .may_start_demonym(lower)
                .then(|| {
                    self.lex
                        .adjective_endings
                        .of(self.lang)
                        .find_map(|s| {
                            lower
                                .strip_suffix(s)
                                .filter(|b| self.lex.demonyms.contains_key(*b))
                        })
                        .or_else(|| self.lex.demonyms.contains_key(lower).then_some(lower))
                })
                .flatten();
            // German demonyms are lower-case adjectives; English ones are capitalised ("German").
            let ok_case = match self.lang {
                Lang::De => true,
                Lang::En => self.is_cap(i),
            };
            // "Berliner", "Münchener", "Kölner": adjectives of cities (`cityadjending`); a
            // city's ending may drop, its last letter perhaps kept (`cityending`: "Bremer",
            // "Dresdner", "Münchner" are Bremen's, Dresden's, München's).
            // An article or possessive ("Ihrer", "Ihren") is never one, nor a place's own
            // name ("Bayern" is no adjective of the town Bay).
            if stem.is_none()
                && self.is_cap(i)
                && !self.is_stop_at(i)
                && !self.lex.determiners.contains(lower)
                && self
                    .lex
                    .known
                    .get(w)
                    .is_none_or(|k| k.kind != EntityType::Place)
            {
                let found = self.city_of_adjective(w);
                // The adjective's uninflected form (`cityadjform`, "Kölner") stands before its
                // noun ("Kölner Händler") or is an inhabitant after an article ("die Kölner");
                // otherwise it is a surname that only looks like one ("Huber sagte": Hub). An
                // inflected form is an inhabitant ("den Bremern", "eines Frankfurters").
                let attributive = self.is_cap(i + 1)
                    || i > 0 && self.lex.determiners.contains(self.lower(i - 1))
                    || !self
                        .lex
                        .city_adjective_forms
                        .of(self.lang)
                        .any(|f| w.ends_with(f));
                if let (Some(place), true) = (found, attributive) {
                    let label = place.label.clone();
                    let k = self.push(
                        out,
                        taken,
                        (i, i + 1, self.toks[i].start, self.toks[i].end),
                        EntityType::Place,
                        label.clone(),
                        Some(label),
                        Rule::CityAdjective,
                    );
                    out[k].record = self.read_as_name(i);
                    continue;
                }
            }
            if let (Some(stem), true) = (stem, ok_case) {
                let place = self.lex.demonyms[stem].clone();
                let k = self.push(
                    out,
                    taken,
                    (i, i + 1, self.toks[i].start, self.toks[i].end),
                    EntityType::Place,
                    place.clone(),
                    Some(place),
                    Rule::Demonym,
                );
                out[k].record = self.read_as_name(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{expect, expect_none, expect_not, find};
    use super::super::Rule;
    use crate::model::{EntityType::*, Lang::*};

    #[test]
    fn two_places_joined_by_a_slash_name_a_junction_or_a_town_by_its_river() {
        // Ends of a stretch of road and a junction with its noun (`placenoun`).
        let text = "Auf der A6 zwischen Wiesloch/Rauenberg und Kreuz Bochum/Witten 3 km Stau.";
        expect(text, De, "Wiesloch/Rauenberg", Place, Rule::PlaceCue);
        expect(text, De, "Kreuz Bochum/Witten", Place, Rule::PlaceCue);
        // A town with its river (`placeriver`) is the town the gazetteer knows.
        let f = find(
            "Frankfurt/Main (dpa) - Die Börse schloss fester.",
            De,
            "Frankfurt/Main",
        );
        assert_eq!((f.kind, f.rule), (Place, Rule::PlaceCue));
        // A dateline lists two places, and a road's number is no place.
        let text = "Düsseldorf/Frankfurt (dpa) - Die Flugbegleiter streiken.";
        expect(text, De, "Düsseldorf", Place, Rule::Gazetteer);
        expect(text, De, "Frankfurt", Place, Rule::Gazetteer);
        expect_not(
            "Stau zwischen Walldürn/B47 und Buchen.",
            De,
            "Walldürn/B47",
            Place,
        );
    }

    #[test]
    fn a_known_place_with_a_site_word_is_one_place() {
        // "Kassel-Ost" is the junction, not Kassel; with the junction's noun before it.
        let text = "Zwischen Kassel-Ost und AS Ludwigsburg-Nord stockender Verkehr.";
        expect(text, De, "Kassel-Ost", Place, Rule::PlaceHead);
        expect(text, De, "AS Ludwigsburg-Nord", Place, Rule::PlaceHead);
        // A common noun after the place stays outside: "Kassel" is the place of the visit.
        expect(
            "Der Kassel-Besuch des Ministers.",
            De,
            "Kassel",
            Place,
            Rule::GazetteerCompound,
        );
    }

    #[test]
    fn german_demonym_names_its_country() {
        let f = find(
            "Die griechische Regierung verhandelt mit den Gläubigern.",
            De,
            "griechische",
        );
        assert_eq!(
            (f.name.as_str(), f.kind, f.rule),
            ("Griechenland", Place, Rule::Demonym)
        );
        let f = find(
            "Der japanische Autobauer Toyota verkauft mehr Autos.",
            De,
            "japanische",
        );
        assert_eq!((f.name.as_str(), f.rule), ("Japan", Rule::Demonym));
    }

    #[test]
    fn a_demonym_is_a_mention_record_where_the_model_reads_a_name_on_it() {
        // The name model reads no name on these (GermEval leaves such words unannotated, and
        // the model learned where SmartData does too): a place for facts, no mention record.
        for (text, word) in [
            ("Die griechischen Inseln locken.", "griechischen"),
            ("Die japanische Regierung senkt die Steuern.", "japanische"),
        ] {
            let c = super::super::testing::candidates_full(text, De);
            let c = c
                .iter()
                .find(|c| &text[c.start..c.end] == word)
                .expect("a place");
            assert!(!c.record, "{text}");
        }
        let c = super::super::testing::candidates_full(
            "Die griechische Regierung verhandelt mit den Gläubigern.",
            De,
        );
        assert!(c.iter().all(|c| c.record), "{c:?}");
    }

    #[test]
    fn english_demonyms_are_no_places() {
        expect_none("The Japanese government cut taxes.", En, "Japanese");
    }

    #[test]
    fn city_adjective() {
        let f = find("Die Firma liefert an Kölner Händler.", De, "Kölner");
        assert_eq!(
            (f.name.as_str(), f.kind, f.rule),
            ("Köln", Place, Rule::CityAdjective)
        );
    }

    #[test]
    fn a_city_adjective_stands_before_a_noun_or_after_an_article() {
        // "Hofer" looks like the adjective of Hof; before a verb it is a surname.
        expect_not(
            "Hofer agierte bislang vor allem in Bayern.",
            De,
            "Hofer",
            Place,
        );
        let text = "Die Kölner Händler klagen, und die Kölner auch.";
        let all = super::super::testing::candidates(text, De);
        assert_eq!(
            all.iter()
                .filter(|f| f.span == "Kölner" && f.rule == Rule::CityAdjective)
                .count(),
            2,
            "{all:?}"
        );
    }

    #[test]
    fn a_places_own_name_is_no_city_adjective() {
        // "Bayern" ends like a city adjective of the town "Bay"; at the start of a sentence
        // no rule takes it (the name model does, in the pipeline).
        expect_none("Bayern: Die Regierung plant mehr.", De, "Bayern");
    }

    #[test]
    fn a_town_before_its_region_in_parentheses() {
        let text = "Gestreikt wurde in Kelmsdorf (Hessen) und Graben (Bayern).";
        expect(text, De, "Graben", Place, Rule::PlaceCue);
        expect(text, De, "Kelmsdorf", Place, Rule::PlaceCue);
        expect(text, De, "Bayern", Place, Rule::PlaceCue);
        expect_none(
            "Das Tor schoss Graben (Bayern) in der Nachspielzeit.",
            De,
            "Graben",
        );
    }

    #[test]
    fn a_town_after_its_postcode() {
        // "Kiel" is also the keel: a postcode before it asks for the town, a year does not.
        expect(
            "Die Elbwerft AG, Hafenstraße 12, 24103 Kiel, meldet Gewinn.",
            De,
            "Kiel",
            Place,
            Rule::Gazetteer,
        );
        expect_none("Seit 2016 Kiel und Ruder neu sind, segelt es.", De, "Kiel");
    }

    #[test]
    fn a_hyphenated_street_before_its_number() {
        let text = "Die Elbwerft AG, Siemens-Platz 1, 24103 Kiel, meldet Gewinn.";
        expect(text, De, "Siemens-Platz", Place, Rule::PlaceHead);
        expect_not(text, De, "Siemens", Organization);
    }

    #[test]
    fn site_words_after_a_place_name() {
        expect(
            "Der Zug hält in Waldbrück Hbf.",
            De,
            "Waldbrück Hbf",
            TrainStation,
            Rule::PlaceHead,
        );
        expect(
            "Der Bahnhof Obermoosach-Nord schließt.",
            De,
            "Obermoosach-Nord",
            Place,
            Rule::PlaceHead,
        );
    }

    #[test]
    fn a_town_with_its_river_is_one_place() {
        // With "am" / "an der" (the gazetteer knows the town alone) and with a spaced slash.
        for (text, span) in [
            ("Die Firma sitzt in Kehl am Rhein.", "Kehl am Rhein"),
            (
                "Das Werk liegt in Wesel an der Weser.",
                "Wesel an der Weser",
            ),
            ("Er studierte in Halle / Saale.", "Halle / Saale"),
        ] {
            expect(text, De, span, Place, Rule::PlaceCue);
        }
        // A spaced slash between two towns lists them; the gazetteer's own name stays its.
        expect_none(
            "Stau zwischen Böblingen / Sindelfingen.",
            De,
            "Böblingen / Sindelfingen",
        );
        expect(
            "Er wohnt in Frankfurt am Main.",
            De,
            "Frankfurt am Main",
            Place,
            Rule::Gazetteer,
        );
    }
}
