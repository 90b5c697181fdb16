#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Check the built-in word lexicon (Assets/lexicon.tsv) of attn-tui.

Usage: python3 check_lexicon.py [PATH_TO_LEXICON_TSV]

Without an argument it reads Assets/lexicon.tsv of the repository that holds
this script. It verifies the file format and that the space behaves the way
the lessons need (fruit and electronics clusters, two-sense words in between,
small function words), prints the summary numbers and exits non-zero when a
rule fails. Needs python3 and numpy only.
"""

import math
import os
import re
import sys

import numpy as np

MIN_WORDS = 170
MIN_FEATURES = 8
MAX_FEATURE_NAME = 8

FRUIT_FEATURE = "fruit"
TECH_FEATURE = "tech"
SWEET_FEATURE = "sweet"

REQUIRED = {
    "fruit": [
        "banana", "strawberry", "cherry", "grape", "lemon", "pear", "kiwi", "mango",
        "peach", "plum", "lime", "melon", "watermelon", "pineapple", "apricot", "fig",
        "papaya", "coconut", "blueberry", "grapefruit", "pomegranate",
    ],
    "electronics": [
        "phone", "laptop", "computer", "keyboard", "television", "camera", "charger",
        "headphones", "monitor", "printer", "router", "speaker", "smartwatch", "console",
        "microphone", "smartphone", "battery", "cable",
    ],
    "ambiguous": ["apple", "blackberry", "orange", "mouse", "tablet", "chip", "raspberry"],
    "function": ["a", "an", "and", "the", "of", "is", "to", "in"],
}
MIN_PER_CATEGORY = {"fruit": 30, "electronics": 30}

# The two senses of each required ambiguous word, as categories.
SENSES = {
    "apple": ("fruit", "electronics"),
    "blackberry": ("fruit", "electronics"),
    "raspberry": ("fruit", "electronics"),
    "orange": ("fruit", "colour"),
    "mouse": ("animal", "electronics"),
    "tablet": ("food", "electronics"),
    "chip": ("food", "electronics"),
}

# Which feature must be high for the words of a category (interpretability).
CATEGORY_FEATURE = {
    "fruit": "fruit",
    "electronics": "tech",
    "animal": "animal",
    "vehicle": "vehicle",
    "colour": "colour",
    "food": "food",
    "furniture": "home",
}

# Categories that legitimately share a feature: fruits are food too.
RELATED = {("food", "fruit")}

NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$")
WORD = re.compile(r"^[a-z][a-z'-]*$|^[a-z]$")
CATEGORY = re.compile(r"^[a-z]+$")


class Lexicon:
    def __init__(self, features, words, categories, vectors):
        self.features = features
        self.words = words
        self.categories = categories
        self.vectors = vectors
        self.index = {w: i for i, w in enumerate(words)}

    def in_category(self, cat):
        return [i for i, c in enumerate(self.categories) if c == cat]


def parse(path, errors):
    """Read the file; format problems go to `errors` as 'line N: problem'."""
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        errors.append(f"cannot read {path}: {e}")
        return None
    if b"\r" in raw:
        errors.append("file contains CR characters (must use LF line endings)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"not valid UTF-8: {e}")
        return None
    if text and not text.endswith("\n"):
        errors.append("last line does not end with LF")

    features = None
    words, cats, vecs = [], [], []
    seen = {}
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if line.strip() == "" or line.startswith("#"):
            continue
        cols = line.split("\t")
        if features is None:
            if len(cols) < 2 or cols[0] != "word" or cols[1] != "category":
                errors.append(f"line {n}: header must start with 'word<TAB>category'")
                return None
            features = cols[2:]
            if len(features) < MIN_FEATURES:
                errors.append(f"line {n}: {len(features)} features, need at least {MIN_FEATURES}")
            for f in features:
                if not re.fullmatch(r"[a-z]+", f) or len(f) > MAX_FEATURE_NAME:
                    errors.append(f"line {n}: feature name {f!r} must be a lower-case word of at most {MAX_FEATURE_NAME} letters")
            if len(set(features)) != len(features):
                errors.append(f"line {n}: duplicate feature names")
            continue
        if len(cols) != 2 + len(features):
            errors.append(f"line {n}: {len(cols)} columns, expected {2 + len(features)}")
            continue
        word, cat = cols[0], cols[1]
        if not WORD.match(word):
            errors.append(f"line {n}: word {word!r} is not a lower-case word")
        if not CATEGORY.match(cat):
            errors.append(f"line {n}: category {cat!r} is not a lower-case word")
        if word in seen:
            errors.append(f"line {n}: word {word!r} already on line {seen[word]}")
            continue
        seen[word] = n
        vals = []
        for f, s in zip(features, cols[2:]):
            if not NUMBER.match(s):
                errors.append(f"line {n}: {word} {f}: {s!r} is not a number with at most 2 decimals")
                vals.append(0.0)
                continue
            v = float(s)
            if not -1.0 <= v <= 1.0:
                errors.append(f"line {n}: {word} {f}: {s} is outside [-1, 1]")
            vals.append(v)
        words.append(word)
        cats.append(cat)
        vecs.append(vals)
    if features is None:
        errors.append("no header line")
        return None
    return Lexicon(features, words, cats, np.array(vecs, dtype=float))


def unit(m):
    norms = np.linalg.norm(m, axis=-1, keepdims=True)
    return m / np.where(norms == 0, 1, norms)


def mean_within(cos, idx):
    sub = cos[np.ix_(idx, idx)]
    n = len(idx)
    return (sub.sum() - np.trace(sub)) / (n * (n - 1))


def mean_across(m, a, b):
    return m[np.ix_(a, b)].mean()


def neighbours(lex, cos_all, vec=None, word=None, k=5):
    if word is not None:
        sims = cos_all[lex.index[word]].copy()
        sims[lex.index[word]] = -np.inf
    else:
        sims = unit(lex.vectors) @ unit(vec[None, :])[0]
    order = np.argsort(-sims, kind="stable")[:k]
    return [(lex.words[i], lex.categories[i], float(sims[i])) for i in order]


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.abspath(os.path.join(here, "..", "..", ".."))
    path = argv[1] if len(argv) > 1 else os.path.join(repo, "Assets", "lexicon.tsv")

    errors = []
    fails = []

    def rule(ok, msg):
        print(("  ok    " if ok else "  FAIL  ") + msg)
        if not ok:
            fails.append(msg)

    lex = parse(path, errors)
    print(f"lexicon: {path}")
    if lex is None or errors:
        for e in errors:
            print("  FORMAT " + e)
        print(f"{len(errors)} format error(s)")
        return 1

    print("header: " + "\t".join(["word", "category"] + lex.features))
    ncat = {}
    for c in lex.categories:
        ncat[c] = ncat.get(c, 0) + 1
    print(f"{len(lex.words)} words, {len(lex.features)} features; categories: "
          + ", ".join(f"{c} {n}" for c, n in sorted(ncat.items(), key=lambda t: -t[1])))

    print("format:")
    rule(len(lex.words) >= MIN_WORDS, f"at least {MIN_WORDS} words ({len(lex.words)})")
    for cat, ws in REQUIRED.items():
        missing = [w for w in ws if lex.index.get(w) is None]
        wrong = [w for w in ws if w in lex.index and lex.categories[lex.index[w]] != cat]
        rule(not missing and not wrong,
             f"required {cat} words present" + (f"; missing {missing}" if missing else "")
             + (f"; wrong category {wrong}" if wrong else ""))
    for cat, n in MIN_PER_CATEGORY.items():
        rule(ncat.get(cat, 0) >= n, f"at least {n} words in {cat} ({ncat.get(cat, 0)})")
    for f in set(CATEGORY_FEATURE.values()) | {FRUIT_FEATURE, TECH_FEATURE, SWEET_FEATURE}:
        rule(f in lex.features, f"feature {f!r} present")
    if fails:
        return 1
    fi = {f: j for j, f in enumerate(lex.features)}
    V = lex.vectors
    _, uniq = np.unique(V, axis=0, return_counts=True)
    rule(uniq.max() == 1, "no two words share the same vector")

    U = unit(V)
    cos = U @ U.T
    dot = V @ V.T
    fruit = lex.in_category("fruit")
    elec = lex.in_category("electronics")
    # Ambiguous words whose fruit sense counts as a fruit neighbour.
    fruitlike = set(fruit) | {lex.index[w] for w, s in SENSES.items() if s[0] == "fruit"}

    print("1. clusters (cosine):")
    wf, we = mean_within(cos, fruit), mean_within(cos, elec)
    ax = mean_across(cos, fruit, elec)
    print(f"     within fruit {wf:.3f}   within electronics {we:.3f}   across fruit x electronics {ax:.3f}")
    print(f"     within - across: fruit {wf - ax:.3f}   electronics {we - ax:.3f}")
    for cat in sorted(ncat):
        idx = lex.in_category(cat)
        if len(idx) > 1:
            print(f"     within {cat:<12} {mean_within(cos, idx):.3f}")
    rule(wf - ax > 0.5, f"fruit within - across > 0.5 ({wf - ax:.3f})")
    rule(we - ax > 0.5, f"electronics within - across > 0.5 ({we - ax:.3f})")
    rule(0.75 <= wf <= 0.96, f"fruit within mean cosine in [0.75, 0.96] ({wf:.3f})")
    rule(0.75 <= we <= 0.96, f"electronics within mean cosine in [0.75, 0.96] ({we:.3f})")
    minf = cos[np.ix_(fruit, fruit)].min()
    mine = cos[np.ix_(elec, elec)].min()
    rule(minf > 0.3 and mine > 0.3, f"every within-cluster cosine > 0.3 (fruit min {minf:.3f}, electronics min {mine:.3f})")
    # Meaningful neighbours inside the clusters: b is among the 5 nearest of a,
    # ranked among the words that are not two-sense words (those sit between clusters).
    for a, b in [("lemon", "lime"), ("raspberry", "strawberry"), ("strawberry", "cherry"),
                 ("melon", "watermelon"), ("grapefruit", "lemon"), ("laptop", "computer"),
                 ("headphones", "earbuds"), ("phone", "smartphone")]:
        if a in lex.index and b in lex.index:
            ia, ib = lex.index[a], lex.index[b]
            plain = np.array([c != "ambiguous" and j != ia for j, c in enumerate(lex.categories)])
            rank = 1 + int(((cos[ia] > cos[ia, ib]) & plain).sum())
            rule(rank <= 5, f"{b} among the 5 nearest of {a} (rank {rank}, cosine {cos[ia, ib]:.3f})")

    print("2. nearest neighbours (cosine, top 5, all words):")
    for w in ["banana", "laptop", "apple", "mouse", "kiwi"]:
        nb = neighbours(lex, cos, word=w)
        print(f"     {w:<8} " + ", ".join(f"{x} ({c}, {s:.2f})" for x, c, s in nb))
    nb = neighbours(lex, cos, word="banana")
    nf = sum(1 for x, _, _ in nb if lex.index[x] in fruitlike)
    rule(nf >= 4, f"banana: {nf}/5 neighbours are fruits (need >= 4)")
    nb = neighbours(lex, cos, word="laptop")
    ne = sum(1 for _, c, _ in nb if c == "electronics")
    rule(ne >= 4, f"laptop: {ne}/5 neighbours are electronics (need >= 4)")

    print("3. two-sense words sit between their senses (mean cosine to each sense's words):")
    for w, (s1, s2) in SENSES.items():
        i = lex.index[w]
        i1, i2 = lex.in_category(s1), lex.in_category(s2)
        m1, m2 = cos[i, i1].mean(), cos[i, i2].mean()
        b1, b2 = cos[i, i1].max(), cos[i, i2].max()
        print(f"     {w:<10} {s1} mean {m1:.2f} max {b1:.2f}   {s2} mean {m2:.2f} max {b2:.2f}")
        rule(b1 >= 0.4 and b2 >= 0.4 and m1 >= 0.2 and m2 >= 0.2,
             f"{w}: cosine to some {s1} and to some {s2} both >= 0.4 (means >= 0.2)")
    wa = lex.index["apple"]
    rule(0.35 <= cos[wa, fruit].mean() <= 0.8 and 0.35 <= cos[wa, elec].mean() <= 0.8,
         "apple: mean cosine to fruits and to electronics both in [0.35, 0.8]")
    # Attention pull: apple among fruits moves towards fruits, among devices towards devices.
    d = len(lex.features)
    cf, ce = V[fruit].mean(axis=0), V[elec].mean(axis=0)
    ucf, uce = unit(cf), unit(ce)
    a0 = V[wa]
    for ctx, towards, away, name in [(["apple", "orange", "banana"], ucf, uce, "fruits"),
                                     (["apple", "phone", "laptop"], uce, ucf, "electronics")]:
        X = V[[lex.index[x] for x in ctx]]
        wts = softmax(X @ a0 / math.sqrt(d))
        a1 = wts @ X
        t0, t1 = float(unit(a0) @ towards), float(unit(a1) @ towards)
        o0, o1 = float(unit(a0) @ away), float(unit(a1) @ away)
        print(f"     apple among {', '.join(ctx[1:])}: weights {', '.join(f'{x:.2f}' for x in wts)};"
              f" cos to {name} centre {t0:.2f} -> {t1:.2f}, to the other {o0:.2f} -> {o1:.2f}")
        rule(t1 - t0 > 0.1 and o1 < o0, f"attention pulls apple towards {name}")

    print("4. dot products:")
    ff = dot[np.ix_(fruit, fruit)]
    ffo = (ff.sum() - np.trace(ff)) / (len(fruit) * (len(fruit) - 1))
    fe = dot[np.ix_(fruit, elec)]
    print(f"     fruit.fruit mean {ffo:.3f} min {ff.min():.3f}   fruit.electronics mean {fe.mean():.3f} max {fe.max():.3f}")
    rule(ffo >= 1.0 and ff.min() > 0.3, "fruit . fruit large and positive (mean >= 1, min > 0.3)")
    rule(fe.mean() <= 0.1 and fe.max() <= 0.3, "fruit . electronics small or negative (mean <= 0.1, max <= 0.3)")

    print("5. a new fruit lands among the fruits:")
    new = np.zeros(d)
    new[fi[FRUIT_FEATURE]] = 0.9
    new[fi[SWEET_FEATURE]] = 0.5
    new[fi[TECH_FEATURE]] = -0.1
    nb = neighbours(lex, cos, vec=new)
    print("     (fruit 0.9, sweet 0.5, tech -0.1): " + ", ".join(f"{x} ({c}, {s:.2f})" for x, c, s in nb))
    nf = sum(1 for x, _, _ in nb if lex.index[x] in fruitlike)
    rule(nf == 5, f"new fruit: {nf}/5 nearest neighbours are fruits")
    nearest_cat = {}
    for c in CATEGORY_FEATURE:
        idx = lex.in_category(c)
        if idx:
            nearest_cat[c] = float(unit(V[idx].mean(axis=0)) @ unit(new))
    best = max(nearest_cat, key=nearest_cat.get)
    rule(best == "fruit", f"new fruit: nearest category centre is {best}")

    print("6. function words:")
    fn = lex.in_category("function")
    norms = np.linalg.norm(V[fn], axis=1)
    cents = {c: unit(V[lex.in_category(c)].mean(axis=0)) for c in ncat if c != "function"}
    worst = max(abs(float(unit(V[i]) @ u)) for i in fn for u in cents.values())
    print(f"     norms {norms.min():.3f}..{norms.max():.3f} (content words: "
          f"{np.linalg.norm(V[[i for i in range(len(V)) if i not in fn]], axis=1).min():.3f}.."
          f"{np.linalg.norm(V, axis=1).max():.3f}); largest |cosine| to a category centre {worst:.3f}")
    rule(norms.min() >= 0.08 and norms.max() <= 0.25, "function word norms in [0.08, 0.25]")
    rule(worst <= 0.3, "function words not aligned with any category centre (|cosine| <= 0.3)")
    content = [i for i in range(len(V)) if i not in fn]
    rule(np.linalg.norm(V[content], axis=1).min() >= 0.5, "every content word has norm >= 0.5")

    print("7. interpretable features:")
    bad = []
    for cat, f in CATEGORY_FEATURE.items():
        idx = lex.in_category(cat)
        for i in idx:
            if V[i, fi[f]] < 0.5:
                bad.append(f"{lex.words[i]} ({cat} with {f}={V[i, fi[f]]:.2f} < 0.5)")
        # The category's feature is clearly higher in that category than in any other.
        here = V[idx, fi[f]].mean()
        for other in ncat:
            if other in (cat, "ambiguous", "function") or (cat, other) in RELATED:
                continue
            there = V[lex.in_category(other), fi[f]].mean()
            if here - there < 0.4:
                bad.append(f"{f}: mean {here:.2f} in {cat} vs {there:.2f} in {other}")
    for i in fruit:
        if V[i, fi[TECH_FEATURE]] > 0:
            bad.append(f"{lex.words[i]} (fruit with tech > 0)")
    for i in elec:
        if V[i, fi[FRUIT_FEATURE]] > 0:
            bad.append(f"{lex.words[i]} (electronics with fruit > 0)")
    rule(not bad, "each word's category feature is >= 0.5 and at least 0.4 above its mean in other categories"
         + ("" if not bad else "; " + "; ".join(bad[:8]) + (" ..." if len(bad) > 8 else "")))
    for w in SENSES:
        v = V[lex.index[w]]
        s1, s2 = SENSES[w]
        f1, f2 = CATEGORY_FEATURE[s1], CATEGORY_FEATURE[s2]
        rule(v[fi[f1]] >= 0.3 and v[fi[f2]] >= 0.3, f"{w}: both {f1} and {f2} >= 0.3")

    if fails:
        print(f"{len(fails)} rule(s) failed")
        return 1
    print("all rules hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
