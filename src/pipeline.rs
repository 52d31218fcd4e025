//! The recipe: load → model → render → write (build) or discard (check).
//!
//! Each stage is a function from one value to the next; diagnostics from all
//! of them are gathered, and nothing is written unless there are no errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use jiff::Timestamp;

use crate::cache;
use crate::config::{self, Config, Overrides};
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::images;
use crate::output::{Asset, Counting, Discard, Output, Stamp};
use crate::render::{BrokenLinks, Renderer, Report, Stage};
use crate::site::schedule::{self, NextChange};
use crate::site::{self, BuildOptions, Site};
use crate::source::{self, SourceArticle};
use crate::theme::{self, Theme};

pub struct Settings {
    pub root: PathBuf,
    pub out: PathBuf,
    pub include_drafts: bool,
    /// `serve`'s preview: drafts and scheduled articles shown with a
    /// banner, kept out of feeds and the sitemap (`site::preview`).
    pub preview_drafts: bool,
    pub overrides: Overrides,
    /// The build clock: articles dated after this, or expired by then, are
    /// left out (unless drafts are included).
    pub now: Timestamp,
    /// Warnings fail the run as errors do.
    pub strict: bool,
}

/// What a run produced: every diagnostic, and the counts when it rendered.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub report: Option<Report>,
    /// When the output would next change by the clock alone, once the
    /// content could be read into a model.
    pub next_change: Option<NextChange>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the site into `settings.out`, replacing it only on success.
/// When the folder holds a build of exactly the same inputs that had
/// nothing to report, it is left as it is.
pub fn build(settings: &Settings) -> Outcome {
    build_counting(settings, cache::Use::Cache, &AtomicUsize::new(0))
}

