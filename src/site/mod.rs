//! The site model: every published article in one sorted `Vec`, and indexes
//! of article ids for translations, neighbours, listings and archives.
//!
//! Takes the configuration and the `SourceArticle`s; returns a `Site` that
//! rendering only reads. URLs are computed here, once, through `urls`.

pub mod front;
pub mod menus;
mod most_read;
mod newest_first;
mod pages;
mod portal;
pub mod preview;
mod related;
pub mod schedule;
pub mod urls;

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::source::lead_images::LeadImage;
use crate::source::{FrontMatter, Key, SourceArticle};
use crate::text::{dates, slug};
pub use front::Front;
pub use most_read::MostRead;
pub use newest_first::{ArticleList, NewestFirst, Ranked};
pub use preview::Unpublished;
pub use related::Related;
pub use urls::{SitePath, Urls};

pub type ArticleId = usize;

/// The view counter's id for the whole site's visits.
pub const SITE_PAGE_ID: &str = "_site";

#[derive(Debug)]
pub struct Article {
    /// Shared with `serve`'s cache of parsed files, which keeps the ones
    /// that did not change from one build to the next.
    pub source: Arc<SourceArticle>,
    pub slug: String,
    pub path: SitePath,
    /// The publication date in the site's timezone: it places the article in
    /// the archives and its URL.
    pub local_date: Date,
    pub translation_key: String,
    /// Stable id for the view counter: `<translation key>.<lang>`.
    pub page_id: String,
    pub views: Option<u64>,
    /// The same article in the other languages, in configuration order.
    pub translations: Vec<ArticleId>,
    pub newer: Option<ArticleId>,
    pub older: Option<ArticleId>,
    /// In `serve`'s preview only: a draft or a scheduled article, shown
    /// with a banner and left out of feeds and the sitemap.
    pub unpublished: Option<Unpublished>,
}

impl Article {
    pub fn lang(&self) -> &str {
        &self.source.lang
    }

    pub fn title(&self) -> &str {
        &self.source.front.title
    }

    /// A standalone page (`content/pages/`), not a news article.
    pub fn is_page(&self) -> bool {
        self.source.is_page()
    }

    /// When it last changed: `updated` if given, else `date`; a later
    /// correction is a change too.
    pub fn last_change(&self) -> jiff::Timestamp {
        let front = &self.source.front;
        let changed = front.updated.unwrap_or(front.date);
        (front.corrections.iter()).fold(changed, |latest, c| latest.max(c.date))
    }

    /// The last change a reader can be told of: none for a page written
    /// without `date` or `updated`.
    pub fn known_change(&self) -> Option<jiff::Timestamp> {
        let front = &self.source.front;
        front.updated.or(front.dated.then_some(front.date))
    }

    /// The names of this article's terms in `taxonomy`, as written.
    pub fn term_names(&self, taxonomy: Taxonomy) -> Vec<&str> {
        let front = &self.source.front;
        match taxonomy {
            Taxonomy::Category => front.category.iter().map(String::as_str).collect(),
            Taxonomy::Tag => front.tags.iter().map(String::as_str).collect(),
            Taxonomy::Author => front.authors.iter().map(String::as_str).collect(),
        }
    }
}

/// What a listing lists; with the language it identifies the listing, so
/// the same kind in another language is its translation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListingKind {
    Home,
    Year(i16),
    Month(i16, i8),
    Day(Date),
    /// A taxonomy term, by slug.
    Term(Taxonomy, String),
}

/// The ways articles are grouped besides dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Taxonomy {
    Category,
    Tag,
    Author,
}

impl Taxonomy {
    pub const ALL: [Taxonomy; 3] = [Taxonomy::Category, Taxonomy::Tag, Taxonomy::Author];

    /// The name used in templates and i18n keys.
    pub fn key(self) -> &'static str {
        match self {
            Taxonomy::Category => "categories",
            Taxonomy::Tag => "tags",
            Taxonomy::Author => "authors",
        }
    }

    /// The front-matter key that names an article's terms.
    pub fn front_matter_key(self) -> Key {
        match self {
            Taxonomy::Category => Key::Category,
            Taxonomy::Tag => Key::Tags,
            Taxonomy::Author => Key::Author,
        }
    }
}

