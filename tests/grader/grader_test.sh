#!/usr/bin/env bash
# End-to-end tests of trapvm grade and trapvm lab on the test lab
# (labs/mini): the solution scores full marks, the starter less, each
# hostile submission its expected score and messages, timeouts never give
# marks, results are always written, the packages run in scratch roots.
#
#   grader_test.sh TRAPVM CASE
#
# JSON is read with jq, JUnit XML checked with xmllint.
set -u
. "$(dirname "$0")/common.sh"
case_name=$2
lab=$here/labs/mini
cd "$work" || exit 1

grade() { "$trapvm" grade "$@"; }

# The lab's fixtures as submissions (fixture.sh: the exported solution with
# each one's fixture.patch applied): fx/NAME. One that cannot be made fails
# the case, naming it.
fx=$work/fx
for dir in "$lab"/submissions/*/; do
    bash "$here/fixture.sh" "$trapvm" "$lab" "$dir" "$fx/$(basename "$dir")" || fail "cannot make the fixture $dir"
done
# How many result entries the lab has (one per case of each test), from its
# lab.yaml (not a copy of the number).
entries_of_lab() { "$trapvm" lab list --labs "$here/labs" --json | jq '.[] | select(.lab == "mini") | .cases'; }

# fixture NAME: submissions/NAME scores expected.json's score, with its messages.
fixture() {
    local dir=$lab/submissions/$1
    grade "$lab" "$fx/$1" --seed 1 --format json -o "$1.json" 2>"$1.err" || fail "grade $1 exited with $?"
    want "$(json "$1.json" .score)" "$(json "$dir/expected.json" .score)" "score of $1"
    want "$(json "$1.json" .gradable)" "$(json "$dir/expected.json" 'if has("gradable") then .gradable else true end')" "gradable of $1"
    json "$1.json" '[.tests[] | .name + ": " + .output] | join("\n")' >"$1.out"
    local n count
    count=$(json "$dir/expected.json" '.messages | length')
    for ((n = 0; n < count; n++)); do has "$1.out" "$(json "$dir/expected.json" ".messages[$n]")"; done
}

# A copy of the lab with lab.yaml's defaults replaced (the timeout cases).
lab_with() {
    mkdir -p "$1"
    cp -r "$lab/tests" "$lab/solution" "$1/"
    printf '%s\n' "$2" >"$1/lab.yaml"
}

case $case_name in
fixtures)
    for dir in "$lab"/submissions/*/; do
        name=$(basename "$dir")
        if [ "$(json "$dir/expected.json" '.needs_landlock // false')" = true ] &&
            [ "$(grade "$lab" "$fx/wrong" --format json | jq .sandboxed)" != true ]; then
            echo "no Landlock here: reads-outside is covered by the root case only"
            continue
        fi
        fixture "$name"
    done
    ;;
solution)
    "$trapvm" lab export "$lab" --solution sol || fail "export --solution"
    grade "$lab" sol --format json -o sol.json || fail "grade the solution"
    want "$(json sol.json .score)" 100 "the solution's score"
    want "$(json sol.json '[.tests[] | select(.status != "passed")] | length')" 0 "tests the solution fails"
    lacks sol/mini.s ">>> lab"
    ;;
profile)  # the results record each test's profile: pg32 by default, --profile's for tests naming none
    "$trapvm" lab export "$lab" --solution sol || fail "export --solution"
    grade "$lab" sol --format json -o pg32.json || fail "grade the solution"
    want "$(json pg32.json '[.tests[].profile] | unique | join(",")')" pg32 "the profiles by default"
    grade "$lab" sol --profile leaky-r --format gradescope -o leaky.json || fail "grade with --profile leaky-r"
    want "$(json leaky.json '[.tests[].extra_data.profile] | unique | join(",")')" leaky-r "the profiles with --profile"
    grade "$lab" sol --profile no-such >out 2>err
    want $? 2 "grade --profile no-such's status"
    has err "unknown profile 'no-such'"
    ;;
