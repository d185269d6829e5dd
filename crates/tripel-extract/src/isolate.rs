//! One document's failure stays that document's: extraction under `catch_unwind`.
//!
//! Extraction should never panic (the property tests look for panics), but a corpus run of
//! 100,000 documents must not be lost to one that finds a bug. [`extract_document`] is the
//! unit a caller schedules: one document in, its extraction or a [`DocumentError`] out, with
//! no state shared with other documents, so it can run on any thread. [`extract_batch`] runs
//! [`Extractor::extract_batch`] (every core) and falls back to one document at a time only
//! when the batch panicked, to find which documents to drop.

use crate::{Document, Extraction, Extractor};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Why a document has no extraction. The message is one line naming the document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Extraction panicked: a bug in tripel, reported with the document that found it.
    #[error("{id}: extraction failed (internal error: {message})")]
    Panicked {
        /// The document id.
        id: String,
        /// The panic message.
        message: String,
    },
}

/// Runs `f` for the document `id`; a panic becomes [`DocumentError::Panicked`].
///
/// `f` must not leave shared state half-changed when it panics: the extractor is only read
/// during extraction, which is why asserting unwind safety is sound here.
pub fn isolated<T>(id: &str, f: impl FnOnce() -> T) -> Result<T, DocumentError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic without a message".to_owned());
        DocumentError::Panicked {
            id: id.to_owned(),
            message: message.replace(['\r', '\n'], " "),
        }
    })
}

/// Extracts one document on its own; a panic is returned as an error, not propagated.
///
/// ```
/// use tripel_extract::{isolate::extract_document, Document, ExtractConfig, Extractor};
/// let extractor = Extractor::new(ExtractConfig::default()).unwrap();
/// let doc = Document { id: "a.txt".into(), text: "Meta kauft 350.000 H100 von NVIDIA.".into() };
/// let extraction = extract_document(&extractor, &doc).unwrap();
/// assert!(!extraction.facts.is_empty());
/// ```
pub fn extract_document(
    extractor: &Extractor,
    doc: &Document,
) -> Result<Extraction, DocumentError> {
    isolated(&doc.id, || extractor.extract(doc))
}

/// Extracts a batch, results in input order. When the batch panics, each document is
/// extracted alone: the ones that panic get an error, the others their extraction (a
/// document's result depends on its own text only, so alone is the same as in the batch).
pub fn extract_batch(
    extractor: &Extractor,
    docs: &[Document],
) -> Vec<Result<Extraction, DocumentError>> {
    isolate_batch(docs, |batch| extractor.extract_batch(batch))
}

/// [`extract_batch`] for any batch function `f` that returns one result per document.
pub fn isolate_batch<T>(
    docs: &[Document],
    f: impl Fn(&[Document]) -> Vec<T>,
) -> Vec<Result<T, DocumentError>> {
    let batch_id = || match docs {
        [one] => one.id.clone(),
        _ => format!("batch of {} documents", docs.len()),
    };
    match isolated(&batch_id(), || f(docs)) {
        Ok(all) => all.into_iter().map(Ok).collect(),
        Err(e) if docs.len() == 1 => vec![Err(e)],
        // Some document panicked: find which.
        Err(_) => docs
            .iter()
            .map(|d| isolated(&d.id, || f(std::slice::from_ref(d))).map(|mut v| v.remove(0)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.to_owned(),
            text: text.to_owned(),
        }
    }

    /// A batch "extractor" that panics on documents saying BOOM and otherwise reports how
    /// many documents it saw together.
    fn fragile(batch: &[Document]) -> Vec<(String, usize)> {
        batch
            .iter()
            .map(|d| {
                assert!(!d.text.contains("BOOM"), "boom in {}", d.id);
                (d.id.clone(), batch.len())
            })
            .collect()
    }

    #[test]
    fn a_panicking_document_is_skipped_and_the_rest_are_extracted() {
        let docs = [doc("a", "gut"), doc("b", "BOOM"), doc("c", "auch gut")];
        let out = isolate_batch(&docs, fragile);
        assert_eq!(out[0], Ok(("a".to_owned(), 1)));
        assert_eq!(out[2], Ok(("c".to_owned(), 1)));
        let Err(DocumentError::Panicked { id, message }) = &out[1] else {
            panic!("{out:?}");
        };
        assert_eq!(id, "b");
        assert_eq!(message, "boom in b");
        assert!(out[1].as_ref().unwrap_err().to_string().starts_with("b: "));
    }

    #[test]
    fn a_batch_without_panics_is_one_call() {
        let docs = [doc("a", "x"), doc("b", "y")];
        let out = isolate_batch(&docs, fragile);
        assert_eq!(
            out,
            [Ok(("a".to_owned(), 2)), Ok(("b".to_owned(), 2))],
            "both documents in one batch"
        );
        let one = isolate_batch(&[doc("z", "BOOM")], fragile);
        assert!(matches!(&one[0], Err(DocumentError::Panicked { id, .. }) if id == "z"));
    }
}
