#!/usr/bin/env python3
"""The images pipeline beside Hugo, on the team's 1,000-pair corpus with
real photographs in place of its placeholder images.

    python3 bench/images.py [CORPUS_DIR]     # RUNS=3 by default
    BANTIN=path/to/bantin python3 bench/images.py   # a binary already built

Installs what it needs with the ordinary clients: Hugo (apt-get), Pillow
(apt-get python3-pil) and the photographs of Debian's mate-backgrounds
package (GPL-2+; fetched with apt-get download, unpacked under /tmp, never
committed). CORPUS_DIR holds `bantin/` and `hugo/` as the team's generator
makes them (default /work/corpora/c1k); they are copied, never changed.

The corpus references 40 images (`/images/1.jpg` … `/images/40.jpg`) as
lead images and in article bodies, 1–2 per article. Each becomes a distinct
photograph of 2–5 megapixels, cut from the package's twelve. Both tools make
the same files of each: 480, 800 and 1200 pixels wide (never wider than the
photo) as WebP and JPEG at quality 80, and a 1200 × 630 crop for the lead
image's og:image — bantin from its defaults, Hugo from the templates this
script writes (a Markdown render hook and the article template, the way
Hugo's documentation does it).

Printed: the median wall time and peak RSS of
  - a cold build (empty cache, empty output) of each tool,
  - bantin's warm build (cache full, empty output), and the same corpus with
    every image reference removed, so the difference is what the images
    cost once they are cached.
"""

import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/corpora/c1k")
RUNS = int(os.environ.get("RUNS", "3"))
WORK = Path(tempfile.mkdtemp(prefix="bantin-images-"))
PHOTOS = Path("/tmp/bench-photos")


def sh(*args, **kwargs):
    return subprocess.run(args, check=True, **kwargs)


def install():
    if not shutil.which("hugo"):
        sh("apt-get", "install", "-y", "hugo", stdout=subprocess.DEVNULL)
    try:
        import PIL  # noqa: F401
    except ImportError:
        # Debian's Pillow is for Debian's Python: go on there.
        sh("apt-get", "install", "-y", "python3-pil", stdout=subprocess.DEVNULL)
        if sys.executable != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3", *sys.argv])
    nature = PHOTOS / "usr/share/backgrounds/mate/nature"
    if not nature.is_dir():
        PHOTOS.mkdir(parents=True, exist_ok=True)
        sh("apt-get", "download", "mate-backgrounds", cwd=PHOTOS,
           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deb = next(PHOTOS.glob("mate-backgrounds_*.deb"))
        sh("dpkg", "-x", str(deb), str(PHOTOS))
    return sorted(nature.glob("*.jpg"))


def make_photos(pool, count, folder):
    """`count` distinct photos of 2–5 megapixels, cut from the pool."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(18)
    for n in range(1, count + 1):
        source = Image.open(pool[(n - 1) % len(pool)]).convert("RGB")
        w, h = source.size
        scale = rng.uniform(0.8, 1.0)
        cw, ch = int(w * scale), int(h * scale)
        if cw * ch < 2_000_000:
            cw, ch = w, h
        left, top = rng.randint(0, w - cw), rng.randint(0, h - ch)
        photo = source.crop((left, top, left + cw, top + ch))
        if n % 2:
            photo = photo.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        photo.save(folder / f"{n}.jpg", quality=88)


HUGO_IMAGE = """{{- $img := .img -}}
{{- $widths := slice -}}
{{- range slice 480 800 1200 }}{{ if lt . $img.Width }}{{ $widths = $widths | append . }}{{ end }}{{ end -}}
{{- $widths = $widths | append (cond (lt $img.Width 1200) $img.Width 1200) -}}
{{- $webp := slice -}}{{- $jpeg := slice -}}{{- $last := "" -}}
{{- range $widths -}}
{{- $w := $img.Resize (printf "%dx webp q80" .) -}}
{{- $j := $img.Resize (printf "%dx q80" .) -}}
{{- $webp = $webp | append (printf "%s %dw" $w.RelPermalink .) -}}
{{- $jpeg = $jpeg | append (printf "%s %dw" $j.RelPermalink .) -}}
{{- $last = $j -}}
{{- end -}}
<picture><source type="image/webp" srcset="{{ delimit $webp ", " }}" sizes="(max-width: 44rem) 100vw, 42rem"><img src="{{ $last.RelPermalink }}" srcset="{{ delimit $jpeg ", " }}" sizes="(max-width: 44rem) 100vw, 42rem" width="{{ $last.Width }}" height="{{ $last.Height }}" alt="{{ .alt }}" decoding="async"{{ if .lead }} fetchpriority="high"{{ else }} loading="lazy"{{ end }}></picture>
"""

RENDER_IMAGE = """{{- $img := resources.Get (strings.TrimPrefix "/" .Destination) -}}
{{- $picture := partial "picture.html" (dict "img" $img "alt" .Text "lead" false) -}}
{{ if .Title }}<figure>{{ $picture }}<figcaption>{{ .Title }}</figcaption></figure>{{ else }}{{ $picture }}{{ end }}"""


def hugo_site(src, dst):
    shutil.copytree(src, dst)
    layouts = dst / "layouts"
    (layouts / "partials/picture.html").write_text(HUGO_IMAGE)
    (layouts / "_default/_markup/render-image.html").write_text(RENDER_IMAGE)
    single = (layouts / "_default/single.html").read_text()
    lead = (
        '{{ with .Params.image }}{{ $img := resources.Get (strings.TrimPrefix "/" .) }}'
        '{{ $og := $img.Fill "1200x630 Center q80" }}<meta property="og:image" content="{{ $og.Permalink }}">'
        '<figure class="lead">{{ partial "picture.html" (dict "img" $img "alt" $.Params.image_caption "lead" true) }}'
        "<figcaption>{{ $.Params.image_caption }}</figcaption></figure>{{ end }}"
    )
    single = re.sub(r"\{\{ with \.Params\.image \}\}.*?\{\{ end \}\}", lambda _: lead, single, count=1)
    (layouts / "_default/single.html").write_text(single)
    return dst


def without_images(src, dst):
    shutil.copytree(src, dst)
    for md in (dst / "content").rglob("*.md"):
        text = md.read_text()
        text = re.sub(r"^image(_caption)?: .*\n", "", text, flags=re.M)
        text = re.sub(r"^!\[[^\]]*\]\([^)]*\)\n", "", text, flags=re.M)
        md.write_text(text)
    return dst


def timed(args, cwd=None):
    """(seconds, peak RSS in MiB) of one run."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", *args],
        cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{out.stderr}")
    seconds, kib = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024


