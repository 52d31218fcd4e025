//! `portal:` in config.yaml: what a state portal owes its readers by law.
//! `required_pages` lists the pages (content path or translation key) the
//! site must have, each in the default language and in English (Decree
//! 42/2022/NĐ-CP Art. 7(2)); the model checks them (`site::portal`).

use std::path::Path;

use serde::Deserialize;

use crate::diag::Diagnostic;
use crate::yaml::{self, Step};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPortal {
    required_pages: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Portal {
    pub required_pages: Vec<RequiredPage>,
}

/// A page the portal must publish, and where the configuration names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequiredPage {
    /// A content path (`pages/lien-he.vi.md`) or a translation key.
    pub page: String,
    /// 1-based line and column of the entry in config.yaml.
    pub at: (usize, usize),
}

pub(super) fn resolve(raw: RawPortal, path: &Path, text: &str) -> (Portal, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let required_pages = (raw
        .required_pages
        .unwrap_or_default()
        .into_iter()
        .enumerate())
    .filter_map(|(i, page)| {
        let steps = [
            Step::Key("portal"),
            Step::Key("required_pages"),
            Step::Index(i),
        ];
        let at = yaml::locate(text, &steps).unwrap_or((1, 1));
        let page = page.trim().trim_start_matches("content/").to_string();
        if page.is_empty() {
            errors.push(Diagnostic::error(path, crate::msg!("portal-page-empty")).at(at.0, at.1));
            return None;
        }
        Some(RequiredPage { page, at })
    })
    .collect();
    (Portal { required_pages }, errors)
}
