//! Claiming an output folder: `Output::claim` checks that bantin may
//! replace it (it is empty or carries the marker, and holds no input of
//! the site), locks it against other builds, and removes what builds killed
//! before their end left beside it. The claimed `Output` is what a build
//! stages into (see `staging`).

use std::fs;
use std::path::{Component, Path, PathBuf};

use super::lock::{Lock, lock};
use super::marker::{MARKER, Stamp, up_to_date};
use crate::diag::Diagnostic;

/// The output folder of one build, claimed: checked that bantin may
/// replace it, and locked against other builds of it until dropped.
pub struct Output {
    /// As the user named it, for messages.
    pub(super) shown: PathBuf,
    /// The folder replaced: `shown`, or the folder it links to.
    pub(super) dir: PathBuf,
    /// A mount point, or a folder whose parent bantin may not write in:
    /// staged inside itself and replaced entry by entry.
    pub(super) in_place: bool,
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
            .map_err(|e| Diagnostic::io(parent, &crate::msg!("io-create-output-parent"), &e))?;
        // A mount point cannot be renamed (nor anything across its edge),
        // and the parent of `public -> /var/www/site` is often not the
        // builder's to write in: then everything happens inside the folder.
        let inside = || {
            let path = dir.join(LOCK);
            lock(&path).map_err(|e| Diagnostic::io(&path, &crate::msg!("io-lock"), &e))
        };
        let beside = parent.join(format!(".{}.bantin-lock", name(&dir)));
        let (lock, in_place) = if dir.is_dir() && is_mount_point(&dir) {
            (inside()?, true)
        } else {
            match lock(&beside) {
                Ok(lock) => (lock, false),
                Err(_) if dir.is_dir() => (inside()?, true),
                Err(e) => return Err(Diagnostic::io(&beside, &crate::msg!("io-lock"), &e)),
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
pub(super) const STAGING: &str = ".bantin-staging-";
pub(super) const OLD: &str = ".bantin-old-";

/// Removes a folder tree, or a file or link, ignoring failure: it is a
/// leftover, and the next build tries again.
pub(super) fn remove_any(path: &Path) {
    let _ = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        _ => fs::remove_file(path),
    };
}

pub(super) fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

pub(super) fn name(path: &Path) -> String {
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
    out.canonicalize()
        .map_err(|e| Diagnostic::error(out, crate::msg!("output-bad-link", error = e.to_string())))
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
            return Err(Diagnostic::error(out, crate::msg!("output-contains-site")));
        }
        for folder in INPUT_FOLDERS {
            let Some(input) = resolve(&root.join(folder)) else {
                continue;
            };
            let at = input.display().to_string();
            let message = if out_abs.starts_with(&input) {
                crate::msg!("output-inside-input", folder = folder, at = at.as_str())
            } else if input.starts_with(&out_abs) {
                crate::msg!("output-holds-input", folder = folder, at = at.as_str())
            } else {
                continue;
            };
            return Err(Diagnostic::error(out, message));
        }
    }
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Diagnostic::error(out, crate::msg!("output-not-folder")));
    }
    let empty = fs::read_dir(dir)
        .map_err(|e| Diagnostic::io(out, &crate::msg!("io-read-output"), &e))?
        .next()
        .is_none();
    if empty || dir.join(MARKER).is_file() {
        return Ok(());
    }
    Err(Diagnostic::error(
        out,
        crate::msg!("output-not-ours", marker = MARKER),
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
pub(super) mod tests {
    use super::super::marker::MARKER_TEXT;
    use super::*;

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
    pub(in crate::output) fn claimed() -> (tempfile::TempDir, Output) {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        fs::create_dir_all(out.join("old")).unwrap();
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(out.join("old/index.html"), "old").unwrap();
        let output = Output::claim(&out, site.path()).unwrap();
        (site, output)
    }

    pub(in crate::output) fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
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
