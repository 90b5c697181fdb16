# SPDX-License-Identifier: Apache-2.0

"""The tiny transformer in numpy, forward and backward written out by hand (float64).

The same model as AttnMath's Transformer: word + learnt position embeddings, pre-LayerNorm
blocks (x + attention(LN(x)) · W_O, then x + MLP(LN(x))), causal multi-head attention
without biases, a ReLU MLP, a final LayerNorm and an untied output layer with a bias; the
mean softmax cross-entropy of every next-token prediction; Adam with a linear warm-up and
the gradient clipped to a global norm. Matrices act on row vectors (y = x · W).

Used by make_transformer_reference.py (the reference table for the Swift tests) and by
Benchmarks/transformer.sh (the numpy peer of the training benchmark). Parameters live in
one flat array; `views` gives each named tensor as a view into it, so Adam is one
vectorised update, as a careful numpy programmer would write it.
"""

import numpy as np


def layout(cfg):
    """[(name, shape)] in AttnMath's storage order."""
    v, d, t, h = cfg["vocabulary_size"], cfg["model_width"], cfg["context_length"], cfg["hidden_width"]
    names = [("token_embedding", (v, d)), ("position_embedding", (t, d))]
    for l in range(cfg["layers"]):
        p = f"layers.{l}."
        names += [
            (p + "attention_norm_gain", (d,)), (p + "attention_norm_bias", (d,)),
            (p + "query", (d, d)), (p + "key", (d, d)), (p + "value", (d, d)), (p + "attention_output", (d, d)),
            (p + "feed_forward_norm_gain", (d,)), (p + "feed_forward_norm_bias", (d,)),
            (p + "hidden_weights", (d, h)), (p + "hidden_bias", (h,)),
            (p + "feed_forward_output_weights", (h, d)), (p + "feed_forward_output_bias", (d,)),
        ]
    names += [("final_norm_gain", (d,)), ("final_norm_bias", (d,)), ("unembedding", (d, v)), ("unembedding_bias", (v,))]
    return names


def views(flat, cfg):
    """Each named tensor as a view into the flat array."""
    out, offset = {}, 0
    for name, shape in layout(cfg):
        size = int(np.prod(shape))
        out[name] = flat[offset:offset + size].reshape(shape)
        offset += size
    assert offset == flat.size
    return out


def parameter_count(cfg):
    return sum(int(np.prod(shape)) for _, shape in layout(cfg))


def layer_norm(x, gain, bias, eps):
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    inverse = 1.0 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + eps)
    hat = centred * inverse
    return hat * gain + bias, (hat, inverse)


def layer_norm_backward(dy, gain, cache):
    hat, inverse = cache
    g = dy * gain
    dx = inverse * (g - g.mean(axis=-1, keepdims=True) - hat * (g * hat).mean(axis=-1, keepdims=True))
    return dx, (dy * hat).reshape(-1, dy.shape[-1]).sum(axis=0), dy.reshape(-1, dy.shape[-1]).sum(axis=0)


def forward(P, cfg, inputs, switched_off=()):
    """inputs: (windows, L) tokens. Returns logits (windows, L, V) and the cache for backward."""
    b, n = inputs.shape
    d, heads = cfg["model_width"], cfg["heads"]
    dk = d // heads
    eps = cfg.get("layer_norm_epsilon", 1e-5)
    mask = np.triu(np.ones((n, n), dtype=bool), 1)
    x = P["token_embedding"][inputs] + P["position_embedding"][:n]
    caches = []
    for l in range(cfg["layers"]):
        p = f"layers.{l}."
        h1, n1 = layer_norm(x, P[p + "attention_norm_gain"], P[p + "attention_norm_bias"], eps)
        split = lambda m: m.reshape(b, n, heads, dk).transpose(0, 2, 1, 3)
        q, k, v = split(h1 @ P[p + "query"]), split(h1 @ P[p + "key"]), split(h1 @ P[p + "value"])
        scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dk)
        scores = np.where(mask, -np.inf, scores)
        e = np.exp(scores - scores.max(axis=-1, keepdims=True))
        w = e / e.sum(axis=-1, keepdims=True)
        o = w @ v
        for head in range(heads):
            if (l, head) in switched_off:
                o[:, head] = 0
        heads_out = o.transpose(0, 2, 1, 3).reshape(b, n, d)
        middle = x + heads_out @ P[p + "attention_output"]
        h2, n2 = layer_norm(middle, P[p + "feed_forward_norm_gain"], P[p + "feed_forward_norm_bias"], eps)
        r = np.maximum(0.0, h2 @ P[p + "hidden_weights"] + P[p + "hidden_bias"])
        out = middle + r @ P[p + "feed_forward_output_weights"] + P[p + "feed_forward_output_bias"]
        caches.append((x, h1, n1, q, k, v, w, heads_out, middle, h2, n2, r))
        x = out
    hf, nf = layer_norm(x, P["final_norm_gain"], P["final_norm_bias"], eps)
    logits = hf @ P["unembedding"] + P["unembedding_bias"]
    return logits, (inputs, caches, hf, nf)


