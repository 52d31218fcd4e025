//! `news-sitemap.xml`, Google News' sitemap: made when
//! `news.publication_name` is set, it lists the articles published in the
//! two days before the build clock (`--now` fixes it), at most 1,000, each
//! with its publication's name and language, its date and title. Values
//! are escaped as XML text, never wrapped in CDATA (which Google rejects
//! in names).

use std::fmt::Write;

use jiff::SignedDuration;

use super::Renderer;
use super::page::Page;
use crate::site::{ArticleId, Site};
use crate::text::dates;
use crate::text::escape::escape_markup as escape;

/// How far back Google News reads a news sitemap.
pub const WINDOW: SignedDuration = SignedDuration::from_hours(48);
/// Google News' limit of URLs per news sitemap.
pub const MAX_URLS: usize = 1_000;

/// The articles the news sitemap lists, newest first; none when it is not
/// configured.
pub fn news_articles(site: &Site) -> Vec<ArticleId> {
    if site.config.news.is_none() {
        return Vec::new();
    }
    let since = site.now.checked_sub(WINDOW).unwrap_or(site.now);
    // Newest first: the window is a run at the start, after any article
    // dated past the clock (shown with `--drafts`).
    (site.articles.iter().enumerate())
        .skip_while(|(_, a)| a.source.front.date > site.now)
        // Standalone pages come after every article, and are no news.
        .take_while(|(_, a)| !a.is_page() && a.source.front.date > since)
        .map(|(id, _)| id)
        .take(MAX_URLS)
        .collect()
}

impl Renderer<'_> {
    pub(super) fn news_sitemap(&self) -> Option<Page> {
        let site = self.site;
        let news = site.config.news.as_ref()?;
        let zone = &site.config.timezone;
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n",
        );
        for id in news_articles(site) {
            let article = &site.articles[id];
            let lang = article.lang();
            let _ = write!(
                xml,
                "<url>\n<loc>{}</loc>\n<news:news>\n<news:publication>\n<news:name>{}</news:name>\n<news:language>{}</news:language>\n</news:publication>\n<news:publication_date>{}</news:publication_date>\n<news:title>{}</news:title>\n</news:news>\n</url>\n",
                escape(&site.urls.absolute(&article.path)),
                escape(news.publication_name(lang)),
                escape(lang),
                dates::rfc3339(article.source.front.date, zone),
                escape(article.title()),
            );
        }
        xml.push_str("</urlset>\n");
        Some(Page::file(site.urls.news_sitemap(), xml.into_bytes()))
    }
}
