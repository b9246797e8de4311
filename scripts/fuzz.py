#!/usr/bin/env python3
"""Fuzzes the built executables with mutated inputs and checks the contract of
DEVELOPERS.md on every run: no signal, no hang, an allowed sysexits code, and on
failure exactly one `tool: error: ` line on standard error; on success, every
JSONL record parses as strict JSON (no `nan`).

Targets (each run for --seconds):
  conll      mutated CoNLL corpora          -> evaluator --gold F --predicted F
  jsonl      mutated JSONL span records     -> evaluator --gold F --predicted F
  tokenizer  mutated text lines             -> tagger tokenize --format jsonl
  tag        mutated text lines             -> tagger tag --model M
  model      mutated config.json and header -> tagger tag --model COPY
  trainer    random option values           -> trainer on a tiny corpus, 1 epoch

Usage (from the repository root, after `swift build -c release --jobs 2`):
  nice -n 10 python3 scripts/fuzz.py --target conll --seconds 600
  nice -n 10 python3 scripts/fuzz.py --target all --seconds 600   # each target in turn

Failing inputs are kept under --findings (default .build/fuzz-findings) with the
command that failed; the script exits 1 when any run broke the contract.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# 70 (internal error, "please report it") is not among them: bad input must get its own status.
SYSEXITS = {64, 65, 66, 74}
TIME_LIMIT = 30  # seconds per run; longer counts as a hang

INTERESTING_TEXT = [
    "", " ", "\t", "\u00a0", "\u200b", "\ufeff", "\x00", "\r", "\r\n", "\n\n", "#", "# intent = ", "# intent = x",
    "B-", "I-", "E-", "S-", "X-city", "B-B-city", "O", "\U0001f44d\U0001f3fd",
    "e\u0301", "我想明天", "東京から", "ฉันอยากไป", "U.S.A.", "3.5kg", "$400", "\"", "\\", "{", "}", "[", "]", ":", ",",
    "-1", "0", "1e308", "nan", "inf", "9223372036854775807", "-9223372036854775808", "\u202e", "\U0010ffff",
]
INTERESTING_NUMBERS = [0, -1, 1, 2, 3, 5000, 1 << 31, 1 << 40, -(1 << 40), 9223372036854775807, 0.5, 1.0, 1e-30, 1e30,
                       -0.0, "nan", "inf", None, True, "x", [], {}]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Byte-level mutations: flips, insertions, deletions, duplications, splices of interesting text."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.randrange(7)
        position = rng.randrange(len(data) + 1)
        if choice == 0 and data:
            data[min(position, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif choice == 1:
            data[position:position] = bytes([rng.randrange(256)])
        elif choice == 2 and data:
            del data[position:position + rng.randint(1, 16)]
        elif choice == 3 and data:
            start = rng.randrange(len(data))
            chunk = data[start:start + rng.randint(1, 64)]
            data[position:position] = chunk * rng.randint(1, 50)
        elif choice == 4:
            data[position:position] = rng.choice(INTERESTING_TEXT).encode("utf-8", "surrogatepass")
        elif choice == 5:
            data[position:position] = bytes(rng.choice([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf], [0xe2, 0x80]]))
        else:
            data[position:position] = b"\t" if rng.random() < 0.5 else b"\n"
    return bytes(data)


def mutate_json(value, rng: random.Random, depth=0):
    """Structure-aware JSON mutations: change, delete, duplicate or retype values."""
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        roll = rng.random()
        if roll < 0.15:
            del value[key]
        elif roll < 0.6 and depth < 6:
            value[key] = mutate_json(value[key], rng, depth + 1)
        else:
            value[key] = rng.choice(INTERESTING_NUMBERS)
        return value
    if isinstance(value, list) and value:
        roll = rng.random()
        index = rng.randrange(len(value))
        if roll < 0.3:
            value.append(value[index])  # a duplicate entry
        elif roll < 0.5:
            del value[index]
        elif depth < 6:
            value[index] = mutate_json(value[index], rng, depth + 1)
        return value
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return rng.choice([v for v in INTERESTING_NUMBERS if isinstance(v, (int, float))])
    if isinstance(value, str):
        return rng.choice(INTERESTING_TEXT)
    return rng.choice(INTERESTING_NUMBERS)


class Fuzzer:
    def __init__(self, arguments):
        self.binaries = os.path.join(ROOT, arguments.build)
        self.findings = arguments.findings
        self.rng = random.Random(arguments.seed)
        self.work = tempfile.mkdtemp(prefix="slot-fuzz-")
        self.runs = 0
        self.failures = 0
        self.statuses = {}
        os.makedirs(self.findings, exist_ok=True)
        self.conll = open(os.path.join(ROOT, "corpora/atis/dev.conll"), encoding="utf-8").read().split("\n\n")
        self.model = os.path.join(ROOT, "models/atis-en")
        self.sentences = [line for line in open(os.path.join(ROOT, "corpora/samples/sentences.txt"), encoding="utf-8")]

    def run(self, tool, arguments, stdin=b"", files=(), allowed=SYSEXITS | {0}, jsonl_output=False):
        """Runs one command and checks the contract; keeps the inputs of a failing run."""
        command = [os.path.join(self.binaries, tool)] + arguments
        self.runs += 1
        problem = None
        try:
            result = subprocess.run(command, input=stdin, capture_output=True, timeout=TIME_LIMIT, cwd=self.work)
        except subprocess.TimeoutExpired:
            problem = f"hang: no exit within {TIME_LIMIT} s"
            result = None
        if result is not None:
            status = result.returncode
            self.statuses[status] = self.statuses.get(status, 0) + 1
            errors = [line for line in result.stderr.decode("utf-8", "replace").splitlines() if line.startswith(f"{tool}: error: ")]
            if status < 0:
                problem = f"killed by signal {-status}"
            elif status not in allowed:
                problem = f"exit status {status}"
            elif status != 0 and len(errors) != 1 and not (status == 64 and result.stderr.startswith(b"Error: ")):
                # Usage errors found by the argument parser keep its own format (Error: …, usage, help hint).
                problem = f"exit {status} with {len(errors)} error lines"
            elif status == 0 and jsonl_output:
                for line in result.stdout.decode("utf-8", "replace").splitlines():
                    try:
                        json.loads(line, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
                    except ValueError as error:
                        problem = f"output is not strict JSON ({error}): {line[:200]}"
                        break
        if problem:
            self.failures += 1
            case = os.path.join(self.findings, f"{tool}-{int(time.time() * 1000)}")
            os.makedirs(case, exist_ok=True)
            for path in files:
                if os.path.isdir(path):
                    shutil.copytree(path, os.path.join(case, os.path.basename(path)), dirs_exist_ok=True)
                elif os.path.exists(path):
                    shutil.copy(path, case)
            with open(os.path.join(case, "stdin"), "wb") as handle:
                handle.write(stdin)
            with open(os.path.join(case, "report.txt"), "w") as handle:
                handle.write(f"{problem}\ncommand: {' '.join(command)}\n")
                if result is not None:
                    handle.write("stderr:\n" + result.stderr.decode("utf-8", "replace")[-4000:])
            print(f"  FAIL {problem}: {' '.join(command)} (kept in {case})", flush=True)

    def write(self, name, data: bytes) -> str:
        path = os.path.join(self.work, name)
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    # Targets: each performs one run.

    def target_conll(self):
        sample = "\n\n".join(self.rng.sample(self.conll, k=min(len(self.conll), self.rng.randint(1, 6)))) + "\n"
        path = self.write("gold.conll", mutate_bytes(sample.encode(), self.rng))
        self.run("evaluator", ["--gold", path, "--predicted", path], files=[path])

    def target_jsonl(self):
        records = []
        for _ in range(self.rng.randint(1, 5)):
            text = self.rng.choice(self.sentences).strip()
            words = text.split(" ")
            index = self.rng.randrange(len(words))
            start = len(" ".join(words[:index])) + (1 if index else 0)
            end = start + len(words[index])
            record = {"text": text, "intent": "atis_flight", "slots": [{"start": start, "end": end, "label": "city"}]}
            if self.rng.random() < 0.5:
                record = mutate_json(record, self.rng)
            records.append(json.dumps(record, ensure_ascii=self.rng.random() < 0.5))
        data = ("\n".join(records) + "\n").encode()
        if self.rng.random() < 0.5:
            data = mutate_bytes(data, self.rng)
        path = self.write("gold.jsonl", data)
        self.run("evaluator", ["--gold", path, "--predicted", path], files=[path])

    def lines(self):
        text = "".join(self.rng.sample(self.sentences, k=self.rng.randint(1, 5)))
        return mutate_bytes(text.encode(), self.rng)

    def target_tokenizer(self):
        mode = self.rng.choice(["words", "graphemes"])
        arguments = ["tokenize", "--format", "jsonl", "--mode", mode] + (["--lossy"] if self.rng.random() < 0.3 else [])
        self.run("tagger", arguments, stdin=self.lines(), jsonl_output=True)

    def target_tag(self):
        arguments = ["tag", "--model", self.model]
        if self.rng.random() < 0.3:
            arguments += ["--nbest", str(self.rng.choice([1, 2, 5, 100, 101, 0, -1, 9223372036854775807]))]
        if self.rng.random() < 0.3:
            arguments += ["--max-tokens", str(self.rng.choice([1, 3, 1000, 0]))]
        if self.rng.random() < 0.2:
            arguments += ["--lossy"]
        self.run("tagger", arguments, stdin=self.lines(), jsonl_output=True)

    def target_model(self):
        copy = os.path.join(self.work, "model")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(self.model, copy)
        config_path = os.path.join(copy, "config.json")
        if self.rng.random() < 0.7:
            config = json.load(open(config_path, encoding="utf-8"))
            model = config.get("model", {})
            sections = [config, model, model.get("architecture", {}), model.get("featurizer", {}), config.get("weights", {})]
            for _ in range(self.rng.randint(1, 3)):
                mutate_json(self.rng.choice([section for section in sections if isinstance(section, dict)]), self.rng)
            with open(config_path, "w", encoding="utf-8") as handle:
                json.dump(config, handle)
        else:
            weights = os.path.join(copy, "model.safetensors")
            data = open(weights, "rb").read()
            header_end = 8 + int.from_bytes(data[:8], "little")
            data = mutate_bytes(data[:min(header_end + 64, len(data))], self.rng) + data[min(header_end + 64, len(data)):]
            open(weights, "wb").write(data)
        self.run("tagger", ["tag", "--model", copy], stdin=b"i want to fly from boston to denver\n", files=[copy],
                 jsonl_output=True)

    def target_trainer(self):
        corpus = "\n\n".join(self.conll[:8]) + "\n"
        train = self.write("train.conll", corpus.encode())
        values = {
            "--hidden-size": [0, -5, 1, 4, 1024, 1025, 10 ** 9], "--word-dimension": [-1, 0, 4, 2048],
            "--char-dimension": [0, 4, -1], "--char-filters": [0, 3], "--char-window": [0, 1, 2, 3, 11],
            "--layers": [0, 1, 2, 3, 9], "--batch-size": [0, 1, 1000], "--dropout": [0, 0.5, 1, -0.1, "nan"],
            "--learning-rate": [-1, 0, 1e-4, 1, 10, 11, "nan", "inf", "1e6"], "--clip-norm": [-1, 0, 1, "inf"],
            "--averaging-decay": [0, 0.5, 1], "--intent-weight": [0, 1, "nan", -1], "--threads": [0, 1, 2, 300],
            "--learning-rate-decay": [-1, 0, 1], "--word-dropout": [0, 1], "--intent-smoothing": [0, 0.5, 1],
            "--char-encoder": ["cnn", "bilstm", "x"], "--cell": ["lstm", "gru", "x"], "--optimizer": ["sgd", "adam", "rmsprop"],
            "--intent-hidden-size": [-1, 0, 4], "--min-word-count": [0, 1, 2], "--numeral-rate": [0, 1, 2],
        }
        arguments = ["--train", train, "--dev", train, "--output", os.path.join(self.work, "out"), "--max-epochs", "1",
                     "--plain-progress", "--hidden-size", "4", "--word-dimension", "4", "--char-dimension", "4",
                     "--char-hidden-size", "4"]
        for option in self.rng.sample(list(values), k=self.rng.randint(1, 4)):
            arguments += [f"{option}={self.rng.choice(values[option])}"]
        if self.rng.random() < 0.3:
            config = mutate_json({"batchSize": 10, "dropout": 0.5, "architecture": {"characterWindow": 3, "layers": 1}}, self.rng)
            arguments += ["--config", self.write("options.json", json.dumps(config).encode())]
        self.run("trainer", arguments, files=[train])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", default="all", help="conll, jsonl, tokenizer, tag, model, trainer or all")
    parser.add_argument("--seconds", type=float, default=60, help="time per target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--build", default=".build/release", help="directory of the built executables")
    parser.add_argument("--findings", default=os.path.join(ROOT, ".build/fuzz-findings"))
    arguments = parser.parse_args()
    fuzzer = Fuzzer(arguments)
    targets = ["conll", "jsonl", "tokenizer", "tag", "model", "trainer"] if arguments.target == "all" else [arguments.target]
    for target in targets:
        step = getattr(fuzzer, f"target_{target}")
        runs, failures, started = fuzzer.runs, fuzzer.failures, time.time()
        fuzzer.statuses = {}
        while time.time() - started < arguments.seconds:
            step()
        print(f"{target}: {fuzzer.runs - runs} runs in {time.time() - started:.0f} s, "
              f"{fuzzer.failures - failures} broke the contract; exit statuses {dict(sorted(fuzzer.statuses.items()))}",
              flush=True)
    shutil.rmtree(fuzzer.work, ignore_errors=True)
    sys.exit(1 if fuzzer.failures else 0)


if __name__ == "__main__":
    main()
