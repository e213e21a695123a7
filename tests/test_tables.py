"""
Spreadsheets: iter_table and dump_table on CSV and XLSX, with findings by cell.

The workbooks are written here with openpyxl, as a clerk's would be: title
rows, merged header cells, a blank row, a formula, date cells, Chinese headers.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from openpyxl import Workbook

import gxai_policy as gp
from gxai_policy import strategies as st
from gxai_policy.wire import _table

USCC = "91450100MA5KB1XW1C"
HEADER_ZH = ["企业名称", "统一社会信用代码", "所在城市", "是否人工智能企业", "应用场景领域"]


def _book(rows, *, title="企业名单", merges=()):
    """
    The bytes of a workbook holding *rows* (lists of cell values) on one sheet.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _results(cls, data, **options):
    return list(gp.iter_table(cls, io.BytesIO(data), **options))


def _csv(text, encoding="utf-8"):
    return text.encode(encoding)


class TestRoundTrip:
    @pytest.mark.parametrize(
        "records",
        [
            st.proposals(),
            st.replies(),
            st.tasks(),
            st.platforms(),
            st.scholars(),
            st.enterprises(),
            st.subsidies(),
        ],
        ids=["proposal", "reply", "task", "platform", "scholar", "enterprise", "subsidy"],
    )
    @pytest.mark.parametrize("file_format", ["csv", "xlsx"])
    @pytest.mark.parametrize("mode", ["strict", "lax"])
    def test_dump_then_read_gives_the_records(self, records, file_format, mode):
        """
        What dump_table writes, iter_table reads back equal, in both modes, for every record.
        """

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        @given(hs.lists(records, min_size=1, max_size=3), hs.sampled_from(["en", "zh"]))
        def run(items, labels):
            out = io.BytesIO()
            gp.dump_table(items, out, labels=labels, file_format=file_format)
            rows = _results(type(items[0]), out.getvalue(), mode=mode)
            assert [None] * len(items) == [r.error for r in rows]
            assert items == [r.record for r in rows]

        run()


