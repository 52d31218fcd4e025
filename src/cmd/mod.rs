//! The commands: command-line arguments → settings → pipeline → terminal.

pub mod build;
pub mod cms;
pub mod init;
pub mod new;
pub mod serve;

use std::io::{IsTerminal, Write};

use bantin::diag::Diagnostic;

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
