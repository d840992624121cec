#!/usr/bin/env bash
# The README's five-minute tour, run as written: each line of its sh block
# in order, in a scratch folder laid out as a fresh clone after `make`
# (examples/ from the source, build/tools/trapvm and build/guest-os from
# this build). Every line must exit 0. The first line,
# `make`, is the build this test runs in, so it is checked, not run. `less`
# is the reader of a pipe here (stdout is no terminal), as `cat` would be.
#
# usage: readme_tour_test.sh SOURCE_DIR TRAPVM GUEST_OS_DIR
set -u
src=$1
trapvm=$2
guest_os=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The lines between "## A five-minute tour"'s ```sh and the closing ```.
tour=$(awk '/^## A five-minute tour/ { in_tour = 1 }
            in_tour && /^```sh/ { in_block = 1; next }
            in_block && /^```/ { exit }
            in_block { print }' "$src/README.md")
[ -n "$tour" ] || { echo "FAIL: no sh block under '## A five-minute tour' in README.md"; exit 1; }
[ "$(echo "$tour" | head -1 | sed 's/ *#.*//')" = make ] || { echo "FAIL: the tour does not start with make"; exit 1; }

mkdir -p "$work/build/tools"
ln -s "$src/examples" "$work/examples"
ln -s "$trapvm" "$work/build/tools/trapvm"
ln -s "$guest_os" "$work/build/guest-os"
cd "$work" || exit 1

# One shell for all the lines, so that T= carries on; stdin is empty (no
# one types), and less passes its input through.
echo "$tour" | tail -n +2 >tour.sh
cat >run.sh <<'EOS'
less() { cat; }
status=0
while IFS= read -r line; do
    echo "\$ $line"
    eval "$line" </dev/null >>out.txt 2>&1
    s=$?
    if [ "$s" -ne 0 ]; then echo "FAIL: exit status $s"; status=1; fi
done <tour.sh
exit $status
EOS
if ! bash run.sh; then
    echo "--- the output's last lines:"
    tail -40 out.txt
    exit 1
fi
echo "PASSED: the tour's $(wc -l <tour.sh) lines after make (the build this runs in)"
