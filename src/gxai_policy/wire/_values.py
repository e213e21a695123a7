"""
The value protocol: how each leaf type is read from its wire form, written, parsed and described.

A leaf is one JSON scalar.  Every leaf type has one `Codec` here, and the
walkers know leaves only through it:

- ``read`` takes the wire form and nothing else (strict mode): a value
  type's canonical text, ``"2021-04-27"`` for a date, a decimal string for
  money.  Bad input raises `ValidationError`; any other exception is a bug.
- ``write`` gives the wire form back: ``read(write(x)) == x``.
- ``parse`` takes the human forms that forms and spreadsheets write (lax mode):
  ``２０２１年４月２７日``, ``3.4亿元``, ``是``.  `ValidationError` when it
  cannot.
- ``schema`` is its JSON Schema fragment, as tight as ``read``.
- ``attribute`` names the attribute that holds the wire text as given to
  the constructor, where one does (a USCC's ``value``): the fast path reads
  and writes it without a call.

The value types bring ``parse`` and their canonical ``str()``; this table
says the rest once.  Adding a value type is one line in `CODECS`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import pendulum
from attrs import frozen

from gxai_policy.errors import ValidationError
from gxai_policy.values.dates import PartialDate, parse_date, shanghai_datetime
from gxai_policy.values.identifiers import (
    USCC,
    DocumentNumber,
    HighTechCertificateNumber,
    ProposalNumber,
    RegionCode,
)
from gxai_policy.values.money import Money
from gxai_policy.values.numerals import fold_width, parse_integer
from gxai_policy.wire._rules import BAD_DATE, BAD_DECIMAL, NOT_CANONICAL, shown, wrong_type

# No __all__: a private module of gxai_policy.wire, which exports what is public.


@frozen(eq=False)
class Codec:
    """
    How one leaf type meets the wire (see the module's docstring).

    Attributes:
        json_type: The JSON type of its wire form: ``"string"``,
            ``"integer"`` or ``"boolean"``.

        read: The strict reader of the wire form.

        write: The writer of the wire form.

        parse: The lax reader of a human form, to a value ``write`` takes.

        schema: Its JSON Schema fragment.

        attribute: The attribute holding the wire text as the constructor
            took it, if one does.
    """

    json_type: str
    read: Callable[[Any], Any]
    write: Callable[[Any], Any]
    parse: Callable[[Any], Any]
    schema: dict[str, Any]
    attribute: str | None = None


# --- plain JSON values --------------------------------------------------------

# √ and × (and their look-alikes) are how checklists in spreadsheets say yes and no.
_TRUE: Final = frozenset({"true", "yes", "y", "1", "是", "对", "真", "有", "√", "✓", "✔"})
_FALSE: Final = frozenset({"false", "no", "n", "0", "否", "错", "假", "无", "×", "✗", "✘"})


def _read_str(value: Any) -> str:
    if type(value) is not str:
        raise wrong_type("string", value)
    return value


def _read_int(value: Any) -> int:
    if type(value) is not int:
        raise wrong_type("integer", value)
    return value


def _read_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise wrong_type("boolean", value)
    return value


def _number_text(value: Any) -> str:
    """
    The text of a cell that should hold text: a whole number as its digits (``450100.0``).

    Spreadsheets turn codes, numbers and phone numbers typed into cells into
    numbers; a number with a fraction is no code, and is refused.
    """
    if type(value) is int:
        return str(value)
    if type(value) is float and value.is_integer():
        return str(int(value))
    return _read_str(value)


_WHOLE_FLOAT: Final = re.compile(r"\s*([0-9]+)\.0+\s*")


def _parse_str(value: Any) -> str:
    return _number_text(value).strip()


def _parse_int(value: Any) -> int:
    if type(value) is float and value.is_integer():
        return int(value)
    try:
        return parse_integer(_read_str(value))
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            raise
        raise wrong_type("integer", value) from None


def _parse_bool(value: Any) -> bool:
    if type(value) in (int, float) and value in (0, 1):
        return bool(value)
    word = fold_width(_read_str(value)).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise wrong_type("boolean", value)


def _same(value: Any) -> Any:
    return value


# --- decimals and money ---------------------------------------------------------

_DECIMAL: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def _read_decimal(value: Any) -> Decimal:
    if type(value) is not str or _DECIMAL.fullmatch(value) is None:
        raise BAD_DECIMAL.error("", **shown(value))
    return Decimal(value)


def _write_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _loose_number(value: Any) -> str:
    """
    The text of a number as forms write it: a JSON number, or text with separators.
    """
    if type(value) in (int, float):
        return repr(value)
    return fold_width(_read_str(value)).strip().replace(",", "")


def _parse_decimal(value: Any) -> Decimal:
    text = _loose_number(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise BAD_DECIMAL.error("", **shown(value)) from None
    if not number.is_finite():
        raise BAD_DECIMAL.error("", **shown(value))
    return number


def _read_money(value: Any) -> Money:
    if type(value) is not str:
        raise BAD_DECIMAL.error("", **shown(value))
    return Money.from_wire(value)


def _parse_money(value: Any) -> Money:
    return Money.parse(_loose_number(value))


# --- dates ------------------------------------------------------------------------

_ISO_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MIDNIGHT: Final = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]00:00(?::00(?:\.0+)?)?")
_DATE_SCHEMA: Final = {
    "type": "string",
    "format": "date",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}


def _read_date(value: Any) -> pendulum.Date:
    if type(value) is not str or _ISO_DATE.fullmatch(value) is None:
        raise BAD_DATE.error("", **shown(value))
    try:
        return pendulum.Date.fromisoformat(value)
    except ValueError:
        # 2021-02-30 is well-formed but impossible: the dates module's own code.
        return parse_date(value)


# Excel's serial day numbers (1900 date system): day 1 is 1900-01-01, and
# day 60 the 29 February 1900 that never was (Lotus 1-2-3's leap year,
# kept for compatibility), so from day 61 on they count from 1899-12-30.
_SERIAL_EPOCH: Final = dt.date(1899, 12, 30)
_SERIAL_LAST: Final = 2_958_465  # 9999-12-31


def _serial_date(value: float) -> pendulum.Date:
    """
    The day an Excel serial number stands for; a fraction (a time of day) is refused.
    """
    if type(value) is float and not value.is_integer():
        raise BAD_DATE.error("", **shown(value))
    day = int(value)
    if not 61 <= day <= _SERIAL_LAST:
        raise BAD_DATE.error("", **shown(value))
    found = _SERIAL_EPOCH + dt.timedelta(days=day)
    return pendulum.Date(found.year, found.month, found.day)


def _parse_date(value: Any) -> pendulum.Date:
    if type(value) in (int, float):
        return _serial_date(value)
    text = fold_width(_read_str(value)).strip()
    midnight = _MIDNIGHT.fullmatch(text)
    return _read_date(midnight.group(1)) if midnight else parse_date(text)


def _read_datetime(value: Any) -> pendulum.DateTime:
    if type(value) is not str:
        raise wrong_type("date-time string", value)
    return shanghai_datetime(value)


def _read_date_or_partial(value: Any) -> pendulum.Date | PartialDate:
    if type(value) is str and len(value) == 10:
        return _read_date(value)
    read: Callable[[Any], PartialDate] = _canonical(PartialDate)
    return read(value)


# A whole number in a field that takes a year is a year, not a serial day.
_YEARS: Final = range(1000, 10_000)


def _parse_date_or_partial(value: Any) -> pendulum.Date | PartialDate:
    if type(value) in (int, float):
        if value in _YEARS:
            return PartialDate.parse(_number_text(value))
        return _serial_date(value)
    text = fold_width(_read_str(value)).strip()
    if _MIDNIGHT.fullmatch(text) is None and _ISO_DATE.fullmatch(text) is None:
        try:
            return PartialDate.parse(text)
        except ValidationError:
            pass
    return _parse_date(text)


def _write_date_or_partial(value: pendulum.Date | PartialDate) -> str:
    return str(value) if isinstance(value, PartialDate) else value.isoformat()


# --- value types: the canonical str() is the wire form ------------------------------


def _canonical(cls: Any, attribute: str | None = None) -> Callable[[Any], Any]:
    """
    The strict reader of a value type whose wire form is its canonical ``str()``.

    Where the constructor takes the wire text into *attribute*, it is tried
    first (it checks; `parse` also tidies and folds): `parse` runs only for
    text that is not canonical, to say so, or why it is no value at all.
    """
    parse = cls.parse

    def read(value: Any) -> Any:
        if type(value) is not str:
            raise wrong_type("string", value)
        if attribute is not None:
            try:
                made = cls(value)
            except ValidationError:
                pass
            else:
                if getattr(made, attribute) == value:
                    return made
        parsed = parse(value)
        canonical = str(parsed)
        if canonical != value:
            raise NOT_CANONICAL.error("", **shown(value), canonical=canonical)
        return parsed

    return read


def _text_codec(cls: Any, schema: dict[str, Any], attribute: str | None = None) -> Codec:
    write: Callable[[Any], str] = str
    if attribute is not None:

        def write(value: Any) -> str:
            text: str = getattr(value, attribute)
            return text

    def parse(value: Any) -> Any:
        text = _number_text(value)
        # "450100.0": a code that went through a float (pandas, a CSV export).
        whole = _WHOLE_FLOAT.fullmatch(text)
        return cls.parse(whole.group(1) if whole else text)

    return Codec("string", _canonical(cls, attribute), write, parse, schema, attribute)


_STRING: Final = {"type": "string"}
_DATE_CODEC: Final = Codec("string", _read_date, dt.date.isoformat, _parse_date, _DATE_SCHEMA)
_DATETIME_CODEC: Final = Codec(
    "string",
    _read_datetime,
    dt.datetime.isoformat,
    _read_datetime,
    {"type": "string", "format": "date-time"},
)
_USCC_CHARACTER: Final = "[0-9A-HJ-NPQRTUWXY]"
_PARTIAL_DATE_PATTERN: Final = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
_PARTIAL_DATE_SCHEMA: Final = {
    "type": "string",
    "pattern": _PARTIAL_DATE_PATTERN,
    "description": "A year (YYYY) or a year and month (YYYY-MM).",
}

#: Every leaf type's codec.
CODECS: Final[dict[Any, Codec]] = {
    # Any JSON value, taken as it is (within the limits, which see every part).
    Any: Codec("any", _same, _same, _same, {}),
    str: Codec("string", _read_str, _same, _parse_str, _STRING),
    int: Codec("integer", _read_int, _same, _parse_int, {"type": "integer"}),
    bool: Codec("boolean", _read_bool, _same, _parse_bool, {"type": "boolean"}),
    Decimal: Codec(
        "string",
        _read_decimal,
        _write_decimal,
        _parse_decimal,
        {"type": "string", "pattern": r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"},
    ),
    Money: Codec(
        "string",
        _read_money,
        Money.wire,
        _parse_money,
        {
            "type": "string",
            "pattern": r"^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$",
            "description": "Exact yuan as a decimal string, at most two places; never a number.",
        },
    ),
    pendulum.Date: _DATE_CODEC,
    dt.date: _DATE_CODEC,
    pendulum.DateTime: _DATETIME_CODEC,
    dt.datetime: _DATETIME_CODEC,
    PartialDate: _text_codec(PartialDate, _PARTIAL_DATE_SCHEMA),
    pendulum.Date | PartialDate: Codec(
        "string",
        _read_date_or_partial,
        _write_date_or_partial,
        _parse_date_or_partial,
        {"anyOf": [_DATE_SCHEMA, _PARTIAL_DATE_SCHEMA]},
    ),
    RegionCode: _text_codec(RegionCode, {"type": "string", "pattern": r"^[0-9]{6}$"}, "code"),
    USCC: _text_codec(
        USCC,
        {"type": "string", "pattern": f"^{_USCC_CHARACTER}{{2}}[0-9]{{6}}{_USCC_CHARACTER}{{10}}$"},
        "value",
    ),
    HighTechCertificateNumber: _text_codec(
        HighTechCertificateNumber, {"type": "string", "pattern": r"^GR[0-9]{12}$"}, "value"
    ),
    ProposalNumber: _text_codec(ProposalNumber, {"type": "string", "pattern": r"^[0-9]+$"}, "text"),
    DocumentNumber: _text_codec(
        DocumentNumber, {"type": "string", "pattern": r"^.+〔[0-9]{4}〕[1-9][0-9]*号$"}
    ),
}
