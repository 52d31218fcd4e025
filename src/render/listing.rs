//! Listing pages (home, dates, terms), paginated, with the cards they show
//! and the key that says when `serve` must make a listing page again.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;
use tera::Context;

use super::memo::ArticleText;
use super::page::{Page, template_error};
use super::run::Run;
use super::views::{Card, ListingView, PageLink, Pagination, Term, image_href};
use super::{Renderer, feed_formats};
use crate::SHARE;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::images::{self, Placement};
use crate::site::{ArticleId, ArticleList, Listing, ListingKind, SitePath, Taxonomy};
use crate::text::dates;
use crate::text::summary::shorten;

/// The theme's template for one article's card on listings, and room for
/// what it renders.
const CARD: &str = "card.html";
const CARD_CAPACITY: usize = 1024;

/// Listing cards, by article, each made on first use as the template
/// engine's value, with the theme's `card.html` rendered into its `html`:
/// an article shows on seven or eight listings, and its card is the same
/// on each, so each listing shares it rather than formatting, converting
/// and rendering it again.
pub(super) struct Cards<'t> {
    texts: &'t [Arc<ArticleText>],
    made: Vec<std::sync::OnceLock<tera::Value>>,
}

impl<'t> Cards<'t> {
    pub(super) fn new(texts: &'t [Arc<ArticleText>]) -> Cards<'t> {
        Cards {
            texts,
            made: texts.iter().map(|_| std::sync::OnceLock::new()).collect(),
        }
    }
}

impl<'a> Renderer<'a> {
    /// Every page of every listing (under `Scope::Texts`, those showing an
    /// edited article's card), in parallel, each kept when its key is the
    /// one it was last made from.
    pub(super) fn listings(&self, cards: &Cards, keys: &[u64], run: &Run) {
        let page = |(index, n): (usize, usize)| {
            let listing = &self.site.listings[index];
            let key = self.listing_key(listing, n, keys);
            let file = self.site.urls.page(&listing.path, n).output_file();
            if !run.kept(file, key) {
                run.emit(self.listing_page(listing, n, cards).map(|p| p.keyed(key)));
            }
        };
        match run.scope().texts() {
            Some(edited) => {
                // The home's first page also shows its front's stories.
                let showing: FxHashSet<(usize, usize)> = (edited.iter())
                    .flat_map(|&id| {
                        self.listing_pages_showing(id)
                            .chain(self.front_page_showing(id))
                    })
                    .collect();
                showing.into_par_iter().for_each(page);
            }
            None => (0..self.site.listings.len())
                .into_par_iter()
                .with_max_len(SHARE)
                .for_each(|index| {
                    let pages = self.page_count(&self.site.listings[index]);
                    (1..=pages).into_par_iter().for_each(|n| page((index, n)));
                }),
        }
    }

    fn page_count(&self, listing: &Listing) -> usize {
        listing
            .articles
            .len()
            .div_ceil(self.site.config.paginate)
            .max(1)
    }

    /// The key of a listing page: what its cards, pagination and language
    /// links are made from.
    pub(super) fn listing_key(&self, listing: &Listing, n: usize, keys: &[u64]) -> u64 {
        let per_page = self.site.config.paginate;
        let on_page = listing
            .articles
            .iter()
            .skip((n - 1) * per_page)
            .take(per_page);
        let translated: Vec<usize> = self
            .site
            .config
            .languages
            .iter()
            .map(|l| {
                self.site
                    .listing(&l.code, &listing.kind)
                    .map_or(0, |other| self.page_count(other))
            })
            .collect();
        fingerprint::Builder::default()
            .with(&self.lang(&listing.lang).globals)
            .with(&listing.kind)
            .with(&listing.name)
            .with(&listing.path)
            .with(&n)
            .with(&translated)
            .with(&on_page.map(|&id| keys[id]).collect::<Vec<_>>())
            .with(
                &(listing.kind == ListingKind::Home && n == 1)
                    .then(|| self.front_key(&listing.lang, keys)),
            )
            .finish()
    }

