//! The quick way after the most common change in `serve`: an editor saves
//! an article's text without touching its front matter. The model is then
//! the same as before (URLs, dates, terms, neighbours and listings come
//! from front matter and file names only), so only what shows the text can
//! change: the article's own page, the listing pages that show its card,
//! its language's feeds and search index, and its links' checks. Those are
//! made again; everything else stays as the last build left it, without
//! computing the keys of the whole site.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::article::article_key;
use super::listing::Cards;
use super::memo::{ArticleText, Output, SearchGroup};
use super::{BrokenLinks, Memo, Renderer};
use crate::diag::Diagnostic;
use crate::output::Sink;
use crate::site::ArticleId;

/// What the quick rebuild did.
pub struct Edits {
    pub diagnostics: Vec<Diagnostic>,
    /// Files of the last build this one no longer makes (a search index
    /// may need fewer shards).
    pub removed: Vec<String>,
    /// To apply to the memo once the files are in place.
    texts: Vec<(String, Arc<ArticleText>)>,
    by_id: Vec<(ArticleId, (Arc<ArticleText>, u64))>,
    outputs: Vec<(String, Output)>,
    search: Vec<(String, SearchGroup)>,
}

impl Edits {
    pub fn apply(self, memo: &mut Memo) {
        memo.texts.extend(self.texts);
        for (id, entry) in self.by_id {
            memo.by_id[id] = entry;
        }
        memo.outputs.extend(self.outputs);
        memo.search.extend(self.search);
    }
}

impl Renderer<'_> {
    /// Renders what `edited` articles' new text changed, given that the
    /// model is the one `previous` was rendered from except for those
    /// articles' text. `None` when that turns out not to hold (a page whose
    /// sitemap entry changed, or a file the last build did not make): the
    /// caller must then render the whole site.
    pub fn render_edits(
        &self,
        sink: &dyn Sink,
        edited: &[ArticleId],
        previous: &Memo,
        is_output: &(dyn Fn(&str) -> bool + Sync),
    ) -> Option<Edits> {
        let site = self.site;
        if previous.by_id.len() != site.articles.len() {
            return None;
        }
        let (mut texts, mut keys): (Vec<Arc<ArticleText>>, Vec<u64>) =
            previous.by_id.iter().cloned().unzip();
        let mut fresh = Vec::new();
        for &id in edited {
            let (text, html) = self.markdown(&site.articles[id]);
            keys[id] = article_key(&site.articles[id], &text);
            texts[id] = Arc::new(text);
            fresh.push((id, html));
        }

        let mut pages = Vec::new();
        let mut shown = FxHashSet::default();
        let mut languages = FxHashSet::default();
        for (id, (html, has_code)) in fresh {
            let article = &site.articles[id];
            let key = self.article_page_key(id, keys[id]);
            pages.push(
                self.article_page(id, &texts[id], html, has_code)
                    .map(|p| p.keyed(key)),
            );
            languages.insert(article.lang());
            shown.extend(self.listing_pages_showing(id));
            shown.extend(self.front_page_showing(id));
        }
        let cards = Cards::new(&texts);
        let most_read: FxHashSet<_> = (edited.iter())
            .filter_map(|&id| self.most_read_page_showing(id))
            .map(|lang| lang.code())
            .collect();
        for lang in self
            .languages
            .iter()
            .filter(|l| most_read.contains(l.code()))
        {
            let key = self.most_read_key(lang, &keys);
            pages.push(self.most_read_page(lang, &cards).map(|p| p.keyed(key)));
        }
        for (index, n) in shown {
            let listing = &site.listings[index];
            let key = self.listing_key(listing, n, &keys);
            let file = site.urls.page(&listing.path, n).output_file();
            if previous.outputs.get(&file).map(|o| o.key) != Some(key) {
                pages.push(self.listing_page(listing, n, &cards).map(|p| p.keyed(key)));
            }
        }

        let mut edits = Edits {
            diagnostics: Vec::new(),
            removed: Vec::new(),
            texts: Vec::new(),
            by_id: Vec::new(),
            outputs: Vec::new(),
            search: Vec::new(),
        };
        for lang in &self.languages {
            let code = lang.code();
            if !languages.contains(code) {
                continue;
            }
            pages.extend(self.feeds(lang, &texts).into_iter().map(Ok));
            let key = self.search_key(lang, &keys);
            let old = previous.search.get(code)?;
            if old.group.key != key {
                if old.labels.len() != site.articles_in(code).len() {
                    return None;
                }
                let indexer = previous.indexers.get(code)?;
                let labels = Arc::clone(&old.labels);
                let (search, index) = self.search_index(lang, &texts, &keys, key, indexer, labels);
                let (files, old_files) = (&search.group.files, &old.group.files);
                if files != old_files {
                    let now: FxHashSet<&String> = files.iter().collect();
                    edits
                        .removed
                        .extend(old_files.iter().filter(|f| !now.contains(f)).cloned());
                }
                // A file at the same place with the same digest is on disk
                // already: an edit changes a few of a language's thousands.
                let same = |i: usize| {
                    old_files.get(i) == files.get(i) && old.digests.get(i) == search.digests.get(i)
                };
                let moved = index.into_iter().enumerate().filter(|&(i, _)| !same(i));
                pages.extend(moved.map(|(_, page)| Ok(page)));
                edits.search.push((code.to_string(), search));
            }
        }

        for page in pages {
            let page = match page {
                Ok(page) => page,
                Err(d) => {
                    edits.diagnostics.push(d);
                    continue;
                }
            };
            let file = page.path.output_file();
            if let Some(key) = page.key {
                // Same model, so the same sitemap entry and an existing file.
                let before = previous.outputs.get(&file)?;
                if before.sitemap != page.sitemap {
                    return None;
                }
                edits.outputs.push((
                    file.clone(),
                    Output {
                        key,
                        lang: page.lang.clone(),
                        sitemap: page.sitemap.clone(),
                    },
                ));
            }
            if let Err(d) = page.write(sink, &file) {
                edits.diagnostics.push(d);
            }
        }
        edits
            .diagnostics
            .extend(self.check_links(edited, &texts, is_output, BrokenLinks::Warn));
        edits.texts = edited
            .iter()
            .map(|&id| {
                (
                    site.articles[id].source.rel_path.clone(),
                    Arc::clone(&texts[id]),
                )
            })
            .collect();
        edits.by_id = edited
            .iter()
            .map(|&id| (id, (Arc::clone(&texts[id]), keys[id])))
            .collect();
        Some(edits)
    }
}
