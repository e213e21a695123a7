"""
Hypothesis strategies for identifiers: valid ones by construction, and bad text with its code.

The ``invalid_*`` strategies yield ``(text, code)`` pairs: ``Cls.parse(text)``
raises a `~gxai_policy.errors.ValidationError` whose only code is ``code``.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gxai_policy.errors import ValidationError
from gxai_policy.values.identifiers import (
    CENTRAL_REGION,
    GUANGXI,
    GUANGXI_CITIES,
    PROVINCE_CODES,
    USCC,
    USCC_ALPHABET,
    DocumentNumber,
    HighTechCertificateNumber,
    ProposalNumber,
    RegionCode,
    _mod31_check,
)

__all__ = [
    "document_numbers",
    "high_tech_certificate_numbers",
    "invalid_document_numbers",
    "invalid_high_tech_certificate_numbers",
    "invalid_proposal_numbers",
    "invalid_region_codes",
    "invalid_usccs",
    "proposal_numbers",
    "region_codes",
    "usccs",
]

_DIGITS = "0123456789"
_NON_PROVINCES = tuple(f"{n:02d}" for n in range(100) if f"{n:02d}" not in PROVINCE_CODES)
# The letters GB 32100 leaves out of the USCC alphabet, in both cases.
_NOT_USCC = "IOZSVioszv"

# Registration authority + organisation type pairs of GB 32100-2015 and the
# authorities added to it since: 1 机构编制, 2 外交, 3 司法行政, 4 文化,
# 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商, A 中央军委改革和编制办公室, N 农业, Y 其他.
_AUTHORITY_TYPES = (
    "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39",
    "41", "49", "51", "52", "53", "59", "61", "62", "69", "71", "72", "79",
    "81", "89", "91", "92", "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1",
)  # fmt: skip

_ISSUER_CODES = (
    "桂科政字", "桂科计字", "桂科高字", "桂科平字", "桂政办函", "桂政办发", "桂政发",
    "桂政函", "桂办发", "桂发改高技", "桂工信", "桂财教", "国发", "国办发", "国科发火",
)  # fmt: skip
_YEAR_BRACKETS = ("〔{}〕", "[{}]", "({})", "（{}）", "【{}】", "［{}］", "﹝{}﹞")


def _check_range(name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise InvalidArgument(f"{name}={value!r} is outside {low}..{high}")


def region_codes(*, guangxi_only: bool = False) -> st.SearchStrategy[RegionCode]:
    """
    Valid GB/T 2260 region codes: named ones often, any valid code otherwise.

    Args:
        guangxi_only: Only codes in Guangxi (province 45).

    >>> from hypothesis import find, settings
    >>> find(region_codes(guangxi_only=True), lambda r: r.name == "柳州市")
    <RegionCode 450200 柳州市>
    >>> find(region_codes(guangxi_only=True), lambda r: not r.is_guangxi,
    ...      settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda r: not r.is_guangxi
    """
    named = st.sampled_from((GUANGXI, *GUANGXI_CITIES))
    provinces = st.just("45") if guangxi_only else st.sampled_from(PROVINCE_CODES)
    anywhere = st.builds(
        lambda province, rest: RegionCode(province + rest),
        provinces,
        st.text(_DIGITS, min_size=4, max_size=4),
    )
    return st.one_of(named, anywhere)


def _uscc_regions(region: RegionCode | str | None) -> st.SearchStrategy[str]:
    if region is None:
        return st.one_of(region_codes().map(str), st.just(CENTRAL_REGION))
    if isinstance(region, str):
        try:
            region = RegionCode.parse(region)
        except ValidationError as e:
            raise InvalidArgument(f"region={region!r} is not a region code") from e
    return st.just(region.code)


def usccs(*, region: RegionCode | str | None = None) -> st.SearchStrategy[USCC]:
    """
    Valid unified social credit codes, including letter-led authorities (A, N, Y).

    Args:
        region: The registering authority's region (positions 3–8), as a
            `RegionCode` or its text; any region, or a central authority, when None.

    >>> from hypothesis import find
    >>> find(usccs(region="南宁"), lambda u: u.registration_authority == "N").region_code
    <RegionCode 450100 南宁市>
    >>> usccs(region="990000")
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: region='990000' is not a region code
    """
    authority_types = st.one_of(
        st.sampled_from(_AUTHORITY_TYPES), st.text(USCC_ALPHABET, min_size=2, max_size=2)
    )
    return st.builds(
        lambda head, place, body: USCC.with_check_digit(head + place + body),
        authority_types,
        _uscc_regions(region),
        st.text(USCC_ALPHABET, min_size=9, max_size=9),
    )


def high_tech_certificate_numbers(
    *, year: int | None = None, province: str | None = None
) -> st.SearchStrategy[HighTechCertificateNumber]:
    """
    Valid high-tech enterprise certificate numbers (``GR202145000123``).

    Args:
        year: The year of issue (2008–2100); any when None.

        province: The two-digit province code; any when None.

    >>> from hypothesis import find
    >>> find(high_tech_certificate_numbers(year=2021, province="45"), lambda c: True)
    <HighTechCertificateNumber GR202145000001>
    >>> high_tech_certificate_numbers(year=2007)
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: year=2007 is outside 2008..2100
    """
    _check_range("year", year, 2008, 2100)
    if province is not None and province not in PROVINCE_CODES:
        raise InvalidArgument(f"province={province!r} is not a GB/T 2260 province code")
    years = st.integers(2008, 2100) if year is None else st.just(year)
    provinces = st.sampled_from(PROVINCE_CODES) if province is None else st.just(province)
    return st.builds(
        lambda y, p, n: HighTechCertificateNumber(f"GR{y}{p}{n:06d}"),
        years,
        provinces,
        st.integers(1, 999_999),
    )


@st.composite
def _padded_numbers(draw: st.DrawFn) -> ProposalNumber:
    value = draw(st.integers(1, 10**12 - 1))
    width = draw(st.integers(len(str(value)), 12))
    return ProposalNumber(str(value).zfill(width))


def proposal_numbers(*, year: int | None = None) -> st.SearchStrategy[ProposalNumber]:
    """
    Valid proposal numbers: year-prefixed (``20210143``), zero-padded (``0312``) or plain.

    Args:
        year: Only year-prefixed numbers of this year (1990–2100).

    >>> from hypothesis import find
    >>> find(proposal_numbers(year=2021), lambda n: True)
    <ProposalNumber 20210001>
    >>> proposal_numbers(year=1989)
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: year=1989 is outside 1990..2100
    """
    _check_range("year", year, 1990, 2100)
    years = st.integers(1990, 2100) if year is None else st.just(year)
    prefixed = st.builds(lambda y, n: ProposalNumber(f"{y}{n:04d}"), years, st.integers(1, 9999))
    if year is not None:
        return prefixed
    padded = st.integers(1, 9999).map(lambda n: ProposalNumber(f"{n:04d}"))
    return st.one_of(prefixed, padded, _padded_numbers())


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


def document_numbers(*, year: int | None = None) -> st.SearchStrategy[DocumentNumber]:
    """
    Valid document numbers (发文字号), with real and made-up issuer codes.

    Args:
        year: Only numbers of this year (1949–2100); any when None.

    >>> from hypothesis import find
    >>> str(find(document_numbers(year=2021), lambda d: True))
    '桂科政字〔2021〕1号'
    >>> document_numbers(year=1900)
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: year=1900 is outside 1949..2100
    """
    _check_range("year", year, 1949, 2100)
    issuers = st.one_of(st.sampled_from(_ISSUER_CODES), st.text(_CJK, min_size=1, max_size=8))
    years = st.integers(1949, 2100) if year is None else st.just(year)
    serials = st.one_of(st.integers(1, 200), st.integers(1, 999_999))
    return st.builds(
        lambda issuer, y, serial: DocumentNumber(issuer_code=issuer, year=y, serial=serial),
        issuers,
        years,
        serials,
    )


# --------------------------------------------------------------------------- invalid input


def invalid_region_codes() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `RegionCode.parse` rejects with exactly that code.

    >>> from hypothesis import find
    >>> find(invalid_region_codes(), lambda p: p[1] == "region.unknown_province")
    ('000000', 'region.unknown_province')
    """
    wrong_length = (
        st.integers(0, 12)
        .filter(lambda n: n != 6)
        .flatmap(lambda n: st.text(_DIGITS, min_size=n, max_size=n))
    )
    with_letter = st.builds(
        lambda head, letter, tail: head + letter + tail,
        st.text(_DIGITS, min_size=1, max_size=5),
        st.sampled_from("ABCXYZ.,#"),
        st.text(_DIGITS, max_size=5),
    )
    bad_province = st.builds(
        lambda p, rest: p + rest,
        st.sampled_from(_NON_PROVINCES),
        st.text(_DIGITS, min_size=4, max_size=4),
    )
    unknown_name = st.sampled_from(("东京市", "纽约", "南宁县", "广西省", "abc"))
    return st.one_of(
        st.tuples(st.one_of(wrong_length, with_letter), st.just("region.invalid")),
        st.tuples(bad_province, st.just("region.unknown_province")),
        st.tuples(unknown_name, st.just("region.unknown_name")),
    )


@st.composite
def invalid_usccs(draw: st.DrawFn) -> tuple[str, str]:
    """
    ``(text, code)`` pairs that `USCC.parse` rejects with exactly that code.

    >>> from hypothesis import find
    >>> find(invalid_usccs(), lambda p: p[1] == "uscc.invalid_length")[1]
    'uscc.invalid_length'
    """
    good = draw(usccs()).value
    kind = draw(st.sampled_from(("length", "character", "region", "check")))
    if kind == "length":
        cut = draw(st.integers(0, 17))
        extra = draw(st.text(USCC_ALPHABET, min_size=1, max_size=3))
        text = draw(st.sampled_from((good[:cut], good + extra)))
        return text, "uscc.invalid_length"
    if kind == "character":
        # Outside the region part, so that only the character rule fires.
        where = draw(st.sampled_from((*range(2), *range(8, 18))))
        text = good[:where] + draw(st.sampled_from(_NOT_USCC)) + good[where + 1 :]
        return text, "uscc.invalid_character"
    if kind == "region":
        region = draw(
            st.one_of(
                st.builds(
                    lambda p, rest: p + rest,
                    st.sampled_from(_NON_PROVINCES),
                    st.text(_DIGITS, min_size=4, max_size=4),
                ).filter(lambda r: r != CENTRAL_REGION),
                st.builds(
                    lambda head, letter, tail: head + letter + tail,
                    st.text(_DIGITS, min_size=2, max_size=2),
                    st.sampled_from("ABHKMX"),
                    st.text(_DIGITS, min_size=3, max_size=3),
                ),
            )
        )
        first17 = good[:2] + region + good[8:17]
        return first17 + _mod31_check(first17), "uscc.invalid_region"
    wrong = draw(st.sampled_from(USCC_ALPHABET).filter(lambda ch: ch != good[17]))
    return good[:17] + wrong, "uscc.check_digit"


def invalid_high_tech_certificate_numbers() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `HighTechCertificateNumber.parse` rejects with exactly that code.

    >>> from hypothesis import find
    >>> find(invalid_high_tech_certificate_numbers(), lambda p: "year" in p[1])
    ('GR000011000001', 'certificate_number.year_out_of_range')
    """
    serials = st.integers(1, 999_999).map("{:06d}".format)
    good_years = st.integers(2008, 2100).map(str)
    provinces = st.sampled_from(PROVINCE_CODES)
    malformed = st.one_of(
        st.builds(
            lambda prefix, rest: prefix + rest,
            st.sampled_from(("", "G", "GX", "RG", "CR", "GR-")),
            st.text(_DIGITS, min_size=12, max_size=12),
        ),
        st.builds(
            lambda digits: "GR" + digits,
            st.text(_DIGITS, max_size=16).filter(lambda d: len(d) != 12),
        ),
        st.builds(lambda y, p: f"GR{y}{p}000000", good_years, provinces),
    )
    unknown_province = st.builds(
        lambda y, p, n: f"GR{y}{p}{n}", good_years, st.sampled_from(_NON_PROVINCES), serials
    )
    bad_years = st.one_of(st.integers(0, 2007), st.integers(2101, 9999)).map("{:04d}".format)
    year_out_of_range = st.builds(lambda y, p, n: f"GR{y}{p}{n}", bad_years, provinces, serials)
    return st.one_of(
        st.tuples(malformed, st.just("certificate_number.invalid")),
        st.tuples(unknown_province, st.just("certificate_number.unknown_province")),
        st.tuples(year_out_of_range, st.just("certificate_number.year_out_of_range")),
    )


def invalid_proposal_numbers() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `ProposalNumber.parse` rejects with exactly that code.

    >>> from hypothesis import find
    >>> find(invalid_proposal_numbers(), lambda p: True)
    ('', 'proposal_number.invalid')
    """
    with_letter = st.builds(
        lambda head, letter, tail: head + letter + tail,
        st.text(_DIGITS, max_size=6),
        st.sampled_from("ABCxyz-./年"),
        st.text(_DIGITS, max_size=6),
    )
    zeros = st.integers(1, 12).map(lambda n: "0" * n)
    too_long = st.integers(13, 20).flatmap(lambda n: st.text(_DIGITS, min_size=n, max_size=n))
    texts = st.one_of(st.just(""), with_letter, zeros, too_long)
    wrapped = st.builds(
        lambda text, prefix, suffix: prefix + text + suffix,
        texts,
        st.sampled_from(("", "第")),
        st.sampled_from(("", "号")),
    )
    return st.tuples(wrapped, st.just("proposal_number.invalid"))


def invalid_document_numbers() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `DocumentNumber.parse` rejects with exactly that code.

    >>> from hypothesis import find
    >>> find(invalid_document_numbers(), lambda p: "year" in p[1])[1]
    'document_number.year_out_of_range'
    """
    issuers = st.sampled_from(_ISSUER_CODES)
    styles = st.sampled_from(_YEAR_BRACKETS)
    serials = st.integers(1, 999_999)

    def number(issuer: str, style: str, year: str, serial: int | str) -> str:
        return f"{issuer}{style.format(year)}{serial}号"

    good_years = st.integers(1949, 2100).map(str)
    malformed = st.one_of(
        # No bracket around the year.
        st.builds(lambda i, y, n: f"{i}{y}年{n}号", issuers, good_years, serials),
        # A year of other than four digits.
        st.builds(
            number, issuers, styles, st.integers(0, 999).map(str) | st.just("20210"), serials
        ),
        # Serial zero, or none at all.
        st.builds(number, issuers, styles, good_years, st.sampled_from(("0", "000", ""))),
        # No issuer code.
        st.builds(lambda s, y, n: number("", s, y, n), styles, good_years, serials),
    )
    bad_years = st.one_of(st.integers(1000, 1948), st.integers(2101, 9999)).map(str)
    year_out_of_range = st.builds(number, issuers, styles, bad_years, serials)
    return st.one_of(
        st.tuples(malformed, st.just("document_number.invalid")),
        st.tuples(year_out_of_range, st.just("document_number.year_out_of_range")),
    )
