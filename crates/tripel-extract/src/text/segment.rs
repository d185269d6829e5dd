//! Sentence and token segmentation that survives German abbreviations and number formats.
//!
//! Plain UAX #29 splits after every "z." and "Dr.", so tokens come from UAX #29 word bounds
//! (`unicode-segmentation`, with ASCII stretches by an equivalent byte loop: `word_bounds`) and
//! the sentence decision is ours: a period ends a sentence unless the
//! word before it is an abbreviation or an initial, an ordinal precedes a month ("am 3. März"), or
//! a digit follows ("Ende 2024. 350.000" stays one sentence, as German news writes dates and
//! counts). Hyphenated compounds stay one token ("B200-GPUs", "KI-Forschung"); the recogniser
//! looks inside them. Offsets here are byte offsets; [`CharIndex`] converts to code points.
//!
//! A "sentence" is also the unit of cost: recognition and pattern matching look at pairs of
//! positions inside one sentence. Text without sentence punctuation (scraped tables, lists, a
//! whole page on one line) would make one sentence of the whole document, so no sentence is
//! longer than [`MAX_SENTENCE_TOKENS`]: a longer run is cut into windows, and the cost of any
//! input stays linear in its length.

use crate::lexicon::Lexicon;
use crate::model::Lang;
use crate::text::LowerCase;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits and inner hyphens.
    Word,
    /// Starts with a digit: 600.000, 35, 2024, 3,5.
    Number,
    /// Anything else that is not white space.
    Punct,
}

/// A token as a byte span of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Kind.
    pub kind: TokenKind,
    /// Whether white space precedes it (false for "“" in "„Llama“").
    pub space_before: bool,
    /// Whether a line break precedes it.
    pub newline_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// A sentence: a byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first token.
    pub start: usize,
    /// Byte offset past the last token.
    pub end: usize,
    /// Its tokens.
    pub tokens: Vec<Token>,
}

/// The most tokens a sentence may have. A run of text without sentence end that is longer is
/// cut into windows of at most this many tokens, after the last comma, semicolon, colon, dash
/// or bar in the window's second half when there is one (so that lists break between items),
/// else at the bound. News sentences are far shorter (of the 11,521 sentences in the German
/// and English evaluation and training news, the median has 12 tokens, 99.9 % have at most 79,
/// and one reaches the bound), so in practice only text without sentences is cut; a fact whose
/// subject and object fall into different windows of such text is not found.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Splits `text` into sentences of tokens (none longer than [`MAX_SENTENCE_TOKENS`]).
///
/// ```
/// use tripel_extract::Lexicon;
/// use tripel_extract::text::segment::sentences;
/// let lex = Lexicon::load(None).unwrap();
/// let text = "Das ist z. B. gut. Bis Ende 2024. 350.000 Stück kommen. Dr. Müller geht am 3. März.";
/// let s: Vec<&str> = sentences(text, &lex).iter().map(|s| &text[s.start..s.end]).collect();
/// assert_eq!(s, ["Das ist z. B. gut.", "Bis Ende 2024. 350.000 Stück kommen.", "Dr. Müller geht am 3. März."]);
/// ```
pub fn sentences(text: &str, lex: &Lexicon) -> Vec<Sentence> {
    let tokens = tokenize(text, lex);
    let mut out = Vec::new();
    let mut current: Vec<Token> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        if !current.is_empty()
            && tok.newline_before
            && breaks_at_newline(text, &current, tok)
            && !address_runs_on(text, &current, tok, lex)
        {
            push_sentence(&mut out, std::mem::take(&mut current));
        }
        if current.len() == MAX_SENTENCE_TOKENS {
            let rest = current.split_off(window_cut(text, &current));
            push_sentence(&mut out, std::mem::replace(&mut current, rest));
        }
        current.push(*tok);
        if ends_sentence(text, &tokens, i, lex) {
            push_sentence(&mut out, std::mem::take(&mut current));
        }
    }
    push_sentence(&mut out, current);
    out
}

