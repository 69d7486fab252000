#!/usr/bin/env bash
# The whole test suite: install the Debian tools the tests drive (tshark, nftables, iproute2),
# then restore, build and run every test project of the solution. Needs the .NET SDK and root
# (apt, network namespaces).
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-dependencies.sh
dotnet test IpSecPolicy.sln --configuration Release "$@"
