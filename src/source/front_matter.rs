//! Front matter: find the YAML between the `---` lines, parse it, and check
//! every value, reporting each problem on its own line of the file.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;

use super::hints;
use super::values::{Correction, Names, OrBlank, RawCorrection, clean_names};
use crate::config::yaml_error;
use crate::diag::{Diagnostic, shown};
use crate::markdown::url_scheme;
use crate::msg;
use crate::text::dates;
use crate::text::slug::{MAX_SLUG_BYTES, slugify};
use crate::yaml;

/// Front matter larger than this is refused before it reaches the parser.
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    // Non-text optional values: blank (a CMS's empty field) means absent.
    #[serde(default)]
    author: OrBlank<Names>,
    category: Option<String>,
    #[serde(default)]
    tags: OrBlank<Vec<String>>,
    summary: Option<String>,
    image: Option<String>,
    image_caption: Option<String>,
    image_focus: Option<String>,
    #[serde(default)]
    views: OrBlank<u64>,
    slug: Option<String>,
    #[serde(default)]
    draft: OrBlank<bool>,
    #[serde(default)]
    aliases: OrBlank<Vec<String>>,
    translation_key: Option<String>,
    source: Option<String>,
    photo_credit: Option<String>,
    #[serde(default)]
    corrections: OrBlank<Vec<RawCorrection>>,
    expires: Option<String>,
    #[serde(default)]
    featured: OrBlank<bool>,
    pin_until: Option<String>,
}

/// The keys front matter may have, in the schema's order, as serde knows
/// them: the CMS configuration is generated from this list.
pub fn known_keys() -> Vec<String> {
    match yaml::from_str::<RawFrontMatter>("not_a_front_matter_key: 0") {
        Err(yaml::YamlError {
            unknown_key: Some((_, expected)),
            ..
        }) => expected,
        _ => Vec::new(),
    }
}

/// Checked front matter. An optional value is `None` (or empty) when
/// absent or blank.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    /// For a standalone page written without `date`, the Unix epoch, and
    /// `dated` is false: such a page shows no date and has no last change.
    pub date: Timestamp,
    pub dated: bool,
    pub updated: Option<Timestamp>,
    /// The byline: each name gets an author page and feed.
    pub authors: Vec<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    /// Where the lead image's crops centre, as fractions of its width and
    /// height (`image_focus: 0.5,0.3`); the middle when absent.
    pub image_focus: Option<(f32, f32)>,
    pub views: Option<u64>,
    pub slug: Option<String>,
    pub draft: bool,
    pub aliases: Vec<String>,
    /// Where each of `aliases` is written (line, column in the file), so
    /// a clash found later is reported at the alias itself.
    pub alias_positions: Vec<(usize, usize)>,
    pub translation_key: Option<String>,
    /// Where the story comes from ("Nguồn").
    pub source: Option<String>,
    /// Who took the photos ("Ảnh").
    pub photo_credit: Option<String>,
    /// Oldest first.
    pub corrections: Vec<Correction>,
    /// After this the article is left out of every output.
    pub expires: Option<Timestamp>,
    /// Shown among the home page's featured stories (see `site::front`).
    pub featured: bool,
    /// When a featured story stops being featured.
    pub pin_until: Option<Timestamp>,
}

pub struct Parsed {
    pub front: FrontMatter,
    pub key_lines: KeyLines,
    /// What parses but is almost surely a mistake (see `hints::warnings`).
    pub warnings: Vec<Diagnostic>,
    pub body: String,
    pub body_line: usize,
}

/// A front-matter key that checks made after parsing (URLs, translations,
/// terms, aliases) report problems on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Title,
    Slug,
    TranslationKey,
    Category,
    Tags,
    Author,
    Aliases,
    Summary,
    Image,
}

impl Key {
    const ALL: [Key; 9] = [
        Key::Title,
        Key::Slug,
        Key::TranslationKey,
        Key::Category,
        Key::Tags,
        Key::Author,
        Key::Aliases,
        Key::Summary,
        Key::Image,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Key::Title => "title",
            Key::Slug => "slug",
            Key::TranslationKey => "translation_key",
            Key::Category => "category",
            Key::Tags => "tags",
            Key::Author => "author",
            Key::Aliases => "aliases",
            Key::Summary => "summary",
            Key::Image => "image",
        }
    }
}

