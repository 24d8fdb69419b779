"""The benchmark suite behind `make bench`: every figure beside a baseline measured in the same
run, written to BENCHMARKS.md. Run it as `python scripts/bench` (see `--help`)."""
