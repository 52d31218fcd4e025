//! What the law asks a state portal to publish, checked: each page of
//! `portal.required_pages` must exist in the default language and in
//! English (Decree 42/2022/NĐ-CP Art. 4(1)(e), Art. 7(2)).

use super::Site;
use super::menus::{find, groups};
use crate::diag::{self, Diagnostic};

/// The language the law asks the organisation and contact pages in.
const ENGLISH: &str = "en";

pub(super) fn required_pages(site: &Site) -> Vec<Diagnostic> {
    let required = &site.config.portal.required_pages;
    if required.is_empty() {
        return Vec::new();
    }
    let groups = groups(site);
    let default = site.config.default_language().code.as_str();
    let mut wanted = vec![default];
    if default != ENGLISH {
        wanted.push(ENGLISH);
    }
    let mut errors = Vec::new();
    for page in required {
        let error = |message: String| {
            Diagnostic::error(&site.config_path, message).at(page.at.0, page.at.1)
        };
        let shown = diag::shown(&page.page);
        let members = find(site, &groups, &page.page).unwrap_or_default();
        for lang in &wanted {
            if members.iter().any(|&id| site.articles[id].lang() == *lang) {
                continue;
            }
            errors.push(error(if members.is_empty() {
                crate::msg!("portal-page-missing", page = shown.as_str())
            } else if site.config.language(lang).is_none() {
                crate::msg!("portal-page-english", page = shown.as_str(), lang = *lang)
            } else {
                crate::msg!(
                    "portal-page-no-version",
                    page = shown.as_str(),
                    lang = *lang
                )
            }));
            if members.is_empty() {
                break;
            }
        }
    }
    errors
}
