"""
The installed ``gxai-policy`` at scale and under attack, run as a user runs it: in a subprocess.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

import gxai_policy as gp
from gxai_policy._cli.files import FORMATS, Format, format_for
from gxai_policy.cli import main

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}
BAD = ENTERPRISE | {"is_ai": "false"}
COMMAND = Path(sys.executable).with_name("gxai-policy")


def gxai(*argv: str, stdin: bytes | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """
    Run the installed entry point; its output as text.
    """
    return subprocess.run(
        [str(COMMAND), *argv],
        input=None if stdin is None else stdin.decode("utf-8", "surrogateescape"),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        **kwargs,
    )


def _jsonl(*records: Any) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _without_time(report: dict[str, Any]) -> dict[str, Any]:
    return report | {"summary": {k: v for k, v in report["summary"].items() if k != "seconds"}}


class TestFailuresOfTheTool:
    @pytest.mark.parametrize(
        "argv",
        [
            ["validate", "--type", "enterprise", "/dev/zero"],
            ["validate", "--type", "enterprise", "/nonexistent/e.jsonl"],
            ["validate", "--type", "enterprise", "/"],
            ["convert", "--type", "enterprise", "/dev/zero", "out.jsonl"],
        ],
        ids=["dev-zero", "missing", "directory", "convert-dev-zero"],
    )
    def test_unusable_input_is_one_line_and_exit_2(self, argv, tmp_path):
        """
        Input that cannot be read at all (binary, missing, a folder) is one line on stderr, exit 2.
        """
        done = gxai(*argv, cwd=tmp_path)
        assert (2, 1) == (done.returncode, len(done.stderr.splitlines()))
        assert done.stderr.startswith("gxai-policy: ")
        assert "Traceback" not in done.stderr

    def test_debug_shows_the_traceback(self):
        """
        --debug, before or after the command, adds the traceback to the one line.
        """
        for argv in (["--debug", "validate"], ["validate", "--debug"]):
            done = gxai(*argv, "--type", "enterprise", "/nonexistent/e.jsonl")
            assert 2 == done.returncode
            assert "Traceback" in done.stderr
            assert done.stderr.splitlines()[-1].startswith("gxai-policy: cannot read")

    @pytest.mark.parametrize(
        "argv",
        [
            ["demo"],
            ["validate", "--type", "enterprise", "--format", "jsonl", "IN"],
            ["schema", "enterprise"],
        ],
    )
    def test_a_full_disk_is_exit_2(self, argv, tmp_path):
        """
        Standard output on /dev/full is one line on stderr and exit 2, not a traceback.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(BAD) * 5000, encoding="utf-8")
        with Path("/dev/full").open("w") as full:
            done = subprocess.run(
                [str(COMMAND), *[str(path) if a == "IN" else a for a in argv]],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert (2, 1) == (done.returncode, len(done.stderr.splitlines()))
        assert "No space left on device" in done.stderr

    def test_a_bug_is_one_line(self, capsys, monkeypatch, tmp_path):
        """
        An unexpected exception is one line naming it as internal, exit 2.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(ENTERPRISE), encoding="utf-8")

        def broken(*_args, **_kwargs):
            raise KeyError("boom")

        monkeypatch.setattr(gp.Enterprise, "_findings", broken)
        assert 2 == main(["validate", "--type", "enterprise", str(path)])
        err = capsys.readouterr().err
        assert (
            "gxai-policy: internal error: KeyError: 'boom' (--debug shows the traceback)\n" == err
        )


class TestHostileInput:
    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ('{"name": NaN, "uscc": "91450100MA5KB1XW1C"}', "load.bad_json"),
            ('{"name": 1' + "0" * 5000 + ', "uscc": "91450100MA5KB1XW1C"}', "load.number_too_long"),
            ('{"name": 18446744073709551616, "uscc": "91450100MA5KB1XW1C"}', "load.wrong_type"),
            ('{"name": "\\ud800", "uscc": "91450100MA5KB1XW1C"}', "load.bad_text"),
            ("[" * 5000 + "]" * 5000, "load.too_deep"),
        ],
        ids=["nan", "5000-digits", "over-64-bits", "lone-surrogate", "deep"],
    )
    @pytest.mark.parametrize("suffix", [".json", ".jsonl"])
    def test_is_a_finding_through_the_loaders(self, text, code, suffix, tmp_path):
        """
        NaN, huge integers, lone surrogates and deep nesting are the loaders' findings: exit 1.
        """
        path = tmp_path / f"e{suffix}"
        path.write_text(text + "\n", encoding="utf-8")
        done = gxai("validate", "--type", "enterprise", "--format", "json", str(path))
        assert (1, "") == (done.returncode, done.stderr)
        assert code in {f["code"] for f in json.loads(done.stdout)["findings"]}

    def test_a_broken_array_reports_what_came_before(self, tmp_path):
        """
        An array that breaks off reports the items before the break, then exits 2 on one line.
        """
        path = tmp_path / "e.json"
        path.write_text(json.dumps([ENTERPRISE, BAD])[:-1] + ", {", encoding="utf-8")
        done = gxai("validate", "--type", "enterprise", "--format", "jsonl", str(path))
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert (2, 1) == (done.returncode, len(done.stderr.splitlines()))
        assert "the text ends inside a value" in done.stderr
        assert ["/1/is_ai"] == [f["path"] for f in lines[:-1]]
        assert 2 == lines[-1]["summary"]["items"]

    def test_convert_refuses_nan_and_wide_integers(self, tmp_path):
        """
        convert never writes NaN as null nor crashes on an integer wider than 64 bits.
        """
        path = tmp_path / "e.jsonl"
        extra = ENTERPRISE | {"remark": 1}
        text = _jsonl(extra).replace("1}\n", "NaN}\n") + _jsonl(extra).replace("1}", "1" * 30 + "}")
        path.write_text(text, encoding="utf-8")
        out = tmp_path / "out.jsonl"
        done = gxai("convert", "--type", "enterprise", "--keep-going", str(path), str(out))
        assert 1 == done.returncode
        assert f"{path}:1: error load.bad_json" in done.stderr
        assert f"{path}:2: error load.not_json_value /remark integer 1111" in done.stderr
        # No record, but the header line that says the file's schema version.
        assert '{"$schema_version":2}\n' == out.read_text(encoding="utf-8")


class TestValidate:
    def test_text_report(self, tmp_path):
        """
        --format text writes file:line: severity code path message, then a summary.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(ENTERPRISE, BAD), encoding="utf-8")
        done = gxai("validate", "--type", "enterprise", "--format", "text", str(path))
        first, summary = done.stdout.splitlines()
        assert 1 == done.returncode
        assert (
            f"{path}:2: error load.wrong_type /is_ai expected boolean, got string 'false'" == first
        )
        assert summary.startswith(f"{path}: 2 items, 1 records loaded, 1 errors, 0 warnings")

    def test_text_report_in_chinese(self, tmp_path):
        """
        --lang zh writes the text report's messages in Chinese.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(BAD), encoding="utf-8")
        done = gxai(
            "validate", "--type", "enterprise", "--format", "text", "--lang", "zh", str(path)
        )
        assert "应为布尔值" in done.stdout.splitlines()[0]

    def test_a_bad_item_keeps_the_good_ones(self, tmp_path):
        """
        In a JSON array each item stands alone: its path starts with its index, its line is its own.
        """
        path = tmp_path / "e.json"
        path.write_text(json.dumps([ENTERPRISE, BAD, ENTERPRISE], indent=1), encoding="utf-8")
        done = gxai("validate", "--type", "enterprise", "--format", "json", str(path))
        report = json.loads(done.stdout)
        assert (1, 2) == (done.returncode, report["records"])
        assert [(10, "/1/is_ai")] == [(f["line"], f["path"]) for f in report["findings"]]

    @pytest.mark.parametrize(
        ("argv", "text"),
        [
            ([], _jsonl(ENTERPRISE, BAD)),
            ([], json.dumps([ENTERPRISE, BAD], indent=2)),
            (["--input-format", "json"], json.dumps(BAD, indent=2)),
            (["--input-format", "jsonl"], _jsonl(ENTERPRISE, BAD)),
        ],
        ids=["jsonl", "array", "one-record", "jsonl-named"],
    )
    def test_standard_input(self, argv, text):
        """
        From standard input an array is told by its '[', JSON Lines otherwise, or as named.
        """
        done = gxai(
            "validate", "--type", "enterprise", "--format", "jsonl", *argv, "-", stdin=text.encode()
        )
        findings = [json.loads(line) for line in done.stdout.splitlines()][:-1]
        assert 1 == done.returncode
        assert [("<stdin>", "load.wrong_type")] == [(f["file"], f["code"]) for f in findings]

    def test_gbk_input(self, tmp_path):
        """
        A JSONL file in GBK (as Excel in Chinese saves text) is read as such.
        """
        path = tmp_path / "e.txt"
        path.write_bytes(_jsonl(ENTERPRISE, BAD).encode("gbk"))
        done = gxai("validate", "--type", "enterprise", "--format", "json", str(path))
        assert (1, 1) == (done.returncode, json.loads(done.stdout)["records"])

    def test_a_csv_on_standard_input(self):
        """
        --input-format csv reads a table piped in; a file without a header is unusable, exit 2.
        """
        table = "name,uscc\n示例科技有限公司,91450100MA5KB1XW1C\n".encode()
        done = gxai("validate", "--type", "enterprise", "--input-format", "csv", "-", stdin=table)
        assert (0, 1) == (done.returncode, json.loads(done.stdout)["records"])
        done = gxai(
            "validate", "--type", "enterprise", "--input-format", "csv", "-", stdin=b"a,b\n"
        )
        assert 2 == done.returncode
        assert 1 == len(done.stderr.strip().splitlines())

    def test_jobs_give_the_same_report(self, tmp_path):
        """
        --jobs 2 reports the same findings in the same order as --jobs 1.
        """
        path = tmp_path / "e.jsonl"
        lines = [BAD if i % 7 == 0 else ENTERPRISE for i in range(4500)]
        path.write_text(_jsonl(*lines) + "{\n", encoding="utf-8")
        argv = ["validate", "--type", "enterprise", "--format", "json", "--as-of", "2024-10-01"]
        one, two = (gxai(*argv, "--jobs", jobs, str(path)) for jobs in ("1", "2"))
        assert (1, 1) == (one.returncode, two.returncode)
        assert _without_time(json.loads(one.stdout)) == _without_time(json.loads(two.stdout))
        assert 4501 == json.loads(two.stdout)["summary"]["items"]

    def test_jobs_report_up_to_a_break(self, tmp_path):
        """
        With --jobs 2, an array that breaks off reports the same items as with one process.
        """
        path = tmp_path / "e.json"
        path.write_text(json.dumps([BAD] * 2500)[:-1] + ", }", encoding="utf-8")
        argv = ["validate", "--type", "enterprise", "--format", "jsonl", str(path)]
        one, two = gxai(*argv), gxai(*argv, "--jobs", "2")
        assert (2, 2) == (one.returncode, two.returncode)
        assert one.stdout.splitlines()[:-1] == two.stdout.splitlines()[:-1]
        assert 2500 == len(two.stdout.splitlines()) - 1


class TestConvert:
    def test_nothing_half_written(self, tmp_path):
        """
        Without --keep-going a bad record leaves the output as it was, and no temporary file.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(ENTERPRISE, BAD, ENTERPRISE), encoding="utf-8")
        out = tmp_path / "out.json"
        out.write_text("before", encoding="utf-8")
        done = gxai("convert", "--type", "enterprise", str(path), str(out))
        assert (2, "before") == (done.returncode, out.read_text(encoding="utf-8"))
        assert ["e.jsonl", "out.json"] == sorted(p.name for p in tmp_path.iterdir())

    def test_keep_going_writes_the_good_ones(self, tmp_path):
        """
        --keep-going writes every good record, reports the bad ones on stderr and exits 1.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(ENTERPRISE, BAD, ENTERPRISE), encoding="utf-8")
        out = tmp_path / "out.json"
        done = gxai("convert", "--type", "enterprise", "--keep-going", str(path), str(out))
        assert 1 == done.returncode
        assert f"{path}:2: error load.wrong_type /is_ai" in done.stderr
        assert 2 == len(json.loads(out.read_text(encoding="utf-8")))
        assert 0o644 == out.stat().st_mode & 0o777 or os.umask(0o022) != 0o022

    @pytest.mark.parametrize(
        ("out", "message"),
        [
            ("/dev/full", "No space left on device"),
            (".", "is a directory"),
            ("missing/out.jsonl", "No such file or directory"),
        ],
    )
    def test_output_that_cannot_be_written(self, out, message, tmp_path):
        """
        A full disk, a folder or a missing folder as output is one line on stderr, exit 2.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(ENTERPRISE) * 3000, encoding="utf-8")
        done = gxai("convert", "--type", "enterprise", str(path), out, cwd=tmp_path)
        assert (2, 1) == (done.returncode, len(done.stderr.splitlines()))
        assert message in done.stderr

    def test_to_standard_output(self, tmp_path):
        """
        - as output writes JSON Lines to standard output, its header line first.
        """
        path = tmp_path / "e.json"
        path.write_text(json.dumps([ENTERPRISE, ENTERPRISE]), encoding="utf-8")
        done = gxai("convert", "--type", "enterprise", str(path), "-")
        assert (0, 3) == (done.returncode, len(done.stdout.splitlines()))
        assert '{"$schema_version":2}' == done.stdout.splitlines()[0]
        assert "wrote 2 records to standard output\n" == done.stderr


