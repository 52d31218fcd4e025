//! The view-counter API `bantin serve` implements, in memory.
//!
//! `POST /_views/{page_id}` counts a visit and answers `{"views": N}`;
//! `GET` answers the same without counting. Counts start from the ones
//! known at build time (front matter or `data/views.yaml`); a rebuild
//! brings in new build-time counts only for pages nobody has visited yet,
//! so an editor's clicks are not lost on every save.

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
    /// Takes the build-time counts of a good build.
    pub fn seed(&self, built: &BTreeMap<String, u64>) {
        let mut pages = self.lock();
        pages.retain(|id, count| count.visited || built.contains_key(id));
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

    /// Counts a visit and returns the new count; an unknown page starts at 0.
    pub fn visit(&self, page_id: &str) -> u64 {
        let mut pages = self.lock();
        let count = pages.entry(page_id.to_string()).or_insert(Count {
            views: 0,
            visited: false,
        });
        count.views = count.views.saturating_add(1);
        count.visited = true;
        count.views
    }

    /// The current count, without counting.
    pub fn get(&self, page_id: &str) -> u64 {
        self.lock().get(page_id).map_or(0, |c| c.views)
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
        assert_eq!(counter.get("2023/report.vi"), 817);
        assert_eq!(counter.visit("2023/report.vi"), 818);
        assert_eq!(counter.get("2023/report.vi"), 818);
        assert_eq!(counter.visit("unknown"), 1);
        assert_eq!(counter.get("never-seen"), 0);
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
        assert_eq!(counter.get("a"), 11);
        assert_eq!(counter.get("b"), 200);
        assert_eq!(counter.get("gone"), 0);
    }
}
