"""
Records and errors cross process boundaries: they pickle, and come back whole from a process pool.

The pool starts its workers with ``spawn``: a worker shares nothing with
this process, so whatever comes back came through pickle alone.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest
from fuzzing import RECORDS, fuzz
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.data import founding_letter
from gxai_policy.serialize import DEFAULT_LIMITS, Limits

CLASSES = list(RECORDS)
PROTOCOLS = range(2, pickle.HIGHEST_PROTOCOL + 1)


@st.composite
def broken_texts(draw: st.DrawFn, cls: type) -> str:
    """
    A valid record's JSON with one key dropped and another value retyped: an error to carry.
    """
    data = gp.to_dict(draw(RECORDS[cls]))
    keys = sorted(data)
    data.pop(draw(st.sampled_from(keys)))
    if data:
        data[draw(st.sampled_from(sorted(data)))] = draw(
            st.none() | st.integers() | st.text(max_size=5) | st.just([{}])
        )
    return json.dumps(data, ensure_ascii=False)


def error_of(cls: type, text: str) -> gp.ValidationError | None:
    try:
        gp.from_json(cls, text)
    except gp.ValidationError as exc:
        return exc
    return None


def same_error(expected: BaseException, actual: BaseException) -> bool:
    if isinstance(expected, gp.ValidationError):
        return (
            type(expected) is type(actual)
            and expected.violations == actual.violations  # type: ignore[attr-defined]
            and str(expected) == str(actual)
        )
    assert isinstance(expected, gp.ParseError)
    assert isinstance(actual, gp.ParseError)
    return (expected.code, expected.line, expected.column, str(expected)) == (
        actual.code,
        actual.line,
        actual.column,
        str(actual),
    )


class TestPickle:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.1)
    @given(data=st.data())
    def test_records_pickle(self, cls, data):
        """
        Every record survives every pickle protocol, equal and with an equal hash.
        """
        record = data.draw(RECORDS[cls])
        for protocol in PROTOCOLS:
            clone = pickle.loads(pickle.dumps(record, protocol=protocol))
            assert record == clone
            assert hash(record) == hash(clone)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.1)
    @given(data=st.data())
    def test_validation_errors_pickle(self, cls, data):
        """
        A loading error survives every protocol with its violations, message and type.
        """
        error = error_of(cls, data.draw(broken_texts(cls)))
        if error is None:
            return  # the retyped value happened to be valid: nothing to carry
        for protocol in PROTOCOLS:
            clone = pickle.loads(pickle.dumps(error, protocol=protocol))
            assert same_error(error, clone)
            assert isinstance(clone, ValueError)

    @fuzz(0.1)
    @given(st.text())
    def test_parse_errors_pickle(self, text):
        """
        A reading error survives pickling with its code, line and column.
        """
        try:
            gp.parse_reply(text)
        except gp.ParseError as exc:
            error: gp.ParseError | None = exc
        else:
            error = None
        if error is not None:
            assert same_error(error, pickle.loads(pickle.dumps(error)))

    def test_lines_and_limits_pickle(self):
        """
        A JSONL result (good or bad) and the limits pickle too.
        """
        good, bad = gp.iter_jsonl(gp.RegionCode, ['"450100"\n', '"4501"\n'])
        assert good == pickle.loads(pickle.dumps(good))
        clone = pickle.loads(pickle.dumps(bad))
        assert (bad.line, bad.error.violations) == (clone.line, clone.error.violations)
        assert Limits(max_depth=3) == pickle.loads(pickle.dumps(Limits(max_depth=3)))
        assert DEFAULT_LIMITS == pickle.loads(pickle.dumps(DEFAULT_LIMITS))


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as executor:
        yield executor


class TestProcessPool:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.02)
    @given(data=st.data())
    def test_records_come_back_whole(self, pool, cls, data):
        """
        A record loaded in a worker comes back equal to the one loaded here.
        """
        record = data.draw(RECORDS[cls])
        text = gp.to_json(record)
        assert record == pool.submit(gp.from_json, cls, text).result(timeout=60)
        assert record == pool.submit(pickle.loads, pickle.dumps(record)).result(timeout=60)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.02)
    @given(data=st.data())
    def test_errors_come_back_whole(self, pool, cls, data):
        """
        A loading error raised in a worker comes back with every violation.
        """
        text = data.draw(broken_texts(cls))
        expected = error_of(cls, text)
        future = pool.submit(gp.from_json, cls, text)
        if expected is None:
            assert future.result(timeout=60) == gp.from_json(cls, text)
        else:
            actual = future.exception(timeout=60)
            assert actual is not None
            assert same_error(expected, actual)

    def test_letters_and_reading_errors_come_back_whole(self, pool):
        """
        A reply read in a worker and a reading error raised there both come back whole.
        """
        letter = founding_letter()
        assert gp.parse_reply(letter) == pool.submit(gp.parse_reply, letter).result(timeout=60)
        with pytest.raises(gp.ParseError) as info:
            gp.parse_reply("今天天气很好。")
        error = pool.submit(gp.parse_reply, "今天天气很好。").exception(timeout=60)
        assert error is not None
        assert same_error(info.value, error)

    def test_a_stream_split_over_workers(self, pool):
        """
        JSONL lines loaded across workers give what one process gives, in order.
        """
        record = gp.from_dict(
            gp.Enterprise, {"name": "广西智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}
        )
        lines = [gp.to_json(record), '{"name": 1}', "not json", gp.to_json(record)[:-2]] * 5
        load = functools.partial(gp.from_json, gp.Enterprise)
        futures = [pool.submit(load, line) for line in lines]
        for line, future in zip(lines, futures, strict=True):
            expected = error_of(gp.Enterprise, line)
            if expected is None:
                assert record == future.result(timeout=60)
            else:
                actual = future.exception(timeout=60)
                assert actual is not None
                assert same_error(expected, actual)
