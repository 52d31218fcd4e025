//! The front page and the article extras: featured stories and their pins
//! at a fixed build clock, `home.blocks` errors, most read (order, ties,
//! the days window), related articles, card summaries.

mod common;

use std::path::{Path, PathBuf};

use bantin::config::Overrides;
use bantin::pipeline::{self, Settings};
use common::{CONFIG, Fixture};
use scraper::{Html, Selector};

/// Builds `site` into `public/` as if the clock read `now`.
#[track_caller]
fn build_at(site: &Fixture, now: &str) -> PathBuf {
    let out = site.root().join("public");
    let _ = std::fs::remove_dir_all(&out);
    let outcome = pipeline::build(&Settings {
        root: site.root().to_path_buf(),
        out: out.clone(),
        include_drafts: false,
        overrides: Overrides::default(),
        now: now.parse().unwrap(),
        strict: false,
        preview_drafts: false,
    });
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    out
}

/// The `href`s of the links `selector` picks on the page at `rel`.
fn links(out: &Path, rel: &str, selector: &str) -> Vec<String> {
    let html = std::fs::read_to_string(out.join(rel)).unwrap();
    let page = Html::parse_document(&html);
    page.select(&Selector::parse(selector).unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

fn slug_of(href: &str) -> &str {
    href.trim_end_matches('/').rsplit('/').next().unwrap()
}

fn slugs(hrefs: &[String]) -> Vec<&str> {
    hrefs.iter().map(|h| slug_of(h)).collect()
}

#[test]
fn the_newest_pinned_featured_story_leads_until_its_pin_ends() {
    let site = Fixture::new();
    site.write(
        "config.yaml",
        &format!("{CONFIG}home:\n  blocks:\n    - {{ latest: 5 }}\n"),
    );
    site.article(
        "2024/a.vi.md",
        "Ghim",
        "2024-04-01",
        "featured: true\npin_until: 2024-06-01\n",
        "A.\n",
    );
    site.article(
        "2024/b.vi.md",
        "Noi bat",
        "2024-02-01",
        "featured: true\n",
        "B.\n",
    );
    site.article("2024/c.vi.md", "Moi nhat", "2024-05-01", "", "C.\n");
    site.article("2024/d.vi.md", "Cu", "2024-01-01", "", "D.\n");
    let top = ".front-top h2 a";

    let out = build_at(&site, "2024-05-15T00:00:00Z");
    assert_eq!(slugs(&links(&out, "index.html", top)), ["ghim", "noi-bat"]);
    // The latest block goes on after the stories above it.
    let latest = links(&out, "index.html", ".block-latest li a");
    assert_eq!(slugs(&latest), ["moi-nhat", "cu"]);

    // The pin is over: the story is an ordinary one again.
    let out = build_at(&site, "2024-06-01T00:00:00Z");
    assert_eq!(slugs(&links(&out, "index.html", top)), ["noi-bat"]);
    let latest = links(&out, "index.html", ".block-latest li a");
    assert_eq!(slugs(&latest), ["moi-nhat", "ghim", "cu"]);

    // No featured story at all: the newest article leads.
    site.article("2024/b.vi.md", "Noi bat", "2024-02-01", "", "B.\n");
    let out = build_at(&site, "2024-06-01T00:00:00Z");
    assert_eq!(slugs(&links(&out, "index.html", top)), ["moi-nhat"]);

    // Without blocks, page 1 is the listing as before, led by the pinned
    // stories while there are any.
    site.write("config.yaml", CONFIG);
    let out = build_at(&site, "2024-05-15T00:00:00Z");
    assert_eq!(slugs(&links(&out, "index.html", top)), ["ghim"]);
    let listed = links(&out, "index.html", ".front-top ~ .cards h2 a");
    assert_eq!(slugs(&listed), ["moi-nhat", "ghim"]);
    let out = build_at(&site, "2024-07-01T00:00:00Z");
    assert!(links(&out, "index.html", top).is_empty());
    assert_eq!(
        slugs(&links(&out, "index.html", ".card.lead h2 a")),
        ["moi-nhat"]
    );
}

#[test]
fn block_configuration_errors_point_at_their_line_and_column() {
    let site = Fixture::new();
    site.article(
        "2024/a.vi.md",
        "A",
        "2024-04-01",
        "category: Du lịch\n",
        "A.\n",
    );
    let blocks = "home:\n  blocks:\n    - { latest: 0 }\n    - { category: Du lịch, latest: 3 }\n    - most_read: 2\n      count: 3\n    - { label: Tin }\n    - category: { vi: Du lịch, fr: Voyage }\nmost_read: { days: 0 }\n";
    site.write("config.yaml", &format!("{CONFIG}{blocks}"));
    // CONFIG is 10 lines: `home:` is line 11.
    let run = site.build();
    run.assert_error(
        "config.yaml:13:17: home.blocks[0].latest is 0; a block shows 1 to 100 articles",
    );
    run.assert_error("config.yaml:14:7: home.blocks[1] must have exactly one of `category`, `latest` or `most_read`");
    run.assert_error("config.yaml:16:14: home.blocks[2]: `count` is for a `category` block; write the number as `most_read: N`");
    run.assert_error("config.yaml:17:7: home.blocks[3] must have exactly one");
    run.assert_error("config.yaml:18:36: home.blocks[4].category has language `fr`");
    run.assert_error("config.yaml:19:20: most_read.days must be at least 1");
    assert!(!site.exists("index.html"), "nothing is written");

    // An unknown key names the keys a block may have.
    site.write(
        "config.yaml",
        &format!("{CONFIG}home:\n  blocks:\n    - {{ lastest: 3 }}\n"),
    );
    site.build()
        .assert_error("unknown key `lastest` (did you mean `latest`?)");

    // A category no article has is a warning at the block.
    site.write(
        "config.yaml",
        &format!("{CONFIG}home:\n  blocks:\n    - {{ category: Thể thao }}\n"),
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr
            .contains("config.yaml:13:7: warning: no article has the category `Thể thao`")
            || run
                .stderr
                .contains("config.yaml:13:7: no article has the category `Thể thao`"),
        "{}",
        run.stderr
    );
}

#[test]
fn each_home_block_can_be_compact_cards_or_led_by_a_card() {
    let site = Fixture::new();
    for (file, title, date, views) in [
        ("2024/a.vi.md", "Mot", "2024-01-01", 30),
        ("2024/b.vi.md", "Hai", "2024-02-01", 20),
        ("2024/c.vi.md", "Ba", "2024-03-01", 10),
    ] {
        let front = format!("category: Du lịch\nviews: {views}\n");
        site.article(file, title, date, &front, "Văn bản.\n");
    }
    let build_with = |blocks: &str| {
        site.write(
            "config.yaml",
            &format!("{CONFIG}home:\n  blocks:\n{blocks}"),
        );
        build_at(&site, "2024-06-01T00:00:00Z")
    };
    let compact = |out: &Path, block: &str| {
        slugs(&links(out, "index.html", &format!("{block} .compact a"))).len()
    };
    let cards = |out: &Path, block: &str| {
        slugs(&links(out, "index.html", &format!("{block} .card h2 a"))).len()
    };

    // The defaults: "Tin mới" is titles and dates only (after the lead
    // story, which is above it); a category block opens with one card.
    let out = build_with("    - { latest: 3 }\n    - { category: Du lịch, count: 3 }\n");
    assert_eq!(
        (compact(&out, ".block-latest"), cards(&out, ".block-latest")),
        (2, 0)
    );
    let category = ".block-category";
    assert_eq!((compact(&out, category), cards(&out, category)), (2, 1));

    // Each block says otherwise with `style`.
    let out = build_with(
        "    - { latest: 3, style: cards }\n    - { category: Du lịch, count: 3, style: compact }\n    - { most_read: 3, style: lead }\n",
    );
    assert_eq!(
        (compact(&out, ".block-latest"), cards(&out, ".block-latest")),
        (0, 2)
    );
    assert_eq!((compact(&out, category), cards(&out, category)), (3, 0));
    let most_read = ".block-most_read";
    assert_eq!(cards(&out, most_read), 1);
    let ranked = links(
        &out,
        "index.html",
        ".block-most_read ol.ranked[start=\"2\"] a",
    );
    assert_eq!(
        slugs(&ranked),
        ["hai", "ba"],
        "the ranks go on after the lead card"
    );

    // Any other style is an error at its value.
    site.write(
        "config.yaml",
        &format!("{CONFIG}home:\n  blocks:\n    - latest: 3\n      style: list\n"),
    );
    let run = site.build();
    run.assert_error("config.yaml:14:14:");
    run.assert_error("`compact`, `cards`");
}

#[test]
fn most_read_ranks_by_views_ties_newest_first_within_the_window() {
    let site = Fixture::new();
    site.write(
        "config.yaml",
        &format!("{CONFIG}home:\n  blocks:\n    - {{ most_read: 3 }}\nmost_read: {{ days: 30 }}\n"),
    );
    site.article(
        "2023/cu.vi.md",
        "Cu nhieu",
        "2023-01-01",
        "views: 5000\n",
        "x\n",
    );
    site.article(
        "2024/a.vi.md",
        "Hoa mot",
        "2024-05-02",
        "views: 300\n",
        "x\n",
    );
    site.article(
        "2024/b.vi.md",
        "Hoa hai",
        "2024-05-10",
        "views: 300\n",
        "x\n",
    );
    site.article("2024/c.vi.md", "It", "2024-05-12", "views: 100\n", "x\n");
    site.article("2024/d.vi.md", "Chua ai doc", "2024-05-13", "", "x\n");
    site.article(
        "2024/e.vi.md",
        "Ngoai cua so",
        "2024-04-01",
        "views: 900\n",
        "x\n",
    );
    // data/views.yaml overrides front matter.
    site.write("data/views.yaml", "2024/c.vi.md: 301\n");
    let out = build_at(&site, "2024-05-20T00:00:00Z");

    let page = "xem-nhieu/index.html";
    assert_eq!(
        slugs(&links(&out, page, "#most-read-recent ~ ol a")),
        ["it", "hoa-hai", "hoa-mot"],
        "the last 30 days: views first, equal views newest first"
    );
    assert_eq!(
        slugs(&links(&out, page, "#most-read-all_time ~ ol a")),
        ["cu-nhieu", "ngoai-cua-so", "it", "hoa-hai", "hoa-mot"],
        "all time; an article never read is not listed"
    );
    assert_eq!(
        slugs(&links(&out, "index.html", ".block-most_read li a")),
        ["it", "hoa-hai", "hoa-mot"]
    );
    // Beside every article, and in English at its own address.
    let article = "2024/05/chua-ai-doc/index.html";
    assert_eq!(
        slugs(&links(&out, article, ".most-read li a")),
        ["it", "hoa-hai", "hoa-mot"]
    );
    assert!(out.join("en/most-read/index.html").exists());
}

#[test]
fn related_articles_match_without_marks_and_exclude_the_translation() {
    let site = Fixture::new();
    let article = |rel: &str, title: &str, date: &str, extra: &str| {
        site.article(rel, title, date, extra, "Nội dung.\n");
    };
    article(
        "2024/goc.vi.md",
        "Nâng cấp thủy lợi Hòa An",
        "2024-05-01",
        "tags: [nông nghiệp]\n",
    );
    article(
        "2024/goc.en.md",
        "Hoa An irrigation upgrade",
        "2024-05-01",
        "tags: [nông nghiệp]\n",
    );
    // The same words without marks, and with the tone mark placed the new way.
    article(
        "2024/khong-dau.vi.md",
        "Thuy loi Hoa An hoan thanh",
        "2024-03-01",
        "",
    );
    article(
        "2024/dau-moi.vi.md",
        "Hoà An mở rộng thuỷ lợi",
        "2024-02-01",
        "",
    );
    // A shared tag outweighs shared words.
    article(
        "2024/the.vi.md",
        "Giá lúa tăng",
        "2024-01-01",
        "tags: [Nông nghiệp]\n",
    );
    // Articles sharing nothing, so that the shared words are rare ones.
    for (i, title) in [
        "Lễ hội mùa xuân",
        "Giải bóng đá học sinh",
        "Khai trương chợ phiên",
        "Tiêm chủng mở rộng",
        "Đường điện về bản",
        "Hội chợ sách",
    ]
    .iter()
    .enumerate()
    {
        article(
            &format!("2023/khac-{i}.vi.md"),
            title,
            &format!("2023-0{}-01", i + 1),
            "",
        );
    }
    let out = build_at(&site, "2024-06-01T00:00:00Z");

    let related = links(
        &out,
        "2024/05/nang-cap-thuy-loi-hoa-an/index.html",
        ".related a",
    );
    assert_eq!(
        slugs(&related),
        [
            "gia-lua-tang",
            "thuy-loi-hoa-an-hoan-thanh",
            "hoa-an-mo-rong-thuy-loi"
        ]
    );
    // Same language only: never the English version.
    assert!(
        related.iter().all(|h| !h.starts_with("/en/")),
        "{related:?}"
    );
    let english = links(
        &out,
        "en/2024/05/hoa-an-irrigation-upgrade/index.html",
        ".related a",
    );
    assert!(
        english.is_empty(),
        "the English article has no other English article: {english:?}"
    );
}

#[test]
fn card_summaries_are_cut_at_a_word_with_an_ellipsis() {
    let site = Fixture::new();
    site.write(
        "config.yaml",
        &format!("{CONFIG}cards: {{ summary_length: 40 }}\n"),
    );
    let summary = "Sáng nay, Ủy ban nhân dân tỉnh Cao Bằng tổ chức hội nghị tổng kết công tác chuyển đổi số năm 2024.";
    site.article(
        "2024/a.vi.md",
        "Tổng kết chuyển đổi số",
        "2024-05-01",
        &format!("summary: \"{summary}\"\n"),
        "x\n",
    );
    site.article(
        "2024/b.vi.md",
        "Ngắn",
        "2024-04-01",
        "summary: Một câu ngắn.\n",
        "x\n",
    );
    let out = build_at(&site, "2024-06-01T00:00:00Z");
    let html = std::fs::read_to_string(out.join("2024/index.html")).unwrap();
    let page = Html::parse_document(&html);
    let cut: Vec<String> = page
        .select(&Selector::parse(".card .summary").unwrap())
        .map(|p| p.text().collect())
        .collect();
    assert_eq!(
        cut,
        ["Sáng nay, Ủy ban nhân dân tỉnh Cao Bằng…", "Một câu ngắn."]
    );
    assert!(cut[0].chars().count() <= 41);
    // The article's own description keeps the whole summary.
    let own =
        std::fs::read_to_string(out.join("2024/05/tong-ket-chuyen-doi-so/index.html")).unwrap();
    assert!(own.contains(summary));
}
