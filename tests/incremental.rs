//! `serve`'s incremental rebuilds: after every edit of a series, the folder
//! serve keeps up to date is byte for byte what a fresh full build makes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use bantin::cache::Use;
use bantin::config::Overrides;
use bantin::pipeline::{self, Settings};
use bantin::render::Stage;
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
        strict: false,
    }
}

/// A session over a site, checked against full builds as it is edited.
struct Editor {
    site: Fixture,
    session: Session,
    full: tempfile::TempDir,
    steps: usize,
    /// Whether the last rebuild made the model again (else it rendered the
    /// edited texts into the last one: `Scope::Texts`).
    modelled: bool,
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
            modelled: true,
            preview,
        };
        editor.assert_same_as_full_build("first build");
        editor
    }

    fn write(&mut self, rel: &str, text: &str) -> PathBuf {
        self.site.write(rel, text);
        self.site.root().join(rel)
    }

    fn write_bytes(&mut self, rel: &str, bytes: &[u8]) -> PathBuf {
        self.site.write_bytes(rel, bytes);
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
        self.modelled = report
            .timings
            .iter()
            .any(|(stage, _)| *stage == Stage::Model);
        self.assert_same_as_full_build(what);
        report.written
    }

    /// Whether any served file names `needle`.
    fn served_mentions(&self, needle: &str) -> bool {
        Fixture::snapshot(self.session.out_dir())
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains(needle))
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

/// Feeds carrying whole articles and lead images, the news sitemap (an
/// article within its two days), JSON-LD and the data API follow every
/// kind of edit in serve as a full build makes them.
#[test]
fn news_outputs_follow_edits_as_full_builds_make_them() {
    let site = news_site();
    site.write(
        "config.yaml",
        &format!(
            "{}feeds: {{ full_content: true, limit: 3 }}\nnews: {{ publication_name: Tin }}\nmetadata: {{ dublin_core: true }}\npublisher: {{ name: UBND, logo: /logo.png }}\n",
            common::CONFIG
        ),
    );
    site.write_bytes("static/images/a.png", &common::photos::png(16, 9));
    let recent = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(3))
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let fresh = |title: &str, body: &str| {
        article(
            title,
            &recent,
            "category: Thời sự\nimage: /images/a.png\n",
            body,
        )
    };
    site.write("content/2024/nong.vi.md", &fresh("Tin nóng", "Đầu.\n"));
    let mut editor = Editor::start(site);

    let p = editor.write(
        "content/2024/nong.vi.md",
        &fresh("Tin nóng", "Đầu đã sửa.\n"),
    );
    editor.rebuild("edit the text of a recent article", &[p]);
    let p = editor.write(
        "content/2024/nong.vi.md",
        &fresh("Tin nóng hơn", "Đầu đã sửa.\n"),
    );
    editor.rebuild("retitle a recent article", &[p]);
    let p = editor.write_bytes("static/images/a.png", &common::photos::png(32, 18));
    editor.rebuild("change a lead image's file", &[p]);
    let p = editor.write(
        "content/2024/tin-8.vi.md",
        &article(
            "Tin số 8",
            "2024-08-30T08:30:00+07:00",
            "category: Thời sự\n",
            "Xem [tin 3](../2023/tin-3.vi.md), mới.\n",
        ),
    );
    editor.rebuild("edit an article in every feed", &[p]);
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
    edit_series(&mut Editor::start(news_site()));
}

#[test]
fn cached_builds_equal_clean_builds_through_the_edit_series() {
    let mut builds = CachedBuilds {
        site: news_site(),
        out: tempfile::tempdir().unwrap(),
        clean: tempfile::tempdir().unwrap(),
        steps: 0,
        quiet: false,
    };
    builds.step("first build", &[], Expect::Writes);
    builds.step("built again", &[], Expect::Nothing);
    edit_series(&mut builds);
}

/// `build` through its cache, again and again into one output folder,
/// each time compared with a clean build (`--no-cache`, a fresh folder).
struct CachedBuilds {
    site: Fixture,
    out: tempfile::TempDir,
    clean: tempfile::TempDir,
    steps: usize,
    /// The last build had nothing to say: only such a build is skipped
    /// next time (warnings show again on every build).
    quiet: bool,
}

