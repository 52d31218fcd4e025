//! The search index: one language's articles in, the files of a search that
//! needs no server out (read by `themes/default/static/js/search.js`).
//!
//! Text is cut into syllables — Vietnamese writes one syllable per word, so
//! "chuyển đổi số" is three — and each syllable gets two keys:
//! - its *fold* (lowercase, no marks, đ → d: "chuyen"), with
//!   [`fold_marks`], so a query matches with or without marks;
//! - its *spelling* (lowercase, marks kept, tone marks moved to the end of the
//!   syllable), so old and new tone placement agree ("hòa" and "hoà" both
//!   spell "hoà", "thủy" and "thuỷ" both "thuỷ") and exact marks can rank first.
//!
//! A run of letters longer than any word (a hex dump, text with no spaces)
//! is keyed by the first [`MAX_SYLLABLE_CHARS`] characters of its fold.
//!
//! The script computes both keys the same way for the query (a Node test
//! holds the two implementations to the same output).
//!
//! Files, relative to the language's root:
//! - `search-index.json`, the manifest: format version, a build stamp the
//!   script adds to the other URLs (so a cached shard never meets a newer
//!   manifest), the number of title syllables of each article, and either the
//!   terms themselves (small sites) or a map from fold prefix to shard;
//! - `search/terms/<n>.json`: the shards, so a query loads only what its
//!   syllables need;
//! - `search/doc/<k>.json`: one per article (title, link, date, plain text),
//!   loaded only for the results on screen, to cut a snippet around the match.
//!   Keeping them out of the manifest is what keeps a query cheap on a large
//!   site: 10,000 titles, links and summaries alone would weigh megabytes.
//!
//! Articles are numbered from the oldest (0), so publishing a new one adds a
//! file instead of renumbering them all, and a higher number is newer.
//! Positions count syllables: the title's first, then the body's, one apart
//! so no phrase spans both. Terms map a fold to its spellings, and each
//! spelling to its postings: for each article that has it, the gap from the
//! previous article (doubled, plus one when a count follows: most syllables
//! occur once in an article), the count less two, then the positions as
//! gaps — all written as [`varint`]s in characters JSON needs no escape for,
//! about half the size of JSON number arrays. The spelling that is the fold
//! itself is written `""`, and a fold with no other spelling maps straight
//! to its postings: `{"chuyen":{"":"…","chuyên̉":"…"},"api":"…"}`.
//!
//! `serve` rebuilds the index after every edit, so [`IndexCache`] keeps, by
//! content, what indexing gave that does not depend on other articles: for
//! each block of about 64 consecutive articles, their records and their
//! postings, less the head of each spelling's first entry (its gap depends
//! on the articles before). A build after an edit indexes that article's
//! block again, joins again only the postings of the spellings whose
//! entries in it changed, as a change spliced into what the latest build
//! wrote, and writes again only the shards that hold them. [`build_index`]
//! is the same with an empty cache: one way to build. Articles are read on
//! all threads, a few blocks at a time.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::fingerprint;
use crate::text::nfc::nfc;
use crate::text::slug::fold_marks;

/// One article as the search index sees it. Borrowed where it can be: a
/// language's texts are tens of megabytes on a large site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchDoc<'a> {
    pub title: Cow<'a, str>,
    /// Site link, e.g. "/2023/06/slug/".
    pub href: Cow<'a, str>,
    /// The date shown in results: "05/06/2023" or "5 June 2023".
    pub date_display: Cow<'a, str>,
    /// Plain text.
    pub summary: Cow<'a, str>,
    /// Plain text of the whole body, no markup.
    pub text: Cow<'a, str>,
}

/// Format of the files; the script refuses any other.
pub const VERSION: u32 = 1;

/// Size limits that decide the layout. `build_index` uses the defaults; tests
/// lower them to see shards without building a large corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Terms up to this many bytes stay in `search-index.json`: one request.
    pub inline_terms: usize,
    /// Otherwise shards aim at this many bytes each (a single very common
    /// syllable may exceed it: it is never split).
    pub shard_target: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            inline_terms: 256 * 1024,
            shard_target: 128 * 1024,
        }
    }
}

