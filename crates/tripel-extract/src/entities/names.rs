//! Names learned from a first recognition pass, consulted by the second.
//!
//! Within a document, a surname resolves to the full name said earlier or later ("Zuckerberg"
//! → "Mark Zuckerberg"), a name without its legal form to the full company name ("Seerene" →
//! "Seerene GmbH"). Names never cross documents here: a document's result is a function of
//! its own text. Across documents, only identities are merged, apart from the documents'
//! results ([`crate::identity`]). A surname seen with two different full names is ambiguous
//! and never resolved.

use super::{Candidate, Rule};
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
    pub fn learn(&mut self, cands: &[Candidate]) {
        for c in cands {
            let label = c.known.clone().unwrap_or_else(|| c.name.clone());
            // Weight 1: the document itself established the name, so no further cue is needed.
            let entry = KnownEntity {
                label: label.clone(),
                kind: c.kind,
                weight: 1,
            };
            if c.rule == Rule::Demonym || c.kind == EntityType::Thing {
                continue;
            }
            *self.evidence.entry((c.name.clone(), c.kind)).or_default() += c.strength();
            self.insert(c.name.clone(), entry.clone());
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
                        if c.rule == Rule::LegalForm && !base.is_empty() {
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
        // A bare surname the document also gives in full ("sagte Euler" and "Klaus Euler") is
        // the same person, not a second one: the full name wins, in either order.
        let full_of_bare = |full: &str, bare: &str| {
            bare == name && full.strip_suffix(bare).is_some_and(|g| g.ends_with(' '))
        };
        match self.names.get(&name) {
            Some(old)
                if old.kind == entry.kind
                    && entry.kind == EntityType::Person
                    && full_of_bare(&old.label, &entry.label) => {}
            Some(old)
                if old.kind == entry.kind
                    && entry.kind == EntityType::Person
                    && full_of_bare(&entry.label, &old.label) =>
            {
                self.names.insert(name, entry);
            }
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

    /// The entity a surface form names, if learned.
    pub fn get(&self, name: &str) -> Option<&KnownEntity> {
        self.names.get(name)
    }
}