impl Rebuilds for CachedBuilds {
    fn fixture(&mut self) -> &mut Fixture {
        &mut self.site
    }

    fn step(&mut self, what: &str, _changed: &[PathBuf], expect: Expect) {
        let root = self.site.root();
        let out = self.out.path().join("public");
        let outcome = pipeline::build(&settings(root, &out, false));
        assert!(!outcome.failed(), "{what}: {:?}", outcome.diagnostics);
        let unchanged = outcome.report.expect("a report").unchanged;
        let quiet = std::mem::replace(&mut self.quiet, outcome.diagnostics.is_empty());
        match expect {
            Expect::Nothing if quiet => {
                assert!(unchanged, "{what}: nothing changed, nothing built")
            }
            Expect::Writes => assert!(!unchanged, "{what}: built again"),
            _ => {}
        }
        self.steps += 1;
        let clean = self.clean.path().join(format!("step-{}", self.steps));
        let none = std::sync::atomic::AtomicUsize::new(0);
        let outcome = pipeline::build_counting(&settings(root, &clean, false), Use::Bypass, &none);
        assert!(!outcome.failed(), "{what}: {:?}", outcome.diagnostics);
        let (mut cached, mut clean) = (Fixture::snapshot(&out), Fixture::snapshot(&clean));
        cached.remove(Path::new(".bantin"));
        clean.remove(Path::new(".bantin"));
        assert_same(what, &clean, &cached);
    }
}

/// What a step of the edit series expects of the rebuild beyond its
/// output equalling a clean build's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Exact,
    /// Something is written.
    Writes,
    /// serve keeps the model (`Scope::Texts`).
    KeepsModel,
    /// serve keeps the model and writes nothing.
    ShowsNowhere,
    /// Nothing at all changed.
    Nothing,
}

/// A way to rebuild a site after edits (serve's session, or `build`
/// through its cache), checked against a clean build after each.
trait Rebuilds {
    fn fixture(&mut self) -> &mut Fixture;
    fn step(&mut self, what: &str, changed: &[PathBuf], expect: Expect);

    fn write(&mut self, rel: &str, text: &str) -> PathBuf {
        self.fixture().write(rel, text);
        self.fixture().root().join(rel)
    }

    fn remove(&mut self, rel: &str) -> PathBuf {
        let path = self.fixture().root().join(rel);
        fs::remove_file(&path).unwrap();
        path
    }

    fn rename(&mut self, from: &str, to: &str) -> [PathBuf; 2] {
        let root = self.fixture().root();
        let (from, to) = (root.join(from), root.join(to));
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::rename(&from, &to).unwrap();
        [from, to]
    }
}

impl Rebuilds for Editor {
    fn fixture(&mut self) -> &mut Fixture {
        &mut self.site
    }

    fn step(&mut self, what: &str, changed: &[PathBuf], expect: Expect) {
        let written = self.rebuild(what, changed);
        match expect {
            Expect::Exact => {}
            Expect::Writes => assert!(written > 0, "{what}: writes its pages"),
            Expect::KeepsModel => assert!(!self.modelled, "{what}: a text edit keeps the model"),
            Expect::ShowsNowhere => assert!(
                !self.modelled && written == 0,
                "{what}: a draft's text shows nowhere"
            ),
            Expect::Nothing => assert_eq!(written, 0, "a rebuild with no change writes nothing"),
        }
    }
}

