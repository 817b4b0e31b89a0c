"""Benchmarks: every figure is a ratio or a time taken against a baseline in the same run."""
