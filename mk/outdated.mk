# Staying current (docs/toolchain.md#staying-current): what is behind, and by
# how much (scripts/outdated.mjs).
#
#   make outdated        for npm (`npm outdated`) and Cargo (each direct
#                        dependency of the four manifests, as locked, against
#                        the newest release on crates.io), and the tools the
#                        Makefile pins (worker-build, wasm-bindgen-cli,
#                        cargo-fuzz, REDbot): a report, exit 0 whatever is
#                        behind, 2 when something could not be checked (each
#                        named on its own line). It asks the registries, so it
#                        is not a step of make test.
#   make outdated-test   the report's pure parts (tests/outdated/), without
#                        the network (in make test)
.PHONY: outdated outdated-test

# npm outdated compares with what node_modules holds: install it first.
outdated: node_modules/.package-lock.json
	node scripts/outdated.mjs

# A glob, not the directory: `node --test <dir>` fails on Node 22 and later.
outdated-test:
	node --test tests/outdated/*.test.mjs
