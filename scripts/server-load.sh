# Shared by scripts/bench-server.sh and scripts/soak-server.sh (sourced, not run):
# the ATIS test utterances, the wrk script that posts them, and a tagger-server
# started on a free loopback port. The caller sets `work` (a temporary directory
# it removes) and calls stop_server in its EXIT trap.

server_pid=""

# Tokens of each CoNLL sentence of corpora/atis/test.conll joined by spaces, one
# utterance per line, into $work/utterances.txt.
write_utterances() {
    awk 'NF == 0 { if (line != "") print line; line = ""; next }
         /^#/ { next }
         { line = (line == "" ? $1 : line " " $1) }
         END { if (line != "") print line }' corpora/atis/test.conll > "$work/utterances.txt"
}

# $work/parse.lua: each wrk request is POST /parse with the next utterance; at the
# end wrk prints "RESULT requests/s p50-ms p99-ms errors non-2xx".
write_wrk_script() {
    cat > "$work/parse.lua" <<LUA
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
  io.write(string.format("RESULT %.0f %.3f %.3f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
LUA
}

# Starts the release tagger-server with the given arguments on a free port; sets
# server_pid and port.
start_server() {
    .build/release/tagger-server --port 0 "$@" 2> "$work/server.log" &
    server_pid=$!
    port=""
    for _ in $(seq 200); do
        port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/server.log")
        [ -n "$port" ] && return 0
        sleep 0.1
    done
    echo "$(basename "$0"): error: tagger-server did not start: $(cat "$work/server.log")" >&2
    exit 70
}

stop_server() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    server_pid=""
}

# Resident memory of the server now and at its peak, in kB.
resident_kb() { awk '/VmRSS/ { print $2 }' "/proc/$server_pid/status"; }
peak_resident_kb() { awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status"; }
