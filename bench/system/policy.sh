#!/usr/bin/env bash
# Policy at scale (issue 6, benchmark 4): a policy of N written filters (default 100,000, and 10 to
# compare): Import-IpSecPolicy of its JSON document, then the engine's start on it (compile with the
# module's compiler, translate, apply the nftables table: the engine log's timestamps split the
# phases), its memory, and the packet rate its enforcement leaves: UDP datagrams of 64 bytes from A
# to B that match none of the filters, so every packet is classified against the whole policy.
#
#   RESULTS=DIR bench/system/policy.sh [--filters "10 100000"] [--seconds N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# Other benchmarks may run at the same time on this machine: BENCH_NS_PREFIX gives this one its own
# namespaces (the default, ipsb, is lib.sh's).
if [ -n "${BENCH_NS_PREFIX:-}" ]; then
    NS_A=$BENCH_NS_PREFIX-a NS_B=$BENCH_NS_PREFIX-b NS_NAT=$BENCH_NS_PREFIX-nat
fi

sizes="10 100000"
seconds=10
while [ $# -gt 0 ]; do
    case "$1" in
        --filters) sizes=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
trap bench_cleanup EXIT

# policy_document N: a policy-as-code document (docs/policy-format.md) with one Block rule over a
# filter list of N mirrored filters: Me to one host each (10.100.0.0 onwards), UDP, one port each.
policy_document() {
    local n=$1 i
    printf '{\n  "formatVersion": 1,\n  "policy": {\n    "name": "Scale",\n    "rules": [\n      { "name": "Scale rule", "filterList": "Scale", "filterAction": "Scale block" }\n    ]\n  },\n'
    printf '  "filterLists": [\n    {\n      "name": "Scale",\n      "filters": [\n'
    for ((i = 0; i < n; i++)); do
        printf '        { "sourceAddress": "Me", "destinationAddress": "10.%d.%d.%d", "protocol": "UDP", "destinationPort": %d }%s\n' \
            $((100 + (i >> 16))) $(((i >> 8) & 255)) $((i & 255)) $((1024 + i % 50000)) "$([ $i -lt $((n - 1)) ] && echo ,)"
    done
    printf '      ]\n    }\n  ],\n  "filterActions": [\n    { "name": "Scale block", "action": "Block" }\n  ]\n}\n'
}

# ms_between LOG EVENT_A EVENT_B: milliseconds between the first log lines with these event ids.
ms_between() {
    local a b
    a=$(grep -m1 "\[$2\]" "$1" | cut -d' ' -f1)
    b=$(grep -m1 "\[$3\]" "$1" | cut -d' ' -f1)
    [ -n "$a" ] && [ -n "$b" ] || { echo nan; return; }
    echo $(( ($(date -d "$b" +%s%3N) - $(date -d "$a" +%s%3N)) ))
}

udp_rate() { # udp_rate CASE: 64-byte datagrams A -> B, as fast as one sender goes; "pps loss%"
    local name=$1
    start_bg "iperf-$name" "$NS_B" iperf3 -s -1 -B "$ADDR_B" -p 5202
    sleep 0.5
    ip netns exec "$NS_A" iperf3 -c "$ADDR_B" -p 5202 -u -b 0 -l 64 -t "$seconds" -J > "$SCRATCH/iperf-$name.json" 2> "$SCRATCH/iperf-$name.err" || true
    stop_bg "iperf-$name"
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["end"]["sum"]; r=s["packets"]-s["lost_packets"]; print("%.0f %.1f" % (r/s["seconds"], s["lost_percent"]))' "$SCRATCH/iperf-$name.json" 2>/dev/null || echo "nan nan"
}

scale() {
    local n=$1 case=filters-$1 out
    ns_pair_up
    local store=$SCRATCH/store-$n document=$SCRATCH/policy-$n.json
    rm -rf "$store"
    policy_document "$n" > "$document"
    record policy "$case" document_bytes "$(stat -c %s "$document")"
    out=$(shell_script "$NS_B" "$store" "\$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-IpSecPolicy -Path '$document' | Out-Null
\"import_ms=\$([int]\$watch.Elapsed.TotalMilliseconds)\"
\$watch.Restart()
Enable-IpSecPolicy -Name 'Scale'
\"assign_ms=\$([int]\$watch.Elapsed.TotalMilliseconds)\"")
    record policy "$case" import_ms "$(echo "$out" | sed -n 's/^import_ms=//p')"
    record policy "$case" assign_ms "$(echo "$out" | sed -n 's/^assign_ms=//p')"

    local started ready
    started=$(date +%s%3N)
    ENGINE_LOG_LEVEL=Information engine_start "engine-$n" "$NS_B" v-b "$store"
    local log=$SCRATCH/engine-$n.log pid i
    # The socket file appears when it is bound; the engine is ready (policy compiled and applied) at event 1001.
    for i in $(seq 1 6000); do grep -q '\[1001\]' "$log" && break; sleep 0.1; done
    ready=$(date +%s%3N)
    grep -q '\[1001\]' "$log" || die "engine with $n filters not ready within 10 minutes"
    pid=$(engine_pid "engine-$n")
    record policy "$case" engine_start_to_ready_ms "$((ready - started))"
    # 1000 starting, 1201 compiled, 3000 data plane up, 3001 nftables written, 1001 ready.
    record policy "$case" compile_ms "$(ms_between "$log" 1000 1201)"
    record policy "$case" apply_ms "$(ms_between "$log" 1201 3001)"
    record policy "$case" effective_filters "$(grep -m1 '\[1201\]' "$log" | sed -n 's/.*: \([0-9]*\) effective filters.*/\1/p')"
    record policy "$case" nft_rules "$(grep -m1 '\[3001\]' "$log" | sed -n 's/.*: \([0-9]*\) rules.*/\1/p')"
    # What the table holds: its chains' rules (a verdict-map lookup is one) and its maps; terse, without the elements.
    local table
    table=$(ip netns exec "$NS_B" nft -t list table inet ipsecpolicy 2>/dev/null || true)
    record policy "$case" nft_chain_rules "$(printf '%s\n' "$table" | grep -cP '^\t\t(?!type |flags |elements )' || true)"
    record policy "$case" nft_maps "$(printf '%s\n' "$table" | grep -cP '^\tmap ' || true)"
    # 1208: the enforcer could not apply the policy (the engine still starts, failing closed).
    if grep -q '\[1208\]' "$log"; then
        record policy "$case" apply_failed "$(grep -m1 'Audit 5461' "$log" | sed -n "s/.*failed to apply policy '[^']*': //p" | cut -c1-200 | tr '\t' ' ')"
    fi
    record policy "$case" engine_rss_kb "$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")"
    read -r pps loss <<< "$(udp_rate "$case")"
    record policy "$case" udp64_pps "$pps"
    record policy "$case" udp64_loss_percent "$loss"
    record policy "$case" load_average "$(load_average)"
    log "$case: $(grep -P "^policy\t$case\t" "$RESULTS/results.tsv" | cut -f3,4 | tr '\t\n' '= ')"
    stop_bg "engine-$n"
}

baseline() {
    ns_pair_up
    read -r pps loss <<< "$(udp_rate no-engine)"
    record policy no-engine udp64_pps "$pps"
    record policy no-engine udp64_loss_percent "$loss"
    log "no engine: $pps packets/s"
}

log "policy at scale: $sizes written filters, load average $(load_average)"
record policy meta load_average_start "$(load_average)"
baseline
for n in $sizes; do scale "$n"; done
record policy meta load_average_end "$(load_average)"
