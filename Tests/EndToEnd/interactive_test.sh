#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The interactive program in a real terminal (tmux, 120×40) — issue 3, "Must show":
#   - the sandbox draws the map (braille, labels), both heatmaps (cosine | scaled dot)
#     and the weight bars;
#   - a, "kiwi", Enter: kiwi is on the map, has a heatmap row and column, and the
#     weights panel shows its softmax context weights;
#   - an unknown word enters placement, → changes a feature (live preview on the
#     map), Enter adds it;
#   - resizes to 80×24 (full layout, the same screen as `render --size 80x24`),
#     20×6 (the too-small message), 1×1 and back to 120×40: still running, and the
#     full screen is drawn again exactly as before;
#   - q exits 0 and `stty -a` shows the terminal restored;
#   - a restart with the same --state-dir brings kiwi and the placed word back,
#     with the placed word's values; a mouse click on a label selects that word.
#
#   bash Tests/EndToEnd/interactive_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}

STATE="$WORK/state"
START_WORDS=(apple orange banana cherry phone laptop keyboard television)
NEW=zorbix # a word no lexicon has: it must be placed by hand

# Preconditions on the lexicon, so that a failure below means the app, not the data.
check "the lexicon knows kiwi" bash -c '"$0" similarity kiwi apple >/dev/null' "$BIN"
check "the lexicon does not know '$NEW'" bash -c '! "$0" similarity "$1" apple >/dev/null 2>&1' "$BIN" "$NEW"

# weights_title SCREEN: "Weights of WORD" → WORD.
weights_title() { grep -oE 'Weights of [^ ]+' <<<"$1" | head -1 | cut -d' ' -f3; }

# select_word WORD: presses ↓ until WORD is the selected word (its weights are shown).
select_word() {
    local screen current i t
    for ((i = 0; i < 16; i++)); do
        screen=$(tt_capture)
        current=$(weights_title "$screen")
        [[ $current == "$1" ]] && return 0
        tt_keys Down
        for ((t = 0; t < 40; t++)); do
            [[ $(weights_title "$(tt_capture)") != "$current" ]] && break
            sleep 0.05
        done
    done
    echo "  could not select $1 with ↓" >&2
    return 1
}

# place_value SCREEN: the first feature value in the placement panel.
place_value() { panel "Place" <<<"$1" | head -1 | grep -oE -- '-?[0-9]+\.[0-9]+' | head -1; }

# ---------------------------------------------------------------------------
echo "-- first screen, 120×40"
start 120 40 "$BIN" --lesson sandbox --state-dir "$STATE"
if ! tt_wait_for "Weights of"; then
    fail "the first screen appears"
    e2e_finish
fi
tt_wait_stable
s=$(tt_capture)
check "the pane is 120×40" [ "$(tt_pane_size)" == 120x40 ]
check "the map panel is drawn" has_panel 'Map' "$s"
check "the map draws sub-cell points (braille)" has_braille "$(panel 'Map' <<<"$s")"
for w in "${START_WORDS[@]}"; do
    # A label may be hidden to avoid overlap; the map then says how many.
    check "the map shows $w (or counts hidden labels)" panel_has 'Map' "(^|[^a-z])$w([^a-z]|$)|[0-9]+ labels? hidden" "$s"
done
check "the similarity panel shows cosine and (scaled) dot side by side" \
    panel_has 'Similarity' '^cosine +(scaled dot|dot)' "$s"
for w in "${START_WORDS[@]}"; do
    check "both heatmaps have a row for $w with numbers" panel_has 'Similarity' "$(heatmap_row "$w")" "$s"
done
check "the heatmaps have a legend (a colour scale with its range)" panel_has 'Similarity' '^-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+ +-?[0-9]+\.[0-9]+$' "$s"
for w in "${START_WORDS[@]}"; do
    check "the weights panel has a bar with a number for $w" panel_has 'Weights of' "$(weight_row "$w")" "$s"
done
check "the weights add up to 1" weights_sum_to_one "$s"
check "the temperature is shown" text_has 'T=[0-9]' "$s"
check "the step's text panel is drawn" has_panel 'Step 1 of 3' "$s"
check "the status bar lists the keys (add, quit, help)" text_has 'a add.*q quit.*\? help' "$(tail -1 <<<"$s")" "the status bar"

