"""
The ``gxai-policy`` command line.

Exit codes: 0 no errors, 1 errors (or warnings, with ``--fail-on warning``),
2 unusable input, output that cannot be written, or a usage error.  Every
failure of the tool itself is one line on standard error (``--debug``
adds the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import json
import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Final

import gxai_policy as gp
from gxai_policy._cli.files import (
    FORMATS,
    Input,
    Options,
    OutputError,
    UnusableInputError,
    format_for,
    open_input,
    open_output,
)
from gxai_policy._cli.report import REPORTS, Counts
from gxai_policy._cli.work import Task, batches
from gxai_policy.data import FOUNDING_LETTER_FILE, StatedFigure, founding_figures, founding_letter
from gxai_policy.text import reply_figures
from gxai_policy.text.files import detect_format

__all__ = ["RECORD_TYPES", "UnusableInputError", "build_parser", "main"]

#: The record types the commands take, by their command-line name.
RECORD_TYPES: Final[dict[str, type]] = {
    "proposal": gp.Proposal,
    "reply": gp.Reply,
    "task": gp.Task,
    "platform": gp.Platform,
    "scholar": gp.Scholar,
    "enterprise": gp.Enterprise,
    "subsidy": gp.Subsidy,
    "dataset": gp.Dataset,
}

CLEAN, FINDINGS, UNUSABLE = 0, 1, 2

#: The languages the demo speaks: Chinese, English, or both (Chinese first).
LANGUAGES: Final = ("zh", "en", "both")


def _common() -> argparse.ArgumentParser:
    """
    The options every command takes, before or after its name.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="on a failure of the tool, print the traceback too",
    )
    return common


def _loading(parser: argparse.ArgumentParser) -> None:
    """
    The options of the commands that read records.
    """
    parser.add_argument("--type", required=True, choices=RECORD_TYPES, help="the record type")
    parser.add_argument(
        "--input-format",
        choices=FORMATS,
        help="the input's format (default: by its extension: .jsonl/.ndjson JSON Lines,"
        " .json JSON; otherwise an array if it starts with '[', else JSON Lines)",
    )
    parser.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress bar (it is shown only when standard error is a terminal)",
    )


