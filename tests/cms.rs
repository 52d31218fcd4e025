//! The browser CMS: `bantin cms init`, the drift check in `bantin check`,
//! and Decap's local backend protocol answered by `bantin serve`, each
//! action spoken to the real binary over HTTP.

mod common;

use std::fs;
use std::thread;
use std::time::Duration;

use common::Fixture;
use common::http::Response;
use common::serve::Server;
use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(10);
const API: &str = "/_bantin/cms/api/v1";

/// A site with one article pair and one photo.
fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/bao-cao.vi.md",
        "Báo cáo",
        "2023-06-05",
        "author: Kim Cúc\ncategory: Thời sự\n",
        "Nội dung.\n",
    );
    f.article("2023/bao-cao.en.md", "Report", "2023-06-05", "", "Text.\n");
    f.write_bytes("static/images/anh.png", b"\x89PNG fake");
    f
}

fn call(server: &Server, body: &Value) -> Response {
    call_with(server, body, "")
}

/// POSTs `body` with extra header lines.
fn call_with(server: &Server, body: &Value, headers: &str) -> Response {
    let body = body.to_string();
    server.send(&format!(
        "POST {API} HTTP/1.0\r\nHost: {}\r\nContent-Type: application/json\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        server.addr,
        body.len()
    ))
}

fn json_of(response: &Response) -> Value {
    serde_json::from_str(&response.body)
        .unwrap_or_else(|e| panic!("{e}: {} {}", response.status, response.body))
}

#[test]
fn cms_init_writes_the_admin_page_and_a_config_from_the_schema() {
    let f = site();
    f.write(
        "config.yaml",
        &format!(
            "{}messages: en\ncms:\n  script: https://cdn.example.org/decap-cms.js\n",
            common::CONFIG
        ),
    );
    f.run(&["cms", "init"]).assert_ok();
    let config = fs::read_to_string(f.root().join("static/admin/config.yml")).unwrap();
    for expected in [
        "structure: multiple_files",
        "locales: [vi, en]",
        "default_locale: vi",
        "\nlocal_backend: true\n",
        "media_folder: static/images",
        "folder: content\n",
        "path: \"{{year}}/{{slug}}\"",
        "folder: content/pages",
        "{ name: title, label: \"Title\", widget: string, required: true",
        "name: date, label: \"Date\", required: true, widget: datetime, format: \"YYYY-MM-DD HH:mm\"",
        // Pages (content/pages/) need no date.
        "name: date, label: \"Date\", required: false, widget: datetime",
        "options: [\"Kim Cúc\"]",
        "options: [\"Thời sự\"]",
        "name: views, label: \"Views\", widget: number, required: false, value_type: int, min: 0",
        // New articles start dated now, as `bantin new` dates them.
        "default: \"{{now}}\"",
        "name: author, label: \"Authors\", widget: bantin-authors",
        // Each collection's uploads go to the site's media folder, not
        // beside the entry (Decap's default for a collection with a path).
        "    media_folder: /static/images\n    public_folder: /images\n",
        "name: body, label: \"Text\", widget: markdown, required: false",
        "pattern: [\"^[a-z0-9]+(-[a-z0-9]+)*$\", \"lowercase letters a-z, digits and hyphens\"]",
        // Decap's own interface in the message language.
        "\nlocale: en\n",
        "# name: github",
    ] {
        assert!(config.contains(expected), "no {expected:?} in\n{config}");
    }
    let index = fs::read_to_string(f.root().join("static/admin/index.html")).unwrap();
    assert!(index.contains("<script src=\"https://cdn.example.org/decap-cms.js\"></script>"));
    assert!(index.contains("registerPreviewStyle(\"../css/style.css\")"));
    assert!(index.contains("local_backend: { url: location.origin + \"/_bantin/cms/api/v1\" }"));
    assert!(index.contains("CMS.registerWidget(\"bantin-authors\""));
    assert!(index.contains("<html lang=\"en\">"));
    assert!(index.contains("}, \"+ Add an author\"),"));
    // Existing files are kept, and the site still checks clean.
    f.run(&["cms", "init", "--lang-messages", "en"])
        .assert_error("exists; `bantin cms init --force` replaces it");
    f.run(&["cms", "init", "--lang-messages", "vi"])
        .assert_error("đã có; `bantin cms init --force` sẽ thay thế");
    f.run(&["check"]).assert_ok();
    f.build().assert_ok();
    assert!(f.exists("admin/index.html"));
}

