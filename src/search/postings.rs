//! Postings as written: (article, position) occurrences in, compact
//! strings out. Numbers are [`varint`]s in characters a JSON string takes
//! unescaped; [`read_postings`] reads them back, as the script does.

/// Appends the postings of `occurrences`, (article, position) in order,
/// but the head of their first entry. Returns the first article, whether
/// it has several, and the last article.
pub(super) fn encode(occurrences: &[(u32, u32)], out: &mut String) -> (u32, bool, u32) {
    let mut first = None;
    let mut previous = 0;
    for entry in occurrences.chunk_by(|a, b| a.0 == b.0) {
        let article = entry[0].0;
        // Most syllables occur once in an article: that takes no count.
        let several = entry.len() > 1;
        if first.is_none() {
            first = Some((article, several));
        } else {
            varint(
                (article - previous - 1) as usize * 2 + usize::from(several),
                out,
            );
        }
        if several {
            varint(entry.len() - 2, out);
        }
        let mut next = 0;
        for &(_, position) in entry {
            varint((position - next) as usize, out);
            next = position + 1;
        }
        previous = article;
    }
    let (first, several) = first.expect("a spelling in a block occurs");
    (first, several, previous)
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

/// The characters [`varint`] writes for `n`.
pub(super) fn varint_len(n: usize) -> usize {
    let mut len = 1;
    let mut high = n / 64;
    while high > 0 {
        len += 1;
        high /= 28;
    }
    len
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
                let before = encoded.len();
                varint(number, &mut encoded);
                assert_eq!(encoded.len() - before, varint_len(number));
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
}
