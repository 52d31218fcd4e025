//! Front-matter values that are not plain text: the blank-means-absent rule
//! every optional key follows, bylines (one name or a list), corrections.
//!
//! CMSes (Decap, Netlify CMS, Forestry) write a field left empty as `""`,
//! whatever its type: `views: ""`, `draft: ""`, `tags: ""`. [`OrBlank`]
//! reads such a value as absent, so `updated: ""` and no `updated` mean the
//! same everywhere; any other value goes to the key's own type, with its
//! own error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, Visitor};

/// An optional value for which blank text (or `null`) means absent.
#[derive(Debug)]
pub(super) struct OrBlank<T>(pub Option<T>);

impl<T> Default for OrBlank<T> {
    fn default() -> Self {
        OrBlank(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrBlank<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrBlankVisitor(PhantomData))
    }
}

struct OrBlankVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OrBlankVisitor<T> {
    type Value = OrBlank<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value, or nothing")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            return Ok(OrBlank(None));
        }
        T::deserialize(v.into_deserializer()).map(|t| OrBlank(Some(t)))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|t| OrBlank(Some(t)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|t| OrBlank(Some(t)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|t| OrBlank(Some(t)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|t| OrBlank(Some(t)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OrBlank(None))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OrBlank(None))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        T::deserialize(d).map(|t| OrBlank(Some(t)))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize(SeqAccessDeserializer::new(seq)).map(|t| OrBlank(Some(t)))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|t| OrBlank(Some(t)))
    }
}

/// `author: Kim Cúc` or `author: [Kim Cúc, Hoàng Anh]`: the names as
/// written (see [`clean_names`]).
#[derive(Debug, Default)]
pub(super) struct Names(pub Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NamesVisitor)
    }
}

struct NamesVisitor;

impl<'de> Visitor<'de> for NamesVisitor {
    type Value = Names;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a name or a list of names")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Names, E> {
        Ok(Names(vec![v.to_string()]))
    }

    // A name that YAML reads as a number (`author: 2023`) is still a name.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Names, E> {
        Ok(Names(vec![v.to_string()]))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Names, E> {
        Ok(Names(vec![v.to_string()]))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Names, E> {
        Ok(Names(vec![v.to_string()]))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Names, A::Error> {
        let mut names = Vec::new();
        while let Some(name) = seq.next_element::<Option<String>>()? {
            names.extend(name);
        }
        Ok(Names(names))
    }
}

/// One entry of `corrections:` as written.
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCorrection {
    pub date: Option<String>,
    pub note: Option<String>,
}

/// A correction to a published article: shown as a dated notice at its
/// top, and an update like `updated`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Correction {
    pub date: jiff::Timestamp,
    pub note: String,
}

/// Trimmed names, each once, in the order written.
pub(super) fn clean_names(names: Vec<String>) -> Vec<String> {
    let mut clean: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let name = name.trim();
        if !name.is_empty() && !clean.iter().any(|n| n == name) {
            clean.push(name.to_string());
        }
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Probe {
        #[serde(default)]
        views: OrBlank<u64>,
        #[serde(default)]
        tags: OrBlank<Vec<String>>,
        #[serde(default)]
        author: OrBlank<Names>,
    }

    fn probe(yaml: &str) -> Result<Probe, crate::yaml::YamlError> {
        crate::yaml::from_str(yaml)
    }

    #[test]
    fn blank_and_null_values_are_absent() {
        for yaml in [
            "views: ''\ntags: ''\nauthor: ''",
            "views: \"  \"\ntags:\nauthor: ~",
            "{}",
        ] {
            let p = probe(yaml).unwrap();
            assert!(p.views.0.is_none() && p.tags.0.is_none() && p.author.0.is_none());
        }
    }

    #[test]
    fn other_values_keep_their_types_and_errors() {
        let p = probe("views: 12\ntags: [a, 2023]\nauthor: [Kim Cúc, '', Hoàng Anh]").unwrap();
        assert_eq!(p.views.0, Some(12));
        assert_eq!(p.tags.0.unwrap(), ["a", "2023"]);
        let names = clean_names(p.author.0.unwrap().0);
        assert_eq!(names, ["Kim Cúc", "Hoàng Anh"], "blanks are left out");
        assert_eq!(
            probe("author: Kim Cúc").unwrap().author.0.unwrap().0,
            ["Kim Cúc"]
        );
        let err = probe("tags: []\nviews: nhiều").unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(2), "{err:?}");
        assert!(err.message.contains("nhiều"), "{err:?}");
    }
}
