#!/usr/bin/env bash
# Measures `tagger tag` end to end (reading, tokenizing, tagging on both cores,
# writing JSONL) on a large file: the ATIS test utterances repeated 20 times
# (17,860 lines), as raw text. Prints (whitespace-separated) tokens per second for
# each output format.
#
# Usage: scripts/bench-tagger-cli.sh [MODEL]   (default: models/atis-en)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
model=${1:-models/atis-en}
swift build -c release --product tagger >/dev/null
input=$(mktemp)
trap 'rm -f "$input"' EXIT
# Tokens of each CoNLL sentence joined by spaces, one utterance per line.
for _ in $(seq 20); do
    awk 'NF == 0 { if (line != "") print line; line = ""; next }
         /^#/ { next }
         { line = (line == "" ? $1 : line " " $1) }
         END { if (line != "") print line }' corpora/atis/test.conll
done > "$input"
lines=$(wc -l < "$input")
tokens=$(wc -w < "$input")
echo "tagger tag on $lines utterances ($tokens tokens) with $model, tokens/s:"
for format in jsonl conll inline; do
    start=$(date +%s.%N)
    .build/release/tagger tag --model "$model" --format "$format" < "$input" > /dev/null
    end=$(date +%s.%N)
    awk -v f="$format" -v t="$tokens" -v s="$start" -v e="$end" 'BEGIN { printf "  --format %-7s %8.0f  (%.2f s)\n", f, t / (e - s), e - s }'
done
