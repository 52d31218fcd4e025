//! Fixture sites for integration tests: a temporary folder with a
//! `config.yaml`, articles written by the test, and the real `bantin`
//! binary run on it.
#![allow(dead_code)]

pub mod html;
pub mod http;
pub mod photos;
pub mod serve;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

pub const CONFIG: &str = "title:\n  vi: Cổng tin\n  en: News Portal\nbase_url: https://example.org/\ndefault_language: vi\nlanguages:\n  vi: { name: Tiếng Việt }\n  en: { name: English }\ntimezone: \"+07:00\"\npaginate: 2\n";

/// Every file below a folder → its bytes.
pub type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

pub struct Fixture {
    dir: TempDir,
}

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert_eq!(
            self.status, 0,
            "stderr:\n{}\nstdout:\n{}",
            self.stderr, self.stdout
        );
        self
    }

    #[track_caller]
    pub fn assert_error(&self, needle: &str) -> &Run {
        assert_eq!(self.status, 1, "expected exit 1; stderr:\n{}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "expected {needle:?} in stderr:\n{}",
            self.stderr
        );
        self
    }
}

impl Fixture {
    /// A site with one good article, built once, and its output: a test
    /// can break the site and check that this first output survives.
    pub fn built_one() -> (Fixture, Snapshot) {
        let f = Fixture::new();
        f.article(
            "2023/good.vi.md",
            "Bài tốt",
            "2023-06-05",
            "",
            "Nội dung.\n",
        );
        f.build().assert_ok();
        let before = Fixture::snapshot(&f.public());
        assert!(!before.is_empty());
        (f, before)
    }

    /// A bilingual site (vi default, en) with `CONFIG` and no content.
    pub fn new() -> Fixture {
        let f = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        f.write("config.yaml", CONFIG);
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Fixture {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// An article at `content/<rel>` with the given title and date, extra
    /// front-matter lines, and body.
    pub fn article(&self, rel: &str, title: &str, date: &str, extra: &str, body: &str) -> &Fixture {
        self.write(
            &format!("content/{rel}"),
            &format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n{body}"),
        )
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run bantin");
        Run {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }

    /// Every file below `dir` (relative path → bytes).
    pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        if dir.exists() {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(dir).unwrap().to_path_buf();
                    files.insert(rel, fs::read(entry.path()).unwrap());
                }
            }
        }
        files
    }

    /// Every file of the fixture folder outside `public/`.
    pub fn files_outside_output(&self) -> Vec<PathBuf> {
        Fixture::snapshot(self.root())
            .into_keys()
            .filter(|p| !p.starts_with("public"))
            .collect()
    }
}

/// The text of the first element matching `start` up to `end`, for small
/// assertions on one part of a page.
pub fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not in page"));
    let rest = &page[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

/// A line of a code frame under a diagnostic (`2 | title: …`, the marker
/// line, `= how to fix: …`) rather than a `path:line:column: message` line.
pub fn is_frame_line(line: &str) -> bool {
    line.starts_with(' ')
        || line.trim_start().starts_with('|')
        || line
            .split_once(" |")
            .is_some_and(|(number, _)| number.chars().all(|c| c.is_ascii_digit()))
}
