//! `serve`'s incremental rebuilds: after every edit of a series, the folder
//! serve keeps up to date is byte for byte what a fresh full build makes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use bantin::config::Overrides;
use bantin::pipeline::{self, Settings};
use bantin::serve::Session;
use common::Fixture;

const BASE: &str = "http://127.0.0.1:1111/";

/// `preview`: serve's default, drafts and scheduled articles shown marked.
fn settings(root: &Path, out: &Path, preview: bool) -> Settings {
    Settings {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        include_drafts: false,
        preview_drafts: preview,
        overrides: Overrides {
            base_url: Some(BASE.to_string()),
            views_endpoint: Some(format!("{BASE}_views/")),
        },
        now: jiff::Timestamp::now(),
    }
}

/// A session over a site, checked against full builds as it is edited.
struct Editor {
    site: Fixture,
    session: Session,
    full: tempfile::TempDir,
    steps: usize,
    preview: bool,
}

impl Editor {
    fn start(site: Fixture) -> Editor {
        Editor::start_as(site, false)
    }

    fn start_as(site: Fixture, preview: bool) -> Editor {
        let full = tempfile::tempdir().unwrap();
        let (session, report) = Session::start(settings(site.root(), full.path(), preview));
        assert!(report.ok, "{:?}", report.diagnostics);
        let editor = Editor {
            site,
            session,
            full,
            steps: 0,
            preview,
        };
        editor.assert_same_as_full_build("first build");
        editor
    }

    fn write(&mut self, rel: &str, text: &str) -> PathBuf {
        self.site.write(rel, text);
        self.site.root().join(rel)
    }

    fn remove(&mut self, rel: &str) -> PathBuf {
        let path = self.site.root().join(rel);
        fs::remove_file(&path).unwrap();
        path
    }

    fn rename(&mut self, from: &str, to: &str) -> [PathBuf; 2] {
        let (from, to) = (self.site.root().join(from), self.site.root().join(to));
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::rename(&from, &to).unwrap();
        [from, to]
    }

    /// Rebuilds after `changed` and compares with a full build; returns how
    /// many files the rebuild wrote.
    #[track_caller]
    fn rebuild(&mut self, what: &str, changed: &[PathBuf]) -> usize {
        let report = self.session.rebuild(changed);
        assert!(report.ok, "{what}: {:?}", report.diagnostics);
        self.assert_same_as_full_build(what);
        report.written
    }

    #[track_caller]
    fn assert_same_as_full_build(&self, what: &str) {
        let out = self.full.path().join(format!("step-{}", self.steps));
        let outcome = pipeline::build(&settings(self.site.root(), &out, self.preview));
        assert!(!outcome.failed(), "{what}: {:?}", outcome.diagnostics);
        let mut full = Fixture::snapshot(&out);
        full.remove(Path::new(".bantin"));
        let served = Fixture::snapshot(self.session.out_dir());
        assert_same(what, &full, &served);
    }
}

#[track_caller]
fn assert_same(what: &str, full: &BTreeMap<PathBuf, Vec<u8>>, served: &BTreeMap<PathBuf, Vec<u8>>) {
    let only_full: Vec<_> = full.keys().filter(|k| !served.contains_key(*k)).collect();
    let only_served: Vec<_> = served.keys().filter(|k| !full.contains_key(*k)).collect();
    let differ: Vec<_> = full
        .iter()
        .filter(|(k, v)| served.get(*k).is_some_and(|s| s != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_full.is_empty() && only_served.is_empty() && differ.is_empty(),
        "{what}: incremental output differs from a full build\n\
         only in the full build: {only_full:?}\nonly in serve's: {only_served:?}\ndiffering: {differ:?}"
    );
}

fn article(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra}---\n{body}")
}

