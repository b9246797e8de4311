#!/usr/bin/env bash
# The confidence figures of the shipped models, as the README reports them:
#   1. the fallback threshold chosen on the dev splits: each model's dev split is
#      in-domain, the other corpus's dev split out-of-domain; for thresholds
#      0.1, 0.2, ..., 0.8 and 0.81, 0.82, ..., 0.99 (the models are confident, so
#      the interesting range is high) the share of each side that falls back,
#      and the balanced accuracy of the decision,
#      (100 - in-domain fallback % + out-of-domain fallback %) / 2, averaged
#      over both models. The default is the highest threshold that makes at
#      most 5% of either model's dev utterances fall back (a chatbot should not
#      refuse more than one request in twenty of its own domain); the best mean
#      balanced accuracy is printed too, for those who weigh both sides equally;
#   2. on the test splits, at the threshold given (default: the evaluator's
#      default, the library's IntentFallback.defaultThreshold): the area under
#      the ROC curve and the fallback rate on each side;
#   3. the expected calibration error (10 bins) of intent and chunk confidences
#      on the test splits, without (--uncalibrated) and with the bundles' temperatures.
#
# Usage: scripts/confidence-figures.sh [threshold]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build -c release --product evaluator >/dev/null
evaluator=.build/release/evaluator
threshold=(${1:+--fallback-threshold "$1"})

# rates MODEL IN OUT THRESHOLD: "in% out%", the shares that fall back below THRESHOLD.
rates() {
    "$evaluator" --model "$1" --test "$2" --out-of-domain "$3" --fallback-threshold "$4" --json |
        python3 -c 'import json, sys; o = json.load(sys.stdin)["outOfDomain"]; print(o["inDomainFallbackRate"], o["outOfDomainFallbackRate"])'
}

echo "== fallback threshold on the dev splits (% of utterances that fall back)"
echo "           atis-en (in: ATIS dev, out: SNIPS dev)   snips-en (in: SNIPS dev, out: ATIS dev)"
echo "threshold  in-domain  out-of-domain              in-domain  out-of-domain              mean balanced accuracy"
budget="" best=""
for t in $(seq 0.1 0.1 0.8) $(seq 0.81 0.01 0.99); do
    read -r ai ao < <(rates models/atis-en corpora/atis/dev.conll corpora/snips/dev.conll "$t")
    read -r si so < <(rates models/snips-en corpora/snips/dev.conll corpora/atis/dev.conll "$t")
    line=$(python3 -c "print(f'{$t:9.2f}  {$ai:9.2f}  {$ao:13.2f}              {$si:9.2f}  {$so:13.2f}              {(200 - $ai + $ao - $si + $so) / 4:6.2f}')")
    echo "$line"
    if python3 -c "import sys; sys.exit(0 if max($ai, $si) <= 5 else 1)"; then budget=$t; fi
    best=$(printf '%s\n%s\n' "$best" "$line" | sed '/^$/d' | sort -k6,6nr -k1,1n | head -n 1)
done
echo "highest threshold with at most 5% in-domain fallback on both dev splits: $budget"
echo "best mean balanced accuracy: $best"

echo "== out of domain on the test splits"
for pair in "atis-en atis snips" "snips-en snips atis"; do
    set -- $pair
    echo "$1 (in: corpora/$2/test.conll, out: corpora/$3/test.conll):"
    "$evaluator" --model "models/$1" --test "corpora/$2/test.conll" --out-of-domain "corpora/$3/test.conll" \
        "${threshold[@]}" | grep '^out of domain'
done

echo "== calibration on the test splits (ECE, 10 bins)"
for pair in "atis-en atis" "snips-en snips"; do
    set -- $pair
    for mode in --uncalibrated ""; do
        echo "$1 ${mode:-(calibrated)}:"
        "$evaluator" --model "models/$1" --test "corpora/$2/test.conll" $mode | grep 'confidence: ECE'
    done
done
