//! The search index: one language's articles in, the files of a search that
//! needs no server out (read by `themes/default/static/js/search.js`).
//!
//! Text is cut into syllables — Vietnamese writes one syllable per word, so
//! "chuyển đổi số" is three — and each syllable gets two keys:
//! - its *fold* (lowercase, no marks, đ → d: "chuyen"), with
//!   [`fold_marks`], so a query matches with or without marks;
//! - its *spelling* (lowercase, marks kept, tone marks moved to the end of the
//!   syllable), so old and new tone placement agree ("hòa" and "hoà" both
//!   spell "hoà", "thủy" and "thuỷ" both "thuỷ") and exact marks can rank first.
//!
//! The script computes both keys the same way for the query (a Node test
//! holds the two implementations to the same output).
//!
//! Files, relative to the language's root:
//! - `search-index.json`, the manifest: format version, a build stamp the
//!   script adds to the other URLs (so a cached shard never meets a newer
//!   manifest), the number of title syllables of each article, and either the
//!   terms themselves (small sites) or a map from fold prefix to shard;
//! - `search/terms/<n>.json`: the shards, so a query loads only what its
//!   syllables need;
//! - `search/doc/<k>.json`: one per article (title, link, date, plain text),
//!   loaded only for the results on screen, to cut a snippet around the match.
//!   Keeping them out of the manifest is what keeps a query cheap on a large
//!   site: 10,000 titles, links and summaries alone would weigh megabytes.
//!
//! Articles are numbered from the oldest (0), so publishing a new one adds a
//! file instead of renumbering them all, and a higher number is newer.
//! Positions count syllables: the title's first, then the body's, one apart
//! so no phrase spans both. Terms map a fold to its spellings, and each
//! spelling to its postings: for each article that has it, the gap from the
//! previous article (doubled, plus one when a count follows: most syllables
//! occur once in an article), the count less two, then the positions as
//! gaps — all written as [`varint`]s in characters JSON needs no escape for,
//! about half the size of JSON number arrays. The spelling that is the fold
//! itself is written `""`, and a fold with no other spelling maps straight
//! to its postings: `{"chuyen":{"":"…","chuyên̉":"…"},"api":"…"}`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::text::slug::fold_marks;

/// One article as the search index sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchDoc {
    pub title: String,
    /// Site link, e.g. "/2023/06/slug/".
    pub href: String,
    /// The date shown in results: "05/06/2023" or "5 June 2023".
    pub date_display: String,
    /// Plain text.
    pub summary: String,
    /// Plain text of the whole body, no markup.
    pub text: String,
}

/// Format of the files; the script refuses any other.
pub const VERSION: u32 = 1;

/// Size limits that decide the layout. `build_index` uses the defaults; tests
/// lower them to see shards without building a large corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Terms up to this many bytes stay in `search-index.json`: one request.
    pub inline_terms: usize,
    /// Otherwise shards aim at this many bytes each (a single very common
    /// syllable may exceed it: it is never split).
    pub shard_target: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            inline_terms: 256 * 1024,
            shard_target: 128 * 1024,
        }
    }
}

/// Builds one language's index. Returns the files to write, as paths
/// relative to that language's root (`search-index.json` first, then
/// `search/…`), with their bytes. Deterministic: same docs → same bytes.
/// Docs come newest first.
pub fn build_index(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    build_index_with(docs, &IndexOptions::default())
}

