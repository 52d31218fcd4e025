//! Bylines (several authors, source, photo credit, corrections) and
//! scheduling (`expires`, `--now`, the next change) on fixture sites.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, between};

/// Every output file that mentions `needle`, as text.
fn files_mentioning(public: &Path, needle: &str) -> Vec<PathBuf> {
    Fixture::snapshot(public)
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
        .collect()
}

const EXPIRING_TITLE: &str = "Thông báo tuyển dụng viên chức đợt một";
const EXPIRING_SLUG: &str = "thong-bao-tuyen-dung-vien-chuc-dot-mot";

/// A notice that expires, with its English translation that does not, and
/// an ordinary article that stays.
fn expiring_site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2024/tuyen-dung.vi.md",
        EXPIRING_TITLE,
        "2024-03-01 08:00",
        "expires: 2024-04-01 17:00\nauthor: Phòng Tổ chức\ncategory: Thông báo\ntags: [tuyển dụng]\naliases: [/tin-cu/tuyen-dung/]\nviews: 40\n",
        "Sở Nội vụ thông báo tuyển dụng.\n",
    )
    .article(
        "2024/tuyen-dung.en.md",
        "Recruitment notice, first round",
        "2024-03-01 08:00",
        "",
        "The Department of Home Affairs announces recruitment.\n",
    )
    .article(
        "2024/le-hoi.vi.md",
        "Lễ hội Lồng Tồng",
        "2024-02-10 08:00",
        "author: Kim Cúc\ncategory: Văn hoá\n",
        "Lễ hội xuống đồng.\n",
    );
    f
}

#[test]
fn expires_removes_the_article_from_every_output_file() {
    let f = expiring_site();
    // Before it expires the notice is everywhere: pages, listings, feeds,
    // sitemap, search, its alias.
    f.run(&["build", "--now", "2024-03-15 09:00"]).assert_ok();
    let before = files_mentioning(&f.public(), EXPIRING_SLUG);
    for file in [
        "2024/03/thong-bao-tuyen-dung-vien-chuc-dot-mot/index.html",
        "index.html",
        "rss.xml",
        "atom.xml",
        "sitemap.xml",
        "tin-cu/tuyen-dung/index.html",
        "en/2024/03/recruitment-notice-first-round/index.html",
    ] {
        assert!(
            before.contains(&PathBuf::from(file)),
            "{file} should name it: {before:?}"
        );
    }
    assert!(
        before.iter().any(|file| file.starts_with("search")),
        "its search record: {before:?}"
    );
    assert!(f.exists("tac-gia/phong-to-chuc/index.html"));
    assert!(!files_mentioning(&f.public(), EXPIRING_TITLE).is_empty());

    f.run(&["build", "--now", "2024-04-01 17:00"]).assert_ok();
    assert_eq!(
        files_mentioning(&f.public(), EXPIRING_SLUG),
        Vec::<PathBuf>::new()
    );
    assert_eq!(
        files_mentioning(&f.public(), EXPIRING_TITLE),
        Vec::<PathBuf>::new()
    );
    assert_eq!(
        files_mentioning(&f.public(), "tin-cu/tuyen-dung"),
        Vec::<PathBuf>::new()
    );
    assert!(
        !f.exists("tac-gia/phong-to-chuc/index.html"),
        "its author page went with it"
    );
    // The rest of the site is still there, its translation included.
    assert!(f.page("index.html").contains("Lễ hội Lồng Tồng"));
    assert!(f.exists("en/2024/03/recruitment-notice-first-round/index.html"));
    // --drafts previews everything, expired articles too.
    f.run(&["build", "--drafts", "--now", "2025-01-01"])
        .assert_ok();
    assert!(!files_mentioning(&f.public(), EXPIRING_SLUG).is_empty());
}

