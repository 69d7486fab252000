#!/usr/bin/env bash
# Memory and setup for many clients (issue 6, benchmark 3): N concurrent L2TP/IPsec sessions against
# one gateway engine of ours. Resident memory per session, sessions set up per second, gateway CPU
# per idle session.
#
#   [RESULTS=DIR] bench/system/vpn-sessions.sh [--sessions "1000 10000"] [--concurrency W] [--group 19|14]
#                 [--auth mschapv2|pap|chap] [--idle SECONDS] [--timeout SECONDS] [--profile]
#
# The gateway: our engine in namespace ipsv-b (10.79.0.2 on v-b), configured as Start-VpnGateway and
# Add-VpnUser write it (bench/VpnLoad configure: a pool of 65,000 addresses, MaxSessions 65,535,
# one user), started with the default log level. The clients: bench/VpnLoad in namespace ipsv-a, one
# process, one source address each from 10.78.0.1 on (A holds 10.78.0.0/16 as one local route,
# B routes it to A): IKEv1 main + quick mode (PSK, DH 19 or 14), ESP transport for UDP 1701 through
# our userspace data plane, an L2TP tunnel and call, PPP (LCP, MS-CHAPv2 by default, IPCP), W
# setting up at a time, then all idle. VpnLoad reads the gateway's VmRSS and CPU time from
# /proc/PID before the sessions (after 5 warm-up sessions), once they are up and after the idle
# time, and asks the gateway for its session count through the control socket.
#
# --profile: once the generator is done (the gateway still holds every session: it notices the
# clients are gone only after four unanswered LCP echoes), dotnet-gcdump (a NuGet global tool:
# `dotnet tool install -g dotnet-gcdump`) writes the gateway's managed heap by type into
# vpn-n<N>-heap.txt, with VmRSS and the GC heap size after the full GC it forces.
#
# RESULTS (default bench/artifacts/vpn-sessions-<UTC time>) gets results.tsv (section "vpn", case
# "n<N>"), vpn-n<N>.json (VpnLoad's summary) and scratch/ (the engine's log and store). Every
# process started here is stopped by its pid and the namespaces are deleted on exit (trap).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
: "${RESULTS:=$ROOT/bench/artifacts/vpn-sessions-$(date -u +%Y%m%dT%H%M%SZ)}"
export RESULTS
mkdir -p "$RESULTS"
source "$(dirname "$0")/lib.sh"
# Namespaces of our own (lib.sh's helpers act on these names), so this runs beside the other
# benchmarks' ipsb-a/ipsb-b without touching them.
NS_A=ipsv-a
NS_B=ipsv-b
NS_NAT=ipsv-nat

sessions="1000 10000"
concurrency=200
group=19
auth=mschapv2
idle=60
timeout=1800
profile=no
while [ $# -gt 0 ]; do
    case "$1" in
        --sessions) sessions=$2; shift 2 ;;
        --concurrency) concurrency=$2; shift 2 ;;
        --group) group=$2; shift 2 ;;
        --auth) auth=$2; shift 2 ;;
        --idle) idle=$2; shift 2 ;;
        --timeout) timeout=$2; shift 2 ;;
        --profile) profile=yes; shift ;;
        *) die "unknown option $1" ;;
    esac
done
[ "$(id -u)" = 0 ] || die "vpn-sessions.sh needs root (network namespaces)"
trap bench_cleanup EXIT

LOAD_DLL=$BENCH_ROOT/bench/VpnLoad/bin/Release/net10.0/VpnLoad.dll
CLIENTS=10.78.0.0/16
FIRST_CLIENT=10.78.0.1
POOL=10.90.0.1-10.90.254.254
if [ ! -f "$LOAD_DLL" ] || [ ! -f "$ENGINE_DLL" ]; then
    log "building the engine and bench/VpnLoad (Release)"
    dotnet build "$BENCH_ROOT/src/IpSecPolicy/IpSecPolicy.Shell" --configuration Release --nologo --verbosity quiet >&2
    dotnet build "$BENCH_ROOT/bench/VpnLoad" --configuration Release --nologo --verbosity quiet >&2
fi

