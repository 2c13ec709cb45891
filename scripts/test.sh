#!/usr/bin/env bash
# The test command: installs the pinned real tools (scripts/tools.sh), starts
# Debian's docker-registry on a free loopback port for the interop tests, and
# runs every Go test, Rego tests included. Extra arguments go to `go test`.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/tools.sh
export TOLLGATE_TOOLS=${TOLLGATE_TOOLS:-$HOME/.cache/tollgate-tools}
export TOLLGATE_COSIGN="$TOLLGATE_TOOLS/bin/cosign"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/tollgate-registry.XXXXXX)
cat > "$data/config.yml" <<CFG
version: 0.1
log: {level: warn, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $data/blobs}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
CFG
/usr/bin/docker-registry serve "$data/config.yml" > "$data/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true; wait $registry_pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
  kill -0 $registry_pid 2>/dev/null || { cat "$data/registry.log"; exit 1; }
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null || { echo "registry did not start:"; cat "$data/registry.log"; exit 1; }
export TOLLGATE_TEST_REGISTRY=127.0.0.1:$port
echo "test: Debian docker-registry on $TOLLGATE_TEST_REGISTRY, cosign $TOLLGATE_COSIGN" >&2

# Tests build exactly as releases do (static, -trimpath), so that the release
# test (scripts/release.sh, built twice) reuses the compiled packages instead
# of compiling the whole tree a second time; the timeout leaves room for that
# test's links on a cold cache.
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:+$GOFLAGS }-trimpath"
go vet ./...
go test -count=1 -timeout 40m "$@" ./...

# Every benchmark once, on its small inputs (-short), so that none rots: they
# are run, not timed (bench/ measures).
bench_pkgs=$(grep -rl --include='*_test.go' '^func Benchmark' . | grep -v '/testdata/' | xargs -r -n1 dirname | sort -u)
go test -count=1 -run '^$' -bench . -benchtime 1x -short $bench_pkgs
