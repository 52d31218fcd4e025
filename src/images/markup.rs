//! Markup: the `<picture>` a processed image is shown with, and the plain
//! `<img>` of one passed through. Every `<img>` gets `width` and `height`
//! when they are known (so the page does not jump as images arrive),
//! `alt`, and `decoding="async"`; all but the page's lead image wait until
//! they are near the screen.

use super::{Processed, Variant};

/// How an image is placed on its page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// In an article's text: the width of the article column.
    Body,
    /// The article's own lead image: fetched first.
    Lead,
    /// A card in a listing: a small variant.
    Card,
    /// The first, wide card of the home page: fetched first.
    LeadCard,
}

impl Placement {
    /// What the default theme's CSS makes of the image's width (`--measure`
    /// is 42rem; cards are at least 16rem in a 72rem grid), for the browser
    /// to pick a variant before the CSS arrives.
    fn sizes(self) -> &'static str {
        match self {
            Placement::Body | Placement::Lead => "(max-width: 44rem) 100vw, 42rem",
            Placement::Card => "(max-width: 40rem) 100vw, 24rem",
            Placement::LeadCard => "(max-width: 48rem) 100vw, 42rem",
        }
    }

    fn first(self) -> bool {
        matches!(self, Placement::Lead | Placement::LeadCard)
    }
}

/// The HTML of `image` with `alt` text, placed as `placement` says.
pub fn html(image: &Processed, alt: &str, title: Option<&str>, placement: Placement) -> String {
    let mut html = String::with_capacity(512);
    let size = match image {
        Processed::Raster(raster) => {
            html.push_str("<picture>");
            let webp: Option<Vec<&str>> =
                raster.variants.iter().map(|v| v.webp.as_deref()).collect();
            if let Some(webp) = webp {
                html.push_str("<source type=\"image/webp\" srcset=\"");
                push_srcset(&mut html, raster.variants.iter().zip(webp));
                html.push_str("\" sizes=\"");
                html.push_str(placement.sizes());
                html.push_str("\">");
            }
            let largest = raster.variants.last().expect("a raster has a variant");
            html.push_str("<img src=\"");
            push_attribute(&mut html, &largest.href);
            html.push_str("\" srcset=\"");
            push_srcset(
                &mut html,
                raster.variants.iter().map(|v| (v, v.href.as_str())),
            );
            html.push_str("\" sizes=\"");
            html.push_str(placement.sizes());
            html.push('"');
            Some((largest.width, largest.height))
        }
        Processed::Plain { href, size } => {
            html.push_str("<img src=\"");
            push_attribute(&mut html, href);
            html.push('"');
            *size
        }
    };
    if let Some((width, height)) = size {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    html.push_str(" alt=\"");
    push_attribute(&mut html, alt);
    html.push('"');
    if let Some(title) = title {
        html.push_str(" title=\"");
        push_attribute(&mut html, title);
        html.push('"');
    }
    html.push_str(" decoding=\"async\"");
    html.push_str(if placement.first() {
        " fetchpriority=\"high\">"
    } else {
        " loading=\"lazy\">"
    });
    if matches!(image, Processed::Raster(_)) {
        html.push_str("</picture>");
    }
    html
}

fn push_srcset<'v>(html: &mut String, variants: impl Iterator<Item = (&'v Variant, &'v str)>) {
    for (i, (variant, href)) in variants.enumerate() {
        if i > 0 {
            html.push_str(", ");
        }
        push_attribute(html, href);
        html.push_str(&format!(" {}w", variant.width));
    }
}

/// Escapes text for a double-quoted attribute.
fn push_attribute(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '"' => html.push_str("&quot;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            c => html.push(c),
        }
    }
}
