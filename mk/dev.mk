# `make dev` as an editor meets it (tests/dev/): wrangler dev on a copy of the
# repository, through an edit of content/, a broken front matter (its message
# printed, the last good build still serving) and its fix. Its cargo target
# directory is target/dev, started as a copy of target/'s release builds when
# there are some (scripts/seed-target): the first run then compiles the
# workspace's crates, not every dependency.
.PHONY: dev-check

dev-check: setup
	scripts/seed-target target/dev
	node --test --test-reporter=spec 'tests/dev/**/*.test.mjs'