/// The edit series, for serve and for `build` alike.
fn edit_series(editor: &mut impl Rebuilds) {
    let p = editor.write(
        "content/2023/tin-3.vi.md",
        &article(
            "Tin số 3",
            "2023-06-05T08:30:00+07:00",
            "category: Kinh tế\ntags: [tag-1, chung]\nauthor: Kim Cúc\n",
            "Đoạn đầu đã sửa.\n\n## Phần hai\n\nNội dung mới.\n",
        ),
    );
    editor.step("edit a body", &[p], Expect::Writes);

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
    editor.step("change a title", &[p], Expect::Exact);

    // Text only, front matter as it was: serve's narrow scope (Scope::Texts). The newest
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
        // Only an image's caption and alt text, which the search indexes
        // apart from the body.
        (
            "content/2024/tin-6.vi.md",
            "category: Thời sự\ntags: [tag-0, chung]\nauthor: Kim Cúc\n",
            "Tóm tắt khác hẳn.\n\n![Thác Bản Giốc](/anh.png \"Mùa nước lớn\")\n",
        ),
        (
            "content/2024/tin-6.vi.md",
            "category: Thời sự\ntags: [tag-0, chung]\nauthor: Kim Cúc\n",
            "Tóm tắt khác hẳn.\n\n![Pác Bó](/anh.png \"Mùa hoa sở\")\n",
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
        editor.step("edit only the text", &[p], Expect::KeepsModel);
    }

    // A draft is outside the model: its text shows nowhere.
    let draft = article(
        "Bản nháp",
        "2024-03-01T08:30:00+07:00",
        "draft: true\n",
        "Chưa xong.\n",
    );
    let p = editor.write("content/2024/nhap.vi.md", &draft);
    editor.step("add a draft", &[p], Expect::Exact);
    let p = editor.write(
        "content/2024/nhap.vi.md",
        &draft.replace("Chưa xong", "Vẫn chưa xong"),
    );
    editor.step("edit a draft's text", &[p], Expect::ShowsNowhere);

    let p = editor.write(
        "content/2024/moi.vi.md",
        &article(
            "Tin mới nhất",
            "2024-09-01T07:00:00+07:00",
            "category: Thời sự\n",
            "Mới.\n",
        ),
    );
    editor.step("add an article", &[p], Expect::Exact);

    let p = editor.remove("content/2022/tin-0.vi.md");
    editor.step("delete an article", &[p], Expect::Exact);

    let p = editor.rename("content/2023/tin-3.vi.md", "content/2023/ba.vi.md");
    editor.step("rename a file", &p, Expect::Exact);

    let p = editor.write(
        "content/2023/tin-5.vi.md",
        &article(
            "Tin số 5",
            "2021-12-31T23:00:00+07:00",
            "category: Thời sự\n",
            "Cũ hơn.\n",
        ),
    );
    editor.step("change a date", &[p], Expect::Exact);

    let p = editor.write(
        "content/2024/tin-7.vi.md",
        &article(
            "Tin số 7",
            "2024-02-15T08:30:00+07:00",
            "category: Văn hoá\n",
            "Nay là văn hoá.\n",
        ),
    );
    editor.step("change a category", &[p], Expect::Exact);

    let p = editor.write(
        "content/2024/tin-7.en.md",
        &article(
            "News number 7",
            "2024-02-15T08:30:00+07:00",
            "category: Culture\n",
            "Now culture.\n",
        ),
    );
    editor.step("add a translation", &[p], Expect::Exact);

    let p = editor.rename("content/2024", "content/2025");
    editor.step("rename a folder", &p, Expect::Exact);

    let p = editor.write(
        "data/views.yaml",
        "2023/tin-3.vi.md: 900\n2025/moi.vi.md: 12\n",
    );
    editor.step("change the view counts", &[p], Expect::Exact);

    let p = editor.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Không thấy</h1>{% endblock %}",
    );
    editor.step("override a template", &[p], Expect::Exact);

    editor.step("nothing changed", &[], Expect::Nothing);
}

#[test]
fn bylines_corrections_and_expiry_stay_exact_in_serve() {
    let mut editor = Editor::start(news_site());
    let tin_3 = |extra: &str| {
        article(
            "Tin số 3",
            "2023-06-05T08:30:00+07:00",
            &format!("category: Kinh tế\ntags: [tag-1, chung]\n{extra}"),
            "Đoạn đầu của tin 3.\n\n## Phần hai\n\nNội dung 3.\n",
        )
    };
    let rel = "content/2023/tin-3.vi.md";
    // A second author: a new author page and feed, the first's lists keep it.
    let p = editor.write(rel, &tin_3("author: [Kim Cúc, Hoàng Anh]\n"));
    editor.rebuild("add an author", &[p]);
    // The first author leaves the byline: their page and feed lose it.
    let p = editor.write(rel, &tin_3("author: [Hoàng Anh]\nsource: Báo Cao Bằng\n"));
    editor.rebuild("replace the author list", &[p]);
    let p = editor.write(
        rel,
        &tin_3("author: Hoàng Anh\ncorrections:\n  - { date: 2024-09-01, note: Sửa số liệu. }\n"),
    );
    editor.rebuild("a correction moves lastmod and Atom's updated", &[p]);
    // Expired: gone from every page, listing, feed, sitemap and search.
    let p = editor.write(rel, &tin_3("author: Hoàng Anh\nexpires: 2024-01-01\n"));
    editor.rebuild("an expiry in the past", &[p]);
    let p = editor.write(rel, &tin_3("author: Hoàng Anh\nexpires: \"\"\n"));
    editor.rebuild("the expiry emptied", &[p]);

    // The clock passes an expiry with no file changed: serve notices.
    let soon = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    let soon = soon.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let p = editor.write(
        rel,
        &tin_3(&format!("author: Hoàng Anh\nexpires: {soon}\n")),
    );
    editor.rebuild("an expiry to come", &[p]);
    assert!(editor.served_mentions("tin-so-3"));
    std::thread::sleep(std::time::Duration::from_millis(3100));
    editor.rebuild("the clock passed the expiry", &[]);
    assert!(!editor.served_mentions("tin-so-3"));
}

