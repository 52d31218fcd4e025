//! Standalone pages, menus, the publisher, required pages and the site
//! map page: what a provincial portal publishes besides its news.

mod common;

use common::{CONFIG, Fixture, between};

/// A page file at `content/pages/<rel>`: title, extra front matter, body.
fn page(f: &Fixture, rel: &str, title: &str, extra: &str, body: &str) {
    f.write(
        &format!("content/pages/{rel}"),
        &format!("---\ntitle: \"{title}\"\n{extra}---\n{body}"),
    );
}

/// About (with a child) and Contact in both languages, and two articles.
fn portal() -> Fixture {
    let f = Fixture::new();
    page(
        &f,
        "gioi-thieu.vi.md",
        "Giới thiệu",
        "",
        "Cổng thông tin của tỉnh.\n",
    );
    page(
        &f,
        "gioi-thieu.en.md",
        "About",
        "slug: about\n",
        "The province's portal.\n",
    );
    page(
        &f,
        "gioi-thieu/co-cau-to-chuc.vi.md",
        "Cơ cấu tổ chức",
        "updated: 2026-11-20\n",
        "Ban biên tập gồm bốn thành viên.\n",
    );
    page(
        &f,
        "gioi-thieu/co-cau-to-chuc.en.md",
        "Organisation",
        "slug: organisation\n",
        "The editorial board has four members.\n",
    );
    page(
        &f,
        "lien-he.vi.md",
        "Liên hệ",
        "",
        "Điện thoại: 0206 3 000 000.\n",
    );
    f.article(
        "2023/lua.vi.md",
        "Vụ lúa mới",
        "2023-06-05",
        "category: Nông nghiệp\n",
        "Nông dân xuống giống.\n",
    );
    f.article(
        "2023/lua.en.md",
        "New rice crop",
        "2023-06-05",
        "category: Agriculture\n",
        "Farmers sow.\n",
    );
    f.article(
        "2023/kham.vi.md",
        "Khám bệnh từ xa",
        "2023-06-06",
        "category: Y tế\n",
        "Trạm y tế xã.\n",
    );
    f
}

fn with_config(f: &Fixture, extra: &str) {
    f.write("config.yaml", &format!("{CONFIG}{extra}"));
}

#[test]
fn pages_take_their_urls_from_folders_and_slugs_in_each_language() {
    let f = portal();
    f.build().assert_ok();
    let vi = f.page("gioi-thieu/co-cau-to-chuc/index.html");
    assert!(vi.contains("<h1>Cơ cấu tổ chức</h1>"), "{vi}");
    assert!(vi.contains("Ban biên tập gồm bốn thành viên."));
    assert!(vi.contains("class=\"page-page\""), "page.html's kind");
    // Paired with its English version, below the English About page.
    let en = f.page("en/about/organisation/index.html");
    assert!(vi.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/about/organisation/\">"
    ));
    assert!(en.contains(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"https://example.org/gioi-thieu/co-cau-to-chuc/\">"
    ));
    assert!(f.exists("gioi-thieu/index.html") && f.exists("en/about/index.html"));
    // No date written: none shown; `updated` is.
    assert!(!f.page("lien-he/index.html").contains("<time"));
    assert!(vi.contains("datetime=\"2026-11-20"), "{vi}");
    // A page without an English version: the switcher says so.
    assert!(f.page("lien-he/index.html").contains("/en/#untranslated"));
}

#[test]
fn pages_are_in_no_listing_archive_or_feed_but_in_the_sitemap_and_search() {
    let f = portal();
    f.build().assert_ok();
    for listing in [
        "index.html",
        "2023/index.html",
        "luu-tru/index.html",
        "rss.xml",
        "atom.xml",
        "en/index.html",
        "en/rss.xml",
        "chuyen-muc/index.html",
    ] {
        let text = f.page(listing);
        let main = text.split("<main").nth(1).unwrap_or(&text);
        let main = main.split("</main>").next().unwrap_or(main);
        assert!(!main.contains("Cơ cấu tổ chức"), "{listing}: {main}");
        assert!(!main.contains("/lien-he/"), "{listing}");
        assert!(!main.contains("Organisation"), "{listing}");
    }
    // The archive counts articles only: two in June 2023.
    assert!(f.page("2023/06/index.html").contains("Khám bệnh từ xa"));
    assert!(!f.exists("1970/index.html"), "an undated page has no year");
    let sitemap = f.page("sitemap.xml");
    let entry = between(
        &sitemap,
        "<loc>https://example.org/gioi-thieu/co-cau-to-chuc/</loc>",
        "</url>",
    );
    assert!(
        entry.contains("hreflang=\"en\" href=\"https://example.org/en/about/organisation/\""),
        "{entry}"
    );
    assert!(sitemap.contains("<loc>https://example.org/lien-he/</loc>"));
    let search: String = Fixture::snapshot(&f.public())
        .into_iter()
        .filter(|(path, _)| path.extension().is_some_and(|e| e == "json"))
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    assert!(
        search.contains("Ban biên tập gồm bốn thành viên"),
        "pages are searched"
    );
    assert!(search.contains("/en/about/organisation/"));
}

