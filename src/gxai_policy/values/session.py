"""
Sessions (届次/会次): which plenary meeting of which term of a CPPCC or an NPC.

A proposal (提案) belongs to one plenary meeting of one term of a CPPCC
committee; a suggestion (建议) to one of an NPC.  Documents write it many ways
(``自治区政协十二届四次会议``, ``广西壮族自治区第十三届人民代表大会第五次会议``,
``12届4次``); `Session.parse` reads them and ``str()`` writes one canonical form.

>>> s = Session.parse("自治区政协十二届四次会议")
>>> s.year
2021
>>> str(Session.parse("广西壮族自治区第十三届人民代表大会第五次会议"))
'广西壮族自治区十三届人大五次会议'
>>> Session.parse("自治区政协十二届四次会议（2020年）")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error session.year_mismatch at /year: 自治区政协十二届四次会议 was held in 2021, not 2020
"""  # noqa: E501

from __future__ import annotations

from typing import Final, Self, TypeAlias, TypeGuard

from attrs import field, frozen

from gxai_policy.errors import ValidationError, Violation
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import Body
from gxai_policy.values.dates import DATE_OUT_OF_RANGE, MAX_YEAR, MIN_YEAR
from gxai_policy.values.numerals import (
    fold_width,
    lazy_pattern,
    parse_integer,
    to_chinese_integer,
)

__all__ = ["GUANGXI", "LEVELS", "MAX_MEETING", "MAX_TERM", "Session", "known_year"]

#: Administrative levels as documents write them before 政协 or 人大.
LEVELS: Final = (
    "全国",
    "省",
    "自治区",
    "市",
    "州",
    "自治州",
    "盟",
    "县",
    "自治县",
    "旗",
    "自治旗",
    "区",
)

#: The full name of Guangxi, the region `known_year` knows.
GUANGXI: Final = "广西壮族自治区"

#: The highest term number a session may have.
MAX_TERM: Final = 20
#: The highest plenary meeting number a session may have (five a term, with room
#: for the extra meetings a prolonged term has held).
MAX_MEETING: Final = 7

SESSION_INVALID = define(
    "session.invalid",
    applies_to="Session",
    summary="The text is not a session, or its parts do not fit together.",
    summary_zh="文字不是届次会次，或其各部分不相符。",
    source="gxai_policy",
    example="十二届",
    trigger=Trigger.PARSE,
    message="not a session: {detail}",
    message_zh="不是届次会次：{detail_zh}",
)
SESSION_OUT_OF_RANGE = define(
    "session.out_of_range",
    applies_to="Session",
    summary=(f"The term is outside 1–{MAX_TERM} or the plenary meeting outside 1–{MAX_MEETING}."),
    summary_zh=f"届次不在1—{MAX_TERM}之间，或会次不在1—{MAX_MEETING}之间。",
    source=(
        "PRC Constitution art. 98 and the CPPCC Charter: five-year terms, a plenary "
        "each year; the bounds are the library's"
    ),
    example="十二届九次",
    trigger=Trigger.PARSE,
    message="the {part} number {value} is outside 1–{high}",
    message_zh="{part_zh}{value}不在1—{high}之间",
)
SESSION_YEAR_MISMATCH = define(
    "session.year_mismatch",
    applies_to="Session",
    summary="The year contradicts the known year of the session.",
    summary_zh="年份与该次会议的召开年份不符。",
    source=(
        "Guangxi CPPCC 11th term 2013–2017, 12th 2018–2022, 13th from 2023; "
        "Guangxi NPC 12th term 2013–2017, 13th 2018–2022, 14th from 2023; one plenary a year"
    ),
    example="自治区政协十二届四次会议（2020年）",
    trigger=Trigger.PARSE,
    message="{session} was held in {known}, not {year}",
    message_zh="{session}于{known}年召开，而非{year}年",
)

# The year of the first plenary of a term of Guangxi's CPPCC and NPC; the
# meetings follow one a year, in January or February.
_GUANGXI_FIRST_YEAR: Final = {
    (Body.CPPCC, 11): 2013,
    (Body.CPPCC, 12): 2018,
    (Body.CPPCC, 13): 2023,
    (Body.NPC, 12): 2013,
    (Body.NPC, 13): 2018,
    (Body.NPC, 14): 2023,
}
_GUANGXI_NAMES: Final = frozenset({GUANGXI, "广西自治区"})


