//! Entity recognition: people, organisations, products and places in one sentence.
//!
//! No statistical model: a gazetteer (`entities.tsv`, `places.tsv`), a given-name lexicon,
//! cue words (legal forms, "der Chiphersteller X", "B200-GPUs", "in X") and German morphology.
//! German capitalises every noun, so "capitalised" says little; the noun lexicon tells a
//! capitalised common noun ("Bestellungen") from a name ("Zuckerberg"). Each candidate records
//! the rule that made it, which ends up in the fact's provenance.

mod names;

pub use names::NameMap;

use crate::lexicon::{KnownEntity, Lexicon};
use crate::model::{EntityType, Lang};
use crate::text::numbers::Value;
use crate::text::segment::{Sentence, Token, TokenKind};

/// A recognised name in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// First token index (within the sentence).
    pub first: usize,
    /// One past the last token index.
    pub last: usize,
    /// Byte span in the document (may be part of a compound token).
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// Type.
    pub kind: EntityType,
    /// The name in base form (genitive -s removed where the base is known).
    pub name: String,
    /// Canonical label from the gazetteer, when the name is known.
    pub known: Option<String>,
    /// Which recognition rule fired.
    pub rule: &'static str,
    /// For products named after a family ("Blackwell B200"): the family's candidate index.
    pub family: Option<usize>,
}

impl Candidate {
    /// How much this candidate's type counts when mentions of one name disagree: explicit
    /// evidence (a legal form, a cue noun, the gazetteer) over guesses from name shape.
    pub fn strength(&self) -> usize {
        match self.rule {
            "legal-form" | "org-head" | "org-cue" | "org-compound" | "gazetteer" | "handle" => 3,
            "given-name" | "two-names" | "english-capitalised" | "acronym" | "org-coordinated" => 1,
            _ => 2,
        }
    }
}

/// Recognises the entities of one sentence. `values` are the sentence's numbers and dates
/// (their tokens are never names).
pub fn recognize(
    text: &str,
    sent: &Sentence,
    lang: Lang,
    lex: &Lexicon,
    values: &[Value],
    names: Option<&NameMap>,
) -> Vec<Candidate> {
    let r = Recognizer {
        text,
        toks: &sent.tokens,
        lang,
        lex,
        names,
    };
    let mut taken = vec![false; sent.tokens.len()];
    for v in values {
        for t in taken
            .iter_mut()
            .take(v.last.min(sent.tokens.len()))
            .skip(v.first)
        {
            *t = true;
        }
    }
    let mut out: Vec<Candidate> = Vec::new();
    // Order matters: stronger evidence claims tokens first.
    r.handles(&mut taken, &mut out);
    if lang == Lang::En {
        r.source_lines(&mut taken, &mut out);
    }
    r.legal_forms(&mut taken, &mut out);
    r.compound_orgs(&mut taken, &mut out);
    r.products(&mut taken, &mut out);
    r.gazetteer(&mut taken, &mut out);
    r.cued(&mut taken, &mut out, true);
    r.persons(&mut taken, &mut out);
    r.cued(&mut taken, &mut out, false);
    r.acronyms(&mut taken, &mut out);
    r.demonyms(&mut taken, &mut out);
    r.coordinated_orgs(&mut taken, &mut out);
    if lang == Lang::En {
        r.english_names(&mut taken, &mut out);
    }
    // Document order; `family` indices are remapped to the sorted positions.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (out[i].start, out[i].end));
    let mut new_pos = vec![0; out.len()];
    for (pos, &old) in order.iter().enumerate() {
        new_pos[old] = pos;
    }
    let mut sorted: Vec<Candidate> = order.iter().map(|&i| out[i].clone()).collect();
    for c in &mut sorted {
        c.family = c.family.map(|f| new_pos[f]);
    }
    sorted
}

struct Recognizer<'a> {
    text: &'a str,
    toks: &'a [Token],
    lang: Lang,
    lex: &'a Lexicon,
    names: Option<&'a NameMap>,
}

