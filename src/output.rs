//! Where rendered bytes go.
//!
//! `Output::claim` checks that a folder may be replaced and locks it against
//! other builds; `Staging` writes a whole build into a fresh folder next to
//! it and swaps it in only when everything succeeded, so a failed build
//! leaves the previous output exactly as it was, and removes itself however
//! the build ends. A marker file records that bantin made the folder;
//! bantin refuses to replace a folder without it.

use std::collections::BTreeMap;
use std::collections::hash_map::Entry;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diag::Diagnostic;
use crate::site::urls::fold_case;
use crate::theme::Asset;

/// The marker file at the top of every output folder bantin writes.
pub const MARKER: &str = ".bantin";
const MARKER_TEXT: &str = "This folder is written by bantin and replaced on every build.\n";

/// What the marker records of a build that had nothing to say, so that the
/// next build of the very same inputs can leave the folder as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The fingerprint of everything the build read (and of bantin itself).
    pub inputs: u64,
    pub files: usize,
    /// Language → pages.
    pub pages: BTreeMap<String, usize>,
}

impl Stamp {
    fn to_text(&self) -> String {
        let pages: Vec<String> = self.pages.iter().map(|(l, n)| format!("{l}={n}")).collect();
        format!(
            "inputs {:016x}\nfiles {}\npages {}\n",
            self.inputs,
            self.files,
            pages.join(" ")
        )
    }

    fn parse(text: &str) -> Option<Stamp> {
        let mut lines = text.lines().skip(1);
        let inputs = u64::from_str_radix(lines.next()?.strip_prefix("inputs ")?, 16).ok()?;
        let files = lines.next()?.strip_prefix("files ")?.parse().ok()?;
        let pages = lines
            .next()?
            .strip_prefix("pages ")?
            .split_whitespace()
            .map(|pair| {
                let (lang, n) = pair.split_once('=')?;
                Some((lang.to_string(), n.parse().ok()?))
            })
            .collect::<Option<_>>()?;
        Some(Stamp {
            inputs,
            files,
            pages,
        })
    }
}

/// The stamp of the build in `out` when it was made from `inputs` and still
/// holds as many files as it made; `None` when it must be built again.
fn up_to_date(out: &Path, inputs: u64) -> Option<Stamp> {
    let stamp = Stamp::parse(&fs::read_to_string(out.join(MARKER)).ok()?)?;
    if stamp.inputs != inputs {
        return None;
    }
    // bantin's own files (the marker, a lock) are not the build's files.
    let files = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !reserved(&e.file_name().to_string_lossy()))
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
        .count();
    (files == stamp.files).then_some(stamp)
}

/// Top-level names bantin keeps for itself in an output folder: the
/// marker, and the lock and staging folders of an output it replaces in
/// place. No output of a build may take one.
fn reserved(name: &str) -> bool {
    name.starts_with(MARKER)
}

/// Receives every output file of a build.
pub trait Sink: Sync {
    /// `path` is relative to the output folder, '/'-separated.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// A static file, copied as it is. A file is streamed, never read
    /// whole: a static file may be as large as a video.
    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic>;

    /// `put`, with a digest of `bytes` that the caller made anyway (search
    /// index files): a sink that compares outputs can use it instead of
    /// hashing them again. The same path always comes with a digest.
    fn put_digested(&self, path: &str, _digest: u64, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.put(path, bytes)
    }

    /// An output the previous build made, left as it is: for sinks that
    /// update an earlier build in place (`serve`), which override this.
    fn keep(&self, path: &str) -> Result<(), Diagnostic> {
        Err(Diagnostic::error(
            path,
            "internal error: this build cannot keep files of an earlier one",
        ))
    }

    /// A file could not be written: the build is lost, and what it would
    /// still find (links to the files it did not write) is not worth saying.
    fn stopped(&self) -> bool {
        false
    }
}

/// Passes everything on to `inner`, counting the files, for a progress
/// display.
pub struct Counting<'a> {
    pub inner: &'a dyn Sink,
    pub count: &'a AtomicUsize,
}

