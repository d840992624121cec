#!/usr/bin/env bash
# The installed toolkit (cmake/TrapvmInstall.cmake, labs/README.md):
#
#   install_test.sh package BUILD_DIR PREFIX    cmake --install into PREFIX (afresh), and its layout
#   install_test.sh consumer PREFIX             a tiny program built with find_package(trapvm) runs
#   install_test.sh installed PREFIX            the installed trapvm finds its labs and its prefix
set -u

# As root the grader runs the tests as nobody, who must reach trapvm. A
# checkout in a private folder (mktemp -d makes it 0700) is out of nobody's
# reach: there the tests run as root, sandboxed by Landlock and rlimits.
if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- test -x "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)" 2>/dev/null; then
    export TRAPVM_GRADE_USER=root
fi
here=$(cd "$(dirname "$0")" && pwd)
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $1 in
package)
    build=$2 prefix=$3
    rm -rf "$prefix"
    cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log" >&2; fail "cmake --install"; }
    for f in bin/trapvm lib/cmake/trapvm/trapvmConfig.cmake lib/cmake/trapvm/trapvmConfigVersion.cmake \
        lib/cmake/trapvm/trapvmTargets.cmake lib/cmake/trapvm/trapvmLab.cmake lib/libpg32_vmm.a lib/libtrapvm_cli.a \
        include/vmm/monitor.hpp include/pg32_tables.gen.hpp share/trapvm/vmm/interpreter.hpp \
        share/trapvm/vmm/reflect.cpp share/trapvm/vmm/allocator.cpp share/trapvm/tools/main.cpp \
        share/trapvm/labs/monitor/lab.yaml share/trapvm/guest-os/kernel/kernel.s; do
        [ -e "$prefix/$f" ] || fail "the install has no $f"
    done
    # A lab's student files are no public header: the libraries never include them.
    [ ! -e "$prefix/include/vmm/interpreter.hpp" ] || fail "vmm/interpreter.hpp is installed as a header"
    if grep -rlE '#include "vmm/(interpreter\.hpp|reflect\.cpp|allocator\.cpp)"' "$prefix/include" >"$work/who"; then
        fail "installed headers include a lab's file: $(cat "$work/who")"
    fi
    ;;
consumer)
    prefix=$2
    cmake -S "$here/consumer" -B "$work/out" -DCMAKE_PREFIX_PATH="$prefix" >"$work/log" 2>&1 &&
        cmake --build "$work/out" >>"$work/log" 2>&1 || { cat "$work/log" >&2; fail "the consumer does not build"; }
    out=$("$work/out/consumer") || fail "the consumer exited with $?"
    [ "$out" = "a0 = 55, emulated 2" ] || fail "the consumer printed '$out', expected 'a0 = 55, emulated 2'"
    ;;
installed)
    prefix=$2
    "$prefix/bin/trapvm" lab list >"$work/list" || fail "trapvm lab list exited with $?"
    grep -q "^monitor " "$work/list" && grep -q "^memvirt " "$work/list" ||
        { cat "$work/list" >&2; fail "the installed trapvm does not list monitor and memvirt"; }
    # No --prefix, no TRAPVM_PREFIX: an installed trapvm builds against its own prefix.
    "$prefix/bin/trapvm" lab export memvirt --solution "$work/solution" || fail "lab export memvirt"
    env -u TRAPVM_PREFIX "$prefix/bin/trapvm" grade memvirt "$work/solution" --format json -o "$work/r.json" ||
        fail "trapvm grade exited with $?"
    [ "$(jq .score "$work/r.json")" = "$(jq .max_score "$work/r.json")" ] ||
        fail "the installed trapvm grades the memvirt solution $(jq .score "$work/r.json"): $(jq -r '.problems[]' "$work/r.json")"
    ;;
*)
    echo "unknown case $1" >&2
    exit 2
    ;;
esac

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s) in $1" >&2
    exit 1
fi
echo "ok: $1"
