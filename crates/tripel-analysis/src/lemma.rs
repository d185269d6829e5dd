//! Lemma edit scripts: how to turn a word form into its lemma, as a class a classifier can
//! predict and that applies to unseen forms (`übernommen` → `übernehmen` is "replace the
//! ending `ommen` by `ehmen`, lower case").
//!
//! A script is `casing|strip-prefix|add-prefix|strip-suffix|add-suffix` over the lower-cased
//! form, found through the longest common substring of form and lemma; `=form<TAB>lemma` is a
//! literal lemma for one form, for the rare pairs a script cannot express.

use std::borrow::Cow;

fn title(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Copies the casing of `form` onto `lower` position by position (characters past the form's
/// end stay lower case).
fn keep_case(form: &str, lower: &str, prefix_shift: isize) -> String {
    let fc: Vec<char> = form.chars().collect();
    let mut out = String::new();
    for (i, ch) in lower.chars().enumerate() {
        let j = i as isize + prefix_shift;
        let upper = j >= 0 && (j as usize) < fc.len() && fc[j as usize].is_uppercase();
        if upper {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
    }
    out
}

/// The edit script from `form` to `lemma`.
pub fn derive(form: &str, lemma: &str) -> String {
    let f: Vec<char> = form.to_lowercase().chars().collect();
    let l: Vec<char> = lemma.to_lowercase().chars().collect();
    // Longest common substring; ties go to the earliest position in the form.
    let (mut best, mut bf, mut bl) = (0usize, 0usize, 0usize);
    for i in 0..f.len() {
        for j in 0..l.len() {
            let mut k = 0;
            while i + k < f.len() && j + k < l.len() && f[i + k] == l[j + k] {
                k += 1;
            }
            if k > best {
                (best, bf, bl) = (k, i, j);
            }
        }
    }
    let s = |v: &[char]| v.iter().collect::<String>();
    let script = if best == 0 {
        format!("{}|{}||", s(&f), s(&l))
    } else {
        format!(
            "{}|{}|{}|{}",
            s(&f[..bf]),
            s(&l[..bl]),
            s(&f[bf + best..]),
            s(&l[bl + best..])
        )
    };
    for c in ['l', 't', 'k'] {
        let full = format!("{c}|{script}");
        if apply(&full, form).as_deref() == Some(lemma) {
            return full;
        }
    }
    format!("={}\t{lemma}", form.to_lowercase())
}

/// `s.to_lowercase()`, borrowed when `s` is ASCII without capitals (most words), so that no
/// new string is made for them (the parser's tokens, every analysed word's lemma script).
pub(crate) fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Applies a script to a form; `None` when the script does not fit the form (its prefix or
/// suffix is not there).
pub fn apply(script: &str, form: &str) -> Option<String> {
    if let Some(lit) = script.strip_prefix('=') {
        let (f, l) = lit.split_once('\t')?;
        return (lower(form) == f).then(|| l.to_string());
    }
    let mut parts = script.split('|');
    let case = parts.next()?;
    let (sp, ap, ss, as_) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let lower = lower(form);
    let mid = lower.strip_prefix(sp)?.strip_suffix(ss)?;
    // Three pieces joined without `format!`: every analysed word goes through here.
    let mut out = String::with_capacity(ap.len() + mid.len() + as_.len());
    out.push_str(ap);
    out.push_str(mid);
    out.push_str(as_);
    Some(match case {
        "l" => out,
        "t" => title(&out),
        _ => {
            let shift = sp.chars().count() as isize - ap.chars().count() as isize;
            if lower.chars().count() != form.chars().count() {
                return None;
            }
            keep_case(form, &out, shift)
        }
    })
}

/// A script parsed once, to test cheaply whether it fits a form (the lemma classifier tests
/// the best-scoring scripts until one fits, for every word).
#[derive(Debug, Clone)]
pub struct Script(Fit);

#[derive(Debug, Clone)]
enum Fit {
    /// Fits exactly this lower-cased form.
    Literal(String),
    /// Fits forms with this prefix and suffix; `same_len` also asks that lower-casing keeps the
    /// number of characters (the keep-case scripts copy the casing position by position).
    Edit {
        prefix: String,
        suffix: String,
        same_len: bool,
    },
    /// A malformed script: fits nothing.
    Never,
}

impl Script {
    /// Parses a script as [`apply`] reads it.
    pub fn parse(script: &str) -> Script {
        if let Some(lit) = script.strip_prefix('=') {
            return Script(match lit.split_once('\t') {
                Some((f, _)) => Fit::Literal(f.to_string()),
                None => Fit::Never,
            });
        }
        let p: Vec<&str> = script.split('|').take(5).collect();
        Script(match p[..] {
            [case, sp, _, ss, _] => Fit::Edit {
                prefix: sp.to_string(),
                suffix: ss.to_string(),
                same_len: case != "l" && case != "t",
            },
            _ => Fit::Never,
        })
    }

    /// Whether [`apply`] gives a lemma for `form` (`lower` is `form.to_lowercase()`), without
    /// building it.
    pub fn fits(&self, form: &str, lower: &str) -> bool {
        match &self.0 {
            Fit::Literal(f) => lower == f,
            Fit::Edit {
                prefix,
                suffix,
                same_len,
            } => {
                lower
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|rest| rest.ends_with(suffix.as_str()))
                    && (!same_len || lower.chars().count() == form.chars().count())
            }
            Fit::Never => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        for (f, l) in [
            ("übernommen", "übernehmen"),
            ("hat", "haben"),
            ("Der", "der"),
            ("Konzerne", "Konzern"),
            ("NVIDIA", "NVIDIA"),
            ("iPhones", "iPhone"),
            ("went", "go"),
            ("aufgenommen", "aufnehmen"),
            ("", ""),
        ] {
            let s = derive(f, l);
            assert_eq!(apply(&s, f).as_deref(), Some(l), "{f} {l} {s}");
        }
        assert_eq!(derive("übernommen", "übernehmen"), "l|||ommen|ehmen");
        // `Script::fits` agrees with `apply` on every pair of script and form here.
        let forms = [
            "übernommen",
            "Haus",
            "NVIDIA",
            "İstanbul",
            "|",
            "a|b",
            "went",
            "",
        ];
        let mut scripts: Vec<String> = forms
            .iter()
            .flat_map(|f| forms.iter().map(move |l| derive(f, l)))
            .collect();
        scripts.extend(["x|a".into(), "=haus".into(), "k|||||".into()]);
        for sc in &scripts {
            let parsed = Script::parse(sc);
            for f in forms {
                let lower = f.to_lowercase();
                assert_eq!(
                    parsed.fits(f, &lower),
                    apply(sc, f).is_some(),
                    "{sc:?} {f:?}"
                );
            }
        }
        assert_eq!(apply(&derive("übernommen", "übernehmen"), "Haus"), None);
    }
}
