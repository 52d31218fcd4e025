//! A whole build written aside and swapped in: `Output::stage` makes a
//! fresh folder next to the output (or inside it, for a mount point), the
//! build's files go there through `Sink`, and `Staging::commit` swaps it in
//! only when everything succeeded. A failed build leaves the previous
//! output exactly as it was, and the staging folder removes itself however
//! the build ends.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::claim::{OLD, Output, STAGING, name, parent, remove_any};
use super::marker::{MARKER, MARKER_TEXT, Stamp, reserved};
use super::{Asset, Claims, Pending, Sink, safe_relative, stream};
use crate::diag::Diagnostic;

impl Output {
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
            .map_err(|e| Diagnostic::io(&staging, &crate::msg!("io-create-staging"), &e))?;
        Ok(Staging {
            output: self,
            files: Pending::new(staging),
            old,
            keep_old: false,
            claims: Claims::default(),
        })
    }
}

/// A build being written: a fresh folder beside the output (or inside it,
/// see [`Output`]), swapped in by `commit` only when everything succeeded.
/// Dropped without a commit, it is removed and the output left as it was.
pub struct Staging {
    output: Output,
    /// The staging folder, and what is written into it.
    files: Pending,
    /// Where the previous output goes while the new one moves in.
    old: PathBuf,
    /// A failed swap could not put all of it back: `old` is kept.
    keep_old: bool,
    claims: Claims,
}

impl Staging {
    /// Swaps the finished build in place of the old output; `stamp` lets
    /// the next build of the same inputs keep it. `Ok` with a warning when
    /// the new output is in place but the old one could not all be removed.
    pub fn commit(mut self, stamp: Option<&Stamp>) -> Result<Option<Diagnostic>, Diagnostic> {
        let marker = self.files.root.join(MARKER);
        let text = format!(
            "{MARKER_TEXT}{}",
            stamp.map(Stamp::to_text).unwrap_or_default()
        );
        fs::write(&marker, text)
            .map_err(|e| Diagnostic::io(&marker, &crate::msg!("io-write"), &e))?;
        let (dir, shown) = (&self.output.dir, &self.output.shown);
        let lost = |e: std::io::Error| {
            Diagnostic::error(
                shown,
                crate::msg!(
                    "output-lost",
                    error = e.to_string(),
                    old = self.old.display().to_string()
                ),
            )
        };
        let old = if self.output.in_place {
            if let Err(e) = replace_entries(&self.files.root, dir, &self.old) {
                let _ = fs::remove_dir(&self.old);
                self.keep_old = self.old.exists();
                return Err(if self.keep_old {
                    lost(e)
                } else {
                    Diagnostic::io(shown, &crate::msg!("io-replace-output"), &e)
                });
            }
            &self.old
        } else if !dir.exists() {
            fs::rename(&self.files.root, dir)
                .map_err(|e| Diagnostic::io(shown, &crate::msg!("io-move-output"), &e))?;
            return Ok(None);
        } else {
            match swap(&self.files.root, dir, &self.old) {
                Ok(old) => old,
                Err(e) => {
                    self.keep_old = !dir.exists();
                    return Err(if self.keep_old {
                        lost(e)
                    } else {
                        Diagnostic::io(shown, &crate::msg!("io-swap-output"), &e)
                    });
                }
            }
        };
        Ok(remove_tree(old).err().map(|e| {
            let shown = old
                .strip_prefix(dir)
                .map_or(old.to_path_buf(), |o| shown.join(o));
            Diagnostic::warning(shown, crate::msg!("output-old-left", error = e.to_string()))
        }))
    }
}

