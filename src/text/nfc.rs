//! NFC, the form text is compared and stored in, checked quickly.
//!
//! Almost all text arrives in NFC already, so the check is what costs:
//! `unicode_normalization`'s quick check looks up two tables for every
//! character that is not ASCII, and in Vietnamese that is one letter in
//! four. Precomposed Latin letters (ầ, ự, đ …) are all starters that NFC
//! allows, so they are answered from a bitmap made from the library's own
//! answers; the first other character hands the rest of the text to the
//! library.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters below this are answered from the bitmap: Latin-1 to Latin
/// Extended Additional, which holds the Vietnamese letters, and the
/// punctuation after it (dashes, curly quotes, the ellipsis).
const TABLE_END: u32 = 0x3000;

/// `text` in NFC, as it came when it already is.
pub fn nfc<'a>(text: impl Into<Cow<'a, str>>) -> Cow<'a, str> {
    let text = text.into();
    if is_nfc(&text) {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// `text` in NFC, without a copy when it already is.
pub fn into_nfc(text: String) -> String {
    if is_nfc(text.as_str()) {
        text
    } else {
        text.nfc().collect()
    }
}

/// Whether the quick check says "certainly NFC" (a "maybe" is a no: the
/// caller then normalises, which is always right).
fn is_nfc(text: &str) -> bool {
    let safe = safe_starters();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at a time: English text is nearly all ASCII.
        if let Some(word) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            if word & 0x8080_8080_8080_8080 == 0 {
                i += 8;
                continue;
            }
        }
        let (code, width) = match bytes[i] {
            b if b < 0x80 => (u32::from(b), 1),
            // `text` is UTF-8: a lead byte has its continuation bytes.
            b if b < 0xE0 => (u32::from(b & 0x1F) << 6 | u32::from(bytes[i + 1] & 0x3F), 2),
            b if b < 0xF0 => (
                u32::from(b & 0x0F) << 12
                    | u32::from(bytes[i + 1] & 0x3F) << 6
                    | u32::from(bytes[i + 2] & 0x3F),
                3,
            ),
            _ => (u32::MAX, 4),
        };
        if code < 0x80 || (code < TABLE_END && safe[(code / 64) as usize] & (1 << (code % 64)) != 0)
        {
            i += width;
            continue;
        }
        // The character before is a starter, so the library's check may
        // start afresh here.
        return is_nfc_quick(text[i..].chars()) == IsNormalized::Yes;
    }
    true
}

/// A bit for each character below [`TABLE_END`] that is a starter NFC
/// allows anywhere: skipping it leaves the quick check's state as it was
/// after any starter.
fn safe_starters() -> &'static [u64; TABLE_END as usize / 64] {
    static TABLE: OnceLock<[u64; TABLE_END as usize / 64]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0; TABLE_END as usize / 64];
        for c in (0..TABLE_END).filter_map(char::from_u32) {
            if canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                table[(c as u32 / 64) as usize] |= 1 << (c as u32 % 64);
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_library_on_every_character_pair() {
        // Every character of the table's range, and a few beyond, alone
        // and after and before a combining mark and a precomposed letter.
        let beyond = ['\u{2126}', '\u{3099}', '\u{AC00}', '\u{F900}', '\u{1D15E}'];
        let chars: Vec<char> = (0x80..TABLE_END)
            .filter_map(char::from_u32)
            .chain(beyond)
            .collect();
        for &c in &chars {
            for text in [
                format!("{c}"),
                format!("a{c}\u{301}"),
                format!("\u{1ea7}{c}"),
                format!("{c}\u{323}\u{302}"),
                format!("x\u{323}{c}"),
                format!("eight or more ASCII bytes {c}\u{300}"),
            ] {
                let library = is_nfc_quick(text.chars()) == IsNormalized::Yes;
                assert_eq!(is_nfc(&text), library, "{text:?}");
            }
        }
    }

    #[test]
    fn normalises_decomposed_vietnamese() {
        assert_eq!(nfc("Vie\u{323}\u{302}t Nam"), "Việt Nam");
        assert!(matches!(nfc("Việt Nam"), Cow::Borrowed(_)));
        assert_eq!(into_nfc("ho\u{300}a".to_string()), "hòa");
    }
}
