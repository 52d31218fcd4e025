//! A language resolved once per build: its configuration (code, title, URL
//! words), its UI strings and local formats, its template engine with the
//! `site` and `t` globals, and the fingerprint of all that every page of it
//! shares. Page builders are handed one, and a template context carries its
//! [`LangId`]; nothing looks a language up by its code again per page.

use tera::Tera;

use super::views::{Formats, SiteView};
use super::{LangId, Renderer};
use crate::config::Language;
use crate::fingerprint;
use crate::site::Site;
use crate::theme::Theme;

/// What every page of one language shares.
pub(super) struct Lang<'a> {
    pub id: LangId,
    pub language: &'a Language,
    pub formats: Formats<'a>,
    /// The theme's templates, with `site` and `t` as globals.
    pub engine: Tera,
    /// The fingerprint of configuration, templates, strings and the `site`
    /// global: part of the key of every page of the language.
    pub globals: u64,
    /// The main menu's links, each with its parent's (`menus.rs`).
    pub menu_links: Vec<super::menus::MenuLinkAndParent>,
}

impl<'a> Lang<'a> {
    /// Resolves every configured language, in the configuration's order.
    pub fn resolve_all(site: &'a Site, theme: &'a Theme, templates: &Tera) -> Vec<Lang<'a>> {
        let shared = fingerprint::of(&format!(
            "{:?}{:?}{:?}",
            site.config, theme.templates, theme.i18n
        ));
        let endpoint = site.config.views_endpoint.as_deref();
        (site.config.languages.iter().enumerate())
            .map(|(i, language)| {
                let i18n = (theme.i18n.get(&language.code))
                    .expect("theme::load gives strings to every language");
                let mut engine = templates.clone();
                let mut view = SiteView::new(site, language, endpoint);
                view.site_views = endpoint.map(|_| Formats { i18n }.number(site.site_views));
                let view_key = serde_json::to_string(&view).unwrap_or_default();
                engine.global_context().insert("site", &view);
                engine.global_context().insert("t", &i18n.strings);
                Lang {
                    id: LangId(i),
                    language,
                    formats: Formats { i18n },
                    engine,
                    globals: fingerprint::Builder::default()
                        .with(&shared)
                        .with(&view_key)
                        .finish(),
                    menu_links: super::menus::main_menu_links(site, language),
                }
            })
            .collect()
    }

    pub fn code(&self) -> &'a str {
        &self.language.code
    }

    /// A UI string; empty where the theme has none.
    pub fn string(&self, key: &str) -> String {
        (self.formats.i18n.strings.get(key))
            .cloned()
            .unwrap_or_default()
    }
}

impl<'a> Renderer<'a> {
    /// The language of an article or listing of the model: every one has a
    /// configured language, so the default is only a guard.
    pub(super) fn lang(&self, code: &str) -> &Lang<'a> {
        (self.languages.iter())
            .find(|lang| lang.code() == code)
            .unwrap_or_else(|| self.default_lang())
    }

    /// The configuration's first language.
    pub(super) fn default_lang(&self) -> &Lang<'a> {
        &self.languages[0]
    }

    pub(super) fn by_id(&self, id: LangId) -> &Lang<'a> {
        &self.languages[id.0]
    }
}
