//! Organisations from their own words: legal forms ("Brenner Logistik GmbH"), organisation
//! heads and what extends them ("Institut für …", "Universität Kiel"), hyphen compounds
//! ("Max-Planck-Gesellschaft"), names coordinated with one ("Daimler und Chrysler"), and names
//! introduced by a cue word: "der Chiphersteller X" (organisation), "die Stadt X", "in X"
//! (place).
//!
//! It decides which capitalised words before a legal form or head belong to the name, where a
//! name with a link word ends, and that an organisation's name drops its leading article. The
//! cue pass runs twice: organisation cues before the person pass, place cues after it.

use super::{Candidate, Recognizer, Rule};
use crate::lexicon::{KnownEntity, Lexicon};
use crate::model::{EntityType, Lang};
use crate::text::segment::TokenKind;
use crate::text::LowerCase;

impl Recognizer<'_> {
    /// "Seerene GmbH", "Deutsche Presse-Agentur GmbH", "Jaguar Land Rover Ltd.", "Deutsche Bank".
    pub(super) fn legal_forms(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 1..self.toks.len() {
            let (legal_end, head) = self.legal_form_or_head(i);
            let legal = legal_end.is_some();
            if !(legal || head) || taken[i] {
                continue;
            }
            // Walk left over name words; for legal forms also over nouns ("Presse-Agentur GmbH").
            // A German text's head that is no German noun is a foreign business word
            // ("Semiconductor", "Newswires", "Properties"): the name before it is foreign too,
            // so its last word may look like a German noun ("Anker Semiconductor") or start
            // the sentence ("Anker Semiconductor meldet …"); words further left must not.
            let foreign_head = !legal && self.lang == Lang::De && !self.lex.is_noun_de(self.t(i));
            // German writes a noun before a noun as one word: a capitalised common noun standing
            // alone before a head such as "Bank" or "Versicherung" is the name ("die Merkur
            // Bank", "Hanse Versicherung"), unless it says what kind of organisation or post
            // follows. Only the last word: further left, a noun ends the name as before.
            // Not when a name follows the head, which then says what kind of organisation the
            // name is ("der Hamburger Reederei Nordstern"), nor after a city's adjective ("die
            // Kieler Werft" is a shipyard in Kiel).
            let noun_head = !legal
                && self.lang == Lang::De
                && self.lex.org_noun_heads.contains(self.t(i))
                && !(i + 1 < self.toks.len()
                    && self.is_cap(i + 1)
                    && !self.lex.is_noun_de(self.t(i + 1)))
                && self.city_of_adjective(self.t(i - 1)).is_none();
            // English: a capitalised common word that opens the sentence opens a name before a
            // company word ("Quill Media acquired …", "Nordic Paper agreed …"); a function word
            // does not ("Our Media …"), nor a head alone ("Media reports say …").
            let english_pair = !legal && self.lang == Lang::En;
            let mut a = i;
            while a > 0 && !taken[a - 1] && i - (a - 1) <= 4 {
                let j = a - 1;
                let ok = self.is_cap(j)
                    && !self.is_stop_at(j)
                    && !self.lex.function_words.has(self.lang, self.lower(j))
                    && !self.ends_possessive(j)
                    && (legal
                        || self.lang == Lang::En
                        || !self.lex.is_noun_de(self.t(j))
                        || self.is_adjective_like(j)
                        || (foreign_head || noun_head) && j + 1 == i && !self.is_org_cue(j))
                    && !(j == 0
                        && self.is_common(j)
                        && !legal
                        && !((foreign_head || english_pair) && j + 1 == i)
                        // A sentence's first word before a German head only if it is a noun:
                        // "Merkur Bank senkt …", not "Französische Bank kündigt …".
                        && !(noun_head
                            && j + 1 == i
                            && self.lex.is_noun_de(self.t(j))
                            && !self.is_adjective_like(j)))
                    || (legal
                        && matches!(self.t(j), "&" | "und")
                        && a < i
                        && self.is_cap(j.saturating_sub(1)));
                // "die Alphabet-Tochter Nordlicht GmbH": a hyphen compound with a common word as
                // its head, not right before the legal form, describes the company rather than
                // naming it ("Presse-Agentur GmbH" stays one name).
                // English: "the Boston-based Harbor Corp.".
                // A closed compound headed by a kind of company describes it too ("der
                // Flugzeugbauer Nordlicht GmbH"), where the part before is a common noun.
                let maker = |w: &str| {
                    let lower = w.lower_case();
                    let kinds = self.lex.maker_nouns.of(self.lang);
                    kinds
                        .chain(self.lex.reference_nouns.of(self.lang))
                        .any(|m| {
                            lower.strip_suffix(m).is_some_and(|first| {
                                first.chars().count() >= 3
                                    && w.get(..first.len())
                                        .is_some_and(|f| self.lex.is_noun_or_compound_de(f))
                            })
                        })
                };
                // "den Konkurrenten Nordlicht GmbH": a noun that says how a company relates to
                // another (`relnoun`), inflected (`orgnounending`, `feminine`) or heading a
                // compound, describes it too.
                let relation = |w: &str| {
                    let lower = w.lower_case();
                    self.lex.relation_nouns.of(self.lang).any(|m| {
                        lower.find(m).is_some_and(|at| {
                            let ending = &lower[at + m.len()..];
                            (at == 0 || at >= 3)
                                && (ending.is_empty()
                                    || self.lex.org_noun_endings.has(self.lang, ending)
                                    || self.lex.feminine_endings.has(self.lang, ending))
                        })
                    })
                };
                let describes = j + 1 < i
                    && (self
                        .t(j)
                        .rsplit_once('-')
                        .is_some_and(|(_, head)| match self.lang {
                            Lang::De => self.lex.is_noun_de(head),
                            Lang::En => head.starts_with(|c: char| c.is_lowercase()),
                        })
                        || (self.lang == Lang::De && (maker(self.t(j)) || relation(self.t(j))))
                        // "Ralph Brand, Vorstandsvorsitzender Zurich Gruppe Deutschland", "CEO
                        // Hansen Gruppe": a role names the person's post, not the company.
                        || self.is_role_word(j));
                // An abbreviation's period inside the name ("Keller Bros. Entertainment GmbH",
                // which the sentence splitter keeps whole since "Bros" is an abbreviation): the
                // walk goes on from the abbreviation.
                let abbreviation = legal
                    && j >= 1
                    && self.t(j) == "."
                    && self.toks[j].start == self.toks[j - 1].end
                    && self.is_cap(j - 1)
                    && !taken[j - 1]
                    && self.t(j - 1).chars().count() >= 2
                    && self.lex.abbreviations.contains(self.t(j - 1))
                    // A title before the name is none of it ("Laut Dr. Müller GmbH").
                    && !self.lex.titles.contains(format!("{}.", self.t(j - 1)).as_str())
                    && !self.lex.titles.contains(self.t(j - 1));
                if abbreviation {
                    a = j - 1;
                    continue;
                }
                if !ok || describes {
                    break;
                }
                a = j;
            }
            // "X und Y GmbH" joins "X" to the name; where the word before "und" is taken (a name
            // of its own: "die Töchter Nordlicht GmbH und Wagner AG"), the name is "Wagner AG",
            // not "und Wagner AG": no name begins with a conjunction.
            while a < i && (self.t(a) == "&" || self.joins_a_list(a)) {
                a += 1;
            }
            // A place of the gazetteer of several words that ends in an organisation word
            // ("Soviet Union") is the place: the gazetteer pass names it. One word alone is no
            // such place: "Union" (a town) heads "Union of Serb Writers".
            if !legal
                && a < i
                && self
                    .lex
                    .known
                    .get(&self.text[self.toks[a].start..self.toks[i].end])
                    .is_some_and(|k| k.kind == EntityType::Place)
            {
                continue;
            }
            let mut b = legal_end.unwrap_or(i + 1);
            if !legal {
                b = self.org_head_extension(taken, b);
                // Only where the head has a name before it: a head alone ("Entertainment" in
                // "Warner Bros. Entertainment Inc.") leaves the name to the legal form's walk.
                if b == i + 1 && a < i {
                    b = self.legal_form_after_head(taken, b);
                }
                // German clubs carry an ordinal: "1. FC Köln".
                if a == i
                    && b > i + 1
                    && a >= 2
                    && self.t(a - 1) == "."
                    && !taken[a - 2]
                    && self.toks[a - 2].kind == TokenKind::Number
                    && self.t(a - 2).len() <= 2
                    && self.toks[a - 2].end == self.toks[a - 1].start
                {
                    a -= 2;
                }
            }
            if a == i && b == i + 1 {
                continue;
            }
            // "GmbH & Co. KG"
            while b + 1 < self.toks.len() && self.t(b) == "&" && self.t(b + 1) == "Co." {
                b += 2;
                if self.lex.legal_forms.contains(self.t(b)) {
                    b += 1;
                }
            }
            let start = self.toks[a].start;
            let end = self.toks[b - 1].end - self.possessive_bytes(b - 1);
            let name = normalize_org(&self.text[start..end], self.lex);
            let known = self.lex.known.get(&name).map(|k| k.label.clone());
            self.push(
                out,
                taken,
                (a, b, start, end),
                EntityType::Organization,
                name,
                known,
                if legal {
                    Rule::LegalForm
                } else {
                    Rule::OrgHead
                },
            );
        }
    }

    /// The end of a legal form right after a head's name or after one or two unknown names
    /// that follow it ("Nordlicht Bank plc", "VR Bank Hessenland eG"); `b` if there is none.
    /// The head's walk to the left stays as it is: a legal form's walk takes nouns too
    /// ("Presseinformation Nordlicht Holding GmbH"), the head's does not.
    fn legal_form_after_head(&self, taken: &[bool], b: usize) -> usize {
        let n = self.toks.len();
        let mut k = b;
        while k < n
            && k - b < 2
            && !taken[k]
            && self.legal_form_end(k).is_none()
            && self.is_name_word(k)
        {
            k += 1;
        }
        match self.legal_form_end(k) {
            Some(end) if k < n && !taken[k] => end,
            _ => b,
        }
    }

    /// Where a name that ends in an organisation word goes on: "Institut für Krisenforschung",
    /// "Bundesministerium für Wirtschaft und Energie", "Universität Kiel", each optionally
    /// followed by a legal form ("Gesellschaft für Krisenmanagement e.V."). Returns the token
    /// after the name; `b` if it does not go on.
    fn org_head_extension(&self, taken: &[bool], b: usize) -> usize {
        let n = self.toks.len();
        let free_cap = |k: usize| k < n && !taken[k] && self.is_cap(k) && !self.is_stop_at(k);
        let mut end = b;
        if b < n && self.lex.org_links.contains(self.t(b)) && free_cap(b + 1) {
            // "für" + nouns, joined by "und": "für Wirtschaft und Energie"; "of"/"on" + up to
            // four names, not past a possessive: "American University of Beirut", "Foundation
            // on Economic Trends".
            end = b + 2;
            while end < n
                && end - b <= 4
                && free_cap(end)
                && !self.lex.months.contains_key(self.t(end))
                && !self.ends_possessive(end - 1)
            {
                end += 1;
            }
            while end + 1 < n
                && self.lex.list_separators.contains(self.t(end))
                && self.t(end) != ","
                && free_cap(end + 1)
            {
                end += 2;
            }
        } else if b >= 1
            && b < n
            && self.lex.org_openers.contains(self.t(b - 1))
            && free_cap(b)
            && self.is_name_word(b)
        {
            // "Stadtwerke Kiel", "Sparkasse Vorderland", "Volksbank Lindenau Nord": a head that
            // opens its name takes a place or up to two unknown names after it.
            end = b + 1;
            if free_cap(end) && self.is_name_word(end) {
                end += 1;
            }
        } else if free_cap(b)
            && self
                .lex
                .known
                .get(self.t(b))
                .is_some_and(|k| k.kind == EntityType::Place)
        {
            end = b + 1; // "Universität Kiel", "Klinikum Stuttgart"
                         // A club's home may be named twice: "FC Bayern München".
            if free_cap(end)
                && self
                    .lex
                    .known
                    .get(self.t(end))
                    .is_some_and(|k| k.kind == EntityType::Place)
            {
                end += 1;
            }
        }
        if end > b {
            end = self.legal_form_end(end).unwrap_or(end);
        }
        end
    }

    /// [`Self::legal_form_end`] of token `i` and whether it is an organisation head, from the
    /// sentence's memo (the pass asks every token, in both passes).
    fn legal_form_or_head(&self, i: usize) -> (Option<usize>, bool) {
        let Some(cell) = self.memo.legal.get(i) else {
            return (None, false);
        };
        let mut m = cell.get();
        if m & super::LEGAL_ASKED == 0 {
            // Bit 1: an organisation head; bits 2-3: the legal form's length in tokens.
            let len = self.legal_form_end(i).map_or(0, |end| end - i) as u8;
            // An English company word ends a name in English text only (`orgheaden`).
            let head = self.lex.org_heads.contains(self.t(i))
                && !(self.lang == Lang::De && self.lex.org_heads_en.contains(self.t(i)));
            m = super::LEGAL_ASKED | u8::from(head) << 1 | len << 2;
            cell.set(m);
        }
        let len = usize::from(m >> 2);
        ((len > 0).then_some(i + len), m & 2 != 0)
    }

    /// If a legal form starts at token `k`, the token after it: "GmbH", also abbreviations
    /// whose period is a token of its own ("e.V" "." → "e.V.", "Inc" "." → "Inc.").
    fn legal_form_end(&self, k: usize) -> Option<usize> {
        let n = self.toks.len();
        if k >= n {
            return None;
        }
        let w = self.t(k);
        let dotted = k + 1 < n
            && self.t(k + 1) == "."
            && self.toks[k].end == self.toks[k + 1].start
            && self.lex.is_legal_form_before_period(w);
        // Only long words can be a legal form with a head of four letters before it.
        let compound = w.len() >= 16 && {
            let lower = w.lower_case();
            self.lex.legal_suffixes.iter().any(|suffix| {
                lower
                    .strip_suffix(suffix.as_str())
                    .is_some_and(|head| head.chars().count() >= 4)
            })
        };
        if dotted {
            Some(k + 2)
        } else {
            // "Rechtsanwaltsaktiengesellschaft" is an AG.
            (self.lex.legal_forms.contains(w) || compound).then_some(k + 1)
        }
    }

    /// Whether token `k` is a conjunction that joins the items of a list ("und", "sowie",
    /// "and": `listsep` in cues.tsv, without the comma).
    pub(super) fn joins_a_list(&self, k: usize) -> bool {
        self.t(k) != "," && self.lex.list_separators.contains(self.lower(k))
    }

    /// An unknown name joined to an organisation by "und"/"and" is one too: "die Fusion von
    /// Daimler und Chrysler", "KMW und Nexter". Commas are not enough ("Siemens, Kaeser sagte").
    pub(super) fn coordinated_orgs(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let is_and = |k: usize| k < n && self.joins_a_list(k);
        let free_name = |k: usize, taken: &[bool]| {
            k < n
                && !taken[k]
                && self.is_name_word(k)
                && !self.lex.first_names.contains_key(self.t(k))
                && !self.lex.titles.contains(self.t(k))
                && self.known_kind(self.t(k)).is_none()
        };
        let orgs: Vec<(usize, usize)> = out
            .iter()
            .filter(|c| c.kind == EntityType::Organization)
            .map(|c| (c.first, c.last))
            .collect();
        for (first, last) in orgs {
            // Forward: "Daimler und Chrysler".
            if is_and(last) && free_name(last + 1, taken) {
                let a = last + 1;
                let mut b = a + 1;
                while b < n && free_name(b, taken) && b - a < 3 {
                    b += 1;
                }
                let (s, e) = (self.toks[a].start, self.toks[b - 1].end);
                let name = normalize_org(&self.text[s..e], self.lex);
                self.push(
                    out,
                    taken,
                    (a, b, s, e),
                    EntityType::Organization,
                    name,
                    None,
                    Rule::OrgCoordinated,
                );
            }
            // Backward: "Chrysler und Daimler" (one word: a longer run may start a clause).
            if first >= 2 && is_and(first - 1) && free_name(first - 2, taken) {
                let a = first - 2;
                let (s, e) = (self.toks[a].start, self.toks[a].end);
                self.push(
                    out,
                    taken,
                    (a, a + 1, s, e),
                    EntityType::Organization,
                    normalize_org(&self.text[s..e], self.lex),
                    None,
                    Rule::OrgCoordinated,
                );
            }
        }
    }

    /// An organisation's regional unit is one name with the region: "Aldi Nord", "Telefónica
    /// Deutschland", "T-Mobile US", "Amazon Europa". After an organisation's name (of any rule
    /// but a handle or a source line), a direction word (`orgregion` in grammar.tsv) or a
    /// country or continent the gazetteer knows (a `places.tsv` row that is no town and has a
    /// population: states and regions have none) joins it, and the place the gazetteer made of
    /// the word goes. The rules ran out of evidence here: the organisation's name ended where
    /// the gazetteer's place began, and the model reads the whole only where it learned the
    /// pattern ("Siemens Deutschland", 0.9; a company the model hardly knows with "Deutschland", 0.44).
    ///
    /// A country after a name is also an object after a subject in the middle of a German
    /// clause ("dass Uber Deutschland verlässt", "will Amazon Europa erobern"): so it joins only
    /// where the organisation cannot be such a subject, at the sentence's start or after
    /// punctuation, a determiner, a preposition (`nameopen`) or an organisation noun ("die
    /// Telekom-Tochter T-Mobile US"). Not after "und": "Apple und Google Europa erobern". A
    /// direction word is never such an object ("Aldi Süd").
    ///
    /// Also a capitalised demonym the demonym pass made a place right before an organisation's
    /// name belongs to the name ("Deutsche Wohnen und Vonovia"): German writes the adjective
    /// of a country in lower case, unless it is part of a name.
    pub(super) fn regional_units(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let mut gone = vec![false; out.len()];
        for i in 0..out.len() {
            let c = &out[i];
            if gone[i]
                || c.kind != EntityType::Organization
                || matches!(c.rule, Rule::Handle | Rule::SourceLine)
                // A hashtag is a topic, not a company's name ("#FRAISL Frankreich").
                || self.text[c.start..].starts_with(['#', '@'])
                || c.start != self.toks[c.first].start
                || c.end != self.toks[c.last - 1].end
            {
                continue;
            }
            let (first, last) = (c.first, c.last);
            // A place on exactly the tokens `a..b`, or no candidate there at all.
            let place_or_free = |a: usize, b: usize, gone: &[bool]| -> Option<Option<usize>> {
                let on: Vec<usize> = (0..out.len())
                    .filter(|&k| !gone[k] && out[k].first < b && a < out[k].last)
                    .collect();
                match on.as_slice() {
                    [] => Some(None),
                    [k] if out[*k].kind == EntityType::Place
                        && (out[*k].first, out[*k].last) == (a, b) =>
                    {
                        Some(Some(*k))
                    }
                    _ => None,
                }
            };
            // Left: a capitalised demonym ("Deutsche", "Deutschen").
            if first >= 1
                && self.adjacent(first)
                && self.capitalised_adjective(first - 1)
                && (out.iter().enumerate()).any(|(k, d)| {
                    !gone[k]
                        && d.rule == Rule::Demonym
                        && (d.first, d.last) == (first - 1, first)
                        && d.start == self.toks[first - 1].start
                        && d.end == self.toks[first - 1].end
                })
            {
                if let Some(Some(k)) = place_or_free(first - 1, first, &gone) {
                    gone[k] = true;
                    let start = self.toks[first - 1].start;
                    let word = self.t(first - 1);
                    let base = match self.inflected(word) {
                        Some((stem, ending)) => format!("{stem}{ending}"),
                        None => word.to_owned(),
                    };
                    let c = &mut out[i];
                    c.name = format!("{base}{}", &self.text[self.toks[first - 1].end..c.end]);
                    c.first = first - 1;
                    c.start = start;
                    c.known = None;
                    taken[first - 1] = true;
                    continue;
                }
            }
            // Right: a direction word, a country or a continent.
            if last >= n || !self.adjacent(last) {
                continue;
            }
            let Some(end) = self.region_of_unit(first, last) else {
                continue;
            };
            // Not a possessive ("made Apple China's biggest …").
            if end < n && self.adjacent(end) && self.t(end).starts_with(['\'', '’']) {
                continue;
            }
            let Some(place) = place_or_free(last, end, &gone) else {
                continue;
            };
            if let Some(k) = place {
                gone[k] = true;
            }
            // A legal form after the region is the unit's ("Geo24 UK Limited"): the legal-form
            // pass stopped at the known place.
            let end = match place_or_free(end, end + 1, &gone) {
                Some(None)
                    if end < n
                        && self.adjacent(end)
                        && self.lex.legal_forms.contains(self.t(end)) =>
                {
                    end + 1
                }
                _ => end,
            };
            for t in taken.iter_mut().take(end).skip(last) {
                *t = true;
            }
            let c = &mut out[i];
            c.last = end;
            c.end = self.toks[end - 1].end;
            c.name = format!("{} {}", c.name, &self.text[self.toks[last].start..c.end]);
            c.known = None;
            c.rule = Rule::OrgRegion;
        }
        if gone.iter().any(|&g| g) {
            super::remove_candidates(out, &gone);
        }
    }

    /// Where the region of an organisation's unit that starts at token `last` ends, if one does
    /// there after the organisation's name on tokens `first..last` (`regional_units`): a
    /// direction word, or a country or continent of one or two words after a name that opens a
    /// noun phrase.
    pub(super) fn region_of_unit(&self, first: usize, last: usize) -> Option<usize> {
        let n = self.toks.len();
        if last >= n || !self.adjacent(last) {
            return None;
        }
        if self.lex.org_regions.has_any(self.t(last)) {
            return Some(last + 1);
        }
        let country = |a: usize, b: usize| {
            let surface = &self.text[self.toks[a].start..self.toks[b - 1].end];
            self.lex.known.get(surface).is_some_and(|k| {
                k.kind == EntityType::Place && k.weight > 0 && self.lex.regions.contains(&k.label)
            })
        };
        // "North America": two words the gazetteer knows as one.
        let end = if country(last, last + 1) {
            last + 1
        } else if last + 2 <= n && self.adjacent(last + 1) && country(last, last + 2) {
            last + 2
        } else {
            return None;
        };
        self.opens_name(first).then_some(end)
    }

    /// Whether token `i` is a capitalised adjective of a country with the ending German
    /// inflects ("Deutsche", "Sächsischen": a stem in `weakadjstem` and an `adjending`), so
    /// that its capital says it is part of a name; not a word always written so ("Schweizer",
    /// "Berliner": "der Schweizer Konzern").
    pub(super) fn capitalised_adjective(&self, i: usize) -> bool {
        self.lang == Lang::De
            && self.is_cap(i)
            && self.lex.adjective_endings.of(self.lang).any(|e| {
                self.lower(i).strip_suffix(e).is_some_and(|stem| {
                    self.lex.demonyms.contains_key(stem)
                        && self
                            .lex
                            .weak_adjective_stems
                            .of(self.lang)
                            .any(|st| stem.ends_with(st))
                })
            })
    }

    /// Whether token `i` follows a single space or nothing on the same line (the words of one
    /// name).
    fn adjacent(&self, i: usize) -> bool {
        i > 0
            && !self.toks[i].newline_before
            && &self.text[self.toks[i - 1].end..self.toks[i].start] == " "
    }

    /// Whether a name starting at token `i` starts a noun phrase there, so that it is no subject
    /// in the middle of a German clause (`regional_units`): at the sentence's start, or after
    /// punctuation but a list's comma, a determiner, a preposition (`nameopen` in grammar.tsv),
    /// an organisation noun or a hyphen compound of a common noun ("die Telekom-Tochter …").
    fn opens_name(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let p = i - 1;
        let lower = self.lower(p);
        if self.toks[p].kind == TokenKind::Punct {
            return self.t(p) != ",";
        }
        self.lex.determiners.contains(lower)
            || self.lex.name_openers.has(self.lang, lower)
            || self.is_org_cue(p)
            || self.is_role_word(p)
            || self.lang == Lang::De
                && self
                    .t(p)
                    .rsplit_once('-')
                    .is_some_and(|(_, head)| self.is_noun_form(head))
    }

    /// "Hasso-Plattner-Institut(s)", "Max-Planck-Gesellschaft": a hyphen compound of names whose
    /// head is an organisation word.
    pub(super) fn compound_orgs(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len() {
            let Some((names, head)) = self.split_last_hyphen(i) else {
                continue;
            };
            let head_base = head
                .strip_suffix('s')
                .filter(|h| self.lex.org_heads.contains(*h))
                .unwrap_or(head);
            let first = names.split('-').next().unwrap_or(names);
            if taken[i]
                || !self.lex.org_heads.contains(head_base)
                || !first.chars().next().is_some_and(char::is_uppercase)
                || first.chars().count() < 2 // "S-Bahn", "U-Bahn" are kinds of railway
                || self.lex.is_noun_de(first)
            {
                continue;
            }
            // "Krisennavigator-Instituts für Krisenforschung"
            let b = self.org_head_extension(taken, i + 1);
            let (start, end) = (self.toks[i].start, self.toks[b - 1].end);
            let name = if b > i + 1 {
                format!("{names}-{head_base}{}", &self.text[self.toks[i].end..end])
            } else {
                format!("{names}-{head_base}")
            };
            self.push(
                out,
                taken,
                (i, b, start, end),
                EntityType::Organization,
                name,
                None,
                Rule::OrgCompound,
            );
        }
    }

    /// "Hermes-Geschäftsführer Frank Rausch", "FIFA-Boss Joseph Blatter", "Yahoo-Finanzvorstand
    /// Kenneth Goldman": the first part of a hyphen compound headed by a role noun (roles.tsv,
    /// also as a compound head: "Mediendirektor"), right before a name, is the organisation the
    /// person heads or works for, known to the gazetteer or not. Not a common noun
    /// ("Konzern-Chef", "Partei-Chef") unless the parts with spaces are a known organisation
    /// ("Deutsche-Börse-Chef"), not a word that only qualifies the role ("Ex-Chef",
    /// "Vize-Präsident": `roleprefix` in grammar.tsv), and only before a name, so that the
    /// compound names a post someone holds. A known place is the organisation only of a chief:
    /// "NRW-Chef" may lead a place's government, "Ungarn-Sprecher" has no employer there.
    ///
    /// The same holds for the first part of a compound headed by a noun of an organisation's
    /// relations (`orgpart` in cues.tsv: "die Moovel-Tochter Car2Go", "nach der
    /// E-Plus-Übernahme"), with no name needed after it: the noun says the part is an
    /// organisation. A known place is no such organisation ("die US-Tochter", "Ungarn-Tochter").
    pub(super) fn role_compound_orgs(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        if self.lang != Lang::De {
            return;
        }
        for i in 0..self.toks.len().saturating_sub(1) {
            let Some((org, role)) = self.split_last_hyphen(i) else {
                self.known_org_before_post(i, taken, out);
                continue;
            };
            let role_lower = role.lower_case();
            let post = super::role_compound(&role_lower, self.lex, self.lang);
            let chief = post
                .as_deref()
                .is_some_and(|p| p == "ceoOf" || p == "leads");
            let relation = post.is_none() && self.lex.org_part_heads.contains(&role_lower);
            // A known organisation written with hyphens for its spaces ("Deutsche-Börse-Chef").
            let spaced = org.replace('-', " ");
            let known_org = org.contains('-')
                && self
                    .lex
                    .known
                    .get(&spaced)
                    .is_some_and(KnownEntity::is_org_without_cue);
            let common = |part: &str| {
                let lower = part.lower_case();
                self.lex.is_noun_de(part)
                    || self.lex.is_compound_noun_de(part)
                    || part
                        .strip_suffix('s')
                        .is_some_and(|p| self.lex.is_noun_de(p) || self.lex.is_compound_noun_de(p))
                    || self.is_stop(part)
                    || self.lex.role_prefixes.has(self.lang, &lower)
            };
            let not_org = || {
                self.lex
                    .known
                    .get(org)
                    .is_some_and(|k| k.kind != EntityType::Organization)
            };
            if taken[i]
                || !(post.is_some() || relation)
                || !org.chars().next().is_some_and(char::is_uppercase)
                || org.chars().count() < 2
                || (!known_org && org.split('-').any(|p| p.is_empty() || common(p)))
                || (post.is_some() && !self.name_follows(i))
                // A chief's compound may name a place's government ("NRW-Chef"); a post
                // below the chief names an employer, which a place is not.
                || (!chief && not_org())
            {
                continue;
            }
            let start = self.toks[i].start;
            let end = start + org.len();
            self.push(
                out,
                taken,
                (i, i + 1, start, end),
                EntityType::Organization,
                if known_org { spaced } else { org.to_owned() },
                None,
                Rule::OrgRoleCompound,
            );
        }
    }

    /// Whether a person's name follows token `i`: a capitalised word that is no common noun, or
    /// a given name (which the noun list may also have: "Jens") before a capitalised word,
    /// which may be a noun too ("Jens Weidmann": "Weidmann" is a hunter).
    fn name_follows(&self, i: usize) -> bool {
        let n = self.toks.len();
        i + 1 < n
            && (self.is_name_word(i + 1)
                || i + 2 < n
                    && self.is_cap(i + 1)
                    && self.lex.first_names.contains_key(self.t(i + 1))
                    && self.is_cap(i + 2))
    }

    /// "Bundesbankpräsident Jens Weidmann", "Telekomchef Tim Höttges": a compound written as
    /// one word whose first part is a known organisation (never one listed only after a cue)
    /// and whose rest is a role noun, right before a name, begins with that organisation. Only
    /// known ones: a word ending in a role is most often a common compound ("Konzernchef",
    /// "Bahnchef"), and an unknown name is rarely written together with the role.
    fn known_org_before_post(&self, i: usize, taken: &mut [bool], out: &mut Vec<Candidate>) {
        // The word must end in a role (asked once per token, in both passes) before any of its
        // beginnings is looked up.
        if taken[i] || !self.is_cap(i) || !self.is_role_word(i) || !self.name_follows(i) {
            return;
        }
        let w = self.t(i);
        let lower = self.lower(i);
        let split = w.char_indices().skip(3).map(|(b, _)| b).find(|&b| {
            self.lex
                .known
                .get(&w[..b])
                .is_some_and(KnownEntity::is_org_without_cue)
                && lower.is_char_boundary(b)
                && super::role_compound(&lower[b..], self.lex, self.lang).is_some()
        });
        let Some(b) = split else {
            return;
        };
        let start = self.toks[i].start;
        self.push(
            out,
            taken,
            (i, i + 1, start, start + b),
            EntityType::Organization,
            w[..b].to_owned(),
            None,
            Rule::OrgRoleCompound,
        );
    }

    /// Capitalised adjectives in names: "Deutsche", "Europäische", "Vereinten".
    fn is_adjective_like(&self, i: usize) -> bool {
        let w = self.t(i);
        self.lex
            .name_adjective_endings
            .of(self.lang)
            .any(|s| w.ends_with(s))
            && w.chars().next().is_some_and(char::is_uppercase)
            && (w.ends_with("ische")
                || w.ends_with("ischen")
                || w.starts_with("Deutsch")
                || w.starts_with("Vereint"))
    }

    /// Whether token `k` is an organisation noun, also inflected ("des Autobauers", "den
    /// US-Spezialisten", "des Konzerns") or as a compound head ("Saatgutkonzern").
    pub(super) fn is_org_cue(&self, k: usize) -> bool {
        self.remember(super::Asked::OrgCue, k, || {
            org_cue_word(self.lower(k), self.lang, self.lex)
        })
    }

    /// Names introduced by a cue: "der Chiphersteller NVIDIA", "die Stadt Köln", "in Wörnitzstein",
    /// "Kreuz Weinheim".
    pub(super) fn cued(&self, taken: &mut [bool], out: &mut Vec<Candidate>, orgs: bool) {
        let n = self.toks.len();
        if !orgs {
            self.place_heads(taken, out);
            self.towns_with_their_region(taken, out);
        }
        for i in 1..n {
            if taken[i] {
                continue;
            }
            // After an explicit organisation noun even a word that is also a common noun is the
            // name ("der Softwarehersteller Mentor Graphics", "der Konzern Bayer").
            // (The cue test is the costly one, so it comes last.)
            let nameish = self.is_name_word(i)
                || orgs
                    && self.is_cap(i)
                    && !self.is_stop_at(i)
                    && !self.lex.titles.contains(self.t(i))
                    && self.is_org_cue(i - 1);
            if !nameish {
                continue;
            }
            let prev = self.t(i - 1);
            // The organisation pass needs no place words: with its cue, the name is an
            // organisation's whatever they say.
            let (place_noun, place_prep) = if orgs {
                (false, false)
            } else {
                (
                    self.lex.place_nouns.contains(prev),
                    self.lex.place_intros.has(self.lang, self.lower(i - 1)),
                )
            };
            if !(orgs || place_noun || place_prep) {
                continue;
            }
            let org_cue = self.is_org_cue(i - 1);
            if orgs && !org_cue {
                continue;
            }
            if !orgs && place_prep && self.is_compound_noun(self.t(i)) {
                continue; // "in Kundenvermögen": a compound noun the list lacks
            }
            let mut k = i + 1;
            while k < n && !taken[k] && self.is_name_word(k) && k - i < 3 {
                k += 1;
            }
            let start = self.toks[i].start;
            let end = self.toks[k - 1].end;
            let name = self.text[start..end].to_owned();
            if org_cue {
                self.push(
                    out,
                    taken,
                    (i, k, start, end),
                    EntityType::Organization,
                    normalize_org(&name, self.lex),
                    None,
                    Rule::OrgCue,
                );
                // The cue covers a coordinated name too: "der Konkurrenten Dupont und Dow
                // Chemical", "die Autobauer BMW, Daimler und VW". Names after commas are items
                // only in a list a conjunction closes: in "des Paketdiensts DPD, Boris
                // Winkelmann, sprach" the name after the comma is an apposition.
                let mut k = k;
                let mut items: Vec<(usize, usize, bool)> = Vec::new();
                while k + 1 < n
                    && self.lex.list_separators.contains(self.lower(k))
                    && !taken[k + 1]
                    && self.is_name_word(k + 1)
                {
                    let a = k + 1;
                    let mut b = a + 1;
                    while b < n && !taken[b] && self.is_name_word(b) && b - a < 3 {
                        b += 1;
                    }
                    items.push((a, b, self.t(k) == ","));
                    k = b;
                }
                while items.last().is_some_and(|&(_, _, comma)| comma) {
                    items.pop();
                }
                for (a, b, _) in items {
                    let (s2, e2) = (self.toks[a].start, self.toks[b - 1].end);
                    let name = normalize_org(&self.text[s2..e2], self.lex);
                    self.push(
                        out,
                        taken,
                        (a, b, s2, e2),
                        EntityType::Organization,
                        name,
                        None,
                        Rule::OrgCue,
                    );
                }
            } else if place_noun {
                // "Kreuz Weinheim" names the junction: the cue is part of the name; "die Stadt
                // Köln" names Köln, the class noun only says what it is.
                let from = if self.lex.place_classes.contains(prev) {
                    i
                } else {
                    i - 1
                };
                let s = self.toks[from].start;
                self.push(
                    out,
                    taken,
                    (from, k, s, end),
                    EntityType::Place,
                    self.text[s..end].to_owned(),
                    None,
                    Rule::PlaceCue,
                );
            } else if self.lang == Lang::De && k == i + 1 && !self.toks[i].space_before {
                continue;
            } else if self.lang == Lang::De && self.read_as_name(i) {
                // A capitalised word after a place preposition is a place by its position
                // alone, as an acronym is an organisation by its shape: where the learned
                // recognizer reads no name on it, of any type and score, it is mostly a word
                // the lists lack ("im Wesentlichen", "bei Einwürfen", "aus Transposons", a
                // cut-off "im In- und Ausland"). On the 1,892 SmartData training documents 1
                // of 47 such places was annotated, on the GermEval training four fifths 0 of 18
                // (the model saw both; see docs/evaluation.md, "Session 13").

                self.push(
                    out,
                    taken,
                    (i, k, start, end),
                    EntityType::Place,
                    name,
                    None,
                    Rule::PlacePreposition,
                );
            }
        }
    }
}

