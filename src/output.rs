//! Where rendered bytes go.
//!
//! `Staging` writes a whole build into a fresh folder next to the output and
//! swaps it in only when everything succeeded, so a failed build leaves the
//! previous output exactly as it was. A marker file records that bantin made
//! the folder; bantin refuses to replace a folder without it.

use std::collections::BTreeMap;
use std::collections::hash_map::Entry;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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
pub fn up_to_date(out: &Path, inputs: u64) -> Option<Stamp> {
    let stamp = Stamp::parse(&fs::read_to_string(out.join(MARKER)).ok()?)?;
    if stamp.inputs != inputs {
        return None;
    }
    let files = walkdir::WalkDir::new(out)
        .into_iter()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_type().is_file()))
        .count();
    // The marker itself is not one of the build's files.
    (files == stamp.files + 1).then_some(stamp)
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

pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    claims: Claims,
    folders: Folders,
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
    /// Checks that `out` may be replaced and creates the staging folder.
    pub fn begin(out: &Path, root: &Path) -> Result<Staging, Diagnostic> {
        check_replaceable(out, root)?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent)
            .map_err(|e| Diagnostic::io(parent, "create the output's parent folder", &e))?;
        let dir = parent.join(format!(".{name}.bantin-staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .map_err(|e| Diagnostic::io(&dir, "clear an old staging folder", &e))?;
        }
        fs::create_dir(&dir).map_err(|e| Diagnostic::io(&dir, "create the staging folder", &e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            claims: Claims::default(),
            folders: Folders::default(),
        })
    }

    /// Swaps the finished build in place of the old output; `stamp` lets
    /// the next build of the same inputs keep it.
    pub fn commit(self, stamp: Option<&Stamp>) -> Result<(), Diagnostic> {
        let marker = self.dir.join(MARKER);
        let text = format!(
            "{MARKER_TEXT}{}",
            stamp.map(Stamp::to_text).unwrap_or_default()
        );
        fs::write(&marker, text).map_err(|e| Diagnostic::io(&marker, "write", &e))?;
        let old = self.dir.with_file_name(format!(
            "{}.old",
            self.dir
                .file_name()
                .map_or_else(Default::default, |n| n.to_string_lossy().into_owned())
        ));
        let had_output = self.out.exists();
        if had_output {
            fs::rename(&self.out, &old)
                .map_err(|e| Diagnostic::io(&self.out, "move the old output aside", &e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if had_output {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(Diagnostic::io(
                &self.out,
                "move the new output in place",
                &e,
            ));
        }
        if had_output {
            remove_tree(&old).map_err(|e| Diagnostic::io(&old, "remove the old output", &e))?;
        }
        Ok(())
    }

    /// Throws the staging folder away, leaving the old output untouched.
    pub fn abandon(self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let (mut file, shown) = self.create(path)?;
        file.write_all(bytes)
            .map_err(|e| Diagnostic::io(&shown, "write", &e))
    }

    fn copy(&self, path: &str, asset: &Asset) -> Result<(), Diagnostic> {
        let source = match asset {
            Asset::BuiltIn(bytes) => return self.put(path, bytes),
            Asset::File(source) => source,
        };
        let mut from = fs::File::open(source).map_err(|e| Diagnostic::io(source, "read", &e))?;
        let (mut to, shown) = self.create(path)?;
        std::io::copy(&mut from, &mut to)
            .map_err(|e| Diagnostic::io(&shown, "copy the file here", &e))
            .map(|_| ())
    }
}

impl Staging {
    /// Creates the staged file of output path `path`, and gives the path
    /// errors name for it: the file in the output folder, not in the
    /// staging folder, which is gone by the time the editor reads them.
    fn create(&self, path: &str) -> Result<(fs::File, PathBuf), Diagnostic> {
        let relative = safe_relative(path)?;
        let shown = self.out.join(&relative);
        self.claims.claim(path, &self.out)?;
        self.folders
            .make_for(&self.dir, path)
            .map_err(|e| Diagnostic::io(shown.parent().unwrap_or(&shown), "create folder", &e))?;
        let file = fs::File::create(self.dir.join(&relative))
            .map_err(|e| Diagnostic::io(&shown, "create", &e))?;
        Ok((file, shown))
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
/// would be read back on the next build: as articles, as static files
/// copied into themselves, as theme files.
const INPUT_FOLDERS: [&str; 3] = ["content", "static", "themes"];

/// The output may be replaced when it does not exist, is an empty folder,
/// or carries bantin's marker — and never when it holds the site itself or
/// lies inside one of the folders bantin reads.
fn check_replaceable(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    if let (Some(out_abs), Some(root_abs)) = (resolve(out), resolve(root)) {
        if root_abs.starts_with(&out_abs) {
            return Err(Diagnostic::error(
                out,
                "refusing to replace a folder that contains the site itself",
            ));
        }
        if let Some(folder) = INPUT_FOLDERS
            .iter()
            .find(|folder| out_abs.starts_with(root_abs.join(folder)))
        {
            return Err(Diagnostic::error(
                out,
                format!(
                    "the output folder is inside the site's {folder}/ folder, which bantin reads; choose a folder outside content/, static/ and themes/"
                ),
            ));
        }
    }
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(Diagnostic::error(
            out,
            "the output path exists and is not a folder",
        ));
    }
    let empty = fs::read_dir(out)
        .map_err(|e| Diagnostic::io(out, "read the output folder", &e))?
        .next()
        .is_none();
    if empty || out.join(MARKER).is_file() {
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
            "a/../content/x",
        ] {
            let err = check_replaceable(&root.join(out), root).unwrap_err();
            assert!(err.message.contains("inside the site's"), "{out}: {err}");
        }
        assert!(check_replaceable(&root.join("public"), root).is_ok());
        assert!(check_replaceable(&root.join("contents"), root).is_ok());
        assert!(!root.join("a").exists());
    }
}
