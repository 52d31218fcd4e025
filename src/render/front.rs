//! The home page's front: the lead and featured stories, the configured
//! blocks, and for themes that compose their own front, the latest, the
//! most read and each category's newest. It is page 1 of the home listing
//! (the listing's builder adds it), so its key joins that page's key.

use serde::Serialize;

use super::Renderer;
use super::language::Lang;
use super::listing::Cards;
use crate::config::BlockStyle;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::site::front::{BlockContent, Front};
use crate::site::{ArticleId, ListingKind, Taxonomy};

/// Articles each list of the template data holds (`front.latest`,
/// `front.most_read`, and each of `front.categories`).
const TEMPLATE_LATEST: usize = 10;
const TEMPLATE_MOST_READ: usize = 10;
const TEMPLATE_CATEGORY: usize = 5;

/// What the home page's template gets as `front`. Every article is a card
/// value, as on listings (`item.html` is the theme's card).
#[derive(Serialize)]
pub(super) struct FrontView {
    pub lead: Option<tera::Value>,
    /// The lead is a featured story (not just the newest article).
    pub pinned: bool,
    pub featured: Vec<tera::Value>,
    /// The configured blocks, in order.
    pub blocks: Vec<BlockView>,
    pub latest: Vec<tera::Value>,
    pub most_read: Vec<tera::Value>,
    pub most_read_recent: Vec<tera::Value>,
    pub most_read_href: String,
    /// Every category of the language with its newest articles.
    pub categories: Vec<BlockView>,
}

#[derive(Serialize)]
pub(super) struct BlockView {
    /// "category", "latest" or "most_read".
    pub kind: &'static str,
    /// "compact" (titles and dates), "cards", or "lead" (a card, then
    /// compact): `home.blocks`' `style`.
    pub style: &'static str,
    pub heading: String,
    /// Where the block's "more" link goes, if anywhere.
    pub href: Option<String>,
    pub items: Vec<tera::Value>,
}

/// The articles a front shows, part by part: its key is made of them.
#[derive(Hash)]
struct Shown {
    lead: Option<ArticleId>,
    featured: Vec<ArticleId>,
    blocks: Vec<(usize, Vec<ArticleId>)>,
    latest: Vec<ArticleId>,
    most_read: Vec<ArticleId>,
    most_read_recent: Vec<ArticleId>,
    categories: Vec<(usize, Vec<ArticleId>)>,
}

impl Shown {
    fn all(&self) -> impl Iterator<Item = ArticleId> + '_ {
        (self.lead.iter().chain(&self.featured))
            .chain(self.blocks.iter().flat_map(|(_, ids)| ids))
            .chain(&self.latest)
            .chain(&self.most_read)
            .chain(&self.most_read_recent)
            .chain(self.categories.iter().flat_map(|(_, ids)| ids))
            .copied()
    }
}

