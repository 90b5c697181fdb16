#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
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
words=(apple orange banana phone laptop)
measure() { python3 Benchmarks/measure.py 20 "$@" 2>/dev/null; }
attn=$(measure attn-tui -- "$bin" attention "${words[@]}" --json)
numpy=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/measure.py 20 numpy -- python3 "$script" Assets/lexicon.tsv "${words[@]}" 2>/dev/null)
printf '%s\n%s\n' "$attn" "$numpy" | awk -F'\t' '
    { printf "%-36s median %6.1f ms, min %6.1f ms, CPU %6.1f ms\n", ($1 == "numpy" ? "numpy script (whole process)" : "attn-tui attention (whole process)"), $2, $3, $5
      median[NR] = $2; cpu[NR] = $5 }
    END { printf "attn-tui is %.1fx faster (target >= 15x); in CPU time %.1fx\n", median[2] / median[1], cpu[2] / cpu[1] }'
