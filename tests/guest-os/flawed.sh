#!/usr/bin/env bash
# The guest OS built for a flawed profile: correct on bare hardware, not
# under the trap-and-emulate monitor, and trapvm diff --bare-vs-vmm and
# trapvm check both name the flawed instruction.
#
#   flawed.sh TRAPVM IMAGE PROFILE MNEMONIC EXPECTED_BARE_OUTPUT
set -u
trapvm=$1 image=$2 profile=$3 mnemonic=$4 expected=$5
fail() { echo "FAIL: $*"; exit 1; }

bare=$("$trapvm" run "$image" 2>&1) || fail "bare run exited $?: $bare"
[ "$bare" = "$(cat "$expected")" ] || fail "bare output differs from $expected: $bare"

"$trapvm" run --profile pg32 "$image" >/dev/null 2>&1
[ $? -eq 65 ] || fail "an image of $profile run with --profile pg32 must be refused (status 65)"

warning=$("$trapvm" run --vmm "$image" 2>&1 >/dev/null)
grep -qF "warning: profile $profile fails Popek and Goldberg's Theorem 1: $mnemonic" <<<"$warning" ||
    fail "the monitor must warn that Theorem 1 fails: $warning"

diff=$("$trapvm" diff --bare-vs-vmm "$image" 2>/dev/null)
status=$?
[ $status -eq 1 ] || fail "diff --bare-vs-vmm exited $status, expected 1 (different): $diff"
# The first diverging step is the flawed instruction, on both sides.
first=$(grep -m1 '^A ' <<<"$diff")
grep -qE "^A +[0-9]+ +S +[0-9a-f]{8} +$mnemonic " <<<"$first" ||
    fail "the first divergence is not at $mnemonic: $first"$'\n'"$diff"
grep -q '^  difference: ' <<<"$diff" || fail "diff names no differing fields"

check=$("$trapvm" check --profile "$profile" --states 200 --json)
grep -qF "\"theorem1\":{\"holds\":false,\"violators\":[\"$mnemonic\"]}" <<<"$check" ||
    fail "trapvm check does not name $mnemonic as Theorem 1's violator"
echo "ok: $profile diverges at $mnemonic under the monitor"
