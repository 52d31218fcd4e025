//! The meta tags of an article page beyond Open Graph's basics: the
//! `article:*` properties, `<meta name="author">` and, with
//! `metadata.dublin_core: true`, the Dublin Core set (`DC.title` …
//! `DC.subject`) that Vietnamese portal evaluations still score.
//! Templates write them (`base.html`); here is what they say.

use serde::Serialize;

use super::Renderer;
use crate::site::{ArticleId, Taxonomy};
use crate::text::dates;

#[derive(Serialize)]
pub struct ArticleMeta {
    pub published_time: String,
    pub modified_time: String,
    /// The authors' names, for `<meta name="author">`.
    pub authors: Vec<String>,
    /// `article:author`: each author's page, or their name where the name
    /// makes no page.
    pub author_profiles: Vec<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub dublin_core: Option<DublinCore>,
}

#[derive(Serialize)]
pub struct DublinCore {
    pub title: String,
    pub creators: Vec<String>,
    /// W3C-DTF, the day in the site's timezone: `2023-06-05`.
    pub date: String,
    pub description: String,
    pub publisher: String,
    /// The canonical URL.
    pub identifier: String,
    pub language: String,
    /// The category, then the tags.
    pub subjects: Vec<String>,
}

impl Renderer<'_> {
    pub(super) fn article_meta(&self, id: ArticleId, description: &str) -> ArticleMeta {
        let site = self.site;
        let article = &site.articles[id];
        let front = &article.source.front;
        let lang = self.lang(article.lang());
        let zone = &site.config.timezone;
        let authors: Vec<String> = (article.term_names(Taxonomy::Author).into_iter())
            .map(str::to_string)
            .collect();
        let author_profiles = (authors.iter())
            .map(|name| match self.term_path(lang, Taxonomy::Author, name) {
                Some(path) => site.urls.absolute(&path),
                None => name.clone(),
            })
            .collect();
        let dublin_core = site.config.dublin_core.then(|| DublinCore {
            title: front.title.clone(),
            creators: authors.clone(),
            date: article.local_date.to_string(),
            description: description.to_string(),
            publisher: (site.config.publisher.as_ref())
                .map_or(&lang.language.title[..], |p| {
                    p.in_language(lang.code(), &site.config.default_language().code)
                        .name
                })
                .to_string(),
            identifier: site.urls.absolute(&article.path),
            language: article.lang().to_string(),
            subjects: (front.category.iter().chain(&front.tags))
                .cloned()
                .collect(),
        });
        ArticleMeta {
            published_time: dates::rfc3339(front.date, zone),
            modified_time: dates::rfc3339(article.last_change(), zone),
            authors,
            author_profiles,
            section: front.category.clone(),
            tags: front.tags.clone(),
            dublin_core,
        }
    }
}
