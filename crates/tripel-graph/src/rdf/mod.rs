//! From extracted facts to RDF: the vocabulary ([`vocab`]), the mapping of a document's
//! mentions and facts to quads ([`mapping`]), and the corpus's identity links ([`identity`]).

pub mod identity;
pub mod mapping;
pub mod vocab;
