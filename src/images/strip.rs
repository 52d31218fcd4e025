//! Originals without metadata (`images.keep_original`): the file's own
//! compressed image data, untouched, with every metadata block removed —
//! EXIF (GPS positions, camera serial numbers, dates), XMP, IPTC and
//! comments. A JPEG turned by its EXIF orientation gets back an EXIF block
//! holding that one tag, so it still shows upright.

use super::probe::Format;

/// `bytes` without metadata; `None` when the file's structure is not what
/// its format says (then the caller publishes a re-encoding instead).
pub fn strip(bytes: &[u8], format: Format, orientation: u8) -> Option<Vec<u8>> {
    match format {
        Format::Jpeg => jpeg(bytes, orientation),
        // Browsers turn PNG and WebP by their EXIF too: those turned ones
        // are re-encoded upright by the caller instead.
        Format::Png if orientation == 1 => png(bytes),
        Format::WebP if orientation == 1 => webp(bytes),
        _ => None,
    }
}

/// Keeps the segments that decoding needs (JFIF, the ICC colour profile,
/// Adobe's colour transform, tables, frames, scans); drops APP1 (EXIF,
/// XMP), APP3–APP13 (IPTC among them), APP15 and comments.
fn jpeg(bytes: &[u8], orientation: u8) -> Option<Vec<u8>> {
    let rest = bytes.strip_prefix(&[0xFF, 0xD8])?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    if orientation != 1 {
        out.extend_from_slice(&orientation_segment(orientation));
    }
    let mut at = 0;
    loop {
        if *rest.get(at)? != 0xFF {
            return None;
        }
        let marker = *rest.get(at + 1)?;
        if marker == 0xFF {
            // Fill bytes before a marker.
            at += 1;
            continue;
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&rest[at..at + 2]);
            at += 2;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([*rest.get(at + 2)?, *rest.get(at + 3)?]));
        let end = at + 2 + length;
        let segment = rest.get(at..end)?;
        if marker == 0xDA {
            // Start of scan: the compressed data runs to the end.
            out.extend_from_slice(&rest[at..]);
            return Some(out);
        }
        let kept = match marker {
            0xE0 | 0xEE => true,
            0xE2 => segment[4..].starts_with(b"ICC_PROFILE\0"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if kept {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

/// An APP1 segment whose EXIF holds only the orientation.
fn orientation_segment(orientation: u8) -> Vec<u8> {
    let mut tiff = Vec::with_capacity(26);
    tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08"); // big-endian, first IFD at 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // one value
    tiff.extend_from_slice(&[0, orientation, 0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let length = u16::try_from(2 + 6 + tiff.len()).unwrap_or(u16::MAX);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&length.to_be_bytes());
    segment.extend_from_slice(b"Exif\0\0");
    segment.extend_from_slice(&tiff);
    segment
}

/// Keeps the chunks that say how to show the pixels; drops text (`tEXt`,
/// `zTXt`, `iTXt`), EXIF (`eXIf`), time and any private chunk.
fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    const KEPT: [&[u8; 4]; 12] = [
        b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
        b"pHYs", b"bKGD",
    ];
    let mut rest = bytes.strip_prefix(SIGNATURE)?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    while !rest.is_empty() {
        let length = usize::try_from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?)).ok()?;
        let chunk = rest.get(..12 + length)?;
        let kind = &chunk[4..8];
        if KEPT.iter().any(|k| k.as_slice() == kind) {
            out.extend_from_slice(chunk);
        }
        rest = &rest[12 + length..];
        if kind == b"IEND" {
            break;
        }
    }
    Some(out)
}

/// Drops a WebP's `EXIF` and `XMP ` chunks and clears their flags.
fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"RIFF" || bytes.get(8..12)? != b"WEBP" {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..12]);
    let mut at = 12;
    while at < bytes.len() {
        let kind = bytes.get(at..at + 4)?;
        let length = usize::try_from(u32::from_le_bytes(
            bytes.get(at + 4..at + 8)?.try_into().ok()?,
        ))
        .ok()?;
        // Chunks are padded to an even length.
        let end = (at + 8 + length + (length & 1)).min(bytes.len());
        let chunk = bytes.get(at..end)?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut chunk = chunk.to_vec();
                // Flags: bit 3 EXIF, bit 2 XMP.
                *chunk.get_mut(8)? &= !0b0000_1100;
                out.extend_from_slice(&chunk);
            }
            _ => out.extend_from_slice(chunk),
        }
        at = end;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}
