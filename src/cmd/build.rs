//! `bantin build` and `bantin check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use bantin::config::Overrides;
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
        let verb = if report.unchanged {
            "Up to date (nothing changed since the last build):"
        } else {
            "Built"
        };
        println!(
            "{verb} {} pages ({}), {} files in {} in {:.2} s",
            report.pages.values().sum::<usize>(),
            pages.join(", "),
            report.files,
            settings.out.display(),
            started.elapsed().as_secs_f64()
        );
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
    let style = ProgressStyle::with_template("{spinner} building: {pos} files written ({elapsed})");
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
        overrides: Overrides::default(),
        now: jiff::Timestamp::now(),
    };
    let mut outcome = pipeline::check(&settings);
    outcome.diagnostics.extend(bantin::cms::check_drift(root));
    let status = finish(&outcome);
    if status == 0 {
        println!("No errors found.");
    }
    status
}

/// Prints every diagnostic and turns the outcome into an exit status.
fn finish(outcome: &Outcome) -> i32 {
    // Buffered: stderr is unbuffered, and each diagnostic is several writes,
    // which made printing 60,000 link warnings take seconds.
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    for diagnostic in &outcome.diagnostics {
        let _ = writeln!(err, "{diagnostic}");
    }
    let _ = err.flush();
    drop(err);
    if outcome.failed() {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "{errors} error{} found; nothing was written.",
            if errors == 1 { "" } else { "s" }
        );
        1
    } else {
        0
    }
}
