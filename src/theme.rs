//! The theme: templates, UI strings per language, and static assets.
//!
//! The default theme (`themes/default/`) is compiled into the binary, so a
//! site without a `themes/` folder builds with it. A site's own
//! `themes/<name>/` replaces it file by file: a template, an i18n file or a
//! static asset found there wins over the built-in one of the same path.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Deserialize;

use crate::config::{Config, yaml_error};
use crate::diag::Diagnostic;
use crate::output::Asset;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// UI strings and local formats of one language (`i18n/<code>.yaml`).
#[derive(Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct I18n {
    /// Open Graph locale: `vi_VN`, `en_US`.
    pub locale: String,
    /// For `text::dates::format_date`: `{dd}/{mm}/{yyyy}`.
    pub date_format: String,
    pub months: Vec<String>,
    pub thousands_separator: String,
    pub strings: BTreeMap<String, String>,
}

impl Asset {
    /// The asset as UTF-8 text (templates, i18n files); a file is read
    /// with the limit every file bantin reads has.
    fn text(&self, shown: &Path) -> Result<String, Diagnostic> {
        let bytes = match self {
            Asset::BuiltIn(bytes) => bytes.to_vec(),
            Asset::File(path) => crate::files::read_limited(path, shown, &crate::msg!("io-read"))?,
        };
        String::from_utf8(bytes).map_err(|_| Diagnostic::error(shown, crate::msg!("file-not-utf8")))
    }
}

#[derive(Debug)]
pub struct Theme {
    /// Template name (`article.html`) → (path shown in errors, source).
    pub templates: BTreeMap<String, (PathBuf, String)>,
    /// Language code → strings, complete for every configured language.
    pub i18n: BTreeMap<String, I18n>,
    /// Output path below the site root → asset.
    pub static_files: BTreeMap<String, Asset>,
}

impl Theme {
    /// Adds the site's own static files, which win over the theme's of the
    /// same path. Two whose paths differ only in letter case would be one
    /// file on case-insensitive hosts: an error naming both.
    pub fn add_static(&mut self, files: BTreeMap<String, PathBuf>) -> Vec<Diagnostic> {
        self.static_files.extend(
            files
                .into_iter()
                .map(|(rel, path)| (rel, Asset::File(path))),
        );
        let shown = |rel: &str, asset: &Asset| match asset {
            Asset::File(path) => path.clone(),
            Asset::BuiltIn(_) => PathBuf::from(crate::msg!("theme-built-in"))
                .join("static")
                .join(rel),
        };
        let mut first: BTreeMap<String, (&str, &Asset)> = BTreeMap::new();
        let mut errors = Vec::new();
        for (rel, asset) in &self.static_files {
            match first.entry(crate::text::slug::fold_case(rel)) {
                Entry::Vacant(entry) => {
                    entry.insert((rel, asset));
                }
                Entry::Occupied(entry) => {
                    // Told at the site's own file, which the editor can rename.
                    let (other, other_asset) = *entry.get();
                    let (at, named) = match asset {
                        Asset::BuiltIn(_) => (shown(other, other_asset), shown(rel, asset)),
                        Asset::File(_) => (shown(rel, asset), shown(other, other_asset)),
                    };
                    errors.push(Diagnostic::error(
                        at,
                        crate::msg!("file-case-clash", other = named.display().to_string()),
                    ));
                }
            }
        }
        errors
    }
}

/// Loads the configured theme over the built-in default.
pub fn load(root: &Path, config: &Config) -> Result<(Theme, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files: BTreeMap<String, (PathBuf, Asset)> = BTreeMap::new();
    collect_builtin(&DEFAULT_THEME, &mut files);
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        collect_dir(root, &theme_dir, &mut files)?;
    } else if config.theme != "default" {
        return Err(vec![Diagnostic::error(
            root.join(crate::config::FILE_NAME),
            crate::msg!(
                "theme-not-found",
                theme = config.theme.as_str(),
                folder = theme_dir.display().to_string()
            ),
        )]);
    }

    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut templates = BTreeMap::new();
    let mut raw_i18n: BTreeMap<String, (PathBuf, I18n)> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    for (rel, (shown, asset)) in files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match asset.text(&shown) {
                Ok(text) => {
                    templates.insert(name.to_string(), (shown, text));
                }
                Err(d) => errors.push(d),
            }
        } else if let Some(code) = rel
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".yaml"))
        {
            match read_i18n(&shown, &asset) {
                Ok(i18n) => {
                    raw_i18n.insert(code.to_string(), (shown, i18n));
                }
                Err(d) => errors.push(d),
            }
        } else if let Some(path) = rel.strip_prefix("static/") {
            static_files.insert(path.to_string(), asset);
        }
    }
    let i18n = complete_i18n(config, raw_i18n, &mut warnings, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((
        Theme {
            templates,
            i18n,
            static_files,
        },
        warnings,
    ))
}

fn collect_builtin(dir: &'static Dir<'static>, files: &mut BTreeMap<String, (PathBuf, Asset)>) {
    for file in dir.files() {
        let rel = file.path().to_string_lossy().replace('\\', "/");
        let shown = PathBuf::from(crate::msg!("theme-built-in")).join(file.path());
        files.insert(rel, (shown, Asset::BuiltIn(file.contents())));
    }
    for sub in dir.dirs() {
        collect_builtin(sub, files);
    }
}

/// The theme folder's files, over the built-in ones of the same path.
fn collect_dir(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, (PathBuf, Asset)>,
) -> Result<(), Vec<Diagnostic>> {
    let walk = crate::files::walk::files(root, dir, |_| true, &[]);
    if !walk.problems.is_empty() {
        return Err(walk.problems);
    }
    for file in walk.files {
        let asset = Asset::File(file.abs_path.clone());
        files.insert(file.rel_path, (file.abs_path, asset));
    }
    Ok(())
}

fn read_i18n(shown: &Path, asset: &Asset) -> Result<I18n, Diagnostic> {
    let text = crate::files::normalise(asset.text(shown)?);
    crate::yaml::from_str(&text).map_err(|e| yaml_error(shown, e))
}

/// Every configured language gets strings: its own file, with any key it
/// lacks taken from English (or the first file there is), so a new
/// language works at once and can be translated key by key.
fn complete_i18n(
    config: &Config,
    mut raw: BTreeMap<String, (PathBuf, I18n)>,
    warnings: &mut Vec<Diagnostic>,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, I18n> {
    let Some(fallback) = raw
        .get("en")
        .or_else(|| raw.values().next())
        .map(|(_, i)| i.clone())
    else {
        errors.push(Diagnostic::error("themes", crate::msg!("theme-no-i18n")));
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for language in &config.languages {
        let i18n = match raw.remove(&language.code) {
            Some((_, mut own)) => {
                for (key, value) in &fallback.strings {
                    own.strings
                        .entry(key.clone())
                        .or_insert_with(|| value.clone());
                }
                own
            }
            None => {
                warnings.push(Diagnostic::warning(
                    PathBuf::from("themes")
                        .join(&config.theme)
                        .join("i18n")
                        .join(format!("{}.yaml", language.code)),
                    crate::msg!("theme-no-strings", code = language.code.as_str()),
                ));
                fallback.clone()
            }
        };
        out.insert(language.code.clone(), i18n);
    }
    out
}
