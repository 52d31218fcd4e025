//! Page chrome: what every page of a kind shares — its metadata (title,
//! alternates, switcher, feed links), its language's engine and strings —
//! and the one shape a made output takes, [`Page`], with the one
//! constructor for a plain file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;
use tera::Context;

use super::Renderer;
use super::feed_formats;
use super::language::Lang;
use super::sitemap::SitemapEntry;
use super::views::{Alternate, PageContext, PageMeta, SwitcherEntry};
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::site::SitePath;
use crate::text::dates;
use crate::theme::Theme;

/// Room for a rendered page besides its article body: most pages of the
/// default theme are 4–20 KiB.
const PAGE_CAPACITY: usize = 16 * 1024;

/// One rendered output.
pub(super) struct Page {
    pub path: SitePath,
    /// Shared: a search index's records stay in `serve`'s cache too.
    pub bytes: Arc<Vec<u8>>,
    /// A digest of `bytes` made with them, which a sink may use instead of
    /// hashing them again.
    pub digest: Option<u64>,
    /// The language an HTML page counts for.
    pub lang: Option<String>,
    pub sitemap: Option<Arc<SitemapEntry>>,
    /// What it was made from, for pages `serve` may keep (see [`memo`]).
    ///
    /// [`memo`]: super::memo
    pub key: Option<u64>,
}

impl Page {
    /// A plain file: no language's page, not in the sitemap, made anew on
    /// every render (a feed, a redirect, `robots.txt`, a search index file).
    pub fn file(path: SitePath, bytes: impl Into<Arc<Vec<u8>>>) -> Page {
        Page {
            path,
            bytes: bytes.into(),
            digest: None,
            lang: None,
            sitemap: None,
            key: None,
        }
    }

    pub fn keyed(self, key: u64) -> Page {
        Page {
            key: Some(key),
            ..self
        }
    }
}

impl<'a> Renderer<'a> {
    pub(super) fn render(
        &self,
        template: &str,
        context: &PageContext,
    ) -> Result<Vec<u8>, Diagnostic> {
        let body = context.article.as_ref().map_or(0, |a| a.body.len());
        let lang = self.by_id(context.lang);
        let context = Context::from_serialize(context)
            .map_err(|e| template_error(self.theme, Some(template), &e))?;
        // Sized for a page at once rather than grown by copies; pages are
        // written and dropped, never kept, so the room is not trimmed.
        self.render_context(lang, template, &context, PAGE_CAPACITY + body)
    }

    /// Renders `template` with `lang`'s engine into bytes: `Tera::render`
    /// would check the whole output is UTF-8 again.
    pub(super) fn render_context(
        &self,
        lang: &Lang,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(capacity);
        lang.engine
            .render_to(template, context, &mut bytes)
            .map_err(|e| template_error(self.theme, Some(template), &e))?;
        Ok(bytes)
    }

    /// Renders `template` as an HTML page and notes it for the sitemap.
    pub(super) fn html_page(
        &self,
        template: &str,
        context: &PageContext,
        path: SitePath,
        lastmod: Option<Timestamp>,
    ) -> Result<Page, Diagnostic> {
        let bytes = self.render(template, context)?;
        let meta = &context.page;
        let alternates: Vec<(&str, &str)> = meta
            .alternates
            .iter()
            .map(|a| (a.lang.as_str(), a.href.as_str()))
            .collect();
        let lastmod = lastmod.map(|t| dates::rfc3339(t, &self.site.config.timezone));
        Ok(Page {
            sitemap: Some(Arc::new(SitemapEntry::new(
                &meta.canonical,
                lastmod.as_deref(),
                &alternates,
                meta.x_default.as_deref(),
            ))),
            lang: Some(self.by_id(context.lang).code().to_string()),
            ..Page::file(path, bytes)
        })
    }

    pub(super) fn base_context(&self, lang: &Lang, page: PageMeta) -> PageContext<'a> {
        PageContext {
            lang: lang.id,
            page,
            article: None,
            listing: None,
            archive: None,
            terms: None,
            search: None,
            site_map: None,
            front: None,
            most_read: None,
        }
    }

    /// Page metadata shared by all page kinds. `translations` gives, per
    /// language, the site path of this page's translation where one exists.
    pub(super) fn page_meta(
        &self,
        kind: &'static str,
        lang: &Lang,
        path: &SitePath,
        heading: String,
        translations: &BTreeMap<&str, SitePath>,
    ) -> PageMeta {
        let urls = &self.site.urls;
        let language = lang.language;
        let title = if heading == language.title || heading.is_empty() {
            language.title.clone()
        } else {
            format!("{heading} – {}", language.title)
        };
        let mut alternates = Vec::new();
        let mut switcher = Vec::new();
        for other in &self.languages {
            let code = other.code();
            let here = other.id == lang.id;
            let target = if here {
                Some(path)
            } else {
                translations.get(code)
            };
            if let Some(target) = target {
                alternates.push(Alternate {
                    lang: code.to_string(),
                    href: urls.absolute(target),
                    og_locale: other.formats.i18n.locale.clone(),
                });
            }
            switcher.push(SwitcherEntry {
                code: code.to_string(),
                name: other.language.name.clone(),
                href: match target {
                    Some(t) => urls.href(t),
                    None => format!("{}#untranslated", urls.href(&urls.home(code))),
                },
                current: here,
                missing: target.is_none(),
            });
        }
        let default = self.default_lang().code();
        let x_default = alternates
            .iter()
            .find(|a| a.lang == default)
            .map(|a| a.href.clone());
        let home = urls.home(lang.code());
        let feeds = (feed_formats::FORMATS.iter())
            .map(|format| feed_formats::feed_link(urls, &home, &language.title, format))
            .collect();
        let has_translations = alternates.len() > 1;
        let href = urls.href(path);
        PageMeta {
            kind,
            heading,
            title,
            section: self.section(lang, &href),
            href,
            description: language.description.clone().unwrap_or_default(),
            canonical: urls.absolute(path),
            og_locale: lang.formats.i18n.locale.clone(),
            og_type: if kind == "article" {
                "article"
            } else {
                "website"
            },
            og_image: None,
            alternates: if has_translations {
                alternates
            } else {
                Vec::new()
            },
            x_default: if has_translations { x_default } else { None },
            switcher,
            feeds,
            json_ld: None,
            article_meta: None,
        }
    }

    /// The same page in every language, for pages every language has.
    pub(super) fn everywhere(
        &self,
        path: impl Fn(&Language) -> SitePath,
    ) -> BTreeMap<&'a str, SitePath> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), path(l)))
            .collect()
    }
}

pub(super) fn template_error(
    theme: &Theme,
    template: Option<&str>,
    err: &tera::Error,
) -> Diagnostic {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let path = template
        .and_then(|t| theme.templates.get(t))
        .map_or_else(|| Path::new("themes").to_path_buf(), |(p, _)| p.clone());
    Diagnostic::error(path, crate::msg!("template-error", detail = message))
}
