//! `bantin build` on small fixture sites: the URL of every page type,
//! languages and translations, local dates and numbers, archives and
//! pagination, as SPEC.md describes them.

mod common;

use common::{Fixture, between};

const SEED_TITLE: &str =
    "Phó Chủ tịch UBND tỉnh Trịnh Trường Huy làm việc với sở Thông tin và Truyền thông";
const SEED_SLUG: &str =
    "pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong";

/// The seed article in both languages, plus a Vietnamese-only one.
fn news_site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/seed.vi.md",
        SEED_TITLE,
        "2023-06-05 08:30",
        "author: Kim Cúc\nviews: 817\nimage: /images/a.png\nimage_caption: Giám đốc Sở báo cáo\ncategory: Chuyển đổi số\n",
        "Sáng 02/6, đoàn làm việc.\n\n![Ảnh](/images/b.png \"Toàn cảnh buổi làm việc\")\n",
    )
    .article(
        "2023/seed.en.md",
        "Vice Chairman works with the Department",
        "2023-06-05 08:30",
        "author: Kim Cúc\nviews: 1504\n",
        "On the morning of 2 June.\n",
    )
    .article("2022/only-vi.vi.md", "Tin chỉ có tiếng Việt", "2022-12-31 23:30", "", "Nội dung.\n");
    f
}

#[test]
fn the_seed_article_is_at_its_spec_url_in_both_languages() {
    let f = news_site();
    f.build().assert_ok();
    let vi = f.page(&format!("2023/06/{SEED_SLUG}/index.html"));
    let en = f.page("en/2023/06/vice-chairman-works-with-the-department/index.html");
    assert!(vi.contains("<html lang=\"vi\">"));
    assert!(en.contains("<html lang=\"en\">"));
    // Date, byline, views and captions the local way.
    assert!(
        vi.contains("<time datetime=\"2023-06-05T08:30:00+07:00\">05/06/2023</time>"),
        "{vi}"
    );
    assert!(en.contains(">5 June 2023</time>"));
    assert!(vi.contains("Kim Cúc"));
    assert!(vi.contains("Lượt xem: <span class=\"views-count\">817</span>"));
    assert!(en.contains("Views: <span class=\"views-count\">1,504</span>"));
    assert!(vi.contains("<figcaption>Giám đốc Sở báo cáo</figcaption>"));
    assert!(vi.contains("<figcaption>Toàn cảnh buổi làm việc</figcaption>"));
    // Each links to the other, with hreflang alternates and x-default.
    let en_url = "https://example.org/en/2023/06/vice-chairman-works-with-the-department/";
    let vi_url = format!("https://example.org/2023/06/{SEED_SLUG}/");
    assert!(vi.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\">"
    )));
    assert!(vi.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{vi_url}\">"
    )));
    assert!(en.contains(&format!(
        "<link rel=\"alternate\" hreflang=\"vi\" href=\"{vi_url}\">"
    )));
    assert!(vi.contains(&format!("<link rel=\"canonical\" href=\"{vi_url}\">")));
    assert!(
        vi.contains(
            "href=\"/en/2023/06/vice-chairman-works-with-the-department/\" hreflang=\"en\""
        )
    );
    assert!(en.contains(&format!("href=\"/2023/06/{SEED_SLUG}/\" hreflang=\"vi\"")));
    assert!(vi.contains("<meta property=\"og:locale\" content=\"vi_VN\">"));
    assert!(vi.contains("<meta property=\"og:locale:alternate\" content=\"en_US\">"));
    assert!(
        vi.contains("<meta property=\"og:image\" content=\"https://example.org/images/a.png\">")
    );
}

#[test]
fn untranslated_article_switches_to_the_other_home_with_a_notice() {
    let f = news_site();
    f.build().assert_ok();
    let page = f.page("2022/12/tin-chi-co-tieng-viet/index.html");
    assert!(page.contains("href=\"/en/#untranslated\""), "{page}");
    assert!(!page.contains("hreflang=\"x-default\""));
    assert!(f.page("en/index.html").contains("id=\"untranslated\""));
}

#[test]
fn every_page_type_is_at_its_spec_path() {
    let f = news_site();
    f.build().assert_ok();
    for path in [
        "index.html",
        "en/index.html",
        "2023/index.html",
        "2023/06/index.html",
        "2023/06/05/index.html",
        "en/2023/06/05/index.html",
        "2022/12/31/index.html",
        "luu-tru/index.html",
        "en/archive/index.html",
        "404.html",
        "robots.txt",
        "css/style.css",
        "css/syntax.css",
        ".bantin",
    ] {
        assert!(f.exists(path), "missing {path}");
    }
    // A date late in the evening is placed by the site's timezone, not UTC.
    assert!(!f.exists("2022/12/30/index.html"));
}

