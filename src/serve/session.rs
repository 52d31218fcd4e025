//! A build session: the site built into a private folder, kept up to date.
//!
//! `Session::start` builds once into a fresh folder under the system temp
//! dir (never the site's `public/`: serve's pages carry serve's own base
//! URL); `rebuild` runs again after a change. A `DiffSink` remembers a hash
//! per output path and stages only the files whose bytes changed; they are
//! moved into the served folder, and files the previous build made but this
//! one did not are deleted, only when the build had no errors. Otherwise the
//! last good output keeps being served, untouched. The folder is removed
//! when the session is dropped.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;

use crate::diag::{self, Diagnostic};
use crate::output::{self, Sink};
use crate::pipeline::{Inputs, Settings};
use crate::render::{BrokenLinks, Memo, Renderer};
use crate::site::Site;
use crate::source;
use crate::theme::Asset;

/// What one build did.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    /// Sorted; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    pub written: usize,
    pub removed: usize,
    pub elapsed: Duration,
    /// Wall time per stage, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// No error: the served folder now holds this build.
    pub ok: bool,
}

impl RebuildReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

pub struct Session {
    settings: Settings,
    /// The canonical site root, to recognise the watcher's paths.
    root: PathBuf,
    folder: TempFolder,
    /// Output path ('/'-separated, relative) → hash of the bytes on disk.
    files: FxHashMap<String, u64>,
    /// Page id → view count known at build time, from the last good build.
    views: BTreeMap<String, u64>,
    /// What the last build read; `None` until configuration and theme load.
    inputs: Option<Inputs>,
    /// The model of the last good build, for edits that leave it as it is.
    site: Option<Site>,
    /// How the files on disk were made, so a rebuild redoes only what changed.
    memo: Memo,
}

impl Session {
    /// Builds the site once. The session exists even when that build fails,
    /// so serve can show the errors and recover on the next change.
    /// `settings.out` is not used: the session builds into its own folder.
    pub fn start(settings: Settings) -> (Session, RebuildReport) {
        let (folder, problem) = TempFolder::create();
        let root = settings
            .root
            .canonicalize()
            .unwrap_or_else(|_| settings.root.clone());
        let mut session = Session {
            settings: Settings {
                out: folder.site(),
                ..settings
            },
            root,
            folder,
            files: FxHashMap::default(),
            views: BTreeMap::new(),
            inputs: None,
            site: None,
            memo: Memo::default(),
        };
        let mut report = session.rebuild(&[]);
        if let Some(d) = problem {
            report.diagnostics.insert(0, d);
            report.ok = false;
        }
        (session, report)
    }

