#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the word pack's inputs by package name and rebuilds Assets/wordpack/ and
# Assets/licenses/. For a developer (root or sudo for apt-get); never run by the build or CI.
#   bash Tools/wordpack/regenerate.sh [VENV_DIR]
# The same inputs give the same bytes: `git diff --stat Assets/` after a run shows what changed.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${1:-${TMPDIR:-/tmp}/attn-wordpack-venv}
sudo=""
[[ $(id -u) == 0 ]] || sudo=sudo
if [[ ! -e /usr/share/wordnet/cntlist.rev || ! -d /usr/share/dict/scowl ]]; then
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends wordnet-base scowl
fi
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
# Every wheel pinned by its SHA-256 (requirements.txt): a changed upload fails here.
"$venv/bin/pip" install -q --require-hashes --only-binary=:all: -r Tools/wordpack/requirements.txt
"$venv/bin/python" Tools/wordpack/build_wordpack.py
# SwiftPM may keep the asset plugin's last output: make it read the new files.
rm -rf .build/plugins/outputs
