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
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustc_hash::FxHashMap;

use crate::diag::{self, Diagnostic};
use crate::images;
use crate::output::{self, DiffSink};
use crate::pipeline::{Inputs, Settings};
use crate::render::{BrokenLinks, Memo, Renderer, Scope, Stage};
use crate::site::{ArticleId, BuildOptions, Site};
use crate::source;

/// What one build did.
#[derive(Debug, Clone)]
pub struct RebuildReport {
    /// Sorted; errors mean nothing was written.
    pub diagnostics: Vec<Diagnostic>,
    pub written: usize,
    pub removed: usize,
    pub elapsed: Duration,
    /// Wall time per stage, in order.
    pub timings: Vec<(Stage, Duration)>,
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
    served: Served,
    /// Page id → view count known at build time, from the last good build.
    views: BTreeMap<String, u64>,
    /// What the last build read; `None` until configuration and theme load.
    inputs: Option<Inputs>,
    /// The model of the last good build, for edits that leave it as it is.
    site: Option<Site>,
    /// `--now`: the build clock stays here instead of following the time.
    fixed_clock: Option<jiff::Timestamp>,
    /// The fingerprint of the images the served folder shows: an edit
    /// that changes them takes the full way, which publishes their files.
    images: u64,
}

impl Session {
    /// Builds the site once. The session exists even when that build fails,
    /// so serve can show the errors and recover on the next change.
    /// `settings.out` is not used: the session builds into its own folder.
    pub fn start(settings: Settings) -> (Session, RebuildReport) {
        Session::start_with_clock(settings, None)
    }

    /// [`Session::start`] with the build clock fixed at `fixed_clock`
    /// (`serve --now`) rather than the time of each rebuild.
    pub fn start_with_clock(
        settings: Settings,
        fixed_clock: Option<jiff::Timestamp>,
    ) -> (Session, RebuildReport) {
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
            served: Served::default(),
            views: BTreeMap::new(),
            inputs: None,
            site: None,
            fixed_clock,
            images: 0,
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
    /// Either way only the pages whose input changed are rendered again,
    /// and when only articles' text changed, only the pages showing it are
    /// looked at (`Scope::Texts`).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> RebuildReport {
        let started = Instant::now();
        // Articles dated in the future appear once their time has come,
        // and expired ones go.
        let previous_now = self.settings.now;
        self.settings.now = self.fixed_clock.unwrap_or_else(jiff::Timestamp::now);
        let seen = self.seen(changed);
        let mut diagnostics = Vec::new();
        let edited = match &seen {
            Seen::Articles(articles) => self.texts_only(articles, previous_now),
            _ => None,
        };
        if let Some(ids) = edited {
            if let Some(report) = self.rebuild_texts(&ids, started) {
                return report;
            }
            // The model moved after all; the articles are read already.
        } else {
            match (seen, self.inputs.as_mut()) {
                (Seen::Articles(articles), Some(inputs)) => {
                    for rel_path in articles {
                        inputs.reread(&self.settings.root, &rel_path);
                    }
                }
                (Seen::ContentFolder, Some(inputs)) => inputs.reread_content(&self.settings.root),
                _ => self.inputs = Inputs::read(&self.settings, &mut diagnostics),
            }
        }
        let mut moved = None;
        let mut timings = vec![(Stage::ReadChanged, started.elapsed())];
        self.site = None;
        if let Some(inputs) = &self.inputs {
            let lap = Instant::now();
            let site = inputs.model(&self.settings, &mut diagnostics);
            timings.push((Stage::Model, lap.elapsed()));
            let errors_before = diagnostics.iter().any(Diagnostic::is_error);
            match Renderer::new(&site, &inputs.theme) {
                Ok(renderer) if !errors_before => {
                    let lap = Instant::now();
                    let (images, errors) = images::prepare(
                        &self.settings.root,
                        &site,
                        &inputs.theme,
                        images::Mode::Build,
                    );
                    diagnostics.extend(errors);
                    let renderer = renderer.with_images(images);
                    timings.push((Stage::Images, lap.elapsed()));
                    let (out, pending) = (&self.settings.out, self.folder.pending());
                    moved = self
                        .served
                        .render(
                            &renderer,
                            Scope::Everything,
                            out,
                            pending,
                            &mut diagnostics,
                            &mut timings,
                        )
                        .flatten();
                    if moved.is_some() {
                        renderer.images().finish();
                        self.images = renderer.images().fingerprint();
                        self.views = build_views(&site);
                    }
                }
                Ok(_) => {}
                Err(errors) => diagnostics.extend(errors),
            }
            // Kept only when it is what the served folder and the memo show.
            self.site = self.served.shows(moved).then_some(site);
        }
        report(diagnostics, moved, timings, started)
    }

