//! GraphViz DOT pictures of the graph: entities as nodes, facts as labelled edges.
//!
//! The graph is read from the store with SPARQL into a petgraph [`Graph`] ([`KgGraph`]), cut
//! down to a neighbourhood when a focus entity is given, and written as DOT by hand: writing
//! it ourselves keeps full control over quoting, which GraphViz is picky about.
//!
//! Node styles by schema.org class: Person ellipse, Organization box, Product component,
//! Place house, anything else note; literal values (amounts, dates) are plain text.

use crate::store::{KgStore, StoreError};
use oxigraph::model::Term;
use petgraph::graph::{Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::io::{self, Write};

/// Errors making a DOT picture.
#[derive(Debug, thiserror::Error)]
pub enum DotError {
    /// Reading the graph failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// `--focus` names no entity.
    #[error("no entity matches --focus '{0}' (give a label, an alias or an IRI)")]
    NoMatch(String),
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// One node of the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The IRI (entities, value nodes) or the literal's N-Triples form.
    pub id: String,
    /// What is shown.
    pub label: String,
    /// schema.org local name for entities (`Person`); `None` for values.
    pub kind: Option<String>,
    /// Other names, for `--focus` matching.
    pub aliases: Vec<String>,
}

/// Entities and facts as a petgraph graph; edge weights are predicate names.
#[derive(Debug, Clone, Default)]
pub struct KgGraph {
    /// The graph itself.
    pub graph: Graph<Node, String>,
    index: HashMap<String, NodeIndex>,
}

impl KgGraph {
    /// Adds (or finds) a node by id.
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        if let Some(&i) = self.index.get(&node.id) {
            return i;
        }
        let id = node.id.clone();
        let i = self.graph.add_node(node);
        self.index.insert(id, i);
        i
    }

    /// Adds an edge between two node ids (both must exist); duplicates are ignored.
    pub fn add_edge(&mut self, from: &str, to: &str, predicate: &str) {
        let (Some(&a), Some(&b)) = (self.index.get(from), self.index.get(to)) else {
            return;
        };
        let exists = self
            .graph
            .edges_connecting(a, b)
            .any(|e| e.weight() == predicate);
        if !exists {
            self.graph.add_edge(a, b, predicate.to_owned());
        }
    }

    /// Reads every mentioned entity and every fact from the store.
    pub fn from_store(store: &KgStore) -> Result<Self, StoreError> {
        let mut g = KgGraph::default();
        // Sorted by label so that node numbering, and so the DOT text, is stable.
        let mut entities: BTreeMap<String, Node> = BTreeMap::new();
        let rows = store.select(
            "SELECT ?e ?label ?type WHERE { ?e tri:mentionedIn ?d . \
             OPTIONAL { ?e rdfs:label ?label } OPTIONAL { ?e a ?type } }",
        )?;
        for r in &rows.rows {
            let Some(Term::NamedNode(e)) = &r[0] else {
                continue;
            };
            let node = entities
                .entry(e.as_str().to_owned())
                .or_insert_with(|| Node {
                    id: e.as_str().to_owned(),
                    label: String::new(),
                    kind: None,
                    aliases: Vec::new(),
                });
            if let (true, Some(Term::Literal(l))) = (node.label.is_empty(), &r[1]) {
                node.label = l.value().to_owned();
            }
            if let (None, Some(Term::NamedNode(t))) = (&node.kind, &r[2]) {
                node.kind = t
                    .as_str()
                    .strip_prefix(crate::rdf::vocab::SCHEMA)
                    .map(str::to_owned);
            }
        }
        let rows =
            store.select("SELECT ?e ?alt WHERE { ?e tri:mentionedIn ?d ; skos:altLabel ?alt }")?;
        for r in &rows.rows {
            if let (Some(Term::NamedNode(e)), Some(Term::Literal(alt))) = (&r[0], &r[1]) {
                if let Some(n) = entities.get_mut(e.as_str()) {
                    if !n.aliases.iter().any(|a| a == alt.value()) {
                        n.aliases.push(alt.value().to_owned());
                    }
                }
            }
        }
        let mut nodes: Vec<Node> = entities.into_values().collect();
        for n in &mut nodes {
            if n.label.is_empty() {
                n.label = n.id.rsplit('/').next().unwrap_or(&n.id).to_owned();
            }
        }
        nodes.sort_by(|a, b| (a.label.to_lowercase(), &a.id).cmp(&(b.label.to_lowercase(), &b.id)));
        for n in nodes {
            g.add_node(n);
        }

        let rows = store.select(
            "SELECT DISTINCT ?s ?p ?o ?olabel WHERE { ?f a tri:Fact ; rdf:subject ?s ; \
             rdf:predicate ?p ; rdf:object ?o . OPTIONAL { ?o rdfs:label ?olabel } } \
             ORDER BY ?s ?p ?o",
        )?;
        for r in &rows.rows {
            let (Some(s), Some(Term::NamedNode(p)), Some(o)) = (&r[0], &r[1], &r[2]) else {
                continue;
            };
            let s = g.value_node(s, None);
            let o = g.value_node(o, r[3].as_ref());
            let predicate = p
                .as_str()
                .strip_prefix(crate::rdf::vocab::ONTOLOGY)
                .unwrap_or(p.as_str());
            g.add_edge(&s, &o, predicate);
        }
        Ok(g)
    }

    /// The node id for a fact end; adds a plain-text node when it is not an entity.
    fn value_node(&mut self, term: &Term, label: Option<&Term>) -> String {
        let id = match term {
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        if !self.index.contains_key(&id) {
            let label = match (label, term) {
                (Some(Term::Literal(l)), _) => l.value().to_owned(),
                (_, Term::Literal(l)) => l.value().to_owned(),
                _ => id.clone(),
            };
            self.add_node(Node {
                id: id.clone(),
                label,
                kind: None,
                aliases: Vec::new(),
            });
        }
        id
    }

    /// Nodes matching `focus`: an IRI (with or without `<>`), or a label or alias compared
    /// case-insensitively.
    pub fn find(&self, focus: &str) -> Vec<NodeIndex> {
        let iri = focus.trim_start_matches('<').trim_end_matches('>');
        let wanted = focus.to_lowercase();
        self.graph
            .node_indices()
            .filter(|&i| {
                let n = &self.graph[i];
                n.kind.is_some()
                    && (n.id == iri
                        || n.label.to_lowercase() == wanted
                        || n.aliases.iter().any(|a| a.to_lowercase() == wanted))
            })
            .collect()
    }

    /// The nodes within `depth` edges (either direction) of `roots`.
    pub fn neighbourhood(&self, roots: &[NodeIndex], depth: usize) -> HashSet<NodeIndex> {
        let mut seen: HashSet<NodeIndex> = roots.iter().copied().collect();
        let mut queue: VecDeque<(NodeIndex, usize)> = roots.iter().map(|&r| (r, 0)).collect();
        while let Some((n, d)) = queue.pop_front() {
            if d == depth {
                continue;
            }
            for m in self.graph.neighbors_undirected(n) {
                if seen.insert(m) {
                    queue.push_back((m, d + 1));
                }
            }
        }
        seen
    }
}

/// What to draw.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {
    /// Only the neighbourhood of this entity (label, alias or IRI).
    pub focus: Option<String>,
    /// How many edges away from the focus to go.
    pub depth: usize,
}

