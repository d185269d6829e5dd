//! Products: model codes ("B200", "A380"), the family name before one ("Blackwell B200"),
//! names glued to a product noun ("Blackwell-Plattform") and quoted names before one
//! („Llama“-LLM-Modell).
//!
//! It decides that a code is no road number ("B27", "A9") unless product context says so, and
//! how much of a compound the mention spans.

use super::{Candidate, Recognizer, Rule};
use crate::model::EntityType;
use crate::text::segment::TokenKind;
use crate::text::LowerCase;

impl Recognizer<'_> {
    /// Model codes ("B200", "H100", "A380"), families before them ("Blackwell B200"),
    /// names with a product noun ("B200-GPUs", "Blackwell-Plattform", "„Llama“-LLM-Modell").
    pub(super) fn products(&self, taken: &mut [bool], out: &mut Vec<Candidate>) {
        let n = self.toks.len();
        for i in 0..n {
            if taken[i] || self.toks[i].kind == TokenKind::Punct {
                continue;
            }
            let w = self.t(i);
            let (head_part, rest) = match self.has_hyphen(i).then(|| w.find('-')).flatten() {
                Some(h) => (&w[..h], Some(&w[h + 1..])),
                None => (w, None),
            };
            let prod_head =
                rest.is_some_and(|r| self.is_product_noun(r.rsplit('-').next().unwrap_or(r)));
            let code = is_model_code(head_part);
            // A road number ("B27", "A9") is a product only with product context around it.
            // Asked only of a code: most words are none.
            let road_like = || {
                let prev_known_org = out
                    .iter()
                    .any(|c| c.last == i && c.kind == EntityType::Organization);
                let family_before =
                    i > 0 && self.is_name_word(i - 1) && !self.is_place_context(i - 1);
                is_road_like(head_part) && !(prod_head || prev_known_org || family_before)
            };
            // A securities identifier after its label is no product: "(WKN: A12FBS)".
            let identifier = || {
                let label = if i >= 1 && self.t(i - 1) == ":" { 2 } else { 1 };
                i >= label && self.lex.id_labels.contains(self.t(i - label))
            };
            if code && !road_like() && !identifier() {
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
                    Rule::ModelCode,
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
                        Rule::ProductFamily,
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
                    Rule::ProductNounCompound,
                );
                continue;
            }
            // „Llama“-LLM-Modell: a quoted name glued to a product compound.
            // The quotes first: they are rarer than names.
            if i > 0
                && matches!(self.t(i - 1), "„" | "\"" | "“" | "»")
                && matches!(self.t(i + 1), "“" | "\"" | "”" | "«")
                && self.is_name_word(i)
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
                        Rule::QuotedProduct,
                    );
                }
            }
        }
    }

    fn is_product_noun(&self, w: &str) -> bool {
        self.lex.product_nouns.contains(&w.lower_case())
    }
}

/// "B200", "H100", "A380", "RTX4090", "GPT4": letters then digits, optional letter suffix.
fn is_model_code(w: &str) -> bool {
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
pub(super) fn is_road_like(w: &str) -> bool {
    let mut c = w.chars();
    matches!(c.next(), Some('A' | 'B' | 'L' | 'K' | 'E' | 'S')) && {
        let rest: String = c.collect();
        !rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{candidates, expect, expect_none};
    use super::super::Rule;
    use super::is_model_code;
    use crate::model::{EntityType::*, Lang::*};

    #[test]
    fn model_code_spans_its_product_noun() {
        let text = "Der Konzern stellt die Z470-Serie vor.";
        expect(text, De, "Z470-Serie", Product, Rule::ModelCode);
        assert!(is_model_code("Z470") && !is_model_code("Z4") && !is_model_code("z470"));
    }

    #[test]
    fn family_before_a_code() {
        let text = "Die Serie Velora V300 erscheint bald.";
        expect(text, De, "Velora", Product, Rule::ProductFamily);
        expect(text, De, "V300", Product, Rule::ModelCode);
    }

    #[test]
    fn name_glued_to_a_product_noun_or_quoted() {
        expect(
            "Die Velora-Plattform startet bald.",
            De,
            "Velora",
            Product,
            Rule::ProductNounCompound,
        );
        expect(
            "Er testet das „Falkor“-KI-Modell.",
            De,
            "Falkor",
            Product,
            Rule::QuotedProduct,
        );
    }

    #[test]
    fn a_securities_identifier_is_no_product() {
        expect_none("Die Nordlicht AG (WKN: A12FBS) wächst.", De, "A12FBS");
    }

    #[test]
    fn road_number_is_no_product() {
        let text = "Der Bus fährt über die B27 nach Tübingen.";
        expect_none(text, De, "B27");
        assert!(candidates(text, De).iter().all(|f| f.kind != Product));
    }
}
