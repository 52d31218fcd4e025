//! The search page and each language's search index files: read as the
//! articles render in a one-off build, or made from serve's cached texts,
//! with the key that says when an index must be made again.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::Renderer;
use super::language::Lang;
use super::memo::{ArticleText, Group, SearchGroup};
use super::page::Page;
use super::run::Run;
use super::views::SearchView;
use crate::SHARE;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::search::{self, SearchDoc};
use crate::site::{Article, ArticleId, SitePath, Urls};
/// Articles rendered at a time in a one-off render before their language's
/// search index reads them: a batch is read while the next one renders,
/// and the plain texts (as large as their Markdown) of two batches at most
/// are held.
const INDEXED_TOGETHER: usize = 256;

/// How a render makes its search indexes.
pub(super) enum Indexing<'d, 'w> {
    /// serve's: with the caches it carries from memo to memo, by language.
    Cached(BTreeMap<String, Arc<Mutex<search::IndexCache>>>),
    /// A one-off render's, by language: written as they are made, each
    /// having read its articles' plain text as they were rendered.
    Streamed(Vec<search::StreamedIndex<'d, 'w>>),
}

impl<'a> Renderer<'a> {
    pub(super) fn search_page(&self, lang: &Lang) -> Result<Page, Diagnostic> {
        let language = lang.language;
        let urls = &self.site.urls;
        let path = urls.search(language);
        let translations = self.everywhere(|l| urls.search(l));
        let heading = lang.string("search");
        let page = self.page_meta("search", lang, &path, heading, &translations);
        let mut context = self.base_context(lang, page);
        context.search = Some(SearchView {
            index: urls.href(&urls.search_index(&language.code)),
        });
        // An empty search form is no page for search engines to list.
        let mut page = self.html_page("search.html", &context, path, None)?;
        page.sitemap = None;
        Ok(page)
    }

    /// Every language's search index, one language after the other (the
    /// listings take the other cores), each written as soon as it is made,
    /// or kept when `previous` made the same; returns each one's files.
    pub(super) fn search_indexes(
        &self,
        texts: &[Arc<ArticleText>],
        keys: &[u64],
        indexing: &mut Indexing,
        run: &Run,
    ) -> BTreeMap<String, SearchGroup> {
        let indexers = match indexing {
            Indexing::Cached(indexers) => indexers,
            Indexing::Streamed(indexes) => {
                // Read as the articles were rendered: joined and written,
                // one language after the other.
                std::mem::take(indexes)
                    .into_iter()
                    .for_each(search::StreamedIndex::finish);
                return BTreeMap::new();
            }
        };
        let mut groups = BTreeMap::new();
        for lang in &self.languages {
            let indexer = &indexers[lang.code()];
            let key = self.search_key(lang, keys);
            let old = run.memo().and_then(|memo| memo.search.get(lang.code()));
            let search = match old {
                Some(old) if old.group.key == key => {
                    run.keep_group(&old.group);
                    old.clone()
                }
                _ => {
                    // The same model shows its articles as it did.
                    let labels = match old {
                        Some(old)
                            if !run.scope().model_may_change()
                                && old.labels.len() == self.site.searched(lang.code()).len() =>
                        {
                            Arc::clone(&old.labels)
                        }
                        _ => Arc::new(self.search_labels(lang)),
                    };
                    let (search, pages) =
                        self.search_index(lang, texts, keys, key, indexer, labels);
                    run.replace_group(old, &search, pages);
                    search
                }
            };
            groups.insert(lang.code().to_string(), search);
        }
        groups
    }

    /// What a language's search index is made from: its articles, in order.
    pub(super) fn search_key(&self, lang: &Lang, keys: &[u64]) -> u64 {
        let ids = self.site.searched(lang.code());
        fingerprint::Builder::default()
            .with(&lang.globals)
            .with(&ids.iter().map(|&id| keys[id]).collect::<Vec<_>>())
            .finish()
    }

