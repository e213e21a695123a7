"""
The serialization edge: strict and lax loading, unknown keys, JSON, JSONL, errors.
"""

from __future__ import annotations

import io
import itertools
import pickle
import tracemalloc
from decimal import Decimal
from typing import Any

import orjson
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy import strategies as gst
from gxai_policy import wire

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "city": "450100",
    "is_ai": True,
    "sectors": ["intelligent_manufacturing"],
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
    "source": None,
}
SUBSIDY: dict[str, Any] = {
    "kind": "rd_input",
    "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
    "amount": "200000",
    "year": 2021,
    "basis": "1000000",
    "policy": "guangxi_2021",
}


def _codes(cls: Any, data: Any, **options: Any) -> dict[str, str]:
    with pytest.raises(gp.ValidationError) as info:
        gp.from_dict(cls, data, **options)
    return {v.path: v.code for v in info.value.violations}


RECORDS = [
    (gp.Proposal, gst.proposals()),
    (gp.Reply, gst.replies()),
    (gp.Task, gst.tasks()),
    (gp.Platform, gst.platforms()),
    (gp.Scholar, gst.scholars()),
    (gp.Enterprise, gst.enterprises()),
    (gp.Subsidy, gst.subsidies()),
]


class TestRoundTrip:
    @pytest.mark.parametrize(("cls", "strategy"), RECORDS, ids=lambda x: getattr(x, "__name__", ""))
    @given(data=st.data())
    def test_every_record_round_trips(self, cls, strategy, data):
        """
        from_dict(to_dict(x)) and from_json(to_json(x)) give x back for every record.
        """
        record = data.draw(strategy)
        assert record == gp.from_dict(cls, gp.to_dict(record))
        assert record == gp.from_json(cls, gp.to_json(record))

    @given(st.lists(gst.enterprises(), max_size=4))
    def test_lists_round_trip_and_json_is_canonical(self, enterprises):
        """
        A list of records round-trips; equal records give equal text.
        """
        text = gp.to_json(enterprises)
        loaded = gp.from_json(list[gp.Enterprise], text)
        assert enterprises == loaded
        assert text == gp.to_json(loaded)

    @given(st.lists(gst.replies(), max_size=3))
    def test_json_bytes_are_the_json_text_in_utf8(self, replies):
        """
        to_json_bytes gives to_json's text, encoded: lists of one type and single records alike.
        """
        assert gp.to_json(replies).encode() == gp.to_json_bytes(replies)
        for reply in replies:
            assert gp.to_json(reply).encode() == gp.to_json_bytes(reply)

    def test_a_list_of_mixed_types_dumps_each_by_its_type(self):
        """
        Only a list of one type takes that type's list hook: a mixed list still dumps each item.
        """
        mixed = [gp.RegionCode("450100"), gp.USCC("91450100MA5KB1XW1C"), gp.Money.parse("3.4亿元")]
        assert ["450100", "91450100MA5KB1XW1C", "340000000"] == gp.to_dict(mixed)

    def test_nested_sections_dump_as_they_load(self):
        """
        Sections within sections (a recursive field) dump to the same nested objects.
        """
        section: dict[str, Any] = {
            "number": "（1）",
            "heading": None,
            "paragraphs": ["加强顶层设计。"],
            "subsections": [],
        }
        for marker in ("1.", "（一）", "一"):
            section = {
                "number": marker,
                "heading": None,
                "paragraphs": [],
                "subsections": [section],
            }
        reply = gp.from_dict(gp.Reply, {"recipient": "韦委员", "sections": [section]})
        assert [section] == gp.to_dict(reply)["sections"]

    def test_tuples_load_as_tuples(self):
        """
        A tuple type loads a JSON array into a tuple.
        """
        assert (gp.RegionCode("450100"),) == gp.from_json(tuple[gp.RegionCode, ...], '["450100"]')

    def test_frozensets_dump_sorted(self):
        """
        A frozenset field is written as a sorted array, so the text is canonical.
        """
        sectors = ["smart_security", "intelligent_manufacturing", "smart_agriculture"]
        e = gp.from_dict(gp.Enterprise, ENTERPRISE | {"sectors": sectors})
        assert sorted(sectors) == gp.to_dict(e)["sectors"]

    @given(gst.enterprises())
    def test_records_pickle(self, enterprise):
        """
        Records survive pickling.
        """
        assert enterprise == pickle.loads(pickle.dumps(enterprise))


