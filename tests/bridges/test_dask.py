"""
gxai_policy.dask: JSONL files as a dask bag, on the local schedulers.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import gxai_policy as gp
from gxai_policy import dask as gpd

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}


@pytest.fixture
def partitions(tmp_path: Path) -> list[Path]:
    """
    Four partition files: good lines, bad lines, a blank line, a line that is not JSON.
    """
    paths = []
    for part in range(4):
        lines = []
        for i in range(25):
            record = ENTERPRISE | {"is_ai": "no"} if (part + i) % 6 == 0 else ENTERPRISE
            lines.append(json.dumps(record, ensure_ascii=False))
        lines[3] = ""
        lines[7] = "{not json"
        path = tmp_path / f"part-{part}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _plain(line: Any, file: str) -> tuple[Any, ...]:
    return (file, line.line, line.record, line.error and line.error.violations, line.findings)


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_the_bag_is_iter_jsonl_file_by_file(partitions, scheduler):
    """
    The bag over several files holds what iter_jsonl gives over each, with file and line.
    """
    expected = [
        _plain(line, str(path))
        for path in partitions
        for line in gp.iter_jsonl(gp.Enterprise, path)
    ]
    bag = gpd.read_jsonl(gp.Enterprise, str(partitions[0].parent / "part-*.jsonl"))
    assert 4 == bag.npartitions
    actual = [_plain(line, line.file) for line in bag.compute(scheduler=scheduler)]
    assert expected == actual


def test_validate_counts_and_finds_what_the_cli_does(partitions, capsys):
    """
    validate's counts and findings are the command line's over the same lines.
    """
    from gxai_policy.cli import main

    found = gpd.validate(gp.Enterprise, [str(p) for p in partitions], scheduler="sync")
    reports = []
    for path in partitions:
        main(["validate", "--type", "enterprise", "--format", "json", str(path)])
        reports.append(json.loads(capsys.readouterr().out))
    assert (4, 96) == (found.counts.files, found.counts.lines)
    assert sum(r["records"] for r in reports) == found.counts.records
    assert sum(r["summary"]["errors"] for r in reports) == found.counts.errors
    expected = [
        (f["file"], f["line"], f["path"], f["code"]) for r in reports for f in r["findings"]
    ]
    assert expected == [
        (f.file, f.line, f.violation.path, f.violation.code) for f in found.findings
    ]


def test_results_pickle(partitions):
    """
    Results, records and errors travel between workers by pickle.
    """
    lines = gpd.read_jsonl(gp.Enterprise, str(partitions[0])).compute(scheduler="sync")
    again = pickle.loads(pickle.dumps(lines))
    assert [_plain(line, line.file) for line in lines] == [
        _plain(line, line.file) for line in again
    ]
    assert {True, False} == {line.ok for line in again}


def test_no_file_is_an_error(tmp_path):
    """
    A glob that names no file raises FileNotFoundError at once.
    """
    with pytest.raises(FileNotFoundError, match="no file matches"):
        gpd.read_jsonl(gp.Enterprise, str(tmp_path / "*.jsonl"))
