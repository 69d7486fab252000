#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real (tshark to dissect what we send,
# iproute2/nftables/tcpdump for the network-namespace tests, strongSwan and libreswan as the
# interoperability peers of tests/Interop, xl2tpd and l2tpns as its L2TP peers). Idempotent; needs
# root for apt.
# A missing tool fails the tests that need it: nothing is skipped silently.
set -euo pipefail

# strongSwan as tests/Interop runs it: charon with kernel-libipsec (userspace ESP on a TUN device,
# in libcharon-extra-plugins; this kernel has no ESP), swanctl/vici to drive it, the openssl and
# gcm plugins (3DES, AES-GCM, ECP groups 19/20) from libstrongswan-standard-plugins.
strongswan=(strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-extra-plugins
            libstrongswan-standard-plugins)
# The L2TP peers of tests/Interop/L2tp: xl2tpd (its pppd, from ppp, cannot run on a kernel without
# PPP; the tests expect that) and l2tpns (a userspace LNS with its own PPP on a TUN device). The
# tests run both in namespaces with their own configurations; the system services are not wanted.
l2tp=(xl2tpd ppp l2tpns)
packages=(tshark tcpdump nftables iproute2 iputils-ping iperf3 socat "${strongswan[@]}" "${l2tp[@]}")

# libreswan is NOT apt-installed: its package Conflicts with strongswan-charon and apt would remove
# strongSwan. Its .deb is fetched with apt-get download and unpacked here (tests/Interop looks for
# pluto under this root; IPSECPOLICY_LIBRESWAN_ROOT overrides it there and here); its dependencies
# are installed normally.
libreswan_root=${IPSECPOLICY_LIBRESWAN_ROOT:-/opt/ipsecpolicy-test/libreswan}

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
need_libreswan=0
[ -x "$libreswan_root/usr/libexec/ipsec/pluto" ] || need_libreswan=1

if [ ${#missing[@]} -eq 0 ] && [ $need_libreswan -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    [ $need_libreswan -eq 1 ] && missing+=("libreswan (unpacked into $libreswan_root)")
    echo "The tests need: ${missing[*]}. Run this script as root: sudo $0" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing test dependencies: ${missing[*]}"
    # wireshark-common asks whether non-root users may capture; the tests run as root, so: no.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Installing them starts xl2tpd and l2tpns as system services where systemd runs (l2tpns then
    # owns a tun0 and routes 10.10.10.0/24 in the host's namespace): stop and disable both.
    if [ -d /run/systemd/system ]; then
        systemctl disable --now xl2tpd.service l2tpns.service >/dev/null 2>&1 || true
    fi
fi

if [ $need_libreswan -eq 1 ]; then
    echo "Unpacking libreswan into $libreswan_root (apt-get download; never apt-get install beside strongSwan)"
    download=$(mktemp -d)
    trap 'rm -rf "$download"' EXIT
    chmod 755 "$download"   # apt's _apt user writes the download
    (cd "$download" && apt-get download -qq libreswan)
    deb=$(ls "$download"/libreswan_*.deb)
    # Its Depends, without versions, each alternative group reduced to its first package.
    mapfile -t dependencies < <(dpkg-deb -f "$deb" Depends | tr ',' '\n' \
        | sed -e 's/([^)]*)//g' -e 's/|.*//' -e 's/ //g' | grep -v '^$')
    apt-get install -y -qq --no-install-recommends "${dependencies[@]}" >/dev/null
    mkdir -p "$libreswan_root"
    dpkg-deb -x "$deb" "$libreswan_root"
    # pluto execs the compiled-in /usr/libexec/ipsec/addconn; the tests bind-mount the unpacked
    # copy over this (empty) mount point in a private mount namespace.
    mkdir -p /usr/libexec/ipsec
    "$libreswan_root/usr/libexec/ipsec/pluto" --version 2>&1 | head -1
fi
