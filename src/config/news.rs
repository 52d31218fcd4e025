//! `metadata:` and `news:` — what pages say about themselves beyond the
//! basics (the Dublin Core set) and the Google News sitemap's publication.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Localised, RawLanguage, Resolver};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMetadata {
    dublin_core: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNews {
    publication_name: Option<Localised>,
}

/// The Google News sitemap's publication: `news-sitemap.xml` is made only
/// when it is configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct News {
    /// Language code → the publication's name in it, as Google News knows it.
    pub publication_name: BTreeMap<String, String>,
}

impl News {
    pub fn publication_name(&self, lang: &str) -> &str {
        self.publication_name
            .get(lang)
            .or_else(|| self.publication_name.values().next())
            .map_or("", String::as_str)
    }
}

/// `metadata.dublin_core`: off unless asked for.
pub(super) fn dublin_core(raw: Option<RawMetadata>) -> bool {
    raw.and_then(|m| m.dublin_core).unwrap_or(false)
}

impl Resolver<'_> {
    pub(super) fn news(
        &mut self,
        raw: Option<RawNews>,
        languages: &BTreeMap<String, RawLanguage>,
    ) -> Option<News> {
        let name = raw?.publication_name?;
        let publication_name = self.localised("publication_name", name, languages);
        if publication_name.values().any(|n| n.trim().is_empty()) {
            self.error("publication_name", crate::msg!("config-news-name"));
        }
        Some(News { publication_name })
    }
}
