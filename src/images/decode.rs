//! Decoding: an opened image's pixels, turned as its EXIF orientation says,
//! as 8-bit RGB (or RGBA when it has transparency): what every variant is
//! resized from. Nothing of the file's metadata survives this step.

use image::{DynamicImage, ImageDecoder, metadata::Orientation};

use super::probe::Opened;

/// Decoded pixels, upright.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    /// Rows of RGB or RGBA bytes, no padding.
    pub bytes: Vec<u8>,
}

/// Decodes `opened` whole; a truncated or damaged file is an error here.
pub fn decode(opened: Opened) -> Result<Pixels, String> {
    let orientation =
        Orientation::from_exif(opened.probe.orientation).unwrap_or(Orientation::NoTransforms);
    let alpha = opened.decoder.color_type().has_alpha();
    let mut image = DynamicImage::from_decoder(opened.decoder)
        .map_err(|e| crate::msg!("image-damaged", error = e.to_string()))?;
    image.apply_orientation(orientation);
    let (width, height) = (image.width(), image.height());
    let bytes = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Pixels {
        width,
        height,
        alpha,
        bytes,
    })
}