class TestStrict:
    @pytest.mark.parametrize("value", ["false", 1, "yes", None])
    def test_only_booleans_are_booleans(self, value):
        """
        "false", 1, "yes" and null are not booleans.
        """
        assert {"/is_ai": "load.wrong_type"} == _codes(gp.Enterprise, ENTERPRISE | {"is_ai": value})

    @pytest.mark.parametrize("value", ["2021", 2021.0, True])
    def test_only_integers_are_integers(self, value):
        """
        "2021", 2021.0 and true are not integers.
        """
        assert {"/year": "load.wrong_type"} == _codes(gp.Subsidy, SUBSIDY | {"year": value})

    def test_a_number_is_not_a_region_code(self):
        """
        450100 (a number) is not the region code "450100".
        """
        assert {"/city": "load.wrong_type"} == _codes(gp.Enterprise, ENTERPRISE | {"city": 450100})

    def test_a_string_is_not_a_list(self):
        """
        A string is not an array, however it is punctuated.
        """
        data = ENTERPRISE | {"sectors": "intelligent_manufacturing"}
        assert {"/sectors": "load.wrong_type"} == _codes(gp.Enterprise, data)

    def test_an_object_is_not_an_array(self):
        """
        An object is not an array.
        """
        assert {"/sectors": "load.wrong_type"} == _codes(
            gp.Enterprise, ENTERPRISE | {"sectors": {}}
        )

    def test_an_array_is_not_an_object(self):
        """
        An array is not a nested record.
        """
        assert {"/certificate": "load.wrong_type"} == _codes(
            gp.Enterprise, ENTERPRISE | {"certificate": []}
        )

    def test_a_datetime_is_not_a_date(self):
        """
        A date field refuses a timestamp rather than dropping its time.
        """
        cert = {"number": "GR202145000123", "issued_on": "2021-10-20T10:00:00+08:00"}
        data = ENTERPRISE | {"certificate": cert}
        assert {"/certificate/issued_on": "load.bad_date"} == _codes(gp.Enterprise, data)

    @pytest.mark.parametrize("value", ["２０２１-１０-２０", "2021-10-٢٠"])
    def test_a_date_is_written_in_ascii_digits(self, value):
        """
        Full-width or Arabic-Indic digits are lax mode's to fold, not a strict date.
        """
        cert = {"number": "GR202145000123", "issued_on": value}
        data = ENTERPRISE | {"certificate": cert}
        assert {"/certificate/issued_on": "load.bad_date"} == _codes(gp.Enterprise, data)
        with pytest.raises(gp.ValidationError):
            gp.from_json(gp.Enterprise, orjson.dumps(data))

    def test_a_decimal_is_written_in_ascii_digits(self):
        """
        A digit other than 0-9 after the first does not slip into a strict decimal.
        """
        assert {"": "load.bad_decimal"} == _codes(Decimal, "1２.5")

    def test_an_impossible_date_has_its_own_code(self):
        """
        2021-02-30 is well-formed but no day: date.impossible.
        """
        cert = {"number": "GR202145000123", "issued_on": "2021-02-30"}
        data = ENTERPRISE | {"certificate": cert}
        assert {"/certificate/issued_on": "date.impossible"} == _codes(gp.Enterprise, data)

    def test_a_naive_datetime_is_refused(self):
        """
        A timestamp without an offset is refused, not taken for UTC or Beijing time.
        """
        assert {"": "datetime.naive"} == _codes(pendulum.DateTime, "2021-04-27T10:00:00")

    def test_aware_datetimes_load_in_shanghai(self):
        """
        An aware timestamp loads as the same instant in Asia/Shanghai.
        """
        loaded = gp.from_dict(pendulum.DateTime, "2021-04-27T02:00:00Z")
        assert "2021-04-27T10:00:00+08:00" == gp.to_dict(loaded)

    @pytest.mark.parametrize("value", [200000, 200000.0, "2e5", "20万元"])
    def test_money_is_a_decimal_string(self, value):
        """
        A number, scientific notation or Chinese units are not the wire form of money.
        """
        codes = _codes(gp.Subsidy, SUBSIDY | {"amount": value})
        assert ["/amount"] == list(codes)
        assert codes["/amount"] in {"load.bad_decimal", "money.invalid", "money.float"}

    def test_codes_are_the_english_values(self):
        """
        A codelist takes its English value, not its Chinese label.
        """
        data = ENTERPRISE | {"sectors": ["智能制造"]}
        assert {"/sectors/0": "load.bad_code"} == _codes(gp.Enterprise, data)

    def test_unknown_and_missing_keys(self):
        """
        An unknown key and a missing one are both reported, each at its place.
        """
        data = {k: v for k, v in ENTERPRISE.items() if k != "uscc"} | {"nmae": "x"}
        assert {"/uscc": "load.missing_key", "/nmae": "load.unknown_key"} == _codes(
            gp.Enterprise, data
        )

    def test_every_problem_at_once_with_its_path(self):
        """
        Problems anywhere in a payload come back together, each with a JSON Pointer.
        """
        data = [
            ENTERPRISE,
            ENTERPRISE | {"is_ai": "false", "city": "４５０１００"},
            ENTERPRISE | {"uscc": "91450100MA5KB1XW1D"},
        ]
        assert {
            "/1/is_ai": "load.wrong_type",
            "/1/city": "load.not_canonical",
            "/2/uscc": "uscc.check_digit",
        } == _codes(list[gp.Enterprise], data)

    def test_domain_rules_run_when_the_structure_is_sound(self):
        """
        A well-formed payload that breaks a record's rule reports the rule's own code.
        """
        cert = {"number": "GR202045000123", "issued_on": "2021-10-20"}
        data = ENTERPRISE | {"certificate": cert}
        assert {"/certificate/number": "certificate.year_mismatch"} == _codes(gp.Enterprise, data)

    def test_messages_have_their_reason_in_both_languages(self):
        """
        No message is a bare "invalid value": each says what was expected and what came.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(gp.Enterprise, ENTERPRISE | {"is_ai": "false"})
        (violation,) = info.value.violations
        assert "expected boolean, got string 'false'" == violation.message
        assert "布尔值" in violation.message_zh
        assert gp.Severity.ERROR == violation.severity

    def test_errors_pickle(self):
        """
        A loading error survives pickling with every violation.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(gp.Enterprise, {"name": 1})
        clone = pickle.loads(pickle.dumps(info.value))
        assert info.value.violations == clone.violations

    def test_bad_options_are_programming_errors(self):
        """
        An unknown mode or unknown policy is a ValueError of the call, not of the data.
        """
        with pytest.raises(ValueError, match="mode"):
            gp.from_dict(gp.Enterprise, ENTERPRISE, mode="loose")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="unknown"):
            gp.from_dict(gp.Enterprise, ENTERPRISE, unknown="keep")  # type: ignore[arg-type]

    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(),
            lambda c: st.lists(c) | st.dictionaries(st.text(), c),
            max_leaves=10,
        )
    )
    def test_arbitrary_json_raises_only_validation_errors(self, data):
        """
        Any JSON value either loads or raises ValidationError, never anything else.
        """
        try:
            gp.from_dict(gp.Enterprise, data)
        except gp.ValidationError as exc:
            assert exc.violations  # noqa: PT017 - success is fine too


