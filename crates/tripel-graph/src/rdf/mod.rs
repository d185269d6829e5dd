//! From extracted facts to RDF: the vocabulary ([`vocab`]) and the mapping of a document's
//! mentions and facts to quads ([`mapping`]).

pub mod mapping;
pub mod vocab;
