# Golden files: every representation of every language, byte for byte, in
# tests/golden/ (checked by `cargo test --test golden`, part of `make native`).
# After a deliberate change to the content, templates or renderers:
#   make golden && git diff tests/golden/
.PHONY: golden
golden: assets
	UPDATE_GOLDEN=1 cargo test --test golden
