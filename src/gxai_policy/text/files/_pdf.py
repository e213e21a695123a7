"""
Letters in PDF files (extra ``pdf``: pdfminer.six).

Measured on the PDFs of ``tests/fixtures/letters/make_files.py`` (the
founding letter, 3 pages): pypdf 7.1 took 25 ms, pdfminer.six 103 ms and
pdfplumber 96 ms for the plain text.  pypdf is fastest, but gives text
runs without reliable positions (its visitor reports a run at the place of
the one before it in some files), and a letter's paragraphs, headers and
tables are read from positions; pdfplumber is pdfminer.six with Pillow and
pypdfium2 on top, which reading text does not need.  So pdfminer.six: its
text lines with their boxes, and these rules:

- Lines at one height are one row; a row whose pieces stand more than two
  characters apart is a table row, ``| a | b |``.
- Page numbers are dropped wherever they stand (``— 2 —``, ``-2-``,
  ``第2页``, ``2/5``); so is a running header or footer: a row in the top
  or bottom tenth of a page that another page repeats (digits aside), or
  a top row in smaller type than the page's text.
- Rows are joined into paragraphs (when some rows start further right than
  others, so that a paragraph's indented first line is seen): a row
  continues the one before unless it
  is indented, the one before stops short of the right margin (more than
  four characters: a number moved to the next line whole leaves less), or a gap
  wider than a line and a half parts them.  A word hyphenated at the line's
  end is joined back (``exam-`` ``ple``), Latin words keep their space, and
  Chinese joins with none.
- A PDF with no text on any page is a scan: ``file.scanned`` (no OCR).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from typing import Any, Final

from attrs import frozen

from gxai_policy.text.files._extra import require
from gxai_policy.text.files._join import paragraphs
from gxai_policy.text.files._rules import DAMAGED, ENCRYPTED, SCANNED, file_error

# No __all__: nothing here is public (the docs list what an __all__ names).

_PAGE_NUMBER: Final = re.compile(
    r"[—–\-－~～\s]*\d{1,4}[—–\-－~～\s]*|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(\s*of\s*\d{1,4})?"
)
_LATIN_END: Final = re.compile(r"[A-Za-z0-9,;:.%)]$")
_LATIN_START: Final = re.compile(r"^[A-Za-z0-9(]")
_HYPHENATED: Final = re.compile(r"[A-Za-z]-$")


@frozen
class _Piece:
    """
    One text line of pdfminer's: its text, box and character size.
    """

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float


@frozen
class _Row:
    """
    What stands at one height of a page: its text (a table row's ``| … |``) and box.
    """

    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int
    table: bool


def pdf_text(data: bytes) -> str:
    """
    The letter's text in a PDF: reading order, headers and page numbers gone, paragraphs whole.
    """
    require("pdfminer", extra="pdf", purpose="reading PDF files")
    pages = _pages(data)
    if not any(pieces for pieces, _, _ in pages):
        raise file_error(SCANNED, pages=len(pages))
    rows = [_rows(pieces, number) for number, (pieces, _, _) in enumerate(pages)]
    heights = [height for _, _, height in pages]
    body = _without_furniture(rows, heights)
    return paragraphs(_paragraphs(body, width=max(width for _, width, _ in pages)))


def _pages(data: bytes) -> list[tuple[list[_Piece], float, float]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        # A parser of untrusted input: whatever it raises while reading is the file's fault.
        pages = [
            (list(_pieces(page)), float(page.width), float(page.height))
            for page in extract_pages(io.BytesIO(data), laparams=LAParams(boxes_flow=None))
        ]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise file_error(ENCRYPTED, format="PDF") from None
    except Exception as exc:  # noqa: BLE001 - see above
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise file_error(DAMAGED, format="PDF", reason=reason) from None
    if not pages:
        raise file_error(DAMAGED, format="PDF", reason="no pages")
    return pages


def _pieces(container: Any) -> Any:
    from pdfminer.layout import LTChar, LTTextLine

    for item in container:
        if isinstance(item, LTTextLine):
            text = item.get_text().strip()
            if text:
                sizes = [c.size for c in item if isinstance(c, LTChar)]
                size = statistics.median(sizes) if sizes else item.height
                yield _Piece(text, item.x0, item.x1, item.y0, item.y1, size)
        elif hasattr(item, "__iter__"):
            yield from _pieces(item)


def _rows(pieces: list[_Piece], page: int) -> list[_Row]:
    rows: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.y1, p.x0)):
        if rows:
            last = rows[-1][0]
            middle = (piece.y0 + piece.y1) / 2
            if last.y0 <= middle <= last.y1:
                rows[-1].append(piece)
                continue
        rows.append([piece])
    out: list[_Row] = []
    for row in rows:
        row.sort(key=lambda p: p.x0)
        size = max(p.size for p in row)
        table = any(b.x0 - a.x1 > 2 * size for a, b in itertools.pairwise(row))
        text = (
            "| " + " | ".join(p.text.replace("|", "｜") for p in row) + " |"
            if table
            else " ".join(p.text for p in row)
        )
        out.append(_Row(text, row[0].x0, row[-1].x1, row[0].y1, size, page, table))
    return out


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _without_furniture(pages: list[list[_Row]], heights: list[float]) -> list[_Row]:
    def band(row: _Row) -> str:
        height = heights[row.page]
        if row.top > height * 0.9:
            return "top"
        if row.top < height * 0.1 + row.size:
            return "bottom"
        return ""

    seen: Counter[tuple[str, str]] = Counter()
    for rows in pages:
        seen.update({(band(row), _shape(row.text)) for row in rows if band(row)})
    sizes = [row.size for rows in pages for row in rows]
    body_size = statistics.median(sizes) if sizes else 0.0
    kept: list[_Row] = []
    for rows in pages:
        for row in rows:
            where = band(row)
            if _PAGE_NUMBER.fullmatch(row.text.strip()):
                continue
            if where and seen[(where, _shape(row.text))] > 1:
                continue
            if where == "top" and row.size < 0.85 * body_size:
                continue
            kept.append(row)
    return kept


def _paragraphs(rows: list[_Row], *, width: float) -> list[str]:
    if not rows:
        return []
    text_rows = [row for row in rows if not row.table]
    left = min((row.x0 for row in text_rows), default=0.0)
    # The type area's right edge, as far from the page's edge as its left one (GB/T 9704's
    # margins are 28 and 26 mm): the longest line of a short letter is no full line.
    right = width - left
    # When every line starts at one place, no line is seen to continue another (a wrapped
    # paragraph's lines start left of its indented first one): each line is a paragraph.
    if not any(row.x0 > left + 0.8 * row.size for row in text_rows):
        return [row.text for row in rows]
    steps = [
        a.top - b.top for a, b in itertools.pairwise(rows) if a.page == b.page and a.top > b.top
    ]
    step = statistics.median(steps) if steps else 0.0
    out: list[str] = []
    before: _Row | None = None
    for row in rows:
        if before is None or not _continues(before, row, left, right, step):
            out.append(row.text)
        else:
            out[-1] = _joined(out[-1], row.text)
        before = row
    return out


def _continues(before: _Row, row: _Row, left: float, right: float, step: float) -> bool:
    if before.table or row.table:
        return False
    if row.x0 > left + 0.8 * row.size:
        return False
    # A line may stop up to a few characters short: a Latin word or a number moved whole.
    if before.x1 < right - 4 * before.size:
        return False
    return not (step and before.page == row.page and before.top - row.top > 1.5 * step)


def _joined(text: str, more: str) -> str:
    if _HYPHENATED.search(text) and more[:1].islower():
        return text[:-1] + more
    if _LATIN_END.search(text) and _LATIN_START.search(more):
        return f"{text} {more}"
    return text + more
