//! The command line: argument definitions (clap derive) and one function per command.
//!
//! `main.rs` only parses, calls [`run`] and turns the error into an exit code, so everything a
//! user can do is visible here. Output goes through a buffered, locked stdout and every write
//! error is propagated: a closed pipe (`tripel query … | head`) then surfaces as an error that
//! [`CliError::is_broken_pipe`] recognises and `main` treats as success.

use crate::analyze::{language, reanalyze, write_document, Analyzers};
use crate::input::{read_inputs, InputError, InputFormat, Inputs};
use crate::push::{PushError, PushOptions, Via};
use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;
use tripel_extract::identity::same_as;
use tripel_extract::isolate::{self, DocumentError};
use tripel_extract::{
    Argument, Document, EntityKey, EntityType, ExtractConfig, Extraction, Extractor, Lang, Lexicon,
    LexiconError,
};
use tripel_graph::rdf::identity::identity_quads;
use tripel_graph::{
    content_hash, document_quads, write_quads, write_results, write_store_dot, DocumentGraph,
    DotError, DotOptions, Iris, KgStore, RdfFormat, ResultsError, ResultsFormat, StoreError,
    DEFAULT_BASE,
};
use tripel_server::{ServeError, ServeOptions, Server};

/// Documents per extraction batch and per store transaction unless `--batch-size` says
/// otherwise: large enough to amortise commits, small enough that Ctrl-C loses little work.
pub const DEFAULT_BATCH_SIZE: usize = 64;

/// Exit status of a run that finished but skipped documents it could not read or extract
/// (as rsync's 23 for a partial transfer): everything else was processed (and, for `build`,
/// committed).
pub const EXIT_SKIPPED: u8 = 3;

/// Builds a queryable knowledge graph from German and English news text.
///
/// Typical use: `tripel build news/` reads every .txt/.md file below news/, extracts facts
/// (who buys, leads, founds, invests in what) and stores them in ./tripel-store. Then
/// `tripel query 'SELECT ?s ?o WHERE { ?s tri:buys ?o }'` asks questions in SPARQL,
/// `tripel export --format turtle` writes standard RDF and `tripel export --format dot`
/// draws the graph.
#[derive(Debug, Parser)]
#[command(
    name = "tripel",
    version,
    about,
    long_about,
    max_term_width = 100,
    after_long_help = EXIT_STATUS_HELP
)]
pub struct Cli {
    /// Folder of the knowledge graph store (created by `build`).
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        default_value = "./tripel-store"
    )]
    pub store: PathBuf,

    /// Base IRI for entities, documents and facts (the ontology namespace is fixed).
    #[arg(long, global = true, value_name = "IRI", default_value = DEFAULT_BASE, value_parser = parse_base)]
    pub base: String,

    /// Folder whose lexicon and pattern files (same names as in data/lexicon and data/patterns)
    /// replace the built-in ones: extend tripel's language data without rebuilding it.
    #[arg(long, global = true, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,

    /// Threads for extraction (`build`, `extract`); default: one per core. The output is the
    /// same for any number: documents are extracted independently and kept in input order.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub threads: Option<NonZeroUsize>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The exit statuses, as `--help` lists them.
const EXIT_STATUS_HELP: &str = "Exit status:
  0    success
  1    the run failed (bad input path, store cannot be opened, disk full, bad query, ...)
  2    usage error (unknown option or value)
  3    finished, but documents were skipped (build, extract, analyze): each one is named on
       stderr with the reason, everything else was processed; --strict makes them errors (1)
  130  build interrupted by Ctrl-C (every batch committed before it is kept)";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read documents, extract facts and add them to the store.
    ///
    /// Documents whose text is unchanged since the last build are skipped; changed ones are
    /// replaced (their old facts are removed). Writes happen in batches, each one atomic:
    /// Ctrl-C (or SIGTERM) or an error leaves every earlier batch in place and the interrupted
    /// one out. A document that cannot be read (binary, not UTF-8, broken JSONL line, duplicate
    /// id) is named on stderr and skipped, the rest is built, and the exit code is 3; `--strict`
    /// refuses the whole run instead. An empty document is a document without facts.
    /// Exit code 130 after Ctrl-C (or SIGTERM).
    Build(BuildArgs),
    /// Extract facts and print them, without a store.
    ///
    /// Useful to try patterns on a text: `echo "Meta kauft 350.000 H100." | tripel extract -`.
    Extract(ExtractArgs),
    /// Run a SPARQL query against the store.
    ///
    /// The default graph is the union of all documents, and the prefixes tri:, schema:, rdf:,
    /// rdfs:, skos:, xsd:, owl: and prov: are predeclared. Example:
    /// `tripel query 'SELECT ?who ?what WHERE { ?who tri:buys ?what }'`
    Query(QueryArgs),
    /// Write the whole store as RDF, or draw it as a GraphViz DOT graph.
    ///
    /// Examples: `tripel export --format turtle --out kg.ttl`,
    /// `tripel export --format dot --focus Meta --depth 2 | dot -Tsvg > meta.svg`
    Export(ExportArgs),
    /// Show counts: documents, entities by type, facts by predicate, quads.
    Stats,
    /// Remove one document and everything extracted from it.
    Remove(RemoveArgs),
    /// Serve the store over HTTP: a SPARQL 1.1 endpoint at /sparql, graphs at /graph, entity
    /// pages at /entity/NAME and a page to explore the graph at /.
    ///
    /// Read-only unless --writable. Stops on Ctrl-C or SIGTERM, letting the requests in flight finish.
    Serve(ServeArgs),
    /// Print the learned analysis of a text as CoNLL-U: lemma, part-of-speech tags, features,
    /// head and relation of every word, and the names extraction finds (in MISC, `NE=B-ORG`).
    ///
    /// German contractions are split as in Universal Dependencies ("im" → "in dem").
    /// `--input conllu` re-analyses the words of a CoNLL-U file as given: that is how a
    /// treebank is scored. Example: `echo "Meta kauft 350.000 GPUs." | tripel analyze -`
    Analyze(AnalyzeArgs),
    /// Send the store's graphs to another SPARQL 1.1 store.
    ///
    /// One Graph Store Protocol PUT per named graph (every document, the identity links, the
    /// ontology), or batched SPARQL updates with `--via update`. Only graphs changed since the
    /// last push to the same URL are sent, and graphs removed since are deleted there
    /// (`--all` sends everything); what was sent is kept per URL in the store's `push/`
    /// folder. Reads the store like `query` does, so it works while `serve` or `build` run.
    ///
    /// Credentials come from the environment only: TRIPEL_PUSH_TOKEN (sent as
    /// `Authorization: Bearer …`) or TRIPEL_PUSH_USER and TRIPEL_PUSH_PASSWORD (HTTP Basic).
    /// Connection errors and 5xx answers are retried with exponential backoff.
    /// Examples: `tripel push http://localhost:7878/store` (Oxigraph),
    /// `tripel push http://localhost:3030/kg/data` (Fuseki),
    /// `tripel push --via update http://localhost:7878/update`.
    Push(PushArgs),
    /// Print a shell completion script.
    ///
    /// Example: `tripel completions bash > ~/.local/share/bash-completion/completions/tripel`
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command into a folder.
    ///
    /// Examples: `tripel man | man -l -`, `tripel man --dir /usr/local/share/man/man1`
    Man(ManArgs),
}

