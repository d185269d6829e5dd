//! Which graphs a SPARQL query sees: the one rule for `tripel query`, the store's own queries
//! and every query and update the server runs.
//!
//! The store keeps one named graph per document (and one for the ontology). People ask about
//! the knowledge graph as a whole, so the **default graph is the union of all named graphs**,
//! unless the request or the query says otherwise:
//!
//! 1. a dataset named by the request (the SPARQL Protocol's `default-graph-uri` /
//!    `named-graph-uri`, or `using-graph-uri` / `using-named-graph-uri` for updates) replaces
//!    everything else, the query's `FROM` / `FROM NAMED` included;
//! 2. else a query with its own `FROM` / `FROM NAMED` (an update with `USING` / `WITH`) keeps
//!    that dataset;
//! 3. else the default graph is the union of all graphs.

use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::QueryDataset;

/// A dataset named by the request rather than by the query text (rule 1 of the module docs).
/// The default value names none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestDataset {
    /// The graphs merged into the default graph (`default-graph-uri`, `using-graph-uri`).
    pub default_graphs: Vec<NamedNode>,
    /// The graphs available to `GRAPH` (`named-graph-uri`, `using-named-graph-uri`).
    pub named_graphs: Vec<NamedNode>,
}

impl RequestDataset {
    /// Whether the request names no graph at all (then the query's dataset, or the union, holds).
    pub fn is_empty(&self) -> bool {
        self.default_graphs.is_empty() && self.named_graphs.is_empty()
    }
}

/// Sets the dataset of a parsed query (or of one `WHERE` clause of an update) by the rule in
/// the module docs.
///
/// ```
/// use oxigraph::sparql::SparqlEvaluator;
/// use tripel_graph::dataset::{apply, RequestDataset};
/// let mut prepared = SparqlEvaluator::new().parse_query("SELECT * WHERE { ?s ?p ?o }").unwrap();
/// apply(prepared.dataset_mut(), &RequestDataset::default());
/// assert!(!prepared.dataset().is_default_dataset()); // the union, not the store's default graph
/// ```
pub fn apply(dataset: &mut QueryDataset, request: &RequestDataset) {
    if !request.is_empty() {
        dataset.set_default_graph(
            request
                .default_graphs
                .iter()
                .cloned()
                .map(GraphName::from)
                .collect(),
        );
        dataset.set_available_named_graphs(
            request
                .named_graphs
                .iter()
                .cloned()
                .map(NamedOrBlankNode::from)
                .collect(),
        );
    } else if dataset.is_default_dataset() {
        dataset.set_default_graph_as_union();
    }
}
