"""
The command line: demo, parse, render, validate, schema, convert.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import gxai_policy as gp
from gxai_policy.cli import build_parser, decode, main
from gxai_policy.data import founding_letter

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestDemo:
    def test_summarises_the_founding_letter(self, capsys):
        """
        demo prints the proposal, both top-level sections, the figures and the findings.
        """
        code, out, _ = _run(capsys, "demo")
        assert 0 == code
        assert "自治区政协十二届四次会议第20210143号提案" in out
        assert "已开展工作情况" in out
        assert "下一步工作计划" in out
        assert "约3.4亿元" in out
        assert "figures (18)" in out
        assert "reply.missing_signed_on" in out

    def test_labels_every_figure(self, capsys):
        """
        Every figure the demo prints says what it counts, as founding_figures() does.
        """
        _, out, _ = _run(capsys, "demo", "--lang", "zh")
        lines = out.split("figures (18):\n")[1].split("listed (1):\n")[0].splitlines()
        assert (18, True) == (len(lines), all(" — " in line for line in lines))
        assert "  15家 — “十三五”新增平台中的广西工程技术研究中心  [exact 15 家]" in out
        assert "  172家 — 经各市科技局审核推荐的人工智能企业  [exact 172 家]" in out
        assert "  12个 — 人工智能应用场景征集的领域" in out

    def test_labels_in_english(self, capsys):
        """
        With --lang en the labels are English.
        """
        _, out, _ = _run(capsys, "demo", "--lang", "en")
        assert "  87家 — of those AI enterprises, high-tech enterprises  [exact 87 家]" in out

    @pytest.mark.parametrize(
        ("lang", "zh", "en"),
        [("zh", True, False), ("en", False, True), ("both", True, True)],
    )
    def test_findings_in_the_chosen_language(self, capsys, lang, zh, en):
        """
        --lang prints the findings in Chinese, in English, or in both.
        """
        _, out, _ = _run(capsys, "demo", "--lang", lang)
        findings = out.split("findings (7):")[1]
        assert (zh, en) == ("缺少成文日期" in findings, "no date of issue (成文日期)" in findings)

    def test_both_languages_by_default(self, capsys):
        """
        Without --lang, the demo prints both languages.
        """
        assert _run(capsys, "demo") == _run(capsys, "demo", "--lang", "both")

    def test_unknown_language(self, capsys):
        """
        A language the demo does not speak is a usage error.
        """
        with pytest.raises(SystemExit) as info:
            main(["demo", "--lang", "fr"])
        assert 2 == info.value.code
        assert "invalid choice: 'fr'" in capsys.readouterr().err

    def test_json_is_the_reply(self, capsys):
        """
        demo --json prints the Reply as JSON, which loads back to the parsed letter.
        """
        code, out, _ = _run(capsys, "demo", "--json")
        assert 0 == code
        assert gp.parse_reply(founding_letter()) == gp.from_json(gp.Reply, out)

    def test_a_closed_pipe_is_not_an_error(self):
        """
        demo piped into a reader that stops early (like head) exits quietly.
        """
        with subprocess.Popen(
            [sys.executable, "-m", "gxai_policy", "demo"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        ) as demo:
            assert demo.stdout is not None
            assert demo.stderr is not None
            # Closed before the demo writes: its first print meets a broken pipe.
            demo.stdout.close()
            errors = demo.stderr.read()
        assert (0, b"") == (demo.returncode, errors)

    def test_runs_as_a_module(self):
        """
        python -m gxai_policy runs the same command line.
        """
        done = subprocess.run(
            [sys.executable, "-m", "gxai_policy", "--version"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert f"gxai-policy {gp.__version__}" == done.stdout.strip()


class TestParseAndRender:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
    def test_reads_every_usual_encoding(self, capsys, tmp_path, encoding):
        """
        parse reads UTF-8 (with or without BOM), GBK and GB18030 letters alike.
        """
        letter = tmp_path / "letter.txt"
        letter.write_bytes(founding_letter().encode(encoding))
        code, out, _ = _run(capsys, "parse", str(letter))
        assert 0 == code
        assert "20210143" == json.loads(out)["proposal"]["number"]

    def test_other_bytes_are_unusable(self, capsys, tmp_path):
        """
        Bytes that are no letter's file exit 2 with the file, the code and a clear message.
        """
        letter = tmp_path / "letter.txt"
        letter.write_bytes(b"\x00\x01\x02 binary")
        code, _, err = _run(capsys, "parse", str(letter))
        assert 2 == code
        assert f"{letter}:1:1: file.unknown_format: not a letter's file: binary data" in err

    def test_strict_refuses_the_founding_letter(self, capsys, tmp_path):
        """
        parse --strict exits 2 for a letter without 发文字号, naming line and column.
        """
        letter = tmp_path / "letter.txt"
        letter.write_text(founding_letter(), encoding="utf-8")
        code, _, err = _run(capsys, "parse", "--strict", str(letter))
        assert 2 == code
        assert err.startswith(f"{letter}:")

    def test_render_writes_the_letter_back(self, capsys, tmp_path):
        """
        render prints a Reply given as JSON as a letter that reads back to it.
        """
        reply = gp.parse_reply(founding_letter())
        path = tmp_path / "reply.json"
        path.write_text(gp.to_json(reply), encoding="utf-8")
        code, out, _ = _run(capsys, "render", str(path))
        assert 0 == code
        assert reply == gp.parse_reply(out)

    def test_missing_file_is_unusable(self, capsys):
        """
        A file that cannot be read exits 2.
        """
        code, _, err = _run(capsys, "parse", "/nonexistent/letter.txt")
        assert 2 == code
        assert "cannot read" in err


class TestValidate:
    def test_clean_file_exits_0(self, capsys, tmp_path):
        """
        A clean JSON array of enterprises exits 0 with no findings and a summary.
        """
        path = tmp_path / "e.json"
        path.write_text(json.dumps([ENTERPRISE]), encoding="utf-8")
        code, out, _ = _run(capsys, "validate", "--type", "enterprise", str(path))
        report = json.loads(out)
        assert (0, 1, []) == (code, report["records"], report["findings"])
        assert {"items": 1, "records": 1, "errors": 0, "warnings": 0, "info": 0} == {
            k: v for k, v in report["summary"].items() if k != "seconds"
        }

    def test_findings_exit_1_with_lines_and_paths(self, capsys, tmp_path):
        """
        A JSONL file with a bad line exits 1 and reports the line, path and code.
        """
        path = tmp_path / "e.jsonl"
        bad = ENTERPRISE | {"is_ai": "false"}
        path.write_text(f"{json.dumps(ENTERPRISE)}\n{json.dumps(bad)}\n", encoding="utf-8")
        code, out, _ = _run(capsys, "validate", "--type", "enterprise", str(path))
        report = json.loads(out)
        assert 1 == code
        assert 1 == report["records"]
        assert [(str(path), 2, "/is_ai", "load.wrong_type", "error")] == [
            (f["file"], f["line"], f["path"], f["code"], f["severity"]) for f in report["findings"]
        ]

    def test_warnings_alone_exit_0(self, capsys, tmp_path):
        """
        --as-of makes an expired certificate a warning, which exits 0 unless --fail-on warning.
        """
        path = tmp_path / "e.json"
        path.write_text(json.dumps(ENTERPRISE), encoding="utf-8")
        argv = ["validate", "--type", "enterprise", "--as-of", "2030-01-01", str(path)]
        code, out, _ = _run(capsys, *argv)
        assert 0 == code
        assert "certificate.expired" in {f["code"] for f in json.loads(out)["findings"]}
        assert 1 == _run(capsys, *argv, "--fail-on", "warning")[0]

    def test_not_json_is_unusable(self, capsys, tmp_path):
        """
        A .json file that is not a JSON document exits 2, on one line.
        """
        path = tmp_path / "e.json"
        path.write_text("{", encoding="utf-8")
        code, _, err = _run(capsys, "validate", "--type", "enterprise", str(path))
        assert 2 == code
        assert "not JSON" in err
        assert 1 == len(err.splitlines())


class TestSchemaAndConvert:
    def test_prints_a_schema(self, capsys):
        """
        schema prints the record type's JSON Schema.
        """
        code, out, _ = _run(capsys, "schema", "enterprise")
        assert (0, gp.json_schema(gp.Enterprise)) == (code, json.loads(out))

    def test_writes_every_schema(self, capsys, tmp_path):
        """
        schema --all DIR writes one file per record type.
        """
        code, _, _ = _run(capsys, "schema", "--all", str(tmp_path))
        assert 0 == code
        assert {
            "proposal.json",
            "reply.json",
            "task.json",
            "platform.json",
            "scholar.json",
            "enterprise.json",
            "subsidy.json",
            "dataset.json",
        } == {p.name for p in tmp_path.iterdir()}

    def test_schema_all_to_a_file_is_unusable(self, capsys, tmp_path):
        """
        schema --all naming a file, not a folder, exits 2 on one line.
        """
        path = tmp_path / "x.json"
        path.write_text("", encoding="utf-8")
        code, _, err = _run(capsys, "schema", "--all", str(path))
        assert (2, 1) == (code, len(err.splitlines()))
        assert "cannot write the schemas" in err

    def test_schema_needs_a_type(self, capsys):
        """
        schema without a type or --all is a usage error, exit 2.
        """
        code, _, err = _run(capsys, "schema")
        assert 2 == code
        assert "--all" in err

    def test_converts_json_to_jsonl_and_back(self, capsys, tmp_path):
        """
        convert keeps every record, unknown keys included, across JSON and JSONL.
        """
        source = tmp_path / "in.json"
        records = [ENTERPRISE | {"remark": "备注"}, ENTERPRISE | {"uscc": "91450100MA5KYX1A18"}]
        source.write_text(json.dumps(records), encoding="utf-8")
        middle, back = tmp_path / "mid.jsonl", tmp_path / "out.json"
        assert 0 == _run(capsys, "convert", "--type", "enterprise", str(source), str(middle))[0]
        # A header line that says the schema version, then a record a line.
        assert 3 == len(middle.read_text(encoding="utf-8").splitlines())
        assert 0 == _run(capsys, "convert", "--type", "enterprise", str(middle), str(back))[0]
        expected = [gp.to_dict(gp.from_dict(gp.Enterprise, r, unknown="report")) for r in records]
        assert expected == json.loads(back.read_text(encoding="utf-8"))
        assert "备注" == expected[0]["remark"]

    def test_convert_refuses_bad_records(self, capsys, tmp_path):
        """
        convert exits 2 rather than drop a record it cannot load, and writes nothing.
        """
        source = tmp_path / "in.jsonl"
        source.write_text('{"name": 1}\n', encoding="utf-8")
        out = tmp_path / "x.json"
        code, _, err = _run(capsys, "convert", "--type", "enterprise", str(source), str(out))
        assert 2 == code
        assert "in.jsonl:1" in err
        assert [] == list(tmp_path.glob("*x.json*"))


def test_decode_strips_the_bom():
    """
    decode drops a UTF-8 byte-order mark.
    """
    assert "广西" == decode("\ufeff广西".encode())


def test_every_command_has_help():
    """
    Every subcommand carries a help line for the docs' CLI page.
    """
    parser = build_parser()
    (commands,) = [a for a in parser._actions if a.dest == "command"]
    assert {"demo", "parse", "render", "validate", "schema", "convert"} == set(commands.choices)
    assert all(choice.help for choice in commands._choices_actions)