class TestCsv:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
    def test_encodings_are_detected(self, encoding):
        """
        UTF-8, UTF-8 with a BOM (Excel's) and GB18030 (GBK) files read alike.
        """
        text = (
            "企业名称,统一社会信用代码,所在城市\n广西智联科技有限公司,91450100MA5KB1XW1C,南宁市\n"
        )
        [row] = _results(gp.Enterprise, _csv(text, encoding))
        assert ("广西智联科技有限公司", "450100") == (row.record.name, row.record.city.code)

    def test_a_bad_row_never_stops_the_rest(self):
        """
        Each row gives its result, with its own row number; blank rows give none.
        """
        text = f"name,uscc\n甲公司,{USCC}\n乙公司,91450100MA5KB1XW1D\n,,\n丙公司,{USCC}\n"
        rows = _results(gp.Enterprise, _csv(text))
        assert [(2, True), (3, False), (5, True)] == [(r.row, r.ok) for r in rows]
        assert [("uscc.check_digit", "B3")] == [(v.code, v.cell) for v in rows[1].error.violations]

    def test_every_violation_names_its_cell(self):
        """
        Each error of a row points at its cell; a missing column at the whole row.
        """
        text = (
            "统一社会信用代码,所在城市,证书编号,发证日期\n"
            "91450100MA5KB1XW1D,4501,GR202045000123,2021-10-20\n"
        )
        [row] = _results(gp.Enterprise, _csv(text))
        assert [
            ("load.missing_key", "2:2"),
            ("uscc.check_digit", "A2"),
            ("region.invalid", "B2"),
        ] == [(v.code, v.cell) for v in row.error.violations][:3]

    def test_a_text_file_is_read_as_csv(self):
        """
        An open text file needs no decoding.
        """
        [row] = gp.iter_table(gp.Enterprise, io.StringIO(f"name,uscc\n甲公司,{USCC}\n"))
        assert "甲公司" == row.record.name

    def test_a_path_is_read_by_its_suffix(self, tmp_path):
        """
        A .csv path is read as CSV; another suffix is refused with a clear message.
        """
        path = tmp_path / "企业.csv"
        path.write_bytes(_csv(f"name,uscc\n甲公司,{USCC}\n", "gb18030"))
        assert ["甲公司"] == [r.record.name for r in gp.iter_table(gp.Enterprise, path)]
        with pytest.raises(ValueError, match="neither"):
            gp.iter_table(gp.Enterprise, tmp_path / "x.ods")

    def test_an_undecodable_cell_is_a_bad_encoding(self):
        """
        Bytes that are not text in the detected encoding are refused at their cell.
        """
        data = (
            ("name,uscc\n" + "甲" * 40_000 + f",{USCC}\n").encode() + b"\xff\xfe," + USCC.encode()
        )
        rows = _results(gp.Enterprise, data)
        assert [True, False] == [r.ok for r in rows]
        assert [("load.bad_encoding", "A3")] == [(v.code, v.cell) for v in rows[1].error.violations]

    def test_lax_cells_are_coerced_with_warnings(self):
        """
        Codes as floats, labels for codes, 是/√, slashes in dates: each a warning at its cell.
        """
        text = (
            "企业名称,统一社会信用代码,所在城市,是否人工智能企业,应用场景领域,证书编号,发证日期\n"
            f"甲公司,{USCC},450100.0,√,智能制造、智慧交通,GR202145000123,2021/10/20\n"
        )
        [row] = _results(gp.Enterprise, _csv(text))
        assert row.ok
        assert ["C2", "D2", "E2", "E2", "G2"] == [v.cell for v in row.findings]
        assert {"load.coerced"} == {v.code for v in row.findings}

    def test_strict_mode_refuses_what_lax_mode_mends(self):
        """
        In strict mode a cell must hold the table form: labels and 450100.0 are refused.
        """
        text = f"name,uscc,city,is_ai\n甲公司,{USCC},450100.0,是\n"
        [row] = _results(gp.Enterprise, _csv(text), mode="strict")
        assert {"C2", "D2"} == {v.cell for v in row.error.violations}

    def test_unknown_columns_are_kept_reported_ignored_or_refused(self):
        """
        unknown="report" keeps a column in extras with an info at its cell; "forbid" refuses it.
        """
        text = f"name,uscc,备注\n甲公司,{USCC},重点企业\n"
        [row] = _results(gp.Enterprise, _csv(text))
        assert {"备注": "重点企业"} == dict(row.record.extras)
        assert [("load.unknown_key_kept", "C2")] == [(v.code, v.cell) for v in row.findings]
        [row] = _results(gp.Enterprise, _csv(text), unknown="ignore")
        assert {} == dict(row.record.extras)
        with pytest.raises(gp.ValidationError) as info:
            _results(gp.Enterprise, _csv(text), unknown="forbid")
        assert [("load.unknown_column", "C1")] == [(v.code, v.cell) for v in info.value.violations]

    def test_two_columns_for_one_field_are_refused(self):
        """
        A name and a label of one field are one column too many.
        """
        with pytest.raises(gp.ValidationError) as info:
            _results(gp.Enterprise, _csv(f"name,uscc,企业名称\n甲,{USCC},乙\n"))
        assert ("load.duplicate_column",) == info.value.codes

    def test_a_table_without_a_header_is_refused(self):
        """
        No row that names a field: no header, said at the call.
        """
        with pytest.raises(gp.ValidationError) as info:
            _results(gp.Enterprise, _csv("甲,乙\n1,2\n"))
        assert ("load.no_header",) == info.value.codes

    def test_records_in_sequences_take_numbered_columns(self):
        """
        proposers.1.name, proposers.2.name …: one group of columns an item.
        """
        text = (
            "kind,session.body,session.term,session.meeting,number,title,proposers.1.name,"
            "proposers.2.name,proposers.2.is_body,status\n"
            "proposal,cppcc,12,4,20210143,关于加快人工智能发展的提案,张三,李四,否,submitted\n"
        )
        [row] = _results(gp.Proposal, _csv(text))
        assert [("张三", False), ("李四", False)] == [
            (p.name, p.is_body) for p in row.record.proposers
        ]
        assert ["I2"] == [v.cell for v in row.findings]