/// Where a full window is cut: after its last separator in the second half, else at its end.
fn window_cut(text: &str, window: &[Token]) -> usize {
    let half = window.len() / 2;
    window[half..]
        .iter()
        .rposition(|t| {
            t.kind == TokenKind::Punct
                && matches!(t.text(text), "," | ";" | ":" | "-" | "–" | "—" | "|" | "/")
        })
        .map_or(window.len(), |p| half + p + 1)
}

fn push_sentence(out: &mut Vec<Sentence>, tokens: Vec<Token>) {
    if let (Some(first), Some(last)) = (tokens.first(), tokens.last()) {
        out.push(Sentence {
            start: first.start,
            end: last.end,
            tokens,
        });
    }
}

fn is_closer(t: &str) -> bool {
    matches!(t, "“" | "”" | "\"" | "'" | "’" | "»" | "«" | ")" | "]")
}

/// A line break ends a sentence (headlines, list items, RSS fields) unless the text visibly
/// runs on: the next line starts in lower case, or the line ended in a comma or hyphen. A
/// web address in lower case ("openPR.de / t885226" under a press release's headline) starts
/// a line of its own: no sentence runs on into one.
fn breaks_at_newline(text: &str, current: &[Token], next: &Token) -> bool {
    let next_text = next.text(text);
    let last = current.last().map(|t| t.text(text)).unwrap_or("");
    let blank_line = text[current.last().map_or(0, |t| t.end)..next.start]
        .matches('\n')
        .count()
        > 1;
    if blank_line {
        return true;
    }
    let address = next_text.split_once('.').is_some_and(|(a, b)| {
        !a.is_empty() && b.len() >= 2 && b.chars().all(char::is_alphanumeric)
    });
    let starts_lower = next_text.chars().next().is_some_and(char::is_lowercase) && !address;
    !(starts_lower || last == "," || last.ends_with('-'))
}

/// An address block runs on across its lines, so that one sentence holds the organisation and
/// where it is, as press releases and filings write them:
///
/// ```text
/// Elbwerft AG
/// Hafenstraße 12
/// 24103 Kiel
/// Deutschland
/// ```
///
/// A line break does not end the sentence before a street line (a word ending in a street
/// word, `streetword` in grammar.tsv, and a house number, alone on its line), before a postcode
/// line (four or five digits and a capitalised word) right after a street line, before a short
/// line of capitalised words (the country) right after a postcode line, or before a line that
/// opens with a label of a seat (`addresslabel`: "Registrierter Sitz und Staat: …" under
/// "Name: …" in a voting-rights notice) or after a table header that ends in one ("Name:
/// Registrierter Sitz und Staat:" over the values). The patterns `de/headquarteredIn/address…`
/// and `…/registrierter-sitz` read them.
fn address_runs_on(text: &str, current: &[Token], next: &Token, lex: &Lexicon) -> bool {
    let Some(last) = current.last() else {
        return false;
    };
    let line_start = text[..last.end].rfind('\n').map_or(0, |i| i + 1);
    let this_line = text[line_start..last.end].trim();
    let next_line = text[next.start..].split('\n').next().unwrap_or("").trim();
    let label = |l: &str| lex.address_labels.has_any(&l.trim().lower_case());
    // "Name: …" / "Registrierter Sitz und Staat: …", or the two as a table's header over the
    // values' line ("Name: Registrierter Sitz und Staat:" / "Nordlicht Inc.   Denver, …").
    let header = this_line
        .strip_suffix(':')
        .and_then(|h| h.rsplit_once(':'))
        .is_some_and(|(_, l)| label(l));
    if header || next_line.split_once(':').is_some_and(|(l, _)| label(l)) {
        return true;
    }
    // A table puts the organisation and its street on one line ("Elbwerft AG      Hafenstraße
    // 12"): that line's last column is its street, and such a line is no street line of its own.
    let last_column = this_line.rsplit("   ").next().unwrap_or(this_line).trim();
    is_street_line(next_line, lex) && !next_line.contains("   ")
        || is_street_line(last_column, lex) && is_postcode_line(next_line)
        || is_postcode_line(this_line) && is_country_line(next_line)
}

