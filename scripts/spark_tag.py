#!/usr/bin/env python3
"""Tag a large text file on Apache Spark with `tagger tag`, into one JSONL file in input order.

`tagger tag` is a line-in, line-out filter, so the input is cut into byte ranges of whole lines,
each Spark task runs one `tagger tag` process on its range, Spark saves each task's records as a
part file and the part files are joined in order: OUTPUT is byte for byte what
`tagger tag --format jsonl INPUT` writes alone (one record per line, an empty record for an empty
line), and no record passes through the driver.

A result does not depend on the lines tagged beside it (the library computes each sentence apart
from the others, to the last bit of every confidence), so any cut between lines reproduces the
run alone. Each task's tagger reads its range from INPUT itself, not through `RDD.pipe` over
`sc.textFile`: Hadoop's line reader would split lines at a lone \r and turn invalid UTF-8 into
U+FFFD, where the tagger sees the input's bytes and names a bad line by its number in INPUT.

Usage (PySpark 3.5 and a Java 8, 11 or 17 runtime):
    python3 -m venv .venv-spark && .venv-spark/bin/pip install pyspark==3.5.3
    .venv-spark/bin/python scripts/spark_tag.py utterances.txt tagged.jsonl --reference-date 2026-11-27
    .venv-spark/bin/python scripts/spark_tag.py big.txt big.jsonl --master spark://head:7077 --partitions 64

On a cluster the tagger (with its shared libraries) and the model must be at the same path on
every worker (e.g. `make install` on each), and INPUT and OUTPUT's directory on a file system that
the driver and every worker see (tasks read INPUT themselves).

Exit status (sysexits): 0 done, 64 bad options, 65 an input line the tagger refuses (named by its
line number in INPUT, as `tagger tag` names it), 66 missing input or model, 69 tagger, Java or
PySpark unavailable, 70 Spark failure, 73 OUTPUT cannot be written. Spark's own log goes to a file
(--log), never to the terminal: an error is one line on standard error.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = "spark_tag.py"
BYTE_ORDER_MARK = b"\xef\xbb\xbf"
# Executors report a tagger failure inside an exception that reaches the driver wrapped in Java and
# Python stack traces; the marker lets the driver find the one line that matters.
FAILURE_MARKER = "SPARK_TAG_FAILURE"
LOG4J2 = """\
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = {log}
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{{HH:mm:ss.SSS}} %p %c{{1}}: %m%n
"""


class Failure(Exception):
    """An error to report as one line, with its sysexits status."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{PROGRAM}: error: {message}", file=sys.stderr)
        sys.exit(64)


