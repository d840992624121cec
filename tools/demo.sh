#!/bin/sh
# make demo: trapvm's main job, in four acts.
#   1. boot the guest OS on the bare PG32 machine
#   2. boot the same image under the trap-and-emulate monitor: same output,
#      and the monitor's exit table
#   3. two VMs side by side under one monitor
#   4. the example programs for first steps (guest-os/demo.sh shows every
#      boot configuration of the guest OS)
# Exits 0 when everything behaved as it should.
#
#   tools/demo.sh [BUILD-DIR]     (BUILD-DIR relative to the repository; default build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
trapvm="$build/tools/trapvm"
work="$build/demo"
mkdir -p "$work"

heading() { printf '\n======== %s\n\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }  # prints a command, then runs it
# show_into FILE COMMAND...: the same, with the command's stdout into FILE
show_into() { file=$1; shift; printf '$ %s\n' "$*"; "$@" >"$file"; }
fail() { echo "demo: $*" >&2; exit 1; }

mix="$build/guest-os/boot-mix.img"
upper="$build/guest-os/boot-upper.img"

heading "1. The guest OS on the bare machine (boot-mix: two counters and primes, preempted)"
status=0
show_into "$work/bare.out" "$trapvm" run "$mix" --input /dev/null || status=$?
cat "$work/bare.out"
echo "--- exit status $status"

heading "2. The same, unmodified, under the trap-and-emulate monitor"
echo "The kernel now runs in real user mode; every privileged instruction traps to the monitor."
vstatus=0
show_into "$work/vmm.out" "$trapvm" run --vmm "$mix" --input /dev/null --stats 2>"$work/vmm.stats" || vstatus=$?
cat "$work/vmm.out"
echo "--- exit status $vstatus"
cat "$work/vmm.stats"
if cmp -s "$work/bare.out" "$work/vmm.out" && [ "$status" -eq "$vstatus" ]; then
    echo "Console output and exit status are identical to the bare run (equivalence)."
else
    fail "the monitored run differs from the bare run"
fi
if "$trapvm" diff --help >/dev/null 2>&1; then
    show "$trapvm" diff --bare-vs-vmm "$mix" --input /dev/null || fail "the instruction streams differ"
fi

heading "3. Two copies side by side under one monitor, each VM in its own region"
show_into "$work/two.out" "$trapvm" run --vmm "$mix" "$mix" --input /dev/null --stats 2>"$work/two.stats" ||
    fail "a VM failed"
cat "$work/two.out"
sed -n '/^exits of all VMs/,$p' "$work/two.stats"
for vm in vm0 vm1; do
    sed -n "s/^\[$vm\] //p" "$work/two.out" >"$work/$vm.out"
    cmp -s "$work/bare.out" "$work/$vm.out" || fail "$vm's output differs from the bare run"
done
echo "Each VM's console output is identical to the bare run: the VMs are isolated."

heading "4. First steps: the example programs"
for name in hello sum syscall user timer; do
    show "$trapvm" run "examples/$name.s" </dev/null
done
printf '$ printf '\''echo this line back\\n'\'' | %s run examples/echo.s\n' "$trapvm"
printf 'echo this line back\n' | "$trapvm" run examples/echo.s
status=0
show "$trapvm" run examples/divzero.s </dev/null 2>&1 || status=$?
[ "$status" -eq 125 ] || fail "expected exit status 125 (unhandled trap), got $status"
echo "--- exit status $status, as expected: 125 means a trap with no handler"
echo
echo "More: guest-os/demo.sh $build [--vmm] boots every configuration of the guest OS."
