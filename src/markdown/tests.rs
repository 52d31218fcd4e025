use super::*;

fn render_with(source: &str, raw_html: RawHtml) -> Rendered {
    let options = Options {
        raw_html,
        ..Options::default()
    };
    render(source, &options)
}

fn html(source: &str) -> String {
    render(source, &Options::default()).html
}

#[test]
fn captioned_image_alone_becomes_figure() {
    let out = html("![Cầu *Rồng*](/img/cau.jpg \"Cầu Rồng về đêm\")\n");
    assert_eq!(
        out,
        "<figure><img src=\"/img/cau.jpg\" alt=\"Cầu Rồng\" loading=\"lazy\">\
         <figcaption>Cầu Rồng về đêm</figcaption></figure>\n"
    );
}

#[test]
fn other_images_stay_inline() {
    let untitled = html("![a](/a.png)\n");
    assert_eq!(
        untitled,
        "<p><img src=\"/a.png\" alt=\"a\" loading=\"lazy\"></p>\n"
    );

    let in_text = html("See ![a \"q\"](/a.png \"T<1>\") here\n");
    assert!(!in_text.contains("<figure"), "{in_text}");
    assert!(in_text.contains(
        "<img src=\"/a.png\" alt=\"a &quot;q&quot;\" title=\"T&lt;1&gt;\" loading=\"lazy\">"
    ));

    let two = html("![a](/a.png \"A\") ![b](/b.png \"B\")\n");
    assert!(!two.contains("<figure"), "{two}");
}

#[test]
fn heading_ids() {
    let out = html(
        "# Kết quả nổi bật\n\n## Kết quả nổi bật\n\n## Kết quả nổi bật\n\n\
         ## Khác {#custom}\n\n## Custom\n\n## ***\n",
    );
    assert!(
        out.contains("<h1 id=\"ket-qua-noi-bat\">Kết quả nổi bật</h1>"),
        "{out}"
    );
    assert!(out.contains("<h2 id=\"ket-qua-noi-bat-1\">"), "{out}");
    assert!(out.contains("<h2 id=\"ket-qua-noi-bat-2\">"), "{out}");
    assert!(out.contains("<h2 id=\"custom\">Khác</h2>"), "{out}");
    assert!(out.contains("<h2 id=\"custom-1\">Custom</h2>"), "{out}");
    assert!(out.contains("<h2 id=\"section\">"), "{out}");
}

#[test]
fn heading_ids_are_deterministic_and_use_code_text() {
    let source = "## Dùng `render()` đúng cách\n";
    assert_eq!(html(source), html(source));
    assert!(html(source).contains("id=\"dung-render-dung-cach\""));
}

#[test]
fn heading_custom_attributes_only_when_allowed() {
    let source = "# Tin {#tin .lead onclick=alert(1)}\n";
    let safe = html(source);
    assert!(safe.contains("<h1 id=\"tin\" class=\"lead\">"), "{safe}");
    assert!(!safe.contains("onclick"), "{safe}");
    assert!(render_with(source, RawHtml::Allow).html.contains("onclick"));
}

#[test]
fn gfm_extensions() {
    let out = html(
        "| Trái | Giữa | Phải |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n\
         Có chú thích[^ghi chú].\n\n[^ghi chú]: Nội dung.\n\n\
         ~~cũ~~\n\n- [x] xong\n- [ ] chưa\n",
    );
    assert!(out.contains("<table>"), "{out}");
    assert!(
        out.contains("<th style=\"text-align: left\">Trái</th>"),
        "{out}"
    );
    assert!(
        out.contains("<td style=\"text-align: right\">3</td>"),
        "{out}"
    );
    assert!(
        out.contains("<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>"),
        "{out}"
    );
    assert!(
        out.contains("<div class=\"footnote-definition\" id=\"fn-1\">"),
        "{out}"
    );
    assert!(out.contains("<del>cũ</del>"), "{out}");
    assert!(
        out.contains("<li><input type=\"checkbox\" disabled checked> xong</li>"),
        "{out}"
    );
    assert!(
        out.contains("<li><input type=\"checkbox\" disabled> chưa</li>"),
        "{out}"
    );
}

#[test]
fn footnote_ids_do_not_clash_with_headings() {
    let out = html("## Fn 1\n\nA[^x].\n\n[^x]: B.\n");
    assert!(out.contains("<h2 id=\"fn-1-1\">"), "{out}");
    assert!(out.contains("id=\"fn-1\""), "{out}");
}

