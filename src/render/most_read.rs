//! The most-read page of each language (`xem-nhieu/`, `en/most-read/`):
//! the most read of the last `most_read.days` days, and of all time.

use serde::Serialize;

use super::Renderer;
use super::language::Lang;
use super::listing::Cards;
use super::page::Page;
use super::run::Run;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::site::ArticleId;

/// What the most-read page's template gets as `most_read`.
#[derive(Serialize)]
pub(super) struct MostReadView {
    /// `most_read.days`, as text for the heading's `{days}`.
    pub days: String,
    pub recent: Vec<tera::Value>,
    pub all_time: Vec<tera::Value>,
}

impl Renderer<'_> {
    /// The two lists the page shows.
    fn most_read_lists(&self, code: &str) -> (&[ArticleId], &[ArticleId]) {
        let count = self.site.config.front.most_read_count;
        self.site.fronts.get(code).map_or((&[], &[]), |f| {
            let recent = &f.most_read_recent[..count.min(f.most_read_recent.len())];
            let all = &f.most_read[..count.min(f.most_read.len())];
            (recent, all)
        })
    }

    /// Every language's most-read page, each kept when its key is the one
    /// it was last made from.
    pub(super) fn most_read_pages(&self, cards: &Cards, keys: &[u64], run: &Run) {
        for lang in &self.languages {
            let key = self.most_read_key(lang, keys);
            let file = self.site.urls.most_read(lang.language).output_file();
            if !run.kept(file, key) {
                run.emit(self.most_read_page(lang, cards).map(|p| p.keyed(key)));
            }
        }
    }

    /// The key of a most-read page: its lists and their articles' keys.
    pub(super) fn most_read_key(&self, lang: &Lang, keys: &[u64]) -> u64 {
        let (recent, all) = self.most_read_lists(lang.code());
        let cards: Vec<u64> = recent.iter().chain(all).map(|&id| keys[id]).collect();
        fingerprint::Builder::default()
            .with(&lang.globals)
            .with(&(recent, all))
            .with(&cards)
            .finish()
    }

    pub(super) fn most_read_page(&self, lang: &Lang, cards: &Cards) -> Result<Page, Diagnostic> {
        let urls = &self.site.urls;
        let path = urls.most_read(lang.language);
        let translations = self.everywhere(|l| urls.most_read(l));
        let page = self.page_meta(
            "most_read",
            lang,
            &path,
            lang.string("most_read"),
            &translations,
        );
        let (recent, all) = self.most_read_lists(lang.code());
        let list = |ids: &[ArticleId]| -> Result<Vec<tera::Value>, Diagnostic> {
            ids.iter().map(|&id| self.card(id, cards)).collect()
        };
        let mut context = self.base_context(lang, page);
        context.most_read = Some(MostReadView {
            days: self.site.config.front.most_read_days.to_string(),
            recent: list(recent)?,
            all_time: list(all)?,
        });
        self.html_page("most_read.html", &context, path, None)
    }
}
