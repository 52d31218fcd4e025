//! `serve`'s sink: a `DiffSink` remembers a fingerprint per output path and
//! stages only the files whose bytes changed, each in a pending folder laid
//! out as the output is. `Staged::commit` moves them into the served folder
//! and deletes the files the previous build made and this one did not, so
//! a request never reads a half-written page; `Staged::abandon` leaves the
//! served folder as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rustc_hash::FxHashMap;

use super::{Asset, Claims, Pending, Sink, safe_relative, stream};
use crate::diag::Diagnostic;

/// A `Sink` that stages only the outputs whose bytes differ from the last
/// good build, each in its own file, to be moved in place on success.
pub struct DiffSink<'a> {
    previous: &'a FxHashMap<String, u64>,
    /// Where changed files wait, each at its output path below it.
    files: Pending,
    staged: Mutex<Staged>,
    claims: Claims,
}

/// What a `DiffSink` collected.
pub struct Staged {
    /// Where changed files wait, each at its output path below it.
    pending: PathBuf,
    /// Every output of this build → its hash.
    made: FxHashMap<String, u64>,
    /// Output path → staged file, for the outputs that changed.
    changed: Vec<(String, PathBuf)>,
}

impl<'a> DiffSink<'a> {
    /// Compares against `previous` (output path → fingerprint of the file
    /// served); stages changed files below `pending`.
    pub fn new(previous: &'a FxHashMap<String, u64>, pending: PathBuf) -> DiffSink<'a> {
        DiffSink {
            previous,
            files: Pending::new(pending.clone()),
            staged: Mutex::new(Staged {
                pending,
                made: FxHashMap::default(),
                changed: Vec::new(),
            }),
            claims: Claims::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Staged> {
        self.staged.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn finish(self) -> Staged {
        self.staged.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for DiffSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.put_digested(path, fingerprint(bytes), bytes)
    }

    /// A file is read twice when it changed (once to hash it, once to
    /// copy it) rather than held whole: a static file may be any size.
    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic> {
        let source = match asset {
            Asset::BuiltIn(bytes) => return self.put(path, bytes),
            Asset::File(source) => source,
        };
        safe_relative(path)?;
        let read_error = |e| Diagnostic::io(source, &crate::msg!("io-read"), &e);
        let hash = file_fingerprint(source).map_err(read_error)?;
        self.made(path, hash)?;
        if self.previous.get(path) == Some(&hash) {
            return Ok(());
        }
        let mut from = fs::File::open(source).map_err(read_error)?;
        self.stage(path, |to| stream(&mut from, to))
    }

    fn stopped(&self) -> bool {
        self.files.stopped()
    }
}

impl DiffSink<'_> {
    /// `put`, with a digest of `bytes` that the caller made anyway (search
    /// index files), used instead of hashing them again. The digest stands
    /// for the bytes in `files`: a path is always given the same kind
    /// (search files theirs, every other output FxHash).
    pub fn put_digested(&self, path: &str, hash: u64, bytes: &[u8]) -> Result<(), Diagnostic> {
        safe_relative(path)?;
        self.made(path, hash)?;
        if self.previous.get(path) == Some(&hash) {
            return Ok(());
        }
        self.stage(path, |file| file.write_all(bytes))
    }

    /// An output the previous build made, left as it is.
    pub fn keep(&self, path: &str) -> Result<(), Diagnostic> {
        let Some(&hash) = self.previous.get(path) else {
            return Err(Diagnostic::error(path, crate::msg!("output-internal-kept")));
        };
        self.made(path, hash)
    }

    /// Whether the last good build made `path`.
    pub fn served(&self, path: &str) -> bool {
        self.previous.contains_key(path)
    }

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
        let written = self.files.write(path, None, |file| {
            fs::File::create(file)
                .and_then(|mut file| write(&mut file))
                .map_err(|e| Diagnostic::io(file, &crate::msg!("io-write"), &e))
        })?;
        if let Some(pending) = written {
            self.lock().changed.push((path.to_string(), pending));
        }
        Ok(())
    }
}

impl Staged {
    /// Leaves the served folder as it was: the staged files go.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(self.pending);
    }

    /// The outputs in `previous` that this build did not make.
    pub fn unmade(&self, previous: &FxHashMap<String, u64>) -> Vec<String> {
        previous
            .keys()
            .filter(|path| !self.made.contains_key(*path))
            .cloned()
            .collect()
    }

    /// Moves the staged files into the served folder `site` and deletes
    /// `stale` ones; `files` (output path → fingerprint of the file there)
    /// follows. Returns (written, removed).
    pub fn commit(
        self,
        site: &Path,
        files: &mut FxHashMap<String, u64>,
        stale: Vec<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (usize, usize) {
        if let Err(e) = fs::create_dir_all(site) {
            diagnostics.push(Diagnostic::io(
                site,
                &crate::msg!("io-create-serve-folder"),
                &e,
            ));
            self.abandon();
            return (0, 0);
        }
        if files.is_empty() && stale.is_empty() && move_in_whole(&self.pending, site) {
            // Nothing was served yet: the staged tree is the whole site.
            let written = self.changed.len();
            *files = self.made;
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
                    diagnostics.push(Diagnostic::io(&target, &crate::msg!("io-remove"), &e));
                    continue;
                }
            }
            files.remove(&path);
            remove_empty_parents(&target, site);
        }
        let mut written = 0;
        for (path, pending) in &self.changed {
            let target = site.join(path);
            let moved = match target.parent() {
                Some(parent) => fs::create_dir_all(parent)
                    .map_err(|e| Diagnostic::io(parent, &crate::msg!("io-create-folder"), &e)),
                None => Ok(()),
            }
            .and_then(|()| {
                fs::rename(pending, &target)
                    .map_err(|e| Diagnostic::io(&target, &crate::msg!("io-write"), &e))
            });
            match moved {
                Ok(()) => {
                    written += 1;
                    if let Some(&hash) = self.made.get(path) {
                        files.insert(path.clone(), hash);
                    }
                }
                Err(d) => diagnostics.push(d),
            }
        }
        // What is left are the folders the files waited in (and any file
        // that could not be moved): gone, so that the next build's files
        // cannot meet a folder where one of them goes.
        self.abandon();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_sink_stages_only_changed_bytes() {
        let base = tempfile::tempdir().unwrap();
        let previous = FxHashMap::from_iter([
            ("same.html".to_string(), fingerprint(b"same")),
            ("edited.html".to_string(), fingerprint(b"old")),
        ]);
        let sink = DiffSink::new(&previous, base.path().join("pending"));
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
