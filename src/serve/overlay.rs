//! What the browser overlay shows when a change does not build: every
//! current error with its code frame, each linked to its file through the
//! site's `editor_url` pattern, and the words of the overlay, in the
//! editor's language. Sent as one JSON object in the `error` event; the
//! script in `live.rs` builds the overlay from it with `textContent`, so
//! nothing in a diagnostic is ever read as HTML.

use std::path::Path;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::frame;
use crate::msg;

#[derive(Serialize)]
struct Overlay {
    title: String,
    kept: String,
    dismiss: String,
    show: String,
    open: String,
    errors: Vec<Shown>,
}

#[derive(Serialize)]
struct Shown {
    /// `path:line:column: message`, then the frame and the hint.
    text: String,
    /// The "open in editor" link, when the site has a pattern and the
    /// diagnostic a file.
    href: Option<String>,
}

/// The `error` event's data for `diagnostics` (a failed build's, sorted).
/// `editor_url` is config.yaml's pattern, like
/// `vscode://file/{path}:{line}:{column}`.
pub fn payload(diagnostics: &[Diagnostic], editor_url: Option<&str>) -> String {
    let mut source: Option<(&Path, Option<String>)> = None;
    let errors = diagnostics
        .iter()
        .map(|d| {
            if source.as_ref().is_none_or(|(path, _)| *path != d.path) {
                source = Some((&d.path, frame::read_source(&d.path)));
            }
            let text = source.as_ref().and_then(|(_, text)| text.as_deref());
            Shown {
                text: frame::render(d, text.filter(|_| d.position.is_some()), false),
                href: editor_url.and_then(|pattern| editor_link(pattern, d)),
            }
        })
        .collect();
    let overlay = Overlay {
        title: msg!("overlay-title"),
        kept: msg!("overlay-kept"),
        dismiss: msg!("overlay-dismiss"),
        show: msg!("overlay-show"),
        open: msg!("overlay-open"),
        errors,
    };
    // Strings and vectors only: serialising cannot fail.
    serde_json::to_string(&overlay).unwrap_or_default()
}

/// `pattern` with `{path}` (absolute, percent-encoded where a URL needs
/// it), `{line}` and `{column}` filled in.
fn editor_link(pattern: &str, d: &Diagnostic) -> Option<String> {
    let absolute = std::path::absolute(&d.path).ok()?;
    let path = encode_path(&absolute.to_string_lossy());
    let (line, column) = d.position.unwrap_or((1, 1));
    Some(
        pattern
            .replace("{path}", &path)
            .replace("{line}", &line.to_string())
            .replace("{column}", &column.to_string()),
    )
}

/// Percent-encodes what a URL cannot hold as it is; `/`, letters (any
/// script) and digits stay readable.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~') {
            out.push(c);
        } else {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_links_to_its_place() {
        let d = Diagnostic::error("/site/content/tin mới.md", "bad").at(3, 7);
        let json = payload(&[d], Some("vscode://file{path}:{line}:{column}"));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value["errors"][0]["href"],
            "vscode://file/site/content/tin%20mới.md:3:7"
        );
        assert!(
            value["errors"][0]["text"]
                .as_str()
                .unwrap()
                .starts_with("/site/content/tin mới.md:3:7: bad")
        );
        let without = payload(&[Diagnostic::error("a.md", "x")], None);
        assert!(without.contains(r#""href":null"#), "{without}");
    }
}
