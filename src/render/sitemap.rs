//! `sitemap.xml`: every HTML page with its last change and its translations
//! (`xhtml:link` hreflang alternates, plus `x-default`). Past the
//! sitemaps.org limit of 50,000 URLs it becomes a sitemap index over
//! numbered parts.

use std::fmt::Write;
use std::sync::Arc;

use rayon::prelude::*;

use crate::text::escape::{escape_markup as escape, push_escaped};

/// The sitemaps.org limit of URLs per file.
pub const MAX_URLS: usize = 50_000;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitemapEntry {
    pub loc: String,
    pub lastmod: Option<String>,
    /// (hreflang, absolute URL), this page's own language included.
    pub alternates: Vec<(String, String)>,
    pub x_default: Option<String>,
}

/// The sitemap files to write, as (file name at the site root, bytes).
/// `base_url` is the site's absolute root, for the index's `<loc>`s.
pub fn files(mut entries: Vec<Arc<SitemapEntry>>, base_url: &str) -> Vec<(String, Vec<u8>)> {
    // Sorted for a stable file; in parallel, as it is tens of thousands.
    entries.par_sort_unstable();
    if entries.len() <= MAX_URLS {
        return vec![("sitemap.xml".to_string(), urlset(&entries))];
    }
    let parts: Vec<(String, Vec<u8>)> = entries
        .chunks(MAX_URLS)
        .enumerate()
        .map(|(i, chunk)| (format!("sitemap-{}.xml", i + 1), urlset(chunk)))
        .collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (name, _) in &parts {
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&format!("{base_url}{name}"))
        );
    }
    index.push_str("</sitemapindex>\n");
    let mut files = vec![("sitemap.xml".to_string(), index.into_bytes())];
    files.extend(parts);
    files
}

fn urlset(entries: &[Arc<SitemapEntry>]) -> Vec<u8> {
    let mut xml = String::with_capacity(256 + entries.len() * 512);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let alternate = |xml: &mut String, lang: &str, href: &str| {
        xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
        push_escaped(xml, lang);
        xml.push_str("\" href=\"");
        push_escaped(xml, href);
        xml.push_str("\"/>\n");
    };
    for entry in entries {
        xml.push_str("<url>\n<loc>");
        push_escaped(&mut xml, &entry.loc);
        xml.push_str("</loc>\n");
        if let Some(lastmod) = &entry.lastmod {
            xml.push_str("<lastmod>");
            push_escaped(&mut xml, lastmod);
            xml.push_str("</lastmod>\n");
        }
        for (lang, href) in &entry.alternates {
            alternate(&mut xml, lang, href);
        }
        if let (Some(href), false) = (&entry.x_default, entry.alternates.is_empty()) {
            alternate(&mut xml, "x-default", href);
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize) -> Arc<SitemapEntry> {
        Arc::new(SitemapEntry {
            loc: format!("https://e.org/{i:06}/"),
            lastmod: None,
            alternates: Vec::new(),
            x_default: None,
        })
    }

    #[test]
    fn splits_into_an_index_past_the_limit() {
        let files = files((0..MAX_URLS + 1).map(entry).collect(), "https://e.org/");
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
        let files = files((0..3).map(entry).collect(), "https://e.org/");
        assert_eq!(files.len(), 1);
        assert!(
            String::from_utf8(files[0].1.clone())
                .unwrap()
                .starts_with("<?xml")
        );
    }
}
