//! Relation extraction: the patterns of [`patterns`] matched over a sentence's units, and the
//! verb frames of [`frames`] and noun frames of [`nouns`] read off its syntax.
//!
//! A sentence becomes a sequence of units: each resolved entity mention is one unit (a model
//! with its family, "Hopper H100", is one), each value ("350.000", "35 bis 40 Milliarden
//! US-Dollar") is one, every other token is a word. Patterns match units left to right with
//! lazy gaps, so the tightest reading wins. Co-occurrence alone never makes a fact: every fact
//! comes from a pattern whose id is its provenance.

pub mod args;
pub mod coref;
pub mod frames;
pub mod nouns;
pub mod patterns;
pub mod report;
pub mod unknown;

use self::patterns::{Bind, Elem, Pattern, SlotKind};
use crate::lexicon::{Lexicon, Post};
use crate::model::{EntityType, Lang};
use crate::text::segment::{Token, TokenKind};
use crate::text::{LowerCase, TokensLower};

/// A unit of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Byte span.
    pub start: usize,
    /// End of the byte span.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// Lower-cased text (for word matching).
    pub lower: String,
    /// What the unit is.
    pub kind: UnitKind,
}

/// The kinds of units.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind {
    /// A mention (index into the document's mentions) of an entity of this type.
    Entity(usize, EntityType),
    /// A value (index into the sentence's values).
    Value(usize, ValueClass),
    /// An anaphor for an organisation ("das Unternehmen").
    Anaphor,
    /// A word; `noun`: a capitalised common noun (German) or a content word (English).
    Word {
        /// Whether it can head a noun phrase.
        noun: bool,
        /// Whether it is the rest of a hyphen compound whose first part is a mention
        /// ("Kraftwerk" of "E.ON-Kraftwerk").
        compound: bool,
    },
    /// Punctuation.
    Punct,
}

/// Coarse value classes for slot matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueClass {
    /// Money.
    Money,
    /// Quantity.
    Quantity,
    /// Date.
    Date,
}

/// What a slot bound.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A mention in this sentence (document mention index).
    Mention(usize),
    /// An entity referred to by an anaphor or carried over as topic: mention index of the antecedent,
    /// and the byte span of the referring expression (if any).
    Antecedent(usize, Option<(usize, usize)>),
    /// A value of this sentence (index into its values).
    Value(usize),
    /// A noun phrase: byte span of its head and the label.
    Phrase(usize, usize, String),
    /// A thing without a name that belongs to its document, read off a common noun ("das
    /// Parlamentsgebäude in Athen", "seine Zivilflugzeugsparte"): byte span of the phrase, its
    /// label and the type its noun says ([`crate::EntityKey::local`]).
    Local(usize, usize, String, EntityType),
}

/// A pattern match, before it becomes a [`crate::model::Fact`].
#[derive(Debug, Clone, PartialEq)]
pub struct RawFact {
    /// Predicate.
    pub predicate: String,
    /// Subject.
    pub subject: Arg,
    /// Object.
    pub object: Arg,
    /// Quantity qualifier (value index).
    pub quantity: Option<usize>,
    /// Date qualifier (value index).
    pub date: Option<usize>,
    /// Confidence.
    pub confidence: f32,
    /// Pattern or frame id.
    pub rule: String,
    /// `intention` or `possibility` when the text says the fact may happen (frames only).
    pub modality: Option<&'static str>,
    /// Whether the predicate is a verb's lemma outside the ontology (an open relation).
    pub open: bool,
}

/// Discourse context a sentence can refer back to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The previous sentence's topic: its first mention, when that opened the sentence.
    pub topic: Option<usize>,
    /// The most recent organisation mention before this sentence.
    pub last_org: Option<usize>,
}

#[derive(Debug, Clone, Default)]
struct Bindings {
    /// A list slot binds several ("von Anna Berger und Jonas Pfeiffer Quelle: …").
    subjects: Vec<Arg>,
    objects: Vec<Arg>,
    quantity: Option<usize>,
    date: Option<usize>,
    role: Option<String>,
    /// The role is a post its holder held before ("der frühere Chef"): modality `former`.
    former: bool,
}

