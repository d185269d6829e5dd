//! Readers of the name-annotated corpora into [`NerSentence`]s (PER, ORG, LOC only): GermEval
//! 2014 TSV, SmartData JSON lines (tokenised with [`tokenize`], entity character spans projected
//! onto the tokens) and LER CoNLL.

use crate::ner::{begin_class, tokenize, NerSentence};
use rustc_hash::FxHashSet;
use serde_json::Value;

/// The GermEval 2014 held-out rule: sentence `i` (0-based, file order) is held out when
/// `i % 5 == 4` (every fifth sentence).
pub fn germeval_held_out(i: usize) -> bool {
    i % 5 == 4
}

fn bio(tag: &str, map: impl Fn(&str) -> Option<&'static str>) -> u8 {
    let Some((bi, t)) = tag.split_once('-') else {
        return 0;
    };
    match map(t).and_then(begin_class) {
        Some(b) if bi == "B" => b,
        Some(b) if bi == "I" => b + 1,
        _ => 0,
    }
}

/// Repairs a class sequence so that every `I-X` follows `B-X`/`I-X` (else it becomes `B-X`).
pub fn repair(tags: &mut [u8]) {
    for i in 0..tags.len() {
        let prev = (i > 0).then(|| tags[i - 1] as usize);
        if !crate::ner::allowed(prev, tags[i] as usize) {
            tags[i] -= 1;
        }
    }
}

/// GermEval 2014 (outer column; PER/ORG/LOC; `deriv`/`part` and OTH become O), all sentences
/// in file order.
pub fn read_germeval(text: &str, domain: u8) -> Vec<NerSentence> {
    let mut out = Vec::new();
    let mut cur = NerSentence {
        words: Vec::new(),
        tags: Vec::new(),
        domain,
    };
    let map = |t: &str| match t {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        _ => None,
    };
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                repair(&mut cur.tags);
                out.push(std::mem::replace(
                    &mut cur,
                    NerSentence {
                        words: Vec::new(),
                        tags: Vec::new(),
                        domain,
                    },
                ));
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        cur.words.push(f[1].to_string());
        cur.tags.push(bio(f[2], map));
    }
    if !cur.words.is_empty() {
        repair(&mut cur.tags);
        out.push(cur);
    }
    out
}

/// The SmartData type mapping: PERSON → PER, ORGANIZATION(_COMPANY) → ORG, LOCATION* → LOC.
pub fn smartdata_type(t: &str) -> Option<&'static str> {
    match t {
        "PERSON" => Some("PER"),
        "ORGANIZATION" | "ORGANIZATION_COMPANY" => Some("ORG"),
        t if t.starts_with("LOCATION") => Some("LOC"),
        _ => None,
    }
}

/// The ids and texts of a SmartData file's documents (to exclude them from training).
pub fn smartdata_keys(text: &str) -> FxHashSet<String> {
    let mut keys = FxHashSet::default();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Ok(v) = serde_json::from_str::<Value>(line) {
            for k in ["id", "text"] {
                if let Some(s) = v[k].as_str() {
                    keys.insert(format!("{k}\u{0}{s}"));
                }
            }
        }
    }
    keys
}

