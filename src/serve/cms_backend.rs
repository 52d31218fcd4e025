//! Decap CMS's local backend protocol, answered by `bantin serve` at
//! `cms::BACKEND_PATH`: what Decap's `decap-server` proxy speaks, a JSON
//! `POST` of `{action, params}` (info, entriesByFolder, entriesByFiles,
//! getEntry, persistEntry, getMedia, getMediaFile, persistMedia, deleteFile,
//! deleteFiles, getDeployPreview).
//!
//! Unlike `decap-server`, which may touch the whole repository, it reads and
//! writes only inside `content/` and the media folder: every path is plain
//! names (no `..`, `.`, `%`, `\`, NUL, absolute or empty part) and, after
//! following symlinks, still inside one of the two (refusals are reported
//! to the terminal through `Stopper::report`). Every Markdown file saved is
//! first checked with build's own front-matter rules; a broken one is
//! refused with bantin's message, which Decap shows, and the file stays as
//! it was. Two things Decap writes that are not the editor's are left out:
//! `key: null` lines and the untouched other-language files of a new entry
//! (see `without_null_keys`, `untouched_translation`). A save is a write to
//! a temporary file renamed over the entry, so the watcher sees one change
//! and rebuilds as after an editor's save.
//! Requests from another origin are refused: no CORS header is ever sent.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use serde_json::{Value, json};

use super::watch::Stopper;
use crate::cms::MEDIA_FOLDER;
use crate::config::{self, Config, Overrides};
use crate::diag::{Diagnostic, shown};
use crate::{msg, source};

/// The folders, below the site root, the CMS may read and write.
const ALLOWED: [&str; 2] = ["content", MEDIA_FOLDER];
/// The largest request: a photo of some megabytes, base64-encoded.
pub const MAX_REQUEST: usize = 48 * 1024 * 1024;

pub struct CmsBackend {
    root: PathBuf,
    log: Stopper,
    temp_counter: AtomicU64,
}

/// An answer: the HTTP status and its JSON body.
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    fn ok(body: Value) -> Answer {
        Answer { status: 200, body }
    }

    fn error(status: u16, message: impl Into<String>) -> Answer {
        Answer {
            status,
            body: json!({ "error": message.into() }),
        }
    }
}

#[derive(Deserialize)]
struct Call {
    action: String,
    #[serde(default)]
    params: Value,
}

#[derive(Deserialize)]
struct FolderParams {
    folder: String,
    #[serde(default)]
    extension: String,
    #[serde(default = "one")]
    depth: usize,
}

fn one() -> usize {
    1
}

#[derive(Deserialize)]
struct FileRef {
    path: String,
    label: Option<String>,
}

#[derive(Deserialize)]
struct FilesParams {
    files: Vec<FileRef>,
}

#[derive(Deserialize)]
struct PathParams {
    path: String,
}