/// [`build`], through the build cache or bypassing it (`--no-cache`),
/// counting in `written` the files written so far, for a progress display.
pub fn build_counting(
    settings: &Settings,
    use_cache: cache::Use,
    written: &AtomicUsize,
) -> Outcome {
    // Claimed first: a second build of the same output waits here, then
    // reads the inputs as they are once the first is done.
    let mut output = Some(Output::claim(&settings.out, &settings.root));
    let mut cached = CachedRun::start(settings, use_cache);
    // Under the output's lock, so the folder checked is the one kept.
    // Its marker and count of files must still be the build's too: a file
    // removed by hand is made again.
    if let (Some(Ok(output)), Some(up_to_date)) = (&output, cached.up_to_date(settings))
        && output.up_to_date(up_to_date.stamp.inputs).is_some()
    {
        return cached.unchanged(settings, up_to_date);
    }
    let images = match use_cache {
        cache::Use::Cache => images::Mode::Build,
        cache::Use::Bypass => images::Mode::BuildUncached,
    };
    let mut outcome = run(settings, images, |renderer, diagnostics| {
        let output = match output.take()? {
            Ok(output) => output,
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        let inputs = inputs_key(renderer);
        let trusted = (use_cache == cache::Use::Cache).then(|| output.up_to_date(inputs));
        if let Some(stamp) = trusted.flatten() {
            // The output is this build's: the cache learns it (it may have
            // been deleted, or not trusted), so the next one reads nothing.
            if diagnostics.is_empty() {
                cached.remember(renderer.site(), &stamp, &settings.out);
            }
            return Some(Report {
                pages: stamp.pages,
                files: stamp.files,
                timings: Vec::new(),
                unchanged: true,
            });
        }
        let staging = match output.stage() {
            Ok(staging) => staging,
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        let sink = Counting {
            inner: &staging,
            count: written,
        };
        let (mut report, errors) = renderer.render_all(&sink, BrokenLinks::Warn);
        // A build whose pages had warnings (broken links) is made again
        // next time, so they show again; the model's show on every load.
        let quiet = errors.is_empty();
        diagnostics.extend(errors);
        if settings.strict {
            strict(diagnostics);
        }
        if diagnostics.iter().any(Diagnostic::is_error) {
            // Dropping the staging folder removes it.
            return None;
        }
        let stamp = quiet.then(|| Stamp {
            inputs,
            files: report.files,
            pages: report.pages.clone(),
        });
        let started = std::time::Instant::now();
        match staging.commit(stamp.as_ref()) {
            Ok(warning) => {
                diagnostics.extend(warning);
                report.timings.push((Stage::SwapIn, started.elapsed()));
                // Only a build with nothing to say may be skipped next
                // time: its warnings and notes would not show again.
                if let (Some(stamp), true) = (&stamp, diagnostics.is_empty()) {
                    cached.remember(renderer.site(), stamp, &settings.out);
                }
                Some(report)
            }
            Err(d) => {
                diagnostics.push(d);
                None
            }
        }
    });
    outcome.diagnostics.extend(cached.notes);
    crate::diag::sort(&mut outcome.diagnostics);
    outcome
}

/// A build's use of the build cache: the input states taken before
/// anything is read, the last good build's manifest, and what to say
/// about the cache.
struct CachedRun {
    root: PathBuf,
    settings: u64,
    scan: Option<cache::inputs::Scan>,
    last: Option<cache::Manifest>,
    notes: Vec<Diagnostic>,
}

impl CachedRun {
    fn start(settings: &Settings, use_cache: cache::Use) -> CachedRun {
        let key = cache::settings_key(
            &settings.out,
            settings.include_drafts,
            settings.preview_drafts,
            &settings.overrides,
            settings.strict,
        );
        if use_cache == cache::Use::Bypass {
            return CachedRun {
                root: settings.root.clone(),
                settings: key,
                scan: None,
                last: None,
                notes: Vec::new(),
            };
        }
        let scan = cache::inputs::Scan::take(&settings.root, &settings.out);
        let (last, note) = cache::load(&settings.root);
        CachedRun {
            root: settings.root.clone(),
            settings: key,
            scan,
            last,
            notes: note.into_iter().collect(),
        }
    }

    /// What the last build made, when nothing it depends on changed.
    fn up_to_date(&mut self, settings: &Settings) -> Option<cache::UpToDate> {
        let scan = self.scan.as_ref()?;
        let last = self.last.as_ref()?;
        last.still_holds(self.settings, settings.now, scan, &settings.out)
    }

    /// The output is the last build's: its report, and the manifest saved
    /// again when hashes had to confirm it.
    fn unchanged(self, settings: &Settings, up_to_date: cache::UpToDate) -> Outcome {
        let stamp = up_to_date.stamp;
        let mut diagnostics = self.notes;
        if let Some(manifest) = &up_to_date.refreshed {
            diagnostics.extend(cache::save(&settings.root, manifest));
        }
        Outcome {
            diagnostics,
            report: Some(Report {
                pages: stamp.pages,
                files: stamp.files,
                timings: Vec::new(),
                unchanged: true,
            }),
            next_change: up_to_date.next_change,
        }
    }

    /// Saves what this good build read and made, for the next one.
    fn remember(&mut self, site: &Site, stamp: &Stamp, out: &Path) {
        let Some(scan) = &self.scan else {
            return;
        };
        let (known, known_at) = match &self.last {
            Some(last) => (&last.inputs[..], last.scanned_at),
            None => (&[][..], 0),
        };
        let next_change = site.next_change.as_ref().map(|next| {
            let publishes = matches!(next.what, schedule::Scheduled::Publishes);
            (next.at.as_nanosecond(), publishes, next.path.clone())
        });
        let manifest = cache::Manifest {
            settings: self.settings,
            inputs: scan.hashed(known, known_at),
            scanned_at: scan.taken_at,
            stamp_inputs: stamp.inputs,
            output: cache::inputs::output_state(out),
            files: stamp.files,
            pages: stamp.pages.clone().into_iter().collect(),
            built_at: site.now.as_nanosecond(),
            valid_until: cache::clock::valid_until(site).map(|at| at.as_nanosecond()),
            next_change,
        };
        self.notes.extend(cache::save(&self.root, &manifest));
    }
}

/// Everything a build's output depends on: configuration, theme, static
/// files, the published articles with their view counts, the images they
/// show, and bantin itself.
fn inputs_key(renderer: &Renderer) -> u64 {
    let (site, theme) = (renderer.site(), renderer.theme());
    let statics: Vec<_> = theme
        .static_files
        .iter()
        .map(|(rel, asset)| match asset {
            Asset::BuiltIn(bytes) => (rel, Some(fingerprint::of(bytes)), None),
            Asset::File(path) => (rel, None, fingerprint::file_state(path)),
        })
        .collect();
    let articles: Vec<_> = site
        .articles
        .iter()
        .map(|a| (&a.source.rel_path, a.source.fingerprint, a.views))
        .collect();
    let bantin = std::env::current_exe()
        .ok()
        .and_then(|exe| fingerprint::file_state(&exe));
    // Templates by name and text: their paths change with how `--root`
    // is spelled, which must not make the next build start afresh.
    let templates: Vec<_> = (theme.templates.iter())
        .map(|(name, (_, text))| (name, text))
        .collect();
    fingerprint::Builder::default()
        .with(&format!("{:?}{:?}", site.config, theme.i18n))
        .with(&templates)
        .with(&statics)
        .with(&articles)
        // The clock alone moves articles out of the news sitemap.
        .with(&crate::render::news_articles(site))
        .with(&renderer.images().fingerprint())
        .with(&bantin)
        .finish()
}

/// Validates everything `build` would, writing nothing.
pub fn check(settings: &Settings) -> Outcome {
    run(settings, images::Mode::Check, |renderer, diagnostics| {
        diagnostics.extend(untranslated(renderer.site()));
        let (report, errors) = renderer.render_all(&Discard::default(), BrokenLinks::Deny);
        diagnostics.extend(errors);
        if settings.strict {
            strict(diagnostics);
        }
        Some(report)
    })
}

/// `--strict`: every warning becomes an error.
fn strict(diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        if d.severity == crate::diag::Severity::Warning {
            d.severity = crate::diag::Severity::Error;
        }
    }
}

/// A note for each article that lacks a version in some language.
fn untranslated(site: &Site) -> Vec<Diagnostic> {
    site.articles
        .iter()
        .filter_map(|article| {
            let missing: Vec<&str> = site
                .config
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .filter(|code| {
                    *code != article.lang()
                        && !article
                            .translations
                            .iter()
                            .any(|&t| site.articles[t].lang() == *code)
                })
                .collect();
            (!missing.is_empty()).then(|| {
                Diagnostic::note(
                    &article.source.path,
                    crate::msg!("no-translation", languages = missing.join(", ")),
                )
            })
        })
        .collect()
}

fn run(
    settings: &Settings,
    images: images::Mode,
    finish: impl FnOnce(&Renderer, &mut Vec<Diagnostic>) -> Option<Report>,
) -> Outcome {
    let mut diagnostics = Vec::new();
    let started = std::time::Instant::now();
    let mut next_change = None;
    let loaded = load(settings, &mut diagnostics);
    if settings.strict {
        // The model's warnings stop the run here, before anything renders.
        strict(&mut diagnostics);
    }
    let report = match loaded.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) {
        Some((site, theme)) => {
            next_change = site.next_change.clone();
            let report = match Renderer::new(&site, &theme) {
                Ok(renderer) => {
                    let loaded = started.elapsed();
                    let (images, errors) = images::prepare(&settings.root, &site, &theme, images);
                    let failed = errors.iter().any(Diagnostic::is_error);
                    diagnostics.extend(errors);
                    let prepared = started.elapsed() - loaded;
                    let renderer = renderer.with_images(images);
                    let report = if failed {
                        None
                    } else {
                        finish(&renderer, &mut diagnostics)
                    };
                    if !diagnostics.iter().any(Diagnostic::is_error) {
                        renderer.images().finish();
                    }
                    report.map(|mut report| {
                        report
                            .timings
                            .splice(0..0, [(Stage::Load, loaded), (Stage::Images, prepared)]);
                        report
                    })
                }
                Err(errors) => {
                    diagnostics.extend(errors);
                    None
                }
            };
            // Freeing a large site's model takes tens of milliseconds that
            // no one need wait for: a command exits without waiting.
            std::thread::spawn(move || drop((site, theme)));
            report
        }
        None => None,
    };
    crate::diag::sort(&mut diagnostics);
    Outcome {
        diagnostics,
        report,
        next_change,
    }
}

