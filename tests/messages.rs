//! Every message exists in every language: `locales/vi.ftl` and
//! `locales/en.ftl` parse, hold the same ids with the same variables, and
//! every id the code asks for (`msg!("id"`, `msg_in!(lang, "id"`) is there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use bantin::messages::Lang;

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
            if id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.is_empty() {
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