    /// `changed` are the paths the watcher saw (absolute, or relative to the
    /// site root). Changed articles are read again, alone; anything else
    /// (configuration, theme, static files, view counts) reads everything.
    /// Either way only the pages whose input changed are rendered again.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let started = Instant::now();
        // Articles dated in the future appear once their time has come.
        let previous_now = self.settings.now;
        self.settings.now = jiff::Timestamp::now();
        let changes = self.content_changes(changed);
        if let Some(report) = changes
            .as_ref()
            .and_then(|articles| self.rebuild_edits(articles, previous_now, started))
        {
            return report;
        }
        let mut diagnostics = Vec::new();
        match (changes, self.inputs.as_mut()) {
            (Some(articles), Some(inputs)) => {
                for rel_path in articles {
                    match rel_path {
                        Some(rel_path) => inputs.reread(&self.settings.root, &rel_path),
                        None => inputs.reread_content(&self.settings.root),
                    }
                }
            }
            _ => self.inputs = Inputs::read(&self.settings, &mut diagnostics),
        }
        let (mut written, mut removed) = (0, 0);
        let mut timings = vec![("read changed files", started.elapsed())];
        self.site = None;
        let mut good = false;
        if let Some(inputs) = &self.inputs {
            let lap = Instant::now();
            let site = inputs.model(&self.settings, &mut diagnostics);
            timings.push(("model", lap.elapsed()));
            let errors_before = diagnostics.iter().any(Diagnostic::is_error);
            match Renderer::new(&site, &inputs.theme) {
                Ok(renderer) if !errors_before => {
                    let sink = DiffSink::new(&self.files, self.folder.pending());
                    let (report, errors, memo) =
                        renderer.render_changed(&sink, BrokenLinks::Warn, &self.memo);
                    timings.extend(report.timings);
                    diagnostics.extend(errors);
                    let lap = Instant::now();
                    let staged = sink.finish();
                    if diagnostics.iter().any(Diagnostic::is_error) {
                        staged.abandon();
                    } else {
                        let mut problems = Vec::new();
                        // Files the last build made and this one did not.
                        let stale = self
                            .files
                            .keys()
                            .filter(|path| !staged.made.contains_key(*path))
                            .cloned()
                            .collect();
                        (written, removed) = self.commit(staged, stale, &mut problems);
                        // A file that could not be moved in leaves the memo
                        // unsure of the disk: the next build starts afresh.
                        self.memo = if problems.is_empty() {
                            memo
                        } else {
                            Memo::default()
                        };
                        diagnostics.extend(problems);
                        self.views = build_views(&site);
                        timings.push(("move files in", lap.elapsed()));
                        good = true;
                    }
                }
                Ok(_) => {}
                Err(errors) => diagnostics.extend(errors),
            }
            // Kept only when it is what the served folder and the memo show.
            self.site = (good && !self.memo.is_empty()).then_some(site);
        }
        diag::sort(&mut diagnostics);
        let ok = !diagnostics.iter().any(Diagnostic::is_error);
        RebuildReport {
            diagnostics,
            written,
            removed,
            elapsed: started.elapsed(),
            timings,
            ok,
        }
    }

    /// The quick way (see `render::edits`) when every change is to an
    /// article's text, its front matter as it was, and the clock made no
    /// article appear since the last build; `None` otherwise, with nothing
    /// written, for the caller to rebuild the usual way.
    fn rebuild_edits(
        &mut self,
        articles: &[Option<String>],
        previous_now: jiff::Timestamp,
        started: Instant,
    ) -> Option<RebuildReport> {
        let inputs = self.inputs.as_mut()?;
        let site = self.site.as_mut()?;
        let settings = &self.settings;
        if !settings.include_drafts && inputs.publishes_between(previous_now, settings.now) {
            return None;
        }
        let mut edited = Vec::new();
        for rel_path in articles {
            let rel_path = rel_path.as_deref()?;
            let new = source::load_one(&settings.root, rel_path, &inputs.config)?.ok()?;
            if inputs.article(rel_path)?.front != new.front {
                return None;
            }
            edited.push((rel_path, Arc::new(new)));
        }
        let mut ids = Vec::new();
        for (rel_path, new) in edited {
            inputs.replace(rel_path, Arc::clone(&new));
            if let Some(&id) = site.by_rel_path.get(rel_path) {
                site.articles[id].source = new;
                ids.push(id);
            }
        }
        let mut timings = vec![("read changed files", started.elapsed())];
        let lap = Instant::now();
        let renderer = Renderer::new(site, &inputs.theme).ok()?;
        let files = &self.files;
        let sink = DiffSink::new(files, self.folder.pending());
        let result =
            renderer.render_edits(&sink, &ids, &self.memo, &|file| files.contains_key(file));
        let staged = sink.finish();
        let Some(mut edits) = result else {
            staged.abandon();
            return None;
        };
        timings.push((
            "render the edited articles and what shows them",
            lap.elapsed(),
        ));
        let lap = Instant::now();
        let mut diagnostics = std::mem::take(&mut edits.diagnostics);
        let (mut written, mut removed) = (0, 0);
        if diagnostics.iter().any(Diagnostic::is_error) {
            staged.abandon();
            self.site = None;
        } else {
            let mut problems = Vec::new();
            let stale = std::mem::take(&mut edits.removed);
            (written, removed) = self.commit(staged, stale, &mut problems);
            if problems.is_empty() {
                edits.apply(&mut self.memo);
            } else {
                self.memo = Memo::default();
                self.site = None;
            }
            diagnostics.extend(problems);
            timings.push(("move files in", lap.elapsed()));
        }
        diag::sort(&mut diagnostics);
        let ok = !diagnostics.iter().any(Diagnostic::is_error);
        Some(RebuildReport {
            diagnostics,
            written,
            removed,
            elapsed: started.elapsed(),
            timings,
            ok,
        })
    }

    /// The content files among `changed`, as content paths (`None`: read
    /// the whole folder again, e.g. for a folder that appeared); `None`
    /// when anything else changed, or nothing at all was named.
    fn content_changes(&self, changed: &[PathBuf]) -> Option<Vec<Option<String>>> {
        if changed.is_empty() {
            return None;
        }
        changed
            .iter()
            .map(|path| {
                let below_root = if path.is_relative() {
                    path.as_path()
                } else {
                    path.strip_prefix(&self.root)
                        .or_else(|_| path.strip_prefix(&self.settings.root))
                        .ok()?
                };
                let mut parts = below_root.components();
                if parts.next()?.as_os_str() != "content" {
                    return None;
                }
                let rel: Option<Vec<&str>> = parts.map(|part| part.as_os_str().to_str()).collect();
                let rel = rel?.join("/");
                if rel.is_empty() {
                    return None;
                }
                // A folder that appeared or was renamed: its files are new.
                // A name not in NFC is known to the walk by its NFC form,
                // which may be another file's too: read all again.
                let nfc = crate::text::nfc::nfc(rel.as_str()) == rel.as_str();
                Some((nfc && !path_is_dir(&self.settings.root, below_root, path)).then_some(rel))
            })
            .collect()
    }

    /// The folder being served.
    pub fn out_dir(&self) -> &Path {
        &self.settings.out
    }

    /// Page id → view count known at build time, from the last good build.
    pub fn build_views(&self) -> &BTreeMap<String, u64> {
        &self.views
    }

    /// Moves the staged files into the served folder and deletes `stale`
    /// ones; returns (written, removed).
    fn commit(
        &mut self,
        staged: Staged,
        stale: Vec<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (usize, usize) {
        let site = self.settings.out.clone();
        if let Err(e) = fs::create_dir_all(&site) {
            diagnostics.push(Diagnostic::io(&site, "create the serve folder", &e));
            staged.abandon();
            return (0, 0);
        }
        if self.files.is_empty() && stale.is_empty() && move_in_whole(&staged.pending, &site) {
            // Nothing was served yet: the staged tree is the whole site.
            let written = staged.changed.len();
            self.files = staged.made;
            return (written, 0);
        }
        // Stale files go first: a file `x` may have become a folder `x/`.
        let mut removed = 0;
        for path in stale {
            let target = site.join(&path);
            match fs::remove_file(&target) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    diagnostics.push(Diagnostic::io(&target, "remove", &e));
                    continue;
                }
            }
            self.files.remove(&path);
            remove_empty_parents(&target, &site);
        }
        let mut written = 0;
        for (path, pending) in &staged.changed {
            let target = site.join(path);
            let moved = match target.parent() {
                Some(parent) => fs::create_dir_all(parent)
                    .map_err(|e| Diagnostic::io(parent, "create folder", &e)),
                None => Ok(()),
            }
            .and_then(|()| {
                fs::rename(pending, &target).map_err(|e| Diagnostic::io(&target, "write", &e))
            });
            match moved {
                Ok(()) => {
                    written += 1;
                    if let Some(&hash) = staged.made.get(path) {
                        self.files.insert(path.clone(), hash);
                    }
                }
                Err(d) => diagnostics.push(d),
            }
        }
        // What is left are the folders the files waited in (and any file
        // that could not be moved): gone, so that the next build's files
        // cannot meet a folder where one of them goes.
        staged.abandon();
        (written, removed)
    }
}