starter)
    "$trapvm" lab export "$lab" --student st || fail "export --student"
    grade "$lab" st --format json -o st.json || fail "grade the starter"
    [ "$(json st.json .score)" != 100 ] || fail "the starter scores full marks"
    json st.json '.tests[] | select(.name == "strlen of hello") | .output' >strlen.out
    has strlen.out "a0: expected 5, got 0"
    json st.json '.tests[] | select(.name == "fact(5)") | .output' >fact.out
    has fact.out "a0: expected 120 (0x00000078), got 1"
    lacks st/mini.s ">>> lab"
    lacks st/mini.s "sub  a0, t0, a0"   # a line of the solution
    [ ! -e st/solution ] || fail "the students' folder has the solution"
    [ ! -e st/tests/hidden ] || fail "the students' folder has the hidden tests"
    lacks st/lab.yaml "hidden"
    # Students grade themselves with their own folder: only their tests.
    grade st st --format json -o self.json || fail "grade st st"
    want "$(json self.json .max_score)" 85 "the students' lab.yaml points"
    ;;
bad-markers)
    mkdir -p badlab/solution badlab/tests
    cp "$lab/tests/strlen.s" badlab/tests/
    printf 'lab: badlab\npoints: 1\nfiles: [{name: mini.s, solution: solution/mini.s}]\ntests:\n  - {name: t, points: 1, run: {program: tests/strlen.s, defines: {WHICH: 0}}, expect: {regs: {a0: 5}}}\n' >badlab/lab.yaml
    printf '# >>> lab badlab: one\nx:\n# >>> lab badlab: two\n# <<< lab badlab\n' >badlab/solution/mini.s
    "$trapvm" lab export badlab --student out 2>err && fail "nested markers exported"
    has err "mini.s:3: error: a region of lab badlab opens inside the region of lab badlab opened at line 1"
    printf 'x:\n# <<< lab badlab\n' >badlab/solution/mini.s
    "$trapvm" lab export badlab --student out 2>err; want $? 65 "exit status of unbalanced markers"
    has err "mini.s:2: error: '<<< lab badlab' closes no region"
    printf 'x:\n    ret\n' >badlab/solution/mini.s
    "$trapvm" lab export badlab --student out 2>err && fail "a solution without regions exported as its own starter"
    has err "the starter would be the solution"
    ;;
fixture-patch)
    # A fixture is the exported solution with its fixture.patch applied...
    grep -qF "addi a0, a0, 1             # counts the 0 too" "$fx/wrong/mini.s" || fail "fx/wrong lacks its patch's line"
    lacks "$fx/wrong/mini.s" ">>> lab"
    [ ! -e "$fx/wrong/expected.json" ] || fail "a fixture's expected.json in its submission"
    # ...so when the solution changes under a patch, the patch fails loudly, naming the fixture.
    mkdir -p drift
    cp -r "$lab/lab.yaml" "$lab/solution" "$lab/tests" "$lab/submissions" drift/
    sed -i 's/^    sub  a0, t0, a0$/    sub  a0, t0, a0           # the length/' drift/solution/mini.s
    bash "$here/fixture.sh" "$trapvm" drift drift/submissions/wrong d-wrong 2>err && fail "a stale patch applied"
    has err "fixture drift/submissions/wrong: fixture.patch no longer applies to the exported solution"
    # A file to remove that the solution does not have is an error too.
    echo '{"score": 0, "messages": [], "remove": ["nothere.s"]}' >drift/submissions/missing-file/expected.json
    bash "$here/fixture.sh" "$trapvm" drift drift/submissions/missing-file d-missing 2>err &&
        fail "removed a file that is not there"
    has err "fixture drift/submissions/missing-file: expected.json removes nothere.s, which the exported solution does not have"
    ;;
timeout)
    # A loop the step limit does not stop: only the wall clock does. The
    # test expects the very stop a timeout prevents: it must get 0.
    lab_with tl "lab: tl
points: 20
files: [{name: mini.s, solution: solution/mini.s}]
tests:
  - name: quick
    points: 10
    run: {program: tests/strlen.s, defines: {WHICH: 0}}
    expect: {regs: {a0: 5}}
  - name: endless
    points: 10
    scoring: partial
    max_steps: 100G
    timeout: 300ms
    run: {program: tests/strlen.s, defines: {WHICH: 0}}
    cases:
      - {expect: {stop: step-limit}}
      - {expect: {stop: step-limit}}"
    grade tl "$fx/infinite-loop" --format json -o t.json || fail "grade exited with $?"
    # Each case its own entry: both fail with the reason, 0 points each.
    want "$(json t.json '[.tests[] | select(.test == "endless") | .points] | add')" 0 "points of a test that timed out"
    want "$(json t.json '[.tests[] | select(.test == "endless") | .status] | join(" ")')" "failed failed" \
        "statuses of the cases of a test that timed out"
    json t.json '.tests[1].output' >t.out
    has t.out "timed out: stopped after"
    grade tl "$fx/infinite-loop" --format gradescope -o g.json
    want "$(json g.json '[.tests[].name] | join(",")')" "quick,endless / case 1,endless / case 2" "Gradescope's entries"
    want "$(json g.json '[.tests[1, 2].score] | add')" 0 "Gradescope score of a timeout"
    want "$(json g.json '"\(.tests[1].status) \(.tests[2].max_score)"')" "failed 5" "Gradescope status of a timeout"
    ;;
