//! A fact's confidence is the observed precision of its family (issue 11).
//!
//! Every pattern and frame carries a confidence written by hand ("0.8"), and coreference
//! multiplies it by a constant. Those numbers rank rules against each other but say nothing a
//! user can act on: `--min-confidence 0.8` should keep facts that are right four times out of
//! five. So the confidence a fact leaves extraction with is measured instead: facts are grouped
//! into **families** by how they were found and what they say, each family's precision is
//! counted on judged facts (`tripel-calibrate`, see docs/evaluation.md), and the counts are kept
//! as data in `data/calibration.tsv`, which this module reads and applies.
//!
//! A family has three levels, each nested in the one before:
//!
//! * the **mechanism** with the document language: `de/verb` (verb frames), `de/noun` (noun
//!   frames), `de/pattern` (surface patterns), `de/coref` (any fact with an argument found by
//!   coreference or carried over as a topic), `de/open` (open relations), `de/product`
//!   (product families: "Blackwell B200");
//! * the **predicate group** ([`group`]): who runs a company, deals between companies, trade,
//!   products, places, stances;
//! * the **rule** (a pattern's or frame's id).
//!
//! Judged facts are few (a few hundred), so a rule's precision is shrunk towards its group's
//! and a group's towards its mechanism's: a Beta prior centred on the parent's precision, worth
//! a fixed number of pseudo-facts ([`fit`]). A fact takes the precision of its rule when that
//! rule has judged facts, else that of its mechanism and group, else — a family nobody judged,
//! such as a new frame's predicate or every English rule — the rule's own number stays.

use crate::lexicon::LexiconError;
use std::collections::BTreeMap;

/// The predicate groups: predicates whose facts fail for the same reasons (the same entity
/// types, the same kind of sentence). A predicate not listed is in `other`.
pub const GROUPS: &[(&str, &[&str])] = &[
    ("people", &["ceoOf", "leads", "worksFor", "founded"]),
    (
        "corporate",
        &[
            "acquires",
            "mergesWith",
            "spinsOff",
            "partOf",
            "owns",
            "investsIn",
            "invests",
            "laysOff",
        ],
    ),
    (
        "trade",
        &[
            "buys",
            "customerOf",
            "supplies",
            "partnerOf",
            "competesWith",
        ],
    ),
    (
        "products",
        &[
            "manufactures",
            "develops",
            "uses",
            "operates",
            "announces",
            "focusesOn",
            "dominates",
        ],
    ),
    ("places", &["headquarteredIn", "locatedIn"]),
    ("stances", &["praises", "criticizes", "meets", "supports"]),
];

/// The predicate group of `predicate` ([`GROUPS`]), `other` for one not listed.
pub fn group(predicate: &str) -> &'static str {
    GROUPS
        .iter()
        .find(|(_, ps)| ps.contains(&predicate))
        .map_or("other", |(g, _)| g)
}

/// How a fact was found and what it says: the key its confidence is looked up by.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// Language and mechanism: `de/verb`, `de/noun`, `de/pattern`, `de/coref`, `de/open`,
    /// `de/product`.
    pub mechanism: String,
    /// Predicate group ([`group`]).
    pub group: &'static str,
    /// The rule's id (`de/frame/übernehmen`).
    pub rule: String,
    /// The rule's own confidence (coreference's discount included): what the fact gets when no
    /// fact of its family was judged.
    pub own: f32,
}

impl Family {
    /// The family of a fact made by `rule` with `predicate`; `via_reference` when an argument
    /// is an antecedent (a pronoun, a description, a topic carried over), `open` for an open
    /// relation.
    pub fn of(rule: &str, predicate: &str, via_reference: bool, open: bool, own: f32) -> Self {
        let lang = rule.split('/').next().unwrap_or_default();
        let kind = if open {
            "open"
        } else if via_reference {
            "coref"
        } else if rule.ends_with(crate::relations::unknown::RULE_SUFFIX) {
            // A frame that typed an unknown name (relations/unknown.rs): judged apart from
            // the frame's facts between recognised names.
            "typed"
        } else if rule.ends_with("/product-family") {
            "product"
        } else if rule.starts_with(&format!("{lang}/frame/")) {
            "verb"
        } else if rule.starts_with(&format!("{lang}/noun/")) {
            "noun"
        } else {
            "pattern"
        };
        Family {
            mechanism: format!("{lang}/{kind}"),
            // Open predicates are a verb's lemma, not the ontology's: one group.
            group: if open { "open" } else { group(predicate) },
            rule: rule.to_owned(),
            own,
        }
    }
}

/// The level of a [`Row`]: which part of a family it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Every judged fact: the root prior.
    All,
    /// One mechanism (`de/verb`): the prior of its groups.
    Mechanism,
    /// One mechanism and predicate group: a fact's confidence when its rule has no judged fact.
    Group,
    /// One rule of a mechanism and group.
    Rule,
}

/// One line of `data/calibration.tsv`: judged facts of one family and its precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// Facts judged.
    pub judged: u32,
    /// Of those, right.
    pub correct: u32,
    /// The shrunk precision ([`fit`]): the confidence of the family's facts.
    pub precision: f32,
}

