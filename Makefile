# Ziping's two everyday commands:
#   make serve   set up what is missing, then build and serve the app at http://127.0.0.1:8080/
#   make test    set up what is missing (browsers included), then run every test layer
# and the release build:
#   make dist    dist/: a static site that works from any sub-path of any static host
# and the performance budgets (docs/performance.md):
#   make bench   criterion benches of the engine, then bench/browser.mjs against dist/ in Chromium
# Set-up is tools/setup.sh (versions in tools/versions.env); it skips whatever is already installed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_WEBDRIVER_JSON ?= $(CURDIR)/webdriver.json
export CARGO_TERM_COLOR ?= auto

WASM := wasm32-unknown-unknown

.PHONY: help setup setup-test serve dist test test-native test-wasm test-e2e lint bench screenshot clean

help:
	@echo "make serve   build and serve the app at http://127.0.0.1:8080/ (installs missing tools first)"
	@echo "make test    run every test layer: native (cargo test --workspace), wasm in Chromium, end-to-end, fmt and clippy"
	@echo "make dist    release build into dist/ (any sub-path of any static host)"
	@echo "make bench   performance budgets: engine benches, then size, load and typing in Chromium (docs/performance.md)"
	@echo "layers alone (no set-up): make test-native | test-wasm | test-e2e | lint"

setup:
	@tools/setup.sh build

setup-test:
	@tools/setup.sh test

serve: setup
	trunk serve --offline

dist: setup
	trunk build --release --offline --public-url ./

# Every layer runs even when an earlier one fails; the summary names the failures. A layer that runs
# no test fails too.
test: setup-test
	@tools/test.sh

# The layers alone, without the set-up (tools/test.sh says what each runs): native is every crate of the
# workspace (LibreOffice recalculates the workbooks), wasm the page's tests in headless Chromium, e2e
# the release build in Chromium, lint rustfmt and clippy (native, and wasm32 for the page and the
# export worker).
test-native:
	@tools/test.sh native

test-wasm:
	@tools/test.sh wasm

test-e2e:
	@tools/test.sh e2e

lint:
	@tools/test.sh lint

# The budgets of docs/performance.md (limits in bench/budgets.json): the engine's criterion benches,
# then the release build in Chromium; prints a table and writes bench/results.json (not committed).
# Timings are wall-clock on a shared machine: run it on a quiet one.
bench: dist setup-test
	cargo bench -p ziping-engine --bench evaluate
	node bench/browser.mjs

# A 1366x768 screenshot of the release build's first screen, for a look at the fonts and layout.
screenshot: dist
	@mkdir -p target/screenshots
	node tools/screenshot.mjs target/screenshots/first-screen.png 1366x768

clean:
	cargo clean
	rm -rf dist