impl Sink for Counting<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put(path, bytes)?;
        self.count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic> {
        self.inner.copy(path, asset)?;
        self.count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn put_digested(&self, path: &str, digest: u64, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put_digested(path, digest, bytes)?;
        self.count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn keep(&self, path: &str) -> Result<(), Diagnostic> {
        self.inner.keep(path)
    }

    fn stopped(&self) -> bool {
        self.inner.stopped()
    }
}

/// Lets a build's first write error through and drops the rest: once one
/// file cannot be written (a full disk) the build is lost, and each of the
/// thousands of files after it would only say the same thing again.
#[derive(Default)]
pub struct WriteFailure(AtomicBool);

impl WriteFailure {
    /// True once a write failed: the sink writes nothing more.
    pub fn happened(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// `result` when it is the first failure, `Ok` (the file left unwritten,
    /// the build failing anyway) for any after it.
    pub fn first(&self, result: Result<(), Diagnostic>) -> Result<(), Diagnostic> {
        match result {
            Err(d) if !self.0.swap(true, Ordering::Relaxed) => Err(d),
            _ => Ok(()),
        }
    }
}

/// The error for a second output at a path already written in this build.
pub fn clash(path: impl AsRef<Path>) -> Diagnostic {
    Diagnostic::error(
        path.as_ref(),
        "two outputs want this same file; check slugs, aliases and static files",
    )
}

/// The output paths of one build, so that no two outputs meet at one
/// path, nor at two paths differing only in letter case: a
/// case-insensitive file system or host would keep one of the two.
#[derive(Default)]
pub struct Claims(Mutex<FxHashMap<String, String>>);

impl Claims {
    /// Claims output path `path`; errors name output paths below `out`.
    pub fn claim(&self, path: &str, out: &Path) -> Result<(), Diagnostic> {
        let shown = |path: &str| out.join(path);
        let mut claimed = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let other = match claimed.entry(fold_case(path)) {
            Entry::Vacant(entry) => {
                entry.insert(path.to_string());
                return Ok(());
            }
            Entry::Occupied(entry) => entry.get().clone(),
        };
        if other == path {
            return Err(clash(shown(path)));
        }
        // Named in the same order whichever thread came first.
        let (first, second) = if other.as_str() < path {
            (other.as_str(), path)
        } else {
            (path, other.as_str())
        };
        Err(Diagnostic::error(
            shown(first),
            format!(
                "differs only in letter case from {}, and case-insensitive hosts (Windows, macOS, many web servers) keep one file for both; rename one",
                shown(second).display()
            ),
        ))
    }
}

/// `check` renders everything to find errors, and keeps nothing.
#[derive(Default)]
pub struct Discard {
    claims: Claims,
}

impl Sink for Discard {
    fn put(&self, path: &str, _bytes: &[u8]) -> Result<(), Diagnostic> {
        safe_relative(path)?;
        self.claims.claim(path, Path::new(""))
    }

    fn copy(&self, path: &str, _asset: &Asset) -> Result<(), Diagnostic> {
        self.put(path, &[])
    }
}

/// The output folder of one build, claimed: checked that bantin may
/// replace it, and locked against other builds of it until dropped.
pub struct Output {
    /// As the user named it, for messages.
    shown: PathBuf,
    /// The folder replaced: `shown`, or the folder it links to.
    dir: PathBuf,
    /// A mount point, or a folder whose parent bantin may not write in:
    /// staged inside itself and replaced entry by entry.
    in_place: bool,
    /// Locked while this build owns the output; the system lets go when
    /// the process ends, however it ends.
    _lock: Lock,
}

impl Output {
    /// Checks that `out` may be replaced by a build of the site at `root`,
    /// waits for any other build of it to end, and removes what builds
    /// killed before their end left beside it.
    pub fn claim(out: &Path, root: &Path) -> Result<Output, Diagnostic> {
        let dir = follow_link(out)?;
        check_replaceable(out, &dir, root)?;
        let parent = parent(&dir);
        fs::create_dir_all(parent)
            .map_err(|e| Diagnostic::io(parent, "create the output's parent folder", &e))?;
        // A mount point cannot be renamed (nor anything across its edge),
        // and the parent of `public -> /var/www/site` is often not the
        // builder's to write in: then everything happens inside the folder.
        let inside = || {
            let path = dir.join(LOCK);
            lock(&path).map_err(|e| Diagnostic::io(&path, "lock", &e))
        };
        let beside = parent.join(format!(".{}.bantin-lock", name(&dir)));
        let (lock, in_place) = if dir.is_dir() && is_mount_point(&dir) {
            (inside()?, true)
        } else {
            match lock(&beside) {
                Ok(lock) => (lock, false),
                Err(_) if dir.is_dir() => (inside()?, true),
                Err(e) => return Err(Diagnostic::io(&beside, "lock", &e)),
            }
        };
        let output = Output {
            shown: out.to_path_buf(),
            dir,
            in_place,
            _lock: lock,
        };
        output.sweep();
        Ok(output)
    }

    /// The stamp of the build the folder holds when it was made from
    /// `inputs`; `None` when it must be built again.
    pub fn up_to_date(&self, inputs: u64) -> Option<Stamp> {
        up_to_date(&self.dir, inputs)
    }

    /// Creates the staging folder a build writes into.
    pub fn stage(self) -> Result<Staging, Diagnostic> {
        let (staging, old) = if self.in_place {
            let id = std::process::id();
            (
                self.dir.join(format!("{STAGING}{id}")),
                self.dir.join(format!("{OLD}{id}")),
            )
        } else {
            let staging = parent(&self.dir).join(format!(
                ".{}{STAGING}{}",
                name(&self.dir),
                std::process::id()
            ));
            let mut old = staging.clone().into_os_string();
            old.push(".old");
            (staging, PathBuf::from(old))
        };
        fs::create_dir(&staging)
            .map_err(|e| Diagnostic::io(&staging, "create the staging folder", &e))?;
        Ok(Staging {
            output: self,
            staging,
            old,
            keep_old: false,
            claims: Claims::default(),
            folders: Folders::default(),
            failure: WriteFailure::default(),
        })
    }

    /// Removes the staging and old folders of builds that ended before
    /// their end (killed, a power cut): no one else holds the lock, so no
    /// one is using them.
    fn sweep(&self) {
        let (folder, prefixes) = if self.in_place {
            (self.dir.clone(), vec![STAGING.to_string(), OLD.to_string()])
        } else {
            let prefix = format!(".{}{STAGING}", name(&self.dir));
            (parent(&self.dir).to_path_buf(), vec![prefix])
        };
        let Ok(entries) = fs::read_dir(&folder) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if prefixes
                .iter()
                .any(|p| name.to_string_lossy().starts_with(p))
            {
                remove_any(&entry.path());
            }
        }
    }
}

const LOCK: &str = ".bantin-lock";
const STAGING: &str = ".bantin-staging-";
const OLD: &str = ".bantin-old-";

/// A lock file, held: other builds wait until it is let go.
struct Lock {
    path: PathBuf,
    _file: fs::File,
}

/// Opens (creating) and locks `path`, waiting while another process holds it.
fn lock(path: &Path) -> std::io::Result<Lock> {
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        lock_file(&file)?;
        // The build that held it removed it as it let go: this lock is on
        // a file no one else will open; take the one at the path now.
        if same_file(&file, path) {
            return Ok(Lock {
                path: path.to_path_buf(),
                _file: file,
            });
        }
    }
}

