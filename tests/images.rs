//! The images pipeline end to end: the files and markup a build makes of
//! the photos articles reference, their metadata, the cache, and bad
//! images as errors at the reference.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Fixture;
use common::photos::{self, SECRET};

/// A site with a lead photo in `static/`, a photo beside the article and
/// one turned by its EXIF orientation.
fn photo_site() -> Fixture {
    let site = Fixture::new();
    site.write_bytes("static/images/lead.jpg", &photos::jpeg(1600, 1000, 1, 0));
    site.write_bytes("content/2023/anh-1.jpg", &photos::jpeg(700, 400, 1, 0));
    // Stored 400 wide and 200 high; orientation 6 shows it turned a
    // quarter clockwise: 200 wide, 400 high.
    site.write_bytes("content/2023/doc.jpg", &photos::jpeg(400, 200, 6, 0));
    site.write_bytes("static/images/so-do.png", &photos::png(900, 600));
    site.article(
        "2023/bao-cao.vi.md",
        "Báo cáo",
        "2023-06-05",
        "image: /images/lead.jpg\nimage_caption: Ảnh đầu\nimage_focus: 0.5,0.2\n",
        "Đoạn đầu.\n\n![Ảnh bên cạnh](anh-1.jpg \"Chú thích\")\n\n![Ảnh dọc](doc.jpg)\n\n![Sơ đồ](/images/so-do.png)\n",
    );
    site.article(
        "2023/bao-cao.en.md",
        "Report",
        "2023-06-05",
        "image: /images/lead.jpg\n",
        "First.\n",
    );
    site
}

/// Every `<img …>` tag of every HTML page of the output.
fn img_tags(public: &Path) -> Vec<(PathBuf, String)> {
    let mut tags = Vec::new();
    for (path, bytes) in Fixture::snapshot(public) {
        if path.extension().is_some_and(|e| e == "html") {
            let page = String::from_utf8(bytes).unwrap();
            for (at, _) in page.match_indices("<img ") {
                let end = page[at..].find('>').unwrap();
                tags.push((path.clone(), page[at..at + end + 1].to_string()));
            }
        }
    }
    tags
}

fn attribute<'t>(tag: &'t str, name: &str) -> &'t str {
    let start = tag
        .find(&format!(" {name}=\""))
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
        + name.len()
        + 3;
    &tag[start..start + tag[start..].find('"').unwrap()]
}

