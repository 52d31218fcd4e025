//! Script injection: whatever an editor (or someone who got text into an
//! article) writes in front matter or Markdown, the default `sanitize` mode
//! produces no running script anywhere in the site.
//!
//! Every HTML file of the output is parsed with a real HTML parser and
//! walked element by element (see `common::html`): the only scripts are the
//! theme's own external ones, no element has an `on*` attribute, and no
//! href/src/action uses a `javascript:`, `vbscript:` or `data:` URL once
//! entities are decoded and spaces trimmed, as a browser reads it.

mod common;

use std::path::Path;

use common::{Fixture, html};

/// Breaking out of text, of double- and single-quoted attributes, and of
/// an unquoted one, then running script.
const BREAKOUTS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    " onmouseover=alert(1) ",
    "</title><script>alert(1)</script>",
    "</textarea><svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
];

/// URLs that run script, disguised the ways browsers still read them.
const SCRIPT_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    " \tjavascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "javascript&colon;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DaTa:text/html,<script>alert(1)</script>",
];

/// Raw HTML with event handlers and script URLs.
const RAW_HTML: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" onerror=\"alert(1)\">",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<a href=javascript:alert(1)>bấm</a>",
    "<a href=\"&#106;avascript:alert(1)\">bấm</a>",
    "<a href=\"java&#x09;script:alert(1)\">bấm</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
];

/// Quotes a string for YAML as a JSON string (valid YAML), so the test
/// controls every character that reaches the front matter.
fn yaml(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// Every hazard in every HTML file of `public`, by file.
fn hazards_in(public: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, bytes) in Fixture::snapshot(public) {
        if rel.extension().is_some_and(|e| e == "html") {
            let page = String::from_utf8(bytes).unwrap();
            for hazard in html::page_hazards(&page, html::theme_script) {
                found.push(format!("{}: {hazard}", rel.display()));
            }
        }
    }
    found
}

#[track_caller]
fn assert_no_script(f: &Fixture) {
    let found = hazards_in(&f.public());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn front_matter_text_cannot_run_script() {
    let f = Fixture::new();
    for (i, breakout) in BREAKOUTS.iter().enumerate() {
        let text = format!("Tin {i} {breakout}");
        f.write(
            &format!("content/fm-{i}.md"),
            &format!(
                "---\ntitle: {t}\ndate: 2023-06-0{d}\nsummary: {t}\nauthor: {t}\ncategory: {t}\ntags: [{t}, {b}]\nimage: /anh/{i}.jpg\nimage_caption: {t}\ntranslation_key: k{i}\nslug: tin-{i}\n---\nNội dung.\n",
                t = yaml(&text),
                b = yaml(breakout),
                d = i % 9 + 1,
            ),
        );
        // An English translation, so the language switcher and hreflang
        // links carry the hostile title too.
        f.write(
            &format!("content/fm-{i}.en.md"),
            &format!(
                "---\ntitle: {t}\ndate: 2023-06-0{d}\ntranslation_key: k{i}\nslug: news-{i}\n---\nBody.\n",
                t = yaml(&text),
                d = i % 9 + 1,
            ),
        );
    }
    f.build().assert_ok();
    assert_no_script(&f);
    // Escaped, not dropped: the reader sees what the editor wrote.
    let page = f.page("2023/06/tin-0/index.html");
    assert!(page.contains("Tin 0 &lt;script&gt;"), "{page}");
}

#[test]
fn config_text_cannot_run_script() {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        &format!(
            "title:\n  vi: {t}\n  en: {t}\ndescription: {t}\nauthor: {t}\nbase_url: https://example.org/\ndefault_language: vi\nlanguages:\n  vi: {{ name: {t} }}\n  en: {{ name: {t} }}\ntimezone: \"+07:00\"\n",
            t = yaml("\"><script>alert(1)</script><img src=x onerror=alert(1)>")
        ),
    );
    f.article("a.md", "A", "2023-06-05", "", "x\n");
    f.build().assert_ok();
    assert_no_script(&f);
}

#[test]
fn markdown_links_and_images_cannot_run_script() {
    let f = Fixture::new();
    let mut body = String::new();
    for (i, url) in SCRIPT_URLS.iter().enumerate() {
        let url = url.replace('\n', "\\n").replace('\t', "\\t");
        body.push_str(&format!(
            "[liên kết {i}]({url}) [ref {i}][r{i}] <{url}> ![ảnh {i}]({url})\n\n![\" onerror=\"alert({i})]({url} \"\\\" onload=\\\"alert({i})\")\n\n[r{i}]: {url}\n\n"
        ));
        // The same URL with a real tab and newline, where Markdown allows them.
        body.push_str(&format!("[thật {i}](<{}>)\n\n", SCRIPT_URLS[i]));
    }
    f.article("links.md", "Liên kết", "2023-06-05", "", &body);
    f.build().assert_ok();
    assert_no_script(&f);
    let page = f.page("2023/06/lien-ket/index.html");
    assert!(page.contains("liên kết 0"), "link text kept");
}

