//! The relation pattern language, parsed from `data/patterns/<lang>.patterns`.
//!
//! A pattern is a sequence of elements matched against a sentence's *units* (an entity, a
//! value, or a word). One line: `id <TAB> predicate <TAB> confidence <TAB> elements <TAB>
//! example`. Lines starting with `#` are comments.
//!
//! The example is a sentence the pattern must read its fact from, with invented names the
//! recognizer accepts ("Die Elbwerft AG übernimmt die Nordlicht GmbH."). It is required: a
//! pattern carries its own test, as nlprule's rules do, and the extraction tests run every
//! example with only its pattern active (`every_pattern_reads_its_example`), so a pattern that
//! stops matching what it was written for fails by name.
//!
//! A file declares its language before its first pattern, in a line `@language de` (or
//! `@language en`); the file name does not matter. The patterns of a file run on documents of
//! that language only, and their ids must start with the language (`de/…`).
//!
//! Checked when loaded ([`load`]), each an error with file and line: the predicate is declared in
//! `data/ontology.ttl` (or is `$role`, whose predicates `roles.tsv` gives and the lexicon checks),
//! the id starts with the file's language, no id occurs twice (in any of the files), and the
//! example is not empty.
//!
//! | element | matches |
//! |---|---|
//! | `PER` `ORG` `PROD` `LOC` `ENT` `ORG\|PER` | an entity of that type (`ENT`: any) |
//! | `MONEY` `QTY` `DATE` | a value of that kind |
//! | `NP` | a noun phrase that names no entity ("KI-Forschung"): becomes a `schema:Thing` |
//! | `ROLE` | a role noun ("CEO", "Konzernchef"); predicate `$role` takes the role's predicate |
//! | `POST` | a role noun of a polity's government (`polityrole` in grammar.tsv: "Ministerpräsident", "Wirtschaftsminister"), as `ROLE` |
//! | `REF` | an anaphor that refers to an organisation ("das Unternehmen") |
//! | `TOPIC` | nothing: binds the previous sentence's topic (for agentless passives) |
//! | `lobt\|lobte` | a word, case-insensitive; `lob*` matches by prefix, `*spin-off` by suffix |
//! | `...` / `,,,` | a gap: `...` up to 8 units within a clause, `,,,` up to 12 across commas |
//! | `X?` | optional element |
//! | `~and\|,` | zero-width: the next unit is not one of these words ("A, B" but not "A, B, C") |
//! | `:s` `:o` `:q` `:d` | after a slot: binds subject, object, quantity or date qualifier |
//! | `+` | after a slot: a coordinated list ("A, B und C"), one fact each |
//!
//! Example (columns separated by tabs): `de/praises/lobt praises 0.85 PER:s APPOS? lobt|lobte
//! den|die|das? ENT:o Jonas Pfeiffer lobte die Elbwerft AG.`

use crate::lexicon::LexiconError;
use crate::model::{EntityType, Lang};
use crate::ontology::Ontology;
use std::collections::HashMap;

/// The directive that declares a pattern file's language: `@language de`.
pub const LANGUAGE_DIRECTIVE: &str = "@language";

/// What a slot accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotKind {
    /// Entities of these types (empty: any type).
    Entity(Vec<EntityType>),
    /// Money values.
    Money,
    /// Quantities.
    Quantity,
    /// Dates.
    Date,
    /// A noun phrase that is not an entity.
    NounPhrase,
    /// An entity of these types, or else a noun phrase (`PROD|NP`).
    EntityOrNp(Vec<EntityType>),
    /// A role noun.
    Role,
    /// A role noun of a polity's government (`polityrole` in grammar.tsv), read as `Role`.
    Post,
    /// An organisation: named, or an anaphor that refers to one (`ORG|REF`, or `REF`).
    Ref,
    /// The previous sentence's topic (consumes nothing).
    Topic,
    /// An apposition ", CEO von NVIDIA," (consumes it, binds nothing).
    Appos,
    /// An organisation noun before a name ("des Autobauers Daimler"), binds nothing.
    OrgNoun,
}

