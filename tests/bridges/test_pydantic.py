"""
gxai_policy.pydantic: records and values as pydantic fields, FastAPI bodies and their schema.
"""

from __future__ import annotations

import importlib
import json
import sys
from typing import Annotated, Any

import jsonschema
import pydantic
import pytest
from fastapi import Body, FastAPI
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.errors import escape_pointer
from gxai_policy.pydantic import Lax, Validated, Wire

RECORDS = [gp.Enterprise, gp.Subsidy, gp.Proposal, gp.Reply, gp.Task, gp.Platform, gp.Scholar]
VALUES = [gp.USCC, gp.Money, gp.RegionCode, gp.PartialDate, gp.ScenarioDomain]

ENTERPRISE: dict[str, Any] = {
    "name": "广西智联视界智能科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}

#: JSON values a mutation puts in a payload (no lone surrogates: pydantic's own
#: JSON parser refuses those before any validator runs).
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=6,
)


class Filing(pydantic.BaseModel):
    """
    A portal's filing: a record, a list of them and a value type as fields.
    """

    enterprise: Wire[gp.Enterprise]
    subsidies: list[Wire[gp.Subsidy]] = []
    city: Wire[gp.RegionCode] | None = None


@st.composite
def mutated(draw: st.DrawFn, cls: type) -> str:
    """
    JSON text of a valid record of *cls* with one key set, dropped or added.
    """
    data = gp.to_dict(draw(st.from_type(cls)))
    keys = sorted(data)
    how = draw(st.sampled_from(["set", "drop", "add", "keep"]))
    if how == "set":
        data[draw(st.sampled_from(keys))] = draw(JSON_VALUES)
    elif how == "drop":
        del data[draw(st.sampled_from(keys))]
    elif how == "add":
        data[draw(_TEXT)] = draw(JSON_VALUES)
    return json.dumps(data, ensure_ascii=False)


