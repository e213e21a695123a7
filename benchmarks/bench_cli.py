"""
``gxai-policy validate`` at scale: records a second and peak RSS, beside a plain pydantic script.

``python benchmarks/bench_cli.py`` (run at the end of ``nox -s bench``;
``--quick`` only the 100,000-line file) writes JSONL files of 100,000 and
1,000,000 Enterprises (one in a hundred bad) and times, each in a fresh
process:

- ``gxai-policy validate --type enterprise --format jsonl FILE`` with
  ``--jobs 1`` and ``--jobs 2`` (load, `gxai_policy.check` every record, a
  streamed report of each finding);
- ``pydantic_script.py FILE``: the same lines through
  ``TypeAdapter(Enterprise).validate_json`` one at a time, each error
  printed as a JSON line: what a user would write with pydantic.

Peak RSS is the largest resident set of the process tree's members (Linux
``ru_maxrss`` of the waited-for children of a fresh parent): for
``--jobs 2`` the largest of the parent and its workers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Final

HERE: Final = Path(__file__).resolve().parent
COMMAND: Final = Path(sys.executable).with_name("gxai-policy")

# A fresh parent: its children's peak is the measured run's alone.
_MEASURE: Final = (
    "import resource, subprocess, sys, time; "
    "start = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "seconds = time.perf_counter() - start; "
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
    "print(done.returncode, seconds, peak)"
)

PYDANTIC_SCRIPT: Final = """
import json, sys
import pydantic
sys.path.insert(0, sys.argv[2])
import models_pydantic as m

adapter = pydantic.TypeAdapter(m.Enterprise)
errors = 0
with open(sys.argv[1], "rb") as fp:
    for number, line in enumerate(fp, 1):
        if not line.strip():
            continue
        try:
            adapter.validate_json(line)
        except pydantic.ValidationError as exc:
            for e in exc.errors(include_url=False, include_input=False):
                errors += 1
                print(json.dumps({"line": number, "loc": e["loc"], "msg": e["msg"]}, default=str))
print(json.dumps({"errors": errors}))
sys.exit(1 if errors else 0)
"""


def _write(path: Path, lines: int) -> None:
    import data

    good = [json.dumps(data.enterprise(i), ensure_ascii=False).encode() for i in range(1000)]
    bad = json.dumps(data.enterprise(0) | {"is_ai": "false"}).encode()
    with path.open("wb") as fp:
        for start in range(0, lines, 1000):
            block = good[: min(1000, lines - start)]
            block[-1] = bad
            fp.write(b"\n".join(block) + b"\n")


def _run(argv: list[str]) -> tuple[int, float, int]:
    done = subprocess.run(  # noqa: S603 - our own interpreter and command
        [sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, check=True
    )
    code, seconds, peak = done.stdout.split()
    return int(code), float(seconds), int(peak) * 1024


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 100,000-line file")
    parser.add_argument("--workdir", type=Path, help="where to write the files (default: /tmp)")
    args = parser.parse_args(argv)
    sizes = (100_000,) if args.quick else (100_000, 1_000_000)
    workdir = args.workdir or Path(os.environ.get("TMPDIR", "/tmp"))  # noqa: S108 - a scratch file
    script = workdir / "gxai-bench-pydantic.py"
    script.write_text(PYDANTIC_SCRIPT, encoding="utf-8")
    rows = []
    for lines in sizes:
        path = workdir / f"gxai-bench-{lines}.jsonl"
        print(f"writing {lines:,} lines …", flush=True)
        _write(path, lines)
        validate = [str(COMMAND), "validate", "--type", "enterprise", "--format", "jsonl"]
        runs = {
            "gxai-policy --jobs 1": [*validate, "--jobs", "1", str(path)],
            "gxai-policy --jobs 2": [*validate, "--jobs", "2", str(path)],
            "pydantic script": [sys.executable, str(script), str(path), str(HERE)],
        }
        for name, command in runs.items():
            print(f"  {name} …", flush=True)
            code, seconds, peak = _run(command)
            rows.append((lines, name, code, seconds, peak))
        path.unlink()
    script.unlink()
    head = f"{'lines':>10s}  {'run':22s}{'exit':>5s}{'seconds':>9s}{'records/s':>12s}"
    print(f"\n{head}{'peak RSS':>10s}")
    for lines, name, code, seconds, peak in rows:
        print(
            f"{lines:>10,}  {name:22s}{code:>5d}{seconds:>9.1f}{lines / seconds:>12,.0f}"
            f"{peak / 2**20:>8.0f} MB"
        )
    print(f"\n({os.cpu_count()} CPUs; one in a hundred lines bad; each run a fresh process)")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    main(sys.argv[1:])
