#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Signals and Ctrl-C in a real terminal (tmux, 120×40). SPEC.md, "State that must
# not be lost": the terminal is restored on q, Ctrl-C, SIGTERM, SIGHUP; words are
# saved on every change, atomically, off the key path (a background write that
# lands within moments: the helpers wait for it before sending a signal).
#   1. SIGTERM while browsing, after adding kiwi;
#   2. SIGHUP while the add-word prompt is open (cursor shown), after placing a word;
#   3. SIGINT (kill -INT) in the middle of placing a word that is not confirmed;
#   4. the Ctrl-C key while browsing: a clean quit, exit status 0;
#   5. SIGKILL (no chance to clean up) right after adding a word;
#   6. every other signal whose default action ends the process (issue 18.15: SIGUSR1,
#      SIGUSR2 and SIGALRM left the terminal raw, on the alternate screen, with mouse
#      tracking on): SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXFSZ, SIGSYS,
#      SIGRTMIN+3 and SIGRTMAX each restore it, and the program dies by that signal.
# After each: the terminal is restored (not after SIGKILL), and the words added so
# far are in the saved state (read back by starting the program on a copy), while
# the unconfirmed word is not; the saved file is never taken for corrupt.
#
#   bash Tests/EndToEnd/signals_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}
STATE="$WORK/state"

# run_app: starts the program on the shared state directory and waits for its screen.
run_app() {
    start 120 40 "$BIN" --lesson sandbox --state-dir "$STATE" && tt_wait_for "Weights of" && tt_wait_stable
}

# on_disk WORD: waits (3 s at most) until the saved state names WORD.
on_disk() {
    local i
    for ((i = 0; i < 60; i++)); do
        grep -q "\"$1\"" "$STATE/state.json" 2>/dev/null && return 0
        sleep 0.05
    done
    echo "  $1 was not saved within 3 s" >&2
    return 1
}

# add_known WORD / add_placed WORD: adds a word, the second through placement (one →),
# and waits until it is saved.
add_known() {
    tt_keys a && tt_wait_for "add word:" >/dev/null && tt_type "$1" && tt_keys Enter && tt_wait_for "added $1" >/dev/null &&
        on_disk "$1"
}
add_placed() {
    tt_keys a && tt_wait_for "add word:" >/dev/null && tt_type "$1" && tt_keys Enter &&
        tt_wait_for "Place '$1'" >/dev/null && tt_keys Right && tt_keys Enter && tt_wait_for "added $1" >/dev/null && on_disk "$1"
}

# saved_screen: sets s to the sandbox as the program draws it when started again
# on a copy of the saved state (a copy, so that this look changes nothing).
# (Not `render --state-dir`: render_test.sh found that it ignores --state-dir.)
copies=0
saved_screen() {
    copies=$((copies + 1))
    local copy="$WORK/copy-$copies"
    s=""
    cp -a "$STATE" "$copy"
    start 120 40 "$BIN" --lesson sandbox --state-dir "$copy" && tt_wait_for "Weights of" >/dev/null && tt_wait_stable &&
        s=$(tt_capture)
    tt_keys q
    tt_wait_exit >/dev/null
    find "$copy" -name '*corrupt*' | sed 's/^/  moved aside as corrupt: /' >&2
}

# saved_has WORD SCREEN / saved_lacks WORD SCREEN: WORD is (not) one of the words in
# play: the lesson text lists every word of the selected word's context ("0.12·kiwi").
saved_has() { text_has "·$1([^a-z]|$)" "$2" "the screen drawn from the saved state"; }
saved_lacks() { text_lacks "·$1([^a-z]|$)" "$2" "the screen drawn from the saved state"; }

# after_exit SIGNAL_DESCRIPTION: the common checks once the program was stopped.
after_exit() {
    local status
    if status=$(tt_wait_exit); then
        pass "$1: the program exits (status $status)"
    else
        fail "$1: the program exits"
        return 1
    fi
    check "$1: the terminal is restored" tt_assert_terminal_restored
    check "$1: no temporary files left" bash -c '[ -z "$(find "$0" -name "*.tmp*")" ]' "$STATE"
}

