#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `attn-tui export` never overwrites its input, nor existing files without --force
# (issue 18 item 2): `export DIR --embeddings DIR/vectors.tsv --words cat,dog` replaced
# the user's own 8-row vectors.tsv and metadata.tsv with 2 rows and exited 0. The input
# is recognised by device and inode, whatever name reaches it (another path, a symbolic
# link, a hard link). No terminal needed.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/check-lib.sh"
e2e_init "$@"
export XDG_CACHE_HOME="$WORK/cache"

mine="$WORK/mine"
mkdir -p "$mine"
words=(cat dog cow pig hen fox owl bee)
: >"$mine/vectors.tsv"
: >"$mine/metadata.tsv"
for i in "${!words[@]}"; do
    printf '%s\t%s\t%s\n' "0.$i" "1.$i" "-0.$((7 - i))" >>"$mine/vectors.tsv"
    printf '%s\n' "${words[$i]}" >>"$mine/metadata.tsv"
done
sums() { sha256sum "$mine/vectors.tsv" "$mine/metadata.tsv"; }
before=$(sums)

# run ARGS...: runs attn-tui, keeps the exit status in $status and standard error in $WORK/err.
run() {
    "$BIN" "$@" >"$WORK/out" 2>"$WORK/err"
    status=$?
}
one_line_naming() { [[ $(wc -l <"$WORK/err") -eq 1 ]] && grep -q -- "$1" "$WORK/err"; }

run export "$mine" --embeddings "$mine/vectors.tsv" --words cat,dog
check "export into the folder of its input fails (exit ${status})" test "$status" -eq 1
check "with one line naming vectors.tsv as the input" one_line_naming "vectors.tsv: is a file the words were read from"
check "and the user's 8 rows are untouched" test "$(sums)" == "$before"

run export "$mine" --embeddings "$mine/vectors.tsv" --words cat,dog --force
check "--force does not overwrite the input either (exit ${status})" test "$status" -eq 1
check "  its files untouched" test "$(sums)" == "$before"

run export "$WORK/mine/../mine/." --embeddings "$mine/vectors.tsv" --words cat,dog --force
check "another path to the same folder is recognised (exit ${status})" test "$status" -eq 1
ln -s "$mine" "$WORK/link"
run export "$WORK/link" --embeddings "$mine/vectors.tsv" --words cat,dog --force
check "a symbolic link to the folder is recognised (exit ${status})" test "$status" -eq 1
mkdir -p "$WORK/hard"
ln "$mine/vectors.tsv" "$WORK/hard/vectors.tsv"
run export "$WORK/hard" --embeddings "$mine/vectors.tsv" --words cat,dog --force
check "a hard link to the input is recognised (exit ${status})" test "$status" -eq 1
mkdir -p "$WORK/other"
cp "$mine/vectors.tsv" "$WORK/other/vectors.tsv"
run export "$mine" --embeddings "$WORK/other/vectors.tsv" --metadata "$mine/metadata.tsv" --words cat,dog --force
check "the metadata file read is an input too (exit ${status})" test "$status" -eq 1
check "  naming metadata.tsv" one_line_naming "metadata.tsv: is a file the words were read from"
check "after every refusal the user's files are untouched" test "$(sums)" == "$before"

out="$WORK/out-folder"
run export "$out" --embeddings "$mine/vectors.tsv" --words cat,dog
check "export into a new folder works (exit ${status})" test "$status" -eq 0
check "  writing the 2 words asked for" test "$(wc -l <"$out/vectors.tsv")" -eq 2
first=$(sha256sum "$out/vectors.tsv")
run export "$out" --embeddings "$mine/vectors.tsv" --words cat,dog,cow
check "existing files are refused without --force (exit ${status})" test "$status" -eq 1
check "  one line saying to pass --force" one_line_naming "already exists: pass --force"
check "  and the earlier export is untouched" test "$(sha256sum "$out/vectors.tsv")" == "$first"
run export "$out" --embeddings "$mine/vectors.tsv" --words cat,dog,cow --force
check "--force replaces them (exit ${status})" test "$status" -eq 0
check "  with the 3 words now asked for" test "$(wc -l <"$out/vectors.tsv")" -eq 3

run export '' --words apple
check "an empty folder name is a usage error (exit ${status}, 64)" test "$status" -eq 64
check "  said in one line" one_line_naming "export needs a folder name"
e2e_finish
