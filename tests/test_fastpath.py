"""
The fast path of loading JSON: it accepts only what the detailed path accepts, and gives the same.
"""

from __future__ import annotations

from typing import Any

import attrs
import orjson
import pendulum
import pytest
from fuzzing import mutations
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.wire import _fast, _strict

# Every record and the bundle, each drawn by its registered strategy (st.from_type).
_TYPES = (gp.Proposal, gp.Reply, gp.Task, gp.Platform, gp.Scholar, gp.Enterprise, gp.Subsidy)
RECORDS = [(cls, st.from_type(cls)) for cls in (*_TYPES, gp.Dataset)]
_IDS = [cls.__name__ for cls, _ in RECORDS]

#: Limits the differential property runs under: the defaults, and each bound tight.
LIMIT_SETS = [
    gp.DEFAULT_LIMITS,
    gp.Limits(max_string=8),
    gp.Limits(max_depth=3),
    gp.Limits(max_digits=2),
    gp.Limits(max_string=12, max_depth=4, max_digits=4, max_values=30),
]
_LIMIT_IDS = ["defaults", "string-8", "depth-3", "digits-2", "all-tight"]


def _plan(cls: Any, limits: gp.Limits = gp.DEFAULT_LIMITS) -> _fast.Plan:
    plan = _fast.plan(cls, limits)
    assert plan is not None
    return plan


def _fast_or_none(plan: _fast.Plan, text: bytes) -> Any:
    """
    What *plan* loads from *text*, or None where it refuses (the plan itself is known to exist).
    """
    try:
        return plan.load(text)
    except Exception:  # noqa: BLE001 - any refusal sends the text to the detailed path
        return None


def _detailed(cls: Any, data: Any) -> Any:
    """
    The detailed path alone (from_dict never takes the fast one).
    """
    return gp.from_dict(cls, data)


def _shape(value: Any) -> Any:
    """
    The value with the type of every part: equal records of other types (a
    ``date`` for a ``pendulum.Date``, a list for a tuple) have other shapes.
    """
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        return (type(value), tuple(_shape(getattr(value, a.name)) for a in fields))
    if isinstance(value, list | tuple):
        return (type(value), tuple(_shape(x) for x in value))
    if isinstance(value, frozenset):
        return (frozenset, frozenset(_shape(x) for x in value))
    return (type(value), value)


class TestSameAsDetailed:
    @pytest.mark.parametrize(("cls", "strategy"), RECORDS, ids=_IDS)
    @given(data=st.data())
    def test_valid_records_load_fast_as_the_detailed_path_loads_them(self, cls, strategy, data):
        """
        Every valid record loads through the fast path, equal and of the same types throughout.
        """
        record = data.draw(strategy)
        fast = _plan(cls).load(gp.to_json(record))
        assert _shape(record) == _shape(fast)
        assert _shape(_detailed(cls, gp.to_dict(record))) == _shape(fast)

    @pytest.mark.parametrize("limits", LIMIT_SETS, ids=_LIMIT_IDS)
    @pytest.mark.parametrize(("cls", "strategy"), RECORDS, ids=_IDS)
    @given(data=st.data())
    def test_the_fast_path_never_accepts_what_the_detailed_path_refuses(
        self, cls, strategy, limits, data
    ):
        """
        A payload changed in one place: refused by both, or the same record from both,
        under every set of limits (a plan the limits rule out is not used at all).
        """
        payload = data.draw(mutations(strategy))
        text = orjson.dumps(payload)
        try:
            expected = gp.from_dict(cls, orjson.loads(text), limits=limits)
        except gp.ValidationError:
            expected = None
        plan = _fast.plan(cls, limits)
        usable = plan is not None and len(text) <= _fast.longest(limits)
        fast = _fast_or_none(plan, text) if usable else None
        if expected is None:
            assert fast is None
        elif fast is not None:
            assert _shape(expected) == _shape(fast)

    @pytest.mark.parametrize(
        "text",
        [
            "2021-10-20",
            "0001-01-01",
            "0000-01-01",
            "2021-02-30",
            "2021-1-2",
            "20211020",
            "2021-W42-3",
            "２０２１-１０-２０",
            "2021-10-20T00:00:00",
            "2021-10-20Z",
            " 2021-10-20",
            "+2021-10-20",
        ],
    )
    def test_msgspec_reads_the_dates_the_strict_hook_reads(self, text):
        """
        A date field read in C by msgspec takes exactly the text the strict hook takes.
        """
        payload = {
            "name": "某公司",
            "uscc": "91450100MA5KB1XW1C",
            "certificate": {"number": "GR202145000123", "issued_on": text},
        }
        try:
            expected = _detailed(gp.Enterprise, payload)
        except gp.ValidationError:
            expected = None
        fast = _fast_or_none(_plan(gp.Enterprise), orjson.dumps(payload))
        assert _shape(expected) == _shape(fast)

    @pytest.mark.parametrize("rule", [r for r in gp.RULES.values() if r.trigger == "load"])
    def test_no_rule_example_passes(self, rule):
        """
        Each rule's example payload, which breaks it, is refused by the fast path too.
        """
        plan = _plan(getattr(gp, rule.applies_to))
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            plan.load(orjson.dumps(rule.example))


