//! Fuzzing the whole pipeline, from the bytes of a generated site to the
//! files `bantin build` writes, with the real binary under a memory and a
//! time cap per case.
//!
//! Each test is one target: a generator of whole sites that leans on one
//! kind of hostile input (long tokens and lines, deep and repeated markup,
//! hostile raw HTML, symlinked trees, broken bytes and front matter) while
//! mixing in the others, and every case is held to every invariant in
//! `check_site`. `cargo test` runs a few cases per target from a fixed seed;
//! `FUZZ_CASES=5000` searches longer, and then a failing case does not stop
//! the search: every failure is counted and printed at the end (see
//! tests/README.md for the other knobs).

mod common;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::os::unix::fs::symlink;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::{Union, ValueTree};
use proptest::test_runner::{Config as ProptestConfig, RngSeed, TestCaseError, TestRunner};

use common::html;

// ---------------------------------------------------------------------------
// Caps and bounds
// ---------------------------------------------------------------------------

/// Address space per run (`FUZZ_MEM_MB`): an article that needs more than
/// this is a finding, not a test to wait for.
const MEM_MB: u64 = 1024;
/// CPU seconds per run (`FUZZ_CPU_SECS`), and wall-clock seconds after which
/// the watchdog kills it (`FUZZ_WALL_SECS`).
const CPU_SECS: u64 = 30;
const WALL_SECS: u64 = 60;
/// The output bound: a successful build writes at most
/// `OUTPUT_FACTOR × input bytes + OUTPUT_SLACK` bytes. Every article shows
/// up in a handful of listings, feeds and the search index, so a linear
/// factor this generous only trips on amplification.
const OUTPUT_FACTOR: u64 = 200;
const OUTPUT_SLACK: u64 = 2 << 20;

/// Text of the files placed next to the site, which symlinks inside the
/// site point at: it must never reach the output or the build log.
const SECRET: &str = "SECRET-c0ffee-outside-the-site";

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The binary under test: `BANTIN_BIN` (e.g. a release build, for long
/// searches) or this crate's.
fn binary() -> PathBuf {
    std::env::var_os("BANTIN_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_bantin")))
}

fn has_prlimit() -> bool {
    static FOUND: OnceLock<bool> = OnceLock::new();
    *FOUND.get_or_init(|| {
        Command::new("prlimit")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

struct Outcome {
    /// The exit status, or `None` when a signal ended the run.
    status: Option<i32>,
    signal: Option<i32>,
    timed_out: bool,
    stdout: String,
    stderr: String,
}

impl Outcome {
    fn describe(&self) -> String {
        match (self.status, self.signal, self.timed_out) {
            (_, _, true) => "killed by the wall-clock watchdog".to_owned(),
            (Some(code), _, _) => format!("exit {code}"),
            (None, Some(sig), _) => format!("killed by signal {sig}"),
            (None, None, _) => "no status".to_owned(),
        }
    }
}

/// Runs the binary in `root` under the memory and CPU caps (through
/// `prlimit`, or the shell's `ulimit` where it is missing) and a wall-clock
/// watchdog. Output goes to files in `logs`, so a chatty run cannot block.
fn run_capped(root: &Path, args: &[&str], logs: &Path) -> Outcome {
    let mem = env_u64("FUZZ_MEM_MB", MEM_MB) << 20;
    let cpu = env_u64("FUZZ_CPU_SECS", CPU_SECS);
    let wall = Duration::from_secs(env_u64("FUZZ_WALL_SECS", WALL_SECS));
    let mut command = if has_prlimit() {
        let mut c = Command::new("prlimit");
        c.arg(format!("--as={mem}"))
            .arg(format!("--cpu={cpu}"))
            .arg("--")
            .arg(binary());
        c
    } else {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg(format!(
                "ulimit -v {}; ulimit -t {cpu}; exec \"$0\" \"$@\"",
                mem >> 10
            ))
            .arg(binary());
        c
    };
    let out_path = logs.join("stdout");
    let err_path = logs.join("stderr");
    command
        .args(args)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap());
    let mut child = command.spawn().expect("run bantin");
    let deadline = Instant::now() + wall;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            timed_out = true;
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    Outcome {
        status: status.code(),
        signal: status.signal(),
        timed_out,
        stdout: read(&out_path),
        stderr: read(&err_path),
    }
}

// ---------------------------------------------------------------------------
// Sites
// ---------------------------------------------------------------------------

/// A generated site: files (path relative to the site root → bytes) and
/// symlinks (path → target; `{outer}` stands for the folder holding the
/// site and the secrets). Links are made first, and a file whose path goes
/// through a link is skipped, so writing a case never writes outside it.
#[derive(Clone, Debug)]
struct Site {
    files: Vec<(String, Vec<u8>)>,
    links: Vec<(String, String)>,
}

impl Site {
    /// Whether the config lets raw HTML through untouched, where script in
    /// a page is the author's choice.
    fn allows_raw_html(&self) -> bool {
        self.files.iter().any(|(path, bytes)| {
            path == "config.yaml" && String::from_utf8_lossy(bytes).contains("raw_html: allow")
        })
    }

    /// A short account of the case: every path with its size and both ends
    /// of its text, every link, and the whole config.
    fn describe(&self) -> String {
        let mut out = String::new();
        for (path, bytes) in &self.files {
            let text = String::from_utf8_lossy(bytes);
            if path == "config.yaml" || bytes.len() <= 400 {
                out += &format!("  {path} ({} bytes): {text:?}\n", bytes.len());
            } else {
                let head: String = text.chars().take(240).collect();
                let tail: String = {
                    let chars: Vec<char> = text.chars().collect();
                    chars[chars.len().saturating_sub(120)..].iter().collect()
                };
                out += &format!("  {path} ({} bytes): {head:?} … {tail:?}\n", bytes.len());
            }
        }
        for (path, target) in &self.links {
            out += &format!("  {path} -> {target}\n");
        }
        out
    }

    /// Writes the site into `root`, a folder inside `outer`.
    fn write(&self, outer: &Path, root: &Path) {
        for (path, target) in &self.links {
            let at = root.join(path);
            if at.symlink_metadata().is_ok() || through_link(root, path) {
                continue;
            }
            fs::create_dir_all(at.parent().unwrap()).unwrap();
            if through_link(root, path) {
                continue;
            }
            let target = target.replace("{outer}", &outer.display().to_string());
            symlink(target, &at).unwrap();
        }
        for (path, bytes) in &self.files {
            let at = root.join(path);
            if through_link(root, path) || at.symlink_metadata().is_ok_and(|m| !m.is_file()) {
                continue;
            }
            if fs::create_dir_all(at.parent().unwrap()).is_ok() && !through_link(root, path) {
                let _ = fs::write(&at, bytes);
            }
        }
    }
}

/// Whether a folder on the way to `rel` below `root` is a symlink.
fn through_link(root: &Path, rel: &str) -> bool {
    let mut at = root.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for part in &parts[..parts.len() - 1] {
        at.push(part);
        if at
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return true;
        }
    }
    false
}

/// The files next to the site that its symlinks may point at.
fn write_secrets(outer: &Path) {
    let article = format!("---\ntitle: {SECRET}\ndate: 2023-06-05\n---\n{SECRET}\n");
    let files = [
        ("secret.txt".to_owned(), format!("{SECRET}\n")),
        ("secret-article.md".to_owned(), article.clone()),
        ("secretdir/key.txt".to_owned(), format!("{SECRET}\n")),
        ("secretdir/leak.md".to_owned(), article),
        ("secretdir/views.yaml".to_owned(), format!("{SECRET}: 1\n")),
        (
            "secret-theme/templates/article.html".to_owned(),
            format!("{{% extends \"base.html\" %}}{{% block main %}}{SECRET}{{% endblock main %}}"),
        ),
        (
            "secret-theme/static/leak.txt".to_owned(),
            format!("{SECRET}\n"),
        ),
    ];
    for (path, text) in files {
        let at = outer.join(path);
        fs::create_dir_all(at.parent().unwrap()).unwrap();
        fs::write(at, text).unwrap();
    }
}

/// What a folder holds, without following links: files with their bytes,
/// links with their targets, folders.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut entries = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
        let kind = entry.file_type();
        let value = if kind.is_symlink() {
            let mut v = b"link:".to_vec();
            v.extend(
                fs::read_link(entry.path())
                    .unwrap()
                    .as_os_str()
                    .as_encoded_bytes(),
            );
            v
        } else if kind.is_file() {
            fs::read(entry.path()).unwrap_or_default()
        } else {
            b"dir".to_vec()
        };
        entries.insert(rel, value);
    }
    entries
}

