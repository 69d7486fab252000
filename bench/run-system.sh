#!/usr/bin/env bash
# Runs the whole-system benchmarks of issue 6 (bench/system/*.sh: IKE setup rate, ESP throughput,
# memory and setup rate of many L2TP/IPsec sessions, policy at scale, cmdlets at scale; ours and the
# anchors side by side in one run) and writes their
# section of docs/benchmarks.md, leaving the micro benchmarks' part (bench/run-micro.sh) as it is.
# Needs root (network namespaces), strongSwan (charon, swanctl, kernel-libipsec), wireguard-go and
# wireguard-tools, iperf3, nft, perf for --profile, dotnet-gcdump for the vpn part's heap profile:
# see bench/system/README.md. About 60 minutes.
#
#   bench/run-system.sh                         # everything, then docs/benchmarks.md
#   bench/run-system.sh --only "esp ike"        # some of: ike esp vpn policy cmdlets (the others' rows say "not in this run")
#   bench/run-system.sh --quick                 # small sizes (100 SAs, 3 s runs, 200 and 1,000 VPN sessions idle 10 s,
#                                               # 10,000 filters, 1,000 cmdlet filters): a smoke test
#   bench/run-system.sh --no-wait               # do not wait for a quiet machine first
#   bench/run-system.sh --report-only DIR       # rebuild the section from a previous run's DIR
#   bench/run-system.sh --into DIR --only esp   # run parts again into a previous run's DIR (their old figures are
#                                               # dropped; each part's time and load averages are in the report)
#   bench/run-system.sh --out FILE              # write elsewhere than docs/benchmarks.md
#
# Results stay in bench/artifacts/system-<UTC time>/ (git-ignored): results.tsv, the generator's
# JSON, profiles, and scratch/ with every engine's and charon's log.
set -euo pipefail
cd "$(dirname "$0")/.."

only="ike esp vpn policy cmdlets"
out=docs/benchmarks.md
report_only=
into=
quick=no
wait=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --only) only=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --report-only) report_only=$2; shift 2 ;;
        --into) into=$2; shift 2 ;;
        --quick) quick=yes; shift ;;
        --no-wait) wait=no; shift ;;
        *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" = 0 ] || { echo "run-system.sh needs root (network namespaces)" >&2; exit 1; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

dotnet build src/IpSecPolicy/IpSecPolicy.Shell --configuration Release --nologo --verbosity quiet
dotnet build bench/IkeLoad --configuration Release --nologo --verbosity quiet
dotnet build bench/VpnLoad --configuration Release --nologo --verbosity quiet
dotnet build bench/Benchmarks --configuration Release --nologo --verbosity quiet

if [ -n "$report_only" ]; then
    dir=$report_only
else
    if [ -n "$into" ]; then
        dir=$into
        [ -f "$dir/results.tsv" ] || { echo "--into $dir: no results.tsv there" >&2; exit 2; }
    else
        dir=bench/artifacts/system-$(date -u +%Y%m%dT%H%M%SZ)
        mkdir -p "$dir"
    fi
    export RESULTS=$PWD/$dir
    if [ "$wait" = yes ]; then
        # shellcheck source=system/lib.sh
        (source bench/system/lib.sh; wait_for_quiet)
    fi
    if [ -z "$into" ]; then
        now > "$dir/started"; load > "$dir/load-start"
    fi
    echo "whole-system benchmarks: $dir (load average at start: $(load))"
    for part in $only; do
        # A part run again replaces its figures (and its own profiles and logs are overwritten).
        sed -i "/^$part\t/d" "$dir/results.tsv" 2>/dev/null || true
        printf '%s\tmeta\tstarted_at\t%s\n' "$part" "$(now)" >> "$dir/results.tsv"
        case "$part" in
            ike) if [ "$quick" = yes ]; then bench/system/ike.sh --clients 100; else bench/system/ike.sh; fi ;;
            esp) if [ "$quick" = yes ]; then bench/system/esp.sh --seconds 3; else bench/system/esp.sh --rounds 3 --profile; fi ;;
            # 1,000 and 10,000 sessions, heap profile with the 10,000 still up (about 8 minutes).
            vpn) if [ "$quick" = yes ]; then bench/system/vpn-sessions.sh --sessions "200 1000" --idle 10; else bench/system/vpn-sessions.sh --profile; fi ;;
            policy) if [ "$quick" = yes ]; then bench/system/policy.sh --filters "10 10000" --seconds 3; else bench/system/policy.sh; fi ;;
            cmdlets) if [ "$quick" = yes ]; then bench/system/cmdlets.sh --counts "300 1000"; else bench/system/cmdlets.sh; fi ;;
            *) echo "unknown part: $part" >&2; exit 2 ;;
        esac
        printf '%s\tmeta\tfinished_at\t%s\n' "$part" "$(now)" >> "$dir/results.tsv"
    done
    now > "$dir/finished"; load > "$dir/load-end"
    echo "load average at end: $(cat "$dir/load-end")"
fi

dotnet bench/Benchmarks/bin/Release/net10.0/Benchmarks.dll system-report \
    --results "$dir" --out "$out" \
    --started "$(cat "$dir/started" 2>/dev/null || echo 'not recorded')" --finished "$(cat "$dir/finished" 2>/dev/null || echo 'not recorded')" \
    --load-start "$(cat "$dir/load-start" 2>/dev/null || echo 'not recorded')" --load-end "$(cat "$dir/load-end" 2>/dev/null || echo 'not recorded')"