def build_parser() -> argparse.ArgumentParser:
    """
    The argument parser (the docs' CLI page is generated from it).
    """
    common = _common()
    parser = argparse.ArgumentParser(
        prog="gxai-policy",
        description="The typed domain model of Guangxi's new-generation AI policy.",
        epilog="Exit codes: 0 no errors, 1 errors (or warnings, with --fail-on warning), "
        "2 unusable input, unwritable output or a usage error.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {gp.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="read the bundled founding letter and summarise it",
        description="Read the founding letter (the 2021 reply to proposal No. 20210143) "
        "and print its sections, figures and findings.",
        parents=[common],
    )
    demo.add_argument("--json", action="store_true", help="print the Reply as JSON instead")
    demo.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="both",
        help="the language of the figures' labels and the findings' messages (default: both)",
    )

    parse = commands.add_parser(
        "parse",
        help="read a reply letter (text, web page, Word or PDF) into JSON",
        description="Read a reply letter and print it as a Reply in JSON: plain text (UTF-8 "
        "with or without BOM, UTF-16 with BOM, GBK or GB18030), a web page, a Word document "
        "(.docx) or a PDF, the format found from the content.  With --dir, read every file "
        "of a folder and write JSON Lines, one result a file, in the files' name order: "
        '{"file", "format", "reply"} or {"file", "error"}; a file that fails never stops '
        "the others, and the exit code is 1 when any failed.",
        parents=[common],
    )
    parse.add_argument("file", nargs="?", help="the letter, or - for standard input")
    parse.add_argument("--dir", metavar="DIR", help="read every file of DIR (not its subfolders)")
    parse.add_argument(
        "--format",
        choices=("txt", "html", "docx", "pdf"),
        help="the letters' format (default: found from each file's content)",
    )
    parse.add_argument(
        "--strict", action="store_true", help="refuse a letter missing a GB/T 9704 element"
    )
    parse.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="with --dir, read in N processes (0: one a CPU); the output is the same as with 1",
    )

    render = commands.add_parser(
        "render",
        help="write a Reply (JSON) as a GB/T 9704 letter",
        description="Print a Reply, given as JSON, as a GB/T 9704 plain-text letter.",
        parents=[common],
    )
    render.add_argument("file", help="the Reply as JSON, or - for standard input")

    validate = commands.add_parser(
        "validate",
        help="check records in a JSON or JSONL file",
        description="Load every record of a JSON Lines file (one a line) or a JSON file (an "
        "array, or one record), item by item, check each, and report every finding as it is "
        "found, then a summary (items, records, errors, warnings, info, time). Memory stays "
        "flat however large the file.",
        parents=[common],
    )
    _loading(validate)
    validate.add_argument("file", help="the input, or - for standard input")
    validate.add_argument(
        "--lax", action="store_true", help="also take what forms write (reported as warnings)"
    )
    validate.add_argument(
        "--unknown",
        choices=["forbid", "ignore", "report"],
        default="forbid",
        help="what to do with unknown keys (default: forbid)",
    )
    validate.add_argument("--as-of", help="judge deadlines and validity on this day (YYYY-MM-DD)")
    validate.add_argument(
        "--format",
        choices=REPORTS,
        help="the report: text (file:line: severity code path message), one JSON document, "
        "or JSON Lines (default: text on a terminal, else json)",
    )
    validate.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="the language of the text report's messages (JSON has both; default: en)",
    )
    validate.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="the least severity that makes the exit code 1 (default: error)",
    )
    validate.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help="load and check in N processes (0: one a CPU); the report is the same as with 1",
    )

    schema = commands.add_parser(
        "schema",
        help="print a record type's JSON Schema",
        description="Print the JSON Schema 2020-12 of a record type, or write every one.",
        parents=[common],
    )
    schema.add_argument("type", nargs="?", choices=RECORD_TYPES, help="the record type")
    schema.add_argument("--all", metavar="DIR", help="write every schema to DIR/<type>.json")

    convert = commands.add_parser(
        "convert",
        help="convert records between JSON and JSONL",
        description="Load records from IN and write them to OUT, item by item; unknown keys "
        "are kept. OUT is written whole or not at all (a temporary file, renamed when done): "
        "the first bad record stops it with exit code 2, unless --keep-going.",
        parents=[common],
    )
    _loading(convert)
    convert.add_argument("input", metavar="IN", help="the input, or - for standard input")
    convert.add_argument("output", metavar="OUT", help="the output, or - for standard output")
    convert.add_argument(
        "--output-format",
        choices=FORMATS,
        help="the output's format (default: by its extension; JSON Lines for -)",
    )
    convert.add_argument(
        "--keep-going",
        action="store_true",
        help="write every good record, report the bad ones on standard error (exit code 1)",
    )
    convert.add_argument(
        "--lang",
        choices=("en", "zh"),
        default="en",
        help="the language of the bad records' messages (default: en)",
    )
    convert.add_argument(
        "--redact",
        action="store_true",
        help="leave out personal data (contact persons, phones, e-mails, scholars' names:"
        " gxai_policy.redact) from what is written, for publishing",
    )
    return parser


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}")
    return jobs or os.cpu_count() or 1


# --- input ------------------------------------------------------------------


def _read_bytes(name: str) -> bytes:
    """
    A whole input (a letter, a Reply), up to the loaders' limit of bytes.
    """
    limit = gp.DEFAULT_LIMITS.max_bytes
    try:
        if name == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with Path(name).open("rb") as fp:
                data = fp.read(limit + 1)
    except OSError as exc:
        raise UnusableInputError(f"cannot read {name}: {exc.strerror}") from None
    if len(data) > limit:
        raise UnusableInputError(f"{name} is larger than {limit:,} bytes")
    return data


