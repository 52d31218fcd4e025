//! `sitemap.xml`: every HTML page with its last change and its translations
//! (`xhtml:link` hreflang alternates, plus `x-default`). Past the
//! sitemaps.org limit of 50,000 URLs it becomes a sitemap index over
//! numbered parts.

use std::fmt::Write;
use std::sync::Arc;

use rayon::prelude::*;

use crate::site::{SitePath, Urls};
use crate::text::escape::{escape_markup as escape, push_escaped};

/// The sitemaps.org limit of URLs per file.
pub const MAX_URLS: usize = 50_000;

/// One page's `<url>` element, made with the page (so in parallel, and
/// one allocation per page rather than one per value). Entries sort by
/// location first.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SitemapEntry {
    xml: String,
    /// Where the (escaped) location is in `xml`.
    loc: std::ops::Range<usize>,
}

impl Ord for SitemapEntry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.loc()
            .cmp(other.loc())
            .then_with(|| self.xml.cmp(&other.xml))
    }
}

impl PartialOrd for SitemapEntry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl SitemapEntry {
    fn loc(&self) -> &str {
        &self.xml[self.loc.clone()]
    }

    /// `alternates` are (hreflang, absolute URL), this page's own language
    /// included; `x_default` is written only when there are alternates.
    pub fn new(
        loc: &str,
        lastmod: Option<&str>,
        alternates: &[(&str, &str)],
        x_default: Option<&str>,
    ) -> SitemapEntry {
        let mut xml = String::with_capacity(64 + loc.len() + alternates.len() * 128);
        xml.push_str("<url>\n<loc>");
        let start = xml.len();
        push_escaped(&mut xml, loc);
        let loc = start..xml.len();
        xml.push_str("</loc>\n");
        if let Some(lastmod) = lastmod {
            xml.push_str("<lastmod>");
            push_escaped(&mut xml, lastmod);
            xml.push_str("</lastmod>\n");
        }
        let x_default = x_default.filter(|_| !alternates.is_empty());
        for (lang, href) in alternates
            .iter()
            .chain(x_default.map(|href| ("x-default", href)).as_ref())
        {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            push_escaped(&mut xml, lang);
            xml.push_str("\" href=\"");
            push_escaped(&mut xml, href);
            xml.push_str("\"/>\n");
        }
        xml.push_str("</url>\n");
        SitemapEntry { xml, loc }
    }
}

/// The sitemap files to write, with their paths.
pub fn files(mut entries: Vec<Arc<SitemapEntry>>, urls: &Urls) -> Vec<(SitePath, Vec<u8>)> {
    // Sorted for a stable file; in parallel, as it is tens of thousands.
    entries.par_sort_unstable();
    if entries.len() <= MAX_URLS {
        return vec![(urls.sitemap(), urlset(&entries))];
    }
    let parts: Vec<(SitePath, Vec<u8>)> = entries
        .chunks(MAX_URLS)
        .enumerate()
        .map(|(i, chunk)| (urls.sitemap_part(i + 1), urlset(chunk)))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, _) in &parts {
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&urls.absolute(path))
        );
    }
    index.push_str("</sitemapindex>\n");
    let mut files = vec![(urls.sitemap(), index.into_bytes())];
    files.extend(parts);
    files
}

fn urlset(entries: &[Arc<SitemapEntry>]) -> Vec<u8> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    const TAIL: &str = "</urlset>\n";
    let size = HEAD.len() + entries.iter().map(|e| e.xml.len()).sum::<usize>() + TAIL.len();
    let mut xml = Vec::with_capacity(size);
    xml.extend_from_slice(HEAD.as_bytes());
    for entry in entries {
        xml.extend_from_slice(entry.xml.as_bytes());
    }
    xml.extend_from_slice(TAIL.as_bytes());
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> Arc<SitemapEntry> {
        Arc::new(SitemapEntry::new(
            &format!("https://e.org/{i:06}/"),
            None,
            &[],
            None,
        ))
    }

    #[test]
    fn splits_into_an_index_past_the_limit() {
        let urls = Urls::for_tests("https://e.org/");
        let files = files((0..MAX_URLS + 1).map(entry).collect(), &urls);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(
            index.contains("<sitemapindex")
                && index.contains("<loc>https://e.org/sitemap-2.xml</loc>")
        );
        let last = String::from_utf8(files[2].1.clone()).unwrap();
        assert_eq!(last.matches("<url>").count(), 1);
    }

    #[test]
    fn one_file_up_to_the_limit() {
        let files = files(
            (0..3).map(entry).collect(),
            &Urls::for_tests("https://e.org/"),
        );
        assert_eq!(files.len(), 1);
        assert!(
            String::from_utf8(files[0].1.clone())
                .unwrap()
                .starts_with("<?xml")
        );
    }
}
