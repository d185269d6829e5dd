//! Names learned from a first recognition pass, consulted by the second.
//!
//! Within a document, a surname resolves to the full name said earlier or later ("Zuckerberg"
//! → "Mark Zuckerberg"), a name without its legal form to the full company name ("Seerene" →
//! "Seerene GmbH"). Names never cross documents here: a document's result is a function of
//! its own text. Across documents, only identities are merged, apart from the documents'
//! results ([`crate::identity`]). A surname seen with two different full names is ambiguous
//! and never resolved.

use super::{Candidate, Rule};
use crate::lexicon::{KnownEntity, Lexicon};
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
    /// Names whose entry only a tentative learned name gave: a rule's name replaces it.
    guessed: HashSet<String>,
    /// The first words (before the first space) of the names with a space that were ever
    /// entered, also of those removed since (a word too many only makes
    /// [`Self::may_start_name`] say "maybe" once more): the gazetteer pass asks every run of
    /// up to five words from a capitalised word, and most runs start with no name's first
    /// word.
    heads: HashSet<String>,
    /// Names a title introduced as a person ("President Houston", `Rule::Title`): such a name
    /// is the person wherever the document uses it, also where the gazetteer lists a place of
    /// that name ("when Houston spoke"; GeoNames lists the city). A title
    /// says what the name is in this document; the listing only what it may be anywhere.
    titled: HashSet<String>,
}

