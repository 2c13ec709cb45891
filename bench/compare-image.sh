#!/usr/bin/env bash
# tollgate against `syft scan` on images (issue 11: a scan of an image at
# most 1.2x syft's scan of it alone). For each OCI layout given (build them
# with bench/imagelayout from directories of the machine) it times, rotating
# the order every round:
#
#   syft        syft scan oci-dir:IMAGE -o syft-json=/dev/null
#   tollgate    tollgate scan --image oci-dir:IMAGE --fail-on none --no-cache --vulns off (secrets on)
#   nosecrets   the same with --secrets=false
#   base        with TOLLGATE_REF set: tollgate built from that commit, secrets on
#
# and prints the medians of wall time, user+sys CPU and peak RSS (GNU time)
# and the ratios to syft, as a Markdown table.
#
# Usage: bench/compare-image.sh LAYOUT...
#
#   TOLLGATE_REF  also time tollgate built from this commit (git archive), to compare with
#   SYFT_VERSION  syft to compare with (default: the version in go.mod)
#   ROUNDS        runs of each tool per image (default 3)
#   BENCH_CACHE   where syft is built once (default ~/.cache/tollgate-bench)
#
# Needs go, flock and GNU time (/usr/bin/time). Builds hold the build lock
# (flock /tmp/tg-build.lock); the timed runs do not.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[ $# -gt 0 ] || { echo "usage: bench/compare-image.sh LAYOUT..." >&2; exit 2; }
rounds=${ROUNDS:-3}
syft_version=${SYFT_VERSION:-$(awk '$1 == "github.com/anchore/syft" {print $2}' go.mod)}
cache=${BENCH_CACHE:-$HOME/.cache/tollgate-bench}
lock=/tmp/tg-build.lock
for tool in go flock /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "compare-image: $tool is needed" >&2; exit 2; }
done
work=$(mktemp -d /tmp/tollgate-compare-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/bin"
export CGO_ENABLED=0

# syft built like tollgate (static, -trimpath, stripped, its version
# stamped) into the cache, once.
syft=$cache/bin/syft-$syft_version
if [ ! -x "$syft" ]; then
	echo "compare-image: building syft $syft_version" >&2
	(cd "$work" && flock "$lock" env GOBIN="$work" GOFLAGS= go install -trimpath \
		-ldflags "-s -w -X main.version=${syft_version#v}" "github.com/anchore/syft/cmd/syft@$syft_version") >&2
	mv "$work/syft" "$syft"
fi
tollgate=$work/tollgate
flock "$lock" go build -trimpath -ldflags "-s -w" -o "$tollgate" ./cmd/tollgate
tools=(syft tollgate nosecrets)
if [ -n "${TOLLGATE_REF:-}" ]; then
	mkdir "$work/base-src"
	git archive "$TOLLGATE_REF" | tar -x -C "$work/base-src"
	(cd "$work/base-src" && flock "$lock" go build -trimpath -ldflags "-s -w" -o "$work/tollgate-base" ./cmd/tollgate)
	tools+=(base)
fi

# measure NAME CMD...: one run, appending "wall cpu rss_kb" to $work/NAME.
measure() {
	local name=$1
	shift
	/usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
		echo "compare-image: $name failed:" >&2
		cat "$work/stderr" >&2
		exit 1
	}
	awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time" >>"$work/res.$name"
}

# median FILE COLUMN
median() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

base_head="" base_rule=""
if [ -n "${TOLLGATE_REF:-}" ]; then
	base_head=" tollgate at ${TOLLGATE_REF:0:12} (secrets) wall / CPU / RSS | ratio wall, CPU |" base_rule="---|---|"
fi
echo "| image | size | syft wall / CPU / RSS | tollgate (secrets) wall / CPU / RSS | ratio wall, CPU | tollgate --secrets=false wall / CPU / RSS | ratio wall, CPU |$base_head"
echo "|---|---|---|---|---|---|---|$base_rule"
for img in "$@"; do
	[ -f "$img/index.json" ] || { echo "compare-image: $img is not an OCI layout" >&2; exit 2; }
	rm -f "$work"/res.*
	n=${#tools[@]}
	for ((r = 0; r < rounds; r++)); do
		for ((i = 0; i < n; i++)); do
			case ${tools[(i + r) % n]} in
			syft) measure syft "$syft" scan "oci-dir:$img" -o syft-json=/dev/null -q ;;
			tollgate) measure tollgate "$tollgate" scan --image "oci-dir:$img" --fail-on none --no-cache --vulns off ;;
			nosecrets) measure nosecrets "$tollgate" scan --image "oci-dir:$img" --fail-on none --no-cache --vulns off --secrets=false ;;
			base) measure base "$work/tollgate-base" scan --image "oci-dir:$img" --fail-on none --no-cache --vulns off ;;
			esac
		done
	done
	declare -A w c m
	for t in "${tools[@]}"; do
		w[$t]=$(median "$work/res.$t" 1) c[$t]=$(median "$work/res.$t" 2) m[$t]=$(($(median "$work/res.$t" 3) / 1024))
	done
	size=$(du -sm "$img" | cut -f1)
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
	echo "| $(basename "$img") | ${size} MB gz | ${w[syft]} s / ${c[syft]} s / ${m[syft]} MB" \
		"| ${w[tollgate]} s / ${c[tollgate]} s / ${m[tollgate]} MB | $(ratio "${w[tollgate]}" "${w[syft]}"), $(ratio "${c[tollgate]}" "${c[syft]}")" \
		"| ${w[nosecrets]} s / ${c[nosecrets]} s / ${m[nosecrets]} MB | $(ratio "${w[nosecrets]}" "${w[syft]}"), $(ratio "${c[nosecrets]}" "${c[syft]}") |" \
		"$([ -z "${w[base]:-}" ] || echo "${w[base]} s / ${c[base]} s / ${m[base]} MB | $(ratio "${w[base]}" "${w[syft]}"), $(ratio "${c[base]}" "${c[syft]}") |")"
done
