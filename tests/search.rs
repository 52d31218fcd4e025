//! The search index builder (`bantin::search`): syllables and their
//! keys, the files it writes, postings, shards, determinism and size. How
//! the script matches and ranks on these files is tested in `search_js.rs`.

mod search_corpus;

use std::collections::BTreeMap;

use bantin::search::{IndexOptions, SearchDoc, Stemmer, Syllable, read_postings, syllables};
use serde_json::Value;

fn doc(title: &str, text: &str) -> SearchDoc<'static> {
    SearchDoc {
        title: (title.to_string()).into(),
        href: (format!("/{}/", bantin::text::slug::slugify(title))).into(),
        date_display: ("05/06/2023".to_string()).into(),
        summary: (String::new()).into(),
        text: (text.to_string()).into(),
        ..Default::default()
    }
}

fn files(docs: &[SearchDoc]) -> BTreeMap<String, Value> {
    search_corpus::index_files(docs, IndexOptions::default())
        .into_iter()
        .map(|(path, bytes)| (path, serde_json::from_slice(&bytes).expect("JSON")))
        .collect()
}

/// All terms of an index, from the manifest or its shards.
fn all_terms(files: &BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    let manifest = &files["search-index.json"];
    let mut terms = BTreeMap::new();
    if let Some(inline) = manifest["terms"].as_object() {
        terms.extend(inline.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    for (path, shard) in files {
        if path.starts_with("search/terms/") {
            for (k, v) in shard.as_object().expect("shard") {
                assert!(terms.insert(k.clone(), v.clone()).is_none(), "{k} twice");
            }
        }
    }
    terms
}

/// fold → spelling → [(article, positions)].
fn postings(
    files: &BTreeMap<String, Value>,
    fold: &str,
) -> BTreeMap<String, Vec<(usize, Vec<usize>)>> {
    let terms = all_terms(files);
    let Some(spellings) = terms.get(fold) else {
        return BTreeMap::new();
    };
    // A lone unmarked spelling is written as a string, and "" is the fold.
    let spellings = match spellings {
        Value::String(_) => serde_json::json!({ "": spellings }),
        other => other.clone(),
    };
    spellings
        .as_object()
        .expect("spellings")
        .iter()
        .map(|(s, p)| {
            let spelled = if s.is_empty() { fold } else { s };
            let decoded = read_postings(p.as_str().expect("postings")).expect("decodes");
            (spelled.to_string(), decoded)
        })
        .collect()
}

fn spelling(word: &str) -> String {
    syllables(word).remove(0).spelling
}

#[test]
fn syllables_fold_and_spell() {
    let got = syllables("Chuyển đổi số, COVID-19!");
    let folds: Vec<&str> = got.iter().map(|s| s.fold.as_str()).collect();
    assert_eq!(folds, ["chuyen", "doi", "so", "covid", "19"]);
    // Tone marks go last, wherever they were written: "đổi" spells "đôỉ".
    assert_eq!(got[1].spelling, "đôỉ");
    assert_eq!(got[3].spelling, "covid");
    // Marks of a decomposed (NFD) text belong to their letters.
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Đắk Lắk").collect();
    assert_eq!(syllables(&nfd), syllables("Đắk Lắk"));
    assert!(syllables(" \u{0301} -- ").is_empty());
}

#[test]
fn old_and_new_tone_placement_spell_alike() {
    for (old, new) in [
        ("hòa", "hoà"),
        ("thủy", "thuỷ"),
        ("khỏe", "khoẻ"),
        ("Hóa", "hoá"),
        ("lũy", "luỹ"),
    ] {
        assert_eq!(spelling(old), spelling(new), "{old} / {new}");
    }
    // Different tones or vowel marks stay different spellings of one fold.
    let variants = ["số", "sổ", "sơ", "so", "sở"];
    for (i, a) in variants.iter().enumerate() {
        assert_eq!(syllables(a)[0].fold, "so");
        for b in &variants[i + 1..] {
            assert_ne!(spelling(a), spelling(b), "{a} / {b}");
        }
    }
    assert_eq!(spelling("ĐỔI"), spelling("đổi"));
    assert_ne!(spelling("đổi"), spelling("dổi"));
}

#[test]
fn manifest_docs_and_positions() {
    // Newest first, as the renderer passes them.
    let docs = [
        doc("Chuyển đổi số", "Hòa bình và chuyển đổi số."),
        doc("Tin cũ", "Nông nghiệp chuyen doi so."),
    ];
    let files = files(&docs);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "search-index.json",
            "search/doc/0.json",
            "search/doc/1.json"
        ]
    );
    let manifest = &files["search-index.json"];
    assert_eq!(manifest["version"], 3);
    assert_eq!(manifest["build"].as_str().map(str::len), Some(16));
    assert!(manifest.get("stemmer").is_none());
    // Numbered from the oldest: "Tin cũ" is 0. Syllables in the title,
    // labels, captions and code of each.
    assert_eq!(manifest["fields"], varints(&[2, 0, 0, 0, 3, 0, 0, 0]));
    assert_eq!(files["search/doc/0.json"]["title"], "Tin cũ");
    assert_eq!(files["search/doc/1.json"]["href"], "/chuyen-doi-so/");
    assert_eq!(files["search/doc/1.json"]["date"], "05/06/2023");
    assert_eq!(
        files["search/doc/1.json"]["text"],
        "Hòa bình và chuyển đổi số."
    );

    // Title positions first; each field after, one apart, so no phrase
    // spans two: the body starts after the title and three empty fields.
    let chuyen = postings(&files, "chuyen");
    assert_eq!(chuyen[&spelling("chuyển")], [(1, vec![0, 10])]);
    assert_eq!(chuyen["chuyen"], [(0, vec![8])]);
    assert_eq!(postings(&files, "hoa")[&spelling("hoà")], [(1, vec![7])]);
    assert!(postings(&files, "khong").is_empty());
}

