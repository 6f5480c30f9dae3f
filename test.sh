#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need when it is missing
# (wabt: the spec tests convert ../shared/wasm-spec with wast2json at test time),
# builds in Release, runs every test project and the dashboard check (dashboards/check.sh, which installs
# prometheus when missing), and ends with one line of totals.
set -uo pipefail
cd "$(dirname "$0")"

missing=()
command -v wast2json >/dev/null 2>&1 || missing+=(wabt)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! dotnet build Paraloom.Orleans.sln -c Release -nologo -v quiet; then
  echo "test.sh: the build failed"; echo "0 passed, 1 failed"; exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Paraloom.Orleans.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summary lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12 ...".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crashed test host counts as a failure

# The dashboard check (about 40 s): every dashboard query against a real Prometheus scraping a silo. It counts as one test.
if dashboards/check.sh --no-build; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
