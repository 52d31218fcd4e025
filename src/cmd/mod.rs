//! The commands: command-line arguments → settings → pipeline → terminal.

pub mod build;
pub mod cms;
pub mod init;
pub mod new;
pub mod serve;

use std::io::{IsTerminal, Write};

use bantin::diag::Diagnostic;

/// `println!` that survives a reader that went away. `bantin init | head`
/// closes the pipe after ten lines; the site is made all the same, so the
/// lines nobody reads are dropped quietly, as `ls | head` does, instead of
/// panicking (println!'s behaviour) or stopping mid-command.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cmd::write_line(&mut std::io::stdout().lock(), format_args!($($arg)*))
    };
}

/// `eprintln!` with [`say!`]'s tolerance of a closed stderr (`2>&1 | head`).
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::cmd::write_line(&mut std::io::stderr().lock(), format_args!($($arg)*))
    };
}

pub(crate) use {say, tell};

/// Writes one line; a failed write has no one left to be reported to (the
/// terminal or pipe is what failed), so it is ignored, not a panic.
pub fn write_line(out: &mut impl Write, line: std::fmt::Arguments<'_>) {
    let _ = writeln!(out, "{line}");
}

/// Writes diagnostics to stderr, each with its code frame (in colour when
/// stderr is a terminal). Buffered: stderr is unbuffered, and each
/// diagnostic is several writes, which made printing 60,000 link warnings
/// take seconds. A file is read once for all the diagnostics about it.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let color = std::io::stderr().is_terminal();
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let mut source: Option<(&std::path::Path, Option<String>)> = None;
    for diagnostic in diagnostics {
        if diagnostic.position.is_none() {
            let _ = writeln!(err, "{}", bantin::frame::render(diagnostic, None, color));
            continue;
        }
        if source
            .as_ref()
            .is_none_or(|(path, _)| *path != diagnostic.path)
        {
            let text = bantin::frame::read_source(&diagnostic.path);
            source = Some((&diagnostic.path, text));
        }
        let text = source.as_ref().and_then(|(_, text)| text.as_deref());
        let _ = writeln!(err, "{}", bantin::frame::render(diagnostic, text, color));
    }
    let _ = err.flush();
}
