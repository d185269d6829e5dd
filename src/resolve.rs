//! Entity resolution: which mentions name the same entity, and what that entity is called.
//!
//! Within a document, a surname resolves to the full name said earlier or later ("Zuckerberg"
//! → "Mark Zuckerberg"), a name without its legal form to the full company name ("Seerene" →
//! "Seerene GmbH"), a genitive to its base ("NVIDIAs" → "NVIDIA"). Across the documents of a
//! batch only full names are shared, so two people who share a surname in different articles
//! stay apart. Labels are canonical, so the IRI minted from a label is the same in every build.

use crate::extract::entities::Candidate;
use crate::lexicon::KnownEntity;
use crate::model::EntityType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Names learned from a first pass over the text: surface form → entity.
#[derive(Debug, Clone, Default)]
pub struct NameMap {
    names: HashMap<String, KnownEntity>,
    /// Surnames seen with more than one full name: never resolved.
    ambiguous: HashSet<String>,
    /// Evidence per name and type (summed candidate strengths): when rules disagree on a
    /// name's type, the stronger evidence wins, not the first mention ("Aus Conrad Caine wird
    /// Possible" in a headline, "die Digitalagentur Conrad Caine" in the text).
    evidence: HashMap<(String, EntityType), usize>,
}

impl NameMap {
    /// Learns the names of one document's first-pass candidates.
    pub fn learn(&mut self, cands: &[Candidate], full_names_only: bool) {
        for c in cands {
            let label = c.known.clone().unwrap_or_else(|| c.name.clone());
            // Weight 1: the document itself established the name, so no further cue is needed.
            let entry = KnownEntity {
                label: label.clone(),
                kind: c.kind,
                weight: 1,
            };
            if c.rule == "demonym" || c.kind == EntityType::Thing {
                continue;
            }
            *self.evidence.entry((c.name.clone(), c.kind)).or_default() += c.strength();
            self.insert(c.name.clone(), entry.clone());
            if full_names_only {
                continue;
            }
            match c.kind {
                EntityType::Person => {
                    let words: Vec<&str> = c.name.split(' ').collect();
                    if words.len() >= 2 {
                        let surname = words[words.len() - 1];
                        if surname.chars().count() >= 3 {
                            self.insert(surname.to_owned(), entry);
                        }
                    }
                }
                EntityType::Organization => {
                    // "Seerene GmbH" → "Seerene"
                    if let Some((base, _legal)) = c.name.rsplit_once(' ') {
                        if c.rule == "legal-form" && !base.is_empty() {
                            self.insert(base.to_owned(), entry);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn insert(&mut self, name: String, entry: KnownEntity) {
        if self.ambiguous.contains(&name) {
            return;
        }
        match self.names.get(&name) {
            Some(old) if old.label != entry.label && old.kind == entry.kind => {
                self.names.remove(&name);
                self.ambiguous.insert(name);
            }
            Some(old) if old.label == entry.label && old.kind != entry.kind => {
                let weight = |k| {
                    self.evidence
                        .get(&(name.clone(), k))
                        .copied()
                        .unwrap_or_default()
                };
                if weight(entry.kind) > weight(old.kind) {
                    self.names.insert(name, entry);
                }
            }
            Some(_) => {}
            None => {
                self.names.insert(name, entry);
            }
        }
    }

    /// Adds the names of `other` that this map does not know (document names win over batch
    /// names), except those `local` says must stay in their own document.
    pub fn extend_from(&mut self, other: &NameMap, local: impl Fn(&str) -> bool) {
        for (k, v) in &other.names {
            if !self.names.contains_key(k) && !self.ambiguous.contains(k) && !local(k) {
                self.names.insert(k.clone(), v.clone());
            }
        }
    }

    /// The entity a surface form names, if learned.
    pub fn get(&self, name: &str) -> Option<&KnownEntity> {
        self.names.get(name)
    }
}

/// One resolved entity of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Canonical label.
    pub label: String,
    /// Type.
    pub kind: EntityType,
    /// Other surface forms, in order of first appearance.
    pub aliases: Vec<String>,
}

/// Groups a document's mentions into entities by canonical label.
///
/// `mentions` are `(label, type, surface, weight)`; the result maps each mention to an entity
/// index. When one label was typed differently by different rules, the type with the most
/// weight wins (ties: the first mention's): a legal form or an organisation cue outweighs a
/// given-name guess ("die Digitalagentur Conrad Caine" … "Conrad Caine").
pub fn group(mentions: &[(String, EntityType, String, usize)]) -> (Vec<Resolved>, Vec<usize>) {
    let mut index: HashMap<String, usize> = HashMap::default();
    let mut entities: Vec<Resolved> = Vec::new();
    let mut votes: Vec<HashMap<EntityType, usize>> = Vec::new();
    let mut of_mention = Vec::with_capacity(mentions.len());
    for (label, kind, surface, weight) in mentions {
        let key = label.to_lowercase();
        let i = *index.entry(key).or_insert_with(|| {
            entities.push(Resolved {
                label: label.clone(),
                kind: *kind,
                aliases: Vec::new(),
            });
            votes.push(HashMap::default());
            entities.len() - 1
        });
        *votes[i].entry(*kind).or_default() += weight;
        if surface != &entities[i].label && !entities[i].aliases.contains(surface) {
            entities[i].aliases.push(surface.clone());
        }
        of_mention.push(i);
    }
    for (e, v) in entities.iter_mut().zip(&votes) {
        let first = e.kind;
        let best = v
            .iter()
            .max_by_key(|(k, n)| (**n, **k == first))
            .map(|(k, _)| *k);
        e.kind = best.unwrap_or(first);
    }
    (entities, of_mention)
}
