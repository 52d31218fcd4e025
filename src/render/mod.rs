//! Rendering: the model and the theme in, `(output path, bytes)` out.
//!
//! Pages are handed to a `Sink` as soon as they are made (articles in
//! parallel, then listings), so memory holds only the model and the short
//! summaries listings and feeds need, never every rendered page. No file
//! I/O here: the sink decides whether bytes are written or discarded.

mod edits;
mod feeds;
mod links;
mod memo;
mod sitemap;
mod views;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use jiff::Timestamp;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use tera::{Context, Tera};

use crate::SHARE;
use crate::config::Language;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::markdown;
use crate::output::Sink;
use crate::search::{self, SearchDoc};
use crate::site::{Article, ArticleId, Listing, ListingKind, Site, SitePath, Taxonomy};
use crate::source::Key;
use crate::text::dates;
use crate::text::escape::escape_markup;
use crate::text::summary::{EXPLICIT_MAX_CHARS, shorten};
use crate::theme::Theme;
use feeds::FeedSpec;
use memo::{ArticleText, Group, Output, SearchGroup};
use sitemap::SitemapEntry;
use views::*;

pub use edits::Edits;
pub use links::resolve as resolve_link;
pub use memo::Memo;

/// Counts for the closing line of a build, and where the time went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Language code → HTML pages made for it.
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
    /// Wall time per stage, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// The output was already the build of these inputs, and was kept.
    pub unchanged: bool,
}

/// Room for a rendered page besides its article body: most pages of the
/// default theme are 4–20 KiB.
const PAGE_CAPACITY: usize = 16 * 1024;

/// The theme's template for one article's card on listings, and room for
/// what it renders.
const CARD: &str = "card.html";
const CARD_CAPACITY: usize = 1024;

/// Articles rendered at a time in a one-off render before their language's
/// search index reads them: a batch is read while the next one renders,
/// and the plain texts (as large as their Markdown) of two batches at most
/// are held.
const INDEXED_TOGETHER: usize = 256;

/// How a render makes its search indexes.
enum Indexing<'d, 'w> {
    /// serve's: with the caches it carries from memo to memo, by language.
    Cached(BTreeMap<String, Arc<Mutex<search::IndexCache>>>),
    /// A one-off render's, by language: written as they are made, each
    /// having read its articles' plain text as they were rendered.
    Streamed(Vec<search::StreamedIndex<'d, 'w>>),
}

/// Listing cards, by article, each made on first use as the template
/// engine's value, with the theme's `card.html` rendered into its `html`:
/// an article shows on seven or eight listings, and its card is the same
/// on each, so each listing shares it rather than formatting, converting
/// and rendering it again.
struct Cards<'t> {
    texts: &'t [Arc<ArticleText>],
    made: Vec<std::sync::OnceLock<tera::Value>>,
}

impl<'t> Cards<'t> {
    fn new(texts: &'t [Arc<ArticleText>]) -> Cards<'t> {
        Cards {
            texts,
            made: texts.iter().map(|_| std::sync::OnceLock::new()).collect(),
        }
    }
}

/// How to treat internal links that lead nowhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokenLinks {
    /// `build`: say so, and build anyway.
    Warn,
    /// `check`: they are errors.
    Deny,
}

/// One rendered output.
struct Page {
    path: SitePath,
    /// Shared: a search index's records stay in `serve`'s cache too.
    bytes: Arc<Vec<u8>>,
    /// A digest of `bytes` made with them, which a sink may use instead of
    /// hashing them again.
    digest: Option<u64>,
    /// The language an HTML page counts for.
    lang: Option<String>,
    sitemap: Option<Arc<SitemapEntry>>,
    /// What it was made from, for pages `serve` may keep (see [`memo`]).
    key: Option<u64>,
}

impl Page {
    fn write(&self, sink: &dyn Sink, file: &str) -> Result<(), Diagnostic> {
        match self.digest {
            Some(digest) => sink.put_digested(file, digest, &self.bytes),
            None => sink.put(file, &self.bytes),
        }
    }

    fn keyed(self, key: u64) -> Page {
        Page {
            key: Some(key),
            ..self
        }
    }
}

pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// One engine per language, its global context holding `site` and `t`.
    tera: BTreeMap<String, Tera>,
    /// Per language, the fingerprint of everything every page of it shares:
    /// configuration, templates, strings and the `site` global.
    globals: BTreeMap<String, u64>,
}

