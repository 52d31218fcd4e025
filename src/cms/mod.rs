//! The browser CMS (Decap CMS) for editors: `static/admin/config.yml` and
//! `static/admin/index.html`, generated from bantin's own front-matter
//! schema (`source::front_matter::known_keys`) and the site's config, so the
//! CMS writes exactly the files `bantin new` makes; and the drift check
//! `bantin check` runs on a `config.yml` edited by hand or left behind by an
//! older schema (see `drift.rs`).

mod drift;

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::Config;
use crate::{messages, msg, source};

pub use drift::check as check_drift;

/// Where the admin page lives, below the site root.
pub const ADMIN_DIR: &str = "static/admin";
/// The admin page's folder in the output, below the site's root URL.
pub const ADMIN_URL_DIR: &str = "admin";
pub const CONFIG_FILE: &str = "static/admin/config.yml";
pub const INDEX_FILE: &str = "static/admin/index.html";
/// The folder uploads go to, below the site root, and its public URL path.
pub const MEDIA_FOLDER: &str = "static/images";
pub const PUBLIC_FOLDER: &str = "/images";
/// Where `bantin serve` answers Decap's local backend protocol.
pub const BACKEND_PATH: &str = "/_bantin/cms/api/v1";

/// How a front-matter key is edited: the Decap widget and its options, as
/// YAML flow-mapping entries after `name` and `label`.
/// `{hint}` in the options stands for the pattern's explanation and
/// `{date}`, `{note}` for the corrections' own field labels, all in the
/// message language (see `label`).
struct FieldRule {
    key: &'static str,
    options: &'static str,
}

/// Every key bantin knows gets a field; keys missing here (a newer schema)
/// get a plain optional string, so the CMS never drops a key.
const FIELD_RULES: &[FieldRule] = &[
    rule("title", "widget: string, required: true, i18n: true"),
    rule(
        "date",
        "widget: datetime, format: \"YYYY-MM-DD HH:mm\", date_format: \"DD/MM/YYYY\", time_format: \"HH:mm\", picker_utc: false, i18n: duplicate",
    ),
    rule("updated", DATETIME_OPTIONAL),
    rule(
        "author",
        "widget: bantin-authors, required: false, i18n: duplicate",
    ),
    rule(
        "category",
        "widget: bantin-suggest, required: false, i18n: true",
    ),
    rule(
        "tags",
        "widget: list, required: false, allow_add: true, i18n: true",
    ),
    rule("summary", "widget: text, required: false, i18n: true"),
    rule(
        "image",
        "widget: image, required: false, choose_url: false, i18n: duplicate",
    ),
    rule(
        "image_caption",
        "widget: string, required: false, i18n: true",
    ),
    rule(
        "image_focus",
        "widget: string, required: false, pattern: [\"^ *(0([.][0-9]+)?|1([.]0+)?|[.][0-9]+) *, *(0([.][0-9]+)?|1([.]0+)?|[.][0-9]+) *$\", {hint}], i18n: duplicate",
    ),
    rule(
        "photo_credit",
        "widget: string, required: false, i18n: duplicate",
    ),
    rule(
        "views",
        "widget: number, required: false, value_type: int, min: 0, i18n: duplicate",
    ),
    rule(
        "slug",
        "widget: string, required: false, pattern: [\"^[a-z0-9]+(-[a-z0-9]+)*$\", {hint}], i18n: true",
    ),
    rule("draft", "widget: boolean, required: false, i18n: duplicate"),
    rule(
        "featured",
        "widget: boolean, required: false, i18n: duplicate",
    ),
    rule("pin_until", DATETIME_OPTIONAL),
    rule("expires", DATETIME_OPTIONAL),
    rule("source", "widget: string, required: false, i18n: true"),
    rule(
        "corrections",
        "widget: list, required: false, i18n: true, fields: [{ name: date, label: {date}, widget: datetime, format: \"YYYY-MM-DD HH:mm\", picker_utc: false }, { name: note, label: {note}, widget: text }]",
    ),
    rule("aliases", "widget: list, required: false, i18n: true"),
    rule(
        "translation_key",
        "widget: string, required: false, i18n: duplicate",
    ),
];