class TestDumps:
    @pytest.mark.parametrize(("cls", "strategy"), RECORDS, ids=_IDS)
    @given(data=st.data())
    def test_records_dump_fast_as_the_converter_dumps_them(self, cls, strategy, data):
        """
        The written-out dumpers give the converter's plain data (to the types of its parts),
        and the one for orjson (tuples and codelist members left as they are) the same JSON.
        """
        records = data.draw(st.lists(strategy, max_size=2))
        plain = _strict.dump(records)
        dump = _fast.dumper(cls)
        assert _shape(plain) == _shape([dump(record) for record in records])
        dump_list = _fast.dumper(list[cls])
        assert _shape(plain) == _shape(dump_list(records))
        for_orjson = _fast.dumper(list[cls], for_orjson=True)
        assert orjson.dumps(plain) == orjson.dumps(for_orjson(records))
        assert orjson.dumps(plain) == gp.to_json_bytes(records)

    def test_kept_unknown_keys_dump_last_and_sorted(self):
        """
        Keys kept in extras (unknown='report') are written after the fields, sorted.
        """
        payload = {"remark": "备注", "name": "某公司", "uscc": "91450100MA5KB1XW1C", "a": 1}
        enterprise = gp.from_dict(gp.Enterprise, payload, unknown="report")
        assert ["a", "remark"] == list(gp.to_dict(enterprise))[-2:]

    def test_a_list_writes_kept_keys_of_the_records_that_have_them(self):
        """
        In a list, a record with kept unknown keys is written with them, its neighbours without.
        """
        payload = {"name": "某公司", "uscc": "91450100MA5KB1XW1C"}
        plain = gp.from_dict(gp.Enterprise, payload)
        kept = gp.from_dict(gp.Enterprise, payload | {"remark": "备注"}, unknown="report")
        records = [plain, kept, plain]
        expected = _strict.dump(records)
        assert "remark" in expected[1]
        assert expected == gp.to_dict(records)
        assert orjson.dumps(expected) == gp.to_json_bytes(records)


