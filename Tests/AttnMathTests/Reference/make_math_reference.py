#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate math_reference.json: float64 numpy answers for AttnMath's functions.

Run from anywhere (python3 + numpy):

    python3 Tests/AttnMathTests/Reference/make_math_reference.py

The output is deterministic for a given numpy (seeded PCG64). ReferenceTests.swift
loads the JSON and requires AttnMath to agree within 1e-9 (relative for values
larger than 1). Regenerate only on purpose, and commit script and table together.
"""

import json
import os

import numpy as np

SEED = 20240611
rng = np.random.default_rng(SEED)


def normal(*shape):
    return rng.normal(size=shape)


def as_list(a):
    return np.asarray(a, dtype=np.float64).tolist()


def cosine(a, b):
    return float(np.clip(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)), -1.0, 1.0))


def scaled_dot(a, b):
    return float(a @ b / np.sqrt(a.shape[0]))


def softmax(scores, temperature):
    scores = np.asarray(scores, dtype=np.float64)
    e = np.exp((scores - scores.max()) / temperature)
    return e / e.sum()


METRICS = {
    "cosine": cosine,
    "dot": lambda a, b: float(a @ b),
    "scaled-dot": scaled_dot,
}


def vector_set(name, n, d):
    x = normal(n, d)
    # One longer and one shorter vector, so lengths differ and cosine ≠ dot ranking.
    x[0] *= 3.0
    x[-1] *= 0.25
    return {
        "name": name,
        "vectors": as_list(x),
        "norms": as_list(np.linalg.norm(x, axis=1)),
        "dot": as_list(x @ x.T),
        "cosine": [[cosine(a, b) for b in x] for a in x],
        "scaled_dot": as_list(x @ x.T / np.sqrt(d)),
        "euclidean": as_list(np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2)),
    }


def context_attention(vectors, metric, temperature):
    x = np.asarray(vectors)
    scores = np.array([[METRICS[metric](a, b) for b in x] for a in x])
    weights = np.array([softmax(row, temperature) for row in scores])
    return {
        "vectors": as_list(x),
        "metric": metric,
        "temperature": temperature,
        "scores": as_list(scores),
        "weights": as_list(weights),
        "context": as_list(weights @ x),
    }


def head_numbers(x, w_q, w_k, w_v, temperature):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.T / np.sqrt(w_k.shape[1])
    weights = np.array([softmax(row, temperature) for row in scores])
    return {
        "queries": as_list(q),
        "keys": as_list(k),
        "values": as_list(v),
        "scores": as_list(scores),
        "weights": as_list(weights),
        "output": as_list(weights @ v),
    }


def single_head(n, d_model, d_k, d_v, temperature):
    x = normal(n, d_model)
    w_q, w_k, w_v = normal(d_model, d_k), normal(d_model, d_k), normal(d_model, d_v)
    case = {
        "input": as_list(x),
        "w_q": as_list(w_q),
        "w_k": as_list(w_k),
        "w_v": as_list(w_v),
        "temperature": temperature,
    }
    case.update(head_numbers(x, w_q, w_k, w_v, temperature))
    return case


def multi_head(n, d_model, head_shapes, d_out, temperature):
    x = normal(n, d_model)
    heads, outputs = [], []
    for d_k, d_v in head_shapes:
        w_q, w_k, w_v = normal(d_model, d_k), normal(d_model, d_k), normal(d_model, d_v)
        heads.append({"w_q": as_list(w_q), "w_k": as_list(w_k), "w_v": as_list(w_v)})
        outputs.append(np.array(head_numbers(x, w_q, w_k, w_v, temperature)["output"]))
    w_o = normal(sum(d_v for _, d_v in head_shapes), d_out)
    concatenated = np.concatenate(outputs, axis=1)
    return {
        "input": as_list(x),
        "heads": heads,
        "w_o": as_list(w_o),
        "temperature": temperature,
        "head_outputs": [as_list(o) for o in outputs],
        "concatenated": as_list(concatenated),
        "output": as_list(concatenated @ w_o),
    }


def pca(n, d, spread):
    x = normal(n, d) * np.asarray(spread)[:d] + normal(d)
    mean = x.mean(axis=0)
    centred = x - mean
    covariance = centred.T @ centred / max(n - 1, 1)
    values, vectors = np.linalg.eigh(covariance)
    order = np.argsort(values)[::-1]
    values, vectors = values[order], vectors[:, order]
    # Axes must be well separated, or they are not unique and cannot be compared.
    assert values[0] > 1.2 * values[1] and values[1] > 1.2 * max(values[2], 0), values
    axes = vectors[:, :2].T
    projections = centred @ axes.T
    return {
        "vectors": as_list(x),
        "mean": as_list(mean),
        "variances": as_list(values[:2]),
        "axes": as_list(axes),
        "projections": as_list(projections),
        "abs_projections": as_list(np.abs(projections)),
    }


def main():
    sets = [vector_set("d1", 4, 1), vector_set("d3", 5, 3), vector_set("d6", 6, 6)]

    softmax_cases = []
    base = normal(6) * 2.0
    for scores in (base, base + 1000.0, np.array([1000.0, 999.0, 0.0, -1000.0, 3.5])):
        for temperature in (0.05, 0.5, 1.0, 2.0, 20.0):
            softmax_cases.append(
                {"scores": as_list(scores), "temperature": temperature, "weights": as_list(softmax(scores, temperature))}
            )

    averages = []
    for n, d in ((3, 2), (5, 6)):
        weights = np.abs(normal(n)) + 0.1
        vectors = normal(n, d)
        averages.append(
            {
                "weights": as_list(weights),
                "vectors": as_list(vectors),
                "sum": float(weights.sum()),
                "normalized": as_list(weights / weights.sum()),
                "weighted_sum": as_list(weights @ vectors),
                "average": as_list(weights @ vectors / weights.sum()),
            }
        )

    contexts = [
        context_attention(s["vectors"], metric, temperature)
        for s in sets[1:]
        for metric in ("cosine", "dot", "scaled-dot")
        for temperature in (1.0, 0.5)
    ]

    table = {
        "generator": "Tests/AttnMathTests/Reference/make_math_reference.py",
        "numpy": np.__version__,
        "seed": SEED,
        "vector_sets": sets,
        "softmax": softmax_cases,
        "weighted_average": averages,
        "context_attention": contexts,
        "single_head": [single_head(5, 4, 3, 2, 1.0), single_head(4, 6, 2, 3, 0.5)],
        "multi_head": [multi_head(5, 4, [(2, 2), (3, 3)], 4, 1.0), multi_head(3, 6, [(2, 1), (2, 2), (1, 3)], 2, 0.7)],
        "pca": [
            pca(8, 3, [3.0, 1.5, 0.5]),  # d ≤ n: the covariance route
            pca(4, 6, [4.0, 2.0, 1.0, 0.5, 0.3, 0.2]),  # d > n: the Gram route
            pca(10, 6, [5.0, 2.5, 1.0, 0.6, 0.4, 0.2]),
        ],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "math_reference.json")
    with open(path, "w") as out:
        json.dump(table, out, indent=1)
        out.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