    /// The ids of the edited articles when every change is to an article's
    /// text, its front matter as it was, and the clock made no article
    /// appear since the last build: the model is then the last one, and the
    /// new texts are put in it. `None` otherwise, with nothing changed.
    fn texts_only(
        &mut self,
        articles: &[String],
        previous_now: jiff::Timestamp,
    ) -> Option<Vec<ArticleId>> {
        let inputs = self.inputs.as_mut()?;
        let site = self.site.as_mut()?;
        let settings = &self.settings;
        if inputs.changes_between(previous_now, settings.now, settings.include_drafts) {
            return None;
        }
        let options = BuildOptions {
            include_drafts: settings.include_drafts,
            now: settings.now,
            config_path: settings.root.join(crate::config::FILE_NAME),
            preview_drafts: settings.preview_drafts,
        };
        let mut edited = Vec::new();
        for rel_path in articles {
            let new = source::load_one(&settings.root, rel_path, &inputs.config)?.ok()?;
            if inputs.article(rel_path)?.front != new.front {
                return None;
            }
            // Outside the model, its text shows nowhere, unless the file is
            // not an article at all, which the model must then be built for.
            let id = site.by_rel_path.get(rel_path).copied();
            if id.is_none() && options.publishes(&new.front) {
                return None;
            }
            edited.push((rel_path, id, Arc::new(new)));
        }
        let mut ids = Vec::new();
        for (rel_path, id, new) in edited {
            inputs.replace(rel_path, Arc::clone(&new));
            if let Some(id) = id {
                site.articles[id].source = new;
                ids.push(id);
            }
        }
        // The news sitemap's window follows the clock.
        site.now = settings.now;
        Some(ids)
    }

    /// Renders the `edited` articles' new texts into the last model with
    /// `Scope::Texts`; `None`, with nothing written, when that scope turns
    /// out too narrow.
    fn rebuild_texts(&mut self, edited: &[ArticleId], started: Instant) -> Option<RebuildReport> {
        let mut timings = vec![(Stage::ReadChanged, started.elapsed())];
        let mut diagnostics = Vec::new();
        let site = self.site.take()?;
        let inputs = self.inputs.as_ref()?;
        let lap = Instant::now();
        let (images, image_errors) = images::prepare(
            &self.settings.root,
            &site,
            &inputs.theme,
            images::Mode::Build,
        );
        // New or changed photos take the full way, which publishes their files.
        if images.fingerprint() != self.images {
            return None;
        }
        diagnostics.extend(image_errors);
        timings.push((Stage::Images, lap.elapsed()));
        let renderer = Renderer::new(&site, &inputs.theme)
            .ok()?
            .with_images(images);
        let (out, pending) = (&self.settings.out, self.folder.pending());
        let scope = Scope::Texts(edited);
        let served = &mut self.served;
        let moved = served.render(
            &renderer,
            scope,
            out,
            pending,
            &mut diagnostics,
            &mut timings,
        )?;
        if moved.is_some() {
            renderer.images().finish();
        }
        // Kept only when it is what the served folder and the memo show.
        self.site = served.shows(moved).then_some(site);
        Some(report(diagnostics, moved, timings, started))
    }

    /// What the watcher saw among `changed`: only articles (as content
    /// paths), something in `content/` that takes reading the whole folder
    /// again (a folder that appeared, a name not in NFC), or anything else,
    /// or nothing at all named.
    fn seen(&self, changed: &[PathBuf]) -> Seen {
        if changed.is_empty() {
            return Seen::Everything;
        }
        let mut articles = Vec::with_capacity(changed.len());
        let mut whole_folder = false;
        for path in changed {
            match self.content_path(path) {
                None => return Seen::Everything,
                Some(None) => whole_folder = true,
                Some(Some(rel)) => articles.push(rel),
            }
        }
        if whole_folder {
            Seen::ContentFolder
        } else {
            Seen::Articles(articles)
        }
    }

