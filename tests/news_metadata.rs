//! News metadata and distribution (issue 19): JSON-LD, meta tags, the news
//! sitemap, feed images and full content, JSON Feed and the data API, read
//! back with parsers (scraper for HTML, serde_json, the XML as text where
//! the element is the contract).

mod common;

use std::path::Path;

use bantin::config::Overrides;
use bantin::pipeline::{self, Settings};
use common::{CONFIG, Fixture};
use scraper::{Html, Selector};
use serde_json::Value;

const PUBLISHER: &str = "publisher:\n  name:\n    vi: Ủy ban nhân dân tỉnh\n    en: Provincial People's Committee\n  address: 011 Hoàng Đình Giong\n  phone: \"0206 3852 034\"\n  email: ubnd@example.org\n  logo: /images/logo.png\n  type: GovernmentOrganization\nmetadata: { dublin_core: true }\n";

/// A real 640×360 PNG: the images pipeline decodes every lead image.
fn png() -> Vec<u8> {
    common::photos::png(640, 360)
}

fn site(extra_config: &str) -> Fixture {
    let f = Fixture::new();
    f.write("config.yaml", &format!("{CONFIG}{PUBLISHER}{extra_config}"));
    f.write_bytes("static/images/lead.png", &png());
    f.article(
        "2023/a.vi.md",
        "Chuyển đổi số ở xã",
        "2023-06-05 08:30",
        "category: Chuyển đổi số\ntags: [hạ tầng số, Cao Bằng]\nauthor: Kim Cúc\nimage: /images/lead.png\nupdated: 2023-06-06 09:00\n",
        "Bài *một* với [liên kết](https://example.net/).\n\nĐoạn hai.\n",
    )
    .article(
        "2023/a.en.md",
        "Digital change in the commune",
        "2023-06-05 08:30",
        "category: Digital transformation\ntags: [Cao Bang]\nauthor: Kim Cúc\n",
        "Story one.\n",
    )
    .article(
        "2023/b.vi.md",
        "Mùa vàng",
        "2023-07-01",
        "category: Nông nghiệp\nimage: https://cdn.example.net/mua-vang.jpg\n",
        "Bài hai.\n",
    );
    f
}

/// Every JSON-LD block of a page, parsed.
fn json_ld(page: &str) -> Vec<Value> {
    let html = Html::parse_document(page);
    let selector = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
    html.select(&selector)
        .map(|script| {
            let text: String = script.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
        })
        .collect()
}

/// The object of `@type` `kind` among a page's JSON-LD blocks.
fn of_type(page: &str, kind: &str) -> Value {
    let all: Vec<Value> = json_ld(page)
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(items) => items,
            one => vec![one],
        })
        .collect();
    all.into_iter()
        .find(|v| v["@type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {page}"))
}

fn meta(page: &str, attribute: &str, name: &str) -> Vec<String> {
    let html = Html::parse_document(page);
    let selector = Selector::parse(&format!("meta[{attribute}=\"{name}\"]")).unwrap();
    html.select(&selector)
        .map(|m| m.value().attr("content").unwrap_or_default().to_string())
        .collect()
}

const VI_ARTICLE: &str = "2023/06/chuyen-doi-so-o-xa/index.html";
const EN_ARTICLE: &str = "en/2023/06/digital-change-in-the-commune/index.html";

