//! The one door to the YAML parser.
//!
//! `serde_yaml` is frozen upstream; keeping it behind this module means a
//! maintained fork can replace it by editing one file. Callers get plain
//! `serde` deserialisation and a `YamlError` with a 1-based line and column
//! relative to the YAML text they passed in, plus the parts of an "unknown
//! key" error needed to suggest the right key; and serialisation for the
//! files `bantin new` and `bantin init` write.

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

/// Deserialises `text` into `T`. An empty document is read as an empty
/// mapping, so a file with only comments gives `T`'s defaults or a
/// "missing field" error rather than a confusing type error.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    if let Some(offset) = too_deep(text) {
        return Err(YamlError {
            message: format!("YAML nested more than {MAX_DEPTH} levels deep"),
            position: Some(crate::diag::line_column(text, offset)),
            unknown_key: None,
        });
    }
    serde_yaml::from_str(text).map_err(|err| {
        let position = err.location().map(|l| (l.line(), l.column()));
        let message = match strip_location(&err.to_string()) {
            // serde_yaml's guards against alias bombs and deep nesting.
            m if m.ends_with("repetition limit exceeded") => {
                "aliases (`*name`) expand to too much data; write the values out".to_string()
            }
            m if m.ends_with("recursion limit exceeded") => {
                format!("YAML nested more than {MAX_DEPTH} levels deep")
            }
            m => m,
        };
        YamlError {
            unknown_key: parse_unknown_key(&message),
            message,
            position,
        }
    })
}

/// Deepest nesting accepted: serde_yaml refuses more than 128 levels when
/// deserialising anyway, but its parser spends time proportional to the
/// open `[`/`{` levels on every token, so a file of nothing but `[` takes
/// quadratic time before that limit is reached. Checked first, in one pass.
const MAX_DEPTH: usize = 128;

/// The offset of the first flow `[` or `{` past [`MAX_DEPTH`] open ones.
/// Brackets inside quoted strings and comments are counted too: the count
/// can only be too high, never too low, and real files are nowhere near.
fn too_deep(text: &str) -> Option<usize> {
    // Counting opening brackets is a quick pass the compiler vectorises;
    // a file with no more of them than the limit cannot nest past it.
    let opening = text.bytes().filter(|&b| b == b'[' || b == b'{').count();
    if opening <= MAX_DEPTH {
        return None;
    }
    let mut depth = 0usize;
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
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

/// serde_yaml appends " at line N column M" to its messages; we report
/// positions ourselves, relative to the whole file.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Picks apart serde's "unknown field `x`, expected one of `a`, `b`" (or
/// "expected `a`") message, possibly prefixed with a "path: ".
fn parse_unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    let end = rest.find('`')?;
    let key = rest[..end].to_string();
    let expected = rest[end..]
        .split('`')
        .skip(2)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key, expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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
        assert_eq!(err.position, Some((2, 7 + MAX_DEPTH)));
        assert!(err.message.contains("nested more than 128 levels"));
        let fine = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
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
}
