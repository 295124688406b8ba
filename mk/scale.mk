# The page at internet scale, on paper (docs/scale.md): hit ratios,
# invocations, bytes and cost per design of the language-negotiated URLs,
# from a stated cache model (scripts/scale-model.mjs).
#
#   make scale-model                     the table at 1e4, 1e6 and 1e8 requests a day
#   make scale-model ARGS=--after-deploy the hour after a deploy, with and
#                                        without cross_version_cache
#   make scale-model ARGS='--json'       the same as JSON; any flag of
#                                        `node scripts/scale-model.mjs --help`
#   make scale                           its tests (in make test)
.PHONY: scale scale-model

scale:
	node --test 'tests/scale/**/*.test.mjs'

scale-model:
	node scripts/scale-model.mjs $(ARGS)
