//! Front matter: find the YAML between the `---` lines, parse it, and check
//! every value, reporting each problem on its own line of the file.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::config::yaml_error;
use crate::diag::{Diagnostic, shown};
use crate::markdown::url_scheme;
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
    author: Option<String>,
    category: Option<String>,
    tags: Option<Vec<String>>,
    summary: Option<String>,
    image: Option<String>,
    image_caption: Option<String>,
    views: Option<u64>,
    slug: Option<String>,
    draft: Option<bool>,
    aliases: Option<Vec<String>>,
    translation_key: Option<String>,
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

/// Checked front matter. Optional text is `None` when absent or blank.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub date: Timestamp,
    pub updated: Option<Timestamp>,
    pub author: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub views: Option<u64>,
    pub slug: Option<String>,
    pub draft: bool,
    pub aliases: Vec<String>,
    pub translation_key: Option<String>,
}

pub struct Parsed {
    pub front: FrontMatter,
    pub key_lines: KeyLines,
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
}

impl Key {
    const ALL: [Key; 8] = [
        Key::Title,
        Key::Slug,
        Key::TranslationKey,
        Key::Category,
        Key::Tags,
        Key::Author,
        Key::Aliases,
        Key::Summary,
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

/// Splits and checks one article. `text` is already normalised (LF, NFC).
pub fn parse(path: &Path, text: &str, zone: &TimeZone) -> Result<Parsed, Vec<Diagnostic>> {
    let (yaml_text, body, body_line) = split(path, text).map_err(|d| vec![d])?;
    // The YAML starts on line 2, after the opening `---`.
    let raw: RawFrontMatter = yaml::from_str(yaml_text).map_err(|err| {
        let mut d = yaml_error(path, err);
        if let Some((line, column)) = d.position {
            d.position = Some((line + 1, column));
        } else {
            d.position = Some((1, 1));
        }
        vec![d]
    })?;
    let mut errors = Vec::new();
    let mut error = |key: &str, message: String| {
        let line = yaml::key_line(yaml_text, key).map_or(1, |l| l + 1);
        errors.push(Diagnostic::error(path, message).at(line, 1));
    };
    let title = text_value(raw.title).unwrap_or_else(|| {
        error(
            "title",
            "`title` is required and must not be empty".to_string(),
        );
        String::new()
    });
    let date = match raw.date {
        Some(d) => dates::parse_date(&d, zone).unwrap_or_else(|m| {
            error("date", format!("date: {m}"));
            Timestamp::UNIX_EPOCH
        }),
        None => {
            error(
                "date",
                "`date` is required, e.g. `date: 2023-06-05 08:30`".to_string(),
            );
            Timestamp::UNIX_EPOCH
        }
    };
    let updated = raw.updated.and_then(|d| {
        dates::parse_date(&d, zone)
            .map_err(|m| error("updated", format!("updated: {m}")))
            .ok()
    });
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
    let translation_key = text_value(raw.translation_key);
    if let Some(key) = &translation_key {
        if let Err(m) = check_translation_key(key) {
            error("translation_key", m);
        }
    }
    let aliases = raw.aliases.unwrap_or_default();
    for alias in &aliases {
        if let Err(m) = check_alias(alias) {
            error("aliases", m);
        }
    }
    let mut tags: Vec<String> = raw
        .tags
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| text_value(Some(t)))
        .collect();
    tags.dedup();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Parsed {
        front: FrontMatter {
            title,
            date,
            updated,
            author: text_value(raw.author),
            category: text_value(raw.category),
            tags,
            summary: text_value(raw.summary),
            image,
            image_caption: text_value(raw.image_caption),
            views: raw.views,
            slug,
            draft: raw.draft.unwrap_or(false),
            aliases,
            translation_key,
        },
        key_lines: KeyLines::of(yaml_text),
        body: body.to_string(),
        body_line,
    })
}

/// (yaml, body, first line of body). The opening `---` must be the first
/// line; the closing one is the next line that is exactly `---` (or `...`).
fn split<'a>(path: &Path, text: &'a str) -> Result<(&'a str, &'a str, usize), Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            path,
            "an article must start with front matter: a `---` line, YAML with at least `title` and `date`, then `---`",
        )
        .at(1, 1));
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
                format!(
                    "front matter is larger than {} KiB; is its closing `---` missing?",
                    MAX_FRONT_MATTER_BYTES / 1024
                ),
            )
            .at(1, 1));
        }
    }
    Err(Diagnostic::error(
        path,
        "front matter opened here is never closed with a `---` line",
    )
    .at(1, 1))
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
            format!(", e.g. `{suggestion}`")
        };
        return Err(format!(
            "slug `{}` must be a single URL segment of letters, digits, `-`, `_` and `.`, without `/`, `\\` or `..`{hint}",
            shown(slug)
        ));
    }
    if slug.len() > MAX_SLUG_BYTES {
        return Err(format!(
            "slug is {} bytes long; slugs are limited to {MAX_SLUG_BYTES} bytes",
            slug.len()
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
        return Err(format!(
            "alias `{}` must be a path inside the site like `/old/path/`, without `..`",
            shown(alias)
        ));
    }
    if path.split('/').any(|part| part.len() > 255) {
        return Err(format!(
            "alias `{}…` has a part longer than 255 bytes, more than a file name can hold",
            shown(&alias.chars().take(40).collect::<String>())
        ));
    }
    Ok(())
}

/// The lead image goes into `<img src>` and `og:image`: an http(s) URL, a
/// site path (`/images/a.jpg`) or a path relative to the article, never a
/// `javascript:` or `data:` URL.
fn check_image(image: &str) -> Result<(), String> {
    let scheme = url_scheme(image);
    let web = matches!(scheme.as_deref(), None | Some("http" | "https"));
    if !web || image.chars().any(char::is_control) {
        return Err(format!(
            "image `{}` must be an http(s) URL, a site path like `/images/a.jpg` or a path relative to the article",
            shown(image)
        ));
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
        return Err(format!(
            "translation_key `{}` must be a name like `2023/report`, without `..` or empty parts",
            shown(key)
        ));
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
        parse(Path::new("a.md"), text, &zone()).unwrap_or_else(|e| panic!("{e:?}"))
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
        parse(Path::new("a.md"), text, &zone())
            .err()
            .expect("should fail")
            .iter()
            .map(|d| d.to_string())
            .collect()
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
        assert!(errors[0].starts_with("a.md:2:1:"));
        assert!(errors[1].starts_with("a.md:3:1: date:"));
        assert!(errors[2].starts_with("a.md:4:1: slug"));
        assert!(errors[3].starts_with("a.md:5:1: alias"));
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
            errors[0].starts_with("a.md:4:1: image `javascript:alert(1)`"),
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
