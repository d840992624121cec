#!/bin/sh
# make demo: assemble and run each example program (examples/), one of them
# also under the trap-and-emulate monitor, and show that a trap with no
# handler ends the run with exit status 125. Exits 0 when all behaved.
#
#   tools/demo.sh [BUILD-DIR]     (BUILD-DIR relative to the repository; default build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
trapvm="$build/tools/trapvm"
images="$build/examples"
mkdir -p "$images"

heading() { printf '\n=== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }  # prints a command, then runs it

for name in hello sum syscall; do
    heading "examples/$name.s"
    show "$trapvm" asm "examples/$name.s" -o "$images/$name.img"
    show "$trapvm" run "$images/$name.img" </dev/null
done

heading "examples/echo.s: console input from a pipe"
show "$trapvm" asm examples/echo.s -o "$images/echo.img"
printf '$ printf '\''echo this line back\\n'\'' | %s run %s\n' "$trapvm" "$images/echo.img"
printf 'echo this line back\n' | "$trapvm" run "$images/echo.img"

heading "examples/syscall.s under the trap-and-emulate monitor"
show "$trapvm" run --vmm --stats "$images/syscall.img" </dev/null 2>&1

heading "examples/divzero.s: a trap with no handler"
show "$trapvm" asm examples/divzero.s -o "$images/divzero.img"
status=0
show "$trapvm" run "$images/divzero.img" </dev/null 2>&1 || status=$?
if [ "$status" -ne 125 ]; then
    echo "demo: expected exit status 125 (unhandled trap), got $status" >&2
    exit 1
fi
echo "exit status $status, as expected: 125 means a trap with no handler"
