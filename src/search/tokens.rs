//! The tokenizer, the contract with `themes/default/static/js/search.js`:
//! text in, syllables out, each with its fold and its spelling (see the
//! [module](super) comment); the text an article is searched by (its
//! summary put in front of its body when not part of it); and the table
//! that numbers each spelling met. The script cuts and keys a query the
//! same way (a Node test holds the two to the same output), so a change
//! here is a change there.

use std::borrow::Cow;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{FastMap, SearchDoc, Stemmer};
use crate::text::nfc::nfc;
use crate::text::slug::fold_marks;

/// Marks a word not yet numbered when an article was read; spelling
/// numbers stay below it.
pub(super) const NEW: u32 = 1 << 31;

/// The fields of an article, in the order their syllables are numbered.
/// The body comes last, so that the manifest need only say how long the
/// others are (most are short or empty).
pub(super) const FIELDS: usize = 5;

/// An article's fields as indexed (the title and body also as shown):
/// title, labels (tags, category, authors), captions, code, body. NFC, so
/// that a syllable is one whichever way the editor typed it.
pub(super) fn normalized<'d>(doc: &'d SearchDoc<'_>) -> [Cow<'d, str>; FIELDS] {
    [
        nfc(doc.title.as_ref()),
        nfc(doc.labels.as_ref()),
        nfc(doc.captions.as_ref()),
        nfc(doc.code.as_ref()),
        nfc(body_text(doc)),
    ]
}

/// Every spelling met so far, numbered. Articles repeat the same few
/// thousand words, so each word as written is folded and spelled once and
/// looked up after that: most of the time of indexing went there. Numbers
/// are never reused, so cached blocks keep theirs.
#[derive(Default)]
pub(super) struct Words {
    pub(super) stemmer: Option<Stemmer>,
    /// A word as written → its spelling's number; None when nothing is left
    /// of it after folding.
    pub(super) written: FastMap<String, Option<u32>>,
    numbers: FastMap<Syllable, u32>,
    pub(super) syllables: Vec<Syllable>,
    /// By spelling number, the number of its fold: what the lists of the
    /// syllables that follow each fold count by (see `follows.rs`).
    pub(super) fold_of: Vec<u32>,
    /// Every fold met so far, by number.
    pub(super) folds: Vec<String>,
    fold_numbers: FastMap<String, u32>,
}

impl Words {
    pub(super) fn word(&mut self, word: String) -> Option<u32> {
        if let Some(&n) = self.written.get(&word) {
            return n;
        }
        let n = syllable(&word, self.stemmer).map(|syllable| {
            if let Some(&n) = self.numbers.get(&syllable) {
                return n;
            }
            let next = u32::try_from(self.syllables.len())
                .ok()
                .filter(|&n| n < NEW);
            let next = next.expect("fewer than 2G spellings");
            let folds = self.folds.len();
            let fold = *self
                .fold_numbers
                .entry(syllable.fold.clone())
                .or_insert_with_key(|f| {
                    self.folds.push(f.clone());
                    u32::try_from(folds).expect("fewer than 4G folds")
                });
            self.fold_of.push(fold);
            self.syllables.push(syllable.clone());
            self.numbers.insert(syllable, next);
            next
        });
        self.written.insert(word, n);
        n
    }

    /// The key a spelling is written under in its fold's entry: the
    /// spelling that is the fold itself (no marks) is written "".
    pub(super) fn key(&self, n: u32) -> (&str, &str) {
        let syllable = &self.syllables[n as usize];
        if syllable.spelling == syllable.fold {
            (&syllable.fold, "")
        } else {
            (&syllable.fold, &syllable.spelling)
        }
    }
}

/// A syllable's two search keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Syllable {
    /// Lowercase, no marks, đ → d: what matching compares.
    pub fold: String,
    /// Lowercase with marks, tone marks last: what "exact marks" compares.
    pub spelling: String,
}

