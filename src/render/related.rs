//! What an article page shows of other articles besides its neighbours:
//! its related articles and its language's most read, as teasers made from
//! front matter only (so an edit of another article's text never changes
//! them), and its share links.

use serde::Serialize;

use super::Renderer;
use super::views::image_href;
use crate::fingerprint;
use crate::site::ArticleId;
use crate::text::dates;

/// Most-read articles shown beside an article.
const SIDEBAR_MOST_READ: usize = 5;

/// Another article, as a link with its date.
#[derive(Serialize)]
pub(super) struct Teaser<'a> {
    pub title: &'a str,
    pub href: String,
    pub date_iso: String,
    pub date_display: String,
    pub image: Option<String>,
    pub image_caption: Option<&'a str>,
    pub views_display: Option<String>,
}

/// Plain links that share a page: no script of Facebook's or Zalo's is
/// loaded; the theme's own script adds copying and the Web Share API.
#[derive(Serialize)]
pub(super) struct ShareLinks {
    pub url: String,
    pub facebook: String,
    pub zalo: String,
}

impl ShareLinks {
    pub fn new(url: String) -> ShareLinks {
        let encoded = query_encoded(&url);
        ShareLinks {
            facebook: format!("https://www.facebook.com/sharer/sharer.php?u={encoded}"),
            zalo: format!("https://sp.zalo.me/share?url={encoded}"),
            url,
        }
    }
}

impl<'a> Renderer<'a> {
    pub(super) fn related_ids(&self, id: ArticleId) -> &'a [ArticleId] {
        self.site.related.get(id).map_or(&[], |r| r.as_slice())
    }

    pub(super) fn sidebar_most_read(&self, id: ArticleId) -> &[ArticleId] {
        let shown = self.most_read_shown(self.site.articles[id].lang());
        &shown[..SIDEBAR_MOST_READ.min(shown.len())]
    }

    pub(super) fn teasers(&self, ids: &[ArticleId]) -> Vec<Teaser<'a>> {
        let site = self.site;
        ids.iter()
            .map(|&id| {
                let a = &site.articles[id];
                let front = &a.source.front;
                let formats = &self.lang(a.lang()).formats;
                Teaser {
                    title: &front.title,
                    href: site.urls.href(&a.path),
                    date_iso: dates::rfc3339(front.date, &site.config.timezone),
                    date_display: formats.date(a.local_date),
                    image: front.image.as_ref().map(|i| image_href(site, i)),
                    image_caption: front.image_caption.as_deref(),
                    views_display: a.views.map(|v| formats.number(v)),
                }
            })
            .collect()
    }

    /// What an article page shows of the others: part of its key.
    pub(super) fn extras_key(&self, id: ArticleId) -> u64 {
        let site = self.site;
        let shown = |ids: &[ArticleId]| -> Vec<_> {
            ids.iter()
                .map(|&o| {
                    let a = &site.articles[o];
                    let f = &a.source.front;
                    (
                        &f.title,
                        &a.path,
                        f.date,
                        &f.image,
                        &f.image_caption,
                        a.views,
                    )
                })
                .collect()
        };
        fingerprint::Builder::default()
            .with(&shown(self.related_ids(id)))
            .with(&shown(self.sidebar_most_read(id)))
            .finish()
    }
}

/// `text` as a URL query value: unreserved characters kept, every other
/// byte of its UTF-8 as `%XX`.
fn query_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_links_carry_the_encoded_url_only() {
        let links = ShareLinks::new("https://example.org/2024/06/thác-bản-giốc/?a=1&b".to_string());
        assert_eq!(
            links.facebook,
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.org%2F2024%2F06%2Fth%C3%A1c-b%E1%BA%A3n-gi%E1%BB%91c%2F%3Fa%3D1%26b"
        );
        assert!(
            links
                .zalo
                .starts_with("https://sp.zalo.me/share?url=https%3A%2F%2F")
        );
    }
}
