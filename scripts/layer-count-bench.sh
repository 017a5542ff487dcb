#!/usr/bin/env bash
# Times `nnscript check` and `nnscript run` on `layer 2 tanh` repeated N times (train 1), for each binary given, to
# show that what the layer cap allows runs in time linear in the layer count: each doubling of N should about
# double the time. CPU time (user + system) of the process, best of 3: on a shared machine wall time measures the
# neighbours too.
#
#   scripts/layer-count-bench.sh [BINARY ...]        (default: .build/release/nnscript)
set -euo pipefail
binaries=("$@")
[ ${#binaries[@]} -gt 0 ] || binaries=(.build/release/nnscript)
folder=$(mktemp -d)
trap 'rm -rf "$folder"' EXIT
sizes=(2500 5000 10000)
for n in "${sizes[@]}"; do
    {
        echo "seed 1"
        echo "data sin(x) on [0, 1]"
        for _ in $(seq "$n"); do echo "layer 2 tanh"; done
        echo "output linear"
        echo "train 1"
    } > "$folder/l$n.nn"
done
for binary in "${binaries[@]}"; do
    for command in check run; do
        line="$binary $command:"
        previous=""
        for n in "${sizes[@]}"; do
            best=""
            for _ in 1 2 3; do
                seconds=$( { /usr/bin/time -f "%U %S" "$binary" "$command" "$folder/l$n.nn" > /dev/null 2> "$folder/err" || true; } ; tail -1 "$folder/err" | awk '{ printf "%.2f", $1 + $2 }')
                if [ -z "$best" ] || awk "BEGIN { exit !($seconds < $best) }"; then best=$seconds; fi
            done
            ratio=""
            if [ -n "$previous" ] && awk "BEGIN { exit !($previous > 0) }"; then
                ratio=$(awk "BEGIN { printf \" (×%.2f)\", $best / $previous }")
            fi
            line="$line  $n layers ${best} s$ratio"
            previous=$best
        done
        echo "$line"
    done
done
