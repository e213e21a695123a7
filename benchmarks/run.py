"""
gxai_policy against pydantic v2 and msgspec on the same records, in one run.

``python benchmarks/run.py`` (or ``nox -s bench``) times, for each library:

1. load: a JSON array of 10,000 Enterprises and one of 1,000 Replies, bytes
   to validated objects;
2. dump: the objects back to JSON;
3. JSONL: streaming 100,000 Enterprises from a file `gxai_policy.dump_jsonl`
   wrote, in records per second, and the peak of traced memory at two stream
   lengths (flat means it does not grow with the file);
4. `gxai_policy.parse_reply` on the founding letter and on a 1 MB letter
   (gxai_policy only);
5. the import time of each library (with its models) over bare Python;
6. spreadsheets: rows a second reading 100,000 enterprises from XLSX and
   CSV, `gxai_policy.iter_table` next to pandas' `read_excel`/`read_csv`
   (`bench_tables.py`).

Running several libraries in one process distorts the fast ones (PERF-NOTES),
so each library runs in fresh worker processes of this script, the
libraries' processes interleaved; each case is a median of repeats after a
warm-up, and the figure shown is the best process's median.  Quote the
ratios, not the absolute times: this machine's noise comes in bursts.

Options: ``--quick`` (fewer repeats, a shorter stream: a few minutes),
``--json FILE`` (the table as JSON: ``{"rows": [{"case": …,
"gxai_policy_s": …, "pydantic_s": …, "msgspec_s": …}, …]}``).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Final

import bench_tables

HERE: Final = Path(__file__).resolve().parent
LIBS: Final = ("gxai_policy", "pydantic", "msgspec")
ENTERPRISES: Final = 10_000
REPLIES: Final = 1_000
KB: Final = 1024
BIG_LETTER: Final = 1024 * KB
# How long one repeat of the founding letter runs (it is parsed in a loop).
LETTER_REPEAT_S: Final = 0.2


@dataclass(frozen=True)
class Plan:
    """
    How much to run: processes per library, repeats per case, stream lengths.
    """

    name: str
    processes: int
    repeats: int
    jsonl_lines: int
    jsonl_repeats: int
    memory_lines: tuple[int, int]
    letter_repeats: int
    import_runs: int
    table_rows: int
    table_repeats: int


# Five rounds: on a shared machine a burst of noise slows every process that
# runs through it by up to half, and bursts last long enough to catch two or
# three rounds of one library in a row.
FULL: Final = Plan("full", 5, 7, 100_000, 7, (10_000, 100_000), 7, 15, 100_000, 3)
QUICK: Final = Plan("quick", 1, 5, 20_000, 3, (2_000, 20_000), 3, 7, 20_000, 1)


# --------------------------------------------------------------------------- the libraries


@dataclass(frozen=True)
class Adapter:
    """
    One library's way of doing each case.
    """

    load_enterprises: Callable[[bytes], Any]
    load_replies: Callable[[bytes], Any]
    load_enterprise: Callable[[bytes], Any]
    load_reply: Callable[[bytes], Any]
    dump: Callable[[Any], bytes | str]
    stream: Callable[[Iterable[bytes]], Iterator[Any]]


def _stream(load: Callable[[bytes], Any], lines: Iterable[bytes]) -> Iterator[Any]:
    # What iter_jsonl does: one result a non-blank line, a bad line never stops it.
    for number, raw in enumerate(lines, 1):
        if raw.strip():
            try:
                yield (number, load(raw), None)
            except ValueError as exc:
                yield (number, None, exc)


def _gxai_policy() -> Adapter:
    import gxai_policy as gp

    enterprises, replies = list[gp.Enterprise], list[gp.Reply]
    return Adapter(
        load_enterprises=lambda data: gp.from_json(enterprises, data),
        load_replies=lambda data: gp.from_json(replies, data),
        load_enterprise=lambda data: gp.from_json(gp.Enterprise, data),
        load_reply=lambda data: gp.from_json(gp.Reply, data),
        dump=gp.to_json_bytes,
        stream=lambda lines: gp.iter_jsonl(gp.Enterprise, lines),
    )


def _pydantic() -> Adapter:
    import models_pydantic as m

    return Adapter(
        load_enterprises=m.ENTERPRISES.validate_json,
        load_replies=m.REPLIES.validate_json,
        load_enterprise=m.Enterprise.model_validate_json,
        load_reply=m.Reply.model_validate_json,
        # Both lists hold models of one class: either adapter dumps either.
        dump=lambda objs: (
            m.ENTERPRISES.dump_json(objs)
            if not objs or isinstance(objs[0], m.Enterprise)
            else m.REPLIES.dump_json(objs)
        ),
        stream=lambda lines: _stream(m.Enterprise.model_validate_json, lines),
    )


def _msgspec() -> Adapter:
    import models_msgspec as m

    return Adapter(
        load_enterprises=m.ENTERPRISES.decode,
        load_replies=m.REPLIES.decode,
        load_enterprise=m.ENTERPRISE.decode,
        load_reply=m.REPLY.decode,
        dump=m.ENCODER.encode,
        stream=lambda lines: _stream(m.ENTERPRISE.decode, lines),
    )


ADAPTERS: Final = {"gxai_policy": _gxai_policy, "pydantic": _pydantic, "msgspec": _msgspec}


# --------------------------------------------------------------------------- the worker


def _timed(run: Callable[[], object], repeats: int) -> dict[str, Any]:
    """
    Median and all times of *repeats* calls of *run*, after one warm-up call.
    """
    run()
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        # Freeing the result is not part of the case.
        del result
    return {"median": statistics.median(times), "times": times}


def _normal(payload: Any) -> Any:
    # Sets dump in any order: compare sectors sorted.
    if isinstance(payload, list):
        return [_normal(x) for x in payload]
    if isinstance(payload, dict):
        return {k: sorted(v) if k == "sectors" else _normal(v) for k, v in payload.items()}
    return payload


def _consume(results: Iterator[Any]) -> int:
    count = 0
    for result in results:
        # gxai_policy yields Line(.error); the others (number, record, error).
        error = result.error if hasattr(result, "error") else result[2]
        count += error is None
    return count


def _refusals(load: Callable[[bytes], Any], cases: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """
    The labels of the invalid payloads that *load* accepted (it should accept none).
    """
    accepted = []
    for label, payload in cases:
        try:
            load(json.dumps(payload, ensure_ascii=False).encode())
        except ValueError:
            continue
        accepted.append(label)
    return accepted


def _reader(repeats: int) -> dict[str, Any] | None:
    import gxai_policy as gp

    parse = getattr(gp, "parse_reply", None)
    if parse is None:
        return None
    from bench_reader import INPUTS

    from gxai_policy.data import founding_letter

    letter = founding_letter()
    big = INPUTS["founding letter, body repeated"](BIG_LETTER)
    start = time.perf_counter()
    parse(letter)
    loops = max(1, round(LETTER_REPEAT_S / (time.perf_counter() - start)))

    def founding() -> None:
        for _ in range(loops):
            parse(letter)

    small = _timed(founding, repeats)
    return {
        "founding_bytes": len(letter.encode()),
        "founding_s": small["median"] / loops,
        "big_bytes": len(big.encode()),
        "big_s": _timed(lambda: parse(big), repeats)["median"],
    } | _letter_files(letter, repeats)


def _letter_files(letter: str, repeats: int) -> dict[str, Any]:
    """
    read_letter on the founding letter as a text file, a web page, a Word document and a PDF.

    The files are written by the tests' generator (tests/fixtures/letters/make_files.py).
    """
    import gxai_policy as gp

    read = getattr(gp, "read_letter", None)
    if read is None:
        return {}
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "fixtures" / "letters"))
    import make_files

    files = {
        "txt": letter.encode("utf-8"),
        "html": make_files.to_html(letter),
        "docx": make_files.to_docx(letter),
        "pdf": make_files.to_pdf(letter),
    }
    out: dict[str, Any] = {}
    for fmt, data in files.items():
        read(data)  # the format's reader imported outside the timing
        out[f"file_{fmt}_bytes"] = len(data)
        out[f"file_{fmt}_s"] = _timed(lambda data=data: read(data), repeats)["median"]
    return out


def _load_and_dump(
    adapter: Adapter, enterprises: bytes, replies: bytes, repeats: int
) -> tuple[dict[str, bool], dict[str, Any]]:
    """
    Whether both payloads round-trip, and the load and dump cases' times.
    """
    loaded_enterprises = adapter.load_enterprises(enterprises)
    loaded_replies = adapter.load_replies(replies)
    round_trip = {
        "enterprises": _normal(json.loads(adapter.dump(loaded_enterprises)))
        == json.loads(enterprises),
        "replies": _normal(json.loads(adapter.dump(loaded_replies))) == json.loads(replies),
    }
    return round_trip, {
        "enterprise_load": _timed(lambda: adapter.load_enterprises(enterprises), repeats),
        "enterprise_dump": _timed(lambda: adapter.dump(loaded_enterprises), repeats),
        "reply_load": _timed(lambda: adapter.load_replies(replies), repeats),
        "reply_dump": _timed(lambda: adapter.dump(loaded_replies), repeats),
    }


def worker(lib: str, workdir: Path, plan: Plan, *, first: bool) -> dict[str, Any]:
    """
    Every case of one library, in this (fresh) process.
    """
    import data

    adapter = ADAPTERS[lib]()
    enterprises = (workdir / "enterprises.json").read_bytes()
    replies = (workdir / "replies.json").read_bytes()
    jsonl = workdir / "enterprises.jsonl"
    out: dict[str, Any] = {"lib": lib, "cases": {}}

    out["round_trip"], out["cases"] = _load_and_dump(adapter, enterprises, replies, plan.repeats)
    out["accepted_invalid"] = _refusals(adapter.load_enterprise, data.bad_enterprises())
    out["accepted_invalid"] += _refusals(adapter.load_reply, data.bad_replies())
    if lib == "gxai_policy":
        # Every round, as the load and dump cases: the best round is reported.
        out["reader"] = _reader(plan.letter_repeats)
    if not first:
        return out

    def stream(path: Path = jsonl) -> int:
        # A file object, as users pass it: iter_jsonl reads files its own way.
        with path.open("rb") as fp:
            return _consume(adapter.stream(fp))

    out["cases"]["jsonl_load"] = _timed(stream, plan.jsonl_repeats)
    out["cases"]["jsonl_load"]["ok_lines"] = stream()
    peaks = {}
    for lines in plan.memory_lines:
        gc.collect()
        tracemalloc.start()
        stream(_jsonl_head(workdir, lines))
        peaks[str(lines)] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    out["jsonl_peak_bytes"] = peaks
    return out


# --------------------------------------------------------------------------- the parent


def _jsonl_head(workdir: Path, lines: int) -> Path:
    return workdir / f"enterprises-{lines}.jsonl"


def _prepare(workdir: Path, plan: Plan) -> None:
    import data

    import gxai_policy as gp

    for name, payload in (
        ("enterprises.json", data.enterprises(ENTERPRISES)),
        ("replies.json", data.replies(REPLIES)),
    ):
        (workdir / name).write_bytes(json.dumps(payload, ensure_ascii=False).encode())
    records = (gp.from_dict(gp.Enterprise, data.enterprise(i)) for i in range(plan.jsonl_lines))
    with (workdir / "enterprises.jsonl").open("wb") as fp:
        # Records only: the other libraries read a line a record, no header line.
        gp.dump_jsonl(records, fp, header=False)
    with (workdir / "enterprises.jsonl").open("rb") as fp:
        for lines in plan.memory_lines:
            fp.seek(0)
            _jsonl_head(workdir, lines).write_bytes(b"".join(itertools.islice(fp, lines)))


def _run_worker(lib: str, workdir: Path, plan: Plan, *, first: bool) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", lib]
    command += ["--workdir", str(workdir), "--plan", plan.name]
    if first:
        command.append("--first")
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=HERE)  # noqa: S603 - our own script
    return json.loads(done.stdout)  # type: ignore[no-any-return]


# One enterprise, loaded once the library is imported: the cost of first use.
_ONE: Final = '{"name": "x", "uscc": "91450100MA5KB1XW1C"}'
_IMPORTS: Final = {
    "import": {
        "gxai_policy": "import gxai_policy",
        "pydantic": "import models_pydantic",
        "msgspec": "import models_msgspec",
    },
    # What the records cannot do without (attrs, and pendulum for dates):
    # the floor under gxai_policy's import time.
    "import_floor": {"gxai_policy": "import attrs, pendulum"},
    # gxai_policy loads its JSON edge on first use (PEP 562): this is what a
    # program that loads one record pays, in every library.
    "import_first_load": {
        "gxai_policy": f"import gxai_policy as gp; gp.from_json(gp.Enterprise, {_ONE!r})",
        "pydantic": f"import models_pydantic as m; m.Enterprise.model_validate_json({_ONE!r})",
        "msgspec": f"import models_msgspec as m; m.ENTERPRISE.decode({_ONE!r})",
    },
}


def _import_times(plan: Plan, workdir: Path) -> dict[str, dict[str, float]]:
    """
    Median seconds each library (with its models) takes to import, and to load a first record.

    Both over bare Python.  Byte code is cached (in *workdir*, not the source
    tree) as an installed package's would be, even where
    PYTHONDONTWRITEBYTECODE is set.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    statements = {("bare", ""): "pass"} | {
        (case, lib): statement
        for case, by_lib in _IMPORTS.items()
        for lib, statement in by_lib.items()
    }
    times: dict[tuple[str, str], list[float]] = {key: [] for key in statements}
    for run in range(plan.import_runs + 2):
        for key, statement in statements.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", statement], check=True, cwd=HERE, env=env)  # noqa: S603 - our own interpreter
            if run >= 2:  # the first two write and warm the byte-code cache
                times[key].append(time.perf_counter() - start)
    bare = statistics.median(times.pop(("bare", "")))
    found: dict[str, dict[str, float]] = {case: {} for case in _IMPORTS}
    for (case, lib), seconds in times.items():
        found[case][lib] = statistics.median(seconds) - bare
    return found