/// Arguments of `tripel push`.
#[derive(Debug, Args)]
pub struct PushArgs {
    /// The target: a Graph Store Protocol endpoint, or with `--via update` a SPARQL Update
    /// endpoint.
    #[arg(value_name = "URL")]
    pub url: String,
    /// How to write the target.
    #[arg(long, value_enum, default_value_t = Via::Gsp)]
    pub via: Via,
    /// Send every graph, not only those changed since the last push to this URL.
    #[arg(long)]
    pub all: bool,
    /// How often a request that failed with a connection error or a 5xx answer is tried
    /// again (waiting 0.25 s, then twice as long each time, at most 8 s).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub retries: u32,
    /// Seconds one request may take.
    #[arg(long = "timeout-s", value_name = "SECONDS", default_value_t = 300)]
    pub timeout_s: u64,
    /// How to report the push: a summary for people, or one JSON object with the ids of the
    /// new, changed and removed documents, for scripts.
    #[arg(long, value_enum, default_value_t = PushReportFormat::Text)]
    pub report: PushReportFormat,
}

/// The forms of `push`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PushReportFormat {
    /// Counts, and the ids when there are few.
    Text,
    /// `{"url", "via", "new": [ids], "changed": [ids], "removed": [ids], "unchanged": n,
    /// "other_sent": [graph IRIs], "other_removed": [graph IRIs], "triples", "requests",
    /// "retries", "elapsed_s"}`.
    Json,
}

/// Arguments of `tripel completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Arguments of `tripel man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `tripel.1` and one `tripel-COMMAND.1` per command into this folder instead of
    /// printing `tripel.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Arguments of `tripel analyze`.
#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files or folders to read; `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = AnalyzeInput::Text)]
    pub input: AnalyzeInput,
    /// The language of every input; detected per document (per CoNLL-U file) when not given.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

/// Input formats of `tripel analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeInput {
    /// Plain text files (folders: every .txt/.md file below).
    Text,
    /// One JSON object a line with `id` and `text`.
    Jsonl,
    /// CoNLL-U: the words are re-analysed as given.
    Conllu,
}

/// A language tripel has models for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// German.
    De,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

/// Arguments of `tripel serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (loopback by default: nothing is exposed by accident).
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,
    /// Seconds a query may run before it is cancelled with 503.
    #[arg(long = "timeout-s", value_name = "SECONDS", default_value_t = 30)]
    pub timeout_s: u64,
    /// Most result rows (or triples) one answer may carry. Off by default: answers are
    /// complete. With a limit, a larger answer is refused with 400 (page with LIMIT/OFFSET),
    /// never sent in part.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_results: Option<u64>,
    /// Send CORS headers so that pages on other origins may query the endpoint.
    #[arg(long)]
    pub cors: bool,
    /// Accept SPARQL updates (POST only). Off by default.
    #[arg(long)]
    pub writable: bool,
}

/// Arguments of `tripel build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files or folders to read (folders: every .txt/.md file below, sorted); `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    /// Drop facts whose confidence is below this (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_confidence)]
    pub min_confidence: f32,
    /// Leave out open relations: facts whose predicate is a verb without a frame
    /// (`open:verhandeln-mit`), outside the ontology.
    #[arg(long)]
    pub no_open: bool,
    /// Documents per extraction batch and per store transaction.
    #[arg(long, value_name = "N", default_value_t = NonZeroUsize::new(DEFAULT_BATCH_SIZE).expect("nonzero"))]
    pub batch_size: NonZeroUsize,
    /// All or nothing: a document that cannot be read or extracted fails the run (exit 1)
    /// instead of being skipped.
    #[arg(long)]
    pub strict: bool,
    /// Remove the stored documents that are not among this run's inputs, so that the store
    /// mirrors the corpus. A run that skipped unreadable inputs removes nothing (their ids
    /// are unknown), and says so.
    #[arg(long)]
    pub prune: bool,
    /// How to report the build: a summary for people, or one JSON object with the ids of the
    /// new, changed, unchanged and (with --prune) removed documents, for scripts.
    #[arg(long, value_enum, default_value_t = BuildReport::Text)]
    pub report: BuildReport,
}