/// SmartData documents (JSON lines), one [`NerSentence`] per annotated sentence range, skipping
/// documents whose id or text is in `exclude` (from [`smartdata_keys`]). Entities that cross a
/// sentence or overlap an earlier (longer) one are dropped; a token belongs to an entity when
/// their character ranges overlap.
pub fn read_smartdata(text: &str, exclude: &FxHashSet<String>, domain: u8) -> Vec<NerSentence> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let id = v["id"].as_str().unwrap_or("");
        let doc = v["text"].as_str().unwrap_or("");
        if exclude.contains(&format!("id\u{0}{id}")) || exclude.contains(&format!("text\u{0}{doc}"))
        {
            continue;
        }
        // code point offset -> byte offset
        let mut byte: Vec<usize> = doc.char_indices().map(|(b, _)| b).collect();
        byte.push(doc.len());
        let cp = |i: u64| byte.get(i as usize).copied().unwrap_or(doc.len());
        let mut ents: Vec<(usize, usize, u8)> = v["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let t = smartdata_type(e["type"].as_str()?)?;
                Some((
                    cp(e["start"].as_u64()?),
                    cp(e["end"].as_u64()?),
                    begin_class(t)?,
                ))
            })
            .collect();
        ents.sort_by_key(|e| (e.0, std::cmp::Reverse(e.1)));
        let sents: Vec<(usize, usize)> = match v["sentences"].as_array() {
            Some(a) if !a.is_empty() => a
                .iter()
                .filter_map(|s| Some((cp(s["start"].as_u64()?), cp(s["end"].as_u64()?))))
                .collect(),
            _ => split_sentences(doc),
        };
        for (ss, se) in sents {
            let toks: Vec<(usize, usize)> = tokenize(&doc[ss..se])
                .into_iter()
                .map(|(a, b)| (a + ss, b + ss))
                .collect();
            if toks.is_empty() {
                continue;
            }
            let mut tags = vec![0u8; toks.len()];
            for &(es, ee, b) in ents.iter().filter(|e| e.0 >= ss && e.1 <= se) {
                let idx: Vec<usize> = (0..toks.len())
                    .filter(|&i| toks[i].0 < ee && toks[i].1 > es)
                    .collect();
                if idx.is_empty() || idx.iter().any(|&i| tags[i] != 0) {
                    continue;
                }
                tags[idx[0]] = b;
                for &i in &idx[1..] {
                    tags[i] = b + 1;
                }
            }
            out.push(NerSentence {
                words: toks.iter().map(|&(a, b)| doc[a..b].to_string()).collect(),
                tags,
                domain,
            });
        }
    }
    out
}

/// The LER class mapping: PER/RR/AN → PER, LD/ST/STR/LDS → LOC, ORG/UN/INN/GRT/MRK → ORG.
pub fn ler_type(t: &str) -> Option<&'static str> {
    match t {
        "PER" | "RR" | "AN" => Some("PER"),
        "LD" | "ST" | "STR" | "LDS" => Some("LOC"),
        "ORG" | "UN" | "INN" | "GRT" | "MRK" => Some("ORG"),
        _ => None,
    }
}

/// LER (CoNLL `token tag`): only sentences with a PER/ORG/LOC entity, every `step`-th of them.
pub fn read_ler(text: &str, step: usize, domain: u8) -> Vec<NerSentence> {
    let mut out = Vec::new();
    let mut seen = 0usize;
    let mut words = Vec::new();
    let mut tags = Vec::new();
    let mut flush = |words: &mut Vec<String>, tags: &mut Vec<u8>| {
        if tags.iter().any(|&t| t != 0) {
            if seen.is_multiple_of(step.max(1)) {
                let mut t = std::mem::take(tags);
                repair(&mut t);
                out.push(NerSentence {
                    words: std::mem::take(words),
                    tags: t,
                    domain,
                });
            }
            seen += 1;
        }
        words.clear();
        tags.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut tags);
            continue;
        }
        if let Some((w, t)) = line.rsplit_once(' ') {
            words.push(w.to_string());
            tags.push(bio(t, ler_type));
        }
    }
    flush(&mut words, &mut tags);
    out
}

/// A simple sentence splitter for documents without sentence offsets: breaks at line breaks,
/// and after `.`, `!` or `?` followed by a token that starts with an upper-case letter, unless
/// the word before the stop is a number or a single letter (`3.`, `A.`). Byte ranges.
pub fn split_sentences(doc: &str) -> Vec<(usize, usize)> {
    let toks = tokenize(doc);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (k, &(a, b)) in toks.iter().enumerate() {
        let s = *start.get_or_insert(a);
        let w = &doc[a..b];
        let next = toks.get(k + 1);
        let newline = next.is_some_and(|&(na, _)| doc[b..na].contains('\n'));
        let stop = matches!(w, "." | "!" | "?")
            && next.is_some_and(|&(na, nb)| {
                doc[na..nb].chars().next().is_some_and(char::is_uppercase)
            })
            && k > 0
            && {
                let pw = &doc[toks[k - 1].0..toks[k - 1].1];
                !(pw.chars().all(|c| c.is_ascii_digit())
                    || pw.chars().count() <= 2
                    || abbreviation(pw))
            };
        if newline || stop || next.is_none() {
            out.push((s, b));
            start = None;
        }
    }
    out
}

