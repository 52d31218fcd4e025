//! Tests of the two entries together: a build with a cache kept across
//! edits, and a streamed one, each give the bytes of a build from nothing.

use std::sync::{Arc, Mutex};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

use super::blocks::{BlockSpelling, Record};
use super::shards::Place;
use super::*;

/// A file to write: its path and bytes.
type File = (String, Vec<u8>);

/// Each article's fingerprint: keys a caller could give.
fn fingerprints(docs: &[SearchDoc<'_>]) -> Vec<u64> {
    docs.iter().map(fingerprint::of).collect()
}

/// The files as plain bytes, copied out of the cache that shares them.
fn owned(files: Vec<IndexFile>) -> Vec<File> {
    let files = files.into_iter();
    files.map(|f| (f.path, f.bytes.to_vec())).collect()
}

/// A build from nothing, laid out as `options` say.
fn full(docs: &[SearchDoc<'_>], options: IndexOptions) -> Vec<File> {
    let mut cache = IndexCache::new(options);
    owned(build_index(docs, &fingerprints(docs), &mut cache))
}

/// Words to draw articles from: tone marks in both places, a decomposed
/// syllable, English, digits and punctuation.
const WORDS: &str = "Phó Chủ tịch UBND tỉnh làm việc với sở Thông tin và Truyền \
    thông về chuyển đổi số, hòa hoà bình thủy thuỷ lợi khỏe khoẻ đổi đội số sơ \
    ngành nông nghiệp năm 2023 API cloud hoa\u{300} Đà Nẵng: kết quả tăng 15% \
    — hội nghị tổng kết ĐỔI MỚI";

/// `n` articles, newest first, drawn from [`WORDS`]; `seed` varies them.
fn articles(n: usize, seed: usize) -> Vec<SearchDoc<'static>> {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    (0..n)
        .map(|i| {
            let pick = |j: usize| words[(i * 31 + j * j * 7 + seed) % words.len()];
            let text: Vec<&str> = (0..30 + i % 20).map(pick).collect();
            let title: Vec<&str> = (40..46).map(pick).collect();
            // Some articles have the other fields, of any length.
            let field = |from: usize, every: usize| -> String {
                let words: Vec<&str> = (from..from + i % every).map(pick).collect();
                words.join(" ")
            };
            SearchDoc {
                title: (title.join(" ")).into(),
                href: (format!("/{seed}/{i}/")).into(),
                date_display: (format!("{:02}/06/2023", i % 28 + 1)).into(),
                summary: (String::new()).into(),
                text: (text.join(" ")).into(),
                labels: field(50, 3).into(),
                captions: field(60, 5).into(),
                code: field(70, 7).into(),
            }
        })
        .collect()
}

fn article(title: &str, text: &str) -> SearchDoc<'static> {
    SearchDoc {
        title: (title.to_string()).into(),
        href: (format!("/{}/", crate::text::slug::slugify(title))).into(),
        date_display: ("05/06/2023".to_string()).into(),
        summary: (String::new()).into(),
        text: (text.to_string()).into(),
        ..Default::default()
    }
}

/// What `serve` may see in a session: edits, articles published,
/// deleted, back-dated and moved, odd texts, then nothing, then a site
/// again.
fn session() -> Vec<(&'static str, Vec<SearchDoc<'static>>)> {
    let mut docs = articles(300, 0);
    let mut states = vec![("start", docs.clone())];
    let mut step = |name, change: &dyn Fn(&mut Vec<SearchDoc<'static>>)| {
        change(&mut docs);
        states.push((name, docs.clone()));
    };
    step("edit a text", &|d| {
        d[150].text.to_mut().push_str(" thêm một câu")
    });
    step("edit a title", &|d| {
        d[20].title = "Hòa bình, thuỷ lợi".into()
    });
    step("publish", &|d| {
        d.insert(0, article("Bài mới", "Tin mới nhất"))
    });
    step("delete", &|d| drop(d.remove(200)));
    step("back-date", &|d| d.insert(120, article("Bài cũ", "Tin cũ")));
    step("move", &|d| d.swap(3, 250));
    step("summary", &|d| d[7].summary = "Tóm tắt riêng: khỏe".into());
    step("no syllables", &|d| d.insert(0, article("!!!", "— … ?")));
    step("decomposed", &|d| {
        d[1].text = "hoa\u{300} thu\u{309}y lơ\u{323}i".into()
    });
    step("twice", &|d| d.push(d[0].clone()));
    step("a few", &|d| d.truncate(3));
    step("none", &|d| d.clear());
    step("one", &|d| d.push(article("Một", "")));
    step("another site", &|d| *d = articles(200, 1));
    states
}

