#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""gensim's reader on a GloVe file (no header)."""
import sys

from gensim.models import KeyedVectors

vectors = KeyedVectors.load_word2vec_format(sys.argv[1], binary=False, no_header=True)
print("gensim: %d words x %d" % (len(vectors.index_to_key), vectors.vector_size))
