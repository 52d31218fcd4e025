//! What indexing gave, kept between builds by `serve`: the spellings
//! numbered so far, the blocks of the latest build, and the terms as
//! written.

use std::ops::Range;

use super::blocks::{Block, Docs, block_lengths, index_blocks};
use super::follows::Follows;
use super::terms::TermFiles;
use super::tokens::Words;
use super::{FastMap, IndexOptions};
use crate::fingerprint;

/// What indexing gave, kept between builds by `serve`, so that an edit
/// costs indexing the block of articles it falls in, and writing the
/// shards of the words it changed, not all of them. At 10,000 articles it
/// holds about twice the size of their text: their records, the blocks'
/// postings, and the terms as written (a fifth of it). A new one makes
/// a full build.
#[derive(Default)]
pub struct IndexCache {
    pub(super) options: IndexOptions,
    pub(super) words: Words,
    /// By fingerprint of the block's articles' keys, so an edited article
    /// is simply in a new block. Only the blocks of the latest build are
    /// kept.
    pub(super) blocks: FastMap<u64, Block>,
    pub(super) terms: TermFiles,
    pub(super) follows: Follows,
}

impl IndexCache {
    /// An empty cache for indexes laid out as `options` say, rather than
    /// as the defaults a build uses.
    pub fn new(options: IndexOptions) -> IndexCache {
        let mut cache = IndexCache {
            options,
            ..IndexCache::default()
        };
        cache.words.stemmer = options.stemmer;
        cache
    }

    /// Forgets what indexing gave, but not the layout.
    pub(super) fn clear(&mut self) {
        *self = IndexCache::new(self.options);
    }

    /// Cuts the articles (oldest first, with a key each) into blocks, and
    /// indexes the blocks it does not have. Returns the blocks of this
    /// build, each with the number of its first article, oldest first; and
    /// the blocks of the latest build that this one does not use.
    pub(super) fn index(
        &mut self,
        docs: &Docs,
        keys: &[u64],
    ) -> (Vec<(usize, u64)>, FastMap<u64, Block>) {
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