results-always)
    # The grader cannot make its work folder: every test 0, and why.
    grade "$lab" "$fx/wrong" --scratch /nonexistent/scratch --format gradescope -o r.json 2>err
    want $? 70 "exit status of a grader failure"
    want "$(json r.json '.tests | length')" "$(entries_of_lab)" "tests in the results of a failed grader"
    want "$(json r.json .score)" 0 "score of a failed grader"
    has r.json "cannot make a work folder in /nonexistent/scratch"
    # Results after every test: while a slow second test runs, the file
    # already has the first one passed and the second not run.
    lab_with slow "lab: slow
points: 20
files: [{name: mini.s, solution: solution/mini.s}]
tests:
  - {name: quick, points: 10, run: {program: tests/sum.s}, expect: {regs: {a0: 15}}}
  - {name: slow, points: 10, max_steps: 100G, timeout: 3s, run: {program: tests/strlen.s, defines: {WHICH: 0}}, expect: {regs: {a0: 5}}}"
    grade slow "$fx/infinite-loop" --format json -o p.json &
    pid=$!
    seen=""
    for _ in $(seq 40); do
        sleep 0.1
        if [ -s p.json ] && [ "$(json p.json '.tests[0].status + " " + .tests[1].status')" = "passed not-run" ]; then
            seen=yes
            break
        fi
    done
    wait $pid
    [ -n "$seen" ] || fail "no partial results while the second test ran"
    want "$(json p.json '.done')" true "done after the run"
    ;;
outputs)
    # -o that is not a regular file is never replaced by one: a fifo stays a
    # fifo and its reader gets one whole document; a link stays a link. (Not
    # tried on /dev/null itself: as root a regression would replace it for
    # the whole machine; a fifo takes the same path through the code.)
    mkfifo r.fifo
    timeout 30 cat r.fifo >from-fifo.json &
    reader=$!
    # (a second open of the fifo would wait for a reader forever: hence timeout)
    timeout 30 "$trapvm" grade "$lab" "$fx/wrong" --seed 1 --format json -o r.fifo ||
        fail "grade -o FIFO exited with $?"
    wait $reader
    [ -p r.fifo ] || fail "the fifo was replaced by a regular file"
    want "$(jq -s 'length' from-fifo.json)" 1 "documents read from the fifo"
    want "$(json from-fifo.json .score)" 45 "score read from the fifo"
    echo old >target.json
    ln -s target.json link.json
    grade "$lab" "$fx/wrong" --seed 1 --format json -o link.json || fail "grade -o LINK"
    [ -L link.json ] || fail "the symbolic link was replaced by a regular file"
    want "$(json target.json .score)" 45 "score in the link's target"
    # A regular file is replaced; nothing else is left beside it.
    grade "$lab" "$fx/wrong" --seed 1 --format json -o plain.json || fail "grade -o FILE"
    want "$(json plain.json .done)" true "done in a regular results file"
    want "$(ls | grep -c '^plain.json')" 1 "files named plain.json*"
    # A submission folder that is not there: exit 66, and the results say so.
    grade "$lab" "$work/nowhere" --format gradescope -o gone.json 2>err
    want $? 66 "exit status of a missing submission folder"
    has gone.json "no submission folder $work/nowhere"
    want "$(json gone.json '.tests | length')" "$(entries_of_lab)" "tests in the results of a missing folder"
    ;;
missing-and-huge)
    mkdir -p huge link
    head -c $((5 << 20)) /dev/zero >huge/mini.s
    ln -s "$lab/solution/mini.s" link/mini.s
    grade "$lab" huge --format prairielearn -o h.json || fail "grade huge"
    want "$(json h.json .gradable)" false "gradable of a huge file"
    has h.json "larger than the 4 MiB a submission file may be"
    grade "$lab" link --format json -o l.json || fail "grade link"
    want "$(json l.json .score)" 0 "score of a symbolic link to the solution"
    has l.json "mini.s is a symbolic link"
    ;;
