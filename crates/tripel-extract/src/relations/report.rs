//! Reported facts: a sentence that says who claims what ("Laut einem Bericht des Handelsblatts
//! will Daimler Mahle kaufen", "Medienberichten zufolge …", "Wie das Handelsblatt berichtet, …",
//! "…, berichtet das Handelsblatt", "Daimler soll Mahle übernommen haben", "according to
//! Reuters", "reportedly") states none of its facts itself. This module finds such a sentence
//! and the phrase that names its source, so that the pipeline can mark the sentence's facts
//! `reported` (and `reportedBy` the source's name) and keep the source out of the facts' slots:
//! the newspaper that reports a takeover does not take anyone over.
//!
//! It reads the sentence's units (words and mentions, [`super::units`]), not its parse: patterns,
//! verb frames and noun frames all get the same mark, and a sentence without a cue word costs a
//! few set lookups. The cue words are data (`report*` in `data/lexicon/grammar.tsv`).
//!
//! The whole sentence is marked, not one clause of it: the cues open or close the sentence
//! ("Laut …", "…, berichtet X") and what they report is the rest of it. A fact about the source
//! itself, both of whose names stand in the source's phrase ("Laut Siemens-Chef Joe Kaeser"), is
//! the writer's and stays unmarked.

use super::{Unit, UnitKind};
use crate::lexicon::{Forms, Lexicon};
use crate::model::{EntityType, Lang};

/// A report the sentence is: where its source is named and how.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The units of the phrase that names the source ("einem Bericht des Handelsblatts"), if the
    /// sentence names one.
    pub phrase: Option<(usize, usize)>,
    /// The source: the last organisation or person named in the phrase (its mention index).
    pub source: Option<usize>,
    /// Mentions in the phrase: they fill no slot of a fact whose other name is outside it.
    pub phrase_mentions: Vec<usize>,
    /// The phrase's byte span: a common noun's node read inside it ("laut Helima Croft,
    /// Leiterin Rohstoffanalyse bei der Investmentbanksparte der Royal Bank") is in it too.
    pub span: Option<(usize, usize)>,
    /// The report is made by the modal of report with a perfect infinitive ("soll … übernommen
    /// haben"): the fact is reported as done, and the modal gives it no intention.
    pub perfect: bool,
}

impl Report {
    /// Whether mention `m` stands in the source's phrase.
    pub fn in_phrase(&self, m: usize) -> bool {
        self.phrase_mentions.contains(&m)
    }

    /// Whether the bytes `start..end` lie in the source's phrase.
    pub fn spans(&self, start: usize, end: usize) -> bool {
        self.span.is_some_and(|(s, e)| s <= start && end <= e)
    }
}

/// The report sentence `units` is, if it is one.
pub fn read(units: &[Unit], lex: &Lexicon, lang: Lang) -> Option<Report> {
    let r = Reader { units, lex, lang };
    // A phrase of a preposition or postposition naming the source, the first one.
    let mut phrased = None;
    // A cue without a source: an adverb of hearsay or the modal of report.
    let mut hearsay = None;
    for (k, unit) in units.iter().enumerate() {
        let cue = lex.may_open_report_cue(&unit.lower);
        // "laut einem Bericht des Handelsblatts", "according to Reuters"
        if cue && phrased.is_none() {
            if let Some(n) = r.sequence_at(&lex.report_prepositions, k) {
                if let Some(end) = r.phrase_after(k + n) {
                    phrased = Some(r.with_phrase(k + n, end));
                }
            }
        }
        // "Medienberichten zufolge", "dem Handelsblatt zufolge"
        if cue && phrased.is_none() && r.sequence_at(&lex.report_postpositions, k).is_some() {
            if let Some(start) = r.phrase_before(k) {
                phrased = Some(r.with_phrase(start, k));
            }
        }
        // "angeblich", "reportedly", "is said to"
        if cue && hearsay.is_none() && r.sequence_at(&lex.report_adverbs, k).is_some() {
            hearsay = Some(Report::default());
        }
        // "Daimler soll Mahle übernommen haben", "soll … übernehmen wollen"
        if lex.report_modals.has(lang, &unit.lower) {
            if let Some(perfect) = r.reportative(k) {
                hearsay = Some(Report {
                    perfect,
                    ..Report::default()
                });
            }
        }
    }
    // A clause of reporting names its source by a name ("…, berichtet das Handelsblatt unter
    // Berufung auf Insider"): it wins over a phrase without one.
    let clause = r.reporting_clause();
    let mut report = match (phrased, clause) {
        (Some(p), Some(c)) if p.source.is_none() => Some(c),
        (p, c) => p.or(c),
    }
    .or(hearsay.clone())?;
    // "Laut Insidern soll Daimler Mahle übernommen haben": the modal's perfect as well.
    report.perfect |= hearsay.is_some_and(|h| h.perfect);
    Some(report)
}

