# The page in a real browser and through the checkers the field trusts:
# Debian's Chromium driven by playwright-core, axe-core, the Nu HTML Checker
# (vnu.jar on the machine's Java), and Lighthouse, against the built worker
# and its static assets under `wrangler dev` (docs/testing.md, "In a real
# browser"). Screenshots land in target/screenshots/. The npm packages come
# with `npm ci` (setup); the Debian packages are installed here when missing,
# and nothing is done when present.
#
#   make browser      every browser suite but Lighthouse's
#   make lighthouse   Lighthouse's: its performance score is a measurement,
#                     so make test runs it alone, when nothing else runs
#
# Both serve what `make build` left in build/ and dist/, and build nothing
# themselves (make test builds before them).

.PHONY: browser lighthouse browser-deps built

# The Chromium binary itself, not Debian's /usr/bin/chromium wrapper (which
# adds flags of its own): see tests/browser/chromium.mjs.
export CHROMIUM_BIN ?= /usr/lib/chromium/chromium

LIGHTHOUSE_TESTS := tests/browser/lighthouse.test.mjs
BROWSER_TESTS := $(filter-out $(LIGHTHOUSE_TESTS),$(wildcard tests/browser/*.test.mjs))

browser: node_modules/.package-lock.json browser-deps built
	node --test --test-reporter=spec $(BROWSER_TESTS)

lighthouse: node_modules/.package-lock.json browser-deps built
	node --test --test-reporter=spec $(LIGHTHOUSE_TESTS)

built:
	@for f in build/index.js dist/assets.json; do \
	  [ -f "$$f" ] || { echo "make $(MAKECMDGOALS): $$f is missing: run make build first" >&2; exit 1; }; \
	done

# chromium for the browser, fonts-liberation and fonts-dejavu-core so text
# renders (and measures) the same on every machine, a headless JRE for vnu.jar.
BROWSER_PACKAGES := $(CHROMIUM_BIN)=chromium \
  /usr/share/fonts/truetype/liberation=fonts-liberation \
  /usr/share/fonts/truetype/dejavu=fonts-dejavu-core \
  java=default-jre-headless
PACKAGES += $(BROWSER_PACKAGES)

browser-deps:
	@scripts/packages $(BROWSER_PACKAGES)