/// Which argument a slot binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bind {
    /// Subject.
    Subject,
    /// Object.
    Object,
    /// Quantity qualifier.
    Quantity,
    /// Date qualifier.
    Date,
    /// Nothing.
    None,
}

/// One pattern element.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// A slot.
    Slot {
        /// What it accepts.
        kind: SlotKind,
        /// What it binds.
        bind: Bind,
        /// Whether it takes a coordinated list.
        list: bool,
    },
    /// One of several words; a trailing `*` in an alternative is a prefix match.
    Word(Vec<String>),
    /// A gap of at most this many units; `commas`: may cross commas.
    Gap {
        /// Maximum length.
        max: usize,
        /// Whether commas may be skipped.
        commas: bool,
    },
    /// An optional element.
    Optional(Box<Elem>),
    /// Zero-width: the next unit is none of these words (or the sentence ends).
    Not(Vec<String>),
}

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Rule id, recorded in provenance (`de/buys/bestellung`).
    pub id: String,
    /// Predicate local name, or `$role`.
    pub predicate: String,
    /// Confidence of facts it makes.
    pub confidence: f32,
    /// Elements.
    pub elems: Vec<Elem>,
    /// Words that must all occur in a sentence for the pattern to be tried (one alternative of each).
    pub anchors: Vec<Vec<String>>,
    /// A sentence the pattern must read its fact from (its test).
    pub example: String,
}

/// Parses and checks pattern files, given as (file name, text) in load order: one
/// (language, patterns) per file.
///
/// Besides the syntax of each line, it checks that every predicate is `$role` or declared in the
/// ontology, that every rule id starts with its file's language, and that no rule id occurs
/// twice, within a file or across files, and that every pattern has an example. Errors name the
/// file and line.
///
/// ```
/// use tripel_extract::ontology::Ontology;
/// use tripel_extract::relations::patterns::load;
/// use tripel_extract::Lang;
/// let onto = Ontology::embedded().unwrap();
/// let de = ("de.patterns".to_owned(), "@language de\nde/a\tpraises\t0.8\tPER:s lobt ENT:o\tAnna Berger lobt Kiel.\n".to_owned());
/// let en = ("en.patterns".to_owned(), "@language en\nde/a\tpraises\t0.8\tPER:s praised ENT:o\tAnna Berger praised Kiel.\n".to_owned());
/// assert_eq!(load(&[de.clone()], &onto).unwrap()[0].0, Lang::De);
/// let err = load(&[de, en], &onto).unwrap_err().to_string();
/// assert!(err.starts_with("en.patterns:2: "), "{err}");
/// ```
pub fn load(
    files: &[(String, String)],
    ontology: &Ontology,
) -> Result<Vec<(Lang, Vec<Pattern>)>, LexiconError> {
    // Rule id → where it was first seen.
    let mut first: HashMap<&str, (&str, usize)> = HashMap::new();
    let mut out = Vec::with_capacity(files.len());
    let mut parsed = Vec::with_capacity(files.len());
    for (file, text) in files {
        parsed.push((file.as_str(), parse_lines(file, text, ontology)?));
    }
    for (file, (_, patterns)) in &parsed {
        for (line, p) in patterns {
            if let Some((f, l)) = first.insert(p.id.as_str(), (*file, *line)) {
                return Err(LexiconError::Syntax {
                    file: (*file).to_owned(),
                    line: *line,
                    message: format!("duplicate rule id {:?} (first at {f}:{l})", p.id),
                });
            }
        }
    }
    for (_, (lang, patterns)) in parsed {
        out.push((lang, patterns.into_iter().map(|(_, p)| p).collect()));
    }
    Ok(out)
}

