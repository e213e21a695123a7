"""
JSON read item by item: iter_json, split_json, split_jsonl, load_pieces.
"""

from __future__ import annotations

import io
import json
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy import wire
from gxai_policy.wire import _stream

ENTERPRISE: dict[str, Any] = {"name": "广西智联视界智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}


def _items(data: bytes, **options: Any) -> list[tuple[int, int | None, bool, str | None]]:
    return [
        (r.line, r.index, r.ok, r.error and r.error.violations[0].code)
        for r in gp.iter_json(gp.Enterprise, io.BytesIO(data), **options)
    ]


def _same(lines: Any) -> list[Any]:
    # Exceptions compare by identity: compare their violations.
    return [(r.line, r.index, r.record, r.error and r.error.violations, r.findings) for r in lines]


def _broken(data: bytes) -> str:
    with pytest.raises(gp.ValidationError) as info:
        _items(data)
    (violation,) = info.value.violations
    assert "load.bad_json" == violation.code
    return violation.message


@pytest.fixture(params=[_stream.CHUNK, 1, 7], ids=["64k", "1-byte-reads", "7-byte-reads"])
def reads(request, monkeypatch):
    """
    Every case runs with reads of 64 KB, of one byte and of seven: no item is cut by a read.
    """
    monkeypatch.setattr(_stream, "CHUNK", request.param)


@pytest.mark.usefixtures("reads")
class TestIterJson:
    def test_each_item_alone_with_its_line_and_index(self):
        """
        Each item of an array is a result of its own, with the line it begins on and its index.
        """
        text = json.dumps([ENTERPRISE, ENTERPRISE | {"is_ai": "x"}, ENTERPRISE], indent=2)
        assert [(2, 0, True, None), (6, 1, False, "load.wrong_type"), (11, 2, True, None)] == (
            _items(text.encode())
        )

    def test_a_document_that_is_not_an_array(self):
        """
        A lone record is one result without an index.
        """
        assert [(1, None, True, None)] == _items(json.dumps(ENTERPRISE).encode())

    def test_an_empty_array(self):
        """
        An empty array has no items.
        """
        assert [] == _items(b" [ \n ] \n")
        assert [] == _items(b"\xef\xbb\xbf[]")

    def test_strings_with_brackets_and_escapes(self):
        """
        Brackets, commas and escaped quotes inside strings do not end an item.
        """
        text = b'[{"name": "a]}\\",{[", "uscc": "\\\\"}, {"name": "\\u00e9"}]'
        assert [(1, 0, False, "uscc.invalid_length"), (1, 1, False, "load.missing_key")] == _items(
            text
        )

    def test_deep_items_and_scalars(self):
        """
        Items deeper than one match follows and bare numbers are found all the same.
        """
        text = b'[[[[[[[[["x"]]]]]]]], {"a": [{"b": [{"c": {}}]}]}, 1, -2.5e3, true, null]'
        codes = [code for *_, code in _items(text)]
        assert ["load.wrong_type", "load.missing_key", *["load.wrong_type"] * 4] == codes

    def test_inside_of_an_item_that_is_not_json(self):
        """
        An item whose inside is not JSON is that item's error; the others load.
        """
        text = b'[{"name" 1}, 1 2, ' + json.dumps(ENTERPRISE).encode() + b"]"
        assert [
            (1, 0, False, "load.bad_json"),
            (1, 1, False, "load.bad_json"),
            (1, 2, True, None),
        ] == (_items(text))

    def test_an_item_over_the_limit_is_skipped_unread(self):
        """
        An item longer than max_bytes is load.too_large; the items after it load.
        """
        long = b'{"name": "' + b'x\\"' * 400 + b'"}'
        text = b"[" + long + b", " + json.dumps(ENTERPRISE).encode() + b", [" + long + b"]]"
        assert [
            (1, 0, False, "load.too_large"),
            (1, 1, True, None),
            (1, 2, False, "load.too_large"),
        ] == _items(text, limits=gp.Limits(max_bytes=300))

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (b"", "no JSON value"),
            (b"  \n ", "no JSON value"),
            (b"[", "the array is not closed"),
            (b"[1,", "the array is not closed"),
            (b"[1", "the array is not closed"),
            (b'["abc', "the text ends inside a value"),
            (b"[{", "the text ends inside a value"),
            (b"[1,]", "expected an item, found ']'"),
            (b"[,1]", "expected an item, found ','"),
            (b"[1}", "expected ',' or ']' after an item, found '}'"),
            (b"[{} {}]", "expected ',' or ']' after an item, found '{'"),
            (b"[] x", "text after the array"),
            (b"[1] x", "text after the array"),
            (b"{}\n{}\n", "more than one document"),
        ],
    )
    def test_a_broken_document_ends_the_stream(self, text, message):
        """
        A document broken as a whole ends the stream with load.bad_json, naming what broke.
        """
        assert message in _broken(text)

    def test_the_items_before_a_break_are_given(self):
        """
        The items before the break are given before the error.
        """
        results = gp.iter_json(
            gp.Enterprise, io.BytesIO(b"[" + json.dumps(ENTERPRISE).encode() + b", {")
        )
        assert next(results).ok
        with pytest.raises(gp.ValidationError, match=r"line 1"):
            next(results)

    def test_a_string_over_the_limit_that_never_ends(self):
        """
        A string longer than the limit that runs to the end of the text is a broken document.
        """
        assert "ends inside a value" in _broken(b'[{"a": "' + b"x" * 100_000)
        with pytest.raises(gp.ValidationError, match="ends inside a string"):
            _items(b'[{"a": "' + b"x" * 1000 + b"\\", limits=gp.Limits(max_bytes=10))


