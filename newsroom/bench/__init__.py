"""Benchmark and load-test harness (`make bench`, `make loadtest`); never imported by the site."""
