"""
Spreadsheets: rows a second reading an XLSX workbook and a CSV file of enterprises.

gxai_policy's `iter_table` (each row validated into a record, in both modes)
next to pandas' `read_excel` and `read_csv` (reading only: a DataFrame of
untyped cells) on the same files, which `gp.dump_table` wrote.  pandas reads
XLSX with openpyxl too, as iter_table does.  Each reader runs in a fresh
process of this script; each figure is the median of the repeats (no
warm-up: one read of 100,000 rows is long enough to need none).

``python benchmarks/bench_tables.py [--rows N] [--repeats N]`` runs it
alone; `run.py` (``nox -s bench``) runs it after its own cases.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

HERE: Final = Path(__file__).resolve().parent
READERS: Final = ("gxai_policy strict", "gxai_policy lax", "pandas")
FORMATS: Final = ("csv", "xlsx")


def prepare(workdir: Path, rows: int) -> None:
    """
    Write *rows* enterprises as ``enterprises.csv`` and ``enterprises.xlsx`` in *workdir*.
    """
    import data

    import gxai_policy as gp

    records = [gp.from_dict(gp.Enterprise, data.enterprise(i)) for i in range(rows)]
    for file_format in FORMATS:
        gp.dump_table(records, workdir / f"enterprises.{file_format}")


def _read(reader: str, path: Path) -> int:
    """
    Read *path* whole with *reader*; the number of rows read (loaded, for gxai_policy).
    """
    if reader == "pandas":
        import pandas as pd

        frame = (
            pd.read_csv(path) if path.suffix == ".csv" else pd.read_excel(path, engine="openpyxl")
        )
        return len(frame)
    import gxai_policy as gp

    mode = reader.rsplit(" ", 1)[1]
    return sum(row.ok for row in gp.iter_table(gp.Enterprise, path, mode=mode))


def worker(reader: str, path: Path, repeats: int) -> dict[str, Any]:
    """
    The times of *repeats* reads of *path* by *reader*, in this (fresh) process.
    """
    times, count = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        count = _read(reader, path)
        times.append(time.perf_counter() - start)
    return {"median": statistics.median(times), "rows": count, "peak_rss_bytes": _peak_rss()}


def _peak_rss() -> int | None:
    """
    This process's peak resident memory, in bytes (Linux: VmHWM).

    Not ``getrusage``'s ``ru_maxrss``, which a process keeps across ``exec``:
    a worker would report its parent's peak.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def run(workdir: Path, rows: int, repeats: int) -> list[dict[str, Any]]:
    """
    Every reader on both files, each in a fresh process; one result a reader and format.
    """
    results = []
    for file_format in FORMATS:
        path = workdir / f"enterprises.{file_format}"
        for reader in READERS:
            print(f"  tables: {reader} reading {path.name}", flush=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--worker", reader]
            command += ["--path", str(path), "--repeats", str(repeats)]
            done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=HERE)  # noqa: S603 - our own script
            found = json.loads(done.stdout)
            results.append({"reader": reader, "format": file_format, "expected": rows, **found})
    return results


def show(results: list[dict[str, Any]]) -> None:
    """
    Print the rows a second of each reader, and what pandas' rate is of ours.
    """
    rows = results[0]["expected"]
    print(f"\nspreadsheets: {rows:,} enterprises, rows a second (peak RSS of the process)")
    print(f"{'reader':24s}{'CSV':>22s}{'XLSX':>22s}")
    for reader in READERS:
        cells = []
        for file_format in FORMATS:
            found = next(r for r in results if r["reader"] == reader and r["format"] == file_format)
            rate = rows / found["median"]
            peak = found["peak_rss_bytes"]
            memory = "" if peak is None else f" ({peak / 2**20:,.0f} MB)"
            cells.append(f"{rate:>10,.0f}/s{memory}")
        print(f"{reader:24s}" + "".join(f"{c:>22s}" for c in cells))
    wrong = [r for r in results if r["rows"] != r["expected"]]
    for r in wrong:
        print(f"  {r['reader']} read {r['rows']:,} of {r['expected']:,} {r['format']} rows")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", choices=READERS, help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.path, args.repeats)))
        return
    with tempfile.TemporaryDirectory(prefix="gxai-tables-") as tmp:
        print(f"writing {args.rows:,} enterprises as CSV and XLSX …", flush=True)
        prepare(Path(tmp), args.rows)
        show(run(Path(tmp), args.rows, args.repeats))


if __name__ == "__main__":
    main(sys.argv[1:])
