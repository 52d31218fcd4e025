//! Every file a build may read, known by its state first: size,
//! modification and change times, inode and device. A state that moved is
//! confirmed by the content's hash (a `touch`, a checkout that rewrote
//! the same bytes), so only the files whose state moved are read.
//!
//! What a build reads lives in `config.yaml`, `content/`, `static/`,
//! `themes/` and `data/`; all of them are listed, whatever the
//! configuration names (a file no build reads only costs a rebuild when it
//! changes). Links are followed, as the build follows them.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::fingerprint;

/// Where, below the site root, a build finds what it reads.
const READ: [&str; 5] = ["config.yaml", "content", "static", "themes", "data"];

/// Times closer than this to when the states were taken may hide a later
/// write inside the same clock tick of a coarse file system (FAT: 2 s):
/// such a file is hashed to be sure.
const RESOLUTION_NS: i128 = 2_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    len: u64,
    modified: i128,
    changed: i128,
    inode: u64,
    device: u64,
}

impl State {
    fn of(meta: &std::fs::Metadata) -> State {
        #[cfg(unix)]
        let (changed, inode, device) = {
            use std::os::unix::fs::MetadataExt;
            let changed = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
            (changed, meta.ino(), meta.dev())
        };
        #[cfg(not(unix))]
        let (changed, inode, device) = (0, 0, 0);
        State {
            len: meta.len(),
            modified: meta.modified().map_or(0, nanos),
            changed,
            inode,
            device,
        }
    }

    /// Written so close to `taken_at` that a later write may share its times.
    fn racy(&self, taken_at: i128) -> bool {
        self.modified.max(self.changed) >= taken_at - RESOLUTION_NS
    }
}

fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// One input as the cache remembers it; `hash` is `None` when the file
/// changed while the build ran, so its content is not the one built.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InputFile {
    /// Relative to the site root, as the platform's bytes.
    path: Vec<u8>,
    state: State,
    hash: Option<u64>,
}

/// The state of every input, taken before a build reads any of them.
pub struct Scan {
    files: Vec<(Vec<u8>, PathBuf, State)>,
    /// When the states were taken (ns since the epoch).
    pub taken_at: i128,
}

impl Scan {
    /// `None` when some folder cannot be walked: nothing is vouched for.
    pub fn take(root: &Path, out: &Path) -> Option<Scan> {
        let taken_at = nanos(SystemTime::now());
        let mut files = Vec::new();
        for top in READ {
            let start = root.join(top);
            if std::fs::symlink_metadata(&start).is_err() {
                continue;
            }
            let walk = walkdir::WalkDir::new(&start)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                // An output folder inside an input folder is not an input.
                .filter_entry(|e| e.path() != out);
            for entry in walk {
                let entry = entry.ok()?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let meta = entry.metadata().ok()?;
                let rel = entry.path().strip_prefix(root).ok()?;
                let key = rel.as_os_str().as_encoded_bytes().to_vec();
                files.push((key, entry.path().to_path_buf(), State::of(&meta)));
            }
        }
        Some(Scan { files, taken_at })
    }

    /// Whether every input is as `known` (remembered at `known_at`) says:
    /// `Some(false)` by states alone, `Some(true)` when some state moved
    /// and the hashes confirmed the content; `None` when anything changed.
    pub fn unchanged_since(&self, known: &[InputFile], known_at: i128) -> Option<bool> {
        if known.len() != self.files.len() {
            return None;
        }
        let mut rehashed = false;
        for ((path, full, state), old) in self.files.iter().zip(known) {
            if *path != old.path {
                return None;
            }
            if *state == old.state && !old.state.racy(known_at) {
                continue;
            }
            if old.hash.is_none() || hash(full, *state) != old.hash {
                return None;
            }
            rehashed = true;
        }
        Some(rehashed)
    }

    /// This scan's states with `known`'s hashes, once `unchanged_since`
    /// confirmed that the contents are those.
    pub fn with_hashes_from(&self, known: &[InputFile]) -> Vec<InputFile> {
        (self.files.iter().zip(known))
            .map(|((path, _, state), old)| InputFile {
                path: path.clone(),
                state: *state,
                hash: old.hash,
            })
            .collect()
    }

    /// Every input with its content hash, after a build that read them:
    /// reused from `known` when the state is the one hashed then, else
    /// read now. A file whose state is no longer the scanned one changed
    /// during the build: it gets no hash, so the next build redoes it.
    pub fn hashed(&self, known: &[InputFile], known_at: i128) -> Vec<InputFile> {
        let previous: FxHashMap<&[u8], &InputFile> =
            known.iter().map(|f| (f.path.as_slice(), f)).collect();
        self.files
            .par_iter()
            .map(|(path, full, state)| {
                let reused = previous
                    .get(path.as_slice())
                    .filter(|old| old.state == *state && !old.state.racy(known_at))
                    .and_then(|old| old.hash);
                InputFile {
                    path: path.clone(),
                    state: *state,
                    hash: reused.or_else(|| hash(full, *state)),
                }
            })
            .collect()
    }
}

/// What tells, without walking it, that the output folder is still the
/// one a build left: the folder's own state (a new folder, or an entry
/// added or removed at its top, changes it) and its marker's, which each
/// build writes anew. The pipeline also counts its files (`Output::
/// up_to_date`); files edited in place are not seen: the folder is
/// bantin's, replaced on every build (`--no-cache` rebuilds it whatever
/// it holds).
pub fn output_state(out: &Path) -> Option<[State; 2]> {
    let folder = std::fs::metadata(out).ok()?;
    let marker = std::fs::metadata(out.join(crate::output::MARKER)).ok()?;
    Some([State::of(&folder), State::of(&marker)])
}

/// The hash of the file's content, if it still has `state` after reading.
fn hash(path: &Path, state: State) -> Option<u64> {
    let bytes = std::fs::read(path).ok()?;
    let after = std::fs::metadata(path).ok()?;
    (State::of(&after) == state).then(|| fingerprint::of(&bytes[..]))
}