/// The syllables of `text`, in order: runs of letters, digits and combining
/// marks, lowercased; runs with nothing left after folding are skipped.
pub fn syllables(text: &str) -> Vec<Syllable> {
    stemmed_syllables(text, None)
}

/// [`syllables`] as an index with `stemmer` keys them: each fold of
/// letters a–z stemmed.
pub fn stemmed_syllables(text: &str, stemmer: Option<Stemmer>) -> Vec<Syllable> {
    words(text).filter_map(|w| syllable(w, stemmer)).collect()
}

pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// Longest syllable indexed, in characters of its fold. A longer run of
/// letters (a hex dump, text with no spaces) is indexed, and searched, by
/// its first this many characters folded, which are also its only spelling:
/// no word is that long, and the index's prefix map, and the work to make
/// it, grow with the longest fold. The script cuts a query's syllables the
/// same way, so such a run is still found.
pub const MAX_SYLLABLE_CHARS: usize = 64;

fn syllable(word: &str, stemmer: Option<Stemmer>) -> Option<Syllable> {
    let mut fold = fold_marks(word);
    if fold.is_empty() {
        return None;
    }
    if let Some(end) = cut_at(&fold) {
        fold.truncate(end);
        return Some(Syllable {
            spelling: fold.clone(),
            fold,
        });
    }
    if let Some(stemmer) = stemmer {
        fold = stem(stemmer, fold);
    }
    Some(Syllable {
        fold,
        spelling: spelling(word),
    })
}

/// The stem of a fold of letters a–z (digits and other scripts are left
/// as they are); Snowball's English algorithm as rust-stemmers has it.
fn stem(stemmer: Stemmer, fold: String) -> String {
    if !fold.bytes().all(|b| b.is_ascii_lowercase()) {
        return fold;
    }
    let algorithm = match stemmer {
        Stemmer::English => rust_stemmers::Algorithm::English,
    };
    match rust_stemmers::Stemmer::create(algorithm).stem(&fold) {
        Cow::Borrowed(_) => fold,
        Cow::Owned(stem) => stem,
    }
}

/// Where a fold longer than [`MAX_SYLLABLE_CHARS`] is cut.
fn cut_at(fold: &str) -> Option<usize> {
    // Bytes first: a fold of no more bytes has no more characters.
    if fold.len() <= MAX_SYLLABLE_CHARS {
        return None;
    }
    fold.char_indices()
        .nth(MAX_SYLLABLE_CHARS)
        .map(|(end, _)| end)
}

/// The script's word pattern is `[\p{Alphabetic}\p{N}\p{M}]`: the same sets.
/// Vietnamese letters are answered from their ranges first: the general
/// lookup was a tenth of the time of indexing.
fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' | '×' | '÷' => false,
        // Latin-1 letters, Latin Extended-A and -B, combining diacritics,
        // Latin Extended Additional: letters and marks throughout.
        '\u{C0}'..='\u{24F}' | '\u{300}'..='\u{36F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphabetic() || c.is_numeric() || is_combining_mark(c),
    }
}

/// Lowercase with all marks, but the five Vietnamese tone marks (grave,
/// acute, tilde, hook above, dot below) moved after the rest of the
/// syllable. Where the tone sits is a matter of convention ("hòa" / "hoà",
/// "thủy" / "thuỷ", "khỏe" / "khoẻ"), so a key that ignores the place but
/// keeps the tone and the vowel marks (ă â ê ô ơ ư, đ) compares spellings
/// without having to encode either convention's rules.
fn spelling(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut base = String::with_capacity(word.len());
    let mut tones = String::new();
    for c in word.chars().flat_map(char::to_lowercase).nfd() {
        if is_tone_mark(c) {
            tones.push(c);
        } else {
            base.push(c);
        }
    }
    base.push_str(&tones);
    base.nfc().collect()
}

