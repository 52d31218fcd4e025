//! Rendering: the model and the theme in, `(output path, bytes)` out.
//!
//! Pages are handed to a `Sink` as soon as they are made (articles in
//! parallel, then listings), so memory holds only the model and the short
//! summaries listings need, never every rendered page. No file I/O here:
//! the sink decides whether bytes are written, compared or discarded.

mod views;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::config::Language;
use crate::diag::Diagnostic;
use crate::markdown;
use crate::output::Sink;
use crate::site::{ArticleId, Listing, ListingKind, Site, SitePath};
use crate::theme::Theme;
use views::*;

/// Counts for the closing line of a build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Language code → HTML pages written for it.
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
}

pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    tera: Tera,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates once; every template error is reported.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Renderer<'a>, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let sources = theme
            .templates
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()));
        if let Err(err) = tera.add_raw_templates(sources) {
            return Err(vec![template_error(theme, None, &err)]);
        }
        Ok(Renderer { site, theme, tera })
    }

    /// Renders every output of the site into `sink`.
    pub fn render_all(&self, sink: &dyn Sink) -> (Report, Vec<Diagnostic>) {
        let errors = Mutex::new(Vec::new());
        let counts = Mutex::new(BTreeMap::<String, usize>::new());
        let emit = |lang: Option<&str>, path: &SitePath, result: Result<Vec<u8>, Diagnostic>| {
            let outcome = result.and_then(|bytes| sink.put(&path.output_file(), &bytes));
            match outcome {
                Ok(()) => {
                    if let Some(lang) = lang {
                        *counts
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .entry(lang.to_string())
                            .or_default() += 1;
                    }
                }
                Err(d) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(d),
            }
        };

        let summaries: Vec<String> = (0..self.site.articles.len())
            .into_par_iter()
            .map(|id| {
                let article = &self.site.articles[id];
                let (result, summary) = self.article_page(id);
                emit(Some(article.lang()), &article.path, result);
                summary
            })
            .collect();

        self.site.listings.par_iter().for_each(|listing| {
            let pages = listing
                .articles
                .len()
                .div_ceil(self.site.config.paginate)
                .max(1);
            (1..=pages).into_par_iter().for_each(|n| {
                let path = self.site.urls.page(&listing.path, n);
                emit(
                    Some(&listing.lang),
                    &path,
                    self.listing_page(listing, n, &summaries),
                );
            });
        });

        for language in &self.site.config.languages {
            let path = self.site.urls.archive_index(language);
            emit(Some(&language.code), &path, self.archive_index(language));
        }
        emit(None, &self.site.urls.not_found(), self.not_found());
        emit(
            None,
            &SitePath::new("robots.txt"),
            Ok(self.robots().into_bytes()),
        );
        for (path, id) in &self.site.aliases {
            emit(None, path, Ok(self.alias_page(*id)));
        }
        let mut files = 0;
        for (rel, asset) in &self.theme.static_files {
            match sink.copy(rel, asset) {
                Ok(()) => files += 1,
                Err(d) => errors.lock().unwrap_or_else(|e| e.into_inner()).push(d),
            }
        }

        let pages = counts.into_inner().unwrap_or_else(|e| e.into_inner());
        let report = Report {
            files: files + pages.values().sum::<usize>() + 2 + self.site.aliases.len(),
            pages,
        };
        (
            report,
            errors.into_inner().unwrap_or_else(|e| e.into_inner()),
        )
    }

    fn language(&self, code: &str) -> &'a Language {
        self.site
            .config
            .language(code)
            .unwrap_or_else(|| self.site.config.default_language())
    }

    fn formats(&self, code: &str) -> Formats<'a> {
        let i18n = self
            .theme
            .i18n
            .get(code)
            .or_else(|| self.theme.i18n.values().next())
            .expect("theme::load guarantees strings for every language");
        Formats { i18n }
    }

    fn render(&self, template: &str, context: &PageContext) -> Result<Vec<u8>, Diagnostic> {
        let context = Context::from_serialize(context)
            .map_err(|e| template_error(self.theme, Some(template), &e))?;
        self.tera
            .render(template, &context)
            .map(String::into_bytes)
            .map_err(|e| template_error(self.theme, Some(template), &e))
    }

    fn base_context(&self, lang: &str, page: PageMeta) -> PageContext<'a> {
        let language = self.language(lang);
        PageContext {
            site: SiteView::new(
                self.site,
                language,
                self.site.config.views_endpoint.as_deref(),
            ),
            t: &self.formats(lang).i18n.strings,
            page,
            article: None,
            listing: None,
            archive: None,
        }
    }

    /// Page metadata shared by all page kinds. `translations` lists, per
    /// language, the site path of this page's translation where one exists.
    fn page_meta(
        &self,
        kind: &'static str,
        lang: &str,
        path: &SitePath,
        heading: String,
        translations: &BTreeMap<&str, SitePath>,
    ) -> PageMeta {
        let urls = &self.site.urls;
        let config = &self.site.config;
        let site_title = &self.language(lang).title;
        let title = if heading == *site_title || heading.is_empty() {
            site_title.clone()
        } else {
            format!("{heading} – {site_title}")
        };
        let mut alternates = Vec::new();
        let mut switcher = Vec::new();
        for language in &config.languages {
            let code = language.code.as_str();
            let here = code == lang;
            let target = if here {
                Some(path)
            } else {
                translations.get(code)
            };
            if let Some(target) = target {
                alternates.push(Alternate {
                    lang: code.to_string(),
                    href: urls.absolute(target),
                    og_locale: self.formats(code).i18n.locale.clone(),
                });
            }
            switcher.push(SwitcherEntry {
                code: code.to_string(),
                name: language.name.clone(),
                href: match target {
                    Some(t) => urls.href(t),
                    None => format!("{}#untranslated", urls.href(&urls.home(code))),
                },
                current: here,
                missing: target.is_none(),
            });
        }
        let default = &config.default_language().code;
        let x_default = alternates
            .iter()
            .find(|a| &a.lang == default)
            .map(|a| a.href.clone());
        PageMeta {
            kind,
            heading,
            title,
            description: self.language(lang).description.clone().unwrap_or_default(),
            canonical: urls.absolute(path),
            og_locale: self.formats(lang).i18n.locale.clone(),
            og_type: if kind == "article" {
                "article"
            } else {
                "website"
            },
            og_image: None,
            alternates: if alternates.len() > 1 {
                alternates
            } else {
                Vec::new()
            },
            x_default,
            switcher,
        }
    }

    /// Renders one article; returns the page and the summary listings use.
    fn article_page(&self, id: ArticleId) -> (Result<Vec<u8>, Diagnostic>, String) {
        let site = self.site;
        let article = &site.articles[id];
        let front = &article.source.front;
        let lang = article.lang();
        let formats = self.formats(lang);
        let resolve = |link: &str| resolve_link(site, &article.source.dir, link);
        let rendered = markdown::render(
            &article.source.body,
            &markdown::Options {
                raw_html: site.config.raw_html,
                resolve_link: &resolve,
            },
        );
        let summary = front.summary.clone().unwrap_or(rendered.summary);

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
        page.description = summary.clone();
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
        let local = |ts| crate::text::dates::local_date(ts, &site.config.timezone);
        let view = ArticleView {
            title: &front.title,
            href: site.urls.href(&article.path),
            date_iso: crate::text::dates::rfc3339(front.date, &site.config.timezone),
            date_display: formats.date(article.local_date),
            updated_iso: front
                .updated
                .map(|u| crate::text::dates::rfc3339(u, &site.config.timezone)),
            updated_display: front.updated.map(|u| formats.date(local(u))),
            author: front
                .author
                .as_deref()
                .map(|name| Term { name, href: None }),
            category: front
                .category
                .as_deref()
                .map(|name| Term { name, href: None }),
            tags: front
                .tags
                .iter()
                .map(|name| Term { name, href: None })
                .collect(),
            views: article.views,
            views_display: article.views.map(|v| formats.number(v)),
            page_id: &article.page_id,
            image: front.image.as_ref().map(|i| image_href(site, i)),
            image_caption: front.image_caption.as_deref(),
            body: rendered.html,
            newer: link(article.newer),
            older: link(article.older),
        };
        let mut context = self.base_context(lang, page);
        context.article = Some(view);
        (self.render("article.html", &context), summary)
    }

    fn listing_page(
        &self,
        listing: &Listing,
        n: usize,
        summaries: &[String],
    ) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let urls = &site.urls;
        let per_page = site.config.paginate;
        let pages = listing.articles.len().div_ceil(per_page).max(1);
        let path = urls.page(&listing.path, n);
        let formats = self.formats(&listing.lang);
        let (kind, heading) = match &listing.kind {
            ListingKind::Home => ("home", self.language(&listing.lang).title.clone()),
            ListingKind::Year(y) => (
                "year",
                formats.pattern("year_heading", jiff::civil::date(*y, 1, 1)),
            ),
            ListingKind::Month(y, m) => (
                "month",
                formats.pattern("month_heading", jiff::civil::date(*y, *m, 1)),
            ),
            ListingKind::Day(d) => ("day", formats.date(*d)),
            ListingKind::Category(_) => ("category", listing.name.clone()),
            ListingKind::Tag(_) => ("tag", listing.name.clone()),
            ListingKind::Author(_) => ("author", listing.name.clone()),
        };
        let translations: BTreeMap<&str, SitePath> = site
            .config
            .languages
            .iter()
            .filter(|l| l.code != listing.lang)
            .filter_map(|l| {
                let other = site.listing(&l.code, &listing.kind)?;
                let other_pages = other.articles.len().div_ceil(per_page).max(1);
                (n <= other_pages).then(|| (l.code.as_str(), urls.page(&other.path, n)))
            })
            .collect();
        let mut page = self.page_meta(kind, &listing.lang, &path, heading, &translations);
        if n > 1 {
            let label = self
                .formats(&listing.lang)
                .i18n
                .strings
                .get("page")
                .cloned()
                .unwrap_or_default();
            page.title = format!("{} – {label} {n}", page.title);
        }
        let items = listing
            .articles
            .iter()
            .skip((n - 1) * per_page)
            .take(per_page)
            .map(|&id| {
                let a = &site.articles[id];
                let front = &a.source.front;
                Card {
                    title: &front.title,
                    href: urls.href(&a.path),
                    date_iso: crate::text::dates::rfc3339(front.date, &site.config.timezone),
                    date_display: formats.date(a.local_date),
                    summary: &summaries[id],
                    image: front.image.as_ref().map(|i| image_href(site, i)),
                    image_caption: front.image_caption.as_deref(),
                    category: front
                        .category
                        .as_deref()
                        .map(|name| Term { name, href: None }),
                    views_display: a.views.map(|v| formats.number(v)),
                }
            })
            .collect();
        let page_href = |k: usize| urls.href(&urls.page(&listing.path, k));
        let pagination = Pagination {
            current: n,
            total: pages,
            newer: (n > 1).then(|| page_href(n - 1)),
            older: (n < pages).then(|| page_href(n + 1)),
            pages: (1..=pages)
                .map(|k| PageLink {
                    number: k,
                    href: page_href(k),
                    current: k == n,
                })
                .collect(),
        };
        let mut context = self.base_context(&listing.lang, page);
        context.listing = Some(ListingView { items, pagination });
        self.render("list.html", &context)
    }

    fn archive_index(&self, language: &Language) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let path = site.urls.archive_index(language);
        let formats = self.formats(&language.code);
        let heading = formats
            .i18n
            .strings
            .get("archive")
            .cloned()
            .unwrap_or_default();
        let translations: BTreeMap<&str, SitePath> = site
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), site.urls.archive_index(l)))
            .collect();
        let page = self.page_meta("archive", &language.code, &path, heading, &translations);
        let years = site
            .archives
            .get(&language.code)
            .map_or(&[][..], Vec::as_slice);
        let mut context = self.base_context(&language.code, page);
        context.archive = Some(archive_view(site, language, years, &formats));
        self.render("archive.html", &context)
    }

    fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        let language = self.site.config.default_language();
        let heading = self
            .formats(&language.code)
            .i18n
            .strings
            .get("not_found")
            .cloned()
            .unwrap_or_default();
        let homes: BTreeMap<&str, SitePath> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), self.site.urls.home(&l.code)))
            .collect();
        let mut page = self.page_meta(
            "not_found",
            &language.code,
            &self.site.urls.not_found(),
            heading,
            &homes,
        );
        page.alternates.clear();
        page.x_default = None;
        self.render("404.html", &self.base_context(&language.code, page))
    }

    fn robots(&self) -> String {
        "User-agent: *\nAllow: /\n".to_string()
    }

    /// A redirect from an old URL: works on any static host.
    fn alias_page(&self, id: ArticleId) -> Vec<u8> {
        let article = &self.site.articles[id];
        let href = self.site.urls.href(&article.path);
        let absolute = self.site.urls.absolute(&article.path);
        let title = escape_html(article.title());
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <link rel=\"canonical\" href=\"{absolute}\">\n<meta name=\"robots\" content=\"noindex\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
            lang = article.lang(),
            href = escape_html(&href),
            absolute = escape_html(&absolute),
        )
        .into_bytes()
    }
}

