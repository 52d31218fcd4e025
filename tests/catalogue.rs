//! The bad-input catalogue: one test per kind of broken or hostile site.
//! Each checks that there is no panic, that the error names its file (with
//! `line:column` where there is one), that the exit status is 1, that the
//! previous output is byte-for-byte intact and that nothing was written
//! outside it.
//!
//! Cases already pinned in `safety.rs` are not repeated here: invalid UTF-8
//! (`invalid_utf8_is_reported_with_its_position`), a BOM with CRLF
//! (`bom_and_crlf_are_fine`), unclosed front matter
//! (`every_broken_file_is_reported_in_one_run`), a symbolic link loop
//! (`symlink_loop_is_reported`) and an output path that is a file
//! (`an_output_path_that_is_a_file_is_an_error`).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Fixture, Run, Snapshot};

/// Every file of the site outside `public/` (the inputs).
fn inputs(f: &Fixture) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(f.root()).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let rel = entry.path().strip_prefix(f.root()).unwrap().to_path_buf();
        if !rel.starts_with("public") && !rel.as_os_str().is_empty() {
            files.push(rel);
        }
    }
    files
}

/// Runs `build` after `break_it`, and checks the failure is clean: exit 1,
/// `needle` in the messages, every message shaped `path[:line:column]: …`,
/// no panic, the old output intact, no input added or changed, no staging
/// folder left.
#[track_caller]
fn assert_clean_failure(f: &Fixture, before: &Snapshot, args: &[&str], needle: &str) -> Run {
    let inputs_before = inputs(f);
    let run = f.run(args);
    run.assert_error(needle);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let mut lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines
            .pop()
            .is_some_and(|l| l.ends_with("found; nothing was written.")),
        "{}",
        run.stderr
    );
    for line in lines.into_iter().filter(|l| !common::is_frame_line(l)) {
        let (path, message) = line.split_once(": ").unwrap_or(("", ""));
        assert!(
            !path.is_empty() && !message.is_empty(),
            "not `path: message`: {line:?}"
        );
    }
    assert!(
        Fixture::snapshot(&f.public()) == *before,
        "previous output changed"
    );
    assert_eq!(inputs(f), inputs_before, "files written outside the output");
    run
}

// Front-matter mistakes editors make -------------------------------------

