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
/// the words of German and English text ([`lowercase_into`]). Measured: the extraction
/// lower-cases about 120,000 words per pass over the bench texts, and `to_lowercase` took
/// about 220 instructions for each (an allocation, then a push per character).
///
/// ```
/// use tripel_extract::text::lowercase;
/// for w in ["und", "Siemens", "ÜBERNAHME", "Straße", "ÀÉÎÕÜÞ×ß", "„ÖL“ – 5 €", "ΣΑΣ", "İstanbul", "ǅ", ""] {
///     assert_eq!(lowercase(w), w.to_lowercase());
/// }
/// ```
pub fn lowercase(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    lowercase_into(word, &mut out);
    out
}

/// Appends `word.to_lowercase()` to `out`. A word of ASCII, Latin-1 characters (the umlauts,
/// "ß", accented letters: U+0080..=U+00FF, two bytes starting with 0xC2 or 0xC3) and the
/// punctuation and currency signs of U+2000..=U+203F and U+2080..=U+20BF (dashes, quotation
/// marks "„“", "…", "€": three bytes starting with 0xE2 0x80 or 0xE2 0x82, none with a case)
/// is copied and lower-cased in place: its ASCII capitals byte by byte, a Latin-1 capital
/// (U+00C0..=U+00DE but U+00D7 "×") by the letter 0x20 above it, which is what Unicode's
/// lower case of each of them is, of the same length. Any other word (Greek, Cyrillic, "İ",
/// "ǅ") is left to `to_lowercase`.
pub fn lowercase_into(word: &str, out: &mut String) {
    let at = out.len();
    out.push_str(word);
    // (Most words: `is_ascii` reads eight bytes at a time.)
    if word.is_ascii() {
        out[at..].make_ascii_lowercase();
        return;
    }
    let b = word.as_bytes();
    let byte = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut capital = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            x if x < 0x80 => i += 1,
            0xC2 => i += 2,
            0xC3 => {
                capital |= (0x80..=0x9E).contains(&byte(i + 1)) && byte(i + 1) != 0x97;
                i += 2;
            }
            0xE2 if matches!(byte(i + 1), 0x80 | 0x82) => i += 3,
            _ => {
                out.truncate(at);
                out.push_str(&word.to_lowercase());
                return;
            }
        }
    }
    out[at..].make_ascii_lowercase();
    // Latin-1 capitals: a leading byte 0xC3 before 0x80..=0x9E (U+00C0..=U+00DE).
    let mut p = at;
    while capital && p < out.len() {
        let Some(off) = out.as_bytes()[p..].iter().position(|&b| b == 0xC3) else {
            break;
        };
        let q = p + off;
        let c = out.as_bytes().get(q + 1).copied().unwrap_or(0);
        if (0x80..=0x9E).contains(&c) && c != 0x97 {
            let lower = char::from_u32(0xC0 + u32::from(c - 0x80) + 0x20).unwrap_or_default();
            out.replace_range(q..q + 2, lower.encode_utf8(&mut [0; 4]));
        }
        p = q + 2;
    }
}

/// A sentence's tokens in lower case, made once in one buffer ([`lowercase_into`]): the
/// value scan, the rule recognizers (both passes) and the relation units each asked for most
/// tokens' lower case, and each made its own.
#[derive(Debug, Clone, Default)]
pub struct TokensLower {
    buf: String,
    /// Where each token's lower case ends in `buf`.
    ends: Vec<u32>,
}

impl TokensLower {
    /// The lower case of each of `toks` (tokens of `text`).
    pub fn new(text: &str, toks: &[segment::Token]) -> TokensLower {
        let span = toks
            .first()
            .zip(toks.last())
            .map_or(0, |(f, l)| l.end - f.start);
        let mut buf = String::with_capacity(span + 16);
        let mut ends = Vec::with_capacity(toks.len());
        for tok in toks {
            lowercase_into(tok.text(text), &mut buf);
            ends.push(buf.len() as u32);
        }
        TokensLower { buf, ends }
    }

    /// Token `i` in lower case ("" past the end).
    pub fn get(&self, i: usize) -> &str {
        match self.ends.get(i) {
            Some(&end) => {
                let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
                &self.buf[start as usize..end as usize]
            }
            None => "",
        }
    }
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
    use super::{lowercase, TokensLower};
    use crate::text::segment::{Token, TokenKind};

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

    /// The tokens' lower case is each token's `to_lowercase`, also after a token that took
    /// the slow path.
    #[test]
    fn tokens_lower() {
        let text = "Die ÜBERNAHME ΣΑΣ İstanbul Straße";
        let mut toks = Vec::new();
        let mut start = 0;
        for w in text.split(' ') {
            toks.push(Token {
                start,
                end: start + w.len(),
                kind: TokenKind::Word,
                space_before: start > 0,
                newline_before: false,
            });
            start += w.len() + 1;
        }
        let low = TokensLower::new(text, &toks);
        for (i, w) in text.split(' ').enumerate() {
            assert_eq!(low.get(i), w.to_lowercase());
        }
        assert_eq!(low.get(toks.len()), "");
    }
}
