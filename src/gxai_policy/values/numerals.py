"""
Chinese numerals and full-width digits, the building blocks of every reader.

>>> parse_chinese_integer("二十七")
27
>>> parse_chinese_integer("二〇二一")
2021
>>> parse_chinese_integer("二十七号")
Traceback (most recent call last):
  ...
ValueError: not a Chinese numeral: '二十七号'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

__all__ = [
    "CHINESE_DIGITS",
    "fold_width",
    "parse_chinese_integer",
    "parse_integer",
    "to_chinese_digits",
    "to_chinese_integer",
]

#: Digit characters, with the letter O and the digit 0 that documents use for 〇.
CHINESE_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "０": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """
    A function that compiles *pattern* on its first call and returns it ever after.

    The readers' patterns cost milliseconds each to compile (sets of CJK
    characters above all) and only reading text needs them: compiled at
    import, they would slow down ``import gxai_policy`` for every user.

    >>> year = lazy_pattern(r"[0-9]{4}年")
    >>> year().fullmatch("2021年") is not None
    True
    >>> year() is year()
    True
    """
    return functools.cache(lambda: re.compile(pattern, flags))


# Full-width ASCII (U+FF01..U+FF5E) folds to ASCII; the ideographic space to a space.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WIDE = re.compile("[\uff01-\uff5e\u3000]")


def fold_width(text: str) -> str:
    """
    Fold full-width ASCII (digits, letters, punctuation) to ASCII.

    Unlike NFKC it leaves Chinese punctuation such as 、。《》〔〕 alone.

    >>> fold_width("１２３４５（２０２１）")
    '12345(2021)'
    """
    # Most text has nothing to fold: finding that out is 10 times as fast as translating.
    return text.translate(_WIDTH) if _WIDE.search(text) else text


def parse_chinese_integer(text: str) -> int:
    """
    Read a non-negative integer written in Chinese numerals.

    Reads positional digit strings (``二〇二一``, ``二OO六`` with the letter O
    for 〇) and unit numerals (``十二``, ``二十七``, ``一百零五``, ``三千四百万``).

    Raises:
        ValueError: If *text* is empty or not a Chinese numeral.
    """
    if not text or any(ch not in CHINESE_DIGITS and ch not in _SMALL_UNITS
                       and ch not in _LARGE_UNITS for ch in text):  # fmt: skip
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in CHINESE_DIGITS for ch in text):
        if text.strip("Oo") == "":
            raise ValueError(f"not a Chinese numeral: {text!r}")
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    # 亿 closes everything before it; 万 closes only what follows the last 亿.
    yi = wan = section = digit = 0
    seen_digit = False
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
            # 零 marks a gap, not a multiplier: 一万零十 is 10010.
            seen_digit = digit != 0
        elif ch in _SMALL_UNITS:
            # 十二 means 12: a unit with no digit before it counts once.
            section += (digit if seen_digit else 1) * _SMALL_UNITS[ch]
            digit, seen_digit = 0, False
        elif _LARGE_UNITS[ch] == 10_000:
            wan = (wan + section + digit) * 10_000
            section = digit = 0
            seen_digit = False
        else:
            yi = (yi + wan + section + digit) * 100_000_000
            wan = section = digit = 0
            seen_digit = False
    return yi + wan + section + digit


def parse_integer(text: str) -> int:
    """
    Read an integer written in ASCII, full-width or Chinese digits.

    >>> parse_integer("１２")
    12
    >>> parse_integer("十二")
    12

    Raises:
        ValueError: If *text* is none of these.
    """
    folded = fold_width(text.strip())
    if folded.isascii() and folded.isdigit():
        return int(folded)
    return parse_chinese_integer(folded)


_DIGIT_CHARS = "〇一二三四五六七八九"


def to_chinese_digits(n: int) -> str:
    """
    Write *n* digit by digit, as years are written: ``2021`` → ``二〇二一``.

    >>> to_chinese_digits(2006)
    '二〇〇六'
    """
    if n < 0:
        raise ValueError(f"negative: {n}")
    return "".join(_DIGIT_CHARS[int(d)] for d in str(n))


def to_chinese_integer(n: int) -> str:
    """
    Write 0 ≤ *n* < 10**8 in Chinese unit numerals: ``27`` → ``二十七``.

    >>> to_chinese_integer(12)
    '十二'
    >>> to_chinese_integer(105)
    '一百零五'
    """
    if not 0 <= n < 100_000_000:
        raise ValueError(f"out of range: {n}")
    if n == 0:
        return "〇"
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + _below_10000(low, head=False)
        return _below_10000(high) + "万" + rest
    return _below_10000(n)


def _below_10000(n: int, *, head: bool = True) -> str:
    out: list[str] = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero and out:
                out.append("零")
            out.append(_DIGIT_CHARS[d] + name)
            zero = False
        else:
            zero = True
    text = "".join(out)
    # 十二, not 一十二, at the head of a number.
    return text[1:] if head and text.startswith("一十") else text
