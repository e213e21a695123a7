"""
Identifiers: region codes, USCCs, 高企 certificate numbers, proposal numbers, 发文字号.

Each is an immutable value object.  ``parse`` reads text the way people write
it (full-width digits and brackets, stray spaces); ``str`` gives the
normalised form, and ``Cls.parse(str(x)) == x``.  Bad input raises one
`~gxai_policy.errors.ValidationError` whose violations carry stable codes
(``region.invalid``, ``uscc.check_digit`` …) at path ``""``: on the wire each
identifier is a single string.

>>> RegionCode.parse("４５０１００").name
'南宁市'
>>> str(DocumentNumber.parse("桂科政字[2021]052号"))
'桂科政字〔2021〕52号'
>>> USCC.parse("91450100MA5KB1XW1D")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error uscc.check_digit at /: ...
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Self, TypeGuard

from attrs import field, frozen

from gxai_policy.errors import ValidationError, Violation
from gxai_policy.rules import Rule, Trigger, define
from gxai_policy.values._blanks import GAP
from gxai_policy.values.numerals import fold_width
from gxai_policy.values.session import MAX_MEETING, MAX_TERM

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "CENTRAL_REGION",
    "GUANGXI",
    "GUANGXI_CITIES",
    "PROVINCE_CODES",
    "USCC",
    "USCC_ALPHABET",
    "DocumentNumber",
    "HighTechCertificateNumber",
    "ProposalNumber",
    "RegionCode",
]

# --------------------------------------------------------------------------- helpers

# Blanks, zero-width characters and soft hyphens arrive with text copied from
# web pages; they are never data (values/_blanks.py).
_BLANKS = GAP


def _squash(text: object) -> str | None:
    """
    Fold full-width ASCII and drop every blank; None for a non-string.
    """
    if not isinstance(text, str):
        return None
    return _BLANKS.sub("", fold_width(text))


def _is_digits(value: object, length: int | None = None) -> TypeGuard[str]:
    """
    Whether *value* is a non-empty string of ASCII digits (of *length*, if given).

    ``str.isdigit`` alone also accepts ``²`` and other digits `int` refuses.
    """
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isdigit()
        and (length is None or len(value) == length)
    )


def _fullmatch(pattern: re.Pattern[str], value: object) -> re.Match[str] | None:
    return pattern.fullmatch(value) if isinstance(value, str) else None


def _upper(value: str) -> str:
    # Identifiers with letters have no lower case: folding is lossless.  A
    # non-string passes through to validation, which reports it.
    return value.upper() if type(value) is str else value


def _fold(value: str) -> str:
    # Full-width ASCII is a typing accident, never part of an issuer code.
    return fold_width(value) if type(value) is str else value


def _raise_if_any(violations: Iterable[Violation]) -> None:
    # Kept here rather than imported from gxai_policy.records: values must not
    # import records (DESIGN §3), or the two packages import each other.
    found = tuple(violations)
    if found:
        raise ValidationError(found)


# --------------------------------------------------------------------------- regions

#: The GB/T 2260 province-level codes: the first two digits of every region code.
PROVINCE_CODES: tuple[str, ...] = (
    "11", "12", "13", "14", "15", "21", "22", "23",
    "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54",
    "61", "62", "63", "64", "65", "71", "81", "82",
)  # fmt: skip
_PROVINCES = frozenset(PROVINCE_CODES)
_SIX_DIGITS = re.compile("[0-9]{6}")

#: Positions 3–8 of a USCC issued by a central (national-level) authority:
#: not a GB/T 2260 code, but what 中央 bodies such as universities under the
#: Ministry of Education carry (清华大学 ``12100000400000624D``).
CENTRAL_REGION = "100000"

# (code, name, short names): every province-level division, then Guangxi's cities.
_REGIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("110000", "北京市", ("北京",)),
    ("120000", "天津市", ("天津",)),
    ("130000", "河北省", ("河北",)),
    ("140000", "山西省", ("山西",)),
    ("150000", "内蒙古自治区", ("内蒙古",)),
    ("210000", "辽宁省", ("辽宁",)),
    ("220000", "吉林省", ("吉林",)),
    ("230000", "黑龙江省", ("黑龙江",)),
    ("310000", "上海市", ("上海",)),
    ("320000", "江苏省", ("江苏",)),
    ("330000", "浙江省", ("浙江",)),
    ("340000", "安徽省", ("安徽",)),
    ("350000", "福建省", ("福建",)),
    ("360000", "江西省", ("江西",)),
    ("370000", "山东省", ("山东",)),
    ("410000", "河南省", ("河南",)),
    ("420000", "湖北省", ("湖北",)),
    ("430000", "湖南省", ("湖南",)),
    ("440000", "广东省", ("广东",)),
    ("450000", "广西壮族自治区", ("广西", "廣西壯族自治區", "廣西")),
    ("460000", "海南省", ("海南",)),
    ("500000", "重庆市", ("重庆",)),
    ("510000", "四川省", ("四川",)),
    ("520000", "贵州省", ("贵州",)),
    ("530000", "云南省", ("云南",)),
    ("540000", "西藏自治区", ("西藏",)),
    ("610000", "陕西省", ("陕西",)),
    ("620000", "甘肃省", ("甘肃",)),
    ("630000", "青海省", ("青海",)),
    ("640000", "宁夏回族自治区", ("宁夏",)),
    ("650000", "新疆维吾尔自治区", ("新疆",)),
    ("710000", "台湾省", ("台湾",)),
    ("810000", "香港特别行政区", ("香港",)),
    ("820000", "澳门特别行政区", ("澳门",)),
    # Mirrors of the letters convert to traditional characters (DESIGN §2.1).
    ("450100", "南宁市", ("南宁", "南寧市", "南寧")),
    ("450200", "柳州市", ("柳州",)),
    ("450300", "桂林市", ("桂林",)),
    ("450400", "梧州市", ("梧州",)),
    ("450500", "北海市", ("北海",)),
    ("450600", "防城港市", ("防城港",)),
    ("450700", "钦州市", ("钦州", "欽州市", "欽州")),
    ("450800", "贵港市", ("贵港", "貴港市", "貴港")),
    ("450900", "玉林市", ("玉林",)),
    ("451000", "百色市", ("百色",)),
    ("451100", "贺州市", ("贺州", "賀州市", "賀州")),
    ("451200", "河池市", ("河池",)),
    ("451300", "来宾市", ("来宾", "來賓市", "來賓")),
    ("451400", "崇左市", ("崇左",)),
)
_NAMES = {code: name for code, name, _ in _REGIONS}
_BY_NAME = {alias: code for code, name, short in _REGIONS for alias in (name, *short)}

_GB2260 = "GB/T 2260 中华人民共和国行政区划代码"

REGION_INVALID = define(
    "region.invalid",
    applies_to="RegionCode",
    summary="A region code is six ASCII digits.",
    summary_zh="行政区划代码由6位数字组成。",
    source=_GB2260,
    example="45010",
    trigger=Trigger.PARSE,
    message="{text!r} is not a region code: six digits expected",
    message_zh="“{text}”不是行政区划代码：应为6位数字",
)
REGION_UNKNOWN_PROVINCE = define(
    "region.unknown_province",
    applies_to="RegionCode",
    summary="The first two digits of a region code name a GB/T 2260 province-level division.",
    summary_zh="行政区划代码的前两位应为GB/T 2260中的省级代码。",
    source=_GB2260,
    example="990000",
    trigger=Trigger.PARSE,
    message="{code}: {province} is not a GB/T 2260 province-level code",
    message_zh="{code}：{province}不是GB/T 2260中的省级代码",
)
REGION_UNKNOWN_NAME = define(
    "region.unknown_name",
    applies_to="RegionCode",
    summary="A region given by name is a province-level division or one of Guangxi's 14 cities.",
    summary_zh="以名称给出的行政区划应为省级行政区或广西14个设区市之一。",
    source=_GB2260,
    example="东京市",
    trigger=Trigger.PARSE,
    message="{text!r} is not a known region name (province-level divisions, Guangxi's cities)",
    message_zh="“{text}”不是已知的行政区划名称（省级行政区、广西设区市）",
)


def _region_rule(code: object) -> Rule | None:
    """
    The rule *code* breaks as a GB/T 2260 region code, if any.
    """
    if not _is_digits(code, 6):
        return REGION_INVALID
    if code[:2] not in _PROVINCES:
        return REGION_UNKNOWN_PROVINCE
    return None


@frozen(repr=False)
class RegionCode:
    """
    A GB/T 2260 administrative division code (行政区划代码), such as 450100 南宁市.

    Valid codes are six digits whose first two are a province-level code.
    Names are known for every province-level division and Guangxi's 14
    cities (设区市); other valid codes have no `name`.

    Attributes:
        code: Six ASCII digits.

    >>> RegionCode("450100").name
    '南宁市'
    >>> RegionCode("450100").city == RegionCode("450102").city
    True
    >>> RegionCode("990000")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error region.unknown_province at /: 990000: 99 is ...
    """

    code: str

    def __attrs_post_init__(self) -> None:
        # Valid codes, loaded by the thousand, pass one test; the rules say why others fail.
        code = self.code
        if type(code) is str and _SIX_DIGITS.fullmatch(code) and code[:2] in _PROVINCES:
            return
        rule = _region_rule(self.code)
        if rule is REGION_INVALID:
            raise rule.error("", text=self.code)
        if rule is not None:
            raise rule.error("", code=self.code, province=self.code[:2])

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a region code, or the name of a region `from_name` knows.

        Full-width digits and blanks are tolerated.  Text with no digit at
        all is read as a name.

        Raises:
            ValidationError: ``region.invalid``, ``region.unknown_province``
                or ``region.unknown_name``.

        >>> RegionCode.parse(" 45 0300 ")
        <RegionCode 450300 桂林市>
        >>> RegionCode.parse("北海")
        <RegionCode 450500 北海市>
        >>> RegionCode.parse("4503")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error region.invalid at /: '4503' is not ...
        """
        cleaned = _squash(text)
        if cleaned is None:
            raise REGION_INVALID.error("", text=text)
        if cleaned and not any("0" <= ch <= "9" for ch in cleaned):
            return cls.from_name(cleaned)
        return cls(cleaned)

    @classmethod
    def from_name(cls, name: str) -> Self:
        """
        The region named *name*, with or without its 市/省 suffix.

        Knows every province-level division and Guangxi's 14 cities, in
        simplified and (for Guangxi) traditional characters.

        Raises:
            ValidationError: ``region.unknown_name`` for any other name.

        >>> RegionCode.from_name("南宁")
        <RegionCode 450100 南宁市>
        >>> RegionCode.from_name("广西壮族自治区") == GUANGXI
        True
        >>> RegionCode.from_name("东京")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error region.unknown_name at /: '东京' is not ...
        """
        cleaned = _squash(name)
        code = None if cleaned is None else _BY_NAME.get(cleaned)
        if code is None:
            raise REGION_UNKNOWN_NAME.error("", text=name)
        return cls(code)

    @property
    def name(self) -> str | None:
        """
        The official name, or None for a code this library has no name for.

        >>> RegionCode("451400").name
        '崇左市'
        >>> RegionCode("450102").name is None
        True
        """
        return _NAMES.get(self.code)

    @property
    def province(self) -> str:
        """
        The two-digit province-level code.

        >>> RegionCode("450100").province
        '45'
        """
        return self.code[:2]

    @property
    def is_guangxi(self) -> bool:
        """
        Whether the region lies in Guangxi (province code 45).

        >>> RegionCode("451300").is_guangxi
        True
        >>> RegionCode("440300").is_guangxi
        False
        """
        return self.code[:2] == "45"

    @property
    def city(self) -> RegionCode:
        """
        The prefecture-level region containing this one (its first four digits + ``00``).

        A province-level code is its own `city`.

        >>> RegionCode("450103").city
        <RegionCode 450100 南宁市>
        >>> RegionCode("450000").city == GUANGXI
        True
        """
        if self.code[4:] == "00":
            return self
        return RegionCode(self.code[:4] + "00")

    def __str__(self) -> str:
        return self.code

    def __repr__(self) -> str:
        name = self.name
        return f"<RegionCode {self.code}>" if name is None else f"<RegionCode {self.code} {name}>"


