//! Scaffolding for `bantin new` and `bantin init`: the file name and text of
//! a new article, and the files of a new site.
//!
//! Takes titles, languages and the current time; returns names and text.
//! Writing them is the commands' job, so nothing here touches the disk.

use std::path::Path;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::config::{self, Overrides};
use crate::source::SourceArticle;
use crate::text::{dates, slug};
use crate::yaml;

/// File stems longer than this are cut at a word boundary. The URL slug
/// still comes from the whole title; the cut only keeps file names short
/// (and well inside the 255-byte limit of most file systems).
const MAX_STEM_BYTES: usize = 80;

/// The front matter of a new article, in the order an editor reads it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub title: String,
    /// `YYYY-MM-DD HH:MM` in the site's timezone: the form editors type.
    /// None for a standalone page, which needs no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Byline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation_key: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// `author:` as an editor writes it: one name, or a list of them.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(untagged)]
pub enum Byline {
    One(String),
    Many(Vec<String>),
}

impl Byline {
    /// None for no names.
    pub fn of(mut names: Vec<String>) -> Option<Byline> {
        match names.len() {
            0 => None,
            1 => names.pop().map(Byline::One),
            _ => Some(Byline::Many(names)),
        }
    }
}

impl NewArticle {
    /// The whole file: front matter, a blank line, then `body`.
    pub fn to_markdown(&self, body: &str) -> Result<String, String> {
        let front = yaml::to_string(self).map_err(|e| e.message)?;
        Ok(format!("---\n{front}---\n\n{body}"))
    }
}

/// A title as typed on the command line, made one line and NFC, as the
/// build would read it anyway.
pub fn clean_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect()
}

/// `2026-11-03 08:30`: `now` in `zone`, to the minute (rounded down, so the
/// article is never dated in the future and left out of the build).
pub fn date_text(now: Timestamp, zone: &TimeZone) -> String {
    let dt = zone.to_datetime(now);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute()
    )
}

/// The default folder for a new article: the year of `now` in `zone`.
pub fn year_folder(now: Timestamp, zone: &TimeZone) -> String {
    format!("{:04}", dates::local_date(now, zone).year())
}

/// The file stem for a title: its slug, cut to a whole word when long.
/// `None` when the title has nothing to make a slug from.
pub fn file_stem(title: &str) -> Option<String> {
    let slug = slug::slugify(title);
    if slug.is_empty() {
        return None;
    }
    if slug.len() <= MAX_STEM_BYTES {
        return Some(slug);
    }
    let mut end = MAX_STEM_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let head = &slug[..end];
    let cut = if slug[end..].starts_with('-') {
        head
    } else {
        head.rfind('-').map_or(head, |i| &head[..i])
    };
    Some(cut.to_string())
}

/// A `--section`: a folder below `content/`, one or more `/`-separated
/// names. Returned without leading or trailing `/`.
pub fn check_section(section: &str) -> Result<String, String> {
    let trimmed = section.trim().trim_matches('/');
    let parts: Vec<&str> = trimmed.split('/').collect();
    // Hidden folders are skipped by the content walk, so an article put in
    // one would silently never appear.
    let bad = trimmed.is_empty()
        || parts.iter().any(|part| {
            part.is_empty()
                || part.starts_with('.')
                || part.trim() != *part
                || part.contains(['\\', ':'])
                || part.chars().any(char::is_control)
        });
    if bad {
        return Err(crate::msg!("new-bad-section", section = section));
    }
    Ok(parts.join("/"))
}

/// The article that already is `original`'s version in `lang`, if any: one
/// in the same folder with the same stem, or with the same `translation_key`.
pub fn translation_in<'a>(
    articles: &'a [SourceArticle],
    original: &SourceArticle,
    lang: &str,
) -> Option<&'a SourceArticle> {
    let key = original.front.translation_key.as_ref();
    articles.iter().find(|a| {
        a.lang == lang
            && ((a.dir == original.dir && a.stem == original.stem)
                || (key.is_some() && a.front.translation_key.as_ref() == key))
    })
}