/// "Hafenstraße 12", "Stockumer Kirchstraße 61", "Theodor-Heuss-Allee 25", "Am Kai 3a":
/// a few words, the last before the house number ending in a street word.
fn is_street_line(line: &str, lex: &Lexicon) -> bool {
    // At most five words: a line of six or more is none, however long (a paragraph's line is
    // asked too), so no more are split off; the street lower-cased last, when all else holds.
    let words: Vec<&str> = line.split_whitespace().take(6).collect();
    let [rest @ .., street, number] = words.as_slice() else {
        return false;
    };
    let house = number.trim_end_matches(|c: char| c.is_ascii_lowercase());
    rest.len() <= 3
        && !house.is_empty()
        && house.len() <= 4
        && house.chars().all(|c| c.is_ascii_digit() || c == '-')
        && house.starts_with(|c: char| c.is_ascii_digit())
        && line.starts_with(char::is_uppercase)
        && {
            let street = street.lower_case();
            lex.street_words.all().any(|w| street.ends_with(w))
        }
}

/// "24103 Kiel", "D-24103 Kiel", "1010 Wien", "45472 Mülheim an der Ruhr": a postcode and a
/// capitalised town, and no more than a town's name.
fn is_postcode_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let Some(code) = words.next() else {
        return false;
    };
    let code = code.rsplit_once('-').map_or(code, |(_, c)| c);
    // (At most four words of a town: a fifth says no, and the rest of the line is not split.)
    let town: Vec<&str> = words.take(5).collect();
    (4..=5).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_digit())
        && (1..=4).contains(&town.len())
        && town[0].starts_with(char::is_uppercase)
}

/// "Deutschland", "Vereinigte Staaten von Amerika": one to four words, the first capitalised,
/// letters only.
fn is_country_line(line: &str) -> bool {
    // (A fifth word says no: the rest of the line is not split.)
    let words: Vec<&str> = line.split_whitespace().take(5).collect();
    (1..=4).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && line
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
}

/// Whether a sentence ends after token `i`. Closing quotes and brackets glued to a final
/// period belong to the sentence they close, so the decision is taken at the last of them.
fn ends_sentence(text: &str, tokens: &[Token], i: usize, lex: &Lexicon) -> bool {
    let mut k = i;
    while k > 0 && !tokens[k].space_before && is_closer(tokens[k].text(text)) {
        k -= 1;
    }
    let t = tokens[k].text(text);
    if !matches!(t, "." | "!" | "?" | "…" | "...") {
        return false;
    }
    let Some(next) = tokens.get(i + 1) else {
        return true;
    };
    let next_text = next.text(text);
    if !next.space_before && is_closer(next_text) {
        return false; // decided at the last closer
    }
    let next_first = next_text.chars().next().unwrap_or(' ');
    if !next.space_before && !next.newline_before {
        return false; // "www.x.de", "3.5"
    }
    if next_first.is_ascii_digit() || next_first.is_lowercase() {
        return false; // "Ende 2024. 350.000 …"; "usw. und"
    }
    if t != "." || k != i {
        return true;
    }
    let Some(prev) = k.checked_sub(1).map(|p| tokens[p]) else {
        return true;
    };
    if prev.end != tokens[k].start {
        return true;
    }
    let p = prev.text(text);
    if lex.abbreviations.contains(p) {
        return false;
    }
    // Initials: "J. Smith", "Joe K. Müller".
    if p.chars().count() == 1 && p.chars().all(char::is_uppercase) {
        return false;
    }
    // Ordinals before months: "am 3. März", "zum 1. Januar"; after an article or a fused
    // preposition: "der 1. FC Köln", "im 2. Quartal".
    if prev.kind != TokenKind::Number || p.len() > 2 {
        return true;
    }
    let after_article = || {
        k >= 2 && {
            let before = tokens[k - 2].text(text).lower_case();
            lex.determiners.contains(&before) || lex.split_contraction(&before, Lang::De).is_some()
        }
    };
    !(lex.months.contains_key(next_text) || after_article())
}

