"""
Proposals (提案) and suggestions (建议): what a member, a deputy or a body asked for.

A `Proposal` is filed at one `Session` under one `ProposalNumber`; that
triple, with its kind, is its key, a `ProposalRef`, which reply letters cite.
It is assigned (交办) to handling units (`Handler`), each in one
`HandlingRole`, answered, and judged by its proposers (`Feedback`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final, Self

import pendulum
from attrs import field, frozen

from gxai_policy.errors import Severity, ValidationError, Violation
from gxai_policy.records._base import (
    EMPTY_EXTRAS,
    CheckContext,
    Extras,
    Validated,
    apart,
    invariant,
    raise_if_any,
)
from gxai_policy.records._convert import NOT_BLANK, since
from gxai_policy.records._convert import strip as _strip
from gxai_policy.records._convert import strip_optional as _strip_optional
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define_family
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import (
    Body,
    Feedback,
    HandlingRole,
    ProposalKind,
    ProposalStatus,
)
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.numerals import fold_width
from gxai_policy.values.session import Session

__all__ = [
    "MAX_EXTENSION_MONTHS",
    "TITLE_ADVISORY_LENGTH",
    "Extension",
    "Handler",
    "Proposal",
    "ProposalRef",
    "Proposer",
    "strip_title",
]

#: An extended reply deadline lies at most this many months after 交办.
MAX_EXTENSION_MONTHS: Final = 6
#: A 案由 (title) longer than this many characters draws a warning.
TITLE_ADVISORY_LENGTH: Final = 50

_KIND_BODY: Final = {ProposalKind.PROPOSAL: Body.CPPCC, ProposalKind.SUGGESTION: Body.NPC}
_LEADS: Final = frozenset({HandlingRole.LEAD, HandlingRole.SOLE})
_ASSIGNED: Final = frozenset(
    {ProposalStatus.ASSIGNED, ProposalStatus.REPLIED, ProposalStatus.CLOSED}
)
_ANSWERED: Final = frozenset({ProposalStatus.REPLIED, ProposalStatus.CLOSED})


# --------------------------------------------------------------------------- converters


def _closes_at_end(text: str) -> bool:
    """
    Whether the 《 opening *text* is closed by the 》 ending it, not earlier.
    """
    depth = 0
    for i, ch in enumerate(text):
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False


def strip_title(value: str) -> str:
    """
    A title without surrounding whitespace or the 《》 that quote it as a whole.

    Inner title marks stay: ``《A》和《B》`` is two titles, not one quoted.

    >>> strip_title(" 《关于加快发展人工智能的提案》 ")
    '关于加快发展人工智能的提案'
    >>> strip_title("《促进人工智能发展》和《若干政策措施》")
    '《促进人工智能发展》和《若干政策措施》'
    """
    if type(value) is not str:
        return value  # left for the type checks to name
    text = value.strip()
    if text.startswith("《") and text.endswith("》") and _closes_at_end(text):
        text = text[1:-1].strip()
    return text


# --------------------------------------------------------------------------- rules

_SOURCE_PROPOSAL = "《政协全国委员会提案工作条例》; Guangxi CPPCC proposal handling practice"
_SOURCE_HANDLING = (
    "《政协全国委员会提案工作条例》 (主办、会办、分办); 国务院办公厅 "
    "建议提案办理工作 rules: reply within 3 months of 交办, at most 6 with an extension"
)

_EXAMPLE: Final[dict[str, Any]] = {
    "kind": "proposal",
    "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区"},
    "number": "20210143",
    "title": "关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案",
    "proposers": [{"name": "农工民主党广西区委", "is_body": True}],
    "submitted_on": "2021-01-20",
    "status": "submitted",
}
_LEAD: Final = {"unit": "自治区科学技术厅", "role": "lead"}
_CO: Final = {"unit": "自治区工业和信息化厅", "role": "co"}
_ASSIGNED_EXAMPLE: Final = _EXAMPLE | {
    "status": "assigned",
    "assigned_on": "2021-03-01",
    "handlers": [_LEAD],
}
_REPLIED_EXAMPLE: Final = _ASSIGNED_EXAMPLE | {"status": "replied", "replied_on": "2021-04-27"}


_rule = define_family(
    "proposal", applies_to="Proposal", source=_SOURCE_PROPOSAL, trigger=Trigger.LOAD
)


TITLE_EMPTY = _rule(
    "title_empty",
    "The title (案由) is empty.",
    "案由为空。",
    _EXAMPLE | {"title": " 《》 "},
    message="the title (案由) is blank",
    message_zh="案由为空白",
)
NO_PROPOSER = _rule(
    "no_proposer",
    "A proposal has at least one proposer (提案者).",
    "提案至少有一个提案者。",
    _EXAMPLE | {"proposers": []},
    message="the proposal names no proposer (提案者)",
    message_zh="提案没有提案者",
)
PROPOSER_NAME_EMPTY = _rule(
    "proposer_name_empty",
    "A proposer's name is empty.",
    "提案者姓名（名称）为空。",
    _EXAMPLE | {"proposers": [{"name": " "}]},
    message="the proposer's name is blank",
    message_zh="提案者姓名（名称）为空白",
)
PROPOSER_DUPLICATE = _rule(
    "proposer_duplicate",
    "A proposer signs only once.",
    "同一提案者只能署名一次。",
    _EXAMPLE | {"proposers": [{"name": "黄志强"}, {"name": "黄志强"}]},
    message="{name} signs more than once",
    message_zh="{name}重复署名",
)
BODY_WITH_OTHERS = _rule(
    "body_with_others",
    "A body (党派、团体、专门委员会) proposes alone, never jointly with others.",
    "以党派、团体、专门委员会名义提出的提案，不与其他提案者联名。",
    _EXAMPLE | {"proposers": [{"name": "农工民主党广西区委", "is_body": True}, {"name": "黄志强"}]},
    message="the body {name} is listed with other proposers",
    message_zh="单位提案者{name}与其他提案者同列",
)
HANDLER_UNIT_EMPTY = _rule(
    "handler_unit_empty",
    "A handling unit's name is empty.",
    "承办单位名称为空。",
    _EXAMPLE | {"handlers": [{"unit": "", "role": "lead"}]},
    source=_SOURCE_HANDLING,
    message="the handling unit's name is blank",
    message_zh="承办单位名称为空白",
)
LEAD_COUNT = _rule(
    "lead_count",
    "Exactly one handler leads (主办 or 独办), unless every handler replies separately (分办).",
    "除全部为分办外，须有且只有一个主办（或独办）单位。",
    _EXAMPLE | {"handlers": [_CO]},
    source=_SOURCE_HANDLING,
    message="{count} lead handlers (主办/独办) where exactly one is needed",
    message_zh="主办（独办）单位有{count}个，应有且只有一个",
)
SOLE_NOT_ALONE = _rule(
    "sole_not_alone",
    "A sole handler (独办) is the only handler.",
    "独办单位必须是唯一的承办单位。",
    _EXAMPLE | {"handlers": [{"unit": "自治区科学技术厅", "role": "sole"}, _CO]},
    source=_SOURCE_HANDLING,
    message="{unit} handles alone (独办) but {count} units are listed",
    message_zh="{unit}为独办，但列有{count}个承办单位",
)
HANDLER_DUPLICATE = _rule(
    "handler_duplicate",
    "A unit is listed as a handler only once.",
    "同一单位只能列为一个承办单位。",
    _EXAMPLE | {"handlers": [_LEAD, {"unit": "自治区科学技术厅", "role": "co"}]},
    source=_SOURCE_HANDLING,
    message="{unit} is listed more than once",
    message_zh="{unit}重复列出",
)
NUMBER_YEAR_MISMATCH = _rule(
    "number_year_mismatch",
    "A year-prefixed number (20210143) carries the year of its session.",
    "带年份的提案号（如20210143）的年份须与会议年份一致。",
    _EXAMPLE | {"number": "20200143"},
    source="Guangxi CPPCC numbering: year + 4-digit serial (an inference, DESIGN.md §2)",
    message="number {number} reads as year {number_year}, but the session was held in {year}",
    message_zh="提案号{number}的年份为{number_year}，但会议于{year}年召开",
)
KIND_MISMATCH = _rule(
    "kind_mismatch",
    "A proposal (提案) belongs to a CPPCC session, a suggestion (建议) to an NPC session.",
    "提案属于政协会议，建议属于人大会议。",
    _EXAMPLE | {"kind": "suggestion"},
    message="kind {kind} belongs to a session of the {expected}, not of the {body}",
    message_zh="{kind_zh}应属于{expected_zh}会议，而非{body_zh}会议",
)
ASSIGNED_ON_MISSING = _rule(
    "assigned_on_missing",
    "A proposal assigned, replied or closed has its assignment date (交办日期).",
    "已交办、已答复或已办结的提案须有交办日期。",
    _ASSIGNED_EXAMPLE | {"assigned_on": None},
    source=_SOURCE_HANDLING,
    message="a proposal {status} has no assigned_on",
    message_zh="状态为{status_zh}的提案缺少交办日期",
)
HANDLERS_MISSING = _rule(
    "handlers_missing",
    "A proposal assigned, replied or closed has at least one handler (承办单位).",
    "已交办、已答复或已办结的提案须有承办单位。",
    _ASSIGNED_EXAMPLE | {"handlers": []},
    source=_SOURCE_HANDLING,
    message="a proposal {status} has no handler",
    message_zh="状态为{status_zh}的提案没有承办单位",
)
REPLIED_ON_MISSING = _rule(
    "replied_on_missing",
    "A proposal replied or closed has its reply date.",
    "已答复或已办结的提案须有答复日期。",
    _REPLIED_EXAMPLE | {"replied_on": None},
    source=_SOURCE_HANDLING,
    message="a proposal {status} has no replied_on",
    message_zh="状态为{status_zh}的提案缺少答复日期",
)
DATE_ORDER = _rule(
    "date_order",
    "Submission, assignment and reply come in that order.",
    "提交、交办、答复日期须依次先后。",
    _EXAMPLE | {"submitted_on": "2021-03-05", "assigned_on": "2021-03-01"},
    source=_SOURCE_HANDLING,
    message="{field} {date} is before {earlier} {earlier_date}",
    message_zh="{field_zh}{date}早于{earlier_zh}{earlier_date}",
)
EXTENSION_UNASSIGNED = _rule(
    "extension_unassigned",
    "An extension (延期) is granted only on a proposal that has been assigned.",
    "只有已交办的提案才能延期办理。",
    _EXAMPLE | {"extension": {"granted_on": "2021-05-20", "until": "2021-08-31"}},
    source=_SOURCE_HANDLING,
    message="the proposal has an extension but was never assigned (no assigned_on)",
    message_zh="提案尚未交办（没有交办日期），却有延期",
)
EXTENSION_EARLY = _rule(
    "extension_early",
    "An extension is granted after the proposal was assigned (交办).",
    "延期须在交办之后批准。",
    _ASSIGNED_EXAMPLE | {"extension": {"granted_on": "2021-02-20", "until": "2021-08-31"}},
    source=_SOURCE_HANDLING,
    message="extension granted on {granted_on}, before the assignment on {assigned_on}",
    message_zh="延期批准于{granted_on}，早于交办日期{assigned_on}",
)
EXTENSION_UNTIL = _rule(
    "extension_until",
    f"An extended deadline lies after assignment and at most {MAX_EXTENSION_MONTHS} months"
    " after it.",
    f"延期后的办理时限须晚于交办日期，且不超过交办后{MAX_EXTENSION_MONTHS}个月。",
    _ASSIGNED_EXAMPLE | {"extension": {"granted_on": "2021-05-20", "until": "2021-09-02"}},
    source=_SOURCE_HANDLING,
    message="extended until {until}: it must fall after {assigned_on} and by {limit}",
    message_zh="延期至{until}，不在交办日期{assigned_on}之后至{limit}之间",
)
EXTENSION_ORDER = _rule(
    "extension_order",
    "An extension runs until a day after the day it was granted.",
    "延期截止日期须晚于批准日期。",
    _ASSIGNED_EXAMPLE | {"extension": {"granted_on": "2021-05-20", "until": "2021-05-10"}},
    source=_SOURCE_HANDLING,
    message="extension granted on {granted_on} runs until {until}, not later",
    message_zh="延期批准于{granted_on}，截止于{until}，并不更晚",
)
MERGE_INCOMPLETE = _rule(
    "merge_incomplete",
    "A merged proposal (并案) names both the proposal it was merged into and the date.",
    "并案的提案须同时写明并入的提案号和并案日期。",
    _EXAMPLE | {"merged_into": "20210088"},
    message="{field} is missing: merged_into and merged_on go together",
    message_zh="缺少{field}：并入提案号与并案日期须同时填写",
)
FEEDBACK_EARLY = _rule(
    "feedback_early",
    "Proposer feedback (反馈意见) comes only once the proposal is replied or closed.",
    "提案答复或办结后才有提案者反馈意见。",
    _EXAMPLE | {"feedback": "satisfied"},
    source=_SOURCE_HANDLING,
    message="feedback on a proposal {status}",
    message_zh="状态为{status_zh}的提案已有反馈意见",
)
RETURNED_WITH_HANDLERS = _rule(
    "returned_with_handlers",
    "A returned proposal (不予立案) has no handlers.",
    "不予立案的提案没有承办单位。",
    _EXAMPLE | {"status": "returned", "handlers": [_LEAD]},
    message="the proposal was returned (不予立案) but lists handling units",
    message_zh="提案不予立案，却列有承办单位",
)
REF_INVALID = _rule(
    "ref_invalid",
    "The text is not a proposal reference: a session, 第N号 (both optional), then 提案 or 建议.",
    "文字不是提案引用：应为会议名称、第N号（均可省略），再加“提案”或“建议”。",
    "第20210143号",
    applies_to="ProposalRef",
    trigger=Trigger.PARSE,
    message="not a proposal reference: {text!r} (write 自治区政协十二届四次会议第20210143号提案)",
    message_zh="不是提案引用：“{text}”（应写作自治区政协十二届四次会议第20210143号提案）",
)
REF_YEAR_WITH_SESSION = _rule(
    "ref_year_with_session",
    "A reference gives its year apart only when it names no session (the session has its year).",
    "提案引用写明会议时，年份随会议给出，不另填。",
    {
        "kind": "proposal",
        "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区"},
        "number": "20210143",
        "year": 2021,
    },
    applies_to="ProposalRef",
    message="the year {year} is given beside the session {session}",
    message_zh="已写明会议{session}，又另填年份{year}",
)
TITLE_LONG = _rule(
    "title_long",
    f"The title (案由) is longer than {TITLE_ADVISORY_LENGTH} characters.",
    f"案由超过{TITLE_ADVISORY_LENGTH}个字。",
    _EXAMPLE | {"title": "关于" + "加快推动人工智能与实体经济深度融合，" * 3 + "的提案"},
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message=f"the title has {{length}} characters, more than {TITLE_ADVISORY_LENGTH}",
    message_zh=f"案由有{{length}}个字，超过{TITLE_ADVISORY_LENGTH}个",
)
FEEDBACK_DISSATISFIED = _rule(
    "feedback_dissatisfied",
    "The proposers are dissatisfied (不满意) with the reply: it must be handled a second time.",
    "提案者对答复不满意，须再次办理。",
    _REPLIED_EXAMPLE | {"feedback": "dissatisfied"},
    source=_SOURCE_HANDLING,
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message=(
        "the proposers are dissatisfied (不满意) with the reply: it is to be handled a second time"
    ),
    message_zh="提案者对答复不满意，须再次办理",
)
SUBMITTED_ON_MISSING = _rule(
    "submitted_on_missing",
    "The submission date is not known.",
    "提交日期不详。",
    {k: v for k, v in _EXAMPLE.items() if k != "submitted_on"},
    severity=Severity.INFO,
    trigger=Trigger.CHECK,
    message="the proposal's submission date is not given",
    message_zh="未注明提交日期",
)


# --------------------------------------------------------------------------- helpers


def _add_months(day: pendulum.Date, months: int) -> pendulum.Date:
    # A stdlib date passed in directly has no .add: go through pendulum.
    return pendulum.Date(day.year, day.month, day.day).add(months=months)


def _key_violations(
    kind: ProposalKind,
    session: Session | None,
    number: ProposalNumber | None,
    year: int | None = None,
) -> Iterator[Violation]:
    # Three rules, each judged apart: a part that did not load skips only its own.
    yield from apart(_kind_violations, kind, session)
    yield from apart(_year_violations, session, number, year)


def _kind_violations(kind: ProposalKind, session: Session | None) -> Iterator[Violation]:
    expected = _KIND_BODY.get(kind)
    if session is not None and expected is not None and session.body is not expected:
        yield KIND_MISMATCH.violation(
            "/kind",
            kind=kind.label_en,
            expected=expected.label_en,
            body=session.body.label_en,
            kind_zh=kind.label_zh,
            expected_zh=expected.label_zh,
            body_zh=session.body.label_zh,
        )


def _year_violations(
    session: Session | None, number: ProposalNumber | None, year: int | None
) -> Iterator[Violation]:
    if session is not None and year is not None:
        yield REF_YEAR_WITH_SESSION.violation("/year", year=year, session=str(session))
    held = session.year if session is not None else year
    if number is not None and number.year is not None and held not in (None, number.year):
        yield NUMBER_YEAR_MISMATCH.violation(
            "/number", number=number, number_year=number.year, year=held
        )


# --------------------------------------------------------------------------- nested classes


@frozen
class Proposer(Validated):
    """
    One who signs a proposal (提案者): a member (委员), a deputy (代表), or a body.

    Attributes:
        name: The member's name, or the body's (``农工民主党广西区委``);
            surrounding whitespace is stripped.

        is_body: Whether the proposer is a body (党派、人民团体、专门委员会、
            界别) rather than a person.

    .. versionadded:: 0.1.0

    >>> Proposer("农工民主党广西区委", is_body=True).is_body
    True
    >>> Proposer(" ")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error proposal.proposer_name_empty at /name: ...
    """

    name: str = field(converter=_strip, metadata=label("名称", NOT_BLANK))
    is_body: bool = field(default=False, metadata=label("是否集体提案"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _name(self) -> Iterator[Violation]:
        if not self.name:
            yield PROPOSER_NAME_EMPTY.violation("/name")


@frozen
class Handler(Validated):
    """
    A unit that handles a proposal (承办单位), in one role.

    Attributes:
        unit: The unit's name, such as ``自治区科学技术厅``.

        role: How it takes part: 主办 (lead), 会办 (co), 分办 (separate),
            独办 (sole) or 并案 (merged).

    .. versionadded:: 0.1.0

    >>> Handler("自治区科学技术厅", HandlingRole.LEAD).role.label_zh
    '主办'
    >>> Handler("", HandlingRole.CO)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error proposal.handler_unit_empty at /unit: ...
    """

    unit: str = field(converter=_strip, metadata=label("单位", NOT_BLANK))
    role: HandlingRole = field(metadata=label("办理方式"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _unit(self) -> Iterator[Violation]:
        if not self.unit:
            yield HANDLER_UNIT_EMPTY.violation("/unit")


@frozen
class Extension(Validated):
    """
    A granted extension (延期) of the reply deadline.

    Attributes:
        granted_on: The day the extension was granted.

        until: The new deadline, after *granted_on*; the proposal sets its
            limit (at most six months after 交办).

        reason: The reason given, if known.

    .. versionadded:: 0.1.0

    >>> Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 8, 31)).until
    Date(2021, 8, 31)
    >>> Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 5, 20))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error proposal.extension_order at /until: ...
    """

    granted_on: pendulum.Date = field(metadata=label("批准日期"))
    until: pendulum.Date = field(metadata=label("延至"))
    reason: str | None = field(default=None, converter=_strip_optional, metadata=label("理由"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _order(self) -> Iterator[Violation]:
        if self.until <= self.granted_on:
            yield EXTENSION_ORDER.violation("/until", granted_on=self.granted_on, until=self.until)


# --------------------------------------------------------------------------- the key

_REF = re.compile(
    r"(?P<session>.*?)(?:(?P<year>[0-9]{4})年)?(?:第(?P<number>[0-9]+)号)?(?P<kind>提案|建议)"
)


@frozen(kw_only=True, repr=False)
class ProposalRef(Validated):
    """
    The key of a proposal: its kind, session and number, as reply letters cite it.

    A letter may name only part of it ("您提出的第57号建议", "关于…的提案",
    "某县政协2009年第12号提案"): the parts it does not state are ``None``,
    and `is_complete` is false.  Only a complete reference identifies a
    proposal of a `Dataset`.

    Attributes:
        kind: A CPPCC proposal (提案) or an NPC suggestion (建议).

        session: The session it was filed at, or ``None`` when not stated.

        number: Its number, as written, or ``None`` when not stated.

        year: The year it was filed in, when the letter gives a year and no
            session (``2009年第12号提案``); with a session, ``None`` (the
            session has its year).

    ``str()`` is how letters write it, and `parse` reads it back.

    .. versionadded:: 0.1.0

    .. versionchanged:: Unreleased
       ``session`` and ``number`` may be ``None``; ``year`` is new.

    >>> ref = ProposalRef.parse("自治区政协十二届四次会议第20210143号提案")
    >>> str(ref)
    '自治区政协十二届四次会议第20210143号提案'
    >>> str(ProposalRef.parse("2009年第12号提案")), ProposalRef.parse("第57号建议").session
    ('2009年第12号提案', None)
    >>> ProposalRef(kind=ProposalKind.SUGGESTION, session=ref.session, number=ref.number)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error proposal.kind_mismatch at /kind: ...
    """

    kind: ProposalKind = field(metadata=label("类别"))
    session: Session | None = field(default=None, metadata=label("届次"))
    number: ProposalNumber | None = field(default=None, metadata=label("提案号"))
    year: int | None = field(default=None, metadata=label("年份"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _key(self) -> Iterator[Violation]:
        return _key_violations(self.kind, self.session, self.number, self.year)

    def __str__(self) -> str:
        where = "" if self.session is None else str(self.session)
        if self.session is None and self.year is not None:
            where = f"{self.year}年"
        number = "" if self.number is None else self.number.label_zh
        return f"{where}{number}{self.kind.label_zh}"

    def __repr__(self) -> str:
        return f"<ProposalRef {self}>"

    @property
    def is_complete(self) -> bool:
        """
        Whether the reference names its session and its number, and so one proposal.

        >>> ProposalRef.parse("第57号建议").is_complete
        False
        """
        return self.session is not None and self.number is not None

    def missing_parts(self) -> tuple[str, ...]:
        """
        The parts the reference does not state, by attribute name: ``session``, ``number``.

        A year without a session still leaves the session missing.

        >>> ProposalRef.parse("2009年提案").missing_parts()
        ('session', 'number')
        >>> ProposalRef.parse("十三届人大二次会议第0312号建议").missing_parts()
        ()
        """
        return tuple(name for name in ("session", "number") if getattr(self, name) is None)

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a reference as letters write it: ``自治区政协十二届四次会议第20210143号提案``.

        Full-width digits and stray whitespace are accepted.  The session and
        the number may be left out (``第57号建议``, ``2009年第12号提案``,
        ``提案``); the kind may not.

        Raises:
            ValidationError: ``proposal.ref_invalid`` if *text* has no kind
                (提案, 建议) at its end; the session's and the number's own
                codes (under ``/session``, ``/number``); ``proposal.kind_mismatch``
                and ``proposal.number_year_mismatch``.

        >>> ProposalRef.parse("十三届人大二次会议第 ０３１２ 号建议").number
        <ProposalNumber 0312>
        >>> ProposalRef.parse("第20210143号")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error proposal.ref_invalid at /: ...
        """
        # str() keeps a non-text argument from escaping as a TypeError.
        squashed = "".join(fold_width(str(text)).split())
        match = _REF.fullmatch(squashed)
        if match is None:
            raise REF_INVALID.error("", text=text)
        kind = ProposalKind.from_label(match["kind"])
        problems: list[Violation] = []
        session = number = None
        year = None if match["year"] is None else int(match["year"])
        if match["session"]:
            written = match["session"] + (f"{year}年" if year is not None else "")
            year = None
            try:
                session = Session.parse(written, default_body=_KIND_BODY[kind])
            except ValidationError as exc:
                problems += exc.under("session").violations
        if match["number"] is not None:
            try:
                number = ProposalNumber(match["number"])
            except ValidationError as exc:
                problems += exc.under("number").violations
        raise_if_any(problems)
        return cls(kind=kind, session=session, number=number, year=year)


