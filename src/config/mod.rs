//! `config.yaml`: the raw YAML shape, then the resolved `Config`.
//!
//! The raw structs reject unknown keys (with a "did you mean" suggestion);
//! `resolve` then builds every field of `Config` explicitly, checking values
//! and filling defaults, so no key can be silently dropped.

mod front;
mod images;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;

pub use images::ImagesConfig;

use crate::diag::{self, Diagnostic};
use crate::markdown::{Embeds, RawHtml};
use crate::msg;
use crate::text::{dates, slug};
use crate::yaml;

pub mod cms;
pub mod editor;
mod menus;
pub mod messages;
mod news;
mod portal;
mod publisher;

pub use front::{BlockKind, BlockStyle, CategoryName, Front, HomeBlock};
pub use menus::{MenuItem, MenuTarget, Menus, is_site_path};
pub use news::News;
pub use portal::{Portal, RequiredPage};
pub use publisher::{Publisher, PublisherIn, PublisherKind};

pub const FILE_NAME: &str = "config.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Localised,
    description: Option<Localised>,
    base_url: String,
    default_language: Option<String>,
    languages: Option<BTreeMap<String, RawLanguage>>,
    timezone: Option<String>,
    theme: Option<String>,
    paginate: Option<usize>,
    author: Option<String>,
    feeds: Option<RawFeeds>,
    views: Option<RawViews>,
    markdown: Option<RawMarkdown>,
    menus: Option<menus::RawMenus>,
    publisher: Option<publisher::RawPublisher>,
    portal: Option<portal::RawPortal>,
    metadata: Option<news::RawMetadata>,
    news: Option<news::RawNews>,
    home: Option<front::RawHome>,
    most_read: Option<front::RawMostRead>,
    related: Option<front::RawRelated>,
    cards: Option<front::RawCards>,
    images: Option<images::RawImages>,
    messages: Option<String>,
    editor_url: Option<String>,
    cms: Option<cms::RawCms>,
}

/// A string for every language, or one per language code.
#[derive(Deserialize)]
#[serde(untagged)]
enum Localised {
    Same(String),
    PerLanguage(BTreeMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    paths: Option<RawPathWords>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPathWords {
    archive: Option<String>,
    categories: Option<String>,
    tags: Option<String>,
    authors: Option<String>,
    search: Option<String>,
    site_map: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    limit: Option<usize>,
    full_content: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawViews {
    endpoint: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    raw_html: Option<String>,
    /// Hosts whose `<iframe>`s are kept; absent: [`crate::markdown::DEFAULT_EMBEDS`].
    embeds: Option<Vec<String>>,
}

/// The words that name listing folders in a language's URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathWords {
    pub archive: String,
    pub categories: String,
    pub tags: String,
    pub authors: String,
    pub search: String,
    pub site_map: String,
}

impl PathWords {
    fn defaults(code: &str) -> PathWords {
        let words = |vi: &str, other: &str| if code == "vi" { vi } else { other }.to_string();
        PathWords {
            archive: words("luu-tru", "archive"),
            categories: words("chuyen-muc", "categories"),
            tags: words("the", "tags"),
            authors: words("tac-gia", "authors"),
            search: words("tim-kiem", "search"),
            site_map: words("so-do-cong", "sitemap"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub words: PathWords,
}

#[derive(Clone, Debug)]
pub struct Config {
    /// The default language first, then the others by code.
    pub languages: Vec<Language>,
    /// Absolute, always ending in '/': `https://example.org/portal/`.
    pub base_url: String,
    pub timezone: TimeZone,
    pub theme: String,
    pub paginate: usize,
    pub feed_limit: usize,
    pub author: Option<String>,
    pub views_endpoint: Option<String>,
    pub raw_html: RawHtml,
    /// Feeds carry whole articles, not their summaries (`feeds.full_content`).
    pub feed_full_content: bool,
    /// Article pages carry the Dublin Core `DC.*` meta tags.
    pub dublin_core: bool,
    /// Set: `news-sitemap.xml` is made.
    pub news: Option<News>,
    pub menus: Menus,
    pub publisher: Option<Publisher>,
    pub portal: Portal,
    /// `markdown.embeds`: where sanitised raw HTML may embed frames from.
    pub embeds: Embeds,
    pub front: Front,
    pub images: ImagesConfig,
    /// `messages:`, the language of bantin's own messages, when set.
    pub messages: Option<crate::messages::Lang>,
    /// `editor_url:`, the "open in editor" link of serve's error overlay.
    pub editor_url: Option<String>,
    pub cms: cms::Cms,
}

impl Config {
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The path part of `base_url`, always starting and ending with '/'.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |i| i + 3);
        let path_start = self.base_url[after_scheme..]
            .find('/')
            .map_or(self.base_url.len(), |i| after_scheme + i);
        &self.base_url[path_start..]
    }
}

/// Settings given on the command line that override the file.
#[derive(Default, Clone, Hash)]
pub struct Overrides {
    pub base_url: Option<String>,
    /// `bantin serve` points the view counter at itself.
    pub views_endpoint: Option<String>,
}

/// Reads and resolves `ROOT/config.yaml`.
pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let path = root.join(FILE_NAME);
    crate::files::walk::check_inside(root, &path).map_err(|d| vec![d])?;
    if path.is_dir() {
        return Err(vec![Diagnostic::error(&path, msg!("config-is-folder"))]);
    }
    let text = match crate::files::read_limited(&path, &path, &crate::msg!("io-read-config")) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => return Err(vec![Diagnostic::error(&path, msg!("config-not-utf8"))]),
        },
        Err(d) => return Err(vec![d]),
    };
    parse(&path, &text, overrides)
}

