#!/usr/bin/env bash
# Times the PyTorch reference (scripts/bench_pytorch.py: a BiLSTM-CRF of the toolkit's default
# shape) on a corpus, so that `make bench` prints its figures beside the toolkit's and
# CRFsuite's from the same run (only ratios hold on a shared machine). Makes .venv-pytorch
# with the pinned CPU build of PyTorch from the Python registry when it is missing (about
# 200 MB, under a minute).
#
# Usage: scripts/bench-pytorch.sh [CORPUS_DIR]   (default: corpora/atis; reads train.conll and test.conll)
# Environment: TORCH_VERSION (default 2.13.0+cpu), VENV (default .venv-pytorch), SECONDS_EACH (default 3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-corpora/atis}
torch_version=${TORCH_VERSION:-2.13.0+cpu}
venv=${VENV:-.venv-pytorch}
for split in train test; do
    if [ ! -f "$corpus/$split.conll" ]; then
        echo "bench-pytorch.sh: $corpus/$split.conll not found; give a corpus directory such as corpora/atis" >&2
        exit 66
    fi
done
if ! "$venv/bin/python" -c "import sys, torch; sys.exit(torch.__version__ != '$torch_version')" 2>/dev/null; then
    echo "PyTorch: installing torch==$torch_version into $venv" >&2
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet "torch==$torch_version"; then
        echo "bench-pytorch.sh: could not install torch==$torch_version from the Python registry" >&2
        exit 69
    fi
fi
"$venv/bin/python" -u scripts/bench_pytorch.py --train "$corpus/train.conll" --test "$corpus/test.conll" \
    --seconds "${SECONDS_EACH:-3}" --threads 2
