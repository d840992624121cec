#!/usr/bin/env bash
# Golden tests of trapvm run: console output, --state-json, messages and
# exit statuses, for every program in examples/ and a few in programs/.
#
#   run_test.sh TRAPVM CASE
#
# Each case runs in a fresh temporary folder holding copies of examples/*.s
# and programs/*, so file names in messages are short and the same
# everywhere. The expected files are in golden/. To regenerate one after an
# intended change, run the case with TRAPVM_UPDATE_GOLDEN=1, then read the
# diff: a golden file must be right, not just what trapvm printed.
set -u

trapvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_name=$2
here=$(cd "$(dirname "$0")" && pwd)
golden=$here/golden
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/../../examples/*.s "$here"/programs/* "$work"/
cd "$work" || exit 1

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run STATUS CMD...: runs CMD with no console input, keeping its stdout and
# stderr in out/err, and checks its exit status.
run() {
    local want=$1
    shift
    "$@" </dev/null >out 2>err
    check_status $? "$want" "$*"
}

# piped INPUT STATUS CMD...: the same, with INPUT on stdin through a pipe.
piped() {
    local input=$1 want=$2
    shift 2
    printf '%s' "$input" | "$@" >out 2>err
    check_status $? "$want" "$*"
}

check_status() {
    if [ "$1" -ne "$2" ]; then
        fail "'$3' exited with $1, expected $2"
        echo "--- stdout:" >&2; cat out >&2
        echo "--- stderr:" >&2; cat err >&2
    fi
}

# same FILE GOLDEN: FILE must equal golden/GOLDEN.
same() {
    if [ -n "${TRAPVM_UPDATE_GOLDEN:-}" ]; then cp "$1" "$golden/$2"; return; fi
    diff -u "$golden/$2" "$1" >&2 || fail "$1 differs from golden/$2"
}

# has FILE TEXT: FILE must contain TEXT.
has() { grep -qF -- "$2" "$1" || { fail "$1 lacks '$2':"; cat "$1" >&2; }; }
empty() { [ ! -s "$1" ] || { fail "$1 is not empty:"; cat "$1" >&2; }; }

# example NAME STATUS [stderr]: runs examples/NAME.s and compares its console
# output, its final state and its stderr (golden/NAME.stderr if the third
# argument says so, else nothing).
example() {
    run "$2" "$trapvm" run "$1.s" --state-json "$1.json"
    same out "$1.stdout"
    same "$1.json" "$1.state.json"
    if [ "${3:-}" = stderr ]; then same err "$1.stderr"; else empty err; fi
}

# usage_error ARGS...: a bad command line: status 2 and a usage line.
usage_error() {
    run 2 "$trapvm" run "$@"
    has err "usage: trapvm run PROGRAM"
}

# hint NAME STATUS: programs/NAME.s makes a common mistake: run, run --vmm
# and trace each end with STATUS and the same two lines on stderr (the
# message, then the hint: golden/NAME.stderr).
hint() {
    run "$2" "$trapvm" run "$1.s" --max-steps 1000 --state-json "$1.json"
    same err "$1.stderr"
    grep -q '"steps": ' "$1.json" || fail "no --state-json"
    cp "$1.json" bare.json
    run "$2" "$trapvm" run --vmm "$1.s" --max-steps 1000
    diff -u "$golden/$1.stderr" err >&2 || fail "run --vmm $1.s gives another hint"
    run "$2" "$trapvm" trace "$1.s" --max-steps 1000 -o /dev/null
    sed 's/^trapvm run:/trapvm trace:/' "$golden/$1.stderr" >want
    diff -u want err >&2 || fail "trace $1.s gives another hint"
    run "$2" "$trapvm" run -q "$1.s" --max-steps 1000 --state-json "$1.json"
    empty err
    # Looking further for the hint changes nothing the run reports.
    diff -u bare.json "$1.json" >&2 || fail "--state-json differs with and without a hint"
}

# no_hint ARGS...: trapvm run ARGS, bare and under the monitor, gives no hint.
no_hint() {
    local v
    for v in "" --vmm; do
        "$trapvm" run $v "$@" </dev/null >out 2>err
        if grep -q 'hint:' err; then fail "run $v $* gives a hint:"; cat err >&2; fi
    done
}

case "$case_name" in
example-hello | example-sum | example-syscall)
    example "${case_name#example-}" 0 ;;
example-user)
    # A kernel and its user program in one file (.user): the same output
    # under the monitor, and the trace names the user code by its labels
    # and lines.
    example user 0
    run 0 "$trapvm" run --vmm user.s
    same out user.stdout
    run 0 "$trapvm" trace user.s --only traps
    has out "trap SYSCALL         print+0x1c      user.s:"
    has out "trap SYSCALL         main+0x24       user.s:" ;;
example-timer)
    example timer 0
    run 0 "$trapvm" run --vmm timer.s
    same out timer.stdout
    run 0 "$trapvm" trace timer.s --only traps
    [ "$(grep -c 'interrupt TIMER      idle+0x4' out)" -eq 3 ] || fail "timer.s: not 3 TIMER interrupts at idle+0x4" ;;
example-divzero)
    example divzero 125 stderr ;;
example-echo)
    run 0 "$trapvm" run echo.s --input echo-input.txt --state-json echo.json
    diff -u echo-input.txt out >&2 || fail "echo.s did not copy its input to its output"
    empty err
    same echo.json echo.state.json ;;
image)
    run 0 "$trapvm" asm hello.s -o hello.img
    run 0 "$trapvm" run hello.img --state-json hello.json
    same out hello.stdout
    same hello.json hello.state.json ;;
stdin)
    piped $'piped\nbytes' 0 "$trapvm" run echo.s
    printf 'piped\nbytes' >want
    diff -u want out >&2 || fail "echo.s did not echo stdin"
    piped $'dash means stdin\n' 0 "$trapvm" run echo.s --input -
    has out "dash means stdin" ;;
power-off)
    run 7 "$trapvm" run poweroff.s --state-json poweroff.json  # 0x107 & 0xff
    empty err
    same poweroff.json poweroff.state.json ;;
step-limit)
    run 124 "$trapvm" run --max-steps 1000 forever.s --state-json forever.json
    same err step-limit.stderr
    same forever.json forever.state.json
    # hello.s needs 75 instructions: 75 is enough, 74 is not.
    run 0 "$trapvm" run --max-steps 75 hello.s
    run 124 "$trapvm" run --max-steps 74 hello.s
    run 124 "$trapvm" run --max-steps 0 hello.s
    empty out
    # Counts are decimal: 2k is 2000 instructions, 1M a million.
    run 124 "$trapvm" run --max-steps 2k forever.s --state-json k.json
    grep -q '"steps": 2000,' k.json || fail "--max-steps 2k did not stop after 2000 steps"
    run 124 "$trapvm" run --max-steps 1M forever.s --state-json m.json
    grep -q '"steps": 1000000,' m.json || fail "--max-steps 1M did not stop after 1000000 steps"
    run 2 "$trapvm" run --max-steps 1MiB forever.s
    # With no --max-steps, a runaway program stops at the default limit
    # (100M), bare and under the monitor; none lifts it.
    run 124 "$trapvm" run forever.s --state-json d.json
    grep -q '"steps": 100000000,' d.json || fail "the default step limit is not 100M"
    grep -q 'lift it (--max-steps none)' err || fail "the step-limit message does not say how to lift it"
    run 124 "$trapvm" run --vmm forever.s --state-json v.json
    grep -q '"steps": 100000000,' v.json || fail "the default step limit under the monitor is not 100M"
    run 0 "$trapvm" run --max-steps none hello.s ;;
deadlock)
    run 126 "$trapvm" run deadlock.s
    same err deadlock.stderr ;;
quiet)
    run 125 "$trapvm" run --quiet divzero.s
    empty err
    run 0 "$trapvm" run ports.s
    has err "warning: the program used port 0x7777, which no device owns"
    run 0 "$trapvm" run -q ports.s
    empty err ;;
assembly-error)
    run 65 "$trapvm" run bad.s --state-json bad.json
    same err bad.stderr
    empty out
    [ -e bad.json ] && fail "--state-json written for a program that did not assemble" ;;
missing-file)
    run 66 "$trapvm" run no-such.s
    has err "trapvm run: error: cannot read 'no-such.s': No such file or directory"
    mkdir folder
    run 66 "$trapvm" run folder
    has err "trapvm run: error: 'folder' is a directory, not a program"
    run 66 "$trapvm" run echo.s --input no-such.txt
    has err "trapvm run: error: --input: cannot read 'no-such.txt'" ;;
bad-options)
    usage_error --frobnicate hello.s
    usage_error
    has err "no PROGRAM given"
    usage_error hello.s sum.s
    usage_error --stats hello.s
    for size in 0 1000001 512M lots -4; do
        usage_error --mem-size "$size" hello.s
        has err "--mem-size '$size': expected a multiple of 4 bytes from 4 to 256M"
    done
    for steps in ten -5 1.5; do
        usage_error --max-steps "$steps" hello.s
        has err "--max-steps '$steps': expected a number of instructions"
    done ;;
hint-nohalt)
    hint nohalt 125
    has out "hi" ;;
hint-badjump)
    hint badjump 125 ;;
hint-rbound0)
    hint rbound0 125 ;;
hint-noepc4)
    hint noepc4 124 ;;
hint-noack)
    hint noack 124 ;;
no-false-hints)
    # Right programs that end badly, or only at the step limit (which looks
    # further for a mistake), get no hint: every example, every guest OS
    # boot (in $3), and two that trap at the same pc again and again
    # without a mistake.
    [ -d "${3:-}" ] || fail "no guest OS images folder: '${3:-}'"
    for program in $(cd "$here/../../examples" && ls -- *.s) "${3:-.}"/boot-*.img; do
        for steps in 1000 30000 100M; do no_hint "$program" --max-steps "$steps"; done
    done
    for program in sysloop.s idle.s; do no_hint "$program" --max-steps 1000; done ;;
mem-size)
    # hello.s fills bytes 0..46 (0x2e): 48 bytes of memory hold it, 44 do not.
    run 65 "$trapvm" run --mem-size 44 hello.s
    same err mem-size.stderr
    empty out
    run 0 "$trapvm" run --mem-size 48 hello.s
    same out hello.stdout
    run 0 "$trapvm" run --mem-size 64K hello.s
    same out hello.stdout
    # Bytes are binary: 1K is 1024 bytes (a multiple of 4), 1KiB the same.
    run 0 "$trapvm" run --mem-size 1KiB hello.s --state-json k.json
    run 2 "$trapvm" run --mem-size 1k5 hello.s ;;
*)
    fail "no case named '$case_name'" ;;
esac

[ "$failures" -eq 0 ]
