"""
Data that lasts: schema versions and upgrades, provenance, and personal data.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import attrs
import fuzzing
import orjson
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gxai_policy as gp
import gxai_policy.wire as w
from gxai_policy import strategies as gst
from gxai_policy.cli import main
from gxai_policy.data import founding_letter
from gxai_policy.records.personal import personal_data
from gxai_policy.wire._shape import Optional, Record, Seq, Shape, shape_of

FIXTURES = Path(__file__).parent / "fixtures" / "v1"
# The seven records and their strategies, as the robustness suite has them (bundle aside).
STRATEGIES = {cls: strategy for cls, strategy in fuzzing.RECORDS.items() if cls is not gp.Dataset}
RECORDS = tuple(STRATEGIES)


def _as_v1(shape: Shape, data: Any) -> Any:
    """
    Plain data of the current version as version 1 wrote it: the fields of version 2 left out.
    """
    if isinstance(shape, Optional):
        return None if data is None else _as_v1(shape.inner, data)
    if isinstance(shape, Seq):
        return [_as_v1(shape.item, x) for x in data]
    if not isinstance(shape, Record):
        return data
    known = {f.name: f for f in shape.fields}
    out = {}
    for key, value in data.items():
        field = known.get(key)
        if field is None:
            out[key] = value  # a kept unknown key
        elif field.since == 1:
            out[key] = _as_v1(field.shape, value)
    return out


def _unsourced(obj: Any) -> Any:
    """
    *obj* as version 1 could hold it: no source on any record, no sources on a bundle.
    """
    if type(obj) is tuple:
        return tuple(_unsourced(x) for x in obj)
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    for a in attrs.fields(type(obj)):
        if a.name == "extras":
            continue
        value = getattr(obj, a.name)
        if a.name == "source":
            changes[a.alias] = None
        elif a.name == "sources":
            changes[a.alias] = ()
        else:
            changes[a.alias] = _unsourced(value)
    return attrs.evolve(obj, **changes)


def _v1_jsonl(lines: list[Any]) -> io.BytesIO:
    text = b'{"$schema_version":1}\n' + b"".join(orjson.dumps(x) + b"\n" for x in lines)
    return io.BytesIO(text)


class TestMigrations:
    def test_the_chain_runs_oldest_first_to_the_current_version(self):
        """
        MIGRATIONS[i] upgrades version i + 1, and the chain ends at SCHEMA_VERSION.
        """
        assert [m.version for m in gp.MIGRATIONS] == list(range(1, gp.SCHEMA_VERSION))
        assert all(m.summary and callable(m.migrate) for m in gp.MIGRATIONS)

    def test_each_migration_is_pure(self):
        """
        A migration returns new data and leaves what it was given as it was.
        """
        data = json.loads((FIXTURES / "founding-dataset.json").read_text(encoding="utf-8"))
        before = copy.deepcopy(data)
        after = gp.MIGRATIONS[0].migrate(data, gp.Dataset)
        assert before == data
        assert 2 == after["schema_version"]

    def test_v1_to_v2_keeps_kept_source_keys_apart(self):
        """
        A v1 record's kept key ``source`` becomes ``source_v1``, a bundle's ``sources_v1``.
        """
        old = {
            "schema_version": 1,
            "sources": ["年报"],
            "replies": [
                {
                    "recipient": "韦委员",
                    "opening": "收悉。",
                    "references": [{"title": "若干政策措施", "source": "x"}],
                }
            ],
        }
        new = gp.upgrade(old)
        assert ["年报"] == new["sources_v1"]
        assert {"title": "若干政策措施", "source_v1": "x"} == new["replies"][0]["references"][0]
        assert "sources" not in new

    def test_upgrade_to_the_version_given_is_nothing_to_do(self):
        """
        Data already of the version asked for comes back unchanged.
        """
        data = {"schema_version": 2}
        assert data is gp.upgrade(data)
        assert {"a": 1} == gp.upgrade({"a": 1}, cls=gp.Enterprise, version=2)

    @pytest.mark.parametrize(
        ("data", "code"),
        [
            ({"schema_version": 3}, "dataset.schema_version_newer"),
            ({"schema_version": 0}, "dataset.schema_version_invalid"),
            ({"schema_version": "1"}, "dataset.schema_version_invalid"),
            ({"schema_version": True}, "dataset.schema_version_invalid"),
            ([1], "load.wrong_type"),
        ],
    )
    def test_a_version_it_cannot_read_is_refused(self, data, code):
        """
        A version newer than the library, or no version at all, is a ValidationError.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.upgrade(data)
        assert (code,) == info.value.codes

    def test_a_downgrade_is_a_bug_of_the_call(self):
        """
        Asking for an older version than the data's is a ValueError.
        """
        with pytest.raises(ValueError, match="to must be a version from 2"):
            gp.upgrade({"schema_version": 2}, to=1)

    def test_a_dataset_built_in_python_is_current(self):
        """
        Dataset(schema_version=1) is refused: loaders upgrade, Python code builds current data.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(schema_version=1)
        assert ("dataset.schema_version_older",) == info.value.codes


class TestLoadingOldData:
    def test_the_v1_fixture_loads_upgraded_with_an_info_finding(self):
        """
        The founding bundle as version 1 wrote it loads, says it was upgraded, keeps the old key.
        """
        text = (FIXTURES / "founding-dataset.json").read_text(encoding="utf-8")
        found: list[gp.Violation] = []
        bundle = gp.from_json(gp.Dataset, text, unknown="report", findings=found)
        assert 2 == bundle.schema_version
        assert ("load.upgraded", "/schema_version", gp.Severity.INFO) == (
            found[0].code,
            found[0].path,
            found[0].severity,
        )
        assert "2021年人工智能企业名录" == bundle.enterprises[0].extras["source_v1"]
        assert bundle.enterprises[0].source is None

    def test_fast_and_detailed_paths_agree_on_old_bundles(self):
        """
        A v1 bundle's JSON text loads to what its plain data loads to.
        """
        text = (FIXTURES / "founding-dataset.json").read_text(encoding="utf-8")
        text = text.replace(',"source":"2021年人工智能企业名录"', "")
        assert gp.from_dict(gp.Dataset, json.loads(text)) == gp.from_json(gp.Dataset, text)

    def test_a_v1_jsonl_file_without_header_reads_as_current(self):
        """
        Version 1 wrote no header: its lines are read as the current version.
        """
        lines = list(gp.iter_jsonl(gp.Enterprise, FIXTURES / "enterprises.jsonl"))
        assert [False, True] == [line.ok for line in lines]
        assert ("load.wrong_type",) == lines[0].error.codes

    def test_a_v1_header_upgrades_each_line(self):
        """
        Under a version 1 header each line is upgraded, with load.upgraded in its findings.
        """
        body = (FIXTURES / "enterprises.jsonl").read_bytes()
        fp = io.BytesIO(b'{"$schema_version":1}\n' + body)
        lines = list(gp.iter_jsonl(gp.Enterprise, fp, unknown="report"))
        assert [(2, True), (3, True)] == [(line.line, line.ok) for line in lines]
        assert ["load.upgraded", "load.unknown_key_kept"] == [v.code for v in lines[0].findings]
        assert "2021年人工智能企业名录" == lines[0].record.extras["source_v1"]

    def test_pieces_carry_the_header_version(self):
        """
        split_jsonl hands the header's version to each piece; load_pieces upgrades them.
        """
        fp = _v1_jsonl([{"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"}])
        pieces = list(w.split_jsonl(fp))
        assert [(2, 1)] == [(p.line, p.version) for p in pieces]
        [line] = w.load_pieces(gp.Enterprise, pieces)
        assert (True, ("load.upgraded",)) == (line.ok, tuple(v.code for v in line.findings))

    @pytest.mark.parametrize("version", [b"3", b"0", b'"2"'])
    def test_a_header_it_cannot_read_stops_the_file(self, version):
        """
        A header of a version newer than the library (or none at all) is one bad line, the last.
        """
        text = b'{"$schema_version":' + version + b'}\n{"name":"x"}\n'
        lines = list(gp.iter_jsonl(gp.Enterprise, io.BytesIO(text)))
        assert [(1, False)] == [(line.line, line.ok) for line in lines]
        pieces = list(w.split_jsonl(io.BytesIO(text)))
        assert [(1, True)] == [(p.line, p.error is not None) for p in pieces]

    def test_dump_jsonl_writes_the_header(self):
        """
        dump_jsonl says the current version in its first line, and iter_jsonl reads past it.
        """
        e = gp.Enterprise(name="示例科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C"))
        out = io.BytesIO()
        assert 1 == gp.dump_jsonl([e], out)
        first, second = out.getvalue().splitlines()
        assert {"$schema_version": gp.SCHEMA_VERSION} == orjson.loads(first)
        assert [e] == [
            line.record for line in gp.iter_jsonl(gp.Enterprise, io.BytesIO(out.getvalue()))
        ]
        plain = io.StringIO()
        gp.dump_jsonl([e], plain, header=False)
        assert [second.decode()] == plain.getvalue().splitlines()

    @pytest.mark.parametrize("cls", [*RECORDS, gp.Dataset])
    def test_every_version_has_a_schema_with_its_id(self, cls):
        """
        json_schema(cls, version=N) says N in its $id; version 1 has no source.
        """
        current, old = gp.json_schema(cls), gp.json_schema(cls, version=1)
        name = cls.__name__
        assert current["$id"].endswith(f"/v{gp.SCHEMA_VERSION}/{name}.json")
        assert old["$id"].endswith(f"/v1/{name}.json")
        key = "sources" if cls is gp.Dataset else "source"
        assert key in current["$defs"][name]["properties"]
        assert key not in old["$defs"][name]["properties"]

    def test_an_unknown_schema_version_is_a_bug_of_the_call(self):
        """
        json_schema(cls, version=0) is a ValueError.
        """
        with pytest.raises(ValueError, match="schema version"):
            gp.json_schema(gp.Enterprise, version=0)


class TestUpgradeProperty:
    @pytest.mark.parametrize("cls", RECORDS)
    @settings(max_examples=25, deadline=None)
    @given(data=st.data())
    def test_a_v1_record_upgrades_to_what_the_current_version_loads(self, cls, data):
        """
        For every record type, a line written in version 1 upgrades and loads to the same record.
        """
        record = _unsourced(data.draw(STRATEGIES[cls]))
        v1 = _as_v1(shape_of(cls), gp.to_dict(record))
        [line] = gp.iter_jsonl(cls, _v1_jsonl([v1]))
        assert record == line.record
        assert record == gp.from_dict(cls, gp.upgrade(v1, cls=cls, version=1))

    @settings(max_examples=15, deadline=None)
    @given(bundle=gst.datasets())
    def test_a_v1_bundle_upgrades_to_what_the_current_version_loads(self, bundle):
        """
        A bundle written in version 1 loads, by dict and by JSON, to the same bundle.
        """
        bundle = _unsourced(bundle)
        v1 = _as_v1(shape_of(gp.Dataset), gp.to_dict(bundle)) | {"schema_version": 1}
        assert bundle == gp.from_dict(gp.Dataset, v1)
        assert bundle == gp.from_json(gp.Dataset, orjson.dumps(v1))


class TestSource:
    def test_of_a_path_keeps_the_file_name_only(self):
        """
        Source.of(path) names the file, not the directory; a URL goes to url.
        """
        day = pendulum.Date(2021, 5, 6)
        source = gp.Source.of(Path("/home/someone/2021-reply.txt"), retrieved_on=day)
        assert ("2021-reply.txt", None, day) == (source.file, source.url, source.retrieved_on)
        assert (
            "https://kjt.gxzf.gov.cn/a.html" == gp.Source.of("https://kjt.gxzf.gov.cn/a.html").url
        )

    @pytest.mark.parametrize(
        ("kwargs", "code"),
        [
            ({}, "source.empty"),
            ({"title": " "}, "source.text_empty"),
            ({"file": "a.txt", "start": 3}, "source.span_range"),
            ({"file": "a.txt", "start": 5, "end": 3}, "source.span_range"),
            ({"file": "a.txt", "start": -1, "end": 3}, "source.span_range"),
        ],
    )
    def test_a_source_names_a_document_and_a_real_span(self, kwargs, code):
        """
        A source without a document, with a blank name or a broken span is refused.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Source(**kwargs)
        assert code in info.value.codes

    def test_parse_reply_gives_the_letter_and_each_reference_its_source(self):
        """
        The founding letter read with a source: the reply has it, each reference its span.
        """
        text = founding_letter()
        letter = gp.Source.of("2021-reply-20210143.txt", retrieved_on=pendulum.Date(2021, 5, 6))
        reply = gp.parse_reply(text, source=letter)
        assert letter == reply.source
        assert reply.references
        for ref in reply.references:
            assert letter == ref.source.document
            assert ref.title in text[ref.source.start : ref.source.end]

    def test_figures_point_to_their_span_of_the_letter(self):
        """
        Each figure of a letter read with a source points to exactly its text in the letter.
        """
        text = founding_letter()
        reply = gp.parse_reply(text, source=gp.Source(file="letter.txt"))
        figures = gp.reply_figures(reply)
        assert 18 == len(figures)
        assert [f.quantity.text for f in figures] == [
            text[f.source.start : f.source.end] for f in figures
        ]
        assert all(f.source is None for f in gp.reply_figures(gp.parse_reply(text)))

    def test_parse_reply_refuses_a_source_that_is_not_one(self):
        """
        source= takes a Source: a path is a TypeError that says so.
        """
        with pytest.raises(TypeError, match="takes a Source"):
            gp.parse_reply(founding_letter(), source="letter.txt")  # type: ignore[arg-type]

    def test_findings_cite_the_source_of_their_record(self):
        """
        check names the source of the record a finding concerns, in a bundle too.
        """
        source = gp.Source(title="2021年度八桂学者名单", url="https://kjt.gxzf.gov.cn/a.html")
        post = gp.Scholar(
            programme=gp.Programme.BAGUI_SCHOLAR,
            post="机器人与智能装备",
            host="某大学",
            term_start=pendulum.Date(2019, 1, 1),
            term_end=pendulum.Date(2021, 12, 31),
            source=source,
        )
        [alone] = gp.check(post)
        [within] = gp.check(gp.Dataset(scholars=(post,)))
        assert (source.cite(), source.cite()) == (alone.source, within.source)
        assert ("/scholars/0/term_end", source.cite()) == (within.path, within.to_dict()["source"])

    @settings(max_examples=30, deadline=None)
    @given(source=gst.sources())
    def test_sources_round_trip(self, source):
        """
        A source, alone and on a record, loads back equal from its JSON.
        """
        e = gp.Enterprise(
            name="示例科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C"), source=source
        )
        assert source == gp.from_json(gp.Source, gp.to_json(source))
        assert e == gp.from_json(gp.Enterprise, gp.to_json(e))
        assert gp.to_dict(e) == gp.to_dict(gp.from_dict(gp.Enterprise, gp.to_dict(e)))


