#!/usr/bin/env bash
# Build a tollgate release: static (CGO off), stripped, -trimpath binaries for
# linux, darwin and windows on amd64 and arm64 with the version stamped, one
# archive each (tar.gz, zip for windows), a CycloneDX SBOM of each binary
# written by tollgate itself (`tollgate sbom`, from the binary's Go build
# information), checksums.txt over all of them, and, when COSIGN_KEY is set, a
# cosign blob bundle over checksums.txt that `cosign verify-blob` accepts.
#
#   scripts/release.sh VERSION [OUT_DIR]     (OUT_DIR defaults to dist/VERSION)
#
# The linux binaries also make tollgate's container image (internal/release:
# the binary and CA certificates on an empty base, non-root, OCI labels, no
# Docker), written as an OCI layout archive and, with IMAGE_REF set, pushed.
#
# Environment: PLATFORMS (default: the six below), COSIGN_KEY (a cosign private
# key file; its password in COSIGN_PASSWORD), COSIGN (the cosign binary,
# default: cosign on PATH), IMAGE_REF (push the image there).
#
# Reproducible: the same commit gives the same binaries and archives, byte for
# byte (no build id, no paths, no VCS stamp, archive entries with the commit's
# time, owner 0 and sorted names); SBOMs and signatures carry times and are
# not part of that promise.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:?usage: scripts/release.sh VERSION [OUT_DIR]}
case $version in
v[0-9]*) ;;
*) echo "release.sh: VERSION must look like v1.2.3, got $version" >&2; exit 2 ;;
esac
out=${2:-dist/$version}
platforms=${PLATFORMS:-"linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"}

# The commit's time stamps the archive entries, so that two builds agree.
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)

rm -rf "$out"
mkdir -p "$out"
export CGO_ENABLED=0 GOFLAGS=-mod=readonly
ldflags="-s -w -buildid= -X github.com/tollgate/tollgate.Version=$version"

# The host's own tollgate writes the SBOMs.
host_tool=$(mktemp -d)
trap 'rm -rf "$host_tool"' EXIT
go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$host_tool/tollgate" ./cmd/tollgate
go build -trimpath -buildvcs=false -o "$host_tool/imagetool" ./internal/release/imagetool
image_bins=()

artifacts=()
for p in $platforms; do
	os=${p%/*} arch=${p#*/}
	ext=
	[ "$os" = windows ] && ext=.exe
	name="tollgate_${version#v}_${os}_${arch}"
	stage="$out/$name"
	mkdir -p "$stage"
	GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$stage/tollgate$ext" ./cmd/tollgate
	cp LICENSE README.md "$stage/"
	touch -d "@$epoch" "$stage"/*
	if [ "$os" = windows ]; then
		# zip has no option to drop extra fields: -X leaves out uid/gid and
		# times other than the (fixed) modification time.
		(cd "$stage" && TZ=UTC zip -q -X -D "../$name.zip" LICENSE README.md "tollgate$ext")
		artifacts+=("$name.zip")
	else
		tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=pax \
			--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
			-C "$stage" -cf - LICENSE README.md "tollgate$ext" | gzip -n -9 >"$out/$name.tar.gz"
		artifacts+=("$name.tar.gz")
	fi
	"$host_tool/tollgate" sbom "$stage" --sbom "cyclonedx-json=$out/$name.cdx.json" 2>/dev/null
	artifacts+=("$name.cdx.json")
	if [ "$os" = linux ]; then
		cp "$stage/tollgate" "$host_tool/tollgate-linux-$arch"
		image_bins+=("linux/$arch=$host_tool/tollgate-linux-$arch")
	fi
	rm -rf "$stage"
done

if [ ${#image_bins[@]} -gt 0 ]; then
	image="tollgate_${version#v}_image_oci.tar.gz"
	"$host_tool/imagetool" -version "$version" -revision "$(git rev-parse HEAD 2>/dev/null || true)" -created "$epoch" \
		-layout "$host_tool/image" ${IMAGE_REF:+-push "$IMAGE_REF"} "${image_bins[@]}" >"$out/image.digest"
	find "$host_tool/image" -exec touch -h -d "@$epoch" {} +
	tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=pax \
		--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
		-C "$host_tool" -cf - image | gzip -n -9 >"$out/$image"
	artifacts+=("$image")
	echo "release.sh: image $(cat "$out/image.digest")${IMAGE_REF:+ pushed to $IMAGE_REF}" >&2
fi

(cd "$out" && sha256sum "${artifacts[@]}" >checksums.txt)

if [ -n "${COSIGN_KEY:-}" ]; then
	"${COSIGN:-cosign}" sign-blob --yes --key "$COSIGN_KEY" --tlog-upload=false \
		--bundle "$out/checksums.txt.bundle" "$out/checksums.txt" >/dev/null
fi
echo "release.sh: $version in $out:" >&2
ls -1 "$out" >&2
