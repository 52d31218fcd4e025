//! The menus as pages show them: which item the current page is in (for
//! `aria-current`), and the check that every `url` of the configured menus
//! that is a path of this site leads to a page the render made.

use super::Renderer;
use super::language::Lang;
use crate::config::Language;
use crate::diag::{self, Diagnostic};
use crate::site::menus::MenuLink;
use crate::site::{Site, Taxonomy};

/// A menu link and its parent item's link.
pub(super) type MenuLinkAndParent = (String, Option<String>);

/// The links of a language's main menu, each with its parent item's link:
/// the configured menu, else the theme's own (home, categories, their
/// index, archive, search). Made once per language (`Lang::menu_links`).
pub(super) fn main_menu_links(site: &Site, language: &Language) -> Vec<MenuLinkAndParent> {
    let code = language.code.as_str();
    let configured = (site.menus.get(code)).and_then(|m| m.main.as_ref());
    let own = |item: &MenuLink| item.href.clone().filter(|_| !item.external);
    match configured {
        Some(items) => (items.iter())
            .flat_map(|item| {
                let children =
                    (item.children.iter()).filter_map(move |child| Some((own(child)?, own(item))));
                own(item)
                    .map(|href| (href, None))
                    .into_iter()
                    .chain(children)
            })
            .collect(),
        None => {
            let urls = &site.urls;
            let home = urls.href(&urls.home(code));
            let categories = (site.terms(code, Taxonomy::Category)).map(|l| urls.href(&l.path));
            let mut links: Vec<String> = std::iter::once(home).chain(categories).collect();
            links.push(urls.href(&urls.term_index(language, Taxonomy::Category)));
            links.push(urls.href(&urls.archive_index(language)));
            links.push(urls.href(&urls.search(language)));
            links.into_iter().map(|link| (link, None)).collect()
        }
    }
}

/// A link with its parent's, as the links `aria-current` marks.
fn marked((link, parent): &MenuLinkAndParent) -> Vec<String> {
    std::iter::once(link).chain(parent).cloned().collect()
}

impl Renderer<'_> {
    /// The menu links a page at `href` is in, for `aria-current`: its own
    /// link, else the longest one its URL is below (the home is below
    /// nothing but itself), with that link's parent item.
    pub(super) fn section(&self, lang: &Lang, href: &str) -> Vec<String> {
        let home = self.site.urls.href(&self.site.urls.home(lang.code()));
        (lang.menu_links.iter())
            .filter(|(link, _)| *link == href || (*link != home && href.starts_with(link.as_str())))
            .max_by_key(|(link, _)| link.len())
            .map_or_else(Vec::new, marked)
    }

    /// An article's section: its category's link, when the menu has it.
    pub(super) fn category_section(&self, lang: &Lang, category: Option<&str>) -> Vec<String> {
        let Some(href) = category.and_then(|c| self.term_href(lang, Taxonomy::Category, c)) else {
            return Vec::new();
        };
        (lang.menu_links.iter())
            .find(|(link, _)| *link == href)
            .map_or_else(Vec::new, marked)
    }

    /// A menu `url` naming a path of this site that the render did not
    /// make is an error at its place in config.yaml.
    pub(super) fn check_menu_paths(&self, is_output: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
        let site = self.site;
        let mut errors: Vec<Diagnostic> = (site.menus.values())
            .flat_map(|menus| menus.main.iter().chain(&menus.footer).flatten())
            .flat_map(|item| std::iter::once(item).chain(&item.children))
            .filter_map(|item| item.site_path.as_ref())
            .filter(|(path, _)| !is_output(&path.output_file()))
            .map(|(path, (line, column))| {
                Diagnostic::error(
                    &site.config_path,
                    crate::msg!("menu-url-nowhere", url = diag::shown(&site.urls.href(path))),
                )
                .at(*line, *column)
            })
            .collect();
        errors.sort_by_key(|d| d.to_string());
        errors.dedup_by_key(|d| d.to_string());
        errors
    }
}
