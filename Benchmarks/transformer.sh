#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Training the tiny transformer — the default model, 400 steps of 16 windows × 8 tokens — against
# numpy (SPEC.md target: ≥ 2× faster) and PyTorch on one thread (moonshot: faster than it), in
# the same run, from the same initial weights on the same batches (the peers check that their
# losses match Swift's). Times are in process, of the training steps only (no start-up, corpus
# parsing or evaluation), medians of RUNS rounds; the contestants take turns within each round,
# so a busy machine slows them alike. Prints figures, asserts nothing.
#   bash Benchmarks/transformer.sh            (environment: RUNS=5 STEPS=400)
# PyTorch is measured when `python3 -c 'import torch'` works (pip install torch).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
steps=${STEPS:-400}
swift build -c release --product transformer-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)/transformer-benchmark
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$bin" record "$scratch/record.json" --steps "$steps"
peers=Benchmarks/transformer_peers.py
torch=no
python3 -c 'import torch' 2>/dev/null && torch=yes
for _ in $(seq "$runs"); do
    "$bin" time --steps "$steps" --runs 1
    "$bin" time --steps "$steps" --runs 1 --serial
    OPENBLAS_NUM_THREADS=1 python3 "$peers" numpy "$scratch/record.json" --label "numpy, 1 BLAS thread"
    python3 "$peers" numpy "$scratch/record.json" --label "numpy, default BLAS threads"
    if [ "$torch" = yes ]; then python3 "$peers" torch "$scratch/record.json" --label "PyTorch, 1 thread"; fi
done >"$scratch/times.tsv"
[ "$torch" = yes ] || echo "PyTorch: not installed here (python3 -c 'import torch' fails), not measured"
echo "== $steps training steps, default model (lscpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores), $runs rounds"
awk -F'\t' '
    { times[$1] = times[$1] " " $2; if ($4 != "") drift[$1] = $4; if (!($1 in seen)) { order[++n] = $1; seen[$1] = 1 } }
    function median(list,    a, k, i, j, t) {
        k = split(list, a, " ")
        for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END {
        for (i = 1; i <= n; i++) {
            m[order[i]] = median(times[order[i]])
            printf "%-30s median %7.3f s  (%5.2f ms a step)%s\n", order[i], m[order[i]], 1000 * m[order[i]] / '"$steps"', \
                (order[i] in drift) ? sprintf("   losses differ from Swift by at most %s", drift[order[i]]) : ""
        }
        swift2 = m["swift, 2 threads"]; swift1 = m["swift, 1 thread"]
        numpy = m["numpy, 1 BLAS thread"]
        if (m["numpy, default BLAS threads"] < numpy) numpy = m["numpy, default BLAS threads"]
        printf "Swift (2 threads) is %.2fx faster than numpy at its best (target >= 2x); on 1 thread %.2fx\n", numpy / swift2, numpy / swift1
        if ("PyTorch, 1 thread" in m)
            printf "Swift (2 threads) is %.2fx faster than PyTorch on one thread; Swift on 1 thread %.2fx\n", m["PyTorch, 1 thread"] / swift2, m["PyTorch, 1 thread"] / swift1
    }' "$scratch/times.tsv"
