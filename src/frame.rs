//! Code frames: a diagnostic as an editor reads it, its `path:line:column:
//! message` line, then the offending line of the file with a marker under
//! the column and the line above it for context, then how to fix it.
//!
//! The frame is drawn by annotate-snippets, the renderer rustc's own
//! messages use: it handles wide and combining characters, tabs and
//! colour, and has no dependencies beyond `anstyle`. (codespan-reporting
//! wants a file database and writes to a terminal handle; miette brings a
//! whole error-handling framework.) The same text, without colour, goes
//! into `serve`'s browser overlay.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diag::{Diagnostic, Severity};
use crate::msg;

/// Files larger than this get no frame: reading them again to show one
/// line is not worth it (articles are limited to 4 MiB anyway).
const MAX_FRAMED_BYTES: u64 = 4 * 1024 * 1024;

/// The text of the file a diagnostic is about, to frame it with.
pub fn read_source(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_FRAMED_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    // As `files` reads it: without a BOM, with LF line ends.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(text.replace("\r\n", "\n"))
}

/// `d` with its frame from `source` (the file's text) when it has a
/// position on a line of it; `color` for a terminal.
pub fn render(d: &Diagnostic, source: Option<&str>, color: bool) -> String {
    let mut out = d.to_string();
    let frame = source.zip(d.position).and_then(|(text, (line, column))| {
        frame(text, line, column, d.severity, d.hint.as_deref(), color)
    });
    match (frame, &d.hint) {
        (Some(frame), _) => {
            out.push('\n');
            out.push_str(&frame);
        }
        (None, Some(hint)) => {
            out.push_str(&format!(
                "\n  = {}: {}",
                msg!("diag-hint"),
                crate::diag::shown(hint)
            ));
        }
        (None, None) => {}
    }
    out
}

/// Most characters of a source line shown in a frame: a file linked to a
/// secret must not have it printed whole (`diag` cuts quoted values so).
const MAX_SHOWN_CHARS: usize = 60;

/// Lines `line - 1` and `line` of `text`, the second marked at `column`;
/// long lines show only the characters around the column.
fn frame(
    text: &str,
    line: usize,
    column: usize,
    severity: Severity,
    hint: Option<&str>,
    color: bool,
) -> Option<String> {
    let first = line.saturating_sub(1).max(1);
    let mut lines = text.split('\n').skip(first - 1);
    // The same window of characters of both lines, holding the column.
    let skip = column.saturating_sub(MAX_SHOWN_CHARS / 2 + 1);
    let window = |content: &str| {
        let mut shown: String = content.chars().skip(skip).take(MAX_SHOWN_CHARS).collect();
        if content.chars().count() > skip + MAX_SHOWN_CHARS {
            shown.push('…');
        }
        shown
    };
    let mut snippet_text = String::new();
    let mut marked_line_start = 0;
    for number in first..=line {
        let content = lines.next()?;
        if number == line {
            marked_line_start = snippet_text.len();
        }
        snippet_text.push_str(&printable(&window(content)));
        snippet_text.push('\n');
    }
    let marked = &snippet_text[marked_line_start..snippet_text.len() - 1];
    let start = marked
        .char_indices()
        .nth(column - 1 - skip)
        .map_or(marked.len(), |(i, _)| i);
    let end = marked[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let span = marked_line_start + start..marked_line_start + end;
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let snippet = Snippet::source(snippet_text.as_str())
        .line_start(first)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(span));
    let mut group = Group::with_level(level).element(snippet);
    let hint_name = msg!("diag-hint");
    if let Some(hint) = hint {
        group = group.element(
            Level::HELP
                .with_name(Some(hint_name.as_str()))
                .message(hint),
        );
    }
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    Some(renderer.render(&[group]).trim_end().to_string())
}

/// A source line as shown: control characters (but tabs) escaped, so a
/// frame cannot recolour the terminal or split a line.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c != '\t' && crate::diag::shown(c.encode_utf8(&mut [0; 4])).len() > c.len_utf8() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_is_under_the_column_with_the_line_above() {
        let d = Diagnostic::error("a.md", "bad colon")
            .at(2, 21)
            .with_hint("quote it");
        let text = "---\ntitle: Chuyển đổi số: hội nghị\ndate: x\n";
        let shown = render(&d, Some(text), false);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[0], "a.md:2:21: bad colon");
        assert!(lines.iter().any(|l| l.ends_with("1 | ---")), "{shown}");
        let marked = lines.iter().position(|l| l.contains("2 | title:")).unwrap();
        let marker = lines[marked + 1];
        assert_eq!(
            marker.find('^'),
            lines[marked].find(": hội").map(|i| {
                // The caret sits under the colon, counted in characters.
                lines[marked][..i].chars().count()
            }),
            "{shown}"
        );
        assert!(shown.contains("quote it"), "{shown}");
        assert!(
            !shown.contains("date: x"),
            "one line of context only: {shown}"
        );
    }

    #[test]
    fn without_source_the_hint_still_shows() {
        let d = Diagnostic::error("a.md", "bad").at(1, 1).with_hint("fix");
        assert_eq!(
            render(&d, None, false),
            "a.md:1:1: bad\n  = how to fix: fix"
        );
    }
}
