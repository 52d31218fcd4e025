//! Issue 22, the HTML an article makes: raw HTML whose sanitising would
//! amplify it, summaries of any length, and editors' text in feeds.

mod common;

use common::html::{fragment_hazards, page_hazards, theme_script};
use common::{CONFIG, Fixture};

const ARTICLE: &str = "2024/a.vi.md";
const PAGE: &str = "2024/01/bai/index.html";

/// Formatting elements left open in one block, then many blocks that close
/// them: html5ever opens a copy of every one in each block.
fn formatting_across_blocks(open: usize, block: &str, blocks: usize) -> String {
    let opened: String = (0..open).map(|i| format!("<b id=a{i}>")).collect();
    format!("<div><p>{opened}\n{}", block.repeat(blocks))
}

/// The page's meta description, as written (escaped).
fn description(page: &str) -> &str {
    let marker = "<meta name=\"description\" content=\"";
    let rest = &page[page.find(marker).expect("a description") + marker.len()..];
    &rest[..rest.find('"').expect("closed")]
}

fn site(raw_html: &str, body: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        &format!("{CONFIG}markdown: {{ raw_html: {raw_html} }}\n"),
    );
    f.article(ARTICLE, "Bài", "2024-01-02", "slug: bai\n", body);
    f
}

#[test]
fn formatting_copied_into_every_block_is_shown_as_text_with_a_warning() {
    for block in ["<p>x\n", "<li>x\n"] {
        let body = formatting_across_blocks(60, block, 3000);
        let f = site("sanitize", &body);
        let run = f.build();
        run.assert_ok();
        // The body starts on line 6, after the front matter.
        let warning = format!("content/{ARTICLE}:6:1: warning: raw HTML shown as text");
        assert!(run.stderr.contains(&warning), "{}", run.stderr);
        let page = f.page(PAGE);
        // Sanitised, the page was 60 copies of `<b id=…>` per block: 3.6 MB.
        assert!(
            page.len() < 4 * body.len() + 20_000,
            "{block:?}: {} bytes from {}",
            page.len(),
            body.len()
        );
        assert!(page.contains("&lt;b id=a59&gt;"), "{block:?}");
        assert!(page_hazards(&page, theme_script).is_empty());
    }
}

#[test]
fn copies_of_long_attributes_are_bounded_by_the_output_size() {
    // One tag left open, but its copies carry 60 KB of attribute each: past
    // what the gauge reads of a tag, caught when the sanitised page outgrows
    // six times the article.
    let body = format!(
        "<div><p><b title={}>\n{}",
        "t".repeat(60_000),
        format!("<p>{}\n", "x".repeat(300)).repeat(300)
    );
    let f = site("sanitize", &body);
    let run = f.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("warning: raw HTML shown as text"),
        "{}",
        run.stderr
    );
    let page = f.page(PAGE);
    // Sanitised, it was 18 MB.
    assert!(page.len() < 4 * body.len() + 20_000, "{} bytes", page.len());
}

#[test]
fn an_unclosed_tag_over_a_whole_article_is_still_sanitised() {
    let body = format!("<div><p><b>{}", "<p>Hà Nội có mưa rào\n".repeat(3000));
    let f = site("sanitize", &body);
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("shown as text"), "{}", run.stderr);
    assert!(f.page(PAGE).contains("<p><b>Hà Nội có mưa rào"));
}

#[test]
fn allowed_and_escaped_raw_html_stays_linear_in_size() {
    let body = formatting_across_blocks(60, "<p>x\n", 3000);
    for mode in ["allow", "escape"] {
        let f = site(mode, &body);
        f.build().assert_ok();
        let page = f.page(PAGE);
        assert!(
            page.len() < 3 * body.len() + 20_000,
            "{mode}: {} bytes from {}",
            page.len(),
            body.len()
        );
    }
}

/// The text of every `<tag>` element in `xml`, entities decoded once, as
/// an XML parser gives it to a feed reader.
fn xml_texts(xml: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open)
        .skip(1)
        .map(|rest| {
            let text = &rest[..rest.find(&close).expect("closed")];
            assert!(!text.contains('<'), "markup in <{tag}>: {text}");
            text.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
        })
        .collect()
}

#[test]
fn feed_text_reaches_readers_as_text_not_markup() {
    let hostile = "<img src=x onerror=alert(1)> & <b>đậm</b>";
    let f = Fixture::new();
    f.article(
        ARTICLE,
        "Tin <img src=x onerror=alert(1)>",
        "2024-01-02",
        &format!("slug: bai\nauthor: \"<img src=x onerror=alert(2)>\"\nsummary: \"{hostile}\"\n"),
        "Nội dung.\n",
    );
    f.build().assert_ok();
    let rss = f.page("rss.xml");
    // RSS readers show these as HTML: once the XML is read, what is left
    // must be HTML that shows the editor's text, not an image.
    for tag in ["title", "description", "dc:creator"] {
        let texts = xml_texts(&rss, tag);
        assert!(!texts.is_empty(), "no <{tag}>");
        for html in texts {
            assert!(fragment_hazards(&html).is_empty(), "<{tag}>: {html}");
            let fragment = scraper::Html::parse_fragment(&html);
            let shown: String = fragment.root_element().text().collect();
            let elements = fragment.root_element().descendent_elements().count();
            assert_eq!(elements, 1, "<{tag}> holds markup: {html}");
            if tag == "description" && html.contains("img") {
                assert_eq!(shown, hostile);
            }
        }
    }
    assert!(rss.contains("<title>Tin &amp;lt;img src=x onerror=alert(1)&amp;gt;</title>"));
    // Atom says its text is text: escaped once.
    let atom = f.page("atom.xml");
    assert!(atom.contains(
        "<summary type=\"text\">&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;</summary>"
    ));
    assert!(atom.contains("<title type=\"text\">Tin &lt;img src=x onerror=alert(1)&gt;</title>"));
}