/// The forms of `build`'s report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BuildReport {
    /// Counts, facts per predicate and the store's totals.
    Text,
    /// `{"new": [ids], "changed": [ids], "unchanged": [ids], "removed": [ids], "skipped": n, "sentences",
    /// "entities", "identities", "facts": {predicate: n}, "store": {"path", "documents",
    /// "facts", "quads"}, "elapsed_s"}`.
    Json,
}

/// Output formats of `tripel extract`: two of its own, then every [`RdfFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// One fact a line: confidence, subject, predicate, object, rule, document.
    Table,
    /// Mentions, then facts, per document: one JSON object a line.
    Jsonl,
    /// The run's quads in an RDF syntax.
    Rdf(RdfFormat),
}

impl ValueEnum for ExtractFormat {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [ExtractFormat; 8] = {
            let mut all = [ExtractFormat::Table; 8];
            all[1] = ExtractFormat::Jsonl;
            let mut i = 0;
            while i < RdfFormat::ALL.len() {
                all[i + 2] = ExtractFormat::Rdf(RdfFormat::ALL[i]);
                i += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Self::Table => PossibleValue::new("table")
                .help("One fact a line: confidence, subject, predicate, object, rule, document"),
            Self::Jsonl => PossibleValue::new("jsonl")
                .help("Mentions, then facts, per document: one JSON object a line"),
            Self::Rdf(format) => {
                let help = match format {
                    RdfFormat::Nquads | RdfFormat::Trig => {
                        format!("{} (one graph per document)", format.label())
                    }
                    _ => format.label().to_owned(),
                };
                rdf_value(*format, help)
            }
        })
    }
}

/// An RDF format as a command-line value: its name, and its file extension as a short name
/// (`ttl`, `nt`, `nq`, `rdf`), as people type them.
fn rdf_value(format: RdfFormat, help: String) -> PossibleValue {
    let value = PossibleValue::new(format.name());
    if format.file_extension() == format.name() {
        value.help(help)
    } else {
        value
            .alias(format.file_extension())
            .help(format!("{help}; short: {}", format.file_extension()))
    }
}

impl ExportFormat {
    /// The format a file name's extension stands for (`kg.ttl` → Turtle, `kg.dot` → DOT).
    fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        if extension == "dot" || extension == "gv" {
            return Some(Self::Dot);
        }
        RdfFormat::ALL
            .into_iter()
            .find(|f| f.file_extension() == extension)
            .map(Self::Rdf)
    }
}

/// Arguments of `tripel extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read; `-` reads stdin.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input: InputFormat,
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub format: Option<ExtractFormat>,
    /// Drop facts whose confidence is below this (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_confidence)]
    pub min_confidence: f32,
    /// Leave out open relations: facts whose predicate is a verb without a frame
    /// (`open:verhandeln-mit`), outside the ontology.
    #[arg(long)]
    pub no_open: bool,
    /// All or nothing: a document that cannot be read or extracted fails the run (exit 1)
    /// instead of being skipped.
    #[arg(long)]
    pub strict: bool,
}

/// Arguments of `tripel query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// SPARQL query text, the path of a .rq file holding it, or `-` to read it from stdin.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ResultsFormat::Table)]
    pub format: ResultsFormat,
}

/// Output formats of `tripel export`: every [`RdfFormat`], then a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The whole store in an RDF syntax.
    Rdf(RdfFormat),
    /// GraphViz DOT: entities as nodes, facts as edges (render with `dot -Tsvg`).
    Dot,
}

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [ExportFormat; 7] = {
            let mut all = [ExportFormat::Dot; 7];
            let mut i = 0;
            while i < RdfFormat::ALL.len() {
                all[i] = ExportFormat::Rdf(RdfFormat::ALL[i]);
                i += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            Self::Rdf(format) => {
                let graphs = if format.keeps_graphs() {
                    "one graph per document"
                } else {
                    "union of all documents"
                };
                rdf_value(*format, format!("{} ({graphs})", format.label()))
            }
            Self::Dot => PossibleValue::new("dot")
                .help("GraphViz DOT: entities as nodes, facts as edges (render with `dot -Tsvg`)"),
        })
    }
}

/// Arguments of `tripel export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format [default: from --out's extension: .ttl, .nt, .nq, .trig, .rdf, .jsonld,
    /// .dot].
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Write to this file (atomically: a temp file renamed into place) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// DOT only: draw just the neighbourhood of this entity (name, alias or IRI).
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// DOT only: how many edges away from --focus to go.
    #[arg(long, value_name = "N", default_value_t = 2, requires = "focus")]
    pub depth: usize,
}

/// Arguments of `tripel remove`.
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Document id (the file name, e.g. a.txt, or the JSONL id) or document IRI.
    #[arg(value_name = "DOC")]
    pub doc: String,
}