/// The first file that differs, for a readable failure.
fn first_difference(got: &[File], expected: &[File]) -> String {
    if got.len() != expected.len() {
        return format!("{} files, expected {}", got.len(), expected.len());
    }
    let differs = got.iter().zip(expected).find(|(a, b)| a != b);
    differs.map_or(String::new(), |((path, _), (want, _))| {
        format!("{path} differs (expected {want})")
    })
}

#[test]
fn streamed_build_writes_the_same_files() {
    for (step, docs) in session() {
        // Any keys: where blocks end does not change the files.
        let fingerprints: Vec<u64> = docs.iter().map(fingerprint::of).collect();
        let numbers: Vec<u64> = (0..docs.len() as u64).map(|n| n * 7).collect();
        let mut expected = full(&docs, IndexOptions::default());
        expected.sort();
        for keys in [fingerprints, numbers] {
            let streamed = Mutex::new(Vec::new());
            let write = |file: IndexFile| streamed.lock().unwrap().push(file);
            let mut index = StreamedIndex::new(docs.len(), IndexOptions::default(), &write);
            // Given oldest first, a few at a time.
            let mut given = docs.iter().cloned().zip(keys.iter().copied()).rev();
            while given.len() > 0 {
                index.read(given.by_ref().take(37));
            }
            index.finish();
            let mut got: Vec<File> = owned(streamed.into_inner().unwrap());
            got.sort();
            assert!(
                got == expected,
                "{step}: {}",
                first_difference(&got, &expected)
            );
        }
    }
}

#[test]
fn cached_build_equals_full_build() {
    let sharded = IndexOptions {
        inline_terms: 0,
        shard_target: 2_000,
        ..IndexOptions::default()
    };
    for options in [IndexOptions::default(), sharded] {
        let mut cache = IndexCache::new(options);
        let mut previous = None;
        for (step, docs) in session() {
            let expected = full(&docs, options);
            let cached = build_cached(&docs, &mut cache, false);
            assert!(
                cached == expected,
                "{step}: {}",
                first_difference(&cached, &expected)
            );
            // Each step changes the index: stale output shows here even
            // if the full build were wrong the same way.
            assert!(previous.as_ref() != Some(&cached), "{step}: no change");
            if step == "start" {
                let has_shards = expected.iter().any(|(p, _)| p.starts_with("search/terms/"));
                assert_eq!(has_shards, options == sharded);
                assert!(cache.blocks.len() > 1, "several blocks to join");
            }
            previous = Some(cached);
        }
    }
}

