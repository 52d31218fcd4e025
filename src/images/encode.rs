//! Encoding: pixels into the bytes of a published file. WebP is lossy
//! (libwebp); JPEG and PNG use the image crate's encoders. None of them is
//! given any metadata to write, so derived files carry none.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder};

use super::decode::Pixels;
use super::probe::Format;

/// Names the encoders and their settings: part of every cache key, so a
/// bantin that encodes differently never takes an older one's files.
pub const ENCODER_VERSION: &str = "image-0.25/libwebp-0.9/fir-6.1/lanczos3/v1";

pub fn encode(pixels: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, String> {
    let color = if pixels.alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    let (w, h) = (pixels.width, pixels.height);
    let mut out = Vec::new();
    let failed = |e: image::ImageError| crate::msg!("image-unencodable", error = e.to_string());
    match format {
        Format::WebP => {
            let encoder = if pixels.alpha {
                webp::Encoder::from_rgba(&pixels.bytes, w, h)
            } else {
                webp::Encoder::from_rgb(&pixels.bytes, w, h)
            };
            out.extend_from_slice(&encoder.encode(f32::from(quality)));
        }
        Format::Jpeg => {
            // JPEG has no transparency: such a source is published as PNG.
            JpegEncoder::new_with_quality(&mut out, quality)
                .write_image(&pixels.bytes, w, h, color)
                .map_err(failed)?;
        }
        Format::Png => {
            PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
                .write_image(&pixels.bytes, w, h, color)
                .map_err(failed)?;
        }
    }
    if out.is_empty() {
        return Err(crate::msg!("image-encoded-empty"));
    }
    Ok(out)
}
