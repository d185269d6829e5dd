//! Numbers, quantities, money and dates as written in German and English news.
//!
//! "600.000" is six hundred thousand in German and "3,5" three and a half; "35 bis 40
//! Milliarden US-Dollar" is a range with a currency; "bis Ende 2024" is a deadline of
//! 2024-12-31. The scanner turns such token runs into typed [`Value`]s so that the graph holds
//! numbers, not strings. Scale words, currencies and month names come from `data/lexicon/`.

use crate::lexicon::Lexicon;
use crate::model::Lang;
use crate::text::segment::{Token, TokenKind};
use crate::text::TokensLower;
use rustc_hash::FxHashSet;

/// A typed value found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// Byte offset of its first character in the document.
    pub start: usize,
    /// Byte offset past its last character.
    pub end: usize,
    /// What it is.
    pub kind: ValueKind,
}

/// The kinds of values.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    /// An amount of money, possibly a range.
    Money {
        /// Lower bound.
        min: f64,
        /// Upper bound (equal to `min` for one value).
        max: f64,
        /// ISO 4217 code.
        currency: String,
    },
    /// A count or measure without currency, possibly a range.
    Quantity {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// A calendar date (ISO 8601, possibly only year-month or year).
    Date {
        /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
        iso: String,
        /// Whether a deadline word preceded it ("bis", "by", "until").
        until: bool,
    },
}

/// Parses one number token in the document's language conventions.
///
/// ```
/// use tripel_extract::Lang;
/// use tripel_extract::text::numbers::parse_number;
/// assert_eq!(parse_number("600.000", Lang::De), Some(600000.0));
/// assert_eq!(parse_number("3,5", Lang::De), Some(3.5));
/// assert_eq!(parse_number("1.234,5", Lang::De), Some(1234.5));
/// assert_eq!(parse_number("600,000", Lang::En), Some(600000.0));
/// assert_eq!(parse_number("2.5", Lang::En), Some(2.5));
/// assert_eq!(parse_number("B200", Lang::En), None);
/// ```
pub fn parse_number(s: &str, lang: Lang) -> Option<f64> {
    if !s.chars().next()?.is_ascii_digit()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let (group, decimal) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    // A lone separator followed by exactly three digits groups thousands ("600.000", "600,000");
    // in the other language's convention it would be a decimal mark, which news rarely writes
    // with three decimals, so both readings agree on grouping.
    let looks_grouped = |sep: char| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() > 1
            && (1..=3).contains(&parts[0].len())
            && parts[1..]
                .iter()
                .all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let cleaned: String = if looks_grouped(group) {
        s.replace(group, "")
    } else if looks_grouped(decimal) && !s.contains(group) {
        s.replace(decimal, "")
    } else {
        s.replace(group, "").replace(decimal, ".")
    };
    cleaned.parse().ok()
}

/// Finds the values in a sentence's tokens.
///
/// ```
/// use tripel_extract::Lexicon;
/// use tripel_extract::Lang;
/// use tripel_extract::text::numbers::{scan, ValueKind};
/// use tripel_extract::text::segment::tokenize;
/// let lex = Lexicon::load(None).unwrap();
/// let text = "Es sollen zwischen 35 und 40 Milliarden US-Dollar bis Ende 2024 investiert werden.";
/// let toks = tokenize(text, &lex);
/// let vals = scan(text, &toks, Lang::De, &lex);
/// assert_eq!(vals[0].kind, ValueKind::Money { min: 35e9, max: 40e9, currency: "USD".into() });
/// assert_eq!(vals[1].kind, ValueKind::Date { iso: "2024-12-31".into(), until: true });
/// ```
pub fn scan(text: &str, toks: &[Token], lang: Lang, lex: &Lexicon) -> Vec<Value> {
    scan_with(text, toks, &TokensLower::new(text, toks), lang, lex)
}