/// What is gathered while pages are rendered in parallel.
#[derive(Default)]
struct Collected {
    errors: Vec<Diagnostic>,
    pages: BTreeMap<String, usize>,
    outputs: FxHashSet<String>,
    sitemap: Vec<Arc<SitemapEntry>>,
    /// The sitemap entries' fingerprints, summed: the same whatever order
    /// the pages were made in.
    sitemap_key: u64,
    /// Output file → how it was made; gathered only for `serve`.
    made: Option<FxHashMap<String, Output>>,
}

impl Collected {
    fn add(
        &mut self,
        file: String,
        lang: Option<String>,
        sitemap: Option<Arc<SitemapEntry>>,
        key: Option<u64>,
    ) {
        if let Some(lang) = &lang {
            *self.pages.entry(lang.clone()).or_default() += 1;
        }
        if let Some(entry) = &sitemap {
            self.sitemap_key = self
                .sitemap_key
                .wrapping_add(fingerprint::of(entry.as_ref()));
            self.sitemap.push(Arc::clone(entry));
        }
        if let (Some(made), Some(key)) = (&mut self.made, key) {
            made.insert(file.clone(), Output { key, lang, sitemap });
        }
        self.outputs.insert(file);
    }
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
            globals: BTreeMap::new(),
        };
        let shared = fingerprint::of(&format!(
            "{:?}{:?}{:?}",
            site.config, theme.templates, theme.i18n
        ));
        for language in &site.config.languages {
            let mut engine = tera.clone();
            let globals = engine.global_context();
            let endpoint = site.config.views_endpoint.as_deref();
            let view = SiteView::new(site, language, endpoint);
            let view_key = serde_json::to_string(&view).unwrap_or_default();
            globals.insert("site", &view);
            globals.insert("t", &renderer.formats(&language.code).i18n.strings);
            renderer.tera.insert(language.code.clone(), engine);
            renderer.globals.insert(
                language.code.clone(),
                fingerprint::Builder::default()
                    .with(&shared)
                    .with(&view_key)
                    .finish(),
            );
        }
        Ok(renderer)
    }

    pub fn site(&self) -> &'a Site {
        self.site
    }

    pub fn theme(&self) -> &'a Theme {
        self.theme
    }

    /// Renders every output of the site into `sink`, once: each article's
    /// body is released as soon as it is rendered (see [`Body`]).
    ///
    /// [`Body`]: crate::source::Body
    pub fn render_all(
        &self,
        sink: &dyn Sink,
        broken_links: BrokenLinks,
    ) -> (Report, Vec<Diagnostic>) {
        let (report, errors, _) = self.render_site(sink, broken_links, None);
        (report, errors)
    }

    /// Renders what changed since the render that made `previous`; asks
    /// `sink` to keep the rest. Returns the memo for the next time.
    pub fn render_changed(
        &self,
        sink: &dyn Sink,
        broken_links: BrokenLinks,
        previous: &Memo,
    ) -> (Report, Vec<Diagnostic>, Memo) {
        self.render_site(sink, broken_links, Some(previous))
    }

    fn render_site(
        &self,
        sink: &dyn Sink,
        broken_links: BrokenLinks,
        previous: Option<&Memo>,
    ) -> (Report, Vec<Diagnostic>, Memo) {
        let mut timings = Vec::new();
        let mut stage = std::time::Instant::now();
        let mut lap = |name: &'static str| {
            timings.push((name, stage.elapsed()));
            stage = std::time::Instant::now();
        };
        let collected = Mutex::new(Collected {
            made: previous.map(|_| FxHashMap::default()),
            ..Collected::default()
        });
        let lock = || collected.lock().unwrap_or_else(|e| e.into_inner());
        let emit = |result: Result<Page, Diagnostic>| {
            let written = result.and_then(|page| {
                let file = page.path.output_file();
                page.write(sink, &file).map(|()| (page, file))
            });
            match written {
                Ok((page, file)) => lock().add(file, page.lang, page.sitemap, page.key),
                Err(d) => lock().errors.push(d),
            }
        };
        // An output made from the same key as last time is left as it is.
        let kept = |file: String, key: u64| -> bool {
            let Some(output) = previous
                .and_then(|memo| memo.outputs.get(&file))
                .filter(|output| output.key == key)
            else {
                return false;
            };
            match sink.keep(&file) {
                Ok(()) => lock().add(file, output.lang.clone(), output.sitemap.clone(), Some(key)),
                Err(d) => lock().errors.push(d),
            }
            true
        };
        let keep_group = |group: &Group| {
            for file in &group.files {
                match sink.keep(file) {
                    Ok(()) => lock().add(file.clone(), None, None, None),
                    Err(d) => lock().errors.push(d),
                }
            }
        };

        // Each language's search files, below its home.
        let homes: Vec<SitePath> = (self.site.config.languages.iter())
            .map(|language| self.site.urls.home(&language.code))
            .collect();
        let writes: Vec<_> = (homes.iter())
            .map(|home| move |file| emit(Ok(index_page(home, file))))
            .collect();
        let (texts, keys, mut indexing) = match previous {
            Some(memo) => {
                let (texts, keys) = (0..self.site.articles.len())
                    .into_par_iter()
                    .with_max_len(SHARE)
                    .map(|id| self.article(id, previous, &emit, &kept))
                    .unzip();
                // serve's search indexers, carried from memo to memo.
                let indexers = (self.site.config.languages.iter())
                    .map(|l| {
                        let kept = memo.indexers.get(&l.code).cloned();
                        (l.code.clone(), kept.unwrap_or_default())
                    })
                    .collect();
                (texts, keys, Indexing::Cached(indexers))
            }
            None => {
                let (texts, keys, indexes) = self.articles_indexed(&emit, &kept, &writes);
                (texts, keys, Indexing::Streamed(indexes))
            }
        };
        markdown::forget_lines();
        lap(match previous {
            Some(_) => "articles (Markdown, templates, writes)",
            None => "articles (Markdown, templates, writes, search reading)",
        });

        // The search indexes (serve's read the articles' texts now, a
        // one-off render's only join what they read) and the listings (the
        // summaries) need different things: build both at once.
        let cards = Cards::new(&texts);
        let (search, ()) = rayon::join(
            || self.search_indexes(&texts, &keys, previous, &mut indexing, &emit, &keep_group),
            || {
                self.site
                    .listings
                    .par_iter()
                    .with_max_len(SHARE)
                    .for_each(|listing| {
                        (1..=self.page_count(listing))
                            .into_par_iter()
                            .for_each(|n| {
                                let key = self.listing_key(listing, n, &keys);
                                let file = self.site.urls.page(&listing.path, n).output_file();
                                if !kept(file, key) {
                                    emit(
                                        self.listing_page(listing, n, &cards).map(|p| p.keyed(key)),
                                    );
                                }
                            });
                    });
            },
        );
        lap("listings and search indexes");
        let indexers = match indexing {
            Indexing::Cached(indexers) => indexers,
            Indexing::Streamed(_) => BTreeMap::new(),
        };
        for language in &self.site.config.languages {
            emit(self.search_page(language));
            emit(self.archive_index(language));
            for taxonomy in Taxonomy::ALL {
                emit(self.term_index(language, taxonomy));
            }
            for page in self.feeds(language, &texts) {
                emit(Ok(page));
            }
        }
        emit(self.not_found());
        for (path, id) in &self.site.aliases {
            emit(Ok(self.alias_page(path, *id)));
        }
        for (rel, asset) in &self.theme.static_files {
            match sink.copy(rel, asset) {
                Ok(()) => lock().add(rel.clone(), None, None, None),
                Err(d) => lock().errors.push(d),
            }
        }

        lap("indexes, feeds, static files");
        let (entries, entries_key) = {
            let mut c = lock();
            (std::mem::take(&mut c.sitemap), c.sitemap_key)
        };
        let sitemap_key = fingerprint::Builder::default()
            .with(&entries_key)
            .with(&entries.len())
            .finish();
        let sitemap = match previous.and_then(|m| m.sitemap.as_ref()) {
            Some(group) if group.key == sitemap_key => {
                keep_group(group);
                group.clone()
            }
            _ => {
                let files = sitemap::files(entries, &self.site.config.base_url);
                let names = files.iter().map(|(name, _)| name.clone()).collect();
                for (name, bytes) in files {
                    emit(Ok(feed_page(&SitePath::new(name), bytes)));
                }
                Group {
                    key: sitemap_key,
                    files: names,
                }
            }
        };
        emit(Ok(feed_page(&SitePath::new("robots.txt"), self.robots())));
        let mut c = collected.into_inner().unwrap_or_else(|e| e.into_inner());
        let outputs = &c.outputs;
        let all: Vec<ArticleId> = (0..texts.len()).collect();
        // After a failed write the outputs are not all there: every link
        // to one missing would be a false alarm.
        if !sink.stopped() {
            let found =
                self.check_links(&all, &texts, &|file| outputs.contains(file), broken_links);
            c.errors.extend(found);
        }
        lap("sitemap, link checks");
        let report = Report {
            files: c.outputs.len(),
            pages: c.pages,
            timings,
            unchanged: false,
        };
        let memo = match c.made {
            Some(outputs) => Memo {
                indexers,
                texts: self
                    .site
                    .articles
                    .iter()
                    .zip(&texts)
                    .map(|(a, text)| (a.source.rel_path.clone(), Arc::clone(text)))
                    .collect(),
                by_id: texts.into_iter().zip(keys).collect(),
                outputs,
                search,
                sitemap: Some(sitemap),
            },
            None => Memo::default(),
        };
        (report, c.errors, memo)
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
        let body = context.article.as_ref().map_or(0, |a| a.body.len());
        let lang = context.lang;
        let context = Context::from_serialize(context)
            .map_err(|e| template_error(self.theme, Some(template), &e))?;
        // Sized for a page at once rather than grown by copies; pages are
        // written and dropped, never kept, so the room is not trimmed.
        self.render_context(lang, template, &context, PAGE_CAPACITY + body)
    }

    /// Renders `template` with `lang`'s engine into bytes: `Tera::render`
    /// would check the whole output is UTF-8 again.
    fn render_context(
        &self,
        lang: &str,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let tera = self
            .tera
            .get(lang)
            .or_else(|| self.tera.values().next())
            .expect("one engine per configured language");
        let mut bytes = Vec::with_capacity(capacity);
        tera.render_to(template, context, &mut bytes)
            .map_err(|e| template_error(self.theme, Some(template), &e))?;
        Ok(bytes)
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
            lang: Some(context.lang.to_string()),
            path,
            bytes: Arc::new(bytes),
            key: None,
            digest: None,
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
        Term {
            name,
            href: self.term_href(lang, taxonomy, name).map(Cow::Owned),
        }
    }

    /// Where a term's listing is; None when its name slugs to nothing.
    fn term_href(&self, lang: &str, taxonomy: Taxonomy, name: &str) -> Option<String> {
        let language = self.language(lang);
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

    /// One article: its page, unless `previous` made it from the same key,
    /// and what later stages need of it — its rendered text (from
    /// `previous` when the file and the links it resolved are the same) and
    /// its key, which listings, feeds and search combine into theirs.
    fn article(
        &self,
        id: ArticleId,
        previous: Option<&Memo>,
        emit: &(dyn Fn(Result<Page, Diagnostic>) + Sync),
        kept: &(dyn Fn(String, u64) -> bool + Sync),
    ) -> (Arc<ArticleText>, u64) {
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
        if !kept(article.path.output_file(), page_key) {
            let (html, has_code) = html.take().unwrap_or_else(|| self.markdown(article).1);
            emit(
                self.article_page(id, &text, html, has_code)
                    .map(|page| page.keyed(page_key)),
            );
        }
        (text, key)
    }

    /// The key of an article's page: the article's own key, the language's
    /// globals, and what it shows of its translations and neighbours.
    fn article_page_key(&self, id: ArticleId, key: u64) -> u64 {
        let site = self.site;
        let article = &site.articles[id];
        let neighbour = |id: Option<ArticleId>| {
            id.map(|id| (site.articles[id].title(), &site.articles[id].path))
        };
        fingerprint::Builder::default()
            .with(&self.globals[article.lang()])
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
            .finish()
    }

    /// Renders an article's Markdown, noting every link it resolves.
    fn markdown(&self, article: &Article) -> (ArticleText, (String, bool)) {
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
    fn article_page(
        &self,
        id: ArticleId,
        text: &ArticleText,
        html: String,
        has_code: bool,
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let article = &site.articles[id];
        let front = &article.source.front;
        let lang = article.lang();
        let formats = self.formats(lang);

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
        };
        let mut context = self.base_context(lang, page);
        context.article = Some(view);
        let lastmod = front.updated.unwrap_or(front.date);
        self.html_page(
            "article.html",
            &context,
            article.path.clone(),
            Some(lastmod),
        )
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

    /// Every language's search index, one language after the other (the
    /// listings take the other cores), each written as soon as it is made,
    /// or kept when `previous` made the same; returns each one's files.
    fn search_indexes(
        &self,
        texts: &[Arc<ArticleText>],
        keys: &[u64],
        previous: Option<&Memo>,
        indexing: &mut Indexing,
        emit: &(dyn Fn(Result<Page, Diagnostic>) + Sync),
        keep_group: &(dyn Fn(&Group) + Sync),
    ) -> BTreeMap<String, SearchGroup> {
        let indexers = match indexing {
            Indexing::Cached(indexers) => indexers,
            Indexing::Streamed(indexes) => {
                // Read as the articles were rendered: joined and written,
                // one language after the other.
                std::mem::take(indexes)
                    .into_iter()
                    .for_each(search::StreamedIndex::finish);
                return BTreeMap::new();
            }
        };
        let mut groups = BTreeMap::new();
        for language in &self.site.config.languages {
            let lang = language.code.as_str();
            let indexer = &indexers[lang];
            let key = self.search_key(lang, keys);
            let kept = previous
                .and_then(|memo| memo.search.get(lang))
                .filter(|search| search.group.key == key);
            let search = match kept {
                Some(search) => {
                    keep_group(&search.group);
                    search.clone()
                }
                None => {
                    let labels = Arc::new(self.search_labels(lang));
                    let (search, pages) =
                        self.search_index(lang, texts, keys, key, indexer, labels);
                    pages.into_iter().for_each(|page| emit(Ok(page)));
                    search
                }
            };
            groups.insert(lang.to_string(), search);
        }
        groups
    }

    /// What a language's search index is made from: its articles, in order.
    fn search_key(&self, lang: &str, keys: &[u64]) -> u64 {
        let ids = self.site.articles_in(lang);
        fingerprint::Builder::default()
            .with(&self.globals[lang])
            .with(&ids.iter().map(|&id| keys[id]).collect::<Vec<_>>())
            .finish()
    }

    /// Each article's link and date as search results show them.
    fn search_labels(&self, lang: &str) -> Vec<(String, String)> {
        let formats = self.formats(lang);
        let site = self.site;
        (site.articles_in(lang).iter())
            .map(|&id| {
                let article = &site.articles[id];
                (
                    site.urls.href(&article.path),
                    formats.date(article.local_date),
                )
            })
            .collect()
    }

    /// One language's search index files, with `indexer`'s help.
    fn search_index(
        &self,
        lang: &str,
        texts: &[Arc<ArticleText>],
        keys: &[u64],
        key: u64,
        indexer: &Mutex<search::IndexCache>,
        labels: Arc<Vec<(String, String)>>,
    ) -> (SearchGroup, Vec<Page>) {
        let docs = self.search_docs(lang, texts, &labels);
        let keys = self.search_keys(lang, keys);
        let mut cache = indexer.lock().unwrap_or_else(|e| e.into_inner());
        let files = search::build_index(&docs, &keys, &mut cache);
        let home = self.site.urls.home(lang);
        let pages: Vec<Page> = files.into_iter().map(|f| index_page(&home, f)).collect();
        let search = SearchGroup {
            group: Group {
                key,
                files: pages.iter().map(|p| p.path.output_file()).collect(),
            },
            digests: pages.iter().filter_map(|p| p.digest).collect(),
            labels,
        };
        (search, pages)
    }

    /// The key of each of a language's search documents.
    fn search_keys(&self, lang: &str, keys: &[u64]) -> Vec<u64> {
        (self.site.articles_in(lang).iter())
            .map(|&id| self.search_doc_key(lang, keys[id]))
            .collect()
    }

    /// The key of a search document: its article's key and the language's
    /// globals are what it is made from.
    fn search_doc_key(&self, lang: &str, key: u64) -> u64 {
        fingerprint::Builder::default()
            .with(&self.globals[lang])
            .with(&key)
            .finish()
    }

    /// A one-off render's articles, each language's oldest first, a batch
    /// at a time: each batch's plain texts go to the language's search
    /// index as soon as they are rendered, so that they are never all held
    /// (at 10k pairs they were a third of the peak). Returns each
    /// article's text (less its plain text) and key, by id, and each
    /// language's index, read but not yet written.
    fn articles_indexed<'w>(
        &self,
        emit: &(dyn Fn(Result<Page, Diagnostic>) + Sync),
        kept: &(dyn Fn(String, u64) -> bool + Sync),
        writes: &'w [impl Fn(search::IndexFile) + Sync],
    ) -> (
        Vec<Arc<ArticleText>>,
        Vec<u64>,
        Vec<search::StreamedIndex<'a, 'w>>,
    ) {
        let site = self.site;
        let languages = &site.config.languages;
        let mut texts: Vec<Option<Arc<ArticleText>>> = vec![None; site.articles.len()];
        let mut keys = vec![0; site.articles.len()];
        let ids: Vec<&[ArticleId]> = (languages.iter())
            .map(|language| site.articles_in(&language.code))
            .collect();
        let mut labels: Vec<_> = (languages.iter())
            .map(|language| self.search_labels(&language.code))
            .collect();
        let mut indexes: Vec<_> = (ids.iter().zip(writes))
            .map(|(ids, write)| search::StreamedIndex::new(ids.len(), write))
            .collect();
        // Batches of positions in each language's list, oldest first.
        let oldest_first: Vec<Vec<usize>> = ids
            .iter()
            .map(|ids| (0..ids.len()).rev().collect())
            .collect();
        let batches = (oldest_first.iter().enumerate()).flat_map(|(l, positions)| {
            positions
                .chunks(INDEXED_TOGETHER)
                .map(move |batch| (l, batch))
        });
        // A batch is read for the search while the next one renders: the
        // reading has steps on one core only.
        let mut rendered: Option<(usize, Vec<(SearchDoc<'a>, u64)>)> = None;
        for (l, batch) in batches {
            let (made, ()) = rayon::join(
                || {
                    (batch.par_iter())
                        .with_max_len(SHARE)
                        .map(|&i| self.article(ids[l][i], None, emit, kept))
                        .collect::<Vec<_>>()
                },
                || {
                    if let Some((l, docs)) = rendered.take() {
                        indexes[l].read(docs);
                    }
                },
            );
            let lang = languages[l].code.as_str();
            let mut docs = Vec::with_capacity(batch.len());
            for (&i, (mut text, key)) in batch.iter().zip(made) {
                let id = ids[l][i];
                let (href, date) = std::mem::take(&mut labels[l][i]);
                let doc = SearchDoc {
                    title: site.articles[id].title().into(),
                    href: href.into(),
                    date_display: date.into(),
                    summary: text.summary.clone().into(),
                    text: take_plain_text(&mut text).into(),
                };
                docs.push((doc, self.search_doc_key(lang, key)));
                texts[id] = Some(text);
                keys[id] = key;
            }
            rendered = Some((l, docs));
        }
        if let Some((l, docs)) = rendered {
            indexes[l].read(docs);
        }
        let texts = (texts.into_iter())
            .map(|text| text.expect("every article is in its language's list"))
            .collect();
        (texts, keys, indexes)
    }

    /// A language's search documents, newest first, borrowed from the
    /// articles' texts kept by serve.
    fn search_docs<'t>(
        &self,
        lang: &str,
        texts: &'t [Arc<ArticleText>],
        labels: &'t [(String, String)],
    ) -> Vec<SearchDoc<'t>>
    where
        'a: 't,
    {
        (self.site.articles_in(lang).iter())
            .zip(labels)
            .map(|(&id, (href, date))| SearchDoc {
                title: self.site.articles[id].title().into(),
                href: href.as_str().into(),
                date_display: date.as_str().into(),
                summary: texts[id].summary.as_str().into(),
                text: texts[id].text.as_str().into(),
            })
            .collect()
    }

    /// The key of a listing page: what its cards, pagination and language
    /// links are made from.
    fn listing_key(&self, listing: &Listing, n: usize, keys: &[u64]) -> u64 {
        let per_page = self.site.config.paginate;
        let on_page = listing
            .articles
            .iter()
            .skip((n - 1) * per_page)
            .take(per_page);
        let translated: Vec<usize> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                self.site
                    .listing(&l.code, &listing.kind)
                    .map_or(0, |other| self.page_count(other))
            })
            .collect();
        fingerprint::Builder::default()
            .with(&self.globals[listing.lang.as_str()])
            .with(&listing.kind)
            .with(&listing.name)
            .with(&listing.path)
            .with(&n)
            .with(&translated)
            .with(&on_page.map(|&id| keys[id]).collect::<Vec<_>>())
            .finish()
    }

    /// An article's card, made once, in `cards`.
    fn card(&self, id: ArticleId, cards: &Cards) -> Result<tera::Value, Diagnostic> {
        if let Some(card) = cards.made[id].get() {
            return Ok(card.clone());
        }
        let site = self.site;
        let a = &site.articles[id];
        let front = &a.source.front;
        let formats = self.formats(a.lang());
        let href = site.urls.href(&a.path);
        let date_iso = dates::rfc3339(front.date, &site.config.timezone);
        let date_display = formats.date(a.local_date);
        let image = front.image.as_ref().map(|i| image_href(site, i));
        let category_href = (front.category.as_deref())
            .and_then(|n| self.term_href(a.lang(), Taxonomy::Category, n));
        let views_display = a.views.map(|v| formats.number(v));
        let card = Card {
            title: &front.title,
            href: &href,
            date_iso: &date_iso,
            date_display: &date_display,
            summary: &cards.texts[id].summary,
            image: image.as_deref(),
            image_caption: front.image_caption.as_deref(),
            category: front.category.as_deref().map(|name| Term {
                name,
                href: category_href.as_deref().map(Cow::Borrowed),
            }),
            views_display: views_display.as_deref(),
        };
        let error = |e: tera::Error| template_error(self.theme, Some(CARD), &e);
        let item = tera::Value::try_from_serializable(&card).map_err(error)?;
        // The theme's card, rendered here once rather than on each listing.
        let mut context = Context::new();
        context.insert("item", &item);
        let html = self.render_context(a.lang(), CARD, &context, CARD_CAPACITY)?;
        let mut item = item.into_map().expect("a card is a map");
        let html = tera::Value::safe_string(&String::from_utf8_lossy(&html));
        item.insert("html".into(), html);
        let value = tera::Value::from(item);
        Ok(cards.made[id].get_or_init(|| value).clone())
    }

    fn listing_page(&self, listing: &Listing, n: usize, cards: &Cards) -> Result<Page, Diagnostic> {
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
            .map(|&id| self.card(id, cards))
            .collect::<Result<_, _>>()?;
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
    fn feeds(&self, language: &Language, texts: &[Arc<ArticleText>]) -> Vec<Page> {
        let site = self.site;
        let urls = &site.urls;
        let limit = site.config.feed_limit;
        let newest = |ids: &[ArticleId]| -> Vec<(&Article, &str)> {
            ids.iter()
                .take(limit)
                .map(|&id| (&site.articles[id], texts[id].summary.as_str()))
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
            bytes: Arc::new(bytes),
            digest: None,
            lang: Some(language.code.clone()),
            sitemap: None,
            key: None,
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
            bytes: Arc::new(bytes),
            digest: None,
            lang: None,
            sitemap: None,
            key: None,
        }
    }

    fn check_links(
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

/// What listings, feeds and search know of an article: everything its
/// file says, the links it resolved, and what the model added.
fn article_key(article: &Article, text: &ArticleText) -> u64 {
    fingerprint::Builder::default()
        .with(&article.source.fingerprint)
        .with(&text.resolved)
        .with(&article.path)
        .with(&article.page_id)
        .with(&article.views)
        .finish()
}

/// The article's plain text, taken out of `text` when nothing else holds
/// it (a one-off render), else copied.
fn take_plain_text(text: &mut Arc<ArticleText>) -> String {
    match Arc::get_mut(text) {
        Some(text) => std::mem::take(&mut text.text),
        None => text.text.clone(),
    }
}

/// A search index file, below its language's home.
fn index_page(home: &SitePath, file: search::IndexFile) -> Page {
    Page {
        path: SitePath::new(format!("{home}{}", file.path)),
        bytes: file.bytes,
        lang: None,
        sitemap: None,
        key: None,
        digest: Some(file.digest),
    }
}

fn feed_page(path: &SitePath, bytes: Vec<u8>) -> Page {
    Page {
        path: path.clone(),
        bytes: Arc::new(bytes),
        digest: None,
        lang: None,
        sitemap: None,
        key: None,
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
