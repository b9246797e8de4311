#!/usr/bin/env bash
# Re-trains every shipped model from corpora/ with its recipe and shipped seed
# (scripts/recipes.sh), scores each on its test split with the evaluator, measures tagging
# speed with `bench`, and records the test scores and speed in the model's card (README.md),
# followed by scripts/model-notes/NAME.md where there is one (seed means, comparisons).
#
# Usage: scripts/train-models.sh [atis-en] [snips-en] [resume-zh]   (default: all three)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/recipes.sh
VECTORS=""
models=("$@")
[ ${#models[@]} -gt 0 ] || models=("${recipe_models[@]}")
for model in "${models[@]}"; do
    recipe "$model" || { echo "unknown model '$model' (known: ${recipe_models[*]})" >&2; exit 64; }
done
make --no-print-directory deps
swift build -c release >/dev/null
# GloVe 6B 50d in text form, for a recipe that passes `--embeddings "$VECTORS"`: downloaded
# and converted on the first run, checked against its recorded checksum after that.
# (named relative to the repository, so that model cards and config.json name no machine's path).
VECTORS=$(scripts/fetch-vectors.sh)
VECTORS=${VECTORS#"$PWD/"}

train() {
    local name=$1
    recipe "$name"
    local corpus=$recipe_corpus
    local model="models/$name"
    echo "== training $model on corpora/$corpus (seed $recipe_seed)" >&2
    .build/release/trainer --train "corpora/$corpus/train.conll" --dev "corpora/$corpus/dev.conll" \
        --output "$model" --plain-progress --seed "$recipe_seed" "${recipe_options[@]}"
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
        # What only several runs can tell (seed-study.sh's table, comparisons), kept beside this script.
        local notes_files=("scripts/model-notes/$name-seeds.md" "scripts/model-notes/$name.md")
        [[ " ${recipe_options[*]} " != *" --embeddings "* ]] || notes_files=(scripts/model-notes/vectors.md "${notes_files[@]}")
        for notes in "${notes_files[@]}"; do
            if [ -f "$notes" ]; then
                echo
                cat "$notes"
            fi
        done
    } >> "$model/README.md"
    echo "$scores" | sed -n '1,2p' >&2
    echo "$scores" | grep '^intent accuracy' >&2 || true
}

for model in "${models[@]}"; do
    train "$model"
done
