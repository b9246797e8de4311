#!/usr/bin/env bash
# Measures training speed on a corpus with the trainer's defaults and both cores:
# the seconds of each epoch (training plus the dev evaluation, as the trainer
# reports them) for a short run, and the whole run from start to exit, which adds
# loading, calibration and writing the bundle. The model goes to a temporary
# directory that is removed.
#
# Usage: scripts/bench-training.sh [CORPUS_DIR] [EPOCHS]   (default: corpora/atis 3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-corpora/atis}
epochs=${2:-3}
swift build -c release --product trainer >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
status=0
.build/release/trainer --train "$corpus/train.conll" --dev "$corpus/dev.conll" --output "$work/model" \
    --max-epochs "$epochs" --allow-unseen-dev-labels --plain-progress 2> "$work/progress.txt" || status=$?
end=$(date +%s.%N)
if [ "$status" -ne 0 ]; then
    # The trainer's own error line, which names what to fix.
    grep 'error:' "$work/progress.txt" >&2 || tail -n 1 "$work/progress.txt" >&2
    exit "$status"
fi
echo "trainer on $corpus, defaults, 2 threads, $epochs epochs:"
# Epoch lines end in "(S s, lr R)" with the epoch's seconds.
sed -n 's/^trainer: epoch \([0-9]*\):.*(\([0-9.]*\) s, lr.*/  epoch \1: \2 s/p' "$work/progress.txt"
awk -v s="$start" -v e="$end" 'BEGIN { printf "  whole run, start to exit: %.1f s\n", e - s }'
