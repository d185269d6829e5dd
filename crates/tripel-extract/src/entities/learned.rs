//! Names the learned recognizer finds where no rule fired.
//!
//! The rules know names by evidence a person can point to (a legal form, a cue noun, the
//! gazetteer, a given name); the model of [`tripel_analysis::Ner`], trained on GermEval 2014
//! and SmartData (German) or Universal NER (English), knows names by their shape and context,
//! including names no list holds. It runs last and only claims tokens no rule took, so every
//! rule (and every override in the gazetteer: "Team Green" is NVIDIA) keeps precedence; and it
//! only keeps spans whose mean label probability reaches [`MIN_SCORE`], since precision beats
//! recall.

use super::{Candidate, Recognizer, Rule};
use crate::model::{EntityType, Lang};
use crate::text::segment::Sentence;
use crate::text::segment::TokenKind;
use std::sync::OnceLock;
use tripel_analysis::{Ner, NerTags};

/// The lowest mean label probability of a learned span that becomes a candidate.
pub const MIN_SCORE: f32 = 0.7;

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
    /// Adds the learned recognizer's confident names (`model`, from [`spans`]) over untaken
    /// tokens. A name's score is asked last: computing the sentence's scores costs about as
    /// much as finding its names, and most names fail a cheaper test first (a rule took them).
    pub(super) fn learned(&self, model: &NerTags, taken: &mut [bool], out: &mut Vec<Candidate>) {
        for k in 0..model.len() {
            let (first, last, label) = model.span(k);
            if taken[first..last].iter().any(|&t| t)
                // A name starts with a letter or digit: never a quote or a bracket.
                || self.toks[first].kind == TokenKind::Punct
                || self.toks[last - 1].kind == TokenKind::Punct
            {
                continue;
            }
            let kind = match label {
                "PER" => EntityType::Person,
                "ORG" => EntityType::Organization,
                _ => EntityType::Place,
            };
            let (start, end) = (self.toks[first].start, self.toks[last - 1].end);
            let name = self.text[start..end].to_owned();
            // One word alone that is a function word ("Man", "Ob") or a German common noun
            // ("Waren") is not a name.
            // The same for a compound whose head is a common noun ("LLM-Modell").
            let head = name.rsplit('-').next().unwrap_or(&name);
            if last - first == 1
                && (self.lex.stopwords.contains_key(&name.to_lowercase())
                    || (self.lang == Lang::De && self.lex.is_noun_de(head)))
            {
                continue;
            }
            if model.scored(k).score < MIN_SCORE {
                continue;
            }
            self.push(
                out,
                taken,
                (first, last, start, end),
                kind,
                name,
                None,
                Rule::Learned,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{candidates, expect};
    use crate::entities::Rule;
    use crate::model::{EntityType::*, Lang::De};

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
                candidates(text, De).iter().all(|f| f.rule != Rule::Learned),
                "{text}: {:?}",
                candidates(text, De)
            );
        }
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
}