#[test]
fn article_json_ld_is_a_news_article_with_breadcrumbs() {
    let f = site("");
    f.build().assert_ok();
    let page = f.page(VI_ARTICLE);
    let news = of_type(&page, "NewsArticle");
    let url = "https://example.org/2023/06/chuyen-doi-so-o-xa/";
    assert_eq!(news["@context"], "https://schema.org");
    assert_eq!(news["headline"], "Chuyển đổi số ở xã");
    assert_eq!(news["description"], "Bài một với liên kết.");
    assert_eq!(news["image"].as_array().unwrap().len(), 3, "{news}");
    assert_eq!(news["datePublished"], "2023-06-05T08:30:00+07:00");
    assert_eq!(news["dateModified"], "2023-06-06T09:00:00+07:00");
    assert_eq!(news["author"][0]["@type"], "Person");
    assert_eq!(news["author"][0]["name"], "Kim Cúc");
    assert_eq!(
        news["author"][0]["url"],
        "https://example.org/tac-gia/kim-cuc/"
    );
    assert_eq!(news["publisher"]["@type"], "GovernmentOrganization");
    assert_eq!(news["publisher"]["name"], "Ủy ban nhân dân tỉnh");
    assert_eq!(
        news["publisher"]["logo"]["url"],
        "https://example.org/images/logo.png"
    );
    assert_eq!(news["inLanguage"], "vi");
    assert_eq!(news["mainEntityOfPage"]["@id"], url);
    assert_eq!(news["articleSection"], "Chuyển đổi số");
    assert_eq!(
        news["keywords"],
        serde_json::json!(["hạ tầng số", "Cao Bằng"])
    );

    let crumbs = of_type(&page, "BreadcrumbList");
    let items = crumbs["itemListElement"].as_array().unwrap();
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Cổng tin", "Chuyển đổi số", "Chuyển đổi số ở xã"]);
    assert_eq!(items[0]["item"], "https://example.org/");
    assert_eq!(
        items[1]["item"],
        "https://example.org/chuyen-muc/chuyen-doi-so/"
    );
    assert_eq!(items[2]["item"], url);
    assert_eq!(items[2]["position"], 3);
}

#[test]
fn translations_are_linked_both_ways() {
    let f = site("");
    f.build().assert_ok();
    let vi = of_type(&f.page(VI_ARTICLE), "NewsArticle");
    let en = of_type(&f.page(EN_ARTICLE), "NewsArticle");
    // The default language's version is the work, the other its translation.
    assert_eq!(
        vi["workTranslation"][0]["@id"],
        format!("{}#article", en["url"].as_str().unwrap())
    );
    assert_eq!(vi["workTranslation"][0]["inLanguage"], "en");
    assert_eq!(en["translationOfWork"]["@id"], vi["@id"]);
    assert!(vi.get("translationOfWork").is_none() && en.get("workTranslation").is_none());
    // An article with no translation links none.
    let alone = of_type(&f.page("2023/07/mua-vang/index.html"), "NewsArticle");
    assert!(alone.get("workTranslation").is_none() && alone.get("translationOfWork").is_none());
}

