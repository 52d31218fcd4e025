//! The build cache: `.bantin-cache/build.bin` in the site, beside the
//! images' folder (`images::CACHE_FOLDER`), safe to delete.
//!
//! It remembers what the last good `build` read — every input file's state
//! (size, times, inode) and content hash — with the settings, the bantin
//! that built, the marker stamp it left in the output and until when the
//! clock leaves that output as it is. The next `build` stats the inputs
//! (`inputs`), hashes only the files whose state moved, and when nothing
//! did, the clock is still inside the window (`clock`) and the output
//! folder still holds that build, ends "Up to date" without reading or
//! parsing anything.
//!
//! The file is never trusted blindly: a header names the format and the
//! bantin that wrote it, and a length and checksum cover the payload. A
//! foreign, truncated or corrupt file is ignored with a note and replaced
//! by the next good build. It is written aside and renamed into place, so
//! two builds at once each leave a whole file, never half of one.

pub mod clock;
pub mod inputs;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::config::Overrides;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::msg;
use crate::output::Stamp;
use crate::site::schedule::{NextChange, Scheduled};
use inputs::{InputFile, Scan};

/// The cache folder, relative to the site root (shared with the images).
pub use crate::images::CACHE_FOLDER as FOLDER;
const FILE: &str = "build.bin";
const MAGIC: &[u8] = b"bantin build cache\n";
/// Bumped whenever `Manifest` changes shape.
const FORMAT: u32 = 1;

/// Whether a build may use the cache (`--no-cache` bypasses it, the
/// images' cache too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Cache,
    Bypass,
}

/// What the last good build left in the cache.
#[derive(Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The fingerprint of the settings it ran with (output, drafts,
    /// overrides, strictness).
    pub settings: u64,
    pub inputs: Vec<InputFile>,
    /// When the input states were taken (ns since the epoch): a file
    /// modified within the file system's time resolution of this is
    /// hashed, as its state alone cannot tell.
    pub scanned_at: i128,
    /// The stamp the build wrote into the output's marker, and the
    /// output folder's state once it was in place.
    pub stamp_inputs: u64,
    pub output: Option<[inputs::State; 2]>,
    pub files: usize,
    pub pages: Vec<(String, usize)>,
    /// The build clock (ns), and the first time after it at which the
    /// clock alone could change the output.
    pub built_at: i128,
    pub valid_until: Option<i128>,
    /// For `--next-change-json` and the closing line.
    pub next_change: Option<(i128, bool, PathBuf)>,
}

/// The settings a build's output depends on besides its inputs.
pub fn settings_key(
    out: &Path,
    include_drafts: bool,
    preview_drafts: bool,
    overrides: &Overrides,
    strict: bool,
) -> u64 {
    fingerprint::Builder::default()
        .with(out)
        .with(&(include_drafts, preview_drafts, strict))
        .with(overrides)
        .finish()
}

/// The bantin that builds: its version and its executable's state, so a
/// rebuilt binary never trusts what the last one left.
fn bantin_key() -> u64 {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|exe| fingerprint::file_state(&exe));
    fingerprint::Builder::default()
        .with(env!("CARGO_PKG_VERSION"))
        .with(&exe)
        .finish()
}

fn path(root: &Path) -> PathBuf {
    root.join(FOLDER).join(FILE)
}

/// The last good build's manifest; `None` when there is none, or (with a
/// note) when the file is not one this bantin can trust.
pub fn load(root: &Path) -> (Option<Manifest>, Option<Diagnostic>) {
    let file = path(root);
    let Ok(bytes) = fs::read(&file) else {
        return (None, None);
    };
    match decode(&bytes) {
        Ok(manifest) => (Some(manifest), None),
        Err(why) => {
            let reason = match why {
                Unusable::Foreign => msg!("cache-foreign"),
                Unusable::OtherBantin => msg!("cache-other-bantin"),
                Unusable::Truncated => msg!("cache-truncated"),
                Unusable::Corrupt => msg!("cache-corrupt"),
            };
            let note = msg!("cache-ignored", reason = reason);
            (None, Some(Diagnostic::note(&file, note)))
        }
    }
}

enum Unusable {
    Foreign,
    OtherBantin,
    Truncated,
    Corrupt,
}

