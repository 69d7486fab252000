#!/usr/bin/env bash
# IKE setup rate (issue 6, benchmark 1): IKEv1 main mode + quick mode with a pre-shared key, DH 14
# and DH 19, N SAs initiated at once against one responder: ours, then strongSwan's charon
# (kernel-libipsec), on the same two namespaces with the same load generator.
#
#   RESULTS=DIR bench/system/ike.sh [--clients N] [--groups "14 19"] [--timeout SECONDS] [--warmup K] [--settle SECONDS]
#
# The load generator (bench/IkeLoad) runs in namespace A: N initiators, each a whole IkeEngine of
# ours on its own source address (10.78.0.1, 10.78.0.2, ... on A's veth), all started at once.
# The responder runs in namespace B (10.79.0.2). What is measured is the responder: the generator's
# own work is the same in both runs. Both sides share the machine's 2 cores, as the issue asks.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

clients=1000
groups="14 19"
timeout=150
warmup=400
settle=3
while [ $# -gt 0 ]; do
    case "$1" in
        --clients) clients=$2; shift 2 ;;
        --groups) groups=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --settle) settle=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
# charon sets no receive buffer on its IKE sockets and takes the kernel's default
# (net.core.rmem_default, machine-wide: a namespace cannot set its own), which a burst of 1,000
# peers overflows; ours forces 4 MiB (SO_RCVBUFFORCE). So that the comparison is of the daemons and
# not of that setting, the default is raised to ours while charon opens its sockets, then restored.
CHARON_RECEIVE_BUFFER=4194304
kernel_receive_buffer=$(cat /proc/sys/net/core/rmem_default)
restore_receive_buffer() { sysctl -qw net.core.rmem_default="$kernel_receive_buffer"; }
trap 'restore_receive_buffer; bench_cleanup' EXIT

# Namespaces of this benchmark's own (lib.sh's ipsb-a/ipsb-b by default): other benchmarks may run
# at the same time on the same machine, and ns_pair_up deletes the namespaces it is about to create.
NS_A=${IKE_BENCH_NS_A:-$NS_A}
NS_B=${IKE_BENCH_NS_B:-$NS_B}
NS_NAT=${IKE_BENCH_NS_NAT:-$NS_NAT}

LOAD_DLL=$BENCH_ROOT/bench/IkeLoad/bin/Release/net10.0/IkeLoad.dll
PSK='bench pre-shared key 0123456789'
FIRST_SOURCE=10.78.0.1

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The generator's source addresses on A's veth (/32 each), and B's route back to them.
add_sources() {
    local i
    # The measured clients and, after them, the 5 addresses the generator's warm-up clients take in turn.
    for ((i = 0; i < clients + 5; i++)); do
        printf 'addr add 10.78.%d.%d/32 dev v-a\n' $(((i + 1) / 256)) $(((i + 1) % 256))
    done | ip -n "$NS_A" -batch -
    ip -n "$NS_B" route add 10.78.0.0/16 dev v-b
}

