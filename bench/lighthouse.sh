#!/bin/sh
# Lighthouse (mobile, Performance) on the demo portal's home pages and its
# seed article in both languages, served from 127.0.0.1.
#
#   sh bench/lighthouse.sh            # needs Debian's chromium and npm
#
# Installs Lighthouse 12.2.3 into /tmp/lh once; builds the demo with the
# release binary; prints each page's score, largest paint and layout shift.
set -eu
cd "$(dirname "$0")/.."
LH=/tmp/lh/node_modules/.bin/lighthouse
[ -x "$LH" ] || (mkdir -p /tmp/lh && cd /tmp/lh && npm install --no-audit --no-fund lighthouse@12.2.3 >/dev/null)
OUT=$(mktemp -d)
PORT=${PORT:-8931}
cargo build --release -q
./target/release/bantin build --base-url "http://127.0.0.1:$PORT/" --out "$OUT/site" >/dev/null
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT/site" >/dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER; rm -rf "$OUT"' EXIT
sleep 1
for page in "" en/ \
    2023/06/pho-chu-tich-ubnd-tinh-trinh-truong-huy-lam-viec-voi-so-thong-tin-va-truyen-thong/ \
    en/2023/06/provincial-vice-chairman-trinh-truong-huy-works-with-the-department-of-information-and-communications/; do
    CHROME_PATH=/usr/bin/chromium "$LH" "http://127.0.0.1:$PORT/$page" --quiet \
        --only-categories=performance --form-factor=mobile \
        --chrome-flags="--headless=new --no-sandbox" \
        --output=json --output-path="$OUT/report.json" >/dev/null 2>&1
    python3 - "$OUT/report.json" "/$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a = r["audits"]
print(f'{sys.argv[2]:<60} performance {round(r["categories"]["performance"]["score"] * 100):>3}'
      f'  LCP {a["largest-contentful-paint"]["displayValue"]:>7}'
      f'  CLS {a["cumulative-layout-shift"]["numericValue"]:.3f}'
      f'  bytes {a["total-byte-weight"]["numericValue"] / 1024:.0f} KiB')
PY
done
