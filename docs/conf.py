"""
Sphinx configuration: MyST pages, furo, autodoc, doctests, local inventories.

Built by ``nox -s docs`` with ``-n -W`` (every warning, every unresolved
reference, an error) and again with the doctest builder.
"""

from __future__ import annotations

import doctest
import sys
from importlib.metadata import version as _version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

project = "gxai_policy"
author = "gxai_policy developers"
copyright = "gxai_policy developers; the founding letter is a public official document"
release = _version("gxai-policy")
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "gxai_docs",  # _ext/gxai_docs.py: writes the generated pages before reading
    "gxai_diagrams",  # _ext/gxai_diagrams.py: diagrams drawn from the library by Graphviz
]

exclude_patterns = ["_build", "_generated", "_inv", "_ext"]
# The generated pages are pulled into hand-written ones with {include}; Sphinx reads
# them only through those pages.

nitpicky = True
nitpick_ignore_regex = [
    # Module-level TypeVars (T, C, R …) appear in signatures as gxai_policy.serialize.T:
    # type parameters, not objects anyone can link to.
    ("py:class", r"gxai_policy(\.\w+)*\._?[A-Z]"),
    # The trimmed Python inventory of docs/_inv has no contextvars.Token.
    ("py:class", r"contextvars\.Token"),
    # ... nor os.PathLike (read_letter's paths).
    ("py:class", r"os\.PathLike"),
    # Dask publishes no inventory the docs build may fetch (it runs offline).
    ("py:(class|obj|func)", r"dask(\.\w+)*"),
    # docs/_inv holds no msgspec inventory (the build is offline); msgspec.Raw is in signatures.
    ("py:(class|obj|func)", r"msgspec(\.\w+)*"),
]

default_role = "py:obj"

# --- MyST --------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# --- autodoc and napoleon ----------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_typehints_format = "short"
autodoc_class_signature = "mixed"
# Types in signatures and fields show as Money, not gxai_policy.values.money.Money.
python_use_unqualified_type_names = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# --- doctest -----------------------------------------------------------------------
# Docstrings' own examples run under pytest (--doctest-modules); the docs build
# runs the examples written in the pages. Nothing is imported for them out of sight:
# each page shows its own imports, so that its examples pass pasted in order into a
# fresh interpreter (tests/test_docs_examples.py checks that too).
doctest_test_doctest_blocks = ""
doctest_default_flags = (
    doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE | doctest.DONT_ACCEPT_TRUE_FOR_1
)

# --- intersphinx: local inventories, no network --------------------------------------
# Each inventory is read from docs/_inv first (written by _ext/make_inventories.py);
# the remote one is only a fallback, never reached while the local file loads.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", ("_inv/python.inv", None)),
    "attrs": ("https://www.attrs.org/en/stable", ("_inv/attrs.inv", None)),
    "cattrs": ("https://catt.rs/en/stable", ("_inv/cattrs.inv", None)),
    "pendulum": ("https://pendulum.eustace.io/docs/", ("_inv/pendulum.inv", None)),
    "hypothesis": ("https://hypothesis.readthedocs.io/en/latest", ("_inv/hypothesis.inv", None)),
}

# --- HTML ---------------------------------------------------------------------------
html_theme = "furo"
html_title = f"gxai_policy {release}"
html_static_path = ["_static"]
# Code blocks wrap at the width of a phone instead of hiding what runs past it.
html_css_files = ["gxai.css"]

# --- copy buttons ---------------------------------------------------------------------
# The button copies what a reader types: the lines after `>>> ` and `... ` (or `$ `),
# without the prompts and without the output; a block without prompts is copied whole.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True
