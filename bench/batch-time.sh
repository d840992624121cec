# Times a batch (sourced by grade-batch.sh and grade-batch-monitor.sh):
#
#   time_batch TRAPVM LAB SUBS WORK MAX JOBS...
#
# grades every folder of SUBS with `trapvm grade LAB --batch SUBS --jobs J
# --seed 1` for each J, and prints the wall time and the CPU time of the
# grader and every child it ran (bash's time counts the children it waited
# for: what one core spends on each submission, whatever else the machine
# is doing), then what the batch found (against MAX, the lab's points).
time_batch() {
    local trapvm=$1 lab=$2 subs=$3 work=$4 max=$5 made wall user sys j
    shift 5
    made=$(ls "$subs" | wc -l)
    TIMEFORMAT='%R %U %S'
    for j in "$@"; do
        { time "$trapvm" grade "$lab" --batch "$subs" --jobs "$j" --seed 1 -o "$work/out-$j" 2>"$work/err-$j"; } \
            2>"$work/time-$j" || {
            cat "$work/err-$j" >&2
            return 1
        }
        tail -1 "$work/err-$j"
        read -r wall user sys <"$work/time-$j"
        awk -v w="$wall" -v u="$user" -v s="$sys" -v n="$made" -v j="$j" 'BEGIN {
            printf "jobs %d: %.2f s wall, %.3f s wall per submission; CPU %.2f s (user %.2f, sys %.2f), %.3f s per submission\n",
                   j, w, w / n, u + s, u, s, (u + s) / n }'
    done
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    jq -r --argjson max "$max" '[.submissions[] | .score] | "scores: \(map(select(. == $max)) | length) full marks, \(map(select(. == 0)) | length) zero, \(map(select(. > 0 and . < $max)) | length) between; mean \(add / length * 100 | round / 100)"' \
        "$work/out-$1/summary.json"
    jq -r '[.submissions[] | .seconds] | sort | "per submission (graded in its worker): median \(.[length / 2 | floor] * 1000 | round) ms, slowest \(.[-1] * 1000 | round) ms"' \
        "$work/out-$1/summary.json"
}
