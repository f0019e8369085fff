#!/bin/bash
# Load test: every shipped host scenario run N times with stress-ng loading the machine; pass counts per scenario.
#
# Usage (as root, from the checkout): bash bench/load_test.sh [--runs N] [--binary PATH]
#        [--output DIR] [--load "STRESS-NG ARGS"] [SCENARIO.toml ...]
# Defaults: 10 runs, build/kmemharness, a fresh folder under /var/tmp, the load
# "--cpu 2 --vm 1 --vm-bytes 1G", every file in scenarios/. A scenario that exits 3 on its first
# run (it needs modules, swap or something else this host lacks) is not a host scenario: it is
# listed as skipped with the harness's reason and not run again. Exit code: 0 when every run of
# every host scenario passed, 1 otherwise, 2 for a bad command line.
set -u

runs=10
binary=build/kmemharness
output=""
load="--cpu 2 --vm 1 --vm-bytes 1G"
scenarios=()

usage() {
	sed -n '4,10p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--runs) runs="${2:?--runs needs a number}"; shift 2 ;;
	--binary) binary="${2:?--binary needs a path}"; shift 2 ;;
	--output) output="${2:?--output needs a folder}"; shift 2 ;;
	--load) load="${2:?--load needs stress-ng arguments}"; shift 2 ;;
	-h|--help) usage ;;
	-*) echo "load_test.sh: unknown option $1" >&2; usage ;;
	*) scenarios+=("$1"); shift ;;
	esac
done
case "$runs" in ''|*[!0-9]*|0) echo "load_test.sh: --runs must be a positive whole number, not '$runs'" >&2; exit 2 ;; esac
[ -x "$binary" ] || { echo "load_test.sh: no kmemharness binary at $binary (build it, or give --binary)" >&2; exit 2; }
command -v stress-ng >/dev/null || { echo "load_test.sh: stress-ng is not installed (Debian package stress-ng)" >&2; exit 2; }
command -v jq >/dev/null || { echo "load_test.sh: jq is not installed (Debian package jq)" >&2; exit 2; }
[ ${#scenarios[@]} -gt 0 ] || scenarios=(scenarios/*.toml)
[ -n "$output" ] || output=$(mktemp -d /var/tmp/kmh-load.XXXXXX)
mkdir -p "$output" || exit 2

load_pid=""
stop_load() {
	[ -n "$load_pid" ] && kill -TERM -- "-$load_pid" 2>/dev/null && wait "$load_pid" 2>/dev/null
	load_pid=""
}
trap 'stop_load; exit 130' INT TERM
trap stop_load EXIT

# stress-ng in a process group of its own, so that one signal ends it and all its workers.
setsid stress-ng $load --quiet >"$output/stress-ng.log" 2>&1 &
load_pid=$!
sleep 2
kill -0 "$load_pid" 2>/dev/null || { echo "load_test.sh: stress-ng $load did not start; see $output/stress-ng.log" >&2; exit 2; }

# The failed assertions of one result.json, one line each: name, observed value, expression.
failed_assertions() {
	jq -r '.assertions[]? | select(.verdict != "pass") | "      \(.verdict): \(.name) (observed \(.observed // "-"), expected \(.expected_text // "-")): \(.expr)"' "$1" 2>/dev/null
}

echo "load: stress-ng $load; $runs runs per scenario; results under $output"
overall=0
summary=()
for scenario in "${scenarios[@]}"; do
	name=$(basename "$scenario" .toml)
	passed=0 failed=0 other=0 skipped=""
	for run in $(seq 1 "$runs"); do
		dir="$output/$name/$run"
		"$binary" run "$scenario" --output "$dir" >"$output/$name.$run.log" 2>&1
		code=$?
		if [ $code -eq 3 ] && [ "$run" -eq 1 ]; then
			skipped=$(grep -m1 'error:' "$output/$name.$run.log" | sed 's/^.*error: //' | cut -c1-110)
			break
		fi
		load_now=$(cut -d' ' -f1 /proc/loadavg)
		case $code in
		0) passed=$((passed + 1)) ;;
		1) failed=$((failed + 1)); echo "  $name run $run: exit 1 (load $load_now)"; failed_assertions "$dir/result.json" ;;
		*) other=$((other + 1)); echo "  $name run $run: exit $code (load $load_now); see $output/$name.$run.log" ;;
		esac
	done
	if [ -n "$skipped" ]; then
		summary+=("$(printf '%-24s skipped: %s' "$name" "$skipped")")
		continue
	fi
	summary+=("$(printf '%-24s %2d/%d passed, %d failed an assertion, %d other exit' "$name" "$passed" "$runs" "$failed" "$other")")
	[ "$passed" -eq "$runs" ] || overall=1
	echo "$name: $passed/$runs passed (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
done
stop_load

echo
echo "summary (stress-ng $load, $runs runs each):"
printf '%s\n' "${summary[@]}"
exit $overall