/// Splits text into tokens: UAX #29 word bounds, with hyphenated compounds rejoined and
/// glued words split where a line break was lost ("Instagram-BeitragMark Zuckerberg").
pub fn tokenize(text: &str, lex: &Lexicon) -> Vec<Token> {
    let mut raw: Vec<(usize, &str)> = Vec::with_capacity(text.len() / 3);
    word_bounds(text, &mut raw);
    let mut out: Vec<Token> = Vec::new();
    let mut space_before = true;
    let mut newline_before = true;
    let mut i = 0;
    while i < raw.len() {
        let (off, piece) = raw[i];
        if piece.chars().all(char::is_whitespace) {
            space_before = true;
            newline_before |= piece.contains('\n');
            i += 1;
            continue;
        }
        let mut end = off + piece.len();
        let first = piece.chars().next().unwrap_or(' ');
        let is_wordish = |p: &str| p.chars().next().is_some_and(char::is_alphanumeric);
        if is_wordish(piece) {
            // Rejoin "B200" "-" "GPUs", "KI" "-" "Forschung", also "H100" "-" "äquivalente".
            // Also names joined by "+": "Nieding+Barth".
            while i + 2 < raw.len()
                && (raw[i + 1].1 == "-" || raw[i + 1].1 == "+")
                && is_wordish(raw[i + 2].1)
            {
                end = raw[i + 2].0 + raw[i + 2].1.len();
                i += 2;
            }
            // A truncated compound: "EU- und NATO-Staaten" keeps its hyphen.
            if i + 2 < raw.len()
                && raw[i + 1].1 == "-"
                && raw[i + 2].1.chars().all(char::is_whitespace)
            {
                end += 1;
                i += 1;
            }
        }
        // "Harbor Corp.'s chief executive": the possessive after an abbreviation's full stop
        // is one word, "'s", as the English parser learned it and as it is split off
        // "Google's" (`Lexicon::split_clitic`); the word bounds cut it into "'" and "s", which
        // no rule or pattern reads as a possessive (session 21).
        let possessive = matches!(piece, "'" | "’")
            && i >= 1
            && raw[i - 1].1 == "."
            && raw.get(i + 1).is_some_and(|p| p.1 == "s")
            && raw.get(i + 2).is_none_or(|p| !is_wordish(p.1));
        if possessive {
            end = raw[i + 1].0 + raw[i + 1].1.len();
            i += 1;
        }
        let kind = if first.is_ascii_digit() {
            TokenKind::Number
        } else if first.is_alphanumeric() || possessive {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        let mut tok = Token {
            start: off,
            end,
            kind,
            space_before,
            newline_before,
        };
        if kind == TokenKind::Word {
            if let Some(dot) = lost_stop(&text[off..end], lex) {
                // "niederzulegen.In Frankfurt": the word, the full stop, and the next
                // sentence's first word, which stands as if after a space.
                out.push(Token {
                    end: off + dot,
                    ..tok
                });
                out.push(Token {
                    start: off + dot,
                    end: off + dot + 1,
                    kind: TokenKind::Punct,
                    space_before: false,
                    newline_before: false,
                });
                tok = Token {
                    start: off + dot + 1,
                    space_before: true,
                    newline_before: false,
                    ..tok
                };
            } else if let Some(split) = glued_split(&text[off..end], lex) {
                out.push(Token {
                    end: off + split,
                    ..tok
                });
                tok = Token {
                    start: off + split,
                    space_before: true,
                    newline_before: false,
                    ..tok
                };
            }
        }
        out.push(tok);
        space_before = false;
        newline_before = false;
        i += 1;
    }
    out
}

/// Where a full stop lost the space after it ("niederzulegen.In Frankfurt", "gebaut.Foto:"),
/// the byte offset of the stop. Word characters meet a stop on both sides, so the word
/// bounds keep the three together as one word, as they keep "www.x.de". Split only between a
/// word of at least four letters ending in three lower-case ones and a capitalised word of
/// lower-case letters after its first: an abbreviation ("Prof.Dr"), a domain ("amazon.de")
/// and a known name written with a stop ("Plan.Net", in the gazetteer) stay whole.
fn lost_stop(word: &str, lex: &Lexicon) -> Option<usize> {
    let (left, right) = word.split_once('.')?;
    let mut rest = right.chars();
    let split = left.chars().count() >= 4
        && left.chars().all(char::is_alphabetic)
        && left.chars().rev().take(3).all(char::is_lowercase)
        && rest.next().is_some_and(char::is_uppercase)
        && right.chars().count() >= 2
        && rest.all(char::is_lowercase)
        && !lex.abbreviations.contains(left)
        && !lex.known.contains_key(word);
    split.then_some(left.len())
}

/// Where a word glues a lower-case end to a capitalised given name ("BeitragMark"), the byte
/// offset of the split. Only given names are split off: "iPhone", "McDonald", "YouTube" stay.
fn glued_split(word: &str, lex: &Lexicon) -> Option<usize> {
    let mut prev_lower = false;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower && i >= 3 {
            let right = &word[i..];
            if right.chars().all(char::is_alphabetic) && lex.first_names.contains_key(right) {
                return Some(i);
            }
        }
        prev_lower = c.is_lowercase();
    }
    None
}