/// The base must be an absolute IRI, or every minted entity IRI would be invalid RDF.
fn parse_base(s: &str) -> Result<String, String> {
    Iris::parse(s).map(|_| s.to_owned())
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0..=1"))
    }
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A bad input file.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Extraction of a document failed (`--strict`).
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The run finished, but skipped documents (each was reported when it was skipped).
    #[error("{skipped} of {total} documents skipped ({reasons})")]
    Skipped {
        /// Documents skipped.
        skipped: usize,
        /// Documents (and unreadable files) in the run.
        total: usize,
        /// Counts by reason: "1 binary, 2 bad JSONL line".
        reasons: String,
    },
    /// The store failed (locked, missing, bad SPARQL, I/O).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The extractor's language data failed to load.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// Printing query results failed.
    #[error(transparent)]
    Results(#[from] ResultsError),
    /// Drawing failed.
    #[error(transparent)]
    Dot(#[from] DotError),
    /// Writing output failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The HTTP server could not start.
    #[error(transparent)]
    Serve(#[from] ServeError),
    /// A learned model could not be loaded.
    #[error(transparent)]
    Model(#[from] tripel_analysis::Error),
    /// A CoNLL-U input is malformed.
    #[error("{}: {source}", .path.display())]
    Conllu {
        /// The file (`-` for stdin).
        path: PathBuf,
        /// The line and what is wrong with it.
        source: tripel_analysis::conllu::ConlluError,
    },
    /// An input file could not be read.
    #[error("{}: {source}", .path.display())]
    InputFile {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The language of an input is neither German nor English (and `--lang` was not given).
    #[error("{what}: neither German nor English; pass --lang de or --lang en")]
    UnknownLanguage {
        /// The file or document.
        what: String,
    },
    /// Writing the `--out` file failed.
    #[error("{}: {source}", .path.display())]
    OutFile {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The query file could not be read.
    #[error("{}: {source}", .path.display())]
    QueryFile {
        /// The .rq file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// `remove` named a document the store does not have.
    #[error("no document '{doc}' in store {}", .store.display())]
    NoDocument {
        /// What was asked for.
        doc: String,
        /// The store.
        store: PathBuf,
    },
    /// Two document ids map to the same document IRI.
    #[error("document '{second}' gets the same IRI as '{first}'; rename one of them")]
    IdClash {
        /// The id seen (or stored) first.
        first: String,
        /// The clashing id.
        second: String,
    },
    /// Options that do not go together.
    #[error("{0}")]
    Usage(String),
    /// `push` failed.
    #[error(transparent)]
    Push(#[from] PushError),
    /// Ctrl-C during `build`.
    #[error("interrupted: {written} of {total} documents written; the store holds every batch committed before Ctrl-C")]
    Interrupted {
        /// Documents committed before the interrupt.
        written: usize,
        /// Documents that were to be processed.
        total: usize,
    },
}

impl CliError {
    /// Exit code: 2 for usage errors (as clap), [`EXIT_SKIPPED`] for a run that skipped
    /// documents, 130 after Ctrl-C, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Skipped { .. } => EXIT_SKIPPED,
            CliError::Interrupted { .. } => 130,
            _ => 1,
        }
    }

    /// Whether the error is only "the reader of our stdout went away" (`| head`).
    pub fn is_broken_pipe(&self) -> bool {
        let io = match self {
            CliError::Io(e) => Some(e),
            CliError::Results(ResultsError::Io(e)) => Some(e),
            CliError::Dot(DotError::Io(e)) => Some(e),
            CliError::Store(StoreError::Io(e)) => Some(e),
            _ => None,
        };
        io.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    if let Some(n) = cli.threads {
        // Only fails if the global pool was already built: not the case at start-up.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.get())
            .build_global();
    }
    let iris = Iris::new(&cli.base);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match &cli.command {
        Command::Build(args) => build(&cli, &iris, args, &mut out)?,
        Command::Extract(args) => extract(&cli, &iris, args, &mut out)?,
        Command::Query(args) => query(&cli, &iris, args, &mut out)?,
        Command::Export(args) => export(&cli, args, &mut out)?,
        Command::Stats => stats(&cli, &mut out)?,
        Command::Remove(args) => remove(&cli, &iris, args, &mut out)?,
        Command::Serve(args) => serve(&cli, args)?,
        Command::Analyze(args) => analyze(&cli, args, &mut out)?,
        Command::Push(args) => push(&cli, args, &mut out)?,
        Command::Completions(args) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "tripel", &mut out);
        }
        Command::Man(args) => man(args, &mut out)?,
    }
    out.flush()?;
    Ok(())
}

/// The documents a run skipped: each is named on stderr when it is skipped, and counted by
/// reason for the summary and the exit code.
#[derive(Debug, Default)]
struct Skips {
    strict: bool,
    by_reason: BTreeMap<&'static str, usize>,
}

impl Skips {
    fn new(strict: bool) -> Self {
        Skips {
            strict,
            ..Skips::default()
        }
    }

    /// The input problems of a run: reported and counted, or under `--strict` the first one
    /// is the run's error.
    fn inputs(&mut self, inputs: &mut Inputs) -> Result<(), CliError> {
        for e in std::mem::take(&mut inputs.skipped) {
            if self.strict {
                return Err(e.into());
            }
            self.skip(&e, e.reason());
        }
        Ok(())
    }

    /// A document whose extraction failed: reported and counted, or the run's error under
    /// `--strict`.
    fn document(&mut self, e: DocumentError) -> Result<(), CliError> {
        if self.strict {
            return Err(e.into());
        }
        self.skip(&e, "extraction failed");
        Ok(())
    }

    fn skip(&mut self, what: &dyn std::fmt::Display, reason: &'static str) {
        // One line per skipped document, whatever the message carries (ids are user data).
        eprintln!(
            "tripel: {}; skipped",
            what.to_string().replace(['\r', '\n'], " ")
        );
        *self.by_reason.entry(reason).or_default() += 1;
    }

    fn count(&self) -> usize {
        self.by_reason.values().sum()
    }

    /// "1 binary, 2 bad JSONL line"
    fn reasons(&self) -> String {
        let parts: Vec<String> = self
            .by_reason
            .iter()
            .map(|(reason, n)| format!("{n} {reason}"))
            .collect();
        parts.join(", ")
    }

    /// The run's outcome once everything else was done: [`CliError::Skipped`] if anything
    /// was skipped. `processed` counts the documents that were not.
    fn finish(self, processed: usize) -> Result<(), CliError> {
        match self.count() {
            0 => Ok(()),
            skipped => Err(CliError::Skipped {
                skipped,
                total: processed + skipped,
                reasons: self.reasons(),
            }),
        }
    }
}

/// What happened to a document in `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    New,
    Changed,
    Unchanged,
}

/// Totals over the documents a build wrote.
#[derive(Debug, Default)]
struct BuildSummary {
    new: Vec<String>,
    changed: Vec<String>,
    unchanged: Vec<String>,
    removed: Vec<String>,
    sentences: usize,
    entities: HashSet<EntityKey>,
    facts: BTreeMap<String, usize>,
}

impl BuildSummary {
    fn add(&mut self, ex: &Extraction) {
        self.sentences += ex.sentences.len();
        for m in &ex.mentions {
            self.entities.insert(m.entity.key.clone());
        }
        for f in &ex.facts {
            *self.facts.entry(f.predicate.clone()).or_default() += 1;
        }
    }
}

fn build(cli: &Cli, iris: &Iris, args: &BuildArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let started = Instant::now();
    // Inputs are read before the store is opened: with --strict, a bad file must not touch
    // the store; without, it is reported and skipped here.
    let mut inputs = read_inputs(&args.paths, args.input)?;
    let mut skips = Skips::new(args.strict);
    skips.inputs(&mut inputs)?;
    // What --prune keeps: every document of the run, also those skipped further on (an id
    // clash, a failed extraction), which keep what the store has for them.
    let unreadable_inputs = skips.count();
    let input_ids: HashSet<String> = inputs.docs.iter().map(|d| d.id.clone()).collect();
    let extractor = Extractor::new(ExtractConfig {
        min_confidence: args.min_confidence,
        lexicon_dir: cli.lexicon.clone(),
        open_relations: !args.no_open,
    })?;
    let store = KgStore::open(&cli.store)?;
    // Distinct ids can share a document IRI ("a.txt", "a txt"), in this run or with a stored
    // document: one would silently replace the other's graph, so the later one is skipped.
    let mut docs = Vec::with_capacity(inputs.docs.len());
    let mut by_iri: HashMap<String, String> = HashMap::new();
    for d in inputs.docs {
        let iri = iris.document(&d.id);
        let first = match by_iri.get(&iri) {
            Some(other) => Some(other.clone()),
            None => store.document_id(&iri)?.filter(|stored| *stored != d.id),
        };
        if let Some(first) = first {
            let clash = CliError::IdClash {
                first,
                second: d.id,
            };
            if args.strict {
                return Err(clash);
            }
            skips.skip(&clash, "id clash");
            continue;
        }
        by_iri.insert(iri, d.id.clone());
        docs.push(d);
    }

    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // A second Ctrl-C means "now": RocksDB commits are atomic, so exiting is still safe.
        let _ = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }

    let progress = if io::stderr().is_terminal() && docs.len() >= 20 {
        let pb = indicatif::ProgressBar::new(docs.len() as u64);
        pb.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {pos}/{len} documents ({eta} left)",
            )
            .expect("valid template"),
        );
        pb
    } else {
        indicatif::ProgressBar::hidden()
    };

    let mut summary = BuildSummary::default();
    let mut written = 0;
    for batch in docs.chunks(args.batch_size.get()) {
        if interrupted.load(Ordering::SeqCst) {
            progress.abandon();
            return Err(CliError::Interrupted {
                written,
                total: docs.len(),
            });
        }
        let hashes: Vec<String> = batch.iter().map(|d| content_hash(&d.text)).collect();
        let mut changes = Vec::with_capacity(batch.len());
        for (doc, hash) in batch.iter().zip(&hashes) {
            changes.push(match store.document_hash(&iris.document(&doc.id))? {
                None => Change::New,
                Some(h) if &h == hash => Change::Unchanged,
                Some(_) => Change::Changed,
            });
        }
        if changes.iter().all(|c| *c == Change::Unchanged) {
            summary.unchanged.extend(batch.iter().map(|d| d.id.clone()));
            progress.inc(batch.len() as u64);
            continue;
        }
        // Only new and changed documents are extracted: a document's result depends on its
        // own text alone, so an unchanged document's graph is already what a full build gives.
        let todo: Vec<Document> = batch
            .iter()
            .zip(&changes)
            .filter(|(_, c)| **c != Change::Unchanged)
            .map(|(d, _)| d.clone())
            .collect();
        let mut extractions = isolate::extract_batch(&extractor, &todo).into_iter();
        let mut graphs = Vec::new();
        let mut batch_summary = BuildSummary::default();
        for ((doc, hash), change) in batch.iter().zip(&hashes).zip(&changes) {
            if *change == Change::Unchanged {
                batch_summary.unchanged.push(doc.id.clone());
                continue;
            }
            // A document whose extraction failed keeps what the store has for it.
            let ex = match extractions
                .next()
                .expect("one extraction per changed document")
            {
                Ok(ex) => ex,
                Err(e) => {
                    progress.suspend(|| skips.document(e))?;
                    continue;
                }
            };
            match change {
                Change::New => batch_summary.new.push(doc.id.clone()),
                _ => batch_summary.changed.push(doc.id.clone()),
            }
            batch_summary.add(&ex);
            graphs.push(DocumentGraph {
                graph: iris.document(&doc.id),
                quads: document_quads(iris, doc, &ex, hash),
            });
        }
        if interrupted.load(Ordering::SeqCst) {
            progress.abandon();
            return Err(CliError::Interrupted {
                written,
                total: docs.len(),
            });
        }
        store.replace_documents(&graphs)?;
        written += graphs.len();
        summary.new.extend(batch_summary.new);
        summary.changed.extend(batch_summary.changed);
        summary.unchanged.extend(batch_summary.unchanged);
        summary.sentences += batch_summary.sentences;
        summary.entities.extend(batch_summary.entities);
        for (p, n) in batch_summary.facts {
            *summary.facts.entry(p).or_default() += n;
        }
        progress.inc(batch.len() as u64);
    }
    progress.finish_and_clear();
    // Identity links are a function of the whole set of documents: recomputed once, at the end,
    // when something was written. Batches publish to readers at most once a second; the last
    // state is published now, so that a publication error is reported rather than left to the
    // store's closing. A build that wrote nothing has nothing to publish.
    if args.prune {
        if unreadable_inputs > 0 {
            eprintln!(
                "tripel: --prune: {unreadable_inputs} input(s) could not be read, so no document is removed"
            );
        } else {
            summary.removed = prune(&store, &input_ids)?;
        }
    }
    let links = if written > 0 || !summary.removed.is_empty() {
        let links = store.refresh_identity(iris, extractor.lexicon())?;
        store.publish()?;
        Some(links)
    } else {
        None
    };

    let totals = store.stats()?;
    let fact_count: usize = summary.facts.values().sum();
    if args.report == BuildReport::Json {
        let report = serde_json::json!({
            "new": summary.new,
            "changed": summary.changed,
            "unchanged": summary.unchanged,
            "removed": summary.removed,
            "skipped": skips.count(),
            "sentences": summary.sentences,
            "entities": summary.entities.len(),
            "identities": links,
            "facts": summary.facts,
            "store": {
                "path": cli.store,
                "documents": totals.documents,
                "facts": totals.facts,
                "quads": totals.quads,
            },
            "elapsed_s": started.elapsed().as_secs_f64(),
        });
        writeln!(out, "{report}")?;
        out.flush()?;
        return skips.finish(summary.new.len() + summary.changed.len() + summary.unchanged.len());
    }
    let removed = if args.prune {
        format!(", {} removed", summary.removed.len())
    } else {
        String::new()
    };
    writeln!(
        out,
        "documents  {} ({} new, {} changed, {} unchanged{removed})",
        summary.new.len() + summary.changed.len() + summary.unchanged.len(),
        summary.new.len(),
        summary.changed.len(),
        summary.unchanged.len()
    )?;
    if skips.count() > 0 {
        writeln!(out, "skipped    {} ({})", skips.count(), skips.reasons())?;
    }
    writeln!(
        out,
        "sentences  {} (in new and changed documents)",
        summary.sentences
    )?;
    writeln!(out, "entities   {}", summary.entities.len())?;
    if let Some(links) = links {
        writeln!(
            out,
            "identities {links} (owl:sameAs links across documents, whole store)"
        )?;
    }
    writeln!(out, "facts      {fact_count}")?;
    let mut by_count: Vec<_> = summary.facts.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (p, n) in by_count {
        writeln!(out, "  {p:<18} {n}")?;
    }
    writeln!(
        out,
        "store      {}: {} documents, {} facts, {} quads",
        cli.store.display(),
        totals.documents,
        totals.facts,
        totals.quads
    )?;
    writeln!(out, "elapsed    {:.2}s", started.elapsed().as_secs_f64())?;
    // The summary goes out before the exit status says that documents were skipped.
    out.flush()?;
    skips.finish(summary.new.len() + summary.changed.len() + summary.unchanged.len())
}

