#!/bin/sh
# guest-os/demo.sh: boot every guest-os configuration on the bare PG32
# machine and show what it prints and how it ends.
#
#   guest-os/demo.sh [BUILD_DIR] [--vmm]
#
# BUILD_DIR is the build tree (default: build); with --vmm each boot runs
# inside a virtual machine under the trap-and-emulate monitor instead,
# and should print exactly the same.
set -eu
build=${1:-build}
mode=${2:-}
here=$(dirname "$0")
trapvm=$build/tools/trapvm

for config in hello mix upper sleep hog bad faults badptr; do
    image=$build/guest-os/boot-$config.img
    echo "=== boot-$config"
    # The boot file's opening comment says what it shows.
    sed -n '/^#/!q; s/^# \{0,1\}/    /p' "$here/boot/$config.s"
    echo "---"
    status=0
    if [ "$config" = upper ]; then
        printf 'Hello from the console,\nthrough a pipe.\n' |
            "$trapvm" run $mode "$image" -q --max-steps 5000000 --input - || status=$?
    else
        "$trapvm" run $mode "$image" -q --max-steps 5000000 --input /dev/null || status=$?
    fi
    echo "--- exit status $status"
    echo
done
