//! Structured data: the schema.org JSON-LD in `<script type="application/ld+json">`
//! that search engines and news aggregators read. Article pages get a
//! `NewsArticle` and a `BreadcrumbList` (home › category › article); a
//! language's home gets a `WebSite` and the publisher's `Organization`.
//!
//! Built as `serde_json` values, then escaped for a script element: no
//! front-matter value can end the script (`</script>`), open a comment
//! (`<!--`) or end a line in old JavaScript parsers (U+2028, U+2029).

use serde_json::{Map, Value, json};

use super::Renderer;
use super::language::Lang;
use super::views::image_absolute;
use crate::site::{Article, ArticleId, Taxonomy};
use crate::text::dates;

const CONTEXT: &str = "https://schema.org";

impl Renderer<'_> {
    /// The JSON-LD of an article's page, ready to go inside its script.
    pub(super) fn article_json_ld(&self, id: ArticleId, description: &str) -> String {
        let site = self.site;
        let article = &site.articles[id];
        let lang = self.lang(article.lang());
        let front = &article.source.front;
        let zone = &site.config.timezone;
        let url = site.urls.absolute(&article.path);

        let mut news = Map::new();
        news.insert("@context".into(), CONTEXT.into());
        news.insert("@type".into(), "NewsArticle".into());
        news.insert("@id".into(), article_id(&url).into());
        news.insert("url".into(), url.clone().into());
        news.insert("headline".into(), front.title.clone().into());
        if !description.is_empty() {
            news.insert("description".into(), description.into());
        }
        if let Some(image) = &front.image {
            // A photo's crops at the aspects Google asks for; else (too
            // small for any, a GIF, an SVG, another site's image) the
            // image as published.
            let crops = self.images.crops(article);
            let urls: Vec<String> = if crops.is_empty() {
                let file = self.images.lead_file(article);
                vec![file.map_or_else(
                    || image_absolute(site, article, image),
                    |file| site.urls.absolute(&file.path),
                )]
            } else {
                crops.iter().map(|crop| site.urls.absolute(crop)).collect()
            };
            news.insert("image".into(), urls.into());
        }
        news.insert(
            "datePublished".into(),
            dates::rfc3339(front.date, zone).into(),
        );
        news.insert(
            "dateModified".into(),
            dates::rfc3339(article.last_change(), zone).into(),
        );
        let authors: Vec<Value> = (article.term_names(Taxonomy::Author).into_iter())
            .map(|name| self.person(lang, name))
            .collect();
        if !authors.is_empty() {
            news.insert("author".into(), authors.into());
        }
        news.insert("publisher".into(), self.organization(lang, false));
        news.insert("inLanguage".into(), article.lang().into());
        news.insert(
            "mainEntityOfPage".into(),
            json!({ "@type": "WebPage", "@id": url }),
        );
        if let Some(category) = &front.category {
            news.insert("articleSection".into(), category.clone().into());
        }
        if !front.tags.is_empty() {
            news.insert("keywords".into(), front.tags.clone().into());
        }
        self.translation_links(id, &mut news);

        let mut crumbs = vec![(lang.language.title.clone(), site.urls.home(lang.code()))];
        if let Some(category) = &front.category
            && let Some(path) = self.term_path(lang, Taxonomy::Category, category)
        {
            crumbs.push((category.clone(), path));
        }
        crumbs.push((front.title.clone(), article.path.clone()));
        let items: Vec<Value> = (crumbs.into_iter().enumerate())
            .map(|(i, (name, path))| {
                json!({
                    "@type": "ListItem",
                    "position": i + 1,
                    "name": name,
                    "item": site.urls.absolute(&path),
                })
            })
            .collect();
        let breadcrumbs = json!({
            "@context": CONTEXT,
            "@type": "BreadcrumbList",
            "itemListElement": items,
        });
        script_text(&json!([Value::Object(news), breadcrumbs]))
    }

    /// The JSON-LD of a language's home: the site and who publishes it.
    pub(super) fn home_json_ld(&self, lang: &Lang) -> String {
        let site = self.site;
        let language = lang.language;
        let home = site.urls.absolute(&site.urls.home(lang.code()));
        let mut website = Map::new();
        website.insert("@context".into(), CONTEXT.into());
        website.insert("@type".into(), "WebSite".into());
        website.insert("@id".into(), format!("{home}#website").into());
        website.insert("url".into(), home.into());
        website.insert("name".into(), language.title.clone().into());
        if let Some(description) = &language.description {
            website.insert("description".into(), description.clone().into());
        }
        website.insert("inLanguage".into(), lang.code().into());
        website.insert("publisher".into(), json!({ "@id": self.organization_id() }));
        script_text(&json!([
            Value::Object(website),
            self.organization(lang, true)
        ]))
    }

    /// The publisher as `publisher:` describes it (its name in `lang`, its
    /// type, logo and contacts), else the site under its title. `full`
    /// adds its contacts, for the home page's own `Organization`.
    fn organization(&self, lang: &Lang, full: bool) -> Value {
        let site = self.site;
        let urls = &site.urls;
        let publisher = site.config.publisher.as_ref();
        let mut org = Map::new();
        if full {
            org.insert("@context".into(), CONTEXT.into());
        }
        let kind = publisher.map_or("Organization", |p| p.kind.schema_type());
        org.insert("@type".into(), kind.into());
        org.insert("@id".into(), self.organization_id().into());
        let default = &site.config.default_language().code;
        let here = publisher.map(|p| p.in_language(lang.code(), default));
        let name = here
            .as_ref()
            .map_or(lang.language.title.as_str(), |p| p.name);
        org.insert("name".into(), name.into());
        org.insert(
            "url".into(),
            urls.absolute(&urls.home(&site.config.default_language().code))
                .into(),
        );
        let Some(publisher) = here else {
            return Value::Object(org);
        };
        if let Some(logo) = publisher.logo {
            let logo = json!({ "@type": "ImageObject", "url": urls.absolute_link(logo) });
            org.insert("logo".into(), logo);
        }
        if full {
            let mut add = |key: &str, value: Option<&str>| {
                if let Some(value) = value {
                    org.insert(key.into(), value.into());
                }
            };
            add("telephone", publisher.phone);
            add("email", publisher.email);
            if let Some(address) = publisher.address {
                let address = json!({ "@type": "PostalAddress", "streetAddress": address });
                org.insert("address".into(), address);
            }
        }
        Value::Object(org)
    }

    /// One id for the publisher in every language, so that graphs merge.
    fn organization_id(&self) -> String {
        let urls = &self.site.urls;
        let home = urls.home(&self.site.config.default_language().code);
        format!("{}#publisher", urls.absolute(&home))
    }

    /// An author with the page of their articles.
    fn person(&self, lang: &Lang, name: &str) -> Value {
        let mut person = Map::new();
        person.insert("@type".into(), "Person".into());
        person.insert("name".into(), name.into());
        if let Some(path) = self.term_path(lang, Taxonomy::Author, name) {
            person.insert("url".into(), self.site.urls.absolute(&path).into());
        }
        Value::Object(person)
    }

    /// The translations, linked both ways: the version in the earliest
    /// configured language (the default one, where it exists) is the
    /// work; the others are its translations.
    fn translation_links(&self, id: ArticleId, news: &mut Map<String, Value>) {
        let site = self.site;
        let article = &site.articles[id];
        let Some(&first) = article.translations.first() else {
            return;
        };
        let order = |a: &Article| {
            (site.config.languages.iter())
                .position(|l| l.code == a.lang())
                .unwrap_or(usize::MAX)
        };
        let reference = |other: &Article| {
            let url = site.urls.absolute(&other.path);
            json!({
                "@type": "NewsArticle",
                "@id": article_id(&url),
                "url": url,
                "inLanguage": other.lang(),
            })
        };
        // `translations` are in configuration order.
        let original = &site.articles[first];
        if order(original) < order(article) {
            news.insert("translationOfWork".into(), reference(original));
        } else {
            let translations: Vec<Value> = (article.translations.iter())
                .map(|&t| reference(&site.articles[t]))
                .collect();
            news.insert("workTranslation".into(), translations.into());
        }
    }
}

fn article_id(url: &str) -> String {
    format!("{url}#article")
}

/// `value` as JSON that can stand inside a `<script>` element: `<`, `>`
/// and `&` as `\u` escapes (no `</script>`, no `<!--`), and U+2028/U+2029
/// too. They can only occur inside JSON strings, where the escapes mean
/// the same characters.
pub(super) fn script_text(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_text_cannot_end_the_script_and_parses_back() {
        let title = "</script><script>alert(1)</script> <!-- a\u{2028}b\u{2029} & c";
        let text = script_text(&json!({ "headline": title }));
        for bad in ["<", ">", "\u{2028}", "\u{2029}"] {
            assert!(!text.contains(bad), "{text}");
        }
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], title);
    }
}
