#!/usr/bin/env bash
# The grader's benchmark on a C++ lab (issue 14): a batch of generated
# submissions of the monitor lab (labs/monitor) graded by `trapvm grade
# monitor --batch DIR --jobs N`: each submission is built against the
# installed toolkit (a runner of its own), then graded; the wall time and
# the cost per submission (bench/README.md, "The grader").
#
#   bench/grade-batch-monitor.sh [BUILD_DIR] [COUNT] [JOBS...]   (defaults: build 50 2)
#
# The installed toolkit is BUILD_DIR/prefix (`cmake --install` puts it
# there first when it is not; the tests' install fixture uses the same).
# The submissions, made in a temporary folder and removed after, always
# the same ones in the same order: the solution; the starter with tasks
# 0..5 solved (lab export --student --solved N); the lab's CI fixtures (a
# build error, an endless routine, wrong routines ...); then mutants of the
# solution, each with a statement of the lab's code dropped (of the
# statements of interpreter.hpp and reflect.cpp, below: some no longer
# build, most fail a test or two). A fixed seed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
count=${2:-50}
shift $(($# < 2 ? $# : 2))
jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(2)
trapvm=$build/tools/trapvm
lab=$here/../labs/monitor
export TRAPVM_PREFIX=$build/prefix
[ -d "$TRAPVM_PREFIX/lib/cmake/trapvm" ] || cmake --install "$build" --prefix "$TRAPVM_PREFIX" >/dev/null
work=$(mktemp -d)
chmod 755 "$work"  # as root the tests run as nobody, who must reach the submissions
trap 'rm -rf "$work"' EXIT

"$trapvm" lab export "$lab" --solution "$work/solution" >/dev/null
subs=$work/subs
mkdir -p "$subs"
cp -r "$work/solution" "$subs/000-solution"
for n in 0 1 2 3 4 5; do
    "$trapvm" lab export "$lab" --student "$work/st" --solved "$n" >/dev/null
    mkdir -p "$subs/00$((n + 1))-solved-$n"
    cp "$work/st/interpreter.hpp" "$work/st/reflect.cpp" "$subs/00$((n + 1))-solved-$n/"
    rm -rf "$work/st"
done
for dir in "$lab"/submissions/*/; do
    bash "$here/../tests/grader/fixture.sh" "$trapvm" "$lab" "$dir" "$subs/fixture-$(basename "$dir")"
done

# mutant N: the solution with statement (N * 7919) mod L dropped, L the
# statements (indented lines ending in ';') of its two files, in order;
# past the first L mutants, a second one too, (N * 104729 + 1) mod L.
statements=$(grep -n '^ .*;$' "$work/solution/interpreter.hpp" | sed 's/^/interpreter.hpp:/'
    grep -n '^ .*;$' "$work/solution/reflect.cpp" | sed 's/^/reflect.cpp:/')
lines=$(wc -l <<<"$statements")
made=$(ls "$subs" | wc -l)
for ((n = 1; made < count; n++, made++)); do
    dir=$subs/mutant-$(printf %03d "$n")
    cp -r "$work/solution" "$dir"
    picks=$(((n * 7919) % lines + 1))
    [ "$n" -le "$lines" ] || picks="$picks $(((n * 104729 + 1) % lines + 1))"  # past L: two dropped
    for pick in $picks; do sed -n "${pick}p" <<<"$statements"; done | sort -u | sort -t: -k2,2nr |
        while IFS=: read -r file line _; do sed -i "${line}d" "$dir/$file"; done
done

echo "# $(ls "$subs" | wc -l) submissions of labs/monitor ($(nproc) cores here)"
. "$here/batch-time.sh"
time_batch "$trapvm" "$lab" "$subs" "$work" 100 "${jobs[@]}"
