#!/usr/bin/env bash
# A whole `attn-tui attention …` query on the built-in lexicon against the numpy script a
# learner would write for it (SPEC.md target: ≥ 15× faster). Whole processes, median of 20; the
# release build as installed (Swift runtime linked statically).
#   bash Benchmarks/query.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product attn-tui >/dev/null
bin=$(swift build -c release --show-bin-path)/attn-tui
script=$(mktemp --suffix=.py)
trap 'rm -f "$script"' EXIT
cat >"$script" <<'PY'
# What a learner writes: read the lexicon, softmax(scores / T) over scaled dot products, context vectors.
import json, sys
import numpy as np
words = sys.argv[2:]
vectors = {}
header = None
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    fields = line.rstrip("\n").split("\t")
    if header is None:
        header = fields
        continue
    vectors[fields[0]] = np.array([float(x) for x in fields[2:]])
x = np.array([vectors[w] for w in words])
scores = x @ x.T / np.sqrt(x.shape[1])
e = np.exp(scores - scores.max(axis=1, keepdims=True))
weights = e / e.sum(axis=1, keepdims=True)
print(json.dumps({"words": words, "scores": scores.tolist(), "weights": weights.tolist(), "context": (weights @ x).tolist()}))
PY
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 - "$bin" "$script" <<'PY'
import statistics, subprocess, sys, time
words = ["apple", "orange", "banana", "phone", "laptop"]
def timed(command):
    times = []
    for _ in range(20):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
attn = timed([sys.argv[1], "attention", *words, "--json"])
numpy = timed(["python3", sys.argv[2], "Assets/lexicon.tsv", *words])
print(f"attn-tui attention (whole process): median {attn:.1f} ms")
print(f"numpy script (whole process):       median {numpy:.1f} ms")
print(f"attn-tui is {numpy / attn:.1f}x faster (target >= 15x)")
PY
