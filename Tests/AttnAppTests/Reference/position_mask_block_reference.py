#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Float64 reference numbers for the lessons position, causal-mask and block, computed with
numpy from Assets/lexicon.tsv, independently of the Swift code.

Run from the repository root: python3 Tests/AttnAppTests/Reference/position_mask_block_reference.py
Its printed numbers are pasted as constants into PositionLessonTests.swift,
CausalMaskLessonTests.swift and BlockLessonTests.swift.
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


def causal(s):
    s = s.copy()
    s[np.triu_indices(s.shape[0], 1)] = -np.inf
    return s


def show(name, m):
    print(name, "=", np.array2string(np.asarray(m), precision=12, separator=", ", max_line_width=200))


sentence = ["an", "apple", "and", "a", "phone"]
fruit, tech = features.index("fruit"), features.index("tech")


def position(i):
    return np.array([np.sin(i / 2), np.cos(i / 2)])


# Position: x = (fruit, tech) + p(i) in two extra coordinates; W_Q = W_K = 2I, W_V keeps fruit and tech.
def position_outputs(order, with_positions):
    x = np.array([[rows[w][fruit], rows[w][tech], 0.0, 0.0] for w in order])
    if with_positions:
        for i in range(len(order)):
            x[i, 2:] = position(i)
    q = k = 2 * x
    weights = softmax(q @ k.T / np.sqrt(4))
    return weights @ x[:, :2]


show("position p", [position(i) for i in range(5)])
print("position p1.p3 =", repr(float(position(1) @ position(3))))
orders = {
    "written": sentence,
    "shuffle0": ["phone", "an", "apple", "a", "and"],
    "swapped": ["an", "phone", "and", "a", "apple"],
}
for name, order in orders.items():
    for flag in (False, True):
        show("position %s %s" % (name, "on" if flag else "off"), position_outputs(order, flag))

# Causal mask: lesson 11's head (W_Q = W_K = 2·(fruit, tech), W_V = (fruit, tech)) on the 13 features.
d = len(features)
reading = np.zeros((d, 2))
reading[fruit, 0] = 1
reading[tech, 1] = 1
for last in ["phone", "laptop"]:
    words = sentence[:-1] + [last]
    x = np.array([rows[w] for w in words])
    q, k, v = x @ (2 * reading), x @ (2 * reading), x @ reading
    scores = causal(q @ k.T / np.sqrt(2))
    weights = softmax(scores)
    if last == "phone":
        show("causal scores", scores)
        show("causal weights", weights)
    show("causal output " + last, weights @ v)

# The block: d = 4, one causal head, W_Q = W_K = W_V = I, W_O = I/2, MLP 4 -> 8 -> 4 with
# W1 = [I | -I], b1 = -1/2, W2 = [I; -I]/2, b2 = 0; LayerNorm gains 1, biases 0, eps 1e-5; two blocks alike.
def layer_norm(x, eps=1e-5):
    mean = x.mean(axis=1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


eye = np.eye(4)
w1, b1, w2 = np.hstack([eye, -eye]), -0.5 * np.ones(8), 0.5 * np.vstack([eye, -eye])
x = np.array([[rows[w][fruit], rows[w][tech], *position(i)] for i, w in enumerate(sentence)])
for block in (1, 2):
    h = layer_norm(x)
    weights = softmax(causal(h @ h.T / np.sqrt(4)))
    a = (weights @ h) @ (0.5 * eye)
    middle = x + a
    h2 = layer_norm(middle)
    hidden = np.maximum(h2 @ w1 + b1, 0)
    m = hidden @ w2
    out = middle + m
    label = "block%d " % block
    show(label + "input", x)
    show(label + "norm", h)
    show(label + "weights", weights)
    show(label + "attention", a)
    show(label + "residual", middle)
    show(label + "norm2", h2)
    show(label + "hidden", hidden)
    show(label + "mlp", m)
    show(label + "output", out)
    x = out
