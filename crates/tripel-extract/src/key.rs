//! Entity identity without IRIs.
//!
//! Two mentions name the same entity when their canonical labels give the same [`EntityKey`].
//! The key is a slug of the label: lower case, German letters transliterated, every other run
//! of non-alphanumerics one `-`. Because it depends on the label alone, the same name has the
//! same key in every build and on every machine, whatever else is in the run. The graph crate
//! puts it under its base IRI (`{base}entity/{key}`); this crate never writes an IRI.

use std::fmt;

/// The identity of an entity: the slug of its canonical label.
///
/// ```
/// use tripel_extract::EntityKey;
/// assert_eq!(EntityKey::of_label("Mark Zuckerberg").as_str(), "mark-zuckerberg");
/// assert_eq!(EntityKey::of_label("Müller & Söhne GmbH").as_str(), "mueller-soehne-gmbh");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityKey(String);

impl EntityKey {
    /// The key of the entity with this canonical label.
    pub fn of_label(label: &str) -> Self {
        Self(slug(label))
    }

    /// The key of a thing without a name that belongs to one document (issue 11: a document's
    /// graph is a function of its own text): "das Parlamentsgebäude in Athen", "seine
    /// Zivilflugzeugsparte". The slug of its label, a `.` and a fingerprint of the document id
    /// (64-bit FNV-1a, in hex), so that the Parlamentsgebäude of one article is not that of
    /// every other. A slug never holds a `.`, so no name's key is ever a local key.
    ///
    /// ```
    /// use tripel_extract::EntityKey;
    /// let a = EntityKey::local("doc-1", "Parlamentsgebäude");
    /// assert!(a.as_str().starts_with("parlamentsgebaeude."));
    /// assert!(a.is_local());
    /// assert_ne!(a, EntityKey::local("doc-2", "Parlamentsgebäude"));
    /// assert_eq!(a, EntityKey::local("doc-1", "parlamentsgebäude"));
    /// assert!(!EntityKey::of_label("Parlamentsgebäude").is_local());
    /// ```
    pub fn local(doc: &str, label: &str) -> Self {
        // FNV-1a: fixed by its definition, unlike the standard library's hashers, so the key is
        // the same in every build.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in doc.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Self(format!("{}.{h:016x}", slug(label)))
    }

    /// Whether the key is a document's own ([`EntityKey::local`]).
    pub fn is_local(&self) -> bool {
        self.0.contains('.')
    }

    /// The key as text (an IRI path segment).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Turns a name into an IRI path segment: lower case, German letters transliterated
/// (ä → ae, ß → ss), every other run of non-alphanumerics one `-`.
///
/// ```
/// assert_eq!(tripel_extract::slug("NVIDIA Blackwell B200"), "nvidia-blackwell-b200");
/// assert_eq!(tripel_extract::slug("Straße"), "strasse");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        let rep: Option<&str> = match c {
            'ä' => Some("ae"),
            'ö' => Some("oe"),
            'ü' => Some("ue"),
            'ß' => Some("ss"),
            _ => None,
        };
        if let Some(r) = rep {
            out.push_str(r);
            dash = false;
        } else if c.is_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('_');
    }
    // Non-ASCII letters (é, ø) stay as they are: IRIs allow them.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_punctuation() {
        assert_eq!(EntityKey::of_label("NVIDIA"), EntityKey::of_label("Nvidia"));
        assert_eq!(slug("  --Meta--  "), "meta");
        assert_eq!(slug("!!!"), "_");
        assert_eq!(slug("Société Générale"), "société-générale");
    }
}
