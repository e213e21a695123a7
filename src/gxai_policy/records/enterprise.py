"""
Enterprises: high-tech enterprises (高新技术企业) and AI enterprises, with their 高企 certificate.

The founding letter counts 172 AI enterprises, 87 of them high-tech; an
`Enterprise` is one of them, identified by its unified social credit code
(统一社会信用代码), and a `HighTechCertificate` is its 高企 certificate.

>>> e = Enterprise(name="示例科技有限公司", uscc=USCC("91450100MA5KB1XW1C"),
...                certificate=HighTechCertificate(
...                    number=HighTechCertificateNumber("GR202145000123"),
...                    issued_on=pendulum.Date(2021, 10, 20)))
>>> e.is_high_tech_on(pendulum.Date(2024, 10, 19)), e.is_high_tech_on(pendulum.Date(2024, 10, 20))
(True, False)
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from typing import Any, Final

import pendulum
from attrs import field, frozen

from gxai_policy.errors import Severity, Violation
from gxai_policy.records._base import (
    EMPTY_EXTRAS,
    CheckContext,
    Extras,
    Validated,
    invariant,
)
from gxai_policy.records._convert import NOT_BLANK, since
from gxai_policy.records._convert import strip as _strip
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import ScenarioDomain
from gxai_policy.values.identifiers import USCC, HighTechCertificateNumber, RegionCode

__all__ = ["CERTIFICATE_YEARS", "EXPIRY_NOTICE_DAYS", "Enterprise", "HighTechCertificate"]

#: How many years a 高企 certificate is valid, counting from its day of issue.
CERTIFICATE_YEARS: Final = 3
#: How many days before expiry `gxai_policy.check` starts reporting ``certificate.expiring``.
EXPIRY_NOTICE_DAYS: Final = 90

_MEASURES = (
    "《高新技术企业认定管理办法》（国科发火〔2016〕32号）第十一条：资格自颁发证书之日起有效期为三年"
)
_GUANGXI = "45"

# A valid enterprise in wire form, for the rules' examples: each breaks one rule.
_EXAMPLE: dict[str, Any] = {
    "name": "示例科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "city": "450100",
}
_CERTIFIED = _EXAMPLE | {"certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"}}

NAME_EMPTY = define(
    "enterprise.name_empty",
    applies_to="Enterprise",
    summary="An enterprise has a name.",
    summary_zh="企业应有名称。",
    source="GB 32100-2015: a registered organisation has a name",
    example=_EXAMPLE | {"name": " "},
    trigger=Trigger.LOAD,
    message="the enterprise's name is blank",
    message_zh="企业名称为空白",
)
CERTIFICATE_YEAR_MISMATCH = define(
    "certificate.year_mismatch",
    applies_to="Enterprise",
    summary="A 高企 certificate number's year is the year the certificate was issued.",
    summary_zh="高新技术企业证书编号中的年份应为发证年份。",
    source=_MEASURES,
    example=_EXAMPLE | {"certificate": {"number": "GR202045000123", "issued_on": "2021-10-20"}},
    trigger=Trigger.LOAD,
    message="certificate {number} names the year {number_year}, but was issued in {issued_year}",
    message_zh="证书{number}编号年份为{number_year}年，发证日期却在{issued_year}年",
)
CERTIFICATE_PROVINCE_MISMATCH = define(
    "certificate.province_mismatch",
    applies_to="Enterprise",
    summary=(
        "An enterprise in Guangxi (its city or, failing that, its USCC region) holds a"
        " certificate issued in Guangxi (province 45)."
    ),
    summary_zh="位于广西（以所在城市为准，未填时以统一社会信用代码中的登记地为准）的企业，"
    "其高新技术企业证书应由广西认定（编号省级代码为45）。",
    source=_MEASURES + "；各省级认定机构按属地认定",
    example=_EXAMPLE | {"certificate": {"number": "GR202144000123", "issued_on": "2021-10-20"}},
    trigger=Trigger.LOAD,
    message="certificate {number} was issued by province {province}, but the enterprise is in"
    " Guangxi (45)",
    message_zh="企业位于广西（45），证书{number}却由省级代码{province}的地区认定",
)
CITY_MISMATCH = define(
    "enterprise.city_mismatch",
    applies_to="Enterprise",
    summary=(
        "An enterprise's city lies in the province of its USCC's region (a company that"
        " moved keeps its code, so this is a warning)."
    ),
    summary_zh="企业所在城市应与统一社会信用代码中的登记地同属一省（企业迁址后代码不变，故仅为警告）。",
    source="GB 32100-2015 §4 (positions 3–8: the registering authority's region)",
    example=_EXAMPLE | {"city": "440100"},
    trigger=Trigger.CHECK,
    severity=Severity.WARNING,
    message="city {city} is in province {city_province}, the USCC was registered in"
    " province {uscc_province}",
    message_zh="所在城市{city}属省级代码{city_province}，统一社会信用代码登记地属{uscc_province}",
)
CERTIFICATE_EXPIRING = define(
    "certificate.expiring",
    applies_to="Enterprise",
    summary=f"The 高企 certificate expires within {EXPIRY_NOTICE_DAYS} days of the check date.",
    summary_zh=f"高新技术企业证书将在检查日起{EXPIRY_NOTICE_DAYS}日内到期。",
    source=_MEASURES,
    # Judged on 2024-09-01: the certificate of 2021-10-20 expires on 2024-10-19.
    example={"record": _CERTIFIED, "as_of": "2024-09-01"},
    trigger=Trigger.CHECK_AS_OF,
    severity=Severity.INFO,
    message="certificate {number} expires on {expires_on}, {days} days after {as_of}",
    message_zh="证书{number}将于{expires_on}到期，距{as_of}还有{days}天",
)
CERTIFICATE_EXPIRED = define(
    "certificate.expired",
    applies_to="Enterprise",
    summary="The 高企 certificate had expired by the check date.",
    summary_zh="截至检查日，高新技术企业证书已过期。",
    source=_MEASURES,
    # Judged on 2024-10-20: the certificate of 2021-10-20 was valid through 2024-10-19.
    example={"record": _CERTIFIED, "as_of": "2024-10-20"},
    trigger=Trigger.CHECK_AS_OF,
    severity=Severity.WARNING,
    message="certificate {number} expired on {expires_on}, before {as_of}",
    message_zh="证书{number}已于{expires_on}到期（早于{as_of}）",
)


def _third_anniversary_eve(issued_on: pendulum.Date) -> pendulum.Date:
    year = issued_on.year + CERTIFICATE_YEARS
    if (issued_on.month, issued_on.day) == (2, 29) and not calendar.isleap(year):
        # No 29 February that year: the anniversary is 1 March, its eve 28 February.
        return pendulum.Date(year, 2, 28)
    return pendulum.Date(year, issued_on.month, issued_on.day).subtract(days=1)


@frozen(kw_only=True)
class HighTechCertificate(Validated):
    """
    A high-tech enterprise certificate (高新技术企业证书): its number and day of issue.

    The certificate is valid for three years from its day of issue (资格自颁发
    证书之日起有效期为三年), the day of issue counting as the first day: from
    `issued_on` to `expires_on`, the day before the third anniversary, both
    included.  Issued 2021-10-20, it is valid through 2024-10-19; issued on
    29 February, through 28 February three years on.

    Attributes:
        number: The certificate number, ``GR`` + year + province + serial;
            its year is the year of issue.

        issued_on: The day of issue (发证日期).

    Raises:
        ValidationError: ``certificate.year_mismatch`` at ``/number`` if the
            number's year is not the year of issue.

    >>> c = HighTechCertificate(number=HighTechCertificateNumber("GR202145000123"),
    ...                         issued_on=pendulum.Date(2021, 10, 20))
    >>> c.expires_on, c.years()
    (Date(2024, 10, 19), (2021, 2022, 2023))
    >>> HighTechCertificate(number=HighTechCertificateNumber("GR202045000123"),
    ...                     issued_on=pendulum.Date(2021, 10, 20))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error certificate.year_mismatch at /number: certificate GR202045000123 names the year 2020, but was issued in 2021

    .. versionadded:: 0.1.0
    """  # noqa: E501

    number: HighTechCertificateNumber = field(metadata=label("证书编号"))
    issued_on: pendulum.Date = field(metadata=label("发证日期"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    # The invariants' own tests in one expression: a generator costs more than
    # the check on a valid certificate.
    @staticmethod
    def _all_hold(c: HighTechCertificate) -> bool:
        return c.number.year == c.issued_on.year

    @invariant
    def _year(self) -> Iterator[Violation]:
        if self.number.year != self.issued_on.year:
            yield CERTIFICATE_YEAR_MISMATCH.violation(
                "/number",
                number=self.number,
                number_year=self.number.year,
                issued_year=self.issued_on.year,
            )

    @property
    def expires_on(self) -> pendulum.Date:
        """
        The last day the certificate is valid: the day before the third anniversary of issue.

        >>> HighTechCertificate(number=HighTechCertificateNumber("GR202045000001"),
        ...                     issued_on=pendulum.Date(2020, 2, 29)).expires_on
        Date(2023, 2, 28)
        """
        return _third_anniversary_eve(self.issued_on)

    def valid_on(self, day: pendulum.Date) -> bool:
        """
        Whether the certificate is valid on *day*: from `issued_on` to `expires_on`, inclusive.

        >>> c = HighTechCertificate(number=HighTechCertificateNumber("GR202145000123"),
        ...                         issued_on=pendulum.Date(2021, 10, 20))
        >>> c.valid_on(pendulum.Date(2021, 10, 20)), c.valid_on(pendulum.Date(2021, 10, 19))
        (True, False)
        """
        return self.issued_on <= day <= self.expires_on

    def years(self) -> tuple[int, int, int]:
        """
        The calendar year of issue and the two following: the years the certificate counts for.

        >>> HighTechCertificate(number=HighTechCertificateNumber("GR202145000123"),
        ...                     issued_on=pendulum.Date(2021, 10, 20)).years()
        (2021, 2022, 2023)
        """
        year = self.issued_on.year
        return (year, year + 1, year + 2)


@frozen(kw_only=True)
class Enterprise(Validated):
    """
    An enterprise: a high-tech enterprise (高新技术企业), an AI enterprise (人工智能企业), or both.

    Attributes:
        name: The registered name, surrounding whitespace removed; never empty.

        uscc: The unified social credit code (统一社会信用代码), its identity.

        city: Where it is located (a GB/T 2260 code, usually one of Guangxi's
            cities); ``None`` when not stated.  Without it, the USCC's region
            (where it registered) stands for where it is.

        is_ai: Whether it counts as an AI enterprise (人工智能企业), as in the
            2021 survey of 172 enterprises.

        sectors: The application scenario domains (应用场景领域) it works in.

        certificate: Its 高企 certificate, or ``None`` if it holds none.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Keys of the payload the record does not know, kept for the
            round trip.

    Raises:
        ValidationError: Every rule broken: ``enterprise.name_empty`` at
            ``/name``; ``certificate.year_mismatch`` and
            ``certificate.province_mismatch`` at ``/certificate/number``.

    A city in another province than the USCC's region is legal (a company
    that moves keeps its code) and `gxai_policy.check` warns of it
    (``enterprise.city_mismatch``); so does a certificate that expired
    (``certificate.expired``) or soon will (``certificate.expiring``).

    >>> e = Enterprise(name=" 示例科技有限公司 ", uscc=USCC("91450100MA5KB1XW1C"),
    ...                city=RegionCode("450100"), is_ai=True)
    >>> e.name, e.is_high_tech
    ('示例科技有限公司', False)
    >>> Enterprise(name="示例科技有限公司", uscc=USCC("91450100MA5KB1XW1C"),
    ...            certificate=HighTechCertificate(
    ...                number=HighTechCertificateNumber("GR202144000123"),
    ...                issued_on=pendulum.Date(2021, 10, 20)))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error certificate.province_mismatch at /certificate/number: certificate GR202144000123 was issued by province 44, but the enterprise is in Guangxi (45)

    .. versionadded:: 0.1.0
    """  # noqa: E501

    name: str = field(converter=_strip, metadata=label("企业名称", NOT_BLANK))
    uscc: USCC = field(metadata=label("统一社会信用代码"))
    city: RegionCode | None = field(default=None, metadata=label("所在城市"))
    is_ai: bool = field(default=False, metadata=label("是否人工智能企业"))
    sectors: frozenset[ScenarioDomain] = field(default=frozenset(), metadata=label("应用场景领域"))
    certificate: HighTechCertificate | None = field(default=None, metadata=label("高企证书"))
    source: Source | None = field(default=None, kw_only=True, metadata=label("来源", since(2)))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False)

    # The invariants' own tests in one expression: two generators cost more
    # than the checks on a valid enterprise (loaded by the ten thousand).
    @staticmethod
    def _all_hold(e: Enterprise) -> bool:
        return bool(e.name) and (e.certificate is None or e.certificate.number.province == _GUANGXI)

    @invariant
    def _name(self) -> Iterator[Violation]:
        if not self.name:
            yield NAME_EMPTY.violation("/name")

    @invariant
    def _certificate(self) -> Iterator[Violation]:
        if (
            self.certificate is not None
            and self.province == _GUANGXI
            and self.certificate.number.province != _GUANGXI
        ):
            yield CERTIFICATE_PROVINCE_MISMATCH.violation(
                "/certificate/number",
                number=self.certificate.number,
                province=self.certificate.number.province,
            )

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:
        registered = self.uscc.province
        if self.city is not None and registered is not None and self.city.province != registered:
            yield CITY_MISMATCH.violation(
                "/city",
                city=self.city,
                city_province=self.city.province,
                uscc_province=registered,
            )
        if self.certificate is not None and ctx.as_of is not None:
            yield from _certificate_findings(self.certificate, ctx.as_of)

    @property
    def province(self) -> str | None:
        """
        The two-digit province the enterprise is in: its city's, else its USCC region's.

        ``None`` when it states no city and a central authority registered it.

        >>> Enterprise(name="某公司", uscc=USCC("91450100MA5KB1XW1C")).province
        '45'
        """
        if self.city is not None:
            return self.city.province
        return self.uscc.province

    @property
    def is_high_tech(self) -> bool:
        """
        Whether it holds a 高企 certificate (valid or not on any given day).
        """
        return self.certificate is not None

    def is_high_tech_on(self, day: pendulum.Date) -> bool:
        """
        Whether it holds a 高企 certificate valid on *day*.

        >>> Enterprise(name="某公司", uscc=USCC("91450100MA5KB1XW1C")).is_high_tech_on(
        ...     pendulum.Date(2021, 1, 1))
        False
        """
        return self.certificate is not None and self.certificate.valid_on(day)


def _certificate_findings(
    certificate: HighTechCertificate, as_of: pendulum.Date
) -> Iterator[Violation]:
    expires_on = certificate.expires_on
    if expires_on < as_of:
        yield CERTIFICATE_EXPIRED.violation(
            "/certificate", number=certificate.number, expires_on=expires_on, as_of=as_of
        )
        return
    days = expires_on.toordinal() - as_of.toordinal()
    if certificate.issued_on <= as_of and days <= EXPIRY_NOTICE_DAYS:
        yield CERTIFICATE_EXPIRING.violation(
            "/certificate",
            number=certificate.number,
            expires_on=expires_on,
            days=days,
            as_of=as_of,
        )
