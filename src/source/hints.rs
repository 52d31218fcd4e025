//! The mistakes editors really make in front matter, recognised one by one
//! and explained in plain words with the fix shown.
//!
//! The YAML parser says where it got lost ("mapping values are not allowed
//! in this context"), which is rarely where or what the editor must fix.
//! When it fails, [`explain_syntax`] reads the front matter line by line,
//! as an editor wrote it, for the first known mistake at or before the
//! parser's position; [`explain_shape`] turns a wrong type (a comma string
//! for a list, `yes` for a boolean) into the form to write. [`warnings`]
//! finds what parses but is almost surely not what was meant: a list item
//! joined to the one above, typographic quotes kept in a value.
//!
//! Lines and columns here are 1-based within the YAML text.

use crate::diag::shown;
use crate::msg;

/// A recognised mistake: where it is, what is wrong, how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub fix: String,
}

/// Characters that look like a space but are not one to YAML.
fn odd_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{3000}' | '\u{200b}' | '\u{feff}'
    )
}

const TYPOGRAPHIC_QUOTES: [char; 6] = ['“', '”', '‘', '’', '„', '«'];

/// One line of front matter as an editor reads it: indentation, an
/// optional `- `, an optional `key:`, and the value.
struct Line<'a> {
    number: usize,
    text: &'a str,
    /// Spaces (of any kind) before the first other character.
    indent: usize,
    /// The key, when the line is `key: …` (after any `- `).
    key: Option<&'a str>,
    /// Byte offset of the value in `text`, and the value (trimmed at the end).
    value: Option<(usize, &'a str)>,
}

impl<'a> Line<'a> {
    fn read(number: usize, text: &'a str) -> Line<'a> {
        let body_start = text
            .char_indices()
            .find(|&(_, c)| c != ' ' && !odd_space(c))
            .map_or(text.len(), |(i, _)| i);
        let indent = text[..body_start].chars().count();
        let mut at = body_start;
        if text[at..].starts_with("- ") {
            at += 2;
            at += text[at..].len() - text[at..].trim_start_matches(' ').len();
        }
        let rest = &text[at..];
        let key_len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (key, value_start) = if key_len > 0 && rest[key_len..].starts_with(':') {
            let after = at + key_len + 1;
            let spaces = text[after..].len() - text[after..].trim_start_matches(' ').len();
            (Some(&rest[..key_len]), after + spaces)
        } else {
            (None, at)
        };
        let value = text[value_start..].trim_end();
        Line {
            number,
            text,
            indent,
            key,
            value: (!value.is_empty() && !value.starts_with('#')).then_some((value_start, value)),
        }
    }

    fn column(&self, byte: usize) -> usize {
        self.text[..byte].chars().count() + 1
    }

    fn hint(&self, byte: usize, message: String, fix: String) -> Hint {
        Hint {
            line: self.number,
            column: self.column(byte),
            message,
            fix,
        }
    }

    /// A value that opens a block scalar (`|`, `>-`): the lines below are text.
    fn opens_block(&self) -> bool {
        self.value
            .is_some_and(|(_, v)| v.starts_with(['|', '>']) && v.len() <= 3)
    }
}

/// The mistake that explains a YAML syntax error at line `error_line`.
pub fn explain_syntax(yaml: &str, error_line: usize) -> Option<Hint> {
    let mut block_indent: Option<usize> = None;
    let mut previous: Option<Line> = None;
    for (i, text) in yaml.lines().enumerate() {
        let line = Line::read(i + 1, text);
        if line.number > error_line {
            break;
        }
        if text.trim().is_empty() {
            continue;
        }
        if let Some(indent) = block_indent {
            if line.indent > indent {
                continue;
            }
            block_indent = None;
        }
        if let Some(hint) = mistake(&line, previous.as_ref()) {
            return Some(hint);
        }
        if line.opens_block() {
            block_indent = Some(line.indent);
        }
        previous = Some(line);
    }
    None
}

/// The first mistake on `line`, given the line above it.
fn mistake(line: &Line, previous: Option<&Line>) -> Option<Hint> {
    if let Some(hint) = odd_indent(line).or_else(|| missing_space(line)) {
        return Some(hint);
    }
    if let Some((at, value)) = line.value {
        if value.starts_with(TYPOGRAPHIC_QUOTES) {
            let inner = value.trim_matches(TYPOGRAPHIC_QUOTES);
            return Some(line.hint(
                at,
                msg!("fm-typographic-quotes"),
                msg!("fm-quote-fix", fixed = entry(line, &quoted(inner))),
            ));
        }
        if let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            let closed = value[1..].contains(quote);
            if !closed {
                return Some(line.hint(
                    at,
                    msg!("fm-unclosed-quote", quote = quote.to_string()),
                    msg!(
                        "fm-unclosed-quote-fix",
                        fixed = entry(line, &format!("{value}{quote}"))
                    ),
                ));
            }
        } else if !value.starts_with(['[', '{', '|', '>', '&', '*', '!']) {
            let colon = value
                .find(": ")
                .or_else(|| value.ends_with(':').then(|| value.len() - 1));
            if let Some(colon) = colon {
                return Some(line.hint(
                    at + colon,
                    msg!("fm-colon-in-value"),
                    msg!("fm-quote-fix", fixed = entry(line, &quoted(value))),
                ));
            }
        }
    }
    let unexpected_indent = previous.is_some_and(|p| {
        line.indent > p.indent && p.value.is_some() && !p.text.trim_start().starts_with("- ")
    });
    if unexpected_indent {
        let key = line.key.unwrap_or("");
        return Some(line.hint(
            0,
            msg!("fm-unexpected-indent"),
            msg!("fm-unexpected-indent-fix", fixed = format!("{key}:")),
        ));
    }
    None
}

