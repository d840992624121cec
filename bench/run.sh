#!/usr/bin/env bash
# make bench: the whole benchmark suite.
#   0. the figures of record: host instructions per guest instruction
#      (callgrind.sh), and wall clock against the reference interpreter
#   1. trapvm bench: the in-process figures (machine, monitor, assembler)
#   2. the same loop on SPIM, the classic teaching simulator, and the ratio
#   3. start-up time of `trapvm run` on a tiny program, peak memory
#   4. what the tracing hooks cost when tracing is off: instruction counts
#      (callgrind, repeatable on a noisy machine) of a build without hooks
#      against the normal build; and tracing to /dev/null against no tracing
# Results: the tables on stdout, JSON in BUILD/bench/. Nothing here is a test.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
trapvm=$build/tools/trapvm
out=$build/bench
mkdir -p "$out"
runs=${BENCH_RUNS:-5}

section() { printf '\n== %s\n' "$1"; }
# median seconds of $runs runs of a command after one warm-up run (hyperfine,
# without a shell in between, so a run's time is the command's own)
time_median() {
    local csv=$out/hyperfine.csv
    hyperfine -N --warmup 1 --runs "$runs" --export-csv "$csv" -i "$*" >/dev/null 2>&1
    awk -F, 'NR == 2 {print $4}' "$csv"  # command,mean,stddev,median,...
}

section "host instructions per guest instruction (callgrind): the figures of record"
if command -v valgrind >/dev/null; then
    "$here/callgrind.sh" "$build"
else
    echo "valgrind is not installed: skipped"
fi

section "wall clock, loop (a), against the reference interpreter in the same run"
ref_n=${PG32_ITERATIONS:-50000000}
"$trapvm" asm "$here/programs/loop.s" -D ITERATIONS="$ref_n" -o "$out/loop-ref.img" >/dev/null
"$trapvm" asm "$here/programs/tiny.s" -o "$out/tiny.img" >/dev/null
ref_time=$(time_median "$build/bench/trapvm-reference" "$out/loop-ref.img")
ref_start=$(time_median "$build/bench/trapvm-reference" "$out/tiny.img")
pg32_time=$(time_median "$trapvm" run --max-steps none "$out/loop-ref.img")
pg32_start=$(time_median "$trapvm" run "$out/tiny.img")
ref_mips=$(echo "8 * $ref_n / ($ref_time - $ref_start) / 1000000" | bc -l)
pg32_mips=$(echo "8 * $ref_n / ($pg32_time - $pg32_start) / 1000000" | bc -l)
printf 'reference interpreter: %8.1f million instructions/s\n' "$ref_mips"
printf 'trapvm run:            %8.1f million instructions/s (%.2fx the reference)\n' "$pg32_mips" \
    "$(echo "$pg32_mips / $ref_mips" | bc -l)"

section "machine, monitor and assembler (trapvm bench)"
"$trapvm" bench --runs "$runs" --json "$out/trapvm-bench.json"

section "SPIM comparison: loop (a), 8 instructions per iteration"
if command -v spim >/dev/null; then
    spim_n=${SPIM_ITERATIONS:-1000000}
    pg32_n=${PG32_ITERATIONS:-50000000}
    sed "s/@N@/$spim_n/" "$here/spim/loop.s" > "$out/spim-loop.s"
    spim_loop=$(time_median spim -quiet -file "$out/spim-loop.s")
    spim_start=$(time_median spim -quiet -file "$here/spim/tiny.s")
    "$trapvm" asm "$here/programs/loop.s" -D ITERATIONS="$pg32_n" -o "$out/loop.img" >/dev/null
    "$trapvm" asm "$here/programs/tiny.s" -o "$out/tiny.img" >/dev/null
    pg32_loop=$(time_median "$trapvm" run --max-steps none "$out/loop.img")
    pg32_start=$(time_median "$trapvm" run "$out/tiny.img")
    spim_mips=$(echo "8 * $spim_n / ($spim_loop - $spim_start) / 1000000" | bc -l)
    pg32_mips=$(echo "8 * $pg32_n / ($pg32_loop - $pg32_start) / 1000000" | bc -l)
    printf 'SPIM:   %d iterations, %.3f s (start-up %.3f s): %8.1f million instructions/s\n' \
        "$spim_n" "$spim_loop" "$spim_start" "$spim_mips"
    printf 'trapvm: %d iterations, %.3f s (start-up %.3f s): %8.1f million instructions/s\n' \
        "$pg32_n" "$pg32_loop" "$pg32_start" "$pg32_mips"
    printf 'trapvm / SPIM: %.0fx\n' "$(echo "$pg32_mips / $spim_mips" | bc -l)"
else
    echo "spim is not installed (apt-get install spim): skipped"
fi

