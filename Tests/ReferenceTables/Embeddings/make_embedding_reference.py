#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Makes the small embedding files and the numpy float64 reference the Swift tests compare with.

    python3 make_embedding_reference.py      # writes small.glove.txt, small.vec, embedding_reference.json

The files hold words with punctuation, numbers and non-ASCII letters, with values of
6 decimals. A reader stores them as float32; the reference reads them the same way
(float32), then computes everything in float64 with numpy: what attn-tui must match
within 1e-5 relative.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

WORDS = [
    "apple", "orange", "banana", "cherry", "café", "naïve", "日本", "東京",
    ",", ".", "'s", "--", "1990", "2000", "phone", "laptop",
    "computer", "mouse", "über", "señor", "москва", "α", "the", "and",
]
CLUSTERS = {
    "apple": 0, "orange": 0, "banana": 0, "cherry": 0,
    "phone": 1, "laptop": 1, "computer": 1, "mouse": 1,
    "café": 2, "naïve": 2, "über": 2, "señor": 2, "москва": 2, "α": 2, "日本": 2, "東京": 2,
    ",": 3, ".": 3, "'s": 3, "--": 3, "the": 3, "and": 3,
    "1990": 4, "2000": 4,
}
DIMENSION = 10
ATTENTION_WORDS = ["apple", "orange", "phone", ",", "café", "日本"]
NEIGHBOURS = 5


def make_files():
    rng = np.random.default_rng(20240601)
    centres = rng.normal(0, 1, size=(5, DIMENSION))
    lines = []
    for word in WORDS:
        vector = centres[CLUSTERS[word]] + rng.normal(0, 0.35, size=DIMENSION)
        lines.append(word + " " + " ".join("%.6f" % v for v in vector))
    with open(os.path.join(HERE, "small.glove.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, "small.vec"), "w", encoding="utf-8") as f:
        f.write("%d %d\n" % (len(WORDS), DIMENSION) + "\n".join(lines) + "\n")


def read_glove(path):
    words, rows = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts:
                words.append(parts[0])
                rows.append(np.array(parts[1:], dtype=np.float32))
    return words, np.array(rows, dtype=np.float32).astype(np.float64)


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def reference(words, m):
    norms = np.linalg.norm(m, axis=1)
    dot = m @ m.T
    cosine = dot / np.outer(norms, norms)
    scaled = dot / np.sqrt(m.shape[1])
    neighbours = {}
    for i, word in enumerate(words):
        order = [j for j in np.lexsort((np.arange(len(words)), -cosine[i])) if j != i][:NEIGHBOURS]
        neighbours[word] = [{"word": words[j], "cosine": float(cosine[i, j])} for j in order]
    attention = []
    rows = [words.index(w) for w in ATTENTION_WORDS]
    v = m[rows]
    for metric, temperature in [("cosine", 1.0), ("dot", 1.0), ("scaled-dot", 0.5)]:
        if metric == "cosine":
            n = v / np.linalg.norm(v, axis=1, keepdims=True)
            scores = n @ n.T
        elif metric == "dot":
            scores = v @ v.T
        else:
            scores = v @ v.T / np.sqrt(v.shape[1])
        weights = np.array([softmax(row / temperature) for row in scores])
        attention.append({
            "words": ATTENTION_WORDS, "metric": metric, "temperature": temperature,
            "scores": scores.tolist(), "weights": weights.tolist(), "context": (weights @ v).tolist(),
        })
    return {
        "words": words, "vectors": m.tolist(), "cosine": cosine.tolist(), "dot": dot.tolist(),
        "scaled_dot": scaled.tolist(), "neighbors": neighbours, "attention": attention,
    }


if __name__ == "__main__":
    make_files()
    words, m = read_glove(os.path.join(HERE, "small.glove.txt"))
    with open(os.path.join(HERE, "embedding_reference.json"), "w", encoding="utf-8") as f:
        json.dump(reference(words, m), f, ensure_ascii=False, indent=1)
        f.write("\n")
