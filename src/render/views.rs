//! View structs: what templates see. They are built from the model for each
//! page and borrow from it, so the model can change without breaking themes.
//! Dates and numbers arrive formatted the local way.

use std::borrow::Cow;

use serde::Serialize;

use super::LangId;
use crate::config::{Language, PublisherIn};
use crate::site::menus::LanguageMenus;
use crate::site::{ArchiveYear, Article, Site, SitePath, Taxonomy};
use crate::text::{dates, numbers};
use crate::theme::I18n;

/// What a page template gets besides `site` and `t` (the UI strings), which
/// are the same for every page of a language and so are given to the
/// template engine once per language, not serialised for every page.
#[derive(Serialize)]
pub struct PageContext<'a> {
    #[serde(skip)]
    pub lang: LangId,
    pub page: PageMeta,
    pub article: Option<ArticleView<'a>>,
    pub listing: Option<ListingView>,
    pub archive: Option<Vec<ArchiveYearView>>,
    /// On a taxonomy's index page: every term with its count.
    pub terms: Option<Vec<TermCount<'a>>>,
    /// On the search page: where this language's index is.
    pub search: Option<SearchView>,
    /// On the site map page: its pages (menus and categories are `site`'s).
    pub site_map: Option<super::site_map::SiteMapView<'a>>,
    /// On the home page (page 1): its lead, featured stories and blocks.
    pub front: Option<super::front::FrontView>,
    /// On the most-read page: its lists.
    pub most_read: Option<super::most_read::MostReadView>,
}

#[derive(Serialize)]
pub struct TermCount<'a> {
    pub name: &'a str,
    pub href: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct SearchView {
    pub index: String,
}

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub lang: &'a str,
    pub home: String,
    pub archive: String,
    /// `/portal/`: for theme assets (`{{ site.base }}css/style.css`).
    pub base: &'a str,
    pub views_endpoint: Option<&'a str>,
    pub languages: Vec<LanguageLink<'a>>,
    /// Links to this language's taxonomy indexes and search page.
    pub nav: Nav,
    /// This language's categories by URL name: the section menu when
    /// the configuration has no `menus.main`.
    pub categories: Vec<TermCount<'a>>,
    /// The configured menus in this language (`menu.main`, `menu.footer`).
    pub menu: Option<&'a LanguageMenus>,
    /// Who publishes the site, in this language (`publisher:`).
    pub publisher: Option<PublisherView<'a>>,
    /// The site map page.
    pub site_map: String,
    /// The site-wide visit count known at build time, formatted; only when
    /// a view counter is configured.
    pub site_views: Option<String>,
}

/// The publisher's texts in a page's language, with its links.
#[derive(Serialize)]
pub struct PublisherView<'a> {
    #[serde(flatten)]
    pub texts: PublisherIn<'a>,
    /// The logo as a link in pages (site paths get the base path).
    pub logo_href: Option<String>,
    /// `tel:` link of the phone number: its digits and a leading `+`.
    pub phone_href: Option<String>,
}

#[derive(Serialize)]
pub struct Nav {
    pub categories: String,
    pub tags: String,
    pub authors: String,
    pub search: String,
}

#[derive(Serialize)]
pub struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub struct PageMeta {
    /// "article", "home", "year", "month", "day", "archive", "not_found".
    pub kind: &'static str,
    /// The heading of the page (`<h1>`).
    pub heading: String,
    /// The document title (`<title>`).
    pub title: String,
    /// This page's own link: `/portal/en/about/`.
    pub href: String,
    /// The links of the menu items this page is in (itself or its
    /// section, and that item's parent), which the menu marks with
    /// `aria-current`.
    pub section: Vec<String>,
    pub description: String,
    pub canonical: String,
    pub og_locale: String,
    pub og_type: &'static str,
    pub og_image: Option<String>,
    pub alternates: Vec<Alternate>,
    pub x_default: Option<String>,
    pub switcher: Vec<SwitcherEntry>,
    pub feeds: Vec<FeedLink>,
    /// Structured data, escaped for its `<script type="application/ld+json">`.
    pub json_ld: Option<String>,
    /// An article page's `article:*`, author and Dublin Core tags.
    pub article_meta: Option<super::article_meta::ArticleMeta>,
}

