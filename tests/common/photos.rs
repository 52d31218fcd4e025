//! Photos made by tests: JPEGs with the EXIF a phone writes (GPS position,
//! orientation, a description), PNGs, and broken files of each kind.

use std::io::Cursor;

use exif::experimental::Writer;
use exif::{Field, In, Rational, Tag, Value};
use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage};

/// Text written into test photos' EXIF: no output may carry it.
pub const SECRET: &str = "SECRET-CAMERA-OWNER";

/// A `width` × `height` JPEG: a gradient with a red block in the top
/// left corner as stored, and EXIF with a GPS position, a description and
/// `orientation` (1 = upright). `shade` changes every pixel a little, to
/// make another photo of the same size.
pub fn jpeg(width: u32, height: u32, orientation: u16, shade: u8) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, y| {
        if x < width / 4 && y < height / 4 {
            image::Rgb([250, 0, 0])
        } else {
            let g = (x * 200 / width) as u8;
            let b = (y * 200 / height) as u8;
            image::Rgb([shade, g, b])
        }
    });
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(
            pixels.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    with_exif(&jpeg, &exif(orientation))
}

/// A PNG without metadata.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let pixels = RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 128]));
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(
            pixels.as_raw(),
            width,
            height,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    png
}

/// A PNG whose header declares `width` × `height` pixels, with no image
/// data behind it: a decompression bomb's shape.
pub fn png_declaring(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// TIFF-structured EXIF as a phone writes it.
fn exif(orientation: u16) -> Vec<u8> {
    let fields = [
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        },
        Field {
            tag: Tag::ImageDescription,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![SECRET.as_bytes().to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![
                Rational { num: 22, denom: 1 },
                Rational { num: 40, denom: 1 },
                Rational {
                    num: 1234,
                    denom: 100,
                },
            ]),
        },
    ];
    let mut writer = Writer::new();
    for field in &fields {
        writer.push_field(field);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    tiff.into_inner()
}

/// `jpeg` with an APP1 EXIF segment right after its start.
fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(tiff.len() + 8).unwrap().to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// The EXIF fields of an image file, or none when it has no EXIF.
pub fn exif_fields(bytes: &[u8]) -> Vec<Field> {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .map(|exif| exif.fields().cloned().collect())
        .unwrap_or_default()
}

/// The size of an image file, decoding it whole.
pub fn decoded(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes)
        .unwrap_or_else(|e| panic!("an output image does not decode: {e}"))
        .into_rgb8()
}
