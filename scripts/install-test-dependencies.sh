#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real (tshark to dissect what we send,
# iproute2/nftables/tcpdump for the network-namespace tests). Idempotent; needs root for apt.
# A missing tool fails the tests that need it: nothing is skipped silently.
set -euo pipefail

packages=(tshark tcpdump nftables iproute2 iputils-ping iperf3 socat)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need these Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "Installing test dependencies: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# wireshark-common asks whether non-root users may capture; the tests run as root, so: no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
