"""One benchmark sitting: nnscript-bench and the peers (../shared/bench/peers.py) run alternately several times on
the same machine, and the best ms per iteration of each is printed as a table with nnscript's ratio to the best peer.

The machine this project runs on is a shared virtual machine whose speed drifts by tens of percent from one minute
to the next, so a single run of each says little; alternating runs and taking each tool's best compares them at the
same (best) machine speed. Medians are printed too.

Usage (from the repository root, after `swift build -c release --product nnscript-bench`):
    ~/.venvs/peers/bin/python scripts/bench-sitting.py [--rounds=3] [--threads=2] [workload ...]
(workload names, e.g. `spiral-ce table-ce`, limit the sitting to those; default all)
"""
import json, re, statistics, subprocess, sys

ROUNDS = 3
THREADS = 2
for arg in sys.argv[1:]:
    if arg.startswith("--rounds="):
        ROUNDS = int(arg.split("=", 1)[1])
    elif arg.startswith("--threads="):
        THREADS = int(arg.split("=", 1)[1])

WORKLOADS = ["shallow-adam", "deep-adam", "seed-sgd", "minibatch", "wide-relu", "spiral-ce", "surface-2d", "table-ce"]
TARGETS = {"shallow-adam": ("best", 0.5), "deep-adam": ("best", 0.5), "minibatch": ("best", 0.2),
           "wide-relu": ("torch", 1.25), "spiral-ce": ("best", 0.33), "surface-2d": ("best", 0.33),
           "table-ce": ("best", 0.33)}
CHOSEN = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
unknown = [name for name in CHOSEN if name not in WORKLOADS]
if unknown:
    sys.exit(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(WORKLOADS)}")
WORKLOADS = CHOSEN or WORKLOADS
LINE = re.compile(r"^\s+(\S+)\s+([0-9.]+) ms/iter .*allocations/step ([0-9.]+)")

times = {}  # (tool, workload) -> [ms]
allocations = {}
for round in range(ROUNDS):
    ours = subprocess.run([".build/release/nnscript-bench", "workloads", f"--threads={THREADS}"] + CHOSEN,
                          capture_output=True, text=True, check=True).stdout
    for line in ours.splitlines():
        match = LINE.match(line)
        if match:
            times.setdefault(("nnscript", match[1]), []).append(float(match[2]))
            allocations[match[1]] = float(match[3])
    peers = subprocess.run([sys.executable, "../shared/bench/peers.py"] + CHOSEN, capture_output=True, text=True,
                           check=True).stdout
    for line in peers.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            times.setdefault((record["peer"], record["workload"]), []).append(record["ms_per_iter"])
    print(f"round {round + 1} of {ROUNDS} done", file=sys.stderr)

tools = ["nnscript", "torch", "jax", "sklearn"]
def cell(tool, workload, pick):
    values = times.get((tool, workload))
    return pick(values) if values else None

for title, pick in [("best of %d" % ROUNDS, min), ("median of %d" % ROUNDS, statistics.median)]:
    print(f"\n{title}: ms per iteration (threads={THREADS} for nnscript)\n")
    print("| workload | " + " | ".join(tools) + " | nnscript / best peer | target | allocations/step |")
    print("|---" * (len(tools) + 4) + "|")
    for workload in WORKLOADS:
        row = [cell(tool, workload, pick) for tool in tools]
        peers = [(value, tool) for value, tool in zip(row[1:], tools[1:]) if value is not None]
        best, best_tool = min(peers)
        ratio = row[0] / best
        target = TARGETS.get(workload)
        if target and target[0] == "torch":
            torch = row[1]
            verdict = f"≤ {target[1]} of torch: {row[0] / torch:.2f} {'✓' if row[0] / torch <= target[1] else '✗'}"
        elif target:
            verdict = f"≤ {target[1]}: {'✓' if ratio <= target[1] else '✗'}"
        else:
            verdict = "–"
        cells = ["–" if value is None else f"{value:.4g}" for value in row]
        print(f"| {workload} | " + " | ".join(cells) + f" | {ratio:.2f} ({best_tool}) | {verdict} | "
              f"{allocations.get(workload, float('nan')):.2f} |")
