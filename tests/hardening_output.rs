//! Hardening of the output folder (issue 22: A4, A5/A6, A13–A18, A15, D2):
//! a linked output, outputs inside the inputs, staging folders that leaked,
//! two builds at once, a write error said once, `--root` spelled otherwise.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Fixture;

fn site() -> Fixture {
    let f = Fixture::new();
    f.article(
        "2024/a.vi.md",
        "Bài một",
        "2024-03-01",
        "",
        "Xem [bài hai](/2024/03/bai-hai/).\n",
    );
    f.article("2024/b.vi.md", "Bài hai", "2024-03-02", "", "Nội dung.\n");
    f.article("2024/a.en.md", "Post one", "2024-03-01", "", "Text.\n");
    f
}

/// Names in `dir` that bantin keeps for itself while it builds.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The build cache (`.bantin-cache/`, SPEC's) is the site's, no leftover.
        .filter(|n| n != ".bantin-cache")
        .filter(|n| n.contains("bantin-") || n.starts_with(".bantin-"))
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn linked_output_is_replaced_where_it_points_and_the_link_kept() {
    let f = site();
    let target = tempfile::tempdir().unwrap();
    let site_dir = target.path().join("site");
    fs::create_dir(&site_dir).unwrap();
    std::os::unix::fs::symlink(&site_dir, f.public()).unwrap();
    f.build().assert_ok();
    f.article("2024/c.vi.md", "Bài ba", "2024-03-03", "", "Mới.\n");
    f.build().assert_ok();
    assert!(
        fs::symlink_metadata(f.public())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(site_dir.join(".bantin").is_file());
    assert!(site_dir.join("2024/03/bai-ba/index.html").is_file());
    assert_eq!(leftovers(target.path()), Vec::<String>::new());
    assert_eq!(leftovers(f.root()), Vec::<String>::new());
    assert_eq!(leftovers(&site_dir), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn linked_output_without_the_marker_keeps_its_files() {
    let f = site();
    let target = tempfile::tempdir().unwrap();
    fs::write(target.path().join("user.txt"), "mine").unwrap();
    std::os::unix::fs::symlink(target.path(), f.public()).unwrap();
    f.build().assert_error("did not create it");
    assert_eq!(
        fs::read_to_string(target.path().join("user.txt")).unwrap(),
        "mine"
    );
    assert!(
        fs::symlink_metadata(f.public())
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(leftovers(f.root()), Vec::<String>::new());
    // A link to nothing is refused, not replaced by a folder.
    let dangling = f.root().join("gone");
    std::os::unix::fs::symlink(f.root().join("nowhere"), &dangling).unwrap();
    f.run(&["build", "--out", "gone"])
        .assert_error("gone: the output is a link to a folder that cannot be used");
    assert!(
        fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn output_inside_or_around_an_input_folder_is_refused() {
    let f = site();
    f.write("data/views.yaml", "{}\n");
    f.write("static/robots-extra.txt", "x");
    for folder in ["content", "data", "static", "themes"] {
        for out in [format!("{folder}/out"), folder.to_string()] {
            f.run(&["build", "--out", &out])
                .assert_error(&format!("the site's {folder}/ folder"));
            assert!(!f.root().join(folder).join("out").exists(), "{out}");
        }
    }
    for out in [".", "..", "./"] {
        f.run(&["build", "--out", out])
            .assert_error("contains the site itself");
    }
    assert!(!f.public().exists());
}

#[cfg(unix)]
#[test]
fn output_inside_a_linked_input_folder_is_refused() {
    // Links may only lead to folders inside the site (see
    // hardening_inputs.rs), so the linked folder is in a folder of its own.
    let f = site();
    let shared = f.root().join("shared");
    let elsewhere = shared.join("assets");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("logo.txt"), "logo").unwrap();
    std::os::unix::fs::symlink(&elsewhere, f.root().join("static")).unwrap();
    let real = elsewhere.join("out");
    for out in ["static/out", real.to_str().unwrap(), "shared/assets/out"] {
        f.run(&["build", "--out", out])
            .assert_error("inside the site's static/ folder");
    }
    // Replacing the folder that holds it would delete it.
    f.run(&["build", "--out", "shared"])
        .assert_error("the output folder holds the site's static/ folder");
    // Built elsewhere, twice: the static folder never grows.
    f.build().assert_ok();
    f.build().assert_ok();
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 1);
    assert_eq!(fs::read_dir(&shared).unwrap().count(), 1);
}

#[test]
fn staging_left_by_a_killed_build_is_swept() {
    let f = site();
    f.build().assert_ok();
    // What `kill -9` leaves: a half-written staging folder, an old copy.
    let staging = f.root().join(".public.bantin-staging-4194000");
    f.write(".public.bantin-staging-4194000/2024/index.html", "half");
    f.write(".public.bantin-staging-4194001.old/.bantin", "old");
    f.article("2024/c.vi.md", "Bài ba", "2024-03-03", "", "Mới.\n");
    f.build().assert_ok();
    assert!(!staging.exists());
    assert_eq!(leftovers(f.root()), Vec::<String>::new());
    assert!(f.exists("2024/03/bai-ba/index.html"));
}

#[test]
fn failed_build_leaves_no_staging_and_the_output_as_it_was() {
    let f = site();
    f.build().assert_ok();
    let before = Fixture::snapshot(&f.public());
    // An alias onto the marker's path: refused, once, at the article.
    f.article(
        "2024/b.vi.md",
        "Bài hai",
        "2024-03-02",
        "aliases: [\"/.bantin/\"]\n",
        "Nội dung.\n",
    );
    for _ in 0..2 {
        f.build()
            .assert_error(".bantin/index.html: names starting with `.bantin`");
        assert_eq!(leftovers(f.root()), Vec::<String>::new());
    }
    assert_eq!(Fixture::snapshot(&f.public()), before);
}

#[test]
fn two_builds_at_once_both_succeed_and_leave_nothing_behind() {
    let f = site();
    for round in 0..3 {
        f.article(
            "2024/c.vi.md",
            "Bài ba",
            "2024-03-03",
            "",
            &format!("Vòng {round}.\n"),
        );
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_bantin"))
                .args(["build", "--quiet"])
                .current_dir(f.root())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn(), spawn());
        assert!(a.wait().unwrap().success());
        assert!(b.wait().unwrap().success());
        assert_eq!(leftovers(f.root()), Vec::<String>::new());
        assert!(
            f.page("2024/03/bai-ba/index.html")
                .contains(&format!("Vòng {round}."))
        );
    }
}

/// A full disk, without filling one: files above a few KB cannot be
/// written (RLIMIT_FSIZE, with SIGXFSZ ignored so a write fails with
/// EFBIG instead of killing the process).
#[cfg(target_os = "linux")]
#[test]
fn write_failure_is_said_once_without_link_warnings() {
    use std::os::unix::process::CommandExt;
    let f = site();
    for i in 0..30 {
        f.article(
            &format!("2023/p{i}.vi.md"),
            &format!("Bài {i}"),
            "2023-05-01",
            "",
            "[một liên kết](/2024/03/bai-hai/)\n",
        );
    }
    f.build().assert_ok();
    let before = Fixture::snapshot(&f.public());
    f.article("2024/c.vi.md", "Bài ba", "2024-03-03", "", "Mới.\n");
    let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
    command.arg("build").current_dir(f.root());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 2048,
                rlim_max: 2048,
            };
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("cannot write: File too large"),
        "{stderr}"
    );
    assert_eq!(lines[1], "1 error found; nothing was written.");
    assert_eq!(Fixture::snapshot(&f.public()), before);
    assert_eq!(leftovers(f.root()), Vec::<String>::new());
}

#[test]
fn root_spelled_otherwise_is_up_to_date() {
    let f = site();
    // Templates of the site's own theme carry their paths.
    f.write(
        "themes/default/templates/404.html",
        include_str!("../themes/default/templates/404.html"),
    );
    let name = f.root().file_name().unwrap().to_str().unwrap().to_string();
    let absolute = f.root().to_str().unwrap().to_string();
    let from_parent = |root: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(["build", "--root", root, "--out"])
            .arg(f.public())
            .current_dir(f.root().parent().unwrap())
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(from_parent(&name).starts_with("Built"));
    let dotted = format!("./{name}");
    let inside = PathBuf::from(&name).join("..").join(&name);
    for root in [dotted.as_str(), &absolute, inside.to_str().unwrap()] {
        assert!(from_parent(root).starts_with("Up to date"), "{root}");
    }
    assert!(f.run(&["build"]).stdout.starts_with("Up to date"));
}
