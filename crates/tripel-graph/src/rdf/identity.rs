//! Cross-document identity as RDF: `owl:sameAs` links in a graph of their own.
//!
//! A document's graph is a function of its own text ([`crate::rdf::mapping`]); which entities
//! of different documents are one is a statement about the corpus
//! ([`tripel_extract::identity`]). It lives in [`Iris::identity_graph`], which `build` and
//! `remove` recompute from the store's entities after every change, so adding or removing a
//! document never rewrites another document's graph. Queries that should see "Pfeiffer" and
//! "Jonas Pfeiffer" as one follow `owl:sameAs` (e.g. `?e owl:sameAs? ?same`).

use crate::rdf::vocab::{Iris, OWL};
use oxigraph::model::{GraphName, NamedNode, Quad};
use tripel_extract::identity::SameAs;

/// The identity graph's quads, one `alias owl:sameAs canonical` per link, in link order.
///
/// ```
/// use tripel_extract::{identity::SameAs, EntityKey};
/// use tripel_graph::{rdf::identity::identity_quads, Iris};
/// let iris = Iris::default();
/// let link = SameAs { alias: EntityKey::of_label("Pfeiffer"), canonical: EntityKey::of_label("Jonas Pfeiffer") };
/// let quads = identity_quads(&iris, &[link]);
/// assert_eq!(quads[0].to_string(), format!(
///     "<{0}entity/pfeiffer> <http://www.w3.org/2002/07/owl#sameAs> <{0}entity/jonas-pfeiffer> <{1}>",
///     iris.base(), iris.identity_graph()));
/// ```
pub fn identity_quads(iris: &Iris, links: &[SameAs]) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(iris.identity_graph()));
    let same_as = NamedNode::new_unchecked(format!("{OWL}sameAs"));
    links
        .iter()
        .map(|l| {
            Quad::new(
                NamedNode::new_unchecked(iris.entity(&l.alias)),
                same_as.clone(),
                NamedNode::new_unchecked(iris.entity(&l.canonical)),
                graph.clone(),
            )
        })
        .collect()
}
