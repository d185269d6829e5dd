//! Entity resolution: which mentions of a document name the same entity, and what type it
//! has.
//!
//! Recognition has already put each mention's canonical label on it (a surname learned as
//! "Mark Zuckerberg", "Seerene" as "Seerene GmbH", "NVIDIAs" as "NVIDIA"; "der Deutschen Bahn"
//! as "Deutsche Bahn" by [`crate::entities::base_form`]); this module knows
//! nothing of how, and recognition nothing of this module. Here mentions with the same label become one entity, its
//! other surface forms its aliases, and the type with the most evidence wins. Labels are
//! canonical, so the [`crate::EntityKey`] made from a label is the same in every build.

use crate::model::EntityType;
use rustc_hash::FxHashMap as HashMap;

/// One resolved entity of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// Canonical label.
    pub label: String,
    /// Type.
    pub kind: EntityType,
    /// Other surface forms, in order of first appearance.
    pub aliases: Vec<String>,
    /// A thing without a name that belongs to its document ("das Parlamentsgebäude in Athen",
    /// [`crate::EntityKey::local`]): its key is the document's, not the label's alone.
    pub local: bool,
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
                local: false,
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
