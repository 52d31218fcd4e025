//! Article pages: each article's Markdown rendered once, its page, and the
//! key that says when `serve` must make the page again.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::language::Lang;
use super::memo::ArticleText;
use super::page::Page;
use super::related::ShareLinks;
use super::run::Run;
use super::search_pages::{Indexing, index_options};
use super::views::{ArticleView, CorrectionView, Link, Term, image_absolute, image_href};
use super::{BrokenLinks, Memo, Renderer, links};
use crate::SHARE;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::images::{self, Placement};
use crate::markdown;
use crate::search;
use crate::site::{Article, ArticleId, SitePath, Taxonomy};
use crate::source::Key;
use crate::text::dates;
use crate::text::summary::{EXPLICIT_MAX_CHARS, shorten};
/// Marks an image among an article's resolved links: what it resolved to
/// is what the images made of it.
const IMAGE_MARK: &str = "\0image:";

impl<'a> Renderer<'a> {
    /// The link preview's image: the 1200×630 crop, or the lead image as
    /// written when it is not a photo bantin processes.
    pub(super) fn og_image(&self, article: &Article) -> Option<String> {
        let site = self.site;
        match self.images.preview(article) {
            Some(crop) => Some(site.urls.absolute(crop)),
            None => (article.source.front.image.as_ref()).map(|i| image_absolute(site, article, i)),
        }
    }

    /// The lead image's address: its published variant, else as written.
    pub(super) fn lead_href(&self, article: &Article) -> Option<String> {
        match self.images.lead(article) {
            Some(lead) => Some(lead.href.clone()),
            None => (article.source.front.image.as_ref()).map(|i| image_href(self.site, i)),
        }
    }

    /// The lead photo's `<picture>`, alt from its caption or the title.
    pub(super) fn lead_html(&self, article: &Article) -> Option<String> {
        let front = &article.source.front;
        self.images.lead(article).map(|lead| {
            let alt = front.image_caption.as_deref().unwrap_or(&front.title);
            images::markup(lead.image, alt, None, Placement::Lead)
        })
    }

