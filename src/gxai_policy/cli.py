"""
The ``gxai-policy`` command line.

Exit codes: 0 clean, 1 findings, 2 unusable input (or a usage error).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import gxai_policy as gp
from gxai_policy.data import FOUNDING_LETTER_FILE, StatedFigure, founding_figures, founding_letter
from gxai_policy.serialize import Mode, Unknown
from gxai_policy.text import reply_figures

__all__ = ["RECORD_TYPES", "build_parser", "main"]

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


class UnusableInputError(Exception):
    """
    Input the command cannot work with at all (exit code 2).
    """


def build_parser() -> argparse.ArgumentParser:
    """
    The argument parser (the docs' CLI page is generated from it).
    """
    parser = argparse.ArgumentParser(
        prog="gxai-policy",
        description="The typed domain model of Guangxi's new-generation AI policy.",
        epilog="Exit codes: 0 clean, 1 findings, 2 unusable input.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {gp.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="read the bundled founding letter and summarise it",
        description="Read the founding letter (the 2021 reply to proposal No. 20210143) "
        "and print its sections, figures and findings.",
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
        help="read a reply letter into JSON",
        description="Read a reply letter (UTF-8 with or without BOM, GBK or GB18030) "
        "and print it as a Reply in JSON.",
    )
    parse.add_argument("file", help="the letter, or - for standard input")
    parse.add_argument(
        "--strict", action="store_true", help="refuse a letter missing a GB/T 9704 element"
    )

    render = commands.add_parser(
        "render",
        help="write a Reply (JSON) as a GB/T 9704 letter",
        description="Print a Reply, given as JSON, as a GB/T 9704 plain-text letter.",
    )
    render.add_argument("file", help="the Reply as JSON, or - for standard input")

    validate = commands.add_parser(
        "validate",
        help="check records in a JSON or JSONL file",
        description="Load every record of a .json file (one record or an array) or a .jsonl "
        "file (one a line) and print a JSON report of every finding.",
    )
    validate.add_argument("--type", required=True, choices=RECORD_TYPES, help="the record type")
    validate.add_argument("file", help="a .json or .jsonl file, or - for standard input (JSON)")
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

    schema = commands.add_parser(
        "schema",
        help="print a record type's JSON Schema",
        description="Print the JSON Schema 2020-12 of a record type, or write every one.",
    )
    schema.add_argument("type", nargs="?", choices=RECORD_TYPES, help="the record type")
    schema.add_argument("--all", metavar="DIR", help="write every schema to DIR/<type>.json")

    convert = commands.add_parser(
        "convert",
        help="convert records between JSON and JSONL",
        description="Load records from IN and write them to OUT, JSON (an array) or JSONL "
        "by the file extension; unknown keys are kept.",
    )
    convert.add_argument("--type", required=True, choices=RECORD_TYPES, help="the record type")
    convert.add_argument("input", metavar="IN", help="a .json or .jsonl file")
    convert.add_argument("output", metavar="OUT", help="a .json or .jsonl file")
    return parser


# --- input ------------------------------------------------------------------


def _read_bytes(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise UnusableInputError(f"cannot read {name}: {exc.strerror}") from None


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
    text = decode(_read_bytes(args.file), name=args.file)
    try:
        reply = gp.parse_reply(text, strict=args.strict)
    except gp.ParseError as exc:
        print(f"{args.file}:{exc.line}:{exc.column}: {exc.code}: {exc.message}", file=sys.stderr)
        return UNUSABLE
    print(gp.to_json(reply))
    return CLEAN


def _render(args: argparse.Namespace) -> int:
    try:
        reply = gp.from_json(gp.Reply, _read_bytes(args.file))
    except gp.ValidationError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return UNUSABLE
    print(gp.render_reply(reply), end="")
    return CLEAN


def _finding(line: int | None, v: gp.Violation) -> dict[str, Any]:
    return {
        "line": line,
        "path": v.path,
        "code": v.code,
        "severity": v.severity.value,
        "message": v.message,
        "message_zh": v.message_zh,
    }


def _load_all(
    cls: type, name: str, *, mode: Mode, unknown: Unknown
) -> Iterator[tuple[int | None, Any, list[gp.Violation], gp.ValidationError | None]]:
    """
    Each record of a file with its line (JSONL only), findings and error.
    """
    data = _read_bytes(name)
    if name.endswith(".jsonl"):
        text = decode(data, name=name)
        # Split on newlines only: U+2028 and U+0085 may stand inside JSON strings.
        lines = text.split("\n")
        for result in gp.iter_jsonl(cls, lines, mode=mode, unknown=unknown):
            yield result.line, result.record, list(result.findings), result.error
        return
    findings: list[gp.Violation] = []
    try:
        payload = json.loads(decode(data, name=name))
    except json.JSONDecodeError as exc:
        raise UnusableInputError(f"{name} is not JSON: {exc}") from None
    target: Any = list[cls] if isinstance(payload, list) else cls  # type: ignore[valid-type]
    try:
        loaded = gp.from_dict(target, payload, mode=mode, unknown=unknown, findings=findings)
    except gp.ValidationError as exc:
        yield None, None, findings, exc
        return
    yield None, loaded, findings, None


def _validate(args: argparse.Namespace) -> int:
    cls = RECORD_TYPES[args.type]
    as_of = gp.parse_date(args.as_of) if args.as_of else None
    report: list[dict[str, Any]] = []
    count = 0
    for line, record, findings, error in _load_all(
        cls, args.file, mode="lax" if args.lax else "strict", unknown=args.unknown
    ):
        report.extend(_finding(line, v) for v in findings)
        if error is not None:
            report.extend(_finding(line, v) for v in error.violations)
            continue
        for item in record if isinstance(record, list) else [record]:
            count += 1
            report.extend(_finding(line, v) for v in gp.check(item, as_of=as_of))
    print(json.dumps({"records": count, "findings": report}, ensure_ascii=False, indent=2))
    return FINDINGS if report else CLEAN


def _schema(args: argparse.Namespace) -> int:
    if args.all:
        folder = Path(args.all)
        folder.mkdir(parents=True, exist_ok=True)
        for name, cls in RECORD_TYPES.items():
            text = json.dumps(gp.json_schema(cls), ensure_ascii=False, indent=2)
            (folder / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        print(f"wrote {len(RECORD_TYPES)} schemas to {folder}")
        return CLEAN
    if args.type is None:
        raise UnusableInputError("name a record type, or give --all DIR")
    print(json.dumps(gp.json_schema(RECORD_TYPES[args.type]), ensure_ascii=False, indent=2))
    return CLEAN


def _convert(args: argparse.Namespace) -> int:
    cls = RECORD_TYPES[args.type]
    records: list[Any] = []
    failed = False
    for line, record, _, error in _load_all(cls, args.input, mode="strict", unknown="report"):
        if error is not None:
            failed = True
            where = f"{args.input}:{line}" if line else args.input
            print(f"{where}: {error}", file=sys.stderr)
        else:
            records.extend(record if isinstance(record, list) else [record])
    if failed:
        return UNUSABLE
    out = Path(args.output)
    if args.output.endswith(".jsonl"):
        with out.open("wb") as fp:
            gp.dump_jsonl(records, fp)
    else:
        out.write_text(gp.to_json(records) + "\n", encoding="utf-8")
    print(f"wrote {len(records)} records to {out}")
    return CLEAN


COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "demo": _demo,
    "parse": _parse,
    "render": _render,
    "validate": _validate,
    "schema": _schema,
    "convert": _convert,
}


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command line; return the exit code.
    """
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (UnusableInputError, gp.ValidationError) as exc:
        print(f"gxai-policy: {exc}", file=sys.stderr)
        return UNUSABLE
    except BrokenPipeError:
        # The reader went away (`gxai-policy demo | head`): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
