"""
Tests for gxai_policy.values.identifiers.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from gxai_policy.errors import ValidationError
from gxai_policy.rules import RULES, Rule
from gxai_policy.strategies._identifiers import (
    document_numbers,
    high_tech_certificate_numbers,
    invalid_document_numbers,
    invalid_high_tech_certificate_numbers,
    invalid_proposal_numbers,
    invalid_region_codes,
    invalid_usccs,
    proposal_numbers,
    region_codes,
    usccs,
)
from gxai_policy.values import identifiers
from gxai_policy.values.identifiers import (
    GUANGXI,
    GUANGXI_CITIES,
    USCC,
    USCC_ALPHABET,
    DocumentNumber,
    HighTechCertificateNumber,
    ProposalNumber,
    RegionCode,
    _mod31_check,
)

CLASSES = (RegionCode, USCC, HighTechCertificateNumber, ProposalNumber, DocumentNumber)
OUR_RULES = [rule for rule in RULES.values() if rule.applies_to in {c.__name__ for c in CLASSES}]
DIGITS = "0123456789"


def codes_of(parse: Callable[[Any], object], text: object) -> tuple[str, ...]:
    """
    The codes of the ValidationError that *parse* raises on *text*.
    """
    with pytest.raises(ValidationError) as info:
        parse(text)
    return info.value.codes


class TestRules:
    def test_every_rule_is_registered(self) -> None:
        """
        The module registers the thirteen identifier rules, under their documented codes.
        """
        expected = {
            "region.invalid",
            "region.unknown_province",
            "region.unknown_name",
            "uscc.invalid_length",
            "uscc.invalid_character",
            "uscc.check_digit",
            "uscc.invalid_region",
            "certificate_number.invalid",
            "certificate_number.unknown_province",
            "certificate_number.year_out_of_range",
            "proposal_number.invalid",
            "document_number.invalid",
            "document_number.year_out_of_range",
        }

        assert expected == {rule.code for rule in OUR_RULES}

    @pytest.mark.parametrize("rule", OUR_RULES, ids=lambda r: r.code)
    def test_messages_are_filled_in_both_languages(self, rule: Rule) -> None:
        """
        A violation raised from a rule's example has English and Chinese messages without gaps.
        """
        cls = getattr(identifiers, rule.applies_to)
        with pytest.raises(ValidationError) as info:
            cls.parse(rule.example)
        violation = info.value.violations[0]

        assert "{" not in violation.message
        assert "{" not in violation.message_zh
        assert "" == violation.path


class TestAllIdentifiers:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(text=st.text())
    def test_parse_raises_only_validation_error(self, cls: Any, text: str) -> None:
        """
        Parsing any text either gives a value that round-trips or raises ValidationError.
        """
        try:
            value = cls.parse(text)
        except ValidationError:
            return
        assert value == cls.parse(str(value))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @pytest.mark.parametrize("junk", [None, 450100, b"450100", 1.5, ["450100"]])
    def test_parse_refuses_non_text(self, cls: Any, junk: object) -> None:
        """
        Parsing something that is not a string raises ValidationError, not TypeError.
        """
        assert codes_of(cls.parse, junk)

    @pytest.mark.parametrize(
        "value",
        [
            RegionCode("450100"),
            USCC("91450100MA5KB1XW1C"),
            HighTechCertificateNumber("GR202145000123"),
            ProposalNumber("0312"),
            DocumentNumber(issuer_code="桂科政字", year=2021, serial=52),
        ],
        ids=repr,
    )
    def test_values_pickle(self, value: Any) -> None:
        """
        Every identifier survives pickling unchanged.
        """
        assert value == pickle.loads(pickle.dumps(value))

    @pytest.mark.parametrize(
        "value",
        [
            RegionCode("450100"),
            USCC("91450100MA5KB1XW1C"),
            HighTechCertificateNumber("GR202145000123"),
            ProposalNumber("0312"),
            DocumentNumber(issuer_code="桂科政字", year=2021, serial=52),
        ],
        ids=repr,
    )
    def test_values_are_immutable_and_hashable(self, value: Any) -> None:
        """
        Identifiers refuse assignment to their fields and can be set members.
        """
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, attrs.fields(type(value))[0].name, "x")

        assert 1 == len({value, type(value).parse(str(value))})


class TestRegionCode:
    def test_guangxi_and_its_cities(self) -> None:
        """
        GUANGXI is 450000 and GUANGXI_CITIES are the 14 cities 450100 … 451400 in order.
        """
        names = ("南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州",
                 "贵港", "玉林", "百色", "贺州", "河池", "来宾", "崇左")  # fmt: skip

        assert "广西壮族自治区" == GUANGXI.name
        assert [f"45{n:02d}00" for n in range(1, 15)] == [c.code for c in GUANGXI_CITIES]
        assert [f"{n}市" for n in names] == [c.name for c in GUANGXI_CITIES]

    @pytest.mark.parametrize("name", ["南宁", "南宁市", " 南宁市 ", "南寧市"])
    def test_from_name_with_or_without_suffix(self, name: str) -> None:
        """
        A city is found by its name with or without 市, and in traditional characters.
        """
        assert RegionCode("450100") == RegionCode.from_name(name)

    @pytest.mark.parametrize("name", ["广西", "广西壮族自治区", "廣西壯族自治區"])
    def test_from_name_of_guangxi(self, name: str) -> None:
        """
        Guangxi is found by its full and short names.
        """
        assert GUANGXI == RegionCode.from_name(name)

    def test_from_name_knows_every_city(self) -> None:
        """
        Every city's own name leads back to it.
        """
        assert list(GUANGXI_CITIES) == [RegionCode.from_name(str(c.name)) for c in GUANGXI_CITIES]

    def test_from_name_refuses_unknown_name(self) -> None:
        """
        A name the library does not know is region.unknown_name.
        """
        assert ("region.unknown_name",) == codes_of(RegionCode.from_name, "南宁县")

    @pytest.mark.parametrize(
        ("text", "code"),
        [("450100", "450100"), ("４５０１００", "450100"), (" 45 01 00 ", "450100"),
         ("451400\n", "451400"), ("柳州", "450200"), ("440300", "440300")],
    )  # fmt: skip
    def test_parse(self, text: str, code: str) -> None:
        """
        parse reads codes with full-width digits and blanks, and known names.
        """
        assert RegionCode(code) == RegionCode.parse(text)

    def test_properties_of_a_county(self) -> None:
        """
        A county-level code knows its province and city but has no name of its own.
        """
        county = RegionCode("450103")

        assert "45" == county.province
        assert county.is_guangxi
        assert county.name is None
        assert RegionCode("450100") == county.city

    def test_outside_guangxi(self) -> None:
        """
        A code of another province is valid, named at province level and not Guangxi.
        """
        assert not RegionCode("440300").is_guangxi
        assert "广东省" == RegionCode("440000").name
        assert RegionCode("440300") == RegionCode("440300").city

    def test_repr_shows_name(self) -> None:
        """
        repr shows the code and, when known, the name.
        """
        assert "<RegionCode 450100 南宁市>" == repr(RegionCode("450100"))
        assert "<RegionCode 450103>" == repr(RegionCode("450103"))

    @pytest.mark.parametrize("junk", [450100, None, "45010", "4501000", "45010a", "", "٤٥٠١٠٠"])
    def test_construct_refuses_non_codes(self, junk: object) -> None:
        """
        The constructor refuses anything but six ASCII digits with region.invalid.
        """
        assert ("region.invalid",) == codes_of(RegionCode, junk)

    @given(region_codes())
    def test_round_trip(self, region: RegionCode) -> None:
        """
        Any region code parses back from its string form.
        """
        assert region == RegionCode.parse(str(region))

    @given(region_codes(guangxi_only=True))
    def test_guangxi_only(self, region: RegionCode) -> None:
        """
        region_codes(guangxi_only=True) yields Guangxi codes only.
        """
        assert region.is_guangxi

    @given(invalid_region_codes())
    def test_invalid_input_rejected_with_its_code(self, case: tuple[str, str]) -> None:
        """
        Each kind of bad region text is rejected with its own code alone.
        """
        text, code = case

        assert (code,) == codes_of(RegionCode.parse, text)


class TestUSCC:
    # Real codes: a Nanning enterprise, 清华大学 and 北京大学 (central registrations).
    REAL = ("91450100MA5KB1XW1C", "12100000400000624D", "12100000400002259P")

    @pytest.mark.parametrize("text", REAL)
    def test_real_codes(self, text: str) -> None:
        """
        Real codes are valid for both this library and python-stdnum.
        """
        assert text == str(USCC.parse(text))
        assert stdnum_uscc.is_valid(text)

    def test_parts(self) -> None:
        """
        The properties split a code into its five GB 32100 parts.
        """
        code = USCC("91450100MA5KB1XW1C")

        assert "9" == code.registration_authority
        assert "1" == code.organisation_type
        assert RegionCode("450100") == code.region_code
        assert "MA5KB1XW1" == code.organisation_code
        assert "C" == code.check_character
        assert not code.is_central

    def test_central_registration_has_no_region(self) -> None:
        """
        A central authority's code (positions 3–8 = 100000) is valid and has no region.
        """
        code = USCC("12100000400000624D")

        assert code.is_central
        assert code.region_code is None

    def test_letter_led_code_that_stdnum_refuses(self) -> None:
        """
        A letter-led code (N, 农业) is valid here though python-stdnum refuses it.
        """
        text = "N2450000MJ00000006"

        assert not stdnum_uscc.is_valid(text)
        assert "N" == USCC.parse(text).registration_authority

    def test_letter_led_code_with_wrong_check(self) -> None:
        """
        A letter-led code is still held to its check character.
        """
        assert ("uscc.check_digit",) == codes_of(USCC.parse, "N2450000MJ00000007")

    @pytest.mark.parametrize(
        "text",
        ["91450100ma5kb1xw1c", "９１４５０１００ＭＡ５ＫＢ１ＸＷ１Ｃ", "9145 0100 MA5K B1XW 1C",
         "91450100-MA5KB1XW1-C", "\u200b91450100MA5KB1XW1C"],
    )  # fmt: skip
    def test_parse_is_tolerant(self, text: str) -> None:
        """
        parse ignores case, full width, spaces, hyphens and zero-width characters.
        """
        assert USCC("91450100MA5KB1XW1C") == USCC.parse(text)

    def test_constructor_upper_cases(self) -> None:
        """
        The constructor stores the code upper-cased.
        """
        assert "91450100MA5KB1XW1C" == USCC("91450100ma5kb1xw1c").value

    def test_all_violations_at_once(self) -> None:
        """
        A code with a bad character and a bad region reports both.
        """
        assert ("uscc.invalid_character", "uscc.invalid_region") == codes_of(
            USCC.parse, "91I90000MA5KB1XW1C"
        )

    def test_with_check_digit(self) -> None:
        """
        with_check_digit appends the check character.
        """
        assert USCC("91450100MA5KB1XW1C") == USCC.with_check_digit("91450100MA5KB1XW1")

    @pytest.mark.parametrize(
        ("first17", "code"),
        [("9145", "uscc.invalid_length"), ("91450100MA5KB1XWI", "uscc.invalid_character"),
         ("91990000MA5KB1XW1", "uscc.invalid_region"), (None, "uscc.invalid_length")],
    )  # fmt: skip
    def test_with_check_digit_refuses_bad_input(self, first17: Any, code: str) -> None:
        """
        with_check_digit reports what is wrong with its input.
        """
        assert (code,) == codes_of(USCC.with_check_digit, first17)

    @given(
        st.text(DIGITS, min_size=2, max_size=2), st.text(USCC_ALPHABET, min_size=15, max_size=15)
    )
    def test_our_check_agrees_with_stdnum(self, head: str, rest: str) -> None:
        """
        Our mod-31 check character equals python-stdnum's on digit-led codes.
        """
        first17 = head + rest

        assert stdnum_uscc.calc_check_digit(first17) == _mod31_check(first17)

    @given(usccs())
    def test_stdnum_accepts_our_digit_led_codes(self, code: USCC) -> None:
        """
        Every digit-led code we generate is valid for python-stdnum too.
        """
        if code.value[:2].isdigit():
            assert stdnum_uscc.is_valid(code.value)
        else:
            assert code.value[17] == stdnum_uscc.calc_check_digit(code.value[:17])

    @given(usccs())
    def test_round_trip(self, code: USCC) -> None:
        """
        Any USCC parses back from its string form.
        """
        assert code == USCC.parse(str(code))

    @given(usccs(region=RegionCode("450300")))
    def test_region_argument(self, code: USCC) -> None:
        """
        usccs(region=...) fixes positions 3–8.
        """
        assert RegionCode("450300") == code.region_code

    @given(invalid_usccs())
    def test_invalid_input_rejected_with_its_code(self, case: tuple[str, str]) -> None:
        """
        Each kind of bad USCC is rejected with its own code alone.
        """
        text, code = case

        assert (code,) == codes_of(USCC.parse, text)


class TestHighTechCertificateNumber:
    def test_parts(self) -> None:
        """
        A certificate number splits into year, province and serial.
        """
        number = HighTechCertificateNumber.parse("GR202145000123")

        assert (2021, "45", 123) == (number.year, number.province, number.serial)

    @pytest.mark.parametrize(
        "text", ["gr202145000123", "ＧＲ２０２１４５０００１２３", "GR 2021 45 000123"]
    )
    def test_parse_is_tolerant(self, text: str) -> None:
        """
        parse ignores case, full width and spaces.
        """
        assert HighTechCertificateNumber("GR202145000123") == HighTechCertificateNumber.parse(text)

    @pytest.mark.parametrize(
        ("year", "ok"), [(2007, False), (2008, True), (2100, True), (2101, False)]
    )
    def test_year_bounds(self, year: int | None, ok: bool) -> None:
        """
        Years 2008 to 2100 are accepted, and no others.
        """
        text = f"GR{year}45000123"

        if ok:
            assert year == HighTechCertificateNumber.parse(text).year
        else:
            assert ("certificate_number.year_out_of_range",) == codes_of(
                HighTechCertificateNumber.parse, text
            )

    def test_all_violations_at_once(self) -> None:
        """
        A bad year and a bad province are reported together.
        """
        assert (
            "certificate_number.unknown_province",
            "certificate_number.year_out_of_range",
        ) == codes_of(HighTechCertificateNumber.parse, "GR199999000123")

    @given(high_tech_certificate_numbers())
    def test_round_trip(self, number: HighTechCertificateNumber) -> None:
        """
        Any certificate number parses back from its string form.
        """
        assert number == HighTechCertificateNumber.parse(str(number))

    @given(high_tech_certificate_numbers(year=2021, province="45"))
    def test_arguments(self, number: HighTechCertificateNumber) -> None:
        """
        The strategy's year and province arguments fix those parts.
        """
        assert (2021, "45") == (number.year, number.province)

    @given(invalid_high_tech_certificate_numbers())
    def test_invalid_input_rejected_with_its_code(self, case: tuple[str, str]) -> None:
        """
        Each kind of bad certificate number is rejected with its own code alone.
        """
        text, code = case

        assert (code,) == codes_of(HighTechCertificateNumber.parse, text)


class TestProposalNumber:
    @pytest.mark.parametrize(
        "text", ["第20210143号", "20210143", "２０２１０１４３", " 第 20210143 號 "]
    )
    def test_parse_founding_number(self, text: str) -> None:
        """
        The founding letter's number reads in all its written forms.
        """
        assert ProposalNumber("20210143") == ProposalNumber.parse(text)

    @pytest.mark.parametrize("text", ["第0312号", "0312", "０３１２"])
    def test_leading_zeros_are_kept(self, text: str) -> None:
        """
        A number keeps its leading zeros.
        """
        assert "0312" == str(ProposalNumber.parse(text))

    @pytest.mark.parametrize(
        ("text", "year", "serial"),
        [("20210143", 2021, 143), ("19900001", 1990, 1), ("21000010", 2100, 10),
         ("13020057", None, 57), ("19891234", None, 19891234), ("0312", None, 312),
         ("202101430", None, 202101430)],
    )  # fmt: skip
    def test_year_split(self, text: str, year: int | None, serial: int) -> None:
        """
        Only 8-digit numbers starting with a year 1990–2100 split into year and serial.
        """
        number = ProposalNumber(text)

        assert (year, serial) == (number.year, number.serial)

    @pytest.mark.parametrize(
        ("text", "term", "meeting", "serial"),
        [("13020057", 13, 2, 57), ("01010001", 1, 1, 1), ("20070100", None, None, 100),
         ("20210143", None, None, 143), ("13080057", None, None, 13080057),
         ("21010057", None, None, 21010057), ("0312", None, None, 312)],
    )  # fmt: skip
    def test_term_meeting_split(
        self, text: str, term: int | None, meeting: int | None, serial: int
    ) -> None:
        """
        An 8-digit number that is no year-prefixed one packs term, meeting and serial if they fit.
        """
        number = ProposalNumber(text)

        assert (term, meeting, serial) == (number.term, number.meeting, number.serial)

    def test_label_zh(self) -> None:
        """
        label_zh writes the number as letters do.
        """
        assert "第20210143号" == ProposalNumber("20210143").label_zh

    @given(proposal_numbers())
    def test_round_trip(self, number: ProposalNumber) -> None:
        """
        Any proposal number parses back from its string form.
        """
        assert number == ProposalNumber.parse(str(number))

    @given(proposal_numbers(year=2021))
    def test_year_argument(self, number: ProposalNumber) -> None:
        """
        proposal_numbers(year=...) yields year-prefixed numbers of that year.
        """
        assert 2021 == number.year

    @given(invalid_proposal_numbers())
    def test_invalid_input_rejected_with_its_code(self, case: tuple[str, str]) -> None:
        """
        Bad proposal numbers are rejected with proposal_number.invalid alone.
        """
        text, code = case

        assert (code,) == codes_of(ProposalNumber.parse, text)


class TestDocumentNumber:
    @pytest.mark.parametrize(
        "text",
        ["桂科政字〔2021〕52号", "桂科政字[2021]52号", "桂科政字(2021)52号",
         "桂科政字（2021）52号", "桂科政字【2021】52号", "桂科政字［2021］52号",
         "桂科政字﹝2021﹞52号", "桂科政字〔2021〕052号", "桂科政字 〔２０２１〕 ５２ 号",
         "桂科政字〔2021〕第52号", "桂科政字〔2021〕52"],
    )  # fmt: skip
    def test_parse_normalises(self, text: str) -> None:
        """
        Every bracket style, leading zeros, blanks and a missing 号 read as one number.
        """
        number = DocumentNumber.parse(text)

        assert ("桂科政字", 2021, 52) == (number.issuer_code, number.year, number.serial)
        assert "桂科政字〔2021〕52号" == str(number)

    def test_issuer_code_with_ascii_letters_is_folded(self) -> None:
        """
        A full-width letter in an issuer code is stored folded, so the value round-trips.
        """
        number = DocumentNumber(issuer_code="ＡＢ函", year=2021, serial=1)

        assert "AB函〔2021〕1号" == str(number)

    @pytest.mark.parametrize(
        ("fields", "codes"),
        [({"issuer_code": "", "year": 2021, "serial": 1}, ("document_number.invalid",)),
         ({"issuer_code": "桂 科", "year": 2021, "serial": 1}, ("document_number.invalid",)),
         ({"issuer_code": "桂〔科", "year": 2021, "serial": 1}, ("document_number.invalid",)),
         ({"issuer_code": "桂科", "year": "2021", "serial": 1}, ("document_number.invalid",)),
         ({"issuer_code": "桂科", "year": True, "serial": 1}, ("document_number.invalid",)),
         ({"issuer_code": "桂科", "year": 2021, "serial": 1_000_000},
          ("document_number.invalid",)),
         ({"issuer_code": None, "year": 1900, "serial": 0},
          ("document_number.invalid", "document_number.year_out_of_range",
           "document_number.invalid"))],
    )  # fmt: skip
    def test_construct_collects_violations(
        self, fields: dict[str, Any], codes: tuple[str, ...]
    ) -> None:
        """
        The constructor reports every broken field, each with its code.
        """
        assert codes == codes_of(lambda f: DocumentNumber(**f), fields)

    @given(document_numbers())
    def test_round_trip(self, number: DocumentNumber) -> None:
        """
        Any document number parses back from its string form.
        """
        assert number == DocumentNumber.parse(str(number))

    @given(invalid_document_numbers())
    def test_invalid_input_rejected_with_its_code(self, case: tuple[str, str]) -> None:
        """
        Each kind of bad document number is rejected with its own code alone.
        """
        text, code = case

        assert (code,) == codes_of(DocumentNumber.parse, text)


def _near(valid: st.SearchStrategy[str], alphabet: str) -> st.SearchStrategy[str]:
    """
    Valid texts, and each with one character replaced, dropped or added.
    """

    @st.composite
    def edited(draw: st.DrawFn) -> str:
        text = draw(valid)
        i = draw(st.integers(0, len(text)))
        ch = draw(st.sampled_from(alphabet))
        kind = draw(st.sampled_from(("keep", "replace", "drop", "add")))
        if kind == "replace" and i < len(text):
            return text[:i] + ch + text[i + 1 :]
        if kind == "drop":
            return text[:i] + text[i + 1 :]
        if kind == "add":
            return text[:i] + ch + text[i:]
        return text

    return edited()


def _refused(cls: Callable[[Any], object], text: str) -> bool:
    try:
        cls(text)
    except ValidationError:
        return True
    return False


class TestQuickTests:
    """
    The one-expression tests that let valid identifiers through agree with the rules.
    """

    @given(_near(usccs().map(str), identifiers.USCC_ALPHABET + "0123456789IOZSV-a中"))
    def test_uscc(self, text: str) -> None:
        """
        A USCC is accepted exactly when no USCC rule finds a violation.
        """
        broken = bool(tuple(identifiers._uscc_violations(text)))

        assert broken == _refused(USCC, text)

    def test_uscc_central_and_unknown_regions(self) -> None:
        """
        Positions 3–8 of 100000 pass, an unknown province does not.
        """
        assert "12100000400000624D" == USCC("12100000400000624D").value
        assert ("uscc.invalid_region",) == codes_of(USCC.with_check_digit, "91990000MA5KB1XW1")

    @given(_near(st.sampled_from(["450100", "110000", "100000", "990000"]), "0123456789a٣"))
    def test_region(self, text: str) -> None:
        """
        A region code is accepted exactly when no region rule applies.
        """
        assert (identifiers._region_rule(text) is not None) == _refused(RegionCode, text)

    @given(
        st.integers(1990, 2120),
        st.sampled_from(["45", "11", "99", "00", "4a"]),
        st.sampled_from(["000123", "000000", "999999", "12345", "١٢٣٤٥٦"]),
    )
    def test_certificate_number(self, year: int, province: str, serial: str) -> None:
        """
        A certificate number is accepted exactly when no certificate rule finds a violation.
        """
        text = f"GR{year}{province}{serial}"
        broken = bool(tuple(identifiers._certificate_violations(text)))

        assert broken == _refused(HighTechCertificateNumber, text)
