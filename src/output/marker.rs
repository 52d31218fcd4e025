//! The marker at the top of every output folder bantin writes: proof that
//! bantin may replace the folder, and the stamp of the build it holds, so
//! that a build of the very same inputs can leave the folder as it is.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The marker file at the top of every output folder bantin writes.
pub const MARKER: &str = ".bantin";
pub(super) const MARKER_TEXT: &str =
    "This folder is written by bantin and replaced on every build.\n";

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
    pub(super) fn to_text(&self) -> String {
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
pub(super) fn up_to_date(out: &Path, inputs: u64) -> Option<Stamp> {
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
pub(super) fn reserved(name: &str) -> bool {
    name.starts_with(MARKER)
}