#[test]
fn a_title_that_closes_the_script_stays_inside_one_string() {
    let f = site("");
    let title = "</script><script>alert(1)</script><!-- a\u{2028}b\u{2029}c";
    f.write(
        "content/2023/x.vi.md",
        &format!("---\ntitle: \"{}\"\ndate: 2023-08-01\nslug: x\ncategory: \"</script>\"\ntags: [\"<!--\"]\n---\nBody.\n", title.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")),
    );
    f.build().assert_ok();
    let page = f.page("2023/08/x/index.html");
    let html = Html::parse_document(&page);
    // The theme's scripts are files (`src`); the only inline one is the JSON-LD.
    let inline: Vec<_> = (html.select(&Selector::parse("script:not([src])").unwrap())).collect();
    assert_eq!(inline.len(), 1, "one inline script, the JSON-LD: {page}");
    assert_eq!(inline[0].value().attr("type"), Some("application/ld+json"));
    let news = of_type(&page, "NewsArticle");
    assert_eq!(news["headline"], title);
    assert_eq!(news["articleSection"], "</script>");
    assert_eq!(news["keywords"][0], "<!--");
    let block = page.split("application/ld+json\">").nth(1).unwrap();
    let block = &block[..block.find("</script>").unwrap()];
    for raw in ["<", "\u{2028}", "\u{2029}"] {
        assert!(!block.contains(raw), "{raw:?} left raw in {block}");
    }
}

#[test]
fn homes_describe_the_site_and_its_publisher() {
    let f = site("");
    f.build().assert_ok();
    for (home, lang, name) in [
        ("index.html", "vi", "Ủy ban nhân dân tỉnh"),
        ("en/index.html", "en", "Provincial People's Committee"),
    ] {
        let page = f.page(home);
        let website = of_type(&page, "WebSite");
        assert_eq!(website["inLanguage"], lang);
        let org = of_type(&page, "GovernmentOrganization");
        assert_eq!(org["name"], name);
        assert_eq!(org["telephone"], "0206 3852 034");
        assert_eq!(org["address"]["streetAddress"], "011 Hoàng Đình Giong");
        assert_eq!(website["publisher"]["@id"], org["@id"]);
    }
    // Page 2 of a home, and other listings, carry none.
    assert!(json_ld(&f.page("chuyen-muc/nong-nghiep/index.html")).is_empty());
}

#[test]
fn article_meta_tags_and_dublin_core() {
    let f = site("");
    f.build().assert_ok();
    let page = f.page(VI_ARTICLE);
    let expected: [(&str, &str, &[&str]); 17] = [
        (
            "property",
            "article:published_time",
            &["2023-06-05T08:30:00+07:00"],
        ),
        (
            "property",
            "article:modified_time",
            &["2023-06-06T09:00:00+07:00"],
        ),
        (
            "property",
            "article:author",
            &["https://example.org/tac-gia/kim-cuc/"],
        ),
        ("property", "article:section", &["Chuyển đổi số"]),
        ("property", "article:tag", &["hạ tầng số", "Cao Bằng"]),
        ("name", "twitter:card", &["summary_large_image"]),
        ("name", "author", &["Kim Cúc"]),
        ("name", "DC.title", &["Chuyển đổi số ở xã"]),
        ("name", "DC.creator", &["Kim Cúc"]),
        ("name", "DC.date", &["2023-06-05"]),
        ("name", "DC.publisher", &["Ủy ban nhân dân tỉnh"]),
        (
            "name",
            "DC.identifier",
            &["https://example.org/2023/06/chuyen-doi-so-o-xa/"],
        ),
        ("name", "DC.language", &["vi"]),
        ("name", "DC.description", &["Bài một với liên kết."]),
        (
            "name",
            "DC.subject",
            &["Chuyển đổi số", "hạ tầng số", "Cao Bằng"],
        ),
        ("property", "og:type", &["article"]),
        ("name", "description", &["Bài một với liên kết."]),
    ];
    for (attribute, name, values) in expected {
        assert_eq!(meta(&page, attribute, name), values, "{name}");
    }
    // An article with no image gets the small card.
    let plain = f.page(EN_ARTICLE);
    assert_eq!(meta(&plain, "name", "twitter:card"), ["summary"]);

    // Dublin Core is off unless asked for.
    f.write("config.yaml", CONFIG);
    f.build().assert_ok();
    let page = f.page(VI_ARTICLE);
    assert!(meta(&page, "name", "DC.title").is_empty());
    assert_eq!(meta(&page, "name", "author"), ["Kim Cúc"]);
    // With no publisher, the site is the publisher under its title.
    assert_eq!(
        of_type(&page, "NewsArticle")["publisher"]["@type"],
        "Organization"
    );
    assert_eq!(
        of_type(&page, "NewsArticle")["publisher"]["name"],
        "Cổng tin"
    );
}

fn settings(root: &Path, now: &str) -> Settings {
    Settings {
        root: root.to_path_buf(),
        out: root.join("public"),
        include_drafts: false,
        overrides: Overrides::default(),
        now: now.parse().unwrap(),
        strict: false,
        preview_drafts: false,
    }
}

#[test]
fn news_sitemap_lists_the_two_days_before_the_clock_escaped() {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        &format!("{CONFIG}news:\n  publication_name:\n    vi: \"Báo <Cao Bằng> & Đời sống\"\n    en: Cao Bang News\n"),
    );
    for (rel, title, date) in [
        (
            "a.vi.md",
            "Tin <mới> & \\\"nóng\\\"",
            "2024-03-10T11:00:00+07:00",
        ),
        ("a.en.md", "Fresh news", "2024-03-10T11:00:00+07:00"),
        ("b.vi.md", "Hôm kia", "2024-03-08T12:30:00+07:00"),
        ("c.vi.md", "Quá hai ngày", "2024-03-08T11:30:00+07:00"),
        ("d.vi.md", "Ngày mai", "2024-03-11T09:00:00+07:00"),
    ] {
        f.article(rel, title, date, "", "Bài.\n");
    }
    let outcome = pipeline::build(&settings(f.root(), "2024-03-10T12:00:00+07:00"));
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    let xml = f.page("news-sitemap.xml");
    let locs: Vec<&str> = xml
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    assert_eq!(
        locs,
        [
            "https://example.org/en/2024/03/fresh-news/",
            "https://example.org/2024/03/tin-moi-nong/",
            "https://example.org/2024/03/hom-kia/",
        ],
        "newest first (ties by file), inside the window, nothing from the future: {xml}"
    );
    assert!(xml.contains("<news:name>Báo &lt;Cao Bằng&gt; &amp; Đời sống</news:name>\n<news:language>vi</news:language>"));
    assert!(
        xml.contains("<news:name>Cao Bang News</news:name>\n<news:language>en</news:language>")
    );
    assert!(xml.contains("<news:title>Tin &lt;mới&gt; &amp; &quot;nóng&quot;</news:title>"));
    assert!(
        xml.contains("<news:publication_date>2024-03-10T11:00:00+07:00</news:publication_date>")
    );
    assert!(!xml.contains("CDATA"));
    assert!(
        f.page("robots.txt")
            .contains("Sitemap: https://example.org/news-sitemap.xml\n")
    );

    // Two days later, with no other change (the output would otherwise be
    // "up to date"), the window has moved on.
    let outcome = pipeline::build(&settings(f.root(), "2024-03-12T12:00:00+07:00"));
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    let xml = f.page("news-sitemap.xml");
    assert_eq!(xml.matches("<url>").count(), 1, "only tomorrow's: {xml}");
    assert!(xml.contains("/2024/03/ngay-mai/"));

    // Without a publication name there is no news sitemap.
    f.write("config.yaml", CONFIG);
    f.build().assert_ok();
    assert!(!f.exists("news-sitemap.xml"));
    assert!(!f.page("robots.txt").contains("news-sitemap"));
}

