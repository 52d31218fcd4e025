//! URL slugs and accent folding for Vietnamese (and other Latin-script) text.
//!
//! Both [`slugify`] and [`fold_marks`] share one folding pass:
//!
//! * each character is compatibility-decomposed (NFKD), so precomposed
//!   "ệ" and decomposed "e + ̣ + ̂" from word processors look the same, and
//!   "ﬁ" or full-width "Ａ" become plain letters;
//! * combining marks that sit on a Latin letter are dropped, which also makes
//!   old and new tone placement ("hòa"/"hoà") agree;
//! * letters whose stroke is part of the glyph and therefore never
//!   decomposes (đ, ł, ø, …) are mapped to their base letter;
//! * everything is lowercased.
//!
//! Marks on letters of other scripts are kept: for Cyrillic "й" or Hindi
//! vowel signs the mark is part of the letter, and removing it would change
//! the word. The non-ASCII result is put back into NFC so that equal text
//! always yields byte-identical output.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::nfc::into_nfc;

/// Longest slug, in bytes. A slug is one folder name in the output, and file
/// systems refuse names over 255 bytes; 200 also keeps URLs readable.
pub const MAX_SLUG_BYTES: usize = 200;

/// URL slug: Vietnamese (and other Latin) letters lose their marks, đ/Đ become d,
/// lowercase; runs of anything not alphanumeric become one '-'; no leading/trailing '-'.
/// Letters of non-Latin scripts (e.g. CJK, Cyrillic) are kept, lowercased.
/// At most [`MAX_SLUG_BYTES`], cut after the last whole word that fits.
/// Returns "" when nothing is left.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    // A separator is only written once the next word character arrives,
    // which collapses runs and never leaves a leading or trailing '-'.
    let mut pending_separator = false;
    let mut sink = |c: char| {
        if is_combining_mark(c) {
            // Only marks kept by the fold (on non-Latin letters) get here;
            // they belong to the letter before them, so they must not split
            // the word. A mark with no letter before it is dropped, even one
            // that counts as alphabetic (Sinhala and Devanagari vowel signs).
            if !pending_separator && !slug.is_empty() {
                slug.push(c);
            }
        } else if c.is_alphanumeric() && !c.is_uppercase() {
            // Still uppercase after folding means no lowercase form: only
            // the emoji-like negative circled and squared letters (🅐, 🅰),
            // dropped like other emoji.
            if pending_separator && !slug.is_empty() {
                slug.push('-');
            }
            pending_separator = false;
            slug.push(c);
        } else {
            pending_separator = true;
        }
    };
    if text.is_ascii() {
        // Fast path: no decomposition tables needed.
        for c in text.chars() {
            sink(c.to_ascii_lowercase());
        }
    } else {
        fold_into(text, &mut sink);
    }
    shorten(into_nfc(slug))
}

/// Cuts a slug to [`MAX_SLUG_BYTES`]: after the last whole word that fits,
/// or, for one very long word, between two letters (never between a letter
/// and its marks).
fn shorten(mut slug: String) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug;
    }
    let word_end = slug
        .match_indices('-')
        .map(|(at, _)| at)
        .take_while(|&at| at <= MAX_SLUG_BYTES)
        .last();
    let end = word_end.unwrap_or_else(|| {
        slug.char_indices()
            .take_while(|&(at, _)| at <= MAX_SLUG_BYTES)
            .filter(|&(_, c)| !is_combining_mark(c))
            .map(|(at, _)| at)
            .last()
            .unwrap_or(0)
    });
    slug.truncate(end);
    slug
}

/// Vietnamese-aware fold used for search and comparisons: lowercase, all marks removed, đ→d.
/// (Same folding as slugify without the hyphenation.)
/// Like slugify, it keeps marks that belong to letters of non-Latin scripts
/// (Cyrillic "й", Devanagari vowel signs), where they are part of the letter.
pub fn fold_marks(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut |c| folded.push(c));
    into_nfc(folded)
}

/// Runs the fold over `text`, handing each output character to `sink`.
/// Nothing is allocated per character.
fn fold_into(text: &str, sink: &mut impl FnMut(char)) {
    // Whether a combining mark seen now should be dropped. Marks are dropped
    // after Latin letters and after anything that is not a letter (digits,
    // stray marks, emoji variation selectors, keycaps); they are kept only
    // after letters of other scripts.
    let mut drop_marks = true;
    for c in text.chars() {
        if c.is_ascii() {
            sink(c.to_ascii_lowercase());
            drop_marks = true;
            continue;
        }
        decompose_compatible(c, |part| {
            // Lowercase first: a lowercase mapping may itself produce a
            // mark, which must then be judged like any other.
            for lower in part.to_lowercase() {
                if is_combining_mark(lower) {
                    if !drop_marks {
                        sink(lower);
                    }
                    continue;
                }
                let base = fold_stroke(lower);
                drop_marks = is_latin(base) || !base.is_alphabetic();
                sink(base);
            }
        });
    }
}

