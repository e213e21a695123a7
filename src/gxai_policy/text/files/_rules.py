"""
The rules `read_letter` raises: a file of no format it reads, a damaged, locked or scanned one.
"""

from __future__ import annotations

from typing import Final

from gxai_policy.errors import ParseError
from gxai_policy.rules import Rule, Trigger, define_family

# No __all__: nothing here is public (the docs list what an __all__ names).


def _pdf(*objects: bytes, trailer: bytes = b"") -> bytes:
    """
    A minimal PDF of *objects* (numbered from 1, the first the catalog) with a correct xref.
    """
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_PAGES = (
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
)
_LOCK = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"ab" * 32, b"cd" * 32)

_SOURCE = "GB/T 9704-2012 党政机关公文格式; ISO 32000-1 (PDF); ECMA-376 (DOCX); WHATWG HTML"
_rule = define_family("file", applies_to="Reply", source=_SOURCE, trigger=Trigger.READ_FILE)

UNKNOWN_FORMAT: Final = _rule(
    "unknown_format",
    (
        "The file is none of the formats a letter is read from: plain text (UTF-8, GBK,"
        " GB18030, UTF-16), HTML, DOCX or PDF."
    ),
    "文件不是可读取答复函的格式：纯文本（UTF-8、GBK、GB18030、UTF-16）、HTML、DOCX或PDF。",
    b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    message="not a letter's file: {reason}",
    message_zh="不是答复函文件：{reason_zh}",
)
DAMAGED: Final = _rule(
    "damaged",
    "The file is of a format a letter is read from, but damaged: it cannot be opened.",
    "文件格式可读，但已损坏，无法打开。",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    message="the {format} file is damaged and cannot be opened: {reason}",
    # The reason is the reader's own words, in English: the Chinese message goes without it.
    message_zh="{format}文件已损坏，无法打开",
)
ENCRYPTED: Final = _rule(
    "encrypted",
    "The file is locked with a password: its text cannot be read without it.",
    "文件已加密，无密码无法读取文字。",
    _pdf(*_PAGES, _LOCK, trailer=b"/Encrypt 4 0 R /ID [<00> <00>] "),
    message="the {format} file is locked with a password; unlock it first",
    message_zh="{format}文件已加密，请先解除密码",
)
SCANNED: Final = _rule(
    "scanned",
    (
        "The PDF has no text layer: it is a scan (an image of the letter), and reading"
        " scans (OCR) is not supported."
    ),
    "PDF没有文字层，是扫描件（答复函的图像）；不支持识别扫描件（OCR）。",
    _pdf(*_PAGES),
    message=(
        "the PDF has no text layer on any of its {pages} page(s): it is a scan;"
        " run OCR on it first (reading scans is not supported)"
    ),
    message_zh="PDF共{pages}页，均无文字层，是扫描件；请先进行文字识别（OCR）",
)


def file_error(rule: Rule, **params: object) -> ParseError:
    """
    The `ParseError` of *rule* for a whole file (line 1, column 1).
    """
    return rule.parse_error("", 0, **params)