class TestSources:
    def test_a_text_file_and_a_path(self, tmp_path):
        """
        iter_json takes a text file and a path as it takes a binary file.
        """
        text = json.dumps([ENTERPRISE, ENTERPRISE | {"is_ai": 1}], ensure_ascii=False)
        path = tmp_path / "e.json"
        path.write_text(text, encoding="utf-8")
        from_text = [r.ok for r in gp.iter_json(gp.Enterprise, io.StringIO(text))]
        from_path = [r.ok for r in gp.iter_json(gp.Enterprise, path)]
        assert [True, False] == from_text == from_path

    def test_refuses_what_is_not_a_file(self):
        """
        A list of lines is not a file of JSON: a TypeError says what to give.
        """
        with pytest.raises(TypeError, match="an open file or a path, not list"):
            gp.iter_json(gp.Enterprise, ["[]"])


class TestPieces:
    def test_pieces_pickle_and_load_elsewhere(self):
        """
        Pieces split here and loaded after a pickle round trip give the same results.
        """
        text = json.dumps([ENTERPRISE, {"name": 1}]).encode()
        pieces = pickle.loads(pickle.dumps(list(wire.split_json(io.BytesIO(text)))))
        loaded = _same(wire.load_pieces(gp.Enterprise, pieces))
        assert _same(gp.iter_json(gp.Enterprise, io.BytesIO(text))) == loaded

    def test_jsonl_pieces_are_iter_jsonl(self):
        """
        load_pieces over split_jsonl is iter_jsonl.
        """
        text = b'{"name": 1}\n\n' + json.dumps(ENTERPRISE).encode() + b"\n"
        limits = gp.Limits(max_bytes=60)
        pieces = wire.split_jsonl(io.BytesIO(text), limits=limits)
        expected = _same(gp.iter_jsonl(gp.Enterprise, io.BytesIO(text), limits=limits))
        assert expected == _same(wire.load_pieces(gp.Enterprise, pieces, limits=limits))

    def test_split_jsonl_refuses_text(self):
        """
        A str of JSON is not lines.
        """
        with pytest.raises(TypeError, match="split_jsonl"):
            wire.split_jsonl(b"{}")


def test_wide_integers_are_read_exactly():
    """
    An integer wider than 64 bits is read as the integer it is, never as a rounded float.
    """
    error = _error_of('{"name": "x", "uscc": "91450100MA5KB1XW1C", "n": 18446744073709551617}')
    assert ["load.not_json_value"] == [v.code for v in error.violations]
    assert "18446744073709551617" in error.violations[0].message


def _error_of(text: str) -> gp.ValidationError:
    with pytest.raises(gp.ValidationError) as info:
        gp.from_json(gp.Enterprise, text, unknown="report")
    return info.value


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(items=st.lists(_json_values, max_size=6), indent=st.sampled_from([None, 0, 2]))
def test_items_are_the_array_item_by_item(items, indent):
    """
    Whatever the items and their layout, streaming an array loads each as from_json loads it.
    """
    text = json.dumps(items, indent=indent).encode()
    streamed = [(r.index, r.error) for r in gp.iter_json(gp.RegionCode, io.BytesIO(text))]
    expected = []
    for index, item in enumerate(items):
        try:
            gp.from_json(gp.RegionCode, json.dumps(item))
        except gp.ValidationError as exc:
            expected.append((index, exc))
        else:  # pragma: no cover - no item is a region code
            expected.append((index, None))
    assert [(i, None if e is None else e.violations) for i, e in expected] == [
        (i, None if e is None else e.violations) for i, e in streamed
    ]
