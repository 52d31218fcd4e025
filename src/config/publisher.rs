//! `publisher:` in config.yaml: who publishes the portal, as the law asks
//! it be shown (Decree 42/2022/NĐ-CP Art. 4(1)(e)): the agency's name per
//! language, address, phone, email, the person responsible, the licence
//! line and a logo. The theme shows it in every page's footer; structured
//! metadata (JSON-LD) reads the same [`Publisher`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::Localised;
use crate::diag::{self, Diagnostic};
use crate::markdown::url_scheme;
use crate::yaml::{self, Step};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPublisher {
    name: Localised,
    address: Option<Localised>,
    phone: Option<String>,
    email: Option<String>,
    responsible_person: Option<Localised>,
    licence: Option<Localised>,
    logo: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// The publisher, resolved: every text per language code (a text given
/// once is every language's), blank values absent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publisher {
    pub name: BTreeMap<String, String>,
    pub address: BTreeMap<String, String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub responsible_person: BTreeMap<String, String>,
    pub licence: BTreeMap<String, String>,
    /// A site path (`/images/logo.svg`) or an http(s) URL, as written.
    pub logo: Option<String>,
    pub kind: PublisherKind,
}

/// The schema.org type the publisher is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublisherKind {
    Organization,
    GovernmentOrganization,
}

impl PublisherKind {
    /// The schema.org name: `GovernmentOrganization`.
    pub fn schema_type(self) -> &'static str {
        match self {
            PublisherKind::Organization => "Organization",
            PublisherKind::GovernmentOrganization => "GovernmentOrganization",
        }
    }
}

/// The publisher's texts in one language (else the default language's).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PublisherIn<'p> {
    pub name: &'p str,
    pub address: Option<&'p str>,
    pub phone: Option<&'p str>,
    pub email: Option<&'p str>,
    pub responsible_person: Option<&'p str>,
    pub licence: Option<&'p str>,
    pub logo: Option<&'p str>,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

impl Publisher {
    /// What the publisher says in `lang`; `fallback` is the default
    /// language, whose text stands in where `lang` has none.
    pub fn in_language<'p>(&'p self, lang: &str, fallback: &str) -> PublisherIn<'p> {
        let pick = |texts: &'p BTreeMap<String, String>| {
            (texts.get(lang))
                .or_else(|| texts.get(fallback))
                .map(String::as_str)
        };
        PublisherIn {
            name: pick(&self.name).unwrap_or_default(),
            address: pick(&self.address),
            phone: self.phone.as_deref(),
            email: self.email.as_deref(),
            responsible_person: pick(&self.responsible_person),
            licence: pick(&self.licence),
            logo: self.logo.as_deref(),
            kind: self.kind.schema_type(),
        }
    }
}

pub(super) fn resolve(
    raw: RawPublisher,
    path: &Path,
    text: &str,
    languages: &[String],
) -> (Publisher, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let mut error = |key: &str, message: String| {
        let (line, column) =
            (yaml::locate(text, &[Step::Key("publisher"), Step::Key(key)])).unwrap_or((1, 1));
        errors.push(Diagnostic::error(path, message).at(line, column));
    };
    let mut texts = |key: &str, value: Option<Localised>| {
        let map: BTreeMap<String, String> = match value {
            None => BTreeMap::new(),
            Some(Localised::Same(text)) => (languages.iter())
                .map(|code| (code.clone(), text.clone()))
                .collect(),
            Some(Localised::PerLanguage(map)) => map,
        };
        for code in map.keys().filter(|c| !languages.contains(c)) {
            error(
                key,
                crate::msg!(
                    "config-unknown-language",
                    key = format!("publisher {key}"),
                    code = diag::shown(code)
                ),
            );
        }
        (map.into_iter())
            .map(|(code, text)| (code, text.trim().to_string()))
            .filter(|(_, text)| !text.is_empty())
            .collect::<BTreeMap<_, _>>()
    };
    let name = texts("name", Some(raw.name));
    let address = texts("address", raw.address);
    let responsible_person = texts("responsible_person", raw.responsible_person);
    let licence = texts("licence", raw.licence);
    if name.is_empty() {
        error("name", crate::msg!("publisher-name"));
    }
    let blank_is_none =
        |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let email = blank_is_none(raw.email);
    if let Some(email) = &email {
        let (local, domain) = email.split_once('@').unwrap_or_default();
        if local.is_empty() || !domain.contains('.') || email.contains(char::is_whitespace) {
            error(
                "email",
                crate::msg!("publisher-email", email = diag::shown(email)),
            );
        }
    }
    let logo = blank_is_none(raw.logo);
    if let Some(logo) = &logo {
        let web = matches!(url_scheme(logo).as_deref(), None | Some("http" | "https"));
        if !web || logo.chars().any(char::is_control) {
            error(
                "logo",
                crate::msg!("publisher-logo", logo = diag::shown(logo)),
            );
        }
    }
    let kind = match raw.kind.as_deref().map(str::trim) {
        None | Some("" | "Organization") => PublisherKind::Organization,
        Some("GovernmentOrganization") => PublisherKind::GovernmentOrganization,
        Some(other) => {
            error(
                "type",
                crate::msg!("publisher-type", value = diag::shown(other)),
            );
            PublisherKind::Organization
        }
    };
    let publisher = Publisher {
        name,
        address,
        phone: blank_is_none(raw.phone),
        email,
        responsible_person,
        licence,
        logo,
        kind,
    };
    (publisher, errors)
}
