//! `cms:` in config.yaml: where `static/admin/index.html` loads Decap CMS
//! from. Decap is not shipped with bantin, so the publisher picks the copy.

use serde::Deserialize;

/// A copy of `decap-cms.js` next to the admin page (from npm's
/// `decap-cms/dist/`), so nothing is loaded from a third party by default.
pub const DEFAULT_SCRIPT: &str = "decap-cms.js";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCms {
    script: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cms {
    /// A URL, or a path relative to `/admin/`.
    pub script: String,
}

pub(super) fn resolve(raw: Option<RawCms>) -> Cms {
    Cms {
        script: raw
            .and_then(|r| r.script)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| DEFAULT_SCRIPT.to_string()),
    }
}