def median_of(label, runs, prepare, args, cwd=None):
    results = []
    for _ in range(runs):
        prepare()
        results.append(timed(args, cwd))
    seconds = statistics.median(r[0] for r in results)
    peak = statistics.median(r[1] for r in results)
    print(f"{label:<48} {seconds:8.2f} s  {peak:7.0f} MiB  (median of {runs})")
    return seconds


def main():
    pool = install()
    bantin = os.environ.get("BANTIN")
    if not bantin:
        sh("cargo", "build", "--release", "-q", cwd=ROOT)
        bantin = str(ROOT / "target/release/bantin")
    site = WORK / "bantin"
    shutil.copytree(CORPUS / "bantin", site)
    hugo = hugo_site(CORPUS / "hugo", WORK / "hugo")
    make_photos(pool, 40, site / "static/images")
    (hugo / "assets").mkdir()
    shutil.copytree(site / "static/images", hugo / "assets/images")
    shutil.rmtree(hugo / "static/images")
    plain = without_images(CORPUS / "bantin", WORK / "plain")
    out = WORK / "out"

    def fresh(*folders):
        def clear():
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
        return clear

    print(f"corpus {CORPUS}, 40 photos, {RUNS} runs; work in {WORK}")
    cold = median_of("bantin cold (no cache)", RUNS, fresh(out, site / ".bantin-cache"),
                     [bantin, "build", "--root", str(site), "--out", str(out)])
    hugo_cold = median_of("hugo cold (no resources/_gen)", RUNS,
                          fresh(out, hugo / "resources"),
                          ["hugo", "--quiet", "--source", str(hugo), "--destination", str(out)])
    warm = median_of("bantin warm (cache full, empty output)", RUNS, fresh(out),
                     [bantin, "build", "--root", str(site), "--out", str(out)])
    base = median_of("bantin, same corpus without images", RUNS, fresh(out),
                     [bantin, "build", "--root", str(plain), "--out", str(out)])
    hugo_warm = median_of("hugo warm (resources/_gen full)", RUNS, fresh(out),
                          ["hugo", "--quiet", "--source", str(hugo), "--destination", str(out)])
    print(f"cold: hugo / bantin = {hugo_cold / cold:.2f}×; warm: hugo / bantin = {hugo_warm / warm:.2f}×")
    print(f"warm build with images / without = {warm / base:.3f} (+{(warm / base - 1) * 100:.1f} %)")
    shutil.rmtree(WORK)


if __name__ == "__main__":
    main()