def known_year(
    body: Body, level: str | None, term: int, meeting: int, *, region: str | None = None
) -> int | None:
    """
    The year a plenary meeting of Guangxi's CPPCC or NPC was (or is to be) held.

    Known only at the autonomous-region level (``自治区``, with no region
    named or Guangxi named) for the CPPCC's 11th–13th terms and the NPC's
    12th–14th, meetings 1–5; ``None`` everywhere else.

    Args:
        body: The CPPCC or the NPC.

        level: The level as written (``自治区``, ``市`` …), or ``None``.

        term: The term (届).

        meeting: The plenary meeting (次).

        region: The place named, if any.

    >>> known_year(Body.CPPCC, "自治区", 12, 4)
    2021
    >>> known_year(Body.CPPCC, "市", 12, 4) is None
    True
    """
    if level != "自治区" or (region is not None and region not in _GUANGXI_NAMES):
        return None
    first = _GUANGXI_FIRST_YEAR.get((body, term))
    if first is None or not 1 <= meeting <= 5:
        return None
    return first + meeting - 1


# Longest first, so that 自治区 wins over 区.
_SUFFIXES: Final = tuple(sorted((lv for lv in LEVELS if lv != "全国"), key=len, reverse=True))
# Words that would make a place name read back as something else.
_NOT_IN_REGION: Final = (
    "届",
    "次",
    "第",
    "年",
    "政协",
    "人大",
    "人民代表大会",
    "委员会",
    "会议",
    "全国",
)


def _level_of(region: str) -> str | None:
    for suffix in _SUFFIXES:
        if region.endswith(suffix) and len(region) > len(suffix):
            return suffix
    return None


