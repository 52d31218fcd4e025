//! Markdown → HTML for article bodies.
//!
//! Owns everything between an article's Markdown source and the HTML fragment its template
//! embeds: CommonMark plus tables, footnotes, strikethrough, task lists and heading attributes
//! (pulldown-cmark); unique heading ids; figures for captioned images; syntax-highlighted code
//! (syntect, CSS classes — see [`highlight_css`]); the raw-HTML policy and URL safety
//! (ammonia). Takes the source and [`Options`]; returns [`Rendered`]: the HTML, a plain-text
//! summary, every link and image destination with its source offset, and whether the page has
//! code. Pure and thread-safe: the syntax set and the sanitizer are built once and shared.

mod embeds;
mod highlight;
mod ids;
mod removals;
mod sanitize;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd, html};

use crate::diag::LineCursor;
use crate::text::summary::{DERIVED_MAX_CHARS, shorten};

pub use embeds::{DEFAULT_EMBEDS, Embeds};
pub use highlight::{forget_lines, highlight_css};
pub use removals::Removal;
pub(crate) use sanitize::url_scheme;

/// What to do with raw HTML written in the Markdown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RawHtml {
    /// Keep safe HTML, strip scripts, event handlers, styles and dangerous URLs.
    #[default]
    Sanitize,
    /// Pass it through untouched (trusted sources only).
    Allow,
    /// Show it as text.
    Escape,
}

pub struct Options<'a> {
    pub raw_html: RawHtml,
    /// The hosts whose `<iframe>`s sanitised raw HTML keeps.
    pub embeds: &'a Embeds,
    /// Rewrites a link or image destination (e.g. "/2023/06/x/" → "/portal/2023/06/x/", or
    /// "../2022/other.vi.md" → that article's URL); None keeps it as written.
    pub resolve_link: &'a (dyn Fn(&str) -> Option<String> + Sync),
    /// The markup of an image (destination as written, alt text, title),
    /// in place of a plain `<img>`; None keeps the plain one.
    pub image: &'a ImageMarkup<'a>,
}

/// Makes an image's markup from its destination as written, its alt text
/// and its title; None keeps the plain `<img>`.
pub type ImageMarkup<'a> = dyn Fn(&str, &str, Option<&str>) -> Option<String> + Sync + 'a;

impl Default for Options<'_> {
    /// Sanitized raw HTML, links kept as written.
    fn default() -> Self {
        fn keep(_: &str) -> Option<String> {
            None
        }
        static EMBEDS: std::sync::LazyLock<Embeds> = std::sync::LazyLock::new(Embeds::default);
        fn plain(_: &str, _: &str, _: Option<&str>) -> Option<String> {
            None
        }
        Options {
            raw_html: RawHtml::default(),
            embeds: &EMBEDS,
            resolve_link: &keep,
            image: &plain,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// As written in the source, before resolve_link (an email autolink gets its "mailto:").
    pub destination: String,
    /// 1-based line and column (in characters) in `source` where the
    /// link/image starts: where a broken link is reported, long after the
    /// source itself may be gone.
    pub line: usize,
    pub column: usize,
    pub is_image: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph that has text (figures/image-only paragraphs skipped),
    /// whitespace collapsed, no markup, cut after about 300 characters; "" when there is none.
    pub summary: String,
    /// Plain text of the whole body for the search index: prose and inline
    /// code, no markup, no code blocks, no image text; one space between blocks.
    pub text: String,
    /// Images' alt text and titles (a figure's caption), one per line: the
    /// search ranks them below the body.
    pub captions: String,
    /// The text of the code blocks, one after the other: the search ranks it last.
    pub code: String,
    /// Every link and image, in source order.
    pub links: Vec<Link>,
    /// At least one fenced/indented code block.
    pub has_code: bool,
    /// Where the first raw HTML is (1-based line and column) when the raw HTML had to be
    /// shown as text: sanitizing it would have cost more than linear time or memory.
    pub raw_html_as_text: Option<(usize, usize)>,
    /// What sanitising took out (raw HTML elements and attributes, unsafe link targets), in
    /// source order.
    pub removed: Vec<Removal>,
}

type Spanned<'s> = (Event<'s>, Range<usize>);