#[test]
fn the_news_sitemap_stops_at_a_thousand_urls() {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        &format!("{CONFIG}news: {{ publication_name: Tin }}\n"),
    );
    for i in 0..1_005 {
        let minute = i % 60;
        let hour = i / 60;
        f.article(
            &format!("t{i}.vi.md"),
            &format!("Tin {i}"),
            &format!("2024-03-10T{hour:02}:{minute:02}:00+07:00"),
            "",
            "",
        );
    }
    let outcome = pipeline::build(&settings(f.root(), "2024-03-10T23:00:00+07:00"));
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    let xml = f.page("news-sitemap.xml");
    assert_eq!(xml.matches("<url>").count(), 1_000);
    // The newest are kept.
    assert!(xml.contains("/tin-1004/") && !xml.contains("/tin-4/"));
}

/// The site path of an absolute URL of the fixture's site.
fn site_path(url: &str) -> &str {
    url.strip_prefix("https://example.org/")
        .unwrap_or_else(|| panic!("{url} is not the site's"))
}

/// The value of attribute `name` in the first `<tag …>` of `xml` that has it.
fn attribute(xml: &str, tag: &str, name: &str) -> String {
    let element = xml
        .split(&format!("<{tag} "))
        .skip(1)
        .map(|rest| &rest[..rest.find('>').unwrap()])
        .find(|element| {
            element.contains(&format!(" {name}=\"")) || element.starts_with(&format!("{name}=\""))
        })
        .unwrap_or_else(|| panic!("no <{tag} {name}=…> in {xml}"));
    let start = element.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    element[start..start + element[start..].find('"').unwrap()].to_string()
}

