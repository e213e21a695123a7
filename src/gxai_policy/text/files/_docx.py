"""
Letters in Word documents (extra ``docx``: python-docx).

The body is read in order: paragraphs, tables (as ``| a | b |`` rows) and
the text boxes of a paragraph (before it: a letterhead often sits in one).
Headers and footers are left out: they hold running heads and page
numbers, never the letter.  Deleted revisions are left out too.

Word's automatic numbering is not in the text: a heading shows ``一、``
because its paragraph (or its style) points at a list level whose format
is ``chineseCounting`` and whose text is ``%1、``.  The counters are kept
per list (``w:numId``) as Word keeps them — a level restarts when a higher
one numbers a paragraph — and the marker is written back before the text.

The 发文机关标志 (the red letterhead) is a paragraph, table cell or text
box whose text is red: it is read as one line, the letter-spacing blanks
between its characters removed, so the reader takes it as the letterhead.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any, Final

from gxai_policy.text.files._extra import require
from gxai_policy.text.files._join import paragraphs
from gxai_policy.text.files._rules import DAMAGED, file_error

# No __all__: nothing here is public (the docs list what an __all__ names).

_W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE: Final = "〇一二三四五六七八九"
_LEGAL: Final = "零壹贰叁肆伍陆柒捌玖"
_GANS: Final = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED: Final = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN: Final = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_CJK_GAP: Final = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")


def _counting(n: int, digits: str = _CHINESE, ten: str = "十", *, whole: bool = False) -> str:
    """
    A number as Chinese counting writes it: 一, 十, 十一, 二十三, 一百零五, 一百一十.

    *whole* keeps the 一 of 一十 (after 百, Word writes 一百一十).
    """
    if n <= 0:
        return digits[0]
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = _counting(hundreds, digits, ten) + ("百" if digits is _CHINESE else "佰")
        if not rest:
            return head
        zero = "零" if rest < 10 else ""
        return head + zero + _counting(rest, digits, ten, whole=True)
    tens, ones = divmod(n, 10)
    text = "" if not tens else ("" if tens == 1 and not whole else digits[tens]) + ten
    return text + (digits[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """
    The number *n* as Word shows it in the list format *fmt* (``w:numFmt``).

    >>> [format_number(n, "chineseCounting") for n in (1, 10, 12, 20)]
    ['一', '十', '十二', '二十']
    >>> format_number(3, "decimalEnclosedCircle"), format_number(4, "upperRoman")
    ('③', 'IV')
    """
    return _FORMATS.get(fmt, str)(n)


def _circled(n: int) -> str:
    return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)


#: Word's list formats (``w:numFmt``) a letter uses; any other shows decimal digits.
_FORMATS: Final[dict[str, Callable[[int], str]]] = {
    "chineseCounting": _counting,
    "chineseCountingThousand": _counting,
    "japaneseCounting": _counting,
    "taiwaneseCounting": _counting,
    "chineseLegalSimplified": lambda n: _counting(n, _LEGAL, "拾"),
    "ideographDigital": lambda n: "".join(_CHINESE[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _GANS[(n - 1) % 10],
    "decimalEnclosedCircle": _circled,
    "decimalEnclosedCircleChinese": _circled,
    "decimalFullWidth": lambda n: str(n).translate({c: c + 0xFEE0 for c in range(48, 58)}),
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "none": lambda _n: "",
}


class _Numbering:
    """
    Word's lists: each paragraph's marker, counted as Word counts it.
    """

    def __init__(self, numbering: Any, styles: Any) -> None:
        self._abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._lists: dict[str, str] = {}
        self._starts: dict[tuple[str, int], int] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_numbering(self, numbering: Any) -> None:
        for abstract in numbering.iter(f"{_W}abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for level in abstract.iter(f"{_W}lvl"):
                ilvl = _int(level.get(f"{_W}ilvl"), 0)
                levels[ilvl] = (
                    _int(_val(level, "start"), 1),
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                )
            self._abstract[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in numbering.iter(f"{_W}num"):
            num_id = num.get(f"{_W}numId", "")
            self._lists[num_id] = _val(num, "abstractNumId") or ""
            for override in num.iter(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    ilvl = _int(override.get(f"{_W}ilvl"), 0)
                    self._starts[(num_id, ilvl)] = _int(start, 1)

    def _read_styles(self, styles: Any) -> None:
        based: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for style in styles.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            parent = _val(style, "basedOn")
            if parent:
                based[style_id] = parent
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                own[style_id] = (_val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"), 0))
        for style_id in {*based, *own}:
            seen: set[str] = set()
            current: str | None = style_id
            while current is not None and current not in seen:
                seen.add(current)
                if current in own:
                    self._style_num[style_id] = own[current]
                    break
                current = based.get(current)

    def marker(self, paragraph: Any) -> str:
        """
        The marker Word shows before *paragraph* ("" when it is not numbered), counted.
        """
        p_pr = paragraph.find(f"{_W}pPr")
        num_pr = None if p_pr is None else p_pr.find(f"{_W}numPr")
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"), 0)
        else:
            style = None if p_pr is None else _val(p_pr, "pStyle")
            if style is None or style not in self._style_num:
                return ""
            num_id, ilvl = self._style_num[style]
        levels = self._abstract.get(self._lists.get(num_id, ""), {})
        if num_id in ("", "0") or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        start = self._starts.get((num_id, ilvl), levels[ilvl][0])
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for lower in [level for level in counters if level > ilvl]:
            del counters[lower]

        def shown(found: re.Match[str]) -> str:
            level = int(found.group(1)) - 1
            if level not in levels:
                return ""
            count = counters.get(level, self._starts.get((num_id, level), levels[level][0]))
            return format_number(count, levels[level][1])

        fmt, text = levels[ilvl][1], levels[ilvl][2]
        if fmt == "bullet":
            return ""
        return re.sub(r"%([1-9])", shown, text)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def docx_text(data: bytes) -> str:
    """
    The letter's text in a Word document: its body in order, numbering shown, tables as rows.
    """
    require("docx", extra="docx", purpose="reading Word documents")
    import docx

    try:
        # A parser of untrusted input: whatever it raises while opening is the file's fault.
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        part = document.part
        numbering = part.numbering_part.element if _has_numbering(part) else None
        styles = part.styles.element
    except Exception as exc:  # noqa: BLE001 - see above
        reason = f"{type(exc).__name__}: {exc}"[:200]
        raise file_error(DAMAGED, format="DOCX", reason=reason) from None
    lists = _Numbering(numbering, styles)
    return paragraphs(_blocks(body, lists))


def _has_numbering(part: Any) -> bool:
    try:
        part.numbering_part  # noqa: B018 - python-docx raises when the document has none
    except (NotImplementedError, KeyError):
        return False
    return True


def _blocks(container: Any, lists: _Numbering) -> list[str]:
    out: list[str] = []
    for child in container:
        if child.tag == f"{_W}p":
            out.extend(_boxes(child, lists))
            text = _paragraph_text(child)
            marker = lists.marker(child)
            if text.strip() or marker:
                out.append(marker + text.strip())
        elif child.tag == f"{_W}tbl":
            out.extend(_table(child, lists))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(_blocks(content, lists))
    return out


def _boxes(paragraph: Any, lists: _Numbering) -> list[str]:
    """
    The paragraphs of the text boxes anchored in *paragraph* (a letterhead's, often).
    """
    out: list[str] = []
    for box in paragraph.iter(f"{_W}txbxContent"):
        # A text box drawn twice (DrawingML and its VML fallback) holds the same text.
        if any(a.tag.endswith("}Fallback") for a in box.iterancestors()):
            continue
        out.extend(_blocks(box, lists))
    return out


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    red = 0
    total = 0
    for run in paragraph.iter(f"{_W}r"):
        if _hidden(run, paragraph):
            continue
        size = 0
        for node in run:
            if node.tag == f"{_W}t":
                parts.append(node.text or "")
                size += len(node.text or "")
            elif node.tag == f"{_W}tab":
                parts.append(" ")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
        total += size
        if _is_red(run):
            red += size
    text = "".join(parts)
    if total and red * 2 > total:
        # The red 发文机关标志, often letter-spaced: one line, its characters together.
        text = _CJK_GAP.sub("", " ".join(text.split()))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _hidden(run: Any, paragraph: Any) -> bool:
    """
    Whether *run* is deleted, or in a text box of *paragraph* (read as its own paragraphs).
    """
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in (f"{_W}del", f"{_W}txbxContent"):
            return True
    return False


def _is_red(run: Any) -> bool:
    color = run.find(f"{_W}rPr/{_W}color")
    value = (color.get(f"{_W}val") or "") if color is not None else ""
    if len(value) != 6:
        return False
    try:
        r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xC0 and g <= 0x60 and b <= 0x60


def _table(table: Any, lists: _Numbering) -> list[str]:
    rows: list[str] = []
    for tr in table.iter(f"{_W}tr"):
        if any(a.tag == f"{_W}tbl" and a is not table for a in tr.iterancestors()):
            continue
        cells = []
        for tc in tr.findall(f"{_W}tc"):
            text = " ".join(line for line in _blocks(tc, lists) if not line.startswith("|"))
            cells.append(" ".join(text.split()).replace("|", "｜"))
        if len(cells) == 1 and cells[0]:
            # A one-cell table is a frame (a letterhead, a boxed note), not a table.
            rows.append(cells[0])
        elif any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows
