#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Float64 reference numbers for the learning-embeddings lesson, computed with numpy: SplitMix64 (seed 13) and
word2vec's skip-gram with negative sampling written out (eta 0.2, d = 8, 3 negatives, window 2, 8 sentences a
step in corpus order), each pair's loss taken before its own update, term by term.

Run from the repository root: python3 Tests/AttnAppTests/Reference/learning_embeddings_reference.py
Its printed numbers are pasted as constants into LearningEmbeddingsLessonTests.swift: each step's mean loss,
and its last pair as the step met it (w.c, each w.n, the loss), and w.c after the step (the exercise's).
"""
import numpy as np

M = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        return z ^ (z >> 31)

    def unit(self):
        return (self.next() >> 11) * 2.0 ** -53


words, index, sentences = [], {}, []
for line in open("Assets/corpus.txt", encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    sentence = []
    for token in line.split():
        if token not in index:
            index[token] = len(words)
            words.append(token)
        sentence.append(index[token])
    sentences.append(sentence)

n, d, eta, negatives, window, per_step = len(words), 8, 0.2, 3, 2, 8
rng = SplitMix(13)
E = np.array([(rng.unit() - 0.5) / d for _ in range(n * d)]).reshape(n, d)
C = np.zeros((n, d))


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def pairs(batch):
    out = []
    for s in batch:
        for i, c in enumerate(s):
            for j in range(max(0, i - window), min(len(s) - 1, i + window) + 1):
                if j != i:
                    out.append((c, s[j]))
    return out


losses = []
for step in range(12):
    batch = [sentences[(step * per_step + k) % len(sentences)] for k in range(per_step)]
    total, last = 0.0, None
    ps = pairs(batch)
    for pi, (c, o) in enumerate(ps):
        neg = []
        while len(neg) < negatives:
            k = rng.next() % n
            if k != c and k != o:
                neg.append(k)
        v = E[c].copy()
        grad = np.zeros(d)
        scores = []
        loss = 0.0
        for t, label in [(o, 1.0)] + [(k, 0.0) for k in neg]:
            u = C[t].copy()
            score = u @ v
            scores.append(score)
            loss -= np.log(sigmoid(score)) if label == 1 else np.log(sigmoid(-score))
            g = (sigmoid(score) - label) * eta
            grad += g * u
            C[t] -= g * v
        E[c] -= grad
        total += loss
        if pi == len(ps) - 1:
            last = (words[c], words[o], [words[k] for k in neg], scores[0], scores[1:], loss)
    losses.append(total / len(ps))
    c, o = index[last[0]], index[last[1]]
    after = E[c] @ C[o]
    print("step", step + 1, "mean loss", repr(losses[-1]), "pairs", len(ps))
    print("  last pair", last[0], last[1], "negatives", last[2])
    print("  before: w.c", repr(last[3]), "sigma", repr(sigmoid(last[3])), "w.n", [repr(x) for x in last[4]],
          "sigma(-w.n)", [repr(sigmoid(-x)) for x in last[4]], "loss", repr(last[5]))
    print("  after: w.c", repr(after), "sigma", repr(sigmoid(after)))
