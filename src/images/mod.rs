//! Images: the photos articles reference, published in the sizes and
//! formats browsers choose from, without their metadata, and cached.
//!
//! `prepare` runs between the model and rendering. It finds every image an
//! article references (`discover`: the lead `image:` and Markdown images,
//! site paths and paths beside the article), reads each file's header
//! (`probe`: format, size, orientation; a canvas over `images.max_pixels`
//! is refused before decoding), and for each photo whose derived files
//! are not all in the cache (`cache`) decodes it upright (`decode`), makes
//! its widths and its link-preview crop (`resize`), encodes them
//! (`encode`: WebP and the original's format) and strips the original
//! (`strip`). Rendering then asks [`Images`] for each image's markup
//! (`markup`), and the output takes its files from the cache.
//!
//! GIF and SVG images, and other sites' images, are shown as they are,
//! with their size when their file says it.

mod cache;
mod crops;
mod decode;
mod discover;
mod encode;
mod markup;
mod probe;
mod published;
mod resize;
mod strip;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::ImagesConfig;
use crate::diag::Diagnostic;
use crate::fingerprint;
use crate::site::{Article, Site, SitePath};
use crate::theme::Theme;
use cache::{Cache, Known};
use discover::Target;
use probe::Format;

pub use cache::FOLDER as CACHE_FOLDER;
pub use markup::{Placement, html as markup};
pub use published::LeadFile;

/// Photos larger than this are not read: no camera makes one.
const MAX_IMAGE_BYTES: u64 = 200 * 1024 * 1024;

/// One width of a processed photo.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// In the original's format.
    pub href: String,
    /// As WebP, unless the original is WebP.
    pub webp: Option<String>,
}

/// What an image reference became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Processed {
    /// A photo with its widths, narrowest first.
    Raster(Raster),
    /// Shown as it is: GIF, SVG, another site's image.
    Plain {
        href: String,
        size: Option<(u32, u32)>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    /// The content key: the source's bytes, the settings, the encoders.
    pub key: String,
    pub variants: Vec<Variant>,
}

/// An article's lead image, as its page and its cards show it.
pub struct Lead<'i> {
    pub image: &'i Processed,
    /// A file of the image to link to (feeds, structured data): its
    /// largest variant in the original's format.
    pub href: String,
}

/// Where a link-preview crop's centre is, in thousandths across and down.
type Focus = (u16, u16);

/// The images of one render: what each reference became, and the files
/// to publish.
#[derive(Default)]
pub struct Images {
    /// (article folder, as written) → what it became.
    by_reference: FxHashMap<(String, String), Processed>,
    /// (article folder, as written, focus) → the link-preview crop.
    previews: FxHashMap<(String, String, Focus), SitePath>,
    /// (article folder, as written, focus) → the structured-data crops.
    crops: FxHashMap<(String, String, Focus), Vec<SitePath>>,
    /// (article folder, as written) → the lead image's published file.
    lead_files: FxHashMap<(String, String), LeadFile>,
    /// Output path → the file it is copied from.
    files: BTreeMap<String, PathBuf>,
    /// Static files published without their metadata, not copied as they are.
    replaced: FxHashSet<String>,
    /// The cache, finished once the build succeeded.
    cache: Option<Cache>,
    fingerprint: u64,
}

impl Images {
    /// The markup of image `src` written in an article in folder `dir`;
    /// `None` for an image that is not the site's (a path to nowhere).
    pub fn html(
        &self,
        dir: &str,
        src: &str,
        alt: &str,
        title: Option<&str>,
        placement: Placement,
    ) -> Option<String> {
        let image = self.by_reference.get(&(dir.to_string(), src.to_string()))?;
        Some(markup::html(image, alt, title, placement))
    }

    /// What `src` in folder `dir` became, as text that changes whenever
    /// its markup does: recorded with an article's resolved links, so
    /// serve renders the article again when the photo changes.
    pub fn resolution(&self, dir: &str, src: &str) -> Option<String> {
        self.by_reference
            .get(&(dir.to_string(), src.to_string()))
            .map(|image| format!("{image:?}"))
    }