#: 450000 广西壮族自治区.
GUANGXI = RegionCode("450000")

#: Guangxi's 14 prefecture-level cities (设区市), 450100 南宁市 … 451400 崇左市, in code order.
GUANGXI_CITIES: tuple[RegionCode, ...] = tuple(
    RegionCode(code) for code, _, _ in _REGIONS if code.startswith("45") and code != "450000"
)

# --------------------------------------------------------------------------- USCC

#: The 31 characters of a USCC (GB 32100-2015): no I, O, Z, S or V.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUES = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_CHARACTERS = re.compile(f"[{USCC_ALPHABET}]{{18}}")
# GB 32100-2015 §4.5: the weight of position i (1-based) is 3^(i-1) mod 31.
# Each character as the base-34 digit of its value (0-9, then a-u for 10-30):
# see _mod31_check.
_AS_BASE34_DIGITS = str.maketrans(USCC_ALPHABET, "0123456789abcdefghijklmnopqrstu")
# The alphabet, and digits in positions 3–8: with a province there (or the
# central authorities' 100000) and the check character, every rule holds.
_USCC_WELL_FORMED = re.compile(f"[{USCC_ALPHABET}]{{2}}[0-9]{{6}}[{USCC_ALPHABET}]{{10}}")
_GB32100 = "GB 32100-2015 法人和其他组织统一社会信用代码编码规则"