/// Configuration, theme, content and model; `None` if anything is wrong.
pub fn load(settings: &Settings, diagnostics: &mut Vec<Diagnostic>) -> Option<(Site, Theme)> {
    let inputs = Inputs::read(settings, diagnostics)?;
    let site = inputs.model(settings, diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    Some((site, inputs.theme))
}

/// Everything a build reads from disk, before the model is made of it.
/// `serve` keeps it between builds and re-reads only the files that changed.
pub struct Inputs {
    pub config: Config,
    pub theme: Theme,
    content: Content,
}

/// The articles and what goes with them.
struct Content {
    /// Build-time view counts (`data/views.yaml`).
    views: BTreeMap<String, u64>,
    /// Content path → the article, or what was wrong with its file.
    articles: BTreeMap<String, Result<Arc<SourceArticle>, Vec<Diagnostic>>>,
    /// Warnings and errors that belong to no one article: theme, static
    /// files, view counts.
    problems: Vec<Diagnostic>,
    /// The walk over `content/`'s own (link loops, unreadable folders).
    walk_problems: Vec<Diagnostic>,
}

impl Inputs {
    /// Reads everything; `None` (with every problem found reported) when
    /// the configuration or the theme cannot be used.
    pub fn read(settings: &Settings, diagnostics: &mut Vec<Diagnostic>) -> Option<Inputs> {
        let config = match config::load(&settings.root, &settings.overrides) {
            Ok(config) => config,
            Err(errors) => {
                diagnostics.extend(errors);
                return None;
            }
        };
        let mut problems = Vec::new();
        let theme = match theme::load(&settings.root, &config) {
            Ok((mut theme, warnings)) => {
                problems.extend(warnings);
                // The site's static files are copied after the theme's and win
                // over a theme file of the same path.
                let (files, errors) = source::static_files(&settings.root);
                problems.extend(errors);
                problems.extend(theme.add_static(files));
                Some(theme)
            }
            Err(errors) => {
                problems.extend(errors);
                None
            }
        };
        let (views, errors) = source::load_views(&settings.root);
        problems.extend(errors);
        let mut content = Content {
            views,
            articles: BTreeMap::new(),
            problems,
            walk_problems: Vec::new(),
        };
        content.read_all(&settings.root, &config);
        match theme {
            Some(theme) => Some(Inputs {
                config,
                theme,
                content,
            }),
            None => {
                // Report everything else found too; build nothing.
                content.model(config, settings, diagnostics);
                None
            }
        }
    }

    /// Reads every file under `content/` again.
    pub fn reread_content(&mut self, root: &Path) {
        self.content.read_all(root, &self.config);
    }

    /// Reads again the content file at `rel_path`, or forgets it when it is
    /// gone; a folder that went takes its files with it.
    pub fn reread(&mut self, root: &Path, rel_path: &str) {
        let articles = &mut self.content.articles;
        match source::load_one(root, rel_path, &self.config) {
            Some(result) => {
                articles.insert(rel_path.to_string(), result.map(Arc::new));
            }
            None => {
                articles.remove(rel_path);
                let folder = format!("{rel_path}/");
                articles.retain(|rel, _| !rel.starts_with(&folder));
            }
        }
    }

    /// The article read from `rel_path`, if it could be.
    pub fn article(&self, rel_path: &str) -> Option<&SourceArticle> {
        self.content.articles.get(rel_path)?.as_deref().ok()
    }

    /// Puts an article read again in the place of the one at its path.
    pub fn replace(&mut self, rel_path: &str, article: Arc<SourceArticle>) {
        self.content
            .articles
            .insert(rel_path.to_string(), Ok(article));
    }

    /// Some article is published or expires after `from` and no later than
    /// `to`: the clock alone changes the site between two builds.
    pub fn changes_between(&self, from: Timestamp, to: Timestamp, include_drafts: bool) -> bool {
        let articles = self.content.articles.values().flatten();
        schedule::changes_between(articles.map(|a| &**a), from, to, include_drafts)
    }

    /// The site model of what was read, with every problem found.
    pub fn model(&self, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) -> Site {
        let mut site = self
            .content
            .model(self.config.clone(), settings, diagnostics);
        let images = site
            .articles
            .iter()
            .filter_map(|a| a.source.front.image.as_deref());
        site.lead_images = source::lead_images::lead_images(&self.theme.static_files, images);
        diagnostics.extend(crate::render::alias_clashes(&site));
        site
    }
}

impl Content {
    fn read_all(&mut self, root: &Path, config: &Config) {
        let (files, walk_problems) = source::load_each(root, config);
        self.articles = files
            .into_iter()
            .map(|(rel, result)| (rel, result.map(Arc::new)))
            .collect();
        self.walk_problems = walk_problems;
    }

    fn model(
        &self,
        config: Config,
        settings: &Settings,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Site {
        diagnostics.extend(self.problems.iter().cloned());
        diagnostics.extend(self.walk_problems.iter().cloned());
        let mut sources = Vec::with_capacity(self.articles.len());
        for result in self.articles.values() {
            match result {
                Ok(article) => sources.push(Arc::clone(article)),
                Err(errors) => diagnostics.extend(errors.iter().cloned()),
            }
        }
        let options = BuildOptions {
            include_drafts: settings.include_drafts,
            preview_drafts: settings.preview_drafts,
            now: settings.now,
            config_path: settings.root.join(config::FILE_NAME),
        };
        let (site, errors) = site::build(config, sources, &self.views, &options);
        diagnostics.extend(errors);
        site
    }
}