/// A date and time as bantin reads it (`2026-11-03 08:30`, the site's
/// timezone); the picker shows the editor's own clock.
const DATETIME_OPTIONAL: &str = "widget: datetime, required: false, format: \"YYYY-MM-DD HH:mm\", date_format: \"DD/MM/YYYY\", time_format: \"HH:mm\", picker_utc: false, i18n: duplicate";

const fn rule(key: &'static str, options: &'static str) -> FieldRule {
    FieldRule { key, options }
}

/// The field's label in the CMS, in the message language; Decap shows
/// labels only, so they are the publisher's to change (drift ignores them).
fn label(key: &str) -> Option<String> {
    Some(match key {
        "title" => msg!("cms-label-title"),
        "date" => msg!("cms-label-date"),
        "updated" => msg!("cms-label-updated"),
        "author" => msg!("cms-label-author"),
        "category" => msg!("cms-label-category"),
        "tags" => msg!("cms-label-tags"),
        "summary" => msg!("cms-label-summary"),
        "image" => msg!("cms-label-image"),
        "image_caption" => msg!("cms-label-image-caption"),
        "image_focus" => msg!("cms-label-image-focus"),
        "photo_credit" => msg!("cms-label-photo-credit"),
        "views" => msg!("cms-label-views"),
        "slug" => msg!("cms-label-slug"),
        "draft" => msg!("cms-label-draft"),
        "featured" => msg!("cms-label-featured"),
        "pin_until" => msg!("cms-label-pin-until"),
        "expires" => msg!("cms-label-expires"),
        "source" => msg!("cms-label-source"),
        "corrections" => msg!("cms-label-corrections"),
        "aliases" => msg!("cms-label-aliases"),
        "translation_key" => msg!("cms-label-translation-key"),
        "body" => msg!("cms-label-body"),
        _ => return None,
    })
}

/// What a field's `pattern` asks for, shown when a value does not match.
fn pattern_hint(key: &str) -> String {
    match key {
        "image_focus" => msg!("cms-hint-image-focus"),
        _ => msg!("cms-hint-slug"),
    }
}

/// Keys an article cannot do without; pages (any depth under
/// `content/pages/`) need only a title.
const ARTICLE_REQUIRED: &[&str] = &["title", "date"];
const PAGE_REQUIRED: &[&str] = &["title"];

/// The values already used for the keys offered from a list.
#[derive(Default)]
pub struct Existing {
    pub authors: BTreeSet<String>,
    pub categories: BTreeSet<String>,
    /// config.yaml's `author:`, which `bantin new` puts in new articles.
    pub default_author: Option<String>,
}

impl Existing {
    /// Collected from the site's content; files that do not parse add nothing.
    pub fn read(root: &Path, config: &Config) -> Existing {
        let (articles, _) = source::load(root, config);
        let mut existing = Existing {
            default_author: config.author.clone().filter(|a| !a.trim().is_empty()),
            ..Existing::default()
        };
        for article in articles {
            existing
                .authors
                .extend(article.front.authors.iter().cloned());
            existing.categories.extend(article.front.category.clone());
        }
        existing
    }
}

/// `static/admin/config.yml` for this site.
pub fn config_yml(config: &Config, existing: &Existing) -> String {
    let locales: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let mut out = String::new();
    out.push_str(HEADER);
    // Decap's own buttons and menus speak the message language too.
    out.push_str(&format!(
        "local_backend: true\nlocale: {}\nmedia_folder: {MEDIA_FOLDER}\npublic_folder: {PUBLIC_FOLDER}\n\
         slug:\n  encoding: ascii\n  clean_accents: true\n  sanitize_replacement: \"-\"\n\
         i18n:\n  structure: multiple_files\n  locales: [{}]\n  default_locale: {}\n\ncollections:\n",
        messages::current().code(),
        locales.join(", "),
        config.default_language().code
    ));
    out.push_str(&collection(
        "articles",
        &msg!("cms-collection-articles"),
        "content",
        "{{year}}/{{slug}}",
        ARTICLE_REQUIRED,
        existing,
    ));
    out.push_str(&collection(
        "pages",
        &msg!("cms-collection-pages"),
        "content/pages",
        "{{slug}}",
        PAGE_REQUIRED,
        existing,
    ));
    out
}

