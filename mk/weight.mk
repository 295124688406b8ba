# The page's weight, held to budgets (tests/weight/): through `wrangler dev`,
# which serves the worker and its static assets and compresses as the edge
# does, the bytes a first visit to /fr/apropos/ and /en/apropos/ transfers
# (the document, its stylesheet, script, faces and icons: at most 300 KB), the
# DSFR's stylesheet gzip (at most 45 KB), a repeat visit (the document's 304
# alone: every asset immutable for a year), and the worker's wasm gzip -9
# (within 15 KiB of its size before the DSFR). Each table is printed.
#
#   make weight
.PHONY: weight

weight: build
	node --test --test-reporter=spec 'tests/weight/**/*.test.mjs'
