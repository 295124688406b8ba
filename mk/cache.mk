# A real shared cache in front of the worker: Debian's Varnish configured as
# Cloudflare's Workers Cache (tests/cache/workers-cache.vcl). The e2e suite
# replays a seeded request mix through it (tests/e2e/cache.test.mjs), and
#
#   make cache-sim    a longer mix, CACHE_SIM_REQUESTS (50000) requests, then
#                     its hit ratios, objects, Worker calls, origin bytes,
#                     wrong variants and keys per URL, also written to
#                     target/cache-sim/<name>.json; BUILD=dir replays against
#                     another build of the worker (an older commit's build/),
#                     CACHE_SIM_NAME=... names its file
#
# varnish-deps installs Varnish when varnishd is missing, and does nothing
# when it is there.
.PHONY: cache-sim varnish-deps

CACHE_SIM_REQUESTS ?= 50000
BUILD ?= build
cache-sim: node_modules/.package-lock.json varnish-deps
	CACHE_SIM_REQUESTS=$(CACHE_SIM_REQUESTS) node scripts/cache-sim.mjs '$(BUILD)'

# /usr/sbin is not on every user's PATH, so both places are looked at.
VARNISH_PACKAGES := varnishd|/usr/sbin/varnishd=varnish
PACKAGES += $(VARNISH_PACKAGES)

varnish-deps:
	@scripts/packages '$(VARNISH_PACKAGES)'