/// Key of a row: mechanism, group and rule, `*` where the row covers all of a level.
type Key = (String, String, String);

const ANY: &str = "*";

/// The calibration table: per family, how many facts were judged, how many were right, and the
/// precision a fact of the family is given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calibration {
    rows: BTreeMap<Key, Row>,
}

impl Calibration {
    /// No calibration: every fact keeps its rule's own confidence.
    pub fn none() -> Self {
        Self::default()
    }

    /// Reads the table: `#` comment lines, then lines of six tab-separated columns (mechanism,
    /// group, rule, judged, correct, precision; `*` for a level the row spans). `file` names the
    /// file in errors.
    pub fn parse(file: &str, text: &str) -> Result<Self, LexiconError> {
        let mut rows = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let err = |message: String| LexiconError::Syntax {
                file: file.to_owned(),
                line: i + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [mechanism, group, rule, judged, correct, precision] = cols[..] else {
                return Err(err(format!(
                    "expected 6 tab-separated columns (mechanism, group, rule, judged, correct, precision), found {}",
                    cols.len()
                )));
            };
            let count = |s: &str, what: &str| {
                s.parse::<u32>()
                    .map_err(|_| err(format!("{what} must be a count, found {s:?}")))
            };
            let judged = count(judged, "judged")?;
            let correct = count(correct, "correct")?;
            if correct > judged {
                return Err(err(format!("correct {correct} exceeds judged {judged}")));
            }
            let precision: f32 = precision
                .parse()
                .ok()
                .filter(|p| (0.0..=1.0).contains(p))
                .ok_or_else(|| err(format!("precision must be in [0, 1], found {precision:?}")))?;
            let key = (mechanism.to_owned(), group.to_owned(), rule.to_owned());
            if rows.contains_key(&key) {
                return Err(err(format!("duplicate family {mechanism} {group} {rule}")));
            }
            rows.insert(
                key,
                Row {
                    judged,
                    correct,
                    precision,
                },
            );
        }
        Ok(Calibration { rows })
    }

    /// The confidence of a fact of `family`: its rule's precision, else its group's, else the
    /// rule's own number (a family without judged facts).
    pub fn confidence(&self, family: &Family) -> f32 {
        self.find(family).map_or(family.own, |(_, r)| r.precision)
    }

    /// The row a fact of `family` takes its confidence from, with its level; `None` when the
    /// rule's own number stays.
    pub fn find(&self, family: &Family) -> Option<(Level, &Row)> {
        let get = |rule: &str| {
            self.rows
                .get(&(
                    family.mechanism.clone(),
                    family.group.to_owned(),
                    rule.to_owned(),
                ))
                .filter(|r| r.judged > 0)
        };
        get(&family.rule)
            .map(|r| (Level::Rule, r))
            .or_else(|| get(ANY).map(|r| (Level::Group, r)))
    }

    /// The rows, in key order, with their level.
    pub fn rows(&self) -> impl Iterator<Item = (Level, (&str, &str, &str), &Row)> {
        self.rows.iter().map(|((m, g, r), row)| {
            let level = match (m.as_str(), g.as_str(), r.as_str()) {
                (ANY, _, _) => Level::All,
                (_, ANY, _) => Level::Mechanism,
                (_, _, ANY) => Level::Group,
                _ => Level::Rule,
            };
            (level, (m.as_str(), g.as_str(), r.as_str()), row)
        })
    }

    /// The table as `data/calibration.tsv` text, after the comment lines of `header`.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("# mechanism\tgroup\trule\tjudged\tcorrect\tprecision\n");
        for (_, (m, g, r), row) in self.rows() {
            out.push_str(&format!(
                "{m}\t{g}\t{r}\t{}\t{}\t{:.3}\n",
                row.judged, row.correct, row.precision
            ));
        }
        out
    }
}

