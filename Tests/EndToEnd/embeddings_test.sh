#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A user's own vectors (issue 4): `attn-tui --embeddings FILE` in tmux 120×40 shows
# the file's words on the map with the neighbours panel; the command line reads the
# same file (GloVe and .vec forms, punctuation and non-ASCII tokens), reloads it from
# the cache, and refuses a malformed file with one line naming the file and line.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/tmux-lib.sh"
source "$HERE/check-lib.sh"
e2e_init "$@"
export XDG_CACHE_HOME="$WORK/cache"

glove="$WORK/small.glove.txt"
cat >"$glove" <<'TXT'
the 0.41 0.02 -0.13 0.55
, 0.01 0.33 0.12 -0.05
king 0.80 0.10 0.25 0.40
queen 0.78 0.15 0.30 0.38
prince 0.70 0.05 0.20 0.45
café 0.10 0.90 0.05 0.10
coffee 0.12 0.85 0.02 0.12
日本 -0.30 0.20 0.90 0.10
tokyo -0.25 0.22 0.88 0.15
's 0.02 0.01 0.03 -0.02
TXT
vec="$WORK/small.vec"
{ echo "10 4"; cat "$glove"; } >"$vec"

# --- the command line -------------------------------------------------------
out=$("$BIN" neighbors king --embeddings "$glove" -k 2 --json 2>"$WORK/err")
check "neighbors reads the GloVe file (queen nearest to king)" grep -q '"neighbors": \[{"word": "queen"' <<<"$out"
out=$("$BIN" similarity café coffee --embeddings "$vec" --json 2>"$WORK/err")
check "similarity reads the .vec form with non-ASCII tokens" grep -q '"a": "café", "b": "coffee", "dim": 4' <<<"$out"
out=$("$BIN" matrix , "'s" the --embeddings "$glove" --json 2>"$WORK/err")
check "punctuation tokens are words of the file" grep -q '"words": \[",", "'"'"'s", "the"\]' <<<"$out"
check "the binary cache was written" test -n "$(ls -A "$XDG_CACHE_HOME/attn-tui" 2>/dev/null)"
out=$("$BIN" words --embeddings "$glove" --json 2>"$WORK/err")
check "a second run (from the cache) gives the same words" grep -q '"word": "tokyo"' <<<"$out"

bad="$WORK/bad.txt"
printf 'alpha 0.1 0.2\nbeta 0.3 oops\n' >"$bad"
"$BIN" words --embeddings "$bad" >"$WORK/out" 2>"$WORK/err"
status=$?
check "a malformed file exits non-zero" test "$status" -ne 0
check "with one line on stderr" test "$(wc -l <"$WORK/err")" -eq 1
check "naming the file and line 2" grep -q "bad.txt:2:" "$WORK/err"
check "and printing nothing on stdout" test ! -s "$WORK/out"

# --- the explorer -------------------------------------------------------------
start 120 40 "$BIN" --embeddings "$glove" --state-dir "$WORK/state"
check "the sandbox opens on the file's words" tt_wait_for "10 in vocabulary"
tt_wait_stable
s=$(tt_capture)
check "the map shows the file's words" panel_has 'Map' '(king|queen|tokyo)' "$s"
check "the neighbours panel lists the selected word's nearest words" has_panel 'Nearest to the' "$s"
check "the weights panel shows the first word's context weights" text_has 'Weights of the ' "$s"
tt_keys a
tt_type tokyo
tt_keys Enter
check "a adds a word of the file" tt_wait_for "added tokyo"
s=$(tt_capture)
check "tokyo's nearest word is 日本" panel_has 'Nearest to tokyo' '日本' "$s"
tt_keys q
status=$(tt_wait_exit)
check "q exits with status 0 (got ${status:-none})" [ "${status:-}" == 0 ]
check "the terminal is restored" tt_assert_terminal_restored
e2e_finish
