//! `images:` in `config.yaml`: how the photos articles reference are
//! published (see `crate::images`).

use serde::Deserialize;

use super::Resolver;
use crate::diag;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawImages {
    widths: Option<Vec<u32>>,
    quality: Option<u8>,
    max_pixels: Option<u64>,
    avif: Option<bool>,
    keep_original: Option<bool>,
}

/// The resolved `images:` section.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImagesConfig {
    /// The widths of the variants, ascending, without repeats.
    pub widths: Vec<u32>,
    /// Lossy quality of WebP and JPEG variants, 1–100.
    pub quality: u8,
    /// Larger canvases are refused before they are decoded.
    pub max_pixels: u64,
    /// Publish each photo's original too, without its metadata.
    pub keep_original: bool,
}

impl Default for ImagesConfig {
    fn default() -> ImagesConfig {
        ImagesConfig {
            widths: vec![480, 800, 1200],
            quality: 80,
            max_pixels: 50_000_000,
            keep_original: true,
        }
    }
}

/// Past this a variant is no longer a web image (and its encoding takes
/// seconds): 8K screens are 7,680 pixels wide.
const MAX_WIDTH: u32 = 8192;

impl Resolver<'_> {
    pub(super) fn images(&mut self, raw: Option<RawImages>) -> ImagesConfig {
        let raw = raw.unwrap_or_default();
        let defaults = ImagesConfig::default();
        let mut widths = raw.widths.unwrap_or(defaults.widths);
        widths.sort_unstable();
        widths.dedup();
        if widths.is_empty() || widths.iter().any(|&w| w == 0 || w > MAX_WIDTH) {
            self.error(
                "images",
                crate::msg!("images-widths", max = MAX_WIDTH.to_string()),
            );
        }
        let quality = raw.quality.unwrap_or(defaults.quality);
        if !(1..=100).contains(&quality) {
            self.error(
                "images",
                crate::msg!("images-quality", quality = quality.to_string()),
            );
        }
        let max_pixels = raw.max_pixels.unwrap_or(defaults.max_pixels);
        if max_pixels == 0 {
            self.error("images", crate::msg!("images-max-pixels"));
        }
        if raw.avif == Some(true) {
            self.error(
                "images",
                crate::msg!("images-avif", value = diag::shown("false")),
            );
        }
        ImagesConfig {
            widths,
            quality,
            max_pixels,
            keep_original: raw.keep_original.unwrap_or(defaults.keep_original),
        }
    }
}