/// One broken article: its front matter, where the mistake is, and words
/// of the explanation or fix each language must show.
struct Mistake {
    name: &'static str,
    front: &'static str,
    /// Line and column in the file (the front matter starts on line 2).
    at: (usize, usize),
    en: &'static str,
    vi: &'static str,
    /// 1 for an error; 0 for a warning, which does not stop the build.
    status: i32,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        name: "colon-in-title",
        front: "title: Chuyển đổi số: hội nghị trực tuyến\ndate: 2023-06-05\n",
        at: (2, 21),
        en: "put the value in straight quotes: `title: \"Chuyển đổi số: hội nghị trực tuyến\"`",
        vi: "đặt giá trị trong dấu ngoặc thẳng: `title: \"Chuyển đổi số: hội nghị trực tuyến\"`",
        status: 1,
    },
    Mistake {
        name: "tab-indent",
        front: "title: Tin\ndate: 2023-06-05\ntags:\n\t- kinh tế\n",
        at: (5, 1),
        en: "indented with a tab; YAML only accepts spaces",
        vi: "thụt lề bằng phím Tab",
        status: 1,
    },
    Mistake {
        name: "nbsp-indent",
        front: "title: Tin\ndate: 2023-06-05\ntags:\n \u{a0}- kinh tế\n",
        at: (5, 2),
        en: "looks like a space but is not one (U+00A0",
        vi: "trông như dấu cách nhưng không phải (U+00A0",
        status: 1,
    },
    Mistake {
        name: "typographic-quotes",
        front: "title: “Cao Bằng: mùa lúa chín”\ndate: 2023-06-05\n",
        at: (2, 8),
        en: "YAML quotes are the straight \" and '",
        vi: "YAML chỉ hiểu dấu ngoặc thẳng \" và '",
        status: 1,
    },
    Mistake {
        name: "typographic-quotes-kept",
        front: "title: “Mùa lúa chín”\ndate: 2023-06-05\n",
        at: (2, 8),
        en: "warning: this value is wrapped in typographic quotes",
        vi: "cảnh báo: giá trị này nằm trong dấu ngoặc kép kiểu in",
        status: 0,
    },
    Mistake {
        name: "comma-list",
        front: "title: Tin\ndate: 2023-06-05\ntags: kinh tế, nông nghiệp\n",
        at: (4, 7),
        en: "write `tags: [kinh tế, nông nghiệp]`",
        vi: "viết `tags: [kinh tế, nông nghiệp]`",
        status: 1,
    },
    Mistake {
        name: "yes-for-true",
        front: "title: Tin\ndate: 2023-06-05\ndraft: yes\n",
        at: (4, 8),
        en: "write `draft: true`",
        vi: "viết `draft: true`",
        status: 1,
    },
    Mistake {
        name: "khong-for-false",
        front: "title: Tin\ndate: 2023-06-05\ndraft: không\n",
        at: (4, 8),
        en: "write `draft: false`",
        vi: "viết `draft: false`",
        status: 1,
    },
    Mistake {
        name: "no-space-after-colon",
        front: "title:Xin chào\ndate: 2023-06-05\n",
        at: (2, 6),
        en: "`title:` needs a space after the colon",
        vi: "sau `title:` cần một dấu cách",
        status: 1,
    },
    Mistake {
        name: "unclosed-quote",
        front: "title: \"Xin chào\ndate: 2023-06-05\n",
        at: (2, 8),
        en: "close it at the end of the value: `title: \"Xin chào\"`",
        vi: "đóng nó ở cuối giá trị: `title: \"Xin chào\"`",
        status: 1,
    },
    Mistake {
        name: "wrong-indent",
        front: "title: Tin\n  date: 2023-06-05\n",
        at: (3, 1),
        en: "this line is indented, but the line above does not open a list",
        vi: "dòng này bị thụt lề, nhưng dòng trên không mở một danh sách",
        status: 1,
    },
    Mistake {
        name: "joined-list-items",
        front: "title: Tin\ndate: 2023-06-05\ntags:\n  - chuyển đổi số\n    - hội nghị\n",
        at: (6, 5),
        en: "warning: “chuyển đổi số - hội nghị” is one item made of two",
        vi: "cảnh báo: “chuyển đổi số - hội nghị” là hai mục bị gộp làm một",
        status: 0,
    },
    Mistake {
        name: "impossible-day-month-year",
        front: "title: Tin\ndate: 31/02/2024\n",
        at: (3, 7),
        en: "2/2024 has no day 31",
        vi: "tháng 2/2024 không có ngày 31",
        status: 1,
    },
    Mistake {
        name: "month-day-year",
        front: "title: Tin\ndate: 12/31/2024 08:30\n",
        at: (3, 7),
        en: "there is no month 31 (dates are day/month/year)",
        vi: "không có tháng 31 (ngày viết theo thứ tự ngày/tháng/năm)",
        status: 1,
    },
];

