"""
Hostile payloads for every loader: only ValidationError comes out, fast, whatever goes in.

Two kinds of input: arbitrary JSON (shaped like each record or not), and
valid payloads drawn from `gxai_policy.strategies`, dumped and then spoiled
one place at a time — a key removed, a value retyped or replaced by
something hostile — as plain data (`gp.from_dict`) and as raw JSON text and
bytes (`gp.from_json`): duplicate keys, numbers no parser should hold, lone
surrogates, invalid UTF-8, UTF-16, a byte-order mark.
"""

from __future__ import annotations

import json
import pickle
import re
import unicodedata
from typing import Any

import attrs
import pytest
from fuzzing import RECORDS, fuzz, json_leaves
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.serialize import DEFAULT_LIMITS, Limits

CLASSES = list(RECORDS)
OPTIONS = st.fixed_dictionaries(
    {
        "mode": st.sampled_from(["strict", "lax"]),
        "unknown": st.sampled_from(["forbid", "ignore", "report"]),
    }
)
DEEP = 10_000
MILLION = 1_000_000
POINTER = re.compile(r"(/([^~]|~[01])*)*")


def deep_list(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth - 1):
        value = [value]
    return value


def deep_object(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def wire_keys(cls: type) -> list[str]:
    return [a.alias for a in attrs.fields(cls) if a.name != "extras"]


def outcome(load: Any, cls: type, payload: Any, **options: Any) -> Any:
    """
    The record *payload* loads to, or the ValidationError it raises, checked for sense.

    Anything else escaping is the failure this suite looks for.
    """
    findings: list[gp.Violation] = []
    try:
        record = load(cls, payload, findings=findings, **options)
    except gp.ValidationError as exc:
        assert_sound(exc)
        return exc
    assert isinstance(record, cls)
    assert all(v.severity is not gp.Severity.ERROR for v in findings)
    return record


def assert_sound(error: gp.ValidationError) -> None:
    """
    Every violation has a registered code, a JSON Pointer, short messages; the error pickles.
    """
    assert error.violations
    for v in error.violations:
        assert v.code in gp.RULES, v.code
        assert POINTER.fullmatch(v.path), v.path
        # A message quotes the input, never all of it: a hostile payload must
        # not turn into a hostile log line.
        assert len(v.message) <= 2_000, v.message[:200]
        assert len(v.message_zh) <= 2_000, v.message_zh[:200]
    clone = pickle.loads(pickle.dumps(error))
    assert error.violations == clone.violations


# --------------------------------------------------------------------------- arbitrary JSON

JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from(["", "1e999999999", "NaN", "-1", "2021-02-30", "450100", "是", "\ud800"])
)
JSON = st.recursive(
    JSON_LEAVES, lambda c: st.lists(c) | st.dictionaries(st.text(), c), max_leaves=25
)


@st.composite
def record_shaped(draw: st.DrawFn, cls: type) -> dict[str, Any]:
    """
    An object with some of *cls*'s keys (and maybe others), each holding arbitrary JSON.
    """
    keys = draw(st.lists(st.sampled_from(wire_keys(cls)), unique=True))
    data = {key: draw(JSON) for key in keys}
    data.update(draw(st.dictionaries(st.text(max_size=8), JSON, max_size=2)))
    return data


class TestArbitraryJson:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.08, deadline_s=1)
    @given(data=st.data())
    def test_any_value_loads_or_is_refused(self, cls, data):
        """
        Any JSON value, shaped like the record or not, loads or raises ValidationError.
        """
        payload = data.draw(JSON | record_shaped(cls))
        outcome(gp.from_dict, cls, payload, **data.draw(OPTIONS))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.08, deadline_s=1)
    @given(data=st.data())
    def test_any_json_text_loads_or_is_refused(self, cls, data):
        """
        The same as JSON text, in any of the encodings and forms text arrives in.
        """
        payload = data.draw(JSON | record_shaped(cls))
        text = json.dumps(payload, ensure_ascii=data.draw(st.booleans()))
        raw = data.draw(encodings(text))
        outcome(gp.from_json, cls, raw, **data.draw(OPTIONS))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.04, deadline_s=1)
    @given(raw=st.binary() | st.text())
    def test_any_bytes_are_refused_as_json_or_load(self, cls, raw):
        """
        Arbitrary bytes and text are read as JSON or refused, never anything else.
        """
        outcome(gp.from_json, cls, raw)


