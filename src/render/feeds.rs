//! A language's feeds: one per format for its home, and each per-category
//! format for each of its categories and authors (the formats:
//! `feed_formats.rs`).

use std::sync::Arc;

use super::Renderer;
use super::feed_formats::{
    FORMATS, FeedEntry, FeedFormat, FeedSpec, TERMS_WITH_FEEDS, category_feeds, feed_image,
};
use super::language::Lang;
use super::memo::ArticleText;
use super::page::Page;
use super::run::Run;
use crate::site::{ArticleId, ArticleList, ListingKind, SitePath, Taxonomy};

impl Renderer<'_> {
    /// Every language's feeds; under `Scope::Texts`, the edited articles'
    /// languages' only (a feed shows its articles' summaries). Made anew
    /// each time: the sink tells which bytes changed.
    pub(super) fn every_feed(&self, texts: &[Arc<ArticleText>], run: &Run) {
        let edited = run.scope().texts();
        for lang in &self.languages {
            let shows_edit = |ids: &[ArticleId]| {
                (ids.iter()).any(|&id| self.site.articles[id].lang() == lang.code())
            };
            if edited.is_none_or(shows_edit) {
                self.feeds(lang, texts)
                    .into_iter()
                    .for_each(|page| run.emit(Ok(page)));
            }
        }
    }

    /// Every feed format for the language's home, and each per-category
    /// format for each of its categories.
    fn feeds(&self, lang: &Lang, texts: &[Arc<ArticleText>]) -> Vec<Page> {
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
                articles: (ids.iter())
                    .filter(|&&id| site.articles[id].unpublished.is_none())
                    .take(limit)
                    .map(|&id| FeedEntry {
                        article: &site.articles[id],
                        summary: &texts[id].summary,
                        // A text kept from before the option was turned
                        // off may still hold its HTML.
                        content: (texts[id].html.as_deref())
                            .filter(|_| site.config.feed_full_content),
                        image: feed_image(site, &self.images, &site.articles[id]),
                    })
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
        for taxonomy in TERMS_WITH_FEEDS {
            for listing in site.terms(&language.code, taxonomy) {
                let (title, formats) = category_feeds(&listing.name, language);
                for format in formats {
                    pages.push(feed(&listing.path, &title, &listing.articles, format));
                }
            }
        }
        pages
    }

    /// Whether feeds carry `id`'s whole HTML: with `feeds.full_content`,
    /// when it is among the newest of its language's feed or its
    /// category's. Only those articles' HTML is kept past their page.
    pub(super) fn feeds_carry_whole(&self, id: ArticleId) -> bool {
        let site = self.site;
        if !site.config.feed_full_content {
            return false;
        }
        let article = &site.articles[id];
        let limit = site.config.feed_limit;
        let within = |kind: &ListingKind| {
            (site.listing(article.lang(), kind))
                .and_then(|listing| listing.articles.position(id))
                .is_some_and(|position| position < limit)
        };
        let category = (article.source.front.category.as_deref())
            .and_then(|name| site.term_slugs.get(name))
            .map(|slug| ListingKind::Term(Taxonomy::Category, slug.clone()));
        within(&ListingKind::Home) || category.is_some_and(|kind| within(&kind))
    }
}