    /// The listing pages that show `id`'s card, as (listing index, page
    /// number): what an edit of its text changes beside its own page.
    pub(super) fn listing_pages_showing(
        &self,
        id: ArticleId,
    ) -> impl Iterator<Item = (usize, usize)> + '_ {
        let per_page = self.site.config.paginate;
        (self.site.listings.iter().enumerate()).filter_map(move |(index, listing)| {
            Some((index, page_showing(&listing.articles, id, per_page)?))
        })
    }

    /// An article's card, made once, in `cards`.
    pub(super) fn card(&self, id: ArticleId, cards: &Cards) -> Result<tera::Value, Diagnostic> {
        if let Some(card) = cards.made[id].get() {
            return Ok(card.clone());
        }
        let site = self.site;
        let a = &site.articles[id];
        let front = &a.source.front;
        let lang = self.lang(a.lang());
        let formats = &lang.formats;
        let href = site.urls.href(&a.path);
        let date_iso = dates::rfc3339(front.date, &site.config.timezone);
        let date_display = formats.date(a.local_date);
        let lead = self.images().lead(a);
        let image = match &lead {
            Some(lead) => Some(lead.href.clone()),
            None => front.image.as_ref().map(|i| image_href(site, i)),
        };
        let alt = front.image_caption.as_deref().unwrap_or(&front.title);
        let markup = |placement| {
            lead.as_ref()
                .map(|l| images::markup(l.image, alt, None, placement))
        };
        let category_href =
            (front.category.as_deref()).and_then(|n| self.term_href(lang, Taxonomy::Category, n));
        let views_display = a.views.map(|v| formats.number(v));
        let summary = &cards.texts[id].summary;
        let summary = shorten(summary, site.config.front.card_summary_chars);
        let card = Card {
            title: &front.title,
            href: &href,
            date_iso: &date_iso,
            date_display: &date_display,
            summary: summary.as_deref().unwrap_or(&cards.texts[id].summary),
            image: image.as_deref(),
            image_html: markup(Placement::Card),
            image_lead_html: markup(Placement::LeadCard),
            image_caption: front.image_caption.as_deref(),
            category: front.category.as_deref().map(|name| Term {
                name,
                href: category_href.as_deref().map(Cow::Borrowed),
            }),
            views_display: views_display.as_deref(),
        };
        let error = |e: tera::Error| template_error(self.theme, Some(CARD), &e);
        let item = tera::Value::try_from_serializable(&card).map_err(error)?;
        // The theme's card, rendered here once rather than on each listing.
        let mut context = Context::new();
        context.insert("item", &item);
        let html = self.render_context(lang, CARD, &context, CARD_CAPACITY)?;
        let mut item = item.into_map().expect("a card is a map");
        let html = tera::Value::safe_string(&String::from_utf8_lossy(&html));
        item.insert("html".into(), html);
        let value = tera::Value::from(item);
        Ok(cards.made[id].get_or_init(|| value).clone())
    }

