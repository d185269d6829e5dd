//! CoNLL-U reading and writing that keeps every line.
//!
//! The `conllu` crate (0.8) reads sentences into dependency graphs but fails on multiword-token
//! lines (`4-5 im`) and empty nodes (`8.1`), and has no writer for them; this module keeps each
//! row's ten fields as text, so `write(read(x)) == x` for well-formed files.

use std::fmt::Write as _;

/// One token line: the ten CoNLL-U columns as text (`_` for an empty field).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// ID: `3` (a syntactic word), `4-5` (a multiword token), or `8.1` (an empty node).
    pub id: String,
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS (STTS for German, PTB for English).
    pub xpos: String,
    /// FEATS (`Case=Nom|Number=Sing`).
    pub feats: String,
    /// HEAD.
    pub head: String,
    /// DEPREL.
    pub deprel: String,
    /// DEPS (enhanced dependencies).
    pub deps: String,
    /// MISC.
    pub misc: String,
}

/// What kind of line a [`Row`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A syntactic word (integer ID): what taggers and parsers analyse.
    Word,
    /// A multiword token (`4-5 im`) spanning the words that follow it.
    Multiword,
    /// An empty node of the enhanced graph (`8.1`).
    Empty,
}

impl Row {
    /// A syntactic-word row with the given ID and form and all other fields `_`.
    pub fn word(id: usize, form: &str) -> Row {
        let u = || "_".to_string();
        Row {
            id: id.to_string(),
            form: form.to_string(),
            lemma: u(),
            upos: u(),
            xpos: u(),
            feats: u(),
            head: u(),
            deprel: u(),
            deps: u(),
            misc: u(),
        }
    }

    /// The kind of this row, read from its ID.
    pub fn kind(&self) -> RowKind {
        if self.id.contains('-') {
            RowKind::Multiword
        } else if self.id.contains('.') {
            RowKind::Empty
        } else {
            RowKind::Word
        }
    }

    fn fields(&self) -> [&str; 10] {
        [
            &self.id,
            &self.form,
            &self.lemma,
            &self.upos,
            &self.xpos,
            &self.feats,
            &self.head,
            &self.deprel,
            &self.deps,
            &self.misc,
        ]
    }
}

/// One sentence: its comment lines (with the leading `#`) and its rows in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines as written, e.g. `# sent_id = dev-s1`.
    pub comments: Vec<String>,
    /// Token lines in file order: words, multiword tokens and empty nodes.
    pub rows: Vec<Row>,
}

impl Sentence {
    /// The syntactic words (integer IDs) in order: what the analyser tags.
    pub fn words(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.kind() == RowKind::Word)
    }

    /// The syntactic words, mutable.
    pub fn words_mut(&mut self) -> impl Iterator<Item = &mut Row> {
        self.rows.iter_mut().filter(|r| r.kind() == RowKind::Word)
    }

    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let v = rest.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(v.trim())
        })
    }
}

/// A malformed CoNLL-U line.
#[derive(Debug, thiserror::Error)]
#[error("CoNLL-U line {line}: {message}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads every sentence of a CoNLL-U text. Blank lines separate sentences; several blank lines
/// in a row are one separator.
pub fn read(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !cur.rows.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            if !cur.rows.is_empty() {
                return Err(ConlluError {
                    line: n + 1,
                    message: "comment after token lines without a blank line".into(),
                });
            }
            cur.comments.push(line.to_string());
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 {
            return Err(ConlluError {
                line: n + 1,
                message: format!("{} fields, expected 10", f.len()),
            });
        }
        let s = |i: usize| f[i].to_string();
        cur.rows.push(Row {
            id: s(0),
            form: s(1),
            lemma: s(2),
            upos: s(3),
            xpos: s(4),
            feats: s(5),
            head: s(6),
            deprel: s(7),
            deps: s(8),
            misc: s(9),
        });
    }
    if !cur.rows.is_empty() || !cur.comments.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes sentences as CoNLL-U: comments, rows, and a blank line after each sentence.
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        write_sentence(&mut s, sent);
    }
    s
}

/// Appends one sentence (with its trailing blank line) to `out`.
pub fn write_sentence(out: &mut String, sent: &Sentence) {
    for c in &sent.comments {
        out.push_str(c);
        out.push('\n');
    }
    for r in &sent.rows {
        let _ = writeln!(out, "{}", r.fields().join("\t"));
    }
    out.push('\n');
}