/// A feed the page advertises with `<link rel="alternate">`.
#[derive(Serialize, Clone)]
pub struct FeedLink {
    pub title: String,
    pub href: String,
    pub mime: &'static str,
}

#[derive(Serialize)]
pub struct Alternate {
    pub lang: String,
    pub href: String,
    pub og_locale: String,
}

/// One entry of the language switcher. `missing` means the page has no
/// translation in that language, so the link goes to that language's home,
/// which then shows a notice.
#[derive(Serialize)]
pub struct SwitcherEntry {
    pub code: String,
    pub name: String,
    pub href: String,
    pub current: bool,
    pub missing: bool,
}

#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub struct Term<'a> {
    pub name: &'a str,
    pub href: Option<Cow<'a, str>>,
}

#[derive(Serialize)]
pub struct ArticleView<'a> {
    pub title: &'a str,
    pub href: String,
    pub date_iso: String,
    pub date_display: String,
    pub updated_iso: Option<String>,
    pub updated_display: Option<String>,
    /// The byline, each name linked to its author page.
    pub authors: Vec<Term<'a>>,
    /// The first of `authors`, for themes written before bylines were lists.
    pub author: Option<Term<'a>>,
    /// "Nguồn" / "Source": where the story comes from.
    pub source: Option<&'a str>,
    /// "Ảnh" / "Photos": who took them.
    pub photo_credit: Option<&'a str>,
    /// Oldest first: shown as dated notices at the top of the article.
    pub corrections: Vec<CorrectionView<'a>>,
    pub category: Option<Term<'a>>,
    pub tags: Vec<Term<'a>>,
    pub views: Option<u64>,
    pub views_display: Option<String>,
    pub page_id: &'a str,
    pub image: Option<String>,
    /// The lead image's `<picture>` (or `<img>`), with its size.
    pub image_html: Option<String>,
    pub image_caption: Option<&'a str>,
    pub body: String,
    /// The body has highlighted code, so the page needs `css/syntax.css`.
    pub has_code: bool,
    pub newer: Option<Link<'a>>,
    pub older: Option<Link<'a>>,
    pub related: Vec<super::related::Teaser<'a>>,
    /// The language's most read, as blocks show them.
    pub most_read: Vec<super::related::Teaser<'a>>,
    pub most_read_href: String,
    pub share: super::related::ShareLinks,
    /// `draft` or `scheduled` in serve's preview: the page shows a banner.
    pub unpublished: Option<crate::site::Unpublished>,
}

#[derive(Serialize)]
pub struct CorrectionView<'a> {
    pub date_iso: String,
    pub date_display: String,
    pub note: &'a str,
}

/// An article as listed on home, archive and taxonomy pages.
#[derive(Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub href: &'a str,
    pub date_iso: &'a str,
    pub date_display: &'a str,
    pub summary: &'a str,
    pub image: Option<&'a str>,
    /// The image's markup in a card, and in the home page's lead card.
    pub image_html: Option<String>,
    pub image_lead_html: Option<String>,
    pub image_caption: Option<&'a str>,
    pub category: Option<Term<'a>>,
    pub views_display: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ListingView {
    /// Each a [`Card`], converted once per article for every listing.
    pub items: Vec<tera::Value>,
    pub pagination: Pagination,
}

#[derive(Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub newer: Option<String>,
    pub older: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct ArchiveYearView {
    pub year: i16,
    pub count: usize,
    pub href: String,
    pub months: Vec<ArchiveMonthView>,
}

#[derive(Serialize)]
pub struct ArchiveMonthView {
    pub name: String,
    pub count: usize,
    pub href: String,
}

/// Local formats of one language, from its i18n file.
pub struct Formats<'a> {
    pub i18n: &'a I18n,
}

