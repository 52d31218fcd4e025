//! Finds anything in HTML that could run script, by parsing it the way a
//! browser does (html5ever, through `scraper`) and walking every element,
//! rather than by searching the text, which entities and odd spacing defeat.

use scraper::{ElementRef, Html};

/// Attributes whose value a browser loads or navigates to as a URL.
const URL_ATTRIBUTES: [&str; 14] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "codebase",
    "ping",
];

/// Elements that run or embed active content on their own.
const ACTIVE_ELEMENTS: [&str; 8] = [
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
];

/// Every hazard in a whole page: inline or foreign `<script>`s (external
/// scripts for which `own_script(src)` holds are the theme's and allowed),
/// `on*` attributes, active elements, and URLs with a script-running scheme.
pub fn page_hazards(html: &str, own_script: impl Fn(&str) -> bool) -> Vec<String> {
    hazards(&Html::parse_document(html), &own_script)
}

/// The same for a fragment such as rendered Markdown: no script at all.
pub fn fragment_hazards(html: &str) -> Vec<String> {
    hazards(&Html::parse_fragment(html), &|_| false)
}

/// Whether a script is one of the theme's own external scripts.
pub fn theme_script(src: &str) -> bool {
    [
        "views.js",
        "search.js",
        "stem.js",
        "search-page.js",
        "reader.js",
        "reader-prefs.js",
        "share.js",
    ]
    .iter()
    .any(|own| src.ends_with(&format!("/js/{own}")))
}

fn hazards(document: &Html, own_script: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let el = element.value();
        let name = el.name();
        let shown = || element.html().chars().take(200).collect::<String>();
        if name == "script" && el.attr("type") == Some("application/ld+json") {
            // A data block (structured data), never run: a hazard only if
            // a value broke out of it, which leaves its text not JSON.
            let text: String = element.text().collect();
            if el.attr("src").is_some() || serde_json::from_str::<serde_json::Value>(&text).is_err()
            {
                found.push(format!("structured data that is not JSON: {}", shown()));
            }
        } else if name == "script" {
            let src = el.attr("src").unwrap_or("");
            let has_text = element.text().any(|t| !t.trim().is_empty());
            if src.is_empty() || has_text || !own_script(src) || dangerous_url(src) {
                found.push(format!("script element: {}", shown()));
            }
        }
        if ACTIVE_ELEMENTS.contains(&name) {
            found.push(format!("active element: {}", shown()));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("event handler `{attr}`: {}", shown()));
            }
            let url_valued = URL_ATTRIBUTES.contains(&attr.as_str())
                || attr.ends_with(":href")
                // SVG animation can set an href to its `values`/`to`.
                || (matches!(name, "animate" | "set") && matches!(attr.as_str(), "values" | "to" | "from"));
            if url_valued && dangerous_url(value) {
                found.push(format!("script URL in `{attr}`: {}", shown()));
            }
            if attr == "srcset" && value.split(',').any(dangerous_url) {
                found.push(format!("script URL in srcset: {}", shown()));
            }
            if attr == "style" {
                let style = squeeze(value);
                if style.contains("javascript:") || style.contains("expression(") {
                    found.push(format!("script in style: {}", shown()));
                }
            }
            if name == "meta" && attr == "content" {
                let refresh = el
                    .attr("http-equiv")
                    .is_some_and(|h| h.eq_ignore_ascii_case("refresh"));
                let target = value.split_once("url=").map_or("", |(_, url)| url);
                if refresh && dangerous_url(target.trim_matches(['\'', '"', ' '])) {
                    found.push(format!("script URL in a refresh: {}", shown()));
                }
            }
        }
    }
    found
}

/// The value as a browser's URL parser reads it: tabs and newlines anywhere
/// removed, leading and trailing controls and spaces trimmed, lowercased.
/// Entities are already decoded by the HTML parser.
fn squeeze(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .trim_matches(|c: char| c <= ' ')
        .to_ascii_lowercase()
}

/// Whether the URL would run script when followed or loaded.
pub fn dangerous_url(value: &str) -> bool {
    let url = squeeze(value);
    ["javascript:", "vbscript:", "data:", "livescript:"]
        .iter()
        .any(|scheme| url.starts_with(scheme))
}