/// Nine articles over three years, paginated two to a page, so a change
/// moves articles across pages, archives and terms.
fn news_site() -> Fixture {
    let site = Fixture::new();
    let days = [
        "2022-03-01",
        "2022-11-20",
        "2023-01-05",
        "2023-06-05",
        "2023-06-05",
        "2023-09-10",
        "2024-02-14",
        "2024-02-15",
        "2024-08-30",
    ];
    for (i, day) in days.iter().enumerate() {
        let category = ["Thời sự", "Kinh tế", "Chuyển đổi số"][i % 3];
        site.write(
            &format!("content/{}/tin-{i}.vi.md", &day[..4]),
            &article(
                &format!("Tin số {i}"),
                &format!("{day}T08:30:00+07:00"),
                &format!(
                    "category: {category}\ntags: [tag-{}, chung]\nauthor: Kim Cúc\n",
                    i % 2
                ),
                &format!("Đoạn đầu của tin {i}.\n\n## Phần hai\n\nNội dung {i}.\n"),
            ),
        );
    }
    for i in [1, 3, 6] {
        let day = days[i];
        site.write(
            &format!("content/{}/tin-{i}.en.md", &day[..4]),
            &article(
                &format!("News number {i}"),
                &format!("{day}T08:30:00+07:00"),
                "category: Current affairs\n",
                &format!("First paragraph of news {i}.\n"),
            ),
        );
    }
    // A link to another article's file, which build turns into its URL.
    site.write(
        "content/2024/tin-8.vi.md",
        &article(
            "Tin số 8",
            "2024-08-30T08:30:00+07:00",
            "category: Thời sự\n",
            "Xem thêm [tin 3](../2023/tin-3.vi.md) và `code`.\n\n```rust\nfn main() {}\n```\n",
        ),
    );
    site.write("data/views.yaml", "2023/tin-3.vi.md: 817\n");
    site
}

/// A one-off build reads articles for the search a batch at a time as it
/// renders them (256, oldest first, per language); serve indexes them all
/// at once. More than a batch in each language, with words first met in
/// later batches and blocks that straddle batches, must give the same files.
#[test]
fn a_site_of_several_search_batches_builds_as_serve_does() {
    let site = Fixture::new();
    for i in 0..300 {
        let day = format!(
            "20{:02}-{:02}-{:02}",
            14 + i / 60,
            1 + i / 5 % 12,
            1 + i % 28
        );
        for (lang, word) in [("vi", "tin"), ("en", "news")] {
            site.write(
                &format!("content/{}/bai-{i}.{lang}.md", &day[..4]),
                &article(
                    &format!("{word} {i} số{}", i % 7),
                    &format!("{day}T08:{:02}:00+07:00", i % 60),
                    &format!("tags: [t{}]\n", i % 11),
                    &format!("Đoạn {i}: từ{} và chữ{}.\n", i * 7 % 301, i / 3),
                ),
            );
        }
    }
    Editor::start(site);
}

