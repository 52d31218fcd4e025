//! Articles for the search tests: the demo portal's, read straight from
//! `content/` (front matter and Markdown, as bantin reads them), and large
//! synthetic corpora made from the seed article's Vietnamese; and their
//! index, built as `serve` builds it the first time.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use bantin::markdown;
use bantin::search::{self, IndexCache, IndexOptions, SearchDoc};
use bantin::text::slug::slugify;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The index of `docs` (newest first) built from nothing, laid out as
/// `options` say: its files, as paths relative to the language's root
/// with their bytes.
pub fn index_files(docs: &[SearchDoc<'_>], options: IndexOptions) -> Vec<(String, Vec<u8>)> {
    let keys: Vec<u64> = docs.iter().map(bantin::fingerprint::of).collect();
    let files = search::build_index(docs, &keys, &mut IndexCache::new(options));
    files
        .into_iter()
        .map(|f| (f.path, f.bytes.to_vec()))
        .collect()
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The demo portal's articles in `lang` ("vi" or "en"), newest first.
pub fn demo_docs(lang: &str) -> Vec<SearchDoc<'static>> {
    content_docs(&repo().join("content"), lang)
}

/// The articles in `lang` of a `content/` folder, newest first.
pub fn content_docs(content: &Path, lang: &str) -> Vec<SearchDoc<'static>> {
    let mut files = Vec::new();
    collect_markdown(content, &mut files);
    let suffix = format!(".{lang}.md");
    let mut dated: Vec<(String, PathBuf, SearchDoc)> = files
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(&suffix))
        // Standalone pages have no date, and are not the news this reads.
        .filter(|p| !p.starts_with(content.join(bantin::source::PAGES_DIR)))
        .map(|path| {
            let source = fs::read_to_string(&path).expect("demo article");
            let (front, body) = split_front_matter(&source);
            let front: serde_yaml::Value = serde_yaml::from_str(front).expect("front matter");
            let field = |k: &str| front.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let title = field("title").expect("title");
            let date = field("date").expect("date");
            let rendered = markdown::render(body, &markdown::Options::default());
            let (y, m, d) = (&date[0..4], &date[5..7], &date[8..10]);
            let slug = field("slug").unwrap_or_else(|| slugify(&title));
            let prefix = if lang == "vi" { "" } else { "/en" };
            let date_display = if lang == "vi" {
                format!("{d}/{m}/{y}")
            } else {
                let month = MONTHS[m.parse::<usize>().expect("month") - 1];
                format!("{} {month} {y}", d.trim_start_matches('0'))
            };
            let doc = SearchDoc {
                href: format!("{prefix}/{y}/{m}/{slug}/").into(),
                title: title.into(),
                date_display: date_display.into(),
                summary: field("summary").unwrap_or(rendered.summary).into(),
                text: rendered.text.into(),
                ..Default::default()
            };
            (date, path, doc)
        })
        .collect();
    dated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    dated.into_iter().map(|(_, _, doc)| doc).collect()
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("content folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_markdown(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn split_front_matter(source: &str) -> (&str, &str) {
    let rest = source.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    (&rest[..end], &rest[end + 5..])
}

/// `n` articles, newest first, of 400–900 words drawn from the seed
/// article's Vietnamese, shuffled deterministically.
pub fn synthetic_docs(n: usize) -> Vec<SearchDoc<'static>> {
    let seed = fs::read_to_string(
        repo().join("content/2023/pho-chu-tich-lam-viec-voi-so-thong-tin.vi.md"),
    )
    .expect("seed article");
    let words: Vec<&str> = split_front_matter(&seed)
        .1
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric) && !w.contains(['[', ']', '(', ')', '!']))
        .collect();
    let mut rng = 0x2023_0605_u64;
    let mut next = move |bound: usize| {
        // xorshift64*: enough to shuffle words, and the same on every run.
        rng ^= rng >> 12;
        rng ^= rng << 25;
        rng ^= rng >> 27;
        (rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % bound
    };
    (0..n)
        .map(|i| {
            let age = n - 1 - i;
            let (y, m, d) = (2015 + age / 1200, age / 100 % 12 + 1, age % 28 + 1);
            let title_len = 8 + next(10);
            let title: Vec<&str> = (0..title_len).map(|_| words[next(words.len())]).collect();
            let body_len = 400 + next(501);
            let mut text = String::new();
            for k in 0..body_len {
                if k > 0 {
                    text.push(if next(15) == 0 { '\n' } else { ' ' });
                }
                text.push_str(words[next(words.len())]);
            }
            let summary: String = text
                .split_whitespace()
                .take(30)
                .collect::<Vec<_>>()
                .join(" ");
            let title = title.join(" ");
            SearchDoc {
                href: format!("/{y}/{m:02}/{}-{i}/", slugify(&title)).into(),
                title: title.into(),
                date_display: format!("{d:02}/{m:02}/{y}").into(),
                summary: summary.into(),
                text: text.into(),
                ..Default::default()
            }
        })
        .collect()
}