/// Reads the store and writes the picture.
pub fn write_store_dot(
    store: &KgStore,
    options: &DotOptions,
    out: &mut dyn Write,
) -> Result<(), DotError> {
    let graph = KgGraph::from_store(store)?;
    write_dot(&graph, options, out)
}

/// Writes `graph` (or the focus neighbourhood) as a DOT digraph.
///
/// ```
/// use tripel_graph::export::dot::{write_dot, DotOptions, KgGraph, Node};
/// let mut g = KgGraph::default();
/// g.add_node(Node { id: "e:meta".into(), label: "Meta".into(), kind: Some("Organization".into()), aliases: vec![] });
/// g.add_node(Node { id: "e:b200".into(), label: "B200 \"GPU\"".into(), kind: Some("Product".into()), aliases: vec![] });
/// g.add_edge("e:meta", "e:b200", "buys");
/// let mut out = Vec::new();
/// write_dot(&g, &DotOptions::default(), &mut out).unwrap();
/// let dot = String::from_utf8(out).unwrap();
/// assert!(dot.contains(r#"label="B200 \"GPU\"""#));
/// assert!(dot.contains(r#"n0 -> n1 [label="buys"]"#));
/// ```
pub fn write_dot(
    graph: &KgGraph,
    options: &DotOptions,
    out: &mut dyn Write,
) -> Result<(), DotError> {
    let keep: Option<HashSet<NodeIndex>> = match &options.focus {
        Some(focus) => {
            let roots = graph.find(focus);
            if roots.is_empty() {
                return Err(DotError::NoMatch(focus.clone()));
            }
            Some(graph.neighbourhood(&roots, options.depth))
        }
        None => None,
    };
    let included = |i: NodeIndex| keep.as_ref().is_none_or(|k| k.contains(&i));

    writeln!(out, "digraph tripel {{")?;
    writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];"
    )?;
    writeln!(
        out,
        "  node [fontname=\"Helvetica\", style=filled, fillcolor=\"#eeeeee\"];"
    )?;
    writeln!(
        out,
        "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];"
    )?;
    // Node names are positional (n0, n1, …): IRIs would need quoting and make the file unreadable.
    for i in graph.graph.node_indices().filter(|&i| included(i)) {
        let n = &graph.graph[i];
        let (shape, colour) = style(n.kind.as_deref());
        let mut attrs = format!(
            "label=\"{}\", shape={shape}, tooltip=\"{}\"",
            escape(&n.label),
            escape(&n.id)
        );
        match colour {
            Some(c) => attrs.push_str(&format!(", fillcolor=\"{c}\"")),
            None => attrs.push_str(", style=\"\""),
        }
        writeln!(out, "  n{} [{attrs}];", i.index())?;
    }
    for e in graph.graph.edge_references() {
        if included(e.source()) && included(e.target()) {
            writeln!(
                out,
                "  n{} -> n{} [label=\"{}\"];",
                e.source().index(),
                e.target().index(),
                escape(e.weight())
            )?;
        }
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// Shape and fill colour per schema.org class; values get plain text without fill.
fn style(kind: Option<&str>) -> (&'static str, Option<&'static str>) {
    match kind {
        Some("Person") => ("ellipse", Some("#fde0c5")),
        Some("Organization") => ("box", Some("#c6dbef")),
        Some("Product") => ("component", Some("#d9f0d3")),
        Some("Place" | "TrainStation") => ("house", Some("#fff2ae")),
        Some(_) => ("note", Some("#e7e1ef")),
        None => ("plaintext", None),
    }
}

/// Escapes text for a double-quoted DOT string. Backslashes are doubled because DOT reads
/// `\n`, `\l`, `\N` … in labels as escapes; line breaks become centred `\n` breaks.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
