//! The one door to the YAML parser.
//!
//! `serde_yaml` is frozen upstream; keeping it behind this module means a
//! maintained fork can replace it by editing one file. Callers get plain
//! `serde` deserialisation and a `YamlError` with a 1-based line and column
//! relative to the YAML text they passed in, plus the parts of an "unknown
//! key" error needed to suggest the right key; and serialisation for the
//! files `bantin new` and `bantin init` write.

use std::collections::HashMap;

use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Debug)]
pub struct YamlError {
    pub message: String,
    /// 1-based line and column within the parsed text.
    pub position: Option<(usize, usize)>,
    /// For an unknown key: the key, and the keys that are allowed there.
    pub unknown_key: Option<(String, Vec<String>)>,
}

mod events;
mod locate;

use events::{Event, Events};
pub use locate::{Step, locate, locate_items};

/// Deserialises `text` into `T`. An empty document is read as an empty
/// mapping, so a file with only comments gives `T`'s defaults or a
/// "missing field" error rather than a confusing type error.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    check_shape(text)?;
    serde_yaml::from_str(text).map_err(|err| {
        let position = err.location().map(|l| (l.line(), l.column()));
        let message = match strip_location(&err.to_string()) {
            // serde_yaml's own guards, which `check_shape` should meet first.
            m if m.ends_with("repetition limit exceeded") => too_much_expansion(),
            m if m.ends_with("recursion limit exceeded") => too_deep(),
            m => shorten_path(&m),
        };
        YamlError {
            unknown_key: parse_unknown_key(&message),
            // serde quotes values and keys as they are; keep the message
            // on one line (`diag` then shortens what it quotes).
            message: crate::diag::shown(&message),
            position,
        }
    })
}

/// Deepest nesting of sequences and mappings, the document's own mapping
/// included: serde_yaml's own limit when deserialising, checked here for
/// every style (`[[[`, `- - -`, `? ? ?`, indentation) before serde_yaml
/// stores the document's events.
const MAX_DEPTH: usize = 128;

/// Most values (scalars, aliases, sequences, mappings) in one file.
/// serde_yaml keeps about 150 bytes per value while deserialising, so this
/// bounds its memory whatever the file's size; a `data/views.yaml` of
/// 4 MiB of real entries (at least 16 bytes each) holds fewer.
const MAX_VALUES: usize = 1 << 19;

/// How much aliases may repeat in all, in bytes of scalar text plus one
/// per value: enough for any real reuse of a value, far too little for a
/// billion laughs, a long string repeated thousands of times, or a wide
/// list repeated by a few aliases (which stay under serde_yaml's own
/// repetition limit, as that counts aliases, not what they expand to).
const MAX_ALIAS_EXPANSION: u64 = 64 * 1024;

fn too_much_expansion() -> String {
    crate::msg!("yaml-too-much-expansion")
}

fn too_deep() -> String {
    crate::msg!("yaml-too-deep", max = MAX_DEPTH.to_string())
}

/// Measures the document from the parser's events before serde_yaml
/// builds anything: nesting depth, number of values, and what aliases
/// expand to (each anchor's size is known when it closes, so a billion
/// laughs is measured, not expanded). Stops at the first limit passed,
/// reporting where; syntax errors are left to serde_yaml, which meets
/// them after the same events.
fn check_shape(text: &str) -> Result<(), YamlError> {
    let fail = |message: String, position| {
        Err(YamlError {
            message,
            position: Some(position),
            unknown_key: None,
        })
    };
    // Each open sequence or mapping: its anchor and its size so far.
    let mut open: Vec<(Option<Box<[u8]>>, u64)> = Vec::new();
    // The size of each anchored value; `u64::MAX` while it is still open,
    // so an alias inside its own anchor counts as endless.
    let mut anchors: HashMap<Box<[u8]>, u64> = HashMap::new();
    let (mut values, mut expanded) = (0usize, 0u64);
    for (event, position) in Events::new(text) {
        if matches!(
            event,
            Event::Open { .. } | Event::Scalar { .. } | Event::Alias { .. }
        ) {
            values += 1;
            if values > MAX_VALUES {
                return fail(
                    crate::msg!("yaml-too-many-values", max = MAX_VALUES.to_string()),
                    position,
                );
            }
        }
        let closed = match event {
            Event::Open { anchor, .. } => {
                if open.len() == MAX_DEPTH {
                    return fail(too_deep(), position);
                }
                if let Some(name) = &anchor {
                    anchors.insert(name.clone(), u64::MAX);
                }
                open.push((anchor, 1));
                None
            }
            Event::Close => open.pop(),
            Event::Scalar { anchor, bytes, .. } => Some((anchor, 1 + bytes as u64)),
            // An unknown anchor is serde_yaml's error to report.
            Event::Alias { anchor } => match anchors.get(&anchor) {
                Some(&size) => {
                    expanded = expanded.saturating_add(size);
                    if expanded > MAX_ALIAS_EXPANSION {
                        return fail(too_much_expansion(), position);
                    }
                    Some((None, size))
                }
                None => return Ok(()),
            },
            Event::Document => {
                anchors.clear();
                None
            }
            Event::Other => None,
        };
        let Some((anchor, size)) = closed else {
            continue;
        };
        if let Some(name) = anchor {
            anchors.insert(name, size);
        }
        if let Some(parent) = open.last_mut() {
            parent.1 = parent.1.saturating_add(size);
        }
    }
    Ok(())
}