/// The output of a good build, copied into each case as its previous
/// output, so a failed build can be seen to leave it alone.
fn baseline_output() -> &'static BTreeMap<PathBuf, Vec<u8>> {
    static OUTPUT: OnceLock<BTreeMap<PathBuf, Vec<u8>>> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("config.yaml"), common::CONFIG).unwrap();
        fs::write(
            root.join("content/good.md"),
            "---\ntitle: Bài tốt\ndate: 2023-06-05\n---\nNội dung.\n",
        )
        .unwrap();
        let logs = tempfile::tempdir().unwrap();
        let run = run_capped(root, &["build", "--quiet"], logs.path());
        assert_eq!(run.status, Some(0), "baseline build: {}", run.stderr);
        tree(&root.join("public"))
    })
}

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

thread_local! {
    /// Cases whose build succeeded, so that the output checks ran, in this
    /// test's thread.
    static BUILT: Cell<u64> = const { Cell::new(0) };
    /// Why builds failed, by their first line's message: what stopped the
    /// cases that did not reach the output checks.
    static REFUSALS: RefCell<BTreeMap<String, u64>> = const { RefCell::new(BTreeMap::new()) };
}

fn refused(stderr: &str) {
    let first = stderr.lines().next().unwrap_or_default();
    let message = first.split_once(": ").map_or(first, |(_, m)| m);
    let key: String = message.chars().take(50).collect();
    REFUSALS.with_borrow_mut(|r| *r.entry(key).or_default() += 1);
}

