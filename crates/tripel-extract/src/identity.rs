//! Cross-document identity: which entities of different documents are one.
//!
//! A document's mentions, types and facts are a function of its own text (see
//! [`crate::Extractor::extract`]), so an article that says only "Pfeiffer" has an entity
//! "Pfeiffer", even when another article of the corpus introduces "Jonas Pfeiffer". Merging the
//! two is a statement about the corpus, not about either article: it is computed here, from the
//! set of entities of all documents, and the store keeps it apart from the documents' graphs
//! (as `owl:sameAs` links in a graph of its own). Adding or removing a document then rewrites
//! only that graph, and the links do not depend on the order of documents or batches: the
//! input is treated as a set, the output is sorted.
//!
//! Only unambiguous short forms are linked:
//! * a one-word person ("Pfeiffer") to the one multi-word person whose last word it is
//!   ("Jonas Pfeiffer"); with two such full names ("Jonas Pfeiffer", "Anna Pfeiffer") nothing;
//! * an organisation ("Seerene") to the one organisation that is it plus a legal form
//!   ("Seerene GmbH").
//!
//! A one-word name that is also a German noun ("Koch", "Bauer" as surnames, "Polizei") is never
//! linked: within one article the text settles it, across articles nothing does.

use crate::key::EntityKey;
use crate::lexicon::Lexicon;
use crate::model::EntityType;
use std::collections::{BTreeMap, BTreeSet};

/// One identity link: `alias` names the same entity as `canonical`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SameAs {
    /// The short form's entity.
    pub alias: EntityKey,
    /// The full name's entity.
    pub canonical: EntityKey,
}

/// The identity links among `entities` (label and type of every entity of a corpus, in any
/// order, duplicates allowed), sorted.
///
/// ```
/// use tripel_extract::{identity::same_as, EntityKey, EntityType, Lexicon};
/// let lex = Lexicon::load(None).unwrap();
/// let links = same_as(
///     [("Jonas Pfeiffer", EntityType::Person), ("Pfeiffer", EntityType::Person)],
///     &lex,
/// );
/// assert_eq!(links.len(), 1);
/// assert_eq!(links[0].alias, EntityKey::of_label("Pfeiffer"));
/// assert_eq!(links[0].canonical, EntityKey::of_label("Jonas Pfeiffer"));
/// ```
pub fn same_as<'a>(
    entities: impl IntoIterator<Item = (&'a str, EntityType)>,
    lex: &Lexicon,
) -> Vec<SameAs> {
    // A set: the result must not depend on input order or repetition.
    let set: BTreeSet<(EntityType, &str)> = entities.into_iter().map(|(l, k)| (k, l)).collect();
    // Candidate full names per short form and type.
    let mut full: BTreeMap<(EntityType, &str), BTreeSet<&str>> = BTreeMap::new();
    for &(kind, label) in &set {
        match kind {
            EntityType::Person => {
                let words: Vec<&str> = label.split(' ').collect();
                if words.len() >= 2 {
                    let surname = words[words.len() - 1];
                    full.entry((kind, surname)).or_default().insert(label);
                }
            }
            EntityType::Organization => {
                if let Some(base) = lex.name_without_legal_form(label) {
                    full.entry((kind, base)).or_default().insert(label);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for &(kind, label) in &set {
        let Some(names) = full.get(&(kind, label)) else {
            continue;
        };
        let one_word = !label.contains(' ');
        if names.len() != 1
            || (one_word && lex.is_noun_de(label))
            || (kind == EntityType::Person && label.chars().count() < 3)
        {
            continue;
        }
        let canonical = EntityKey::of_label(names.first().expect("one name"));
        let alias = EntityKey::of_label(label);
        if alias != canonical {
            out.push(SameAs { alias, canonical });
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::{Organization as O, Person as P};

    fn links(entities: &[(&str, EntityType)]) -> Vec<(String, String)> {
        let lex = Lexicon::load(None).unwrap();
        same_as(entities.iter().copied(), &lex)
            .into_iter()
            .map(|l| (l.alias.as_str().to_owned(), l.canonical.as_str().to_owned()))
            .collect()
    }

    #[test]
    fn surname_and_legal_form() {
        assert_eq!(
            links(&[
                ("Pfeiffer", P),
                ("Jonas Pfeiffer", P),
                ("Seerene", O),
                ("Seerene GmbH", O)
            ]),
            [
                ("pfeiffer".into(), "jonas-pfeiffer".into()),
                ("seerene".into(), "seerene-gmbh".into())
            ]
        );
    }

    #[test]
    fn ambiguous_or_mistyped_short_forms_stay_apart() {
        // Two full names with the same surname; an organisation named like a person's surname.
        assert!(links(&[("Pfeiffer", P), ("Jonas Pfeiffer", P), ("Anna Pfeiffer", P)]).is_empty());
        assert!(links(&[("Pfeiffer", O), ("Jonas Pfeiffer", P)]).is_empty());
        // A surname that is also a German noun.
        assert!(links(&[("Koch", P), ("Roland Koch", P)]).is_empty());
    }

    #[test]
    fn order_and_repetition_do_not_matter() {
        let a = links(&[("Pfeiffer", P), ("Jonas Pfeiffer", P), ("Pfeiffer", P)]);
        let b = links(&[("Jonas Pfeiffer", P), ("Pfeiffer", P)]);
        assert_eq!(a, b);
    }
}