/// Builds one language's index. Returns the files to write, as paths
/// relative to that language's root (`search-index.json` first, then
/// `search/…`), with their bytes. Deterministic: same docs → same bytes.
/// Docs come newest first.
pub fn build_index(docs: &[SearchDoc<'_>]) -> Vec<(String, Vec<u8>)> {
    build_index_with(docs, &IndexOptions::default())
}

/// [`build_index`] with explicit size limits.
pub fn build_index_with(docs: &[SearchDoc<'_>], options: &IndexOptions) -> Vec<(String, Vec<u8>)> {
    let mut cache = IndexCache::default();
    owned(build(docs, None, options, &mut cache, Keep::Nothing))
}

/// [`build_index`], indexing again only the blocks of articles that
/// changed since `cache` last saw them: what `serve` calls after an edit.
/// The bytes are those of [`build_index`], whatever the cache holds.
pub fn build_index_cached(
    docs: &[SearchDoc<'_>],
    cache: &mut IndexCache,
) -> Vec<(String, Vec<u8>)> {
    build_index_cached_with(docs, &IndexOptions::default(), cache)
}

/// [`build_index_cached`] with explicit size limits.
pub fn build_index_cached_with(
    docs: &[SearchDoc<'_>],
    options: &IndexOptions,
    cache: &mut IndexCache,
) -> Vec<(String, Vec<u8>)> {
    owned(build(docs, None, options, cache, Keep::Cache))
}

/// Whether the cache outlives the build.
#[derive(Clone, Copy)]
enum Keep<'w> {
    /// `serve`'s: its records are shared with the files returned.
    Cache,
    /// A throwaway one, emptied before returning, so the files are the
    /// records' only owners and a full build holds them once.
    Nothing,
    /// A throwaway one, and each record is handed to the function as soon
    /// as it is made instead of returned: a language's records are as
    /// large as its text.
    Stream(&'w (dyn Fn(IndexFile) + Sync)),
}

impl<'w> Keep<'w> {
    fn stream(self) -> Option<&'w (dyn Fn(IndexFile) + Sync)> {
        match self {
            Keep::Stream(write) => Some(write),
            Keep::Cache | Keep::Nothing => None,
        }
    }
}

/// [`build_index`] for a build that writes as it goes, given its articles
/// oldest first, a few at a time, as they are made: each article's
/// `search/doc/<k>.json` goes to `write` as soon as it is made and is not
/// kept, and each article is read as soon as the block it falls in is
/// complete and then dropped, so neither a language's records nor its
/// texts are ever all in memory. Keys are as for [`build_index_keyed`].
pub struct StreamedIndex<'d, 'w> {
    cache: IndexCache,
    /// Every article of the language, by number: those given and not yet
    /// read are `Some`.
    docs: Docs<'d, 'd>,
    keys: Vec<u64>,
    /// How many articles were given, and how many are in blocks.
    given: usize,
    cut: usize,
    order: Vec<(usize, u64)>,
    write: &'w (dyn Fn(IndexFile) + Sync),
}

impl<'d, 'w> StreamedIndex<'d, 'w> {
    /// An index of `count` articles, written through `write`.
    pub fn new(count: usize, write: &'w (dyn Fn(IndexFile) + Sync)) -> Self {
        StreamedIndex {
            cache: IndexCache::default(),
            docs: Docs::Taken((0..count).map(|_| Mutex::new(None)).collect()),
            keys: Vec::with_capacity(count),
            given: 0,
            cut: 0,
            order: Vec::new(),
            write,
        }
    }

    /// Takes the next articles, oldest first, with their keys, and reads
    /// those whose blocks are now complete.
    pub fn read(&mut self, docs: impl IntoIterator<Item = (SearchDoc<'d>, u64)>) {
        let Docs::Taken(slots) = &self.docs else {
            unreachable!("a streamed index takes its articles");
        };
        for (doc, key) in docs {
            *slots[self.given].lock().unwrap_or_else(|e| e.into_inner()) = Some(doc);
            self.keys.push(key);
            self.given += 1;
        }
        self.index(self.given < slots.len());
    }

    /// Indexes the blocks complete among the articles given (all of them,
    /// unless `only_complete`).
    fn index(&mut self, only_complete: bool) {
        let mut runs = Vec::new();
        let mut keys = Vec::new();
        for length in block_lengths(&self.keys[self.cut..], only_complete) {
            let key = fingerprint::of(&self.keys[self.cut..self.cut + length]);
            if !self.cache.blocks.contains_key(&key) && !keys.contains(&key) {
                runs.push(self.cut..self.cut + length);
                keys.push(key);
            }
            self.order.push((self.cut, key));
            self.cut += length;
        }
        let made = index_blocks(&self.docs, &runs, &mut self.cache.words, Some(self.write));
        self.cache.blocks.extend(keys.into_iter().zip(made));
    }

    /// Joins the index once every article is given, and writes the rest
    /// of its files.
    pub fn finish(mut self) {
        self.index(false);
        let options = IndexOptions::default();
        let keep = Keep::Stream(self.write);
        let rest = write_index(
            self.order,
            FastMap::default(),
            &options,
            &mut self.cache,
            keep,
        );
        rest.into_iter().for_each(self.write);
    }
}

/// The lengths of the blocks `keys` (oldest first) are cut into. A block
/// ends at an article whose key is a multiple of BLOCK: where blocks end
/// then depends on their own articles only, so publishing or deleting an
/// article, which renumbers the newer ones, changes one block. Long ones
/// are cut, to bound the cost of an edit. With `only_complete`, blocks
/// that later articles could still lengthen are left out.
fn block_lengths(keys: &[u64], only_complete: bool) -> Vec<usize> {
    let longest = 2 * BLOCK as usize;
    let mut lengths = Vec::new();
    for run in keys.split_inclusive(|key| key % BLOCK == 0) {
        let ended = run.last().is_some_and(|key| key % BLOCK == 0);
        for block in run.chunks(longest) {
            if only_complete && !ended && block.len() < longest {
                break;
            }
            lengths.push(block.len());
        }
    }
    lengths
}

/// The articles indexing reads, oldest first: borrowed, or taken one by
/// one (and dropped once read).
enum Docs<'d, 'a> {
    Borrowed(Vec<&'d SearchDoc<'a>>),
    Taken(Vec<Mutex<Option<SearchDoc<'a>>>>),
}

impl Docs<'_, '_> {
    /// Calls `f` with article `i`.
    ///
    /// # Panics
    /// If a taken article is read twice: indexing reads each once.
    fn read<R>(&self, i: usize, f: impl FnOnce(&SearchDoc<'_>) -> R) -> R {
        match self {
            Docs::Borrowed(docs) => f(docs[i]),
            Docs::Taken(docs) => {
                let doc = docs[i].lock().unwrap_or_else(|e| e.into_inner()).take();
                f(&doc.expect("each article is read once"))
            }
        }
    }
}

/// One file of an index: its path below the language's root, its bytes
/// (shared with the cache that made them), and their digest,
/// so that `serve` need not hash them again to see they did not change.
pub struct IndexFile {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
    pub digest: u64,
}

/// [`build_index_cached`] without copying anything out of `cache`: what
/// `serve` writes after an edit.
pub fn build_index_shared(docs: &[SearchDoc<'_>], cache: &mut IndexCache) -> Vec<IndexFile> {
    build(docs, None, &IndexOptions::default(), cache, Keep::Cache)
}

/// [`build_index_shared`] with a key for each article, which must change
/// whenever the article does (its fingerprint, or one of what it is made
/// from): the cache then finds the articles that changed without hashing
/// all their text, which took longer than the rest of a build after an edit.
pub fn build_index_keyed(
    docs: &[SearchDoc<'_>],
    keys: &[u64],
    cache: &mut IndexCache,
) -> Vec<IndexFile> {
    assert_eq!(docs.len(), keys.len(), "one key per article");
    build(
        docs,
        Some(keys),
        &IndexOptions::default(),
        cache,
        Keep::Cache,
    )
}

/// The files as plain bytes: moved out when only they hold them, copied
/// when a cache shares them.
fn owned(files: Vec<IndexFile>) -> Vec<(String, Vec<u8>)> {
    files
        .into_par_iter()
        .map(|f| {
            let bytes = Arc::try_unwrap(f.bytes).unwrap_or_else(|shared| shared.to_vec());
            (f.path, bytes)
        })
        .collect()
}

fn build(
    docs: &[SearchDoc<'_>],
    keys: Option<&[u64]>,
    options: &IndexOptions,
    cache: &mut IndexCache,
    keep: Keep,
) -> Vec<IndexFile> {
    let docs: Vec<&SearchDoc<'_>> = docs.iter().rev().collect();
    let keys: Vec<u64> = match keys {
        Some(keys) => keys.iter().rev().copied().collect(),
        None => docs.par_iter().map(fingerprint::of).collect(),
    };
    let (order, gone) = cache.index(&Docs::Borrowed(docs), &keys);
    write_index(order, gone, options, cache, keep)
}

/// Writes the index of the blocks in `order` (`gone`: those of the latest
/// build that this one no longer has) from what `cache` holds.
fn write_index(
    order: Vec<(usize, u64)>,
    gone: FastMap<u64, Block>,
    options: &IndexOptions,
    cache: &mut IndexCache,
    keep: Keep,
) -> Vec<IndexFile> {
    let stream = keep.stream();
    let IndexCache {
        words,
        blocks,
        terms,
    } = &mut *cache;
    // A build that writes as it goes keeps nothing for the next: every
    // spelling's postings are joined now, each block letting go of its
    // copy once joined, before the shards are made.
    let all_joined = stream.map(|_| join_all_releasing(&order, blocks, words.syllables.len()));
    let block = |key: u64| {
        let block = blocks.get(&key).or_else(|| gone.get(&key));
        block.expect("a block of this build or of the latest")
    };
    let changed = match all_joined {
        Some(_) => None,
        None => changed_spellings(&terms.blocks, &order, block),
    };
    let joined: Vec<(usize, &Block)> = order.iter().map(|&(s, k)| (s, block(k))).collect();
    let shards = terms.write(&joined, changed, all_joined, words, options);
    let records: Vec<&Record> = joined.iter().flat_map(|(_, b)| &b.records).collect();
    let mut files = Vec::with_capacity(terms.shards.len() + records.len() + 1);

    // The stamp takes each file's digest, which the cache keeps: hashing
    // all the bytes again took longer than the rest of a build after an edit.
    let mut stamp = WordHasher::default();
    let inline = match shards {
        Some(_) => None,
        None => Some(Arc::clone(&terms.shards[0].bytes)),
    };
    if let Some(inline) = &inline {
        stamp.write(inline);
    } else {
        for (n, shard) in terms.shards.iter().enumerate() {
            let path = format!("search/terms/{n}.json");
            stamp.write(path.as_bytes());
            stamp.write(&shard.digest.to_le_bytes());
            files.push(IndexFile {
                path,
                bytes: Arc::clone(&shard.bytes),
                digest: shard.digest,
            });
        }
    }
    for (k, record) in records.iter().enumerate() {
        let path = format!("search/doc/{k}.json");
        stamp.write(path.as_bytes());
        stamp.write(&record.digest.to_le_bytes());
        if stream.is_some() {
            continue;
        }
        files.push(IndexFile {
            path,
            bytes: Arc::clone(&record.bytes),
            digest: record.digest,
        });
    }
    let titles = records.iter().map(|r| r.title_syllables).collect();
    terms.blocks = order;
    let in_use = terms.spellings.len();
    drop(gone);
    if !matches!(keep, Keep::Cache) {
        // The files returned are now the only owners of their bytes.
        *cache = IndexCache::default();
    }
    let manifest = Manifest {
        version: VERSION,
        build: format!("{:016x}", stamp.finish()),
        titles,
        shards,
    };
    let mut manifest = to_json(&manifest);
    if let Some(inline) = inline {
        // `…}` → `…,"terms":{…}}`: the terms are JSON already.
        manifest.pop();
        manifest.extend_from_slice(b",\"terms\":");
        manifest.extend_from_slice(&inline);
        manifest.push(b'}');
    }
    files.insert(
        0,
        IndexFile {
            path: "search-index.json".to_string(),
            digest: digest(&manifest),
            bytes: Arc::new(manifest),
        },
    );

    // Words met only in texts edited since stay numbered; start afresh
    // once they outnumber the words in use.
    if cache.words.syllables.len() > 2 * in_use {
        *cache = IndexCache::default();
    }
    files
}

/// What indexing gave, kept between builds by `serve`, so that an edit
/// costs indexing the block of articles it falls in, and writing the
/// shards of the words it changed, not all of them. At 10,000 articles it
/// holds about twice the size of their text: their records, the blocks'
/// postings, and the terms as written (a fifth of it).
#[derive(Default)]
pub struct IndexCache {
    words: Words,
    /// By fingerprint of the block's articles' keys, so an edited article
    /// is simply in a new block. Only the blocks of the latest build are
    /// kept.
    blocks: FastMap<u64, Block>,
    terms: TermFiles,
}

/// Articles per block, on average. An edit indexes its block again, and a
/// spelling's postings are joined from every block that has it: at 10,000
/// articles, 64 keeps both to a few milliseconds.
const BLOCK: u64 = 64;

impl IndexCache {
    /// Cuts the articles (oldest first, with a key each) into blocks, and
    /// indexes the blocks it does not have. Returns the blocks of this
    /// build, each with the number of its first article, oldest first; and
    /// the blocks of the latest build that this one does not use.
    fn index(&mut self, docs: &Docs, keys: &[u64]) -> (Vec<(usize, u64)>, FastMap<u64, Block>) {
        let mut previous = std::mem::take(&mut self.blocks);
        let mut order = Vec::new();
        let mut missing = Vec::new();
        let mut start = 0;
        for length in block_lengths(keys, false) {
            let key = fingerprint::of(&keys[start..start + length]);
            if let Some(kept) = previous.remove(&key) {
                self.blocks.insert(key, kept);
            } else if !self.blocks.contains_key(&key) {
                missing.push((key, start..start + length));
            }
            order.push((start, key));
            start += length;
        }
        let runs: Vec<Range<usize>> = missing.iter().map(|(_, run)| run.clone()).collect();
        let made = index_blocks(docs, &runs, &mut self.words, None);
        for ((key, _), block) in missing.into_iter().zip(made) {
            self.blocks.entry(key).or_insert(block);
        }
        (order, previous)
    }
}

/// Indexes the `runs` of `docs` (oldest first), a block each. Articles are
/// read on all threads, a few blocks at a time, so that what reading them
/// gives, held until their blocks are made, stays small. With `stream`,
/// each record is handed to it when made and only its digest is kept.
fn index_blocks(
    docs: &Docs,
    runs: &[Range<usize>],
    words: &mut Words,
    stream: Option<&(dyn Fn(IndexFile) + Sync)>,
) -> Vec<Block> {
    let mut blocks = Vec::with_capacity(runs.len());
    for runs in runs.chunks(2 * rayon::current_num_threads()) {
        let known = &*words;
        let mut read: Vec<Vec<ReadArticle>> = runs
            .par_iter()
            .map(|run| {
                run.clone()
                    .into_par_iter()
                    .map(|k| {
                        let mut article = docs.read(k, |doc| ReadArticle::new(doc, known));
                        if let Some(write) = stream {
                            write(IndexFile {
                                path: format!("search/doc/{k}.json"),
                                bytes: std::mem::take(&mut article.record.bytes),
                                digest: article.record.digest,
                            });
                        }
                        article
                    })
                    .collect()
            })
            .collect();
        // One article after the other: the numbers do not depend on how
        // the threads shared the reading.
        for article in read.iter_mut().flatten() {
            article.number_new_words(words);
        }
        let spellings = words.syllables.len();
        blocks.par_extend(
            read.into_par_iter()
                .map(|articles| Block::new(articles, spellings)),
        );
    }
    blocks
}

/// Marks a word not yet numbered when an article was read; spelling
/// numbers stay below it.
const NEW: u32 = 1 << 31;

/// An article read for indexing: its record, and the spelling numbers of
/// its syllables, the title's then the body's.
struct ReadArticle {
    record: Record,
    /// A word that had no number when read is [`NEW`] plus its index in
    /// `new_words`.
    numbers: Vec<u32>,
    new_words: Vec<String>,
}

impl ReadArticle {
    /// Reads `doc` with the words `known` so far, which threads can share.
    fn new(doc: &SearchDoc<'_>, known: &Words) -> ReadArticle {
        let (title, body) = normalized(doc);
        // About one syllable in five bytes of text: room for all at once
        // rather than grown by copies.
        let mut numbers = Vec::with_capacity((title.len() + body.len()) / 5);
        let mut new_words = Vec::new();
        let mut new = FastMap::default();
        let mut title_syllables = 0;
        for (text, is_title) in [(&title, true), (&body, false)] {
            for word in words(text) {
                match known.written.get(word) {
                    Some(&Some(n)) => numbers.push(n),
                    Some(None) => {}
                    None => {
                        let next = u32::try_from(new_words.len()).expect("under 2G words");
                        let i = *new.entry(word).or_insert_with(|| {
                            new_words.push(word.to_string());
                            next
                        });
                        numbers.push(NEW | i);
                    }
                }
            }
            if is_title {
                title_syllables = numbers.len();
            }
        }
        ReadArticle {
            record: Record::new(doc, &title, &body, title_syllables),
            numbers,
            new_words,
        }
    }

    /// Numbers the words that were new when the article was read, and drops
    /// those with no syllable in them.
    fn number_new_words(&mut self, words: &mut Words) {
        if self.new_words.is_empty() {
            return;
        }
        let new: Vec<Option<u32>> = std::mem::take(&mut self.new_words)
            .into_iter()
            .map(|word| words.word(word))
            .collect();
        let title = self.record.title_syllables;
        let (mut i, mut dropped_in_title) = (0, 0);
        self.numbers.retain_mut(|n| {
            let number = if *n & NEW == 0 {
                Some(*n)
            } else {
                new[(*n & !NEW) as usize]
            };
            if number.is_none() && i < title {
                dropped_in_title += 1;
            }
            i += 1;
            number.map(|number| *n = number).is_some()
        });
        self.record.title_syllables -= dropped_in_title;
    }
}

/// An article's `search/doc/<k>.json` and what the manifest needs of it.
struct Record {
    /// Syllables in the title.
    title_syllables: usize,
    bytes: Arc<Vec<u8>>,
    /// The file's share of the build stamp.
    digest: u64,
}

impl Record {
    fn new(doc: &SearchDoc<'_>, title: &str, body: &str, title_syllables: usize) -> Record {
        // `{"title":…,"href":…,"date":…,"text":…}`, sized for the text
        // with a few escapes: kept for as long as the article is unchanged.
        let fields = [
            ("{\"title\":", title),
            (",\"href\":", &*doc.href),
            (",\"date\":", &*doc.date_display),
            (",\"text\":", body),
        ];
        let size: usize = fields
            .iter()
            .map(|(name, value)| name.len() + value.len())
            .sum();
        let mut bytes = Vec::with_capacity(size + size / 64 + 16);
        for (name, value) in fields {
            bytes.extend_from_slice(name.as_bytes());
            json_str(value, &mut bytes);
        }
        bytes.push(b'}');
        bytes.shrink_to_fit();
        Record {
            title_syllables,
            digest: digest(&bytes),
            bytes: Arc::new(bytes),
        }
    }
}

/// A run of articles: their records, and their postings numbered from the
/// block's first article. Each spelling's leave out the head of their
/// first entry: the gap from the previous article that has the spelling
/// is known only when blocks are joined.
struct Block {
    records: Vec<Record>,
    /// By spelling number.
    spellings: Vec<BlockSpelling>,
    /// The postings of all `spellings`, one after the other.
    postings: String,
}

#[derive(Clone, Copy)]
struct BlockSpelling {
    number: u32,
    /// The first article that has it, and whether more than once (the
    /// head says so, and a count follows).
    first: u32,
    several: bool,
    /// The last article that has it.
    last: u32,
    /// Where its postings end in `postings`.
    end: u32,
}

impl Block {
    /// The block of `articles`, given how many `spellings` there are.
    fn new(articles: Vec<ReadArticle>, spellings: usize) -> Block {
        // Each spelling's occurrences, (article, position), are laid out
        // one spelling after the other, in number order: counted first,
        // then put in place, so none needs a list of its own.
        let mut local = vec![u32::MAX; spellings];
        let (mut numbers, mut counts) = (Vec::new(), Vec::new());
        for article in &articles {
            for &n in &article.numbers {
                let l = &mut local[n as usize];
                if *l == u32::MAX {
                    *l = u32::try_from(numbers.len()).expect("under 4G spellings");
                    numbers.push(n);
                    counts.push(0);
                }
                counts[*l as usize] += 1;
            }
        }
        let mut order: Vec<usize> = (0..numbers.len()).collect();
        order.sort_unstable_by_key(|&l| numbers[l]);
        let mut next = vec![0; numbers.len()];
        let mut total = 0;
        for &l in &order {
            next[l] = total;
            total += counts[l];
        }
        let mut occurrences = vec![(0, 0); total];
        for (article, read) in (0..).zip(&articles) {
            let title = read.record.title_syllables;
            for (i, &n) in read.numbers.iter().enumerate() {
                // One position left empty, so that no phrase spans title
                // and body.
                let position = if i < title { i } else { i + 1 };
                let l = local[n as usize] as usize;
                occurrences[next[l]] = (article, to_u32(position));
                next[l] += 1;
            }
        }

        let mut postings = String::new();
        let mut block_spellings = Vec::with_capacity(numbers.len());
        let mut from = 0;
        for &l in &order {
            let occurrences = &occurrences[from..from + counts[l]];
            let (first, several, last) = encode(occurrences, &mut postings);
            block_spellings.push(BlockSpelling {
                number: numbers[l],
                first,
                several,
                last,
                end: to_u32(postings.len()),
            });
            from += counts[l];
        }
        postings.shrink_to_fit();
        Block {
            records: articles.into_iter().map(|a| a.record).collect(),
            spellings: block_spellings,
            postings,
        }
    }

    /// Frees the postings once they are joined for the last time: the
    /// block then tells only which spellings it has, and its records.
    fn let_go_of_postings(&mut self) {
        self.postings = String::new();
    }

    /// The block's `i`th spelling's entries, the block starting at article
    /// `start`: the head it left out, given `next`, the article after the
    /// previous one that has the spelling; its postings but that; and the
    /// article after its last one.
    fn entries(&self, start: usize, i: usize, next: usize) -> (usize, &str, usize) {
        let spelling = &self.spellings[i];
        let first = start + spelling.first as usize;
        let head = (first - next) * 2 + usize::from(spelling.several);
        let from = i
            .checked_sub(1)
            .map_or(0, |j| self.spellings[j].end as usize);
        let rest = &self.postings[from..spelling.end as usize];
        (head, rest, start + spelling.last as usize + 1)
    }

    /// Appends the `i`th spelling's entries to `out`, as [`Block::entries`];
    /// returns the article after its last one.
    fn append(&self, start: usize, i: usize, next: usize, out: &mut String) -> usize {
        let (head, rest, next) = self.entries(start, i, next);
        varint(head, out);
        out.push_str(rest);
        next
    }

    /// The bytes of the `i`th spelling's entries, as [`Block::entries`];
    /// and the article after its last one.
    fn measure(&self, start: usize, i: usize, next: usize) -> (usize, usize) {
        let (head, rest, next) = self.entries(start, i, next);
        (varint_len(head) + rest.len(), next)
    }

    /// Calls `found(k, i)` for each spelling `sought[k]` (in number order)
    /// that the block has, as its `i`th.
    fn find(&self, sought: &[u32], mut found: impl FnMut(usize, usize)) {
        let mut from = 0;
        for (k, &n) in sought.iter().enumerate() {
            let i = from + seek(&self.spellings[from..], n);
            if self.spellings.get(i).is_some_and(|s| s.number == n) {
                found(k, i);
            }
            from = i;
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a block's positions and postings fit in 4G")
}

/// Appends the postings of `occurrences`, (article, position) in order,
/// but the head of their first entry. Returns the first article, whether
/// it has several, and the last article.
fn encode(occurrences: &[(u32, u32)], out: &mut String) -> (u32, bool, u32) {
    let mut first = None;
    let mut previous = 0;
    for entry in occurrences.chunk_by(|a, b| a.0 == b.0) {
        let article = entry[0].0;
        // Most syllables occur once in an article: that takes no count.
        let several = entry.len() > 1;
        if first.is_none() {
            first = Some((article, several));
        } else {
            varint(
                (article - previous - 1) as usize * 2 + usize::from(several),
                out,
            );
        }
        if several {
            varint(entry.len() - 2, out);
        }
        let mut next = 0;
        for &(_, position) in entry {
            varint((position - next) as usize, out);
            next = position + 1;
        }
        previous = article;
    }
    let (first, several) = first.expect("a spelling in a block occurs");
    (first, several, previous)
}

/// Title and body text as indexed and shown: NFC, so that a syllable is one
/// whichever way the editor typed it.
fn normalized<'d>(doc: &'d SearchDoc<'_>) -> (Cow<'d, str>, Cow<'d, str>) {
    (nfc(doc.title.as_ref()), nfc(body_text(doc)))
}

/// Every spelling met so far, numbered. Articles repeat the same few
/// thousand words, so each word as written is folded and spelled once and
/// looked up after that: most of the time of indexing went there. Numbers
/// are never reused, so cached blocks keep theirs.
#[derive(Default)]
struct Words {
    /// A word as written → its spelling's number; None when nothing is left
    /// of it after folding.
    written: FastMap<String, Option<u32>>,
    numbers: FastMap<Syllable, u32>,
    syllables: Vec<Syllable>,
}

impl Words {
    fn word(&mut self, word: String) -> Option<u32> {
        if let Some(&n) = self.written.get(&word) {
            return n;
        }
        let n = syllable(&word).map(|syllable| {
            let next = u32::try_from(self.syllables.len())
                .ok()
                .filter(|&n| n < NEW);
            let next = next.expect("fewer than 2G spellings");
            *self.numbers.entry(syllable).or_insert_with_key(|s| {
                self.syllables.push(s.clone());
                next
            })
        });
        self.written.insert(word, n);
        n
    }

    /// The key a spelling is written under in its fold's entry: the
    /// spelling that is the fold itself (no marks) is written "".
    fn key(&self, n: u32) -> (&str, &str) {
        let syllable = &self.syllables[n as usize];
        if syllable.spelling == syllable.fold {
            (&syllable.fold, "")
        } else {
            (&syllable.fold, &syllable.spelling)
        }
    }
}

/// The numbers of the spellings some article has, in the order of their
/// keys: by fold, then as written in the fold's entry.
fn spellings_in_use(blocks: &[(usize, &Block)], words: &Words) -> Vec<u32> {
    let mut in_use = vec![false; words.syllables.len()];
    for (_, block) in blocks {
        for spelling in &block.spellings {
            in_use[spelling.number as usize] = true;
        }
    }
    let mut used: Vec<u32> = (0..in_use.len())
        .filter(|&n| in_use[n])
        .map(to_u32)
        .collect();
    used.sort_unstable_by_key(|&n| words.key(n));
    used
}

/// Blocks past which finding out which spellings changed costs more than
/// joining all the postings again.
const FEW_BLOCKS: usize = 8;

/// How the blocks of a build differ from those of the latest: the same
/// ones at both ends, at the same articles, leave alone what is in them.
struct Change<'b> {
    /// Blocks the same at the start.
    before: usize,
    /// The latest build's blocks in between, with their first articles.
    was: Vec<(usize, &'b Block)>,
    /// This build's blocks in between.
    now: usize,
    /// The spellings whose entries in those differ, in number order: the
    /// only ones whose postings can change.
    spellings: Vec<u32>,
}

/// What changed from blocks `was` to blocks `now` (each with its first
/// article), or None if too many blocks differ to tell.
fn changed_spellings<'b>(
    was: &[(usize, u64)],
    now: &[(usize, u64)],
    block: impl Fn(u64) -> &'b Block,
) -> Option<Change<'b>> {
    let before = was.iter().zip(now).take_while(|(a, b)| a == b).count();
    let (was, now) = (&was[before..], &now[before..]);
    let same = was.iter().rev().zip(now.iter().rev());
    let same = same.take_while(|(a, b)| a == b).count();
    let (was, now) = (&was[..was.len() - same], &now[..now.len() - same]);
    if was.len() + now.len() > FEW_BLOCKS {
        return None;
    }
    let with_blocks = |blocks: &[(usize, u64)]| -> Vec<(usize, &'b Block)> {
        blocks
            .iter()
            .map(|&(start, key)| (start, block(key)))
            .collect()
    };
    let (was, now) = (with_blocks(was), with_blocks(now));
    // Each spelling's entries, by article number: a stable sort keeps
    // each spelling's in block order.
    let entries = |blocks: &[(usize, &'b Block)]| {
        let mut entries: Vec<Entry<'b>> = Vec::new();
        for &(start, block) in blocks {
            let mut from = 0;
            for s in &block.spellings {
                let postings = &block.postings[from..s.end as usize];
                let first = start + s.first as usize;
                let last = start + s.last as usize;
                entries.push((s.number, first, s.several, last, postings));
                from = s.end as usize;
            }
        }
        entries.sort_by_key(|e| e.0);
        entries
    };
    let (old, new) = (entries(&was), entries(&now));
    let mut spellings = Vec::new();
    let (mut old, mut new) = (&old[..], &new[..]);
    while let Some(n) = [old.first(), new.first()]
        .into_iter()
        .flatten()
        .map(|e| e.0)
        .min()
    {
        let a = old.iter().take_while(|e| e.0 == n).count();
        let b = new.iter().take_while(|e| e.0 == n).count();
        if old[..a] != new[..b] {
            spellings.push(n);
        }
        (old, new) = (&old[a..], &new[b..]);
    }
    Some(Change {
        before,
        was,
        now: now.len(),
        spellings,
    })
}

/// A spelling's entry in a block: its number, its first article, whether
/// that has it several times, its last article, and its postings.
type Entry<'b> = (u32, usize, bool, usize, &'b str);

/// The terms of the latest build as written: their shards, or the inline
/// terms as the only one, and where each spelling's postings are in them.
/// A build after an edit joins again the postings of the spellings whose
/// articles changed only, and writes again only the shards that hold
/// them; the others are as they were, bytes and digest.
#[derive(Default)]
struct TermFiles {
    /// The blocks joined: each one's first article and key, oldest first.
    blocks: Vec<(usize, u64)>,
    /// The spellings in use, in the order of their keys.
    spellings: Vec<u32>,
    /// By spelling number: where its postings are, if in use.
    places: Vec<Option<Place>>,
    shards: Vec<ShardFile>,
}

/// Where a spelling's postings are: a shard, and a range of its bytes.
#[derive(Clone, Copy)]
struct Place {
    shard: u32,
    start: u32,
    end: u32,
}

struct ShardFile {
    /// Its first and last folds; None when there are no terms.
    folds: Option<(String, String)>,
    bytes: Arc<Vec<u8>>,
    digest: u64,
}

/// Postings joined by one build: every spelling's, by number; or, for
/// the spellings that changed (in number order), what changed.
enum Joined {
    All(Vec<String>),
    Changed(Vec<u32>, Vec<Splice>),
}

/// A spelling's postings as a change to what was written: bytes `cut`
/// replaced by `joined`. The articles before the change keep their
/// entries, and those after it all but the head of the first, so only the
/// change is joined, and the postings are copied once, into the shard.
struct Splice {
    cut: Range<usize>,
    joined: String,
}

/// A shard of a build, and where its spellings' postings are, unless it
/// was kept from the latest build as it was.
type Shaped = (ShardFile, Option<Vec<(u32, Place)>>);

/// A spelling's postings, in three parts to write one after the other.
type Parts<'p> = [&'p [u8]; 3];

impl TermFiles {
    /// Writes the terms of `blocks`, in shards or inline as `options` say,
    /// keeping the shards none of whose spellings `changed` (None: any may
    /// have). `all_joined`, when `changed` is None, are the blocks'
    /// postings joined already. Returns the map from fold prefix to shard,
    /// or None if inline.
    fn write(
        &mut self,
        blocks: &[(usize, &Block)],
        changed: Option<Change>,
        all_joined: Option<Vec<String>>,
        words: &Words,
        options: &IndexOptions,
    ) -> Option<BTreeMap<String, usize>> {
        self.places.resize(words.syllables.len(), None);
        let (joined, gone) = match changed {
            None => {
                // Nothing to keep: the old shards go before the new come.
                self.shards.clear();
                self.places.fill(None);
                self.spellings = spellings_in_use(blocks, words);
                let all = all_joined.unwrap_or_else(|| join_all(blocks, words.syllables.len()));
                (Joined::All(all), Vec::new())
            }
            Some(change) => {
                let splices = splice(&change, blocks);
                let was = |n: u32| self.places[n as usize].map(|p| (p.end - p.start) as usize);
                let gone = (change.spellings.iter().zip(&splices)).filter(|&(&n, splice)| {
                    let was = was(n).unwrap_or(0);
                    was - splice.cut.len() + splice.joined.len() == 0
                });
                let gone: Vec<u32> = gone
                    .map(|(&n, _)| n)
                    .filter(|&n| was(n).is_some())
                    .collect();
                self.respell(&change.spellings, &gone, words);
                (Joined::Changed(change.spellings, splices), gone)
            }
        };
        let postings = |n: u32| -> Parts<'_> {
            let old: &[u8] = match self.places[n as usize] {
                Some(p) => &self.shards[p.shard as usize].bytes[p.start as usize..p.end as usize],
                None => &[],
            };
            match &joined {
                Joined::All(all) => [all[n as usize].as_bytes(), &[], &[]],
                Joined::Changed(changed, splices) => match changed.binary_search(&n) {
                    Ok(k) => {
                        let Splice { cut, joined } = &splices[k];
                        [&old[..cut.start], joined.as_bytes(), &old[cut.end..]]
                    }
                    Err(_) => [old, &[], &[]],
                },
            }
        };
        let terms = terms(&self.spellings, words, &postings);
        let total: usize = terms.iter().map(|t| t.weight).sum();
        let (ranges, map) = if total <= options.inline_terms {
            // The inline terms: one shard of them all.
            let all: Range<usize> = 0..terms.len();
            (vec![all], None)
        } else {
            let mut map = BTreeMap::new();
            let shards = plan_shards(&terms, options.shard_target);
            for (n, shard) in shards.iter().enumerate() {
                map.extend(shard.prefixes.iter().map(|prefix| (prefix.clone(), n)));
            }
            (shards.into_iter().map(|s| s.range).collect(), Some(map))
        };

        // A shard whose folds are those of an old one, none changed in
        // between, has its bytes.
        let changed_folds = match &joined {
            Joined::All(_) => None,
            Joined::Changed(changed, _) => {
                let mut folds: Vec<&str> = changed.iter().map(|&n| words.key(n).0).collect();
                folds.sort_unstable();
                Some(folds)
            }
        };
        let kept = |first: &str, last: &str| {
            let changed = changed_folds.as_ref()?;
            let next_changed = changed.get(changed.partition_point(|&f| f < first));
            if next_changed.is_some_and(|&f| f <= last) {
                return None;
            }
            let before = |s: &ShardFile| s.folds.as_ref().is_none_or(|(f, _)| f.as_str() < first);
            let old = self.shards.partition_point(before);
            let old = self.shards.get(old)?;
            let folds = old.folds.as_ref()?;
            (folds.0 == first && folds.1 == last).then_some(old)
        };
        let shards: Vec<Shaped> = ranges
            .par_iter()
            .enumerate()
            .map(|(shard, range)| {
                let terms = &terms[range.clone()];
                let folds = terms
                    .first()
                    .zip(terms.last())
                    .map(|(a, b)| (a.fold, b.fold));
                if let Some(old) = folds.and_then(|(first, last)| kept(first, last)) {
                    let file = ShardFile {
                        folds: old.folds.clone(),
                        bytes: Arc::clone(&old.bytes),
                        digest: old.digest,
                    };
                    return (file, None);
                }
                let shard = to_u32(shard);
                let (bytes, places) = json_object(terms, &self.spellings, words, &postings, shard);
                let file = ShardFile {
                    folds: folds.map(|(a, b)| (a.to_string(), b.to_string())),
                    digest: digest(&bytes),
                    bytes: Arc::new(bytes),
                };
                (file, Some(places))
            })
            .collect();

        for n in gone {
            self.places[n as usize] = None;
        }
        let mut files = Vec::with_capacity(shards.len());
        for ((shard, (file, places)), range) in (0..).zip(shards).zip(ranges) {
            match places {
                Some(places) => {
                    for (n, place) in places {
                        self.places[n as usize] = Some(place);
                    }
                }
                // Kept: its spellings' places but the shard's number stay.
                None => {
                    for term in &terms[range] {
                        for &n in &self.spellings[term.spellings.clone()] {
                            let place = self.places[n as usize].as_mut();
                            place.expect("a spelling kept is in use").shard = shard;
                        }
                    }
                }
            }
            files.push(file);
        }
        self.shards = files;
        map
    }

    /// Brings the spellings in use up to date: of the `changed` ones,
    /// those `gone` are no longer in use, and those that were not in use
    /// (nowhere written) now are.
    fn respell(&mut self, changed: &[u32], gone: &[u32], words: &Words) {
        let mut new: Vec<u32> = (changed.iter().copied())
            .filter(|&n| self.places[n as usize].is_none())
            .collect();
        if gone.is_empty() && new.is_empty() {
            return;
        }
        new.sort_unstable_by_key(|&n| words.key(n));
        let old = std::mem::take(&mut self.spellings);
        let mut new = new.into_iter().peekable();
        for n in old {
            if gone.binary_search(&n).is_ok() {
                continue;
            }
            while let Some(a) = new.next_if(|&a| words.key(a) < words.key(n)) {
                self.spellings.push(a);
            }
            self.spellings.push(n);
        }
        self.spellings.extend(new);
    }
}

/// Every spelling's postings, by number: each block's in turn, after the
/// head it left out. [`varint`] uses no character that needs an escape in
/// a JSON string.
fn join_all(blocks: &[(usize, &Block)], spellings: usize) -> Vec<String> {
    let mut joiner = Joiner::new(blocks.iter().map(|&(_, block)| block), spellings);
    for &(start, block) in blocks {
        joiner.add(start, block);
    }
    joiner.joined
}

/// [`join_all`] for a build that keeps nothing: a block lets go of its
/// postings once they are joined for the last time, so that the index is
/// not held twice over. `order` gives each block's key and first article.
fn join_all_releasing(
    order: &[(usize, u64)],
    blocks: &mut FastMap<u64, Block>,
    spellings: usize,
) -> Vec<String> {
    let mut joiner = Joiner::new(order.iter().map(|(_, key)| &blocks[key]), spellings);
    let last_use: FastMap<u64, usize> = (order.iter().enumerate())
        .map(|(i, &(_, key))| (key, i))
        .collect();
    for (i, &(start, key)) in order.iter().enumerate() {
        let block = blocks
            .get_mut(&key)
            .expect("every block in order is indexed");
        joiner.add(start, block);
        if last_use[&key] == i {
            block.let_go_of_postings();
        }
    }
    joiner.joined
}

/// Joins blocks' postings, one block after the other.
struct Joiner {
    joined: Vec<String>,
    /// By spelling: the article after the last one joined that has it.
    next: Vec<usize>,
}

impl Joiner {
    /// Room for each block's share and its head: growing megabytes by
    /// doubling copies them again.
    fn new<'b>(blocks: impl Iterator<Item = &'b Block>, spellings: usize) -> Joiner {
        let mut sizes = vec![0; spellings];
        for block in blocks {
            let mut from = 0;
            for spelling in &block.spellings {
                sizes[spelling.number as usize] += spelling.end as usize - from + 3;
                from = spelling.end as usize;
            }
        }
        Joiner {
            joined: sizes.into_iter().map(String::with_capacity).collect(),
            next: vec![0; spellings],
        }
    }

    fn add(&mut self, start: usize, block: &Block) {
        for (i, spelling) in block.spellings.iter().enumerate() {
            let n = spelling.number as usize;
            self.next[n] = block.append(start, i, self.next[n], &mut self.joined[n]);
        }
    }
}

/// The changed spellings' postings in `blocks`, as changes to what was
/// written: blocks before the change are only measured, to know where it
/// starts; the change is joined; and in the blocks after it, the head of
/// each spelling's first entry is joined again, its gap measured from the
/// change's articles instead of the old ones.
fn splice(change: &Change, blocks: &[(usize, &Block)]) -> Vec<Splice> {
    let sought = &change.spellings[..];
    let (before, rest) = blocks.split_at(change.before);
    let (now, after) = rest.split_at(change.now);
    let mut kept = vec![0; sought.len()];
    let mut next = vec![0; sought.len()];
    for &(start, block) in before {
        block.find(sought, |k, i| {
            let bytes;
            (bytes, next[k]) = block.measure(start, i, next[k]);
            kept[k] += bytes;
        });
    }
    let mut next_was = next.clone();
    let mut cut = vec![0; sought.len()];
    for &(start, block) in &change.was {
        block.find(sought, |k, i| {
            let bytes;
            (bytes, next_was[k]) = block.measure(start, i, next_was[k]);
            cut[k] += bytes;
        });
    }
    let mut joined = vec![String::new(); sought.len()];
    for &(start, block) in now {
        block.find(sought, |k, i| {
            next[k] = block.append(start, i, next[k], &mut joined[k]);
        });
    }
    let mut unheaded: Vec<usize> = (0..sought.len()).collect();
    for &(start, block) in after {
        if unheaded.is_empty() {
            break;
        }
        let numbers: Vec<u32> = unheaded.iter().map(|&k| sought[k]).collect();
        let mut headed = vec![false; unheaded.len()];
        block.find(&numbers, |j, i| {
            let k = unheaded[j];
            cut[k] += varint_len(block.entries(start, i, next_was[k]).0);
            varint(block.entries(start, i, next[k]).0, &mut joined[k]);
            headed[j] = true;
        });
        let mut headed = headed.into_iter();
        unheaded.retain(|_| headed.next() == Some(false));
    }
    (kept.into_iter().zip(cut).zip(joined))
        .map(|((kept, cut), joined)| Splice {
            cut: kept..kept + cut,
            joined,
        })
        .collect()
}

/// How many of `spellings` (in number order) come before number `n`,
/// found by galloping: the numbers sought ascend, and are few next to a
/// block's.
fn seek(spellings: &[BlockSpelling], n: u32) -> usize {
    let mut bound = 1;
    while bound <= spellings.len() && spellings[bound - 1].number < n {
        bound *= 2;
    }
    let from = bound / 2;
    let to = bound.min(spellings.len());
    from + spellings[from..to].partition_point(|s| s.number < n)
}

/// A fold's entry in the terms: its spellings, a range of those in use,
/// and its bytes in a JSON object, with the comma after it.
struct Term<'w> {
    fold: &'w str,
    spellings: Range<usize>,
    weight: usize,
}

/// The terms of the `spellings` in use (in key order): each fold in turn.
fn terms<'w, 'p>(
    spellings: &[u32],
    words: &'w Words,
    postings: &dyn Fn(u32) -> Parts<'p>,
) -> Vec<Term<'w>> {
    let mut terms = Vec::new();
    let mut start = 0;
    let fold = |n: u32| words.syllables[n as usize].fold.as_str();
    for run in spellings.chunk_by(|&a, &b| fold(a) == fold(b)) {
        let fold = fold(run[0]);
        let bare = is_bare(run, words);
        let keys: usize = if bare {
            0
        } else {
            let keys = run.iter().map(|&n| json_len(words.key(n).1) + 1);
            // Braces, and a comma between two spellings.
            keys.sum::<usize>() + 2 + run.len() - 1
        };
        let parts = run.iter().flat_map(|&n| postings(n));
        let quoted = parts.map(<[u8]>::len).sum::<usize>() + 2 * run.len();
        terms.push(Term {
            fold,
            spellings: start..start + run.len(),
            weight: json_len(fold) + 1 + keys + quoted + 1,
        });
        start += run.len();
    }
    terms
}

/// Whether a fold's spellings are only the fold itself, unmarked (most
/// English words): the fold then maps straight to its postings.
fn is_bare(run: &[u32], words: &Words) -> bool {
    run.len() == 1 && words.key(run[0]).1.is_empty()
}

/// A syllable's two search keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Syllable {
    /// Lowercase, no marks, đ → d: what matching compares.
    pub fold: String,
    /// Lowercase with marks, tone marks last: what "exact marks" compares.
    pub spelling: String,
}

/// The syllables of `text`, in order: runs of letters, digits and combining
/// marks, lowercased; runs with nothing left after folding are skipped.
pub fn syllables(text: &str) -> Vec<Syllable> {
    words(text).filter_map(syllable).collect()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Longest syllable indexed, in characters of its fold. A longer run of
/// letters (a hex dump, text with no spaces) is indexed, and searched, by
/// its first this many characters folded, which are also its only spelling:
/// no word is that long, and the index's prefix map, and the work to make
/// it, grow with the longest fold. The script cuts a query's syllables the
/// same way, so such a run is still found.
pub const MAX_SYLLABLE_CHARS: usize = 64;

fn syllable(word: &str) -> Option<Syllable> {
    let mut fold = fold_marks(word);
    if fold.is_empty() {
        return None;
    }
    if let Some(end) = cut_at(&fold) {
        fold.truncate(end);
        return Some(Syllable {
            spelling: fold.clone(),
            fold,
        });
    }
    Some(Syllable {
        fold,
        spelling: spelling(word),
    })
}

/// Where a fold longer than [`MAX_SYLLABLE_CHARS`] is cut.
fn cut_at(fold: &str) -> Option<usize> {
    // Bytes first: a fold of no more bytes has no more characters.
    if fold.len() <= MAX_SYLLABLE_CHARS {
        return None;
    }
    fold.char_indices()
        .nth(MAX_SYLLABLE_CHARS)
        .map(|(end, _)| end)
}

/// The script's word pattern is `[\p{Alphabetic}\p{N}\p{M}]`: the same sets.
/// Vietnamese letters are answered from their ranges first: the general
/// lookup was a tenth of the time of indexing.
fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '×' | '÷' => false,
        // Latin-1 letters, Latin Extended-A and -B, combining diacritics,
        // Latin Extended Additional: letters and marks throughout.
        '\u{C0}'..='\u{24F}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
    }
}

/// Lowercase with all marks, but the five Vietnamese tone marks (grave,
/// acute, tilde, hook above, dot below) moved after the rest of the
/// syllable. Where the tone sits is a matter of convention ("hòa" / "hoà",
/// "thủy" / "thuỷ", "khỏe" / "khoẻ"), so a key that ignores the place but
/// keeps the tone and the vowel marks (ă â ê ô ơ ư, đ) compares spellings
/// without having to encode either convention's rules.
fn spelling(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut base = String::with_capacity(word.len());
    let mut tones = String::new();
    for c in word.chars().flat_map(char::to_lowercase).nfd() {
        if is_tone_mark(c) {
            tones.push(c);
        } else {
            base.push(c);
        }
    }
    base.push_str(&tones);
    base.nfc().collect()
}

fn is_tone_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// The text searched as the body: the article's text, with the summary in
/// front when it is not already part of it (a summary written in front
/// matter), so words found only there match too.
fn body_text<'d>(doc: &'d SearchDoc<'_>) -> Cow<'d, str> {
    // A summary cut short ends in "…", which the text does not have.
    let summary = doc.summary.trim().trim_end_matches('…');
    if summary.is_empty() || doc.text.contains(summary) || contains_words(&doc.text, summary) {
        Cow::Borrowed(&doc.text)
    } else {
        Cow::Owned(format!("{summary}\n\n{}", doc.text))
    }
}

/// Whether `text` contains `part` once runs of white space are one space
/// in both, without copying `text`: Knuth–Morris–Pratt over its characters
/// with white space collapsed as they are read, so the time is linear
/// whatever the two hold (trying each place where the first word is found
/// was quadratic on repeated words). Where nothing of `part` has matched
/// yet, the next place its first word is found is jumped to.
fn contains_words(text: &str, part: &str) -> bool {
    let Some(first) = part.split_whitespace().next() else {
        return true;
    };
    let mut pattern: Vec<char> = Vec::with_capacity(part.len());
    for word in part.split_whitespace() {
        if !pattern.is_empty() {
            pattern.push(' ');
        }
        pattern.extend(word.chars());
    }
    // `fallback[i]`: the longest proper prefix of `pattern[..=i]` that is
    // also a suffix of it.
    let mut fallback = vec![0; pattern.len()];
    let mut k = 0;
    for i in 1..pattern.len() {
        while k > 0 && pattern[i] != pattern[k] {
            k = fallback[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        fallback[i] = k;
    }
    let (mut matched, mut at, mut after_space) = (0, 0, false);
    while at < text.len() {
        if matched == 0 {
            match text[at..].find(first) {
                Some(found) => at += found,
                None => return false,
            }
        }
        let c = text[at..].chars().next().expect("inside the text");
        at += c.len_utf8();
        let c = if c.is_whitespace() {
            if after_space {
                continue;
            }
            ' '
        } else {
            c
        };
        after_space = c == ' ';
        while matched > 0 && pattern[matched] != c {
            matched = fallback[matched - 1];
        }
        if pattern[matched] == c {
            matched += 1;
            if matched == pattern.len() {
                return true;
            }
        }
    }
    false
}

/// The 64 characters that end a number: its value modulo 64.
const FINAL_DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
/// The 28 other printable ASCII characters JSON strings take unescaped: the
/// higher part of a number, in base 28, most significant first.
const LEADING_DIGITS: &[u8; 28] = b"!#$%&'()*+,./:;<=>?@[]^`{|}~";

/// Appends `n` as one to a few characters: below 64 one character, below
/// 1,792 two, below 50,176 three. Numbers need no separator because only
/// the last character of each comes from [`FINAL_DIGITS`].
pub fn varint(n: usize, out: &mut String) {
    let mut high = n / 64;
    let mut leading = [0u8; 16];
    let mut len = 0;
    while high > 0 {
        leading[len] = LEADING_DIGITS[high % 28];
        high /= 28;
        len += 1;
    }
    out.extend(leading[..len].iter().rev().map(|&b| char::from(b)));
    out.push(char::from(FINAL_DIGITS[n % 64]));
}

/// The characters [`varint`] writes for `n`.
fn varint_len(n: usize) -> usize {
    let mut len = 1;
    let mut high = n / 64;
    while high > 0 {
        len += 1;
        high /= 28;
    }
    len
}

/// Reads a postings string back: `(article, positions)` pairs. The script
/// does the same; this is here for tests and tools. None if malformed.
pub fn read_postings(encoded: &str) -> Option<Vec<(usize, Vec<usize>)>> {
    let mut numbers = Vec::new();
    let mut high = 0usize;
    for b in encoded.bytes() {
        if let Some(d) = FINAL_DIGITS.iter().position(|&f| f == b) {
            numbers.push(high.checked_mul(64)?.checked_add(d)?);
            high = 0;
        } else {
            let d = LEADING_DIGITS.iter().position(|&l| l == b)?;
            high = high.checked_mul(28)?.checked_add(d)?;
        }
    }
    let mut numbers = numbers.into_iter();
    let mut postings = Vec::new();
    let mut next_doc = 0;
    while let Some(head) = numbers.next() {
        let doc = next_doc + head / 2;
        let count = if head % 2 == 1 {
            numbers.next()? + 2
        } else {
            1
        };
        let mut positions = Vec::with_capacity(count);
        let mut next = 0;
        for _ in 0..count {
            let position = next + numbers.next()?;
            positions.push(position);
            next = position + 1;
        }
        postings.push((doc, positions));
        next_doc = doc + 1;
    }
    Some(postings)
}

/// One shard: a run of terms (in fold order) and the prefixes that lead to it.
struct Shard {
    range: Range<usize>,
    prefixes: Vec<String>,
}

/// Groups the sorted terms by fold prefix: a prefix whose terms weigh more
/// than `target` is split by its next character (the term equal to the
/// prefix itself keeps it), then neighbouring groups are packed into shards
/// up to `target`. A syllable's shard is the one of its longest prefix in the
/// map, so a query needs no list of terms to find it.
fn plan_shards(terms: &[Term], target: usize) -> Vec<Shard> {
    let mut shards: Vec<Shard> = Vec::new();
    let mut size = 0;
    for (prefix, range, weight) in prefix_groups(terms, target) {
        match shards.last_mut() {
            Some(shard) if size + weight <= target => {
                shard.range.end = range.end;
                shard.prefixes.push(prefix);
                size += weight;
            }
            _ => {
                shards.push(Shard {
                    range,
                    prefixes: vec![prefix],
                });
                size = weight;
            }
        }
    }
    shards
}

/// The groups of `terms` (sorted by fold) as `(prefix, index range,
/// bytes)`, in order: a group of a prefix weighing more than `target` is
/// split by the character after the prefix, unless all its terms end
/// there. A loop over a stack, not recursion: a prefix is as long as the
/// longest fold ([`MAX_SYLLABLE_CHARS`]). The terms of a group share their
/// prefix's bytes, so the next character is read at the same byte offset
/// in each.
fn prefix_groups(terms: &[Term], target: usize) -> Vec<(String, Range<usize>, usize)> {
    let weight = |range: Range<usize>| terms[range].iter().map(|t| t.weight).sum();
    let next_char = |i: usize, at: usize| terms[i].fold[at..].chars().next();
    let mut groups = Vec::new();
    // Groups still to split, the next on top: a range of terms, and the
    // bytes of their common prefix.
    let mut pending = vec![(0..terms.len(), 0)];
    while let Some((range, at)) = pending.pop() {
        let prefix = |i: usize| terms[i].fold[..at].to_string();
        if at > 0 {
            let total = weight(range.clone());
            if total <= target || range.clone().all(|i| next_char(i, at).is_none()) {
                groups.push((prefix(range.start), range, total));
                continue;
            }
        }
        let mut split = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let key = next_char(i, at);
            let run = (i..range.end)
                .take_while(|&j| next_char(j, at) == key)
                .count();
            match key {
                // Sorted order puts the term equal to the prefix first.
                None => groups.push((prefix(i), i..i + run, weight(i..i + run))),
                Some(c) => split.push((i..i + run, at + c.len_utf8())),
            }
            i += run;
        }
        pending.extend(split.into_iter().rev());
    }
    groups
}

/// The manifest, less the inline terms (appended as they are).
#[derive(Serialize)]
struct Manifest {
    version: u32,
    build: String,
    /// Per article, oldest first: syllables in its title.
    titles: Vec<usize>,
    /// Fold prefix → shard number.
    #[serde(skip_serializing_if = "Option::is_none")]
    shards: Option<BTreeMap<String, usize>>,
}

/// The JSON object of `terms` (a shard, or the inline terms), and where
/// each spelling's postings are in it, as written in shard `shard`.
fn json_object<'p>(
    terms: &[Term],
    spellings: &[u32],
    words: &Words,
    postings: &dyn Fn(u32) -> Parts<'p>,
    shard: u32,
) -> (Vec<u8>, Vec<(u32, Place)>) {
    // Sized up front: growing megabytes by doubling copies them again.
    let mut out = Vec::with_capacity(1 + terms.iter().map(|t| t.weight).sum::<usize>());
    let mut places = Vec::new();
    out.push(b'{');
    for (i, term) in terms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let run = &spellings[term.spellings.clone()];
        let bare = is_bare(run, words);
        json_str(term.fold, &mut out);
        out.push(b':');
        if !bare {
            out.push(b'{');
        }
        for (j, &n) in run.iter().enumerate() {
            if !bare {
                if j > 0 {
                    out.push(b',');
                }
                json_str(words.key(n).1, &mut out);
                out.push(b':');
            }
            out.push(b'"');
            let start = to_u32(out.len());
            for part in postings(n) {
                out.extend_from_slice(part);
            }
            let end = to_u32(out.len());
            places.push((n, Place { shard, start, end }));
            out.push(b'"');
        }
        if !bare {
            out.push(b'}');
        }
    }
    out.push(b'}');
    (out, places)
}

