#!/usr/bin/env bash
# Measures CRFsuite (the reference linear-chain CRF in ../shared/reference) tagging a
# corpus's test split one sentence at a time, so that `make bench` prints it beside
# the toolkit's own figures from the same run (only ratios hold on a shared machine), with
# the median seconds of one L-BFGS training iteration and the process's peak memory.
# Makes a Python venv with python-crfsuite and seqeval when it is absent; the venv
# lives outside the repository ($CRFSUITE_VENV, default under $TMPDIR or /tmp).
#
# Usage: scripts/bench-crfsuite.sh [CORPUS_DIR]   (default: corpora/atis)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
corpus=${1:-corpora/atis}
reference=${REFERENCE_DIR:-../shared/reference}
venv=${CRFSUITE_VENV:-${TMPDIR:-/tmp}/slot-tagger-crfsuite-venv}
if [ ! -f "$reference/ref_crfsuite.py" ]; then
    echo "CRFsuite: skipped ($reference/ref_crfsuite.py not found; set REFERENCE_DIR)"
    exit 0
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pycrfsuite, seqeval' 2>/dev/null; then
    echo "CRFsuite: making the venv $venv (python-crfsuite, seqeval)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet python-crfsuite seqeval
fi
# Tagging speed does not depend on training length: 5 L-BFGS iterations take seconds.
result=$("$venv/bin/python" "$reference/ref_crfsuite.py" --data "$corpus" --max-iterations 5 --repeats 5 | tail -n 1)
echo "CRFsuite on $corpus/test.conll, one sentence at a time, 1 thread, tokens/s:"
"$venv/bin/python" - "$result" <<'PYTHON'
import json, sys
result = json.loads(sys.argv[1])
print("  end to end (features + Viterbi): %8.0f" % result["tag_batch1_tok_per_s"])
print("  Viterbi alone:                   %8.0f" % result["tag_viterbi_only_tok_per_s"])
if result.get("median_iteration_s") is not None:
    print("  one L-BFGS training iteration (median): %.2f s" % result["median_iteration_s"])
print("  peak resident memory: %.0f MB" % result["peak_rss_mib"])
PYTHON