/// Builds units from tokens (`low`: their lower case), mentions (`(start, end, doc index, type,
/// family_start)`) and values.
// Every argument is a distinct input of the units; a struct would only add noise.
#[allow(clippy::too_many_arguments)]
pub fn units(
    text: &str,
    toks: &[Token],
    low: &TokensLower,
    mentions: &[(usize, usize, usize, EntityType)],
    values: &[(usize, usize, ValueClass)],
    lang: Lang,
    lex: &Lexicon,
) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    let mut pair = String::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = toks[i];
        if let Some((vi, &(first, last, class))) = values.iter().enumerate().find(|(_, v)| v.0 == i)
        {
            let (start, end) = (toks[first].start, toks[last - 1].end);
            out.push(Unit {
                start,
                end,
                text: text[start..end].to_owned(),
                lower: text[start..end].lower_case(),
                kind: UnitKind::Value(vi, class),
            });
            i = last;
            continue;
        }
        if let Some(&(s, e, m, kind)) = mentions.iter().find(|m| m.0 >= tok.start && m.0 < tok.end)
        {
            out.push(Unit {
                start: s,
                end: e,
                text: text[s..e].to_owned(),
                lower: text[s..e].lower_case(),
                kind: UnitKind::Entity(m, kind),
            });
            // Skip the tokens the mention covers; a compound's remainder becomes a word.
            let mut j = i;
            while j < toks.len() && toks[j].end <= e {
                j += 1;
            }
            if j < toks.len() && toks[j].start < e {
                let rest_start = text[e..toks[j].end]
                    .find(|c: char| c != '-')
                    .map_or(toks[j].end, |o| e + o);
                if rest_start < toks[j].end {
                    let w = &text[rest_start..toks[j].end];
                    let lower = w.lower_case();
                    out.push(Unit {
                        start: rest_start,
                        end: toks[j].end,
                        text: w.to_owned(),
                        kind: UnitKind::Word {
                            noun: is_noun(w, &lower, lang, lex),
                            compound: true,
                        },
                        lower,
                    });
                }
                j += 1;
            }
            i = j.max(i + 1);
            continue;
        }
        let w = tok.text(text);
        let lower = low.get(i);
        // "das Unternehmen", "der Konzern"
        // (Most words start no anaphor: no pair is made for them.)
        if i + 1 < toks.len() && lex.may_start_anaphor(lower) {
            let next = low.get(i + 1);
            pair.clear();
            pair.push_str(lower);
            pair.push(' ');
            pair.push_str(next);
            if lex.anaphors.contains(&pair) {
                out.push(Unit {
                    start: tok.start,
                    end: toks[i + 1].end,
                    text: text[tok.start..toks[i + 1].end].to_owned(),
                    lower: pair.clone(),
                    kind: UnitKind::Anaphor,
                });
                i += 2;
                continue;
            }
        }
        let kind = if tok.kind == TokenKind::Punct {
            UnitKind::Punct
        } else {
            UnitKind::Word {
                noun: is_noun(w, lower, lang, lex),
                compound: false,
            }
        };
        out.push(Unit {
            start: tok.start,
            end: tok.end,
            text: w.to_owned(),
            lower: lower.to_owned(),
            kind,
        });
        i += 1;
    }
    out
}

/// Whether word `w` (`lower` in lower case) can head a noun phrase.
fn is_noun(w: &str, lower: &str, lang: Lang, lex: &Lexicon) -> bool {
    if lex.stopwords.contains_key(lower) {
        return false;
    }
    match lang {
        Lang::De => w.chars().next().is_some_and(char::is_uppercase),
        Lang::En => w.chars().next().is_some_and(char::is_alphabetic),
    }
}

/// The patterns of one language by anchor word: each pattern with anchor words (fixed words
/// that must all occur in a sentence, [`Pattern::anchors`]) is listed under the words of one of
/// its anchor sets, so a sentence tries only the patterns one of its words is listed for,
/// instead of testing every pattern's anchors against the sentence's words.
#[derive(Debug, Clone, Default)]
pub struct AnchorIndex {
    /// Positions (in the list the index was made from) of the patterns listed under a word.
    by_word: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// Positions of the patterns without anchor words, tried in every sentence.
    unanchored: Vec<u32>,
    /// How many patterns the index was made from.
    len: usize,
}

impl AnchorIndex {
    /// The index of `patterns`, whose order [`extract`] keeps. A pattern is listed under the
    /// anchor set whose shortest word is longest (short words such as "von" or "," occur in
    /// most sentences).
    pub fn new(patterns: &[&Pattern]) -> AnchorIndex {
        let mut index = AnchorIndex {
            len: patterns.len(),
            ..AnchorIndex::default()
        };
        for (pos, p) in patterns.iter().enumerate() {
            let pos = u32::try_from(pos).expect("fewer than 2^32 patterns");
            let rarest = p
                .anchors
                .iter()
                .max_by_key(|alts| alts.iter().map(|a| a.chars().count()).min());
            match rarest {
                None => index.unanchored.push(pos),
                Some(alts) => {
                    for a in alts {
                        let listed = index.by_word.entry(a.clone()).or_default();
                        if listed.last() != Some(&pos) {
                            listed.push(pos);
                        }
                    }
                }
            }
        }
        index
    }

    /// The positions of the patterns a sentence with these (lower-case) words tries, in
    /// order: those without anchors and those listed under one of the words. The others lack
    /// every word of one anchor set and could not match.
    fn tried(&self, words: &rustc_hash::FxHashSet<&str>) -> impl Iterator<Item = u32> {
        let mut tried = self.unanchored.clone();
        for w in words {
            if let Some(listed) = self.by_word.get(*w) {
                tried.extend_from_slice(listed);
            }
        }
        tried.sort_unstable();
        tried.dedup();
        tried.into_iter()
    }
}

