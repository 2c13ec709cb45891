#!/usr/bin/env bash
# The Action's install step: for a release ref (github.action_ref = vX.Y.Z),
# download that release's binary for the runner, verify checksums.txt against
# its cosign signature (the release public key shipped in the action, checked
# with openssl: no cosign needed on the runner) and the archive against
# checksums.txt, and cache it in the runner's tool cache. Prints nothing to
# GITHUB_OUTPUT's bin when the ref has no release (a branch or a SHA) or the
# action ships no release key: the next step then builds from source.
# A release that fails verification is an error, never a fallback. A major or
# minor tag (v1, v1.2) resolves through release/VERSION, which the release
# commits beside its public key.
#
# Environment: TOLLGATE_REF, GITHUB_ACTION_PATH, GITHUB_OUTPUT, RUNNER_OS,
# RUNNER_ARCH, RUNNER_TOOL_CACHE, RUNNER_TEMP; TOLLGATE_RELEASES (default
# https://github.com/tollgate/tollgate/releases/download), TOLLGATE_RELEASE_KEY
# (default $GITHUB_ACTION_PATH/release/cosign.pub).
set -euo pipefail

ref=${TOLLGATE_REF:-}
out=${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}
key=${TOLLGATE_RELEASE_KEY:-${GITHUB_ACTION_PATH:-.}/release/cosign.pub}
base=${TOLLGATE_RELEASES:-https://github.com/tollgate/tollgate/releases/download}

# A major or minor tag (v1, v1.2) moves with releases: the action's own
# checkout says which release it is (release/VERSION, written by the release).
if [[ $ref =~ ^v[0-9]+(\.[0-9]+)?$ ]] && [ -f "${GITHUB_ACTION_PATH:-.}/release/VERSION" ]; then
	pinned=$(tr -d ' \n' <"${GITHUB_ACTION_PATH:-.}/release/VERSION")
	if [[ $pinned == "$ref".* ]]; then
		ref=$pinned
	fi
fi
if ! [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
	echo "tollgate: ref '${ref:-none}' is not a release: building from source" >&2
	exit 0
fi
if [ ! -f "$key" ]; then
	echo "tollgate: this action ships no release key ($key): building from source" >&2
	exit 0
fi
case ${RUNNER_OS:-Linux} in
Linux) os=linux ;;
macOS) os=darwin ;;
Windows) os=windows ;;
*) echo "tollgate: unsupported runner OS ${RUNNER_OS}" >&2; exit 1 ;;
esac
case ${RUNNER_ARCH:-X64} in
X64) arch=amd64 ;;
ARM64) arch=arm64 ;;
*) echo "tollgate: unsupported runner architecture ${RUNNER_ARCH}" >&2; exit 1 ;;
esac
exe=tollgate
[ "$os" = windows ] && exe=tollgate.exe
cache="${RUNNER_TOOL_CACHE:?RUNNER_TOOL_CACHE is not set}/tollgate/${ref#v}/$arch"
if [ -x "$cache/$exe" ] && [ -f "$cache.complete" ]; then
	echo "tollgate: $ref from the tool cache" >&2
	echo "bin=$cache/$exe" >>"$out"
	exit 0
fi

name="tollgate_${ref#v}_${os}_${arch}"
archive=$name.tar.gz
[ "$os" = windows ] && archive=$name.zip
work=$(mktemp -d "${RUNNER_TEMP:-/tmp}/tollgate-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
fetch() {
	curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 \
		--retry 3 --retry-delay 2 --connect-timeout 10 --max-time 300 \
		${TOLLGATE_CURL_CACERT:+--cacert "$TOLLGATE_CURL_CACERT"} \
		-o "$work/$1" "$base/$ref/$1"
}
fetch checksums.txt
fetch checksums.txt.bundle
fetch "$archive"

# The bundle's signature over checksums.txt, made with the release key.
python3 - "$work/checksums.txt.bundle" "$work/checksums.sig" <<'PY'
import base64, json, sys
bundle = json.load(open(sys.argv[1]))
sig = bundle.get("base64Signature") or bundle.get("messageSignature", {}).get("signature")
if not sig:
    sys.exit("tollgate: checksums.txt.bundle holds no signature")
open(sys.argv[2], "wb").write(base64.b64decode(sig))
PY
if ! openssl dgst -sha256 -verify "$key" -signature "$work/checksums.sig" "$work/checksums.txt" >/dev/null 2>&1; then
	echo "tollgate: checksums.txt of $ref is not signed by the release key: refusing it" >&2
	exit 1
fi
want=$(awk -v f="$archive" '$2 == f {print $1}' "$work/checksums.txt")
got=$( (sha256sum "$work/$archive" 2>/dev/null || shasum -a 256 "$work/$archive") | awk '{print $1}')
if [ -z "$want" ] || [ "$want" != "$got" ]; then
	echo "tollgate: $archive does not match the signed checksums: refusing it" >&2
	exit 1
fi

mkdir -p "$cache"
if [ "$os" = windows ]; then
	unzip -q -o "$work/$archive" "$exe" -d "$cache"
else
	tar -xzf "$work/$archive" -C "$cache" "$exe"
fi
chmod +x "$cache/$exe"
touch "$cache.complete"
echo "tollgate: $ref installed from the signed release" >&2
echo "bin=$cache/$exe" >>"$out"