# --------------------------------------------------------------------------- the record


@frozen(kw_only=True)
class Proposal(Validated):
    """
    A CPPCC proposal (提案) or an NPC suggestion (建议), and how it was handled.

    Attributes:
        kind: A CPPCC proposal or an NPC suggestion; it must fit the session's body.

        session: The session (届次/会次) it was filed at.

        number: Its number (提案号), as written; a year-prefixed number
            (``20210143``) must carry the session's year.

        title: The title (案由), without surrounding whitespace or 《》.

        proposers: Who signed it, first signer first (联名); or one body alone.

        submitted_on: The day it was submitted, if known.

        handlers: The units handling it (承办单位), each in one role: exactly
            one leads (主办 or 独办) unless all reply separately (分办).

        is_key: Whether it is a key proposal (重点提案).

        status: Where it stands: submitted, accepted, returned (不予立案),
            assigned (交办), replied or closed (办结).

        assigned_on: The day it was assigned to its handlers (交办).

        replied_on: The day the (lead) reply was sent.

        extension: The extension of the reply deadline (延期), if granted.

        merged_into: The number of the proposal it was merged into (并案).

        merged_on: The day it was merged; given together with *merged_into*.

        feedback: The proposers' verdict on the reply, once replied.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Payload keys the record does not know, kept for the round trip.

    .. versionadded:: 0.1.0

    >>> p = Proposal(
    ...     kind=ProposalKind.PROPOSAL,
    ...     session=Session.parse("自治区政协十二届四次会议"),
    ...     number=ProposalNumber("20210143"),
    ...     title="《关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案》",
    ...     proposers=(Proposer("农工民主党广西区委", is_body=True),),
    ...     handlers=(Handler("自治区科学技术厅", HandlingRole.LEAD),),
    ...     status=ProposalStatus.ACCEPTED,
    ... )
    >>> str(p.ref)
    '自治区政协十二届四次会议第20210143号提案'
    >>> p.title[:6]
    '关于抢抓数字'
    >>> import attrs
    >>> attrs.evolve(p, number=ProposalNumber("20200143"))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error proposal.number_year_mismatch at /number: number 20200143 reads as year 2020, but the session was held in 2021
    """  # noqa: E501

    kind: ProposalKind = field(metadata=label("类别"))
    session: Session = field(metadata=label("届次"))
    number: ProposalNumber = field(metadata=label("提案号"))
    title: str = field(converter=strip_title, metadata=label("案由", NOT_BLANK))
    proposers: tuple[Proposer, ...] = field(metadata=label("提案者"))
    submitted_on: pendulum.Date | None = field(default=None, metadata=label("提交日期"))
    handlers: tuple[Handler, ...] = field(default=(), metadata=label("承办单位"))
    is_key: bool = field(default=False, metadata=label("是否重点提案"))
    status: ProposalStatus = field(metadata=label("办理状态"))
    assigned_on: pendulum.Date | None = field(default=None, metadata=label("交办日期"))
    replied_on: pendulum.Date | None = field(default=None, metadata=label("答复日期"))
    extension: Extension | None = field(default=None, metadata=label("延期"))
    merged_into: ProposalNumber | None = field(default=None, metadata=label("并入提案号"))
    merged_on: pendulum.Date | None = field(default=None, metadata=label("并案日期"))
    feedback: Feedback | None = field(default=None, metadata=label("反馈意见"))
    source: Source | None = field(default=None, kw_only=True, metadata=label("来源", since(2)))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False)

    @property
    def ref(self) -> ProposalRef:
        """
        The key of this proposal, as reply letters cite it.
        """
        return ProposalRef(kind=self.kind, session=self.session, number=self.number)

    @invariant
    def _title(self) -> Iterator[Violation]:
        if not self.title:
            yield TITLE_EMPTY.violation("/title")

    @invariant
    def _key(self) -> Iterator[Violation]:
        return _key_violations(self.kind, self.session, self.number)

    @invariant
    def _proposers(self) -> Iterator[Violation]:
        if not self.proposers:
            yield NO_PROPOSER.violation("/proposers")
            return
        seen: set[str] = set()
        for i, proposer in enumerate(self.proposers):
            if proposer.name in seen:
                yield PROPOSER_DUPLICATE.violation(f"/proposers/{i}", name=proposer.name)
            seen.add(proposer.name)
            if proposer.is_body and len(self.proposers) > 1:
                yield BODY_WITH_OTHERS.violation(f"/proposers/{i}", name=proposer.name)

    @invariant
    def _handlers(self) -> Iterator[Violation]:
        handlers = self.handlers
        if not handlers:
            return
        roles = [h.role for h in handlers]
        leads = sum(role in _LEADS for role in roles)
        if leads != 1 and any(role is not HandlingRole.SEPARATE for role in roles):
            yield LEAD_COUNT.violation("/handlers", count=leads)
        seen: set[str] = set()
        for i, handler in enumerate(handlers):
            if handler.role is HandlingRole.SOLE and len(handlers) > 1:
                yield SOLE_NOT_ALONE.violation(
                    f"/handlers/{i}/role", unit=handler.unit, count=len(handlers)
                )
            if handler.unit in seen:
                yield HANDLER_DUPLICATE.violation(f"/handlers/{i}/unit", unit=handler.unit)
            seen.add(handler.unit)

    @invariant
    def _assigned(self) -> Iterator[Violation]:
        if self.status in _ASSIGNED and self.assigned_on is None:
            yield ASSIGNED_ON_MISSING.violation("/assigned_on", **self._status_params())

    @invariant
    def _handled(self) -> Iterator[Violation]:
        if self.status in _ASSIGNED and not self.handlers:
            yield HANDLERS_MISSING.violation("/handlers", **self._status_params())

    @invariant
    def _replied(self) -> Iterator[Violation]:
        if self.status in _ANSWERED and self.replied_on is None:
            yield REPLIED_ON_MISSING.violation("/replied_on", **self._status_params())

    @invariant
    def _feedback(self) -> Iterator[Violation]:
        if self.feedback is not None and self.status not in _ANSWERED:
            yield FEEDBACK_EARLY.violation("/feedback", **self._status_params())

    @invariant
    def _returned(self) -> Iterator[Violation]:
        if self.status is ProposalStatus.RETURNED and self.handlers:
            yield RETURNED_WITH_HANDLERS.violation("/handlers")

    def _status_params(self) -> dict[str, str]:
        return {"status": self.status.value, "status_zh": self.status.label_zh}

    @invariant
    def _dates(self) -> Iterator[Violation]:
        steps = (
            ("submitted_on", "提交日期", self.submitted_on),
            ("assigned_on", "交办日期", self.assigned_on),
            ("replied_on", "答复日期", self.replied_on),
        )
        previous: tuple[str, str, pendulum.Date] | None = None
        for name, name_zh, day in steps:
            if day is None:
                continue
            if previous is not None and day < previous[2]:
                yield DATE_ORDER.violation(
                    "/" + name,
                    field=name,
                    field_zh=name_zh,
                    date=day,
                    earlier=previous[0],
                    earlier_zh=previous[1],
                    earlier_date=previous[2],
                )
            previous = (name, name_zh, day)

    @invariant
    def _extension(self) -> Iterator[Violation]:
        extension, assigned_on = self.extension, self.assigned_on
        if extension is None:
            return
        if assigned_on is None:
            yield EXTENSION_UNASSIGNED.violation("/extension")
            return
        if extension.granted_on < assigned_on:
            yield EXTENSION_EARLY.violation(
                "/extension/granted_on",
                granted_on=extension.granted_on,
                assigned_on=assigned_on,
            )
        limit = _add_months(assigned_on, MAX_EXTENSION_MONTHS)
        if not assigned_on < extension.until <= limit:
            yield EXTENSION_UNTIL.violation(
                "/extension/until", until=extension.until, assigned_on=assigned_on, limit=limit
            )

    @invariant
    def _merge(self) -> Iterator[Violation]:
        if (self.merged_into is None) != (self.merged_on is None):
            missing = "merged_on" if self.merged_on is None else "merged_into"
            yield MERGE_INCOMPLETE.violation("/" + missing, field=missing)

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:  # noqa: ARG002 - no time-dependent finding yet
        if len(self.title) > TITLE_ADVISORY_LENGTH:
            yield TITLE_LONG.violation("/title", length=len(self.title))
        if self.feedback is Feedback.DISSATISFIED:
            yield FEEDBACK_DISSATISFIED.violation("/feedback")
        if self.submitted_on is None:
            yield SUBMITTED_ON_MISSING.violation("/submitted_on")