/// Runs all patterns over a sentence's units.
pub fn extract(
    units: &[Unit],
    patterns: &[&Pattern],
    index: &AnchorIndex,
    ctx: Context,
    lex: &Lexicon,
    lang: Lang,
) -> Vec<RawFact> {
    assert_eq!(
        index.len,
        patterns.len(),
        "the anchor index is of another pattern list"
    );
    let mut out = Vec::new();
    // The sentence's words once, so that a pattern whose fixed words are absent costs a few
    // lookups instead of a scan.
    let words: rustc_hash::FxHashSet<&str> = units.iter().map(|u| u.lower.as_str()).collect();
    for p in index.tried(&words).map(|pos| patterns[pos as usize]) {
        if !p
            .anchors
            .iter()
            .all(|alts| alts.iter().any(|a| words.contains(a.as_str())))
        {
            continue;
        }
        let m = Matcher {
            units,
            pattern: p,
            ctx,
            lex,
            lang,
        };
        let mut start = 0;
        while start < units.len() {
            if m.embedded_subject(start) {
                start += 1;
                continue;
            }
            let mut b = Bindings::default();
            if let Some(end) = m.run(0, start, &mut b) {
                if !m.negated(start, end) {
                    m.emit(&b, m.modality(start, end), &mut out);
                }
                start = end.max(start + 1);
            } else {
                start += 1;
            }
        }
    }
    out
}

struct Matcher<'a> {
    units: &'a [Unit],
    pattern: &'a Pattern,
    ctx: Context,
    lex: &'a Lexicon,
    lang: Lang,
}