struct Reader<'a> {
    units: &'a [Unit],
    lex: &'a Lexicon,
    lang: Lang,
}

impl Reader<'_> {
    /// The number of units of the first form of `forms` (words separated by spaces) that the
    /// units from `k` spell, if one does.
    fn sequence_at(&self, forms: &Forms, k: usize) -> Option<usize> {
        let first = self.units[k].lower.as_str();
        forms.of(self.lang).find_map(|f| {
            // Most words begin no form: a prefix test before the split (a split per word and
            // form cost 40 M instructions a pass).
            if !f.starts_with(first) {
                return None;
            }
            let n = f.split(' ').count();
            let spelt = f
                .split(' ')
                .zip(self.units.get(k..k + n)?)
                .all(|(w, u)| u.lower == w);
            spelt.then_some(n)
        })
    }

    /// Whether unit `k` is a word that is a verb form (German: through the verb list; English:
    /// never, its phrases end at punctuation or the verb's cue).
    fn verb_form(&self, k: usize) -> bool {
        let u = &self.units[k];
        matches!(u.kind, UnitKind::Word { .. })
            && self.lang == Lang::De
            && !u.text.starts_with(char::is_uppercase)
            && tripel_analysis::features::Lexicons::get().is_verb_form(&u.lower)
    }

    /// A verb form's lemma (German through the verb list), else the word.
    fn lemma<'w>(&self, lower: &'w str) -> &'w str {
        super::surface_lemma(self.lang, lower)
    }

    /// Whether unit `k` is an article or another determiner.
    fn determiner(&self, k: usize) -> bool {
        let lower = &self.units[k].lower;
        self.lex.determiners.contains(lower) || self.lex.genitive_determiners.has(self.lang, lower)
    }

    /// Whether unit `k` is a lower-case adjective before a noun ("einem aktuellen Bericht"): an
    /// adjective ending, no verb form, a noun or another adjective after it.
    fn adjective(&self, k: usize) -> bool {
        let u = &self.units[k];
        if !matches!(u.kind, UnitKind::Word { noun: false, .. })
            || u.text.starts_with(char::is_uppercase)
            || self.verb_form(k)
            || !self
                .lex
                .adjective_endings
                .of(self.lang)
                .any(|e| !e.is_empty() && u.lower.ends_with(e))
        {
            return false;
        }
        self.units.get(k + 1).is_some_and(|n| {
            matches!(
                n.kind,
                UnitKind::Word { noun: true, .. } | UnitKind::Entity(..)
            ) || (matches!(n.kind, UnitKind::Word { noun: false, .. }) && self.adjective(k + 1))
        })
    }

    /// Whether unit `k` can stand in a noun phrase naming a source: a name, a noun, an article
    /// or an adjective before a noun.
    fn in_noun_phrase(&self, k: usize) -> bool {
        match self.units[k].kind {
            UnitKind::Entity(..) | UnitKind::Anaphor => true,
            UnitKind::Word { noun: true, .. } => !self.verb_form(k),
            UnitKind::Word { noun: false, .. } => self.determiner(k) || self.adjective(k),
            UnitKind::Value(..) | UnitKind::Punct => false,
        }
    }

    /// The end of the noun phrase from unit `start` ("einem Bericht des Handelsblatts" up to
    /// "will"), if it has a name or a noun.
    fn phrase_after(&self, start: usize) -> Option<usize> {
        let mut end = start;
        while end < self.units.len() && self.in_noun_phrase(end) {
            end += 1;
            // English words are all "nouns" here ([`super::is_noun`]): its phrase ends with
            // its first name ("according to Reuters Siemens acquired …").
            if self.lang == Lang::En && matches!(self.units[end - 1].kind, UnitKind::Entity(..)) {
                break;
            }
        }
        if !self.has_head(start, end) {
            return None;
        }
        Some(self.apposition_after(end).unwrap_or(end))
    }

    /// The end of an apposition that describes the source named before unit `comma` ("laut
    /// Helima Croft, Leiterin Rohstoffanalyse bei der Royal Bank, …"): from that comma to the
    /// next, without a verb form (German) and, in English, opening with an article ("according
    /// to Jan Roth, an analyst at …"); at most twelve units.
    fn apposition_after(&self, comma: usize) -> Option<usize> {
        let units = self.units;
        if units.get(comma)?.lower != "," || !matches!(units[comma - 1].kind, UnitKind::Entity(..))
        {
            return None;
        }
        let close = (comma + 1..units.len().min(comma + 14)).find(|&k| units[k].lower == ",")?;
        let inner = comma + 1..close;
        let described = match self.lang {
            Lang::De => !inner.clone().any(|k| {
                self.verb_form(k) || matches!(units[k].kind, UnitKind::Punct | UnitKind::Value(..))
            }),
            Lang::En => self.determiner(comma + 1),
        };
        (close > comma + 1 && described && self.has_head(inner.start, inner.end)).then_some(close)
    }

    /// The start of the noun phrase that ends before unit `end` ("dem Handelsblatt" of "dem
    /// Handelsblatt zufolge"). A name joins it only after an article or at the clause's start:
    /// in "übernimmt Mahle Medienberichten zufolge" Mahle is the verb's object.
    fn phrase_before(&self, end: usize) -> Option<usize> {
        let mut start = end;
        while start > 0 && self.in_noun_phrase(start - 1) {
            let k = start - 1;
            if matches!(self.units[k].kind, UnitKind::Entity(..))
                && k > 0
                && !self.determiner(k - 1)
                && self.units[k - 1].kind != UnitKind::Punct
            {
                break;
            }
            start = k;
        }
        self.has_head(start, end).then_some(start)
    }

    /// Whether units `start..end` hold a name or a noun.
    fn has_head(&self, start: usize, end: usize) -> bool {
        self.units[start..end].iter().any(|u| {
            matches!(
                u.kind,
                UnitKind::Entity(..) | UnitKind::Word { noun: true, .. }
            )
        })
    }

    /// The report whose source is named by units `start..end`.
    fn with_phrase(&self, start: usize, end: usize) -> Report {
        let mentions: Vec<(usize, EntityType)> = self.units[start..end]
            .iter()
            .filter_map(|u| match u.kind {
                UnitKind::Entity(m, t) => Some((m, t)),
                _ => None,
            })
            .collect();
        Report {
            phrase: Some((start, end)),
            span: (start < end).then(|| (self.units[start].start, self.units[end - 1].end)),
            source: mentions
                .iter()
                .rev()
                .find(|(_, t)| matches!(t, EntityType::Organization | EntityType::Person))
                .map(|&(m, _)| m),
            phrase_mentions: mentions.into_iter().map(|(m, _)| m).collect(),
            perfect: false,
        }
    }

    /// Whether the modal of report at unit `k` reports: its clause (to the next punctuation)
    /// ends in an infinitive of `reportinf` after a verb form ("soll Mahle übernommen haben",
    /// "soll … übernehmen wollen"); `Some(true)` for the perfect ("haben", a `perfectaux`).
    fn reportative(&self, k: usize) -> Option<bool> {
        let end = (k + 1..self.units.len())
            .find(|&j| self.units[j].kind == UnitKind::Punct)
            .unwrap_or(self.units.len());
        if end < k + 3 {
            return None;
        }
        let last = &self.units[end - 1].lower;
        (self.lex.report_infinitives.has(self.lang, last) && self.verb_form(end - 2))
            .then(|| self.lex.perfect_auxiliaries.has(self.lang, last))
    }

    /// A clause of reporting that opens the sentence ("Wie das Handelsblatt berichtet, …", "As
    /// Reuters reported, …") or closes it ("…, berichtet das Handelsblatt.", "…, Reuters
    /// reported."): a report verb by lemma, the source named beside it.
    fn reporting_clause(&self) -> Option<Report> {
        let units = self.units;
        let report_verb = |k: usize| {
            matches!(units[k].kind, UnitKind::Word { .. })
                && self
                    .lex
                    .report_verbs
                    .has(self.lang, self.lemma(&units[k].lower))
        };
        let comma = |k: usize| units[k].lower == ",";
        // The opening clause: "wie" first, a report verb before the first comma.
        let first_comma = (0..units.len()).find(|&k| comma(k));
        if let Some(c) = first_comma {
            if units
                .first()
                .is_some_and(|u| self.lex.report_as.has(self.lang, &u.lower))
                && c >= 3
                && report_verb(c - 1)
            {
                return Some(self.with_phrase(1, c - 1));
            }
        }
        // The closing clause: after the last comma, a report verb first (German) or last
        // (English), the source beside it.
        let last_comma = (0..units.len()).rev().find(|&k| comma(k))?;
        let end = (last_comma + 1..units.len())
            .find(|&k| units[k].kind == UnitKind::Punct)
            .unwrap_or(units.len());
        if end < last_comma + 3 {
            return None;
        }
        let (start, stop) = if report_verb(last_comma + 1) {
            (last_comma + 2, end)
        } else if report_verb(end - 1) {
            (last_comma + 1, end - 1)
        } else {
            return None;
        };
        // The rest of the sentence after the closing clause: only its end.
        if units[end..].iter().any(|u| u.kind != UnitKind::Punct) {
            return None;
        }
        let report = self.with_phrase(start, stop);
        report.source.map(|_| report)
    }
}
