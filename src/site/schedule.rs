//! The build clock's part in what is published: an article is out before
//! its `date` and after its `expires`, and the output changes on its own
//! at the next of those times, and at a pin's end, when a featured story
//! leaves the front page's lead. A new kind of scheduled time is one more
//! entry in [`scheduled_times`].

use jiff::Timestamp;

use crate::source::{FrontMatter, SourceArticle};

/// Whether the article is published at `now`: not a draft, dated no later
/// than `now`, and not expired. `--drafts` publishes everything.
pub fn is_published(front: &FrontMatter, now: Timestamp, include_drafts: bool) -> bool {
    include_drafts
        || (!front.draft && front.date <= now && front.expires.is_none_or(|end| now < end))
}

/// Why the output changes at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scheduled {
    /// An article dated in the future appears.
    Publishes,
    /// An article's `expires` takes it out.
    Expires,
    /// An article's `pin_until` ends: it leaves the featured stories.
    PinEnds,
}

impl Scheduled {
    pub fn name(self) -> &'static str {
        match self {
            Scheduled::Publishes => "publish",
            Scheduled::Expires => "expire",
            Scheduled::PinEnds => "pin_end",
        }
    }
}

/// The times at which this article's front matter changes the output by
/// itself. None for drafts, which wait for an editor; none with
/// `--drafts`, which shows every article whatever the clock.
fn scheduled_times(
    front: &FrontMatter,
    include_drafts: bool,
) -> impl Iterator<Item = (Timestamp, Scheduled)> {
    // A pin that ends before the article appears, or once it has expired,
    // changes nothing.
    let shown = |at: &Timestamp| front.date < *at && front.expires.is_none_or(|end| *at < end);
    let times = [
        Some((front.date, Scheduled::Publishes)),
        front.expires.map(|end| (end, Scheduled::Expires)),
        front
            .pin_until
            .filter(shown)
            .map(|end| (end, Scheduled::PinEnds)),
    ];
    let scheduled = !front.draft && !include_drafts;
    times.into_iter().flatten().filter(move |_| scheduled)
}

/// The next time after `now` at which the output changes by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextChange {
    pub at: Timestamp,
    pub what: Scheduled,
    /// The article's file, as messages name it.
    pub path: std::path::PathBuf,
}

/// The earliest scheduled time after `now` among `articles` (every one
/// read, published or not); ties go to the first by path.
pub fn next_change<'a>(
    articles: impl IntoIterator<Item = &'a SourceArticle>,
    now: Timestamp,
    include_drafts: bool,
) -> Option<NextChange> {
    articles
        .into_iter()
        .flat_map(|article| {
            scheduled_times(&article.front, include_drafts)
                .filter(move |(at, _)| *at > now)
                .map(move |(at, what)| (at, what, &article.path))
        })
        .min()
        .map(|(at, what, path)| NextChange {
            at,
            what,
            path: path.clone(),
        })
}

/// Whether the clock alone changes the output between `from` (excluded)
/// and `to`: `serve` then rebuilds the model.
pub fn changes_between<'a>(
    articles: impl IntoIterator<Item = &'a SourceArticle>,
    from: Timestamp,
    to: Timestamp,
    include_drafts: bool,
) -> bool {
    articles.into_iter().any(|article| {
        scheduled_times(&article.front, include_drafts).any(|(at, _)| from < at && at <= to)
    })
}
