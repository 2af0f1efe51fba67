# Dyad's commands. A newcomer needs two: `make serve` and `make test`. Each installs what is
# missing first (scripts/setup.sh), so they work on a fresh Debian machine.
SHELL := /bin/bash
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
# Sub-path to serve under, e.g. `make dist BASE=/dyad/`.
BASE ?= /

.PHONY: setup setup-test serve test lint unit dist size e2e bench bench-core fuzz clean-e2e

## setup: install build tools that are missing (trunk, wasm-bindgen-cli, npm packages)
setup:
	@scripts/setup.sh

## setup-test: setup plus Debian chromium and chromedriver
setup-test:
	@scripts/setup.sh --test

## serve: build and serve the dashboard at http://127.0.0.1:8080 with live reload
serve: setup
	@echo "Dyad: serving at http://127.0.0.1:8080/ (Ctrl-C stops)"
	trunk serve --address 127.0.0.1 --port 8080

## test: every check: fmt, clippy, native tests, release build, size budget, end-to-end suite
test: setup-test lint unit dist size e2e

## lint: rustfmt check and clippy with warnings as errors, native and wasm32
lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p dyad --target wasm32-unknown-unknown -- -D warnings

## unit: native tests of all crates, and validation of the shipped dataset
unit:
	cargo test --workspace
	cargo run -q --release -p dyad-cli -- validate public/data/sahel.json

## dist: release build into dist/ (BASE=/sub/path/ for a sub-path), with a 404.html fallback
dist:
	trunk build --release --public-url $(BASE)
	cp dist/index.html dist/404.html

## size: fail if the app shell (wasm + js + css + html) passes its gzip budget
size:
	@scripts/size-check.sh dist

## e2e: the Playwright suite in headless Chromium against dist/ served with an SPA fallback
e2e:
	npx playwright test

## bench: browser benchmark: release build, synthetic 1k/10k/100k datasets, headless Chromium, medians vs budgets
bench: setup-test
	@tests/bench/bench.sh

## bench-core: criterion benchmarks of the core (parse, validate, filter+facets, pairs)
bench-core:
	cargo bench -p dyad-core --bench core

## fuzz: each fuzz target (dataset readers, URL codec) for a million inputs (nightly + cargo-fuzz)
fuzz:
	@scripts/fuzz.sh
