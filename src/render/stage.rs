//! The stages `build --verbose` times and names, in the message language.

use crate::msg;

/// One timed stage of a build or of a `serve` rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Load,
    Images,
    /// A one-off render's articles, which the search indexes read as well.
    ArticlesIndexed,
    /// serve's articles: its search indexes read the texts later.
    Articles,
    Listings,
    SiteFiles,
    LinkChecks,
    SwapIn,
    ReadChanged,
    Model,
    MoveIn,
}

impl Stage {
    /// The stage's name, as `build --verbose` prints it.
    pub fn label(self) -> String {
        match self {
            Stage::Load => msg!("stage-load"),
            Stage::Images => msg!("stage-images"),
            Stage::ArticlesIndexed => msg!("stage-articles-indexed"),
            Stage::Articles => msg!("stage-articles"),
            Stage::Listings => msg!("stage-listings"),
            Stage::SiteFiles => msg!("stage-site-files"),
            Stage::LinkChecks => msg!("stage-link-checks"),
            Stage::SwapIn => msg!("stage-swap-in"),
            Stage::ReadChanged => msg!("stage-read-changed"),
            Stage::Model => msg!("stage-model"),
            Stage::MoveIn => msg!("stage-move-in"),
        }
    }
}
