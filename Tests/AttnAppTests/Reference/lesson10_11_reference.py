#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Float64 reference numbers for lessons 10 and 11, computed with numpy from Assets/lexicon.tsv.

Run from the repository root: python3 Tests/AttnAppTests/Reference/lesson10_11_reference.py
Its printed numbers are pasted as constants into Lesson10Tests.swift and Lesson11Tests.swift.
"""
import numpy as np

rows = {}
features = None
for line in open("Assets/lexicon.tsv", encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    cells = line.split("\t")
    if features is None:
        features = cells[2:]
        continue
    rows[cells[0]] = np.array([float(v) for v in cells[2:]])


def softmax(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def show(name, m):
    print(name, "=", np.array2string(np.asarray(m), precision=12, separator=", ", max_line_width=200))


# Lesson 10: the plane (fruit, screen), scores (X W_Q)(X W_K)^T / sqrt(2).
words10 = ["apple", "orange", "banana", "phone", "laptop"]
plane = [features.index("fruit"), features.index("screen")]
X2 = np.array([rows[w][plane] for w in words10])
presets = {
    "identity": (np.eye(2), np.eye(2)),
    "stretch": (np.diag([2.0, 1.0]), np.diag([2.0, 1.0])),
    "rotation": (np.array([[0.8, 0.6], [-0.6, 0.8]]),) * 2,
    "projection": (np.diag([1.0, 0.0]),) * 2,
    "swap": (np.array([[0.0, 1.0], [1.0, 0.0]]), np.eye(2)),
}
for name, (wq, wk) in presets.items():
    show("lesson10 " + name + " scores", (X2 @ wq) @ (X2 @ wk).T / np.sqrt(2))

# Lesson 11: "an apple and a phone", the lesson's head and the identity head, T = 1 and T = 0.5.
sentence = ["an", "apple", "and", "a", "phone"]
X = np.array([rows[w] for w in sentence])
d = X.shape[1]
reading = np.zeros((d, 2))
reading[features.index("fruit"), 0] = 1
reading[features.index("tech"), 1] = 1
heads = {"own": (2 * reading, 2 * reading, reading), "identity": (np.eye(d), np.eye(d), np.eye(d))}
for name, (wq, wk, wv) in heads.items():
    for t in (1.0, 0.5):
        q, k, v = X @ wq, X @ wk, X @ wv
        scores = q @ k.T / np.sqrt(k.shape[1])
        weights = softmax(scores / t)
        label = "lesson11 %s T=%g " % (name, t)
        if t == 1.0:
            show(label + "scores", scores)
        show(label + "weights", weights)
        show(label + "output", weights @ v)