/// Serialises `value` as one YAML document without a `---` line. Strings
/// that would read back as something else (`123`, `null`, `a: b`, `#1`)
/// come out quoted, so the text always parses back to the same value.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, YamlError> {
    serde_yaml::to_string(value).map_err(|err| YamlError {
        message: err.to_string(),
        position: None,
        unknown_key: None,
    })
}

/// The 1-based line of the first line that starts a `key:` entry, at any
/// indentation. Used to place errors found after parsing (a bad date, an
/// unsafe slug) on the line an editor must fix.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| starts_entry(line, key))
        .map(|i| i + 1)
}

/// Whether `line` starts a `key:` (or `"key":`) entry, at any indentation.
pub fn starts_entry(line: &str, key: &str) -> bool {
    let colon_next = |rest: Option<&str>| rest.is_some_and(|r| r.trim_start().starts_with(':'));
    let line = line.trim_start();
    let quoted = line.strip_prefix('"').and_then(|l| l.strip_prefix(key));
    colon_next(line.strip_prefix(key)) || colon_next(quoted.and_then(|rest| rest.strip_prefix('"')))
}

/// serde_yaml puts " at line N column M" after its messages, and libyaml
/// also inside them (for the start of a simple key); we report positions
/// ourselves, relative to the whole file.
fn strip_location(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let after = after.trim_start_matches(|c: char| c.is_ascii_digit());
        rest = match after.strip_prefix(" column ") {
            Some(column) => column.trim_start_matches(|c: char| c.is_ascii_digit()),
            None => {
                out.push_str(" at line ");
                &rest[i + " at line ".len()..]
            }
        };
    }
    out.push_str(rest);
    out
}

/// serde_yaml starts a message about a value with the value's path, made
/// of the keys above it ("tags[0]: invalid type: …"), unquoted: a key a
/// megabyte long is cut as quoted values are.
fn shorten_path(message: &str) -> String {
    const SERDE: [&str; 8] = [
        ": invalid type: ",
        ": invalid value: ",
        ": invalid length ",
        ": unknown field `",
        ": unknown variant `",
        ": missing field `",
        ": duplicate field `",
        ": data did not match ",
    ];
    match SERDE.iter().filter_map(|m| message.find(m)).min() {
        Some(end) => format!(
            "{}{}",
            crate::diag::clipped(&message[..end]),
            &message[end..]
        ),
        None => message.to_string(),
    }
}