# --------------------------------------------------------------------------- spoiled payloads


def paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """
    The path of every value inside *value*, itself first.
    """
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*here, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*here, index)))
    return found


def get(value: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        value = value[token]
    return value


HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    -(10**30),
    2**64,
    10**400,
    -(10**5000),
    float("nan"),
    float("inf"),
    float("-inf"),
    -0.0,
    1e308,
    "",
    "   ",
    "1e999999999",
    "-1e999999999",
    "NaN",
    "Infinity",
    "-0",
    "x" * MILLION,
    "一" * MILLION,
    "9" * MILLION,
    "\ud800",
    "\udfff\ud800",
    "\x00",
    "\u200b" * 50,
    "\ufeff",
    "２０２１－０４－２７",
    "４５０１００",
    "ＧＲ２０２１４５０００１２３",
    [],
    {},
    [None],
    {"": None},
]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
FULL_WIDTH = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)} | {0x20: 0x3000}


@st.composite
def spoiled_strings(draw: st.DrawFn, text: str) -> str:
    """
    *text* with zero-width, full-width, surrogate or other damage done to it.
    """
    at = draw(st.integers(0, len(text)))
    kind = draw(st.sampled_from(["zero_width", "full_width", "surrogate", "nfkc", "case", "pad"]))
    if kind == "zero_width":
        return text[:at] + draw(st.sampled_from(ZERO_WIDTH)) + text[at:]
    if kind == "full_width":
        return text.translate(FULL_WIDTH)
    if kind == "surrogate":
        return text[:at] + draw(st.sampled_from(["\ud800", "\udc00", "\udbff\udbff"])) + text[at:]
    if kind == "nfkc":
        return unicodedata.normalize("NFKC", text)
    if kind == "case":
        return text.swapcase()
    return draw(st.sampled_from([" ", "\t", "\u3000", "\n"])) + text + " "


@st.composite
def spoiled(draw: st.DrawFn, cls: type) -> Any:
    """
    A valid payload of *cls* with one place spoiled: removed, retyped, hostile or damaged.
    """
    data = gp.to_dict(draw(RECORDS[cls]))
    path = draw(st.sampled_from(paths(data)))
    if not path:
        return draw(st.sampled_from([*HOSTILE_VALUES, deep_list(DEEP), deep_object(DEEP)]))
    parent, token = get(data, path[:-1]), path[-1]
    current = parent[token]
    kind = draw(st.sampled_from(["remove", "hostile", "deep", "retype", "damage", "extra"]))
    if kind == "remove":
        del parent[token]
    elif kind == "hostile":
        parent[token] = draw(st.sampled_from(HOSTILE_VALUES))
    elif kind == "deep":
        parent[token] = draw(st.sampled_from([deep_list, deep_object]))(DEEP)
    elif kind == "retype":
        parent[token] = draw(JSON_LEAVES | st.lists(JSON_LEAVES, max_size=3))
    elif kind == "damage" and isinstance(current, str):
        parent[token] = draw(spoiled_strings(current))
    elif isinstance(parent, dict):
        parent[draw(st.text(max_size=5))] = draw(JSON)
    else:
        parent.append(draw(JSON))
    return data


class TestSpoiledPayloads:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.12, deadline_s=1)
    @given(data=st.data())
    def test_spoiled_payload_loads_or_is_refused(self, cls, data):
        """
        A valid payload spoiled at one place loads or raises ValidationError, in any mode.
        """
        outcome(gp.from_dict, cls, data.draw(spoiled(cls)), **data.draw(OPTIONS))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.04, deadline_s=1)
    @given(data=st.data())
    def test_valid_payloads_still_load(self, cls, data):
        """
        The payloads the damage starts from load back to their record under the default limits.
        """
        record = data.draw(RECORDS[cls])
        assert record == gp.from_dict(cls, gp.to_dict(record))
        assert record == gp.from_json(cls, gp.to_json(record).encode())