/// The line in the file of each [`Key`] (0 if absent): kept in place of
/// the front matter's text, a tenth of a build's memory at 10k pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyLines([u32; Key::ALL.len()]);

impl KeyLines {
    fn of(yaml_text: &str) -> KeyLines {
        let mut lines = KeyLines::default();
        for (i, line) in yaml_text.lines().enumerate() {
            for key in Key::ALL {
                let first = &mut lines.0[key as usize];
                if *first == 0 && yaml::starts_entry(line, key.name()) {
                    // The YAML starts on line 2, after the opening `---`;
                    // front matter is at most 64 KiB, so its lines fit.
                    *first = u32::try_from(i + 2).unwrap_or(0);
                }
            }
        }
        lines
    }

    /// The 1-based line of `key`, if the front matter has it.
    pub fn line(&self, key: Key) -> Option<usize> {
        let line = self.0[key as usize];
        (line != 0).then_some(line as usize)
    }
}

/// Whether `date` must be written: articles are placed by it, standalone
/// pages (`content/pages/`) need none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateRule {
    Required,
    Optional,
}

/// Splits and checks one article. `text` is already normalised (LF, NFC).
pub fn parse(
    path: &Path,
    text: &str,
    zone: &TimeZone,
    date_rule: DateRule,
) -> Result<Parsed, Vec<Diagnostic>> {
    let (yaml_text, body, body_line) = split(path, text).map_err(|d| vec![d])?;
    // The YAML starts on line 2, after the opening `---`.
    let raw: RawFrontMatter =
        yaml::from_str(yaml_text).map_err(|err| vec![yaml_diagnostic(path, yaml_text, err)])?;
    let mut errors = Vec::new();
    let mut error = |key: &str, message: String| {
        let (line, column) = value_position(yaml_text, key);
        errors.push(Diagnostic::error(path, message).at(line, column));
    };
    let title = text_value(raw.title).unwrap_or_else(|| {
        error("title", msg!("fm-title-required"));
        String::new()
    });
    let dated = raw.date.is_some() || date_rule == DateRule::Required;
    let date = match raw.date {
        Some(d) => dates::parse_date(&d, zone).unwrap_or_else(|m| {
            error("date", format!("date: {m}"));
            Timestamp::UNIX_EPOCH
        }),
        None if date_rule == DateRule::Optional => Timestamp::UNIX_EPOCH,
        None => {
            error("date", msg!("fm-date-required"));
            Timestamp::UNIX_EPOCH
        }
    };
    let mut optional_date = |key: &str, value: Option<String>| {
        text_value(value).and_then(|d| {
            dates::parse_date(&d, zone)
                .map_err(|m| error(key, format!("{key}: {m}")))
                .ok()
        })
    };
    let updated = optional_date("updated", raw.updated);
    let expires = optional_date("expires", raw.expires);
    let pin_until = optional_date("pin_until", raw.pin_until);
    let corrections = corrections(raw.corrections.0.unwrap_or_default(), zone, &mut error);
    let slug = text_value(raw.slug);
    if let Some(s) = &slug {
        if let Err(m) = check_slug(s) {
            error("slug", m);
        }
    }
    let image = text_value(raw.image);
    if let Some(image) = &image {
        if let Err(m) = check_image(image) {
            error("image", m);
        }
    }
    let image_focus = text_value(raw.image_focus).and_then(|focus| {
        parse_focus(&focus)
            .map_err(|m| error("image_focus", m))
            .ok()
    });
    let translation_key = text_value(raw.translation_key);
    if let Some(key) = &translation_key {
        if let Err(m) = check_translation_key(key) {
            error("translation_key", m);
        }
    }
    let raw_aliases = raw.aliases.0.unwrap_or_default();
    let positions = if raw_aliases.is_empty() {
        Vec::new()
    } else {
        yaml::locate_items(yaml_text, &["aliases".into()])
    };
    let (aliases, alias_positions): (Vec<String>, Vec<(usize, usize)>) = (raw_aliases.into_iter())
        .enumerate()
        .filter_map(|(i, a)| {
            // The YAML starts on line 2, after the opening `---`.
            let at = (positions.get(i)).map_or_else(
                || value_position(yaml_text, "aliases"),
                |&(line, column)| (line + 1, column),
            );
            Some((text_value(Some(a))?, at))
        })
        .unzip();
    for alias in &aliases {
        if let Err(m) = check_alias(alias) {
            error("aliases", m);
        }
    }
    let mut tags: Vec<String> = raw
        .tags
        .0
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| text_value(Some(t)))
        .collect();
    tags.dedup();
    if !errors.is_empty() {
        return Err(errors);
    }
    let category = text_value(raw.category);
    let joinable: Vec<&str> = tags.iter().chain(&category).map(String::as_str).collect();
    let warnings = hints::warnings(yaml_text, &joinable)
        .into_iter()
        .map(|hint| {
            Diagnostic::warning(path, hint.message)
                .at(hint.line + 1, hint.column)
                .with_hint(hint.fix)
        })
        .collect();
    Ok(Parsed {
        front: FrontMatter {
            title,
            date,
            dated,
            updated,
            authors: clean_names(raw.author.0.unwrap_or_default().0),
            category,
            tags,
            summary: text_value(raw.summary),
            image,
            image_caption: text_value(raw.image_caption),
            image_focus,
            views: raw.views.0,
            slug,
            draft: raw.draft.0.unwrap_or(false),
            aliases,
            alias_positions,
            translation_key,
            source: text_value(raw.source),
            photo_credit: text_value(raw.photo_credit),
            corrections,
            expires,
            featured: raw.featured.0.unwrap_or(false),
            pin_until,
        },
        key_lines: KeyLines::of(yaml_text),
        warnings,
        body: body.to_string(),
        body_line,
    })
}

