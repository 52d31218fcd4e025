//! The command line. Each `///` comment is the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// bantin (bản tin): a static site generator for bilingual Vietnamese/English news portals.
#[derive(Parser, Debug)]
#[command(name = "bantin", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site into DIR/public (or --out).
    Build {
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; replaced as a whole, and only on success.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include drafts and articles dated in the future.
        #[arg(long)]
        drafts: bool,
        /// Use this base URL instead of config.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check content, configuration and templates, writing nothing.
    Check {
        /// The site folder: where config.yaml and content/ are.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include drafts and articles dated in the future.
        #[arg(long)]
        drafts: bool,
    },
}
