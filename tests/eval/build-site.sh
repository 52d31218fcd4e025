#!/usr/bin/env bash
# Builds the search evaluation's site into OUT/public: the demo portal with
# the articles of tests/eval/content added, by BANTIN (a bantin binary);
# with PAGEFIND (a pagefind binary) also Pagefind's index of it, of the
# article pages' <article> only (its best setting: no menus, no listings).
#   tests/eval/build-site.sh BANTIN OUT [PAGEFIND]
set -euo pipefail
cd "$(dirname "$0")/../.."
bantin="$1" out="$2" pagefind="${3:-}"
rm -rf "$out"
mkdir -p "$out/site"
cp -r config.yaml content data static themes "$out/site/"
cp -r tests/eval/content/. "$out/site/content/"
"$bantin" build --quiet --root "$out/site" --out "$out/public"
if [ -n "$pagefind" ]; then
  "$pagefind" --site "$out/public" --quiet \
    --glob "**/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*[a-z]*/index.html" --root-selector article
fi