/// A YAML error as the editor should read it: the mistake recognised and
/// its fix when it is a known one (`hints`), at its exact place in the
/// file (the YAML starts on line 2).
fn yaml_diagnostic(path: &Path, yaml_text: &str, err: yaml::YamlError) -> Diagnostic {
    let (line, column) = err.position.unwrap_or((1, 1));
    let shape = err.message.contains(": invalid type: ")
        || err.message.starts_with("invalid type: ")
        || err.unknown_key.is_some();
    let hint = if shape {
        hints::explain_shape(yaml_text, &err.message, line, column)
    } else {
        hints::explain_syntax(yaml_text, line)
    };
    if let Some(hint) = hint {
        return Diagnostic::error(path, hint.message)
            .at(hint.line + 1, hint.column)
            .with_hint(hint.fix);
    }
    // libyaml's own words, which need saying that this is YAML syntax.
    let is_syntax = [
        "while scanning",
        "while parsing",
        "mapping values are not allowed",
        "did not find expected",
        "found unexpected",
    ]
    .iter()
    .any(|words| err.message.contains(words));
    let mut d = yaml_error(path, err);
    if is_syntax {
        d.message = msg!("fm-yaml-syntax", detail = d.message);
    }
    d.position = Some((line + 1, column));
    d
}

/// Where the value of `key` starts (file line and column), to place an
/// error about the value on it; the key's line, or the top, if absent.
fn value_position(yaml_text: &str, key: &str) -> (usize, usize) {
    let Some(line) = yaml::key_line(yaml_text, key) else {
        return (1, 1);
    };
    let text = yaml_text.lines().nth(line - 1).unwrap_or("");
    let column = text
        .find(':')
        .map(|colon| {
            let after = &text[colon + 1..];
            let value = colon + 1 + after.len() - after.trim_start().len();
            text[..value].chars().count() + 1
        })
        .unwrap_or(1);
    (line + 1, column)
}

