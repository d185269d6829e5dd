//! The explorer page: one HTML document with its CSS and JavaScript inlined (compiled into the
//! binary with `include_str!`), so it works with no network beyond the server itself.
//!
//! The server hands the page its configuration (endpoint, data base IRI, prefixes, example
//! queries, the entity to show) as a JSON island; the script reads it and does everything else
//! through `/sparql`. The Content-Security-Policy allows exactly the two inlined scripts (by
//! their SHA-256) and connections to this origin, so labels from the data can never run as code
//! or pull in anything from elsewhere.
//!
//! `assets/editor.js` is the SPARQL editor (CodeMirror 6 and a SPARQL grammar, with their
//! versions and licence in its header), bundled once from npm by `editor/build.mjs` and
//! committed, so building and testing never need npm. `assets/queries/*.rq` are the example
//! queries that work on any corpus (the seed examples in `queries/` name the seeds' entities).

use sha2::{Digest, Sha256};
use tripel_graph::queries::ExampleQuery;

const TEMPLATE: &str = include_str!("assets/index.html");
const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");
const EDITOR: &str = include_str!("assets/editor.js");
const STYLE_SLOT: &str = "/*TRIPEL:STYLE*/";
const SCRIPT_SLOT: &str = "/*TRIPEL:SCRIPT*/";
const EDITOR_SLOT: &str = "/*TRIPEL:EDITOR*/";
const CONFIG_SLOT: &str = "/*TRIPEL:CONFIG*/";

/// The example queries for any corpus, by name.
const CORPUS_QUERIES: &[(&str, &str)] = &[
    (
        "most-mentioned-entities",
        include_str!("assets/queries/01-most-mentioned-entities.rq"),
    ),
    (
        "newest-facts",
        include_str!("assets/queries/02-newest-facts.rq"),
    ),
    (
        "fact-types",
        include_str!("assets/queries/03-fact-types.rq"),
    ),
    (
        "open-relations",
        include_str!("assets/queries/04-open-relations.rq"),
    ),
    ("documents", include_str!("assets/queries/05-documents.rq")),
    (
        "entities-together",
        include_str!("assets/queries/06-entities-together.rq"),
    ),
];

/// The example queries that fit any store in tripel's shape: their titles are their first
/// comment lines, as for the seed examples.
pub(crate) fn corpus_examples() -> Vec<ExampleQuery> {
    CORPUS_QUERIES
        .iter()
        .map(|(name, sparql)| ExampleQuery::from_file(name, sparql))
        .collect()
}

/// What one rendering of the page needs to know.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PageConfig<'a> {
    pub endpoint: &'a str,
    pub base: &'a str,
    /// The vocabulary prefixes (`tripel_graph::PREFIXES`), for the editor and short IRIs.
    pub prefixes: &'a [(&'a str, &'a str)],
    pub examples: &'a [ExampleQuery],
    /// The entity whose page this is (`None` on `/`).
    pub entity: Option<&'a str>,
    /// The entity is unknown to the store.
    pub not_found: bool,
    pub writable: bool,
}

/// The configuration as the page reads it: the request's part and the page's own examples.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Island<'a> {
    #[serde(flatten)]
    config: &'a PageConfig<'a>,
    corpus_examples: &'a [ExampleQuery],
}

/// The page, assembled once at start-up.
pub(crate) struct Page {
    before_config: String,
    after_config: String,
    csp: String,
    corpus_examples: Vec<ExampleQuery>,
}

impl Page {
    /// Inlines style and scripts into the template and computes the scripts' CSP hashes.
    pub(crate) fn new() -> Self {
        // The editor goes in last, so that no slot marker is looked for inside its 400 kB.
        let html = TEMPLATE
            .replacen(STYLE_SLOT, STYLE, 1)
            .replacen(SCRIPT_SLOT, SCRIPT, 1)
            .replacen(EDITOR_SLOT, EDITOR, 1);
        let (before, after) = html
            .split_once(CONFIG_SLOT)
            .expect("the page template has a configuration slot");
        let app = base64(&Sha256::digest(SCRIPT.as_bytes()));
        let editor = base64(&Sha256::digest(EDITOR.as_bytes()));
        // CodeMirror styles itself with inline <style> elements, hence 'unsafe-inline' styles;
        let csp = format!(
            "default-src 'none'; script-src 'sha256-{app}' 'sha256-{editor}'; style-src 'unsafe-inline'; \
             connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        Self {
            before_config: before.to_owned(),
            after_config: after.to_owned(),
            csp,
            corpus_examples: corpus_examples(),
        }
    }

    /// The page with `config` embedded.
    pub(crate) fn render(&self, config: &PageConfig<'_>) -> String {
        let island = Island {
            config,
            corpus_examples: &self.corpus_examples,
        };
        let json = serde_json::to_string(&island).unwrap_or_else(|_| "{}".into());
        // `<` only occurs inside JSON strings, where `\u003c` means the same; this keeps
        // `</script>` in a label from closing the island.
        let json = json.replace('<', "\\u003c");
        let mut html =
            String::with_capacity(self.before_config.len() + json.len() + self.after_config.len());
        html.push_str(&self.before_config);
        html.push_str(&json);
        html.push_str(&self.after_config);
        html
    }

    /// The `Content-Security-Policy` header value for the page.
    pub(crate) fn content_security_policy(&self) -> &str {
        &self.csp
    }
}

/// Standard base64 with padding (for the CSP hash source).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn config_cannot_close_the_script_element() {
        let examples = [ExampleQuery {
            name: "x".into(),
            title: "</script><script>alert(1)</script>".into(),
            sparql: "ASK {}".into(),
        }];
        let html = Page::new().render(&PageConfig {
            endpoint: "/sparql",
            base: "https://w3id.org/tripel/data/",
            prefixes: tripel_graph::PREFIXES,
            examples: &examples,
            entity: None,
            not_found: false,
            writable: false,
        });
        assert!(!html.contains("</script><script>alert"));
        assert!(html.contains("\\u003c/script>"));
        assert!(!html.contains("TRIPEL:"));
    }
}