#[test]
fn now_fixes_the_build_clock_of_build_and_check() {
    let f = Fixture::new();
    f.article(
        "2030/sap-toi.vi.md",
        "Tin năm 2030",
        "2030-01-01 08:00",
        "",
        "Sắp tới.\n",
    );
    f.run(&["build", "--now", "2030-01-01 07:59"]).assert_ok();
    assert!(!f.exists("2030/01/tin-nam-2030/index.html"));
    f.run(&["build", "--now", "2030-01-01T01:00:00Z"])
        .assert_ok();
    assert!(
        f.exists("2030/01/tin-nam-2030/index.html"),
        "08:00 at +07:00 is 01:00 UTC"
    );
    f.run(&["build"]).assert_ok();
    assert!(
        !f.exists("2030/01/tin-nam-2030/index.html"),
        "the real clock is before 2030"
    );

    let check = f.run(&["check", "--now", "2030-02-01"]);
    check.assert_ok();
    let bad = f.run(&["build", "--now", "next tuesday"]);
    assert_eq!(bad.status, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("--now"), "{}", bad.stderr);
    assert_eq!(f.run(&["check", "--now", "2030-13-01"]).status, 2);
}

#[test]
fn build_prints_the_next_change_and_writes_it_as_json() {
    let f = Fixture::new();
    f.article(
        "2029/a.vi.md",
        "Tin sắp đăng",
        "2029-09-01 06:00",
        "",
        "A.\n",
    )
    .article(
        "2029/b.vi.md",
        "Tin sắp hết hạn",
        "2028-01-01",
        "expires: 2029-05-01 17:30\n",
        "B.\n",
    )
    .article(
        "2029/c.vi.md",
        "Bản nháp",
        "2029-02-01",
        "draft: true\n",
        "C.\n",
    );
    let json_path = f.root().join("next.json");
    let json = json_path.to_str().unwrap();
    let read_json = || -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap()
    };

    let run = f.run(&["build", "--now", "2029-01-01", "--next-change-json", json]);
    run.assert_ok();
    assert!(
        run.stdout.contains(&format!(
            "Next change: 2029-05-01T17:30:00+07:00 ({} expires)",
            Path::new("content/2029/b.vi.md").display()
        )),
        "{}",
        run.stdout
    );
    let next = read_json();
    assert_eq!(next["next_change"], "2029-05-01T17:30:00+07:00");
    assert_eq!(next["next_change_utc"], "2029-05-01T10:30:00Z");
    assert_eq!(next["reason"], "expire");
    assert!(next["path"].as_str().unwrap().ends_with("b.vi.md"));

    f.run(&[
        "build",
        "--now",
        "2029-05-01 17:30",
        "--next-change-json",
        json,
    ])
    .assert_ok();
    assert_eq!(read_json()["next_change"], "2029-09-01T06:00:00+07:00");
    assert_eq!(read_json()["reason"], "publish");

    // Nothing scheduled: the draft waits for an editor, not the clock.
    let run = f.run(&["build", "--now", "2029-10-01", "--next-change-json", json]);
    run.assert_ok();
    assert!(!run.stdout.contains("Next change"), "{}", run.stdout);
    assert_eq!(read_json()["next_change"], serde_json::Value::Null);
}

#[test]
fn a_pin_end_is_a_next_change_when_it_changes_the_front_page() {
    let f = Fixture::new();
    f.article(
        "2029/a.vi.md",
        "Tin ghim",
        "2029-01-01",
        "featured: true\npin_until: 2029-03-01 08:00\n",
        "A.\n",
    )
    // Pins that end before the article appears, or after it expired,
    // change nothing and are not scheduled.
    .article(
        "2029/b.vi.md",
        "Ghim trước khi đăng",
        "2029-06-01",
        "pin_until: 2029-02-01\n",
        "B.\n",
    )
    .article(
        "2029/c.vi.md",
        "Ghim sau khi hết hạn",
        "2028-06-01",
        "pin_until: 2029-02-15\nexpires: 2029-02-10\n",
        "C.\n",
    );
    let json_path = f.root().join("next.json");
    let json = json_path.to_str().unwrap();
    let read_json = || -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap()
    };

    let run = f.run(&["build", "--now", "2029-02-10", "--next-change-json", json]);
    run.assert_ok();
    assert!(
        run.stdout.contains(&format!(
            "Next change: 2029-03-01T08:00:00+07:00 ({} is no longer pinned)",
            Path::new("content/2029/a.vi.md").display()
        )),
        "{}",
        run.stdout
    );
    let next = read_json();
    assert_eq!(next["next_change"], "2029-03-01T08:00:00+07:00");
    assert_eq!(next["reason"], "pin_end");
    assert!(next["path"].as_str().unwrap().ends_with("a.vi.md"));

    // Before the expiry the expiry comes first; after the pin's end only
    // b's date is left.
    f.run(&["build", "--now", "2029-01-20", "--next-change-json", json])
        .assert_ok();
    assert_eq!(read_json()["reason"], "expire");
    f.run(&[
        "build",
        "--now",
        "2029-03-01 08:00",
        "--next-change-json",
        json,
    ])
    .assert_ok();
    assert_eq!(read_json()["next_change"], "2029-06-01T00:00:00+07:00");
    assert_eq!(read_json()["reason"], "publish");
}

