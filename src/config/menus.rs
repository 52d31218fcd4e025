//! `menus:` in config.yaml: the main and footer menus as an editor lists
//! them. Each item has a label (one text, or one per language) and one
//! target: a `page` (content path or translation key), a `category` or a
//! `url`; a top item may have one level of `children`.
//!
//! Only the shape is checked here; which pages and categories exist is the
//! model's to say (`site::menus`), so every item keeps where it is written
//! and those errors land on its line and column.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::Localised;
use crate::diag::{self, Diagnostic};
use crate::yaml::{self, Step};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMenus {
    main: Option<Vec<RawItem>>,
    footer: Option<Vec<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    label: Localised,
    page: Option<String>,
    category: Option<Localised>,
    url: Option<Localised>,
    children: Option<Vec<RawItem>>,
}

/// The configured menus. `None` for a menu the configuration does not
/// have: the theme then shows its own (the categories, for `main`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Menus {
    pub main: Option<Vec<MenuItem>>,
    pub footer: Option<Vec<MenuItem>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MenuItem {
    /// Language code → label; a language without one leaves the item out.
    pub label: BTreeMap<String, String>,
    pub target: MenuTarget,
    pub children: Vec<MenuItem>,
    /// Where the target (else the item) is written: 1-based line, column.
    pub at: (usize, usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MenuTarget {
    /// A content path (`pages/lien-he.vi.md`) or a translation key.
    Page(String),
    /// Language code → category name.
    Category(BTreeMap<String, String>),
    /// Language code → a site path (`/tim-kiem/`) or a web address.
    Url(BTreeMap<String, String>),
    /// A heading over its children only.
    None,
}

/// Checks the menus' shape against the configured `languages`.
pub(super) fn resolve(
    raw: RawMenus,
    path: &Path,
    text: &str,
    languages: &[String],
) -> (Menus, Vec<Diagnostic>) {
    let mut checker = Checker {
        path,
        text,
        languages,
        errors: Vec::new(),
    };
    let mut menu = |name: &str, items: Option<Vec<RawItem>>| {
        items.map(|items| {
            let at = vec![Step::Key("menus"), Step::Key(name)];
            checker.items(items, &at, true)
        })
    };
    let menus = Menus {
        main: menu("main", raw.main),
        footer: menu("footer", raw.footer),
    };
    (menus, checker.errors)
}

struct Checker<'c> {
    path: &'c Path,
    text: &'c str,
    languages: &'c [String],
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn items(&mut self, items: Vec<RawItem>, at: &[Step], top: bool) -> Vec<MenuItem> {
        (items.into_iter().enumerate())
            .map(|(i, item)| {
                let mut here = at.to_vec();
                here.push(Step::Index(i));
                self.item(item, &here, top)
            })
            .collect()
    }

    fn item(&mut self, raw: RawItem, at: &[Step], top: bool) -> MenuItem {
        let label = self.per_language(raw.label, at, "label");
        let mut targets = Vec::new();
        if let Some(page) = raw.page {
            let page = page.trim().trim_start_matches("content/").to_string();
            targets.push(("page", MenuTarget::Page(page)));
        }
        if let Some(category) = raw.category {
            let names = self.per_language(category, at, "category");
            targets.push(("category", MenuTarget::Category(names)));
        }
        if let Some(url) = raw.url {
            let urls = self.per_language(url, at, "url");
            for url in urls.values() {
                if let Err(message) = check_url(url) {
                    self.error(at, Some("url"), message);
                }
            }
            targets.push(("url", MenuTarget::Url(urls)));
        }
        let has_children = raw.children.as_ref().is_some_and(|c| !c.is_empty());
        let (key, target) = match targets.len() {
            0 if has_children => (None, MenuTarget::None),
            0 => {
                self.error(at, None, crate::msg!("menu-no-target"));
                (None, MenuTarget::None)
            }
            1 => {
                let (key, target) = targets.remove(0);
                (Some(key), target)
            }
            _ => {
                let keys: Vec<&str> = targets.iter().map(|(k, _)| *k).collect();
                self.error(
                    at,
                    Some(keys[1]),
                    crate::msg!(
                        "menu-two-targets",
                        keys = keys.join(&format!("` {} `", crate::msg!("word-and")))
                    ),
                );
                (None, MenuTarget::None)
            }
        };
        let children = match raw.children {
            Some(children) if !top => {
                self.error(at, Some("children"), crate::msg!("menu-nested-children"));
                drop(children);
                Vec::new()
            }
            Some(children) => {
                let mut below = at.to_vec();
                below.push(Step::Key("children"));
                self.items(children, &below, false)
            }
            None => Vec::new(),
        };
        MenuItem {
            label,
            target,
            children,
            at: self.position(at, key),
        }
    }

    /// One text for every language, or the texts given per language.
    fn per_language(
        &mut self,
        value: Localised,
        at: &[Step],
        key: &str,
    ) -> BTreeMap<String, String> {
        match value {
            Localised::Same(text) => (self.languages.iter())
                .map(|code| (code.clone(), text.trim().to_string()))
                .collect(),
            Localised::PerLanguage(map) => {
                for code in map.keys().filter(|c| !self.languages.contains(c)) {
                    self.error(
                        at,
                        Some(key),
                        crate::msg!(
                            "config-unknown-language",
                            key = key,
                            code = diag::shown(code)
                        ),
                    );
                }
                (map.into_iter())
                    .map(|(code, text)| (code, text.trim().to_string()))
                    .filter(|(_, text)| !text.is_empty())
                    .collect()
            }
        }
    }

    fn position(&self, at: &[Step], key: Option<&str>) -> (usize, usize) {
        let mut path = at.to_vec();
        path.extend(key.map(Step::Key));
        (yaml::locate(self.text, &path))
            .or_else(|| yaml::locate(self.text, at))
            .unwrap_or((1, 1))
    }

    fn error(&mut self, at: &[Step], key: Option<&str>, message: String) {
        let (line, column) = self.position(at, key);
        self.errors
            .push(Diagnostic::error(self.path, message).at(line, column));
    }
}

/// A menu link is a web address, `mailto:`/`tel:`, or a path of this site;
/// never another scheme (`javascript:`).
fn check_url(url: &str) -> Result<(), String> {
    let web = ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| {
            url.len() > scheme.len()
                && url
                    .get(..scheme.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
        });
    let site_path = url.starts_with('/') && !url.starts_with("//");
    if (web || site_path) && !url.chars().any(|c| c.is_control() || c == ' ') {
        Ok(())
    } else {
        Err(crate::msg!("menu-url", url = diag::shown(url)))
    }
}

/// Whether a menu `url` is a path of this site (checked to lead somewhere).
pub fn is_site_path(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}