impl Matcher<'_> {
    /// Matches elements from `pi` at unit `ui`; returns the unit index after the match.
    fn run(&self, pi: usize, ui: usize, b: &mut Bindings) -> Option<usize> {
        let Some(elem) = self.pattern.elems.get(pi) else {
            return Some(ui);
        };
        match elem {
            Elem::Word(alts) => {
                let u = self.units.get(ui)?;
                alts.iter()
                    .any(|a| word_matches(a, &u.lower))
                    .then_some(())?;
                self.run(pi + 1, ui + 1, b)
            }
            Elem::Gap { max, commas } => {
                // A gap before a person or organisation slot does not skip a product or an
                // amount: in "Meta kauft 350.000 H100 von NVIDIA" NVIDIA is not what is bought.
                let guarded = matches!(
                    self.pattern.elems.get(pi + 1),
                    Some(Elem::Slot { kind: SlotKind::Entity(t), .. })
                        if t.iter().any(|k| matches!(k, EntityType::Organization | EntityType::Person))
                            && !t.contains(&EntityType::Product)
                );
                for len in 0..=*max {
                    if len > 0 {
                        let u = self.units.get(ui + len - 1)?;
                        if guarded
                            && matches!(
                                u.kind,
                                UnitKind::Entity(_, EntityType::Product)
                                    | UnitKind::Value(_, ValueClass::Quantity | ValueClass::Money)
                            )
                        {
                            return None;
                        }
                        if matches!(u.lower.as_str(), "." | ";" | ":" | "(" | ")" | "?" | "!")
                            || (!commas && u.lower == ",")
                        {
                            return None;
                        }
                    }
                    // Nor does it end in a preposition of source before the name ("kauft B200
                    // von NVIDIA", "kauft ihre Motoren bei der Nordlicht GmbH ein"): the name is
                    // where something comes from, not the verb's object.
                    if guarded && self.ends_in_source(ui, ui + len) {
                        continue;
                    }
                    let saved = b.clone();
                    if let Some(end) = self.run(pi + 1, ui + len, b) {
                        return Some(end);
                    }
                    *b = saved;
                }
                None
            }
            Elem::Not(words) => {
                let blocked = self.units.get(ui).is_some_and(|u| {
                    words.iter().any(|w| match (w.as_str(), &u.kind) {
                        ("PER", UnitKind::Entity(_, t)) => *t == EntityType::Person,
                        ("ORG", UnitKind::Entity(_, t)) => *t == EntityType::Organization,
                        ("PROD", UnitKind::Entity(_, t)) => *t == EntityType::Product,
                        // A station is a place, as in the `LOC` slot.
                        ("LOC", UnitKind::Entity(_, t)) => {
                            matches!(t, EntityType::Place | EntityType::TrainStation)
                        }
                        _ => *w == u.lower,
                    })
                });
                if blocked {
                    None
                } else {
                    self.run(pi + 1, ui, b)
                }
            }
            Elem::Optional(inner) => {
                let saved = b.clone();
                if let Some(next) = self.one(inner, ui, b) {
                    if let Some(end) = self.run(pi + 1, next, b) {
                        return Some(end);
                    }
                }
                *b = saved;
                self.run(pi + 1, ui, b)
            }
            Elem::Slot { .. } => {
                let next = self.one(elem, ui, b)?;
                // An organisation or person that ends the pattern but begins a hyphen compound
                // is the compound's modifier, not the argument: "kaufte E.ON-Kraftwerk" bought a
                // power plant. (A product's compound says what it is: "40 Z470-Motoren".)
                let last = pi + 1 == self.pattern.elems.len();
                let modifier = next > ui
                    && matches!(
                        self.units[next - 1].kind,
                        UnitKind::Entity(_, EntityType::Organization | EntityType::Person)
                    )
                    && self
                        .units
                        .get(next)
                        .is_some_and(|u| matches!(u.kind, UnitKind::Word { compound: true, .. }));
                if last && modifier {
                    return None;
                }
                self.run(pi + 1, next, b)
            }
        }
    }

    /// Matches a single (non-gap) element at `ui`, returning the next unit index.
    fn one(&self, elem: &Elem, ui: usize, b: &mut Bindings) -> Option<usize> {
        match elem {
            Elem::Word(alts) => {
                let u = self.units.get(ui)?;
                alts.iter()
                    .any(|a| word_matches(a, &u.lower))
                    .then_some(ui + 1)
            }
            Elem::Slot { kind, bind, list } => {
                let (arg, mut next) = self.slot(kind, ui, b)?;
                let mut args = vec![arg];
                if *list {
                    // ", B", ", C und D"
                    loop {
                        let sep = self.units.get(next).map(|u| u.lower.as_str());
                        if !sep.is_some_and(|w| self.lex.list_separators.contains(w)) {
                            break;
                        }
                        match self.slot(kind, next + 1, b) {
                            Some((a, n)) => {
                                args.push(a);
                                next = n;
                            }
                            None => break,
                        }
                    }
                }
                for arg in args {
                    match bind {
                        Bind::Subject => b.subjects.push(arg),
                        Bind::Object => b.objects.push(arg),
                        Bind::Quantity => b.quantity = value_index(&arg),
                        Bind::Date => b.date = value_index(&arg),
                        Bind::None => {}
                    }
                }
                Some(next)
            }
            Elem::Optional(inner) => self.one(inner, ui, b),
            Elem::Gap { .. } | Elem::Not(_) => None,
        }
    }

    fn slot(&self, kind: &SlotKind, ui: usize, b: &mut Bindings) -> Option<(Arg, usize)> {
        if *kind == SlotKind::Topic {
            return self.ctx.topic.map(|m| (Arg::Antecedent(m, None), ui));
        }
        let u = self.units.get(ui)?;
        // A handle ("@Elbwerft") names who posted, not who acts or where anything is: it fills no
        // slot, as it is no argument of an open relation either (`pipeline.rs`).
        if matches!(u.kind, UnitKind::Entity(..)) && u.text.starts_with('@') {
            return None;
        }
        match (kind, &u.kind) {
            (SlotKind::Entity(types), UnitKind::Entity(m, t))
                if types.is_empty() || types.contains(t) =>
            {
                Some((Arg::Mention(*m), ui + 1))
            }
            (SlotKind::EntityOrNp(types), UnitKind::Entity(m, t)) if types.contains(t) => {
                Some((Arg::Mention(*m), ui + 1))
            }
            (SlotKind::EntityOrNp(_) | SlotKind::NounPhrase, UnitKind::Word { .. }) => {
                self.noun_phrase(ui)
            }
            (SlotKind::Ref, UnitKind::Entity(m, EntityType::Organization)) => {
                Some((Arg::Mention(*m), ui + 1))
            }
            (SlotKind::Ref, UnitKind::Anaphor) => self
                .ctx
                .last_org
                .map(|m| (Arg::Antecedent(m, Some((u.start, u.end))), ui + 1)),
            (SlotKind::Money, UnitKind::Value(v, ValueClass::Money))
            | (SlotKind::Quantity, UnitKind::Value(v, ValueClass::Quantity))
            | (SlotKind::Date, UnitKind::Value(v, ValueClass::Date)) => {
                Some((Arg::Value(*v), ui + 1))
            }
            (SlotKind::OrgNoun, UnitKind::Word { .. })
                if crate::entities::org_cue_word(&u.lower, self.lang, self.lex) =>
            {
                Some((Arg::Phrase(u.start, u.end, u.lower.clone()), ui + 1))
            }
            (SlotKind::Role | SlotKind::Post, UnitKind::Word { .. }) => {
                // `POST`: a government's role noun only ("Ministerpräsident", a compound
                // "Wirtschaftsminister"), whose polity the pattern names; never a company's
                // ("Deutschland-Chef" of a company is no post of Germany's).
                let post_slot = *kind == SlotKind::Post;
                if post_slot && !self.lex.is_polity_role(self.lang, &u.lower) {
                    return None;
                }
                // Multi-word roles first: "vice president", "chief executive officer".
                // (Only after a word that begins a role of several words: the joined phrase's
                // first word is this unit's, up to its first space.)
                let first = u.lower.split(' ').next().unwrap_or_default();
                let several = if !post_slot && self.lex.starts_multiword_role(first) {
                    &[3, 2][..]
                } else {
                    &[]
                };
                for &n in several {
                    let Some(us) = self.units.get(ui..ui + n) else {
                        continue;
                    };
                    let phrase = us.iter().map(|u| u.lower.as_str()).collect::<Vec<_>>();
                    if let Some(pred) = self.lex.roles.get(&phrase.join(" ")) {
                        let before = ui.checked_sub(1).map(|k| self.units[k].lower.as_str());
                        let post = self.lex.post_qualifier(self.lang, before, phrase[0]);
                        b.former = post == Some(Post::Former);
                        b.role = Some(Post::predicate(post, pred.clone()));
                        let (s, e) = (us[0].start, us[n - 1].end);
                        return Some((Arg::Phrase(s, e, phrase.join(" ")), ui + n));
                    }
                }
                // The rest of a compound after a name ("EU-Parlamentschef") gives its
                // predicate only when it is a role of its own: "Intel-Chef" heads Intel, but a
                // parliament's head does not head the EU, and "VW-Markenchef" heads a brand, not
                // VW. Such a person works for the name's organisation.
                let compound_rest = ui > 0
                    && self.units[ui - 1].end + 1 == u.start
                    && matches!(self.units[ui - 1].kind, UnitKind::Entity(..));
                let pred = if compound_rest {
                    match crate::entities::listed_role(&u.lower, self.lex, self.lang) {
                        Some(p) => p.clone(),
                        None => crate::entities::role_compound(&u.lower, self.lex, self.lang)
                            .map(|_| "worksFor".to_owned())?,
                    }
                } else {
                    crate::entities::role_compound(&u.lower, self.lex, self.lang)?
                };
                // A former post is no present fact ("der frühere Siemens-Chef", "Ex-Chef"): the
                // fact is marked `former`. A deputy works for the organisation and does not lead
                // it ("der stellvertretende Vorsitzende der Nordpartei"). The word before the
                // role, or before the name its compound begins with.
                // A government post's polity may stand between ("der frühere bayerische
                // Ministerpräsident", "Frankreichs ehemaliger Präsident"): the word before the
                // polity's name or adjective counts too.
                let skip_polity = post_slot
                    && !compound_rest
                    && ui > 0
                    && matches!(self.units[ui - 1].kind, UnitKind::Entity(..));
                let before = ui
                    .checked_sub(if compound_rest || skip_polity { 2 } else { 1 })
                    .map(|k| self.units[k].lower.as_str());
                let post = self.lex.post_qualifier(self.lang, before, &u.lower);
                b.former = post == Some(Post::Former);
                b.role = Some(Post::predicate(post, pred));
                Some((Arg::Phrase(u.start, u.end, u.lower.clone()), ui + 1))
            }
            (SlotKind::Appos, UnitKind::Punct) if u.lower == "," => {
                // ", CEO von NVIDIA," — up to eight units to the closing comma, no verb-like break.
                let mut k = ui + 1;
                while k < self.units.len() && k - ui <= 8 {
                    match self.units[k].lower.as_str() {
                        "," => {
                            return (k > ui + 1)
                                .then_some((Arg::Phrase(0, 0, String::new()), k + 1))
                        }
                        w if self.lex.apposition_stops.has_any(w) => return None,
                        _ => k += 1,
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// [det] [adj]* noun — German heads are capitalised nouns, English the last content word.
    fn noun_phrase(&self, ui: usize) -> Option<(Arg, usize)> {
        let mut k = ui;
        let is_det = |w: &str| self.lex.determiners.contains(w);
        if self.units.get(k).is_some_and(|u| is_det(&u.lower)) {
            k += 1;
        }
        match self.lang {
            Lang::De => {
                // Quantifying adjectives are skipped; descriptive ones stay in the label
                // ("künstliche Intelligenz"), so the phrase starts at the first of those.
                while self
                    .units
                    .get(k)
                    .is_some_and(|u| self.lex.quantifiers.contains(&u.lower))
                {
                    k += 1;
                }
                let first = k;
                while let Some(u) = self.units.get(k) {
                    let adj = matches!(u.kind, UnitKind::Word { .. })
                        && u.text.chars().next().is_some_and(char::is_lowercase)
                        && self
                            .lex
                            .adjective_endings
                            .of(self.lang)
                            .any(|end| u.lower.ends_with(end))
                        && !self.lex.stopwords.contains_key(&u.lower);
                    if !adj {
                        break;
                    }
                    k += 1;
                }
                let u = self.units.get(k)?;
                matches!(u.kind, UnitKind::Word { noun: true, .. }).then_some(())?;
                u.text.chars().next().filter(|c| c.is_uppercase())?;
                // A word the noun list does not know, right before another capitalised word,
                // is likelier the first word of a name the recognizer missed ("Betreiber von
                // Hard Candy Fitness") than a phrase of its own: no phrase, rather than "Hard".
                let next_capitalised = self.units.get(k + 1).is_some_and(|n| {
                    matches!(
                        n.kind,
                        UnitKind::Word { noun: true, .. } | UnitKind::Entity(..)
                    ) && n.start > u.end
                        && n.text.starts_with(char::is_uppercase)
                });
                if next_capitalised && !self.lex.is_noun_or_compound_de(&u.text) {
                    return None;
                }
                let label = self.units[first..=k]
                    .iter()
                    .map(|u| u.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                Some((Arg::Phrase(self.units[first].start, u.end, label), k + 1))
            }
            Lang::En => {
                let first = k;
                while let Some(u) = self.units.get(k) {
                    if !matches!(u.kind, UnitKind::Word { noun: true, .. }) {
                        break;
                    }
                    k += 1;
                }
                (k > first).then_some(())?;
                let (s, e) = (self.units[first].start, self.units[k - 1].end);
                let label = self.units[first..k]
                    .iter()
                    .map(|u| u.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                Some((Arg::Phrase(s, e, label), k))
            }
        }
    }

    /// Whether a pattern that opens with its subject, a verb's word after it ("ORG:s will …",
    /// "ORG:s übernimmt …"), would take for it a name that is part of a phrase before the verb:
    /// the object of a preposition ("Nach dem Verkauf von Osram will Siemens …", "Laut
    /// Siemens …": `phraseprep` in grammar.tsv, perhaps with an article between) or a genitive
    /// attribute of a noun ("Laut einem Bericht des Handelsblatts will Daimler …", "Der Chef
    /// des Handelsblatts will …"). German puts one phrase before the finite verb, so such a name
    /// is not the one before the verb and not the subject; the subject follows the verb, where
    /// the verb frames find it. A role pattern's apposition ("PER:s , ROLE …") describes its
    /// person wherever it stands and is not limited, nor is a phrase without a verb ("ORG:s in
    /// LOC:o"), nor an English pattern (its word order puts the subject before the verb).
    fn embedded_subject(&self, start: usize) -> bool {
        let opens_with_subject = matches!(
            self.pattern.elems.first(),
            Some(Elem::Slot {
                bind: Bind::Subject,
                kind: SlotKind::Entity(_),
                ..
            })
        );
        if !opens_with_subject
            || self.lang != Lang::De
            || self.pattern.predicate == "$role"
            || !matches!(self.units[start].kind, UnitKind::Entity(..))
        {
            return false;
        }
        // The verb's word right after the subject, a form of the German verb list: "ORG:s in
        // LOC:o" ("zum Flughafen in München") is a phrase of its own, which may stand anywhere.
        // Asked last: the other tests are cheaper.
        let verb_next = || {
            matches!(
                self.pattern.elems.get(1),
                Some(Elem::Word(alts)) if alts.iter().all(|a| {
                    tripel_analysis::features::Lexicons::get().is_verb_form(a)
                })
            )
        };
        let mut k = start;
        // An article or adjective between the preposition and the name.
        while k > 0
            && matches!(self.units[k - 1].kind, UnitKind::Word { noun: false, .. })
            && self.lex.determiners.contains(&self.units[k - 1].lower)
        {
            k -= 1;
            // "des Handelsblatts", "der Süddeutschen Zeitung" after a noun: a genitive.
            if self
                .lex
                .genitive_determiners
                .has(self.lang, &self.units[k].lower)
                && k > 0
                && matches!(self.units[k - 1].kind, UnitKind::Word { noun: true, .. })
                && k + 1 == start
            {
                return verb_next();
            }
        }
        k > 0
            && self
                .lex
                .phrase_prepositions
                .has(self.lang, &self.units[k - 1].lower)
            && verb_next()
    }

    /// Whether the units `from..to` (a gap) end in a preposition of source (`sourceprep` in
    /// grammar.tsv), perhaps followed by a determiner ("von", "bei der").
    fn ends_in_source(&self, from: usize, to: usize) -> bool {
        let mut k = to;
        if k > from && self.lex.determiners.contains(&self.units[k - 1].lower) {
            k -= 1;
        }
        k > from
            && self
                .lex
                .source_prepositions
                .has(self.lang, &self.units[k - 1].lower)
    }

    /// Whether the match `start..end` is denied: a negation among its words ("will die
    /// Nordlicht GmbH nicht übernehmen", "fusioniert nicht mit"), or, after a match that ends
    /// with its object, among the last words of the clause, where a main clause puts it
    /// ("übernimmt die Nordlicht GmbH nicht."). Not a negation that only focuses ("nicht nur
    /// die Nordlicht GmbH": `negfocus` in grammar.tsv) or that a contrast within the match
    /// turns round ("nicht dem Schiffbau, sondern der Windkraft": `contrast`). The frames read
    /// the same off the parse ([`frames`]); a pattern sees only the words, so it looks at
    /// them. Words after the object are read only to the next punctuation and only three of them:
    /// "Elbwerft-Chef Jonas Pfeiffer wollte sich nicht äußern" denies nothing of the post.
    fn negated(&self, start: usize, end: usize) -> bool {
        let negation = |k: usize| self.negation_at(k);
        let inside = (start..end).any(|k| {
            negation(k)
                && !self.units[k + 1..end]
                    .iter()
                    .any(|u| self.lex.contrasts.has(self.lang, &u.lower))
        });
        if inside {
            return true;
        }
        if matches!(self.pattern.elems.first(), Some(Elem::Word(_)))
            && self.event_denied(start, end)
        {
            return true;
        }
        // "Weder die Elbwerft AG noch die Nordlicht GmbH wollen …": a negated coordination in
        // the match's clause, before or in the match, denies it.
        let (clause_start, _) = self.clause_of(start, end);
        if self.units[clause_start..end]
            .iter()
            .any(|u| self.lex.negated_coordinations.has(self.lang, &u.lower))
        {
            return true;
        }
        if !self.ends_with_object() {
            return false;
        }
        let rest = self.units[end..]
            .iter()
            .take_while(|u| u.kind != UnitKind::Punct)
            .count();
        rest <= 3 && (end..end + rest).any(negation)
    }

    /// Whether unit `k` is a negation that denies: not one a focus word follows ("nicht nur").
    fn negation_at(&self, k: usize) -> bool {
        self.lex.negates(self.lang, &self.units[k].lower)
            && !self
                .units
                .get(k + 1)
                .is_some_and(|u| self.lex.negation_focus.has(self.lang, &u.lower))
    }

    /// The clause a match `start..end` stands in: the units between the punctuation before and
    /// after it.
    fn clause_of(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.units[..start]
            .iter()
            .rposition(|u| u.kind == UnitKind::Punct)
            .map_or(0, |k| k + 1);
        let last = self.units[end..]
            .iter()
            .position(|u| u.kind == UnitKind::Punct)
            .map_or(self.units.len(), |k| end + k);
        (first, last)
    }

    /// Whether the pattern ends with its object slot, as a verb's main clause does ("ORG:s
    /// übernimmt ... ORG:o").
    fn ends_with_object(&self) -> bool {
        matches!(
            self.pattern.elems.last(),
            Some(Elem::Slot {
                bind: Bind::Object,
                ..
            })
        )
    }

    /// Whether the clause around a match that opens with the pattern's own word, an event
    /// noun ("Übernahme des|der … durch ORG:s"), says the event did not happen: a verb that
    /// denies or ends it ("Die Übernahme der X durch Y ist gescheitert", "… lehnt die Übernahme
    /// der X durch Y ab": `denyverb` in grammar.tsv, by lemma with a particle that closes the
    /// clause) or a negation ("… ist nicht zustande gekommen"). The clause: the words between
    /// the punctuation before and after the match.
    fn event_denied(&self, start: usize, end: usize) -> bool {
        let (first, last) = self.clause_of(start, end);
        let particle = self.units[first..last]
            .last()
            .filter(|u| matches!(u.kind, UnitKind::Word { .. }))
            .map_or("", |u| u.lower.as_str());
        (first..last).any(|k| {
            let u = &self.units[k];
            if !matches!(u.kind, UnitKind::Word { .. }) {
                return false;
            }
            let lemma = self.lemma(&u.lower);
            self.negation_at(k)
                || self.lex.deny_verbs.has(self.lang, lemma)
                || self
                    .lex
                    .deny_verbs
                    .has(self.lang, &format!("{particle}{lemma}"))
        })
    }

    /// A word's lemma as far as the patterns need one ([`surface_lemma`]).
    fn lemma<'w>(&self, lower: &'w str) -> &'w str {
        surface_lemma(self.lang, lower)
    }

    /// The modality the pattern's own words give the match: a modal or a verb of intention
    /// the pattern names ("ORG:s will|möchte|plant ,,, ORG:o ... übernehmen", "wird|soll …
    /// übernommen"), as the frames read it off a verb's auxiliaries (`modalintent`,
    /// `intentverb`, `modalpossible` in grammar.tsv, by lemma: a German form through the verb
    /// list). Not a word a gap skipped: in "will Kunden an den Konkurrenten X verlieren" the
    /// rival is no intention.
    fn modality(&self, start: usize, end: usize) -> Option<&'static str> {
        // "If Harbor Corp. acquires Kelmore Inc., …": a condition opening the match's clause
        // (`condmark`), as the frames read it off the verb's `mark`.
        let (clause_start, _) = self.clause_of(start, end);
        if self.units[clause_start..start]
            .iter()
            .any(|u| self.lex.condition_marks.has(self.lang, &u.lower))
        {
            return Some("possibility");
        }
        // "Kauft die Elbwerft AG die Nordlicht GmbH?": a question asserts nothing of a verb's
        // match (one that ends with its object, as a verb's clause does).
        if self.units.last().is_some_and(|u| u.lower == "?") && self.ends_with_object() {
            return Some("possibility");
        }
        // "Die geplante Übernahme der X durch Y": an adjective of intention or possibility
        // right before an event pattern's noun, as the noun frames read it.
        if matches!(self.pattern.elems.first(), Some(Elem::Word(_))) {
            let words = frames::Words {
                lex: self.lex,
                lang: self.lang,
            };
            for u in self.units[start.saturating_sub(2)..start].iter().rev() {
                if !matches!(u.kind, UnitKind::Word { .. }) {
                    break;
                }
                let stem = nouns::strip_ending(&u.lower, &words);
                if self.lex.intention_adjectives.has(self.lang, stem) {
                    return Some("intention");
                }
                if self.lex.possibility_adjectives.has(self.lang, stem) {
                    return Some("possibility");
                }
            }
        }
        let fixed = |w: &str| {
            self.pattern.elems.iter().any(|e| {
                let e = match e {
                    Elem::Optional(inner) => inner.as_ref(),
                    e => e,
                };
                matches!(e, Elem::Word(alts) if alts.iter().any(|a| word_matches(a, w)))
            })
        };
        for u in &self.units[start..end] {
            if !matches!(u.kind, UnitKind::Word { .. }) || !fixed(&u.lower) {
                continue;
            }
            // "Jonas Pfeiffer war Chef der Elbwerft AG": the post was held, as after "der
            // frühere Chef" (`formerrole`).
            if self.pattern.predicate == "$role" && self.lex.past_copulas.has(self.lang, &u.lower) {
                return Some("former");
            }
            let lemma = self.lemma(&u.lower);
            if self.lex.modals_of_intention.has(self.lang, lemma)
                || self.lex.intention_verbs.has(self.lang, lemma)
            {
                return Some("intention");
            }
            if self.lex.modals_of_possibility.has(self.lang, lemma) {
                return Some("possibility");
            }
        }
        None
    }

    fn emit(&self, b: &Bindings, modality: Option<&'static str>, out: &mut Vec<RawFact>) {
        let predicate = if self.pattern.predicate == "$role" {
            match &b.role {
                Some(r) => r.clone(),
                None => return,
            }
        } else {
            self.pattern.predicate.clone()
        };
        for subject in &b.subjects {
            for object in &b.objects {
                out.push(RawFact {
                    predicate: predicate.clone(),
                    subject: subject.clone(),
                    object: object.clone(),
                    quantity: b.quantity,
                    date: b.date,
                    confidence: self.pattern.confidence,
                    rule: self.pattern.id.clone(),
                    modality: if b.former { Some("former") } else { modality },
                    open: false,
                });
            }
        }
    }
}

fn value_index(arg: &Arg) -> Option<usize> {
    match arg {
        Arg::Value(v) => Some(*v),
        _ => None,
    }
}

fn word_matches(alt: &str, word: &str) -> bool {
    if let Some(prefix) = alt.strip_suffix('*') {
        return word.starts_with(prefix);
    }
    if let Some(suffix) = alt.strip_prefix('*') {
        return word.ends_with(suffix);
    }
    alt == word
}

/// A lower-case word's lemma where no parse gives one (patterns, report cues): a German verb
/// form's through the verb list, else the word itself.
pub(crate) fn surface_lemma(lang: Lang, lower: &str) -> &str {
    match lang {
        Lang::De => tripel_analysis::features::Lexicons::get()
            .verb_lemma(lower, "")
            .unwrap_or(lower),
        Lang::En => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::{patterns, AnchorIndex};
    use crate::lexicon::Lexicon;
    use crate::model::Lang;
    use rustc_hash::FxHashSet;

    /// A sentence that has one word of each anchor set of a pattern tries the pattern, whichever
    /// word of a set it has; a sentence without anchor words tries only the unanchored ones.
    #[test]
    fn the_anchor_index_tries_every_pattern_whose_anchors_a_sentence_has() {
        let lex = Lexicon::load(None).expect("embedded lexicon");
        let all = patterns::load(&lex.patterns, &lex.ontology).expect("embedded patterns");
        for lang in [Lang::De, Lang::En] {
            let pats = crate::pipeline::patterns_of(&all, lang);
            let index = AnchorIndex::new(&pats);
            assert!(pats.iter().any(|p| !p.anchors.is_empty()), "{lang:?}");
            let none: Vec<u32> = index.tried(&FxHashSet::default()).collect();
            assert_eq!(none, index.unanchored);
            for (pos, p) in pats.iter().enumerate() {
                for (k, set) in p.anchors.iter().enumerate() {
                    for word in set {
                        let mut words: FxHashSet<&str> = (p.anchors.iter().enumerate())
                            .filter(|&(j, _)| j != k)
                            .map(|(_, alts)| alts[0].as_str())
                            .collect();
                        words.insert(word.as_str());
                        assert!(
                            index.tried(&words).any(|t| t as usize == pos),
                            "{} not tried with {words:?}",
                            p.id
                        );
                    }
                }
            }
        }
    }
}
