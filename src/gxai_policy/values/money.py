"""
Money: exact amounts of yuan (元), as policy documents state them.

An amount is a non-negative `~decimal.Decimal` of yuan with at most two
decimal places (the fen, 分).  It reads the ways Chinese documents write
amounts (``3.4亿元``, ``3400万元``, ``1,200.50元``, full-width digits) and
writes them back.

>>> Money.parse("3.4亿元")
Money('340000000')
>>> Money.parse("3.4亿元").format()
'3.4亿元'
>>> Money.parse("3400多万元")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error money.invalid at /: '3400多万元' is not an amount ...
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import (
    MAX_EMAX,
    MIN_EMIN,
    ROUND_HALF_UP,
    Decimal,
    DecimalException,
    Inexact,
    Overflow,
    Rounded,
    Underflow,
    localcontext,
)
from typing import ClassVar, Self

from attrs import field, frozen

from gxai_policy.errors import Violation, raise_if_any
from gxai_policy.rules import Trigger, define
from gxai_policy.values.numerals import (
    lazy_pattern,
    parse_chinese_integer,
    to_chinese_integer,
)

__all__ = ["Money"]

_SOURCE_FEN = "中华人民共和国人民币管理条例 (2000), art. 3: 1 元 = 10 角 = 100 分"

INVALID = define(
    "money.invalid",
    applies_to="Money",
    summary="The text is not an amount of money: an exact figure of yuan, 万元 or 亿元.",
    summary_zh="文字不是金额：金额是以元、万元或亿元计的确数。",
    source="gxai_policy money reader (DESIGN §2.2, §6)",
    example="3400多万元",
    trigger=Trigger.PARSE,
    message="{value} is not an amount of money (an exact figure such as 30万元 or 1200.50元)",
    message_zh="{value}不是金额（应为确数，如30万元或1200.50元）",
)
NEGATIVE = define(
    "money.negative",
    applies_to="Money",
    summary="An amount of money is never negative.",
    summary_zh="金额不能为负数。",
    source="gxai_policy: amounts granted, paid and capped are never below zero",
    example="-3元",
    trigger=Trigger.PARSE,
    message="amount {value} is negative",
    message_zh="金额{value}为负数",
)
TOO_PRECISE = define(
    "money.too_precise",
    applies_to="Money",
    summary="An amount of money has at most two decimal places: nothing below the fen (分).",
    summary_zh="金额最多两位小数：不能小于一分。",
    source=_SOURCE_FEN,
    example="0.001元",
    trigger=Trigger.PARSE,
    message="amount {value} is finer than the fen (0.01 yuan)",
    message_zh="金额{value}小于一分（0.01元）的精度",
)
NOT_FINITE = define(
    "money.not_finite",
    applies_to="Money",
    summary="An amount of money is a finite number, not NaN or Infinity.",
    summary_zh="金额必须是有限数，不能是NaN或无穷大。",
    source="gxai_policy (DESIGN §5: no decimal.InvalidOperation escapes)",
    example="NaN",
    trigger=Trigger.PARSE,
    message="amount {value} is not a finite number",
    message_zh="金额{value}不是有限数",
)
FLOAT = define(
    "money.float",
    applies_to="Money",
    summary=(
        "An amount of money is never a binary float, nor written in scientific "
        "notation (the way floats print): a float is not exact."
    ),
    summary_zh="金额不能是二进制浮点数，也不能用科学计数法（浮点数的写法）书写：浮点数不精确。",
    source="DESIGN §6: money as exact decimal strings of yuan, never floats",
    example="1e3",
    trigger=Trigger.PARSE,
    message="{value} is a float or in scientific notation; give an exact decimal such as '1200.50'",
    message_zh="{value}是浮点数或科学计数法；请给出精确的十进制数，如“1200.50”",
)
TOO_LARGE = define(
    "money.too_large",
    applies_to="Money",
    summary="An amount of money is below 10^16 yuan (一亿亿元).",
    summary_zh="金额必须小于10^16元（一亿亿元）。",
    source=(
        "gxai_policy: no public budget comes near; the bound keeps arithmetic exact "
        "and text bounded"
    ),
    example="10000000000000000元",
    trigger=Trigger.PARSE,
    message="amount {value} is 10^16 yuan or more",
    message_zh="金额{value}不小于10^16元",
)

# Amounts have at most 16 integer digits and 2 fractional ones: 18 digits, well
# inside the default 28-digit context, so + and - are always exact.
_MAX_INTEGER_DIGITS = 16
_FEN = Decimal("0.01")
_SHORT = 40

#: Characters of Chinese numerals (with the financial forms) that a figure may use.
CHINESE_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億"
_CANONICAL_NUMERAL = str.maketrans(
    "壹贰叁肆伍陆柒捌玖拾佰仟萬億两〇",
    "一二三四五六七八九十百千万亿二零",
)

#: Scale words after a figure and the power of ten they multiply by.
SCALES = {
    "万亿": 12,
    "萬億": 12,
    "亿": 8,
    "億": 8,
    "千万": 7,
    "千萬": 7,
    "百万": 6,
    "百萬": 6,
    "万": 4,
    "萬": 4,
}

# Traditional forms that figures use, folded one character to one character so
# that offsets into the source text stay valid (mirrors convert letters).
_TRADITIONAL = str.maketrans(
    "個項萬億約過餘於內計將臺條種場戶畝點兩〜",
    "个项万亿约过余于内计将台条种场户亩点两~",
)


# Both foldings at once (their keys are apart: full-width forms and CJK).
_FOLD: dict[int, int] = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
    **_TRADITIONAL,
}
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]+")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_FOLD)


def fold_figure_text(text: str) -> str:
    """
    Fold full-width ASCII and the traditional characters of figures, char for char.

    The result has the length of *text*, so offsets into it are offsets into *text*.
    Equal to ``fold_width(text).translate(_TRADITIONAL)``, in a fraction of
    the time: `str.translate` with a table looks up every character, these
    runs of characters to fold are found in C.

    >>> fold_figure_text("約３４００萬元")
    '约3400万元'
    >>> fold_figure_text("（一）３，４００元。") == "(一)3,400元。"
    True
    """
    return _TO_FOLD.sub(_fold_run, text)


def _short(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    if len(text) > _SHORT:
        return repr(text[:_SHORT] + "…")
    return repr(text)


def _short_decimal(value: Decimal) -> str:
    text = str(value)
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


def decimal_exponent(value: Decimal) -> int:
    """
    The exponent of a finite *value* (``-2`` for ``Decimal("1.50")``).

    Raises:
        ValueError: If *value* is NaN or infinite (a caller's bug).

    >>> decimal_exponent(Decimal("1.50"))
    -2
    >>> decimal_exponent(Decimal("NaN"))
    Traceback (most recent call last):
      ...
    ValueError: not a finite number: Decimal('NaN')
    """
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int):
        return exponent
    raise ValueError(f"not a finite number: {value!r}")


def canonical_decimal(value: Decimal) -> Decimal:
    """
    The same finite number without exponent or trailing fractional zeros.

    Exact at any size (no context rounding): works on the digit tuple.

    >>> canonical_decimal(Decimal("1.50")), canonical_decimal(Decimal("1E+2"))
    (Decimal('1.5'), Decimal('100'))
    >>> canonical_decimal(Decimal("-0.00"))
    Decimal('0')
    >>> canonical_decimal(Decimal("Infinity"))
    Traceback (most recent call last):
      ...
    ValueError: not a finite number: Decimal('Infinity')
    """
    if not value:
        return Decimal(0)
    sign, digits, _ = value.as_tuple()
    exponent = decimal_exponent(value)
    if exponent > 0:
        return Decimal((sign, digits + (0,) * exponent, 0))
    end = len(digits)
    while exponent < 0 and digits[end - 1] == 0:
        end -= 1
        exponent += 1
    return Decimal((sign, digits[:end], exponent))


def shift_decimal(value: Decimal, places: int) -> Decimal:
    """
    Multiply a finite *value* by ``10**places`` exactly (no context rounding).

    >>> shift_decimal(Decimal("3.4"), 8)
    Decimal('3.4E+8')
    >>> shift_decimal(Decimal("NaN"), 8)
    Traceback (most recent call last):
      ...
    ValueError: not a finite number: Decimal('NaN')
    """
    sign, digits, _ = value.as_tuple()
    return Decimal((sign, digits, decimal_exponent(value) + places))


def _chinese_text(n: int) -> str:
    if n < 100_000_000:
        return to_chinese_integer(n)
    high, low = divmod(n, 100_000_000)
    rest = "" if low == 0 else ("零" if low < 10_000_000 else "") + to_chinese_integer(low)
    return _chinese_text(high) + "亿" + rest


def read_chinese_numeral(text: str) -> int | None:
    """
    The value of a Chinese numeral written the standard way, else None.

    Conservative on purpose: ``十二``, ``两百``, ``一百零五``, ``三千四百万`` are
    numerals; positional strings (``二〇二一``, ``三五``), plan periods
    (``十三五``) and colloquial forms (``一万二``) are not.

    >>> read_chinese_numeral("三千四百万"), read_chinese_numeral("两家")
    (34000000, None)
    >>> read_chinese_numeral("十四五") is None
    True
    """
    written = text.translate(_CANONICAL_NUMERAL)
    # numerals.parse_chinese_integer multiplies the 亿 part by a later 万
    # (一亿零一万 → 1000010000), so each side of 亿 is read on its own.
    high, sep, low = written.partition("亿")
    try:
        n = parse_chinese_integer(high)
        if sep:
            n = n * 100_000_000 + (parse_chinese_integer(low) if low else 0)
    except ValueError:
        return None
    if n == 0:
        return None
    if written.startswith("一十"):
        written = written[1:]
    return n if _chinese_text(n) == written else None


_CH = CHINESE_NUMERAL_CHARS
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
# Compiled on first use: reading text needs these, the wire form does not.
_MONEY = lazy_pattern(
    rf"""
    (?:人民币|[¥￥])?
    (?P<sign>[+\-−])?
    (?:
        (?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)
        (?P<scale>{_SCALE})?
      | (?P<zh>[{_CH}]{{1,24}})
    )
    元?
    """,
    re.VERBOSE,
)
_SCIENTIFIC = lazy_pattern(
    rf"(?:人民币|[¥￥])?[+\-−]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][+\-]?[0-9]+(?:{_SCALE})?元?"
)
_NOT_FINITE = lazy_pattern(
    r"(?:人民币|[¥￥])?(?P<sign>[+\-−])?(?P<word>(?i:s?nan|inf|infinity))元?"
)
_WIRE = re.compile(r"[0-9]+(?:\.[0-9]{1,2})?")
_LOOSE_WIRE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _decimal_places(value: Decimal) -> int:
    # Trailing fractional zeros do not count: 1.000 is as precise as 1.
    if not value:
        return 0
    digits = value.as_tuple().digits
    places, end = -decimal_exponent(value), len(digits)
    while places > 0 and digits[end - 1] == 0:
        places, end = places - 1, end - 1
    return max(places, 0)


def _violations(yuan: Decimal) -> Iterator[Violation]:
    shown = _short_decimal(yuan)
    if not yuan.is_finite():
        yield NOT_FINITE.violation("", value=shown)
        if yuan.is_infinite() and yuan.is_signed():
            yield NEGATIVE.violation("", value=shown)
        return
    if yuan < 0:
        yield NEGATIVE.violation("", value=shown)
    if _decimal_places(yuan) > 2:
        yield TOO_PRECISE.violation("", value=shown)
    if yuan and yuan.adjusted() >= _MAX_INTEGER_DIGITS:
        yield TOO_LARGE.violation("", value=shown)


def _to_yuan(value: Decimal | int | str) -> Decimal:
    raw: object = value
    if isinstance(raw, float):
        raise FLOAT.error("", value=_short(raw))
    if isinstance(raw, str):
        return Money.from_wire(raw).yuan
    if isinstance(raw, bool) or not isinstance(raw, Decimal | int):
        raise INVALID.error("", value=_short(raw))
    number = raw if isinstance(raw, Decimal) else Decimal(raw)
    if not number.is_finite() or (number and number.adjusted() >= _MAX_INTEGER_DIGITS):
        return number  # refused by __attrs_post_init__, never expanded
    return canonical_decimal(number)


@frozen(order=True, repr=False)
class Money:
    """
    An exact, non-negative amount of yuan (元), to the fen (分).

    Equal amounts are equal whatever their written form: ``Decimal("1.50")``
    and ``Decimal("1.5")`` make the same `Money`, with the same hash.
    Amounts compare with ``<`` and friends; ``+``, ``-`` and ``*`` (by a
    `~decimal.Decimal` or an ``int``) are exact and re-checked, so a
    difference below zero raises rather than going negative.

    Attributes:
        yuan: The amount, normalised: no exponent, no trailing fractional
            zeros.  Built from a `~decimal.Decimal`, an ``int`` or a plain
            decimal string (`from_wire`); a ``float`` is refused with
            ``money.float``, never converted.

    Raises:
        ValidationError: ``money.negative``, ``money.too_precise``,
            ``money.not_finite``, ``money.too_large`` (every one that applies),
            ``money.float`` or ``money.invalid``.

    >>> Money(Decimal("30")) == Money(30) == Money(Decimal("30.00"))
    True
    >>> Money(Decimal("-0.001")).yuan
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: 2 violations:
      error money.negative at /: amount -0.001 is negative
      error money.too_precise at /: amount -0.001 is finer than the fen (0.01 yuan)
    """

    #: Zero yuan.
    ZERO: ClassVar[Money]

    yuan: Decimal = field(converter=_to_yuan)

    def __attrs_post_init__(self) -> None:
        raise_if_any(_violations(self.yuan))

    # --- reading and writing -------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read an amount as documents write it.

        Reads ``3.4亿元``, ``3400万元``, ``30万元``, ``1,200.50元``, ``1200.5``,
        full-width digits (``１２００元``), Chinese numerals (``三十万元``), an
        optional ``¥`` or ``人民币`` and stray whitespace.  A qualified figure
        (``3400多万元``, ``约3.4亿元``) is not an amount: read it with
        `~gxai_policy.values.quantity.Quantity`.  Scientific notation
        (``1e3``) is how floats print and is refused as ``money.float``.

        Raises:
            ValidationError: ``money.invalid`` for unreadable text, or the
                code of each rule the amount breaks.

        >>> Money.parse(" １,２００.５０ 元")
        Money('1200.5')
        >>> Money.parse("1e3")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error money.float at /: '1e3' is a float ...
        """
        raw: object = text
        if isinstance(raw, float):
            raise FLOAT.error("", value=_short(raw))
        if not isinstance(raw, str):
            raise INVALID.error("", value=_short(raw))
        folded = "".join(fold_figure_text(raw).split())
        match = _MONEY().fullmatch(folded)
        if match is not None:
            return cls(_read_amount(match, raw))
        if _SCIENTIFIC().fullmatch(folded):
            raise FLOAT.error("", value=_short(raw))
        special = _NOT_FINITE().fullmatch(folded)
        if special is not None:
            return cls(_special(special))
        raise INVALID.error("", value=_short(raw))

    @classmethod
    def from_wire(cls, text: str) -> Self:
        """
        Read the wire form: a plain decimal string of yuan, nothing else.

        Strict: ``^[0-9]+(\\.[0-9]{1,2})?$`` only; no unit, sign, separator,
        exponent or whitespace, and never a JSON number.

        Raises:
            ValidationError: ``money.float`` for a float or exponent,
                ``money.negative``, ``money.too_precise``,
                ``money.not_finite`` where they tell what is wrong, else
                ``money.invalid``.

        >>> Money.from_wire("1200.50")
        Money('1200.5')
        >>> Money.from_wire("30万元")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error money.invalid at /: '30万元' is not ...
        """
        raw: object = text
        if isinstance(raw, float):
            raise FLOAT.error("", value=_short(raw))
        if not isinstance(raw, str):
            raise INVALID.error("", value=_short(raw))
        if _WIRE.fullmatch(raw):
            return cls(Decimal(raw))
        if _LOOSE_WIRE.fullmatch(raw):
            raise_if_any(_violations(Decimal(raw)))
        elif _SCIENTIFIC().fullmatch(raw):
            raise FLOAT.error("", value=_short(raw))
        elif (special := _NOT_FINITE().fullmatch(raw)) is not None:
            raise_if_any(_violations(_special(special)))
        raise INVALID.error("", value=_short(raw))

    def wire(self) -> str:
        """
        The wire form: the canonical decimal string of yuan, without unit.

        >>> Money.parse("3.4亿元").wire()
        '340000000'
        >>> Money.from_wire(Money.parse("1,200.50元").wire())
        Money('1200.5')
        """
        return format(self.yuan, "f")

    def format(self) -> str:
        """
        Write the amount as Chinese documents do: in 亿元 or 万元 when exact.

        Uses 亿元 (then 万元) when the amount is at least one of that unit
        and exact in it with at most four decimals, else 元;
        ``Money.parse(m.format()) == m``.

        >>> [Money.parse(t).format() for t in ("340000000", "34000000", "300000", "1200.5")]
        ['3.4亿元', '3400万元', '30万元', '1200.5元']
        >>> Money.parse("123456789.01").format()
        '123456789.01元'
        """
        for places, unit in ((8, "亿元"), (4, "万元")):
            if self.yuan.adjusted() >= places:
                scaled = canonical_decimal(shift_decimal(self.yuan, -places))
                if decimal_exponent(scaled) >= -4:
                    return f"{scaled:f}{unit}"
        return str(self)

    def __str__(self) -> str:
        return self.wire() + "元"

    def __repr__(self) -> str:
        return f"Money({self.wire()!r})"

    # --- construction helpers ------------------------------------------------

    @classmethod
    def of(cls, value: Decimal | int, rounding: str = ROUND_HALF_UP) -> Self:
        """
        Round a non-negative *value* of yuan to the fen and make it an amount.

        Args:
            value: Any finite, non-negative `~decimal.Decimal` (or ``int``),
                e.g. a share of an amount computed by policy code.

            rounding: A `decimal` rounding mode; ``ROUND_HALF_UP`` (四舍五入)
                by default.

        Raises:
            ValidationError: ``money.negative``, ``money.not_finite``,
                ``money.too_large``, ``money.float``, ``money.invalid``.

        >>> Money.of(Decimal("123.455")), Money.of(Decimal("0.2") * 1234567)
        (Money('123.46'), Money('246913.4'))
        >>> Money.of(Decimal("-0.001"))
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error money.negative at /: amount -0.001 is negative
        """
        raw: object = value
        if isinstance(raw, float):
            raise FLOAT.error("", value=_short(raw))
        if isinstance(raw, bool) or not isinstance(raw, Decimal | int):
            raise INVALID.error("", value=_short(raw))
        number = raw if isinstance(raw, Decimal) else Decimal(raw)
        raise_if_any(v for v in _violations(number) if v.code != TOO_PRECISE.code)
        return cls(number.quantize(_FEN, rounding=rounding))

    # --- arithmetic ----------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        operand: object = other
        if not isinstance(operand, Money):
            return NotImplemented
        return Money(self.yuan + operand.yuan)

    def __sub__(self, other: Money) -> Money:
        """
        The difference; below zero it raises ``money.negative``.

        >>> Money(30) - Money(10)
        Money('20')
        >>> Money(10) - Money(30)
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error money.negative at /: amount -20 is negative
        """
        operand: object = other
        if not isinstance(operand, Money):
            return NotImplemented
        return Money(self.yuan - operand.yuan)

    def __mul__(self, factor: Decimal | int) -> Money:
        """
        The amount times a `~decimal.Decimal` or ``int``, exactly.

        A product finer than the fen raises ``money.too_precise``: round it
        on purpose with `Money.of` (``Money.of(m.yuan * rate)``).

        >>> Money.parse("30万元") * Decimal("0.2")
        Money('60000')
        >>> Money(Decimal("0.05")) * Decimal("0.5")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error money.too_precise at /: ...
        """
        raw: object = factor
        if isinstance(raw, float):
            raise FLOAT.error("", value=_short(raw))
        if isinstance(raw, bool) or not isinstance(raw, Decimal | int):
            return NotImplemented
        number = raw if isinstance(raw, Decimal) else Decimal(raw)
        if not number.is_finite():
            raise NOT_FINITE.error("", value=_short_decimal(number))
        digits = len(self.yuan.as_tuple().digits) + len(number.as_tuple().digits)
        try:
            # Precision enough for the exact product; any rounding would be a bug.
            with localcontext(prec=digits + 1, Emax=MAX_EMAX, Emin=MIN_EMIN) as ctx:
                for signal in (Inexact, Rounded, Overflow, Underflow):
                    ctx.traps[signal] = True
                product = self.yuan * number
        except DecimalException:
            rule = TOO_LARGE if number.adjusted() > 0 else TOO_PRECISE
            raise rule.error("", value=f"{self.wire()} × {_short_decimal(number)}") from None
        return Money(product)

    __rmul__ = __mul__


Money.ZERO = Money(0)


def _read_amount(match: re.Match[str], text: str) -> Decimal:
    if match["zh"] is not None:
        n = read_chinese_numeral(match["zh"])
        if n is None:
            raise INVALID.error("", value=_short(text))
        number = Decimal(n)
    else:
        number = Decimal(match["num"].replace(",", ""))
        if match["scale"] is not None:
            number = shift_decimal(number, SCALES[match["scale"]])
    # copy_negate is exact; unary minus would round to the context's precision.
    return number.copy_negate() if match["sign"] in {"-", "−"} else number


def _special(match: re.Match[str]) -> Decimal:
    sign = "-" if match["sign"] in {"-", "−"} else ""
    return Decimal(sign + match["word"])
