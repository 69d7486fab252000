#!/usr/bin/env bash
# Shared by the whole-system benchmarks (sourced, not run). Namespaces, the engine and strongSwan's
# charon in them, iperf3, load average, and the results file the report is built from.
#
# Everything runs in namespaces named ipsb-* on addresses 10.79.x.x, so nothing here touches the
# host's network or another session's namespaces. Every process started here is recorded and
# stopped by its own pid (bench_cleanup).

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN=${BENCH_BIN:-$BENCH_ROOT/src/IpSecPolicy/IpSecPolicy.Shell/bin/Release/net10.0}
SHELL_DLL=$BIN/ipsecpolicy-shell.dll
ENGINE_DLL=$BIN/ipsecpolicy-engine.dll

NS_A=ipsb-a
NS_B=ipsb-b
NS_NAT=ipsb-nat
ADDR_A=10.79.0.1
ADDR_B=10.79.0.2
# Behind the NAT: A is 10.79.1.1 and reaches B through NS_NAT, which masquerades to 10.79.0.254.
ADDR_A_INSIDE=10.79.1.1
ADDR_NAT_OUTSIDE=10.79.0.254

: "${RESULTS:?set RESULTS to the run directory before sourcing lib.sh}"
SCRATCH=$RESULTS/scratch
mkdir -p "$SCRATCH"
BENCH_PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# record SECTION CASE KEY VALUE: one figure for the report (results.tsv, tab-separated).
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RESULTS/results.tsv"; }

# wait_for_quiet [MAX_LOAD] [TRIES]: the figures are fairest with the machine idle; wait (30 s at a
# time) until the 1-minute load average is below MAX_LOAD, at most TRIES times, then go on anyway.
wait_for_quiet() {
    local max=${1:-${BENCH_MAX_LOAD:-1.5}} tries=${2:-${BENCH_QUIET_TRIES:-6}} i
    for ((i = 0; i < tries; i++)); do
        awk -v m="$max" '{ exit !($1 < m) }' /proc/loadavg && return 0
        log "load average $(load_average) is above $max; waiting 30 s ($((i + 1))/$tries)"
        sleep 30
    done
    log "going on at load average $(load_average)"
}

# ---------------------------------------------------------------- namespaces

ns_delete_all() {
    local ns
    for ns in "$NS_A" "$NS_B" "$NS_NAT"; do ip netns del "$ns" 2>/dev/null || true; done
}