def _schema_personal(schema: dict[str, Any]) -> set[str]:
    return {
        f"{name}.{key}"
        for name, definition in schema["$defs"].items()
        for key, prop in definition.get("properties", {}).items()
        if prop.get("x-personal")
    }


class TestPersonalData:
    def test_the_schema_marks_every_personal_field(self):
        """
        x-personal is on exactly the contact's and the scholar's personal fields.
        """
        assert {
            "Contact.name",
            "Contact.phone",
            "Scholar.holder",
            "Scholar.phone",
            "Scholar.email",
        } == _schema_personal(gp.json_schema(gp.Dataset))

    def test_redacting_the_founding_letter_drops_its_contact(self):
        """
        A letter's contact of nothing but personal data goes whole; the rest stays.
        """
        reply = attrs.evolve(
            gp.parse_reply(founding_letter()), contact=gp.Contact("韦工", "0771-5886000")
        )
        clean = gp.redact(reply)
        assert (None, []) == (clean.contact, list(personal_data(clean)))
        assert attrs.evolve(reply, contact=None) == clean

    def test_redact_keeps_the_type(self):
        """
        A list stays a list, a tuple a tuple; anything else is a TypeError.
        """
        e = gp.Enterprise(name="示例科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C"))
        assert ([e], (e,)) == (gp.redact([e]), gp.redact((e,)))
        assert e is gp.redact(e)
        with pytest.raises(TypeError, match="not dict"):
            gp.redact({"phone": "0771"})

    @settings(max_examples=25, deadline=None)
    @given(bundle=gst.datasets())
    def test_a_redacted_bundle_holds_no_personal_data_and_nothing_else_changes(self, bundle):
        """
        redact leaves no personal value, changes only them, and check(publishing=True) agrees.
        """
        clean = gp.redact(bundle)
        assert [] == list(personal_data(clean))
        assert not [
            v for v in gp.check(clean, publishing=True) if v.code == "publish.personal_data"
        ]
        warned = [
            v.path for v in gp.check(bundle, publishing=True) if v.code == "publish.personal_data"
        ]
        assert list(personal_data(bundle)) == warned
        assert len(bundle.scholars) == len(clean.scholars)
        for before, after in zip(bundle.scholars, clean.scholars, strict=True):
            assert attrs.evolve(before, holder=None, phone=None, email=None) == after

    def test_check_warns_only_when_publishing(self):
        """
        Personal data is a finding only for data about to be published.
        """
        post = gp.Scholar(
            programme=gp.Programme.BAGUI_SCHOLAR,
            post="机器人与智能装备",
            host="某大学",
            email="zhangsan@example.edu.cn",
            term_start=pendulum.Date(2019, 1, 1),
            term_end=pendulum.Date(2023, 12, 31),
        )
        assert () == gp.check(post)
        [v] = gp.check(post, publishing=True)
        assert ("publish.personal_data", "/email", gp.Severity.WARNING) == (
            v.code,
            v.path,
            v.severity,
        )
        assert "zhangsan" not in repr(post)

    def test_convert_redact_writes_no_personal_data(self, capsys, tmp_path):
        """
        gxai-policy convert --redact writes the records without their personal fields.
        """
        data = json.loads((FIXTURES / "founding-dataset.json").read_text(encoding="utf-8"))
        source = tmp_path / "scholars.json"
        source.write_text(json.dumps(data["scholars"], ensure_ascii=False), encoding="utf-8")
        out = tmp_path / "public.jsonl"
        assert 0 == main(["convert", "--type", "scholar", "--redact", str(source), str(out)])
        capsys.readouterr()
        [line] = gp.iter_jsonl(gp.Scholar, out)
        assert (None, None, None, "机器人与智能装备") == (
            line.record.holder,
            line.record.phone,
            line.record.email,
            line.record.post,
        )
