//! The feed formats (RSS 2.0, JSON Feed 1.1 and Atom): where each one's
//! file goes, how pages link to it, and its writer. A new format is a row
//! of `FORMATS` and its head and item writers.
//!
//! Feeds carry each article's summary and lead image; with
//! `feeds.full_content: true` also its whole HTML, which the article
//! renderer keeps for the articles feeds show (see `feeds.rs`). Dates come
//! from the articles, never from the clock, so feeds are deterministic.

use std::fmt::Write;

use jiff::Timestamp;

use super::json_feed::{json_head, json_item};
use super::views::{FeedLink, image_absolute};
use crate::config::Language;
use crate::images::Images;
use crate::site::{Article, Site, SitePath, Taxonomy, Urls};
use crate::source::lead_images::mime_type;
use crate::text::dates;
use crate::text::escape::escape_markup as escape;

/// A feed format: where its file goes, how pages link to it, how it is
/// written. Every language's home has one of each; a category has those
/// marked `per_category`.
pub(super) struct FeedFormat {
    /// Its file in the listing's folder.
    pub file: &'static str,
    /// As link titles name it.
    pub name: &'static str,
    pub mime: &'static str,
    pub per_category: bool,
    /// Writes what comes before the items (an XML format's declaration too).
    head: fn(&mut String, &Site, &FeedSpec),
    /// Writes one item, given its article's absolute URL.
    item: fn(&mut String, &Site, &FeedEntry, &str),
    /// Written between two items.
    separator: &'static str,
    tail: &'static str,
    /// Room for one item.
    item_room: usize,
}

impl FeedFormat {
    pub fn write(&self, site: &Site, feed: &FeedSpec) -> Vec<u8> {
        let mut xml = String::with_capacity(1024 + feed.articles.len() * self.item_room);
        (self.head)(&mut xml, site, feed);
        for (i, entry) in feed.articles.iter().enumerate() {
            if i > 0 {
                xml.push_str(self.separator);
            }
            let url = site.urls.absolute(&entry.article.path);
            (self.item)(&mut xml, site, entry, &url);
        }
        xml.push_str(self.tail);
        xml.into_bytes()
    }
}

/// The feed formats, in the order pages link to them.
pub(super) const FORMATS: [FeedFormat; 3] = [
    FeedFormat {
        file: "rss.xml",
        name: "RSS",
        mime: "application/rss+xml",
        per_category: true,
        head: rss_head,
        item: rss_item,
        separator: "",
        tail: "</channel>\n</rss>\n",
        item_room: 768,
    },
    FeedFormat {
        file: "feed.json",
        name: "JSON Feed",
        mime: "application/feed+json",
        per_category: true,
        head: json_head,
        item: json_item,
        separator: ",\n",
        tail: "\n]}\n",
        item_room: 640,
    },
    FeedFormat {
        file: "atom.xml",
        name: "Atom",
        mime: "application/atom+xml",
        per_category: false,
        head: atom_head,
        item: atom_item,
        separator: "",
        tail: "</feed>\n",
        item_room: 768,
    },
];

/// The `<link rel="alternate">` of a listing's feed in `format`; `title`
/// is the feed's.
pub(super) fn feed_link(
    urls: &Urls,
    listing: &SitePath,
    title: &str,
    format: &FeedFormat,
) -> FeedLink {
    FeedLink {
        title: format!("{title} ({})", format.name),
        href: urls.href(&urls.feed(listing, format.file)),
        mime: format.mime,
    }
}

/// The taxonomies whose terms have feeds of their own: a reader follows a
/// section or a journalist.
pub(super) const TERMS_WITH_FEEDS: [Taxonomy; 2] = [Taxonomy::Category, Taxonomy::Author];

/// The feeds of a category's (or an author's) listing: its formats, with
/// its feed title.
pub(super) fn category_feeds<'f>(
    category: &str,
    language: &Language,
) -> (String, impl Iterator<Item = &'f FeedFormat>) {
    let title = format!("{category} – {}", language.title);
    (title, FORMATS.iter().filter(|format| format.per_category))
}

