//! 64-bit fingerprints that tell whether something changed since the last
//! build: `serve`'s page keys and written files, `build`'s up-to-date check,
//! the search index's blocks of articles. Fast (FxHash) rather than
//! collision-proof against an attacker: for the files of one site, the odds
//! that two different inputs meet are about 2⁻⁶⁴ per pair.

use std::hash::{Hash, Hasher};

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
