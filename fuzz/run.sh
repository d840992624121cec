#!/bin/sh
# Builds the libFuzzer targets with clang in BUILD_DIR and runs each for
# SECONDS (fuzz/README.md says more).
#
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     targets: asm image cpu monitor
#
# Each target starts from its seed corpus (fuzz/corpus/TARGET, committed)
# plus what earlier runs in BUILD_DIR found (BUILD_DIR/corpus/TARGET, not
# committed). A crash, hang or broken invariant is saved under
# BUILD_DIR/crashes/TARGET/ and makes the script exit 1; copy the file to
# tests/hardening/crashes/TARGET/ so the normal test suite replays it.
set -eu

if [ $# -lt 2 ]; then
    echo "usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]" >&2
    exit 2
fi
build=$1
seconds=$2
shift 2
targets=${*:-asm image cpu monitor}
src=$(cd "$(dirname "$0")/.." && pwd)

cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DTRAPVM_FUZZ=ON >/dev/null
cmake --build "$build" -j "${JOBS:-2}" --target $(for t in $targets; do printf 'fuzz-%s ' "$t"; done)

failed=""
for t in $targets; do
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    dict=""
    [ -f "$src/fuzz/$t.dict" ] && dict="-dict=$src/fuzz/$t.dict"
    log="$build/fuzz-$t.log"
    echo "== fuzz-$t: $seconds s"
    # -timeout: an input that takes 10 s is a hang; -rss_limit_mb: one that
    # needs 2 GiB is a memory bug; -seed: CI runs are repeatable.
    status=0
    "$build/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -seed="${FUZZ_SEED:-1}" -print_final_stats=1 -artifact_prefix="$build/crashes/$t/" $dict \
        "$build/corpus/$t" "$src/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
    # The last status line has the coverage: "#N DONE cov: C ft: F corp: ..."
    grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE)' "$log" | tail -1 || true
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" || true
    if [ "$status" -ne 0 ] || [ -n "$(ls -A "$build/crashes/$t")" ]; then
        echo "fuzz-$t FAILED (status $status); see $log and $build/crashes/$t/"
        grep -E 'ERROR|invariant broken|SUMMARY' "$log" | head -5 || true
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "fuzzing found problems in:$failed"
    exit 1
fi
echo "fuzzing: no problems found"
