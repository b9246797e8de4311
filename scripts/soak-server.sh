#!/usr/bin/env bash
# Soak run of tagger-server: wrk keeps 64 connections busy with POST /parse (the
# ATIS test utterances in turn) for MINUTES minutes while the model is reloaded
# (PUT /models/atis-en) every 30 s. Prints, every 30 s, the server's resident
# memory and each reload's status; at the end wrk's totals (requests/s, p50/p99,
# errors and non-2xx answers) and the growth of resident memory from the first
# sample (after 30 s of load) to the last and to the highest.
#
# Usage: scripts/soak-server.sh [MINUTES]   (default 10; needs wrk: apt-get install -y wrk)
# Exit status 1 when a request failed, a reload did not answer 200, or resident
# memory grew by more than 10 %.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
minutes=${1:-10}
command -v wrk >/dev/null || { echo "soak-server.sh: wrk is missing; apt-get install -y wrk" >&2; exit 69; }
swift build -c release --jobs 2 --product tagger-server >/dev/null
work=$(mktemp -d)
source scripts/server-load.sh
wrk_pid=""
trap '[ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null; stop_server; rm -rf "$work"' EXIT
write_utterances
write_wrk_script
start_server --model models/atis-en --max-concurrent 4096

seconds=$((minutes * 60))
wrk -t 2 -c 64 -d "${seconds}s" --timeout 10s -s "$work/parse.lua" "http://127.0.0.1:$port" > "$work/wrk.out" &
wrk_pid=$!
echo "tagger-server soak: 64 connections for $minutes min, PUT /models/atis-en every 30 s"
printf "  %6s %12s %8s\n" "s" "resident MB" "reload"
failed_reloads=0 first="" highest=0 last=0
for ((elapsed = 30; elapsed <= seconds; elapsed += 30)); do
    sleep 30
    status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "http://127.0.0.1:$port/models/atis-en")
    [ "$status" = 200 ] || failed_reloads=$((failed_reloads + 1))
    last=$(resident_kb)
    first=${first:-$last}
    (( last > highest )) && highest=$last
    printf "  %6d %12s %8s\n" "$elapsed" "$(awk -v kb="$last" 'BEGIN { printf "%.1f", kb / 1024 }')" "$status"
done
wait "$wrk_pid"; wrk_pid=""
read -r _ rate p50 p99 errors non2xx <<< "$(grep '^RESULT' "$work/wrk.out")"
growth() { awk -v from="$first" -v to="$1" 'BEGIN { printf "%+.1f", 100 * (to - from) / from }'; }
growth_last=$(growth "$last")
growth_highest=$(growth "$highest")
echo "  requests/s $rate, p50 $p50 ms, p99 $p99 ms, socket errors $errors, non-2xx $non2xx, reloads not 200: $failed_reloads"
echo "  resident memory: first sample $((first / 1024)) MB, last $((last / 1024)) MB ($growth_last %), highest $((highest / 1024)) MB ($growth_highest %), peak $(( $(peak_resident_kb) / 1024 )) MB"
if (( errors + non2xx + failed_reloads > 0 )) || (( highest * 10 > first * 11 )); then
    echo "soak-server.sh: FAILED: errors, failed reloads or more than 10 % memory growth" >&2
    exit 1
fi