def positive(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def parse_arguments(argv):
    # What follows `--` goes to every `tagger tag` as it is; argparse would take it for its own options.
    tagger_options = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = Parser(
        prog=PROGRAM,
        usage="%(prog)s [options] INPUT OUTPUT [-- TAGGER_OPTION ...]",
        description="Tag INPUT (UTF-8 text, one utterance per line) with `tagger tag` on Apache Spark, "
        "one tagger process per partition, and write OUTPUT: one JSONL record per input line, in "
        "input order, byte for byte what `tagger tag --format jsonl INPUT` alone writes.",
        epilog="Dates such as 'tomorrow' resolve from --reference-date; without it the driver fixes "
        "the present moment once, so every partition resolves from the same moment (printed, to "
        "re-run the job with). Options after -- go to every `tagger tag` unchanged, e.g. "
        "-- --max-tokens 2000 --nbest 3 --lossy (not --input-format: the input is text, one utterance per line). "
        "Exit status: 64 bad options, 65 an input line the tagger refuses, "
        "66 missing input or model, 69 tagger/Java/PySpark unavailable, 70 Spark failure, "
        "73 cannot write OUTPUT.",
    )
    parser.add_argument("input", metavar="INPUT", help="text file to tag, one utterance per line")
    parser.add_argument("output", metavar="OUTPUT",
                        help="JSONL file to write (replaced when the job succeeds, untouched when it fails)")
    parser.add_argument("--tagger", metavar="PATH", default=str(ROOT / ".build/release/tagger"),
                        help="the tagger executable (default: this checkout's .build/release/tagger)")
    parser.add_argument("--model", metavar="DIR", default=str(ROOT / "models/atis-en"),
                        help="the model bundle (default: this checkout's models/atis-en)")
    parser.add_argument("--reference-date", metavar="DATE",
                        help="the local date (and time) relative dates count from, as 2026-11-27 or "
                        "2026-11-27T10:30, passed to every tagger (default: now, fixed once by the driver)")
    parser.add_argument("--time-zone", metavar="ZONE", default="UTC",
                        help="the time zone of the reference date, as `tagger tag --time-zone` takes it "
                        "(UTC, +01:00, UTC-08:00, Europe/Paris; default: UTC)")
    parser.add_argument("--master", default="local[2]",
                        help="Spark master URL (default: local[2], two cores of this machine)")
    parser.add_argument("--partitions", metavar="N", type=positive,
                        help="cut INPUT into N partitions of about equal size, one tagger process each "
                        "(default: Spark's default parallelism; fewer when INPUT has fewer lines)")
    parser.add_argument("--conf", metavar="KEY=VALUE", action="append", default=[],
                        help="a Spark setting, e.g. spark.executor.memory=2g (repeatable)")
    parser.add_argument("--log", metavar="FILE",
                        help="where Spark's log goes (default: a temporary file, kept only when the job fails)")
    arguments = parser.parse_args(argv)
    for setting in arguments.conf:
        if "=" not in setting:
            parser.error(f"--conf '{setting}' is not KEY=VALUE")
    if any(option.startswith("--input-format") for option in tagger_options):
        parser.error("--input-format cannot be passed to the tagger: INPUT is text, one utterance per line")
    arguments.tagger_options = tagger_options
    return arguments


def tagger_command(arguments, reference_date, threads):
    command = [arguments.tagger, "tag", "--model", arguments.model, "--format", "jsonl",
               "--time-zone", arguments.time_zone, "--threads", str(threads)]
    if reference_date:
        command += ["--reference-date", reference_date]
    return command + arguments.tagger_options


def check_tagger(arguments):
    """Runs the tagger once on no input: a missing model or an option it refuses stops the job
    before Spark starts, with the tagger's own message."""
    if not os.access(arguments.tagger, os.X_OK) or os.path.isdir(arguments.tagger):
        raise Failure(69, f"no tagger executable at {arguments.tagger}; build it with "
                          "`swift build -c release --product tagger` or pass --tagger PATH")
    if not os.path.isdir(arguments.model):
        raise Failure(66, f"no model directory at {arguments.model}; pass --model DIR")
    try:
        result = subprocess.run(tagger_command(arguments, arguments.reference_date, 1),
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    except OSError as error:
        raise Failure(69, f"{arguments.tagger} does not run: {error.strerror}")
    if result.returncode:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        message = re.sub(r"^(tagger: )?(error: |Error: )?", "", lines[0] if lines else "")
        status = result.returncode if result.returncode in (64, 66) else 69
        raise Failure(status, f"{arguments.tagger} refuses to start: {message or f'exit {result.returncode}'}")


def now_in(zone):
    """The present moment as a --reference-date in `zone` (one `tagger tag` has accepted)."""
    offset = re.fullmatch(r"(?:UTC|GMT)?(?:Z|([+-])(\d{1,2}):?(\d\d)?)?", zone, re.IGNORECASE)
    if offset:
        sign, hours, minutes = offset.groups()
        zone_info = timezone((-1 if sign == "-" else 1) * timedelta(hours=int(hours or 0), minutes=int(minutes or 0)))
    else:
        from zoneinfo import ZoneInfo
        try:
            zone_info = ZoneInfo(zone)
        except Exception:
            raise Failure(64, f"cannot tell the present time in '{zone}'; pass --reference-date")
    return datetime.now(zone_info).strftime("%Y-%m-%dT%H:%M:%S")


def cut(path, partitions):
    """`partitions` byte ranges of about equal size (fewer for a small file), each starting at the
    start of a line. Any line start will do: a result does not depend on the lines tagged beside it
    (the library computes each sentence apart from the others), so the tagger of each range writes
    what `tagger tag INPUT` writes for those lines."""
    size = os.path.getsize(path)
    cuts = {0}
    with open(path, "rb") as file:
        for k in range(1, partitions):
            file.seek(size * k // partitions)
            file.readline()
            start = file.tell()
            # A fresh tagger skips a byte order mark at the start of its range: never cut before one.
            while start < size and file.read(3) == BYTE_ORDER_MARK:
                file.seek(start)
                file.readline()
                start = file.tell()
            if start < size:
                cuts.add(start)
    cuts = sorted(cuts)
    return list(zip(cuts, cuts[1:] + [size]))


def tag_ranges(command, path):
    """The function Spark runs on each partition: its byte range of INPUT through one `tagger tag`
    process, reading a copy of the range from a file, and its records back in the same order."""

    def run(index, ranges):
        from pyspark import SparkFiles

        for start, end in ranges:
            # Spark deletes its own directory when the executor stops, even if this task is killed.
            with tempfile.TemporaryDirectory(prefix="spark_tag-", dir=SparkFiles.getRootDirectory()) as work:
                lines = os.path.join(work, f"partition-{index}.txt")
                with open(path, "rb") as source, open(lines, "wb") as copy:
                    source.seek(start)
                    remaining = end - start
                    while remaining and (chunk := source.read(min(remaining, 1 << 20))):
                        copy.write(chunk)
                        remaining -= len(chunk)
                with tempfile.TemporaryFile() as errors:
                    tagger = subprocess.Popen(command + [lines], stdin=subprocess.DEVNULL,
                                              stdout=subprocess.PIPE, stderr=errors)
                    for record in tagger.stdout:
                        yield record.rstrip(b"\n").decode("utf-8")
                    status = tagger.wait()
                    if status:
                        errors.seek(0)
                        said = [line for line in errors.read().decode("utf-8", "replace").splitlines() if line.strip()]
                        message = said[-1] if said else f"the tagger died of signal {-status}" if status < 0 else f"exit {status}"
                        located = re.search(re.escape(lines) + r":(\d+): (.*)", message)
                        failure = {"start": start, "status": status, "message": message, "line": None}
                        if located:
                            failure.update(line=int(located[1]), message=located[2])
                        raise RuntimeError(FAILURE_MARKER + json.dumps(failure) + FAILURE_MARKER)

    return run


def lines_before(path, offset):
    """How many lines of INPUT end before byte `offset` (only for an error message)."""
    count = 0
    with open(path, "rb") as file:
        while offset > 0 and (chunk := file.read(min(offset, 1 << 20))):
            count += chunk.count(b"\n")
            offset -= len(chunk)
    return count


def join_parts(parts, output):
    """Concatenates Spark's part files in partition order into OUTPUT (atomically); returns the line count."""
    names = sorted((name for name in os.listdir(parts) if name.startswith("part-")),
                   key=lambda name: int(name.split("-")[1]))
    count = 0
    staging = Path(parts) / "joined.jsonl"
    with open(staging, "wb") as joined:
        for name in names:
            with open(Path(parts) / name, "rb") as part:
                while chunk := part.read(1 << 20):
                    joined.write(chunk)
                    count += chunk.count(b"\n")
    os.replace(staging, output)
    return count


def run(arguments):
    started = time.monotonic()
    source = Path(arguments.input).absolute()
    if not source.is_file():
        raise Failure(66, f"{arguments.input}: no such file" if not source.exists() else f"{arguments.input}: not a file")
    if not os.access(source, os.R_OK):
        raise Failure(66, f"{arguments.input}: not readable")
    output = Path(arguments.output).absolute()
    if output.is_dir():
        raise Failure(73, f"{arguments.output} is a directory; OUTPUT is the JSONL file to write")
    if not output.parent.is_dir() or not os.access(output.parent, os.W_OK):
        raise Failure(73, f"cannot write in {output.parent}")
    arguments.tagger = str(Path(arguments.tagger).absolute())
    arguments.model = str(Path(arguments.model).absolute())
    check_tagger(arguments)
    reference_date = arguments.reference_date or now_in(arguments.time_zone)
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise Failure(69, "no Java runtime (PySpark 3.5 needs Java 8, 11 or 17): apt-get install -y openjdk-17-jre-headless")
    try:
        from pyspark import SparkConf, SparkContext
        from py4j.protocol import Py4JJavaError
    except ImportError:
        raise Failure(69, f"PySpark is missing for {sys.executable}: pip install pyspark==3.5.3")

    # The parts are written beside OUTPUT, so the final rename stays on one file system.
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}.spark-", dir=output.parent))
    log = Path(arguments.log).absolute() if arguments.log else Path(tempfile.mkstemp(prefix="spark_tag-", suffix=".log")[1])
    log.write_text("")
    (work / "log4j2.properties").write_text(LOG4J2.format(log=log))
    if arguments.master.startswith("local"):
        # Workers run the driver's Python, which has PySpark, rather than whatever python3 is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = (SparkConf().setAppName("spark_tag").setMaster(arguments.master)
            .set("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={(work / 'log4j2.properties').as_uri()}")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.ui.enabled", "false"))
    for setting in arguments.conf:
        conf.set(*setting.split("=", 1))
    context = None
    try:
        # The JVM inherits standard error: pointed at the log while it starts, it writes there what
        # it says before log4j is set up (or instead of starting), and so do its Python workers.
        terminal = os.dup(2)
        try:
            with open(log, "a") as jvm_errors:
                os.dup2(jvm_errors.fileno(), 2)
            context = SparkContext(conf=conf)
        except Exception as error:
            cause = re.search(r"Exception: (.*)", log.read_text(errors="replace"))
            raise Failure(69, f"Spark does not start: {cause[1] if cause else str(error).strip().splitlines()[0]} (log: {log})")
        finally:
            os.dup2(terminal, 2)
            os.close(terminal)
        # A task gets spark.task.cpus cores; a tagger with more threads would only contend with the other tasks.
        threads = int(conf.get("spark.task.cpus", "1"))
        ranges = cut(str(source), arguments.partitions or context.defaultParallelism)
        command = tagger_command(arguments, reference_date, threads)
        records = context.parallelize(ranges, len(ranges)).mapPartitionsWithIndex(tag_ranges(command, str(source)))
        try:
            records.saveAsTextFile((work / "parts").as_uri())
        except Py4JJavaError as error:
            details = str(error)
            with open(log, "a") as file:
                file.write(details)
            found = re.search(FAILURE_MARKER + "(.*?)" + FAILURE_MARKER, details)
            if not found:
                first = next((line for line in details.splitlines() if "Exception" in line or "Error" in line), "")
                raise Failure(70, f"the Spark job failed: {first.strip()[:300]}; see {log}")
            failure = json.loads(found[1])
            if failure["line"]:
                where = f"{arguments.input}:{lines_before(source, failure['start']) + failure['line']}"
            else:
                where = f"{arguments.input}, the partition from byte {failure['start']}"
            status = failure["status"] if failure["status"] > 0 else 70
            raise Failure(status, f"{where}: {failure['message']} (tagger status {failure['status']}; log: {log})")
        count = join_parts(work / "parts", output)
    finally:
        if context is not None:
            context.stop()
        shutil.rmtree(work, ignore_errors=True)
    if not arguments.log:
        log.unlink(missing_ok=True)
    print(f"{PROGRAM}: {count} lines tagged in {len(ranges)} partitions on {arguments.master} "
          f"(reference date {reference_date} {arguments.time_zone}) in {time.monotonic() - started:.1f} s: {output}",
          file=sys.stderr)


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        run(arguments)
    except Failure as failure:
        print(f"{PROGRAM}: error: {failure}", file=sys.stderr)
        return failure.status
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
