//! What the sanitiser takes out of an article, each at its place in the Markdown, so an
//! editor hears of a pasted player or form that would otherwise vanish without a word.
//!
//! ammonia reports nothing and keeps no source positions, so this module reads the raw HTML
//! of the Markdown (tag by tag, as an HTML tokenizer does) and asks of each tag and attribute
//! what ammonia will be asked: the sets come from the same builder ([`Policy`]), the embed
//! rules from the same functions. Comments are taken out too, without a word: a browser
//! never shows them.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Spanned;
use super::embeds::on_site;
use super::sanitize::Policy;
use crate::diag::{LineCursor, shown};

/// Something the sanitiser removes: where it was written (1-based line and column in the
/// Markdown) and what it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Elements whose text holds no tags, up to their end tag.
const RAW_TEXT: [&str; 9] = [
    "script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes", "noscript",
];

/// The events [`removals`] reads.
pub(super) fn is_raw_html(event: &Event) -> bool {
    matches!(
        event,
        Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Start(Tag::HtmlBlock)
            | Event::End(TagEnd::HtmlBlock)
    )
}

/// Every removal the raw HTML among `events` will undergo, in source order.
pub(super) fn removals(source: &str, events: &[Spanned], policy: &Policy) -> Vec<Removal> {
    let mut scan = Scan {
        policy,
        raw_text: None,
        media: Vec::new(),
        found: Vec::new(),
    };
    let mut block: Option<Chunk> = None;
    let chunk = |text: &str, range: &Range<usize>| Chunk::of(source, text, range);
    for (event, range) in events {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(Chunk::default()),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(chunk) = block.take() {
                    scan.chunk(&chunk);
                }
            }
            Event::Html(text) => match &mut block {
                Some(block) => block.push(source, text, range),
                None => scan.chunk(&chunk(text, range)),
            },
            Event::InlineHtml(text) => scan.chunk(&chunk(text, range)),
            _ => {}
        }
    }
    if let Some(chunk) = block {
        scan.chunk(&chunk);
    }
    while let Some(media) = scan.media.pop() {
        scan.close_media(media);
    }
    let mut found = scan.found;
    found.sort_by_key(|(at, _)| *at);
    let mut cursor = LineCursor::new(source);
    found
        .into_iter()
        .map(|(at, message)| {
            let (line, column) = cursor.position(at);
            Removal {
                line,
                column,
                message,
            }
        })
        .collect()
}

/// Raw HTML that reaches the parser in one piece (an HTML block's lines, or one inline tag),
/// with where each part of it is in the source.
#[derive(Default)]
struct Chunk {
    text: String,
    /// One per event, in order of their starts in `text`.
    parts: Vec<Part>,
}

/// Where one event's text is in the source.
enum Part {
    /// Written as it is, from this source offset.
    Same {
        text_start: usize,
        source_start: usize,
    },
    /// Inside a container (`> `), whose prefixes the text leaves out. They only ever start a
    /// line, so a place is found from the end of its line: per line, its start and end in
    /// `text` and its end in the source.
    Lines {
        text_start: usize,
        lines: Vec<(usize, usize, usize)>,
    },
}

impl Part {
    fn text_start(&self) -> usize {
        match self {
            Part::Same { text_start, .. } | Part::Lines { text_start, .. } => *text_start,
        }
    }
}

impl Chunk {
    fn of(source: &str, text: &str, range: &Range<usize>) -> Chunk {
        let mut chunk = Chunk::default();
        chunk.push(source, text, range);
        chunk
    }

    fn push(&mut self, source: &str, text: &str, range: &Range<usize>) {
        let text_start = self.text.len();
        let written = source.get(range.clone()).unwrap_or_default();
        self.parts.push(if text == written {
            Part::Same {
                text_start,
                source_start: range.start,
            }
        } else {
            let mut lines = Vec::new();
            let (mut at, mut source_at) = (text_start, range.start);
            for (line, written_line) in text
                .split_inclusive('\n')
                .zip(written.split_inclusive('\n'))
            {
                lines.push((at, at + line.len(), source_at + written_line.len()));
                at += line.len();
                source_at += written_line.len();
            }
            Part::Lines { text_start, lines }
        });
        self.text.push_str(text);
    }

    /// The source offset of `at` in the text.
    fn source_offset(&self, at: usize) -> usize {
        let part = self.parts.partition_point(|part| part.text_start() <= at);
        match &self.parts[part.saturating_sub(1)] {
            Part::Same {
                text_start,
                source_start,
            } => source_start + (at - text_start),
            Part::Lines { lines, .. } => {
                let line = lines.partition_point(|line| line.0 <= at).saturating_sub(1);
                lines.get(line).map_or(0, |&(_, text_end, source_end)| {
                    source_end.saturating_sub(text_end.saturating_sub(at))
                })
            }
        }
    }
}

