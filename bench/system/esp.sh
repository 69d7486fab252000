#!/usr/bin/env bash
# ESP throughput (issue 6, benchmark 2): iperf3 TCP (one stream) and a 1400-byte UDP packet rate
# between two namespaces, through
#   - plain veth (no IPsec; the ceiling),
#   - our engine: transport mode, AES-GCM-16-256 and AES-CBC-128/HMAC-SHA-256-128, directly
#     (raw ESP) and through a NAT (ESP in UDP 4500),
#   - strongSwan 5.9.8 charon + kernel-libipsec (userspace ESP on a TUN device; host-to-host
#     tunnel mode, always ESP in UDP 4500: libipsec forces UDP encapsulation), same two transforms,
#   - wireguard-go (Debian), the userspace TUN data plane of reference.
# All in one run, one after the other, so the ratios compare like with like. With --rounds N the
# whole sequence runs N times and each figure is the median of its N rounds: on a shared machine a
# burst of other work then hits one round of every case rather than every round of one.
#
#   RESULTS=DIR bench/system/esp.sh [--seconds N] [--rounds N] [--profile] [--cases "CASE ..."] [--baseline-bin DIR]
#
# --profile: after the measurements, a CPU profile (perf, with the runtime's perf map for JIT
# frames) of both engines during a TCP run with AES-GCM-256, written to DIR/esp-profile-*.txt.
# --cases: only these cases, in this order (names as recorded: veth ours-gcm256 ours-cbc128-sha256
# ours-gcm256-clamped ours-gcm256-natt ours-cbc128-sha256-natt strongswan-gcm256
# strongswan-cbc128-sha256 wireguard-go; with --baseline-bin also any ours-...-baseline).
# --baseline-bin DIR: another build of the shell and engine (e.g. the previous commit's, built
# elsewhere): ours-CASE-baseline runs ours-CASE with it, and without --cases ours-gcm256-baseline
# runs next to ours-gcm256: what a change to the engine gained, in the same run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

seconds=10
rounds=1
round=1
profile=no
cases="veth ours-gcm256 ours-cbc128-sha256 ours-gcm256-clamped ours-gcm256-natt ours-cbc128-sha256-natt strongswan-gcm256 strongswan-cbc128-sha256 wireguard-go"
baseline_bin=
cases_given=no
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --profile) profile=yes; shift ;;
        --cases) cases=$2; cases_given=yes; shift 2 ;;
        --baseline-bin) baseline_bin=$2; shift 2 ;;
        *) die "unknown option $1" ;;
    esac
done
trap bench_cleanup EXIT
export ENGINE_LOG_LEVEL=${ENGINE_LOG_LEVEL:-Debug}

