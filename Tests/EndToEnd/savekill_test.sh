#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 9.9: saves are atomic even when the program is killed in the middle of them.
# The program runs in tmux on one state folder; each round sends a burst of keys
# that save (d removes a word, r resets the sandbox to its start words), then
# SIGKILL at a random moment, often during a write. After every round:
#   - state.json is whole JSON that attn-tui reads back without moving it aside;
#   - it holds an old or a new set of words: only start words in play, and the
#     word placed before the first round is still there (never lost);
#   - no half-written temporary file survives the next start.
#
#   bash Tests/EndToEnd/savekill_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}
STATE="$WORK/state"
ROUNDS=${ROUNDS:-15}
RANDOM=9 # a fixed seed: the same delays on every run
START_WORDS='apple orange banana cherry phone laptop keyboard television'

run_app() {
    start 100 30 "$BIN" --lesson sandbox --state-dir "$STATE" && tt_wait_for "Weights of" >/dev/null
}

# state_ok: the saved file is whole, and holds start words plus the placed word.
state_ok() {
    python3 - "$STATE/state.json" "$START_WORDS" <<'PY' || return 1
import json, sys
path, start = sys.argv[1], set(sys.argv[2].split())
try:
    state = json.load(open(path))
except Exception as error:
    sys.exit(f"  {path} is not whole JSON: {error}")
words = state.get("sandboxWords") or []
placed = [w["word"] for w in state.get("customWords", [])]
stray = [w for w in words if w not in start and w != "zorbix"]
if stray:
    sys.exit(f"  words in play that no state ever had: {stray}")
if "zorbix" not in placed:
    sys.exit(f"  the placed word was lost: customWords {placed}")
PY
}

# reads_back: attn-tui reads the file as it is (render is read only and says when a file is bad).
reads_back() {
    local out
    out=$("$BIN" render --size 200x40 --state-dir "$STATE" 2>&1) || return 1
    text_lacks 'could not be read|moved aside|left as it is' "$out" "render --state-dir"
}

echo "-- setup: place a word"
if run_app; then
    tt_keys a && tt_wait_for "add word:" >/dev/null && tt_type zorbix && tt_keys Enter &&
        tt_wait_for "Place 'zorbix'" >/dev/null && tt_keys Right Enter && tt_wait_for "added zorbix" >/dev/null
    tt_keys q
    tt_wait_exit >/dev/null
    check "the placed word is saved" state_ok
else
    fail "the program starts"
fi

echo "-- $ROUNDS rounds of keys that save, then SIGKILL"
bad=0
during=0
for ((round = 1; round <= ROUNDS; round++)); do
    run_app || { fail "round $round: the program starts"; bad=1; break; }
    # One burst: removals and resets, each a save, faster than a write with fsync.
    tt_keys d d r d d d r d d d d r d d
    sleep "0.0$((RANDOM % 10))"
    tt_signal KILL
    tt_wait_exit >/dev/null
    [[ -n $(find "$STATE" -name "state.json.tmp-*") ]] && during=$((during + 1))
    if ! state_ok || ! reads_back; then
        fail "round $round: the state survived the kill whole"
        bad=1
    fi
done
echo "   ($during of $ROUNDS kills landed in the middle of a write: a temporary file was left)"
((bad == 0)) && pass "after each of $ROUNDS kills, state.json is whole, read back, and holds an old or a new set of words"

echo "-- abandoned temporary files"
run_app && tt_keys d && sleep 0.5 && tt_keys q && tt_wait_exit >/dev/null
check "no half-written temporary file is left once the program saves again" \
    bash -c '[ -z "$(find "$0" -name "state.json.tmp-*")" ]' "$STATE"

e2e_finish
