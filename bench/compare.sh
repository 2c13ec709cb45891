#!/usr/bin/env bash
# tollgate against conftest on generated monorepos (issue 11). For each size
# (Terraform files, with a quarter as many Kubernetes manifests: 5000 is the
# issue's 6,250 files, 25 MB) it times, alternating the order every round:
#
#   tollgate   tollgate scan DIR --fail-on none --format json=FILE (every built-in rule)
#   floor      bench/readonly DIR: tollgate's readers alone (walk and parse, no policy, no report)
#   conftest   conftest test --all-namespaces with bench/conftest/policy (17 deny rules)
#
# and, when tollgate scan has --cache-dir, a second (warm) tollgate scan after
# each cold one. It writes the medians of wall time, user+sys CPU and peak RSS
# (GNU time) and their ratios into bench/RESULTS.md, between the compare
# markers, with the machine and the versions.
#
# Usage: bench/compare.sh [SIZES...]     (default: 1250 5000)
#
#   CONFTEST_VERSION  conftest to compare with (default v0.71.1); if the module proxy cannot
#                     give it, the newest version that builds is used, and the table says so
#   TOLLGATE_REF      build tollgate from this commit (git archive) instead of the working tree
#   ROUNDS            runs of each tool per size (default 3)
#   BENCH_CACHE       where conftest is built once (default ~/.cache/tollgate-bench)
#   BENCH_RESULTS     the file to write the section into (default bench/RESULTS.md)
#
# Needs go, git, flock, GNU time (/usr/bin/time) and jq. Builds hold the build
# lock (flock /tmp/tg-build.lock); the timed runs do not.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1250 5000)
for s in "${sizes[@]}"; do
	[[ $s =~ ^[0-9]+$ ]] || { echo "compare: size $s is not a number of Terraform files" >&2; exit 2; }
done
rounds=${ROUNDS:-3}
want_conftest=${CONFTEST_VERSION:-v0.71.1}
cache=${BENCH_CACHE:-$HOME/.cache/tollgate-bench}
lock=/tmp/tg-build.lock
results=${BENCH_RESULTS:-$repo/bench/RESULTS.md}
for tool in go git flock jq /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "compare: $tool is needed" >&2; exit 2; }
done

