#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""pandas' C parser on a GloVe file, as the benchmark target names it."""
import csv
import sys

import pandas as pd

frame = pd.read_csv(sys.argv[1], sep=" ", header=None, quoting=csv.QUOTE_NONE, engine="c")
print("pandas: %d rows x %d columns" % frame.shape)