def decode(data: bytes, *, name: str = "input") -> str:
    """
    Text from UTF-8 (with or without BOM), GBK or GB18030 bytes.

    Raises:
        UnusableInputError: For bytes in none of these.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnusableInputError(f"{name} is neither UTF-8 nor GBK/GB18030 text")


# --- commands ---------------------------------------------------------------


def _demo(args: argparse.Namespace) -> int:
    reply = gp.parse_reply(founding_letter())
    if args.json:
        print(gp.to_json(reply))
        return CLEAN
    print(f"{FOUNDING_LETTER_FILE}: {reply.title or '(no title)'}")
    print(f"  proposal:   {reply.proposal}")
    print(f"  recipient:  {reply.recipient}")
    print(f"  missing:    {', '.join(reply.missing_elements()) or 'nothing'}")
    print("sections:")
    for path, section in reply.iter_sections():
        depth = path.count("/sections/")
        print(f"  {'  ' * (depth - 1)}{section.number} {section.heading or ''}".rstrip())
    figures = reply_figures(reply)
    labels = _founding_labels(args.lang)
    seen: dict[str, int] = {}
    print(f"figures ({len(figures)}):")
    for figure in figures:
        q = figure.quantity
        value = f"{q.low}" if q.low == q.high else f"{q.low}–{q.high}"
        # The n-th figure written so in the letter is the n-th founding figure written so.
        nth = seen[q.text] = seen.get(q.text, 0) + 1
        label = labels.get((q.text, nth), "")
        print(f"  {q.text} — {label}  [{q.qualifier.value} {value} {q.unit}]  {figure.path}")
    listed = [f for f in founding_figures() if f.listed]
    print(f"listed ({len(listed)}):")
    for stated in listed:
        print(f"  {stated.quantity.low}{stated.quantity.unit} — {_label(stated, args.lang)}")
    findings = gp.check(reply)
    print(f"findings ({len(findings)}):")
    for v in findings:
        head = f"  {v.severity:<7} {v.code:<28} {v.path or '/'}"
        if args.lang == "both":
            print(f"{head}  {v.message_zh}")
            print(f"  {'':<7} {'':<28} {'':<{len(v.path or '/')}}  {v.message}")
        else:
            print(f"{head}  {v.message_zh if args.lang == 'zh' else v.message}")
    return CLEAN


def _label(stated: StatedFigure, lang: str) -> str:
    if lang == "both":
        return f"{stated.counts} / {stated.counts_en}"
    return stated.counts_en if lang == "en" else stated.counts


def _founding_labels(lang: str) -> dict[tuple[str, int], str]:
    """
    What each figure of the founding letter counts, by its text and its occurrence.
    """
    labels: dict[tuple[str, int], str] = {}
    seen: dict[str, int] = {}
    for stated in founding_figures():
        if stated.listed:
            continue
        text = stated.quantity.text
        seen[text] = seen.get(text, 0) + 1
        labels[(text, seen[text])] = _label(stated, lang)
    return labels


def _parse(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.dir is None):
        raise UnusableInputError("parse takes a FILE or --dir DIR (one of the two)")
    if args.dir is not None:
        return _parse_dir(Path(args.dir), args)
    try:
        reply = gp.read_letter(
            _read_bytes(args.file),
            format=args.format,
            source_info=None if args.file == "-" else gp.Source.of(args.file),
            strict=args.strict,
        )
    except gp.ParseError as exc:
        print(f"{args.file}:{exc.line}:{exc.column}: {exc.code}: {exc.message}", file=sys.stderr)
        return UNUSABLE
    except gp.MissingExtraError as exc:
        raise UnusableInputError(f"{args.file}: {exc}") from None
    print(gp.to_json(reply))
    return CLEAN


def _parse_dir(folder: Path, args: argparse.Namespace) -> int:
    """
    Every file of *folder* read as a letter: one JSON line a file, in name order.
    """
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError as exc:
        raise UnusableInputError(f"cannot read the folder {folder}: {exc.strerror}") from None
    read = functools.partial(_read_one, file_format=args.format, strict=args.strict)
    failed = False
    if args.jobs == 1 or len(files) < 2:
        results: Iterator[dict[str, Any]] = map(read, files)
        for result in results:
            failed |= "error" in result
            print(json.dumps(result, ensure_ascii=False))
        return FINDINGS if failed else CLEAN
    # Not fork: this process may have threads, which fork does not copy (as validate's).
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context(method)) as pool:
        # map keeps the files' order whatever order the workers finish in.
        for result in pool.map(read, files, chunksize=4):
            failed |= "error" in result
            print(json.dumps(result, ensure_ascii=False))
    return FINDINGS if failed else CLEAN


def _read_one(path: Path, *, file_format: Any, strict: bool) -> dict[str, Any]:
    """
    One file of ``parse --dir``: its reply, or its error (never raised: the others go on).
    """
    try:
        data = _read_bytes(str(path))
        chosen = file_format or detect_format(data)
        reply = gp.read_letter(data, format=chosen, source_info=gp.Source.of(path), strict=strict)
    except gp.ParseError as exc:
        return {"file": path.name, "error": exc.to_dict()}
    except (UnusableInputError, gp.MissingExtraError) as exc:
        return {"file": path.name, "error": {"error": "unusable", "message": str(exc)}}
    return {"file": path.name, "format": chosen, "reply": gp.to_dict(reply)}


def _render(args: argparse.Namespace) -> int:
    try:
        reply = gp.from_json(gp.Reply, _read_bytes(args.file))
    except gp.ValidationError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return UNUSABLE
    print(gp.render_reply(reply), end="")
    return CLEAN


def _options(args: argparse.Namespace) -> Options:
    return Options(
        mode="lax" if getattr(args, "lax", False) else "strict",
        unknown=getattr(args, "unknown", "report"),
    )


#: Told the items done and the bytes read (when known).
Progress = Callable[[int, int | None], None]


def _no_progress(items: int, position: int | None) -> None:
    pass


@contextlib.contextmanager
def _progress(
    args: argparse.Namespace, source: Input
) -> Iterator[Callable[[int, int | None], None]]:
    """
    A progress bar on standard error, when it is a terminal and not ``--quiet``.

    Yields what to call with the items done and the bytes read (if known).
    """
    if args.quiet or not sys.stderr.isatty():
        yield _no_progress
        return
    # tqdm, not rich: one small pure-Python package with no dependencies of
    # its own, imported only here (about 15 ms), where rich brings pygments
    # and markdown-it (about 2 MB) for a bar.
    from tqdm import tqdm

    by_bytes = source.size is not None
    with tqdm(
        total=source.size,
        unit="B" if by_bytes else " items",
        unit_scale=True,
        file=sys.stderr,
        mininterval=0.5,
        leave=False,
        desc=Path(source.label).name,
    ) as bar:

        def update(items: int, position: int | None) -> None:
            done = position if by_bytes and position is not None else items
            bar.update(done - bar.n)

        yield update


def _validate(args: argparse.Namespace) -> int:
    cls = RECORD_TYPES[args.type]
    as_of = gp.parse_date(args.as_of) if args.as_of else None
    report_format = args.format or ("text" if sys.stdout.isatty() else "json")
    started = time.perf_counter()
    counts = Counts()
    with open_input(args.file) as source:
        fmt = format_for(args.input_format, args.file, sniffed=source.start)
        report = REPORTS[report_format](sys.stdout, source.label, args.lang)
        report.start()
        task = Task(cls, _options(args), as_of)
        broken: gp.ValidationError | None = None
        with _progress(args, source) as progress:
            try:
                for batch in batches(fmt, source, task, args.jobs):
                    counts.items += batch.items
                    counts.records += batch.records
                    for line, path, violation in batch.findings:
                        counts.add(violation.severity)
                        report.finding(line, path, violation)
                    progress(counts.items, batch.position)
            except gp.ValidationError as exc:
                # The input broke off (an array left open …): what came before is reported.
                broken = exc
        counts.seconds = time.perf_counter() - started
        report.end(counts)
    if broken is not None:
        raise UnusableInputError(f"{source.label}: {_one_line(broken)}")
    if counts.errors or (args.fail_on == "warning" and counts.warnings):
        return FINDINGS
    return CLEAN


def _schema(args: argparse.Namespace) -> int:
    if args.all:
        folder = Path(args.all)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, cls in RECORD_TYPES.items():
                text = json.dumps(gp.json_schema(cls), ensure_ascii=False, indent=2)
                (folder / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        except OSError as exc:
            raise OutputError(f"cannot write the schemas to {folder}: {exc.strerror}") from None
        print(f"wrote {len(RECORD_TYPES)} schemas to {folder}")
        return CLEAN
    if args.type is None:
        raise UnusableInputError("name a record type, or give --all DIR")
    print(json.dumps(gp.json_schema(RECORD_TYPES[args.type]), ensure_ascii=False, indent=2))
    return CLEAN


def _convert(args: argparse.Namespace) -> int:
    cls = RECORD_TYPES[args.type]
    with open_input(args.input) as source:
        fmt = format_for(args.input_format, args.input, sniffed=source.start)
        out_name = args.output_format or ("jsonl" if args.output == "-" else None)
        out_fmt = format_for(out_name, args.output)
        if out_fmt.write is None:  # pragma: no cover - every available format writes
            raise OutputError(f"{out_fmt.name} cannot be written")
        bad = 0

        def good() -> Iterator[Any]:
            nonlocal bad
            for line in fmt.results(cls, source, _options(args)):
                if line.error is None:
                    yield gp.redact(line.record) if args.redact else line.record
                    continue
                bad += 1
                prefix = "" if line.index is None else f"/{line.index}"
                for v in line.error.violations:
                    message = v.message_zh if args.lang == "zh" else v.message
                    print(
                        f"{source.label}:{line.line}: {v.severity.value} {v.code}"
                        f" {prefix + v.path or '/'} {message}",
                        file=sys.stderr,
                    )
                if not args.keep_going:
                    raise _Stop

        with _progress(args, source) as progress:
            try:
                with open_output(args.output) as fp:
                    written = out_fmt.write(_counted(good(), source, progress), fp)
            except _Stop:
                print(
                    f"gxai-policy: {args.output} not written: a bad record"
                    " (--keep-going writes the good ones)",
                    file=sys.stderr,
                )
                return UNUSABLE
    where = "standard output" if args.output == "-" else args.output
    print(
        f"wrote {written:,} records to {where}" + (f", {bad:,} bad" if bad else ""), file=sys.stderr
    )
    return FINDINGS if bad else CLEAN


class _Stop(Exception):  # noqa: N818 - a signal, not an error
    """
    A bad record stops `convert` (without ``--keep-going``).
    """


def _counted(records: Iterator[Any], source: Input, progress: Progress) -> Iterator[Any]:
    for count, record in enumerate(records, 1):
        if not count % 1000:
            progress(count, source.position())
        yield record


COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "demo": _demo,
    "parse": _parse,
    "render": _render,
    "validate": _validate,
    "schema": _schema,
    "convert": _convert,
}


def _one_line(exc: BaseException) -> str:
    """
    What went wrong, on one line.
    """
    if isinstance(exc, gp.ValidationError):
        return "; ".join(f"{v.code} at {v.path or '/'}: {v.message}" for v in exc.violations)
    if isinstance(exc, UnusableInputError | OutputError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "out of memory"
    return f"internal error: {type(exc).__name__}: {exc} (--debug shows the traceback)"


def _quiet_stdout() -> None:
    """
    Send what is left for standard output nowhere, so that Python does not fail again at exit.
    """
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        if sys.stdout.fileno() == 1:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line; return the exit code.
    """
    args = build_parser().parse_args(argv)
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`gxai-policy demo | head`): stop quietly.
        _quiet_stdout()
        return CLEAN
    except KeyboardInterrupt:
        _quiet_stdout()
        print("gxai-policy: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a failure of the tool is one line, never a traceback
        if getattr(args, "debug", False):
            traceback.print_exc()
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EIO, errno.EBADF):
            # Standard output could not be written (/dev/full): nothing more will be.
            _quiet_stdout()
            print(f"gxai-policy: cannot write the output: {exc.strerror}", file=sys.stderr)
            return UNUSABLE
        print(f"gxai-policy: {_one_line(exc)}", file=sys.stderr)
        return UNUSABLE
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