/// `build --prune`: removes every stored document whose id is not in `keep`, and returns
/// their ids, sorted.
fn prune(store: &KgStore, keep: &HashSet<String>) -> Result<Vec<String>, CliError> {
    let rows = store
        .select("SELECT DISTINCT ?id WHERE { GRAPH ?d { ?d a tri:Document ; tri:docId ?id } }")?;
    let mut gone: Vec<String> = rows
        .rows
        .iter()
        .filter_map(|r| match r.first() {
            Some(Some(oxigraph::model::Term::Literal(id))) => Some(id.value().to_owned()),
            _ => None,
        })
        .filter(|id| !keep.contains(id))
        .collect();
    gone.sort();
    for id in &gone {
        store.remove_document(id)?;
    }
    Ok(gone)
}

fn extract(
    cli: &Cli,
    iris: &Iris,
    args: &ExtractArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut inputs = read_inputs(&args.paths, args.input)?;
    let mut skips = Skips::new(args.strict);
    skips.inputs(&mut inputs)?;
    let docs = inputs.docs;
    let extractor = Extractor::new(ExtractConfig {
        min_confidence: args.min_confidence,
        lexicon_dir: cli.lexicon.clone(),
        open_relations: !args.no_open,
    })?;
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        ExtractFormat::Table
    } else {
        ExtractFormat::Jsonl
    });
    let mut quads = Vec::new();
    let mut facts = 0;
    let mut extracted = 0;
    let mut entities: BTreeSet<(String, EntityType)> = BTreeSet::new();
    for batch in docs.chunks(DEFAULT_BATCH_SIZE) {
        let extractions = isolate::extract_batch(&extractor, batch);
        for (doc, ex) in batch.iter().zip(extractions) {
            let ex = match ex {
                Ok(ex) => ex,
                Err(e) => {
                    skips.document(e)?;
                    continue;
                }
            };
            extracted += 1;
            facts += ex.facts.len();
            if matches!(format, ExtractFormat::Rdf(_)) {
                entities.extend(
                    ex.mentions
                        .iter()
                        .map(|m| (m.entity.label.clone(), m.entity.kind)),
                );
            }
            match format {
                ExtractFormat::Table => write_fact_lines(doc, &ex, out)?,
                ExtractFormat::Jsonl => tripel_graph::jsonl::write_extraction(iris, &ex, out)?,
                ExtractFormat::Rdf(_) => {
                    quads.extend(document_quads(iris, doc, &ex, &content_hash(&doc.text)));
                }
            }
        }
    }
    if let ExtractFormat::Rdf(rdf) = format {
        // The run's documents are the corpus: their identity links, in a graph of their own.
        let links = same_as(
            entities.iter().map(|(l, k)| (l.as_str(), *k)),
            extractor.lexicon(),
        );
        quads.extend(identity_quads(iris, &links));
        write_quads(rdf, quads.into_iter().map(Ok::<_, io::Error>), &mut *out)?;
    }
    if format == ExtractFormat::Table && facts == 0 {
        eprintln!("tripel: no facts found in {extracted} document(s)");
    }
    out.flush()?;
    skips.finish(extracted)
}

