//! Content discovery and reading: `content/**/*.md` → `SourceArticle`s.
//!
//! Takes the site root and the configured languages; returns every article
//! that could be read, in path order, and a diagnostic for every one that
//! could not. Text is read through `files` (inside the site, size-limited,
//! BOM, CRLF and NFC normalised) so later stages see one form only.

mod front_matter;
mod hints;
pub mod lead_images;
mod values;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::files::{read_text, walk};

pub use front_matter::{
    DateRule, FrontMatter, Key, KeyLines, known_keys, parse as parse_front_matter,
};
pub use values::Correction;

/// The folder of `content/` whose files are standalone pages, not news.
pub const PAGES_DIR: &str = "pages";

#[derive(Debug, Clone)]
pub struct SourceArticle {
    /// The path shown in messages: the site root joined with `content/…`.
    pub path: PathBuf,
    /// Relative to `content/`, with '/' separators: `2023/report.vi.md`.
    pub rel_path: String,
    /// The folder part of `rel_path` ("" at the top).
    pub dir: String,
    /// The file name without language suffix and `.md`: `report`.
    pub stem: String,
    pub lang: String,
    pub front: FrontMatter,
    /// Where the keys later checks report on are in the file.
    pub key_lines: KeyLines,
    /// Front-matter values that parse but are almost surely mistakes.
    pub warnings: Vec<Diagnostic>,
    pub body: Body,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// A hash of the file's text: `serve` re-renders what depends on an
    /// article only when this changes.
    pub fingerprint: u64,
}

/// An article's Markdown after the front matter. A one-shot build lets go
/// of each body once its article is rendered: on a large site the bodies
/// are a hundred megabytes that nothing reads again. `serve` keeps them.
#[derive(Debug)]
pub struct Body(Mutex<Option<String>>);

impl Body {
    pub fn new(text: String) -> Body {
        Body(Mutex::new(Some(text)))
    }

    /// Calls `f` with the text.
    ///
    /// # Panics
    /// If the body was released: a bug in the caller, never bad input.
    pub fn with<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        let text = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(text
            .as_deref()
            .expect("an article's body read after its release"))
    }

    pub fn release(&self) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl Clone for Body {
    fn clone(&self) -> Body {
        Body(Mutex::new(
            self.0.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        ))
    }
}

impl SourceArticle {
    /// A standalone page (`content/pages/…`): no date needed, in no
    /// listing, archive or feed.
    pub fn is_page(&self) -> bool {
        is_page_path(&self.rel_path)
    }

    /// An error on the line of front-matter `key` (or the file as a whole).
    pub fn error_at_key(&self, key: Key, message: impl Into<String>) -> Diagnostic {
        self.at_key(key, Diagnostic::error(&self.path, message))
    }

    pub fn warning_at_key(&self, key: Key, message: impl Into<String>) -> Diagnostic {
        self.at_key(key, Diagnostic::warning(&self.path, message))
    }

    fn at_key(&self, key: Key, d: Diagnostic) -> Diagnostic {
        d.at(self.key_lines.line(key).unwrap_or(1), 1)
    }
}

/// What reading one content file gave.
pub type ReadResult = Result<SourceArticle, Vec<Diagnostic>>;

/// Reads every article under `root/content`.
pub fn load(root: &Path, config: &Config) -> (Vec<SourceArticle>, Vec<Diagnostic>) {
    let (files, mut diagnostics) = load_each(root, config);
    let mut articles = Vec::with_capacity(files.len());
    for (_, result) in files {
        match result {
            Ok(article) => articles.push(article),
            Err(errors) => diagnostics.extend(errors),
        }
    }
    (articles, diagnostics)
}

/// Reads every article under `root/content`, each with its content path;
/// the diagnostics are the walk's own (link loops, unreadable folders).
pub fn load_each(root: &Path, config: &Config) -> (Vec<(String, ReadResult)>, Vec<Diagnostic>) {
    let walk = walk::files(
        root,
        &root.join("content"),
        |name| name.ends_with(".md"),
        &[],
    );
    let results = walk
        .files
        .par_iter()
        .with_max_len(crate::SHARE)
        .map(|file| (file.rel_path.clone(), read_article(root, file, config)))
        .collect();
    (results, walk.problems)
}

/// Reads the one article at content path `rel_path` (in NFC), as `load`
/// would; `None` when `load` would not read it (gone, hidden, not `*.md`).
pub fn load_one(root: &Path, rel_path: &str, config: &Config) -> Option<ReadResult> {
    let hidden = rel_path.split('/').any(|part| walk::is_hidden(part, &[]));
    if hidden || !rel_path.ends_with(".md") {
        return None;
    }
    let abs_path = root.join("content").join(rel_path);
    if !abs_path.is_file() {
        return None;
    }
    if let Err(d) = walk::check_inside(root, &abs_path) {
        return Some(Err(vec![d]));
    }
    let file = walk::Found {
        abs_path,
        rel_path: rel_path.to_string(),
    };
    Some(read_article(root, &file, config))
}