/// A site whose messages are Vietnamese gets a CMS in Vietnamese: the
/// labels, the pattern hints, the author widget's buttons and Decap's own
/// interface; and the drift check does not count labels.
#[test]
fn cms_init_writes_labels_in_the_message_language() {
    let f = site();
    f.write("config.yaml", &format!("{}messages: vi\n", common::CONFIG));
    f.run(&["cms", "init"]).assert_ok();
    let config = fs::read_to_string(f.root().join("static/admin/config.yml")).unwrap();
    for expected in [
        "\nlocale: vi\n",
        "    label: \"Bài viết\"\n",
        "{ name: title, label: \"Tiêu đề\", widget: string",
        "{ name: image, label: \"Ảnh đại diện\", widget: image",
        "\"chỉ chữ thường a-z, chữ số và dấu gạch ngang\"]",
        "fields: [{ name: date, label: \"Ngày\", widget: datetime",
        "name: body, label: \"Nội dung bài\", widget: markdown",
    ] {
        assert!(config.contains(expected), "no {expected:?} in\n{config}");
    }
    assert!(!config.contains("Lead photo"), "{config}");
    let index = fs::read_to_string(f.root().join("static/admin/index.html")).unwrap();
    assert!(index.contains("<html lang=\"vi\">"));
    assert!(index.contains("<title>Quản lý nội dung</title>"));
    assert!(index.contains("}, \"+ Thêm tác giả\"),"));
    assert!(!index.contains("Add an author"));
    f.run(&["check"]).assert_ok();
    // The same site with English messages: its labels differ, and a
    // config.yml written in the other language is not drift.
    f.write("config.yaml", &format!("{}messages: en\n", common::CONFIG));
    f.run(&["check"]).assert_ok();
    f.run(&["cms", "init", "--force"]).assert_ok();
    let config = fs::read_to_string(f.root().join("static/admin/config.yml")).unwrap();
    assert!(config.contains("{ name: image, label: \"Lead photo\", widget: image"));
    assert!(config.contains("\nlocale: en\n"));
}

#[test]
fn check_reports_a_drifted_cms_config_at_its_position() {
    let f = site();
    f.run(&["cms", "init"]).assert_ok();
    let path = f.root().join("static/admin/config.yml");
    let text = fs::read_to_string(&path).unwrap();
    let drifted = text.replacen("name: summary,", "name: standfirst,", 1);
    let line = drifted
        .lines()
        .position(|l| l.contains("standfirst"))
        .unwrap()
        + 1;
    fs::write(&path, drifted).unwrap();
    let run = f.run(&["check", "--lang-messages", "en"]);
    run.assert_error(&format!(
        "static/admin/config.yml:{line}:11: field `standfirst` is not a front-matter key"
    ));
}

#[test]
fn every_action_of_the_local_backend() {
    let f = site();
    let server = Server::start(&f, &[], PATIENCE);

    let info = json_of(&call(&server, &json!({"action": "info"})));
    assert_eq!(info["type"], "local_fs");
    assert_eq!(info["publish_modes"], json!(["simple"]));

    let listed = json_of(&call(
        &server,
        &json!({"action": "entriesByFolder", "params": {"folder": "content", "extension": "md", "depth": 2}}),
    ));
    let paths: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["content/2023/bao-cao.en.md", "content/2023/bao-cao.vi.md"]
    );
    assert!(
        listed[1]["data"]
            .as_str()
            .unwrap()
            .contains("title: \"Báo cáo\"")
    );

    let by_files = json_of(&call(
        &server,
        &json!({"action": "entriesByFiles", "params": {"files": [{"path": "content/2023/bao-cao.en.md", "label": "en"}]}}),
    ));
    assert_eq!(by_files[0]["file"]["label"], "en");
    assert!(by_files[0]["data"].as_str().unwrap().contains("Report"));

    let entry = json_of(&call(
        &server,
        &json!({"action": "getEntry", "params": {"path": "content/2023/bao-cao.vi.md"}}),
    ));
    assert!(entry["data"].as_str().unwrap().contains("Nội dung."));

    let saved = call(
        &server,
        &json!({"action": "persistEntry", "params": {
            "dataFiles": [{"path": "content/2024/moi.vi.md", "slug": "moi", "raw": "---\ntitle: \"Tin: mới\"\ndate: 2024-01-02 08:30\n---\nChữ.\n"}],
            "assets": [{"path": "static/images/moi.png", "content": "aGVsbG8=", "encoding": "base64"}],
            "options": {}
        }}),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        fs::read_to_string(f.root().join("content/2024/moi.vi.md"))
            .unwrap()
            .contains("Tin: mới")
    );
    assert_eq!(
        fs::read(f.root().join("static/images/moi.png")).unwrap(),
        b"hello"
    );
    // The watcher sees the save: the page is served after the rebuild.
    server.wait_for_page("/2024/01/tin-moi/", "Tin: mới");

    let media = json_of(&call(
        &server,
        &json!({"action": "getMedia", "params": {"mediaFolder": "static/images"}}),
    ));
    let names: Vec<&str> = media
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["anh.png", "moi.png"]);
    assert_eq!(media[1]["content"], "aGVsbG8=");

    let one = json_of(&call(
        &server,
        &json!({"action": "getMediaFile", "params": {"path": "static/images/anh.png"}}),
    ));
    assert_eq!(one["encoding"], "base64");
    assert_eq!(one["path"], "static/images/anh.png");

    let uploaded = json_of(&call(
        &server,
        &json!({"action": "persistMedia", "params": {"asset": {"path": "static/images/tai-len.jpg", "content": "AAEC", "encoding": "base64"}}}),
    ));
    assert_eq!(uploaded["name"], "tai-len.jpg");
    assert_eq!(
        fs::read(f.root().join("static/images/tai-len.jpg")).unwrap(),
        [0, 1, 2]
    );

    let deleted = call(
        &server,
        &json!({"action": "deleteFile", "params": {"path": "static/images/tai-len.jpg"}}),
    );
    assert_eq!(deleted.status, 200);
    assert!(!f.root().join("static/images/tai-len.jpg").exists());

    let deleted = call(
        &server,
        &json!({"action": "deleteFiles", "params": {"paths": ["static/images/moi.png", "content/2024/moi.vi.md"]}}),
    );
    assert_eq!(deleted.status, 200);
    assert!(!f.root().join("content/2024/moi.vi.md").exists());
    assert!(!f.root().join("static/images/moi.png").exists());

    let preview = call(
        &server,
        &json!({"action": "getDeployPreview", "params": {"collection": "articles", "slug": "x"}}),
    );
    assert_eq!((preview.status, preview.body.as_str()), (200, "null"));

    let unknown = call(&server, &json!({"action": "formatDisk"}));
    assert_eq!(unknown.status, 422);
}

