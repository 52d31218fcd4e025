//! `bantin new` and `bantin init`: where files go, what they say, that they
//! build at once, and that nothing existing is ever overwritten.

mod common;

use std::fs;

use common::{CONFIG, Fixture};

/// `(yyyy, mm)` of the `date:` line a command wrote.
fn year_month(text: &str) -> (String, String) {
    let date = text
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .unwrap_or_else(|| panic!("no date in {text}"));
    (date[..4].to_string(), date[5..7].to_string())
}

/// The one line `bantin new` prints on stdout: the path of the new file
/// (stderr says where serve shows it).
fn created(f: &Fixture, args: &[&str]) -> String {
    let run = f.run(args);
    run.assert_ok();
    assert!(
        run.stderr
            .starts_with("It will be at http://127.0.0.1:1111/"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let path = run.stdout.trim_end_matches('\n');
    assert!(!path.contains('\n'), "{}", run.stdout);
    assert!(f.root().join(path).is_file(), "{path}");
    path.to_string()
}

fn read(f: &Fixture, rel: &str) -> String {
    fs::read_to_string(f.root().join(rel)).unwrap()
}

#[test]
fn new_writes_a_draft_with_title_date_and_author_and_prints_its_path() {
    let f = Fixture::new();
    f.write("config.yaml", &format!("{CONFIG}author: Kim Cúc\n"));
    let title = "Tin: \"nóng\" #1 hôm nay";
    let path = created(&f, &["new", title]);
    let text = read(&f, &path);
    let (yyyy, mm) = year_month(&text);
    assert_eq!(path, format!("content/{yyyy}/tin-nong-1-hom-nay.vi.md"));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "---");
    assert_eq!(lines[1], "title: 'Tin: \"nóng\" #1 hôm nay'");
    assert!(lines[2].starts_with("date: "), "{text}");
    // `YYYY-MM-DD HH:MM`, in the site's timezone (+07:00 here).
    assert_eq!(lines[2].len(), "date: 2026-11-03 08:30".len(), "{text}");
    assert_eq!(&lines[3..], ["author: Kim Cúc", "draft: true", "---", ""]);
    assert!(text.ends_with("---\n\n"));

    // A draft: left out of the site until published, shown with --drafts.
    let page = format!("{yyyy}/{mm}/tin-nong-1-hom-nay/index.html");
    f.build().assert_ok();
    assert!(!f.exists(&page));
    f.run(&["build", "--drafts"]).assert_ok();
    assert!(f.page(&page).contains("Tin: &quot;nóng&quot; #1 hôm nay"));
}

#[test]
fn new_writes_the_language_suffix_and_the_section_asked_for() {
    let f = Fixture::new();
    let en = created(&f, &["new", "Flood warning", "--lang", "en"]);
    let (yyyy, mm) = year_month(&read(&f, &en));
    assert_eq!(en, format!("content/{yyyy}/flood-warning.en.md"));
    let section = created(&f, &["new", "Thời sự tỉnh nhà", "--section", "thoi-su/"]);
    assert_eq!(section, "content/thoi-su/thoi-su-tinh-nha.vi.md");
    assert!(!read(&f, &section).contains("author:"));
    f.run(&["build", "--drafts"]).assert_ok();
    assert!(f.exists(&format!("en/{yyyy}/{mm}/flood-warning/index.html")));
    assert!(f.exists(&format!("{yyyy}/{mm}/thoi-su-tinh-nha/index.html")));

    f.run(&["new", "x", "--section", "../outside"])
        .assert_error("section `../outside` must be a folder below content/");
    f.run(&["new", "x", "--section", ".hidden"])
        .assert_error("names starting with `.`");
}

#[test]
fn new_prints_the_path_below_root_as_typed() {
    let f = Fixture::new();
    f.write("site/config.yaml", CONFIG);
    let path = created(
        &f,
        &["new", "Bài mới", "--root", "site", "--section", "tin"],
    );
    assert_eq!(path, "site/content/tin/bai-moi.vi.md");
}

#[test]
fn new_never_overwrites_a_file() {
    let f = Fixture::new();
    let path = created(&f, &["new", "Bài viết", "--section", "tin"]);
    f.write(&path, "edited by hand\n");
    f.run(&["new", "Bài viết", "--section", "tin"])
        .assert_error(&format!("{path}: already exists"));
    assert_eq!(read(&f, &path), "edited by hand\n");
    // Nor takes the name of another language's article, which would make
    // the two translations of each other by accident.
    f.article("tin/flood.en.md", "Flood", "2023-06-05", "", "x\n");
    f.run(&["new", "Flood", "--section", "tin"])
        .assert_error("content/tin/flood.en.md: already uses the name `flood`");
    assert!(!f.root().join("content/tin/flood.vi.md").exists());
    // A file without a suffix is in the default language.
    f.article("tin/bao-cao.md", "Báo cáo", "2023-06-05", "", "x\n");
    f.run(&["new", "Báo cáo", "--section", "tin"])
        .assert_error("content/tin/bao-cao.md: already exists");
    assert!(!f.root().join("content/tin/bao-cao.vi.md").exists());
}

#[test]
fn translation_of_pairs_the_new_file_with_its_original() {
    let f = Fixture::new();
    let vi = created(&f, &["new", "Lũ quét ở Bảo Lâm", "--section", "2026"]);
    assert_eq!(vi, "content/2026/lu-quet-o-bao-lam.vi.md");
    // --lang defaults to the first language other than the original's.
    let en = created(
        &f,
        &["new", "Flash flood in Bao Lam", "--translation-of", &vi],
    );
    assert_eq!(en, "content/2026/lu-quet-o-bao-lam.en.md");
    let en_text = read(&f, &en);
    assert!(
        en_text.contains("title: Flash flood in Bao Lam\n"),
        "{en_text}"
    );
    assert!(!en_text.contains("translation_key"), "{en_text}");

    f.run(&["build", "--drafts"]).assert_ok();
    let (yyyy, mm) = year_month(&read(&f, &vi));
    let page = f.page(&format!("{yyyy}/{mm}/lu-quet-o-bao-lam/index.html"));
    assert!(
        page.contains(&format!(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/{yyyy}/{mm}/flash-flood-in-bao-lam/\">"
        )),
        "{page}"
    );
}

#[test]
fn translation_of_keeps_the_translation_key_and_byline() {
    let f = Fixture::new();
    f.article(
        "2023/seed.en.md",
        "Vice Chairman works with the Department",
        "2023-06-05 08:30",
        "author: Kim Cúc\ncategory: Digital transformation\ntranslation_key: seed-2023\n",
        "Body.\n",
    );
    let vi = created(
        &f,
        &[
            "new",
            "Phó Chủ tịch làm việc với Sở",
            "--translation-of",
            "content/2023/seed.en.md",
            "--lang",
            "vi",
        ],
    );
    assert_eq!(vi, "content/2023/seed.vi.md");
    let text = read(&f, &vi);
    assert!(text.contains("\nauthor: Kim Cúc\n"), "{text}");
    assert!(text.contains("\ntranslation_key: seed-2023\n"), "{text}");
    assert!(!text.contains("category"), "{text}");
    f.run(&["build", "--drafts"]).assert_ok();
}

#[test]
fn translation_of_refuses_what_cannot_be_a_new_translation() {
    let f = Fixture::new();
    f.article(
        "2023/a.vi.md",
        "Bài A",
        "2023-06-05",
        "translation_key: a\n",
        "x\n",
    )
    .article(
        "2022/other.en.md",
        "Article A",
        "2023-06-05",
        "translation_key: a\n",
        "x\n",
    )
    .article("2023/broken.vi.md", "Hỏng", "not a date", "", "x\n")
    .write("notes.md", "not in content\n");
    let before = Fixture::snapshot(f.root());
    f.run(&[
        "new",
        "X",
        "--translation-of",
        "content/2023/a.vi.md",
        "--lang",
        "vi",
    ])
    .assert_error(
        "content/2023/a.vi.md is already in `vi`; give the translation's language with --lang (en)",
    );
    // Already translated through its translation_key, in another folder.
    f.run(&["new", "X", "--translation-of", "content/2023/a.vi.md"])
        .assert_error(
            "content/2023/a.vi.md already has a version in `en`: content/2022/other.en.md",
        );
    f.run(&["new", "X", "--translation-of", "content/2023/broken.vi.md"])
        .assert_error("content/2023/broken.vi.md:3:7: date:");
    f.run(&["new", "X", "--translation-of", "notes.md"])
        .assert_error("notes.md: not inside content/");
    f.run(&["new", "X", "--translation-of", "content/2023/missing.vi.md"])
        .assert_error("content/2023/missing.vi.md: cannot read");
    f.run(&[
        "new",
        "X",
        "--translation-of",
        "content/2023/a.vi.md",
        "--lang",
        "fr",
    ])
    .assert_error("--lang fr: not a language of this site");
    assert_eq!(Fixture::snapshot(f.root()), before);
}

#[test]
fn an_unknown_language_is_an_error_naming_the_site_languages() {
    let f = Fixture::new();
    f.run(&["new", "Bonjour", "--lang", "fr"])
        .assert_error("--lang fr: not a language of this site; config.yaml `languages` has vi, en");
    f.run(&["new", "Hello", "--lang", "EN"])
        .assert_error("(did you mean `en`?)");
    assert!(!f.root().join("content").exists());
}

#[test]
fn a_title_without_letters_is_an_error() {
    let f = Fixture::new();
    f.run(&["new", "!!! ???"])
        .assert_error("has no letters or digits to make a file name and URL from");
    f.run(&["new", "  "]).assert_error("the title is empty");
    assert!(!f.root().join("content").exists());
}

#[test]
fn a_bad_config_is_reported_as_build_reports_it() {
    let f = Fixture::new();
    f.write("config.yaml", &CONFIG.replace("paginate", "paginat"));
    f.run(&["new", "Bài mới"])
        .assert_error("config.yaml:10:1: unknown key `paginat` (did you mean `paginate`?)")
        .assert_error("1 error found; nothing was written.");
    assert!(!f.root().join("content").exists());
    let empty = tempfile::tempdir().unwrap();
    let root = empty.path().to_str().unwrap();
    f.run(&["new", "Bài mới", "--root", root])
        .assert_error("config.yaml: cannot read the configuration");
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new();
    for args in [
        &["new"][..],
        &["new", "x", "--bogus"],
        &["new", "x", "--lang"],
        &["new", "x", "--section", "a", "--translation-of", "b.md"],
        &["init"],
        &["init", "a", "b"],
    ] {
        let run = f.run(args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
    }
    assert_eq!(
        f.files_outside_output(),
        [std::path::PathBuf::from("config.yaml")]
    );
}

#[test]
fn init_makes_a_site_that_builds_and_checks_at_once() {
    let f = Fixture::new();
    let run = f.run(&["init", "site"]);
    run.assert_ok();
    assert!(run.stdout.contains("site/config.yaml"), "{}", run.stdout);
    let mut files: Vec<String> = Fixture::snapshot(&f.root().join("site"))
        .into_keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let article = files
        .iter()
        .find(|p| p.ends_with("chao-mung.vi.md"))
        .cloned()
        .unwrap();
    let (yyyy, mm) = year_month(&read(&f, &format!("site/{article}")));
    files.sort();
    assert_eq!(
        files,
        [
            ".gitignore".to_string(),
            "config.yaml".to_string(),
            format!("content/{yyyy}/chao-mung.en.md"),
            format!("content/{yyyy}/chao-mung.vi.md"),
        ]
    );
    let config = read(&f, "site/config.yaml");
    for line in [
        "base_url: https://example.org/",
        "default_language: vi",
        "timezone: Asia/Ho_Chi_Minh",
        "paginate: 20",
    ] {
        assert!(config.contains(&format!("\n{line}\n")), "{line}");
    }

    f.run(&["build", "--root", "site"]).assert_ok();
    let public = f.root().join("site/public");
    let vi = public.join(format!(
        "{yyyy}/{mm}/chao-mung-den-voi-trang-tin-moi/index.html"
    ));
    let en = public.join(format!(
        "en/{yyyy}/{mm}/welcome-to-your-new-news-portal/index.html"
    ));
    assert!(public.join("index.html").is_file());
    let vi = fs::read_to_string(vi).unwrap();
    assert!(
        fs::read_to_string(en)
            .unwrap()
            .contains("<html lang=\"en\">")
    );
    assert!(vi.contains("hreflang=\"en\""), "{vi}");
    f.run(&["check", "--root", "site"]).assert_ok();

    // And `new` works in it straight away.
    let path = created(&f, &["new", "Tin đầu tiên", "--root", "site"]);
    assert_eq!(path, format!("site/content/{yyyy}/tin-dau-tien.vi.md"));
    f.run(&["build", "--root", "site", "--drafts"]).assert_ok();
}

#[test]
fn init_accepts_an_existing_empty_folder() {
    let f = Fixture::new();
    fs::create_dir(f.root().join("empty")).unwrap();
    f.run(&["init", "empty"]).assert_ok();
    assert!(f.root().join("empty/config.yaml").is_file());
    assert!(!f.root().join("empty/themes").exists());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let f = Fixture::new();
    f.write("site/notes.txt", "mine\n");
    let before = Fixture::snapshot(f.root());
    f.run(&["init", "site"])
        .assert_error("site: is not empty; give bantin init a new or empty folder");
    f.run(&["init", "."]).assert_error(".: is not empty");
    f.run(&["init", "site/notes.txt"])
        .assert_error("site/notes.txt: is a file");
    assert_eq!(Fixture::snapshot(f.root()), before);
}

/// `bantin init site | head` and friends: stdout and stderr are pipes whose
/// reader has already gone, so every line bantin prints meets a broken pipe
/// (the reader is closed before bantin starts: no race). Each command must
/// still do its work and exit with its own status, without a panic message.
#[test]
fn a_closed_pipe_is_not_a_panic() {
    let f = Fixture::new();
    let closed = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        std::process::Stdio::from(writer)
    };
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(args)
            .current_dir(f.root())
            .stdout(closed())
            .stderr(closed())
            .status()
            .unwrap()
    };
    assert_eq!(run(&["init", "site"]).code(), Some(0));
    assert!(f.root().join("site/config.yaml").is_file());
    assert_eq!(run(&["new", "Tin mới", "--root", "site"]).code(), Some(0));
    assert_eq!(run(&["build", "--root", "site"]).code(), Some(0));
    assert!(f.root().join("site/public/index.html").is_file());
    assert_eq!(run(&["check", "--root", "site"]).code(), Some(0));
    // A failing command keeps its failing status.
    assert_eq!(run(&["init", "site"]).code(), Some(1));
    // A panic exits with 101; the status alone tells it apart, since stderr
    // is closed too. The same run with stderr readable shows nothing odd.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--root", "site"])
        .current_dir(f.root())
        .stdout(closed())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