#[test]
fn serve_with_a_fixed_clock_serves_what_a_build_at_that_time_makes() {
    let site = news_site();
    site.write(
        "content/2030/sap-dang.vi.md",
        &article(
            "Tin sắp đăng",
            "2030-01-01T08:00:00+07:00",
            "",
            "Sắp tới.\n",
        ),
    );
    site.write(
        "content/2030/het-han.vi.md",
        &article(
            "Tin hết hạn",
            "2029-01-01T08:00:00+07:00",
            "expires: 2030-06-01T00:00:00+07:00\n",
            "Thông báo.\n",
        ),
    );
    let full = tempfile::tempdir().unwrap();
    let at = |time: &str| -> jiff::Timestamp { time.parse().unwrap() };
    let full_build = |now: jiff::Timestamp, step: &str| {
        let out = full.path().join(step);
        let outcome = pipeline::build(&Settings {
            now,
            ..settings(site.root(), &out, false)
        });
        assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
        let mut files = Fixture::snapshot(&out);
        files.remove(Path::new(".bantin"));
        files
    };
    let first = at("2029-12-31T00:00:00Z");
    let (mut session, report) =
        Session::start_with_clock(settings(site.root(), full.path(), false), Some(first));
    assert!(report.ok, "{:?}", report.diagnostics);
    let out_dir = session.out_dir().to_path_buf();
    let served = || Fixture::snapshot(&out_dir);
    assert_same("a fixed clock", &full_build(first, "1"), &served());
    assert!(!served().keys().any(|p| p.starts_with("2030")));
    // A rebuild keeps the fixed clock rather than the time of day.
    assert!(session.rebuild(&[]).ok);
    assert_same("the clock stays", &full_build(first, "2"), &served());
    for (step, time) in [("3", "2030-02-01T00:00:00Z"), ("4", "2030-07-01T00:00:00Z")] {
        session.set_clock(at(time));
        assert!(session.rebuild(&[]).ok);
        assert_same(time, &full_build(at(time), step), &served());
    }
    let served = served();
    let names = |needle: &str| {
        (served.values()).any(|bytes| String::from_utf8_lossy(bytes).contains(needle))
    };
    assert!(names("tin-sap-dang") && !names("tin-het-han"));
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
    // A standalone page's banner (page.html) follows the same edits.
    let draft_page = "content/pages/trang-nhap.vi.md";
    let page_banner = |editor: &Editor| {
        let page = editor.session.out_dir().join("trang-nhap/index.html");
        fs::read_to_string(page)
            .unwrap()
            .contains("preview-banner draft")
    };
    let p = editor.write(
        draft_page,
        "---\ntitle: Trang nháp\ndraft: true\n---\nNội dung.\n",
    );
    editor.rebuild("add a draft page", &[p]);
    assert!(page_banner(&editor));
    let p = editor.write(draft_page, "---\ntitle: Trang nháp\n---\nNội dung.\n");
    editor.rebuild("publish the page", &[p]);
    assert!(!page_banner(&editor));
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
        modelled: true,
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

fn standalone(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\n{extra}---\n{body}")
}

/// Pages are shown in every page's menu, in the sitemap, the site map
/// page and search: each edit of one is followed exactly.
#[test]
fn page_edits_are_followed_exactly_by_menus_and_every_page() {
    let site = news_site();
    site.write(
        "config.yaml",
        &format!(
            "{}menus:\n  main:\n    - label: {{ vi: Giới thiệu, en: About }}\n      page: pages/gioi-thieu\n      children:\n        - label: {{ vi: Liên hệ, en: Contact }}\n          page: pages/gioi-thieu/lien-he\n",
            common::CONFIG
        ),
    );
    site.write(
        "content/pages/gioi-thieu.vi.md",
        &standalone("Giới thiệu", "", "Về cổng.\n"),
    );
    site.write(
        "content/pages/gioi-thieu.en.md",
        &standalone("About", "slug: about\n", "About the portal.\n"),
    );
    site.write(
        "content/pages/gioi-thieu/lien-he.vi.md",
        &standalone("Liên hệ", "", "Điện thoại.\n"),
    );
    site.write(
        "content/pages/gioi-thieu/lien-he.en.md",
        &standalone("Contact", "slug: contact\n", "Phone.\n"),
    );
    let mut editor = Editor::start(site);

    let p = editor.write(
        "content/pages/gioi-thieu/lien-he.vi.md",
        &standalone("Liên hệ", "", "Điện thoại mới: 0206 3 000 000.\n"),
    );
    let written = editor.rebuild("edit a page's text", &[p]);
    assert!(written > 0);

    // The English About page moves, and its child with it, in every menu.
    let p = editor.write(
        "content/pages/gioi-thieu.en.md",
        &standalone("About us", "slug: about-us\n", "About the portal.\n"),
    );
    editor.rebuild("change a parent page's slug", &[p]);

    let p = editor.write(
        "content/pages/gioi-thieu/co-cau.vi.md",
        &standalone("Cơ cấu tổ chức", "updated: 2026-11-20\n", "Ban biên tập.\n"),
    );
    editor.rebuild("add a page", &[p]);

    let p = editor.remove("content/pages/gioi-thieu/lien-he.en.md");
    editor.rebuild("remove a page's translation (its menu item goes)", &[p]);

    let p = editor.rename(
        "content/pages/gioi-thieu/co-cau.vi.md",
        "content/pages/co-cau.vi.md",
    );
    editor.rebuild("move a page to another folder", &p);

    let p = editor.write(
        "config.yaml",
        &format!(
            "{}menus:\n  footer:\n    - label: Liên hệ\n      page: pages/gioi-thieu/lien-he\n",
            common::CONFIG
        ),
    );
    editor.rebuild("change the menus", &[p]);
}

/// The front page's blocks, the most-read page and the related lists stay
/// exact: views reorder "most read", tags change related lists, a category
/// change moves an article out of one block into another, and a featured
/// story's new first paragraph (its card on the front only) is shown.
#[test]
fn front_page_blocks_most_read_and_related_stay_exact() {
    let site = news_site();
    let config = format!(
        "{}home:\n  featured: 2\n  blocks:\n    - {{ category: Kinh tế, count: 2 }}\n    - {{ category: Thời sự, count: 2 }}\n    - {{ latest: 2 }}\n    - {{ most_read: 3 }}\nrelated: {{ count: 2 }}\n",
        common::CONFIG
    );
    site.write("config.yaml", &config);
    let tin = |i: usize, extra: &str, body: &str| {
        let day = [
            "2022-03-01",
            "2022-11-20",
            "2023-01-05",
            "2023-06-05",
            "2023-06-05",
        ][i];
        let category = ["Thời sự", "Kinh tế", "Chuyển đổi số"][i % 3];
        (
            format!("content/{}/tin-{i}.vi.md", &day[..4]),
            article(
                &format!("Tin số {i}"),
                &format!("{day}T08:30:00+07:00"),
                &format!("category: {category}\n{extra}"),
                body,
            ),
        )
    };
    // An old featured story: on the front, on no first listing page.
    let (rel, text) = tin(
        1,
        "tags: [tag-1, chung]\nfeatured: true\n",
        "Đoạn đầu của tin 1.\n",
    );
    site.write(&rel, &text);
    let mut editor = Editor::start(site);
    let home =
        |editor: &Editor| fs::read_to_string(editor.session.out_dir().join("index.html")).unwrap();
    assert!(home(&editor).contains("Đoạn đầu của tin 1."));

    let p = editor.write(
        "data/views.yaml",
        "2023/tin-3.vi.md: 817\n2022/tin-0.vi.md: 5000\n",
    );
    editor.rebuild("views reorder most read", &[p]);
    let most_read = common::between(&home(&editor), "block-most_read", "</section>").to_string();
    assert!(
        most_read.find("tin-so-0").unwrap() < most_read.find("tin-so-3").unwrap(),
        "{most_read}"
    );

    let (rel, text) = tin(2, "tags: [tag-9]\n", "Đoạn đầu của tin 2.\n");
    let p = editor.write(&rel, &text);
    editor.rebuild("tags change related lists", &[p]);

    let (rel, text) = tin(4, "tags: [tag-0]\n", "Đoạn đầu của tin 4.\n");
    let p = editor.write(&rel, &text.replace("Kinh tế", "Thời sự"));
    editor.rebuild("an article moves from one category block to another", &[p]);

    let (rel, text) = tin(
        1,
        "tags: [tag-1, chung]\nfeatured: true\n",
        "Một đoạn đầu khác hẳn.\n",
    );
    let p = editor.write(&rel, &text);
    editor.rebuild("a featured story's text (the quick path)", &[p]);
    assert!(home(&editor).contains("Một đoạn đầu khác hẳn."));

    let (rel, text) = tin(1, "tags: [tag-1, chung]\n", "Một đoạn đầu khác hẳn.\n");
    let p = editor.write(&rel, &text);
    editor.rebuild("a story no longer featured", &[p]);
}

#[test]
fn photos_replaced_added_and_removed_serve_as_a_full_build() {
    let site = news_site();
    site.write_bytes(
        "static/images/lead.jpg",
        &common::photos::jpeg(1300, 800, 1, 0),
    );
    site.write_bytes(
        "content/2024/anh-1.jpg",
        &common::photos::jpeg(900, 600, 6, 0),
    );
    let mut editor = Editor::start(site);
    let lead = "image: /images/lead.jpg\nimage_focus: 0.3,0.7\ncategory: Thời sự\n";
    let p = editor.write(
        "content/2024/tin-8.vi.md",
        &article(
            "Tin số 8",
            "2024-08-30T08:30:00+07:00",
            lead,
            "Đầu.\n\n![Ảnh](anh-1.jpg \"Chú thích\")\n",
        ),
    );
    editor.rebuild("an article shows two photos", &[p]);

    // The same paths, new photos: the pages show the new files.
    let p = editor.write_bytes(
        "static/images/lead.jpg",
        &common::photos::jpeg(1300, 800, 1, 120),
    );
    editor.rebuild("the lead photo replaced", &[p]);
    let p = editor.write_bytes(
        "content/2024/anh-1.jpg",
        &common::photos::jpeg(500, 700, 1, 60),
    );
    editor.rebuild("the photo beside the article replaced", &[p]);

    // A body edit that adds a photo, then one that takes it away.
    let body = "Đầu.\n\n![Ảnh](anh-1.jpg \"Chú thích\")\n\n![Lại](/images/lead.jpg)\n";
    let p = editor.write(
        "content/2024/tin-8.vi.md",
        &article("Tin số 8", "2024-08-30T08:30:00+07:00", lead, body),
    );
    editor.rebuild("a body edit adds a photo", &[p]);
    let p = editor.write(
        "content/2024/tin-8.vi.md",
        &article("Tin số 8", "2024-08-30T08:30:00+07:00", lead, "Đầu.\n"),
    );
    editor.rebuild("a body edit removes a photo", &[p]);

    // The focus moves the link preview and the structured-data crops; a
    // photo too small for any crop falls back to its widest variant, in
    // JSON-LD, feeds and the data API alike.
    let moved = "image: /images/lead.jpg\nimage_focus: 0.9,0.1\ncategory: Thời sự\n";
    let p = editor.write(
        "content/2024/tin-8.vi.md",
        &article("Tin số 8", "2024-08-30T08:30:00+07:00", moved, "Đầu.\n"),
    );
    editor.rebuild("the lead photo's focus moved", &[p]);
    let p = editor.write_bytes(
        "static/images/lead.jpg",
        &common::photos::jpeg(300, 150, 1, 30),
    );
    editor.rebuild("the lead photo replaced by one too small to crop", &[p]);
    let gone = editor.remove("content/2024/anh-1.jpg");
    editor.rebuild("the unused photo deleted", &[gone]);
}
