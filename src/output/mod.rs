//! Where rendered bytes go: every output file of a build is handed to a
//! [`Sink`].
//!
//! - `claim`: checks that an output folder may be replaced and locks it;
//!   `marker`: the file that says bantin made a folder, and what it built.
//! - `staging`: `build` writes the whole site aside and swaps it in.
//! - `diff`: `serve` stages only the files whose bytes changed and moves
//!   them into the folder it serves.
//! - `discard`: `check` keeps nothing; a progress count.
//!
//! Both writing sinks share `Pending` (a folder files wait in, its first
//! write error only) and `Claims` (no two outputs at one path, nor at two
//! differing only in letter case); every sink checks paths with
//! [`safe_relative`].

mod claim;
mod diff;
mod discard;
mod lock;
mod marker;
mod staging;

use std::collections::hash_map::Entry;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diag::Diagnostic;
use crate::text::slug::fold_case;

pub use claim::Output;
pub use diff::{DiffSink, Staged};
pub use discard::{Counting, Discard};
pub use lock::{lock_file, try_lock_file};
pub use marker::{MARKER, Stamp};
pub use staging::Staging;

/// Where a file's bytes come from: built into bantin (the default
/// theme), or a file of the site, copied as it is.
#[derive(Clone, Debug)]
pub enum Asset {
    BuiltIn(&'static [u8]),
    File(PathBuf),
}

/// Receives every output file of a build.
pub trait Sink: Sync {
    /// `path` is relative to the output folder, '/'-separated.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;

    /// A static file, copied as it is. A file is streamed, never read
    /// whole: a static file may be as large as a video.
    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic>;

    /// A file that is never changed in place (the images cache renames new
    /// files over old ones), so the output may share it: a hard link where
    /// the sink can make one, else a copy.
    fn share(&self, path: &str, file: &Path) -> Result<(), Diagnostic> {
        self.copy(path, &Asset::File(file.to_path_buf()))
    }

    /// A file could not be written: the build is lost, and what it would
    /// still find (links to the files it did not write) is not worth saying.
    fn stopped(&self) -> bool {
        false
    }
}

/// Lets a build's first write error through and drops the rest: once one
/// file cannot be written (a full disk) the build is lost, and each of the
/// thousands of files after it would only say the same thing again.
#[derive(Default)]
struct WriteFailure(AtomicBool);

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
fn clash(path: impl AsRef<Path>) -> Diagnostic {
    Diagnostic::error(path.as_ref(), crate::msg!("output-clash"))
}

/// The output paths of one build, so that no two outputs meet at one
/// path, nor at two paths differing only in letter case: a
/// case-insensitive file system or host would keep one of the two.
#[derive(Default)]
struct Claims(Mutex<FxHashMap<String, String>>);

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
            crate::msg!(
                "file-case-clash",
                other = shown(second).display().to_string()
            ),
        ))
    }
}

/// Folders below a root known to exist. Most files share theirs with
/// others, and asking the system again costs two calls a file.
#[derive(Default)]
struct Folders(Mutex<FxHashSet<String>>);

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

/// A folder files wait in before they join the output (a build's staging
/// folder, serve's pending folder), each at its output path below it.
/// Once one file cannot be written (a full disk) the build is lost: only
/// that first error is told, and nothing more is written.
struct Pending {
    root: PathBuf,
    folders: Folders,
    failure: WriteFailure,
}

impl Pending {
    fn new(root: PathBuf) -> Pending {
        Pending {
            root,
            folders: Folders::default(),
            failure: WriteFailure::default(),
        }
    }

    /// Makes the folder of output path `path` and has `write` write its
    /// file, at the path it is given, which is returned once written.
    /// Errors about the folder name it below `shown` (the file itself when
    /// `None`). `Ok(None)` once a write failed.
    fn write(
        &self,
        path: &str,
        shown: Option<&Path>,
        write: impl FnOnce(&Path) -> Result<(), Diagnostic>,
    ) -> Result<Option<PathBuf>, Diagnostic> {
        if self.failure.happened() {
            return Ok(None);
        }
        let file = self.root.join(path);
        let shown = shown.unwrap_or(&file);
        let written = (self.folders.make_for(&self.root, path))
            .map_err(|e| {
                Diagnostic::io(
                    shown.parent().unwrap_or(shown),
                    &crate::msg!("io-create-folder"),
                    &e,
                )
            })
            .and_then(|()| write(&file));
        match written {
            Ok(()) => Ok(Some(file)),
            Err(e) => self.failure.first(Err(e)).map(|()| None),
        }
    }

    /// A write failed: the build is lost.
    fn stopped(&self) -> bool {
        self.failure.happened()
    }
}

/// Streams `source` into `to`, never holding it whole: a static file may
/// be as large as a video.
fn stream(source: &mut fs::File, to: &mut fs::File) -> std::io::Result<()> {
    std::io::copy(source, to).map(|_| ())
}

/// An output path must stay inside the output folder: every sink checks
/// with this one guard.
fn safe_relative(path: &str) -> Result<PathBuf, Diagnostic> {
    let relative = PathBuf::from(path);
    let safe = !path.is_empty()
        && !path.contains('\\')
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if safe {
        Ok(relative)
    } else {
        Err(Diagnostic::error(path, crate::msg!("output-outside")))
    }
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
}