_FAITHFUL: Final = (
    "every library round-trips both payloads and refuses every invalid payload of data.py"
)


@dataclass(frozen=True)
class Row:
    """
    One line of the table: a case, each library's figure, and how to show it.
    """

    case: str
    label: str
    values: dict[str, float | None]
    unit: str  # "s", "rate" (records a second), "bytes"
    extra: dict[str, Any]


def _per_round(results: list[dict[str, Any]], case: str, other: str) -> list[float]:
    """
    gxai_policy's time over *other*'s in each round: the two processes of one round ran close.
    """
    ours = [r["cases"].get(case) for r in results if r["lib"] == "gxai_policy"]
    theirs = [r["cases"].get(case) for r in results if r["lib"] == other]
    return [a["median"] / b["median"] for a, b in zip(ours, theirs, strict=True) if a and b]


def _noise(results: list[dict[str, Any]], case: str) -> float | None:
    """
    The machine's noise on *case*: the widest spread of one library's process medians.

    (slowest − fastest) / fastest: what the same code measured twice differs by here.
    """
    spreads = []
    for lib in LIBS:
        runs = [r["cases"][case] for r in results if r["lib"] == lib and case in r["cases"]]
        medians = [run["median"] for run in runs]
        if len(medians) > 1:
            spreads.append(max(medians) / min(medians) - 1)
    return max(spreads) if spreads else None


