//! Standalone pages (`content/pages/…`) in the model: their URLs, made
//! from their folders and slugs in their own language, and the check that
//! no page takes the URL of a page the site makes itself.
//!
//! `pages/gioi-thieu/co-cau-to-chuc.vi.md` is `/gioi-thieu/co-cau-to-chuc/`;
//! its English version, with `slug: organisation`, is below the English
//! version of `pages/gioi-thieu.en.md` (`slug: about`):
//! `/en/about/organisation/`. A folder with no page of its own in that
//! language keeps its folder name.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Site, Taxonomy, urls};
use crate::diag::Diagnostic;
use crate::source::{Key, PAGES_DIR, SourceArticle};
use crate::text::slug;

/// A page's own URL name: its `slug`, else its file name's.
fn own_slug(source: &SourceArticle) -> String {
    match &source.front.slug {
        Some(s) => s.clone(),
        None => slug::slugify(&source.stem),
    }
}

/// `pages/a/b` for `pages/a/b.vi.md`: the page a folder `pages/a/b` is of.
fn stem_path(source: &SourceArticle) -> String {
    format!("{}/{}", source.dir, source.stem)
}

/// For each source, in order: a page's URL names (its folders', then its
/// own), or `None` for an article.
pub(super) fn segments(sources: &[Arc<SourceArticle>]) -> Vec<Option<Vec<String>>> {
    let slugs: FxHashMap<(String, &str), String> = (sources.iter())
        .filter(|s| s.is_page())
        .map(|s| ((stem_path(s), s.lang.as_str()), own_slug(s)))
        .collect();
    (sources.iter())
        .map(|source| {
            source.is_page().then(|| {
                let folders = source.dir.strip_prefix(PAGES_DIR).unwrap_or_default();
                let mut prefix = PAGES_DIR.to_string();
                let mut segments: Vec<String> = (folders.split('/'))
                    .filter(|folder| !folder.is_empty())
                    .map(|folder| {
                        prefix = format!("{prefix}/{folder}");
                        let key = (prefix.clone(), source.lang.as_str());
                        slugs
                            .get(&key)
                            .cloned()
                            .unwrap_or_else(|| folder.to_string())
                    })
                    .collect();
                segments.push(own_slug(source));
                segments
            })
        })
        .collect()
}

/// A page at the URL of a listing, an index or another page the site
/// makes (`/2023/`, `/tim-kiem/`, `/page/2/`) is an error on the page.
pub(super) fn collisions(site: &Site) -> Vec<Diagnostic> {
    let urls = &site.urls;
    let mut made: FxHashMap<String, String> = FxHashMap::default();
    for listing in &site.listings {
        let pages = listing.articles.len().div_ceil(site.config.paginate).max(1);
        for n in 1..=pages {
            let path = urls.page(&listing.path, n);
            made.insert(urls::fold_case(path.as_str()), urls.href(&path));
        }
    }
    for language in &site.config.languages {
        let mut fixed = vec![
            urls.archive_index(language),
            urls.search(language),
            urls.site_map(language),
        ];
        fixed.extend(Taxonomy::ALL.map(|t| urls.term_index(language, t)));
        for path in fixed {
            made.insert(urls::fold_case(path.as_str()), urls.href(&path));
        }
    }
    (site.articles.iter().filter(|a| a.is_page()))
        .filter_map(|page| {
            let taken = made.get(&urls::fold_case(page.path.as_str()))?;
            let key = if page.source.front.slug.is_some() {
                Key::Slug
            } else {
                Key::Title
            };
            Some(page.source.error_at_key(
                key,
                crate::msg!(
                    "site-page-url-taken",
                    url = urls.href(&page.path),
                    taken = taken.to_string()
                ),
            ))
        })
        .collect()
}