/// Renders one Markdown document. Never panics; linear in the size of the source.
pub fn render(source: &str, options: &Options) -> Rendered {
    let events = parse(source);
    let facts = Facts::gather(&events);
    let summary = summary(&events);
    let text = plain_text(&events, source.len());
    let (captions, code) = captions_and_code(&events);
    let links = links(source, &events);
    let has_code = facts.has_code;
    let first_raw_html = facts.first_raw_html;
    let sanitizing = options.raw_html == RawHtml::Sanitize && first_raw_html.is_some();
    // Read for what sanitising removes once it is known that it will be sanitised.
    let raw_html_events: Vec<Spanned> = if sanitizing {
        events
            .iter()
            .filter(|(e, _)| removals::is_raw_html(e))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    let mut removed = Vec::new();
    let mut html = to_html(options, options.raw_html, facts, events);
    let mut raw_html_as_text = None;
    // ammonia is expensive: only documents with raw HTML need it, since everything this module
    // generates itself is already safe.
    if sanitizing && let Some(offset) = first_raw_html {
        match sanitize::clean(&html, options.embeds) {
            Some(clean) => {
                html = clean;
                let policy = &sanitize::sanitizer(options.embeds).policy;
                removed = removals::removals(source, &raw_html_events, policy);
            }
            None => {
                // Too costly to sanitize; showing it as text is always safe, and removes nothing.
                let events = parse(source);
                html = to_html(options, RawHtml::Escape, Facts::gather(&events), events);
                raw_html_as_text = Some(LineCursor::new(source).position(offset));
            }
        }
    }
    if options.raw_html != RawHtml::Allow {
        removed.extend(unsafe_links(&links));
        removed.sort_by_key(|r| (r.line, r.column));
    }
    Rendered {
        html,
        summary,
        text,
        captions,
        code,
        links,
        has_code,
        raw_html_as_text,
        removed,
    }
}

/// Links and images whose target is neutralised (`javascript:`, `data:`…): they lead nowhere.
fn unsafe_links(links: &[Link]) -> impl Iterator<Item = Removal> + '_ {
    links
        .iter()
        .filter(|link| !sanitize::is_safe_url(&link.destination))
        .map(|link| {
            let scheme = sanitize::url_scheme(&link.destination).unwrap_or_default();
            let what = if link.is_image { "image" } else { "link" };
            Removal {
                line: link.line,
                column: link.column,
                message: format!(
                    "{what} target `{}` removed: `{scheme}:` URLs are not allowed",
                    crate::diag::shown(&link.destination)
                ),
            }
        })
}

fn parse(source: &str) -> Vec<Spanned<'_>> {
    Parser::new_ext(source, parser_options())
        .into_offset_iter()
        .collect()
}

fn to_html(options: &Options, raw_html: RawHtml, facts: Facts, events: Vec<Spanned>) -> String {
    let mut html = String::with_capacity(events.last().map_or(0, |(_, r)| r.end) * 3 / 2);
    html::push_html(&mut html, Transform::new(options, raw_html, facts, events));
    html
}

pub(crate) fn parser_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options as O;
    O::ENABLE_TABLES
        | O::ENABLE_FOOTNOTES
        | O::ENABLE_STRIKETHROUGH
        | O::ENABLE_TASKLISTS
        | O::ENABLE_HEADING_ATTRIBUTES
}

/// A link's destination as the browser will see it: email autolinks get their "mailto:".
fn link_destination<'s>(link_type: LinkType, dest: &CowStr<'s>) -> CowStr<'s> {
    if link_type == LinkType::Email {
        format!("mailto:{dest}").into()
    } else {
        dest.clone()
    }
}

