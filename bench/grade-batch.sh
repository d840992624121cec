#!/usr/bin/env bash
# The grader's benchmark (issue 14): a batch of generated submissions of the
# asm lab (labs/asm) graded by `trapvm grade asm --batch DIR --jobs N`; the
# wall time and the cost per submission (bench/README.md, "The grader").
#
#   bench/grade-batch.sh [BUILD_DIR] [COUNT] [JOBS...]     (defaults: build 300 1 2)
#
# The submissions are made in a temporary folder and removed after: the
# solution, the starter, the lab's CI fixtures (hostile ones included: an
# endless loop, an output flood, crashes), and mutants of the solution, each
# one line changed (a branch turned around, a constant off by one, a line
# dropped, a saved register swapped for a temporary) in the order below,
# always the same. A fixed seed, so every run grades the same cases.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
count=${2:-300}
shift $(($# < 2 ? $# : 2))
jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(1 2)
trapvm=$(cd "$build/tools" && pwd)/trapvm
lab=$here/../labs/asm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$trapvm" lab export "$lab" --solution "$work/solution" >/dev/null
"$trapvm" lab export "$lab" --student "$work/student" >/dev/null
subs=$work/subs
mkdir -p "$subs/000-solution" "$subs/001-starter"
cp "$work/solution/asm.s" "$subs/000-solution/"
cp "$work/student/asm.s" "$subs/001-starter/"
for dir in "$lab"/submissions/*/; do
    bash "$here/../tests/grader/fixture.sh" "$trapvm" "$lab" "$dir" "$work/fixture"  # the solution patched
    [ -f "$work/fixture/asm.s" ] || continue
    mkdir -p "$subs/fixture-$(basename "$dir")"
    cp "$work/fixture/asm.s" "$subs/fixture-$(basename "$dir")/"
done

# mutant N: line (N * 7919) mod L of the solution's instructions, changed by
# operator N mod 4 (when it does not apply, the line is dropped).
mutate() {
    awk -v n="$1" '
        { line[NR] = $0; if ($0 ~ /^    [a-z]/) code[++lines] = NR }
        END {
            target = code[(n * 7919) % lines + 1]
            op = n % 4
            for (i = 1; i <= NR; i++) {
                s = line[i]
                if (i == target) {
                    t = s
                    if (op == 0) {
                        if (!sub(/ blt /, " bge ", t) && !sub(/ bge /, " blt ", t) && !sub(/ ble /, " bgt ", t) &&
                            !sub(/ bleu /, " bgtu ", t) && !sub(/ beqz /, " bnez ", t) && !sub(/ bnez /, " beqz ", t) &&
                            !sub(/ beq /, " bne ", t) && !sub(/ bgeu /, " bltu ", t)) t = ""
                    } else if (op == 1) {
                        if (match(t, /, -?[0-9]+( |$)/)) {
                            v = substr(t, RSTART + 2, RLENGTH - 2) + 1
                            t = substr(t, 1, RSTART + 1) v " " substr(t, RSTART + RLENGTH)
                        } else t = ""
                    } else if (op == 2) {
                        t = ""
                    } else if (!sub(/s0/, "t2", t) && !sub(/s1/, "t3", t)) t = ""
                    if (t == "") continue
                    s = t
                }
                print s
            }
        }' "$work/solution/asm.s"
}
made=$(ls "$subs" | wc -l)
for ((n = 1; made < count; n++, made++)); do
    dir=$subs/mutant-$(printf %03d "$n")
    mkdir -p "$dir"
    mutate "$n" >"$dir/asm.s"
done

echo "# $(ls "$subs" | wc -l) submissions of labs/asm ($(nproc) cores here)"
. "$here/batch-time.sh"
time_batch "$trapvm" "$lab" "$subs" "$work" 100 "${jobs[@]}"