#[derive(Debug)]
pub struct Listing {
    pub lang: String,
    pub kind: ListingKind,
    /// The name shown for a taxonomy term ("Chuyển đổi số").
    pub name: String,
    pub path: SitePath,
    pub articles: NewestFirst,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: i16,
    pub count: usize,
    /// (month, count), newest first.
    pub months: Vec<(i8, usize)>,
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub urls: Urls,
    /// Newest first; ties by content path. An `ArticleId` indexes this.
    pub articles: Vec<Article>,
    pub listings: Vec<Listing>,
    /// Per language, newest year first.
    pub archives: BTreeMap<String, Vec<ArchiveYear>>,
    pub aliases: Vec<(SitePath, ArticleId)>,
    /// Content path (`2023/x.vi.md`) → article, to resolve links to files.
    pub by_rel_path: BTreeMap<String, ArticleId>,
    /// Every term name written in an article → its slug, made once.
    pub term_slugs: FxHashMap<String, String>,
    /// The build clock: articles dated after it are not published yet.
    pub now: Timestamp,
    /// Lead image as written → its file's facts, for feeds.
    pub lead_images: BTreeMap<String, LeadImage>,
    /// Per language: its articles newest first, then its standalone pages
    /// by content path; what its search index holds.
    pub searched: BTreeMap<String, Vec<ArticleId>>,
    /// Per language, the configured menus resolved (`menus.rs`).
    pub menus: BTreeMap<String, menus::LanguageMenus>,
    /// The site-wide visit count known at build time (`_site` in
    /// `data/views.yaml`).
    pub site_views: u64,
    /// config.yaml, as messages name it.
    pub config_path: std::path::PathBuf,
    /// The next time the clock alone changes what is published.
    pub next_change: Option<schedule::NextChange>,
    /// Language → what its front page is made of (featured, most read, blocks).
    pub fronts: BTreeMap<String, Front>,
    /// Each article's related articles, by id.
    pub related: Vec<Related>,
    listing_index: BTreeMap<(String, ListingKind), usize>,
}

impl Site {
    pub fn listing(&self, lang: &str, kind: &ListingKind) -> Option<&Listing> {
        self.listing_index
            .get(&(lang.to_string(), kind.clone()))
            .map(|&i| &self.listings[i])
    }

    /// The terms of one taxonomy in one language, by slug.
    pub fn terms(&self, lang: &str, taxonomy: Taxonomy) -> impl Iterator<Item = &Listing> {
        self.listings.iter().filter(move |l| {
            l.lang == lang && matches!(&l.kind, ListingKind::Term(t, _) if *t == taxonomy)
        })
    }

    pub fn articles_in(&self, lang: &str) -> &[ArticleId] {
        self.listing(lang, &ListingKind::Home)
            .map_or(&[], |l| l.articles.as_slice())
    }

    /// What a language's search index holds: articles, then pages.
    pub fn searched(&self, lang: &str) -> &[ArticleId] {
        self.searched.get(lang).map_or(&[], Vec::as_slice)
    }

    /// A language's standalone pages, by content path.
    pub fn pages_in<'s>(&'s self, lang: &'s str) -> impl Iterator<Item = ArticleId> + 's {
        let from = self.articles_in(lang).len();
        self.searched(lang)[from..].iter().copied()
    }
}

pub struct BuildOptions {
    pub include_drafts: bool,
    /// `serve`'s default: drafts and scheduled articles in, marked.
    pub preview_drafts: bool,
    pub now: Timestamp,
    /// Where config.yaml is, for the model's errors about what it names.
    pub config_path: std::path::PathBuf,
}

impl BuildOptions {
    /// Whether an article of this front matter is in the model.
    /// serve's preview also holds drafts and scheduled articles (never
    /// expired ones), each marked `unpublished`.
    pub fn publishes(&self, front: &FrontMatter) -> bool {
        schedule::is_published(front, self.now, self.include_drafts)
            || (self.preview_drafts && Unpublished::of(front, self.now).is_some())
    }
}

