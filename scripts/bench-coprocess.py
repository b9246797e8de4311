#!/usr/bin/env python3
"""The baseline for scripts/bench-server.sh: `tagger tag` kept open as a
co-process, one utterance written per request and its JSON line read back,
as a chatbot without the server would call it. Runs 1 client on 1 co-process,
then 2 clients each on its own co-process (one per core), for SECONDS each;
prints requests/s and p50/p99 latency.

Usage: bench-coprocess.py TAGGER MODEL UTTERANCES SECONDS
"""
import subprocess
import sys
import threading
import time


def client(tagger, model, utterances, seconds, latencies):
    process = subprocess.Popen([tagger, "tag", "--model", model, "--format", "jsonl"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
    stdin, stdout = process.stdin, process.stdout
    stdin.write(b"warm up\n")
    stdout.readline()
    end = time.perf_counter() + seconds
    index = 0
    while True:
        start = time.perf_counter()
        if start >= end:
            break
        stdin.write(utterances[index % len(utterances)])
        line = stdout.readline()
        if not line.startswith(b"{"):
            raise SystemExit("tagger tag answered: %r" % line)
        latencies.append(time.perf_counter() - start)
        index += 1
    stdin.close()
    process.wait()


def main():
    tagger, model, path, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    with open(path, "rb") as file:
        utterances = [line if line.endswith(b"\n") else line + b"\n" for line in file]
    print("tagger tag as a co-process (one line in, one JSON line out), %d s per run:" % seconds)
    print("  %-12s %10s %9s %9s" % ("clients", "requests/s", "p50 ms", "p99 ms"))
    for clients in (1, 2):
        lists = [[] for _ in range(clients)]
        threads = [threading.Thread(target=client, args=(tagger, model, utterances, seconds, lists[i])) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latencies = sorted(latency for values in lists for latency in values)
        rate = len(latencies) / seconds
        p50 = latencies[len(latencies) // 2] * 1000
        p99 = latencies[int(len(latencies) * 0.99)] * 1000
        print("  %-12s %10.0f %9.3f %9.3f" % (clients, rate, p50, p99))


main()
