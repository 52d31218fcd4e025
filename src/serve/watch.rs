//! Watching the site for changes, with notify.
//!
//! Watches `content/`, `themes/`, `static/` and `data/` recursively and the
//! site folder itself without recursion, for `config.yaml` and for any of
//! those folders appearing later. Raw events are gathered into one batch
//! until nothing relevant has happened for `QUIET` (an editor saving
//! several files causes one rebuild), leaving out reads, editor scratch
//! files (`.swp`, `~`, `.#…`, `4913`) and the serve folder. Like the
//! build, the watcher follows only symbolic links that stay inside the
//! site (see `files::walk`): notify itself follows none, and each allowed
//! link to a folder is watched on its own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use walkdir::WalkDir;

use crate::config;
use crate::diag::Diagnostic;
use crate::files::walk::{SiteRoot, WELL_KNOWN, is_hidden};

/// The folders of a site whose changes are rebuilt.
pub const WATCHED_FOLDERS: [&str; 4] = ["content", "themes", "static", "data"];
/// A batch ends after this long without a relevant event. An editor's save
/// (write a temporary file, rename it over the article) takes a millisecond
/// or two; every millisecond more is waited on every save.
const QUIET: Duration = Duration::from_millis(25);
/// …or after this long in all, so a file written continuously still shows.
const LONGEST_BATCH: Duration = Duration::from_secs(2);

enum Signal {
    Fs(notify::Result<notify::Event>),
    /// Something the server refused, for the terminal (see `Stopper::report`).
    Report(Diagnostic),
    Stop,
}

/// What `Watch::wait` waited for.
#[derive(Debug)]
pub enum Next {
    /// Paths (absolute) that changed, sorted.
    Changed(Vec<PathBuf>),
    /// Watching went wrong somewhere; changes there may be missed.
    Problem(Diagnostic),
    Stop,
}

/// Ends `Watch::wait` from another thread (the Ctrl+C handler).
#[derive(Clone)]
pub struct Stopper(Sender<Signal>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(Signal::Stop);
    }

    /// Hands `diagnostic` to `Watch::wait` as a `Next::Problem`, so the
    /// terminal shows it: the HTTP thread, as library code, prints nothing.
    pub fn report(&self, diagnostic: Diagnostic) {
        let _ = self.0.send(Signal::Report(diagnostic));
    }
}

pub struct Watch {
    watcher: Option<RecommendedWatcher>,
    signals: Receiver<Signal>,
    stopper: Sender<Signal>,
    root: PathBuf,
    ignored: Option<PathBuf>,
    problems: Vec<Diagnostic>,
}

impl Watch {
    /// Starts watching the site at `root`; what cannot be watched is
    /// returned as warnings, and serving goes on without it.
    pub fn start(root: &Path) -> (Watch, Vec<Diagnostic>) {
        let shown = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        // Events name paths below the watched path; a canonical root makes
        // them comparable on every platform (macOS reports /private/var/…).
        let root = shown
            .canonicalize()
            .or_else(|_| std::path::absolute(shown))
            .unwrap_or_else(|_| shown.to_path_buf());
        let (tx, signals) = channel();
        let events = tx.clone();
        let watcher = RecommendedWatcher::new(
            move |event| {
                let _ = events.send(Signal::Fs(event));
            },
            notify::Config::default().with_follow_symlinks(false),
        );
        let mut watch = Watch {
            watcher: None,
            signals,
            stopper: tx,
            root,
            ignored: None,
            problems: Vec::new(),
        };
        match watcher {
            Ok(watcher) => {
                watch.watcher = Some(watcher);
                watch.add(&watch.root.clone(), RecursiveMode::NonRecursive);
                for name in WATCHED_FOLDERS {
                    watch.add_folder(&watch.root.join(name));
                }
            }
            Err(e) => watch.problems.push(Diagnostic::warning(
                shown,
                crate::msg!("watch-failed", error = e.to_string()),
            )),
        }
        let problems = std::mem::take(&mut watch.problems);
        (watch, problems)
    }