/// Parses and checks one pattern file: its language and its patterns (see [`load`]).
///
/// ```
/// use tripel_extract::ontology::Ontology;
/// use tripel_extract::relations::patterns::parse;
/// use tripel_extract::Lang;
/// let onto = Ontology::embedded().unwrap();
/// let (lang, ps) = parse("x.patterns", "# c\n@language de\nde/a\tpraises\t0.8\tPER:s lobt|lobte ENT:o\tAnna Berger lobt Kiel.\n", &onto).unwrap();
/// assert_eq!(lang, Lang::De);
/// assert_eq!(ps[0].predicate, "praises");
/// assert_eq!(ps[0].id, "de/a");
/// assert_eq!(ps[0].example, "Anna Berger lobt Kiel.");
/// assert!(parse("x.patterns", "@language de\nde/a\tpraises\t0.8\tFOO:s\tAnna Berger lobt Kiel.\n", &onto).is_err());
/// assert!(parse("x.patterns", "de/a\tpraises\t0.8\tPER:s lobt ENT:o\tAnna Berger lobt Kiel.\n", &onto).is_err());
/// // Without an example: an error.
/// assert!(parse("x.patterns", "@language de\nde/a\tpraises\t0.8\tPER:s lobt ENT:o\n", &onto).is_err());
/// ```
pub fn parse(
    file: &str,
    text: &str,
    ontology: &Ontology,
) -> Result<(Lang, Vec<Pattern>), LexiconError> {
    let mut files = load(&[(file.to_owned(), text.to_owned())], ontology)?;
    Ok(files.remove(0))
}

/// One file's language and its patterns with their (1-based) line numbers.
fn parse_lines(
    file: &str,
    text: &str,
    ontology: &Ontology,
) -> Result<(Lang, Vec<(usize, Pattern)>), LexiconError> {
    let missing = || {
        LexiconError::File {
        file: file.to_owned(),
        message: format!(
            "missing \"{LANGUAGE_DIRECTIVE} de\" or \"{LANGUAGE_DIRECTIVE} en\" line before the first pattern"
        ),
    }
    };
    // The declared language and the line that declares it.
    let mut lang: Option<(Lang, usize)> = None;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let err = |message: String| LexiconError::Syntax {
            file: file.to_owned(),
            line: n + 1,
            message,
        };
        if line.starts_with('@') {
            let expected =
                format!("expected \"{LANGUAGE_DIRECTIVE} de\" or \"{LANGUAGE_DIRECTIVE} en\"");
            let words: Vec<&str> = line.split_whitespace().collect();
            if words[0] != LANGUAGE_DIRECTIVE {
                return Err(err(format!(
                    "unknown directive {:?} ({expected})",
                    words[0]
                )));
            }
            if let Some((_, first)) = lang {
                return Err(err(format!(
                    "second {LANGUAGE_DIRECTIVE} line (the first is line {first})"
                )));
            }
            let declared = match words[1..] {
                ["de"] => Lang::De,
                ["en"] => Lang::En,
                [other] => return Err(err(format!("unknown language {other:?} ({expected})"))),
                _ => return Err(err(expected)),
            };
            lang = Some((declared, n + 1));
            continue;
        }
        let Some((lang, _)) = lang else {
            return Err(missing());
        };
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, predicate, confidence, elements, example] = cols[..] else {
            return Err(err(format!(
                "expected 5 tab-separated columns (id, predicate, confidence, pattern, example), found {}",
                cols.len()
            )));
        };
        let (id, predicate, example) = (id.trim(), predicate.trim(), example.trim());
        if example.is_empty() {
            return Err(err(format!(
                "pattern {id:?} has no example (column 5: a sentence it reads its fact from)"
            )));
        }
        if predicate != "$role" {
            ontology.check(predicate).map_err(&err)?;
        }
        if !id
            .strip_prefix(lang.tag())
            .is_some_and(|r| r.starts_with('/'))
        {
            return Err(err(format!(
                "rule id {id:?} does not start with \"{lang}/\" (the file says \"{LANGUAGE_DIRECTIVE} {lang}\")"
            )));
        }
        let confidence: f32 = confidence
            .trim()
            .parse()
            .ok()
            .filter(|c| *c > 0.0 && *c <= 1.0)
            .ok_or_else(|| {
                err(format!(
                    "confidence must be in (0, 1], found {confidence:?}"
                ))
            })?;
        let mut elems = Vec::new();
        for tok in elements.split_whitespace() {
            elems.push(parse_elem(tok).map_err(&err)?);
        }
        let anchors = elems
            .iter()
            .filter_map(|e| match e {
                Elem::Word(alts) if alts.iter().all(|a| !a.contains('*')) => Some(alts.clone()),
                _ => None,
            })
            .collect();
        out.push((
            n + 1,
            Pattern {
                id: id.to_owned(),
                predicate: predicate.to_owned(),
                confidence,
                elems,
                anchors,
                example: example.to_owned(),
            },
        ));
    }
    let (lang, _) = lang.ok_or_else(missing)?;
    Ok((lang, out))
}

