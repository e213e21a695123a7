"""
Plain-text letters: UTF-8 (with or without BOM), UTF-16 with BOM, GBK or GB18030.
"""

from __future__ import annotations

import re
from typing import Final

from gxai_policy.text.files._rules import UNKNOWN_FORMAT, file_error

# No __all__: nothing here is public (the docs list what an __all__ names).

#: Control characters no letter holds (tab, newlines and form feed aside): a sign of binary data.
_BINARY: Final = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes) -> str:
    """
    The text of *data*, in the first of its encodings that decodes it.

    GB18030 decodes much that is no text, so text with a NUL or other
    control characters is refused as binary whatever decoded it.

    >>> decode("王明代表".encode("gb18030"))
    '王明代表'
    >>> decode(b"\\x00\\x01")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ParseError: line 1, column 1: not a letter's file: binary data, ...
    """
    text = _decoded(data)
    if text is None:
        raise file_error(
            UNKNOWN_FORMAT,
            reason="bytes that are no text in UTF-8, UTF-16, GBK or GB18030",
            reason_zh="字节不是UTF-8、UTF-16、GBK或GB18030编码的文字",
        )
    if _BINARY.search(text, 0, 65536):
        raise file_error(
            UNKNOWN_FORMAT,
            reason="binary data, not text",
            reason_zh="二进制数据，不是文字",
        )
    return text


def _decoded(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
