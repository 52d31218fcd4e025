//! What a language's front page is made of, decided once per build: the
//! featured stories still pinned at the build clock, the lead story, the
//! most read (all time and recently) and the configured blocks, each
//! category block resolved to that language's category listing.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Timestamp};

use super::{Article, ArticleId, Listing, ListingKind, MostRead, NewestFirst, Taxonomy};
use crate::config::{BlockKind, CategoryName, Config};
use crate::diag::Diagnostic;
use crate::text::slug::slugify;

#[derive(Debug, Default)]
pub struct Front {
    /// The lead story: the newest featured one still pinned, else the
    /// newest article.
    pub lead: Option<ArticleId>,
    /// Featured stories after the lead, at most `home.featured`.
    pub featured: NewestFirst,
    /// The lead is a featured story, not only the newest article.
    pub lead_featured: bool,
    pub most_read: MostRead,
    /// Among articles published in the last `most_read.days` days.
    pub most_read_recent: MostRead,
    /// The configured blocks this language shows, in order.
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its place in `config.front.blocks`.
    pub index: usize,
    pub content: BlockContent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockContent {
    /// The category listing, by its index in `Site::listings`.
    Category(usize),
    Latest,
    MostRead,
}

impl Front {
    /// Whether the lead story `id` is there as a featured one.
    pub fn lead_is_featured(&self, id: ArticleId) -> bool {
        self.lead == Some(id) && self.lead_featured
    }
}

/// Whether `article` is featured at `now`: marked `featured` (or given a
/// `pin_until`), and its pin, if any, not yet over.
fn is_featured(article: &Article, now: Timestamp) -> bool {
    let front = &article.source.front;
    (front.featured || front.pin_until.is_some()) && front.pin_until.is_none_or(|end| now < end)
}

pub(super) fn fronts(
    config: &Config,
    articles: &[Article],
    listings: &[Listing],
    index: &BTreeMap<(String, ListingKind), usize>,
    now: Timestamp,
) -> (BTreeMap<String, Front>, Vec<Diagnostic>) {
    let settings = &config.front;
    let home = |lang: &str| {
        index
            .get(&(lang.to_string(), ListingKind::Home))
            .map_or(&[][..], |&i| listings[i].articles.as_slice())
    };
    let mut warnings = Vec::new();
    let mut found_anywhere = vec![false; settings.blocks.len()];
    let mut fronts = BTreeMap::new();
    for language in &config.languages {
        let lang = language.code.as_str();
        let ids = home(lang);
        let mut pinned = ids
            .iter()
            .copied()
            .filter(|&id| is_featured(&articles[id], now));
        let first_pinned = pinned.next();
        let lead = first_pinned.or_else(|| ids.first().copied());
        let mut featured = NewestFirst::default();
        for id in pinned.take(settings.featured) {
            featured.push(id);
        }
        // A window reaching before the earliest time jiff holds is all time.
        let window = SignedDuration::from_hours(24 * i64::from(settings.most_read_days));
        let since = now.checked_sub(window).ok();
        let mut blocks = Vec::new();
        for (i, block) in settings.blocks.iter().enumerate() {
            let content = match &block.kind {
                BlockKind::Latest => BlockContent::Latest,
                BlockKind::MostRead => BlockContent::MostRead,
                BlockKind::Category(name) => {
                    match category_listing(name, lang, articles, listings, index) {
                        Some(listing) => {
                            found_anywhere[i] = true;
                            BlockContent::Category(listing)
                        }
                        None => continue,
                    }
                }
            };
            blocks.push(Block { index: i, content });
        }
        fronts.insert(
            lang.to_string(),
            Front {
                lead,
                lead_featured: first_pinned.is_some(),
                featured,
                most_read: MostRead::rank(articles, ids, None),
                most_read_recent: MostRead::rank(articles, ids, since),
                blocks,
            },
        );
    }
    for (block, found) in settings.blocks.iter().zip(found_anywhere) {
        if let (BlockKind::Category(name), false) = (&block.kind, found) {
            let shown = match name {
                CategoryName::Same(n) => n.clone(),
                CategoryName::PerLanguage(m) => m.values().cloned().collect::<Vec<_>>().join(", "),
            };
            warnings.push(block.at.warning(crate::msg!(
                "front-block-empty",
                category = crate::diag::shown(&shown)
            )));
        }
    }
    (fronts, warnings)
}

/// The category listing a block names in `lang`: by its name there, else
/// the category that the translations of the named category's articles
/// carry most often in `lang` (so `category: Chuyển đổi số` also finds
/// "Digital transformation" in English).
fn category_listing(
    name: &CategoryName,
    lang: &str,
    articles: &[Article],
    listings: &[Listing],
    index: &BTreeMap<(String, ListingKind), usize>,
) -> Option<usize> {
    let by_name = |lang: &str, name: &str| {
        let kind = ListingKind::Term(Taxonomy::Category, slugify(name));
        index.get(&(lang.to_string(), kind)).copied()
    };
    let named: Vec<(&str, &str)> = match name {
        CategoryName::Same(n) => vec![("", n.as_str())],
        CategoryName::PerLanguage(map) => {
            if let Some(n) = map.get(lang) {
                return by_name(lang, n);
            }
            map.iter().map(|(l, n)| (l.as_str(), n.as_str())).collect()
        }
    };
    if let [("", n)] = named[..] {
        if let Some(found) = by_name(lang, n) {
            return Some(found);
        }
    }
    // Count the categories the translations into `lang` carry.
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for listing in listings.iter().filter(|l| l.lang != lang) {
        let ListingKind::Term(Taxonomy::Category, slug) = &listing.kind else {
            continue;
        };
        let names_it = named
            .iter()
            .any(|(l, n)| (l.is_empty() || *l == listing.lang) && slugify(n) == *slug);
        if !names_it {
            continue;
        }
        for &id in listing.articles.iter() {
            for &t in &articles[id].translations {
                let translated = &articles[t];
                if translated.lang() != lang {
                    continue;
                }
                if let Some(category) = &translated.source.front.category {
                    if let Some(found) = by_name(lang, category) {
                        *counts.entry(found).or_default() += 1;
                    }
                }
            }
        }
    }
    // Most translations; equal counts, the first listing (by slug).
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(listing, _)| listing)
}