/// Maps lowercase Latin letters whose mark is fused into the glyph (so
/// Unicode gives them no decomposition) to their plain letter.
fn fold_stroke(c: char) -> char {
    match c {
        // Vietnamese đ. Icelandic ð (from Ð U+00D0) and African ɖ (from Ɖ)
        // look identical to Đ and are often typed by mistake for it.
        'đ' | 'ð' | 'ɖ' => 'd',
        'ł' | 'ƚ' => 'l',
        'ø' => 'o',
        'ħ' => 'h',
        'ŧ' => 't',
        'ƀ' => 'b',
        'ǥ' => 'g',
        'ƶ' => 'z',
        'ɨ' | 'ı' => 'i',
        'ȷ' => 'j',
        'ʉ' => 'u',
        _ => c,
    }
}

/// Whether `c` belongs to one of the Latin blocks (after NFKD, full-width
/// and other compatibility forms have already become these).
fn is_latin(c: char) -> bool {
    matches!(
        c,
        'A'..='Z'
            | 'a'..='z'
            | '\u{00C0}'..='\u{024F}' // Latin-1 letters, Extended-A and -B
            | '\u{0250}'..='\u{02AF}' // IPA extensions
            | '\u{1D00}'..='\u{1DBF}' // phonetic extensions
            | '\u{1E00}'..='\u{1EFF}' // Latin Extended Additional (Vietnamese)
            | '\u{2C60}'..='\u{2C7F}' // Latin Extended-C
            | '\u{A720}'..='\u{A7FF}' // Latin Extended-D
            | '\u{AB30}'..='\u{AB6F}' // Latin Extended-E
    )
}

