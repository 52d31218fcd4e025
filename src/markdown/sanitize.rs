//! Output safety: URL scheme checks, HTML escaping, and the ammonia pass for raw HTML.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use super::embeds::{self, Embeds};

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

/// Formatting elements: the ones html5ever keeps in its list of active formatting elements
/// and opens again (copies of them, attributes and all) wherever a block closed them.
const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// More distinct formatting elements left open than this is too costly: real articles leave
/// a few (an unclosed `<b>`, a Word `<font>`).
const MAX_OPEN_FORMATTING: usize = 64;

/// What a copy of a formatting element costs beyond its tag's bytes: a parser node.
const NODE_COST: usize = 32;

/// The copies of formatting elements (bytes + [`NODE_COST`] each) a page may make: this many
/// times its HTML, plus [`FREE_COPIES`]. An unclosed `<b>` over a whole article stays far
/// under; 300 `<b id=…>` left open before 13,000 `<p>` made a 62 MB page from 68 KB.
const MAX_COPIES_PER_BYTE: usize = 2;
const FREE_COPIES: usize = 1 << 20;

/// The most sanitised HTML one page may make: this many times its HTML, plus
/// [`FREE_OUTPUT`]. `&` written as `&amp;` grows five times; anything more is amplification
/// the gauge did not foresee, and is shown as text instead.
const MAX_OUTPUT_PER_BYTE: usize = 6;
const FREE_OUTPUT: usize = 1 << 20;

/// A cheap upper estimate of what sanitising a page's HTML costs: how deeply it nests (+1 per
/// start tag, -1 per end tag), the work nesting costs the parser (the depth at each tag,
/// summed), and the copies of formatting elements it would make (every tag but a formatting
/// one may close the open ones, each of which is then copied where the text goes on).
#[derive(Default)]
pub(super) struct DepthGauge<'h> {
    depth: usize,
    max: usize,
    tags: usize,
    work: usize,
    /// The formatting start tags still open, as written (html5ever's active list).
    formatting: Vec<&'h str>,
    /// Their cost as copies, summed.
    formatting_cost: usize,
    /// More formatting elements open than [`MAX_OPEN_FORMATTING`].
    too_many_formatting: bool,
    copies: usize,
}

impl<'h> DepthGauge<'h> {
    /// Whether sanitizing `len` bytes of HTML would take more than linear time or memory:
    /// nesting past [`MAX_RAW_HTML_DEPTH`], tags that are deep on average, or formatting
    /// elements copied into many blocks.
    pub(super) fn too_costly(&self, len: usize) -> bool {
        self.max > MAX_RAW_HTML_DEPTH
            || self.work > MAX_AVERAGE_DEPTH.saturating_mul(self.tags).max(FREE_WORK)
            || self.too_many_formatting
            || self.copies > MAX_COPIES_PER_BYTE.saturating_mul(len) + FREE_COPIES
    }

