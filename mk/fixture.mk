# The fixture site (tests/fixtures/site: two pages, three languages), built by
# the same build as the shipped site and run through the suites that read
# their pages and languages from the site they test: the native suite (the
# tests about the shipped content's own words are ignored there), the e2e
# suite's site-wide checks in workerd, the Varnish mix, and the smoke test
# under wrangler dev. Its assets go to target/fixture/dist and its bundle to
# build-fixture/, so the shipped build is never touched; cargo shares the
# target directory (only the worker's crate is built again for it).
#
#   make fixture          all of it
#   make build-fixture    the fixture's assets and bundle alone
.PHONY: fixture build-fixture fixture-native

FIXTURE := tests/fixtures/site
FIXTURE_DIST := target/fixture/dist
FIXTURE_ENV := CONTENT_DIR=$(FIXTURE) ASSETS_MANIFEST=$(FIXTURE_DIST)/assets.json

fixture: fixture-native build-fixture varnish-deps
	$(FIXTURE_ENV) BUILD=build-fixture ASSETS_DIR=$(FIXTURE_DIST)/public \
	  node --test --test-reporter=spec tests/e2e/site.test.mjs tests/e2e/cache.test.mjs tests/smoke/smoke.test.mjs

fixture-native: setup $(FIXTURE_DIST)/.built
	$(FIXTURE_ENV) cargo test --workspace --locked

build-fixture: setup $(FIXTURE_DIST)/.built
	$(FIXTURE_ENV) worker-build --release --out-dir build-fixture

$(FIXTURE_DIST)/.built: $(ASSET_SOURCES) $(wildcard $(FIXTURE)/*) | node_modules/.package-lock.json
	node scripts/assets/build.mjs --content $(FIXTURE) --out $(FIXTURE_DIST)
	@touch $@
