//! Hostile YAML (issue 22, P4/P5/P6 and A3): what aliases expand to, nesting
//! in every style, too many values, and long values echoed into the build
//! log. Each shape is a smaller instance of its class that the check would
//! let through (or report differently) without its bound; each must fail
//! with exit 1 and a `path:line:column` error, and no message may quote
//! more than a short prefix of a long value.

mod common;

use common::{Fixture, Run};

/// A site with one good article and `extra` front matter in `content/a.md`.
fn site(extra: &str) -> Fixture {
    let f = Fixture::new();
    f.article("a.vi.md", "Tin", "2023-06-05", extra, "Nội dung.\n");
    f
}

/// Exit 1, `needle` (a `path:line:column: message` start) in the messages,
/// and no panic.
#[track_caller]
fn assert_refused(f: &Fixture, needle: &str) -> Run {
    let run = f.build();
    run.assert_error(needle);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!f.public().exists(), "something was written");
    run
}

#[test]
fn front_matter_string_repeated_by_aliases_is_refused() {
    // Each alias repeats 2,001 (1 + 2,000 bytes): the 33rd passes 64 KiB.
    let f = site(&format!(
        "summary: &a {}\ntags: [{}]\n",
        "x".repeat(2000),
        ["*a"; 40].join(", ")
    ));
    let column = "tags: [".len() + 32 * "*a, ".len() + 1;
    assert_refused(
        &f,
        &format!("content/a.vi.md:5:{column}: aliases (`*name`) expand"),
    );
}

#[test]
fn config_list_repeated_into_the_title_is_refused() {
    // `title` is buffered whole by serde (a text or a map per language): a
    // wide list repeated by a few aliases, far under serde_yaml's own count.
    let list = vec!["x"; 5000].join(",");
    let f = site("");
    f.write(
        "config.yaml",
        &format!(
            "base_url: https://example.org/\ntitle:\n  a: &a [{list}]\n  b: [{}]\n",
            ["*a"; 10].join(", ")
        ),
    );
    let column = "  b: [".len() + 6 * "*a, ".len() + 1;
    assert_refused(&f, &format!("config.yaml:4:{column}: aliases"));
}

#[test]
fn views_keys_repeated_by_aliases_are_refused() {
    // Keys may be aliases too: each copies a long string once more, 5,001
    // towards 64 KiB: the 14th, on line 16, passes it.
    let f = site("");
    let mut views = format!("? &a {}\n: 1\n", "y".repeat(5000));
    views.push_str(&"*a : 2\n".repeat(20));
    f.write("data/views.yaml", &views);
    assert_refused(&f, "data/views.yaml:16:1: aliases");
}

#[test]
fn block_nesting_is_refused_in_every_file() {
    // 128 levels, the document's own mapping included, as serde_yaml counts.
    let column = 2 * 127 + 1;
    let f = site(&format!("tags:\n{}x\n", "- ".repeat(300)));
    assert_refused(
        &f,
        &format!("content/a.vi.md:5:{column}: YAML nested more than 128 levels deep"),
    );
    let f = site("");
    f.write("data/views.yaml", &format!("{}x\n", "- ".repeat(300)));
    assert_refused(
        &f,
        "data/views.yaml:1:257: YAML nested more than 128 levels",
    );
    let f = site("");
    f.write(
        "config.yaml",
        &format!(
            "base_url: https://example.org/\ntitle:\n{}x\n",
            "? ".repeat(300)
        ),
    );
    assert_refused(&f, "config.yaml:3:");
    assert_refused(&f, "YAML nested more than 128 levels deep");
}

#[test]
fn too_many_values_are_refused_before_they_are_stored() {
    // A long flow list of empty maps: 2^19 + 1 values in 1.5 MB.
    let f = site("");
    f.write(
        "data/views.yaml",
        &format!("[{}]\n", vec!["{}"; 1 << 19].join(",")),
    );
    // The last value, the 2^19th map, past `[` and 2^19 - 1 `{},`.
    let column = 2 + 3 * ((1 << 19) - 1);
    assert_refused(
        &f,
        &format!("data/views.yaml:1:{column}: more than 524288 values"),
    );
}

/// The longest run of `secret`'s characters in `text`.
fn longest_run(text: &str, secret: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if secret.contains(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[test]
fn long_values_are_quoted_by_a_short_prefix_only() {
    let secret = "S3CR3T:".repeat(30_000);
    let long = |n: usize| secret[..n].to_string();
    let f = Fixture::new();
    // Front matter: a key too long for a plain key, a date, a number, a slug.
    let article = |name: &str, date: &str, extra: &str| {
        f.article(name, "Tin", date, extra, "x\n");
    };
    article(
        "a.vi.md",
        "2023-06-05",
        &format!("? {}\n: 1\n", long(60_000)),
    );
    article("b.vi.md", &format!("\"{}\"", long(5000)), "");
    article(
        "c.vi.md",
        "2023-06-05",
        &format!("views: \"{}\"\n", long(5000)),
    );
    article(
        "d.vi.md",
        "2023-06-05",
        &format!("slug: \"{}\"\n", long(5000)),
    );
    // A views file linked to a secret: a long key (serde's path) and value.
    f.write(
        "data/views.yaml",
        &format!("? {}\n: \"{}\"\n", long(100_000), long(100_000)),
    );
    let run = f.build();
    assert_eq!(run.status, 1, "{}", run.stderr);
    for needle in [
        "content/a.vi.md:4:3: unknown key `S3CR3T",
        "content/b.vi.md:3:7: date: invalid date \"S3CR3T",
        "content/c.vi.md:4:8: views: invalid type: string \"S3CR3T",
        "content/d.vi.md:4:7: ",
        "data/views.yaml:2:3: S3CR3T",
        "…\", expected u64",
    ] {
        assert!(run.stderr.contains(needle), "{needle} in {}", run.stderr);
    }
    assert!(longest_run(&run.stderr, "S3CRT:") <= 61, "{}", run.stderr);
    // config.yaml: a time zone, then an unknown key of 200 KB.
    f.write(
        "config.yaml",
        &common::CONFIG.replace("\"+07:00\"", &format!("\"{}\"", long(50_000))),
    );
    let zone = f.build();
    zone.assert_error("config.yaml:9:1: timezone: ");
    f.write(
        "config.yaml",
        &format!("{}? {}\n: 1\n", common::CONFIG, long(200_000)),
    );
    let key = f.build();
    key.assert_error("config.yaml:11:3: unknown key `S3CR3T");
    for stderr in [&zone.stderr, &key.stderr] {
        assert!(longest_run(stderr, "S3CRT:") <= 61, "{stderr}");
        assert!(stderr.len() < 2000, "{stderr}");
    }
}