#[test]
fn archives_list_exactly_their_articles_newest_first() {
    let f = Fixture::new();
    f.article("a.md", "Tháng sáu một", "2023-06-01", "", "x\n")
        .article("b.md", "Tháng sáu hai", "2023-06-20", "", "x\n")
        .article("c.md", "Tháng bảy", "2023-07-02", "", "x\n")
        .article("d.md", "Năm trước", "2022-01-01", "", "x\n");
    f.build().assert_ok();
    let june = f.page("2023/06/index.html");
    let two = june.find("Tháng sáu hai").unwrap();
    let one = june.find("Tháng sáu một").unwrap();
    assert!(two < one, "newest first");
    assert!(!june.contains("Tháng bảy") && !june.contains("Năm trước"));
    assert!(f.page("2023/06/20/index.html").contains("Tháng sáu hai"));
    assert!(!f.page("2023/06/20/index.html").contains("Tháng sáu một"));
    let index = f.page("luu-tru/index.html");
    assert!(
        index.contains("<a href=\"/2023/\">2023</a> <span class=\"count\">(3 bài viết)</span>"),
        "{index}"
    );
    assert!(
        index.contains("<a href=\"/2023/06/\">tháng 6/2023</a> <span class=\"count\">(2)</span>")
            || index.contains("Tháng 6/2023</a> <span class=\"count\">(2)</span>"),
        "{index}"
    );
    assert!(index.find("/2023/").unwrap() < index.find("/2022/").unwrap());
}

#[test]
fn listings_are_paginated_under_page_n() {
    let f = Fixture::new();
    for day in 1..=5 {
        f.article(
            &format!("n{day}.md"),
            &format!("Tin số {day}"),
            &format!("2024-03-0{day}"),
            "",
            "x\n",
        );
    }
    f.build().assert_ok();
    // paginate: 2 → 3 pages: 5,4 | 3,2 | 1
    let first = f.page("index.html");
    assert!(
        first.contains("Tin số 5") && first.contains("Tin số 4") && !first.contains("Tin số 3")
    );
    assert!(f.page("page/2/index.html").contains("Tin số 3"));
    let last = f.page("page/3/index.html");
    assert!(last.contains("Tin số 1") && !last.contains("Tin số 2"));
    assert!(first.contains("<a rel=\"next\" href=\"/page/2/\">"));
    assert!(last.contains("<a rel=\"prev\" href=\"/page/2/\">"));
    assert!(f.exists("2024/03/page/3/index.html"));
    assert!(!f.exists("page/4/index.html"));
    assert!(!f.exists("page/1/index.html"));
}

#[test]
fn previous_and_next_stay_in_the_same_language() {
    let f = Fixture::new();
    f.article("a.vi.md", "Cũ", "2023-01-01", "", "x\n")
        .article("b.vi.md", "Giữa", "2023-02-01", "", "x\n")
        .article("c.vi.md", "Mới", "2023-03-01", "", "x\n")
        .article("x.en.md", "English between", "2023-02-15", "", "x\n");
    f.build().assert_ok();
    let middle = f.page("2023/02/giua/index.html");
    assert!(between(&middle, "class=\"older\"", "</a>").contains("Cũ"));
    assert!(between(&middle, "class=\"newer\"", "</a>").contains("Mới"));
    assert!(!middle.contains("English between"));
}

