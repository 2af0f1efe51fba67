#!/usr/bin/env bash
# The app shell's size (wasm + js + css + html in dist/, data excluded), gzip -9. Sizes are
# deterministic for a given build, so this belongs in the test command.
#
# Two limits:
# - the budget (issue 7): 300 KB. It is NOT met yet (see docs/performance.md, "App shell size");
#   this script says by how much, on every run.
# - the ratchet: the size main had when the budget was last measured, plus a small margin. The
#   check fails above it, so the shell can only shrink until the budget is met. Lower RATCHET
#   whenever the shell shrinks; set it to the budget once the budget is met. Never raise it to
#   make a change fit: cut the change instead.
set -euo pipefail
dist=${1:-dist}
budget=${SHELL_BUDGET_BYTES:-307200}   # 300 KB gzip: the budget
ratchet=${SHELL_RATCHET_BYTES:-358079} # 349.7 KB gzip: the shell measured on 2026-11-26 (354,534) plus ~1%
total=0
while IFS= read -r f; do
  n=$(gzip -9 -c "$f" | wc -c)
  printf '  %8d  %s\n' "$n" "${f#"$dist"/}"
  total=$((total + n))
done < <(find "$dist" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name 'index.html' \) | sort)
printf 'app shell: %d bytes gzip; budget %d; ratchet %d\n' "$total" "$budget" "$ratchet"
if [ "$total" -gt "$budget" ]; then
  echo "NOTE: over the 300 KB budget by $(( (total - budget + 1023) / 1024 )) KB (known, tracked in docs/performance.md)"
fi
if [ "$total" -gt "$ratchet" ]; then
  echo "FAIL: the app shell grew past its ratchet ($ratchet bytes); cut the change, do not raise the ratchet" >&2
  exit 1
fi
