#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The word pack (issue 11, "Must show"):
#   - on a fresh install with no file (the binary copied alone, an empty home),
#     `neighbors mango` and `similarity truck car --json` work, `--licenses` prints
#     the notices;
#   - in tmux, a, "garlic", Enter adds garlic at once (no placement), marked as
#     estimated ("garlic~"), with its heatmap row and its weights, and its nearest
#     words are food words;
#   - a made-up word is still placed by hand;
#   - v shows the real GloVe vectors (the title says so) and v goes back.
#
#   bash Tests/EndToEnd/wordpack_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016 # bash -c '…' "$var" on purpose
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}

# ---------------------------------------------------------------------------
echo "-- a fresh install: the binary alone, no file"
mkdir -p "$WORK/alone"
cp "$BIN" "$WORK/alone/attn-tui"
ALONE="$WORK/alone/attn-tui"
cd "$WORK/alone" || exit 1
out=$("$ALONE" neighbors mango 2>&1)
check "neighbors mango answers" text_has '^ +1\. [a-z]+ +0\.[0-9]+$' "$out"
check "mango's nearest words are fruits" text_has '^ +[123]\. (banana|peach|papaya|nectarine|persimmon|apricot|plum|pear) ' "$out"
json=$("$ALONE" similarity truck car --json 2>&1)
check "similarity truck car --json has the SPEC's keys" \
    python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert {"a", "b", "dim", "cosine", "dot", "scaled_dot"} <= set(d), d; assert d["cosine"] > 0.8, d' "$json"
check "--licenses prints the WordNet notice" text_has 'WordNet 3\.0 Copyright 2006 by Princeton University' "$("$ALONE" --licenses)"
check "--licenses credits GloVe" text_has 'Pennington' "$("$ALONE" --licenses)"
# What the lexicon says garlic's nearest words are: the screen must show the same.
nearest=$("$ALONE" neighbors garlic -k 3 --json | python3 -c 'import json, sys; print(" ".join(n["word"] for n in json.load(sys.stdin)["neighbors"]))')
read -r -a NEAREST <<<"$nearest"
food=$("$ALONE" words --json | python3 -c '
import json, sys
words = {w["word"]: w for w in json.load(sys.stdin)}
print(" ".join(n for n in sys.argv[1:] if words[n]["category"] == "food" and not words[n]["estimated"]))' "${NEAREST[@]}")
check "garlic's 3 nearest lexicon words are hand-made food words (${NEAREST[*]})" [ "$food" == "${NEAREST[*]}" ]
cd - >/dev/null || exit 1

# ---------------------------------------------------------------------------
echo "-- a, garlic, Enter"
start 120 40 "$BIN" --lesson sandbox --state-dir "$WORK/state"
if ! tt_wait_for "Weights of"; then
    fail "the first screen appears"
    e2e_finish
fi
tt_keys a
tt_wait_for "add word:" >/dev/null
tt_type garlic
tt_wait_for "add word: garlic" >/dev/null
tt_keys Enter
check "a word-pack word is added at once, marked as estimated" tt_wait_for "added garlic~ (food, features estimated from GloVe)"
tt_wait_stable
s=$(tt_capture)
check "no placement was asked for" text_lacks "Place 'garlic'" "$s"
check "garlic~ is on the map" panel_has 'Map' '(^|[^a-z])garlic~' "$s"
check "the map's legend says what ~ means" panel_has 'Map' '~ estimated' "$s"
check "garlic~ has a row in both heatmaps" panel_has 'Similarity' "$(heatmap_row 'garlic~')" "$s"
check "the weights panel shows garlic's context weights" text_has 'Weights of garlic ' "$s"
check "garlic~ has a weight bar with a number" panel_has 'Weights of' "$(weight_row 'garlic~')" "$s"
check "the weights add up to 1" weights_sum_to_one "$s"
for w in "${NEAREST[@]}"; do
    check "the nearest words panel lists the food word $w" panel_has 'Nearest to garlic' "^ *[0-9]+\. $w " "$s"
done
check "garlic is saved at once" grep -q '"garlic"' "$WORK/state/state.json"

# ---------------------------------------------------------------------------
echo "-- a made-up word is still placed by hand"
tt_keys a
tt_wait_for "add word:" >/dev/null
tt_type zorbix
tt_wait_for "add word: zorbix" >/dev/null
tt_keys Enter
check "an unknown word opens placement" tt_wait_for "Place 'zorbix'"
tt_keys Escape
tt_wait_for "cancelled" >/dev/null

# ---------------------------------------------------------------------------
echo "-- v: the real GloVe vectors"
tt_keys v
check "v switches to the real vectors, the title says so" tt_wait_for "real GloVe vectors"
tt_wait_stable
s=$(tt_capture)
check "the map is a projection of the 50-d vectors" text_has 'Map · PCA of GloVe 50D' "$s"
check "the neighbours are searched in GloVe space" text_has 'cosine in GloVe 50D' "$s"
check "garlic still has its weights" panel_has 'Weights of' "$(weight_row garlic)" "$s"
check "the weights add up to 1" weights_sum_to_one "$s"
tt_keys v
check "v goes back to the named features" tt_wait_for "named features: 13 dimensions"
check "the title no longer says real vectors" text_lacks 'real GloVe vectors' "$(head -1 <<<"$(tt_capture)")"

tt_keys q
check "q exits with status 0" [ "$(tt_wait_exit)" == 0 ]
check "the terminal is restored" tt_assert_terminal_restored

e2e_finish