#[derive(Deserialize)]
struct PathsParams {
    paths: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MediaFolderParams {
    media_folder: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DataFile {
    path: String,
    raw: String,
    new_path: Option<String>,
}

#[derive(Deserialize)]
struct Asset {
    path: String,
    content: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PersistEntryParams {
    entry: Option<DataFile>,
    data_files: Option<Vec<DataFile>>,
    #[serde(default)]
    assets: Vec<Asset>,
}

#[derive(Deserialize)]
struct PersistMediaParams {
    asset: Asset,
}

/// Why a request was not carried out.
enum Refusal {
    /// A path outside the allowed folders: reported to the terminal.
    Outside(String),
    /// The entry does not pass build's checks: bantin's messages.
    Invalid(String),
    BadRequest(String),
    Io(String),
}

impl CmsBackend {
    pub fn new(root: PathBuf, log: Stopper) -> CmsBackend {
        CmsBackend {
            root,
            log,
            temp_counter: AtomicU64::new(0),
        }
    }

    /// Answers one request body.
    pub fn answer(&self, body: &[u8]) -> Answer {
        let call: Call = match serde_json::from_slice(body) {
            Ok(call) => call,
            Err(e) => return Answer::error(422, msg!("cms-not-a-request", error = e.to_string())),
        };
        match self.act(&call) {
            Ok(body) => Answer::ok(body),
            Err(Refusal::Outside(message)) => {
                self.log.report(Diagnostic::error(
                    "CMS",
                    msg!(
                        "cms-refused",
                        action = call.action.as_str(),
                        why = message.as_str()
                    ),
                ));
                Answer::error(403, message)
            }
            Err(Refusal::Invalid(message)) => Answer::error(422, message),
            Err(Refusal::BadRequest(message)) => Answer::error(422, message),
            Err(Refusal::Io(message)) => Answer::error(500, message),
        }
    }

    fn act(&self, call: &Call) -> Result<Value, Refusal> {
        let params = || call.params.clone();
        match call.action.as_str() {
            "info" => Ok(json!({
                "repo": self.repo_name(),
                "publish_modes": ["simple"],
                "type": "local_fs",
            })),
            "entriesByFolder" => {
                let p: FolderParams = parse(params())?;
                let files = self.list(&p.folder, &p.extension, p.depth)?;
                Ok(Value::Array(
                    files.iter().map(|f| self.entry(f, None)).collect(),
                ))
            }
            "entriesByFiles" => {
                let p: FilesParams = parse(params())?;
                for file in &p.files {
                    self.resolve(&file.path)?;
                }
                Ok(Value::Array(
                    p.files
                        .iter()
                        .map(|f| self.entry(&f.path, f.label.as_deref()))
                        .collect(),
                ))
            }
            "getEntry" => {
                let p: PathParams = parse(params())?;
                self.resolve(&p.path)?;
                Ok(self.entry(&p.path, None))
            }
            "persistEntry" => self.persist_entry(parse(params())?),
            "getMedia" => {
                let p: MediaFolderParams = parse(params())?;
                let files = self.list(&p.media_folder, "", 1)?;
                files.iter().map(|f| self.media_file(f)).collect()
            }
            "getMediaFile" => {
                let p: PathParams = parse(params())?;
                self.media_file(&p.path)
            }
            "persistMedia" => {
                let p: PersistMediaParams = parse(params())?;
                let target = self.resolve(&p.asset.path)?;
                self.write(&target, &decode(&p.asset)?)?;
                self.media_file(&p.asset.path)
            }
            "deleteFile" => {
                let p: PathParams = parse(params())?;
                self.delete(&p.path)?;
                Ok(json!({ "message": format!("deleted file {}", p.path) }))
            }
            "deleteFiles" => {
                let p: PathsParams = parse(params())?;
                // All paths are checked before any file is deleted.
                for path in &p.paths {
                    self.resolve(path)?;
                }
                for path in &p.paths {
                    self.delete(path)?;
                }
                Ok(json!({ "message": format!("deleted files {}", p.paths.join(", ")) }))
            }
            "getDeployPreview" => Ok(Value::Null),
            other => Err(Refusal::BadRequest(msg!(
                "cms-unknown-action",
                action = other
            ))),
        }
    }

    fn repo_name(&self) -> String {
        let root = fs::canonicalize(self.root_dir()).unwrap_or_default();
        root.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".to_string())
    }

    fn root_dir(&self) -> PathBuf {
        if self.root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            self.root.clone()
        }
    }

    /// Every entry is checked and the assets decoded before anything is
    /// written, so a refused save changes nothing.
    fn persist_entry(&self, p: PersistEntryParams) -> Result<Value, Refusal> {
        let files = match (p.data_files, p.entry) {
            (Some(files), _) if !files.is_empty() => files,
            (_, Some(entry)) => vec![entry],
            _ => return Err(Refusal::BadRequest(msg!("cms-no-entry"))),
        };
        let config = config::load(&self.root, &Overrides::default())
            .map_err(|errors| Refusal::Invalid(lines(&errors)))?;
        let several = files.len() > 1;
        let mut writes = Vec::new();
        let mut problems = Vec::new();
        for file in &files {
            let raw = without_null_keys(&file.raw);
            let target = self.resolve(&file.path)?;
            let final_path = match &file.new_path {
                Some(new_path) => new_path.as_str(),
                None => file.path.as_str(),
            };
            let final_target = self.resolve(final_path)?;
            if several && !final_target.exists() && untouched_translation(&config, final_path, &raw)
            {
                continue;
            }
            problems.extend(validate(&config, final_path, &raw));
            writes.push((target, final_target, raw.into_bytes()));
        }
        if !problems.is_empty() {
            return Err(Refusal::Invalid(problems.join("\n")));
        }
        for asset in &p.assets {
            let target = self.resolve(&asset.path)?;
            writes.push((target.clone(), target, decode(asset)?));
        }
        for (target, final_target, bytes) in &writes {
            self.write(final_target, bytes)?;
            if target != final_target {
                fs::remove_file(target)
                    .or_else(|e| {
                        if e.kind() == io::ErrorKind::NotFound {
                            Ok(())
                        } else {
                            Err(e)
                        }
                    })
                    .map_err(|e| io_error(target, &e))?;
            }
        }
        Ok(json!({ "message": "entry persisted" }))
    }

    /// `{data, file: {path, label, id}}`, `data` null when unreadable.
    fn entry(&self, rel: &str, label: Option<&str>) -> Value {
        match self.resolve(rel).ok().and_then(|p| fs::read(p).ok()) {
            Some(bytes) => json!({
                "data": String::from_utf8_lossy(&bytes),
                "file": { "path": rel, "label": label, "id": content_id(&bytes) },
            }),
            None => json!({ "data": null, "file": { "path": rel, "label": label, "id": null } }),
        }
    }

    fn media_file(&self, rel: &str) -> Result<Value, Refusal> {
        let path = self.resolve(rel)?;
        let bytes = fs::read(&path).map_err(|e| io_error(&path, &e))?;
        Ok(json!({
            "id": content_id(&bytes),
            "content": BASE64.encode(&bytes),
            "encoding": "base64",
            "path": rel,
            "name": rel.rsplit('/').next().unwrap_or(rel),
        }))
    }

    /// Files below `folder` down to `depth` levels whose names end with
    /// `extension`, sorted; those leading outside by a symlink are left out.
    fn list(&self, folder: &str, extension: &str, depth: usize) -> Result<Vec<String>, Refusal> {
        let folder = folder.trim_end_matches('/');
        let dir = self.resolve(folder)?;
        let mut found = Vec::new();
        let walk = walkdir::WalkDir::new(&dir)
            .min_depth(1)
            .max_depth(depth.max(1))
            .sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            let Ok(relative) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.') || !name.ends_with(extension) {
                continue;
            }
            let rel = format!("{folder}/{}", relative.to_string_lossy().replace('\\', "/"));
            if let Ok(path) = self.resolve(&rel)
                && path.is_file()
            {
                found.push(rel);
            }
        }
        Ok(found)
    }