impl Formats<'_> {
    pub fn date(&self, date: jiff::civil::Date) -> String {
        dates::format_date(date, &self.i18n.date_format, &self.i18n.months)
    }

    pub fn pattern(&self, key: &str, date: jiff::civil::Date) -> String {
        let pattern = self.i18n.strings.get(key).map_or("{yyyy}", String::as_str);
        dates::format_date(date, pattern, &self.i18n.months)
    }

    pub fn number(&self, n: u64) -> String {
        numbers::group_thousands(n, &self.i18n.thousands_separator)
    }
}

impl<'a> SiteView<'a> {
    pub fn new(site: &'a Site, language: &'a Language, endpoint: Option<&'a str>) -> SiteView<'a> {
        let urls = &site.urls;
        let mut categories: Vec<TermCount> = site
            .terms(&language.code, Taxonomy::Category)
            .map(|l| TermCount {
                name: &l.name,
                href: urls.href(&l.path),
                count: l.articles.len(),
            })
            .collect();
        // Not by count: a menu that reorders itself as articles come in
        // loses readers (and dropped sections in one language only).
        categories.sort_by(|a, b| a.href.cmp(&b.href));
        let default_code = &site.config.default_language().code;
        SiteView {
            nav: Nav {
                categories: urls.href(&urls.term_index(language, Taxonomy::Category)),
                tags: urls.href(&urls.term_index(language, Taxonomy::Tag)),
                authors: urls.href(&urls.term_index(language, Taxonomy::Author)),
                search: urls.href(&urls.search(language)),
            },
            categories,
            menu: site.menus.get(&language.code),
            publisher: (site.config.publisher.as_ref()).map(|p| {
                let texts = p.in_language(&language.code, default_code);
                PublisherView {
                    logo_href: texts.logo.map(|logo| image_href(site, logo)),
                    phone_href: texts.phone.map(|phone| {
                        let plus = if phone.trim_start().starts_with('+') {
                            "+"
                        } else {
                            ""
                        };
                        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
                        format!("tel:{plus}{digits}")
                    }),
                    texts,
                }
            }),
            site_map: urls.href(&urls.site_map(language)),
            site_views: None,
            title: &language.title,
            description: language.description.as_deref(),
            lang: &language.code,
            home: urls.href(&urls.home(&language.code)),
            archive: urls.href(&urls.archive_index(language)),
            base: urls.base_path(),
            views_endpoint: endpoint,
            languages: site
                .config
                .languages
                .iter()
                .map(|l| LanguageLink {
                    code: &l.code,
                    name: &l.name,
                    href: urls.href(&urls.home(&l.code)),
                })
                .collect(),
        }
    }
}

/// The image of an article as a link in pages: site-relative images get the
/// base path; absolute URLs stay.
pub fn image_href(site: &Site, image: &str) -> String {
    site.urls
        .site_relative(image)
        .unwrap_or_else(|| image.to_string())
}

/// The same image as an absolute URL, for Open Graph.
pub fn image_absolute(site: &Site, article: &Article, image: &str) -> String {
    if image.contains("://") {
        image.to_string()
    } else if let Some(rest) = image.strip_prefix('/') {
        site.urls.absolute(&SitePath::new(rest))
    } else {
        format!("{}{image}", site.urls.absolute(&article.path))
    }
}

pub fn archive_view(
    site: &Site,
    language: &Language,
    years: &[ArchiveYear],
    formats: &Formats,
) -> Vec<ArchiveYearView> {
    let urls = &site.urls;
    years
        .iter()
        .map(|y| ArchiveYearView {
            year: y.year,
            count: y.count,
            href: urls.href(&urls.year(&language.code, y.year)),
            months: y
                .months
                .iter()
                .filter_map(|&(month, count)| {
                    let first = jiff::civil::Date::new(y.year, month, 1).ok()?;
                    Some(ArchiveMonthView {
                        name: formats.pattern("month_heading", first),
                        count,
                        href: urls.href(&urls.month(&language.code, y.year, month)),
                    })
                })
                .collect(),
        })
        .collect()
}
