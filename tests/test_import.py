"""
Importing the package: what loads eagerly, what on first use, and the rule catalogue.

`import gxai_policy` loads the records and values; the JSON edge (cattrs,
orjson), the letter reader, the checks, the policy functions and the schema
load when one of their names is first used.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gxai_policy as gp
from gxai_policy import rules

SRC = Path(gp.__file__).parent

# What a fresh `import gxai_policy` must not load.
HEAVY = (
    "cattrs",
    "orjson",
    "msgspec",
    "importlib.metadata",
    "gxai_policy.text",
    "gxai_policy.wire",
)


def _fresh(code: str) -> object:
    """
    The JSON *code* prints, run in a fresh interpreter.
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


class TestLazyNames:
    @pytest.mark.parametrize("name", sorted(gp._LAZY))
    def test_resolves_to_the_submodules_object(self, name):
        """
        A lazily loaded name is the very object its module defines.
        """
        module = importlib.import_module(gp._LAZY[name])
        assert getattr(module, name) is getattr(gp, name)

    def test_lazy_names_are_exported(self):
        """
        Every lazily loaded name is in __all__.
        """
        assert set(gp._LAZY) <= set(gp.__all__)

    @pytest.mark.parametrize("name", gp.__all__)
    def test_every_export_resolves(self, name):
        """
        Every name of __all__ is an attribute of the package.
        """
        assert hasattr(gp, name)

    def test_dir_lists_every_export(self):
        """
        dir() lists every name of __all__, loaded or not.
        """
        assert set(gp.__all__) <= set(dir(gp))

    def test_from_import_works(self):
        """
        `from gxai_policy import name` loads a lazy name.
        """
        from gxai_policy import from_json, parse_reply

        assert (from_json, parse_reply) == (gp.from_json, gp.parse_reply)

    def test_unknown_name_is_an_attribute_error(self):
        """
        A name the package does not have raises AttributeError naming it.
        """
        with pytest.raises(AttributeError, match="has no attribute 'from_yaml'"):
            gp.from_yaml  # noqa: B018 - the access is the test

    def test_version_is_the_distributions(self):
        """
        __version__ is the version the installed metadata declares (hatchling reads it).
        """
        from importlib.metadata import version

        assert version("gxai-policy") == gp.__version__


class TestFreshImport:
    def test_heavy_parts_stay_unloaded(self):
        """
        A fresh `import gxai_policy` loads neither the JSON edge nor the letter reader.
        """
        loaded = _fresh(
            "import json, sys; import gxai_policy; "
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))"
        )
        assert [] == loaded

    def test_first_use_loads_them(self):
        """
        Using a lazy name loads its module, and the result is cached on the package.
        """
        loaded = _fresh(
            "import json, sys; import gxai_policy as gp; f = gp.from_json; "
            "print(json.dumps(['gxai_policy.wire' in sys.modules, "
            "'from_json' in vars(gp)]))"
        )
        assert [True, True] == loaded

    def test_records_build_without_the_edge(self):
        """
        Records are built and validated with only what `import gxai_policy` loads.
        """
        loaded = _fresh(
            "import json, sys; import gxai_policy as gp; "
            "gp.Dataset(enterprises=(gp.Enterprise(name='广西智联视界智能科技有限公司', "
            "uscc=gp.USCC.parse('91450100MA5KB1XW1C')),)); gp.Money.parse('3.4亿元'); "
            "print(json.dumps([m for m in ('cattrs', 'orjson') if m in sys.modules]))"
        )
        assert [] == loaded


def _defines_rules(path: Path) -> bool:
    """
    Whether the module at *path* imports `define` or `define_family` from the rules module.

    Read from the syntax tree, not the text: ``define(`` is also a method name.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "gxai_policy.rules"
        and any(alias.name in ("define", "define_family") for alias in node.names)
        for node in ast.walk(tree)
    )


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class TestRuleCatalogue:
    def test_every_rule_module_is_listed(self):
        """
        Each module that defines rules is one RULES imports on first read.
        """
        defining = {_module_name(path) for path in SRC.rglob("*.py") if _defines_rules(path)}
        assert defining <= set(rules._RULE_MODULES)

    def test_listed_modules_define_rules(self):
        """
        Each module RULES imports defines rules (the list holds no stale names).
        """
        listed = {name: SRC.parent.joinpath(*name.split(".")) for name in rules._RULE_MODULES}
        assert all(_defines_rules(path.with_suffix(".py")) for path in listed.values())

    def test_complete_on_first_read(self):
        """
        RULES read before anything else holds as many rules as after importing every module.
        """
        modules = ", ".join(rules._RULE_MODULES)
        first, everything = _fresh(
            "import json; from gxai_policy.rules import RULES; n = len(RULES); "
            f"import {modules}; from gxai_policy.rules import _RULES; "
            "print(json.dumps([n, len(_RULES)]))"
        )
        assert everything == first
        assert first > 150

    @pytest.mark.parametrize(
        "read",
        [
            "len(RULES)",
            "list(RULES)",
            "RULES['letter.no_body'].code",
            "RULES.get('money.negative').code",
            "dict(RULES.items())",
            "'figures.sum_mismatch' in RULES",
            "list(RULES.values())",
        ],
    )
    def test_any_read_completes_it(self, read):
        """
        Whichever way RULES is first read, the rules of the unloaded modules are in it.
        """
        count = _fresh(
            "import json; import gxai_policy as gp; from gxai_policy.rules import RULES; "
            f"{read}; print(json.dumps(len(gp.rules._RULES)))"
        )
        assert len(gp.RULES) == count

    def test_sorted_by_code(self):
        """
        RULES iterates in code order, also after a new definition.
        """
        codes = _fresh(
            "import json; from gxai_policy.rules import RULES, Trigger, define; list(RULES); "
            "define('aaa.first', applies_to='Money', summary='s', summary_zh='中', "
            "source='s', example='', trigger=Trigger.PARSE); "
            "print(json.dumps(list(RULES)))"
        )
        assert isinstance(codes, list)
        assert sorted(codes) == codes
        assert "aaa.first" == codes[0]

    def test_read_only(self):
        """
        RULES cannot be changed through the mapping.
        """
        with pytest.raises(TypeError):
            gp.RULES["x.y"] = gp.RULES["money.negative"]  # type: ignore[index]