root)
    # As root the tests run as nobody, who cannot read the hidden tests; with
    # Landlock off this checks that layer alone.
    if [ "$(id -u)" != 0 ] || ! getent passwd nobody >/dev/null; then echo "not root: skipped"; exit 0; fi
    if [ "${TRAPVM_GRADE_USER:-}" = root ]; then echo "nobody cannot reach this checkout: skipped"; exit 0; fi
    cp -r "$lab" rootlab
    chmod 755 rootlab
    chmod -R o-rwx rootlab/tests/hidden rootlab/solution
    mkdir -p peek
    { cat "$lab/solution/mini.s"; echo "stolen: .incbin \"$work/rootlab/tests/hidden/sum_n.s\""; } >peek/mini.s
    TRAPVM_GRADE_NO_LANDLOCK=1 grade rootlab peek --format json -o peek.json || fail "grade peek"
    want "$(json peek.json .score)" 0 "score of a submission that reads the hidden tests"
    has peek.json "mini.s:69:17: error: cannot find file '$work/rootlab/tests/hidden/sum_n.s'"
    ;;
private-folder)
    # As root the tests run as --user: a trapvm in a folder that user cannot
    # search would fail every test with "exec: Permission denied". The
    # grader says so once, before any test, naming the folder.
    if [ "$(id -u)" != 0 ] || ! getent passwd nobody >/dev/null; then echo "not root: skipped"; exit 0; fi
    mkdir -m 700 private
    cp "$trapvm" private/trapvm
    private/trapvm grade "$lab" "$fx/wrong" --user nobody --format json -o p.json 2>err
    want $? 70 "exit status of a grader nobody cannot reach"
    has err "who cannot reach $work/private/trapvm (trapvm, which runs the tests): the folder $work/private is closed to it"
    has err "Grade with --user USER for a user who can reach it, open it (chmod o+x $work/private)"
    want "$(json p.json '[.tests[] | select(.status != "failed" or (.output | startswith("not run: the tests run as user")) == false)] | length')" 0 \
        "entries that do not fail with the reason"
    private/trapvm grade "$lab" "$fx/wrong" --user nobody >p.txt 2>/dev/null
    want "$(grep -c "who cannot reach" p.txt)" 1 "times the text format says it"
    # The build of a cpp lab reads the installed toolkit (--prefix): checked too.
    lab_with cpp "lab: cpp
points: 10
kind: cpp
files: [{name: mini.s, solution: solution/mini.s}]
build: {command: [cp, $trapvm, runner], runner: runner}
tests:
  - {name: strlen, points: 10, run: {program: tests/strlen.s, defines: {WHICH: 0}}, expect: {regs: {a0: 5}}}"
    mkdir -m 700 hidden-prefix
    chmod 755 private
    private/trapvm grade cpp "$fx/wrong" --user nobody --prefix "$work/hidden-prefix" 2>err
    want $? 70 "exit status with a prefix nobody cannot read"
    has err "who cannot reach $work/hidden-prefix (the installed toolkit the build uses (--prefix)): $work/hidden-prefix is closed to it"
    has err "(chmod o+rx $work/hidden-prefix)"
    # Once nobody can reach it, it grades (when nobody can reach this checkout's files).
    if [ "${TRAPVM_GRADE_USER:-}" = root ]; then
        echo "nobody cannot reach this checkout: the grading from an opened folder is skipped"
    else
        private/trapvm grade "$lab" "$fx/wrong" --user nobody --seed 1 --format json -o ok.json || fail "grade from an opened folder"
        want "$(json ok.json .score)" 45 "score once the folder is open"
    fi
    ;;
formats)
    grade "$lab" "$fx/wrong" --seed 3 --format junit -o r.xml || fail "grade --format junit"
    xmllint --noout r.xml || fail "JUnit XML is not well-formed"
    # A testcase per case: tests 1, 3, 4 and the five cases of 5 fail; test 2's two cases are skipped.
    has r.xml "<testsuite name=\"mini\" tests=\"$(entries_of_lab)\" failures=\"8\" errors=\"0\" skipped=\"2\""
    grade "$lab" "$fx/wrong" --seed 3 --format text >r.txt || fail "grade --format text"
    has r.txt "Score: 45 / 100 (random inputs from seed 3)"
    grade "$lab" "$fx/wrong" --format yaml 2>err; want $? 2 "exit status of --format yaml"
    has err "--format 'yaml': expected text, json, gradescope, prairielearn or junit"
    ;;
