#!/usr/bin/env bash
# CLI tests of trapvm asm, disasm and check: golden output and exit statuses.
#
#   cli_test.sh TRAPVM CASE
#
# Each case runs in a fresh temporary folder holding a copy of golden/, so
# file names in messages are short and the same everywhere. To regenerate
# a golden file after an intended change, run the case with
# TRAPVM_UPDATE_GOLDEN=1 and review the diff.
set -u

trapvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case_name=$2
golden=$(cd "$(dirname "$0")/golden" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$golden"/. "$work"/
cd "$work" || exit 1

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run STATUS CMD...: runs CMD, keeping its stdout and stderr in out/err, and
# checks its exit status.
run() {
    local want=$1
    shift
    "$@" >out 2>err
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "'$*' exited with $got, expected $want"
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

lines() { [ "$(wc -l <"$1")" -eq "$2" ] || { fail "$1 has $(wc -l <"$1") lines, expected $2:"; cat "$1" >&2; }; }

case "$case_name" in
help)
    run 0 "$trapvm" --help
    has out "usage: trapvm SUBCOMMAND"
    has out "asm"
    has out "disasm" ;;
help-subcommand)
    # trapvm help NAME is NAME --help, for every subcommand the list names.
    run 0 "$trapvm" help
    names=$(sed -n 's/^  \([a-z]*\)  .*/\1/p' out)
    [ "$(echo "$names" | wc -w)" -ge 7 ] || fail "trapvm help lists too few subcommands: $names"
    for name in $names; do
        run 0 "$trapvm" "$name" --help
        mv out want
        run 0 "$trapvm" help "$name"
        diff -u want out >&2 || fail "trapvm help $name is not trapvm $name --help"
    done
    run 2 "$trapvm" help frobnicate
    has err "trapvm: error: unknown subcommand 'frobnicate'"
    run 2 "$trapvm" help run asm
    has err "usage: trapvm help [SUBCOMMAND]" ;;
no-arguments)
    run 2 "$trapvm"
    has err "usage: trapvm SUBCOMMAND" ;;
unknown-subcommand)
    run 2 "$trapvm" frobnicate
    has err "trapvm: error: unknown subcommand 'frobnicate'" ;;
asm-help)
    run 0 "$trapvm" asm --help
    has out "usage: trapvm asm PROGRAM.s"
    has out "--raw"
    has out "-I [ --include-dir ]" ;;
disasm-help)
    run 0 "$trapvm" disasm --help
    has out "usage: trapvm disasm IMAGE" ;;
asm-then-disasm)
    run 0 "$trapvm" asm hello.s
    [ -s out ] || [ -s err ] && fail "asm printed something on success"
    [ -f hello.img ] || fail "asm did not write hello.img"
    run 0 "$trapvm" disasm hello.img
    same out hello.disasm ;;
disasm-source)
    run 0 "$trapvm" disasm hello.s
    same out hello.disasm ;;
asm-output-option)
    run 0 "$trapvm" asm hello.s -o other.img
    [ -f other.img ] || fail "-o other.img was not written"
    [ -f hello.img ] && fail "hello.img written despite -o" ;;
asm-errors)
    run 65 "$trapvm" asm bad.s
    same err bad.stderr
    [ -f bad.img ] && fail "an image was written despite errors" ;;
asm-include-and-define)
    run 65 "$trapvm" asm uses.s
    run 0 "$trapvm" asm -I inc -D N=0x10 uses.s
    run 0 "$trapvm" disasm uses.img
    has out "addi a0, zero, 116" ;;
asm-raw)
    run 0 "$trapvm" asm --raw raw.s
    od -An -tx1 raw.bin | tr -s ' ' >got
    echo " 11 22 00 00 00 00 00 00 33" >want
    diff -u want got >&2 || fail "raw.bin is not the flat memory image" ;;
asm-missing-input)
    run 66 "$trapvm" asm no-such.s
    has err "trapvm asm: error: cannot read 'no-such.s': No such file or directory"
    lines err 1 ;;
asm-directory-input)
    run 66 "$trapvm" asm inc
    has err "trapvm asm: error: 'inc' is a directory"
    lines err 1 ;;
asm-cannot-write)
    run 73 "$trapvm" asm hello.s -o no-such-dir/hello.img
    has err "trapvm asm: error: cannot write 'no-such-dir/hello.img'"
    lines err 1 ;;
