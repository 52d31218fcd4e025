//! Drafts and scheduled articles in `serve`'s preview: in the model, so an
//! editor can open them, but marked, so the page says it is not published
//! and feeds and the sitemap leave it out. `build` never previews: without
//! `--drafts` such articles are not in its model at all.

use jiff::Timestamp;

use crate::source::FrontMatter;

/// Why an article shown in the preview is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unpublished {
    /// `draft: true`.
    Draft,
    /// Dated after the build's clock: published when its time comes.
    Scheduled,
}

impl Unpublished {
    /// Why `front` is not published at `now`, if it is not.
    pub fn of(front: &FrontMatter, now: Timestamp) -> Option<Unpublished> {
        if front.draft {
            Some(Unpublished::Draft)
        } else if front.date > now {
            Some(Unpublished::Scheduled)
        } else {
            None
        }
    }
}
