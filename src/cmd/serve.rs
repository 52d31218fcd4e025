//! `bantin serve`: starts the server and reports each rebuild.

use super::{say, tell};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bantin::msg;
use bantin::serve::{Event, Limits, Options, RebuildReport, Serve};

use super::build::RunOptions;

/// Exit status: 0 after Ctrl+C, 1 when the address cannot be listened on
/// or the site folder does not exist.
/// A site that does not build is no reason to stop: its errors are shown
/// here and in the browser until a change fixes them.
pub fn serve(
    root: &Path,
    port: u16,
    bind: IpAddr,
    run: RunOptions,
    published: bool,
    limits: Limits,
) -> i32 {
    let all_drafts = run.drafts;
    // A mistyped --root would be watched in vain.
    if !root.as_os_str().is_empty() && !root.is_dir() {
        tell!(
            "{}",
            msg!("serve-no-folder", path = root.display().to_string())
        );
        return 1;
    }
    let now = match &run.now {
        Some(text) => match super::build::build_clock(root, Some(text)) {
            Ok(now) => Some(now),
            Err(message) => {
                tell!("{message}");
                return 2;
            }
        },
        None => None,
    };
    let options = Options {
        root: root.to_path_buf(),
        addr: SocketAddr::new(bind, port),
        include_drafts: run.drafts,
        published,
        limits,
        now,
    };
    let (mut serve, report) = match Serve::start(options) {
        Ok(started) => started,
        Err(err) => {
            tell!("{err}");
            tell!("{}", msg!("serve-port-busy", port = port.to_string()));
            return 1;
        }
    };
    print_report(Verb::Built, &report, &[]);
    if report.ok {
        let path = serve.out_dir().display().to_string();
        say!("{}", msg!("serve-output", path = path));
    }
    // Tests and scripts find the address as the first `http://` word.
    let url = serve.url();
    let serving = match (published, all_drafts) {
        (true, _) => msg!("serve-serving-published", url = url),
        (_, true) => msg!("serve-serving", url = url),
        _ => msg!("serve-serving-drafts", url = url),
    };
    say!("{serving}");
    if !bind.is_loopback() {
        let warning = msg!("serve-open-network", bind = bind.to_string());
        tell!("{}: {warning}", msg!("diag-warning"));
    }

    let stopper = serve.stopper();
    let stopping = AtomicBool::new(false);
    // A second Ctrl+C leaves at once, should stopping ever hang.
    let on_interrupt = move || {
        if stopping.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        stopper.stop();
    };
    if let Err(err) = ctrlc::set_handler(on_interrupt) {
        let warning = msg!("serve-no-ctrlc", error = err.to_string());
        tell!("{}: {warning}", msg!("diag-warning"));
    }
    while let Some(event) = serve.next_event() {
        match event {
            Event::Rebuilt { changed, report } => print_report(Verb::Rebuilt, &report, &changed),
            Event::WatchProblem(d) => super::print_diagnostics(&[d]),
        }
    }
    // Dropping `serve` removes its temporary folder.
    drop(serve);
    say!("{}", msg!("serve-stopped"));
    0
}

/// The first build, or one after a change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Built,
    Rebuilt,
}

/// `Rebuilt in 12 ms: 5 files written (a.vi.md)`, or the diagnostics and a
/// note that the previous build is still served.
fn print_report(verb: Verb, report: &RebuildReport, changed: &[PathBuf]) {
    super::print_diagnostics(&report.diagnostics);
    if report.ok {
        let mut changes = match (report.written, report.removed) {
            (0, 0) => msg!("serve-no-change"),
            (written, 0) => msg!("serve-written", written = written),
            (written, removed) => msg!(
                "serve-written-removed",
                written = written,
                removed = removed
            ),
        };
        if let Some(names) = changed_names(changed) {
            changes.push_str(&format!(" ({names})"));
        }
        let time = millis(report.elapsed);
        let line = match verb {
            Verb::Built => msg!("serve-built", time = time, changes = changes),
            Verb::Rebuilt => msg!("serve-rebuilt", time = time, changes = changes),
        };
        say!("{line}");
    } else {
        let count = report.errors();
        let line = match verb {
            Verb::Built => msg!("serve-failed-first", count = count),
            Verb::Rebuilt => msg!("serve-failed-again", count = count),
        };
        tell!("{line}");
    }
}

/// The changed files' names, for the terminal: `a.vi.md and 2 more`.
fn changed_names(changed: &[PathBuf]) -> Option<String> {
    let first = changed.first()?;
    let name = first.file_name().map_or_else(
        || first.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Some(match changed.len() {
        1 => name,
        n => msg!("serve-and-more", name = name, more = n - 1),
    })
}

fn millis(elapsed: Duration) -> String {
    match elapsed.as_millis() {
        ms if ms < 10_000 => format!("{ms} ms"),
        _ => format!("{:.1} s", elapsed.as_secs_f64()),
    }
}
