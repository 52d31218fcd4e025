//! What bantin reads (issue 22): files only inside the site, symbolic links
//! included; hidden files in `static/` left out; file names compared in NFC;
//! output paths differing only in letter case refused; static files
//! streamed, and their changes always seen.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use bantin::config::Overrides;
use bantin::pipeline::Settings;
use bantin::serve::Session;
use common::{Fixture, Run, Snapshot};

const SECRET: &str = "TOPSECRET-7f3a";

/// A site built once, and a folder beside it holding secrets.
fn built_site() -> (Fixture, Snapshot, tempfile::TempDir) {
    let (f, before) = Fixture::built_one();
    let outside = tempfile::tempdir().unwrap();
    let secret = |rel: &str, text: &str| {
        let path = outside.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    secret("secret.txt", SECRET);
    secret("ssh/id_rsa", SECRET);
    secret(
        "article.md",
        &format!("---\ntitle: Leak\ndate: 2023-01-01\n---\n{SECRET}\n"),
    );
    secret("template.html", SECRET);
    (f, before, outside)
}

fn link(f: &Fixture, target: impl AsRef<Path>, rel: &str) {
    let path = f.root().join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let _ = fs::remove_file(&path);
    symlink(target, path).unwrap();
}

/// Exit 1 with an error at each of `links`, the first output as it was,
/// and the secret nowhere in it.
#[track_caller]
fn assert_refused(f: &Fixture, before: &Snapshot, run: &Run, links: &[&str]) {
    for rel in links {
        run.assert_error(&format!("{rel}: symbolic link to "));
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let after = Fixture::snapshot(&f.public());
    assert!(after == *before, "previous output changed");
    for (path, bytes) in &after {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(SECRET), "secret in {}", path.display());
    }
}

#[test]
fn static_links_outside_the_site_are_refused() {
    let (f, before, outside) = built_site();
    link(&f, outside.path().join("secret.txt"), "static/passwd.txt");
    link(&f, outside.path().join("ssh"), "static/dirlink");
    // Relative with `..`, and a link to a link.
    let name = outside.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(outside.path().parent(), f.root().parent());
    link(
        &f,
        format!("../../{name}/secret.txt"),
        "static/relative.txt",
    );
    link(&f, "passwd.txt", "static/chain.txt");
    let run = f.build();
    assert_refused(
        &f,
        &before,
        &run,
        &[
            "static/passwd.txt",
            "static/dirlink",
            "static/relative.txt",
            "static/chain.txt",
        ],
    );
    // `check` reads the same files.
    f.run(&["check"])
        .assert_error("static/passwd.txt: symbolic link to /");
}

#[test]
fn the_static_folder_itself_linked_outside_is_refused() {
    let (f, before, outside) = built_site();
    link(&f, outside.path().join("ssh"), "static");
    let run = f.build();
    assert_refused(&f, &before, &run, &["static"]);
}

#[test]
fn an_article_linked_from_outside_is_refused() {
    let (f, before, outside) = built_site();
    link(
        &f,
        outside.path().join("article.md"),
        "content/2023/leak.vi.md",
    );
    let run = f.build();
    assert_refused(&f, &before, &run, &["content/2023/leak.vi.md"]);
}

#[test]
fn a_theme_template_linked_outside_is_refused() {
    let (f, before, outside) = built_site();
    link(
        &f,
        outside.path().join("template.html"),
        "themes/default/templates/secret.html",
    );
    f.write(
        "themes/default/templates/card.html",
        "{% include \"secret.html\" %}",
    );
    let run = f.build();
    assert_refused(&f, &before, &run, &["themes/default/templates/secret.html"]);
}

#[test]
fn views_and_config_linked_outside_are_refused_unread() {
    let (f, before, outside) = built_site();
    link(&f, outside.path().join("secret.txt"), "data/views.yaml");
    let run = f.build();
    assert_refused(&f, &before, &run, &["data/views.yaml"]);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);

    fs::remove_dir_all(f.root().join("data")).unwrap();
    fs::write(outside.path().join("views.yaml"), format!("{SECRET}: 1\n")).unwrap();
    link(&f, outside.path(), "data");
    let run = f.build();
    assert_refused(&f, &before, &run, &["data"]);

    fs::remove_file(f.root().join("data")).unwrap();
    link(&f, outside.path().join("secret.txt"), "config.yaml");
    let run = f.build();
    assert_refused(&f, &before, &run, &["config.yaml"]);
    assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
}

#[test]
fn links_into_hidden_parts_of_the_site_are_refused() {
    let (f, before, _outside) = built_site();
    f.write(".env", SECRET).write(".git/config", SECRET);
    link(&f, "../.env", "static/hidden-env.txt");
    link(&f, "../.git", "static/hidden-git");
    let run = f.build();
    assert_refused(
        &f,
        &before,
        &run,
        &["static/hidden-env.txt", "static/hidden-git"],
    );
}