#[test]
fn known_language_is_highlighted() {
    let out = render(
        "```rust\nfn main() { let x = \"<b>\"; }\n```\n",
        &Options::default(),
    );
    assert!(out.has_code);
    let html = out.html;
    assert!(
        html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"hl-"), "{html}");
    assert!(html.contains("&lt;b&gt;"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(html.ends_with("</code></pre>\n"), "{html}");
}

#[test]
fn unknown_or_missing_language_is_plain() {
    let out = html("```nosuchlang\na < b && c\n```\n\n    indented <i>\n");
    assert!(
        out.contains("<pre class=\"code\"><code>a &lt; b &amp;&amp; c\n</code></pre>"),
        "{out}"
    );
    assert!(
        out.contains("<pre class=\"code\"><code>indented &lt;i&gt;\n</code></pre>"),
        "{out}"
    );
    assert!(!out.contains("<span"), "{out}");
    assert!(!out.contains("data-lang"), "{out}");
}

#[test]
fn has_code() {
    assert!(!render("Chỉ có `code` trong dòng.\n", &Options::default()).has_code);
    assert!(render("    indented\n", &Options::default()).has_code);
    assert!(render("```\nfenced\n```\n", &Options::default()).has_code);
}

const XSS: &str = "<script>alert(1)</script>\n\n\
    Text <img src=x onerror=alert(1)> and <a href=\"javascript:alert(1)\">link</a>.\n";

#[test]
fn raw_html_sanitized() {
    let out = render_with(XSS, RawHtml::Sanitize).html;
    assert!(!out.contains("<script"), "{out}");
    assert!(!out.contains("alert"), "{out}");
    assert!(out.contains("<img src=\"x\">"), "{out}");
    assert!(out.contains("<a>link</a>"), "{out}");
}

#[test]
fn raw_html_allowed() {
    let out = render_with(XSS, RawHtml::Allow).html;
    assert!(out.contains("<script>alert(1)</script>"), "{out}");
    assert!(out.contains("<img src=x onerror=alert(1)>"), "{out}");
    assert!(out.contains("<a href=\"javascript:alert(1)\">"), "{out}");
}

#[test]
fn raw_html_escaped() {
    let out = render_with(XSS, RawHtml::Escape).html;
    assert!(
        out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{out}"
    );
    assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
    assert!(
        !out.contains("<script") && !out.contains("<img") && !out.contains("<a "),
        "{out}"
    );
}

#[test]
fn sanitize_keeps_generated_markup() {
    let source = "# Tiêu đề {#top .lead}\n\n<div>raw</div>\n\n\
        ![Ảnh](/a.jpg \"Chú thích\")\n\n| a | b |\n|:-:|--|\n| 1 | 2 |\n\n\
        - [x] xong\n\nA[^1] [l](/x \"t\")\n\n[^1]: Chú.\n\n```rust\nlet x = 1;\n```\n";
    let out = render_with(source, RawHtml::Sanitize).html;
    for kept in [
        "<h1 id=\"top\" class=\"lead\">",
        "<div>raw</div>",
        "<figure><img src=\"/a.jpg\" alt=\"Ảnh\" loading=\"lazy\"><figcaption>Chú thích</figcaption></figure>",
        "<th style=\"text-align: center\">a</th>",
        "type=\"checkbox\"",
        "checked=\"\"",
        "disabled=\"\"",
        "<a href=\"#fn-1\">1</a>",
        "<div class=\"footnote-definition\" id=\"fn-1\">",
        "<a href=\"/x\" title=\"t\">l</a>",
        "<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-",
    ] {
        assert!(out.contains(kept), "missing {kept} in {out}");
    }
}

#[test]
fn sanitize_strips_dangerous_markup() {
    let source = "<iframe src=\"https://evil\"></iframe>\n\n\
        <p style=\"color:red\" onclick=\"x()\">p</p>\n\n\
        <td style=\"background:url(x)\">\n\n\
        <a href=\"java&#9;script:alert(1)\">a</a> <img src=\"data:image/svg+xml,x\">\n\n\
        <input type=\"text\" value=\"v\">\n";
    let out = render_with(source, RawHtml::Sanitize).html;
    for gone in [
        "<iframe",
        "style=",
        "onclick",
        "javascript",
        "data:",
        "type=\"text\"",
        "value=",
    ] {
        assert!(!out.contains(gone), "{gone} left in {out}");
    }
}

#[test]
fn markdown_links_with_unsafe_schemes_are_neutralised() {
    for mode in [RawHtml::Sanitize, RawHtml::Escape] {
        let out = render_with(
            "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](java&#9;script:alert(1))\n\
             ![i](data:image/png;base64,AAAA) [v](vbscript:x) <javascript:alert(1)>\n",
            mode,
        )
        .html;
        assert!(!out.to_lowercase().contains("=\"javascript"), "{out}");
        assert!(!out.to_lowercase().contains("=\"vbscript"), "{out}");
        assert!(!out.contains("data:"), "{out}");
        assert_eq!(out.matches("href=\"#\"").count(), 5, "{out}");
        assert!(out.contains("src=\"#\""), "{out}");
    }
    let allowed = render_with("[x](javascript:alert(1))\n", RawHtml::Allow).html;
    assert!(
        allowed.contains("href=\"javascript:alert(1)\""),
        "{allowed}"
    );
}

#[test]
fn safe_links_kept() {
    let out = html(
        "[a](https://vnexpress.net) [b](mailto:a@b.vn) [c](tel:+84) [d](#top) [e](../x.vi.md) <ban@tin.vn>\n",
    );
    for href in [
        "https://vnexpress.net",
        "mailto:a@b.vn",
        "tel:+84",
        "#top",
        "../x.vi.md",
        "mailto:ban@tin.vn",
    ] {
        assert!(out.contains(&format!("href=\"{href}\"")), "{href} in {out}");
    }
}

#[test]
fn resolve_link_applies_to_links_and_images() {
    let resolve = |dest: &str| match dest {
        "/2023/06/x/" => Some("/portal/2023/06/x/".to_owned()),
        "../2022/other.vi.md" => Some("/portal/2022/01/other/".to_owned()),
        "/img/a.jpg" => Some("/portal/img/a.jpg".to_owned()),
        "javascript:alert(1)" => Some("/hijacked".to_owned()),
        _ => None,
    };
    let options = Options {
        raw_html: RawHtml::Sanitize,
        resolve_link: &resolve,
        ..Options::default()
    };
    let out = render(
        "[a](/2023/06/x/) [b](../2022/other.vi.md) [c](/kept) ![i](/img/a.jpg) \
         [d](javascript:alert(1))\n\n[ref]: /2023/06/x/\n\n[r][ref]\n",
        &options,
    )
    .html;
    assert!(
        out.contains("<a href=\"/portal/2023/06/x/\">a</a>"),
        "{out}"
    );
    assert!(
        out.contains("<a href=\"/portal/2022/01/other/\">b</a>"),
        "{out}"
    );
    assert!(out.contains("<a href=\"/kept\">c</a>"), "{out}");
    assert!(out.contains("src=\"/portal/img/a.jpg\""), "{out}");
    assert!(out.contains("<a href=\"#\">d</a>"), "{out}");
    assert!(
        out.contains("<a href=\"/portal/2023/06/x/\">r</a>"),
        "{out}"
    );
}

#[test]
fn links_recorded_with_positions() {
    let source = "Đầu [một](/a) và ![hai](/b.png \"t\")\n\n<x@y.vn> [ba][r]\n\n[r]: /c\n";
    let out = render(source, &Options::default());
    let got: Vec<(&str, (usize, usize), bool)> = out
        .links
        .iter()
        .map(|l| (l.destination.as_str(), (l.line, l.column), l.is_image))
        .collect();
    // Columns count characters: "Đầu " is four, though seven bytes.
    assert_eq!(
        got,
        [
            ("/a", (1, 5), false),
            ("/b.png", (1, 18), true),
            ("mailto:x@y.vn", (3, 1), false),
            ("/c", (3, 10), false),
        ]
    );
}

#[test]
fn links_record_destination_before_resolution() {
    let resolve = |_: &str| Some("/elsewhere".to_owned());
    let options = Options {
        raw_html: RawHtml::Sanitize,
        resolve_link: &resolve,
        ..Options::default()
    };
    let out = render("[a](../x.vi.md)\n", &options);
    assert_eq!(out.links[0].destination, "../x.vi.md");
}

#[test]
fn summary_skips_figure_and_strips_markup() {
    let out = render(
        "# Tiêu đề\n\n![Ảnh](/a.jpg \"Chú thích\")\n\n![x](/b.jpg)\n\n\
         Hà Nội **sáng nay**   có [mưa](/m)\nlớn, `code` và<br>HTML[^1].\n\n\
         Đoạn hai.\n\n[^1]: Chú.\n",
        &Options::default(),
    );
    assert_eq!(out.summary, "Hà Nội sáng nay có mưa lớn, code vàHTML.");
}

#[test]
fn summary_empty_without_paragraphs() {
    assert_eq!(
        render("# Chỉ tiêu đề\n\n```\ncode\n```\n", &Options::default()).summary,
        ""
    );
    assert_eq!(render("", &Options::default()).summary, "");
}

#[test]
fn hostile_input_does_not_panic() {
    let deep_lists = "- ".repeat(10_000) + "x\n";
    let deep_quotes = ">".repeat(50_000) + " x\n";
    let deep_html = "<div>".repeat(20_000) + "<b>".repeat(20_000).as_str();
    let brackets = "[".repeat(50_000) + &"](".repeat(20_000);
    let nul = "a\0b ![\0](\0 \"\0\") `\0`\n\n```rust\n\0\n```\n# \0\n";
    let unclosed = "<span><a href=\"x\n\n```\n<!--\n\n[^x]: ![";
    for source in [
        &deep_lists,
        &deep_quotes,
        &deep_html,
        &brackets,
        nul,
        unclosed,
    ] {
        for mode in [RawHtml::Sanitize, RawHtml::Allow, RawHtml::Escape] {
            let _ = render_with(source, mode);
        }
    }
}

#[test]
fn large_input_renders_quickly() {
    let para = "Tin **nóng** [liên kết](/x) `code` và ![ảnh](/a.png \"t\").\n\n## Mục\n\n";
    let source = para.repeat(20_000);
    let start = std::time::Instant::now();
    let out = render(&source, &Options::default());
    assert_eq!(out.links.len(), 40_000);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

#[test]
fn too_deep_raw_html_is_escaped_not_sanitized() {
    let source = "<div>".repeat(2_000) + "<script>alert(1)</script>";
    let out = render_with(&source, RawHtml::Sanitize).html;
    assert!(
        out.starts_with("<p>&lt;div&gt;&lt;div&gt;"),
        "{}",
        &out[..60]
    );
    assert!(!out.contains("<script"));
    let shallow = render_with("<div><div>ok</div></div>\n", RawHtml::Sanitize).html;
    assert_eq!(shallow, "<div><div>ok</div></div>\n");
}

#[test]
fn plain_text_has_prose_and_inline_code_but_no_code_blocks() {
    let r = render(
        "# Tiêu đề\n\nĐoạn *một* với `mã`.\nDòng hai.\n\n```rust\nfn hidden() {}\n```\n\n- mục",
        &Options::default(),
    );
    assert_eq!(r.text, "Tiêu đề Đoạn một với mã. Dòng hai. mục");
    assert_eq!(r.code, "fn hidden() {}");
}

/// Captions and alt text are searched apart from the body, below it.
#[test]
fn image_text_is_in_captions_not_in_the_body() {
    let r = render(
        "Mở đầu.\n\n![Thác *Bản Giốc*](/a.jpg \"Mùa nước lớn\")\n\nCuối ![cầu](/b.jpg).\n",
        &Options::default(),
    );
    assert_eq!(r.text, "Mở đầu. Cuối .");
    assert_eq!(r.captions, "Mùa nước lớn\nThác Bản Giốc\ncầu");
    assert_eq!(r.code, "");
}

#[test]
fn plain_text_parts_words_at_line_breaking_raw_html_only() {
    // "x<p>x" once gave the search one word as long as the article.
    let r = render(
        "Cao<br>Bằng, Hà<p>Giang, chuyển <b>đổi</b> số, đ<span>ổ</span>i\n",
        &Options::default(),
    );
    assert_eq!(r.text, "Cao Bằng, Hà Giang, chuyển đổi số, đổi");
}

#[test]
fn images_take_the_markup_they_are_given() {
    let image = |src: &str, alt: &str, title: Option<&str>| {
        (src == "a.jpg")
            .then(|| format!("<picture data-alt=\"{alt}\" data-title=\"{title:?}\"></picture>"))
    };
    let options = Options {
        image: &image,
        ..Options::default()
    };
    let out = render("![A](a.jpg \"Cap\")\n\n![B](b.jpg)\n", &options).html;
    assert!(
        out.contains("<figure><picture data-alt=\"A\" data-title=\"None\"></picture><figcaption>Cap</figcaption></figure>"),
        "{out}"
    );
    assert!(
        out.contains("<img src=\"b.jpg\" alt=\"B\" loading=\"lazy\">"),
        "{out}"
    );
}