asm-bad-options)
    run 2 "$trapvm" asm --frobnicate hello.s
    has err "usage: trapvm asm"
    run 2 "$trapvm" asm
    has err "missing the program to assemble"
    run 2 "$trapvm" asm -D =5 hello.s
    has err "bad -D '=5': expected NAME=NUMBER"
    run 2 "$trapvm" asm hello.s extra.s
    run 2 "$trapvm" asm hello.s -o ./hello.s
    has err "is the program itself"
    cmp -s hello.s "$golden/hello.s" || fail "asm overwrote its own source" ;;
disasm-corrupt-image)
    run 0 "$trapvm" asm hello.s
    head -c 60 hello.img >cut.img
    run 65 "$trapvm" disasm cut.img
    has err "trapvm disasm: error: cut.img: image is truncated"
    lines err 1
    printf 'not an image at all' >junk.img
    run 65 "$trapvm" disasm junk.img
    has err "not a trapvm image" ;;
disasm-missing-input)
    run 66 "$trapvm" disasm no-such.img
    lines err 1 ;;
disasm-bad-source)
    run 65 "$trapvm" disasm bad.s
    has err "3 errors, 1 warning" ;;
check-list)  # the shipped profiles, one name a line, pg32 first
    run 0 "$trapvm" check --list
    [ "$(head -1 out)" = pg32 ] || fail "the first profile is not pg32"
    has out "leaky-psw"
    has out "jrst1"
    has out "vt"
    # one a row of profiles.tbl (its rows are the lines that are no comment), lab profiles aside
    lines out "$(grep -vE '^[[:space:]]*(#|$)' "$golden/../../../isa-spec/tables/profiles.tbl" | grep -cv '^lab-')" ;;
check-lab-profiles)  # a lab profile: not listed, not classified, but for instructors; it runs like any
    run 0 "$trapvm" check --list
    grep -q '^lab-' out && fail "check --list shows a lab profile"
    run 2 "$trapvm" check --profile lab-virt-a
    has err "profile lab-virt-a is a lab profile: classifying its instructions is the lab's task"
    run 0 env TRAPVM_LAB_INSTRUCTOR=1 "$trapvm" check --list
    has out "lab-virt-a"
    run 0 env TRAPVM_LAB_INSTRUCTOR=1 "$trapvm" check --profile lab-virt-a --states 100
    has out "rdppc"
    printf 'cpuid a0\nhalt\n' >lab.s
    run 0 "$trapvm" run --profile lab-virt-a --vmm lab.s --state-json state.json
    [ -s err ] && fail "the monitor tells something about a lab profile: $(cat err)"
    has state.json "1346843442" ;;
check-json)  # pg32's measured classes agree with the table, and Theorems 1 and 3 hold
    run 0 "$trapvm" check --states 100 --json
    has out '"profile":"pg32"'
    has out '"theorem1":{"holds":true,"violators":[]}'
    has out '"theorem3":{"holds":true,"violators":[]}'
    has out '"agree":true' ;;
check-bad-options)
    run 2 "$trapvm" check --profile no-such
    # every profile, the lab's too: they run like any (check --list shows them to instructors)
    has err "unknown profile 'no-such' (the profiles: $(TRAPVM_LAB_INSTRUCTOR=1 "$trapvm" check --list | paste -sd, | sed 's/,/, /g'))"
    run 2 "$trapvm" check --states 0
    has err "--states" ;;
asm-profile)  # an instruction of another profile; an image records its profile
    printf 'rdpsw a0\nhalt\n' >flawed.s
    run 65 "$trapvm" asm flawed.s -o flawed.img
    has err "'rdpsw' is not an instruction of profile pg32 (it is one of profile leaky-psw, vt)"
    has err "assemble with --profile leaky-psw"
    run 0 "$trapvm" asm --profile leaky-psw flawed.s -o flawed.img
    run 0 "$trapvm" disasm flawed.img
    has out "rdpsw a0"
    run 0 "$trapvm" run flawed.img
    run 65 "$trapvm" run --profile pg32 flawed.img
    has err "'flawed.img' is for ISA profile leaky-psw, but this run's profile is pg32" ;;
*)
    echo "unknown case $case_name" >&2
    exit 2 ;;
esac

[ "$failures" -eq 0 ]