impl Recognizer<'_> {
    fn t(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokenKind::Word)
            && self.t(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A function word of any language (der, the, und, ...).
    fn is_stop(&self, w: &str) -> bool {
        if w.chars().any(char::is_uppercase) {
            self.lex.stopwords.contains_key(&w.to_lowercase())
        } else {
            self.lex.stopwords.contains_key(w)
        }
    }

    /// Whether a capitalised word is a common word rather than a name.
    fn is_common(&self, i: usize) -> bool {
        let w = self.t(i);
        if self.is_stop(w)
            || self.lex.months.contains_key(w)
            || self.lex.titles.contains(w)
            || self.lex.not_name.contains(w)
        {
            return true;
        }
        let lower = w.to_lowercase();
        if self.lex.roles.contains_key(&lower) || self.lex.org_nouns.contains(&lower) {
            return true;
        }
        match self.lang {
            Lang::De => {
                // An all-caps word is an acronym, never a German noun ("NVIDIA", "BASF").
                let all_caps = w
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
                (!all_caps && self.is_noun_form(w))
                    // "S-Bahn", "KI-Forschung": a hyphen compound is as common as its head.
                    || w.rsplit_once('-').is_some_and(|(_, head)| self.is_noun_form(head))
                    || (i == 0 && self.lex.words_en.contains(&lower) && w.len() < 4)
                    || (i == 0 && self.is_sentence_initial_common_de(w))
            }
            Lang::En => {
                // Mid-sentence capitals are names; at the start, a dictionary word is not.
                (i == 0
                    || self.toks[i - 1].kind == TokenKind::Punct
                        && matches!(self.t(i - 1), "\"" | "“" | "(" | ":"))
                    && self.lex.words_en.contains(&lower)
            }
        }
    }

    /// A German noun, also in a dative or genitive form the noun list may lack ("im Gange",
    /// "des Konzernes").
    fn is_noun_form(&self, w: &str) -> bool {
        self.lex.is_noun_de(w)
            || ["e", "es", "s", "n"].iter().any(|suffix| {
                w.len() > 4
                    && w.strip_suffix(suffix)
                        .is_some_and(|b| self.lex.is_noun_de(b))
            })
    }

    /// German sentence-initial capitalisation of adverbs, pronouns and verbs ("Darüber", "Wir").
    fn is_sentence_initial_common_de(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        // Lower-case German words are not in the noun list; the stopword list covers the most
        // frequent. Others: a word that also occurs in lower case elsewhere in the text.
        self.text.contains(&format!(" {lower} "))
    }

    /// Whether token `i` may be part of a name.
    fn is_name_word(&self, i: usize) -> bool {
        self.is_cap(i) && !self.is_common(i)
    }

    // Every argument is a distinct property of the candidate; a builder would only add noise.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Candidate>,
        taken: &mut [bool],
        span: (usize, usize, usize, usize),
        kind: EntityType,
        name: String,
        known: Option<String>,
        rule: &'static str,
    ) -> usize {
        let (first, last, start, end) = span;
        for t in taken.iter_mut().take(last).skip(first) {
            *t = true;
        }
        out.push(Candidate {
            first,
            last,
            start,
            end,
            kind,
            name,
            known,
            rule,
            family: None,
        });
        out.len() - 1
    }

    fn free(&self, taken: &[bool], a: usize, b: usize) -> bool {
        b <= self.toks.len() && (a..b).all(|i| !taken[i])
    }

    /// "Seerene GmbH", "Deutsche Presse-Agentur GmbH", "Jaguar Land Rover Ltd.", "Deutsche Bank".
    fn legal_forms(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 1..self.toks.len() {
            let w = self.t(i);
            let legal_end = self.legal_form_end(i);
            let legal = legal_end.is_some();
            let head = self.lex.org_heads.contains(w);
            if !(legal || head) || taken[i] {
                continue;
            }
            // Walk left over name words; for legal forms also over nouns ("Presse-Agentur GmbH").
            let mut a = i;
            while a > 0 && !taken[a - 1] && i - (a - 1) <= 4 {
                let j = a - 1;
                let ok = self.is_cap(j)
                    && !self.is_stop(self.t(j))
                    && !self.ends_possessive(j)
                    && (legal
                        || self.lang == Lang::En
                        || !self.lex.is_noun_de(self.t(j))
                        || self.is_adjective_like(j))
                    && !(j == 0 && self.is_common(j) && !legal)
                    || (legal
                        && matches!(self.t(j), "&" | "und")
                        && a < i
                        && self.is_cap(j.saturating_sub(1)));
                if !ok {
                    break;
                }
                a = j;
            }
            let mut b = legal_end.unwrap_or(i + 1);
            if !legal {
                b = self.org_head_extension(taken, b);
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
            let name = normalize_org(&self.text[start..end]);
            let known = self.lex.known.get(&name).map(|k| k.label.clone());
            self.push(
                out,
                taken,
                (a, b, start, end),
                EntityType::Organization,
                name,
                known,
                if legal { "legal-form" } else { "org-head" },
            );
        }
    }

    /// Where a name that ends in an organisation word goes on: "Institut für Krisenforschung",
    /// "Bundesministerium für Wirtschaft und Energie", "Universität Kiel", each optionally
    /// followed by a legal form ("Gesellschaft für Krisenmanagement e.V."). Returns the token
    /// after the name; `b` if it does not go on.
    fn org_head_extension(&self, taken: &[bool], b: usize) -> usize {
        let n = self.toks.len();
        let free_cap = |k: usize| k < n && !taken[k] && self.is_cap(k) && !self.is_stop(self.t(k));
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
        } else if free_cap(b)
            && self
                .lex
                .known
                .get(self.t(b))
                .is_some_and(|k| k.kind == EntityType::Place)
        {
            end = b + 1; // "Universität Kiel", "Klinikum Stuttgart"
        }
        if end > b {
            end = self.legal_form_end(end).unwrap_or(end);
        }
        end
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
            && self.lex.legal_forms.contains(format!("{w}.").as_str());
        // Only long words can be a legal form with a head of four letters before it.
        let compound = w.len() >= 16 && {
            let lower = w.to_lowercase();
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

    /// An unknown name joined to an organisation by "und"/"and" is one too: "die Fusion von
    /// Daimler und Chrysler", "KMW und Nexter". Commas are not enough ("Siemens, Kaeser sagte").
    fn coordinated_orgs(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let is_and = |k: usize| {
            k < n
                && self.t(k) != ","
                && self.lex.list_separators.contains(&self.t(k).to_lowercase())
        };
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
                let name = normalize_org(&self.text[s..e]);
                self.push(
                    out,
                    taken,
                    (a, b, s, e),
                    EntityType::Organization,
                    name,
                    None,
                    "org-coordinated",
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
                    normalize_org(&self.text[s..e]),
                    None,
                    "org-coordinated",
                );
            }
        }
    }

    /// "Hasso-Plattner-Institut(s)", "Max-Planck-Gesellschaft": a hyphen compound of names whose
    /// head is an organisation word.
    fn compound_orgs(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len() {
            let w = self.t(i);
            let Some((names, head)) = w.rsplit_once('-') else {
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
                "org-compound",
            );
        }
    }

    /// Capitalised adjectives in names: "Deutsche", "Europäische", "Vereinten".
    fn is_adjective_like(&self, i: usize) -> bool {
        let w = self.t(i);
        ["e", "en", "er", "es"].iter().any(|s| w.ends_with(s))
            && w.chars().next().is_some_and(char::is_uppercase)
            && (w.ends_with("ische")
                || w.ends_with("ischen")
                || w.starts_with("Deutsch")
                || w.starts_with("Vereint"))
    }

    /// Longest match of up to five tokens against the gazetteer, also inflected ("NVIDIAs",
    /// "der Deutschen Bank") and as the first part of a compound ("NVIDIA-Chef", "Instagram-Beitrag").
    fn gazetteer(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
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
            for len in (1..=5.min(n - i)).rev() {
                if !self.free(taken, i, i + len) {
                    continue;
                }
                let start = self.toks[i].start;
                let end = self.toks[i + len - 1].end;
                let surface = &self.text[start..end];
                // Lower-case names ("dpa", "adidas") only as listed, never inflected.
                if !surface
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    && !self.lex.known.contains_key(surface)
                {
                    continue;
                }
                if let Some((known, name)) = self.lookup(surface, i) {
                    if len == 1 && !self.accept_single_known(i, &known, &name) {
                        continue;
                    }
                    let end = end - self.possessive_len(surface, &name);
                    self.push(
                        out,
                        taken,
                        (i, i + len, start, end),
                        known.kind,
                        name,
                        Some(known.label.clone()),
                        "gazetteer",
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
            if let Some(h) = w.find('-') {
                let part = &w[..h];
                if let Some((known, name)) = self.lookup(part, i) {
                    if known.kind != EntityType::Place || !self.lex.is_noun_de(part) {
                        let start = self.toks[i].start;
                        self.push(
                            out,
                            taken,
                            (i, i + 1, start, start + h),
                            known.kind,
                            name,
                            Some(known.label.clone()),
                            "gazetteer-compound",
                        );
                    }
                }
            }
            i += 1;
        }
    }

    /// A gazetteer entry for `surface`, trying inflected forms. Returns the entry and the base name.
    fn lookup(&self, surface: &str, i: usize) -> Option<(KnownEntity, String)> {
        let known = &self.lex.known;
        // Names this document (or batch) introduced win over the gazetteer: after "John F.
        // Kennedy", "Kennedy" is the man, not the town.
        if let Some(k) = self.names.and_then(|n| n.get(surface)) {
            return Some((k.clone(), surface.to_owned()));
        }
        if let Some(k) = known.get(surface) {
            return Some((k.clone(), surface.to_owned()));
        }
        // Datelines and headlines in capitals: "BANGKOK", "DÜSSELDORF", "EAST LANSING".
        if surface.chars().count() >= 4 && surface.chars().all(|c| !c.is_lowercase()) {
            let title = surface
                .split(' ')
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next()
                        .into_iter()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(k) = known.get(&title).filter(|k| k.kind == EntityType::Place) {
                return Some((k.clone(), title));
            }
        }
        if let Some(names) = self.names {
            for suffix in ["", "s", "'s", "’s"] {
                if let Some(k) = surface.strip_suffix(suffix).and_then(|b| names.get(b)) {
                    return Some((
                        k.clone(),
                        surface[..surface.len() - suffix.len()].to_owned(),
                    ));
                }
            }
        }
        // Genitive / possessive: "NVIDIAs", "Metas", "Siemens'" (German), "Apple's" (English).
        for suffix in ["s", "'s", "’s", "'", "’", "es"] {
            if let Some(base) = surface.strip_suffix(suffix) {
                if let Some(k) = known
                    .get(base)
                    .filter(|k| k.kind != EntityType::Place || suffix != "es")
                {
                    return Some((k.clone(), base.to_owned()));
                }
            }
        }
        // Weak adjective inflection inside multi-word names: "der Deutschen Bank", "Vereinten Nationen".
        if surface.contains(' ') {
            let fixed: Vec<String> = surface
                .split(' ')
                .map(|w| match w.strip_suffix("en") {
                    Some(b)
                        if w.len() > 4
                            && (b.ends_with("isch") || b.ends_with("sch") || b.ends_with("al")) =>
                    {
                        format!("{b}e")
                    }
                    _ => w.to_owned(),
                })
                .collect();
            let fixed = fixed.join(" ");
            if let Some(k) = known.get(&fixed) {
                return Some((k.clone(), fixed));
            }
        }
        let _ = i;
        None
    }

    /// A one-word gazetteer hit that is also a common word ("Essen", "Bayer", "Post", "Total")
    /// needs context: a place needs a preposition, an organisation must not be a common noun
    /// used as one (lower-case elsewhere is no help in German, so the noun list decides).
    fn accept_single_known(&self, i: usize, known: &KnownEntity, base: &str) -> bool {
        let w = self.t(i);
        let all_caps = w
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if known.kind == EntityType::Place && known.weight < 100_000 && self.inside_person_name(i) {
            return false; // "Lee Harvey Oswald", "President Kennedy"
        }
        // An organisation noun before it says what it is: "der Saatgutkonzern Monsanto".
        if known.kind == EntityType::Place && i > 0 && self.is_org_cue(i - 1) {
            return false;
        }
        // A small town named like a frequent given name, before a capitalised word, opens a
        // person's name ("Anna Berg"), unless a preposition asks for a place ("in Anna").
        if known.kind == EntityType::Place
            && known.weight < 100_000
            && self.lex.first_names.get(w).is_some_and(|f| *f >= 5)
            && self.is_cap(i + 1)
            && !self
                .lex
                .place_preps
                .contains(&self.t(i.wrapping_sub(1)).to_lowercase())
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
            Lang::De => self.lex.is_noun_de(w) || self.is_stop(w),
            Lang::En => self.lex.words_en.contains(&w.to_lowercase()) || self.is_stop(w),
        };
        if !common {
            return true;
        }
        let prev = self.t(i.wrapping_sub(1)).to_lowercase();
        if known.kind == EntityType::Place && known.weight < 100_000 && self.inside_person_name(i) {
            return false;
        }
        match known.kind {
            EntityType::Place => {
                self.lex.place_preps.contains(&prev)
                    || known.weight >= 500_000
                    || self.lex.place_nouns.contains(self.t(i.wrapping_sub(1)))
            }
            EntityType::Organization => self.lex.org_nouns.contains(&prev) || known.weight > 0,
            // A possessive before what it owns: "Zucks ikonische Lederjacke".
            _ if base != w => {
                let next = self.t(i + 1);
                next.chars().next().is_some_and(char::is_lowercase) && !self.is_stop(next)
                    || self.is_cap(i + 1) && self.lex.is_noun_de(next)
            }
            _ => false,
        }
    }

    /// Whether a title ends just before token `i`: "Herr", also "Dr." and "Prof.", whose
    /// period is a token of its own.
    fn title_before(&self, i: usize) -> bool {
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
    fn inside_person_name(&self, i: usize) -> bool {
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

    /// Model codes ("B200", "H100", "A380"), families before them ("Blackwell B200"),
    /// names with a product noun ("B200-GPUs", "Blackwell-Plattform", "„Llama“-LLM-Modell").
    fn products(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        for i in 0..n {
            if taken[i] || self.toks[i].kind == TokenKind::Punct {
                continue;
            }
            let w = self.t(i);
            let (head_part, rest) = match w.find('-') {
                Some(h) => (&w[..h], Some(&w[h + 1..])),
                None => (w, None),
            };
            let prod_head =
                rest.is_some_and(|r| self.is_product_noun(r.rsplit('-').next().unwrap_or(r)));
            let code = is_model_code(head_part);
            let prev_known_org = out
                .iter()
                .any(|c| c.last == i && c.kind == EntityType::Organization);
            // A road number ("B27", "A9") is a product only with product context around it.
            let family_before = i > 0 && self.is_name_word(i - 1) && !self.is_place_context(i - 1);
            let road_like =
                is_road_like(head_part) && !(prod_head || prev_known_org || family_before);
            if code && !road_like {
                // The mention spans the compound when its head is a product noun ("B200-GPUs").
                let start = self.toks[i].start;
                let end = if prod_head || rest.is_none() {
                    self.toks[i].end
                } else {
                    start + head_part.len()
                };
                let idx = self.push(
                    out,
                    taken,
                    (i, i + 1, start, end),
                    EntityType::Product,
                    head_part.to_owned(),
                    None,
                    "model-code",
                );
                // A family name right before the code: "Blackwell B200", "Hopper H100". In the
                // second pass the family is already a known name and has its own candidate.
                if let Some(f) = out
                    .iter()
                    .position(|c| c.last == i && c.kind == EntityType::Product)
                {
                    out[idx].family = Some(f);
                    continue;
                }
                if i > 0
                    && !taken[i - 1]
                    && self.is_name_word(i - 1)
                    && !is_model_code(self.t(i - 1))
                    && self
                        .known_kind(self.t(i - 1))
                        .is_none_or(|k| k == EntityType::Product)
                {
                    let f = self.push(
                        out,
                        taken,
                        (i - 1, i, self.toks[i - 1].start, self.toks[i - 1].end),
                        EntityType::Product,
                        self.t(i - 1).to_owned(),
                        None,
                        "product-family",
                    );
                    out[idx].family = Some(f);
                }
                continue;
            }
            // "Blackwell-Plattform": a name part before a product noun.
            if prod_head
                && !head_part.is_empty()
                && head_part.chars().next().is_some_and(char::is_uppercase)
                && !self.lex.is_noun_de(head_part)
                && !self.is_stop(head_part)
                && !head_part.chars().all(|c| c.is_uppercase())
                && self
                    .known_kind(head_part)
                    .is_none_or(|k| k == EntityType::Product)
            {
                let start = self.toks[i].start;
                self.push(
                    out,
                    taken,
                    (i, i + 1, start, start + head_part.len()),
                    EntityType::Product,
                    head_part.to_owned(),
                    None,
                    "product-noun-compound",
                );
                continue;
            }
            // „Llama“-LLM-Modell: a quoted name glued to a product compound.
            if self.is_name_word(i)
                && i > 0
                && matches!(self.t(i - 1), "„" | "\"" | "“" | "»")
                && matches!(self.t(i + 1), "“" | "\"" | "”" | "«")
                && self.toks.get(i + 2).is_some_and(|t| !t.space_before)
            {
                let next = self.t(i + 2);
                let after = if next == "-" {
                    self.t(i + 3)
                } else {
                    next.trim_start_matches('-')
                };
                if after.split('-').any(|p| self.is_product_noun(p)) {
                    self.push(
                        out,
                        taken,
                        (i, i + 1, self.toks[i].start, self.toks[i].end),
                        EntityType::Product,
                        w.to_owned(),
                        None,
                        "quoted-product",
                    );
                }
            }
        }
    }

    fn is_product_noun(&self, w: &str) -> bool {
        self.lex.product_nouns.contains(&w.to_lowercase())
    }

    fn is_place_context(&self, i: usize) -> bool {
        let prev = self.t(i.wrapping_sub(1)).to_lowercase();
        self.lex.place_preps.contains(&prev)
            || self.lex.place_nouns.contains(self.t(i.wrapping_sub(1)))
    }

    /// People: [title] given-name (given-name | initial)* [particle] surname+.
    fn persons(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
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
            let mut rule = "given-name";
            if given > 0 && !self.is_stop(w) {
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
                rule = "title";
            } else if self.is_unknown_name(i)
                && (self
                    .lex
                    .speech
                    .contains(&self.t(i.wrapping_sub(1)).to_lowercase())
                    || self.lex.speech.contains(&self.t(i + 1).to_lowercase()))
                && !self.is_cap(i + 1)
            {
                // "sagte Erdogan", "Hörmann erklärte": a lone name next to a verb of saying.
                rule = "speech";
            } else if self.lang == Lang::De
                && self.is_unknown_name(i)
                && self.is_unknown_name(i + 1)
                && !taken[i + 1]
                && !self.lex.legal_forms.contains(self.t(i + 2))
                && !self.lex.org_heads.contains(self.t(i + 2))
            {
                // German capitalises nouns, so two adjacent capitalised words that are neither
                // nouns nor known names are almost always a person ("Jensen Huang").
                rule = "two-names";
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
                    && rule == "given-name"
                    && (!self.is_common(i) || after_title)
                    && self.is_cap(k)
                    && !self.is_stop(self.t(k))
                    && !self.lex.titles.contains(self.t(k))
                    && !self.lex.not_name.contains(self.t(k))
                    && !self.is_role_word(k)
                    && !self.lex.months.contains_key(self.t(k));
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
                if k + 1 < n
                    && self.is_particle(self.t(k))
                    && (surname_at(k + 1) || self.is_particle(self.t(k + 1)) && surname_at(k + 2))
                {
                    k += 1;
                    continue;
                }
                break;
            }
            if rule == "title" && k == j {
                k = i + 1;
            }
            if k == i + usize::from(rule == "given-name") && rule == "given-name" {
                // A given name alone is not a person ("Mark" is also a currency, a verb form).
                i += 1;
                continue;
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

    /// English: the length of the possessive ending ("'s") that `surface` adds to `name`. It
    /// stays outside the mention, so patterns see it as a word ("Beijing" "'s" "Tiananmen Square").
    fn possessive_len(&self, surface: &str, name: &str) -> usize {
        if self.lang != Lang::En {
            return 0;
        }
        ["'s", "’s", "'", "’"]
            .iter()
            .find(|p| surface.strip_suffix(*p) == Some(name))
            .map_or(0, |p| p.len())
    }

    /// English: token `i` is a possessive ("Mulroney's").
    fn ends_possessive(&self, i: usize) -> bool {
        self.possessive_bytes(i) > 0
    }

    /// English: the byte length of token `i`'s possessive ending, 0 if it has none.
    fn possessive_bytes(&self, i: usize) -> usize {
        let w = self.t(i);
        if self.lang != Lang::En || w.chars().count() <= 2 {
            return 0;
        }
        ["'s", "’s"]
            .iter()
            .find(|p| w.ends_with(*p))
            .map_or(0, |p| p.len())
    }

    /// Token `j` is a capital letter and `j + 1` the period glued to it, before a capitalised
    /// word: the initial "F." in "John F. Kennedy".
    fn split_initial(&self, j: usize) -> bool {
        let w = self.t(j);
        w.chars().count() == 1
            && w.chars().all(char::is_uppercase)
            && self.t(j + 1) == "."
            && self.toks[j + 1].start == self.toks[j].end
            && self.is_cap(j + 2)
    }

    /// A lower-case word inside a personal name ("von der Leyen").
    fn is_particle(&self, w: &str) -> bool {
        self.lex.name_particles.contains(w)
    }

    /// The type the gazetteer or the document's learned names give a word, if any.
    fn known_kind(&self, w: &str) -> Option<EntityType> {
        let base = w.strip_suffix('s').unwrap_or(w);
        [w, base].iter().find_map(|x| {
            self.lex
                .known
                .get(*x)
                .or_else(|| self.names.and_then(|n| n.get(x)))
                .map(|k| k.kind)
        })
    }

    /// A name word that no lexicon knows and that is no English word either ("Huang", not "Smart").
    fn is_unknown_name(&self, i: usize) -> bool {
        let w = self.t(i);
        self.is_name_word(i)
            && !self.lex.known.contains_key(w)
            && !self.lex.words_en.contains(&w.to_lowercase())
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .any(char::is_lowercase)
            && !w.contains('-')
            && !self.is_compound_noun(w)
            && !self.lex.place_heads.contains(w)
    }

    /// A German compound whose head is a known noun ("Kundenvermögen" → "Vermögen"). Only the
    /// weak rules ask this: many surnames are noun compounds too ("Zuckerberg").
    fn is_compound_noun(&self, w: &str) -> bool {
        if self.lang != Lang::De {
            return false;
        }
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        (3..chars.len().saturating_sub(3)).any(|k| {
            let (b, c) = chars[k];
            let head: String = c
                .to_uppercase()
                .chain(w[b + c.len_utf8()..].chars())
                .collect();
            self.is_noun_form(&head)
        })
    }

    fn next_is_noun(&self, k: usize) -> bool {
        self.is_cap(k) && (self.lex.is_noun_de(self.t(k)) || self.is_role_word(k))
    }

    fn is_role_word(&self, i: usize) -> bool {
        let lower = self.t(i).to_lowercase();
        self.lex.roles.contains_key(&lower) || role_compound(&lower, self.lex).is_some()
    }

    /// Whether token `k` is an organisation noun, also inflected ("des Autobauers", "den
    /// US-Spezialisten", "des Konzerns") or as a compound head ("Saatgutkonzern").
    fn is_org_cue(&self, k: usize) -> bool {
        org_cue_word(&self.t(k).to_lowercase(), self.lang, self.lex)
    }

    /// Names introduced by a cue: "der Chiphersteller NVIDIA", "die Stadt Köln", "in Wörnitzstein",
    /// "Kreuz Weinheim".
    fn cued(&self, taken: &mut [bool], out: &mut Vec<Candidate>, orgs: bool) {
        let n = self.toks.len();
        if !orgs {
            self.place_heads(taken, out);
        }
        for i in 1..n {
            // After an explicit organisation noun even a word that is also a common noun is the
            // name ("der Softwarehersteller Mentor Graphics", "der Konzern Bayer").
            // (The cue test is the costly one, so it comes last.)
            let nameish = self.is_name_word(i)
                || orgs
                    && self.is_cap(i)
                    && !self.is_stop(self.t(i))
                    && !self.lex.titles.contains(self.t(i))
                    && self.is_org_cue(i - 1);
            if taken[i] || !nameish {
                continue;
            }
            let prev = self.t(i - 1);
            let lower = prev.to_lowercase();
            let org_cue = self.is_org_cue(i - 1);
            let place_noun = self.lex.place_nouns.contains(prev);
            let place_prep = self.lex.place_preps.contains(&lower)
                && matches!(
                    lower.as_str(),
                    "in" | "aus" | "nach" | "richtung" | "zwischen" | "bei" | "im"
                );
            let wanted = if orgs {
                org_cue
            } else {
                place_noun || place_prep
            };
            if !wanted {
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
                    normalize_org(&name),
                    None,
                    "org-cue",
                );
                // The cue covers a coordinated name too: "der Konkurrenten Dupont und Dow
                // Chemical", "die Autobauer BMW, Daimler und VW".
                let mut k = k;
                while k + 1 < n
                    && self.lex.list_separators.contains(&self.t(k).to_lowercase())
                    && !taken[k + 1]
                    && self.is_name_word(k + 1)
                {
                    let a = k + 1;
                    let mut b = a + 1;
                    while b < n && !taken[b] && self.is_name_word(b) && b - a < 3 {
                        b += 1;
                    }
                    let (s2, e2) = (self.toks[a].start, self.toks[b - 1].end);
                    let name = normalize_org(&self.text[s2..e2]);
                    self.push(
                        out,
                        taken,
                        (a, b, s2, e2),
                        EntityType::Organization,
                        name,
                        None,
                        "org-cue",
                    );
                    k = b;
                }
            } else if place_noun {
                // "Kreuz Weinheim" names the junction: the cue is part of the name.
                let s = self.toks[i - 1].start;
                self.push(
                    out,
                    taken,
                    (i - 1, k, s, end),
                    EntityType::Place,
                    self.text[s..end].to_owned(),
                    None,
                    "place-cue",
                );
            } else if self.lang == Lang::De && k == i + 1 && !self.toks[i].space_before {
                continue;
            } else if self.lang == Lang::De {
                self.push(
                    out,
                    taken,
                    (i, k, start, end),
                    EntityType::Place,
                    name,
                    None,
                    "place-preposition",
                );
            }
        }
    }

    /// "Berchtesgaden Hbf", "Leonberg-West", "Dreieck Hannover-Süd": a place name with a site word.
    fn place_heads(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len() {
            if taken[i] {
                continue;
            }
            let w = self.t(i);
            // "Leonberg-West"
            if let Some((a, b)) = w.rsplit_once('-') {
                if self.lex.place_heads.contains(b)
                    && a.chars().next().is_some_and(char::is_uppercase)
                    && !self.lex.is_noun_de(a)
                {
                    let (start, end) = (self.toks[i].start, self.toks[i].end);
                    self.push(
                        out,
                        taken,
                        (i, i + 1, start, end),
                        EntityType::Place,
                        w.to_owned(),
                        None,
                        "place-head",
                    );
                    continue;
                }
            }
            // "Berchtesgaden Hbf", "Grafing Bahnhof"
            let station = self.lex.station_heads.contains(self.t(i + 1));
            if i + 1 < self.toks.len()
                && !taken[i + 1]
                && (station || self.lex.place_heads.contains(self.t(i + 1)))
                && self.is_name_word(i)
                && !self.is_stop(w)
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
                    "place-head",
                );
            }
        }
    }

    /// "@SPIEGELONLINE", "@faznet": social-media handles in news feeds are mostly organisations.
    fn handles(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for i in 0..self.toks.len().saturating_sub(1) {
            if self.t(i) == "@"
                && !self.toks[i + 1].space_before
                && self.toks[i + 1].kind != TokenKind::Punct
                && !taken[i + 1]
            {
                let (start, end) = (self.toks[i].start, self.toks[i + 1].end);
                self.push(
                    out,
                    taken,
                    (i, i + 2, start, end),
                    EntityType::Organization,
                    self.text[start..end].to_owned(),
                    None,
                    "handle",
                );
            }
        }
    }

    /// "YPG", "BVB", "ZF": all-caps words are organisations unless listed as common acronyms.
    fn acronyms(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        // A whole line in capitals is a headline or a shouted header, not a list of names.
        let words = || self.toks.iter().filter(|t| t.kind == TokenKind::Word);
        let shouting = words().count() > 2
            && words().all(|t| t.text(self.text).chars().all(|c| !c.is_lowercase()));
        for i in 0..self.toks.len() {
            let w = self.t(i);
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            // English news agencies and papers: "ITAR-TASS", "AL-AHALI".
            let hyphenated = self.lang == Lang::En
                && w.contains('-')
                && w.split('-').all(|p| {
                    (2..=6).contains(&p.chars().count()) && p.chars().all(char::is_uppercase)
                });
            let acronym = ((2..=6).contains(&letters)
                && w.chars().all(|c| c.is_uppercase() || c == '&')
                || hyphenated)
                && !self.lex.not_org.contains(w)
                && !self.lex.not_name.contains(w)
                // Shouted words ("HEY", "NEW", "GO") and currency codes ("CHF") are no names.
                && !self.lex.words_en.contains(&w.to_lowercase())
                && !self.is_stop(w)
                && !self.lex.currencies.contains_key(w)
                && !is_road_like(w)
                && !self.lex.months.contains_key(w)
                && self
                    .known_kind(w)
                    .is_none_or(|k| k == EntityType::Organization);
            if acronym && !taken[i] && !shouting {
                let (start, end) = (self.toks[i].start, self.toks[i].end);
                self.push(
                    out,
                    taken,
                    (i, i + 1, start, end),
                    EntityType::Organization,
                    w.to_owned(),
                    None,
                    "acronym",
                );
            }
        }
    }

    /// "japanische", "griechischen", "deutsche": demonym adjectives name a country (German lower case).
    fn demonyms(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
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
            let lower = w.to_lowercase();
            let stem = ["en", "er", "es", "em", "e"]
                .iter()
                .find_map(|s| {
                    lower
                        .strip_suffix(s)
                        .filter(|b| self.lex.demonyms.contains_key(*b))
                })
                .or_else(|| {
                    self.lex
                        .demonyms
                        .contains_key(lower.as_str())
                        .then_some(lower.as_str())
                });
            // German demonyms are lower-case adjectives; English ones are capitalised ("German").
            let ok_case = match self.lang {
                Lang::De => true,
                Lang::En => self.is_cap(i),
            };
            // "Berliner", "Münchener", "Kölner": adjectives of cities.
            if stem.is_none() && self.lang == Lang::De && self.is_cap(i) {
                let base = w
                    .strip_suffix("er")
                    .or_else(|| w.strip_suffix("ern"))
                    .or_else(|| w.strip_suffix("ers"));
                if let Some(place) = base
                    .and_then(|b| self.lex.known.get(b))
                    .filter(|k| k.kind == EntityType::Place && k.weight >= 20_000)
                {
                    let label = place.label.clone();
                    self.push(
                        out,
                        taken,
                        (i, i + 1, self.toks[i].start, self.toks[i].end),
                        EntityType::Place,
                        label.clone(),
                        Some(label),
                        "city-adjective",
                    );
                    continue;
                }
            }
            if let (Some(stem), true) = (stem, ok_case) {
                let place = self.lex.demonyms[stem].clone();
                self.push(
                    out,
                    taken,
                    (i, i + 1, self.toks[i].start, self.toks[i].end),
                    EntityType::Place,
                    place.clone(),
                    Some(place),
                    "demonym",
                );
            }
        }
    }

    /// English source lines of monitoring reports: a place opens the line (after a report
    /// code), the source follows in capitals ("Tokyo NIHON KEIZAI SHIMBUN", "Cairo AL-AHALI in
    /// Arabic") or before its language ("Paris Radio Monte Carlo in Arabic 1700 GMT").
    fn source_lines(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
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
            self.lookup(surface, p)
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
            while c < n && c - q < 5 && self.is_cap(c) && !self.is_stop(self.t(c)) {
                c += 1;
            }
            let language = |x: usize| {
                let w = self.t(x);
                self.lex.not_name.contains(w) || self.lex.demonyms.contains_key(&w.to_lowercase())
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
            "gazetteer",
        );
        let (os, oe) = (self.toks[q].start, self.toks[e - 1].end);
        self.push(
            out,
            taken,
            (q, e, os, oe),
            EntityType::Organization,
            self.text[os..oe].to_owned(),
            None,
            "source-line",
        );
    }

    /// English: a run of capitalised words mid-sentence is a name; type it by its words.
    fn english_names(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        let caps = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| !c.is_lowercase())
        };
        // A whole line in capitals is shouting, not a list of names ("HEY DUDE").
        let words = || self.toks.iter().filter(|t| t.kind == TokenKind::Word);
        let shouting = words().count() > 2 && words().all(|t| caps(t.text(self.text)));
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
                    || (matches!(self.t(k), "of" | "for" | "&" | "de" | "and")
                        && self.is_name_word(k + 1)
                        && !taken[k + 1]))
            {
                k += 1;
            }
            let start = self.toks[i].start;
            let mut end = self.toks[k - 1].end;
            end -= self.possessive_bytes(k - 1);
            let name = self.text[start..end].to_owned();
            let words: Vec<&str> = name.split(' ').collect();
            let prev = self.t(i.wrapping_sub(1)).to_lowercase();
            // Type the run by its words: an organisation or place head word decides; a known
            // given name makes a person; a lone unknown word after "in" is a place, next to a
            // verb of saying a person.
            let last = *words.last().unwrap_or(&"");
            let next = self.t(k).to_lowercase();
            // "in Spanish": a language or demonym, not a place.
            let demonym = k == i + 1 && self.lex.demonyms.contains_key(&name.to_lowercase());
            let det = |x: usize| {
                let d = self.t(x).to_lowercase();
                self.lex.determiners.contains(&d) || d == "another"
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
                && !self.lex.words_en.contains(&name.to_lowercase());
            let all_caps = words.iter().all(|w| caps(w));
            // Capitals with common words in them are shouting too ("HEY DUDE").
            let shouted = all_caps
                && (shouting
                    || words
                        .iter()
                        .any(|w| self.lex.words_en.contains(&w.to_lowercase())));
            let kind = if demonym || shouted {
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
            } else if self.lex.place_heads.contains(last)
                || matches!(prev.as_str(), "in" | "near" | "at")
            {
                Some(EntityType::Place)
            } else if (words.len() >= 2 && self.lex.first_names.contains_key(words[0]))
                || (k == i + 1
                    && (self.lex.speech.contains(&prev) || self.lex.speech.contains(&next)))
                || (2..=3).contains(&words.len())
            {
                Some(EntityType::Person)
            } else {
                None
            };
            if let Some(kind) = kind {
                self.push(
                    out,
                    taken,
                    (i, k, start, end),
                    kind,
                    name,
                    None,
                    "english-capitalised",
                );
            }
            i = k;
        }
    }
}

