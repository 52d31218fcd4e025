//! What follows what: for each fold, the folds found right after it in
//! the most articles, written beside each shard as `search/next/<n>.json`
//! (`{"chuyen":"doi giao bien …",…}` for the folds of shard `n`).
//!
//! They answer a syllable still being typed on a large site. There the
//! folds one or two letters begin ("chuyển đ": every fold in "d") fill
//! dozens of shards, too many to load as the reader types; but the folds
//! that follow "chuyen" and begin with "d" are a handful, and their
//! postings are in one or two shards. The script reads this list for the
//! syllable before the one typed, and loads the shards of the first of
//! them (see `Index.prototype.terms` in search.js).

use std::collections::BTreeMap;

use super::FastMap;
use super::blocks::Block;
use super::json::json_str;
use super::tokens::Words;

/// Followers listed per fold and first letter: enough for the reader's
/// next syllable to be among them as soon as its first letter is typed,
/// for all but the most used folds' rarest neighbours (found once the
/// prefix is long enough to fall in two shards on its own).
const PER_LETTER: usize = 8;

/// The pairs of folds of the latest build, counted, and the blocks they
/// were counted from, so that a build after an edit counts again only the
/// blocks that changed.
#[derive(Default)]
pub(super) struct Follows {
    counted: Vec<u64>,
    /// (fold, fold right after it) → articles that have them so.
    counts: FastMap<(u32, u32), u32>,
}

impl Follows {
    /// Counts the blocks of `order` (first article and key, as
    /// `write_index` has them): those not counted yet are added, those
    /// counted and gone taken away.
    pub(super) fn update<'b>(&mut self, order: &[(usize, u64)], block: impl Fn(u64) -> &'b Block) {
        if self.counted.is_empty() {
            self.counts.reserve(order.len() * 1024);
        }
        let mut times: FastMap<u64, i64> = FastMap::default();
        for &key in &self.counted {
            *times.entry(key).or_default() -= 1;
        }
        for &(_, key) in order {
            *times.entry(key).or_default() += 1;
        }
        // Sums do not depend on the order they are made in.
        for (key, times) in times {
            if times == 0 {
                continue;
            }
            let by = u32::try_from(times.unsigned_abs()).expect("a block counted under 4G times");
            for &(a, b, n) in &block(key).follows {
                let count = self.counts.entry((a, b)).or_insert(0);
                if times > 0 {
                    *count += n * by;
                } else {
                    *count -= n * by;
                }
                if *count == 0 {
                    self.counts.remove(&(a, b));
                }
            }
        }
        self.counted = order.iter().map(|&(_, key)| key).collect();
    }

    /// The files `search/next/<n>.json`, one per shard (`shards` of them,
    /// `map` from fold prefix to shard as in the manifest): each fold of
    /// the shard that something follows, with its followers, those found
    /// after it in the most articles first, at most [`PER_LETTER`] of each
    /// first letter. Folds in order, so the bytes are the same whatever
    /// order the pairs were counted in.
    pub(super) fn files(
        &self,
        words: &Words,
        map: &BTreeMap<String, usize>,
        shards: usize,
    ) -> Vec<Vec<u8>> {
        let fold = |n: u32| words.folds[n as usize].as_str();
        // By fold, then most articles first, then by the follower's fold
        // (numbers depend on the order words were met; their folds do not).
        let mut pairs: Vec<(u32, u32, u32)> =
            self.counts.iter().map(|(&(a, b), &n)| (a, n, b)).collect();
        pairs.sort_unstable_by_key(|&(a, n, _)| (a, std::cmp::Reverse(n)));
        for tie in pairs.chunk_by_mut(|x, y| x.0 == y.0 && x.1 == y.1) {
            tie.sort_unstable_by_key(|&(_, _, b)| fold(b));
        }
        let mut lists: Vec<(&str, String)> = Vec::new();
        for after in pairs.chunk_by(|x, y| x.0 == y.0) {
            let mut letters: Vec<(char, usize)> = Vec::new();
            let mut list = String::new();
            for &(_, _, b) in after {
                let b = fold(b);
                let letter = b.chars().next().expect("a fold is never empty");
                let listed = match letters.iter_mut().find(|(l, _)| *l == letter) {
                    Some((_, listed)) => listed,
                    None => {
                        letters.push((letter, 0));
                        &mut letters.last_mut().expect("just pushed").1
                    }
                };
                if *listed == PER_LETTER {
                    continue;
                }
                *listed += 1;
                if !list.is_empty() {
                    list.push(' ');
                }
                list.push_str(b);
            }
            lists.push((fold(after[0].0), list));
        }
        lists.sort_unstable_by(|x, y| x.0.cmp(y.0));
        let mut files: Vec<Vec<u8>> = vec![b"{".to_vec(); shards];
        for (a, list) in lists {
            let Some(shard) = shard_of(a, map) else {
                continue;
            };
            let out = &mut files[shard];
            if out.len() > 1 {
                out.push(b',');
            }
            json_str(a, out);
            out.push(b':');
            json_str(&list, out);
        }
        for file in &mut files {
            file.push(b'}');
        }
        files
    }
}

/// The shard of `fold`: that of its longest prefix in `map`, as the
/// script finds it.
fn shard_of(fold: &str, map: &BTreeMap<String, usize>) -> Option<usize> {
    let ends = fold.char_indices().map(|(i, c)| i + c.len_utf8());
    let ends: Vec<usize> = ends.collect();
    ends.into_iter()
        .rev()
        .find_map(|end| map.get(&fold[..end]).copied())
}
