//! The cache of derived files: `.bantin-cache/images/` in the site, safe to
//! delete, ignored by git (it holds its own `.gitignore`).
//!
//! A derived file is named by its source's content key (the bytes, the
//! settings, the encoder: see [`super::content_key`]) and what it is, so
//! a file found there is always right. Each is written to a temporary
//! name and renamed into place: two builds at once may both encode a
//! file, but neither ever sees half of one. `sources.json` remembers each
//! source file's key and header by its size and times, so a rebuild reads
//! no photo that did not change. Files this build did not use, and that
//! no other build touched since it started, are pruned at the end.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

/// The cache folder, relative to the site root.
pub const FOLDER: &str = ".bantin-cache";
const IMAGES: &str = "images";
const SOURCES: &str = "sources.json";

/// What a source file's header said, and its content key, remembered by
/// the file's state (size, times, inode).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Known {
    pub state: u64,
    pub key: String,
    /// `jpg`, `png` or `webp`.
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub orientation: u8,
}

pub struct Cache {
    dir: PathBuf,
    /// False for `check`, which writes nothing.
    writable: bool,
    started: SystemTime,
    used: Mutex<FxHashSet<String>>,
    sources: Mutex<BTreeMap<String, Known>>,
    /// Source paths looked up in this build: the others are forgotten.
    seen: Mutex<FxHashSet<String>>,
    /// Encodings made in this build, for reports and tests.
    pub encoded: AtomicU64,
    /// A folder of this build's own (`--no-cache`), removed on drop.
    temporary: bool,
}

impl Cache {
    /// The cache of the site at `root`; nothing is created until a file is
    /// written, and nothing ever unless `writable`.
    pub fn open(root: &Path, writable: bool) -> Cache {
        let dir = root.join(FOLDER).join(IMAGES);
        let sources = fs::read(dir.join(SOURCES))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Cache {
            dir,
            writable,
            started: SystemTime::now(),
            used: Mutex::default(),
            sources: Mutex::new(sources),
            seen: Mutex::default(),
            encoded: AtomicU64::new(0),
            temporary: false,
        }
    }

    /// A cache that starts empty, in a fresh folder under the system's
    /// temporary one, removed when dropped: `--no-cache` neither reads
    /// nor keeps encodings.
    pub fn temporary() -> Cache {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let top = std::env::temp_dir().join(format!(
            "bantin-no-cache-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        // Left over by a build killed with the same id: not this one's.
        let _ = fs::remove_dir_all(&top);
        Cache {
            dir: top.join(IMAGES),
            writable: true,
            started: SystemTime::now(),
            used: Mutex::default(),
            sources: Mutex::default(),
            seen: Mutex::default(),
            encoded: AtomicU64::new(0),
            temporary: true,
        }
    }

    /// Where the cached file `name` is (whether or not it is there).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    pub fn writable(&self) -> bool {
        self.writable
    }

    /// Whether `name` is cached; if so it is marked used, and its time
    /// set, so a build running beside this one does not prune it.
    pub fn has(&self, name: &str) -> bool {
        let path = self.path(name);
        if !self.writable {
            return path.is_file();
        }
        let found = fs::File::options()
            .append(true)
            .open(&path)
            .and_then(|file| file.set_modified(SystemTime::now()))
            .is_ok();
        if found {
            lock(&self.used).insert(name.to_string());
        }
        found
    }

    /// Stores the encoding `bytes` as `name`.
    pub fn put(&self, name: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.write(name, bytes)?;
        self.encoded.fetch_add(1, Ordering::Relaxed);
        lock(&self.used).insert(name.to_string());
        Ok(())
    }

    /// Writes `bytes` aside, then renames them into place as `name`.
    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let error =
            |e: std::io::Error| Diagnostic::io(&self.dir, &crate::msg!("io-write-image-cache"), &e);
        self.make_folder().map_err(error)?;
        let temporary = self.dir.join(format!(
            ".tmp-{}-{}-{name}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let written = fs::File::create(&temporary)
            .and_then(|mut file| file.write_all(bytes))
            .and_then(|()| fs::rename(&temporary, self.path(name)));
        if let Err(e) = written {
            let _ = fs::remove_file(&temporary);
            return Err(error(e));
        }
        Ok(())
    }

    fn make_folder(&self) -> std::io::Result<()> {
        if !self.dir.is_dir() {
            fs::create_dir_all(&self.dir)?;
            // The cache is no one's source: git leaves it alone.
            let top = self.dir.parent().unwrap_or(&self.dir);
            fs::write(top.join(".gitignore"), "*\n")?;
        }
        Ok(())
    }

    /// What was known of the source at `rel` when it had `state`.
    pub fn known(&self, rel: &str, state: u64) -> Option<Known> {
        lock(&self.seen).insert(rel.to_string());
        lock(&self.sources)
            .get(rel)
            .filter(|k| k.state == state)
            .cloned()
    }

    /// Notes what is known of the source at `rel` (a writable cache saves
    /// it when it finishes).
    pub fn remember(&self, rel: &str, known: Known) {
        lock(&self.seen).insert(rel.to_string());
        lock(&self.sources).insert(rel.to_string(), known);
    }

    /// After a build without errors: saves what is known of the sources
    /// seen, and prunes the files no build used since this one started.
    pub fn finish(&self) {
        if !self.writable || self.temporary {
            return;
        }
        let seen = lock(&self.seen);
        let mut sources = lock(&self.sources);
        sources.retain(|rel, _| seen.contains(rel));
        if sources.is_empty() && !self.dir.is_dir() {
            return;
        }
        if let Ok(json) = serde_json::to_vec(&*sources) {
            let _ = self.write(SOURCES, &json);
        }
        let used = lock(&self.used);
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if name == SOURCES || used.contains(name) {
                continue;
            }
            let untouched = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|modified| modified < self.started);
            if untouched {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        if let (true, Some(top)) = (self.temporary, self.dir.parent()) {
            let _ = fs::remove_dir_all(top);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
