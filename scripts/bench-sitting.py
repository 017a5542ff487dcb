"""One benchmark sitting: one or more nnscript-bench binaries and the peers (../shared/bench/peers.py) run alternately
several times on the same machine, and the best and the median ms per iteration of each are printed as tables.

The machine this project runs on is a shared virtual machine whose speed drifts by tens of percent from one minute
to the next, so a single run of each says little; alternating runs and taking each tool's best compares them at the
same (best) machine speed. Medians are printed too.

Several binaries compare two builds in one sitting (before and after a change): each `--bench=LABEL:PATH` is one
column, run in turn every round (the order reversed on alternate rounds, so a drift favours neither), and the last
column's ratio to the first is printed per workload. The peers are optional then (`--no-peers`).

Usage (from the repository root, after `swift build -c release --product nnscript-bench`):
    ~/.venvs/peers/bin/python scripts/bench-sitting.py [--rounds=3] [--threads=2] [workload ...]
(workload names, e.g. `spiral-ce table-ce`, limit the sitting to those; default all)
    python3 scripts/bench-sitting.py --no-peers --bench=before:/path/to/old/nnscript-bench \\
        --bench=after:.build/release/nnscript-bench

Options: --rounds=N (3), --threads=N (2, for nnscript), --bench=LABEL:PATH (repeatable; default
.build/release/nnscript-bench), --no-peers, --help. Each run is a whole `nnscript-bench workloads` (full iterations).
"""
import json, re, statistics, subprocess, sys

ROUNDS = 3
THREADS = 2
PEERS = True
BENCHES = []  # [(label, path)]
for arg in sys.argv[1:]:
    if arg.startswith("--rounds="):
        ROUNDS = int(arg.split("=", 1)[1])
    elif arg.startswith("--threads="):
        THREADS = int(arg.split("=", 1)[1])
    elif arg.startswith("--bench="):
        label, _, path = arg.split("=", 1)[1].partition(":")
        if not path:
            sys.exit(f"bench-sitting: --bench wants LABEL:PATH, got {arg}")
        BENCHES.append((label, path))
    elif arg == "--no-peers":
        PEERS = False
    elif arg in ("-h", "--help"):
        sys.exit(print(__doc__))
    elif arg.startswith("--"):
        sys.exit(f"bench-sitting: unknown argument {arg} (see the usage at the top of the script)")
if not BENCHES:
    BENCHES = [("nnscript", ".build/release/nnscript-bench")]

WORKLOADS = ["shallow-adam", "deep-adam", "seed-sgd", "minibatch", "wide-relu", "spiral-ce", "surface-2d", "table-ce"]
TARGETS = {"shallow-adam": ("best", 0.5), "deep-adam": ("best", 0.5), "minibatch": ("best", 0.2),
           "wide-relu": ("torch", 1.25), "spiral-ce": ("best", 0.33), "surface-2d": ("best", 0.33),
           "table-ce": ("best", 0.33)}
CHOSEN = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
unknown = [name for name in CHOSEN if name not in WORKLOADS]
if unknown:
    sys.exit(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
WORKLOADS = CHOSEN or WORKLOADS
LINE = re.compile(r"^\s+(\S+)\s+([0-9.]+) ms/iter .*loss ([0-9.eE+-]+|nan)\s+allocations/step ([0-9.]+)")

times = {}  # (tool, workload) -> [ms]
losses = {}  # (tool, workload) -> set of final losses printed
allocations = {}  # (tool, workload) -> allocations per step
for round in range(ROUNDS):
    order = BENCHES if round % 2 == 0 else list(reversed(BENCHES))
    for label, path in order:
        ours = subprocess.run([path, "workloads", f"--threads={THREADS}"] + CHOSEN, capture_output=True, text=True,
                              check=True).stdout
        for line in ours.splitlines():
            match = LINE.match(line)
            if match:
                times.setdefault((label, match[1]), []).append(float(match[2]))
                losses.setdefault((label, match[1]), set()).add(match[3])
                allocations[(label, match[1])] = float(match[4])
    if PEERS:
        peers = subprocess.run([sys.executable, "../shared/bench/peers.py"] + CHOSEN, capture_output=True, text=True,
                               check=True).stdout
        for line in peers.splitlines():
            if line.startswith("{"):
                record = json.loads(line)
                times.setdefault((record["peer"], record["workload"]), []).append(record["ms_per_iter"])
    print(f"round {round + 1} of {ROUNDS} done", file=sys.stderr)

ours = [label for label, _ in BENCHES]
peers = ["torch", "jax", "sklearn"] if PEERS else []
tools = ours + peers
def cell(tool, workload, pick):
    values = times.get((tool, workload))
    return pick(values) if values else None

for title, pick in [("best of %d" % ROUNDS, min), ("median of %d" % ROUNDS, statistics.median)]:
    print(f"\n{title}: ms per iteration (threads={THREADS} for nnscript)\n")
    header = ["workload"] + tools
    if len(ours) > 1:
        header.append(f"{ours[-1]} / {ours[0]}")
    if peers:
        header += [f"{ours[-1]} / best peer", "target"]
    header.append("allocations/step")
    print("| " + " | ".join(header) + " |")
    print("|---" * len(header) + "|")
    for workload in WORKLOADS:
        row = [cell(tool, workload, pick) for tool in tools]
        cells = ["–" if value is None else f"{value:.4g}" for value in row]
        mine = row[len(ours) - 1]
        if len(ours) > 1:
            first = row[0]
            cells.append(f"{mine / first:.3f}" if mine and first else "–")
        if peers:
            known = [(value, tool) for value, tool in zip(row[len(ours):], peers) if value is not None]
            if known and mine:
                best, best_tool = min(known)
                ratio = mine / best
                target = TARGETS.get(workload)
                if target and target[0] == "torch" and row[len(ours)]:
                    torch = row[len(ours)]
                    verdict = f"≤ {target[1]} of torch: {mine / torch:.2f} {'✓' if mine / torch <= target[1] else '✗'}"
                elif target:
                    verdict = f"≤ {target[1]}: {'✓' if ratio <= target[1] else '✗'}"
                else:
                    verdict = "–"
                cells += [f"{ratio:.2f} ({best_tool})", verdict]
            else:
                cells += ["–", "–"]
        cells.append(" / ".join(f"{allocations.get((label, workload), float('nan')):.2f}" for label in ours))
        print(f"| {workload} | " + " | ".join(cells) + " |")

if len(ours) > 1:
    # The same workload from the same seed should end at the same loss in every build that keeps results unchanged.
    print("\nfinal losses per workload (every run of each binary):")
    for workload in WORKLOADS:
        print(f"  {workload}: " + "; ".join(f"{label} {sorted(losses.get((label, workload), []))}" for label in ours))
