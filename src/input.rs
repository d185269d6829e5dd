//! Reading the documents to process: files, folders, stdin, JSONL corpora.
//!
//! Every input problem is caught here, before the store is touched, as one line that names
//! the path (and line or byte offset where it helps). Problems come in two kinds:
//!
//! * the run's arguments are wrong (a path that does not exist, a folder without documents):
//!   [`read_inputs`] fails and nothing is done;
//! * one document cannot be read (binary, not UTF-8, unreadable, a broken JSONL line, an id
//!   already taken): it is returned in [`Inputs::skipped`] and every other document is read,
//!   so one bad file among 100,000 costs that file only. `--strict` turns these into errors.
//!
//! An empty document (no text, or only white space) is a document with no facts, not an error:
//! a document that becomes empty removes its old facts in an incremental build.
//!
//! Document ids: the file name for files (`a.txt`; folders are searched recursively, so a
//! second file with the same name in another folder is skipped rather than silently
//! overwriting the first), the `id` field for JSONL lines, `stdin` for `-`.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use tripel_extract::Document;

/// How input files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// Each file (or stdin) is one document of plain UTF-8 text.
    #[default]
    Text,
    /// Each line is a JSON object with `id` and `text`; other fields are ignored.
    Jsonl,
}

/// Why an input could not be read. Each message is one line starting with the path.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist.
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    /// Reading failed (permissions, I/O).
    #[error("{}: cannot read: {source}", .path.display())]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file contains NUL bytes: not text.
    #[error("{}: binary file (contains NUL bytes); expected UTF-8 text", .0.display())]
    Binary(PathBuf),
    /// The file is not valid UTF-8.
    #[error("{}: invalid UTF-8 at byte offset {offset}; convert the file to UTF-8", .path.display())]
    InvalidUtf8 {
        /// The path.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A folder without any `.txt` or `.md` file.
    #[error("{}: folder contains no .txt or .md files", .0.display())]
    EmptyFolder(PathBuf),
    /// A JSONL line is not a usable object.
    #[error("{}:{line}: {message}", .path.display())]
    Jsonl {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Two inputs would get the same document id.
    #[error("{}: duplicate document id '{id}' (also used by {})", .path.display(), .first.display())]
    DuplicateId {
        /// The later input.
        path: PathBuf,
        /// The id.
        id: String,
        /// The input that had it first.
        first: PathBuf,
    },
}

impl InputError {
    /// Whether the error concerns the run's arguments (a missing path, a folder without
    /// documents) rather than one document: such errors stop the run.
    pub fn is_fatal(&self) -> bool {
        matches!(self, InputError::NotFound(_) | InputError::EmptyFolder(_))
    }

    /// Why a document was skipped, in a word or two, for the run's summary.
    pub fn reason(&self) -> &'static str {
        match self {
            InputError::NotFound(_) => "not found",
            InputError::Unreadable { .. } => "unreadable",
            InputError::Binary(_) => "binary",
            InputError::InvalidUtf8 { .. } => "not UTF-8",
            InputError::EmptyFolder(_) => "empty folder",
            InputError::Jsonl { .. } => "bad JSONL line",
            InputError::DuplicateId { .. } => "duplicate id",
        }
    }
}

/// The documents of a run, and the ones that could not be read.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The documents read, in input order, with distinct ids.
    pub docs: Vec<Document>,
    /// What could not be read, in input order: one error per skipped document (or file).
    pub skipped: Vec<InputError>,
}

/// Reads all documents named by `inputs` (`-` is stdin), in order; folders are expanded to
/// their `.txt`/`.md` files, sorted by path. Fails only for errors about the arguments
/// ([`InputError::is_fatal`]); a document that cannot be read is skipped and listed.
///
/// ```
/// use tripel::input::{read_inputs, InputFormat};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("b.txt"), "Zweiter Text.").unwrap();
/// std::fs::write(dir.path().join("a.md"), "Erster Text.").unwrap();
/// std::fs::write(dir.path().join("notes.csv"), "ignored").unwrap();
/// std::fs::write(dir.path().join("c.txt"), b"\0\x01binary").unwrap();
/// let inputs = read_inputs(&[dir.path().to_path_buf()], InputFormat::Text).unwrap();
/// let ids: Vec<_> = inputs.docs.iter().map(|d| d.id.as_str()).collect();
/// assert_eq!(ids, ["a.md", "b.txt"]);
/// assert_eq!(inputs.skipped[0].reason(), "binary");
/// ```
pub fn read_inputs(inputs: &[PathBuf], format: InputFormat) -> Result<Inputs, InputError> {
    let mut out = Inputs::default();
    let mut origin: HashMap<String, PathBuf> = HashMap::new();
    for input in inputs {
        for read in read_one(input, format)? {
            let (path, doc) = match read {
                Ok(read) => read,
                Err(e) => {
                    out.skipped.push(e);
                    continue;
                }
            };
            if let Some(first) = origin.get(&doc.id) {
                out.skipped.push(InputError::DuplicateId {
                    path,
                    id: doc.id,
                    first: first.clone(),
                });
                continue;
            }
            origin.insert(doc.id.clone(), path);
            out.docs.push(doc);
        }
    }
    Ok(out)
}

