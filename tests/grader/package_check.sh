#!/usr/bin/env bash
# A course lab's packages, run as their images run them, in scratch roots,
# with the lab's solution as the submission (labs/README.md, "Packaging"):
#   - Gradescope: the zip's setup.sh (a prebuilt trapvm, no apt-get), then
#     run_autograder in a simulated /autograder: full marks in
#     results/results.json, an entry per case, the spec's fields;
#   - PrairieLearn: the question's tests/run.sh in a simulated /grade: score
#     1, gradable, the spec's fields, hidden tests left out.
#
#   package_check.sh TRAPVM LAB_DIR
# A cpp lab builds against $TRAPVM_PREFIX (the installed toolkit, tests/install),
# which also gives the PrairieLearn image's /usr/local/bin/trapvm.
# JSON is read with jq.
set -u
. "$(dirname "$0")/common.sh"
lab=$(cd "$2" && pwd)
cd "$work" || exit 1

# What the results must hold, from lab.yaml (lab list), not copies.
name=$(basename "$lab")
listed=$("$trapvm" lab list --labs "$(dirname "$lab")" --json | jq ".[] | select(.lab == \"$name\")")
points=$(jq .points <<<"$listed")
cases=$(jq .cases <<<"$listed")
runner=$trapvm prefix=()
if [ "$(jq -r .kind <<<"$listed")" = cpp ]; then
    [ -x "${TRAPVM_PREFIX:-}/bin/trapvm" ] || { echo "FAIL: a cpp lab needs TRAPVM_PREFIX (tests/install)" >&2; exit 1; }
    runner=$TRAPVM_PREFIX/bin/trapvm prefix=(TRAPVM_PREBUILT_PREFIX="$TRAPVM_PREFIX")
fi
"$trapvm" lab export "$lab" --solution solution >/dev/null || fail "export --solution"

# Gradescope: /autograder/source is the zip, /autograder/submission the files.
"$trapvm" lab package "$lab" --gradescope gs.zip || fail "package --gradescope"
mkdir -p root/source root/submission
(cd root/source && unzip -q ../../gs.zip) || fail "unzip"
env AUTOGRADER_ROOT="$work/root" TRAPVM_SKIP_APT=1 TRAPVM_PREBUILT="$runner" "${prefix[@]}" \
    bash root/source/setup.sh || fail "setup.sh"
cp root/source/run_autograder root/
cp -r solution/. root/submission/
AUTOGRADER_ROOT=$work/root root/run_autograder || fail "run_autograder"
r=root/results/results.json
want "$(json $r .score)" "$points" "Gradescope score of the solution"
want "$(json $r '[.tests[] | select(.status != "passed")] | map(.name + ": " + .output) | join("\n")')" "" \
    "Gradescope entries the solution fails"
want "$(json $r '.tests | length')" "$cases" "Gradescope entries (one per case)"
want "$(json $r '[.tests[] | keys] | add | unique | join(",")')" \
    "extra_data,max_score,name,number,output,output_format,score,status,visibility" "Gradescope test fields"
want "$(json $r '[.tests[].max_score] | add | . * 100 | round / 100')" "$points" "Gradescope max_scores added up"
want "$(json $r '[.tests[].visibility | select(. != "visible" and . != "hidden" and . != "after_due_date")] | length')" 0 \
    "Gradescope visibilities"

# PrairieLearn: /grade/tests is the question's tests/, /grade/student the files.
"$trapvm" lab package "$lab" --prairielearn pl || fail "package --prairielearn"
mkdir -p grade/student
cp -r pl/question/tests grade/tests
cp -r solution/. grade/student/
GRADE_ROOT=$work/grade TRAPVM=$runner TRAPVM_TOOLKIT=$work/pl/toolkit grade/tests/run.sh || fail "run.sh"
r=grade/results/results.json
want "$(json $r .score)" 1 "PrairieLearn score of the solution"
want "$(json $r .gradable)" true "PrairieLearn gradable"
want "$(json $r '[.tests[] | select(.points != .max_points)] | length')" 0 "PrairieLearn entries without full points"
want "$(json $r '[.tests[] | keys] | add | unique | join(",")')" "description,max_points,message,name,output,points" \
    "PrairieLearn test fields"
visible=$(json root/results/results.json '[.tests[] | select(.visibility == "visible")] | length')
want "$(json $r '.tests | length')" "$visible" "PrairieLearn entries (the visible ones)"
[ "$(wc -c <$r)" -le 1000000 ] || fail "results.json is over 1 MB"

finish "the packages of $name (the solution graded with full marks)"