    /// An article's lead image.
    pub fn lead(&self, article: &Article) -> Option<Lead<'_>> {
        let src = article.source.front.image.as_ref()?;
        let image = self
            .by_reference
            .get(&(article.source.dir.clone(), src.clone()))?;
        let href = match image {
            Processed::Raster(raster) => raster.variants.last()?.href.clone(),
            Processed::Plain { href, .. } => href.clone(),
        };
        Some(Lead { image, href })
    }

    /// The link-preview crop of an article's lead image.
    pub fn preview(&self, article: &Article) -> Option<&SitePath> {
        let src = article.source.front.image.as_ref()?;
        let focus = focus(article.source.front.image_focus);
        self.previews
            .get(&(article.source.dir.clone(), src.clone(), focus))
    }

    /// Whether static file `rel` is published without its metadata.
    pub fn replaces(&self, rel: &str) -> bool {
        self.replaced.contains(rel)
    }

    /// The files to publish: output path, and the file to copy.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Path)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_path()))
    }

    /// Changes whenever any image's published files would.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// How many files this build encoded (the rest came from the cache).
    pub fn encoded(&self) -> u64 {
        self.cache
            .as_ref()
            .map_or(0, |c| c.encoded.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// After a build without errors: the cache keeps what it used.
    pub fn finish(&self) {
        if let Some(cache) = &self.cache {
            cache.finish();
        }
    }
}

fn focus(focus: Option<(f32, f32)>) -> Focus {
    let (x, y) = focus.unwrap_or((0.5, 0.5));
    let thousandths = |f: f32| (f * 1000.0).round().clamp(0.0, 1000.0) as u16;
    (thousandths(x), thousandths(y))
}

/// What a file is, by its extension.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Raster,
    Plain { svg: bool },
    Unsupported,
    NotAnImage,
}

fn kind(rel: &str) -> Kind {
    let extension = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "jpg" | "jpeg" | "png" | "webp" => Kind::Raster,
        "gif" => Kind::Plain { svg: false },
        "svg" => Kind::Plain { svg: true },
        "bmp" | "tif" | "tiff" | "heic" | "heif" | "avif" | "jxl" | "ico" | "psd" | "raw"
        | "cr2" | "nef" | "dng" => Kind::Unsupported,
        _ => Kind::NotAnImage,
    }
}

/// One file to make the published files of, and what of it is asked for.
struct Job {
    target: Target,
    previews: BTreeSet<Focus>,
}

/// What a job made.
struct Made {
    processed: Processed,
    previews: Vec<(Focus, SitePath)>,
    crops: Vec<(Focus, Vec<SitePath>)>,
    files: Vec<(String, PathBuf)>,
    fingerprint: u64,
}

/// What `prepare` is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Make every file, through the cache.
    Build,
    /// Make every file without the cache (`--no-cache`): encodings go to
    /// a folder of this build's own, removed when it ends.
    BuildUncached,
    /// Decode what the cache does not vouch for, to find bad images, and
    /// write nothing (`bantin check`).
    Check,
}

