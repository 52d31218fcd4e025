//! `serve` shows what editors are working on: drafts and articles dated in
//! the future are pages with a banner, but never in the sitemap or a feed;
//! `serve --published` shows exactly what `build` publishes.

mod common;

use std::time::Duration;

use common::Fixture;
use common::serve::Server;

const PATIENCE: Duration = Duration::from_secs(10);

fn newsroom() -> Fixture {
    let f = Fixture::new();
    f.article("2023/da-dang.vi.md", "Đã đăng", "2023-06-05", "", "x\n");
    f.article(
        "2023/nhap.vi.md",
        "Bản thảo",
        "2023-06-06",
        "draft: true\n",
        "x\n",
    );
    f.article(
        "2099/sau.vi.md",
        "Tin tương lai",
        "2099-01-02 08:00",
        "",
        "x\n",
    );
    f
}

#[test]
fn drafts_and_scheduled_articles_are_shown_with_a_banner_and_announced_nowhere() {
    let f = newsroom();
    let mut server = Server::start(&f, &[], PATIENCE);
    let draft = server.get("/2023/06/ban-thao/");
    assert_eq!(draft.status, 200, "{}", draft.body);
    assert!(
        draft
            .body
            .contains(r#"<p class="preview-banner draft" role="status">Bản nháp"#),
        "{}",
        draft.body
    );
    let scheduled = server.get("/2099/01/tin-tuong-lai/");
    assert!(
        scheduled
            .body
            .contains(r#"<p class="preview-banner scheduled""#),
        "{}",
        scheduled.body
    );
    assert!(scheduled.body.contains("Hẹn giờ"), "{}", scheduled.body);
    let published = server.get("/2023/06/da-dang/");
    assert!(!published.body.contains("preview-banner"));
    for announced in ["/sitemap.xml", "/rss.xml", "/atom.xml"] {
        let body = server.get(announced).body;
        assert!(body.contains("da-dang"), "{announced}: {body}");
        assert!(
            !body.contains("ban-thao") && !body.contains("tin-tuong-lai"),
            "{announced}: {body}"
        );
    }
    assert!(
        server
            .output()
            .contains("drafts and scheduled articles shown"),
        "{}",
        server.output()
    );
    server.stop();
}

#[test]
fn published_serves_exactly_what_build_publishes() {
    let f = newsroom();
    let mut server = Server::start(&f, &["--published"], PATIENCE);
    assert_eq!(server.get("/2023/06/ban-thao/").status, 404);
    assert_eq!(server.get("/2099/01/tin-tuong-lai/").status, 404);
    let served = server.out_dir();
    let served = Fixture::snapshot(&served);
    server.stop();
    f.build().assert_ok();
    let built = Fixture::snapshot(&f.public());
    let html = |files: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        files
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(html(&served), html(&built));
}

#[test]
fn new_prints_where_serve_shows_the_article() {
    let f = Fixture::new();
    let run = f.run(&["new", "Họp báo quý", "--section", "2023"]);
    run.assert_ok();
    let year = run.stdout.trim().to_string();
    assert!(year.ends_with("hop-bao-quy.vi.md"), "{}", run.stdout);
    let url = run
        .stderr
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:1111/"))
        .unwrap_or_else(|| panic!("no URL in {}", run.stderr));
    let path = url.trim_start_matches("http://127.0.0.1:1111");
    assert!(path.ends_with("/hop-bao-quy/"), "{url}");
    let mut server = Server::start(&f, &[], PATIENCE);
    let page = server.wait_for_page(path, "preview-banner draft");
    assert!(page.body.contains("Họp báo quý"));
    server.stop();
}

/// Standalone pages get the same banner as articles, worded for a page; an
/// undated page is never "scheduled", so it is either a draft or published.
/// The lead image and body come from the partial both templates share.
#[test]
fn pages_show_the_preview_banner_too() {
    let f = Fixture::new();
    let page = |rel: &str, title: &str, extra: &str| {
        f.write(
            &format!("content/pages/{rel}"),
            &format!("---\ntitle: \"{title}\"\n{extra}---\nNội dung trang.\n"),
        );
    };
    page("nhap.vi.md", "Trang nháp", "draft: true\n");
    page("sau.vi.md", "Trang hẹn giờ", "date: 2099-01-02 08:00\n");
    page("gioi-thieu.vi.md", "Giới thiệu", "");
    let mut server = Server::start(&f, &[], PATIENCE);
    let draft = server.get("/nhap/");
    assert_eq!(draft.status, 200, "{}", draft.body);
    assert!(
        draft.body.contains(
            r#"<p class="preview-banner draft" role="status">Bản nháp: trang này chỉ hiện"#
        ),
        "{}",
        draft.body
    );
    assert!(
        draft.body.contains("<p>Nội dung trang.</p>"),
        "{}",
        draft.body
    );
    let scheduled = server.get("/sau/");
    assert!(
        scheduled.body.contains(
            r#"<p class="preview-banner scheduled" role="status">Hẹn giờ: trang này sẽ được đăng ngày <time datetime="2099-01-02T08:00:00+07:00">"#
        ),
        "{}",
        scheduled.body
    );
    let undated = server.get("/gioi-thieu/");
    assert_eq!(undated.status, 200, "{}", undated.body);
    assert!(!undated.body.contains("preview-banner"), "{}", undated.body);
    server.stop();
    // Neither unpublished page is in what `build` publishes.
    f.build().assert_ok();
    assert!(f.exists("gioi-thieu/index.html"));
    assert!(!f.exists("nhap/index.html") && !f.exists("sau/index.html"));
}
