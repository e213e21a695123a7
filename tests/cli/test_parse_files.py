"""
gxai-policy parse on files: web pages, Word and PDF; a folder of them with --dir and --jobs.

Run as the installed entry point, in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import make_files
import pytest

import gxai_policy as gp
from gxai_policy.data import founding_letter

LETTERS = Path(__file__).parent.parent / "text" / "letters"
ENTRY_POINT = str(Path(sys.executable).parent / "gxai-policy")


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ENTRY_POINT, *argv], capture_output=True, text=True, check=False, timeout=300
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """
    A folder of mixed files: three letters as HTML, DOCX, PDF and text, and two bad files.
    """
    out = tmp_path_factory.mktemp("letters")
    for name in ("npc-number-only", "table-figures", "baise-cppcc"):
        text = (LETTERS / f"{name}.txt").read_text(encoding="utf-8")
        (out / f"{name}.html").write_bytes(make_files.to_html(text))
        (out / f"{name}.docx").write_bytes(make_files.to_docx(text))
        (out / f"{name}.pdf").write_bytes(make_files.to_pdf(text))
        (out / f"{name}.txt").write_text(text, encoding="utf-8")
    (out / "broken.docx").write_bytes(make_files.to_docx("王明代表：\n来信收悉。")[:500])
    (out / "scan.pdf").write_bytes(make_files.scanned_pdf())
    (out / ".hidden").write_text("not read", encoding="utf-8")
    return out


def _without_provenance(data: object) -> object:
    """
    *data* without its spans and sources, at every depth.
    """
    if isinstance(data, dict):
        return {k: _without_provenance(v) for k, v in data.items() if k not in ("spans", "source")}
    if isinstance(data, list):
        return [_without_provenance(v) for v in data]
    return data


class TestParseFile:
    @pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
    def test_reads_each_format(self, tmp_path, fmt):
        """
        parse FILE reads a page, a Word document and a PDF to the Reply of the letter's text.
        """
        maker = {"html": make_files.to_html, "docx": make_files.to_docx, "pdf": make_files.to_pdf}
        path = tmp_path / f"letter.{fmt}"
        path.write_bytes(maker[fmt](founding_letter()))
        done = _cli("parse", str(path))
        assert 0 == done.returncode, done.stderr
        expected = gp.to_dict(gp.parse_reply(founding_letter(), source=gp.Source.of(path)))
        actual = json.loads(done.stdout)
        # Offsets differ: they are into each format's text.
        del expected["spans"], actual["spans"]
        assert {"file": f"letter.{fmt}"} == {k: v for k, v in actual["source"].items() if v}
        assert expected == actual

    def test_scan_exits_2_naming_the_code(self, tmp_path):
        """
        A scanned PDF exits 2 with the file, file.scanned and the reason.
        """
        path = tmp_path / "scan.pdf"
        path.write_bytes(make_files.scanned_pdf())
        done = _cli("parse", str(path))
        assert 2 == done.returncode
        assert f"{path}:1:1: file.scanned: the PDF has no text layer" in done.stderr

    def test_file_and_dir_are_exclusive(self, tmp_path):
        """
        parse with neither FILE nor --dir, or both, is a usage error (exit 2).
        """
        assert 2 == _cli("parse").returncode
        assert 2 == _cli("parse", "x.txt", "--dir", str(tmp_path)).returncode


class TestParseDir:
    def test_one_result_a_file_in_name_order(self, folder):
        """
        --dir writes one JSON line a file, sorted by name, errors in their place; exit 1.
        """
        done = _cli("parse", "--dir", str(folder))
        assert 1 == done.returncode, done.stderr
        results = [json.loads(line) for line in done.stdout.splitlines()]
        names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        assert names == [r["file"] for r in results]
        errors = {r["file"]: r["error"]["code"] for r in results if "error" in r}
        assert {"broken.docx": "file.damaged", "scan.pdf": "file.scanned"} == errors
        by_name = {r["file"]: r for r in results}
        for name in ("npc-number-only", "table-figures", "baise-cppcc"):
            files = [f"{name}.{ext}" for ext in ("txt", "html", "docx", "pdf")]
            replies = [by_name[file]["reply"] for file in files]
            assert files == [reply["source"]["file"] for reply in replies]
            # The same letter, but where it was read: each format's file and offsets.
            stripped = [_without_provenance(reply) for reply in replies]
            assert all(stripped[0] == r for r in stripped)
        assert "pdf" == by_name["baise-cppcc.pdf"]["format"]

    def test_jobs_give_the_same_output(self, folder):
        """
        --jobs 2 writes exactly what one process writes.
        """
        one = _cli("parse", "--dir", str(folder))
        two = _cli("parse", "--dir", str(folder), "--jobs", "2")
        assert (one.returncode, one.stdout) == (two.returncode, two.stdout)

    def test_all_good_exits_0(self, tmp_path):
        """
        A folder whose every file reads exits 0.
        """
        (tmp_path / "a.html").write_bytes(make_files.to_html(founding_letter()))
        done = _cli("parse", "--dir", str(tmp_path))
        assert (0, 1) == (done.returncode, len(done.stdout.splitlines()))

    def test_missing_folder_exits_2(self, tmp_path):
        """
        A folder that cannot be read exits 2 with one line saying so.
        """
        done = _cli("parse", "--dir", str(tmp_path / "nowhere"))
        assert 2 == done.returncode
        assert "cannot read the folder" in done.stderr
