"""
The loaders' limits: each refuses with its own code just past its bound, and only there.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.serialize import DEFAULT_LIMITS, Limits

CODES = ("load.too_large", "load.too_deep", "load.string_too_long", "load.number_too_long")


def nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def limit_codes(load: Any, cls: Any, payload: Any, limits: Limits) -> tuple[str, ...]:
    """
    The limit codes loading *payload* raises (other refusals are none of this test's business).
    """
    try:
        load(cls, payload, limits=limits)
    except gp.ValidationError as exc:
        return tuple(c for c in exc.codes if c in CODES)
    return ()


class TestEachLimit:
    def test_every_limit_has_its_rule(self):
        """
        Each limit's code is in the catalogue, as an error.
        """
        for code in CODES:
            assert gp.Severity.ERROR is gp.RULES[code].severity

    @pytest.mark.parametrize("limit", [1, 5, 64])
    def test_depth(self, limit):
        """
        Nesting as deep as max_depth passes; one level more is load.too_deep, at that level.
        """
        limits = Limits(max_depth=limit)
        for load, form in ((gp.from_dict, lambda x: x), (gp.from_json, json.dumps)):
            assert () == limit_codes(load, list[Any], form(nested(limit)), limits)
            with pytest.raises(gp.ValidationError) as info:
                load(list[Any], form(nested(limit + 1)), limits=limits)
            assert ("load.too_deep",) == info.value.codes
            assert "/0" * limit == info.value.violations[0].path

    @pytest.mark.parametrize("limit", [4, 10, 100_000])
    def test_string_length(self, limit):
        """
        A string (or key) of max_string characters passes; one more is load.string_too_long.
        """
        limits = Limits(max_string=limit)
        for load, form in ((gp.from_dict, lambda x: x), (gp.from_json, json.dumps)):
            assert () == limit_codes(load, gp.Enterprise, form({"name": "广" * limit}), limits)
            too_long = form({"name": "广" * (limit + 1)})
            assert ("load.string_too_long",) == limit_codes(load, gp.Enterprise, too_long, limits)
            key = form({"k" * (limit + 1): 1})
            assert ("load.string_too_long",) == limit_codes(load, gp.Enterprise, key, limits)

    @pytest.mark.parametrize("digits", [1, 19, 20, 100])
    def test_digits(self, digits):
        """
        An integer of max_digits digits passes, either sign; one more is load.number_too_long.
        """
        limits = Limits(max_digits=digits)
        for sign in (1, -1):
            fits = {"is_ai": sign * (10**digits - 1)}
            over = {"is_ai": sign * 10**digits}
            assert () == limit_codes(gp.from_dict, gp.Enterprise, fits, limits)
            assert ("load.number_too_long",) == limit_codes(
                gp.from_dict, gp.Enterprise, over, limits
            )
            # JSON integers beyond 64 bits arrive as floats, refused as such.
            if digits < 19:
                text = json.dumps(over)
                assert ("load.number_too_long",) == limit_codes(
                    gp.from_json, gp.Enterprise, text, limits
                )

    def test_bytes(self):
        """
        Text of max_bytes bytes (UTF-8 for a str) passes; one byte more is load.too_large, unread.
        """
        text = json.dumps({"name": "广西"}, ensure_ascii=False)
        size = len(text.encode())
        assert size > len(text)
        for payload in (text, text.encode(), bytearray(text.encode()), memoryview(text.encode())):
            assert () == limit_codes(gp.from_json, gp.Enterprise, payload, Limits(max_bytes=size))
            assert ("load.too_large",) == limit_codes(
                gp.from_json, gp.Enterprise, payload, Limits(max_bytes=size - 1)
            )
        assert ("load.too_large",) == limit_codes(
            gp.from_json, gp.Enterprise, "{" * 10_000, Limits(max_bytes=100)
        )

    def test_iter_jsonl_holds_each_line_to_the_limits(self):
        """
        Each JSONL line is held to the limits on its own; the stream goes on.
        """
        lines = ['"450100"', json.dumps(nested(5, "450100")), '"450100"', '"' + "4" * 50 + '"']
        results = list(
            gp.iter_jsonl(
                gp.RegionCode,
                io.StringIO("\n".join(lines)),
                limits=Limits(max_depth=3, max_string=20),
            )
        )
        assert [(), ("load.too_deep",), (), ("load.string_too_long",)] == [
            r.error.codes if r.error else () for r in results
        ]

    def test_a_line_break_counts_to_no_limit(self):
        """
        A JSONL line of exactly max_bytes, with its line break (LF or CRLF), is within the limit.
        """
        line = '"450100"'
        limits = Limits(max_bytes=len(line))
        for stream in (
            io.BytesIO(f"{line}\r\n{line}\n{line}".encode()),
            io.StringIO(f"{line}\n{line}\r\n"),
            [f"{line}\r\n", line],
        ):
            results = list(gp.iter_jsonl(gp.RegionCode, stream, limits=limits))
            assert all(r.ok for r in results), [r.error for r in results]

    @pytest.mark.parametrize(
        "options",
        [
            {"max_bytes": 0},
            {"max_depth": -1},
            {"max_string": 1.5},
            {"max_digits": True},
            {"max_depth": "64"},
        ],
    )
    def test_limits_are_positive_ints(self, options):
        """
        A limit that is not a positive int is a bug of the caller: ValueError.
        """
        with pytest.raises(ValueError, match="must be a positive int"):
            Limits(**options)

    def test_defaults_are_generous_for_real_records(self):
        """
        The bundled dataset loads under the default limits, with room to spare.
        """
        from gxai_policy.data import founding_dataset

        dataset = founding_dataset()
        assert dataset == gp.from_json(gp.Dataset, gp.to_json(dataset), limits=DEFAULT_LIMITS)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=30), c, max_size=4),
    max_leaves=30,
)
SMALL_LIMITS = st.builds(
    Limits,
    max_bytes=st.just(10**6),
    max_depth=st.integers(1, 6),
    max_string=st.integers(1, 25),
    max_digits=st.integers(1, 25),
)


class TestShortcut:
    @fuzz(1.0)
    @given(JSON, SMALL_LIMITS)
    def test_text_and_data_are_judged_alike(self, data, limits):
        """
        from_json (which clears small texts by their size) and from_dict (which walks) agree.

        Both refuse the same data with the same violation, at the same place,
        or neither refuses it for a limit.
        """

        def first_limit(load: Any, payload: Any) -> tuple[str, str] | None:
            try:
                load(Any, payload, limits=limits)
            except gp.ValidationError as exc:
                v = exc.violations[0]
                return (v.code, v.path) if v.code in CODES else None
            return None

        text = json.dumps(data, ensure_ascii=False)
        assert first_limit(gp.from_dict, data) == first_limit(gp.from_json, text)
