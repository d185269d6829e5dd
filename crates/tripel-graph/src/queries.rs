//! The example questions in `queries/`, embedded so that the binary can offer them anywhere
//! (the explorer page of `tripel serve` pre-fills its editor with them).
//!
//! Each file starts with a comment line that states its question in plain words; that line
//! becomes the title.

/// A named example query for the page's editor.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExampleQuery {
    /// Short identifier (`ceos`).
    pub name: String,
    /// What the page shows in the dropdown ("Who runs which company?").
    pub title: String,
    /// The query text.
    pub sparql: String,
}

impl ExampleQuery {
    /// A query whose title is its first comment line (`# Who runs which company?`).
    pub fn from_file(name: &str, sparql: &str) -> Self {
        ExampleQuery {
            name: name.to_owned(),
            title: sparql
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches('#')
                .trim()
                .to_owned(),
            sparql: sparql.to_owned(),
        }
    }
}

/// The `.rq` files, by name.
const FILES: &[(&str, &str)] = &[
    (
        "01-who-leads-which-company",
        include_str!("../../../queries/01-who-leads-which-company.rq"),
    ),
    (
        "02-what-meta-buys",
        include_str!("../../../queries/02-what-meta-buys.rq"),
    ),
    (
        "03-what-nvidia-makes",
        include_str!("../../../queries/03-what-nvidia-makes.rq"),
    ),
    (
        "04-who-praised-whom",
        include_str!("../../../queries/04-who-praised-whom.rq"),
    ),
    (
        "05-sentence-behind-a-fact",
        include_str!("../../../queries/05-sentence-behind-a-fact.rq"),
    ),
    (
        "06-how-much-meta-invests",
        include_str!("../../../queries/06-how-much-meta-invests.rq"),
    ),
    (
        "07-who-met-whom",
        include_str!("../../../queries/07-who-met-whom.rq"),
    ),
    (
        "08-product-families",
        include_str!("../../../queries/08-product-families.rq"),
    ),
    (
        "09-entities-by-type",
        include_str!("../../../queries/09-entities-by-type.rq"),
    ),
    (
        "10-everything-about-nvidia",
        include_str!("../../../queries/10-everything-about-nvidia.rq"),
    ),
];

/// The example queries with their titles.
///
/// ```
/// let q = tripel_graph::queries::examples();
/// assert!(q.len() >= 8);
/// assert!(q.iter().all(|q| q.sparql.contains("SELECT") && !q.title.starts_with('#')));
/// ```
pub fn examples() -> Vec<ExampleQuery> {
    FILES
        .iter()
        .map(|(name, sparql)| ExampleQuery::from_file(name, sparql))
        .collect()
}
