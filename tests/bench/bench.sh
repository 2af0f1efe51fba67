#!/usr/bin/env bash
# The browser benchmark, end to end (`make bench`): a release build into its own directory, the
# synthetic datasets from `dyad synth` beside it (never in public/), the vis-timeline page with
# vis-timeline's bundle copied from node_modules, the TimelineJS page with TimelineJS's CSS and
# JS copied from node_modules and the curated dataset converted for it
# (tests/bench/timelinejs/convert.mjs), then tests/bench/run.mjs in headless Chromium.
# Writes bench-results/browser.json and the tables in docs/performance.md. About 11 minutes on 2
# cores after the builds. BENCH_DIST, BENCH_RUNS, BENCH_SIZES, BENCH_PORT override the defaults;
# BENCH_SKIP_BUILD=1 reuses the build and datasets already in BENCH_DIST; BENCH_ONLY=mobile
# runs only the mobile first visit, BENCH_ONLY=import only the 100k ACLED import and CSV
# download (tests/bench/import.mjs), neither writing a synthetic dataset; BENCH_ONLY=map only the
# map at 100k events (pan/zoom frames, a filter change painted; writes only synth-100000).
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=${BENCH_DIST:-/tmp/dist-bench}
sizes=${BENCH_SIZES:-1000,10000,100000}

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  # The same build as `make dist`: Trunk.toml's minify and esbuild hook apply to any release build.
  trunk build --release --dist "$dist"
  cp "$dist/index.html" "$dist/404.html"
  mkdir -p "$dist/data"
  [ "${BENCH_ONLY:-}" = mobile ] && sizes=""
  [ "${BENCH_ONLY:-}" = map ] && sizes=100000
  [ "${BENCH_ONLY:-}" = import ] && sizes=""
  for n in ${sizes//,/ }; do
    cargo run -q --release -p dyad-cli -- synth --events "$n" --seed 7 --out "$dist/data/synth-$n.json"
  done
fi
mkdir -p "$dist/bench-vis"
cp tests/bench/vis/index.html "$dist/bench-vis/index.html"
cp node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js "$dist/bench-vis/"
tl="$dist/bench-timelinejs"
tljs=node_modules/@knight-lab/timelinejs/dist
mkdir -p "$tl/js" "$tl/css"
cp tests/bench/timelinejs/index.html "$tl/index.html"
cp "$tljs/js/timeline.js" "$tl/js/"
cp "$tljs/css/timeline.css" "$tl/css/"
cp -r "$tljs/css/icons" "$tl/css/"
node tests/bench/timelinejs/convert.mjs "$dist/data/sahel.json" "$tl/sahel.json"

node tests/bench/run.mjs --dist "$dist" --sizes "$sizes" \
  --runs "${BENCH_RUNS:-5}" --port "${BENCH_PORT:-4180}" ${BENCH_ONLY:+--only "$BENCH_ONLY"}
