"""
Errors an application can hand on: JSON-ready data, both languages, pickling.
"""

from __future__ import annotations

import pickle

import jsonschema
import orjson
import pytest

import gxai_policy as gp

BAD = {"name": " ", "uscc": "91450100MA5KB1XW1X"}


def _validation_error() -> gp.ValidationError:
    with pytest.raises(gp.ValidationError) as info:
        gp.from_dict(gp.Enterprise, BAD)
    return info.value


def _parse_error() -> gp.ParseError:
    with pytest.raises(gp.ParseError) as info:
        gp.parse_reply("这不是一封信。")
    return info.value


#: What every error body looks like, for an API's documentation and its clients.
VIOLATION_SCHEMA = {
    "type": "object",
    "required": ["path", "code", "severity", "message", "message_zh"],
    "additionalProperties": False,
    "properties": {
        "path": {"type": "string"},
        "code": {"type": "string", "enum": sorted(gp.RULES)},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string", "minLength": 1},
        "message_zh": {"type": "string", "minLength": 1},
        "cell": {"type": "string", "pattern": "^('[^']+'!)?[A-Z]*[0-9]+(:[0-9]+)?$"},
    },
}


class TestValidationError:
    def test_to_dict_lists_every_violation_as_data(self):
        """
        to_dict gives each violation's path, code, severity and both messages, in order.
        """
        data = _validation_error().to_dict()
        assert "validation" == data["error"]
        assert ["/uscc", "/name"] == [v["path"] for v in data["violations"]]
        for v in data["violations"]:
            jsonschema.validate(v, VIOLATION_SCHEMA)

    def test_errors_is_the_list_alone(self):
        """
        errors() is to_dict()'s list of violations.
        """
        error = _validation_error()
        assert error.to_dict()["violations"] == error.errors()

    def test_to_json_writes_the_same_data(self):
        """
        gp.to_json(error) is the JSON of error.to_dict().
        """
        error = _validation_error()
        assert error.to_dict() == orjson.loads(gp.to_json(error))
        assert error.to_dict() == gp.to_dict(error)

    def test_it_pickles_with_every_violation(self):
        """
        A pickled error comes back equal in what it says.
        """
        error = _validation_error()
        assert error.violations == pickle.loads(pickle.dumps(error)).violations


class TestParseError:
    def test_to_dict_has_code_place_and_both_messages(self):
        """
        A ParseError's data carries its code, line, column and a Chinese message of its own.
        """
        data = _parse_error().to_dict()
        assert {"error", "code", "message", "message_zh", "line", "column"} == set(data)
        assert "parse" == data["error"]
        assert data["code"] in gp.RULES
        assert data["message"] != data["message_zh"]
        assert gp.to_dict(_parse_error()) == orjson.loads(gp.to_json(_parse_error()))

    def test_it_pickles_with_its_chinese_message(self):
        """
        Line, column, code and both messages survive pickling.
        """
        error = _parse_error()
        again = pickle.loads(pickle.dumps(error))
        assert error.to_dict() == again.to_dict()

    def test_without_a_chinese_message_the_english_stands_in(self):
        """
        An error built by hand with one message has it in both places.
        """
        error = gp.ParseError("bad", code="letter.not_a_letter")
        assert "bad" == error.message_zh


class TestReplace:
    ENTERPRISE = gp.Enterprise(name="示例科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C"))

    def test_a_copy_with_changes(self):
        """
        replace changes the named fields of a copy; the record itself stays.
        """
        changed = gp.replace(self.ENTERPRISE, is_ai=True)
        assert (True, False) == (changed.is_ai, self.ENTERPRISE.is_ai)

    def test_the_copy_is_checked(self):
        """
        A change that breaks a rule or a type is a ValidationError.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.replace(self.ENTERPRISE, name="", city="450100")
        assert ("record.wrong_type", "enterprise.name_empty") == info.value.codes

    def test_an_unknown_field_names_the_fields(self):
        """
        A misspelt field is a TypeError that lists the record's fields.
        """
        with pytest.raises(TypeError, match="no field 'nmae'; its fields: name, uscc"):
            gp.replace(self.ENTERPRISE, nmae="x")

    def test_only_records(self):
        """
        Anything but a record is refused with a TypeError.
        """
        with pytest.raises(TypeError, match="takes a record"):
            gp.replace({"name": "x"}, name="y")
