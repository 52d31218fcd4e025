//! The sorted walk over `content/` that finds Markdown files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::Diagnostic;

pub struct ContentFile {
    pub abs_path: PathBuf,
    /// Relative to `content/`, '/'-separated.
    pub rel_path: String,
}

/// Every `*.md` below `content_dir`, sorted by path. Hidden files and folders
/// (editor lock files, `.git`) are skipped; symbolic links are followed, and a
/// link loop or an unreadable folder is reported, not fatal.
pub fn markdown_files(content_dir: &Path) -> (Vec<ContentFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    if !content_dir.exists() {
        return (files, errors);
    }
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(content_dir).to_path_buf();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        err.io_error().map_or(err.to_string(), |e| e.to_string())
                    )
                };
                errors.push(Diagnostic::error(path, message));
                continue;
            }
        };
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(content_dir) else {
            continue;
        };
        let parts: Option<Vec<&str>> = relative
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect();
        match parts {
            Some(parts) => files.push(ContentFile {
                abs_path: entry.path().to_path_buf(),
                rel_path: parts.join("/"),
            }),
            None => errors.push(Diagnostic::error(
                entry.path(),
                "file name is not valid UTF-8; rename it",
            )),
        }
    }
    (files, errors)
}
