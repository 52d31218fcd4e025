//! Rendering: the model and the theme in, `(output path, bytes)` out.
//!
//! Pages are handed to a `Sink` as soon as they are made (articles in
//! parallel, then listings), so memory holds only the model and the short
//! summaries listings and feeds need, never every rendered page. No file
//! I/O here: the sink decides whether bytes are written or discarded.
//!
//! `Renderer::new` resolves what every page of a language shares; then
//! `render_site` is the recipe over the page kinds, one file each, each
//! holding its builder beside the key that tells `serve` when to make it
//! again: `article`, `listing` (and its cards), `term_indexes`, `feeds`
//! (the formats and their writers: `feed_formats`),
//! `search_pages`, `site_files` (404, aliases, robots, sitemap),
//! `news_sitemap`, `api` (the data API's files; an article's is made
//! beside its page). `page` holds the chrome they share, with what pages
//! say about themselves (`json_ld`, `article_meta`); `run` takes the made
//! pages to the sink.

mod api;
mod article;
mod article_meta;
mod feed_formats;
mod feeds;
mod front;
mod json_feed;
mod json_ld;
mod language;
mod links;
mod listing;
mod memo;
mod menus;
mod most_read;
mod news_sitemap;
mod page;
mod related;
mod reserved;
mod run;
mod scope;
mod search_pages;
mod site_files;
mod site_map;
mod sitemap;
mod stage;
mod standalone;
mod term_indexes;
mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::Tera;

use crate::diag::Diagnostic;
use crate::images::Images;
use crate::markdown;
use crate::output::{DiffSink, Sink};
use crate::site::{ArticleId, Site, SitePath, Taxonomy};
use crate::theme::Theme;
use language::Lang;
use listing::Cards;
use page::template_error;
use run::Run;
use search_pages::index_page;
pub use stage::Stage;

pub use links::resolve as resolve_link;
pub use memo::{Memo, Remember};
pub use news_sitemap::{WINDOW as NEWS_WINDOW, news_articles};
pub use reserved::alias_clashes;
pub use scope::Scope;

/// Counts for the closing line of a build, and where the time went.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Language code → HTML pages made for it.
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
    /// Wall time per stage, in order.
    pub timings: Vec<(Stage, std::time::Duration)>,
    /// The output was already the build of these inputs, and was kept.
    pub unchanged: bool,
}

/// How to treat internal links that lead nowhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrokenLinks {
    /// `build`: say so, and build anyway.
    Warn,
    /// `check`: they are errors.
    Deny,
}

/// A language's place in the configuration's list: what a template context
/// carries to name its language (`language.rs` resolves each one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LangId(usize);

