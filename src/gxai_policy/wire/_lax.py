"""
Lax mode and kept keys: a pass over a payload, guided by its shape, before the strict one.

Lax mode rewrites what forms and spreadsheets write (``是``, ``２０２１年４月２７日``,
``3.4亿元``, ``a、b、c`` for a list, stray whitespace) into the wire form,
through each leaf's `Codec.parse`, and reports each rewrite as a
``load.coerced`` warning.  With ``unknown="report"`` it notes each kept key
(``load.unknown_key_kept``, info), at whatever depth.  It never raises for
the input: what it cannot mend it leaves as it is, for the strict pass to
report.
"""

from __future__ import annotations

import math
import re
from typing import Any, Final

from attrs import frozen

from gxai_policy.errors import ValidationError, Violation, join_pointer
from gxai_policy.wire._limits import Limits
from gxai_policy.wire._rules import COERCED, UNKNOWN_KEY_KEPT, got, got_zh, shown
from gxai_policy.wire._shape import Code, Leaf, Optional, Record, Seq, Shape

# No __all__: a private module of gxai_policy.wire, which exports what is public.


def _blank(value: Any) -> bool:
    """
    Whether *value* is what a blank cell becomes: white space, or NaN (pandas' missing value).
    """
    if type(value) is str:
        return not value.strip()
    return type(value) is float and math.isnan(value)


_LIST_SEPARATORS: Final = re.compile(r"\s*[、,，;；]\s*")
# A numeral of this many characters a digit at most (十万零三 …): longer text
# is no number within the limits, and reading it would cost time for nothing.
_NUMERAL_CHARACTERS: Final = 4


@frozen
class Prepass:
    """
    One pass over one payload.

    Attributes:
        lax: Whether to rewrite values into the wire form.

        report: Whether to note keys kept in extras.

        limits: The load's limits: nothing is read past them.

        findings: Receives the coercions and kept keys.
    """

    lax: bool
    report: bool
    limits: Limits
    findings: list[Violation]

    def walk(self, shape: Shape, value: Any, path: str) -> Any:
        if value is None:
            return None
        if isinstance(shape, Optional):
            if self.lax and _blank(value):
                return self._coerced(path, value, None)
            return self.walk(shape.inner, value, path)
        if isinstance(shape, Seq):
            return self._sequence(shape, value, path)
        if isinstance(shape, Record):
            return self._record(shape, value, path)
        return self._leaf(shape, value, path) if self.lax else value

    def _coerced(self, path: str, was: Any, value: Any) -> Any:
        self.findings.append(
            COERCED.violation(path, **shown(was), value=got(value), value_zh=got_zh(value))
        )
        return value

    def _sequence(self, shape: Seq, value: Any, path: str) -> Any:
        if self.lax and type(value) is str:
            parts = [p for p in _LIST_SEPARATORS.split(value.strip()) if p]
            value = self._coerced(path, value, parts)
        if type(value) is not list and type(value) is not tuple:
            return value
        return [self.walk(shape.item, x, join_pointer(path, i)) for i, x in enumerate(value)]

    def _record(self, shape: Record, value: Any, path: str) -> Any:
        if type(value) is not dict:
            return value
        fields = {f.name: f for f in shape.fields}
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = key.strip() if self.lax and type(key) is str else key
            if name != key and name in fields:
                self._coerced(join_pointer(path, key), key, name)
            field = fields.get(name)
            if field is not None and self.lax and not field.required and _blank(item):
                # A blank cell (NaN from pandas, spaces) of a field that has a default.
                self.findings.append(
                    COERCED.violation(
                        join_pointer(path, name), **shown(item), value="missing", value_zh="缺失"
                    )
                )
                continue
            if field is None:
                if self.report and shape.keeps_extras:
                    self.findings.append(
                        UNKNOWN_KEY_KEPT.violation(join_pointer(path, key), key=key)
                    )
                out[key] = item
            else:
                out[name] = self.walk(field.shape, item, join_pointer(path, name))
        return out

    def _leaf(self, shape: Leaf | Code, value: Any, path: str) -> Any:
        mended = self._mend(shape, value)
        if mended is value or (mended == value and type(mended) is type(value)):
            return value
        return self._coerced(path, value, mended)

    def _mend(self, shape: Leaf | Code, value: Any) -> Any:  # noqa: PLR0911 - one case a kind
        """
        The wire form of a lax *value*, or *value* itself when it has none.
        """
        if isinstance(shape, Code):
            if type(value) is not str:
                return value
            try:
                return shape.cls.from_label(value).value
            except ValidationError:
                return value
        if shape.cls is str and type(value) is str:
            return value.strip()
        if (
            type(value) is str
            and shape.codec.json_type == "integer"
            and len(value) > _NUMERAL_CHARACTERS * self.limits.max_digits
        ):
            return value
        try:
            mended = shape.codec.write(shape.codec.parse(value))
        except ValidationError:
            return value.strip() if type(value) is str else value
        # What lax mode writes is held to the limits as what it was given.
        if type(mended) is int and abs(mended) >= 10**self.limits.max_digits:
            return value
        return mended