def _best(results: list[dict[str, Any]], lib: str, case: str) -> float | None:
    medians = [
        r["cases"][case]["median"] for r in results if r["lib"] == lib and case in r["cases"]
    ]
    return min(medians) if medians else None


def _rows(
    results: list[dict[str, Any]], plan: Plan, imports: dict[str, dict[str, float]]
) -> list[Row]:
    rows = []
    for case, label in (
        ("enterprise_load", f"enterprise load ({ENTERPRISES:,})"),
        ("enterprise_dump", f"enterprise dump ({ENTERPRISES:,})"),
        ("reply_load", f"reply load ({REPLIES:,})"),
        ("reply_dump", f"reply dump ({REPLIES:,})"),
        ("jsonl_load", f"JSONL load ({plan.jsonl_lines:,} lines)"),
    ):
        spread = {
            "noise": _noise(results, case),
            "rounds_pydantic": _per_round(results, case, "pydantic"),
            "rounds_msgspec": _per_round(results, case, "msgspec"),
        }
        rows.append(Row(case, label, {lib: _best(results, lib, case) for lib in LIBS}, "s", spread))
    jsonl = rows[-1]
    rows.append(
        Row(
            "jsonl_records_per_s",
            "JSONL records per second",
            {lib: None if s is None else plan.jsonl_lines / s for lib, s in jsonl.values.items()},
            "rate",
            {},
        )
    )
    first = {r["lib"]: r for r in results if "jsonl_peak_bytes" in r}
    rows.extend(
        Row(
            f"jsonl_peak_{lines}",
            f"JSONL peak memory, {lines:,} lines",
            {lib: first[lib]["jsonl_peak_bytes"][str(lines)] for lib in LIBS},
            "bytes",
            {"lines": lines},
        )
        for lines in plan.memory_lines
    )
    readers = [r["reader"] for r in results if r["lib"] == "gxai_policy" and r.get("reader")]
    if readers:
        files = [
            (f"file_{fmt}", f"read_letter, founding letter as {name}")
            for fmt, name in (("txt", "text"), ("html", "HTML"), ("docx", "DOCX"), ("pdf", "PDF"))
            if f"file_{fmt}_s" in readers[0]
        ]
        for key, label in (
            ("founding", "parse_reply, founding letter"),
            ("big", "parse_reply, 1 MB"),
            *files,
        ):
            seconds = min(reader[f"{key}_s"] for reader in readers)
            size = readers[0][f"{key}_bytes"]
            rows.append(
                Row(
                    f"parse_reply_{key}",
                    f"{label} ({size / KB:,.0f} KB)",
                    {"gxai_policy": seconds, "pydantic": None, "msgspec": None},
                    "s",
                    {"letters_per_s": 1 / seconds, "us_per_kb": seconds * 1e6 / (size / KB)},
                )
            )
    rows.append(Row("import", "import (with models), over bare", imports["import"], "s", {}))
    floor = {
        "gxai_policy": imports["import_floor"]["gxai_policy"],
        "pydantic": None,
        "msgspec": None,
    }
    rows.append(Row("import_floor", "import attrs + pendulum, over bare", floor, "s", {}))
    rows.append(
        Row(
            "import_first_load",
            "import + load one record, over bare",
            imports["import_first_load"],
            "s",
            {},
        )
    )
    return rows


