#!/usr/bin/env bash
# Runs the BenchmarkDotNet micro benchmarks (bench/Benchmarks) and regenerates docs/benchmarks.md
# from their results: about 15 minutes on the 2-core machine. Records the load average before and
# after, because other work on the machine shows up in the figures.
#
#   bench/run-micro.sh                      # everything, then docs/benchmarks.md
#   bench/run-micro.sh --filter '*Esp*'     # a subset (BenchmarkDotNet glob); the document is then
#                                           # built from that subset only: for exploring, not committing
#   bench/run-micro.sh --no-profile         # skip the CPU profile of the 100,000-filter lookup
#   bench/run-micro.sh --report-only DIR    # rebuild the document from a previous run's DIR
#   bench/run-micro.sh --rerun DIR --filter '*Classify*'
#                                           # run some cases again into a previous run's DIR (their figures
#                                           # were disturbed) and rebuild the document; the document says so
#   bench/run-micro.sh --out FILE           # write the document elsewhere
#
# Results stay in bench/artifacts/micro-<UTC time>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

filter='*'
profile=yes
out=docs/benchmarks.md
report_only=
rerun=
while [ $# -gt 0 ]; do
    case "$1" in
        --filter) filter=$2; shift 2 ;;
        --no-profile) profile=no; shift ;;
        --out) out=$2; shift 2 ;;
        --report-only) report_only=$2; shift 2 ;;
        --rerun) rerun=$2; shift 2 ;;
        *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

project=bench/Benchmarks
dll=$project/bin/Release/net10.0/Benchmarks.dll
load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

dotnet build "$project" --configuration Release --nologo --verbosity quiet

if [ -n "$rerun" ]; then
    [ "$filter" != '*' ] || { echo "--rerun needs --filter (the cases to run again)" >&2; exit 2; }
    patch=$rerun/main/rerun-$(date -u +%Y%m%dT%H%M%SZ)
    mkdir -p "$patch"
    load > "$patch/load-start"
    echo "running $filter again into $patch (load average at start: $(cat "$patch/load-start"))"
    if ! dotnet "$dll" --filter "$filter" --artifacts "$patch" > "$patch/run.log" 2>&1; then
        echo "benchmark run failed; see $patch/run.log" >&2
        exit 1
    fi
    load > "$patch/load-end"
    report_only=$rerun
fi

if [ -n "$report_only" ]; then
    dir=$report_only
    started=$(cat "$dir/started" 2>/dev/null || echo "not recorded")
    finished=$(cat "$dir/finished" 2>/dev/null || echo "not recorded")
    load_start=$(cat "$dir/load-start" 2>/dev/null || echo "not recorded")
    load_end=$(cat "$dir/load-end" 2>/dev/null || echo "not recorded")
else
    dir=bench/artifacts/micro-$(date -u +%Y%m%dT%H%M%SZ)
    mkdir -p "$dir"
    started=$(now); load_start=$(load)
    echo "$started" > "$dir/started"; echo "$load_start" > "$dir/load-start"
    echo "micro benchmarks: $dir (load average at start: $load_start)"

    echo "running (progress: tail -f $dir/run.log)"
    if ! dotnet "$dll" --filter "$filter" --artifacts "$dir/main" > "$dir/run.log" 2>&1; then
        echo "benchmark run failed; see $dir/run.log" >&2
        exit 1
    fi
    grep -a 'Global total time' "$dir/run.log" || true

    # Profiling only makes sense with the classification benchmark in the run.
    if [ "$profile" = yes ] && [ "$filter" = '*' ]; then
        echo "profiling the 100,000-filter lookup"
        dotnet "$dll" profile-classify "$dir/profile" > "$dir/profile.log" 2>&1 || echo "profile failed (see $dir/profile.log); the document goes without it" >&2
    fi

    finished=$(now); load_end=$(load)
    echo "$finished" > "$dir/finished"; echo "$load_end" > "$dir/load-end"
    echo "load average at end: $load_end"
fi

speedscope=$(find "$dir/profile" -name '*.speedscope.json' 2>/dev/null | head -n 1 || true)
dotnet "$dll" report \
    --results "$dir/main" \
    --out "$out" \
    --started "$started" --finished "$finished" \
    --load-start "$load_start" --load-end "$load_end" \
    --profile "${speedscope:-none}" \
    --command "bench/run-micro.sh"