/// Builds the model. Errors (duplicate URLs, clashing translations) are
/// returned with the site, which is still complete enough for `check` to go
/// on validating.
pub fn build(
    config: Config,
    sources: Vec<Arc<SourceArticle>>,
    views: &BTreeMap<String, u64>,
    options: &BuildOptions,
) -> (Site, Vec<Diagnostic>) {
    let urls = Urls::new(&config);
    // Front-matter warnings, for every article read, published or not.
    let mut errors: Vec<Diagnostic> = sources.iter().flat_map(|s| s.warnings.clone()).collect();
    let next_change = schedule::next_change(
        sources.iter().map(|s| &**s),
        options.now,
        options.include_drafts,
    );
    let mut sources: Vec<Arc<SourceArticle>> = sources
        .into_iter()
        .filter(|s| options.publishes(&s.front))
        .collect();
    // Articles newest first, then the standalone pages, which no listing
    // holds, by content path.
    sources.sort_by(|a, b| {
        (a.is_page().cmp(&b.is_page()))
            .then_with(|| match a.is_page() {
                true => std::cmp::Ordering::Equal,
                false => b.front.date.cmp(&a.front.date),
            })
            .then_with(|| a.rel_path.cmp(&b.rel_path))
    });

    let keys = translation_keys(&sources);
    let segments = pages::segments(&sources);
    // Each article's own: its slug, URL and view count, on all cores.
    let (mut articles, empty_slugs): (Vec<Article>, Vec<Option<Diagnostic>>) = sources
        .into_par_iter()
        .zip(keys)
        .zip(segments)
        .map(|((source, translation_key), segments)| {
            let local_date = dates::local_date(source.front.date, &config.timezone);
            let slug = match (&source.front.slug, &segments) {
                (Some(s), _) => s.clone(),
                (None, Some(segments)) => segments.last().cloned().unwrap_or_default(),
                (None, None) => slug::slugify(&source.front.title),
            };
            let empty_slug = slug.is_empty().then(|| {
                let message = if segments.is_some() {
                    crate::msg!("site-empty-slug-file-name")
                } else {
                    crate::msg!("site-empty-slug-title")
                };
                source.error_at_key(Key::Title, message)
            });
            let path = match &segments {
                Some(segments) => {
                    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
                    urls.standalone_page(&source.lang, &segments)
                }
                None => urls.article(&source.lang, local_date, &slug),
            };
            let views = views
                .get(&source.rel_path)
                .or_else(|| views.get(&translation_key))
                .copied()
                .or(source.front.views);
            let article = Article {
                page_id: format!("{translation_key}.{}", source.lang),
                slug,
                path,
                local_date,
                translation_key,
                views,
                translations: Vec::new(),
                newer: None,
                older: None,
                unpublished: (options.preview_drafts && !options.include_drafts)
                    .then(|| Unpublished::of(&source.front, options.now))
                    .flatten(),
                source,
            };
            (article, empty_slug)
        })
        .unzip();
    errors.extend(empty_slugs.into_iter().flatten());
    errors.extend(duplicate_paths(&articles, &urls));
    errors.extend(link_translations(&mut articles, &config));
    link_neighbours(&mut articles);

    let (listings, term_slugs, warnings) = listings(&articles, &config, &urls);
    errors.extend(warnings);
    let listing_index: BTreeMap<(String, ListingKind), usize> = listings
        .iter()
        .enumerate()
        .map(|(i, l)| ((l.lang.clone(), l.kind.clone()), i))
        .collect();
    let (fronts, front_warnings) =
        front::fronts(&config, &articles, &listings, &listing_index, options.now);
    errors.extend(front_warnings);
    let by_lang: Vec<&[ArticleId]> = (config.languages.iter())
        .filter_map(|l| listing_index.get(&(l.code.clone(), ListingKind::Home)))
        .map(|&i| listings[i].articles.as_slice())
        .collect();
    let related = related::related(
        &articles,
        &listings,
        &by_lang,
        &term_slugs,
        &|lang, slug| related::category_index(&listing_index, lang, slug),
        config.front.related_count,
    );
    let archives = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), archive_years(&articles, &l.code)))
        .collect();
    let aliases = articles
        .iter()
        .enumerate()
        .flat_map(|(id, a)| {
            let urls = &urls;
            a.source
                .front
                .aliases
                .iter()
                .map(move |alias| (urls.alias(alias), id))
        })
        .collect();
    let by_rel_path = articles
        .iter()
        .enumerate()
        .map(|(id, a)| (a.source.rel_path.clone(), id))
        .collect();
    let searched = (config.languages.iter())
        .map(|l| {
            let code = l.code.as_str();
            let news = listing_index
                .get(&(code.to_string(), ListingKind::Home))
                .map_or(&[][..], |&i| listings[i].articles.as_slice());
            let pages = (articles.iter().enumerate())
                .filter(|(_, a)| a.is_page() && a.lang() == code)
                .map(|(id, _)| id);
            (l.code.clone(), news.iter().copied().chain(pages).collect())
        })
        .collect();
    let site_views = views.get(SITE_PAGE_ID).copied().unwrap_or(0);
    let mut site = Site {
        config,
        urls,
        articles,
        listings,
        archives,
        aliases,
        by_rel_path,
        term_slugs,
        now: options.now,
        lead_images: BTreeMap::new(),
        searched,
        menus: BTreeMap::new(),
        site_views,
        config_path: options.config_path.clone(),
        next_change,
        fronts,
        related,
        listing_index,
    };
    errors.extend(alias_clashes(&site));
    errors.extend(pages::collisions(&site));
    let (menus, menu_problems) = menus::resolve(&site);
    site.menus = menus;
    errors.extend(menu_problems);
    errors.extend(portal::required_pages(&site));
    (site, errors)
}

