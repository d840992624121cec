# Sourced by the grader's test scripts (grader_test.sh, lab_check.sh,
# package_check.sh) after `set -u`, with TRAPVM as $1: trapvm as an
# absolute path, $here (this folder), a scratch folder $work (removed at
# exit, open to nobody) and the checks. JSON is read with jq.

trapvm=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# As root the grader runs the tests as nobody, who must reach trapvm. A
# checkout in a private folder (mktemp -d makes it 0700) is out of nobody's
# reach: there the tests run as root, sandboxed by Landlock and rlimits.
if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- test -x "$trapvm" 2>/dev/null; then
    export TRAPVM_GRADE_USER=root
fi
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# has FILE TEXT: FILE contains TEXT.
has() { grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; head -c 3000 "$1" >&2; }; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 has '$2'"; }
# json FILE FILTER: jq's answer.
json() { jq -r "$2" "$1"; }
want() { [ "$1" = "$2" ] || fail "$3: expected $2, got $1"; }
# finish WHAT: exits 1 after any failure, saying how many, else says ok.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s) in $1" >&2
        exit 1
    fi
    echo "ok: $1"
}
