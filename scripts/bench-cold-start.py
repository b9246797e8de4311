#!/usr/bin/env python3
"""Cold start of `tagger tag`: one utterance in, from start to exit, with the
peak resident memory of the process.

Runs the release `tagger tag --model MODEL` RUNS times on one line and prints
the median and the fastest wall time, and the highest peak resident memory
(the kernel's maxrss of each run).

Usage: scripts/bench-cold-start.py [MODEL] [RUNS]   (default: models/atis-en 10)
"""
import os
import resource
import statistics
import subprocess
import sys
import time

def main():
    model = sys.argv[1] if len(sys.argv) > 1 else "models/atis-en"
    runs = sys.argv[2] if len(sys.argv) > 2 else "10"
    if not runs.isdigit() or int(runs) < 1:
        print(f"bench-cold-start.py: error: RUNS is '{runs}' but must be a whole number of at least 1", file=sys.stderr)
        sys.exit(64)
    runs = int(runs)
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    tagger = ".build/release/tagger"
    line = b"i want to fly from boston to denver tomorrow morning\n"
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            read_end, write_end = os.pipe()
            os.write(write_end, line)
            os.close(write_end)
            os.dup2(read_end, 0)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.execv(tagger, [tagger, "tag", "--model", model])
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            # tagger has printed its one error line; pass its status on.
            code = os.waitstatus_to_exitcode(status)
            sys.exit(code if code > 0 else 70)
        peaks.append(usage.ru_maxrss / 1024)
    print(f"tagger tag, one line, start to exit, {runs} runs with {model}:")
    print(f"  median {statistics.median(times) * 1000:.0f} ms, fastest {min(times) * 1000:.0f} ms, "
          f"peak resident memory {max(peaks):.0f} MB")

if __name__ == "__main__":
    main()
