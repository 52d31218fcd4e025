//! Rendering: the model and the theme in, `(output path, bytes)` out.
//!
//! Pages are handed to a `Sink` as soon as they are made (articles in
//! parallel, then listings), so memory holds only the model and the short
//! summaries listings and feeds need, never every rendered page. No file
//! I/O here: the sink decides whether bytes are written or discarded.

mod feeds;
mod links;
pub mod search;
mod sitemap;
mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

use jiff::Timestamp;
use rayon::prelude::*;
use tera::{Context, Tera};

use crate::config::Language;
use crate::diag::Diagnostic;
use crate::markdown;
use crate::output::Sink;
use crate::site::{Article, ArticleId, Listing, ListingKind, Site, SitePath, Taxonomy};
use crate::text::dates;
use crate::text::escape::escape_markup;
use crate::theme::Theme;
use feeds::FeedSpec;
use search::SearchDoc;
use sitemap::SitemapEntry;
use views::*;

pub use links::resolve as resolve_link;

/// Counts for the closing line of a build, and where the time went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Language code → HTML pages made for it.
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
    /// Wall time per stage, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// How to treat internal links that lead nowhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokenLinks {
    /// `build`: say so, and build anyway.
    Warn,
    /// `check`: they are errors.
    Deny,
}

/// What the article stage hands on besides the page itself.
struct Rendered {
    search: SearchDoc,
    links: Vec<markdown::Link>,
}

/// One rendered output.
struct Page {
    path: SitePath,
    bytes: Vec<u8>,
    /// The language an HTML page counts for.
    lang: Option<String>,
    sitemap: Option<SitemapEntry>,
}

pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// One engine per language, its global context holding `site` and `t`.
    tera: BTreeMap<String, Tera>,
}

/// What is gathered while pages are rendered in parallel.
#[derive(Default)]
struct Collected {
    errors: Vec<Diagnostic>,
    pages: BTreeMap<String, usize>,
    outputs: BTreeSet<String>,
    sitemap: Vec<SitemapEntry>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates once; a template error is reported
    /// with the template's path.
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
        let mut renderer = Renderer {
            site,
            theme,
            tera: BTreeMap::new(),
        };
        for language in &site.config.languages {
            let mut engine = tera.clone();
            let globals = engine.global_context();
            let endpoint = site.config.views_endpoint.as_deref();
            globals.insert("site", &SiteView::new(site, language, endpoint));
            globals.insert("t", &renderer.formats(&language.code).i18n.strings);
            renderer.tera.insert(language.code.clone(), engine);
        }
        Ok(renderer)
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// Renders every output of the site into `sink`.
    pub fn render_all(
        &self,
        sink: &dyn Sink,
        broken_links: BrokenLinks,
    ) -> (Report, Vec<Diagnostic>) {
        let mut timings = Vec::new();
        let mut stage = std::time::Instant::now();
        let mut lap = |name: &'static str| {
            timings.push((name, stage.elapsed()));
            stage = std::time::Instant::now();
        };
        let collected = Mutex::new(Collected::default());
        let emit = |result: Result<Page, Diagnostic>| {
            let written = result.and_then(|page| {
                let file = page.path.output_file();
                sink.put(&file, &page.bytes).map(|()| (page, file))
            });
            let mut c = collected.lock().unwrap_or_else(|e| e.into_inner());
            match written {
                Ok((page, file)) => {
                    if let Some(lang) = page.lang {
                        *c.pages.entry(lang).or_default() += 1;
                    }
                    c.sitemap.extend(page.sitemap);
                    c.outputs.insert(file);
                }
                Err(d) => c.errors.push(d),
            }
        };

