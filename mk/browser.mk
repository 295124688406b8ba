# The page in a real browser and through the checkers the field trusts:
# Debian's Chromium driven by playwright-core, axe-core, the Nu
# HTML Checker (vnu.jar on the machine's Java), Lighthouse, against the built
# worker and its static assets under `wrangler dev` (docs/testing.md, "In a
# real browser"). Screenshots land in target/screenshots/. The npm packages
# come with `npm ci` (setup); the Debian packages are installed here when
# missing, and nothing is done when present.

.PHONY: browser browser-deps

TEST_STEPS += browser

# The Chromium binary itself, not Debian's /usr/bin/chromium wrapper (which
# adds flags of its own): see tests/browser/chromium.mjs.
export CHROMIUM_BIN ?= /usr/lib/chromium/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

# The suite serves what `make build` left in build/ and dist/, and builds
# nothing itself (make test builds before it).
browser: node_modules/.package-lock.json browser-deps
	@for f in build/index.js dist/assets.json; do \
	  [ -f "$$f" ] || { echo "make browser: $$f is missing: run make build first" >&2; exit 1; }; \
	done
	node --test --test-reporter=spec 'tests/browser/**/*.test.mjs'

# chromium for the browser, fonts-liberation and fonts-dejavu-core so text
# renders (and measures) the same on every machine, a headless JRE for vnu.jar.
browser-deps:
	@missing=""; \
	[ -x "$(CHROMIUM_BIN)" ] || missing="$$missing chromium"; \
	[ -d /usr/share/fonts/truetype/liberation ] || missing="$$missing fonts-liberation"; \
	[ -d /usr/share/fonts/truetype/dejavu ] || missing="$$missing fonts-dejavu-core"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends $$missing; \
	fi
