//! Where one render's pages go: each made page is written to the sink (or
//! kept, when `serve`'s memo says it was made from the same key), and
//! counted for the report, the sitemap and the next memo.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::{FxHashMap, FxHashSet};

use super::memo::{Group, Output, SearchGroup};
use super::page::Page;
use super::sitemap::SitemapEntry;
use super::{Memo, Scope};
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::images::Images;
use crate::output::{DiffSink, Sink};
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
    /// Files of the last render that a group made again no longer holds
    /// (a search index may need fewer shards).
    pub removed: Vec<String>,
    /// `Scope::Texts` only: a page turned out new, or with another sitemap
    /// entry, so the model was not the memo's after all.
    pub model_moved: bool,
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

/// `serve`'s render: the last one's memo, the sink that compares with what
/// it made, and how much of the site this one looks at.
struct Previous<'r> {
    memo: &'r Memo,
    sink: &'r DiffSink<'r>,
    scope: Scope<'r>,
}

/// One render's way to its sink, shared by the threads that make pages.
pub(super) struct Run<'r> {
    sink: &'r dyn Sink,
    previous: Option<Previous<'r>>,
    collected: Mutex<Collected>,
}

impl<'r> Run<'r> {
    /// A one-off render (`build`, `check`): every page is made.
    pub fn once(sink: &'r dyn Sink) -> Run<'r> {
        Run {
            sink,
            previous: None,
            collected: Mutex::new(Collected::default()),
        }
    }

    /// `serve`'s render after the one that left `memo`, looking at `scope`.
    pub fn again(sink: &'r DiffSink<'r>, memo: &'r Memo, scope: Scope<'r>) -> Run<'r> {
        Run {
            sink,
            previous: Some(Previous { memo, sink, scope }),
            collected: Mutex::new(Collected {
                made: Some(FxHashMap::default()),
                ..Collected::default()
            }),
        }
    }

    /// The memo of the last render, in `serve`.
    pub fn memo(&self) -> Option<&'r Memo> {
        self.previous.as_ref().map(|p| p.memo)
    }

    pub fn scope(&self) -> Scope<'r> {
        self.previous
            .as_ref()
            .map_or(Scope::Everything, |p| p.scope)
    }

    pub fn stopped(&self) -> bool {
        self.sink.stopped()
    }

    /// Whether `file` is served now (`Scope::Texts` checks links against
    /// the last build's files, as it makes few of its own).
    pub fn served(&self, file: &str) -> bool {
        self.previous.as_ref().is_some_and(|p| p.sink.served(file))
    }

    pub fn lock(&self) -> MutexGuard<'_, Collected> {
        self.collected.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes a made page, or notes why it could not be made.
    pub fn emit(&self, result: Result<Page, Diagnostic>) {
        let written = result.and_then(|page| {
            let file = page.path.output_file();
            self.write(&page, &file).map(|()| (page, file))
        });
        match written {
            Ok((page, file)) => {
                let moved = self.moves_model(&file, &page);
                let mut c = self.lock();
                c.model_moved |= moved;
                c.add(file, page.lang, page.sitemap, page.key);
            }
            Err(d) => self.lock().errors.push(d),
        }
    }

    fn write(&self, page: &Page, file: &str) -> Result<(), Diagnostic> {
        match (&self.previous, page.digest) {
            // serve compares search files by the digest made with them.
            (Some(previous), Some(digest)) => previous.sink.put_digested(file, digest, &page.bytes),
            _ => self.sink.put(file, &page.bytes),
        }
    }

    /// Under `Scope::Texts`, whether `page` shows the model moved: every
    /// keyed page made must be one the last render made, with the same
    /// sitemap entry.
    fn moves_model(&self, file: &str, page: &Page) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        if previous.scope.model_may_change() || page.key.is_none() {
            return false;
        }
        let before = previous.memo.outputs.get(file);
        before.is_none_or(|before| before.sitemap != page.sitemap)
    }

    /// Whether the output `file` was last made from `key`: then it is left
    /// as it is.
    pub fn kept(&self, file: String, key: u64) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let Some(output) = (previous.memo.outputs.get(&file)).filter(|output| output.key == key)
        else {
            return false;
        };
        match previous.sink.keep(&file) {
            Ok(()) => self
                .lock()
                .add(file, output.lang.clone(), output.sitemap.clone(), Some(key)),
            Err(d) => self.lock().errors.push(d),
        }
        true
    }

    /// Leaves files made together (a search index, the sitemap) as they are.
    pub fn keep_group(&self, group: &Group) {
        group.files.iter().for_each(|file| self.keep_file(file));
    }

    fn keep_file(&self, file: &str) {
        // A narrower scope does not account for what it leaves alone.
        let Some(previous) = (self.previous.as_ref()).filter(|p| p.scope.model_may_change()) else {
            return;
        };
        match previous.sink.keep(file) {
            Ok(()) => self.lock().add(file.to_string(), None, None, None),
            Err(d) => self.lock().errors.push(d),
        }
    }

    /// A search index made again: of its files, only those whose digest
    /// moved since `old` are written (an edit changes a few of a
    /// language's thousands), the rest kept, those it no longer has noted.
    pub fn replace_group(&self, old: Option<&SearchGroup>, new: &SearchGroup, pages: Vec<Page>) {
        let Some(old) = old.filter(|_| self.previous.is_some()) else {
            pages.into_iter().for_each(|page| self.emit(Ok(page)));
            return;
        };
        let (files, old_files) = (&new.group.files, &old.group.files);
        for (i, page) in pages.into_iter().enumerate() {
            if old_files.get(i) == files.get(i) && old.digests.get(i) == new.digests.get(i) {
                self.keep_file(&files[i]);
            } else {
                self.emit(Ok(page));
            }
        }
        if files != old_files {
            let now: FxHashSet<&String> = files.iter().collect();
            let gone = old_files.iter().filter(|f| !now.contains(f)).cloned();
            self.lock().removed.extend(gone);
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

    /// What the render gathered, taken out.
    pub fn finish(&self) -> Collected {
        std::mem::take(&mut *self.lock())
    }
}
