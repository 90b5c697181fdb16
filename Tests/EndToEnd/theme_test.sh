#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A light terminal (issue 19.12): `--theme light|dark` and ATTN_TUI_THEME.
#   - render --ansi --theme light draws the same text with darker colours: no
#     foreground is one of the pale ones (yellow, white, light green) that vanish
#     on white; --theme dark (the default) is unchanged; the variable sets the
#     default and the flag wins over it; a bad value is one line and an error;
#   - the interactive program asks the terminal (OSC 11): in tmux with a white
#     pane it draws the light colours, with tmux's default (no answer) the dark
#     ones, and ATTN_TUI_THEME wins over what the terminal says;
#   - a terminal that answers nothing (script(1) on a pipe) costs a short wait
#     (250 ms at most), never a hang.
#
#   bash Tests/EndToEnd/theme_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}
unset ATTN_TUI_THEME COLORFGBG

# The pale 256-colour foregrounds the dark theme uses (yellow 227, light green 77,
# light blue 75, orange 214, white 15/231) and the light theme's stand-ins for the
# focused frame's cyan (29) and the live numbers' yellow (58).
PALE='38;5;(227|77|75|214|15|231)m'
strip_sgr() { sed 's/\x1b\[[0-9;]*m//g'; }

echo "-- render --ansi --theme light"
args=(render --lesson sandbox --size 100x30 --keys 'akiwi<Enter>' --ansi)
dark=$("$BIN" "${args[@]}")
light=$("$BIN" "${args[@]}" --theme light)
check "the light frame has the same text as the dark one" same_text "$(strip_sgr <<<"$dark")" "$(strip_sgr <<<"$light")"
check "the dark frame uses pale foregrounds (the test would catch nothing otherwise)" text_has "$PALE" "$dark"
check "the light frame uses none of them" text_lacks "$PALE" "$light"
check "the light frame has colour (darker stand-ins)" text_has '38;5;(29|28|25|58)m' "$light"
check "the heatmap cells keep their backgrounds" text_has '48;5;(160|124|203|210)m' "$light"
check "--theme dark is the default" same_text "$dark" "$("$BIN" "${args[@]}" --theme dark)"
check "ATTN_TUI_THEME=light sets the default" same_text "$light" "$(ATTN_TUI_THEME=light "$BIN" "${args[@]}")"
check "--theme dark wins over ATTN_TUI_THEME=light" same_text "$dark" "$(ATTN_TUI_THEME=light "$BIN" "${args[@]}" --theme dark)"
check "an empty ATTN_TUI_THEME is unset" same_text "$dark" "$(ATTN_TUI_THEME='' "$BIN" "${args[@]}")"
check "--no-color draws no colour in either theme" text_lacks '38;5|48;5' "$("$BIN" "${args[@]}" --theme light --no-color)"
"$BIN" render --theme blue >/dev/null 2>"$WORK/err"
check "--theme blue is a usage error (64)" test $? -eq 64
check "  in one line naming the values" bash -c '[[ $(wc -l <"$0") == 1 ]] && grep -q "light or dark" "$0"' "$WORK/err"
ATTN_TUI_THEME=blue "$BIN" render >/dev/null 2>"$WORK/err"
check "ATTN_TUI_THEME=blue is an error" test $? -ne 0
check "  in one line naming the variable" bash -c '[[ $(wc -l <"$0") == 1 ]] && grep -q "ATTN_TUI_THEME must be light or dark" "$0"' "$WORK/err"

# interactive PANE_STYLE [ENV...]: starts the course in tmux, the pane styled PANE_STYLE
# ("" for tmux's default) before the program asks; sets s to the first screen with colours.
# (Not in a $(…) subshell: its exit would run the cleanup trap.)
interactive() {
    local style=$1
    shift
    s=""
    rm -f "$WORK/go"
    # The program waits for $WORK/go, made once the pane has its style.
    start 100 30 sh -c 'while [ ! -e "$0" ]; do sleep 0.05; done; exec env "$@"' "$WORK/go" "$@" \
        "$BIN" --lesson sandbox --state-dir "$WORK/state"
    [[ -n $style ]] && tt_tmux set-option -g window-style "$style"
    touch "$WORK/go"
    tt_wait_for "Weights of" || return 1
    tt_wait_stable >/dev/null
    s=$(tt_capture -e)
    tt_keys q
    tt_wait_exit >/dev/null
}

echo "-- the interactive program asks the terminal"
if interactive "bg=white"; then
    check "a white pane (OSC 11 answers rgb:c0c0/…): light colours" text_lacks "$PALE" "$s"
    check "  and colour all the same" text_has '38;5;(29|28|25|58)m' "$s"
else
    fail "the course starts in a white pane"
fi
if interactive ""; then
    check "tmux's default pane (no OSC 11 answer): the dark colours" text_has "$PALE" "$s"
else
    fail "the course starts in a default pane"
fi
if interactive "bg=white" ATTN_TUI_THEME=dark; then
    check "ATTN_TUI_THEME=dark wins over a white pane" text_has "$PALE" "$s"
else
    fail "the course starts with ATTN_TUI_THEME=dark"
fi
if interactive "" COLORFGBG='0;15'; then
    check "no OSC 11 answer, COLORFGBG=0;15 (black on white): light colours" text_lacks "$PALE" "$s"
else
    fail "the course starts with COLORFGBG"
fi

echo "-- a terminal that answers nothing"
begin=$(tt_now)
(sleep 2; printf q) | TERM=xterm-256color timeout 10 script -qfec "$BIN --lesson sandbox --state-dir $WORK/state" /dev/null >"$WORK/script.out" 2>&1
status=$?
elapsed=$(awk -v s="$begin" -v e="$(tt_now)" 'BEGIN { printf "%.1f", e - s }')
check "it starts, draws and quits on q (exit $status, ${elapsed}s for a 2 s script)" test "$status" -eq 0
check "  the screen was drawn" grep -q "Weights of" "$WORK/script.out"
check "  with no hang: done within 4 s" awk -v t="$elapsed" 'BEGIN { exit !(t < 4) }'

e2e_finish
