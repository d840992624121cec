#!/usr/bin/env bash
# trapvm diff --bare-vs-vmm --vmm=paravirt PROGRAM --vmm-image IMG: the bare
# run of the unmodified boot against the paravirtual build under the
# paravirtual monitor, compared on console output and end.
#
#   paravirt-diff.sh TRAPVM IMAGES_DIR
set -u
trapvm=$1 images=$2
fail() { echo "FAIL: $*"; exit 1; }

out=$("$trapvm" diff --bare-vs-vmm --vmm=paravirt "$images/boot-mix.img" \
    --vmm-image "$images/paravirt/boot-paravirt-mix.img" 2>&1)
[ $? -eq 0 ] || fail "mix and its paravirtual build must be equivalent: $out"
grep -qE '^equivalent: the same console output \([0-9]+ bytes\) and the same end; [0-9]+ steps bare, [0-9]+ under the monitor, [0-9]+ exits$' <<<"$out" ||
    fail "unexpected report: $out"

out=$("$trapvm" diff --bare-vs-vmm --vmm=paravirt "$images/boot-faults.img" \
    --vmm-image "$images/paravirt/boot-paravirt-hello.img" 2>&1)
[ $? -eq 1 ] || fail "different programs must differ (status 1): $out"
grep -qF 'the runs differ: console output differs at byte 0 (line 1, column 1): bare "badmem' <<<"$out" ||
    fail "the report must say where the output differs: $out"

out=$("$trapvm" diff "$images/boot-mix.img" --vmm-image "$images/boot-mix.img" 2>&1)
[ $? -eq 2 ] || fail "--vmm-image without --bare-vs-vmm is a usage error: $out"
grep -qF -- '--vmm-image needs --bare-vs-vmm' <<<"$out" || fail "the usage error must name the option: $out"

out=$("$trapvm" diff --bare-vs-vmm --vmm=paravirt "$images/boot-mix.img" --vmm-image /nonexistent.img 2>&1)
[ $? -eq 66 ] || fail "a --vmm-image that cannot be read: status 66: $out"
echo "ok: diff --vmm-image"
