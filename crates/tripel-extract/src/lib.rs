//! tripel's extraction core: German and English news text in, entities and facts with
//! provenance out.
//!
//! This crate has no store, no RDF and no server, so it builds and tests in a minute and
//! extraction work never waits for RocksDB. Its modules follow the pipeline, and each imports
//! only the ones above it in this list:
//!
//! * [`model`] — the vocabulary every stage speaks: [`Document`], [`Extraction`], [`Mention`],
//!   [`Fact`]; [`key`] — entity identity ([`EntityKey`]) without IRIs;
//! * [`ontology`] — `data/ontology.ttl`, embedded, and the `tri:` properties it declares;
//! * [`lexicon`] — the language data in `data/` (word lists, patterns), checked when loaded;
//! * [`text`] — analysis below the entity level: language, sentences and tokens, numbers,
//!   money and dates;
//! * [`entities`] — which token spans are people, organisations, products and places, and the
//!   names a first pass learns ([`entities::NameMap`]);
//! * [`relations`] — the relation pattern language and its matcher over a sentence's units;
//! * [`resolve`] — which mentions of a document are one entity, and its type;
//! * [`calibration`] — a fact's confidence is the observed precision of its family
//!   (`data/calibration.tsv`, made by `tripel-calibrate`);
//! * [`pipeline`] — [`Extractor`], which runs the stages over one document (a batch: each
//!   document on its own, on every core) and returns one [`Extraction`] per document;
//! * [`identity`] — which entities of different documents are one: identity links computed
//!   from a corpus's entities, kept apart from the documents' own results.
//! * [`isolate`] — extraction with a panic confined to the document that caused it
//!   ([`isolate::DocumentError`]).
//!
//! ```
//! use tripel_extract::{Document, ExtractConfig, Extractor};
//! let extractor = Extractor::new(ExtractConfig::default()).unwrap();
//! let doc = Document { id: "a.txt".into(), text: "Meta kauft 350.000 H100 von NVIDIA.".into() };
//! let extraction = extractor.extract(&doc);
//! assert!(extraction.facts.iter().any(|f| f.predicate == "buys"));
//! ```

pub mod key;
pub mod model;

pub mod ontology;

pub mod lexicon;

pub mod text;

pub mod entities;

pub mod relations;

pub mod resolve;

pub mod calibration;

pub mod pipeline;

pub mod identity;

pub mod isolate;

pub use key::{slug, EntityKey};
pub use lexicon::{Lexicon, LexiconError};
pub use model::{
    Amount, Antecedent, Argument, Datatype, Document, Entity, EntityArg, EntityType, Extraction,
    Fact, Lang, LiteralArg, Mention, Span,
};
pub use ontology::{Ontology, ONTOLOGY_TTL};
pub use pipeline::{ExtractConfig, Extractor, QUALIFIERS};