/// Appends `text` as a JSON string, escaped as `serde_json` does: `"`,
/// `\\` and control characters only. Texts are long and escapes rare, so
/// eight bytes are checked at a time and copied in runs; serde_json's
/// byte-by-byte table was a tenth of the time of indexing.
fn json_str(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            if !needs_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0x00..=0x1F => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(escape);
        i += 1;
        copied = i;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether any of the eight bytes of `word` is `"`, `\\` or below 0x20.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // A byte below 0x20: subtracting 0x20 borrows into its high bit.
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    control
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

/// The bytes of `text` as a JSON string, without writing it: spellings
/// have no character to escape, but nothing forbids one.
fn json_len(text: &str) -> usize {
    let plain = !text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20);
    if plain {
        text.len() + 2
    } else {
        let mut out = Vec::new();
        json_str(text, &mut out);
        out.len()
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Strings, maps with string keys and plain structs always serialize.
    serde_json::to_vec(value).expect("search index values serialize")
}

/// The digests of index files that make the build stamp: FxHash's step,
/// eight bytes at a time, written here so that the stamp does not move when
/// a dependency changes its algorithm.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// For lookups only, never for output order: rustc-hash's FxHash, which
/// hashes short words in one or two steps.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// A file's share of the build stamp.
fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use proptest::test_runner::Config;

    /// A file to write: its path and bytes.
    type File = (String, Vec<u8>);

    fn collapse_spaces(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn contains_words_is_containment_with_spaces_collapsed(
            text in "[abđ \n\t\u{a0}\u{3000}]{0,24}",
            part in "[abđ \n\u{3000}]{0,10}",
        ) {
            let expected = collapse_spaces(&text).contains(&collapse_spaces(&part));
            prop_assert_eq!(contains_words(&text, &part), expected);
        }
    }

    /// A summary that almost matches everywhere in a text of the same
    /// word: trying each place was text × summary steps, minutes here.
    #[test]
    fn contains_words_is_linear_on_repeated_words() {
        let text = "a ".repeat(200_000);
        let part = format!("{}b", "a ".repeat(10_000));
        let start = std::time::Instant::now();
        assert!(!contains_words(&text, &part));
        assert!(contains_words(&format!("{text}b"), &part));
        let took = start.elapsed();
        assert!(took.as_secs() < 5, "{took:?}");
    }

    /// Groups of terms whose folds share a prefix far longer than any
    /// syllable, on a stack that one frame per character would overflow:
    /// each ends up alone under its whole fold.
    #[test]
    fn prefix_groups_of_a_long_shared_prefix_need_no_deep_stack() {
        let long = "x".repeat(100_000);
        let folds = [format!("{long}a"), format!("{long}b"), "y".to_string()];
        let groups = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let terms: Vec<Term> = (folds.iter().enumerate())
                    .map(|(i, fold)| Term {
                        fold,
                        spellings: i..i + 1,
                        weight: fold.len(),
                    })
                    .collect();
                let groups = prefix_groups(&terms, 1_000);
                groups
                    .into_iter()
                    .map(|(p, r, w)| (p.len(), r, w))
                    .collect::<Vec<_>>()
            })
            .expect("a thread")
            .join()
            .expect("no panic");
        assert_eq!(
            groups,
            [
                (100_001, 0..1, 100_001),
                (100_001, 1..2, 100_001),
                (1, 2..3, 1)
            ]
        );
    }

    #[test]
    fn varint_round_trip() {
        for n in [0, 1, 63, 64, 1791, 1792, 50_175, 50_176, 1 << 31] {
            // Article n, once, at position n + 3; then article n + 1 at 0
            // and 2; then article n + 3 at 1.
            let mut encoded = String::new();
            for number in [n * 2, n + 3, 1, 0, 0, 1, 2, 1] {
                let before = encoded.len();
                varint(number, &mut encoded);
                assert_eq!(encoded.len() - before, varint_len(number));
            }
            assert_eq!(
                read_postings(&encoded),
                Some(vec![
                    (n, vec![n + 3]),
                    (n + 1, vec![0, 2]),
                    (n + 3, vec![1])
                ])
            );
        }
        assert_eq!(read_postings("1"), None);
        assert_eq!(read_postings("\"0"), None);
    }

    #[test]
    fn word_char_fast_path_agrees() {
        for c in ('\0'..='\u{2000}').chain('\u{1E00}'..='\u{1F00}') {
            let general = c.is_alphabetic() || c.is_numeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
    }

    #[test]
    fn spelling_moves_tone_marks_last() {
        assert_eq!(spelling("Hòa"), spelling("hoà"));
        assert_eq!(spelling("thủy"), spelling("thuỷ"));
        assert_eq!(spelling("khỏe"), spelling("khoẻ"));
        assert_ne!(spelling("số"), spelling("sơ"));
        assert_ne!(spelling("đổi"), spelling("đội"));
        assert_eq!(spelling("ĐỔI"), spelling("đổi"));
        assert_eq!(spelling("hoà"), "hoà");
    }

    /// Words to draw articles from: tone marks in both places, a decomposed
    /// syllable, English, digits and punctuation.
    const WORDS: &str = "Phó Chủ tịch UBND tỉnh làm việc với sở Thông tin và Truyền \
        thông về chuyển đổi số, hòa hoà bình thủy thuỷ lợi khỏe khoẻ đổi đội số sơ \
        ngành nông nghiệp năm 2023 API cloud hoa\u{300} Đà Nẵng: kết quả tăng 15% \
        — hội nghị tổng kết ĐỔI MỚI";

    /// `n` articles, newest first, drawn from [`WORDS`]; `seed` varies them.
    fn articles(n: usize, seed: usize) -> Vec<SearchDoc<'static>> {
        let words: Vec<&str> = WORDS.split_whitespace().collect();
        (0..n)
            .map(|i| {
                let pick = |j: usize| words[(i * 31 + j * j * 7 + seed) % words.len()];
                let text: Vec<&str> = (0..30 + i % 20).map(pick).collect();
                let title: Vec<&str> = (40..46).map(pick).collect();
                SearchDoc {
                    title: (title.join(" ")).into(),
                    href: (format!("/{seed}/{i}/")).into(),
                    date_display: (format!("{:02}/06/2023", i % 28 + 1)).into(),
                    summary: (String::new()).into(),
                    text: (text.join(" ")).into(),
                }
            })
            .collect()
    }

    fn article(title: &str, text: &str) -> SearchDoc<'static> {
        SearchDoc {
            title: (title.to_string()).into(),
            href: (format!("/{}/", crate::text::slug::slugify(title))).into(),
            date_display: ("05/06/2023".to_string()).into(),
            summary: (String::new()).into(),
            text: (text.to_string()).into(),
        }
    }

    /// What `serve` may see in a session: edits, articles published,
    /// deleted, back-dated and moved, odd texts, then nothing, then a site
    /// again.
    fn session() -> Vec<(&'static str, Vec<SearchDoc<'static>>)> {
        let mut docs = articles(300, 0);
        let mut states = vec![("start", docs.clone())];
        let mut step = |name, change: &dyn Fn(&mut Vec<SearchDoc<'static>>)| {
            change(&mut docs);
            states.push((name, docs.clone()));
        };
        step("edit a text", &|d| {
            d[150].text.to_mut().push_str(" thêm một câu")
        });
        step("edit a title", &|d| {
            d[20].title = "Hòa bình, thuỷ lợi".into()
        });
        step("publish", &|d| {
            d.insert(0, article("Bài mới", "Tin mới nhất"))
        });
        step("delete", &|d| drop(d.remove(200)));
        step("back-date", &|d| d.insert(120, article("Bài cũ", "Tin cũ")));
        step("move", &|d| d.swap(3, 250));
        step("summary", &|d| d[7].summary = "Tóm tắt riêng: khỏe".into());
        step("no syllables", &|d| d.insert(0, article("!!!", "— … ?")));
        step("decomposed", &|d| {
            d[1].text = "hoa\u{300} thu\u{309}y lơ\u{323}i".into()
        });
        step("twice", &|d| d.push(d[0].clone()));
        step("a few", &|d| d.truncate(3));
        step("none", &|d| d.clear());
        step("one", &|d| d.push(article("Một", "")));
        step("another site", &|d| *d = articles(200, 1));
        states
    }

    /// The first file that differs, for a readable failure.
    fn first_difference(got: &[File], expected: &[File]) -> String {
        if got.len() != expected.len() {
            return format!("{} files, expected {}", got.len(), expected.len());
        }
        let differs = got.iter().zip(expected).find(|(a, b)| a != b);
        differs.map_or(String::new(), |((path, _), (want, _))| {
            format!("{path} differs (expected {want})")
        })
    }

    #[test]
    fn streamed_build_writes_the_same_files() {
        for (step, docs) in session() {
            // Any keys: where blocks end does not change the files.
            let fingerprints: Vec<u64> = docs.iter().map(fingerprint::of).collect();
            let numbers: Vec<u64> = (0..docs.len() as u64).map(|n| n * 7).collect();
            let mut expected = build_index(&docs);
            expected.sort();
            for keys in [fingerprints, numbers] {
                let streamed = Mutex::new(Vec::new());
                let write = |file: IndexFile| streamed.lock().unwrap().push(file);
                let mut index = StreamedIndex::new(docs.len(), &write);
                // Given oldest first, a few at a time.
                let mut given = docs.iter().cloned().zip(keys.iter().copied()).rev();
                while given.len() > 0 {
                    index.read(given.by_ref().take(37));
                }
                index.finish();
                let mut got: Vec<File> = owned(streamed.into_inner().unwrap());
                got.sort();
                assert!(
                    got == expected,
                    "{step}: {}",
                    first_difference(&got, &expected)
                );
            }
        }
    }

    #[test]
    fn cached_build_equals_full_build() {
        let sharded = IndexOptions {
            inline_terms: 0,
            shard_target: 2_000,
        };
        for options in [IndexOptions::default(), sharded] {
            let mut cache = IndexCache::default();
            let mut previous = None;
            for (step, docs) in session() {
                let full = build_index_with(&docs, &options);
                let cached = build_index_cached_with(&docs, &options, &mut cache);
                assert!(
                    cached == full,
                    "{step}: {}",
                    first_difference(&cached, &full)
                );
                // Each step changes the index: stale output shows here even
                // if the full build were wrong the same way.
                assert!(previous.as_ref() != Some(&cached), "{step}: no change");
                if step == "start" {
                    let has_shards = full.iter().any(|(p, _)| p.starts_with("search/terms/"));
                    assert_eq!(has_shards, options == sharded);
                    assert!(cache.blocks.len() > 1, "several blocks to join");
                }
                previous = Some(cached);
            }
        }
    }

    /// A cached build, with keys of the caller's making or without.
    fn build_cached(
        docs: &[SearchDoc<'_>],
        options: &IndexOptions,
        cache: &mut IndexCache,
        keyed: bool,
    ) -> Vec<File> {
        // Not the fingerprints the cache would take: blocks differ too.
        let keys: Vec<u64> = docs.iter().map(|d| fingerprint::of(&(d, 1))).collect();
        let keys = keyed.then_some(&keys[..]);
        owned(build(docs, keys, options, cache, Keep::Cache))
    }

    /// Edits that change the terms in each way the cache keeps apart: a
    /// spelling's postings, a new spelling in a fold that had only one,
    /// the fold's plain spelling gone, enough new words to move shard
    /// boundaries, and back; every position of an article moved; and
    /// articles deleted (which renumbers the newer ones) and published.
    #[test]
    fn edits_that_change_the_terms() {
        let sharded = IndexOptions {
            inline_terms: 0,
            shard_target: 2_000,
        };
        let new_words: Vec<String> = (0..200).map(|i| format!("từ{i}")).collect();
        let new_words = new_words.join(" ");
        let mut docs = articles(300, 0);
        let mut states = vec![("start", docs.clone())];
        let mut step = |name, change: &dyn Fn(&mut Vec<SearchDoc<'static>>)| {
            change(&mut docs);
            states.push((name, docs.clone()));
        };
        step("postings", &|d| d[150].text.to_mut().push_str(" số"));
        step("a new word", &|d| d[10].text.to_mut().push_str(" xyz"));
        step("a new spelling", &|d| d[20].text.to_mut().push_str(" xýz"));
        step("the plain one gone", &|d| {
            d[10] = articles(300, 0)[10].clone()
        });
        step("new words", &|d| d[5].text.to_mut().push_str(&new_words));
        step("they go", &|d| d[5] = articles(300, 0)[5].clone());
        step("positions move", &|d| {
            d[100].text.to_mut().insert_str(0, "Sửa ")
        });
        step("delete", &|d| drop(d.remove(150)));
        step("publish", &|d| d.insert(0, article("Bài mới", "Tin xyz")));
        for options in [IndexOptions::default(), sharded] {
            for keyed in [false, true] {
                let mut cache = IndexCache::default();
                for (step, docs) in &states {
                    let cached = build_cached(docs, &options, &mut cache, keyed);
                    let full = build_index_with(docs, &options);
                    assert!(
                        cached == full,
                        "{step}: {}",
                        first_difference(&cached, &full)
                    );
                }
            }
        }
    }

    /// After an edit that adds a word, the shards it does not fall in are
    /// the same bytes as before, not copies.
    #[test]
    fn an_edit_keeps_the_shards_it_does_not_change() {
        let options = IndexOptions {
            inline_terms: 0,
            shard_target: 2_000,
        };
        let mut docs = articles(300, 0);
        let mut cache = IndexCache::default();
        let shards = |cache: &mut IndexCache, docs: &[SearchDoc<'_>]| {
            let files = build(docs, None, &options, cache, Keep::Cache);
            let shards = files
                .into_iter()
                .filter(|f| f.path.starts_with("search/terms/"));
            shards.map(|f| (f.path, f.bytes)).collect::<Vec<_>>()
        };
        let before = shards(&mut cache, &docs);
        docs[150].text.to_mut().push_str(" zzz");
        let after = shards(&mut cache, &docs);
        assert_eq!(before.len(), after.len());
        let same = before.iter().zip(&after);
        let kept = same.filter(|(a, b)| Arc::ptr_eq(&a.1, &b.1)).count();
        assert_eq!(kept, before.len() - 1, "one shard written again");
    }

    #[test]
    fn cache_keeps_only_what_the_latest_build_used() {
        let mut docs = articles(300, 0);
        let mut cache = IndexCache::default();
        build_index_cached(&docs, &mut cache);
        let blocks = cache.blocks.len();
        docs[150].text.to_mut().push_str(" thêm một câu");
        build_index_cached(&docs, &mut cache);
        let records = |cache: &IndexCache| {
            cache
                .blocks
                .values()
                .map(|b| b.records.len())
                .sum::<usize>()
        };
        assert_eq!(records(&cache), 300);
        assert_eq!(cache.blocks.len(), blocks);
        // Words met only in texts gone since go too, once they outnumber
        // the words in use.
        build_index_cached(&[article("Một", "hai")], &mut cache);
        assert!(records(&cache) <= 1 && cache.blocks.len() <= 1);
        assert!(cache.words.syllables.len() <= 4);
    }

    proptest! {
        /// Strings escaped as serde_json escapes them: control characters
        /// (runs of them, at any place in an eight-byte word), quotes,
        /// backslashes, letters beyond ASCII.
        #[test]
        fn json_strings_are_written_as_serde_json_writes_them(
            text in "([\\x00-\\x1f\"\\\\\\x7fa-zđờ€😀 ]{0,3}[a-z ]{0,9}){0,6}",
        ) {
            let mut ours = Vec::new();
            json_str(&text, &mut ours);
            let theirs = serde_json::to_vec(&text).unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
            prop_assert_eq!(json_len(&text), serde_json::to_string(&text).unwrap().len());
        }
    }

    proptest! {
        #![proptest_config(Config {
            cases: 24,
            failure_persistence: None,
            ..Config::default()
        })]

        /// Any run of changes, with one cache throughout, and the caller's
        /// keys or not.
        #[test]
        fn cached_build_follows_any_changes(
            changes in prop::collection::vec(
                (0..7u8, any::<Index>(), "[a-zđơờ ]{0,12}", any::<bool>()),
                1..8,
            ),
        ) {
            let options = IndexOptions {
                inline_terms: 0,
                shard_target: 1_000,
            };
            let mut docs = articles(150, 2);
            let mut cache = IndexCache::default();
            build_index_cached_with(&docs, &options, &mut cache);
            for (change, at, words, keyed) in changes {
                let i = at.index(docs.len() + 1);
                match change {
                    0 if i < docs.len() => docs[i].text.to_mut().push_str(&words),
                    1 if i < docs.len() => docs[i].title = words.into(),
                    2 if i < docs.len() => drop(docs.remove(i)),
                    3 if i < docs.len() => docs.swap(i, i / 2),
                    4 if i < docs.len() => docs[i].text.to_mut().insert_str(0, &words),
                    5 if i < docs.len() => docs[i].text = words.into(),
                    _ => docs.insert(i, article(&format!("{i} {words}"), &words)),
                }
                let cached = build_cached(&docs, &options, &mut cache, keyed);
                prop_assert!(cached == build_index_with(&docs, &options));
            }
        }
    }

    /// About 10,000 Vietnamese articles from `/tmp/corpus10k` (the Markdown
    /// after the front matter as text): a full build, a first cached build,
    /// and `serve`'s builds after editing one article, each a different one:
    /// a sentence added at the end, with the caller's keys or without, or a
    /// word at the start (which moves every other word of the article).
    /// `cargo test --release --lib -- --ignored --nocapture cached_build_timing`
    #[test]
    #[ignore = "needs /tmp/corpus10k; run with --release"]
    #[allow(clippy::print_stderr)] // a measurement: what it prints is the point
    fn cached_build_timing() {
        let root = std::path::Path::new("/tmp/corpus10k/bantin/content");
        if !root.exists() {
            eprintln!("skipped: no {}", root.display());
            return;
        }
        let mut docs = corpus(root);
        // The call only: freeing the files is the caller's.
        let time = |build: &mut dyn FnMut() -> usize| {
            let start = std::time::Instant::now();
            let files = build();
            (start.elapsed(), files)
        };
        let median = |mut times: Vec<std::time::Duration>| {
            times.sort();
            times[times.len() / 2]
        };
        // The first build of a process also pays for its heap growing.
        let full = (0..3).map(|_| time(&mut || build_index(&docs).len()).0);
        let full = median(full.collect());
        let mut cache = IndexCache::default();
        let first = time(&mut || build_index_shared(&docs, &mut cache).len()).0;
        let mut edits = |keyed: bool, edit: &dyn Fn(&mut SearchDoc)| {
            let times = (0..7).map(|i| {
                let k = (i * 2_003 + 500 + usize::from(keyed) * 77) % docs.len();
                edit(&mut docs[k]);
                let keys: Vec<u64> = docs.iter().map(fingerprint::of).collect();
                let build = &mut || match keyed {
                    true => build_index_keyed(&docs, &keys, &mut cache).len(),
                    false => build_index_shared(&docs, &mut cache).len(),
                };
                time(build).0
            });
            median(times.collect())
        };
        let append = |d: &mut SearchDoc| d.text.to_mut().push_str(" Bài viết vừa được sửa.");
        let at_end = edits(false, &append);
        let keyed = edits(true, &append);
        let at_start = edits(true, &|d| d.text.to_mut().insert_str(0, "Sửa: "));
        eprintln!(
            "{} articles: full {full:.2?}, first cached {first:.2?}; after one edit (medians of 7) \
             {at_end:.2?}, with keys {keyed:.2?}, at the start of the text {at_start:.2?}",
            docs.len(),
        );

        let mb = |bytes: usize| bytes as f64 / 1e6;
        let text: usize = docs.iter().map(|d| d.text.len()).sum();
        let blocks = || cache.blocks.values();
        let records: usize = (blocks().flat_map(|b| &b.records))
            .map(|r| r.bytes.capacity() + size_of::<Record>())
            .sum();
        let postings: usize = blocks()
            .map(|b| b.postings.capacity() + b.spellings.capacity() * size_of::<BlockSpelling>())
            .sum();
        let words: usize = (cache.words.written.keys().map(|w| w.len() + 32)).sum::<usize>()
            + (cache.words.syllables.iter())
                .map(|s| 2 * (s.fold.len() + s.spelling.len() + 48))
                .sum::<usize>();
        let terms = &cache.terms;
        let written: usize = (terms
            .shards
            .iter()
            .map(|s| s.bytes.capacity())
            .sum::<usize>())
            + terms.places.capacity() * size_of::<Option<Place>>()
            + terms.spellings.capacity() * size_of::<u32>();
        eprintln!(
            "cache: records {:.1} MB, postings {:.1} MB, words {:.1} MB, terms {:.1} MB; text {:.1} MB",
            mb(records),
            mb(postings),
            mb(words),
            mb(written),
            mb(text)
        );
        assert!(build_index_cached(&docs, &mut cache) == build_index(&docs));
    }

    /// The `*.vi.md` files under `root`, newest first.
    fn corpus(root: &std::path::Path) -> Vec<SearchDoc<'static>> {
        let mut dated: Vec<(String, SearchDoc)> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .map(|entry| entry.expect("corpus entry"))
            .filter_map(|entry| {
                let name = entry.file_name().to_str()?.strip_suffix(".vi.md")?;
                let source = std::fs::read_to_string(entry.path()).expect("article");
                let mut parts = source.splitn(3, "---\n").skip(1);
                let (front, text) = (parts.next()?, parts.next()?);
                let field = |key: &str| {
                    let line = front.lines().find_map(|l| l.strip_prefix(key));
                    line.map_or("", |v| v.trim().trim_matches('"')).to_string()
                };
                let date = field("date:");
                let doc = SearchDoc {
                    title: (field("title:")).into(),
                    href: (format!("/{name}/")).into(),
                    date_display: (date.get(..10).unwrap_or_default().to_string()).into(),
                    summary: (field("summary:")).into(),
                    text: (text.to_string()).into(),
                };
                Some((date, doc))
            })
            .collect();
        dated.sort_by(|a, b| b.0.cmp(&a.0));
        dated.into_iter().map(|(_, doc)| doc).collect()
    }
}
