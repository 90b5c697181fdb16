#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs a command several times as a whole process; prints its wall time, CPU time and peak RSS.

    measure.py RUNS LABEL -- COMMAND...

Wall time is measured around fork/exec/wait; CPU time (user + system) and the peak
resident set size are the child's own, from wait4 (ru_maxrss is what /usr/bin/time -v
reports as "Maximum resident set size"). On a machine shared with other work, CPU
time moves far less than wall time. Prints one line:
LABEL<TAB>median_ms<TAB>min_ms<TAB>max_rss_kb<TAB>median_cpu_ms, and the start of the
command's own output from the last run on standard error.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    runs = int(sys.argv[1])
    label = sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    times, peaks, cpu = [], [], []
    output = b""
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        # Read all of it (the child must not block), keep the start: outputs can be hundreds of MB.
        output = b""
        while chunk := child.stdout.read(1 << 20):
            if len(output) < 2000:
                output += chunk[:2000]
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
        cpu.append(usage.ru_utime + usage.ru_stime)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            sys.stderr.write(output.decode(errors="replace"))
            sys.exit("%s: exit status %d" % (label, child.returncode))
    shown = output.decode(errors="replace").strip()[:1000]
    sys.stderr.write("    " + shown.replace("\n", "\n    ") + "\n")
    print("%s\t%.1f\t%.1f\t%d\t%.1f" % (
        label, statistics.median(times) * 1000, min(times) * 1000, max(peaks), statistics.median(cpu) * 1000))


if __name__ == "__main__":
    main()