/// Processes every image the articles of `site` reference. Problems are
/// errors at the reference, naming the image.
pub fn prepare(root: &Path, site: &Site, theme: &Theme, mode: Mode) -> (Images, Vec<Diagnostic>) {
    let config = &site.config.images;
    let references = discover::references(site);
    let mut targets: FxHashMap<(String, String), Target> = FxHashMap::default();
    let mut jobs: BTreeMap<Target, Job> = BTreeMap::new();
    for reference in &references {
        let dir = &site.articles[reference.article].source.dir;
        let target = targets
            .entry((dir.clone(), reference.src.clone()))
            .or_insert_with(|| discover::target(root, theme, dir, &reference.src));
        if let Target::File { rel, .. } = &*target
            && kind(rel) != Kind::NotAnImage
        {
            let job = jobs.entry(target.clone()).or_insert_with(|| Job {
                target: target.clone(),
                previews: BTreeSet::new(),
            });
            if reference.lead && kind(rel) == Kind::Raster {
                let front = &site.articles[reference.article].source.front;
                job.previews.insert(focus(front.image_focus));
            }
        }
    }
    let cache = match mode {
        Mode::Build => Cache::open(root, true),
        Mode::Check => Cache::open(root, false),
        Mode::BuildUncached => Cache::temporary(),
    };
    let decodes = Permits::new(rayon::current_num_threads().clamp(1, 3));
    let jobs: Vec<Job> = jobs.into_values().collect();
    let made: Vec<Result<Made, String>> = jobs
        .par_iter()
        .map(|job| make(job, config, site, &cache, &decodes))
        .collect();
    let mut outcome: FxHashMap<&Target, &Result<Made, String>> = FxHashMap::default();
    for (job, result) in jobs.iter().zip(&made) {
        outcome.insert(&job.target, result);
    }

    let mut images = Images::default();
    let mut errors = Vec::new();
    for reference in &references {
        let article = &site.articles[reference.article];
        let dir = &article.source.dir;
        let target = &targets[&(dir.clone(), reference.src.clone())];
        let processed = match outcome.get(target) {
            Some(Ok(made)) => {
                if reference.lead {
                    let focus = focus(article.source.front.image_focus);
                    if let Some((_, path)) = made.previews.iter().find(|(f, _)| *f == focus) {
                        let at = (dir.clone(), reference.src.clone(), focus);
                        images.previews.insert(at, path.clone());
                    }
                    if let Some((_, paths)) = made.crops.iter().find(|(f, _)| *f == focus) {
                        let at = (dir.clone(), reference.src.clone(), focus);
                        images.crops.insert(at, paths.clone());
                    }
                }
                made.processed.clone()
            }
            Some(Err(message)) => {
                errors.push(
                    Diagnostic::error(
                        &article.source.path,
                        crate::msg!(
                            "image-problem",
                            image = crate::diag::shown(&reference.src),
                            problem = message
                        ),
                    )
                    .at(reference.line, reference.column),
                );
                continue;
            }
            // Another site's image: its size is not known offline.
            None if reference.src.contains("://") || reference.src.starts_with("//") => {
                Processed::Plain {
                    href: reference.src.clone(),
                    size: None,
                }
            }
            // Not an image, or a path to nothing (the link check tells).
            None => continue,
        };
        images
            .by_reference
            .insert((dir.clone(), reference.src.clone()), processed);
    }
    let mut key = fingerprint::Builder::default();
    for (job, result) in jobs.iter().zip(made) {
        let Ok(made) = result else { continue };
        key = key.with(&made.fingerprint);
        if let Target::File {
            rel,
            is_static: true,
            ..
        } = &job.target
            && matches!(made.processed, Processed::Raster(_))
        {
            images.replaced.insert(rel.clone());
        }
        images.files.extend(made.files);
    }
    images.fingerprint = key.finish();
    images.cache = Some(cache);
    images.measure_lead_files(site);
    (images, errors)
}