class TestLimits:
    def test_a_string_over_the_limit_is_left_to_the_detailed_path(self):
        """
        Under a short string limit, a long name is refused fast and reported by its code
        (a limit shorter than the plan's own keys and codes rules the plan out).
        """
        enterprise = {"name": "示例科技有限公司" * 4, "uscc": "91450100MA5KB1XW1C"}
        # Long enough for every key and code of a region code list, not for the name.
        limits = gp.Limits(max_string=12)
        plan = _plan(list[gp.RegionCode], limits)
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            plan.load(orjson.dumps(["4" * 13]))
        limits = gp.Limits(max_string=25)
        plan = _plan(gp.Enterprise, limits)
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            plan.load(orjson.dumps(enterprise))
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, orjson.dumps(enterprise), limits=limits)
        assert ["load.string_too_long"] == [v.code for v in info.value.violations]

    def test_a_date_over_the_string_limit_is_left_to_the_detailed_path(self):
        """
        Under a string limit shorter than a date, a date is refused fast and then by its code.
        """
        text = b'"2021-10-20"'
        assert pendulum.Date(2021, 10, 20) == _plan(pendulum.Date).load(text)
        limits = gp.Limits(max_string=9)
        plan = _plan(pendulum.Date, limits)
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            plan.load(text)
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(pendulum.Date, text, limits=limits)
        assert ["load.string_too_long"] == [v.code for v in info.value.violations]

    def test_sections_deeper_than_the_limit_are_too_deep(self):
        """
        Sections nest within a reply's rules but beyond a small max_depth: load.too_deep.
        """
        section: dict[str, Any] = {"number": "（1）", "paragraphs": ["加强顶层设计。"]}
        for marker in ("1.", "（一）", "一"):
            section = {"number": marker, "subsections": [section]}
        reply = {"recipient": "韦委员", "sections": [section]}
        text = orjson.dumps(reply)
        assert gp.from_json(gp.Reply, text).sections[0].number == "一"
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Reply, text, limits=gp.Limits(max_depth=8))
        assert ["load.too_deep"] == [v.code for v in info.value.violations]

    def test_keys_longer_than_the_string_limit_take_the_detailed_path(self):
        """
        A plan whose keys are longer than max_string is not used: the key is refused with its code.
        """
        text = b'{"name": "x", "uscc": "91450100MA5KB1XW1C"}'
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, text, limits=gp.Limits(max_string=3))
        assert {"load.string_too_long"} == {v.code for v in info.value.violations}

    def test_integers_beyond_the_limit_are_refused(self):
        """
        A term of more digits than max_digits is refused fast, then named by its code.
        """
        session = {"body": "cppcc", "term": 12, "meeting": 4}
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Session, orjson.dumps(session), limits=gp.Limits(max_digits=1))
        assert ["load.number_too_long"] == [v.code for v in info.value.violations]


class TestPlans:
    def test_types_without_a_wire_form_are_refused_by_name(self):
        """
        A union of records has no wire form: loading one is a TypeError that says what is taken.
        """
        union = gp.Enterprise | gp.Scholar
        with pytest.raises(TypeError, match="has no wire form"):
            gp.from_json(union, "{}")

    def test_limits_that_differ_only_in_size_share_a_plan(self):
        """
        max_bytes is checked before decoding: it does not make another plan.
        """
        small, large = gp.Limits(max_bytes=100), gp.Limits(max_bytes=10**6)
        assert _plan(gp.Enterprise, small) is _plan(gp.Enterprise, large)

    def test_plans_for_many_limits_stay_bounded(self):
        """
        A caller making new Limits for every load does not grow the plans kept without bound.
        """
        _fast._plan.cache_clear()
        for extra in range(300):
            limits = gp.Limits(max_string=1_000 + extra)
            assert gp.RegionCode("450100") == gp.from_json(gp.RegionCode, '"450100"', limits=limits)
        assert _fast._plan.cache_info().currsize < 300

    def test_a_value_type_alone_loads_fast(self):
        """
        A bare value type is one string: its strict hook reads it.
        """
        assert gp.RegionCode("450100") == _plan(gp.RegionCode).load(b'"450100"')

    def test_a_non_canonical_value_is_refused_fast(self):
        """
        A lower-case USCC is readable but not canonical: not for the fast path to accept.
        """
        with pytest.raises(gp.ValidationError):
            _plan(gp.USCC).load(b'"91450100ma5kb1xw1c"')
