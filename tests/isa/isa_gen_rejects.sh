#!/usr/bin/env bash
# isa-gen must reject a broken table, saying where and what:
#
#   isa_gen_rejects.sh ISA_GEN TABLE_DIR CASE WORK
#
# CASE (bad/NAME.case) breaks one row of the real tables, so the case never
# goes stale when the tables grow:
#   table  instructions.tbl          the table to break
#   row    ^div\s                    the first row matching this regex ...
#   change DIVIDE -> DIVZERO         ... gets this text replaced, literally
#   expect error: unknown ...        isa-gen must print TABLE:LINE: EXPECT
set -u
isa_gen=$1 tables=$2 case_file=$3 work=$4
field() { sed -n "s/^$1 *//p" "$case_file" | head -1; }
table=$(field table) row=$(field row) change=$(field change) expect=$(field expect)
from=${change%% -> *} to=${change#* -> }

rm -rf "$work" && mkdir -p "$work/tables" "$work/out" && cp "$tables"/*.tbl "$work/tables/"
line=$(grep -n -m1 -E "$row" "$work/tables/$table" | cut -d: -f1)
[ -n "$line" ] || { echo "FAIL: no row of $table matches '$row'"; exit 1; }
text=$(sed -n "${line}p" "$work/tables/$table")
[ "${text/"$from"/}" != "$text" ] || { echo "FAIL: row $line of $table has no '$from'"; exit 1; }
awk -v n="$line" -v new="${text/"$from"/"$to"}" 'NR == n { print new; next } { print }' \
    "$tables/$table" >"$work/tables/$table"

if "$isa_gen" "$work/tables" "$work/out" 2>"$work/err"; then
    echo "FAIL: isa-gen accepted the broken table"; exit 1
fi
grep -qF -- "$table:$line: $expect" "$work/err" && exit 0
echo "FAIL: expected '$table:$line: $expect' in isa-gen's output:"; cat "$work/err"; exit 1
