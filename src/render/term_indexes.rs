//! Index pages over a language's terms: the archive of years and months,
//! and each taxonomy's list of terms with their counts.

use jiff::Timestamp;

use super::Renderer;
use super::language::Lang;
use super::page::Page;
use super::views::{TermCount, archive_view};
use crate::diag::Diagnostic;
use crate::site::Taxonomy;
impl<'a> Renderer<'a> {
    /// The newest change among a language's articles: the last-modified date
    /// of pages that summarise the whole language.
    fn language_lastmod(&self, lang: &str) -> Option<Timestamp> {
        self.site
            .articles_in(lang)
            .iter()
            .map(|&id| self.site.articles[id].last_change())
            .max()
    }

    pub(super) fn archive_index(&self, lang: &Lang) -> Result<Page, Diagnostic> {
        let language = lang.language;
        let site = self.site;
        let path = site.urls.archive_index(language);
        let formats = &lang.formats;
        let translations = self.everywhere(|l| site.urls.archive_index(l));
        let heading = lang.string("archive");
        let page = self.page_meta("archive", lang, &path, heading, &translations);
        let years = site
            .archives
            .get(&language.code)
            .map_or(&[][..], Vec::as_slice);
        let mut context = self.base_context(lang, page);
        context.archive = Some(archive_view(site, language, years, formats));
        self.html_page(
            "archive.html",
            &context,
            path,
            self.language_lastmod(&language.code),
        )
    }

    pub(super) fn term_index(&self, lang: &Lang, taxonomy: Taxonomy) -> Result<Page, Diagnostic> {
        let language = lang.language;
        let site = self.site;
        let path = site.urls.term_index(language, taxonomy);
        let translations = self.everywhere(|l| site.urls.term_index(l, taxonomy));
        let heading = lang.string(taxonomy.key());
        let page = self.page_meta(taxonomy.key(), lang, &path, heading, &translations);
        let mut terms: Vec<TermCount> = site
            .terms(&language.code, taxonomy)
            .map(|l| TermCount {
                name: &l.name,
                href: site.urls.href(&l.path),
                count: l.articles.len(),
            })
            .collect();
        terms.sort_by(|a, b| {
            crate::text::slug::fold_marks(a.name)
                .cmp(&crate::text::slug::fold_marks(b.name))
                .then_with(|| a.href.cmp(&b.href))
        });
        let mut context = self.base_context(lang, page);
        context.terms = Some(terms);
        self.html_page(
            "terms.html",
            &context,
            path,
            self.language_lastmod(&language.code),
        )
    }
}
