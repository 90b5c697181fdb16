#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The interactive program's speed targets (SPEC.md): first frame ≤ 15 ms, key press → finished frame
# with 100 words in play (half of them from the word pack) ≤ 1 ms median, a flood of 2,000 keys
# caught up within 1 s (in process, and in a real terminal: tmux, when installed). The release build as
# installed (Swift runtime linked statically); prints figures, asserts nothing. Medians of whole
# processes on a shared machine: compare with the empty process measured in the same run.
#   bash Benchmarks/frame.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product attn-tui >/dev/null
swift build -c release --product frame-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)
echo "== in process (lexicon parse, state, analysis, view)"
"$bin/frame-benchmark" --words 100 --size 120x40
echo "== whole processes (exec, arguments, assets, first frame, print), 40 runs each"
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
# The peer: an empty Swift program, built the same way.
echo '@main struct Empty { static func main() {} }' >"$empty/empty.swift"
swiftc -O -static-stdlib -parse-as-library "$empty/empty.swift" -o "$empty/empty"
run() { python3 Benchmarks/measure.py 40 "$@" 2>/dev/null | awk -F'\t' '{printf "%-44s median %5.1f ms, min %5.1f ms, CPU %5.1f ms\n", $1, $2, $3, $5}'; }
run "an empty Swift program" -- "$empty/empty"
run "attn-tui --help (start + argument parser)" -- "$bin/attn-tui" --help
run "attn-tui similarity apple banana" -- "$bin/attn-tui" similarity apple banana
run "first frame: render --size 120x40 (≤ 15 ms)" -- "$bin/attn-tui" render --size 120x40
run "first frame, the sandbox (every panel)" -- "$bin/attn-tui" render --lesson sandbox --size 120x40
run "first frame + a, garlic, Enter (word pack parsed)" -- "$bin/attn-tui" render --lesson sandbox --size 120x40 --keys 'agarlic<Enter>'
run "first frame + v (real-vectors view)" -- "$bin/attn-tui" render --lesson sandbox --size 120x40 --keys v
if command -v tmux >/dev/null; then
    echo "== a flood of 2,000 keys in a real terminal (tmux, 100x30, the sandbox): ↓/↑ alternately, then ?"
    socket="frame-bench-$$"
    state=$(mktemp -d)
    trap 'tmux -L "$socket" kill-server 2>/dev/null; rm -rf "$empty" "$state"' EXIT
    tmux -L "$socket" -f /dev/null new-session -d -x 100 -y 30 -e LANG=C.UTF-8 -e TERM=tmux-256color \
        "$bin/attn-tui --lesson sandbox --state-dir $state; sleep 600"
    for _ in $(seq 100); do tmux -L "$socket" capture-pane -p | grep -q "Weights of" && break; sleep 0.1; done
    sleep 1
    keys=$(printf 'jk%.0s' {1..1000})
    began=$(date +%s.%N)
    tmux -L "$socket" send-keys -l -- "$keys?"
    for _ in $(seq 3000); do tmux -L "$socket" capture-pane -p | grep -q "┏ Keys" && break; sleep 0.01; done
    awk -v s="$began" -v e="$(date +%s.%N)" 'BEGIN { printf "caught up after %.2f s (target ≤ 1 s; the screen polled every 10 ms)\n", e - s }'
fi