/// Plain text for an RSS element that readers show as HTML (a title, a
/// description, a creator): escaped as HTML, then as XML, so `<img …>` in
/// an editor's text reaches the reader as text, never as an element. Only
/// `& < >` matter in HTML text; quotes stay as they are for readers that
/// show a title as plain text. Atom says `type="text"` instead, so its
/// elements are escaped once.
fn html_text(text: &str) -> String {
    let html = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    escape(&html)
}

/// What one feed is about.
pub struct FeedSpec<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub lang: &'a str,
    /// The HTML page the feed follows.
    pub page: &'a SitePath,
    /// The feed's own path.
    pub path: &'a SitePath,
    /// Newest first, already cut to the feed's length.
    pub articles: Vec<FeedEntry<'a>>,
}

/// One article in a feed.
pub struct FeedEntry<'a> {
    pub article: &'a Article,
    pub summary: &'a str,
    /// Its whole HTML, with `feeds.full_content: true`.
    pub content: Option<&'a str>,
    /// Its lead image.
    pub image: Option<FeedImage>,
}

/// An article's lead image as feeds announce it.
#[derive(Hash)]
pub(super) struct FeedImage {
    pub url: String,
    pub mime: Option<&'static str>,
    /// Bytes of its file, when it is one of the site's.
    pub length: Option<u64>,
    pub size: Option<(u32, u32)>,
}

/// An article's lead image as feeds announce it: the published file the
/// images stage made of it (a photo's widest variant), else the image as
/// written (another site's, a static GIF or SVG), measured when it is a
/// static file.
pub(super) fn feed_image(site: &Site, images: &Images, article: &Article) -> Option<FeedImage> {
    let image = article.source.front.image.as_deref()?;
    if let Some(file) = images.lead_file(article) {
        return Some(FeedImage {
            url: site.urls.absolute(&file.path),
            mime: Some(file.mime),
            length: Some(file.length),
            size: file.size,
        });
    }
    let file = site.lead_images.get(image);
    Some(FeedImage {
        url: image_absolute(site, article, image),
        mime: file.map(|f| f.mime).or_else(|| mime_type(image)),
        length: file.map(|f| f.length),
        size: file.and_then(|f| f.size),
    })
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

fn rss_head(xml: &mut String, site: &Site, feed: &FeedSpec) {
    let zone = &site.config.timezone;
    let newest = feed
        .articles
        .first()
        .map_or(Timestamp::UNIX_EPOCH, |e| e.article.source.front.date);
    xml.push_str(XML_DECLARATION);
    xml.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n");
    let _ = writeln!(xml, "<title>{}</title>", html_text(feed.title));
    let _ = writeln!(
        xml,
        "<link>{}</link>",
        escape(&site.urls.absolute(feed.page))
    );
    let _ = writeln!(
        xml,
        "<description>{}</description>",
        html_text(feed.description)
    );
    let _ = writeln!(xml, "<language>{}</language>", escape(feed.lang));
    let _ = writeln!(
        xml,
        "<lastBuildDate>{}</lastBuildDate>",
        dates::rfc2822(newest, zone)
    );
    let _ = writeln!(
        xml,
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(&site.urls.absolute(feed.path))
    );
}

fn rss_item(xml: &mut String, site: &Site, entry: &FeedEntry, url: &str) {
    let zone = &site.config.timezone;
    let front = &entry.article.source.front;
    let url = escape(url);
    xml.push_str("<item>\n");
    let _ = writeln!(xml, "<title>{}</title>", html_text(&front.title));
    let _ = writeln!(xml, "<link>{url}</link>");
    let _ = writeln!(xml, "<guid isPermaLink=\"true\">{url}</guid>");
    let _ = writeln!(
        xml,
        "<pubDate>{}</pubDate>",
        dates::rfc2822(front.date, zone)
    );
    for author in &front.authors {
        let _ = writeln!(xml, "<dc:creator>{}</dc:creator>", html_text(author));
    }
    if let Some(category) = &front.category {
        let _ = writeln!(xml, "<category>{}</category>", escape(category));
    }
    let _ = writeln!(
        xml,
        "<description>{}</description>",
        html_text(entry.summary)
    );
    if let Some(content) = entry.content {
        let _ = writeln!(
            xml,
            "<content:encoded>{}</content:encoded>",
            escape(content)
        );
    }
    if let Some(image) = &entry.image {
        let image_url = escape(&image.url);
        let length = image.length.unwrap_or(0);
        if let Some(mime) = image.mime {
            // The RSS Advisory Board's rule: a length not known is 0.
            let _ = writeln!(
                xml,
                "<enclosure url=\"{image_url}\" length=\"{length}\" type=\"{mime}\"/>"
            );
        }
        let _ = write!(xml, "<media:content url=\"{image_url}\" medium=\"image\"");
        if let Some(mime) = image.mime {
            let _ = write!(xml, " type=\"{mime}\"");
        }
        if let Some(length) = image.length {
            let _ = write!(xml, " fileSize=\"{length}\"");
        }
        if let Some((width, height)) = image.size {
            let _ = write!(xml, " width=\"{width}\" height=\"{height}\"");
        }
        xml.push_str("/>\n");
    }
    xml.push_str("</item>\n");
}

fn atom_head(xml: &mut String, site: &Site, feed: &FeedSpec) {
    let zone = &site.config.timezone;
    let newest = feed
        .articles
        .iter()
        .map(|e| e.article.last_change())
        .max()
        .unwrap_or(Timestamp::UNIX_EPOCH);
    let page_url = escape(&site.urls.absolute(feed.page));
    xml.push_str(XML_DECLARATION);
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(feed.lang)
    );
    let _ = writeln!(xml, "<title type=\"text\">{}</title>", escape(feed.title));
    let _ = writeln!(
        xml,
        "<subtitle type=\"text\">{}</subtitle>",
        escape(feed.description)
    );
    let _ = writeln!(
        xml,
        "<link href=\"{page_url}\" rel=\"alternate\" type=\"text/html\"/>"
    );
    let _ = writeln!(
        xml,
        "<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape(&site.urls.absolute(feed.path))
    );
    let _ = writeln!(xml, "<id>{page_url}</id>");
    let _ = writeln!(xml, "<updated>{}</updated>", dates::rfc3339(newest, zone));
    let _ = writeln!(xml, "<author><name>{}</name></author>", escape(feed.title));
}