#[test]
fn a_long_first_paragraph_makes_a_short_summary() {
    let paragraph = "Tỉnh Cao Bằng đẩy mạnh chuyển đổi số. ".repeat(20_000);
    let f = Fixture::new();
    f.article(ARTICLE, "Bài", "2024-01-02", "slug: bai\n", &paragraph);
    f.build().assert_ok();
    let page = f.page(PAGE);
    let description = description(&page);
    assert!(description.ends_with("chuyển đổi…"), "{description}");
    assert!(description.chars().count() <= 301, "{description}");
    // Listings and feeds carry the same summary, not the paragraph.
    // (Cards cut it shorter still, at a word.)
    let home = f.page("index.html");
    let card: String = description.chars().take(100).collect();
    assert!(
        home.contains(&card) && home.len() < 20_000,
        "{}",
        home.len()
    );
    assert!(f.page("rss.xml").len() < 5_000);
}

#[test]
fn a_summary_under_the_bound_is_kept_as_written() {
    let summary = "Tóm tắt: một, hai. ".repeat(15);
    let f = Fixture::new();
    f.article(
        ARTICLE,
        "Bài",
        "2024-01-02",
        &format!("slug: bai\nsummary: \"{summary}\"\n"),
        "Nội dung.\n",
    );
    let run = f.build();
    run.assert_ok();
    assert!(!run.stderr.contains("summary"), "{}", run.stderr);
    assert!(
        f.page(PAGE)
            .contains(&format!("content=\"{}\"", summary.trim()))
    );
}

#[test]
fn a_summary_written_too_long_is_cut_with_a_warning() {
    let f = Fixture::new();
    f.article(
        ARTICLE,
        "Bài",
        "2024-01-02",
        &format!("slug: bai\nsummary: \"{}\"\n", "dài ".repeat(2000)),
        "Nội dung.\n",
    );
    let run = f.build();
    run.assert_ok();
    let warning = format!(
        "content/{ARTICLE}:5:1: warning: summary is longer than 1000 characters; it is cut"
    );
    assert!(run.stderr.contains(&warning), "{}", run.stderr);
    let page = f.page(PAGE);
    let description = description(&page);
    assert!(description.ends_with("dài…"), "{description}");
    assert!(description.chars().count() <= 1001, "{}", description.len());
}

#[test]
fn site_text_repeated_on_every_page_is_bounded() {
    // A 350 KB title made every page 350 KB longer (found by fuzzing).
    let f = Fixture::new();
    f.article("2023/a.vi.md", "A", "2023-06-05", "", "x\n");
    f.build().assert_ok();
    let before = Fixture::snapshot(&f.public());
    let long = "Cổng ".repeat(300);
    f.write(
        "config.yaml",
        &format!(
            "title: \"{long}\"\ndescription: \"{long}\"\nbase_url: https://example.org/\nlanguages:\n  vi: {{ name: \"{long}\" }}\n  en: {{ name: English }}\n"
        ),
    );
    let run = f.build();
    run.assert_error("config.yaml:1:1: title is 1500 characters long; at most 1000 fit")
        .assert_error("config.yaml:2:1: description is 1500 characters long")
        .assert_error("config.yaml:5:1: name is 1500 characters long");
    assert!(
        Fixture::snapshot(&f.public()) == before,
        "previous output changed"
    );
}

#[test]
fn a_views_endpoint_must_be_a_web_address_or_a_site_path() {
    let f = Fixture::new();
    f.article("2023/a.vi.md", "A", "2023-06-05", "", "x\n");
    for bad in ["javascript:alert(1)", "//evil.example/x", "ftp://x/y"] {
        f.write(
            "config.yaml",
            &format!(
                "title: T\nbase_url: https://example.org/\nviews: {{ endpoint: \"{bad}\" }}\n"
            ),
        );
        f.build()
            .assert_error("config.yaml:3:1: views endpoint `")
            .assert_error("must be an http(s) URL");
    }
    for good in ["https://views.example.org/api/", "/_views"] {
        f.write(
            "config.yaml",
            &format!(
                "title: T\nbase_url: https://example.org/\nviews: {{ endpoint: \"{good}\" }}\n"
            ),
        );
        f.build().assert_ok();
    }
}