#[test]
fn summary_written_apart_is_searched() {
    let mut apart = doc("Một", "Thân bài.");
    apart.summary = "Tóm tắt riêng về thủy lợi.".into();
    let mut within = doc("Hai", "Mở đầu   bài\nviết. Thân bài.");
    within.summary = "Mở đầu bài viết.".into();
    let files = files(&[apart, within]);
    assert_eq!(
        files["search/doc/1.json"]["text"],
        "Tóm tắt riêng về thủy lợi.\n\nThân bài."
    );
    assert_eq!(
        files["search/doc/0.json"]["text"],
        "Mở đầu   bài\nviết. Thân bài."
    );
    assert_eq!(postings(&files, "thuy")[&spelling("thuỷ")], [(1, vec![9])]);
    assert_eq!(postings(&files, "dau")[&spelling("đầu")], [(0, vec![6])]);
}

/// Tags, category and author, captions and code are indexed after the
/// title, in that order, each one position after the last; the body after
/// them all. The records keep only the title and body.
#[test]
fn fields_are_indexed_in_order() {
    let mut d = doc("Thác", "Thân bài Bản Giốc.");
    d.labels = "du lịch\nPác Bó".into();
    d.captions = "Bản Giốc mùa nước".into();
    d.code = "{\"name\": \"Bản Giốc\"}".into();
    let files = files(&[d]);
    assert_eq!(files["search-index.json"]["fields"], varints(&[1, 4, 4, 3]));
    // Title 0; labels 2–5; captions 7–10; code 12–14; body 16–19.
    assert_eq!(postings(&files, "pac")[&spelling("pác")], [(0, vec![4])]);
    assert_eq!(
        postings(&files, "ban")[&spelling("bản")],
        [(0, vec![7, 13, 18])]
    );
    assert_eq!(postings(&files, "name")["name"], [(0, vec![12])]);
    assert_eq!(files["search/doc/0.json"]["text"], "Thân bài Bản Giốc.");
}

