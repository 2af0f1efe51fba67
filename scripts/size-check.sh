#!/usr/bin/env bash
# The app shell's size (wasm + js + css + html in dist/, data excluded), gzip -9 and brotli
# (what static hosts serve). A ceiling, not a target: it catches bloat (a dependency pulled in
# whole, debug info left in), while the budgets users feel are timed by `make bench`. Sizes are
# deterministic for a given build, so this belongs in the test command.
set -euo pipefail
dist=${1:-dist}
ceiling=${SHELL_CEILING_BYTES:-409600}   # 400 KB gzip
brotli_of() {
  if command -v brotli >/dev/null 2>&1; then
    brotli -q 11 -c "$1" | wc -c
  else
    node -e 'const z=require("zlib"),f=require("fs");process.stdout.write(String(z.brotliCompressSync(f.readFileSync(process.argv[1]),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))' "$1"
  fi
}
total=0
total_br=0
printf '  %8s  %8s  %s\n' gzip brotli file
while IFS= read -r f; do
  n=$(gzip -9 -c "$f" | wc -c)
  b=$(brotli_of "$f")
  printf '  %8d  %8d  %s\n' "$n" "$b" "${f#"$dist"/}"
  total=$((total + n))
  total_br=$((total_br + b))
done < <(find "$dist" -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name 'index.html' \) | sort)
printf 'app shell: %d bytes gzip, %d bytes brotli; ceiling %d bytes gzip\n' "$total" "$total_br" "$ceiling"
if [ "$total" -gt "$ceiling" ]; then
  echo "FAIL: the app shell is over its 400 KB gzip ceiling by $(( (total - ceiling + 1023) / 1024 )) KB" >&2
  exit 1
fi
