"""Parses every feed of a built site and fails on any that is not clean.
Run by .ci/run: python3 tests/check_feeds.py public

- RSS and Atom through feedparser: not "bozo", entries with titles and
  links, and each lead image read back: an RSS item's `enclosure` (length
  and type; for the site's own image, the exact size of the published
  file) and `media:content` (the same URL; width and height for the
  site's own images), an Atom entry's `link rel="enclosure"`;
- JSON Feed (`feed.json`) against the JSON Feed schema vendored in
  tests/schemas/ (SchemaStore's, which checks version 1.1's fields), and
  its items' images against their attachments.
"""
import json
import pathlib
import sys

import feedparser
import jsonschema
import referencing

SCHEMAS = pathlib.Path(__file__).parent / "schemas"


def image_problems(parsed, site, root):
    """What is wrong with the lead images one RSS or Atom feed announces,
    and how many it announces."""
    problems = []
    images = 0
    for entry in parsed.entries:
        enclosures = entry.get("enclosures", [])
        media = entry.get("media_content", [])
        if parsed.version == "rss20" and len(enclosures) != len(media):
            problems.append(f"{entry.link}: {len(enclosures)} enclosures, {len(media)} media")
        for enclosure in enclosures:
            images += 1
            if not enclosure.get("type", "").startswith("image/"):
                problems.append(f"{entry.link}: enclosure type {enclosure.get('type')!r}")
            if not enclosure.get("length", "").isdigit():
                problems.append(f"{entry.link}: enclosure length {enclosure.get('length')!r}")
            own = enclosure.get("href", "").startswith(site)
            if own and int(enclosure.get("length") or 0) == 0:
                problems.append(f"{entry.link}: the site's own image has no length")
            elif own:
                file = root / enclosure["href"][len(site):]
                size = file.stat().st_size if file.is_file() else None
                if size != int(enclosure["length"]):
                    problems.append(f"{entry.link}: enclosure length {enclosure['length']}, the file {file} has {size}")
        for item in media:
            if item.get("url") not in [e.get("href") for e in enclosures]:
                problems.append(f"{entry.link}: media:content {item.get('url')} is not an enclosure")
            if item.get("url", "").startswith(site) and not (item.get("width") and item.get("height")):
                problems.append(f"{entry.link}: media:content has no width and height")
    return problems, images


def check_xml_feeds(root):
    feeds = [p for p in root.rglob("*.xml") if p.name in ("rss.xml", "atom.xml")]
    results = []
    images = 0
    for path in sorted(feeds):
        parsed = feedparser.parse(str(path))
        problems = []
        if parsed.bozo:
            problems.append(f"not clean: {parsed.bozo_exception}")
        elif parsed.version not in ("rss20", "atom10"):
            problems.append(f"unexpected version {parsed.version!r}")
        elif not parsed.entries:
            problems.append("no entries")
        elif any(not e.get("link") or not e.get("title") for e in parsed.entries):
            problems.append("an entry lacks a title or link")
        else:
            site = parsed.feed.get("link", "").split("/", 3)
            found, count = image_problems(parsed, "/".join(site[:3]) + "/", root)
            problems += found
            images += count
        print(f"{path}: {'; '.join(problems) or f'{parsed.version}, {len(parsed.entries)} entries'}")
        results.append(not problems)
    return results, images


def json_feed_validator():
    resources = []
    for name in ("feed.json", "feed-1.json"):
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        uri = schema.get("$id") or schema.get("id")
        resources.append((uri, referencing.Resource.from_contents(
            schema, default_specification=referencing.jsonschema.DRAFT4)))
    registry = referencing.Registry().with_resources(resources)
    main = resources[0][1].contents
    return jsonschema.Draft7Validator(
        main, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def check_json_feeds(root):
    validator = json_feed_validator()
    results = []
    images = 0
    for path in sorted(root.rglob("feed.json")):
        problems = []
        try:
            feed = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as e:
            feed = None
            problems.append(f"not JSON: {e}")
        if feed is not None:
            problems += [f"schema: {e.message} at {list(e.absolute_path)}"
                         for e in validator.iter_errors(feed)]
            if feed.get("version") != "https://jsonfeed.org/version/1.1":
                problems.append(f"version {feed.get('version')!r}")
            if not feed.get("items"):
                problems.append("no items")
            for item in feed.get("items", []):
                if "image" in item:
                    images += 1
                    urls = [a.get("url") for a in item.get("attachments", [])]
                    if item["image"] not in urls:
                        problems.append(f"{item['id']}: its image is not an attachment")
        count = len(feed.get("items", [])) if feed else 0
        print(f"{path}: {'; '.join(problems) or f'JSON Feed 1.1, {count} items'}")
        results.append(not problems)
    return results, images


def main(root):
    root = pathlib.Path(root)
    xml_results, xml_images = check_xml_feeds(root)
    json_results, json_images = check_json_feeds(root)
    results = xml_results + json_results
    if not xml_results or not json_results:
        print("missing feeds: RSS/Atom or JSON Feed")
        results.append(False)
    if xml_images == 0 or json_images == 0:
        # The demo's articles have lead images: feeds must carry them.
        print("no feed carries an image")
        results.append(False)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
