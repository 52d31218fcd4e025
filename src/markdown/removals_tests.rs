//! Each embed kept or removed, and each removal reported where it was written.

use super::super::{Embeds, Options, RawHtml, Rendered, render};

fn sanitised(source: &str) -> Rendered {
    render(source, &Options::default())
}

/// (line, column, message) of each removal.
fn removed(source: &str) -> Vec<(usize, usize, String)> {
    (sanitised(source).removed.into_iter())
        .map(|r| (r.line, r.column, r.message))
        .collect()
}

#[test]
fn an_allowed_player_is_kept_sandboxed_lazy_and_titled() {
    let source = "Xem video:\n\n<iframe src=\"https://www.youtube-nocookie.com/embed/abc\" title=\"Lễ hội Lồng Tồng\" width=\"560\" height=\"315\" allowfullscreen sandbox=\"allow-top-navigation\"></iframe>\n";
    let out = sanitised(source);
    let html = &out.html;
    assert!(
        html.contains("src=\"https://www.youtube-nocookie.com/embed/abc\""),
        "{html}"
    );
    assert!(html.contains("title=\"Lễ hội Lồng Tồng\""), "{html}");
    assert!(
        html.contains(
            "sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\""
        ),
        "{html}"
    );
    assert!(html.contains("loading=\"lazy\""), "{html}");
    assert!(
        html.contains("referrerpolicy=\"strict-origin-when-cross-origin\""),
        "{html}"
    );
    assert!(!html.contains("allow-top-navigation"), "{html}");
    // The author's own sandbox was replaced: that is the only thing reported.
    let removed: Vec<_> = out.removed.iter().map(|r| (r.line, r.column)).collect();
    assert_eq!(removed, [(3, 124)], "{:?}", out.removed);
    assert!(
        out.removed[0]
            .message
            .starts_with("`sandbox` of `<iframe>` replaced")
    );
}

#[test]
fn frames_from_other_hosts_or_without_title_are_removed_and_reported() {
    let source = "Một\n\n<iframe src=\"https://evil.example/x\" title=\"x\"></iframe>\n\nHai <iframe src=\"https://player.vimeo.com/video/1\"></iframe> ba\n\n<iframe title=\"t\"></iframe>\n";
    let out = sanitised(source);
    assert!(!out.html.contains("<iframe"), "{}", out.html);
    assert!(out.html.contains("Hai  ba"), "{}", out.html);
    let removed = removed(source);
    assert_eq!(removed.len(), 3, "{removed:?}");
    assert_eq!((removed[0].0, removed[0].1), (3, 1));
    assert!(
        removed[0].2.contains("`https://evil.example/x`")
            && removed[0].2.contains("markdown.embeds")
    );
    assert_eq!((removed[1].0, removed[1].1), (5, 5));
    assert!(removed[1].2.contains("needs a `title`"), "{removed:?}");
    assert_eq!((removed[2].0, removed[2].1), (7, 1));
    assert!(removed[2].2.contains("without `src`"), "{removed:?}");
}

#[test]
fn the_allow_list_comes_from_the_configuration() {
    let embeds = Embeds::parse(["maps.example.org/embed".to_string()]).unwrap();
    let options = Options {
        embeds: &embeds,
        ..Options::default()
    };
    let source = "<iframe src=\"https://maps.example.org/embed?q=1\" title=\"Bản đồ\"></iframe>\n\n<iframe src=\"https://www.youtube.com/embed/a\" title=\"v\"></iframe>\n";
    let out = render(source, &options);
    assert!(out.html.contains("maps.example.org"), "{}", out.html);
    assert!(!out.html.contains("youtube"), "{}", out.html);
    assert_eq!(out.removed.len(), 1);
    assert_eq!(out.removed[0].line, 3);
}