/// Makes (or finds in the cache) the published files of one image.
fn make(
    job: &Job,
    config: &ImagesConfig,
    site: &Site,
    cache: &Cache,
    decodes: &Permits,
) -> Result<Made, String> {
    let Target::File {
        path,
        rel,
        is_static,
    } = &job.target
    else {
        return Err(crate::msg!("image-not-site-file"));
    };
    let urls = &site.urls;
    match kind(rel) {
        Kind::Raster => {}
        Kind::Plain { svg } => {
            let bytes = read(path)?;
            let size = probe::passed_through_size(&bytes, svg);
            let (href, files) = if *is_static {
                (urls.href(&SitePath::new(rel.clone())), Vec::new())
            } else {
                let extension = if svg { "svg" } else { "gif" };
                let name = format!("{:016x}.{extension}", fingerprint::of(&bytes[..]));
                let output = urls.image_file(&name);
                (
                    urls.href(&output),
                    vec![(output.as_str().to_string(), path.clone())],
                )
            };
            return Ok(Made {
                fingerprint: fingerprint::of(&(&href, size, fingerprint::of(&bytes[..]))),
                processed: Processed::Plain { href, size },
                previews: Vec::new(),
                crops: Vec::new(),
                files,
            });
        }
        Kind::Unsupported => {
            return Err(crate::msg!("image-format-unsupported"));
        }
        Kind::NotAnImage => return Err(crate::msg!("image-not-image")),
    }

    let state = fingerprint::of(&fingerprint::file_state(path));
    let mut bytes = None;
    let known = match cache.known(rel, state) {
        Some(known) => known,
        None => {
            let read = bytes.insert(read(path)?);
            let probe = probe::open(read, config.max_pixels)?.probe;
            Known {
                state,
                key: content_key(read, config),
                format: probe.format.extension().to_string(),
                width: probe.width,
                height: probe.height,
                orientation: probe.orientation,
            }
        }
    };
    let format = match known.format.as_str() {
        "png" => Format::Png,
        "webp" => Format::WebP,
        _ => Format::Jpeg,
    };
    let plan = Plan::new(&known, format, config, job, rel, *is_static, site);
    let missing: Vec<&Wanted> = plan
        .wanted
        .iter()
        .filter(|w| !cache.has(&w.cached))
        .collect();
    if !missing.is_empty() {
        let bytes = match bytes {
            Some(bytes) => bytes,
            None => read(path)?,
        };
        let _permit = decodes.take();
        let opened = probe::open(&bytes, config.max_pixels)?;
        let orientation = opened.probe.orientation;
        let pixels = decode::decode(opened)?;
        for wanted in missing.into_iter().filter(|_| cache.writable()) {
            let encoded = match wanted.what {
                What::Variant { width, format } => {
                    encode::encode(&resize::to_width(&pixels, width)?, format, config.quality)?
                }
                What::Original => match strip::strip(&bytes, format, orientation) {
                    Some(stripped) => stripped,
                    // Turned, or not well formed: the upright pixels, at
                    // full size and best quality.
                    None => encode::encode(&pixels, format, 95)?,
                },
                What::Preview(focus) => {
                    let at = (f32::from(focus.0) / 1000.0, f32::from(focus.1) / 1000.0);
                    encode::encode(
                        &resize::og_crop(&pixels, at)?,
                        plan.preview_format,
                        config.quality,
                    )?
                }
                What::Crop(crop, focus) => {
                    let at = (f32::from(focus.0) / 1000.0, f32::from(focus.1) / 1000.0);
                    let pixels = crops::make(&pixels, crop, at)?;
                    encode::encode(&pixels, plan.preview_format, config.quality)?
                }
            };
            cache
                .put(&wanted.cached, &encoded)
                .map_err(|d| d.to_string())?;
        }
    }
    let fingerprint = fingerprint::of(&(&known.key, &plan.variants, &plan.previews, &plan.crops));
    cache.remember(rel, known);
    Ok(Made {
        processed: Processed::Raster(Raster {
            key: plan.key,
            variants: plan.variants,
        }),
        previews: plan.previews,
        crops: plan.crops,
        files: plan
            .wanted
            .into_iter()
            .map(|w| (w.output, cache.path(&w.cached)))
            .collect(),
        fingerprint,
    })
}

/// The published files of one photo.
struct Plan {
    key: String,
    variants: Vec<Variant>,
    previews: Vec<(Focus, SitePath)>,
    crops: Vec<(Focus, Vec<SitePath>)>,
    preview_format: Format,
    wanted: Vec<Wanted>,
}

struct Wanted {
    what: What,
    /// Its name in the cache.
    cached: String,
    /// Its output path.
    output: String,
}

#[derive(Clone, Copy)]
enum What {
    Variant { width: u32, format: Format },
    Original,
    Preview(Focus),
    Crop(crops::Crop, Focus),
}

