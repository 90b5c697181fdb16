#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes cli_reference.json: numpy float64 answers to the command line's
queries on the built-in lexicon (neighbours: on the lexicon and the word pack), for CLIReferenceTests.

Run from anywhere after changing Assets/lexicon.tsv or Assets/wordpack/features.tsv:
    python3 Tests/AttnCLITests/Reference/make_cli_reference.py
The JSON also records the input vectors, so the test can tell a stale table
(lexicon or pack changed) from a wrong computation.
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
LEXICON = HERE.parents[2] / "Assets" / "lexicon.tsv"
PACK = HERE.parents[2] / "Assets" / "wordpack" / "features.tsv"


def load():
    words, vectors, header = [], [], None
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            continue
        words.append(fields[0])
        vectors.append([float(x) for x in fields[2:]])
    return words, np.array(vectors, dtype=np.float64)


WORDS, MATRIX = load()
INDEX = {w: i for i, w in enumerate(WORDS)}


def vec(w):
    return MATRIX[INDEX[w]]


def cosine(a, b):
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def metric(name, a, b):
    if name == "cosine":
        return cosine(a, b)
    if name == "dot":
        return float(a @ b)
    return float(a @ b / np.sqrt(len(a)))


def softmax(row):
    e = np.exp(row - row.max())
    return e / e.sum()


PAIRS = [("apple", "orange"), ("apple", "phone"), ("banana", "laptop"), ("mouse", "keyboard"), ("kiwi", "kiwi")]
LISTS = [["apple", "orange", "banana"], ["apple", "phone", "laptop"], ["apple", "orange", "banana", "phone", "laptop", "mouse"]]
METRICS = ["cosine", "dot", "scaled-dot"]
TEMPERATURES = [0.5, 1.0, 2.0]
NEIGHBOR_WORDS = ["banana", "laptop", "apple", "mouse"]

reference = {"vectors": {}, "similarity": [], "matrix": [], "attention": [], "neighbors": []}
used = {w for p in PAIRS for w in p} | {w for l in LISTS for w in l}
reference["vectors"] = {w: vec(w).tolist() for w in sorted(used)}

for a, b in PAIRS:
    u, v = vec(a), vec(b)
    reference["similarity"].append(
        {"a": a, "b": b, "dim": len(u), "cosine": cosine(u, v), "dot": float(u @ v), "scaled_dot": float(u @ v / np.sqrt(len(u)))}
    )

for words in LISTS:
    for m in METRICS:
        reference["matrix"].append(
            {"words": words, "metric": m, "matrix": [[metric(m, vec(a), vec(b)) for b in words] for a in words]}
        )
        for t in TEMPERATURES:
            x = np.array([vec(w) for w in words])
            scores = np.array([[metric(m, a, b) for b in x] for a in x])
            weights = np.array([softmax(row / t) for row in scores])
            reference["attention"].append(
                {"words": words, "metric": m, "temperature": t, "scores": scores.tolist(),
                 "weights": weights.tolist(), "context": (weights @ x).tolist()}
            )

# `neighbors` searches the lexicon's rows, then the pack's words the lexicon lacks (hand-made rows
# win), leaving out vectors shorter than a tenth of the hand-made rows' median length (no direction).
all_words, all_rows = list(WORDS), [row for row in MATRIX]
for line in PACK.read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#") or line.startswith("word\t"):
        continue
    fields = line.split("\t")
    if fields[0] not in INDEX:
        all_words.append(fields[0])
        all_rows.append(np.array([float(x) for x in fields[2:]]))
ALL = np.array(all_rows)
lengths = np.linalg.norm(ALL, axis=1)
minimum = 0.1 * np.median([n for n in np.linalg.norm(MATRIX, axis=1) if n > 0])
usable = lengths >= minimum
found = set()
for w in NEIGHBOR_WORDS:
    q = vec(w)
    sims = np.array([cosine(ALL[i], q) if usable[i] else -np.inf for i in range(len(ALL))])
    sims[INDEX[w]] = -np.inf
    order = sorted(range(len(ALL)), key=lambda i: (-sims[i], i))[:10]
    found |= {all_words[i] for i in order}
    reference["neighbors"].append(
        {"word": w, "neighbors": [{"word": all_words[i], "cosine": cosine(ALL[i], q)} for i in order]}
    )
reference["neighbor_vectors"] = {w: ALL[all_words.index(w)].tolist() for w in sorted(found)}

(HERE / "cli_reference.json").write_text(json.dumps(reference, indent=1) + "\n", encoding="utf-8")
print(f"wrote {HERE / 'cli_reference.json'} from {len(WORDS)} lexicon words and {len(all_words) - len(WORDS)} pack words")