fn links(source: &str, events: &[Spanned]) -> Vec<Link> {
    let mut cursor = LineCursor::new(source);
    let mut link = |destination: &str, offset, is_image| {
        let (line, column) = cursor.position(offset);
        Link {
            destination: destination.to_owned(),
            line,
            column,
            is_image,
        }
    };
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => Some(link(
                &link_destination(*link_type, dest_url),
                range.start,
                false,
            )),
            Event::Start(Tag::Image { dest_url, .. }) => Some(link(dest_url, range.start, true)),
            _ => None,
        })
        .collect()
}

/// Plain text of the first paragraph with text, cut to about
/// [`DERIVED_MAX_CHARS`] at a word boundary. Image alt text, footnote definitions and raw
/// HTML don't count, so a figure or an image-only paragraph is skipped.
fn summary(events: &[Spanned]) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    let mut skip_depth = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Image { .. } | Tag::FootnoteDefinition(_)) => skip_depth += 1,
            Event::End(TagEnd::Image | TagEnd::FootnoteDefinition) => {
                skip_depth = skip_depth.saturating_sub(1);
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Paragraph) => {
                in_paragraph = true;
                text.clear();
            }
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                if text.split_whitespace().next().is_some() {
                    return shorten(&text, DERIVED_MAX_CHARS)
                        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    String::new()
}

fn plain_text(events: &[Spanned], capacity: usize) -> String {
    let mut text = String::with_capacity(capacity);
    let mut in_code_block = false;
    let mut in_images = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Image { .. }) => in_images += 1,
            Event::End(TagEnd::Image) => in_images = in_images.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if !in_code_block && in_images == 0 => text.push_str(t),
            // Raw HTML is not text, but a tag that breaks the line
            // (`x<br>y`, `x<p>y`) parts the words on either side.
            Event::Html(_) | Event::InlineHtml(_)
                if !matches!(event, Event::InlineHtml(tag) if is_phrasing(tag))
                    && !text.is_empty()
                    && !text.ends_with(' ') =>
            {
                text.push(' ')
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) if !text.is_empty() && !text.ends_with(' ') => text.push(' '),
            _ => {}
        }
    }
    text.truncate(text.trim_end().len());
    // serve keeps it for the next edit's search index: not the room the
    // Markdown's length reserved (a sixth more).
    text.shrink_to_fit();
    text
}

/// The text the search indexes apart from the body, with lower weights:
/// images' alt text and titles, and code blocks.
fn captions_and_code(events: &[Spanned]) -> (String, String) {
    let (mut captions, mut code) = (String::new(), String::new());
    let mut in_code_block = false;
    let mut in_images = 0usize;
    for (event, _) in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                code.push('\n');
            }
            Event::Start(Tag::Image { title, .. }) => {
                in_images += 1;
                if !title.is_empty() {
                    captions.push_str(title);
                    captions.push('\n');
                }
            }
            Event::End(TagEnd::Image) => {
                in_images = in_images.saturating_sub(1);
                captions.push('\n');
            }
            Event::Text(t) if in_code_block => code.push_str(t),
            Event::Text(t) | Event::Code(t) if in_images > 0 => captions.push_str(t),
            Event::SoftBreak | Event::HardBreak if in_images > 0 => captions.push(' '),
            _ => {}
        }
    }
    (trimmed(captions), trimmed(code))
}

/// `text` without the white space it ends with, and no room to spare:
/// serve keeps it for the next edit's search index.
fn trimmed(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    text.shrink_to_fit();
    text
}

/// Whether raw HTML `tag` is a phrasing element, which sits inside a word
/// as readily as between words (`wo<b>rd</b>`).
fn is_phrasing(tag: &str) -> bool {
    const PHRASING: &[&str] = &[
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
        "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
        "var",
    ];
    let name = tag.trim_start_matches('<').trim_start_matches('/');
    let end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    PHRASING
        .iter()
        .any(|p| p.eq_ignore_ascii_case(&name[..end]))
}

