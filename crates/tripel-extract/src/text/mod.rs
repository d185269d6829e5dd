//! Text analysis below the entity level: segmentation, language, numbers, money and dates,
//! and the learned syntax of a sentence ([`syntax`]).

pub mod lang;
pub mod numbers;
pub mod segment;
pub mod syntax;
pub mod tag_gate;

use std::borrow::Cow;

/// A word's lower case, borrowed when the word is its own lower case because it is all ASCII
/// without a capital ("und", "2024", "-"): most words of a German sentence, which
/// `to_lowercase` copied into a new string each. Any other word (a capital, an umlaut, a
/// title-case letter) is lower-cased by `to_lowercase`, so the answer is always the same
/// string.
///
/// ```
/// use tripel_extract::text::lower;
/// for w in ["und", "Siemens", "Übernahme", "2024", "ǅ", "ΣΑΣ", ""] {
///     assert_eq!(lower(w), w.to_lowercase());
/// }
/// assert!(matches!(lower("und"), std::borrow::Cow::Borrowed(_)));
/// ```
#[inline]
pub fn lower(word: &str) -> Cow<'_, str> {
    if is_own_lower(word) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Whether a word is its own lower case because it is all ASCII without a capital ([`lower`]
/// borrows it).
#[inline]
pub fn is_own_lower(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// The last `N` bytes of a word, if it has that many: a key for indexing words by their ending
/// (bytes, not characters: a suffix of bytes is what `strip_suffix` compares, so a word ends
/// with a key's word only if it ends with the key's bytes).
///
/// ```
/// assert_eq!(tripel_extract::text::last_bytes::<3>("Konzern"), Some(*b"ern"));
/// assert_eq!(tripel_extract::text::last_bytes::<3>("AG"), None);
/// ```
pub fn last_bytes<const N: usize>(word: &str) -> Option<[u8; N]> {
    let b = word.as_bytes();
    b.len()
        .checked_sub(N)
        .and_then(|start| b[start..].try_into().ok())
}