#[test]
fn several_authors_each_get_a_page_and_a_feed() {
    let f = Fixture::new();
    f.article(
        "2025/cao-toc.vi.md",
        "Cao tốc tăng tốc",
        "2025-01-10 09:00",
        "author: [Nông Văn Thắng, Hoàng Thu Hà]\nsource: Báo Cao Bằng\nphoto_credit: Văn Thành\n",
        "Công trường.\n",
    )
    .article(
        "2025/khac.vi.md",
        "Tin khác",
        "2025-01-09 09:00",
        "author: Hoàng Thu Hà\n",
        "Khác.\n",
    );
    f.build().assert_ok();
    let page = f.page("2025/01/cao-toc-tang-toc/index.html");
    let byline = between(&page, "<p class=\"byline\">", "</p>");
    assert!(
        byline.contains("<a href=\"/tac-gia/nong-van-thang/\">Nông Văn Thắng</a>"),
        "{byline}"
    );
    assert!(
        byline.contains("<a href=\"/tac-gia/hoang-thu-ha/\">Hoàng Thu Hà</a>"),
        "{byline}"
    );
    assert!(page.contains("Nguồn: Báo Cao Bằng"), "source");
    assert!(page.contains("Ảnh: Văn Thành"), "photo credit");

    assert!(
        f.page("tac-gia/nong-van-thang/index.html")
            .contains("Cao tốc tăng tốc")
    );
    let ha = f.page("tac-gia/hoang-thu-ha/index.html");
    assert!(ha.contains("Cao tốc tăng tốc") && ha.contains("Tin khác"));
    assert!(
        ha.contains("href=\"/tac-gia/hoang-thu-ha/rss.xml\""),
        "the page links its feed"
    );
    let feed = f.page("tac-gia/hoang-thu-ha/rss.xml");
    assert_eq!(feed.matches("<item>").count(), 2, "{feed}");
    let thang = f.page("tac-gia/nong-van-thang/rss.xml");
    assert_eq!(thang.matches("<item>").count(), 1, "{thang}");
    assert!(thang.contains(
        "<dc:creator>Nông Văn Thắng</dc:creator>\n<dc:creator>Hoàng Thu Hà</dc:creator>"
    ));
    let atom = f.page("atom.xml");
    assert!(atom.contains(
        "<author><name>Nông Văn Thắng</name></author>\n<author><name>Hoàng Thu Hà</name></author>"
    ));
}

#[test]
fn a_correction_is_a_dated_notice_at_the_top_and_an_update() {
    let f = Fixture::new();
    f.article(
        "2025/sua.vi.md",
        "Tin có đính chính",
        "2025-01-10 09:00",
        "updated: 2025-01-11 08:00\ncorrections:\n  - { date: 2025-01-13 10:00, note: \"Sửa tên tác giả ảnh.\" }\n",
        "Nội dung bài.\n",
    );
    f.build().assert_ok();
    let page = f.page("2025/01/tin-co-dinh-chinh/index.html");
    let notice = page.find("<p class=\"correction\">").expect("a notice");
    assert!(
        notice < page.find("article-body").unwrap(),
        "above the body"
    );
    let notice = between(&page, "<p class=\"correction\">", "</p>");
    assert!(
        notice.contains("<time datetime=\"2025-01-13T10:00:00+07:00\">13/01/2025</time>"),
        "{notice}"
    );
    assert!(notice.contains("Sửa tên tác giả ảnh."), "{notice}");
    let sitemap = f.page("sitemap.xml");
    assert!(
        sitemap.contains("<lastmod>2025-01-13T10:00:00+07:00</lastmod>"),
        "{sitemap}"
    );
    let atom = f.page("atom.xml");
    assert!(
        atom.contains("<updated>2025-01-13T10:00:00+07:00</updated>"),
        "{atom}"
    );
}
