#!/usr/bin/env python3
"""bantin's benchmark: full builds of a generated bilingual news corpus.

    python3 bench/run.py 1000 10000        # sizes in article pairs
    RUNS=5 python3 bench/run.py 10000

For each size it prints the median wall time of RUNS full builds (output
removed before each, written to tmpfs), the median peak RSS, pages and bytes
written, the floors (pulldown-cmark alone on one thread over every body;
`cp -r` of bantin's own output tree), the ratio to those floors, and a
no-op rebuild (the same build again over its own output, which bantin
finds up to date), and serve's
incremental rebuild after one edited article (median over EDITS edits, from
examples/incremental.rs: the rebuild itself, without the watcher's 25 ms
quiet period). Stage timings of the last build come from
`bantin build --verbose`.

The corpus comes from bench/gen_corpus.py (deterministic; the same articles
as a Hugo and a Zola site, for bench/side_by_side.sh side-by-side runs), which
builds its Vietnamese prose from the demo's seed report in content/.
"""
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
WORK = pathlib.Path(os.environ.get("WORK", tempfile.gettempdir())) / "bantin-bench"
OUT_ROOT = pathlib.Path(os.environ.get("OUT_ROOT", "/dev/shm/bantin-bench"))
RUNS = int(os.environ.get("RUNS", "3"))
EDITS = int(os.environ.get("EDITS", "7"))
BANTIN = REPO / "target" / "release" / "bantin"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def corpus(n: int) -> pathlib.Path:
    """The bantin site for n pairs, generated once per size."""
    out = WORK / f"corpus-{n}"
    stamp = out / ".done"
    if stamp.exists():
        return out / "bantin"
    run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), str(n), str(out), "--only", "bantin"])
    stamp.touch()
    return out / "bantin"


def timed_build(site: pathlib.Path, out: pathlib.Path, *extra: str):
    """(wall seconds, peak RSS MiB, stdout) of one `bantin build`."""
    started = time.perf_counter()
    proc = run(["/usr/bin/time", "-v", str(BANTIN), "build", "--root", str(site), "--out", str(out), *extra])
    wall = time.perf_counter() - started
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
    return wall, rss_kb / 1024, proc.stdout


def tree_size(folder: pathlib.Path):
    files = [p for p in folder.rglob("*") if p.is_file()]
    html = sum(1 for p in files if p.suffix == ".html")
    return html, len(files), sum(p.stat().st_size for p in files)


def bench(n: int) -> None:
    site = corpus(n)
    out = OUT_ROOT / f"out-{n}"
    shutil.rmtree(out, ignore_errors=True)
    timed_build(site, out)  # warm-up: page cache, tmpfs
    walls, rss = [], []
    for _ in range(RUNS):
        shutil.rmtree(out, ignore_errors=True)
        wall, peak, _ = timed_build(site, out)
        walls.append(wall)
        rss.append(peak)
    noop = statistics.median(timed_build(site, out)[0] for _ in range(RUNS))
    # Into an empty folder: over its own output it would be up to date.
    shutil.rmtree(out, ignore_errors=True)
    _, _, verbose = timed_build(site, out, "--verbose")
    html, files, size = tree_size(out)

    copy = OUT_ROOT / f"copy-{n}"
    copies = []
    for _ in range(RUNS):
        shutil.rmtree(copy, ignore_errors=True)
        started = time.perf_counter()
        run(["cp", "-r", str(out), str(copy)])
        copies.append(time.perf_counter() - started)
    shutil.rmtree(copy, ignore_errors=True)
    floor_md = run([str(REPO / "target/release/examples/markdown_floor"), str(site)]).stdout.strip()
    md_seconds = float(re.search(r"in ([\d.]+) s", floor_md).group(1))
    wall, cp = statistics.median(walls), statistics.median(copies)

    print(f"\n## {n} pairs ({RUNS} runs each, output on {OUT_ROOT})")
    print(f"full build      median {wall:.2f} s (min {min(walls):.2f}, max {max(walls):.2f}), peak RSS median {statistics.median(rss):.0f} MiB")
    print(f"output          {html} HTML pages, {files} files, {size / 1e6:.1f} MB")
    print(f"no-op rebuild   median {noop:.2f} s ({noop / wall:.2f} of a full build)")
    print(f"floor: markdown {floor_md}")
    print(f"floor: cp -r    median {cp:.2f} s")
    print(f"ratio to floor  {wall / (md_seconds + cp):.2f} (full build / (markdown + copy))")
    print("stages of the last build:")
    print("\n".join(line for line in verbose.splitlines() if " ms " in line))

    # serve edits its site in place: give it a copy.
    scratch = OUT_ROOT / f"serve-site-{n}"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(site, scratch)
    incremental = run([str(REPO / "target/release/examples/incremental"), str(scratch), str(EDITS)]).stdout
    shutil.rmtree(scratch, ignore_errors=True)
    print("serve, one edited article:")
    print("\n".join("  " + line for line in incremental.splitlines()))


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000]
    run(["cargo", "build", "--release", "--quiet", "--bin", "bantin", "--example", "markdown_floor", "--example", "incremental"], cwd=REPO)
    OUT_ROOT.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        bench(n)


if __name__ == "__main__":
    main()
