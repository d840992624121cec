#!/usr/bin/env bash
# The handout's promises, checked (labs/README.md, "Checklist for a new lab"):
# after each task, the student sees the message the handout says.
#
#   lab_tasks.sh TRAPVM LAB_DIR            check every task of LAB_DIR/README.md
#   lab_tasks.sh TRAPVM LAB_DIR --show K   print what a student sees after tasks 1..K
#
# A handout's task is a heading "### Task N: ..."; the block after it that is
# fenced as ```next holds lines the student's `trapvm grade . .` output must
# contain once tasks 1..N are done. "Tasks 1..N done" is the student's folder
# (trapvm lab export --student) with each of the lab's regions marked
# "(task M)", M <= N, put back to its solution (partial below).
set -u

trapvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
lab=$(cd "$2" && pwd)
name=$(basename "$lab")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# partial K FILE: FILE (a solution with markers) with lab $name's regions of
# tasks up to K solved and the others' starters; other labs' regions solved.
partial() {
    awk -v lab="$name" -v k="$1" '
        /^[ \t]*(#|\/\/) >>> lab / {
            line = $0; sub(/.*>>> lab /, "", line)
            owner = line; sub(/[ \t]*:.*/, "", owner)
            task = 0
            if (match(line, /\(task [0-9]+\)/)) task = substr(line, RSTART + 6, RLENGTH - 7) + 0
            inside = 1; starter = 0; solved = (owner != lab || task <= k)
            next
        }
        inside && /^[ \t]*(#|\/\/) --- starter/ { starter = 1; next }
        inside && /^[ \t]*(#|\/\/) <<< lab / { inside = 0; next }
        inside && starter { if (!solved) { s = $0; sub(/^[ \t]*(#|\/\/)\| ?/, "", s); print s }; next }
        inside { if (solved) print; next }
        { print }' "$2"
}

# stage K: a student folder with tasks 1..K done, graded; the output on stdout.
stage() {
    local dir=$work/stage-$1
    rm -rf "$dir"
    "$trapvm" lab export "$lab" --student "$dir" >/dev/null || { fail "export --student"; return; }
    local toolkit
    toolkit=$(cd "$lab/../.." && pwd)
    # lab.yaml's files: each "- name: X" with its "solution: Y".
    awk '/^files:/ { f = 1; next } f && /^[a-z]/ { f = 0 } f && /name:/ { n = $NF } f && /solution:/ { print n, $NF }' \
        "$lab/lab.yaml" |
        while read -r file solution; do
            case $solution in solution/*) src=$lab/$solution ;; *) src=$toolkit/$solution ;; esac
            partial "$1" "$src" >"$dir/$file"
        done
    (cd "$dir" && "$trapvm" grade . . --seed 1 2>&1)
}

if [ "${3:-}" = --show ]; then
    stage "$4"
    exit 0
fi

# task N -> its ```next block, from the handout.
awk '/^### The starter/ { task = 0 }
     /^### Task [0-9]+/ { task = $3; sub(/:.*/, "", task) }
     /^```next/ { inside = 1; next }
     inside && /^```/ { inside = 0; next }
     inside && task != "" { print task "\t" $0 }' "$lab/README.md" >"$work/promises"
[ -s "$work/promises" ] || fail "$lab/README.md promises nothing (no \`\`\`next block after a '### Task N' heading)"
for task in $(cut -f1 "$work/promises" | sort -nu); do
    out=$(stage "$task")
    while IFS=$'\t' read -r t text; do
        [ "$t" = "$task" ] && [ -n "${text// /}" ] || continue
        grep -qF -- "$(sed 's/^ *//' <<<"$text")" <<<"$out" ||
            fail "after task $task the student does not see: $text
--- what they see:
$out"
    done <"$work/promises"
done

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s) in $lab's handout" >&2
    exit 1
fi
echo "ok: $lab's handout ($(cut -f1 "$work/promises" | sort -nu | wc -l) tasks)"
