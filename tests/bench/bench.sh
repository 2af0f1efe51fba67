#!/usr/bin/env bash
# The browser benchmark, end to end (`make bench`): a release build into its own directory, the
# synthetic datasets from `dyad synth` beside it (never in public/), the vis-timeline page with
# vis-timeline's bundle copied from node_modules, then tests/bench/run.mjs in headless Chromium.
# Writes bench-results/browser.json and the table in docs/performance.md. About 10 minutes on 2
# cores after the builds. BENCH_DIST, BENCH_RUNS, BENCH_SIZES, BENCH_PORT override the defaults;
# BENCH_SKIP_BUILD=1 reuses the build and datasets already in BENCH_DIST.
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=${BENCH_DIST:-/tmp/dist-bench}
sizes=${BENCH_SIZES:-1000,10000,100000}

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  # The same build as `make dist`: Trunk.toml's minify and esbuild hook apply to any release build.
  trunk build --release --dist "$dist"
  cp "$dist/index.html" "$dist/404.html"
  mkdir -p "$dist/data"
  for n in ${sizes//,/ }; do
    cargo run -q --release -p dyad-cli -- synth --events "$n" --seed 7 --out "$dist/data/synth-$n.json"
  done
fi
mkdir -p "$dist/bench-vis"
cp tests/bench/vis/index.html "$dist/bench-vis/index.html"
cp node_modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js "$dist/bench-vis/"

node tests/bench/run.mjs --dist "$dist" --sizes "$sizes" \
  --runs "${BENCH_RUNS:-5}" --port "${BENCH_PORT:-4180}"
