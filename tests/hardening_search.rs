//! Search against one very long run of letters in an article (issue 22,
//! P1): a word with no spaces, a hex dump, two long words that share a
//! prefix. Planning the index's shards once went one call deeper per
//! character of a shared prefix, so `build`, `check` and `serve` died of a
//! stack overflow. A syllable is now indexed by its first
//! `MAX_SYLLABLE_CHARS` characters, and the planner loops.

mod common;
mod search_corpus;

use std::thread;
use std::time::{Duration, Instant};

use bantin::search::{IndexOptions, MAX_SYLLABLE_CHARS, SearchDoc, read_postings, syllables};
use common::Fixture;
use common::serve::Server;
use serde_json::Value;

/// Runs of each shape, each far longer than one stack frame per character
/// allows: the shape, the run, and the text an article holds it in.
fn long_runs() -> Vec<(&'static str, String, String)> {
    let hex: String = (0..150_000u32)
        .map(|i| format!("{:02x}", i.wrapping_mul(7_919) % 256))
        .collect();
    let x = "x".repeat(140_000);
    let runs = [
        ("đ", "đ".repeat(100_000)),
        ("a", "a".repeat(300_000)),
        ("hex dump", hex),
        ("shared prefix", format!("{x}a và {x}b")),
    ];
    runs.into_iter()
        .map(|(shape, run)| {
            let text = format!("Mở đầu\n\n{run}\n\nkết thúc.");
            (shape, run, text)
        })
        .collect()
}

/// The syllables of `text` as the index keys them: its folds.
fn folds(text: &str) -> Vec<String> {
    syllables(text).into_iter().map(|s| s.fold).collect()
}

/// The terms of an index of `docs`, in shards of about `shard_target`
/// bytes: fold → its entry, found as the script finds it, through the
/// shard of the fold's longest prefix in the manifest's map.
fn terms_of(docs: &[SearchDoc<'_>], shard_target: usize) -> serde_json::Map<String, Value> {
    let options = IndexOptions {
        inline_terms: 0,
        shard_target,
        ..IndexOptions::default()
    };
    let files = search_corpus::index_files(docs, options);
    let json = |path: &str| -> Value {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).expect(path);
        serde_json::from_slice(bytes).expect("JSON")
    };
    let manifest = json("search-index.json");
    let map = manifest["shards"].as_object().expect("a shard map");
    for prefix in map.keys() {
        assert!(prefix.chars().count() <= MAX_SYLLABLE_CHARS, "{prefix}");
    }
    let mut terms = serde_json::Map::new();
    for doc in docs {
        for fold in folds(&doc.title).into_iter().chain(folds(&doc.text)) {
            let chars: Vec<char> = fold.chars().collect();
            let shard = (1..=chars.len())
                .rev()
                .find_map(|n| map.get(&chars[..n].iter().collect::<String>()))
                .unwrap_or_else(|| panic!("no shard for {fold}"));
            let shard = json(&format!("search/terms/{shard}.json"));
            let term = shard
                .get(&fold)
                .unwrap_or_else(|| panic!("{fold} not in its shard"));
            terms.insert(fold, term.clone());
        }
    }
    terms
}

fn doc(title: &str, text: &str) -> SearchDoc<'static> {
    SearchDoc {
        title: title.to_string().into(),
        href: format!("/{}/", bantin::text::slug::slugify(title)).into(),
        date_display: "05/06/2023".into(),
        summary: "".into(),
        text: text.to_string().into(),
        ..Default::default()
    }
}

#[test]
fn a_long_run_is_indexed_by_its_first_characters() {
    for (shape, _, text) in long_runs() {
        let found = folds(&text);
        assert_eq!(found.first().map(String::as_str), Some("mo"), "{shape}");
        assert_eq!(found.last().map(String::as_str), Some("thuc"), "{shape}");
        let long = found.iter().filter(|f| f.len() > 4);
        for fold in long {
            assert_eq!(fold.chars().count(), MAX_SYLLABLE_CHARS, "{shape}");
        }
        let spelled = syllables(&text);
        let long = spelled.iter().filter(|s| s.fold.len() > 4);
        assert!(long.clone().all(|s| s.spelling == s.fold), "{shape}");
    }
    // Folded first, then cut: `đ` counts as the `d` it folds to.
    let d = "d".repeat(MAX_SYLLABLE_CHARS);
    assert_eq!(folds(&"đ".repeat(100_000)), [d.as_str()]);
    assert_eq!(folds(&"Đ".repeat(MAX_SYLLABLE_CHARS + 1)), [d]);
    // A run of exactly the limit is a syllable like any other.
    let edge = "đ".repeat(MAX_SYLLABLE_CHARS);
    assert_eq!(syllables(&edge)[0].spelling, edge);
}