# ---------------------------------------------------------------------------
echo "-- a, kiwi, Enter"
tt_keys a
check "a opens the add-word prompt" tt_wait_for "add word:"
tt_type kiwi
check "the prompt shows what was typed" tt_wait_for "add word: kiwi"
tt_keys Enter
check "a known word is added at once" tt_wait_for "added kiwi"
tt_wait_stable
s=$(tt_capture)
check "kiwi is on the map" panel_has 'Map' '(^|[^a-z])kiwi([^a-z]|$)' "$s"
check "kiwi has a row in both heatmaps" panel_has 'Similarity' "$(heatmap_row kiwi)" "$s"
check "kiwi has a column in both heatmaps" panel_has 'Similarity' "$(heatmap_column kiw)" "$s"
check "the weights panel shows kiwi's context weights" text_has 'Weights of kiwi ' "$s"
check "kiwi has a weight bar with a number" panel_has 'Weights of' "$(weight_row kiwi)" "$s"
check "the weights add up to 1" weights_sum_to_one "$s"
check "the header counts 9 words" text_has '(^|[^0-9])9 words' "$(head -1 <<<"$s")" "the header"
check "kiwi is saved at once" grep -q '"kiwi"' "$STATE/state.json"

# ---------------------------------------------------------------------------
echo "-- an unknown word: placement"
tt_keys a
tt_wait_for "add word:" >/dev/null
tt_type "$NEW"
tt_wait_for "add word: $NEW" >/dev/null
tt_keys Enter
check "an unknown word opens placement" tt_wait_for "Place '$NEW'"
tt_wait_stable
s=$(tt_capture)
check "the placement panel lists feature values" panel_has "Place" '^[a-z_]+ +-?[0-9]+\.[0-9]+' "$s"
check "the word being placed is previewed on the map" panel_has 'Map' "$NEW" "$s"
before=$(place_value "$s")
tt_keys Right
after=$before
for ((t = 0; t < 60; t++)); do
    after=$(place_value "$(tt_capture)")
    [[ $after != "$before" ]] && break
    sleep 0.05
done
check "→ raises the selected feature ($before → $after)" awk -v a="$before" -v b="$after" 'BEGIN { exit !(b > a) }'
tt_keys Enter
check "Enter adds the placed word" tt_wait_for "added $NEW"
tt_wait_stable
s=$(tt_capture)
check "$NEW is on the map" panel_has 'Map' "(^|[^a-z])$NEW([^a-z]|$)" "$s"
check "$NEW has a row in both heatmaps" panel_has 'Similarity' "$(heatmap_row "$NEW")" "$s"
check "$NEW has a column in both heatmaps" panel_has 'Similarity' "$(heatmap_column "${NEW:0:3}")" "$s"
check "the weights panel shows $NEW's context weights" text_has "Weights of $NEW " "$s"
check "the weights panel has bars with numbers (its own among them)" panel_has 'Weights of' "$(weight_row "$NEW")" "$s"
check "the header counts 10 words" text_has '(^|[^0-9])10 words' "$(head -1 <<<"$s")" "the header"
check "kiwi is still there" panel_has 'Similarity' "$(heatmap_row kiwi)" "$s"
new_row=$(panel 'Similarity' <<<"$s" | grep -E "$(heatmap_row "$NEW")")

# ---------------------------------------------------------------------------
echo "-- resizes"
full=$(tt_capture)
keys="akiwi<Enter>a$NEW<Enter><Right><Enter>"
pid=$(tt_pid)

tt_resize 80 24 && tt_wait_stable
s=$(tt_capture)
check "80×24: still running" tt_is_running
check "80×24: the full layout (map, similarity, weights)" \
    bash -c 'grep -q "Map" <<<"$0" && grep -q "Similarity" <<<"$0" && grep -q "Weights of" <<<"$0"' "$s"
check "80×24: no too-small message" text_lacks 'too small' "$s"
# The same keys replayed headlessly at 80×24 give the same state, so the redrawn
# screen must be the one `render` draws.
check "80×24: the screen is what render --size 80x24 draws after the same keys" \
    screen_becomes "$("$BIN" render --lesson sandbox --size 80x24 --keys "$keys")" "tmux (<) and render (>)"