batch)
    mkdir -p subs
    for s in wrong crash clobbers-s1 missing-file; do cp -r "$fx/$s" subs/; done
    grade "$lab" --batch subs --jobs 2 -o out 2>err || fail "grade --batch"
    has err "4 submissions graded in"
    want "$(json out/summary.json '.submissions | length')" 4 "submissions in summary.json"
    want "$(json out/summary.json '.submissions[] | select(.submission == "clobbers-s1") | .score')" 85 "batch score"
    has out/summary.csv "submission,score,max_score,seconds,strlen of hello"
    has out/summary.csv "wrong,45,100,"
    [ -s out/results/crash.json ] || fail "no results/crash.json"
    # On a terminal, a progress line (script(1) gives it one).
    if command -v script >/dev/null; then
        script -qec "'$trapvm' grade '$lab' --batch subs -o out2" /dev/null >tty.txt
        has tty.txt "graded 4/4 submissions"
    fi
    # By default the results go into the batch folder; its results/ is not
    # a submission the next time.
    grade "$lab" --batch subs 2>err || fail "grade --batch into itself"
    grade "$lab" --batch subs 2>err || fail "grade --batch into itself, again"
    has err "4 submissions graded in"
    want "$(json subs/summary.json '.submissions | length')" 4 "submissions after a second batch into the folder"
    ;;
gradescope-package)
    "$trapvm" lab package "$lab" --gradescope gs.zip || fail "package --gradescope"
    # A zip is never made over a fifo (nor /dev/null): refused, the fifo kept.
    mkfifo out.fifo
    "$trapvm" lab package "$lab" --gradescope out.fifo 2>err; want $? 73 "exit status of a zip over a fifo"
    [ -p out.fifo ] || fail "the fifo was replaced by a zip"
    has err "out.fifo exists and is not a regular file"
    mkdir -p root/source root/submission
    (cd root/source && unzip -q ../../gs.zip) || fail "unzip"
    for f in setup.sh run_autograder toolkit/CMakeLists.txt lab/lab.yaml; do [ -e "root/source/$f" ] || fail "the zip lacks $f"; done
    [ ! -e root/source/lab/submissions ] || fail "the zip has the CI fixtures"
    AUTOGRADER_ROOT=$work/root TRAPVM_SKIP_APT=1 TRAPVM_PREBUILT=$trapvm bash root/source/setup.sh || fail "setup.sh"
    cp root/source/run_autograder root/
    cp "$fx/clobbers-s1/mini.s" root/submission/
    AUTOGRADER_ROOT=$work/root root/run_autograder || fail "run_autograder"
    r=root/results/results.json
    want "$(json $r .score)" 85 "Gradescope score"
    want "$(json $r '[.tests[] | keys] | add | unique | join(",")')" \
        "extra_data,max_score,name,number,output,output_format,score,status,visibility" "Gradescope test fields"
    want "$(json $r '[.tests[].visibility] | unique | join(",")')" "after_due_date,hidden,visible" "visibilities"
    want "$(json $r '[.tests[] | select(.status != "passed" and .status != "failed")] | length')" 0 "statuses"
    want "$(json $r '.leaderboard[0].name + " " + .leaderboard[0].order')" "monitor exits asc" "leaderboard"
    # A broken lab still gives a results.json that says so; so does a
    # missing trapvm.
    echo "lab: broken" >root/source/lab/lab.yaml
    AUTOGRADER_ROOT=$work/root root/run_autograder
    has $r "the lab cannot be graded (a problem of the lab, not of the submission)"
    want "$(json $r .score)" 0 "score with a broken lab"
    rm root/source/build/tools/trapvm
    AUTOGRADER_ROOT=$work/root root/run_autograder
    has $r "The autograder could not run"
    ;;
