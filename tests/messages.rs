//! Every message exists in every language: `locales/vi.ftl` and
//! `locales/en.ftl` parse, hold the same ids with the same variables, and
//! every id the code asks for (`msg!("id"`, `msg_in!(lang, "id"`) is there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bantin::messages::Lang;

mod common;

use common::{CONFIG, Fixture};

/// id → the variables its text uses, for one language's file.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in lang.source().lines() {
        let starts_message = line.split_once(" =").filter(|(id, _)| {
            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        if let Some((id, _)) = starts_message {
            assert!(
                out.insert(id.to_string(), BTreeSet::new()).is_none(),
                "{}: `{id}` is defined twice",
                lang.code()
            );
            current = Some(id.to_string());
        } else if !line.starts_with([' ', '}']) {
            current = None;
        }
        if let Some(id) = &current {
            let variables = line.split("{ $").skip(1).filter_map(|rest| {
                rest.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
            });
            out.get_mut(id)
                .unwrap()
                .extend(variables.map(str::to_string));
        }
    }
    out
}

#[test]
fn each_locale_file_parses() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(lang.source().to_string())
        {
            panic!("locales/{}.ftl: {errors:?}", lang.code());
        }
    }
}

#[test]
fn every_message_is_translated_with_the_same_variables() {
    let vi = messages(Lang::Vi);
    let en = messages(Lang::En);
    assert!(en.len() > 50, "{} messages read", en.len());
    let only_en: Vec<&String> = en.keys().filter(|id| !vi.contains_key(*id)).collect();
    let only_vi: Vec<&String> = vi.keys().filter(|id| !en.contains_key(*id)).collect();
    assert!(only_en.is_empty(), "missing in vi.ftl: {only_en:?}");
    assert!(only_vi.is_empty(), "missing in en.ftl: {only_vi:?}");
    for (id, variables) in &en {
        assert_eq!(&vi[id], variables, "`{id}` uses other variables in vi.ftl");
    }
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let en = messages(Lang::En);
    let mut asked = BTreeSet::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (i, _) in text
            .match_indices("msg!(")
            .chain(text.match_indices("msg_in!("))
        {
            let call = &text[i..];
            let Some(open) = call.find('"') else { continue };
            let id = &call[open + 1..];
            let id = &id[..id.find('"').unwrap()];
            if id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !id.is_empty()
            {
                asked.insert((id.to_string(), entry.path().display().to_string()));
            }
        }
    }
    assert!(asked.len() > 30, "{asked:?}");
    let missing: Vec<_> = asked
        .iter()
        .filter(|(id, _)| !en.contains_key(id))
        .collect();
    assert!(
        missing.is_empty(),
        "asked for but not in locales/: {missing:?}"
    );
}

/// The source files of the library and the binary, without their test
/// modules (`#[cfg(test)]` to the end, and `tests.rs` files): what runs for
/// users.
fn shipped_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs")
            || path.file_name().is_some_and(|n| n == "tests.rs")
            || path.components().any(|c| c.as_os_str() == "tests")
        {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let shipped = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        out.push((path.display().to_string(), shipped));
    }
    out
}

/// The string literals between `open` (just after a call's `(`) and the
/// call's closing parenthesis, as written (escapes left in).
fn literals_of_call(text: &str, open: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let (mut depth, mut i, mut literals) = (1usize, open, Vec::new());
    while i < bytes.len() && depth > 0 {
        match bytes[i] {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                literals.push(&text[start..i.min(text.len())]);
            }
            _ => {}
        }
        i += 1;
    }
    literals
}

/// A literal that reads as words to a person: two words of letters in a
/// row once `{placeholders}` are taken out ("cannot read: {e}"), unlike a
/// key prefix ("{key}: {m}", "date: {m}"), a path or a message id.
fn is_prose(literal: &str) -> bool {
    let mut bare = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = bare.split(' ').collect();
    let word = |w: &&str| {
        let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
        w.chars().count() >= 2 && w.chars().all(char::is_alphabetic)
    };
    // `corrections: date: {m}` is a path of keys: a word ending in `:`
    // labels what follows rather than starting a sentence with it.
    words
        .windows(2)
        .any(|pair| pair.iter().all(word) && !pair[0].ends_with(':'))
}

/// Every diagnostic, every `Err`, every refusal of the CMS backend and
/// every line the commands print takes its words from the catalogue: no
/// call below has English (or any) prose written in the code. Ids, key
/// names, paths and `{placeholders}` joined by punctuation are all they
/// may hold.
#[test]
fn user_visible_messages_do_not_bypass_the_catalogue() {
    // `error(` also finds `Diagnostic::error(`, the `error` closures that
    // config sections and front matter report through, and `.error(`.
    const CALLS: [&str; 13] = [
        "error(",
        "warning(",
        "note(",
        "found(",
        "fail(",
        ".with_hint(",
        "Err(",
        "Refusal::BadRequest(",
        "Refusal::Outside(",
        "Refusal::Invalid(",
        "Refusal::Io(",
        "say!(",
        "tell!(",
    ];
    let mut bypasses = Vec::new();
    for (path, text) in shipped_sources() {
        for call in CALLS {
            for (at, _) in text.match_indices(call) {
                let open = at + call.len();
                for literal in literals_of_call(&text, open) {
                    if is_prose(literal) {
                        let line = text[..at].lines().count();
                        bypasses.push(format!("{path}:{line}: {call} \"{literal}\""));
                    }
                }
            }
        }
    }
    assert!(
        bypasses.is_empty(),
        "messages written in the code instead of locales/*.ftl:\n{}",
        bypasses.join("\n")
    );
}

