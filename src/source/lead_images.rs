//! The files behind articles' lead images: size in bytes, media type and
//! pixel dimensions, which feeds announce (an RSS `enclosure`'s length,
//! `media:content`'s width and height) so readers can lay an image out, or
//! skip it, before fetching it. Only the header of each file is read.
//!
//! A lead image is found when it is a site path (`/images/x.png`) of a
//! static file; one elsewhere (an absolute URL) is announced without them.

use std::collections::BTreeMap;

use crate::output::Asset;

/// What is known of a lead image's file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeadImage {
    /// Its size in bytes.
    pub length: u64,
    pub mime: &'static str,
    /// Pixels, when the header could be read.
    pub size: Option<(u32, u32)>,
}

/// The lead images among `images` (as written in front matter) that are
/// static files of the site or theme, by what was written.
pub fn lead_images<'a>(
    static_files: &BTreeMap<String, Asset>,
    images: impl Iterator<Item = &'a str>,
) -> BTreeMap<String, LeadImage> {
    let mut found = BTreeMap::new();
    for image in images {
        if found.contains_key(image) {
            continue;
        }
        let Some(rel) = image.strip_prefix('/').filter(|r| !r.starts_with('/')) else {
            continue;
        };
        let Some(asset) = static_files.get(rel) else {
            continue;
        };
        let Some(mime) = mime_type(rel) else {
            continue;
        };
        let facts = match asset {
            Asset::BuiltIn(bytes) => Some(LeadImage {
                length: bytes.len() as u64,
                mime,
                size: pixels(imagesize::blob_size(bytes)),
            }),
            Asset::File(path) => std::fs::metadata(path).ok().map(|meta| LeadImage {
                length: meta.len(),
                mime,
                size: pixels(imagesize::size(path)),
            }),
        };
        if let Some(facts) = facts {
            found.insert(image.to_string(), facts);
        }
    }
    found
}

fn pixels(size: imagesize::ImageResult<imagesize::ImageSize>) -> Option<(u32, u32)> {
    let size = size.ok()?;
    Some((size.width.try_into().ok()?, size.height.try_into().ok()?))
}

/// The media type feeds give an image, by its file name's extension.
pub fn mime_type(name: &str) -> Option<&'static str> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3×2 PNG's signature and header chunk: all `imagesize` reads.
    fn png_header() -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        bytes.extend_from_slice(&3u32.to_be_bytes());
        bytes.extend_from_slice(&2u32.to_be_bytes());
        bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn a_static_image_is_measured_and_others_are_not() {
        let header: &'static [u8] = png_header().leak();
        let files = BTreeMap::from([("images/a.png".to_string(), Asset::BuiltIn(header))]);
        let found = lead_images(
            &files,
            [
                "/images/a.png",
                "https://cdn.example/b.png",
                "/images/missing.png",
            ]
            .into_iter(),
        );
        assert_eq!(found.len(), 1);
        let a = &found["/images/a.png"];
        assert_eq!(a.length, header.len() as u64);
        assert_eq!(a.mime, "image/png");
        assert_eq!(a.size, Some((3, 2)));
    }
}