def _ours(violations: tuple[gp.Violation, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(v.code, v.path, v.message, v.message_zh, v.severity.value) for v in violations]


def _theirs(errors: list[Any], prefix: int = 0) -> list[tuple[str, str, str, str, str]]:
    out = []
    for e in errors:
        ctx = e["ctx"]
        # The location is the pointer's tokens: the path written from loc is the pointer.
        assert ctx["path"] == "".join("/" + escape_pointer(t) for t in e["loc"][prefix:])
        out.append((e["type"], ctx["path"], e["msg"], ctx["message_zh"], ctx["severity"]))
    return out


def _verdict_of_ours(cls: type, text: str) -> Any:
    try:
        return gp.from_json(cls, text)
    except gp.ValidationError as error:
        return _ours(error.violations)


class TestValidation:
    @pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_same_verdict_as_from_json(self, cls, data):
        """
        A payload gets gp.from_json's verdict: the record, or each violation as one error.
        """
        text = data.draw(mutated(cls))
        expected = _verdict_of_ours(cls, text)
        adapter = pydantic.TypeAdapter(Wire[cls])
        for validate in (adapter.validate_json, lambda t: adapter.validate_python(json.loads(t))):
            try:
                actual = validate(text)
            except pydantic.ValidationError as error:
                actual = _theirs(error.errors())
            assert expected == actual

    @pytest.mark.parametrize("cls", VALUES, ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_value_types_load_as_from_dict_does(self, cls, data):
        """
        A value type's field takes its wire form and refuses anything else with our codes.
        """
        value = data.draw(st.one_of(st.from_type(cls).map(gp.to_dict), JSON_VALUES))
        try:
            expected = gp.from_dict(cls, value)
        except gp.ValidationError as error:
            expected = _ours(error.violations)
        try:
            actual = pydantic.TypeAdapter(Wire[cls]).validate_python(value)
        except pydantic.ValidationError as error:
            actual = _theirs(error.errors())
        assert expected == actual

    def test_every_violation_is_one_error_under_the_field(self):
        """
        Each violation of a nested field is one error, located under the field and the list index.
        """
        bad = ENTERPRISE | {"name": " ", "uscc": "91450100MA5KB1XW1D", "remark": 1}
        subsidy = {"recipient": {"kind": "enterprise", "id": "x"}}
        with pytest.raises(pydantic.ValidationError) as caught:
            Filing.model_validate({"enterprise": bad, "subsidies": [subsidy], "city": "4501"})
        errors = caught.value.errors()
        try:
            gp.from_dict(gp.Enterprise, bad)
        except gp.ValidationError as error:
            expected = [("enterprise", *_loc(v.path)) for v in error.violations]
        assert 3 == len(expected)
        assert expected == [e["loc"] for e in errors if e["loc"][0] == "enterprise"]
        subsidy_locs = [e["loc"] for e in errors if e["loc"][0] == "subsidies"]
        assert ("subsidies", 0, "recipient", "id") in subsidy_locs
        assert {("subsidies", 0)} == {loc[:2] for loc in subsidy_locs}
        assert [(("city",), "region.invalid")] == [
            (e["loc"], e["type"]) for e in errors if e["loc"][0] == "city"
        ]

    def test_an_index_is_an_int_a_key_a_str(self):
        """
        A pointer token is an int where it indexes a list, a str where it names a key (digits too).
        """
        adapter = pydantic.TypeAdapter(Wire[list[gp.Enterprise]])
        with pytest.raises(pydantic.ValidationError) as caught:
            adapter.validate_python([ENTERPRISE, ENTERPRISE | {"uscc": "914501", "0": 1}])
        assert [(1, "uscc"), (1, "0")] == [e["loc"] for e in caught.value.errors()]
        assert ["914501", 1] == [e["input"] for e in caught.value.errors()]

    def test_the_input_of_a_missing_key_is_its_object(self):
        """
        A missing key's error shows the object it is missing from, as pydantic's own do.
        """
        data = {"name": "示例科技有限公司"}
        with pytest.raises(pydantic.ValidationError) as caught:
            pydantic.TypeAdapter(Wire[gp.Enterprise]).validate_python(data)
        [error] = caught.value.errors()
        assert (("uscc",), data) == (error["loc"], error["input"])

    def test_a_message_with_braces_is_kept_as_it_is(self):
        """
        A message quoting input that names a context key ("{path}") is not filled in by pydantic.
        """
        with pytest.raises(gp.ValidationError) as ours:
            gp.from_dict(gp.Money, "{path}{message_zh}")
        with pytest.raises(pydantic.ValidationError) as caught:
            pydantic.TypeAdapter(Wire[gp.Money]).validate_python("{path}{message_zh}")
        assert "{path}" in ours.value.violations[0].message
        assert _ours(ours.value.violations) == _theirs(caught.value.errors())

    def test_an_instance_is_taken_as_it_is(self):
        """
        A record (valid by construction) given to a field is kept, not loaded again.
        """
        enterprise = gp.from_dict(gp.Enterprise, ENTERPRISE)
        assert enterprise is Filing(enterprise=enterprise).enterprise

    def test_lax_mode_reports_its_coercions_in_the_context(self):
        """
        Lax takes full-width digits; each coercion goes to the context's findings list.
        """
        found: list[gp.Violation] = []
        adapter = pydantic.TypeAdapter(Lax[gp.RegionCode])
        assert gp.RegionCode("450100") == adapter.validate_python(
            "４５０１００", context={"findings": found}
        )
        assert ["load.coerced"] == [v.code for v in found]
        with pytest.raises(pydantic.ValidationError):
            pydantic.TypeAdapter(Wire[gp.RegionCode]).validate_python("４５０１００")

    def test_unknown_keys_kept_round_trip(self):
        """
        With unknown="report" unknown keys are kept on extras, reported as info, and written back.
        """
        adapter = pydantic.TypeAdapter(Annotated[gp.Enterprise, Validated(unknown="report")])
        found: list[gp.Violation] = []
        data = ENTERPRISE | {"备注": "x"}
        enterprise = adapter.validate_python(data, context={"findings": found})
        assert ["load.unknown_key_kept"] == [v.code for v in found]
        assert "x" == enterprise.extras["备注"]
        assert "x" == json.loads(adapter.dump_json(enterprise))["备注"]

    def test_limits_hold(self):
        """
        The marker's limits are the loader's: data nested too deep is refused with our code.
        """
        adapter = pydantic.TypeAdapter(
            Annotated[list[gp.RegionCode], Validated(limits=gp.Limits(max_depth=1))]
        )
        with pytest.raises(pydantic.ValidationError) as caught:
            adapter.validate_python([["450100"]])
        assert ["load.too_deep"] == [e["type"] for e in caught.value.errors()]

    def test_bad_options_and_types_are_refused_early(self):
        """
        An unknown mode or unknown-key policy, or a type without a wire form, fails at definition.
        """
        with pytest.raises(ValueError, match="mode must be"):
            Validated(mode="loose")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="unknown must be"):
            Validated(unknown="drop")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="has no wire form"):
            pydantic.TypeAdapter(Annotated[complex, Validated()])

    def test_without_pydantic_the_import_names_the_extra(self, monkeypatch):
        """
        Importing the bridge without pydantic says which extra to install.
        """
        monkeypatch.setitem(sys.modules, "pydantic", None)
        monkeypatch.delitem(sys.modules, "gxai_policy.pydantic")
        with pytest.raises(ImportError, match=r"gxai-policy\[pydantic\]"):
            importlib.import_module("gxai_policy.pydantic")