/// Locks `file` for this process, waiting while another holds it. The
/// system lets go when the process ends, however it ends. (Rust's own
/// `File::lock` needs 1.89.)
#[cfg(unix)]
pub fn lock_file(file: &fs::File) -> std::io::Result<()> {
    flock(file, libc::LOCK_EX)
}

/// Locks `file` if no one holds it: true when locked.
#[cfg(unix)]
pub fn try_lock_file(file: &fs::File) -> bool {
    flock(file, libc::LOCK_EX | libc::LOCK_NB).is_ok()
}

#[cfg(unix)]
fn flock(file: &fs::File, operation: libc::c_int) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    loop {
        // SAFETY: the descriptor is open for the whole call.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Elsewhere builds are not locked against each other.
#[cfg(not(unix))]
pub fn lock_file(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Never: without locks no folder can be known to be no one's.
#[cfg(not(unix))]
pub fn try_lock_file(_file: &fs::File) -> bool {
    false
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &fs::File, _path: &Path) -> bool {
    true
}

impl Drop for Lock {
    /// Removed while still held (the file is let go after this), so that
    /// no lock file is left beside the output: a build waiting on it finds
    /// out above.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Removes a folder tree, or a file or link, ignoring failure: it is a
/// leftover, and the next build tries again.
fn remove_any(path: &Path) {
    let _ = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        _ => fs::remove_file(path),
    };
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

/// The folder to write for `out`: itself, or where it links to. A link is
/// what deployments use (`public -> /var/www/site`); replacing the link by
/// a folder would leave the web server serving the old files.
fn follow_link(out: &Path) -> Result<PathBuf, Diagnostic> {
    let is_link = fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(out.to_path_buf());
    }
    out.canonicalize().map_err(|e| {
        Diagnostic::error(
            out,
            format!(
                "the output is a link to a folder that cannot be used ({e}); create it or point the link elsewhere"
            ),
        )
    })
}

/// A folder something else is mounted on cannot be renamed (nor anything
/// renamed across its edge): its files must be replaced one by one.
#[cfg(unix)]
fn is_mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let device = |p: &Path| fs::metadata(p).map(|m| m.dev()).ok();
    let Ok(dir) = dir.canonicalize() else {
        return false;
    };
    // A bind mount of the same file system keeps the device: Linux lists
    // every mount point in mountinfo (spaces escaped as \040).
    let listed = || {
        let escaped = dir.to_string_lossy().replace(' ', "\\040");
        fs::read_to_string("/proc/self/mountinfo").is_ok_and(|text| {
            text.lines()
                .any(|line| line.split(' ').nth(4) == Some(escaped.as_str()))
        })
    };
    device(&dir) != dir.parent().and_then(device) || listed()
}

#[cfg(not(unix))]
fn is_mount_point(_dir: &Path) -> bool {
    false
}

/// A build being written: a fresh folder beside the output (or inside it,
/// see [`Output`]), swapped in by `commit` only when everything succeeded.
/// Dropped without a commit, it is removed and the output left as it was.
pub struct Staging {
    output: Output,
    staging: PathBuf,
    /// Where the previous output goes while the new one moves in.
    old: PathBuf,
    /// A failed swap could not put all of it back: `old` is kept.
    keep_old: bool,
    claims: Claims,
    folders: Folders,
    failure: WriteFailure,
}

/// Folders below a root known to exist. Most files share theirs with
/// others, and asking the system again costs two calls a file.
#[derive(Default)]
pub struct Folders(Mutex<FxHashSet<String>>);

impl Folders {
    /// Makes the folder of output path `path` below `root`, unless known.
    pub fn make_for(&self, root: &Path, path: &str) -> std::io::Result<()> {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        // "" is `root` itself, which may have gone (serve moves it away).
        let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
        if lock().contains(folder) {
            return Ok(());
        }
        fs::create_dir_all(root.join(folder))?;
        // Known only once made: another thread may be making it now.
        lock().insert(folder.to_string());
        Ok(())
    }
}

impl Staging {
    /// Swaps the finished build in place of the old output; `stamp` lets
    /// the next build of the same inputs keep it. `Ok` with a warning when
    /// the new output is in place but the old one could not all be removed.
    pub fn commit(mut self, stamp: Option<&Stamp>) -> Result<Option<Diagnostic>, Diagnostic> {
        let marker = self.staging.join(MARKER);
        let text = format!(
            "{MARKER_TEXT}{}",
            stamp.map(Stamp::to_text).unwrap_or_default()
        );
        fs::write(&marker, text).map_err(|e| Diagnostic::io(&marker, "write", &e))?;
        let (dir, shown) = (&self.output.dir, &self.output.shown);
        let lost = |e: std::io::Error| {
            Diagnostic::error(
                shown,
                format!(
                    "cannot replace the output's files: {e}; those not back in place are in {}",
                    self.old.display()
                ),
            )
        };
        let old = if self.output.in_place {
            if let Err(e) = replace_entries(&self.staging, dir, &self.old) {
                let _ = fs::remove_dir(&self.old);
                self.keep_old = self.old.exists();
                return Err(if self.keep_old {
                    lost(e)
                } else {
                    Diagnostic::io(shown, "replace the output's files", &e)
                });
            }
            &self.old
        } else if !dir.exists() {
            fs::rename(&self.staging, dir)
                .map_err(|e| Diagnostic::io(shown, "move the new output in place", &e))?;
            return Ok(None);
        } else {
            match swap(&self.staging, dir, &self.old) {
                Ok(old) => old,
                Err(e) => {
                    self.keep_old = !dir.exists();
                    return Err(if self.keep_old {
                        lost(e)
                    } else {
                        Diagnostic::io(shown, "swap the new output with the old one", &e)
                    });
                }
            }
        };
        Ok(remove_tree(old).err().map(|e| {
            let shown = old
                .strip_prefix(dir)
                .map_or(old.to_path_buf(), |o| shown.join(o));
            Diagnostic::warning(
                shown,
                format!("cannot remove the old output: {e}; the next build will"),
            )
        }))
    }
}

impl Drop for Staging {
    /// Whatever ended the build (an error, a failed commit, a panic), no
    /// staging folder stays behind.
    fn drop(&mut self) {
        remove_any(&self.staging);
        if !self.keep_old {
            remove_any(&self.old);
        }
    }
}

/// Puts `new` in the place of `current`, atomically where the system can;
/// returns where the old output now is.
fn swap<'a>(new: &'a Path, current: &Path, old: &'a Path) -> std::io::Result<&'a Path> {
    #[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
    match exchange(new, current) {
        Ok(()) => return Ok(new),
        // File systems without the exchange (some network ones) and old
        // kernels: the two renames below.
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) => {}
        Err(e) => return Err(e),
    }
    fs::rename(current, old)?;
    if let Err(e) = fs::rename(new, current) {
        let _ = fs::rename(old, current);
        return Err(e);
    }
    Ok(old)
}