PSK='bench pre-shared key 0123456789'
# Lifetimes: the policy's kilobyte lifetime would rekey every few seconds at these rates (Windows'
# default is 100,000 KB); strongSwan and wireguard-go do not rekey by volume. So ours gets 2 TB.
GCM="ESP[AESGCM256,None]:2000000000k/28800s"
CBC="ESP[AES128,SHA256]:2000000000k/28800s"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# measure CASE CLIENT_ADDRESS_NS SERVER_ADDRESS [PIDS...]: TCP then UDP; records the figures, and the
# CPU seconds the listed processes used during the TCP run.
measure() {
    local case=$1 server_address=$2; shift 2
    local pids=("$@") before=() after i tcp udp hz
    hz=$(getconf CLK_TCK)
    for i in "${!pids[@]}"; do before[$i]=$(cpu_ticks "${pids[$i]}"); done
    tcp=$(iperf_tcp "$case" "$NS_A" "$NS_B" "$server_address" "$seconds")
    local cpu=0
    for i in "${!pids[@]}"; do after=$(cpu_ticks "${pids[$i]}"); cpu=$((cpu + after - before[i])); done
    udp=$(iperf_udp "$case" "$NS_A" "$NS_B" "$server_address" "$seconds")
    read -r tcp_mbps retransmits <<< "$tcp"
    read -r udp_pps udp_mbps udp_loss <<< "$udp"
    # Per round; summarize_rounds turns them into the figures (medians) the report reads.
    record esp "$case" "round${round}_tcp_mbps" "$tcp_mbps"
    record esp "$case" "round${round}_tcp_retransmits" "$retransmits"
    record esp "$case" "round${round}_udp_pps" "$udp_pps"
    record esp "$case" "round${round}_udp_mbps" "$udp_mbps"
    record esp "$case" "round${round}_udp_loss_percent" "$udp_loss"
    [ ${#pids[@]} -gt 0 ] && record esp "$case" "round${round}_cpu_seconds_tcp" "$(awk -v t="$cpu" -v h="$hz" 'BEGIN { printf "%.2f", t / h }')"
    record esp "$case" load_average "$(load_average)"
    log "$case (round $round of $rounds): TCP $tcp_mbps Mbit/s ($retransmits retransmits), UDP $udp_pps packets/s ($udp_mbps Mbit/s, loss $udp_loss%)"
}

veth() {
    ns_pair_up
    measure veth "$ADDR_B"
}

# ours CASE METHOD nat|direct|clamped
#   clamped: a diagnostic, not a configuration of the product. The engine steers secured traffic
#   into its TUN device (MTU 1400) with a mark set after the route was chosen, so TCP starts from the
#   veth's MTU (MSS 1460); the kernel then learns a path MTU of 1400 for the peer on the veth route,
#   which the engine's own ESP packets (up to ~1436 bytes) also use, and they leave fragmented.
#   Clamping the MSS on the route (advmss 1348) and locking the veth route's MTU at 1500 shows what
#   the data plane does without those fragments.
ours() {
    local case=$1 method=$2 path=$3 peer_of_a=$ADDR_B peer_of_b
    if [ "$path" = nat ]; then ns_nat_up; peer_of_b=Any; else ns_pair_up; peer_of_b=$ADDR_A; fi
    if [ "$path" = clamped ]; then
        ip -n "$NS_A" route replace 10.79.0.0/24 dev v-a advmss 1348 mtu lock 1500
        ip -n "$NS_B" route replace 10.79.0.0/24 dev v-b advmss 1348 mtu lock 1500
    fi
    rm -rf "$SCRATCH/store-a" "$SCRATCH/store-b"
    shell_script "$NS_A" "$SCRATCH/store-a" "$(partner_policy "$peer_of_a" "$method")" > /dev/null
    shell_script "$NS_B" "$SCRATCH/store-b" "$(partner_policy "$peer_of_b" "$method")" > /dev/null
    engine_start engine-a "$NS_A" v-a "$SCRATCH/store-a"
    engine_start engine-b "$NS_B" v-b "$SCRATCH/store-b"
    # The first packet starts IKE (and the engines' first IKE exchange pays for JIT compilation).
    local i
    for i in $(seq 1 60); do
        grep -q 'Audit 541 (Success).*Quick Mode' "$SCRATCH/engine-a.log" && break
        ip netns exec "$NS_A" ping -c1 -W1 "$ADDR_B" > /dev/null 2>&1 || true
    done
    grep -q 'Audit 541 (Success).*Quick Mode' "$SCRATCH/engine-a.log" || die "$case: no quick mode SA within 60 s (see $SCRATCH/engine-a.log)"
    wait_ping "$NS_A" "$ADDR_B" || die "$case: no traffic through the SA"
    measure "$case" "$ADDR_B" "$(engine_pid engine-a)" "$(engine_pid engine-b)"
    # Fragments the engines' ESP needed (IPv4 fragments created in A, reassemblies in B).
    record esp "$case" esp_fragments_created_a "$(ip netns exec "$NS_A" nstat -az IpFragCreates | awk '/IpFragCreates/ { print $2 }')"
    record esp "$case" reassemblies_b "$(ip netns exec "$NS_B" nstat -az IpReasmOKs | awk '/IpReasmOKs/ { print $2 }')"
    if [ "$profile" = yes ] && [ "$case" = ours-gcm256 ] && [ "$round" = "$rounds" ]; then profile_engines "$case"; fi
    stop_bg engine-a; stop_bg engine-b
}

strongswan_conf() { # strongswan_conf ME OTHER ESP_PROPOSAL
    cat <<CONF
connections {
  bench {
    version = 1
    local_addrs = $1
    remote_addrs = $2
    proposals = aes128-sha256-modp2048
    local {
      auth = psk
      id = $1
    }
    remote {
      auth = psk
      id = $2
    }
    children {
      bench {
        mode = tunnel
        esp_proposals = $3
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
    local case=$1 proposal=$2
    ns_pair_up
    charon_start charon-a "$NS_A" "$(strongswan_conf "$ADDR_A" "$ADDR_B" "$proposal")"
    charon_start charon-b "$NS_B" "$(strongswan_conf "$ADDR_B" "$ADDR_A" "$proposal")"
    swanctl_in charon-a --initiate --child bench > "$SCRATCH/$case-initiate.log" 2>&1 || { cat "$SCRATCH/$case-initiate.log" >&2; die "$case: initiate failed"; }
    wait_ping "$NS_A" "$ADDR_B" || die "$case: no traffic through the tunnel"
    swanctl_in charon-a --list-sas > "$SCRATCH/$case-sas.log" 2>&1
    measure "$case" "$ADDR_B" "$(cat "$SCRATCH/charon-a.pid")" "$(cat "$SCRATCH/charon-b.pid")"
    stop_bg charon-a; stop_bg charon-b
}

wireguard() {
    ns_pair_up
    local keys=$SCRATCH/wg side
    mkdir -p "$keys"; chmod 700 "$keys"
    umask 077
    for side in a b; do wg genkey > "$keys/$side.key"; wg pubkey < "$keys/$side.key" > "$keys/$side.pub"; done
    # Interface names differ: wireguard-go's control socket is /var/run/wireguard/NAME.sock, shared by all namespaces.
    start_bg wg-a "$NS_A" wireguard-go -f ipsb-wg-a
    start_bg wg-b "$NS_B" wireguard-go -f ipsb-wg-b
    for side in a b; do
        for _ in $(seq 1 50); do [ -S "/var/run/wireguard/ipsb-wg-$side.sock" ] && break; sleep 0.1; done
    done
    ip netns exec "$NS_A" wg set ipsb-wg-a private-key "$keys/a.key" listen-port 51820 peer "$(cat "$keys/b.pub")" endpoint "$ADDR_B:51820" allowed-ips 10.80.0.2/32
    ip netns exec "$NS_B" wg set ipsb-wg-b private-key "$keys/b.key" listen-port 51820 peer "$(cat "$keys/a.pub")" endpoint "$ADDR_A:51820" allowed-ips 10.80.0.1/32
    ip -n "$NS_A" addr add 10.80.0.1/24 dev ipsb-wg-a; ip -n "$NS_A" link set ipsb-wg-a up
    ip -n "$NS_B" addr add 10.80.0.2/24 dev ipsb-wg-b; ip -n "$NS_B" link set ipsb-wg-b up
    wait_ping "$NS_A" 10.80.0.2 || die "wireguard-go: no traffic through the tunnel"
    measure wireguard-go 10.80.0.2 "$(cat "$SCRATCH/wg-a.pid")" "$(cat "$SCRATCH/wg-b.pid")"
    stop_bg wg-a; stop_bg wg-b
}

# summarize_rounds: for every case and figure, the median of its rounds (key without the round
# prefix) and the rounds themselves in order (key_rounds, "a / b / c").
summarize_rounds() {
    python3 - "$RESULTS/results.tsv" <<'PY' >> "$RESULTS/results.tsv"
import collections, re, statistics, sys
rounds = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    parts = line.rstrip("\n").split("\t")
    if len(parts) == 4 and parts[0] == "esp":
        m = re.fullmatch(r"round(\d+)_(.+)", parts[2])
        if m:
            rounds[(parts[1], m.group(2))][int(m.group(1))] = parts[3]
for (case, key), by_round in rounds.items():
    values = [by_round[r] for r in sorted(by_round)]
    numbers = [float(v) for v in values if v not in ("", "nan")]
    if numbers:
        median = statistics.median(numbers)
        print(f"esp\t{case}\t{key}\t{int(median) if median == int(median) else round(median, 2)}")
    print(f"esp\t{case}\t{key}_rounds\t{' / '.join(values)}")
PY
}

# profile_engines CASE: perf samples of both engines during one more TCP run.
profile_engines() {
    local case=$1 side
    command -v perf > /dev/null || { log "perf is not installed; no profile"; return 0; }
    for side in a b; do
        perf record -F 499 -g -p "$(engine_pid "engine-$side")" -o "$RESULTS/esp-profile-$side.data" -- sleep "$seconds" > /dev/null 2>&1 &
        echo $! > "$SCRATCH/perf-$side.pid"
    done
    iperf_tcp "$case-profiled" "$NS_A" "$NS_B" "$ADDR_B" "$seconds" > /dev/null
    for side in a b; do
        wait "$(cat "$SCRATCH/perf-$side.pid")" 2>/dev/null || true
        perf report -i "$RESULTS/esp-profile-$side.data" --no-children -g none --sort dso,symbol --percent-limit 0.7 --stdio 2>/dev/null \
            | grep -v '^$' | grep -v '^#' | grep '%' | head -40 > "$RESULTS/esp-profile-$side.txt" || true
        perf report -i "$RESULTS/esp-profile-$side.data" --no-children -g none --sort dso --stdio 2>/dev/null \
            | grep '%' | grep -v '^#' | head -15 > "$RESULTS/esp-profile-$side-dso.txt" || true
    done
}

log "ESP throughput, ${seconds} s per measurement, load average $(load_average)"
record esp meta seconds "$seconds"
record esp meta load_average_start "$(load_average)"
# The engines write the JIT's perf map so that a profile can name managed frames.
export DOTNET_PerfMapEnabled=${DOTNET_PerfMapEnabled:-$([ "$profile" = yes ] && echo 1 || echo 0)}
record esp meta rounds "$rounds"
if [ -n "$baseline_bin" ]; then
    [ -f "$baseline_bin/ipsecpolicy-engine.dll" ] || die "--baseline-bin $baseline_bin: no ipsecpolicy-engine.dll there"
    [ "$cases_given" = yes ] || cases="${cases/ours-gcm256 /ours-gcm256 ours-gcm256-baseline }"
fi
# run_case NAME [RECORDED_NAME]: one case; ours-...-baseline runs case ours-... with the baseline engine.
run_case() {
    local name=${2:-$1}
    case "$1" in
        ours-*-baseline)
            [ -n "$baseline_bin" ] || die "$1 needs --baseline-bin"
            local engine=$ENGINE_DLL
            ENGINE_DLL=$baseline_bin/ipsecpolicy-engine.dll
            run_case "${1%-baseline}" "$1"
            ENGINE_DLL=$engine ;;
        veth) veth ;;
        ours-gcm256) ours "$name" "$GCM" direct ;;
        ours-cbc128-sha256) ours "$name" "$CBC" direct ;;
        ours-gcm256-clamped) ours "$name" "$GCM" clamped ;;
        ours-gcm256-natt) ours "$name" "$GCM" nat ;;
        ours-cbc128-sha256-natt) ours "$name" "$CBC" nat ;;
        strongswan-gcm256) strongswan strongswan-gcm256 aes256gcm16 ;;
        strongswan-cbc128-sha256) strongswan strongswan-cbc128-sha256 aes128-sha256 ;;
        wireguard-go) wireguard ;;
        *) die "unknown case $1" ;;
    esac
}
for ((round = 1; round <= rounds; round++)); do
    for case_name in $cases; do
        run_case "$case_name"
    done
done
summarize_rounds
record esp meta load_average_end "$(load_average)"
