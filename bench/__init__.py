"""Benchmark and load-test harness (`make bench`, `make loadtest`) and the generated corpus
they serve (`generate_corpus`, under bench.settings only); never imported by the site."""
