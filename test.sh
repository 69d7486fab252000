#!/usr/bin/env bash
# The whole test suite: restore, build, and run every test project of the solution.
# Needs only the .NET SDK (see global.json).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test IpSecPolicy.sln --configuration Release "$@"
