//! Embedded players in raw HTML: which `<iframe>` hosts `markdown.embeds`
//! lets in, which `<video>`/`<audio>` sources count as the site's own, and
//! the pass that takes out, after ammonia, the embeds it left unusable.
//!
//! ammonia decides attribute by attribute, so a frame from a host not
//! allowed keeps its tag and loses its `src`; an element cannot be dropped
//! for what an attribute says. [`drop_unusable`] finishes the job on
//! ammonia's output, whose form is fixed (lower-case names, attributes
//! double-quoted, `"` escaped), so a plain scan reads it exactly.

use crate::diag::shown;

/// The hosts (with an optional path prefix) whose frames articles may embed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Embeds {
    allowed: Vec<EmbedHost>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct EmbedHost {
    /// Lower-case; its subdomains match too (`www.youtube.com`).
    host: String,
    /// `""`, or a path prefix like `/embed` that the frame's path must start with.
    path: String,
}

/// YouTube's two players and Vimeo's: the embeds a news portal pastes most.
pub const DEFAULT_EMBEDS: [&str; 3] = [
    "youtube-nocookie.com",
    "youtube.com/embed",
    "player.vimeo.com",
];

impl Default for Embeds {
    fn default() -> Self {
        Embeds::parse(DEFAULT_EMBEDS.iter().map(|e| e.to_string())).unwrap_or(Embeds {
            allowed: Vec::new(),
        })
    }
}

impl Embeds {
    /// Each entry is a host, optionally with a path: `player.vimeo.com`,
    /// `youtube.com/embed`. Every bad entry is one message.
    pub fn parse(entries: impl IntoIterator<Item = String>) -> Result<Embeds, Vec<String>> {
        let mut allowed = Vec::new();
        let mut errors = Vec::new();
        for entry in entries {
            let trimmed = entry.trim().trim_end_matches('/').to_ascii_lowercase();
            let (host, path) = match trimmed.find('/') {
                Some(slash) => (&trimmed[..slash], &trimmed[slash..]),
                None => (trimmed.as_str(), ""),
            };
            let host_ok = !host.is_empty()
                && host.contains('.')
                && (host.chars()).all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'));
            if !host_ok || entry.contains("://") || path.contains(['?', '#', ' ']) {
                errors.push(crate::msg!("embeds-host", entry = shown(&entry)));
                continue;
            }
            allowed.push(EmbedHost {
                host: host.to_string(),
                path: path.to_string(),
            });
        }
        if errors.is_empty() {
            Ok(Embeds { allowed })
        } else {
            Err(errors)
        }
    }

    /// The entry that covers `host` (the site's own, say), whatever its path.
    pub fn entry_for_host(&self, host: &str) -> Option<String> {
        let host = host.to_ascii_lowercase();
        (self.allowed.iter())
            .find(|allowed| host_matches(&host, &allowed.host))
            .map(|allowed| format!("{}{}", allowed.host, allowed.path))
    }