fn atom_item(xml: &mut String, site: &Site, entry: &FeedEntry, url: &str) {
    let zone = &site.config.timezone;
    let article = entry.article;
    let front = &article.source.front;
    let url = escape(url);
    xml.push_str("<entry>\n");
    let _ = writeln!(xml, "<title type=\"text\">{}</title>", escape(&front.title));
    let _ = writeln!(
        xml,
        "<link href=\"{url}\" rel=\"alternate\" type=\"text/html\"/>"
    );
    let _ = writeln!(xml, "<id>{url}</id>");
    let _ = writeln!(
        xml,
        "<published>{}</published>",
        dates::rfc3339(front.date, zone)
    );
    let _ = writeln!(
        xml,
        "<updated>{}</updated>",
        dates::rfc3339(article.last_change(), zone)
    );
    for author in &front.authors {
        let _ = writeln!(xml, "<author><name>{}</name></author>", escape(author));
    }
    if let Some(category) = &front.category {
        let _ = writeln!(xml, "<category term=\"{}\"/>", escape(category));
    }
    let _ = writeln!(
        xml,
        "<summary type=\"text\">{}</summary>",
        escape(entry.summary)
    );
    if let Some(content) = entry.content {
        let _ = writeln!(xml, "<content type=\"html\">{}</content>", escape(content));
    }
    if let Some(image) = &entry.image {
        let _ = write!(
            xml,
            "<link rel=\"enclosure\" href=\"{}\"",
            escape(&image.url)
        );
        if let Some(mime) = image.mime {
            let _ = write!(xml, " type=\"{mime}\"");
        }
        if let Some(length) = image.length {
            let _ = write!(xml, " length=\"{length}\"");
        }
        xml.push_str("/>\n");
    }
    xml.push_str("</entry>\n");
}