#[test]
fn links_into_the_output_folder_are_refused() {
    // The output is inside the site, so the rule above lets the link be
    // followed; read as input, each build would copy the last into itself.
    let (f, before, _outside) = built_site();
    link(&f, "../public", "static/mirror");
    let run = f.build();
    run.assert_error("static/mirror: symbolic link into public, a folder bantin builds");
    assert!(
        Fixture::snapshot(&f.public()) == before,
        "previous output changed"
    );
    fs::remove_file(f.root().join("static/mirror")).unwrap();
    link(&f, "../../public/index.html", "content/2023/old.vi.md");
    f.build()
        .assert_error("content/2023/old.vi.md: symbolic link into public");
}

#[test]
fn links_inside_the_site_keep_working() {
    let f = Fixture::new();
    f.write("shared/images/logo.png", "png")
        .write(
            "shared/notes/a.vi.md",
            "---\ntitle: Chung\ndate: 2023-01-01\n---\nx\n",
        )
        .write("shared/card.html", "<p>{{ item.title }} shared card</p>");
    link(&f, "../shared/images", "static/img");
    link(&f, "img/logo.png", "static/logo.png");
    link(&f, "../shared/notes", "content/notes");
    link(
        &f,
        "../../../shared/card.html",
        "themes/default/templates/card.html",
    );
    f.build().assert_ok();
    assert_eq!(f.page("img/logo.png"), "png");
    assert_eq!(f.page("logo.png"), "png");
    assert!(f.page("2023/01/chung/index.html").contains("Chung"));
    assert!(f.page("index.html").contains("Chung shared card"));
}

#[test]
fn serve_refuses_links_outside_the_site_on_every_path() {
    let (f, _before, outside) = built_site();
    let out = tempfile::tempdir().unwrap();
    let (mut session, report) = Session::start(settings(f.root(), out.path()));
    assert!(report.ok, "{:?}", report.diagnostics);
    // An article replaced by a link: a text-only edit reads that one file.
    let article = f.root().join("content/2023/good.vi.md");
    fs::remove_file(&article).unwrap();
    symlink(outside.path().join("article.md"), &article).unwrap();
    let report = session.rebuild(std::slice::from_ref(&article));
    assert!(!report.ok);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|d| d.contains("good.vi.md: symbolic link to /")),
        "{shown:?}"
    );
    let served = Fixture::snapshot(session.out_dir());
    assert!(
        served
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains(SECRET))
    );
}

// Hidden files in static/ ----------------------------------------------------

#[test]
fn hidden_static_files_are_left_out_with_one_warning_but_well_known_is_published() {
    let f = Fixture::new();
    f.write("static/.env", SECRET)
        .write("static/.htpasswd", SECRET)
        .write("static/.git/config", SECRET)
        .write("static/docs/.secret", SECRET)
        .write("static/.DS_Store", "finder")
        .write("static/.well-known/security.txt", "Contact: x")
        .write("static/robots-extra.txt", "ok");
    let run = f.build();
    run.assert_ok();
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("hidden files are not published"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    for name in [".env", ".git/", ".htpasswd", "docs/.secret"] {
        assert!(
            warnings[0].contains(name),
            "{name} not named: {}",
            warnings[0]
        );
    }
    assert!(!warnings[0].contains(".DS_Store"));
    assert!(
        warnings[0].starts_with("static: warning:"),
        "{}",
        warnings[0]
    );
    assert_eq!(f.page(".well-known/security.txt"), "Contact: x");
    assert_eq!(f.page("robots-extra.txt"), "ok");
    for (path, bytes) in Fixture::snapshot(&f.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "{path:?}"
        );
    }
    for gone in [
        ".env",
        ".htpasswd",
        ".git/config",
        "docs/.secret",
        ".DS_Store",
    ] {
        assert!(!f.exists(gone), "{gone} published");
    }
}

// NFC and NFD file names ----------------------------------------------------

const NFC: &str = "Vi\u{1ec7}t";
const NFD: &str = "Vie\u{323}\u{302}t";

#[test]
fn a_decomposed_file_name_pairs_with_its_composed_translation() {
    let f = Fixture::new();
    f.article(&format!("{NFC}.md"), "Việt Nam", "2023-01-01", "", "x\n")
        .article(&format!("{NFD}.en.md"), "Vietnam", "2023-01-01", "", "x\n")
        .write("data/views.yaml", &format!("{NFC}.en.md: 4321\n"))
        .write(&format!("static/{NFD}.txt"), "decomposed");
    f.build().assert_ok();
    let vi = f.page("2023/01/viet-nam/index.html");
    assert!(
        vi.contains("hreflang=\"en\" href=\"https://example.org/en/2023/01/vietnam/\""),
        "not paired"
    );
    assert!(f.page("en/2023/01/vietnam/index.html").contains("4,321"));
    // Published under the NFC name an article's (NFC) text links to.
    assert_eq!(f.page(&format!("{NFC}.txt")), "decomposed");
}