    /// Whether a frame may show `src`: an https (or protocol-relative) URL
    /// on an allowed host or its subdomain, under the entry's path.
    pub fn allows(&self, src: &str) -> bool {
        let src = src.trim();
        let Some(rest) = (src.get(..8))
            .filter(|s| s.eq_ignore_ascii_case("https://"))
            .map(|_| &src[8..])
            .or_else(|| src.strip_prefix("//"))
        else {
            return false;
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(end);
        // No user info (`youtube.com@evil.example`), no port.
        if authority.contains(['@', ':', '\\']) {
            return false;
        }
        let host = authority.to_ascii_lowercase();
        self.allowed.iter().any(|allowed| {
            let host_matches = host_matches(&host, &allowed.host);
            let path_matches = path.strip_prefix(&allowed.path).is_some_and(|after| {
                allowed.path.is_empty() || after.is_empty() || after.starts_with(['/', '?', '#'])
            });
            host_matches && path_matches
        })
    }
}

/// `host` is `allowed` or one of its subdomains.
fn host_matches(host: &str, allowed: &str) -> bool {
    host == allowed
        || host
            .strip_suffix(allowed)
            .is_some_and(|sub| sub.ends_with('.'))
}

/// Whether a `<video>`/`<audio>` source is on the site: a path, not a URL
/// of another host (which would track readers and may vanish).
pub fn on_site(src: &str) -> bool {
    let src = src.trim();
    !src.is_empty() && !src.starts_with("//") && super::sanitize::url_scheme(src).is_none()
}

/// Removes from sanitised HTML each `<iframe>` left without `src` or
/// `title`, and each `<video>`/`<audio>` with no source left.
pub(super) fn drop_unusable(html: String) -> String {
    if !html.contains("<iframe") && !html.contains("<video") && !html.contains("<audio") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = find_embed(rest) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (name, tag_end) = start_tag(rest);
        let element_end = element_end(rest, name, tag_end);
        let element = &rest[..element_end];
        let usable = match name {
            "iframe" => attribute(element, "src").is_some() && has_title(element),
            _ => has_source(element),
        };
        if usable {
            out.push_str(element);
        }
        rest = &rest[element_end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `<iframe>`, `<video>` or `<audio>` start tag is, going
/// tag by tag: a `<` inside an attribute value is not a tag.
fn find_embed(html: &str) -> Option<usize> {
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let tag = &html[at + offset..];
        let (name, tag_end) = start_tag(tag);
        if matches!(name, "iframe" | "video" | "audio") {
            return Some(at + offset);
        }
        at += offset + tag_end.max(1);
    }
    None
}

/// The element's name and the end of its start tag. Attribute values are
/// double-quoted in ammonia's output, so a `>` inside one is skipped.
fn start_tag(html: &str) -> (&str, usize) {
    let name_end = html[1..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .map_or(html.len(), |i| i + 1);
    let mut quoted = false;
    for (i, b) in html.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return (&html[1..name_end], i + 1),
            _ => {}
        }
    }
    (&html[1..name_end], html.len())
}

/// Where the element that starts `html` ends: after its end tag (an
/// iframe's text holds no tags; media elements may nest), or at the end.
fn element_end(html: &str, name: &str, tag_end: usize) -> usize {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut depth = 1usize;
    let mut at = tag_end;
    while at < html.len() {
        let next_close = html[at..].find(&close).map(|i| at + i);
        let next_open = (name != "iframe")
            .then(|| html[at..].find(&open).map(|i| at + i))
            .flatten();
        match (next_open, next_close) {
            (Some(open_at), Some(close_at)) if open_at < close_at => {
                depth += 1;
                at = open_at + open.len();
            }
            (_, Some(close_at)) => {
                depth -= 1;
                at = close_at + close.len();
                if depth == 0 {
                    return at;
                }
            }
            (_, None) => return html.len(),
        }
    }
    html.len()
}

/// The value of `name` in the first start tag of `element`.
fn attribute<'h>(element: &'h str, name: &str) -> Option<&'h str> {
    let (_, tag_end) = start_tag(element);
    let tag = &element[..tag_end];
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn has_title(element: &str) -> bool {
    attribute(element, "title").is_some_and(|t| !t.trim().is_empty())
}

/// A media element keeps a source: its own `src`, or a `<source src>`.
fn has_source(element: &str) -> bool {
    attribute(element, "src").is_some()
        || element
            .match_indices("<source ")
            .any(|(at, _)| attribute(&element[at..], "src").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_hosts_and_paths() {
        let embeds = Embeds::default();
        for ok in [
            "https://www.youtube-nocookie.com/embed/abc",
            "https://youtube-nocookie.com/embed/abc",
            "https://www.youtube.com/embed/abc?start=3",
            "HTTPS://player.vimeo.com/video/1",
            "//player.vimeo.com/video/1",
        ] {
            assert!(embeds.allows(ok), "{ok}");
        }
        for no in [
            "http://www.youtube.com/embed/abc",
            "https://www.youtube.com/watch?v=abc",
            "https://www.youtube.com/embedded/abc",
            "https://evil-youtube.com/embed/abc",
            "https://youtube.com.evil.example/embed/x",
            "https://youtube.com@evil.example/embed/x",
            "https://vimeo.com/1",
            "javascript:alert(1)",
            "/embed/x",
        ] {
            assert!(!embeds.allows(no), "{no}");
        }
    }

    #[test]
    fn bad_entries_are_errors() {
        let errors = Embeds::parse(["https://x.org".into(), "ok.org/a".into(), "nohost".into()])
            .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn media_on_the_site() {
        assert!(on_site("/media/a.mp4") && on_site("a.mp3"));
        assert!(!on_site("https://cdn.example/a.mp4") && !on_site("//cdn/a.mp4"));
        assert!(!on_site("") && !on_site("data:video/mp4,x"));
    }

    #[test]
    fn unusable_embeds_are_dropped() {
        let html = concat!(
            "<p title=\"<iframe >\">a</p><iframe title=\"t\" sandbox=\"x\"></iframe>",
            "<iframe src=\"https://player.vimeo.com/v\" title=\"Phim > hay\"></iframe>",
            "<iframe src=\"https://player.vimeo.com/v\"></iframe>",
            "<video controls=\"\"><source type=\"video/mp4\">x</video>",
            "<video controls=\"\"><source src=\"/a.mp4\"></video>",
            "<audio controls=\"\"></audio><p>b</p>"
        );
        assert_eq!(
            drop_unusable(html.to_string()),
            concat!(
                "<p title=\"<iframe >\">a</p>",
                "<iframe src=\"https://player.vimeo.com/v\" title=\"Phim > hay\"></iframe>",
                "<video controls=\"\"><source src=\"/a.mp4\"></video>",
                "<p>b</p>"
            )
        );
    }
}
