# The benchmark: the built worker against its floor, a JavaScript
# worker replaying the worker's own responses, and against the reader, the
# floor after reading the request as the worker does, and against the peer,
# the page served by a conventional JavaScript worker; side by side in one
# workerd and driven by wrk (bench/run.mjs); plus sizes, start-up times and the
# native micro-benchmark of Site::respond (bench/respond.rs).
#
#   make bench         the figures (a few minutes; run it on a quiet machine)
#   make bench-smoke   about a second per scenario: checks that the workers
#                      answered every scenario as they should; asserts no timing
.PHONY: bench bench-smoke bench-tools bench-hello

bench: build bench-tools bench-hello
	node bench/run.mjs --hello bench/hello/build

# The hello-world workers-rs worker (bench/hello), whose start-up the
# benchmark measures next to the worker's: built by worker-build with its own
# shim, not ours (about a minute the first time).
bench-hello: setup
	cd bench/hello && env -u CUSTOM_SHIM CARGO_TARGET_DIR=$(CURDIR)/target/hello worker-build --release

bench-smoke: build bench-tools
	node bench/run.mjs --smoke

# wrk and valgrind, Debian's packages, when they are missing.
BENCH_PACKAGES := wrk=wrk valgrind=valgrind
PACKAGES += $(BENCH_PACKAGES)

bench-tools:
	@scripts/packages $(BENCH_PACKAGES)
