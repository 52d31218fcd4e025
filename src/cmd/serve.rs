//! `bantin serve`: starts the server and reports each rebuild.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bantin::serve::{Event, Limits, Options, RebuildReport, Serve};

use super::build::RunOptions;

/// Exit status: 0 after Ctrl+C, 1 when the address cannot be listened on
/// or the site folder does not exist.
/// A site that does not build is no reason to stop: its errors are shown
/// here and in the browser until a change fixes them.
pub fn serve(root: &Path, port: u16, bind: IpAddr, run: RunOptions, limits: Limits) -> i32 {
    // A mistyped --root would be watched in vain.
    if !root.as_os_str().is_empty() && !root.is_dir() {
        eprintln!("{}: no such folder", root.display());
        return 1;
    }
    let now = match &run.now {
        Some(text) => match super::build::build_clock(root, Some(text)) {
            Ok(now) => Some(now),
            Err(message) => {
                eprintln!("{message}");
                return 2;
            }
        },
        None => None,
    };
    let options = Options {
        root: root.to_path_buf(),
        addr: SocketAddr::new(bind, port),
        include_drafts: run.drafts,
        limits,
        now,
    };
    let (mut serve, report) = match Serve::start(options) {
        Ok(started) => started,
        Err(err) => {
            eprintln!("{err}");
            eprintln!(
                "Is another server using port {port}? Choose another with --port, or --port 0 for any free one."
            );
            return 1;
        }
    };
    print_report("Built", &report, &[]);
    if report.ok {
        println!("Output in {} (removed on exit)", serve.out_dir().display());
    }
    println!("Serving {} — Ctrl+C to stop", serve.url());
    if !bind.is_loopback() {
        eprintln!(
            "warning: listening on {bind}: other devices on the network can open this preview, \
             drafts and errors included; --bind 127.0.0.1 keeps it to this machine"
        );
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
        eprintln!("warning: cannot catch Ctrl+C ({err}); the temporary output may be left behind");
    }
    while let Some(event) = serve.next_event() {
        match event {
            Event::Rebuilt { changed, report } => print_report("Rebuilt", &report, &changed),
            Event::WatchProblem(d) => eprintln!("{d}"),
        }
    }
    // Dropping `serve` removes its temporary folder.
    drop(serve);
    println!("Stopped.");
    0
}

/// `Rebuilt in 12 ms: 5 files written (a.vi.md)`, or the diagnostics and a
/// note that the previous build is still served.
fn print_report(verb: &str, report: &RebuildReport, changed: &[PathBuf]) {
    for diagnostic in &report.diagnostics {
        eprintln!("{diagnostic}");
    }
    if report.ok {
        let mut line = format!("{verb} in {}: ", millis(report.elapsed));
        match (report.written, report.removed) {
            (0, 0) => line.push_str("no output changed"),
            (written, 0) => line.push_str(&format!("{written} file{} written", plural(written))),
            (written, removed) => line.push_str(&format!(
                "{written} file{} written, {removed} removed",
                plural(written)
            )),
        }
        if let Some(names) = changed_names(changed) {
            line.push_str(&format!(" ({names})"));
        }
        println!("{line}");
    } else {
        let errors = report.errors();
        let them = if errors == 1 { "it" } else { "them" };
        let still = if verb == "Built" {
            format!("the browser shows {them} until a change fixes {them}")
        } else {
            "still serving the last good build".to_string()
        };
        eprintln!("{errors} error{} found; {still}.", plural(errors));
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
        n => format!("{name} and {} more", n - 1),
    })
}

fn millis(elapsed: Duration) -> String {
    match elapsed.as_millis() {
        ms if ms < 10_000 => format!("{ms} ms"),
        _ => format!("{:.1} s", elapsed.as_secs_f64()),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
