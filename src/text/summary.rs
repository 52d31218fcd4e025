//! Summaries cut to a length listings, feeds and meta descriptions can hold.

/// Longest summary taken from an article's first paragraph, in characters.
pub const DERIVED_MAX_CHARS: usize = 300;

/// Longest summary an editor may write in front matter before it is cut
/// (with a warning): longer than a derived one, since it was chosen.
pub const EXPLICIT_MAX_CHARS: usize = 1000;

/// `text` cut to at most `max` characters plus "…": after the last whole
/// word that fits (whitespace between words collapsed to one space), or
/// inside a single word longer than `max`. None when `text` fits once its
/// whitespace is collapsed.
pub fn shorten(text: &str, max: usize) -> Option<String> {
    // A character past `max` means the text may have to be cut.
    text.chars().nth(max)?;
    let mut out = String::with_capacity(max + 3);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let sep = usize::from(!out.is_empty());
        if chars + sep + len > max {
            if out.is_empty() {
                out.extend(word.chars().take(max));
            }
            // "a, b…" rather than "a, b,…" or "a b.…".
            out.truncate(out.trim_end_matches([',', ';', ':', '.']).len());
            out.push('…');
            return Some(out);
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += sep + len;
    }
    // Only its white space was long.
    None
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn short_text_is_kept() {
        assert_eq!(shorten("Hà Nội  mưa", 11), None);
        assert_eq!(shorten("", 0), None);
        let spaced = format!("Hà{}Nội", " ".repeat(400));
        assert_eq!(shorten(&spaced, 300), None);
    }

    #[test]
    fn long_text_is_cut_after_a_whole_word() {
        assert_eq!(shorten("Hà Nội mưa to", 9).as_deref(), Some("Hà Nội…"));
        assert_eq!(shorten("một, hai, ba", 10).as_deref(), Some("một, hai…"));
        assert_eq!(shorten("đđđđđđ x", 4).as_deref(), Some("đđđđ…"));
        let long = "từ ".repeat(1_000_000);
        let cut = shorten(&long, 300).unwrap_or_default();
        assert!(cut.chars().count() <= 301, "{}", cut.len());
        assert!(cut.ends_with("từ…"));
    }
}