fn is_tone_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// The text searched as the body: the article's text, with the summary in
/// front when it is not already part of it (a summary written in front
/// matter), so words found only there match too.
fn body_text<'d>(doc: &'d SearchDoc<'_>) -> Cow<'d, str> {
    // A summary cut short ends in "…", which the text does not have.
    let summary = doc.summary.trim().trim_end_matches('…');
    if summary.is_empty() || doc.text.contains(summary) || contains_words(&doc.text, summary) {
        Cow::Borrowed(&doc.text)
    } else {
        Cow::Owned(format!("{summary}\n\n{}", doc.text))
    }
}

/// Whether `text` contains `part` once runs of white space are one space
/// in both, without copying `text`: Knuth–Morris–Pratt over its characters
/// with white space collapsed as they are read, so the time is linear
/// whatever the two hold (trying each place where the first word is found
/// was quadratic on repeated words). Where nothing of `part` has matched
/// yet, the next place its first word is found is jumped to.
fn contains_words(text: &str, part: &str) -> bool {
    let Some(first) = part.split_whitespace().next() else {
        return true;
    };
    let mut pattern: Vec<char> = Vec::with_capacity(part.len());
    for word in part.split_whitespace() {
        if !pattern.is_empty() {
            pattern.push(' ');
        }
        pattern.extend(word.chars());
    }
    // `fallback[i]`: the longest proper prefix of `pattern[..=i]` that is
    // also a suffix of it.
    let mut fallback = vec![0; pattern.len()];
    let mut k = 0;
    for i in 1..pattern.len() {
        while k > 0 && pattern[i] != pattern[k] {
            k = fallback[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        fallback[i] = k;
    }
    let (mut matched, mut at, mut after_space) = (0, 0, false);
    while at < text.len() {
        if matched == 0 {
            match text[at..].find(first) {
                Some(found) => at += found,
                None => return false,
            }
        }
        let c = text[at..].chars().next().expect("inside the text");
        at += c.len_utf8();
        let c = if c.is_whitespace() {
            if after_space {
                continue;
            }
            ' '
        } else {
            c
        };
        after_space = c == ' ';
        while matched > 0 && pattern[matched] != c {
            matched = fallback[matched - 1];
        }
        if pattern[matched] == c {
            matched += 1;
            if matched == pattern.len() {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn collapse_spaces(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn contains_words_is_containment_with_spaces_collapsed(
            text in "[abđ \n\t\u{a0}\u{3000}]{0,24}",
            part in "[abđ \n\u{3000}]{0,10}",
        ) {
            let expected = collapse_spaces(&text).contains(&collapse_spaces(&part));
            prop_assert_eq!(contains_words(&text, &part), expected);
        }
    }

    /// A summary that almost matches everywhere in a text of the same
    /// word: trying each place was text × summary steps, minutes here.
    #[test]
    fn contains_words_is_linear_on_repeated_words() {
        let text = "a ".repeat(200_000);
        let part = format!("{}b", "a ".repeat(10_000));
        let start = std::time::Instant::now();
        assert!(!contains_words(&text, &part));
        assert!(contains_words(&format!("{text}b"), &part));
        let took = start.elapsed();
        assert!(took.as_secs() < 5, "{took:?}");
    }

    #[test]
    fn word_char_fast_path_agrees() {
        for c in ('\0'..='\u{2000}').chain('\u{1E00}'..='\u{1F00}') {
            let general = c.is_alphabetic() || c.is_numeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), general, "{c:?}");
        }
    }

    #[test]
    fn spelling_moves_tone_marks_last() {
        assert_eq!(spelling("Hòa"), spelling("hoà"));
        assert_eq!(spelling("thủy"), spelling("thuỷ"));
        assert_eq!(spelling("khỏe"), spelling("khoẻ"));
        assert_ne!(spelling("số"), spelling("sơ"));
        assert_ne!(spelling("đổi"), spelling("đội"));
        assert_eq!(spelling("ĐỔI"), spelling("đổi"));
        assert_eq!(spelling("hoà"), "hoà");
    }
}