    /// Changes below `folder` (serve's own output) are never rebuilt.
    pub fn ignore(&mut self, folder: &Path) {
        self.ignored = Some(folder.canonicalize().unwrap_or_else(|_| folder.into()));
    }

    pub fn stopper(&self) -> Stopper {
        Stopper(self.stopper.clone())
    }

    /// Blocks until a batch of changes is complete, a problem is seen, or
    /// `Stopper::stop` is called.
    pub fn wait(&mut self) -> Next {
        if let Some(problem) = self.problems.pop() {
            return Next::Problem(problem);
        }
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            match self.signals.recv() {
                Ok(Signal::Fs(Ok(event))) => self.collect(event, &mut changed),
                Ok(Signal::Fs(Err(e))) => return Next::Problem(self.problem(&e)),
                Ok(Signal::Report(d)) => return Next::Problem(d),
                Ok(Signal::Stop) | Err(_) => return Next::Stop,
            }
        }
        let started = Instant::now();
        let mut quiet_from = Instant::now();
        loop {
            let now = Instant::now();
            let deadline = (quiet_from + QUIET).min(started + LONGEST_BATCH);
            if now >= deadline {
                break;
            }
            match self.signals.recv_timeout(deadline - now) {
                Ok(Signal::Fs(Ok(event))) => {
                    let before = changed.len();
                    self.collect(event, &mut changed);
                    if changed.len() > before {
                        quiet_from = Instant::now();
                    }
                }
                Ok(Signal::Fs(Err(e))) => {
                    let problem = self.problem(&e);
                    self.problems.push(problem);
                }
                Ok(Signal::Report(d)) => self.problems.push(d),
                Ok(Signal::Stop) => return Next::Stop,
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
            }
        }
        Next::Changed(changed.into_iter().collect())
    }

    /// Adds the event's relevant paths to `changed`.
    fn collect(&mut self, event: notify::Event, changed: &mut BTreeSet<PathBuf>) {
        if event.need_rescan() {
            // The system dropped events: everything may have changed.
            changed.insert(self.root.clone());
            return;
        }
        let relevant = match event.kind {
            // A finished write counts; opening and reading files do not
            // (the build itself reads them all).
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        if !relevant {
            return;
        }
        for path in event.paths {
            if is_editor_scratch(&path)
                || self.ignored.as_ref().is_some_and(|i| path.starts_with(i))
            {
                continue;
            }
            let Ok(below_root) = path.strip_prefix(&self.root) else {
                continue;
            };
            let mut parts = below_root.components();
            let Some(top) = parts.next().and_then(|c| c.as_os_str().to_str()) else {
                continue;
            };
            let at_top = parts.next().is_none();
            if at_top && top == config::FILE_NAME {
                changed.insert(path);
            } else if WATCHED_FOLDERS.contains(&top) {
                if at_top {
                    self.folder_changed(&path, &event.kind);
                }
                changed.insert(path);
            }
        }
    }

    /// A watched folder itself appeared, went or was renamed: watch what is
    /// there now.
    fn folder_changed(&mut self, folder: &Path, kind: &EventKind) {
        let replaced = matches!(
            kind,
            EventKind::Create(_) | EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        if !replaced {
            return;
        }
        if let Some(watcher) = self.watcher.as_mut() {
            let _ = watcher.unwatch(folder);
        }
        self.add_folder(folder);
    }

    /// Watches a site folder and the folders linked into it, as far as the
    /// build would read them; a link a build refuses is not watched (one to
    /// `/` would have watched the whole disk).
    fn add_folder(&mut self, folder: &Path) {
        let Ok(site) = SiteRoot::new(&self.root) else {
            return;
        };
        if !folder.is_dir() || site.check(&self.root, folder).is_err() {
            return;
        }
        self.add(folder, RecursiveMode::Recursive);
        let mut entries = WalkDir::new(folder).follow_links(true).into_iter();
        while let Some(entry) = entries.next() {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_dir() || entry.depth() == 0 {
                continue;
            }
            let hidden = is_hidden(&entry.file_name().to_string_lossy(), &[WELL_KNOWN]);
            if hidden || (entry.path_is_symlink() && site.check_link(entry.path()).is_err()) {
                entries.skip_current_dir();
            } else if entry.path_is_symlink() {
                // notify's recursive walk follows no link, not even the
                // one it starts from: the folder itself is added alone.
                self.add(entry.path(), RecursiveMode::NonRecursive);
                self.add(entry.path(), RecursiveMode::Recursive);
            }
        }
    }

    fn add(&mut self, path: &Path, mode: RecursiveMode) {
        let Some(watcher) = self.watcher.as_mut() else {
            return;
        };
        if let Err(e) = watcher.watch(path, mode) {
            self.problems.push(Diagnostic::warning(
                path,
                crate::msg!("watch-cannot", error = e.to_string()),
            ));
        }
    }

    fn problem(&self, e: &notify::Error) -> Diagnostic {
        let path = e.paths.first().unwrap_or(&self.root);
        Diagnostic::warning(path, crate::msg!("watch-problem", error = e.to_string()))
    }
}

/// Files editors make while saving, which are not the site's.
fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    name == "4913"
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_left_out() {
        for name in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/.#a.md",
            "content/4913",
            "content/#a.md#",
            "content/a.md___jb_tmp___",
        ] {
            assert!(is_editor_scratch(Path::new(name)), "{name}");
        }
        assert!(!is_editor_scratch(Path::new("content/2023/a.vi.md")));
        assert!(!is_editor_scratch(Path::new("static/4913.png")));
    }

    /// A link out of the site is not watched (a link to `/` once had
    /// notify watch the whole disk); a link inside it is.
    #[cfg(target_os = "linux")]
    #[test]
    fn links_are_watched_only_inside_the_site() {
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let (root, outside) = (tmp.path().join("site"), tmp.path().join("outside"));
        for dir in ["site/static", "site/shared", "outside"] {
            std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
        }
        symlink("../shared", root.join("static/in")).unwrap();
        symlink(&outside, root.join("static/out")).unwrap();
        let (mut watch, problems) = Watch::start(&root);
        assert!(problems.is_empty(), "{problems:?}");
        // A watcher that sees nothing fails the test rather than hang it.
        let stopper = watch.stopper();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(5));
            stopper.stop();
        });
        std::fs::write(outside.join("secret.txt"), "x").unwrap();
        std::fs::write(root.join("shared/a.png"), "x").unwrap();
        let next = watch.wait();
        let Next::Changed(changed) = next else {
            panic!("no change seen: {next:?}");
        };
        let canonical = root.canonicalize().unwrap();
        assert!(
            changed.contains(&canonical.join("static/in/a.png")),
            "{changed:?}"
        );
        assert!(
            changed.iter().all(|p| !p.ends_with("secret.txt")),
            "{changed:?}"
        );
    }

    fn event(kind: EventKind, path: PathBuf) -> notify::Event {
        notify::Event::new(kind).add_path(path)
    }

    #[test]
    fn only_site_sources_count() {
        let dir = std::env::temp_dir();
        let (tx, signals) = channel();
        let mut watch = Watch {
            watcher: None,
            signals,
            stopper: tx,
            root: dir.join("site"),
            ignored: Some(dir.join("site/content/out")),
            problems: Vec::new(),
        };
        let root = watch.root.clone();
        let mut changed = BTreeSet::new();
        let modify = EventKind::Modify(ModifyKind::Any);
        for rel in [
            "config.yaml",
            "content/2023/a.vi.md",
            "themes/default/templates/article.html",
            "data/views.yaml",
            "README.md",
            "public/index.html",
            "content/out/index.html",
            "content/.a.md.swp",
        ] {
            watch.collect(event(modify, root.join(rel)), &mut changed);
        }
        let read = EventKind::Access(AccessKind::Open(AccessMode::Any));
        watch.collect(event(read, root.join("static/x.png")), &mut changed);
        let rels: Vec<_> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            rels,
            [
                "config.yaml",
                "content/2023/a.vi.md",
                "data/views.yaml",
                "themes/default/templates/article.html"
            ]
            .map(PathBuf::from)
        );
    }
}