    pub(super) fn listing_page(
        &self,
        listing: &Listing,
        n: usize,
        cards: &Cards,
    ) -> Result<Page, Diagnostic> {
        let site = self.site;
        let urls = &site.urls;
        let per_page = site.config.paginate;
        let pages = self.page_count(listing);
        let path = urls.page(&listing.path, n);
        let lang = self.lang(&listing.lang);
        let formats = &lang.formats;
        let (kind, heading) = match &listing.kind {
            ListingKind::Home => ("home", lang.language.title.clone()),
            ListingKind::Year(y) => (
                "year",
                formats.pattern("year_heading", jiff::civil::date(*y, 1, 1)),
            ),
            ListingKind::Month(y, m) => (
                "month",
                formats.pattern("month_heading", jiff::civil::date(*y, *m, 1)),
            ),
            ListingKind::Day(d) => ("day", formats.date(*d)),
            ListingKind::Term(Taxonomy::Category, _) => ("category", listing.name.clone()),
            ListingKind::Term(Taxonomy::Tag, _) => ("tag", listing.name.clone()),
            ListingKind::Term(Taxonomy::Author, _) => ("author", listing.name.clone()),
        };
        let translations: BTreeMap<&str, SitePath> = site
            .config
            .languages
            .iter()
            .filter(|l| l.code != lang.code())
            .filter_map(|l| {
                let other = site.listing(&l.code, &listing.kind)?;
                (n <= self.page_count(other)).then(|| (l.code.as_str(), urls.page(&other.path, n)))
            })
            .collect();
        let mut page = self.page_meta(kind, lang, &path, heading, &translations);
        if n > 1 {
            page.title = format!("{} – {} {n}", page.title, lang.string("page"));
        } else if kind == "home" {
            page.json_ld = Some(self.home_json_ld(lang));
        }
        if kind == "category" || kind == "author" {
            // The category's (or author's) own feeds first, then its language's.
            let (title, formats) = feed_formats::category_feeds(&listing.name, lang.language);
            let links =
                formats.map(|format| feed_formats::feed_link(urls, &listing.path, &title, format));
            page.feeds.splice(0..0, links);
        }
        let on_page = &listing.articles[((n - 1) * per_page).min(listing.articles.len())..];
        let on_page = &on_page[..per_page.min(on_page.len())];
        let items = on_page
            .iter()
            .map(|&id| self.card(id, cards))
            .collect::<Result<_, _>>()?;
        let page_href = |k: usize| urls.href(&urls.page(&listing.path, k));
        let pagination = Pagination {
            current: n,
            total: pages,
            newer: (n > 1).then(|| page_href(n - 1)),
            older: (n < pages).then(|| page_href(n + 1)),
            pages: page_window(n, pages)
                .into_iter()
                .map(|k| PageLink {
                    number: k,
                    href: page_href(k),
                    current: k == n,
                })
                .collect(),
        };
        let lastmod = on_page
            .iter()
            .map(|&id| site.articles[id].last_change())
            .max();
        let mut context = self.base_context(lang, page);
        context.listing = Some(ListingView { items, pagination });
        if listing.kind == ListingKind::Home && n == 1 {
            context.front = Some(self.front_view(lang, cards)?);
        }
        self.html_page("list.html", &context, path, lastmod)
    }
}

/// The page (from 1) of a list paginated `per_page` a page that shows `id`,
/// if it shows it, in whatever order the list's type holds.
pub(super) fn page_showing(
    list: &impl ArticleList,
    id: ArticleId,
    per_page: usize,
) -> Option<usize> {
    Some(list.position(id)? / per_page + 1)
}

/// The page numbers a listing page links to: the first and last, and two on
/// each side of the current one. Listing every page would make a listing of
/// N pages cost N² links (a home of 500 pages, 250,000).
fn page_window(current: usize, total: usize) -> Vec<usize> {
    let near = current.saturating_sub(2).max(1)..=(current + 2).min(total);
    let mut pages: Vec<usize> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(total))
        .collect();
    pages.dedup();
    pages.retain(|&k| k >= 1 && k <= total);
    pages.dedup();
    pages
}

#[cfg(test)]
mod tests {
    use super::{page_showing, page_window};
    use crate::site::{NewestFirst, Ranked};

    #[test]
    fn the_page_showing_an_article_follows_the_lists_own_order() {
        // Most read first: ids do not ascend, so halving would miss them.
        let by_views = Ranked::new([8, 3, 11, 0, 5]);
        let pages: Vec<_> = [8, 3, 11, 0, 5, 4]
            .map(|id| page_showing(&by_views, id, 2))
            .into();
        assert_eq!(pages, [Some(1), Some(1), Some(2), Some(2), Some(3), None]);
        let mut newest_first = NewestFirst::default();
        for id in [0, 3, 5, 8, 11] {
            newest_first.push(id);
        }
        assert_eq!(page_showing(&newest_first, 8, 2), Some(2));
    }

    #[test]
    fn pagination_shows_a_window_with_the_ends() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(1, 3), [1, 2, 3]);
        assert_eq!(page_window(10, 500), [1, 8, 9, 10, 11, 12, 500]);
        assert_eq!(page_window(500, 500), [1, 498, 499, 500]);
        assert_eq!(page_window(2, 500), [1, 2, 3, 4, 500]);
    }
}
