"""Reference extrema counts for Tests/NNScriptTests/Report/ExtremaTests.swift, by bench/peers.py's rule.

Run: ~/.venvs/peers/bin/python Tests/NNScriptTests/Golden/Report/extrema_reference.py
Each case is written the same way in the Swift test; the printed counts are the ones the test expects.
"""
import numpy as np


def extrema(pred):  # copied from /work/shared/bench/peers.py
    d = np.diff(pred.ravel())
    d = d[np.abs(d) > 1e-6]
    return int(np.sum(np.sign(d[1:]) != np.sign(d[:-1])))


cases = {
    "plateau peak": [0, 1, 2, 2, 2, 1, 0],
    "plateau step (no turn)": [0, 1, 1, 1, 2, 3],
    "tiny wiggle on a rise": [0, 1, 1 + 5e-7, 1, 1 + 5e-7, 2],
    "tiny wiggle on a flat": [1, 1 + 9e-7, 1, 1 + 9e-7, 1],
    "wiggle just above threshold": [1, 1 + 2e-6, 1, 1 + 2e-6, 1],
    "slow drift below threshold": [0, 5e-7, 1e-6, 1.5e-6, 2e-6, 1.5e-6, 1e-6],
    "zigzag": [0, 1, 0, 1, 0, 1],
    "nan inside": [0, 1, float("nan"), 1, 0],
    "constant": [3, 3, 3, 3],
    "two points": [0, 1],
    "sin on [-1, 9] 2001": list(np.sin(np.linspace(-1, 9, 2001)) / 2.5),
}
for name, values in cases.items():
    print(f"{name}: {extrema(np.array(values, dtype=float))}")
