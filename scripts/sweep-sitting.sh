#!/usr/bin/env bash
# The speed figures of docs/sweeps.md in one sitting: examples/sin.nn over seeds 1..TRIALS
#   1. sequentially, one `nnscript run --set seed=N` after the other (kernel threads: all cores);
#   2. as one `nnscript sweep --jobs JOBS` (trials as child processes, cores shared out among them);
#   3. the obvious PyTorch ways (scripts/sweep-peers.py: a Python loop, and a torch.multiprocessing pool of JOBS),
#      when PYTHON (default: python3) has torch.
# Usage: scripts/sweep-sitting.sh [NNSCRIPT] [TRIALS] [JOBS]   (defaults: .build/release/nnscript 16 2)
set -euo pipefail
bin=${1:-.build/release/nnscript}; trials=${2:-16}; jobs=${3:-2}; python=${PYTHON:-python3}
here=$(cd "$(dirname "$0")/.." && pwd); bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# sin.nn without its plot line (the sitting times training, not SVG writing), plus the seed axis.
grep -v '^plot' "$here/examples/sin.nn" > "$work/sin.nn"
{ cat "$work/sin.nn"; echo "sweep seed 1 to $trials"; } > "$work/sweep.nn"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)   $(nproc) cores   $trials trials, $jobs jobs"

start=$(date +%s.%N)
for seed in $(seq 1 "$trials"); do "$bin" run "$work/sin.nn" --set seed="$seed" --quiet > /dev/null; done
sequential=$(echo "$(date +%s.%N) - $start" | bc)
printf 'nnscript sequential runs   %7.1f s  %5.2f s/trial\n' "$sequential" "$(echo "$sequential / $trials" | bc -l)"

start=$(date +%s.%N)
"$bin" sweep "$work/sweep.nn" --jobs "$jobs" --quiet > "$work/sweep.out" || true
swept=$(echo "$(date +%s.%N) - $start" | bc)
printf 'nnscript sweep --jobs %d    %7.1f s  %5.2f s/trial  (%.2f of sequential)\n' "$jobs" "$swept" \
    "$(echo "$swept / $trials" | bc -l)" "$(echo "$swept / $sequential" | bc -l)"
grep -o "trials, .*a trial besides its run)" "$work/sweep.out" || true

if "$python" -c 'import torch' 2>/dev/null; then
    "$python" "$here/scripts/sweep-peers.py" --trials "$trials" --jobs "$jobs"
else
    echo "PyTorch: skipped ($python has no torch; set PYTHON=~/.venvs/peers/bin/python)"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