#[test]
fn incremental_rebuilds_equal_full_builds_through_an_edit_series() {
    let mut editor = Editor::start(news_site());

    let p = editor.write(
        "content/2023/tin-3.vi.md",
        &article(
            "Tin số 3",
            "2023-06-05T08:30:00+07:00",
            "category: Kinh tế\ntags: [tag-1, chung]\nauthor: Kim Cúc\n",
            "Đoạn đầu đã sửa.\n\n## Phần hai\n\nNội dung mới.\n",
        ),
    );
    let written = editor.rebuild("edit a body", &[p]);
    assert!(written > 0, "an edited body rewrites its page");

    let p = editor.write(
        "content/2023/tin-3.vi.md",
        &article(
            "Tiêu đề mới của tin ba",
            "2023-06-05T08:30:00+07:00",
            "category: Kinh tế\ntags: [tag-1, chung]\nauthor: Kim Cúc\n",
            "Đoạn đầu đã sửa.\n",
        ),
    );
    // The URL changes: the old page goes, neighbours, listings and the
    // article linking to it by file name follow.
    editor.rebuild("change a title", &[p]);

    // Text only, front matter as it was: serve's quick path. The newest
    // article (in every feed), its first paragraph (its cards' summary), an
    // article with a translation, and a draft-free link to a missing file.
    for (rel, front, body) in [
        (
            "content/2024/tin-8.vi.md",
            "category: Thời sự\n",
            "Đoạn đầu mới, có [liên kết hỏng](../2023/khong-co.vi.md).\n",
        ),
        (
            "content/2024/tin-6.vi.md",
            "category: Thời sự\ntags: [tag-0, chung]\nauthor: Kim Cúc\n",
            "Tóm tắt khác hẳn.\n\n```python\nprint(1)\n```\n",
        ),
        (
            "content/2024/tin-6.vi.md",
            "category: Thời sự\ntags: [tag-0, chung]\nauthor: Kim Cúc\n",
            "",
        ),
    ] {
        let date = if rel.contains("tin-8") {
            "2024-08-30T08:30:00+07:00"
        } else {
            "2024-02-14T08:30:00+07:00"
        };
        let title = if rel.contains("tin-8") {
            "Tin số 8"
        } else {
            "Tin số 6"
        };
        let p = editor.write(rel, &article(title, date, front, body));
        editor.rebuild("edit only the text", &[p]);
    }

    let p = editor.write(
        "content/2024/moi.vi.md",
        &article(
            "Tin mới nhất",
            "2024-09-01T07:00:00+07:00",
            "category: Thời sự\n",
            "Mới.\n",
        ),
    );
    editor.rebuild("add an article", &[p]);

    let p = editor.remove("content/2022/tin-0.vi.md");
    editor.rebuild("delete an article", &[p]);

    let p = editor.rename("content/2023/tin-3.vi.md", "content/2023/ba.vi.md");
    editor.rebuild("rename a file", &p);

    let p = editor.write(
        "content/2023/tin-5.vi.md",
        &article(
            "Tin số 5",
            "2021-12-31T23:00:00+07:00",
            "category: Thời sự\n",
            "Cũ hơn.\n",
        ),
    );
    editor.rebuild("change a date", &[p]);

    let p = editor.write(
        "content/2024/tin-7.vi.md",
        &article(
            "Tin số 7",
            "2024-02-15T08:30:00+07:00",
            "category: Văn hoá\n",
            "Nay là văn hoá.\n",
        ),
    );
    editor.rebuild("change a category", &[p]);

    let p = editor.write(
        "content/2024/tin-7.en.md",
        &article(
            "News number 7",
            "2024-02-15T08:30:00+07:00",
            "category: Culture\n",
            "Now culture.\n",
        ),
    );
    editor.rebuild("add a translation", &[p]);

    let p = editor.rename("content/2024", "content/2025");
    editor.rebuild("rename a folder", &p);

    let p = editor.write(
        "data/views.yaml",
        "2023/tin-3.vi.md: 900\n2025/moi.vi.md: 12\n",
    );
    editor.rebuild("change the view counts", &[p]);

    let p = editor.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Không thấy</h1>{% endblock %}",
    );
    editor.rebuild("override a template", &[p]);

    let untouched = editor.rebuild("nothing changed", &[]);
    assert_eq!(untouched, 0, "a rebuild with no change writes nothing");
}