/// Converts byte offsets of one text to code-point offsets in O(1) per lookup.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// `chars_before[b]` for every byte offset `b` on a char boundary (others unused).
    chars_before: Vec<u32>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut chars_before = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            chars_before[b] = n;
            n += 1;
            for k in 1..c.len_utf8() {
                chars_before[b + k] = n;
            }
        }
        chars_before[text.len()] = n;
        Self { chars_before }
    }

    /// The code-point offset of byte offset `byte`.
    pub fn chars(&self, byte: usize) -> usize {
        self.chars_before[byte] as usize
    }
}

/// The UAX #29 word bounds of `text` with their byte offsets, exactly as
/// `split_word_bound_indices` gives them, with stretches of ASCII text split by a byte loop
/// ([`ascii_word_bounds`]) instead of `unicode-segmentation`'s table lookup per character
/// (most of what tokenizing cost).
///
/// The text is cut before every space that follows an ASCII byte other than a space. Such a
/// position is always a word bound (no rule of UAX #29 joins a space to what precedes it but
/// another space, or CR to LF), and a bound iterator decides every bound from the text after
/// the previous one, looking one character beyond a candidate at most (a space there matches
/// none of the rules that look ahead, as the end of the text does not): so each piece's bounds
/// are those of the whole text within it. Pieces of ASCII alone, consecutive ones together,
/// go to the byte loop; the others to `unicode-segmentation`. A test compares both on texts of
/// the evaluation sets and on invented mixtures of scripts, spaces and punctuation.
fn word_bounds<'t>(text: &'t str, out: &mut Vec<(usize, &'t str)>) {
    let b = text.as_bytes();
    // Start of the pending run of ASCII pieces, if any.
    let mut ascii_from: Option<usize> = None;
    let mut start = 0;
    while start < b.len() {
        let mut end = start + 1;
        while end < b.len() && !(b[end] == b' ' && b[end - 1] != b' ' && b[end - 1].is_ascii()) {
            end += 1;
        }
        if b[start..end].is_ascii() {
            ascii_from.get_or_insert(start);
        } else {
            if let Some(a) = ascii_from.take() {
                ascii_word_bounds(text, a, start, out);
            }
            let piece = &text[start..end];
            out.extend(
                piece
                    .split_word_bound_indices()
                    .map(|(off, w)| (start + off, w)),
            );
        }
        start = end;
    }
    if let Some(a) = ascii_from {
        ascii_word_bounds(text, a, b.len(), out);
    }
}

