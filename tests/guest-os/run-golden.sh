#!/bin/bash
# run-golden.sh: boot a guest-os image and compare what it does with the
# expected ("golden") run.
#
#   run-golden.sh TRAPVM IMAGE GOLDEN STATUS [--vmm[=KIND]] [--idle] [-- RUN-OPTIONS...]
#
# Runs `TRAPVM run IMAGE RUN-OPTIONS...` (with --vmm: under the monitor,
# --vmm=hybrid: under the hybrid monitor)
# and checks that
#   - the console output is exactly the file GOLDEN,
#   - the exit status is STATUS (the status of pid 1, 101 for a panic),
#   - with --idle: the machine spent ticks idle in wfi (ticks > steps in
#     the final state), i.e. the kernel waited instead of spinning.
# Every run has a step limit, so a kernel that hangs fails (status 124).
#
# After a deliberate change to the guest OS, GOLDEN_UPDATE=1 rewrites the
# golden file from the actual output. Read the diff before committing it:
# a golden file must say what is right, not merely what happened.
set -u

if [ $# -lt 4 ]; then
    echo "usage: $0 TRAPVM IMAGE GOLDEN STATUS [--vmm[=KIND]] [--idle] [-- RUN-OPTIONS...]" >&2
    exit 2
fi
trapvm=$1 image=$2 golden=$3 want_status=$4
shift 4
vmm=() idle=0
while [ $# -gt 0 ]; do
    case $1 in
        --vmm|--vmm=*) vmm=("$1") ;;
        --idle) idle=1 ;;
        --) shift; break ;;
        *) echo "$0: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$trapvm" run "${vmm[@]}" "$image" --max-steps 5000000 --state-json "$tmp/state.json" "$@" \
    >"$tmp/out" 2>"$tmp/err"
status=$?

if [ "${GOLDEN_UPDATE:-0}" = 1 ]; then
    cp "$tmp/out" "$golden"
    echo "updated $golden"
fi

ok=1
if ! cmp -s "$golden" "$tmp/out"; then
    echo "FAIL: console output differs from $golden (- expected, + actual):"
    diff -u "$golden" "$tmp/out" | tail -n +3
    ok=0
fi
if [ "$status" != "$want_status" ]; then
    echo "FAIL: exit status $status, expected $want_status"
    ok=0
fi
if [ $idle = 1 ]; then
    steps=$(sed -n 's/^  "steps": \([0-9]*\),$/\1/p' "$tmp/state.json")
    ticks=$(sed -n 's/^  "ticks": \([0-9]*\),$/\1/p' "$tmp/state.json")
    if [ -z "$steps" ] || [ -z "$ticks" ] || [ "$ticks" -le "$steps" ]; then
        echo "FAIL: expected idle time in wfi: steps=$steps ticks=$ticks"
        ok=0
    else
        echo "idle: $((ticks - steps)) of $ticks ticks"
    fi
fi
if [ $ok = 0 ] && [ -s "$tmp/err" ]; then
    echo "stderr:"
    cat "$tmp/err"
fi
[ $ok = 1 ] && echo "ok: $(basename "$golden"), status $status"
[ $ok = 1 ]
