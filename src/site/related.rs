//! Related articles: for each article, the others of its language that
//! share the most with it — tags, category, and the syllables of title and
//! written summary, compared as search folds them (without marks, so tone
//! placement and missing marks do not matter).
//!
//! Near-linear: an inverted index from each feature to the articles that
//! have it, newest first, and for each article only the `WINDOW` articles
//! nearest in time on each side of every feature's list, so a feature that
//! half the site shares costs no more than a rare one. Scores are whole
//! numbers, summed in a fixed order: the same input, the same lists.

use std::ops::Deref;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use unicode_normalization::char::is_combining_mark;

use super::{Article, ArticleId, Listing, ListingKind, Taxonomy};
use crate::search::syllables;

/// Best match first; equal scores newest first.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Related(Vec<ArticleId>);

impl Related {
    pub fn as_slice(&self) -> &[ArticleId] {
        &self.0
    }
}

impl Deref for Related {
    type Target = [ArticleId];

    fn deref(&self) -> &[ArticleId] {
        &self.0
    }
}

/// Points for each shared tag, and for the same category.
pub const TAG_POINTS: u32 = 40;
pub const CATEGORY_POINTS: u32 = 20;
/// A shared syllable is worth five times the log of how rare it is; one in
/// more than a third of the articles tells nothing and is left out.
const SYLLABLE_SCALE: f64 = 5.0;
/// Articles looked at on each side, in time, in each feature's list.
const WINDOW: usize = 64;

/// What one article is compared by: its features' numbers, each once.
struct Features {
    tags: Vec<u32>,
    syllables: Vec<u32>,
    category: Option<usize>,
}

/// The related articles of every article, by id; `count` at most each.
pub(super) fn related(
    articles: &[Article],
    listings: &[Listing],
    by_lang: &[&[ArticleId]],
    term_slugs: &FxHashMap<String, String>,
    category_listing: &(dyn Fn(&str, &str) -> Option<usize> + Sync),
    count: usize,
) -> Vec<Related> {
    let mut related = vec![Related::default(); articles.len()];
    if count == 0 {
        return related;
    }
    for ids in by_lang {
        for (local, list) in language(articles, listings, ids, term_slugs, category_listing, count)
            .into_iter()
            .enumerate()
        {
            related[ids[local]] = list;
        }
    }
    related
}

