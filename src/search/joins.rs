//! Joining the blocks' postings into each spelling's: all of them, block
//! after block, for a full build; or, after an edit, only the spellings
//! whose entries changed, as a [`Splice`] into what the latest build
//! wrote, found by comparing the blocks that differ.

use std::ops::Range;

use super::FastMap;
use super::blocks::Block;
use super::postings::{varint, varint_len};

/// Blocks past which finding out which spellings changed costs more than
/// joining all the postings again.
const FEW_BLOCKS: usize = 8;

/// How the blocks of a build differ from those of the latest: the same
/// ones at both ends, at the same articles, leave alone what is in them.
pub(super) struct Change<'b> {
    /// Blocks the same at the start.
    before: usize,
    /// The latest build's blocks in between, with their first articles.
    was: Vec<(usize, &'b Block)>,
    /// This build's blocks in between.
    now: usize,
    /// The spellings whose entries in those differ, in number order: the
    /// only ones whose postings can change.
    pub(super) spellings: Vec<u32>,
}

/// What changed from blocks `was` to blocks `now` (each with its first
/// article), or None if too many blocks differ to tell.
pub(super) fn changed_spellings<'b>(
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

/// Postings joined by one build: every spelling's, by number; or, for
/// the spellings that changed (in number order), what changed.
pub(super) enum Joined {
    All(Vec<String>),
    Changed(Vec<u32>, Vec<Splice>),
}

/// A spelling's postings as a change to what was written: bytes `cut`
/// replaced by `joined`. The articles before the change keep their
/// entries, and those after it all but the head of the first, so only the
/// change is joined, and the postings are copied once, into the shard.
pub(super) struct Splice {
    pub(super) cut: Range<usize>,
    pub(super) joined: String,
}

/// Every spelling's postings, by number: each block's in turn, after the
/// head it left out. [`varint`] uses no character that needs an escape in
/// a JSON string.
pub(super) fn join_all(blocks: &[(usize, &Block)], spellings: usize) -> Vec<String> {
    let mut joiner = Joiner::new(blocks.iter().map(|&(_, block)| block), spellings);
    for &(start, block) in blocks {
        joiner.add(start, block);
    }
    joiner.joined
}

/// [`join_all`] for a build that keeps nothing: a block lets go of its
/// postings once they are joined for the last time, so that the index is
/// not held twice over. `order` gives each block's key and first article.
pub(super) fn join_all_releasing(
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
pub(super) fn splice(change: &Change, blocks: &[(usize, &Block)]) -> Vec<Splice> {
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
