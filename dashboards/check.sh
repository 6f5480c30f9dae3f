#!/usr/bin/env bash
# Proves every dashboard query against a real Prometheus (dashboards/README.md): installs Debian's prometheus
# when missing, then runs tests/Paraloom.DashboardCheck, which starts a silo and Prometheus on free loopback
# ports, runs a small job mix, evaluates every expr and ends with "N returned data, N empty, N errors".
# Exit code 0 only if every expression returned data.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v prometheus >/dev/null 2>&1; then
  echo "dashboards/check.sh: installing prometheus"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=300 install -y prometheus >/dev/null
fi

# --no-build when the caller (test.sh) has just built the solution in Release.
build=()
[ "${1:-}" = "--no-build" ] && build=(--no-build)
exec dotnet run --project tests/Paraloom.DashboardCheck -c Release "${build[@]}" -- \
  --prometheus "$(command -v prometheus)" --dashboards dashboards