/// One file of a new site: its path below the site folder ('/'-separated)
/// and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteFile {
    pub path: String,
    pub text: String,
}

/// The files of a new bilingual site: a commented `config.yaml`, a welcome
/// article in each language (a translation pair dated `now`) and a
/// `.gitignore` for the output folder. No theme: the default one is built in.
pub fn new_site(now: Timestamp) -> Result<Vec<SiteFile>, String> {
    let config = config::parse(
        Path::new(config::FILE_NAME),
        site_config(),
        &Overrides::default(),
    )
    .map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let date = date_text(now, &config.timezone);
    let year = year_folder(now, &config.timezone);
    let welcome = |title: &str, body: String| {
        NewArticle {
            title: title.to_string(),
            date: Some(date.clone()),
            author: None,
            translation_key: None,
            draft: false,
        }
        .to_markdown(&body)
    };
    Ok(vec![
        SiteFile {
            path: config::FILE_NAME.to_string(),
            text: site_config().to_string(),
        },
        SiteFile {
            path: ".gitignore".to_string(),
            text: "# The built site: `bantin build` makes it again.\n/public/\n".to_string(),
        },
        SiteFile {
            path: format!("content/{year}/chao-mung.vi.md"),
            text: welcome("Chào mừng đến với trang tin mới", welcome_vi(&year))?,
        },
        SiteFile {
            path: format!("content/{year}/chao-mung.en.md"),
            text: welcome("Welcome to your new news portal", welcome_en(&year))?,
        },
    ])
}

/// The configuration of a new site, every key explained where it is set,
/// in the language of bantin's messages (`messages:` follows it).
fn site_config() -> &'static str {
    match crate::messages::current() {
        crate::messages::Lang::Vi => SITE_CONFIG_VI,
        crate::messages::Lang::En => SITE_CONFIG_EN,
    }
}

const SITE_CONFIG_VI: &str = r#"# Cấu hình của trang. Đường dẫn và địa chỉ được giải thích trong README của bantin.

# Tên trang bằng từng ngôn ngữ: hiện ở tiêu đề trang, đầu trang và bản tin RSS.
title:
  vi: Trang tin điện tử
  en: News Portal
# Một câu giới thiệu trang bằng từng ngôn ngữ, cho máy tìm kiếm và bản tin RSS.
description:
  vi: Tin tức và sự kiện.
  en: News and events.
# Địa chỉ nơi trang sẽ được đăng; có thể kèm thư mục con, như
# https://example.org/cong-tin/. Lệnh `bantin build --base-url ĐỊA_CHỈ` thay thế nó.
base_url: https://example.org/
# Ngôn ngữ chính: hiện ở gốc trang, mỗi ngôn ngữ khác ở /<mã>/. Bài viết
# có tên tệp không kèm hậu tố ngôn ngữ thuộc ngôn ngữ này.
default_language: vi
# Các ngôn ngữ của trang, với tên hiện ở nút chuyển ngôn ngữ. `paths` đổi
# tên các thư mục danh sách, ví dụ
#   en: { name: English, paths: { categories: topics, tags: keywords } }
languages:
  vi: { name: Tiếng Việt }
  en: { name: English }
