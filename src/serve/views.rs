//! The view-counter API `bantin serve` implements, in memory.
//!
//! `POST /_views/{page_id}` counts a visit and answers `{"views": N}`;
//! `GET` answers the same without counting. Counts start from the ones
//! known at build time (front matter or `data/views.yaml`); a rebuild
//! brings in new build-time counts only for pages nobody has visited yet,
//! so an editor's clicks are not lost on every save. Only the pages of the
//! last good build are counted: an unknown id is refused, not stored, so
//! requests cannot grow the table.

use std::collections::BTreeMap;
use std::sync::Mutex;

#[derive(Default)]
pub struct ViewCounter {
    pages: Mutex<BTreeMap<String, Count>>,
}

#[derive(Clone, Copy)]
struct Count {
    views: u64,
    /// Counted at least once since serve started.
    visited: bool,
}

impl ViewCounter {
    /// Takes the page ids and build-time counts of a good build; pages
    /// that are gone are forgotten.
    pub fn seed(&self, built: &BTreeMap<String, u64>) {
        let mut pages = self.lock();
        pages.retain(|id, _| built.contains_key(id));
        for (id, &views) in built {
            let count = pages.entry(id.clone()).or_insert(Count {
                views,
                visited: false,
            });
            if !count.visited {
                count.views = views;
            }
        }
    }

    /// Counts a visit and returns the new count; `None` for a page the
    /// site does not have.
    pub fn visit(&self, page_id: &str) -> Option<u64> {
        let mut pages = self.lock();
        let count = pages.get_mut(page_id)?;
        count.views = count.views.saturating_add(1);
        count.visited = true;
        Some(count.views)
    }

    /// The current count, without counting.
    pub fn get(&self, page_id: &str) -> Option<u64> {
        self.lock().get(page_id).map(|c| c.views)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Count>> {
        self.pages.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The JSON body both methods answer with.
pub fn body(views: u64) -> String {
    serde_json::json!({ "views": views }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_the_build_time_count() {
        let counter = ViewCounter::default();
        counter.seed(&BTreeMap::from([("2023/report.vi".to_string(), 817)]));
        assert_eq!(counter.get("2023/report.vi"), Some(817));
        assert_eq!(counter.visit("2023/report.vi"), Some(818));
        assert_eq!(counter.get("2023/report.vi"), Some(818));
        assert_eq!(counter.visit("unknown"), None);
        assert_eq!(counter.get("unknown"), None);
        assert_eq!(counter.lock().len(), 1, "an unknown id is not stored");
        assert_eq!(body(818), r#"{"views":818}"#);
    }

    #[test]
    fn reseeding_keeps_visited_pages() {
        let counter = ViewCounter::default();
        counter.seed(&BTreeMap::from([
            ("a".to_string(), 10),
            ("b".to_string(), 20),
            ("gone".to_string(), 5),
        ]));
        counter.visit("a");
        counter.seed(&BTreeMap::from([
            ("a".to_string(), 100),
            ("b".to_string(), 200),
        ]));
        assert_eq!(counter.get("a"), Some(11));
        assert_eq!(counter.get("b"), Some(200));
        assert_eq!(counter.get("gone"), None);
    }
}