class TestWorkbook:
    def test_a_clerks_workbook_reads(self):
        """
        A title row, a two-row header under merged cells, a blank row, date cells, a formula.
        """
        data = _book(
            [
                ["2021年广西人工智能企业名单"],
                [*HEADER_ZH, "高企证书", None],
                [None, None, None, None, None, "证书编号", "发证日期"],
                ["甲公司", USCC, 450100, "是", "智能制造", "GR202145000123", dt.date(2021, 10, 20)],
                [],
                ["乙公司", USCC, "450200", "否", None, None, None],
                ["丙公司", USCC, 450100.5, True, None, None, None],
            ],
            merges=["A1:G1", "F2:G2", "A2:A3"],
        )
        rows = _results(gp.Enterprise, data)
        assert [(4, True), (6, True), (7, False)] == [(r.row, r.ok) for r in rows]
        assert dt.date(2021, 10, 20) == rows[0].record.certificate.issued_on
        assert "'企业名单'!C7" == rows[2].error.violations[0].cell
        assert "企业名单" == rows[2].sheet

    def test_a_formula_reads_as_its_computed_value(self):
        """
        The value a spreadsheet last computed is read; a formula never computed is blank.
        """
        data = _book([["name", "uscc", "is_ai"], ["甲公司", USCC, "=1=1"]])
        # Give the formula a computed value, as Excel does when it saves.
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "xl/worksheets/sheet1.xml":
                    # openpyxl writes the empty value <v /> with the standard library's XML
                    # writer and <v></v> with lxml's (installed for read_letter's HTML).
                    content, count = re.subn(
                        rb'<c r="C2"><f>1=1</f><v(?: ?/>|></v>)</c>',
                        b'<c r="C2" t="b"><f>1=1</f><v>1</v></c>',
                        content,
                    )
                    assert 1 == count
                target.writestr(item, content)
        [row] = _results(gp.Enterprise, out.getvalue(), mode="strict")
        assert row.record.is_ai is True
        [row] = _results(gp.Enterprise, data, mode="strict")
        assert row.record.is_ai is False

    def test_excel_date_serials_and_datetimes_read_as_dates(self):
        """
        A serial number in a date column and a midnight datetime are the day they stand for.
        """
        data = _book(
            [
                ["name", "uscc", "certificate.number", "certificate.issued_on"],
                ["甲公司", USCC, "GR202145000123", 44489],
                ["乙公司", USCC, "GR202145000123", dt.datetime(2021, 10, 20)],  # noqa: DTZ001
            ]
        )
        rows = _results(gp.Enterprise, data)
        assert [dt.date(2021, 10, 20)] * 2 == [r.record.certificate.issued_on for r in rows]
        assert [["'企业名单'!D2"], []] == [[v.cell for v in r.findings] for r in rows]

    def test_a_sheet_is_chosen_by_name(self):
        """
        sheet= names the worksheet; a missing one is refused with the names there are.
        """
        book = Workbook()
        book.active.append(["说明"])
        other = book.create_sheet("企业")
        other.append(["name", "uscc"])
        other.append(["甲公司", USCC])
        out = io.BytesIO()
        book.save(out)
        [row] = _results(gp.Enterprise, out.getvalue(), sheet="企业")
        assert "甲公司" == row.record.name
        with pytest.raises(gp.ValidationError, match="no sheet"):
            _results(gp.Enterprise, out.getvalue(), sheet="平台")

    def test_a_damaged_workbook_is_refused(self):
        """
        A zip that is no workbook is a bad table, said at the call.
        """
        with pytest.raises(gp.ValidationError) as info:
            _results(gp.Enterprise, b"PK\x03\x04 and then nothing")
        assert ("load.bad_table",) == info.value.codes

    def test_a_path_is_read_and_written(self, tmp_path):
        """
        .xlsx paths in and out; text starting with "=" stays text.
        """
        e = gp.Enterprise(name="=某公司", uscc=gp.USCC(USCC))
        path = tmp_path / "e.xlsx"
        assert 1 == gp.dump_table([e], path, labels="zh")
        assert [e] == [r.record for r in gp.iter_table(gp.Enterprise, path, mode="strict")]