/// Picks apart serde's "unknown field `x`, expected one of `a`, `b`" (or
/// "expected `a`", or "there are no fields") message, possibly prefixed
/// with a "path: ". The key is taken up to the last "`, expected" as it
/// may hold backticks itself; the allowed keys never do.
fn parse_unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    let end = rest
        .rfind("`, expected ")
        .or_else(|| rest.rfind("`, there are no fields"))?;
    let expected = rest[end + 1..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((rest[..end].to_string(), expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Shape {
        title: String,
        paginate: Option<u32>,
    }

    #[test]
    fn unknown_key_is_named_with_alternatives_and_position() {
        let err = from_str::<Shape>("title: x\npaginat: 3\n").unwrap_err();
        let (key, expected) = err.unknown_key.unwrap();
        assert_eq!(key, "paginat");
        assert_eq!(expected, ["title", "paginate"]);
        assert_eq!(err.position, Some((2, 1)));
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn syntax_error_has_position() {
        let err = from_str::<Shape>("title: [unclosed\n").unwrap_err();
        assert!(err.position.is_some());
        assert!(err.unknown_key.is_none());
    }

    #[test]
    fn deep_flow_nesting_is_refused_in_linear_time() {
        let deep = format!(
            "title: x\ntags: {}{}\n",
            "[".repeat(1_000_000),
            "]".repeat(1_000_000)
        );
        let started = std::time::Instant::now();
        let err = from_str::<serde_yaml::Value>(&deep).unwrap_err();
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        assert_eq!(err.position, Some((2, 6 + MAX_DEPTH)));
        assert!(err.message.contains("nested more than 128 levels"));
        let fine = format!("a: {}{}\n", "[".repeat(127), "]".repeat(127));
        assert!(from_str::<serde_yaml::Value>(&fine).is_ok());
    }

    #[test]
    fn anchor_bomb_is_refused_not_expanded() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9u8 {
            let (prev, next) = ((b'a' + i) as char, (b'b' + i) as char);
            bomb.push_str(&format!(
                "{next}: &{next} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        bomb.push_str("title: boom\n");
        let err = from_str::<serde_yaml::Value>(&bomb).unwrap_err();
        assert!(
            err.message.starts_with("aliases (`*name`) expand"),
            "{err:?}"
        );
    }

    fn refused(text: &str) -> YamlError {
        from_str::<serde_yaml::Value>(text).unwrap_err()
    }

    #[test]
    fn block_nesting_of_every_style_is_refused_where_it_passes_the_limit() {
        let deep = 3 * MAX_DEPTH;
        for (unit, width) in [("- ", 2), ("? ", 2), ("- ? ", 4)] {
            let err = refused(&format!("tags:\n{}x\n", unit.repeat(deep)));
            assert!(
                err.message.contains("nested more than 128"),
                "{unit}: {err:?}"
            );
            let (line, column) = err.position.unwrap();
            assert_eq!(line, 2, "{unit}");
            assert!(column <= width * (MAX_DEPTH + 1) + 1, "{unit}: {column}");
        }
        let indented: String = (0..deep)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        let err = refused(&indented);
        assert_eq!(
            err.position,
            Some((MAX_DEPTH + 1, MAX_DEPTH + 1)),
            "{err:?}"
        );
        let fine: String = (0..MAX_DEPTH - 1)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert!(from_str::<serde_yaml::Value>(&fine).is_ok());
    }

    #[test]
    fn aliases_are_measured_by_what_they_expand_to() {
        // A long string, a wide list and a map, each repeated by few
        // aliases: far under serde_yaml's own limit of aliases.
        let string = format!(
            "a: &a {}\nb: [{}]\n",
            "x".repeat(1000),
            ["*a"; 100].join(", ")
        );
        let list = format!("a: &a [{}]\nb: [*a, *a]\n", ["0"; 40_000].join(","));
        let map = format!(
            "a: &a {{{}}}\nb: [*a, *a]\n",
            (0..20_000)
                .map(|i| format!("k{i}: 0"))
                .collect::<Vec<_>>()
                .join(",")
        );
        for text in [&string, &list, &map] {
            let err = refused(text);
            assert!(
                err.message.starts_with("aliases (`*name`) expand"),
                "{err:?}"
            );
            assert_eq!(err.position.unwrap().0, 2);
        }
        // Each alias adds its anchor's 1001 to the 64 KiB: the 66th is over.
        let column = "b: [".len() + 65 * "*a, ".len() + 1;
        assert_eq!(refused(&string).position, Some((2, column)));
        // An alias inside its own anchor would never end.
        assert!(refused("a: &a [1, *a]\n").message.starts_with("aliases"));
        // Reuse as people write it is fine.
        let reuse = "vi: &name Tin tức\nen: *name\nlist: &l [a, b]\nagain: *l\n";
        assert!(from_str::<serde_yaml::Value>(reuse).is_ok());
    }

    #[test]
    fn values_are_counted_before_serde_yaml_stores_them() {
        let many = format!("[{}]", ["0"; MAX_VALUES].join(","));
        let err = refused(&many);
        assert!(
            err.message.starts_with("more than 524288 values"),
            "{err:?}"
        );
        assert_eq!(err.position, Some((1, 2 * MAX_VALUES)));
        let fewer = format!("[{}]", ["0"; MAX_VALUES - 1].join(","));
        assert!(check_shape(&fewer).is_ok());
    }

    #[test]
    fn a_long_key_in_a_path_is_cut() {
        let key = "k".repeat(1000);
        let err = from_str::<BTreeMap<String, u64>>(&format!("{key}x: 1\n? {key}\n: no\n"));
        let message = err.unwrap_err().message;
        assert_eq!(
            message,
            format!(
                "{}…: invalid type: string \"no\", expected u64",
                "k".repeat(60)
            )
        );
    }

    #[test]
    fn serde_messages_lose_positions_and_stay_on_one_line() {
        assert_eq!(
            strip_location("found x at line 3 column 7, while scanning at line 1 column 2"),
            "found x, while scanning"
        );
        let key = "a`b\nc".to_string();
        let err = from_str::<Shape>(&format!("title: x\n\"{}\": 1\n", key.replace('\n', "\\n")))
            .unwrap_err();
        assert!(!err.message.contains('\n'), "{err:?}");
        assert_eq!(err.unknown_key.unwrap().0, key);
    }
}
