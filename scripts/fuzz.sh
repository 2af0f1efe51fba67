#!/usr/bin/env bash
# `make fuzz`: each cargo-fuzz target of fuzz/ for a million inputs (RUNS overrides), starting
# from the corpus kept in fuzz/corpus/TARGET and the hand-written seeds in fuzz/seeds/TARGET.
# Needs the nightly toolchain (on the machine image) and cargo-fuzz (installed here if
# missing). A crash stops the run and leaves its input in fuzz/artifacts/TARGET/; make it a
# regression test before fixing it. After the runs the corpus is minimised again (cargo fuzz
# cmin), so the repository keeps a small one.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
runs=${RUNS:-1000000}
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is missing; cargo fuzz needs it" >&2
  exit 1
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --version 0.13.2 --locked
cd fuzz
for target in ${TARGETS:-dataset query import}; do
  mkdir -p "corpus/$target"
  echo "[fuzz] $target: $runs runs"
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -runs="$runs" -max_len=8192 -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|#[0-9]+ +DONE)|==|panicked|ERROR' || true
  test -z "$(ls -A "artifacts/$target" 2>/dev/null)" || { echo "[fuzz] $target: crash inputs in fuzz/artifacts/$target" >&2; exit 1; }
  cargo +nightly fuzz cmin "$target" "corpus/$target" -- -max_len=8192 >/dev/null 2>&1 || true
done