impl NameMap {
    /// Learns the names of one document's first-pass candidates.
    pub fn learn(&mut self, cands: &[Candidate], lex: &Lexicon) {
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
            if c.rule == Rule::Title && c.kind == EntityType::Person {
                self.titled.insert(c.name.clone());
            }
            let guess = c.rule == Rule::LearnedTentative;
            self.insert(c.name.clone(), entry.clone(), guess);
            match c.kind {
                EntityType::Person => {
                    let words: Vec<&str> = c.name.split(' ').collect();
                    if words.len() >= 2 {
                        let surname = words[words.len() - 1];
                        if surname.chars().count() >= 3 {
                            self.insert(surname.to_owned(), entry, guess);
                        }
                    }
                }
                EntityType::Organization => {
                    // "Seerene GmbH" → "Seerene". The legal-form rule knows where its form
                    // starts; a name another rule found whole (the learned model reads
                    // "Holzwerk Pellets GmbH" as one name and replaces the rule's) ends in a
                    // form of the list.
                    let base = if c.rule == Rule::LegalForm {
                        c.name.rsplit_once(' ').map(|(base, _legal)| base)
                    } else {
                        lex.name_without_legal_form(&c.name)
                    };
                    if let Some(base) = base.filter(|b| !b.is_empty()) {
                        self.insert(base.to_owned(), entry, guess);
                    }
                }
                _ => {}
            }
        }
    }

    /// Learns that `name` names `entry`; `guess`: only a tentative learned name says so.
    fn insert(&mut self, name: String, entry: KnownEntity, guess: bool) {
        if self.ambiguous.contains(&name) {
            return;
        }
        // A bare surname the document also gives in full ("sagte Euler" and "Klaus Euler") is
        // the same person, not a second one, and a company's name without its legal form
        // ("bei Holzwerk Pellets" and "die Holzwerk Pellets GmbH") the same company: the full
        // name wins, in either order.
        let full_of_bare = |full: &str, bare: &str| {
            bare == name
                && match entry.kind {
                    EntityType::Person => full.strip_suffix(bare).is_some_and(|g| g.ends_with(' ')),
                    EntityType::Organization => {
                        full.strip_prefix(bare).is_some_and(|f| f.starts_with(' '))
                    }
                    _ => false,
                }
        };
        // The model's tentative guess never changes what the document's names say, and yields
        // to a rule's name in either order: a headline's "Nordwind+Partner: …" read as a place is
        // the "Nordwind+Partner Rechtsanwaltsgesellschaft mbH" of the text.
        if guess && self.names.contains_key(&name) {
            return;
        }
        if !guess && self.guessed.remove(&name) {
            if let Some(old) = self.names.get(&name) {
                if old.kind != entry.kind || !full_of_bare(&old.label, &entry.label) {
                    self.put(name, entry);
                }
            }
            return;
        }
        match self.names.get(&name) {
            Some(old) if old.kind == entry.kind && full_of_bare(&old.label, &entry.label) => {}
            Some(old) if old.kind == entry.kind && full_of_bare(&entry.label, &old.label) => {
                self.put(name, entry);
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
                let place_or_person = matches!(
                    (old.kind, entry.kind),
                    (EntityType::Place, EntityType::Person)
                        | (EntityType::Person, EntityType::Place)
                );
                if place_or_person && self.titled.contains(&name) {
                    if entry.kind == EntityType::Person {
                        self.put(name, entry);
                    }
                } else if weight(entry.kind) > weight(old.kind) {
                    self.put(name, entry);
                }
            }
            Some(_) => {}
            None => {
                if guess {
                    self.guessed.insert(name.clone());
                }
                self.put(name, entry);
            }
        }
    }

    /// Enters `name` (the only place that does), with its first word if it has a space.
    fn put(&mut self, name: String, entry: KnownEntity) {
        if let Some((first, _)) = name.split_once(' ') {
            if !self.heads.contains(first) {
                self.heads.insert(first.to_owned());
            }
        }
        self.names.insert(name, entry);
    }

    /// False when no learned name with a space starts with the word `first` (its part before
    /// the first space): then [`Self::get`] misses every surface with a space whose first word
    /// is `first`.
    pub fn may_start_name(&self, first: &str) -> bool {
        self.heads.contains(first)
    }

    /// The entity a surface form names, if learned.
    pub fn get(&self, name: &str) -> Option<&KnownEntity> {
        self.names.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::NameMap;
    use crate::entities::{Candidate, Rule};
    use crate::lexicon::Lexicon;
    use crate::model::EntityType;

    fn candidate(name: &str, kind: EntityType, rule: Rule) -> Candidate {
        Candidate {
            first: 0,
            last: 1,
            start: 0,
            end: name.len(),
            kind,
            name: name.to_owned(),
            known: None,
            rule,
            family: None,
            record: true,
        }
    }

    #[test]
    fn a_rules_type_replaces_the_models_guess_in_either_order() {
        let lex = Lexicon::load(None).unwrap();
        // A headline's guess of the learned recognizer (a place), and the legal form in the
        // text, whose name without the legal form is the same surface.
        let guess = candidate(
            "Nordwind+Partner",
            EntityType::Place,
            Rule::LearnedTentative,
        );
        let legal = candidate(
            "Nordwind+Partner Rechtsanwaltsgesellschaft",
            EntityType::Organization,
            Rule::LegalForm,
        );
        for order in [[&guess, &legal], [&legal, &guess]] {
            let mut names = NameMap::default();
            names.learn(&order.map(Clone::clone), &lex);
            let known = names.get("Nordwind+Partner").expect("learned");
            assert_eq!(known.kind, EntityType::Organization);
            assert_eq!(known.label, "Nordwind+Partner Rechtsanwaltsgesellschaft");
        }
        // Among rules the first name stays: a surname of a full name is the person, whatever
        // the gazetteer says of the bare word later.
        let mut names = NameMap::default();
        names.learn(
            &[
                candidate("Tom Morrison", EntityType::Person, Rule::GivenName),
                candidate("Morrison", EntityType::Place, Rule::Gazetteer),
            ],
            &lex,
        );
        assert_eq!(
            names.get("Morrison").map(|k| k.kind),
            Some(EntityType::Person)
        );
    }

    #[test]
    fn the_first_words_of_names_with_a_space() {
        // The gazetteer pass skips the runs from a word that starts no such name.
        let lex = Lexicon::load(None).unwrap();
        let mut names = NameMap::default();
        names.learn(
            &[candidate(
                "Klaus Euler",
                EntityType::Person,
                Rule::GivenName,
            )],
            &lex,
        );
        assert!(names.may_start_name("Klaus"));
        // "Euler" is learned as the surname alone, with no space.
        assert!(names.get("Euler").is_some());
        assert!(!names.may_start_name("Euler"));
        assert!(!names.may_start_name("Klaus Euler"));
    }

    #[test]
    fn a_titled_person_outweighs_a_listed_place_of_the_name() {
        let lex = Lexicon::load(None).unwrap();
        // In either order: the place first, then the title; the title first, then the place.
        for order in [[0, 1], [1, 0]] {
            let cands = [
                candidate("Houston", EntityType::Place, Rule::Gazetteer),
                candidate("Houston", EntityType::Person, Rule::Title),
            ];
            let mut names = NameMap::default();
            names.learn(&[cands[order[0]].clone(), cands[order[1]].clone()], &lex);
            assert_eq!(
                names.get("Houston").map(|k| k.kind),
                Some(EntityType::Person)
            );
        }
    }
}