/// One document read, with the path (and line) it came from, or why it could not be read.
type Read = Result<(PathBuf, Document), InputError>;

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// The documents of one command-line input. Fails only when the input itself is missing or
/// an empty folder; each document (or file) that cannot be read is one `Err` in the list.
fn read_one(input: &Path, format: InputFormat) -> Result<Vec<Read>, InputError> {
    if is_stdin(input) {
        let path = PathBuf::from("<stdin>");
        let mut bytes = Vec::new();
        if let Err(source) = std::io::stdin().read_to_end(&mut bytes) {
            return Ok(vec![Err(InputError::Unreadable { path, source })]);
        }
        return Ok(read_bytes(&path, "stdin", bytes, format));
    }
    let meta = std::fs::metadata(input).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound(input.to_owned()),
        _ => InputError::Unreadable {
            path: input.to_owned(),
            source: e,
        },
    })?;
    let mut out = Vec::new();
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        // An unreadable subfolder is skipped like an unreadable file.
        collect_folder(input, &mut files, &mut out);
        if files.is_empty() && out.is_empty() {
            return Err(InputError::EmptyFolder(input.to_owned()));
        }
        files.sort();
        files
    } else {
        vec![input.to_owned()]
    };
    for file in files {
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            Err(source) => {
                out.push(Err(InputError::Unreadable { path: file, source }));
                continue;
            }
        };
        let id = file
            .file_name()
            .map_or_else(|| file.to_string_lossy(), |n| n.to_string_lossy())
            .into_owned();
        out.extend(read_bytes(&file, &id, bytes, format));
    }
    Ok(out)
}

/// The documents in the bytes of one file (or stdin): one for text, one a line for JSONL.
fn read_bytes(path: &Path, id: &str, bytes: Vec<u8>, format: InputFormat) -> Vec<Read> {
    let text = match decode(path, bytes) {
        Ok(text) => text,
        Err(e) => return vec![Err(e)],
    };
    match format {
        InputFormat::Text => vec![Ok((
            path.to_owned(),
            Document {
                id: id.to_owned(),
                text,
            },
        ))],
        InputFormat::Jsonl => parse_jsonl(path, &text),
    }
}

/// `.txt` and `.md` files below `dir`; hidden entries (`.git`, editor backups) are skipped.
/// Folders that cannot be listed go to `skipped`.
fn collect_folder(dir: &Path, out: &mut Vec<PathBuf>, skipped: &mut Vec<Read>) {
    let unreadable = |source| {
        Err(InputError::Unreadable {
            path: dir.to_owned(),
            source,
        })
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return skipped.push(unreadable(e)),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                skipped.push(unreadable(e));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Follows symlinks, so a linked corpus folder is read like a real one.
        if path.is_dir() {
            collect_folder(&path, out, skipped);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
        {
            out.push(path);
        }
    }
}

/// Bytes to text: NUL bytes mean binary, otherwise it must be UTF-8 (a leading BOM is dropped).
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::Binary(path.to_owned()));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::InvalidUtf8 {
        path: path.to_owned(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

#[derive(serde::Deserialize)]
struct JsonlLine {
    id: serde_json::Value,
    text: String,
}

/// One document a non-blank line; a line that is not a usable object is one `Err`.
fn parse_jsonl(path: &Path, text: &str) -> Vec<Read> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| parse_jsonl_line(path, i + 1, line))
        .collect()
}

fn parse_jsonl_line(path: &Path, line_no: usize, line: &str) -> Read {
    let err = |message: String| InputError::Jsonl {
        path: path.to_owned(),
        line: line_no,
        message,
    };
    let parsed: JsonlLine = serde_json::from_str(line)
        .map_err(|e| err(format!("not a JSON object with \"id\" and \"text\": {e}")))?;
    // Numeric ids are common in exported corpora; they are used as their decimal text.
    let id = match parsed.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err(err("\"id\" must be a string or a number".to_owned())),
    };
    if id.trim().is_empty() {
        return Err(err("\"id\" is empty".to_owned()));
    }
    let location = PathBuf::from(format!("{}:{line_no}", path.display()));
    Ok((
        location,
        Document {
            id,
            text: parsed.text,
        },
    ))
}