class TestProgress:
    def _run_on_a_terminal(self, *argv: str) -> tuple[int, bytes]:
        leader, follower = pty.openpty()
        # A terminal of 80 columns: a new pty has none, and a bar fits in none.
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        with subprocess.Popen(
            [str(COMMAND), *argv], stdout=subprocess.DEVNULL, stderr=follower
        ) as process:
            os.close(follower)
            seen = b""
            while True:
                try:
                    chunk = os.read(leader, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
        os.close(leader)
        return process.returncode, seen

    def test_a_bar_on_a_terminal_only(self, tmp_path):
        """
        On a terminal validate shows a progress bar on stderr; piped or with --quiet it is silent.
        """
        path = tmp_path / "e.jsonl"
        path.write_text(_jsonl(ENTERPRISE) * 3000, encoding="utf-8")
        argv = ["validate", "--type", "enterprise", str(path)]
        code, seen = self._run_on_a_terminal(*argv)
        assert 0 == code
        assert b"e.jsonl" in seen
        assert b"%|" in seen
        assert (0, b"") == self._run_on_a_terminal(*argv, "--quiet")
        assert "" == gxai(*argv).stderr


class TestFormats:
    def test_told_by_suffix_then_by_content(self):
        """
        A format named wins; else the suffix; else '[' means a JSON array, anything else JSONL.
        """
        assert "jsonl" == format_for("jsonl", "x.json").name
        assert "json" == format_for(None, "X.JSON").name
        assert "jsonl" == format_for(None, "x.ndjson").name
        assert "json" == format_for(None, "-", sniffed=b"\xef\xbb\xbf \n[{").name
        assert "jsonl" == format_for(None, "data.txt", sniffed=b'{"a": 1}\n').name

    def test_a_workbook_is_told_by_its_content(self):
        """
        Without a name or a suffix, a ZIP archive's first bytes mean a workbook.
        """
        assert "xlsx" == format_for(None, "-", sniffed=b"PK\x03\x04rest").name
        assert "csv" == format_for(None, "list.CSV").name


class TestTables:
    def test_validate_names_the_row_and_the_cell(self, tmp_path):
        """
        A CSV's findings give the spreadsheet's row as the line and the cell after the path.
        """
        path = tmp_path / "e.csv"
        path.write_text(
            "企业名称,统一社会信用代码,所在城市\n"
            "广西智联,91450100MA5KB1XW1C,450100.0\n"
            "坏企业,91450100MA5KB1XW1D,450100\n",
            encoding="utf-8",
        )
        done = gxai("validate", "--type", "enterprise", "--lax", "--format", "text", str(path))
        assert 1 == done.returncode
        assert f"{path}:2: warning load.coerced /city (C2) " in done.stdout
        assert f"{path}:3: error uscc.check_digit /uscc (B3) " in done.stdout
        report = json.loads(
            gxai("validate", "--type", "enterprise", "--lax", "--format", "json", str(path)).stdout
        )
        assert ["C2", "B3"] == [f["cell"] for f in report["findings"]]

    def test_convert_between_every_pair_of_formats(self, tmp_path):
        """
        JSONL, JSON, CSV and XLSX convert into each other and back to the same records.
        """
        source = tmp_path / "e.jsonl"
        source.write_text(_jsonl(ENTERPRISE, ENTERPRISE | {"uscc": "91450100MA5KB1XW1C"}))
        expected = [gp.from_dict(gp.Enterprise, ENTERPRISE)] * 2
        for suffix in ("json", "csv", "xlsx"):
            there, back = tmp_path / f"e.{suffix}", tmp_path / f"back-{suffix}.jsonl"
            assert 0 == gxai("convert", "--type", "enterprise", str(source), str(there)).returncode
            assert 0 == gxai("convert", "--type", "enterprise", str(there), str(back)).returncode
            with back.open("rb") as fp:
                assert expected == [line.record for line in gp.iter_jsonl(gp.Enterprise, fp)]

    def test_a_workbook_on_standard_input(self, tmp_path):
        """
        A workbook piped in is told by its content and read whole.
        """
        path = tmp_path / "e.xlsx"
        gp.dump_table([gp.from_dict(gp.Enterprise, ENTERPRISE)], path, labels="zh")
        done = subprocess.run(
            [str(COMMAND), "validate", "--type", "enterprise", "--format", "json", "-"],
            input=path.read_bytes(),
            capture_output=True,
            check=False,
            timeout=300,
        )
        assert (0, 1) == (done.returncode, json.loads(done.stdout)["records"])

    def test_an_unreadable_workbook_is_unusable_input(self, tmp_path):
        """
        A file named .xlsx that is no workbook is one line on stderr and exit 2.
        """
        path = tmp_path / "e.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a zip")
        done = gxai("validate", "--type", "enterprise", str(path))
        assert 2 == done.returncode
        assert 1 == len(done.stderr.strip().splitlines())
        assert "not a readable table" in done.stderr


