#!/usr/bin/env bash
# End-to-end test of scripts/spark_tag.py: tags the ATIS test utterances with `tagger tag` alone and
# with Spark in local mode (local[2], several partitions), with the same --reference-date, and
# checks that the two JSONL outputs are identical byte for byte, hence line for line. Prints both
# run times and throughputs. Creates .venv-spark with a pinned PySpark when it is missing.
#
# Usage: scripts/test-spark.sh [REPEAT]   (default 8: the 893 utterances 8 times, 417 KB, so that
#        the input spans several of the tagger's batches and is cut into 4 partitions; 40,
#        35,723 lines, for throughput figures less dominated by Spark's start-up of about 6 s)
# Environment: PARTITIONS (default 4), PYSPARK_VERSION (default 3.5.3), VENV (default .venv-spark).
# Needs Java 8, 11 or 17 (apt-get install -y openjdk-17-jre-headless).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repeat=${1:-8}
partitions=${PARTITIONS:-4}
pyspark_version=${PYSPARK_VERSION:-3.5.3}
venv=${VENV:-.venv-spark}
tagger=.build/release/tagger
# A fixed reference, so that "tomorrow" resolves the same in both runs whatever day it is.
reference=2026-11-27T10:30

work=""
keep=""
# A failure keeps the work directory, to look at both outputs and Spark's log.
fail() { keep=$work; echo "test-spark.sh: $1${keep:+ (inputs, outputs and Spark log kept in $keep)}" >&2; exit "${2:-1}"; }
[ -x "$tagger" ] || fail "$tagger is missing; build it with swift build -c release --product tagger" 69
command -v java >/dev/null || fail "no Java runtime; apt-get install -y openjdk-17-jre-headless" 69
if ! "$venv/bin/python" -c "import sys, pyspark; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
    echo "installing pyspark==$pyspark_version into $venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "pyspark==$pyspark_version"
fi
echo "pyspark $("$venv/bin/python" -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -1)"

work=$(mktemp -d)
trap '[ -n "$keep" ] || rm -rf "$work"' EXIT
# Tokens of each CoNLL sentence joined by spaces, one utterance per line.
awk 'NF == 0 { if (line != "") print line; line = ""; next }
     /^#/ { next }
     { line = (line == "" ? $1 : line " " $1) }
     END { if (line != "") print line }' corpora/atis/test.conll > "$work/atis.txt"
# Lines ATIS lacks that a distributed reader could split or drop unlike `tagger tag`: empty lines
# (an empty record each; one ends the file), a lone carriage return (a line end for Hadoop's
# default reader, not for the tagger) and a relative date.
{
    printf '\n'
    for _ in $(seq "$repeat"); do cat "$work/atis.txt"; done
    printf 'flights from boston\rto denver tomorrow\n\n'
} > "$work/input.txt"
# Others may rebuild the tagger or retrain the model in this tree while the test runs (a rebuild
# between the two runs once made them differ): both runs use one snapshot of each.
cp "$tagger" "$work/tagger"
cp -R models/atis-en "$work/model"
lines=$(wc -l < "$work/input.txt")
words=$(wc -w < "$work/input.txt")

seconds_since() { awk -v start="$1" -v now="$EPOCHREALTIME" 'BEGIN { print now - start }'; }
start=$EPOCHREALTIME
"$work/tagger" tag --model "$work/model" --reference-date "$reference" "$work/input.txt" > "$work/alone.jsonl"
alone=$(seconds_since "$start")
start=$EPOCHREALTIME
"$venv/bin/python" scripts/spark_tag.py "$work/input.txt" "$work/spark.jsonl" --master 'local[2]' \
    --partitions "$partitions" --reference-date "$reference" --tagger "$work/tagger" --model "$work/model" \
    --log "$work/spark.log" || fail "spark_tag.py failed with exit status $?"
spark=$(seconds_since "$start")

if ! cmp "$work/alone.jsonl" "$work/spark.jsonl"; then
    differing=$(awk 'NR == FNR { alone[FNR] = $0; next } alone[FNR] != $0 { n++ } END { print n + 0 }' \
        "$work/alone.jsonl" "$work/spark.jsonl")
    fail "MISMATCH: spark_tag.py's output differs from tagger tag's in $differing lines ($(wc -l < "$work/alone.jsonl") against $(wc -l < "$work/spark.jsonl") lines)"
fi
[ "$(wc -l < "$work/spark.jsonl")" -eq "$lines" ] || fail "MISMATCH: $lines input lines but $(wc -l < "$work/spark.jsonl") records"
printf 'identical: %d lines (%d words), one record per input line\n' "$lines" "$words"
report() { awk -v what="$1" -v s="$2" -v lines="$lines" -v words="$words" \
    'BEGIN { printf "  %-44s %7.2f s %9.0f lines/s %9.0f words/s\n", what, s, lines / s, words / s }'; }
report "tagger tag alone (all threads)" "$alone"
report "spark_tag.py, local[2], $partitions partitions" "$spark"
echo "test-spark.sh: passed"
