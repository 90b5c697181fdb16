#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The peers of the tiny transformer's training benchmark (Benchmarks/transformer.sh).

    transformer_peers.py numpy|torch RECORD.json [--runs R] [--label TEXT]

RECORD.json comes from `transformer-benchmark record`: the default model's initial weights,
the batches Swift trained on, and Swift's losses. Each run starts from those weights and
takes one training step per batch, timed in process (JSON loading excluded), as Swift's
`transformer-benchmark time` is. Prints one line: the label (default: the peer), median
seconds, min seconds, and the largest difference from Swift's losses over the run (the same
model and batches, so it must be tiny).

numpy: Tests/AttnMathTests/Reference/numpy_transformer.py (hand-written backprop, float64,
parameters in one flat array, Adam vectorised). torch: the same model with autograd,
float64, one thread, torch.optim.Adam with the same warm-up and clipping.
"""

import json
import os
import statistics
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Tests", "AttnMathTests", "Reference"))
import numpy_transformer as nt  # noqa: E402


def numpy_run(record):
    cfg = record["configuration"]
    theta = np.zeros(nt.parameter_count(cfg))
    for name, tensor in nt.views(theta, cfg).items():
        tensor[...] = np.array(record["parameters"][name]).reshape(tensor.shape)
    grad = np.zeros_like(theta)
    batches = [np.array(b) for b in record["batches"]]
    adam = nt.Adam(theta.size)
    start = time.perf_counter()
    losses = [nt.train_step(theta, grad, cfg, adam, batch) for batch in batches]
    return time.perf_counter() - start, losses


def torch_run(record):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    cfg = record["configuration"]
    d, heads, v = cfg["model_width"], cfg["heads"], cfg["vocabulary_size"]
    dk = d // heads
    P = {name: torch.tensor(record["parameters"][name], dtype=torch.float64).reshape(shape).requires_grad_()
         for name, shape in nt.layout(cfg)}
    params = list(P.values())
    batches = [torch.tensor(b) for b in record["batches"]]
    optimizer = torch.optim.Adam(params, lr=3e-3, betas=(0.9, 0.999), eps=1e-8)

    def loss_of(batch):
        inputs, targets = batch[:, :-1], batch[:, 1:]
        b, n = inputs.shape
        mask = torch.triu(torch.ones(n, n, dtype=torch.bool), 1)
        x = P["token_embedding"][inputs] + P["position_embedding"][:n]
        for layer in range(cfg["layers"]):
            p = f"layers.{layer}."
            h = F.layer_norm(x, (d,), P[p + "attention_norm_gain"], P[p + "attention_norm_bias"], 1e-5)
            q, k, vv = ((h @ P[p + w]).view(b, n, heads, dk).transpose(1, 2) for w in ("query", "key", "value"))
            s = (q @ k.transpose(-1, -2) / dk ** 0.5).masked_fill(mask, float("-inf"))
            o = (torch.softmax(s, dim=-1) @ vv).transpose(1, 2).reshape(b, n, d)
            x = x + o @ P[p + "attention_output"]
            h = F.layer_norm(x, (d,), P[p + "feed_forward_norm_gain"], P[p + "feed_forward_norm_bias"], 1e-5)
            r = torch.relu(h @ P[p + "hidden_weights"] + P[p + "hidden_bias"])
            x = x + r @ P[p + "feed_forward_output_weights"] + P[p + "feed_forward_output_bias"]
        h = F.layer_norm(x, (d,), P["final_norm_gain"], P["final_norm_bias"], 1e-5)
        logits = h @ P["unembedding"] + P["unembedding_bias"]
        return F.cross_entropy(logits.reshape(-1, v), targets.reshape(-1))

    losses = []
    start = time.perf_counter()
    for step, batch in enumerate(batches, start=1):
        for group in optimizer.param_groups:
            group["lr"] = 3e-3 * min(1.0, step / 50)
        optimizer.zero_grad(set_to_none=False)
        loss = loss_of(batch)
        loss.backward()
        with torch.no_grad():
            norm = torch.sqrt(sum((g.grad * g.grad).sum() for g in params))
            if norm > 1.0:
                torch._foreach_mul_([g.grad for g in params], 1.0 / float(norm))
        optimizer.step()
        losses.append(loss.item())
    return time.perf_counter() - start, losses


def main():
    peer, path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 1
    record = json.load(open(path))
    run = {"numpy": numpy_run, "torch": torch_run}[peer]
    times, drift = [], 0.0
    for _ in range(runs):
        seconds, losses = run(record)
        times.append(seconds)
        drift = max(drift, float(np.max(np.abs(np.array(losses) - np.array(record["losses"])))))
    label = sys.argv[sys.argv.index("--label") + 1] if "--label" in sys.argv else peer
    print(f"{label}\t{statistics.median(times):.4f}\t{min(times):.4f}\t{drift:.2e}")


if __name__ == "__main__":
    main()