class TestLax:
    def test_forms_and_spreadsheets_are_read_with_warnings(self):
        """
        是, Chinese dates, labels, full-width digits and stray spaces are coerced and reported.
        """
        findings: list[gp.Violation] = []
        data = {
            " name ": " 广西智联视界智能科技有限公司 ",
            "uscc": "91450100ma5kb1xw1c",
            "city": "南宁",
            "is_ai": "是",
            "sectors": "智能制造、智慧农业",
            "certificate": {"number": "GR202145000123", "issued_on": "二〇二一年十月二十日"},
        }
        e = gp.from_dict(gp.Enterprise, data, mode="lax", findings=findings)
        assert (
            gp.from_dict(
                gp.Enterprise,
                ENTERPRISE | {"sectors": ["intelligent_manufacturing", "smart_agriculture"]},
            )
            == e
        )
        paths = {v.path for v in findings}
        assert {
            "/ name ",
            "/name",
            "/uscc",
            "/city",
            "/is_ai",
            "/sectors",
            "/sectors/0",
            "/sectors/1",
            "/certificate/issued_on",
        } == paths
        assert {"load.coerced"} == {v.code for v in findings}
        assert {gp.Severity.WARNING} == {v.severity for v in findings}

    def test_lax_money(self):
        """
        3.4亿元 and a JSON number load as money in lax mode, with a warning.
        """
        findings: list[gp.Violation] = []
        s = gp.from_dict(
            gp.Subsidy,
            SUBSIDY | {"amount": "20万元", "basis": 1000000},
            mode="lax",
            findings=findings,
        )
        assert (gp.Money(200000), gp.Money(1000000)) == (s.amount, s.basis)
        assert ["/amount", "/basis"] == [v.path for v in findings]

    def test_lax_still_refuses_what_it_cannot_read(self):
        """
        Lax mode does not guess: unreadable values are still errors.
        """
        assert {"/is_ai": "load.wrong_type"} == _codes(
            gp.Enterprise, ENTERPRISE | {"is_ai": "也许"}, mode="lax"
        )

    def test_strict_form_is_not_reported(self):
        """
        A payload already in wire form loads in lax mode without findings.
        """
        findings: list[gp.Violation] = []
        gp.from_dict(gp.Enterprise, ENTERPRISE, mode="lax", findings=findings)
        assert [] == findings