/// An English index keys a word by its stem, spelled as written, and says
/// which stemmer in the manifest.
#[test]
fn english_words_are_keyed_by_their_stems() {
    let docs = [doc("Desks", "A desk, two desks; running runners.")];
    let options = IndexOptions {
        stemmer: Stemmer::for_language("en-GB"),
        ..IndexOptions::default()
    };
    let files: BTreeMap<String, Value> = search_corpus::index_files(&docs, options)
        .into_iter()
        .map(|(path, bytes)| (path, serde_json::from_slice(&bytes).expect("json")))
        .collect();
    assert_eq!(files["search-index.json"]["stemmer"], "english");
    let desk = postings(&files, "desk");
    assert_eq!(desk["desks"], [(0, vec![0, 8])]);
    assert_eq!(desk["desk"], [(0, vec![6])]);
    assert_eq!(postings(&files, "run")["running"], [(0, vec![9])]);
    assert_eq!(postings(&files, "runner")["runners"], [(0, vec![10])]);
    assert_eq!(Stemmer::for_language("vi"), None);
}

/// The numbers as the manifest writes them.
fn varints(numbers: &[usize]) -> Value {
    let mut out = String::new();
    numbers
        .iter()
        .for_each(|&n| bantin::search::varint(n, &mut out));
    Value::String(out)
}

#[test]
fn same_docs_same_bytes() {
    let docs = search_corpus::synthetic_docs(300);
    assert_eq!(
        search_corpus::index_files(&docs, IndexOptions::default()),
        search_corpus::index_files(&docs, IndexOptions::default())
    );
    let mut changed = docs.clone();
    changed[7].text.to_mut().push_str(" thêm");
    let (a, b) = (
        search_corpus::index_files(&docs, IndexOptions::default()),
        search_corpus::index_files(&changed, IndexOptions::default()),
    );
    assert_ne!(a[0], b[0], "the build stamp follows the content");
}

#[test]
fn shards_hold_every_term_once_under_its_longest_prefix() {
    let docs = search_corpus::synthetic_docs(300);
    let options = IndexOptions {
        inline_terms: 10_000,
        shard_target: 8_000,
        ..IndexOptions::default()
    };
    let sharded: BTreeMap<String, Value> = search_corpus::index_files(&docs, options)
        .into_iter()
        .map(|(p, b)| (p, serde_json::from_slice(&b).expect("JSON")))
        .collect();
    let inline: BTreeMap<String, Value> = search_corpus::index_files(
        &docs,
        IndexOptions {
            inline_terms: usize::MAX,
            shard_target: 0,
            ..IndexOptions::default()
        },
    )
    .into_iter()
    .map(|(p, b)| (p, serde_json::from_slice(&b).expect("JSON")))
    .collect();
    assert!(inline["search-index.json"]["terms"].is_object());
    let manifest = &sharded["search-index.json"];
    assert!(manifest.get("terms").is_none());
    let shards = manifest["shards"].as_object().expect("shard map");
    let shard_files = sharded
        .keys()
        .filter(|p| p.starts_with("search/terms/"))
        .count();
    assert!(shard_files > 5, "{shard_files} shards");

    let terms = all_terms(&sharded);
    assert_eq!(terms, all_terms(&inline));
    for fold in terms.keys() {
        let chars: Vec<char> = fold.chars().collect();
        let n = (1..=chars.len())
            .rev()
            .find_map(|len| shards.get(&chars[..len].iter().collect::<String>()))
            .unwrap_or_else(|| panic!("no shard for {fold}"));
        let shard = &sharded[&format!("search/terms/{n}.json")];
        assert!(shard.get(fold).is_some(), "{fold} not in shard {n}");
    }
    for (path, bytes) in search_corpus::index_files(&docs, options) {
        if path.starts_with("search/terms/") {
            // Packed up to the target unless one prefix alone is bigger.
            assert!(
                bytes.len() < 3 * options.shard_target,
                "{path}: {}",
                bytes.len()
            );
        }
    }
}

