#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two programs on one state folder (issue 18, item 1): neither loses a word.
#   - B runs all along in the sandbox; in each of 20 rounds A starts on the same folder, adds a
#     word and quits, then B adds a word of its own (a save from a list that never saw A's);
#   - at the end the file holds every word both added.
#
#   bash Tests/EndToEnd/shared_test.sh "$(swift build --show-bin-path)/attn-tui"
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-10}
ROUNDS=${ROUNDS:-20}
STATE="$WORK/state"

# Forty lexicon words outside the sandbox's eight start words: A's and B's, a pair a round.
mapfile -t WORDS < <("$BIN" words --json | python3 -c '
import json, sys
start = {"apple", "orange", "banana", "cherry", "phone", "laptop", "keyboard", "television"}
words = [w["word"] for w in json.load(sys.stdin) if w["source"] != "pack" and w["word"] not in start and w["word"].isalpha()]
print("\n".join(words[:80]))')
check "forty words to add ($((${#WORDS[@]})))" [ "${#WORDS[@]}" -ge $((2 * ROUNDS)) ]

saved_words() {
    python3 -c '
import json, sys
try:
    state = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    sys.exit(0)
print(" ".join(state.get("lessons", {}).get("sandbox", {}).get("lists", {}).get("words:lexicon", [])))' "$STATE/state.json"
}

# in_file WORD: the state file lists WORD among the sandbox's words.
in_file() { [[ " $(saved_words) " == *" $1 "* ]]; }

wait_until() {
    local deadline=$((SECONDS + TT_TIMEOUT))
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.05
    done
}

# A: a second program in its own tmux session on the same (private) server.
a_capture() { tt_tmux capture-pane -p -t "a$1" 2>/dev/null; }
a_shows() { a_capture "$1" | grep -qF -- "$2"; }

start 120 40 "$BIN" --lesson sandbox --state-dir "$STATE"
check "B opens the sandbox" tt_wait_for "Weights of"
lost=()
for ((round = 0; round < ROUNDS; round++)); do
    a=${WORDS[2 * round]}
    b=${WORDS[2 * round + 1]}
    tt_tmux new-session -d -s "a$round" -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=tmux-256color \
        "$BIN --lesson sandbox --state-dir '$STATE'; sleep 5"
    wait_until a_shows "$round" "Weights of" || { fail "round $round: A opens"; break; }
    tt_tmux send-keys -t "a$round" a "$a" Enter
    wait_until in_file "$a" || lost+=("$a (A's, never saved)")
    tt_tmux send-keys -t "a$round" q
    # B: its list has never seen A's word; its save must keep it.
    tt_keys a
    tt_type "$b"
    tt_keys Enter
    wait_until in_file "$b" || lost+=("$b (B's, never saved)")
    wait_until in_file "$a" || lost+=("$a (A's, lost when B saved)")
done
tt_keys q
tt_wait_exit >/dev/null
check "B exits 0" tt_assert_exit_status 0
for ((i = 0; i < 2 * ROUNDS; i++)); do in_file "${WORDS[i]}" || lost+=("${WORDS[i]} (at the end)"); done
check "$ROUNDS rounds: no word of either program is lost${lost:+ (lost: ${lost[*]})}" [ "${#lost[@]}" -eq 0 ]
e2e_finish
