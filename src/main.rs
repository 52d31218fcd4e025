//! The `bantin` binary: parses the command line, runs a command, and maps
//! its result to the exit status (0 success, 1 content or configuration
//! errors, 2 bad usage — clap exits with 2 itself).

mod cli;
mod cmd;

use bantin::serve::Limits;
use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    // Paths in messages are the site root joined with `content/…`; for the
    // usual `--root .` an empty root keeps them as `content/…`.
    let site_root = |root: std::path::PathBuf| {
        if root == std::path::Path::new(".") {
            std::path::PathBuf::new()
        } else {
            root
        }
    };
    let status = match cli.command {
        cli::Command::Build {
            root,
            out,
            drafts,
            base_url,
            quiet,
            verbose,
        } => {
            let output = match (quiet, verbose) {
                (true, _) => cmd::build::Verbosity::Quiet,
                (_, true) => cmd::build::Verbosity::Verbose,
                _ => cmd::build::Verbosity::Normal,
            };
            cmd::build::build(&site_root(root), out, drafts, base_url, output)
        }
        cli::Command::Serve {
            root,
            port,
            bind,
            drafts,
            max_connections,
        } => cmd::serve::serve(
            &site_root(root),
            port,
            bind,
            drafts,
            Limits::with_connections(max_connections),
        ),
        cli::Command::Check { root, drafts } => cmd::build::check(&site_root(root), drafts),
        cli::Command::New {
            title,
            root,
            lang,
            section,
            translation_of,
        } => cmd::new::new(
            &site_root(root),
            &title,
            lang.as_deref(),
            section.as_deref(),
            translation_of.as_deref(),
        ),
        cli::Command::Init { dir } => cmd::init::init(&dir),
        cli::Command::Cms(cli::CmsCommand::Init { root, force }) => {
            cmd::cms::init(&site_root(root), force)
        }
    };
    std::process::exit(status);
}
