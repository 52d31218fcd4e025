//! A language's feeds: one per format for its home, and each per-category
//! format for each of its categories (the formats: `feed_formats.rs`).

use std::sync::Arc;

use super::Renderer;
use super::feed_formats::{FORMATS, FeedFormat, FeedSpec, category_feeds};
use super::language::Lang;
use super::memo::ArticleText;
use super::page::Page;
use crate::site::{ArticleId, SitePath, Taxonomy};

impl Renderer<'_> {
    /// Every feed format for the language's home, and each per-category
    /// format for each of its categories.
    pub(super) fn feeds(&self, lang: &Lang, texts: &[Arc<ArticleText>]) -> Vec<Page> {
        let language = lang.language;
        let site = self.site;
        let urls = &site.urls;
        let limit = site.config.feed_limit;
        let description = language.description.as_deref().unwrap_or(&language.title);
        let feed = |page: &SitePath, title: &str, ids: &[ArticleId], format: &FeedFormat| {
            let path = urls.feed(page, format.file);
            let spec = FeedSpec {
                title,
                description,
                lang: &language.code,
                page,
                path: &path,
                // serve's preview shows drafts, but no feed carries them.
                articles: (ids
                    .iter()
                    .filter(|&&id| site.articles[id].unpublished.is_none()))
                .take(limit)
                .map(|&id| (&site.articles[id], texts[id].summary.as_str()))
                .collect(),
            };
            let bytes = format.write(site, &spec);
            Page::file(path, bytes)
        };
        let home = urls.home(&language.code);
        let all = site.articles_in(&language.code);
        let mut pages: Vec<Page> = (FORMATS.iter())
            .map(|format| feed(&home, &language.title, all, format))
            .collect();
        for listing in site.terms(&language.code, Taxonomy::Category) {
            let (title, formats) = category_feeds(&listing.name, language);
            for format in formats {
                pages.push(feed(&listing.path, &title, &listing.articles, format));
            }
        }
        pages
    }
}