tt_resize 20 6 && tt_wait_stable
s=$(tt_capture)
check "20×6: still running" tt_is_running
check "20×6: 'terminal too small'" text_has 'terminal too small' "$s"
check "20×6: says the size it needs" text_has 'need [0-9]+×[0-9]+' "$s"

tt_resize 1 1 && tt_wait_stable
check "1×1: still running" bash -c 'kill -0 "$0" 2>/dev/null' "$pid"

tt_resize 120 40 && tt_wait_stable
s=$(tt_capture)
check "120×40 again: still running (the same process)" bash -c 'kill -0 "$0" 2>/dev/null' "$pid"
check "120×40 again: the full screen is drawn again, as before the resizes" \
    screen_becomes "$full" "after (<) and before (>) the resizes"

# ---------------------------------------------------------------------------
echo "-- q"
tt_keys q
status=$(tt_wait_exit)
check "q exits with status 0 (got ${status:-none})" [ "${status:-}" == 0 ]
check "the terminal is restored (stty modes, main screen, cursor, mouse)" tt_assert_terminal_restored
after=$(tt_stty_after)
check "stty -a after exit shows canonical input and echo" \
    bash -c 'grep -qE "(^|[[:space:]])icanon([[:space:]]|$)" <<<"$0" && grep -qE "(^|[[:space:]])echo([[:space:]]|$)" <<<"$0"' "$after"
check "stty -a after exit equals stty -a before" same_text "$(tt_stty_before)" "$after" "stty -a before (<) and after (>)"
check "nothing was written to HOME or XDG_DATA_HOME (--state-dir was given)" \
    bash -c '[ -z "$(find "$0" "$1" -type f)" ]' "$HOME" "$XDG_DATA_HOME"
check "no temporary files left in the state directory" bash -c '[ -z "$(find "$0" -name "*.tmp*")" ]' "$STATE"

# ---------------------------------------------------------------------------
echo "-- restart with the same state directory"
start 120 40 "$BIN" --lesson sandbox --state-dir "$STATE"
if tt_wait_for "Weights of"; then
    tt_wait_stable
    s=$(tt_capture)
    check "the header counts 10 words again" text_has '(^|[^0-9])10 words' "$(head -1 <<<"$s")" "the header"
    check "kiwi has its heatmap row after the restart" panel_has 'Similarity' "$(heatmap_row kiwi)" "$s"
    check "$NEW has its heatmap row after the restart" panel_has 'Similarity' "$(heatmap_row "$NEW")" "$s"
    check "$NEW keeps the values it was placed with (same heatmap row)" \
        same_text "$new_row" "$(panel 'Similarity' <<<"$s" | grep -E "$(heatmap_row "$NEW")")" "the row before (<) and after (>)"
    if select_word kiwi; then
        check "kiwi is on the map after the restart" panel_has 'Map' '(^|[^a-z])kiwi([^a-z]|$)' "$(tt_capture)"
    else
        fail "kiwi can be selected after the restart"
    fi
    if select_word "$NEW"; then
        check "$NEW is on the map after the restart" panel_has 'Map' "(^|[^a-z])$NEW([^a-z]|$)" "$(tt_capture)"
    else
        fail "$NEW can be selected after the restart"
    fi
    # SPEC.md: a mouse click selects a word (tmux reports clicks). Click phone's label.
    pos=$(tt_capture | perl -CSD -Mutf8 -ne 'my $m = (split /┃/, $_)[1] // ""; if ($m =~ /(?<![a-z])phone(?![a-z])/) { print index($_, "phone"), " ", $. - 1, "\n"; exit }')
    if [[ -n $pos ]]; then
        read -r col row <<<"$pos"
        tt_click "$col" "$row"
        check "a mouse click on phone's label selects phone" tt_wait_for "Weights of phone "
    else
        echo "SKIP: phone's label is not on the map (hidden), no click test"
    fi
    tt_keys q
    check "q exits with status 0 again" [ "$(tt_wait_exit)" == 0 ]
    check "the terminal is restored again" tt_assert_terminal_restored
else
    fail "the program starts again with the saved state"
fi

e2e_finish