impl Plan {
    fn new(
        known: &Known,
        format: Format,
        config: &ImagesConfig,
        job: &Job,
        rel: &str,
        is_static: bool,
        site: &Site,
    ) -> Plan {
        let urls = &site.urls;
        let key = &known.key;
        let mut wanted = Vec::new();
        let mut file = |what: What, name: String| {
            let output = urls.image_file(&name);
            wanted.push(Wanted {
                what,
                cached: name,
                output: output.as_str().to_string(),
            });
            output
        };
        let variants = resize::widths(&config.widths, known.width)
            .into_iter()
            .map(|width| {
                let height = resize::height_at(known.width, known.height, width);
                let extension = format.extension();
                let href = urls.href(&file(
                    What::Variant { width, format },
                    format!("{key}-{width}.{extension}"),
                ));
                let webp = (format != Format::WebP).then(|| {
                    let webp = What::Variant {
                        width,
                        format: Format::WebP,
                    };
                    urls.href(&file(webp, format!("{key}-{width}.webp")))
                });
                Variant {
                    width,
                    height,
                    href,
                    webp,
                }
            })
            .collect();
        // Link previews are JPEG or PNG: not every site that reads
        // `og:image` takes WebP.
        let preview_format = if format == Format::Png {
            Format::Png
        } else {
            Format::Jpeg
        };
        let previews = job
            .previews
            .iter()
            .map(|&focus| {
                let name = format!(
                    "{key}-og-{}-{}.{}",
                    focus.0,
                    focus.1,
                    preview_format.extension()
                );
                (focus, file(What::Preview(focus), name))
            })
            .collect();
        let crops = job
            .previews
            .iter()
            .map(|&focus| {
                let paths = crops::structured_data_crops(known.width, known.height)
                    .into_iter()
                    .map(|crop| {
                        let (across, down) = crop.aspect;
                        let name = format!(
                            "{key}-{across}x{down}-{}-{}.{}",
                            focus.0,
                            focus.1,
                            preview_format.extension()
                        );
                        file(What::Crop(crop, focus), name)
                    })
                    .collect();
                (focus, paths)
            })
            .collect();
        if config.keep_original {
            let name = format!("{key}.{}", format.extension());
            let output = if is_static {
                rel.to_string()
            } else {
                urls.image_file(&name).as_str().to_string()
            };
            wanted.push(Wanted {
                what: What::Original,
                cached: name,
                output,
            });
        }
        Plan {
            key: key.clone(),
            variants,
            previews,
            crops,
            preview_format,
            wanted,
        }
    }
}

/// The content key: the source's bytes, and everything that changes what
/// is made of them.
fn content_key(bytes: &[u8], config: &ImagesConfig) -> String {
    let key = fingerprint::Builder::default()
        .with(bytes)
        .with(encode::ENCODER_VERSION)
        .with(&config.widths)
        .with(&config.quality)
        .finish();
    format!("{key:016x}")
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| crate::msg!("image-unreadable", error = e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::msg!("image-unreadable", error = e.to_string()))?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(crate::msg!(
            "image-too-large",
            limit = (MAX_IMAGE_BYTES / (1024 * 1024)).to_string()
        ));
    }
    Ok(bytes)
}

/// At most a few images decoded at once: a decoded photo takes 3–4 bytes
/// a pixel, 200 MB for 50 megapixels.
struct Permits {
    free: Mutex<usize>,
    returned: Condvar,
}

struct Permit<'p>(&'p Permits);

impl Permits {
    fn new(count: usize) -> Permits {
        Permits {
            free: Mutex::new(count),
            returned: Condvar::new(),
        }
    }

    fn take(&self) -> Permit<'_> {
        let mut free = self.free.lock().unwrap_or_else(|e| e.into_inner());
        while *free == 0 {
            free = self.returned.wait(free).unwrap_or_else(|e| e.into_inner());
        }
        *free -= 1;
        Permit(self)
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        *self.0.free.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        self.0.returned.notify_one();
    }
}
