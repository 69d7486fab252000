#!/usr/bin/env bash
# Regenerates all of docs/benchmarks.md: the micro benchmarks (bench/run-micro.sh, ~15 minutes),
# then the whole-system benchmarks (bench/run-system.sh, ~40 minutes, root). Each can also run alone;
# each rewrites only its own part of the document. Options go to neither: run the scripts directly
# for those.
set -euo pipefail
cd "$(dirname "$0")"
./run-micro.sh
./run-system.sh