#[test]
fn raw_html_with_handlers_is_sanitized() {
    let f = Fixture::new();
    let body = RAW_HTML
        .iter()
        .map(|html| format!("Đoạn {html} giữa.\n\n{html}\n\n"))
        .collect::<String>();
    f.article("raw.md", "Raw", "2023-06-05", "", &body);
    f.build().assert_ok();
    assert_no_script(&f);
    let page = f.page("2023/06/raw/index.html");
    assert!(page.contains("bấm"), "harmless text kept");
}

#[test]
fn heading_attributes_and_code_fences_cannot_run_script() {
    let f = Fixture::new();
    f.article(
        "attrs.md",
        "Attrs",
        "2023-06-05",
        "",
        "# Tiêu đề {#x\" onclick=\"alert(1) .c onclick=alert(1)}\n\n## A {onclick=alert(1) style=x}\n\n```\"><script>alert(1)</script>\ncode\n```\n\n```rust onload=alert(1)\nfn main() {}\n```\n\n[^\"><script>alert(1)</script>]\n\n[^\"><script>alert(1)</script>]: chú thích\n",
    );
    f.build().assert_ok();
    assert_no_script(&f);
}

#[test]
fn lead_image_with_a_script_url_is_an_error_at_its_line() {
    for url in SCRIPT_URLS {
        let f = Fixture::new();
        f.article(
            "img.md",
            "Ảnh",
            "2023-06-05",
            &format!("image: {}\n", yaml(url)),
            "x\n",
        );
        let run = f.build();
        // Entity-encoded schemes are plain relative paths to a browser once
        // the theme escapes them, so they may build; the rest are refused.
        if url.contains('&') {
            assert!(run.status == 0 || run.status == 1, "{}", run.stderr);
            if run.status == 0 {
                assert_no_script(&f);
            }
        } else {
            run.assert_error("content/img.md:4:8: image `");
            assert!(!f.public().exists());
        }
    }
}

#[test]
fn lead_image_paths_and_web_urls_are_fine() {
    let f = Fixture::new();
    f.article(
        "a.md",
        "A",
        "2023-06-05",
        "image: https://cdn.example.org/a.jpg\n",
        "x\n",
    )
    .article("b.md", "B", "2023-06-05", "image: /anh/b.jpg\n", "x\n")
    .article("c.md", "C", "2023-06-05", "image: anh/c.jpg\n", "x\n");
    f.build().assert_ok();
    assert_no_script(&f);
    assert!(
        f.page("2023/06/a/index.html")
            .contains("src=\"https://cdn.example.org/a.jpg\"")
    );
}

#[test]
fn escape_mode_shows_raw_html_as_text() {
    let f = Fixture::new();
    f.write(
        "config.yaml",
        &format!("{}markdown: {{ raw_html: escape }}\n", common::CONFIG),
    );
    let body = RAW_HTML.join("\n\n");
    f.article("raw.md", "Raw", "2023-06-05", "", &body);
    f.build().assert_ok();
    assert_no_script(&f);
    assert!(f.page("2023/06/raw/index.html").contains("&lt;script&gt;"));
}

/// The checker itself: it must see what it is there to see.
#[test]
fn the_checker_finds_script() {
    let own = html::theme_script;
    for bad in [
        "<script>alert(1)</script>",
        "<script src=\"https://evil.example/x.js\"></script>",
        "<script src=\"/js/views.js\">alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" java&#x09;script:alert(1)\">x</a>",
        "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
        "<img src=\"data:text/html,x\">",
        "<form action=\"vbscript:x\"></form>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<iframe src=\"https://example.org\"></iframe>",
        "<meta http-equiv=\"refresh\" content=\"0; url=javascript:alert(1)\">",
    ] {
        assert!(
            !html::page_hazards(bad, own).is_empty(),
            "checker missed {bad}"
        );
    }
    for fine in [
        "<script src=\"/portal/js/views.js\" defer></script>",
        "<a href=\"/2023/06/javascript-la-gi/\">x</a>",
        "<img src=\"/x.png\" alt=\"javascript:alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=/2023/06/x/\">",
    ] {
        assert!(
            html::page_hazards(fine, own).is_empty(),
            "checker flagged {fine}"
        );
    }
}