# Múi giờ của những ngày giờ viết không kèm độ lệch; nó cũng quyết định bài
# được xếp vào ngày nào. Tên như Asia/Ho_Chi_Minh hoặc độ lệch như +07:00.
timezone: Asia/Ho_Chi_Minh
# Giao diện `default` có sẵn trong bantin; thư mục themes/<tên>/ ở đây
# thay thế từng tệp của nó.
theme: default
# Số bài mỗi trang ở trang chủ, lưu trữ, chuyên mục, thẻ và tác giả.
paginate: 20
# Tên tác giả mà `bantin new` ghi vào bài mới; xoá dấu `#` để dùng.
# author: Ban biên tập
# Số bài mới nhất trong mỗi bản tin RSS và Atom.
feeds: { limit: 20 }
# Dịch vụ đếm lượt xem, được gọi bằng POST {endpoint}/{page_id}. Để null thì
# trang hiện số lượt xem biết được lúc dựng (`bantin serve` có bộ đếm riêng).
views: { endpoint: null }
# HTML viết thẳng trong bài: sanitize (giữ thẻ an toàn), allow (tin mọi biên
# tập viên) hoặc escape (hiện như chữ).
markdown: { raw_html: sanitize }
# Ngôn ngữ thông báo của bantin (lỗi, nhật ký của serve): vi hoặc en.
messages: vi
# Liên kết "mở trong trình soạn thảo" của mỗi lỗi trong khung lỗi trên trình
# duyệt khi chạy serve; xoá dấu `#` để dùng ({path} là đường dẫn tệp).
# editor_url: "vscode://file{path}:{line}:{column}"
"#;

const SITE_CONFIG_EN: &str = r#"# The site's settings. Paths and URLs are described in bantin's README.

# The site's name in each language: page titles, headers and feeds.
title:
  vi: Trang tin điện tử
  en: News Portal
# One line about the site in each language, for search engines and feeds.
description:
  vi: Tin tức và sự kiện.
  en: News and events.
# Where the site will be published; may include a sub-path, like
# https://example.org/portal/. `bantin build --base-url URL` overrides it.
base_url: https://example.org/
# This language is served at the site's root and every other one under
# /<code>/. Articles whose file name has no language suffix are in it.
default_language: vi
# Every language of the site, with the name its language switcher shows.
# `paths` can rename its listing folders, e.g.
#   en: { name: English, paths: { categories: topics, tags: keywords } }
languages:
  vi: { name: Tiếng Việt }
  en: { name: English }
# Dates written without an offset are in this zone, and it decides the day
# an article is filed under: an IANA name or an offset like +07:00.
timezone: Asia/Ho_Chi_Minh
# `default` is built into bantin; a folder themes/<name>/ here overrides
# it file by file.
theme: default
# Articles per page on the home page, archives, categories, tags and authors.
paginate: 20
# The byline `bantin new` writes into new articles; remove the `#` to use it.
# author: Ban biên tập
# How many of the latest articles each RSS and Atom feed lists.
feeds: { limit: 20 }
# A view-counter service, called as POST {endpoint}/{page_id}. With null,
# pages show the counts known at build time (`bantin serve` has its own).
views: { endpoint: null }
# Raw HTML in articles: sanitize (keep safe tags), allow (trust every
# editor) or escape (show it as text). When sanitising, `<iframe>`s are kept
# only from these hosts (what is removed is a warning at its line).
markdown:
  raw_html: sanitize
  embeds: [youtube-nocookie.com, youtube.com/embed, player.vimeo.com]
# The language of bantin's own messages (errors, the serve log): vi or en.
messages: en
# The "open in editor" link of each error in serve's browser overlay;
# remove the `#` to use it ({path} is the file, absolute).
# editor_url: "vscode://file{path}:{line}:{column}"
"#;

fn welcome_vi(year: &str) -> String {
    format!(
        r#"Trang tin của bạn đã sẵn sàng. Bài này là một ví dụ: hãy sửa hoặc xoá nó.

## Viết bài

Mỗi bài viết là một tệp Markdown trong thư mục `content/`, như bài này:
`content/{year}/chao-mung.vi.md`. Phần đầu tệp, giữa hai dòng `---`, là thông
tin của bài: `title` (tiêu đề) và `date` (ngày đăng) là bắt buộc; `author`,
`category`, `tags`, `summary`, `image` và `image_caption` thì tuỳ chọn.

Tạo bài mới, đã điền sẵn tiêu đề và ngày giờ:

    bantin new "Tiêu đề bài viết"

Bài mới là bản nháp (`draft: true`); xoá dòng đó khi bài sẵn sàng đăng.

## Bản dịch

Đuôi tên tệp cho biết ngôn ngữ: `.vi.md` là tiếng Việt, `.en.md` là tiếng
Anh. Hai tệp cùng thư mục, cùng tên là bản dịch của nhau, như bài này và
`content/{year}/chao-mung.en.md`. Tạo bản tiếng Anh của một bài:

    bantin new "English title" --translation-of content/{year}/tieu-de-bai-viet.vi.md

## Xem trước và xuất bản

`bantin serve` mở bản xem trước tại `http://127.0.0.1:1111` và tải lại khi
bạn lưu tệp. `bantin build` tạo trang hoàn chỉnh trong thư mục `public/`, sẵn
sàng đưa lên máy chủ. Tên trang, địa chỉ và múi giờ nằm trong `config.yaml`.
"#
    )
}