section "start-up and memory"
"$trapvm" asm "$here/programs/tiny.s" -o "$out/tiny.img" >/dev/null
start_ms=$(echo "$(time_median "$trapvm" run "$here/programs/tiny.s") * 1000" | bc -l)
printf 'trapvm run tiny.s (assembles it too): %.1f ms median of %d\n' "$start_ms" "$runs"
start_img_ms=$(echo "$(time_median "$trapvm" run "$out/tiny.img") * 1000" | bc -l)
printf 'trapvm run tiny.img:                  %.1f ms median of %d\n' "$start_img_ms" "$runs"
if [ -x /usr/bin/time ]; then
    kb=$(/usr/bin/time -f %M "$trapvm" run "$here/programs/loop.s" -D ITERATIONS=1000000 2>&1 >/dev/null | tail -1)
    printf 'peak memory, 1 MiB guest (loop):      %d KiB\n' "$kb"
    kb=$(/usr/bin/time -f %M "$trapvm" run --vmm "$here/programs/loop.s" -D ITERATIONS=1000000 2>&1 >/dev/null | tail -1)
    printf 'peak memory, 1 MiB guest, --vmm:      %d KiB\n' "$kb"
fi

section "tracing hooks when tracing is off"
if command -v valgrind >/dev/null; then
    nohooks=$build-nohooks
    cmake -S "$here/.." -B "$nohooks" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRAPVM_TRACE_HOOKS=OFF >/dev/null
    cmake --build "$nohooks" --target trapvm >/dev/null
    count() {
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            awk '/Collected/ {print $4}'
    }
    "$trapvm" asm "$here/programs/loop.s" -D ITERATIONS=2000000 -o "$out/loop-hooks.img" >/dev/null
    with=$(count "$trapvm" run "$out/loop-hooks.img")
    without=$(count "$nohooks/tools/trapvm" run "$out/loop-hooks.img")
    printf 'host instructions, loop (a): %s with hooks, %s without: %+.2f%%\n' "$with" "$without" \
        "$(echo "($with - $without) * 100 / $without" | bc -l)"
else
    echo "valgrind is not installed: skipped"
fi
if "$trapvm" trace --help >/dev/null 2>&1; then
    "$trapvm" asm "$here/programs/loop.s" -D ITERATIONS=100000 -o "$out/loop-small.img" >/dev/null
    off=$(time_median "$trapvm" run "$out/loop-small.img")
    on=$(time_median "$trapvm" trace "$out/loop-small.img" -o /dev/null)
    printf 'tracing 800k instructions to /dev/null: %.3f s, without tracing %.3f s: %.0fx\n' "$on" "$off" \
        "$(echo "$on / $off" | bc -l)"
fi

# 5. trace throughput (bench/README.md, "Traces"): loop (a) traced to a file
#    in each format, records (instructions) and lines per second; trapvm diff
#    of a bare and a --vmm trace of 10M records; and host instructions per
#    record under callgrind (the difference of two runs, start-up excluded).
section "traces: loop (a) written to a file, and trapvm diff"
trace_n=${TRACE_ITERATIONS:-250000}
diff_n=${DIFF_ITERATIONS:-1250000}
records() { echo $((8 * $1 + 9)); }  # 9 instructions around the loop; the End record is not counted
"$trapvm" asm "$here/programs/loop.s" -D ITERATIONS="$trace_n" -o "$out/loop-trace.img" >/dev/null
for format in jsonl text; do
    file=$out/trace.$format
    secs=$(time_median "$trapvm" trace "$out/loop-trace.img" --format "$format" -o "$file" --max-trace 8G)
    lines=$(($(wc -l < "$file") - $(grep -c '^#' "$file" || true) - 1))  # neither the header nor the End
    [ "$format" = jsonl ] && lines=$(($(wc -l < "$file") - 2))
    printf '%-5s %d records (%d lines, %d MB) in %.3f s: %.2f million records/s, %.2f million lines/s\n' \
        "$format" "$(records "$trace_n")" "$lines" $(($(stat -c %s "$file") / 1000000)) "$secs" \
        "$(echo "$(records "$trace_n") / $secs / 1000000" | bc -l)" "$(echo "$lines / $secs / 1000000" | bc -l)"
    rm -f "$file"
done
"$trapvm" asm "$here/programs/loop.s" -D ITERATIONS="$diff_n" -o "$out/loop-diff.img" >/dev/null
"$trapvm" trace "$out/loop-diff.img" -o "$out/diff-bare.jsonl" --max-trace 8G
"$trapvm" trace --vmm "$out/loop-diff.img" -o "$out/diff-vmm.jsonl" --max-trace 8G
secs=$(time_median "$trapvm" diff "$out/diff-bare.jsonl" "$out/diff-vmm.jsonl")
printf 'trapvm diff, two traces of %d records (bare, --vmm): %.2f s\n' "$(records "$diff_n")" "$secs"
rm -f "$out/diff-bare.jsonl" "$out/diff-vmm.jsonl"
if command -v valgrind >/dev/null; then
    for n in 2000 20000; do "$trapvm" asm "$here/programs/loop.s" -D ITERATIONS=$n -o "$out/loop-$n.img" >/dev/null; done
    for format in jsonl text; do
        small=$(count "$trapvm" trace "$out/loop-2000.img" --format "$format" -o /dev/null)
        large=$(count "$trapvm" trace "$out/loop-20000.img" --format "$format" -o /dev/null)
        printf 'host instructions per record, %s: %d\n' "$format" $(((large - small) / (8 * 18000)))
    done
fi
