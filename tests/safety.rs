//! Bad input, one test per class in SPEC.md's Safety section: no panic,
//! every error reported at once as `path:line:column: message`, exit 1,
//! the previous output untouched and nothing written outside it.

mod common;

use common::{Fixture, Snapshot};

#[track_caller]
fn assert_untouched(f: &Fixture, before: &Snapshot) {
    assert!(
        Fixture::snapshot(&f.public()) == *before,
        "previous output changed"
    );
    let stray: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("bantin-staging"))
        .collect();
    assert!(stray.is_empty(), "staging left behind: {stray:?}");
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let (f, before) = Fixture::built_one();
    f.write("content/a.md", "---\ntitle: A\ndate: 2023-02-30\n---\n")
        .write(
            "content/b.md",
            "---\ntitle: B\ndate: 2023-01-01\ncategry: x\n---\n",
        )
        .write("content/c.md", "---\ndate: 2023-01-01\n---\n")
        .write("content/d.md", "---\ntitle: D\ndate: 2023-01-01\n");
    let run = f.build();
    run.assert_error("content/a.md:3:7: date:")
        .assert_error("content/b.md:4:1: unknown key `categry` (did you mean `category`?)")
        .assert_error("content/c.md:1:1: `title` is required")
        .assert_error("content/d.md:1:1: front matter opened here is never closed")
        .assert_error("4 errors found");
    assert!(!run.stderr.contains("panicked"));
    assert_untouched(&f, &before);
}

#[test]
fn yaml_syntax_error_points_into_the_file() {
    let (f, before) = Fixture::built_one();
    f.write(
        "content/x.md",
        "---\ntitle: X\ndate: 2023-01-01\ntags: [a, b\n---\nbody\n",
    );
    let run = f.build();
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("content/x.md:"), "{}", run.stderr);
    let line: usize = run
        .stderr
        .split("content/x.md:")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (4..=6).contains(&line),
        "line {line} should be inside the front matter: {}",
        run.stderr
    );
    assert_untouched(&f, &before);
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let (f, before) = Fixture::built_one();
    f.write_bytes(
        "content/bad.md",
        b"---\ntitle: T\ndate: 2023-01-01\n---\nok\nbad \xff here\n",
    );
    f.build().assert_error("content/bad.md:6:5: invalid UTF-8");
    assert_untouched(&f, &before);
}

#[test]
fn bom_and_crlf_are_fine() {
    let f = Fixture::new();
    f.write_bytes(
        "content/w.md",
        "\u{feff}---\r\ntitle: Từ Word\r\ndate: 2023-01-01\r\n---\r\nĐoạn một.\r\n".as_bytes(),
    );
    f.build().assert_ok();
    assert!(
        f.page("2023/01/tu-word/index.html")
            .contains("<p>Đoạn một.</p>")
    );
}

#[test]
fn decomposed_vietnamese_is_normalised() {
    let f = Fixture::new();
    // "Việt" typed with combining marks, as word processors often save it.
    f.article(
        "nfd.md",
        "Vie\u{323}\u{302}t Nam",
        "2023-01-01",
        "",
        "Vie\u{323}\u{302}t\n",
    );
    f.build().assert_ok();
    let page = f.page("2023/01/viet-nam/index.html");
    assert!(page.contains("Việt Nam") && !page.contains('\u{323}'));
}

#[test]
fn unsafe_slugs_and_aliases_are_errors_and_nothing_escapes() {
    let (f, before) = Fixture::built_one();
    f.article("s.md", "S", "2023-01-01", "slug: ../../escape\n", "x\n")
        .article(
            "t.md",
            "T",
            "2023-01-01",
            "aliases: [\"../../../outside/\"]\n",
            "x\n",
        )
        .article("u.md", "U", "2023-01-01", "slug: /abs\n", "x\n");
    f.build()
        .assert_error("content/s.md:4:7: slug")
        .assert_error("content/t.md:4:10: alias")
        .assert_error("content/u.md:4:7: slug");
    assert_untouched(&f, &before);
    let outside: Vec<_> = f
        .files_outside_output()
        .into_iter()
        .filter(|p| !p.starts_with("content") && !p.starts_with("config.yaml"))
        // The build cache SPEC puts in the site, from the first good build.
        .filter(|p| !p.starts_with(".bantin-cache"))
        .collect();
    assert!(outside.is_empty(), "{outside:?}");
    assert!(!f.root().parent().unwrap().join("escape").exists());
}

#[test]
fn aliases_redirect_inside_the_output() {
    let f = Fixture::new();
    f.article(
        "a.md",
        "Tin mới",
        "2023-01-01",
        "aliases: [/tin-cu/123/, old.html]\n",
        "x\n",
    );
    f.build().assert_ok();
    let redirect = f.page("tin-cu/123/index.html");
    assert!(
        redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/2023/01/tin-moi/\">")
    );
    assert!(f.exists("old.html"));
}

#[test]
fn duplicate_urls_name_both_files() {
    let (f, before) = Fixture::built_one();
    f.article("one.md", "Giá cả", "2023-03-01", "", "x\n")
        .article("two.md", "Giá cá", "2023-03-09", "", "x\n");
    f.build()
        .assert_error("content/two.md:2:1: this article's URL /2023/03/gia-ca/ is also the URL of")
        .assert_error("content/one.md");
    assert_untouched(&f, &before);
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let f = Fixture::new();
    f.article("a.md", "A", "2023-01-01", "", "x\n");
    f.write("public/precious.txt", "keep me");
    f.build().assert_error("refusing to replace this folder");
    assert_eq!(
        std::fs::read_to_string(f.public().join("precious.txt")).unwrap(),
        "keep me"
    );
    // An output folder that holds the site itself is refused too.
    f.run(&["build", "--out", "."]).assert_error("refusing");
    assert!(f.root().join("content/a.md").exists());
}