#[test]
fn feed_items_carry_the_published_image_variant_with_its_exact_length() {
    let f = site("");
    f.build().assert_ok();
    let whole_rss = f.page("rss.xml");
    let rss = common::between(&whole_rss, "<title>Chuyển đổi số ở xã</title>", "</item>");
    // The 640 × 360 lead photo's widest variant (no width above its own),
    // in its own format, published under /_img/.
    let url = attribute(rss, "enclosure", "url");
    let file = site_path(&url);
    assert!(
        file.starts_with("_img/") && file.ends_with("-640.png"),
        "{url}"
    );
    let bytes = std::fs::read(f.public().join(file)).unwrap();
    let length = bytes.len().to_string();
    let pixels = common::photos::decoded(&bytes);
    assert_eq!(pixels.dimensions(), (640, 360));
    assert_eq!(attribute(rss, "enclosure", "length"), length);
    assert_eq!(attribute(rss, "enclosure", "type"), "image/png");
    assert_eq!(attribute(rss, "media:content", "url"), url);
    assert_eq!(attribute(rss, "media:content", "fileSize"), length);
    assert_eq!(attribute(rss, "media:content", "width"), "640");
    assert_eq!(attribute(rss, "media:content", "height"), "360");
    // An image elsewhere: its type from its name, its length unknown (0).
    assert!(whole_rss.contains(
        "<enclosure url=\"https://cdn.example.net/mua-vang.jpg\" length=\"0\" type=\"image/jpeg\"/>"
    ));
    let atom = f.page("atom.xml");
    assert!(atom.contains(&format!(
        "<link rel=\"enclosure\" href=\"{url}\" type=\"image/png\" length=\"{length}\"/>"
    )));
    let json: Value = serde_json::from_str(&f.page("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Chuyển đổi số ở xã")
        .unwrap();
    assert_eq!(item["image"], url.as_str());
    assert_eq!(item["attachments"][0]["url"], url.as_str());
    assert_eq!(item["attachments"][0]["size_in_bytes"], bytes.len());
    assert_eq!(item["attachments"][0]["mime_type"], "image/png");
    let api: Value =
        serde_json::from_str(&f.page("api/articles/2023/06/chuyen-doi-so-o-xa.json")).unwrap();
    assert_eq!(api["image"]["url"], url.as_str());
    assert_eq!(api["image"]["size_in_bytes"], bytes.len());
    assert_eq!(
        (
            api["image"]["width"].clone(),
            api["image"]["height"].clone()
        ),
        (640.into(), 360.into())
    );
}

#[test]
fn a_large_photo_gets_a_variant_no_wider_than_the_widest_configured() {
    let f = site("");
    f.write_bytes("static/images/lead.png", &common::photos::png(2000, 1000));
    f.build().assert_ok();
    let whole_rss = f.page("rss.xml");
    let rss = common::between(&whole_rss, "<title>Chuyển đổi số ở xã</title>", "</item>");
    let url = attribute(rss, "enclosure", "url");
    let bytes = std::fs::read(f.public().join(site_path(&url))).unwrap();
    assert_eq!(common::photos::decoded(&bytes).dimensions(), (1200, 600));
    assert_eq!(
        attribute(rss, "enclosure", "length"),
        bytes.len().to_string()
    );
    assert_eq!(attribute(rss, "media:content", "width"), "1200");
    assert_eq!(attribute(rss, "media:content", "height"), "600");
}

#[test]
fn json_ld_offers_16_9_4_3_and_1_1_crops_of_the_lead_photo() {
    let f = site("");
    f.write_bytes("static/images/lead.png", &common::photos::png(2000, 1000));
    f.build().assert_ok();
    let news = of_type(&f.page(VI_ARTICLE), "NewsArticle");
    let images: Vec<&str> = (news["image"].as_array().unwrap().iter())
        .map(|v| v.as_str().unwrap())
        .collect();
    let sizes: Vec<(u32, u32)> = (images.iter())
        .map(|url| {
            let bytes = std::fs::read(f.public().join(site_path(url))).unwrap();
            common::photos::decoded(&bytes).dimensions()
        })
        .collect();
    // Each the largest box of its aspect, scaled to at most 1200 wide;
    // the 1:1 crop of a 1000-row photo is never enlarged.
    assert_eq!(sizes, vec![(1200, 675), (1200, 900), (1000, 1000)]);
    for url in &images {
        assert!(site_path(url).starts_with("_img/"), "{url}");
    }
    // The same files on a second build: named by content, from the cache.
    let first = f.page(VI_ARTICLE);
    f.build().assert_ok();
    assert_eq!(f.page(VI_ARTICLE), first);
}

#[test]
fn json_ld_leaves_out_crops_under_50000_pixels_and_falls_back_to_the_image() {
    let f = site("");
    // 16:9 is 240 × 135 = 32,400 pixels; 4:3 240 × 180 = 43,200; 1:1
    // 180 × 180 = 32,400: too small for any, so the image itself.
    f.write_bytes("static/images/lead.png", &common::photos::png(240, 180));
    f.write_bytes("static/images/wide.png", &common::photos::png(400, 150));
    f.article(
        "2023/c.vi.md",
        "Ảnh rộng",
        "2023-07-02",
        "image: /images/wide.png\n",
        "Bài ba.\n",
    );
    f.build().assert_ok();
    let news = of_type(&f.page(VI_ARTICLE), "NewsArticle");
    let images = news["image"].as_array().unwrap();
    assert_eq!(images.len(), 1, "{news}");
    let bytes = std::fs::read(f.public().join(site_path(images[0].as_str().unwrap()))).unwrap();
    assert_eq!(common::photos::decoded(&bytes).dimensions(), (240, 180));
    // 400 × 150: 16:9 is 266 × 150 = 39,900 (left out), 4:3 200 × 150 =
    // 30,000 (left out), 1:1 150 × 150 (left out); so the image itself too.
    let wide = of_type(&f.page("2023/07/anh-rong/index.html"), "NewsArticle");
    assert_eq!(wide["image"].as_array().unwrap().len(), 1);
    // Another site's image is linked as written.
    let remote = of_type(&f.page("2023/07/mua-vang/index.html"), "NewsArticle");
    assert_eq!(
        remote["image"],
        serde_json::json!(["https://cdn.example.net/mua-vang.jpg"])
    );
}

#[test]
fn an_alias_cannot_take_a_generated_path() {
    let f = site("news: { publication_name: Cổng tin }\n");
    f.article(
        "2023/d.vi.md",
        "Tin cũ",
        "2023-07-03",
        "aliases:\n  - /tin-cu/123/\n  - /api/articles/page/1.json\n  - /EN/rss.xml\n  - /chuyen-muc/nong-nghiep/feed.json\n  - /news-sitemap.xml\n  - /search/doc/0.json\n  - /_img/x.png\n  - /en/search-index.json\n  - /sitemap-3.xml\n  - /tim-kiem/\n",
        "Nội dung.\n",
    );
    let run = f.build();
    // Each at its own line and column (the front matter starts on line 2).
    for (line, alias) in [
        (6, "/api/articles/page/1.json"),
        (7, "/EN/rss.xml"),
        (8, "/chuyen-muc/nong-nghiep/feed.json"),
        (9, "/news-sitemap.xml"),
        (10, "/search/doc/0.json"),
        (11, "/_img/x.png"),
        (12, "/en/search-index.json"),
        (13, "/sitemap-3.xml"),
        (14, "/tim-kiem/"),
    ] {
        run.assert_error(&format!("content/2023/d.vi.md:{line}:5: alias {alias} "));
    }
    assert!(!run.stderr.contains("alias /tin-cu/123/"), "{}", run.stderr);
    assert!(!f.exists("index.html"), "nothing is written");
    // An alias in flow style is found at its own column too.
    f.article(
        "2023/d.vi.md",
        "Tin cũ",
        "2023-07-03",
        "aliases: [/tin-cu/123/, /en/api/x.json]\n",
        "Nội dung.\n",
    );
    f.build()
        .assert_error("content/2023/d.vi.md:4:25: alias /en/api/x.json ");
    f.run(&["check"])
        .assert_error("content/2023/d.vi.md:4:25: alias /en/api/x.json ");
}

#[test]
fn full_content_puts_whole_articles_in_feeds_only_when_asked() {
    let f = site("");
    f.build().assert_ok();
    assert!(!f.page("rss.xml").contains("<content:encoded>"));
    assert!(!f.page("atom.xml").contains("<content type=\"html\">"));
    let json: Value = serde_json::from_str(&f.page("feed.json")).unwrap();
    assert!(json["items"][0].get("content_html").is_none());
    assert_eq!(
        json["items"][0]["content_text"],
        json["items"][0]["summary"]
    );

    f.write(
        "config.yaml",
        &format!("{CONFIG}{PUBLISHER}feeds: {{ full_content: true }}\n"),
    );
    f.build().assert_ok();
    let body = "&lt;p&gt;Bài &lt;em&gt;một&lt;/em&gt; với";
    let rss = f.page("rss.xml");
    assert!(rss.contains(&format!("<content:encoded>{body}")), "{rss}");
    assert!(rss.contains("Đoạn hai.&lt;/p&gt;"));
    assert!(
        f.page("atom.xml")
            .contains(&format!("<content type=\"html\">{body}"))
    );
    assert!(
        f.page("chuyen-muc/chuyen-doi-so/rss.xml")
            .contains("<content:encoded>")
    );
    let json: Value = serde_json::from_str(&f.page("feed.json")).unwrap();
    let item = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Chuyển đổi số ở xã")
        .unwrap();
    assert!(
        item["content_html"]
            .as_str()
            .unwrap()
            .contains("<p>Bài <em>một</em> với")
    );
}

#[test]
fn json_feeds_per_language_and_category_are_advertised() {
    let f = site("");
    f.build().assert_ok();
    for (file, lang, count) in [
        ("feed.json", "vi", 2),
        ("en/feed.json", "en", 1),
        ("chuyen-muc/nong-nghiep/feed.json", "vi", 1),
    ] {
        let json: Value = serde_json::from_str(&f.page(file)).unwrap();
        assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
        assert_eq!(json["language"], lang);
        assert_eq!(json["feed_url"], format!("https://example.org/{file}"));
        assert_eq!(json["items"].as_array().unwrap().len(), count, "{file}");
    }
    assert!(f.page("feed.json").starts_with("{\"version\":"));
    let home = f.page("index.html");
    assert!(home.contains("<link rel=\"alternate\" type=\"application/feed+json\" title=\"Cổng tin (JSON Feed)\" href=\"/feed.json\">"));
    let category = f.page("chuyen-muc/nong-nghiep/index.html");
    assert!(category.contains("href=\"/chuyen-muc/nong-nghiep/feed.json\""));
}

#[test]
fn the_data_api_pages_articles_as_listings_do() {
    let f = site("");
    for i in 0..4 {
        f.article(
            &format!("2024/n{i}.vi.md"),
            &format!("Tin {i}"),
            &format!("2024-01-0{}", i + 1),
            "",
            "Nội dung.\n",
        );
    }
    f.build().assert_ok();
    // Six Vietnamese articles, two a page (`paginate: 2`).
    let page = |n: usize| -> Value {
        serde_json::from_str(&f.page(&format!("api/articles/page/{n}.json"))).unwrap()
    };
    let mut seen = Vec::new();
    for n in 1..=3 {
        let p = page(n);
        assert_eq!(p["api_version"], 1);
        assert_eq!(p["language"], "vi");
        assert_eq!(p["page"], n);
        assert_eq!(p["total_pages"], 3);
        assert_eq!(p["total_articles"], 6);
        assert_eq!(p["articles"].as_array().unwrap().len(), 2);
        for a in p["articles"].as_array().unwrap() {
            seen.push(a["date_published"].as_str().unwrap().to_string());
        }
    }
    assert!(!f.exists("api/articles/page/4.json"));
    assert_eq!(page(1)["newer"], Value::Null);
    assert_eq!(
        page(1)["older"],
        "https://example.org/api/articles/page/2.json"
    );
    assert_eq!(page(3)["older"], Value::Null);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(seen, sorted, "newest first");
    // The same articles, in the same order, as the home listing's pages.
    let first = &page(1)["articles"][0];
    assert_eq!(first["title"], "Tin 3");
    assert!(
        f.page("index.html").find("Tin 3").unwrap() < f.page("index.html").find("Tin 2").unwrap()
    );

    let en: Value = serde_json::from_str(&f.page("en/api/articles/page/1.json")).unwrap();
    assert_eq!(en["total_articles"], 1);

    // An article's file: its fields, translations and rendered HTML.
    let file: Value =
        serde_json::from_str(&f.page("api/articles/2023/06/chuyen-doi-so-o-xa.json")).unwrap();
    assert_eq!(file["api_version"], 1);
    assert_eq!(file["title"], "Chuyển đổi số ở xã");
    assert_eq!(
        file["url"],
        "https://example.org/2023/06/chuyen-doi-so-o-xa/"
    );
    assert_eq!(file["authors"][0]["name"], "Kim Cúc");
    assert_eq!(
        file["category"]["url"],
        "https://example.org/chuyen-muc/chuyen-doi-so/"
    );
    assert_eq!(file["image"]["width"], 640);
    assert_eq!(file["image"]["size_in_bytes"], png().len());
    assert_eq!(file["translations"][0]["language"], "en");
    assert_eq!(
        file["translations"][0]["api_url"],
        "https://example.org/en/api/articles/2023/06/digital-change-in-the-commune.json"
    );
    assert!(
        file["content_html"]
            .as_str()
            .unwrap()
            .starts_with("<p>Bài <em>một</em> với")
    );
    // Every summary's `api_url` is a file that exists.
    for n in 1..=3 {
        for a in page(n)["articles"].as_array().unwrap() {
            let url = a["api_url"].as_str().unwrap();
            assert!(
                f.exists(url.strip_prefix("https://example.org/").unwrap()),
                "{url}"
            );
        }
    }
}

#[test]
fn publisher_config_errors_are_reported_at_their_line() {
    let f = site("");
    f.write(
        "config.yaml",
        &format!("{CONFIG}publisher:\n  name: X\n  type: Agency\n"),
    );
    let run = f.build();
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("config.yaml:13:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("GovernmentOrganization"),
        "{}",
        run.stderr
    );
}