/// What the rendering pass needs to know about the whole document up front.
struct Facts {
    has_code: bool,
    /// The source offset of the first raw HTML, if there is any.
    first_raw_html: Option<usize>,
    /// Ids for the headings, in document order.
    heading_ids: Vec<String>,
    /// Footnote label (lowercased) → number, numbered in order of first appearance.
    footnotes: HashMap<String, usize>,
    /// Event indices of paragraphs that are exactly one captioned image.
    figures: HashSet<usize>,
}

impl Facts {
    fn gather(events: &[Spanned]) -> Facts {
        let mut facts = Facts {
            has_code: false,
            first_raw_html: None,
            heading_ids: Vec::new(),
            footnotes: HashMap::new(),
            figures: HashSet::new(),
        };
        let mut headings: Vec<(Option<String>, String)> = Vec::new();
        let mut in_heading = false;
        for (index, (event, range)) in events.iter().enumerate() {
            match event {
                Event::Start(Tag::CodeBlock(_)) => facts.has_code = true,
                Event::Html(_) | Event::InlineHtml(_) => {
                    facts.first_raw_html = facts.first_raw_html.or(Some(range.start));
                }
                Event::Start(Tag::Heading { id, .. }) => {
                    let explicit = id.as_deref().filter(|id| !id.is_empty());
                    headings.push((explicit.map(str::to_owned), String::new()));
                    in_heading = true;
                }
                Event::End(TagEnd::Heading(_)) => in_heading = false,
                Event::Text(text) | Event::Code(text) if in_heading => {
                    if let Some((_, heading_text)) = headings.last_mut() {
                        heading_text.push_str(text);
                    }
                }
                Event::FootnoteReference(name) | Event::Start(Tag::FootnoteDefinition(name)) => {
                    let next = facts.footnotes.len() + 1;
                    facts.footnotes.entry(name.to_lowercase()).or_insert(next);
                }
                Event::Start(Tag::Paragraph) if is_figure(events, index) => {
                    facts.figures.insert(index);
                }
                _ => {}
            }
        }
        let reserved: Vec<String> = (1..=facts.footnotes.len()).map(footnote_id).collect();
        facts.heading_ids = ids::heading_ids(&headings, &reserved);
        facts
    }
}

fn footnote_id(number: usize) -> String {
    format!("fn-{number}")
}

/// Whether the paragraph starting at `start` holds nothing but one image with a title.
fn is_figure(events: &[Spanned], start: usize) -> bool {
    let Some((Event::Start(Tag::Image { title, .. }), _)) = events.get(start + 1) else {
        return false;
    };
    if title.trim().is_empty() {
        return false;
    }
    let mut depth = 0usize;
    for (offset, (event, _)) in events[start + 2..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth > 0 => depth -= 1,
            Event::End(_) => {
                let after = start + 2 + offset + 1;
                return matches!(events.get(after), Some((Event::End(TagEnd::Paragraph), _)));
            }
            _ => {}
        }
    }
    false
}

/// An element whose events are being gathered before its HTML can be written.
enum Capture {
    None,
    Image {
        /// As written, for the image's own markup.
        written: String,
        src: String,
        title: String,
        alt: String,
        depth: usize,
        figure: bool,
    },
    Code {
        lang: Option<String>,
        text: String,
    },
}

/// The rendering pass: rewrites the event stream so pulldown-cmark's HTML writer emits our
/// markup (ids, figures, lazy images, highlighted code, safe URLs, raw-HTML policy). An
/// iterator the writer pulls from, so the rewritten events are never all held at once: on a
/// deeply nested document that second copy was a third of the peak memory.
struct Transform<'o, 's> {
    options: &'o Options<'o>,
    /// The raw-HTML mode in effect (the requested one unless overridden for safety).
    raw_html: RawHtml,
    facts: Facts,
    next_heading: usize,
    capture: Capture,
    /// Set inside a figure paragraph, whose `<p>` and `</p>` are dropped.
    in_figure: bool,
    events: std::iter::Enumerate<std::vec::IntoIter<Spanned<'s>>>,
    /// The event ready for the writer; each source event gives at most one.
    out: Option<Event<'s>>,
}

