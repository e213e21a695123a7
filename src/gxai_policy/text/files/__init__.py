"""
Reply letters from the files departments publish: web pages, Word documents and PDFs.

`read_letter` takes a file (a path, its bytes or a binary file object),
finds its format from its content, takes the letter's text out of it and
hands that to `gxai_policy.parse_reply`.  One module a format, each
importing its third-party reader only when a file of its format comes:

- ``_txt``: plain text in UTF-8 (with or without BOM), UTF-16 (with BOM),
  GBK or GB18030.
- ``_html`` (extra ``html``: lxml): the letter's block of a portal page,
  without the page's furniture (navigation, breadcrumbs, the 索引号 and
  发布机构 table, share and print widgets, related links, the footer);
  tables as ``| … |`` rows.
- ``_docx`` (extra ``docx``: python-docx): the body's paragraphs and tables
  in order, Word's automatic numbering written back as the markers it shows
  (一、 （一） 1. （1）), headers and footers left out, the red
  发文机关标志 (in the body, a table or a text box) as the letterhead.
- ``_pdf`` (extra ``pdf``: pdfminer.six): the text in reading order,
  running headers and page numbers (``— 2 —``, ``-2-``, ``第2页``) dropped,
  paragraphs rebuilt from their wrapped lines, hyphenation undone, tables
  as rows.  A PDF without a text layer is a scan: refused, no OCR.

OFD, the Chinese fixed-layout format, is not read: no reader of it on PyPI
is kept well enough to depend on; a file of it is refused with
``file.unknown_format``, saying so.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from typing import IO, Final, Literal, get_args

from gxai_policy.records.reply import Reply
from gxai_policy.records.source import Source
from gxai_policy.text.files._rules import DAMAGED, UNKNOWN_FORMAT, file_error
from gxai_policy.text.files._txt import decode
from gxai_policy.text.reader import parse_reply

__all__ = ["FORMATS", "FileFormat", "detect_format", "letter_text", "read_letter"]

#: A format `read_letter` takes.
FileFormat = Literal["txt", "html", "docx", "pdf"]

#: Every format `read_letter` takes, by its name.
FORMATS: Final[tuple[FileFormat, ...]] = get_args(FileFormat)

#: What a file may be given as: a path, its content, or a binary file open for reading.
LetterFile = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

_CFB: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML: Final = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b", re.IGNORECASE
)


def read_letter(
    source: LetterFile,
    *,
    format: FileFormat | None = None,  # noqa: A002 - the issue's name, as open()'s mode is
    source_info: Source | None = None,
    strict: bool = False,
) -> Reply:
    """
    Read a reply letter from a file: plain text, a web page, a Word document or a PDF.

    Args:
        source: A path, the file's bytes, or a binary file open for reading.

        format: ``"txt"``, ``"html"``, ``"docx"`` or ``"pdf"``; found from
            the content (never the file's name) when ``None``.

        source_info: Where the letter came from (`gxai_policy.Source`: its
            title, 发文字号, URL, dates).  For a path it defaults to
            ``Source.of(path)``, the file's name; bytes and open files have
            no default.

        strict: As `gxai_policy.parse_reply`'s.

    Returns:
        The reply, as `gxai_policy.parse_reply` reads the file's text
        (`letter_text`); its spans are offsets into that text, and its
        ``source`` (and each cited document's and figure's, narrowed to its
        span) is *source_info*.

    Raises:
        ParseError: ``file.unknown_format`` for a file of no format above,
            ``file.damaged`` for one that cannot be opened (a truncated
            DOCX, a broken PDF), ``file.encrypted`` for one locked with a
            password, ``file.scanned`` for a PDF without a text layer, and
            `gxai_policy.parse_reply`'s codes for text that is no letter
            (a web page without one).  Never any other exception for what
            the file holds.

        MissingExtraError: The format's reader is not installed (the
            message names the extra: ``pip install 'gxai-policy[docx]'``).

        OSError: A path that cannot be read.

        TypeError: A *source* of none of the kinds above (a text-mode file).

    >>> page = "<html><body><p>王明代表：</p><p>您的第57号建议收悉。</p></body></html>"
    >>> read_letter(page.encode()).recipient
    '王明代表'
    >>> read_letter(b"\\x7fELF\\x02\\x01\\x01\\x00")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ParseError: line 1, column 1: not a letter's file: ...
    """
    if source_info is None and isinstance(source, str | os.PathLike):
        source_info = Source.of(source)
    return parse_reply(letter_text(source, format=format), strict=strict, source=source_info)


def letter_text(
    source: LetterFile,
    *,
    format: FileFormat | None = None,  # noqa: A002 - as read_letter's
) -> str:
    """
    The text of the letter a file holds, as `read_letter` hands it to the reader.

    One paragraph a line, tables as ``| … |`` rows, the furniture of the
    format dropped.  Useful to see what the reader was given.

    >>> letter_text("<p>王明代表：</p><div class='share'>分享到</div>".encode(), format="html")
    '王明代表：'
    """
    data = _content(source)
    chosen = detect_format(data) if format is None else format
    if chosen not in _EXTRACTORS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {chosen!r}")
    return _EXTRACTORS[chosen](data)


def detect_format(data: bytes) -> FileFormat:
    """
    The format of a file, from its content: magic bytes, a ZIP's members, the start of its text.

    >>> detect_format(b"%PDF-1.7 ...")
    'pdf'
    >>> detect_format("王明代表：".encode("gbk"))
    'txt'
    >>> detect_format(b"PK\\x03\\x04 truncated")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ParseError: line 1, column 1: the ZIP (DOCX) file is damaged ...
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zipped(data)
    if data.startswith(_CFB):
        raise file_error(
            UNKNOWN_FORMAT,
            reason="a Word 97-2003 .doc or a password-protected Office file: save it as .docx",
            reason_zh="Word 97-2003 .doc文件或加密的Office文件，请另存为.docx",
        )
    text = decode(data)
    if _HTML.search(text, 0, 4096) and text.lstrip("\ufeff \t\r\n").startswith("<"):
        return "html"
    return "txt"


def _zipped(data: bytes) -> FileFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise file_error(DAMAGED, format="ZIP (DOCX)", reason=str(exc) or "truncated") from None
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        raise file_error(
            UNKNOWN_FORMAT,
            reason="an OFD document, which is not read: print it to PDF",
            reason_zh="OFD文件暂不支持读取，请另存为PDF",
        )
    raise file_error(
        UNKNOWN_FORMAT,
        reason="a ZIP archive that is no Word document",
        reason_zh="ZIP压缩包，不是Word文档",
    )


def _content(source: LetterFile) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as fp:  # noqa: PTH123 - str and PathLike alike
            return fp.read()
    read = getattr(source, "read", None)
    if read is not None:
        data = read()
        if isinstance(data, bytes):
            return data
        kind = type(data).__name__
        raise TypeError(f"read_letter needs a binary file, not one that reads {kind}")
    kind = type(source).__name__
    raise TypeError(f"read_letter takes a path, bytes or a binary file, not {kind}")


def _html(data: bytes) -> str:
    from gxai_policy.text.files._html import html_text

    return html_text(data)


def _docx(data: bytes) -> str:
    from gxai_policy.text.files._docx import docx_text

    return docx_text(data)


def _pdf(data: bytes) -> str:
    from gxai_policy.text.files._pdf import pdf_text

    return pdf_text(data)


_EXTRACTORS: Final[dict[str, Callable[[bytes], str]]] = {
    "txt": decode,
    "html": _html,
    "docx": _docx,
    "pdf": _pdf,
}
