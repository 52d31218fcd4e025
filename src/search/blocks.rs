//! Reading articles into blocks: articles in (with a key each), blocks
//! of about 64 consecutive articles out, each holding its articles'
//! records (`search/doc/<k>.json`) and their postings, less the head of
//! each spelling's first entry (its gap depends on the articles before).
//! [`IndexCache`](super::IndexCache) keeps them by content between `serve`'s builds, so an
//! edit indexes again only the block it falls in.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::json::{digest, json_str};
use super::postings::{encode, varint, varint_len};
use super::tokens::{FIELDS, NEW, Words, normalized, words};
use super::{FastMap, IndexFile, SearchDoc};

/// The lengths of the blocks `keys` (oldest first) are cut into. A block
/// ends at an article whose key is a multiple of BLOCK: where blocks end
/// then depends on their own articles only, so publishing or deleting an
/// article, which renumbers the newer ones, changes one block. Long ones
/// are cut, to bound the cost of an edit. With `only_complete`, blocks
/// that later articles could still lengthen are left out.
pub(super) fn block_lengths(keys: &[u64], only_complete: bool) -> Vec<usize> {
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
pub(super) enum Docs<'d, 'a> {
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

/// Articles per block, on average. An edit indexes its block again, and a
/// spelling's postings are joined from every block that has it: at 10,000
/// articles, 64 keeps both to a few milliseconds.
const BLOCK: u64 = 64;

/// Indexes the `runs` of `docs` (oldest first), a block each. Articles are
/// read on all threads, a few blocks at a time, so that what reading them
/// gives, held until their blocks are made, stays small. With `stream`,
/// each record is handed to it when made and only its digest is kept.
pub(super) fn index_blocks(
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
        let fold_of = &words.fold_of;
        blocks.par_extend(
            read.into_par_iter()
                .map(|articles| Block::new(articles, spellings, fold_of)),
        );
    }
    blocks
}

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
        let texts = normalized(doc);
        // About one syllable in five bytes of text: room for all at once
        // rather than grown by copies.
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let mut numbers = Vec::with_capacity(bytes / 5);
        let mut new_words = Vec::new();
        let mut new = FastMap::default();
        let mut fields = [0; FIELDS - 1];
        for (f, text) in texts.iter().enumerate() {
            let before = numbers.len();
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
            if let Some(length) = fields.get_mut(f) {
                *length = numbers.len() - before;
            }
        }
        let [title, .., body] = &texts;
        ReadArticle {
            record: Record::new(doc, title, body, fields),
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
        let ends = self.record.field_ends();
        let mut dropped = [0; FIELDS - 1];
        let mut i = 0;
        self.numbers.retain_mut(|n| {
            let number = if *n & NEW == 0 {
                Some(*n)
            } else {
                new[(*n & !NEW) as usize]
            };
            if number.is_none()
                && let Some(f) = ends.iter().position(|&end| i < end)
            {
                dropped[f] += 1;
            }
            i += 1;
            number.map(|number| *n = number).is_some()
        });
        for (length, dropped) in self.record.fields.iter_mut().zip(dropped) {
            *length -= dropped;
        }
    }
}

/// An article's `search/doc/<k>.json` and what the manifest needs of it.
pub(super) struct Record {
    /// Syllables in each field but the body (which comes after them all):
    /// title, labels, captions, code.
    pub(super) fields: [usize; FIELDS - 1],
    pub(super) bytes: Arc<Vec<u8>>,
    /// The file's share of the build stamp.
    pub(super) digest: u64,
}

impl Record {
    /// Where each field but the body ends, counting syllables.
    fn field_ends(&self) -> [usize; FIELDS - 1] {
        let mut end = 0;
        self.fields.map(|length| {
            end += length;
            end
        })
    }

    fn new(doc: &SearchDoc<'_>, title: &str, body: &str, fields: [usize; FIELDS - 1]) -> Record {
        // `{"title":…,"href":…,"date":…,"text":…}`, sized for the text
        // with a few escapes: kept for as long as the article is unchanged.
        let parts = [
            ("{\"title\":", title),
            (",\"href\":", &*doc.href),
            (",\"date\":", &*doc.date_display),
            (",\"text\":", body),
        ];
        let size: usize = parts
            .iter()
            .map(|(name, value)| name.len() + value.len())
            .sum();
        let mut bytes = Vec::with_capacity(size + size / 64 + 16);
        for (name, value) in parts {
            bytes.extend_from_slice(name.as_bytes());
            json_str(value, &mut bytes);
        }
        bytes.push(b'}');
        bytes.shrink_to_fit();
        Record {
            fields,
            digest: digest(&bytes),
            bytes: Arc::new(bytes),
        }
    }
}

