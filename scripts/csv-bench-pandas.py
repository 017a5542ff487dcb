#!/usr/bin/env python3
"""Times pandas.read_csv on the table `nnscript-bench csv FILE` reads, best of 5, for comparison.

Usage: ~/.venvs/peers/bin/python scripts/csv-bench-pandas.py /tmp/nnscript-bench-table.csv
Prints wall time and CPU time (on a shared machine the CPU time says more), as nnscript-bench csv does.
"""
import os
import sys
import time

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/nnscript-bench-table.csv"
megabytes = os.path.getsize(path) / 1e6
best_wall = best_cpu = float("inf")
for _ in range(5):
    wall, cpu = time.perf_counter(), time.process_time()
    frame = pd.read_csv(path)
    best_wall = min(best_wall, time.perf_counter() - wall)
    best_cpu = min(best_cpu, time.process_time() - cpu)
print("pandas %s read_csv: %d rows × %d columns, %.1f MB: best of 5 %.3f s wall, %.3f s CPU (%.0f MB/s of CPU), sum %.6g"
      % (pd.__version__, frame.shape[0], frame.shape[1], megabytes, best_wall, best_cpu, megabytes / best_cpu,
         frame.to_numpy().sum()))
