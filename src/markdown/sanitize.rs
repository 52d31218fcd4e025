//! Output safety: URL scheme checks, HTML escaping, and the ammonia pass for raw HTML.

use std::sync::OnceLock;

/// Text escaping is shared with the rest of bantin.
pub(super) use crate::text::escape::push_escaped;

/// Schemes a link or image may use; anything else (javascript:, data:, vbscript:, …) is unsafe.
const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// The only `style` values kept: the ones pulldown-cmark writes for aligned table columns.
const ALIGN_STYLES: [&str; 3] = [
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// Whether a destination is relative or uses a safe scheme. Reads it as a browser does:
/// control characters (tab, newline…) anywhere are ignored, surrounding spaces trimmed,
/// the scheme is case-insensitive.
pub(super) fn is_safe_url(url: &str) -> bool {
    match url_scheme(url) {
        None => true,
        Some(scheme) => SAFE_SCHEMES.contains(&scheme.as_str()),
    }
}

/// The scheme a browser would read in `url`, lowercased; None for a relative URL. Control
/// characters (tab, newline…) anywhere are ignored and surrounding spaces trimmed, as
/// browsers do, so "java\tscript:" is read as "javascript".
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_ascii_control()).collect();
    scheme(cleaned.trim()).map(str::to_ascii_lowercase)
}

/// The URL's scheme, if it has one by the URL standard's rules (letter, then letters, digits,
/// '+', '-', '.', then ':', before any '/', '?' or '#'). Without one a URL is relative.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let starts_alpha = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let valid =
        starts_alpha && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (url[end..].starts_with(':') && valid).then_some(candidate)
}

/// Appends a URL for a quoted attribute the way pulldown-cmark writes hrefs: bytes that are
/// not URL-safe ASCII are percent-encoded, `&` and `'` entity-escaped.
pub(super) fn push_href(out: &mut String, url: &str) {
    const SAFE_PUNCT: &[u8] = b"!#$%()*+,-./:;=?@^_~";
    for byte in url.bytes() {
        match byte {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#39;"),
            b if b.is_ascii_alphanumeric() || SAFE_PUNCT.contains(&b) => out.push(char::from(b)),
            b => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
}

/// Deepest raw-HTML nesting handed to ammonia. html5ever's scope checks walk the stack of open
/// elements, so its cost grows with depth × tags; past this a page's raw HTML is escaped
/// instead. Browsers stop nesting the DOM at about this depth too.
const MAX_RAW_HTML_DEPTH: usize = 512;

/// Elements that can't nest without a counted ancestor (the parser closes them implicitly),
/// plus void elements, which never hold children.
const NOT_NESTING: [&str; 27] = [
    "p", "li", "dt", "dd", "option", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "caption", "html", "head", "body", "area", "base", "br", "col", "embed", "hr", "img", "input",
    "link", "meta", "wbr",
];

/// Past this average depth per tag, raw HTML is escaped too. Each tag costs html5ever up to
/// the number of open elements (a `</p>` or `<li>` with no match walks them all), so 4 MB
/// of `</p>` under 511 `<div>`s took seconds; real articles average well under 10.
const MAX_AVERAGE_DEPTH: usize = 64;

/// Work (summed depths) that is cheap whatever the average: milliseconds.
const FREE_WORK: usize = 4_000_000;

/// A cheap upper estimate of how deeply raw HTML nests (+1 per start tag, -1 per end tag)
/// and of the work nesting costs the sanitizer (the depth at each tag, summed).
#[derive(Default)]
pub(super) struct DepthGauge {
    depth: usize,
    max: usize,
    tags: usize,
    work: usize,
}

impl DepthGauge {
    /// Whether sanitizing would take more than linear time: nesting past
    /// [`MAX_RAW_HTML_DEPTH`], or tags that are deep on average.
    pub(super) fn too_costly(&self) -> bool {
        self.max > MAX_RAW_HTML_DEPTH
            || self.work > MAX_AVERAGE_DEPTH.saturating_mul(self.tags).max(FREE_WORK)
    }

    pub(super) fn feed(&mut self, html: &str) {
        for (at, _) in html.match_indices('<') {
            let rest = &html[at + 1..];
            let (closing, rest) = match rest.strip_prefix('/') {
                Some(rest) => (true, rest),
                None => (false, rest),
            };
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue; // text, comment, doctype
            }
            let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let name = &rest[..name_len];
            self.tags += 1;
            self.work = self.work.saturating_add(self.depth);
            if NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                continue;
            }
            if closing {
                self.depth = self.depth.saturating_sub(1);
            } else {
                self.depth += 1;
                self.max = self.max.max(self.depth);
            }
        }
    }
}

/// Runs rendered HTML through ammonia, keeping all markup this module generates.
pub(super) fn clean(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Built once: the builder's sets are costly to assemble per page.
fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(["input"])
            // Heading ids, footnote ids, figure/code/footnote classes.
            .add_generic_attributes(["id", "class"])
            .add_tag_attributes("pre", ["data-lang"])
            .add_tag_attribute_values("img", "loading", ["lazy"])
            // Task-list checkboxes: whatever the author wrote, an input stays a disabled checkbox.
            .set_tag_attribute_value("input", "type", "checkbox")
            .set_tag_attribute_value("input", "disabled", "")
            .add_tag_attribute_values("input", "checked", ["", "checked"])
            .add_tag_attribute_values("th", "style", ALIGN_STYLES)
            .add_tag_attribute_values("td", "style", ALIGN_STYLES)
            .url_schemes(SAFE_SCHEMES.into_iter().collect())
            .link_rel(None);
        builder
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_safety() {
        for safe in [
            "https://a.vn/x",
            "HTTP://a",
            "mailto:a@b.vn",
            "tel:+84123",
            "/2023/06/x/",
            "../a.vi.md",
            "#top",
            "x.html?a=b:c",
            "a/b:c",
            "",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " \u{1}javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url:?}");
        }
    }

    #[test]
    fn depth_gauge() {
        let mut gauge = DepthGauge::default();
        gauge.feed("<div class=a><p>x<p>y<br><img src=x>");
        gauge.feed("<!-- c --></div><DIV><Span></span></div> a < b");
        assert_eq!(gauge.max, 2);
        assert_eq!(gauge.depth, 0);
        assert!(!gauge.too_costly());
    }

    #[test]
    fn many_tags_deep_down_are_too_costly() {
        let mut gauge = DepthGauge::default();
        gauge.feed(&"<div>".repeat(500));
        gauge.feed(&"</p>".repeat(1000));
        assert!(!gauge.too_costly(), "a few are fine");
        gauge.feed(&"</p>".repeat(100_000));
        assert!(gauge.too_costly());
        let mut shallow = DepthGauge::default();
        shallow.feed(&"<div><p>x</p><ul><li>a</li></ul></div>".repeat(100_000));
        assert!(!shallow.too_costly());
    }

    #[test]
    fn href_escaping() {
        let mut out = String::new();
        push_href(&mut out, "/a b/đ?x=1&y='\"<>");
        assert_eq!(out, "/a%20b/%C4%91?x=1&amp;y=&#39;%22%3C%3E");
    }
}
