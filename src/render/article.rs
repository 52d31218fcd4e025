//! Article pages: each article's Markdown rendered once, its page, and the
//! key that says when `serve` must make the page again.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::language::Lang;
use super::memo::ArticleText;
use super::page::Page;
use super::run::Run;
use super::search_pages::Indexing;
use super::views::{ArticleView, Link, Term, image_absolute, image_href};
use super::{BrokenLinks, Memo, Renderer, links};
use crate::SHARE;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::markdown;
use crate::site::{Article, ArticleId, SitePath, Taxonomy};
use crate::source::Key;
use crate::text::dates;
use crate::text::summary::{EXPLICIT_MAX_CHARS, shorten};
impl<'a> Renderer<'a> {
    /// serve's articles, from the texts `memo` kept where their files and
    /// links are the same, and its search indexers, carried from memo to
    /// memo.
    pub(super) fn articles_again(
        &self,
        run: &Run,
        memo: &Memo,
    ) -> (Vec<Arc<ArticleText>>, Vec<u64>, Indexing<'a, 'static>) {
        let (texts, keys) = (0..self.site.articles.len())
            .into_par_iter()
            .with_max_len(SHARE)
            .map(|id| self.article(id, run))
            .unzip();
        let indexers = (self.site.config.languages.iter())
            .map(|l| {
                let kept = memo.indexers.get(&l.code).cloned();
                (l.code.clone(), kept.unwrap_or_default())
            })
            .collect();
        (texts, keys, Indexing::Cached(indexers))
    }

    /// One article: its page, unless `previous` made it from the same key,
    /// and what later stages need of it — its rendered text (from
    /// `previous` when the file and the links it resolved are the same) and
    /// its key, which listings, feeds and search combine into theirs.
    pub(super) fn article(&self, id: ArticleId, run: &Run) -> (Arc<ArticleText>, u64) {
        let previous = run.previous;
        let site = self.site;
        let article = &site.articles[id];
        let source = &article.source;
        let cached = previous
            .and_then(|memo| memo.texts.get(&source.rel_path))
            .filter(|text| {
                text.source == source.fingerprint
                    && text
                        .resolved
                        .iter()
                        .all(|(link, to)| links::resolve(site, &source.dir, link) == *to)
            });
        let (text, key, mut html) = match cached {
            Some(text) => (Arc::clone(text), article_key(article, text), None),
            None => {
                let (mut text, html) = self.markdown(article);
                let key = article_key(article, &text);
                if previous.is_none() {
                    // A one-shot render: nothing reads the body again, nor
                    // checks the links' answers against a next model.
                    source.body.release();
                    text.resolved = Vec::new();
                }
                (Arc::new(text), key, Some(html))
            }
        };
        let page_key = self.article_page_key(id, key);
        if !run.kept(article.path.output_file(), page_key) {
            let (html, has_code) = html.take().unwrap_or_else(|| self.markdown(article).1);
            run.emit(
                self.article_page(id, &text, html, has_code)
                    .map(|page| page.keyed(page_key)),
            );
        }
        (text, key)
    }

    /// The key of an article's page: the article's own key, the language's
    /// globals, and what it shows of its translations and neighbours.
    pub(super) fn article_page_key(&self, id: ArticleId, key: u64) -> u64 {
        let site = self.site;
        let article = &site.articles[id];
        let neighbour = |id: Option<ArticleId>| {
            id.map(|id| (site.articles[id].title(), &site.articles[id].path))
        };
        fingerprint::Builder::default()
            .with(&self.lang(article.lang()).globals)
            .with(&key)
            .with(
                &article
                    .translations
                    .iter()
                    .map(|&t| (site.articles[t].lang(), &site.articles[t].path))
                    .collect::<Vec<_>>(),
            )
            .with(&neighbour(article.newer))
            .with(&neighbour(article.older))
            .with(&article.unpublished)
            .finish()
    }

    /// Renders an article's Markdown, noting every link it resolves.
    pub(super) fn markdown(&self, article: &Article) -> (ArticleText, (String, bool)) {
        let site = self.site;
        let resolved = Mutex::new(Vec::new());
        let resolve = |link: &str| {
            let to = links::resolve(site, &article.source.dir, link);
            resolved
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((link.to_string(), to.clone()));
            to
        };
        let options = markdown::Options {
            raw_html: site.config.raw_html,
            resolve_link: &resolve,
        };
        let rendered = article
            .source
            .body
            .with(|body| markdown::render(body, &options));
        let source = &article.source;
        let mut warnings = Vec::new();
        if let Some((line, column)) = rendered.raw_html_as_text {
            warnings.push(
                Diagnostic::warning(
                    &source.path,
                    "raw HTML shown as text: it nests too deeply or would grow too large to sanitise",
                )
                .at(line + source.body_line - 1, column),
            );
        }
        let summary = match &source.front.summary {
            Some(summary) => match shorten(summary, EXPLICIT_MAX_CHARS) {
                Some(cut) => {
                    warnings.push(source.warning_at_key(
                        Key::Summary,
                        format!(
                            "summary is longer than {EXPLICIT_MAX_CHARS} characters; it is cut"
                        ),
                    ));
                    cut
                }
                None => summary.clone(),
            },
            None => rendered.summary,
        };
        let text = ArticleText {
            source: source.fingerprint,
            resolved: resolved.into_inner().unwrap_or_else(|e| e.into_inner()),
            summary,
            text: rendered.text,
            links: rendered.links,
            warnings,
        };
        (text, (rendered.html, rendered.has_code))
    }