# run_load CASE RESPONDER_PID GROUP MODE: one run of the generator; records its figures.
run_load() {
    local case=$1 pid=$2 group=$3 mode=$4 before after hz json
    hz=$(getconf CLK_TCK)
    ip netns exec "$NS_B" nstat -n > /dev/null   # reset the responder namespace's counters
    before=$(cpu_ticks "$pid")
    json=$(ip netns exec "$NS_A" dotnet "$LOAD_DLL" --target "$ADDR_B" --first-source "$FIRST_SOURCE" \
        --clients "$clients" --group "$group" --mode "$mode" --psk "$PSK" --timeout "$timeout" --warmup "$warmup" --settle "$settle" --responder-pid "$pid" 2> "$SCRATCH/$case-load.err")
    after=$(cpu_ticks "$pid")
    # Datagrams the responder's sockets dropped because it did not read them in time (full receive buffer).
    record ike "$case" responder_udp_receive_buffer_drops "$(ip netns exec "$NS_B" nstat -az UdpRcvbufErrors | awk '/UdpRcvbufErrors/ { print $2 }')"
    record ike "$case" responder_udp_datagrams_in "$(ip netns exec "$NS_B" nstat -az UdpInDatagrams | awk '/UdpInDatagrams/ { print $2 }')"
    echo "$json" > "$RESULTS/ike-$case.json"
    python3 - "$case" "$RESULTS/results.tsv" <<PY
import json, sys
d = json.loads('''$json''')
with open(sys.argv[2], "a") as out:
    for key in ("clients", "established", "failed", "unfinished", "seconds_to_last", "sas_per_second",
                "latency_ms_min", "latency_ms_median", "latency_ms_p90", "latency_ms_p99", "latency_ms_max"):
        out.write("ike\t%s\t%s\t%s\n" % (sys.argv[1], key, d[key]))
    out.write("ike\t%s\tfailures\t%s\n" % (sys.argv[1], "; ".join("%s: %d" % kv for kv in d["failures"].items()) or "none"))
PY
    record ike "$case" responder_cpu_seconds "$(awk -v t="$((after - before))" -v h="$hz" 'BEGIN { printf "%.2f", t / h }')"
    # Only the burst: from its start until the last SA is set up (no warm-up, no deletions after).
    record ike "$case" responder_cpu_seconds_burst "$(python3 -c 'import json,sys; print("%.2f" % (json.loads(sys.argv[1])["responder_cpu_ticks_burst"] / float(sys.argv[2])))' "$json" "$hz")"
    record ike "$case" load_average "$(load_average)"
    log "$case: $json"
}

ours() {
    local group=$1 case=ours-dh$1
    ns_pair_up; add_sources
    rm -rf "$SCRATCH/store-b"
    shell_script "$NS_B" "$SCRATCH/store-b" "$(partner_policy 10.78.0.0/16 'ESP[AES128,SHA256]' "AES128-SHA256-$group")" > /dev/null
    ENGINE_LOG_LEVEL=Information engine_start engine-b "$NS_B" v-b "$SCRATCH/store-b"   # the default level
    sleep 1
    run_load "$case" "$(engine_pid engine-b)" "$group" transport
    stop_bg engine-b
}

strongswan_responder_conf() { # GROUP_NAME
    cat <<CONF
connections {
  bench {
    version = 1
    local_addrs = $ADDR_B
    remote_addrs = 10.78.0.0/16
    proposals = aes128-sha256-$1
    local {
      auth = psk
      id = $ADDR_B
    }
    remote {
      auth = psk
    }
    children {
      bench {
        mode = tunnel
        esp_proposals = aes128-sha256
      }
    }
  }
}
secrets {
  ike-bench {
    secret = "$PSK"
  }
}
CONF
}

strongswan() {
    local group=$1 case=strongswan-dh$1 name
    name=$([ "$group" = 14 ] && echo modp2048 || echo ecp256)
    ns_pair_up; add_sources
    # Tuned for many SAs as strongSwan's documentation advises (the IKE_SA table defaults to one
    # bucket), short DH exponents as ours draws (RFC 3526 section 8), no routes per CHILD_SA (ours
    # installs none in transport mode either). Tunnel mode: kernel-libipsec has no transport mode.
    sysctl -qw net.core.rmem_default="$CHARON_RECEIVE_BUFFER"
    charon_start charon-b "$NS_B" "$(strongswan_responder_conf "$name")" \
        "install_routes = no
  dh_exponent_ansi_x9_42 = no
  ikesa_table_size = 4096
  ikesa_table_segments = 16"
    restore_receive_buffer
    run_load "$case" "$(cat "$SCRATCH/charon-b.pid")" "$group" tunnel
    swanctl_in charon-b --stats > "$RESULTS/ike-$case-stats.txt" 2>&1 || true
    stop_bg charon-b
}

[ -f "$LOAD_DLL" ] || die "build bench/IkeLoad first (bench/run-system.sh does)"
log "IKE setup, $clients SAs at once per run, groups $groups, load average $(load_average)"
record ike meta clients "$clients"
record ike meta warmup "$warmup"
record ike meta charon_receive_buffer_bytes "$CHARON_RECEIVE_BUFFER"
record ike meta load_average_start "$(load_average)"
for group in $groups; do
    ours "$group"
    strongswan "$group"
done
record ike meta load_average_end "$(load_average)"
