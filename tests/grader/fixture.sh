#!/usr/bin/env bash
# A CI fixture (LAB/submissions/NAME/) as the submission it stands for
# (labs/README.md, "Fixtures"):
#
#   fixture.sh TRAPVM LAB_DIR FIXTURE_DIR OUT_DIR
#
# A fixture with a fixture.patch, or whose expected.json has "remove", is
# made from the lab's exported solution (trapvm lab export --solution): the
# patch applied with patch -p1 and no fuzz, then the files named in
# "remove" taken away. So a fixture cannot drift from the solution: when
# the solution changes under a patch, the patch no longer applies and this
# fails (status 1), naming the fixture. Any other fixture is its folder's
# files as they are (expected.json and README.txt aside).
set -u

trapvm=$1 lab=$2 fixture=${3%/} out=$4
name=$(basename "$(dirname "$(dirname "$fixture")")")/submissions/$(basename "$fixture")
die() { echo "fixture $name: $*" >&2; exit 1; }

[ -f "$fixture/expected.json" ] || die "no expected.json"
remove=$(jq -r '.remove // [] | .[]' "$fixture/expected.json") || die "expected.json is not valid JSON"
rm -rf "$out"
if [ ! -f "$fixture/fixture.patch" ] && [ -z "$remove" ]; then
    mkdir -p "$out" || die "cannot make $out"
    for f in "$fixture"/* "$fixture"/.[!.]*; do
        case $(basename "$f") in expected.json | README.txt | '.[!.]*' | '*') continue ;; esac
        cp -r "$f" "$out/" || die "cannot copy $f"
    done
    exit 0
fi
"$trapvm" lab export "$lab" --solution "$out" >/dev/null || die "trapvm lab export --solution failed"
if [ -f "$fixture/fixture.patch" ]; then
    said=$(patch -p1 -d "$out" --batch --forward --fuzz=0 --no-backup-if-mismatch -r - <"$fixture/fixture.patch" 2>&1) ||
        die "fixture.patch no longer applies to the exported solution (make it again from the solution):
$said"
fi
while read -r f; do
    [ -z "$f" ] && continue
    [ -e "$out/$f" ] || die "expected.json removes $f, which the exported solution does not have"
    rm -rf "${out:?}/$f"
done <<<"$remove"
