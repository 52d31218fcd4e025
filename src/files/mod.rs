//! The rules every file bantin reads obeys, for articles, configuration,
//! data and themes alike: read only inside the site (see [`walk`]), at most
//! [`MAX_ARTICLE_BYTES`], and as text in one form (UTF-8, LF, NFC).

pub mod walk;

use std::path::Path;

use crate::diag::Diagnostic;

/// Articles larger than this are refused: no newsroom article comes near it
/// (the seed is 20 KB), and it bounds the memory one bad file can take —
/// pathological Markdown (thousands of nested list levels) costs up to ~250
/// bytes of memory per byte, so 4 MiB stays around 1 GB at worst.
pub const MAX_ARTICLE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a file as text: valid UTF-8 required, BOM dropped, CRLF and lone CR
/// turned into LF (line numbers stay the same), NFC applied.
pub fn read_text(abs_path: &Path, shown_path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_limited(abs_path, shown_path, &crate::msg!("io-read"))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&err.as_bytes()[..valid]).into_owned();
        Diagnostic::error(shown_path, crate::msg!("file-not-utf8")).at_offset(&prefix, valid, 1)
    })?;
    Ok(normalise(text))
}

/// Reads a whole file of at most [`MAX_ARTICLE_BYTES`]; `action` names the
/// reading in I/O errors, in the run's language (`msg!("io-read")`). The size is
/// checked before reading and again while reading, so a file that grows
/// meanwhile, or a special file that reports no size (in `/proc`, a link to
/// `/dev/zero`), cannot exhaust memory.
pub fn read_limited(
    abs_path: &Path,
    shown_path: &Path,
    action: &str,
) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let limit = MAX_ARTICLE_BYTES / (1024 * 1024);
    let too_large = |size: String| {
        Diagnostic::error(
            shown_path,
            crate::msg!("file-too-large", size = size, limit = limit.to_string()),
        )
    };
    let io_error = |e: std::io::Error| Diagnostic::io(shown_path, action, &e);
    let file = std::fs::File::open(abs_path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(too_large(format!("{} MiB", size / (1024 * 1024))));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        // It grew while being read, or is a special file with no size.
        return Err(too_large(crate::msg!(
            "file-larger-than",
            limit = limit.to_string()
        )));
    }
    Ok(bytes)
}

pub fn normalise(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    crate::text::nfc::into_nfc(text)
}

/// `2023` + `../2022/x.md` → `2022/x.md`; None if it climbs out of the root.
pub fn join(dir: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if relative.ends_with('/') && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_that_reports_no_size_is_still_limited() {
        // /dev/zero claims to be empty and never ends.
        let err = read_text(Path::new("/dev/zero"), Path::new("content/zero.md")).unwrap_err();
        assert!(err.message.contains("limited to 4 MiB"), "{err}");
    }

    #[test]
    fn a_file_gone_before_reading_names_its_path() {
        let err = read_text(Path::new("/nonexistent/x.md"), Path::new("content/x.md")).unwrap_err();
        assert!(
            err.to_string().starts_with("content/x.md: cannot read:"),
            "{err}"
        );
    }

    #[test]
    fn normalise_handles_bom_crlf_and_decomposed_text() {
        let decomposed = "\u{feff}Vie\u{0323}\u{0302}t\r\nx\ry".to_string();
        assert_eq!(normalise(decomposed), "Việt\nx\ny");
    }
}