fn abbreviation(w: &str) -> bool {
    static A: std::sync::OnceLock<FxHashSet<&'static str>> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        include_str!("../../../data/lexicon/abbreviations.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::trim)
            .collect()
    })
    .contains(w)
}

/// The abbreviations and clitics of `data/lexicon/tokens.en.tsv`.
struct EnglishTokenRules {
    abbreviations: FxHashSet<&'static str>,
    clitics: Vec<String>,
}

fn english_token_rules() -> &'static EnglishTokenRules {
    static RULES: std::sync::OnceLock<EnglishTokenRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = EnglishTokenRules {
            abbreviations: FxHashSet::default(),
            clitics: Vec::new(),
        };
        for line in include_str!("../../../data/lexicon/tokens.en.tsv").lines() {
            match line.split_once('\t') {
                Some(("abbrev", w)) => {
                    rules.abbreviations.insert(w.trim());
                }
                Some(("clitic", c)) => rules.clitics.push(c.trim().to_lowercase()),
                _ => {}
            }
        }
        rules
    })
}

/// English tokens in the manner of UD English (byte ranges): [`tokenize`], then `U.S.`-style
/// initials and the abbreviations of `data/lexicon/tokens.en.tsv` (`Mr.`, `Inc.`) keep their
/// dots, and its clitics are split off (`John's` → `John` `'s`, `don't` → `do` `n't`).
pub fn tokenize_en(text: &str) -> Vec<(usize, usize)> {
    let rules = english_token_rules();
    let toks = tokenize(text);
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let (a, b) = toks[k];
        let w = &text[a..b];
        let dot_after = |j: usize| {
            toks.get(j + 1)
                .is_some_and(|&(x, y)| &text[x..y] == "." && x == toks[j].1)
        };
        // initials: X . Y . (single letters, adjacent)
        if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) && dot_after(k) {
            let mut j = k;
            let mut end = toks[k + 1].1;
            while toks.get(j + 2).is_some_and(|&(x, y)| {
                x == end
                    && text[x..y].chars().count() == 1
                    && text[x..y].chars().all(char::is_alphabetic)
            }) && dot_after(j + 2)
            {
                j += 2;
                end = toks[j + 1].1;
            }
            if j > k {
                out.push((a, end));
                k = j + 2;
                continue;
            }
        }
        if rules.abbreviations.contains(w) && dot_after(k) {
            out.push((a, toks[k + 1].1));
            k += 2;
            continue;
        }
        let lw = w.to_lowercase();
        match rules
            .clitics
            .iter()
            .find(|c| lw.len() > c.len() && lw.ends_with(c.as_str()))
        {
            Some(c) => {
                out.push((a, b - c.len()));
                out.push((b - c.len(), b));
            }
            None => out.push((a, b)),
        }
        k += 1;
    }
    out
}

/// CoNLL04 (JSON lines, one sentence a line, entity character spans): PERSON → PER,
/// ORGANIZATION → ORG, LOCATION → LOC (OTHER dropped), tokenised with [`tokenize_en`].
pub fn read_conll04(text: &str, domain: u8) -> Vec<NerSentence> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let doc = v["text"].as_str().unwrap_or("");
        let mut byte: Vec<usize> = doc.char_indices().map(|(b, _)| b).collect();
        byte.push(doc.len());
        let cp = |i: u64| byte.get(i as usize).copied().unwrap_or(doc.len());
        let toks = tokenize_en(doc);
        let mut tags = vec![0u8; toks.len()];
        for e in v["entities"].as_array().into_iter().flatten() {
            let (Some(t), Some(s), Some(en)) = (
                e["type"]
                    .as_str()
                    .and_then(smartdata_type)
                    .and_then(begin_class),
                e["start"].as_u64(),
                e["end"].as_u64(),
            ) else {
                continue;
            };
            let (es, ee) = (cp(s), cp(en));
            let idx: Vec<usize> = (0..toks.len())
                .filter(|&i| toks[i].0 < ee && toks[i].1 > es)
                .collect();
            if idx.is_empty() || idx.iter().any(|&i| tags[i] != 0) {
                continue;
            }
            tags[idx[0]] = t;
            for &i in &idx[1..] {
                tags[i] = t + 1;
            }
        }
        out.push(NerSentence {
            words: toks.iter().map(|&(a, b)| doc[a..b].to_string()).collect(),
            tags,
            domain,
        });
    }
    out
}
