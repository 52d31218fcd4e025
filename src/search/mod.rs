//! The search index: one language's articles in, the files of a search that
//! needs no server out (read by `themes/default/static/js/search.js`).
//!
//! Text is cut into syllables — Vietnamese writes one syllable per word, so
//! "chuyển đổi số" is three — and each syllable gets two keys:
//! - its *fold* (lowercase, no marks, đ → d: "chuyen"), with
//!   [`fold_marks`](crate::text::slug::fold_marks), so a query matches with or without marks;
//! - its *spelling* (lowercase, marks kept, tone marks moved to the end of the
//!   syllable), so old and new tone placement agree ("hòa" and "hoà" both
//!   spell "hoà", "thủy" and "thuỷ" both "thuỷ") and exact marks can rank first.
//!
//! A run of letters longer than any word (a hex dump, text with no spaces)
//! is keyed by the first [`MAX_SYLLABLE_CHARS`] characters of its fold.
//! On an English index ([`IndexOptions::stemmer`]) a fold of letters a–z
//! is its Snowball stem ("desks" → "desk"), its spelling the word as
//! written, so that every form of a word matches and the form typed ranks
//! first.
//!
//! The script computes both keys the same way for the query (a Node test
//! holds the two implementations to the same output).
//!
//! Files, relative to the language's root:
//! - `search-index.json`, the manifest: format version, a build stamp the
//!   script adds to the other URLs (so a cached shard never meets a newer
//!   manifest), the syllables in each article's fields but the body (see
//!   below), the stemmer if any, and either the terms themselves (small
//!   sites) or a map from fold prefix to shard;
//! - `search/terms/<n>.json`: the shards, so a query loads only what its
//!   syllables need;
//! - `search/next/<n>.json`, beside each shard: for each of its folds, the
//!   folds found right after it in the most articles, so that a syllable
//!   still being typed after it is looked up in one or two shards
//!   (`follows.rs`);
//! - `search/doc/<k>.json`: one per article (title, link, date, plain text),
//!   loaded only for the results on screen, to cut a snippet around the match.
//!   Keeping them out of the manifest is what keeps a query cheap on a large
//!   site: 10,000 titles, links and summaries alone would weigh megabytes.
//!
//! Articles are numbered from the oldest (0), so publishing a new one adds a
//! file instead of renumbering them all, and a higher number is newer.
//! Positions count syllables, field after field, one apart so no phrase
//! spans two: the title, the labels (tags, category, author), the captions
//! (and alt text), the code blocks, then the body, so the manifest need
//! give only the four short lengths (`fields`, as [`varint`]s) for the
//! script to tell them apart and rank them in that order, but the body
//! above captions and code. Terms map a fold to its spellings, and each
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
//! wrote, and writes again only the shards that hold them. Articles are
//! read on all threads, a few blocks at a time.
//!
//! Two entries, because the two commands hold their articles differently:
//! [`build_index`] takes a language's articles all at once, as `serve`
//! holds them, and returns the files sharing their bytes with the cache it
//! keeps; a one-off `build` renders articles a batch at a time and must
//! not hold them all, so [`StreamedIndex`] is given them as they are made
//! and writes each file as it can. Both cut articles into the same blocks
//! and write through the same steps, so they give the same bytes.
//!
//! The stages, one file each: `tokens.rs` cuts text into syllables and
//! numbers their spellings; `blocks.rs` reads articles into blocks of
//! postings (the cache); `postings.rs` is their encoding; `joins.rs` joins
//! the blocks' postings, whole or as a change; `terms.rs` lays the terms
//! out as they are written; `shards.rs` cuts them into shards and writes
//! the manifest; `follows.rs` lists what follows each fold; `json.rs`
//! writes JSON strings and hashes the files.

mod blocks;
mod cache;
mod follows;
mod joins;
mod json;
mod postings;
mod shards;
mod terms;
#[cfg(test)]
mod tests;
mod tokens;

use std::borrow::Cow;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};

use blocks::{Block, Docs, Record, block_lengths, index_blocks};
use joins::{changed_spellings, join_all_releasing};
use json::{WordHasher, digest};
use shards::manifest;

pub use cache::IndexCache;
pub use postings::{read_postings, varint};
pub use tokens::{MAX_SYLLABLE_CHARS, Syllable, stemmed_syllables, syllables};

use crate::fingerprint;

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
    /// Tags, category and author names, one per line: ranked below the
    /// title and above the body.
    pub labels: Cow<'a, str>,
    /// Image captions and alt text: ranked below the body.
    pub captions: Cow<'a, str>,
    /// Code blocks: ranked last.
    pub code: Cow<'a, str>,
}

/// Format of the files; the script refuses any other.
pub const VERSION: u32 = 3;

/// The stemmer a language's words are indexed by, so that "desks" finds
/// "desk": folds of letters a–z only are stemmed (a Vietnamese name on an
/// English page stays as it is), and their spelling keeps the word as
/// written, so the form typed still ranks first. The script has a port of
/// the same Snowball algorithm (a Node test holds the two together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stemmer {
    English,
}