/// A build with `cache`, keyed by the articles' fingerprints, or (with
/// `other_keys`) by keys made otherwise, so that blocks end elsewhere.
fn build_cached(docs: &[SearchDoc<'_>], cache: &mut IndexCache, other_keys: bool) -> Vec<File> {
    let keys: Vec<u64> = match other_keys {
        true => docs.iter().map(|d| fingerprint::of(&(d, 1))).collect(),
        false => fingerprints(docs),
    };
    owned(build_index(docs, &keys, cache))
}

/// Edits that change the terms in each way the cache keeps apart: a
/// spelling's postings, a new spelling in a fold that had only one,
/// the fold's plain spelling gone, enough new words to move shard
/// boundaries, and back; every position of an article moved; and
/// articles deleted (which renumbers the newer ones) and published.
#[test]
fn edits_that_change_the_terms() {
    let sharded = IndexOptions {
        inline_terms: 0,
        shard_target: 2_000,
        ..IndexOptions::default()
    };
    let new_words: Vec<String> = (0..200).map(|i| format!("từ{i}")).collect();
    let new_words = new_words.join(" ");
    let mut docs = articles(300, 0);
    let mut states = vec![("start", docs.clone())];
    let mut step = |name, change: &dyn Fn(&mut Vec<SearchDoc<'static>>)| {
        change(&mut docs);
        states.push((name, docs.clone()));
    };
    step("postings", &|d| d[150].text.to_mut().push_str(" số"));
    step("a new word", &|d| d[10].text.to_mut().push_str(" xyz"));
    step("a new spelling", &|d| d[20].text.to_mut().push_str(" xýz"));
    step("the plain one gone", &|d| {
        d[10] = articles(300, 0)[10].clone()
    });
    step("new words", &|d| d[5].text.to_mut().push_str(&new_words));
    step("they go", &|d| d[5] = articles(300, 0)[5].clone());
    step("positions move", &|d| {
        d[100].text.to_mut().insert_str(0, "Sửa ")
    });
    step("delete", &|d| drop(d.remove(150)));
    step("publish", &|d| d.insert(0, article("Bài mới", "Tin xyz")));
    for options in [IndexOptions::default(), sharded] {
        for other_keys in [false, true] {
            let mut cache = IndexCache::new(options);
            for (step, docs) in &states {
                let cached = build_cached(docs, &mut cache, other_keys);
                let expected = full(docs, options);
                assert!(
                    cached == expected,
                    "{step}: {}",
                    first_difference(&cached, &expected)
                );
            }
        }
    }
}

/// After an edit that adds a word, the shards it does not fall in are
/// the same bytes as before, not copies.
#[test]
fn an_edit_keeps_the_shards_it_does_not_change() {
    let options = IndexOptions {
        inline_terms: 0,
        shard_target: 2_000,
        ..IndexOptions::default()
    };
    let mut docs = articles(300, 0);
    let mut cache = IndexCache::new(options);
    let shards = |cache: &mut IndexCache, docs: &[SearchDoc<'_>]| {
        let files = build_index(docs, &fingerprints(docs), cache);
        let shards = files
            .into_iter()
            .filter(|f| f.path.starts_with("search/terms/"));
        shards.map(|f| (f.path, f.bytes)).collect::<Vec<_>>()
    };
    let before = shards(&mut cache, &docs);
    docs[150].text.to_mut().push_str(" zzz");
    let after = shards(&mut cache, &docs);
    assert_eq!(before.len(), after.len());
    let same = before.iter().zip(&after);
    let kept = same.filter(|(a, b)| Arc::ptr_eq(&a.1, &b.1)).count();
    assert_eq!(kept, before.len() - 1, "one shard written again");
}

#[test]
fn cache_keeps_only_what_the_latest_build_used() {
    let mut docs = articles(300, 0);
    let mut cache = IndexCache::default();
    build_cached(&docs, &mut cache, false);
    let blocks = cache.blocks.len();
    docs[150].text.to_mut().push_str(" thêm một câu");
    build_cached(&docs, &mut cache, false);
    let records = |cache: &IndexCache| {
        cache
            .blocks
            .values()
            .map(|b| b.records.len())
            .sum::<usize>()
    };
    assert_eq!(records(&cache), 300);
    assert_eq!(cache.blocks.len(), blocks);
    // Words met only in texts gone since go too, once they outnumber
    // the words in use.
    build_cached(&[article("Một", "hai")], &mut cache, false);
    assert!(records(&cache) <= 1 && cache.blocks.len() <= 1);
    assert!(cache.words.syllables.len() <= 4);
}

proptest! {
    #![proptest_config(Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    })]

    /// Any run of changes, with one cache throughout, and keys of either
    /// kind.
    #[test]
    fn cached_build_follows_any_changes(
        changes in prop::collection::vec(
            (0..7u8, any::<Index>(), "[a-zđơờ ]{0,12}", any::<bool>()),
            1..8,
        ),
    ) {
        let options = IndexOptions {
            inline_terms: 0,
            shard_target: 1_000,
            ..IndexOptions::default()
        };
        let mut docs = articles(150, 2);
        let mut cache = IndexCache::new(options);
        build_cached(&docs, &mut cache, false);
        for (change, at, words, other_keys) in changes {
            let i = at.index(docs.len() + 1);
            match change {
                0 if i < docs.len() => docs[i].text.to_mut().push_str(&words),
                1 if i < docs.len() => docs[i].title = words.into(),
                2 if i < docs.len() => drop(docs.remove(i)),
                3 if i < docs.len() => docs.swap(i, i / 2),
                4 if i < docs.len() => docs[i].text.to_mut().insert_str(0, &words),
                5 if i < docs.len() => docs[i].text = words.into(),
                _ => docs.insert(i, article(&format!("{i} {words}"), &words)),
            }
            let cached = build_cached(&docs, &mut cache, other_keys);
            prop_assert!(cached == full(&docs, options));
        }
    }
}

/// About 10,000 Vietnamese articles from `/tmp/corpus10k` (the Markdown
/// after the front matter as text): a full build, a first cached build,
/// and `serve`'s builds after editing one article, each a different one:
/// a sentence added at the end, with the caller's keys or without, or a
/// word at the start (which moves every other word of the article).
/// `cargo test --release --lib -- --ignored --nocapture cached_build_timing`
#[test]
#[ignore = "needs /tmp/corpus10k; run with --release"]
#[allow(clippy::print_stderr)] // a measurement: what it prints is the point
fn cached_build_timing() {
    let root = std::path::Path::new("/tmp/corpus10k/bantin/content");
    if !root.exists() {
        eprintln!("skipped: no {}", root.display());
        return;
    }
    let mut docs = corpus(root);
    // The call only: freeing the files is the caller's.
    let time = |build: &mut dyn FnMut() -> usize| {
        let start = std::time::Instant::now();
        let files = build();
        (start.elapsed(), files)
    };
    let median = |mut times: Vec<std::time::Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    // The first build of a process also pays for its heap growing.
    let fresh = &mut || build_index(&docs, &fingerprints(&docs), &mut IndexCache::default()).len();
    let from_nothing = (0..3).map(|_| time(fresh).0);
    let from_nothing = median(from_nothing.collect());
    let mut cache = IndexCache::default();
    let first = time(&mut || build_index(&docs, &fingerprints(&docs), &mut cache).len()).0;
    let mut edits = |keyed: bool, edit: &dyn Fn(&mut SearchDoc)| {
        let times = (0..7).map(|i| {
            let k = (i * 2_003 + 500 + usize::from(keyed) * 77) % docs.len();
            edit(&mut docs[k]);
            // Without the caller's keys, the time to hash the texts counts.
            let keys = keyed.then(|| fingerprints(&docs));
            let build = &mut || match &keys {
                Some(keys) => build_index(&docs, keys, &mut cache).len(),
                None => build_index(&docs, &fingerprints(&docs), &mut cache).len(),
            };
            time(build).0
        });
        median(times.collect())
    };
    let append = |d: &mut SearchDoc| d.text.to_mut().push_str(" Bài viết vừa được sửa.");
    let at_end = edits(false, &append);
    let keyed = edits(true, &append);
    let at_start = edits(true, &|d| d.text.to_mut().insert_str(0, "Sửa: "));
    eprintln!(
        "{} articles: full {from_nothing:.2?}, first cached {first:.2?}; after one edit (medians of 7) \
         {at_end:.2?}, with keys {keyed:.2?}, at the start of the text {at_start:.2?}",
        docs.len(),
    );

    let mb = |bytes: usize| bytes as f64 / 1e6;
    let text: usize = docs.iter().map(|d| d.text.len()).sum();
    let blocks = || cache.blocks.values();
    let records: usize = (blocks().flat_map(|b| &b.records))
        .map(|r| r.bytes.capacity() + size_of::<Record>())
        .sum();
    let postings: usize = blocks()
        .map(|b| b.postings.capacity() + b.spellings.capacity() * size_of::<BlockSpelling>())
        .sum();
    let words: usize = (cache.words.written.keys().map(|w| w.len() + 32)).sum::<usize>()
        + (cache.words.syllables.iter())
            .map(|s| 2 * (s.fold.len() + s.spelling.len() + 48))
            .sum::<usize>();
    let terms = &cache.terms;
    let written: usize = (terms
        .shards
        .iter()
        .map(|s| s.bytes.capacity())
        .sum::<usize>())
        + terms.places.capacity() * size_of::<Option<Place>>()
        + terms.spellings.capacity() * size_of::<u32>();
    eprintln!(
        "cache: records {:.1} MB, postings {:.1} MB, words {:.1} MB, terms {:.1} MB; text {:.1} MB",
        mb(records),
        mb(postings),
        mb(words),
        mb(written),
        mb(text)
    );
    assert!(build_cached(&docs, &mut cache, false) == full(&docs, IndexOptions::default()));
}

/// The `*.vi.md` files under `root`, newest first.
fn corpus(root: &std::path::Path) -> Vec<SearchDoc<'static>> {
    let mut dated: Vec<(String, SearchDoc)> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(|entry| entry.expect("corpus entry"))
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.strip_suffix(".vi.md")?;
            let source = std::fs::read_to_string(entry.path()).expect("article");
            let mut parts = source.splitn(3, "---\n").skip(1);
            let (front, text) = (parts.next()?, parts.next()?);
            let field = |key: &str| {
                let line = front.lines().find_map(|l| l.strip_prefix(key));
                line.map_or("", |v| v.trim().trim_matches('"')).to_string()
            };
            let date = field("date:");
            let doc = SearchDoc {
                title: (field("title:")).into(),
                href: (format!("/{name}/")).into(),
                date_display: (date.get(..10).unwrap_or_default().to_string()).into(),
                summary: (field("summary:")).into(),
                text: (text.to_string()).into(),
                ..Default::default()
            };
            Some((date, doc))
        })
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0));
    dated.into_iter().map(|(_, doc)| doc).collect()
}