#[test]
fn two_files_whose_names_differ_only_in_normalisation_clash() {
    let (f, before, _outside) = built_site();
    f.article(&format!("{NFC}.md"), "A", "2023-01-01", "", "x\n")
        .article(&format!("{NFD}.md"), "B", "2023-01-02", "", "x\n")
        .write(&format!("static/{NFC}.png"), "a")
        .write(&format!("static/{NFD}.png"), "b");
    let run = f.build();
    run.assert_error(&format!(
        "content/{NFD}.md: this name spells its accented letters decomposed"
    ))
    .assert_error(&format!("same name as content/{NFC}.md"))
    .assert_error(&format!("static/{NFD}.png: this name spells"))
    .assert_error(&format!("same name as static/{NFC}.png"));
    assert!(Fixture::snapshot(&f.public()) == before);
}

// Letter case -----------------------------------------------------------------

#[test]
fn static_files_differing_only_in_case_clash() {
    let (f, before, _outside) = built_site();
    f.write("static/Logo.png", "a")
        .write("static/logo.png", "b");
    // Against a file of the built-in theme too.
    f.write("static/CSS/Style.css", "c");
    f.build()
        .assert_error("static/logo.png: differs only in letter case from static/Logo.png")
        .assert_error("static/CSS/Style.css: differs only in letter case from (built-in theme)/static/css/style.css");
    assert!(Fixture::snapshot(&f.public()) == before);
}

#[test]
fn slugs_and_aliases_differing_only_in_case_clash() {
    let (f, before, _outside) = built_site();
    f.article(
        "x.md",
        "X",
        "2023-01-01",
        "slug: ABC\naliases: [/Old/]\n",
        "x\n",
    )
    .article(
        "y.md",
        "Y",
        "2023-01-01",
        "slug: abc\naliases: [/old/]\n",
        "x\n",
    )
    .article("w.md", "W", "2023-02-01", "slug: Mixed\n", "x\n")
    .article(
        "z.md",
        "Z",
        "2023-01-02",
        "aliases: [/2023/02/mixed/]\n",
        "x\n",
    );
    let run = f.build();
    run.assert_error("content/y.md:4:1: this article's URL /2023/01/abc/ differs only in letter case from /2023/01/ABC/, the URL of content/x.md")
        .assert_error("content/y.md:5:1: alias /old/ differs only in letter case from /Old/ (an alias of content/x.md)")
        .assert_error("content/z.md:4:1: alias /2023/02/mixed/ differs only in letter case from /2023/02/Mixed/ (content/w.md)");
    assert!(Fixture::snapshot(&f.public()) == before);
    // `check` finds them too.
    f.run(&["check"])
        .assert_error("differs only in letter case");
}

// Large static files ------------------------------------------------------------

/// Bytes that differ along the file, so a copy that drops or repeats a
/// block is caught.
fn big_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect()
}

#[test]
fn a_large_static_file_is_copied_byte_for_byte_by_build_and_serve() {
    let f = Fixture::new();
    f.article("a.md", "A", "2023-01-01", "", "x\n");
    let bytes = big_bytes(24 * 1024 * 1024 + 17, 1);
    f.write_bytes("static/video/big.bin", &bytes);
    f.build().assert_ok();
    assert!(fs::read(f.public().join("video/big.bin")).unwrap() == bytes);

    let out = tempfile::tempdir().unwrap();
    let (mut session, report) = Session::start(settings(f.root(), out.path()));
    assert!(report.ok, "{:?}", report.diagnostics);
    let served = session.out_dir().join("video/big.bin");
    assert!(fs::read(&served).unwrap() == bytes);
    // One byte changed near the end is seen and copied.
    let mut changed = bytes.clone();
    *changed.last_mut().unwrap() ^= 1;
    f.write_bytes("static/video/big.bin", &changed);
    let report = session.rebuild(&[f.root().join("static/video/big.bin")]);
    assert!(report.ok, "{:?}", report.diagnostics);
    assert_eq!(report.written, 1);
    assert!(fs::read(&served).unwrap() == changed);
}

#[test]
fn a_static_file_changed_with_its_size_and_time_kept_is_built_again() {
    let f = Fixture::new();
    f.article("a.md", "A", "2023-01-01", "", "x\n");
    f.write("static/data.txt", "first");
    f.build().assert_ok();
    let path = f.root().join("static/data.txt");
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    f.write("static/data.txt", "other");
    // As `rsync -t` or an archive would leave it: same size, same time.
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let run = f.build();
    run.assert_ok();
    assert!(!run.stdout.contains("Up to date"), "{}", run.stdout);
    assert_eq!(f.page("data.txt"), "other");
}

fn settings(root: &Path, out: &Path) -> Settings {
    Settings {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        include_drafts: false,
        preview_drafts: false,
        overrides: Overrides::default(),
        now: jiff::Timestamp::now(),
        strict: false,
    }
}
