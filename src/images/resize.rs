//! Resizing: which widths an image gets, and the pixels at each (Lanczos3,
//! with the SIMD fast_image_resize picks for the processor), and the
//! 1200 × 630 crop that link previews show.

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use super::decode::Pixels;

/// The size of the link-preview crop (`og:image`), as Facebook, Zalo and
/// others ask for it.
pub const OG_SIZE: (u32, u32) = (1200, 630);

/// The widths of an image `width` pixels wide: every configured width
/// below its own, and then its own width capped at the largest configured
/// one, so it is never enlarged and always has at least one variant.
pub fn widths(configured: &[u32], width: u32) -> Vec<u32> {
    let largest = configured.last().copied().unwrap_or(width);
    let mut widths: Vec<u32> = configured.iter().copied().filter(|&w| w < width).collect();
    let top = width.min(largest);
    if widths.last() != Some(&top) {
        widths.push(top);
    }
    widths
}

/// The height that keeps the aspect of `width` × `height` at `new_width`.
pub fn height_at(width: u32, height: u32, new_width: u32) -> u32 {
    let scaled = u64::from(height) * u64::from(new_width) + u64::from(width) / 2;
    u32::try_from(scaled / u64::from(width))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// The pixels at `new_width`, keeping the aspect.
pub fn to_width(pixels: &Pixels, new_width: u32) -> Result<Pixels, String> {
    let new_height = height_at(pixels.width, pixels.height, new_width);
    if new_width == pixels.width {
        return Ok(Pixels {
            bytes: pixels.bytes.clone(),
            ..*pixels
        });
    }
    resize(pixels, new_width, new_height, &ResizeOptions::new())
}

/// The link-preview crop: the largest box of `OG_SIZE`'s aspect centred as
/// near `focus` (fractions across and down) as the image allows, scaled
/// to at most `OG_SIZE`.
pub fn og_crop(pixels: &Pixels, focus: (f32, f32)) -> Result<Pixels, String> {
    super::crops::crop(pixels, OG_SIZE, OG_SIZE.0, focus)
}

pub(super) fn resize(
    pixels: &Pixels,
    width: u32,
    height: u32,
    options: &ResizeOptions,
) -> Result<Pixels, String> {
    let pixel_type = if pixels.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let source = ImageRef::new(pixels.width, pixels.height, &pixels.bytes, pixel_type)
        .map_err(|e| crate::msg!("image-unresizable", error = e.to_string()))?;
    let mut target = Image::new(width, height, pixel_type);
    let options = options
        .clone()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|e| crate::msg!("image-unresizable", error = e.to_string()))?;
    Ok(Pixels {
        width,
        height,
        alpha: pixels.alpha,
        bytes: target.into_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_image() {
        let configured = [480, 800, 1200];
        assert_eq!(widths(&configured, 4000), vec![480, 800, 1200]);
        assert_eq!(widths(&configured, 1000), vec![480, 800, 1000]);
        assert_eq!(widths(&configured, 800), vec![480, 800]);
        assert_eq!(widths(&configured, 300), vec![300]);
    }

    #[test]
    fn heights_keep_the_aspect() {
        assert_eq!(height_at(4000, 3000, 800), 600);
        assert_eq!(height_at(3, 1, 1), 1);
    }
}
