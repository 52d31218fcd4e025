//! `bantin build` and `bantin check`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use bantin::config::Overrides;
use bantin::msg;
use bantin::pipeline::{self, Outcome, Settings};

/// How much `build` says beyond errors and warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Exit status: 0 when the site was built, 1 on content or configuration errors.
pub fn build(
    root: &Path,
    out: Option<PathBuf>,
    drafts: bool,
    base_url: Option<String>,
    verbosity: Verbosity,
) -> i32 {
    let started = Instant::now();
    let settings = Settings {
        root: root.to_path_buf(),
        out: out.unwrap_or_else(|| root.join("public")),
        include_drafts: drafts,
        preview_drafts: false,
        overrides: Overrides {
            base_url,
            ..Overrides::default()
        },
        now: jiff::Timestamp::now(),
    };
    let written = AtomicUsize::new(0);
    let outcome = std::thread::scope(|scope| {
        let progress = (verbosity != Verbosity::Quiet).then(|| scope.spawn(|| progress(&written)));
        let outcome = pipeline::build_counting(&settings, &written);
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
        println!("{summary}");
        if verbosity == Verbosity::Verbose {
            for (stage, took) in &report.timings {
                println!("  {:>8.1} ms  {stage}", took.as_secs_f64() * 1000.0);
            }
        }
    }
    status
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

pub fn check(root: &Path, drafts: bool) -> i32 {
    let settings = Settings {
        root: root.to_path_buf(),
        out: root.join("public"),
        include_drafts: drafts,
        preview_drafts: false,
        overrides: Overrides::default(),
        now: jiff::Timestamp::now(),
    };
    let outcome = pipeline::check(&settings);
    let status = finish(&outcome);
    if status == 0 {
        println!("{}", msg!("check-ok"));
    }
    status
}

/// Prints every diagnostic and turns the outcome into an exit status.
fn finish(outcome: &Outcome) -> i32 {
    super::print_diagnostics(&outcome.diagnostics);
    if outcome.failed() {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("{}", msg!("errors-found", count = errors));
        1
    } else {
        0
    }
}