fn read_article(
    root: &Path,
    file: &walk::Found,
    config: &Config,
) -> Result<SourceArticle, Vec<Diagnostic>> {
    let path = root.join("content").join(&file.rel_path);
    let (dir, file_name) = match file.rel_path.rsplit_once('/') {
        Some((dir, name)) => (dir.to_string(), name),
        None => (String::new(), file.rel_path.as_str()),
    };
    let (stem, lang) =
        split_language(file_name, config).map_err(|m| vec![Diagnostic::error(&path, m)])?;
    let text = read_text(&file.abs_path, &path).map_err(|d| vec![d])?;
    let date_rule = if is_page_path(&file.rel_path) {
        DateRule::Optional
    } else {
        DateRule::Required
    };
    let parsed = front_matter::parse(&path, &text, &config.timezone, date_rule)?;
    let fingerprint = crate::fingerprint::of(&text);
    Ok(SourceArticle {
        path,
        rel_path: file.rel_path.clone(),
        dir,
        stem,
        lang,
        front: parsed.front,
        key_lines: parsed.key_lines,
        warnings: parsed.warnings,
        body: Body::new(parsed.body),
        body_line: parsed.body_line,
        fingerprint,
    })
}

pub fn is_page_path(rel_path: &str) -> bool {
    rel_path
        .strip_prefix(PAGES_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// `report.en.md` → (`report`, `en`); `report.md` → (`report`, default).
/// A suffix that looks like a language code but is not configured is an
/// error rather than part of the name, since it is almost always a typo.
fn split_language(file_name: &str, config: &Config) -> Result<(String, String), String> {
    let name = file_name.strip_suffix(".md").unwrap_or(file_name);
    let default = config.default_language().code.clone();
    let Some((stem, suffix)) = name.rsplit_once('.') else {
        return Ok((name.to_string(), default));
    };
    if config.language(suffix).is_some() {
        return Ok((stem.to_string(), suffix.to_string()));
    }
    let looks_like_code =
        (2..=3).contains(&suffix.len()) && suffix.bytes().all(|b| b.is_ascii_lowercase());
    if looks_like_code {
        let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        return Err(crate::msg!(
            "source-unknown-language",
            code = suffix,
            known = known.join(", ")
        ));
    }
    Ok((name.to_string(), default))
}

/// The site's own `static/` files (output path → file), copied verbatim.
/// Hidden files (`.git/`, `.env`, `.htpasswd`) are secrets or clutter far
/// more often than pages, so they are left out, with a warning naming them;
/// `.well-known/` (`security.txt`, app links) is published.
pub fn static_files(root: &Path) -> (BTreeMap<String, PathBuf>, Vec<Diagnostic>) {
    let dir = root.join("static");
    let walk = walk::files(root, &dir, |_| true, &[walk::WELL_KNOWN]);
    let mut problems = walk.problems;
    // What the system leaves in every folder is not worth a warning.
    let named: Vec<String> = walk
        .hidden
        .into_iter()
        .filter(|rel| {
            let name = rel.trim_end_matches('/').rsplit('/').next().unwrap_or(rel);
            name != ".DS_Store" && !name.starts_with("._")
        })
        .collect();
    if !named.is_empty() {
        const SHOWN: usize = 10;
        let mut list = named
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if named.len() > SHOWN {
            list.push_str(&format!(
                " {}",
                crate::msg!("source-and-more", more = named.len() - SHOWN)
            ));
        }
        problems.push(Diagnostic::warning(
            &dir,
            crate::msg!(
                "source-hidden",
                files = crate::diag::shown(&list),
                kept = walk::WELL_KNOWN
            ),
        ));
    }
    let files = walk
        .files
        .into_iter()
        .map(|file| (file.rel_path, file.abs_path))
        .collect();
    (files, problems)
}

/// `data/views.yaml`: view counts known at build time, keyed by content path
/// (`2023/report.vi.md`) or translation key (`2023/report`). Missing is fine.
pub fn load_views(root: &Path) -> (BTreeMap<String, u64>, Vec<Diagnostic>) {
    let path = root.join("data").join("views.yaml");
    if !path.exists() {
        return (BTreeMap::new(), Vec::new());
    }
    let text = match walk::check_inside(root, &path).and_then(|()| read_text(&path, &path)) {
        Ok(text) => text,
        Err(d) => return (BTreeMap::new(), vec![d]),
    };
    match crate::yaml::from_str::<BTreeMap<String, u64>>(&text) {
        Ok(views) => (views, Vec::new()),
        Err(err) => (BTreeMap::new(), vec![crate::config::yaml_error(&path, err)]),
    }
}
