#!/usr/bin/env bash
# The guest OS built for the vt profile (boot/flawed-vt.s): correct on bare
# hardware; under trap-and-emulate it diverges at the kernel's rdpsw; under
# --vmm=hardware (guest mode, where every sensitive instruction exits) it is
# equivalent, and --stats shows the sensitive exits. The hardware technique
# refuses a profile without guest mode, and trapvm check --profile vt finds
# Theorem 1 failing on the plain machine and holding in guest mode.
#
#   flawed-vt.sh TRAPVM IMAGE EXPECTED_BARE_OUTPUT PG32_IMAGE
set -u
trapvm=$1 image=$2 expected=$3 pg32_image=$4
fail() { echo "FAIL: $*"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1

bare=$("$trapvm" run "$image" 2>&1) || fail "bare run exited $?: $bare"
[ "$bare" = "$(cat "$expected")" ] || fail "bare output differs from $expected: $bare"

# Trap-and-emulate: the first divergence is the kernel's boot check.
diff=$("$trapvm" diff --bare-vs-vmm "$image" 2>/dev/null)
status=$?
[ $status -eq 1 ] || fail "diff --bare-vs-vmm exited $status, expected 1 (different): $diff"
first=$(grep -m1 '^A ' <<<"$diff")
grep -qE "^A +[0-9]+ +S +[0-9a-f]{8} +rdpsw " <<<"$first" || fail "the first divergence is not at rdpsw: $first"

# Hardware: equivalent, with no warning (guest mode makes up for the flaws).
diff=$("$trapvm" diff --bare-vs-vmm --vmm=hardware "$image" 2>err.txt)
status=$?
[ $status -eq 0 ] || fail "diff --bare-vs-vmm --vmm=hardware exited $status, expected 0: $diff"$'\n'"$(cat err.txt)"
grep -q '^equivalent: ' <<<"$diff" || fail "diff does not say equivalent: $diff"
[ ! -s err.txt ] || fail "--vmm=hardware warned: $(cat err.txt)"

out=$("$trapvm" run --vmm=hardware --stats "$image" 2>stats.txt) || fail "run --vmm=hardware exited $?"
[ "$out" = "$bare" ] || fail "run --vmm=hardware printed other output: $out"
for mnemonic in rdpsw wrpsw rdrbase; do
    grep -qE "^  $mnemonic \(sensitive exit\) +[1-9]" stats.txt || fail "--stats shows no $mnemonic exit: $(cat stats.txt)"
done

# Refused on a profile without guest mode, with the reason (status 2).
"$trapvm" run --vmm=hardware "$pg32_image" >out.txt 2>err.txt
status=$?
[ $status -eq 2 ] || fail "run --vmm=hardware on pg32 exited $status, expected 2"
grep -qF "trapvm run: error: --vmm=hardware: the hardware technique needs a profile with the guest-mode extension (vt); profile pg32 has none" err.txt ||
    fail "no clear refusal: $(cat err.txt)"
[ ! -s out.txt ] || fail "a refused run printed: $(cat out.txt)"
"$trapvm" diff --bare-vs-vmm --vmm=hardware "$pg32_image" >/dev/null 2>err.txt
[ $? -eq 2 ] && grep -qF "guest-mode extension" err.txt || fail "diff --vmm=hardware on pg32 is not refused: $(cat err.txt)"

# check: declared == measured; Theorem 1 fails plainly, holds in guest mode.
check=$("$trapvm" check --profile vt --states 200 --json) || fail "check --profile vt exited $? (a class disagrees?)"
grep -qF '"theorem1":{"holds":false,"violators":["rdpsw","wrpsw","rdrbase","jrst"]}' <<<"$check" ||
    fail "check does not name the four violators: $check"
grep -qF '"guest_mode":{"theorem1":{"holds":true,"violators":[]}}' <<<"$check" ||
    fail "check does not find Theorem 1 holding in guest mode: $check"
grep -qF '"agree":true' <<<"$check" || fail "declared and measured disagree: $check"
text=$("$trapvm" check --profile vt --states 200)
grep -qF "Theorem 1 in guest mode (the guest-mode extension: every sensitive instruction traps to the monitor, --vmm=hardware): holds" <<<"$text" ||
    fail "the text report says nothing of guest mode: $text"
echo "ok: vt diverges under trap-and-emulate, is equivalent under hardware"