def _loc(path: str) -> tuple[str, ...]:
    return tuple(t.replace("~1", "/").replace("~0", "~") for t in path.split("/")[1:])


class TestSerialisation:
    @given(enterprise=st.from_type(gp.Enterprise), subsidies=st.lists(st.from_type(gp.Subsidy)))
    def test_model_dump_json_is_our_wire_format_and_loads_back(self, enterprise, subsidies):
        """
        model_dump_json writes each field as gp.to_json does, and loading it gives the model back.
        """
        filing = Filing(enterprise=enterprise, subsidies=subsidies)
        text = filing.model_dump_json()
        expected = {
            "enterprise": json.loads(gp.to_json(enterprise)),
            "subsidies": json.loads(gp.to_json(subsidies)),
            "city": None,
        }
        assert expected == json.loads(text)
        assert filing == Filing.model_validate_json(text)

    def test_model_dump_writes_the_wire_form(self):
        """
        model_dump (Python mode) gives plain data, gp.to_dict's, as nested models give dicts.
        """
        enterprise = gp.from_dict(gp.Enterprise, ENTERPRISE)
        city = gp.RegionCode("450100")
        expected = {"enterprise": gp.to_dict(enterprise), "subsidies": [], "city": "450100"}
        assert expected == Filing(enterprise=enterprise, city=city).model_dump()


def _refs(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        own = {schema["$ref"]} if isinstance(schema.get("$ref"), str) else set()
        return own.union(*(_refs(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_refs(v) for v in schema))
    return set()


class TestSchema:
    @pytest.mark.parametrize("cls", RECORDS + VALUES, ids=lambda c: c.__name__)
    def test_a_field_type_has_our_schema(self, cls):
        """
        The JSON Schema pydantic publishes for the type is gp.json_schema's, in both modes.
        """
        expected = gp.json_schema(cls)
        # pydantic's document is its own: no dialect, no id of ours (see the merged model's).
        del expected["$schema"], expected["$id"]
        adapter = pydantic.TypeAdapter(Wire[cls])
        assert expected == adapter.json_schema()
        assert expected == adapter.json_schema(mode="serialization")

    def test_a_model_merges_our_definitions_and_keeps_labels(self):
        """
        A model's schema holds our definitions beside its own; a payload we take is valid by it.
        """
        schema = Filing.model_json_schema()
        ours = gp.json_schema(gp.Enterprise)["$defs"] | gp.json_schema(gp.Subsidy)["$defs"]
        assert ours == {name: schema["$defs"][name] for name in ours}
        assert (
            "智能制造"
            == schema["$defs"]["ScenarioDomain"]["x-labels"]["intelligent_manufacturing"]["zh"]
        )
        assert {f"#/$defs/{name}" for name in schema["$defs"]} == _refs(schema)
        jsonschema.Draft202012Validator(schema).validate({"enterprise": ENTERPRISE})

    def test_a_model_of_the_same_name_does_not_collide(self):
        """
        A pydantic model named like one of our records keeps its own definition beside ours.
        """

        class Enterprise(pydantic.BaseModel):
            nickname: str

        class Both(pydantic.BaseModel):
            mine: Enterprise
            ours: Wire[gp.Enterprise]

        schema = Both.model_json_schema()
        defs = schema["$defs"]
        mine = defs[schema["properties"]["mine"]["$ref"].rsplit("/", 1)[1]]
        ours = defs[schema["properties"]["ours"]["$ref"].rsplit("/", 1)[1]]
        assert (["nickname"], "uscc" in ours["properties"]) == (list(mine["properties"]), True)
        assert {f"#/$defs/{name}" for name in defs} >= _refs(schema)

    def test_fastapi_publishes_our_schema_in_its_components(self):
        """
        FastAPI's OpenAPI has our definitions under components, every reference resolving there.
        """
        app = FastAPI()

        @app.post("/enterprises")
        def post(
            enterprise: Annotated[gp.Enterprise, Validated(), Body()],
        ) -> Wire[gp.Enterprise]:
            return enterprise  # pragma: no cover - the schema is all this test needs

        openapi = app.openapi()
        components = openapi["components"]["schemas"]
        ours = gp.json_schema(gp.Enterprise)["$defs"]
        moved = json.loads(json.dumps(ours).replace("#/$defs/", "#/components/schemas/"))
        assert moved == {name: components[name] for name in ours}
        body = openapi["paths"]["/enterprises"]["post"]["requestBody"]
        assert (
            "#/components/schemas/Enterprise"
            == body["content"]["application/json"]["schema"]["$ref"]
        )
        assert {f"#/components/schemas/{name}" for name in components} >= _refs(openapi)
