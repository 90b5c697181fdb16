#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 9.2: SIGQUIT and real crashes never leave the terminal broken (tmux, 100×30).
#   1. kill -QUIT: the terminal is restored and the program dies by SIGQUIT (status
#      131), instead of the Swift backtracer printing over the screen and the
#      program running on in raw mode;
#   2. a real trap (fatalError), SIGSEGV (a write to an unmapped page) and abort(),
#      set off by the hidden switch ATTN_TUI_DEBUG_CRASH=trap|segv|abort on the
#      first key: the terminal is restored, and Swift's "Fatal error" message and
#      the backtrace are printed on the main screen after that, readable;
#   3. the same crash with the backtracer off (SWIFT_BACKTRACE=enable=no) and with
#      the interactive backtracer (it waits for a key on the restored screen).
#
#   bash Tests/EndToEnd/crash_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-10}
STATE="$WORK/state"

# run_app [ENV=VALUE...]: starts the sandbox and waits for its screen.
run_app() {
    start 100 30 env "$@" "$BIN" --lesson sandbox --state-dir "$STATE" && tt_wait_for "Weights of" >/dev/null && tt_wait_stable
}

# status_is STATUS...: the exit status is one of these.
status_is() {
    local status want
    status=$(tt_exit_status) || return 1
    for want in "$@"; do [[ $status == "$want" ]] && return 0; done
    echo "  exit status $status, expected one of $*" >&2
    return 1
}

# app_gone: nothing of the program's screen is left on the (main) screen.
app_gone() { text_lacks 'Weights of|Lesson [0-9]+/[0-9]+' "$(tt_capture)" "the screen after the crash"; }

# ---------------------------------------------------------------------------
echo "-- 1. kill -QUIT while browsing"
if run_app SWIFT_BACKTRACE=interactive=no; then
    tt_signal QUIT
    if tt_wait_exit >/dev/null; then pass "SIGQUIT: the program exits"; else fail "SIGQUIT: the program exits"; fi
    check "SIGQUIT: it dies by SIGQUIT (status 131)" status_is 131
    check "SIGQUIT: the terminal is restored" tt_assert_terminal_restored
    check "SIGQUIT: no backtrace over the screen" text_lacks 'Backtrace|Thread 0|Press space' "$(tt_capture)" "the screen"
    check "SIGQUIT: the main screen is back" app_gone
else
    fail "the program starts"
fi

# ---------------------------------------------------------------------------
# crash KIND STATUSES ENV...: a crash of KIND on the first key, under ENV.
crash() {
    local kind=$1 statuses=$2 label
    shift 2
    label="$kind ($*)"
    if ! run_app "ATTN_TUI_DEBUG_CRASH=$kind" "$@"; then
        fail "$label: the program starts"
        return
    fi
    tt_keys j
    if tt_wait_exit >/dev/null; then pass "$label: the program ends"; else fail "$label: the program ends"; fi
    # shellcheck disable=SC2086 # a list of statuses
    check "$label: ended by the crash's signal" status_is $statuses
    check "$label: the terminal is restored" tt_assert_terminal_restored
    check "$label: the main screen is back" app_gone
}

echo "-- 2. real crashes, with the backtracer on (not interactive)"
crash trap "132 133" SWIFT_BACKTRACE=interactive=no
check "trap: Swift's message is on the restored screen" \
    text_has 'Fatal error: crash requested by ATTN_TUI_DEBUG_CRASH=trap' "$(tt_capture -J -S -2000)" "the screen"
check "trap: the backtrace follows it, readable" text_has 'Crash|Thread 0|Backtrace' "$(tt_capture -J -S -2000)" "the screen"
crash segv 139 SWIFT_BACKTRACE=interactive=no
crash abort 134 SWIFT_BACKTRACE=interactive=no

echo "-- 3. the backtracer off, then interactive"
crash trap "132 133" SWIFT_BACKTRACE=enable=no
crash segv 139 SWIFT_BACKTRACE=enable=no
if run_app ATTN_TUI_DEBUG_CRASH=trap SWIFT_BACKTRACE=interactive=yes; then
    tt_keys j
    check "interactive backtracer: it asks for a key" tt_wait_for "Press space to interact" 20
    check "interactive backtracer: on the main screen, not the program's" [ "$(tt_pane_flag alternate_on)" == 0 ]
    check "interactive backtracer: the cursor is visible" [ "$(tt_pane_flag cursor_flag)" == 1 ]
    check "interactive backtracer: no mouse reporting" [ "$(tt_pane_flag mouse_any_flag)" == 0 ]
    tt_keys q
    if tt_wait_exit >/dev/null; then pass "interactive backtracer: ends after a key"; else fail "interactive backtracer: ends after a key"; fi
    check "interactive backtracer: the terminal is restored" tt_assert_terminal_restored
else
    fail "the program starts"
fi

e2e_finish
