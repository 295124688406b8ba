# Reliability: the worker keeps answering whatever it is sent.
# The property tests run with `make native` (tests/properties.rs) and the
# hostile-input table with `make e2e` (tests/e2e/hostile.test.mjs); here:
#
#   make fuzz         each cargo-fuzz target for FUZZ_SECONDS (60) seconds,
#                     one after the other (FUZZ_TARGETS to choose), then their
#                     executions and coverage; fails on a crash, a timeout or
#                     an out-of-memory (the input is in fuzz/artifacts/)
#   make soak         SOAK_SECONDS (60) of load on the built worker in workerd
#                     after a warm-up, then requests, statuses, socket errors
#                     and workerd's RSS (target/soak/<seconds>s.json)
#   make soak-smoke   the same for 5 s, RSS reported but not judged (in make test)

.PHONY: fuzz fuzz-tools soak soak-smoke

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= accept accept_language if_none_match respond head
CARGO_FUZZ_VERSION := 0.13.2
SOAK_SECONDS ?= 60

fuzz: fuzz-tools
	fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# cargo-fuzz builds with the nightly toolchain (for the sanitizer flags).
fuzz-tools:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@scripts/cargo-tool cargo-fuzz $(CARGO_FUZZ_VERSION) cargo-fuzz

soak: build
	SOAK_SECONDS=$(SOAK_SECONDS) node scripts/soak.mjs

soak-smoke: build
	SOAK_SECONDS=5 SOAK_WARMUP_MAX=2 SOAK_RSS=report node scripts/soak.mjs