/// [`scan`] with the tokens' lower case made before (the pipeline makes it once per sentence
/// for the scan, the rule recognizers and the relation units).
pub fn scan_with(
    text: &str,
    toks: &[Token],
    low: &TokensLower,
    lang: Lang,
    lex: &Lexicon,
) -> Vec<Value> {
    let t = |i: usize| toks.get(i).map_or("", |tok| tok.text(text));
    // The range words asked of every token, found once per sentence (`Lexicon::is_range_word`
    // looks the role up first, then the word).
    let between_words = lex.range_words.get("between");
    let deadline_words = lex.range_words.get("deadline");
    let is_in = |set: Option<&FxHashSet<String>>, w: &str| set.is_some_and(|s| s.contains(w));
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most tokens can start no value: neither a number nor a word of the lists below (one
        // lookup instead of five; the same as the lists' own answers, `may_start_value`).
        if toks[i].kind != TokenKind::Number && !lex.may_start_value(low.get(i)) {
            i += 1;
            continue;
        }
        let until = is_in(deadline_words, low.get(i));
        if let Some(v) = date_at(text, toks, low, i, until, lex) {
            i = v.last;
            out.push(v);
            continue;
        }
        // "zwischen 35 und 40", "between 35 and 40"
        let between = is_in(between_words, low.get(i));
        let start = i;
        let mut j = if between { i + 1 } else { i };
        let mut currency: Option<String> = None;
        if let Some(c) = lex.currencies.get(t(j)) {
            if toks.get(j).is_some_and(|k| k.kind == TokenKind::Punct) {
                currency = Some(c.clone()); // "$5 billion", "€ 3 Mio."
                j += 1;
            }
        }
        let Some(first) = toks
            .get(j)
            .filter(|k| k.kind == TokenKind::Number)
            .and_then(|_| parse_number(t(j), lang))
        else {
            i += 1;
            continue;
        };
        let mut k = j + 1;
        let mut second = None;
        // A range: "35 bis 40", "35 und 40" (after zwischen), "35-40", "35 to 40".
        let connector = low.get(k);
        let is_range_word =
            lex.is_range_word("to", connector) || (between && lex.is_range_word("and", connector));
        if is_range_word {
            if let Some(n) = toks
                .get(k + 1)
                .filter(|x| x.kind == TokenKind::Number)
                .and_then(|_| parse_number(t(k + 1), lang))
            {
                second = Some(n);
                k += 2;
            }
        } else if let Some((a, b)) = t(j).split_once(['-', '–']) {
            // "35-40": both halves must be numbers, the first is the value already parsed.
            if let (Some(_), Some(b)) = (parse_number(a, lang), parse_number(b, lang)) {
                second = Some(b);
            }
        }
        if between && second.is_none() {
            i += 1;
            continue;
        }
        let mut scale = 1.0;
        if let Some(s) = lex.scales.get(t(k)) {
            scale = *s;
            k += 1;
            if t(k) == "." && t(k - 1).len() <= 3 {
                k += 1; // "Mrd" "." written apart
            }
        }
        if currency.is_none() {
            if let Some(c) = lex.currencies.get(t(k)) {
                currency = Some(c.clone());
                k += 1;
            }
        }
        let (min, max) = (first * scale, second.unwrap_or(first) * scale);
        let kind = match currency {
            Some(currency) => ValueKind::Money { min, max, currency },
            None => {
                // A bare small number is rarely a fact's object ("die beiden", "Platz 3");
                // years are dates. Keep counts that are written as counts.
                let year_like = second.is_none()
                    && scale == 1.0
                    && (1900.0..=2100.0).contains(&first)
                    && !t(j).contains(['.', ',']);
                if year_like || (scale == 1.0 && max < 10.0) {
                    i = k.max(i + 1);
                    continue;
                }
                ValueKind::Quantity { min, max }
            }
        };
        out.push(Value {
            first: start,
            last: k,
            start: 0,
            end: 0,
            kind,
        });
        i = k;
    }
    for v in &mut out {
        v.start = toks[v.first].start;
        v.end = toks[v.last - 1].end;
    }
    out
}

/// A date starting at token `i`: "Ende 2024", "bis Ende 2024", "3. März 2024", "März 2024",
/// "15.05.2016", "March 3, 2024", "by 2025".
/// `until`: token `i` is a deadline word ("bis", "by").
fn date_at(
    text: &str,
    toks: &[Token],
    low: &TokensLower,
    i: usize,
    until: bool,
    lex: &Lexicon,
) -> Option<Value> {
    let t = |k: usize| toks.get(k).map_or("", |tok| tok.text(text));
    let year = |k: usize| -> Option<u32> {
        let s = t(k);
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let mut k = i;
    if until {
        k += 1;
    }
    // "Ende 2024", "Anfang 2025", "Mitte 2024", "end of 2024"
    let part = lex.periods.get(low.get(k)).copied();
    if let Some((m, d)) = part {
        let mut y = k + 1;
        if lex.is_range_word("of", t(y)) {
            y += 1;
        }
        if let Some(m2) = lex.months.get(t(y)) {
            // "Ende März 2024"
            if let Some(yr) = year(y + 1) {
                let iso = if m == 12 {
                    format!("{yr}-{m2:02}-{}", days_in(yr, *m2))
                } else {
                    format!("{yr}-{m2:02}-{:02}", if m == 1 { 1 } else { 15 })
                };
                return Some(Value {
                    first: i,
                    last: y + 2,
                    start: 0,
                    end: 0,
                    kind: ValueKind::Date { iso, until },
                });
            }
        }
        if let Some(yr) = year(y) {
            return Some(date_value(i, y + 1, format!("{yr}-{m:02}-{d:02}"), until));
        }
        return None;
    }
    // "15.05.2016"
    let s = t(k);
    let parts: Vec<&str> = if s.bytes().filter(|&b| b == b'.').count() == 2 {
        s.split('.').collect()
    } else {
        Vec::new()
    };
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[2].len() == 4
    {
        let (d, m, y): (u32, u32, u32) = (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        );
        if (1..=31).contains(&d) && (1..=12).contains(&m) {
            return Some(date_value(i, k + 1, format!("{y}-{m:02}-{d:02}"), until));
        }
    }
    // "3. März 2024"
    if toks.get(k).is_some_and(|x| x.kind == TokenKind::Number) && t(k + 1) == "." {
        if let (Ok(d), Some(m)) = (t(k).parse::<u32>(), lex.months.get(t(k + 2))) {
            if (1..=31).contains(&d) {
                let y = year(k + 3)?;
                return Some(date_value(i, k + 4, format!("{y}-{m:02}-{d:02}"), until));
            }
        }
    }
    // "März 2024", "March 3, 2024"
    if let Some(m) = lex.months.get(s) {
        if let Some(y) = year(k + 1) {
            return Some(date_value(i, k + 2, format!("{y}-{m:02}"), until));
        }
        if let (Ok(d), true, Some(y)) = (t(k + 1).parse::<u32>(), t(k + 2) == ",", year(k + 3)) {
            if (1..=31).contains(&d) {
                return Some(date_value(i, k + 4, format!("{y}-{m:02}-{d:02}"), until));
            }
        }
    }
    // "bis 2025", "by 2025"
    if until {
        if let Some(y) = year(k) {
            return Some(date_value(i, k + 1, format!("{y}"), until));
        }
    }
    None
}

/// A date value over tokens `first..last`; byte offsets are filled in by [`scan`].
fn date_value(first: usize, last: usize, iso: String, until: bool) -> Value {
    Value {
        first,
        last,
        start: 0,
        end: 0,
        kind: ValueKind::Date { iso, until },
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}
