#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 9.3 and 9.7: keys that are not keys run nothing; pastes type; Ctrl-Z suspends.
# In tmux, 120×40, on the sandbox (8 words):
#   - Alt-d (ESC d), Alt-q, Alt-1 do nothing: no word removed, no quit, no jump;
#   - unknown sequences (ESC [ 200 ~ alone, ESC [ 31 m, ESC [ 1 ; 5 A, an OSC
#     title) run none of their bytes as commands, nor do ones of 300 and 600 bytes
#     (issue 18.16);
#   - a bracketed paste while browsing runs nothing; into the add-word prompt it types;
#   - Ctrl-Z stops the program with the terminal restored; after SIGCONT (what `fg`
#     sends) the whole screen is drawn again over whatever was written meanwhile,
#     and the keys work.
#
#   bash Tests/EndToEnd/keys_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}

# unchanged WHAT: after the keys, the screen settles on the same sandbox: 8 words, the sandbox, no message.
unchanged() {
    tt_wait_stable 0.4 >/dev/null
    local s
    s=$(tt_capture)
    text_has 'Lesson [0-9]+/[0-9]+ · Sandbox .* 8 words' "$s" "the title after $1" &&
        text_lacks 'removed|metric:|temperature|add word:|Help|reset' "$s" "the screen after $1" && tt_is_running
}

start 120 40 "$BIN" --lesson sandbox --state-dir "$WORK/state"
if ! tt_wait_for "Weights of"; then
    fail "the program starts"
    e2e_finish
fi
tt_wait_stable >/dev/null

echo "-- Alt+key"
tt_keys M-d
check "Alt-d removes no word" unchanged "Alt-d"
tt_keys M-q M-1 M-m M-r
check "Alt-q, Alt-1, Alt-m, Alt-r do nothing" unchanged "Alt-q Alt-1 Alt-m Alt-r"

echo "-- unknown escape sequences"
tt_send_bytes 1b 5b 32 30 30 7e
check "ESC [ 200 ~ on its own runs neither 2, 0 nor ~" unchanged "ESC [ 200 ~"
tt_send_bytes 1b 5b 33 31 6d
check "ESC [ 31 m runs neither 3, 1 nor m" unchanged "ESC [ 31 m"
tt_send_bytes 1b 5b 31 3b 35 41 1b 5b 31 3b 32 44
check "Ctrl-Up and Shift-Left sequences run nothing" unchanged "ESC [ 1 ; 5 A"
tt_send_bytes 1b 5d 30 3b 64 64 72 07
check "an OSC string (ESC ] 0;ddr BEL) runs nothing" unchanged "an OSC"
# Issue 18.16: sequences longer than 256 bytes are read whole too (their tails once ran as keys).
# shellcheck disable=SC2046 # one argument per byte
tt_send_bytes 1b 5b $(printf '33 %.0s' {1..300}) 6d
check "a 302-byte CSI (ESC [ 3…3 m) runs no 3 (no jump to lesson 3)" unchanged "a long CSI"
# shellcheck disable=SC2046
tt_send_bytes 1b 5d 30 3b $(printf '71 %.0s' {1..600}) 07
check "a 600-byte OSC of q's does not quit" unchanged "a long OSC"

echo "-- pastes"
tt_tmux set-buffer -b attn "dddd"
tt_tmux paste-buffer -p -b attn -t "$TT_TARGET"
check "a paste of 'dddd' while browsing removes nothing" unchanged "a paste"
tt_keys a
tt_wait_for "add word:" >/dev/null
tt_tmux set-buffer -b attn "kiwi"
tt_tmux paste-buffer -p -b attn -t "$TT_TARGET"
check "a paste into the add-word prompt types it" tt_wait_for "add word: kiwi"
tt_keys Enter
check "and Enter adds the pasted word" tt_wait_for "added kiwi"
check "9 words now" tt_wait_for "9 words"

tt_keys q
if status=$(tt_wait_exit) && [[ $status == 0 ]]; then pass "q exits 0"; else fail "q exits 0"; fi
check "the terminal is restored" tt_assert_terminal_restored

echo "-- Ctrl-Z, in an interactive shell with job control (as a user runs it)"
start 120 40 env PS1='prompt> ' bash --norc --noprofile -i
tt_wait_for "prompt>" >/dev/null
tt_type "$(printf '%q' "$BIN") --lesson sandbox --state-dir $(printf '%q' "$WORK/state")"
tt_keys Enter
if ! tt_wait_for "Weights of"; then
    fail "the program starts from the shell"
    e2e_finish
fi
tt_wait_stable >/dev/null
pid=$(pgrep -n -f -- "--state-dir $WORK/state")
tt_keys C-z
stopped() {
    local i
    for ((i = 0; i < 60; i++)); do
        [[ $(ps -o stat= -p "$pid") == T* ]] && return 0
        sleep 0.05
    done
    echo "  process $pid state: $(ps -o stat= -p "$pid")" >&2
    return 1
}
check "Ctrl-Z stops the program (job control)" stopped
check "the shell reports the stopped job" tt_wait_for "Stopped"
check "while stopped, the main screen is back" [ "$(tt_pane_flag alternate_on)" == 0 ]
check "while stopped, the cursor is visible" [ "$(tt_pane_flag cursor_flag)" == 1 ]
check "while stopped, no mouse reporting" [ "$(tt_pane_flag mouse_any_flag)" == 0 ]
tt_type "echo SHELL-WAS-HERE"
tt_keys Enter
check "while stopped, the shell works" tt_wait_for "SHELL-WAS-HERE"
tt_type "fg"
tt_keys Enter
check "after fg the whole screen is drawn again" tt_wait_for "Weights of"
check "after fg nothing of the shell is left on screen" tt_wait_gone "SHELL-WAS-HERE"
check "after fg the screen is the program's own" [ "$(tt_pane_flag alternate_on)" == 1 ]
tt_keys d
check "after fg the keys work" tt_wait_for "removed"
tt_keys q
tt_wait_for "prompt> fg" >/dev/null
tt_type 'echo EXIT=$?'
tt_keys Enter
check "q then exits 0 (as fg reports it)" tt_wait_for "EXIT=0"
check "and the main screen is back" [ "$(tt_pane_flag alternate_on)" == 0 ]

e2e_finish
