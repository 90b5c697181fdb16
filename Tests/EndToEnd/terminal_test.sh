#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue 18: the real terminal fed hostile sizes, hostile words and floods of keys (tmux).
#   6.  With COLUMNS and LINES exported (stale ones, and absurd ones), the screen has the
#       pane's size and follows every resize: it is what `render --size` draws, at the
#       start, after shrinking and after growing.
#   21. Words from a file holding a bidi override (U+202E) or a line separator (U+2028)
#       show escaped on the live screen (the override once made "\u202Ey" draw as "y"),
#       and `render --ansi` prints neither raw.
#   22. 2,000 keys sent at once (↓/↑ alternately, then ?): frames are skipped while keys
#       wait, so the screen catches up within 1 s with a release build (10 s allowed for
#       the debug build CI runs; drawing a frame per key took 7–10 s released).
#
#   bash Tests/EndToEnd/terminal_test.sh "$(swift build --show-bin-path)/attn-tui"
# shellcheck disable=SC2016,SC2329 # bash -c '…' "$var" on purpose; helpers are called through check
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
TT_TIMEOUT=${TT_TIMEOUT:-8}

# like_render COLS ROWS: the screen becomes what render draws for the sandbox at that size.
like_render() {
    screen_becomes "$("$BIN" render --lesson sandbox --size "$1x$2")" "tmux (<) and render --size $1x$2 (>)" 5
}

# ---------------------------------------------------------------------------
echo "-- 6. COLUMNS and LINES exported"
for sizes in "120 40" "99999 99999"; do
    read -r columns lines <<<"$sizes"
    start 120 40 env COLUMNS="$columns" LINES="$lines" "$BIN" --lesson sandbox --state-dir "$WORK/state-$columns"
    if tt_wait_for "Weights of"; then
        check "COLUMNS=$columns LINES=$lines: the first screen is 120×40" like_render 120 40
        tt_resize 80 24
        check "COLUMNS=$columns LINES=$lines: shrunk to 80×24, the screen follows" like_render 80 24
        tt_resize 100 30
        check "COLUMNS=$columns LINES=$lines: grown to 100×30, the screen follows" like_render 100 30
        tt_keys q
        if status=$(tt_wait_exit) && [[ $status == 0 ]]; then pass "q exits 0"; else fail "q exits 0"; fi
    else
        fail "COLUMNS=$columns LINES=$lines: the program starts"
    fi
done

# ---------------------------------------------------------------------------
echo "-- 21. control characters in words from a file"
printf 'apple 0.9 0.1 0.2\nbanana 0.8 0.2 0.1\n\xe2\x80\xaey 0.1 0.9 0.3\nph\xe2\x80\xa8one 0.2 0.8 0.1\ncherry 0.85 0.15 0.2\n' \
    >"$WORK/hostile.txt"
start 120 40 "$BIN" --embeddings "$WORK/hostile.txt" --state-dir "$WORK/state-hostile"
if tt_wait_for "Weights of"; then
    tt_wait_stable >/dev/null
    s=$(tt_capture)
    check "the bidi override shows as \\u{202e}" text_has '\\u\{202e\}y' "$s" "the screen"
    check "the line separator shows as \\u{2028}" text_has 'ph\\u\{2028\}' "$s" "the screen"
    check "no weights row reads as a bare 'y'" text_lacks '│y +█' "$s" "the screen"
    tt_keys q
    tt_wait_exit >/dev/null
else
    fail "the program starts on a file of hostile words"
fi
ansi=$("$BIN" render --embeddings "$WORK/hostile.txt" --lesson sandbox --size 120x40 --ansi)
check "render --ansi prints no raw U+2028 or U+202E" text_lacks $'\u2028|\u202e' "$ansi" "render --ansi"
check "render --ansi shows them escaped" text_has '\\u\{202e\}y.*|ph\\u\{2028\}' "$ansi" "render --ansi"

# ---------------------------------------------------------------------------
echo "-- 22. a flood of 2,000 keys"
# A release build must meet the target; the debug build CI tests is slower per key.
limit=10
[[ $BIN == */release/* ]] && limit=1
start 100 30 "$BIN" --lesson sandbox --state-dir "$WORK/state-flood"
if tt_wait_for "Weights of"; then
    tt_wait_stable >/dev/null
    keys=$(printf 'jk%.0s' {1..1000})
    began=$(tt_now)
    tt_type "$keys?"
    if tt_wait_for "┏ Keys" 60 >/dev/null; then
        seconds=$(awk -v s="$began" -v e="$(tt_now)" 'BEGIN { printf "%.2f", e - s }')
        check "2,000 keys, then ?: the screen caught up in ${seconds} s (limit ${limit} s)" \
            awk -v t="$seconds" -v l="$limit" 'BEGIN { exit !(t <= l) }'
    else
        fail "2,000 keys, then ?: the help never showed"
    fi
    tt_keys Escape
    tt_wait_gone "┏ Keys" >/dev/null
    check "after the flood, the sandbox is as before (apple selected)" tt_wait_for "Weights of apple"
    tt_keys q
    if status=$(tt_wait_exit) && [[ $status == 0 ]]; then pass "q exits 0"; else fail "q exits 0"; fi
    check "the terminal is restored" tt_assert_terminal_restored
else
    fail "the program starts for the flood"
fi

e2e_finish
