#!/usr/bin/env bash
# Limits, output errors and signals of the commands that run programs:
#
#   limits_signals_test.sh TRAPVM CASE
#
#   output-limit   the run stops at the `out` that crosses --max-output, at
#                  the same step bare, under the monitor and traced; output
#                  that was cut is always status 123, even if the program
#                  halts right after
#   write-errors   a failed write on stdout (a full disk, a closed stdout, a
#                  broken pipe with SIGPIPE ignored) is status 73 and one line
#   sigpipe        with SIGPIPE at its default a closed pipe ends trapvm with
#                  the signal (141), quietly, as for any Unix filter
#   ctrl-c-input   Ctrl-C while the guest waits for console input stops the
#                  run with 130, bare and under the monitor
#   bench-runaway  a --guest-os image that never stops is skipped with a
#                  note, not run forever
set -u

trapvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_name=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# check STATUS WANT WHAT: an exit status.
check() { [ "$1" -eq "$2" ] || fail "$3: exit status $1, expected $2"; }

# field NAME FILE: a top-level number of a --state-json file.
field() { grep -o "\"$1\": [0-9]*" "$2" | head -1 | grep -o '[0-9]*$'; }

cat >spam.s <<'EOF'
.include "pg32.inc"
_start: li   t0, 'x'
loop:   out  CONSOLE_OUT, t0
        j    loop
EOF
cat >cut.s <<'EOF'
# Writes 50 bytes, then halts: cut at 10, it must still say so.
.include "pg32.inc"
_start: li   t0, 'x'
        li   t1, 50
loop:   out  CONSOLE_OUT, t0
        addi t1, t1, -1
        bnez t1, loop
        halt
EOF
cat >echo.s <<'EOF'
.include "pg32.inc"
_start:
poll:   in   t0, PORT_CONSOLE_STATUS
        andi t1, t0, CONSOLE_READY
        bnez t1, take
        andi t1, t0, CONSOLE_ENDED
        bnez t1, done
        j    poll
take:   in   a0, PORT_CONSOLE_IN
        out  CONSOLE_OUT, a0
        j    poll
done:   halt
EOF

case "$case_name" in
output-limit)
    for mode in bare vmm trace; do
        case $mode in
        bare) args=(run) ;;
        vmm) args=(run --vmm) ;;
        trace) args=(trace -o trace.jsonl) ;;
        esac
        "$trapvm" "${args[@]}" --max-output 100 spam.s --state-json "$mode.json" >"$mode.out" 2>"$mode.err"
        check $? 123 "$mode spam.s --max-output 100"
        [ "$(wc -c <"$mode.out")" -eq 100 ] || fail "$mode: $(wc -c <"$mode.out") bytes written, expected 100"
        grep -q 'reached its limit (--max-output)' "$mode.err" || fail "$mode: no output-limit message"
        grep -q '"reason": "output-limit"' "$mode.json" || fail "$mode: stop.reason is not output-limit"
    done
    # 100 outs wrote the bytes; the 101st found the budget spent and retired:
    # 202 steps, and the same state, field by field, everywhere.
    [ "$(field steps bare.json)" = 202 ] || fail "bare stopped after $(field steps bare.json) steps, expected 202"
    for mode in vmm trace; do
        for key in steps ticks pc; do
            [ "$(field $key bare.json)" = "$(field $key $mode.json)" ] ||
                fail "$mode: $key $(field $key $mode.json), bare $(field $key bare.json)"
        done
        # pc, regs, csr, mode, steps, ticks: everything up to "ticks".
        diff <(sed -n '1,/"ticks"/p' bare.json) <(sed -n '1,/"ticks"/p' $mode.json) >&2 ||
            fail "$mode: the final state differs from the bare run's"
    done
    "$trapvm" run --max-output 10 cut.s >out 2>err
    check $? 123 "output cut, then halt"
    "$trapvm" run --vmm --max-output 10 cut.s >out 2>err
    check $? 123 "output cut, then halt, under the monitor"
    "$trapvm" run --max-output 50 cut.s >out 2>err
    check $? 0 "exactly the limit is not cut" ;;
write-errors)
    "$trapvm" run spam.s >/dev/full 2>err
    check $? 73 "run to /dev/full"
    grep -q 'cannot write the console output: No space left on device' err || fail "run: $(cat err)"
    [ "$(wc -l <err)" -eq 1 ] || fail "run to /dev/full: more than one line on stderr"
    "$trapvm" run --vmm spam.s >/dev/full 2>err
    check $? 73 "run --vmm to /dev/full"
    "$trapvm" run --vmm spam.s spam.s >/dev/full 2>err
    check $? 73 "run --vmm with two VMs to /dev/full"
    "$trapvm" run spam.s >&- 2>err
    check $? 73 "run with stdout closed"
    "$trapvm" asm cut.s -o cut.img 2>err
    for cmd in "disasm cut.img" "--help" "run --help" "diff --bare-vs-vmm cut.s" "bench --help"; do
        # shellcheck disable=SC2086
        "$trapvm" $cmd >/dev/full 2>err
        check $? 73 "$cmd to /dev/full"
        grep -q 'cannot write to standard output' err || fail "$cmd to /dev/full: $(cat err)"
        [ "$(wc -l <err)" -eq 1 ] || fail "$cmd to /dev/full: more than one line on stderr"
    done
    # A broken pipe with SIGPIPE ignored: a write error like any other.
    bash -c "trap '' PIPE; '$trapvm' run spam.s 2>err | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}"
    check $? 73 "run into a closed pipe with SIGPIPE ignored"
    grep -q 'Broken pipe' err || fail "closed pipe: $(cat err)" ;;
sigpipe)
    bash -c "'$trapvm' run spam.s 2>err | head -c 10 >/dev/null; exit \${PIPESTATUS[0]}"
    check $? 141 "run into a closed pipe"
    [ ! -s err ] || fail "a closed pipe with SIGPIPE at its default printed: $(cat err)" ;;
ctrl-c-input)
    for mode in "" "--vmm"; do
        mkfifo in.fifo
        sleep 60 >in.fifo &
        writer=$!
        # shellcheck disable=SC2086
        "$trapvm" run $mode echo.s <in.fifo >out 2>err &
        pid=$!
        sleep 0.5
        kill -INT $pid
        for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
        if kill -0 $pid 2>/dev/null; then
            fail "run $mode: still waiting for input 5 s after Ctrl-C"
            kill -KILL $pid
        fi
        wait $pid
        check $? 130 "run $mode waiting for input, then Ctrl-C"
        grep -q 'interrupted' err || fail "run $mode: no 'interrupted' message: $(cat err)"
        kill $writer 2>/dev/null
        wait $writer 2>/dev/null
        rm -f in.fifo
    done ;;
bench-runaway)
    printf '_start: j _start\n' >forever.s
    "$trapvm" asm forever.s -o forever.img
    "$trapvm" bench --quick --runs 1 --guest-os forever.img >out 2>err
    check $? 0 "bench with a guest OS that never stops"
    grep -q 'guest OS workload skipped: forever.img: it did not stop within' err || fail "no skip note: $(cat err)" ;;
*)
    echo "unknown case $case_name" >&2
    exit 2 ;;
esac
exit $((failures > 0))
