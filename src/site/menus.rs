//! The configured menus resolved in each language: a page item links to
//! that language's version of the page, a category item to its listing,
//! a url item to the path or address given. An item a language lacks
//! (no label, no version of the page, no such category) is left out of
//! that language's menu with a note; a page or category the site does not
//! have at all is an error at the item's place in config.yaml.
//!
//! Whether a `url` site path leads somewhere is known only once the site
//! is rendered: `render` checks [`MenuLink::site_path`] then.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ArticleId, ListingKind, Site, SitePath, Taxonomy};
use crate::config::{MenuItem, MenuTarget, is_site_path};
use crate::diag::{self, Diagnostic};
use crate::text::slug;

/// One language's menus; `None` where the configuration has no such menu.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LanguageMenus {
    pub main: Option<Vec<MenuLink>>,
    pub footer: Option<Vec<MenuLink>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MenuLink {
    pub label: String,
    /// `None` for a heading over its children.
    pub href: Option<String>,
    /// A web address, not a page of this site.
    pub external: bool,
    pub children: Vec<MenuLink>,
    /// For a `url` that is a path of this site: the path, and where
    /// config.yaml writes it.
    #[serde(skip)]
    pub site_path: Option<(SitePath, (usize, usize))>,
}

/// Translation group → its members, for page items given by key.
type Groups<'s> = BTreeMap<&'s str, Vec<ArticleId>>;

pub(super) fn resolve(site: &Site) -> (BTreeMap<String, LanguageMenus>, Vec<Diagnostic>) {
    let menus = &site.config.menus;
    let groups = groups(site);
    let mut problems = Vec::new();
    let mut resolved = BTreeMap::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        let mut menu = |items: &Option<Vec<MenuItem>>| {
            items.as_ref().map(|items| {
                (items.iter())
                    .filter_map(|item| link(site, &groups, item, lang, &mut problems))
                    .collect()
            })
        };
        let language_menus = LanguageMenus {
            main: menu(&menus.main),
            footer: menu(&menus.footer),
        };
        resolved.insert(lang.to_string(), language_menus);
    }
    // An unknown page or category is the same error in every language.
    problems.sort_by_key(|d| d.to_string());
    problems.dedup_by_key(|d| d.to_string());
    (resolved, problems)
}

pub(super) fn groups(site: &Site) -> Groups<'_> {
    let mut groups: Groups = BTreeMap::new();
    for (id, article) in site.articles.iter().enumerate() {
        groups.entry(&article.translation_key).or_default().push(id);
    }
    groups
}

/// The articles a reference names: a content path's translation group,
/// else the group whose translation key it is, else the group of a file
/// whose folder and stem it is (`pages/lien-he` for `pages/lien-he.vi.md`
/// that has a `translation_key` of its own). `None` if none.
pub(super) fn find<'g>(
    site: &Site,
    groups: &'g Groups,
    reference: &str,
) -> Option<&'g [ArticleId]> {
    if let Some(&id) = site.by_rel_path.get(reference) {
        let key = site.articles[id].translation_key.as_str();
        return groups.get(key).map(Vec::as_slice);
    }
    if let Some(members) = groups.get(reference) {
        return Some(members);
    }
    let (dir, stem) = reference.rsplit_once('/').unwrap_or(("", reference));
    let article = (site.articles.iter()).find(|a| a.source.dir == dir && a.source.stem == stem)?;
    groups
        .get(article.translation_key.as_str())
        .map(Vec::as_slice)
}

fn link(
    site: &Site,
    groups: &Groups,
    item: &MenuItem,
    lang: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<MenuLink> {
    let (line, column) = item.at;
    let mut note = |what: String| {
        problems.push(
            Diagnostic::note(
                &site.config_path,
                crate::msg!("menu-left-out", lang = lang, what = what),
            )
            .at(line, column),
        );
    };
    let Some(label) = item.label.get(lang) else {
        note(crate::msg!("menu-no-label"));
        return None;
    };
    let urls = &site.urls;
    let mut site_path = None;
    let (href, external) = match &item.target {
        MenuTarget::Page(reference) => {
            let Some(members) = find(site, groups, reference) else {
                problems.push(
                    Diagnostic::error(
                        &site.config_path,
                        crate::msg!("menu-page-unknown", page = diag::shown(reference)),
                    )
                    .at(line, column),
                );
                return None;
            };
            let Some(&id) = members.iter().find(|&&id| site.articles[id].lang() == lang) else {
                note(crate::msg!(
                    "menu-page-no-version",
                    page = diag::shown(reference)
                ));
                return None;
            };
            (Some(urls.href(&site.articles[id].path)), false)
        }
        MenuTarget::Category(names) => {
            let Some(name) = names.get(lang) else {
                note(crate::msg!("menu-no-category"));
                return None;
            };
            let kind = ListingKind::Term(Taxonomy::Category, slug::slugify(name));
            let Some(listing) = site.listing(lang, &kind) else {
                let anywhere = (names.iter()).any(|(code, name)| {
                    let kind = ListingKind::Term(Taxonomy::Category, slug::slugify(name));
                    site.listing(code, &kind).is_some()
                });
                if anywhere {
                    note(crate::msg!(
                        "menu-category-empty-here",
                        category = diag::shown(name)
                    ));
                } else {
                    problems.push(
                        Diagnostic::error(
                            &site.config_path,
                            crate::msg!("menu-category-unknown", category = diag::shown(name)),
                        )
                        .at(line, column),
                    );
                }
                return None;
            };
            (Some(urls.href(&listing.path)), false)
        }
        MenuTarget::Url(addresses) => {
            let Some(url) = addresses.get(lang) else {
                note(crate::msg!("menu-no-url"));
                return None;
            };
            if is_site_path(url) {
                let path = urls.configured(url);
                site_path = Some((path.clone(), item.at));
                (Some(urls.href(&path)), false)
            } else {
                (Some(url.clone()), true)
            }
        }
        MenuTarget::None => (None, false),
    };
    let children: Vec<MenuLink> = (item.children.iter())
        .filter_map(|child| link(site, groups, child, lang, problems))
        .collect();
    if href.is_none() && children.is_empty() {
        return None;
    }
    Some(MenuLink {
        label: label.clone(),
        href,
        external,
        children,
        site_path,
    })
}