/// Beside each shard, the folds that follow each of its folds: those
/// found after it in the most articles first, counted once an article,
/// never across two fields, at most eight of each first letter.
#[test]
fn next_lists_say_what_follows_each_fold_most_often_first() {
    let options = IndexOptions {
        inline_terms: 0,
        shard_target: 200,
        ..IndexOptions::default()
    };
    let mut docs = vec![
        article("Chuyển giao", "chuyển đổi số, chuyển đổi"),
        article("Một", "Chuyển đổi. Chuyển giao"),
        article("Hai", "chuyển dụng"),
    ];
    let many: Vec<String> = (0..10)
        .map(|i| format!("a d{}", "x".repeat(i + 1)))
        .collect();
    docs.push(article("Ba", &many.join(" ")));
    let files = full(&docs, options);
    let manifest: serde_json::Value = serde_json::from_slice(&files[0].1).expect("JSON");
    let map = manifest["shards"].as_object().expect("sharded");
    let shard_of = |fold: &str| {
        let mut ends = (1..=fold.len()).rev().filter(|&e| fold.is_char_boundary(e));
        ends.find_map(|e| map.get(&fold[..e])).expect("a shard")
    };
    let next = |fold: &str| -> String {
        let path = format!("search/next/{}.json", shard_of(fold));
        let file = files
            .iter()
            .find(|f| f.0 == path)
            .expect("a list beside each shard");
        let lists: serde_json::Value = serde_json::from_slice(&file.1).expect("JSON");
        lists[fold].as_str().unwrap_or("").to_string()
    };
    // "đổi" in two articles (twice in one), "giao" in two (one a title:
    // nothing follows it there), "dụng" in one; ties by fold.
    assert_eq!(next("chuyen"), "doi giao dung");
    assert_eq!(next("doi"), "chuyen so");
    assert_eq!(next("giao"), "");
    let followers = next("a");
    assert_eq!(followers.split(' ').count(), 8, "{followers}");
    let shards = files
        .iter()
        .filter(|f| f.0.starts_with("search/terms/"))
        .count();
    let lists = files
        .iter()
        .filter(|f| f.0.starts_with("search/next/"))
        .count();
    assert_eq!(shards, lists);
}