impl Stemmer {
    /// The stemmer for a language code ("en", "en-GB"), if there is one.
    pub fn for_language(code: &str) -> Option<Stemmer> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        primary
            .eq_ignore_ascii_case("en")
            .then_some(Stemmer::English)
    }

    /// Its name in the manifest, which the script reads.
    fn name(self) -> &'static str {
        match self {
            Stemmer::English => "english",
        }
    }
}

/// Size limits that decide the layout. Builds use the defaults; tests
/// lower them ([`IndexCache::new`]) to see shards without building a large corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Terms up to this many bytes stay in `search-index.json`: one request.
    pub inline_terms: usize,
    /// Otherwise shards aim at this many bytes each (a single very common
    /// syllable may exceed it: it is never split). Small, so that a query
    /// fetches little more than its own syllables' postings: at 1,000
    /// pairs, 128 KiB shards made a first query fetch 2–3 times the bytes
    /// 16 KiB ones do; at 10,000 pairs the common syllables' own postings
    /// dominate either way.
    pub shard_target: usize,
    /// The language's stemmer, if it has one.
    pub stemmer: Option<Stemmer>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            inline_terms: 32 * 1024,
            shard_target: 16 * 1024,
            stemmer: None,
        }
    }
}

/// Builds one language's index from its articles, newest first, each with
/// a key that must change whenever the article does (its fingerprint, or
/// one of what it is made from): `cache` then finds the articles that
/// changed without hashing all their text, which took longer than the
/// rest of a build after an edit, and indexes again only their blocks.
/// What `serve` calls after each edit; with a new cache, a full build.
///
/// Returns the files to write, as paths relative to the language's root
/// (`search-index.json` first, then `search/…`), their bytes shared with
/// `cache`. Deterministic: the same docs give the same bytes, whatever
/// their keys and whatever the cache holds.
pub fn build_index(docs: &[SearchDoc<'_>], keys: &[u64], cache: &mut IndexCache) -> Vec<IndexFile> {
    assert_eq!(docs.len(), keys.len(), "one key per article");
    let docs: Vec<&SearchDoc<'_>> = docs.iter().rev().collect();
    let keys: Vec<u64> = keys.iter().rev().copied().collect();
    let (order, gone) = cache.index(&Docs::Borrowed(docs), &keys);
    write_index(order, gone, cache, None)
}

/// [`build_index`] for a one-off build that writes as it goes, given its articles
/// oldest first, a few at a time, as they are made: each article's
/// `search/doc/<k>.json` goes to `write` as soon as it is made and is not
/// kept, and each article is read as soon as the block it falls in is
/// complete and then dropped, so neither a language's records nor its
/// texts are ever all in memory. Keys are as for [`build_index`].
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
    /// An index of `count` articles, laid out and stemmed as `options`
    /// say, written through `write`.
    pub fn new(count: usize, options: IndexOptions, write: &'w (dyn Fn(IndexFile) + Sync)) -> Self {
        StreamedIndex {
            cache: IndexCache::new(options),
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
        let stream = Some(self.write);
        let rest = write_index(self.order, FastMap::default(), &mut self.cache, stream);
        rest.into_iter().for_each(self.write);
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

/// Writes the index of the blocks in `order` (`gone`: those of the latest
/// build that this one no longer has) from what `cache` holds. Without
/// `stream`, `serve`'s: the cache outlives the build, its records shared
/// with the files returned. With it, the cache is a throwaway one, and
/// each record was handed to `stream` as soon as it was made instead of
/// returned: a language's records are as large as its text.
fn write_index(
    order: Vec<(usize, u64)>,
    gone: FastMap<u64, Block>,
    cache: &mut IndexCache,
    stream: Option<&(dyn Fn(IndexFile) + Sync)>,
) -> Vec<IndexFile> {
    let options = cache.options;
    let IndexCache {
        words,
        blocks,
        terms,
        follows,
        ..
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
    follows.update(&order, block);
    let joined: Vec<(usize, &Block)> = order.iter().map(|&(s, k)| (s, block(k))).collect();
    let shards = terms.write(&joined, changed, all_joined, words, &options);
    let next = (shards.as_ref()).map(|map| follows.files(words, map, terms.shards.len()));
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
    for (n, bytes) in next.into_iter().flatten().enumerate() {
        let path = format!("search/next/{n}.json");
        let digest = digest(&bytes);
        stamp.write(path.as_bytes());
        stamp.write(&digest.to_le_bytes());
        files.push(IndexFile {
            path,
            bytes: Arc::new(bytes),
            digest,
        });
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
    let mut fields = String::with_capacity(4 * records.len());
    for record in &records {
        record.fields.iter().for_each(|&n| varint(n, &mut fields));
    }
    terms.blocks = order;
    let in_use = terms.spellings.len();
    drop(gone);
    if stream.is_some() {
        // The files returned are now the only owners of their bytes.
        cache.clear();
    }
    let stemmer = options.stemmer.map(Stemmer::name);
    let manifest = manifest(stamp.finish(), fields, stemmer, shards, inline);
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
        cache.clear();
    }
    files
}

/// For lookups only, never for output order: rustc-hash's FxHash, which
/// hashes short words in one or two steps.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