/// [`build_index`] with explicit size limits.
pub fn build_index_with(docs: &[SearchDoc], options: &IndexOptions) -> Vec<(String, Vec<u8>)> {
    let mut vocabulary = Vocabulary::default();
    let mut titles = Vec::with_capacity(docs.len());
    let mut records = Vec::with_capacity(docs.len());
    for (k, doc) in docs.iter().rev().enumerate() {
        let title = nfc(&doc.title);
        let body = nfc(&body_text(doc)).into_owned();
        let title_syllables = vocabulary.add(k, &title, 0);
        // One position left empty, so that no phrase spans title and body.
        vocabulary.add(k, &body, title_syllables + 1);
        titles.push(title_syllables);
        let record = DocRecord {
            title: &title,
            href: &doc.href,
            date: &doc.date_display,
            text: &body,
        };
        records.push((format!("search/doc/{k}.json"), to_json(&record)));
    }

    let terms = vocabulary.into_terms();
    let total: usize = terms.iter().map(|(_, entry)| entry.len() + 1).sum();
    let (inline, shards, mut files) = if total <= options.inline_terms {
        let inline = json_object(terms.iter().map(|(_, e)| e));
        (Some(inline), None, Vec::new())
    } else {
        let (map, files) = shard_files(&terms, options.shard_target);
        (None, Some(map), files)
    };
    files.extend(records);

    let mut stamp = Fnv::default();
    if let Some(inline) = &inline {
        stamp.write(inline);
    }
    for (path, bytes) in &files {
        stamp.write(path.as_bytes());
        stamp.write(bytes);
    }
    let manifest = Manifest {
        version: VERSION,
        build: format!("{:016x}", stamp.0),
        titles,
        shards,
    };
    let mut manifest = to_json(&manifest);
    if let Some(inline) = inline {
        // `…}` → `…,"terms":{…}}`: the terms are JSON already.
        manifest.pop();
        manifest.extend_from_slice(b",\"terms\":");
        manifest.extend(inline);
        manifest.push(b'}');
    }
    files.insert(0, ("search-index.json".to_string(), manifest));
    files
}

/// Every spelling met so far, with its postings. Articles repeat the same
/// few thousand words, so each word as written is folded and spelled once
/// and looked up after that: most of the time of indexing went there.
#[derive(Default)]
struct Vocabulary {
    /// A word as written → its spelling's number; None when nothing is left
    /// of it after folding.
    written: HashMap<String, Option<usize>, BuildHasherDefault<WordHasher>>,
    numbers: HashMap<Syllable, usize, BuildHasherDefault<WordHasher>>,
    spellings: Vec<(Syllable, Postings)>,
}

impl Vocabulary {
    /// Adds the syllables of `text`, in article `doc`, from `position` on;
    /// returns how many there were.
    fn add(&mut self, doc: usize, text: &str, position: usize) -> usize {
        let mut count = 0;
        for word in words(text) {
            if let Some(n) = self.number(word) {
                self.spellings[n].1.add(doc, position + count);
                count += 1;
            }
        }
        count
    }

    fn number(&mut self, word: &str) -> Option<usize> {
        if let Some(&n) = self.written.get(word) {
            return n;
        }
        let n = syllable(word).map(|syllable| {
            let next = self.spellings.len();
            *self.numbers.entry(syllable).or_insert_with_key(|s| {
                self.spellings.push((s.clone(), Postings::default()));
                next
            })
        });
        self.written.insert(word.to_string(), n);
        n
    }

