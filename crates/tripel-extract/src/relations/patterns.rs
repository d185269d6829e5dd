//! The relation pattern language, parsed from `data/patterns/<lang>.patterns`.
//!
//! A pattern is a sequence of elements matched against a sentence's *units* (an entity, a
//! value, or a word). One line: `id <TAB> predicate <TAB> confidence <TAB> elements`.
//!
//! | element | matches |
//! |---|---|
//! | `PER` `ORG` `PROD` `LOC` `ENT` `ORG\|PER` | an entity of that type (`ENT`: any) |
//! | `MONEY` `QTY` `DATE` | a value of that kind |
//! | `NP` | a noun phrase that names no entity ("KI-Forschung"): becomes a `schema:Thing` |
//! | `ROLE` | a role noun ("CEO", "Konzernchef"); predicate `$role` takes the role's predicate |
//! | `REF` | an anaphor that refers to an organisation ("das Unternehmen") |
//! | `TOPIC` | nothing: binds the previous sentence's topic (for agentless passives) |
//! | `lobt\|lobte` | a word, case-insensitive; `lob*` matches by prefix, `*spin-off` by suffix |
//! | `...` / `,,,` | a gap: `...` up to 8 units within a clause, `,,,` up to 12 across commas |
//! | `X?` | optional element |
//! | `~and\|,` | zero-width: the next unit is not one of these words ("A, B" but not "A, B, C") |
//! | `:s` `:o` `:q` `:d` | after a slot: binds subject, object, quantity or date qualifier |
//! | `+` | after a slot: a coordinated list ("A, B und C"), one fact each |
//!
//! Example (columns separated by tabs): `de/praises/lobte praises 0.85 PER:s APPOS? lobt|lobte ENT:o`

use crate::lexicon::LexiconError;
use crate::model::{EntityType, Lang};

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
}

/// Parses a pattern file.
///
/// ```
/// use tripel_extract::relations::patterns::parse;
/// use tripel_extract::Lang;
/// let ps = parse("x.patterns", "# c\nde/a\tpraises\t0.8\tPER:s lobt|lobte ENT:o\n", Lang::De).unwrap();
/// assert_eq!(ps[0].predicate, "praises");
/// assert_eq!(ps[0].id, "de/a");
/// assert!(parse("x.patterns", "de/a\tpraises\t0.8\tFOO:s\n", Lang::De).is_err());
/// ```
pub fn parse(file: &str, text: &str, lang: Lang) -> Result<Vec<Pattern>, LexiconError> {
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
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(err(format!(
                "expected 4 tab-separated columns (id, predicate, confidence, pattern), found {}",
                cols.len()
            )));
        }
        let confidence: f32 = cols[2]
            .trim()
            .parse()
            .ok()
            .filter(|c| *c > 0.0 && *c <= 1.0)
            .ok_or_else(|| err(format!("confidence must be in (0, 1], found {:?}", cols[2])))?;
        let mut elems = Vec::new();
        for tok in cols[3].split_whitespace() {
            elems.push(parse_elem(tok).map_err(&err)?);
        }
        let anchors = elems
            .iter()
            .filter_map(|e| match e {
                Elem::Word(alts) if alts.iter().all(|a| !a.contains('*')) => Some(alts.clone()),
                _ => None,
            })
            .collect();
        let _ = lang;
        out.push(Pattern {
            id: cols[0].trim().to_owned(),
            predicate: cols[1].trim().to_owned(),
            confidence,
            elems,
            anchors,
        });
    }
    Ok(out)
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
                "LOC" => types.push(EntityType::Place),
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