USCC_INVALID_LENGTH = define(
    "uscc.invalid_length",
    applies_to="USCC",
    summary="A unified social credit code has 18 characters.",
    summary_zh="统一社会信用代码为18位。",
    source=_GB32100,
    example="91450100MA5KB1XW1",
    trigger=Trigger.PARSE,
    message="{text!r} is not 18 characters long",
    message_zh="“{text}”不是18位",
)
USCC_INVALID_CHARACTER = define(
    "uscc.invalid_character",
    applies_to="USCC",
    summary=(
        "A unified social credit code uses digits and capital letters other than I, O, Z, S and V."
    ),
    summary_zh="统一社会信用代码由数字和大写字母组成，不使用I、O、Z、S、V。",
    source=_GB32100,
    example="91450100MA5KB1XWIC",
    trigger=Trigger.PARSE,
    message="{text!r} contains characters a USCC does not use: {characters!r}",
    message_zh="“{text}”含有统一社会信用代码不使用的字符：{characters}",
)
USCC_INVALID_REGION = define(
    "uscc.invalid_region",
    applies_to="USCC",
    summary=(
        "Positions 3–8 of a unified social credit code are a GB/T 2260 region code"
        " (or 100000 for a central authority)."
    ),
    summary_zh="统一社会信用代码第3—8位应为GB/T 2260行政区划代码（中央登记为100000）。",
    source=_GB32100,
    example="91990000MA5KB1XW19",
    trigger=Trigger.PARSE,
    message="{text!r}: positions 3–8 {region!r} are not a region code",
    message_zh="“{text}”：第3—8位“{region}”不是行政区划代码",
)
USCC_CHECK_DIGIT = define(
    "uscc.check_digit",
    applies_to="USCC",
    summary="The 18th character of a unified social credit code is its mod-31 check character.",
    summary_zh="统一社会信用代码第18位应为按模31计算的校验码。",
    source=_GB32100,
    example="91450100MA5KB1XW1D",
    trigger=Trigger.PARSE,
    message="{text!r}: check character {found!r} should be {expected!r}",
    message_zh="“{text}”：校验码“{found}”应为“{expected}”",
)