/// A `<video>` or `<audio>` whose end is not reached yet.
struct Media {
    at: usize,
    name: String,
    has_source: bool,
}

struct Scan<'p> {
    policy: &'p Policy,
    /// Inside `<script>`, `<iframe>`…: the name whose end tag ends the text.
    raw_text: Option<String>,
    media: Vec<Media>,
    /// (source offset, message).
    found: Vec<(usize, String)>,
}

/// A start tag as the tokenizer reads it: names lower-cased, values with their character
/// references decoded, each attribute's offset in the chunk.
struct StartTag {
    name: String,
    attributes: Vec<(String, String, usize)>,
}

impl StartTag {
    fn get(&self, name: &str) -> Option<&str> {
        (self.attributes.iter())
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v.as_str())
    }
}

impl Scan<'_> {
    fn chunk(&mut self, chunk: &Chunk) {
        let text = chunk.text.as_str();
        let mut at = 0;
        while at < text.len() {
            if let Some(name) = &self.raw_text {
                match find_ignore_case(&text[at..], &format!("</{name}")) {
                    Some(end) => {
                        at += end;
                        self.raw_text = None;
                    }
                    None => return,
                }
            }
            let Some(lt) = text[at..].find('<') else {
                return;
            };
            at += lt;
            let rest = &text[at + 1..];
            if rest.starts_with("!--") {
                at = rest.find("-->").map_or(text.len(), |end| at + 1 + end + 3);
            } else if rest.starts_with(['!', '?', '/']) {
                let closing = rest.strip_prefix('/').map(tag_name);
                if let Some(name) = closing.filter(|n| n == "video" || n == "audio") {
                    self.end_media(&name);
                }
                at = rest.find('>').map_or(text.len(), |end| at + 1 + end + 1);
            } else if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let (tag, end) = start_tag(rest);
                let offset = |i: usize| chunk.source_offset(at + 1 + i);
                self.start_tag(&tag, chunk.source_offset(at), offset);
                if RAW_TEXT.contains(&tag.name.as_str()) {
                    self.raw_text = Some(tag.name.clone());
                }
                at += 1 + end;
            } else {
                at += 1;
            }
        }
    }

    fn found(&mut self, at: usize, message: String) {
        self.found.push((at, message));
    }

    fn start_tag(&mut self, tag: &StartTag, at: usize, offset: impl Fn(usize) -> usize) {
        let policy = self.policy;
        let name = tag.name.as_str();
        if policy.clean_content_tags.contains(name) {
            return self.found(at, crate::msg!("removed-with-content", tag = name));
        }
        if !policy.tags.contains(name) {
            return self.found(at, crate::msg!("removed-tag", tag = name));
        }
        match name {
            "iframe" => {
                let title = tag.get("title").filter(|t| !t.trim().is_empty());
                let removed = match tag.get("src") {
                    None => Some(crate::msg!("removed-iframe-no-src")),
                    Some(src) if !policy.embeds.allows(src) => {
                        Some(crate::msg!("removed-iframe-host", src = shown(src)))
                    }
                    Some(_) if title.is_none() => Some(crate::msg!("removed-iframe-title")),
                    Some(_) => None,
                };
                if let Some(message) = removed {
                    return self.found(at, message);
                }
            }
            "video" | "audio" => self.media.push(Media {
                at,
                name: name.to_string(),
                has_source: tag.get("src").is_some_and(on_site),
            }),
            "source" if tag.get("src").is_some_and(on_site) => {
                if let Some(media) = self.media.last_mut() {
                    media.has_source = true;
                }
            }
            _ => {}
        }
        self.attributes(tag, offset);
    }

    fn attributes(&mut self, tag: &StartTag, offset: impl Fn(usize) -> usize) {
        let policy = self.policy;
        let name = tag.name.as_str();
        let mut seen = HashSet::new();
        for (attribute, value, at) in &tag.attributes {
            // The parser keeps the first of two same-named attributes.
            if !seen.insert(attribute.as_str()) {
                continue;
            }
            let attribute = attribute.as_str();
            let at = offset(*at);
            let forced = (policy.set_attributes.get(name)).and_then(|set| set.get(attribute));
            if let Some(forced) = forced {
                if value != forced {
                    self.found(
                        at,
                        crate::msg!(
                            "removed-forced",
                            attribute = attribute,
                            tag = name,
                            forced = *forced
                        ),
                    );
                }
                continue;
            }
            let allowed = policy.generic_attributes.contains(attribute)
                || (policy.tag_attributes.get(name)).is_some_and(|a| a.contains(attribute))
                || (policy.tag_attribute_values.get(name))
                    .and_then(|values| values.get(attribute))
                    .is_some_and(|values| values.iter().any(|v| v.eq_ignore_ascii_case(value)));
            if !allowed {
                self.found(
                    at,
                    crate::msg!("removed-attribute", attribute = attribute, tag = name),
                );
                continue;
            }
            if is_url_attribute(name, attribute) {
                if let Some(problem) = url_problem(policy, value) {
                    self.found(
                        at,
                        crate::msg!(
                            "removed-url",
                            attribute = attribute,
                            tag = name,
                            problem = problem
                        ),
                    );
                    continue;
                }
            }
            let media_source = matches!(
                (name, attribute),
                ("video" | "audio" | "source" | "track", "src") | ("video", "poster")
            );
            if media_source && !on_site(value) {
                self.found(
                    at,
                    crate::msg!(
                        "removed-media-src",
                        attribute = attribute,
                        value = shown(value),
                        tag = name
                    ),
                );
            }
        }
    }

    fn end_media(&mut self, name: &str) {
        if let Some(i) = self.media.iter().rposition(|m| m.name == name) {
            let media = self.media.remove(i);
            self.close_media(media);
        }
    }

    fn close_media(&mut self, media: Media) {
        if !media.has_source {
            self.found(
                media.at,
                crate::msg!("removed-media", tag = media.name.as_str()),
            );
        }
    }
}

