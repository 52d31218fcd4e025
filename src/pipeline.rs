//! The recipe: load → model → render → write (build) or discard (check).
//!
//! Each stage is a function from one value to the next; diagnostics from all
//! of them are gathered, and nothing is written unless there are no errors.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::config::{self, Overrides};
use crate::diag::Diagnostic;
use crate::output::{Discard, Sink, Staging};
use crate::render::{BrokenLinks, Renderer, Report};
use crate::site::{self, BuildOptions, Site};
use crate::source;
use crate::theme::{self, Asset, Theme};

pub struct Settings {
    pub root: PathBuf,
    pub out: PathBuf,
    pub include_drafts: bool,
    pub overrides: Overrides,
    /// Articles dated after this are left out (unless drafts are included).
    pub now: Timestamp,
}

/// What a run produced: every diagnostic, and the counts when it rendered.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub report: Option<Report>,
}

impl Outcome {
    pub fn failed(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the site into `settings.out`, replacing it only on success.
pub fn build(settings: &Settings) -> Outcome {
    run(settings, |renderer, diagnostics| {
        let staging = match Staging::begin(&settings.out, &settings.root) {
            Ok(staging) => staging,
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        let report = render_into(renderer, &staging, BrokenLinks::Warn, diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            staging.abandon();
            return None;
        }
        let started = std::time::Instant::now();
        match staging.commit() {
            Ok(()) => report.map(|mut report| {
                report
                    .timings
                    .push(("swap in, remove old output", started.elapsed()));
                report
            }),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        }
    })
}

/// Validates everything `build` would, writing nothing.
pub fn check(settings: &Settings) -> Outcome {
    run(settings, |renderer, diagnostics| {
        diagnostics.extend(untranslated(renderer.site()));
        render_into(renderer, &Discard, BrokenLinks::Deny, diagnostics)
    })
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
                    format!("no translation in {}", missing.join(", ")),
                )
            })
        })
        .collect()
}

fn render_into(
    renderer: &Renderer,
    sink: &dyn Sink,
    broken_links: BrokenLinks,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Report> {
    let (report, errors) = renderer.render_all(sink, broken_links);
    diagnostics.extend(errors);
    Some(report)
}

fn run(
    settings: &Settings,
    finish: impl FnOnce(&Renderer, &mut Vec<Diagnostic>) -> Option<Report>,
) -> Outcome {
    let mut diagnostics = Vec::new();
    let started = std::time::Instant::now();
    let report = match load(settings, &mut diagnostics) {
        Some((site, theme)) => match Renderer::new(&site, &theme) {
            Ok(renderer) => {
                let loaded = started.elapsed();
                finish(&renderer, &mut diagnostics).map(|mut report| {
                    report
                        .timings
                        .insert(0, ("load (config, theme, content, model)", loaded));
                    report
                })
            }
            Err(errors) => {
                diagnostics.extend(errors);
                None
            }
        },
        None => None,
    };
    crate::diag::sort(&mut diagnostics);
    Outcome {
        diagnostics,
        report,
    }
}

/// Configuration, theme, content and model; `None` if anything is wrong.
pub fn load(settings: &Settings, diagnostics: &mut Vec<Diagnostic>) -> Option<(Site, Theme)> {
    let config = match config::load(&settings.root, &settings.overrides) {
        Ok(config) => config,
        Err(errors) => {
            diagnostics.extend(errors);
            return None;
        }
    };
    let theme = match theme::load(&settings.root, &config) {
        Ok((mut theme, warnings)) => {
            diagnostics.extend(warnings);
            // The site's static files are copied after the theme's and win
            // over a theme file of the same path.
            let (files, errors) = source::static_files(&settings.root);
            diagnostics.extend(errors);
            theme.static_files.extend(
                files
                    .into_iter()
                    .map(|(rel, path)| (rel, Asset::File(path))),
            );
            Some(theme)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    };
    let (sources, errors) = source::load(&settings.root, &config);
    diagnostics.extend(errors);
    let (views, errors) = source::load_views(&settings.root);
    diagnostics.extend(errors);
    let options = BuildOptions {
        include_drafts: settings.include_drafts,
        now: settings.now,
    };
    let (site, errors) = site::build(config, sources, &views, &options);
    diagnostics.extend(errors);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return None;
    }
    Some((site, theme?))
}
