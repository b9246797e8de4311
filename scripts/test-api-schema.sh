#!/usr/bin/env bash
# Checks tagger-server against its committed OpenAPI document with schemathesis:
# every route with the documented examples, the edges of every schema
# (coverage), generated and schema-violating bodies (fuzzing), undeclared
# methods and sequences of calls (stateful), with all of schemathesis's checks
# (no 5xx, responses that match their schemas, schema-valid requests accepted,
# schema-violating ones refused, 405 for undeclared methods).
#
# Usage: scripts/test-api-schema.sh [MAX_EXAMPLES]   (default 200 per operation; a few minutes)
#
# Makes its virtual environment (.venv-schemathesis/, git-ignored) with the pinned
# schemathesis on first use, builds the server in release mode, starts it on a
# free loopback port with models/atis-en and stops it at the end. Exit status:
# schemathesis's (0: no failure), 69 when Python's venv module or the package index
# is unavailable.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
max_examples=${1:-200}
schemathesis_version=4.32.5
venv=.venv-schemathesis

if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$schemathesis_version"; then
    echo "test-api-schema.sh: installing schemathesis $schemathesis_version in $venv" >&2
    python3 -m venv "$venv" || { echo "test-api-schema.sh: error: python3 -m venv failed (apt-get install python3-venv)" >&2; exit 69; }
    "$venv/bin/pip" install --quiet "schemathesis==$schemathesis_version" \
        || { echo "test-api-schema.sh: error: could not install schemathesis from the package index" >&2; exit 69; }
fi
swift build -c release --jobs 2 --product tagger-server >&2

log=$(mktemp)
.build/release/tagger-server --model models/atis-en --port 0 2> "$log" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"' EXIT
port=""
for _ in $(seq 100); do
    port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "test-api-schema.sh: error: tagger-server did not start: $(cat "$log")" >&2; exit 70; }

"$venv/bin/schemathesis" run Sources/SlotServer/Resources/openapi.yaml --url "http://127.0.0.1:$port" \
    --checks all --max-examples "$max_examples"
