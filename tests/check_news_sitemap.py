"""Checks a site's Google News sitemap against its own content, at the clock
the site was built with. Run by .ci/run on the demo built with a fixed
`--now` (the demo's articles are years old, so at the real clock the
sitemap is rightly empty):

    python3 tests/check_news_sitemap.py SITE PUBLIC "2025-03-13 09:00"

What it expects comes from the sources, not from bantin: the articles
(not standalone pages, drafts or expired ones) whose front-matter `date`
lies in the 48 hours before the clock, read with PyYAML and Python's own
date parsing in the site's time zone. The sitemap, parsed with lxml, must
list exactly those, each once, with the publication name configured for
its language, its language, its title and a publication date inside the
window; each `loc` must be a page of the output in that language; and
robots.txt must name the news sitemap.
"""
import datetime
import pathlib
import sys
import zoneinfo

import yaml
from lxml import etree

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "n": "http://www.google.com/schemas/sitemap-news/0.9",
}
WINDOW = datetime.timedelta(hours=48)


def when(value, zone):
    """A front-matter or command-line time as an aware datetime."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        moment = datetime.datetime.fromisoformat(str(value).strip())
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    _, yaml_text, _ = text.split("---\n", 2)
    return yaml.safe_load(yaml_text)


def expected_articles(site, config, zone, now):
    """(language, title) of every article the window holds."""
    default = config["default_language"]
    since = now - WINDOW
    found = set()
    for path in sorted((site / "content").rglob("*.md")):
        if "pages" in path.relative_to(site / "content").parts:
            continue
        front = front_matter(path)
        parts = path.name.split(".")
        lang = parts[-2] if len(parts) > 2 else default
        date = when(front["date"], zone)
        expires = front.get("expires")
        if front.get("draft") or (expires and when(expires, zone) <= now):
            continue
        if since < date <= now:
            found.add((lang, front["title"]))
    return found


def main(site, public, clock):
    site, public = pathlib.Path(site), pathlib.Path(public)
    config = yaml.safe_load((site / "config.yaml").read_text(encoding="utf-8"))
    zone = zoneinfo.ZoneInfo(config["timezone"])
    now = when(clock, zone)
    names = config["news"]["publication_name"]
    base_url = config["base_url"].rstrip("/") + "/"
    problems = []

    robots = (public / "robots.txt").read_text(encoding="utf-8").splitlines()
    if f"Sitemap: {base_url}news-sitemap.xml" not in robots:
        problems.append("robots.txt does not name news-sitemap.xml")

    root = etree.parse(str(public / "news-sitemap.xml")).getroot()
    listed = set()
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        lang = url.findtext("n:news/n:publication/n:language", namespaces=NS)
        name = url.findtext("n:news/n:publication/n:name", namespaces=NS)
        title = url.findtext("n:news/n:title", namespaces=NS)
        date = url.findtext("n:news/n:publication_date", namespaces=NS)
        if name != names.get(lang):
            problems.append(f"{loc}: publication name {name!r}, not {names.get(lang)!r} for {lang!r}")
        published = datetime.datetime.fromisoformat(date)
        if published.tzinfo is None or not (now - WINDOW < published <= now):
            problems.append(f"{loc}: publication date {date} is outside the window before {now}")
        page = public / loc.removeprefix(base_url) / "index.html"
        if not loc.startswith(base_url) or not page.is_file():
            problems.append(f"{loc}: not a page of the output")
        else:
            html = etree.parse(str(page), etree.HTMLParser()).getroot()
            if html.get("lang") != lang:
                problems.append(f"{loc}: the page's language is {html.get('lang')!r}, the sitemap says {lang!r}")
        if (lang, title) in listed:
            problems.append(f"{loc}: listed twice")
        listed.add((lang, title))

    expected = expected_articles(site, config, zone, now)
    for lang, title in sorted(expected - listed):
        problems.append(f"missing from the news sitemap: [{lang}] {title}")
    for lang, title in sorted(listed - expected):
        problems.append(f"in the news sitemap but not in the window: [{lang}] {title}")
    if not expected:
        problems.append(f"no article lies in the 48 hours before {now}: choose a --now just after some article's date")
    languages = sorted({lang for lang, _ in listed})
    print(f"news sitemap at {now.isoformat()}: {len(listed)} entries, languages {languages}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