/// A run of articles: their records, and their postings numbered from the
/// block's first article. Each spelling's leave out the head of their
/// first entry: the gap from the previous article that has the spelling
/// is known only when blocks are joined.
pub(super) struct Block {
    pub(super) records: Vec<Record>,
    /// By spelling number.
    pub(super) spellings: Vec<BlockSpelling>,
    /// The postings of all `spellings`, one after the other.
    pub(super) postings: String,
    /// Which folds follow which in its articles: (fold, the fold right
    /// after it in the same field, in how many of the block's articles),
    /// by fold number (see `follows.rs`).
    pub(super) follows: Vec<(u32, u32, u32)>,
}

#[derive(Clone, Copy)]
pub(super) struct BlockSpelling {
    pub(super) number: u32,
    /// The first article that has it, and whether more than once (the
    /// head says so, and a count follows).
    pub(super) first: u32,
    pub(super) several: bool,
    /// The last article that has it.
    pub(super) last: u32,
    /// Where its postings end in `postings`.
    pub(super) end: u32,
}

impl Block {
    /// The block of `articles`, given how many `spellings` there are and
    /// the fold of each.
    fn new(articles: Vec<ReadArticle>, spellings: usize, fold_of: &[u32]) -> Block {
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
            let ends = read.record.field_ends();
            let mut field = 0;
            for (i, &n) in read.numbers.iter().enumerate() {
                // One position left empty after each field, so that no
                // phrase spans two.
                while field < ends.len() && i >= ends[field] {
                    field += 1;
                }
                let position = i + field;
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
            follows: follows(&articles, fold_of),
            records: articles.into_iter().map(|a| a.record).collect(),
            spellings: block_spellings,
            postings,
        }
    }

    /// Frees the postings once they are joined for the last time: the
    /// block then tells only which spellings it has, and its records.
    pub(super) fn let_go_of_postings(&mut self) {
        self.postings = String::new();
    }

    /// The block's `i`th spelling's entries, the block starting at article
    /// `start`: the head it left out, given `next`, the article after the
    /// previous one that has the spelling; its postings but that; and the
    /// article after its last one.
    pub(super) fn entries(&self, start: usize, i: usize, next: usize) -> (usize, &str, usize) {
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
    pub(super) fn append(&self, start: usize, i: usize, next: usize, out: &mut String) -> usize {
        let (head, rest, next) = self.entries(start, i, next);
        varint(head, out);
        out.push_str(rest);
        next
    }

    /// The bytes of the `i`th spelling's entries, as [`Block::entries`];
    /// and the article after its last one.
    pub(super) fn measure(&self, start: usize, i: usize, next: usize) -> (usize, usize) {
        let (head, rest, next) = self.entries(start, i, next);
        (varint_len(head) + rest.len(), next)
    }

    /// Calls `found(k, i)` for each spelling `sought[k]` (in number order)
    /// that the block has, as its `i`th.
    pub(super) fn find(&self, sought: &[u32], mut found: impl FnMut(usize, usize)) {
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

/// The pairs of folds one right after the other in the same field of
/// `articles`, each with how many of the articles have it, in no order.
fn follows(articles: &[ReadArticle], fold_of: &[u32]) -> Vec<(u32, u32, u32)> {
    // Per pair: the last article counted (a pair an article repeats says
    // no more), and the count.
    let mut counts: FastMap<(u32, u32), (usize, u32)> = FastMap::default();
    for (article, read) in articles.iter().enumerate() {
        let mut start = 0;
        let ends = read.record.field_ends();
        for end in ends.iter().copied().chain([read.numbers.len()]) {
            for pair in read.numbers[start..end].windows(2) {
                let pair = (fold_of[pair[0] as usize], fold_of[pair[1] as usize]);
                let (last, count) = counts.entry(pair).or_insert((usize::MAX, 0));
                if *last != article {
                    *last = article;
                    *count += 1;
                }
            }
            start = end;
        }
    }
    counts
        .into_iter()
        .map(|((a, b), (_, n))| (a, b, n))
        .collect()
}

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a block's positions and postings fit in 4G")
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