#[test]
fn a_page_at_the_url_of_another_page_is_an_error_naming_both() {
    let f = portal();
    page(&f, "tim-kiem.vi.md", "Tìm kiếm", "", "x\n");
    page(&f, "trung/a.vi.md", "A", "slug: lua\n", "x\n");
    page(&f, "trung.vi.md", "Trùng", "slug: \"2023\"\n", "x\n");
    f.build()
        .assert_error(
            "pages/tim-kiem.vi.md:2:1: this page's URL /tim-kiem/ is also the URL of /tim-kiem/",
        )
        .assert_error("pages/trung.vi.md:3:1: this page's URL /2023/ is also the URL of /2023/");
    // A page and an article: both files are named.
    let f = portal();
    page(&f, "2023/06/vu-lua-moi.vi.md", "Lúa", "", "x\n");
    let run = f.build();
    run.assert_error("is also the URL of");
    assert!(
        run.stderr.contains("pages/2023/06/vu-lua-moi.vi.md")
            && run.stderr.contains("content/2023/lua.vi.md"),
        "{}",
        run.stderr
    );
}

const MENUS: &str = "menus:
  main:
    - label: { vi: Trang chủ, en: Home }
      url: { vi: /, en: /en/ }
    - label: { vi: Giới thiệu, en: About }
      page: pages/gioi-thieu
      children:
        - label: { vi: Cơ cấu tổ chức, en: Organisation }
          page: pages/gioi-thieu/co-cau-to-chuc.vi.md
    - label: { vi: Y tế, en: Health }
      category: { vi: Y tế, en: Health }
    - label: Liên hệ
      page: pages/lien-he
  footer:
    - label: Chính phủ
      url: https://chinhphu.vn/
";