/// Builds and checks the site under the caps and holds the runs to every
/// invariant; the error names the first one broken.
fn check_site(site: &Site) -> Result<(), TestCaseError> {
    let outer = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let root = outer.path().join("site");
    fs::create_dir_all(&root).unwrap();
    write_secrets(outer.path());
    site.write(outer.path(), &root);
    let public = root.join("public");
    for (rel, bytes) in baseline_output() {
        let at = public.join(rel);
        if bytes == b"dir" {
            fs::create_dir_all(at).unwrap();
        } else {
            fs::create_dir_all(at.parent().unwrap()).unwrap();
            fs::write(at, bytes).unwrap();
        }
    }
    let outside_before = tree(outer.path());
    let input_bytes: u64 = outside_before
        .iter()
        .filter(|(p, v)| p.starts_with("site") && !p.starts_with("site/public") && *v != b"dir")
        .map(|(_, v)| v.len() as u64)
        .sum();

    // `check` first: it must write nothing at all.
    let check = run_capped(&root, &["check"], logs.path());
    exits_cleanly("check", &check)?;
    prop_assert!(
        tree(outer.path()) == outside_before,
        "check wrote files: {}",
        changed(&outside_before, &tree(outer.path()))
    );

    let build = run_capped(&root, &["build", "--quiet"], logs.path());
    exits_cleanly("build", &build)?;
    let outside_after = tree(outer.path());
    let without_output = |t: &BTreeMap<PathBuf, Vec<u8>>| -> BTreeMap<PathBuf, Vec<u8>> {
        t.iter()
            // The output, and the build cache SPEC puts in the site.
            .filter(|(p, _)| !p.starts_with("site/public") && !p.starts_with("site/.bantin-cache"))
            .map(|(p, v)| (p.clone(), v.clone()))
            .collect()
    };
    prop_assert!(
        without_output(&outside_after) == without_output(&outside_before),
        "build wrote outside the output: {}",
        changed(
            &without_output(&outside_before),
            &without_output(&outside_after)
        )
    );
    if build.status == Some(1) {
        refused(&build.stderr);
        prop_assert!(
            tree(&public) == *baseline_output(),
            "failed build changed the previous output"
        );
        // `check` validates everything `build` does (README).
        prop_assert!(
            check.status == Some(1),
            "build failed but check passed: {}",
            build.stderr.lines().next().unwrap_or_default()
        );
        return Ok(());
    }
    BUILT.set(BUILT.get() + 1);
    prop_assert!(public.join(".bantin").is_file(), "no .bantin in the output");
    let output = tree(&public);
    let output_bytes: u64 = output
        .values()
        .filter(|v| *v != b"dir")
        .map(|v| v.len() as u64)
        .sum();
    let bound = OUTPUT_FACTOR * input_bytes + OUTPUT_SLACK;
    prop_assert!(
        output_bytes <= bound,
        "output bound: {output_bytes} bytes written from {input_bytes} bytes of input (bound {bound})"
    );
    let statics: Vec<PathBuf> = site
        .files
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("static/").map(PathBuf::from))
        .collect();
    for (rel, bytes) in &output {
        prop_assert!(
            !contains(bytes, SECRET.as_bytes()),
            "a file from outside the site is published: {}",
            rel.display()
        );
        let page = rel.extension().is_some_and(|e| e == "html") && !statics.contains(rel);
        if page && !site.allows_raw_html() {
            let hazards = html::page_hazards(&String::from_utf8_lossy(bytes), html::theme_script);
            prop_assert!(
                hazards.is_empty(),
                "script in page {}: {hazards:#?}",
                rel.display()
            );
        }
    }
    Ok(())
}