work=$(mktemp -d /tmp/tollgate-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/bin" "$work/bin"
export CGO_ENABLED=0

# build_conftest VERSION: conftest built like tollgate (static, -trimpath,
# stripped, its version stamped) into the cache, once.
build_conftest() {
	local v=$1 out=$cache/bin/conftest-$1 gobin
	[ -x "$out" ] && return 0
	gobin=$(mktemp -d "$work/gobin.XXXXXX")
	echo "compare: building conftest $v" >&2
	(cd "$work" && flock "$lock" env GOBIN="$gobin" GOFLAGS= go install -trimpath \
		-ldflags "-s -w -X github.com/open-policy-agent/conftest/internal/version.Version=${v#v}" \
		"github.com/open-policy-agent/conftest@$v") >&2 || return 1
	mv "$gobin/conftest" "$out"
}

conftest_version=$want_conftest conftest_note=""
if ! build_conftest "$want_conftest"; then
	conftest_version=""
	# The newest versions first; three attempts at most.
	for v in $(cd "$work" && go list -m -versions github.com/open-policy-agent/conftest | tr ' ' '\n' | tail -n +2 | sort -rV | head -3); do
		if build_conftest "$v"; then
			conftest_version=$v conftest_note=" ($want_conftest could not be built from the module proxy)"
			break
		fi
	done
	[ -n "$conftest_version" ] || { echo "compare: no conftest could be built" >&2; exit 1; }
fi
conftest=$cache/bin/conftest-$conftest_version

# tollgate and its parse-only floor, from one source: the working tree, or
# TOLLGATE_REF (with the working tree's bench/readonly when the commit has
# none).
src=$repo
if [ -n "${TOLLGATE_REF:-}" ]; then
	src=$work/src
	mkdir -p "$src"
	git archive "$TOLLGATE_REF" | tar -x -C "$src"
	[ -d "$src/bench/readonly" ] || cp -r "$repo/bench/readonly" "$src/bench/readonly"
	tollgate_rev="$(git rev-parse --short=12 "$TOLLGATE_REF^{commit}") (\`TOLLGATE_REF=$TOLLGATE_REF\`)"
else
	tollgate_rev=$(git rev-parse --short=12 HEAD)
	if [ -n "$(git status --porcelain -- . ':(exclude)bench')" ]; then
		tollgate_rev="$tollgate_rev with uncommitted changes"
	fi
fi
echo "compare: building tollgate ($tollgate_rev), its floor and the corpus generator" >&2
(cd "$src" && flock "$lock" go build -trimpath -ldflags "-s -w -X github.com/tollgate/tollgate.Version=bench" -o "$work/bin/tollgate" ./cmd/tollgate)
(cd "$src" && flock "$lock" go build -trimpath -ldflags "-s -w" -o "$work/bin/readonly" ./bench/readonly)
flock "$lock" go build -trimpath -o "$work/bin/corpus" ./bench/corpus
tollgate=$work/bin/tollgate

warm=""
if "$tollgate" scan --help 2>&1 | grep -qE -- '(^|[[:space:],])--cache-dir([[:space:]=]|$)'; then
	warm=yes
fi

# timed NAME SIZE OUT COMMAND...: runs COMMAND under GNU time, its stdout to
# OUT, and appends "wall cpu rss_kb" to NAME-SIZE.runs. A failing command
# stops the comparison: the time of a run that did not do the work means
# nothing.
timed() {
	local name=$1 size=$2 out=$3
	shift 3
	if ! /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$out" 2>"$work/$name-$size.log"; then
		echo "compare: $name failed on size $size: $*" >&2
		tail -n 20 "$work/$name-$size.log" >&2
		exit 1
	fi
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$name-$size.runs"
	awk -v n="$name" -v s="$size" '{ printf "compare: %s %s: %.2f s wall, %.2f s CPU, %d MB peak RSS\n", s, n, $1, $2 + $3, $4 / 1024 }' "$work/time" >&2
}

run_tollgate() {
	local size=$1 corpus=$work/corpus-$1 files=$2 args=()
	if [ -n "$warm" ]; then
		rm -rf "$work/cache-$size"
		args=(--cache-dir "$work/cache-$size")
	fi
	timed tollgate "$size" /dev/null "$tollgate" scan "$corpus" --root "$corpus" --fail-on none \
		--format "json=$work/tollgate-$size.json" "${args[@]}"
	jq -e --argjson files "$files" '.summary.files_scanned == $files and .summary.files_failed == 0 and .summary.errors == 0' \
		"$work/tollgate-$size.json" >/dev/null || { echo "compare: tollgate did not read all $files files of size $size" >&2; exit 1; }
	jq -r '"\(.summary.findings) findings, \(.summary.resources) resources"' "$work/tollgate-$size.json" >"$work/tollgate-$size.what"
	if [ -n "$warm" ]; then
		timed tollgate-warm "$size" /dev/null "$tollgate" scan "$corpus" --root "$corpus" --fail-on none \
			--format "json=$work/tollgate-warm-$size.json" "${args[@]}"
		jq -r '"\(.summary.findings) findings"' "$work/tollgate-warm-$size.json" >"$work/tollgate-warm-$size.what"
	fi
}

run_floor() {
	local size=$1 corpus=$work/corpus-$1
	timed floor "$size" "$work/floor-$size.out" "$work/bin/readonly" -root "$corpus" "$corpus"
	grep -oE '[0-9]+ documents' "$work/floor-$size.out" >"$work/floor-$size.what"
}

run_conftest() {
	local size=$1 corpus=$work/corpus-$1 files=$2
	timed conftest "$size" "$work/conftest-$size.json" env -C "$corpus" "$conftest" test \
		--policy "$repo/bench/conftest/policy" --all-namespaces --no-fail --output json .
	jq -e --argjson files "$files" 'length == $files' "$work/conftest-$size.json" >/dev/null ||
		{ echo "compare: conftest did not check all $files files of size $size" >&2; exit 1; }
	jq -r '"\([.[].failures // [] | length] | add) failures"' "$work/conftest-$size.json" >"$work/conftest-$size.what"
}

# median FILE COLUMN
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
tools=(tollgate floor conftest)
declare -A corpus_label
for size in "${sizes[@]}"; do
	corpus=$work/corpus-$size
	line=$("$work/bin/corpus" -tf "$size" -o "$corpus")
	echo "compare: $line" >&2
	files=$(find "$corpus" -type f | wc -l)
	corpus_label[$size]="$(find "$corpus" -name '*.tf' | wc -l) .tf + $(find "$corpus" -name '*.yaml' | wc -l) .yaml, $(grep -oE '[0-9.]+ MB$' <<<"$line")"
	# Read the corpus once so that no tool pays for the disk.
	find "$corpus" -type f -exec cat {} + >/dev/null
	for round in $(seq 1 "$rounds"); do
		for i in 0 1 2; do
			tool=${tools[$(((round - 1 + i) % 3))]}
			"run_$tool" "$size" "$files"
		done
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
rules=$(jq -r .summary.rules_evaluated "$work/tollgate-${sizes[0]}.json")

# The section of RESULTS.md.
section=$work/section.md
{
	echo '<!-- compare:start -->'
	echo '## tollgate against conftest (issue 11)'
	echo
	echo "\`bench/compare.sh ${sizes[*]}\` on $(date -u +%Y-%m-%d): $(uname -sr) $(uname -m), $(nproc) cores"
	echo "($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo);"
	echo "load average $load_before before, $load_after after (the machine is shared: compare ratios, not absolute values);"
	echo "$(go version | cut -d' ' -f3); tollgate $tollgate_rev; conftest $conftest_version$conftest_note,"
	echo "OPA $("$conftest" --version | awk '/^OPA:/ { print $2 }'). Both are built with CGO off, \`-trimpath\`, \`-s -w\`."
	echo
	echo "Corpora from \`go run ./bench/corpus -tf N\` (seed 1): N Terraform files of about 10 AWS resources in root modules"
	echo "calling shared local modules, and N/4 multi-document Kubernetes manifests, half of them compliant. Each run reads"
	echo "the whole tree: tollgate with its $rules built-in rules and a JSON report, the floor with tollgate's readers only"
	echo "(\`bench/readonly\`: walk and parse, no policy, no report), conftest with 17 deny rules (\`bench/conftest/policy\`)."
	echo "Rounds per size: $rounds, the order of the tools rotated every round; medians, each measure apart."
	echo
	echo '| corpus | run | wall | CPU (user+sys) | peak RSS | output |'
	echo '|---|---|---:|---:|---:|---|'
	runs=(tollgate floor conftest)
	[ -n "$warm" ] && runs=(tollgate tollgate-warm floor conftest)
	for size in "${sizes[@]}"; do
		label=${corpus_label[$size]}
		for run in "${runs[@]}"; do
			case $run in
			tollgate) name='tollgate scan' ;;
			tollgate-warm) name='tollgate scan, warm cache' ;;
			floor) name='parse-only floor' ;;
			conftest) name="conftest $conftest_version" ;;
			esac
			f=$work/$run-$size.runs
			printf '| %s | %s | %.1f s | %.1f s | %.0f MB | %s |\n' "$label" "$name" "$(median "$f" 1)" "$(median "$f" 2)" \
				"$(awk '{ print $1 / 1024 }' <<<"$(median "$f" 3)")" "$(cat "$work/$run-$size.what")"
			label=''
		done
	done
	echo
	echo '| corpus | tollgate / conftest wall (target ≤ 0.5) | tollgate / floor wall (target ≤ 2) | tollgate peak RSS (target < 1 GiB at 20,000 files) | warm / cold wall (target ≤ 0.1) |'
	echo '|---|---:|---:|---:|---:|'
	for size in "${sizes[@]}"; do
		tg=$(median "$work/tollgate-$size.runs" 1)
		cf=$(median "$work/conftest-$size.runs" 1)
		fl=$(median "$work/floor-$size.runs" 1)
		rss=$(median "$work/tollgate-$size.runs" 3)
		if [ -n "$warm" ]; then
			warmcold=$(awk -v w="$(median "$work/tollgate-warm-$size.runs" 1)" -v c="$tg" 'BEGIN { r = w / c; printf "%.2f (%s)", r, r <= 0.1 ? "met" : "not met" }')
		else
			warmcold='no `--cache-dir` yet'
		fi
		awk -v s="$size" -v tg="$tg" -v cf="$cf" -v fl="$fl" -v rss="$rss" -v wc="$warmcold" 'BEGIN {
			a = tg / cf; b = tg / fl
			printf "| %d .tf | %.2f (%s) | %.2f (%s) | %.0f MB (%s) | %s |\n", s, a, a <= 0.5 ? "met" : "not met", b, b <= 2 ? "met" : "not met",
				rss / 1024, rss < 1048576 ? "under" : "over", wc }'
	done
	echo '<!-- compare:end -->'
} >"$section"

if grep -q '^<!-- compare:start -->' "$results"; then
	awk -v f="$section" '
		/^<!-- compare:start -->/ { while ((getline line < f) > 0) print line; skip = 1; next }
		/^<!-- compare:end -->/ { skip = 0; next }
		!skip' "$results" >"$work/results.md"
	cat "$work/results.md" >"$results"
else
	{ echo; cat "$section"; } >>"$results"
fi
cat "$section"