#[test]
fn each_front_matter_mistake_is_explained_where_it_is_in_both_languages() {
    for mistake in MISTAKES {
        let (f, before) = Fixture::built_one();
        let file = format!("content/{}.vi.md", mistake.name);
        f.write(&file, &format!("---\n{}---\nNội dung.\n", mistake.front));
        for (lang, words) in [("en", mistake.en), ("vi", mistake.vi)] {
            let run = f.run(&["build", "--lang-messages", lang]);
            let (line, column) = mistake.at;
            let name = mistake.name;
            assert_eq!(
                run.status, mistake.status,
                "{name} ({lang}):\n{}",
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            // The primary position is the only one: no "at line N" inside.
            let headline = format!("{file}:{line}:{column}: ");
            let diagnostic = run
                .stderr
                .lines()
                .find(|l| l.starts_with(&headline))
                .unwrap_or_else(|| panic!("{name} ({lang}): no {headline:?} in\n{}", run.stderr));
            assert!(!diagnostic.contains(" at line "), "{diagnostic}");
            assert!(
                run.stderr.contains(words),
                "{name} ({lang}): {words:?} not in\n{}",
                run.stderr
            );
            // The frame shows the offending line with its number.
            assert!(
                run.stderr
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{line} | "))),
                "{name} ({lang}): no frame in\n{}",
                run.stderr
            );
            if mistake.status == 1 {
                assert!(
                    Fixture::snapshot(&f.public()) == before,
                    "{name}: output changed"
                );
            }
        }
    }
}

#[test]
fn day_month_year_dates_are_accepted() {
    let f = Fixture::new();
    f.article("a.vi.md", "Ngày Việt", "05/06/2023", "", "x\n");
    f.article("b.vi.md", "Có giờ", "5/6/2023 08:30", "", "x\n");
    f.build().assert_ok();
    assert!(f.exists("2023/06/ngay-viet/index.html"));
    assert!(
        f.page("2023/06/co-gio/index.html")
            .contains("2023-06-05T08:30:00+07:00")
    );
}

#[test]
fn yaml_anchor_bomb_fails_fast() {
    let (f, before) = Fixture::built_one();
    // Billion laughs: ten aliases per level, nine levels: 10^9 strings if
    // expanded.
    let mut bomb = String::from(
        "---\ntitle: Bom\ndate: 2023-01-01\nsummary: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = "a".to_string();
    for level in 0..9 {
        let name = format!("l{level}");
        let refs = vec![format!("*{previous}"); 10].join(",");
        bomb.push_str(&format!("x{level}: &{name} [{refs}]\n"));
        previous = name;
    }
    bomb.push_str("---\nbody\n");
    f.write("content/bomb.md", &bomb);
    let started = Instant::now();
    let run = assert_clean_failure(&f, &before, &["build"], "content/bomb.md:");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
    // At the alias where what aliases repeat passes the limit (`x3`'s),
    // found before serde_yaml reads `summary`.
    assert!(
        run.stderr.contains("content/bomb.md:8:10: aliases"),
        "{}",
        run.stderr
    );
}

/// Billion laughs in YAML: `levels` anchors of ten aliases each to the one
/// before, under `indent`; the last anchor is `l{levels - 1}`.
fn anchor_bomb(indent: &str, levels: usize) -> String {
    let mut bomb = format!("{indent}l0: &l0 [{}]\n", ["\"lol\""; 10].join(","));
    for level in 1..levels {
        let refs = vec![format!("*l{}", level - 1); 10].join(",");
        bomb.push_str(&format!("{indent}l{level}: &l{level} [{refs}]\n"));
    }
    bomb
}

#[test]
fn yaml_anchor_bomb_in_config_fails_fast() {
    // `title` may be a text or a map per language, so serde buffers the
    // whole value before choosing, expanding every alias: serde_yaml's
    // repetition limit must stop it.
    let (f, before) = Fixture::built_one();
    f.write(
        "config.yaml",
        &format!(
            "title:\n{}base_url: https://example.org/\n",
            anchor_bomb("  ", 10)
        ),
    );
    let started = Instant::now();
    let run = assert_clean_failure(&f, &before, &["build"], "config.yaml");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(run.stderr.contains("aliases"), "{}", run.stderr);
}

#[test]
fn article_over_the_size_limit_is_refused() {
    let (f, before) = Fixture::built_one();
    // 50 MB, sparse: the size is refused before anything is read.
    let file = fs::File::create(f.root().join("content/huge.md")).unwrap();
    file.set_len(50 * 1000 * 1000).unwrap();
    drop(file);
    let started = Instant::now();
    assert_clean_failure(
        &f,
        &before,
        &["build"],
        "content/huge.md: file is 47 MiB; files bantin reads, articles included, are limited to 4 MiB",
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn article_just_under_the_size_limit_builds() {
    let f = Fixture::new();
    let limit = bantin::files::MAX_ARTICLE_BYTES as usize;
    let head = "---\ntitle: Dài\ndate: 2023-06-05\n---\n";
    let line = "Một đoạn văn rất dài.\n\n";
    let mut text = String::with_capacity(limit);
    text.push_str(head);
    while text.len() + line.len() <= limit {
        text.push_str(line);
    }
    f.write("content/long.md", &text);
    f.build().assert_ok();
    assert!(f.exists("2023/06/dai/index.html"));
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_reported() {
    // The deterministic form of a file that disappears between the walk
    // and the read.
    let (f, before) = Fixture::built_one();
    std::os::unix::fs::symlink(
        f.root().join("content/gone.md"),
        f.root().join("content/link.md"),
    )
    .unwrap();
    assert_clean_failure(
        &f,
        &before,
        &["build"],
        "content/link.md: cannot read: No such file or directory",
    );
}

#[test]
fn file_removed_after_the_walk_names_its_path() {
    let err = bantin::files::read_text(
        Path::new("/nonexistent/bantin/removed.md"),
        Path::new("content/removed.md"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("content/removed.md: cannot read: No such file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let (f, before) = Fixture::built_one();
    let path = f.root().join("content/secret.md");
    fs::write(&path, "---\ntitle: Bí mật\ndate: 2023-01-01\n---\nx\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Root (as in CI containers) reads through any permission bits.
        println!(
            "note: running as a user that ignores file permissions; unreadable-file check skipped"
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        return;
    }
    assert_clean_failure(
        &f,
        &before,
        &["build"],
        "content/secret.md: cannot read: Permission denied",
    );
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn unreadable_folder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let (f, before) = Fixture::built_one();
    let dir = f.root().join("content/locked");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("a.md"), "---\ntitle: A\ndate: 2023-01-01\n---\n").unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&dir).is_ok() {
        println!(
            "note: running as a user that ignores folder permissions; unreadable-folder check skipped"
        );
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    assert_clean_failure(&f, &before, &["build"], "content/locked: cannot read");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn output_path_that_is_a_file_leaves_everything_alone() {
    let (f, before) = Fixture::built_one();
    f.write("out", "a file");
    let run = f.run(&["build", "--out", "out"]);
    run.assert_error("out: the output path exists and is not a folder");
    assert_eq!(fs::read_to_string(f.root().join("out")).unwrap(), "a file");
    assert!(Fixture::snapshot(&f.public()) == before);
    let stray: Vec<_> = fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn output_under_a_file_is_an_error() {
    let (f, before) = Fixture::built_one();
    assert_clean_failure(
        &f,
        &before,
        &["build", "--out", "config.yaml/public"],
        "config.yaml: cannot create the output's parent folder",
    );
}

#[test]
fn output_inside_content_is_refused() {
    let (f, before) = Fixture::built_one();
    for out in [
        "content/public",
        "content",
        "static/site",
        "themes/default",
        "x/../content/out",
    ] {
        let run = assert_clean_failure(&f, &before, &["build", "--out", out], out);
        assert!(
            run.stderr.contains("inside the site's"),
            "{out}: {}",
            run.stderr
        );
        assert!(!f.root().join(out).exists() || out == "content", "{out}");
    }
    assert!(!f.root().join("x").exists());
}

#[test]
fn config_that_is_a_folder_is_an_error() {
    let (f, before) = Fixture::built_one();
    fs::remove_file(f.root().join("config.yaml")).unwrap();
    fs::create_dir(f.root().join("config.yaml")).unwrap();
    assert_clean_failure(
        &f,
        &before,
        &["build"],
        "config.yaml: is a folder; the configuration must be a YAML file",
    );
}

#[test]
fn empty_config_names_the_missing_keys() {
    let (f, before) = Fixture::built_one();
    for empty in [
        "",
        "\n\n",
        "# chỉ có chú thích\n",
        "\u{feff}",
        "---\n",
        "~\n",
    ] {
        f.write("config.yaml", empty);
        assert_clean_failure(&f, &before, &["build"], "config.yaml:");
    }
    f.write("config.yaml", "");
    f.build()
        .assert_error("config.yaml:1:1: missing field `title`");
}

#[test]
fn config_that_is_not_a_mapping_is_an_error() {
    let (f, before) = Fixture::built_one();
    for text in [
        "- a\n- b\n",
        "just text\n",
        "42\n",
        "[",
        "title: &a [*a]\n",
        "\0",
    ] {
        f.write("config.yaml", text);
        assert_clean_failure(&f, &before, &["build"], "config.yaml");
    }
    f.write_bytes("config.yaml", b"title: \xff\n");
    assert_clean_failure(&f, &before, &["build"], "config.yaml: is not valid UTF-8");
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_stack_overflow() {
    let (f, before) = Fixture::built_one();
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    // Front matter: as deep as its 64 KiB allow.
    f.write(
        "content/deep.md",
        &format!(
            "---\ntitle: Sâu\ndate: 2023-01-01\ntags: {}\n---\n",
            deep(30_000)
        ),
    );
    assert_clean_failure(&f, &before, &["build"], "content/deep.md:");
    fs::remove_file(f.root().join("content/deep.md")).unwrap();
    // config.yaml has no such limit of its own: a million levels.
    f.write(
        "config.yaml",
        &format!(
            "title: {}\nbase_url: https://example.org/\n",
            deep(1_000_000)
        ),
    );
    assert_clean_failure(&f, &before, &["build"], "config.yaml:");
    f.write(
        "config.yaml",
        &format!(
            "title: T\nbase_url: https://example.org/\nlanguages: {}\n",
            "{a: ".repeat(200_000)
        ),
    );
    assert_clean_failure(&f, &before, &["build"], "config.yaml:");
    // Block nesting, where only serde_yaml's own recursion limit applies:
    // `title` is buffered whole (it may be a text or a map), so this is the
    // one place deep YAML reaches a recursive deserializer.
    let mut lines = String::from("base_url: https://example.org/\ntitle:\n");
    for level in 1..2000 {
        lines.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
    }
    lines.push_str(&format!("{}x\n", " ".repeat(2000)));
    f.write("config.yaml", &lines);
    assert_clean_failure(
        &f,
        &before,
        &["build"],
        "config.yaml:130:129: YAML nested more than 128 levels deep",
    );
}

#[test]
fn huge_front_matter_is_refused_at_its_start() {
    let (f, before) = Fixture::built_one();
    f.write(
        "content/big.md",
        &format!(
            "---\ntitle: To\ndate: 2023-01-01\nsummary: {}\n---\nx\n",
            "x".repeat(70 * 1024)
        ),
    );
    assert_clean_failure(
        &f,
        &before,
        &["build"],
        "content/big.md:1:1: front matter is larger than 64 KiB",
    );
}

#[cfg(unix)]
#[test]
fn file_name_that_is_not_utf8_is_reported() {
    use std::os::unix::ffi::OsStrExt;
    let (f, before) = Fixture::built_one();
    let name = std::ffi::OsStr::from_bytes(b"b\xffd.md");
    fs::write(
        f.root().join("content").join(name),
        "---\ntitle: T\ndate: 2023-01-01\n---\n",
    )
    .unwrap();
    assert_clean_failure(&f, &before, &["build"], "file name is not valid UTF-8");
}

#[cfg(unix)]
#[test]
fn special_files_under_content_are_skipped_or_bounded() {
    let f = Fixture::new();
    f.article("a.md", "A", "2023-01-01", "", "x\n");
    // A pipe, which would never end, is not a regular file: skipped. (A
    // link to `/dev/zero` is refused as outside the site.)
    let made = std::process::Command::new("mkfifo")
        .arg(f.root().join("content/pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    // A folder named like an article is walked, not read.
    fs::create_dir_all(f.root().join("content/folder.md")).unwrap();
    let started = Instant::now();
    f.build().assert_ok();
    assert!(started.elapsed() < Duration::from_secs(10));
}

// Resource bounds ----------------------------------------------------------

/// 100,000 levels of `>` or `-`: pulldown-cmark and our passes are
/// iterative, so this neither overflows a 2 MiB test-thread stack nor takes
/// more than a few seconds, in any raw-HTML mode.
#[test]
fn hundred_thousand_nested_quotes_and_lists_render_quickly() {
    use bantin::markdown::{self, Options, RawHtml};
    for prefix in ["> ", "- ", "1. ", "> - ", "<div>", "<blockquote>", "*", "["] {
        let source = format!("{}xin chào\n", prefix.repeat(100_000));
        for raw_html in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
            let started = Instant::now();
            let html = markdown::render(
                &source,
                &Options {
                    raw_html,
                    ..Options::default()
                },
            )
            .html;
            let took = started.elapsed();
            assert!(
                took < Duration::from_secs(5),
                "{prefix:?} {raw_html:?}: {took:?}"
            );
            assert!(html.contains("xin chào"), "{prefix:?} {raw_html:?}");
        }
    }
}

#[test]
fn hundred_thousand_nested_quotes_build_as_a_site() {
    let f = Fixture::new();
    f.article(
        "sau.md",
        "Sâu",
        "2023-06-05",
        "",
        &format!(
            "{}xin chào\n\n{}x\n",
            "> ".repeat(100_000),
            "- ".repeat(100_000)
        ),
    );
    let started = Instant::now();
    f.build().assert_ok();
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(f.page("2023/06/sau/index.html").contains("xin chào"));
}
