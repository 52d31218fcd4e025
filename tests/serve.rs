//! `bantin serve`: the real binary on a fixture site, spoken to over HTTP.
//!
//! Each test starts its own server on a free port (`--port 0`, the URL read
//! from its output), edits the fixture and polls until the change is served;
//! every wait is bounded, and the server is stopped (Ctrl+C) even when a
//! test fails.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

use common::Fixture;
use common::http::poll;
use common::serve::Server;

/// Long enough for a slow CI machine, short enough to fail a hung test.
const PATIENCE: Duration = Duration::from_secs(10);

const LIVE_RELOAD: &str = "/_bantin/events";

/// A fixture with one article (views: 817) and its English translation.
fn portal() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/bao-cao.vi.md",
        "Báo cáo tình hình",
        "2023-06-05",
        "author: Kim Cúc\nviews: 817\n",
        "Nội dung ban đầu.\n",
    );
    f.article(
        "2023/bao-cao.en.md",
        "Situation report",
        "2023-06-05",
        "",
        "First version.\n",
    );
    f
}

const ARTICLE: &str = "/2023/06/bao-cao-tinh-hinh/";

fn edit_article(f: &Fixture, body: &str) {
    f.article(
        "2023/bao-cao.vi.md",
        "Báo cáo tình hình",
        "2023-06-05",
        "author: Kim Cúc\nviews: 817\n",
        body,
    );
}

#[test]
fn serves_the_portal_with_live_reload_added_on_the_way_out() {
    let f = portal();
    let mut server = Server::start(&f, &[], PATIENCE);
    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(home.head.contains("text/html; charset=utf-8"));
    assert!(home.body.contains("Báo cáo tình hình"));
    assert!(home.body.contains(LIVE_RELOAD), "no live-reload script");
    assert!(
        home.body.find(LIVE_RELOAD) < home.body.rfind("</body>"),
        "the script goes inside the body"
    );

    // Links point at the server, not example.org; the view counter at the
    // page's own origin.
    let article = server.get(ARTICLE);
    assert_eq!(article.status, 200);
    assert!(
        article
            .body
            .contains(&format!("{}2023/06/bao-cao-tinh-hinh/", server.url()))
    );
    assert!(article.body.contains("data-endpoint=\"/_views\""));

    // The files themselves never have the script: it is added when served.
    let out = server.out_dir();
    for page in [
        "index.html",
        "2023/06/bao-cao-tinh-hinh/index.html",
        "404.html",
    ] {
        let text = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(!text.contains(LIVE_RELOAD), "{page} on disk has the script");
    }
    assert!(!f.public().exists(), "serve must not write public/");

    let css = server.get("/css/style.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("text/css"));
    assert!(!css.body.contains(LIVE_RELOAD));

    // A folder without its slash is redirected, so relative links work.
    let folder = server.get("/2023/06/bao-cao-tinh-hinh");
    assert_eq!(folder.status, 302);
    assert!(
        folder
            .head
            .contains("Location: /2023/06/bao-cao-tinh-hinh/")
    );

    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<html lang=\"vi\""),
        "the site's 404.html"
    );
    assert!(missing.body.contains(LIVE_RELOAD));

    // Ctrl+C: exit 0, and the temporary output is gone.
    assert_eq!(server.stop(), Some(0), "{}", server.stderr());
    assert!(!out.exists(), "{} left behind", out.display());
}

#[test]
fn edits_are_served_and_a_broken_edit_keeps_the_last_good_page() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    server.wait_for_page(ARTICLE, "Nội dung ban đầu.");

    edit_article(&f, "Nội dung đã sửa.\n");
    server.wait_for_page(ARTICLE, "Nội dung đã sửa.");
    server.wait_for_output("Rebuilt in ", PATIENCE);

    // Broken front matter: reported with its line, the old page stays.
    f.write(
        "content/2023/bao-cao.vi.md",
        "---\ntitle: \"Báo cáo tình hình\"\ndate: [2023\n---\nNội dung hỏng.\n",
    );
    // `…/bao-cao.vi.md:4:7: …`: the file and the line.
    server.wait_for_line("bao-cao.vi.md:LINE:", PATIENCE, |l| {
        l.split("bao-cao.vi.md:")
            .nth(1)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    });
    server.wait_for_output("still serving the last good build", PATIENCE);
    let page = server.get(ARTICLE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Nội dung đã sửa."));
    assert!(!page.body.contains("Nội dung hỏng."));

    // Fixed: served again.
    edit_article(&f, "Nội dung đã sửa lại.\n");
    server.wait_for_page(ARTICLE, "Nội dung đã sửa lại.");
}

#[test]
fn a_removed_article_disappears_and_a_new_one_appears() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    let out = server.out_dir();
    assert!(out.join("en/2023/06/situation-report/index.html").is_file());

    std::fs::remove_file(f.root().join("content/2023/bao-cao.en.md")).unwrap();
    f.article("2023/moi.vi.md", "Tin mới", "2023-06-06", "", "Mới.\n");
    server.wait_for_page("/2023/06/tin-moi/", "Mới.");
    let gone = poll(PATIENCE, || {
        Some(()).filter(|()| server.get("/en/2023/06/situation-report/").status == 404)
    });
    assert!(gone.is_some(), "the deleted article is still served");
    assert!(!out.join("en/2023/06/situation-report/index.html").exists());
}