def _show(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "rate":
        return f"{value:,.0f}/s"
    if unit == "bytes":
        return f"{value / KB:,.0f} KB"
    return f"{value * 1e3:,.1f} ms"


def _ratio(row: Row, other: str) -> float | None:
    ours, theirs = row.values["gxai_policy"], row.values[other]
    if ours is None or theirs is None or row.unit != "s":
        return None
    return ours / theirs


def _targets(rows: list[Row]) -> list[tuple[str, str, bool]]:
    """
    The targets of issue #22, each with the figure that meets or misses it.
    """
    by_case = {row.case: row for row in rows}
    found = []
    for case in ("enterprise_load", "enterprise_dump", "reply_load", "reply_dump", "jsonl_load"):
        ratio = _ratio(by_case[case], "pydantic")
        if ratio is not None:
            found.append((f"{case} ≤ 0.8× pydantic", f"{ratio:.2f}×", ratio <= 0.8))
    for case, most in (("enterprise_load", 1.25), ("reply_load", 1.25), ("enterprise_dump", 3.0)):
        ratio = _ratio(by_case[case], "msgspec")
        if ratio is not None:
            found.append((f"{case} ≤ {most}× msgspec", f"{ratio:.2f}×", ratio <= most))
    if "parse_reply_founding" in by_case:
        rate = by_case["parse_reply_founding"].extra["letters_per_s"]
        found.append(("≥ 2,000 founding letters a second", f"{rate:,.0f}/s", rate >= 2000))
    seconds = by_case["import"].values["gxai_policy"]
    if seconds is not None:
        found.append(("import ≤ 100 ms over bare Python", _show(seconds, "s"), seconds <= 0.100))
    return found


def _print(rows: list[Row], plan: Plan, results: list[dict[str, Any]]) -> None:
    print(
        f"\ngxai_policy vs pydantic {metadata.version('pydantic')} vs msgspec"
        f" {metadata.version('msgspec')} — {plan.name}: {plan.processes} process(es) per library"
        f" × {plan.repeats} repeats after a warm-up; best process's median"
        f" (Python {platform.python_version()}, {os.cpu_count()} CPUs)\n"
    )
    head = (
        f"{'case':36s}"
        + "".join(f"{lib:>14s}" for lib in LIBS)
        + f"{'gp/pyd':>9s}{'gp/msg':>9s}{'noise':>8s}  rounds gp/pyd"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        cells = "".join(f"{_show(row.values[lib], row.unit):>14s}" for lib in LIBS)
        ratios = "".join(
            f"{'' if r is None else f'{r:.2f}×':>9s}"
            for r in (_ratio(row, "pydantic"), _ratio(row, "msgspec"))
        )
        noise = row.extra.get("noise")
        rounds = row.extra.get("rounds_pydantic") or []
        spread = f"{'' if noise is None else f'±{noise:.0%}':>8s}"
        spread += f"  {min(rounds):.2f}–{max(rounds):.2f}×" if len(rounds) > 1 else ""
        print(f"{row.label:36s}{cells}{ratios}{spread}")
        if row.case.startswith("parse_reply"):
            print(
                f"{'':36s}{row.extra['letters_per_s']:>12,.1f}/s"
                f"  ({row.extra['us_per_kb']:,.0f} µs per KB)"
            )
    if not any(row.case.startswith("parse_reply") for row in rows):
        print(
            "parse_reply: skipped — gxai_policy has no parse_reply yet (case 4 runs once it does)"
        )
    print(
        "\nnoise: the widest spread of one library's process medians on the case (the same code"
        "\ntimed in another process); rounds: gxai_policy over pydantic in each round of processes."
    )
    print("\ntargets")
    for name, value, ok in _targets(rows):
        print(f"  {'met   ' if ok else 'MISSED'} {name:36s}{value:>10s}")
    problems = []
    for result in results:
        for kind, ok in result["round_trip"].items():
            if not ok:
                problems.append(f"{result['lib']}: {kind} do not round-trip to the payload")
        problems += [f"{result['lib']} accepted invalid: {x}" for x in result["accepted_invalid"]]
        ok_lines = result["cases"].get("jsonl_load", {}).get("ok_lines", plan.jsonl_lines)
        if ok_lines != plan.jsonl_lines:
            problems.append(f"{result['lib']} loaded {ok_lines:,} of {plan.jsonl_lines:,} lines")
    print("\nfaithfulness:", "; ".join(sorted(set(problems))) or _FAITHFUL)


def _as_json(rows: list[Row], plan: Plan, targets: list[tuple[str, str, bool]]) -> dict[str, Any]:
    out_rows = []
    for row in rows:
        suffix = {"s": "_s", "rate": "_per_s", "bytes": "_bytes"}[row.unit]
        item: dict[str, Any] = {"case": row.case}
        item.update({f"{lib}{suffix}": row.values[lib] for lib in LIBS})
        if row.unit == "s":
            item["ratio_pydantic"] = _ratio(row, "pydantic")
            item["ratio_msgspec"] = _ratio(row, "msgspec")
        item.update(row.extra)
        out_rows.append(item)
    return {
        "plan": asdict(plan),
        "python": platform.python_version(),
        "versions": {lib: metadata.version(lib) for lib in ("gxai-policy", "pydantic", "msgspec")},
        "rows": out_rows,
        "targets": [{"target": n, "value": v, "met": ok} for n, v, ok in targets],
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, a shorter stream")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the table as JSON")
    parser.add_argument("--worker", choices=LIBS, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plan", choices=("full", "quick"), help=argparse.SUPPRESS)
    parser.add_argument("--first", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        plan = QUICK if args.plan == "quick" else FULL
        print(json.dumps(worker(args.worker, args.workdir, plan, first=args.first)))
        return
    plan = QUICK if args.quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gxai-bench-") as tmp:
        workdir = Path(tmp)
        print(f"preparing payloads and a {plan.jsonl_lines:,}-line JSONL file …", flush=True)
        _prepare(workdir, plan)
        results = []
        for process in range(plan.processes):
            # Rotate the order, so that no library always runs after the same one.
            for lib in LIBS[process % 3 :] + LIBS[: process % 3]:
                print(f"  process {process + 1}/{plan.processes}: {lib}", flush=True)
                results.append(_run_worker(lib, workdir, plan, first=process == 0))
        print("  import times", flush=True)
        imports = _import_times(plan, workdir)
        print(f"  writing {plan.table_rows:,} enterprises as CSV and XLSX", flush=True)
        bench_tables.prepare(workdir, plan.table_rows)
        tables = bench_tables.run(workdir, plan.table_rows, plan.table_repeats)
    rows = _rows(results, plan, imports)
    _print(rows, plan, results)
    bench_tables.show(tables)
    print(f"\n({time.perf_counter() - started:,.0f} s in all)")
    if args.json:
        report = _as_json(rows, plan, _targets(rows))
        report["tables"] = tables
        report["processes"] = results
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main(sys.argv[1:])
