//! The `bantin` binary: parses the command line, runs a command, and maps
//! its result to the exit status (0 success, 1 content or configuration
//! errors, 2 bad usage — clap exits with 2 itself).

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    keep_large_buffers_off_the_heap();
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
        } => cmd::serve::serve(&site_root(root), port, bind, drafts),
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
    };
    std::process::exit(status);
}

/// glibc serves a request above its mmap threshold with pages of its own,
/// returned to the system when freed, but raises the threshold to the size
/// of each such block freed: after the first large buffer (a search shard,
/// a listing's list of articles) is let go, the rest come from the heap,
/// which cannot give back what lies below memory still in use. A fixed
/// threshold kept a 10k-pair build's peak ~20 MiB lower and steadier.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_large_buffers_off_the_heap() {
    // SAFETY: mallopt only sets a malloc parameter; it is called before
    // any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_large_buffers_off_the_heap() {}
