# The shim's recovery from a wasm trap (shim/index.js): the worker built with
# the test-only cargo feature `trap`, whose core panics on /.trap, and
# tests/trap/ run against it in workerd. The trap build has its own output
# (build-trap/) and cargo target directory (target/trap/), so it never
# touches build/ or the normal build's cache; the Makefile's exports
# (CUSTOM_SHIM, WASM_BINDGEN_BIN...) apply to it as to `make build`. It starts
# as a copy of target/'s release builds (scripts/seed-target), so it compiles
# the worker crate again, not its dependencies.
#
#   make trap         both builds, then the suite (the normal build answers
#                     /.trap with a 404, the trap build recovers from it)
#   make build-trap   the trap build alone
.PHONY: trap build-trap

trap: build build-trap
	node --test --test-reporter=spec 'tests/trap/**/*.test.mjs'

# worker-build passes the arguments it does not know itself to `cargo build`.
build-trap: setup assets
	scripts/seed-target target/trap
	CARGO_TARGET_DIR=$(CURDIR)/target/trap worker-build --release --out-dir build-trap --features trap
