//! Files about the site as a whole: the 404 page, alias redirects,
//! `robots.txt` and the sitemap, with the key that says when `serve` must
//! write the sitemap again.

use super::Renderer;
use super::memo::Group;
use super::page::Page;
use super::run::Run;
use super::sitemap;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::site::{ArticleId, SitePath};
use crate::text::escape::escape_markup;

impl Renderer<'_> {
    pub(super) fn not_found(&self) -> Result<Page, Diagnostic> {
        let lang = self.default_lang();
        let heading = lang.string("not_found");
        let homes = self.everywhere(|l| self.site.urls.home(&l.code));
        let mut page = self.page_meta(
            "not_found",
            lang,
            &self.site.urls.not_found(),
            heading,
            &homes,
        );
        page.alternates.clear();
        page.x_default = None;
        let bytes = self.render("404.html", &self.base_context(lang, page))?;
        Ok(Page {
            lang: Some(lang.code().to_string()),
            ..Page::file(self.site.urls.not_found(), bytes)
        })
    }

    pub(super) fn robots(&self) -> Page {
        let urls = &self.site.urls;
        let sitemap = urls.absolute(&urls.sitemap());
        let mut bytes = format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n");
        if self.site.config.news.is_some() {
            let news = urls.absolute(&urls.news_sitemap());
            bytes.push_str(&format!("Sitemap: {news}\n"));
        }
        Page::file(urls.robots(), bytes.into_bytes())
    }

    /// A redirect from an old URL: works on any static host.
    pub(super) fn alias_page(&self, path: &SitePath, id: ArticleId) -> Page {
        let article = &self.site.articles[id];
        let href = escape_markup(&self.site.urls.href(&article.path));
        let absolute = escape_markup(&self.site.urls.absolute(&article.path));
        let title = escape_markup(article.title());
        let bytes = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
             <link rel=\"canonical\" href=\"{absolute}\">\n<meta name=\"robots\" content=\"noindex\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
            lang = article.lang(),
        );
        Page::file(path.clone(), bytes.into_bytes())
    }

    /// The sitemap of every HTML page `run` has seen, or the last one kept
    /// when its key (the pages' entries) is the same.
    pub(super) fn sitemap(&self, run: &Run) -> Group {
        let (entries, entries_key) = {
            let mut c = run.lock();
            (std::mem::take(&mut c.sitemap), c.sitemap_key)
        };
        let sitemap_key = fingerprint::Builder::default()
            .with(&entries_key)
            .with(&entries.len())
            .finish();
        match run.memo().and_then(|m| m.sitemap.as_ref()) {
            Some(group) if group.key == sitemap_key => {
                run.keep_group(group);
                group.clone()
            }
            _ => {
                let files = sitemap::files(entries, &self.site.urls);
                let names = files.iter().map(|(path, _)| path.output_file()).collect();
                for (path, bytes) in files {
                    run.emit(Ok(Page::file(path, bytes)));
                }
                Group {
                    key: sitemap_key,
                    files: names,
                }
            }
        }
    }
}
