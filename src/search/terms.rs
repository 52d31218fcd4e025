//! The terms as written: the blocks of a build in, each fold's entry
//! with its spellings' postings out, inline in the manifest or in shards.
//! [`TermFiles`] remembers where each spelling's postings were written, so
//! that a build after an edit writes again only the shards it changed and
//! keeps the others, bytes and digest.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::IndexOptions;
use super::blocks::{Block, to_u32};
use super::joins::{Change, Joined, Splice, join_all, splice};
use super::json::{digest, json_len};
use super::shards::{Parts, Place, Term, is_bare, json_object, plan_shards};
use super::tokens::Words;

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

/// The terms of the latest build as written: their shards, or the inline
/// terms as the only one, and where each spelling's postings are in them.
/// A build after an edit joins again the postings of the spellings whose
/// articles changed only, and writes again only the shards that hold
/// them; the others are as they were, bytes and digest.
#[derive(Default)]
pub(super) struct TermFiles {
    /// The blocks joined: each one's first article and key, oldest first.
    pub(super) blocks: Vec<(usize, u64)>,
    /// The spellings in use, in the order of their keys.
    pub(super) spellings: Vec<u32>,
    /// By spelling number: where its postings are, if in use.
    pub(super) places: Vec<Option<Place>>,
    pub(super) shards: Vec<ShardFile>,
}

pub(super) struct ShardFile {
    /// Its first and last folds; None when there are no terms.
    folds: Option<(String, String)>,
    pub(super) bytes: Arc<Vec<u8>>,
    pub(super) digest: u64,
}

/// A shard of a build, and where its spellings' postings are, unless it
/// was kept from the latest build as it was.
type Shaped = (ShardFile, Option<Vec<(u32, Place)>>);

impl TermFiles {
    /// Writes the terms of `blocks`, in shards or inline as `options` say,
    /// keeping the shards none of whose spellings `changed` (None: any may
    /// have). `all_joined`, when `changed` is None, are the blocks'
    /// postings joined already. Returns the map from fold prefix to shard,
    /// or None if inline.
    pub(super) fn write(
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