/// ammonia's URL attributes (`is_url_attr`).
fn is_url_attribute(element: &str, attribute: &str) -> bool {
    matches!(attribute, "href" | "xlink:href" | "src")
        || matches!(
            (element, attribute),
            ("form", "action")
                | ("object", "data")
                | ("button" | "input", "formaction")
                | ("a", "ping")
                | ("video", "poster")
        )
}

/// Why ammonia drops a URL: a scheme not allowed, or not a URL at all.
fn url_problem(policy: &Policy, value: &str) -> Option<String> {
    match ammonia::Url::parse(value) {
        Ok(url) if policy.url_schemes.contains(url.scheme()) => None,
        Ok(url) => Some(crate::msg!("url-scheme-refused", scheme = url.scheme())),
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => None,
        Err(_) => Some(crate::msg!("url-invalid", url = shown(value))),
    }
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    (haystack.as_bytes().windows(needle.len())).position(|w| w.eq_ignore_ascii_case(needle))
}

/// A tag's name as the tokenizer reads it: up to whitespace, `/` or `>`, lower-cased.
fn tag_name(text: &str) -> String {
    let end = text
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(text.len());
    text[..end].to_ascii_lowercase()
}

/// Reads a start tag after its `<`: its name and attributes, and where it ends (after `>`).
fn start_tag(text: &str) -> (StartTag, usize) {
    let name = tag_name(text);
    let bytes = text.as_bytes();
    let mut at = name.len();
    let mut attributes = Vec::new();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            break;
        }
        if bytes[at] == b'>' {
            at += 1;
            break;
        }
        let start = at;
        // A first `=` belongs to the name, as the tokenizer reads it.
        at += 1;
        while at < bytes.len() && !matches!(bytes[at], b'=' | b'>' | b'/') {
            if bytes[at].is_ascii_whitespace() {
                break;
            }
            at += 1;
        }
        let attribute = text[start..at].to_ascii_lowercase();
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if at < bytes.len() && bytes[at] == b'=' {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let raw = match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = text[at + 1..]
                        .find(char::from(quote))
                        .map_or(text.len(), |i| at + 1 + i);
                    let raw = &text[at + 1..end];
                    at = (end + 1).min(text.len());
                    raw
                }
                _ => {
                    let end = text[at..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(text.len(), |i| at + i);
                    let raw = &text[at..end];
                    at = end;
                    raw
                }
            };
            value = decode_references(raw);
        }
        attributes.push((attribute, value, start));
    }
    let tag = StartTag { name, attributes };
    (tag, at)
}

/// Character references in an attribute value, as the parser decodes them before ammonia
/// sees the value: numeric ones, and the named ones that spell out a URL's punctuation.
fn decode_references(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    const NAMED: [(&str, char); 9] = [
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("sol", '/'),
    ];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let decoded = match name.strip_prefix('#') {
            Some(number) => {
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse().ok(),
                };
                value.and_then(char::from_u32)
            }
            None => (NAMED.iter())
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, c)| *c),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
#[path = "removals_tests.rs"]
mod tests;
