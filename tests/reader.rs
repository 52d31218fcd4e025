//! Reader features on fixture sites: category, tag and author pages, feeds,
//! the sitemap, and `bantin check` on good and broken sites.

mod common;

use common::Fixture;

fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/a.vi.md",
        "Chuyển đổi số ở xã",
        "2023-06-05 08:30",
        "category: Chuyển đổi số\ntags: [hạ tầng số, Cao Bằng]\nauthor: Kim Cúc\n",
        "Bài *một*.\n",
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
        "category: Nông nghiệp\ntags: [Cao Bằng]\nauthor: Lương Thu Hà\n",
        "Bài hai & 3 < 4.\n",
    )
    .article(
        "2023/c.vi.md",
        "Chuyển đổi số lần hai",
        "2023-08-01",
        "category: chuyển đổi số\n",
        "Bài ba.\n",
    );
    f
}

#[test]
fn category_tag_and_author_pages_at_spec_paths_with_counts() {
    let f = site();
    let run = f.build();
    run.assert_ok();
    // "Chuyển đổi số" and "chuyển đổi số" slug the same: one term, and a warning.
    assert!(run.stderr.contains("share one page"), "{}", run.stderr);
    let category = f.page("chuyen-muc/chuyen-doi-so/index.html");
    assert!(category.contains("Chuyển đổi số ở xã") && category.contains("Chuyển đổi số lần hai"));
    assert!(!category.contains("Mùa vàng"));
    let tag = f.page("the/cao-bang/index.html");
    assert!(tag.contains("Chuyển đổi số ở xã") && tag.contains("Mùa vàng"));
    assert!(
        f.page("tac-gia/kim-cuc/index.html")
            .contains("Chuyển đổi số ở xã")
    );
    assert!(
        f.page("en/authors/kim-cuc/index.html")
            .contains("Digital change in the commune")
    );
    assert!(f.exists("en/categories/digital-transformation/index.html"));
    assert!(f.exists("en/tags/cao-bang/index.html"));
    let index = f.page("chuyen-muc/index.html");
    assert!(index.contains("<a href=\"/chuyen-muc/chuyen-doi-so/\">Chuyển đổi số</a> <span class=\"count\">(2)</span>"), "{index}");
    assert!(index.contains(
        "<a href=\"/chuyen-muc/nong-nghiep/\">Nông nghiệp</a> <span class=\"count\">(1)</span>"
    ));
    assert!(f.page("the/index.html").contains("(2)"));
    assert!(f.exists("tac-gia/index.html") && f.exists("en/tags/index.html"));
    // Articles link to their terms.
    let article = f.page("2023/06/chuyen-doi-so-o-xa/index.html");
    for href in [
        "/chuyen-muc/chuyen-doi-so/",
        "/the/ha-tang-so/",
        "/the/cao-bang/",
        "/tac-gia/kim-cuc/",
    ] {
        assert!(article.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[test]
fn taxonomy_path_words_are_configurable() {
    let f = site();
    f.write(
        "config.yaml",
        &common::CONFIG.replace(
            "vi: { name: Tiếng Việt }",
            "vi: { name: Tiếng Việt, paths: { categories: muc, tags: nhan } }",
        ),
    );
    f.build().assert_ok();
    assert!(f.exists("muc/nong-nghiep/index.html"));
    assert!(f.exists("nhan/cao-bang/index.html"));
    assert!(!f.exists("chuyen-muc/index.html"));
}

#[test]
fn feeds_per_language_and_category_are_absolute_and_escaped() {
    let f = site();
    f.build().assert_ok();
    let rss = f.page("rss.xml");
    assert!(rss.contains("<language>vi</language>"));
    assert_eq!(rss.matches("<item>").count(), 3);
    assert!(rss.contains("<link>https://example.org/2023/06/chuyen-doi-so-o-xa/</link>"));
    assert!(rss.contains("<pubDate>Mon, 05 Jun 2023 08:30:00 +0700</pubDate>"));
    assert!(
        rss.contains("Bài hai &amp;amp; 3 &amp;lt; 4."),
        "summary escaped as HTML, then as XML: {rss}"
    );
    assert!(
        rss.find("Chuyển đổi số lần hai").unwrap() < rss.find("Mùa vàng").unwrap(),
        "newest first"
    );
    let atom = f.page("en/atom.xml");
    assert!(atom.contains("xml:lang=\"en\""));
    assert!(atom.contains("<published>2023-06-05T08:30:00+07:00</published>"));
    assert_eq!(atom.matches("<entry>").count(), 1);
    let category = f.page("chuyen-muc/nong-nghiep/rss.xml");
    assert_eq!(category.matches("<item>").count(), 1);
    // Pages advertise their feeds.
    let home = f.page("index.html");
    assert!(home.contains("<link rel=\"alternate\" type=\"application/rss+xml\""));
    assert!(
        f.page("chuyen-muc/nong-nghiep/index.html")
            .contains("href=\"/chuyen-muc/nong-nghiep/rss.xml\"")
    );
}

#[test]
fn feed_length_is_configurable() {
    let f = site();
    f.write(
        "config.yaml",
        &format!("{}feeds: {{ limit: 1 }}\n", common::CONFIG),
    );
    f.build().assert_ok();
    assert_eq!(f.page("rss.xml").matches("<item>").count(), 1);
}

#[test]
fn sitemap_lists_every_page_with_alternates() {
    let f = site();
    f.build().assert_ok();
    let sitemap = f.page("sitemap.xml");
    let mut html_pages = 0;
    for entry in walkdir::WalkDir::new(f.public()) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(f.public())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // Every page but the search forms, which are not for search engines.
        if rel.ends_with("index.html")
            && !rel.starts_with("tim-kiem/")
            && !rel.starts_with("en/search/")
        {
            html_pages += 1;
            let url = format!(
                "<loc>https://example.org/{}</loc>",
                rel.trim_end_matches("index.html")
            );
            assert!(sitemap.contains(&url), "{url} missing");
        }
    }
    assert_eq!(sitemap.matches("<url>").count(), html_pages);
    assert!(!sitemap.contains("404.html") && !sitemap.contains("/tim-kiem/"));
    let seed = sitemap
        .split("<url>")
        .find(|u| u.contains("<loc>https://example.org/2023/06/chuyen-doi-so-o-xa/</loc>"))
        .unwrap();
    assert!(seed.contains("<lastmod>2023-06-05T08:30:00+07:00</lastmod>"));
    assert!(seed.contains(
        "hreflang=\"en\" href=\"https://example.org/en/2023/06/digital-change-in-the-commune/\""
    ));
    assert!(seed.contains(
        "hreflang=\"x-default\" href=\"https://example.org/2023/06/chuyen-doi-so-o-xa/\""
    ));
    assert!(
        f.page("robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
}

#[test]
fn check_passes_a_good_site_and_writes_nothing() {
    let f = site();
    f.article("2023/d.vi.md", "Liên kết", "2023-09-01", "", "[một](/2023/06/chuyen-doi-so-o-xa/), [hai](b.vi.md), [ảnh](/images/x.png), [ngoài](https://example.com/)\n");
    f.write("static/images/x.png", "png");
    let run = f.run(&["check"]);
    run.assert_ok();
    assert!(!f.public().exists());
    assert!(
        run.stderr
            .contains("content/2023/b.vi.md: note: no translation in en"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_each_broken_internal_link_at_its_position() {
    let f = site();
    f.article(
        "2023/d.vi.md",
        "Liên kết hỏng",
        "2023-09-01",
        "",
        "Đoạn đầu.\n\nXem [bài cũ](/2023/06/khong-co/) và\n[tệp](../2022/khong-co.vi.md) hay ![ảnh](/images/missing.png).\n",
    );
    let run = f.run(&["check"]);
    // The body starts on line 5 of the file.
    run.assert_error("content/2023/d.vi.md:7:5: link to `/2023/06/khong-co/`")
        .assert_error("content/2023/d.vi.md:8:1: link to `../2022/khong-co.vi.md`")
        .assert_error("content/2023/d.vi.md:8:35: link to `/images/missing.png`");
    // build still builds, and says so.
    let build = f.build();
    build.assert_ok();
    assert!(
        build
            .stderr
            .contains("warning: link to `/2023/06/khong-co/`")
    );
}

#[test]
fn links_to_content_files_become_article_urls() {
    let f = site();
    f.article(
        "2024/x.vi.md",
        "Liên kết tệp",
        "2024-01-01",
        "",
        "[a](../2023/a.vi.md#phan) [b](../2023/b.vi.md)\n",
    );
    f.build().assert_ok();
    let page = f.page("2024/01/lien-ket-tep/index.html");
    assert!(
        page.contains("href=\"/2023/06/chuyen-doi-so-o-xa/#phan\""),
        "{page}"
    );
    assert!(page.contains("href=\"/2023/07/mua-vang/\""));
}