/// Counts judged facts per family and turns the counts into precisions, each level shrunk
/// towards its parent: with `n` judged and `k` right, a family's precision is
/// `(k + strength · parent) / (n + strength)`, the mean of a Beta posterior whose prior is
/// centred on the parent's precision and worth `strength` facts. The root (every judged fact)
/// starts from a uniform prior, `(k + 1) / (n + 2)`. A family with few judged facts so stays
/// near its parent, one with many says what it measured.
pub fn fit<'a>(judged: impl IntoIterator<Item = (&'a Family, bool)>, strength: f64) -> Calibration {
    let mut counts: BTreeMap<Key, (u32, u32)> = BTreeMap::new();
    for (f, right) in judged {
        let keys = [
            (ANY.to_owned(), ANY.to_owned(), ANY.to_owned()),
            (f.mechanism.clone(), ANY.to_owned(), ANY.to_owned()),
            (f.mechanism.clone(), f.group.to_owned(), ANY.to_owned()),
            (f.mechanism.clone(), f.group.to_owned(), f.rule.clone()),
        ];
        for k in keys {
            let c = counts.entry(k).or_default();
            c.0 += 1;
            c.1 += u32::from(right);
        }
    }
    // Parents sort before children ("*" sorts before letters), but the order is made explicit.
    let mut precision: BTreeMap<Key, f64> = BTreeMap::new();
    let parent = |(m, g, r): &Key| -> Option<Key> {
        match (m.as_str(), g.as_str(), r.as_str()) {
            (ANY, _, _) => None,
            (_, ANY, _) => Some((ANY.into(), ANY.into(), ANY.into())),
            (_, _, ANY) => Some((m.clone(), ANY.into(), ANY.into())),
            _ => Some((m.clone(), g.clone(), ANY.into())),
        }
    };
    let depth = |k: &Key| {
        [&k.0, &k.1, &k.2]
            .iter()
            .filter(|s| s.as_str() != ANY)
            .count()
    };
    let mut keys: Vec<&Key> = counts.keys().collect();
    keys.sort_by_key(|k| depth(k));
    for k in keys {
        let (n, right) = counts[k];
        let (n, right) = (f64::from(n), f64::from(right));
        let p = match parent(k).and_then(|pk| precision.get(&pk).copied()) {
            Some(prior) => (right + strength * prior) / (n + strength),
            None => (right + 1.0) / (n + 2.0),
        };
        precision.insert(k.clone(), p);
    }
    Calibration {
        rows: counts
            .into_iter()
            .map(|(k, (judged, correct))| {
                let p = precision[&k] as f32;
                (
                    k,
                    Row {
                        judged,
                        correct,
                        precision: p,
                    },
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fam(rule: &str, predicate: &str) -> Family {
        Family::of(rule, predicate, false, false, 0.9)
    }

    #[test]
    fn mechanism_comes_from_the_rule_and_how_arguments_were_found() {
        assert_eq!(fam("de/frame/kaufen", "acquires").mechanism, "de/verb");
        assert_eq!(fam("de/noun/fusion-von", "mergesWith").mechanism, "de/noun");
        assert_eq!(fam("de/role/apposition", "ceoOf").mechanism, "de/pattern");
        assert_eq!(
            fam("de/partOf/product-family", "partOf").mechanism,
            "de/product"
        );
        let coref = Family::of("de/frame/kaufen", "acquires", true, false, 0.6);
        assert_eq!(
            (coref.mechanism.as_str(), coref.group),
            ("de/coref", "corporate")
        );
        let open = Family::of("en/open", "negotiate-with", false, true, 0.5);
        assert_eq!((open.mechanism.as_str(), open.group), ("en/open", "open"));
        assert_eq!(group("somethingNew"), "other");
    }

    #[test]
    fn small_families_shrink_towards_their_parents_and_unjudged_ones_keep_their_number() {
        let a = fam("de/frame/kaufen", "acquires");
        let b = fam("de/frame/übernehmen", "acquires");
        // kaufen: 1 of 1 right; übernehmen: 2 of 8.
        let mut judged = vec![(&a, true)];
        judged.extend(std::iter::repeat_n((&b, true), 2));
        judged.extend(std::iter::repeat_n((&b, false), 6));
        let cal = fit(judged, 4.0);
        let root = (3.0 + 1.0) / (9.0 + 2.0);
        let mech = (3.0 + 4.0 * root) / (9.0 + 4.0);
        let grp = (3.0 + 4.0 * mech) / (9.0 + 4.0);
        let kaufen = (1.0 + 4.0 * grp) / (1.0 + 4.0);
        assert!((cal.confidence(&a) as f64 - kaufen).abs() < 1e-6);
        // One right fact does not make a rule certain.
        assert!(cal.confidence(&a) < 0.6);
        // A rule nobody judged takes its group's precision; a group nobody judged keeps its own.
        let new_rule = fam("de/frame/erstehen", "acquires");
        assert!((cal.confidence(&new_rule) as f64 - grp).abs() < 1e-6);
        assert_eq!(cal.find(&new_rule).map(|(l, _)| l), Some(Level::Group));
        let unjudged = fam("de/frame/loben", "praises");
        assert_eq!(cal.confidence(&unjudged), 0.9);
        assert_eq!(cal.find(&unjudged), None);
    }

    #[test]
    fn the_table_reads_back_what_it_wrote() {
        let a = fam("de/frame/kaufen", "acquires");
        let b = fam("de/role/apposition", "ceoOf");
        let cal = fit([(&a, true), (&b, false), (&b, true)], 5.0);
        let text = cal.to_tsv("test table");
        let back = Calibration::parse("calibration.tsv", &text).unwrap();
        for f in [&a, &b] {
            assert!((back.confidence(f) - cal.confidence(f)).abs() < 1e-3);
        }
        assert_eq!(back.rows().count(), cal.rows().count());
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let e = Calibration::parse("c.tsv", "# x\nde/verb\t*\t*\t3\t4\t0.5\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("c.tsv:2:") && e.contains("exceeds"), "{e}");
        let e = Calibration::parse("c.tsv", "de/verb\t*\t*\t3\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("6 tab-separated columns"), "{e}");
        let e = Calibration::parse("c.tsv", "de/verb\t*\t*\t3\t2\t1.5\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("precision"), "{e}");
    }
}