/// `0.85  Meta  buys  B200  [de/buys/bestellung]  a.txt`
fn write_fact_lines(doc: &Document, ex: &Extraction, out: &mut dyn Write) -> io::Result<()> {
    let name = |a: &Argument| match a {
        Argument::Entity(e) => e.label.clone(),
        Argument::Literal(l) => l.text.clone(),
    };
    for f in &ex.facts {
        writeln!(
            out,
            "{:.2}  {}  {}  {}  [{}]  {}",
            f.confidence,
            name(&f.subject),
            f.predicate,
            name(&f.object),
            f.rule,
            doc.id
        )?;
    }
    Ok(())
}

fn query(cli: &Cli, iris: &Iris, args: &QueryArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let text = query_text(&args.query)?;
    let store = KgStore::open_read_only(&cli.store)?;
    let results = store.query(&text)?;
    write_results(&store, iris, results, args.format, out)?;
    Ok(())
}

/// The query itself, the contents of the `.rq` file it names, or stdin for `-`.
fn query_text(arg: &str) -> Result<String, CliError> {
    if arg == "-" {
        return io::read_to_string(io::stdin()).map_err(|source| CliError::QueryFile {
            path: PathBuf::from("-"),
            source,
        });
    }
    let looks_like_path = !arg.contains('\n') && arg.len() < 4096;
    let path = Path::new(arg);
    if looks_like_path && (path.is_file() || arg.ends_with(".rq")) {
        return std::fs::read_to_string(path).map_err(|source| CliError::QueryFile {
            path: path.to_owned(),
            source,
        });
    }
    Ok(arg.to_owned())
}