/// The index builder itself, with shards small enough that their prefix
/// map is planned, on threads whose stacks one frame per character of a
/// run would overflow many times over.
#[test]
fn the_index_builder_takes_long_runs_on_small_stacks() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .stack_size(512 * 1024)
        .build()
        .expect("a thread pool");
    let docs: Vec<SearchDoc> = (long_runs().into_iter())
        .map(|(shape, _, text)| doc(shape, &text))
        .collect();
    let terms = pool.install(|| terms_of(&docs, 200));
    assert!(terms.contains_key(&"d".repeat(MAX_SYLLABLE_CHARS)));
    // The two runs that share 140,000 characters are one term: the oldest
    // article has it at two places (its title's two syllables, a gap after
    // it and after each empty field, labels, captions and code, then
    // "mở đầu", then the runs either side of "và").
    let x = terms[&"x".repeat(MAX_SYLLABLE_CHARS)]
        .as_str()
        .expect("postings");
    assert_eq!(read_postings(x), Some(vec![(0, vec![8, 10])]));
    // The terms of a run do not grow with it: only its records hold it all.
    let short = pool.install(|| terms_of(&[doc("đ", &"đ".repeat(1_000))], 200));
    let long = pool.install(|| terms_of(&[doc("đ", &"đ".repeat(100_000))], 200));
    assert_eq!(short, long);
}

/// A fixture with an ordinary article and one holding `text`.
fn site_with(text: &str) -> Fixture {
    let f = Fixture::new();
    f.article(
        "2023/ngan.vi.md",
        "Bài ngắn",
        "2023-06-05",
        "",
        "Tin ngắn.\n",
    );
    f.article(
        "2023/dai.vi.md",
        "Bài dài",
        "2023-06-06",
        "",
        &format!("{text}\n"),
    );
    f
}

#[test]
fn build_and_check_take_an_article_of_one_long_run() {
    for (shape, run, text) in long_runs() {
        let f = site_with(&text);
        f.run(&["check"]).assert_ok();
        f.build().assert_ok();
        let page = f.page("2023/06/bai-dai/index.html");
        let shown: String = run.chars().take(1_000).collect();
        assert!(page.contains(&shown), "{shape}");
        // The site is small: its terms are in the manifest.
        let manifest: Value = serde_json::from_str(&f.page("search-index.json")).expect("manifest");
        let terms = manifest["terms"].as_object().expect("inline terms");
        for fold in folds(&text) {
            assert!(terms.contains_key(&fold), "{shape}: {fold}");
        }
        assert!(
            terms
                .keys()
                .all(|k| k.chars().count() <= MAX_SYLLABLE_CHARS)
        );
    }
}

/// `serve` once survived an article of one long run added while it ran,
/// then died at the next edit anywhere.
#[test]
fn serve_keeps_serving_after_a_long_run_is_added_and_another_article_edited() {
    let f = site_with("Chưa có gì.");
    let mut server = Server::start(&f, &[], PATIENCE);
    let (_, _, text) = long_runs().swap_remove(0);
    f.article(
        "2023/dai.vi.md",
        "Bài dài",
        "2023-06-06",
        "",
        &format!("{text}\n"),
    );
    wait_for_rebuilds(&mut server, 1);
    f.article(
        "2023/ngan.vi.md",
        "Bài ngắn",
        "2023-06-05",
        "",
        "Tin đã sửa.\n",
    );
    wait_for_rebuilds(&mut server, 2);
    let page = body(&server, "/2023/06/bai-ngan/");
    assert!(page.contains("Tin đã sửa."), "{page}");
    assert!(body(&server, "/2023/06/bai-dai/").contains(&"đ".repeat(1_000)));
    assert!(server.alive(), "{}", server.output());
}

/// Long enough for a slow machine, short enough to fail a hung test.
const PATIENCE: Duration = Duration::from_secs(20);

/// Waits until `n` rebuilds are reported; panics if the server exits or
/// `PATIENCE` runs out first.
#[track_caller]
fn wait_for_rebuilds(server: &mut Server, n: usize) {
    let deadline = Instant::now() + PATIENCE;
    while server.output().matches("Rebuilt in ").count() < n {
        assert!(server.alive(), "serve exited:\n{}", server.output());
        assert!(Instant::now() < deadline, "timed out:\n{}", server.output());
        thread::sleep(Duration::from_millis(50));
    }
}

/// The body of `path`, which must be served.
#[track_caller]
fn body(server: &Server, path: &str) -> String {
    let response = server.get(path);
    assert_eq!(response.status, 200, "{path}: {:.200}", response.head);
    response.body
}
