//! Probing: what an image file is, and how large, from its header alone.
//! A canvas above `images.max_pixels` is refused here, before a single
//! pixel is decoded: a 40 KB PNG may declare 100,000 × 100,000 pixels.

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits};

/// The raster formats bantin makes variants of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    /// The extension of the files written in this format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

/// What the header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probe {
    pub format: Format,
    /// As shown, after the EXIF orientation.
    pub width: u32,
    pub height: u32,
    /// The EXIF orientation (1–8; 1 = as stored).
    pub orientation: u8,
}

/// An image whose header was read and found acceptable, ready to decode.
pub struct Opened<'a> {
    pub probe: Probe,
    pub decoder: Box<dyn ImageDecoder + 'a>,
}

/// Reads the header of `bytes`; errors say what is wrong in words an
/// editor can act on.
pub fn open(bytes: &[u8], max_pixels: u64) -> Result<Opened<'_>, String> {
    // The header alone first: a decoder may read on to the pixel data
    // (PNG's does) before it tells the size.
    if let Ok(size) = imagesize::blob_size(bytes) {
        check_size(size.width as u64, size.height as u64, max_pixels)?;
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| crate::msg!("image-unreadable", error = e.to_string()))?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::WebP,
        Some(other) => {
            return Err(crate::msg!(
                "image-kind-unsupported",
                kind = other
                    .extensions_str()
                    .first()
                    .unwrap_or(&"?")
                    .to_uppercase()
            ));
        }
        None => {
            return Err(crate::msg!("image-unknown-or-damaged"));
        }
    };
    // The JPEG decoder shows a cut file's missing part grey: refused here.
    if format == Format::Jpeg && !jpeg_is_complete(bytes) {
        return Err(crate::msg!("image-cut"));
    }
    // Our own limit is checked below, with a message that says why.
    reader.limits(Limits::no_limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| crate::msg!("image-damaged", error = e.to_string()))?;
    let (stored_width, stored_height) = decoder.dimensions();
    let pixels = check_size(stored_width.into(), stored_height.into(), max_pixels)?;
    let orientation = decoder.orientation().map_or(1, |o| o.to_exif());
    // Room for the decoded pixels (at most 16 bytes each) and the
    // decoder's own, and no more.
    let mut limits = Limits::default();
    limits.max_alloc = Some(pixels.saturating_mul(16).saturating_add(64 << 20));
    decoder
        .set_limits(limits)
        .map_err(|e| crate::msg!("image-undecodable", error = e.to_string()))?;
    let (width, height) = if orientation >= 5 {
        (stored_height, stored_width)
    } else {
        (stored_width, stored_height)
    };
    Ok(Opened {
        probe: Probe {
            format,
            width,
            height,
            orientation,
        },
        decoder: Box::new(decoder),
    })
}

/// Whether a JPEG's scans end with its end marker. Inside scan data every
/// 0xFF byte is followed by 0x00 or a restart marker, so the first FF D9
/// after the first scan starts is the real end; bytes after it (some
/// cameras append data) do no harm.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let mut at = 2;
    while let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
        if marker == 0xDA {
            return bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]);
        }
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let Some(length) = bytes.get(at + 2..at + 4) else {
            return false;
        };
        at += 2 + usize::from(u16::from_be_bytes([length[0], length[1]]));
    }
    false
}

/// The number of pixels of a `width` × `height` canvas, if acceptable.
fn check_size(width: u64, height: u64, max_pixels: u64) -> Result<u64, String> {
    let pixels = width.saturating_mul(height);
    if pixels > max_pixels {
        return Err(crate::msg!(
            "image-too-many-pixels",
            width = width.to_string(),
            height = height.to_string(),
            megapixels = format!("{:.1}", pixels as f64 / 1e6),
            max = format!("{:.1}", max_pixels as f64 / 1e6)
        ));
    }
    if pixels == 0 {
        return Err(crate::msg!("image-no-pixels"));
    }
    Ok(pixels)
}

/// The size of an image bantin passes through as it is (GIF, SVG), when
/// its file says it: `None` otherwise.
pub fn passed_through_size(bytes: &[u8], is_svg: bool) -> Option<(u32, u32)> {
    if is_svg {
        return svg_size(std::str::from_utf8(bytes).ok()?);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.into_dimensions().ok()
}

/// `width`/`height` of the root `<svg>` in plain numbers or pixels, else
/// its `viewBox`'s.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attribute = |name: &str| {
        let mut rest = tag;
        while let Some(at) = rest.find(name) {
            let before = rest[..at].chars().next_back();
            let after = rest[at + name.len()..].trim_start();
            rest = &rest[at + name.len()..];
            if before.is_some_and(char::is_whitespace)
                && let Some(value) = after.strip_prefix('=')
            {
                let value = value.trim_start();
                let quote = value.chars().next()?;
                let value = &value[1..];
                return Some(value[..value.find(quote)?].trim());
            }
        }
        None
    };
    let pixels = |value: &str| {
        let number: f64 = value.strip_suffix("px").unwrap_or(value).parse().ok()?;
        (1.0..100_000.0)
            .contains(&number)
            .then(|| number.round() as u32)
    };
    if let (Some(w), Some(h)) = (attribute("width"), attribute("height"))
        && let (Some(w), Some(h)) = (pixels(w), pixels(h))
    {
        return Some((w, h));
    }
    let view_box: Vec<f64> = attribute("viewBox")?
        .split([' ', ','])
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    match view_box[..] {
        [_, _, w, h] => Some((pixels(&w.to_string())?, pixels(&h.to_string())?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_attributes_or_the_view_box() {
        assert_eq!(
            svg_size(r#"<svg xmlns="x" width="120" height="80px">"#),
            Some((120, 80))
        );
        assert_eq!(
            svg_size(r#"<svg viewBox="0 0 300 150" width="100%">"#),
            Some((300, 150))
        );
        assert_eq!(svg_size(r#"<svg width="10em" height="2em">"#), None);
    }
}