        let articles: Vec<Rendered> = (0..self.site.articles.len())
            .into_par_iter()
            .map(|id| {
                let (page, rendered) = self.article_page(id);
                emit(page);
                rendered
            })
            .collect();
        let mut summaries = Vec::with_capacity(articles.len());
        let mut article_links = Vec::with_capacity(articles.len());
        let mut search_docs = Vec::with_capacity(articles.len());
        for rendered in articles {
            summaries.push(rendered.search.summary.clone());
            article_links.push(rendered.links);
            search_docs.push(rendered.search);
        }
        lap("articles (Markdown, templates, writes)");

        // The search indexes need only the articles' text, the listings only
        // their summaries: build both at once.
        let (search_indexes, ()) = rayon::join(
            || self.search_indexes(search_docs),
            || {
                self.site.listings.par_iter().for_each(|listing| {
                    (1..=self.page_count(listing))
                        .into_par_iter()
                        .for_each(|n| emit(self.listing_page(listing, n, &summaries)));
                });
            },
        );
        for page in search_indexes {
            emit(Ok(page));
        }
        lap("listings and search indexes");
        for language in &self.site.config.languages {
            emit(self.search_page(language));
            emit(self.archive_index(language));
            for taxonomy in Taxonomy::ALL {
                emit(self.term_index(language, taxonomy));
            }
            for page in self.feeds(language, &summaries) {
                emit(Ok(page));
            }
        }
        emit(self.not_found());
        for (path, id) in &self.site.aliases {
            emit(Ok(self.alias_page(path, *id)));
        }
        for (rel, asset) in &self.theme.static_files {
            let result = sink.copy(rel, asset);
            let mut c = collected.lock().unwrap_or_else(|e| e.into_inner());
            match result {
                Ok(()) => {
                    c.outputs.insert(rel.clone());
                }
                Err(d) => c.errors.push(d),
            }
        }