    /// `path` as a content path; `Some(None)` for one that takes reading
    /// the whole folder again; `None` outside `content/`.
    fn content_path(&self, path: &Path) -> Option<Option<String>> {
        let below_root = if path.is_relative() {
            path
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
    }

    /// The folder being served.
    /// Moves the fixed build clock to `now`, for the next rebuild: what
    /// time passing does to a `serve --now` session (and to tests).
    pub fn set_clock(&mut self, now: jiff::Timestamp) {
        self.fixed_clock = Some(now);
    }

    /// config.yaml's "open in editor" pattern, as last read.
    pub fn editor_url(&self) -> Option<&str> {
        self.inputs.as_ref()?.config.editor_url.as_deref()
    }

    pub fn out_dir(&self) -> &Path {
        &self.settings.out
    }

    /// Page id → view count known at build time, from the last good build.
    pub fn build_views(&self) -> &BTreeMap<String, u64> {
        &self.views
    }
}

fn path_is_dir(root: &Path, below_root: &Path, path: &Path) -> bool {
    if path.is_relative() {
        root.join(below_root).is_dir()
    } else {
        path.is_dir()
    }
}

/// What the watcher saw, as a rebuild reads it.
enum Seen {
    /// Only these articles' files (content paths).
    Articles(Vec<String>),
    /// Something in `content/` for which the whole folder is read again.
    ContentFolder,
    /// Anything else (configuration, theme, static files, view counts):
    /// everything is read again.
    Everything,
}

/// The served folder as the last good build left it.
#[derive(Default)]
struct Served {
    /// Output path ('/'-separated, relative) → hash of the bytes on disk.
    files: FxHashMap<String, u64>,
    /// How the files on disk were made, so a rebuild redoes only what changed.
    memo: Memo,
}

impl Served {
    /// Renders what changed within `scope` into the pending folder; with no
    /// error among `diagnostics`, moves the staged files into `dir`, deletes
    /// those no longer made and remembers how they were made: returns
    /// `Some(Some((written, removed)))`. With an error, leaves the served
    /// folder as it was: `Some(None)`. `None` when `renderer` found the
    /// scope too narrow, with nothing written.
    fn render(
        &mut self,
        renderer: &Renderer,
        scope: Scope,
        dir: &Path,
        pending: PathBuf,
        diagnostics: &mut Vec<Diagnostic>,
        timings: &mut Vec<(Stage, Duration)>,
    ) -> Option<Option<(usize, usize)>> {
        let sink = DiffSink::new(&self.files, pending);
        let rendered = renderer.render_changed(&sink, BrokenLinks::Warn, &self.memo, scope);
        let staged = sink.finish();
        let Some(rendered) = rendered else {
            staged.abandon();
            return None;
        };
        timings.extend(rendered.report.timings);
        diagnostics.extend(rendered.diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            staged.abandon();
            return Some(None);
        }
        let lap = Instant::now();
        let stale = match scope {
            // Files the last build made and this one did not.
            Scope::Everything => staged.unmade(&self.files),
            Scope::Texts(_) => rendered.removed,
        };
        let mut problems = Vec::new();
        let moved = staged.commit(dir, &mut self.files, stale, &mut problems);
        // A file that could not be moved in leaves the memo unsure of the
        // disk: the next build starts afresh.
        if problems.is_empty() {
            rendered.memo.apply(&mut self.memo);
        } else {
            self.memo = Memo::default();
        }
        diagnostics.extend(problems);
        timings.push((Stage::MoveIn, lap.elapsed()));
        Some(Some(moved))
    }

    /// The build that `render` said `moved` is what the served folder and
    /// the memo show: its model is worth keeping for the next edit.
    fn shows(&self, moved: Option<(usize, usize)>) -> bool {
        moved.is_some() && !self.memo.is_empty()
    }
}

/// The report of a rebuild that moved (written, removed) files in, if any.
fn report(
    mut diagnostics: Vec<Diagnostic>,
    moved: Option<(usize, usize)>,
    timings: Vec<(Stage, Duration)>,
    started: Instant,
) -> RebuildReport {
    diag::sort(&mut diagnostics);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    let (written, removed) = moved.unwrap_or((0, 0));
    RebuildReport {
        diagnostics,
        written,
        removed,
        elapsed: started.elapsed(),
        timings,
        ok,
    }
}

/// Page id → build-time count for every article of a good build.
/// Every page's build-time count, and the whole site's (`_site`), which
/// every page's footer counts a visit to.
fn build_views(site: &Site) -> BTreeMap<String, u64> {
    let pages = (site.articles.iter()).map(|a| (a.page_id.clone(), a.views.unwrap_or(0)));
    let whole = (crate::site::SITE_PAGE_ID.to_string(), site.site_views);
    pages.chain(std::iter::once(whole)).collect()
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
                    last = Some(Diagnostic::io(
                        &path,
                        &crate::msg!("io-create-serve-folder"),
                        &e,
                    ));
                    break;
                }
            }
        }
        let path = base.join(format!("{PREFIX}{}", std::process::id()));
        let problem =
            last.unwrap_or_else(|| Diagnostic::error(&base, crate::msg!("serve-no-free-name")));
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
}