    pub(super) fn feed(&mut self, html: &'h str) {
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
            if FORMATTING.iter().any(|f| f.eq_ignore_ascii_case(name)) {
                self.formatting_tag(name, closing, &html[at..]);
            } else {
                self.copies = self.copies.saturating_add(self.formatting_cost);
            }
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

    /// Keeps the list of open formatting elements as html5ever does, near enough: an end tag
    /// closes the last one of its name, a new `<a>` or `<nobr>` the previous one, and a
    /// fourth identical start tag the first of the three before it.
    fn formatting_tag(&mut self, name: &str, closing: bool, tag: &'h str) {
        if self.too_many_formatting {
            return;
        }
        let named = |open: &&str| tag_name(open).eq_ignore_ascii_case(name);
        let mut close = if closing || ["a", "nobr"].iter().any(|n| n.eq_ignore_ascii_case(name)) {
            self.formatting.iter().rposition(named)
        } else {
            None
        };
        // Its text up to `>`; one past a short window is never taken for another.
        let mut window = tag.len().min(256);
        while !tag.is_char_boundary(window) {
            window -= 1;
        }
        let tag = match tag[..window].find('>') {
            Some(end) => &tag[..=end],
            None => &tag[..window],
        };
        if !closing && tag.ends_with('>') {
            let mut same = (self.formatting.iter())
                .enumerate()
                .filter(|(_, open)| **open == tag);
            if let (Some((first, _)), Some(_), Some(_)) = (same.next(), same.next(), same.next()) {
                close = close.or(Some(first));
            }
        }
        if let Some(i) = close {
            let open = self.formatting.remove(i);
            self.formatting_cost -= open.len() + NODE_COST;
        }
        if !closing {
            self.formatting.push(tag);
            self.formatting_cost += tag.len() + NODE_COST;
            self.too_many_formatting = self.formatting.len() > MAX_OPEN_FORMATTING;
        }
    }
}

/// The element name of a start tag as written (`<b id=x>` → `b`).
fn tag_name(tag: &str) -> &str {
    let rest = &tag[1..];
    &rest[..rest.bytes().take_while(u8::is_ascii_alphanumeric).count()]
}

/// Runs rendered HTML through ammonia, keeping all markup this module generates and the
/// embeds `embeds` allows. None when that would cost more than linear time or memory (see
/// [`DepthGauge`]), or make more than [`MAX_OUTPUT_PER_BYTE`] times the HTML.
pub(super) fn clean(html: &str, embeds: &Embeds) -> Option<String> {
    let mut gauge = DepthGauge::default();
    gauge.feed(html);
    if gauge.too_costly(html.len()) {
        return None;
    }
    let mut out = Bounded {
        bytes: Vec::with_capacity(html.len()),
        room: MAX_OUTPUT_PER_BYTE.saturating_mul(html.len()) + FREE_OUTPUT,
    };
    sanitizer(embeds)
        .builder
        .clean(html)
        .write_to(&mut out)
        .ok()?;
    String::from_utf8(out.bytes).ok().map(embeds::drop_unusable)
}

/// A buffer that refuses to grow past `room` bytes.
struct Bounded {
    bytes: Vec<u8>,
    room: usize,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.room {
            return Err(std::io::ErrorKind::OutOfMemory.into());
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// ammonia's builder for one `markdown.embeds`, and the policy it applies, read back from it
/// for [`super::removals`].
pub(super) struct Sanitizer {
    builder: ammonia::Builder<'static>,
    pub policy: Policy,
}

/// What the builder keeps, as sets to look tags and attributes up in.
pub(super) struct Policy {
    pub tags: HashSet<&'static str>,
    pub clean_content_tags: HashSet<&'static str>,
    pub generic_attributes: HashSet<&'static str>,
    pub tag_attributes: HashMap<&'static str, HashSet<&'static str>>,
    pub tag_attribute_values: HashMap<&'static str, HashMap<&'static str, HashSet<&'static str>>>,
    /// Attributes whose value the sanitiser sets, whatever the author wrote.
    pub set_attributes: HashMap<&'static str, HashMap<&'static str, &'static str>>,
    pub url_schemes: HashSet<&'static str>,
    pub embeds: Embeds,
}

/// A frame shows another site's page: scripts run (the players need them) in its own origin,
/// and it may open a new window (the player's link to its site), but it may not navigate the
/// article or submit forms.
pub(super) const IFRAME_SANDBOX: &str =
    "allow-scripts allow-same-origin allow-presentation allow-popups";

/// Built once per `markdown.embeds`: the builder's sets are costly to assemble per page.
pub(super) fn sanitizer(embeds: &Embeds) -> Arc<Sanitizer> {
    static SANITIZERS: Mutex<Vec<(Embeds, Arc<Sanitizer>)>> = Mutex::new(Vec::new());
    let mut sanitizers = SANITIZERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, sanitizer)) = sanitizers.iter().find(|(e, _)| e == embeds) {
        return Arc::clone(sanitizer);
    }
    let sanitizer = Arc::new(build_sanitizer(embeds));
    // A serve session may change its configuration many times: keep the last few.
    if sanitizers.len() >= 4 {
        sanitizers.remove(0);
    }
    sanitizers.push((embeds.clone(), Arc::clone(&sanitizer)));
    sanitizer
}

fn build_sanitizer(embeds: &Embeds) -> Sanitizer {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input", "iframe", "video", "audio", "source", "track"])
        // Heading ids, footnote ids, figure/code/footnote classes.
        .add_generic_attributes(["id", "class"])
        .add_tag_attributes("pre", ["data-lang"])
        .add_tag_attribute_values("img", "loading", ["lazy"])
        // Images' own markup (see `crate::images`): sizes and choices.
        .add_tags(["picture"])
        .add_tag_attributes("img", ["srcset", "sizes", "width", "height"])
        .add_tag_attribute_values("img", "decoding", ["async"])
        .add_tag_attribute_values("img", "fetchpriority", ["high"])
        // Task-list checkboxes: whatever the author wrote, an input stays a disabled checkbox.
        .set_tag_attribute_value("input", "type", "checkbox")
        .set_tag_attribute_value("input", "disabled", "")
        .add_tag_attribute_values("input", "checked", ["", "checked"])
        .add_tag_attribute_values("th", "style", ALIGN_STYLES)
        .add_tag_attribute_values("td", "style", ALIGN_STYLES)
        // Embeds: a frame from an allowed host, sandboxed, lazy, sending only its origin.
        .add_tag_attributes(
            "iframe",
            ["src", "width", "height", "allow", "allowfullscreen"],
        )
        .set_tag_attribute_value("iframe", "sandbox", IFRAME_SANDBOX)
        .set_tag_attribute_value("iframe", "loading", "lazy")
        .set_tag_attribute_value(
            "iframe",
            "referrerpolicy",
            "strict-origin-when-cross-origin",
        )
        // Video and sound from the site, with the browser's controls.
        .add_tag_attributes(
            "video",
            [
                "src",
                "poster",
                "width",
                "height",
                "preload",
                "muted",
                "loop",
                "playsinline",
            ],
        )
        .set_tag_attribute_value("video", "controls", "")
        .add_tag_attributes("audio", ["src", "preload", "muted", "loop"])
        .set_tag_attribute_value("audio", "controls", "")
        .add_tag_attributes("source", ["src", "type", "media", "srcset", "sizes"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label", "default"])
        .url_schemes(SAFE_SCHEMES.into_iter().collect())
        .link_rel(None);
    let allowed = embeds.clone();
    builder.attribute_filter(move |element, attribute, value| {
        let kept = match (element, attribute) {
            ("iframe", "src") => allowed.allows(value),
            ("video" | "audio" | "source" | "track", "src") | ("video", "poster") => {
                embeds::on_site(value)
            }
            _ => true,
        };
        kept.then_some(Cow::Borrowed(value))
    });
    let policy = Policy {
        tags: builder.clone_tags(),
        clean_content_tags: builder.clone_clean_content_tags(),
        generic_attributes: builder.clone_generic_attributes(),
        tag_attributes: builder.clone_tag_attributes(),
        tag_attribute_values: builder.clone_tag_attribute_values(),
        set_attributes: builder.clone_set_tag_attribute_values(),
        url_schemes: builder.clone_url_schemes(),
        embeds: embeds.clone(),
    };
    Sanitizer { builder, policy }
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

    fn gauge(html: &str) -> DepthGauge<'_> {
        let mut gauge = DepthGauge::default();
        gauge.feed(html);
        gauge
    }

    #[test]
    fn depth_gauge() {
        let gauge = gauge(
            "<div class=a><p>x<p>y<br><img src=x><!-- c --></div><DIV><Span></span></div> a < b",
        );
        assert_eq!(gauge.max, 2);
        assert_eq!(gauge.depth, 0);
        assert!(!gauge.too_costly(0));
    }

    #[test]
    fn many_tags_deep_down_are_too_costly() {
        let deep = "<div>".repeat(500);
        assert!(
            !gauge(&(deep.clone() + &"</p>".repeat(1000))).too_costly(0),
            "a few are fine"
        );
        assert!(gauge(&(deep + &"</p>".repeat(101_000))).too_costly(0));
        let shallow = "<div><p>x</p><ul><li>a</li></ul></div>".repeat(100_000);
        assert!(!gauge(&shallow).too_costly(shallow.len()));
    }

    #[test]
    fn formatting_copied_into_many_blocks_is_too_costly() {
        let opened: String = (0..60).map(|i| format!("<b id=a{i}>")).collect();
        let html = format!("<div><p>{opened}{}", "<p>x".repeat(20_000));
        assert!(gauge(&html).too_costly(html.len()));
        // The same tags closed, or one left open over a whole article, are cheap.
        let closed = format!(
            "<div><p>{opened}{}{}",
            "</b>".repeat(60),
            "<p>x".repeat(20_000)
        );
        assert!(!gauge(&closed).too_costly(closed.len()));
        let one = format!("<div><p><b>{}", "<p>Hà Nội có mưa rào</p>\n".repeat(20_000));
        assert!(!gauge(&one).too_costly(one.len()));
        let distinct: String = (0..65).map(|i| format!("<i id=a{i}>")).collect();
        assert!(gauge(&distinct).too_costly(distinct.len()));
    }

    #[test]
    fn oversized_output_is_refused() {
        let bounded = || Bounded {
            bytes: Vec::new(),
            room: 4,
        };
        assert!(std::io::Write::write_all(&mut bounded(), b"abcd").is_ok());
        assert!(std::io::Write::write_all(&mut bounded(), b"abcde").is_err());
    }

    #[test]
    fn href_escaping() {
        let mut out = String::new();
        push_href(&mut out, "/a b/đ?x=1&y='\"<>");
        assert_eq!(out, "/a%20b/%C4%91?x=1&amp;y=&#39;%22%3C%3E");
    }
}
