"""Parses every RSS and Atom feed of a built site with feedparser and fails
on any that is not clean (feedparser's "bozo" flag) or has no entries where
its site has articles. Run by .ci/run: python3 tests/check_feeds.py public"""
import pathlib
import sys

import feedparser


def main(root: str) -> int:
    feeds = [p for p in pathlib.Path(root).rglob("*.xml") if p.name in ("rss.xml", "atom.xml")]
    failures = 0
    for path in sorted(feeds):
        parsed = feedparser.parse(str(path))
        problem = None
        if parsed.bozo:
            problem = f"not clean: {parsed.bozo_exception}"
        elif parsed.version not in ("rss20", "atom10"):
            problem = f"unexpected version {parsed.version!r}"
        elif not parsed.entries:
            problem = "no entries"
        elif any(not e.get("link") or not e.get("title") for e in parsed.entries):
            problem = "an entry lacks a title or link"
        print(f"{path}: {problem or f'{parsed.version}, {len(parsed.entries)} entries'}")
        failures += problem is not None
    if not feeds:
        print("no feeds found")
        return 1
    print(f"{len(feeds) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
