"""
Records are valid however they are built: wrong types are violations, never other exceptions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
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


def _with_quick_test() -> list[type[Validated]]:
    found, stack = [], list(Validated.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls._all_hold is not None and cls.__module__.startswith("gxai_policy."):
            found.append(cls)
    return sorted(found, key=lambda c: c.__qualname__)


_BLANKS: Any = st.sampled_from(["", " ", "\u3000", None, ()])


def _records_in(value: Any, found: dict[type, list[Any]]) -> None:
    if isinstance(value, tuple | frozenset | list):
        for item in value:
            _records_in(item, found)
    elif attrs.has(type(value)):
        found.setdefault(type(value), []).append(value)
        for a in attrs.fields(type(value)):
            _records_in(getattr(value, a.name), found)


@functools.cache
def _unchecked_examples() -> dict[type, list[Any]]:
    """
    Every record inside the rules' examples, loaded with all invariants switched off, by class.

    Many break a rule: the examples are made to.
    """
    classes = {getattr(gp, r.applies_to, None) for r in gp.RULES.values()}
    classes = {c for c in classes if isinstance(c, type) and issubclass(c, Validated)}
    kept = {cls: (cls._invariants, cls._all_hold) for cls in classes | set(_with_quick_test())}
    found: dict[type, list[Any]] = {}
    for cls in kept:
        cls._invariants, cls._all_hold = (), None
    try:
        for rule in gp.RULES.values():
            cls = getattr(gp, rule.applies_to, None)
            if cls in kept and isinstance(rule.example, dict):
                # A rule of the load itself, or of a value type, still refuses.
                with contextlib.suppress(gp.ValidationError):
                    _records_in(gp.from_dict(cls, rule.example), found)
    finally:
        for cls, (invariants, quick) in kept.items():
            cls._invariants, cls._all_hold = invariants, quick
    return found


class TestQuickTests:
    """
    A record's one-expression test of its invariants never lets a broken record through.
    """

    def test_the_records_that_have_one(self) -> None:
        """
        The records built by the thousand have one, and rule examples that break each.
        """
        names = {cls.__name__ for cls in _with_quick_test()}

        assert {"Enterprise", "HighTechCertificate", "Section", "Span"} <= names
        assert all(_unchecked_examples().get(cls) for cls in _with_quick_test())

    @pytest.mark.parametrize("cls", _with_quick_test(), ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_quick_passes_only_what_the_invariants_pass(
        self, cls: type[Validated], data: st.DataObject
    ) -> None:
        """
        Fields mixed from a valid record and a broken one pass the quick test only if all hold.
        """
        broken_ones = _unchecked_examples().get(cls, [])
        first = data.draw(st.from_type(cls))
        second = data.draw(st.sampled_from(broken_ones) if broken_ones else st.from_type(cls))
        mixed = object.__new__(cls)
        for a in attrs.fields(cls):
            value = data.draw(
                st.sampled_from([getattr(first, a.name), getattr(second, a.name)]) | _BLANKS
            )
            object.__setattr__(mixed, a.name, value)
        try:
            broken = any(list(rule(mixed)) for rule in cls._invariants)
        except (TypeError, AttributeError):
            return  # a blank where an invariant reads into a value: no record holds it

        assert valid_by_quick(cls, mixed) <= (not broken)


def valid_by_quick(cls: type[Validated], record: Any) -> bool:
    try:
        return bool(cls._all_hold(record))
    except (TypeError, AttributeError):
        return False