    /// Each fold with its `"fold":…` JSON entry, in fold order.
    fn into_terms(self) -> Vec<Term> {
        let mut folds: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        for (syllable, postings) in self.spellings {
            // The spelling that is the fold itself (no marks) is written "".
            let key = if syllable.spelling == syllable.fold {
                String::new()
            } else {
                syllable.spelling
            };
            folds
                .entry(syllable.fold)
                .or_default()
                .insert(key, postings.finish());
        }
        folds
            .into_iter()
            .map(|(fold, spellings)| {
                let mut entry = to_json(&fold);
                entry.push(b':');
                match spellings.get("") {
                    // Unmarked words (most English ones) have only that spelling.
                    Some(postings) if spellings.len() == 1 => entry.extend(to_json(postings)),
                    _ => entry.extend(to_json(&spellings)),
                }
                (fold, entry)
            })
            .collect()
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
    words(text).filter_map(syllable).collect()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

fn syllable(word: &str) -> Option<Syllable> {
    let fold = fold_marks(word);
    (!fold.is_empty()).then(|| Syllable {
        fold,
        spelling: spelling(word),
    })
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
fn body_text(doc: &SearchDoc) -> Cow<'_, str> {
    let summary = doc.summary.trim();
    if summary.is_empty()
        || doc.text.contains(summary)
        || collapse_spaces(&doc.text).contains(&collapse_spaces(summary))
    {
        Cow::Borrowed(&doc.text)
    } else {
        Cow::Owned(format!("{summary}\n\n{}", doc.text))
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// One spelling's postings, encoded as articles arrive (in number order).
#[derive(Default)]
struct Postings {
    encoded: String,
    /// The last article already encoded.
    previous: Option<usize>,
    doc: usize,
    positions: Vec<usize>,
}

impl Postings {
    fn add(&mut self, doc: usize, position: usize) {
        if doc != self.doc && !self.positions.is_empty() {
            self.flush();
        }
        self.doc = doc;
        self.positions.push(position);
    }

    fn flush(&mut self) {
        let gap = self.doc - self.previous.map_or(0, |p| p + 1);
        // Most syllables occur once in an article: that takes no count.
        let count = self.positions.len();
        varint(gap * 2 + usize::from(count > 1), &mut self.encoded);
        if count > 1 {
            varint(count - 2, &mut self.encoded);
        }
        let mut next = 0;
        for &position in &self.positions {
            varint(position - next, &mut self.encoded);
            next = position + 1;
        }
        self.previous = Some(self.doc);
        self.positions.clear();
    }

    fn finish(mut self) -> String {
        if !self.positions.is_empty() {
            self.flush();
        }
        self.encoded
    }
}

/// The 64 characters that end a number: its value modulo 64.
const FINAL_DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
/// The 28 other printable ASCII characters JSON strings take unescaped: the
/// higher part of a number, in base 28, most significant first.
const LEADING_DIGITS: &[u8; 28] = b"!#$%&'()*+,./:;<=>?@[]^`{|}~";

/// Appends `n` as one to a few characters: below 64 one character, below
/// 1,792 two, below 50,176 three. Numbers need no separator because only
/// the last character of each comes from [`FINAL_DIGITS`].
pub fn varint(n: usize, out: &mut String) {
    let mut high = n / 64;
    let mut leading = [0u8; 16];
    let mut len = 0;
    while high > 0 {
        leading[len] = LEADING_DIGITS[high % 28];
        high /= 28;
        len += 1;
    }
    out.extend(leading[..len].iter().rev().map(|&b| char::from(b)));
    out.push(char::from(FINAL_DIGITS[n % 64]));
}

/// Reads a postings string back: `(article, positions)` pairs. The script
/// does the same; this is here for tests and tools. None if malformed.
pub fn read_postings(encoded: &str) -> Option<Vec<(usize, Vec<usize>)>> {
    let mut numbers = Vec::new();
    let mut high = 0usize;
    for b in encoded.bytes() {
        if let Some(d) = FINAL_DIGITS.iter().position(|&f| f == b) {
            numbers.push(high.checked_mul(64)?.checked_add(d)?);
            high = 0;
        } else {
            let d = LEADING_DIGITS.iter().position(|&l| l == b)?;
            high = high.checked_mul(28)?.checked_add(d)?;
        }
    }
    let mut numbers = numbers.into_iter();
    let mut postings = Vec::new();
    let mut next_doc = 0;
    while let Some(head) = numbers.next() {
        let doc = next_doc + head / 2;
        let count = if head % 2 == 1 {
            numbers.next()? + 2
        } else {
            1
        };
        let mut positions = Vec::with_capacity(count);
        let mut next = 0;
        for _ in 0..count {
            let position = next + numbers.next()?;
            positions.push(position);
            next = position + 1;
        }
        postings.push((doc, positions));
        next_doc = doc + 1;
    }
    Some(postings)
}

/// A file to write: its path and bytes.
type File = (String, Vec<u8>);

/// A fold and its `"fold":…` JSON entry.
type Term = (String, Vec<u8>);

/// The shard files and the map from fold prefix to shard number.
fn shard_files(terms: &[Term], target: usize) -> (BTreeMap<String, usize>, Vec<File>) {
    let mut map = BTreeMap::new();
    let mut files = Vec::new();
    for (n, shard) in plan_shards(terms, target).into_iter().enumerate() {
        for prefix in shard.prefixes {
            map.insert(prefix, n);
        }
        let entries = terms[shard.range].iter().map(|(_, e)| e);
        files.push((format!("search/terms/{n}.json"), json_object(entries)));
    }
    (map, files)
}

/// One shard: a run of terms (in fold order) and the prefixes that lead to it.
struct Shard {
    range: std::ops::Range<usize>,
    prefixes: Vec<String>,
}

/// Groups the sorted terms by fold prefix: a prefix whose terms weigh more
/// than `target` is split by its next character (the term equal to the
/// prefix itself keeps it), then neighbouring groups are packed into shards
/// up to `target`. A syllable's shard is the one of its longest prefix in the
/// map, so a query needs no list of terms to find it.
fn plan_shards(terms: &[Term], target: usize) -> Vec<Shard> {
    let mut groups = Vec::new();
    split_group(terms, 0, 0, target, &mut groups);
    let mut shards: Vec<Shard> = Vec::new();
    let mut size = 0;
    for (prefix, range, weight) in groups {
        match shards.last_mut() {
            Some(shard) if size + weight <= target => {
                shard.range.end = range.end;
                shard.prefixes.push(prefix);
                size += weight;
            }
            _ => {
                shards.push(Shard {
                    range,
                    prefixes: vec![prefix],
                });
                size = weight;
            }
        }
    }
    shards
}

/// Splits `terms` (starting at index `start` of the full list, all sharing
/// their first `depth` characters) into groups of
/// `(prefix, index range, bytes)`.
fn split_group(
    terms: &[Term],
    start: usize,
    depth: usize,
    target: usize,
    groups: &mut Vec<(String, std::ops::Range<usize>, usize)>,
) {
    let weight = |terms: &[Term]| terms.iter().map(|(_, e)| e.len() + 1).sum();
    let mut i = 0;
    if depth > 0 {
        let total: usize = weight(terms);
        let prefix: String = terms[0].0.chars().take(depth).collect();
        if total <= target || terms.iter().all(|(f, _)| f.chars().nth(depth).is_none()) {
            groups.push((prefix, start..start + terms.len(), total));
            return;
        }
        // Sorted order puts the term equal to the prefix first.
        if terms[0].0.chars().nth(depth).is_none() {
            groups.push((prefix, start..start + 1, weight(&terms[..1])));
            i = 1;
        }
    }
    while i < terms.len() {
        let key = terms[i].0.chars().nth(depth);
        let run = terms[i..]
            .iter()
            .take_while(|(f, _)| f.chars().nth(depth) == key)
            .count();
        split_group(&terms[i..i + run], start + i, depth + 1, target, groups);
        i += run;
    }
}

#[derive(Serialize)]
struct DocRecord<'a> {
    title: &'a str,
    href: &'a str,
    date: &'a str,
    text: &'a str,
}

/// The manifest, less the inline terms (appended as they are).
#[derive(Serialize)]
struct Manifest {
    version: u32,
    build: String,
    /// Per article, oldest first: syllables in its title.
    titles: Vec<usize>,
    /// Fold prefix → shard number.
    #[serde(skip_serializing_if = "Option::is_none")]
    shards: Option<BTreeMap<String, usize>>,
}

fn json_object<'e>(entries: impl Iterator<Item = &'e Vec<u8>>) -> Vec<u8> {
    let mut out = vec![b'{'];
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(entry);
    }
    out.push(b'}');
    out
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Strings, maps with string keys and plain structs always serialize.
    serde_json::to_vec(value).expect("search index values serialize")
}

/// FxHash, as in rustc: for short words, SipHash's setup costs more than
/// the lookup it serves. Only for in-memory maps, never for output order.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// FNV-1a, 64 bits: a stable stamp of the index's content (std's hasher is
/// not guaranteed stable across releases).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint_round_trip() {
        for n in [0, 1, 63, 64, 1791, 1792, 50_175, 50_176, 1 << 31] {
            // Article n, once, at position n + 3; then article n + 1 at 0
            // and 2; then article n + 3 at 1.
            let mut encoded = String::new();
            for number in [n * 2, n + 3, 1, 0, 0, 1, 2, 1] {
                varint(number, &mut encoded);
            }
            assert_eq!(
                read_postings(&encoded),
                Some(vec![
                    (n, vec![n + 3]),
                    (n + 1, vec![0, 2]),
                    (n + 3, vec![1])
                ])
            );
        }
        assert_eq!(read_postings("1"), None);
        assert_eq!(read_postings("\"0"), None);
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