#[test]
fn odd_input_never_panics() {
    let docs = [
        doc("", ""),
        doc(
            "🎉 \u{0301}\u{0323}",
            "\u{FEFF}\0 ½ m² ﬁnal İstanbul Ёлка 한국",
        ),
        doc("a", &"x ".repeat(70_000)),
    ];
    let files = files(&docs);
    assert_eq!(
        files["search-index.json"]["fields"],
        varints(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    );
    assert_eq!(postings(&files, "x")["x"][0].1.len(), 70_000);
    let _ = syllables("\u{10FFFF}\u{E000}\u{200D}");
}

#[test]
fn demo_portal_size() {
    for lang in ["vi", "en"] {
        let docs = search_corpus::demo_docs(lang);
        assert!(docs.len() >= 6, "{lang}: {} demo articles", docs.len());
        let out = search_corpus::index_files(&docs, IndexOptions::default());
        assert_eq!(out.len(), 1 + docs.len(), "one manifest with inline terms");
        let index = out[0].1.len();
        let records: usize = out[1..].iter().map(|(_, b)| b.len()).sum();
        let text: usize = docs.iter().map(|d| d.text.len()).sum();
        // A dozen articles give little to share, so the vocabulary weighs as
        // much as the positions; still one request of about the text's size.
        assert!(
            index < 2 * text,
            "{lang}: index {index} B for {text} B of text"
        );
        assert!(
            records < text + docs.len() * 1_000,
            "{lang}: records {records} B"
        );
    }
}

/// Sizes for 10,000 articles:
/// `cargo test --release --test search -- --ignored --nocapture`. With
/// `BANTIN_SEARCH_CORPUS=/tmp/corpus/bantin/content` (made by
/// `gen_corpus.py 10000 /tmp/corpus`) it measures that corpus's Vietnamese
/// and English instead of synthetic articles.
#[test]
#[ignore = "slow in debug builds; run with --release"]
fn ten_thousand_articles() {
    let corpora = match std::env::var_os("BANTIN_SEARCH_CORPUS") {
        Some(dir) => ["vi", "en"]
            .map(|lang| (lang, search_corpus::content_docs(dir.as_ref(), lang)))
            .to_vec(),
        None => vec![("synthetic", search_corpus::synthetic_docs(10_000))],
    };
    for (name, docs) in corpora {
        let report = size_report(name, &docs);
        println!("{report}");
        assert!(report.manifest < 200_000, "{report:?}");
        assert!(report.shards > 20, "{report:?}");
        assert!(report.largest_shard < 1_000_000, "{report:?}");
    }
}

#[derive(Debug)]
struct SizeReport {
    name: String,
    articles: usize,
    words: usize,
    manifest: usize,
    shards: usize,
    terms: usize,
    largest_shard: usize,
    records: usize,
}

fn size_report(name: &str, docs: &[SearchDoc]) -> SizeReport {
    let out = search_corpus::index_files(docs, IndexOptions::default());
    let sum = |prefix: &str| -> Vec<usize> {
        out.iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, b)| b.len())
            .collect()
    };
    let shards = sum("search/terms/");
    SizeReport {
        name: name.to_string(),
        articles: docs.len(),
        words: docs.iter().map(|d| syllables(&d.text).len()).sum(),
        manifest: out[0].1.len(),
        shards: shards.len(),
        terms: shards.iter().sum(),
        largest_shard: shards.iter().max().copied().unwrap_or(0),
        records: sum("search/doc/").iter().sum(),
    }
}

impl std::fmt::Display for SizeReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let per = |bytes: usize| bytes as f64 / self.articles as f64;
        write!(
            f,
            "{}: {} articles, {} syllables; manifest {} B; {} shards, {} B ({:.0} B/article, \
             {:.2} B/syllable), largest {} B; records {} B ({:.0} B/article)",
            self.name,
            self.articles,
            self.words,
            self.manifest,
            self.shards,
            self.terms,
            per(self.terms),
            self.terms as f64 / self.words as f64,
            self.largest_shard,
            self.records,
            per(self.records),
        )
    }
}

#[test]
fn syllable_is_serializable_for_fixtures() {
    let s = Syllable {
        fold: "so".into(),
        spelling: "số".into(),
    };
    assert_eq!(
        serde_json::to_string(&s).expect("json"),
        r#"{"fold":"so","spelling":"số"}"#
    );
}
