//! Where one render's pages go: each made page is written to the sink (or
//! kept, when `serve`'s memo says it was made from the same key), and
//! counted for the report, the sitemap and the next memo.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::{FxHashMap, FxHashSet};

use super::Memo;
use super::memo::{Group, Output};
use super::page::Page;
use super::sitemap::SitemapEntry;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::images::Images;
use crate::output::Sink;
use crate::theme::Theme;

/// What is gathered while pages are rendered in parallel.
#[derive(Default)]
pub(super) struct Collected {
    pub errors: Vec<Diagnostic>,
    pub pages: BTreeMap<String, usize>,
    pub outputs: FxHashSet<String>,
    pub sitemap: Vec<Arc<SitemapEntry>>,
    /// The sitemap entries' fingerprints, summed: the same whatever order
    /// the pages were made in.
    pub sitemap_key: u64,
    /// Output file → how it was made; gathered only for `serve`.
    pub made: Option<FxHashMap<String, Output>>,
}

impl Collected {
    fn add(
        &mut self,
        file: String,
        lang: Option<String>,
        sitemap: Option<Arc<SitemapEntry>>,
        key: Option<u64>,
    ) {
        if let Some(lang) = &lang {
            *self.pages.entry(lang.clone()).or_default() += 1;
        }
        if let Some(entry) = &sitemap {
            self.sitemap_key = self
                .sitemap_key
                .wrapping_add(fingerprint::of(entry.as_ref()));
            self.sitemap.push(Arc::clone(entry));
        }
        if let (Some(made), Some(key)) = (&mut self.made, key) {
            made.insert(file.clone(), Output { key, lang, sitemap });
        }
        self.outputs.insert(file);
    }
}

/// One render's way to its sink, shared by the threads that make pages.
pub(super) struct Run<'r> {
    pub sink: &'r dyn Sink,
    /// The memo of the last render, in `serve`.
    pub previous: Option<&'r Memo>,
    collected: Mutex<Collected>,
}

impl<'r> Run<'r> {
    pub fn new(sink: &'r dyn Sink, previous: Option<&'r Memo>) -> Run<'r> {
        Run {
            sink,
            previous,
            collected: Mutex::new(Collected {
                made: previous.map(|_| FxHashMap::default()),
                ..Collected::default()
            }),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Collected> {
        self.collected.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes a made page, or notes why it could not be made.
    pub fn emit(&self, result: Result<Page, Diagnostic>) {
        let written = result.and_then(|page| {
            let file = page.path.output_file();
            page.write(self.sink, &file).map(|()| (page, file))
        });
        match written {
            Ok((page, file)) => self.lock().add(file, page.lang, page.sitemap, page.key),
            Err(d) => self.lock().errors.push(d),
        }
    }

    /// Whether the output `file` was last made from `key`: then it is left
    /// as it is.
    pub fn kept(&self, file: String, key: u64) -> bool {
        let Some(output) = self
            .previous
            .and_then(|memo| memo.outputs.get(&file))
            .filter(|output| output.key == key)
        else {
            return false;
        };
        match self.sink.keep(&file) {
            Ok(()) => self
                .lock()
                .add(file, output.lang.clone(), output.sitemap.clone(), Some(key)),
            Err(d) => self.lock().errors.push(d),
        }
        true
    }

    /// Leaves files made together (a search index, the sitemap) as they are.
    pub fn keep_group(&self, group: &Group) {
        for file in &group.files {
            match self.sink.keep(file) {
                Ok(()) => self.lock().add(file.clone(), None, None, None),
                Err(d) => self.lock().errors.push(d),
            }
        }
    }

    /// The theme's static files, copied as they are, but for the photos
    /// `images` publishes without their metadata.
    pub fn copy_static(&self, theme: &Theme, images: &Images) {
        for (rel, asset) in &theme.static_files {
            if images.replaces(rel) {
                continue;
            }
            match self.sink.copy(rel, asset) {
                Ok(()) => self.lock().add(rel.clone(), None, None, None),
                Err(d) => self.lock().errors.push(d),
            }
        }
    }

    /// The images' published files, from the cache.
    pub fn copy_images(&self, images: &Images) {
        for (output, file) in images.files() {
            match self.sink.share(output, file) {
                Ok(()) => self.lock().add(output.to_string(), None, None, None),
                Err(d) => self.lock().errors.push(d),
            }
        }
    }

    pub fn finish(self) -> Collected {
        self.collected
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
    }
}
