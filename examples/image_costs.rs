//! What each crate of the images pipeline costs on one photograph: decoding
//! (image with zune-jpeg), resizing to the default widths
//! (fast_image_resize, Lanczos3), and encoding each width as lossy WebP
//! (libwebp through `webp`) and JPEG (image's encoder).
//!
//!     cargo run --release --example image_costs -- PHOTO.jpg [RUNS]
//!
//! Prints the median time of each step over RUNS (default 5).

use std::time::{Duration, Instant};

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, ImageEncoder};

const WIDTHS: [u32; 3] = [480, 800, 1200];

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: image_costs PHOTO.jpg [RUNS]");
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    let bytes = std::fs::read(&path).expect("read the photo");
    let (mut decode, mut resize, mut webp, mut jpeg) = (vec![], vec![], vec![], vec![]);
    let (mut webp_bytes, mut jpeg_bytes) = (0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let photo = image::load_from_memory(&bytes).expect("decode").into_rgb8();
        decode.push(started.elapsed());
        let (w, h) = photo.dimensions();
        let source = ImageRef::new(w, h, photo.as_raw(), PixelType::U8x3).expect("view");
        let (mut r, mut e, mut j) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        (webp_bytes, jpeg_bytes) = (0, 0);
        for width in WIDTHS.into_iter().filter(|&width| width <= w) {
            let height = (u64::from(h) * u64::from(width) / u64::from(w)) as u32;
            let started = Instant::now();
            let mut target = Image::new(width, height, PixelType::U8x3);
            let options =
                ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
            Resizer::new()
                .resize(&source, &mut target, &options)
                .expect("resize");
            r += started.elapsed();
            let started = Instant::now();
            webp_bytes += webp::Encoder::from_rgb(target.buffer(), width, height)
                .encode(80.0)
                .len();
            e += started.elapsed();
            let started = Instant::now();
            let mut out = Vec::new();
            JpegEncoder::new_with_quality(&mut out, 80)
                .write_image(target.buffer(), width, height, ExtendedColorType::Rgb8)
                .expect("jpeg");
            jpeg_bytes += out.len();
            j += started.elapsed();
        }
        resize.push(r);
        webp.push(e);
        jpeg.push(j);
    }
    println!("{path}: {} KiB, median of {runs}", bytes.len() / 1024);
    println!("decode (image/zune-jpeg)          {:>8.1?}", median(decode));
    println!(
        "resize 3 widths (fast_image_resize) {:>6.1?}",
        median(resize)
    );
    println!(
        "encode WebP q80 (libwebp)         {:>8.1?}  {} KiB",
        median(webp),
        webp_bytes / 1024
    );
    println!(
        "encode JPEG q80 (image)           {:>8.1?}  {} KiB",
        median(jpeg),
        jpeg_bytes / 1024
    );
}