/// A tab or a space-like character (NBSP, …) in the indentation: YAML
/// refuses the tab and reads the others as text.
fn odd_indent(line: &Line) -> Option<Hint> {
    let (at, c) = line
        .text
        .char_indices()
        .take_while(|&(_, c)| c == ' ' || odd_space(c))
        .find(|&(_, c)| odd_space(c))?;
    let message = if c == '\t' {
        msg!("fm-tab-indent")
    } else {
        msg!("fm-odd-space-indent", code = format!("U+{:04X}", c as u32))
    };
    Some(line.hint(at, message, msg!("fm-tab-indent-fix")))
}

/// `title:Xin chào`: a key and its value with no space between, which YAML
/// reads as one piece of text. URLs (`https://…`) are left alone.
fn missing_space(line: &Line) -> Option<Hint> {
    let body = line.text.trim_start_matches([' ', '-']).trim_start();
    let key_len = body.find(|c: char| !(c.is_ascii_lowercase() || c == '_'))?;
    let after = &body[key_len..];
    let value = after.strip_prefix(':')?;
    if key_len == 0 || value.is_empty() || value.starts_with([' ', '/']) {
        return None;
    }
    let at = line.text.len() - after.len();
    let key = &body[..key_len];
    let value = value.trim_start_matches(odd_space);
    Some(line.hint(
        at,
        msg!("fm-missing-space", key = key),
        msg!(
            "fm-missing-space-fix",
            fixed = format!("{key}: {}", shown(value))
        ),
    ))
}