const HEADER: &str = "\
# Decap CMS configuration for this site, written by `bantin cms init` from
# bantin's front-matter rules and config.yaml; `bantin check` reports where
# it no longer matches them. Decap CMS itself is not part of bantin: see
# `cms.script` in config.yaml.

# Editing through a Git host in production: choose one backend (only the
# local backend below, used by `bantin serve`, is tested with bantin).
backend:
  name: git-gateway
  branch: main
  # name: github
  # repo: owner/portal
  # branch: main
  # base_url: https://oauth.example.org   # your OAuth provider
  # name: gitlab
  # repo: owner/portal
  # auth_type: pkce
  # app_id: your-gitlab-application-id

# `bantin serve` answers Decap's local backend protocol (admin/index.html
# gives Decap its address).
";

/// A collection with a `path` keeps its uploads beside each entry unless it
/// names a media folder of its own, so each names the site's (absolute: from
/// the site root).
fn collection(
    name: &str,
    label: &str,
    folder: &str,
    path: &str,
    required: &[&str],
    existing: &Existing,
) -> String {
    let mut out = format!(
        "  - name: {name}\n    label: {}\n    folder: {folder}\n    path: \"{path}\"\n    create: true\n    \
         extension: md\n    format: frontmatter\n    i18n: true\n    summary: \"{{{{title}}}}\"\n    \
         media_folder: /{MEDIA_FOLDER}\n    public_folder: {PUBLIC_FOLDER}\n    fields:\n",
        quoted(label)
    );
    for key in source::known_keys() {
        out.push_str(&field(&key, required.contains(&key.as_str()), existing));
    }
    // An empty body is a valid article (`bantin new` writes one).
    out.push_str(&format!(
        "      - {{ name: body, label: {}, widget: markdown, required: false, i18n: true }}\n",
        quoted(&msg!("cms-label-body"))
    ));
    out
}

fn field(key: &str, required: bool, existing: &Existing) -> String {
    let label = quoted(&label(key).unwrap_or_else(|| key.to_string()));
    let options = match FIELD_RULES.iter().find(|r| r.key == key) {
        Some(rule) => (rule.options)
            .replace("{hint}", &quoted(&pattern_hint(key)))
            .replace("{date}", &quoted(&msg!("cms-label-correction-date")))
            .replace("{note}", &quoted(&msg!("cms-label-note"))),
        None => "widget: string, required: false".to_string(),
    };
    // A rule's own `required` is the article's; pages relax `date`.
    let options = match (required, options.contains("required:")) {
        (true, true) => options.replace("required: false", "required: true"),
        (true, false) => format!("required: true, {options}"),
        (false, true) => options.replace("required: true", "required: false"),
        (false, false) => format!("required: false, {options}"),
    };
    let offered = match key {
        "author" => Some(&existing.authors),
        "category" => Some(&existing.categories),
        _ => None,
    };
    let offered = offered.map_or(String::new(), |values| {
        let quoted: Vec<String> = values.iter().map(|v| quoted(v)).collect();
        format!(", options: [{}]", quoted.join(", "))
    });
    // New entries start as `bantin new` starts them: dated now, with the
    // site's `author:`.
    let default = match key {
        "date" if required => ", default: \"{{now}}\"".to_string(),
        "author" => existing
            .default_author
            .as_ref()
            .map_or(String::new(), |name| format!(", default: {}", quoted(name))),
        _ => String::new(),
    };
    format!("      - {{ name: {key}, label: {label}, {options}{default}{offered} }}\n")
}