def cross_entropy(logits, targets):
    z = logits - logits.max(axis=-1, keepdims=True)
    log_sum = np.log(np.exp(z).sum(axis=-1))
    picked = np.take_along_axis(z, targets[..., None], axis=-1)[..., 0]
    return float((log_sum - picked).mean())


def backward(P, G, cfg, logits, targets, cache):
    """Writes dLoss/dParameters into the views G (of a zeroed flat gradient); the loss is the mean."""
    inputs, caches, hf, nf = cache
    b, n = inputs.shape
    d, heads = cfg["model_width"], cfg["heads"]
    dk = d // heads
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    dz = e / e.sum(axis=-1, keepdims=True)
    np.put_along_axis(dz, targets[..., None], np.take_along_axis(dz, targets[..., None], axis=-1) - 1, axis=-1)
    dz /= b * n
    G["unembedding"] += hf.reshape(-1, d).T @ dz.reshape(b * n, -1)
    G["unembedding_bias"] += dz.reshape(b * n, -1).sum(axis=0)
    dx, dg, db = layer_norm_backward(dz @ P["unembedding"].T, P["final_norm_gain"], nf)
    G["final_norm_gain"] += dg
    G["final_norm_bias"] += db
    for l in reversed(range(cfg["layers"])):
        p = f"layers.{l}."
        x, h1, n1, q, k, v, w, heads_out, middle, h2, n2, r = caches[l]
        # out = middle + MLP(LN2(middle))
        G[p + "feed_forward_output_weights"] += r.reshape(-1, r.shape[-1]).T @ dx.reshape(-1, d)
        G[p + "feed_forward_output_bias"] += dx.reshape(-1, d).sum(axis=0)
        dr = (dx @ P[p + "feed_forward_output_weights"].T) * (r > 0)
        G[p + "hidden_weights"] += h2.reshape(-1, d).T @ dr.reshape(-1, dr.shape[-1])
        G[p + "hidden_bias"] += dr.reshape(-1, dr.shape[-1]).sum(axis=0)
        dmid, dg, db = layer_norm_backward(dr @ P[p + "hidden_weights"].T, P[p + "feed_forward_norm_gain"], n2)
        G[p + "feed_forward_norm_gain"] += dg
        G[p + "feed_forward_norm_bias"] += db
        dx = dx + dmid
        # middle = x + heads_out · W_O
        G[p + "attention_output"] += heads_out.reshape(-1, d).T @ dx.reshape(-1, d)
        do = (dx @ P[p + "attention_output"].T).reshape(b, n, heads, dk).transpose(0, 2, 1, 3)
        dv = w.transpose(0, 1, 3, 2) @ do
        dw = do @ v.transpose(0, 1, 3, 2)
        ds = w * (dw - (w * dw).sum(axis=-1, keepdims=True)) / np.sqrt(dk)
        dq = ds @ k
        dkk = ds.transpose(0, 1, 3, 2) @ q
        merge = lambda m: m.transpose(0, 2, 1, 3).reshape(b * n, d)
        dq, dkk, dv = merge(dq), merge(dkk), merge(dv)
        flat_h1 = h1.reshape(-1, d)
        G[p + "query"] += flat_h1.T @ dq
        G[p + "key"] += flat_h1.T @ dkk
        G[p + "value"] += flat_h1.T @ dv
        dh1 = dq @ P[p + "query"].T + dkk @ P[p + "key"].T + dv @ P[p + "value"].T
        dxa, dg, db = layer_norm_backward(dh1.reshape(b, n, d), P[p + "attention_norm_gain"], n1)
        G[p + "attention_norm_gain"] += dg
        G[p + "attention_norm_bias"] += db
        dx = dx + dxa
    np.add.at(G["token_embedding"], inputs.reshape(-1), dx.reshape(-1, d))
    G["position_embedding"][:n] += dx.sum(axis=0)


class Adam:
    def __init__(self, count, lr=3e-3, warmup=50, clip=1.0, beta1=0.9, beta2=0.999, eps=1e-8):
        self.m = np.zeros(count)
        self.v = np.zeros(count)
        self.t = 0
        self.lr, self.warmup, self.clip, self.beta1, self.beta2, self.eps = lr, warmup, clip, beta1, beta2, eps

    def update(self, theta, g):
        self.t += 1
        norm = np.sqrt(g @ g)
        if norm > self.clip:
            g = g * (self.clip / norm)
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.v = self.beta2 * self.v + (1 - self.beta2) * g * g
        lr = self.lr * max(self.t, 1) / self.warmup if self.warmup > 0 and self.t < self.warmup else self.lr
        m_hat = self.m / (1 - self.beta1 ** self.t)
        v_hat = self.v / (1 - self.beta2 ** self.t)
        theta -= lr * m_hat / (np.sqrt(v_hat) + self.eps)


def train_step(theta, grad, cfg, adam, windows):
    """One step on windows (count, L + 1): returns the loss before the update."""
    P, G = views(theta, cfg), views(grad, cfg)
    grad[:] = 0
    logits, cache = forward(P, cfg, windows[:, :-1])
    targets = windows[:, 1:]
    loss = cross_entropy(logits, targets)
    backward(P, G, cfg, logits, targets, cache)
    adam.update(theta, grad)
    return loss
