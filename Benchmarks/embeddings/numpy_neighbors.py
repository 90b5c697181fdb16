#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Top-k cosine neighbours with numpy, the way a practitioner writes it: a normalised
float32 matrix, one matmul per query, argpartition, then a sort of the k best.

    numpy_neighbors.py FILE QUERIES K SWIFT_JSON [BATCH]

Queries are the same rows embedding-benchmark uses ((q * 7919 + 13) mod rows), each
excluding itself. Prints the median time per query and whether the top-k lists equal
attn-tui's (from SWIFT_JSON); then, for reference, BATCH queries (default 200) as one
matrix product (unit @ Q.T) and an argpartition per query, per query.
"""
import csv
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd

path, queries, k, swift_json = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
batch = int(sys.argv[5]) if len(sys.argv) > 5 else 200
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

many = [(q * 7919 + 13) % len(unit) for q in range(batch)]
batch_times = []
for _ in range(3):
    start = time.perf_counter()
    # 50 queries a product: a contiguous row of scores each, 80 MB at a time.
    for first in range(0, batch, 50):
        rows = many[first:first + 50]
        scores = unit[rows] @ unit.T
        scores[range(len(rows)), rows] = -np.inf
        best = np.argpartition(-scores, k, axis=1)[:, :k]
        for q in range(len(rows)):
            order = best[q][np.argsort(-scores[q, best[q]], kind="stable")]
    batch_times.append(time.perf_counter() - start)
print("numpy top-%d, %d queries as matrix products: %.3f ms per query (median of 3)"
      % (k, batch, statistics.median(batch_times) * 1000 / batch))
