#!/usr/bin/env bash
# bench/callgrind.sh BUILD: the figures of record. Host instructions per
# retired guest instruction under callgrind, for every workload, bare and
# under the monitor, with the reference interpreter (bench/reference.cpp)
# on loop (a) beside them. Unlike wall-clock time, these do not move from
# day to day on a shared machine.
#
# Start-up is subtracted: each workload runs twice, with a large and a
# small size, and the figure is
#     (host instructions, large - small) / (guest instructions, large - small)
# so loading, assembling and exiting cancel out. Output: a table on stdout,
# and BUILD/bench/callgrind.json.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
trapvm=$build/tools/trapvm
reference=$build/bench/trapvm-reference
out=$build/bench/callgrind
mkdir -p "$out"

# host_instructions COMMAND...: what callgrind counted for the whole run
host_instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected/ {print $4}'
}

# guest_steps STATE_JSON: the retired instructions of a run (all VMs)
guest_steps() { grep -o '"steps": [0-9]*' "$1" | head -1 | awk '{print $2}'; }

# per_guest NAME LARGE.img SMALL.img [run options]: one row, trapvm run
per_guest() {
    local name=$1 large=$2 small=$3
    shift 3
    local a b sa sb
    a=$(host_instructions "$trapvm" run "$large" --max-steps none --state-json "$out/s.json" "$@")
    sa=$(guest_steps "$out/s.json")
    b=$(host_instructions "$trapvm" run "$small" --max-steps none --state-json "$out/s.json" "$@")
    sb=$(guest_steps "$out/s.json")
    row "$name" "$a" "$b" "$sa" "$sb"
}

# reference_steps IMAGE: what the reference interpreter retired ("N steps, a0 = ...")
reference_steps() { "$reference" "$1" | awk '{print $1}'; }

rows=()
# row NAME HOST_LARGE HOST_SMALL GUEST_LARGE GUEST_SMALL
row() {
    local figure
    figure=$(echo "$2 $3 $4 $5" | awk '{printf "%.2f", ($1 - $2) / ($3 - $4)}')
    printf '%-44s %8s host instructions per guest instruction (%d guest instructions)\n' "$1" "$figure" $(($4 - $5))
    rows+=("{\"workload\": \"$1\", \"host_per_guest\": $figure, \"guest_instructions\": $(($4 - $5))}")
}

# asm_pair NAME FILE VAR LARGE SMALL: NAME-large.img and NAME-small.img
asm_pair() {
    "$trapvm" asm "$2" -D "$3=$4" -o "$out/$1-large.img" >/dev/null
    "$trapvm" asm "$2" -D "$3=$5" -o "$out/$1-small.img" >/dev/null
}

# The guest OS's CPU-bound boot with ROUNDS rounds of its crunch program.
guest_os_pair() {
    local os=$here/../guest-os rounds
    for rounds in large:200000 small:2000; do
        local dir=$out/os-${rounds%%:*}
        mkdir -p "$dir/user"
        sed "s/^\.equ ROUNDS, .*/.equ ROUNDS, ${rounds#*:}/" "$os/user/crunch.s" >"$dir/crunch.s"
        "$trapvm" asm "$dir/crunch.s" -I "$os/user" -o "$dir/user/crunch.img" >/dev/null
        "$trapvm" asm "$os/boot/crunch.s" -I "$os/kernel" -I "$dir/user" -o "$out/os-${rounds%%:*}.img" >/dev/null
    done
}

asm_pair loop "$here/programs/loop.s" ITERATIONS 2000000 1
asm_pair copy "$here/programs/copy.s" ROUNDS 400 1
asm_pair fib "$here/programs/fib.s" N 25 2
asm_pair trapstorm "$here/programs/trapstorm.s" COUNT 100000 1
guest_os_pair

per_guest "loop (a), bare" "$out/loop-large.img" "$out/loop-small.img"
per_guest "loop (a), monitor" "$out/loop-large.img" "$out/loop-small.img" --vmm
a=$(host_instructions "$reference" "$out/loop-large.img")
b=$(host_instructions "$reference" "$out/loop-small.img")
row "loop (a), reference interpreter" "$a" "$b" "$(reference_steps "$out/loop-large.img")" \
    "$(reference_steps "$out/loop-small.img")"
per_guest "copy (b), bare" "$out/copy-large.img" "$out/copy-small.img"
per_guest "fib (c), bare" "$out/fib-large.img" "$out/fib-small.img"
per_guest "guest OS (d) boot-crunch, bare" "$out/os-large.img" "$out/os-small.img"
per_guest "guest OS (d) boot-crunch, monitor" "$out/os-large.img" "$out/os-small.img" --vmm
per_guest "trapstorm, bare" "$out/trapstorm-large.img" "$out/trapstorm-small.img"
per_guest "trapstorm, monitor" "$out/trapstorm-large.img" "$out/trapstorm-small.img" --vmm

(
    IFS=,
    echo "[${rows[*]}]"
) >"$build/bench/callgrind.json"
