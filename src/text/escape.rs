//! Escaping text for HTML and XML: for element content and for quoted
//! attribute values, in pages, feeds, the sitemap and serve's messages.

/// `text` with `& < > " '` escaped and the control characters XML 1.0
/// forbids (and HTML reports as errors) dropped; tabs and newlines stay.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape_markup`] does. Runs with
/// nothing to escape are copied whole: most text has none.
pub fn push_escaped(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1f => ("", 1),
            // U+FFFE and U+FFFF, which XML forbids too.
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => continue,
        };
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        copied = i + len;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::escape_markup;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape_markup("a<b>&\"'\u{1}c\td"),
            "a&lt;b&gt;&amp;&quot;&#39;c\td"
        );
        assert_eq!(
            escape_markup("Việt\u{fffe}\u{ffff}\u{fffd}<\u{1f}\r\n"),
            "Việt\u{fffd}&lt;\r\n"
        );
        assert_eq!(escape_markup("\u{ffff}"), "");
        assert_eq!(escape_markup("\u{feff}đ"), "\u{feff}đ");
    }
}
