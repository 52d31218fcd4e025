//! The paths bantin writes files of its own to (feeds, sitemaps, the data
//! API, search indexes, derived images, robots.txt, the 404 page and the
//! pages made from the model alone), so that an alias (`aliases:`) that
//! would take one is an error at the alias, in `build`, `check` and
//! `serve`, before anything is written. (An alias that takes an
//! article's or a listing's URL is found by `site::alias_clashes`.)

use rustc_hash::FxHashMap;

use super::feed_formats::{FORMATS, TERMS_WITH_FEEDS};
use crate::diag::Diagnostic;
use crate::msg;
use crate::site::{Site, SitePath, Taxonomy};
use crate::text::slug::fold_case;

/// What bantin makes at fixed paths: whole files, and folders it owns.
struct Generated {
    /// Output file (case folded) → the path it serves.
    files: FxHashMap<String, SitePath>,
    /// Folders (case folded) every file below which is bantin's.
    folders: Vec<(String, SitePath)>,
}

impl Generated {
    fn of(site: &Site) -> Generated {
        let urls = &site.urls;
        let mut files = vec![urls.robots(), urls.sitemap(), urls.not_found()];
        if site.config.news.is_some() {
            files.push(urls.news_sitemap());
        }
        let mut folders = vec![urls.image_file("")];
        for language in &site.config.languages {
            let lang = language.code.as_str();
            let home = urls.home(lang);
            files.extend([
                urls.search(language),
                urls.archive_index(language),
                urls.site_map(language),
                urls.most_read(language),
                urls.search_index(lang),
            ]);
            files.extend(Taxonomy::ALL.map(|t| urls.term_index(language, t)));
            files.extend(FORMATS.iter().map(|format| urls.feed(&home, format.file)));
            for taxonomy in TERMS_WITH_FEEDS {
                for listing in site.terms(lang, taxonomy) {
                    let formats = FORMATS.iter().filter(|format| format.per_category);
                    files.extend(formats.map(|format| urls.feed(&listing.path, format.file)));
                }
            }
            folders.push(urls.api_folder(lang));
            // The search index names its manifest's parts below this folder.
            folders.push(urls.search_file(&home, "search/"));
        }
        Generated {
            files: (files.into_iter())
                .map(|path| (fold_case(&path.output_file()), path))
                .collect(),
            folders: (folders.into_iter())
                .map(|path| (fold_case(path.as_str()), path))
                .collect(),
        }
    }

    /// What of bantin's the output file `file` (case folded) would take.
    fn taken_by(&self, site: &Site, file: &str) -> Option<SitePath> {
        if let Some(path) = self.files.get(file) {
            return Some(path.clone());
        }
        if let Some((_, folder)) = self.folders.iter().find(|(f, _)| file.starts_with(f)) {
            return Some(folder.clone());
        }
        // The parts of a sitemap split past the sitemaps.org limit.
        let part = file.strip_prefix("sitemap-")?.strip_suffix(".xml")?;
        let n: usize = part.parse().ok()?;
        let path = site.urls.sitemap_part(n);
        (fold_case(path.as_str()) == file).then_some(path)
    }
}

/// An error at each alias whose file would be one bantin makes.
pub fn alias_clashes(site: &Site) -> Vec<Diagnostic> {
    if site.aliases.is_empty() {
        return Vec::new();
    }
    let generated = Generated::of(site);
    let mut errors = Vec::new();
    for article in &site.articles {
        let front = &article.source.front;
        for (alias, &(line, column)) in front.aliases.iter().zip(&front.alias_positions) {
            let path = site.urls.alias(alias);
            let file = fold_case(&path.output_file());
            if let Some(taken) = generated.taken_by(site, &file) {
                let message = msg!(
                    "alias-generated",
                    alias = site.urls.href(&path),
                    generated = site.urls.href(&taken)
                );
                errors.push(Diagnostic::error(&article.source.path, message).at(line, column));
            }
        }
    }
    errors
}
