"""
Write the small local intersphinx inventories in ``docs/_inv/``.

The docs are built with no network (here and in CI), so intersphinx cannot
fetch ``objects.inv`` from Python, attrs, cattrs, pendulum or Hypothesis.
This script writes, for each project, an inventory in Sphinx's format
version 2 holding exactly the objects our docs refer to, each with its real
documentation URI.  Run it after the docs start referring to a new object::

    /work/venv/bin/python docs/_ext/make_inventories.py

and commit the ``.inv`` files with it.  Check one with
``python -m sphinx.ext.intersphinx docs/_inv/python.inv``.
"""

from __future__ import annotations

import zlib
from pathlib import Path

INVENTORIES = Path(__file__).resolve().parent.parent / "_inv"

# (project, version, {name: (domain:role, uri)}); "$" in a uri stands for the name,
# as in every Sphinx inventory.
_LIBRARY = "library/{}.html#$"

_PYTHON: dict[str, tuple[str, str]] = {
    # built-in types, functions and constants
    "bool": ("py:class", "library/functions.html#bool"),
    "bytearray": ("py:class", "library/stdtypes.html#bytearray"),
    "bytes": ("py:class", "library/stdtypes.html#bytes"),
    "dict": ("py:class", "library/stdtypes.html#dict"),
    "float": ("py:class", "library/functions.html#float"),
    "frozenset": ("py:class", "library/stdtypes.html#frozenset"),
    "int": ("py:class", "library/functions.html#int"),
    "list": ("py:class", "library/stdtypes.html#list"),
    "memoryview": ("py:class", "library/stdtypes.html#memoryview"),
    "object": ("py:class", "library/functions.html#object"),
    "str": ("py:class", "library/stdtypes.html#str"),
    "tuple": ("py:class", "library/stdtypes.html#tuple"),
    "type": ("py:class", "library/functions.html#type"),
    "None": ("py:data", "library/constants.html#None"),
    # exceptions
    "Exception": ("py:exception", "library/exceptions.html#Exception"),
    "TypeError": ("py:exception", "library/exceptions.html#TypeError"),
    "ValueError": ("py:exception", "library/exceptions.html#ValueError"),
    # modules
    "argparse": ("py:module", "library/argparse.html#module-argparse"),
    "datetime": ("py:module", "library/datetime.html#module-datetime"),
    "decimal": ("py:module", "library/decimal.html#module-decimal"),
    "pickle": ("py:module", "library/pickle.html#module-pickle"),
    # standard library objects
    "argparse.ArgumentParser": ("py:class", _LIBRARY.format("argparse")),
    "collections.abc.Callable": ("py:class", _LIBRARY.format("collections.abc")),
    "collections.abc.Iterable": ("py:class", _LIBRARY.format("collections.abc")),
    "collections.abc.Iterator": ("py:class", _LIBRARY.format("collections.abc")),
    "collections.abc.Mapping": ("py:class", _LIBRARY.format("collections.abc")),
    "collections.abc.Sequence": ("py:class", _LIBRARY.format("collections.abc")),
    "datetime.date": ("py:class", _LIBRARY.format("datetime")),
    "datetime.datetime": ("py:class", _LIBRARY.format("datetime")),
    "decimal.Decimal": ("py:class", _LIBRARY.format("decimal")),
    "decimal.InvalidOperation": ("py:exception", _LIBRARY.format("decimal")),
    "fractions.Fraction": ("py:class", _LIBRARY.format("fractions")),
    "enum.Enum": ("py:class", _LIBRARY.format("enum")),
    "enum.StrEnum": ("py:class", _LIBRARY.format("enum")),
    "types.MappingProxyType": ("py:class", _LIBRARY.format("types")),
    "typing.Any": ("py:data", _LIBRARY.format("typing")),
    "typing.ClassVar": ("py:data", _LIBRARY.format("typing")),
    "typing.IO": ("py:class", _LIBRARY.format("typing")),
    "typing.Literal": ("py:data", _LIBRARY.format("typing")),
    "typing.Self": ("py:data", _LIBRARY.format("typing")),
}

_ATTRS: dict[str, tuple[str, str]] = {
    "attrs": ("py:module", "api.html#module-attrs"),
    "attrs.evolve": ("py:function", "api.html#$"),
    "attrs.field": ("py:function", "api.html#$"),
    "attrs.fields": ("py:function", "api.html#$"),
    "attrs.frozen": ("py:function", "api.html#$"),
}

_CATTRS: dict[str, tuple[str, str]] = {
    "cattrs": ("py:module", "cattrs.html#module-cattrs"),
    "cattrs.Converter": ("py:class", "cattrs.html#$"),
    "cattrs.transform_error": ("py:function", "cattrs.html#$"),
}

# pendulum's documentation is one page without per-object anchors: each object
# points at the section that introduces it.  Annotations name the classes by
# their defining modules (pendulum.date.Date), so both spellings are listed.
_PENDULUM_DOCS = {"Date": "#introduction", "DateTime": "#instantiation"}
_PENDULUM: dict[str, tuple[str, str]] = {
    "pendulum": ("py:module", "#introduction"),
    "pendulum.parse": ("py:function", "#parsing"),
    **{f"pendulum.{name}": ("py:class", anchor) for name, anchor in _PENDULUM_DOCS.items()},
    "pendulum.date.Date": ("py:class", _PENDULUM_DOCS["Date"]),
    "pendulum.datetime.DateTime": ("py:class", _PENDULUM_DOCS["DateTime"]),
}

# Annotations name SearchStrategy by its defining (private) module; it is the
# public hypothesis.strategies.SearchStrategy, documented on the same page.
_STRATEGIES = "reference/strategies.html#$"
_HYPOTHESIS: dict[str, tuple[str, str]] = {
    "hypothesis": ("py:module", "reference/api.html"),
    "hypothesis.errors.InvalidArgument": ("py:exception", "reference/api.html#$"),
    "hypothesis.given": ("py:function", "reference/api.html#$"),
    "hypothesis.settings": ("py:class", "reference/api.html#$"),
    "hypothesis.strategies.builds": ("py:function", _STRATEGIES),
    "hypothesis.strategies.from_type": ("py:function", _STRATEGIES),
    "hypothesis.strategies.SearchStrategy": ("py:class", _STRATEGIES),
    "hypothesis.strategies._internal.strategies.SearchStrategy": (
        "py:class",
        "reference/strategies.html#hypothesis.strategies.SearchStrategy",
    ),
}

PROJECTS: dict[str, tuple[str, str, dict[str, tuple[str, str]]]] = {
    "python": ("Python", "3.13", _PYTHON),
    "attrs": ("attrs", "25", _ATTRS),
    "cattrs": ("cattrs", "25", _CATTRS),
    "pendulum": ("pendulum", "3", _PENDULUM),
    "hypothesis": ("Hypothesis", "6", _HYPOTHESIS),
}


def inventory(project: str, version: str, objects: dict[str, tuple[str, str]]) -> bytes:
    """
    The bytes of a version 2 Sphinx inventory of *objects*.
    """
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(f"{name} {role} 1 {uri} -\n" for name, (role, uri) in sorted(objects.items()))
    return header.encode() + zlib.compress(lines.encode())


def main() -> None:
    INVENTORIES.mkdir(exist_ok=True)
    for key, (project, version, objects) in PROJECTS.items():
        (INVENTORIES / f"{key}.inv").write_bytes(inventory(project, version, objects))


if __name__ == "__main__":
    main()