/// Renames `pending` to `site` when `site` is empty: one call instead of
/// one a file for a first build's tens of thousands. False, with nothing
/// moved, when it cannot.
fn move_in_whole(pending: &Path, site: &Path) -> bool {
    fs::remove_dir(site).is_ok() && {
        let moved = fs::rename(pending, site).is_ok();
        if !moved {
            let _ = fs::create_dir(site);
        }
        moved
    }
}

fn path_is_dir(root: &Path, below_root: &Path, path: &Path) -> bool {
    if path.is_relative() {
        root.join(below_root).is_dir()
    } else {
        path.is_dir()
    }
}

/// Page id → build-time count for every article of a good build.
fn build_views(site: &Site) -> BTreeMap<String, u64> {
    site.articles
        .iter()
        .map(|a| (a.page_id.clone(), a.views.unwrap_or(0)))
        .collect()
}

/// Removes the folders above `file` that became empty, up to `top`.
fn remove_empty_parents(file: &Path, top: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == top || !d.starts_with(top) || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The 64-bit fingerprint that decides whether an output changed. FxHash
/// is a bijection of its state for each word it takes in, so an edit that
/// changes one 8-byte word of a file always changes it.
fn fingerprint(bytes: &[u8]) -> u64 {
    crate::fingerprint::of(bytes)
}

/// The fingerprint of a file's bytes, read a block at a time. It is not
/// [`fingerprint`] of the same bytes, but a path always gets the same kind:
/// a static file's this one, every other output `fingerprint`.
fn file_fingerprint(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    let mut block = vec![0; 256 * 1024];
    let mut hash = crate::fingerprint::Builder::default();
    loop {
        // Whole blocks, so the same bytes give the same fingerprint
        // however the system splits the reads.
        let mut filled = 0;
        while filled < block.len() {
            match file.read(&mut block[filled..])? {
                0 => break,
                read => filled += read,
            }
        }
        hash = hash.with(&block[..filled]);
        if filled < block.len() {
            return Ok(hash.finish());
        }
    }
}

/// A `Sink` that stages only the outputs whose bytes differ from the last
/// good build, each in its own file, to be moved in place on success.
struct DiffSink<'a> {
    previous: &'a FxHashMap<String, u64>,
    /// Where changed files wait, each at its output path below it.
    pending: PathBuf,
    staged: Mutex<Staged>,
    /// Below the pending folder.
    folders: output::Folders,
    failure: output::WriteFailure,
    claims: output::Claims,
}

