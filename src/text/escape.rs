//! Escaping text for HTML and XML: for element content and for quoted
//! attribute values, in pages, feeds, the sitemap and serve's messages.

/// `text` with `& < > " '` escaped and the control characters XML 1.0
/// forbids (and HTML reports as errors) dropped; tabs and newlines stay.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` to `out`, escaped as [`escape_markup`] does.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
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
    }
}
