"""
JSON Schema: what the schema allows is what the strict loader takes.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy import strategies as gst

CLASSES = [gp.Proposal, gp.Reply, gp.Task, gp.Platform, gp.Scholar, gp.Enterprise, gp.Subsidy]
STRATEGIES = dict(
    zip(
        CLASSES,
        [
            gst.proposals(),
            gst.replies(),
            gst.tasks(),
            gst.platforms(),
            gst.scholars(),
            gst.enterprises(),
            gst.subsidies(),
        ],
        strict=True,
    )
)
ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}


def _validator(cls: Any) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        gp.json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


class TestSchema:
    @pytest.mark.parametrize("cls", [*CLASSES, gp.Dataset], ids=lambda c: c.__name__)
    def test_schemas_are_valid_2020_12(self, cls):
        """
        Every record's schema is a valid JSON Schema 2020-12 document with $schema set.
        """
        schema = gp.json_schema(cls)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
        assert cls.__name__ == schema["title"]

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_every_generated_record_validates(self, cls, data):
        """
        The wire form of any valid record is valid under its schema.
        """
        record = data.draw(STRATEGIES[cls])
        _validator(cls).validate(gp.to_dict(record))

    @given(gst.datasets(max_size=2))
    def test_generated_datasets_validate(self, dataset):
        """
        A bundle's wire form is valid under the Dataset schema.
        """
        _validator(gp.Dataset).validate(gp.to_dict(dataset))

    @pytest.mark.parametrize(
        "bad",
        [
            ENTERPRISE | {"is_ai": "false"},
            ENTERPRISE | {"city": 450100},
            ENTERPRISE | {"sectors": "intelligent_manufacturing"},
            ENTERPRISE | {"sectors": ["智能制造"]},
            ENTERPRISE | {"nmae": "x"},
            {"name": "广西智联视界智能科技有限公司"},
            ENTERPRISE | {"certificate": {"number": "GR202145000123", "issued_on": "20211020"}},
            ENTERPRISE | {"certificate": {"number": "GR2021450001", "issued_on": "2021-10-20"}},
            ENTERPRISE | {"uscc": "91450100MA5KB1XW1"},
        ],
    )
    def test_hand_picked_invalid_payloads_are_refused_by_both(self, bad):
        """
        A payload the schema refuses, the loader refuses too.
        """
        assert not _validator(gp.Enterprise).is_valid(bad)
        with pytest.raises(gp.ValidationError):
            gp.from_dict(gp.Enterprise, bad)

    @pytest.mark.parametrize("amount", [200000, "200000.001", "-1", "2e5"])
    def test_money_is_a_decimal_string_in_the_schema(self, amount):
        """
        The schema's money pattern refuses numbers, sub-fen amounts, negatives and exponents.
        """
        subsidy = {
            "kind": "certification_award",
            "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
            "amount": amount,
            "year": 2021,
        }
        assert not _validator(gp.Subsidy).is_valid(subsidy)
        with pytest.raises(gp.ValidationError):
            gp.from_dict(gp.Subsidy, subsidy)

    def test_codelists_carry_labels(self):
        """
        A codelist is an enum of its English values with zh/en labels.
        """
        defs = gp.json_schema(gp.Enterprise)["$defs"]
        domain = defs["ScenarioDomain"]
        assert [m.value for m in gp.ScenarioDomain] == domain["enum"]
        assert {"zh": "智能制造", "en": gp.ScenarioDomain.INTELLIGENT_MANUFACTURING.label_en} == (
            domain["x-labels"]["intelligent_manufacturing"]
        )

    def test_required_and_nullable_follow_the_loader(self):
        """
        Fields without default are required; optional ones allow null exactly where the type does.
        """
        schema = gp.json_schema(gp.Enterprise)["$defs"]["Enterprise"]
        assert ["name", "uscc"] == schema["required"]
        assert {"type": "null"} in schema["properties"]["city"]["anyOf"]
        assert "anyOf" not in schema["properties"]["is_ai"]

    def test_descriptions_come_from_docstrings(self):
        """
        Fields are described by the record's Attributes section.
        """
        prop = gp.json_schema(gp.Enterprise)["$defs"]["Enterprise"]["properties"]["uscc"]
        assert "统一社会信用代码" in prop["description"]
