#!/usr/bin/env bash
# Benchmarks of the hot paths: policy compilation and evaluation.
# Usage: bench/run.sh [COUNT]  (default 5; compare runs with benchstat)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
go test ./policies/ -run '^$' -bench 'BenchmarkLoad|BenchmarkEvaluate' -benchmem -count "$count" | tee bench/last.txt
go test . -run '^$' -bench 'BenchmarkScan' -benchmem -count "$count" | tee -a bench/last.txt