/// Exchanges two folders in one step: no moment without an output.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes()).map_err(|_| std::io::ErrorKind::InvalidInput)
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are NUL-terminated paths that outlive the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Replaces what `dir` holds by what `staging` (inside it) holds: the
/// current entries move into `old` (inside it too), then the new ones in.
/// Each entry moves in one step; on failure what moved goes back.
fn replace_entries(staging: &Path, dir: &Path, old: &Path) -> std::io::Result<()> {
    let names = |folder: &Path| -> std::io::Result<Vec<std::ffi::OsString>> {
        let mut names = Vec::new();
        for entry in fs::read_dir(folder)? {
            let name = entry?.file_name();
            if folder != dir || !reserved(&name.to_string_lossy()) || name == MARKER {
                names.push(name);
            }
        }
        Ok(names)
    };
    let move_all = |from: &Path, to: &Path, names: &[std::ffi::OsString]| {
        for (i, name) in names.iter().enumerate() {
            if let Err(e) = fs::rename(from.join(name), to.join(name)) {
                for name in &names[..i] {
                    let _ = fs::rename(to.join(name), from.join(name));
                }
                return Err(e);
            }
        }
        Ok(())
    };
    fs::create_dir(old)?;
    let current = names(dir)?;
    move_all(dir, old, &current)?;
    let result = names(staging).and_then(|new| move_all(staging, dir, &new));
    if result.is_err() {
        let _ = move_all(old, dir, &current);
    }
    result
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let (mut file, shown) = match self.create(path)? {
            Some(created) => created,
            None => return Ok(()),
        };
        let written = file
            .write_all(bytes)
            .map_err(|e| Diagnostic::io(&shown, "write", &e));
        self.failure.first(written)
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic> {
        let source = match asset {
            Asset::BuiltIn(bytes) => return self.put(path, bytes),
            Asset::File(source) => source,
        };
        let (mut to, shown) = match self.create(path)? {
            Some(created) => created,
            None => return Ok(()),
        };
        let copied = fs::File::open(source)
            .map_err(|e| Diagnostic::io(source, "read", &e))
            .and_then(|mut from| {
                std::io::copy(&mut from, &mut to)
                    .map_err(|e| Diagnostic::io(&shown, "copy the file here", &e))
            })
            .map(|_| ());
        self.failure.first(copied)
    }

    fn stopped(&self) -> bool {
        self.failure.happened()
    }
}

