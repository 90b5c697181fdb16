#!/usr/bin/env bash
# The interactive program's speed targets (SPEC.md): first frame ≤ 15 ms, key press → finished frame
# with 100 words in play ≤ 1 ms median. The release build as installed (Swift runtime linked
# statically); prints figures, asserts nothing. Medians of whole processes on a shared machine:
# compare with the empty process measured in the same run.
#   bash Benchmarks/frame.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product attn-tui >/dev/null
swift build -c release --product frame-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)
echo "== in process (lexicon parse, state, analysis, view)"
"$bin/frame-benchmark" --words 100 --size 120x40
echo "== whole processes (exec, arguments, assets, first frame, print), 40 runs each"
python3 - "$bin/attn-tui" <<'PY'
import statistics, subprocess, sys, time
def timed(command):
    times = []
    for _ in range(40):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)
for name, command, target in [
    ("an empty process (/bin/true)", ["/bin/true"], ""),
    ("attn-tui --help (start + argument parser)", [sys.argv[1], "--help"], ""),
    ("attn-tui similarity apple banana", [sys.argv[1], "similarity", "apple", "banana"], ""),
    ("first frame: attn-tui render --size 120x40", [sys.argv[1], "render", "--size", "120x40"], " (target ≤ 15 ms)"),
]:
    median, low = timed(command)
    print(f"{name:44s} median {median:5.1f} ms, min {low:5.1f} ms{target}")
PY
