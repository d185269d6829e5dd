//! Getting the graph out of tripel: standard RDF syntaxes ([`rdf`]) and GraphViz DOT
//! pictures ([`dot`]).

pub mod dot;
pub mod rdf;