fn welcome_en(year: &str) -> String {
    format!(
        r#"Your news portal is ready. This article is an example: edit it or delete it.

## Writing articles

Every article is a Markdown file in the `content/` folder, like this one:
`content/{year}/chao-mung.en.md`. The top of the file, between two `---`
lines, describes the article: `title` and `date` are required; `author`,
`category`, `tags`, `summary`, `image` and `image_caption` are optional.

Create an article with its title and date filled in:

    bantin new "Article title" --lang en

A new article is a draft (`draft: true`); delete that line when it is ready
to publish.

## Translations

The end of the file name gives the language: `.vi.md` is Vietnamese, `.en.md`
is English. Two files with the same name in the same folder are translations
of each other, like this article and `content/{year}/chao-mung.vi.md`. Create
the English version of an article:

    bantin new "English title" --translation-of content/{year}/tieu-de-bai-viet.vi.md

## Previewing and publishing

`bantin serve` shows a preview at `http://127.0.0.1:1111` and reloads it
when you save a file. `bantin build` writes the finished site into the
`public/` folder, ready for any static host. The site's name, address and
timezone are in `config.yaml`.
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct ReadBack {
        title: String,
        date: String,
        author: Option<String>,
        translation_key: Option<String>,
        draft: Option<bool>,
    }

    fn read_back(text: &str) -> ReadBack {
        let yaml_text = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("---\n"))
            .map(|(yaml_text, _)| yaml_text)
            .unwrap_or_else(|| panic!("no front matter in {text:?}"));
        yaml::from_str(yaml_text).unwrap_or_else(|e| panic!("{e:?} in {text:?}"))
    }

    fn now() -> Timestamp {
        "2026-11-03T01:30:59Z".parse().unwrap()
    }

    fn hcm() -> TimeZone {
        dates::parse_timezone("Asia/Ho_Chi_Minh").unwrap()
    }

    #[test]
    fn any_title_reads_back_unchanged() {
        for title in [
            "Tin: nóng \"hot\" #1",
            "'quoted' and \\ backslash",
            "yes",
            "123",
            "null",
            "- list?",
            "[not a list]",
            "{not: a map}",
            "& anchor * alias ! tag | > % @ `",
            "2023-06-05",
            "Phó Chủ tịch UBND tỉnh Trịnh Trường Huy làm việc với sở Thông tin và Truyền thông về chuyển đổi số năm 2026",
        ] {
            let article = NewArticle {
                title: title.to_string(),
                date: Some(date_text(now(), &hcm())),
                author: Some(Byline::One("Kim Cúc: phóng viên".to_string())),
                translation_key: Some("#key".to_string()),
                draft: true,
            };
            let text = article.to_markdown("").unwrap();
            let back = read_back(&text);
            assert_eq!(back.title, title, "{text}");
            assert_eq!(back.author.as_deref(), Some("Kim Cúc: phóng viên"));
            assert_eq!(back.translation_key.as_deref(), Some("#key"));
            assert_eq!(back.draft, Some(true));
            assert!(text.ends_with("---\n\n"), "{text:?}");
        }
    }

    #[test]
    fn optional_keys_are_left_out() {
        let article = NewArticle {
            title: "T".to_string(),
            date: Some("2026-11-03 08:30".to_string()),
            author: None,
            translation_key: None,
            draft: false,
        };
        assert_eq!(
            article.to_markdown("Body\n").unwrap(),
            "---\ntitle: T\ndate: 2026-11-03 08:30\n---\n\nBody\n"
        );
    }

    #[test]
    fn date_is_now_in_the_site_zone_to_the_minute() {
        assert_eq!(date_text(now(), &hcm()), "2026-11-03 08:30");
        assert_eq!(date_text(now(), &TimeZone::UTC), "2026-11-03 01:30");
        let text = date_text(now(), &hcm());
        assert!(dates::parse_date(&text, &hcm()).unwrap() <= now());
        let new_year: Timestamp = "2026-12-31T17:00:00Z".parse().unwrap();
        assert_eq!(year_folder(new_year, &hcm()), "2027");
        assert_eq!(year_folder(new_year, &TimeZone::UTC), "2026");
    }

    #[test]
    fn titles_are_one_line_and_nfc() {
        assert_eq!(clean_title("  Tin\n  mới\t nhất "), "Tin mới nhất");
        assert_eq!(clean_title("Vie\u{0323}\u{0302}t"), "Việt");
        assert_eq!(clean_title(" \n "), "");
    }

    #[test]
    fn file_stems_come_from_the_title_and_stay_short() {
        assert_eq!(
            file_stem("Tin: nóng \"hot\" #1").as_deref(),
            Some("tin-nong-hot-1")
        );
        assert_eq!(file_stem("!!! ???"), None);
        assert_eq!(file_stem(""), None);
        let long = file_stem(&"Đường giao thông nông thôn ".repeat(10)).unwrap();
        assert!(long.len() <= MAX_STEM_BYTES, "{long}");
        assert!(long.starts_with("duong-giao-thong-nong-thon-duong"));
        assert!(
            long.ends_with("-thon") || long.ends_with("-duong"),
            "{long}"
        );
        let cjk = file_stem(&"新闻".repeat(40)).unwrap();
        assert!(cjk.len() <= MAX_STEM_BYTES && !cjk.is_empty());
    }

    #[test]
    fn sections_stay_below_content() {
        assert_eq!(check_section("thoi-su").as_deref(), Ok("thoi-su"));
        assert_eq!(check_section("/2026/11/").as_deref(), Ok("2026/11"));
        assert_eq!(check_section("Thời sự").as_deref(), Ok("Thời sự"));
        for bad in [
            "", "/", "..", "a/../b", ".drafts", "a//b", "a\\b", "C:", "a\nb",
        ] {
            assert!(check_section(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_new_site_has_a_valid_config_and_a_welcome_pair() {
        let files = new_site(now()).unwrap();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "config.yaml",
                ".gitignore",
                "content/2026/chao-mung.vi.md",
                "content/2026/chao-mung.en.md"
            ]
        );
        let config = config::parse(
            Path::new("config.yaml"),
            &files[0].text,
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(config.default_language().code, "vi");
        assert_eq!(config.languages[1].code, "en");
        assert_eq!(config.paginate, 20);
        assert_eq!(config.base_url, "https://example.org/");
        for file in &files[2..] {
            let back = read_back(&file.text);
            assert_eq!(back.date, "2026-11-03 08:30");
            assert_eq!(back.draft, None);
            assert!(file.text.contains(&file.path), "{}", file.text);
        }
    }

    #[test]
    fn every_config_key_is_explained() {
        for config in [SITE_CONFIG_VI, SITE_CONFIG_EN] {
            every_key_is_explained(config);
            let parsed = config::parse(Path::new("config.yaml"), config, &Overrides::default());
            assert!(parsed.is_ok(), "{config}");
        }
    }

    fn every_key_is_explained(config: &str) {
        let lines: Vec<&str> = config.lines().collect();
        for pair in lines.windows(2) {
            let is_key = pair[1].starts_with(|c: char| c.is_ascii_lowercase());
            assert!(
                !is_key || pair[0].starts_with('#'),
                "`{}` has no comment above it",
                pair[1]
            );
        }
    }
}
