#!/usr/bin/env bash
# The CI check of one lab (labs/README.md, "Checklist for a new lab"):
#   - its solution (trapvm lab export --solution) scores full marks;
#   - its starter (--student) scores less, on the full lab.yaml;
#   - each folder of submissions/ scores expected.json's score, with its messages
#     (a folder whose expected.json says "export": "student" stands for the
#     exported starter: the starter's score and messages, one per failing test;
#     one with a fixture.patch is the exported solution patched: fixture.sh).
#
#   lab_check.sh TRAPVM LAB_DIR
# JSON is read with jq.
set -u
. "$(dirname "$0")/common.sh"
lab=$(cd "$2" && pwd)

# made FIXTURE DIR: the fixture as a submission in DIR (fixture.sh), or a failure naming it.
made() { bash "$here/fixture.sh" "$trapvm" "$lab" "$1" "$2" || { fail "$(basename "$1"): the fixture cannot be made"; return 1; }; }
grade_to() { "$trapvm" grade "$lab" "$1" --seed 1 --format json -o "$2" 2>"$2.err" || fail "grade $1 exited with $?: $(cat "$2.err")"; }

"$trapvm" lab export "$lab" --solution "$work/solution" || fail "export --solution"
grade_to "$work/solution" "$work/solution.json"
max=$(json "$work/solution.json" .max_score)
[ "$(json "$work/solution.json" .score)" = "$max" ] ||
    fail "the solution scores $(json "$work/solution.json" .score) of $max: $(json "$work/solution.json" '[.tests[] | select(.status != "passed") | .name + ": " + .output] | join("\n")')"

"$trapvm" lab export "$lab" --student "$work/student" || fail "export --student"
grade_to "$work/student" "$work/student.json"
[ "$(json "$work/student.json" .score)" != "$max" ] || fail "the starter scores full marks"

for dir in "$lab"/submissions/*/; do
    [ -f "$dir/expected.json" ] || continue
    name=$(basename "$dir")
    out=$work/$name.json
    case $(json "$dir/expected.json" '.export // ""') in
    student) grade_to "$work/student" "$out" ;;
    "")
        made "$dir" "$work/sub-$name" || continue
        grade_to "$work/sub-$name" "$out"
        ;;
    *) fail "$name: expected.json's export is $(json "$dir/expected.json" .export), expected student" && continue ;;
    esac
    if [ "$(json "$dir/expected.json" '.needs_landlock // false')" = true ] && [ "$(json "$out" .sandboxed)" != true ]; then
        echo "$name: skipped (no Landlock on this kernel)"
        continue
    fi
    want=$(json "$dir/expected.json" .score)
    got=$(json "$out" .score)
    [ "$got" = "$want" ] || [ "$(jq -n "$got == $want")" = true ] || fail "$name scores $got, expected $want"
    gradable=$(json "$dir/expected.json" 'if has("gradable") then .gradable else true end')
    [ "$(json "$out" .gradable)" = "$gradable" ] || fail "$name: gradable is $(json "$out" .gradable), expected $gradable"
    feedback=$(json "$out" '[.problems[], (.tests[] | .name + ": " + .output)] | join("\n")')
    count=$(json "$dir/expected.json" '.messages | length')
    for ((n = 0; n < count; n++)); do
        message=$(json "$dir/expected.json" ".messages[$n]")
        grep -qF -- "$message" <<<"$feedback" || fail "$name: the feedback lacks '$message'"
    done
done

# The handout's messages: a fenced block after a line "With task N done..."
# (or "With no task done...") holds lines that `trapvm grade . .` prints in
# the students' folder with tasks 1..N solved (lab export --solved N),
# indentation aside; a line with "..." matches up to it.
if [ -f "$lab/README.md" ]; then
    awk '/^With no task done/ { stage = 0; want = 1; next }
         match($0, /^With task [0-9]+ done/) { split(substr($0, 11), w, " "); stage = w[1]; want = 1; next }
         /^```/ { if (inside) { inside = 0; want = 0 } else if (want) inside = 1; next }
         inside && NF { print stage "\t" $0 }' "$lab/README.md" >"$work/handout.txt"
    while IFS=$'\t' read -r stage line; do
        if [ ! -f "$work/stage-$stage.txt" ]; then
            "$trapvm" lab export "$lab" --student "$work/stage-$stage" --solved "$stage" || fail "export --solved $stage"
            (cd "$work/stage-$stage" && "$trapvm" grade . . --seed 1 2>&1) |
                sed 's/^[[:space:]]*//; s/[[:space:]]*$//' >"$work/stage-$stage.txt"
        fi
        line=$(sed 's/^[[:space:]]*//; s/[[:space:]]*$//' <<<"$line")
        if [[ $line == *...* ]]; then
            grep -qF -- "${line%%...*}" "$work/stage-$stage.txt" || fail "README.md: after task $stage, no line starts '${line%%...*}'"
        else
            grep -qxF -- "$line" "$work/stage-$stage.txt" || fail "README.md: after task $stage, the grader does not print '$line'"
        fi
    done <"$work/handout.txt"
    echo "$(wc -l <"$work/handout.txt") lines of the handout's messages checked"
fi

finish "$lab"
