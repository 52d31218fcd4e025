//! Crops of a lead photo at fixed aspects, centred near its focus: the
//! 1200 × 630 link preview (`og:image`), and the 16:9, 4:3 and 1:1 crops
//! that an article's structured data offers, as Google's article
//! guidelines ask (each at least 50,000 pixels, several aspects).
//!
//! A crop is the largest box of its aspect that fits the photo, placed as
//! near the focus as the photo allows, then scaled down to its width cap;
//! it is never enlarged. Its size depends on the photo's size alone, so
//! the pages can name every crop before any is made.

use fast_image_resize::ResizeOptions;

use super::decode::Pixels;
use super::resize;

/// The aspects of the structured-data crops, widest first, as Google's
/// guidelines list them.
pub const ASPECTS: [(u32, u32); 3] = [(16, 9), (4, 3), (1, 1)];

/// How wide a structured-data crop is at most: Google's recommended width.
const MAX_WIDTH: u32 = 1200;

/// The fewest pixels Google takes in an article image.
const MIN_PIXELS: u64 = 50_000;

/// One structured-data crop of a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Crop {
    pub aspect: (u32, u32),
    pub width: u32,
    pub height: u32,
}

/// Where a crop lies in the photo, and the size it is scaled to.
struct Cut {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    out: (u32, u32),
}

/// The largest box of `aspect` in a `width` × `height` photo, its centre
/// as near `focus` (fractions across and down) as it fits, scaled to at
/// most `max_width` wide.
fn cut(width: u32, height: u32, aspect: (u32, u32), max_width: u32, focus: (f32, f32)) -> Cut {
    let (w, h) = (f64::from(width), f64::from(height));
    let ratio = f64::from(aspect.0) / f64::from(aspect.1);
    let (crop_w, crop_h) = if w / h > ratio {
        (h * ratio, h)
    } else {
        (w, w / ratio)
    };
    let place =
        |size: f64, crop: f64, at: f32| (size * f64::from(at) - crop / 2.0).clamp(0.0, size - crop);
    let scale = (f64::from(max_width) / crop_w).min(1.0);
    Cut {
        left: place(w, crop_w, focus.0),
        top: place(h, crop_h, focus.1),
        width: crop_w,
        height: crop_h,
        out: (
            ((crop_w * scale).round() as u32).max(1),
            ((crop_h * scale).round() as u32).max(1),
        ),
    }
}

/// The pixels of the `aspect` crop at most `max_width` wide.
pub fn crop(
    pixels: &Pixels,
    aspect: (u32, u32),
    max_width: u32,
    focus: (f32, f32),
) -> Result<Pixels, String> {
    let cut = cut(pixels.width, pixels.height, aspect, max_width, focus);
    let options = ResizeOptions::new().crop(cut.left, cut.top, cut.width, cut.height);
    resize::resize(pixels, cut.out.0, cut.out.1, &options)
}

/// The structured-data crops a `width` × `height` photo has: each aspect
/// whose crop keeps at least `MIN_PIXELS` without enlarging.
pub fn structured_data_crops(width: u32, height: u32) -> Vec<Crop> {
    ASPECTS
        .into_iter()
        .filter_map(|aspect| {
            let (w, h) = cut(width, height, aspect, MAX_WIDTH, (0.5, 0.5)).out;
            (u64::from(w) * u64::from(h) >= MIN_PIXELS).then_some(Crop {
                aspect,
                width: w,
                height: h,
            })
        })
        .collect()
}

/// The pixels of `crop`, from the photo it was planned for.
pub fn make(pixels: &Pixels, crop: Crop, focus: (f32, f32)) -> Result<Pixels, String> {
    let made = self::crop(pixels, crop.aspect, MAX_WIDTH, focus)?;
    debug_assert_eq!((made.width, made.height), (crop.width, crop.height));
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_photo_has_all_three_crops_at_most_1200_wide() {
        let crops = structured_data_crops(4000, 3000);
        let sizes: Vec<_> = crops
            .iter()
            .map(|c| (c.aspect, c.width, c.height))
            .collect();
        assert_eq!(
            sizes,
            vec![
                ((16, 9), 1200, 675),
                ((4, 3), 1200, 900),
                ((1, 1), 1200, 1200)
            ]
        );
    }

    #[test]
    fn a_crop_is_never_enlarged() {
        // 640 × 480: the 16:9 crop is the full width, 360 rows high.
        let crops = structured_data_crops(640, 480);
        let sizes: Vec<_> = crops.iter().map(|c| (c.width, c.height)).collect();
        assert_eq!(sizes, vec![(640, 360), (640, 480), (480, 480)]);
    }

    #[test]
    fn crops_under_50000_pixels_are_left_out() {
        // 16:9 of 300 × 250 is 300 × 169 = 50,700; 4:3 is 300 × 225;
        // 1:1 is 250 × 250.
        assert_eq!(structured_data_crops(300, 250).len(), 3);
        // 16:9 of a 220 × 400 portrait is 220 × 124 = 27,280; 4:3 is
        // 220 × 165 = 36,300; 1:1 is 220 × 220 = 48,400: none.
        assert!(structured_data_crops(220, 400).is_empty());
        // 1:1 of 240 × 240 is 57,600; 4:3 is 240 × 180 = 43,200.
        let square = structured_data_crops(240, 240);
        assert_eq!(
            square.iter().map(|c| c.aspect).collect::<Vec<_>>(),
            vec![(1, 1)]
        );
    }

    #[test]
    fn the_crop_follows_the_focus_within_the_photo() {
        let right = cut(2000, 1000, (1, 1), 1200, (0.9, 0.5));
        assert_eq!((right.left, right.width), (1000.0, 1000.0));
        let left = cut(2000, 1000, (1, 1), 1200, (0.1, 0.5));
        assert_eq!(left.left, 0.0);
        let middle = cut(2000, 1000, (1, 1), 1200, (0.5, 0.5));
        assert_eq!(middle.left, 500.0);
    }

    #[test]
    fn made_pixels_have_the_planned_size() {
        let pixels = Pixels {
            width: 400,
            height: 300,
            alpha: false,
            bytes: vec![128; 400 * 300 * 3],
        };
        for planned in structured_data_crops(400, 300) {
            let made = make(&pixels, planned, (0.2, 0.7)).unwrap();
            assert_eq!((made.width, made.height), (planned.width, planned.height));
            assert_eq!(made.bytes.len(), (made.width * made.height * 3) as usize);
        }
    }
}
