#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX licence identifiers in the project's own source files (attn-tui is Apache-2.0).
#
#   bash Tools/spdx.sh check    # lists the files without one; exit 1 if any
#   bash Tools/spdx.sh add      # puts one in each of them (idempotent)
#
# Files: those git tracks with the extensions .swift .c .h .sh .py (Assets/ is data, with
# notices of its own in Assets/licenses/). The identifier goes first, as a comment, but
# after what must stay first: Package.swift's "// swift-tools-version" line, a "#!" line.
set -euo pipefail
cd "$(dirname "$0")/.."
ID="SPDX-License-Identifier: Apache-2.0"

files() {
    git ls-files -- '*.swift' '*.c' '*.h' '*.sh' '*.py' | grep -v '^Assets/'
}

# has FILE: the identifier is in the first five lines.
has() { head -5 "$1" | grep -qF "$ID"; }

add() {
    local file=$1 comment first
    case $file in
        *.sh | *.py) comment="# $ID" ;;
        *) comment="// $ID" ;;
    esac
    first=$(head -1 "$file")
    if [[ $first == '#!'* || $first == '// swift-tools-version'* ]]; then
        # After the line that must stay first.
        { printf '%s\n%s\n' "$first" "$comment"; tail -n +2 "$file"; } >"$file.spdx"
    else
        { printf '%s\n' "$comment"; [[ -n $first ]] && echo; cat "$file"; } >"$file.spdx"
    fi
    chmod --reference="$file" "$file.spdx"
    mv "$file.spdx" "$file"
}

case ${1:-} in
    check)
        missing=0
        while IFS= read -r file; do
            has "$file" || { echo "no SPDX identifier: $file"; missing=$((missing + 1)); }
        done < <(files)
        total=$(files | wc -l)
        if ((missing)); then
            echo "$missing of $total files lack \"$ID\" (bash Tools/spdx.sh add puts it in)"
            exit 1
        fi
        echo "all $total files carry \"$ID\""
        ;;
    add)
        added=0
        while IFS= read -r file; do
            has "$file" || { add "$file"; added=$((added + 1)); }
        done < <(files)
        echo "added \"$ID\" to $added files"
        ;;
    *)
        echo "usage: bash Tools/spdx.sh check|add" >&2
        exit 2
        ;;
esac
