//! `bantin init`: a new bilingual site, ready to build, in a new or empty
//! folder.

use super::{say, tell};
use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use bantin::msg;
use bantin::scaffold::{self, SiteFile};

use super::new::write_new;

/// Exit status: 0 when the site was created, 1 otherwise.
pub fn init(dir: &Path) -> i32 {
    match create(dir) {
        Ok(files) => {
            let dir_shown = dir.display().to_string();
            say!("{}", msg!("init-created", dir = dir_shown.as_str()));
            for file in &files {
                say!("  {}", dir.join(&file.path).display());
            }
            say!("{}", msg!("init-next", dir = dir_shown));
            0
        }
        Err(message) => {
            tell!("{message}");
            1
        }
    }
}

fn create(dir: &Path) -> Result<Vec<SiteFile>, String> {
    check_empty(dir)?;
    let files = scaffold::new_site(jiff::Timestamp::now())?;
    for file in &files {
        write_new(&dir.join(&file.path), &file.text)?;
    }
    Ok(files)
}

/// A site is only ever created where it cannot mix with (or overwrite)
/// anything: a folder that is missing or empty.
fn check_empty(dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!("{}: {}", dir.display(), msg!("init-is-file")));
    }
    match fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(()),
            Some(_) => Err(format!("{}: {}", dir.display(), msg!("init-not-empty"))),
        },
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(super::new::io_failed(dir, &msg!("io-read"), &e)),
    }
}