    /// Each article's (and page's) link and date as search results show
    /// them; a page written without a date shows none.
    fn search_labels(&self, lang: &Lang) -> Vec<(String, String)> {
        let formats = &lang.formats;
        let site = self.site;
        (site.searched(lang.code()).iter())
            .map(|&id| {
                let article = &site.articles[id];
                let date = if article.source.front.dated {
                    formats.date(article.local_date)
                } else {
                    String::new()
                };
                (site.urls.href(&article.path), date)
            })
            .collect()
    }

    /// One language's search index files, with `indexer`'s help.
    fn search_index(
        &self,
        lang: &Lang,
        texts: &[Arc<ArticleText>],
        keys: &[u64],
        key: u64,
        indexer: &Mutex<search::IndexCache>,
        labels: Arc<Vec<(String, String)>>,
    ) -> (SearchGroup, Vec<Page>) {
        let docs = self.search_docs(lang, texts, &labels);
        let keys = self.search_keys(lang, keys);
        let mut cache = indexer.lock().unwrap_or_else(|e| e.into_inner());
        let files = search::build_index(&docs, &keys, &mut cache);
        let home = self.site.urls.home(lang.code());
        let pages: Vec<Page> = files
            .into_iter()
            .map(|f| index_page(&self.site.urls, &home, f))
            .collect();
        let search = SearchGroup {
            group: Group {
                key,
                files: pages.iter().map(|p| p.path.output_file()).collect(),
            },
            digests: pages.iter().filter_map(|p| p.digest).collect(),
            labels,
        };
        (search, pages)
    }

    /// The key of each of a language's search documents.
    fn search_keys(&self, lang: &Lang, keys: &[u64]) -> Vec<u64> {
        (self.site.searched(lang.code()).iter())
            .map(|&id| self.search_doc_key(lang, keys[id]))
            .collect()
    }

    /// The key of a search document: its article's key and the language's
    /// globals are what it is made from.
    fn search_doc_key(&self, lang: &Lang, key: u64) -> u64 {
        fingerprint::Builder::default()
            .with(&lang.globals)
            .with(&key)
            .finish()
    }

