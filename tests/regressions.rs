//! Regression tests: each input here once broke bantin (found by the
//! property tests in `properties.rs` or while writing the bad-input
//! catalogue), and each test is named after what went wrong.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use bantin::markdown::{self, Options, RawHtml};
use common::Fixture;

/// A site with one good article, built once, and its output.
fn built_site() -> (
    Fixture,
    std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
) {
    let f = Fixture::new();
    f.article("good.md", "Bài tốt", "2023-06-05", "", "Nội dung.\n");
    f.build().assert_ok();
    let before = Fixture::snapshot(&f.public());
    (f, before)
}

/// Found by `generated_sites_build_or_fail_cleanly`: the file name was
/// printed raw, so its diagnostic came out as two lines, the first without
/// a message.
#[test]
fn newline_in_a_file_name_split_its_error_over_two_lines() {
    let (f, before) = built_site();
    f.write_bytes("content/a\nb.md", b"-\xff-\n---\n");
    let run = f.build();
    run.assert_error("content/a\\nb.md:1:2: invalid UTF-8");
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    assert!(Fixture::snapshot(&f.public()) == before);
}

#[test]
fn escape_sequences_and_bidi_overrides_in_file_names_reached_the_terminal() {
    let (f, before) = built_site();
    f.write("content/c\u{1b}[31m.md", "no front matter");
    f.write("content/\u{202e}dm.md", "no front matter");
    let run = f.build();
    run.assert_error("content/c\\u{1b}[31m.md:1:1:")
        .assert_error("content/\\u{202e}dm.md:1:1:");
    assert!(!run.stderr.contains(['\u{1b}', '\u{202e}']));
    assert!(Fixture::snapshot(&f.public()) == before);
}

#[test]
fn newline_in_a_quoted_value_split_its_error_over_two_lines() {
    let (f, before) = built_site();
    f.article("s.md", "S", "2023-01-01", "slug: \"a\\nb\"\n", "x\n");
    let run = f.build();
    run.assert_error("content/s.md:4:7: slug `a\\nb`");
    // Its own line and the summary; the rest is its code frame.
    let own_lines = run.stderr.lines().filter(|l| !common::is_frame_line(l));
    assert_eq!(own_lines.count(), 2, "{}", run.stderr);
    assert!(Fixture::snapshot(&f.public()) == before);
}

/// A 440-character title made a 440-byte folder name: the build failed with
/// "File name too long" on a path inside the hidden staging folder.
#[test]
fn long_title_made_a_folder_name_the_file_system_refused() {
    let f = Fixture::new();
    let title = "Tiếng Việt ".repeat(40);
    f.article("long.md", &title, "2023-06-05", "", "x\n")
        .article(
            "tag.md",
            "Thẻ",
            "2023-06-05",
            &format!("tags: [\"{title}\"]\n"),
            "x\n",
        );
    f.build().assert_ok();
    let slug = bantin::text::slug::slugify(&title);
    assert!(slug.len() <= 200);
    assert!(f.exists(&format!("2023/06/{slug}/index.html")));
    assert!(f.exists(&format!("the/{slug}/index.html")));
}

#[test]
fn write_errors_named_the_staging_folder_instead_of_the_output() {
    let (f, before) = built_site();
    // Two outputs that cannot both exist: a file where a folder must go.
    f.article("a.md", "A", "2023-06-05", "aliases: [/x/y.html]\n", "x\n")
        .article(
            "b.md",
            "B",
            "2023-06-05",
            "aliases: [/x/y.html/z/]\n",
            "x\n",
        );
    let run = f.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("staging"), "{}", run.stderr);
    assert!(run.stderr.contains("public/x/y.html"), "{}", run.stderr);
    assert!(Fixture::snapshot(&f.public()) == before);
}

#[test]
fn alias_with_a_part_too_long_for_a_file_name_failed_while_writing() {
    let (f, before) = built_site();
    let alias = format!("/{}/", "x".repeat(300));
    f.article(
        "a.md",
        "A",
        "2023-06-05",
        &format!("aliases: [{alias}]\n"),
        "x\n",
    );
    f.build()
        .assert_error("content/a.md:4:10: alias `/xxx")
        .assert_error("longer than 255 bytes");
    assert!(Fixture::snapshot(&f.public()) == before);
}

