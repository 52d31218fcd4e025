//! What other programs are pointed at: an article's lead image as one
//! published file with its real size, length and type (feeds' enclosures,
//! the data API), and its structured-data crops (JSON-LD).

use super::{Images, Processed, focus};
use crate::site::{Article, Site, SitePath, Urls};
use crate::source::lead_images::mime_type;

/// A published file of an article's lead image, as it is on disk.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeadFile {
    pub path: SitePath,
    /// Pixels, when known (always for a photo).
    pub size: Option<(u32, u32)>,
    /// Bytes of the published file.
    pub length: u64,
    pub mime: &'static str,
}

impl Images {
    /// The structured-data crops (16:9, 4:3, 1:1, those the photo is large
    /// enough for) of an article's lead image; none for a GIF, SVG or
    /// another site's image.
    pub fn crops(&self, article: &Article) -> &[SitePath] {
        let Some(src) = article.source.front.image.as_ref() else {
            return &[];
        };
        let focus = focus(article.source.front.image_focus);
        self.crops
            .get(&(article.source.dir.clone(), src.clone(), focus))
            .map_or(&[], Vec::as_slice)
    }

    /// The file feeds and the data API link an article's lead image to: a
    /// photo's widest variant in its own format, or a GIF or SVG as
    /// published. `None` for another site's image, a static GIF or SVG
    /// (copied as it is, measured by `Site.lead_images`), or when the file
    /// was not made (`bantin check` writes nothing).
    pub fn lead_file(&self, article: &Article) -> Option<&LeadFile> {
        let src = article.source.front.image.as_ref()?;
        self.lead_files
            .get(&(article.source.dir.clone(), src.clone()))
    }

    /// Measures each lead image's published file once, after `prepare`.
    pub(super) fn measure_lead_files(&mut self, site: &Site) {
        for article in &site.articles {
            let Some(src) = article.source.front.image.as_ref() else {
                continue;
            };
            let at = (article.source.dir.clone(), src.clone());
            if self.lead_files.contains_key(&at) {
                continue;
            }
            if let Some(file) = self.measure(&site.urls, article) {
                self.lead_files.insert(at, file);
            }
        }
    }

    fn measure(&self, urls: &Urls, article: &Article) -> Option<LeadFile> {
        let lead = self.lead(article)?;
        let size = match lead.image {
            Processed::Raster(raster) => {
                let widest = raster.variants.last()?;
                Some((widest.width, widest.height))
            }
            Processed::Plain { size, .. } => *size,
        };
        let path = urls.site_path_of_href(&lead.href)?;
        let source = self.files.get(path.as_str())?;
        let length = std::fs::metadata(source).ok()?.len();
        Some(LeadFile {
            mime: mime_type(path.as_str())?,
            path,
            size,
            length,
        })
    }
}