# ---------------------------------------------------------------------------
echo "-- 1. SIGTERM while browsing"
if run_app; then
    check "kiwi is added" add_known kiwi
    tt_signal TERM
    after_exit "SIGTERM"
    saved_screen
    check "SIGTERM: kiwi was saved" saved_has kiwi "$s"
else
    fail "the program starts"
fi

# ---------------------------------------------------------------------------
echo "-- 2. SIGHUP with the add-word prompt open"
if run_app; then
    check "kiwi is back after SIGTERM" saved_has kiwi "$(tt_capture)"
    check "zorbix is placed and added" add_placed zorbix
    tt_keys a
    tt_wait_for "add word:" >/dev/null
    tt_type "half"
    tt_signal HUP
    after_exit "SIGHUP"
    saved_screen
    check "SIGHUP: kiwi is still saved" saved_has kiwi "$s"
    check "SIGHUP: zorbix (placed) was saved" saved_has zorbix "$s"
    check "SIGHUP: the half-typed word was not added" saved_lacks half "$s"
else
    fail "the program starts again"
fi

# ---------------------------------------------------------------------------
echo "-- 3. SIGINT while placing a word"
if run_app; then
    tt_keys a
    tt_wait_for "add word:" >/dev/null
    tt_type quuxel
    tt_keys Enter
    check "quuxel enters placement" tt_wait_for "Place 'quuxel'"
    tt_keys Right
    tt_signal INT
    after_exit "SIGINT"
    saved_screen
    check "SIGINT: kiwi and zorbix are still saved" bash -c 'grep -qE "·kiwi([^a-z]|$)" <<<"$0" && grep -qE "·zorbix([^a-z]|$)" <<<"$0"' "$s"
    check "SIGINT: the unconfirmed quuxel was not added" saved_lacks quuxel "$s"
else
    fail "the program starts again"
fi

# ---------------------------------------------------------------------------
echo "-- 4. the Ctrl-C key while browsing"
if run_app; then
    check "wibblet is placed and added" add_placed wibblet
    tt_keys C-c
    after_exit "Ctrl-C"
    check "Ctrl-C: a clean quit, exit status 0" tt_assert_exit_status 0
    saved_screen
    check "Ctrl-C: wibblet was saved" saved_has wibblet "$s"
else
    fail "the program starts again"
fi

# ---------------------------------------------------------------------------
echo "-- 5. SIGKILL right after adding a word (saved on every change)"
if run_app; then
    check "frobnic is placed and added" add_placed frobnic
    tt_signal KILL
    tt_wait_exit >/dev/null
    saved_screen
    check "SIGKILL: frobnic was already saved" saved_has frobnic "$s"
    check "SIGKILL: every earlier word is still saved" \
        bash -c 'for w in kiwi zorbix wibblet; do grep -qE "·$w([^a-z]|$)" <<<"$0" || exit 1; done' "$s"
    check "SIGKILL: the saved state is read back, not moved aside as corrupt" \
        bash -c '[ -z "$(find "$0" -name "*corrupt*")" ]' "$WORK/copy-$copies"
else
    fail "the program starts again"
fi

# ---------------------------------------------------------------------------
echo "-- 6. every other fatal signal"
for sig in USR1 USR2 ALRM VTALRM PROF XFSZ SYS RTMIN+3 RTMAX; do
    number=$(kill -l "$sig")
    if start 120 40 "$BIN" --lesson sandbox --state-dir "$WORK/state-$number" && tt_wait_for "Weights of" >/dev/null; then
        tt_signal "$sig"
        if status=$(tt_wait_exit); then
            check "SIG$sig: the program dies by it (status $status)" [ "$status" == $((128 + number)) ]
        else
            fail "SIG$sig: the program exits"
        fi
        check "SIG$sig: the terminal is restored" tt_assert_terminal_restored
    else
        fail "SIG$sig: the program starts"
    fi
done

e2e_finish
