//! How much of the site a `serve` render looks at.
//!
//! Every render goes through the same recipe (`render_site`) and each page
//! kind keeps the pages whose key did not change. A scope narrows which
//! pages a kind looks at in the first place, so that the most common edit
//! (an article's text, front matter as it was) costs a few pages, not the
//! keys of the whole site. Each kind says in its own file which of its
//! pages show an article's text; a kind that does not ask the scope looks
//! at all of its pages, which is slower but never wrong.

use crate::site::ArticleId;

#[derive(Clone, Copy, Debug)]
pub enum Scope<'e> {
    /// Anything may have changed: every page is looked at.
    Everything,
    /// Only these articles' text changed, not their front matter, so the
    /// model (URLs, dates, terms, neighbours, listings) is the one the
    /// memo was made from: only pages showing their text are looked at.
    Texts(&'e [ArticleId]),
}

impl<'e> Scope<'e> {
    /// Whether pages made from the model alone (term indexes, the archive,
    /// aliases, 404, robots.txt, the sitemap) may have changed.
    pub fn model_may_change(self) -> bool {
        matches!(self, Scope::Everything)
    }

    /// The articles whose text changed, when nothing else did.
    pub fn texts(self) -> Option<&'e [ArticleId]> {
        match self {
            Scope::Everything => None,
            Scope::Texts(ids) => Some(ids),
        }
    }
}
