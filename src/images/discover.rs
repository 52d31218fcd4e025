//! Discovery: every image an article references — its lead `image:` and
//! each Markdown image — with where it is written, and the file each
//! reference names.

use std::path::PathBuf;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use crate::diag::LineCursor;
use crate::output::Asset;
use crate::site::{ArticleId, Site};
use crate::source::Key;
use crate::theme::Theme;

/// One image written in an article.
pub struct Reference {
    pub article: ArticleId,
    /// As written (`/images/a.jpg`, `anh-1.jpg`, `https://…`).
    pub src: String,
    /// 1-based, in the article's file.
    pub line: usize,
    pub column: usize,
    /// The front matter's `image:`, which also gets a link-preview crop.
    pub lead: bool,
}

/// What a reference names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A file of the site: `static` says whether it is one of the static
    /// files (published at `rel` anyway) or lies beside an article.
    File {
        path: PathBuf,
        rel: String,
        is_static: bool,
    },
    /// Another site's image, or a path the site has no file at (the link
    /// check tells about those).
    Elsewhere,
}

/// Every reference of every article, in article order.
pub fn references(site: &Site) -> Vec<Reference> {
    (0..site.articles.len())
        .into_par_iter()
        .flat_map_iter(|id| {
            let source = &site.articles[id].source;
            let lead = source.front.image.iter().map(move |src| Reference {
                article: id,
                src: src.clone(),
                line: source.key_lines.line(Key::Image).unwrap_or(1),
                column: 1,
                lead: true,
            });
            let body_line = source.body_line;
            let in_body =
                source
                    .body
                    .with(markdown_images)
                    .into_iter()
                    .map(move |(src, line, column)| Reference {
                        article: id,
                        src,
                        line: line + body_line - 1,
                        column,
                        lead: false,
                    });
            lead.chain(in_body).collect::<Vec<_>>()
        })
        .collect()
}

/// The Markdown images of a body: (destination, line, column).
fn markdown_images(body: &str) -> Vec<(String, usize, usize)> {
    // Most articles have none: a parse only for those that might.
    if !body.contains("![") {
        return Vec::new();
    }
    let mut cursor = LineCursor::new(body);
    Parser::new_ext(body, crate::markdown::parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let (line, column) = cursor.position(range.start);
                Some((dest_url.into_string(), line, column))
            }
            _ => None,
        })
        .collect()
}

/// The file `src`, written in an article in content folder `dir`, names.
pub fn target(site_root: &std::path::Path, theme: &Theme, dir: &str, src: &str) -> Target {
    let src = src.split(['?', '#']).next().unwrap_or_default();
    if src.is_empty() || src.starts_with("//") || crate::markdown::url_scheme(src).is_some() {
        return Target::Elsewhere;
    }
    if let Some(rooted) = src.strip_prefix('/') {
        return match theme.static_files.get(rooted) {
            Some(Asset::File(path)) => Target::File {
                path: path.clone(),
                rel: rooted.to_string(),
                is_static: true,
            },
            _ => Target::Elsewhere,
        };
    }
    let Some(rel) = crate::files::join(dir, src) else {
        return Target::Elsewhere;
    };
    let path = site_root.join("content").join(&rel);
    let inside = crate::files::walk::check_inside(site_root, &path).is_ok();
    if inside && path.is_file() {
        Target::File {
            path,
            rel: format!("content/{rel}"),
            is_static: false,
        }
    } else {
        Target::Elsewhere
    }
}
