//! The `bantin` binary: parses the command line, runs a command, and maps
//! its result to the exit status (0 success, 1 content or configuration
//! errors, 2 bad usage — clap exits with 2 itself).

mod cli;
mod cmd;

use bantin::serve::Limits;
use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    choose_language(&cli);
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
            now,
            next_change_json,
            strict,
            no_cache,
        } => {
            let verbosity = match (quiet, verbose) {
                (true, _) => cmd::build::Verbosity::Quiet,
                (_, true) => cmd::build::Verbosity::Verbose,
                _ => cmd::build::Verbosity::Normal,
            };
            let run = cmd::build::RunOptions {
                drafts,
                now,
                strict,
            };
            let options = cmd::build::BuildOptions {
                out,
                base_url,
                verbosity,
                next_change_json,
                no_cache,
            };
            cmd::build::build(&site_root(root), run, options)
        }
        cli::Command::Serve {
            root,
            port,
            bind,
            drafts,
            published,
            max_connections,
            now,
        } => cmd::serve::serve(
            &site_root(root),
            port,
            bind,
            cmd::build::RunOptions {
                drafts,
                now,
                strict: false,
            },
            published,
            Limits::with_connections(max_connections),
        ),
        cli::Command::Check {
            root,
            drafts,
            now,
            strict,
        } => cmd::build::check(
            &site_root(root),
            cmd::build::RunOptions {
                drafts,
                now,
                strict,
            },
        ),
        cli::Command::New {
            title,
            root,
            lang,
            section,
            translation_of,
            page,
        } => cmd::new::new(
            &site_root(root),
            &title,
            lang.as_deref(),
            section.as_deref(),
            translation_of.as_deref(),
            if page {
                cmd::new::Kind::Page
            } else {
                cmd::new::Kind::Article
            },
        ),
        cli::Command::Init { dir } => cmd::init::init(&dir),
        cli::Command::Cms(cli::CmsCommand::Init { root, force }) => {
            cmd::cms::init(&site_root(root), force)
        }
    };
    std::process::exit(status);
}

/// Sets the language of every message before anything is said, so that
/// errors in config.yaml itself are in the site's language too.
fn choose_language(cli: &cli::Cli) {
    use bantin::messages::{self, Lang};
    let flag = cli.lang_messages.as_deref().and_then(Lang::from_code);
    let config = cli.command.root().and_then(|root| {
        let path = root.join(bantin::config::FILE_NAME);
        // Bounded: config.yaml may be a link to an endless file.
        let bytes = bantin::files::read_limited(&path, &path, "" /* error dropped */).ok()?;
        String::from_utf8(bytes).ok()
    });
    // `init` has no site yet: the one it makes has Vietnamese as default.
    let (configured, default_language) = config
        .as_deref()
        .map_or((None, Some(Lang::Vi)), bantin::config::messages::declared);
    messages::set(messages::choose(
        flag,
        configured,
        |name| std::env::var(name).ok(),
        default_language,
    ));
}