pub fn parse(path: &Path, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: RawConfig = yaml::from_str(text).map_err(|err| vec![yaml_error(path, err)])?;
    Resolver {
        path: path.to_path_buf(),
        text,
        errors: Vec::new(),
    }
    .resolve(raw, overrides)
}

/// Turns a YAML error into a diagnostic, suggesting the key that was meant.
pub fn yaml_error(path: &Path, err: yaml::YamlError) -> Diagnostic {
    let mut message = err.message;
    if message.contains("untagged enum Localised") {
        // serde's words for `title: [a, b]`.
        message = msg!("config-localised");
    }
    if let Some((key, expected)) = &err.unknown_key {
        message = crate::msg!("fm-unknown-key", key = diag::shown(key));
        if let Some(hint) = diag::suggestion(key, expected.iter().map(String::as_str)) {
            message.push_str(&format!(
                " ({})",
                crate::msg!("fm-did-you-mean", key = hint)
            ));
        }
        let allowed = crate::msg!("fm-allowed-keys", keys = expected.join(", "));
        message.push_str(&format!("; {allowed}"));
    }
    let d = Diagnostic::error(path, message);
    match err.position {
        Some((line, column)) => d.at(line, column),
        None => d,
    }
}

struct Resolver<'a> {
    path: PathBuf,
    text: &'a str,
    errors: Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn error(&mut self, key: &str, message: String) {
        let d = Diagnostic::error(&self.path, message);
        self.errors.push(match yaml::key_line(self.text, key) {
            Some(line) => d.at(line, 1),
            None => d,
        });
    }

    fn resolve(mut self, raw: RawConfig, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let default_code = raw.default_language.unwrap_or_else(|| "vi".to_string());
        let raw_languages = raw.languages.unwrap_or_else(|| {
            BTreeMap::from([(
                default_code.clone(),
                RawLanguage {
                    name: default_code.clone(),
                    paths: None,
                },
            )])
        });
        if !raw_languages.contains_key(&default_code) {
            self.error(
                "default_language",
                msg!("config-default-language", code = diag::shown(&default_code)),
            );
        }
        let titles = self.localised("title", raw.title, &raw_languages);
        let news = self.news(raw.news, &raw_languages);
        let descriptions = raw
            .description
            .map(|d| self.localised("description", d, &raw_languages));
        let mut languages: Vec<Language> = raw_languages
            .into_iter()
            .map(|(code, raw)| self.language(code, raw, &titles, descriptions.as_ref()))
            .collect();
        languages.sort_by_key(|l| (l.code != default_code, l.code.clone()));

        let base_url = self.base_url(overrides.base_url.clone().unwrap_or(raw.base_url));
        let timezone_spec = raw.timezone.unwrap_or_else(|| "UTC".to_string());
        let timezone = dates::parse_timezone(&timezone_spec).unwrap_or_else(|message| {
            self.error("timezone", format!("timezone: {message}"));
            TimeZone::UTC
        });
        let paginate = raw.paginate.unwrap_or(20);
        if paginate == 0 {
            self.error("paginate", msg!("config-paginate"));
        }
        let codes: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
        let front_raw = front::Raw {
            home: raw.home,
            most_read: raw.most_read,
            related: raw.related,
            cards: raw.cards,
        };
        let front = front::resolve(&self.path, self.text, front_raw, &codes, &mut self.errors);
        let feed_limit = raw.feeds.as_ref().and_then(|f| f.limit).unwrap_or(20);
        let feed_full_content = raw.feeds.and_then(|f| f.full_content).unwrap_or(false);
        let markdown = raw.markdown.unwrap_or_default();
        let embeds = match markdown.embeds {
            None => Embeds::default(),
            Some(list) => Embeds::parse(list).unwrap_or_else(|errors| {
                for message in errors {
                    self.error("embeds", message);
                }
                Embeds::default()
            }),
        };
        // Frames keep their own origin (the players need it), so a frame of the site's own
        // origin could lift its sandbox: the site's host cannot be an embed host.
        let site_host = (base_url.split("://").nth(1))
            .and_then(|rest| rest.split(['/', ':']).next())
            .unwrap_or_default();
        if let Some(entry) = embeds.entry_for_host(site_host) {
            self.error(
                "embeds",
                crate::msg!(
                    "embeds-own-host",
                    entry = diag::shown(&entry),
                    host = site_host
                ),
            );
        }
        let raw_html = match markdown.raw_html.as_deref() {
            None | Some("sanitize") => RawHtml::Sanitize,
            Some("allow") => RawHtml::Allow,
            Some("escape") => RawHtml::Escape,
            Some(other) => {
                self.error(
                    "raw_html",
                    msg!("config-raw-html", value = diag::shown(other)),
                );
                RawHtml::Sanitize
            }
        };
        let theme = raw.theme.unwrap_or_else(|| "default".to_string());
        if slug::slugify(&theme) != theme {
            self.error("theme", msg!("config-theme", theme = diag::shown(&theme)));
        }
        let views_endpoint = overrides
            .views_endpoint
            .clone()
            .or(raw.views.and_then(|v| v.endpoint))
            .map(|e| self.views_endpoint(e))
            .filter(|e| !e.is_empty());
        let images = self.images(raw.images);

        let codes: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
        let (path, text) = (self.path.clone(), self.text);
        let menus = raw.menus.map_or_else(Menus::default, |raw| {
            let (menus, errors) = menus::resolve(raw, &path, text, &codes);
            self.errors.extend(errors);
            menus
        });
        let publisher = raw.publisher.map(|raw| {
            let (publisher, errors) = publisher::resolve(raw, &path, text, &codes);
            self.errors.extend(errors);
            publisher
        });
        let portal = raw.portal.map_or_else(Portal::default, |raw| {
            let (portal, errors) = portal::resolve(raw, &path, text);
            self.errors.extend(errors);
            portal
        });
        let messages = messages::resolve(raw.messages.as_deref()).unwrap_or_else(|m| {
            self.error("messages", m);
            None
        });
        let editor_url = editor::resolve(raw.editor_url).unwrap_or_else(|m| {
            self.error("editor_url", m);
            None
        });

        let cms = cms::resolve(raw.cms);
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        Ok(Config {
            languages,
            base_url,
            timezone,
            theme,
            paginate,
            feed_limit,
            author: raw.author,
            views_endpoint,
            raw_html,
            feed_full_content,
            dublin_core: news::dublin_core(raw.metadata),
            news,
            menus,
            publisher,
            portal,
            embeds,
            front,
            images,
            messages,
            editor_url,
            cms,
        })
    }

    fn localised(
        &mut self,
        key: &str,
        value: Localised,
        languages: &BTreeMap<String, RawLanguage>,
    ) -> BTreeMap<String, String> {
        let texts: Vec<&String> = match &value {
            Localised::Same(text) => vec![text],
            Localised::PerLanguage(map) => map.values().collect(),
        };
        for text in texts {
            self.bounded(key, key, text);
        }
        match value {
            Localised::Same(text) => languages
                .keys()
                .map(|c| (c.clone(), text.clone()))
                .collect(),
            Localised::PerLanguage(map) => {
                for code in map.keys().filter(|c| !languages.contains_key(*c)) {
                    self.error(
                        key,
                        msg!(
                            "config-unknown-language",
                            key = key,
                            code = diag::shown(code)
                        ),
                    );
                }
                map
            }
        }
    }

    fn language(
        &mut self,
        code: String,
        raw: RawLanguage,
        titles: &BTreeMap<String, String>,
        descriptions: Option<&BTreeMap<String, String>>,
    ) -> Language {
        if !is_language_code(&code) {
            self.error(
                &code,
                msg!("config-language-code", code = diag::shown(&code)),
            );
        }
        let defaults = PathWords::defaults(&code);
        let raw_words = raw.paths.unwrap_or_default();
        let mut word = |name: &str, value: Option<String>, default: String| match value {
            Some(w) if slug::slugify(&w) == w && !w.is_empty() => w,
            Some(w) => {
                self.error(
                    name,
                    msg!(
                        "config-path-word",
                        word = diag::shown(&w),
                        slug = slug::slugify(&w)
                    ),
                );
                default
            }
            None => default,
        };
        let words = PathWords {
            archive: word("archive", raw_words.archive, defaults.archive),
            categories: word("categories", raw_words.categories, defaults.categories),
            tags: word("tags", raw_words.tags, defaults.tags),
            authors: word("authors", raw_words.authors, defaults.authors),
            search: word("search", raw_words.search, defaults.search),
            site_map: word("site_map", raw_words.site_map, defaults.site_map),
        };
        let title = titles
            .get(&code)
            .or_else(|| titles.values().next())
            .cloned()
            .unwrap_or_default();
        self.bounded(&code, "name", &raw.name);
        Language {
            description: descriptions.and_then(|d| d.get(&code).cloned()),
            code,
            name: raw.name,
            title,
            words,
        }
    }

    /// Site-wide text is repeated on every page (and the title in every
    /// feed), so its length multiplies the site's size: bounded like a
    /// summary, far above any real one.
    /// `line_key` is the top-level key whose line the error points at.
    fn bounded(&mut self, line_key: &str, key: &str, text: &str) {
        let length = text.chars().count();
        if length > MAX_SITE_TEXT_CHARS {
            self.error(
                line_key,
                msg!(
                    "config-too-long",
                    key = key,
                    length = length,
                    max = MAX_SITE_TEXT_CHARS
                ),
            );
        }
    }

    /// The view counter is called from every article page: a web address
    /// or a path of this site, never another scheme (`javascript:`).
    fn views_endpoint(&mut self, endpoint: String) -> String {
        let endpoint = endpoint.trim().trim_end_matches('/').to_string();
        let web = ["https://", "http://"].iter().any(|scheme| {
            endpoint
                .strip_prefix(scheme)
                .is_some_and(|rest| !rest.is_empty())
        });
        let path = endpoint.starts_with('/') && !endpoint.starts_with("//");
        if !web && !path && !endpoint.is_empty() {
            self.error(
                "views",
                msg!("config-views-endpoint", endpoint = diag::shown(&endpoint)),
            );
        }
        endpoint
    }

    fn base_url(&mut self, url: String) -> String {
        let url = url.trim().to_string();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        match rest {
            Some(rest)
                if !rest.is_empty() && !rest.starts_with('/') && !url.contains(['?', '#', ' ']) =>
            {
                if url.ends_with('/') {
                    url
                } else {
                    format!("{url}/")
                }
            }
            _ => {
                self.error("base_url", msg!("config-base-url", url = diag::shown(&url)));
                "http://localhost/".to_string()
            }
        }
    }
}

