//! The static data API: each language's articles as JSON files, so other
//! systems can read the portal's news without scraping its pages.
//!
//! - `P/api/articles/page/N.json`: newest first, paged as listings are
//!   (`paginate` per page), each article's summary fields;
//! - `P/api/articles/<yyyy>/<mm>/<slug>.json`: one article's fields and
//!   its rendered HTML, made beside its page (it needs the same HTML).
//!
//! Every file carries `api_version`; README.md documents the format, and
//! a change that could break a reader raises [`API_VERSION`].

use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::feed_formats::{FeedImage, feed_image};
use super::language::Lang;
use super::memo::ArticleText;
use super::page::Page;
use super::run::Run;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::site::{Article, ArticleId, ListingKind, SitePath, Taxonomy};
use crate::text::dates;

/// The format's version: raised on any change that could break a reader
/// (a field removed, renamed or changing type); new fields keep it.
pub const API_VERSION: u32 = 1;

/// One page of a language's article list.
#[derive(Serialize)]
struct ApiPage<'a> {
    api_version: u32,
    language: &'a str,
    page: usize,
    total_pages: usize,
    total_articles: usize,
    per_page: usize,
    /// Absolute URLs of the neighbouring pages, `null` at the ends.
    newer: Option<String>,
    older: Option<String>,
    articles: Vec<ApiSummary<'a>>,
}

/// What both files say of an article.
#[derive(Serialize)]
struct ApiSummary<'a> {
    /// Stable across edits and URL changes: `<translation key>.<language>`.
    id: &'a str,
    title: &'a str,
    /// The article's page.
    url: String,
    /// Its file in this API.
    api_url: String,
    date_published: String,
    date_modified: String,
    summary: &'a str,
    authors: Vec<ApiTerm<'a>>,
    category: Option<ApiTerm<'a>>,
    tags: Vec<ApiTerm<'a>>,
    image: Option<ApiImage<'a>>,
}

/// A term with its listing page (absent when its name makes no page).
#[derive(Serialize)]
struct ApiTerm<'a> {
    name: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct ApiImage<'a> {
    url: String,
    caption: Option<&'a str>,
    /// Known for the site's own image files.
    mime_type: Option<&'static str>,
    size_in_bytes: Option<u64>,
    width: Option<u32>,
    height: Option<u32>,
}

/// One article's file.
#[derive(Serialize)]
struct ApiArticle<'a> {
    api_version: u32,
    language: &'a str,
    #[serde(flatten)]
    summary: ApiSummary<'a>,
    views: Option<u64>,
    translations: Vec<ApiTranslation<'a>>,
    /// The body as the article page shows it.
    content_html: &'a str,
}

#[derive(Serialize)]
struct ApiTranslation<'a> {
    language: &'a str,
    url: String,
    api_url: String,
}

