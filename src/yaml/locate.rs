//! Where a value is in a YAML text, by its path of keys and indexes: for
//! errors found after parsing in values nested below the top level
//! (`home.blocks[2].count`), which `key_line` cannot tell apart.

use super::events::{Event, Events};

/// One step of a path: a mapping's key or a sequence's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// A mapping or sequence being read, and where in it the reader is.
enum Frame {
    /// The key of the entry being read; None while reading a key.
    Map {
        key: Option<Box<[u8]>>,
        is_key: bool,
    },
    Seq {
        index: usize,
        is_key: bool,
    },
}

/// The 1-based line and column where the value at `path` starts, if the
/// text has one there (the first document's).
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let mut frames: Vec<Frame> = Vec::new();
    for (event, position) in Events::with_values(text) {
        let is_key = matches!(frames.last(), Some(Frame::Map { key: None, .. }));
        match event {
            Event::Open { mapping, .. } => {
                if !is_key && at(&frames, path) {
                    return Some(position);
                }
                frames.push(if mapping {
                    Frame::Map { key: None, is_key }
                } else {
                    Frame::Seq { index: 0, is_key }
                });
            }
            Event::Close => {
                let was_key = match frames.pop() {
                    Some(Frame::Map { is_key, .. } | Frame::Seq { is_key, .. }) => is_key,
                    None => return None,
                };
                done(&mut frames, was_key.then(|| Box::from(&b""[..])));
            }
            Event::Scalar { value, .. } => {
                if is_key {
                    done(&mut frames, Some(value.unwrap_or_default()));
                } else if at(&frames, path) {
                    return Some(position);
                } else {
                    done(&mut frames, None);
                }
            }
            Event::Alias { .. } => {
                if !is_key && at(&frames, path) {
                    return Some(position);
                }
                done(&mut frames, is_key.then(|| Box::from(&b""[..])));
            }
            Event::Document if !frames.is_empty() => return None,
            Event::Document | Event::Other => {}
        }
    }
    None
}

/// Whether the value about to be read is the one at `path`.
fn at(frames: &[Frame], path: &[Step]) -> bool {
    frames.len() == path.len()
        && frames
            .iter()
            .zip(path)
            .all(|(frame, step)| match (frame, step) {
                (Frame::Map { key: Some(k), .. }, Step::Key(want)) => **k == *want.as_bytes(),
                (Frame::Seq { index, .. }, Step::Index(want)) => index == want,
                _ => false,
            })
}

/// A node ended in the innermost frame: a key (`Some`) starts its entry's
/// value; a value moves on to the next entry or item.
fn done(frames: &mut [Frame], key: Option<Box<[u8]>>) {
    match frames.last_mut() {
        Some(Frame::Map { key: slot, .. }) => *slot = key,
        Some(Frame::Seq { index, .. }) => *index += 1,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: x\nhome:\n  blocks:\n    - category: A\n      count: 5\n    - { latest: 0 }\n    - most_read: 3\n";

    #[test]
    fn finds_nested_keys_and_items() {
        use Step::{Index, Key};
        assert_eq!(locate(TEXT, &[Key("title")]), Some((1, 8)));
        assert_eq!(locate(TEXT, &[Key("home"), Key("blocks")]), Some((4, 5)));
        let block = |i| [Key("home"), Key("blocks"), Index(i)];
        assert_eq!(locate(TEXT, &block(0)), Some((4, 7)));
        assert_eq!(locate(TEXT, &block(1)), Some((6, 7)));
        let count = [Key("home"), Key("blocks"), Index(0), Key("count")];
        assert_eq!(locate(TEXT, &count), Some((5, 14)));
        let latest = [Key("home"), Key("blocks"), Index(1), Key("latest")];
        assert_eq!(locate(TEXT, &latest), Some((6, 17)));
        let most = [Key("home"), Key("blocks"), Index(2), Key("most_read")];
        assert_eq!(locate(TEXT, &most), Some((7, 18)));
        assert_eq!(locate(TEXT, &block(3)), None);
        assert_eq!(locate(TEXT, &[Key("nope")]), None);
    }
}
