"""Reads a built site's structured data and data API back with real parsers
and fails on anything missing or malformed. Run by .ci/run:
python3 tests/check_metadata.py public

- every HTML page's JSON-LD, extracted with extruct: article pages (Open
  Graph type `article`) carry a NewsArticle with the issue's properties and
  a BreadcrumbList ending at the page; translations point at each other
  (workTranslation / translationOfWork); homes carry a WebSite and the
  publisher; every `image` of the site's own is a published file, a photo's
  crops at 16:9, 4:3 and 1:1 of at least 50,000 pixels;
- news-sitemap.xml, when there is one: parsed as XML, at most 1,000 URLs,
  each with its publication's name and language, date and title;
- the data API: every page of every language parses, carries api_version,
  pages as its totals say, and names article files that exist and agree.
"""
import json
import pathlib
import struct
import sys
import xml.etree.ElementTree as ET

import extruct

NEWS_ARTICLE = [
    "headline", "description", "datePublished", "dateModified", "publisher",
    "inLanguage", "mainEntityOfPage", "url",
]
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def items_of(page_json_ld):
    for block in page_json_ld:
        yield from block if isinstance(block, list) else [block]


def check_pages(root):
    problems = []
    articles = {}
    homes = 0
    for path in sorted(root.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        data = extruct.extract(html, syntaxes=["json-ld", "opengraph"], uniform=True)
        # extruct's uniform shape gives `og:type` as `@type`.
        og_type = next((og.get("@type") for og in data["opengraph"]), None)
        items = list(items_of(data["json-ld"]))
        by_type = {}
        for item in items:
            by_type.setdefault(item.get("@type"), []).append(item)
        where = path.relative_to(root)
        if og_type == "article":
            news = by_type.get("NewsArticle", [])
            crumbs = by_type.get("BreadcrumbList", [])
            if len(news) != 1 or len(crumbs) != 1:
                problems.append(f"{where}: {len(news)} NewsArticle, {len(crumbs)} BreadcrumbList")
                continue
            news = news[0]
            missing = [key for key in NEWS_ARTICLE if not news.get(key)]
            if missing:
                problems.append(f"{where}: NewsArticle lacks {', '.join(missing)}")
            problems += image_problems(root, where, news.get("image", []), news["url"])
            for key in ("datePublished", "dateModified"):
                value = news.get(key, "")
                if not (value.endswith("Z") or value[-6] in "+-"):
                    problems.append(f"{where}: {key} {value!r} has no offset")
            for author in news.get("author", []):
                if author.get("@type") != "Person" or not author.get("name"):
                    problems.append(f"{where}: author {author!r} is not a named Person")
            trail = crumbs[0].get("itemListElement", [])
            if not trail or trail[-1].get("item") != news.get("url"):
                problems.append(f"{where}: the breadcrumbs do not end at the article")
            if [c.get("position") for c in trail] != list(range(1, len(trail) + 1)):
                problems.append(f"{where}: breadcrumb positions are not 1..n")
            articles[news["@id"]] = (where, news)
        elif by_type.get("WebSite"):
            homes += 1
            website = by_type["WebSite"][0]
            publisher_id = website.get("publisher", {}).get("@id")
            orgs = [i for i in items if i.get("@id") == publisher_id]
            if not orgs or orgs[0].get("@type") not in ("Organization", "GovernmentOrganization"):
                problems.append(f"{where}: the WebSite's publisher is not described")
    # Translations both ways: a work's translations name it as their work.
    for article_id, (where, news) in articles.items():
        for translation in news.get("workTranslation", []):
            other = articles.get(translation.get("@id"))
            if other is None:
                problems.append(f"{where}: workTranslation {translation.get('@id')} is no article page")
            elif other[1].get("translationOfWork", {}).get("@id") != article_id:
                problems.append(f"{other[0]}: translationOfWork does not point back to {article_id}")
        work = news.get("translationOfWork")
        if work and article_id not in [t.get("@id") for t in articles.get(work.get("@id"), (None, {}))[1].get("workTranslation", [])]:
            problems.append(f"{where}: its work does not list it as a translation")
    if not articles:
        problems.append("no article page with JSON-LD found")
    if not homes:
        problems.append("no home page with a WebSite found")
    print(f"JSON-LD: {len(articles)} articles, {homes} homes")
    return problems


def image_problems(root, where, images, page_url):
    """The site's own JSON-LD images must be published files; crops (named
    `<key>-16x9-…`) must have their aspect and at least 50,000 pixels,
    read from the PNG or JPEG header."""
    site = "/".join(page_url.split("/", 3)[:3]) + "/"
    problems = []
    for url in images:
        if not url.startswith(site):
            continue
        file = root / url[len(site):]
        if not file.is_file():
            problems.append(f"{where}: JSON-LD image {url} is not a published file")
            continue
        aspect = next((a for a in ASPECTS if f"-{a[0]}x{a[1]}-" in file.name), None)
        if aspect is None:
            continue
        size = pixel_size(file.read_bytes())
        if size is None:
            problems.append(f"{where}: cannot read the size of {file.name}")
        elif size[0] * size[1] < 50_000 or abs(size[0] / size[1] - aspect[0] / aspect[1]) > 0.01:
            problems.append(f"{where}: crop {file.name} is {size[0]}×{size[1]}")
    return problems


ASPECTS = [(16, 9), (4, 3), (1, 1)]


def pixel_size(data):
    """Width and height from a PNG's or a baseline/progressive JPEG's header."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    i = 2
    while data[:2] == b"\xff\xd8" and i + 9 < len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


def check_news_sitemap(root):
    path = root / "news-sitemap.xml"
    if not path.exists():
        print("news sitemap: none (news.publication_name is not set)")
        return []
    problems = []
    urls = ET.parse(path).getroot().findall(f"{SITEMAP_NS}url")
    if len(urls) > 1000:
        problems.append(f"news-sitemap.xml: {len(urls)} URLs, past Google's 1,000")
    for url in urls:
        loc = url.findtext(f"{SITEMAP_NS}loc")
        news = url.find(f"{NEWS_NS}news")
        publication = news.find(f"{NEWS_NS}publication") if news is not None else None
        fields = [
            publication is not None and publication.findtext(f"{NEWS_NS}name"),
            publication is not None and publication.findtext(f"{NEWS_NS}language"),
            news is not None and news.findtext(f"{NEWS_NS}publication_date"),
            news is not None and news.findtext(f"{NEWS_NS}title"),
        ]
        if not all(fields):
            problems.append(f"news-sitemap.xml: {loc} lacks a news field")
    print(f"news sitemap: {len(urls)} URLs")
    return problems


def check_api(root):
    problems = []
    firsts = sorted(root.rglob("api/articles/page/1.json"))
    if not firsts:
        return ["no data API found"]
    for first in firsts:
        folder = first.parent
        head = json.loads(first.read_text(encoding="utf-8"))
        count = 0
        for n in range(1, head["total_pages"] + 1):
            page = json.loads((folder / f"{n}.json").read_text(encoding="utf-8"))
            if page.get("api_version") != 1 or page.get("page") != n:
                problems.append(f"{folder}/{n}.json: api_version or page wrong")
            for summary in page["articles"]:
                count += 1
                rel = summary["api_url"].split("/", 3)[3]
                file = root / rel
                if not file.exists():
                    problems.append(f"{folder}/{n}.json: {rel} does not exist")
                    continue
                article = json.loads(file.read_text(encoding="utf-8"))
                if article.get("title") != summary["title"] or not article.get("content_html"):
                    problems.append(f"{rel}: does not match its summary or has no HTML")
        extra = folder / f"{head['total_pages'] + 1}.json"
        if count != head["total_articles"] or extra.exists():
            problems.append(f"{folder}: pages and totals disagree")
        print(f"data API {folder.relative_to(root)}: {head['total_pages']} pages, {count} articles")
    return problems


def main(root):
    root = pathlib.Path(root)
    results = [check(root) for check in (check_pages, check_news_sitemap, check_api)]
    for problem in (p for problems in results for p in problems):
        print(problem)
    failed = sum(1 for problems in results if problems)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
