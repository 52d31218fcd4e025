//! The `bantin` binary: parses the command line, runs a command, and maps
//! its result to the exit status (0 success, 1 content or configuration
//! errors, 2 bad usage — clap exits with 2 itself).

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let status = match cli.command {
        cli::Command::Build {
            root,
            out,
            drafts,
            base_url,
        } => cmd::build::build(&root, out, drafts, base_url),
        cli::Command::Check { root, drafts } => cmd::build::check(&root, drafts),
    };
    std::process::exit(status);
}
