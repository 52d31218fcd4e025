//! The index's own JSON writing and hashing: strings escaped as
//! `serde_json` escapes them but faster on long texts, their length
//! without writing them, and the digests that make the build stamp, with
//! a hash of our own so the stamp does not move with a dependency.

use std::hash::Hasher;

use serde::Serialize;

/// Appends `text` as a JSON string, escaped as `serde_json` does: `"`,
/// `\\` and control characters only. Texts are long and escapes rare, so
/// eight bytes are checked at a time and copied in runs; serde_json's
/// byte-by-byte table was a tenth of the time of indexing.
pub(super) fn json_str(text: &str, out: &mut Vec<u8>) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(word) = bytes.get(i..i + 8) {
            if !needs_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        let escape: &[u8] = match byte {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0x00..=0x1F => &[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ],
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..i]);
        out.extend_from_slice(escape);
        i += 1;
        copied = i;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether any of the eight bytes of `word` is `"`, `\\` or below 0x20.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // A byte below 0x20: subtracting 0x20 borrows into its high bit.
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    control
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

/// The bytes of `text` as a JSON string, without writing it: spellings
/// have no character to escape, but nothing forbids one.
pub(super) fn json_len(text: &str) -> usize {
    let plain = !text.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20);
    if plain {
        text.len() + 2
    } else {
        let mut out = Vec::new();
        json_str(text, &mut out);
        out.len()
    }
}

pub(super) fn to_json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Strings, maps with string keys and plain structs always serialize.
    serde_json::to_vec(value).expect("search index values serialize")
}

/// The digests of index files that make the build stamp: FxHash's step,
/// eight bytes at a time, written here so that the stamp does not move when
/// a dependency changes its algorithm.
#[derive(Default)]
pub(super) struct WordHasher(u64);

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

/// A file's share of the build stamp.
pub(super) fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Strings escaped as serde_json escapes them: control characters
        /// (runs of them, at any place in an eight-byte word), quotes,
        /// backslashes, letters beyond ASCII.
        #[test]
        fn json_strings_are_written_as_serde_json_writes_them(
            text in "([\\x00-\\x1f\"\\\\\\x7fa-zđờ€😀 ]{0,3}[a-z ]{0,9}){0,6}",
        ) {
            let mut ours = Vec::new();
            json_str(&text, &mut ours);
            let theirs = serde_json::to_vec(&text).unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs).unwrap());
            prop_assert_eq!(json_len(&text), serde_json::to_string(&text).unwrap().len());
        }
    }
}