fn parse_elem(tok: &str) -> Result<Elem, String> {
    if let Some(inner) = tok.strip_suffix('?') {
        // A gap may be empty anyway: `...?` is just a gap.
        if inner == "..." || inner == ",,," {
            return parse_elem(inner);
        }
        if !inner.is_empty() {
            return Ok(Elem::Optional(Box::new(parse_elem(inner)?)));
        }
    }
    if let Some(words) = tok.strip_prefix('~').filter(|w| !w.is_empty()) {
        // Words are compared in lower case; entity slot names (`~LOC`) stay upper case.
        let alt = |w: &str| match w {
            "PER" | "ORG" | "PROD" | "LOC" => w.to_owned(),
            _ => w.to_lowercase(),
        };
        return Ok(Elem::Not(words.split('|').map(alt).collect()));
    }
    if tok == "..." || tok == ",,," {
        let commas = tok == ",,,";
        return Ok(Elem::Gap {
            max: if commas { 12 } else { 8 },
            commas,
        });
    }
    // A list slot is written `NP+:o` (or `NP:o+`).
    let list = tok.len() > 1 && (tok.ends_with('+') || tok.contains("+:"));
    let body_owned = tok.trim_end_matches('+').replacen("+:", ":", 1);
    let body = body_owned.as_str();
    let (name, bind) = match body.rsplit_once(':') {
        Some((n, b)) if !n.is_empty() && matches!(b, "s" | "o" | "q" | "d") => (
            n,
            match b {
                "s" => Bind::Subject,
                "o" => Bind::Object,
                "q" => Bind::Quantity,
                _ => Bind::Date,
            },
        ),
        _ => (body, Bind::None),
    };
    let upper = name.chars().all(|c| c.is_ascii_uppercase() || c == '|');
    if upper && name.chars().any(|c| c.is_ascii_uppercase()) {
        let mut types = Vec::new();
        let mut kind = None;
        let mut np_and_ent = false;
        for part in name.split('|') {
            match part {
                "PER" => types.push(EntityType::Person),
                "ORG" => types.push(EntityType::Organization),
                "PROD" => types.push(EntityType::Product),
                // A station is a place ("@ Essen Hauptbahnhof in Essen"): the learned
                // names type a town's station so since session 16 (`learned::learned_kind`).
                "LOC" => types.extend([EntityType::Place, EntityType::TrainStation]),
                "EVENT" => types.push(EntityType::Event),
                "ENT" => {
                    np_and_ent |= kind == Some(SlotKind::NounPhrase);
                    kind = Some(SlotKind::Entity(Vec::new()));
                }
                "MONEY" => kind = Some(SlotKind::Money),
                "QTY" => kind = Some(SlotKind::Quantity),
                "DATE" => kind = Some(SlotKind::Date),
                "NP" => {
                    np_and_ent |= kind == Some(SlotKind::Entity(Vec::new()));
                    kind = Some(SlotKind::NounPhrase);
                }
                "ROLE" => kind = Some(SlotKind::Role),
                "POST" => kind = Some(SlotKind::Post),
                "REF" => kind = Some(SlotKind::Ref),
                "TOPIC" => kind = Some(SlotKind::Topic),
                "APPOS" => kind = Some(SlotKind::Appos),
                "ORGNOUN" => kind = Some(SlotKind::OrgNoun),
                other => return Err(format!("unknown slot {other:?}")),
            }
        }
        // `NP|ENT`: any entity, or else a noun phrase.
        if np_and_ent {
            return Ok(Elem::Slot {
                kind: SlotKind::EntityOrNp(vec![
                    EntityType::Person,
                    EntityType::Organization,
                    EntityType::Product,
                    EntityType::Place,
                    EntityType::TrainStation,
                    EntityType::Event,
                    EntityType::Thing,
                ]),
                bind,
                list,
            });
        }
        let kind = match (kind, types.is_empty()) {
            (Some(k), true) => k,
            (None, false) => SlotKind::Entity(types),
            (Some(SlotKind::Ref), false) if types == [EntityType::Organization] => SlotKind::Ref,
            (Some(SlotKind::NounPhrase), false) => SlotKind::EntityOrNp(types),
            _ => return Err(format!("cannot combine {name:?}")),
        };
        return Ok(Elem::Slot { kind, bind, list });
    }
    if bind != Bind::None || list {
        return Err(format!("only slots can bind or take lists: {tok:?}"));
    }
    Ok(Elem::Word(name.split('|').map(str::to_lowercase).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn onto() -> Ontology {
        Ontology::embedded().unwrap()
    }

    #[test]
    fn the_language_line_may_use_a_tab_and_follow_comments() {
        let (lang, ps) = parse(
            "x.patterns",
            "# comment\n\n@language\ten\nen/a\tpraises\t0.8\tPER:s praised ENT:o\tAnna Berger praised Kiel.\n",
            &onto(),
        )
        .unwrap();
        assert_eq!((lang, ps.len()), (Lang::En, 1));
    }

    #[test]
    fn a_language_line_takes_exactly_one_language() {
        let err = parse("x.patterns", "@language de en\n", &onto()).unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"x.patterns:1: expected "@language de" or "@language en""#
        );
    }

    #[test]
    fn role_predicates_and_declared_ones_pass_the_ontology_check() {
        let text = "@language de\nde/a\t$role\t0.9\tPER:s , ROLE von ORG:o\tx\n\
                    de/b\tquantity\t0.5\tORG:s kauft PROD:o\tx\n";
        // Any declared property passes, a qualifier one too: the check is against the ontology.
        assert_eq!(parse("x.patterns", text, &onto()).unwrap().1.len(), 2);
        let err = parse(
            "x.patterns",
            "@language de\nde/a\t$rolle\t0.9\tPER:s ROLE ORG:o\tx\n",
            &onto(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"x.patterns:2: unknown predicate "$rolle" (not declared in data/ontology.ttl)"#
        );
    }

    #[test]
    fn a_pattern_without_an_example_is_an_error_naming_file_and_line() {
        let four = "@language de\n# c\nde/a\tpraises\t0.8\tPER:s lobt ENT:o\n";
        assert_eq!(
            parse("x.patterns", four, &onto()).unwrap_err().to_string(),
            "x.patterns:3: expected 5 tab-separated columns (id, predicate, confidence, pattern, \
             example), found 4"
        );
        let empty = "@language de\nde/a\tpraises\t0.8\tPER:s lobt ENT:o\t \n";
        assert_eq!(
            parse("x.patterns", empty, &onto()).unwrap_err().to_string(),
            r#"x.patterns:2: pattern "de/a" has no example (column 5: a sentence it reads its fact from)"#
        );
    }
}