impl Renderer<'_> {
    /// Every page of `lang`'s article list, each kept when its key (its
    /// articles' keys, its place and the list's length) is the same.
    pub(super) fn api_pages(
        &self,
        lang: &Lang,
        texts: &[std::sync::Arc<ArticleText>],
        keys: &[u64],
        run: &Run,
    ) {
        let Some(home) = self.site.listing(lang.code(), &ListingKind::Home) else {
            return;
        };
        let per_page = self.site.config.paginate;
        let pages = home.articles.len().div_ceil(per_page).max(1);
        (1..=pages).into_par_iter().for_each(|n| {
            let key = self.api_page_key(lang, n, keys);
            let file = self.site.urls.api_page(lang.code(), n).output_file();
            if !run.kept(file, key) {
                run.emit(self.api_page(lang, n, texts).map(|p| p.keyed(key)));
            }
        });
    }

    /// The key of page `n` of `lang`'s list: the home listing's page key
    /// (its articles, place and page count), the list's length and the
    /// facts of its articles' image files.
    pub(super) fn api_page_key(&self, lang: &Lang, n: usize, keys: &[u64]) -> u64 {
        let site = self.site;
        let Some(home) = site.listing(lang.code(), &ListingKind::Home) else {
            return 0;
        };
        let per_page = site.config.paginate;
        let images: Vec<_> = (home.articles.iter().skip((n - 1) * per_page).take(per_page))
            .map(|&id| self.lead_image(id))
            .collect();
        fingerprint::Builder::default()
            .with("api page")
            .with(&self.listing_key(home, n, keys))
            .with(&home.articles.len())
            .with(&images)
            .finish()
    }

    /// An article's lead image as the API shows it.
    fn lead_image(&self, id: ArticleId) -> Option<FeedImage> {
        feed_image(self.site, &self.images, &self.site.articles[id])
    }

    /// Page `n` of `lang`'s article list.
    pub(super) fn api_page(
        &self,
        lang: &Lang,
        n: usize,
        texts: &[std::sync::Arc<ArticleText>],
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let urls = &site.urls;
        let code = lang.code();
        let all = site.articles_in(code);
        let per_page = site.config.paginate;
        let total_pages = all.len().div_ceil(per_page).max(1);
        let page_url = |k: usize| urls.absolute(&urls.api_page(code, k));
        let page = ApiPage {
            api_version: API_VERSION,
            language: code,
            page: n,
            total_pages,
            total_articles: all.len(),
            per_page,
            newer: (n > 1).then(|| page_url(n - 1)),
            older: (n < total_pages).then(|| page_url(n + 1)),
            articles: (all.iter().skip((n - 1) * per_page).take(per_page))
                .map(|&id| self.api_summary(lang, id, &texts[id].summary))
                .collect(),
        };
        json_file(urls.api_page(code, n), &page)
    }

    /// Where an article's file is.
    pub(super) fn api_article_path(&self, article: &Article) -> SitePath {
        (self.site.urls).api_article(article.lang(), article.local_date, &article.slug)
    }

    /// The key of an article's file: its page's key (the article, its
    /// translations, the language's globals) and its image file's facts.
    pub(super) fn api_article_key(&self, id: ArticleId, page_key: u64) -> u64 {
        fingerprint::Builder::default()
            .with("api article")
            .with(&page_key)
            .with(&self.lead_image(id))
            .finish()
    }

    /// An article's file, from its rendered HTML.
    pub(super) fn api_article(
        &self,
        id: ArticleId,
        text: &ArticleText,
        html: &str,
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let article = &site.articles[id];
        let lang = self.lang(article.lang());
        let file = ApiArticle {
            api_version: API_VERSION,
            language: article.lang(),
            summary: self.api_summary(lang, id, &text.summary),
            views: article.views,
            translations: (article.translations.iter())
                .map(|&t| {
                    let other = &site.articles[t];
                    ApiTranslation {
                        language: other.lang(),
                        url: site.urls.absolute(&other.path),
                        api_url: site.urls.absolute(&self.api_article_path(other)),
                    }
                })
                .collect(),
            content_html: html,
        };
        json_file(self.api_article_path(article), &file)
    }

    fn api_summary<'s>(&'s self, lang: &Lang, id: ArticleId, summary: &'s str) -> ApiSummary<'s> {
        let site = self.site;
        let urls = &site.urls;
        let zone = &site.config.timezone;
        let article = &site.articles[id];
        let front = &article.source.front;
        let term = |taxonomy: Taxonomy, name: &'s str| ApiTerm {
            name,
            url: (self.term_path(lang, taxonomy, name)).map(|path| urls.absolute(&path)),
        };
        ApiSummary {
            id: &article.page_id,
            title: &front.title,
            url: urls.absolute(&article.path),
            api_url: urls.absolute(&self.api_article_path(article)),
            date_published: dates::rfc3339(front.date, zone),
            date_modified: dates::rfc3339(article.last_change(), zone),
            summary,
            authors: (article.term_names(Taxonomy::Author).into_iter())
                .map(|name| term(Taxonomy::Author, name))
                .collect(),
            category: (front.category.as_deref()).map(|name| term(Taxonomy::Category, name)),
            tags: (front.tags.iter())
                .map(|name| term(Taxonomy::Tag, name))
                .collect(),
            image: self.lead_image(id).map(|image| ApiImage {
                url: image.url,
                caption: front.image_caption.as_deref(),
                mime_type: image.mime,
                size_in_bytes: image.length,
                width: image.size.map(|(w, _)| w),
                height: image.size.map(|(_, h)| h),
            }),
        }
    }
}

/// `value` as a JSON file ending in a newline.
fn json_file(path: SitePath, value: &impl Serialize) -> Result<Page, Diagnostic> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| {
        Diagnostic::error(
            path.as_str(),
            crate::msg!("api-write", error = e.to_string()),
        )
    })?;
    bytes.push(b'\n');
    Ok(Page::file(path, bytes))
}