fn export(cli: &Cli, args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let format = match (args.format, &args.out) {
        (Some(format), _) => format,
        (None, Some(path)) => ExportFormat::from_path(path).ok_or_else(|| {
            CliError::Usage(format!(
                "cannot tell the format from the name {}: pass --format",
                path.display()
            ))
        })?,
        (None, None) => {
            return Err(CliError::Usage(
                "--format is required when writing to stdout (with --out it follows the file's extension)".to_owned(),
            ))
        }
    };
    if format != ExportFormat::Dot && args.focus.is_some() {
        return Err(CliError::Usage(
            "--focus and --depth only apply to --format dot".to_owned(),
        ));
    }
    let store = KgStore::open_read_only(&cli.store)?;
    let write = |w: &mut dyn Write| -> Result<(), CliError> {
        match format {
            ExportFormat::Dot => {
                let options = DotOptions {
                    focus: args.focus.clone(),
                    depth: args.depth,
                };
                write_store_dot(&store, &options, w)?;
            }
            ExportFormat::Rdf(rdf) => {
                store.dump(rdf, w)?;
            }
        }
        Ok(())
    };
    match &args.out {
        None => write(out),
        Some(path) => write_atomically(path, write),
    }
}

/// Writes `path` through a temp file in the same folder, renamed into place on success:
/// readers never see a half-written file, and a failed export leaves the old one intact.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let wrap = |source: io::Error| CliError::OutFile {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(wrap)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush().map_err(wrap)?;
    }
    // Temp files are created private (0600); an export is an ordinary file, so it gets the
    // permissions of the file it replaces, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777);
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(wrap)?;
    }
    tmp.persist(path).map_err(|e| wrap(e.error))?;
    Ok(())
}

fn stats(cli: &Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let store = KgStore::open_read_only(&cli.store)?;
    let s = store.stats()?;
    writeln!(out, "store      {}", cli.store.display())?;
    writeln!(out, "documents  {}", s.documents)?;
    writeln!(out, "entities   {}", s.entities)?;
    for (t, n) in &s.entities_by_type {
        writeln!(out, "  {t:<18} {n}")?;
    }
    writeln!(out, "facts      {}", s.facts)?;
    for (p, n) in &s.facts_by_predicate {
        writeln!(out, "  {p:<18} {n}")?;
    }
    writeln!(out, "quads      {}", s.quads)?;
    Ok(())
}

