//! The build clock's part in an output: which articles are published or
//! expired (`site::schedule`), whose pin is over (the front page), which
//! fall inside the front page's most-read window and the news sitemap's.
//! Each of those turns on one time per article; between two such times the
//! clock changes nothing, so a build's output holds from its clock until
//! the first of them. Whoever makes the output turn on a new time must add
//! it here.

use jiff::{SignedDuration, Timestamp};

use super::Manifest;
use crate::render::NEWS_WINDOW;
use crate::site::Site;

/// The first time at or after the site's clock at which the clock alone
/// could change its output; `None` when no time ever will.
pub fn valid_until(site: &Site) -> Option<Timestamp> {
    let now = site.now;
    let most_read = SignedDuration::from_hours(24 * i64::from(site.config.front.most_read_days));
    let turns = site.articles.iter().flat_map(|article| {
        let front = &article.source.front;
        [
            Some(front.date),
            front.expires,
            front.pin_until,
            front.date.checked_add(NEWS_WINDOW).ok(),
            front.date.checked_add(most_read).ok(),
        ]
    });
    // Articles not yet published (or expired) are not in the model: the
    // schedule's next change covers them.
    let scheduled = site.next_change.as_ref().map(|next| next.at);
    turns
        .chain(std::iter::once(scheduled))
        .flatten()
        .filter(|&at| at >= now)
        .min()
}

/// Whether a build at `now` makes what the manifest's build made, as far
/// as the clock goes: at its very time, or later but before the first
/// turn (a clock set back may cross turns the other way: rebuilt).
pub fn unchanged(manifest: &Manifest, now: Timestamp) -> bool {
    let now = now.as_nanosecond();
    now == manifest.built_at
        || (now > manifest.built_at && manifest.valid_until.is_none_or(|until| now < until))
}