#[test]
fn browsers_hear_reload_after_an_edit_and_errors_after_a_bad_one() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    let mut events = TcpStream::connect(&server.addr).unwrap();
    events.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        events,
        "GET {LIVE_RELOAD} HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let head = read_until(&mut events, "retry:");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");

    edit_article(&f, "Lần sửa thứ nhất.\n");
    read_until(&mut events, "event: reload\n");

    f.write("content/2023/bao-cao.vi.md", "---\ntitle: [\n---\n");
    read_until(&mut events, "event: error\n");
    let error = read_until(&mut events, "\n\n");
    assert!(
        error.contains("data: ") && error.contains("bao-cao.vi.md:"),
        "{error}"
    );

    edit_article(&f, "Lần sửa thứ hai.\n");
    read_until(&mut events, "event: reload\n");
}

/// Reads the event stream until `needle`, returning what was read.
#[track_caller]
fn read_until(stream: &mut BufReader<TcpStream>, needle: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut text = String::new();
    while !text.contains(needle) {
        assert!(Instant::now() < deadline, "no {needle:?} in {text:?}");
        let mut line = String::new();
        match stream.read_line(&mut line) {
            Ok(0) => panic!("the event stream ended: {text:?}"),
            Ok(_) => text.push_str(&line),
            Err(e) => panic!("no {needle:?} in {text:?}: {e}"),
        }
    }
    text
}

#[test]
fn the_view_counter_counts_from_the_build_time_count() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    let article = server.get(ARTICLE).body;
    let id = article
        .split("data-page-id=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a data-page-id")
        .to_string();
    assert_eq!(id, "2023/bao-cao.vi");

    let path = format!("/_views/{id}");
    let before = server.get(&path);
    assert_eq!(before.status, 200);
    assert!(before.head.contains("application/json"));
    assert_eq!(before.body, r#"{"views":817}"#);
    let counted = server.request("POST", &path);
    assert_eq!(counted.body, r#"{"views":818}"#);
    assert_eq!(server.get(&path).body, r#"{"views":818}"#);
    // Encoded as views.js sends it.
    assert_eq!(
        server.request("POST", "/_views/2023%2Fbao-cao.vi").body,
        r#"{"views":819}"#
    );

    // A rebuild keeps the counted visits.
    edit_article(&f, "Sửa để dựng lại.\n");
    server.wait_for_page(ARTICLE, "Sửa để dựng lại.");
    assert_eq!(server.get(&path).body, r#"{"views":819}"#);

    assert_eq!(server.request("POST", "/_views/unknown.vi").status, 404);
    assert_eq!(server.request("DELETE", &path).status, 405);
}

#[test]
fn the_site_wide_counter_counts_every_visit_from_its_build_time_count() {
    let f = portal();
    f.write("data/views.yaml", "_site: 120500\n");
    let server = Server::start(&f, &[], PATIENCE);
    let home = server.get("/").body;
    let footer = home.split("<footer").nth(1).expect("a footer");
    assert!(
        footer.contains("data-page-id=\"_site\"") && footer.contains("120.500"),
        "{footer}"
    );
    assert!(home.contains("js/views.js\" data-endpoint=\"/_views\""));
    assert_eq!(server.get("/_views/_site").body, r#"{"views":120500}"#);
    assert_eq!(
        server.request("POST", "/_views/_site").body,
        r#"{"views":120501}"#
    );
    // An article counts itself and the site, each on its own.
    assert_eq!(
        server.request("POST", "/_views/2023%2Fbao-cao.vi").body,
        r#"{"views":818}"#
    );
    assert_eq!(
        server.request("POST", "/_views/_site").body,
        r#"{"views":120502}"#
    );
    // A rebuild keeps the visits counted.
    edit_article(&f, "Sửa để dựng lại.\n");
    server.wait_for_page(ARTICLE, "Sửa để dựng lại.");
    assert_eq!(server.get("/_views/_site").body, r#"{"views":120502}"#);
}

#[test]
fn nothing_outside_the_output_is_served() {
    let f = portal();
    let server = Server::start(&f, &[], PATIENCE);
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/css/../../../etc/passwd",
        "/%2fetc%2fpasswd",
        "/..\\..\\etc\\passwd",
    ] {
        let response = server.get(path);
        assert_ne!(response.status, 200, "{path} was served");
        assert!(!response.body.contains("root:"), "{path} leaked a file");
    }
    // The fixture's own files are not reachable either.
    assert_eq!(server.get("/config.yaml").status, 404);
    assert_eq!(server.get("/../config.yaml").status, 400);
}

#[test]
fn a_site_that_does_not_build_is_served_as_its_errors_until_fixed() {
    let f = portal();
    f.write("config.yaml", "title: [\n");
    let server = Server::start(&f, &[], PATIENCE);
    server.wait_for_output("config.yaml:", PATIENCE);
    let page = server.get("/");
    assert_eq!(page.status, 404);
    assert!(page.body.contains("config.yaml"), "{}", page.body);
    assert!(page.body.contains(LIVE_RELOAD));

    f.write("config.yaml", common::CONFIG);
    server.wait_for_page("/", "Báo cáo tình hình");
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let f = portal();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["serve", "--port", &port, "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let f = portal();
    let run = f.run(&["serve", "--port", "not-a-port"]);
    assert_eq!(run.status, 2);
    let run = f.run(&["serve", "--bind", "somewhere"]);
    assert_eq!(run.status, 2);
}

#[test]
fn a_missing_site_folder_is_an_error() {
    let f = portal();
    let missing = f.root().join("no-such-site");
    let output = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&missing)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no-such-site: no such folder"), "{stderr}");
}