#[test]
fn drafts_in_serves_preview_equal_full_builds_through_an_edit_series() {
    let mut editor = Editor::start_as(news_site(), true);
    let draft = "content/2024/nhap.vi.md";
    let p = editor.write(
        draft,
        &article(
            "Bản nháp",
            "2024-01-20",
            "draft: true\ntags: [chung]\n",
            "Đoạn một.\n",
        ),
    );
    editor.rebuild("add a draft", &[p]);
    let page = "2024/01/ban-nhap/index.html";
    let banner = |editor: &Editor| {
        let html = fs::read_to_string(editor.session.out_dir().join(page)).unwrap();
        html.contains("preview-banner")
    };
    assert!(banner(&editor));
    let p = editor.write(
        draft,
        &article(
            "Bản nháp",
            "2024-01-20",
            "draft: true\ntags: [chung]\n",
            "Đoạn hai.\n",
        ),
    );
    editor.rebuild("edit the draft's text", &[p]);
    let p = editor.write(
        draft,
        &article("Bản nháp", "2024-01-20", "tags: [chung]\n", "Đoạn hai.\n"),
    );
    editor.rebuild("publish it", &[p]);
    assert!(!banner(&editor));
    let p = editor.write(
        "content/2099/sau.vi.md",
        &article(
            "Tin hẹn giờ",
            "2099-01-02 08:00",
            "category: Thời sự\n",
            "Sau này.\n",
        ),
    );
    editor.rebuild("schedule one", &[p]);
    let p = editor.remove(draft);
    editor.rebuild("remove the published draft", &[p]);
}

#[test]
fn a_broken_file_keeps_the_last_build_and_fixing_it_recovers() {
    let mut editor = Editor::start(news_site());
    let before = Fixture::snapshot(editor.session.out_dir());
    let p = editor.write(
        "content/2023/tin-3.vi.md",
        "---\ntitle: [unclosed\n---\nx\n",
    );
    let report = editor.session.rebuild(&[p]);
    assert!(!report.ok);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("tin-3.vi.md:")),
        "{:?}",
        report.diagnostics
    );
    assert_same(
        "broken file",
        &before,
        &Fixture::snapshot(editor.session.out_dir()),
    );

    let p = editor.write(
        "content/2023/tin-3.vi.md",
        &article(
            "Tin số 3 đã sửa",
            "2023-06-05T08:30:00+07:00",
            "",
            "Đã sửa.\n",
        ),
    );
    editor.rebuild("fixed file", &[p]);
}

#[test]
fn a_first_build_that_fails_serves_nothing_until_fixed() {
    let site = news_site();
    let rel = "content/2023/tin-3.vi.md";
    let good = fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, "---\ntitle: [unclosed\n---\nx\n");
    let full = tempfile::tempdir().unwrap();
    let (session, report) = Session::start(settings(site.root(), full.path(), false));
    assert!(!report.ok);
    assert!(
        Fixture::snapshot(session.out_dir()).is_empty(),
        "nothing of a failed first build is served"
    );
    let mut editor = Editor {
        site,
        session,
        full,
        steps: 0,
        preview: false,
    };
    let p = editor.write(rel, &good);
    let written = editor.rebuild("fixed before anything was served", &[p]);
    assert!(written > 0);
    let p = editor.write(rel, &good.replace("---\n", "---\nviews: 7\n"));
    editor.rebuild("then edited", &[p]);
}

#[test]
fn an_output_folder_that_becomes_a_file_is_served() {
    let mut editor = Editor::start(news_site());
    let p = editor.write("static/files/report.txt", "a report\n");
    editor.rebuild("a static file in a folder", &[p]);
    let gone = editor.remove("static/files/report.txt");
    fs::remove_dir(editor.site.root().join("static/files")).unwrap();
    let p = editor.write("static/files", "now a file\n");
    editor.rebuild("the folder is now a file", &[gone, p]);
}

#[test]
fn an_edited_body_rewrites_only_the_pages_that_show_it() {
    let mut editor = Editor::start(news_site());
    // The oldest article's body: its page, and the search index and
    // snippet of its language; its summary did not change, so no listing.
    let p = editor.write(
        "content/2022/tin-0.vi.md",
        &article(
            "Tin số 0",
            "2022-03-01T08:30:00+07:00",
            "category: Thời sự\ntags: [tag-0, chung]\nauthor: Kim Cúc\n",
            "Đoạn đầu của tin 0.\n\n## Phần hai\n\nMột câu khác hẳn.\n",
        ),
    );
    let written = editor.rebuild("edit the end of a body", &[p]);
    assert!(
        (2..=5).contains(&written),
        "expected the page and its search files, wrote {written}"
    );
}
