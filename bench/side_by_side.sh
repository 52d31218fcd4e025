#!/usr/bin/env bash
# Side-by-side full-build benchmark: bantin vs Hugo vs Zola on the same generated corpus.
#
#   bench/side_by_side.sh [SIZE ...]          sizes in article pairs; default: 1000 5000 20000
#
# Environment (a tool whose variable is unset or not executable is skipped):
#   HUGO     hugo binary            (e.g. /usr/bin/hugo)
#   ZOLA     zola binary            (a zola binary you have)
#   BANTIN   bantin binary          run as: $BANTIN build --root DIR --out OUTDIR
#            (default: this repository's target/release/bantin, when built)
#   BANTIN_THEME  optional theme folder copied to <corpus>/bantin/themes/default
#   PDC      pulldown-cmark CLI for the compute floor (default /tmp/pdc/bin/pulldown-cmark)
#   WORK     scratch folder for corpora and raw results (default /tmp/bantin-bench)
#   OUT_ROOT where builds write (default /dev/shm/bantin-bench when /dev/shm exists, else
#            $WORK): a tmpfs keeps the disk's own noise out of the build times; needs
#            ~0.6 GB per tool per 10000 pairs
#   RUNS=3 WARMUP=1                  hyperfine settings
#   FLOORS=1                         also time the cp -r and pulldown-cmark floors
#   INCR_SIZES="5000"                sizes at which to time serve-mode rebuilds ("" = none)
#   INCR_EDITS=5                     edits per incremental measurement
#   RESULTS                          markdown report (default $WORK/results-<date>.md)
#   RUN_ID                           names the raw-data folder, $WORK/raw-<RUN_ID>, copied to
#                                    (default <date>-<HHMM>)
#   KEEP_OUT=0                       keep build outputs (default: delete after counting)
#
# Each timed run starts from an empty output folder (hyperfine --prepare 'rm -rf OUT').
# Peak RSS comes from /usr/bin/time -v wrapped around every timed run (median reported).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 5000 20000)
WORK=${WORK:-/tmp/bantin-bench}
if [ -z "${OUT_ROOT:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then OUT_ROOT=/dev/shm/bantin-bench; else OUT_ROOT=$WORK; fi
fi
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
FLOORS=${FLOORS:-1}
INCR_SIZES=${INCR_SIZES-5000}
INCR_EDITS=${INCR_EDITS:-5}
PDC=${PDC:-/tmp/pdc/bin/pulldown-cmark}
KEEP_OUT=${KEEP_OUT:-0}
STAMP=$(date +%Y-%m-%d)
RUN_ID=${RUN_ID:-$(date +%Y-%m-%d-%H%M)}
RESULTS=${RESULTS:-$WORK/results-$STAMP.md}
RAW=$WORK/raw-$RUN_ID
mkdir -p "$WORK" "$RAW" "$OUT_ROOT"

command -v hyperfine >/dev/null || { echo "hyperfine is required" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is required" >&2; exit 2; }

declare -A BIN=([bantin]="${BANTIN:-$HERE/../target/release/bantin}" [hugo]="${HUGO:-}" [zola]="${ZOLA:-}")
TOOLS=()
for t in bantin hugo zola; do
  if [ -n "${BIN[$t]}" ] && [ -x "${BIN[$t]}" ]; then TOOLS+=("$t")
  else echo "skip $t (binary not set or not executable: '${BIN[$t]}')" >&2; fi
done

version() {
  case $1 in
    hugo) "${BIN[hugo]}" version 2>&1 | head -1 ;;
    zola) "${BIN[zola]}" --version 2>&1 | head -1 ;;
    bantin) "${BIN[bantin]}" --version 2>&1 | head -1 || echo "bantin (no --version)" ;;
  esac
}

build_cmd() {  # tool corpus out
  case $1 in
    hugo) echo "${BIN[hugo]} --source $2/hugo --destination $3 --quiet" ;;
    zola) echo "${BIN[zola]} --root $2/zola build --output-dir $3 --force" ;;
    bantin) echo "${BIN[bantin]} build --root $2/bantin --out $3" ;;
  esac
}