# --------------------------------------------------------------------------- raw JSON text

HOSTILE_JSON = [
    "[" * DEEP + "]" * DEEP,
    '{"a":' * DEEP + "1" + "}" * DEEP,
    "[" * 1025,
    "1e999999999",
    "-1e999999999",
    "0.1e-999999999",
    "1" + "0" * 400,
    "9" * 100_000,
    "-" + "9" * 30,
    "18446744073709551616",
    "NaN",
    "Infinity",
    "-Infinity",
    "00",
    "1.",
    ".5",
    "+1",
    "tru",
    '"\\ud800"',
    '"\\udc00\\ud800"',
    '"\\u0000"',
    '"\t"',
    "'single'",
    "[1,]",
    "{,}",
    '"' + "x" * MILLION + '"',
    '"' + "\\u4e00" * 200_000 + '"',
]
PLACEHOLDER = "\x00hostile\x00"


@st.composite
def spoiled_texts(draw: st.DrawFn, cls: type) -> str:
    """
    A valid record's JSON with one value replaced by raw hostile JSON text.
    """
    data = gp.to_dict(draw(RECORDS[cls]))
    path = draw(st.sampled_from(paths(data)[1:] or [()]))
    if path:
        get(data, path[:-1])[path[-1]] = PLACEHOLDER
    else:
        data = PLACEHOLDER
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    return text.replace(json.dumps(PLACEHOLDER), draw(st.sampled_from(HOSTILE_JSON)))