impl Renderer<'_> {
    fn front(&self, code: &str) -> Option<&Front> {
        self.site.fronts.get(code)
    }

    /// The most read of a language as blocks show them: of the recent
    /// window when it has any, else of all time.
    pub(super) fn most_read_shown(&self, code: &str) -> &[ArticleId] {
        self.front(code).map_or(&[], |f| {
            if f.most_read_recent.is_empty() {
                f.most_read.as_slice()
            } else {
                f.most_read_recent.as_slice()
            }
        })
    }

    fn shown(&self, code: &str) -> Shown {
        let site = self.site;
        let home = site.articles_in(code);
        let Some(front) = self.front(code) else {
            return Shown {
                lead: None,
                featured: Vec::new(),
                blocks: Vec::new(),
                latest: Vec::new(),
                most_read: Vec::new(),
                most_read_recent: Vec::new(),
                categories: Vec::new(),
            };
        };
        let on_top: Vec<ArticleId> = front
            .lead
            .iter()
            .chain(front.featured.iter())
            .copied()
            .collect();
        let blocks = (front.blocks.iter())
            .map(|block| {
                let count = site.config.front.blocks[block.index].count;
                let ids: Vec<ArticleId> = match block.content {
                    BlockContent::Category(listing) => site.listings[listing]
                        .articles
                        .iter()
                        .take(count)
                        .copied()
                        .collect(),
                    // The latest block goes on from the stories above it.
                    BlockContent::Latest => (home.iter())
                        .filter(|id| !on_top.contains(id))
                        .take(count)
                        .copied()
                        .collect(),
                    BlockContent::MostRead => self
                        .most_read_shown(code)
                        .iter()
                        .take(count)
                        .copied()
                        .collect(),
                };
                (block.index, ids)
            })
            .collect();
        let categories = (site.listings.iter().enumerate())
            .filter(|(_, l)| {
                l.lang == code && matches!(l.kind, ListingKind::Term(Taxonomy::Category, _))
            })
            .map(|(i, l)| {
                (
                    i,
                    l.articles.iter().take(TEMPLATE_CATEGORY).copied().collect(),
                )
            })
            .collect();
        let first = |ids: &[ArticleId], n: usize| ids.iter().take(n).copied().collect();
        Shown {
            lead: front.lead,
            featured: front.featured.to_vec(),
            blocks,
            latest: first(home, TEMPLATE_LATEST),
            most_read: first(&front.most_read, TEMPLATE_MOST_READ),
            most_read_recent: first(&front.most_read_recent, TEMPLATE_MOST_READ),
            categories,
        }
    }

    /// The key of a language's front: which articles it shows where, and
    /// their keys (their cards).
    pub(super) fn front_key(&self, code: &str, keys: &[u64]) -> u64 {
        let shown = self.shown(code);
        let cards: Vec<u64> = shown.all().map(|id| keys[id]).collect();
        fingerprint::Builder::default()
            .with(&shown)
            .with(&cards)
            .finish()
    }

    /// The home page (listing index, page 1) if its front shows `id`'s
    /// card: an edit of `id`'s text changes that page too.
    pub(super) fn front_page_showing(&self, id: ArticleId) -> Option<(usize, usize)> {
        let code = self.site.articles[id].lang();
        if !self.shown(code).all().any(|shown| shown == id) {
            return None;
        }
        let home = self.site.listing(code, &ListingKind::Home)?;
        let index = self
            .site
            .listings
            .iter()
            .position(|l| std::ptr::eq(l, home))?;
        Some((index, 1))
    }

    pub(super) fn front_view(&self, lang: &Lang, cards: &Cards) -> Result<FrontView, Diagnostic> {
        let site = self.site;
        let urls = &site.urls;
        let code = lang.code();
        let shown = self.shown(code);
        let card_list = |ids: &[ArticleId]| -> Result<Vec<tera::Value>, Diagnostic> {
            ids.iter().map(|&id| self.card(id, cards)).collect()
        };
        let most_read_href = urls.href(&urls.most_read(lang.language));
        let home = site.listing(code, &ListingKind::Home);
        let second_page = home
            .filter(|h| h.articles.len() > site.config.paginate)
            .map(|h| urls.href(&urls.page(&h.path, 2)));
        let mut blocks = Vec::new();
        for (index, ids) in &shown.blocks {
            let block = &site.config.front.blocks[*index];
            let content = self.front(code).and_then(|f| {
                f.blocks
                    .iter()
                    .find(|b| b.index == *index)
                    .map(|b| &b.content)
            });
            let (kind, default_heading, href) = match content {
                Some(BlockContent::Category(listing)) => {
                    let listing = &site.listings[*listing];
                    (
                        "category",
                        listing.name.clone(),
                        Some(urls.href(&listing.path)),
                    )
                }
                Some(BlockContent::MostRead) => (
                    "most_read",
                    lang.string("most_read"),
                    Some(most_read_href.clone()),
                ),
                _ => ("latest", lang.string("latest"), second_page.clone()),
            };
            blocks.push(BlockView {
                kind,
                style: block.style.name(),
                heading: block.label.get(code).cloned().unwrap_or(default_heading),
                href,
                items: card_list(ids)?,
            });
        }
        let categories = (shown.categories.iter())
            .map(|(listing, ids)| {
                let listing = &site.listings[*listing];
                Ok(BlockView {
                    kind: "category",
                    style: BlockStyle::Lead.name(),
                    heading: listing.name.clone(),
                    href: Some(urls.href(&listing.path)),
                    items: card_list(ids)?,
                })
            })
            .collect::<Result<_, Diagnostic>>()?;
        Ok(FrontView {
            lead: shown.lead.map(|id| self.card(id, cards)).transpose()?,
            pinned: (self.front(code))
                .is_some_and(|f| f.lead.is_some_and(|id| f.lead_is_featured(id))),
            featured: card_list(&shown.featured)?,
            blocks,
            latest: card_list(&shown.latest)?,
            most_read: card_list(&shown.most_read)?,
            most_read_recent: card_list(&shown.most_read_recent)?,
            most_read_href,
            categories,
        })
    }
}