/// An organisation's name without a leading article ("The Quill Company" → "Quill Company").
fn normalize_org(name: &str, lex: &Lexicon) -> String {
    for art in lex.org_articles.all() {
        if let Some(rest) = name.strip_prefix(art).and_then(|r| r.strip_prefix(' ')) {
            return rest.to_owned();
        }
    }
    name.to_owned()
}

/// Whether `lower` is an organisation noun, also inflected in German ("autobauers",
/// "us-spezialisten", "konzerns") or as a compound head ("saatgutkonzern").
pub fn org_cue_word(lower: &str, lang: Lang, lex: &Lexicon) -> bool {
    let is = |w: &str| lex.org_nouns.contains(w) || org_noun_compound(w, lex);
    is(lower)
        || lex.org_noun_endings.of(lang).any(|end| {
            lower
                .strip_suffix(end)
                .is_some_and(|b| b.chars().count() >= 4 && is(b))
        })
}

/// A compound whose head is an organisation noun: "Softwarekonzern", "Chiphersteller".
fn org_noun_compound(lower: &str, lex: &Lexicon) -> bool {
    // Any suffix after a prefix of at least three letters (only the endings that can be one
    // are looked up).
    lex.has_org_suffix_after_three(lower)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{expect, expect_none, expect_not, find, lexicon};
    use super::super::Rule;
    use super::{normalize_org, org_cue_word};
    use crate::model::{EntityType::*, Lang::*};

    #[test]
    fn legal_form_takes_the_name_words_before_it() {
        let text = "Die Brenner Logistik GmbH meldet einen Rekordumsatz.";
        expect(
            text,
            De,
            "Brenner Logistik GmbH",
            Organization,
            Rule::LegalForm,
        );
    }

    #[test]
    fn org_head_goes_on_after_a_link_word() {
        let text = "Das Institut für Meeresbiologie forscht weiter.";
        expect(
            text,
            De,
            "Institut für Meeresbiologie",
            Organization,
            Rule::OrgHead,
        );
    }

    #[test]
    fn hyphen_compound_with_an_org_head() {
        let text = "Das Lorenz-Hoffmann-Institut forscht.";
        expect(
            text,
            De,
            "Lorenz-Hoffmann-Institut",
            Organization,
            Rule::OrgCompound,
        );
    }

    #[test]
    fn cue_noun_types_the_name_after_it() {
        let text = "Der Chiphersteller Quantra plant ein neues Werk.";
        expect(text, De, "Quantra", Organization, Rule::OrgCue);
    }

    #[test]
    fn name_joined_to_an_organisation_is_one() {
        let text = "Die Brenner Logistik GmbH und Valtaro beschließen eine Fusion.";
        expect(text, De, "Valtaro", Organization, Rule::OrgCoordinated);
    }

    #[test]
    fn place_cues_take_a_noun_or_a_preposition_but_not_von() {
        // A class noun says what kind of place follows; a junction's or district's noun is
        // part of its name.
        expect(
            "Die Stadt Obermoosach baut eine Schule.",
            De,
            "Obermoosach",
            Place,
            Rule::PlaceCue,
        );
        expect(
            "Der Stau reicht bis zum Kreuz Obermoosach.",
            De,
            "Kreuz Obermoosach",
            Place,
            Rule::PlaceCue,
        );
        expect(
            "Das Werk liegt in Obermoosach.",
            De,
            "Obermoosach",
            Place,
            Rule::PlacePreposition,
        );
        expect_none("Der Brief kam von Obermoosach.", De, "Obermoosach");
    }

    #[test]
    fn a_place_by_its_preposition_needs_a_learned_name_on_it() {
        // A nominalised adjective, a cut-off compound and a common noun the lists lack are no
        // places; the model reads no name on them.
        expect_none(
            "Das Gesetz beruht im Wesentlichen auf dem Entwurf.",
            De,
            "Wesentlichen",
        );
        expect_none("Die Firma ist im In- und Ausland tätig.", De, "In-");
        expect_none(
            "Die Viren entstanden aus Transposons im Erbgut.",
            De,
            "Transposons",
        );
    }

    #[test]
    fn inflected_org_nouns_and_articles() {
        let lex = lexicon();
        assert!(org_cue_word("chipherstellers", De, lex));
        assert!(!org_cue_word("chipherstellers", En, lex));
        assert_eq!(normalize_org("The Quill Company", lex), "Quill Company");
        assert_eq!(normalize_org("Die Brenner AG", lex), "Brenner AG");
        assert_eq!(normalize_org("Dieter Brenner AG", lex), "Dieter Brenner AG");
        let f = find("Der Umsatz der Deutschen Bank sinkt.", De, "Deutschen Bank");
        assert_eq!((f.kind, f.rule), (Organization, Rule::OrgHead));
    }

    #[test]
    fn a_chiefs_compound_before_a_name_begins_with_the_organisation() {
        let text = "Das sagte Kelmora-Geschäftsführer Jonas Pfeiffer am Montag.";
        expect(text, De, "Kelmora", Organization, Rule::OrgRoleCompound);
        // A feminine role is its listed masculine's.
        let text = "Das sagte Kelmora-Geschäftsführerin Anna Berger am Montag.";
        expect(text, De, "Kelmora", Organization, Rule::OrgRoleCompound);
        // A common noun or a word that qualifies the role is no organisation.
        expect_none(
            "Das sagte Konzern-Chef Jonas Pfeiffer am Montag.",
            De,
            "Konzern",
        );
        expect_none(
            "Das sagte Vize-Präsident Jonas Pfeiffer am Montag.",
            De,
            "Vize",
        );
    }

    #[test]
    fn any_posts_compound_before_a_name_begins_with_the_organisation() {
        // A post below the chief names the employer too.
        let text = "Das sagte Kelmora-Finanzvorstand Jonas Pfeiffer am Montag.";
        expect(text, De, "Kelmora", Organization, Rule::OrgRoleCompound);
        // A known organisation written with hyphens for its spaces.
        let f = find(
            "Das sagte der Deutsche-Börse-Chef Jonas Pfeiffer.",
            De,
            "Deutsche-Börse",
        );
        assert_eq!(
            (f.name.as_str(), f.rule),
            ("Deutsche Börse", Rule::OrgRoleCompound)
        );
        // A known organisation written together with the role.
        // (A given name the noun list also has still opens a name.)
        let f = find(
            "Das sagte Bundesbankpräsident Jens Pfeiffer.",
            De,
            "Bundesbank",
        );
        assert_eq!((f.kind, f.rule), (Organization, Rule::OrgRoleCompound));
        // A surname the noun list also has ("Weidmann", a hunter) after a given name.
        let f = find(
            "Das sagte Bundesbankpräsident Jens Weidmann.",
            De,
            "Bundesbank",
        );
        assert_eq!((f.kind, f.rule), (Organization, Rule::OrgRoleCompound));
        // Not an unknown word ("Bahnchef"), and a place is no employer.
        expect_none("Das sagte Bahnchef Jonas Pfeiffer.", De, "Bahn");
        expect_none("Das sagte Ungarn-Sprecher Jonas Pfeiffer.", De, "Ungarn");
    }

    #[test]
    fn a_subsidiary_or_takeover_compound_begins_with_the_organisation() {
        let text = "Die Kelmora-Tochter Nordwind Logistik GmbH wächst.";
        expect(text, De, "Kelmora", Organization, Rule::OrgRoleCompound);
        // No name needs to follow: the noun itself relates an organisation.
        let text = "Die Brenner AG hat die Kelmora-Übernahme abgeschlossen.";
        expect(text, De, "Kelmora", Organization, Rule::OrgRoleCompound);
        // A common noun or a known place is no organisation.
        expect_none(
            "Die Brenner AG plant eine Milliarden-Übernahme.",
            De,
            "Milliarden",
        );
        expect_none("Die Ungarn-Tochter der Brenner AG wächst.", De, "Ungarn");
        // Nor is a word that only qualifies the head.
        expect_none("Die Brenner AG plant eine Mega-Fusion.", De, "Mega");
    }

    #[test]
    fn a_role_before_an_organisation_head_is_no_part_of_the_name() {
        let text = "Das sagte Jonas Pfeiffer, Vorstandsvorsitzender Kelmora Gruppe Deutschland.";
        expect_none(text, De, "Vorstandsvorsitzender");
    }

    #[test]
    fn a_foreign_business_word_takes_the_name_before_it_even_a_german_noun() {
        // "Semiconductor" and "Newswires" are no German nouns: the word before may look like
        // one ("Anker"), also at the sentence's start; a German noun further left stays out.
        for text in [
            "Der Konzern übernimmt Anker Semiconductor.",
            "Anker Semiconductor meldet Gewinne.",
            "Der Käufer Anker Semiconductor zahlt viel.",
        ] {
            expect(text, De, "Anker Semiconductor", Organization, Rule::OrgHead);
        }
        expect(
            "Das meldete der Dienst Silver Creek Newswires am Montag.",
            De,
            "Silver Creek Newswires",
            Organization,
            Rule::OrgHead,
        );
    }

    #[test]
    fn an_abbreviation_inside_a_name_before_a_legal_form_is_part_of_it() {
        expect(
            "Die Keller Bros. Entertainment GmbH produziert den Film.",
            De,
            "Keller Bros. Entertainment GmbH",
            Organization,
            Rule::LegalForm,
        );
        // A title is none: "Laut" and "Dr." stay outside.
        expect(
            "Laut Dr. Müller GmbH ist das so.",
            De,
            "Müller GmbH",
            Organization,
            Rule::LegalForm,
        );
    }

    #[test]
    fn a_regional_unit_is_one_name_with_its_region() {
        // A direction word, a country or a continent after an organisation's name.
        expect(
            "Aldi Süd eröffnet neue Filialen.",
            De,
            "Aldi Süd",
            Organization,
            Rule::OrgRegion,
        );
        expect(
            "Der Umsatz von Siemens Österreich steigt.",
            De,
            "Siemens Österreich",
            Organization,
            Rule::OrgRegion,
        );
        let text = "Die Bosch-Tochter Kelmora Deutschland wächst.";
        expect(
            text,
            De,
            "Kelmora Deutschland",
            Organization,
            Rule::OrgRegion,
        );
        expect(
            "Daimler North America baut ein Werk.",
            De,
            "Daimler North America",
            Organization,
            Rule::OrgRegion,
        );
        // With the legal form after the region.
        let text = "Die Bosch-Tochter Kelmora UK Limited wächst.";
        assert_eq!(find(text, De, "Kelmora UK Limited").kind, Organization);
        // Not apart from it, nor in the genitive, nor a hashtag.
        let text = "Siemens in Deutschland streicht Stellen.";
        expect(text, De, "Deutschland", Place, Rule::Gazetteer);
        expect(text, De, "Siemens", Organization, Rule::Gazetteer);
        expect_not(
            "Aldi im Süden eröffnet Filialen.",
            De,
            "Aldi im Süden",
            Organization,
        );
        expect(
            "Bosch Deutschlands Chef tritt zurück.",
            De,
            "Bosch",
            Organization,
            Rule::Gazetteer,
        );
        expect_not(
            "#Siemens Deutschland wächst.",
            De,
            "#Siemens Deutschland",
            Organization,
        );
        // A country after an organisation that may be a subject inside a clause is its
        // object: "ob"/"dass" + subject + object.
        let text = "Ob Tesla China verlässt, ist offen.";
        expect(text, De, "Tesla", Organization, Rule::Gazetteer);
        expect(text, De, "China", Place, Rule::Gazetteer);
    }

    #[test]
    fn a_capitalised_demonym_before_an_organisation_is_part_of_its_name() {
        let text = "Deutsche Wohnen und Vonovia fusionieren.";
        let f = find(text, De, "Deutsche Wohnen");
        assert_eq!((f.kind, f.name.as_str()), (Organization, "Deutsche Wohnen"));
        // A lower-case adjective stays apart, and so does a word always written with a capital.
        expect_none("Deutsche Firmen investieren in China.", De, "Firmen");
        expect_not(
            "Der Schweizer Konzern Kelmora wächst.",
            De,
            "Schweizer Konzern",
            Organization,
        );
    }

    #[test]
    fn a_common_noun_standing_alone_before_a_german_head_is_the_name() {
        // German writes a noun before a noun as one word: two words are a name.
        expect(
            "Die Merkur Bank senkt ihre Gebühren.",
            De,
            "Merkur Bank",
            Organization,
            Rule::OrgHead,
        );
        expect(
            "Die Hanse Versicherung zahlt pünktlich.",
            De,
            "Hanse Versicherung",
            Organization,
            Rule::OrgHead,
        );
        // The head alone, or with a place after it, names nothing.
        expect_none("Die Bank in Kiel schließt ihre Filiale.", De, "Bank");
        expect_none("Man weiß nicht, ob die Bank zahlt.", De, "Bank");
        expect_none("Wir haben die Versicherung gewechselt.", De, "Versicherung");
        // A city's adjective before the head, or a name after it: the head says what kind of
        // organisation it is.
        expect_none("Die Kieler Werft meldet Gewinne.", De, "Kieler Werft");
        expect_none(
            "Die Führung der Hamburger Reederei Nordstern wechselt.",
            De,
            "Hamburger Reederei",
        );
        // At a sentence's start only a noun: an adjective there is a common phrase.
        expect_none("Französische Bank kündigt Stellenabbau an.", De, "Bank");
        // A head's name takes a legal form after it.
        expect(
            "Die Nordlicht Bank plc meldet Gewinne.",
            De,
            "Nordlicht Bank plc",
            Organization,
            Rule::OrgHead,
        );
        // A plural head takes no noun: "Kunden Versicherungen" is no name.
        expect_none(
            "Weil Kunden Versicherungen kündigen, sinkt der Umsatz.",
            De,
            "Kunden",
        );
    }

    #[test]
    fn a_head_that_opens_its_name_takes_a_place_or_a_name_after_it() {
        expect(
            "Der Stromversorger Rhenwerk liefert Strom an die Stadtwerke Kiel.",
            De,
            "Stadtwerke Kiel",
            Organization,
            Rule::OrgHead,
        );
        expect(
            "Die Sparkasse Vorderland und die Volksbank Lindenau fusionieren.",
            De,
            "Sparkasse Vorderland",
            Organization,
            Rule::OrgHead,
        );
        expect(
            "Die Sparkasse Vorderland und die Volksbank Lindenau fusionieren.",
            De,
            "Volksbank Lindenau",
            Organization,
            Rule::OrgHead,
        );
        // A common noun after it is no part of the name.
        expect_none(
            "Die Stadtwerke erhöhen die Preise für Strom.",
            De,
            "Stadtwerke",
        );
        expect_none(
            "Waren im Wert von 5 Millionen Euro wurden verkauft.",
            De,
            "Waren",
        );
    }

    #[test]
    fn a_company_class_noun_types_the_name_after_it() {
        // Compounds on "-vermieter" and the class nouns of breweries and the like are cues,
        // even before a word that is also a common noun.
        expect(
            "Der Autovermieter Faxt verdoppelt seinen Gewinn.",
            De,
            "Faxt",
            Organization,
            Rule::OrgCue,
        );
        expect(
            "Die Brauerei Seebeker aus Stralsund wächst.",
            De,
            "Seebeker",
            Organization,
            Rule::OrgCue,
        );
        expect(
            "Der Zulieferer Mahle streicht Stellen.",
            De,
            "Mahle",
            Organization,
            Rule::Gazetteer,
        );
    }

    #[test]
    fn an_english_company_word_ends_a_name_that_opens_the_sentence() {
        expect(
            "Quill Media acquired a stake in Parrot Radio.",
            En,
            "Quill Media",
            Organization,
            Rule::OrgHead,
        );
        expect(
            "Quill Media acquired a stake in Parrot Radio.",
            En,
            "Parrot Radio",
            Organization,
            Rule::OrgHead,
        );
        expect(
            "Nordic Paper agreed to buy Ostrava Pulp.",
            En,
            "Nordic Paper",
            Organization,
            Rule::OrgHead,
        );
        expect(
            "Orlan Systems took over Brisk Labs.",
            En,
            "Brisk Labs",
            Organization,
            Rule::OrgHead,
        );
        // A company word alone, or after a function word, opens no name.
        expect_none("Media reports say the deal is off.", En, "Media");
        expect_none("Our Media team grew.", En, "Our");
    }
}
