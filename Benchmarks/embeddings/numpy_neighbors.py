#!/usr/bin/env python3
"""Top-k cosine neighbours with numpy, the way a practitioner writes it: a normalised
float32 matrix, one matmul per query, argpartition, then a sort of the k best.

    numpy_neighbors.py FILE QUERIES K SWIFT_JSON

Queries are the same rows embedding-benchmark uses ((q * 7919 + 13) mod rows), each
excluding itself. Prints the median time per query and whether the top-k lists equal
attn-tui's (from SWIFT_JSON).
"""
import csv
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd

path, queries, k, swift_json = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
frame = pd.read_csv(path, sep=" ", header=None, quoting=csv.QUOTE_NONE, engine="c", na_filter=False)
matrix = frame.iloc[:, 1:].to_numpy(dtype=np.float32)
unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
rows = [(q * 7919 + 13) % len(unit) for q in range(queries)]
times, found = [], []
for row in rows:
    start = time.perf_counter()
    scores = unit @ unit[row]
    scores[row] = -np.inf
    best = np.argpartition(-scores, k)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    times.append(time.perf_counter() - start)
    found.append(best.tolist())
swift = json.load(open(swift_json))
same = sum(1 for q in range(queries) if [n["index"] for n in swift[q]["neighbors"]] == found[q])
print("numpy top-%d: median %.2f ms, min %.2f ms per query over %d queries; same lists as attn-tui: %d of %d"
      % (k, statistics.median(times) * 1000, min(times) * 1000, queries, same, queries))
