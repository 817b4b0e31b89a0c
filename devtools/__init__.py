"""Helpers shared by tests, benchmarks and the screenshots tool; never shipped.

Tests and benchmarks import from here and never from each other.
"""
