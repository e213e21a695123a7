"""
Records inside other JSON libraries' documents: json and orjson ``default=``, msgspec ``Raw``.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.wire import default, msgspec_raw

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "city": "450100",
}


class Envelope(msgspec.Struct):
    """
    A msgspec document with a record left unread.
    """

    total: int
    enterprise: msgspec.Raw


class TestDefault:
    @given(enterprises=st.lists(st.from_type(gp.Enterprise), max_size=3))
    def test_json_and_orjson_write_our_wire_format(self, enterprises):
        """
        A document of records written with default= holds each record as gp.to_dict writes it.
        """
        doc = {"items": enterprises, "city": gp.RegionCode("450100")}
        expected = {"items": gp.to_dict(enterprises), "city": "450100"}
        assert expected == json.loads(json.dumps(doc, default=default, ensure_ascii=False))
        assert expected == orjson.loads(orjson.dumps(doc, default=default))

    def test_an_error_is_written_as_its_body(self):
        """
        A ValidationError in a document is written as its to_dict, the 422 body.
        """
        with pytest.raises(gp.ValidationError) as caught:
            gp.from_dict(gp.Enterprise, {})
        expected = {"error": caught.value.to_dict()}
        assert expected == json.loads(json.dumps({"error": caught.value}, default=default))

    def test_an_unknown_object_is_a_type_error(self):
        """
        An object without a wire form is refused with a TypeError, as default= hooks do.
        """
        with pytest.raises(TypeError, match="has no wire form"):
            json.dumps({"x": object()}, default=default)

    def test_msgspec_enc_hook_is_refused_with_advice(self):
        """
        As msgspec's enc_hook it refuses the extras msgspec hands it, and says what to do instead.
        """
        enterprise = gp.from_dict(gp.Enterprise, ENTERPRISE)
        with pytest.raises(TypeError, match="msgspec_raw"):
            msgspec.json.encode(enterprise, enc_hook=default)


class TestMsgspecRaw:
    @given(enterprise=st.from_type(gp.Enterprise))
    def test_a_record_embedded_and_read_back(self, enterprise):
        """
        A record embedded as msgspec_raw is our JSON in the document and loads back equal.
        """
        text = msgspec.json.encode({"total": 1, "enterprise": msgspec_raw(enterprise)})
        envelope = msgspec.json.decode(text, type=Envelope)
        assert gp.to_json_bytes(enterprise) == bytes(envelope.enterprise)
        assert enterprise == gp.from_json(gp.Enterprise, envelope.enterprise)

    def test_a_raw_field_gets_from_jsons_verdict(self):
        """
        A bad record in a msgspec.Raw field is refused as the same bytes are.
        """
        bad = json.dumps({"total": 1, "enterprise": ENTERPRISE | {"uscc": "914501"}}).encode()
        envelope = msgspec.json.decode(bad, type=Envelope)
        with pytest.raises(gp.ValidationError) as from_raw:
            gp.from_json(gp.Enterprise, envelope.enterprise)
        with pytest.raises(gp.ValidationError) as from_bytes:
            gp.from_json(gp.Enterprise, bytes(envelope.enterprise))
        assert from_bytes.value.violations == from_raw.value.violations
        assert ("uscc.invalid_length",) == from_raw.value.codes
