//! 64-bit fingerprints that tell whether something changed since the last
//! build: `serve`'s page keys and written files, `build`'s up-to-date check,
//! the search index's blocks of articles. Fast (FxHash) rather than
//! collision-proof against an attacker: for the files of one site, the odds
//! that two different inputs meet are about 2⁻⁶⁴ per pair.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

use rustc_hash::FxHasher;

/// The fingerprint of one value.
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A fingerprint built from several parts, in order.
#[derive(Default)]
pub struct Builder(FxHasher);

impl Builder {
    pub fn with<T: Hash + ?Sized>(mut self, value: &T) -> Builder {
        value.hash(&mut self.0);
        self
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// What tells that a file changed without reading it (a static file may be
/// gigabytes): its size and modification time, and on Unix its change time
/// and inode, which change whenever the file is written or replaced, even
/// by a tool that sets the modification time back (`rsync -t`, archives,
/// `touch -d`). `None` when the file cannot be seen.
pub fn file_state(path: &Path) -> Option<impl Hash + use<>> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let changed = {
        use std::os::unix::fs::MetadataExt;
        (meta.ctime(), meta.ctime_nsec(), meta.ino(), meta.dev())
    };
    #[cfg(not(unix))]
    let changed = ();
    let modified: Option<SystemTime> = meta.modified().ok();
    Some((meta.len(), modified, changed))
}
