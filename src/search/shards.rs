//! Shards and the manifest: the terms in (in fold order, each with its
//! weight in bytes), the groups of terms by fold prefix that make each
//! `search/terms/<n>.json`, their bytes, and `search-index.json`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use super::VERSION;
use super::blocks::to_u32;
use super::json::{json_str, to_json};
use super::tokens::Words;

/// Where a spelling's postings are: a shard, and a range of its bytes.
#[derive(Clone, Copy)]
pub(super) struct Place {
    pub(super) shard: u32,
    pub(super) start: u32,
    pub(super) end: u32,
}

/// A spelling's postings, in three parts to write one after the other.
pub(super) type Parts<'p> = [&'p [u8]; 3];

/// A fold's entry in the terms: its spellings, a range of those in use,
/// and its bytes in a JSON object, with the comma after it.
pub(super) struct Term<'w> {
    pub(super) fold: &'w str,
    pub(super) spellings: Range<usize>,
    pub(super) weight: usize,
}

/// Whether a fold's spellings are only the fold itself, unmarked (most
/// English words): the fold then maps straight to its postings.
pub(super) fn is_bare(run: &[u32], words: &Words) -> bool {
    run.len() == 1 && words.key(run[0]).1.is_empty()
}

/// One shard: a run of terms (in fold order) and the prefixes that lead to it.
pub(super) struct Shard {
    pub(super) range: Range<usize>,
    pub(super) prefixes: Vec<String>,
}

/// Groups the sorted terms by fold prefix: a prefix whose terms weigh more
/// than `target` is split by its next character (the term equal to the
/// prefix itself keeps it), then neighbouring groups are packed into shards
/// up to `target`. A syllable's shard is the one of its longest prefix in the
/// map, so a query needs no list of terms to find it.
pub(super) fn plan_shards(terms: &[Term], target: usize) -> Vec<Shard> {
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

/// The manifest, `search-index.json`: the build's `stamp`, the syllables
/// in each article's `fields` but the body, the `stemmer` its words were
/// keyed by, and the map from fold prefix to shard, or else the `inline`
/// terms.
pub(super) fn manifest(
    stamp: u64,
    fields: String,
    stemmer: Option<&'static str>,
    shards: Option<BTreeMap<String, usize>>,
    inline: Option<Arc<Vec<u8>>>,
) -> Vec<u8> {
    let manifest = Manifest {
        version: VERSION,
        build: format!("{stamp:016x}"),
        fields,
        stemmer,
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
    manifest
}

/// The manifest, less the inline terms (appended as they are).
#[derive(Serialize)]
struct Manifest {
    version: u32,
    build: String,
    /// Per article, oldest first, as [`varint`](super::varint)s: the
    /// syllables in its title, labels, captions and code. Its body's
    /// positions follow, each field one position after the one before.
    fields: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    stemmer: Option<&'static str>,
    /// Fold prefix → shard number.
    #[serde(skip_serializing_if = "Option::is_none")]
    shards: Option<BTreeMap<String, usize>>,
}

/// The JSON object of `terms` (a shard, or the inline terms), and where
/// each spelling's postings are in it, as written in shard `shard`.
pub(super) fn json_object<'p>(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
