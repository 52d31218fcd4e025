//! Where a value is written in a YAML text, by its path of keys and list
//! positions: `menus → main → 2 → page` is the line and column of that
//! item's `page:` value. Checks made after parsing (a menu item naming a
//! page that does not exist) report there, not on the section's first line.
//!
//! It walks the parser's events, the same ones serde_yaml read, skipping
//! what is not on the path, so it agrees with what was deserialised.

use std::iter::Peekable;

use super::events::{Event, Events};

/// One step of a path into a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// The value of this key in a mapping.
    Key(&'a str),
    /// The item at this 0-based position in a sequence.
    Index(usize),
}

impl<'a> From<&'a str> for Step<'a> {
    fn from(key: &'a str) -> Step<'a> {
        Step::Key(key)
    }
}

impl From<usize> for Step<'_> {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// The 1-based line and column where the value at `path` starts in
/// `text`'s first document; `None` when the path leads nowhere (a key not
/// written, a list too short, a syntax error before it). An empty path is
/// the document's own value.
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let mut events = Events::with_values(text).peekable();
    descend(&mut events, path)?;
    match events.peek()? {
        (Event::Close | Event::Other | Event::Document, _) => None,
        (_, position) => Some(*position),
    }
}

/// Where each item of the list at `path` starts, in one walk; empty when
/// `path` leads to no list.
pub fn locate_items(text: &str, path: &[Step]) -> Vec<(usize, usize)> {
    let mut events = Events::with_values(text).peekable();
    let mut items = Vec::new();
    if descend(&mut events, path).is_none() {
        return items;
    }
    if !matches!(events.next(), Some((Event::Open { mapping: false, .. }, _))) {
        return items;
    }
    while let Some((event, position)) = events.peek() {
        if matches!(event, Event::Close | Event::Other | Event::Document) {
            break;
        }
        items.push(*position);
        if skip_value(&mut events).is_none() {
            break;
        }
    }
    items
}

/// Moves `events` to the start of the value at `path`.
fn descend(events: &mut Peekable<Events>, path: &[Step]) -> Option<()> {
    // Stream and document starts come before the document's value.
    while matches!(events.peek(), Some((Event::Other | Event::Document, _))) {
        events.next();
    }
    for step in path {
        let (Event::Open { mapping, .. }, _) = events.next()? else {
            return None;
        };
        match (*step, mapping) {
            (Step::Key(key), true) => loop {
                match events.next()? {
                    (Event::Close, _) => return None,
                    (Event::Scalar { value, .. }, _) if value.as_deref() == Some(key) => break,
                    (Event::Open { .. }, _) => {
                        // A complex key: skip it, then its value.
                        skip_rest(events)?;
                        skip_value(events)?;
                    }
                    _ => skip_value(events)?,
                }
            },
            (Step::Index(index), false) => {
                for _ in 0..index {
                    if matches!(events.peek(), Some((Event::Close, _))) {
                        return None;
                    }
                    skip_value(events)?;
                }
                if matches!(events.peek(), Some((Event::Close, _))) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some(())
}

/// Skips one whole value: a scalar, an alias, or a collection and all in it.
fn skip_value(events: &mut Peekable<Events>) -> Option<()> {
    match events.next()? {
        (Event::Open { .. }, _) => skip_rest(events),
        (Event::Close | Event::Other | Event::Document, _) => None,
        _ => Some(()),
    }
}

/// Skips the rest of a collection whose start was just read.
fn skip_rest(events: &mut Peekable<Events>) -> Option<()> {
    let mut depth = 1usize;
    while depth > 0 {
        match events.next()? {
            (Event::Open { .. }, _) => depth += 1,
            (Event::Close, _) => depth -= 1,
            (Event::Other | Event::Document, _) => return None,
            _ => {}
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MENUS: &str = "title: T\nmenus:\n  main:\n    - label: Trang chủ\n      url: /\n    - { label: Y tế, category: Y tế }\n    - label:\n        vi: Giới thiệu\n        en: About\n      page: pages/gioi-thieu\n      children:\n        - label: Liên hệ\n          page: \"pages/lien-he\"\n";

    #[test]
    fn finds_each_item_of_a_list_in_block_and_flow_style() {
        let block = "title: T\naliases:\n  - /a/\n  - { x: 1 }\n  - '/c/'\n";
        assert_eq!(
            locate_items(block, &["aliases".into()]),
            vec![(3, 5), (4, 5), (5, 5)]
        );
        let flow = "aliases: [/a/, \"/b/\"]\n";
        assert_eq!(
            locate_items(flow, &["aliases".into()]),
            vec![(1, 11), (1, 16)]
        );
        assert!(locate_items(block, &["title".into()]).is_empty());
        assert!(locate_items(block, &["tags".into()]).is_empty());
    }

    #[test]
    fn finds_nested_values_in_block_and_flow_style() {
        let at = |path: &[Step]| locate(MENUS, path);
        assert_eq!(at(&["title".into()]), Some((1, 8)));
        assert_eq!(at(&["menus".into(), "main".into()]), Some((4, 5)));
        let item = |i: usize, key: &'static str| {
            at(&["menus".into(), "main".into(), i.into(), key.into()])
        };
        assert_eq!(item(0, "url"), Some((5, 12)));
        assert_eq!(
            item(1, "category"),
            Some((6, 32)),
            "columns count characters"
        );
        assert_eq!(item(2, "page"), Some((10, 13)));
        let child = [
            "menus".into(),
            "main".into(),
            2.into(),
            "children".into(),
            0.into(),
            "page".into(),
        ];
        assert_eq!(
            at(&child),
            Some((13, 17)),
            "a quoted value starts at its quote"
        );
        let label_en = [
            "menus".into(),
            "main".into(),
            2.into(),
            "label".into(),
            "en".into(),
        ];
        assert_eq!(at(&label_en), Some((9, 13)));
    }

    #[test]
    fn a_path_that_leads_nowhere_is_none() {
        assert_eq!(locate(MENUS, &["menus".into(), "footer".into()]), None);
        assert_eq!(
            locate(MENUS, &["menus".into(), "main".into(), 3.into()]),
            None
        );
        assert_eq!(locate(MENUS, &["title".into(), 0.into()]), None);
        assert_eq!(locate(MENUS, &["menus".into(), 0.into()]), None);
        assert_eq!(locate("a: [unclosed\n", &["b".into()]), None);
        assert_eq!(locate("", &["a".into()]), None);
    }

    #[test]
    fn complex_keys_and_aliases_are_stepped_over() {
        let text = "? [a, b]\n: 1\nx: &x {k: v}\ny: *x\nz: 3\n";
        assert_eq!(locate(text, &["z".into()]), Some((5, 4)));
        assert_eq!(locate(text, &["x".into(), "k".into()]), Some((3, 11)));
    }
}
