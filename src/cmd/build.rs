//! `bantin build` and `bantin check`.

use super::{say, tell};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use bantin::config::{self, Overrides};
use bantin::msg;
use bantin::pipeline::{self, Outcome, Settings};
use bantin::site::schedule::{NextChange, Scheduled};
use bantin::text::dates;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// How much `build` says beyond errors and warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// How `build` and `check` run, beyond the site's folder.
pub struct RunOptions {
    pub drafts: bool,
    /// `--now`, as written.
    pub now: Option<String>,
    pub strict: bool,
}

/// Where `build` writes, and what it says.
pub struct BuildOptions {
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub verbosity: Verbosity,
    pub next_change_json: Option<PathBuf>,
    /// `--no-cache`.
    pub no_cache: bool,
}

/// `--now TIME`, read as a front-matter date is: in the site's timezone
/// unless it has an offset. Without it, the time now.
pub fn build_clock(root: &Path, now: Option<&str>) -> Result<Timestamp, String> {
    let Some(text) = now else {
        return Ok(Timestamp::now());
    };
    // A configuration that does not load is reported by the run itself.
    let zone = config::load(root, &Overrides::default()).map_or(TimeZone::UTC, |c| c.timezone);
    dates::parse_date(text, &zone).map_err(|m| msg!("build-bad-now", reason = m))
}

/// Exit status: 0 when the site was built, 1 on content or configuration
/// errors, 2 for a `--now` that is not a time.
pub fn build(root: &Path, run: RunOptions, options: BuildOptions) -> i32 {
    let started = Instant::now();
    let now = match build_clock(root, run.now.as_deref()) {
        Ok(now) => now,
        Err(message) => {
            tell!("{message}");
            return 2;
        }
    };
    let verbosity = options.verbosity;
    let settings = Settings {
        root: root.to_path_buf(),
        out: options.out.unwrap_or_else(|| root.join("public")),
        include_drafts: run.drafts,
        preview_drafts: false,
        overrides: Overrides {
            base_url: options.base_url,
            ..Overrides::default()
        },
        now,
        strict: run.strict,
    };
    let written = AtomicUsize::new(0);
    let outcome = std::thread::scope(|scope| {
        let progress = (verbosity != Verbosity::Quiet).then(|| scope.spawn(|| progress(&written)));
        let cache = match options.no_cache {
            true => bantin::cache::Use::Bypass,
            false => bantin::cache::Use::Cache,
        };
        let outcome = pipeline::build_counting(&settings, cache, &written);
        if let Some(progress) = progress {
            // Wakes it up to clear its line and end.
            written.store(usize::MAX, Ordering::Relaxed);
            progress.thread().unpark();
        }
        outcome
    });
    let status = finish(&outcome);
    if let (0, Some(report), false) = (status, &outcome.report, verbosity == Verbosity::Quiet) {
        let pages: Vec<String> = report
            .pages
            .iter()
            .map(|(lang, n)| format!("{n} {lang}"))
            .collect();
        let pages_total = report.pages.values().sum::<usize>();
        let seconds = format!("{:.2}", started.elapsed().as_secs_f64());
        let out = settings.out.display().to_string();
        let per_language = pages.join(", ");
        let summary = if report.unchanged {
            msg!(
                "build-up-to-date",
                pages = pages_total,
                per_language = per_language,
                files = report.files,
                out = out,
                seconds = seconds
            )
        } else {
            msg!(
                "build-done",
                pages = pages_total,
                per_language = per_language,
                files = report.files,
                out = out,
                seconds = seconds
            )
        };
        say!("{summary}");
        if verbosity == Verbosity::Verbose {
            for (stage, took) in &report.timings {
                say!(
                    "  {:>8.1} ms  {}",
                    took.as_secs_f64() * 1000.0,
                    stage.label()
                );
            }
        }
        if let Some(next) = &outcome.next_change {
            say!("{}", next_change_line(next, root));
        }
    }
    if let (0, Some(file)) = (status, &options.next_change_json) {
        let json = next_change_json(outcome.next_change.as_ref(), root);
        if let Err(err) = std::fs::write(file, json) {
            tell!("{}", super::new::io_failed(file, &msg!("io-write"), &err));
            return 1;
        }
    }
    status
}

/// The site's timezone, for showing times as its editors read them.
fn site_zone(root: &Path) -> TimeZone {
    config::load(root, &Overrides::default()).map_or(TimeZone::UTC, |c| c.timezone)
}

/// `Next change: 2026-12-08T06:00:00+07:00 (content/x.vi.md is published)`.
fn next_change_line(next: &NextChange, root: &Path) -> String {
    let at = dates::rfc3339(next.at, &site_zone(root));
    let path = next.path.display().to_string();
    match next.what {
        Scheduled::Publishes => msg!("build-next-publishes", at = at, path = path),
        Scheduled::Expires => msg!("build-next-expires", at = at, path = path),
        Scheduled::PinEnds => msg!("build-next-pin-ends", at = at, path = path),
    }
}

/// `{"next_change": "…", "reason": "publish", "path": "…"}`, or
/// `{"next_change": null}`: for a scheduler to rebuild then.
fn next_change_json(next: Option<&NextChange>, root: &Path) -> String {
    let value = match next {
        None => serde_json::json!({ "next_change": null }),
        Some(next) => serde_json::json!({
            "next_change": dates::rfc3339(next.at, &site_zone(root)),
            "next_change_utc": next.at.to_string(),
            "reason": next.what.name(),
            "path": next.path.display().to_string(),
        }),
    };
    format!("{value:#}\n")
}

/// Shows how many files are written while a build takes more than half a
/// second; indicatif draws nothing when stderr is not a terminal. Ends when
/// `written` is `usize::MAX`.
fn progress(written: &AtomicUsize) {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let template = format!(
        "{{spinner}} {} ({{elapsed}})",
        msg!("build-progress", count = "{pos}")
    );
    let style = ProgressStyle::with_template(&template);
    bar.set_style(style.unwrap_or_else(|_| ProgressStyle::default_spinner()));
    let started = Instant::now();
    loop {
        std::thread::park_timeout(Duration::from_millis(100));
        let count = written.load(Ordering::Relaxed);
        if count == usize::MAX {
            break;
        }
        if started.elapsed() > Duration::from_millis(500) {
            bar.set_position(count as u64);
        }
    }
    bar.finish_and_clear();
}

pub fn check(root: &Path, run: RunOptions) -> i32 {
    let now = match build_clock(root, run.now.as_deref()) {
        Ok(now) => now,
        Err(message) => {
            tell!("{message}");
            return 2;
        }
    };
    let settings = Settings {
        root: root.to_path_buf(),
        out: root.join("public"),
        include_drafts: run.drafts,
        preview_drafts: false,
        overrides: Overrides::default(),
        now,
        strict: run.strict,
    };
    let mut outcome = pipeline::check(&settings);
    outcome.diagnostics.extend(bantin::cms::check_drift(root));
    let status = finish(&outcome);
    if status == 0 {
        say!("{}", msg!("check-ok"));
    }
    status
}

/// Prints every diagnostic and turns the outcome into an exit status.
fn finish(outcome: &Outcome) -> i32 {
    super::print_diagnostics(&outcome.diagnostics);
    if outcome.failed() {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        tell!("{}", msg!("errors-found", count = errors));
        1
    } else {
        0
    }
}
