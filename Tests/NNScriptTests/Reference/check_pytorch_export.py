"""Runs exported PyTorch scripts and compares their printed predictions with nnscript's reference outputs.

Usage: python check_pytorch_export.py FOLDER
FOLDER holds NAME.py (written by PyTorchExporter) and NAME.expected.json ({"inputs": rows, "outputs": rows}).
Each script runs as a separate process, the way a user would run it: once with the inputs on its command line
(compared within 1e-5, relative to max(1, |expected|)), once without arguments (its default samples must print).
Exits 1 if any model fails.
"""
import json
import pathlib
import subprocess
import sys

TOLERANCE = 1e-5


def run(script, arguments):
    result = subprocess.run([sys.executable, str(script), *arguments], capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"{script.name} exited with {result.returncode}: {result.stderr.strip()}")
    rows = []
    for line in result.stdout.splitlines():
        inputs, arrow, outputs = line.partition(" -> ")
        if not arrow:
            raise RuntimeError(f"{script.name}: unexpected line {line!r}")
        rows.append(([float(v) for v in inputs.split()], [float(v) for v in outputs.split()]))
    return rows


def check(script, expected):
    arguments = [repr(v) for row in expected["inputs"] for v in row]
    rows = run(script, arguments)
    if len(rows) != len(expected["outputs"]):
        raise RuntimeError(f"{len(rows)} rows printed, {len(expected['outputs'])} expected")
    worst = 0.0
    for (inputs, got), want_inputs, want in zip(rows, expected["inputs"], expected["outputs"]):
        if inputs != [float(v) for v in want_inputs] or len(got) != len(want):
            raise RuntimeError(f"row {inputs} does not match {want_inputs}")
        for g, w in zip(got, want):
            worst = max(worst, abs(g - w) / max(1.0, abs(w)))
    defaults = run(script, [])
    return worst, len(rows), len(defaults)


def main(folder):
    import torch

    print(f"torch {torch.__version__}, python {sys.version.split()[0]}, tolerance {TOLERANCE:g}")
    failures = 0
    cases = sorted(pathlib.Path(folder).glob("*.expected.json"))
    if not cases:
        print("no exported models found")
        return 1
    for expected_path in cases:
        name = expected_path.name[: -len(".expected.json")]
        try:
            worst, count, default_count = check(expected_path.with_name(name + ".py"), json.loads(expected_path.read_text()))
            verdict = "ok" if worst <= TOLERANCE else "MISMATCH"
            failures += verdict != "ok"
            print(f"{verdict:8} {name:22} {count:3} rows  worst relative difference {worst:.3g}  "
                  f"({default_count} default rows printed)")
        except Exception as error:  # report every model, then fail
            failures += 1
            print(f"{'FAILED':8} {name:22} {error}")
    print(f"{len(cases) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