gen_corpus() {  # size -> corpus dir (regenerated when the generator changed)
  local n=$1 c=$WORK/corpus-$1
  local want; want="$(sha256sum "$HERE/gen_corpus.py" | cut -c1-16)-$n"
  if [ "$(cat "$c/.stamp" 2>/dev/null)" != "$want" ]; then
    rm -rf "$c"; mkdir -p "$c"
    python3 "$HERE/gen_corpus.py" "$n" "$c" >&2
    echo "$want" > "$c/.stamp"
  fi
  if [ -n "${BANTIN_THEME:-}" ]; then
    rm -rf "$c/bantin/themes/default"; mkdir -p "$c/bantin/themes"
    cp -r "$BANTIN_THEME" "$c/bantin/themes/default"
  fi
  echo "$c"
}

time_stats() {  # /usr/bin/time -v log, warmup count -> "rss_mib cpu_s" medians over timed runs
  python3 - "$1" "$2" <<'EOF2'
import re, statistics, sys
text = open(sys.argv[1]).read()
skip = int(sys.argv[2])
rss = [int(x) for x in re.findall(r"Maximum resident set size \(kbytes\): (\d+)", text)][skip:]
u = [float(x) for x in re.findall(r"User time \(seconds\): ([\d.]+)", text)][skip:]
s = [float(x) for x in re.findall(r"System time \(seconds\): ([\d.]+)", text)][skip:]
if not rss:
    print("NA NA")
else:
    print(f"{statistics.median(rss) / 1024:.0f} {statistics.median(a + b for a, b in zip(u, s)):.2f}")
EOF2
}

TSV=$RAW/results.tsv
printf 'tool\tpairs\tmedian_s\tmin_s\tmax_s\tstddev_s\trss_mib\tcpu_s\thtml_files\tbytes\tload\tstatus\n' > "$TSV"
FLOOR_TSV=$RAW/floors.tsv
printf 'floor\tpairs\tmedian_s\tmin_s\tmax_s\tdetail\n' > "$FLOOR_TSV"
INCR_TSV=$RAW/incremental.tsv
: > "$INCR_TSV"

for n in "${SIZES[@]}"; do
  C=$(gen_corpus "$n")
  for t in "${TOOLS[@]}"; do
    O=$OUT_ROOT/out-$t-$n
    J=$RAW/$t-$n.json
    R=$RAW/$t-$n.time
    rm -rf "$O"; : > "$R"
    cmd=$(build_cmd "$t" "$C" "$O")
    load0=$(cut -d' ' -f1 /proc/loadavg)
    echo "== $t $n pairs: $cmd" >&2
    status=ok
    if ! hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" \
        --prepare "rm -rf $O" --export-json "$J" \
        "/usr/bin/time -v -a -o $R $cmd" >&2; then
      status=FAILED
    fi
    if [ "$status" = ok ]; then
      read -r med mn mx sd < <(python3 -c '
import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print(r["median"], r["min"], r["max"], r["stddev"] or 0)' "$J")
      read -r rss_mib cpu_s < <(time_stats "$R" "$WARMUP")
      read -r html bytes < <(python3 "$HERE/count_pages.py" --summary "$O")
      python3 "$HERE/count_pages.py" "$O" --expect "$C" > "$RAW/$t-$n.pages.txt" || true
    else
      med=NA mn=NA mx=NA sd=NA rss_mib=NA cpu_s=NA html=NA bytes=NA
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$n" "$med" "$mn" "$mx" "$sd" \
      "$rss_mib" "$cpu_s" "$html" "$bytes" "$load0" "$status" >> "$TSV"

    # floor (a): copying Hugo's output tree, the cost of writing the same files, both on the
    # filesystem the builds write to and on the disk that holds $WORK
    if [ "$FLOORS" = 1 ] && [ "$t" = hugo ] && [ "$status" = ok ]; then
      for D in "$OUT_ROOT/cp-floor-$n" "$WORK/cp-floor-$n"; do
        fs=$(df --output=fstype "$(dirname "$D")" | tail -1)
        hyperfine -N --style basic --warmup 1 --runs "$RUNS" --prepare "rm -rf $D" \
          --export-json "$RAW/floor-cp-$fs-$n.json" "cp -r $O $D" >&2
        python3 -c '
import json,sys; r=json.load(open(sys.argv[1]))["results"][0]
print(sys.argv[4], sys.argv[2], r["median"], r["min"], r["max"], sys.argv[3], sep="\t")' \
          "$RAW/floor-cp-$fs-$n.json" "$n" "$html html files, $bytes bytes" "cp -r hugo output to $fs" >> "$FLOOR_TSV"
        rm -rf "$D"
        [ "$D" = "$WORK/cp-floor-$n" ] && break
        [ "$OUT_ROOT" = "$WORK" ] && break
      done
    fi

    if [[ " $INCR_SIZES " == *" $n "* ]]; then
      modes=("$t"); [ "$t" = zola ] && modes=(zola zola-fast)
      for m in "${modes[@]}"; do
        python3 "$HERE/incremental.py" "$m" "${BIN[$t]}" "$C/$t" --edits "$INCR_EDITS" \
          --tsv "$INCR_TSV" --pairs "$n" --scratch-root "$OUT_ROOT" >&2 || echo "incremental $m $n failed" >&2
      done
    fi
    [ "$KEEP_OUT" = 1 ] || rm -rf "$O"
  done

  # floor (b): pulldown-cmark alone over every article body of the corpus
  if [ "$FLOORS" = 1 ] && [ -x "$PDC" ]; then
    B=$C/all-bodies.md
    python3 - "$C/bantin/content" "$B" <<'EOF'
import os, sys
root, out = sys.argv[1], sys.argv[2]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".md"))
with open(out, "w", encoding="utf-8") as w:
    for p in files:
        t = open(p, encoding="utf-8").read()
        w.write(t.split("\n---\n", 1)[1].lstrip("\n") + "\n\n")
