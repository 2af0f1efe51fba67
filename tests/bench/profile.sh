#!/usr/bin/env bash
# Where the time of a filter change goes at 100k events: builds the profiling build (the release
# build with the wasm's function names kept and wasm-opt skipped, from a temporary copy of
# index.html, `index-prof.html`, removed afterwards), writes the 100k synthetic dataset beside it,
# then runs tests/bench/profile.mjs, whose header says what it prints. Arguments go to
# profile.mjs (e.g. `--runs 5 --interval 0`). PROF_DIST (default /tmp/dist-prof) and PROF_PORT
# (default 4190) override the defaults; PROF_SKIP_BUILD=1 reuses the build in PROF_DIST.
# See docs/performance.md, "Where a filter change's time goes".
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=${PROF_DIST:-/tmp/dist-prof}

if [ "${PROF_SKIP_BUILD:-}" != 1 ]; then
  sed -E 's|<link data-trunk rel="rust"[^>]*/>|<link data-trunk rel="rust" data-keep-debug data-wasm-opt="0" data-bin="dyad" />|' \
    index.html > index-prof.html
  trap 'rm -f index-prof.html' EXIT
  grep -q 'data-keep-debug' index-prof.html || { echo "profile.sh: no rust link found in index.html" >&2; exit 1; }
  trunk build --release --dist "$dist" index-prof.html
  cp "$dist/index.html" "$dist/404.html"
fi
mkdir -p "$dist/data"
if [ ! -e "$dist/data/synth-100000.json" ]; then
  cargo run -q --release -p dyad-cli -- synth --events 100000 --seed 7 --out "$dist/data/synth-100000.json"
fi
node tests/bench/profile.mjs --dist "$dist" --port "${PROF_PORT:-4190}" "$@"