class TestHostile:
    def test_a_huge_cell_is_refused_at_its_cell(self):
        """
        A cell longer than max_string is refused; the next row still loads.
        """
        text = f"name,uscc\n{'甲' * 50},{USCC}\n乙公司,{USCC}\n"
        rows = _results(gp.Enterprise, _csv(text), limits=gp.Limits(max_string=20))
        assert [("load.string_too_long", "A2"), (None, None)] == [
            (r.error.violations[0].code, r.error.violations[0].cell) if r.error else (None, None)
            for r in rows
        ]

    def test_a_csv_row_longer_than_max_bytes_is_skipped_unread(self):
        """
        A line over max_bytes is one bad row, read a bounded piece at a time.
        """
        text = f"name,uscc\n{'x' * 5000},{USCC}\n乙公司,{USCC}\n"
        rows = _results(gp.Enterprise, _csv(text), limits=gp.Limits(max_bytes=1000))
        assert [("load.too_large", "2:2"), True] == [
            (rows[0].error.violations[0].code, rows[0].error.violations[0].cell),
            rows[1].ok,
        ]

    def test_too_many_columns_are_refused(self):
        """
        A header or a row wider than max_columns is refused.
        """
        limits = gp.Limits(max_columns=3)
        with pytest.raises(gp.ValidationError) as info:
            _results(gp.Enterprise, _csv("name,uscc,a,b\n"), limits=limits)
        assert ("load.too_many_columns",) == info.value.codes
        rows = _results(gp.Enterprise, _csv(f"name,uscc\n甲,{USCC},,,x\n"), limits=limits)
        assert ("load.too_many_columns",) == rows[0].error.codes

    def test_a_field_bigger_than_the_csv_reader_takes_is_a_bad_row(self):
        """
        The CSV reader's own bound on a field gives one bad row, not a crash.
        """
        text = f'name,uscc\n"{"x" * 140_000}",{USCC}\n乙公司,{USCC}\n'
        rows = _results(gp.Enterprise, _csv(text), limits=gp.Limits(max_string=200_000))
        assert [("load.bad_table",), ()] == [r.error.codes if r.error else () for r in rows]

    def test_garbage_bytes_are_not_a_crash(self):
        """
        Random bytes give a refusal at the call or bad rows, never another exception.
        """

        @settings(max_examples=50, deadline=None)
        @given(hs.binary(max_size=200))
        def run(data):
            try:
                rows = _results(gp.Enterprise, b"name,uscc\n" + data)
            except gp.ValidationError:
                return
            assert all(r.ok or r.error.violations for r in rows)

        run()


