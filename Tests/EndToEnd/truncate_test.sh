#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A file cut short while attn-tui reads it (issue 18 item 3): an embedding file truncated by
# a second process in the middle of a load, and a cache file truncated while a query uses it
# in place, used to end attn-tui with SIGBUS and a register dump. Now the load says "file
# changed while reading" (one line naming the file) and exits 1; a cache cut short either
# fails its check (the text is read instead) or ends the query the same way — never a signal.
# The truncation waits until the process has the file mapped (/proc/PID/maps), so it lands
# in the middle of the load, not before or after it. No terminal needed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/check-lib.sh"
e2e_init "$@"
export XDG_CACHE_HOME="$WORK/cache"

# generate FILE ROWS: a GloVe file of ROWS words × 50 values (57 MB for 120,000 rows).
generate() {
    awk -v rows="$2" 'BEGIN {
        srand(7)
        for (j = 0; j < 50; j++) values = values " " sprintf("%.6f", rand() - 0.5)
        for (i = 0; i < rows; i++) print "w" i values
    }' >"$1"
}
pristine="$WORK/pristine.txt"
generate "$pristine" 120000

# cut_when_mapped PID FILE SIZE: once PID maps FILE, truncates FILE to SIZE bytes.
# Fails if PID ends first (the load was over before it could be cut).
cut_when_mapped() {
    local pid=$1 file=$2 size=$3
    while kill -0 "$pid" 2>/dev/null; do
        if grep -qF "$file" "/proc/$pid/maps" 2>/dev/null; then
            truncate -s "$size" "$file"
            return 0
        fi
    done
    return 1
}

one_line() { [[ $(wc -l <"$WORK/err") -eq 1 ]] && grep -q -- "$1" "$WORK/err"; }

# --- a text file truncated during its load, three ways ------------------------
big="$WORK/big.txt"
size=$(stat -c %s "$pristine")
for cut in 0 4096 $((size / 2)); do
    cp "$pristine" "$big"
    "$BIN" similarity w1 w2 --embeddings "$big" >"$WORK/out" 2>"$WORK/err" &
    pid=$!
    cut_when_mapped "$pid" "$big" "$cut"
    landed=$?
    wait "$pid"
    status=$?
    check "cut to $cut bytes while the load had it mapped" test "$landed" -eq 0
    check "  no signal ended it (status $status; 135 is SIGBUS)" test "$status" -lt 128
    check "  exit 1" test "$status" -eq 1
    check "  one line: big.txt: file changed while reading" one_line "big.txt: file changed while reading"
    [[ $status -lt 128 ]] || sed 's/^/    /' "$WORK/err" | head -5
    check "  and no cache was written from what it read" test -z "$(ls -A "$XDG_CACHE_HOME/attn-tui" 2>/dev/null | grep -v '\.tmp-')"
done

# --- a cache file truncated while a query reads the table in place -------------
medium="$WORK/medium.txt"
generate "$medium" 20000
"$BIN" similarity w1 w2 --embeddings "$medium" >/dev/null 2>&1
cache=$(ls "$XDG_CACHE_HOME"/attn-tui/*.embcache 2>/dev/null | head -1)
check "the cache of medium.txt was written" test -n "$cache"
# `words` reads every row twice (it measures the columns, then writes): once the output has
# begun, the table is in use; cutting the cache then leaves the rest of its rows unreadable.
"$BIN" words --embeddings "$medium" >"$WORK/out" 2>"$WORK/err" &
pid=$!
while kill -0 "$pid" 2>/dev/null && [[ ! -s $WORK/out ]]; do :; done
truncate -s 4096 "$cache"
wait "$pid"
status=$?
check "a cache cut under a running query ends it without a signal (status $status)" test "$status" -lt 128
if [[ $status -eq 1 ]]; then
    check "  with one line naming the cache: file changed while reading" one_line "$(basename "$cache"): file changed while reading"
else
    check "  or, having read the text instead, with the whole answer" test "$(wc -l <"$WORK/out")" -eq 20002
fi
"$BIN" similarity w1 w2 --embeddings "$medium" >"$WORK/out" 2>"$WORK/err"
check "the next run reads the text again and succeeds (status $?)" grep -q "cosine" "$WORK/out"
e2e_finish
