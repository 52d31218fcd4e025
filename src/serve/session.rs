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
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diag::{self, Diagnostic};
use crate::output::{self, Sink};
use crate::pipeline::{self, Settings};
use crate::render::{BrokenLinks, Renderer};
use crate::site::Site;

/// What one build did.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    /// Sorted; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    pub written: usize,
    pub removed: usize,
    pub elapsed: Duration,
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
    folder: TempFolder,
    /// Output path ('/'-separated, relative) → hash of the bytes on disk.
    files: BTreeMap<String, u64>,
    /// Page id → view count known at build time, from the last good build.
    views: BTreeMap<String, u64>,
}

impl Session {
    /// Builds the site once. The session exists even when that build fails,
    /// so serve can show the errors and recover on the next change.
    /// `settings.out` is not used: the session builds into its own folder.
    pub fn start(settings: Settings) -> (Session, RebuildReport) {
        let (folder, problem) = TempFolder::create();
        let mut session = Session {
            settings: Settings {
                out: folder.site(),
                ..settings
            },
            folder,
            files: BTreeMap::new(),
            views: BTreeMap::new(),
        };
        let mut report = session.rebuild(&[]);
        if let Some(d) = problem {
            report.diagnostics.insert(0, d);
            report.ok = false;
        }
        (session, report)
    }

    /// `changed` are the paths the watcher saw (absolute or root-relative).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> RebuildReport {
        // Every change rebuilds the whole site for now; `changed` is where
        // an incremental engine will take its scope from.
        let _ = changed;
        self.full_build()
    }

    /// The folder being served.
    pub fn out_dir(&self) -> &Path {
        &self.settings.out
    }

    /// Page id → view count known at build time, from the last good build.
    pub fn build_views(&self) -> &BTreeMap<String, u64> {
        &self.views
    }

    fn full_build(&mut self) -> RebuildReport {
        let started = Instant::now();
        // Articles dated in the future appear once their time has come.
        self.settings.now = jiff::Timestamp::now();
        let mut diagnostics = Vec::new();
        let (mut written, mut removed) = (0, 0);
        if let Some((site, theme)) = pipeline::load(&self.settings, &mut diagnostics) {
            match Renderer::new(&site, &theme) {
                Ok(renderer) => {
                    let sink = DiffSink::new(&self.files, self.folder.pending());
                    let (_, errors) = renderer.render_all(&sink, BrokenLinks::Warn);
                    diagnostics.extend(errors);
                    let staged = sink.finish();
                    if diagnostics.iter().any(Diagnostic::is_error) {
                        staged.abandon();
                    } else {
                        (written, removed) = self.commit(staged, &mut diagnostics);
                        self.views = build_views(&site);
                    }
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
        diag::sort(&mut diagnostics);
        let ok = !diagnostics.iter().any(Diagnostic::is_error);
        RebuildReport {
            diagnostics,
            written,
            removed,
            elapsed: started.elapsed(),
            ok,
        }
    }

    /// Moves the staged files into the served folder and deletes the ones
    /// this build no longer makes; returns (written, removed).
    fn commit(&mut self, staged: Staged, diagnostics: &mut Vec<Diagnostic>) -> (usize, usize) {
        let site = self.settings.out.clone();
        if let Err(e) = fs::create_dir_all(&site) {
            diagnostics.push(Diagnostic::io(&site, "create the serve folder", &e));
            staged.abandon();
            return (0, 0);
        }
        // Stale files go first: a file `x` may have become a folder `x/`.
        let stale: Vec<String> = self
            .files
            .keys()
            .filter(|path| !staged.made.contains_key(*path))
            .cloned()
            .collect();
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
                Err(d) => {
                    let _ = fs::remove_file(pending);
                    diagnostics.push(d);
                }
            }
        }
        (written, removed)
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

/// The 64-bit fingerprint that decides whether an output changed.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// A `Sink` that stages only the outputs whose bytes differ from the last
/// good build, each in its own file, to be moved in place on success.
struct DiffSink<'a> {
    previous: &'a BTreeMap<String, u64>,
    pending: PathBuf,
    next_name: AtomicUsize,
    staged: Mutex<Staged>,
}

/// What a `DiffSink` collected.
#[derive(Default)]
struct Staged {
    /// Every output of this build → its hash.
    made: BTreeMap<String, u64>,
    /// Output path → staged file, for the outputs that changed.
    changed: Vec<(String, PathBuf)>,
}

impl Staged {
    fn abandon(self) {
        for (_, pending) in self.changed {
            let _ = fs::remove_file(pending);
        }
    }
}

impl<'a> DiffSink<'a> {
    fn new(previous: &'a BTreeMap<String, u64>, pending: PathBuf) -> DiffSink<'a> {
        DiffSink {
            previous,
            pending,
            next_name: AtomicUsize::new(0),
            staged: Mutex::new(Staged::default()),
        }
    }

    fn finish(self) -> Staged {
        self.staged.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for DiffSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        output::safe_relative(path)?;
        let hash = fingerprint(bytes);
        {
            let mut staged = self.staged.lock().unwrap_or_else(|e| e.into_inner());
            if staged.made.insert(path.to_string(), hash).is_some() {
                return Err(Diagnostic::error(
                    path,
                    "two outputs want this same file; check slugs, aliases and static files",
                ));
            }
        }
        if self.previous.get(path) == Some(&hash) {
            return Ok(());
        }
        // Written aside and renamed in later, so a request never reads a
        // half-written page and a failed build leaves the served folder alone.
        let name = self.next_name.fetch_add(1, Ordering::Relaxed);
        let pending = self.pending.join(name.to_string());
        fs::create_dir_all(&self.pending)
            .map_err(|e| Diagnostic::io(&self.pending, "create folder", &e))?;
        fs::write(&pending, bytes).map_err(|e| Diagnostic::io(&pending, "write", &e))?;
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .changed
            .push((path.to_string(), pending));
        Ok(())
    }
}

/// `$TMP/bantin-serve-…/`, holding `site/` (served) and `pending/` (files
/// of the build in progress); removed on drop.
struct TempFolder {
    path: PathBuf,
    created: bool,
}

impl TempFolder {
    /// Never fails: a folder that cannot be made is reported, and each
    /// build tries again to create what it needs.
    fn create() -> (TempFolder, Option<Diagnostic>) {
        let base = std::env::temp_dir();
        let mut last = None;
        for attempt in 0..16u32 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos());
            let path = base.join(format!(
                "bantin-serve-{}-{:08x}",
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
                    return (
                        TempFolder {
                            path,
                            created: true,
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
        let path = base.join(format!("bantin-serve-{}", std::process::id()));
        let problem = last.unwrap_or_else(|| {
            Diagnostic::error(&base, "cannot find a free name for the serve folder")
        });
        (
            TempFolder {
                path,
                created: false,
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

impl Drop for TempFolder {
    fn drop(&mut self) {
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
        let previous = BTreeMap::from([
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
}