/// Exit 0 or 1 within the caps, no panic, no secret in the log, and on
/// exit 1 every line names the input at fault.
fn exits_cleanly(what: &str, run: &Outcome) -> Result<(), TestCaseError> {
    let stderr_tail = || {
        let lines: Vec<&str> = run.stderr.lines().collect();
        lines[lines.len().saturating_sub(8)..]
            .iter()
            .map(|l| l.chars().take(300).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    prop_assert!(
        matches!(run.status, Some(0 | 1)),
        "{what}: {}{} (caps: {} MB, {} s CPU, {} s wall); stderr ends:\n{}",
        run.describe(),
        // Kept in the first line, which failures are counted by.
        if run.stderr.contains("overflowed its stack") {
            ", stack overflow"
        } else if run.stderr.contains("memory allocation of") {
            ", out of memory"
        } else {
            ""
        },
        env_u64("FUZZ_MEM_MB", MEM_MB),
        env_u64("FUZZ_CPU_SECS", CPU_SECS),
        env_u64("FUZZ_WALL_SECS", WALL_SECS),
        stderr_tail()
    );
    prop_assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("overflowed its stack"),
        "{what}: panic: {}",
        stderr_tail()
    );
    prop_assert!(
        !run.stderr.contains(SECRET) && !run.stdout.contains(SECRET),
        "{what}: a file from outside the site is printed in the log"
    );
    if run.status == Some(1) {
        let mut lines: Vec<&str> = run.stderr.lines().collect();
        let last = lines.pop().unwrap_or_default();
        prop_assert!(
            last.ends_with("found; nothing was written."),
            "{what}: last line {last:?}"
        );
        // Template errors quote the template under their first line
        // (` --> file:line:column`, `3 | text`, `  |   ^^^`).
        let quoted = |line: &str| {
            line.starts_with(' ')
                || line
                    .split_once(" |")
                    .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
        };
        for line in lines.into_iter().filter(|l| !quoted(l)) {
            check_message_line(what, line)?;
        }
    }
    Ok(())
}

/// `path:line:column: message` or `path: message`, the path one of the
/// site's inputs or its output.
fn check_message_line(what: &str, line: &str) -> Result<(), TestCaseError> {
    // An input folder or file, or the output, named alone or as the
    // first part of a path.
    const PREFIXES: [&str; 6] = [
        "content",
        "config.yaml",
        "static",
        "themes",
        "data",
        "public",
    ];
    let shown: String = line.chars().take(300).collect();
    let rest = PREFIXES
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .filter(|rest| rest.starts_with(['/', ':']))
        .ok_or_else(|| TestCaseError::fail(format!("{what}: {shown:?} names no input path")))?;
    let (head, message) = rest
        .split_once(": ")
        .ok_or_else(|| TestCaseError::fail(format!("{what}: no `: message` in {shown:?}")))?;
    prop_assert!(
        !message.trim().is_empty(),
        "{what}: empty message in {shown:?}"
    );
    let mut position = head.rsplit(':');
    if let (Some(column), Some(line_no)) = (position.next(), position.next()) {
        if column.parse::<usize>().is_ok() {
            prop_assert!(
                line_no.parse::<usize>().is_ok(),
                "{what}: bad position in {shown:?}"
            );
        }
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    let mut paths: Vec<String> = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(*v))
        .map(|(p, _)| format!("+{}", p.display()))
        .collect();
    paths.extend(
        before
            .keys()
            .filter(|p| !after.contains_key(*p))
            .map(|p| format!("-{}", p.display())),
    );
    paths.truncate(12);
    paths.join(", ")
}

// ---------------------------------------------------------------------------
// The runner: a fixed seed and a few cases in `cargo test`; with
// FUZZ_CASES a long search that records every failure and goes on.
// ---------------------------------------------------------------------------

fn fuzz(target: &str, seed: u64, default_cases: u32, strategy: impl Strategy<Value = Site>) {
    let search = std::env::var("FUZZ_CASES").is_ok();
    let cases = env_u64("FUZZ_CASES", u64::from(default_cases));
    let seconds = env_u64("FUZZ_SECONDS", u64::MAX / 4);
    let seed = env_u64("FUZZ_SEED", seed);
    let mut runner = TestRunner::new(ProptestConfig {
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let started = Instant::now();
    let mut executions = 0u64;
    let mut failures: BTreeMap<String, (u64, String)> = BTreeMap::new();
    while executions < cases && started.elapsed() < Duration::from_secs(seconds) {
        let mut tree = strategy.new_tree(&mut runner).unwrap();
        executions += 1;
        let Err(error) = check_site(&tree.current()) else {
            continue;
        };
        if search {
            let kind = failure_kind(&error.to_string());
            let entry = failures.entry(kind).or_insert((0, String::new()));
            entry.0 += 1;
            if entry.0 == 1 {
                entry.1 = format!("{error}\n{}", tree.current().describe());
                keep(target, executions, &tree.current());
                log(&format!(
                    "{target}: case {executions}: new failure\n{}\n",
                    entry.1
                ));
            }
            continue;
        }
        let (error, site) = shrink(&mut tree, error);
        panic!(
            "{target}: case {executions} (seed {seed}) fails: {error}\nsmallest site found:\n{}",
            site.describe()
        );
    }
    let summary = format!(
        "{target}: {executions} executions ({} built) in {:.0} s, {} failing{}\n",
        BUILT.get(),
        started.elapsed().as_secs_f64(),
        failures.values().map(|(n, _)| n).sum::<u64>(),
        failures
            .iter()
            .map(|(kind, (n, first))| format!("\n--- {n} × {kind}\nfirst:\n{first}"))
            .collect::<String>()
    );
    let mut refusals: Vec<(u64, String)> =
        REFUSALS.with_borrow(|r| r.iter().map(|(k, n)| (*n, k.clone())).collect());
    refusals.sort_by(|a, b| b.cmp(a));
    let refusals: String = refusals
        .iter()
        .take(12)
        .map(|(n, k)| format!("  {n} × {k}\n"))
        .collect();
    eprintln!("{summary}builds refused:\n{refusals}");
    log(&format!("{summary}builds refused:\n{refusals}"));
    assert!(failures.is_empty(), "{summary}");
}

/// Appends to the file `FUZZ_LOG` names, if any, so a long search can be
/// followed while it runs.
fn log(text: &str) {
    if let Ok(path) = std::env::var("FUZZ_LOG") {
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    }
}

/// Simplifies a failing case while it keeps failing, within
/// `FUZZ_SHRINK_SECS` (each step runs the binary).
fn shrink(tree: &mut impl ValueTree<Value = Site>, error: TestCaseError) -> (String, Site) {
    let budget = Duration::from_secs(env_u64("FUZZ_SHRINK_SECS", 60));
    let started = Instant::now();
    let mut last = (error.to_string(), tree.current());
    while started.elapsed() < budget && tree.simplify() {
        match check_site(&tree.current()) {
            Err(e) => last = (e.to_string(), tree.current()),
            Ok(()) => {
                if !tree.complicate() {
                    break;
                }
            }
        }
    }
    last
}

/// A failure's class for counting: the first line of its message, up to
/// the numbers that vary from case to case.
fn failure_kind(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    let cut = [" (caps", " bytes written", " [", " {"]
        .iter()
        .filter_map(|m| first.find(m))
        .min()
        .unwrap_or(first.len());
    let kind = &first[..cut];
    let kind = match kind.strip_suffix(|c: char| c.is_ascii_digit()) {
        Some(_) if kind.contains("output bound") => {
            kind.trim_end_matches(|c: char| c.is_ascii_digit())
        }
        _ => kind,
    };
    kind.chars().take(200).collect()
}

/// Saves a failing site under `FUZZ_KEEP/<target>-<case>/` to replay it.
fn keep(target: &str, case: u64, site: &Site) {
    let Ok(dir) = std::env::var("FUZZ_KEEP") else {
        return;
    };
    let at = Path::new(&dir).join(format!("{target}-{case}"));
    let root = at.join("site");
    fs::create_dir_all(&root).unwrap();
    write_secrets(&at);
    site.write(&at, &root);
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

const VI_SENTENCES: &[&str] = &[
    "Sáng 5/6, Ủy ban nhân dân tỉnh Cao Bằng tổ chức hội nghị tổng kết công tác năm 2023.",
    "Đồng chí Chủ tịch nhấn mạnh việc đẩy mạnh chuyển đổi số trong các cơ quan nhà nước.",
    "Người dân xã Quảng Hưng phấn khởi đón nhận đường giao thông nông thôn mới.",
    "Theo Sở Nông nghiệp, diện tích lúa vụ xuân đạt 98% kế hoạch.",
    "Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự.",
    "Dạng tổ hợp: Tie\u{302}\u{301}ng Vie\u{323}\u{302}t, đu\u{31b}o\u{31b}\u{300}ng.",
];

const EN_SENTENCES: &[&str] = &[
    "The provincial people's committee met on Monday to review the year's work.",
    "Officials said the new road would cut travel time to the border gate by half.",
    "Rice planting for the spring crop reached 98 percent of the plan.",
    "Visitors to Ban Gioc waterfall rose sharply in the first quarter.",
];

fn news_paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(select([VI_SENTENCES, EN_SENTENCES].concat()), 1..5)
        .prop_map(|s| s.join(" "))
}

/// One word tens or hundreds of KB long: a letter repeated, a hex dump, or
/// two long words sharing a prefix.
fn long_token() -> impl Strategy<Value = String> {
    let unit = select(&["đ", "a", "ệ", "中", "e\u{323}\u{302}", "0123456789abcdef"]);
    prop_oneof![
        (unit.clone(), 1_000..20_000usize).prop_map(|(u, n)| u.repeat(n)),
        (unit.clone(), 20_000..160_000usize).prop_map(|(u, n)| u.repeat(n)),
        (unit, 10_000..150_000usize).prop_map(|(u, n)| {
            let prefix = u.repeat(n);
            format!("{prefix}x {prefix}y")
        }),
    ]
}

/// A paragraph of ordinary words on one line of up to a few hundred KB.
fn long_line() -> impl Strategy<Value = String> {
    (
        select([VI_SENTENCES, EN_SENTENCES].concat()),
        10..3_000usize,
    )
        .prop_map(|(s, n)| vec![s; n].join(" "))
}

/// Markup nested to a depth: quotes, lists, emphasis, links, raw elements.
fn deep_markup() -> impl Strategy<Value = String> {
    let depth = prop_oneof![3 => 1..200usize, 1 => 200..5_000usize];
    (0..9u8, depth).prop_map(|(kind, n)| match kind {
        0 => format!("{}tin", "> ".repeat(n)),
        1 => format!("{}tin", "- ".repeat(n)),
        2 => (0..n.min(400))
            .map(|i| format!("{}- mục {i}\n", "  ".repeat(i)))
            .collect(),
        3 => format!("{}tin{}", "*".repeat(n), "*".repeat(n)),
        4 => format!("{}tin{}", "_**".repeat(n), "**_".repeat(n)),
        5 => format!("{}x{}", "[".repeat(n), "](/a)".repeat(n)),
        6 => format!("{}tin{}", "<div>".repeat(n), "</div>".repeat(n)),
        7 => format!("{}tin", "<b><i>".repeat(n)),
        _ => format!("{}tin", "1. > - ".repeat(n)),
    })
}

/// Formatting elements left open and carried into many later paragraphs,
/// which an HTML parser reopens at each one.
fn repeated_formatting() -> impl Strategy<Value = String> {
    let element = select(&[
        "b", "i", "em", "strong", "u", "s", "font", "a", "code", "nobr", "big", "small", "tt",
        "strike",
    ]);
    (
        element,
        prop_oneof![1 => 1..40usize, 1 => 40..400usize],
        prop_oneof![1 => 1..200usize, 1 => 200..15_000usize],
        select(&[
            "<p>x\n",
            "<p>tin\n",
            "<li>x\n",
            "<h2>x</h2>\n",
            "<table><td>x\n",
        ]),
    )
        .prop_map(|(el, open, blocks, block)| {
            let mut html = "<div><p>".to_owned();
            for i in 0..open {
                html += &format!("<{el} id=a{i}>");
            }
            html.push('\n');
            html += &block.repeat(blocks);
            html
        })
}

/// Many headings, footnotes or links.
fn many_elements() -> impl Strategy<Value = String> {
    (0..5u8, 1..3_000usize).prop_map(|(kind, n)| {
        (0..n)
            .map(|i| match kind {
                0 => format!("## Tiêu đề {i}\n\n"),
                1 => format!("Chú thích[^{i}].\n\n[^{i}]: ghi chú {i}\n\n"),
                2 => format!("[liên kết {i}](/{i}/) "),
                3 => format!("[ref {i}][r{i}]\n\n[r{i}]: /x/{i}/\n\n"),
                _ => format!("![ảnh {i}](/img/{i}.jpg) "),
            })
            .collect()
    })
}

const HOSTILE_HTML: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<script",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\" javascript:alert(1)\">x</a>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<object data=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<textarea></textarea><script>alert(1)</script>",
    "<title><script>alert(1)</script></title>",
    "<xmp><script>alert(1)</script></xmp>",
    "<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>",
    "<div",
    " onclick=alert(1)",
    "<img src=\"",
    "\" onerror=\"alert(1)",
    "<a href=\"",
    "\">",
    "</a>",
    "</div>",
    "<p>",
    "<table><tr><td>",
    "<!--",
    "-->",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[",
    "]]>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?php x ?>",
    "<!DOCTYPE html>",
    "<template><script>alert(1)</script></template>",
    "[x](javascript:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "![x](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>",
    "[r]\n\n[r]: JaVaScRiPt:alert(1)\n",
    "```\"><script>alert(1)</script>\n",
    "# x {#id onclick=alert(1)}",
    "\n\n",
    "> ",
    "- ",
];

fn hostile_html() -> impl Strategy<Value = String> {
    prop::collection::vec(select(HOSTILE_HTML), 1..24).prop_map(|parts| parts.concat())
}

/// A Markdown body: news paragraphs with hostile blocks between them,
/// `weights` saying how often each kind of hostile block comes.
fn body(weights: [u32; 6]) -> impl Strategy<Value = String> {
    let [token, line, deep, repeated, many, raw] = weights;
    let block = weighted(vec![
        (6, news_paragraph().boxed()),
        (token, long_token().boxed()),
        (line, long_line().boxed()),
        (deep, deep_markup().boxed()),
        (repeated, repeated_formatting().boxed()),
        (many, many_elements().boxed()),
        (raw, hostile_html().boxed()),
    ]);
    prop::collection::vec(block, 0..6).prop_map(|blocks| blocks.join("\n\n"))
}

/// A front-matter value that is a string, for quoting in YAML.
fn title_text(hostile: u32) -> impl Strategy<Value = String> {
    let plain = select(&[
        "Tin Cao Bằng",
        "Hội nghị tổng kết",
        "Provincial news",
        "Tin\u{301}",
        "\"<script>alert(1)</script>\"",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "ĐĐ",
    ]);
    weighted(vec![
        (8, plain.prop_map(str::to_owned).boxed()),
        (
            1,
            (1..6_000usize).prop_map(|n| "Tiêu đề ".repeat(n)).boxed(),
        ),
        (hostile, any::<String>().boxed()),
    ])
}

/// Hostile front-matter lines: long values, aliases, deep nesting, odd
/// types, duplicate and unknown keys.
fn hostile_front_matter_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (1..200_000usize).prop_map(|n| format!("summary: {}", "x".repeat(n))),
        (1..6usize).prop_map(|levels| {
            let mut lines =
                vec!["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]".to_owned()];
            for l in 1..=levels {
                let refs = vec![format!("*a{}", l - 1); 9].join(", ");
                lines.push(format!("a{l}: &a{l} [{refs}]"));
            }
            lines.push(format!("tags: *a{levels}"));
            lines.join("\n")
        }),
        (1..5_000usize).prop_map(|n| format!("tags: {}{}", "[".repeat(n), "]".repeat(n))),
        (1..3_000usize).prop_map(|n| format!("summary: {}", "{a: ".repeat(n))),
        (1..2_000usize).prop_map(|n| format!(
            "category:{}",
            (1..=n)
                .map(|i| format!("\n{}a:", " ".repeat(i)))
                .collect::<String>()
        )),
        select(&[
            "title: [1, 2]",
            "title: {a: b}",
            "title: ~",
            "date: [2023]",
            "date: 2023-02-30",
            "date: 99999-01-01",
            "tags: 5",
            "tags: [a, a, A, \"\"]",
            "views: -1",
            "views: 1e309",
            "views: 18446744073709551616",
            "draft: \"yes\"",
            "slug: ../../x",
            "slug: \"\"",
            "aliases: [\"/../../x\", \"//evil\"]",
            "aliases: [/a/, /a/]",
            "image: javascript:alert(1)",
            "image: \"\\\" onerror=alert(1)\"",
            "author: {a: b}",
            "title: dup\ntitle: dup",
            "tittle: typo",
            "<<: {title: merged}",
            "? [complex]\n: key",
            "title: !!binary aGk=",
            "translation_key: *nothing",
        ])
        .prop_map(str::to_owned),
    ]
}

fn article(body_weights: [u32; 6], hostile_fm: u32) -> impl Strategy<Value = Vec<u8>> {
    let date = select(&[
        "2023-06-05",
        "2023-06-05 08:30",
        "2024-01-01T00:00:00+07:00",
        "2022-12-31",
    ]);
    let optional = prop::sample::subsequence(
        &[
            "tags: [Kinh tế, Xã hội]",
            "category: Thời sự",
            "author: Kim Cúc",
            "summary: Tóm tắt ngắn.",
            "views: 12",
            "translation_key: k1",
            "image: /img/a.jpg",
            "draft: true",
        ][..],
        0..4,
    );
    let hostile = prop::collection::vec(hostile_front_matter_line(), 0..=hostile_fm as usize);
    (
        title_text(hostile_fm),
        date,
        optional,
        hostile,
        body(body_weights),
    )
        .prop_map(|(title, date, optional, hostile, body)| {
            let mut fm = vec![
                format!("title: {}", serde_json::to_string(&title).unwrap()),
                format!("date: {date}"),
            ];
            fm.extend(optional.into_iter().map(str::to_owned));
            fm.extend(hostile);
            format!("---\n{}\n---\n{body}\n", fm.join("\n")).into_bytes()
        })
}

/// Damage to a file's bytes: CRLF or CR line ends, a BOM, NUL bytes,
/// invalid UTF-8 (lone continuation, truncated sequence, overlong form,
/// surrogate), or none.
fn damage(bytes: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    (0..9u8, any::<prop::sample::Index>()).prop_map(move |(kind, at)| {
        let mut bytes = bytes.clone();
        let at = if bytes.is_empty() {
            0
        } else {
            at.index(bytes.len())
        };
        let insert = |b: &mut Vec<u8>, s: &[u8]| {
            let tail = b.split_off(at);
            b.extend_from_slice(s);
            b.extend(tail);
        };
        match kind {
            0 => {
                bytes = String::from_utf8_lossy(&bytes)
                    .replace('\n', "\r\n")
                    .into_bytes()
            }
            1 => {
                bytes = String::from_utf8_lossy(&bytes)
                    .replace('\n', "\r")
                    .into_bytes()
            }
            2 => insert(&mut bytes, "\u{feff}".as_bytes()),
            3 => bytes = ["\u{feff}".as_bytes(), &bytes].concat(),
            4 => insert(&mut bytes, b"\0"),
            5 => insert(&mut bytes, b"\x80"),
            6 => insert(&mut bytes, b"\xe1\xba"),
            7 => insert(&mut bytes, b"\xc0\xaf\xed\xa0\x80\xff"),
            _ => {}
        }
        bytes
    })
}

fn damaged_article(
    body_weights: [u32; 6],
    hostile_fm: u32,
    damage_weight: u32,
) -> impl Strategy<Value = Vec<u8>> {
    weighted(vec![
        (4, article(body_weights, hostile_fm).boxed()),
        (
            damage_weight,
            article(body_weights, hostile_fm)
                .prop_flat_map(damage)
                .boxed(),
        ),
    ])
}

const ARTICLE_PATHS: &[&str] = &[
    "content/a.md",
    "content/a.en.md",
    "content/thoi-su/b.vi.md",
    "content/thoi-su/b.en.md",
    "content/kinh-te/2023/c.md",
    "content/tin tức/đường.md",
    "content/.hidden.md",
];

/// Articles in a language the config may not have.
const ODD_ARTICLE_PATHS: &[&str] = &["content/d.fr.md", "content/e.xx.md"];

/// A config.yaml: the real keys with ordinary and hostile values; `hostile`
/// weighs the odd ones.
fn config(hostile: u32) -> impl Strategy<Value = String> {
    let languages = select(&[
        "default_language: vi\nlanguages:\n  vi: { name: Tiếng Việt }\n  en: { name: English }\n",
        "default_language: en\nlanguages:\n  en: { name: English, paths: { archive: old, tags: t } }\n  vi: { name: Tiếng Việt }\n",
        "default_language: vi\nlanguages:\n  vi: { name: Tiếng Việt }\n  en: { name: English }\n  fr: { name: Français }\n",
    ]);
    let base_url = weighted(vec![
        (
            4,
            select(&[
                "https://example.org/",
                "https://example.org/portal/",
                "http://localhost:1111/",
            ])
            .boxed(),
        ),
        (
            hostile,
            select(&[
                "javascript:alert(1)",
                "https://example.org/\"><script>alert(1)</script>/",
                "//evil.example/",
                "data:text/html,x",
            ])
            .boxed(),
        ),
    ]);
    let title = weighted(vec![
        (
            4,
            select(&[
                "{ vi: Cổng tin, en: News Portal }",
                "Cổng tin",
                "\"<script>alert(1)</script>\"",
            ])
            .prop_map(str::to_owned)
            .boxed(),
        ),
        (
            hostile,
            (1..50_000usize)
                .prop_map(|n| format!("\"{}\"", "Cổng ".repeat(n)))
                .boxed(),
        ),
    ]);
    let extras = (
        select(&["", "timezone: Asia/Ho_Chi_Minh\n", "timezone: \"+07:00\"\n"]),
        select(&["", "paginate: 1\n", "paginate: 2\n"]),
        select(&[
            "",
            "markdown: { raw_html: sanitize }\n",
            "markdown: { raw_html: escape }\n",
            "markdown: { raw_html: allow }\n",
        ]),
        prop::sample::subsequence(
            &[
                "feeds: { limit: 3 }\n",
                "author: Kim Cúc\n",
                "views: { endpoint: https://views.example.org/ }\n",
                "theme: custom\n",
                "description: { vi: Tin tức, en: News }\n",
            ][..],
            0..3,
        ),
    )
        .prop_map(|(tz, paginate, raw, misc)| format!("{tz}{paginate}{raw}{}", misc.concat()));
    let hostile_extras = weighted(vec![
        (4, Just(Vec::new()).boxed()),
        (
            hostile,
            prop::collection::vec(
                prop_oneof![
                    4 => select(&[
                        "vi: { name: Tiếng Việt }\n",
                        "paginate: 0\n",
                        "paginate: 18446744073709551616\n",
                        "timezone: Mars/Olympus\n",
                        "theme: ../../secret-theme\n",
                        "theme: missing\n",
                        "tittle: x\n",
                        "views: { endpoint: \"javascript:alert(1)\" }\n",
                        "description: \"<img src=x onerror=alert(1)>\"\n",
                        "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n",
                        "markdown: { raw_html: maybe }\n",
                    ])
                    .prop_map(str::to_owned),
                    1 => (1..3_000usize)
                        .prop_map(|n| format!("description: {}{}\n", "[".repeat(n), "]".repeat(n))),
                ],
                1..3,
            )
            .boxed(),
        ),
    ]);
    let extras = (extras, hostile_extras).prop_map(|(good, bad)| vec![good, bad.concat()]);
    (title, base_url, languages, extras).prop_map(|(title, base, languages, extras)| {
        format!(
            "title: {title}\nbase_url: {base}\n{languages}{}",
            extras.concat()
        )
    })
}

/// Files of `static/`, `data/` and a `themes/custom/` theme, dot-files
/// among them; `broken` weighs files that fail the build (a static file
/// at a generated page's path, bad YAML).
fn other_files(broken: u32) -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
    let good = select(&[
        ("static/css/site.css", "body { color: #222 }\n"),
        (
            "static/img/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        ),
        (
            "static/about.html",
            "<!doctype html><title>Về chúng tôi</title>\n",
        ),
        ("static/.env", "TOKEN=dot-file\n"),
        ("static/.git/config", "[core]\n"),
        ("static/.htpasswd", "admin:x\n"),
        ("static/a/b/c/d/e/f/g/h/deep.txt", "deep\n"),
        ("data/views.yaml", "{}\n"),
        ("data/views.yaml", "/a/: 10\n"),
        ("data/.keep", ""),
        (
            "themes/custom/templates/article.html",
            "{% extends \"base.html\" %}{% block main %}<h1>{{ article.title }}</h1>{% include \"partial.html\" %}{{ article.body | safe }}{% endblock main %}\n",
        ),
        ("themes/custom/templates/partial.html", "<p>partial</p>\n"),
        ("themes/custom/static/css/extra.css", "p { margin: 0 }\n"),
        ("themes/custom/.DS_Store", "\0\0\0\x01Bud1"),
    ]);
    let bad = select(&[
        ("static/robots.txt", "User-agent: *\n"),
        (
            "static/index.html",
            "<!doctype html><title>Trang chủ</title>\n",
        ),
        ("data/views.yaml", "- [[[[\n"),
        ("themes/custom/i18n/vi.yaml", "not: [a valid\n"),
    ]);
    let file = weighted(vec![(12, good.boxed()), (broken, bad.boxed())]);
    prop::collection::vec(file, 0..8).prop_map(|files| {
        files
            .into_iter()
            .map(|(p, t)| (p.to_owned(), t.as_bytes().to_vec()))
            .collect()
    })
}

/// Symlinks inside the site: to files and folders outside it (absolute and
/// relative), loops, links inside the root, dangling links.
const LINKS: &[(&str, &str)] = &[
    ("static/passwd.txt", "{outer}/secret.txt"),
    ("static/rel-secret.txt", "../../secret.txt"),
    ("static/dirlink", "../../secretdir"),
    ("static/img/up", "../../../secretdir"),
    ("static/loop", "."),
    ("static/sub/loop", ".."),
    ("static/self", "self"),
    ("static/inside", "../content"),
    ("static/config.txt", "../config.yaml"),
    ("static/dangling", "nowhere"),
    ("static", "../secretdir"),
    ("content/linked.md", "../../secret-article.md"),
    ("content/outside", "../../secretdir"),
    ("content/again", "."),
    ("content/twin.md", "a.md"),
    ("data/views.yaml", "../../secretdir/views.yaml"),
    ("data", "{outer}/secretdir"),
    ("themes/custom", "../../secret-theme"),
    (
        "themes/custom/templates/partial.html",
        "../../../../secret.txt",
    ),
    ("themes/custom/static/js/leak.js", "{outer}/secret.txt"),
];

fn links(weight: u32) -> impl Strategy<Value = Vec<(String, String)>> {
    weighted(vec![
        (4, Just(Vec::new()).boxed()),
        (weight, prop::collection::vec(select(LINKS), 1..5).boxed()),
    ])
    .prop_map(|links| {
        links
            .into_iter()
            .map(|(p, t)| (p.to_owned(), t.to_owned()))
            .collect()
    })
}

/// A choice among strategies by weight, leaving out those weighted 0.
fn weighted<T: std::fmt::Debug + 'static>(
    options: Vec<(u32, BoxedStrategy<T>)>,
) -> BoxedStrategy<T> {
    Union::new_weighted(options.into_iter().filter(|(w, _)| *w > 0).collect()).boxed()
}

/// Weights of one target's generator.
struct Mix {
    /// Long token, long line, deep markup, repeated formatting, many
    /// elements, hostile raw HTML: how often each comes in a body.
    body: [u32; 6],
    hostile_front_matter: u32,
    damage: u32,
    hostile_config: u32,
    links: u32,
}

fn site(mix: Mix) -> impl Strategy<Value = Site> {
    let articles = prop::collection::vec(
        (
            weighted(vec![
                (12, select(ARTICLE_PATHS).boxed()),
                (mix.hostile_config, select(ODD_ARTICLE_PATHS).boxed()),
            ]),
            damaged_article(mix.body, mix.hostile_front_matter, mix.damage),
        ),
        1..4,
    );
    let config = weighted(vec![
        (
            8,
            config(mix.hostile_config)
                .prop_map(String::into_bytes)
                .boxed(),
        ),
        (
            mix.damage,
            config(mix.hostile_config)
                .prop_map(String::into_bytes)
                .prop_flat_map(damage)
                .boxed(),
        ),
    ]);
    (
        config,
        articles,
        other_files(mix.hostile_config),
        links(mix.links),
    )
        .prop_map(|(config, articles, others, links)| {
            let mut files = vec![("config.yaml".to_owned(), config)];
            files.extend(articles.into_iter().map(|(p, b)| (p.to_owned(), b)));
            files.extend(others);
            Site { files, links }
        })
}

// ---------------------------------------------------------------------------
// Targets, each named after the invariant its generator leans on; every
// case is held to all of them.
// ---------------------------------------------------------------------------

/// Cases per target in `cargo test`. The seeds are chosen so that these
/// few cases hold an instance of each class the target is for (a stack
/// overflow on a long token, formatting elements reopened at every `<li>`,
/// files reached through symlinks out of the site), so a fix that breaks
/// fails here, not only in a long search.
const CASES: u32 = 10;

#[test]
fn long_tokens_and_lines_never_crash_within_caps() {
    fuzz(
        "long_tokens_and_lines",
        1,
        CASES,
        site(Mix {
            body: [6, 4, 1, 0, 0, 1],
            hostile_front_matter: 0,
            damage: 1,
            hostile_config: 0,
            links: 0,
        }),
    );
}

#[test]
fn deep_and_repeated_markup_keeps_output_bounded() {
    fuzz(
        "deep_and_repeated_markup",
        54,
        CASES,
        site(Mix {
            body: [0, 0, 4, 4, 3, 1],
            hostile_front_matter: 0,
            damage: 1,
            hostile_config: 0,
            links: 0,
        }),
    );
}

#[test]
fn hostile_raw_html_never_runs_in_pages() {
    fuzz(
        "hostile_raw_html",
        3,
        CASES,
        site(Mix {
            body: [0, 0, 1, 1, 0, 8],
            hostile_front_matter: 0,
            damage: 0,
            hostile_config: 0,
            links: 0,
        }),
    );
}

#[test]
fn symlinked_trees_never_publish_outside_files() {
    fuzz(
        "symlinked_trees",
        45,
        CASES,
        site(Mix {
            body: [0, 0, 0, 0, 1, 1],
            hostile_front_matter: 0,
            damage: 0,
            hostile_config: 1,
            links: 12,
        }),
    );
}

#[test]
fn broken_bytes_and_front_matter_fail_cleanly() {
    fuzz(
        "broken_bytes_and_front_matter",
        5,
        CASES,
        site(Mix {
            body: [1, 1, 1, 1, 1, 1],
            hostile_front_matter: 3,
            damage: 6,
            hostile_config: 3,
            links: 1,
        }),
    );
}
