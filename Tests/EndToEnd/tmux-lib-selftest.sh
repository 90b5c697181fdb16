#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks tmux-lib.sh itself with small shell programs (no Swift build needed):
#   bash Tests/EndToEnd/tmux-lib-selftest.sh
set -u
source "$(dirname "$0")/tmux-lib.sh"
TT_TIMEOUT=5
failures=0
pass() { echo "ok: $*"; }
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }
expect() { if "$@"; then pass "$*"; else fail "$*"; fi; }
expect_not() { if "$@" 2>/dev/null; then fail "not $*"; else pass "not $*"; fi; }

# A program that reads a line and exits normally.
tt_start 40 10 bash -c 'echo "name?"; read -r name; echo "hello $name"; exit 7'
expect tt_wait_for "name?"
expect [ "$(tt_pane_size)" == 40x10 ]
tt_type "wörld 注"
tt_keys Enter
expect tt_wait_for "hello wörld 注"
expect [ "$(tt_wait_exit)" == 7 ]
expect tt_assert_exit_status 7
expect tt_assert_terminal_restored
expect_not tt_wait_for "never shown" 0.3

# A program that sees resizes.
tt_start 40 10 bash -c 'trap "echo size \$(tput cols)x\$(tput lines)" WINCH; echo ready; while :; do sleep 0.05; done'
expect tt_wait_for ready
expect tt_resize 20 6
expect tt_wait_for "size 20x6"
expect tt_is_running
tt_signal TERM
expect [ "$(tt_wait_exit)" == 143 ]

# A program that leaves the terminal raw: the check must catch it.
tt_start 40 10 bash -c 'stty raw -echo; printf "\033[?1049h\033[?25lraw\r\n"; sleep 30'
expect tt_wait_for raw
tt_signal TERM
tt_wait_exit >/dev/null
expect_not tt_assert_terminal_restored
expect grep -q -- "-icanon" <(tt_stty_after)

tt_cleanup
echo "failures: $failures"
exit $((failures > 0))
