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
