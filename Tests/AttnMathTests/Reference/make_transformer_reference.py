#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate transformer_reference.json: a tiny transformer in float64 numpy, for AttnMath.

Run from anywhere (python3 + numpy):

    python3 Tests/AttnMathTests/Reference/make_transformer_reference.py

The model, its backward pass and Adam are written out by hand in numpy_transformer.py. The
weights and batches are drawn here (seeded PCG64) and written into the table, so the Swift
side needs no shared generator. The table holds: the weights; one batch's logits, loss and
the gradient of every tensor; the attention weights and logits of its first window, also with
one head switched off; the losses of 50 Adam steps (warm-up 5, clipping at 0.5, which bites)
and the weights after 1 and after 50 of them. TransformerReferenceTests.swift requires
AttnMath to agree within 1e-9 (relative for values larger than 1). Regenerate only on
purpose, and commit script and table together.
"""

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_transformer as nt  # noqa: E402

SEED = 20261207
CONFIG = {"vocabulary_size": 7, "model_width": 8, "context_length": 4, "layers": 2, "heads": 2, "hidden_width": 12}
ADAM = {"learning_rate": 0.01, "warmup_steps": 5, "gradient_clip_norm": 0.5, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}
STEPS = 50
WINDOWS = 3

rng = np.random.default_rng(SEED)


def initial_weights():
    theta = np.zeros(nt.parameter_count(CONFIG))
    for name, tensor in nt.views(theta, CONFIG).items():
        if name.endswith("_gain"):
            tensor[...] = 1 + 0.3 * rng.normal(size=tensor.shape)
        elif name.endswith("_bias"):
            tensor[...] = 0.3 * rng.normal(size=tensor.shape)
        else:
            # Large enough that attention, LayerNorm and ReLU are far from linear.
            tensor[...] = 0.5 * rng.normal(size=tensor.shape)
    return theta


def named(theta):
    return {name: np.asarray(tensor).reshape(-1).tolist() for name, tensor in nt.views(theta, CONFIG).items()}


def main():
    theta = initial_weights()
    batches = rng.integers(0, CONFIG["vocabulary_size"], size=(STEPS, WINDOWS, CONFIG["context_length"] + 1))
    P = nt.views(theta, CONFIG)
    first = batches[0]
    logits, cache = nt.forward(P, CONFIG, first[:, :-1])
    loss = nt.cross_entropy(logits, first[:, 1:])
    grad = np.zeros_like(theta)
    nt.backward(P, nt.views(grad, CONFIG), CONFIG, logits, first[:, 1:], cache)
    attention = [layer[6][0].tolist() for layer in cache[1]]  # [layer][head][query][key] of window 0
    switched_off = (1, 0)
    logits_off, _ = nt.forward(P, CONFIG, first[:1, :-1], switched_off=[switched_off])

    trained = theta.copy()
    work = np.zeros_like(theta)
    adam = nt.Adam(trained.size, lr=ADAM["learning_rate"], warmup=ADAM["warmup_steps"], clip=ADAM["gradient_clip_norm"],
                   beta1=ADAM["beta1"], beta2=ADAM["beta2"], eps=ADAM["epsilon"])
    losses, norms, after_one = [], [], None
    for step, batch in enumerate(batches):
        work[:] = 0
        Pt, Gt = nt.views(trained, CONFIG), nt.views(work, CONFIG)
        out, c = nt.forward(Pt, CONFIG, batch[:, :-1])
        losses.append(nt.cross_entropy(out, batch[:, 1:]))
        nt.backward(Pt, Gt, CONFIG, out, batch[:, 1:], c)
        norms.append(float(np.sqrt(work @ work)))
        adam.update(trained, work)
        if step == 0:
            after_one = trained.copy()
    assert min(norms) < ADAM["gradient_clip_norm"] < max(norms), "clipping should bite on some steps and not others"

    table = {
        "seed": SEED,
        "configuration": CONFIG,
        "adam": ADAM,
        "parameters": named(theta),
        "batches": batches.tolist(),
        "logits": logits.tolist(),
        "loss": loss,
        "gradient": named(grad),
        "attention": attention,
        "switched_off": list(switched_off),
        "logits_switched_off": logits_off[0].tolist(),
        "losses": losses,
        "gradient_norms": norms,
        "after_one_step": named(after_one),
        "after_steps": named(trained),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "transformer_reference.json")
    with open(path, "w") as f:
        json.dump(table, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {os.path.getsize(path)} bytes; loss {loss:.6f} → {losses[-1]:.6f}")


if __name__ == "__main__":
    main()
