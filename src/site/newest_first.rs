//! The order a date or term listing holds its articles in, as a type.
//!
//! Articles are sorted newest first, so an `ArticleId` is its article's
//! place in that order: a listing whose ids ascend is newest first, and
//! where an article stands in it is found by halving. `serve`'s quick path
//! relies on that to find the pages that show an edited article's card; a
//! listing ordered otherwise (most read, say) is another type, so it cannot
//! be handed to that search by mistake.

use std::ops::Deref;

use super::ArticleId;

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

    /// Where `id` stands, if it is here.
    pub fn position(&self, id: ArticleId) -> Option<usize> {
        self.0.binary_search(&id).ok()
    }

    pub fn as_slice(&self) -> &[ArticleId] {
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
    #[should_panic(expected = "oldest last")]
    fn refuses_a_newer_id_after_an_older_one() {
        let mut ids = NewestFirst::default();
        ids.push(5);
        ids.push(2);
    }
}
