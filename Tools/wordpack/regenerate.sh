#!/usr/bin/env bash
# Installs the word pack's inputs by package name and rebuilds Assets/wordpack/ and
# Assets/licenses/. For a developer (root or sudo for apt-get); never run by the build or CI.
#   bash Tools/wordpack/regenerate.sh [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${1:-${TMPDIR:-/tmp}/attn-wordpack-venv}
sudo=""
[[ $(id -u) == 0 ]] || sudo=sudo
if [[ ! -e /usr/share/wordnet/data.noun || ! -d /usr/share/dict/scowl ]]; then
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq wordnet-base scowl
fi
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
"$venv/bin/pip" install -q -r Tools/wordpack/requirements.txt
"$venv/bin/python" Tools/wordpack/build_wordpack.py
# SwiftPM may keep the asset plugin's last output: make it read the new files.
rm -rf .build/plugins/outputs