impl Staging {
    /// Claims output path `path` and creates its staged file, with the path
    /// errors name for it: the file in the output folder, not in the
    /// staging folder, which is gone by the time the editor reads them.
    /// `None` once a write has failed: the build is then only checked.
    fn create(&self, path: &str) -> Result<Option<(fs::File, PathBuf)>, Diagnostic> {
        let relative = safe_relative(path)?;
        let shown = self.output.shown.join(&relative);
        if path.split('/').next().is_some_and(reserved) {
            return Err(Diagnostic::error(
                shown,
                format!("names starting with `{MARKER}` at the top of the output are bantin's own"),
            ));
        }
        self.claims.claim(path, &self.output.shown)?;
        if self.failure.happened() {
            return Ok(None);
        }
        let created = self
            .folders
            .make_for(&self.staging, path)
            .map_err(|e| Diagnostic::io(shown.parent().unwrap_or(&shown), "create folder", &e))
            .and_then(|()| {
                fs::File::create(self.staging.join(&relative))
                    .map_err(|e| Diagnostic::io(&shown, "create", &e))
            });
        match created {
            Ok(file) => Ok(Some((file, shown))),
            Err(e) => self.failure.first(Err(e)).map(|()| None),
        }
    }
}

/// Removes a folder tree, its top-level entries in parallel: deleting tens
/// of thousands of small files is a large part of replacing an output.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// An output path must stay inside the output folder: every sink checks
/// with this one guard.
pub fn safe_relative(path: &str) -> Result<PathBuf, Diagnostic> {
    let relative = PathBuf::from(path);
    let safe = !path.is_empty()
        && !path.contains('\\')
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(relative)
    } else {
        Err(Diagnostic::error(
            path,
            "refusing to write outside the output folder",
        ))
    }
}

