//! What one good render made, kept by `serve` so that the next render redoes
//! only what changed.
//!
//! A page is a function of its template input, but building that input for
//! every page of a large site costs as much as rendering it. So each page
//! gets a *key* instead: a fingerprint of the model data its input is made
//! from — the article's file and the links it resolved, its URL, views and
//! neighbours, the listing's articles and page count, and the language's
//! globals (configuration, templates, strings, menu). A page whose key is
//! the one it was last rendered with is left as it is on disk.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::sitemap::SitemapEntry;
use crate::diag::Diagnostic;
use crate::markdown;
use crate::search;
use crate::site::ArticleId;

#[derive(Default)]
pub struct Memo {
    /// Content path → the article's rendered text.
    pub(super) texts: FxHashMap<String, Arc<ArticleText>>,
    /// The same texts, and the articles' keys, by article id of the model
    /// rendered: a `Scope::Texts` render's model is that one.
    pub(super) by_id: Vec<(Arc<ArticleText>, u64)>,
    /// Output file → how it was made.
    pub(super) outputs: FxHashMap<String, Output>,
    /// Language → its search index.
    pub(super) search: BTreeMap<String, SearchGroup>,
    /// Language → what indexing each article gave, so an edit re-indexes
    /// one article, not all of them. Shared by every memo of a session;
    /// always valid, as it is keyed by the articles' content.
    pub(super) indexers: BTreeMap<String, Arc<Mutex<search::IndexCache>>>,
    pub(super) sitemap: Option<Group>,
}

impl Memo {
    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }
}

/// What a `serve` render leaves for the next one, to apply once its files
/// are in place: a whole memo, or what a `Scope::Texts` render changed in
/// the last one (patched, as building a whole one is site-wide work).
pub enum Remember {
    Whole(Memo),
    Texts {
        texts: Vec<(String, Arc<ArticleText>)>,
        by_id: Vec<(ArticleId, (Arc<ArticleText>, u64))>,
        outputs: FxHashMap<String, Output>,
        search: BTreeMap<String, SearchGroup>,
    },
}

impl Remember {
    pub fn apply(self, memo: &mut Memo) {
        match self {
            Remember::Whole(whole) => *memo = whole,
            Remember::Texts {
                texts,
                by_id,
                outputs,
                search,
            } => {
                memo.texts.extend(texts);
                for (id, entry) in by_id {
                    memo.by_id[id] = entry;
                }
                memo.outputs.extend(outputs);
                memo.search.extend(search);
            }
        }
    }
}

/// An article's Markdown, rendered: what listings, feeds, search and link
/// checks need of it. The HTML itself is not kept: a page that has to be
/// made again renders its Markdown again, which is cheap next to holding
/// every article's HTML in memory.
pub struct ArticleText {
    /// The source fingerprint this was rendered from.
    pub source: u64,
    /// Every link destination the renderer resolved, with the answer: the
    /// HTML depends on them, and they on other articles' URLs.
    pub resolved: Vec<(String, Option<String>)>,
    /// The front matter's summary, else the first paragraph.
    pub summary: String,
    /// The HTML, kept only for articles that feeds carry whole
    /// (`feeds.full_content`).
    pub html: Option<String>,
    pub text: String,
    /// Images' alt text and captions, and code blocks: searched apart.
    pub captions: String,
    pub code: String,
    pub links: Vec<markdown::Link>,
    /// Warnings rendering gave (raw HTML shown as text, a summary cut),
    /// shown again on every build that still has the article.
    pub warnings: Vec<Diagnostic>,
}

/// How one output file was made.
#[derive(Clone)]
pub struct Output {
    pub key: u64,
    /// The language an HTML page counts for.
    pub lang: Option<String>,
    pub sitemap: Option<Arc<SitemapEntry>>,
}

/// Files made together from one key (a language's search index, the sitemap).
#[derive(Clone)]
pub struct Group {
    pub key: u64,
    pub files: Vec<String>,
}

/// A language's search index as last made.
#[derive(Clone)]
pub struct SearchGroup {
    pub group: Group,
    /// Each file's digest, in the order of `group.files`: after an edit,
    /// only the files whose digest moved are handed to the sink.
    pub digests: Vec<u64>,
    /// Each article's link and date as shown in results, in index order:
    /// the same for as long as the model is, so a `Scope::Texts` render
    /// need not format them again.
    pub labels: Arc<Vec<(String, String)>>,
}