        lap("indexes, feeds, static files");
        let mut c = collected.into_inner().unwrap_or_else(|e| e.into_inner());
        let sitemap_files =
            sitemap::files(std::mem::take(&mut c.sitemap), &self.site.config.base_url);
        let robots = self.robots();
        for (name, bytes) in sitemap_files
            .into_iter()
            .chain([("robots.txt".to_string(), robots)])
        {
            match sink.put(&name, &bytes) {
                Ok(()) => {
                    c.outputs.insert(name);
                }
                Err(d) => c.errors.push(d),
            }
        }
        c.errors
            .extend(self.check_links(&article_links, &c.outputs, broken_links));
        lap("sitemap, link checks");
        let report = Report {
            files: c.outputs.len(),
            pages: c.pages,
            timings,
        };
        (report, c.errors)
    }

    fn page_count(&self, listing: &Listing) -> usize {
        listing
            .articles
            .len()
            .div_ceil(self.site.config.paginate)
            .max(1)
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

    fn string(&self, lang: &str, key: &str) -> String {
        self.formats(lang)
            .i18n
            .strings
            .get(key)
            .cloned()
            .unwrap_or_default()
    }

    fn render(&self, template: &str, context: &PageContext) -> Result<Vec<u8>, Diagnostic> {
        let tera = self
            .tera
            .get(context.lang)
            .or_else(|| self.tera.values().next())
            .expect("one engine per configured language");
        let context = Context::from_serialize(context)
            .map_err(|e| template_error(self.theme, Some(template), &e))?;
        tera.render(template, &context)
            .map(String::into_bytes)
            .map_err(|e| template_error(self.theme, Some(template), &e))
    }

    /// Renders `template` as an HTML page and notes it for the sitemap.
    fn html_page(
        &self,
        template: &str,
        context: &PageContext,
        path: SitePath,
        lastmod: Option<Timestamp>,
    ) -> Result<Page, Diagnostic> {
        let bytes = self.render(template, context)?;
        let meta = &context.page;
        let alternates = meta
            .alternates
            .iter()
            .map(|a| (a.lang.clone(), a.href.clone()))
            .collect();
        Ok(Page {
            sitemap: Some(SitemapEntry {
                loc: meta.canonical.clone(),
                lastmod: lastmod.map(|t| dates::rfc3339(t, &self.site.config.timezone)),
                alternates,
                x_default: meta.x_default.clone(),
            }),
            lang: Some(context.lang.to_string()),
            path,
            bytes,
        })
    }

    fn base_context(&self, lang: &str, page: PageMeta) -> PageContext<'a> {
        PageContext {
            lang: &self.language(lang).code,
            page,
            article: None,
            listing: None,
            archive: None,
            terms: None,
            search: None,
        }
    }

    /// Page metadata shared by all page kinds. `translations` gives, per
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
        let language = self.language(lang);
        let title = if heading == language.title || heading.is_empty() {
            language.title.clone()
        } else {
            format!("{heading} – {}", language.title)
        };
        let mut alternates = Vec::new();
        let mut switcher = Vec::new();
        for other in &config.languages {
            let code = other.code.as_str();
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
                name: other.name.clone(),
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
        let home = urls.home(lang);
        let feeds = vec![
            FeedLink {
                title: format!("{} (RSS)", language.title),
                href: urls.href(&urls.feed(&home, "rss.xml")),
                mime: "application/rss+xml",
            },
            FeedLink {
                title: format!("{} (Atom)", language.title),
                href: urls.href(&urls.feed(&home, "atom.xml")),
                mime: "application/atom+xml",
            },
        ];
        let has_translations = alternates.len() > 1;
        PageMeta {
            kind,
            heading,
            title,
            description: language.description.clone().unwrap_or_default(),
            canonical: urls.absolute(path),
            og_locale: self.formats(lang).i18n.locale.clone(),
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
        }
    }

    fn term_view(&self, lang: &str, taxonomy: Taxonomy, name: &'a str) -> Term<'a> {
        let language = self.language(lang);
        let slug = crate::text::slug::slugify(name);
        let href = (!slug.is_empty()).then(|| {
            self.site
                .urls
                .href(&self.site.urls.term(language, taxonomy, &slug))
        });
        Term { name, href }
    }

    /// Renders one article; returns the page and what later stages need of
    /// it: the summary and text for listings, feeds and search, and the links
    /// written in it for checking once every output is known.
    fn article_page(&self, id: ArticleId) -> (Result<Page, Diagnostic>, Rendered) {
        let site = self.site;
        let article = &site.articles[id];
        let front = &article.source.front;
        let lang = article.lang();
        let formats = self.formats(lang);
        let resolve = |link: &str| links::resolve(site, &article.source.dir, link);
        let rendered = markdown::render(
            &article.source.body,
            &markdown::Options {
                raw_html: site.config.raw_html,
                resolve_link: &resolve,
            },
        );
        let summary = front.summary.clone().unwrap_or(rendered.summary);
        let search = SearchDoc {
            title: front.title.clone(),
            href: site.urls.href(&article.path),
            date_display: formats.date(article.local_date),
            summary,
            text: rendered.text,
        };

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
        page.description = search.summary.clone();
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
            body: rendered.html,
            has_code: rendered.has_code,
            newer: link(article.newer),
            older: link(article.older),
        };
        let mut context = self.base_context(lang, page);
        context.article = Some(view);
        let lastmod = front.updated.unwrap_or(front.date);
        let page = self.html_page(
            "article.html",
            &context,
            article.path.clone(),
            Some(lastmod),
        );
        let rest = Rendered {
            search,
            links: rendered.links,
        };
        (page, rest)
    }

    fn search_page(&self, language: &Language) -> Result<Page, Diagnostic> {
        let urls = &self.site.urls;
        let path = urls.search(language);
        let translations = self.everywhere(|l| urls.search(l));
        let heading = self.string(&language.code, "search");
        let page = self.page_meta("search", &language.code, &path, heading, &translations);
        let mut context = self.base_context(&language.code, page);
        context.search = Some(SearchView {
            index: urls.href(&urls.search_index(&language.code)),
        });
        // An empty search form is no page for search engines to list.
        let mut page = self.html_page("search.html", &context, path, None)?;
        page.sitemap = None;
        Ok(page)
    }

    /// Every language's search index files, built in parallel from the
    /// articles' documents (indexed like `site.articles`).
    fn search_indexes(&self, docs: Vec<SearchDoc>) -> Vec<Page> {
        let mut docs: Vec<Option<SearchDoc>> = docs.into_iter().map(Some).collect();
        let per_language: Vec<(&Language, Vec<SearchDoc>)> = self
            .site
            .config
            .languages
            .iter()
            .map(|language| {
                let ids = self.site.articles_in(&language.code);
                (
                    language,
                    ids.iter().filter_map(|&id| docs[id].take()).collect(),
                )
            })
            .collect();
        per_language
            .par_iter()
            .flat_map_iter(|(language, docs)| {
                let home = self.site.urls.home(&language.code);
                search::build_index(docs)
                    .into_iter()
                    .map(move |(file, bytes)| {
                        feed_page(&SitePath::new(format!("{home}{file}")), bytes)
                    })
            })
            .collect()
    }

    fn card(&self, id: ArticleId, summaries: &'a [String], formats: &Formats) -> Card<'a> {
        let site = self.site;
        let a = &site.articles[id];
        let front = &a.source.front;
        Card {
            title: &front.title,
            href: site.urls.href(&a.path),
            date_iso: dates::rfc3339(front.date, &site.config.timezone),
            date_display: formats.date(a.local_date),
            summary: &summaries[id],
            image: front.image.as_ref().map(|i| image_href(site, i)),
            image_caption: front.image_caption.as_deref(),
            category: front
                .category
                .as_deref()
                .map(|n| self.term_view(a.lang(), Taxonomy::Category, n)),
            views_display: a.views.map(|v| formats.number(v)),
        }
    }

    fn listing_page(
        &self,
        listing: &'a Listing,
        n: usize,
        summaries: &'a [String],
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let urls = &site.urls;
        let per_page = site.config.paginate;
        let pages = self.page_count(listing);
        let path = urls.page(&listing.path, n);
        let lang = listing.lang.as_str();
        let formats = self.formats(lang);
        let (kind, heading) = match &listing.kind {
            ListingKind::Home => ("home", self.language(lang).title.clone()),
            ListingKind::Year(y) => (
                "year",
                formats.pattern("year_heading", jiff::civil::date(*y, 1, 1)),
            ),
            ListingKind::Month(y, m) => (
                "month",
                formats.pattern("month_heading", jiff::civil::date(*y, *m, 1)),
            ),
            ListingKind::Day(d) => ("day", formats.date(*d)),
            ListingKind::Term(Taxonomy::Category, _) => ("category", listing.name.clone()),
            ListingKind::Term(Taxonomy::Tag, _) => ("tag", listing.name.clone()),
            ListingKind::Term(Taxonomy::Author, _) => ("author", listing.name.clone()),
        };
        let translations: BTreeMap<&str, SitePath> = site
            .config
            .languages
            .iter()
            .filter(|l| l.code != lang)
            .filter_map(|l| {
                let other = site.listing(&l.code, &listing.kind)?;
                (n <= self.page_count(other)).then(|| (l.code.as_str(), urls.page(&other.path, n)))
            })
            .collect();
        let mut page = self.page_meta(kind, lang, &path, heading, &translations);
        if n > 1 {
            page.title = format!("{} – {} {n}", page.title, self.string(lang, "page"));
        }
        if kind == "category" {
            page.feeds.insert(
                0,
                FeedLink {
                    title: format!("{} – {} (RSS)", listing.name, self.language(lang).title),
                    href: urls.href(&urls.feed(&listing.path, "rss.xml")),
                    mime: "application/rss+xml",
                },
            );
        }
        let on_page = &listing.articles[((n - 1) * per_page).min(listing.articles.len())..];
        let on_page = &on_page[..per_page.min(on_page.len())];
        let items = on_page
            .iter()
            .map(|&id| self.card(id, summaries, &formats))
            .collect();
        let page_href = |k: usize| urls.href(&urls.page(&listing.path, k));
        let pagination = Pagination {
            current: n,
            total: pages,
            newer: (n > 1).then(|| page_href(n - 1)),
            older: (n < pages).then(|| page_href(n + 1)),
            pages: page_window(n, pages)
                .into_iter()
                .map(|k| PageLink {
                    number: k,
                    href: page_href(k),
                    current: k == n,
                })
                .collect(),
        };
        let lastmod = on_page
            .iter()
            .map(|&id| last_change(&site.articles[id]))
            .max();
        let mut context = self.base_context(lang, page);
        context.listing = Some(ListingView { items, pagination });
        self.html_page("list.html", &context, path, lastmod)
    }

    /// The newest change among a language's articles: the last-modified date
    /// of pages that summarise the whole language.
    fn language_lastmod(&self, lang: &str) -> Option<Timestamp> {
        self.site
            .articles_in(lang)
            .iter()
            .map(|&id| last_change(&self.site.articles[id]))
            .max()
    }

    /// The same page in every language, for pages every language has.
    fn everywhere(&self, path: impl Fn(&Language) -> SitePath) -> BTreeMap<&'a str, SitePath> {
        self.site
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), path(l)))
            .collect()
    }

    fn archive_index(&self, language: &Language) -> Result<Page, Diagnostic> {
        let site = self.site;
        let path = site.urls.archive_index(language);
        let formats = self.formats(&language.code);
        let translations = self.everywhere(|l| site.urls.archive_index(l));
        let heading = self.string(&language.code, "archive");
        let page = self.page_meta("archive", &language.code, &path, heading, &translations);
        let years = site
            .archives
            .get(&language.code)
            .map_or(&[][..], Vec::as_slice);
        let mut context = self.base_context(&language.code, page);
        context.archive = Some(archive_view(site, language, years, &formats));
        self.html_page(
            "archive.html",
            &context,
            path,
            self.language_lastmod(&language.code),
        )
    }

    fn term_index(&self, language: &Language, taxonomy: Taxonomy) -> Result<Page, Diagnostic> {
        let site = self.site;
        let path = site.urls.term_index(language, taxonomy);
        let translations = self.everywhere(|l| site.urls.term_index(l, taxonomy));
        let heading = self.string(&language.code, taxonomy.key());
        let page = self.page_meta(
            taxonomy.key(),
            &language.code,
            &path,
            heading,
            &translations,
        );
        let mut terms: Vec<TermCount> = site
            .terms(&language.code, taxonomy)
            .map(|l| TermCount {
                name: &l.name,
                href: site.urls.href(&l.path),
                count: l.articles.len(),
            })
            .collect();
        terms.sort_by(|a, b| {
            crate::text::slug::fold_marks(a.name)
                .cmp(&crate::text::slug::fold_marks(b.name))
                .then_with(|| a.href.cmp(&b.href))
        });
        let mut context = self.base_context(&language.code, page);
        context.terms = Some(terms);
        self.html_page(
            "terms.html",
            &context,
            path,
            self.language_lastmod(&language.code),
        )
    }

    /// RSS and Atom for the language, and RSS for each of its categories.
    fn feeds(&self, language: &'a Language, summaries: &'a [String]) -> Vec<Page> {
        let site = self.site;
        let urls = &site.urls;
        let limit = site.config.feed_limit;
        let newest = |ids: &[ArticleId]| -> Vec<(&'a Article, &'a str)> {
            ids.iter()
                .take(limit)
                .map(|&id| (&site.articles[id], summaries[id].as_str()))
                .collect()
        };
        let description = language.description.as_deref().unwrap_or(&language.title);
        let feed =
            |path: &SitePath, page: &SitePath, title: &str, ids: &[ArticleId], atom: bool| {
                let spec = FeedSpec {
                    title,
                    description,
                    lang: &language.code,
                    page,
                    path,
                    articles: newest(ids),
                };
                let bytes = if atom {
                    feeds::atom(site, &spec)
                } else {
                    feeds::rss(site, &spec)
                };
                feed_page(path, bytes)
            };
        let home = urls.home(&language.code);
        let all = site.articles_in(&language.code);
        let mut pages = vec![
            feed(
                &urls.feed(&home, "rss.xml"),
                &home,
                &language.title,
                all,
                false,
            ),
            feed(
                &urls.feed(&home, "atom.xml"),
                &home,
                &language.title,
                all,
                true,
            ),
        ];
        for listing in site.terms(&language.code, Taxonomy::Category) {
            let title = format!("{} – {}", listing.name, language.title);
            let path = urls.feed(&listing.path, "rss.xml");
            pages.push(feed(&path, &listing.path, &title, &listing.articles, false));
        }
        pages
    }

    fn not_found(&self) -> Result<Page, Diagnostic> {
        let language = self.site.config.default_language();
        let heading = self.string(&language.code, "not_found");
        let homes = self.everywhere(|l| self.site.urls.home(&l.code));
        let mut page = self.page_meta(
            "not_found",
            &language.code,
            &self.site.urls.not_found(),
            heading,
            &homes,
        );
        page.alternates.clear();
        page.x_default = None;
        let bytes = self.render("404.html", &self.base_context(&language.code, page))?;
        Ok(Page {
            path: self.site.urls.not_found(),
            bytes,
            lang: Some(language.code.clone()),
            sitemap: None,
        })
    }

    fn robots(&self) -> Vec<u8> {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            self.site.config.base_url
        )
        .into_bytes()
    }

    /// A redirect from an old URL: works on any static host.
    fn alias_page(&self, path: &SitePath, id: ArticleId) -> Page {
        let article = &self.site.articles[id];
        let href = escape_markup(&self.site.urls.href(&article.path));
        let absolute = escape_markup(&self.site.urls.absolute(&article.path));
        let title = escape_markup(article.title());
        let bytes = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <link rel=\"canonical\" href=\"{absolute}\">\n<meta name=\"robots\" content=\"noindex\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
            lang = article.lang(),
        )
        .into_bytes();
        Page {
            path: path.clone(),
            bytes,
            lang: None,
            sitemap: None,
        }
    }

    fn check_links(
        &self,
        article_links: &[Vec<markdown::Link>],
        outputs: &BTreeSet<String>,
        policy: BrokenLinks,
    ) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (article, links) in self.site.articles.iter().zip(article_links) {
            let mut cursor = crate::diag::LineCursor::new(&article.source.body);
            for link in links {
                if let Some(message) = links::check(self.site, article, &link.destination, outputs)
                {
                    found.push(links::diagnostic(
                        article,
                        &mut cursor,
                        link.offset,
                        message,
                        policy == BrokenLinks::Deny,
                    ));
                }
            }
        }
        found
    }
}

/// The page numbers a listing page links to: the first and last, and two on
/// each side of the current one. Listing every page would make a listing of
/// N pages cost N² links (a home of 500 pages, 250,000).
fn page_window(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut pages: Vec<usize> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(total))
        .collect();
    pages.dedup();
    pages.retain(|&k| k >= 1 && k <= total);
    pages.dedup();
    pages
}

fn feed_page(path: &SitePath, bytes: Vec<u8>) -> Page {
    Page {
        path: path.clone(),
        bytes,
        lang: None,
        sitemap: None,
    }
}

fn last_change(article: &Article) -> Timestamp {
    article
        .source
        .front
        .updated
        .unwrap_or(article.source.front.date)
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
    use super::page_window;

    #[test]
    fn pagination_shows_a_window_with_the_ends() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(10, 500), [1, 8, 9, 10, 11, 12, 500]);
        assert_eq!(page_window(500, 500), [1, 498, 499, 500]);
        assert_eq!(page_window(2, 500), [1, 2, 3, 4, 500]);
    }
}
