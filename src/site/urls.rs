//! The only place that makes URLs and output paths.
//!
//! A `SitePath` is relative to the site root, without a leading '/':
//! `""` (the home), `en/2023/06/slug/`, `404.html`. From it come the link
//! written in pages (`href`: base path + site path), the absolute URL
//! (canonical, feeds, sitemap) and the output file.

use std::fmt;

use jiff::civil::Date;

use crate::config::{Config, Language};
use crate::site::Taxonomy;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SitePath(String);

pub use crate::text::slug::fold_case;

impl SitePath {
    pub fn new(path: impl Into<String>) -> SitePath {
        SitePath(path.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file that serves this path: folders get `index.html`.
    pub fn output_file(&self) -> String {
        if self.0.is_empty() || self.0.ends_with('/') {
            format!("{}index.html", self.0)
        } else {
            self.0.clone()
        }
    }

    fn join(&self, part: &str) -> SitePath {
        SitePath(format!("{}{part}", self.0))
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Builds every site path from the configuration.
#[derive(Clone, Debug)]
pub struct Urls {
    base_url: String,
    base_path: String,
    default_language: String,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
            default_language: config.default_language().code.clone(),
        }
    }

    /// The link written in a page: `/portal/en/2023/…`.
    pub fn href(&self, path: &SitePath) -> String {
        format!("{}{}", self.base_path, path.0)
    }

    /// The site path a link made by `href` names; `None` for a link
    /// outside the site's base path.
    pub fn site_path_of_href(&self, href: &str) -> Option<SitePath> {
        href.strip_prefix(&self.base_path).map(SitePath::new)
    }

    /// The absolute URL: `https://example.org/portal/en/2023/…`.
    pub fn absolute(&self, path: &SitePath) -> String {
        format!("{}{}", self.base_url, path.0)
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// A root-relative link written in Markdown (`/2023/06/x/`) gets the
    /// base path; anything else is left alone.
    pub fn site_relative(&self, link: &str) -> Option<String> {
        if link.starts_with('/') && !link.starts_with("//") && self.base_path != "/" {
            Some(format!("{}{}", self.base_path, &link[1..]))
        } else {
            None
        }
    }

    pub fn home(&self, lang: &str) -> SitePath {
        if lang == self.default_language {
            SitePath::new("")
        } else {
            SitePath(format!("{lang}/"))
        }
    }

    pub fn article(&self, lang: &str, date: Date, slug: &str) -> SitePath {
        self.home(lang)
            .join(&format!("{:04}/{:02}/{slug}/", date.year(), date.month()))
    }

    /// A standalone page: its folders' URL names, then its slug, below
    /// the language's home: `gioi-thieu/co-cau-to-chuc/`.
    pub fn standalone_page(&self, lang: &str, segments: &[&str]) -> SitePath {
        self.home(lang).join(&format!("{}/", segments.join("/")))
    }

    /// The site map page: `so-do-cong/`, `en/sitemap/`.
    pub fn site_map(&self, language: &Language) -> SitePath {
        self.home(&language.code)
            .join(&format!("{}/", language.words.site_map))
    }

    /// A path written in the configuration (`/tim-kiem/`) as a site path.
    pub fn configured(&self, path: &str) -> SitePath {
        SitePath::new(path.trim_start_matches('/'))
    }

    pub fn year(&self, lang: &str, year: i16) -> SitePath {
        self.home(lang).join(&format!("{year:04}/"))
    }

    pub fn month(&self, lang: &str, year: i16, month: i8) -> SitePath {
        self.home(lang).join(&format!("{year:04}/{month:02}/"))
    }

    pub fn day(&self, lang: &str, date: Date) -> SitePath {
        self.home(lang).join(&format!(
            "{:04}/{:02}/{:02}/",
            date.year(),
            date.month(),
            date.day()
        ))
    }

    pub fn archive_index(&self, language: &Language) -> SitePath {
        self.home(&language.code)
            .join(&format!("{}/", language.words.archive))
    }

    pub fn search(&self, language: &Language) -> SitePath {
        self.home(&language.code)
            .join(&format!("{}/", language.words.search))
    }

    /// The most-read page: `xem-nhieu/` in Vietnamese, `en/most-read/`.
    pub fn most_read(&self, language: &Language) -> SitePath {
        let word = if language.code == "vi" {
            "xem-nhieu"
        } else {
            "most-read"
        };
        self.home(&language.code).join(&format!("{word}/"))
    }

    /// All terms of a taxonomy: `chuyen-muc/`, `en/categories/`.
    pub fn term_index(&self, language: &Language, taxonomy: Taxonomy) -> SitePath {
        let word = match taxonomy {
            Taxonomy::Category => &language.words.categories,
            Taxonomy::Tag => &language.words.tags,
            Taxonomy::Author => &language.words.authors,
        };
        self.home(&language.code).join(&format!("{word}/"))
    }

    pub fn term(&self, language: &Language, taxonomy: Taxonomy, slug: &str) -> SitePath {
        self.term_index(language, taxonomy)
            .join(&format!("{slug}/"))
    }

    /// A feed file inside a listing's folder: `rss.xml`, `en/atom.xml`,
    /// `chuyen-muc/nong-nghiep/rss.xml`.
    pub fn feed(&self, listing: &SitePath, file: &str) -> SitePath {
        listing.join(file)
    }

    pub fn search_index(&self, lang: &str) -> SitePath {
        self.home(lang).join("search-index.json")
    }

    /// A file of a language's search index (its manifest, a shard), as the
    /// index names it below the language's home.
    pub fn search_file(&self, home: &SitePath, file: &str) -> SitePath {
        home.join(file)
    }

    /// Google News' sitemap of the latest articles.
    pub fn news_sitemap(&self) -> SitePath {
        SitePath::new("news-sitemap.xml")
    }

    /// The folder of a language's data API: every file below it is one.
    pub fn api_folder(&self, lang: &str) -> SitePath {
        self.home(lang).join("api/")
    }

    /// Page `n` (1-based) of a language's articles in the data API.
    pub fn api_page(&self, lang: &str, n: usize) -> SitePath {
        self.api_folder(lang)
            .join(&format!("articles/page/{n}.json"))
    }

    /// An article's file in the data API: beside the page list, under the
    /// article's own year, month and slug.
    pub fn api_article(&self, lang: &str, date: Date, slug: &str) -> SitePath {
        self.api_folder(lang).join(&format!(
            "articles/{:04}/{:02}/{slug}.json",
            date.year(),
            date.month()
        ))
    }

    /// A site path or absolute URL written in configuration or front
    /// matter (a logo, an image) as an absolute URL.
    pub fn absolute_link(&self, link: &str) -> String {
        if link.contains("://") {
            link.to_string()
        } else {
            self.absolute(&SitePath::new(link.trim_start_matches('/')))
        }
    }

    /// Page `n` (1-based) of a listing that starts at `first`.
    pub fn page(&self, first: &SitePath, n: usize) -> SitePath {
        if n <= 1 {
            first.clone()
        } else {
            first.join(&format!("page/{n}/"))
        }
    }

    /// An alias as written in front matter (`/old/path/`) as a site path.
    pub fn alias(&self, alias: &str) -> SitePath {
        SitePath::new(alias.trim_start_matches('/'))
    }

    /// A file derived from an image (a width, a format, a crop), named by
    /// its content: `_img/<key>-800.webp`.
    pub fn image_file(&self, name: &str) -> SitePath {
        SitePath(format!("_img/{name}"))
    }

    pub fn not_found(&self) -> SitePath {
        SitePath::new("404.html")
    }

    pub fn robots(&self) -> SitePath {
        SitePath::new("robots.txt")
    }

    /// The sitemap, or past the sitemaps.org limit the index of its parts.
    pub fn sitemap(&self) -> SitePath {
        SitePath::new("sitemap.xml")
    }

    /// Part `n` (1-based) of a sitemap split past the limit.
    pub fn sitemap_part(&self, n: usize) -> SitePath {
        SitePath(format!("sitemap-{n}.xml"))
    }

    /// URLs for a site at `base_url` whose default language is `vi`.
    #[cfg(test)]
    pub fn for_tests(base_url: &str) -> Urls {
        let path_start = base_url[8..].find('/').unwrap() + 8;
        Urls {
            base_url: base_url.to_string(),
            base_path: base_url[path_start..].to_string(),
            default_language: "vi".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> Urls {
        Urls::for_tests(base)
    }

    #[test]
    fn default_language_at_root_others_prefixed() {
        let u = urls("https://example.org/portal/");
        let d = Date::new(2023, 6, 5).unwrap();
        let vi = u.article("vi", d, "x");
        assert_eq!(vi.as_str(), "2023/06/x/");
        assert_eq!(u.href(&vi), "/portal/2023/06/x/");
        assert_eq!(
            u.absolute(&u.article("en", d, "x")),
            "https://example.org/portal/en/2023/06/x/"
        );
        assert_eq!(u.day("en", d).output_file(), "en/2023/06/05/index.html");
        assert_eq!(u.page(&u.home("vi"), 2).as_str(), "page/2/");
        assert_eq!(u.page(&u.home("en"), 1).as_str(), "en/");
        assert_eq!(u.home("vi").output_file(), "index.html");
        assert_eq!(u.api_page("en", 2).as_str(), "en/api/articles/page/2.json");
        assert_eq!(
            u.api_article("vi", d, "x").as_str(),
            "api/articles/2023/06/x.json"
        );
        assert_eq!(
            u.absolute_link("/images/logo.png"),
            "https://example.org/portal/images/logo.png"
        );
        assert_eq!(
            u.absolute_link("https://cdn.example/l.png"),
            "https://cdn.example/l.png"
        );
    }

    #[test]
    fn markdown_root_links_get_the_base_path() {
        assert_eq!(
            urls("https://e.org/p/")
                .site_relative("/2023/x/")
                .as_deref(),
            Some("/p/2023/x/")
        );
        assert_eq!(urls("https://e.org/").site_relative("/2023/x/"), None);
        assert_eq!(
            urls("https://e.org/p/").site_relative("//cdn.example/x"),
            None
        );
        assert_eq!(urls("https://e.org/p/").site_relative("https://x/"), None);
    }
}