/// One language's articles (`ids`, newest first), each compared with the
/// others; returned in the order of `ids`.
fn language(
    articles: &[Article],
    listings: &[Listing],
    ids: &[ArticleId],
    term_slugs: &FxHashMap<String, String>,
    category_listing: &(dyn Fn(&str, &str) -> Option<usize> + Sync),
    count: usize,
) -> Vec<Related> {
    // Each article's words, folded, on all cores; numbered in one pass.
    // A word is folded once per thread: titles repeat the same words, and
    // the tokenizer's work (marks, tone placement) was most of the cost.
    let words: Vec<(Vec<String>, Vec<String>, Option<usize>)> = ids
        .par_iter()
        .map_init(FxHashMap::<String, Vec<String>>::default, |known, &id| {
            let a = &articles[id];
            let front = &a.source.front;
            let tags = front
                .tags
                .iter()
                .filter_map(|t| term_slugs.get(t).cloned())
                .collect();
            let text = [front.title.as_str(), front.summary.as_deref().unwrap_or("")];
            let mut folds: Vec<String> = Vec::new();
            for word in text
                .iter()
                .flat_map(|t| t.split(|c: char| !is_word_char(c)))
            {
                if word.is_empty() {
                    continue;
                }
                if !known.contains_key(word) {
                    let folded = syllables(word).into_iter().map(|s| s.fold).collect();
                    known.insert(word.to_string(), folded);
                }
                folds.extend(known[word].iter().cloned());
            }
            folds.sort_unstable();
            folds.dedup();
            let category = (front.category.as_deref())
                .and_then(|c| term_slugs.get(c))
                .and_then(|slug| category_listing(a.lang(), slug));
            (tags, folds, category)
        })
        .collect();
    let mut numbers: FxHashMap<(bool, &str), u32> = FxHashMap::default();
    // Each feature's articles, by place in `ids` (so newest first).
    let mut postings: Vec<Vec<u32>> = Vec::new();
    let mut features = Vec::with_capacity(words.len());
    for (local, (tags, folds, category)) in words.iter().enumerate() {
        features.push(Features {
            tags: numbered(&mut numbers, &mut postings, true, tags, local),
            syllables: numbered(&mut numbers, &mut postings, false, folds, local),
            category: *category,
        });
    }
    let total = ids.len() as f64;
    let weight: Vec<u32> = postings
        .iter()
        .map(|list| {
            let idf = (total / list.len() as f64).ln();
            if idf < 1.0 {
                0
            } else {
                (idf * SYLLABLE_SCALE).round() as u32
            }
        })
        .collect();

    (0..ids.len())
        .into_par_iter()
        .map_init(
            || (vec![0u32; ids.len()], Vec::new()),
            |(scores, touched), local| {
                let mine = &features[local];
                let mut add = |feature: u32, points: u32| {
                    if points == 0 {
                        return;
                    }
                    let list = &postings[feature as usize];
                    let at = list.binary_search(&(local as u32)).unwrap_or(0);
                    let near = &list[at.saturating_sub(WINDOW)..(at + WINDOW + 1).min(list.len())];
                    for &other in near {
                        let other = other as usize;
                        if other == local {
                            continue;
                        }
                        if scores[other] == 0 {
                            touched.push(other);
                        }
                        scores[other] += points;
                    }
                };
                for &tag in &mine.tags {
                    add(tag, TAG_POINTS);
                }
                for &syllable in &mine.syllables {
                    add(syllable, weight[syllable as usize]);
                }
                // The others of its category that share nothing else score
                // the category's points alone: of those, only the newest
                // `count` can make the list.
                let mut alike_by_category = Vec::new();
                if let Some(category) = mine.category {
                    for &id in listings[category].articles.iter() {
                        if alike_by_category.len() == count {
                            break;
                        }
                        // Same language, so in `ids`, which ascend.
                        let Ok(other) = ids.binary_search(&id) else {
                            continue;
                        };
                        if other != local && scores[other] == 0 {
                            alike_by_category.push((CATEGORY_POINTS, id));
                        }
                    }
                }
                let mut ranked: Vec<(u32, ArticleId)> = touched
                    .drain(..)
                    .map(|other| {
                        let same =
                            mine.category.is_some() && features[other].category == mine.category;
                        let score = std::mem::take(&mut scores[other]);
                        (score + if same { CATEGORY_POINTS } else { 0 }, ids[other])
                    })
                    .collect();
                ranked.extend(alike_by_category);
                // Best first, equal scores newest first: only the first
                // `count` of thousands touched need sorting.
                let order =
                    |a: &(u32, ArticleId), b: &(u32, ArticleId)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
                if ranked.len() > count {
                    ranked.select_nth_unstable_by(count, order);
                    ranked.truncate(count);
                }
                ranked.sort_unstable_by(order);
                // A new, exact list: collecting from `ranked` itself would
                // keep its allocation, thousands of entries long, per article.
                let list = ranked.iter().map(|&(_, id)| id).collect();
                Related(list)
            },
        )
        .collect()
}

/// What the search tokenizer counts as part of a word (letters, digits,
/// marks): a word split here is one or more of its syllables.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The numbers of `words`, each noted in its list as `local`'s.
fn numbered<'w>(
    numbers: &mut FxHashMap<(bool, &'w str), u32>,
    postings: &mut Vec<Vec<u32>>,
    tag: bool,
    words: &'w [String],
    local: usize,
) -> Vec<u32> {
    (words.iter())
        .map(|word| {
            let next = postings.len() as u32;
            let n = *numbers.entry((tag, word.as_str())).or_insert(next);
            if n == next {
                postings.push(Vec::new());
            }
            let list = &mut postings[n as usize];
            if list.last() != Some(&(local as u32)) {
                list.push(local as u32);
            }
            n
        })
        .collect()
}

/// The category listing of `lang` with `slug`, if there is one.
pub(super) fn category_index(
    index: &std::collections::BTreeMap<(String, ListingKind), usize>,
    lang: &str,
    slug: &str,
) -> Option<usize> {
    index
        .get(&(
            lang.to_string(),
            ListingKind::Term(Taxonomy::Category, slug.to_string()),
        ))
        .copied()
}