/// The site's folders that bantin reads. An output inside one of them
/// would be read back on the next build (as articles, as static files
/// copied into themselves); one holding them would delete them.
const INPUT_FOLDERS: [&str; 4] = ["content", "data", "static", "themes"];

/// The output may be replaced when it does not exist, is an empty folder,
/// or carries bantin's marker — and never when it holds the site itself,
/// lies inside one of the folders bantin reads or holds one of them. `dir`
/// is `out`, or where it links to. Links are followed on both sides, so a
/// linked `static/` is where it really is.
fn check_replaceable(out: &Path, dir: &Path, root: &Path) -> Result<(), Diagnostic> {
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    if let (Some(out_abs), Some(root_abs)) = (resolve(dir), resolve(root)) {
        if root_abs.starts_with(&out_abs) {
            return Err(Diagnostic::error(
                out,
                "refusing to replace a folder that contains the site itself",
            ));
        }
        for folder in INPUT_FOLDERS {
            let Some(input) = resolve(&root.join(folder)) else {
                continue;
            };
            let problem = if out_abs.starts_with(&input) {
                "the output folder is inside"
            } else if input.starts_with(&out_abs) {
                "the output folder holds"
            } else {
                continue;
            };
            return Err(Diagnostic::error(
                out,
                format!(
                    "{problem} the site's {folder}/ folder (at {}), which bantin reads; choose a folder outside content/, data/, static/ and themes/",
                    input.display()
                ),
            ));
        }
    }
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            out,
            "the output path exists and is not a folder",
        ));
    }
    let empty = fs::read_dir(dir)
        .map_err(|e| Diagnostic::io(out, "read the output folder", &e))?
        .next()
        .is_none();
    if empty || dir.join(MARKER).is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(
        out,
        format!(
            "refusing to replace this folder: bantin did not create it (it has no {MARKER} file); remove it or choose another --out"
        ),
    ))
}