/// The longest site title, description or language name, in characters.
const MAX_SITE_TEXT_CHARS: usize = 1_000;

/// Language codes become folder names, so they are kept to BCP 47's shape.
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Config, Vec<Diagnostic>> {
        parse(Path::new("config.yaml"), text, &Overrides::default())
    }

    const DEMO: &str = "title:\n  vi: Cổng\n  en: Portal\nbase_url: https://example.org/portal\ndefault_language: vi\nlanguages:\n  vi: { name: Tiếng Việt }\n  en: { name: English }\ntimezone: Asia/Ho_Chi_Minh\npaginate: 5\n";

    #[test]
    fn resolves_the_demo_shape() {
        let c = parse_str(DEMO).unwrap();
        assert_eq!(c.base_url, "https://example.org/portal/");
        assert_eq!(c.base_path(), "/portal/");
        assert_eq!(c.languages[0].code, "vi");
        assert_eq!(c.languages[1].title, "Portal");
        assert_eq!(c.languages[0].words.categories, "chuyen-muc");
        assert_eq!(c.languages[1].words.categories, "categories");
        assert_eq!(c.paginate, 5);
        assert_eq!(c.raw_html, RawHtml::Sanitize);
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let errors = parse_str(&DEMO.replace("paginate", "paginat")).unwrap_err();
        assert_eq!(errors.len(), 1);
        let text = errors[0].to_string();
        assert!(
            text.starts_with("config.yaml:10:1: unknown key `paginat`"),
            "{text}"
        );
        assert!(text.contains("did you mean `paginate`?"), "{text}");
    }

    #[test]
    fn every_bad_value_is_reported_at_once() {
        let bad = DEMO
            .replace("Asia/Ho_Chi_Minh", "Mars/Olympus")
            .replace("paginate: 5", "paginate: 0")
            .replace("https://example.org/portal", "example.org");
        let errors = parse_str(&bad).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors.iter().all(|e| e.position.is_some()));
    }

    #[test]
    fn any_language_codes_work() {
        let c = parse_str("title: T\nbase_url: http://x/\ndefault_language: fr\nlanguages:\n  fr: { name: Français }\n  de: { name: Deutsch }\n").unwrap();
        assert_eq!(
            c.languages
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            ["fr", "de"]
        );
        assert_eq!(c.languages[1].words.archive, "archive");
    }
}