EOF
    hyperfine -N --style basic --warmup 1 --runs "$RUNS" --export-json "$RAW/floor-pdc-$n.json" \
      "$PDC -T -F -S -L $B" >&2
    python3 -c '
import json,os,sys; r=json.load(open(sys.argv[1]))["results"][0]
print("pulldown-cmark, all bodies", sys.argv[2], r["median"], r["min"], r["max"],
      "%d MB of Markdown, one thread" % (os.path.getsize(sys.argv[3]) // 1000000), sep="\t")' \
      "$RAW/floor-pdc-$n.json" "$n" "$B" >> "$FLOOR_TSV"
  fi
done

# ---------------------------------------------------------------- report
{
  echo "# Static site generator benchmark, $STAMP"
  echo
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"\
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM; kernel $(uname -r)."
  echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "Tools:"
  for t in "${TOOLS[@]}"; do echo "- $t: $(version "$t")"; done
  echo
  echo "Corpus: bench/gen_corpus.py (seed fixed), N article pairs = 2N Markdown files;"\
       "hyperfine --warmup $WARMUP --runs $RUNS, each run into an empty output folder on"\
       "$(df --output=fstype "$OUT_ROOT" | tail -1) ($OUT_ROOT)."
  echo
  python3 - "$TSV" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| tool | pairs | wall median (s) | min-max (s) | CPU user+sys median (s) | peak RSS median (MiB) | HTML files | output bytes | load avg at start |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    if r["status"] != "ok":
        print(f"| {r['tool']} | {r['pairs']} | FAILED | | | | | | {r['load']} |")
        continue
    print(f"| {r['tool']} | {r['pairs']} | {float(r['median_s']):.2f} | "
          f"{float(r['min_s']):.2f}-{float(r['max_s']):.2f} | {r['cpu_s']} | {r['rss_mib']} | "
          f"{int(r['html_files']):,} | {int(r['bytes']):,} | {r['load']} |")
EOF
  if [ "$(wc -l < "$FLOOR_TSV")" -gt 1 ]; then
    echo
    echo "Floors:"
    echo
    python3 - "$FLOOR_TSV" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| floor | pairs | median (s) | min-max (s) | what |")
print("| --- | ---: | ---: | ---: | --- |")
for r in rows:
    print(f"| {r['floor']} | {r['pairs']} | {float(r['median_s']):.3f} | "
          f"{float(r['min_s']):.3f}-{float(r['max_s']):.3f} | {r['detail']} |")
EOF
  fi
  if [ -s "$INCR_TSV" ]; then
    echo
    echo "Incremental rebuild in serve mode (edit one article body, time until the server returns the new text):"
    echo
    python3 - "$INCR_TSV" <<'EOF'
import csv, sys
print("| tool | pairs | edits | seen-by-HTTP median (ms) | min-max (ms) | server-reported rebuild median (ms) | initial serve build (s) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in csv.reader(open(sys.argv[1]), delimiter="\t"):
    print("| " + " | ".join(r) + " |")
EOF
  fi
  echo
  echo "Raw data (hyperfine JSON, /usr/bin/time -v logs, page classification): $RAW/"
} > "$RESULTS"
cat "$RESULTS"