fn serve(cli: &Cli, args: &ServeArgs) -> Result<(), CliError> {
    // Only a writable server takes the writer's lock; a read-only one follows the commits
    // that `build` and others publish.
    let store = if args.writable {
        KgStore::open_existing(&cli.store)?
    } else {
        KgStore::open_read_only(&cli.store)?
    };
    let options = ServeOptions {
        bind: args.bind,
        timeout: std::time::Duration::from_secs(args.timeout_s),
        max_results: args
            .max_results
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        cors: args.cors,
        writable: args.writable,
        queries: tripel_graph::queries::examples(),
    };
    // The handler is in place before the server listens: a signal that comes as soon as it
    // accepts connections (a test, a supervisor) still stops it cleanly. A failure to install
    // it only means Ctrl-C kills the process the default way.
    let (signal, signalled) = std::sync::mpsc::channel::<()>();
    let _ = ctrlc::set_handler(move || {
        let _ = signal.send(());
    });
    let server = Server::start_with_base(store, options, Some(&cli.base))?;
    let stop = server.shutdown_handle();
    std::thread::spawn(move || {
        if signalled.recv().is_ok() {
            stop.shutdown();
        }
    });
    eprintln!(
        "tripel: serving {} on {} (Ctrl-C or SIGTERM stops)",
        cli.store.display(),
        server.url()
    );
    server.wait();
    Ok(())
}

fn remove(cli: &Cli, iris: &Iris, args: &RemoveArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = KgStore::open_existing(&cli.store)?;
    if store.remove_document(&args.doc)? {
        // The removed document's names may have been what linked others.
        store.refresh_identity(iris, &Lexicon::load(cli.lexicon.as_deref())?)?;
        writeln!(out, "removed {}", args.doc)?;
        Ok(())
    } else {
        Err(CliError::NoDocument {
            doc: args.doc.clone(),
            store: cli.store.clone(),
        })
    }
}

fn analyze(cli: &Cli, args: &AnalyzeArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let lang = args.lang.map(Lang::from);
    let extractor = Extractor::new(ExtractConfig {
        lexicon_dir: cli.lexicon.clone(),
        ..ExtractConfig::default()
    })?;
    let mut analyzers = Analyzers::default();
    if args.input == AnalyzeInput::Conllu {
        for path in &args.paths {
            let text = if path.as_os_str() == "-" {
                io::read_to_string(io::stdin())
            } else {
                std::fs::read_to_string(path)
            }
            .map_err(|source| CliError::InputFile {
                path: path.clone(),
                source,
            })?;
            let mut sentences =
                tripel_analysis::conllu::read(&text).map_err(|source| CliError::Conllu {
                    path: path.clone(),
                    source,
                })?;
            // The language of a CoNLL-U file, from its first few thousand words.
            let sample: Vec<&str> = sentences
                .iter()
                .flat_map(|s| s.words().map(|r| r.form.as_str()))
                .take(2000)
                .collect();
            let l = language(&sample.join(" "), lang, extractor.lexicon()).ok_or_else(|| {
                CliError::UnknownLanguage {
                    what: path.display().to_string(),
                }
            })?;
            reanalyze(&mut sentences, analyzers.get(l)?);
            out.write_all(tripel_analysis::conllu::write(&sentences).as_bytes())?;
        }
        return Ok(());
    }
    let format = match args.input {
        AnalyzeInput::Jsonl => InputFormat::Jsonl,
        _ => InputFormat::Text,
    };
    let mut inputs = read_inputs(&args.paths, format)?;
    let mut skips = Skips::new(false);
    skips.inputs(&mut inputs)?;
    for doc in &inputs.docs {
        match language(&doc.text, lang, extractor.lexicon()) {
            Some(l) => write_document(doc, l, &extractor, analyzers.get(l)?, out)?,
            // Like extraction, other languages are skipped with a notice; the rest goes on.
            None => eprintln!(
                "tripel: {}",
                CliError::UnknownLanguage {
                    what: doc.id.clone()
                }
            ),
        }
    }
    out.flush()?;
    skips.finish(inputs.docs.len())
}

fn push(cli: &Cli, args: &PushArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let options = PushOptions {
        url: args.url.clone(),
        via: args.via,
        all: args.all,
        retries: args.retries,
        timeout: std::time::Duration::from_secs(args.timeout_s),
    };
    let report = crate::push::push(&cli.store, &options)?;
    match args.report {
        PushReportFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&report).map_err(io::Error::from)?
        )?,
        PushReportFormat::Text => crate::push::write_text_report(&report, out)?,
    }
    Ok(())
}

/// `tripel man`: the page of the whole command, or with `--dir` that page and one per command
/// (`tripel-build.1`, …), which is what `docs/man/` holds.
fn man(args: &ManArgs, out: &mut dyn Write) -> Result<(), CliError> {
    // As `generate_to` does: `help` is clap's own subcommand, not a page of its own.
    let command = Cli::command().disable_help_subcommand(true);
    match &args.dir {
        None => clap_mangen::Man::new(command).render(out)?,
        Some(dir) => {
            let wrap = |source: io::Error| CliError::OutFile {
                path: dir.clone(),
                source,
            };
            std::fs::create_dir_all(dir).map_err(wrap)?;
            clap_mangen::generate_to(command, dir).map_err(wrap)?;
        }
    }
    Ok(())
}
