#!/usr/bin/env bash
# Cmdlets at scale (issue 6, benchmark 5), through ipsecpolicy-shell on a fresh store: create N
# filters (default 10,000) in one pipeline (objects bound to New-IpSecFilter by property name), then
# Get-IpSecFilter over all of them, and over all of them filtered with Where-Object. Timed inside
# the script with a Stopwatch, so the shell's own start-up is not counted (it is recorded apart).
#
#   RESULTS=DIR bench/system/cmdlets.sh [--counts "1000 10000"] [--limit SECONDS (default 1800)]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

counts="1000 10000"
# Creating filters one store update at a time is quadratic: 10,000 can take the better part of an
# hour on a busy 2-core machine. Past the limit the run is stopped and what it reached is recorded.
limit=${BENCH_CMDLETS_LIMIT:-1800}
while [ $# -gt 0 ]; do
    case "$1" in
        --counts) counts=$2; shift 2 ;;
        --limit) limit=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done

SCRIPT='param([int]$Count)
New-IpSecFilterList -Name "Bulk" | Out-Null
$watch = [System.Diagnostics.Stopwatch]::StartNew()
1..$Count | ForEach-Object {
    [pscustomobject]@{ FilterList = "Bulk"; SourceAddress = "Me"; DestinationAddress = "10.50.$([math]::Floor($_ / 256)).$($_ % 256)"; Protocol = "UDP"; DestinationPort = 1000 + $_ % 50000 }
} | New-IpSecFilter | Out-Null
"create_ms=$([int]$watch.Elapsed.TotalMilliseconds)"
$watch.Restart()
$all = @(Get-IpSecFilter -FilterList "Bulk")
"get_ms=$([int]$watch.Elapsed.TotalMilliseconds)"
"get_count=$($all.Count)"
$watch.Restart()
$some = @(Get-IpSecFilter -FilterList "Bulk" | Where-Object { $_.DestinationPort -lt 1100 })
"get_where_ms=$([int]$watch.Elapsed.TotalMilliseconds)"
"get_where_count=$($some.Count)"'

# record_unfinished N ELAPSED_MS: the pipeline did not finish; how many filters the store holds.
record_unfinished() {
    local n=$1 elapsed=$2 store=$SCRATCH/store-bulk-$1/policy-store.json
    record cmdlets "filters-$n" unfinished_after_ms "$elapsed"
    record cmdlets "filters-$n" created_when_stopped "$(grep -o '"sourceAddress"' "$store" 2>/dev/null | wc -l)"
    record cmdlets "filters-$n" store_bytes "$(stat -c %s "$store" 2>/dev/null || echo 0)"
    record cmdlets "filters-$n" load_average "$(load_average)"
    log "$n filters: stopped after $((elapsed / 1000)) s with $(grep -o '"sourceAddress"' "$store" 2>/dev/null | wc -l) created"
}

printf '%s\n' "$SCRIPT" > "$SCRATCH/bulk.ps1"
printf '"ready"\n' > "$SCRATCH/empty.ps1"
log "cmdlets: $counts filters, load average $(load_average)"
record cmdlets meta load_average_start "$(load_average)"
started=$(date +%s%3N)
IPSECPOLICY_STORE=$SCRATCH/store-empty dotnet "$SHELL_DLL" "$SCRATCH/empty.ps1" > /dev/null
record cmdlets meta shell_startup_ms "$(($(date +%s%3N) - started))"
for n in $counts; do
    rm -rf "$SCRATCH/store-bulk-$n"
    started=$(date +%s%3N)
    if ! out=$(IPSECPOLICY_STORE=$SCRATCH/store-bulk-$n timeout "$limit" dotnet "$SHELL_DLL" "$SCRATCH/bulk.ps1" "$n"); then
        record_unfinished "$n" "$(($(date +%s%3N) - started))"
        continue
    fi
    for key in create_ms get_ms get_count get_where_ms get_where_count; do
        record cmdlets "filters-$n" "$key" "$(echo "$out" | sed -n "s/^$key=//p")"
    done
    record cmdlets "filters-$n" store_bytes "$(stat -c %s "$SCRATCH/store-bulk-$n/policy-store.json")"
    record cmdlets "filters-$n" load_average "$(load_average)"
    log "$n filters: $(echo "$out" | tr '\n' ' ')"
done
record cmdlets meta load_average_end "$(load_average)"
