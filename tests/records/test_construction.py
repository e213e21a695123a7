"""
Records are valid however they are built: wrong types are violations, never other exceptions.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy._invariants import Validated

#: Every record (and bundle) a user can build, nested ones included.
RECORDS = sorted(
    (
        cls
        for name in gp.__all__
        if isinstance(cls := getattr(gp, name), type) and issubclass(cls, Validated)
    ),
    key=lambda cls: cls.__name__,
)

#: Values of many types; each field is given those its annotation does not admit.
POOL: tuple[Any, ...] = (
    5,
    -1,
    1.5,
    True,
    "x",
    " ",
    b"x",
    None,
    [1],
    ["x"],
    ("x",),
    {"a": 1},
    object(),
    Decimal("1.5"),
    dt.date(2021, 4, 27),
    pendulum.DateTime(2021, 4, 27, 12, tzinfo=pendulum.UTC),
    gp.Money.parse("1元"),
    gp.USCC("91450100MA5KB1XW1C"),
)


def _fits(hint: Any, value: Any) -> bool:
    """
    Whether *value* is of the annotated type, as a reader of the annotation would say.
    """
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(a, value) for a in args)
    if hint is type(None):
        return value is None
    if origin in (tuple, frozenset):
        return type(value) is origin and all(_fits(args[0], x) for x in value)
    if hint is pendulum.Date:
        return type(value) is pendulum.Date
    if hint in (str, int, bool):
        return type(value) is hint
    return isinstance(value, hint)


def _converted(a: attrs.Attribute[Any], value: Any) -> Any:
    # What the field would hold: converters turn a list into a tuple, strip text.
    return value if a.converter is None else a.converter(value)


@given(data=st.data())
@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__name__)
def test_a_wrong_type_in_any_field_is_a_violation_naming_it(cls, data):
    """
    A valid record with any one field replaced by a value of another type is refused, at that field.
    """
    record = data.draw(st.from_type(cls))
    hints = typing.get_type_hints(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    a = data.draw(st.sampled_from(fields), label="field")
    wrong = [v for v in POOL if not _fits(hints[a.name], _converted(a, v))]
    value = data.draw(st.sampled_from(wrong), label="value")
    with pytest.raises(gp.ValidationError) as info:
        attrs.evolve(record, **{a.name: value})
    paths = [v.path for v in info.value.violations if v.code == "record.wrong_type"]
    assert any(p == f"/{a.name}" or p.startswith(f"/{a.name}/") for p in paths)


class TestMessages:
    def test_a_str_for_a_value_type_says_how_to_parse_it(self):
        """
        The message names the type, the value given, and what to call instead.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Enterprise(name="示例科技有限公司", uscc="91450100MA5KB1XW1C")  # type: ignore[arg-type]
        (violation,) = info.value.violations
        assert (
            "uscc must be a gp.USCC, got str '91450100MA5KB1XW1C';"
            " use gp.USCC.parse(…) or load with gp.from_dict"
        ) == violation.message
        assert "gp.USCC.parse(…)" in violation.message_zh

    def test_a_code_for_a_codelist_says_which_member(self):
        """
        A codelist's code given as text points at the member to use.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Platform(
                name="某重点实验室",
                kind="key_laboratory",  # type: ignore[arg-type]
                level=gp.PlatformLevel.AUTONOMOUS_REGION,
                status=gp.PlatformStatus.UNDER_CONSTRUCTION,
            )
        assert ["/kind"] == [v.path for v in info.value.violations]
        assert "use gp.PlatformKind('key_laboratory')" in info.value.violations[0].message

    def test_wrong_types_come_with_the_rules_that_can_be_judged(self):
        """
        Every wrong field at once, beside the record's rules over the others.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Enterprise(
                name=" ",
                uscc=gp.USCC("91450100MA5KB1XW1C"),
                is_ai="yes",  # type: ignore[arg-type]
                sectors=["smart_park"],  # type: ignore[arg-type]
            )
        assert [
            ("/is_ai", "record.wrong_type"),
            ("/sectors", "record.wrong_type"),
            ("/name", "enterprise.name_empty"),
        ] == [(v.path, v.code) for v in info.value.violations]

    def test_a_wrong_item_is_named_by_its_index(self):
        """
        In a tuple of the right container, the wrong item is the one pointed at.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Task(
                id="1",
                plan="若干政策措施",
                title="建设创新平台",
                leads=("自治区科学技术厅", 5),  # type: ignore[arg-type]
                status=gp.TaskStatus.IN_PROGRESS,
            )
        assert ["/leads/1"] == [v.path for v in info.value.violations]

    def test_a_subclass_of_a_record_is_welcome_where_the_record_is(self):
        """
        The exact-type fast check is not the rule: a subclass passes the precise one.
        """

        @attrs.frozen
        class Certificate(gp.HighTechCertificate):
            pass

        certificate = Certificate(
            number=gp.HighTechCertificateNumber("GR202145000123"),
            issued_on=pendulum.Date(2021, 10, 9),
        )
        enterprise = gp.Enterprise(
            name="示例科技有限公司",
            uscc=gp.USCC("91450100MA5KB1XW1C"),
            certificate=certificate,
        )
        assert certificate is enterprise.certificate

    def test_a_datetime_is_not_a_day(self):
        """
        A pendulum DateTime is a Date to isinstance, but refused where a day is meant.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.HighTechCertificate(
                number=gp.HighTechCertificateNumber("GR202145000123"),
                issued_on=pendulum.datetime(2021, 10, 9),  # type: ignore[arg-type]
            )
        assert ["/issued_on"] == [v.path for v in info.value.violations]

    def test_loaders_check_types_once(self):
        """
        A load gives the same record as construction; a bad payload still fails at its field.
        """
        payload = {"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C", "is_ai": True}
        assert gp.Enterprise(
            name="示例科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C"), is_ai=True
        ) == gp.from_dict(gp.Enterprise, payload)
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(gp.Enterprise, payload | {"is_ai": "yes"})
        assert ["load.wrong_type"] == list(info.value.codes)
