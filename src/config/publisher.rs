//! `publisher:` — who publishes the portal (the body that answers for it):
//! its name per language, contact details, licence and logo, and whether
//! structured data calls it an `Organization` or a `GovernmentOrganization`.
//!
//! The minimal shape structured data (`render/json_ld.rs`) reads; the
//! pages that show the publisher build on the same fields.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Localised, RawLanguage, Resolver};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPublisher {
    name: Localised,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    responsible_person: Option<String>,
    licence: Option<String>,
    logo: Option<String>,
    #[serde(rename = "type")]
    kind: Option<PublisherType>,
}

/// What schema.org type the publisher is.
#[derive(Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PublisherType {
    #[default]
    Organization,
    GovernmentOrganization,
}

impl PublisherType {
    /// The schema.org type name.
    pub fn schema_type(self) -> &'static str {
        match self {
            PublisherType::Organization => "Organization",
            PublisherType::GovernmentOrganization => "GovernmentOrganization",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publisher {
    /// Language code → name.
    pub name: BTreeMap<String, String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub responsible_person: Option<String>,
    pub licence: Option<String>,
    /// As written: a site path (`/images/logo.png`) or an absolute URL.
    pub logo: Option<String>,
    pub kind: PublisherType,
}

impl Publisher {
    /// Its name in `lang`, else in any language.
    pub fn name_in(&self, lang: &str) -> &str {
        self.name
            .get(lang)
            .or_else(|| self.name.values().next())
            .map_or("", String::as_str)
    }
}

impl Resolver<'_> {
    pub(super) fn publisher(
        &mut self,
        raw: RawPublisher,
        languages: &BTreeMap<String, RawLanguage>,
    ) -> Publisher {
        let empty = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
        Publisher {
            name: self.localised("publisher", raw.name, languages),
            address: empty(raw.address),
            phone: empty(raw.phone),
            email: empty(raw.email),
            responsible_person: empty(raw.responsible_person),
            licence: empty(raw.licence),
            logo: empty(raw.logo),
            kind: raw.kind.unwrap_or_default(),
        }
    }
}
