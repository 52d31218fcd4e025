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
//! block again, then joins the blocks' postings and writes the terms.
//! [`build_index`] is the same with an empty cache: one way to build.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::fingerprint;
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
    owned(build(
        docs,
        options,
        &mut IndexCache::default(),
        Keep::Nothing,
    ))
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
    owned(build(docs, options, cache, Keep::Cache))
}

/// Whether the cache outlives the build.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// `serve`'s: its records are shared with the files returned.
    Cache,
    /// A throwaway one, emptied before returning, so the files are the
    /// records' only owners and a full build holds them once.
    Nothing,
}

/// One file of an index: its path below the language's root, its bytes
/// (for records, shared with the cache that made them), and their digest,
/// so that `serve` need not hash them again to see they did not change.
pub struct IndexFile {
    pub path: String,
    pub bytes: Arc<Vec<u8>>,
    pub digest: u64,
}

/// [`build_index_cached`] without copying anything out of `cache`: what
/// `serve` writes after an edit.
pub fn build_index_shared(docs: &[SearchDoc<'_>], cache: &mut IndexCache) -> Vec<IndexFile> {
    build(docs, &IndexOptions::default(), cache, Keep::Cache)
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
    options: &IndexOptions,
    cache: &mut IndexCache,
    keep: Keep,
) -> Vec<IndexFile> {
    let Indexed {
        records,
        blocks,
        words,
    } = cache.index(docs);
    let spellings = spellings_in_use(&blocks, words);
    let terms = terms(&spellings, &blocks, words);

    let total: usize = terms.iter().map(weight).sum();
    let (inline, shards, shard_files) = if total <= options.inline_terms {
        let inline = json_object(&terms);
        (Some(inline), None, Vec::new())
    } else {
        let (map, files) = shard_files(&terms, options.shard_target);
        (None, Some(map), files)
    };
    let mut files = Vec::with_capacity(shard_files.len() + records.len() + 1);

    // The stamp takes each file's digest: the records keep theirs, so only
    // the terms are hashed again. Hashing all the bytes one at a time took
    // longer than the rest of a build after an edit.
    let mut stamp = WordHasher::default();
    if let Some(inline) = &inline {
        stamp.write(inline);
    }
    for (path, bytes) in shard_files {
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
        stamp.write(format!("search/doc/{k}.json").as_bytes());
        stamp.write(&record.digest.to_le_bytes());
    }
    let titles = records.iter().map(|r| r.title_syllables).collect();
    for (k, record) in records.iter().enumerate() {
        files.push(IndexFile {
            path: format!("search/doc/{k}.json"),
            bytes: Arc::clone(&record.bytes),
            digest: record.digest,
        });
    }
    let in_use = spellings.len();
    if keep == Keep::Nothing {
        // The records' only owners are now the files returned.
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
        manifest.extend(inline);
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
/// costs indexing the block of articles it falls in, not all of them. It
/// holds about 1.6 times the size of the articles' text: their records and
/// the blocks' postings.
#[derive(Default)]
pub struct IndexCache {
    words: Words,
    /// By fingerprint of the block's articles' fingerprints, so an edited
    /// article is simply in a new block. Only the blocks of the latest
    /// build are kept.
    blocks: FastMap<u64, Block>,
}

/// Articles per block, on average. An edit indexes its block again and
/// every build joins all the blocks' postings: at 10,000 articles, 64 keeps
/// both to about ten milliseconds.
const BLOCK: u64 = 64;

/// The articles of one build, indexed; borrowed from the cache.
struct Indexed<'c> {
    /// Oldest first.
    records: Vec<&'c Record>,
    /// Each block with the number of its first article, oldest first.
    blocks: Vec<(usize, &'c Block)>,
    words: &'c Words,
}

impl IndexCache {
    fn index(&mut self, docs: &[SearchDoc<'_>]) -> Indexed<'_> {
        let docs: Vec<&SearchDoc<'_>> = docs.iter().rev().collect();
        let keys: Vec<u64> = docs.par_iter().map(fingerprint::of).collect();

        // A block ends at an article whose key is a multiple of BLOCK: where
        // blocks end then depends on their own articles only, so publishing
        // or deleting an article, which renumbers the newer ones, changes
        // one block. Long ones are cut, to bound the cost of an edit.
        let mut previous = std::mem::take(&mut self.blocks);
        let mut scratch = Vec::new();
        let mut blocks = Vec::new();
        let mut start = 0;
        let cuts = keys.split_inclusive(|key| key % BLOCK == 0);
        for block in cuts.flat_map(|run| run.chunks(2 * BLOCK as usize)) {
            let key = fingerprint::of(block);
            let docs = &docs[start..start + block.len()];
            self.blocks.entry(key).or_insert_with(|| {
                previous
                    .remove(&key)
                    .unwrap_or_else(|| Block::new(docs, &mut self.words, &mut scratch))
            });
            blocks.push((start, key));
            start += block.len();
        }

        let blocks: Vec<(usize, &Block)> = blocks
            .into_iter()
            .map(|(start, key)| (start, &self.blocks[&key]))
            .collect();
        Indexed {
            records: blocks.iter().flat_map(|(_, b)| &b.records).collect(),
            blocks,
            words: &self.words,
        }
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
        let mut bytes = to_json(&DocRecord {
            title,
            href: &doc.href,
            date: &doc.date_display,
            text: body,
        });
        // Kept for as long as the article is unchanged: not the room it grew.
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
#[derive(Default)]
struct Block {
    records: Vec<Record>,
    /// By spelling number.
    spellings: Vec<BlockSpelling>,
    /// The postings of all `spellings`, one after the other.
    postings: String,
}

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
    /// `scratch` holds each spelling's postings while the block is indexed,
    /// by spelling number: it is left empty for the next block, and keeps
    /// its room, which spares allocating it for every block of a build.
    fn new(docs: &[&SearchDoc<'_>], words: &mut Words, scratch: &mut Vec<Postings>) -> Block {
        let mut block = Block::default();
        let mut used = Vec::new();
        for (article, doc) in (0..).zip(docs) {
            let (title, body) = normalized(doc);
            let title_numbers = words.numbers(&title);
            let body_numbers = words.numbers(&body);
            // One position left empty, so that no phrase spans title and body.
            let body_start = u32::try_from(title_numbers.len() + 1).expect("under 4G syllables");
            let numbered = (0..)
                .zip(&title_numbers)
                .chain((body_start..).zip(&body_numbers));
            for (position, &n) in numbered {
                let n = n as usize;
                if n >= scratch.len() {
                    scratch.resize_with(n + 1, Postings::default);
                }
                if scratch[n].is_empty() {
                    used.push(n);
                }
                scratch[n].add(article, position);
            }

            let record = Record::new(doc, &title, &body, title_numbers.len());
            block.records.push(record);
        }
        used.sort_unstable();
        for n in used {
            scratch[n].finish(n, &mut block);
        }
        block.spellings.shrink_to_fit();
        block.postings.shrink_to_fit();
        block
    }
}

/// One spelling's postings in a block, encoded as articles arrive (in
/// number order).
#[derive(Default)]
struct Postings {
    encoded: String,
    /// The first article that has it, and whether more than once: its
    /// head is left to [`join`].
    first: Option<(u32, bool)>,
    /// The last article already encoded.
    previous: u32,
    article: u32,
    positions: Vec<u32>,
}

impl Postings {
    fn is_empty(&self) -> bool {
        self.first.is_none() && self.positions.is_empty()
    }

    fn add(&mut self, article: u32, position: u32) {
        if article != self.article && !self.positions.is_empty() {
            self.flush();
        }
        self.article = article;
        self.positions.push(position);
    }

    fn flush(&mut self) {
        // Most syllables occur once in an article: that takes no count.
        let count = self.positions.len();
        let several = count > 1;
        if self.first.is_some() {
            let gap = (self.article - self.previous - 1) as usize;
            varint(gap * 2 + usize::from(several), &mut self.encoded);
        } else {
            self.first = Some((self.article, several));
        }
        if several {
            varint(count - 2, &mut self.encoded);
        }
        let mut next = 0;
        for &position in &self.positions {
            varint((position - next) as usize, &mut self.encoded);
            next = position + 1;
        }
        self.previous = self.article;
        self.positions.clear();
    }

    /// Moves the postings into `block`, as spelling `number`'s, and leaves
    /// these empty.
    fn finish(&mut self, number: usize, block: &mut Block) {
        self.flush();
        let (first, several) = self
            .first
            .take()
            .expect("a spelling in a block has postings");
        block.postings.push_str(&self.encoded);
        self.encoded.clear();
        block.spellings.push(BlockSpelling {
            number: u32::try_from(number).expect("under 4G spellings"),
            first,
            several,
            last: self.previous,
            end: u32::try_from(block.postings.len()).expect("a block's postings fit in 4 GB"),
        });
    }
}

/// Title and body text as indexed and shown: NFC, so that a syllable is one
/// whichever way the editor typed it.
fn normalized<'d>(doc: &'d SearchDoc<'_>) -> (Cow<'d, str>, String) {
    (nfc(&doc.title), nfc(&body_text(doc)).into_owned())
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
    /// The spelling numbers of the syllables of `text`, in order.
    fn numbers(&mut self, text: &str) -> Vec<u32> {
        words(text).filter_map(|word| self.word(word)).collect()
    }

    fn word(&mut self, word: &str) -> Option<u32> {
        if let Some(&n) = self.written.get(word) {
            return n;
        }
        let n = syllable(word).map(|syllable| {
            let next = u32::try_from(self.syllables.len()).expect("fewer than 4G spellings");
            *self.numbers.entry(syllable).or_insert_with_key(|s| {
                self.syllables.push(s.clone());
                next
            })
        });
        self.written.insert(word.to_string(), n);
        n
    }

    /// The key a spelling is written under in its fold's entry: the
    /// spelling that is the fold itself (no marks) is written "".
    fn key(&self, n: usize) -> (&str, &str) {
        let syllable = &self.syllables[n];
        if syllable.spelling == syllable.fold {
            (&syllable.fold, "")
        } else {
            (&syllable.fold, &syllable.spelling)
        }
    }
}

/// The numbers of the spellings some article has, in the order of their
/// keys: by fold, then as written in the fold's entry.
fn spellings_in_use(blocks: &[(usize, &Block)], words: &Words) -> Vec<usize> {
    let mut in_use = vec![false; words.syllables.len()];
    for (_, block) in blocks {
        for spelling in &block.spellings {
            in_use[spelling.number as usize] = true;
        }
    }
    let mut used: Vec<usize> = (0..in_use.len()).filter(|&n| in_use[n]).collect();
    used.sort_unstable_by_key(|&n| words.key(n));
    used
}

/// Each fold with its `"fold":…` JSON entry, in fold order, from the
/// spellings in use in key order. An entry is kept in pieces, one per
/// spelling with the JSON around its postings, so that the postings are
/// joined in place and copied once more only, into the files.
fn terms(spellings: &[usize], blocks: &[(usize, &Block)], words: &Words) -> Vec<Term> {
    let folds = || spellings.chunk_by(|&a, &b| words.key(a).0 == words.key(b).0);
    // Unmarked words (most English ones) have only that spelling, which
    // maps straight to its postings.
    let bare = |run: &[usize]| run.len() == 1 && words.key(run[0]).1.is_empty();
    let mut pieces = vec![String::new(); words.syllables.len()];
    for run in folds() {
        for (i, &n) in run.iter().enumerate() {
            let (fold, key) = words.key(n);
            let piece = &mut pieces[n];
            if i == 0 {
                piece.push_str(&json_string(fold));
                piece.push(':');
            }
            if !bare(run) {
                piece.push(if i == 0 { '{' } else { ',' });
                piece.push_str(&json_string(key));
                piece.push(':');
            }
            piece.push('"');
        }
    }
    join(blocks, &mut pieces);
    folds()
        .map(|run| {
            for &n in run {
                pieces[n].push('"');
            }
            if !bare(run) {
                pieces[run[run.len() - 1]].push('}');
            }
            let entry = run.iter().map(|&n| std::mem::take(&mut pieces[n]));
            (words.key(run[0]).0.to_string(), entry.collect())
        })
        .collect()
}

/// Appends each spelling's postings to its piece, by spelling number: each
/// block's in turn, after the head it left out. [`varint`] uses no
/// character that needs an escape in a JSON string.
fn join(blocks: &[(usize, &Block)], pieces: &mut [String]) {
    // Room for each block's share, its head, and the piece's end: growing
    // megabytes by doubling copies them again.
    let mut sizes = vec![2; pieces.len()];
    for (_, block) in blocks {
        let mut from = 0;
        for spelling in &block.spellings {
            sizes[spelling.number as usize] += spelling.end as usize - from + 3;
            from = spelling.end as usize;
        }
    }
    for (piece, size) in pieces.iter_mut().zip(sizes) {
        piece.reserve_exact(size);
    }
    let mut next_article = vec![0; pieces.len()];
    for &(start, block) in blocks {
        let mut from = 0;
        for spelling in &block.spellings {
            let n = spelling.number as usize;
            let first = start + spelling.first as usize;
            let gap = first - next_article[n];
            varint(gap * 2 + usize::from(spelling.several), &mut pieces[n]);
            let end = spelling.end as usize;
            pieces[n].push_str(&block.postings[from..end]);
            next_article[n] = start + spelling.last as usize + 1;
            from = end;
        }
    }
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

fn syllable(word: &str) -> Option<Syllable> {
    let fold = fold_marks(word);
    (!fold.is_empty()).then(|| Syllable {
        fold,
        spelling: spelling(word),
    })
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
    let summary = doc.summary.trim();
    if summary.is_empty()
        || doc.text.contains(summary)
        || collapse_spaces(&doc.text).contains(&collapse_spaces(summary))
    {
        Cow::Borrowed(&doc.text)
    } else {
        Cow::Owned(format!("{summary}\n\n{}", doc.text))
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
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

/// A file to write: its path and bytes.
type File = (String, Vec<u8>);

/// A fold and its `"fold":…` JSON entry, in pieces.
type Term = (String, Vec<String>);

/// A term's bytes in a JSON object, with the comma after it.
fn weight((_, entry): &Term) -> usize {
    entry.iter().map(String::len).sum::<usize>() + 1
}

/// The shard files and the map from fold prefix to shard number.
fn shard_files(terms: &[Term], target: usize) -> (BTreeMap<String, usize>, Vec<File>) {
    let mut map = BTreeMap::new();
    let mut files = Vec::new();
    for (n, shard) in plan_shards(terms, target).into_iter().enumerate() {
        for prefix in shard.prefixes {
            map.insert(prefix, n);
        }
        let shard = json_object(&terms[shard.range]);
        files.push((format!("search/terms/{n}.json"), shard));
    }
    (map, files)
}

/// One shard: a run of terms (in fold order) and the prefixes that lead to it.
struct Shard {
    range: std::ops::Range<usize>,
    prefixes: Vec<String>,
}

/// Groups the sorted terms by fold prefix: a prefix whose terms weigh more
/// than `target` is split by its next character (the term equal to the
/// prefix itself keeps it), then neighbouring groups are packed into shards
/// up to `target`. A syllable's shard is the one of its longest prefix in the
/// map, so a query needs no list of terms to find it.
fn plan_shards(terms: &[Term], target: usize) -> Vec<Shard> {
    let mut groups = Vec::new();
    split_group(terms, 0, 0, target, &mut groups);
    let mut shards: Vec<Shard> = Vec::new();
    let mut size = 0;
    for (prefix, range, weight) in groups {
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

/// Splits `terms` (starting at index `start` of the full list, all sharing
/// their first `depth` characters) into groups of
/// `(prefix, index range, bytes)`.
fn split_group(
    terms: &[Term],
    start: usize,
    depth: usize,
    target: usize,
    groups: &mut Vec<(String, std::ops::Range<usize>, usize)>,
) {
    let weight = |terms: &[Term]| terms.iter().map(weight).sum();
    let mut i = 0;
    if depth > 0 {
        let total: usize = weight(terms);
        let prefix: String = terms[0].0.chars().take(depth).collect();
        if total <= target || terms.iter().all(|(f, _)| f.chars().nth(depth).is_none()) {
            groups.push((prefix, start..start + terms.len(), total));
            return;
        }
        // Sorted order puts the term equal to the prefix first.
        if terms[0].0.chars().nth(depth).is_none() {
            groups.push((prefix, start..start + 1, weight(&terms[..1])));
            i = 1;
        }
    }
    while i < terms.len() {
        let key = terms[i].0.chars().nth(depth);
        let run = terms[i..]
            .iter()
            .take_while(|(f, _)| f.chars().nth(depth) == key)
            .count();
        split_group(&terms[i..i + run], start + i, depth + 1, target, groups);
        i += run;
    }
}

#[derive(Serialize)]
struct DocRecord<'a> {
    title: &'a str,
    href: &'a str,
    date: &'a str,
    text: &'a str,
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

fn json_object(terms: &[Term]) -> Vec<u8> {
    // Sized up front: growing megabytes by doubling copies them again.
    let mut out = Vec::with_capacity(1 + terms.iter().map(weight).sum::<usize>());
    out.push(b'{');
    for (i, (_, entry)) in terms.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        for piece in entry {
            out.extend_from_slice(piece.as_bytes());
        }
    }
    out.push(b'}');
    out
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialize")
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Strings, maps with string keys and plain structs always serialize.
    serde_json::to_vec(value).expect("search index values serialize")
}

/// FxHash, as in rustc: for short words, SipHash's setup costs more than
/// the lookup it serves. Never for output order; written here, so stable
/// across releases, and eight bytes a step, it also makes the build stamp.
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

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

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

    #[test]
    fn varint_round_trip() {
        for n in [0, 1, 63, 64, 1791, 1792, 50_175, 50_176, 1 << 31] {
            // Article n, once, at position n + 3; then article n + 1 at 0
            // and 2; then article n + 3 at 1.
            let mut encoded = String::new();
            for number in [n * 2, n + 3, 1, 0, 0, 1, 2, 1] {
                varint(number, &mut encoded);
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
        #![proptest_config(Config {
            cases: 24,
            failure_persistence: None,
            ..Config::default()
        })]

        /// Any run of changes, with one cache throughout.
        #[test]
        fn cached_build_follows_any_changes(
            changes in prop::collection::vec((0..5u8, any::<Index>(), "[a-zđơờ ]{0,12}"), 1..8),
        ) {
            let options = IndexOptions {
                inline_terms: 0,
                shard_target: 1_000,
            };
            let mut docs = articles(150, 2);
            let mut cache = IndexCache::default();
            build_index_cached_with(&docs, &options, &mut cache);
            for (change, at, words) in changes {
                let i = at.index(docs.len() + 1);
                match change {
                    0 if i < docs.len() => docs[i].text.to_mut().push_str(&words),
                    1 if i < docs.len() => docs[i].title = words.into(),
                    2 if i < docs.len() => drop(docs.remove(i)),
                    3 if i < docs.len() => docs.swap(i, i / 2),
                    _ => docs.insert(i, article(&format!("{i} {words}"), &words)),
                }
                let cached = build_index_cached_with(&docs, &options, &mut cache);
                prop_assert!(cached == build_index_with(&docs, &options));
            }
        }
    }

    /// About 10,000 Vietnamese articles from `/tmp/corpus10k` (the Markdown
    /// after the front matter as text): a full build, a first cached build,
    /// and cached builds after editing one article, each a different one.
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
        let time = |build: &mut dyn FnMut() -> Vec<File>| {
            let start = std::time::Instant::now();
            let files = build();
            let elapsed = start.elapsed();
            drop(files);
            elapsed
        };
        // The first build of a process also pays for its heap growing.
        let mut full: Vec<_> = (0..3).map(|_| time(&mut || build_index(&docs))).collect();
        full.sort();
        let mut cache = IndexCache::default();
        let first = time(&mut || build_index_cached(&docs, &mut cache));
        let mut edits: Vec<_> = (0..5)
            .map(|i| {
                let k = (i * 2_003 + 500) % docs.len();
                docs[k].text.to_mut().push_str(" Bài viết vừa được sửa.");
                time(&mut || build_index_cached(&docs, &mut cache))
            })
            .collect();
        edits.sort();
        eprintln!(
            "{} articles: full {:.2?} (median of 3), first cached {first:.2?}, after one edit {:.2?} \
             (median; {edits:.2?})",
            docs.len(),
            full[1],
            edits[edits.len() / 2]
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
        eprintln!(
            "cache: records {:.1} MB, postings {:.1} MB, words {:.1} MB; text {:.1} MB",
            mb(records),
            mb(postings),
            mb(words),
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
