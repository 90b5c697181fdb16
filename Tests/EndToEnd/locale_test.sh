#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 9.11: terminals and locales without the usual comforts (tmux, 120×40).
#   1. No locale chosen where no UTF-8 locale can be set (LANG empty, and the test
#      hook ATTN_TUI_NO_UTF8_FALLBACK=1 standing in for a system with no C.UTF-8):
#      every cell is ASCII, and the map, bars and heatmap still show (+-| borders,
#      # bars, . : map dots, numbers).
#   2. Terminals without an alternate screen (TERM=vt100, TERM=linux): after q the
#      screen is cleared, so the prompt does not land on the last frame.
#   3. Issue 18.17: the user's explicit choice of a locale without UTF-8 (LC_ALL=C,
#      LC_ALL=POSIX, LC_CTYPE=C) gets the ASCII glyphs too, though C.UTF-8 exists here;
#      with no locale chosen at all (LANG, LC_ALL, LC_CTYPE unset), or one that names
#      UTF-8, the UTF-8 glyphs are drawn.
#
#   bash Tests/EndToEnd/locale_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}

# ascii_only TEXT: no byte outside printable ASCII.
ascii_only() {
    if LC_ALL=C grep -q $'[\x80-\xff]' <<<"$1"; then
        echo "  non-ASCII on screen:" >&2
        LC_ALL=C grep -n $'[\x80-\xff]' <<<"$1" | head -5 | sed 's/^/  | /' >&2
        return 1
    fi
}

echo "-- 1. no locale chosen, and no UTF-8 locale to fall back to"
TT_LANG= start 120 40 env ATTN_TUI_NO_UTF8_FALLBACK=1 "$BIN" --lesson sandbox --state-dir "$WORK/state"
if tt_wait_for "Weights of"; then
    tt_wait_stable >/dev/null
    s=$(tt_capture)
    check "every cell is ASCII" ascii_only "$s"
    check "panel borders are drawn with + - |" text_has '^\+[-]* Map .*-+\+' "$s" "the screen"
    check "the weights are bars of #" text_has '\| *apple +#+[|#]* +0\.[0-9]+ *\|' "$s" "the screen"
    check "the heatmap has its numbers" text_has '\|apple +1\.00 ' "$s" "the screen"
    check "the map draws points and markers" text_has '[.:].*[o*#][a-z]' "$s" "the screen"
    check "the words are there" text_has 'banana' "$s" "the screen"
    tt_keys q
    if status=$(tt_wait_exit) && [[ $status == 0 ]]; then pass "q exits 0"; else fail "q exits 0"; fi
    check "the terminal is restored" tt_assert_terminal_restored
else
    fail "the program starts under LANG=C"
fi

echo "-- 2. terminals without an alternate screen"
for term in vt100 linux; do
    TT_TERM=$term start 120 40 "$BIN" --lesson sandbox --state-dir "$WORK/state"
    if tt_wait_for "Weights of"; then
        tt_wait_stable >/dev/null
        tt_keys q
        tt_wait_exit >/dev/null
        check "TERM=$term: the last frame is cleared at exit" text_lacks 'Weights of|Lesson [0-9]+|Map|quit' "$(tt_capture)" "the screen after q"
        check "TERM=$term: the terminal is restored" tt_assert_terminal_restored
    else
        fail "TERM=$term: the program starts"
    fi
    TT_TERM=$term start 120 40 "$BIN" --lesson sandbox --state-dir "$WORK/state"
    if tt_wait_for "Weights of"; then
        tt_signal TERM
        tt_wait_exit >/dev/null
        check "TERM=$term: cleared after SIGTERM too" text_lacks 'Weights of|Lesson [0-9]+|Map|quit' "$(tt_capture)" "the screen after SIGTERM"
    else
        fail "TERM=$term: the program starts again"
    fi
done

echo "-- 3. an explicit choice of a locale without UTF-8"
# utf8_glyphs TEXT: the box drawing, bars and braille of the UTF-8 screen are there.
utf8_glyphs() { text_has '┏ Map' "$1" "the screen" && text_has '│apple +█' "$1" "the screen"; }
for choice in "LC_ALL=C" "LC_ALL=POSIX" "LC_CTYPE=C"; do
    start 120 40 env "$choice" "$BIN" --lesson sandbox --state-dir "$WORK/state"
    if tt_wait_for "Weights of"; then
        tt_wait_stable >/dev/null
        s=$(tt_capture)
        check "$choice: every cell is ASCII" ascii_only "$s"
        check "$choice: panel borders are drawn with + - |" text_has '^\+[-]* Map .*-+\+' "$s" "the screen"
        tt_keys q
        tt_wait_exit >/dev/null
        check "$choice: the terminal is restored" tt_assert_terminal_restored
    else
        fail "$choice: the program starts"
    fi
done
for choice in "no locale variable" "LANG=en_US.UTF-8 (not installed)" "LANG=C LC_CTYPE=C.UTF-8"; do
    case $choice in
    no*) command=(env -u LANG -u LC_ALL -u LC_CTYPE "$BIN") ;;
    LANG=en*) command=(env LANG=en_US.UTF-8 "$BIN") ;;
    *) command=(env LANG=C LC_CTYPE=C.UTF-8 "$BIN") ;;
    esac
    start 120 40 "${command[@]}" --lesson sandbox --state-dir "$WORK/state"
    if tt_wait_for "Weights of"; then
        tt_wait_stable >/dev/null
        check "$choice: the UTF-8 glyphs are drawn" utf8_glyphs "$(tt_capture)"
        tt_keys q
        tt_wait_exit >/dev/null
    else
        fail "$choice: the program starts"
    fi
done

e2e_finish