impl Drop for Staging {
    /// Whatever ended the build (an error, a failed commit, a panic), no
    /// staging folder stays behind.
    fn drop(&mut self) {
        remove_any(&self.files.root);
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
        let shown = self.claim(path)?;
        self.files.write(path, Some(&shown), |file| {
            let mut file = fs::File::create(file)
                .map_err(|e| Diagnostic::io(&shown, &crate::msg!("io-create"), &e))?;
            file.write_all(bytes)
                .map_err(|e| Diagnostic::io(&shown, &crate::msg!("io-write"), &e))
        })?;
        Ok(())
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic> {
        let source = match asset {
            Asset::BuiltIn(bytes) => return self.put(path, bytes),
            Asset::File(source) => source,
        };
        let shown = self.claim(path)?;
        // Opened first: a static file that cannot be read is its own
        // error, not a failed write that stops the build's writing.
        let mut from = fs::File::open(source)
            .map_err(|e| Diagnostic::io(source, &crate::msg!("io-read"), &e))?;
        self.files.write(path, Some(&shown), |file| {
            let mut to = fs::File::create(file)
                .map_err(|e| Diagnostic::io(&shown, &crate::msg!("io-create"), &e))?;
            stream(&mut from, &mut to)
                .map_err(|e| Diagnostic::io(&shown, &crate::msg!("io-copy-here"), &e))
        })?;
        Ok(())
    }

    fn share(&self, path: &str, file: &Path) -> Result<(), Diagnostic> {
        let shown = self.claim(path)?;
        self.files.write(path, Some(&shown), |to| {
            // Another file system, or one without links: a copy.
            fs::hard_link(file, to)
                .or_else(|_| fs::copy(file, to).map(|_| ()))
                .map_err(|e| Diagnostic::io(&shown, &crate::msg!("io-copy-here"), &e))
        })?;
        Ok(())
    }

    fn stopped(&self) -> bool {
        self.files.stopped()
    }
}

impl Staging {
    /// Claims output path `path`; returns the path errors name for it: the
    /// file in the output folder, not in the staging folder, which is gone
    /// by the time the editor reads them.
    fn claim(&self, path: &str) -> Result<PathBuf, Diagnostic> {
        let shown = self.output.shown.join(safe_relative(path)?);
        if path.split('/').next().is_some_and(reserved) {
            return Err(Diagnostic::error(
                shown,
                crate::msg!("output-reserved", marker = MARKER),
            ));
        }
        self.claims.claim(path, &self.output.shown)?;
        Ok(shown)
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

#[cfg(test)]
mod tests {
    use super::super::claim::tests::{claimed, names};
    use super::*;

    #[test]
    fn a_write_error_is_reported_once_and_stops_the_sink() {
        let (_site, output) = claimed();
        let staging = output.stage().unwrap();
        // Nothing can be written below a file where the folder was.
        fs::remove_dir(&staging.files.root).unwrap();
        fs::write(&staging.files.root, "").unwrap();
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
    fn a_static_file_that_cannot_be_read_does_not_stop_the_writing() {
        let (site, output) = claimed();
        let staging = output.stage().unwrap();
        let missing = Asset::File(site.path().join("static/gone.png"));
        let error = staging.copy("gone.png", &missing).unwrap_err();
        assert!(error.message.contains("read"), "{}", error.message);
        // A read error is the file's own: later pages are still written,
        // and the link checks that wait on a clean sink still run.
        assert!(!staging.stopped());
        staging.put("after/index.html", b"x").unwrap();
        assert!(staging.files.root.join("after/index.html").is_file());
    }

    #[test]
    fn a_failed_commit_leaves_no_staging_and_the_output_as_it_was() {
        let (site, output) = claimed();
        let staging = output.stage().unwrap();
        staging.put("new/index.html", b"new").unwrap();
        let path = staging.files.root.clone();
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
        assert!(staging.files.root.starts_with(site.path().join("public")));
        staging.put("new/index.html", b"new").unwrap();
        assert_eq!(staging.commit(None).unwrap(), None);
        assert_eq!(names(&site.path().join("public")), [MARKER, "new"]);
        assert_eq!(names(site.path()), ["public"]);
    }
}
