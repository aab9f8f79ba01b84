"""Benchmarks: `python -m benchmarks` prints each figure next to its floor."""
