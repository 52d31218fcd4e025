//! The sorted walks over the site's folders (`content/`, `static/`, a
//! theme), and the rule every file bantin reads obeys: it is read only
//! inside the site.
//!
//! Symbolic links are followed while they stay inside the site root (a
//! shared image folder linked into `static/`); a link whose target resolves
//! outside it, or into a hidden part of it (`.git/`, `.env`), is an error at
//! the link's path and is not followed. Otherwise a link in a pull request
//! would publish any file the builder can read. Paths are compared once
//! resolved, so a chain of links, a link to a folder outside, or a relative
//! `../..` link are all seen for what they are.

use std::path::{Component, Path, PathBuf};

use rustc_hash::FxHashMap;
use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::output::MARKER;
use crate::text::nfc::nfc;

/// The site root, resolved, that every file bantin reads must resolve into.
pub struct SiteRoot(PathBuf);

impl SiteRoot {
    pub fn new(root: &Path) -> Result<SiteRoot, Diagnostic> {
        let shown = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        shown
            .canonicalize()
            .map(SiteRoot)
            .map_err(|e| Diagnostic::io(shown, &crate::msg!("io-read-site-folder"), &e))
    }

    /// Checks every symbolic link on the way from `root` (the site root as
    /// given) down to `path`, a file or folder the site names
    /// (`config.yaml`, `static/`). A path that does not exist passes: the
    /// caller reports it, or knows it is optional.
    pub fn check(&self, root: &Path, path: &Path) -> Result<(), Diagnostic> {
        let Ok(below) = path.strip_prefix(root) else {
            return Ok(());
        };
        let mut at = root.to_path_buf();
        for part in below.components() {
            at.push(part);
            match at.symlink_metadata() {
                Ok(meta) if meta.is_symlink() => self.check_link(&at)?,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Ok(())
    }

    /// A symbolic link may be followed when its target resolves inside the
    /// site and not into a hidden part of it.
    pub fn check_link(&self, link: &Path) -> Result<(), Diagnostic> {
        let target = link
            .canonicalize()
            .map_err(|e| Diagnostic::io(link, &crate::msg!("io-follow-link"), &e))?;
        let Ok(inside) = target.strip_prefix(&self.0) else {
            return Err(Diagnostic::error(
                link,
                crate::msg!("link-outside", target = target.display().to_string()),
            ));
        };
        let hidden = inside.components().any(|part| match part {
            Component::Normal(name) => is_hidden(&name.to_string_lossy(), &[WELL_KNOWN]),
            _ => false,
        });
        if hidden {
            return Err(Diagnostic::error(
                link,
                crate::msg!("link-hidden", target = inside.display().to_string()),
            ));
        }
        // An output folder read as input would copy the last build into
        // the next one, growing on every build.
        let output = target
            .ancestors()
            .take_while(|folder| folder.starts_with(&self.0))
            .find(|folder| folder.join(MARKER).is_file());
        if let Some(output) = output {
            return Err(Diagnostic::error(
                link,
                crate::msg!(
                    "link-into-output",
                    target = output
                        .strip_prefix(&self.0)
                        .unwrap_or(output)
                        .display()
                        .to_string()
                ),
            ));
        }
        Ok(())
    }
}

/// [`SiteRoot::check`] for one path. A root that cannot be resolved holds
/// nothing to read, which the reader reports in its own words.
pub fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    match SiteRoot::new(root) {
        Ok(site) => site.check(root, path),
        Err(_) => Ok(()),
    }
}

/// The one hidden folder a site publishes (`security.txt`, app links).
pub const WELL_KNOWN: &str = ".well-known";

/// Names starting with `.` (`.git`, `.env`, editor lock files), except
/// those in `kept`.
pub fn is_hidden(name: &str, kept: &[&str]) -> bool {
    name.starts_with('.') && !kept.contains(&name)
}

/// A file found by a walk.
pub struct Found {
    pub abs_path: PathBuf,
    /// Relative to the walked folder, '/'-separated, in NFC: the same name
    /// whether the editor's system saved it composed or decomposed.
    pub rel_path: String,
}

/// What a walk found.
#[derive(Default)]
pub struct Walk {
    pub files: Vec<Found>,
    pub problems: Vec<Diagnostic>,
    /// The hidden files and folders left out (folders with a final `/`).
    pub hidden: Vec<String>,
}

/// Every file below `dir` whose name `wanted` accepts, sorted by path.
/// Hidden files and folders are left out unless named in `kept`; links are
/// followed as [`SiteRoot`] allows; a link loop, an unreadable folder, a
/// name that is not UTF-8 or two names that are one in NFC are reported.
pub fn files(root: &Path, dir: &Path, wanted: impl Fn(&str) -> bool, kept: &[&str]) -> Walk {
    let mut walk = Walk::default();
    if dir.symlink_metadata().is_err() {
        return walk;
    }
    let site = match SiteRoot::new(root).and_then(|site| site.check(root, dir).map(|()| site)) {
        Ok(site) => site,
        Err(d) => {
            walk.problems.push(d);
            return walk;
        }
    };
    let mut entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                walk.problems.push(walk_error(dir, &err));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let is_dir = entry.file_type().is_dir();
        let name = entry.file_name().to_string_lossy();
        if is_hidden(&name, kept) {
            if let Some(rel) = relative(dir, entry.path()) {
                walk.hidden
                    .push(if is_dir { format!("{rel}/") } else { rel });
            }
            if is_dir {
                entries.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink() {
            if let Err(d) = site.check_link(entry.path()) {
                walk.problems.push(d);
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() || !wanted(&name) {
            continue;
        }
        match relative(dir, entry.path()) {
            Some(rel_path) => walk.files.push(Found {
                abs_path: entry.path().to_path_buf(),
                rel_path,
            }),
            None => walk.problems.push(Diagnostic::error(
                entry.path(),
                crate::msg!("file-name-not-utf8"),
            )),
        }
    }
    walk.problems.extend(normalisation_clashes(&mut walk.files));
    walk
}

/// `path` below `dir`, '/'-separated and in NFC; `None` when not UTF-8.
fn relative(dir: &Path, path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path
        .strip_prefix(dir)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect();
    Some(nfc(parts?.join("/")).into_owned())
}

/// Two files whose names differ only in how accented letters are stored
/// (a macOS save beside a Linux one) are one name to the site and one file
/// on many hosts: an error at the one not in NFC, naming the other.
fn normalisation_clashes(files: &mut Vec<Found>) -> Vec<Diagnostic> {
    let renamed = |f: &Found| {
        f.abs_path
            .to_str()
            .is_none_or(|p| !p.ends_with(&f.rel_path))
    };
    if !files.iter().any(renamed) {
        return Vec::new();
    }
    let mut first: FxHashMap<String, (PathBuf, bool)> = FxHashMap::default();
    let mut errors = Vec::new();
    files.retain(|file| match first.get(&file.rel_path) {
        Some((other, other_renamed)) => {
            let (decomposed, composed) = if *other_renamed && !renamed(file) {
                (other, &file.abs_path)
            } else {
                (&file.abs_path, other)
            };
            errors.push(Diagnostic::error(
                decomposed,
                crate::msg!("file-decomposed", other = composed.display().to_string()),
            ));
            false
        }
        None => {
            first.insert(
                file.rel_path.clone(),
                (file.abs_path.clone(), renamed(file)),
            );
            true
        }
    });
    errors
}

fn walk_error(dir: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err.path().unwrap_or(dir);
    let message = if err.loop_ancestor().is_some() {
        crate::msg!("link-loop")
    } else {
        crate::msg!(
            "io-cannot",
            action = crate::msg!("io-read"),
            error = err.io_error().map_or(err.to_string(), |e| e.to_string())
        )
    };
    Diagnostic::error(path, message)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_followed_only_inside_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let (outside, root) = (tmp.path().join("outside"), tmp.path().join("site"));
        for dir in ["outside/folder", "site/static", "site/shared", "site/.git"] {
            std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
        }
        for file in ["outside/secret", "outside/folder/key", "site/shared/a.png"] {
            std::fs::write(tmp.path().join(file), "x").unwrap();
        }
        std::fs::write(root.join(".git/config"), "x").unwrap();
        let link = |target: &str, name: &str| symlink(target, root.join("static").join(name));
        link("../shared", "img").unwrap();
        link("../shared/a.png", "a.png").unwrap();
        link(outside.join("secret").to_str().unwrap(), "secret").unwrap();
        link("../../outside/folder", "folder").unwrap();
        link("secret", "chain").unwrap();
        link("../.git/config", "config").unwrap();
        let walk = files(&root, &root.join("static"), |_| true, &[]);
        let found: Vec<&str> = walk.files.iter().map(|f| f.rel_path.as_str()).collect();
        assert_eq!(found, ["a.png", "img/a.png"]);
        let mut refused: Vec<String> = walk
            .problems
            .iter()
            .map(|d| d.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        refused.sort();
        assert_eq!(refused, ["chain", "config", "folder", "secret"]);
        // The site's own folder, linked from outside.
        std::fs::remove_dir_all(root.join("static")).unwrap();
        symlink(&outside, root.join("static")).unwrap();
        let walk = files(&root, &root.join("static"), |_| true, &[]);
        assert!(walk.files.is_empty());
        assert_eq!(walk.problems[0].path, root.join("static"));
    }

    #[test]
    fn names_are_nfc_and_two_spellings_of_one_name_clash() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("content");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("Vie\u{323}\u{302}t.md"), "x").unwrap();
        let walk = files(tmp.path(), &dir, |_| true, &[]);
        assert_eq!(walk.files[0].rel_path, "Việt.md");
        assert!(walk.problems.is_empty());
        std::fs::write(dir.join("Việt.md"), "x").unwrap();
        let walk = files(tmp.path(), &dir, |_| true, &[]);
        assert_eq!(walk.files.len(), 1);
        assert!(walk.problems[0].message.contains("same name as"));
        assert!(walk.problems[0].path.ends_with("Vie\u{323}\u{302}t.md"));
    }
}
