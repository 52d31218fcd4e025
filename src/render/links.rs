//! Links written in articles: rewriting them for the output, and checking
//! that internal ones lead to a page or file the build produced.

use crate::diag::Diagnostic;
use crate::files::join;
use crate::markdown::Link;
use crate::site::{Article, Site};

/// Rewrites a link written in an article: site-relative ones (`/2023/06/x/`)
/// get the base path; links to content files (`../2022/x.vi.md#part`) become
/// that article's URL. Anything else stays as written.
pub fn resolve(site: &Site, article_dir: &str, link: &str) -> Option<String> {
    if let Some(href) = site.urls.site_relative(link) {
        return Some(href);
    }
    let (file, fragment) = split_fragment(link);
    if !file.ends_with(".md") || has_scheme(file) || file.starts_with('/') {
        return None;
    }
    let target = join(article_dir, file)?;
    let id = site.by_rel_path.get(&target)?;
    let href = site.urls.href(&site.articles[*id].path);
    Some(match fragment {
        Some(f) => format!("{href}#{f}"),
        None => href,
    })
}

/// An internal link of an article that leads nowhere, or `None` when it is
/// fine or not ours to check (external, `mailto:`, a fragment on the page).
pub fn check(
    site: &Site,
    article: &Article,
    link: &str,
    is_output: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let link = link.trim();
    if link.is_empty() || link.starts_with('#') || link.starts_with("//") || has_scheme(link) {
        return None;
    }
    let (target, _) = split_fragment(link);
    let target = target.split('?').next().unwrap_or_default();
    if target.ends_with(".md") {
        return match resolve(site, &article.source.dir, link) {
            Some(_) => None,
            None => Some(crate::msg!("link-no-article", link = link)),
        };
    }
    let site_path = match target.strip_prefix('/') {
        Some(rooted) => rooted.to_string(),
        None => join(article.path.as_str(), target)?,
    };
    let candidates = if site_path.is_empty() || site_path.ends_with('/') {
        vec![format!("{site_path}index.html")]
    } else {
        vec![site_path.clone(), format!("{site_path}/index.html")]
    };
    if candidates.iter().any(|c| is_output(c)) {
        None
    } else {
        Some(crate::msg!(
            "link-no-page",
            link = link,
            path = format!("/{site_path}")
        ))
    }
}

/// A diagnostic placed at the link in the article's file; `cursor` walks
/// the article's body.
pub fn diagnostic(article: &Article, link: &Link, message: String, as_error: bool) -> Diagnostic {
    let d = if as_error {
        Diagnostic::error(&article.source.path, message)
    } else {
        Diagnostic::warning(&article.source.path, message)
    };
    d.at(link.line + article.source.body_line - 1, link.column)
}

fn split_fragment(link: &str) -> (&str, Option<&str>) {
    match link.split_once('#') {
        Some((file, fragment)) => (file, Some(fragment)),
        None => (link, None),
    }
}

fn has_scheme(link: &str) -> bool {
    link.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_without_escaping() {
        assert_eq!(
            join("2023", "../2022/x.vi.md").as_deref(),
            Some("2022/x.vi.md")
        );
        assert_eq!(join("2023", "./y.md").as_deref(), Some("2023/y.md"));
        assert_eq!(join("2023/06/a/", "../b/").as_deref(), Some("2023/06/b/"));
        assert_eq!(join("", "../x.md"), None);
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("/2023/06/x/"));
        assert!(!has_scheme("../x.md"));
    }
}
