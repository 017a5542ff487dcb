#!/usr/bin/env python3
"""Times pandas.read_csv on the table `nnscript-bench csv FILE` reads, best of 5, for comparison.

Usage: ~/.venvs/peers/bin/python scripts/csv-bench-pandas.py /tmp/nnscript-bench-table.csv
(the default C engine, float_precision="round_trip" as well: pandas' default float parser is not correctly rounded).
"""
import os
import sys
import time

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/nnscript-bench-table.csv"
megabytes = os.path.getsize(path) / 1e6
for precision in (None, "round_trip"):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        frame = pd.read_csv(path, float_precision=precision)
        best = min(best, time.perf_counter() - start)
    print("pandas %s (float_precision=%s): %d rows × %d columns, %.1f MB: best of 5 %.3f s (%.0f MB/s), sum %.6g"
          % (pd.__version__, precision, frame.shape[0], frame.shape[1], megabytes, best, megabytes / best,
             frame.to_numpy().sum()))
