#!/bin/sh
# The run step of ci/lava/kmemharness.yaml: the scenarios on the kernel LAVA booted, reported as LAVA test cases.
#
# kmemharness prints one `lava-test-case` line per scenario and per assertion (--lava); this shell
# runs them, so each reaches LAVA through its lava-test-case helper. The matrix's exit code becomes
# one more test case, kmemharness-exit: pass on 0, skip on 3 (the device lacks something the
# scenarios need: every skip's reason is a comment line in the output), fail otherwise.
# SCENARIOS, OUTPUT and KCIDB_ORIGIN come from the test definition's params; KMEMHARNESS names the
# binary (default build/kmemharness: the step runs in the repository's folder).
set -u

scenarios=${SCENARIOS:-scenarios/pcpu_bounce.toml}
output=${OUTPUT:-/tmp/kmemharness-lava}
origin=${KCIDB_ORIGIN:-kmemharness}
cases="$output.lava-test-cases"
harness=${KMEMHARNESS:-build/kmemharness}

status=0
# shellcheck disable=SC2086 # SCENARIOS is a list of files or globs
"$harness" matrix --kernel host --quiet --output "$output" --lava --kcidb-origin "$origin" \
	$scenarios >"$cases" || status=$?
cat "$cases"
# shellcheck source=/dev/null # the lines kmemharness just printed
. "$cases"

case $status in
0) result=pass ;;
3) result=skip ;;
*) result=fail ;;
esac
lava-test-case kmemharness-exit --result "$result" --measurement "$status" --units exit_code
echo "kmemharness: results in $output (kcidb.json, matrix.json, junit.xml); exit $status"
