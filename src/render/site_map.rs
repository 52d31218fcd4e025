//! The site map page ("Sơ đồ cổng"): `so-do-cong/`, `en/sitemap/`. It lists
//! the language's menus, its standalone pages (by URL, so a page sits
//! under the page of its folder) and its categories (`site.categories`),
//! for readers who look for what a portal publishes rather than for news.

use serde::Serialize;

use super::Renderer;
use super::language::Lang;
use super::page::Page;
use crate::diag::Diagnostic;

#[derive(Serialize)]
pub struct SiteMapView<'a> {
    pub pages: Vec<SiteMapPage<'a>>,
}

#[derive(Serialize)]
pub struct SiteMapPage<'a> {
    pub title: &'a str,
    pub href: String,
    /// How many folders the page is below `pages/`: 0 at the top.
    pub depth: usize,
}

impl Renderer<'_> {
    pub(super) fn site_map_page(&self, lang: &Lang) -> Result<Page, Diagnostic> {
        let site = self.site;
        let urls = &site.urls;
        let path = urls.site_map(lang.language);
        let translations = self.everywhere(|l| urls.site_map(l));
        let meta = self.page_meta(
            "site_map",
            lang,
            &path,
            lang.string("site_map"),
            &translations,
        );
        let mut pages: Vec<SiteMapPage> = (site.pages_in(lang.code()))
            .map(|id| {
                let page = &site.articles[id];
                SiteMapPage {
                    title: page.title(),
                    href: urls.href(&page.path),
                    depth: page.source.dir.matches('/').count(),
                }
            })
            .collect();
        pages.sort_by(|a, b| a.href.cmp(&b.href));
        let mut context = self.base_context(lang, meta);
        context.site_map = Some(SiteMapView { pages });
        self.html_page("site_map.html", &context, path, None)
    }
}