/// A YAML double-quoted scalar: JSON's string syntax is valid YAML.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// `static/admin/index.html`: loads Decap from `cms.script`, registers the
/// theme's stylesheet for previews, the `bantin-suggest` widget (a text
/// box offering the existing values, which Decap's `select` cannot: it
/// refuses new ones) and `bantin-authors` (a list of such boxes, written as
/// one name or a list, as `author:` is).
pub fn index_html(config: &Config) -> String {
    let script = crate::text::escape::escape_markup(&config.cms.script);
    let js = |text: String| quoted(&text);
    INDEX_TEMPLATE
        .replace("{lang}", messages::current().code())
        .replace(
            "{title}",
            &crate::text::escape::escape_markup(&msg!("cms-page-title")),
        )
        .replace("{authors}", &js(msg!("cms-label-author")))
        .replace("{remove}", &js(msg!("cms-author-remove")))
        .replace("{this_name}", &js(msg!("cms-author-this-name")))
        .replace("{add_author}", &js(msg!("cms-author-add")))
        .replace("{script}", &script)
        .replace("{backend}", BACKEND_PATH)
}

const INDEX_TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<!-- Written by `bantin cms init`. The script comes from `cms.script` in config.yaml. -->
<script>window.CMS_MANUAL_INIT = true;</script>
</head>
<body>
<script src="{script}"></script>
<script>
// Previews use the theme's stylesheet, so an article looks roughly as readers see it.
CMS.registerPreviewStyle("../css/style.css");
// A text box that offers the values already in use and accepts new ones.
CMS.registerWidget("bantin-suggest", createClass({
  render: function () {
    var props = this.props;
    var listId = props.forID + "-values";
    var options = (props.field.get("options") || []).map(function (value) {
      return h("option", { key: value, value: value });
    });
    return h("div", null,
      h("input", {
        id: props.forID, type: "text", list: listId, className: props.classNameWrapper,
        value: props.value || "",
        onChange: function (event) { props.onChange(event.target.value); },
        onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
      }),
      h("datalist", { id: listId }, options));
  }
}));
// Authors: a list of names, each offered from those already in use. One
// name is written as a plain string, as `bantin new` writes it; several as a
// list; none as "" (bantin reads an empty value as absent).
function bantinNames(value) {
  if (value && value.toJS) value = value.toJS();
  var names = Array.isArray(value) ? value : value ? [String(value)] : [];
  return names.map(function (name) { return String(name).trim(); }).filter(Boolean);
}
CMS.registerWidget("bantin-authors", createClass({
  getInitialState: function () {
    var names = bantinNames(this.props.value);
    return { boxes: names.length ? names : [""] };
  },
  componentDidUpdate: function () {
    // A value set from outside (another locale, a reload) replaces the boxes.
    var names = bantinNames(this.props.value);
    if (JSON.stringify(names) !== JSON.stringify(bantinNames(this.state.boxes))) {
      this.setState({ boxes: names.length ? names : [""] });
    }
  },
  update: function (boxes) {
    var names = bantinNames(boxes);
    this.setState({ boxes: boxes });
    this.props.onChange(names.length === 0 ? "" : names.length === 1 ? names[0] : names);
  },
  render: function () {
    var self = this;
    var props = this.props;
    var listId = props.forID + "-values";
    var boxes = this.state.boxes;
    var rows = boxes.map(function (name, i) {
      return h("div", { key: i, style: { display: "flex", gap: "8px", marginBottom: "6px" } },
        h("input", {
          id: i === 0 ? props.forID : props.forID + "-" + i, type: "text", list: listId,
          "aria-label": (props.field.get("label") || {authors}) + " " + (i + 1),
          className: props.classNameWrapper, value: name, disabled: props.isDisabled,
          onChange: function (event) {
            var next = boxes.slice(); next[i] = event.target.value; self.update(next);
          },
          onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle
        }),
        boxes.length > 1 && !props.isDisabled && h("button", {
          type: "button", "aria-label": {remove} + " " + (name || {this_name}),
          onClick: function () { self.update(boxes.filter(function (_, j) { return j !== i; })); }
        }, "×"));
    });
    var options = (props.field.get("options") || []).map(function (value) {
      return h("option", { key: value, value: value });
    });
    return h("div", null, rows,
      !props.isDisabled && h("button", {
        type: "button", onClick: function () { self.setState({ boxes: boxes.concat([""]) }); }
      }, {add_author}),
      h("datalist", { id: listId }, options));
  }
}));
// Decap wants the local backend's absolute URL: `bantin serve` answers on
// whatever address this page was opened by.
CMS.init({ config: { local_backend: { url: location.origin + "{backend}" } } });
</script>
</body>
</html>
"#;