pub struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    /// Every configured language, resolved, in the configuration's order.
    languages: Vec<Lang<'a>>,
    /// The images the articles reference, processed (see `images::prepare`).
    images: Images,
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
        Ok(Renderer {
            site,
            theme,
            languages: Lang::resolve_all(site, theme, &tera),
            images: Images::default(),
        })
    }

    /// Shows the images as `images` made them; without it, images are
    /// plain `<img>` elements linking to their files as written.
    pub fn with_images(self, images: Images) -> Renderer<'a> {
        Renderer { images, ..self }
    }

    pub fn images(&self) -> &Images {
        &self.images
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
        let rendered = self.render_site(&Run::once(sink), broken_links);
        (rendered.report, rendered.diagnostics)
    }

    /// Renders what changed within `scope` since the render that made
    /// `previous`; asks `sink` to keep the rest. `None` when a
    /// `Scope::Texts` render finds the model is not `previous`'s after all:
    /// nothing it staged may be used, and the site must be rendered with
    /// `Scope::Everything`.
    pub fn render_changed(
        &self,
        sink: &DiffSink,
        broken_links: BrokenLinks,
        previous: &Memo,
        scope: Scope,
    ) -> Option<Rendered> {
        if scope.texts().is_some() && previous.by_id.len() != self.site.articles.len() {
            return None;
        }
        let rendered = self.render_site(&Run::again(sink, previous, scope), broken_links);
        (!rendered.model_moved).then_some(rendered)
    }

    /// The recipe: articles (each language's search index reading them in
    /// a one-off render), then listings beside the search indexes, then
    /// feeds, the pages each language has once, the site's own files, link
    /// checks. Each kind looks at the pages `run`'s scope names.
    fn render_site(&self, run: &Run, broken_links: BrokenLinks) -> Rendered {
        let mut timings = Vec::new();
        let mut stage = std::time::Instant::now();
        let mut lap = |name: Stage| {
            timings.push((name, stage.elapsed()));
            stage = std::time::Instant::now();
        };
        let scope = run.scope();

        // Each language's search files, below its home.
        let homes: Vec<SitePath> = (self.languages.iter())
            .map(|lang| self.site.urls.home(lang.code()))
            .collect();
        let writes: Vec<_> = (homes.iter())
            .map(|home| |file| run.emit(Ok(index_page(&self.site.urls, home, file))))
            .collect();
        let (texts, keys, mut indexing) = match run.memo() {
            Some(memo) => self.articles_again(run, memo),
            None => self.articles_indexed(run, &writes),
        };
        markdown::forget_lines();
        lap(match run.memo() {
            Some(_) => Stage::Articles,
            None => Stage::ArticlesIndexed,
        });

        // The search indexes (serve's read the articles' texts now, a
        // one-off render's only join what they read) and the listings (the
        // summaries) need different things: build both at once.
        let cards = Cards::new(&texts);
        let (search, ()) = rayon::join(
            || self.search_indexes(&texts, &keys, &mut indexing, run),
            || self.listings(&cards, &keys, run),
        );
        self.most_read_pages(&cards, &keys, run);
        lap(Stage::Listings);

        self.every_feed(&texts, run);
        // The data API's pages show summaries, as listings do.
        for lang in &self.languages {
            self.api_pages(lang, &texts, &keys, run);
        }
        // Pages made from the model alone: no article's text shows on them.
        if scope.model_may_change() {
            for lang in &self.languages {
                run.emit(self.search_page(lang));
                run.emit(self.archive_index(lang));
                run.emit(self.site_map_page(lang));
                for taxonomy in Taxonomy::ALL {
                    run.emit(self.term_index(lang, taxonomy));
                }
            }
            run.emit(self.not_found());
            for (path, id) in &self.site.aliases {
                run.emit(Ok(self.alias_page(path, *id)));
            }
            run.copy_static(self.theme, &self.images);
            run.copy_images(&self.images);
        }
        lap(Stage::SiteFiles);

        let sitemap = scope.model_may_change().then(|| {
            run.emit(Ok(self.robots()));
            self.sitemap(run)
        });
        // serve's clock moves between edits, and the news window with it.
        if let Some(news) = self.news_sitemap() {
            run.emit(Ok(news));
        }
        // serve's search indexers, for the next memo.
        let indexers = indexing.into_cached();
        let mut c = run.finish();
        // After a failed write the outputs are not all there: every link
        // to one missing would be a false alarm.
        if !run.stopped() {
            let found = match scope.texts() {
                Some(ids) => self.check_links(ids, &texts, &|file| run.served(file), broken_links),
                None => {
                    let all: Vec<ArticleId> = (0..texts.len()).collect();
                    let outputs = &c.outputs;
                    self.check_links(&all, &texts, &|file| outputs.contains(file), broken_links)
                }
            };
            c.errors.extend(found);
            // Under `Scope::Texts` the model, and so the menus, are the last
            // render's, which checked them.
            if scope.model_may_change() {
                let outputs = &c.outputs;
                c.errors
                    .extend(self.check_menu_paths(&|file| outputs.contains(file)));
            }
        }
        lap(Stage::LinkChecks);
        let memo = c.made.map(|outputs| match scope.texts() {
            Some(ids) => Remember::Texts {
                texts: (ids.iter())
                    .map(|&id| {
                        (
                            self.site.articles[id].source.rel_path.clone(),
                            Arc::clone(&texts[id]),
                        )
                    })
                    .collect(),
                by_id: (ids.iter())
                    .map(|&id| (id, (Arc::clone(&texts[id]), keys[id])))
                    .collect(),
                outputs,
                search,
            },
            None => Remember::Whole(Memo {
                indexers,
                texts: (self.site.articles.iter())
                    .zip(&texts)
                    .map(|(a, text)| (a.source.rel_path.clone(), Arc::clone(text)))
                    .collect(),
                by_id: texts.into_iter().zip(keys).collect(),
                outputs,
                search,
                sitemap,
            }),
        });
        Rendered {
            report: Report {
                files: c.outputs.len(),
                pages: c.pages,
                timings,
                unchanged: false,
            },
            diagnostics: c.errors,
            removed: c.removed,
            memo: memo.unwrap_or(Remember::Whole(Memo::default())),
            model_moved: c.model_moved,
        }
    }
}

/// What a render did.
pub struct Rendered {
    pub report: Report,
    pub diagnostics: Vec<Diagnostic>,
    /// Files of the last render that a part made again no longer has;
    /// under `Scope::Everything`, any file the sink was not given is gone
    /// as well.
    pub removed: Vec<String>,
    /// For `serve`'s next render, once the files are in place.
    pub memo: Remember,
    model_moved: bool,
}