/// Rewrites links written in an article: site-relative ones (`/2023/06/x/`)
/// get the base path; links to content files (`../2022/x.vi.md#part`) become
/// that article's URL. Anything else stays as written.
pub fn resolve_link(site: &Site, article_dir: &str, link: &str) -> Option<String> {
    if let Some(href) = site.urls.site_relative(link) {
        return Some(href);
    }
    let (file, fragment) = match link.split_once('#') {
        Some((file, fragment)) => (file, Some(fragment)),
        None => (link, None),
    };
    if !file.ends_with(".md") || file.contains("://") || file.starts_with('/') {
        return None;
    }
    let target = join_content_path(article_dir, file)?;
    let id = site.by_rel_path.get(&target)?;
    let href = site.urls.href(&site.articles[*id].path);
    Some(match fragment {
        Some(f) => format!("{href}#{f}"),
        None => href,
    })
}

/// `2023` + `../2022/x.md` → `2022/x.md`; None if it climbs out of content.
fn join_content_path(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn template_error(theme: &Theme, template: Option<&str>, err: &tera::Error) -> Diagnostic {
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
    Diagnostic::error(path, format!("template error: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_join_without_escaping() {
        assert_eq!(
            join_content_path("2023", "../2022/x.vi.md").as_deref(),
            Some("2022/x.vi.md")
        );
        assert_eq!(
            join_content_path("2023", "./y.md").as_deref(),
            Some("2023/y.md")
        );
        assert_eq!(join_content_path("", "../x.md"), None);
    }
}
