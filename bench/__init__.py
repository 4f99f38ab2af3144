"""Benchmarks run by ``make bench`` (every ``bench/bench_*.py``) and their helpers."""