def _mod31_check(first17: str) -> str:
    """
    The GB 32100 check character of 17 valid USCC characters.

    The weighted sum is sum(value(c_i) * 3**i) mod 31; since 34 = 3 (mod 31),
    it equals the reversed characters read as a base-34 number (each
    character's value as one digit), mod 31 — which ``int`` computes in C,
    2.7 times as fast as summing in Python (0.84 µs against 2.25).

    Written out here rather than taken from python-stdnum: stdnum cleans and
    re-validates its input on every call (40 % of loading an enterprise) and
    refuses a letter in positions 1–2, which GB 32100 allows (A, N, Y …
    registration authorities).  The tests hold the two to the same answer.
    """
    total = int(first17.translate(_AS_BASE34_DIGITS)[::-1], 34)
    return USCC_ALPHABET[-total % 31]


def _uscc_violations(value: object) -> Iterator[Violation]:
    if not isinstance(value, str) or len(value) != 18:
        yield USCC_INVALID_LENGTH.violation("", text=value)
        return
    well_formed = _USCC_CHARACTERS.fullmatch(value) is not None
    if not well_formed:
        bad = "".join(sorted({ch for ch in value if ch not in _USCC_VALUES}))
        yield USCC_INVALID_CHARACTER.violation("", text=value, characters=bad)
    region = value[2:8]
    if region != CENTRAL_REGION and _region_rule(region) is not None:
        yield USCC_INVALID_REGION.violation("", text=value, region=region)
    if well_formed:
        expected = _mod31_check(value[:17])
        if value[17] != expected:
            yield USCC_CHECK_DIGIT.violation("", text=value, expected=expected, found=value[17])


