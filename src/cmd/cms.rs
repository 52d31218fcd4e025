//! `bantin cms init`: the admin page and Decap CMS configuration.

use super::{say, tell};
use std::path::Path;

use bantin::cms::{self, Existing};
use bantin::config::{self, Overrides};
use bantin::msg;

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
                let path = root.join(path).display().to_string();
                tell!("{}", msg!("cms-init-exists", path = path));
                return 1;
            }
        }
    }
    if let Err(e) = std::fs::create_dir_all(root.join(cms::ADMIN_DIR)) {
        let path = root.join(cms::ADMIN_DIR).display().to_string();
        tell!(
            "{}",
            msg!("cms-init-cannot-create", path = path, error = e.to_string())
        );
        return 1;
    }
    for (path, text) in &files {
        if let Err(e) = std::fs::write(root.join(path), text) {
            let path = root.join(path).display().to_string();
            tell!(
                "{}",
                msg!("cms-init-cannot-write", path = path, error = e.to_string())
            );
            return 1;
        }
        say!("{}", root.join(path).display());
    }
    0
}
