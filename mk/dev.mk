# `make dev` as an editor meets it (tests/dev/): wrangler dev on a copy of the
# repository, through an edit of content/, a broken front matter (its message
# printed, the last good build still serving) and its fix. Its cargo target
# directory is target/dev: the first run compiles everything once.
.PHONY: dev-check

TEST_STEPS += dev-check

dev-check: setup
	node --test --test-reporter=spec tests/dev/
