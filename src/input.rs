//! Reading the documents to process: files, folders, stdin, JSONL corpora.
//!
//! Every input problem is caught here, before the store is touched, and reported as one line
//! that names the path (and line or byte offset where it helps), so a bad file never leaves a
//! half-built store behind.
//!
//! Document ids: the file name for files (`a.txt`; folders are searched recursively, so two
//! files with the same name in different folders are an error rather than a silent
//! overwrite), the `id` field for JSONL lines, `stdin` for `-`.

use std::collections::HashMap;
use std::io::{BufRead, Read};
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
    /// The document has no text.
    #[error("{}: empty document (no text besides whitespace)", .0.display())]
    Empty(PathBuf),
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

/// Reads all documents named by `inputs` (`-` is stdin), in order; folders are expanded to
/// their `.txt`/`.md` files, sorted by path.
///
/// ```
/// use tripel::input::{read_inputs, InputFormat};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("b.txt"), "Zweiter Text.").unwrap();
/// std::fs::write(dir.path().join("a.md"), "Erster Text.").unwrap();
/// std::fs::write(dir.path().join("notes.csv"), "ignored").unwrap();
/// let docs = read_inputs(&[dir.path().to_path_buf()], InputFormat::Text).unwrap();
/// let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
/// assert_eq!(ids, ["a.md", "b.txt"]);
/// ```
pub fn read_inputs(inputs: &[PathBuf], format: InputFormat) -> Result<Vec<Document>, InputError> {
    let mut docs = Vec::new();
    let mut origin: HashMap<String, PathBuf> = HashMap::new();
    for input in inputs {
        for (path, doc) in read_one(input, format)? {
            if let Some(first) = origin.get(&doc.id) {
                return Err(InputError::DuplicateId {
                    path,
                    id: doc.id,
                    first: first.clone(),
                });
            }
            origin.insert(doc.id.clone(), path);
            docs.push(doc);
        }
    }
    Ok(docs)
}

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// The documents of one command-line input, each with the path it came from.
fn read_one(input: &Path, format: InputFormat) -> Result<Vec<(PathBuf, Document)>, InputError> {
    if is_stdin(input) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| InputError::Unreadable {
                path: PathBuf::from("<stdin>"),
                source,
            })?;
        let path = PathBuf::from("<stdin>");
        let text = decode(&path, bytes)?;
        return match format {
            InputFormat::Text => Ok(vec![(path.clone(), document(&path, "stdin", text)?)]),
            InputFormat::Jsonl => parse_jsonl(&path, &text),
        };
    }
    let meta = std::fs::metadata(input).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound(input.to_owned()),
        _ => InputError::Unreadable {
            path: input.to_owned(),
            source: e,
        },
    })?;
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        collect_folder(input, &mut files)?;
        if files.is_empty() {
            return Err(InputError::EmptyFolder(input.to_owned()));
        }
        files.sort();
        files
    } else {
        vec![input.to_owned()]
    };
    let mut out = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).map_err(|source| InputError::Unreadable {
            path: file.clone(),
            source,
        })?;
        let text = decode(&file, bytes)?;
        match format {
            InputFormat::Text => {
                let id = file
                    .file_name()
                    .map_or_else(|| file.to_string_lossy(), |n| n.to_string_lossy())
                    .into_owned();
                let doc = document(&file, &id, text)?;
                out.push((file, doc));
            }
            InputFormat::Jsonl => out.extend(parse_jsonl(&file, &text)?),
        }
    }
    Ok(out)
}

/// `.txt` and `.md` files below `dir`; hidden entries (`.git`, editor backups) are skipped.
fn collect_folder(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), InputError> {
    let entries = std::fs::read_dir(dir).map_err(|source| InputError::Unreadable {
        path: dir.to_owned(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| InputError::Unreadable {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Follows symlinks, so a linked corpus folder is read like a real one.
        if path.is_dir() {
            collect_folder(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
        {
            out.push(path);
        }
    }
    Ok(())
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

fn document(path: &Path, id: &str, text: String) -> Result<Document, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::Empty(path.to_owned()));
    }
    Ok(Document {
        id: id.to_owned(),
        text,
    })
}

#[derive(serde::Deserialize)]
struct JsonlLine {
    id: serde_json::Value,
    text: String,
}

fn parse_jsonl(path: &Path, text: &str) -> Result<Vec<(PathBuf, Document)>, InputError> {
    let mut out = Vec::new();
    for (i, line) in text.as_bytes().lines().enumerate() {
        let line = line.expect("reading from memory cannot fail");
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| InputError::Jsonl {
            path: path.to_owned(),
            line: i + 1,
            message,
        };
        let parsed: JsonlLine = serde_json::from_str(&line)
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
        if parsed.text.trim().is_empty() {
            return Err(err(format!("document '{id}' has an empty \"text\"")));
        }
        let location = PathBuf::from(format!("{}:{}", path.display(), i + 1));
        out.push((
            location,
            Document {
                id,
                text: parsed.text,
            },
        ));
    }
    if out.is_empty() {
        return Err(InputError::Empty(path.to_owned()));
    }
    Ok(out)
}
