#!/usr/bin/env bash
# Re-trains every shipped model from corpora/ with the trainer's defaults (seed 1),
# scores each on its test split with the evaluator, measures tagging speed with
# `bench`, and records the test scores and speed in the model's card (README.md).
#
# Usage: scripts/train-models.sh [atis-en] [snips-en] [resume-zh]   (default: all three)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
make --no-print-directory deps
swift build -c release >/dev/null
# GloVe 6B 50d in text form, for a recipe that passes `--embeddings "$VECTORS"`: downloaded
# and converted on the first run, checked against its recorded checksum after that.
VECTORS=$(scripts/fetch-vectors.sh)

train() {
    local name=$1 corpus=$2
    shift 2
    local model="models/$name"
    echo "== training $model on corpora/$corpus" >&2
    .build/release/trainer --train "corpora/$corpus/train.conll" --dev "corpora/$corpus/dev.conll" \
        --output "$model" --plain-progress "$@"
    local scores
    scores=$(.build/release/evaluator --model "$model" --test "corpora/$corpus/test.conll")
    .build/release/evaluator --model "$model" --test "corpora/$corpus/test.conll" --json > "$model/test-scores.json"
    local speed
    speed=$(.build/release/bench --corpus "corpora/$corpus/train.conll" --model "$model" \
        --utterances "corpora/$corpus/test.conll" --seconds 3 | sed -n '/^tagging/,$p')
    {
        echo
        echo "## Test scores"
        echo
        echo "\`evaluator --model $model --test corpora/$corpus/test.conll\` (conlleval's rules):"
        echo
        echo '```'
        echo "$scores" | sed -n '1,2p'
        echo "$scores" | grep '^intent accuracy' || true
        echo '```'
        echo
        echo "## Tagging speed"
        echo
        echo "\`bench --corpus corpora/$corpus/train.conll --model $model --utterances corpora/$corpus/test.conll\` on the training machine (2 cores):"
        echo
        echo '```'
        echo "$speed"
        echo '```'
        # What only several runs can tell (seed spread, comparisons), kept beside this script.
        if [ -f "scripts/model-notes/$name.md" ]; then
            echo
            cat "scripts/model-notes/$name.md"
        fi
    } >> "$model/README.md"
    echo "$scores" | sed -n '1,2p' >&2
    echo "$scores" | grep '^intent accuracy' >&2 || true
}

models=("$@")
[ ${#models[@]} -gt 0 ] || models=(atis-en snips-en resume-zh)
for model in "${models[@]}"; do
    case "$model" in
        atis-en) train atis-en atis --allow-unseen-dev-labels ;;
        # SNIPS already writes most numbers as numerals (3,781 digit tokens against
        # 1,710 number words); rendering its words as numerals cost 5 test intents.
        snips-en) train snips-en snips --numeral-rate 0 ;;
        # Chinese NER labelled per character: grapheme tokens, with bigram and
        # soft-word (ICU word position) features; 10 epochs (models/resume-zh/README.md).
        resume-zh) train resume-zh resume-zh --tokenizer graphemes --bigram-dimension 50 --softword-dimension 20 \
            --max-epochs 10 ;;
        *) echo "unknown model '$model' (known: atis-en, snips-en, resume-zh)" >&2; exit 64 ;;
    esac
done
