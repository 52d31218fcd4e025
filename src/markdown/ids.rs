//! Heading ids: slugs of heading text, made unique within one page.

use std::collections::{HashMap, HashSet};

/// Turns heading text into an id: the text's URL slug (marks removed,
/// đ → d), or "section" when nothing is left.
pub(super) fn slugify(text: &str) -> String {
    let slug = crate::text::slug::slugify(text);
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

/// Hands out ids that are unique within a page: a taken id gets "-1", "-2"… appended.
#[derive(Default)]
pub(super) struct IdSet {
    used: HashSet<String>,
    /// Next suffix to try per base, so many equal headings stay linear.
    next_suffix: HashMap<String, usize>,
}

impl IdSet {
    pub(super) fn claim(&mut self, base: &str) -> String {
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let next = self.next_suffix.entry(base.to_owned()).or_insert(1);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Ids for a page's headings, in order. `headings` holds each heading's explicit `{#id}` (if
/// any) and its plain text; `reserved` are ids the page already uses (footnotes). Explicit ids
/// are claimed before slugs so an author's `{#id}` keeps its exact value.
pub(super) fn heading_ids(
    headings: &[(Option<String>, String)],
    reserved: &[String],
) -> Vec<String> {
    let mut set = IdSet::default();
    for id in reserved {
        set.claim(id);
    }
    let mut ids: Vec<Option<String>> = headings
        .iter()
        .map(|(explicit, _)| explicit.as_deref().map(|id| set.claim(id)))
        .collect();
    for (id, (_, text)) in ids.iter_mut().zip(headings) {
        if id.is_none() {
            *id = Some(set.claim(&slugify(text)));
        }
    }
    ids.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Kết quả nổi bật"), "ket-qua-noi-bat");
        assert_eq!(slugify("Đường đua Ưu tiên"), "duong-dua-uu-tien");
        assert_eq!(slugify("  Hello, World!  "), "hello-world");
        assert_eq!(slugify("C++ & Rust 2024"), "c-rust-2024");
        assert_eq!(slugify("!!!"), "section");
        assert_eq!(slugify(""), "section");
    }

    #[test]
    fn duplicates_and_explicit() {
        let h = |e: Option<&str>, t: &str| (e.map(str::to_owned), t.to_owned());
        let ids = heading_ids(
            &[
                h(None, "A"),
                h(None, "A"),
                h(Some("a"), "X"),
                h(None, "A-1"),
                h(None, ""),
            ],
            &["fn-1".to_owned()],
        );
        assert_eq!(ids, ["a-1", "a-2", "a", "a-1-1", "section"]);
    }
}