impl<'o, 's> Transform<'o, 's> {
    fn new(
        options: &'o Options<'o>,
        raw_html: RawHtml,
        facts: Facts,
        events: Vec<Spanned<'s>>,
    ) -> Self {
        Transform {
            options,
            raw_html,
            facts,
            next_heading: 0,
            capture: Capture::None,
            in_figure: false,
            events: events.into_iter().enumerate(),
            out: None,
        }
    }

    /// Feeds an event to the element being captured, if any; true when it was consumed.
    fn captured(&mut self, event: &Event<'s>) -> bool {
        match &mut self.capture {
            Capture::None => return false,
            Capture::Code { text, .. } => match event {
                Event::Text(t) => text.push_str(t),
                Event::End(TagEnd::CodeBlock) => self.finish_code(),
                _ => {}
            },
            Capture::Image { alt, depth, .. } => match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::SoftBreak | Event::HardBreak => alt.push(' '),
                Event::Start(_) => *depth += 1,
                Event::End(_) if *depth > 0 => *depth -= 1,
                Event::End(_) => self.finish_image(),
                _ => {}
            },
        }
        true
    }

    fn event(&mut self, index: usize, event: Event<'s>) {
        let escape = self.raw_html == RawHtml::Escape;
        let event = match event {
            Event::Start(tag) => match self.start(index, tag) {
                Some(event) => event,
                None => return,
            },
            Event::End(TagEnd::Paragraph) if self.in_figure => {
                self.in_figure = false;
                return;
            }
            Event::End(TagEnd::HtmlBlock) if escape => Event::End(TagEnd::Paragraph),
            Event::Html(raw) | Event::InlineHtml(raw) if escape => Event::Text(raw),
            // pulldown-cmark writes XHTML-style `<br />`; plain HTML5 keeps validators quiet.
            Event::HardBreak => Event::Html("<br>\n".into()),
            Event::Rule => Event::Html("<hr>\n".into()),
            Event::TaskListMarker(checked) => {
                let checked = if checked { " checked" } else { "" };
                Event::Html(format!("<input type=\"checkbox\" disabled{checked}> ").into())
            }
            Event::FootnoteReference(name) => self.footnote_reference(&name),
            other => other,
        };
        self.out = Some(event);
    }

    /// Handles a start tag; None when it is dropped or starts a capture.
    fn start(&mut self, index: usize, tag: Tag<'s>) -> Option<Event<'s>> {
        let event = match tag {
            Tag::Paragraph if self.facts.figures.contains(&index) => {
                self.in_figure = true;
                return None;
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.capture = Capture::Image {
                    written: dest_url.to_string(),
                    src: self.destination(&dest_url),
                    title: title.into_string(),
                    alt: String::new(),
                    depth: 0,
                    figure: self.in_figure,
                };
                return None;
            }
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        highlight::fence_language(&info).map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                };
                self.capture = Capture::Code {
                    lang,
                    text: String::new(),
                };
                return None;
            }
            Tag::Heading {
                level,
                classes,
                attrs,
                ..
            } => self.heading(level, classes, attrs),
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Event::Start(Tag::Link {
                // Email links get their "mailto:" here, so they render as plain inline links.
                dest_url: self
                    .destination(&link_destination(link_type, &dest_url))
                    .into(),
                link_type: if link_type == LinkType::Email {
                    LinkType::Inline
                } else {
                    link_type
                },
                title,
                id,
            }),
            Tag::FootnoteDefinition(name) => self.footnote_definition(&name),
            Tag::HtmlBlock if self.raw_html == RawHtml::Escape => Event::Start(Tag::Paragraph),
            other => Event::Start(other),
        };
        Some(event)
    }

    /// A link or image destination: neutralised when unsafe, then resolved.
    fn destination(&self, dest: &str) -> String {
        if self.raw_html != RawHtml::Allow && !sanitize::is_safe_url(dest) {
            return "#".to_owned();
        }
        (self.options.resolve_link)(dest).unwrap_or_else(|| dest.to_owned())
    }

    fn heading(
        &mut self,
        level: pulldown_cmark::HeadingLevel,
        classes: Vec<CowStr<'s>>,
        attrs: Vec<(CowStr<'s>, Option<CowStr<'s>>)>,
    ) -> Event<'s> {
        let id = self.facts.heading_ids.get(self.next_heading).cloned();
        self.next_heading += 1;
        Event::Start(Tag::Heading {
            level,
            id: Some(id.unwrap_or_else(|| "section".to_owned()).into()),
            classes,
            // `{onclick=…}` would be written verbatim: only trusted sources get custom attributes.
            attrs: if self.raw_html == RawHtml::Allow {
                attrs
            } else {
                Vec::new()
            },
        })
    }

    fn footnote_number(&self, name: &str) -> usize {
        self.facts
            .footnotes
            .get(&name.to_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// Our own footnote markup: ids from the footnote's number, since labels may hold spaces
    /// (invalid in an id) and could clash with heading ids.
    fn footnote_reference(&self, name: &str) -> Event<'s> {
        let number = self.footnote_number(name);
        Event::Html(
            format!(
                r##"<sup class="footnote-reference"><a href="#{}">{number}</a></sup>"##,
                footnote_id(number)
            )
            .into(),
        )
    }

    fn footnote_definition(&self, name: &str) -> Event<'s> {
        let number = self.footnote_number(name);
        Event::Html(
            format!(
                r#"<div class="footnote-definition" id="{}"><sup class="footnote-definition-label">{number}</sup>"#,
                footnote_id(number)
            )
            .into(),
        )
    }

    fn finish_code(&mut self) {
        if let Capture::Code { lang, text } = std::mem::replace(&mut self.capture, Capture::None) {
            let html = highlight::code_block(lang.as_deref(), &text);
            self.out = Some(Event::Html(html.into()));
        }
    }

    fn finish_image(&mut self) {
        let Capture::Image {
            written,
            src,
            title,
            alt,
            figure,
            ..
        } = std::mem::replace(&mut self.capture, Capture::None)
        else {
            return;
        };
        let mut html = String::with_capacity(src.len() + alt.len() + title.len() + 96);
        if figure {
            html.push_str("<figure>");
        }
        let shown_title = (!figure && !title.is_empty()).then_some(title.as_str());
        match (self.options.image)(&written, &alt, shown_title) {
            Some(markup) => html.push_str(&markup),
            None => {
                html.push_str("<img src=\"");
                sanitize::push_href(&mut html, &src);
                html.push_str("\" alt=\"");
                sanitize::push_escaped(&mut html, &alt);
                html.push('"');
                if let Some(title) = shown_title {
                    html.push_str(" title=\"");
                    sanitize::push_escaped(&mut html, title);
                    html.push('"');
                }
                html.push_str(" loading=\"lazy\">");
            }
        }
        if figure {
            html.push_str("<figcaption>");
            sanitize::push_escaped(&mut html, &title);
            html.push_str("</figcaption></figure>\n");
        }
        self.out = Some(Event::Html(html.into()));
    }
}

impl<'s> Iterator for Transform<'_, 's> {
    type Item = Event<'s>;

    fn next(&mut self) -> Option<Event<'s>> {
        while self.out.is_none() {
            let (index, (event, _)) = self.events.next()?;
            if !self.captured(&event) {
                self.event(index, event);
            }
        }
        self.out.take()
    }
}