prairielearn-package)
    "$trapvm" lab package "$lab" --prairielearn pl || fail "package --prairielearn"
    for f in Dockerfile toolkit/CMakeLists.txt question/info.json question/tests/run.sh question/tests/lab/lab.yaml; do
        [ -e "pl/$f" ] || fail "the layout lacks $f"
    done
    want "$(json pl/question/info.json '.externalGradingOptions.entrypoint')" /grade/tests/run.sh "entrypoint"
    want "$(json pl/assessment-question.json '.autoPoints')" 100 "the assessment entry's autoPoints (all of mini's)"
    want "$(json pl/assessment-question.json '.manualPoints')" null "no manualPoints for a lab without manual tests"
    # A lab with a manual test: its points are PrairieLearn's manual points.
    "$trapvm" lab package virt --prairielearn plv || fail "package virt --prairielearn"
    manual=$(awk '/^  - name:/ {if (m) s += p; p = 0; m = 0} /^    points:/ {p = $2} /^    kind: manual/ {m = 1}
                  END {if (m) s += p; print s + 0}' "$here/../../labs/virt/lab.yaml")
    [ "$manual" -gt 0 ] || fail "labs/virt has no manual test to check the split with"
    want "$(json plv/assessment-question.json '.manualPoints')" "$manual" "virt's manualPoints (its manual tests')"
    want "$(json plv/assessment-question.json '.autoPoints + .manualPoints')" 100 "virt's points, split"
    has pl/Dockerfile "libyaml-cpp-dev"
    mkdir -p grade/student
    cp -r pl/question/tests grade/tests
    cp "$fx/wrong/mini.s" grade/student/
    GRADE_ROOT=$work/grade TRAPVM=$trapvm grade/tests/run.sh || fail "run.sh"
    r=grade/results/results.json
    want "$(json $r .score)" 0.45 "PrairieLearn score (45 of 100)"
    want "$(json $r '[.tests[] | select(.name | startswith("sum of 1..N"))] | length')" 0 "a hidden test's cases listed"
    want "$(json $r '[.tests[] | select(.name | startswith("strlen of the empty and a long string / "))] | length')" 2 \
        "entries of a visible test of two cases"
    want "$(json $r '[.tests[] | keys] | add | unique | join(",")')" "description,max_points,message,name,output,points" "PrairieLearn test fields"
    [ "$(wc -c <$r)" -le 1000000 ] || fail "results.json is over 1 MB"
    ;;
cpp-build)
    # The interface a cpp lab plugs into: build: names a command (run in the
    # work folder, with limits, as the tests are) and the runner it makes.
    # This stand-in "builds" by copying trapvm; a build error or a build
    # that never ends fails every test with the reason.
    lab_with cpp "lab: cpp
points: 10
kind: cpp
files: [{name: mini.s, solution: solution/mini.s}]
build:
  command: [sh, -c, 'grep -q strlen mini.s || { echo \"mini.s:1: error: no strlen here\" >&2; exit 1; }; grep -q forever mini.s && sleep 60; cp \"\$TRAPVM\" runner']
  runner: runner
  timeout: 2s
tests:
  - {name: strlen, points: 10, run: {program: tests/strlen.s, defines: {WHICH: 0}}, expect: {regs: {a0: 5}}}"
    "$trapvm" lab export "$lab" --solution good
    grade cpp good --format json -o good.json || fail "grade cpp good"
    want "$(json good.json .score)" 10 "score of a cpp submission that builds"
    mkdir -p broken && echo "nothing" >broken/mini.s
    grade cpp broken --format json -o broken.json || fail "grade cpp broken"
    want "$(json broken.json .score)" 0 "score of a build that fails"
    has broken.json "the build failed:\nmini.s:1: error: no strlen here"
    mkdir -p slow && { cat good/mini.s; echo "# forever"; } >slow/mini.s
    grade cpp slow --format json -o slow.json || fail "grade cpp slow"
    want "$(json slow.json .score)" 0 "score of a build that never ends"
    has slow.json "the build timed out after 2 s"
    ;;
spec-errors)
    mkdir -p labs/typo/tests
    cp "$lab/tests/strlen.s" labs/typo/tests/
    printf 'lab: typo\npoints: 10\ntests:\n  - name: a\n    points: 10\n    run: {program: tests/strlen.s}\n    expcet: {regs: {a0: 5}}\n' >labs/typo/lab.yaml
    grade labs/typo . 2>err; want $? 65 "exit status of a bad lab.yaml"
    has err "labs/typo/lab.yaml:7:5: error: unknown key 'expcet' in test 1: did you mean 'expect'?"
    "$trapvm" lab list --labs labs >list.txt
    has list.txt "typo      (bad lab.yaml:"
    ;;
*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

finish "$case_name"
