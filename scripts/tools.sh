#!/usr/bin/env bash
# Installs the pinned real tools the interop tests run against, into a cache
# that survives between runs:
#   cosign v2.6.5 (built from the Go module proxy) -> $TOLLGATE_TOOLS/bin/cosign
#   actionlint v1.7.12 (Go module proxy)           -> $TOLLGATE_TOOLS/bin/actionlint
#   grype v0.121.3 (Go module proxy)                -> $TOLLGATE_TOOLS/bin/grype
#   Debian's docker-registry, chromium and podman (apt) -> /usr/bin/
# Usage: scripts/tools.sh      (idempotent; the first run builds cosign, ~15 min on 2 cores)
# cosign and grype are built static and with -trimpath, as the tests build
# tollgate, so that the packages they share with it (syft, stereoscope,
# go-containerregistry, sigstore...) are compiled once for both.
set -euo pipefail
TOOLS=${TOLLGATE_TOOLS:-$HOME/.cache/tollgate-tools}
COSIGN_VERSION=v2.6.5
ACTIONLINT_VERSION=v1.7.12
GRYPE_VERSION=v0.121.3
mkdir -p "$TOOLS/bin"

if ! "$TOOLS/bin/cosign" version 2>/dev/null | grep -q "GitVersion:.*${COSIGN_VERSION#v}"; then
  echo "tools: building cosign $COSIGN_VERSION into $TOOLS/bin" >&2
  GOBIN="$TOOLS/bin" GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 nice -n 10 \
    go install -trimpath -ldflags "-X sigs.k8s.io/release-utils/version.gitVersion=$COSIGN_VERSION" \
    "github.com/sigstore/cosign/v2/cmd/cosign@$COSIGN_VERSION"
fi

if ! "$TOOLS/bin/actionlint" -version 2>/dev/null | grep -q "${ACTIONLINT_VERSION#v}"; then
  echo "tools: building actionlint $ACTIONLINT_VERSION into $TOOLS/bin" >&2
  GOBIN="$TOOLS/bin" GOTOOLCHAIN=local GOFLAGS=-mod=mod nice -n 10 \
    go install -ldflags "-X github.com/rhysd/actionlint.version=$ACTIONLINT_VERSION" \
    "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi

# grype: the vulnerability interop test checks that it finds what tollgate
# finds, on the same SBOM and fixture database.
if ! "$TOOLS/bin/grype" version 2>/dev/null | grep -q "^Version: *${GRYPE_VERSION#v}$"; then
  echo "tools: building grype $GRYPE_VERSION into $TOOLS/bin" >&2
  GOBIN="$TOOLS/bin" GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0 nice -n 10 \
    go install -trimpath -ldflags "-X main.version=${GRYPE_VERSION#v}" \
    "github.com/anchore/grype/cmd/grype@$GRYPE_VERSION"
fi

# Debian packages: the registry server for interop tests, Chromium for the
# HTML report test, podman for reading images from a real daemon
# (podman:REF, docker:REF through its docker-compatible socket).
missing=()
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/podman ] || missing+=(podman)
if [ ${#missing[@]} -gt 0 ]; then
  echo "tools: installing Debian's ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
