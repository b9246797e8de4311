#!/usr/bin/env bash
# Load benchmark of tagger-server: wrk on loopback sends POST /parse with the
# real ATIS test utterances (one per request, in turn) at 1, 8 and 64
# connections; prints requests/s, p50 and p99 latency, errors and the
# server's peak resident memory; then the same utterances through `tagger tag`
# as a co-process (one line in, one JSON line out), the baseline a non-Swift
# chatbot has without the server.
#
# Usage: scripts/bench-server.sh [SECONDS]   (default 30 per run; needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${1:-30}
command -v wrk >/dev/null || { echo "bench-server.sh: wrk is missing; apt-get install -y wrk" >&2; exit 69; }
swift build -c release --jobs 2 --product tagger-server >/dev/null
swift build -c release --jobs 2 --product tagger >/dev/null
work=$(mktemp -d)
source scripts/server-load.sh
trap 'stop_server; rm -rf "$work"' EXIT
write_utterances
write_wrk_script
start_server --model models/atis-en --max-concurrent 4096
lines=$(wc -l < "$work/utterances.txt")
echo "tagger-server, POST /parse, $lines ATIS test utterances in turn, ${seconds} s per run (wrk on the same 2 cores):"
printf "  %-12s %10s %9s %9s %7s\n" connections "requests/s" "p50 ms" "p99 ms" errors
for connections in 1 8 64; do
    threads=$(( connections == 1 ? 1 : 2 ))
    result=$(wrk -t "$threads" -c "$connections" -d "${seconds}s" -s "$work/parse.lua" "http://127.0.0.1:$port" | grep '^RESULT')
    read -r _ rate p50 p99 errors non2xx <<< "$result"
    printf "  %-12s %10s %9s %9s %7s\n" "$connections" "$rate" "$p50" "$p99" "$((errors + non2xx))"
done
echo "  peak resident memory of tagger-server: $(( $(peak_resident_kb) / 1024 )) MB"
stop_server
python3 scripts/bench-coprocess.py .build/release/tagger models/atis-en "$work/utterances.txt" "$seconds"
