#!/usr/bin/env bash
# Installs whatever Dyad needs that is missing, at pinned versions, from crates.io, npm and
# Debian only. Idempotent: each step checks first and skips what is already there.
#   scripts/setup.sh          # build tools (enough to serve)
#   scripts/setup.sh --test   # also Chromium + chromedriver for the end-to-end suite
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or the build fails.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q "$2"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! have_version trunk "$TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (about 6 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! have_version wasm-bindgen "$WBG_VERSION"; then
  step "installing wasm-bindgen-cli $WBG_VERSION (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --locked
fi

# npm packages (devDependencies, from the lockfile): wasm-opt (binaryen 132, never Debian's 108),
# esbuild (minifies the JS glue and CSS in release builds, Trunk.toml's hook) and Playwright.
# package.json's `allowScripts` denies esbuild's postinstall script, which npm 11 would otherwise
# skip with a warning on every fresh install: esbuild's binary comes with its platform package.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    step "installing Debian chromium and chromium-driver"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
step "tools ready: $(trunk --version), wasm-bindgen $WBG_VERSION, $(wasm-opt --version | cut -d' ' -f1-3)"