/// An output path as a case-insensitive file system or host sees it
/// (Windows, macOS, many web servers): two paths with the same fold are
/// one file there.
pub fn fold_case(path: &str) -> String {
    if path.is_ascii() {
        path.to_ascii_lowercase()
    } else {
        path.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn key_example() {
        assert_eq!(
            slugify(
                "Phó Chủ tịch UBND tỉnh Trịnh Trường Huy làm việc với sở Thông tin và Truyền thông"
            ),
            "pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong"
        );
    }

    #[test]
    fn nfc_and_nfd_agree() {
        let text =
            "Phó Chủ tịch UBND tỉnh Trịnh Trường Huy làm việc với sở Thông tin và Truyền thông";
        let decomposed = nfd(text);
        assert_ne!(decomposed, text);
        assert_eq!(slugify(&decomposed), slugify(text));
        assert_eq!(fold_marks(&decomposed), fold_marks(text));
        assert_eq!(slugify(&nfd("Đắk Lắk")), "dak-lak");
        assert_eq!(slugify(&nfd("Nguyễn Thị Ệ")), "nguyen-thi-e");
    }

    #[test]
    fn tone_placement_old_and_new() {
        assert_eq!(slugify("hòa"), "hoa");
        assert_eq!(slugify("hoà"), "hoa");
        assert_eq!(fold_marks("Thủy"), fold_marks("Thuỷ"));
        assert_eq!(fold_marks("khỏe"), fold_marks("khoẻ"));
    }

    #[test]
    fn d_with_stroke() {
        assert_eq!(slugify("Đắk Lắk"), "dak-lak");
        assert_eq!(slugify("ĐẠI HỌC"), "dai-hoc");
        assert_eq!(slugify("đường"), "duong");
        // Eth and African D look like Đ and get typed instead of it.
        assert_eq!(slugify("\u{00D0}à Nẵng"), "da-nang");
        assert_eq!(slugify("\u{0189}à Lạt"), "da-lat");
    }

    #[test]
    fn punctuation_and_separators() {
        assert_eq!(slugify("  --Hello, World!--  "), "hello-world");
        assert_eq!(slugify("C++ & Rust 2024"), "c-rust-2024");
        assert_eq!(slugify("a_b.c/d"), "a-b-c-d");
        assert_eq!(slugify("already-a-slug"), "already-a-slug");
        assert_eq!(slugify("Tab\tand\nnewline"), "tab-and-newline");
        assert_eq!(slugify("x\u{00A0}y\u{2014}z"), "x-y-z");
    }

    #[test]
    fn vietnamese_vowels() {
        assert_eq!(slugify("Tiếng Việt: ơ ư ă â ê ô"), "tieng-viet-o-u-a-a-e-o");
        assert_eq!(
            fold_marks("ÁÀẢÃẠ ĂẮẰẲẴẶ ÂẤẦẨẪẬ ÉÈẺẼẸ ÊẾỀỂỄỆ ÍÌỈĨỊ"),
            "aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii"
        );
        assert_eq!(
            fold_marks("óòỏõọ ôốồổỗộ ơớờởỡợ úùủũụ ưứừửữự ýỳỷỹỵ đ"),
            "ooooo oooooo oooooo uuuuu uuuuuu yyyyy d"
        );
    }

    #[test]
    fn nothing_left() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("   "), "");
        assert_eq!(slugify("!!! --- ???"), "");
        assert_eq!(slugify("🎉🔥👍🏽"), "");
        assert_eq!(slugify("🅐🅰 🅱"), "");
        assert_eq!(slugify("Nhóm 🅰 tin"), "nhom-tin");
        // Found by the property tests: a vowel sign left without its letter
        // started the slug, and slugify was no longer idempotent.
        assert_eq!(slugify("🅐\u{dcf}"), "");
        assert_eq!(slugify("- \u{93f}क"), "क");
        assert_eq!(slugify("❤️ ✨"), "");
        assert_eq!(slugify("\u{0301}\u{0323}"), "");
    }

    #[test]
    fn emoji_between_words() {
        assert_eq!(slugify("Tết 🎉 2024"), "tet-2024");
        // Keycap "1️⃣" is 1 + variation selector + combining keycap.
        assert_eq!(slugify("Top 1\u{FE0F}\u{20E3}"), "top-1");
        // A mark on a digit is dropped however the digit was written, so
        // slugify stays idempotent.
        assert_eq!(slugify("\u{1FBF7}\u{0BC0}"), "7");
        assert_eq!(slugify("7\u{0BC0}"), "7");
    }

    #[test]
    fn other_latin_languages() {
        assert_eq!(
            slugify("Crème Brûlée à la française"),
            "creme-brulee-a-la-francaise"
        );
        assert_eq!(slugify("Łódź, Øresund, Ħamrun"), "lodz-oresund-hamrun");
        assert_eq!(slugify("İstanbul Işık"), "istanbul-isik");
        assert_eq!(slugify("Straße"), "straße");
    }

    #[test]
    fn compatibility_forms() {
        assert_eq!(slugify("ﬁnal"), "final");
        assert_eq!(slugify("ＡＢＣ　１２３"), "abc-123");
        assert_eq!(slugify("10 m²"), "10-m2");
    }

    #[test]
    fn non_latin_scripts_are_kept() {
        assert_eq!(slugify("Привет, Мир"), "привет-мир");
        assert_eq!(slugify("Йошкар-Ола"), "йошкар-ола");
        assert_eq!(slugify("越南 新闻"), "越南-新闻");
        assert_eq!(slugify("東京タワー"), "東京タワー");
        assert_eq!(slugify("한국 뉴스"), "한국-뉴스");
        assert_eq!(slugify("हिन्दी समाचार"), "हिन्दी-समाचार");
        assert_eq!(slugify("ΑΘΗΝΑ"), "αθηνα");
    }

    #[test]
    fn non_latin_nfc_and_nfd_agree() {
        for text in ["Йошкар-Ола", "한국 뉴스", "हिन्दी", "Ёлка"] {
            let expected = slugify(text);
            assert_eq!(slugify(&nfd(text)), expected, "{text}");
            assert_eq!(fold_marks(&nfd(text)), fold_marks(text), "{text}");
            assert!(unicode_normalization::is_nfc(&expected));
        }
        assert_eq!(fold_marks(&nfd("й")), "й");
    }

    #[test]
    fn fold_marks_keeps_spacing_and_punctuation() {
        assert_eq!(fold_marks(""), "");
        assert_eq!(fold_marks("  Hà Nội, Việt Nam!  "), "  ha noi, viet nam!  ");
        assert_eq!(fold_marks("ASCII Only 123"), "ascii only 123");
        assert_eq!(fold_marks("Đắk Lắk"), "dak lak");
        assert_eq!(fold_marks("ĐẠI HỌC"), "dai hoc");
    }

    #[test]
    fn fold_marks_matches_slugify() {
        let texts = [
            "Tiếng Việt: ơ ư ă â ê ô",
            "Phó Chủ tịch UBND",
            "Crème brûlée",
            "Привет Мир",
        ];
        for text in texts {
            let folded = fold_marks(text);
            assert_eq!(slugify(&folded), slugify(text), "{text}");
        }
    }

    #[test]
    fn long_titles_are_cut_after_a_whole_word() {
        let title = "Tiếng Việt ".repeat(40);
        let slug = slugify(&title);
        assert!(slug.len() <= MAX_SLUG_BYTES, "{}", slug.len());
        assert!(slug.ends_with("-viet") && slug.starts_with("tieng-viet-"));
        assert_eq!(slugify(&slug), slug);
        let word = "đ".repeat(300);
        assert_eq!(slugify(&word), "d".repeat(MAX_SLUG_BYTES));
        let cyrillic = "й".repeat(150);
        let slug = slugify(&cyrillic);
        assert!(slug.len() <= MAX_SLUG_BYTES && slug.chars().all(|c| c == 'й'));
        let marked = "и\u{306}".repeat(150);
        assert_eq!(slugify(&marked), slug);
    }

    #[test]
    fn never_panics_on_odd_input() {
        let inputs = [
            "\0",
            "\u{FFFF}",
            "\u{10FFFF}",
            "\u{E000}",
            "\u{200D}\u{200B}\u{FEFF}",
            "a\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}",
            "\u{0130}\u{0130}",
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "ﷺ",
        ];
        for text in inputs {
            let slug = slugify(text);
            assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            let _ = fold_marks(text);
        }
        assert_eq!(slugify("a\u{0301}\u{0301}\u{0301}"), "a");
    }
}