class TestUnknown:
    def test_ignore_drops_unknown_keys(self):
        """
        unknown="ignore" loads the record without the keys it does not know.
        """
        e = gp.from_dict(gp.Enterprise, ENTERPRISE | {"remark": "备注"}, unknown="ignore")
        assert "remark" not in gp.to_dict(e)

    def test_report_keeps_unknown_keys_and_round_trips(self):
        """
        unknown="report" keeps unknown keys in extras, reports them as info, and writes them back.
        """
        findings: list[gp.Violation] = []
        data = ENTERPRISE | {"remark": "备注", "tags": [1, {"a": None}]}
        e = gp.from_dict(gp.Enterprise, data, unknown="report", findings=findings)
        assert {"remark": "备注", "tags": [1, {"a": None}]} == e.extras.wire()
        assert [("/remark", gp.Severity.INFO), ("/tags", gp.Severity.INFO)] == [
            (v.path, v.severity) for v in findings
        ]
        assert data == gp.to_dict(e)
        assert e == gp.from_json(gp.Enterprise, gp.to_json(e), unknown="report")
        assert hash(e) == hash(gp.from_dict(gp.Enterprise, data, unknown="report"))

    def test_report_refuses_what_it_cannot_keep(self):
        """
        A session (a value, with no extras) refuses unknown keys rather than lose them.
        """
        session = {"body": "cppcc", "term": 12, "meeting": 4, "remark": "x"}
        assert {"/remark": "load.unknown_key"} == _codes(gp.Session, session, unknown="report")