#[test]
fn paths_outside_content_and_media_are_refused_and_logged() {
    let f = site();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "secret").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), f.root().join("content/link")).unwrap();
    let server = Server::start(&f, &["--lang-messages", "en"], PATIENCE);
    let mut refused = vec![
        "content/../config.yaml",
        "content/%2e%2e/config.yaml",
        "/etc/passwd",
        "config.yaml",
        "content/a\0b.md",
        "static/admin/config.yml",
    ];
    if cfg!(unix) {
        refused.push("content/link/secret.md");
    }
    for path in &refused {
        let read = call(
            &server,
            &json!({"action": "getEntry", "params": {"path": path}}),
        );
        assert_eq!(read.status, 403, "{path}: {}", read.body);
        let write = call(
            &server,
            &json!({"action": "persistMedia", "params": {"asset": {"path": path, "content": "AA==", "encoding": "base64"}}}),
        );
        assert_eq!(write.status, 403, "{path}: {}", write.body);
    }
    assert_eq!(
        fs::read_to_string(outside.path().join("secret.md")).unwrap(),
        "secret"
    );
    assert_eq!(
        fs::read_to_string(f.root().join("config.yaml")).unwrap(),
        common::CONFIG
    );
    server.wait_for_output("refused getEntry: `content/../config.yaml`", PATIENCE);
    let listed = json_of(&call(
        &server,
        &json!({"action": "entriesByFolder", "params": {"folder": "content", "extension": "md", "depth": 3}}),
    ));
    assert!(!listed.to_string().contains("secret"), "{listed}");
}

#[test]
fn a_foreign_origin_is_refused_and_gets_no_cors_header() {
    let f = site();
    let server = Server::start(&f, &[], PATIENCE);
    let foreign = call_with(
        &server,
        &json!({"action": "info"}),
        "Origin: http://evil.example\r\n",
    );
    assert_eq!(foreign.status, 403);
    assert!(!foreign.head.to_ascii_lowercase().contains("access-control"));
    let own = call_with(
        &server,
        &json!({"action": "info"}),
        &format!("Origin: http://{}\r\n", server.addr),
    );
    assert_eq!(own.status, 200, "{}", own.body);
    let other_host = server.send(&format!(
        "POST {API} HTTP/1.0\r\nHost: cms.evil.example\r\nContent-Length: 17\r\n\r\n{{\"action\":\"info\"}}"
    ));
    assert_eq!(other_host.status, 403);
}