#[test]
fn the_bypass_check_tells_prose_from_keys() {
    assert!(is_prose("cannot read: {e}"));
    assert!(is_prose("file name is not valid UTF-8; rename it"));
    assert!(!is_prose("{key}: {m}"));
    assert!(!is_prose("date: {m}"));
    assert!(!is_prose("corrections: date: {m}"));
    assert!(!is_prose("io-read"));
    assert!(!is_prose("{}: {}"));
    let text = r#"Diagnostic::error(path, format!("no {x} here", x = f("a b"))); "tail words""#;
    let open = "Diagnostic::error(".len();
    assert_eq!(literals_of_call(text, open), ["no {x} here", "a b"]);
}

/// The messages converted last, as a Vietnamese editor reads them: the
/// model (a URL two articles share), links, raw HTML removed, time zones,
/// image settings, the output folder and `bantin new`; each in Vietnamese
/// with `--lang-messages vi` and in English without (the tests' locale).
#[test]
fn converted_messages_read_in_vietnamese() {
    let f = Fixture::new();
    f.article(
        "2024/a.vi.md",
        "Họp báo",
        "2024-02-10",
        "slug: hop-bao\n",
        "x\n",
    );
    f.article(
        "2024/b.vi.md",
        "Họp báo chiều",
        "2024-02-10",
        "slug: hop-bao\n",
        "[cũ](/khong-co/)\n\n<b onclick=\"x()\">đậm</b>\n",
    );
    let vi = f.run(&["check", "--lang-messages", "vi"]);
    vi.assert_error("địa chỉ /2024/02/hop-bao/ của bài này trùng với địa chỉ của");
    vi.assert_error("hãy đặt `slug` khác cho một trong hai bài");
    vi.assert_error("Có 1 lỗi; không ghi gì cả.");
    f.run(&["check"])
        .assert_error("this article's URL /2024/02/hop-bao/ is also the URL of");

    f.write(
        "content/2024/a.vi.md",
        "---\ntitle: Giao ban\ndate: 2024-02-09\n---\nx\n",
    );
    let vi = f.run(&["build", "--lang-messages", "vi"]);
    vi.assert_ok();
    assert!(
        vi.stderr.contains(
            "cảnh báo: liên kết tới `/khong-co/`: không có trang hay tệp nào ở /khong-co/ trong trang tin"
        ),
        "{}",
        vi.stderr
    );
    assert!(
        vi.stderr
            .contains("cảnh báo: đã bỏ thuộc tính `onclick` khỏi `<b>`"),
        "{}",
        vi.stderr
    );

    f.write(
        "config.yaml",
        &(CONFIG.replace("timezone: \"+07:00\"", "timezone: Sao_Hoa/Can_Cu")
            + "images:\n  quality: 0\n"),
    );
    let vi = f.run(&["check", "--lang-messages", "vi"]);
    vi.assert_error("timezone: không biết múi giờ \"Sao_Hoa/Can_Cu\": cần một độ lệch như +07:00");
    vi.assert_error("images.quality là 0; hãy dùng số từ 1 (tệp nhỏ nhất) đến 100 (ảnh đẹp nhất)");
    f.run(&["check"])
        .assert_error("unknown time zone \"Sao_Hoa/Can_Cu\": expected an offset like +07:00");

    f.write("config.yaml", CONFIG);
    f.write("ngoai/tep.txt", "không phải trang bantin\n");
    f.run(&["build", "--out", "ngoai", "--lang-messages", "vi"])
        .assert_error("không thay thư mục này vì không phải do bantin tạo ra");
    f.run(&[
        "new",
        "Tin",
        "--section",
        "../ngoai",
        "--lang-messages",
        "vi",
    ])
    .assert_error("chuyên mục (--section) `../ngoai` phải là một thư mục bên trong content/");
}

/// `build --verbose` names its stages in the message language.
#[test]
fn verbose_build_names_its_stages_in_the_message_language() {
    let f = Fixture::new();
    f.article("2024/a.vi.md", "Họp báo", "2024-02-10", "", "x\n");
    let out = f.root().join("public");
    let out = out.to_str().unwrap();
    let vi = f.run(&["build", "--verbose", "--lang-messages", "vi", "--out", out]);
    vi.assert_ok();
    let said = format!("{}{}", vi.stdout, vi.stderr);
    for stage in [
        "ms  nạp (cấu hình, giao diện, nội dung, mô hình)",
        "ms  danh sách và chỉ mục tìm kiếm",
        "ms  thay đầu ra mới, xoá đầu ra cũ",
    ] {
        assert!(said.contains(stage), "no {stage:?} in\n{said}");
    }
    assert!(!said.contains("listings and search indexes"), "{said}");
    f.write(
        "content/2024/a.vi.md",
        "---\ntitle: Giao ban\ndate: 2024-02-10\n---\ny\n",
    );
    let en = f.run(&["build", "--verbose", "--lang-messages", "en", "--out", out]);
    en.assert_ok();
    let said = format!("{}{}", en.stdout, en.stderr);
    assert!(said.contains("ms  listings and search indexes"), "{said}");
}