#[test]
fn an_output_path_that_is_a_file_is_an_error() {
    let f = Fixture::new();
    f.article("a.md", "A", "2023-01-01", "", "x\n");
    f.write("out", "a file");
    f.run(&["build", "--out", "out"])
        .assert_error("not a folder");
    assert_eq!(
        std::fs::read_to_string(f.root().join("out")).unwrap(),
        "a file"
    );
}

#[test]
fn config_errors_are_reported_with_positions() {
    let (f, before) = Fixture::built_one();
    f.write(
        "config.yaml",
        &common::CONFIG.replace("paginate: 2", "paginat: 2"),
    );
    f.build()
        .assert_error("config.yaml:10:1: unknown key `paginat` (did you mean `paginate`?)");
    f.write(
        "config.yaml",
        &common::CONFIG.replace("paginate: 2", "paginate: [2"),
    );
    f.build().assert_error("config.yaml:");
    f.write("config.yaml", "title: [");
    assert_eq!(f.build().status, 1);
    assert_untouched(&f, &before);
}

#[test]
fn missing_config_is_an_error_not_a_panic() {
    let f = Fixture::new();
    std::fs::remove_file(f.root().join("config.yaml")).unwrap();
    f.build()
        .assert_error("config.yaml: cannot read the configuration");
}

#[test]
fn template_errors_are_reported_and_nothing_is_written() {
    let (f, before) = Fixture::built_one();
    f.write("themes/default/templates/article.html", "{% if %}");
    f.build().assert_error("template error");
    f.write(
        "themes/default/templates/article.html",
        "{{ article.no_such_field.deeper }}",
    );
    f.build().assert_error("template error");
    assert_untouched(&f, &before);
}

#[test]
fn unknown_language_suffix_is_an_error() {
    let (f, before) = Fixture::built_one();
    f.article("x.fr.md", "X", "2023-01-01", "", "x\n");
    f.build()
        .assert_error("content/x.fr.md: language `fr` in the file name is not in config.yaml");
    assert_untouched(&f, &before);
}

#[test]
fn titles_and_front_matter_are_escaped() {
    let f = Fixture::new();
    f.article(
        "x.md",
        "<script>alert(1)</script> & \\\"quotes\\\"",
        "2023-01-01",
        "author: \"<b onmouseover=alert(1)>Kẻ xấu</b>\"\nimage_caption: \"\\\" onerror=\\\"alert(1)\"\nimage: /a.png\nsummary: \"<img src=x onerror=alert(1)>\"\ncategory: \"<i>c</i>\"\n",
        "x\n",
    );
    f.build().assert_ok();
    let home = f.page("index.html");
    let page = f.page("2023/01/script-alert-1-script-quotes/index.html");
    for html in [&home, &page] {
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<b onmouseover"));
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains("\" onerror=\"alert"));
        assert!(!html.contains("<i>c</i>"));
    }
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}

#[test]
fn raw_html_follows_the_configured_policy() {
    let body = "<div class=\"box\">hộp</div>\n\n<script>alert(1)</script>\n\n<img src=\"/x.png\" onerror=\"alert(1)\">\n\n[bad](javascript:alert(1))\n";
    let build = |policy: &str| {
        let f = Fixture::new();
        f.write(
            "config.yaml",
            &format!("{}markdown: {{ raw_html: {policy} }}\n", common::CONFIG),
        );
        f.article("x.md", "X", "2023-01-01", "", body);
        f.build().assert_ok();
        f.page("2023/01/x/index.html")
    };
    let sanitized = build("sanitize");
    assert!(
        sanitized.contains("hộp")
            && !sanitized.contains("<script>alert")
            && !sanitized.contains("onerror")
    );
    assert!(!sanitized.contains("javascript:"));
    let escaped = build("escape");
    assert!(escaped.contains("&lt;script&gt;") && !escaped.contains("<div class=\"box\">"));
    let allowed = build("allow");
    assert!(
        allowed.contains("<div class=\"box\">hộp</div>")
            && allowed.contains("<script>alert(1)</script>")
    );
}

#[test]
fn bad_command_line_usage_exits_2() {
    let f = Fixture::new();
    assert_eq!(f.run(&["build", "--no-such-flag"]).status, 2);
    assert_eq!(f.run(&["no-such-command"]).status, 2);
}

#[test]
fn empty_and_odd_files_do_not_panic() {
    let (f, before) = Fixture::built_one();
    f.write("content/empty.md", "")
        .write("content/dashes.md", "---")
        .write_bytes(
            "content/nul.md",
            b"---\ntitle: \0\ndate: 2023-01-01\n---\n\0\n",
        );
    let run = f.build();
    assert_eq!(run.status, 1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("content/empty.md:1:1:"));
    assert_untouched(&f, &before);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported() {
    let (f, before) = Fixture::built_one();
    std::fs::create_dir_all(f.root().join("content/loop")).unwrap();
    std::os::unix::fs::symlink(f.root().join("content"), f.root().join("content/loop/back"))
        .unwrap();
    f.build().assert_error("symbolic link loop");
    assert_untouched(&f, &before);
}