class TestPluggedFormats:
    def test_a_format_that_reads_itself(self, capsys, monkeypatch, tmp_path):
        """
        A format given as a reader of loaded results (as tables will be) plugs into validate.
        """

        def read(cls, source, options):
            lines = source.fp.read().decode().splitlines()
            yield from gp.iter_jsonl(cls, lines, mode=options.mode, unknown=options.unknown)

        monkeypatch.setitem(FORMATS, "lines", Format(name="lines", suffixes=(".lines",), read=read))
        path = tmp_path / "e.lines"
        path.write_text(_jsonl(ENTERPRISE, BAD), encoding="utf-8")
        assert 1 == main(["validate", "--type", "enterprise", "--jobs", "2", str(path)])
        assert 1 == json.loads(capsys.readouterr().out)["records"]


@pytest.mark.slow
def test_memory_stays_flat_over_a_million_lines(tmp_path):
    """
    validate holds a 1,000,000-line file (about 200 MB) in under 150 MB of RSS, its own peak.

    The bound: the interpreter with gxai_policy, its JSON edge and the fast
    path's plan take about 60 MB; the rest is one read buffer, one batch of
    1,000 items and the report's line.  Holding the file would take over
    a gigabyte (572 MB for 500,000 lines before streaming).
    """
    path = tmp_path / "big.jsonl"
    line = (json.dumps(ENTERPRISE, ensure_ascii=False) + "\n").encode()
    bad = (json.dumps(BAD, ensure_ascii=False) + "\n").encode()
    with path.open("wb") as fp:
        for _ in range(1000):
            fp.write(line * 999 + bad)
    # A fresh parent, so that its children's peak is this run's alone.
    measure = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE); "
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss; "
        "sys.stderr.write(f'{done.returncode} {peak}\\n'); "
        "sys.stdout.buffer.write(done.stdout.splitlines()[-1])"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            measure,
            str(COMMAND),
            "validate",
            "--type",
            "enterprise",
            "--format",
            "jsonl",
            str(path),
        ],
        capture_output=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    code, peak_kb = map(int, done.stderr.split())
    summary = json.loads(done.stdout)["summary"]
    assert 1 == code
    assert (1_000_000, 999_000, 1000) == (summary["items"], summary["records"], summary["errors"])
    assert peak_kb < 150 * 1024, f"peak RSS {peak_kb / 1024:.0f} MB ({seconds:.0f} s)"