class TestDump:
    def test_separators_in_items_are_escaped(self):
        """
        An item holding ';' or '\\' survives the one cell its sequence takes.
        """
        assert ["a;b", "c\\d", "", "e\\x"] == _table.split(
            _table.join(["a;b", "c\\d", ""]) + ";e\\x"
        )

    def test_columns_choose_and_order(self):
        """
        columns= picks and orders columns, by name or label; an unknown one is refused.
        """
        e = gp.Enterprise(name="甲公司", uscc=gp.USCC(USCC), city=gp.RegionCode("450100"))
        out = io.StringIO()
        gp.dump_table([e], out, columns=["所在城市", "name"])
        assert ["city,name", "450100,甲公司"] == out.getvalue().splitlines()
        with pytest.raises(ValueError, match="names no field"):
            gp.dump_table([e], io.StringIO(), columns=["nmae"])

    def test_records_of_several_classes_are_refused(self):
        """
        One table, one record class; an empty table needs cls= for its header.
        """
        e = gp.Enterprise(name="甲公司", uscc=gp.USCC(USCC))
        with pytest.raises(TypeError, match="one record class"):
            gp.dump_table([e, gp.USCC(USCC)], io.StringIO())
        with pytest.raises(TypeError, match="cls="):
            gp.dump_table([], io.StringIO())
        out = io.StringIO()
        assert 0 == gp.dump_table([], out, cls=gp.Enterprise)
        assert out.getvalue().startswith("name,uscc,city")

    def test_a_cell_xlsx_cannot_hold_is_refused(self):
        """
        Control characters and cells over Excel's 32,767 characters are refused, by cell.
        """
        e = gp.Enterprise(name="甲\x01公司", uscc=gp.USCC(USCC))
        with pytest.raises(ValueError, match="A2"):
            gp.dump_table([e], io.BytesIO(), file_format="xlsx")
        long = gp.Enterprise(name="甲" * 40_000, uscc=gp.USCC(USCC))
        with pytest.raises(ValueError, match="32,767"):
            gp.dump_table([long], io.BytesIO(), file_format="xlsx")

    def test_a_binary_file_needs_a_format(self):
        """
        A binary file does not say which format to write.
        """
        e = gp.Enterprise(name="甲公司", uscc=gp.USCC(USCC))
        with pytest.raises(ValueError, match="file_format"):
            gp.dump_table([e], io.BytesIO())
        out = io.BytesIO()
        gp.dump_table([e], out, file_format="csv")
        assert out.getvalue().startswith(b"\xef\xbb\xbfname,")


class TestLaxCells:
    def test_nan_is_missing_where_a_field_has_a_default(self):
        """
        pandas' NaN for a blank cell reads as the field's default, with a warning.
        """
        found: list[gp.Violation] = []
        payload = {"name": "甲公司", "uscc": USCC, "is_ai": float("nan"), "city": float("nan")}
        e = gp.from_dict(gp.Enterprise, payload, mode="lax", findings=found)
        assert (False, None) == (e.is_ai, e.city)
        assert ["/city", "/is_ai"] == sorted(v.path for v in found)

    def test_a_fraction_is_no_code_and_no_date(self):
        """
        450100.5 is refused for a region code; a serial with a time of day for a date.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(
                gp.Enterprise,
                {"name": "甲", "uscc": USCC, "city": 450100.5,
                 "certificate": {"number": "GR202145000123", "issued_on": 44489.5}},
                mode="lax",
            )  # fmt: skip
        assert ("load.wrong_type", "load.bad_date") == info.value.codes


class TestViolationCell:
    def test_cell_is_optional_and_pickles(self):
        """
        A violation without a cell is as before; one with a cell says it and pickles.
        """
        v = gp.Violation(
            path="/uscc", code="c", severity=gp.Severity.ERROR, message="m", message_zh="m"
        )
        assert "error c at /uscc: m" == str(v)
        located = gp.Violation(
            path="/uscc",
            code="c",
            severity=gp.Severity.ERROR,
            message="m",
            message_zh="m",
            cell="B3",
        )
        assert "error c at /uscc (cell B3): m" == str(located)
        assert located == pickle.loads(pickle.dumps(located))
        assert "B3" == located.under("x").cell

    def test_labels_are_in_the_schema(self):
        """
        Each field's Chinese label is in its JSON Schema property.
        """
        schema = gp.json_schema(gp.Enterprise)["$defs"]["Enterprise"]["properties"]
        assert "统一社会信用代码" == schema["uscc"]["x-label-zh"]
        assert "高企证书" == schema["certificate"]["x-label-zh"]