#[test]
fn video_and_sound_from_the_site_are_kept_others_removed() {
    let source = concat!(
        "<video width=\"640\" autoplay>\n<source src=\"/media/le-hoi.mp4\" type=\"video/mp4\">\n</video>\n",
        "\n",
        "<audio src=\"/media/ban-tin.mp3\"></audio>\n",
        "\n",
        "<video src=\"https://cdn.example/x.mp4\"></video>\n",
    );
    let out = sanitised(source);
    let html = &out.html;
    assert!(
        html.contains("<source src=\"/media/le-hoi.mp4\" type=\"video/mp4\">"),
        "{html}"
    );
    assert!(
        html.contains("<audio src=\"/media/ban-tin.mp3\" controls=\"\"></audio>"),
        "{html}"
    );
    assert!(!html.contains("cdn.example"), "{html}");
    assert_eq!(html.matches("<video").count(), 1, "{html}");
    let removed = removed(source);
    assert_eq!(removed.len(), 3, "{removed:?}");
    assert_eq!((removed[0].0, removed[0].1), (1, 20));
    assert!(removed[0].2.contains("`autoplay` removed"), "{removed:?}");
    assert_eq!((removed[1].0, removed[1].1), (7, 1));
    assert!(removed[1].2.contains("`<video>` removed"), "{removed:?}");
    assert_eq!((removed[2].0, removed[2].1), (7, 8));
    assert!(
        removed[2]
            .2
            .contains("`src` `https://cdn.example/x.mp4` removed"),
        "{removed:?}"
    );
}

#[test]
fn scripts_handlers_and_unsafe_urls_are_reported_where_written() {
    let source = concat!(
        "Đoạn <b onclick=\"x()\">đậm</b> và [liên kết](javascript:alert(1)).\n",
        "\n",
        "<div>\n",
        "  <script>alert('<b>')</script>\n",
        "  <a href=\"java&#x73;cript:alert(1)\" target=\"_blank\">a</a>\n",
        "  <form action=\"/x\"><p>giữ</p></form>\n",
        "  <!-- ghi chú -->\n",
        "</div>\n",
        "\n",
        "> <span\n",
        ">   style=\"color: red\">x</span>\n",
    );
    let out = sanitised(source);
    for gone in ["onclick", "<script", "alert(", "target=", "<form", "style="] {
        assert!(!out.html.contains(gone), "{gone} in {}", out.html);
    }
    assert!(out.html.contains("giữ"), "{}", out.html);
    let removed = removed(source);
    let at: Vec<(usize, usize)> = removed.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(
        at,
        [(1, 9), (1, 34), (4, 3), (5, 6), (5, 38), (6, 3), (11, 5)],
        "{removed:#?}"
    );
    assert!(
        removed[0]
            .2
            .contains("attribute `onclick` removed from `<b>`")
    );
    assert!(
        removed[1]
            .2
            .contains("link target `javascript:alert(1)` removed")
    );
    assert!(
        removed[2]
            .2
            .contains("`<script>` removed, with its content")
    );
    assert!(
        removed[3]
            .2
            .contains("`href` removed from `<a>`: `javascript:` URLs")
    );
    assert!(removed[4].2.contains("attribute `target` removed"));
    assert!(
        removed[5]
            .2
            .contains("`<form>` removed (what it holds is kept)")
    );
    assert!(
        removed[6]
            .2
            .contains("attribute `style` removed from `<span>`")
    );
}

#[test]
fn html_the_sanitiser_keeps_is_not_reported() {
    let source = "<div class=\"note\" id=\"a\"><p>Một <b>hai</b> <a href=\"/x\" title=\"t\">ba</a></p>\n<img src=\"/a.png\" alt=\"x\" loading=\"lazy\"><table><tr><td style=\"text-align: left\">1</td></tr></table></div>\n\n[ok](https://example.org) ![a](/b.png)\n";
    assert_eq!(removed(source), []);
}

#[test]
fn other_modes_remove_no_html_but_still_neutralise_links() {
    let source = "<script>x</script>\n\n[a](javascript:x)\n";
    let escaped = render(
        source,
        &Options {
            raw_html: RawHtml::Escape,
            ..Options::default()
        },
    );
    assert_eq!(escaped.removed.len(), 1, "{:?}", escaped.removed);
    assert!(escaped.removed[0].message.starts_with("link target"));
    let allowed = render(
        source,
        &Options {
            raw_html: RawHtml::Allow,
            ..Options::default()
        },
    );
    assert!(allowed.removed.is_empty());
}

#[test]
fn many_tags_on_one_quoted_line_are_each_placed() {
    // One event's text holding 20,000 tags, inside a container: each is placed from its
    // line's end (a scan of the text per tag made this quadratic).
    let tags = "<b onclick=\"x\">a</b>".repeat(20_000);
    let source = format!("> <div>{tags}</div>\n");
    let removed = removed(&source);
    assert_eq!(removed.len(), 20_000);
    let last = tags.len() - "<b onclick=\"x\">a</b>".len() + "> <div><b ".len() + 1;
    assert_eq!((removed[19_999].0, removed[19_999].1), (1, last));
}
