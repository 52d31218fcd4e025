//! Does `static/admin/config.yml` still say what `bantin cms init` would
//! write? Checked by `bantin check`: a key Decap's shape (as bantin writes
//! it) does not have, a field for a front-matter key bantin does not know,
//! or a collection missing a field bantin requires, each at
//! `config.yml:line:column`. Values (labels, options) are the publisher's
//! to change and are not compared.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{ARTICLE_REQUIRED, CONFIG_FILE, PAGE_REQUIRED};
use crate::config::yaml_error;
use crate::diag::{Diagnostic, shown};
use crate::{msg, source, yaml};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Fields read by serde's shape check only.
struct DecapConfig {
    backend: IgnoredAny,
    local_backend: Option<IgnoredAny>,
    media_folder: String,
    public_folder: Option<String>,
    site_url: Option<String>,
    locale: Option<String>,
    slug: Option<IgnoredAny>,
    i18n: Option<IgnoredAny>,
    collections: Vec<Collection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Collection {
    name: String,
    label: Option<String>,
    label_singular: Option<String>,
    description: Option<String>,
    folder: Option<String>,
    path: Option<String>,
    create: Option<bool>,
    delete: Option<bool>,
    extension: Option<String>,
    format: Option<String>,
    i18n: Option<IgnoredAny>,
    summary: Option<String>,
    sortable_fields: Option<IgnoredAny>,
    view_filters: Option<IgnoredAny>,
    preview_path: Option<String>,
    media_folder: Option<String>,
    public_folder: Option<String>,
    fields: Vec<Field>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Field {
    name: String,
    label: Option<String>,
    widget: Option<String>,
    required: Option<bool>,
    i18n: Option<IgnoredAny>,
    hint: Option<String>,
    default: Option<IgnoredAny>,
    pattern: Option<IgnoredAny>,
    options: Option<IgnoredAny>,
    format: Option<String>,
    date_format: Option<IgnoredAny>,
    time_format: Option<IgnoredAny>,
    picker_utc: Option<bool>,
    value_type: Option<String>,
    min: Option<IgnoredAny>,
    max: Option<IgnoredAny>,
    step: Option<IgnoredAny>,
    allow_add: Option<bool>,
    choose_url: Option<bool>,
    media_folder: Option<String>,
    public_folder: Option<String>,
    /// A list's own fields (`corrections`: date and note).
    fields: Option<IgnoredAny>,
}

/// Problems with `ROOT/static/admin/config.yml`; none when there is no such file.
pub fn check(root: &Path) -> Vec<Diagnostic> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Vec::new();
    }
    let text = match crate::files::read_text(&path, &path) {
        Ok(text) => text,
        Err(d) => return vec![d],
    };
    check_text(&path, &text)
}

pub fn check_text(path: &Path, text: &str) -> Vec<Diagnostic> {
    let config: DecapConfig = match yaml::from_str(text) {
        Ok(config) => config,
        Err(err) => {
            let mut d = yaml_error(path, err);
            d.message.push_str("; ");
            d.message.push_str(&msg!("cms-drift-rewrite"));
            return vec![d];
        }
    };
    let known = source::known_keys();
    let mut problems = Vec::new();
    for collection in &config.collections {
        let required = match collection.name.as_str() {
            "articles" => ARTICLE_REQUIRED,
            "pages" => PAGE_REQUIRED,
            _ => &[],
        };
        for field in &collection.fields {
            if field.name != "body" && !known.contains(&field.name) {
                let (line, column) = position(text, &format!("name: {}", field.name), 0);
                problems.push(
                    Diagnostic::error(
                        path,
                        msg!(
                            "cms-drift-unknown-field",
                            field = shown(&field.name),
                            known = known.join(", ")
                        ),
                    )
                    .at(line, column),
                );
            }
        }
        for key in required {
            let field = collection.fields.iter().find(|f| f.name == *key);
            if field.is_none_or(|f| f.required == Some(false)) {
                let start = text
                    .find(&format!("name: {}", collection.name))
                    .unwrap_or(0);
                let (line, column) = position(text, "fields:", start);
                problems.push(
                    Diagnostic::error(
                        path,
                        msg!(
                            "cms-drift-missing-required",
                            collection = shown(&collection.name),
                            key = *key
                        ),
                    )
                    .at(line, column),
                );
            }
        }
    }
    problems
}

/// The 1-based line and column of the first `needle` at or after byte `from`.
fn position(text: &str, needle: &str, from: usize) -> (usize, usize) {
    match text.get(from..).and_then(|rest| rest.find(needle)) {
        Some(offset) => crate::diag::line_column(text, from + offset),
        None => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cms::{Existing, config_yml};

    fn generated() -> String {
        let config = crate::config::parse(
            Path::new("config.yaml"),
            "title: T\nbase_url: https://example.org/\nlanguages:\n  vi: { name: Tiếng Việt }\n  en: { name: English }\n",
            &Default::default(),
        )
        .unwrap();
        config_yml(&config, &Existing::default())
    }

    fn messages(text: &str) -> Vec<String> {
        check_text(Path::new("config.yml"), text)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn what_cms_init_writes_has_no_drift() {
        assert_eq!(messages(&generated()), Vec::<String>::new());
    }

    #[test]
    fn a_field_bantin_does_not_know_is_reported_where_it_is() {
        let text = generated().replacen("name: summary,", "name: subtitle,", 1);
        let line = text.lines().position(|l| l.contains("subtitle")).unwrap() + 1;
        let found = messages(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!(
                "config.yml:{line}:11: field `subtitle` is not a front-matter key"
            )),
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_key_is_reported_with_its_position() {
        let text = generated().replace("    create: true\n", "    create: true\n    colour: red\n");
        let line = text.lines().position(|l| l.contains("colour")).unwrap() + 1;
        let found = messages(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("config.yml:{line}:"))
                && found[0].contains("unknown key `colour`"),
            "{found:?}"
        );
    }

    #[test]
    fn a_missing_required_field_is_reported_at_the_collection_fields() {
        let text: String = generated()
            .lines()
            .filter(|l| !l.contains("name: date,"))
            .map(|l| format!("{l}\n"))
            .collect();
        let line = text.lines().position(|l| l.trim() == "fields:").unwrap() + 1;
        let found = messages(&text);
        assert_eq!(
            found,
            [format!(
                "config.yml:{line}:5: collection `articles` lacks the required field `date` (bantin refuses entries without it)"
            )]
        );
    }
}
