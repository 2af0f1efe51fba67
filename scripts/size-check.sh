#!/usr/bin/env bash
# Fails when the app shell (wasm + js + css + html in dist/, data excluded) passes its gzip
# budget. Sizes are deterministic for a given build, so this belongs in the test command.
set -euo pipefail
dist=${1:-dist}
budget=${SHELL_BUDGET_BYTES:-307200}   # 300 KB gzip
total=0
while IFS= read -r f; do
  n=$(gzip -9 -c "$f" | wc -c)
  printf '  %8d  %s\n' "$n" "${f#"$dist"/}"
  total=$((total + n))
done < <(find "$dist" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name 'index.html' \) | sort)
printf 'app shell: %d bytes gzip (budget %d)\n' "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "FAIL: the app shell is over its size budget" >&2
  exit 1
fi