/// `value` in double quotes, or single ones when it holds a double quote.
fn quoted(value: &str) -> String {
    if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// The line written again with `value`: `title: "…"` or `- "…"`.
fn entry(line: &Line, value: &str) -> String {
    match line.key {
        Some(key) => format!("{key}: {}", shown(value)),
        None => format!("- {}", shown(value)),
    }
}

/// A value of the wrong kind, from serde's message (`tags: invalid type:
/// string "a, b", expected a sequence`), at `line` of the YAML.
pub fn explain_shape(yaml: &str, message: &str, line: usize, column: usize) -> Option<Hint> {
    if let Some(hint) = yaml.lines().enumerate().take(line).find_map(|(i, text)| {
        let line = Line::read(i + 1, text);
        odd_indent(&line).or_else(|| missing_space(&line))
    }) {
        return Some(hint);
    }
    let (key, rest) = message.split_once(": invalid type: string ")?;
    let value = serde_quoted(rest)?;
    let hint = |message, fix| Hint {
        line,
        column,
        message,
        fix,
    };
    if rest.ends_with("expected a sequence") {
        let items: Vec<&str> = value
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let flow = format!("{key}: [{}]", items.join(", "));
        let first = items.first().copied().unwrap_or("…");
        return Some(hint(
            msg!("fm-list-expected", key = key),
            msg!(
                "fm-list-fix",
                flow = shown(&flow),
                key = key,
                first = shown(first)
            ),
        ));
    }
    if rest.ends_with("expected a boolean") {
        let meant = match value.to_lowercase().as_str() {
            "yes" | "y" | "on" | "có" | "co" | "đúng" | "true" => Some(true),
            "no" | "n" | "off" | "không" | "khong" | "sai" | "false" => Some(false),
            _ => None,
        };
        let fix = match meant {
            Some(b) => msg!("fm-bool-fix", fixed = format!("{key}: {b}")),
            None => msg!("fm-bool-fix-either", key = key),
        };
        return Some(hint(msg!("fm-bool", key = key, value = shown(&value)), fix));
    }
    None
}

/// The text of serde's `"…"` at the start of `rest` (Rust's debug quoting).
fn serde_quoted(rest: &str) -> Option<String> {
    let inner = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

/// What parses but is almost surely a mistake: a list item joined to the
/// one above (`tags` or `category` holding ` - `), a whole value wrapped
/// in typographic quotes.
pub fn warnings(yaml: &str, joined_values: &[&str]) -> Vec<Hint> {
    let lines: Vec<Line> = yaml
        .lines()
        .enumerate()
        .map(|(i, text)| Line::read(i + 1, text))
        .collect();
    let mut hints = Vec::new();
    for value in joined_values.iter().filter(|v| v.contains(" - ")) {
        let tail = value.rsplit(" - ").next().unwrap_or(value);
        let found = lines.iter().find(|l| {
            let body = l.text.trim_start();
            body.strip_prefix("- ").is_some_and(|v| v.trim() == tail)
        });
        if let Some(line) = found {
            let at = line.text.len() - line.text.trim_start().len();
            hints.push(line.hint(
                at,
                msg!("fm-joined-item", value = shown(value)),
                msg!("fm-joined-item-fix", item = shown(&format!("- {tail}"))),
            ));
        }
    }
    for line in &lines {
        let Some((at, value)) = line.value else {
            continue;
        };
        let wrapped = value.starts_with(['“', '‘']) && value.ends_with(['”', '’']);
        if wrapped && value.chars().count() > 1 {
            let inner = value.trim_matches(TYPOGRAPHIC_QUOTES);
            hints.push(line.hint(
                at,
                msg!("fm-typographic-kept"),
                msg!("fm-typographic-kept-fix", fixed = entry(line, inner)),
            ));
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str, line: usize) -> (usize, usize) {
        let hint = explain_syntax(yaml, line).expect("a hint");
        (hint.line, hint.column)
    }

    #[test]
    fn each_mistake_is_found_where_it_is() {
        assert_eq!(at("title: Chuyển đổi số: hội nghị\n", 1), (1, 21));
        assert_eq!(at("title: A\ntags:\n\t- a\n", 3), (3, 1));
        assert_eq!(at("title: A\ntags:\n \u{a0}- a\n", 3), (3, 2));
        assert_eq!(at("title: “A: b”\n", 1), (1, 8));
        assert_eq!(at("title: \"Xin chào\ndate: x\n", 3), (1, 8));
        assert_eq!(at("title: A\n date: x\n", 2), (2, 1));
        assert_eq!(at("title:Xin chào\ndate: x\n", 2), (1, 6));
        assert_eq!(at("tags:\n  - a\nsummary: Tin: mới\n", 3), (3, 13));
    }

    #[test]
    fn block_text_and_urls_are_not_mistakes() {
        assert_eq!(explain_syntax("summary: |\n  a: b\n\tc\n", 2), None);
        assert_eq!(missing_space(&Line::read(1, "  https://x.org/a.jpg")), None);
        assert_eq!(explain_syntax("title: 'a: b'\n", 1), None);
    }

    #[test]
    fn comma_lists_and_yes_are_shown_their_form() {
        let hint = explain_shape(
            "tags: a, b\n",
            "tags: invalid type: string \"a, b\", expected a sequence",
            1,
            7,
        )
        .unwrap();
        assert!(hint.fix.contains("tags: [a, b]"), "{hint:?}");
        let hint = explain_shape(
            "draft: có\n",
            "draft: invalid type: string \"có\", expected a boolean",
            1,
            8,
        )
        .unwrap();
        assert!(hint.fix.contains("draft: true"), "{hint:?}");
    }

    #[test]
    fn a_joined_item_is_found_on_its_line() {
        let yaml = "tags:\n  - a\n  - b\n    - c\n";
        let hints = warnings(yaml, &["b - c"]);
        assert_eq!((hints[0].line, hints[0].column), (4, 5));
    }
}
