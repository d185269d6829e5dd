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
        Cow::Owned(lowercase(word))
    }
}

/// `str::to_lowercase`, the same string, made without its character-by-character loop for
/// the words of German and English text: an all-ASCII word is lower-cased byte by byte, and a
/// word of ASCII and Latin-1 letters (the umlauts, "ß", accented letters: two bytes starting
/// with 0xC2 or 0xC3) has its Latin-1 capitals (U+00C0..=U+00DE but U+00D7 "×") moved up by
/// 0x20 in place, which is what Unicode's lower case of each of them is. Any other character
/// (Greek, Cyrillic, "İ", "ǅ") leaves the whole word to `to_lowercase`. Measured: the extraction
/// lower-cases about 120,000 words per pass over the bench texts, and `to_lowercase` took
/// about 220 instructions for each (an allocation, then a push per character).
///
/// ```
/// use tripel_extract::text::lowercase;
/// for w in ["und", "Siemens", "ÜBERNAHME", "Straße", "ÀÉÎÕÜÞ×ß", "ΣΑΣ", "İstanbul", "ǅ", ""] {
///     assert_eq!(lowercase(w), w.to_lowercase());
/// }
/// ```
pub fn lowercase(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut bytes = word.as_bytes().to_vec();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b if b < 0x80 => {
                bytes[i] = b.to_ascii_lowercase();
                i += 1;
            }
            // A leading byte of valid UTF-8 has its continuation byte.
            0xC3 => {
                let c = bytes[i + 1];
                if (0x80..=0x9E).contains(&c) && c != 0x97 {
                    bytes[i + 1] = c + 0x20;
                }
                i += 2;
            }
            0xC2 => i += 2,
            _ => return word.to_lowercase(),
        }
    }
    // Still valid UTF-8: a continuation byte 0x80..=0x9E became one of 0xA0..=0xBE.
    String::from_utf8(bytes).unwrap_or_else(|_| word.to_lowercase())
}

/// [`lowercase`] as a method of every string, so a call site reads as `to_lowercase` did:
/// `w.lower_case()`.
pub trait LowerCase {
    /// [`lowercase`] of the string: the same as `to_lowercase`.
    fn lower_case(&self) -> String;
}

impl LowerCase for str {
    #[inline]
    fn lower_case(&self) -> String {
        lowercase(self)
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

/// A fixed list of needles for one question asked of many short words: does one of them (that
/// the caller accepts) occur in this word? The answer `str::contains` gives for each needle in
/// turn, with one walk over the word instead: the needles are indexed by their first byte, and
/// at each byte of the word only the needles starting with it are compared. Coreference's
/// reference nouns and the noun frames' local stems are a few dozen needles each, asked about
/// words of every sentence; each `contains` set up a two-way searcher for a word of ten bytes.
///
/// A needle of valid UTF-8 starts with a leading byte, so it can only match at a character
/// boundary of the word, as `contains` does; the empty needle is in every word.
///
/// ```
/// use tripel_extract::text::Needles;
/// let n = Needles::new(["konzern", "bank", "ank"]);
/// for w in ["autokonzern", "banken", "flank", "firma", "", "über"] {
///     for k in 0..3 {
///         let want = w.contains(["konzern", "bank", "ank"][k]);
///         assert_eq!(n.any_in(w, |i| i == k), want, "{w} {k}");
///     }
///     assert_eq!(n.any_in(w, |_| true), ["konzern", "bank", "ank"].iter().any(|s| w.contains(s)));
/// }
/// assert!(Needles::new([""]).any_in("", |_| true));
/// assert!(!Needles::new(["a"]).any_in("", |_| true));
/// ```
#[derive(Debug, Clone)]
pub struct Needles {
    /// The needles in the order given.
    needles: Vec<Box<[u8]>>,
    /// The indices of the non-empty needles by their first byte.
    by_first: Vec<Vec<usize>>,
    /// The indices of the empty needles.
    empty: Vec<usize>,
}

impl Default for Needles {
    /// No needles: in no word.
    fn default() -> Needles {
        Needles::new(std::iter::empty())
    }
}

impl Needles {
    /// The index of `needles`; [`Needles::any_in`] names them by their position here.
    pub fn new<'s>(needles: impl IntoIterator<Item = &'s str>) -> Needles {
        let needles: Vec<Box<[u8]>> = needles.into_iter().map(|s| s.as_bytes().into()).collect();
        let mut by_first = vec![Vec::new(); 256];
        let mut empty = Vec::new();
        for (k, n) in needles.iter().enumerate() {
            match n.first() {
                Some(&b) => by_first[usize::from(b)].push(k),
                None => empty.push(k),
            }
        }
        Needles {
            needles,
            by_first,
            empty,
        }
    }

    /// Whether some needle `k` with `accept(k)` occurs in `hay`.
    pub fn any_in(&self, hay: &str, mut accept: impl FnMut(usize) -> bool) -> bool {
        if self.empty.iter().any(|&k| accept(k)) {
            return true;
        }
        let h = hay.as_bytes();
        (0..h.len()).any(|p| {
            self.by_first[usize::from(h[p])]
                .iter()
                .any(|&k| h[p..].starts_with(&self.needles[k]) && accept(k))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase;

    /// `lowercase` is `to_lowercase` for every character alone and inside words of ASCII and
    /// Latin-1 letters (where the fast path runs before and after it).
    #[test]
    fn lowercase_is_to_lowercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for w in [
                c.to_string(),
                format!("Ab{c}ÜÖ"),
                format!("{c}{c}ß"),
                format!("MÄRZ{c}"),
            ] {
                assert_eq!(lowercase(&w), w.to_lowercase(), "{w:?}");
            }
        }
    }
}