    /// An article's page, from its rendered Markdown.
    pub(super) fn article_page(
        &self,
        id: ArticleId,
        text: &ArticleText,
        html: String,
        has_code: bool,
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let article = &site.articles[id];
        let front = &article.source.front;
        let lang = self.lang(article.lang());
        let formats = &lang.formats;

        let translations: BTreeMap<&str, SitePath> = article
            .translations
            .iter()
            .map(|&t| (site.articles[t].lang(), site.articles[t].path.clone()))
            .collect();
        let mut page = self.page_meta(
            "article",
            lang,
            &article.path,
            front.title.clone(),
            &translations,
        );
        page.description = text.summary.clone();
        page.og_image = front
            .image
            .as_ref()
            .map(|i| image_absolute(site, article, i));
        let link = |id: Option<ArticleId>| {
            id.map(|id| Link {
                title: site.articles[id].title(),
                href: site.urls.href(&site.articles[id].path),
            })
        };
        let zone = &site.config.timezone;
        let view = ArticleView {
            title: &front.title,
            href: site.urls.href(&article.path),
            date_iso: dates::rfc3339(front.date, zone),
            date_display: formats.date(article.local_date),
            updated_iso: front.updated.map(|u| dates::rfc3339(u, zone)),
            updated_display: front
                .updated
                .map(|u| formats.date(dates::local_date(u, zone))),
            author: front
                .author
                .as_deref()
                .map(|n| self.term_view(lang, Taxonomy::Author, n)),
            category: front
                .category
                .as_deref()
                .map(|n| self.term_view(lang, Taxonomy::Category, n)),
            tags: front
                .tags
                .iter()
                .map(|n| self.term_view(lang, Taxonomy::Tag, n))
                .collect(),
            views: article.views,
            views_display: article.views.map(|v| formats.number(v)),
            page_id: &article.page_id,
            image: front.image.as_ref().map(|i| image_href(site, i)),
            image_caption: front.image_caption.as_deref(),
            body: html,
            has_code,
            newer: link(article.newer),
            older: link(article.older),
            unpublished: article.unpublished,
        };
        let mut context = self.base_context(lang, page);
        context.article = Some(view);
        let lastmod = front.updated.unwrap_or(front.date);
        let mut page = self.html_page(
            "article.html",
            &context,
            article.path.clone(),
            Some(lastmod),
        )?;
        if article.unpublished.is_some() {
            // Previewed in serve, never announced.
            page.sitemap = None;
        }
        Ok(page)
    }

    fn term_view(&self, lang: &Lang, taxonomy: Taxonomy, name: &'a str) -> Term<'a> {
        Term {
            name,
            href: self.term_href(lang, taxonomy, name).map(Cow::Owned),
        }
    }

    /// Where a term's listing is; None when its name slugs to nothing.
    pub(super) fn term_href(&self, lang: &Lang, taxonomy: Taxonomy, name: &str) -> Option<String> {
        let language = lang.language;
        // A listing of thousands of cards names the same few terms.
        let slug = match self.site.term_slugs.get(name) {
            Some(slug) => Cow::Borrowed(slug.as_str()),
            None => Cow::Owned(crate::text::slug::slugify(name)),
        };
        (!slug.is_empty()).then(|| {
            self.site
                .urls
                .href(&self.site.urls.term(language, taxonomy, &slug))
        })
    }

    pub(super) fn check_links(
        &self,
        ids: &[ArticleId],
        texts: &[Arc<ArticleText>],
        is_output: &(dyn Fn(&str) -> bool + Sync),
        policy: BrokenLinks,
    ) -> Vec<Diagnostic> {
        ids.par_iter()
            .flat_map_iter(|&id| {
                let article = &self.site.articles[id];
                let broken = texts[id].links.iter().filter_map(move |link| {
                    let message = links::check(self.site, article, &link.destination, is_output)?;
                    Some(links::diagnostic(
                        article,
                        link,
                        message,
                        policy == BrokenLinks::Deny,
                    ))
                });
                // The article's rendering warnings come with its link checks,
                // which every build (and every edit `serve` takes) runs.
                broken.chain(texts[id].warnings.iter().cloned())
            })
            .collect()
    }
}

/// What listings, feeds and search know of an article: everything its
/// file says, the links it resolved, and what the model added.
pub(super) fn article_key(article: &Article, text: &ArticleText) -> u64 {
    fingerprint::Builder::default()
        .with(&article.source.fingerprint)
        .with(&text.resolved)
        .with(&article.path)
        .with(&article.page_id)
        .with(&article.views)
        .finish()
}