/// The output files a srcset names, with their widths.
fn srcset(set: &str) -> Vec<(String, u32)> {
    set.split(", ")
        .map(|entry| {
            let (href, width) = entry.split_once(' ').unwrap();
            (
                href.to_string(),
                width.trim_end_matches('w').parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn front_matter_markdown_and_relative_images_get_widths_formats_and_markup() {
    let site = photo_site();
    site.build().assert_ok();
    let page = site.page("2023/06/bao-cao/index.html");

    // The lead: fetched first, every width in WebP and JPEG.
    let lead = common::between(&page, "<figure class=\"lead-image\">", "</figure>");
    assert!(
        lead.contains("<picture><source type=\"image/webp\" srcset=\""),
        "{lead}"
    );
    let img = common::between(lead, "<img ", ">");
    assert_eq!(attribute(img, "width"), "1200");
    assert_eq!(attribute(img, "height"), "750");
    assert_eq!(attribute(img, "alt"), "Ảnh đầu");
    assert_eq!(attribute(img, "decoding"), "async");
    assert_eq!(attribute(img, "fetchpriority"), "high");
    assert!(!img.contains("loading="), "{img}");
    let widths: Vec<u32> = srcset(attribute(img, "srcset"))
        .iter()
        .map(|v| v.1)
        .collect();
    assert_eq!(widths, [480, 800, 1200]);
    let webp = common::between(lead, "<source ", ">");
    for (href, width) in srcset(attribute(webp, "srcset")) {
        assert!(href.starts_with("/_img/") && href.ends_with(&format!("-{width}.webp")));
        let file = photos::decoded(&fs::read(site.public().join(&href[1..])).unwrap());
        assert_eq!(file.dimensions(), (width, width * 1000 / 1600), "{href}");
    }

    // The photo beside the article: 700 wide, so never made 800 or 1200.
    let beside = common::between(&page, "<figure><picture>", "</figure>");
    let img = common::between(beside, "<img ", ">");
    assert_eq!(attribute(img, "loading"), "lazy");
    assert_eq!(attribute(img, "width"), "700");
    assert_eq!(attribute(img, "height"), "400");
    let variants = srcset(attribute(img, "srcset"));
    assert_eq!(variants.iter().map(|v| v.1).collect::<Vec<_>>(), [480, 700]);
    for (href, width) in &variants {
        assert!(href.ends_with(".jpg"), "{href}");
        let file = photos::decoded(&fs::read(site.public().join(&href[1..])).unwrap());
        assert_eq!(file.width(), *width);
    }
    assert!(
        beside.contains("<figcaption>Chú thích</figcaption>"),
        "{beside}"
    );

    // A PNG keeps its format beside WebP.
    let diagram = page.split("alt=\"Sơ đồ\"").next().unwrap();
    let diagram = &diagram[diagram.rfind("<picture>").unwrap()..];
    assert!(diagram.contains("-900.png 900w"), "{diagram}");
    assert!(diagram.contains("-800.webp 800w"), "{diagram}");

    // The link preview: a 1200 × 630 crop.
    let og = common::between(&page, "<meta property=\"og:image\" content=\"", "\">");
    let og = og
        .split("content=\"")
        .nth(1)
        .unwrap()
        .trim_end_matches("\">");
    let og_path = og.strip_prefix("https://example.org/").unwrap();
    assert!(
        og_path.starts_with("_img/") && og_path.ends_with(".jpg"),
        "{og}"
    );
    let crop = photos::decoded(&fs::read(site.public().join(og_path)).unwrap());
    assert_eq!(crop.dimensions(), (1200, 630));

    // Cards on the home page: the lead card first, then small ones.
    let home = site.page("en/index.html");
    assert!(home.contains("fetchpriority=\"high\""), "{home}");

    // No image anywhere without its size.
    let tags = img_tags(&site.public());
    assert!(tags.len() >= 6, "{tags:?}");
    for (path, tag) in tags {
        assert!(
            tag.contains(" width=\"") && tag.contains(" height=\""),
            "{}: {tag}",
            path.display()
        );
    }
}

#[test]
fn orientation_is_applied() {
    let site = photo_site();
    site.build().assert_ok();
    let page = site.page("2023/06/bao-cao/index.html");
    let upright = page.split("alt=\"Ảnh dọc\"").next().unwrap();
    let img = &upright[upright.rfind("<img ").unwrap()..];
    assert!(img.contains("width=\"200\" height=\"400\""), "{img}");
    let (href, _) = srcset(attribute(img, "srcset"))[0].clone();
    let file = photos::decoded(&fs::read(site.public().join(&href[1..])).unwrap());
    assert_eq!(file.dimensions(), (200, 400));
    // The red corner, top left as stored, is top right once turned.
    let red = |p: &image::Rgb<u8>| p.0[0] > 200 && p.0[1] < 60 && p.0[2] < 60;
    assert!(
        red(file.get_pixel(190, 10)),
        "{:?}",
        file.get_pixel(190, 10)
    );
    assert!(!red(file.get_pixel(10, 10)), "{:?}", file.get_pixel(10, 10));
}

#[test]
fn no_output_image_carries_gps_or_other_metadata() {
    let site = photo_site();
    site.build().assert_ok();
    let mut images = 0;
    for (path, bytes) in Fixture::snapshot(&site.public()) {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["jpg", "png", "webp"].contains(&extension) {
            continue;
        }
        images += 1;
        let secret = bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes());
        assert!(!secret, "{} holds the camera's text", path.display());
        let fields = photos::exif_fields(&bytes);
        // An original turned by its orientation keeps that one tag.
        assert!(
            fields.iter().all(|f| f.tag == exif::Tag::Orientation),
            "{}: {:?}",
            path.display(),
            fields.iter().map(|f| f.tag).collect::<Vec<_>>()
        );
    }
    // The originals are published too, at their own path for static ones.
    assert!(site.exists("images/lead.jpg"));
    let original = fs::read(site.public().join("images/lead.jpg")).unwrap();
    assert_eq!(photos::decoded(&original).dimensions(), (1600, 1000));
    assert!(images > 20, "{images}");
}

#[test]
fn keep_original_false_publishes_only_derived_files() {
    let site = photo_site();
    site.write(
        "config.yaml",
        &format!(
            "{}images: {{ keep_original: false, widths: [300, 600] }}\n",
            common::CONFIG
        ),
    );
    site.build().assert_ok();
    assert!(!site.exists("images/lead.jpg"));
    let page = site.page("2023/06/bao-cao/index.html");
    let lead = common::between(&page, "<figure class=\"lead-image\">", "</figure>");
    assert!(
        lead.contains("-300.webp 300w") && lead.contains("-600.jpg 600w"),
        "{lead}"
    );
}

/// Cache file name → inode: a file written again gets a new one.
fn cache_files(site: &Fixture) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    fs::read_dir(site.root().join(".bantin-cache/images"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() != "sources.json")
        .map(|e| {
            let name = e.file_name().into_string().unwrap();
            (name, e.metadata().unwrap().ino())
        })
        .collect()
}

#[test]
fn the_cache_encodes_each_photo_once_and_a_changed_one_alone() {
    let site = photo_site();
    site.build().assert_ok();
    let first = cache_files(&site);
    assert!(first.len() > 20, "{first:?}");
    assert_eq!(
        fs::read_to_string(site.root().join(".bantin-cache/.gitignore")).unwrap(),
        "*\n"
    );

    // Another article text: a full build that reads the cache.
    site.article(
        "2023/bao-cao.en.md",
        "Report",
        "2023-06-05",
        "image: /images/lead.jpg\n",
        "Changed.\n",
    );
    site.build().assert_ok();
    assert_eq!(cache_files(&site), first, "a rebuild wrote cache files");
    let output = Fixture::snapshot(&site.public());

    // One photo replaced: its files alone are made, the old ones pruned.
    site.write_bytes("content/2023/anh-1.jpg", &photos::jpeg(700, 400, 1, 90));
    site.build().assert_ok();
    let second = cache_files(&site);
    let kept: Vec<_> = first
        .iter()
        .filter(|(n, i)| second.get(*n) == Some(i))
        .collect();
    let new: Vec<_> = second.keys().filter(|n| !first.contains_key(*n)).collect();
    let gone: Vec<_> = first.keys().filter(|n| !second.contains_key(*n)).collect();
    // 480 and 700 wide, each in JPEG and WebP, and the original.
    assert_eq!(new.len(), 5, "{new:?}");
    assert_eq!(gone.len(), 5, "{gone:?}");
    assert_eq!(kept.len(), first.len() - 5);
    let after = Fixture::snapshot(&site.public());
    let changed: Vec<_> = after
        .iter()
        .filter(|(p, b)| output.get(*p) != Some(b))
        .map(|(p, _)| p.display().to_string())
        .filter(|p| p.starts_with("_img/"))
        .collect();
    assert_eq!(changed.len(), 5, "{changed:?}");

    // A deleted cache is made again, byte for byte the same.
    fs::remove_dir_all(site.root().join(".bantin-cache")).unwrap();
    site.write(
        "content/2023/bao-cao.en.md",
        "---\ntitle: Report\ndate: 2023-06-05\nimage: /images/lead.jpg\n---\nAgain.\n",
    );
    site.build().assert_ok();
    let rebuilt = Fixture::snapshot(&site.public());
    for (path, bytes) in &after {
        if path.starts_with("_img") || path.starts_with("images") {
            assert_eq!(rebuilt.get(path), Some(bytes), "{}", path.display());
        }
    }
}

#[test]
fn bad_images_are_errors_at_their_reference() {
    let (site, before) = Fixture::built_one();
    let good = photos::jpeg(800, 600, 1, 0);
    site.write_bytes("content/2023/cut.jpg", &good[..good.len() * 2 / 3]);
    site.write_bytes("content/2023/noise.jpg", b"this is not a photo at all");
    site.write_bytes("content/2023/scan.bmp", b"BM not supported anyway");
    site.write_bytes(
        "static/images/bomb.png",
        &photos::png_declaring(100_000, 100_000),
    );
    site.article(
        "2023/anh.vi.md",
        "Ảnh hỏng",
        "2023-06-06",
        "image: /images/bomb.png\n",
        "Đầu.\n\n![cắt](cut.jpg)\n\nChữ ![nhiễu](noise.jpg)\n\n![quét](scan.bmp)\n",
    );
    let run = site.build();
    run.assert_error(
        "content/2023/anh.vi.md:4:1: image `/images/bomb.png` declares 100000 × 100000 pixels",
    );
    run.assert_error("content/2023/anh.vi.md:8:1: image `cut.jpg` is damaged");
    run.assert_error(
        "content/2023/anh.vi.md:10:5: image `noise.jpg` is not an image bantin can read",
    );
    run.assert_error(
        "content/2023/anh.vi.md:12:1: image `scan.bmp` is in a format bantin does not publish",
    );
    assert_eq!(
        Fixture::snapshot(&site.public()),
        before,
        "the output changed"
    );
}

#[test]
fn the_same_site_builds_byte_identical_images_and_pages() {
    let (a, b) = (photo_site(), photo_site());
    a.build().assert_ok();
    b.build().assert_ok();
    let (a, b) = (
        Fixture::snapshot(&a.public()),
        Fixture::snapshot(&b.public()),
    );
    let differ: Vec<_> = a
        .iter()
        .filter(|(p, v)| b.get(*p) != Some(v))
        .map(|(p, _)| p)
        .collect();
    assert!(
        differ.is_empty() || differ.iter().all(|p| p.ends_with(".bantin")),
        "{differ:?}"
    );
}

#[test]
fn images_settings_are_checked() {
    let site = photo_site();
    site.write(
        "config.yaml",
        &format!(
            "{}images:\n  widths: [0]\n  quality: 120\n  avif: true\n",
            common::CONFIG
        ),
    );
    let run = site.build();
    run.assert_error("images.widths must list widths");
    run.assert_error("images.quality is 120");
    run.assert_error("images.avif");
}