@frozen(repr=False)
class USCC:
    """
    A unified social credit code (统一社会信用代码, GB 32100-2015).

    Eighteen characters: registration authority (1), organisation type (2),
    the registering authority's region code (3–8), organisation code (9–17)
    and a mod-31 check character (18).  Authorities are ``1`` 机构编制, ``5``
    民政, ``9`` 工商 (``91`` 企业, ``93`` 农民专业合作社), ``8`` 工会, ``N``
    农业 (``N2`` 村级集体经济组织), ``Y`` 其他 and others; the authority and type
    are not checked against a table, since new ones are added by decree.

    Attributes:
        value: The 18 characters, upper-cased.

    >>> USCC("91450100MA5KB1XW1C").region_code
    <RegionCode 450100 南宁市>
    >>> USCC("91450100MA5KB1XW1D")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error uscc.check_digit at /: ... should be 'C'
    """

    value: str = field(converter=_upper)

    def __attrs_post_init__(self) -> None:
        value = self.value
        # Valid codes, loaded by the thousand, pass two tests (1.1 µs against
        # 1.7 for the generator of violations); the rules say why others fail.
        if (
            type(value) is str
            and _USCC_WELL_FORMED.fullmatch(value) is not None
            and (value[2:4] in _PROVINCES or value[2:8] == CENTRAL_REGION)
            and value[17] == _mod31_check(value[:17])
        ):
            return
        _raise_if_any(_uscc_violations(value))

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a USCC, ignoring case, blanks, hyphens and full-width forms.

        Raises:
            ValidationError: ``uscc.invalid_length``, ``uscc.invalid_character``,
                ``uscc.invalid_region`` or ``uscc.check_digit``, all that apply.

        >>> USCC.parse("９１４５ ０１００-MA5KB1XW1c")
        <USCC 91450100MA5KB1XW1C>
        >>> USCC.parse("91450100MA5KB1XW1")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error uscc.invalid_length at /: ...
        """
        cleaned = _squash(text)
        if cleaned is None:
            raise USCC_INVALID_LENGTH.error("", text=text)
        return cls(cleaned.replace("-", ""))

    @classmethod
    def with_check_digit(cls, first17: str) -> Self:
        """
        The USCC made of *first17* and the check character they call for.

        Raises:
            ValidationError: If *first17* is not 17 valid USCC characters
                with a region code in positions 3–8.

        >>> USCC.with_check_digit("N2450000MJ0000000")
        <USCC N2450000MJ00000006>
        >>> USCC.with_check_digit("9145")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error uscc.invalid_length at /: ...
        """
        cleaned = _squash(first17)
        text = first17 if cleaned is None else cleaned.upper()
        if cleaned is not None and len(text) == 17 and all(ch in _USCC_VALUES for ch in text):
            return cls(text + _mod31_check(text))
        # A placeholder check character: validation then reports what is wrong.
        return cls(f"{text}0")

    @property
    def registration_authority(self) -> str:
        """
        Character 1, the registration authority (登记管理部门): ``9`` 工商, ``N`` 农业 ….

        >>> USCC("N2450000MJ00000006").registration_authority
        'N'
        """
        return self.value[0]

    @property
    def organisation_type(self) -> str:
        """
        Character 2, the organisation type (机构类别) under that authority.

        >>> USCC("91450100MA5KB1XW1C").organisation_type
        '1'
        """
        return self.value[1]

    @property
    def province(self) -> str | None:
        """
        The province of the registering authority (positions 3–4); None for a central one.

        The province of `region_code`, without making it (`gxai_policy.check`
        asks for it on every enterprise).

        >>> USCC("91450100MA5KB1XW1C").province
        '45'
        >>> USCC("12100000400000624D").province is None
        True
        """
        return None if self.value[2:8] == CENTRAL_REGION else self.value[2:4]

    @property
    def region_code(self) -> RegionCode | None:
        """
        The region of the registering authority (positions 3–8); None for a central one.

        >>> USCC("91450100MA5KB1XW1C").region_code.is_guangxi
        True
        >>> USCC("12100000400000624D").region_code is None
        True
        """
        region = self.value[2:8]
        return None if region == CENTRAL_REGION else RegionCode(region)

    @property
    def is_central(self) -> bool:
        """
        Whether a central (national-level, 中央) authority registered it: positions 3–8 are 100000.

        >>> USCC("12100000400000624D").is_central
        True
        """
        return self.value[2:8] == CENTRAL_REGION

    @property
    def organisation_code(self) -> str:
        """
        Positions 9–17, the organisation code (主体标识码, GB 11714).

        >>> USCC("91450100MA5KB1XW1C").organisation_code
        'MA5KB1XW1'
        """
        return self.value[8:17]

    @property
    def check_character(self) -> str:
        """
        Position 18, the check character.

        >>> USCC("91450100MA5KB1XW1C").check_character
        'C'
        """
        return self.value[17]

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"<USCC {self.value}>"


# --------------------------------------------------------------------------- 高企 certificates

_CERTIFICATE = re.compile(r"GR([0-9]{4})([0-9]{2})([0-9]{6})")
#: The current 高企 scheme (《高新技术企业认定管理办法》, 国科发火〔2008〕172号) began in 2008.
_FIRST_CERTIFICATE_YEAR = 2008
_LAST_YEAR = 2100
# With a province in digits 7–8, every rule in one test: a year 2008–2100
# (_FIRST_CERTIFICATE_YEAR, _LAST_YEAR) and a serial that is not 000000.
_VALID_CERTIFICATE = re.compile(r"GR(?:200[89]|20[1-9][0-9]|2100)[0-9]{2}(?!000000)[0-9]{6}")
_HIGH_TECH_SOURCE = "《高新技术企业认定管理办法》(国科发火〔2008〕172号, 国科发火〔2016〕32号)"

CERTIFICATE_INVALID = define(
    "certificate_number.invalid",
    applies_to="HighTechCertificateNumber",
    summary=(
        "A high-tech enterprise certificate number is GR, a 4-digit year, a 2-digit province"
        " code and a 6-digit serial."
    ),
    summary_zh="高新技术企业证书编号由GR、4位年份、2位省级代码和6位序号组成。",
    source=_HIGH_TECH_SOURCE,
    example="GR2021450001",
    trigger=Trigger.PARSE,
    message="{text!r} is not a certificate number of the form GR + year + province + serial",
    message_zh="“{text}”不是“GR+年份+省级代码+序号”形式的证书编号",
)
CERTIFICATE_UNKNOWN_PROVINCE = define(
    "certificate_number.unknown_province",
    applies_to="HighTechCertificateNumber",
    summary="Digits 7–8 of a certificate number are a GB/T 2260 province-level code.",
    summary_zh="证书编号第7—8位应为GB/T 2260省级代码。",
    source=_HIGH_TECH_SOURCE,
    example="GR202199000123",
    trigger=Trigger.PARSE,
    message="{text!r}: {province} is not a GB/T 2260 province-level code",
    message_zh="“{text}”：{province}不是GB/T 2260省级代码",
)
CERTIFICATE_YEAR_OUT_OF_RANGE = define(
    "certificate_number.year_out_of_range",
    applies_to="HighTechCertificateNumber",
    summary=(
        "A certificate number's year lies between 2008, when the current scheme began, and 2100."
    ),
    summary_zh="证书编号中的年份应在2008年（现行认定办法施行）至2100年之间。",
    source=_HIGH_TECH_SOURCE,
    example="GR200745000123",
    trigger=Trigger.PARSE,
    message="{text!r}: year {year} is outside 2008–2100",
    message_zh="“{text}”：年份{year}不在2008—2100之间",
)


def _certificate_violations(value: object) -> Iterator[Violation]:
    match = _fullmatch(_CERTIFICATE, value)
    if match is None or match[3] == "000000":
        yield CERTIFICATE_INVALID.violation("", text=value)
        return
    if match[2] not in _PROVINCES:
        yield CERTIFICATE_UNKNOWN_PROVINCE.violation("", text=value, province=match[2])
    if not _FIRST_CERTIFICATE_YEAR <= int(match[1]) <= _LAST_YEAR:
        yield CERTIFICATE_YEAR_OUT_OF_RANGE.violation("", text=value, year=match[1])


@frozen(repr=False)
class HighTechCertificateNumber:
    """
    The number of a high-tech enterprise certificate (高新技术企业证书编号).

    ``GR`` + year of issue + province code (``45`` = Guangxi) + a 6-digit serial,
    e.g. ``GR202145000123``.

    Attributes:
        value: The 14 characters, upper-cased.

    >>> HighTechCertificateNumber("GR202145000123").year
    2021
    >>> HighTechCertificateNumber("GR202145")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error certificate_number.invalid at /: ...
    """

    value: str = field(converter=_upper)

    def __attrs_post_init__(self) -> None:
        value = self.value
        if (
            type(value) is str
            and _VALID_CERTIFICATE.fullmatch(value) is not None
            and value[6:8] in _PROVINCES
        ):
            return
        _raise_if_any(_certificate_violations(value))

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a certificate number, ignoring case, blanks and full-width forms.

        Raises:
            ValidationError: ``certificate_number.invalid``,
                ``certificate_number.unknown_province`` or
                ``certificate_number.year_out_of_range``.

        >>> HighTechCertificateNumber.parse("ＧＲ２０２１ ４５ ０００１２３")
        <HighTechCertificateNumber GR202145000123>
        >>> HighTechCertificateNumber.parse("GR200745000123")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error certificate_number.year_out_of_range at /: ...
        """
        cleaned = _squash(text)
        if cleaned is None:
            raise CERTIFICATE_INVALID.error("", text=text)
        return cls(cleaned)

    @property
    def year(self) -> int:
        """
        The year of issue.

        >>> HighTechCertificateNumber("GR202145000123").year
        2021
        """
        return int(self.value[2:6])

    @property
    def province(self) -> str:
        """
        The two-digit province code of the certifying body: ``45`` for Guangxi.

        >>> HighTechCertificateNumber("GR202145000123").province
        '45'
        """
        return self.value[6:8]

    @property
    def serial(self) -> int:
        """
        The serial number within year and province.

        >>> HighTechCertificateNumber("GR202145000123").serial
        123
        """
        return int(self.value[8:])

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"<HighTechCertificateNumber {self.value}>"