ns_new() {
    ip netns add "$1"
    ip -n "$1" link set lo up
    # IPv6 stays on: the engine installs its policy routing for both families (with IPv6 disabled
    # in the namespace, `ip -6 route ... dev TUN` fails and the engine refuses the policy).
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

wait_ping() { # wait_ping NS ADDRESS: until it answers (10 s at most)
    local i
    for i in $(seq 1 100); do
        ip netns exec "$1" ping -c1 -W1 "$2" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# Two namespaces joined by a veth: A (v-a, 10.79.0.1/24) and B (v-b, 10.79.0.2/24).
ns_pair_up() {
    ns_delete_all
    ns_new "$NS_A"; ns_new "$NS_B"
    ip link add v-a netns "$NS_A" type veth peer name v-b netns "$NS_B"
    ip -n "$NS_A" addr add "$ADDR_A/24" dev v-a; ip -n "$NS_A" link set v-a up
    ip -n "$NS_B" addr add "$ADDR_B/24" dev v-b; ip -n "$NS_B" link set v-b up
    wait_ping "$NS_A" "$ADDR_B" || die "the veth pair did not come up"
}

# A (10.79.1.1) behind NS_NAT, which masquerades to 10.79.0.254 with ports remapped, to B (10.79.0.2).
ns_nat_up() {
    ns_delete_all
    ns_new "$NS_A"; ns_new "$NS_NAT"; ns_new "$NS_B"
    ip link add v-a netns "$NS_A" type veth peer name n-in netns "$NS_NAT"
    ip link add n-out netns "$NS_NAT" type veth peer name v-b netns "$NS_B"
    ip -n "$NS_A" addr add "$ADDR_A_INSIDE/24" dev v-a; ip -n "$NS_A" link set v-a up
    ip -n "$NS_NAT" addr add 10.79.1.254/24 dev n-in; ip -n "$NS_NAT" link set n-in up
    ip -n "$NS_NAT" addr add "$ADDR_NAT_OUTSIDE/24" dev n-out; ip -n "$NS_NAT" link set n-out up
    ip -n "$NS_B" addr add "$ADDR_B/24" dev v-b; ip -n "$NS_B" link set v-b up
    ip -n "$NS_A" route add default via 10.79.1.254
    ip netns exec "$NS_NAT" sysctl -qw net.ipv4.ip_forward=1
    ip netns exec "$NS_NAT" nft -f - <<'NFT'
table ip ipsb_nat {
  chain post {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "n-out" meta l4proto { tcp, udp } masquerade to :40000-49999
    oifname "n-out" masquerade
  }
}
NFT
    wait_ping "$NS_A" "$ADDR_B" || die "the NAT path did not come up"
}

# ---------------------------------------------------------------- background processes

# start_bg NAME NS COMMAND...: runs COMMAND in NS in the background, output to SCRATCH/NAME.log.
start_bg() {
    local name=$1 ns=$2; shift 2
    setsid ip netns exec "$ns" "$@" > "$SCRATCH/$name.log" 2>&1 < /dev/null &
    local pid=$!
    BENCH_PIDS+=("$pid")
    echo "$pid" > "$SCRATCH/$name.pid"
}

# stop_bg NAME: SIGTERM to the recorded pid, SIGKILL after 10 s.
stop_bg() {
    local pid i
    pid=$(cat "$SCRATCH/$1.pid" 2>/dev/null) || return 0
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$SCRATCH/$1.pid"
}

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${BENCH_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    ns_delete_all
}

# ---------------------------------------------------------------- our engine

# shell_script NS STORE SCRIPT_TEXT: runs a PowerShell script through ipsecpolicy-shell in NS on STORE.
shell_script() {
    local ns=$1 store=$2 script
    script=$(mktemp "$SCRATCH/script-XXXXXX.ps1")
    printf '%s\n' "$3" > "$script"
    IPSECPOLICY_STORE=$store ip netns exec "$ns" dotnet "$SHELL_DLL" "$script"
}

# partner_policy PEER SECURITY_METHOD [MAIN_MODE_METHOD]: transport mode with PEER (an address or
# Any), pre-shared key, as examples/partner-host-to-host.ps1 writes it.
partner_policy() {
    cat <<PS1
New-IpSecFilterList -Name 'Bench traffic' | Out-Null
New-IpSecFilter -FilterList 'Bench traffic' -SourceAddress Me -DestinationAddress '$1' | Out-Null
New-IpSecFilterAction -Name 'Bench security' -Action Negotiate -SecurityMethod '$2' | Out-Null
New-IpSecPolicy -Name 'Bench' -MainModeSecurityMethod '${3:-AES128-SHA256-14}' | Out-Null
\$psk = New-IpSecAuthMethod -PreSharedKey ([System.Net.NetworkCredential]::new('', 'bench pre-shared key 0123456789').SecurePassword)
New-IpSecRule -Policy 'Bench' -Name 'Bench rule' -FilterList 'Bench traffic' -FilterAction 'Bench security' -AuthMethod \$psk | Out-Null
Enable-IpSecPolicy -Name 'Bench'
PS1
}

# engine_start NAME NS INTERFACE STORE: our engine in NS; waits until its control socket exists.
engine_start() {
    local name=$1 ns=$2 interface=$3 store=$4 i
    local dir=$SCRATCH/$name
    mkdir -p "$dir"
    rm -f "$dir/engine.sock"
    start_bg "$name" "$ns" dotnet "$ENGINE_DLL" --interface "$interface" --store "$store" \
        --state-dir "$dir/state" --control-socket "$dir/engine.sock" --log-level "${ENGINE_LOG_LEVEL:-Information}"
    for i in $(seq 1 300); do
        [ -S "$dir/engine.sock" ] && return 0
        kill -0 "$(cat "$SCRATCH/$name.pid")" 2>/dev/null || { tail -20 "$SCRATCH/$name.log" >&2; die "engine $name exited"; }
        sleep 0.1
    done
    die "engine $name did not open its control socket within 30 s"
}

engine_pid() { # the dotnet process of engine NAME (ip netns exec and setsid exec, so the pid is it)
    cat "$SCRATCH/$1.pid"
}

# ---------------------------------------------------------------- strongSwan (charon + kernel-libipsec)

# charon_start NAME NS SWANCTL_CONF [EXTRA_CHARON_SETTINGS]: an isolated charon in NS. Facts from this
# machine: kernel-libipsec must be loaded before kernel-netlink; charon's pid file path is compiled
# in, so each charon gets a private mount namespace with its own /run; a host-to-host tunnel needs
# allow_peer_ts and a fwmark that keeps charon's own packets out of the route into ipsec0.
charon_start() {
    local name=$1 ns=$2 conf=$3 extra=${4:-} i
    local dir=$SCRATCH/$name
    rm -rf "$dir"; mkdir -p "$dir/run" "$dir/swanctl"
    printf '%s\n' "$conf" > "$dir/swanctl/swanctl.conf"
    cat > "$dir/strongswan.conf" <<CONF
charon {
  load_modular = no
  load = random nonce openssl aes sha1 sha2 md5 hmac gcm gmp curve25519 kdf pem pkcs1 pkcs8 x509 pubkey kernel-libipsec kernel-netlink socket-default vici
  install_routes = yes
  $extra
  plugins {
    random { strong_equals_true = yes }
    vici { socket = unix://$dir/charon.vici }
    kernel-libipsec { allow_peer_ts = yes }
    socket-default { fwmark = 0x4242 }
    kernel-netlink { fwmark = !0x4242 }
  }
  syslog { daemon { default = -1 } auth { default = -1 } }
  filelog {
    bench {
      path = $dir/charon.log
      time_format = %H:%M:%S
      time_add_ms = yes
      append = no
      default = ${CHARON_LOG_LEVEL:-0}
    }
  }
}
swanctl { socket = unix://$dir/charon.vici }
CONF
    start_bg "$name" "$ns" env STRONGSWAN_CONF="$dir/strongswan.conf" unshare -m --propagation private \
        sh -c 'mount --bind "$0/run" /run && exec /usr/lib/ipsec/charon' "$dir"
    for i in $(seq 1 100); do
        [ -S "$dir/charon.vici" ] && break
        sleep 0.1
    done
    [ -S "$dir/charon.vici" ] || { tail -20 "$SCRATCH/$name.log" >&2; die "charon $name did not open its vici socket"; }
    swanctl_in "$name" --load-all --noprompt > "$dir/load.log" 2>&1 || { cat "$dir/load.log" >&2; die "swanctl --load-all failed for $name"; }
}

# swanctl_in NAME ARGS...: swanctl against charon NAME (its swanctl.conf dir bind-mounted over /etc/swanctl).
swanctl_in() {
    local dir=$SCRATCH/$1; shift
    STRONGSWAN_CONF=$dir/strongswan.conf unshare -m --propagation private \
        sh -c 'mount --bind "$0/swanctl" /etc/swanctl && exec swanctl "$@"' "$dir" "$@"
}

# ---------------------------------------------------------------- iperf3

# iperf_tcp NAME CLIENT_NS SERVER_NS SERVER_ADDRESS SECONDS: receiver Mbit/s of one TCP stream.
iperf_tcp() {
    local name=$1 client=$2 server=$3 address=$4 seconds=$5
    start_bg "iperf-$name" "$server" iperf3 -s -1 -B "$address" -p 5201
    sleep 0.5
    ip netns exec "$client" iperf3 -c "$address" -p 5201 -t "$seconds" -J > "$SCRATCH/iperf-$name.json" 2> "$SCRATCH/iperf-$name.err"
    stop_bg "iperf-$name"
    python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]; print("%.0f %s" % (e["sum_received"]["bits_per_second"]/1e6, e["sum_sent"].get("retransmits", 0)))' "$SCRATCH/iperf-$name.json" 2>/dev/null || echo "nan nan"
}

# iperf_udp NAME CLIENT_NS SERVER_NS SERVER_ADDRESS SECONDS: UDP datagrams of 1372 bytes (1400-byte IPv4
# packets) sent as fast as one iperf3 sender can; prints "received_pps received_Mbit/s loss_percent".
iperf_udp() {
    local name=$1 client=$2 server=$3 address=$4 seconds=$5
    start_bg "iperf-$name" "$server" iperf3 -s -1 -B "$address" -p 5202
    sleep 0.5
    ip netns exec "$client" iperf3 -c "$address" -p 5202 -u -b 0 -l 1372 -t "$seconds" -J > "$SCRATCH/iperf-$name.json" 2> "$SCRATCH/iperf-$name.err"
    stop_bg "iperf-$name"
    python3 - "$SCRATCH/iperf-$name.json" <<'PY' 2>/dev/null || echo "nan nan nan"
import json, sys
end = json.load(open(sys.argv[1]))["end"]
s = end["sum"]  # for UDP the client reports the server's count of received and lost datagrams
received = s["packets"] - s["lost_packets"]
print("%.0f %.0f %.1f" % (received / s["seconds"], received * 1372 * 8 / s["seconds"] / 1e6, s["lost_percent"]))
PY
}
