"""
The JSON edge's contract: one round, bugs stay bugs, bounded work and output, text is text.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

import gxai_policy as gp
from gxai_policy.rules import Trigger
from gxai_policy.wire import _fast
from gxai_policy.wire._shape import Code, Leaf, Optional, Record, Seq, shape_of

ENTERPRISE: dict[str, Any] = {"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"}
CERTIFIED = ENTERPRISE | {"certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"}}
SECTION: dict[str, Any] = {"number": "一", "paragraphs": ["加强顶层设计。"]}
REPLY: dict[str, Any] = {"recipient": "某委员", "sections": [SECTION]}


def _error(cls: Any, data: Any, **options: Any) -> gp.ValidationError:
    with pytest.raises(gp.ValidationError) as info:
        gp.from_dict(cls, data, **options)
    return info.value


#: For each record rule, the pointers it reads besides the one its violation points
#: at, as prefixes (a rule is skipped, never guessed, when one of them fails to load).
READS: dict[str, tuple[str, ...]] = {
    # A nested record or a list of them is read whole: one bad field fails it all.
    # The province is the city's when one is given.
    "certificate.province_mismatch": ("/certificate", "/city"),
    "certificate.year_mismatch": ("/certificate/issued_on",),
    "dataset.duplicate_enterprise": ("/enterprises",),
    # A span is judged from both ends: a start that did not load leaves no range.
    "source.span_range": ("/start",),
    "dataset.duplicate_platform": ("/platforms",),
    "dataset.duplicate_proposal": ("/proposals",),
    "dataset.duplicate_reply": ("/replies",),
    "dataset.duplicate_scholar": ("/scholars",),
    "dataset.duplicate_task": ("/tasks",),
    "platform.accepted_before_approved": ("/status", "/approved_on"),
    "platform.accepted_on_missing": ("/status",),
    "platform.accepted_on_unexpected": ("/status",),
    "platform.evaluation_before_approval": ("/approved_on", "/evaluations"),
    "platform.evaluation_duplicate": ("/evaluations",),
    "platform.evaluation_order": ("/evaluations",),
    "platform.kind_level": ("/kind",),
    "proposal.assigned_on_missing": ("/status",),
    "proposal.body_with_others": ("/proposers",),
    "proposal.date_order": ("/submitted_on",),
    "proposal.extension_early": ("/assigned_on", "/extension"),
    "proposal.extension_order": ("/extension/granted_on",),
    "proposal.extension_unassigned": ("/extension",),
    "proposal.extension_until": ("/assigned_on", "/extension"),
    "proposal.feedback_early": ("/status",),
    "proposal.handler_duplicate": ("/handlers",),
    "proposal.handlers_missing": ("/status",),
    "proposal.kind_mismatch": ("/session",),
    # A merged_into that did not load still counts as given.
    "proposal.merge_incomplete": ("/merged_into",),
    "proposal.number_year_mismatch": ("/session",),
    "proposal.proposer_duplicate": ("/proposers",),
    "proposal.ref_year_with_session": ("/session",),
    "proposal.replied_on_missing": ("/status",),
    "proposal.returned_with_handlers": ("/status",),
    "proposal.sole_not_alone": ("/handlers",),
    "reply.section_depth": ("/sections",),
    "reply.span_range": ("/spans/0/start",),
    "scholar.term_order": ("/term_start",),
    "subsidy.award_out_of_range": ("/kind", "/policy"),
    "subsidy.granted_before_year": ("/year",),
    "subsidy.rd_basis_missing": ("/kind",),
    "subsidy.rd_over_cap": ("/kind", "/policy"),
    "subsidy.rd_over_rate": ("/kind", "/policy", "/basis"),
    "subsidy.recipient_key_not_canonical": ("/recipient/kind",),
    "subsidy.recipient_mismatch": ("/kind", "/recipient"),
    "subsidy_policy.award_range": ("/award_max",),
    "subsidy_policy.effective_inverted": ("/effective_from",),
    "task.closed_on_missing": ("/status",),
    "task.closed_on_unexpected": ("/status",),
    "task.report_after_close": ("/closed_on", "/reports"),
    "task.reports_order": ("/reports",),
    # The partners' checks read the leads: a partner may not also lead.
    "task.unit_empty": ("/leads",),
    "task.unit_lead_and_partner": ("/leads",),
}


def _siblings(payload: Any, path: str) -> list[tuple[str, str]]:
    """
    Every (object pointer, key) on *path* through *payload* whose key is not on the path.
    """
    parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
    found: list[tuple[str, str]] = []
    pointer, node = "", payload
    for depth in range(len(parts) + 1):
        step = parts[depth] if depth < len(parts) else None
        if isinstance(node, dict):
            found.extend((pointer, key) for key in node if key != step)
        if step is None:
            break
        node = node[int(step)] if isinstance(node, list) else node.get(step)
        pointer = f"{pointer}/{step}"
        if node is None:
            break
    return found


def _corrupt(payload: Any, pointer: str, key: str) -> Any:
    """
    A deep copy of *payload* with the value at *pointer*/*key* of a wrong JSON type.
    """
    copy = orjson.loads(orjson.dumps(payload))
    node = copy
    for step in pointer.split("/")[1:]:
        node = node[int(step)] if isinstance(node, list) else node[step]
    node[key] = "yes" if type(node[key]) is bool else True
    return copy


def _places(error: gp.ValidationError) -> list[tuple[str, str]]:
    return [(v.path, v.code) for v in error.violations]


def laughs(depth: int, leaf: Any = "smart_park") -> list[Any]:
    """
    A "billion laughs": one list held twice at each of *depth* levels, 2^depth leaves in all.
    """
    value: list[Any] = [leaf]
    for _ in range(depth):
        value = [value, value]
    return value


class TestShapes:
    def test_each_kind_of_type_has_its_shape(self):
        """
        Records, value types, codelists, optionals and sequences each get their own shape.
        """
        assert isinstance(shape_of(gp.Enterprise), Record)
        assert isinstance(shape_of(gp.USCC), Leaf)
        assert isinstance(shape_of(gp.ScenarioDomain), Code)
        assert isinstance(shape_of(gp.USCC | None), Optional)
        assert isinstance(shape_of(tuple[gp.USCC, ...]), Seq)

    def test_shapes_are_worked_out_once(self):
        """
        The shape of a type is cached: asking twice gives the same tree.
        """
        assert shape_of(gp.Reply) is shape_of(gp.Reply)

    def test_a_record_holding_itself_has_a_finite_shape(self):
        """
        A section's subsections are sections: the tree refers back to the same record.
        """
        from gxai_policy.records.reply import Section

        (subsections,) = (f for f in shape_of(Section).fields if f.name == "subsections")
        assert isinstance(subsections.shape, Seq)
        assert subsections.shape.item is shape_of(Section)


class TestOneRound:
    def test_bad_fields_and_broken_rules_in_one_error(self):
        """
        A bad USCC check character and a blank name are reported together.
        """
        payload = ENTERPRISE | {"name": " ", "uscc": "91450100MA5KB1XW1X"}
        expected = [("/uscc", "uscc.check_digit"), ("/name", "enterprise.name_empty")]
        assert expected == _places(_error(gp.Enterprise, payload))
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, orjson.dumps(payload))
        assert expected == _places(info.value)

    def test_rules_over_a_field_that_failed_are_skipped(self):
        """
        A certificate that did not load is not judged by the province rule: no guess.
        """
        payload = CERTIFIED | {"name": "", "certificate": {"number": "GR2021", "issued_on": "x"}}
        codes = _error(gp.Enterprise, payload).codes
        assert "enterprise.name_empty" in codes
        assert "certificate.province_mismatch" not in codes

    def test_a_rule_is_judged_beside_a_bad_field_it_does_not_read(self):
        """
        A Scholar with a wrong-typed post and a blank host gets both, the host named by a stand-in.
        """
        payload = {
            "programme": "bagui_scholar",
            "post": 5,
            "host": " ",
            "term_start": "2019-01-01",
            "term_end": "2018-12-31",
        }
        assert [
            ("/post", "load.wrong_type"),
            ("/host", "scholar.host_empty"),
            ("/term_end", "scholar.term_order"),
        ] == _places(_error(gp.Scholar, payload))

    @pytest.mark.parametrize(
        "rule",
        [
            rule
            for rule in gp.RULES.values()
            if rule.trigger is Trigger.LOAD
            and isinstance(rule.example, dict)
            and attrs.has(getattr(gp, rule.applies_to))
        ],
        ids=lambda rule: rule.code,
    )
    def test_every_record_rule_survives_a_bad_field_beside_it(self, rule):
        """
        Each record rule still fires when any field it does not read fails to load.

        What a rule reads besides the field it points at is listed in
        `READS`; every other key of every object on the violation's path is
        made a wrong type in turn.
        """
        cls = getattr(gp, rule.applies_to)
        paths = [v.path for v in _error(cls, rule.example).violations if v.code == rule.code]
        assert paths
        for path in paths:
            for pointer, key in _siblings(rule.example, path):
                bad = f"{pointer}/{key}"
                if any(bad == r or bad.startswith(r + "/") for r in READS.get(rule.code, ())):
                    continue
                error = _error(cls, _corrupt(rule.example, pointer, key))
                assert any(p == bad and c.startswith("load.") for p, c in _places(error))
                assert rule.code in error.codes, bad

    def test_nested_records_report_their_own_rules_beside_a_bad_sibling(self):
        """
        In a bundle, a bad enterprise beside one with a broken rule gives both.
        """
        bad_type = ENTERPRISE | {"is_ai": "yes"}
        blank = ENTERPRISE | {"name": " ", "uscc": "91450100MA5KB1XW1X"}
        error = _error(list[gp.Enterprise], [bad_type, blank])
        assert [
            ("/0/is_ai", "load.wrong_type"),
            ("/1/uscc", "uscc.check_digit"),
            ("/1/name", "enterprise.name_empty"),
        ] == _places(error)


class TestBugsStayBugs:
    def test_an_exception_in_a_record_rule_propagates_as_itself(self, monkeypatch):
        """
        A TypeError raised by library code is not dressed up as bad input.
        """

        def broken(_self: Any) -> Any:
            raise TypeError("a bug in a rule")

        monkeypatch.setattr(gp.Enterprise, "_invariants", (broken,))
        # Without its quick test, which would find the (valid) record valid first.
        monkeypatch.setattr(gp.Enterprise, "_all_hold", None)
        with pytest.raises(TypeError, match="a bug in a rule"):
            gp.from_dict(gp.Enterprise, ENTERPRISE)
        with pytest.raises(TypeError, match="a bug in a rule"):
            gp.from_json(gp.Enterprise, orjson.dumps(ENTERPRISE))
        # Also when the rules run over the fields that loaded, beside a bad one.
        with pytest.raises(TypeError, match="a bug in a rule"):
            gp.from_dict(gp.Enterprise, {**ENTERPRISE, "is_ai": "yes"})

    def test_an_exception_in_a_value_type_propagates_as_itself(self, monkeypatch):
        """
        A value type that fails with something other than ValidationError fails the load.
        """

        def broken(text: str) -> Any:
            raise KeyError(text)

        monkeypatch.setattr(gp.Money, "from_wire", broken)
        payload = {
            "kind": "certification_award",
            "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
            "amount": "50000",
            "year": 2021,
        }
        with pytest.raises(KeyError):
            gp.from_dict(gp.Subsidy, payload)


class TestUnknownAtEveryDepth:
    def test_a_key_inside_a_certificate_is_kept_on_the_certificate(self):
        """
        unknown='report' keeps a nested record's unknown key on it, reported at its own pointer.
        """
        payload = CERTIFIED | {"certificate": CERTIFIED["certificate"] | {"remark": "复审"}}
        findings: list[gp.Violation] = []
        enterprise = gp.from_dict(gp.Enterprise, payload, unknown="report", findings=findings)
        assert enterprise.certificate is not None
        assert {"remark": "复审"} == enterprise.certificate.extras.wire()
        assert [("/certificate/remark", "load.unknown_key_kept")] == [
            (v.path, v.code) for v in findings
        ]
        assert payload["certificate"] == gp.to_dict(enterprise)["certificate"]
        assert enterprise == gp.from_json(gp.Enterprise, gp.to_json(enterprise), unknown="report")

    def test_a_key_inside_a_nested_section_is_kept_on_that_section(self):
        """
        A subsection's unknown key stays on the subsection, however deep.
        """
        inner = SECTION | {"number": "（一）", "note": 1}
        payload = REPLY | {"sections": [SECTION | {"subsections": [inner]}]}
        findings: list[gp.Violation] = []
        reply = gp.from_dict(gp.Reply, payload, unknown="report", findings=findings)
        assert {"note": 1} == reply.sections[0].subsections[0].extras.wire()
        assert ["/sections/0/subsections/0/note"] == [v.path for v in findings]
        assert 1 == gp.to_dict(reply)["sections"][0]["subsections"][0]["note"]

    def test_forbid_names_the_nested_key(self):
        """
        unknown='forbid' refuses a nested unknown key at its own pointer.
        """
        payload = CERTIFIED | {"certificate": CERTIFIED["certificate"] | {"remark": "复审"}}
        assert [("/certificate/remark", "load.unknown_key")] == _places(
            _error(gp.Enterprise, payload)
        )


class TestKeptValues:
    @pytest.mark.parametrize(
        "value",
        [math.nan, math.inf, b"bytes", {1, 2}, 2**64, -(2**63) - 1, {1: "a"}, [object()]],
        ids=["nan", "inf", "bytes", "set", "u64+1", "i64-1", "int-key", "object"],
    )
    def test_only_json_values_are_kept(self, value):
        """
        A kept value that is no JSON value is refused, with its own code and pointer.
        """
        error = _error(gp.Enterprise, ENTERPRISE | {"remark": value}, unknown="report")
        assert {"load.not_json_value", "load.wrong_type"} >= set(error.codes)
        assert all(v.path.startswith("/remark") for v in error.violations)

    def test_kept_values_are_copies_that_cannot_change(self):
        """
        Changing the caller's input after a load changes nothing in the record.
        """
        remark: dict[str, Any] = {"tags": ["a"], "n": {"x": 1}}
        enterprise = gp.from_dict(gp.Enterprise, ENTERPRISE | {"remark": remark}, unknown="report")
        remark["tags"].append("b")
        remark["n"]["x"] = 2
        assert {"remark": {"n": {"x": 1}, "tags": ["a"]}} == enterprise.extras.wire()
        with pytest.raises(TypeError):
            enterprise.extras["remark"]["n"]["x"] = 3
        assert ("a",) == enterprise.extras["remark"]["tags"]
        assert hash(enterprise) == hash(attrs.evolve(enterprise))


class TestSharedData:
    @pytest.mark.parametrize("unknown", ["forbid", "ignore", "report"])
    @pytest.mark.parametrize("mode", ["strict", "lax"])
    @pytest.mark.parametrize(
        "cls",
        [gp.Proposal, gp.Reply, gp.Task, gp.Platform, gp.Scholar, gp.Enterprise, gp.Subsidy],
    )
    def test_a_billion_laughs_is_refused_by_count(self, cls, mode, unknown):
        """
        Forty levels of one list held twice are refused as too many values, not walked.
        """
        error = _error(cls, {"remark": laughs(40)}, mode=mode, unknown=unknown)
        assert ("load.too_many_values",) == error.codes

    @pytest.mark.parametrize("unknown", ["forbid", "ignore", "report"])
    def test_shared_sections_are_counted_as_they_expand(self, unknown):
        """
        A reply whose sections are one section held 2^40 times over is refused by count.
        """
        payload = REPLY | {"sections": laughs(40, SECTION)}
        assert ("load.too_many_values",) == _error(gp.Reply, payload, unknown=unknown).codes

    def test_the_count_is_a_limit_of_its_own(self):
        """
        Data within max_values loads; one value more is refused.
        """
        values = ["450100"] * 9  # the list and its nine strings: ten values
        assert 9 == len(gp.from_dict(list[gp.RegionCode], values, limits=gp.Limits(max_values=10)))
        error = _error(list[gp.RegionCode], values, limits=gp.Limits(max_values=9))
        assert ("load.too_many_values",) == error.codes


class TestBoundedErrors:
    def test_a_hundred_thousand_bad_items_give_a_bounded_list(self):
        """
        The list stops at max_errors; its last violation says how many more there were.
        """
        error = _error(list[gp.RegionCode], [1] * 100_000)
        assert 100 == len(error.violations)
        last = error.violations[-1]
        assert ("", "load.too_many_errors") == (last.path, last.code)
        assert "99901 more" in last.message
        assert {"load.wrong_type"} == set(error.codes[:-1])

    def test_the_cap_is_a_limit(self):
        """
        max_errors sets the length of the list, its summary included.
        """
        error = _error(list[gp.RegionCode], [1, 2, 3, 4], limits=gp.Limits(max_errors=3))
        assert ["/0", "/1", ""] == [v.path for v in error.violations]
        assert "2 more" in error.violations[-1].message

    def test_caps_of_every_size_share_the_hooks(self):
        """
        A caller making new Limits for every load does not make new hooks: the cap is the call's.
        """
        from gxai_policy.wire import _strict

        for cap in range(1, 60):
            error = _error(list[gp.RegionCode], [1] * 80, limits=gp.Limits(max_errors=cap))
            assert cap == len(error.violations)
        assert _strict.converter.cache_info().currsize <= 3

    def test_a_bad_code_does_not_list_the_codelist(self):
        """
        A codelist's codes are in the schema and the docs, not in every message.
        """
        error = _error(gp.Enterprise, ENTERPRISE | {"sectors": ["smart_moon"]})
        (violation,) = error.violations
        assert "smart_park" not in violation.message
        assert "ScenarioDomain" in violation.message
        assert len(violation.message) < 80


class TestTextIsText:
    def test_a_lone_surrogate_in_plain_data_is_refused(self):
        """
        from_dict refuses a string that UTF-8 cannot write, at its pointer.
        """
        error = _error(gp.Enterprise, ENTERPRISE | {"name": "示例\udc80科技"})
        assert [("/name", "load.bad_text")] == _places(error)

    def test_a_lone_surrogate_in_a_key_is_refused(self):
        """
        A key holding a lone surrogate is refused too, whatever the unknown mode.
        """
        for unknown in ("forbid", "report"):
            error = _error(gp.Enterprise, ENTERPRISE | {"\ud800": 1}, unknown=unknown)
            assert ("load.bad_text",) == error.codes

    @pytest.mark.parametrize(
        "text",
        ['{"name": "\\udc80", "uscc": "91450100MA5KB1XW1C"}', '["\udc80"]'],
        ids=["escape", "str"],
    )
    def test_a_lone_surrogate_in_json_text_is_refused(self, text):
        """
        from_json refuses the same text with the same code, escaped or not.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(list[str] if text.startswith("[") else gp.Enterprise, text)
        assert ("load.bad_text",) == info.value.codes


class TestFastNeverLaxer:
    @pytest.mark.parametrize("max_string", [1, 5, 9, 10])
    def test_codes_longer_than_the_string_limit_take_the_detailed_path(self, max_string):
        """
        Under a max_string shorter than a code, the code is refused as the detailed path does.
        """
        text = orjson.dumps(ENTERPRISE | {"sectors": ["smart_park"]})
        limits = gp.Limits(max_string=max(max_string, 50))
        assert gp.from_json(gp.Enterprise, text, limits=limits).sectors
        short = gp.Limits(max_string=max_string)
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, text, limits=short)
        assert {"load.string_too_long"} == set(info.value.codes)

    def test_a_plan_knows_its_longest_code(self):
        """
        The plan's longest text counts codelist values, not only keys.
        """
        plan = _fast.plan(list[gp.ScenarioDomain], gp.DEFAULT_LIMITS)
        assert plan is not None
        assert max(len(m.value) for m in gp.ScenarioDomain) == plan.longest_text

    def test_text_that_may_hold_more_values_than_allowed_goes_the_detailed_way(self):
        """
        max_values is held for JSON text too: the fast path does not count, so it stands aside.
        """
        text = orjson.dumps(["450100"] * 20)
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(list[gp.RegionCode], text, limits=gp.Limits(max_values=10))
        assert ("load.too_many_values",) == info.value.codes


class TestMisuse:
    def test_swapped_arguments_say_what_is_expected(self):
        """
        from_dict(data, cls) is a TypeError that names what cls may be.
        """
        with pytest.raises(TypeError, match=r"from_dict\(cls, \.\.\.\): .* has no wire form"):
            gp.from_dict(ENTERPRISE, gp.Enterprise)  # type: ignore[arg-type]

    @pytest.mark.parametrize("cls", [complex, dict, gp.Enterprise | gp.Scholar, list])
    def test_unsupported_types_are_type_errors(self, cls):
        """
        A type without a wire form is a TypeError for every loader, not cattrs' advice.
        """
        for call in (
            lambda: gp.from_dict(cls, {}),
            lambda: gp.from_json(cls, "{}"),
            lambda: gp.iter_jsonl(cls, io.StringIO("{}\n")),
            lambda: gp.json_schema(cls),
        ):
            with pytest.raises(TypeError, match="has no wire form"):
                call()

    def test_iter_jsonl_takes_a_path(self, tmp_path: Path):
        """
        A path, as a str or a Path, is opened and read.
        """
        path = tmp_path / "cities.jsonl"
        path.write_text('"450100"\n"4501"\n', encoding="utf-8")
        for source in (path, str(path)):
            assert [True, False] == [line.ok for line in gp.iter_jsonl(gp.RegionCode, source)]

    @pytest.mark.parametrize("source", [b'"450100"\n', 450100, None])
    def test_iter_jsonl_refuses_what_is_not_lines(self, source):
        """
        Bytes or a number are not lines: a TypeError that says what is, not one error a byte.
        """
        with pytest.raises(TypeError, match="open file, an iterable of lines"):
            gp.iter_jsonl(gp.RegionCode, source)

    def test_hostile_key_classes_are_wrong_types(self):
        """
        A key whose class is named like a builtin is refused as a wrong type, not a crash.
        """
        for name in ("int", "dict", "list", "tuple", "str"):
            key = type(name, (), {})()
            error = _error(gp.Enterprise, ENTERPRISE | {key: 1})
            assert ("load.wrong_type",) == error.codes

    def test_hostile_text_subclasses_are_read_as_text(self):
        """
        A str or bytes subclass with hostile methods is read by its contents, not its methods.
        """

        class Hostile(str):
            __slots__ = ()

            def _hostile(self, *_: Any, **__: Any) -> Any:
                raise RuntimeError("hostile")

            removeprefix = encode = strip = _hostile

        text = Hostile('"450100"')
        assert gp.RegionCode("450100") == gp.from_json(gp.RegionCode, text)

    def test_a_crafted_class_name_is_never_run(self):
        """
        The fast path never pastes a class's name into the code it writes.
        """
        cls = attrs.make_class("X(): pass\nraise SystemExit\ndef Y", {"name": attrs.field()})
        cls.__annotations__ = {"name": str}
        record = cls(name="a")
        assert b'{"name":"a"}' == gp.to_json_bytes(record)
        assert record == gp.from_json(cls, b'{"name":"a"}')


class TestLaxWithinLimits:
    SUBSIDY: dict[str, Any] = {  # noqa: RUF012 - read only
        "kind": "rd_input",
        "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
        "amount": "1",
        "basis": "5",
    }

    @pytest.mark.parametrize("times", [3, 199, 45_000])
    def test_long_chinese_numerals_are_not_read_past_the_limits(self, times):
        """
        A numeral longer than max_digits allows is left for the strict load to refuse by type.
        """
        year = "九亿" * times
        error = _error(gp.Subsidy, self.SUBSIDY | {"year": year}, mode="lax")
        if times == 3:
            assert ("subsidy.year_out_of_range",) == error.codes
        else:
            assert ("load.wrong_type",) == error.codes
            assert len(error.violations[0].message) < 100


class TestJsonlLosesNoLine:
    GOOD = b'"450100"'

    def _read(self, path: Path, *, text: bool) -> list[tuple[int, bool]]:
        opened = path.open("r", encoding="utf-8") if text else path.open("rb")
        with opened as fp:
            return [(r.line, r.ok) for r in gp.iter_jsonl(gp.RegionCode, fp)]

    @pytest.mark.parametrize("text", [True, False], ids=["text", "binary"])
    def test_a_carriage_return_inside_a_line_keeps_the_numbering(self, tmp_path, text):
        """
        A \\r inside a line neither splits it nor shifts the lines after it.
        """
        path = tmp_path / "cr.jsonl"
        path.write_bytes(b'["450100",\r"450200"]\n' + self.GOOD + b"\n" + self.GOOD + b"\n")
        assert [(1, False), (2, True), (3, True)] == self._read(path, text=text)

    @pytest.mark.parametrize("text", [True, False], ids=["text", "binary"])
    def test_carriage_return_line_endings_are_one_bad_line(self, tmp_path, text):
        """
        Lines ended by \\r alone are one line that is no JSON; the \\n-ended lines load.
        """
        path = tmp_path / "cr-only.jsonl"
        path.write_bytes(self.GOOD + b"\r" + self.GOOD + b"\r\n" + self.GOOD + b"\r\n")
        assert [(1, False), (2, True)] == self._read(path, text=text)

    def test_an_item_that_is_not_text_is_a_bad_line(self):
        """
        An iterable of lines holding a number gives a bad line there; the others load.
        """
        lines: list[Any] = ['"450100"', 450100, b'"450200"']
        results = list(gp.iter_jsonl(gp.RegionCode, lines))
        assert [(1, True), (2, False), (3, True)] == [(r.line, r.ok) for r in results]
        assert results[1].error is not None
        assert ("load.bad_json",) == results[1].error.codes

    def test_an_over_long_line_in_a_text_file_is_one_bad_line(self, tmp_path):
        """
        From a text file, a line over max_bytes is refused unread and the next one loads.
        """
        path = tmp_path / "long.jsonl"
        path.write_bytes(b'"' + b"4" * 100 + b'"\n' + self.GOOD + b"\n")
        with path.open(encoding="utf-8") as fp:
            results = list(gp.iter_jsonl(gp.RegionCode, fp, limits=gp.Limits(max_bytes=20)))
        assert [(1, False), (2, True)] == [(r.line, r.ok) for r in results]
        assert results[0].error is not None
        assert ("load.too_large",) == results[0].error.codes


class TestCodelistsAtTheTop:
    @pytest.mark.parametrize("value", [None, 1, "nonsense", ["smart_park"]])
    def test_a_bad_code_at_the_top_is_a_violation(self, value):
        """
        A codelist loaded on its own refuses a bad value with load.bad_code, not a bare ValueError.
        """
        with pytest.raises(gp.ValidationError) as caught:
            gp.from_dict(gp.ScenarioDomain, value)
        assert [("load.bad_code", "")] == [(v.code, v.path) for v in caught.value.violations]

    @pytest.mark.parametrize("member", list(gp.ScenarioDomain))
    def test_a_code_at_the_top_is_written_as_a_plain_string(self, member):
        """
        to_dict writes a member as its code, a plain str, which from_dict reads back.
        """
        data = gp.to_dict(member)
        assert (str, member.value) == (type(data), data)
        assert member is gp.from_dict(gp.ScenarioDomain, data)