    fn delete(&self, rel: &str) -> Result<(), Refusal> {
        let path = self.resolve(rel)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(&path, &e)),
        }
    }

    /// Writes beside the target and renames over it: readers never see half
    /// a file, and two saves of different entries never touch each other.
    fn write(&self, target: &Path, bytes: &[u8]) -> Result<(), Refusal> {
        let parent = target.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_error(parent, &e))?;
        let n = self.temp_counter.fetch_add(1, Ordering::Relaxed);
        let temp = parent.join(format!(".bantin-cms-{}-{n}.tmp", std::process::id()));
        fs::write(&temp, bytes).map_err(|e| io_error(&temp, &e))?;
        fs::rename(&temp, target).map_err(|e| {
            let _ = fs::remove_file(&temp);
            io_error(target, &e)
        })
    }

    /// The file `rel` names, if it is plain names inside an allowed folder
    /// once symlinks are followed.
    fn resolve(&self, rel: &str) -> Result<PathBuf, Refusal> {
        let outside = Refusal::Outside;
        let path_shown = format!("`{}`", shown(rel));
        let path_shown = path_shown.as_str();
        if rel.contains(['\0', '\\', '%']) {
            return Err(outside(msg!("cms-path-odd-character", path = path_shown)));
        }
        let parts: Vec<&str> = rel.split('/').collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || *p == "." || *p == ".." || p.contains(':'))
        {
            return Err(outside(msg!("cms-path-not-plain", path = path_shown)));
        }
        let Some(allowed) = ALLOWED
            .iter()
            .find(|a| rel == **a || rel.starts_with(&format!("{a}/")))
        else {
            return Err(outside(msg!(
                "cms-path-outside",
                path = path_shown,
                allowed = ALLOWED.map(|a| format!("{a}/")).join(", ")
            )));
        };
        let root = self.root_dir();
        let allowed_dir = root.join(allowed);
        let allowed_real = fs::canonicalize(&allowed_dir).map_err(|_| {
            outside(msg!(
                "cms-path-folder-missing",
                path = path_shown,
                folder = *allowed
            ))
        })?;
        let path = root.join(rel);
        // The nearest part of the path that exists decides where it leads.
        let mut existing = path.clone();
        while fs::symlink_metadata(&existing).is_err() {
            if !existing.pop() {
                break;
            }
        }
        let real = fs::canonicalize(&existing)
            .map_err(|_| outside(msg!("cms-path-nowhere", path = path_shown)))?;
        if !real.starts_with(&allowed_real) {
            return Err(outside(msg!(
                "cms-path-symlink-out",
                path = path_shown,
                folder = *allowed
            )));
        }
        Ok(path)
    }
}

