//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! Every stage pushes `Diagnostic`s into a list and carries on where it safely
//! can; `main` prints them sorted and decides the exit status in one place.
//! Positions are kept as byte offsets while parsing and turned into
//! `line:column` only here, when a diagnostic is made.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line and column (in characters); `None` when the problem is the
    /// file as a whole.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// How to fix it, in plain words, when bantin recognises the mistake.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: clip(message.into()),
            hint: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn note(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.position = Some((line.max(1), column.max(1)));
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(clip(hint.into()));
        self
    }

    /// Places the diagnostic at byte `offset` of `text`, whose first line is
    /// line `first_line` of the file.
    pub fn at_offset(self, text: &str, offset: usize, first_line: usize) -> Self {
        let (line, column) = line_column(text, offset);
        self.at(line + first_line - 1, column)
    }

    /// An I/O error, naming the path it happened on; `action` is what
    /// failed, already in the run's language (`msg!("io-read")`).
    pub fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        Diagnostic::error(
            path,
            crate::msg!("io-cannot", action = action, error = err.to_string()),
        )
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:column: message`. Paths and messages carry editors' text
    /// (file names, front-matter values), so unprintable characters in them
    /// are escaped: a file named "a\nb.md" must not split its diagnostic in
    /// two, nor an escape sequence recolour the terminal. Only the message
    /// keeps its line breaks, for template errors that quote template lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_printable(f, &self.path.display().to_string(), false)?;
        match self.position {
            Some((line, column)) => write!(f, ":{line}:{column}: ")?,
            None => write!(f, ": ")?,
        }
        match self.severity {
            Severity::Error => {}
            Severity::Warning => write!(f, "{}: ", crate::msg!("diag-warning"))?,
            Severity::Note => write!(f, "{}: ", crate::msg!("diag-note"))?,
        }
        // The hint goes under the code frame (`frame::render`): this form
        // stays one diagnostic per line, for logs and tools.
        write_printable(f, &self.message, true)
    }
}

/// Writes `text` with unprintable characters escaped (see [`unprintable`]);
/// `keep_newlines` lets `\n` through.
fn write_printable(f: &mut fmt::Formatter<'_>, text: &str, keep_newlines: bool) -> fmt::Result {
    for c in text.chars() {
        if unprintable(c) && !(keep_newlines && c == '\n') {
            write!(f, "{}", c.escape_default())?;
        } else {
            f.write_char(c)?;
        }
    }
    Ok(())
}

/// Longest quotation kept in a message, in characters: messages quote the
/// editor's values and keys (ours in backticks, serde's in `"…"`), and a
/// value can be a whole file (a views file linked to a secret) or a key a
/// megabyte long. Enough to recognise the value, not to publish it in a
/// build log.
const MAX_QUOTED_CHARS: usize = 60;

/// Longest line of a message: the backstop for the editor's text that no
/// quotes mark out (a key in serde's "path: " prefix) or that pairs quotes
/// wrongly because it holds one itself.
const MAX_LINE_CHARS: usize = 300;

/// Shortens each quotation in `message` to [`MAX_QUOTED_CHARS`], then each
/// line to [`MAX_LINE_CHARS`], marking every cut with "…", so the words
/// around a long value (what was expected, the allowed keys) stay readable.
/// Done once, when a diagnostic is made, for every message.
fn clip(message: String) -> String {
    if message.len() <= MAX_QUOTED_CHARS {
        return message;
    }
    let lines: Vec<String> = message
        .split('\n')
        .map(|line| cut(&clip_quotations(line), MAX_LINE_CHARS).into_owned())
        .collect();
    lines.join("\n")
}

fn clip_quotations(line: &str) -> String {
    let mut out = String::with_capacity(line.len().min(2 * MAX_LINE_CHARS));
    let mut rest = line;
    while let Some(open) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[open];
        let inner = &rest[open + 1..];
        let close = closing_quote(inner, quote).unwrap_or(inner.len());
        out.push_str(&rest[..=open]);
        out.push_str(&cut(&inner[..close], MAX_QUOTED_CHARS));
        // The closing quote, if any, is kept with the text after it.
        rest = &inner[close..];
        if let Some(after) = rest.strip_prefix(quote as char) {
            out.push(quote as char);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The offset of the quote closing a quotation that starts `inner`; in
/// `"…"` (Rust's `{:?}`, as serde writes values) a `\"` does not close.
fn closing_quote(inner: &str, quote: u8) -> Option<usize> {
    let mut escaped = false;
    for (i, byte) in inner.bytes().enumerate() {
        match byte {
            b'\\' if quote == b'"' && !escaped => escaped = true,
            b if b == quote && !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// `value` cut as quotations in messages are, for a value that a message
/// shows without quotes.
pub fn clipped(value: &str) -> std::borrow::Cow<'_, str> {
    cut(value, MAX_QUOTED_CHARS)
}

/// `text`'s first `max` characters and "…", if it is longer; a cut never
/// splits an escape such as `\u{1b}`.
fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let Some((end, _)) = text.char_indices().nth(max) else {
        return text.into();
    };
    let mut kept = &text[..end];
    if let Some(backslash) = kept.rfind('\\').filter(|&i| end - i < 10) {
        kept = &kept[..backslash];
    }
    format!("{kept}…").into()
}

/// A value from the editor's files as quoted in a message, with
/// unprintable characters escaped so the message stays on one line.
pub fn shown(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if unprintable(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Control characters, and the bidi controls that reorder a terminal line
/// (so a message could show another file's name).
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
/// An offset past the end or inside a character is clamped.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Turns the byte offsets of one text into line:column in a single pass when
/// they come in increasing order (as links do), so reporting many problems
/// in a large file does not rescan it from the start for each one.
pub struct LineCursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str) -> LineCursor<'a> {
        LineCursor {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = LineCursor::new(self.text);
        }
        let between = &self.text[self.offset..offset];
        match between.rfind('\n') {
            Some(last) => {
                self.line += between.matches('\n').count();
                self.column = between[last + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// Sorts diagnostics by file and position so output is stable across runs,
/// and drops exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.position, a.severity, &a.message)
            .cmp(&(&b.path, b.position, b.severity, &b.message))
    });
    diagnostics.dedup();
}

/// "did you mean `paginate`?" for a misspelt key, when one is close enough.
pub fn suggestion<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\nđắk x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_column(text, x), (2, 5));
        assert_eq!(line_column(text, 999), (2, 6));
    }

    #[test]
    fn line_cursor_agrees_with_line_column() {
        let text = "ab\nđắk x\n\nyz";
        let mut cursor = LineCursor::new(text);
        for offset in [0, 1, 3, 5, 9, 10, 11, 12, 2, 99] {
            assert_eq!(
                cursor.position(offset),
                line_column(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["title", "paginate", "timezone"];
        assert_eq!(suggestion("paginat", keys), Some("paginate"));
        assert_eq!(suggestion("tittle", keys), Some("title"));
        assert_eq!(suggestion("zzz", keys), None);
    }

    #[test]
    fn display_is_path_line_column_message() {
        let d = Diagnostic::error("content/a.md", "bad").at(3, 7);
        assert_eq!(d.to_string(), "content/a.md:3:7: bad");
        let w = Diagnostic::warning("config.yaml", "odd");
        assert_eq!(w.to_string(), "config.yaml: warning: odd");
    }

    #[test]
    fn long_quotations_are_cut_and_the_words_around_them_kept() {
        let secret = "SECRET\\\"".repeat(10_000);
        let message = format!("key: invalid type: string {secret:?}, expected u64");
        let d = Diagnostic::error("data/views.yaml", message).at(1, 6);
        let quoted = r#"SECRET\\\"SECRET\\\"SECRET\\\"SECRET\\\"SECRET\\\"SECRET\\…"#;
        assert_eq!(
            d.message,
            format!(r#"key: invalid type: string "{quoted}", expected u64"#)
        );
        let d = Diagnostic::error(
            "config.yaml",
            format!("unknown key `{}`; allowed", "k".repeat(99)),
        );
        assert_eq!(
            d.message,
            format!("unknown key `{}…`; allowed", "k".repeat(60))
        );
        // Quotes that pair wrongly, or none at all: each line is cut.
        for message in [
            "`a`".repeat(1000),
            "x".repeat(1000),
            format!("a\n{}", "đ".repeat(400)),
        ] {
            let d = Diagnostic::warning("a.md", message);
            assert!(
                d.message
                    .lines()
                    .all(|l| l.chars().count() <= MAX_LINE_CHARS + 1)
            );
            assert!(d.message.ends_with('…'), "{}", d.message);
        }
        let short = "date: invalid date \"2023-13-01\": month 13 does not exist";
        assert_eq!(Diagnostic::error("a.md", short).message, short);
    }

    #[test]
    fn display_stays_on_one_line_for_odd_file_names() {
        let d = Diagnostic::error("content/a\nb\u{1b}[31m\u{202e}.md", "bad\r\nvalue").at(1, 1);
        assert_eq!(
            d.to_string(),
            "content/a\\nb\\u{1b}[31m\\u{202e}.md:1:1: bad\\r\nvalue"
        );
        assert_eq!(shown("a\nb\tc"), "a\\nb\\tc");
    }
}
