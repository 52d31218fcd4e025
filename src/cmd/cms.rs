//! `bantin cms init`: the admin page and Decap CMS configuration.

use super::{say, tell};
use std::path::Path;

use bantin::cms::{self, Existing};
use bantin::config::{self, Overrides};
use bantin::msg;

use super::new::io_failed;

/// Exit status: 0 when both files were written, 1 otherwise.
pub fn init(root: &Path, force: bool) -> i32 {
    let config = match config::load(root, &Overrides::default()) {
        Ok(config) => config,
        Err(errors) => {
            for error in errors {
                tell!("{error}");
            }
            return 1;
        }
    };
    let existing = Existing::read(root, &config);
    let files = [
        (cms::CONFIG_FILE, cms::config_yml(&config, &existing)),
        (cms::INDEX_FILE, cms::index_html(&config)),
    ];
    if !force {
        for (path, _) in &files {
            if root.join(path).exists() {
                tell!("{}: {}", root.join(path).display(), msg!("cms-init-exists"));
                return 1;
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(root.join(cms::ADMIN_DIR)) {
        let dir = root.join(cms::ADMIN_DIR);
        tell!("{}", io_failed(&dir, &msg!("io-create"), &e));
        return 1;
    }
    for (path, text) in &files {
        if let Err(e) = std::fs::write(root.join(path), text) {
            tell!("{}", io_failed(&root.join(path), &msg!("io-write"), &e));
            return 1;
        }
        say!("{}", root.join(path).display());
    }
    0
}
