# The benchmark (performance issue #7 fills it in).
.PHONY: bench
bench:
	@echo "make bench: the benchmark lands with the performance issue (#7)."
