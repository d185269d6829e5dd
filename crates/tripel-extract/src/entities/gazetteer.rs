//! Names the gazetteer (`entities.tsv`, `places.tsv`) or the document's learned names know,
//! also inflected ("NVIDIAs", "der Deutschen Bank"), in capitals ("BANGKOK") or as the first
//! part of a compound ("NVIDIA-Chef").
//!
//! It decides when a one-word hit that is also a common word or a given name counts: "Essen"
//! needs a preposition, "Anna" before a surname opens a person, "Kennedy" after "John F." is
//! the man.

use super::{Asked, Candidate, GazetteerHit, KnownHit, Recognizer, Rule};
use crate::lexicon::KnownEntity;
use crate::model::{EntityType, Lang};
use crate::text::segment::TokenKind;
use crate::text::LowerCase;

impl<'a> Recognizer<'a> {
    /// Longest match of up to five tokens against the gazetteer, also inflected ("NVIDIAs",
    /// "der Deutschen Bank") and as the first part of a compound ("NVIDIA-Chef", "Instagram-Beitrag").
    pub(super) fn gazetteer(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if taken[i]
                || !self.toks[i].kind.eq(&TokenKind::Word)
                    && self.toks[i].kind != TokenKind::Number
                    && !self.is_cap(i)
            {
                i += 1;
                continue;
            }
            let mut matched = false;
            // The runs from token `i` that have a space share their first word, so whether a
            // name of several words may start with it is asked once per token (`may_be_known`,
            // inlined here: the gazetteer pass tries four runs of several words per token), the
            // first time a run needs it.
            let space = self.space_within(i, usize::MAX);
            let mut may_start: Option<bool> = None;
            for len in (1..=5.min(n - i)).rev() {
                if !self.free(taken, i, i + len) {
                    continue;
                }
                let start = self.toks[i].start;
                let end = self.toks[i + len - 1].end;
                let surface = &self.text[start..end];
                // A run with a space that no gazetteer name may be (`may_be_known`: the first
                // word, as its forms have it, starts no gazetteer name of several words, and
                // the rest is longer than a genitive ending) and whose first word starts no
                // name of the document with a space has no entry in `lookup_at`: the document's
                // names miss it as written and with a possessive ending (the ending has no
                // space, so the first word stays), and the gazetteer's part returns at once.
                // Most runs of several words end here, without hashing the run.
                if let Some(at) = space.filter(|&at| {
                    at < surface.len()
                        && surface.len() - at - 1 > self.lex.longest_genitive_ending()
                }) {
                    let may = *may_start.get_or_insert_with(|| {
                        let first = &surface[..at];
                        self.remember(Asked::KnownStart, i, || self.may_start_known(first))
                            || self.names.is_some_and(|names| names.may_start_name(first))
                    });
                    if !may {
                        continue;
                    }
                }
                // Lower-case names ("dpa", "adidas") only as listed, never inflected. A run
                // that no gazetteer name may be (`may_be_known`) is not listed either.
                let capital = surface
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
                // (Most words are in lower case and start no such name: `may_know_uncapitalised`
                // says so by their first two bytes, before any hashing.)
                if !(capital
                    || self.lex.may_know_uncapitalised(surface)
                        && self.may_be_known(surface, Some(i))
                        && self.lex.known.contains_key(surface))
                {
                    continue;
                }
                if let Some((known, name)) = self.lookup_at(surface, Some(i)) {
                    if len == 1 && !self.accept_single_known(i, &known, &name) {
                        continue;
                    }
                    let end = end - self.possessive_len(surface, &name);
                    // The noun of a junction or a district before a known place is part of the
                    // name: "Landkreis Rosenheim", "Kreuz Bonn" name a district and a junction,
                    // not the town (as the cue pass names them where the town is unknown:
                    // "Kreuz Weinheim"). A class noun is none ("die Stadt Köln", "Region
                    // Stuttgart": placeclass), nor is a site's (`placehead`, `stationhead`):
                    // "am Flughafen Hannover" names where the town's airport is, and the noun
                    // frames read the town as its place ("flughafen-struck"); the annotation
                    // would take the airport whole, the facts lost a right one.
                    let from = if known.kind == EntityType::Place && self.lang == Lang::De {
                        let prev = self.t(i.wrapping_sub(1));
                        if self.lex.place_heads.contains(prev)
                            || self.lex.station_heads.contains(prev)
                        {
                            i
                        } else {
                            self.junction_before(taken, i)
                        }
                    } else {
                        i
                    };
                    if from < i {
                        let start = self.toks[from].start;
                        self.push(
                            out,
                            taken,
                            (from, i + len, start, end),
                            EntityType::Place,
                            self.text[start..end].to_owned(),
                            None,
                            Rule::PlaceCue,
                        );
                        i += len;
                        matched = true;
                        break;
                    }
                    self.push(
                        out,
                        taken,
                        (i, i + len, start, end),
                        known.kind,
                        name,
                        Some(known.label.clone()),
                        Rule::Gazetteer,
                    );
                    i += len;
                    matched = true;
                    break;
                }
            }
            if matched {
                continue;
            }
            // Compound: the known name is the first part ("NVIDIA-Chef", "Instagram-Beitrag",
            // "Meta-Konzern"); the rest of the compound stays outside the mention.
            let w = self.t(i);
            if let Some(h) = self.has_hyphen(i).then(|| w.find('-')).flatten() {
                let part = &w[..h];
                if let Some((known, name)) = self.lookup(part) {
                    if known.kind == EntityType::Place
                        && (self.is_district(part, &w[h + 1..]) || self.is_site(part, &w[h + 1..]))
                    {
                        // With the junction's noun before it: "AS Ludwigsburg-Nord".
                        let from = self.junction_before(taken, i);
                        let (start, end) = (self.toks[from].start, self.toks[i].end);
                        self.push(
                            out,
                            taken,
                            (from, i + 1, start, end),
                            EntityType::Place,
                            self.text[start..end].to_owned(),
                            None,
                            Rule::PlaceHead,
                        );
                    } else if known.kind != EntityType::Place || !self.lex.is_noun_de(part) {
                        let start = self.toks[i].start;
                        self.push(
                            out,
                            taken,
                            (i, i + 1, start, start + h),
                            known.kind,
                            name,
                            Some(known.label.clone()),
                            Rule::GazetteerCompound,
                        );
                    }
                }
            }
            i += 1;
        }
    }

    /// Whether the German hyphen compound `place`-`rest` of a place of the gazetteer is a
    /// place as a whole, a district or a double name ("Köln-Klettenberg", "Stuttgart-Degerloch",
    /// "Mechernich-Kommern"): the rest is one capitalised word that is no common noun ("der
    /// Köln-Besuch"), no name of its own ("Hamburg-Hannover" is a route, "Kai-Hinrich" a given
    /// name), no English word ("Hit-Single") and no organisation word ("Europa-League"), and
    /// the place is no acronym ("der US-Süßwarengigant").
    fn is_district(&self, place: &str, rest: &str) -> bool {
        self.lang == Lang::De
            && place.chars().skip(1).any(char::is_lowercase)
            && rest.chars().count() >= 3
            && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().skip(1).all(char::is_lowercase)
            && !self.lex.is_noun_form_de(rest)
            && !self.lex.place_heads.contains(rest)
            && self.lookup(rest).is_none()
            && !self.lex.first_names.contains_key(rest)
            && !self.lex.words_en.contains(&rest.lower_case())
            && !super::org_cue_word(&rest.lower_case(), self.lang, self.lex)
            && !self.lex.org_heads.contains(rest)
    }

    /// Whether the German hyphen compound `place`-`rest` of a place of the gazetteer names a
    /// site in it by a site word (`placehead` in cues.tsv): "Kassel-Ost", "Stuttgart-Flughafen"
    /// name a junction or a district, the place with its site word, as "Leonberg-West" of a
    /// place no list holds does (`places::place_heads`, which the gazetteer pass comes
    /// before). On the SmartData training documents the annotation spans the whole word.
    fn is_site(&self, place: &str, rest: &str) -> bool {
        self.lang == Lang::De
            && place.chars().skip(1).any(char::is_lowercase)
            && self.lex.place_heads.contains(rest)
    }

    /// A gazetteer entry for `surface`, trying inflected forms. Returns the entry and the base name.
    ///
    /// The checks run in a fixed order, the first hit wins: the document's names as written,
    /// the gazetteer as written, in capitals, the names with a possessive ending, the gazetteer
    /// with a genitive ending or adjective inflection. The gazetteer's part does not depend on
    /// the names, so [`Self::gazetteer_lookup`] keeps it per sentence for both passes and this
    /// function puts the names' checks around it in the same order.
    pub(super) fn lookup(&self, surface: &str) -> Option<(KnownEntity, String)> {
        self.lookup_at(surface, None)
    }

    /// [`Self::lookup`] of a `surface` that begins with token `start`, if given, whose answer
    /// to whether a gazetteer name of several words may start there the sentence's memo keeps
    /// ([`super::Asked::KnownStart`]).
    fn lookup_at(&self, surface: &str, start: Option<usize>) -> Option<(KnownEntity, String)> {
        // Names this document (or batch) introduced win over the gazetteer: after "John F.
        // Kennedy", "Kennedy" is the man, not the town.
        if let Some(k) = self.names.and_then(|n| n.get(surface)) {
            return Some((self.sized(k, surface, start), surface.to_owned()));
        }
        let known = self.gazetteer_lookup(surface, start);
        if let Some((GazetteerHit::Exact, k, name)) = known {
            return Some((k, name));
        }
        if let Some(names) = self.names {
            // The surface as written missed the names above: only the possessive endings.
            for suffix in ["s", "'s", "’s"] {
                if let Some((b, k)) = surface
                    .strip_suffix(suffix)
                    .and_then(|b| Some((b, names.get(b)?)))
                {
                    return Some((self.sized(k, b, None), b.to_owned()));
                }
            }
        }
        known.map(|(_, k, name)| (k, name))
    }

    /// A place the document's names know (weight 1) that is also a common word (English), or a
    /// German noun form never written in lower case ("Asien", "Bremens"), with the size the
    /// gazetteer gives the same place under the same name: without it the second pass was
    /// stricter than the first about the same word, and a large place that is also a common
    /// word ("Japan", "Turkey", "Asien"), accepted alone in the first pass, needed a
    /// preposition in the second and was lost. Other places keep weight 1, which lets a town
    /// named like a given name open a person's name in the second pass ("Mary Dalton").
    fn sized(&self, k: &KnownEntity, surface: &str, start: Option<usize>) -> KnownEntity {
        let mut k = k.clone();
        let common = match self.lang {
            Lang::En => self.lex.words_en.contains(&surface.lower_case()),
            // A German word that is also written in lower case (the name model's case
            // evidence: "essen", "waren") stays ambiguous: the second pass undoes the first
            // pass's big city in "mit Essen".
            Lang::De => {
                self.lex.is_noun_form_de(surface)
                    && !super::learned::writes_lower(Lang::De, &surface.lower_case())
            }
        };
        if k.kind == EntityType::Place && common {
            if let Some((_, g, _)) = self.gazetteer_lookup(surface, start) {
                if g.kind == k.kind && g.label == k.label {
                    k.weight = k.weight.max(g.weight);
                }
            }
        }
        k
    }

    /// The gazetteer's part of [`Self::lookup`], remembered per sentence ([`super::SentenceMemo`]).
    pub(super) fn gazetteer_lookup(&self, surface: &str, start: Option<usize>) -> KnownHit {
        if !self.may_be_known(surface, start) {
            return None;
        }
        // A surface that is no slice of the text (none is, as called now) is not remembered.
        let Some(key) = self.text_key(surface) else {
            return self.gazetteer_lookup_uncached(surface);
        };
        if let Some(hit) = self.memo.known.borrow().get(&key) {
            return hit.clone();
        }
        let hit = self.gazetteer_lookup_uncached(surface);
        let mut memo = self.memo.known.borrow_mut();
        // A sentence asks for a few dozen surfaces: one allocation instead of growing by
        // doubling.
        if memo.capacity() == 0 {
            memo.reserve(64);
        }
        memo.insert(key, hit.clone());
        hit
    }

    /// Where `surface` is in the text, if it is a slice of it: its start and length in bytes
    /// as one number, the key of [`super::SentenceMemo`]'s gazetteer answers.
    fn text_key(&self, surface: &str) -> Option<u64> {
        let start = (surface.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        let len = surface.len();
        (start + len <= self.text.len() && start < 1 << 32 && len < 1 << 32)
            .then_some((start as u64) << 32 | len as u64)
    }

    /// False when none of the forms that [`Self::gazetteer_lookup_uncached`] tries can be in
    /// the gazetteer, because `surface` has a space and no name of the gazetteer with a space
    /// starts with its first word as any of the forms has it: as written, in title case (a
    /// surface in capitals) or with the adjective ending undone. A genitive ending removed
    /// from a surface whose rest after the first space is longer than the ending leaves the
    /// first word and the space. The first word of every run with a space from token `start`
    /// is the same, so the answer about it is kept per token ([`super::Asked::KnownStart`]);
    /// the gazetteer pass's loop asks the same once per token before it calls
    /// [`Self::lookup_at`], and most runs it tries end there.
    fn may_be_known(&self, surface: &str, start: Option<usize>) -> bool {
        // From a token, the memo knows where the first space after it is.
        let space = match start {
            Some(i) => self.space_within(i, surface.len()),
            None => surface.find(' '),
        };
        debug_assert_eq!(space, surface.find(' '), "{surface:?} from token {start:?}");
        let Some((first, rest)) = space.map(|at| (&surface[..at], &surface[at + 1..])) else {
            return true;
        };
        if rest.len() <= self.lex.longest_genitive_ending() {
            return true;
        }
        match start {
            Some(i) => self.remember(Asked::KnownStart, i, || self.may_start_known(first)),
            None => self.may_start_known(first),
        }
    }

    /// The part of [`Self::may_be_known`] about the first word of a run of several words.
    fn may_start_known(&self, first: &str) -> bool {
        if self.lex.starts_known_name(first) {
            return true;
        }
        if self
            .inflected(first)
            .is_some_and(|(b, e)| self.lex.starts_known_name(&format!("{b}{e}")))
        {
            return true;
        }
        !first.chars().any(char::is_lowercase) && self.lex.starts_known_name(&title_word(first))
    }

    /// The stem of a weakly inflected adjective inside a name and the ending of the form the
    /// gazetteer lists ("Deutschen" → "Deutsch", "e"; `weakadj` and `weakadjstem` in
    /// grammar.tsv), if `w` is one.
    pub(super) fn inflected<'w>(&self, w: &'w str) -> Option<(&'w str, &'a str)> {
        if w.len() <= 4 {
            return None;
        }
        self.lex.weak_adjective.of(self.lang).find_map(|pair| {
            let (weak, base) = pair.split_once(' ')?;
            let stem = w.strip_suffix(weak)?;
            (self.lex.weak_adjective_stems.of(self.lang))
                .any(|st| stem.ends_with(st))
                .then_some((stem, base))
        })
    }

    fn gazetteer_lookup_uncached(&self, surface: &str) -> KnownHit {
        let known = &self.lex.known;
        if let Some(k) = known.get(surface) {
            return Some((GazetteerHit::Exact, k.clone(), surface.to_owned()));
        }
        // Datelines and headlines in capitals: "BANGKOK", "DÜSSELDORF", "EAST LANSING".
        // (The cheaper test first: most surfaces have a lower-case letter early on.)
        if surface.chars().all(|c| !c.is_lowercase()) && surface.chars().count() >= 4 {
            let title = surface
                .split(' ')
                .map(title_word)
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(k) = known.get(&title).filter(|k| k.kind == EntityType::Place) {
                return Some((GazetteerHit::Exact, k.clone(), title));
            }
        }
        // Genitive / possessive: "NVIDIAs", "Metas", "Siemens'" (German), "Apple's" (English).
        let genitive = (self.lex.genitive_endings.all().map(|s| (s, true))).chain(
            self.lex
                .genitive_endings_not_place
                .all()
                .map(|s| (s, false)),
        );
        for (suffix, places_too) in genitive {
            if let Some(base) = surface.strip_suffix(suffix) {
                if let Some(k) = known
                    .get(base)
                    .filter(|k| places_too || k.kind != EntityType::Place)
                {
                    return Some((GazetteerHit::Inflected, k.clone(), base.to_owned()));
                }
            }
        }
        // Weak adjective inflection inside multi-word names: "der Deutschen Bank", "Vereinten Nationen".
        // Without an inflected word the form is the surface itself, which missed above.
        // (A byte search for the space: `contains(' ')` sets up a character searcher.)
        if surface.as_bytes().contains(&b' ')
            && surface.split(' ').any(|w| self.inflected(w).is_some())
        {
            let mut fixed = String::with_capacity(surface.len());
            for (k, w) in surface.split(' ').enumerate() {
                if k > 0 {
                    fixed.push(' ');
                }
                match self.inflected(w) {
                    Some((b, e)) => {
                        fixed.push_str(b);
                        fixed.push_str(e);
                    }
                    None => fixed.push_str(w),
                }
            }
            if let Some(k) = known.get(&fixed) {
                return Some((GazetteerHit::Inflected, k.clone(), fixed));
            }
        }
        None
    }

    /// A one-word gazetteer hit that is also a common word ("Essen", "Bayer", "Post", "Total"),
    /// or in German a small town named like a given name ("David"), needs context: a place
    /// needs a preposition, an organisation must not be a common noun used as one (lower-case
    /// elsewhere is no help in German, so the noun list decides).
    fn accept_single_known(&self, i: usize, known: &KnownEntity, base: &str) -> bool {
        let w = self.t(i);
        let all_caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if known.is_small_place() && self.inside_person_name(i) {
            return false; // "Lee Harvey Oswald", "President Kennedy"
        }
        // English: a title names a person whatever town the word also names ("President
        // Kennedy": GeoNames lists a Bogotá locality of a million people; "Queen Elizabeth").
        // (German keeps the bar of small places: "Präsident" and "Minister" also precede the
        // country they serve in headlines.)
        if known.kind == EntityType::Place && self.lang == Lang::En && self.title_before(i) {
            return false;
        }
        // A place has no wife and no assassin: "Kennedy's assassin" is the man, whom the
        // learned recognizer may name.
        if known.kind == EntityType::Place && self.owns_personal_noun(i) {
            return false;
        }
        // An article or possessive is never a place, whatever preposition comes before it
        // ("über Ihren Punktestand"), nor is a German word written in lower case with the
        // clitic "'s" of "es" ("Ob's", "Wie's"; the name model's case evidence): GeoNames
        // lists towns and rivers of such names.
        if known.kind == EntityType::Place
            && (self.lex.determiners.contains(self.lower(i))
                || self.lang == Lang::De
                    && base != w
                    && w.contains('\'')
                    && (self.is_stop(base)
                        || super::learned::writes_lower(self.lang, &base.lower_case())))
        {
            return false;
        }
        // An organisation noun before it says what it is: "der Saatgutkonzern Monsanto".
        if known.kind == EntityType::Place && i > 0 && self.is_org_cue(i - 1) {
            return false;
        }
        // A small town named like a frequent given name, before a capitalised word, opens a
        // person's name ("Anna Berg"), unless a preposition asks for a place ("in Anna").
        if known.is_small_place()
            && self.lex.first_names.get(w).is_some_and(|f| *f >= 5)
            && self.is_cap(i + 1)
            && !self
                .lex
                .place_preps
                .contains(&self.t(i.wrapping_sub(1)).lower_case())
        {
            return false;
        }
        // Given name and initial before it: a surname, however big the place ("John F. Kennedy").
        if known.kind == EntityType::Place
            && i >= 3
            && self.split_initial(i - 2)
            && self.lex.first_names.contains_key(self.t(i - 3))
        {
            return false;
        }
        // A small town named like a given name, before an initial and a surname, is the given
        // name ("Vernon J. Pike"); not before a second letter ("Washington D. C.").
        if known.is_small_place()
            && self.lex.first_names.contains_key(w)
            && self.split_initial(i + 1)
            && self.t(i + 3).chars().count() > 1
        {
            return false;
        }
        // English: a word of a longer all-caps name is no place by itself ("MOSKOVSKIY
        // KOMSOMOLETS", "WEST BRANCH").
        let caps_word = |x: usize| {
            self.toks.get(x).is_some_and(|t| t.kind == TokenKind::Word)
                && self.t(x).chars().filter(|c| c.is_alphabetic()).count() >= 2
                && self.t(x).chars().all(|c| !c.is_lowercase())
        };
        if self.lang == Lang::En
            && all_caps
            && known.kind == EntityType::Place
            && (caps_word(i + 1) || i > 0 && caps_word(i - 1))
        {
            return false;
        }
        if all_caps || w.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
        let common = match self.lang {
            // "Waren" (goods), an inflected noun the list holds only as "Ware"; "Man", "Ob".
            // A small town named like a given name ("David", "Marin") is as ambiguous as a
            // common word: a person's name is the likelier reading without a preposition.
            Lang::De => {
                self.is_noun_form(w)
                    || self.is_stop(w)
                    || self.lex.function_words.has(Lang::De, &w.lower_case())
                    || known.is_small_place() && self.lex.first_names.contains_key(w)
            }
            Lang::En => self.lex.words_en.contains(&w.lower_case()) || self.is_stop(w),
        };
        if !common {
            return true;
        }
        let prev = self.t(i.wrapping_sub(1)).lower_case();
        if known.is_small_place() && self.inside_person_name(i) {
            return false;
        }
        // A place named like a common noun is that noun where a month is meant ("im Mai") or
        // a number follows it as a hall's or a gate's does ("in Halle 6").
        if known.kind == EntityType::Place
            && (known.is_small_place() && self.lex.months.contains_key(w)
                || self.toks.get(i + 1).is_some_and(|t| {
                    t.kind == TokenKind::Number
                        && self.t(i + 1).len() <= 3
                        && self.t(i + 1).chars().all(|c| c.is_ascii_digit())
                }))
        {
            return false;
        }
        match known.kind {
            EntityType::Place => {
                self.lex.place_preps.contains(&prev)
                    || known.weight >= 500_000
                    || self.lex.place_nouns.contains(self.t(i.wrapping_sub(1)))
                    || self.is_postcode(i.wrapping_sub(1))
            }
            EntityType::Organization => {
                self.lex.org_nouns.contains(&prev) || known.is_org_without_cue()
            }
            // A possessive before what it owns: "Zucks ikonische Lederjacke".
            _ if base != w => {
                let next = self.t(i + 1);
                next.chars().next().is_some_and(char::is_lowercase) && !self.is_stop(next)
                    || self.is_cap(i + 1) && self.lex.is_noun_de(next)
            }
            _ => false,
        }
    }
}