# --------------------------------------------------------------------------- proposal numbers

_MAX_PROPOSAL_DIGITS = 12
# Guangxi numbers its proposals year + 4-digit serial (20210143); the split is
# an inference from the numbers seen, so it lives here and nowhere else.
_PROPOSAL_YEARS = range(1990, 2101)

PROPOSAL_NUMBER_INVALID = define(
    "proposal_number.invalid",
    applies_to="ProposalNumber",
    summary="A proposal number is 1 to 12 digits, not all zero.",
    summary_zh="提案号（建议号）为1至12位数字，且不全为0。",
    source="CPPCC and NPC registers (提案号, 建议号)",
    example="第A12号",
    trigger=Trigger.PARSE,
    message="{text!r} is not a proposal number: 1 to 12 digits, not all zero",
    message_zh="“{text}”不是提案号：应为1至12位数字，且不全为0",
)


@frozen(repr=False)
class ProposalNumber:
    """
    A proposal's or suggestion's number (提案号 / 建议号), kept exactly as written.

    Leading zeros are kept (``0312``).  An 8-digit number whose first four
    digits are a year 1990–2100 reads as year + serial, Guangxi's form
    (``20210143`` → 2021, 143).  That reading is an inference: a record
    should check `year` against its session's year.

    Attributes:
        text: The digits as written.

    >>> ProposalNumber("20210143").serial
    143
    >>> ProposalNumber("0312").year is None
    True
    >>> ProposalNumber("031a")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error proposal_number.invalid at /: ...
    """

    text: str

    def __attrs_post_init__(self) -> None:
        text = self.text
        if not (_is_digits(text) and len(text) <= _MAX_PROPOSAL_DIGITS and text.strip("0")):
            raise PROPOSAL_NUMBER_INVALID.error("", text=text)

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a proposal number: ``第20210143号``, ``20210143``, ``第0312号``, ``０３１２``.

        Raises:
            ValidationError: ``proposal_number.invalid``.

        >>> ProposalNumber.parse("第 ０３１２ 号")
        <ProposalNumber 0312>
        >>> ProposalNumber.parse("第号")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error proposal_number.invalid at /: ...
        """
        cleaned = _squash(text)
        if cleaned is None:
            raise PROPOSAL_NUMBER_INVALID.error("", text=text)
        cleaned = cleaned.removeprefix("第")
        if cleaned.endswith(("号", "號")):
            cleaned = cleaned[:-1]
        return cls(cleaned)

    def _split(self) -> tuple[int | None, int]:
        if len(self.text) == 8 and int(self.text[:4]) in _PROPOSAL_YEARS:
            return int(self.text[:4]), int(self.text[4:])
        if self._session_part() is not None:
            return None, int(self.text[4:])
        return None, int(self.text)

    def _session_part(self) -> tuple[int, int] | None:
        # 13020057: term 13, meeting 02, serial 0057 (an 编号 some provinces
        # print); only when the first four digits are no year.
        text = self.text
        if len(text) != 8 or int(text[:4]) in _PROPOSAL_YEARS:
            return None
        term, meeting = int(text[:2]), int(text[2:4])
        if 1 <= term <= MAX_TERM and 1 <= meeting <= MAX_MEETING:
            return term, meeting
        return None

    @property
    def term(self) -> int | None:
        """
        The term (届) an 8-digit term+meeting+serial number packs (``13020057`` → 13), else None.

        >>> ProposalNumber("13020057").term, ProposalNumber("13020057").serial
        (13, 57)
        >>> ProposalNumber("20210143").term is None
        True
        """
        part = self._session_part()
        return None if part is None else part[0]

    @property
    def meeting(self) -> int | None:
        """
        The plenary meeting (次) such a number packs (``13020057`` → 2), else None.

        >>> ProposalNumber("13020057").meeting
        2
        """
        part = self._session_part()
        return None if part is None else part[1]

    @property
    def year(self) -> int | None:
        """
        The year of a year-prefixed number (``20210143`` → 2021), else None.

        >>> ProposalNumber("20210143").year
        2021
        >>> ProposalNumber("13020057").year is None
        True
        """
        return self._split()[0]

    @property
    def serial(self) -> int:
        """
        The serial: the last four digits of a year- or term+meeting-prefixed number, else all.

        >>> ProposalNumber("20210143").serial
        143
        >>> ProposalNumber("0312").serial
        312
        """
        return self._split()[1]

    @property
    def label_zh(self) -> str:
        """
        The number as a letter writes it: ``第20210143号``.

        >>> ProposalNumber("0312").label_zh
        '第0312号'
        """
        return f"第{self.text}号"

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<ProposalNumber {self.text}>"


# --------------------------------------------------------------------------- 发文字号

# Opening and closing brackets found around the year: GB/T 9704 writes 〔〕;
# copies use ASCII, full-width (folded to ASCII), 【】, ﹝﹞ and 〖〗.
_OPENING = "〔[(【﹝〖"
_CLOSING = "〕])】﹞〗"
_DOCUMENT_NUMBER = re.compile(
    rf"(?P<issuer>.+?)[{re.escape(_OPENING)}](?P<year>[0-9]{{4}})[{re.escape(_CLOSING)}]"
    r"第?(?P<serial>[0-9]{1,9})[号號]?"
)
# Brackets and blanks (the invisible ones are not printable).
_FORBIDDEN_IN_ISSUER = re.compile(f"[{re.escape(_OPENING + _CLOSING)}（）［］\\s]")
_MAX_ISSUER_LENGTH = 20
_MAX_SERIAL = 999_999
_FIRST_DOCUMENT_YEAR = 1949
_GB9704 = "GB/T 9704-2012 党政机关公文格式 (发文字号)"

DOCUMENT_NUMBER_INVALID = define(
    "document_number.invalid",
    applies_to="DocumentNumber",
    summary=(
        "A document number is an issuer code, a 4-digit year in brackets and a positive"
        " serial: 机关代字〔YYYY〕N号."
    ),
    summary_zh="发文字号由机关代字、括入六角括号的4位年份和发文顺序号组成：机关代字〔YYYY〕N号。",
    source=_GB9704,
    example="桂科政字2021年52号",
    trigger=Trigger.PARSE,
    message="not a document number (机关代字〔YYYY〕N号): {reason}",
    message_zh="不是发文字号（机关代字〔YYYY〕N号）：{reason_zh}",
)
DOCUMENT_NUMBER_YEAR_OUT_OF_RANGE = define(
    "document_number.year_out_of_range",
    applies_to="DocumentNumber",
    summary="A document number's year lies between 1949 and 2100.",
    summary_zh="发文字号中的年份应在1949年至2100年之间。",
    source=_GB9704,
    example="桂科政字〔1900〕52号",
    trigger=Trigger.PARSE,
    message="year {year!r} of a document number is outside 1949–2100",
    message_zh="发文字号中的年份{year}不在1949—2100之间",
)


def _issuer_problem(issuer: object) -> tuple[str, str] | None:
    if not isinstance(issuer, str) or not issuer:
        return (f"issuer code {issuer!r} is empty", "机关代字为空")
    if len(issuer) > _MAX_ISSUER_LENGTH:
        return (f"issuer code {issuer!r} is too long", "机关代字过长")
    if _FORBIDDEN_IN_ISSUER.search(issuer) or not issuer.isprintable():
        return (
            f"issuer code {issuer!r} contains a bracket or a blank",
            f"机关代字“{issuer}”含括号或空白",
        )
    return None


def _document_number_violations(
    issuer: object, year: object, serial: object
) -> Iterator[Violation]:
    problem = _issuer_problem(issuer)
    if problem is not None:
        yield DOCUMENT_NUMBER_INVALID.violation("", reason=problem[0], reason_zh=problem[1])
    if type(year) is not int:
        yield DOCUMENT_NUMBER_INVALID.violation(
            "", reason=f"year {year!r} is not an integer", reason_zh=f"年份{year!r}不是整数"
        )
    elif not _FIRST_DOCUMENT_YEAR <= year <= _LAST_YEAR:
        yield DOCUMENT_NUMBER_YEAR_OUT_OF_RANGE.violation("", year=year)
    if type(serial) is not int or not 1 <= serial <= _MAX_SERIAL:
        yield DOCUMENT_NUMBER_INVALID.violation(
            "",
            reason=f"serial {serial!r} is not a whole number from 1 to {_MAX_SERIAL}",
            reason_zh=f"发文顺序号{serial!r}不是1至{_MAX_SERIAL}的整数",
        )


@frozen(kw_only=True, repr=False)
class DocumentNumber:
    """
    The number of an official document (发文字号, GB/T 9704-2012): ``桂科政字〔2021〕52号``.

    The issuer code (机关代字), the year in hexagonal brackets 〔〕, and the
    serial (发文顺序号) written without leading zeros and followed by 号.

    Attributes:
        issuer_code: The issuer's code, such as 桂科政字 or 桂政办函.

        year: The year of issue, 1949–2100.

        serial: The serial within the issuer and year, 1–999999.

    >>> str(DocumentNumber(issuer_code="桂政办函", year=2021, serial=7))
    '桂政办函〔2021〕7号'
    >>> DocumentNumber(issuer_code="桂政办函", year=2021, serial=0)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error document_number.invalid at /: ... serial 0 is ...
    """

    issuer_code: str = field(converter=_fold)
    year: int
    serial: int

    def __attrs_post_init__(self) -> None:
        year, serial = self.year, self.serial
        if (
            type(year) is int
            and type(serial) is int
            and _FIRST_DOCUMENT_YEAR <= year <= _LAST_YEAR
            and 1 <= serial <= _MAX_SERIAL
            and _issuer_problem(self.issuer_code) is None
        ):
            return
        _raise_if_any(_document_number_violations(self.issuer_code, year, serial))

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a document number, whatever brackets surround the year.

        Accepts 〔2021〕, [2021], (2021), （2021）, 【2021】, ［2021］ and
        ﹝2021﹞, leading zeros in the serial, blanks, and a missing 号.

        Raises:
            ValidationError: ``document_number.invalid`` or
                ``document_number.year_out_of_range``.

        >>> DocumentNumber.parse("桂科政字（２０２１）０５２号")
        <DocumentNumber 桂科政字〔2021〕52号>
        >>> DocumentNumber.parse("桂科政字〔21〕52号")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error document_number.invalid at /: ...
        """
        cleaned = _squash(text)
        match = None if cleaned is None else _DOCUMENT_NUMBER.fullmatch(cleaned)
        if match is None:
            raise DOCUMENT_NUMBER_INVALID.error(
                "",
                reason=f"{text!r} has no issuer code, 〔year〕 and serial",
                reason_zh=f"“{text}”中没有机关代字、〔年份〕和序号",
            )
        return cls(
            issuer_code=match["issuer"], year=int(match["year"]), serial=int(match["serial"])
        )

    def __str__(self) -> str:
        return f"{self.issuer_code}〔{self.year}〕{self.serial}号"

    def __repr__(self) -> str:
        return f"<DocumentNumber {self}>"