#[test]
fn an_invalid_date_is_refused_with_bantins_message_and_nothing_changes() {
    let f = site();
    let server = Server::start(&f, &[], PATIENCE);
    let path = f.root().join("content/2023/bao-cao.vi.md");
    let before = fs::read(&path).unwrap();
    let response = call(
        &server,
        &json!({"action": "persistEntry", "params": {"entry": {"path": "content/2023/bao-cao.vi.md", "raw": "---\ntitle: Báo cáo\ndate: 2023-02-30\n---\nMới.\n"}, "assets": []}}),
    );
    assert_eq!(response.status, 422);
    let error = json_of(&response)["error"].as_str().unwrap().to_string();
    assert!(
        error.starts_with("content/2023/bao-cao.vi.md:3:7: date: invalid date"),
        "{error}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn two_entries_saved_at_once_both_land() {
    let f = site();
    let server = Server::start(&f, &[], PATIENCE);
    thread::scope(|scope| {
        for n in 0..2 {
            let server = &server;
            scope.spawn(move || {
                let raw = format!("---\ntitle: \"Tin {n}\"\ndate: 2024-03-0{}\n---\nSố {n}.\n", n + 1);
                let response = call(
                    server,
                    &json!({"action": "persistEntry", "params": {"entry": {"path": format!("content/2024/tin-{n}.vi.md"), "raw": raw}, "assets": []}}),
                );
                assert_eq!(response.status, 200, "{}", response.body);
            });
        }
    });
    for n in 0..2 {
        let text =
            fs::read_to_string(f.root().join(format!("content/2024/tin-{n}.vi.md"))).unwrap();
        assert!(text.contains(&format!("Số {n}.")));
        server.wait_for_page(&format!("/2024/03/tin-{n}/"), &format!("Tin {n}"));
    }
}

/// Decap saves every language of a new entry, the unwritten ones too, and
/// copies fields without a value as `key: null`: serve writes neither.
#[test]
fn an_untouched_translation_and_null_keys_are_not_written() {
    let f = site();
    let server = Server::start(&f, &[], PATIENCE);
    let files = |en: &str| {
        json!({"action": "persistEntry", "params": {"dataFiles": [
            {"path": "content/2024/hop-bao.vi.md", "slug": "2024/hop-bao", "raw": "---\ntitle: \"Họp báo: quý I\"\ndate: 2024-03-01 08:00\nupdated: null\nauthor: Kim Cúc\n---\nNội dung.\n"},
            {"path": "content/2024/hop-bao.en.md", "slug": "2024/hop-bao", "raw": en},
        ], "assets": []}})
    };
    let saved = call(
        &server,
        &files("---\ndate: 2024-03-01 08:00\nupdated: null\nauthor: Kim Cúc\n---\n"),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(
        fs::read_to_string(f.root().join("content/2024/hop-bao.vi.md")).unwrap(),
        "---\ntitle: \"Họp báo: quý I\"\ndate: 2024-03-01 08:00\nauthor: Kim Cúc\n---\nNội dung.\n"
    );
    assert!(!f.root().join("content/2024/hop-bao.en.md").exists());
    server.wait_for_page("/2024/03/hop-bao-quy-i/", "Họp báo: quý I");

    // Written in English, it is saved and checked like any file.
    let broken = call(
        &server,
        &files("---\ntitle: Press conference\ndate: 2024-02-30 08:00\n---\nText.\n"),
    );
    assert_eq!(broken.status, 422, "{}", broken.body);
    assert!(!f.root().join("content/2024/hop-bao.en.md").exists());
    let translated = call(
        &server,
        &files(
            "---\ntitle: \"Press conference: first quarter\"\ndate: 2024-03-01 08:00\nupdated: null\n---\nText.\n",
        ),
    );
    assert_eq!(translated.status, 200, "{}", translated.body);
    assert_eq!(
        fs::read_to_string(f.root().join("content/2024/hop-bao.en.md")).unwrap(),
        "---\ntitle: \"Press conference: first quarter\"\ndate: 2024-03-01 08:00\n---\nText.\n"
    );
    // An untitled default-language file is still refused, not skipped.
    let untitled = call(
        &server,
        &json!({"action": "persistEntry", "params": {"dataFiles": [
            {"path": "content/2024/khong-ten.vi.md", "raw": "---\ndate: 2024-03-01 08:00\n---\n"},
            {"path": "content/2024/khong-ten.en.md", "raw": "---\ndate: 2024-03-01 08:00\n---\n"},
        ], "assets": []}}),
    );
    assert_eq!(untitled.status, 422, "{}", untitled.body);
    assert!(!f.root().join("content/2024/khong-ten.vi.md").exists());
}

/// The CMS is not reloaded by rebuilds nor covered by the error overlay;
/// the site's pages are.
#[test]
fn the_admin_page_gets_no_live_reload() {
    let f = site();
    f.run(&["cms", "init"]).assert_ok();
    let server = Server::start(&f, &[], PATIENCE);
    let admin = server.get("/admin/");
    assert_eq!(admin.status, 200);
    assert!(admin.body.contains("CMS.init("), "{}", admin.body);
    assert!(!admin.body.contains("/_bantin/events"), "{}", admin.body);
    let page = server.get("/");
    assert!(page.body.contains("/_bantin/events"));
}