class TestJson:
    def test_bad_json_has_its_code(self):
        """
        Text that is not JSON is a ValidationError with load.bad_json.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, '{"name": ')
        assert ("load.bad_json",) == info.value.codes

    def test_bytes_and_text_load_alike(self):
        """
        UTF-8 bytes and text give the same record.
        """
        text = gp.to_json(gp.from_dict(gp.Enterprise, ENTERPRISE))
        assert gp.from_json(gp.Enterprise, text) == gp.from_json(gp.Enterprise, text.encode())

    def test_a_list_is_written_without_making_all_of_it_plain_data_first(self):
        """
        Writing a list of records holds a few records' plain data at a time, not the whole list's.
        """
        certified = ENTERPRISE | {
            "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
            "sectors": ["smart_finance", "smart_education"],
        }
        records = [gp.from_dict(gp.Enterprise, certified)] * 2000
        tracemalloc.start()
        try:
            text = gp.to_json_bytes(records)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        # The text and the buffer it grew in (2.1 times the text): the whole
        # list's dicts and lists made first would take it to 3.8 times.
        assert peak < 3 * len(text)
        assert orjson.dumps(gp.to_dict(records)) == text

    @given(records=st.lists(gst.enterprises(), min_size=1, max_size=12))
    def test_a_list_written_in_chunks_is_one_array(self, records):
        """
        However the records fall into chunks, the text is the whole list's JSON array.
        """
        expected = orjson.dumps(gp.to_dict(records))
        with pytest.MonkeyPatch.context() as patch:
            # A chunk of one record, two, or a few, as their sizes come.
            patch.setattr(wire, "_CHUNK_BYTES", 400)
            assert expected == gp.to_json_bytes(records)


class TestJsonl:
    def test_bad_lines_never_stop_the_stream(self):
        """
        Good lines load, bad ones are reported with their line number, blank ones skipped.
        """
        good = gp.to_json(gp.from_dict(gp.Enterprise, ENTERPRISE))
        lines = ["\ufeff" + good, "", '{"name": 1}', "not json", "   ", good[:-5], good]
        results = list(gp.iter_jsonl(gp.Enterprise, io.StringIO("\n".join(lines))))
        assert [1, 3, 4, 6, 7] == [r.line for r in results]
        assert [True, False, False, False, True] == [r.ok for r in results]
        assert results[0].record == results[-1].record
        assert ("load.bad_json",) == results[2].error.codes

    def test_dump_and_load_binary(self):
        """
        dump_jsonl writes one document a line to a binary file, iter_jsonl reads it back.
        """
        records = [gp.from_dict(gp.Enterprise, ENTERPRISE)] * 3
        buffer = io.BytesIO()
        assert 3 == gp.dump_jsonl(records, buffer)
        buffer.seek(0)
        assert records == [r.record for r in gp.iter_jsonl(gp.Enterprise, buffer)]

    def test_dump_to_text(self):
        """
        dump_jsonl writes to a text file as well.
        """
        buffer = io.StringIO()
        gp.dump_jsonl([gp.RegionCode("450100"), gp.RegionCode("451000")], buffer)
        assert '{"$schema_version":2}\n"450100"\n"451000"\n' == buffer.getvalue()

    def test_streams_lazily(self):
        """
        iter_jsonl reads as it goes: an endless stream yields its first records.
        """
        line = gp.to_json(gp.from_dict(gp.Enterprise, ENTERPRISE)) + "\n"
        stream = gp.iter_jsonl(gp.Enterprise, itertools.repeat(line))
        assert [1, 2, 3] == [r.line for r in itertools.islice(stream, 3)]

    def test_lax_findings_per_line(self):
        """
        Each line carries its own lax findings.
        """
        text = '"４５０１００"\n"450100"\n'
        lines = list(gp.iter_jsonl(gp.RegionCode, io.StringIO(text), mode="lax"))
        assert [1, 0] == [len(r.findings) for r in lines]


class TestValues:
    @given(gst.moneys())
    def test_money_is_a_decimal_string(self, money):
        """
        Money goes on the wire as its exact decimal string.
        """
        assert money.wire() == gp.to_dict(money)
        assert money == gp.from_dict(gp.Money, gp.to_dict(money))

    def test_decimal_strings(self):
        """
        A bare Decimal field takes decimal strings only.
        """
        assert Decimal("0.2") == gp.from_dict(Decimal, "0.2")
        assert {"": "load.bad_decimal"} == _codes(Decimal, 0.2)
        assert "0.2" == gp.to_dict(Decimal("0.20"))

    @given(gst.partial_dates())
    def test_partial_dates(self, partial):
        """
        A partial date is YYYY or YYYY-MM on the wire.
        """
        assert partial == gp.from_json(gp.PartialDate, gp.to_json(partial))


class TestDataset:
    def test_schema_version_is_on_the_wire(self):
        """
        A bundle's JSON carries its schema_version.
        """
        assert gp.SCHEMA_VERSION == gp.to_dict(gp.Dataset())["schema_version"]

    def test_newer_schema_version_says_to_upgrade(self):
        """
        A bundle from a newer library is refused with its own code and advice to upgrade.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Dataset, '{"schema_version": 99}')
        (violation,) = info.value.violations
        assert ("/schema_version", "dataset.schema_version_newer") == (
            violation.path,
            violation.code,
        )
        assert "upgrade" in violation.message
