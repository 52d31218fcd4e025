//! Times `serve`'s rebuild after one article is edited, without the HTTP
//! server and the watcher's quiet period: the engine's share of "save →
//! page updated". Used by `bench/run.py`.
//!
//!     cargo run --release --example incremental -- SITE_ROOT [EDITS] [text|title]
//!
//! SITE_ROOT is edited in place: a sentence appended to articles spread
//! over the site (`text`, the default: `Scope::Texts`), or their
//! titles changed (`title`: new URLs, so the whole model and every page
//! key are computed again). Give it a copy.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use bantin::config::Overrides;
use bantin::pipeline::Settings;
use bantin::serve::Session;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: incremental SITE_ROOT [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(7);
    let titles = args.next().as_deref() == Some("title");
    let settings = Settings {
        root: root.clone(),
        out: PathBuf::new(),
        include_drafts: false,
        preview_drafts: false,
        overrides: Overrides {
            base_url: Some("http://127.0.0.1:1111/".to_string()),
            views_endpoint: Some("http://127.0.0.1:1111/_views/".to_string()),
        },
        now: jiff::Timestamp::now(),
        strict: false,
    };
    let (mut session, first) = Session::start(settings);
    println!(
        "first build: {} ms, {} files",
        first.elapsed.as_millis(),
        first.written
    );
    for (stage, time) in &first.timings {
        println!(
            "  {:>8.1} ms  {}",
            time.as_secs_f64() * 1000.0,
            stage.label()
        );
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut times = Vec::new();
    for i in 0..edits {
        let file = &files[(i * 7919 + files.len() / 3) % files.len()];
        if titles {
            let text = std::fs::read_to_string(file).expect("read article");
            let text = text.replacen("title: ", &format!("title: Sửa {i} "), 1);
            std::fs::write(file, text).expect("write article");
        } else {
            let mut f = OpenOptions::new()
                .append(true)
                .open(file)
                .expect("open article");
            writeln!(f, "\nMột câu thêm vào lần {i}.").expect("append");
        }
        let report = session.rebuild(std::slice::from_ref(file));
        assert!(report.ok, "{:?}", report.diagnostics);
        let stages: Vec<String> = report
            .timings
            .iter()
            .map(|(name, t)| format!("{} {:.1}", name.label(), ms(*t)))
            .collect();
        println!(
            "edit {i}: {:.1} ms, {} files written [{}]",
            ms(report.elapsed),
            report.written,
            stages.join(", ")
        );
        times.push(report.elapsed);
    }
    times.sort();
    println!(
        "median rebuild: {:.1} ms over {edits} edits",
        ms(times[times.len() / 2])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
