#!/usr/bin/env bash
# The interactive program's speed targets (SPEC.md): first frame ≤ 15 ms, key press → finished frame
# with 100 words in play (half of them from the word pack) ≤ 1 ms median. Release build; prints
# figures, asserts nothing.
#   bash Benchmarks/frame.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product attn-tui >/dev/null
swift build -c release --product frame-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)
echo "== in process (lexicon parse, state, analysis, view)"
"$bin/frame-benchmark" --words 100 --size 120x40
echo "== whole process: attn-tui render --size 120x40 (exec, load, first frame, print), 20 runs"
python3 - "$bin/attn-tui" <<'PY'
import statistics, subprocess, sys, time
def run(*keys):
    times = []
    for _ in range(20):
        start = time.perf_counter()
        subprocess.run([sys.argv[1], "render", "--size", "120x40", *keys], stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms"
print(f"first frame, whole process: {run()} (target ≤ 15 ms)")
print(f"first frame + a, garlic, Enter (word pack parsed, 8 more frames): {run('--keys', 'agarlic<Enter>')}")
print(f"first frame + v (word pack parsed, real-vectors view): {run('--keys', 'v')}")
PY
