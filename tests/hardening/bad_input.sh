#!/usr/bin/env bash
# Runs one row of bad_input.tbl (see its header).
#
#   bad_input.sh TRAPVM TABLE LINE
#
# Exit status: 0 pass, 1 fail, 77 skipped (a nonroot row as root, or the
# reverse; ctest shows it as skipped).
set -u
trapvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
table=$2
line=$3
here=$(cd "$(dirname "$0")" && pwd)

row=$(sed -n "${line}p" "$table")
read -r want when rest <<<"$row"
pattern=${rest#*\`}
pattern=${pattern%%\`*}
args=${rest##*\`}
read -r -a argv <<<"$args"
[ "${argv[0]:-}" = "<none>" ] && argv=()

root=no
[ "$(id -u)" -eq 0 ] && root=yes
if { [ "$when" = nonroot ] && [ $root = yes ]; } || { [ "$when" = root ] && [ $root = no ]; }; then
    echo "skipped: '$when' row, running as $( [ $root = yes ] && echo root || echo a user)"
    exit 77
fi

# The files the rows name, fresh for each row.
fixtures() {
    printf '_start: halt\n' >ok.s
    cp ok.s ok2.s
    "$trapvm" asm ok.s -o ok.img
    printf '\x00\x01\xff\xfe\x80binary junk\n' >junk.s
    : >empty.s
    mkdir dir
    head -c 40 ok.img >trunc.img
    cp ok.img corrupt.img
    printf '\x55' | dd of=corrupt.img bs=1 seek=40 conv=notrunc status=none
    printf 'just some text\n' >notimage.img
    cp ok.s noperm.s && chmod 000 noperm.s
    cp ok.img noperm.img && chmod 000 noperm.img
    printf '_start: addi a0, a0, 70000\n        frob r1, r2\n' >errors.s
    printf '.include "pg32.inc"\n_start: li a0, 65\n1: out CONSOLE_OUT, a0\n j 1b\n' >spam.s
    printf '_start: j _start\n' >loop.s
    printf '_start: .word 0\n' >illegal.s
    cp "$here/programs/trap_loop.s" trap_loop.s
    # An image whose entry point is 2, made by hand (the assembler refuses
    # to): the checksum is resealed with gzip's CRC-32, the one images use.
    cp ok.img odd.img
    printf '\x02' | dd of=odd.img bs=1 seek=16 conv=notrunc status=none
    local size
    size=$(wc -c <odd.img)
    head -c $((size - 4)) odd.img | gzip -c | tail -c 8 | head -c 4 |
        dd of=odd.img bs=1 seek=$((size - 4)) conv=notrunc status=none
    printf 'main: halt\n.data\n.byte 1\n_start: .byte 2\n' >odd.s
}

work=$(mktemp -d)
trap 'chmod -R u+rwx "$work"; rm -rf "$work"' EXIT
cd "$work" || exit 1
fixtures

echo "row $line: trapvm ${argv[*]:-}"
timeout 60 "$trapvm" "${argv[@]}" </dev/null >out 2>err
got=$?
fail=0
if [ "$got" -ne "$want" ]; then
    echo "FAIL: exit status $got, expected $want"
    fail=1
fi
# The error comes first, on one line; what follows (usage, help, the
# source line of a diagnostic) only explains it.
if ! head -n 1 err | grep -qE -- "$pattern" && ! { [ "$pattern" = '^$' ] && [ ! -s err ]; }; then
    echo "FAIL: the first line of stderr does not match \`$pattern\`"
    fail=1
fi
if grep -qE 'terminate called|Aborted|Segmentation|AddressSanitizer|runtime error|internal error' err; then
    echo "FAIL: stderr shows a crash"
    fail=1
fi
if [ "$(wc -c <out)" -gt $((16 << 20)) ]; then  # the default --max-output
    echo "FAIL: more than 16 MiB on stdout"
    fail=1
fi
echo "--- stderr:"
cat err
exit $fail