/// A word of a name in capitals in title case: its first character as written, the rest in
/// lower case ("BANGKOK" → "Bangkok").
fn title_word(w: &str) -> String {
    let mut cs = w.chars();
    cs.next()
        .into_iter()
        .chain(cs.flat_map(char::to_lowercase))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{expect, expect_none, find};
    use super::super::Rule;
    use crate::model::{EntityType::*, Lang::*};

    #[test]
    fn german_genitive_keeps_the_base_name() {
        let f = find("Der Gewinn NVIDIAs steigt.", De, "NVIDIAs");
        assert_eq!(
            (f.name.as_str(), f.kind, f.rule),
            ("NVIDIA", Organization, Rule::Gazetteer)
        );
    }

    #[test]
    fn english_possessive_stays_outside_the_mention() {
        let f = find("Apple's profit rose.", En, "Apple");
        assert_eq!(
            (f.name.as_str(), f.kind, f.rule),
            ("Apple", Organization, Rule::Gazetteer)
        );
    }

    #[test]
    fn an_article_or_a_clitic_is_no_place() {
        // GeoNames has places named like the polite possessive and like "ob".
        for (text, word) in [
            (
                "Wenn Sie bei Ihrer Anmeldung eine Adresse angeben, können Sie sich über \
                 Ihren Punktestand informieren.",
                "Ihr",
            ),
            ("Ob's nicht auch eine Nummer kleiner gegangen wäre?", "Ob"),
        ] {
            let all = super::super::testing::candidates(text, De);
            assert!(
                all.iter().all(|f| !f.span.contains(word)),
                "{text}: {all:?}"
            );
        }
    }

    #[test]
    fn a_news_agency_with_its_service_is_one_name() {
        // The agency's financial service is a name of its own, not "dpa" before a word.
        expect(
            "Frankfurt (dpa-AFX) - Die Aktie stieg.",
            De,
            "dpa-AFX",
            Organization,
            Rule::Gazetteer,
        );
    }

    #[test]
    fn a_place_and_a_district_name_are_one_place() {
        expect(
            "Der Unfall geschah in Köln-Waldbrück am Morgen.",
            De,
            "Köln-Waldbrück",
            Place,
            Rule::PlaceHead,
        );
        // A common noun after the place, or a second place (a route), is no district.
        let text = "Nach dem Köln-Besuch fuhr der Zug Hamburg-Hannover weiter.";
        expect(text, De, "Köln", Place, Rule::GazetteerCompound);
        expect(text, De, "Hamburg", Place, Rule::GazetteerCompound);
    }

    /// The candidates of the second recognition pass over a German `text`, with the names the
    /// first pass learned.
    fn second_pass(text: &str) -> Vec<crate::entities::Candidate> {
        use crate::entities::{recognize, NameMap};
        let lex = super::super::testing::lexicon();
        let sents = crate::text::segment::sentences(text, lex);
        let mut names = NameMap::default();
        for s in &sents {
            let v = crate::text::numbers::scan(text, &s.tokens, De, lex);
            names.learn(&recognize(text, s, De, lex, &v, None), lex);
        }
        sents
            .iter()
            .flat_map(|s| {
                let v = crate::text::numbers::scan(text, &s.tokens, De, lex);
                recognize(text, s, De, lex, &v, Some(&names))
            })
            .collect()
    }

    #[test]
    fn the_second_pass_keeps_a_big_place_that_looks_like_a_noun_form() {
        // "Asien" is also a form of the noun "Asi"; the first pass takes it for its size, and
        // so must the second, where the document's names know it.
        let text = "Asien ist groß.";
        let second: Vec<_> = second_pass(text)
            .into_iter()
            .map(|c| (text[c.start..c.end].to_owned(), c.kind))
            .collect();
        assert_eq!(second, vec![("Asien".to_owned(), Place)]);
    }

    #[test]
    fn known_name_as_first_part_of_a_compound() {
        let text = "Die Siemens-Tochter wächst.";
        expect(text, De, "Siemens", Organization, Rule::GazetteerCompound);
    }

    #[test]
    fn a_place_that_is_a_common_noun_needs_a_preposition() {
        expect(
            "Die Messe in Halle beginnt.",
            De,
            "Halle",
            Place,
            Rule::Gazetteer,
        );
        expect_none("Die Halle ist voll.", De, "Halle");
    }

    #[test]
    fn a_small_town_named_like_a_given_name_needs_a_preposition() {
        // GeoNames lists a town "Marin" (26,000 inhabitants); alone it is no place.
        let all =
            super::super::testing::candidates("Gestern sprach Marin lange mit dem Trainer.", De);
        assert!(all.iter().all(|f| f.kind != Place), "{all:?}");
        expect(
            "Die Fabrik liegt in Marin.",
            De,
            "Marin",
            Place,
            Rule::Gazetteer,
        );
    }

    #[test]
    fn the_second_pass_finds_a_name_of_several_words_the_gazetteer_lacks() {
        // "Holzwerk Pellets" starts no gazetteer name; the document's names know it from the
        // legal form: the runs from "Holzwerk" are still asked.
        let text = "Die Holzwerk Pellets GmbH baut. Holzwerk Pellets wächst.";
        assert!(!super::super::testing::lexicon().starts_known_name("Holzwerk"));
        let second: Vec<_> = second_pass(text)
            .into_iter()
            .filter(|c| c.rule == Rule::Gazetteer)
            .map(|c| (text[c.start..c.end].to_owned(), c.name, c.kind))
            .collect();
        assert_eq!(
            second,
            vec![(
                "Holzwerk Pellets".to_owned(),
                "Holzwerk Pellets".to_owned(),
                Organization
            )]
        );
    }

    #[test]
    fn a_known_place_after_a_district_or_junction_noun_includes_it() {
        expect(
            "Die Polizei im Landkreis Rosenheim meldet einen Unfall.",
            De,
            "Landkreis Rosenheim",
            Place,
            Rule::PlaceCue,
        );
        expect(
            "Auf der A3 staut es sich am Kreuz Würzburg.",
            De,
            "Kreuz Würzburg",
            Place,
            Rule::PlaceCue,
        );
        // A class noun or a site's noun is no part of it: the town is named.
        for text in [
            "In der Region Stuttgart regnet es.",
            "Der Flughafen Stuttgart wird bestreikt.",
            "Die Stadt Stuttgart baut.",
        ] {
            expect(text, De, "Stuttgart", Place, Rule::Gazetteer);
        }
    }

    #[test]
    fn a_small_town_named_like_a_given_name_before_an_initial_is_the_given_name() {
        let text = "Vernon J. Pike met the press.";
        assert_eq!(find(text, En, "Vernon J. Pike").kind, Person);
    }

    #[test]
    fn well_known_companies_whose_words_are_common_or_places() {
        // "Kabel" is a common noun and "Deutschland" a place, "Land" a place noun: only the
        // gazetteer knows these companies.
        let text = "Kabel Deutschland gehört zu Vodafone.";
        assert_eq!(find(text, De, "Kabel Deutschland").kind, Organization);
        assert_eq!(find(text, De, "Vodafone").kind, Organization);
        let text = "Jaguar Land Rover drosselt die Produktion.";
        assert_eq!(find(text, De, "Jaguar Land Rover").kind, Organization);
        let f = find(
            "General Electric's chairman resigned.",
            En,
            "General Electric",
        );
        assert_eq!((f.kind, f.rule), (Organization, Rule::Gazetteer));
    }
}