/// "B200", "H100", "A380", "RTX4090", "GPT4": letters then digits, optional letter suffix.
pub fn is_model_code(w: &str) -> bool {
    let letters = w.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let rest = &w[letters..];
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let tail = &rest[digits..];
    (1..=4).contains(&letters)
        && (2..=5).contains(&digits)
        && tail.len() <= 3
        && tail.chars().all(|c| c.is_ascii_alphabetic())
}

/// German road numbers: "A9", "B27", "A 99", "B300", "L1140", "K12".
fn is_road_like(w: &str) -> bool {
    let mut c = w.chars();
    matches!(c.next(), Some('A' | 'B' | 'L' | 'K' | 'E' | 'S')) && {
        let rest: String = c.collect();
        !rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit())
    }
}

fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// An organisation's name without a leading article.
fn normalize_org(name: &str) -> String {
    for art in ["Die ", "Der ", "Das ", "The "] {
        if let Some(rest) = name.strip_prefix(art) {
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
        || lang == Lang::De
            && ["s", "es", "n", "en"].iter().any(|end| {
                lower
                    .strip_suffix(end)
                    .is_some_and(|b| b.chars().count() >= 4 && is(b))
            })
}

/// A compound whose head is an organisation noun: "Softwarekonzern", "Chiphersteller".
pub fn org_noun_compound(lower: &str, lex: &Lexicon) -> bool {
    // Every suffix after a prefix of at least three letters, longest first.
    lower
        .char_indices()
        .skip(3)
        .any(|(b, _)| lex.org_suffixes.contains(&lower[b..]))
}

/// The predicate of a role compound: "Konzernchef" → ceoOf via "chef", "NVIDIA-Chef" → ceoOf.
pub fn role_compound(lower: &str, lex: &Lexicon) -> Option<String> {
    if let Some(p) = lex.roles.get(lower) {
        return Some(p.clone());
    }
    let after_hyphen = lower.rsplit('-').next().unwrap_or(lower);
    if let Some(p) = lex.roles.get(after_hyphen) {
        return Some(p.clone());
    }
    // Heads of at least four letters ("chef", "gründer", "sprecher") after a noun of at least
    // four: the longest head wins ("Vorstandschef" is a "chef", not a "hef").
    lower
        .char_indices()
        .skip(4)
        .find_map(|(b, _)| lex.role_heads.get(&lower[b..]).cloned())
}
