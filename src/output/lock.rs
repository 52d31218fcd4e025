//! File locks: a build holds one on its output folder, a serve on its
//! private folder, and a lock no one holds marks a leftover of a process
//! that was killed.

use std::fs;
use std::path::{Path, PathBuf};

/// A lock file, held: other builds wait until it is let go.
pub(super) struct Lock {
    path: PathBuf,
    _file: fs::File,
}

/// Opens (creating) and locks `path`, waiting while another process holds it.
pub(super) fn lock(path: &Path) -> std::io::Result<Lock> {
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        lock_file(&file)?;
        // The build that held it removed it as it let go: this lock is on
        // a file no one else will open; take the one at the path now.
        if same_file(&file, path) {
            return Ok(Lock {
                path: path.to_path_buf(),
                _file: file,
            });
        }
    }
}

/// Locks `file` for this process, waiting while another holds it. The
/// system lets go when the process ends, however it ends. (Rust's own
/// `File::lock` needs 1.89.)
#[cfg(unix)]
pub fn lock_file(file: &fs::File) -> std::io::Result<()> {
    flock(file, libc::LOCK_EX)
}

/// Locks `file` if no one holds it: true when locked.
#[cfg(unix)]
pub fn try_lock_file(file: &fs::File) -> bool {
    flock(file, libc::LOCK_EX | libc::LOCK_NB).is_ok()
}

#[cfg(unix)]
fn flock(file: &fs::File, operation: libc::c_int) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    loop {
        // SAFETY: the descriptor is open for the whole call.
        if unsafe { libc::flock(file.as_raw_fd(), operation) } == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Elsewhere builds are not locked against each other.
#[cfg(not(unix))]
pub fn lock_file(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Never: without locks no folder can be known to be no one's.
#[cfg(not(unix))]
pub fn try_lock_file(_file: &fs::File) -> bool {
    false
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &fs::File, _path: &Path) -> bool {
    true
}

impl Drop for Lock {
    /// Removed while still held (the file is let go after this), so that
    /// no lock file is left beside the output: a build waiting on it finds
    /// out above.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
