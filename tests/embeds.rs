//! Embeds and what the sanitiser removes, as `build` and `check` report it;
//! `--strict`; values a CMS leaves empty; the lead image checked like a
//! body image.

mod common;

use std::path::Path;

use common::{CONFIG, Fixture, between};

const YOUTUBE: &str = "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube-nocookie.com/embed/xyz\" title=\"Lễ hội Lồng Tồng 2024\" allowfullscreen></iframe>";

fn path(rel: &str) -> String {
    Path::new("content").join(rel).display().to_string()
}

#[test]
fn a_player_from_an_allowed_host_is_kept_without_a_word() {
    let f = Fixture::new();
    f.article(
        "2024/video.vi.md",
        "Video lễ hội",
        "2024-02-10",
        "",
        &format!("Xem:\n\n{YOUTUBE}\n"),
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = f.page("2024/02/video-le-hoi/index.html");
    let frame = between(&page, "<iframe", "</iframe>");
    for attribute in [
        "src=\"https://www.youtube-nocookie.com/embed/xyz\"",
        "title=\"Lễ hội Lồng Tồng 2024\"",
        "sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\"",
        "loading=\"lazy\"",
        "referrerpolicy=\"strict-origin-when-cross-origin\"",
    ] {
        assert!(frame.contains(attribute), "{attribute} in {frame}");
    }
}

/// A body whose line 3 has a frame from elsewhere and line 5 a form.
const REMOVED: &str = "Mở đầu.\n\n<iframe src=\"https://tracker.example/x\" title=\"x\"></iframe>\n\nXin <b onclick=\"steal()\">chào</b>.\n";

#[test]
fn what_the_sanitiser_removes_is_a_warning_at_its_place_in_build_and_check() {
    let f = Fixture::new();
    // Front matter: lines 1-4 (`---`, title, date, `---`), so the body's line 3 is line 7.
    f.article("2024/x.vi.md", "Tin", "2024-02-10", "", REMOVED);
    let file = path("2024/x.vi.md");
    for run in [f.build(), f.run(&["check"])] {
        run.assert_ok();
        assert!(
            run.stderr.contains(&format!(
                "{file}:7:1: warning: `<iframe>` of `https://tracker.example/x` removed"
            )),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!(
                "{file}:9:8: warning: attribute `onclick` removed from `<b>`"
            )),
            "{}",
            run.stderr
        );
    }
    let page = f.page("2024/02/tin/index.html");
    assert!(!page.contains("tracker.example") && !page.contains("onclick"));
}

#[test]
fn strict_makes_warnings_errors_and_leaves_the_output_untouched() {
    let f = Fixture::new();
    f.article("2024/x.vi.md", "Tin", "2024-02-10", "", "Mở đầu.\n");
    f.run(&["build", "--strict"]).assert_ok();
    let before = Fixture::snapshot(&f.public());
    f.article("2024/x.vi.md", "Tin", "2024-02-10", "", REMOVED);
    let run = f.run(&["build", "--strict"]);
    run.assert_error(&format!("{}:7:1: `<iframe>` of", path("2024/x.vi.md")));
    assert!(
        run.stderr.contains("2 errors found; nothing was written."),
        "{}",
        run.stderr
    );
    assert_eq!(
        Fixture::snapshot(&f.public()),
        before,
        "the output is untouched"
    );
    f.run(&["check", "--strict"]).assert_error("`<iframe>` of");
    // Without --strict the same site builds, with its warnings.
    f.build().assert_ok();
    assert_ne!(Fixture::snapshot(&f.public()), before);
    // Other warnings count too: a broken link, in a build.
    f.article(
        "2024/x.vi.md",
        "Tin",
        "2024-02-10",
        "",
        "[cũ](/khong-co/)\n",
    );
    f.run(&["build", "--strict"])
        .assert_error("link to `/khong-co/`");
}

