"""
Hostile files for read_letter: mutated HTML, DOCX and PDF bytes give a Reply or ParseError, only.

Each seed is a real letter written out by tests/fixtures/letters/make_files.py;
Hypothesis flips, deletes, inserts and cuts bytes of it.  DOCX is a ZIP
archive, so mutating its compressed bytes mostly breaks the archive; the
same mutations are also applied to its document.xml, re-zipped, to reach
the Word reader itself.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import make_files
import pytest
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp

LETTER = Path(__file__).parent.parent / "text" / "letters" / "table-figures.txt"
TEXT = LETTER.read_text(encoding="utf-8")
SEEDS = {
    "html": make_files.to_html(TEXT),
    "docx": make_files.to_docx(TEXT),
    "pdf": make_files.to_pdf(TEXT),
    "txt": TEXT.encode("utf-8"),
}


@st.composite
def mutations(draw: st.DrawFn, data: bytes) -> bytes:
    """
    *data* with a few bytes flipped, deleted or inserted, or cut short.
    """
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "cut"]))
        at = draw(st.integers(0, max(0, len(out) - 1)))
        if kind == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            del out[at:]
    return bytes(out)


def _outcome(data: bytes, fmt: str | None = None) -> object:
    """
    The reply or the ParseError's code; anything else escaping is the failure looked for.
    """
    try:
        return gp.read_letter(data, format=fmt)  # type: ignore[arg-type]
    except gp.ParseError as exc:
        return exc.code


def _rezipped(docx: bytes, member: str, change: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, change if item.filename == member else source.read(item))
    return out.getvalue()


DOCUMENT_XML = zipfile.ZipFile(io.BytesIO(SEEDS["docx"])).read("word/document.xml")


class TestMutatedFiles:
    @pytest.mark.parametrize("fmt", sorted(SEEDS))
    @fuzz(0.2)
    @given(data=st.data())
    def test_mutated_bytes(self, fmt, data):
        """
        A letter's file with bytes flipped, cut, deleted or inserted reads or is a ParseError.
        """
        mutated = data.draw(mutations(SEEDS[fmt]))
        _outcome(mutated)
        _outcome(mutated, fmt)

    @fuzz(0.2)
    @given(xml=mutations(DOCUMENT_XML))
    def test_mutated_word_xml(self, xml):
        """
        A DOCX whose document.xml is mutated (the archive whole) reads or is a ParseError.
        """
        _outcome(_rezipped(SEEDS["docx"], "word/document.xml", xml))

    @fuzz(0.2)
    @given(data=st.binary(max_size=512))
    def test_random_bytes(self, data):
        """
        Random bytes, read as each format and detected, read or are a ParseError.
        """
        for fmt in (None, "txt", "html", "docx", "pdf"):
            _outcome(data, fmt)

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            (SEEDS["docx"][:100], "file.damaged"),
            (SEEDS["pdf"][:100], "file.damaged"),
            (b"\x89PNG\r\n\x1a\n" + bytes(64), "file.unknown_format"),
            (b"", "letter.not_a_letter"),
        ],
        # By name: the seeds' bytes differ between processes (a ZIP's timestamps), ids must not.
        ids=["docx-cut", "pdf-cut", "png", "empty"],
    )
    def test_known_bad_files(self, data, code):
        """
        A truncated DOCX or PDF, a PNG and an empty file each raise their own code.
        """
        assert code == _outcome(data)

    def test_control_characters_in_a_page(self):
        """
        A page with a stray control character (which lxml refuses) is read as a browser shows it.
        """
        page = "<html><body><p>王明代表：\x01</p><p>您的第57号建议收悉。</p></body></html>"
        assert "王明代表" == gp.read_letter(page.encode(), format="html").recipient