/// Build's checks for a content file: its language suffix, then its front
/// matter; the messages as `check` prints them.
fn validate(config: &Config, rel: &str, raw: &str) -> Vec<String> {
    let Some(content_rel) = markdown_in_content(rel) else {
        return Vec::new();
    };
    if let Some(lang) = language_suffix(content_rel)
        && config.language(lang).is_none()
    {
        return vec![msg!("cms-unknown-language", path = rel, lang = shown(lang))];
    }
    let text = crate::files::normalise(raw.to_string());
    // A standalone page's date is optional, as `build` has it.
    let date_rule = match source::is_page_path(content_rel) {
        true => source::DateRule::Optional,
        false => source::DateRule::Required,
    };
    match source::parse_front_matter(Path::new(rel), &text, &config.timezone, date_rule) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

/// `rel` below `content/` when it is a Markdown file there.
fn markdown_in_content(rel: &str) -> Option<&str> {
    rel.strip_prefix("content/").filter(|r| r.ends_with(".md"))
}

/// `en` in `content/2026/report.en.md`.
fn language_suffix(content_rel: &str) -> Option<&str> {
    let stem = content_rel.trim_end_matches(".md");
    let file_name = stem.rsplit('/').next().unwrap_or(stem);
    file_name.rsplit_once('.').map(|(_, lang)| lang)
}

/// Decap saves every language of an entry together, the ones the editor has
/// not written too (decap-cms#6932): a file that would be new, in another
/// language than the site's default, with neither title nor text. Writing it
/// would turn a missing translation, which is normal, into an untitled
/// article, which is an error; it is left out instead. Once the editor writes
/// the translation, it has a title and is saved and checked like any file.
fn untouched_translation(config: &Config, rel: &str, raw: &str) -> bool {
    #[derive(Deserialize)]
    struct Title {
        title: Option<String>,
    }
    let Some(lang) = markdown_in_content(rel).and_then(language_suffix) else {
        return false;
    };
    if lang == config.default_language().code {
        return false;
    }
    let text = crate::files::normalise(raw.to_string());
    let Some(rest) = text.strip_prefix("---\n") else {
        return false;
    };
    let (front, body) = match rest.strip_prefix("---") {
        Some(body) => ("", body),
        None => rest.split_once("\n---").unwrap_or((rest, "")),
    };
    // What follows the closing `---` on its line, then the text.
    let body = body.split_once('\n').map_or("", |(_, text)| text);
    let untitled = match crate::yaml::from_str::<Title>(front) {
        Ok(front) => front.title.is_none_or(|t| t.trim().is_empty()),
        Err(_) => front.trim().is_empty(),
    };
    untitled && body.trim().is_empty()
}

/// Decap copies each `i18n: duplicate` field into the other languages, one
/// without a value as `key: null`. Null is absence to bantin, so those
/// top-level lines are left out: a file holds what the editor wrote.
fn without_null_keys(raw: &str) -> String {
    let Some(rest) = raw.strip_prefix("---\n") else {
        return raw.to_string();
    };
    let mut out = String::from("---\n");
    let mut in_front = true;
    for line in rest.split_inclusive('\n') {
        if in_front && line.trim_end() == "---" {
            in_front = false;
        }
        let null_key = in_front
            && line.trim_end().strip_suffix(": null").is_some_and(|key| {
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
        if !null_key {
            out.push_str(line);
        }
    }
    out
}

fn lines(errors: &[Diagnostic]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse<T: for<'de> Deserialize<'de>>(params: Value) -> Result<T, Refusal> {
    serde_json::from_value(params)
        .map_err(|e| Refusal::BadRequest(msg!("cms-bad-params", error = e.to_string())))
}

fn decode(asset: &Asset) -> Result<Vec<u8>, Refusal> {
    BASE64.decode(asset.content.as_bytes()).map_err(|e| {
        Refusal::BadRequest(msg!(
            "cms-not-base64",
            path = asset.path.as_str(),
            error = e.to_string()
        ))
    })
}

fn io_error(path: &Path, e: &io::Error) -> Refusal {
    Refusal::Io(format!("{}: {e}", path.display()))
}

/// Decap uses the id only to notice changes: a hash of the bytes will do.
fn content_id(bytes: &[u8]) -> String {
    format!("{:016x}", crate::fingerprint::of(bytes))
}
