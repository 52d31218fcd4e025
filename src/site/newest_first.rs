//! The order a list of articles on a page holds them in, as a type.
//!
//! Articles are sorted newest first, so an `ArticleId` is its article's
//! place in that order: a date or term listing's ids ascend, and where an
//! article stands in it is found by halving. A list ordered otherwise (most
//! read, say) is `Ranked`, found by looking through it. `serve` asks an
//! [`ArticleList`] for an edited article's place to know which of a page
//! kind's pages show its card, whatever the order.

use std::ops::Deref;

use super::ArticleId;

/// Articles as a page kind lists them, each once, in the order of its type.
pub trait ArticleList: Deref<Target = [ArticleId]> {
    /// Where `id` stands, if it is here, found as fast as the order allows.
    fn position(&self, id: ArticleId) -> Option<usize>;
}

/// Article ids in ascending order, each once: newest first.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct NewestFirst(Vec<ArticleId>);

impl NewestFirst {
    /// Adds an article older than every one held; the newest one held again
    /// is ignored (an article naming a term twice is listed once).
    ///
    /// # Panics
    /// When `id` is newer than the last one held: the order would break.
    pub fn push(&mut self, id: ArticleId) {
        match self.0.last() {
            Some(&last) if last == id => {}
            Some(&last) => {
                assert!(last < id, "listings are filled oldest last");
                self.0.push(id);
            }
            None => self.0.push(id),
        }
    }

    pub fn as_slice(&self) -> &[ArticleId] {
        &self.0
    }
}

impl ArticleList for NewestFirst {
    fn position(&self, id: ArticleId) -> Option<usize> {
        self.0.binary_search(&id).ok()
    }
}

/// Article ids in an order of their own (by views, say), each once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ranked(Vec<ArticleId>);

impl Ranked {
    /// `ids` in the order given, each kept at its first place.
    pub fn new(ids: impl IntoIterator<Item = ArticleId>) -> Ranked {
        let mut seen = rustc_hash::FxHashSet::default();
        Ranked(ids.into_iter().filter(|&id| seen.insert(id)).collect())
    }
}

impl ArticleList for Ranked {
    fn position(&self, id: ArticleId) -> Option<usize> {
        self.0.iter().position(|&held| held == id)
    }
}

impl Deref for Ranked {
    type Target = [ArticleId];

    fn deref(&self) -> &[ArticleId] {
        &self.0
    }
}

impl Deref for NewestFirst {
    type Target = [ArticleId];

    fn deref(&self) -> &[ArticleId] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_each_id_once_and_finds_it() {
        let mut ids = NewestFirst::default();
        for id in [1, 4, 4, 9] {
            ids.push(id);
        }
        assert_eq!(ids.as_slice(), [1, 4, 9]);
        assert_eq!(ids.position(9), Some(2));
        assert_eq!(ids.position(5), None);
    }

    #[test]
    fn a_ranked_list_keeps_its_order_and_finds_each_id() {
        let ids = Ranked::new([7, 2, 9, 2, 4]);
        assert_eq!(&*ids, [7, 2, 9, 4]);
        assert_eq!(ids.position(9), Some(2));
        assert_eq!(ids.position(4), Some(3));
        assert_eq!(ids.position(5), None);
    }

    #[test]
    #[should_panic(expected = "oldest last")]
    fn refuses_a_newer_id_after_an_older_one() {
        let mut ids = NewestFirst::default();
        ids.push(5);
        ids.push(2);
    }
}