/// (yaml, body, first line of body). The opening `---` must be the first
/// line; the closing one is the next line that is exactly `---` (or `...`).
fn split<'a>(path: &Path, text: &'a str) -> Result<(&'a str, &'a str, usize), Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(path, msg!("fm-no-front-matter")).at(1, 1));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    // The YAML starts on line 2; the body starts after the closing line.
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if matches!(raw_line.trim_end(), "---" | "...") {
            let body_start = offset + raw_line.len();
            return Ok((&text[yaml_start..offset], &text[body_start..], line + 1));
        }
        offset += raw_line.len();
        if offset - yaml_start > MAX_FRONT_MATTER_BYTES {
            return Err(Diagnostic::error(
                path,
                msg!("fm-too-large", kib = MAX_FRONT_MATTER_BYTES / 1024),
            )
            .at(1, 1));
        }
    }
    Err(Diagnostic::error(path, msg!("fm-never-closed")).at(1, 1))
}

/// Each correction needs a date and a note; they are kept oldest first.
fn corrections(
    raw: Vec<RawCorrection>,
    zone: &TimeZone,
    error: &mut impl FnMut(&str, String),
) -> Vec<Correction> {
    let mut corrections = Vec::with_capacity(raw.len());
    const FORM: &str = "`- { date: 2023-06-06, note: … }`";
    for entry in raw {
        let note = text_value(entry.note);
        if note.is_none() {
            error(
                "corrections",
                crate::msg!("fm-correction-note", form = FORM),
            );
        }
        let date = match text_value(entry.date) {
            Some(d) => dates::parse_date(&d, zone)
                .map_err(|m| error("corrections", format!("corrections: date: {m}")))
                .ok(),
            None => {
                error(
                    "corrections",
                    crate::msg!("fm-correction-date", form = FORM),
                );
                None
            }
        };
        if let (Some(date), Some(note)) = (date, note) {
            corrections.push(Correction { date, note });
        }
    }
    corrections.sort_by_key(|c| c.date);
    corrections
}