/// Where `path` is or would be once created: absolute, with symbolic links
/// resolved in the part that exists and `..` applied to the rest.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let (existing, mut resolved) = absolute
        .ancestors()
        .find_map(|a| Some((a, a.canonicalize().ok()?)))?;
    for part in absolute.strip_prefix(existing).ok()?.components() {
        match part {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
            _ => {}
        }
    }
    Some(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_escape() {
        assert!(safe_relative("a/b/index.html").is_ok());
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../x").is_err());
        assert!(safe_relative("").is_err());
    }

    #[test]
    fn output_inside_an_input_folder_is_refused() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        fs::create_dir_all(root.join("content")).unwrap();
        for out in [
            "content",
            "content/public",
            "static/x",
            "themes/default",
            "data/out",
            "a/../content/x",
        ] {
            let out = root.join(out);
            let err = check_replaceable(&out, &out, root).unwrap_err();
            assert!(err.message.contains("inside the site's"), "{out:?}: {err}");
        }
        for out in ["public", "contents"] {
            let out = root.join(out);
            assert!(check_replaceable(&out, &out, root).is_ok());
        }
        assert!(!root.join("a").exists());
    }

    /// A site folder with an output `public` holding one earlier build.
    fn claimed() -> (tempfile::TempDir, Output) {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        fs::create_dir_all(out.join("old")).unwrap();
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(out.join("old/index.html"), "old").unwrap();
        let output = Output::claim(&out, site.path()).unwrap();
        (site, output)
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_error_is_reported_once_and_stops_the_sink() {
        let (_site, output) = claimed();
        let staging = output.stage().unwrap();
        // Nothing can be written below a file where the folder was.
        fs::remove_dir(&staging.staging).unwrap();
        fs::write(&staging.staging, "").unwrap();
        assert!(!staging.stopped());
        let failed = (0..50)
            .filter(|i| staging.put(&format!("{i}/index.html"), b"x").is_err())
            .count();
        assert_eq!(failed, 1);
        assert!(staging.stopped());
        // Errors that are not write errors still show.
        assert!(staging.put("0/index.html", b"x").is_err());
    }

    #[test]
    fn a_failed_commit_leaves_no_staging_and_the_output_as_it_was() {
        let (site, output) = claimed();
        let staging = output.stage().unwrap();
        staging.put("new/index.html", b"new").unwrap();
        let path = staging.staging.clone();
        // The marker cannot be written: a folder took its name.
        fs::create_dir(path.join(MARKER)).unwrap();
        assert!(staging.commit(None).is_err());
        assert!(!path.exists());
        assert_eq!(names(site.path()), ["public"]);
        assert_eq!(names(&site.path().join("public")), [MARKER, "old"]);
    }

    #[test]
    fn an_output_replaced_in_place_keeps_only_the_new_files() {
        let (site, mut output) = claimed();
        // As for a mount point.
        output.in_place = true;
        let staging = output.stage().unwrap();
        assert!(staging.staging.starts_with(site.path().join("public")));
        staging.put("new/index.html", b"new").unwrap();
        assert_eq!(staging.commit(None).unwrap(), None);
        assert_eq!(names(&site.path().join("public")), [MARKER, "new"]);
        assert_eq!(names(site.path()), ["public"]);
    }

    #[test]
    fn a_second_claim_waits_for_the_first() {
        let (site, output) = claimed();
        let out = site.path().join("public");
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let second = Output::claim(&out, &out.with_file_name(""));
            tx.send(()).unwrap();
            second.is_ok()
        });
        let waited = rx.recv_timeout(std::time::Duration::from_millis(300));
        assert!(waited.is_err(), "the second claim did not wait");
        drop(output);
        assert!(waiter.join().unwrap());
        assert_eq!(names(site.path()), ["public"]);
    }
}