def _region_problem(region: object) -> str | None:
    if not isinstance(region, str):
        return f"region {region!r} is not text"
    # A character range, not a pattern: [\u4e00-\u9fff]+ takes 1.5 ms to compile.
    if not region or len(region) > 20 or not all("\u4e00" <= c <= "\u9fff" for c in region):
        return f"region {region!r} is not a Chinese place name"
    if region in LEVELS or _level_of(region) is None:
        return f"region {region!r} does not end in one of {', '.join(_SUFFIXES)}"
    if any(word in region for word in _NOT_IN_REGION):
        return f"region {region!r} holds a word of the session's name"
    return None


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@frozen
class Session:
    """
    One plenary meeting (会次) of one term (届) of a CPPCC or an NPC.

    Attributes:
        body: The CPPCC (政协) or the NPC (人大).

        term: The term (届), 1–20.

        meeting: The plenary meeting of the term (次), 1–7.

        level: The level as written (one of `LEVELS`: ``自治区``, ``市``,
            ``全国`` …), or ``None`` when the text names none.  Filled from
            `region` when only that is given (``百色市`` is a ``市``).

        region: The place named (``百色市``, ``广西壮族自治区``), or ``None``.

        year: The year the meeting was held.  Filled from `known_year` when
            it is known and not given; a given year must agree with it.

    ``str()`` is canonical (``自治区政协十二届四次会议``,
    ``政协百色市五届二次会议``, ``十二届全国人大五次会议``); a year that
    `known_year` cannot derive is written after it as ``（2021年）``, so
    that ``Session.parse(str(s)) == s``.

    >>> s = Session(Body.CPPCC, 5, 2, region="百色市", year=2023)
    >>> s
    Session(body=<Body.CPPCC: 'cppcc'>, term=5, meeting=2, level='市', region='百色市', year=2023)
    >>> str(s)
    '政协百色市五届二次会议（2023年）'
    >>> Session(Body.NPC, 13, 0)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error session.out_of_range at /meeting: the meeting number 0 is outside 1–7
    """  # noqa: E501

    # The bounds the rules check, also written into the JSON Schema.
    body: Body = field(metadata=label("机构"))
    term: int = field(metadata=label("届", {"schema": {"minimum": 1, "maximum": MAX_TERM}}))
    meeting: int = field(metadata=label("次", {"schema": {"minimum": 1, "maximum": MAX_MEETING}}))
    level: str | None = field(
        default=None, metadata=label("层级", {"schema": {"enum": list(LEVELS)}})
    )
    region: str | None = field(default=None, metadata=label("地区"))
    year: int | None = field(
        default=None, metadata=label("年份", {"schema": {"minimum": MIN_YEAR, "maximum": MAX_YEAR}})
    )

    def __attrs_post_init__(self) -> None:
        found = list(self._violations())
        if found:
            raise ValidationError(found)
        # Derived fields are filled here, so that a constructed session equals
        # the one its text reads back to.
        if self.region is not None and self.level is None:
            object.__setattr__(self, "level", _level_of(self.region))
        if self.year is None:
            object.__setattr__(self, "year", self._known_year())

    def _known_year(self) -> int | None:
        level = self.level
        if level is None and self.region is not None:
            level = _level_of(self.region)
        return known_year(self.body, level, self.term, self.meeting, region=self.region)

    def _violations(self) -> list[Violation]:
        body: object = self.body
        found: list[Violation] = []
        if not isinstance(body, Body):
            found.append(_invalid("/body", f"body {body!r} is not a Body"))
        for name, part_zh, high in (("term", "届次", MAX_TERM), ("meeting", "会次", MAX_MEETING)):
            value = getattr(self, name)
            if not _is_int(value):
                found.append(_invalid("/" + name, f"{name} {value!r} is not an integer"))
            elif not 1 <= value <= high:
                found.append(
                    SESSION_OUT_OF_RANGE.violation(
                        "/" + name, part=name, part_zh=part_zh, value=value, high=high
                    )
                )
        found += self._place_violations()
        if self.year is not None:
            found += self._year_violations(checked=not found)
        return found

    def _place_violations(self) -> list[Violation]:
        found: list[Violation] = []
        if self.level is not None and self.level not in LEVELS:
            found.append(
                _invalid("/level", f"level {self.level!r} is not one of {', '.join(LEVELS)}")
            )
        if self.region is not None:
            problem = _region_problem(self.region)
            if problem is not None:
                found.append(_invalid("/region", problem))
            elif self.level is not None and self.level != _level_of(self.region):
                found.append(
                    _invalid("/level", f"level {self.level!r} differs from region {self.region!r}")
                )
        return found

    def _year_violations(self, *, checked: bool) -> list[Violation]:
        year: object = self.year
        if not _is_int(year):
            return [_invalid("/year", f"year {year!r} is not an integer")]
        if not MIN_YEAR <= year <= MAX_YEAR:
            return [DATE_OUT_OF_RANGE.violation("/year", year=year, low=MIN_YEAR, high=MAX_YEAR)]
        # The known year needs every other field valid.
        known = self._known_year() if checked else None
        if known is not None and known != year:
            return [
                SESSION_YEAR_MISMATCH.violation(
                    "/year", session=self._name(), known=known, year=year
                )
            ]
        return []

    def _name(self) -> str:
        term = to_chinese_integer(self.term)
        meeting = to_chinese_integer(self.meeting)
        if self.body is Body.CPPCC:
            if self.region is not None:
                return f"政协{self.region}{term}届{meeting}次会议"
            return f"{self.level or ''}政协{term}届{meeting}次会议"
        if self.region is None and self.level == "全国":
            return f"{term}届全国人大{meeting}次会议"
        return f"{self.region or self.level or ''}{term}届人大{meeting}次会议"

    def __str__(self) -> str:
        if self.year is not None and self._known_year() is None:
            return f"{self._name()}（{self.year}年）"
        return self._name()

    @classmethod
    def parse(cls, text: str, *, default_body: Body = Body.CPPCC) -> Self:
        """
        Read a session as documents write it.

        Reads ``十二届四次``, ``12届4次``, ``第十三届人大第四次会议``,
        ``自治区政协十二届四次会议``, ``市七届人大三次会议``,
        ``省十四届人大二次会议``, ``政协百色市五届二次会议``,
        ``广西壮族自治区第十三届人民代表大会第五次会议``,
        ``十二届全国人大五次会议``,
        ``中国人民政治协商会议广西壮族自治区第十二届委员会第四次会议``, with
        full-width digits and stray spaces, and a year before (``2021年``) or
        after (``（2021年）``).  ``广西`` is read as the region 广西壮族自治区.

        Args:
            text: The session as written.

            default_body: The body when the text names none (``十二届四次``):
                the CPPCC unless told.

        Raises:
            ValidationError: ``session.invalid`` if *text* is not a session,
                ``session.out_of_range`` for a term or meeting number out of
                range, ``session.year_mismatch`` for a year that contradicts
                `known_year`, ``date.out_of_range`` for a year outside 1900–2100.

        >>> Session.parse("12届4次")
        Session(body=<Body.CPPCC: 'cppcc'>, term=12, meeting=4, level=None, region=None, year=None)
        >>> Session.parse("十二届全国人大五次会议").level
        '全国'
        >>> Session.parse("十二届")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error session.invalid at /: not a session: '十二届' (write 自治区政协十二届四次会议)
        """  # noqa: E501
        parts = _read(text)
        if parts is None:
            raise _invalid_text(text)
        body, term, meeting, level, region, year = parts
        return cls(body or default_body, term, meeting, level, region, year)


