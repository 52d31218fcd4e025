//! The "most read" order, as a type: most views first, equal views newest
//! first. Not ascending ids, so it is not a [`NewestFirst`] and cannot be
//! searched by halving as one is.
//!
//! [`NewestFirst`]: super::NewestFirst

use std::ops::Deref;

use jiff::Timestamp;

use super::{Article, ArticleId};

/// Article ids with views, most views first; ties newest first (lower id).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MostRead(Vec<ArticleId>);

impl MostRead {
    /// The articles of `ids` that have been read at all, published after
    /// `since` when given, in most-read order.
    pub fn rank(articles: &[Article], ids: &[ArticleId], since: Option<Timestamp>) -> MostRead {
        let mut ranked: Vec<(u64, ArticleId)> = ids
            .iter()
            .filter(|&&id| since.is_none_or(|t| articles[id].source.front.date > t))
            .filter_map(|&id| Some((articles[id].views.filter(|&v| v > 0)?, id)))
            .collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        MostRead(ranked.into_iter().map(|(_, id)| id).collect())
    }

    pub fn as_slice(&self) -> &[ArticleId] {
        &self.0
    }
}

impl Deref for MostRead {
    type Target = [ArticleId];

    fn deref(&self) -> &[ArticleId] {
        &self.0
    }
}
