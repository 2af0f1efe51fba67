#!/usr/bin/env bash
# The app shell's size (wasm + js + css + html in dist/, data excluded), gzip -9. Sizes are
# deterministic for a given build, so this belongs in the test command.
#
# Two limits:
# - the budget (issue 7): 300 KB. Met since 2026-11-26 (see docs/performance.md, "App shell size").
# - the ratchet: the size main had when last measured, plus ~1%, so the cuts that met the budget
#   are not eaten by small growth unnoticed. Lower it when the shell shrinks. A feature that
#   needs more may raise it, by its measured cost and never past the budget, saying so in
#   docs/performance.md; never raise it to make a careless change fit.
set -euo pipefail
dist=${1:-dist}
budget=${SHELL_BUDGET_BYTES:-307200}   # 300 KB gzip: the budget
# 280.2 KB: the shell on 2026-11-26 (281,366) plus ~1% (284,000), raised by the measured cost
# of "Download CSV" (+2,939 B, docs/performance.md).
ratchet=${SHELL_RATCHET_BYTES:-286950}
total=0
while IFS= read -r f; do
  n=$(gzip -9 -c "$f" | wc -c)
  printf '  %8d  %s\n' "$n" "${f#"$dist"/}"
  total=$((total + n))
done < <(find "$dist" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name 'index.html' \) | sort)
printf 'app shell: %d bytes gzip; budget %d; ratchet %d\n' "$total" "$budget" "$ratchet"
if [ "$total" -gt "$budget" ]; then
  echo "FAIL: the app shell is over its 300 KB budget by $(( (total - budget + 1023) / 1024 )) KB" >&2
  exit 1
fi
if [ "$total" -gt "$ratchet" ]; then
  echo "FAIL: the app shell grew past its ratchet ($ratchet bytes); cut the change (a feature may raise the ratchet by its measured cost: see this script's header)" >&2
  exit 1
fi