    /// A one-off render's articles, each language's oldest first, a batch
    /// at a time: each batch's plain texts go to the language's search
    /// index as soon as they are rendered, so that they are never all held
    /// (at 10k pairs they were a third of the peak). Returns each
    /// article's text (less its plain text) and key, by id, and each
    /// language's index, read but not yet written.
    pub(super) fn articles_indexed<'w>(
        &self,
        run: &Run,
        writes: &'w [impl Fn(search::IndexFile) + Sync],
    ) -> (Vec<Arc<ArticleText>>, Vec<u64>, Indexing<'a, 'w>) {
        let site = self.site;
        let languages = &self.languages;
        let mut texts: Vec<Option<Arc<ArticleText>>> = vec![None; site.articles.len()];
        let mut keys = vec![0; site.articles.len()];
        let ids: Vec<&[ArticleId]> = (languages.iter())
            .map(|lang| site.searched(lang.code()))
            .collect();
        let mut labels: Vec<_> = (languages.iter())
            .map(|lang| self.search_labels(lang))
            .collect();
        let mut indexes: Vec<_> = (ids.iter().zip(writes))
            .zip(languages)
            .map(|((ids, write), lang)| {
                search::StreamedIndex::new(ids.len(), index_options(lang), write)
            })
            .collect();
        // Batches of positions in each language's list, oldest first.
        let oldest_first: Vec<Vec<usize>> = ids
            .iter()
            .map(|ids| (0..ids.len()).rev().collect())
            .collect();
        let batches = (oldest_first.iter().enumerate()).flat_map(|(l, positions)| {
            positions
                .chunks(INDEXED_TOGETHER)
                .map(move |batch| (l, batch))
        });
        // A batch is read for the search while the next one renders: the
        // reading has steps on one core only.
        let mut rendered: Option<(usize, Vec<(SearchDoc<'a>, u64)>)> = None;
        for (l, batch) in batches {
            let (made, ()) = rayon::join(
                || {
                    (batch.par_iter())
                        .with_max_len(SHARE)
                        .map(|&i| self.article(ids[l][i], run))
                        .collect::<Vec<_>>()
                },
                || {
                    if let Some((l, docs)) = rendered.take() {
                        indexes[l].read(docs);
                    }
                },
            );
            let lang = &languages[l];
            let mut docs = Vec::with_capacity(batch.len());
            for (&i, (mut text, key)) in batch.iter().zip(made) {
                let id = ids[l][i];
                let (href, date) = std::mem::take(&mut labels[l][i]);
                let article = &site.articles[id];
                let doc = SearchDoc {
                    title: article.title().into(),
                    href: href.into(),
                    date_display: date.into(),
                    summary: text.summary.clone().into(),
                    text: take_plain_text(&mut text).into(),
                    labels: tags_and_names(article).into(),
                    captions: text.captions.clone().into(),
                    code: text.code.clone().into(),
                };
                docs.push((doc, self.search_doc_key(lang, key)));
                texts[id] = Some(text);
                keys[id] = key;
            }
            rendered = Some((l, docs));
        }
        if let Some((l, docs)) = rendered {
            indexes[l].read(docs);
        }
        let texts = (texts.into_iter())
            .map(|text| text.expect("every article is in its language's list"))
            .collect();
        (texts, keys, Indexing::Streamed(indexes))
    }

    /// A language's search documents, newest first, borrowed from the
    /// articles' texts kept by serve.
    fn search_docs<'t>(
        &self,
        lang: &Lang,
        texts: &'t [Arc<ArticleText>],
        labels: &'t [(String, String)],
    ) -> Vec<SearchDoc<'t>>
    where
        'a: 't,
    {
        (self.site.searched(lang.code()).iter())
            .zip(labels)
            .map(|(&id, (href, date))| SearchDoc {
                title: self.site.articles[id].title().into(),
                href: href.as_str().into(),
                date_display: date.as_str().into(),
                summary: texts[id].summary.as_str().into(),
                text: texts[id].text.as_str().into(),
                labels: tags_and_names(&self.site.articles[id]).into(),
                captions: texts[id].captions.as_str().into(),
                code: texts[id].code.as_str().into(),
            })
            .collect()
    }
}

impl Indexing<'_, '_> {
    /// serve's indexers, for the next memo.
    pub(super) fn into_cached(self) -> BTreeMap<String, Arc<Mutex<search::IndexCache>>> {
        match self {
            Indexing::Cached(indexers) => indexers,
            Indexing::Streamed(_) => BTreeMap::new(),
        }
    }
}

/// How a language's index is laid out and stemmed.
pub(super) fn index_options(lang: &Lang) -> search::IndexOptions {
    search::IndexOptions {
        stemmer: search::Stemmer::for_language(lang.code()),
        ..search::IndexOptions::default()
    }
}

/// What the search ranks between title and body: the article's tags,
/// category and authors, one per line.
fn tags_and_names(article: &Article) -> String {
    let front = &article.source.front;
    let mut labels = front.tags.join("\n");
    for label in front.category.iter().chain(&front.authors) {
        labels.push('\n');
        labels.push_str(label);
    }
    labels
}

/// The article's plain text, taken out of `text` when nothing else holds
/// it (a one-off render), else copied.
fn take_plain_text(text: &mut Arc<ArticleText>) -> String {
    match Arc::get_mut(text) {
        Some(text) => std::mem::take(&mut text.text),
        None => text.text.clone(),
    }
}

/// A search index file, below its language's home.
pub(super) fn index_page(urls: &Urls, home: &SitePath, file: search::IndexFile) -> Page {
    Page {
        digest: Some(file.digest),
        ..Page::file(urls.search_file(home, &file.path), file.bytes)
    }
}
