//! bantin: Markdown news articles in, a bilingual static news portal out.
//!
//! The pipeline, stage by stage: `config` and `source` read the site,
//! `site` builds the model, `render` turns it into pages through the
//! `theme`, and `output` writes them. `pipeline` is the recipe that
//! strings them together. Library code never prints: the binary does.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod config;
pub mod diag;
pub mod fingerprint;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod text;
pub mod theme;
mod yaml;

/// The most items (articles, listings, content files) one thread takes on
/// at a time. Rayon otherwise hands each thread a quarter of the work in one
/// piece that no idle thread can take a part of: the last piece left one
/// core working alone for ~0.2 s at the end of the article stage at 10k
/// pairs.
pub(crate) const SHARE: usize = 16;