#[test]
fn slug_with_url_characters_made_a_page_its_own_links_missed() {
    let (f, before) = built_site();
    for (i, slug) in ["a b", "a?b", "a#b", "a%20b", ".hidden"].iter().enumerate() {
        f.article(
            &format!("s{i}.md"),
            "S",
            "2023-01-01",
            &format!("slug: \"{slug}\"\n"),
            "x\n",
        );
    }
    let run = f.build();
    for i in 0..5 {
        run.assert_error(&format!("content/s{i}.md:4:7: slug"));
    }
    assert!(Fixture::snapshot(&f.public()) == before);
}

/// `views.js` posts to `{endpoint}/{translation key}.{lang}`, and `..` in
/// the key walked out of the endpoint's path.
#[test]
fn translation_key_with_dot_dot_pointed_the_view_counter_elsewhere() {
    let (f, before) = built_site();
    f.article(
        "t.md",
        "T",
        "2023-01-01",
        "translation_key: ../../admin\n",
        "x\n",
    );
    f.build().assert_error("content/t.md:4:18: translation_key");
    assert!(Fixture::snapshot(&f.public()) == before);
}

/// serde_yaml's parser spends time proportional to the open `[`/`{` on
/// every token: a config.yaml of a million `[` ran for minutes.
#[test]
fn deeply_nested_config_took_quadratic_time() {
    let (f, before) = built_site();
    f.write(
        "config.yaml",
        &format!(
            "title: {}{}\nbase_url: https://example.org/\n",
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        ),
    );
    let started = Instant::now();
    f.build()
        // 128 levels counting the document's mapping, as serde_yaml does.
        .assert_error("config.yaml:1:135: YAML nested more than 128 levels deep");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(Fixture::snapshot(&f.public()) == before);
}

#[test]
fn front_matter_of_nested_brackets_took_seconds() {
    let (f, before) = built_site();
    f.write(
        "content/deep.md",
        &format!(
            "---\ntitle: S\ndate: 2023-01-01\ntags: {}\n---\n",
            "{a: ".repeat(16_000)
        ),
    );
    let started = Instant::now();
    f.build()
        .assert_error("content/deep.md:4:515: YAML nested more than 128 levels deep");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(Fixture::snapshot(&f.public()) == before);
}

/// config.yaml was read whole with no limit; a link to /dev/zero (which
/// reports a size of 0) ate memory until the process was killed.
#[cfg(unix)]
#[test]
fn config_linked_to_an_endless_file_exhausted_memory() {
    let (f, before) = built_site();
    fs::remove_file(f.root().join("config.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", f.root().join("config.yaml")).unwrap();
    // Now refused before reading, as a link outside the site; the limit
    // itself is pinned by `source::tests`.
    f.build()
        .assert_error("config.yaml: symbolic link to /dev/zero, outside the site folder");
    assert!(Fixture::snapshot(&f.public()) == before);
}

/// Raw HTML just under the nesting limit with a million end tags that match
/// nothing: html5ever walks all open elements for each, so sanitizing took
/// seconds per few megabytes.
#[test]
fn many_unmatched_tags_under_deep_raw_html_were_slow_to_sanitize() {
    let source = format!("{}x{}\n", "<div>".repeat(511), "</p>".repeat(200_000));
    let started = Instant::now();
    let html = markdown::render(
        &source,
        &Options {
            raw_html: RawHtml::Sanitize,
            ..Options::default()
        },
    )
    .html;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert!(html.starts_with("<p>&lt;div&gt;"), "shown as text");
}

#[test]
fn a_list_title_in_config_gave_serdes_words() {
    let (f, before) = built_site();
    f.write(
        "config.yaml",
        "title: [a, b]\nbase_url: https://example.org/\n",
    );
    f.build()
        .assert_error("config.yaml:1:1: expected a text, or one text per language");
    assert!(Fixture::snapshot(&f.public()) == before);
}
