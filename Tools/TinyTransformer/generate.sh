#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Writes Assets/tiny-transformer.txt: the lesson "Train a tiny transformer" trained from its seed
# to its held-out minimum (TinyTransformer in Sources/Lessons), its best weights as float32.
# For a developer, after the corpus, the model, the training or the seed changed (the tests say
# so: TinyTransformerAssetTests); never run by the build or CI.
#   bash Tools/TinyTransformer/generate.sh           # write the file
#   bash Tools/TinyTransformer/generate.sh --check   # train again, compare with the file byte for byte
# About 3 s of training in a release build; the same code gives the same bytes on every run.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product tiny-transformer-weights
if [[ ${1:-} == --check ]]; then
    .build/release/tiny-transformer-weights --check Assets/tiny-transformer.txt
else
    .build/release/tiny-transformer-weights Assets/tiny-transformer.txt
    # SwiftPM may keep the asset plugin's last output: make it read the new file.
    rm -rf .build/plugins/outputs
fi
