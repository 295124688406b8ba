# The benchmark (issue #7): the built worker against its floor, a JavaScript
# worker replaying the worker's own responses, side by side in one workerd and
# driven by wrk (bench/run.mjs); plus sizes, start-up times and the native
# micro-benchmark of Site::respond (benches/respond.rs).
#
#   make bench         the figures (a few minutes; run it on a quiet machine)
#   make bench-smoke   about a second per scenario: checks that both workers
#                      answered every scenario, and alike; asserts no timing
.PHONY: bench bench-smoke bench-tools

TEST_STEPS += bench-smoke

bench: build bench-tools
	node bench/run.mjs

bench-smoke: build bench-tools
	node bench/run.mjs --smoke

# wrk, Debian's package, when it is missing.
bench-tools:
	@command -v wrk >/dev/null || { \
	  sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$sudo apt-get update -qq && $$sudo apt-get install -y -qq --no-install-recommends wrk; }
