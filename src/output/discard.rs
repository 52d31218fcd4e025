//! Sinks that write nothing themselves: `Discard` for `check`, which
//! renders everything to find errors, and `Counting`, which passes
//! everything on and counts the files for a progress display.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Asset, Claims, Sink, safe_relative};
use crate::diag::Diagnostic;

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

    fn stopped(&self) -> bool {
        self.inner.stopped()
    }
}
