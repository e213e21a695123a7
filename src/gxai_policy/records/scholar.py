"""
Talent posts: 八桂学者 (Bagui Scholar) and 八桂青年学者 (Bagui Young Scholar) posts.

The founding letter names seven AI-related 八桂学者 posts (岗位) among the 16
it supports, from 机器人与智能装备 to 智能系统的安全理论与技术, and 3400多万元
of 八桂学者专项经费 paid in 2020–2021.

>>> post = Scholar(
...     programme=Programme.BAGUI_SCHOLAR,
...     post="机器人与智能装备",
...     host="某大学",
...     term_start=pendulum.Date(2019, 1, 1),
...     term_end=pendulum.Date(2023, 12, 31),
... )
>>> post.term_years()
5
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

import attrs
import pendulum

from gxai_policy.errors import Severity, Violation
from gxai_policy.records._base import EMPTY_EXTRAS, CheckContext, Extras, Validated, invariant
from gxai_policy.records._convert import NOT_BLANK, PERSONAL, since
from gxai_policy.records._convert import strip as _strip
from gxai_policy.records._convert import strip_optional as _strip_optional
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import Programme
from gxai_policy.values.money import Money
from gxai_policy.values.numerals import fold_width

__all__ = ["BAGUI_SCHOLAR_TERM_YEARS", "Scholar", "five_year_term_ends"]

_SOURCE = "reply 20210143 (自治区科学技术厅, 2021), 一（四） 人才队伍建设情况"
_SOURCE_TERM = "八桂学者制度: 八桂学者岗位聘期5年"

#: The length of a 八桂学者 term (聘期), in years.
BAGUI_SCHOLAR_TERM_YEARS: Final = 5

# A telephone number as contact lists write it: 0771-5886512, (0771)5886512,
# +86 771 5886512, 13800138000, 0771-5886512转8001 (full-width folded first).
_PHONE: Final = re.compile(r"\+?[0-9()][0-9 ()\-]*(?:转[0-9]+)?")
_PHONE_DIGITS: Final = range(7, 21)
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+")

#: A valid minimal wire payload; each rule's example breaks it in one place.
_EXAMPLE: dict[str, object] = {
    "programme": "bagui_scholar",
    "post": "机器人与智能装备",
    "host": "某大学",
    "term_start": "2019-01-01",
    "term_end": "2023-12-31",
}

POST_EMPTY = define(
    "scholar.post_empty",
    applies_to="Scholar",
    summary="A scholar's post (岗位) is named, such as 机器人与智能装备.",
    summary_zh="学者岗位须写明名称，如“机器人与智能装备”。",
    source=_SOURCE,
    example=_EXAMPLE | {"post": ""},
    trigger=Trigger.LOAD,
    message="the post has no name",
    message_zh="岗位没有名称",
)
HOST_EMPTY = define(
    "scholar.host_empty",
    applies_to="Scholar",
    summary="A scholar's post names its host unit (设岗单位).",
    summary_zh="学者岗位须写明设岗单位。",
    source=_SOURCE,
    example=_EXAMPLE | {"host": " "},
    trigger=Trigger.LOAD,
    message="post {post} names no host unit",
    message_zh="岗位“{post}”未写明设岗单位",
)
HOLDER_EMPTY = define(
    "scholar.holder_empty",
    applies_to="Scholar",
    summary="A post's holder is named or null (vacant or unknown), never blank.",
    summary_zh="岗位人选应写明姓名或留空（null，表示空缺或不详），不能为空白。",
    source=_SOURCE,
    example=_EXAMPLE | {"holder": ""},
    trigger=Trigger.LOAD,
    message="the holder of post {post} is blank (use null for none)",
    message_zh="岗位“{post}”的人选为空白（没有时应为 null）",
)
HOST_PLATFORM_EMPTY = define(
    "scholar.host_platform_empty",
    applies_to="Scholar",
    summary="A post's host platform is named or null, never blank.",
    summary_zh="岗位依托平台应写明名称或留空（null），不能为空白。",
    source=_SOURCE,
    example=_EXAMPLE | {"host_platform": ""},
    trigger=Trigger.LOAD,
    message="the host platform of post {post} is blank (use null for none)",
    message_zh="岗位“{post}”的依托平台为空白（没有时应为 null）",
)
TERM_ORDER = define(
    "scholar.term_order",
    applies_to="Scholar",
    summary="A term (聘期) ends after it starts.",
    summary_zh="聘期结束日期晚于开始日期。",
    source=_SOURCE_TERM,
    example=_EXAMPLE | {"term_end": "2019-01-01"},
    trigger=Trigger.LOAD,
    message="the term of post {post} ends on {term_end}, not after its start {term_start}",
    message_zh="岗位“{post}”的聘期结束日期{term_end}不晚于开始日期{term_start}",
)
# The two contact rules never echo the value: it is personal data.
PHONE_INVALID = define(
    "scholar.phone_invalid",
    applies_to="Scholar",
    summary="A contact phone number has 7–20 digits and only ( ) - + spaces or 转 besides.",
    summary_zh="联系电话为7—20位数字，此外只含括号、连字符、加号、空格或“转”。",
    source="GB/T 9704-2012 §7.4 (联系人及电话); ITU-T E.164",
    example=_EXAMPLE | {"phone": "请致电办公室"},
    trigger=Trigger.LOAD,
    message="the phone number of post {post} is not a phone number",
    message_zh="岗位“{post}”的联系电话不是电话号码",
)
EMAIL_INVALID = define(
    "scholar.email_invalid",
    applies_to="Scholar",
    summary="A contact e-mail address has the form name@domain.",
    summary_zh="电子邮箱应为 name@domain 的形式。",
    source="RFC 5322 addr-spec (simplified)",
    example=_EXAMPLE | {"email": "example.edu"},
    trigger=Trigger.LOAD,
    message="the e-mail address of post {post} is not an address",
    message_zh="岗位“{post}”的电子邮箱格式不正确",
)
TERM_LENGTH = define(
    "scholar.term_length",
    applies_to="Scholar",
    severity=Severity.WARNING,
    summary="A 八桂学者 term (聘期) lasts five years.",
    summary_zh="八桂学者聘期为5年。",
    source=_SOURCE_TERM,
    example=_EXAMPLE | {"term_end": "2021-12-31"},
    trigger=Trigger.CHECK,
    message="the term of post {post} runs {term_start} to {term_end}, not five years",
    message_zh="岗位“{post}”的聘期为{term_start}至{term_end}，不是5年",
)
TERM_ENDED = define(
    "scholar.term_ended",
    applies_to="Scholar",
    severity=Severity.INFO,
    summary="The term (聘期) of the post has ended (checked as of a day).",
    summary_zh="岗位聘期已届满（按检查日期判断）。",
    source=_SOURCE_TERM,
    example={"record": _EXAMPLE, "as_of": "2030-01-01"},
    trigger=Trigger.CHECK_AS_OF,
    message="the term of post {post} ended on {term_end}",
    message_zh="岗位“{post}”的聘期已于{term_end}届满",
)


def _is_phone(text: str) -> bool:
    folded = fold_width(text)
    digits = sum(ch.isascii() and ch.isdigit() for ch in folded)
    return _PHONE.fullmatch(folded) is not None and digits in _PHONE_DIGITS


def five_year_term_ends(start: pendulum.Date) -> tuple[pendulum.Date, pendulum.Date]:
    """
    The two ways a five-year term from *start* is written to end.

    Appointments write the last day (2019-01-01 to 2023-12-31) or the
    anniversary (2019-01-01 to 2024-01-01); both are five years.

    >>> five_year_term_ends(pendulum.Date(2019, 1, 1))
    (Date(2023, 12, 31), Date(2024, 1, 1))
    >>> pendulum.Date(2023, 12, 30) in five_year_term_ends(pendulum.Date(2019, 1, 1))
    False
    """
    anniversary = start.add(years=BAGUI_SCHOLAR_TERM_YEARS)
    return anniversary.subtract(days=1), anniversary


@attrs.frozen(kw_only=True)
class Scholar(Validated):
    """
    A 八桂学者 or 八桂青年学者 post (岗位), held for a term (聘期) at a host unit.

    Attributes:
        programme: The talent programme (`Programme`) the post belongs to.

        post: The post's name, such as ``机器人与智能装备``.

        holder: The scholar appointed to it; None when vacant or unknown,
            never blank.  Personal data (`gxai_policy.redact`).

        host: The host unit (设岗单位), such as ``某大学``.

        host_platform: The name of the `~gxai_policy.Platform` the post is
            hosted on, if any (a `~gxai_policy.Dataset` checks that it exists).

        term_start: The first day of the term.

        term_end: The last day of the term, after `term_start`; a 八桂学者
            term is five years (see `five_year_term_ends`).

        funding_per_year: The funding the post receives a year (such as
            60万元 of research support); None when unknown.

        phone: A contact phone number; personal data, so not in ``repr``.

        email: A contact e-mail address; personal data, so not in ``repr``.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Payload keys this library does not know, kept for the round trip.

    >>> post = Scholar(
    ...     programme=Programme.BAGUI_SCHOLAR,
    ...     post="卫星导航定位",
    ...     holder="张三",
    ...     host="某大学",
    ...     term_start=pendulum.Date(2019, 1, 1),
    ...     term_end=pendulum.Date(2023, 12, 31),
    ...     funding_per_year=Money.parse("60万元"),
    ...     phone="0771-0000000",
    ... )
    >>> "0773" in repr(post)
    False
    >>> attrs.evolve(post, term_end=pendulum.Date(2018, 12, 31))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error scholar.term_order at /term_end: the term of post 卫星导航定位 ends on 2018-12-31, not after its start 2019-01-01

    .. versionadded:: 0.1.0
    """  # noqa: E501

    programme: Programme = attrs.field(metadata=label("人才项目"))
    post: str = attrs.field(converter=_strip, metadata=label("岗位", NOT_BLANK))
    holder: str | None = attrs.field(
        default=None, converter=_strip_optional, metadata=label("人选", NOT_BLANK, PERSONAL)
    )
    host: str = attrs.field(converter=_strip, metadata=label("设岗单位", NOT_BLANK))
    host_platform: str | None = attrs.field(
        default=None, converter=_strip_optional, metadata=label("依托平台", NOT_BLANK)
    )
    term_start: pendulum.Date = attrs.field(metadata=label("聘期开始"))
    term_end: pendulum.Date = attrs.field(metadata=label("聘期结束"))
    funding_per_year: Money | None = attrs.field(default=None, metadata=label("年度经费"))
    phone: str | None = attrs.field(
        default=None, converter=_strip_optional, repr=False, metadata=label("电话", PERSONAL)
    )
    email: str | None = attrs.field(
        default=None, converter=_strip_optional, repr=False, metadata=label("电子邮箱", PERSONAL)
    )
    source: Source | None = attrs.field(
        default=None, kw_only=True, metadata=label("来源", since(2))
    )
    extras: Extras = attrs.field(default=EMPTY_EXTRAS, repr=False)

    @invariant
    def _post(self) -> Iterator[Violation]:
        if not self.post:
            yield POST_EMPTY.violation("/post")

    @invariant
    def _holder(self) -> Iterator[Violation]:
        if self.holder is not None and not self.holder:
            yield HOLDER_EMPTY.violation("/holder", post=self.post)

    @invariant
    def _host(self) -> Iterator[Violation]:
        if not self.host:
            yield HOST_EMPTY.violation("/host", post=self.post)

    @invariant
    def _host_platform(self) -> Iterator[Violation]:
        if self.host_platform is not None and not self.host_platform:
            yield HOST_PLATFORM_EMPTY.violation("/host_platform", post=self.post)

    @invariant
    def _term(self) -> Iterator[Violation]:
        if self.term_end <= self.term_start:
            yield TERM_ORDER.violation(
                "/term_end", post=self.post, term_start=self.term_start, term_end=self.term_end
            )

    @invariant
    def _phone(self) -> Iterator[Violation]:
        if self.phone is not None and not _is_phone(self.phone):
            yield PHONE_INVALID.violation("/phone", post=self.post)

    @invariant
    def _email(self) -> Iterator[Violation]:
        if self.email is not None and _EMAIL.fullmatch(self.email) is None:
            yield EMAIL_INVALID.violation("/email", post=self.post)

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:
        if self.programme is Programme.BAGUI_SCHOLAR and self.term_end not in five_year_term_ends(
            self.term_start
        ):
            yield TERM_LENGTH.violation(
                "/term_end", post=self.post, term_start=self.term_start, term_end=self.term_end
            )
        if ctx.as_of is not None and self.term_end < ctx.as_of:
            yield TERM_ENDED.violation("/term_end", post=self.post, term_end=self.term_end)

    def term_years(self) -> int:
        """
        The length of the term in whole years, a last-day end counting as the anniversary.

        >>> post = Scholar(
        ...     programme=Programme.BAGUI_YOUNG_SCHOLAR,
        ...     post="智能化技术研发",
        ...     host="某大学",
        ...     term_start=pendulum.Date(2021, 7, 1),
        ...     term_end=pendulum.Date(2024, 6, 30),
        ... )
        >>> post.term_years()
        3

        Anniversaries are counted as `five_year_term_ends` counts them: from
        29 February, the anniversary in a common year is 28 February.

        >>> attrs.evolve(post, term_start=pendulum.Date(2020, 2, 29),
        ...              term_end=pendulum.Date(2025, 2, 27)).term_years()
        5
        """
        end = self.term_end.add(days=1)
        years = end.year - self.term_start.year
        return years - 1 if self.term_start.add(years=years) > end else years

    def is_active(self, on: pendulum.Date) -> bool:
        """
        Whether the day *on* falls within the term.

        >>> post = Scholar(
        ...     programme=Programme.BAGUI_SCHOLAR,
        ...     post="信息与通信工程",
        ...     host="某大学",
        ...     term_start=pendulum.Date(2019, 1, 1),
        ...     term_end=pendulum.Date(2023, 12, 31),
        ... )
        >>> post.is_active(pendulum.Date(2021, 4, 27)), post.is_active(pendulum.Date(2024, 1, 1))
        (True, False)
        """
        return self.term_start <= on <= self.term_end