#[test]
fn a_sub_path_base_url_reaches_every_link() {
    let f = news_site();
    f.write(
        "config.yaml",
        &common::CONFIG.replace("https://example.org/", "https://example.org/portal/"),
    );
    f.article(
        "2023/link.vi.md",
        "Bài có liên kết",
        "2023-06-06",
        "",
        &format!("[seed](/2023/06/{SEED_SLUG}/) và [tệp](seed.vi.md)\n"),
    );
    f.build().assert_ok();
    let page = f.page("2023/06/bai-co-lien-ket/index.html");
    assert!(
        page.contains(&format!(
            "<a href=\"/portal/2023/06/{SEED_SLUG}/\">seed</a>"
        )),
        "{page}"
    );
    assert!(
        page.contains(&format!("<a href=\"/portal/2023/06/{SEED_SLUG}/\">tệp</a>")),
        "{page}"
    );
    assert!(page.contains("href=\"/portal/css/style.css\""));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/portal/2023/06/bai-co-lien-ket/\">"
    ));
    for entry in walkdir::WalkDir::new(f.public()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            for part in html.split("href=\"/").skip(1) {
                assert!(
                    part.starts_with("portal/"),
                    "{}: href=\"/{}",
                    entry.path().display(),
                    &part[..40.min(part.len())]
                );
            }
            assert!(
                !html.contains("src=\"/images"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn base_url_flag_overrides_the_config() {
    let f = news_site();
    f.run(&["build", "--base-url", "https://news.example.net/tin"])
        .assert_ok();
    assert!(
        f.page("index.html")
            .contains("href=\"https://news.example.net/tin/\"")
    );
}

#[test]
fn drafts_and_future_articles_only_with_drafts_flag() {
    let f = Fixture::new();
    f.article("draft.md", "Bản nháp", "2023-01-01", "draft: true\n", "x\n")
        .article("future.md", "Tin tương lai", "2999-01-01", "", "x\n")
        .article("now.md", "Tin hôm nay", "2023-01-02", "", "x\n");
    f.build().assert_ok();
    assert!(!f.exists("2023/01/ban-nhap/index.html"));
    assert!(!f.exists("2999/01/tin-tuong-lai/index.html"));
    assert!(f.exists("2023/01/tin-hom-nay/index.html"));
    f.run(&["build", "--drafts"]).assert_ok();
    assert!(f.exists("2023/01/ban-nhap/index.html"));
    assert!(f.exists("2999/01/tin-tuong-lai/index.html"));
}

#[test]
fn data_views_override_front_matter() {
    let f = news_site();
    f.write(
        "data/views.yaml",
        "2023/seed.vi.md: 1234567\n2023/seed: 5\n",
    );
    f.build().assert_ok();
    let vi = f.page(&format!("2023/06/{SEED_SLUG}/index.html"));
    assert!(vi.contains(">1.234.567</span>"), "path key wins");
    assert!(vi.contains("data-page-id=\"2023/seed.vi\""));
    let en = f.page("en/2023/06/vice-chairman-works-with-the-department/index.html");
    assert!(
        en.contains(">5</span>"),
        "translation key applies to the others"
    );
}

#[test]
fn translations_pair_by_translation_key_across_folders() {
    let f = Fixture::new();
    f.article(
        "vi/bai.md",
        "Bài một",
        "2023-01-01",
        "translation_key: one\n",
        "x\n",
    )
    .article(
        "en/story.en.md",
        "Story one",
        "2023-01-01",
        "translation_key: one\n",
        "x\n",
    );
    f.build().assert_ok();
    assert!(
        f.page("2023/01/bai-mot/index.html")
            .contains("hreflang=\"en\" href=\"https://example.org/en/2023/01/story-one/\"")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let f = news_site();
    f.build().assert_ok();
    // Into another folder: a second build into the same one is kept as is.
    f.run(&["build", "--out", "again"]).assert_ok();
    assert_eq!(
        Fixture::snapshot(&f.public()),
        Fixture::snapshot(&f.root().join("again"))
    );
}

#[test]
fn a_build_of_unchanged_inputs_keeps_the_output_and_any_change_rebuilds() {
    let f = news_site();
    // Its images exist: a build with broken links is always made again.
    f.write_bytes("static/images/a.png", &common::photos::png(40, 30))
        .write_bytes("static/images/b.png", &common::photos::png(30, 40));
    let page = format!("2023/06/{SEED_SLUG}/index.html");
    let modified = |f: &Fixture| {
        std::fs::metadata(f.public().join(&page))
            .unwrap()
            .modified()
            .unwrap()
    };
    let first = f.build();
    first.assert_ok();
    // "28 pages (11 en, 17 vi), 47 files"
    let counts = common::between(&first.stdout, " ", " files");
    let before = (Fixture::snapshot(&f.public()), modified(&f));
    let run = f.build();
    run.assert_ok();
    assert!(run.stdout.starts_with("Up to date"), "{}", run.stdout);
    assert!(run.stdout.contains(counts), "{counts} in {}", run.stdout);
    assert_eq!(before, (Fixture::snapshot(&f.public()), modified(&f)));

    // An edited article.
    f.article(
        "2022/only-vi.vi.md",
        "Tin chỉ có tiếng Việt",
        "2022-12-31 23:30",
        "",
        "Sửa.\n",
    );
    let run = f.build();
    assert!(run.stdout.starts_with("Built"), "{}", run.stdout);
    assert!(
        f.page("2022/12/tin-chi-co-tieng-viet/index.html")
            .contains("Sửa.")
    );

    // A file removed from the output by hand is made again.
    std::fs::remove_file(f.public().join(&page)).unwrap();
    assert!(f.build().stdout.starts_with("Built"));
    assert!(f.exists(&page));

    // A static file (a photo with no metadata is published as it is).
    let new_photo = common::photos::png(50, 30);
    f.write_bytes("static/images/a.png", &new_photo);
    assert!(f.build().stdout.starts_with("Built"));
    assert_eq!(
        std::fs::read(f.public().join("images/a.png")).unwrap(),
        new_photo
    );

    // A build that warned builds again, so the warning shows again.
    f.article(
        "2022/link.vi.md",
        "Liên kết",
        "2022-01-01",
        "",
        "[x](/khong-co/)\n",
    );
    let first = f.build();
    assert!(
        first.stderr.contains("link.vi.md:5:1: warning"),
        "{}",
        first.stderr
    );
    let second = f.build();
    assert!(second.stdout.starts_with("Built"), "{}", second.stdout);
    assert_eq!(first.stderr, second.stderr);
}

#[test]
fn markdown_features_and_highlighting_reach_the_page() {
    let f = Fixture::new();
    f.article(
        "code.md",
        "Mã nguồn",
        "2023-01-01",
        "",
        "## Kết quả nổi bật\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~cũ~~ [^1]\n\n- [x] xong\n\n```rust\nfn main() {}\n```\n\n[^1]: Chú thích.\n",
    );
    f.build().assert_ok();
    let page = f.page("2023/01/ma-nguon/index.html");
    assert!(page.contains("<h2 id=\"ket-qua-noi-bat\">"), "{page}");
    assert!(
        page.contains("<table>") && page.contains("<del>") && page.contains("type=\"checkbox\"")
    );
    assert!(page.contains("class=\"hl-"), "{page}");
    assert!(
        page.contains("href=\"/css/syntax.css\""),
        "code pages load the highlighting styles"
    );
    f.article("plain.md", "Không có mã", "2023-01-02", "", "Chữ.\n");
    f.build().assert_ok();
    assert!(
        !f.page("2023/01/khong-co-ma/index.html")
            .contains("syntax.css")
    );
}

#[test]
fn any_set_of_languages_works() {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        "title: Nouvelles\nbase_url: https://example.org/\ndefault_language: fr\nlanguages:\n  fr: { name: Français }\n  de: { name: Deutsch }\n",
    );
    f.article("a.md", "Bonjour", "2023-01-01", "", "x\n")
        .article("a.de.md", "Hallo", "2023-01-01", "", "x\n");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("warning: no UI strings for language `fr`")
    );
    assert!(
        f.page("2023/01/bonjour/index.html")
            .contains("<html lang=\"fr\">")
    );
    assert!(f.exists("de/2023/01/hallo/index.html"));
    assert!(f.exists("de/archive/index.html"));
}

#[test]
fn a_site_theme_replaces_the_default_file_by_file() {
    let f = news_site();
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>Own 404</p>{% endblock main %}",
    );
    f.build().assert_ok();
    assert!(f.page("404.html").contains("Own 404"));
    assert!(
        f.page("index.html").contains("class=\"cards\""),
        "other templates stay built in"
    );
}

#[test]
fn a_theme_card_shows_on_every_listing_and_as_the_home_lead() {
    let f = news_site();
    f.write(
        "themes/default/templates/card.html",
        "<li class=\"own{% if lead %} own-lead{% endif %}\">{{ item.title }} · {{ t.views }}: {{ item.views_display }}</li>",
    );
    f.build().assert_ok();
    // The seed is the newest Vietnamese article: the home page's lead.
    let home = f.page("index.html");
    assert!(
        home.contains(&format!(
            "<li class=\"own own-lead\">{SEED_TITLE} · Lượt xem: 817</li>"
        )),
        "{home}"
    );
    assert!(
        home.contains("<li class=\"own\">Tin chỉ có tiếng Việt · Lượt xem: </li>"),
        "{home}"
    );
    // Elsewhere the same card, never the lead.
    for listing in [
        "2023/index.html",
        "2023/06/index.html",
        "2023/06/05/index.html",
        "tac-gia/kim-cuc/index.html",
    ] {
        let page = f.page(listing);
        assert!(
            page.contains(&format!(
                "<li class=\"own\">{SEED_TITLE} · Lượt xem: 817</li>"
            )),
            "{listing}: {page}"
        );
        assert!(!page.contains("own-lead"), "{listing}");
    }
}

#[test]
fn a_card_that_fails_to_render_names_its_template() {
    let f = news_site();
    f.write("themes/default/templates/card.html", "{{ item.title / 2 }}");
    let run = f.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("themes/default/templates/card.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_build_into_a_pipe_prints_one_line_and_no_progress() {
    let f = news_site();
    f.write_bytes("static/images/a.png", &common::photos::png(40, 30))
        .write_bytes("static/images/b.png", &common::photos::png(30, 40));
    let run = f.build();
    run.assert_ok();
    assert_eq!(run.stderr, "", "progress is drawn only on a terminal");
    assert_eq!(run.stdout.lines().count(), 1, "{}", run.stdout);
    assert!(!run.stdout.contains('\u{1b}'), "{:?}", run.stdout);
}