def _invalid(path: str, detail: str) -> Violation:
    return SESSION_INVALID.violation(path, detail=detail, detail_zh=detail)


def _invalid_text(text: str) -> ValidationError:
    shown = text if len(text) <= 40 else text[:40] + "…"
    return SESSION_INVALID.error(
        "",
        detail=f"{shown!r} (write 自治区政协十二届四次会议)",
        detail_zh=f"“{shown}”（应写作自治区政协十二届四次会议）",
    )


# Compiled on first use: only reading text needs these.
_YEAR_SUFFIX = lazy_pattern(r"\(([0-9]{4})年?\)$")
_YEAR_PREFIX = lazy_pattern(r"([0-9]{4})年度?")
_SEGMENT = lazy_pattern(
    r"(?P<b1>中国人民政治协商会议|人民政协|政协|人民代表大会|人大)?"
    r"(?P<place>.*?)"
    r"(?P<b2>中国人民政治协商会议|人民政协|政协|人民代表大会|人大|委员会)?"
)
_BODIES: Final = {
    "中国人民政治协商会议": Body.CPPCC,
    "人民政协": Body.CPPCC,
    "政协": Body.CPPCC,
    "委员会": Body.CPPCC,
    "人民代表大会": Body.NPC,
    "人大": Body.NPC,
}
_ASCII_DIGITS: Final = frozenset("0123456789")
_ZH_NUMERALS: Final = frozenset("〇零一二三四五六七八九十百两")
_MAX_TEXT: Final = 200

_Parts: TypeAlias = tuple[Body | None, int, int, str | None, str | None, int | None]


def _split_number(text: str) -> tuple[str, str] | None:
    """
    Split ``百色市第五`` into (``百色市``, ``五``); ``None`` without a trailing number.
    """
    end = len(text)
    for digits in (_ASCII_DIGITS, _ZH_NUMERALS):
        start = end
        while start > 0 and text[start - 1] in digits:
            start -= 1
        if start < end:
            head = text[:start]
            return head.removesuffix("第"), text[start:]
    return None


def _strip_year(t: str) -> tuple[str, int | None] | None:
    year: int | None = None
    if m := _YEAR_SUFFIX().search(t):
        year, t = int(m[1]), t[: m.start()]
    if m := _YEAR_PREFIX().match(t):
        if year is not None:
            return None
        year, t = int(m[1]), t[m.end() :]
    return t, year


def _read(text: str) -> _Parts | None:  # noqa: PLR0911 - one early exit per malformation
    t = "".join(fold_width(text).split())
    stripped = _strip_year(t) if len(t) <= _MAX_TEXT else None
    if stripped is None:
        return None
    t, year = stripped
    if t.count("届") != 1:
        return None
    before, rest = t.split("届")
    if rest.count("次") != 1:
        return None
    between, after = rest.split("次")
    if after not in ("", "会议", "全体会议"):
        return None
    term_split, meeting_split = _split_number(before), _split_number(between)
    if term_split is None or meeting_split is None:
        return None
    try:
        term, meeting = parse_integer(term_split[1]), parse_integer(meeting_split[1])
    except ValueError:
        return None
    named = _read_names(term_split[0], meeting_split[0])
    if named is None:
        return None
    body, level, region = named
    return body, term, meeting, level, region, year


def _read_names(  # noqa: PLR0911 - one return per kind of place
    *segments: str,
) -> tuple[Body | None, str | None, str | None] | None:
    """
    The body, level and region the words around the numbers name.
    """
    bodies: set[Body] = set()
    places: list[str] = []
    for segment in segments:
        m = _SEGMENT().fullmatch(segment)
        if m is None:
            return None
        bodies.update(_BODIES[b] for b in (m["b1"], m["b2"]) if b)
        if m["place"]:
            places.append(m["place"])
    if len(bodies) > 1 or len(places) > 1:
        return None
    body = bodies.pop() if bodies else None
    if not places:
        return body, None, None
    place = places[0]
    if place in LEVELS:
        return body, place, None
    if place == "广西":
        return body, "自治区", GUANGXI
    if _region_problem(place) is None:
        return body, _level_of(place), place
    return None