/// UAX #29 word bounds of `text[from..to]`, which is ASCII, as `unicode-segmentation`'s own
/// ASCII path has them (a property test there compares it with the general one): a run of
/// spaces; a run of letters, digits and "_" with a "." "," ";" "'" between digits or a "."
/// ":" "'" between letters; CR LF; any other byte alone.
fn ascii_word_bounds<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<(usize, &'t str)>) {
    let b = &text.as_bytes()[..to];
    let core = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let infix = |c: u8, prev: u8, next: u8| match c {
        b'.' | b',' | b';' | b'\'' if prev.is_ascii_digit() && next.is_ascii_digit() => true,
        b'\'' | b'.' | b':' if prev.is_ascii_alphabetic() && next.is_ascii_alphabetic() => true,
        _ => false,
    };
    let mut i = from;
    while i < to {
        let mut j = i + 1;
        if b[i] == b' ' {
            while j < to && b[j] == b' ' {
                j += 1;
            }
        } else if core(b[i]) {
            while j < to && (core(b[j]) || j + 1 < to && infix(b[j], b[j - 1], b[j + 1])) {
                j += 1;
            }
        } else if b[i] == b'\r' && j < to && b[j] == b'\n' {
            j += 1;
        }
        out.push((i, &text[i..j]));
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`word_bounds`] gives the bounds `unicode-segmentation` gives, on the evaluation sets'
    /// and the seeds' texts and on invented mixtures of ASCII, umlauts, other scripts,
    /// combining marks, emoji, spaces, line breaks and punctuation.
    #[test]
    fn word_bounds_are_unicode_segmentations() {
        let check = |text: &str| {
            let mut ours = Vec::new();
            word_bounds(text, &mut ours);
            let theirs: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            assert_eq!(ours, theirs, "{text:?}");
        };
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
        for f in ["data/corpus", "tests", "data/frames"] {
            let Ok(dir) = std::fs::read_dir(format!("{root}{f}")) else {
                continue;
            };
            for e in dir.flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    check(&t);
                }
            }
        }
        let parts = [
            "a", "Z", "7", "ü", "Ä", "ß", "é", "\u{301}", "\u{200d}", "\u{200b}", "\u{ad}", "😀",
            "🇩🇪", "日本", "ﬁ", " ", "  ", "\u{a0}", "\t", "\n", "\r", "\r\n", ".", ",", ";", ":",
            "'", "’", "\"", "-", "_", "/", "@", "#", "3.5", "e.g.", "Müller", "1,000", "x'y",
        ];
        // Every sequence of up to four parts (41^4 texts would be slow: every third for four).
        let n = parts.len();
        for a in 0..n {
            for b in 0..n {
                for c in 0..n {
                    check(&[parts[a], parts[b], parts[c]].concat());
                    for d in (0..n).step_by(3) {
                        check(&[parts[a], parts[b], parts[c], parts[d]].concat());
                    }
                }
            }
        }
    }

    /// The sentences of `text`, as text.
    fn sentence_texts(text: &str) -> Vec<String> {
        let lex = Lexicon::load(None).expect("embedded lexicons load");
        sentences(text, &lex)
            .iter()
            .map(|s| text[s.start..s.end].to_owned())
            .collect()
    }

    #[test]
    fn a_possessive_after_an_abbreviation_is_one_word() {
        let lex = Lexicon::load(None).unwrap();
        let text = "Harbor Corp.'s chief and Kelmore Inc.’s chair met. Rock 'n' roll.";
        let words: Vec<&str> = tokenize(text, &lex)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert!(words.contains(&"'s") && words.contains(&"’s"), "{words:?}");
        assert!(!words.contains(&"s"), "{words:?}");
    }

    #[test]
    fn a_full_stop_that_lost_its_space_ends_the_sentence() {
        let texts = sentence_texts;
        assert_eq!(
            texts("Sie legen die Arbeit nieder.In Frankfurt wird gestreikt."),
            [
                "Sie legen die Arbeit nieder.",
                "In Frankfurt wird gestreikt."
            ]
        );
        // A domain, an abbreviation and a short word before the stop stay one word.
        for text in [
            "Mehr auf amazon.de heute.",
            "Es sprach Hon.Prof.Dr Berg.",
            "Die Firma Bau.Net wächst.",
        ] {
            assert_eq!(texts(text), [text], "{text}");
        }
    }

    #[test]
    fn a_line_runs_on_in_lower_case_but_not_into_a_web_address() {
        let lex = Lexicon::load(None).expect("embedded lexicons load");
        let firsts = |text: &str| -> Vec<String> {
            sentences(text, &lex)
                .iter()
                .map(|s| s.tokens[0].text(text).to_owned())
                .collect()
        };
        let text = "Reinigung mit moderner Technik\nopenPR.de / t885226 Die Firma wächst.";
        assert_eq!(firsts(text), ["Reinigung", "openPR.de"]);
        let text = "Der Geschäftsführer der führenden\nkooperation wächst.";
        assert_eq!(firsts(text), ["Der"]);
    }

    #[test]
    fn an_address_block_runs_on_as_one_sentence() {
        let texts = sentence_texts;
        // Organisation, street, postcode and town, country.
        let block = "Kontakt\nElbwerft AG\nHafenstraße 12\n24103 Kiel\nDeutschland\nTelefon folgt";
        assert_eq!(
            texts(block),
            [
                "Kontakt",
                "Elbwerft AG\nHafenstraße 12\n24103 Kiel\nDeutschland",
                "Telefon folgt"
            ]
        );
        // A table: organisation and street on one line; the line before stays apart.
        let table = "Angaben zum Emittenten\nElbwerft AG      Hafenstraße 12\n24103 Kiel\n";
        assert_eq!(
            texts(table),
            [
                "Angaben zum Emittenten",
                "Elbwerft AG      Hafenstraße 12\n24103 Kiel"
            ]
        );
        // A filing's seat under its name, or as a table's values under the header.
        let seat = "Name: Elbwerft AG\nRegistrierter Sitz und Staat: Kiel, Deutschland";
        assert_eq!(texts(seat).len(), 1);
        let header = "Name: Registrierter Sitz und Staat:\nElbwerft AG      Kiel, Deutschland";
        assert_eq!(texts(header).len(), 1);
        // No street line: the lines stay apart ("Gewinn 12" ends in no street word).
        assert_eq!(texts("Elbwerft AG\nGewinn 12\n24103 Kiel").len(), 3);
    }

    #[test]
    fn text_without_sentence_end_is_cut_into_windows_between_list_items() {
        let lex = Lexicon::load(None).expect("embedded lexicons load");
        // 700 list items of two words and a comma: 2,100 tokens, no sentence end.
        let text = (0..700)
            .map(|i| format!("Posten {i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sents = sentences(&text, &lex);
        assert!(sents.len() > 10, "{} windows", sents.len());
        let mut covered = 0;
        for s in &sents {
            assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
            // Every window but the last ends after a comma, none starts with one.
            assert_ne!(s.tokens[0].text(&text), ",");
            covered += s.tokens.len();
        }
        for s in &sents[..sents.len() - 1] {
            assert_eq!(s.tokens.last().map(|t| t.text(&text)), Some(","));
        }
        assert_eq!(covered, tokenize(&text, &lex).len());
    }

    #[test]
    fn a_long_run_without_separators_is_cut_at_the_bound() {
        let lex = Lexicon::load(None).expect("embedded lexicons load");
        let text = vec!["wort"; 2 * MAX_SENTENCE_TOKENS + 5].join(" ");
        let lens: Vec<usize> = sentences(&text, &lex)
            .iter()
            .map(|s| s.tokens.len())
            .collect();
        assert_eq!(lens, [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 5]);
    }
}