# run_sessions N: one gateway, N sessions, idle, figures into results.tsv.
run_sessions() {
    local n=$1 case=n$1 store=$SCRATCH/store-vpn-$1 json pid
    ns_pair_up
    # Every address of the clients' /16 is local in A (no address per client), and B routes it to A.
    ip -n "$NS_A" route add local "$CLIENTS" dev lo
    ip -n "$NS_B" route add "$CLIENTS" via "$ADDR_A"
    # The engine refuses an interface whose operstate is not UP yet; the kernel reports a new veth's
    # carrier up to a second after it already passes traffic (linkwatch).
    for _ in $(seq 1 50); do
        ip -n "$NS_B" link show v-b | grep -q 'state UP' && break
        sleep 0.1
    done
    rm -rf "$store"
    dotnet "$LOAD_DLL" configure --store "$store" --interface v-b --pool "$POOL" --max-sessions 65535 --auth "$auth"
    engine_start "vpn-gw-$n" "$NS_B" v-b "$store"
    pid=$(engine_pid "vpn-gw-$n")
    sleep 2   # the engine applies the store's policy and starts the gateway after its control socket opens
    kill -0 "$pid" 2>/dev/null || { tail -5 "$SCRATCH/vpn-gw-$n.log" >&2; die "the gateway engine exited"; }
    log "$case: $n sessions, $concurrency at a time, DH $group, $auth, gateway pid $pid, load average $(load_average)"
    record vpn "$case" load_average_start "$(load_average)"
    ip netns exec "$NS_B" nstat -n > /dev/null   # reset the namespaces' counters (IKE datagrams lost to full receive buffers)
    ip netns exec "$NS_A" nstat -n > /dev/null
    # In the background with its pid recorded, so that the EXIT trap stops it too; its progress
    # lines go to the terminal and to scratch/, its JSON to vpn-<case>.json.
    ip netns exec "$NS_A" dotnet "$LOAD_DLL" run --gateway "$ADDR_B" --first-source "$FIRST_CLIENT" --sessions "$n" \
        --concurrency "$concurrency" --group "$group" --auth "$auth" --idle "$idle" --timeout "$timeout" \
        --gateway-pid "$pid" --control-socket "$SCRATCH/vpn-gw-$n/engine.sock" \
        > "$RESULTS/vpn-$case.json" 2> >(tee "$SCRATCH/$case-load.err" >&2) &
    local generator=$!
    BENCH_PIDS+=("$generator")
    wait "$generator" || log "$case: the load generator exited with status $?"
    json=$(cat "$RESULTS/vpn-$case.json")
    record vpn "$case" load_average_end "$(load_average)"
    record vpn "$case" gateway_udp_receive_buffer_drops "$(ip netns exec "$NS_B" nstat -az UdpRcvbufErrors | awk '/UdpRcvbufErrors/ { print $2 }')"
    record vpn "$case" clients_udp_receive_buffer_drops "$(ip netns exec "$NS_A" nstat -az UdpRcvbufErrors | awk '/UdpRcvbufErrors/ { print $2 }')"
    python3 - "$case" "$RESULTS/results.tsv" "$RESULTS/vpn-$case.json" <<'PY'
import json, sys
case, out_path, json_path = sys.argv[1:4]
try:
    d = json.load(open(json_path))
except ValueError:
    d = {"error": "the load generator printed no result (see scratch/%s-load.err)" % case}
with open(out_path, "a") as out:
    for key, value in d.items():
        if isinstance(value, dict):
            value = "; ".join("%s: %s" % kv for kv in value.items()) or "none"
        out.write("vpn\t%s\t%s\t%s\n" % (case, key, value))
PY
    [ "$profile" = yes ] && profile_heap "$case" "$pid"
    stop_bg "vpn-gw-$n"
    log "$case: $json"
}

# profile_heap CASE PID: the gateway's managed heap by type (dotnet-gcdump forces a full GC first).
profile_heap() {
    local case=$1 pid=$2 gcdump=${DOTNET_GCDUMP:-$HOME/.dotnet/tools/dotnet-gcdump}
    [ -x "$gcdump" ] || { log "no dotnet-gcdump at $gcdump: no heap profile"; return 0; }
    "$gcdump" collect -p "$pid" -o "$SCRATCH/$case.gcdump" > "$SCRATCH/$case-gcdump.log" 2>&1 || { log "dotnet-gcdump collect failed"; return 0; }
    "$gcdump" report "$SCRATCH/$case.gcdump" > "$SCRATCH/$case-heapstat.txt" 2>&1
    {
        echo "VmRSS after the full GC: $(awk '/VmRSS/ { print $2, $3 }' "/proc/$pid/status")"
        head -3 "$SCRATCH/$case-heapstat.txt"
        echo
        echo "  total bytes     count  type (heapstat rows: bytes per object x count, largest totals first)"
        # heapstat prints bytes per object and the count; the total per row is their product.
        awk 'NR > 4 && $2 ~ /^[0-9,]+$/ { b = $1; c = $2; gsub(",", "", b); gsub(",", "", c); $1 = ""; $2 = ""; printf "%13d %9d %s\n", b * c, c, $0 }' \
            "$SCRATCH/$case-heapstat.txt" | sort -n -r | awk 'NR <= 80'   # not head: pipefail and SIGPIPE
    } > "$RESULTS/vpn-$case-heap.txt"
    record vpn "$case" gateway_rss_kb_after_full_gc "$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")"
    record vpn "$case" gateway_managed_heap_bytes "$(awk '/GC Heap bytes/ { gsub(",", "", $1); print $1; exit }' "$SCRATCH/$case-heapstat.txt")"
}

print_table() {
    python3 - "$RESULTS/results.tsv" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    section, case, key, value = line.rstrip("\n").split("\t", 3)
    if section == "vpn" and case != "meta":
        rows.setdefault(case, {})[key] = value
columns = [("sessions", "sessions"), ("established", "up"), ("failed", "failed"),
           ("sessions_per_second", "set up/s"), ("latency_ms_median", "setup ms p50"), ("latency_ms_p99", "p99"),
           ("gateway_rss_kb_before", "RSS before KB"), ("gateway_rss_kb_established", "RSS up KB"),
           ("rss_bytes_per_session_established", "B/session up"), ("rss_bytes_per_session_after_idle", "B/session idle"),
           ("gateway_setup_cpu_ms_per_session", "setup CPU ms/session"),
           ("gateway_idle_cpu_us_per_session_second", "idle CPU us/session/s"), ("load_average_start", "load avg")]
print("| " + " | ".join(title for _, title in columns) + " |")
print("|" + "---|" * len(columns))
for case in sorted(rows, key=lambda c: int(c[1:]) if c[1:].isdigit() else 0):
    print("| " + " | ".join(rows[case].get(key, "") for key, _ in columns) + " |")
PY
}

log "VPN sessions: N = $sessions, load average $(load_average)"
record vpn meta load_average_start "$(load_average)"
record vpn meta concurrency "$concurrency"
record vpn meta group "$group"
record vpn meta authentication "$auth"
for n in $sessions; do
    run_sessions "$n"
done
record vpn meta load_average_end "$(load_average)"
print_table