@st.composite
def encodings(draw: st.DrawFn, text: str) -> str | bytes:
    """
    *text* as it may arrive: str, UTF-8 (with a BOM or not), UTF-16, UTF-32, GB18030 or broken.
    """
    kind = draw(
        st.sampled_from(
            ["str", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "gb18030", "broken"]
        )
    )
    if kind == "str":
        return text
    if kind == "broken":
        raw = bytearray(text.encode("utf-8", "surrogatepass"))
        at = draw(st.integers(0, len(raw)))
        raw[at:at] = draw(st.sampled_from([b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xe4\xb8"]))
        return bytes(raw)
    try:
        return text.encode(kind)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


class TestRawJson:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.08, deadline_s=1)
    @given(data=st.data())
    def test_hostile_json_text_is_refused(self, cls, data):
        """
        A value replaced by 10,000 levels, 1e999999999, NaN, 10^5 digits … is refused cleanly.
        """
        text = data.draw(spoiled_texts(cls))
        outcome(gp.from_json, cls, data.draw(encodings(text)), **data.draw(OPTIONS))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.04, deadline_s=1)
    @given(data=st.data())
    def test_bytes_flipped_anywhere(self, cls, data):
        """
        A valid record's UTF-8 with bytes changed, cut or inserted is refused cleanly or loads.
        """
        raw = bytearray(gp.to_json(data.draw(RECORDS[cls])).encode())
        for _ in range(data.draw(st.integers(1, 3))):
            at = data.draw(st.integers(0, len(raw)))
            change = data.draw(st.sampled_from(["set", "cut", "insert"]))
            if change == "set" and at < len(raw):
                raw[at] = data.draw(st.integers(0, 255))
            elif change == "cut":
                del raw[at:]
            else:
                raw[at:at] = data.draw(st.binary(min_size=1, max_size=4))
        outcome(gp.from_json, cls, bytes(raw))

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.03, deadline_s=1)
    @given(data=st.data())
    def test_duplicate_keys_the_last_wins(self, cls, data):
        """
        A key given twice in raw JSON takes its last value, as in most JSON parsers.
        """
        payload = gp.to_dict(data.draw(RECORDS[cls]))
        key = data.draw(st.sampled_from(sorted(payload)))
        junk = json.dumps(data.draw(json_leaves()))
        body = json.dumps(payload, ensure_ascii=False)
        first = "{" + json.dumps(key) + ": " + junk + ", " + body[1:]
        assert gp.from_dict(cls, payload) == gp.from_json(cls, first)
        last = body[:-1] + ", " + json.dumps(key) + ": " + junk + "}"
        outcome(gp.from_json, cls, last)

    @pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
    def test_encodings_other_than_utf8_are_refused_or_skipped(self, encoding):
        """
        A UTF-8 BOM is skipped (RFC 8259 §8.1); UTF-16 and UTF-32 are bad JSON, said so.
        """
        text = gp.to_json(gp.from_dict(gp.Enterprise, ENTERPRISE))
        raw = text.encode(encoding)
        if encoding == "utf-8-sig":
            assert ENTERPRISE["uscc"] == str(gp.from_json(gp.Enterprise, raw).uscc)
            assert ENTERPRISE["uscc"] == str(gp.from_json(gp.Enterprise, "\ufeff" + text).uscc)
            return
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, raw)
        assert ("load.bad_json",) == info.value.codes
        assert "UTF-16 or UTF-32" in info.value.violations[0].message

    @pytest.mark.parametrize("text", [None, 12, {"name": "x"}, ["x"], 1.5])
    def test_what_is_not_text_is_bad_json(self, text):
        """
        from_json given no text at all refuses it as bad JSON, not with a TypeError.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(gp.Enterprise, text)
        assert ("load.bad_json",) == info.value.codes


# --------------------------------------------------------------------------- named hostile cases

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "city": "450100",
    "is_ai": True,
    "sectors": ["intelligent_manufacturing"],
}


def with_raw(key: str, raw: str) -> str:
    """
    The JSON of `ENTERPRISE` with *key*'s value written as *raw* JSON text.
    """
    return json.dumps(ENTERPRISE | {key: PLACEHOLDER}).replace(json.dumps(PLACEHOLDER), raw)


def cyclic_list() -> list[Any]:
    value: list[Any] = []
    value.append(value)
    return value


def shared_tree(depth: int = 63) -> list[Any]:
    """
    Two to the *depth* paths through *depth* lists: a walk that followed each would never end.
    """
    value: list[Any] = ["x"]
    for _ in range(depth - 1):
        value = [value, value]
    return value


class Hostile:
    """
    A Python object whose repr, str and equality all fail (hashing works: it may be a key).
    """

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    def __str__(self) -> str:
        raise RuntimeError("str")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    __hash__ = object.__hash__


NAMED: dict[str, tuple[Any, str]] = {
    "huge-int": (ENTERPRISE | {"is_ai": 10**5000}, "load.number_too_long"),
    "huge-int-in-list": (ENTERPRISE | {"sectors": [10**400]}, "load.number_too_long"),
    "huge-int-key": (ENTERPRISE | {10**5000: 1}, "load.wrong_type"),
    "int-and-str-keys": (ENTERPRISE | {1: 2, "zz": 3}, "load.wrong_type"),
    "none-key": (ENTERPRISE | {None: 1}, "load.wrong_type"),
    "million-chars": (ENTERPRISE | {"name": "x" * MILLION}, "load.string_too_long"),
    "million-char-key": (ENTERPRISE | {"x" * MILLION: 1}, "load.string_too_long"),
    "deep-list": (ENTERPRISE | {"sectors": deep_list(DEEP)}, "load.too_deep"),
    "deep-object": (ENTERPRISE | {"certificate": deep_object(DEEP)}, "load.too_deep"),
    "deep-root": (deep_list(DEEP), "load.too_deep"),
    "cycle": (ENTERPRISE | {"sectors": cyclic_list()}, "load.too_deep"),
    # 2^62 values as it expands: refused by count, without walking the expansion.
    "shared-tree": (ENTERPRISE | {"sectors": shared_tree()}, "load.too_many_values"),
    "shared-too-deep": (ENTERPRISE | {"sectors": shared_tree(64)}, "load.too_deep"),
    # A required field: lax mode reads NaN (pandas' blank cell) as missing where a
    # field has a default (tests/test_tables.py).
    "nan": (ENTERPRISE | {"uscc": float("nan")}, "load.wrong_type"),
    "infinity": (ENTERPRISE | {"is_ai": float("inf")}, "load.wrong_type"),
    "exponent-string": (ENTERPRISE | {"city": "1e999999999"}, "region.invalid"),
    "hostile-object": (ENTERPRISE | {"name": Hostile()}, "load.wrong_type"),
    "hostile-key": (ENTERPRISE | {Hostile(): 1}, "load.wrong_type"),
    "str-subclass": (ENTERPRISE | {"name": type("Name", (str,), {})("广西")}, "load.wrong_type"),
}


class TestNamedHostileInput:
    @pytest.mark.parametrize("mode", ["strict", "lax"])
    @pytest.mark.parametrize("unknown", ["forbid", "report"])
    @pytest.mark.parametrize("name", sorted(NAMED))
    def test_each_is_refused_with_its_code(self, name, mode, unknown):
        """
        Each hostile payload is refused with the code that says what is wrong with it.
        """
        payload, code = NAMED[name]
        error = outcome(gp.from_dict, gp.Enterprise, payload, mode=mode, unknown=unknown)
        assert isinstance(error, gp.ValidationError)
        assert code in error.codes, error

    def test_shared_structure_is_walked_once(self):
        """
        Data that shares itself 2^63 times over is judged in a moment, not walked path by path.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(list[str], shared_tree(), limits=Limits(max_depth=200))
        assert ("load.too_many_values",) == info.value.codes

    def test_shared_structure_within_the_count_is_loaded_as_it_expands(self):
        """
        Shared data within max_values is loaded, each occurrence a value of its own.
        """
        shared = ["smart_park", "smart_finance"]
        payload = ENTERPRISE | {"sectors": shared}
        records = gp.from_dict(list[gp.Enterprise], [payload] * 3)
        assert 3 == len(records)
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(list[gp.Enterprise], [payload] * 3, limits=Limits(max_values=20))
        assert ("load.too_many_values",) == info.value.codes

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            (with_raw("is_ai", "1e999999999"), "load.number_too_long"),
            (with_raw("is_ai", "9" * 100_000), "load.number_too_long"),
            (with_raw("is_ai", "123456789012345678901234567890"), "load.wrong_type"),
            (with_raw("is_ai", "NaN"), "load.bad_json"),
            (with_raw("is_ai", "Infinity"), "load.bad_json"),
            (with_raw("name", '"\\ud800"'), "load.bad_text"),
            (with_raw("sectors", "[" * DEEP + "]" * DEEP), "load.too_deep"),
            ("[" * 1025 + "]" * 1025, "load.too_deep"),
            (with_raw("name", '"' + "x" * MILLION + '"'), "load.string_too_long"),
        ],
        ids=[
            "exponent", "digits", "beyond-64-bits", "nan", "infinity", "lone-surrogate",
            "deep", "deeper-than-orjson", "million-chars",
        ],
    )  # fmt: skip
    def test_json_text_is_refused_with_its_code(self, text, code):
        """
        Raw JSON no parser should hold is refused with the code that says why.
        """
        for raw in (text, text.encode()):
            error = outcome(gp.from_json, gp.Enterprise, raw)
            assert isinstance(error, gp.ValidationError)
            assert (code,) == error.codes

    def test_limits_come_first(self):
        """
        A payload over a limit is refused with that limit alone, before any other check.
        """
        payload = {"name": 1, "uscc": deep_list(100)}
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(gp.Enterprise, payload)
        assert ("load.too_deep",) == info.value.codes
        assert "/uscc" + "/0" * 63 == info.value.violations[0].path

    def test_defaults(self):
        """
        The default limits are the documented ones.
        """
        assert (64 * 1024 * 1024, 64, 100_000, 100) == (
            DEFAULT_LIMITS.max_bytes,
            DEFAULT_LIMITS.max_depth,
            DEFAULT_LIMITS.max_string,
            DEFAULT_LIMITS.max_digits,
        )
