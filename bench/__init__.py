"""Benchmark and load-test scripts: each prints figures; none is a test (tests/test_scripts.py runs them tiny)."""