fn text_value(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A slug becomes one folder name in the output and one segment of a URL:
/// letters and digits of any script, `-`, `_` and `.`, not starting with
/// `.`, so it can neither leave its folder nor break the link to it.
fn check_slug(slug: &str) -> Result<(), String> {
    let fits = slug
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if slug.contains(['/', '\\']) || slug.starts_with('.') || !fits {
        let suggestion = slugify(slug);
        let hint = if suggestion.is_empty() {
            String::new()
        } else {
            format!(", {}", msg!("fm-for-example", example = suggestion))
        };
        return Err(format!("{}{hint}", msg!("fm-slug", slug = shown(slug))));
    }
    if slug.len() > MAX_SLUG_BYTES {
        return Err(msg!(
            "fm-slug-long",
            bytes = slug.len(),
            max = MAX_SLUG_BYTES
        ));
    }
    Ok(())
}

/// An alias is a site path like `/tin-cu/123/` or `old/page.html`: relative
/// to the site, never leaving the output folder.
fn check_alias(alias: &str) -> Result<(), String> {
    let path = alias.trim_start_matches('/');
    let bad = path.is_empty()
        || alias.contains("://")
        || alias.contains('\\')
        || alias.chars().any(char::is_control)
        || path.split('/').any(|part| part == ".." || part == ".")
        || alias.starts_with("//");
    if bad {
        return Err(msg!("fm-alias", alias = shown(alias)));
    }
    if path.split('/').any(|part| part.len() > 255) {
        let start: String = alias.chars().take(40).collect();
        return Err(msg!("fm-alias-long", alias = shown(&start)));
    }
    Ok(())
}

/// `image_focus: x,y`: two fractions from the top left corner (0,0) to
/// the bottom right one (1,1).
fn parse_focus(focus: &str) -> Result<(f32, f32), String> {
    let fraction = |part: &str| {
        part.trim()
            .parse::<f32>()
            .ok()
            .filter(|f| (0.0..=1.0).contains(f))
    };
    match focus.split_once(',') {
        Some((x, y)) if fraction(x).is_some() && fraction(y).is_some() => {
            Ok((fraction(x).unwrap_or(0.5), fraction(y).unwrap_or(0.5)))
        }
        _ => Err(crate::msg!("fm-image-focus", focus = shown(focus))),
    }
}

/// The lead image goes into `<img src>` and `og:image`: an http(s) URL, a
/// site path (`/images/a.jpg`) or a path relative to the article, never a
/// `javascript:` or `data:` URL.
fn check_image(image: &str) -> Result<(), String> {
    let scheme = url_scheme(image);
    let web = matches!(scheme.as_deref(), None | Some("http" | "https"));
    if !web || image.chars().any(char::is_control) {
        return Err(msg!("fm-image", image = shown(image)));
    }
    Ok(())
}

/// A translation key names a group of translations and becomes part of the
/// view counter's `POST {endpoint}/{key}.{lang}`: a relative path, so it
/// cannot point the counter at another URL.
fn check_translation_key(key: &str) -> Result<(), String> {
    let bad = key.starts_with('/')
        || key.contains('\\')
        || key.chars().any(char::is_control)
        || key
            .split('/')
            .any(|part| part.is_empty() || part == ".." || part == ".");
    if bad {
        return Err(msg!("fm-translation-key", key = shown(key)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> TimeZone {
        dates::parse_timezone("+07:00").unwrap()
    }

    fn parse_ok(text: &str) -> Parsed {
        parse(Path::new("a.md"), text, &zone(), DateRule::Required)
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn keys_reported_later_keep_their_file_lines() {
        let parsed = parse_ok(
            "---\ntitle: Tin\ndate: 2023-06-05\n\"slug\" : tin\ntags:\n  - a\n---\nBody\n",
        );
        let lines = parsed.key_lines;
        assert_eq!(lines.line(Key::Title), Some(2));
        assert_eq!(lines.line(Key::Slug), Some(4), "a quoted key");
        assert_eq!(lines.line(Key::Tags), Some(5));
        assert_eq!(lines.line(Key::Author), None);
    }

    fn parse_err(text: &str) -> Vec<String> {
        parse(Path::new("a.md"), text, &zone(), DateRule::Required)
            .err()
            .expect("should fail")
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn a_page_needs_no_date() {
        let text = "---\ntitle: Liên hệ\n---\nBody\n";
        let page = parse(Path::new("a.md"), text, &zone(), DateRule::Optional).unwrap();
        assert!(!page.front.dated);
        assert!(parse_err(text)[0].contains("`date` is required"));
        let dated = "---\ntitle: T\ndate: 2023-06-05\n---\n";
        let page = parse(Path::new("a.md"), dated, &zone(), DateRule::Optional).unwrap();
        assert!(page.front.dated);
    }

    #[test]
    fn splits_and_counts_body_line() {
        let p = parse_ok("---\ntitle: T\ndate: 2023-06-05\n---\nBody\n");
        assert_eq!(p.front.title, "T");
        assert_eq!(p.body, "Body\n");
        assert_eq!(p.body_line, 5);
    }

    #[test]
    fn yaml_error_lines_count_from_the_file() {
        let errors = parse_err("---\ntitle: T\ndate: 2023-06-05\ntittle: x\n---\n");
        assert!(
            errors[0].starts_with("a.md:4:1: unknown key `tittle` (did you mean `title`?)"),
            "{errors:?}"
        );
    }

    #[test]
    fn reports_every_bad_value() {
        let errors =
            parse_err("---\ntitle: ''\ndate: 2023-13-45\nslug: ../x\naliases: [/a/../../b]\n---\n");
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(errors[0].starts_with("a.md:2:8:"));
        assert!(errors[1].starts_with("a.md:3:7: date:"));
        assert!(errors[2].starts_with("a.md:4:7: slug"));
        assert!(errors[3].starts_with("a.md:5:10: alias"));
    }

    #[test]
    fn lead_image_must_be_a_web_url_or_a_path() {
        for good in [
            "https://example.org/a.jpg",
            "HTTP://example.org/a.jpg",
            "/images/a.jpg",
            "anh/a b.jpg",
            "../a.jpg",
            "//cdn.example.org/a.jpg",
        ] {
            assert!(check_image(good).is_ok(), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            " javascript:alert(1)",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(check_image(bad).is_err(), "{bad:?}");
        }
        let errors =
            parse_err("---\ntitle: T\ndate: 2023-06-05\nimage: javascript:alert(1)\n---\n");
        assert!(
            errors[0].starts_with("a.md:4:8: image `javascript:alert(1)`"),
            "{errors:?}"
        );
    }

    #[test]
    fn slugs_are_one_url_segment() {
        for good in ["tin-moi", "Tin_2023", "v1.2", "tiếng-việt", "中文"] {
            assert!(check_slug(good).is_ok(), "{good}");
        }
        for bad in [
            "..", ".", ".hidden", "a/b", "a\\b", "a b", "a?b", "a#b", "a%20b", "a\"b", "<x>",
            "a\nb",
        ] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
        assert!(check_slug(&"x".repeat(MAX_SLUG_BYTES + 1)).is_err());
        let long_alias = format!("/{}/", "x".repeat(256));
        assert!(check_alias(&long_alias).is_err());
        assert!(check_alias(&format!("/{}/", "x".repeat(255))).is_ok());
        let errors = parse_err("---\ntitle: T\ndate: 2023-06-05\nslug: \"a\\nb\"\n---\n");
        assert!(errors[0].contains("slug `a\\nb`"), "{errors:?}");
    }

    #[test]
    fn translation_keys_cannot_climb() {
        assert!(check_translation_key("2023/bao-cao").is_ok());
        for bad in ["../x", "a/../../b", "/abs", "a//b", "a\\b", "a/"] {
            assert!(check_translation_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn empty_optional_values_mean_absent() {
        let bare = parse_ok("---\ntitle: T\ndate: 2023-06-05\n---\n").front;
        let keys: Vec<String> = known_keys()
            .into_iter()
            .filter(|key| key != "title" && key != "date")
            .collect();
        assert!(keys.len() > 10, "{keys:?}");
        for empty in ["\"\"", "''", "' '", "", "~"] {
            let lines: String = keys.iter().map(|k| format!("{k}: {empty}\n")).collect();
            let text = format!("---\ntitle: T\ndate: 2023-06-05\n{lines}---\n");
            assert_eq!(parse_ok(&text).front, bare, "{text}");
        }
        let blank_items = "---\ntitle: T\ndate: 2023-06-05\ntags: ['', a]\naliases: ['']\nauthor: ['', ' ']\n---\n";
        let front = parse_ok(blank_items).front;
        assert_eq!(front.tags, ["a"]);
        assert!(front.aliases.is_empty() && front.authors.is_empty());
    }

    #[test]
    fn bylines_and_corrections() {
        let front = parse_ok(
            "---\ntitle: T\ndate: 2023-06-05\nauthor: [Kim Cúc, Hoàng Anh, Kim Cúc]\nsource: Báo Cao Bằng\nphoto_credit: Văn Thành\ncorrections:\n  - { date: 2023-06-07, note: Sửa tên }\n  - { date: 2023-06-06 09:00, note: Sửa số liệu }\nexpires: 2023-07-01\n---\n",
        )
        .front;
        assert_eq!(front.authors, ["Kim Cúc", "Hoàng Anh"]);
        assert_eq!(front.source.as_deref(), Some("Báo Cao Bằng"));
        assert_eq!(front.photo_credit.as_deref(), Some("Văn Thành"));
        let notes: Vec<&str> = front.corrections.iter().map(|c| c.note.as_str()).collect();
        assert_eq!(notes, ["Sửa số liệu", "Sửa tên"], "oldest first");
        assert!(front.expires.is_some());
        let errors = parse_err(
            "---\ntitle: T\ndate: 2023-06-05\ncorrections:\n  - { note: x }\n  - { date: hôm qua, note: y }\n  - { date: 2023-06-06 }\nexpires: mai\n---\n",
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(
            errors.iter().any(|e| e.starts_with("a.md:8:10: expires:")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("a.md:4:13: each correction needs a `date`"))
        );
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("a.md:4:13: each correction needs a `note`"))
        );
        let errors = parse_err("---\ntitle: T\ndate: 2023-06-05\nviews: many\n---\n");
        assert!(errors[0].starts_with("a.md:4:"), "{errors:?}");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert!(parse_err("no front matter")[0].starts_with("a.md:1:1: an article must start"));
        assert!(parse_err("---\ntitle: T\n")[0].contains("never closed"));
    }

    #[test]
    fn empty_file_is_an_error_not_a_panic() {
        assert_eq!(parse_err("").len(), 1);
        assert_eq!(parse_err("---").len(), 1);
        assert_eq!(parse_err("---\n---\n").len(), 2);
    }
}
