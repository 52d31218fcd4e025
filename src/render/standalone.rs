//! Standalone pages (`content/pages/`): rendered from Markdown as articles
//! are (the same text, key and search reading, in `article.rs`), but with
//! `page.html`, no date unless one is written, and no neighbours, terms or
//! place in listings and feeds.

use std::collections::BTreeMap;

use super::Renderer;
use super::memo::ArticleText;
use super::page::Page;
use super::views::ArticleView;
use crate::diag::Diagnostic;
use crate::site::{ArticleId, SitePath};
use crate::text::dates;

impl Renderer<'_> {
    /// A standalone page, from its rendered Markdown.
    pub(super) fn standalone_page(
        &self,
        id: ArticleId,
        text: &ArticleText,
        html: String,
        has_code: bool,
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let page = &site.articles[id];
        let front = &page.source.front;
        let lang = self.lang(page.lang());
        let formats = &lang.formats;
        let translations: BTreeMap<&str, SitePath> = (page.translations.iter())
            .map(|&t| (site.articles[t].lang(), site.articles[t].path.clone()))
            .collect();
        let mut meta = self.page_meta("page", lang, &page.path, front.title.clone(), &translations);
        meta.description = text.summary.clone();
        meta.og_image = self.og_image(page);
        let zone = &site.config.timezone;
        let dated = front.dated.then_some(front.date);
        let view = ArticleView {
            title: &front.title,
            href: site.urls.href(&page.path),
            date_iso: dated.map(|d| dates::rfc3339(d, zone)).unwrap_or_default(),
            date_display: dated
                .map(|_| formats.date(page.local_date))
                .unwrap_or_default(),
            updated_iso: front.updated.map(|u| dates::rfc3339(u, zone)),
            updated_display: (front.updated).map(|u| formats.date(dates::local_date(u, zone))),
            // A page is in no listing, so it makes no author page.
            authors: Vec::new(),
            author: None,
            source: front.source.as_deref(),
            photo_credit: front.photo_credit.as_deref(),
            corrections: self.corrections(page, lang),
            category: None,
            tags: Vec::new(),
            views: page.views,
            views_display: page.views.map(|v| formats.number(v)),
            page_id: &page.page_id,
            image: self.lead_href(page),
            image_html: self.lead_html(page),
            image_caption: front.image_caption.as_deref(),
            body: html,
            has_code,
            newer: None,
            older: None,
            // Related and most-read lists are news; a page is not.
            related: Vec::new(),
            most_read: Vec::new(),
            most_read_href: site.urls.href(&site.urls.most_read(lang.language)),
            share: super::related::ShareLinks::new(site.urls.absolute(&page.path)),
            unpublished: page.unpublished,
        };
        let mut context = self.base_context(lang, meta);
        context.article = Some(view);
        let mut made = self.html_page(
            "page.html",
            &context,
            page.path.clone(),
            page.known_change(),
        )?;
        if page.unpublished.is_some() {
            // Previewed in serve, never announced.
            made.sitemap = None;
        }
        Ok(made)
    }
}
