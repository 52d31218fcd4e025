//! The build cache (`.bantin-cache/build.bin`): a build with nothing
//! changed is skipped, any change is seen, and a cache that cannot be
//! trusted is ignored with a note and replaced. The edit series through
//! `build` with the cache is in `incremental.rs`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

use bantin::cache::Use;
use bantin::config::Overrides;
use bantin::pipeline::{self, Outcome, Settings};
use common::Fixture;

fn settings(root: &Path, out: &Path, now: &str) -> Settings {
    Settings {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        include_drafts: false,
        preview_drafts: false,
        overrides: Overrides::default(),
        now: now.parse().unwrap(),
        strict: false,
    }
}

const NOW: &str = "2024-01-01T00:00:00Z";

fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/mot.vi.md",
        "Tin một",
        "2023-06-05",
        "",
        "Nội dung một.\n\n![Ảnh](/images/a.png)\n",
    );
    f.article(
        "2023/hai.vi.md",
        "Tin hai",
        "2023-07-05",
        "",
        "Nội dung hai.\n",
    );
    f.write_bytes("static/images/a.png", &common::photos::png(16, 9));
    f
}

fn build(f: &Fixture, now: &str, cache: Use) -> Outcome {
    let out = f.public();
    let outcome =
        pipeline::build_counting(&settings(f.root(), &out, now), cache, &AtomicUsize::new(0));
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    outcome
}

/// The output without its marker, whose stamp names the bantin that built.
fn output(f: &Fixture) -> common::Snapshot {
    let mut files = Fixture::snapshot(&f.public());
    files.remove(Path::new(".bantin"));
    files
}

fn unchanged(outcome: &Outcome) -> bool {
    outcome.report.as_ref().is_some_and(|r| r.unchanged)
}

fn cache_file(f: &Fixture) -> PathBuf {
    f.root().join(".bantin-cache/build.bin")
}

/// The notes the build gave about the cache.
fn cache_notes(outcome: &Outcome) -> Vec<String> {
    (outcome.diagnostics.iter())
        .filter(|d| d.path.ends_with("build.bin"))
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_build_with_nothing_changed_is_skipped_and_any_change_is_seen() {
    let f = site();
    assert!(!unchanged(&build(&f, NOW, Use::Cache)));
    assert!(cache_file(&f).is_file());
    let first = output(&f);
    let again = build(&f, NOW, Use::Cache);
    assert!(unchanged(&again) && again.diagnostics.is_empty());
    assert_eq!(output(&f), first);

    // Same size, modification time set back: the change time and the
    // hash still tell.
    let path = f.root().join("content/2023/mot.vi.md");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap().replace("một.", "MỘT.");
    fs::write(&path, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert!(!unchanged(&build(&f, NOW, Use::Cache)));
    assert!(f.page("2023/06/tin-mot/index.html").contains("MỘT"));

    // The same bytes written again: hashes confirm nothing changed.
    fs::write(&path, &text).unwrap();
    assert!(unchanged(&build(&f, NOW, Use::Cache)));

    // A new file anywhere the build reads, and one removed.
    f.write("static/robots-extra.txt", "x\n");
    assert!(!unchanged(&build(&f, NOW, Use::Cache)));
    fs::remove_file(f.root().join("static/robots-extra.txt")).unwrap();
    assert!(!unchanged(&build(&f, NOW, Use::Cache)));
    assert!(!f.exists("robots-extra.txt"));

    // The output folder replaced by someone else: built again.
    fs::remove_dir_all(f.public()).unwrap();
    assert!(!unchanged(&build(&f, NOW, Use::Cache)));
    assert!(f.page("2023/06/tin-mot/index.html").contains("MỘT"));
}

#[test]
fn the_clock_reaching_a_scheduled_article_rebuilds() {
    let f = site();
    f.article("2024/sau.vi.md", "Tin sau", "2024-03-01", "", "Sắp đăng.\n");
    build(&f, NOW, Use::Cache);
    assert!(!f.exists("2024/03/tin-sau/index.html"));
    // Later, but before it is due: nothing to do.
    assert!(unchanged(&build(&f, "2024-02-01T00:00:00Z", Use::Cache)));
    let due = build(&f, "2024-03-02T00:00:00Z", Use::Cache);
    assert!(!unchanged(&due));
    assert!(f.exists("2024/03/tin-sau/index.html"));
    // A clock set back is never trusted to match.
    assert!(!unchanged(&build(&f, NOW, Use::Cache)));
    assert!(!f.exists("2024/03/tin-sau/index.html"));
}

#[test]
fn a_corrupt_truncated_or_foreign_cache_is_noted_ignored_and_replaced() {
    let f = site();
    build(&f, NOW, Use::Cache);
    let good = fs::read(cache_file(&f)).unwrap();
    let expected = output(&f);
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    let cases: [(&str, Vec<u8>); 3] = [
        ("corrupt", flipped),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("foreign", b"not a cache at all".to_vec()),
    ];
    for (what, bytes) in cases {
        fs::write(cache_file(&f), &bytes).unwrap();
        let outcome = build(&f, NOW, Use::Cache);
        let notes = cache_notes(&outcome);
        assert_eq!(notes.len(), 1, "{what}: one note, got {notes:?}");
        assert!(outcome.diagnostics.iter().all(|d| !d.is_error()));
        assert_eq!(output(&f), expected, "{what}");
        // Replaced by a good one: the next build is skipped, quietly.
        let next = build(&f, NOW, Use::Cache);
        assert!(unchanged(&next) && next.diagnostics.is_empty(), "{what}");
    }
}

#[test]
fn no_cache_neither_reads_nor_writes_the_cache_folder() {
    let f = site();
    let outcome = build(&f, NOW, Use::Bypass);
    assert!(!unchanged(&outcome));
    assert!(!f.root().join(".bantin-cache").exists());
    let bypassed = output(&f);
    assert!(bypassed.keys().any(|p| p.starts_with("_img")));
    // The same output through the cache; with a warm cache and an
    // output of the same inputs, everything is still built.
    build(&f, NOW, Use::Cache);
    assert_eq!(output(&f), bypassed);
    assert!(!unchanged(&build(&f, NOW, Use::Bypass)));
    // From the command line too.
    f.run(&["build", "--no-cache", "--now", NOW]).assert_ok();
    assert_eq!(output(&f), bypassed);
}