    /// The dated correction notices, in the page's language and zone.
    pub(super) fn corrections<'v>(
        &self,
        article: &'v Article,
        lang: &Lang,
    ) -> Vec<CorrectionView<'v>> {
        let zone = &self.site.config.timezone;
        (article.source.front.corrections.iter())
            .map(|c| CorrectionView {
                date_iso: dates::rfc3339(c.date, zone),
                date_display: lang.formats.date(dates::local_date(c.date, zone)),
                note: &c.note,
            })
            .collect()
    }

    /// serve's articles, from the texts `memo` kept where their files and
    /// links are the same (under `Scope::Texts`, all but the edited ones,
    /// by id), and its search indexers, carried from memo to memo.
    pub(super) fn articles_again(
        &self,
        run: &Run,
        memo: &Memo,
    ) -> (Vec<Arc<ArticleText>>, Vec<u64>, Indexing<'a, 'static>) {
        let (texts, keys) = match run.scope().texts() {
            Some(edited) => {
                let (mut texts, mut keys): (Vec<_>, Vec<_>) = memo.by_id.iter().cloned().unzip();
                let made: Vec<_> = edited.par_iter().map(|&id| self.article(id, run)).collect();
                for (&id, (text, key)) in edited.iter().zip(made) {
                    (texts[id], keys[id]) = (text, key);
                }
                (texts, keys)
            }
            None => (0..self.site.articles.len())
                .into_par_iter()
                .with_max_len(SHARE)
                .map(|id| self.article(id, run))
                .unzip(),
        };
        let indexers = (self.site.config.languages.iter())
            .map(|l| {
                let kept = memo.indexers.get(&l.code).cloned();
                let kept = kept.unwrap_or_else(|| {
                    let options = index_options(self.lang(&l.code));
                    Arc::new(Mutex::new(search::IndexCache::new(options)))
                });
                (l.code.clone(), kept)
            })
            .collect();
        (texts, keys, Indexing::Cached(indexers))
    }

    /// One article: its page, unless `previous` made it from the same key,
    /// and what later stages need of it — its rendered text (from
    /// `previous` when the file and the links it resolved are the same) and
    /// its key, which listings, feeds and search combine into theirs.
    pub(super) fn article(&self, id: ArticleId, run: &Run) -> (Arc<ArticleText>, u64) {
        let previous = run.memo();
        let site = self.site;
        let article = &site.articles[id];
        let source = &article.source;
        let whole_in_feeds = self.feeds_carry_whole(id);
        let cached = previous
            .and_then(|memo| memo.texts.get(&source.rel_path))
            .filter(|text| {
                text.source == source.fingerprint
                    && (text.html.is_some() || !whole_in_feeds)
                    && text
                        .resolved
                        .iter()
                        .all(|(link, to)| self.resolve_again(&source.dir, link) == *to)
            });
        let (text, key, mut html) = match cached {
            Some(text) => (Arc::clone(text), article_key(article, text), None),
            None => {
                let (mut text, html) = self.markdown(article);
                if whole_in_feeds {
                    text.html = Some(html.0.clone());
                }
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
        let api_key = self.api_article_key(id, page_key);
        let page_kept = run.kept(article.path.output_file(), page_key);
        // The data API lists news; a standalone page has no file there.
        let api_kept =
            article.is_page() || run.kept(self.api_article_path(article).output_file(), api_key);
        if !(page_kept && api_kept) {
            let (html, has_code) = html.take().unwrap_or_else(|| self.markdown(article).1);
            if !api_kept {
                run.emit(
                    self.api_article(id, &text, &html)
                        .map(|file| file.keyed(api_key)),
                );
            }
            if !page_kept {
                run.emit(
                    self.article_page(id, &text, html, has_code)
                        .map(|page| page.keyed(page_key)),
                );
            }
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
            .with(&self.extras_key(id))
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
        let dir = &article.source.dir;
        let record = |src: &str| {
            let to = self.images.resolution(dir, src);
            (resolved.lock().unwrap_or_else(|e| e.into_inner()))
                .push((format!("{IMAGE_MARK}{src}"), to));
        };
        let image = |src: &str, alt: &str, title: Option<&str>| {
            record(src);
            self.images.html(dir, src, alt, title, Placement::Body)
        };
        let options = markdown::Options {
            raw_html: site.config.raw_html,
            embeds: &site.config.embeds,
            resolve_link: &resolve,
            image: &image,
        };
        let rendered = article
            .source
            .body
            .with(|body| markdown::render(body, &options));
        let source = &article.source;
        // The lead image shows on the page, its cards and its feeds.
        if let Some(src) = &source.front.image {
            record(src);
        }
        let mut warnings = Vec::new();
        if let Some((line, column)) = rendered.raw_html_as_text {
            warnings.push(
                Diagnostic::warning(&source.path, crate::msg!("raw-html-as-text"))
                    .at(line + source.body_line - 1, column),
            );
        }
        for removal in &rendered.removed {
            warnings.push(
                Diagnostic::warning(&source.path, removal.message.clone())
                    .at(removal.line + source.body_line - 1, removal.column),
            );
        }
        let summary = match &source.front.summary {
            Some(summary) => match shorten(summary, EXPLICIT_MAX_CHARS) {
                Some(cut) => {
                    warnings.push(source.warning_at_key(
                        Key::Summary,
                        crate::msg!("summary-too-long", max = EXPLICIT_MAX_CHARS.to_string()),
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
            html: None,
            text: rendered.text,
            captions: captions(rendered.captions, source.front.image_caption.as_deref()),
            code: rendered.code,
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
        if article.is_page() {
            return self.standalone_page(id, text, html, has_code);
        }
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
        if page.section.is_empty() {
            page.section = self.category_section(lang, front.category.as_deref());
        }
        page.description = text.summary.clone();
        page.json_ld = Some(self.article_json_ld(id, &text.summary));
        page.article_meta = Some(self.article_meta(id, &text.summary));
        page.og_image = self.og_image(article);
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
            authors: (front.authors.iter())
                .map(|n| self.term_view(lang, Taxonomy::Author, n))
                .collect(),
            author: (front.authors.first()).map(|n| self.term_view(lang, Taxonomy::Author, n)),
            source: front.source.as_deref(),
            photo_credit: front.photo_credit.as_deref(),
            corrections: self.corrections(article, lang),
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
            image: self.lead_href(article),
            image_html: self.lead_html(article),
            image_caption: front.image_caption.as_deref(),
            body: html,
            has_code,
            newer: link(article.newer),
            older: link(article.older),
            related: self.teasers(self.related_ids(id)),
            most_read: self.teasers(self.sidebar_most_read(id)),
            most_read_href: site.urls.href(&site.urls.most_read(lang.language)),
            share: ShareLinks::new(site.urls.absolute(&article.path)),
            unpublished: article.unpublished,
        };
        let mut context = self.base_context(lang, page);
        context.article = Some(view);
        let lastmod = article.last_change();
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

    /// A link or image an article's text resolved, resolved again against
    /// the model and images of this render.
    fn resolve_again(&self, dir: &str, link: &str) -> Option<String> {
        match link.strip_prefix(IMAGE_MARK) {
            Some(src) => self.images.resolution(dir, src),
            None => links::resolve(self.site, dir, link),
        }
    }

    fn term_view(&self, lang: &Lang, taxonomy: Taxonomy, name: &'a str) -> Term<'a> {
        Term {
            name,
            href: self.term_href(lang, taxonomy, name).map(Cow::Owned),
        }
    }

    /// Where a term's listing is; None when its name slugs to nothing.
    pub(super) fn term_href(&self, lang: &Lang, taxonomy: Taxonomy, name: &str) -> Option<String> {
        (self.term_path(lang, taxonomy, name)).map(|path| self.site.urls.href(&path))
    }

    /// A term's listing, as a site path; None when its name slugs to nothing.
    pub(super) fn term_path(
        &self,
        lang: &Lang,
        taxonomy: Taxonomy,
        name: &str,
    ) -> Option<SitePath> {
        // A listing of thousands of cards names the same few terms.
        let slug = match self.site.term_slugs.get(name) {
            Some(slug) => Cow::Borrowed(slug.as_str()),
            None => Cow::Owned(crate::text::slug::slugify(name)),
        };
        (!slug.is_empty()).then(|| self.site.urls.term(lang.language, taxonomy, &slug))
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
                let dir = &article.source.dir;
                let broken = texts[id].links.iter().filter_map(move |link| {
                    // The site's images are published where `images` says.
                    if link.is_image && self.images.resolution(dir, &link.destination).is_some() {
                        return None;
                    }
                    let message = links::check(self.site, article, &link.destination, is_output)?;
                    Some(links::diagnostic(
                        article,
                        link,
                        message,
                        policy == BrokenLinks::Deny,
                    ))
                });
                // The lead image is checked as an image in the body is.
                let lead = (article.source.front.image.as_deref())
                    .and_then(|image| links::check(self.site, article, image, is_output))
                    .map(|message| {
                        let message = crate::msg!("lead-image-problem", problem = message);
                        match policy {
                            BrokenLinks::Deny => article.source.error_at_key(Key::Image, message),
                            BrokenLinks::Warn => article.source.warning_at_key(Key::Image, message),
                        }
                    });
                // The article's rendering warnings come with its link checks,
                // which every build (and every edit `serve` takes) runs.
                broken.chain(lead).chain(texts[id].warnings.iter().cloned())
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

/// The captions the search indexes: the lead image's (front matter) and
/// those in the body.
fn captions(in_body: String, lead: Option<&str>) -> String {
    match lead {
        Some(lead) if !lead.trim().is_empty() => format!("{lead}\n{in_body}"),
        _ => in_body,
    }
}