#[test]
fn the_allowed_hosts_come_from_markdown_embeds() {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        &format!("{CONFIG}markdown:\n  embeds: [maps.example.org/embed]\n"),
    );
    f.article(
        "2024/x.vi.md",
        "Tin",
        "2024-02-10",
        "",
        &format!("<iframe src=\"https://maps.example.org/embed?q=cao-bang\" title=\"Bản đồ\"></iframe>\n\n{YOUTUBE}\n"),
    );
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("`<iframe>` of `https://www.youtube-nocookie.com/embed/xyz` removed"),
        "{}",
        run.stderr
    );
    let page = f.page("2024/02/tin/index.html");
    assert!(
        page.contains("maps.example.org") && !page.contains("youtube"),
        "{page}"
    );

    let lines = CONFIG.lines().count();
    f.write(
        "config.yaml",
        &format!("{CONFIG}markdown:\n  embeds:\n    - https://www.youtube.com/embed\n"),
    );
    f.build().assert_error(&format!(
        "config.yaml:{}:1: markdown.embeds: `https://www.youtube.com/embed` must be a host",
        lines + 2
    ));
    // The site's own host cannot be one: its frames could lift their sandbox.
    f.write(
        "config.yaml",
        &format!("{CONFIG}markdown:\n  embeds: [player.vimeo.com, example.org/video]\n"),
    );
    f.build().assert_error(&format!(
        "config.yaml:{}:1: markdown.embeds: `example.org/video` covers this site's own host `example.org`",
        lines + 2
    ));
}

#[test]
fn video_and_sound_from_the_site_are_kept() {
    let f = Fixture::new();
    f.write_bytes("static/media/le-hoi.mp4", b"not really a video");
    f.article(
        "2024/x.vi.md",
        "Tin",
        "2024-02-10",
        "",
        "<video poster=\"/media/anh.jpg\">\n  <source src=\"/media/le-hoi.mp4\" type=\"video/mp4\">\n</video>\n\n<audio src=\"https://cdn.example/a.mp3\"></audio>\n",
    );
    let run = f.build();
    run.assert_ok();
    let page = f.page("2024/02/tin/index.html");
    assert!(
        page.contains("<source src=\"/media/le-hoi.mp4\" type=\"video/mp4\">"),
        "{page}"
    );
    assert!(
        page.contains("controls=\"\""),
        "the browser's controls are on: {page}"
    );
    assert!(!page.contains("<audio"), "{page}");
    assert!(
        run.stderr.contains(&format!(
            "{}:9:1: warning: `<audio>` removed",
            path("2024/x.vi.md")
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn empty_optional_values_mean_absent_everywhere() {
    let bare = Fixture::new();
    bare.article("2024/x.vi.md", "Tin", "2024-02-10", "", "Nội dung.\n");
    let empty = Fixture::new();
    let keys = bantin::source::known_keys();
    let keys = keys.iter().filter(|key| *key != "title" && *key != "date");
    let lines: String = keys.map(|k| format!("{k}: \"\"\n")).collect();
    empty.article("2024/x.vi.md", "Tin", "2024-02-10", &lines, "Nội dung.\n");
    bare.build().assert_ok();
    let run = empty.build();
    run.assert_ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // Every page the same; only the marker's fingerprint of the inputs differs.
    let pages = |f: &Fixture| {
        let mut files = Fixture::snapshot(&f.public());
        files.remove(Path::new(".bantin"));
        files
    };
    let (empty, bare) = (pages(&empty), pages(&bare));
    let differing: Vec<_> = (bare.iter())
        .filter(|(path, bytes)| empty.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(differing, Vec::<&std::path::PathBuf>::new());
    assert_eq!(empty.len(), bare.len());
}

#[test]
fn a_missing_lead_image_is_reported_like_a_missing_body_image() {
    let f = Fixture::new();
    f.write_bytes("static/images/co.png", &common::photos::png(4, 3));
    f.article(
        "2024/x.vi.md",
        "Tin",
        "2024-02-10",
        "image: /images/khong-co.png\n",
        "![ảnh](/images/cung-khong-co.png)\n\n![ảnh](/images/co.png)\n",
    );
    let file = path("2024/x.vi.md");
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains(&format!(
            "{file}:4:1: warning: lead image: link to `/images/khong-co.png`"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{file}:6:1: warning: link to `/images/cung-khong-co.png`"
        )),
        "{}",
        run.stderr
    );
    f.run(&["check"]).assert_error(&format!(
        "{file}:4:1: lead image: link to `/images/khong-co.png`"
    ));
    f.article(
        "2024/x.vi.md",
        "Tin",
        "2024-02-10",
        "image: /images/co.png\n",
        "Nội dung.\n",
    );
    f.run(&["check"]).assert_ok();
}