/// What a `DiffSink` collected.
struct Staged {
    /// Where changed files wait, each at its output path below it.
    pending: PathBuf,
    /// Every output of this build → its hash.
    made: FxHashMap<String, u64>,
    /// Output path → staged file, for the outputs that changed.
    changed: Vec<(String, PathBuf)>,
}

impl Staged {
    fn abandon(self) {
        let _ = fs::remove_dir_all(self.pending);
    }
}

impl<'a> DiffSink<'a> {
    fn new(previous: &'a FxHashMap<String, u64>, pending: PathBuf) -> DiffSink<'a> {
        DiffSink {
            previous,
            pending: pending.clone(),
            staged: Mutex::new(Staged {
                pending,
                made: FxHashMap::default(),
                changed: Vec::new(),
            }),
            folders: output::Folders::default(),
            failure: output::WriteFailure::default(),
            claims: output::Claims::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Staged> {
        self.staged.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn finish(self) -> Staged {
        self.staged.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for DiffSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.put_digested(path, fingerprint(bytes), bytes)
    }

    /// The digest stands for the bytes in `files`: a path is always given
    /// the same kind (search files theirs, every other output FxHash).
    fn put_digested(&self, path: &str, hash: u64, bytes: &[u8]) -> Result<(), Diagnostic> {
        output::safe_relative(path)?;
        self.made(path, hash)?;
        if self.previous.get(path) == Some(&hash) {
            return Ok(());
        }
        self.stage(path, |file| file.write_all(bytes))
    }

    /// A file is read twice when it changed (once to hash it, once to
    /// copy it) rather than held whole: a static file may be any size.
    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic> {
        let source = match asset {
            Asset::BuiltIn(bytes) => return self.put(path, bytes),
            Asset::File(source) => source,
        };
        output::safe_relative(path)?;
        let read_error = |e| Diagnostic::io(source, "read", &e);
        let hash = file_fingerprint(source).map_err(read_error)?;
        self.made(path, hash)?;
        if self.previous.get(path) == Some(&hash) {
            return Ok(());
        }
        let mut from = fs::File::open(source).map_err(read_error)?;
        self.stage(path, |to| std::io::copy(&mut from, to).map(|_| ()))
    }

    fn keep(&self, path: &str) -> Result<(), Diagnostic> {
        let Some(&hash) = self.previous.get(path) else {
            return Err(Diagnostic::error(
                path,
                "internal error: kept from the last build, which did not make it",
            ));
        };
        self.made(path, hash)
    }

    fn stopped(&self) -> bool {
        self.failure.happened()
    }
}

impl DiffSink<'_> {
    /// Notes that this build makes `path` with bytes of fingerprint `hash`.
    fn made(&self, path: &str, hash: u64) -> Result<(), Diagnostic> {
        self.claims.claim(path, Path::new(""))?;
        self.lock().made.insert(path.to_string(), hash);
        Ok(())
    }

    /// Writes the pending file of `path` with `write`.
    fn stage(
        &self,
        path: &str,
        write: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        // Written aside and renamed in later, so a request never reads a
        // half-written page and a failed build leaves the served folder
        // alone. Laid out as the output is, so a first build moves in whole.
        if self.failure.happened() {
            return Ok(());
        }
        let pending = self.pending.join(path);
        let written = (self.folders.make_for(&self.pending, path))
            .map_err(|e| Diagnostic::io(pending.parent().unwrap_or(&pending), "create folder", &e))
            .and_then(|()| {
                fs::File::create(&pending)
                    .and_then(|mut file| write(&mut file))
                    .map_err(|e| Diagnostic::io(&pending, "write", &e))
            });
        if written.is_ok() {
            self.lock().changed.push((path.to_string(), pending));
        }
        self.failure.first(written)
    }
}

/// `$TMP/bantin-serve-…/`, holding `site/` (served) and `pending/` (files
/// of the build in progress); removed on drop. Its `lock` file is locked
/// while the session lives, so that a serve killed before it could remove
/// its folder leaves one the next serve can tell is no one's.
struct TempFolder {
    path: PathBuf,
    created: bool,
    lock: Option<fs::File>,
}

const PREFIX: &str = "bantin-serve-";

impl TempFolder {
    /// Never fails: a folder that cannot be made is reported, and each
    /// build tries again to create what it needs.
    fn create() -> (TempFolder, Option<Diagnostic>) {
        let base = std::env::temp_dir();
        sweep(&base);
        let mut last = None;
        for attempt in 0..16u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = base.join(format!(
                "{PREFIX}{}-{:08x}",
                std::process::id(),
                nanos.wrapping_add(attempt)
            ));
            // Made exclusively (and private on Unix), so another user's
            // folder of the same name is never used.
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            match builder.create(&path) {
                Ok(()) => {
                    let lock = hold(&path).ok();
                    return (
                        TempFolder {
                            path,
                            created: true,
                            lock,
                        },
                        None,
                    );
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    last = Some(Diagnostic::io(&path, "create the serve folder", &e));
                    break;
                }
            }
        }
        let path = base.join(format!("{PREFIX}{}", std::process::id()));
        let problem = last.unwrap_or_else(|| {
            Diagnostic::error(&base, "cannot find a free name for the serve folder")
        });
        (
            TempFolder {
                path,
                created: false,
                lock: None,
            },
            Some(problem),
        )
    }

    fn site(&self) -> PathBuf {
        self.path.join("site")
    }

    fn pending(&self) -> PathBuf {
        self.path.join("pending")
    }
}

/// Locks `dir/lock`, made and locked under another name first: a sweep
/// never finds it there unlocked while its serve lives.
fn hold(dir: &Path) -> std::io::Result<fs::File> {
    let fresh = dir.join("lock.new");
    let file = fs::File::create(&fresh)?;
    output::lock_file(&file)?;
    fs::rename(&fresh, dir.join("lock"))?;
    Ok(file)
}

/// Removes the folders of serves that ended without removing theirs
/// (killed): their lock is there and no one holds it.
fn sweep(base: &Path) {
    let Ok(entries) = fs::read_dir(base) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let abandoned = entry.file_name().to_string_lossy().starts_with(PREFIX)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && fs::File::open(path.join("lock")).is_ok_and(|lock| output::try_lock_file(&lock));
        if abandoned {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        // Let go first: an open file keeps its folder on some systems.
        self.lock = None;
        if self.created {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_sink_stages_only_changed_bytes() {
        let (folder, problem) = TempFolder::create();
        assert!(problem.is_none());
        let previous = FxHashMap::from_iter([
            ("same.html".to_string(), fingerprint(b"same")),
            ("edited.html".to_string(), fingerprint(b"old")),
        ]);
        let sink = DiffSink::new(&previous, folder.pending());
        sink.put("same.html", b"same").unwrap();
        sink.put("edited.html", b"new").unwrap();
        sink.put("added/index.html", b"added").unwrap();
        assert!(sink.put("same.html", b"again").is_err());
        assert!(sink.put("../escape", b"x").is_err());
        let staged = sink.finish();
        let changed: Vec<&str> = staged.changed.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(changed.len(), 2);
        assert!(changed.contains(&"edited.html") && changed.contains(&"added/index.html"));
        assert_eq!(staged.made.len(), 3);
        let pending: Vec<PathBuf> = staged.changed.iter().map(|(_, p)| p.clone()).collect();
        staged.abandon();
        assert!(pending.iter().all(|p| !p.exists()));
        let path = folder.path.clone();
        drop(folder);
        assert!(!path.exists());
    }

    #[test]
    fn folders_of_killed_serves_are_swept_and_live_ones_kept() {
        let base = tempfile::tempdir().unwrap();
        let folder = |name: &str| {
            let path = base.path().join(format!("{PREFIX}{name}"));
            fs::create_dir_all(path.join("site")).unwrap();
            path
        };
        // Killed: its lock is there, held by no one.
        let killed = folder("1-killed");
        fs::write(killed.join("lock"), "").unwrap();
        // Alive, and one being made (no lock yet): both kept.
        let alive = folder("2-alive");
        let held = hold(&alive).unwrap();
        let new = folder("3-new");
        let other = base.path().join("other");
        fs::write(killed.with_file_name("other"), "").unwrap();
        sweep(base.path());
        assert!(!killed.exists());
        assert!(alive.join("site").exists() && new.exists() && other.exists());
        drop(held);
        sweep(base.path());
        assert!(!alive.exists());
    }

    #[test]
    fn diff_sink_reports_a_write_error_once() {
        let base = tempfile::tempdir().unwrap();
        let pending = base.path().join("pending");
        fs::write(&pending, "a file where the folder goes").unwrap();
        let previous = FxHashMap::default();
        let sink = DiffSink::new(&previous, pending);
        let failed = (0..20)
            .filter(|i| sink.put(&format!("{i}/index.html"), b"x").is_err())
            .count();
        assert_eq!(failed, 1);
        assert!(sink.stopped() && sink.finish().changed.is_empty());
    }
}