/// Header: magic, format, bantin's key, payload length, payload checksum.
fn decode(bytes: &[u8]) -> Result<Manifest, Unusable> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(Unusable::Foreign)?;
    let (format, rest) = take_u64(rest, 4).ok_or(Unusable::Truncated)?;
    let (bantin, rest) = take_u64(rest, 8).ok_or(Unusable::Truncated)?;
    if format != u64::from(FORMAT) || bantin != bantin_key() {
        return Err(Unusable::OtherBantin);
    }
    let (length, rest) = take_u64(rest, 8).ok_or(Unusable::Truncated)?;
    let (checksum, payload) = take_u64(rest, 8).ok_or(Unusable::Truncated)?;
    if (payload.len() as u64) < length {
        return Err(Unusable::Truncated);
    }
    if payload.len() as u64 != length || fingerprint::of(payload) != checksum {
        return Err(Unusable::Corrupt);
    }
    bincode::deserialize(payload).map_err(|_| Unusable::Corrupt)
}

fn take_u64(bytes: &[u8], width: usize) -> Option<(u64, &[u8])> {
    let (head, rest) = bytes.split_at_checked(width)?;
    let mut full = [0u8; 8];
    full[..width].copy_from_slice(head);
    Some((u64::from_le_bytes(full), rest))
}

/// Writes `manifest` aside, then renames it into place. A cache that
/// cannot be written only costs the next build its shortcut: the note
/// says so, and the build stands.
pub fn save(root: &Path, manifest: &Manifest) -> Option<Diagnostic> {
    let file = path(root);
    let written = bincode::serialize(manifest)
        .map_err(std::io::Error::other)
        .and_then(|payload| {
            let mut bytes = Vec::with_capacity(payload.len() + 64);
            bytes.extend_from_slice(MAGIC);
            bytes.extend_from_slice(&FORMAT.to_le_bytes());
            bytes.extend_from_slice(&bantin_key().to_le_bytes());
            bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
            bytes.extend_from_slice(&fingerprint::of(&payload[..]).to_le_bytes());
            bytes.extend_from_slice(&payload);
            write_aside(&file, &bytes)
        });
    written
        .err()
        .map(|e| Diagnostic::io(&file, "write the build cache", &e))
}

fn write_aside(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    if !dir.is_dir() {
        fs::create_dir_all(dir)?;
        // The cache is no one's source: git leaves it alone.
        fs::write(dir.join(".gitignore"), "*\n")?;
    }
    let aside = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
    let result = fs::File::create(&aside)
        .and_then(|mut f| f.write_all(bytes))
        .and_then(|()| fs::rename(&aside, file));
    if result.is_err() {
        let _ = fs::remove_file(&aside);
    }
    result
}

/// What a build that found nothing changed reports.
pub struct UpToDate {
    pub stamp: Stamp,
    pub next_change: Option<NextChange>,
    /// The manifest confirmed by hashes with new file states: saved again
    /// so that the next build need not hash them.
    pub refreshed: Option<Manifest>,
}

impl Manifest {
    /// Whether a build with `settings`, at `now`, of inputs in state `scan`,
    /// would make what this manifest's build made.
    pub fn still_holds(
        &self,
        settings: u64,
        now: Timestamp,
        scan: &Scan,
        out: &Path,
    ) -> Option<UpToDate> {
        if self.settings != settings || !clock::unchanged(self, now) {
            return None;
        }
        if self.output.is_none() || inputs::output_state(out) != self.output {
            return None;
        }
        let rehashed = scan.unchanged_since(&self.inputs, self.scanned_at)?;
        let refreshed = rehashed.then(|| Manifest {
            inputs: scan.with_hashes_from(&self.inputs),
            scanned_at: scan.taken_at,
            ..self.clone()
        });
        let next_change = self.next_change.as_ref().and_then(|(at, publishes, path)| {
            Some(NextChange {
                at: Timestamp::from_nanosecond(*at).ok()?,
                what: if *publishes {
                    Scheduled::Publishes
                } else {
                    Scheduled::Expires
                },
                path: path.clone(),
            })
        });
        Some(UpToDate {
            stamp: Stamp {
                inputs: self.stamp_inputs,
                files: self.files,
                pages: self.pages.iter().cloned().collect(),
            },
            next_change,
            refreshed,
        })
    }
}
