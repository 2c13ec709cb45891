#!/usr/bin/env bash
# Benchmarks of the hot paths: policy compilation and evaluation, the read,
# evaluate and report stages of a scan, and the whole scan.
# Usage: bench/run.sh [COUNT]  (default 5; compare runs with benchstat)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
go test ./policies/ -run '^$' -bench 'BenchmarkLoad|BenchmarkEvaluate' -benchmem -count "$count" | tee bench/last.txt
go test . -run '^$' -bench 'BenchmarkScan|BenchmarkRead|BenchmarkEvaluate|BenchmarkReport' -benchmem -count "$count" | tee -a bench/last.txt
