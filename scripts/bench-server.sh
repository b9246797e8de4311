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
port=${PORT:-18080}
command -v wrk >/dev/null || { echo "bench-server.sh: wrk is missing; apt-get install -y wrk" >&2; exit 69; }
swift build -c release --jobs 2 --product tagger-server >/dev/null
swift build -c release --jobs 2 --product tagger >/dev/null
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
# Tokens of each CoNLL sentence joined by spaces, one utterance per line.
awk 'NF == 0 { if (line != "") print line; line = ""; next }
     /^#/ { next }
     { line = (line == "" ? $1 : line " " $1) }
     END { if (line != "") print line }' corpora/atis/test.conll > "$work/utterances.txt"
cat > "$work/parse.lua" <<LUA
-- Each request is POST /parse with the next ATIS test utterance.
local bodies = {}
for line in io.lines("$work/utterances.txt") do
  bodies[#bodies + 1] = '{"text": "' .. line:gsub('\\\\', '\\\\\\\\'):gsub('"', '\\\\"') .. '"}'
end
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  return wrk.format(nil, "/parse", nil, bodies[(counter % #bodies) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %.0f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
LUA
.build/release/tagger-server --model models/atis-en --port "$port" --max-concurrent 4096 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
    grep -q "listening" "$work/server.log" 2>/dev/null && break
    sleep 0.1
done
lines=$(wc -l < "$work/utterances.txt")
echo "tagger-server, POST /parse, $lines ATIS test utterances in turn, ${seconds} s per run (wrk on the same 2 cores):"
printf "  %-12s %10s %9s %9s %7s\n" connections "requests/s" "p50 ms" "p99 ms" errors
for connections in 1 8 64; do
    threads=$(( connections == 1 ? 1 : 2 ))
    result=$(wrk -t "$threads" -c "$connections" -d "${seconds}s" -s "$work/parse.lua" "http://127.0.0.1:$port" | grep '^RESULT')
    read -r _ rate p50 p99 errors <<< "$result"
    printf "  %-12s %10s %9s %9s %7s\n" "$connections" "$rate" "$p50" "$p99" "$errors"
done
echo "  peak resident memory of tagger-server: $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$server_pid/status")"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
python3 scripts/bench-coprocess.py .build/release/tagger models/atis-en "$work/utterances.txt" "$seconds"