/// Two files are translations when they share folder and stem, or share a
/// `translation_key`: the groups are the connected parts of both relations.
/// A group's key is its explicit `translation_key`, else `folder/stem`.
fn translation_keys(sources: &[Arc<SourceArticle>]) -> Vec<String> {
    let mut parent: Vec<usize> = (0..sources.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // The first file seen with each folder/stem and with each explicit key.
    let mut first_by_path: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    let mut first_by_key: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, s) in sources.iter().enumerate() {
        let mut firsts = vec![*first_by_path.entry((&s.dir, &s.stem)).or_insert(i)];
        if let Some(key) = &s.front.translation_key {
            firsts.push(*first_by_key.entry(key).or_insert(i));
        }
        for j in firsts {
            let (a, b) = (find(&mut parent, i), find(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
    }
    // Per group: the smallest explicit key, else the smallest folder/stem,
    // so the choice does not depend on the order files were read in.
    let path_key = |s: &SourceArticle| match s.dir.as_str() {
        "" => s.stem.clone(),
        dir => format!("{dir}/{}", s.stem),
    };
    let mut group_key: FxHashMap<usize, (Option<&str>, String)> = FxHashMap::default();
    for (i, s) in sources.iter().enumerate() {
        let root = find(&mut parent, i);
        let key = path_key(s);
        let entry = group_key.entry(root).or_insert_with(|| (None, key.clone()));
        if key < entry.1 {
            entry.1 = key;
        }
        if let Some(explicit) = s.front.translation_key.as_deref() {
            entry.0 = Some(entry.0.map_or(explicit, |k| k.min(explicit)));
        }
    }
    (0..sources.len())
        .map(|i| {
            let (explicit, path_key) = &group_key[&find(&mut parent, i)];
            explicit.map_or_else(|| path_key.clone(), str::to_string)
        })
        .collect()
}

/// Two articles at one URL, or at two URLs differing only in letter case
/// (one page on case-insensitive hosts): the first by content path keeps
/// it, the others are told.
fn duplicate_paths(articles: &[Article], urls: &Urls) -> Vec<Diagnostic> {
    let mut by_path: FxHashMap<String, Vec<&Article>> = FxHashMap::default();
    for article in articles {
        by_path
            .entry(urls::fold_case(article.path.as_str()))
            .or_default()
            .push(article);
    }
    let mut clashes: Vec<Vec<&Article>> = by_path.into_values().filter(|a| a.len() > 1).collect();
    let mut errors = Vec::new();
    for group in &mut clashes {
        group.sort_by(|a, b| a.source.rel_path.cmp(&b.source.rel_path));
        let first = group[0];
        for article in &group[1..] {
            let key = if article.source.front.slug.is_some() {
                Key::Slug
            } else {
                Key::Title
            };
            let message = if article.path == first.path {
                crate::msg!(
                    "site-url-taken",
                    url = urls.href(&article.path),
                    other = first.source.path.display().to_string()
                )
            } else {
                crate::msg!(
                    "site-url-case",
                    url = urls.href(&article.path),
                    taken = urls.href(&first.path),
                    other = first.source.path.display().to_string()
                )
            };
            errors.push(article.source.error_at_key(key, message));
        }
    }
    errors
}

fn link_translations(articles: &mut [Article], config: &Config) -> Vec<Diagnostic> {
    let mut groups: BTreeMap<&str, Vec<ArticleId>> = BTreeMap::new();
    for (id, a) in articles.iter().enumerate() {
        groups.entry(&a.translation_key).or_default().push(id);
    }
    let mut errors = Vec::new();
    let mut links: Vec<(ArticleId, Vec<ArticleId>)> = Vec::new();
    for members in groups.values() {
        let mut by_lang: BTreeMap<&str, ArticleId> = BTreeMap::new();
        for &id in members {
            if let Some(&other) = by_lang.get(articles[id].lang()) {
                errors.push(articles[id].source.error_at_key(
                    Key::TranslationKey,
                    crate::msg!(
                        "site-translation-taken",
                        other = articles[other].source.path.display().to_string(),
                        lang = articles[id].lang(),
                        key = articles[id].translation_key.as_str()
                    ),
                ));
            } else {
                by_lang.insert(articles[id].lang(), id);
            }
        }
        for &id in by_lang.values() {
            let others = config
                .languages
                .iter()
                .filter_map(|l| by_lang.get(l.code.as_str()).copied())
                .filter(|&other| other != id)
                .collect();
            links.push((id, others));
        }
    }
    for (id, others) in links {
        articles[id].translations = others;
    }
    errors
}

/// Previous (older) and next (newer) article in the same language.
fn link_neighbours(articles: &mut [Article]) {
    let mut last_by_lang: FxHashMap<&str, ArticleId> = FxHashMap::default();
    let mut pairs = Vec::with_capacity(articles.len());
    for (id, article) in articles.iter().enumerate().filter(|(_, a)| !a.is_page()) {
        if let Some(newer) = last_by_lang.insert(article.lang(), id) {
            pairs.push((newer, id));
        }
    }
    for (newer, older) in pairs {
        articles[older].newer = Some(newer);
        articles[newer].older = Some(older);
    }
}

fn listings(
    articles: &[Article],
    config: &Config,
    urls: &Urls,
) -> (Vec<Listing>, FxHashMap<String, String>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut by_key: FxHashMap<(&str, ListingKind), Listing> = FxHashMap::default();
    // Per term: each spelling used, with its count and first article.
    let mut spellings: FxHashMap<(&str, ListingKind), Spellings> = FxHashMap::default();
    // Term names repeat across thousands of articles: slug each once.
    let mut slugs: FxHashMap<&str, String> = FxHashMap::default();
    // Every language has a home, even one with no articles yet.
    for language in &config.languages {
        listing_entry(&mut by_key, &language.code, ListingKind::Home, "", || {
            urls.home(&language.code)
        });
    }
    for (id, a) in articles.iter().enumerate().filter(|(_, a)| !a.is_page()) {
        let (lang, d) = (a.lang(), a.local_date);
        let (y, m) = (d.year(), d.month());
        let dated = [
            ListingKind::Home,
            ListingKind::Year(y),
            ListingKind::Month(y, m),
            ListingKind::Day(d),
        ];
        for kind in dated {
            let path = || match kind {
                ListingKind::Year(y) => urls.year(lang, y),
                ListingKind::Month(y, m) => urls.month(lang, y, m),
                ListingKind::Day(d) => urls.day(lang, d),
                _ => urls.home(lang),
            };
            listing_entry(&mut by_key, lang, kind.clone(), "", path)
                .articles
                .push(id);
        }
        let Some(language) = config.language(lang) else {
            continue;
        };
        for taxonomy in Taxonomy::ALL {
            for name in a.term_names(taxonomy) {
                let slug = slugs.entry(name).or_insert_with(|| slug::slugify(name));
                if slug.is_empty() {
                    let message = crate::msg!("site-term-empty-slug", name = name.to_string());
                    warnings.push(
                        a.source
                            .warning_at_key(taxonomy.front_matter_key(), message),
                    );
                    continue;
                }
                let kind = ListingKind::Term(taxonomy, slug.clone());
                let spelling = spellings.entry((lang, kind.clone())).or_default();
                spelling.entry(name).or_insert((0, id)).0 += 1;
                let listing = listing_entry(&mut by_key, lang, kind, name, || {
                    urls.term(language, taxonomy, slug)
                });
                listing.articles.push(id);
            }
        }
    }
    // Names that slug the same are one term, shown in its most used spelling.
    for (key, names) in spellings {
        let Some(chosen) = names
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
        else {
            continue;
        };
        let chosen = chosen.0.to_string();
        for (name, (_, first)) in names.iter().filter(|(name, _)| **name != chosen) {
            let ListingKind::Term(taxonomy, slug) = &key.1 else {
                continue;
            };
            warnings.push(articles[*first].source.warning_at_key(
                taxonomy.front_matter_key(),
                crate::msg!(
                    "site-term-same-slug",
                    name = name.to_string(),
                    chosen = chosen.as_str(),
                    slug = slug.as_str()
                ),
            ));
        }
        if let Some(listing) = by_key.get_mut(&key) {
            listing.name = chosen;
        }
    }
    let mut listings: Vec<Listing> = by_key.into_values().collect();
    listings.sort_by(|a, b| (&a.lang, &a.kind).cmp(&(&b.lang, &b.kind)));
    let slugs = slugs
        .into_iter()
        .map(|(name, slug)| (name.to_string(), slug))
        .collect();
    (listings, slugs, warnings)
}

/// The names written for one term: each with its count and first article.
type Spellings<'a> = BTreeMap<&'a str, (usize, ArticleId)>;

fn listing_entry<'m, 'a>(
    by_key: &'m mut FxHashMap<(&'a str, ListingKind), Listing>,
    lang: &'a str,
    kind: ListingKind,
    name: &str,
    path: impl FnOnce() -> SitePath,
) -> &'m mut Listing {
    by_key
        .entry((lang, kind))
        .or_insert_with_key(|(lang, kind)| Listing {
            lang: lang.to_string(),
            kind: kind.clone(),
            name: name.to_string(),
            path: path(),
            articles: NewestFirst::default(),
        })
}

fn archive_years(articles: &[Article], lang: &str) -> Vec<ArchiveYear> {
    let mut counts: BTreeMap<i16, BTreeMap<i8, usize>> = BTreeMap::new();
    for a in articles.iter().filter(|a| a.lang() == lang && !a.is_page()) {
        *counts
            .entry(a.local_date.year())
            .or_default()
            .entry(a.local_date.month())
            .or_default() += 1;
    }
    counts
        .into_iter()
        .rev()
        .map(|(year, months)| ArchiveYear {
            year,
            count: months.values().sum(),
            months: months.into_iter().rev().collect(),
        })
        .collect()
}

/// An alias may not take the place of a page or of another alias, nor
/// differ from one's path only in letter case.
fn alias_clashes(site: &Site) -> Vec<Diagnostic> {
    if site.aliases.is_empty() {
        return Vec::new();
    }
    let mut taken: BTreeMap<String, (&SitePath, String)> = site
        .articles
        .iter()
        .map(|a| {
            let owner = a.source.path.display().to_string();
            (urls::fold_case(a.path.as_str()), (&a.path, owner))
        })
        .collect();
    for listing in &site.listings {
        taken.insert(
            urls::fold_case(listing.path.as_str()),
            (
                &listing.path,
                crate::msg!("site-the-listing", url = site.urls.href(&listing.path)),
            ),
        );
    }
    let mut errors = Vec::new();
    for (path, id) in &site.aliases {
        let article = &site.articles[*id];
        let href = site.urls.href(path);
        match taken.get(&urls::fold_case(path.as_str())) {
            Some((owned, owner)) if *owned == path => {
                errors.push(article.source.error_at_key(
                    Key::Aliases,
                    crate::msg!("site-alias-taken", alias = href, owner = owner.as_str()),
                ));
            }
            Some((owned, owner)) => {
                errors.push(article.source.error_at_key(
                    Key::Aliases,
                    crate::msg!(
                        "site-alias-case",
                        alias = href,
                        taken = site.urls.href(owned),
                        owner = owner.as_str()
                    ),
                ));
            }
            None => {
                taken.insert(
                    urls::fold_case(path.as_str()),
                    (
                        path,
                        crate::msg!(
                            "site-an-alias-of",
                            path = article.source.path.display().to_string()
                        ),
                    ),
                );
            }
        }
    }
    errors
}
