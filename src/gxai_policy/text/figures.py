"""
The figures a reply letter states, where it states them, and whether they add up.

`reply_figures` runs `find_quantities` over the body of a `Reply` — the
opening, each heading and paragraph, the closing — and keeps each figure
with the JSON Pointer of the text it stands in (its span is relative to
that text).  `arithmetic_findings` checks the letter's own arithmetic where
it can read it:

- a stated total and its stated parts: ``新增…平台21家，包括…6家…和…15家``
  (parts in parentheses, such as ``（含4家组建）``, are a breakdown of the
  part before them and are left out);
- ``超过半数`` (more than half) after ``其中``: ``企业172家，…其中有87家…，占比超过半数``.

A check that holds is reported as info, one that fails as a warning; a
figure that is not exact (``40余项``, ``约3.4亿元``) is never checked.

>>> from gxai_policy.text.reader import parse_reply
>>> reply = parse_reply("王明代表：\\n您的建议收悉。\\n一、平台\\n新增21家，包括6家和14家。")
>>> [(str(f.quantity), f.path) for f in reply_figures(reply)][:2]
[('21家', '/sections/0/paragraphs/0'), ('6家', '/sections/0/paragraphs/0')]
>>> [v.code for v in arithmetic_findings(reply)]
['figures.sum_mismatch']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

import attrs
from attrs import evolve, frozen

from gxai_policy.errors import Severity, Violation
from gxai_policy.records.reply import Reply
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define_family
from gxai_policy.values.quantity import Qualifier, Quantity, find_quantities

__all__ = ["Figure", "arithmetic_findings", "body_texts", "reply_figures"]

_SOURCE = "The letter's own figures (DESIGN.md §2.2: 21 = 6 + 15; 87 of 172 is 超过半数)"
_LETTER = "农工民主党广西区委：\n贵委提出的提案收悉，现答复如下：\n"
_rule = define_family("figures", applies_to="Reply", source=_SOURCE, trigger=Trigger.READ)

SUM_MISMATCH: Final = _rule(
    "sum_mismatch",
    "A stated total is not the sum of the parts the letter lists for it.",
    "所述总数与其所列分项之和不符。",
    _LETTER + "新增平台21家，包括重点实验室6家和工程技术研究中心14家。",
    severity=Severity.WARNING,
    message="the parts {parts} add up to {sum}, not to the stated total {total}",
    message_zh="分项{parts}合计{sum}，与所述总数{total}不符",
)
SUM_VERIFIED: Final = _rule(
    "sum_verified",
    "A stated total is the sum of the parts the letter lists for it.",
    "所述总数与其所列分项之和相符。",
    _LETTER + "新增平台21家，包括重点实验室6家和工程技术研究中心15家。",
    severity=Severity.INFO,
    message="the parts {parts} add up to the stated total {total}",
    message_zh="分项{parts}合计与所述总数{total}相符",
)
MAJORITY_MISMATCH: Final = _rule(
    "majority_mismatch",
    "A part the letter calls more than half (超过半数) is not more than half of its whole.",
    "所称“超过半数”的部分并未超过总数的一半。",
    _LETTER + "推荐人工智能企业172家，其中有86家为高新技术企业，占比超过半数。",
    severity=Severity.WARNING,
    message="{part} of {whole} is not more than half, though the letter says so",
    message_zh="{whole}中的{part}并未超过半数",
)
MAJORITY_VERIFIED: Final = _rule(
    "majority_verified",
    "A part the letter calls more than half (超过半数) is more than half of its whole.",
    "所称“超过半数”的部分确已超过总数的一半。",
    _LETTER + "推荐人工智能企业172家，其中有87家为高新技术企业，占比超过半数。",
    severity=Severity.INFO,
    message="{part} of {whole} is more than half, as the letter says",
    message_zh="{whole}中的{part}确已超过半数",
)


@frozen
class Figure:
    """
    One figure of a reply, with the JSON Pointer of the text it stands in.

    Attributes:
        quantity: The figure; its ``span`` is relative to the text at *path*.

        path: A JSON Pointer into the reply: ``/opening``,
            ``/sections/0/subsections/2/paragraphs/0``, ``/closing``.

        source: Where it was read: the reply's source narrowed to the
            figure's span of the letter, when the reply has a source and
            its text reader kept the span of the text at *path*.

            .. versionadded:: 0.3.0

    >>> from gxai_policy.values.quantity import Quantity
    >>> Figure(Quantity.parse("32家"), "/sections/0/paragraphs/0").section
    '/sections/0'
    >>> Figure(Quantity.parse("32家"), "/opening").section is None
    True
    """

    quantity: Quantity
    path: str
    source: Source | None = attrs.field(default=None, kw_only=True)

    @property
    def section(self) -> str | None:
        """
        The pointer of the section the figure stands in, or None outside sections.
        """
        if not self.path.startswith("/sections/"):
            return None
        return self.path.rsplit("/", 2 if "/paragraphs/" in self.path else 1)[0]


def body_texts(reply: Reply) -> Iterator[tuple[str, str]]:
    """
    The texts of a reply's body in reading order, each with its JSON Pointer.

    >>> from gxai_policy.records.reply import Reply, Section
    >>> list(body_texts(Reply(recipient="韦委员", sections=(Section("一", "情况", ("已办。",)),))))
    [('/sections/0/heading', '情况'), ('/sections/0/paragraphs/0', '已办。')]
    """
    if reply.opening is not None:
        yield "/opening", reply.opening
    for pointer, section in reply.iter_sections():
        if section.heading is not None:
            yield pointer + "/heading", section.heading
        for i, paragraph in enumerate(section.paragraphs):
            yield f"{pointer}/paragraphs/{i}", paragraph
    if reply.closing is not None:
        yield "/closing", reply.closing


def reply_figures(reply: Reply) -> tuple[Figure, ...]:
    """
    Every figure of the reply's body, in reading order, with where it stands.

    A table (rows of ``|``- or tab-separated cells, one paragraph each) is
    read by its columns: a bare number in a cell takes the unit its
    column's header gives in brackets (``企业数（家）``); its span is the
    cell's, in its row.

    >>> from gxai_policy.records.reply import Reply, Section
    >>> reply = Reply(recipient="韦委员", opening="累计资助约3.4亿元。")
    >>> [str(f.quantity) for f in reply_figures(reply)]
    ['约340000000元']
    >>> table = ("| 年份 | 企业数（家） |", "| 2021 | 172 |")
    >>> reply = Reply(recipient="韦委员", sections=(Section("一", "情况", table),))
    >>> [(str(f.quantity), f.quantity.span) for f in reply_figures(reply)]
    [('172家', (9, 12))]
    """
    found: list[Figure] = []
    units: list[str | None] | None = None
    for path, text in body_texts(reply):
        cells = _cells(text)
        if cells is None:
            units = None
            found += (Figure(q, path) for q in find_quantities(text))
            continue
        if units is None or not any(_BARE_NUMBER.fullmatch(c) for c, _ in cells):
            # A header row: each column's unit, if its header names one.
            units = [_column_unit(c) for c, _ in cells]
            found += (Figure(q, path) for q in find_quantities(text) if q.span is not None)
            continue
        found += _row_figures(path, cells, units)
    return tuple(found) if reply.source is None else _sourced(reply, reply.source, found)


def _sourced(reply: Reply, source: Source, figures: list[Figure]) -> tuple[Figure, ...]:
    """
    *figures* each with *source* narrowed to its span of the letter, where the reply knows it.
    """
    spans = {span.element: span for span in reply.spans}
    out = []
    for figure in figures:
        span, at = spans.get(figure.path), figure.quantity.span
        where = source.document
        if span is not None and at is not None:
            where = where.at(span.start + at[0], span.start + at[1])
        out.append(attrs.evolve(figure, source=where))
    return tuple(out)


_CELL: Final = re.compile(r"[^|\t]+")
_BARE_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_HEADER_UNIT: Final = re.compile(r"[（(]([^（）()]{1,4})[）)]$")


def _cells(text: str) -> list[tuple[str, int]] | None:
    """
    The cells of a table row with their offsets, or None for a text that is no row.
    """
    stripped = text.strip()
    piped = stripped.startswith("|") or stripped.count("|") >= 2
    if not piped and "\t" not in stripped:
        return None
    cells = []
    for m in _CELL.finditer(text):
        cell = m.group().strip()
        if cell:
            cells.append((cell, m.start() + m.group().index(cell)))
    return cells


def _column_unit(header: str) -> str | None:
    m = _HEADER_UNIT.search(header)
    return None if m is None else m.group(1)


def _row_figures(
    path: str, cells: list[tuple[str, int]], units: list[str | None]
) -> Iterator[Figure]:
    """
    The figures of a table's data row: cells read alone, bare numbers with their column's unit.
    """
    for k, (cell, start) in enumerate(cells):
        unit = units[k] if k < len(units) else None
        if _BARE_NUMBER.fullmatch(cell) and unit is not None:
            for q in find_quantities(cell + unit):
                yield Figure(evolve(q, span=(start, start + len(cell)), text=cell), path)
            continue
        for q in find_quantities(cell):
            span = None if q.span is None else (start + q.span[0], start + q.span[1])
            yield Figure(evolve(q, span=span), path)


# --------------------------------------------------------------------------- arithmetic

_SENTENCE: Final = re.compile(r"[^。；;！!？?\n]+")
_INCLUDES: Final = re.compile(r"包括|包含|分别为|分别是")
_PARTS_STOP: Final = re.compile(r"其中|另有|另外|此外|以及其他")
_MAJORITY: Final = re.compile(r"超过半数|过半数|半数以上|超过一半|一半以上|过半")
_GAP: Final = re.compile(r"[\s,，:：]{0,2}")
_OPEN = frozenset("（(")
_CLOSE = frozenset("）)")


def _depths(text: str) -> list[int]:
    depth = 0
    out = []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        out.append(depth)
        if ch in _CLOSE and depth:
            depth -= 1
    return out


def _exact(q: Quantity) -> bool:
    return q.qualifier is Qualifier.EXACT


def _shown(value: Decimal, unit: str) -> str:
    return f"{value.normalize():f}{unit}"


def _sentences(
    text: str, quantities: tuple[Quantity, ...]
) -> Iterator[tuple[int, int, list[Quantity]]]:
    """
    Each sentence of *text* (start, end) with the quantities that start in it.
    """
    k = 0
    for m in _SENTENCE.finditer(text):
        start, end = m.span()
        while k < len(quantities) and _start(quantities[k]) < start:
            k += 1
        j = k
        while j < len(quantities) and _start(quantities[j]) < end:
            j += 1
        yield start, end, list(quantities[k:j])
        k = j


def _start(q: Quantity) -> int:
    return 0 if q.span is None else q.span[0]


def _end(q: Quantity) -> int:
    return 0 if q.span is None else q.span[1]


def _sum_finding(
    path: str, text: str, span: tuple[int, int], inside: list[Quantity]
) -> Violation | None:
    s, e = span
    word = _INCLUDES.search(text, s, e)
    if word is None:
        return None
    before = [q for q in inside if _end(q) <= word.start()]
    if not before or not _exact(before[-1]):
        return None
    total = before[-1]
    if _GAP.fullmatch(text, _end(total), word.start()) is None:
        return None
    stop = _PARTS_STOP.search(text, word.end(), e)
    end = e if stop is None else stop.start()
    depths = _depths(text[s:e])
    parts = [
        q
        for q in inside
        if word.end() <= _start(q) < end and depths[_start(q) - s] == 0 and q.unit == total.unit
    ]
    if len(parts) < 2 or not all(_exact(q) for q in parts):
        return None
    added = sum((q.low for q in parts), Decimal(0))
    params = {
        "parts": "+".join(_shown(q.low, q.unit) for q in parts),
        "sum": _shown(added, total.unit),
        "total": _shown(total.low, total.unit),
    }
    rule = SUM_VERIFIED if added == total.low else SUM_MISMATCH
    return rule.violation(path, **params)


def _majority_finding(
    path: str,
    text: str,
    span: tuple[int, int],
    inside: list[Quantity],
    earlier: dict[str, Quantity],
) -> Violation | None:
    s, e = span
    claim = _MAJORITY.search(text, s, e)
    if claim is None:
        return None
    among = text.rfind("其中", s, claim.start())
    if among < 0:
        return None
    parts = [q for q in inside if among + 2 <= _start(q) and _end(q) <= claim.start()]
    if not parts:
        return None
    part = parts[0]
    wholes = [q for q in inside if _end(q) <= among and q.unit == part.unit]
    whole = wholes[-1] if wholes else earlier.get(part.unit)
    if whole is None or not (_exact(part) and _exact(whole)):
        return None
    params = {"part": _shown(part.low, part.unit), "whole": _shown(whole.low, whole.unit)}
    rule = MAJORITY_VERIFIED if part.low * 2 > whole.low else MAJORITY_MISMATCH
    return rule.violation(path, **params)


def arithmetic_findings(reply: Reply) -> Iterator[Violation]:
    """
    Check the letter's own arithmetic where it can be read: totals and 超过半数.

    Yields ``figures.sum_verified`` (info) or ``figures.sum_mismatch``
    (warning) for each total stated with its parts, and
    ``figures.majority_verified`` (info) or ``figures.majority_mismatch``
    (warning) for each 超过半数, at the pointer of the text it stands in.

    >>> from gxai_policy.records.reply import Reply
    >>> reply = Reply(recipient="韦委员", opening="企业172家，其中有87家为高企，占比超过半数。")
    >>> [(v.code, v.severity.value) for v in arithmetic_findings(reply)]
    [('figures.majority_verified', 'info')]
    >>> reply = Reply(recipient="韦委员", opening="企业172家，其中有80家为高企，占比超过半数。")
    >>> [v.message for v in arithmetic_findings(reply)]
    ['80家 of 172家 is not more than half, though the letter says so']
    """
    # One pass over each text's sentences: a whole for 超过半数 may stand in
    # an earlier sentence of the same text (the last figure of its unit).
    for path, text in body_texts(reply):
        quantities = find_quantities(text)
        if len(quantities) < 2:
            continue
        earlier: dict[str, Quantity] = {}
        for start, end, inside in _sentences(text, quantities):
            for found in (
                _sum_finding(path, text, (start, end), inside),
                _majority_finding(path, text, (start, end), inside, earlier),
            ):
                if found is not None:
                    yield found
            for q in inside:
                earlier[q.unit] = q