#[test]
fn menus_resolve_in_each_language_and_leave_out_what_a_language_lacks() {
    let f = portal();
    with_config(&f, MENUS);
    let run = f.build();
    run.assert_ok();
    // Contact has no English version, Health no English article.
    assert!(
        run.stderr.contains("config.yaml:23:13: note: left out of the `en` menus: page `pages/lien-he` has no version in this language"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("config.yaml:21:17: note: left out of the `en` menus: no article in this language has category `Health`"));
    let vi = f.page("gioi-thieu/co-cau-to-chuc/index.html");
    let nav = between(&vi, "<details class=\"site-nav\"", "</details>");
    for link in [
        "<a href=\"/\">Trang chủ</a>",
        "<a href=\"/gioi-thieu/\" aria-current=\"true\">Giới thiệu</a>",
        "<a href=\"/gioi-thieu/co-cau-to-chuc/\" aria-current=\"page\">Cơ cấu tổ chức</a>",
        "<a href=\"/chuyen-muc/y-te/\">Y tế</a>",
        "<a href=\"/lien-he/\">Liên hệ</a>",
    ] {
        assert!(nav.contains(link), "{link} in {nav}");
    }
    assert!(
        !nav.contains("Nông nghiệp"),
        "a configured menu replaces the categories"
    );
    let en = f.page("en/about/organisation/index.html");
    let nav = between(&en, "<details class=\"site-nav\"", "</details>");
    assert!(nav.contains("<a href=\"/en/\">Home</a>"));
    assert!(
        nav.contains("<a href=\"/en/about/organisation/\" aria-current=\"page\">Organisation</a>")
    );
    assert!(
        !nav.contains("Health") && !nav.contains("Liên hệ") && !nav.contains("/lien-he/"),
        "{nav}"
    );
    // An article is in its category's section.
    let article = f.page("2023/06/kham-benh-tu-xa/index.html");
    assert!(article.contains("<a href=\"/chuyen-muc/y-te/\" aria-current=\"true\">Y tế</a>"));
    let footer = between(&article, "<footer class=\"site-footer\">", "</footer>");
    assert!(footer.contains("<a href=\"https://chinhphu.vn/\" rel=\"external\">Chính phủ</a>"));
}

#[test]
fn each_menu_error_is_at_its_config_line_and_column() {
    let f = portal();
    with_config(
        &f,
        "menus:
  main:
    - label: Không có
      page: pages/khong-co
    - label: Không có chuyên mục
      category: Thời tiết
    - label: Không dẫn tới đâu
      url: /khong-co-trang/
    - label: Hai đích
      page: pages/lien-he
      url: /lien-he/
    - label: Cha
      children:
        - label: Con
          url: /
          children: [{ label: Cháu, url: / }]
    - label: Lạ
      url: javascript:alert(1)
  footer:
    - label: { vi: Giới thiệu, fr: À propos }
      page: pages/gioi-thieu
",
    );
    let run = f.build();
    for error in [
        "config.yaml:21:12: a menu item has one target, but this one has `page` and `url`",
        "config.yaml:26:21: menus have one level of `children`",
        "config.yaml:28:12: menu url `javascript:alert(1)` must be a path of the site",
        "config.yaml:30:14: label has language `fr`, which is not in `languages`",
    ] {
        run.assert_error(error);
    }
    // The shape is right once those are fixed; then the model's errors.
    with_config(
        &f,
        "menus:
  main:
    - label: Không có
      page: pages/khong-co
    - label: Không có chuyên mục
      category: Thời tiết
    - label: Không dẫn tới đâu
      url: /khong-co-trang/
    - label: Dẫn tới
      url: /tim-kiem/
",
    );
    let run = f.build();
    run.assert_error("config.yaml:14:13: menu item page `pages/khong-co` is no content file");
    run.assert_error(
        "config.yaml:16:17: menu item category `Thời tiết` is the category of no article",
    );
    // Pages exist only once the site is rendered: checked then.
    with_config(
        &f,
        "menus:
  main:
    - label: Không dẫn tới đâu
      url: /khong-co-trang/
    - label: Dẫn tới
      url: /tim-kiem/
",
    );
    f.build().assert_error(
        "config.yaml:14:12: menu url `/khong-co-trang/` leads to no page of the site",
    );
    assert_eq!(f.run(&["check"]).status, 1);
}

#[test]
fn without_menus_the_categories_are_the_menu_in_a_fixed_order() {
    let f = portal();
    // More articles in Y tế than Nông nghiệp: the order stays by name.
    for i in 0..3 {
        f.article(
            &format!("2024/y-te-{i}.vi.md"),
            &format!("Y tế {i}"),
            &format!("2024-01-0{}", i + 1),
            "category: Y tế\n",
            "x\n",
        );
    }
    f.build().assert_ok();
    let home = f.page("index.html");
    let nav = between(&home, "<details class=\"site-nav\"", "</details>");
    let farming = nav.find("Nông nghiệp").expect("Nông nghiệp in the menu");
    let health = nav.find("Y tế").expect("Y tế in the menu");
    assert!(farming < health, "{nav}");
    assert!(nav.contains("<a href=\"/\" aria-current=\"page\">Trang chủ</a>"));
    assert!(
        nav.contains("<summary>Danh mục</summary>"),
        "a button on phones"
    );
}

const PUBLISHER: &str = "publisher:
  name: { vi: Ủy ban nhân dân tỉnh Cao Bằng, en: People's Committee of Cao Bang Province }
  address: Số 011 Hoàng Đình Giong, Cao Bằng
  phone: (0206) 3 000 000
  email: banbientap@example.org
  responsible_person: Hoàng Thị Mai
  licence: { vi: Giấy phép số 00/GP-TTĐT, en: Licence No. 00/GP-TTDT }
  logo: /logo.svg
  type: GovernmentOrganization
";

#[test]
fn the_publisher_is_in_every_page_footer() {
    let f = portal();
    with_config(&f, PUBLISHER);
    f.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.build().assert_ok();
    for (page, name, licence) in [
        (
            "index.html",
            "Ủy ban nhân dân tỉnh Cao Bằng",
            "Giấy phép số 00/GP-TTĐT",
        ),
        (
            "lien-he/index.html",
            "Ủy ban nhân dân tỉnh Cao Bằng",
            "Giấy phép số 00/GP-TTĐT",
        ),
        (
            "en/about/index.html",
            "Committee of Cao Bang Province",
            "Licence No. 00/GP-TTDT",
        ),
        (
            "404.html",
            "Ủy ban nhân dân tỉnh Cao Bằng",
            "Giấy phép số 00/GP-TTĐT",
        ),
    ] {
        let text = f.page(page);
        let footer = between(&text, "<footer class=\"site-footer\">", "</footer>");
        assert!(footer.contains(name), "{page}: {footer}");
        assert!(footer.contains(licence), "{page}");
        assert!(
            footer.contains("<a href=\"tel:02063000000\">(0206) 3 000 000</a>"),
            "{page}"
        );
        assert!(
            footer.contains("<a href=\"mailto:banbientap@example.org\">"),
            "{page}"
        );
        assert!(footer.contains("Hoàng Thị Mai") && footer.contains("src=\"/logo.svg\""));
        assert!(!footer.contains("bantin"), "no generator credit: {footer}");
    }
    // Without a publisher the theme's own line stays.
    let f = portal();
    f.build().assert_ok();
    assert!(f.page("index.html").contains("Xây dựng bằng bantin"));
}

#[test]
fn bad_publisher_values_are_errors_at_their_place() {
    let f = portal();
    with_config(
        &f,
        "publisher:\n  name: ''\n  email: not-an-address\n  logo: javascript:x\n  type: Company\n",
    );
    f.build()
        .assert_error("config.yaml:12:9: publisher name must not be empty")
        .assert_error("config.yaml:13:10: publisher email `not-an-address`")
        .assert_error("config.yaml:14:9: publisher logo `javascript:x`")
        .assert_error("config.yaml:15:9: publisher type `Company`");
}

#[test]
fn required_pages_are_checked_in_the_default_language_and_english() {
    let f = portal();
    with_config(
        &f,
        "portal:\n  required_pages:\n    - pages/gioi-thieu/co-cau-to-chuc\n    - pages/lien-he.vi.md\n    - pages/chuc-nang\n",
    );
    for run in [f.build(), f.run(&["check"])] {
        run.assert_error(
            "config.yaml:14:7: required page `pages/lien-he.vi.md` has no `en` version",
        );
        run.assert_error("config.yaml:15:7: required page `pages/chuc-nang` is missing");
        assert!(!run.stderr.contains(":13:"), "{}", run.stderr);
        assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
    }
    page(
        &f,
        "lien-he.en.md",
        "Contact",
        "slug: contact\n",
        "Phone.\n",
    );
    page(&f, "chuc-nang.vi.md", "Chức năng", "", "x\n");
    page(&f, "chuc-nang.en.md", "Functions", "", "x\n");
    f.build().assert_ok();
    assert!(f.exists("en/contact/index.html"));
}

#[test]
fn the_site_map_page_lists_menus_pages_and_categories() {
    let f = portal();
    with_config(&f, MENUS);
    f.build().assert_ok();
    let vi = f.page("so-do-cong/index.html");
    let main = between(&vi, "<main", "</main>");
    for text in [
        "<h1>Sơ đồ cổng</h1>",
        "href=\"/gioi-thieu/co-cau-to-chuc/\">Cơ cấu tổ chức</a>",
        "href=\"/lien-he/\">Liên hệ</a>",
        "href=\"/chuyen-muc/nong-nghiep/\">Nông nghiệp</a>",
        "href=\"https://chinhphu.vn/\" rel=\"external\">Chính phủ</a>",
    ] {
        assert!(main.contains(text), "{text} in {main}");
    }
    let en = f.page("en/sitemap/index.html");
    assert!(en.contains("<h1>Site map</h1>") && en.contains("href=\"/en/about/\">About</a>"));
    assert!(
        f.page("index.html")
            .contains("<a href=\"/so-do-cong/\">Sơ đồ cổng</a>")
    );
}

#[test]
fn new_page_makes_an_undated_page_that_builds() {
    let f = portal();
    let run = f.run(&["new", "--page", "Giới thiệu chung"]);
    run.assert_ok();
    assert_eq!(
        run.stdout.trim_end(),
        "content/pages/gioi-thieu-chung.vi.md"
    );
    let text =
        std::fs::read_to_string(f.root().join("content/pages/gioi-thieu-chung.vi.md")).unwrap();
    assert_eq!(text, "---\ntitle: Giới thiệu chung\ndraft: true\n---\n\n");
    let run = f.run(&[
        "new",
        "--page",
        "--section",
        "gioi-thieu",
        "Lãnh đạo",
        "--lang",
        "en",
    ]);
    run.assert_ok();
    assert!(
        run.stdout
            .contains("content/pages/gioi-thieu/lanh-dao.en.md")
    );
    let drafted = f.run(&["build", "--drafts"]);
    drafted.assert_ok();
    assert!(f.exists("gioi-thieu-chung/index.html"));
    assert!(
        f.exists("en/about/lanh-dao/index.html"),
        "below the English About page"
    );
}

#[test]
fn a_menu_page_is_found_by_content_path_translation_key_or_folder_and_stem() {
    let f = portal();
    page(
        &f,
        "van-ban.vi.md",
        "Văn bản",
        "translation_key: documents\n",
        "x\n",
    );
    page(
        &f,
        "documents.en.md",
        "Documents",
        "translation_key: documents\n",
        "x\n",
    );
    with_config(
        &f,
        "menus:\n  main:\n    - { label: A, page: documents }\n    - { label: B, page: pages/van-ban }\n    - { label: C, page: pages/documents.en.md }\n",
    );
    f.build().assert_ok();
    for (page, href) in [
        ("index.html", "/van-ban/"),
        ("en/index.html", "/en/documents/"),
    ] {
        let text = f.page(page);
        let nav = between(&text, "<details class=\"site-nav\"", "</details>");
        for label in ["A", "B", "C"] {
            assert!(
                nav.contains(&format!("<a href=\"{href}\">{label}</a>")),
                "{label} in {nav}"
            );
        }
    }
}
